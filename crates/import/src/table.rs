//! Planning tables (一览表, 规划表): rows on a full grid with merged cells
//! filled from above, columns known by their headings, and rows gathered
//! into the entries they describe.

use super::lines::squeeze;
use crate::document::Row;

/// What a column holds, by its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Seq,
    Group,
    Name,
    Audience,
    Condition,
    Time,
    Format,
    Trainees,
    Funding,
    Implementer,
    Other,
}

fn role(heading: &str) -> Role {
    let h = heading;
    let has = |w: &str| h.contains(w);
    if has("序号") || h == "编号" {
        Role::Seq
    } else if has("类别") {
        Role::Group
    } else if has("名称") || has("子项目") || h == "项目" {
        Role::Name
    } else if has("对象") {
        Role::Audience
    } else if has("条件") {
        Role::Condition
    } else if has("时间")
        || has("周期")
        || has("时长")
        || has("天数")
        || has("学时")
        || has("（天）")
        || has("(天)")
    {
        // 集中培训（天） and 网络研修（学时）: figures in a column of their own.
        Role::Time
    } else if has("形式") || has("方式") || has("环节") {
        Role::Format
    } else if has("人数") || has("规模") {
        Role::Trainees
    } else if has("经费") {
        Role::Funding
    } else if has("单位") {
        Role::Implementer
    } else {
        Role::Other
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub line: usize,
    pub header: Vec<String>,
    pub roles: Vec<Role>,
    /// Data rows: (line, one value per column, merged cells filled).
    pub rows: Vec<(usize, Vec<String>)>,
}

impl Grid {
    pub fn column(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }

    pub fn columns(&self, role: Role) -> Vec<usize> {
        (0..self.roles.len())
            .filter(|i| self.roles[*i] == role)
            .collect()
    }

    /// A planning table: it names its projects.
    pub fn is_plan(&self) -> bool {
        self.column(Role::Name).is_some() && !self.rows.is_empty()
    }
}

/// Lays `rows` on a grid. A cell spanning columns (gridSpan) fills them all;
/// in a text export, a row short of cells has its name cell spanning, as
/// Word writes a name merged across two columns. A merged cell takes the
/// value above it.
pub fn grid(line: usize, rows: &[Row]) -> Option<Grid> {
    let width = rows
        .iter()
        .map(|r| r.cells.iter().map(|c| c.span).sum::<usize>())
        .max()?;
    if rows.len() < 2 || width < 2 {
        return None;
    }
    let header_cells = &rows[0].cells;
    let header_roles: Vec<Role> = header_cells
        .iter()
        .map(|c| role(&squeeze(&c.text)))
        .collect();
    let header_width: usize = header_cells.iter().map(|c| c.span).sum();
    let header_short = width - header_width;
    let rows = &joined(rows, width, header_short);
    // Word's text export loses a cell's span across columns. The cell that
    // spanned is the last name cell's place minus the cells missing, for a
    // header short of the widest row, and for a row short by as much or
    // whose last cell still fits the last column; any other short row just
    // lacks its last cells.
    let last_name = header_roles
        .iter()
        .rposition(|r| *r == Role::Name)
        .map(|i| i + header_short);
    let last_role = header_roles.last().copied().unwrap_or(Role::Other);
    let spread = |row: &Row, is_header: bool| -> Vec<(String, bool)> {
        let mut out = Vec::with_capacity(width);
        let short = width.saturating_sub(row.cells.iter().map(|c| c.span).sum::<usize>());
        let last_fits = row.cells.last().is_some_and(|c| fits(last_role, &c.text));
        let spanning = short > 0 && (is_header || short == header_short || last_fits);
        let span_at = last_name
            .filter(|_| spanning)
            .and_then(|l| l.checked_sub(short))
            .map(|at| {
                if is_header {
                    at.min(row.cells.len().saturating_sub(1))
                } else {
                    at
                }
            });
        for (i, cell) in row.cells.iter().enumerate() {
            let extra = if Some(i) == span_at { short } else { 0 };
            for _ in 0..cell.span + extra {
                out.push((cell.text.clone(), cell.merged));
            }
        }
        out.resize(width, (String::new(), false));
        out
    };
    let header: Vec<String> = spread(&rows[0], true)
        .into_iter()
        .map(|(t, _)| squeeze(&t))
        .collect();
    let mut header = header;
    let first_roles: Vec<Role> = header.iter().map(|h| role(h)).collect();
    let key_columns: Vec<usize> = (0..width)
        .filter(|c| matches!(first_roles[*c], Role::Seq | Role::Name))
        .collect();
    let mut filled: Vec<(usize, Vec<String>)> = Vec::new();
    for row in &rows[1..] {
        let cells = spread(row, false);
        // A heading two rows high (培训经费 over 中央 | 地方): before any data,
        // a row with nothing in its 序号 and name columns adds to the headings.
        let continues_header = filled.is_empty()
            && !key_columns.is_empty()
            && key_columns
                .iter()
                .all(|c| cells[*c].1 || cells[*c].0.trim().is_empty());
        if continues_header {
            for (c, (text, merged)) in cells.iter().enumerate() {
                let text = squeeze(text);
                if !merged && !text.is_empty() && text != header[c] {
                    header[c].push_str(&text);
                }
            }
            continue;
        }
        let values: Vec<String> = cells
            .into_iter()
            .enumerate()
            .map(|(c, (text, merged))| match (merged, filled.last()) {
                (true, Some((_, above))) => above[c].clone(),
                _ => text,
            })
            .collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        filled.push((row.line, values));
    }
    let roles: Vec<Role> = header.iter().map(|h| role(h)).collect();
    Some(Grid {
        line,
        header,
        roles,
        rows: filled,
    })
}

fn cells_wide(row: &Row) -> usize {
    row.cells.iter().map(|c| c.span).sum()
}

/// Rows whose last cells Word's text export put after a blank line, as a
/// row of their own, joined back: a row short of the table's width by
/// other than its spanned heading, and the fragment after it that makes
/// it whole.
fn joined(rows: &[Row], width: usize, header_short: usize) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        // Not into the heading row: its shortness is the spans'.
        let after_data = out.len() > 1;
        if let Some(last) = out.last_mut().filter(|_| after_data) {
            let short = width.saturating_sub(cells_wide(last));
            if short > 0 && short != header_short && cells_wide(row) == short {
                last.cells.extend(row.cells.iter().cloned());
                continue;
            }
        }
        out.push(row.clone());
    }
    out
}

