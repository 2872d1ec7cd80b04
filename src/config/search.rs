//! `[search]`: how the search index is split and how long lists get.

use serde::{Deserialize, Serialize};

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
}

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
