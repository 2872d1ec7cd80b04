//! Page views: small, flat structs built once per page with only what the
//! template shows. Figures are formatted here (units, "不少于", 未注明) so
//! every template shows them the same way.

use super::{OutFile, Parts, RenderCache, RenderError, Selection, Theme};
use crate::config::Facet;
use crate::content::{Catalog, Funding, Project, GUIDANCE_KIND};
use crate::model::{Entry, Site};
use crate::util::timing::phase;
use crate::util::url as urls;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::path::PathBuf;
use tera::Context;

pub const MISSING: &str = "未注明";

#[derive(Serialize, Clone)]
pub(super) struct Link {
    pub(super) text: String,
    pub(super) url: String,
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_path: String,
    base_url: &'a str,
    nav: Vec<Link>,
}

/// How many "similar projects elsewhere" a project page shows.
pub(super) const SIMILAR_SHOWN: usize = 12;

/// A project as listed on the home, catalog and facet pages.
#[derive(Serialize)]
struct Card {
    title: String,
    url: String,
    number: Option<String>,
    place: String,
    year: Option<u32>,
    level: String,
    plan: Option<String>,
    category: Link,
    audience: Vec<String>,
    stages: Vec<String>,
    modes: Vec<String>,
    offline: String,
    online: String,
    work_item: bool,
    /// An entry of the national guidance: a kind of project, no figures.
    guidance: bool,
}

#[derive(Serialize)]
struct Fact {
    label: &'static str,
    /// One of these is set: plain text, links, or a list of lines.
    text: Option<String>,
    links: Vec<Link>,
    lines: Vec<String>,
    missing: bool,
}

#[derive(Serialize)]
struct SimilarView<'a> {
    title: &'a str,
    url: String,
    place: String,
    year: Option<u32>,
    offline: String,
    online: String,
    funding: String,
}

pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub fn offline_text(p: &Project) -> String {
    let Some(days) = p.offline_days else {
        return MISSING.into();
    };
    let mut s = format!(
        "{}{days}天",
        if p.offline_days_at_least {
            "不少于"
        } else {
            ""
        }
    );
    if !p.offline_parts.is_empty() {
        let parts: Vec<String> = p
            .offline_parts
            .iter()
            .map(|x| format!("{}{}天", x.place, x.days))
            .collect();
        s.push_str(&format!("（{}）", parts.join("+")));
    }
    s
}

pub fn online_text(p: &Project) -> String {
    match p.online_hours {
        Some(h) => format!(
            "{}{h}学时",
            if p.online_hours_at_least {
                "不少于"
            } else {
                ""
            }
        ),
        None => MISSING.into(),
    }
}

/// Every funding item of a project, joined by "；", or the missing mark.
pub fn funding_line(p: &Project) -> String {
    if p.funding.is_empty() {
        return MISSING.into();
    }
    p.funding
        .iter()
        .map(funding_text)
        .collect::<Vec<_>>()
        .join("；")
}

pub fn funding_text(f: &Funding) -> String {
    let mut s = format!("{}{}", fmt_num(f.amount), f.unit);
    if !f.item.is_empty() {
        s = format!("{}：{s}", f.item);
    }
    if let Some(n) = &f.note {
        s.push_str(&format!("（{n}）"));
    }
    s
}

pub(super) struct Ctx<'a> {
    pub(super) site: &'a Site,
    base: String,
    /// The site's view as Tera holds it, made once: maps and long strings
    /// in a `tera::Value` are shared, so each page takes a cheap copy
    /// instead of serializing the view again (12,000 pages at 10,000
    /// projects).
    site_value: tera::Value,
    /// Each project's `card.html` (when pages are rendered), made once: at
    /// 10,000 projects the list pages show 100,000 cards between them.
    cards: Vec<std::sync::Arc<str>>,
    /// Each project's `similar_item.html`, made once: a project page lists
    /// a dozen other projects (120,000 items at 10,000 projects), and
    /// interpreting the item's template for each was a quarter of the
    /// project pages' time.
    similar_items: Vec<std::sync::Arc<str>>,
}

