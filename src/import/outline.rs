//! The document's structure: its headings by the numbering official
//! documents use (一、 （一） 1. 1、 （1） ①), and its entries: numbered items
//! followed by labelled fields (培训对象：…), or, in a document without any,
//! the numbered items that have no items under them.

use super::source::{Block, Row};

/// The kinds of official numbering, outermost first. A level may be
/// skipped: a 1. may sit right under a 一、.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Numbering {
    Han,
    ParenHan,
    Arabic,
    ParenArabic,
    Circled,
}

const HAN_DIGITS: &str = "〇一二三四五六七八九十百";

/// The numbering a line starts with: its kind, the number as written
/// (“一”, “3”) and the text after it.
pub fn numbering(line: &str) -> Option<(Numbering, String, &str)> {
    let han = |s: &str| !s.is_empty() && s.chars().all(|c| HAN_DIGITS.contains(c));
    let arabic = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let first = line.chars().next()?;
    if let Some(n) = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".chars().position(|c| c == first)
    {
        return Some((
            Numbering::Circled,
            (n + 1).to_string(),
            line[first.len_utf8()..].trim_start(),
        ));
    }
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = line.strip_prefix(open) {
            let end = rest.find(close)?;
            let number = rest[..end].trim();
            let after = rest[end + close.len()..].trim_start();
            if han(number) {
                return Some((Numbering::ParenHan, number.to_string(), after));
            }
            if arabic(number) {
                return Some((Numbering::ParenArabic, number.to_string(), after));
            }
            return None;
        }
    }
    let end = line.find(|c: char| !(c.is_ascii_digit() || HAN_DIGITS.contains(c)))?;
    let (number, rest) = line.split_at(end);
    let sep = rest.chars().next()?;
    let after = &rest[sep.len_utf8()..];
    if han(number) && sep == '、' {
        return Some((Numbering::Han, number.to_string(), after.trim_start()));
    }
    // “2.0”, “1.5天” and “2024年” are figures, not numbers.
    let figure_follows = after.starts_with(|c: char| c.is_ascii_digit());
    if arabic(number) && matches!(sep, '.' | '．' | '、') && !figure_follows && !after.is_empty()
    {
        return Some((Numbering::Arabic, number.to_string(), after.trim_start()));
    }
    None
}

/// 附件2, — 7 —: marks of the printed page, not text.
pub fn is_page_mark(line: &str) -> bool {
    let l = line.trim();
    let inner = l.trim_matches(|c: char| matches!(c, '—' | '-' | ' ' | '－'));
    (l.starts_with("附件") && l.chars().count() <= 4)
        || (inner.len() < l.len() && inner.chars().all(|c| c.is_ascii_digit()))
}

/// 附件, 附件2, 附件2：…一览表: where the annexes begin, after the last entry.
fn starts_annex(line: &str) -> bool {
    line.trim().strip_prefix("附件").is_some_and(|rest| {
        rest.is_empty() || rest.starts_with(|c: char| c.is_ascii_digit() || "：:、 　".contains(c))
    })
}

/// What a labelled field is, when peixun knows what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// 项目名称：the entry's title, starting a new entry.
    Title,
    Eligibility,
    Goal,
    Content,
    Duration,
    Funding,
    Applicants,
    /// 培训人数：a head count and nothing else.
    Trainees,
    Other,
}

/// The labels that begin an entry's fields, with their meaning. Longer
/// labels first, so 培训目标定位 is not read as 培训目标.
const LABELS: &[(&str, Label)] = &[
    ("项目名称", Label::Title),
    ("培训对象", Label::Eligibility),
    ("参训对象", Label::Eligibility),
    ("培训目标定位", Label::Goal),
    ("培训目标（定位）", Label::Goal),
    ("培训目标(定位)", Label::Goal),
    ("培训目标", Label::Goal),
    ("目标定位", Label::Goal),
    ("培训重点内容", Label::Content),
    ("培训内容", Label::Content),
    ("重点内容", Label::Content),
    ("培训方式与时长", Label::Duration),
    ("培训方式和时长", Label::Duration),
    ("培训时长", Label::Duration),
    ("培训时间", Label::Duration),
    ("培训方式", Label::Duration),
    ("经费标准", Label::Funding),
    ("培训经费标准", Label::Funding),
    ("培训经费", Label::Funding),
    ("申报单位要求", Label::Applicants),
    ("申报要求", Label::Applicants),
    ("承担单位", Label::Applicants),
    ("实施单位", Label::Applicants),
    ("遴选条件", Label::Other),
    ("培训环节", Label::Other),
    ("培训周期", Label::Duration),
    ("培训人数", Label::Trainees),
    ("培训规模", Label::Trainees),
    ("计划人数", Label::Trainees),
    ("参训人数", Label::Trainees),
    ("培训形式", Label::Duration),
    ("项目周期", Label::Duration),
    ("实施周期", Label::Duration),
    ("培训地点", Label::Other),
    ("申报条件", Label::Applicants),
    ("考核要求", Label::Other),
];

