//! The facets a site can be browsed and filtered by. Each is one variant
//! here, so a facet's URL key, page path and label are written once and a
//! `match` over [`Facet`] shows every place a new facet must be handled.

use serde::Serialize;

/// The value of a facet a project leaves unstated (see
/// [`Facet::unstated_label`]).
pub const UNSTATED: &str = "未注明";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Region,
    /// A city (地级市, 州, 地区, 盟): a city plan's own, or its district's.
    City,
    /// A district or county: a district plan's own, or one a project names.
    District,
    Year,
    Level,
    /// The plan as published: 国培计划, 区培计划, …
    Plan,
    Category,
    Audience,
    Stages,
    Modes,
    /// The months a project runs in, from its `period`.
    Month,
}

impl Facet {
    /// Every facet, in the default order of `facets` in site.toml.
    pub const ALL: [Facet; 11] = [
        Facet::Region,
        Facet::City,
        Facet::District,
        Facet::Year,
        Facet::Level,
        Facet::Plan,
        Facet::Category,
        Facet::Audience,
        Facet::Stages,
        Facet::Modes,
        Facet::Month,
    ];

    /// The key in site.toml's `facets`, in URL queries and in the search data.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Region => "region",
            Facet::City => "city",
            Facet::District => "district",
            Facet::Year => "year",
            Facet::Level => "level",
            Facet::Plan => "plan",
            Facet::Category => "category",
            Facet::Audience => "audience",
            Facet::Stages => "stages",
            Facet::Modes => "modes",
            Facet::Month => "month",
        }
    }

    /// The first segment of the facet's static pages: `/regions/重庆市/`.
    pub fn path(self) -> &'static str {
        match self {
            Facet::Region => "regions",
            Facet::City => "cities",
            Facet::District => "districts",
            Facet::Year => "years",
            Facet::Level => "levels",
            Facet::Plan => "plans",
            Facet::Category => "categories",
            Facet::Audience => "audience",
            Facet::Stages => "stages",
            Facet::Modes => "modes",
            Facet::Month => "months",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Region => "地区",
            Facet::City => "市州",
            Facet::District => "区县",
            Facet::Year => "年度",
            Facet::Level => "级别",
            Facet::Plan => "计划",
            Facet::Category => "项目类别",
            Facet::Audience => "培训对象",
            Facet::Stages => "学段",
            Facet::Modes => "培训方式",
            Facet::Month => "实施月份",
        }
    }

    /// How a project that leaves this facet unstated is listed, for the
    /// facets where unstated is not "no": a project that names no stage is
    /// most often open to every stage, so a filter on 小学 must not hide
    /// it silently. Such projects have the value [`UNSTATED`], with its
    /// own page (`/stages/未注明/`) and filter option.
    pub fn unstated_label(self) -> Option<&'static str> {
        match self {
            _ if self.unstated_is_open() => Some("未注明（不限）"),
            Facet::Modes | Facet::Month => Some("未注明"),
            _ => None,
        }
    }

    /// Whether a project that leaves this facet unstated is open to every
    /// value (stages, roles), rather than only not known (modes, months).
    pub fn unstated_is_open(self) -> bool {
        matches!(self, Facet::Stages | Facet::Audience)
    }

    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}
