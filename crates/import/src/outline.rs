//! The document's structure: its headings by the numbering official
//! documents use, and its entries: numbered items followed by labelled
//! fields (培训对象：…) or named by 项目名称, or, in a document without any,
//! the numbered items that have no items under them. What each line is
//! comes from [`super::lines`].

use super::lines::{
    form_pairs, heading_title, inline_title, is_form, is_page_mark, is_sentence, labelled,
    numbering, split_fields, starts_annex, title_and_note, Label, Numbering,
};
use crate::document::Block;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: String,
    pub kind: Label,
    pub text: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub kind: Numbering,
    pub number: String,
    /// The whole line as written, numbering included.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// What the heading adds in brackets: （2024年新设，3年周期性项目）.
    pub note: Option<String>,
    pub line: usize,
    /// “一.(一).1”, or the 序号 of a table row.
    pub number: String,
    /// The headings above it, outermost first, as written.
    pub section: Vec<String>,
    pub fields: Vec<Field>,
    /// Its other paragraphs, with their lines.
    pub text: Vec<(usize, String)>,
}

#[derive(Debug, Default)]
pub struct Outline {
    /// Paragraphs before the first numbered line: title, issuer, preamble.
    pub front: Vec<(usize, String)>,
    /// Everything not in an entry, as Markdown paragraphs and headings.
    pub rest: Vec<String>,
    pub entries: Vec<Entry>,
}

struct Line {
    at: usize,
    text: String,
    number: Option<(Numbering, String)>,
    after: String,
    labelled: bool,
}

impl Line {
    fn new(at: usize, text: &str) -> Line {
        let number = numbering(text);
        // “（1）培训对象：…” is a field that happens to be numbered.
        if let Some((_, _, after)) = &number {
            if labelled(after).is_some() {
                return Line {
                    at,
                    text: after.to_string(),
                    labelled: true,
                    after: String::new(),
                    number: None,
                };
            }
        }
        Line {
            at,
            text: text.to_string(),
            labelled: labelled(text).is_some(),
            after: number.as_ref().map(|n| n.2.to_string()).unwrap_or_default(),
            number: number.map(|(k, n, _)| (k, n)),
        }
    }

    /// 项目名称：…, the name of an entry.
    fn title(&self) -> Option<&str> {
        labelled(&self.text)
            .filter(|(_, kind, title)| *kind == Label::Title && !title.is_empty())
            .map(|(_, _, title)| title)
    }
}

/// Which numbered lines of `body` are entries. An entry is a numbered line
/// whose next line is a labelled field (a numbered line over several
/// 项目名称 is their heading); without any such line or 项目名称, with
/// `leaves`, the numbered lines with no numbered line under them.
fn entry_lines(body: &[Line], leaves: bool) -> (Vec<bool>, bool) {
    let has_fields = |i: usize| {
        let titles = body[i + 1..]
            .iter()
            .take_while(|l| l.number.is_none())
            .filter(|l| l.title().is_some())
            .count();
        body.get(i + 1).is_some_and(|l| l.labelled) && titles < 2
    };
    let is_leaf =
        |i: usize, kind: Numbering| match body[i + 1..].iter().find_map(|l| l.number.as_ref()) {
            Some((next, _)) => *next <= kind,
            None => true,
        };
    let labelled_entries = (0..body.len()).any(|i| body[i].number.is_some() && has_fields(i))
        || body.iter().any(|l| l.title().is_some());
    let entries = (0..body.len())
        .map(|i| match &body[i].number {
            None => false,
            Some(_) if labelled_entries => has_fields(i),
            Some((kind, _)) => leaves && is_leaf(i, *kind),
        })
        .collect();
    (entries, labelled_entries)
}

/// The walk through the document's body: the headings open above the
/// line, and the entry being read.
#[derive(Default)]
struct Walk {
    out: Outline,
    stack: Vec<Heading>,
    current: Option<Entry>,
    /// The numbering of the current entry's own line.
    current_kind: Option<Numbering>,
    /// Entries named by 项目名称 under the current heading, for their numbers.
    titled: usize,
}

impl Walk {
    fn close(&mut self) {
        self.out.entries.extend(self.current.take());
    }

