//! What one line of a document is: a number in the official numbering
//! (一、 （一） 1. 1、 （1） ①), a labelled field (培训对象：…), a page mark,
//! the start of an annex, a sentence; and a table that is one project's
//! form. [`super::outline`] builds the document's structure from them.

use crate::document::Row;

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

/// A digit as ASCII, full-width ones (１２) included.
pub fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

/// A number of up to three digits, ASCII or full-width, as ASCII.
fn arabic(s: &str) -> Option<String> {
    let digits: Option<String> = s.chars().map(ascii_digit).collect();
    digits.filter(|d| !d.is_empty() && d.len() <= 3)
}

/// The numbering a line starts with: its kind, the number (“一”, “3”; a
/// full-width “３” as “3”) and the text after it.
pub fn numbering(line: &str) -> Option<(Numbering, String, &str)> {
    let han = |s: &str| !s.is_empty() && s.chars().all(|c| HAN_DIGITS.contains(c));
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
            return arabic(number).map(|n| (Numbering::ParenArabic, n, after));
        }
    }
    let end = line.find(|c: char| !(ascii_digit(c).is_some() || HAN_DIGITS.contains(c)))?;
    let (number, rest) = line.split_at(end);
    let sep = rest.chars().next()?;
    let after = &rest[sep.len_utf8()..];
    if han(number) && sep == '、' {
        return Some((Numbering::Han, number.to_string(), after.trim_start()));
    }
    // “2.0”, “1.5天” and “2024年” are figures, not numbers.
    let figure_follows = after.starts_with(|c: char| ascii_digit(c).is_some());
    match arabic(number) {
        Some(n) if matches!(sep, '.' | '．' | '、') && !figure_follows && !after.is_empty() => {
            Some((Numbering::Arabic, n, after.trim_start()))
        }
        _ => None,
    }
}

/// 附件2, — 7 —: marks of the printed page, not text.
pub fn is_page_mark(line: &str) -> bool {
    let l = line.trim();
    let inner = l.trim_matches(|c: char| matches!(c, '—' | '-' | ' ' | '－'));
    (l.starts_with("附件") && l.chars().count() <= 4)
        || (inner.len() < l.len() && inner.chars().all(|c| c.is_ascii_digit()))
}

/// 附件, 附件2, 附件2：…一览表: where the annexes begin, after the last entry.
pub fn starts_annex(line: &str) -> bool {
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
    ("实施时间", Label::Duration),
    ("举办时间", Label::Duration),
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

/// A paragraph of fields run together (“培训对象：骨干教师。培训时间：7月。”,
/// or a numbered title and its fields, “1.班主任培训。培训对象：…”) as one
/// line each: it is split after a 。 or ； where a known label follows.
pub fn split_fields(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        if matches!(c, '。' | '；') && labelled(&text[next..]).is_some() {
            out.push(text[start..next].trim());
            start = next;
        }
    }
    out.push(text[start..].trim());
    out.retain(|l| !l.is_empty());
    out
}

/// A heading line's title and the bracketed note after it.
pub fn title_and_note(text: &str) -> (String, Option<String>) {
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
pub fn inline_title(text: &str) -> Option<(&str, &str)> {
    let (title, rest) = text.split_once('。')?;
    (title.chars().count() <= 40 && !rest.trim().is_empty()).then_some((title, rest.trim()))
}

/// Text without its spaces: headings and labels as compared.
/// Text wrapped over lines as one line: Chinese joined as written, a
/// space kept between words of Latin letters or digits.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for part in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let joins_words = out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && part.starts_with(|c: char| c.is_ascii_alphanumeric());
        if joins_words {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn cell_label(text: &str) -> String {
    squeeze(text).trim_end_matches(['：', ':']).to_string()
}

fn is_label(text: &str) -> bool {
    let label = cell_label(text);
    LABELS.iter().any(|(l, _)| *l == label)
}

/// A table that is one project's form: most rows start with a label
/// (项目名称 | …, 培训对象 | …), not a planning table's heading row.
pub fn is_form(rows: &[Row]) -> bool {
    let labelled = rows
        .iter()
        .filter(|r| r.cells.len() >= 2 && is_label(&r.cells[0].text))
        .count();
    rows.len() >= 2 && labelled * 2 > rows.len()
}

/// A form row's (label, value) pairs: label | value, or two pairs side by
/// side (label | value | label | value).
pub fn form_pairs(row: &Row) -> Vec<(String, String)> {
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
pub fn is_sentence(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(['。', '；', ';', '！']) || (t.contains('。') && t.chars().count() > 40)
}

/// A heading as a section name: its first line (a table cell may hold
/// several) without a trailing “。设置…” sentence.
pub fn heading_title(text: &str) -> String {
    let first = text.split(['。', '\n']).next().unwrap_or(text);
    first.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_is_one_line() {
        assert_eq!(one_line("骨干教师\n  能力提升\n"), "骨干教师能力提升");
        assert_eq!(one_line("AI\n2.0 项目"), "AI 2.0 项目");
    }

    #[test]
    fn a_heading_names_its_section_in_one_line() {
        assert_eq!(heading_title("一、骨干培训。设置3个子项目"), "一、骨干培训");
        assert_eq!(heading_title("一、\n培训对象："), "一、");
    }

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
            ("１２．骨干", Some((Numbering::Arabic, "12", "骨干"))),
            ("（３）项目", Some((Numbering::ParenArabic, "3", "项目"))),
            ("２．０版", None),
        ];
        for (line, want) in cases {
            let got = numbering(line);
            let got = got.as_ref().map(|(k, n, r)| (*k, n.as_str(), *r));
            assert_eq!(got, want, "{line}");
        }
    }

    #[test]
    fn fields_run_together_are_split() {
        assert_eq!(
            split_fields("培训对象：骨干教师。培训时间：7月，集中培训5天。经费标准：400元/人/天"),
            [
                "培训对象：骨干教师。",
                "培训时间：7月，集中培训5天。",
                "经费标准：400元/人/天"
            ]
        );
        assert_eq!(
            split_fields("培训对象：骨干教师。其他：x"),
            ["培训对象：骨干教师。其他：x"]
        );
        assert_eq!(
            split_fields("1.班主任培训。培训对象：班主任"),
            ["1.班主任培训。", "培训对象：班主任"]
        );
        assert_eq!(split_fields("按要求开展。其他：x"), ["按要求开展。其他：x"]);
    }
}
