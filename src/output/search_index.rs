//! The search index of the site: each listed project as a plain
//! [`SearchDoc`], written by [`crate::search`] as compact shards
//! (`search_index/<k>.bin`, the browser's), and in elasticlunr's format
//! under `elasticlunr/` for the tools that read it.

use super::OutFile;
use crate::model::Site;
use crate::search::{self, SearchDoc};
use crate::util::timing::phase;
use std::borrow::Cow;
use std::path::Path;

/// Searchable documents: every listed project (guidance entries are kinds of
/// project, not results), in site order.
pub fn search_documents(site: &Site) -> Vec<SearchDoc<'_>> {
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
                    Cow::Borrowed(p.title.as_str()),
                    Cow::Owned(
                        [p.eligibility.as_deref(), p.selection.as_deref()]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Cow::Borrowed(p.body.text.as_str()),
                    Cow::Owned(place),
                    Cow::Owned(tags),
                ],
            }
        })
        .collect()
}

/// Whether a site path is one of the files [`search_index_files`] makes:
/// the dev server builds them after the pages, on a thread of its own.
pub fn is_search_index(path: &str) -> bool {
    [
        "search_index",
        "search_pinyin",
        "search_chars",
        "search_words",
        "elasticlunr/search_index",
    ]
    .iter()
    .any(|name| {
        path.strip_prefix(name)
            .is_some_and(|rest| rest == ".json" || rest.starts_with('/'))
    })
}

/// Shard files a large site's index has about at most: the postings per
/// shard grow above it, so the index stays a few thousand files.
const SHARDS_MAX: usize = 3_000;

/// Postings per shard for `docs`: site.toml's, or more for a site whose
/// postings would make more than [`SHARDS_MAX`] shards.
fn postings_per_shard(configured: usize, docs: &[SearchDoc]) -> usize {
    // Postings are about one per distinct token of a document: its text's
    // characters and pairs, a little under its length in bytes / 2.
    let estimate: usize = docs
        .iter()
        .map(|d| d.fields.iter().map(|f| f.len()).sum::<usize>() / 2)
        .sum();
    configured.max(estimate / SHARDS_MAX)
}

/// Asked by a build with the key of what its index is made from
/// ([`index_key`]): true when it kept the index files the output holds,
/// made from the same (the manifest and shards, compact and elasticlunr's,
/// and the pinyin data: [`is_keyed_index`]), so they need not be made
/// again.
pub type KeepIndex<'a> = &'a (dyn Fn(u128) -> bool + Sync);

/// Whether an output file is one of those a [`KeepIndex`] keeps, or a
/// precompressed copy of one.
pub fn is_keyed_index(path: &Path) -> bool {
    let path = path.to_string_lossy();
    let path = path
        .strip_suffix(".gz")
        .or_else(|| path.strip_suffix(".br"))
        .unwrap_or(&path);
    ["search_index.json", "search_pinyin.json"].contains(&path)
        || [
            "search_index/",
            "elasticlunr/",
            "search_pinyin/",
            "search_chars/",
        ]
        .iter()
        .any(|folder| path.starts_with(folder))
}

/// The search index files (manifest and shards) and the pinyin data
/// (`super::search_pinyin`), unless `keep` kept them, and the site's words
/// (`super::search_words`); the elasticlunr-format index too when
/// `[search] elasticlunr` says so (by default up to 5,000 projects).
pub fn search_index_files(site: &Site, keep: KeepIndex) -> Vec<OutFile> {
    index_files(site, true, None, Some(keep))
}

/// What the dev server serves of the index: all but the elasticlunr-format
/// copy, which no page reads (it is for tools, in a build's output) and
/// which doubled the index's work after every save; made holding at most
/// `max_postings` postings at a time when given.
pub fn served_index_files(site: &Site, max_postings: Option<usize>) -> Vec<OutFile> {
    index_files(site, false, max_postings, None)
}

