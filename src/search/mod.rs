//! The search index: elasticlunr's format with our own tokenizer, written to
//! `/search_index.json` and `/search_index/<k>.json` and read by the theme's
//! own JavaScript (`themes/default/static/search.js`). elasticlunr-rs writes
//! the index frame and the single-file index; the shards' tries come from
//! [`write_tries`], held to elasticlunr-rs's output byte for byte (see
//! [`build_index_with`]).
//!
//! Tokenizer (implemented identically in search.js; both are checked against
//! `tests/data/tokenizer_cases.json`, in Rust and in headless Chromium):
//! a run of Han characters gives every single character and every adjacent
//! pair (乡村教师 → 乡 村 教 师 乡村 村教 教师); a run of letters and digits
//! gives one lowercased token, with a dot between digits kept (工程2.0 → 工 程
//! 工程 2.0; STEM → stem). The client requires every pair of a typed Han run
//! (a phrase), the character itself for a one-character run, and every word;
//! whitespace-separated parts are ANDed, and results are scored (tf-idf as
//! elasticlunr does) on those same tokens, so a query fetches only the index
//! shards of its pairs; if that finds nothing it falls back to "every
//! character present" (fetching the characters' shards then) and says so.
//!
//! Why this scheme (figures from `cargo run --release --example
//! tokenizer_report` on the bundled catalogs, 69 projects, 25 queries from
//! single characters to county names and mixed 工程2.0; ground truth = the
//! projects whose text contains the query verbatim):
//!
//! | scheme | mean recall | mean precision | index (raw / gzip) |
//! | --- | --- | --- | --- |
//! | unigram + bigram (this) | 100 % | 100 % | 584 KB / 56 KB |
//! | unigram only | 100 % | 71 % (教研员: 6 %, 新课程: 17 %) | 305 KB / 27 KB |
//!
//! A dictionary segmenter (jieba) gives a ~3× smaller index but the browser
//! cannot reproduce it without a multi-megabyte dictionary, and a query split
//! differently from the index finds nothing (国培, 幼师, 带头人: see
//! docs/performance.md and the notes in `../shared/notes/anchors.md` §5.4).

use elasticlunr::inverted_index::InvertedIndex;
use elasticlunr::pipeline::Pipeline;
use elasticlunr::{IndexBuilder, Language};
use std::collections::BTreeMap;

pub const INDEX_FIELDS: &[&str] = &["title", "eligibility", "body", "place", "tags"];

// Postings keep a field's place in 3 bits (`Entry::order`, the count maps' keys).
const _: () = assert!(INDEX_FIELDS.len() <= 8);

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Punctuation and spaces of Chinese text (，。、“”《》（）：；…—·, the
/// ideographic space): separators, known without `char::is_alphanumeric`,
/// whose table search for non-ASCII characters was 2 % of a build. Every
/// character here is not alphanumeric (test:
/// `chinese_punctuation_is_a_separator_as_is_alphanumeric_says`).
fn is_cjk_separator(c: char) -> bool {
    matches!(c as u32,
        0xB7 | 0x2000..=0x206F | 0x3000..=0x3004 | 0x3008..=0x3020
        | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// Tokens of `text` as described in the module docs.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(text, |t| out.push(t.to_string()));
    out
}

/// Calls `emit` with each token of `text`, in [`tokenize`]'s order, without
/// allocating one string per token: Han tokens are slices of `text`, only
/// lowercased words go through a reused buffer. The index builder counts
/// tokens this way (tens of millions at 10,000 projects).
pub fn for_each_token(text: &str, emit: impl FnMut(&str)) {
    tokens_into(text, &mut Emit(emit));
}

/// Where the tokenizer puts what it finds. Generic rather than `dyn`: the
/// index's count (a hash-map update per token, 20 million times at 10,000
/// projects) is then inlined instead of called through a vtable.
trait TokenSink {
    fn token(&mut self, token: &str);
    /// A run of Han characters starting at the byte offsets `bounds` (whose
    /// last item is the run's end): its characters, then its pairs.
    fn han_run(&mut self, text: &str, bounds: &[usize]) {
        han_run_tokens(self, text, bounds);
    }
}

/// A Han run's characters, then its pairs, one `token` call each: the
/// default [`TokenSink::han_run`], and what a sink that reads the run
/// faster falls back to.
fn han_run_tokens(sink: &mut (impl TokenSink + ?Sized), text: &str, bounds: &[usize]) {
    for w in bounds.windows(2) {
        sink.token(&text[w[0]..w[1]]);
    }
    for w in bounds.windows(3) {
        sink.token(&text[w[0]..w[2]]);
    }
}

struct Emit<F>(F);

impl<F: FnMut(&str)> TokenSink for Emit<F> {
    fn token(&mut self, token: &str) {
        (self.0)(token)
    }
}

fn tokens_into(text: &str, sink: &mut impl TokenSink) {
    // Byte offsets of the current Han run's characters, plus its end.
    let mut han: Vec<usize> = Vec::new();
    let mut han_end = 0;
    let mut word = String::new();
    // Where the current word starts and ends in `text`: a word already in
    // lower case is emitted as that slice, so callers can keep offsets.
    let (mut word_start, mut word_end) = (0, 0);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_han(c) {
            flush_word(text, &mut word, (word_start, word_end), sink);
            han.push(i);
            han_end = i + c.len_utf8();
        } else if !is_cjk_separator(c) && c.is_alphanumeric() {
            flush_han(text, &mut han, han_end, sink);
            if word.is_empty() {
                word_start = i;
            }
            word.extend(c.to_lowercase());
            word_end = i + c.len_utf8();
        } else if c == '.'
            && word.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit())
        {
            word.push('.');
            word_end = i + 1;
        } else {
            flush_han(text, &mut han, han_end, sink);
            flush_word(text, &mut word, (word_start, word_end), sink);
        }
    }
    flush_han(text, &mut han, han_end, sink);
    flush_word(text, &mut word, (word_start, word_end), sink);
}