impl<'a> Ctx<'a> {
    pub(super) fn link(&self, path: &str) -> String {
        format!("{}{}", self.base, urls::encode_path(path))
    }

    fn category_link(&self, key: &str) -> Link {
        let label = self
            .site
            .config
            .category(key)
            .map_or(key.to_string(), |c| c.label.clone());
        Link {
            text: label,
            url: self.link(&urls::facet_value("categories", &urls::segment(key))),
        }
    }

    fn facet_link(&self, facet_path: &str, value: &str) -> Link {
        Link {
            text: value.to_string(),
            url: self.link(&urls::facet_value(facet_path, &urls::segment(value))),
        }
    }

    /// `card.html` for one project.
    fn render_card(&self, theme: &Theme, e: Entry) -> Result<String, RenderError> {
        let mut ctx = Context::new();
        ctx.insert("card", &self.card(e));
        theme.render("card.html", &ctx)
    }

    /// `similar_item.html` for one project: its line in other projects'
    /// "similar projects elsewhere".
    fn render_similar_item(&self, theme: &Theme, e: Entry) -> Result<String, RenderError> {
        let (o, oc) = (e.project, e.catalog);
        let item = SimilarView {
            title: &o.title,
            url: self.link(&urls::project(&o.slug)),
            place: oc.place(),
            year: oc.year,
            offline: offline_text(o),
            online: online_text(o),
            funding: funding_line(o),
        };
        let mut ctx = Context::new();
        ctx.insert("s", &item);
        theme.render("similar_item.html", &ctx)
    }

    /// The cards of `site.projects[i]` for each `i`, concatenated.
    fn cards_html(&self, indexes: impl IntoIterator<Item = usize>) -> String {
        indexes.into_iter().map(|i| &*self.cards[i]).collect()
    }