/// Rows as a Markdown table under the grid's headings, every cell's text
/// escaped so it reads as written.
pub fn markdown(header: &[String], rows: &[&[String]]) -> String {
    let cell = |t: &str| super::draft::escape_markdown(&t.replace('\n', " ")).replace('\n', " ");
    let line = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![line(header), format!("|{}", " --- |".repeat(header.len()))];
    out.extend(rows.iter().map(|r| line(r)));
    out.join("\n")
}

/// Whether a cell's text can be the value of a column of `role`.
fn fits(role: Role, text: &str) -> bool {
    let t = text.trim();
    match role {
        Role::Funding => t.is_empty() || t.contains('元') || t.contains("万/"),
        Role::Trainees => t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()),
        Role::Time => t.is_empty() || t.contains(['月', '天', '年', '日']),
        _ => true,
    }
}

/// Rows that are one project of the table: a run of rows with the same
/// 序号 (and group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowGroup {
    pub rows: Vec<usize>,
    pub title: String,
    pub number: String,
    pub section: Vec<String>,
    pub work_item: bool,
    /// The column that names each row, when there are several.
    pub sub_name: Option<usize>,
}

/// The projects a numbered table lists (when the text has none of its own).
pub fn groups(grid: &Grid) -> Vec<RowGroup> {
    let Some(seq) = grid.column(Role::Seq) else {
        return groups_by_name(grid);
    };
    let group_col = grid.column(Role::Group);
    let names = grid.columns(Role::Name);
    let Some(&first_name) = names.first() else {
        return Vec::new();
    };
    let key = |r: &Vec<String>| (group_col.map(|g| squeeze(&r[g])), r[seq].trim().to_string());
    let mut out: Vec<RowGroup> = Vec::new();
    let mut seen_numbers: Vec<String> = Vec::new();
    let mut i = 0;
    while i < grid.rows.len() {
        let k = key(&grid.rows[i].1);
        let mut j = i + 1;
        while j < grid.rows.len() && key(&grid.rows[j].1) == k {
            j += 1;
        }
        let rows: Vec<usize> = (i..j).collect();
        let first = &grid.rows[i].1;
        let group = k.0.clone().unwrap_or_default();
        let mut section: Vec<String> = if group.is_empty() {
            vec![]
        } else {
            vec![group.clone()]
        };
        let name_values: Vec<String> = names.iter().map(|c| first[*c].trim().to_string()).collect();
        let mut title = name_values[0].clone();
        let second_differs = name_values
            .get(1)
            .is_some_and(|s| !s.is_empty() && *s != title);
        let work_item = group.contains("专项工作");
        let mut sub_name = (rows.len() > 1)
            .then(|| first_differing(grid, &rows, first_name + 1))
            .flatten();
        if rows.len() == 1 && second_differs {
            if work_item {
                // A kind of work (教学大赛) and the one task under it.
                sub_name = Some(names[1]);
            } else {
                // One row under a heading cell: the heading is its section.
                section.push(title.clone());
                title = name_values[1].clone();
            }
        }
        let number = k.1.clone();
        let number = if seen_numbers.contains(&number) || work_item {
            format!("{group}.{number}")
        } else {
            number
        };
        seen_numbers.push(k.1.clone());
        if !title.is_empty() {
            out.push(RowGroup {
                rows,
                title,
                number,
                work_item,
                section,
                sub_name,
            });
        }
        i = j;
    }
    out
}

