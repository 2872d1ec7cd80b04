//! The pages the site has, by site path: what the sitemap lists and what
//! links in content may point at.

use super::Site;
use crate::util::url as urls;
use std::collections::{HashMap, HashSet};

/// Rows a comparison table's page shows: more are further pages
/// (`compare/<category>/page/2/`).
pub const COMPARE_PAGE_ROWS: usize = 1_000;

impl Site {
    /// Every HTML page path the site will have (site paths, no leading slash).
    pub fn page_paths(&self) -> HashSet<String> {
        let mut set: HashSet<String> = ["", "catalogs/", urls::PROJECTS, urls::HOW_TO_JOIN]
            .into_iter()
            .map(String::from)
            .collect();
        set.extend(self.projects.iter().map(|p| urls::project(&p.slug)));
        set.extend(self.catalogs.iter().map(|c| urls::catalog(&c.slug)));
        for f in self.facets.iter().filter(|f| !f.values.is_empty()) {
            set.insert(format!("{}/", f.facet.path()));
            for v in f.values.iter().filter(|v| v.listed) {
                let segment = urls::segment(&v.segment);
                let pages = self.config.search.facet_pages(v.projects.len());
                set.extend(
                    (1..=pages).map(|n| urls::facet_value_page(f.facet.path(), &segment, n)),
                );
            }
        }
        set.insert("compare/".into());
        // A table per role with trainings and per category, as
        // `output::compare` makes them, in pages of COMPARE_PAGE_ROWS.
        let mut tables: HashMap<String, usize> = HashMap::new();
        let audience = self
            .config
            .vocabulary(crate::config::Facet::Audience)
            .unwrap_or_default();
        for e in self.trainings() {
            for role in audience
                .iter()
                .filter(|r| e.project.audience.iter().any(|a| a == *r))
            {
                *tables
                    .entry(urls::compare_role(&urls::segment(role)))
                    .or_default() += 1;
            }
            *tables
                .entry(format!("compare/{}/", urls::segment(&e.project.category)))
                .or_default() += 1;
        }
        for (path, rows) in tables {
            set.extend(
                (1..=rows.div_ceil(COMPARE_PAGE_ROWS).max(1)).map(|n| urls::paged(&path, n)),
            );
        }
        set
    }
}