    fn card(&self, e: Entry) -> Card {
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
            offline: offline_text(p),
            online: online_text(p),
            work_item: p.work_item,
            guidance: e.is_guidance(),
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

pub fn render_all(
    site: &Site,
    theme: &Theme,
    selection: &Selection,
    parts: Parts,
    with_index: bool,
    cache: Option<&RenderCache>,
) -> Result<Vec<OutFile>, RenderError> {
    // The index and the pages side by side: each has serial stretches
    // (partitioning postings; catalog pages, feeds, JSON) the other fills.
    let (pages, index) = rayon::join(
        || render_pages(site, theme, selection, parts, cache),
        || with_index.then(|| super::search_index_files(site)),
    );
    let mut files = pages?;
    files.extend(index.into_iter().flatten());
    Ok(files)
}

fn render_pages(
    site: &Site,
    theme: &Theme,
    selection: &Selection,
    parts: Parts,
    cache: Option<&RenderCache>,
) -> Result<Vec<OutFile>, RenderError> {
    let base = site.config.base_path();
    let mut nav = vec![
        Link {
            text: "全部项目".into(),
            url: base.clone(),
        },
        Link {
            text: "发布文件".into(),
            url: format!("{base}catalogs/"),
        },
        Link {
            text: "对比".into(),
            url: format!("{base}compare/"),
        },
    ];
    for f in &site.facets {
        if matches!(
            f.facet,
            Facet::Region | Facet::Category | Facet::Audience | Facet::Stages
        ) {
            nav.push(Link {
                text: f.facet.label().to_string(),
                url: format!("{base}{}/", urls::encode_path(f.facet.path())),
            });
        }
    }
    let mut cx = Ctx {
        site,
        base: base.clone(),
        site_value: tera::Value::from_serializable(&SiteView {
            title: &site.config.title,
            description: &site.config.description,
            base_path: base,
            base_url: &site.config.base_url,
            nav,
        }),
        cards: Vec::new(),
        similar_items: Vec::new(),
    };
    if parts.pages {
        let all: Vec<Entry> = site.entries().collect();
        let cards = phase("cards", || {
            super::try_per_project(&all, cache.map(|c| &c.cards), |e| cx.render_card(theme, e))
        })?;
        cx.cards = cards;
        cx.similar_items = phase("similar items", || {
            super::try_per_project(&all, cache.map(|c| &c.similar_items), |e| {
                cx.render_similar_item(theme, e)
            })
        })?;
    }

    let mut files = Vec::new();
    if parts.pages {
        files.extend(phase("project pages", || {
            (0..site.projects.len())
                .into_par_iter()
                .map(|i| site.entry(i))
                .filter(|e| selection.project(&e.project.slug))
                .map(|e| project_page(&cx, theme, e))
                .collect::<Result<Vec<_>, _>>()
        })?);
        files.extend(phase("catalog pages", || {
            site.catalogs
                .par_iter()
                .enumerate()
                .filter(|(_, c)| selection.catalog(&c.slug))
                .map(|(i, c)| catalog_page(&cx, theme, i, c))
                .collect::<Result<Vec<_>, _>>()
        })?);
        files.push(catalogs_index(&cx, theme)?);
        files.push(phase("home page", || home_page(&cx, theme))?);
        files.extend(phase("facet pages", || facet_pages(&cx, theme, selection))?);
        files.push(OutFile {
            path: "404.html".into(),
            bytes: theme.render_bytes("404.html", &cx.context("页面不存在", "404.html"))?,
        });
    }
    if parts.aggregates {
        files.extend(phase("comparison pages", || {
            super::compare::compare_pages(&cx, theme, selection)
        })?);
        let feeds = phase("sitemap and feed", || -> Result<_, RenderError> {
            Ok([sitemap(&cx, theme)?, atom(&cx, theme)?])
        })?;
        files.extend(feeds);
        files.push(OutFile {
            path: "catalog.json".into(),
            bytes: phase("catalog.json", || catalog_json(site, cache)).into_bytes(),
        });
        let docs = phase("search_docs.json", || {
            super::search_docs(
                site,
                |slug| cx.link(&urls::project(slug)),
                cache.map(|c| &c.search_docs),
            )
        });
        files.push(OutFile {
            path: "search_docs.json".into(),
            bytes: docs.main.into_bytes(),
        });
        for (k, details) in docs.details.into_iter().enumerate() {
            files.push(OutFile {
                path: format!("search_docs/{k}.json").into(),
                bytes: details.into_bytes(),
            });
        }
    }
    Ok(files)
}

fn project_page(cx: &Ctx, theme: &Theme, e: Entry) -> Result<OutFile, RenderError> {
    let site = cx.site;
    let (p, c) = (e.project, e.catalog);
    let body_html = &p.body.html;
    let path = urls::project(&p.slug);
    let guidance = e.is_guidance();
    // A guidance entry has no days or head counts to miss; a training does.
    let figures = !guidance;
    let mut facts: Vec<Fact> = Vec::new();
    let mut fact = |label: &'static str,
                    text: Option<String>,
                    links: Vec<Link>,
                    lines: Vec<String>,
                    show_missing: bool| {
        let missing = text.is_none() && links.is_empty() && lines.is_empty();
        if !missing || show_missing {
            facts.push(Fact {
                label,
                text: if missing { Some(MISSING.into()) } else { text },
                links,
                lines,
                missing,
            });
        }
    };
    // Guidance entries are not in the facets, so their region has no facet page.
    let mut place = if guidance {
        vec![Link {
            text: c.region.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
        }]
    } else {
        vec![cx.facet_link("regions", &c.region)]
    };
    if let Some(d) = &c.district {
        place.push(Link {
            text: d.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
        });
    }
    fact("地区", None, place, vec![], true);
    fact(
        "年度",
        None,
        c.year
            .map(|y| cx.facet_link("years", &y.to_string()))
            .into_iter()
            .collect(),
        vec![],
        figures,
    );
    let level = match &p.plan {
        Some(plan) => format!("{}（{}）", plan, p.level),
        None => p.level.clone(),
    };
    fact(
        "计划与级别",
        None,
        vec![Link {
            text: level,
            url: cx.link(&urls::facet_value("levels", &urls::segment(&p.level))),
        }],
        vec![],
        true,
    );
    fact(
        "项目类别",
        None,
        vec![cx.category_link(&p.category)],
        vec![],
        true,
    );
    fact(
        "培训对象",
        None,
        p.audience
            .iter()
            .map(|a| cx.facet_link("audience", a))
            .collect(),
        vec![],
        figures,
    );
    fact(
        "学段",
        None,
        p.stages
            .iter()
            .map(|a| cx.facet_link("stages", a))
            .collect(),
        vec![],
        false,
    );
    if let Some(g) = site
        .guidance_entry(&p.category)
        .map(|g| g.project)
        .filter(|_| !guidance)
    {
        fact(
            "指导方案",
            None,
            vec![Link {
                text: format!("{} {}", g.number.as_deref().unwrap_or(""), g.title)
                    .trim()
                    .to_string(),
                url: cx.link(&urls::project(&g.slug)),
            }],
            vec![],
            false,
        );
    }
    fact("参训条件", p.eligibility.clone(), vec![], vec![], false);
    fact(
        "涉及区县",
        (!p.counties.is_empty()).then(|| p.counties.join("、")),
        vec![],
        vec![],
        false,
    );
    fact(
        "培训方式",
        None,
        p.modes.iter().map(|a| cx.facet_link("modes", a)).collect(),
        vec![],
        figures,
    );
    fact(
        "线下集中",
        p.offline_days.map(|_| offline_text(p)),
        vec![],
        vec![],
        figures,
    );
    fact(
        "网络研修",
        p.online_hours.map(|_| online_text(p)),
        vec![],
        vec![],
        figures,
    );
    fact("时长说明", p.duration_text.clone(), vec![], vec![], false);
    fact(
        "项目周期",
        p.cycle_years.map(|y| format!("{y}年")),
        vec![],
        vec![],
        false,
    );
    fact("实施时间", p.period.clone(), vec![], vec![], false);
    fact(
        "计划人数",
        p.trainees.map(|t| format!("{t}人")),
        vec![],
        vec![],
        figures,
    );
    fact(
        "经费标准",
        None,
        vec![],
        p.funding.iter().map(funding_text).collect(),
        figures,
    );
    fact("申报单位", None, vec![], p.applicants.clone(), false);

    let subs = sub_project_table(p);
    let similar_html: String = site
        .similar(e.index)
        .take(SIMILAR_SHOWN)
        .filter_map(|o| cx.similar_items.get(o.index).map(|h| &**h))
        .collect();
    let mut ctx = cx.context(&p.title, &path);
    // Borrowed views: a `json!` value would be built only to be converted
    // into Tera's own values again.
    #[derive(Serialize)]
    struct ProjectHead<'a> {
        slug: &'a str,
        title: &'a str,
        number: Option<&'a str>,
        section: &'a [String],
        work_item: bool,
        place: String,
        year: Option<u32>,
    }
    #[derive(Serialize)]
    struct CatalogHead<'a> {
        title: &'a str,
        url: String,
        issuer: Option<&'a str>,
        source: Option<&'a str>,
        source_url: Option<&'a str>,
        published: Option<&'a str>,
    }
    ctx.insert(
        "project",
        &ProjectHead {
            slug: &p.slug,
            title: &p.title,
            number: p.number.as_deref(),
            section: &p.section,
            work_item: p.work_item,
            place: c.place(),
            year: c.year,
        },
    );
    ctx.insert(
        "catalog",
        &CatalogHead {
            title: &c.title,
            url: cx.link(&urls::catalog(&c.slug)),
            issuer: c.issuer.as_deref(),
            source: c.source.as_deref(),
            source_url: c.source_url.as_deref(),
            published: c.published.as_deref(),
        },
    );
    ctx.insert("facts", &facts);
    ctx.insert("sub_projects", &subs);
    ctx.insert("body", body_html);
    ctx.insert("similar_html", &similar_html);
    ctx.insert("category", &cx.category_link(&p.category));
    ctx.insert("guidance", &guidance);
    // Guidance entries are not compared; templates test these for null.
    let data = (!guidance).then(|| super::compare::project_data(cx, e));
    let compare_url =
        (!guidance).then(|| cx.link(&format!("compare/{}/", urls::segment(&p.category))));
    ctx.insert("data", &data);
    ctx.insert("compare_url", &compare_url);
    Ok(html_file(&path, theme.render_bytes("project.html", &ctx)?))
}