/// A table without 序号 (a spreadsheet of 项目 | 项目类别 | 子项目 | …):
/// one project per run of rows with the same deepest name, numbered in
/// order, under its group and the names above it.
fn groups_by_name(grid: &Grid) -> Vec<RowGroup> {
    let names = grid.columns(Role::Name);
    let Some(&deepest) = names.last() else {
        return Vec::new();
    };
    let group_col = grid.column(Role::Group);
    let mut out: Vec<RowGroup> = Vec::new();
    let mut i = 0;
    while i < grid.rows.len() {
        let title = grid.rows[i].1[deepest].trim().to_string();
        let mut j = i + 1;
        while j < grid.rows.len() && grid.rows[j].1[deepest].trim() == title {
            j += 1;
        }
        let first = &grid.rows[i].1;
        let mut section: Vec<String> = Vec::new();
        for c in group_col
            .into_iter()
            .chain(names.iter().copied().filter(|c| *c != deepest))
        {
            let v = first[c].trim().to_string();
            if !v.is_empty() && v != title && !section.contains(&v) {
                section.push(v);
            }
        }
        if !title.is_empty() {
            let rows: Vec<usize> = (i..j).collect();
            out.push(RowGroup {
                sub_name: (rows.len() > 1)
                    .then(|| first_differing(grid, &rows, deepest + 1))
                    .flatten(),
                rows,
                number: (out.len() + 1).to_string(),
                work_item: section.iter().any(|s| s.contains("专项工作")),
                section,
                title,
            });
        }
        i = j;
    }
    out
}

/// The first column from `from` on whose values differ across `rows`: what
/// tells the rows apart.
pub fn first_differing(grid: &Grid, rows: &[usize], from: usize) -> Option<usize> {
    (from..grid.header.len()).find(|c| {
        let first = &grid.rows[rows[0]].1[*c];
        rows.iter().any(|r| grid.rows[*r].1[*c] != *first)
    })
}

/// A name as compared: no spaces, brackets or a closing 项目, and 培训 and
/// 研修 alike (tables often shorten a title the text gives in full).
fn name_key(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = usize::max(depth, 1) - 1,
            c if depth == 0 && !c.is_whitespace() => out.push(c),
            _ => {}
        }
    }
    let out = out.strip_suffix("项目").unwrap_or(&out).to_string();
    out.replace("研修", "培训")
}

/// How alike two names are by their characters (0 to 1), for titles the
/// table words in another order (名师名书记（校长） / 名师名校长（书记）).
pub fn likeness(a: &str, b: &str) -> f64 {
    let count = |s: &str| {
        let mut m: std::collections::BTreeMap<char, usize> = Default::default();
        for c in s.chars().filter(|c| !c.is_whitespace()) {
            *m.entry(c).or_default() += 1;
        }
        m
    };
    let (ca, cb) = (count(a), count(b));
    let common: usize = ca
        .iter()
        .map(|(c, n)| (*n).min(*cb.get(c).unwrap_or(&0)))
        .sum();
    let total = ca.values().sum::<usize>().max(cb.values().sum::<usize>());
    if total < 8 {
        return 0.0;
    }
    common as f64 / total as f64
}

