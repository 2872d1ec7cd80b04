//! Planning-table rows as parts of drafts: the rows that name an entry of
//! the text, its sub-projects, a group's head count, and the rows as a list
//! under the entry's own words.

use super::draft::{escape_markdown, Evidence, Sourced, SubDraft};
use super::figures::{self, What};
use super::outline::Entry;
use super::table::{self, Grid, Role};
use super::vocab;
use crate::Vocabulary as Config;
use std::collections::HashSet;

/// The rows of one grid that name an entry, and the column naming it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attached {
    pub grid: usize,
    pub rows: Vec<usize>,
    pub column: usize,
}

/// For each entry, the table rows that name it (by its title, in a group
/// or name column); a row names the entry with the longest matching title.
pub fn attach_rows(entries: &[Entry], grids: &[Grid]) -> Vec<Vec<Attached>> {
    let mut out: Vec<Vec<Attached>> = vec![Vec::new(); entries.len()];
    for (g, grid) in grids.iter().enumerate() {
        let columns: Vec<usize> = (0..grid.roles.len())
            .filter(|c| matches!(grid.roles[*c], Role::Name | Role::Group))
            .collect();
        for (r, (_, row)) in grid.rows.iter().enumerate() {
            let best = entries
                .iter()
                .enumerate()
                .flat_map(|(e, entry)| {
                    columns
                        .iter()
                        .filter(|c| table::names_entry(&row[**c], &entry.title))
                        .map(move |c| (e, *c, entry.title.chars().count()))
                })
                .max_by_key(|(_, c, len)| (*len, *c))
                .or_else(|| {
                    // No cell names it as written: one title alike enough in its characters.
                    let alike: Vec<(usize, usize, usize)> = entries
                        .iter()
                        .enumerate()
                        .flat_map(|(e, entry)| {
                            columns
                                .iter()
                                .filter(|c| table::likeness(&row[**c], &entry.title) >= 0.9)
                                .map(move |c| (e, *c, 0))
                        })
                        .collect();
                    let one = alike.iter().all(|(e, _, _)| *e == alike[0].0);
                    (one && !alike.is_empty()).then(|| alike[0])
                });
            if let Some((e, column, _)) = best {
                match out[e].iter_mut().find(|a| a.grid == g) {
                    Some(a) => a.rows.push(r),
                    None => out[e].push(Attached {
                        grid: g,
                        rows: vec![r],
                        column,
                    }),
                }
            }
        }
    }
    out
}

/// A row's cells, each once, for a comment or message that quotes it.
pub fn row_quote(grid: &Grid, row: usize) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for cell in grid.rows[row]
        .1
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
    {
        if !seen.contains(&cell) {
            seen.push(cell);
        }
    }
    seen.join("｜").replace('\n', " ")
}

/// The value of a column every one of `rows` shares, with the first row's
/// line; rows that differ keep their values to themselves.
pub fn common_value(grid: &Grid, rows: &[usize], role: Role) -> Option<(String, usize)> {
    let c = grid.column(role)?;
    let first_row = &grid.rows[*rows.first()?];
    let first = first_row.1[c].trim().to_string();
    let same = rows.iter().all(|r| grid.rows[*r].1[c].trim() == first);
    (same && !first.is_empty()).then_some((first, first_row.0))
}

/// The months every one of `rows` gives in its time column.
pub fn rows_period(grid: &Grid, rows: &[usize]) -> Option<Sourced<String>> {
    let (t, line) = common_value(grid, rows, Role::Time)?;
    figures::months(&t).map(|m| {
        Sourced::stated(
            m,
            Evidence {
                line,
                quote: format!(
                    "{} {t}",
                    grid.column(Role::Time)
                        .map_or("", |c| grid.header[c].as_str())
                ),
            },
        )
    })
}