/// The document rebuilt: section headings as they change, projects in between.
fn catalog_page(
    cx: &Ctx,
    theme: &Theme,
    index: usize,
    c: &Catalog,
) -> Result<OutFile, RenderError> {
    let preamble = &c.body.html;
    #[derive(Serialize)]
    struct Block {
        heading: Option<Heading>,
        /// The card's HTML (`card.html`).
        card: Option<String>,
    }
    #[derive(Serialize, Clone)]
    struct Heading {
        level: usize,
        text: String,
        id: String,
    }
    let mut blocks = Vec::new();
    let mut toc = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut count = 0;
    for e in cx.site.projects_of(index) {
        let (i, p) = (e.index, e.project);
        let common = current
            .iter()
            .zip(&p.section)
            .take_while(|(a, b)| a == b)
            .count();
        for (depth, text) in p.section.iter().enumerate().skip(common) {
            let h = Heading {
                level: depth + 2,
                text: text.clone(),
                id: format!("s-{}", toc.len() + 1),
            };
            toc.push(h.clone());
            blocks.push(Block {
                heading: Some(h),
                card: None,
            });
        }
        current = p.section.clone();
        blocks.push(Block {
            heading: None,
            card: Some(cx.cards[i].to_string()),
        });
        count += 1;
    }
    let path = urls::catalog(&c.slug);
    let mut ctx = cx.context(&c.title, &path);
    ctx.insert("catalog", &json!({
        "title": c.title, "issuer": c.issuer, "place": c.place(), "year": c.year, "kind": c.kind,
        "source": c.source, "source_url": c.source_url, "published": c.published,
        // A guidance document's region (全国) has no facet page: its entries are not in facets.
        "region_url": (c.kind != GUIDANCE_KIND).then(|| cx.link(&urls::facet_value("regions", &urls::segment(&c.region)))),
        "count": count,
    }));
    ctx.insert("preamble", preamble);
    ctx.insert("toc", &toc);
    ctx.insert("blocks", &blocks);
    Ok(html_file(&path, theme.render_bytes("catalog.html", &ctx)?))
}

