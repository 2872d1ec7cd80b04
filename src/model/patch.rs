//! The model after a save, derived from the one before instead of sorted
//! and faceted again: the dev server's path on every save of a project.

use super::{Entry, Site};
use crate::config::Config;
use crate::content::{Catalog, Content, Project};
use crate::util::hash::Fold;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

impl Site {
    /// The model of `content`, derived from `self` when the content differs
    /// only in some projects' own fields, with the indexes in `projects` of
    /// the projects that changed. `None` when the change reaches further
    /// than those projects' own pages and lists: a catalog changed, a project
    /// was added or removed, or a changed project moved (catalog, number),
    /// changed category (similar projects) or any facet value. Then
    /// [`Site::new`] must run.
    pub fn patched(&self, config: Config, content: &Content) -> Option<(Site, Vec<usize>)> {
        let Content { catalogs, projects } = content;
        if catalogs.len() != self.catalogs.len() || projects.len() != self.projects.len() {
            return None;
        }
        // A catalog whose file did not change is the very `Arc` the model
        // holds (compared by pointer, as the projects below); when one was
        // read again, all are compared whole and the model takes the ones
        // read, so that the next save finds them its own again.
        let catalog_ptr = |c: &Arc<Catalog>| Arc::as_ptr(c) as usize;
        let held: HashSet<usize, Fold> = self.catalogs.iter().map(catalog_ptr).collect();
        let next_catalogs = if catalogs.iter().all(|c| held.contains(&catalog_ptr(c))) {
            self.catalogs.clone()
        } else {
            let loaded: HashMap<&str, &Arc<Catalog>> =
                catalogs.iter().map(|c| (c.slug.as_str(), c)).collect();
            // Compared whole (an `Arc` compares what it holds).
            let in_order = self
                .catalogs
                .iter()
                .map(|c| {
                    loaded
                        .get(c.slug.as_str())
                        .filter(|l| **l == c)
                        .map(|l| Arc::clone(l))
                })
                .collect::<Option<Vec<_>>>()?;
            Arc::new(in_order)
        };
        // A project whose file did not change is the very `Arc` the model
        // holds: pointers are compared, and only the projects read again
        // are matched by slug (hashing every slug was most of a save's
        // model).
        let ptr = |p: &Arc<Project>| Arc::as_ptr(p) as usize;
        let in_content: HashSet<usize, Fold> = projects.iter().map(ptr).collect();
        let held: HashSet<usize, Fold> = self.projects.iter().map(ptr).collect();
        let read_again: HashMap<&str, &Arc<Project>> = projects
            .iter()
            .filter(|p| !held.contains(&ptr(p)))
            .map(|p| (p.slug.as_str(), p))
            .collect();
        let mut next = Vec::with_capacity(self.projects.len());
        let mut changed = Vec::new();
        for (old, held) in self.entries().zip(&self.projects) {
            if in_content.contains(&ptr(held)) {
                next.push(Arc::clone(held));
                continue;
            }
            let new = read_again.get(old.project.slug.as_str())?;
            let moved = Entry {
                project: new,
                ..old
            };
            let same_place = old.project.catalog == new.catalog
                && old.project.number == new.number
                && old.project.category == new.category
                && self
                    .facets
                    .iter()
                    .all(|f| self.facet_values(f.facet, old) == self.facet_values(f.facet, moved));
            if !same_place {
                return None;
            }
            changed.push(old.index);
            next.push(Arc::clone(new));
        }
        let site = Site {
            config,
            catalogs: next_catalogs,
            projects: next,
            facets: self.facets.clone(),
            catalog_of: self.catalog_of.clone(),
            catalog_ranges: self.catalog_ranges.clone(),
            by_category: self.by_category.clone(),
            guidance_by_category: self.guidance_by_category.clone(),
            today: self.today,
        };
        Some((site, changed))
    }
}
