//! The search index of the site: each listed project as a plain
//! [`SearchDoc`], written by [`crate::search`] as elasticlunr shards.

use super::OutFile;
use crate::model::Site;
use crate::search::{self, SearchDoc};
use crate::util::timing::phase;

/// Searchable documents: every listed project (guidance entries are kinds of
/// project, not results), in site order; `body_text` is aligned with `site.projects`.
pub fn search_documents(site: &Site) -> Vec<SearchDoc> {
    site.listed()
        .enumerate()
        .map(|(i, e)| {
            let (p, c) = (e.project, e.catalog);
            let category = site
                .config
                .category(&p.category)
                .map_or(p.category.clone(), |k| k.label.clone());
            let place = [c.place(), p.counties.join(" ")].join(" ");
            let subs: Vec<&str> = p
                .sub_projects
                .iter()
                .flat_map(|s| [Some(s.name.as_str()), s.subject.as_deref()])
                .flatten()
                .collect();
            let tags = [
                category,
                p.plan.clone().unwrap_or_default(),
                p.level.clone(),
                p.tags.join(" "),
                p.audience.join(" "),
                p.stages.join(" "),
                p.modes.join(" "),
                subs.join(" "),
            ]
            .join(" ");
            SearchDoc {
                id: i.to_string(),
                fields: [
                    p.title.clone(),
                    p.eligibility.clone().unwrap_or_default(),
                    p.body.text.clone(),
                    place,
                    tags,
                ],
            }
        })
        .collect()
}

/// The search index files (manifest and shards) for the site.
pub fn search_index_files(site: &Site) -> Vec<OutFile> {
    let docs = search_documents(site);
    let index = phase("search index", || {
        search::build_index_with(&docs, site.config.search.postings_per_shard)
    });
    let mut files = vec![OutFile {
        path: "search_index.json".into(),
        bytes: index.manifest.into_bytes(),
    }];
    for (k, shard) in index.shards.into_iter().enumerate() {
        files.push(OutFile {
            path: format!("search_index/{k}.json").into(),
            bytes: shard.into_bytes(),
        });
    }
    files
}