    /// A new entry under the open headings, numbered `last` among them.
    fn open(&mut self, title: String, note: Option<String>, line: usize, last: String) {
        let mut path: Vec<String> = self.stack.iter().map(number_part).collect();
        path.push(last);
        self.current = Some(Entry {
            title,
            note,
            line,
            number: path.join("."),
            section: self.stack.iter().map(|h| heading_title(&h.text)).collect(),
            fields: Vec::new(),
            text: Vec::new(),
        });
    }

    fn numbered(
        &mut self,
        line: &Line,
        kind: Numbering,
        number: &str,
        is_entry: bool,
        inline: bool,
    ) {
        self.titled = 0;
        // A numbered sentence (“（一）进一步加强……。”) is text, not a
        // heading: the entry's, when it is numbered below the entry.
        if !is_entry && is_sentence(&line.after) {
            match (self.current.as_mut(), self.current_kind) {
                (Some(entry), Some(k)) if kind > k => entry.text.push((line.at, line.text.clone())),
                _ => {
                    self.close();
                    self.stack.retain(|h| h.kind < kind);
                    self.out.rest.push(line.text.clone());
                }
            }
            return;
        }
        self.close();
        self.stack.retain(|h| h.kind < kind);
        self.current_kind = Some(kind);
        let heading = Heading {
            kind,
            number: number.to_string(),
            text: line.text.clone(),
        };
        if is_entry {
            let (title, note, text) = match inline_title(&line.after).filter(|_| inline) {
                Some((title, rest)) => (title.to_string(), None, Some((line.at, rest.to_string()))),
                None => {
                    let (title, note) = title_and_note(&line.after);
                    (title, note, None)
                }
            };
            // “一、” and nothing after it: the line is all there is to call it.
            let title = if title.is_empty() {
                line.text.clone()
            } else {
                title
            };
            self.open(title, note, line.at, number_part(&heading));
            if let (Some(entry), Some(text)) = (self.current.as_mut(), text) {
                entry.text.push(text);
            }
            return;
        }
        // “（一）……培训。设置四个子项目：”: the heading, then its sentence.
        let title = heading_title(&line.text);
        let hashes = "#".repeat((self.stack.len() + 2).min(6));
        self.out.rest.push(format!("{hashes} {title}"));
        let more = line.text.strip_prefix(title.as_str()).unwrap_or_default();
        let more = more.trim_start_matches(['。', ' ']);
        if !more.is_empty() {
            self.out.rest.push(more.to_string());
        }
        self.stack.push(heading);
    }

    /// 项目名称：…: a new entry, or the name of the one the numbered line
    /// just above it began.
    fn named(&mut self, line: &Line, title: &str) {
        match self.current.as_mut() {
            Some(entry) if entry.fields.is_empty() && entry.text.is_empty() => {
                entry.title = title.to_string();
            }
            _ => {
                self.close();
                self.titled += 1;
                self.open(title.to_string(), None, line.at, self.titled.to_string());
            }
        }
    }

    fn other(&mut self, line: &Line) {
        // An annex ends the entry before it: its caption and text are the
        // catalog's, not the entry's.
        if starts_annex(&line.text) {
            self.close();
            self.stack.clear();
            self.out.rest.push(format!("## {}", line.text.trim()));
            return;
        }
        if is_page_mark(&line.text) {
            return;
        }
        match self.current.as_mut() {
            Some(entry) => match labelled(&line.text) {
                Some((label, kind, text)) => entry.fields.push(Field {
                    label: label.to_string(),
                    kind,
                    text: text.to_string(),
                    line: line.at,
                }),
                None => entry.text.push((line.at, line.text.clone())),
            },
            None => self.out.rest.push(line.text.clone()),
        }
    }
}

/// `leaves`: whether, without labelled fields, the leaf items are entries
/// (not when a planning table lists them).
pub fn outline(blocks: &[Block], leaves: bool) -> Outline {
    let mut walk = Walk::default();
    let mut lines = Vec::new();
    for block in blocks {
        match block {
            Block::Para { line, text } => {
                lines.extend(split_fields(text).into_iter().map(|t| Line::new(*line, t)));
            }
            // A project written as a form (培训对象 | …): its rows are its fields.
            Block::Table { rows, .. } if is_form(rows) => {
                for row in rows {
                    for (label, value) in form_pairs(row) {
                        lines.push(Line::new(row.line, &format!("{label}：{value}")));
                    }
                }
            }
            // A planning table or any other: read on its grid (table.rs).
            Block::Table { .. } => {}
        }
    }
    let first_numbered = lines
        .iter()
        .position(|l| l.number.is_some())
        .unwrap_or(lines.len());
    walk.out.front = lines[..first_numbered]
        .iter()
        .map(|l| (l.at, l.text.clone()))
        .collect();
    let body = &lines[first_numbered..];
    let (is_entry, labelled_entries) = entry_lines(body, leaves);
    for (i, line) in body.iter().enumerate() {
        if let Some((kind, number)) = &line.number {
            walk.numbered(line, *kind, number, is_entry[i], !labelled_entries);
        } else if let Some(title) = line.title() {
            walk.named(line, title);
        } else {
            walk.other(line);
        }
    }
    walk.close();
    walk.out
}

