//! The search index of the site: each listed project as a plain
//! [`SearchDoc`], written by [`crate::search`] as elasticlunr shards.

use super::OutFile;
use crate::model::Site;
use crate::search::{self, SearchDoc};
use crate::util::timing::phase;

/// Searchable documents: every listed project (guidance entries are kinds of
/// project, not results), in site order.
pub fn search_documents(site: &Site) -> Vec<SearchDoc> {
    site.listed()
        .enumerate()
        .map(|(i, e)| {
            let (p, c) = (e.project, e.catalog);
            let place = [c.place(), p.counties.join(" ")].join(" ");
            let subs: Vec<&str> = p
                .sub_projects
                .iter()
                .flat_map(|s| [Some(s.name.as_str()), s.subject.as_deref()])
                .flatten()
                .collect();
            // Not the category's name: it is matched as a whole (a query
            // equal to 校园长培训 finds the category), not through its pairs
            // (园长 is not in a project for 校长).
            let tags = [
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
                    [p.eligibility.as_deref(), p.selection.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(" "),
                    p.body.text.clone(),
                    place,
                    tags,
                ],
            }
        })
        .collect()
}

/// Whether a site path is one of the files [`search_index_files`] makes:
/// the dev server builds them after the pages, on a thread of its own.
pub fn is_search_index(path: &str) -> bool {
    ["search_index", "search_pinyin", "search_chars", "search_words"]
        .iter()
        .any(|name| {
            path.strip_prefix(name)
                .is_some_and(|rest| rest == ".json" || rest.starts_with('/'))
        })
}

/// The search index files (manifest and shards), the site's words
/// (`super::search_words`) and the pinyin data (`super::search_pinyin`).
/// The manifest says how many word files there are: `"words": {"count"}`.
pub fn search_index_files(site: &Site) -> Vec<OutFile> {
    let docs = search_documents(site);
    let pinyin = phase("pinyin data", || {
        super::search_pinyin::pinyin_files(site, &docs)
    });
    let words = phase("site words", || super::search_words::word_files_of(site));
    let index = phase("search index", || {
        search::build_index_with(&docs, site.config.search.postings_per_shard)
    });
    let manifest = match index.manifest.strip_prefix('{') {
        Some(rest) => format!(r#"{{"words":{{"count":{}}},{rest}"#, words.len()),
        None => index.manifest,
    };
    let mut files = vec![OutFile {
        path: "search_index.json".into(),
        bytes: manifest.into_bytes(),
    }];
    for (k, shard) in index.shards.into_iter().enumerate() {
        files.push(OutFile {
            path: format!("search_index/{k}.json").into(),
            bytes: shard.into_bytes(),
        });
    }
    files.extend(pinyin);
    files.extend(words);
    files
}