fn flush_han(text: &str, han: &mut Vec<usize>, end: usize, sink: &mut impl TokenSink) {
    if han.is_empty() {
        return;
    }
    han.push(end);
    sink.han_run(text, han);
    han.clear();
}

fn flush_word(text: &str, word: &mut String, range: (usize, usize), sink: &mut impl TokenSink) {
    if !word.is_empty() {
        match text.get(range.0..range.1) {
            Some(raw) if raw == word.as_str() => sink.token(raw),
            _ => sink.token(word),
        }
        word.clear();
    }
}

pub struct CjkLanguage;

impl Language for CjkLanguage {
    fn name(&self) -> String {
        "peixun-cjk".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize(text)
    }
    fn make_pipeline(&self) -> Pipeline {
        // No stop words or stemming: the client then needs no pipeline functions.
        Pipeline { queue: Vec::new() }
    }
}

/// Query-time weight of each field, written into `search_docs.json` so the
/// client scores with the same numbers the docs describe. A word in the title
/// counts four times one in the body; tags (category, roles, stages, modes) and
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
/// (every posting repeats the ref).
pub struct SearchDoc {
    pub id: String,
    pub fields: [String; 5],
}

/// FNV-1a (32 bit) of the token's UTF-8 bytes: which shard holds a token.
/// search.js computes the same function (tested with shared cases).
pub fn shard_of(token: &str, shards: usize) -> usize {
    (fnv1a(token) as usize) % shards.max(1)
}

fn fnv1a(token: &str) -> u32 {
    fnv1a_bytes(token.as_bytes())
}

