//! `[search]`: how the search index is split and how long lists get.

use crate::tr;
use crate::util::diag::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Postings per index shard the split aims at by default, so that one query
/// loads a few small files (sizes: docs/performance.md).
pub const POSTINGS_PER_SHARD: usize = 5_000;

/// `[search]`: how the index is split and how long lists get, for the browser.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// About this many postings per index shard file; smaller means more,
    /// smaller downloads per query.
    #[serde(default = "default_postings_per_shard")]
    pub postings_per_shard: usize,
    /// The home page lists every project as a card (readable without
    /// JavaScript) up to this many projects; above it, only the published
    /// documents with their counts, so a phone does not download megabytes
    /// before the search box works.
    #[serde(default = "default_home_cards_max")]
    pub home_cards_max: usize,
    /// Cards per facet value page; more go on `<facet>/<value>/page/2/`
    /// and on (default 100; 0 puts every card on one page). A stage or
    /// audience of a national catalog holds thousands of projects.
    #[serde(default = "default_facet_page_size")]
    pub facet_page_size: usize,
    /// Groups of words that mean the same to a reader (`["AI", "人工智能"]`):
    /// a query for one also finds the others, and says so.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Whether the index is also written in elasticlunr's format, as
    /// elasticlunr-rs writes it, under `elasticlunr/` (for tools that read
    /// that format): `true`, `false`, or unset for “up to
    /// [`ELASTICLUNR_UP_TO`] projects” (above it the JSON tries are most
    /// of the output: 161 of 428 MB at 10,000 projects, and 0.7 s of the
    /// build; gigabytes at 100,000).
    #[serde(default)]
    pub elasticlunr: Option<bool>,
}

/// Projects up to which the elasticlunr-format index is written unless
/// `[search] elasticlunr` says otherwise.
pub const ELASTICLUNR_UP_TO: usize = 5_000;

impl SearchConfig {
    /// How many pages a facet value with `count` projects has (at least one).
    pub fn facet_pages(&self, count: usize) -> usize {
        match self.facet_page_size {
            0 => 1,
            size => count.div_ceil(size).max(1),
        }
    }

    /// The projects on page `page` (from 1) of a facet value's list.
    pub fn facet_page<'a>(&self, projects: &'a [usize], page: usize) -> &'a [usize] {
        match self.facet_page_size {
            0 => projects,
            size => projects
                .chunks(size)
                .nth(page.saturating_sub(1))
                .unwrap_or_default(),
        }
    }
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            postings_per_shard: default_postings_per_shard(),
            home_cards_max: default_home_cards_max(),
            facet_page_size: default_facet_page_size(),
            synonyms: Vec::new(),
            elasticlunr: None,
        }
    }
}

fn default_facet_page_size() -> usize {
    100
}

fn default_home_cards_max() -> usize {
    300
}

fn default_postings_per_shard() -> usize {
    POSTINGS_PER_SHARD
}

impl SearchConfig {
    /// What is wrong with the synonym groups: each needs two words or
    /// more, and a word may be in one group only.
    pub(super) fn synonym_problems(&self, path: &Path, text: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        // The words are also in the vocabularies, so a word's position is
        // its own occurrence after the `synonyms` key, repeats counted.
        let synonyms_at = text.find("synonyms").unwrap_or(0);
        let mut occurrences: std::collections::HashMap<&str, usize> = Default::default();
        let mut group_of: std::collections::HashMap<String, usize> = Default::default();
        for (g, group) in self.synonyms.iter().enumerate() {
            let at = |word: &str, nth: usize, msg: String| {
                let needle = format!("\"{word}\"");
                let span = text[synonyms_at..]
                    .match_indices(&needle)
                    .nth(nth)
                    .map(|(i, _)| synonyms_at + i..synonyms_at + i + needle.len());
                let d = Diagnostic::error(msg).in_file(path);
                match span {
                    Some(span) => d.at_span(text, span),
                    None => d,
                }
            };
            let nths: Vec<usize> = group
                .iter()
                .map(|w| {
                    let n = occurrences.entry(w.as_str()).or_default();
                    *n += 1;
                    *n - 1
                })
                .collect();
            // Compared as search compares them: case aside, spaces around.
            let words: Vec<String> = group.iter().map(|w| w.trim().to_lowercase()).collect();
            if words.iter().filter(|w| !w.is_empty()).count() < 2 {
                let first = group.first().map(String::as_str).unwrap_or_default();
                problems.push(
                    at(
                        first,
                        nths.first().copied().unwrap_or(0),
                        tr!("synonym-group-short"),
                    )
                    .with_help(tr!("synonym-group-short-help")),
                );
                continue;
            }
            for ((w, word), nth) in group.iter().zip(&words).zip(nths) {
                if word.is_empty() {
                    problems.push(at(w, nth, tr!("synonym-empty")));
                    continue;
                }
                if let Some(other) = group_of.insert(word.clone(), g) {
                    if other != g {
                        problems.push(
                            at(w, nth, tr!("synonym-twice", word = w.as_str()))
                                .with_help(tr!("synonym-twice-help")),
                        );
                    }
                }
            }
        }
        problems
    }
}
