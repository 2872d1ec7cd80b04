//! The validated site as every output reads it: catalogs (published
//! documents) newest first, their projects in the document's own order, and
//! what is derived from them once per build (facet values with counts,
//! projects by category, similar projects).
//!
//! A project's catalog is found by index: [`Site::entry`] gives a project
//! together with its catalog, and every list here is of indexes into
//! [`Site::projects`].

mod facets;
mod order;
mod pages;
pub use pages::COMPARE_PAGE_ROWS;
mod patch;

pub use facets::{FacetValue, FacetValues};
pub use order::{chinese_number, order_key};

use crate::config::Config;
use crate::content::{Catalog, Content, Project};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

/// The whole validated site: what every output reads.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Newest year first, then by place. This and what is derived from the
    /// site's order are shared with the model a save patches from
    /// ([`Site::patched`]), not copied; each catalog is shared with the dev
    /// server's parse cache, as the projects are.
    pub catalogs: Arc<Vec<Arc<Catalog>>>,
    /// Grouped by catalog (in `catalogs` order), then in the document's own
    /// order. Shared with the dev server's parse cache: a save re-reads one
    /// file and clones no other project.
    pub projects: Vec<Arc<Project>>,
    /// The facets site.toml asks for, in its order.
    pub facets: Arc<Vec<FacetValues>>,
    /// Per project, the index of its catalog.
    catalog_of: Arc<Vec<usize>>,
    /// Per catalog, its projects' index range (`projects` is sorted by catalog).
    catalog_ranges: Arc<Vec<Range<usize>>>,
    /// Category key → indexes of its listed projects, in site order.
    by_category: Arc<HashMap<String, Vec<usize>>>,
    /// Category key → index of the guidance entry that defines it.
    guidance_by_category: Arc<HashMap<String, usize>>,
    /// The day of the build: plans of earlier years are past.
    pub today: crate::util::date::Date,
}

/// A project with its catalog, and its place in [`Site::projects`].
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub index: usize,
    pub project: &'a Project,
    pub catalog: &'a Catalog,
}

impl Entry<'_> {
    /// An entry of a guidance document: a kind of project, not a training.
    pub fn is_guidance(&self) -> bool {
        self.catalog.is_guidance()
    }
}