/// A group's head count from its rows: one row's; the same count for the
/// same people on every row (6000 中小学教师 at three events); or, when each
/// row is the same project for other people (小学…, 初中…), their sum.
/// Anything else (different tasks, 800 and 100) is left with the rows.
pub fn group_trainees(grid: &Grid, group: &[usize]) -> Option<Sourced<u32>> {
    let c = grid.column(Role::Trainees)?;
    let rows: Vec<&(usize, Vec<String>)> = group.iter().map(|r| &grid.rows[*r]).collect();
    let counts: Vec<u32> = rows
        .iter()
        .map(|(_, cells)| figures::head_count(&cells[c]))
        .collect::<Option<_>>()?;
    let who: Vec<&str> = match grid.column(Role::Audience) {
        Some(a) => rows.iter().map(|(_, cells)| cells[a].trim()).collect(),
        None => Vec::new(),
    };
    let all_same_people = who.iter().all(|w| Some(w) == who.first());
    let one_project = grid
        .columns(Role::Name)
        .iter()
        .all(|n| rows.iter().all(|(_, cells)| cells[*n] == rows[0].1[*n]));
    let all_other_people = one_project
        && !who.is_empty()
        && (0..who.len()).all(|i| (i + 1..who.len()).all(|j| who[i] != who[j]));
    let cells: Vec<String> = counts.iter().map(u32::to_string).collect();
    let (n, how) = if counts.len() == 1 {
        (counts[0], format!("培训人数 {}", cells[0]))
    } else if all_same_people && counts.iter().all(|n| *n == counts[0]) {
        (
            counts[0],
            format!("每行培训人数均为 {}（同一批对象）", cells[0]),
        )
    } else if all_other_people {
        (
            counts.iter().sum(),
            format!("各行对象不同，培训人数 {} 相加", cells.join("+")),
        )
    } else {
        return None;
    };
    Some(Sourced::stated(
        n,
        Evidence {
            line: rows[0].0,
            quote: how,
        },
    ))
}

pub fn sub_projects(
    config: &Config,
    grid: &Grid,
    rows: &[usize],
    name_col: usize,
) -> Vec<SubDraft> {
    let v = config;
    let col = |role| grid.column(role);
    rows.iter()
        // A row without a name of its own is not a sub-project to list.
        .filter(|r| !grid.rows[**r].1[name_col].trim().is_empty())
        .map(|r| {
            let (line, cells) = &grid.rows[*r];
            let get = |c: Option<usize>| {
                c.map(|c| cells[c].trim().to_string())
                    .filter(|s| !s.is_empty())
            };
            let name = cells[name_col].trim().to_string();
            let audience = col(Role::Audience).filter(|c| *c != name_col);
            let eligibility = get(audience);
            let time = get(col(Role::Time));
            let offline_days = time.as_deref().and_then(|t| {
                figures::scan(t).into_iter().find_map(|f| match f.what {
                    What::OfflineDays { days, .. } => Some(days),
                    _ => None,
                })
            });
            let format_col = grid
                .columns(Role::Format)
                .into_iter()
                .find(|c| grid.header[*c].contains("形式"));
            SubDraft {
                line: *line,
                quote: row_quote(grid, *r),
                stages: vocab::named(
                    &format!("{name} {}", eligibility.clone().unwrap_or_default()),
                    &v.stages,
                    config,
                ),
                name,
                eligibility,
                trainees: get(col(Role::Trainees))
                    .as_deref()
                    .and_then(figures::head_count),
                offline_days,
                period: time.as_deref().and_then(figures::months),
                format: get(format_col),
            }
        })
        .collect()
}

pub fn rows_text(grid: &Grid, rows: &[usize], name_col: usize) -> String {
    let mut out = String::from("## 项目规划表\n\n");
    for r in rows {
        let cells = &grid.rows[*r].1;
        let mut parts = Vec::new();
        let mut shown: HashSet<&str> = HashSet::new();
        for (c, value) in cells.iter().enumerate() {
            let value = value.trim();
            if c <= name_col || value.is_empty() || !shown.insert(value) {
                continue;
            }
            parts.push(format!("{} {}", grid.header[c], value.replace('\n', " ")));
        }
        out.push_str(&format!(
            "- {}：{}\n",
            escape_markdown(cells[name_col].trim()),
            escape_markdown(&parts.join("；"))
        ));
    }
    out
}