/// A labelled line “培训对象：…”: the label, what it means and its text.
pub fn labelled(line: &str) -> Option<(&str, Label, &str)> {
    let (label, text) = line.split_once(['：', ':'])?;
    let label = label.trim();
    LABELS
        .iter()
        .find(|(l, _)| *l == label)
        .map(|(l, kind)| (*l, *kind, text.trim()))
}

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
    pub work_item: bool,
}

#[derive(Debug, Default)]
pub struct Outline {
    /// Paragraphs before the first numbered line: title, issuer, preamble.
    pub front: Vec<(usize, String)>,
    /// Everything not in an entry, as Markdown paragraphs and headings.
    pub rest: Vec<String>,
    pub entries: Vec<Entry>,
    pub tables: Vec<(usize, Vec<Row>)>,
}

/// A heading line's title and the bracketed note after it.
fn title_and_note(text: &str) -> (String, Option<String>) {
    let text = text.trim().trim_end_matches(['。', '：', ':']);
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(inner) = text.strip_suffix(close) {
            if let Some(at) = inner.rfind(open) {
                let note = &inner[at + open.len()..];
                let meta = ["年", "新设", "设立", "周期", "项目"];
                if at > 0 && meta.iter().any(|m| note.contains(m)) && note.contains('年') {
                    return (inner[..at].trim().to_string(), Some(note.to_string()));
                }
            }
        }
    }
    (text.to_string(), None)
}

/// “1.农村骨干教师分层分类培训。按照……”: a title then its text, in one paragraph.
fn inline_title(text: &str) -> Option<(&str, &str)> {
    let (title, rest) = text.split_once('。')?;
    (title.chars().count() <= 40 && !rest.trim().is_empty()).then_some((title, rest.trim()))
}

struct Line {
    at: usize,
    text: String,
    number: Option<(Numbering, String)>,
    after: String,
    labelled: bool,
}

