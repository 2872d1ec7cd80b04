//! Comparison tables: `/compare/` (categories down, places across) and
//! `/compare/<category>/` (every project of one category, side by side),
//! each also written as `.csv` and `.json` beside the page (see
//! [`super::compare_data`]): `/compare/<category>.csv`, and
//! `/compare/overview.csv` for the overview.
//!
//! Guidance entries are kinds of project, not trainings: they stay out.
//! A value the document does not state is "未注明" in the HTML, an empty cell
//! in the CSV and `null` in the JSON; never 0.

use super::compare_data::{csv, csv_row, project_record, ProjectRecord, TableJson, CSV_HEADER};
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

/// One table cell: what is shown, what it sorts by (numbers as numbers,
/// absent for a missing value so it sorts last), and an optional link.
#[derive(Serialize)]
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) sort: Option<f64>,
    pub(super) url: Option<String>,
    pub(super) missing: bool,
    pub(super) lines: Vec<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        let missing = text.is_empty();
        Cell {
            text: if missing {
                present::MISSING.into()
            } else {
                text
            },
            sort: None,
            url: None,
            missing,
            lines: Vec::new(),
        }
    }
    fn number(value: Option<u32>, text: String) -> Cell {
        Cell {
            missing: value.is_none(),
            sort: value.map(f64::from),
            text,
            url: None,
            lines: Vec::new(),
        }
    }
    /// A facet's values, or 未注明（不限） where unstated is not "no".
    fn unstated(facet: Facet, values: &[String]) -> Cell {
        let mut c = Cell::text(present::facet_list(facet, values));
        c.missing = values.is_empty();
        c
    }
    fn lines(lines: Vec<String>) -> Cell {
        let mut c = Cell::text(lines.join("；"));
        c.lines = lines;
        c
    }
}

#[derive(Serialize)]
pub(super) struct Column {
    pub(super) label: &'static str,
    pub(super) numeric: bool,
}

pub(super) const DETAIL_COLUMNS: &[(&str, bool)] = &[
    ("项目", false),
    ("地区", false),
    ("计划与级别", false),
    ("年度", true),
    ("培训对象", false),
    ("学段", false),
    ("参训条件", false),
    ("培训方式", false),
    ("线下集中", true),
    ("网络研修", true),
    ("周期", true),
    ("计划人数", true),
    ("经费标准", false),
    ("申报单位", false),
];

pub(super) fn detail_row(cx: &Ctx, e: Entry) -> Vec<Cell> {
    let (p, c) = (e.project, e.catalog);
    let mut title = Cell::text(p.title.clone());
    title.url = Some(cx.link(&urls::project(&p.slug)));
    vec![
        title,
        Cell::text(c.place()),
        Cell::text(present::plan_and_level(p)),
        Cell::number(
            c.year,
            c.year
                .map(|y| y.to_string())
                .unwrap_or(present::MISSING.into()),
        ),
        Cell::unstated(Facet::Audience, &p.audience),
        Cell::unstated(Facet::Stages, &p.stages),
        Cell::text(p.eligibility.clone().unwrap_or_default()),
        Cell::text(present::list(&p.modes)),
        Cell::number(p.offline_days, present::offline(p)),
        Cell::number(p.online_hours, present::online(p)),
        Cell::number(p.cycle_years, present::cycle(p)),
        Cell::number(p.trainees, present::trainees(p)),
        Cell::lines(p.funding.iter().map(present::funding_item).collect()),
        Cell::lines(p.applicants.clone()),
    ]
}

/// Listed projects of each category, in site order (newest catalogs first).
pub(super) fn by_category<'a>(cx: &Ctx<'a>) -> BTreeMap<&'a str, Vec<Entry<'a>>> {
    let mut map: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for e in cx.site.listed() {
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

/// The CSV and JSON beside a table: `compare/<stem>.csv` and `.json`.
fn downloads(cx: &Ctx, stem: &str) -> [Link; 2] {
    ["CSV", "JSON"].map(|kind| Link {
        text: kind.into(),
        url: Some(cx.link(&format!("compare/{stem}.{}", kind.to_lowercase()))),
    })
}

pub(super) fn compare_pages(
    cx: &Ctx,
    theme: &Theme,
    selection: &super::Selection,
) -> Result<Vec<OutFile>, OutputError> {
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

    // One detail table per category that has projects.
    let columns: Vec<Column> = DETAIL_COLUMNS
        .iter()
        .map(|&(label, numeric)| Column { label, numeric })
        .collect();
    // Categories in parallel: a national catalog's tables have hundreds of rows.
    let tables = cx
        .site
        .config
        .categories
        .par_iter()
        .filter(|category| selection.category(&category.key))
        .filter_map(|category| Some((category, groups.get(category.key.as_str())?)))
        .map(|(category, projects)| -> Result<[OutFile; 3], OutputError> {
        let seg = urls::segment(&category.key);
        let path = format!("compare/{seg}/");
        let table: Vec<Vec<Cell>> = projects.iter().map(|&e| detail_row(cx, e)).collect();
        let mut ctx = cx.context(&format!("对比：{}", category.label), &path);
        ctx.insert(
            "category",
            &json!({
                "key": category.key, "label": category.label, "group": category.group,
                "description": category.description,
                "url": cx.facet_url(Facet::Category, &category.key),
                "guidance": cx.site.guidance_entry(&category.key).map(|g| Link {
                    text: g.project.title.clone(),
                    url: Some(cx.link(&urls::project(&g.project.slug))),
                }),
            }),
        );
        ctx.insert("columns", &columns);
        ctx.insert("table", &table);
        ctx.insert("downloads", &downloads(cx, &seg));
        let page = html_file(&path, theme.render_bytes("compare_category.html", &ctx)?);
        let table_csv = OutFile {
            path: format!("compare/{seg}.csv").into(),
            bytes: csv(CSV_HEADER, projects.iter().map(|&e| csv_row(cx, e))),
        };
        let records: Vec<ProjectRecord> =
            projects.iter().map(|&e| project_record(cx, e)).collect();
        let table_json = OutFile {
            path: format!("compare/{seg}.json").into(),
            bytes: serde_json::to_vec(&TableJson {
                category: json!({ "key": category.key, "label": category.label, "group": category.group, "guidance": category.guidance }),
                projects: &records,
            })
            .unwrap_or_default(),
        };
        Ok([page, table_csv, table_json])
        })
        .collect::<Result<Vec<_>, OutputError>>()?;
    files.extend(tables.into_iter().flatten());
    Ok(files)
}