/// One number for all that the manifest, the shards and the pinyin data
/// are made from: the documents, their sharding, whether elasticlunr's
/// copy is made, the site's word count (in the manifest), the other words
/// pinyin finds and the binary that makes them. None when the binary
/// cannot be found: then nothing is kept.
fn index_key(
    docs: &[SearchDoc],
    per_shard: usize,
    elasticlunr: bool,
    words: usize,
    pinyin_words: &[&str],
) -> Option<u128> {
    let binary = crate::util::stamp::of_this_binary()?;
    let mut key = xxhash_rust::xxh3::Xxh3::new();
    let described = format!(
        "peixun search index 1\n{}\n{binary:?}\n{per_shard} {elasticlunr} {words} {}\n",
        env!("CARGO_PKG_VERSION"),
        docs.len()
    );
    key.update(described.as_bytes());
    // Each text after its length: no two lists of documents run together.
    let mut text = |t: &str| {
        key.update(&(t.len() as u64).to_le_bytes());
        key.update(t.as_bytes());
    };
    for doc in docs {
        text(&doc.id);
        for field in &doc.fields {
            text(field);
        }
    }
    text(&pinyin_words.len().to_string());
    for word in pinyin_words {
        text(word);
    }
    Some(key.digest128())
}

fn index_files(
    site: &Site,
    for_build: bool,
    max_postings: Option<usize>,
    keep: Option<KeepIndex>,
) -> Vec<OutFile> {
    let docs = search_documents(site);
    let words = phase("site words", || super::search_words::word_files_of(site));
    let per_shard = postings_per_shard(site.config.search.postings_per_shard, &docs);
    let elasticlunr = for_build
        && site
            .config
            .search
            .elasticlunr
            .unwrap_or(docs.len() <= crate::config::ELASTICLUNR_UP_TO);
    let kept = keep.is_some_and(|keep| {
        phase("index key", || {
            let pinyin_words = super::search_pinyin::searched_words(&site.config);
            index_key(&docs, per_shard, elasticlunr, words.len(), &pinyin_words)
        })
        .is_some_and(keep)
    });
    if kept {
        return words;
    }
    let pinyin = phase("pinyin data", || {
        super::search_pinyin::pinyin_files(site, &docs)
    });
    let index = phase("search index", || match max_postings {
        Some(most) => search::build_compact_index_within(&docs, per_shard, most),
        None => search::build_compact_index(&docs, per_shard),
    });
    // The shards split by token, and into how many files.
    let split: serde_json::Map<String, serde_json::Value> = index
        .shards
        .iter()
        .enumerate()
        .filter(|(_, files)| files.len() > 1)
        .map(|(k, files)| (k.to_string(), files.len().into()))
        .collect();
    let mut manifest = serde_json::json!({
        "version": 3,
        "docs": index.docs,
        "fields": search::INDEX_FIELDS,
        "shards": {
            "count": index.shards.len(),
            "singles": index.singles,
            "split": split,
            "path": "search_index/",
            "hash": "fnv1a-32 of the token's UTF-8 bytes: a one-character token's modulo singles, another's singles + modulo (count - singles); in a split shard, file (hash / shards of its kind) modulo its files",
            "format": "crates/search/src/compact.rs",
        },
        "words": { "count": words.len() },
    });
    if let Some(letters) = &index.letter_words {
        manifest["letters"] = serde_json::json!(letters);
    }
    let mut files = vec![OutFile {
        path: "search_index.json".into(),
        bytes: manifest.to_string().into_bytes(),
    }];
    for (k, shard) in index.shards.into_iter().enumerate() {
        let whole = shard.len() == 1;
        for (j, bytes) in shard.into_iter().enumerate() {
            files.push(OutFile {
                path: if whole {
                    format!("search_index/{k}.bin")
                } else {
                    format!("search_index/{k}-{j}.bin")
                }
                .into(),
                bytes,
            });
        }
    }
    if elasticlunr {
        let index = phase("elasticlunr index", || {
            search::build_index_with(&docs, site.config.search.postings_per_shard)
        });
        let manifest = index.manifest.replacen(
            r#""path":"search_index/""#,
            r#""path":"elasticlunr/search_index/""#,
            1,
        );
        files.push(OutFile {
            path: "elasticlunr/search_index.json".into(),
            bytes: manifest.into_bytes(),
        });
        for (k, shard) in index.shards.into_iter().enumerate() {
            files.push(OutFile {
                path: format!("elasticlunr/search_index/{k}.json").into(),
                bytes: shard.into_bytes(),
            });
        }
    }
    files.extend(pinyin);
    files.extend(words);
    files
}