fn fnv1a_bytes(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// The search index, split by token so a query loads only what it needs.
/// `manifest` is an elasticlunr index (fields, ref, pipeline, version,
/// documentStore with its `length`) whose tries are empty, plus
/// `"lengths": {field: [length of that field in document ref 0, 1, …]}`
/// (elasticlunr's `docInfo` as columns; refs are the positions 0‥n-1) and
/// `"shards": {"count", "path"}`; shard `k` is an elasticlunr index whose
/// tries hold exactly the tokens with `shard_of(token) == k` and whose
/// documentStore is left empty. Merging the shards' tries into the manifest,
/// and `lengths` into `docInfo`, gives the index elasticlunr-rs builds from
/// the whole text in one go (tests:
/// `index_shards_merge_into_the_index_elasticlunr_builds_in_one_go`).
pub struct SearchIndex {
    pub manifest: String,
    pub shards: Vec<String>,
}

/// `hash % count` for a fixed count without a division per posting (a
/// division costs ~25 cycles, twice for each of 9 million postings): Lemire,
/// Kaser and Kurz, "Faster remainder by direct computation" (2019), exact
/// for every 32-bit hash and count (test: `shard_of_is_the_remainder`).
#[derive(Clone, Copy)]
struct ShardOf {
    count: u64,
    magic: u64,
}

impl ShardOf {
    fn new(count: usize) -> ShardOf {
        let count = count.clamp(1, u32::MAX as usize) as u64;
        ShardOf {
            count,
            magic: (u64::MAX / count).wrapping_add(1),
        }
    }
    fn of(&self, hash: u32) -> usize {
        let low = self.magic.wrapping_mul(u64::from(hash));
        ((u128::from(low) * u128::from(self.count)) >> 64) as usize
    }
}

/// A token as 8 bytes: inline when it has at most 7 (every Han unigram and
/// bigram, most words), its length in the last byte; a longer token is
/// (start, length) in its document's [`DocTerms::long`], marked `LONG`.
/// Postings then carry their token with them: the shards are written
/// without reaching back into 10,000 documents' text, which cost more than
/// the writing.
#[derive(Clone, Copy, PartialEq, Eq)]
struct TokenBytes([u8; 8]);

const INLINE_MAX: usize = 7;
const LONG: u8 = 0xFF;

impl TokenBytes {
    /// From a [`Counts::tiny`] key: the field bits dropped leave the bytes
    /// with the length in the top byte.
    fn from_tiny_key(key: u64) -> TokenBytes {
        TokenBytes((key & ((1 << 59) - 1)).to_le_bytes())
    }
    fn long(start: usize, len: usize) -> TokenBytes {
        let mut out = [0u8; 8];
        out[..4].copy_from_slice(&(start as u32).to_le_bytes());
        // 24 bits of length: longer than any file content/ accepts.
        out[4..7].copy_from_slice(&(len as u32).to_le_bytes()[..3]);
        out[INLINE_MAX] = LONG;
        TokenBytes(out)
    }
    fn is_inline(&self) -> bool {
        self.0[INLINE_MAX] != LONG
    }
    fn inline(&self) -> &[u8] {
        &self.0[..usize::from(self.0[INLINE_MAX]).min(INLINE_MAX)]
    }
    /// The token's text; `terms` is the document's, for a long token.
    fn as_str<'a>(&'a self, terms: Option<&'a DocTerms>) -> &'a str {
        let b = &self.0;
        if self.is_inline() {
            return std::str::from_utf8(self.inline()).unwrap_or("");
        }
        let start = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let len = u32::from_le_bytes([b[4], b[5], b[6], 0]) as usize;
        terms
            .and_then(|t| t.long.get(start..start + len))
            .unwrap_or("")
    }
}

/// One posting: a document's token in one field, with its count; 16 bytes,
/// 9 million of them at 10,000 projects. `order` sorts a shard's postings
/// so that each (field, token)'s sit together in ref order: the field's
/// place among the fields in name order (elasticlunr's `Index` keeps them
/// in a `BTreeMap`) in the top 3 bits, then `fnv1a(token)`, then the place
/// of the document's ref among all refs in string order (the order of
/// elasticlunr's document maps), which also says which document it is,
/// then the count ([`Order::count_bits`] of it; a larger count is kept in
/// [`DocTerms::large_counts`]). Integers sort fast; tokens are compared
/// only where two share a hash.
#[derive(Clone, Copy)]
struct Entry {
    order: u64,
    token: TokenBytes,
}

/// Bits of `Entry::order` below the hash: the rank, then the count.
const RANK_AND_COUNT_BITS: u32 = 29;

impl Entry {
    const ZERO: Entry = Entry {
        order: 0,
        token: TokenBytes([0; 8]),
    };
    fn slot(&self) -> usize {
        (self.order >> 61) as usize
    }
    fn hash(&self) -> u32 {
        (self.order >> RANK_AND_COUNT_BITS) as u32
    }
    fn field_and_hash(&self) -> u64 {
        self.order >> RANK_AND_COUNT_BITS
    }
    fn same_token(&self, other: &Entry, corpus: &Corpus) -> bool {
        if self.token.is_inline() || other.token.is_inline() {
            self.token == other.token
        } else {
            corpus.token(self) == corpus.token(other)
        }
    }
}

/// One document's postings (distinct tokens per field, with counts), the
/// text of its tokens too long to go inline, each field's token count (the
/// documentStore's field length), and the counts too large for a posting.
struct DocTerms {
    entries: Vec<Entry>,
    long: String,
    lengths: [usize; 5],
    /// Postings whose count reached [`Order::max_count`], with the count.
    large_counts: Vec<(Entry, u32)>,
}

/// Where each field and document go in the shards' sort order.
struct Order {
    /// The field names sorted, as elasticlunr's `Index` keeps them (a
    /// `BTreeMap` by name).
    names: [&'static str; INDEX_FIELDS.len()],
    /// Field number (in `INDEX_FIELDS`) → place in `names`.
    slot: [u8; INDEX_FIELDS.len()],
    /// Document → place of its ref among the refs sorted as strings.
    rank: Vec<u32>,
    /// Place among the refs sorted → document.
    by_rank: Vec<usize>,
    /// Bits of a posting's count kept in `Entry::order`: 9 (counts up to
    /// 510) while there are at most 2^20 documents, fewer beyond.
    count_bits: u32,
}

impl Order {
    fn new(docs: &[SearchDoc]) -> Order {
        let mut names = [""; INDEX_FIELDS.len()];
        names.copy_from_slice(INDEX_FIELDS);
        names.sort_unstable();
        let mut slot = [0u8; INDEX_FIELDS.len()];
        for (f, name) in INDEX_FIELDS.iter().enumerate() {
            slot[f] = names.iter().position(|n| n == name).unwrap_or(0) as u8;
        }
        let mut by_ref: Vec<usize> = (0..docs.len()).collect();
        by_ref.sort_unstable_by(|a, b| docs[*a].id.cmp(&docs[*b].id));
        let mut rank = vec![0u32; docs.len()];
        for (r, &d) in by_ref.iter().enumerate() {
            rank[d] = r as u32;
        }
        // Ranks take what the document count needs, at least 20 bits, and
        // the count what is left of 29: room for 2^29 documents, far more
        // than fit in memory.
        let rank_bits = (usize::BITS - docs.len().leading_zeros()).max(20);
        Order {
            names,
            slot,
            rank,
            by_rank: by_ref,
            count_bits: RANK_AND_COUNT_BITS.saturating_sub(rank_bits),
        }
    }
    fn max_count(&self) -> u32 {
        (1 << self.count_bits) - 1
    }
    /// A posting, its count capped at `max_count` (the caller keeps the
    /// count when it is not below the cap).
    fn entry(&self, field: usize, hash: u32, rank: u32, count: u32, token: TokenBytes) -> Entry {
        let slot = self.slot[field.min(INDEX_FIELDS.len() - 1)];
        Entry {
            order: u64::from(slot) << 61
                | u64::from(hash) << RANK_AND_COUNT_BITS
                | u64::from(rank) << self.count_bits
                | u64::from(count.min(self.max_count())),
            token,
        }
    }
    fn rank(&self, e: &Entry) -> usize {
        ((e.order & ((1 << RANK_AND_COUNT_BITS) - 1)) >> self.count_bits) as usize
    }
    fn stored_count(&self, e: &Entry) -> u32 {
        (e.order & u64::from(self.max_count())) as u32
    }
}

/// Token counts of one document, by field; the maps are reused from
/// document to document.
#[derive(Default)]
struct Counts {
    /// Tokens of at most 7 bytes (Han unigrams and bigrams: nearly all of
    /// them), keyed by field, length and bytes in one `u64` built in
    /// registers: copying a few bytes into an array and reading it back as
    /// a whole stalls the CPU (store forwarding) on every one of 18 million
    /// tokens.
    tiny: std::collections::HashMap<u64, u32, Fold>,
    /// Longer tokens of one field.
    long: std::collections::HashMap<String, u32, Fnv>,
}

/// Counts one field's tokens into [`Counts`] under keys that carry the field.
struct FieldCounter<'a> {
    counts: &'a mut Counts,
    field: u64,
    tokens: usize,
}

impl FieldCounter<'_> {
    /// A token of at most 7 bytes as `Counts::tiny` keys it: field, length,
    /// bytes (first byte lowest).
    fn tiny_key(&self, len: usize, bytes: u64) -> u64 {
        self.field << 59 | (len as u64) << 56 | bytes
    }
    fn count_tiny(&mut self, key: u64) {
        *self.counts.tiny.entry(key).or_insert(0) += 1;
    }
}