/// Whether a cell names the entry titled `title`.
pub fn names_entry(cell: &str, title: &str) -> bool {
    let (cell, title) = (name_key(cell), name_key(title));
    let long = |s: &str| s.chars().count() >= 6;
    !cell.is_empty()
        && (cell == title
            || (long(&cell) && (title.starts_with(&cell) || title.ends_with(&cell)))
            || (long(&title) && cell.starts_with(&title)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;
    use crate::read::text::blocks as text_blocks;

    #[test]
    fn spans_merges_and_groups() {
        let text = "\t类别\n\t序号\n\t项目名称\n\t培训对象\n\t人数\n\n\t全员培训\n\t1\n\t师德活动\n\t讲坛\n\t教师\n\t60\n\n\t\n\t\n\t\n\t演讲\n\t教师\n\t50\n\n\t\n\t2\n\t高中新课程\n\t高中教师\n\t40\n\n\t专项工作\n\t1\n\t校本研修\n\t指导\n\t教师\n\t\u{3000}\n";
        let blocks = text_blocks(text);
        let Block::Table { line, rows } = &blocks[0] else {
            panic!()
        };
        let g = grid(*line, rows).unwrap();
        assert_eq!(
            g.header,
            ["类别", "序号", "项目名称", "项目名称", "培训对象", "人数"]
        );
        assert_eq!(
            g.rows[1].1,
            ["全员培训", "1", "师德活动", "演讲", "教师", "50"]
        );
        assert_eq!(
            g.rows[2].1,
            [
                "全员培训",
                "2",
                "高中新课程",
                "高中新课程",
                "高中教师",
                "40"
            ]
        );
        assert_eq!(g.rows[3].1[5], "");
        let groups = groups(&g);
        let t: Vec<(&str, &str, bool)> = groups
            .iter()
            .map(|g| (g.title.as_str(), g.number.as_str(), g.work_item))
            .collect();
        assert_eq!(
            t,
            [
                ("师德活动", "1", false),
                ("高中新课程", "2", false),
                ("校本研修", "专项工作.1", true)
            ]
        );
        assert_eq!(groups[0].sub_name, Some(3));
        assert_eq!(groups[2].section, ["专项工作"]);
        assert_eq!(groups[2].sub_name, Some(3));
    }

    #[test]
    fn a_heading_two_rows_high_adds_to_the_headings() {
        use crate::document::{Cell, Row};
        let cell = |text: &str, span: usize, merged: bool| Cell {
            text: text.into(),
            merged,
            span,
        };
        let rows = [
            Row {
                line: 1,
                cells: vec![
                    cell("序号", 1, false),
                    cell("项目名称", 1, false),
                    cell("培训经费", 2, false),
                ],
            },
            Row {
                line: 2,
                cells: vec![
                    cell("", 1, true),
                    cell("", 1, true),
                    cell("中央", 1, false),
                    cell("地方", 1, false),
                ],
            },
            Row {
                line: 3,
                cells: vec![
                    cell("1", 1, false),
                    cell("教师培训", 1, false),
                    cell("100万元", 1, false),
                    cell("50万元", 1, false),
                ],
            },
        ];
        let g = grid(1, &rows).unwrap();
        assert_eq!(
            g.header,
            ["序号", "项目名称", "培训经费中央", "培训经费地方"]
        );
        assert_eq!(
            g.rows,
            [(
                3,
                vec![
                    "1".to_string(),
                    "教师培训".into(),
                    "100万元".into(),
                    "50万元".into()
                ]
            )]
        );
        assert_eq!(g.roles[2], Role::Funding);
    }

    #[test]
    fn a_row_the_export_broke_in_two_is_joined() {
        use crate::read::text::blocks as text_blocks;
        let text = "\t项目\n\t子项目\n\t经费\n\n\t区培计划\n\t新课程\n\n\t400元/人/天\n\n\t\n\t新教材\n\t\n";
        let blocks = text_blocks(text);
        let Block::Table { line, rows } = &blocks[0] else {
            panic!()
        };
        let g = grid(*line, rows).unwrap();
        assert_eq!(
            g.rows.iter().map(|(_, c)| c.clone()).collect::<Vec<_>>(),
            [
                vec![
                    "区培计划".to_string(),
                    "新课程".into(),
                    "400元/人/天".into()
                ],
                vec![
                    "区培计划".to_string(),
                    "新教材".into(),
                    "400元/人/天".into()
                ],
            ]
        );
    }
}
