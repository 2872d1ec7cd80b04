//! The facets a site can be browsed and filtered by. Each is one variant
//! here, so a facet's URL key, page path and label are written once and a
//! `match` over [`Facet`] shows every place a new facet must be handled.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Region,
    Year,
    Level,
    Category,
    Audience,
    Stages,
    Modes,
}

impl Facet {
    /// Every facet, in the default order of `facets` in site.toml.
    pub const ALL: [Facet; 7] = [
        Facet::Region,
        Facet::Year,
        Facet::Level,
        Facet::Category,
        Facet::Audience,
        Facet::Stages,
        Facet::Modes,
    ];

    /// The key in site.toml's `facets`, in URL queries and in the search data.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Region => "region",
            Facet::Year => "year",
            Facet::Level => "level",
            Facet::Category => "category",
            Facet::Audience => "audience",
            Facet::Stages => "stages",
            Facet::Modes => "modes",
        }
    }

    /// The first segment of the facet's static pages: `/regions/重庆市/`.
    pub fn path(self) -> &'static str {
        match self {
            Facet::Region => "regions",
            Facet::Year => "years",
            Facet::Level => "levels",
            Facet::Category => "categories",
            Facet::Audience => "audience",
            Facet::Stages => "stages",
            Facet::Modes => "modes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Region => "地区",
            Facet::Year => "年度",
            Facet::Level => "级别",
            Facet::Category => "项目类别",
            Facet::Audience => "培训对象",
            Facet::Stages => "学段",
            Facet::Modes => "培训方式",
        }
    }

    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }
}
