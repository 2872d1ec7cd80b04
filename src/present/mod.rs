//! Figures as text: the one place a count, a duration, an amount or a value
//! the document does not state becomes what pages, tables and data files
//! show (units, 不少于, 未注明), so every page shows them the same way.
//! Data files keep the numbers themselves; this is only for text.

use crate::content::{Funding, Project, SubProject};

/// What is shown for a value the document does not state (never 0).
pub const MISSING: &str = "未注明";

/// `s`, or [`MISSING`] when it is empty.
pub fn or_missing(s: String) -> String {
    if s.is_empty() {
        MISSING.into()
    } else {
        s
    }
}

/// A list of values as one line: 小学、初中.
pub fn list(values: &[String]) -> String {
    values.join("、")
}

/// A project's values of a facet as one line, or what a project that
/// states none is shown as: 未注明（不限） for stages and roles, where
/// unstated is most often open to all (`Facet::unstated_label`).
pub fn facet_list(facet: crate::config::Facet, values: &[String]) -> String {
    if values.is_empty() {
        facet.unstated_label().unwrap_or(MISSING).into()
    } else {
        list(values)
    }
}

/// An amount without a trailing ".0": 400, 1.5.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

pub fn days(n: u32) -> String {
    format!("{n}天")
}

pub fn hours(n: u32) -> String {
    format!("{n}学时")
}

pub fn people(n: u32) -> String {
    format!("{n}人")
}

pub fn years(n: u32) -> String {
    format!("{n}年")
}

/// A plan year, "2026年", or [`MISSING`].
pub fn year(year: Option<u32>) -> String {
    year.map_or(MISSING.into(), years)
}

fn at_least(set: bool) -> &'static str {
    if set {
        "不少于"
    } else {
        ""
    }
}

/// Offline days with 不少于 and the split: 不少于30天（市内20天+市外10天）.
pub fn offline(p: &Project) -> String {
    let Some(n) = p.offline_days else {
        return MISSING.into();
    };
    let mut s = format!("{}{}", at_least(p.offline_days_at_least), days(n));
    if !p.offline_parts.is_empty() {
        let parts: Vec<String> = p
            .offline_parts
            .iter()
            .map(|x| format!("{}{}", x.place, days(x.days)))
            .collect();
        s.push_str(&format!("（{}）", parts.join("+")));
    }
    s
}

/// Online hours with 不少于: 60学时.
pub fn online(p: &Project) -> String {
    match p.online_hours {
        Some(n) => format!("{}{}", at_least(p.online_hours_at_least), hours(n)),
        None => MISSING.into(),
    }
}

/// The project cycle: 3年, or [`MISSING`].
pub fn cycle(p: &Project) -> String {
    p.cycle_years.map_or(MISSING.into(), years)
}

/// The planned head count: 300人, or [`MISSING`].
pub fn trainees(p: &Project) -> String {
    p.trainees.map_or(MISSING.into(), people)
}

/// The plan as published with the level: 国培计划（国家级）.
pub fn plan_and_level(p: &Project) -> String {
    match &p.plan {
        Some(plan) => format!("{plan}（{}）", p.level),
        None => p.level.clone(),
    }
}

/// One funding item: 集中培训：400元/人/天（说明）. A note that only gives
/// the original wording, when that is what is shown (原文“500元/人/天”), is
/// left out: it would say the same twice.
pub fn funding_item(f: &Funding) -> String {
    let figure = format!("{}{}", number(f.amount), f.unit);
    let mut s = figure.clone();
    if !f.item.is_empty() {
        s = format!("{}：{s}", f.item);
    }
    if let Some(n) = f.note.as_ref().filter(|n| **n != format!("原文“{figure}”")) {
        s.push_str(&format!("（{n}）"));
    }
    s
}

/// `text` in Chinese quotation marks, quotes inside it made single so
/// none are doubled: “‘一对一’帮扶培训”, not ““一对一”帮扶培训”.
pub fn quoted(text: &str) -> String {
    format!("“{}”", nested(text))
}

/// `text` as it stands inside quotation marks: its own “” become ‘’.
pub fn nested(text: &str) -> String {
    text.replace('“', "‘").replace('”', "’")
}

/// Every funding item of a project, joined by "；", or [`MISSING`].
pub fn funding_line(p: &Project) -> String {
    if p.funding.is_empty() {
        return MISSING.into();
    }
    p.funding
        .iter()
        .map(funding_item)
        .collect::<Vec<_>>()
        .join("；")
}

/// The sub-project rows as a table with only the columns some row fills,
/// so a phone does not scroll past empty columns.
#[derive(serde::Serialize)]
pub struct SubTable {
    pub columns: Vec<&'static str>,
    /// Which columns hold figures (right-aligned).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

pub fn sub_project_table(subs: &[SubProject]) -> Option<SubTable> {
    if subs.is_empty() {
        return None;
    }
    type Cell = fn(&SubProject) -> Option<String>;
    let all: [(&'static str, bool, Cell); 10] = [
        ("子项目", false, |s| Some(s.name.clone())),
        ("培训对象", false, |s| s.eligibility.clone()),
        ("学段", false, |s| {
            (!s.stages.is_empty()).then(|| list(&s.stages))
        }),
        ("学科", false, |s| s.subject.clone()),
        ("时间", false, |s| s.period.clone()),
        ("形式", false, |s| s.format.clone()),
        ("人数", true, |s| s.trainees.map(people)),
        ("线下", true, |s| s.offline_days.map(days)),
        ("网络", true, |s| s.online_hours.map(hours)),
        ("说明", false, |s| s.note.clone()),
    ];
    let used: Vec<_> = all
        .iter()
        .filter(|(_, _, cell)| subs.iter().any(|s| cell(s).is_some()))
        .collect();
    Some(SubTable {
        columns: used.iter().map(|c| c.0).collect(),
        numeric: used.iter().map(|c| c.1).collect(),
        rows: subs
            .iter()
            .map(|s| {
                used.iter()
                    .map(|(_, _, cell)| cell(s).unwrap_or_else(|| MISSING.into()))
                    .collect()
            })
            .collect(),
    })
}