#[derive(Serialize)]
struct CatalogSummary {
    title: String,
    url: String,
    place: String,
    year: Option<u32>,
    kind: String,
    count: usize,
}

fn catalog_summaries(cx: &Ctx) -> Vec<CatalogSummary> {
    cx.site
        .catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| CatalogSummary {
            title: c.title.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
            place: c.place(),
            year: c.year,
            kind: c.kind.clone(),
            count: cx.site.projects_of(i).count(),
        })
        .collect()
}

fn catalogs_index(cx: &Ctx, theme: &Theme) -> Result<OutFile, RenderError> {
    let mut ctx = cx.context("发布文件", "catalogs/");
    ctx.insert("catalogs", &catalog_summaries(cx));
    Ok(html_file(
        "catalogs/",
        theme.render_bytes("catalogs.html", &ctx)?,
    ))
}

#[derive(Serialize)]
struct FacetView {
    key: &'static str,
    label: &'static str,
    url: String,
    values: Vec<FacetValueView>,
}

/// Links between the pages of a long facet value list.
#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

#[derive(Serialize)]
struct FacetValueView {
    label: String,
    value: String,
    url: String,
    count: usize,
}

fn facet_views(cx: &Ctx) -> Vec<FacetView> {
    cx.site
        .facets
        .iter()
        .map(|f| FacetView {
            key: f.facet.key(),
            label: f.facet.label(),
            url: cx.link(&format!("{}/", f.facet.path())),
            values: f
                .values
                .iter()
                .map(|v| FacetValueView {
                    label: v.label.clone(),
                    value: v.value.clone(),
                    url: cx.link(&urls::facet_value(
                        f.facet.path(),
                        &urls::segment(&v.segment),
                    )),
                    count: v.projects.len(),
                })
                .collect(),
        })
        .collect()
}

