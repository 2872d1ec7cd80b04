//! The pages the site has, by site path: what the sitemap lists and what
//! links in content may point at.

use super::Site;
use crate::util::url as urls;
use std::collections::HashSet;

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
            for v in &f.values {
                let segment = urls::segment(&v.segment);
                let pages = self.config.search.facet_pages(v.projects.len());
                set.extend(
                    (1..=pages).map(|n| urls::facet_value_page(f.facet.path(), &segment, n)),
                );
            }
        }
        set.insert("compare/".into());
        // A table per role with trainings, as `output::compare` makes them.
        let audience = self.config.vocabulary(crate::config::Facet::Audience).unwrap_or_default();
        for role in audience {
            if self.trainings().any(|e| e.project.audience.iter().any(|a| a == role)) {
                set.insert(urls::compare_role(&urls::segment(role)));
            }
        }
        set.extend(
            self.trainings()
                .map(|e| format!("compare/{}/", urls::segment(&e.project.category))),
        );
        set
    }
}
