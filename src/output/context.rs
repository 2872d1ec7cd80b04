//! What every page's context shares: the site's view (title, navigation,
//! base path), links made the one way, and each project's card and
//! similar-projects line rendered once.

use super::{OutFile, OutputError, Theme};
use crate::config::{Facet, UNSTATED};
use crate::model::{Entry, Site};
use crate::present;
use crate::util::url as urls;
use serde::Serialize;
use std::path::PathBuf;
use tera::Context;

/// A text and the page it leads to; no page (`null` in templates) for a
/// value whose facet the site does not have, so it is shown as text.
#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub(super) text: String,
    pub(super) url: Option<String>,
}

#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) base_path: String,
    pub(super) base_url: &'a str,
    pub(super) nav: Vec<Link>,
}

/// A project as listed on the home, catalog and facet pages.
#[derive(Serialize)]
pub(super) struct Card {
    pub(super) title: String,
    pub(super) url: String,
    pub(super) number: Option<String>,
    pub(super) place: String,
    pub(super) year: Option<u32>,
    pub(super) level: String,
    pub(super) plan: Option<String>,
    pub(super) category: Link,
    pub(super) audience: Vec<String>,
    pub(super) stages: Vec<String>,
    pub(super) modes: Vec<String>,
    pub(super) offline: String,
    pub(super) online: String,
    pub(super) work_item: bool,
    /// An entry of the national guidance: a kind of project, no figures.
    pub(super) guidance: bool,
    /// Of a plan of an earlier year ([`crate::model::Site::is_past`]).
    pub(super) past: bool,
    /// Not yet reviewed: shown only by `serve` and `build --drafts`.
    pub(super) draft: bool,
}

#[derive(Serialize)]
pub(super) struct SimilarView<'a> {
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) place: String,
    pub(super) year: Option<u32>,
    pub(super) offline: String,
    pub(super) online: String,
    pub(super) funding: String,
}

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    pub(super) base: String,
    /// The site's view as Tera holds it, made once: maps and long strings
    /// in a `tera::Value` are shared, so each page takes a cheap copy
    /// instead of serializing the view again.
    pub(super) site_value: tera::Value,
    /// Each project's card and similar-projects line (when pages are
    /// rendered), made once.
    pub(super) listed: Vec<std::sync::Arc<Listed>>,
    /// The page of each value of each of `site.facets` (none for a value
    /// without pages), made once: pages link a dozen values each.
    facet_urls: Vec<Vec<Option<String>>>,
    /// Per catalog, what its project pages say of a past plan (null when
    /// it is not one), made when first asked for: finding the place's
    /// newer plan looks through every catalog.
    past: Vec<std::sync::OnceLock<tera::Value>>,
}

/// A project as other pages list it, made once per project: its
/// `card.html` (the list pages show each card many times between them) and
/// its `similar_item.html` (every project page lists a few other projects,
/// and interpreting the item's template for each was a large part of the
/// project pages' time).
pub(crate) struct Listed {
    // Boxed: exactly their length, where a rendered `String` keeps the
    // room it grew into (100,000 of each are kept).
    pub(super) card: Box<str>,
    pub(super) similar_item: Box<str>,
}

impl<'a> Ctx<'a> {
    pub(super) fn link(&self, path: &str) -> String {
        format!("{}{}", self.base, urls::link_path(path))
    }

    /// The page of a facet value, if the site has the facet and the value
    /// a page (a region whose catalog lists no project yet has none).
    pub(super) fn facet_url(&self, facet: Facet, value: &str) -> Option<String> {
        let (values, urls) = self
            .site
            .facets
            .iter()
            .zip(&self.facet_urls)
            .find(|(f, _)| f.facet == facet)?;
        urls.get(values.position(value)?)?.clone()
    }

    pub(super) fn category_link(&self, key: &str) -> Link {
        let label = self
            .site
            .config
            .category(key)
            .map_or(key.to_string(), |c| c.label.clone());
        Link {
            text: label,
            url: self.facet_url(Facet::Category, key),
        }
    }

