//! Comparison tables: `/compare/` (categories down, places across, and the
//! roles), `/compare/<category>/` (every project of one category, side by
//! side) and `/compare/roles/<role>/` (every project for one role), each
//! also written as `.csv` and `.json` beside the page (see
//! [`super::compare_table`]), and `/compare/overview.csv` for the overview.
//!
//! Guidance entries are kinds of project, not trainings: they stay out.
//! A value the document does not state is "未注明" in the HTML, an empty cell
//! in the CSV and `null` in the JSON; never 0.

use super::compare_data::csv;
use super::compare_table::{downloads, table_files, Subject};
use super::context::{html_file, Ctx, Link};
use super::{OutFile, OutputError, Theme};
use crate::config::Facet;
use crate::model::Entry;
use crate::present;
use crate::util::url as urls;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// The trainings of each role (校长, 班主任, …) of the audience vocabulary,
/// in its order, each in site order: a principal compares every project
/// for principals, whichever category it is in.
pub(super) fn by_role<'a>(cx: &Ctx<'a>) -> Vec<(String, Vec<Entry<'a>>)> {
    let mut roles: Vec<(String, Vec<Entry>)> = cx
        .site
        .config
        .vocabulary(Facet::Audience)
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.to_string(), Vec::new()))
        .collect();
    for e in cx.site.trainings() {
        for (role, projects) in roles.iter_mut() {
            if e.project.audience.contains(role) {
                projects.push(e);
            }
        }
    }
    roles.retain(|(_, projects)| !projects.is_empty());
    roles
}

/// Listed projects of each category, in site order (newest catalogs first).
pub(super) fn by_category<'a>(cx: &Ctx<'a>) -> BTreeMap<&'a str, Vec<Entry<'a>>> {
    let mut map: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for e in cx.site.trainings() {
        map.entry(e.project.category.as_str()).or_default().push(e);
    }
    map
}

#[derive(Serialize)]
pub(super) struct OverviewCell {
    pub(super) count: usize,
    /// Share of the largest cell, for the bar (the number is always shown).
    pub(super) percent: u32,
    pub(super) offline: Option<String>,
    pub(super) online: Option<String>,
    pub(super) funding: Vec<String>,
}

pub(super) fn range(values: impl Iterator<Item = u32>, unit: &str) -> Option<String> {
    let v: Vec<u32> = values.collect();
    let (min, max) = (v.iter().min()?, v.iter().max()?);
    Some(if min == max {
        format!("{min}{unit}")
    } else {
        format!("{min}–{max}{unit}")
    })
}

/// Funding as ranges per unit: "400–500元/人/天".
pub(super) fn funding_ranges(projects: &[Entry]) -> Vec<String> {
    let mut by_unit: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
    for f in projects.iter().flat_map(|e| &e.project.funding) {
        let e = by_unit
            .entry(f.unit.as_str())
            .or_insert((f.amount, f.amount));
        e.0 = e.0.min(f.amount);
        e.1 = e.1.max(f.amount);
    }
    by_unit
        .into_iter()
        .map(|(unit, (lo, hi))| {
            if lo == hi {
                format!("{}{unit}", present::number(lo))
            } else {
                format!("{}–{}{unit}", present::number(lo), present::number(hi))
            }
        })
        .collect()
}

