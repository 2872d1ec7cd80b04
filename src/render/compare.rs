//! Comparison tables: `/compare/` (categories down, places across) and
//! `/compare/<category>/` (every project of one category, side by side),
//! each also written as `.csv` (UTF-8 with BOM, for Excel on zh-CN Windows)
//! and `.json` beside the page: `/compare/<category>.csv`, and
//! `/compare/overview.csv` for the overview.
//!
//! Guidance entries are kinds of project, not trainings: they stay out.
//! A value the document does not state is "未注明" in the HTML, an empty cell
//! in the CSV and `null` in the JSON; never 0.

use super::views::{
    fmt_num, funding_line, funding_text, html_file, offline_text, online_text, Ctx, Link, MISSING,
};
use super::{OutFile, RenderError, Theme};
use crate::model::Entry;
use crate::util::url as urls;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;

/// One table cell: what is shown, what it sorts by (numbers as numbers,
/// absent for a missing value so it sorts last), and an optional link.
#[derive(Serialize)]
struct Cell {
    text: String,
    sort: Option<f64>,
    url: Option<String>,
    missing: bool,
    lines: Vec<String>,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        let missing = text.is_empty();
        Cell {
            text: if missing { MISSING.into() } else { text },
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
    fn lines(lines: Vec<String>) -> Cell {
        let mut c = Cell::text(lines.join("；"));
        c.lines = lines;
        c
    }
}

#[derive(Serialize)]
struct Column {
    label: &'static str,
    numeric: bool,
}

const DETAIL_COLUMNS: &[(&str, bool)] = &[
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

fn detail_row(cx: &Ctx, e: Entry) -> Vec<Cell> {
    let (p, c) = (e.project, e.catalog);
    let mut title = Cell::text(p.title.clone());
    title.url = Some(cx.link(&urls::project(&p.slug)));
    let level = match &p.plan {
        Some(plan) => format!("{plan}（{}）", p.level),
        None => p.level.clone(),
    };
    vec![
        title,
        Cell::text(c.place()),
        Cell::text(level),
        Cell::number(
            c.year,
            c.year.map(|y| y.to_string()).unwrap_or(MISSING.into()),
        ),
        Cell::text(p.audience.join("、")),
        Cell::text(p.stages.join("、")),
        Cell::text(p.eligibility.clone().unwrap_or_default()),
        Cell::text(p.modes.join("、")),
        Cell::number(p.offline_days, offline_text(p)),
        Cell::number(p.online_hours, online_text(p)),
        Cell::number(
            p.cycle_years,
            p.cycle_years.map_or(MISSING.into(), |y| format!("{y}年")),
        ),
        Cell::number(
            p.trainees,
            p.trainees.map_or(MISSING.into(), |t| format!("{t}人")),
        ),
        Cell::lines(p.funding.iter().map(funding_text).collect()),
        Cell::lines(p.applicants.clone()),
    ]
}

/// The open-data form of one project row, borrowed from the model and
/// serialized straight to JSON (a `serde_json::Value` per project cost a
/// string per key and a second pass).
#[derive(Serialize)]
struct ProjectRecord<'a> {
    slug: &'a str,
    title: &'a str,
    url: String,
    region: &'a str,
    district: Option<&'a str>,
    year: Option<i64>,
    plan: Option<&'a str>,
    level: &'a str,
    category: &'a str,
    audience: &'a [String],
    stages: &'a [String],
    eligibility: Option<&'a str>,
    modes: &'a [String],
    offline_days: Option<u32>,
    offline_days_at_least: bool,
    online_hours: Option<u32>,
    online_hours_at_least: bool,
    cycle_years: Option<u32>,
    trainees: Option<u32>,
    funding: &'a [crate::content::Funding],
    applicants: &'a [String],
}

/// A category's table as JSON.
#[derive(Serialize)]
struct TableJson<'a> {
    category: serde_json::Value,
    projects: &'a [ProjectRecord<'a>],
}

