//! One comparison table of projects side by side, and its files: the page,
//! and the `.csv` and `.json` beside it (see [`super::compare_data`]).
//! `/compare/<category>/` holds every project of one category;
//! `/compare/roles/<role>/` every project for one role (校长, 班主任, …),
//! whatever its category, with a column saying which.

use super::compare_data::{csv, csv_row, project_record, ProjectRecord, TableJson, CSV_HEADER};
use super::context::{html_file, Ctx, Link, Pagination};
use super::{OutFile, OutputError, Theme};
use crate::config::Facet;
use crate::model::Entry;
use crate::model::COMPARE_PAGE_ROWS;
use crate::present;
use crate::util::url as urls;
use serde::Serialize;

/// One table cell: what is shown, what it sorts by (numbers as numbers,
/// absent for a missing value so it sorts last), and an optional link.
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
    /// Long text (eligibility, funding, bidders): given room.
    pub(super) wide: bool,
}

/// The columns of a table, the category's column only where the projects
/// are of several categories (a role's table).
fn columns(with_category: bool) -> Vec<Column> {
    let text = |label| Column {
        label,
        numeric: false,
        wide: false,
    };
    let number = |label| Column {
        label,
        numeric: true,
        wide: false,
    };
    let wide = |label| Column {
        label,
        numeric: false,
        wide: true,
    };
    let mut columns = vec![text("项目"), text("地区")];
    if with_category {
        columns.push(text("项目类别"));
    }
    columns.extend([
        text("计划与级别"),
        number("年度"),
        text("培训对象"),
        text("学段"),
        wide("参训条件"),
        text("培训方式"),
        number("线下集中"),
        number("网络研修"),
        number("周期"),
        text("实施时间"),
        number("计划人数"),
        wide("经费标准"),
        wide("申报承办"),
    ]);
    columns
}

fn row(cx: &Ctx, e: Entry, with_category: bool) -> Vec<Cell> {
    let (p, c) = (e.project, e.catalog);
    let mut title = Cell::text(p.title.clone());
    title.url = Some(cx.link(&urls::project(&p.slug)));
    let mut row = vec![title, Cell::text(c.place())];
    if with_category {
        let category = cx.category_link(&p.category);
        let mut cell = Cell::text(category.text);
        cell.url = category.url;
        row.push(cell);
    }
    row.extend([
        Cell::text(present::plan_and_level(p)),
        Cell::number(
            c.year,
            c.year
                .map(|y| y.to_string())
                .unwrap_or(present::MISSING.into()),
        ),
        Cell::unstated(Facet::Audience, &p.audience),
        Cell::unstated(Facet::Stages, &p.stages),
        Cell::lines(
            p.eligibility
                .iter()
                .cloned()
                .chain(p.selection.iter().map(|s| format!("遴选条件：{s}")))
                .collect(),
        ),
        Cell::text(present::list(&p.modes)),
        Cell::number(p.offline_days, present::offline(p)),
        Cell::number(p.online_hours, present::online(p)),
        Cell::number(p.cycle_years, present::cycle(p)),
        Cell::text(p.period.clone().unwrap_or_default()),
        Cell::number(p.trainees, present::trainees(p)),
        Cell::lines(p.funding.iter().map(present::funding_item).collect()),
        Cell::lines(p.applicants.clone()),
    ]);
    row
}

/// One row of a table as HTML: `<tr>`, the project's name as the row's
/// heading, a cell per column (missing values marked, numbers with what
/// they sort by where their text does not begin with it), `</tr>`. Written
/// here, not in the template: a national catalog's tables are 300,000
/// rows of 16 cells, and each cell as a template value was a map of strings
/// made, cloned and dropped (the comparison pages took 7 of a 27-second
/// build). What every cell of a column shares (numbers aligned right, room
/// for long text) is said once, by the page's column rules
/// (compare_table.html), not on each of those cells; and the end tags HTML
/// leaves optional (`</td>`, `</th>`, `</li>`, `</tr>`) are not written.
fn row_html(out: &mut Vec<u8>, columns: &[Column], cells: &[Cell]) {
    let text = |out: &mut Vec<u8>, s: &str| {
        // Writing to a Vec cannot fail.
        let _ = tera::escape_html(s, out);
    };
    out.extend_from_slice(b"<tr>");
    for (i, (cell, col)) in cells.iter().zip(columns).enumerate() {
        if i == 0 {
            out.extend_from_slice(b"<th scope=\"row\"><a href=\"");
            text(out, cell.url.as_deref().unwrap_or_default());
            out.extend_from_slice(b"\">");
            text(out, &cell.text);
            out.extend_from_slice(b"</a>");
            continue;
        }
        out.extend_from_slice(b"<td");
        if cell.missing {
            out.extend_from_slice(b" class=\"missing\"");
        }
        // The page sorts a number by its text's leading figure (26 of
        // 26天); only a text that begins otherwise (不少于10天) says it.
        if let Some(sort) = cell
            .sort
            .filter(|&n| col.numeric && leading_number(&cell.text) != Some(n))
        {
            out.extend_from_slice(b" data-sort=\"");
            out.extend_from_slice(sort.to_string().as_bytes());
            out.push(b'"');
        }
        out.push(b'>');
        if !cell.lines.is_empty() {
            out.extend_from_slice(b"<ul>");
            for line in &cell.lines {
                out.extend_from_slice(b"<li>");
                text(out, line);
            }
            out.extend_from_slice(b"</ul>");
        } else if let Some(url) = &cell.url {
            out.extend_from_slice(b"<a href=\"");
            text(out, url);
            out.extend_from_slice(b"\">");
            text(out, &cell.text);
            out.extend_from_slice(b"</a>");
        } else {
            text(out, &cell.text);
        }
    }
}