pub(super) fn compare_pages(
    cx: &Ctx,
    theme: &Theme,
    selection: &super::Selection,
    emit: super::Emit,
) -> Result<(), OutputError> {
    let groups = by_category(cx);
    let mut files = Vec::new();

    // Places across: every catalog place with listed projects, in site order.
    let mut places: Vec<String> = Vec::new();
    let mut place_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, c) in cx.site.catalogs.iter().enumerate() {
        if cx.site.projects_of(i).any(|e| !e.is_guidance()) {
            let place = c.place();
            let k = places.iter().position(|p| *p == place).unwrap_or_else(|| {
                places.push(place);
                places.len() - 1
            });
            place_of.insert(c.slug.as_str(), k);
        }
    }
    // Each cell's projects, in the category's order, found in one pass.
    let mut cells_of: std::collections::HashMap<(&str, usize), Vec<Entry>> =
        std::collections::HashMap::new();
    for (category, projects) in &groups {
        for e in projects {
            if let Some(&k) = place_of.get(e.catalog.slug.as_str()) {
                cells_of.entry((category, k)).or_default().push(*e);
            }
        }
    }
    let max_count = cells_of.values().map(Vec::len).max().unwrap_or(1).max(1);

    #[derive(Serialize)]
    struct OverviewRow {
        key: String,
        label: String,
        group: Option<String>,
        url: String,
        guidance: Option<String>,
        total: usize,
        cells: Vec<Option<OverviewCell>>,
    }
    let mut rows = Vec::new();
    let mut overview_csv = Vec::new();
    for category in &cx.site.config.categories {
        let Some(projects) = groups.get(category.key.as_str()) else {
            continue;
        };
        let cells: Vec<Option<OverviewCell>> = places
            .iter()
            .enumerate()
            .map(|(k, place)| {
                let here = cells_of.get(&(category.key.as_str(), k))?;
                let cell = OverviewCell {
                    count: here.len(),
                    percent: (here.len() * 100 / max_count) as u32,
                    offline: range(here.iter().filter_map(|e| e.project.offline_days), "天"),
                    online: range(here.iter().filter_map(|e| e.project.online_hours), "学时"),
                    funding: funding_ranges(here),
                };
                overview_csv.push(vec![
                    category.key.clone(),
                    category.label.clone(),
                    place.clone(),
                    cell.count.to_string(),
                    cell.offline.clone().unwrap_or_default(),
                    cell.online.clone().unwrap_or_default(),
                    cell.funding.join("；"),
                ]);
                Some(cell)
            })
            .collect();
        rows.push(OverviewRow {
            key: category.key.clone(),
            label: category.label.clone(),
            group: category.group.clone(),
            url: cx.link(&format!("compare/{}/", urls::segment(&category.key))),
            guidance: category.guidance.clone(),
            total: projects.len(),
            cells,
        });
    }
    let mut ctx = cx.context("同类项目对比", "compare/");
    ctx.insert("places", &places);
    ctx.insert("rows", &rows);
    ctx.insert("downloads", &downloads(cx, "overview"));
    let roles: Vec<serde_json::Value> = by_role(cx)
        .iter()
        .map(|(role, projects)| {
            json!({"role": role, "count": projects.len(), "url": cx.link(&urls::compare_role(&urls::segment(role)))})
        })
        .collect();
    ctx.insert("roles", &roles);
    files.push(html_file(
        "compare/",
        theme.render_bytes("compare.html", &ctx)?,
    ));
    files.push(OutFile {
        path: "compare/overview.csv".into(),
        bytes: csv(
            &[
                "类别",
                "类别名称",
                "地区",
                "项目数",
                "线下集中",
                "网络研修",
                "经费标准",
            ],
            overview_csv,
        ),
    });
    files.push(OutFile {
        path: "compare/overview.json".into(),
        bytes: serde_json::to_vec(&json!({ "places": places, "categories": rows }))
            .unwrap_or_default(),
    });

    emit(files)?;

    // One table per category that has projects, and one per role, each
    // handed on as it is made.
    let categories = cx
        .site
        .config
        .categories
        .par_iter()
        .filter(|category| selection.category(&category.key))
        .filter_map(|category| Some((category, groups.get(category.key.as_str())?)))
        .map(|(category, projects)| {
            let seg = urls::segment(&category.key);
            let subject = Subject {
                path: format!("compare/{seg}/"),
                stem: seg.clone(),
                title: category.label.clone(),
                about: json!({"category": {
                    "key": category.key, "label": category.label, "group": category.group,
                    "guidance": category.guidance,
                }}),
                page: json!({"category": {
                    "label": category.label, "group": category.group,
                    "description": category.description,
                    "url": cx.facet_url(Facet::Category, &category.key),
                    "entry": cx.site.guidance_entry(&category.key).map(|g| Link {
                        text: g.project.title.clone(),
                        url: Some(cx.link(&urls::project(&g.project.slug))),
                    }),
                }}),
                with_category: false,
                category: Some(category.key.clone()),
                role: None,
                data: true,
            };
            table_files(cx, theme, &subject, projects, selection)
        });
    let roles = by_role(cx);
    let role_data = cx.site.config.compare.role_data(cx.site.projects.len());
    let role_tables = roles
        .par_iter()
        .filter(|(role, _)| selection.facet_value(Facet::Audience, role))
        .map(|(role, projects)| {
            let seg = urls::segment(role);
            let subject = Subject {
                path: urls::compare_role(&seg),
                stem: format!("roles/{seg}"),
                title: format!("面向{role}的项目"),
                about: json!({"role": role}),
                page: json!({"role": role, "url": cx.facet_url(Facet::Audience, role)}),
                with_category: true,
                category: None,
                role: Some(role.clone()),
                data: role_data,
            };
            table_files(cx, theme, &subject, projects, selection)
        });
    categories
        .chain(role_tables)
        .try_for_each(|table| emit(table?))
}