impl TokenSink for FieldCounter<'_> {
    fn token(&mut self, t: &str) {
        self.tokens += 1;
        if t.len() <= 7 {
            let mut bytes = 0u64;
            for (i, &b) in t.as_bytes().iter().enumerate() {
                bytes |= u64::from(b) << (8 * i);
            }
            self.count_tiny(self.tiny_key(t.len(), bytes));
            return;
        }
        match self.counts.long.get_mut(t) {
            Some(n) => *n += 1,
            None => {
                self.counts.long.insert(t.to_string(), 1);
            }
        }
    }

    /// The same tokens as the default, with the keys built from each
    /// character's three bytes read once: nearly all of the text is Han
    /// characters of the Basic Multilingual Plane, three bytes each.
    fn han_run(&mut self, text: &str, bounds: &[usize]) {
        let (Some(&start), Some(&end)) = (bounds.first(), bounds.last()) else {
            return;
        };
        let chars = bounds.len() - 1;
        let Some(run) = text
            .as_bytes()
            .get(start..end)
            .filter(|r| r.len() == 3 * chars)
        else {
            return han_run_tokens(self, text, bounds);
        };
        self.tokens += 2 * chars - 1;
        let mut previous = None;
        for c in run.chunks_exact(3) {
            let code = u64::from(c[0]) | u64::from(c[1]) << 8 | u64::from(c[2]) << 16;
            self.count_tiny(self.tiny_key(3, code));
            if let Some(p) = previous {
                self.count_tiny(self.tiny_key(6, p | code << 24));
            }
            previous = Some(code);
        }
    }
}

fn doc_terms(d: usize, doc: &SearchDoc, order: &Order, counts: &mut Counts) -> DocTerms {
    let mut terms = DocTerms {
        entries: Vec::new(),
        long: String::new(),
        lengths: [0; 5],
        large_counts: Vec::new(),
    };
    let rank = order.rank.get(d).copied().unwrap_or(0);
    let add = |terms: &mut DocTerms, field: usize, hash: u32, count: u32, token| {
        let entry = order.entry(field, hash, rank, count, token);
        if count >= order.max_count() {
            terms.large_counts.push((entry, count));
        }
        terms.entries.push(entry);
    };
    // The field goes into the key (above the token's bytes and length), so
    // the whole document is counted in one map and drained once: draining
    // walks the map's capacity, which the body sets.
    for (f, text) in doc.fields.iter().enumerate() {
        // "STEM" lower-cased and "stem" as written are one token: counted
        // by content, wherever the text came from.
        let mut counter = FieldCounter {
            counts: &mut *counts,
            field: f as u64,
            tokens: 0,
        };
        tokens_into(text, &mut counter);
        terms.lengths[f] = counter.tokens;
        // Words too long to go inline are rare: counted per field.
        for (word, n) in counts.long.drain() {
            let start = terms.long.len();
            terms.long.push_str(&word);
            add(
                &mut terms,
                f,
                fnv1a(&word),
                n,
                TokenBytes::long(start, word.len()),
            );
        }
    }
    terms.entries.reserve(counts.tiny.len());
    for (key, n) in counts.tiny.drain() {
        let token = TokenBytes::from_tiny_key(key);
        add(
            &mut terms,
            (key >> 59) as usize,
            fnv1a_bytes(token.inline()),
            n,
            token,
        );
    }
    terms
}

use crate::util::hash::{Fnv, Fold};

fn rounded_tf(tf: f64) -> f64 {
    (tf * 1000.0).round() / 1000.0
}

/// What a shard's tries are written from: the documents, their postings
/// (for tokens kept out of line) and, by rank, each ref as `"<ref>":{"tf":`.
struct Corpus<'a> {
    docs: &'a [SearchDoc],
    terms: &'a [DocTerms],
    order: &'a Order,
    ref_keys: Vec<String>,
    /// By rank, `"<ref>":{"tf":1.0}`: a count of one is most postings.
    ref_ones: Vec<String>,
}