/// `leaves`: whether, without labelled fields, the leaf items are entries
/// (not when a planning table lists them).
pub fn outline(blocks: &[Block], leaves: bool) -> Outline {
    let mut out = Outline::default();
    let mut lines = Vec::new();
    let mut push = |at: usize, text: &str| {
        let number = numbering(text);
        // “（1）培训对象：…” is a field that happens to be numbered.
        if let Some((_, _, after)) = &number {
            if labelled(after).is_some() {
                lines.push(Line {
                    at,
                    text: after.to_string(),
                    labelled: true,
                    after: String::new(),
                    number: None,
                });
                return;
            }
        }
        lines.push(Line {
            at,
            text: text.to_string(),
            labelled: labelled(text).is_some(),
            after: number.as_ref().map(|n| n.2.to_string()).unwrap_or_default(),
            number: number.map(|(k, n, _)| (k, n)),
        });
    };
    for block in blocks {
        match block {
            Block::Para { line, text } => push(*line, text),
            // A project written as a form (培训对象 | …): its rows are its fields.
            Block::Table { rows, .. } if is_form(rows) => {
                for row in rows {
                    for (label, value) in form_pairs(row) {
                        push(row.line, &format!("{label}：{value}"));
                    }
                }
            }
            Block::Table { line, rows } => out.tables.push((*line, rows.clone())),
        }
    }
    let first_numbered = lines
        .iter()
        .position(|l| l.number.is_some())
        .unwrap_or(lines.len());
    out.front = lines[..first_numbered]
        .iter()
        .map(|l| (l.at, l.text.clone()))
        .collect();
    let body = &lines[first_numbered..];
    let is_title = |l: &Line| {
        labelled(&l.text).is_some_and(|(_, kind, title)| kind == Label::Title && !title.is_empty())
    };
    // An entry is a numbered line whose next line is a labelled field; a
    // numbered line over several 项目名称 is their heading.
    let has_fields = |i: usize| {
        let titles = body[i + 1..]
            .iter()
            .take_while(|l| l.number.is_none())
            .filter(|l| is_title(l))
            .count();
        body.get(i + 1).is_some_and(|l| l.labelled) && titles < 2
    };
    let labelled_entries = (0..body.len()).any(|i| body[i].number.is_some() && has_fields(i))
        || body.iter().any(is_title);
    // Without labelled fields, the entries are the numbered lines with no
    // numbered line under them (the national guidance is written so).
    let is_leaf = |i: usize| {
        let Some((kind, _)) = &body[i].number else {
            return false;
        };
        match body[i + 1..].iter().find_map(|l| l.number.as_ref()) {
            Some((next, _)) => next <= kind,
            None => true,
        }
    };
    let mut stack: Vec<Heading> = Vec::new();
    let mut current: Option<Entry> = None;
    // Entries named by 项目名称 under the current heading, for their numbers.
    let mut titled = 0;
    // The numbering of the current entry's own line.
    let mut current_kind: Option<Numbering> = None;
    for (i, line) in body.iter().enumerate() {
        if let Some((kind, number)) = &line.number {
            titled = 0;
            let is_entry = if labelled_entries {
                has_fields(i)
            } else {
                leaves && is_leaf(i)
            };
            // A numbered sentence (“（一）进一步加强……。”) is text, not a
            // heading: the entry's, when it is numbered below the entry.
            if !is_entry && is_sentence(&line.after) {
                match (current.as_mut(), current_kind) {
                    (Some(entry), Some(k)) if *kind > k => {
                        entry.text.push((line.at, line.text.clone()));
                    }
                    _ => {
                        out.entries.extend(current.take());
                        stack.retain(|h| h.kind < *kind);
                        out.rest.push(line.text.clone());
                    }
                }
                continue;
            }
            out.entries.extend(current.take());
            stack.retain(|h| h.kind < *kind);
            current_kind = Some(*kind);
            if is_entry {
                let mut text = Vec::new();
                let (title, note) = match (labelled_entries, inline_title(&line.after)) {
                    (false, Some((title, rest))) => {
                        text.push((line.at, rest.to_string()));
                        (title.to_string(), None)
                    }
                    _ => title_and_note(&line.after),
                };
                // “一、” and nothing after it: the line is all there is to call it.
                let title = if title.is_empty() {
                    line.text.clone()
                } else {
                    title
                };
                let mut path: Vec<String> = stack.iter().map(number_part).collect();
                path.push(number_part(&Heading {
                    kind: *kind,
                    number: number.clone(),
                    text: String::new(),
                }));
                current = Some(Entry {
                    title,
                    note,
                    line: line.at,
                    number: path.join("."),
                    section: stack.iter().map(|h| heading_title(&h.text)).collect(),
                    fields: Vec::new(),
                    text,
                    work_item: false,
                });
            } else {
                // “（一）……培训。设置四个子项目：”: the heading, then its sentence.
                let title = heading_title(&line.text);
                out.rest
                    .push(format!("{} {title}", "#".repeat((stack.len() + 2).min(6))));
                let more = line.text.strip_prefix(title.as_str()).unwrap_or_default();
                let more = more.trim_start_matches(['。', ' ']);
                if !more.is_empty() {
                    out.rest.push(more.to_string());
                }
                stack.push(Heading {
                    kind: *kind,
                    number: number.clone(),
                    text: line.text.clone(),
                });
            }
            continue;
        }
        if let Some((_, Label::Title, title)) = labelled(&line.text).filter(|l| !l.2.is_empty()) {
            match current.as_mut() {
                // The numbered line just above it names the same entry.
                Some(entry) if entry.fields.is_empty() && entry.text.is_empty() => {
                    entry.title = title.to_string();
                }
                _ => {
                    out.entries.extend(current.take());
                    titled += 1;
                    let mut path: Vec<String> = stack.iter().map(number_part).collect();
                    path.push(titled.to_string());
                    current = Some(Entry {
                        title: title.to_string(),
                        note: None,
                        line: line.at,
                        number: path.join("."),
                        section: stack.iter().map(|h| heading_title(&h.text)).collect(),
                        fields: Vec::new(),
                        text: Vec::new(),
                        work_item: false,
                    });
                }
            }
            continue;
        }
        // An annex ends the entry before it: its caption and text are the
        // catalog's, not the entry's.
        if starts_annex(&line.text) {
            out.entries.extend(current.take());
            stack.clear();
            out.rest.push(format!("## {}", line.text.trim()));
            continue;
        }
        if is_page_mark(&line.text) {
            continue;
        }
        match current.as_mut() {
            Some(entry) => match labelled(&line.text) {
                Some((label, kind, text)) => entry.fields.push(Field {
                    label: label.to_string(),
                    kind,
                    text: text.to_string(),
                    line: line.at,
                }),
                None => entry.text.push((line.at, line.text.clone())),
            },
            None => out.rest.push(line.text.clone()),
        }
    }
    out.entries.extend(current);
    out
}