fn number_part(h: &Heading) -> String {
    match h.kind {
        Numbering::ParenHan | Numbering::ParenArabic => format!("({})", h.number),
        _ => h.number.clone(),
    }
}

/// A document's outline with its tables: the planning tables on their
/// grids with the row groups that make entries, and the other tables.
pub struct DocumentOutline {
    pub outline: Outline,
    pub grids: Vec<crate::table::Grid>,
    /// (grid, row group) of every planning table.
    pub table_groups: Vec<(usize, crate::table::RowGroup)>,
    /// Tables that plan nothing (not forms, which the outline reads as lines).
    pub other_tables: Vec<(usize, Vec<crate::document::Row>)>,
}

/// The **outline** step: headings, entries and tables of a document.
pub fn of_document(doc: &crate::document::Document) -> DocumentOutline {
    use crate::table;
    let mut grids = Vec::new();
    let mut other_tables = Vec::new();
    for block in &doc.blocks {
        let Block::Table { line, rows } = block else {
            continue;
        };
        if is_form(rows) {
            continue;
        }
        match table::grid(*line, rows).filter(table::Grid::is_plan) {
            Some(grid) => grids.push(grid),
            None => other_tables.push((*line, rows.clone())),
        }
    }
    let table_groups: Vec<(usize, table::RowGroup)> = grids
        .iter()
        .enumerate()
        .flat_map(|(g, grid)| table::groups(grid).into_iter().map(move |r| (g, r)))
        .collect();
    let outline = outline(&doc.blocks, table_groups.is_empty());
    DocumentOutline {
        outline,
        grids,
        table_groups,
        other_tables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(line: usize, text: &str) -> Block {
        Block::Para {
            line,
            text: text.into(),
        }
    }

    #[test]
    fn entries_under_skipped_levels() {
        let blocks = [
            para(1, "某市2026年培训指南"),
            para(2, "一、骨干培训"),
            para(3, "1.骨干教师培训项目（2026年新设，3年周期性项目）"),
            para(4, "培训对象：骨干教师。"),
            para(5, "培训时间：集中培训10天。"),
            para(6, "（一）乡村"),
            para(7, "说明文字。"),
            para(8, "（1）乡村教师项目"),
            para(9, "参训对象：乡村教师"),
        ];
        let o = outline(&blocks, true);
        assert_eq!(o.front, [(1, "某市2026年培训指南".to_string())]);
        assert_eq!(o.entries.len(), 2);
        let e = &o.entries[0];
        assert_eq!(e.title, "骨干教师培训项目");
        assert_eq!(e.note.as_deref(), Some("2026年新设，3年周期性项目"));
        assert_eq!(e.number, "一.1");
        assert_eq!(e.section, ["一、骨干培训"]);
        assert_eq!(e.fields.len(), 2);
        assert_eq!(e.fields[1].kind, Label::Duration);
        let e = &o.entries[1];
        assert_eq!(e.number, "一.(一).(1)");
        assert_eq!(e.section, ["一、骨干培训", "（一）乡村"]);
        assert_eq!(o.rest, ["## 一、骨干培训", "### （一）乡村", "说明文字。"]);
    }

    #[test]
    fn leaves_are_entries_without_fields() {
        let blocks = [
            para(1, "一、农村骨干"),
            para(2, "1.分层分类培训。按照要求开展。"),
            para(3, "二、团队研修"),
            para(4, "遴选机构负责人。"),
        ];
        let o = outline(&blocks, true);
        let titles: Vec<&str> = o.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["分层分类培训", "团队研修"]);
        assert_eq!(o.entries[0].text, [(2, "按照要求开展。".to_string())]);
        assert_eq!(o.entries[1].text, [(4, "遴选机构负责人。".to_string())]);
    }

    fn row(line: usize, cells: &[&str]) -> crate::document::Row {
        crate::document::Row {
            line,
            cells: cells
                .iter()
                .map(|t| crate::document::Cell {
                    text: t.to_string(),
                    merged: false,
                    span: 1,
                })
                .collect(),
        }
    }

    #[test]
    fn forms_numbered_labels_and_project_names_make_entries() {
        let blocks = [
            para(1, "某省2025年培训项目申报指南"),
            para(2, "一、骨干培训"),
            Block::Table {
                line: 3,
                rows: vec![
                    row(4, &["项目名称", "骨干教师研修"]),
                    row(5, &["培训对象 ：", "骨干教师"]),
                    row(6, &["培训时间", "10天", "培训人数", "200人"]),
                ],
            },
            para(7, "项目名称：乡村校长研修"),
            para(8, "（1）培训对象：乡村校长"),
            para(9, "二、管理"),
            para(10, "1.班主任培训"),
            para(11, "项目名称：班主任工作坊"),
            para(12, "培训对象：班主任"),
        ];
        let o = outline(&blocks, true);
        type Fields<'a> = Vec<(&'a str, &'a str)>;
        let got: Vec<(&str, &str, Fields)> = o
            .entries
            .iter()
            .map(|e| {
                (
                    e.number.as_str(),
                    e.title.as_str(),
                    e.fields
                        .iter()
                        .map(|f| (f.label.as_str(), f.text.as_str()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "一.1",
                    "骨干教师研修",
                    vec![
                        ("培训对象", "骨干教师"),
                        ("培训时间", "10天"),
                        ("培训人数", "200人")
                    ]
                ),
                ("一.2", "乡村校长研修", vec![("培训对象", "乡村校长")]),
                ("二.1", "班主任工作坊", vec![("培训对象", "班主任")]),
            ]
        );
    }

    #[test]
    fn numbered_sentences_are_text_and_annexes_end_the_entries() {
        let blocks = [
            para(1, "某区2022年教师教育工作计划"),
            para(2, "一、工作目标"),
            para(3, "（一）进一步加强师德师风建设，增强教师的责任感。"),
            para(4, "二、项目"),
            para(5, "1.班主任培训"),
            para(6, "培训内容："),
            para(7, "（1）班级管理。围绕班级建设开展研讨。"),
            para(8, "— 7 —"),
            para(9, "附件2"),
            para(10, "某区2022年项目一览表"),
        ];
        let o = outline(&blocks, false);
        assert_eq!(o.entries.len(), 1);
        assert_eq!(
            o.entries[0].text,
            [(7, "（1）班级管理。围绕班级建设开展研讨。".to_string())]
        );
        assert_eq!(
            o.rest,
            [
                "## 一、工作目标",
                "（一）进一步加强师德师风建设，增强教师的责任感。",
                "## 二、项目",
                "## 附件2",
                "某区2022年项目一览表"
            ]
        );
    }

    #[test]
    fn an_annex_ends_the_entries() {
        let blocks = [
            para(1, "某区2022年培训指南"),
            para(2, "一、项目"),
            para(3, "1.班主任培训"),
            para(4, "培训对象：班主任"),
            para(5, "— 7 —"),
            para(6, "附件2"),
            para(7, "某区2022年项目一览表"),
        ];
        let o = outline(&blocks, false);
        assert_eq!(o.entries.len(), 1);
        assert!(o.entries[0].text.is_empty());
        assert_eq!(o.rest, ["## 一、项目", "## 附件2", "某区2022年项目一览表"]);
    }

    #[test]
    fn a_title_and_its_fields_in_one_paragraph_are_an_entry() {
        let blocks = [
            para(1, "某市2025年培训指南"),
            para(2, "1.班主任培训。培训对象：班主任。培训时间：集中培训5天。"),
        ];
        let o = outline(&blocks, true);
        assert_eq!(o.entries.len(), 1);
        let e = &o.entries[0];
        assert_eq!(e.title, "班主任培训");
        let fields: Vec<(&str, &str)> = e
            .fields
            .iter()
            .map(|f| (f.label.as_str(), f.text.as_str()))
            .collect();
        assert_eq!(
            fields,
            [("培训对象", "班主任。"), ("培训时间", "集中培训5天。")]
        );
    }
}
