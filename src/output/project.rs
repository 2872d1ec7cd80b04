//! `/projects/<slug>/`: one project's key facts, the document's text, its
//! source and similar projects in other places.

use super::context::{html_file, Ctx, Link};
use super::{OutFile, OutputError, Theme};
use crate::config::{Facet, UNSTATED};
use crate::model::Entry;
use crate::present;
use crate::util::url as urls;
use serde::Serialize;

/// How many "similar projects elsewhere" a project page shows.
pub const SIMILAR_SHOWN: usize = 5;

#[derive(Serialize)]
pub(super) struct Fact {
    pub(super) label: &'static str,
    /// One of these is set: plain text, links, or a list of lines.
    pub(super) text: Option<String>,
    pub(super) links: Vec<Link>,
    pub(super) lines: Vec<String>,
    pub(super) missing: bool,
}

/// What a fact shows: a text, links, or lines (each possibly empty, which
/// shows 未注明 where the fact is always listed).
enum Shown {
    Text(Option<String>),
    Links(Vec<Link>),
    Lines(Vec<String>),
}

pub(super) fn project_page(cx: &Ctx, theme: &Theme, e: Entry) -> Result<OutFile, OutputError> {
    let site = cx.site;
    let (p, c) = (e.project, e.catalog);
    let body_html = &p.body.html;
    let path = urls::project(&p.slug);
    let guidance = e.is_guidance();
    // A guidance entry has no days or head counts to miss; a training does.
    let figures = !guidance;
    let mut facts: Vec<Fact> = Vec::new();
    let mut fact = |label: &'static str, shown: Shown, show_missing: bool| {
        let (text, links, lines) = match shown {
            Shown::Text(text) => (text, Vec::new(), Vec::new()),
            Shown::Links(links) => (None, links, Vec::new()),
            Shown::Lines(lines) => (None, Vec::new(), lines),
        };
        let missing = text.is_none() && links.is_empty() && lines.is_empty();
        if !missing || show_missing {
            facts.push(Fact {
                label,
                text: if missing {
                    Some(present::MISSING.into())
                } else {
                    text
                },
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
            url: Some(cx.link(&urls::catalog(&c.slug))),
        }]
    } else {
        vec![cx.facet_link(Facet::Region, &c.region)]
    };
    if let Some(city) = &c.city {
        place.push(cx.facet_link(Facet::City, city));
    }
    if let Some(d) = &c.district {
        place.push(Link {
            text: d.clone(),
            url: Some(cx.link(&urls::catalog(&c.slug))),
        });
    }
    fact("地区", Shown::Links(place), true);
    fact(
        "年度",
        Shown::Links(
            c.year
                .map(|y| cx.facet_link(Facet::Year, &y.to_string()))
                .into_iter()
                .collect(),
        ),
        figures,
    );
    fact(
        "计划与级别",
        Shown::Links(vec![Link {
            text: present::plan_and_level(p),
            url: cx.facet_url(Facet::Level, &p.level),
        }]),
        true,
    );
    fact(
        "项目类别",
        Shown::Links(vec![cx.category_link(&p.category)]),
        true,
    );
    // Roles and stages a training leaves unstated are open to all: said
    // so, with a link to the others that leave them unstated.
    let values = |facet: Facet, values: &[String]| -> Shown {
        if values.is_empty() && figures {
            Shown::Links(vec![cx.facet_link(facet, UNSTATED)])
        } else {
            Shown::Links(values.iter().map(|v| cx.facet_link(facet, v)).collect())
        }
    };
    fact("培训对象", values(Facet::Audience, &p.audience), figures);
    fact("学段", values(Facet::Stages, &p.stages), figures);
    if let Some(g) = site
        .guidance_entry(&p.category)
        .map(|g| g.project)
        .filter(|_| !guidance)
    {
        fact(
            "指导方案",
            Shown::Links(vec![Link {
                text: format!("{} {}", g.number.as_deref().unwrap_or(""), g.title)
                    .trim()
                    .to_string(),
                url: Some(cx.link(&urls::project(&g.slug))),
            }]),
            false,
        );
    }
    // Who may take part, whole: 培训对象 and, where the document states
    // them apart, its 遴选条件 (教龄, titles), which teachers would miss
    // further down the page.
    let mut eligibility: Vec<String> = p.eligibility.iter().cloned().collect();
    eligibility.extend(p.selection.iter().map(|s| format!("遴选条件：{s}")));
    match eligibility.len() {
        0 | 1 => fact("参训条件", Shown::Text(eligibility.pop()), false),
        _ => fact("参训条件", Shown::Lines(eligibility), false),
    }
    fact(
        "涉及区县",
        Shown::Links(
            p.counties
                .iter()
                .map(|d| cx.facet_link(Facet::District, d))
                .collect(),
        ),
        false,
    );
    fact(
        "培训方式",
        Shown::Links(
            p.modes
                .iter()
                .map(|a| cx.facet_link(Facet::Modes, a))
                .collect(),
        ),
        figures,
    );
    fact(
        "线下集中",
        Shown::Text(p.offline_days.map(|_| present::offline(p))),
        figures,
    );
    fact(
        "网络研修",
        Shown::Text(p.online_hours.map(|_| present::online(p))),
        figures,
    );
    fact("时长说明", Shown::Text(p.duration_text.clone()), false);
    fact(
        "项目周期",
        Shown::Text(p.cycle_years.map(present::years)),
        false,
    );
    fact("实施时间", Shown::Text(p.period.clone()), false);
    fact(
        "计划人数",
        Shown::Text(p.trainees.map(present::people)),
        figures,
    );
    fact(
        "经费标准",
        Shown::Lines(p.funding.iter().map(present::funding_item).collect()),
        figures,
    );
    // Who may bid to run it, not who may attend: labelled so, since a
    // teacher read "申报单位：高等院校…" as "not for me".
    fact("申报承办", Shown::Lines(p.applicants.clone()), false);

    let subs = present::sub_project_table(&p.sub_projects);
    let similar_html: String = site
        .similar(e.index)
        .take(SIMILAR_SHOWN)
        .filter_map(|o| cx.listed.get(o.index))
        .map(|l| &*l.similar_item)
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
    // A plan of an earlier year: said at the top, with the place's newer plan.
    ctx.insert_value("past", cx.past(site.catalog_index(e.index)));
    ctx.insert("draft", &(p.draft || c.draft));
    ctx.insert("join_url", &cx.link(urls::HOW_TO_JOIN));
    ctx.insert("facts", &facts);
    ctx.insert("sub_projects", &subs);
    ctx.insert("body", body_html);
    ctx.insert("similar_html", &similar_html);
    let category = cx.category_link(&p.category);
    ctx.insert("category_quoted", &present::quoted(&category.text));
    ctx.insert("category", &category);
    ctx.insert("guidance", &guidance);
    // Guidance entries are not compared; templates test these for null.
    // Only trainings are compared: not guidance entries, not work items.
    let compared = !guidance && !p.work_item;
    let compare_url =
        compared.then(|| cx.link(&format!("compare/{}/", urls::segment(&p.category))));
    ctx.insert("compared", &compared);
    ctx.insert("compare_url", &compare_url);
    // The same role's projects of every category, side by side.
    let roles: Vec<Link> = if !compared {
        Vec::new()
    } else {
        p.audience
            .iter()
            .map(|role| Link {
                text: format!("面向{role}的全部项目对比"),
                url: Some(cx.link(&urls::compare_role(&urls::segment(role)))),
            })
            .collect()
    };
    ctx.insert("role_compares", &roles);
    Ok(html_file(&path, theme.render_bytes("project.html", &ctx)?))
}