fn home_page(cx: &Ctx, theme: &Theme) -> Result<OutFile, RenderError> {
    #[derive(Serialize)]
    struct Group {
        catalog: CatalogSummary,
        /// The catalog's cards as HTML (`card.html`).
        cards_html: String,
    }
    let total = cx.site.listed().count();
    let all_cards = total <= cx.site.config.search.home_cards_max;
    let groups: Vec<Group> = catalog_summaries(cx)
        .into_iter()
        .zip(cx.site.catalogs.iter().enumerate())
        .filter(|(_, (_, c))| !c.is_guidance())
        .map(|(summary, (i, _))| Group {
            catalog: summary,
            cards_html: if all_cards {
                cx.cards_html(cx.site.projects_of(i).map(|e| e.index))
            } else {
                String::new()
            },
        })
        .collect();
    let mut ctx = cx.context(&cx.site.config.title, "");
    ctx.insert("groups", &groups);
    ctx.insert("facets", &facet_views(cx));
    ctx.insert("total", &total);
    ctx.insert("all_cards", &all_cards);
    let guidance: Vec<Link> = cx
        .site
        .catalogs
        .iter()
        .filter(|c| c.kind == GUIDANCE_KIND)
        .map(|c| Link {
            text: c.title.clone(),
            url: cx.link(&urls::catalog(&c.slug)),
        })
        .collect();
    ctx.insert("guidance", &guidance);
    Ok(OutFile {
        path: "index.html".into(),
        bytes: theme.render_bytes("index.html", &ctx)?,
    })
}

fn facet_pages(
    cx: &Ctx,
    theme: &Theme,
    selection: &Selection,
) -> Result<Vec<OutFile>, RenderError> {
    let views = facet_views(cx);
    let mut jobs = Vec::new();
    for (facet, view) in cx.site.facets.iter().zip(&views) {
        let facet = facet.facet;
        let mut ctx = cx.context(facet.label(), &format!("{}/", facet.path()));
        ctx.insert("facet", view);
        jobs.push(Ok(html_file(
            &format!("{}/", facet.path()),
            theme.render_bytes("facet.html", &ctx)?,
        )));
    }
    let values: Vec<_> = cx
        .site
        .facets
        .iter()
        .zip(&views)
        .flat_map(|(facet, view)| {
            facet
                .values
                .iter()
                .zip(&view.values)
                .map(move |(value, vv)| (facet, view, value, vv))
        })
        .filter(|(facet, _, value, _)| selection.facet_value(facet.facet, &value.value))
        .collect();
    // Each value's list in pages of `facet_page_size` cards.
    let config = &cx.site.config.search;
    let values: Vec<_> = values
        .into_iter()
        .flat_map(|v| {
            let total = config.facet_pages(v.2.projects.len());
            (1..=total).map(move |page| (v, page, total))
        })
        .collect();
    let pages = values.into_par_iter().map(|((facet, view, value, vv), page, total)| {
        let facet = facet.facet;
        let segment = urls::segment(&value.segment);
        let path = urls::facet_value_page(facet.path(), &segment, page);
        let title = match page {
            1 => format!("{}：{}", facet.label(), value.label),
            n => format!("{}：{}（第 {n} 页）", facet.label(), value.label),
        };
        let mut ctx = cx.context(&title, &path);
        let description = if facet == Facet::Category {
            cx.site.config.category(&value.value).map(|c| {
                let entry = cx.site.guidance_entry(&c.key).map(|g| Link {
                    text: g.project.title.clone(),
                    url: cx.link(&urls::project(&g.project.slug)),
                });
                json!({"group": c.group, "guidance": c.guidance, "description": c.description, "entry": entry})
            })
        } else {
            None
        };
        ctx.insert(
            "facet",
            &json!({ "label": view.label, "url": view.url, "key": view.key }),
        );
        ctx.insert("value", vv);
        ctx.insert("category", &description);
        let shown = config.facet_page(&value.projects, page);
        ctx.insert("cards_html", &cx.cards_html(shown.iter().copied()));
        let link = |n: usize| cx.link(&urls::facet_value_page(facet.path(), &segment, n));
        ctx.insert(
            "pagination",
            &(total > 1).then(|| Pagination {
                current: page,
                total,
                prev: (page > 1).then(|| link(page - 1)),
                next: (page < total).then(|| link(page + 1)),
                pages: (1..=total)
                    .map(|n| PageLink {
                        number: n,
                        url: link(n),
                        current: n == page,
                    })
                    .collect(),
            }),
        );
        Ok(html_file(&path, theme.render_bytes("facet_value.html", &ctx)?))
    });
    jobs.into_par_iter().chain(pages).collect()
}