fn project_record<'a>(cx: &Ctx<'a>, e: Entry<'a>) -> ProjectRecord<'a> {
    let (p, c) = (e.project, e.catalog);
    ProjectRecord {
        slug: &p.slug,
        title: &p.title,
        url: cx
            .site
            .config
            .absolute_url(&urls::encode_path(&urls::project(&p.slug))),
        region: &c.region,
        district: c.district.as_deref(),
        year: c.year.map(i64::from),
        plan: p.plan.as_deref(),
        level: &p.level,
        category: &p.category,
        audience: &p.audience,
        stages: &p.stages,
        eligibility: p.eligibility.as_deref(),
        modes: &p.modes,
        offline_days: p.offline_days,
        offline_days_at_least: p.offline_days_at_least,
        online_hours: p.online_hours,
        online_hours_at_least: p.online_hours_at_least,
        cycle_years: p.cycle_years,
        trainees: p.trainees,
        funding: &p.funding,
        applicants: &p.applicants,
    }
}

const CSV_HEADER: &[&str] = &[
    "slug",
    "项目",
    "链接",
    "省级地区",
    "区县",
    "年度",
    "计划",
    "级别",
    "培训对象",
    "学段",
    "参训条件",
    "培训方式",
    "线下集中天数",
    "线下不少于",
    "网络研修学时",
    "网络不少于",
    "周期（年）",
    "计划人数",
    "经费标准",
    "申报单位",
];

fn csv_row(cx: &Ctx, e: Entry) -> Vec<String> {
    let (p, c) = (e.project, e.catalog);
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let flag = |set: bool, n: Option<u32>| match (n, set) {
        (None, _) => String::new(),
        (Some(_), true) => "是".into(),
        (Some(_), false) => "否".into(),
    };
    vec![
        p.slug.clone(),
        p.title.clone(),
        cx.site
            .config
            .absolute_url(&urls::encode_path(&urls::project(&p.slug))),
        c.region.clone(),
        c.district.clone().unwrap_or_default(),
        num(c.year),
        p.plan.clone().unwrap_or_default(),
        p.level.clone(),
        p.audience.join("、"),
        p.stages.join("、"),
        p.eligibility.clone().unwrap_or_default(),
        p.modes.join("、"),
        num(p.offline_days),
        flag(p.offline_days_at_least, p.offline_days),
        num(p.online_hours),
        flag(p.online_hours_at_least, p.online_hours),
        num(p.cycle_years),
        num(p.trainees),
        p.funding
            .iter()
            .map(funding_text)
            .collect::<Vec<_>>()
            .join("；"),
        p.applicants.join("；"),
    ]
}

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    fn field(s: &str) -> String {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    }
    let mut out = String::from("\u{feff}");
    let line =
        |cells: Vec<String>| cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",") + "\r\n";
    out.push_str(&line(header.iter().map(|h| h.to_string()).collect()));
    for r in rows {
        out.push_str(&line(r));
    }
    out.into_bytes()
}

/// Listed projects of each category, in site order (newest catalogs first).
fn by_category<'a>(cx: &Ctx<'a>) -> BTreeMap<&'a str, Vec<Entry<'a>>> {
    let mut map: BTreeMap<&str, Vec<Entry>> = BTreeMap::new();
    for e in cx.site.listed() {
        map.entry(e.project.category.as_str()).or_default().push(e);
    }
    map
}

#[derive(Serialize)]
struct OverviewCell {
    count: usize,
    /// Share of the largest cell, for the bar (the number is always shown).
    percent: u32,
    offline: Option<String>,
    online: Option<String>,
    funding: Vec<String>,
}

fn range(values: impl Iterator<Item = u32>, unit: &str) -> Option<String> {
    let v: Vec<u32> = values.collect();
    let (min, max) = (v.iter().min()?, v.iter().max()?);
    Some(if min == max {
        format!("{min}{unit}")
    } else {
        format!("{min}–{max}{unit}")
    })
}

/// Funding as ranges per unit: "400–500元/人/天".
fn funding_ranges(projects: &[Entry]) -> Vec<String> {
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
                format!("{}{unit}", fmt_num(lo))
            } else {
                format!("{}–{}{unit}", fmt_num(lo), fmt_num(hi))
            }
        })
        .collect()
}