fn cell_label(text: &str) -> String {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    t.trim_end_matches(['：', ':']).to_string()
}

fn is_label(text: &str) -> bool {
    let label = cell_label(text);
    LABELS.iter().any(|(l, _)| *l == label)
}

/// A table that is one project's form: most rows start with a label
/// (项目名称 | …, 培训对象 | …), not a planning table's heading row.
pub fn is_form(rows: &[super::source::Row]) -> bool {
    let labelled = rows
        .iter()
        .filter(|r| r.cells.len() >= 2 && is_label(&r.cells[0].text))
        .count();
    rows.len() >= 2 && labelled * 2 > rows.len()
}

/// A form row's (label, value) pairs: label | value, or two pairs side by
/// side (label | value | label | value).
fn form_pairs(row: &super::source::Row) -> Vec<(String, String)> {
    let cells: Vec<&str> = row.cells.iter().map(|c| c.text.trim()).collect();
    let value = |v: &[&str]| {
        v.iter()
            .filter(|v| !v.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("；")
    };
    match cells.as_slice() {
        [a, b, c, d] if is_label(a) && is_label(c) => {
            vec![(cell_label(a), value(&[b])), (cell_label(c), value(&[d]))]
        }
        [a, rest @ ..] if is_label(a) => vec![(cell_label(a), value(rest))],
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(l, v)| (l, v.replace('\n', "")))
    .collect()
}

/// Whether what follows a number is a sentence of text rather than a
/// heading: it ends as a sentence does, or runs on past a full stop.
fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(['。', '；', ';', '！']) || (t.contains('。') && t.chars().count() > 40)
}

/// A heading as a section name: the line without a trailing “。设置…” sentence.
fn heading_title(text: &str) -> String {
    let first = text.split('。').next().unwrap_or(text);
    first.trim().to_string()
}

fn number_part(h: &Heading) -> String {
    match h.kind {
        Numbering::ParenHan | Numbering::ParenArabic => format!("({})", h.number),
        _ => h.number.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_numbering() {
        let cases = [
            ("一、总则", Some((Numbering::Han, "一", "总则"))),
            ("（二）乡村", Some((Numbering::ParenHan, "二", "乡村"))),
            ("(3)项目", Some((Numbering::ParenArabic, "3", "项目"))),
            ("12.骨干", Some((Numbering::Arabic, "12", "骨干"))),
            ("3. 健全", Some((Numbering::Arabic, "3", "健全"))),
            ("1、教师", Some((Numbering::Arabic, "1", "教师"))),
            ("②跟岗", Some((Numbering::Circled, "2", "跟岗"))),
            ("2.0项目", None),
            ("2024年计划", None),
            ("（2024年新设）", None),
            ("十一、附则", Some((Numbering::Han, "十一", "附则"))),
        ];
        for (line, want) in cases {
            let got = numbering(line);
            let got = got.as_ref().map(|(k, n, r)| (*k, n.as_str(), *r));
            assert_eq!(got, want, "{line}");
        }
    }

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

    fn row(line: usize, cells: &[&str]) -> super::super::source::Row {
        super::super::source::Row {
            line,
            cells: cells
                .iter()
                .map(|t| super::super::source::Cell {
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
        assert!(o.tables.is_empty());
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
}
