//! Which files a render makes: the pages a change touches ([`Selection`]),
//! and the pages or the whole-site aggregates ([`Parts`]).

use std::collections::{BTreeSet, HashSet};

/// Which files a render makes: the pages that show projects, the
/// whole-site aggregates, or both. The dev server sends the reload signal
/// after the pages and makes the aggregates right after (or when one is
/// asked for first): they are a large part of a one-file rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub pages: bool,
    pub aggregates: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        pages: true,
        aggregates: true,
    };
    pub const PAGES: Parts = Parts {
        pages: true,
        aggregates: false,
    };
    pub const AGGREGATES: Parts = Parts {
        pages: false,
        aggregates: true,
    };
}

/// Whether a site path is a whole-site aggregate (see [`Parts`]): the
/// comparison tables and their downloads, the how-to-join page (quoting
/// every project's text), the sitemap, the feed, catalog.json and the
/// search data.
pub fn is_aggregate(path: &str) -> bool {
    matches!(
        path,
        "sitemap.xml" | "atom.xml" | "catalog.json" | "search_docs.json" | "how-to-join/index.html"
    ) || path.starts_with("compare/")
        || path.starts_with("search_docs/")
        || path.starts_with("search_facets/")
        || path.starts_with("catalog/")
}

/// Which pages to render. `All` for a build; `Some` when the dev server knows
/// which projects changed: their pages, the pages that list them (catalog,
/// facet values, comparison tables, similar projects of the same category),
/// and every small page and data file (home, facet indexes, JSON).
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    Some(Box<Dirty>),
}

#[derive(Debug, Clone, Default)]
pub struct Dirty {
    /// The projects whose pages are rendered, by index in the site's
    /// projects (a handful: sorted numbers, not hashed slugs, since every
    /// page of a list of 50,000 is looked up).
    pub projects: BTreeSet<usize>,
    pub catalogs: HashSet<String>,
    /// (facet key, value)
    pub facet_values: HashSet<(crate::config::Facet, String)>,
    pub categories: HashSet<String>,
    /// The facet values a changed project joined or left: their lists
    /// shift, so every page of them is rendered; of the other values in
    /// `facet_values`, only the pages that show a changed project.
    pub moved: HashSet<(crate::config::Facet, String)>,
    /// The categories a changed project joined or left, likewise for their
    /// comparison tables.
    pub moved_categories: HashSet<String>,
    /// The catalogs a changed project joined or left.
    pub moved_catalogs: HashSet<String>,
}

impl Selection {
    /// Whether the page of project `index` (in the site's projects) is rendered.
    pub fn project(&self, index: usize) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.projects.contains(&index),
        }
    }
    pub fn catalog(&self, slug: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.catalogs.contains(slug),
        }
    }
    pub fn facet_value(&self, facet: crate::config::Facet, value: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.facet_values.contains(&(facet, value.to_string())),
        }
    }
    /// Whether a page of a facet value's list that shows `shown` (project
    /// indexes) is rendered.
    pub fn facet_value_page(
        &self,
        facet: crate::config::Facet,
        value: &str,
        mut shown: impl Iterator<Item = usize>,
    ) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => {
                let key = (facet, value.to_string());
                d.facet_values.contains(&key)
                    && (d.moved.contains(&key) || shown.any(|i| d.projects.contains(&i)))
            }
        }
    }
    /// Whether a page of a comparison table that shows `shown` (project
    /// indexes) is rendered: the table of a category (`role` None) or of a
    /// role.
    pub fn table_page(
        &self,
        category: Option<&str>,
        role: Option<&str>,
        mut shown: impl Iterator<Item = usize>,
    ) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => {
                let moved = category.is_some_and(|c| d.moved_categories.contains(c))
                    || role.is_some_and(|r| {
                        d.moved
                            .contains(&(crate::config::Facet::Audience, r.to_string()))
                    });
                moved || shown.any(|i| d.projects.contains(&i))
            }
        }
    }
    /// Whether the pages that count projects by catalog, category or facet
    /// value are rendered (the catalogs page; the home and projects pages
    /// above `home_cards_max`, which list catalogs, not projects): when a
    /// changed project joined or left one.
    pub fn counts(&self) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => {
                !(d.moved.is_empty()
                    && d.moved_categories.is_empty()
                    && d.moved_catalogs.is_empty())
            }
        }
    }
    pub fn category(&self, key: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.categories.contains(key),
        }
    }
}