pub(super) fn compare_pages(
    cx: &Ctx,
    theme: &Theme,
    selection: &super::Selection,
) -> Result<Vec<OutFile>, RenderError> {
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
    ctx.insert(
        "downloads",
        &[
            Link {
                text: "CSV".into(),
                url: cx.link("compare/overview.csv"),
            },
            Link {
                text: "JSON".into(),
                url: cx.link("compare/overview.json"),
            },
        ],
    );
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
    // Categories in parallel: at 10,000 projects each table has hundreds of rows.
    let tables = cx
        .site
        .config
        .categories
        .par_iter()
        .filter(|category| selection.category(&category.key))
        .filter_map(|category| Some((category, groups.get(category.key.as_str())?)))
        .map(|(category, projects)| -> Result<[OutFile; 3], RenderError> {
        let seg = urls::segment(&category.key);
        let path = format!("compare/{seg}/");
        let table: Vec<Vec<Cell>> = projects.iter().map(|&e| detail_row(cx, e)).collect();
        let mut ctx = cx.context(&format!("对比：{}", category.label), &path);
        ctx.insert(
            "category",
            &json!({
                "key": category.key, "label": category.label, "group": category.group,
                "description": category.description,
                "url": cx.link(&urls::facet_value("categories", &seg)),
                "guidance": cx.site.guidance_entry(&category.key).map(|g| Link {
                    text: g.project.title.clone(),
                    url: cx.link(&urls::project(&g.project.slug)),
                }),
            }),
        );
        ctx.insert("columns", &columns);
        ctx.insert("table", &table);
        ctx.insert(
            "downloads",
            &[
                Link {
                    text: "CSV".into(),
                    url: cx.link(&format!("compare/{seg}.csv")),
                },
                Link {
                    text: "JSON".into(),
                    url: cx.link(&format!("compare/{seg}.json")),
                },
            ],
        );
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
        .collect::<Result<Vec<_>, RenderError>>()?;
    files.extend(tables.into_iter().flatten());
    Ok(files)
}

/// The facts of one project for the pick-and-compare view, embedded in its
/// page as JSON (with `<` escaped so no text can close the script element).
pub(super) fn project_data(cx: &Ctx, e: Entry) -> String {
    let (p, c) = (e.project, e.catalog);
    let category = cx
        .site
        .config
        .category(&p.category)
        .map_or(p.category.clone(), |k| k.label.clone());
    // Fields in name order, as `json!` wrote them.
    #[derive(Serialize)]
    struct Data<'a> {
        rows: [(&'static str, String); 14],
        slug: &'a str,
        title: &'a str,
        url: String,
    }
    let v = Data {
        rows: [
            ("地区", c.place()),
            (
                "年度",
                c.year.map_or(MISSING.to_string(), |y| format!("{y}年")),
            ),
            (
                "计划与级别",
                match &p.plan {
                    Some(plan) => format!("{plan}（{}）", p.level),
                    None => p.level.clone(),
                },
            ),
            ("项目类别", category),
            ("培训对象", or_missing(p.audience.join("、"))),
            ("学段", or_missing(p.stages.join("、"))),
            (
                "参训条件",
                or_missing(p.eligibility.clone().unwrap_or_default()),
            ),
            ("培训方式", or_missing(p.modes.join("、"))),
            ("线下集中", offline_text(p)),
            ("网络研修", online_text(p)),
            (
                "周期",
                p.cycle_years.map_or(MISSING.into(), |y| format!("{y}年")),
            ),
            (
                "计划人数",
                p.trainees.map_or(MISSING.into(), |t| format!("{t}人")),
            ),
            ("经费标准", funding_line(p)),
            ("申报单位", or_missing(p.applicants.join("；"))),
        ],
        slug: &p.slug,
        title: &p.title,
        url: cx.link(&urls::project(&p.slug)),
    };
    serde_json::to_string(&v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}

fn or_missing(s: String) -> String {
    if s.is_empty() {
        MISSING.into()
    } else {
        s
    }
}