    /// A facet value with its page: 未注明 as the facet says it
    /// (未注明（不限）).
    pub(super) fn facet_link(&self, facet: Facet, value: &str) -> Link {
        let text = match facet.unstated_label() {
            Some(label) if value == UNSTATED => label.to_string(),
            _ => value.to_string(),
        };
        Link {
            text,
            url: self.facet_url(facet, value),
        }
    }

    /// What the pages of catalog `index`'s projects say of a past plan: its
    /// year and place, and the place's newer plan; null when not past.
    pub(super) fn past(&self, index: usize) -> tera::Value {
        let Some(once) = self.past.get(index) else {
            return tera::Value::none();
        };
        once.get_or_init(|| {
            let c = &self.site.catalogs[index];
            let past = self.site.is_past(c).then(|| {
                let newer = self.site.newer_plan_of_place(c).map(|n| {
                    serde_json::json!({
                        "title": n.title,
                        "place": n.place(),
                        "url": self.link(&urls::catalog(&n.slug)),
                    })
                });
                serde_json::json!({ "year": c.year, "place": c.place(), "newer": newer })
            });
            tera::Value::from_serializable(&past)
        })
        .clone()
    }

    /// How one project is listed on other pages.
    pub(super) fn render_listed(&self, theme: &Theme, e: Entry) -> Result<Listed, OutputError> {
        Ok(Listed {
            card: self.render_card(theme, e)?.into_boxed_str(),
            similar_item: self.render_similar_item(theme, e)?.into_boxed_str(),
        })
    }

    /// `card.html` for one project.
    fn render_card(&self, theme: &Theme, e: Entry) -> Result<String, OutputError> {
        let mut ctx = Context::new();
        ctx.insert("card", &self.card(e));
        theme.render("card.html", &ctx)
    }

    /// `similar_item.html` for one project: its line in other projects'
    /// "similar projects elsewhere".
    fn render_similar_item(&self, theme: &Theme, e: Entry) -> Result<String, OutputError> {
        let (o, oc) = (e.project, e.catalog);
        let item = SimilarView {
            title: &o.title,
            url: self.link(&urls::project(&o.slug)),
            place: oc.place(),
            year: oc.year,
            offline: present::offline(o),
            online: present::online(o),
            funding: present::funding_line(o),
        };
        let mut ctx = Context::new();
        ctx.insert("s", &item);
        theme.render("similar_item.html", &ctx)
    }

    /// The cards of `site.projects[i]` for each `i`, concatenated.
    pub(super) fn cards_html(&self, indexes: impl IntoIterator<Item = usize>) -> String {
        indexes
            .into_iter()
            .filter_map(|i| self.listed.get(i))
            .map(|l| &*l.card)
            .collect()
    }

    pub(super) fn card(&self, e: Entry) -> Card {
        let (p, c) = (e.project, e.catalog);
        Card {
            title: p.title.clone(),
            url: self.link(&urls::project(&p.slug)),
            number: p.number.clone(),
            place: c.place(),
            year: c.year,
            level: p.level.clone(),
            plan: p.plan.clone(),
            category: self.category_link(&p.category),
            audience: p.audience.clone(),
            stages: p.stages.clone(),
            modes: p.modes.clone(),
            offline: present::offline(p),
            online: present::online(p),
            work_item: p.work_item,
            guidance: e.is_guidance(),
            past: self.site.is_past(c),
            draft: p.draft || c.draft,
        }
    }

    pub(super) fn context(&self, title: &str, path: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert_value("site", self.site_value.clone());
        ctx.insert("page_title", title);
        ctx.insert(
            "page_url",
            &self.site.config.absolute_url(&urls::encode_path(path)),
        );
        ctx.insert("page_path", &self.link(path));
        ctx
    }
}