impl<'a> Corpus<'a> {
    fn new(docs: &'a [SearchDoc], terms: &'a [DocTerms], order: &'a Order) -> Corpus<'a> {
        let ref_keys: Vec<String> = order
            .by_rank
            .iter()
            .map(|&d| {
                let mut key = String::new();
                push_json_str(&mut key, &docs[d].id);
                key.push_str(":{\"tf\":");
                key
            })
            .collect();
        let mut one = String::new();
        push_tf(&mut one, &mut Vec::new(), 1);
        let ref_ones = ref_keys.iter().map(|key| format!("{key}{one}}}")).collect();
        Corpus {
            docs,
            terms,
            order,
            ref_keys,
            ref_ones,
        }
    }
    fn rank(&self, e: &Entry) -> usize {
        self.order.rank(e)
    }
    fn terms_of(&self, e: &Entry) -> Option<&DocTerms> {
        let doc = *self.order.by_rank.get(self.rank(e))?;
        self.terms.get(doc)
    }
    fn token<'b>(&'b self, e: &'b Entry) -> &'b str {
        if e.token.is_inline() {
            e.token.as_str(None)
        } else {
            e.token.as_str(self.terms_of(e))
        }
    }
    fn count(&self, e: &Entry) -> u32 {
        let stored = self.order.stored_count(e);
        if stored < self.order.max_count() {
            return stored;
        }
        self.terms_of(e)
            .and_then(|t| {
                t.large_counts
                    .iter()
                    .find(|(x, _)| x.order == e.order && x.token == e.token)
            })
            .map_or(stored, |(_, n)| *n)
    }
}

/// [`build_index`] with a chosen shard size (tests split small sites too).
///
/// Each shard is `head + tries + tail`: the JSON of an empty elasticlunr-rs
/// `Index` around the value of its `"index"` key, which holds one
/// `InvertedIndex` per field. The tries are written by [`write_tries`], byte
/// for byte what elasticlunr-rs serializes for `InvertedIndex`es filled with
/// `add_token` as `Index::add_doc` fills them (tested against it:
/// `shards_are_byte_for_byte_what_elasticlunr_rs_writes`). Filling and
/// serializing elasticlunr-rs's tries instead cost 5 of the 7 seconds of a
/// 10,000-project build: a `BTreeMap` node per character and a `String` per
/// posting, 9 million times, then walked by serde and freed.
pub fn build_index_with(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    build_index_by(docs, postings_per_shard, write_tries)
}

/// [`build_index_with`] with the tries filled and serialized by
/// elasticlunr-rs itself: the reference the fast writer is tested against.
#[doc(hidden)]
pub fn build_index_by_elasticlunr(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    build_index_by(docs, postings_per_shard, |corpus, entries, out| {
        let mut fields: BTreeMap<String, InvertedIndex> = INDEX_FIELDS
            .iter()
            .map(|f| (f.to_string(), InvertedIndex::new()))
            .collect();
        let mut by_slot: Vec<&mut InvertedIndex> = fields.values_mut().collect();
        for e in entries.iter() {
            let tf = rounded_tf(f64::from(corpus.count(e)).sqrt());
            let doc = &corpus.docs[corpus.order.by_rank[corpus.rank(e)]];
            by_slot[e.slot()].add_token(&doc.id, corpus.token(e), tf);
        }
        drop(by_slot);
        out.push_str(&serde_json::to_string(&fields).unwrap_or_default());
    })
}

fn build_index_by(
    docs: &[SearchDoc],
    postings_per_shard: usize,
    tries: impl Fn(&Corpus, &mut [Entry], &mut String) + Sync,
) -> SearchIndex {
    use rayon::prelude::*;
    let order = Order::new(docs);
    let mut terms: Vec<DocTerms> = crate::util::timing::phase("index: tokenize", || {
        docs.par_iter()
            .enumerate()
            .map_init(Counts::default, |counts, (d, doc)| {
                doc_terms(d, doc, &order, counts)
            })
            .collect()
    });
    let postings: usize = terms.iter().map(|d| d.entries.len()).sum();
    let count = postings.div_ceil(postings_per_shard.max(1)).max(1);
    let shard = ShardOf::new(count);
    // One exact-size bucket per shard. Each thread takes a run of refs and
    // fills its own stretch of every bucket, counted first, so nothing is
    // copied twice or grown. Documents are read in ref order, so every
    // bucket comes out in ref order: sorting it by field and hash, keeping
    // that order, gives the writer's order.
    let buckets: Vec<Vec<Entry>> = crate::util::timing::phase("index: partition", || {
        let runs = rayon::current_num_threads().max(1);
        let per_run = terms.len().div_ceil(runs).max(1);
        let entries_of = |&d: &usize| terms.get(d).map_or(&[][..], |t| &t.entries[..]);
        let counts: Vec<Vec<usize>> = order
            .by_rank
            .par_chunks(per_run)
            .map(|run| {
                let mut n = vec![0usize; count];
                for e in run.iter().flat_map(entries_of) {
                    n[shard.of(e.hash())] += 1;
                }
                n
            })
            .collect();
        let mut buckets: Vec<Vec<Entry>> = (0..count)
            .map(|k| vec![Entry::ZERO; counts.iter().map(|n| n[k]).sum()])
            .collect();
        let mut stretches: Vec<Vec<&mut [Entry]>> = counts.iter().map(|_| Vec::new()).collect();
        for (k, bucket) in buckets.iter_mut().enumerate() {
            let mut rest = bucket.as_mut_slice();
            for (r, n) in counts.iter().enumerate() {
                let (mine, after) = rest.split_at_mut(n[k]);
                stretches[r].push(mine);
                rest = after;
            }
        }
        order
            .by_rank
            .par_chunks(per_run)
            .zip(stretches.into_par_iter())
            .for_each(|(run, mut stretch)| {
                let mut at = vec![0usize; count];
                for &e in run.iter().flat_map(entries_of) {
                    let k = shard.of(e.hash());
                    stretch[k][at[k]] = e;
                    at[k] += 1;
                }
            });
        buckets
    });
    for t in &mut terms {
        t.entries = Vec::new();
    }
    let empty = empty_index();
    let (head, tail) = empty_index_json(&empty);
    let corpus = Corpus::new(docs, &terms, &order);
    let shards: Vec<String> = crate::util::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .map_init(Vec::new, |scratch, mut entries| {
                sort_by_field_and_hash(&mut entries, scratch);
                // About 18 bytes of JSON a posting: written in place, not
                // copied between the head and tail (160 MB at 10,000 projects).
                let mut out = String::with_capacity(head.len() + entries.len() * 20 + tail.len());
                out.push_str(&head);
                tries(&corpus, &mut entries, &mut out);
                out.push_str(&tail);
                out
            })
            .collect()
    });
    let mut manifest = serde_json::to_value(&empty).unwrap_or_default();
    manifest["documentStore"] = serde_json::json!({
        "save": false, "docs": {}, "docInfo": {}, "length": docs.len()
    });
    // Field lengths as one column per field, indexed by ref: elasticlunr's
    // docInfo object per document was 120 KB gzip at 10,000 projects.
    let lengths: serde_json::Map<String, serde_json::Value> = INDEX_FIELDS
        .iter()
        .enumerate()
        .map(|(f, name)| {
            let column: Vec<usize> = terms.iter().map(|t| t.lengths[f]).collect();
            (name.to_string(), serde_json::json!(column))
        })
        .collect();
    manifest["lengths"] = serde_json::Value::Object(lengths);
    manifest["shards"] = serde_json::json!({
        "count": count,
        "path": "search_index/",
        "hash": "fnv1a-32 of the token's UTF-8 bytes, modulo count",
    });
    SearchIndex {
        manifest: manifest.to_string(),
        shards,
    }
}

