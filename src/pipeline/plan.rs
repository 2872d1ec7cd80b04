//! The one place that decides what a change re-renders, for `build` and
//! `serve` alike.
//!
//! | change | model | pages rendered | then |
//! | --- | --- | --- | --- |
//! | `build`, the first `serve` build, site.toml or the theme ([`Change::Everything`]) | built anew, caches emptied | all, with the static files | everything else |
//! | project files only, each one that existed before ([`Change::Content`]) | the last one patched (`Site::patched`) when only those projects' own fields moved, else built anew | the changed projects' pages and every page that lists or links them ([`dirty_between`]) | the whole-site aggregates, after the reload |
//! | any other content change (a file added or removed, a catalog, a value that adds or drops a facet page) | built anew | all | everything else |
//!
//! Under `serve`, the search index is rebuilt after every change on a
//! worker thread of its own; `build` makes it beside the pages.

use super::{load, BuildError, BuildOptions, Checked, Keep};
use crate::content::ParseCache;
use crate::model::Site;
use crate::output::{Dirty, Parts, RenderCache, Selection, Theme, SIMILAR_SHOWN};
use crate::util::names::is_ignored_name;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What changed among the site's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// site.toml or the theme, or nothing known: everything may depend on it.
    Everything,
    /// Content files, by path relative to the site root.
    Content(Vec<PathBuf>),
}

impl Change {
    /// The change a written file makes (`path` as a watcher reports it,
    /// under `root`, whose canonical form is `root_abs`), or `None` for a
    /// file that is not part of the site (an editor's swap file, output/).
    pub fn of_file(root_abs: &Path, root: &Path, path: &Path) -> Option<Change> {
        let rel = path
            .strip_prefix(root_abs)
            .or_else(|_| path.strip_prefix(root))
            .unwrap_or(path);
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if is_ignored_name(&name) {
            return None;
        }
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .unwrap_or_default();
        match first.as_str() {
            crate::content::CONTENT_DIR => Some(Change::Content(vec![rel.to_path_buf()])),
            crate::output::THEMES_DIR => Some(Change::Everything),
            _ if rel == Path::new(crate::config::CONFIG_FILE) => Some(Change::Everything),
            _ => None,
        }
    }

    /// Both changes at once.
    pub fn and(self, other: Change) -> Change {
        match (self, other) {
            (Change::Content(mut a), Change::Content(b)) => {
                for path in b {
                    if !a.contains(&path) {
                        a.push(path);
                    }
                }
                Change::Content(a)
            }
            _ => Change::Everything,
        }
    }

    /// The content files it names, if it is only content.
    pub fn content_files(&self) -> Option<&[PathBuf]> {
        match self {
            Change::Content(files) => Some(files),
            Change::Everything => None,
        }
    }
}

/// What a rebuild renders.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The pages to render.
    pub selection: Selection,
}

impl Plan {
    pub fn everything() -> Plan {
        Plan {
            selection: Selection::All,
        }
    }

    /// Whether only some pages are rendered: then the pages go first (and
    /// the reload), the whole-site aggregates right after, and the static
    /// files, which did not change, are left as served.
    pub fn is_incremental(&self) -> bool {
        matches!(self.selection, Selection::Some(_))
    }

    /// Whether the rendered pages' links must be checked. Not after an
    /// incremental rebuild: the theme, site.toml and the set of pages are
    /// what they were when every page was last checked, and the pages that
    /// changed link only to what the model holds (content links are checked
    /// at their source).
    pub fn checks_page_links(&self) -> bool {
        !self.is_incremental()
    }

    /// What the first render makes.
    pub fn first_parts(&self) -> Parts {
        if self.is_incremental() {
            Parts::PAGES
        } else {
            Parts::ALL
        }
    }
}

/// A rebuild: the checked site and what to render of it.
pub struct Rebuild {
    pub checked: Checked,
    pub plan: Plan,
}

/// What caches hold between rebuilds: parsed files and per-project pieces
/// of output. Valid for one site.toml and theme.
#[derive(Default)]
pub struct Caches {
    pub(super) parsed: ParseCache,
    pub render: RenderCache,
    /// The theme's templates, parsed: only site.toml or the theme can
    /// change them, and either empties the caches.
    pub(super) theme: std::sync::OnceLock<Arc<Theme>>,
}

