//! The search index in elasticlunr's format with our own tokenizer: plain
//! documents in ([`SearchDoc`], one text per field), JSON out
//! ([`SearchIndex`], a manifest and shards split by token), read by the
//! theme's search scripts. Nothing here knows the site or its pages.
//!
//! - `tokenizer`: the tokenizer query.js mirrors token for token;
//! - `postings`: each document's tokens counted and packed into postings;
//! - `shards`: which shard holds a token, and postings partitioned into shards;
//! - `trie`: each shard's tries, written as elasticlunr-rs writes them;
//! - `reference`: elasticlunr-rs itself, which frames every file and is the
//!   reference the fast writer is tested against, byte for byte.
//!
//! Why single characters and character pairs rather than words, with the
//! recall, precision and size figures: docs/search.md.

pub mod compact;
pub mod hash;
pub mod pinyin;
mod postings;
pub mod query;
mod reference;
mod shards;
pub mod timing;
mod tokenizer;
mod trie;
pub mod words;

pub use compact::{build_compact_index, build_compact_index_within, CompactIndex};
pub use reference::{build_index_by_elasticlunr, build_single_index};
pub use shards::{index_shard_of, shard_of};
pub use tokenizer::{for_each_token, is_han, tokenize, CjkLanguage};

use shards::build_index_by;
use trie::write_tries;

pub const INDEX_FIELDS: &[&str] = &["title", "eligibility", "body", "place", "tags"];

// Postings keep a field's place in 3 bits (`Entry::order`, the count maps' keys).
const _: () = assert!(INDEX_FIELDS.len() <= 8);

/// Query-time weight of each field, written into `search_docs.json` so the
/// client scores with the same numbers the docs describe. A word in the title
/// counts four times one in the body; tags (plan, level, roles, stages, modes) and
/// place (region, district, named counties) are short, curated and count twice.
pub const FIELD_BOOSTS: [(&str, f64); 5] = [
    ("title", 4.0),
    ("eligibility", 1.5),
    ("body", 1.0),
    ("place", 2.0),
    ("tags", 2.0),
];

/// One document's searchable text, in `INDEX_FIELDS` order. `id` is its
/// position in `search_docs.json`: short numeric refs keep the index small
/// (every posting repeats the ref). A field may borrow its text (a
/// project's body, a few KB each, is not copied for the index).
pub struct SearchDoc<'a> {
    pub id: String,
    pub fields: [std::borrow::Cow<'a, str>; 5],
}

/// The search index, split by token so a query loads only what it needs.
/// `manifest` is an elasticlunr index (fields, ref, pipeline, version,
/// documentStore with its `length`) whose tries are empty, plus
/// `"lengths": {field: [length of that field in document ref 0, 1, …]}`
/// (elasticlunr's `docInfo` as columns; refs are the positions 0‥n-1) and
/// `"shards": {"count", "singles", "path"}`; shard `k` is an elasticlunr
/// index whose tries hold exactly the tokens with
/// `index_shard_of(token, singles, count) == k` and whose
/// documentStore is left empty. Merging the shards' tries into the manifest,
/// and `lengths` into `docInfo`, gives the index elasticlunr-rs builds from
/// the whole text in one go (tests:
/// `index_shards_merge_into_the_index_elasticlunr_builds_in_one_go`).
pub struct SearchIndex {
    pub manifest: String,
    pub shards: Vec<String>,
}

/// The sharded index of `docs`, about `postings_per_shard` postings a shard.
///
/// Each shard is `head + tries + tail`: the JSON of an empty elasticlunr-rs
/// `Index` around the value of its `"index"` key, which holds one
/// `InvertedIndex` per field. The tries are written by `trie::write_tries`, byte
/// for byte what elasticlunr-rs serializes for `InvertedIndex`es filled with
/// `add_token` as `Index::add_doc` fills them (tested against it:
/// `shards_are_byte_for_byte_what_elasticlunr_rs_writes`). Filling and
/// serializing elasticlunr-rs's tries instead (a `BTreeMap` node per
/// character and a `String` per posting, walked by serde and freed) was
/// most of a large build's time.
pub fn build_index_with(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    build_index_by(docs, postings_per_shard, write_tries)
}