/// Sorts `entries` by `Entry::field_and_hash`, keeping the order of equal
/// keys: a least-significant-digit radix sort, five passes of 7 bits over
/// the 35-bit key (a pass whose digit is the same throughout is skipped).
/// Twice as fast as a comparison sort on a shard's 20,000 postings, and
/// stable, which lets the ref order the partition leaves stand.
fn sort_by_field_and_hash(entries: &mut Vec<Entry>, scratch: &mut Vec<Entry>) {
    const BITS: u32 = 7;
    const PASSES: usize = 5;
    const DIGITS: usize = 1 << BITS;
    let digit = |e: &Entry, pass: usize| {
        (e.field_and_hash() >> (pass as u32 * BITS)) as usize & (DIGITS - 1)
    };
    let mut counts = [[0usize; DIGITS]; PASSES];
    for e in entries.iter() {
        for (pass, count) in counts.iter_mut().enumerate() {
            count[digit(e, pass)] += 1;
        }
    }
    scratch.clear();
    scratch.resize(entries.len(), Entry::ZERO);
    for (pass, count) in counts.iter().enumerate() {
        if count.contains(&entries.len()) {
            continue;
        }
        let mut at = [0usize; DIGITS];
        let mut sum = 0;
        for (a, n) in at.iter_mut().zip(count) {
            *a = sum;
            sum += n;
        }
        for e in entries.iter() {
            let d = digit(e, pass);
            scratch[at[d]] = *e;
            at[d] += 1;
        }
        std::mem::swap(entries, scratch);
    }
}

/// The value of an elasticlunr index's `"index"` key for `entries` (sorted
/// by field, hash and rank), as serde writes elasticlunr-rs's
/// `BTreeMap<String, InvertedIndex>`: `{"body":{"root":NODE},…}` with the
/// fields in name order, where NODE is
/// `{"docs":{REF:{"tf":F},…},"df":N,CHAR:NODE,…}`, documents in ref order
/// and children in character order. Tokens sorted as strings come in
/// exactly that depth-first order, so the trie is written in one pass with
/// a stack of the open nodes' characters.
fn write_tries(corpus: &Corpus, entries: &mut [Entry], out: &mut String) {
    // (slot, token, postings) of each (field, token), in the order they are
    // written. A run of one field and hash holds one token, unless two
    // tokens share the hash: then it is sorted so each token's postings
    // sit together.
    let mut groups: Vec<(usize, &str, &[Entry])> = Vec::new();
    let mut rest = entries;
    while let Some(first) = rest.first() {
        let key = first.field_and_hash();
        let len = rest
            .iter()
            .take_while(|e| e.field_and_hash() == key)
            .count();
        let (run, tail) = rest.split_at_mut(len);
        rest = tail;
        if run.iter().any(|e| !e.same_token(&run[0], corpus)) {
            run.sort_unstable_by(|a, b| {
                corpus
                    .token(a)
                    .cmp(corpus.token(b))
                    .then(a.order.cmp(&b.order))
            });
        }
        let mut run: &[Entry] = run;
        while let Some(first) = run.first() {
            let same = run
                .iter()
                .take_while(|e| e.same_token(first, corpus))
                .count();
            let token = corpus.token(first);
            if !token.is_empty() {
                groups.push((first.slot(), token, &run[..same]));
            }
            run = &run[same..];
        }
    }
    groups.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut tf_json: Vec<String> = Vec::new();
    out.reserve(groups.len() * 16);
    let mut groups = groups.into_iter().peekable();
    let mut open: Vec<char> = Vec::new();
    out.push('{');
    for (slot, name) in corpus.order.names.iter().enumerate() {
        if slot > 0 {
            out.push(',');
        }
        push_json_str(out, name);
        out.push_str(":{\"root\":{\"docs\":{},\"df\":0");
        while let Some((_, token, postings)) = groups.next_if(|g| g.0 == slot) {
            let common = open
                .iter()
                .zip(token.chars())
                .take_while(|(a, b)| *a == b)
                .count();
            for _ in common..open.len() {
                out.push('}');
            }
            open.truncate(common);
            let mut rest = token.chars().skip(common).peekable();
            while let Some(c) = rest.next() {
                out.push(',');
                if c < ' ' || c == '"' || c == '\\' {
                    let mut buf = [0u8; 4];
                    push_json_str(out, c.encode_utf8(&mut buf));
                } else {
                    out.push('"');
                    out.push(c);
                    out.push('"');
                }
                out.push_str(":{\"docs\":{");
                if rest.peek().is_none() {
                    for (i, e) in postings.iter().enumerate() {
                        if i > 0 {
                            out.push(',');
                        }
                        let (rank, count) = (corpus.rank(e), corpus.count(e));
                        if count == 1 {
                            out.push_str(&corpus.ref_ones[rank]);
                        } else {
                            out.push_str(&corpus.ref_keys[rank]);
                            push_tf(out, &mut tf_json, count);
                            out.push('}');
                        }
                    }
                    out.push_str("},\"df\":");
                    push_decimal(out, postings.len());
                } else {
                    out.push_str("},\"df\":0");
                }
                open.push(c);
            }
        }
        for _ in 0..open.len() {
            out.push('}');
        }
        open.clear();
        out.push_str("}}");
    }
    out.push('}');
}

