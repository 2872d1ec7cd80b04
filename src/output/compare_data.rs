//! The comparison rows as data: the JSON and CSV beside each comparison
//! table (pick-and-compare reads a project's facts from its page).

use super::context::Ctx;
use crate::model::Entry;
use crate::present;
use crate::util::url as urls;
use serde::Serialize;

/// The open-data form of one project row, borrowed from the model and
/// serialized straight to JSON (a `serde_json::Value` per project cost a
/// string per key and a second pass).
#[derive(Serialize)]
pub(super) struct ProjectRecord<'a> {
    pub(super) slug: &'a str,
    pub(super) title: &'a str,
    pub(super) url: String,
    pub(super) region: &'a str,
    pub(super) city: Option<&'a str>,
    pub(super) district: Option<&'a str>,
    pub(super) year: Option<i64>,
    pub(super) plan: Option<&'a str>,
    pub(super) level: &'a str,
    pub(super) category: &'a str,
    pub(super) audience: &'a [String],
    pub(super) stages: &'a [String],
    pub(super) eligibility: Option<&'a str>,
    pub(super) selection: Option<&'a str>,
    pub(super) modes: &'a [String],
    pub(super) offline_days: Option<u32>,
    pub(super) offline_days_at_least: bool,
    pub(super) online_hours: Option<u32>,
    pub(super) online_hours_at_least: bool,
    pub(super) cycle_years: Option<u32>,
    pub(super) period: Option<&'a str>,
    pub(super) trainees: Option<u32>,
    pub(super) funding: &'a [crate::content::Funding],
    pub(super) applicants: &'a [String],
}

/// A table as JSON: what it compares (`{"category": {…}}` or
/// `{"role": "校长"}`), then its projects.
#[derive(Serialize)]
pub(super) struct TableJson<'a> {
    #[serde(flatten)]
    pub(super) subject: &'a serde_json::Value,
    pub(super) projects: &'a [ProjectRecord<'a>],
}

pub(super) fn project_record<'a>(cx: &Ctx<'a>, e: Entry<'a>) -> ProjectRecord<'a> {
    let (p, c) = (e.project, e.catalog);
    ProjectRecord {
        slug: &p.slug,
        title: &p.title,
        url: cx
            .site
            .config
            .absolute_url(&urls::encode_path(&urls::project(&p.slug))),
        region: &c.region,
        city: c.city.as_deref(),
        district: c.district.as_deref(),
        year: c.year.map(i64::from),
        plan: p.plan.as_deref(),
        level: &p.level,
        category: &p.category,
        audience: &p.audience,
        stages: &p.stages,
        eligibility: p.eligibility.as_deref(),
        selection: p.selection.as_deref(),
        modes: &p.modes,
        offline_days: p.offline_days,
        offline_days_at_least: p.offline_days_at_least,
        online_hours: p.online_hours,
        online_hours_at_least: p.online_hours_at_least,
        cycle_years: p.cycle_years,
        period: p.period.as_deref(),
        trainees: p.trainees,
        funding: &p.funding,
        applicants: &p.applicants,
    }
}

pub(super) const CSV_HEADER: &[&str] = &[
    "slug",
    "项目",
    "链接",
    "省级地区",
    "市州",
    "区县",
    "年度",
    "计划",
    "级别",
    "培训对象",
    "学段",
    "参训条件",
    "遴选条件",
    "培训方式",
    "线下集中天数",
    "线下不少于",
    "网络研修学时",
    "网络不少于",
    "周期（年）",
    "实施时间",
    "计划人数",
    "经费标准",
    "申报承办单位",
];

pub(super) fn csv_row(cx: &Ctx, e: Entry) -> Vec<String> {
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
        c.city.clone().unwrap_or_default(),
        c.district.clone().unwrap_or_default(),
        num(c.year),
        p.plan.clone().unwrap_or_default(),
        p.level.clone(),
        present::list(&p.audience),
        present::list(&p.stages),
        p.eligibility.clone().unwrap_or_default(),
        p.selection.clone().unwrap_or_default(),
        present::list(&p.modes),
        num(p.offline_days),
        flag(p.offline_days_at_least, p.offline_days),
        num(p.online_hours),
        flag(p.online_hours_at_least, p.online_hours),
        num(p.cycle_years),
        p.period.clone().unwrap_or_default(),
        num(p.trainees),
        p.funding
            .iter()
            .map(present::funding_item)
            .collect::<Vec<_>>()
            .join("；"),
        p.applicants.join("；"),
    ]
}

/// RFC 4180 CSV with a UTF-8 byte-order mark and CRLF line ends.
pub(super) fn csv(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
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