/// What the dev server keeps from one rebuild to the next, so that a
/// saved project file costs work for that file only.
#[derive(Default)]
pub struct Incremental {
    caches: Caches,
    last: Option<Arc<Site>>,
}

impl Incremental {
    /// Loads the site after `change` and plans what to render of it.
    pub fn rebuild(&mut self, opts: &BuildOptions, change: &Change) -> Result<Rebuild, BuildError> {
        if *change == Change::Everything {
            self.caches = Caches::default();
        }
        let previous = self
            .last
            .as_deref()
            .filter(|_| *change != Change::Everything);
        let checked = load(opts, Some(&self.caches), change, previous, Keep::ReadOnly)?;
        let dirty = crate::util::timing::phase("find changed pages", || {
            previous.and_then(|old| dirty_between(old, &checked.site))
        });
        let plan = match dirty {
            Some(dirty) => Plan {
                selection: Selection::Some(Box::new(dirty)),
            },
            None => {
                // Pieces keyed by a project's own file may depend on what changed.
                self.caches.render.clear();
                Plan::everything()
            }
        };
        Ok(Rebuild { checked, plan })
    }

    /// The per-project pieces a render of the last rebuild may reuse.
    pub fn render_cache(&self) -> &RenderCache {
        &self.caches.render
    }

    /// Keeps `site`, which rendered, to diff the next change against.
    pub fn rendered(&mut self, site: Arc<Site>) {
        self.last = Some(site);
    }
}

pub fn dirty_between(old: &Site, new: &Site) -> Option<Dirty> {
    // Every field counts: a catalog's year or place shows on each of its
    // projects' cards and data entries. A model patched from the other
    // shares its catalogs and unchanged projects: those are not compared.
    let same_catalogs = Arc::ptr_eq(&old.catalogs, &new.catalogs) || old.catalogs == new.catalogs;
    let same_slugs = old.projects.len() == new.projects.len()
        && old
            .projects
            .iter()
            .zip(&new.projects)
            .all(|(a, b)| Arc::ptr_eq(a, b) || a.slug == b.slug);
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
    let changed: Vec<usize> = old
        .projects
        .iter()
        .zip(&new.projects)
        .enumerate()
        .filter(|(_, (a, b))| !Arc::ptr_eq(a, b) && a.source_hash != b.source_hash)
        .map(|(i, _)| i)
        .collect();
    let mut dirty = Dirty::default();
    for &i in &changed {
        let (a, b) = (old.entry(i), new.entry(i));
        dirty.projects.insert(i);
        dirty.catalogs.insert(b.project.catalog.clone());
        let mut values: [HashSet<(crate::config::Facet, String)>; 2] = Default::default();
        for ((site, e), values) in [(old, a), (new, b)].into_iter().zip(&mut values) {
            dirty.categories.insert(e.project.category.clone());
            for f in site.facets.iter() {
                for v in site.facet_values(f.facet, e) {
                    values.insert((f.facet, v));
                }
            }
        }
        if a.project.category != b.project.category {
            dirty.moved_categories.insert(a.project.category.clone());
            dirty.moved_categories.insert(b.project.category.clone());
        }
        if a.project.catalog != b.project.catalog {
            // The catalog it left lists it no more.
            dirty.catalogs.insert(a.project.catalog.clone());
            dirty.moved_catalogs.insert(a.project.catalog.clone());
            dirty.moved_catalogs.insert(b.project.catalog.clone());
        }
        // Values the project joined or left: their lists shift.
        dirty
            .moved
            .extend(values[0].symmetric_difference(&values[1]).cloned());
        dirty.facet_values.extend(values.into_iter().flatten());
    }
    // Pages whose "similar projects" list shows a changed project, before
    // or after the change (a category holds hundreds of projects at
    // national scale; each page shows the first few). Indexes and a short
    // list, not hashed strings: every project is asked.
    let categories: Vec<&String> = dirty.categories.iter().collect();
    let in_changed_category = |category: &String| categories.contains(&category);
    let shows_changed = |site: &Site, i: usize| {
        site.similar(i)
            .take(SIMILAR_SHOWN)
            .any(|o| changed.contains(&o.index))
    };
    for (i, (a, b)) in old.projects.iter().zip(&new.projects).enumerate() {
        if (in_changed_category(&b.category) && shows_changed(new, i))
            || (in_changed_category(&a.category) && shows_changed(old, i))
        {
            dirty.projects.insert(i);
        }
    }
    Some(dirty)
}