/// Appends `n` in decimal, without a `String` per number.
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Appends serde_json's text of `rounded_tf(sqrt(count))`; `memo` keeps it
/// for small counts, which make nearly all postings.
fn push_tf(out: &mut String, memo: &mut Vec<String>, count: u32) {
    let text = |n: u32| serde_json::to_string(&rounded_tf(f64::from(n).sqrt())).unwrap_or_default();
    let at = count as usize;
    if at >= 256 {
        out.push_str(&text(count));
        return;
    }
    if memo.len() <= at {
        memo.extend((memo.len()..=at).map(|n| text(n as u32)));
    }
    out.push_str(&memo[at]);
}

/// `s` as a JSON string, escaped as serde_json escapes it.
fn push_json_str(out: &mut String, s: &str) {
    if s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.push('"');
        out.push_str(s);
        out.push('"');
    } else {
        out.push_str(&serde_json::to_string(s).unwrap_or_default());
    }
}

/// An elasticlunr-rs index with our fields, language and no stored documents.
fn empty_index() -> elasticlunr::Index {
    IndexBuilder::with_language(Box::new(CjkLanguage))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build()
}

/// The JSON of an empty index, cut around the value of `"index"`: a shard
/// is `head + its tries + tail`.
fn empty_index_json(empty: &elasticlunr::Index) -> (String, String) {
    let empty = empty.to_json();
    const INDEX: &str = "\"index\":";
    const STORE: &str = ",\"documentStore\":";
    match (empty.find(INDEX), empty.find(STORE)) {
        (Some(a), Some(b)) if a < b => {
            (empty[..a + INDEX.len()].to_string(), empty[b..].to_string())
        }
        // elasticlunr-rs always writes both keys; keep a valid shard anyway.
        _ => ("{\"index\":".into(), "}".into()),
    }
}

/// The whole index in one elasticlunr JSON, as elasticlunr-rs builds it from
/// the text (what the shards add up to; used by tests and small exports).
pub fn build_single_index(docs: &[SearchDoc]) -> String {
    let mut index = empty_index();
    for d in docs {
        index.add_doc(&d.id, d.fields.iter().map(String::as_str));
    }
    let mut json = serde_json::to_value(&index).unwrap_or_default();
    round_tf(&mut json);
    json.to_string()
}