/// Every page of the site, whichever of them this render made (the dev
/// server re-renders a few pages but serves the sitemap of all).
fn sitemap(cx: &Ctx, theme: &Theme) -> Result<OutFile, RenderError> {
    let mut urls_list: Vec<String> = cx
        .site
        .page_paths()
        .iter()
        .map(|dir| cx.site.config.absolute_url(&urls::encode_path(dir)))
        .collect();
    urls_list.sort();
    let mut ctx = cx.context("sitemap", "sitemap.xml");
    ctx.insert("urls", &urls_list);
    Ok(OutFile {
        path: "sitemap.xml".into(),
        bytes: theme.render_bytes("sitemap.xml", &ctx)?,
    })
}

/// RFC 3339 date of a catalog: its `published` date (YYYY-MM-DD) or 1 January of its year.
fn catalog_date(c: &Catalog) -> Option<String> {
    match (&c.published, c.year) {
        (Some(d), _) if d.len() == 10 && d.as_bytes()[4] == b'-' => {
            Some(format!("{d}T00:00:00+08:00"))
        }
        (_, Some(y)) => Some(format!("{y}-01-01T00:00:00+08:00")),
        _ => None,
    }
}

fn atom(cx: &Ctx, theme: &Theme) -> Result<OutFile, RenderError> {
    #[derive(Serialize)]
    struct FeedEntry {
        title: String,
        url: String,
        updated: String,
        summary: String,
    }
    let site = cx.site;
    let entries: Vec<FeedEntry> = site
        .listed()
        .filter_map(|e| {
            let (p, c) = (e.project, e.catalog);
            Some(FeedEntry {
                title: p.title.clone(),
                url: site
                    .config
                    .absolute_url(&urls::encode_path(&urls::project(&p.slug))),
                updated: catalog_date(c)?,
                summary: format!(
                    "{} {}年 · {}",
                    c.place(),
                    c.year?,
                    p.eligibility.clone().unwrap_or_default()
                ),
            })
        })
        .take(100)
        .collect();
    let updated = site
        .catalogs
        .iter()
        .filter_map(catalog_date)
        .max()
        .unwrap_or_else(|| "2000-01-01T00:00:00+08:00".into());
    let mut ctx = cx.context(&site.config.title, "atom.xml");
    ctx.insert("entries", &entries);
    ctx.insert("updated", &updated);
    ctx.insert("feed_url", &site.config.absolute_url("atom.xml"));
    ctx.insert("home_url", &site.config.absolute_url(""));
    Ok(OutFile {
        path: "atom.xml".into(),
        bytes: theme.render_bytes("atom.xml", &ctx)?,
    })
}