/// The number a text begins with, as the page's sort reads it
/// (`parseFloat`): 26 of 26天, none of 不少于10天.
fn leading_number(text: &str) -> Option<f64> {
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    text[..end].parse().ok()
}

/// What a table compares, as its page introduces it.
pub(super) struct Subject {
    /// The page's site path (`compare/<segment>/`) and the stem of its
    /// CSV and JSON (`compare/<stem>.csv`).
    pub(super) path: String,
    pub(super) stem: String,
    pub(super) title: String,
    /// What the table compares, as the JSON's head: `{"category": {…}}`
    /// or `{"role": "校长"}`.
    pub(super) about: serde_json::Value,
    /// What the page says above the table (the same, with the category's
    /// guidance entry, description and links): the template's `subject`.
    pub(super) page: serde_json::Value,
    /// Projects of several categories: a column says which.
    pub(super) with_category: bool,
    /// The category's key, or the role, the table holds the projects of.
    pub(super) category: Option<String>,
    pub(super) role: Option<String>,
    /// Whether the table has its CSV and JSON beside it (role tables of a
    /// large site do not: see [`crate::config::CompareConfig`]).
    pub(super) data: bool,
}

/// The table's pages, CSV and JSON. A table of more than
/// [`COMPARE_PAGE_ROWS`] rows (a role of a national catalog has 30,000)
/// is pages of that many, linked to each other; its JSON, above
/// [`JSON_PART_ROWS`] projects, an index over parts of that many
/// (`compare/<stem>-<n>.json`), so no file is over 10 MB. The CSV stays one
/// file, for a spreadsheet.
pub(super) fn table_files(
    cx: &Ctx,
    theme: &Theme,
    subject: &Subject,
    projects: &[Entry],
    selection: &super::Selection,
) -> Result<Vec<OutFile>, OutputError> {
    let total = projects.len().div_ceil(COMPARE_PAGE_ROWS).max(1);
    let link = |n: usize| cx.link(&urls::paged(&subject.path, n));
    let mut files = Vec::with_capacity(total + 2);
    for page in 1..=total {
        let shown = projects
            .chunks(COMPARE_PAGE_ROWS)
            .nth(page - 1)
            .unwrap_or_default();
        // The dev server renders the pages that show a changed project,
        // unless one joined or left the table.
        if !selection.table_page(
            subject.category.as_deref(),
            subject.role.as_deref(),
            shown.iter().map(|e| e.index),
        ) {
            continue;
        }
        let columns = columns(subject.with_category);
        let mut rows = Vec::with_capacity(shown.len() * 1024);
        for &e in shown {
            row_html(&mut rows, &columns, &row(cx, e, subject.with_category));
        }
        let path = urls::paged(&subject.path, page);
        let mut ctx = cx.context(&format!("对比：{}", subject.title), &path);
        ctx.insert("subject", &subject.page);
        ctx.insert("columns", &columns);
        ctx.insert("rows_html", &String::from_utf8(rows).unwrap_or_default());
        ctx.insert("rows", &shown.len());
        ctx.insert("count", &projects.len());
        ctx.insert("pagination", &Pagination::of(page, total, link));
        if subject.data {
            ctx.insert("downloads", &downloads(cx, &subject.stem));
        } else {
            ctx.insert("catalog_json", &cx.link("catalog.json"));
        }
        files.push(html_file(
            &path,
            theme.render_bytes("compare_table.html", &ctx)?,
        ));
    }
    if !subject.data {
        return Ok(files);
    }
    files.push(OutFile {
        path: format!("compare/{}.csv", subject.stem).into(),
        bytes: csv(CSV_HEADER, projects.iter().map(|&e| csv_row(cx, e))),
    });
    let records: Vec<ProjectRecord> = projects.iter().map(|&e| project_record(cx, e)).collect();
    if records.len() <= JSON_PART_ROWS {
        files.push(OutFile {
            path: format!("compare/{}.json", subject.stem).into(),
            bytes: serde_json::to_vec(&TableJson {
                subject: &subject.about,
                projects: &records,
            })
            .unwrap_or_default(),
        });
        return Ok(files);
    }
    let part = |n: usize| format!("compare/{}-{n}.json", subject.stem);
    let parts: Vec<String> = (1..=records.len().div_ceil(JSON_PART_ROWS))
        .map(|n| cx.site.config.absolute_url(&urls::encode_path(&part(n))))
        .collect();
    files.push(OutFile {
        path: format!("compare/{}.json", subject.stem).into(),
        bytes: serde_json::to_vec(&serde_json::json!({
            "subject": subject.about,
            "count": records.len(),
            // The projects are in the parts, in the table's order.
            "parts": parts,
        }))
        .unwrap_or_default(),
    });
    for (n, chunk) in records.chunks(JSON_PART_ROWS).enumerate() {
        files.push(OutFile {
            path: part(n + 1).into(),
            bytes: serde_json::to_vec(&TableJson {
                subject: &subject.about,
                projects: chunk,
            })
            .unwrap_or_default(),
        });
    }
    Ok(files)
}

/// Projects a comparison table's JSON holds before it is split into parts.
pub const JSON_PART_ROWS: usize = 10_000;

/// The CSV and JSON beside a table: `compare/<stem>.csv` and `.json`.
pub(super) fn downloads(cx: &Ctx, stem: &str) -> [Link; 2] {
    ["CSV", "JSON"].map(|kind| Link {
        text: kind.into(),
        url: Some(cx.link(&format!("compare/{stem}.{}", kind.to_lowercase()))),
    })
}
