//! Which files a render makes: the pages a change touches ([`Selection`]),
//! and the pages or the whole-site aggregates ([`Parts`]).

use crate::model::Site;
use std::collections::HashSet;

/// Which files a render makes: the pages that show projects, the
/// whole-site aggregates, or both. The dev server sends the reload signal
/// after the pages and makes the aggregates right after (or when one is
/// asked for first): at 10,000 projects they are a third of a one-file
/// rebuild.
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
/// comparison tables and their downloads, the sitemap, the feed,
/// catalog.json and the search data.
pub fn is_aggregate(path: &str) -> bool {
    matches!(
        path,
        "sitemap.xml" | "atom.xml" | "catalog.json" | "search_docs.json"
    ) || path.starts_with("compare/")
        || path.starts_with("search_docs/")
}

/// Which pages to render. `All` for a build; `Some` when the dev server knows
/// which projects changed: their pages, the pages that list them (catalog,
/// facet values, comparison tables, similar projects of the same category),
/// and every small page and data file (home, facet indexes, JSON).
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    Some(Dirty),
}

#[derive(Debug, Clone, Default)]
pub struct Dirty {
    pub projects: HashSet<String>,
    pub catalogs: HashSet<String>,
    /// (facet key, value)
    pub facet_values: HashSet<(crate::config::Facet, String)>,
    pub categories: HashSet<String>,
}

impl Selection {
    pub fn project(&self, slug: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.projects.contains(slug),
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
    pub fn category(&self, key: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.categories.contains(key),
        }
    }
}

/// What changed between two versions of the site, when only project files
/// changed (same catalogs, same slugs); `None` means rebuild everything.
pub fn dirty_between(old: &Site, new: &Site) -> Option<Dirty> {
    // Every field counts: a catalog's year or place shows on each of its
    // projects' cards and data entries.
    let same_catalogs = old.catalogs == new.catalogs;
    let same_slugs = old.projects.len() == new.projects.len()
        && old
            .projects
            .iter()
            .zip(&new.projects)
            .all(|(a, b)| a.slug == b.slug);
    // A facet value that appears or goes adds or removes a page, and so
    // does one whose list gains or loses a page.
    let value_set = |site: &Site| -> Vec<(crate::config::Facet, Vec<(String, usize)>)> {
        site.facets
            .iter()
            .map(|f| {
                (
                    f.facet,
                    f.values
                        .iter()
                        .map(|v| {
                            let pages = site.config.search.facet_pages(v.projects.len());
                            (v.value.clone(), pages)
                        })
                        .collect(),
                )
            })
            .collect()
    };
    if !same_catalogs || !same_slugs || value_set(old) != value_set(new) {
        return None;
    }
    let mut dirty = Dirty::default();
    for (a, b) in old.entries().zip(new.entries()) {
        if a.project.source_hash == b.project.source_hash {
            continue;
        }
        dirty.projects.insert(b.project.slug.clone());
        dirty.catalogs.insert(b.project.catalog.clone());
        for (site, e) in [(old, a), (new, b)] {
            dirty.categories.insert(e.project.category.clone());
            for f in &site.facets {
                for v in site.facet_values(f.facet, e) {
                    dirty.facet_values.insert((f.facet, v));
                }
            }
        }
    }
    // Pages whose "similar projects" list shows a changed project, before
    // or after the change (a category holds hundreds of projects at
    // national scale; each page shows the first few).
    let changed: HashSet<&str> = old
        .projects
        .iter()
        .zip(&new.projects)
        .filter(|(a, b)| a.source_hash != b.source_hash)
        .map(|(_, b)| b.slug.as_str())
        .collect();
    let shows_changed = |site: &Site, i: usize| {
        site.similar(i)
            .take(super::SIMILAR_SHOWN)
            .any(|o| changed.contains(o.project.slug.as_str()))
    };
    for (i, (a, b)) in old.projects.iter().zip(&new.projects).enumerate() {
        if (dirty.categories.contains(&b.category) && shows_changed(new, i))
            || (dirty.categories.contains(&a.category) && shows_changed(old, i))
        {
            dirty.projects.insert(b.slug.clone());
        }
    }
    Some(dirty)
}