/// The open-data export: every catalog and project with every field and its URL.
pub fn catalog_json(site: &Site, cache: Option<&RenderCache>) -> String {
    let abs = |path: String| site.config.absolute_url(&urls::encode_path(&path));
    let catalogs: Vec<Value> = site
        .catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
            v["url"] = json!(abs(urls::catalog(&c.slug)));
            v["projects"] = json!(site
                .projects_of(i)
                .map(|e| e.project.slug.clone())
                .collect::<Vec<_>>());
            v
        })
        .collect();
    // Each project's entry on its own (in parallel, and reused by the dev
    // server while the file is unchanged): 12 MB of JSON at 10,000 projects.
    let all: Vec<Entry> = site.entries().collect();
    let projects = super::per_project(&all, cache.map(|c| &c.project_json), |e| {
        let (p, c) = (e.project, e.catalog);
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        v["url"] = json!(abs(urls::project(&p.slug)));
        v["region"] = json!(c.region);
        v["district"] = json!(c.district);
        v["year"] = json!(c.year);
        v["category_label"] = json!(site.config.category(&p.category).map(|k| k.label.clone()));
        // True for an entry of a guidance document: a kind of project, not a training.
        v["guidance"] = json!(e.is_guidance());
        v.to_string()
    });
    let categories: Vec<Value> = site
        .config
        .categories
        .iter()
        .map(|k| {
            let mut v = serde_json::to_value(k).unwrap_or(Value::Null);
            v["url"] = json!(abs(urls::facet_value("categories", &urls::segment(&k.key))));
            v
        })
        .collect();
    let head = json!({
        "site": { "title": site.config.title, "description": site.config.description, "base_url": site.config.base_url },
        "categories": categories,
        "catalogs": catalogs,
    })
    .to_string();
    super::with_raw_field(&head, "projects", &super::json_array(&projects))
}

/// The sub-project rows as a table with only the columns some row fills,
/// so a phone does not scroll past empty columns.
#[derive(Serialize)]
struct SubTable {
    columns: Vec<&'static str>,
    /// Which columns hold figures (right-aligned).
    numeric: Vec<bool>,
    rows: Vec<Vec<String>>,
}

fn sub_project_table(p: &Project) -> Option<SubTable> {
    if p.sub_projects.is_empty() {
        return None;
    }
    type Cell = fn(&crate::content::SubProject) -> Option<String>;
    let all: [(&'static str, bool, Cell); 10] = [
        ("子项目", false, |s| Some(s.name.clone())),
        ("培训对象", false, |s| s.eligibility.clone()),
        ("学段", false, |s| {
            (!s.stages.is_empty()).then(|| s.stages.join("、"))
        }),
        ("学科", false, |s| s.subject.clone()),
        ("时间", false, |s| s.period.clone()),
        ("形式", false, |s| s.format.clone()),
        ("人数", true, |s| s.trainees.map(|t| format!("{t}人"))),
        ("线下", true, |s| s.offline_days.map(|d| format!("{d}天"))),
        ("网络", true, |s| {
            s.online_hours.map(|h| format!("{h}学时"))
        }),
        ("说明", false, |s| s.note.clone()),
    ];
    let used: Vec<_> = all
        .iter()
        .filter(|(_, _, cell)| p.sub_projects.iter().any(|s| cell(s).is_some()))
        .collect();
    Some(SubTable {
        columns: used.iter().map(|c| c.0).collect(),
        numeric: used.iter().map(|c| c.1).collect(),
        rows: p
            .sub_projects
            .iter()
            .map(|s| {
                used.iter()
                    .map(|(_, _, cell)| cell(s).unwrap_or_else(|| MISSING.into()))
                    .collect()
            })
            .collect(),
    })
}