impl Site {
    /// The model of validated content: catalogs and projects sorted, facets
    /// and lists derived.
    pub fn new(config: Config, content: Content) -> Site {
        let Content {
            mut catalogs,
            mut projects,
        } = content;
        catalogs.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then_with(|| a.place().cmp(&b.place()))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let rank: BTreeMap<&str, usize> = catalogs
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.as_str(), i))
            .collect();
        projects.sort_by_cached_key(|p| {
            (
                rank.get(p.catalog.as_str()).copied().unwrap_or(usize::MAX),
                order_key(p.number.as_deref()),
                p.slug.clone(),
            )
        });
        // Content guarantees every project's catalog exists; the last
        // catalog stands in rather than a panic if that ever broke.
        let last = catalogs.len().saturating_sub(1);
        let catalog_of: Vec<usize> = projects
            .iter()
            .map(|p| rank.get(p.catalog.as_str()).copied().unwrap_or(last))
            .collect();
        let mut catalog_ranges = vec![0..0; catalogs.len()];
        for (i, &c) in catalog_of.iter().enumerate() {
            if let Some(range) = catalog_ranges.get_mut(c) {
                if range.start == range.end {
                    *range = i..i + 1;
                } else {
                    range.end = i + 1;
                }
            }
        }
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        let mut guidance_by_category = HashMap::new();
        for (i, p) in projects.iter().enumerate() {
            let guidance = catalogs.get(catalog_of[i]).is_some_and(|c| c.is_guidance());
            if guidance {
                guidance_by_category.entry(p.category.clone()).or_insert(i);
            } else {
                by_category.entry(p.category.clone()).or_default().push(i);
            }
        }
        let mut site = Site {
            config,
            catalogs: Arc::new(catalogs),
            projects,
            facets: Arc::default(),
            catalog_of: Arc::new(catalog_of),
            catalog_ranges: Arc::new(catalog_ranges),
            by_category: Arc::new(by_category),
            guidance_by_category: Arc::new(guidance_by_category),
            today: crate::util::date::Date::today(),
        };
        site.facets = Arc::new(facets::compute(&site));
        site
    }

    /// Project `index` with its catalog.
    pub fn entry(&self, index: usize) -> Entry<'_> {
        Entry {
            index,
            project: &self.projects[index],
            catalog: &self.catalogs[self.catalog_of[index]],
        }
    }

    /// The place in `catalogs` of project `index`'s catalog.
    pub fn catalog_index(&self, index: usize) -> usize {
        self.catalog_of[index]
    }

    /// Every project, guidance entries included, in site order.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        (0..self.projects.len()).map(|i| self.entry(i))
    }

    /// Trainings and work items: every project that is not a guidance entry.
    pub fn listed(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.entries().filter(|e| !e.is_guidance())
    }

    /// What is still to review in the site's files: drafts, values marked
    /// 待核对 (every file's, when the site was loaded with its drafts, as
    /// `peixun check` loads it).
    pub fn review(&self) -> crate::Diagnostics {
        let mut all = crate::Diagnostics(
            self.catalogs
                .iter()
                .flat_map(|c| c.review.iter().cloned())
                .chain(self.projects.iter().flat_map(|p| p.review.iter().cloned()))
                .collect(),
        );
        all.sort();
        all
    }

    /// How many projects are listed, counted by catalog.
    pub fn listed_count(&self) -> usize {
        self.catalogs
            .iter()
            .zip(self.catalog_ranges.iter())
            .filter(|(c, _)| !c.is_guidance())
            .map(|(_, r)| r.len())
            .sum()
    }

    /// Whether the list pages show every project's card (home) or title
    /// (`/projects/`): at most `home_cards_max` listed; above it, they list
    /// the catalogs, and each catalog's page its own.
    pub fn lists_every_project(&self) -> bool {
        self.listed_count() <= self.config.search.home_cards_max
    }

    /// Trainings only: listed projects that are not work items (专项工作).
    /// What a teacher can take part in, and so what comparisons hold.
    pub fn trainings(&self) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.listed().filter(|e| !e.project.work_item)
    }

    /// The projects of catalog `catalog` (an index into `catalogs`).
    pub fn projects_of(&self, catalog: usize) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.catalog_ranges
            .get(catalog)
            .cloned()
            .unwrap_or(0..0)
            .map(|i| self.entry(i))
    }

    /// The guidance entry that defines a category, if a guidance catalog has one.
    pub fn guidance_entry(&self, category: &str) -> Option<Entry<'_>> {
        self.guidance_by_category
            .get(category)
            .map(|&i| self.entry(i))
    }

    /// Listed projects of one category, in site order.
    pub fn in_category(&self, category: &str) -> impl Iterator<Item = Entry<'_>> + '_ {
        self.by_category
            .get(category)
            .into_iter()
            .flatten()
            .map(|&i| self.entry(i))
    }

    /// A plan of an earlier year than this one: its projects have most
    /// likely run, and pages say so.
    pub fn is_past(&self, catalog: &Catalog) -> bool {
        catalog.year.is_some_and(|y| y < self.today.year)
    }

    /// The newest plan of the same place as `catalog` when it is a newer
    /// one, or else of its region (a province's plan is open to its
    /// districts' teachers): where a past plan's reader looks next.
    pub fn newer_plan_of_place(&self, catalog: &Catalog) -> Option<&Catalog> {
        // Catalogs are sorted newest year first.
        let newest = |district: Option<&String>| {
            self.catalogs
                .iter()
                .filter(|c| !c.is_guidance() && c.region == catalog.region)
                .find(|c| c.district.as_ref() == district)
                .filter(|c| c.year > catalog.year)
                .map(|c| &**c)
        };
        newest(catalog.district.as_ref()).or_else(|| newest(None))
    }

    /// Projects of the same category in other places, for "similar projects
    /// elsewhere", lazily: a page shows a dozen of the hundreds a category
    /// holds at national scale.
    pub fn similar(&self, index: usize) -> impl Iterator<Item = Entry<'_>> + '_ {
        let here = self.entry(index);
        let place = (&here.catalog.region, &here.catalog.district);
        self.in_category(&here.project.category)
            .filter(move |o| o.index != index && (&o.catalog.region, &o.catalog.district) != place)
    }
}