pub(super) fn html_file(path: &str, html: Vec<u8>) -> OutFile {
    OutFile {
        path: PathBuf::from(path).join("index.html"),
        bytes: html,
    }
}

impl<'a> Ctx<'a> {
    /// The context of `site`'s pages, before any card is made.
    pub(super) fn new(site: &'a Site) -> Ctx<'a> {
        let base = site.config.base_path();
        let mut nav = vec![
            Link {
                text: "全部项目".into(),
                url: Some(base.clone()),
            },
            Link {
                text: "发布文件".into(),
                url: Some(format!("{base}catalogs/")),
            },
            Link {
                text: "对比".into(),
                url: Some(format!("{base}compare/")),
            },
        ];
        for f in site.facets.iter() {
            if matches!(
                f.facet,
                Facet::Region | Facet::Category | Facet::Audience | Facet::Stages
            ) && !f.values.is_empty()
            {
                nav.push(Link {
                    text: f.facet.label().to_string(),
                    url: Some(format!("{base}{}/", urls::link_path(f.facet.path()))),
                });
            }
        }
        let facet_urls = site
            .facets
            .iter()
            .map(|f| {
                f.values
                    .iter()
                    .map(|v| {
                        v.listed.then(|| {
                            let path =
                                urls::facet_value(f.facet.path(), &urls::segment(&v.segment));
                            format!("{base}{}", urls::link_path(&path))
                        })
                    })
                    .collect()
            })
            .collect();
        Ctx {
            site,
            facet_urls,
            past: (0..site.catalogs.len())
                .map(|_| Default::default())
                .collect(),
            base: base.clone(),
            site_value: tera::Value::from_serializable(&SiteView {
                title: &site.config.title,
                description: &site.config.description,
                base_path: base,
                base_url: &site.config.base_url,
                nav,
            }),
            listed: Vec::new(),
        }
    }
}

/// Links between the pages of a long list: a facet value's cards, a
/// comparison table's rows.
#[derive(Serialize)]
pub(super) struct Pagination {
    pub(super) current: usize,
    pub(super) total: usize,
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
    pub(super) pages: Vec<PageLink>,
}

/// One entry of the page list: a page, or (`gap`, without a URL) the place
/// of the pages far from the current one that are left out.
#[derive(Serialize)]
pub(super) struct PageLink {
    pub(super) number: usize,
    pub(super) url: String,
    pub(super) current: bool,
    pub(super) gap: bool,
}

/// Pages listed on each side of the current one. Listing every page made
/// the links of a list grow with the square of its length: at 100,000
/// projects a 1,000-page list carried a million links, 9 % of the site.
const PAGES_AROUND: usize = 2;

impl Pagination {
    /// Page `page` of `total`, each page's URL from `link`; `None` for a
    /// list of one page. The list names the first and last pages and those
    /// near the current one; a gap of one page is shown as that page.
    pub(super) fn of(
        page: usize,
        total: usize,
        link: impl Fn(usize) -> String,
    ) -> Option<Pagination> {
        let near = page.saturating_sub(PAGES_AROUND).max(1)..=(page + PAGES_AROUND).min(total);
        let shown = |n: usize| {
            n == 1 || n == total || near.contains(&n) || {
                // A lone page between two shown ones is worth more than "…".
                let (before, after) = (n - 1, n + 1);
                (before == 1 || near.contains(&before)) && (after == total || near.contains(&after))
            }
        };
        let mut pages = Vec::new();
        for n in 1..=total {
            if shown(n) {
                pages.push(PageLink {
                    number: n,
                    url: link(n),
                    current: n == page,
                    gap: false,
                });
            } else if pages.last().is_some_and(|p: &PageLink| !p.gap) {
                pages.push(PageLink {
                    number: n,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
        }
        (total > 1).then(|| Pagination {
            current: page,
            total,
            prev: (page > 1).then(|| link(page - 1)),
            next: (page < total).then(|| link(page + 1)),
            pages,
        })
    }
}