/// elasticlunr writes sqrt(tf) at full f64 precision, about a third of the
/// file; 3 decimals change no ranking.
fn round_tf(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "tf" {
                    if let Some(f) = child.as_f64() {
                        *child = serde_json::json!((f * 1000.0).round() / 1000.0);
                    }
                } else {
                    round_tf(child);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(round_tf),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::tokenize;
    use super::{is_cjk_separator, is_han};

    #[test]
    fn tokens_for_chinese_latin_and_digits() {
        assert_eq!(
            tokenize("乡村教师"),
            ["乡", "村", "教", "师", "乡村", "村教", "教师"]
        );
        assert_eq!(
            tokenize("工程2.0 STEM课程"),
            ["工", "程", "工程", "2.0", "stem", "课", "程", "课程"]
        );
        assert_eq!(tokenize("2026年。"), ["2026", "年"]);
    }

    #[test]
    fn chinese_punctuation_is_a_separator_as_is_alphanumeric_says() {
        let separators: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_cjk_separator(c))
            .collect();
        assert!(separators.len() > 150);
        for c in separators {
            assert!(
                !c.is_alphanumeric() && !is_han(c) && c != '.',
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        for c in "，。、；：？！“”‘’（）《》【】—…·\u{3000}".chars() {
            assert!(is_cjk_separator(c), "{c:?}");
        }
        assert_eq!(
            tokenize("教师，培训。"),
            ["教", "师", "教师", "培", "训", "培训"]
        );
    }

    #[test]
    fn shard_of_is_the_remainder() {
        let mut seed = 1u64;
        for count in (1..2000).chain([4093, 65_536, 1 << 20, u32::MAX as usize]) {
            let by = super::ShardOf::new(count);
            for hash in [0, 1, count as u32 - 1, count as u32, u32::MAX - 1, u32::MAX] {
                assert_eq!(by.of(hash), hash as usize % count, "{hash} % {count}");
            }
            for _ in 0..200 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let hash = (seed >> 32) as u32;
                assert_eq!(by.of(hash), hash as usize % count, "{hash} % {count}");
            }
        }
    }

    #[test]
    fn a_word_lowercased_and_as_written_is_one_posting() {
        let doc = super::SearchDoc {
            id: "0".into(),
            fields: [
                "STEM stem Stem 工程2.0 教师 Interdisciplinary INTERDISCIPLINARY".into(),
                String::new(),
                "教师".into(),
                String::new(),
                String::new(),
            ],
        };
        let order = super::Order::new(std::slice::from_ref(&doc));
        let terms = super::doc_terms(0, &doc, &order, &mut Default::default());
        let all = [terms];
        let corpus = super::Corpus::new(std::slice::from_ref(&doc), &all, &order);
        let title_slot = order.slot[0] as usize;
        let mut title: Vec<(String, u32)> = all[0]
            .entries
            .iter()
            .filter(|e| e.slot() == title_slot)
            .map(|e| (corpus.token(e).to_string(), corpus.count(e)))
            .collect();
        title.sort();
        let expected: Vec<(String, u32)> = [
            ("2.0", 1),
            ("interdisciplinary", 2),
            ("stem", 3),
            ("工", 1),
            ("工程", 1),
            ("师", 1),
            ("教", 1),
            ("教师", 1),
            ("程", 1),
        ]
        .iter()
        .map(|(t, n)| (t.to_string(), *n))
        .collect();
        let mut expected = expected;
        expected.sort();
        assert_eq!(title, expected);
        assert_eq!(
            all[0].lengths,
            [super::tokenize(&doc.fields[0]).len(), 0, 3, 0, 0]
        );
    }

    /// 靉楈 and 檗碸 share an FNV-1a hash, so their postings share a sort
    /// key and interleave: the writer must still give each token its node.
    #[test]
    fn tokens_with_one_hash_are_written_as_elasticlunr_writes_them() {
        assert_eq!(super::fnv1a("靉楈"), super::fnv1a("檗碸"));
        let doc = |id: &str, body: &str| super::SearchDoc {
            id: id.into(),
            fields: [
                String::new(),
                String::new(),
                body.into(),
                String::new(),
                String::new(),
            ],
        };
        let docs = [
            doc("0", "靉楈 檗碸 檗碸 Interdisciplinary"),
            doc("1", "檗碸 interdisciplinary INTERDISCIPLINARY"),
            doc("2", "靉楈 靉楈 靉楈 interdisciplinarity"),
            doc("10", "靉楈 檗碸"),
        ];
        let ours = super::build_index_with(&docs, 1_000);
        let theirs = super::build_index_by_elasticlunr(&docs, 1_000);
        assert_eq!(ours.shards, theirs.shards);
        assert!(ours.shards[0]
            .contains(r#""楈":{"docs":{"0":{"tf":1.0},"10":{"tf":1.0},"2":{"tf":1.732}},"df":3"#));
        // Words too long to go inline: one node per word, counts merged.
        assert!(ours.shards[0].contains(r#""y":{"docs":{"0":{"tf":1.0},"1":{"tf":1.414}},"df":2"#));
    }

    /// Random documents of Han runs, words in mixed case (short, 8 to 11
    /// bytes, and longer), numbers with dots and punctuation, many refs
    /// (string order differs from number order past 10): the writer must
    /// match elasticlunr-rs byte for byte at every shard size.
    #[test]
    fn random_documents_are_written_as_elasticlunr_writes_them() {
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let han: Vec<char> = "教师培训乡村骨干班主任学校幼儿园小学初中高中研修网络国培计划"
            .chars()
            .collect();
        let words = [
            "STEM",
            "stem",
            "AI",
            "Ai",
            "ai",
            "2.0",
            "3.14",
            "2026",
            "Interdisciplinary",
            "INTERDISCIPLINARY",
            "classroom",
            "Classrooms",
            "abcdefghijk",
            "ABCDEFGHIJKL",
            "x",
            "Ünïcode",
            "naïve",
        ];
        let punct = ["，", "。", " ", "、", "（", "）", "-", "/", "\n"];
        let mut text = |len: usize| {
            let mut t = String::new();
            for _ in 0..len {
                match next(4) {
                    0 | 1 => (0..1 + next(6)).for_each(|_| t.push(han[next(han.len())])),
                    2 => t.push_str(words[next(words.len())]),
                    _ => t.push_str(punct[next(punct.len())]),
                }
            }
            t
        };
        let docs: Vec<super::SearchDoc> = (0..60)
            .map(|i| super::SearchDoc {
                id: i.to_string(),
                fields: [text(3), text(2), text(40), text(2), text(5)],
            })
            .collect();
        for per_shard in [7, 50, 400, 1_000_000] {
            let ours = super::build_index_with(&docs, per_shard);
            let theirs = super::build_index_by_elasticlunr(&docs, per_shard);
            assert_eq!(ours.manifest, theirs.manifest);
            assert_eq!(ours.shards, theirs.shards, "{per_shard} postings per shard");
        }
    }

    /// A posting keeps counts below 511 itself; larger ones (a character
    /// repeated through a long body, a word in every line of a list) come
    /// from the document's side list, for inline and long tokens alike.
    #[test]
    fn counts_too_large_for_a_posting_are_kept_exactly() {
        let repeat = |token: &str, n: usize| vec![token; n].join(" ");
        let docs: Vec<super::SearchDoc> = (0..3)
            .map(|i| super::SearchDoc {
                id: i.to_string(),
                fields: [
                    repeat("x", 509 + i),
                    repeat("教师", 511 + i * 300),
                    format!(
                        "{}{}",
                        "的".repeat(600 + i),
                        repeat("interdisciplinary", 700)
                    ),
                    repeat("重庆", 2 + i),
                    repeat("abc", 4000),
                ],
            })
            .collect();
        let order = super::Order::new(&docs);
        assert_eq!(order.max_count(), 511);
        let sharded = super::build_index_with(&docs, 1_000_000);
        assert_eq!(sharded.shards.len(), 1);
        let shard: serde_json::Value = serde_json::from_str(&sharded.shards[0]).unwrap();
        let single: serde_json::Value =
            serde_json::from_str(&super::build_single_index(&docs)).unwrap();
        assert_eq!(shard["index"], single["index"]);
        let tf = &shard["index"]["body"]["root"]["的"]["docs"]["2"]["tf"];
        assert_eq!(tf.as_f64(), Some(super::rounded_tf(602f64.sqrt())));
    }

    #[test]
    fn decimals_are_written_as_display_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 1_234_567, usize::MAX] {
            let mut out = String::from("x");
            super::push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }

    #[test]
    fn shard_of_is_fnv1a() {
        // Reference values of FNV-1a 32 ("" and "a" are the published test vectors).
        assert_eq!(super::shard_of("", usize::MAX), 0x811c9dc5);
        assert_eq!(super::shard_of("a", usize::MAX), 0xe40c292c);
        assert_eq!(super::shard_of("教师", 1), 0);
    }

    /// The table the browser test also runs through search.js: both sides
    /// must give these exact tokens.
    #[test]
    fn shared_tokenizer_cases() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../tests/data/tokenizer_cases.json")).unwrap();
        assert!(cases.len() >= 20);
        for case in cases {
            let text = case["text"].as_str().unwrap();
            let want: Vec<String> = serde_json::from_value(case["tokens"].clone()).unwrap();
            assert_eq!(tokenize(text), want, "tokens of {text:?}");
        }
    }
}
