//! The records a content file holds once it validated: a [`Catalog`] (one
//! published document, `_catalog.md`) and its [`Project`]s (one file each).
//!
//! Each record is its file's schema too: the front matter is decoded into
//! these structs (field names, types and defaults from the serde attributes),
//! and the strict decoder takes the list of known fields from them, so a
//! field is declared once. Fields after the front matter (`slug`, `body`, …)
//! are filled in by the loader, never read from the file.

use super::markdown::Rendered;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The catalog kind of the national guidance: its entries are categories, not trainings.
pub const GUIDANCE_KIND: &str = "指导方案";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    pub amount: f64,
    /// As published: "元/人/天", "万元/县/年", "元/人/学时".
    pub unit: String,
    /// What it pays for: "集中培训", "异步在线", …; empty when the document
    /// does not say.
    #[serde(default)]
    pub item: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct OfflinePart {
    /// Where, as published: "市内", "市外".
    pub place: String,
    pub days: u32,
}

/// A row of a document's table under one project, by stage or subject.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SubProject {
    pub name: String,
    /// The row's 培训对象 / 遴选条件 text, verbatim.
    #[serde(default)]
    pub eligibility: Option<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub trainees: Option<u32>,
    #[serde(default)]
    pub offline_days: Option<u32>,
    #[serde(default)]
    pub online_hours: Option<u32>,
    /// Months as published, e.g. "7—8月".
    #[serde(default)]
    pub period: Option<String>,
    /// 培训形式 as published, e.g. "集中+实践".
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// One training project (or work item) of a published document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Project {
    /// The file stem: the URL segment of `/projects/<slug>/`.
    #[serde(skip_deserializing)]
    pub slug: String,
    /// The catalog folder's name (the slug of its catalog).
    #[serde(skip_deserializing)]
    pub catalog: String,
    /// Not yet reviewed: left out of `build` unless it asks for drafts,
    /// shown marked 草稿 by `serve`, listed by `check`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    pub title: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub section: Vec<String>,
    #[serde(default)]
    pub plan: Option<String>,
    pub level: String,
    pub category: String,
    #[serde(default)]
    pub work_item: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub eligibility: Option<String>,
    /// 遴选条件 verbatim: who of the eligible is chosen (教龄, titles), where
    /// the document states it apart from 培训对象.
    #[serde(default)]
    pub selection: Option<String>,
    #[serde(default)]
    pub counties: Vec<String>,
    #[serde(default)]
    pub modes: Vec<String>,
    #[serde(default)]
    pub offline_days: Option<u32>,
    #[serde(default)]
    pub offline_days_at_least: bool,
    #[serde(default)]
    pub offline_parts: Vec<OfflinePart>,
    #[serde(default)]
    pub online_hours: Option<u32>,
    #[serde(default)]
    pub online_hours_at_least: bool,
    #[serde(default)]
    pub duration_text: Option<String>,
    #[serde(default)]
    pub cycle_years: Option<u32>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub trainees: Option<u32>,
    #[serde(default)]
    pub funding: Vec<Funding>,
    #[serde(default)]
    pub applicants: Vec<String>,
    #[serde(default)]
    pub sub_projects: Vec<SubProject>,
    /// The Markdown body, rendered.
    #[serde(skip)]
    pub body: Rendered,
    #[serde(skip)]
    pub source_path: PathBuf,
    /// Hash of the whole source file: tells the dev server which projects changed.
    #[serde(skip)]
    pub source_hash: u64,
    /// What is still to review in the file (it is a draft, values marked
    /// 待核对): listed by `check`, not errors.
    #[serde(skip)]
    pub review: Vec<crate::util::diag::Diagnostic>,
}

impl Project {
    /// The months it runs in (bit `m - 1` for month `m`): those its
    /// `period` and its rows' periods name.
    pub fn months(&self) -> u16 {
        std::iter::once(&self.period)
            .chain(self.sub_projects.iter().map(|s| &s.period))
            .flatten()
            .fold(0, |all, p| all | super::period::months(p))
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The title `peixun new` writes: a project still titled so is unfinished.
pub const TEMPLATE_TITLE: &str = "（请填写项目名称）";

/// One published document: a guide, a plan or the national guidance.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Catalog {
    /// Directory name under content/: the URL segment of `/catalogs/<slug>/`.
    #[serde(skip_deserializing)]
    pub slug: String,
    /// Not yet reviewed: its projects are all drafts with it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    pub title: String,
    #[serde(default)]
    pub issuer: Option<String>,
    pub region: String,
    /// A city's plan: 地级市, 州, 地区 or 盟 (成都市, 天水市).
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    /// Absent only for a guidance document that states no year.
    #[serde(default)]
    pub year: Option<u32>,
    pub kind: String,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    /// The preamble, rendered.
    #[serde(skip)]
    pub body: Rendered,
    #[serde(skip)]
    pub source_path: PathBuf,
    /// What is still to review in the file (see [`Project::review`]).
    #[serde(skip)]
    pub review: Vec<crate::util::diag::Diagnostic>,
}

impl Catalog {
    /// "重庆市", "四川省成都市" or "重庆市黔江区": the place a reader compares.
    pub fn place(&self) -> String {
        [
            Some(&self.region),
            self.city.as_ref(),
            self.district.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
    }

    /// Entries of a guidance document (kind 指导方案) define kinds of
    /// project rather than trainings one can join, so they stay out of
    /// facets, the browser list, comparisons and "similar projects".
    pub fn is_guidance(&self) -> bool {
        self.kind == GUIDANCE_KIND
    }
}
