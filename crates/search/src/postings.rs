//! Postings: each document's distinct tokens per field with their counts,
//! packed into 8 bytes apiece (there are tens of millions in a national
//! catalog), the tokens themselves kept once in a dictionary, and the
//! corpus the shard writer reads them back through.

use super::shards::fnv1a_bytes;
use super::tokenizer::{han_run_tokens, tokens_into, TokenSink};
use super::trie::{push_json_str, push_tf};
use super::{SearchDoc, INDEX_FIELDS};
use crate::hash::{Fnv, Fold};
use std::collections::HashMap;

/// A token of at most 7 bytes as one integer: its bytes (first byte
/// lowest) and its length in the top byte. Longer tokens are kept as text.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(super) enum TokenKey {
    Inline(u64),
    Long(Box<str>),
}

pub(super) const INLINE_MAX: usize = 7;

impl TokenKey {
    pub(super) fn bytes(&self) -> std::borrow::Cow<'_, [u8]> {
        match self {
            TokenKey::Inline(key) => {
                let len = ((key >> 56) as usize).min(INLINE_MAX);
                std::borrow::Cow::Owned(key.to_le_bytes()[..len].to_vec())
            }
            TokenKey::Long(text) => std::borrow::Cow::Borrowed(text.as_bytes()),
        }
    }
    /// Whether the token is one character: its first byte's UTF-8 width
    /// is its length (a long token never is).
    fn is_one_char(key: u64) -> bool {
        let len = (key >> 56) as usize;
        let width = match key as u8 {
            0..=0x7F => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        len == width
    }
}

/// The distinct tokens of a run of documents, each numbered as first met:
/// postings carry the number, not the token.
#[derive(Default)]
pub(super) struct Dictionary {
    inline: HashMap<u64, u32, Fold>,
    long: HashMap<Box<str>, u32, Fnv>,
    /// By number: the token.
    pub(super) tokens: Vec<TokenKey>,
}

impl Dictionary {
    pub(super) fn inline_id(&mut self, key: u64) -> u32 {
        let Dictionary { inline, tokens, .. } = self;
        *inline.entry(key).or_insert_with(|| {
            tokens.push(TokenKey::Inline(key));
            (tokens.len() - 1) as u32
        })
    }
    pub(super) fn long_id(&mut self, text: &str) -> u32 {
        if let Some(&id) = self.long.get(text) {
            return id;
        }
        let id = self.tokens.len() as u32;
        self.tokens.push(TokenKey::Long(text.into()));
        self.long.insert(text.into(), id);
        id
    }
    /// The number of `token`, numbering it if it is new.
    pub(super) fn id_of(&mut self, token: &TokenKey) -> u32 {
        match token {
            TokenKey::Inline(key) => self.inline_id(*key),
            TokenKey::Long(text) => self.long_id(text),
        }
    }
}

/// Every token of the corpus once, numbered in (FNV-1a hash, bytes) order,
/// so that postings sorted by number sit as the writer wants them.
#[derive(Default)]
pub(super) struct Tokens {
    text: String,
    /// Where each token's text starts in `text`, and one past the last.
    starts: Vec<usize>,
    hashes: Vec<u32>,
}

impl Tokens {
    /// The tokens of `dictionary`, and for each of its numbers the token's
    /// number here.
    pub(super) fn sorted(dictionary: Dictionary) -> (Tokens, Vec<u32>) {
        let keys = dictionary.tokens;
        let hashes: Vec<u32> = keys.iter().map(|k| fnv1a_bytes(&k.bytes())).collect();
        let mut by: Vec<u32> = (0..keys.len() as u32).collect();
        by.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            hashes[a]
                .cmp(&hashes[b])
                .then_with(|| keys[a].bytes().cmp(&keys[b].bytes()))
        });
        let mut renumber = vec![0u32; keys.len()];
        let mut tokens = Tokens {
            text: String::new(),
            starts: Vec::with_capacity(keys.len() + 1),
            hashes: Vec::with_capacity(keys.len()),
        };
        for (new, &old) in by.iter().enumerate() {
            renumber[old as usize] = new as u32;
            tokens.starts.push(tokens.text.len());
            tokens
                .text
                .push_str(std::str::from_utf8(&keys[old as usize].bytes()).unwrap_or(""));
            tokens.hashes.push(hashes[old as usize]);
        }
        tokens.starts.push(tokens.text.len());
        (tokens, renumber)
    }
    pub(super) fn text(&self, id: u32) -> &str {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => self.text.get(a..b).unwrap_or(""),
            _ => "",
        }
    }
    /// Every token of ASCII letters only (stem, ai), in order; `None` when
    /// there are more than `limit`.
    pub(super) fn letter_words(&self, limit: usize) -> Option<Vec<String>> {
        let mut words = Vec::new();
        for id in 0..self.hashes.len() as u32 {
            let t = self.text(id);
            if !t.is_empty() && t.bytes().all(|b| b.is_ascii_lowercase()) {
                if words.len() == limit {
                    return None;
                }
                words.push(t.to_string());
            }
        }
        words.sort_unstable();
        Some(words)
    }
    /// How many tokens: every token's number is below it.
    pub(super) fn len(&self) -> usize {
        self.hashes.len()
    }
    pub(super) fn hash(&self, id: u32) -> u32 {
        self.hashes.get(id as usize).copied().unwrap_or(0)
    }
}

/// One posting: a document's token in one field, with its count, in 8
/// bytes, which also sort a shard's postings so that each (field, token)'s
/// sit together in document order: the field's place among the fields in
/// name order (elasticlunr's `Index` keeps them in a `BTreeMap`) in the
/// top 3 bits, then the token's number, then the document's rank in the
/// [`Order`] (its ref's place among the refs in string order for
/// elasticlunr's document maps, its own position for the compact index),
/// which also says which document it is, then the count
/// ([`Order::count_bits`] of it; a larger count is kept in
/// [`DocTerms::large_counts`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) order: u64,
}

/// Bits of `Entry::order` below the token: the rank, then the count.
pub(super) const RANK_AND_COUNT_BITS: u32 = 29;

impl Entry {
    pub(super) const ZERO: Entry = Entry { order: 0 };
    pub(super) fn slot(&self) -> usize {
        (self.order >> 61) as usize
    }
    /// The token's number.
    pub(super) fn id(&self) -> u32 {
        (self.order >> RANK_AND_COUNT_BITS) as u32
    }
    pub(super) fn field_and_id(&self) -> u64 {
        self.order >> RANK_AND_COUNT_BITS
    }
    /// The same posting with its token numbered anew.
    pub(super) fn renumbered(&self, id: u32) -> Entry {
        let keep = !(u64::from(u32::MAX) << RANK_AND_COUNT_BITS);
        Entry {
            order: (self.order & keep) | u64::from(id) << RANK_AND_COUNT_BITS,
        }
    }
}

/// One document's postings (distinct tokens per field, with counts), each
/// field's token count (the documentStore's field length), and the counts
/// too large for a posting.
#[derive(Default)]
pub(super) struct DocTerms {
    /// The postings of one-character tokens first (`singles` of them), then
    /// the others: the shards keep the two apart.
    pub(super) entries: Vec<Entry>,
    pub(super) singles: usize,
    pub(super) lengths: [usize; 5],
    /// Postings whose count reached [`Order::max_count`], with the count.
    pub(super) large_counts: Vec<(Entry, u32)>,
}

/// Where each field and document go in the shards' sort order.
pub(super) struct Order {
    /// The field names sorted, as elasticlunr's `Index` keeps them (a
    /// `BTreeMap` by name).
    pub(super) names: [&'static str; INDEX_FIELDS.len()],
    /// Field number (in `INDEX_FIELDS`) → place in `names`.
    pub(super) slot: [u8; INDEX_FIELDS.len()],
    /// Document → its rank: the place of its ref among the refs sorted as
    /// strings ([`Order::new`]), or its position ([`Order::by_position`]).
    pub(super) rank: Vec<u32>,
    /// Rank → document.
    pub(super) by_rank: Vec<usize>,
    /// Bits of a posting's count kept in `Entry::order`: 9 (counts up to
    /// 510) while there are at most 2^20 documents, fewer beyond.
    pub(super) count_bits: u32,
}

impl Order {
    /// Documents in their refs' string order, as elasticlunr keeps them.
    pub(super) fn new(docs: &[SearchDoc]) -> Order {
        let mut by_ref: Vec<usize> = (0..docs.len()).collect();
        by_ref.sort_unstable_by(|a, b| docs[*a].id.cmp(&docs[*b].id));
        Order::with_ranks(by_ref)
    }
    /// Documents in their own order: the compact index numbers them by
    /// position, so its postings then come out of the partition in the
    /// order it writes them, with nothing to sort or look up by rank.
    pub(super) fn by_position(docs: &[SearchDoc]) -> Order {
        Order::with_ranks((0..docs.len()).collect())
    }
    fn with_ranks(by_rank: Vec<usize>) -> Order {
        let mut names = [""; INDEX_FIELDS.len()];
        names.copy_from_slice(INDEX_FIELDS);
        names.sort_unstable();
        let mut slot = [0u8; INDEX_FIELDS.len()];
        for (f, name) in INDEX_FIELDS.iter().enumerate() {
            slot[f] = names.iter().position(|n| n == name).unwrap_or(0) as u8;
        }
        let mut rank = vec![0u32; by_rank.len()];
        for (r, &d) in by_rank.iter().enumerate() {
            rank[d] = r as u32;
        }
        // Ranks take what the document count needs, at least 20 bits, and
        // the count what is left of 29: room for 2^29 documents, far more
        // than fit in memory.
        let rank_bits = (usize::BITS - by_rank.len().leading_zeros()).max(20);
        Order {
            names,
            slot,
            rank,
            by_rank,
            count_bits: RANK_AND_COUNT_BITS.saturating_sub(rank_bits),
        }
    }
    pub(super) fn max_count(&self) -> u32 {
        (1 << self.count_bits) - 1
    }
    /// A posting, its count capped at `max_count` (the caller keeps the
    /// count when it is not below the cap).
    pub(super) fn entry(&self, field: usize, id: u32, rank: u32, count: u32) -> Entry {
        let slot = self.slot[field.min(INDEX_FIELDS.len() - 1)];
        Entry {
            order: u64::from(slot) << 61
                | u64::from(id) << RANK_AND_COUNT_BITS
                | u64::from(rank) << self.count_bits
                | u64::from(count.min(self.max_count())),
        }
    }
    pub(super) fn rank(&self, e: &Entry) -> usize {
        ((e.order & ((1 << RANK_AND_COUNT_BITS) - 1)) >> self.count_bits) as usize
    }
    pub(super) fn stored_count(&self, e: &Entry) -> u32 {
        (e.order & u64::from(self.max_count())) as u32
    }
}

/// Token counts of one document, by field; the maps are reused from
/// document to document.
#[derive(Default)]
pub(super) struct Counts {
    /// Tokens of at most 7 bytes (Han unigrams and bigrams: nearly all of
    /// them), keyed by field, length and bytes in one `u64` built in
    /// registers: copying a few bytes into an array and reading it back as
    /// a whole stalls the CPU (store forwarding) on every token.
    pub(super) tiny: std::collections::HashMap<u64, u32, Fold>,
    /// Longer tokens of one field.
    pub(super) long: std::collections::HashMap<String, u32, Fnv>,
    /// A document's single-character postings, before they go to the front.
    pub(super) singles: Vec<Entry>,
}

/// Counts one field's tokens into [`Counts`] under keys that carry the field.
pub(super) struct FieldCounter<'a> {
    pub(super) counts: &'a mut Counts,
    pub(super) field: u64,
    pub(super) tokens: usize,
}

impl FieldCounter<'_> {
    /// A token of at most 7 bytes as `Counts::tiny` keys it: field, length,
    /// bytes (first byte lowest).
    pub(super) fn tiny_key(&self, len: usize, bytes: u64) -> u64 {
        self.field << 59 | (len as u64) << 56 | bytes
    }
    pub(super) fn count_tiny(&mut self, key: u64) {
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

pub(super) fn doc_terms(
    d: usize,
    doc: &SearchDoc,
    order: &Order,
    counts: &mut Counts,
    dictionary: &mut Dictionary,
) -> DocTerms {
    let mut terms = DocTerms::default();
    let rank = order.rank.get(d).copied().unwrap_or(0);
    let add = |terms: &mut DocTerms, field: usize, id: u32, count: u32| {
        let entry = order.entry(field, id, rank, count);
        if count >= order.max_count() {
            terms.large_counts.push((entry, count));
        }
        entry
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
            let id = dictionary.long_id(&word);
            let entry = add(&mut terms, f, id, n);
            terms.entries.push(entry);
        }
    }
    terms.entries.reserve(counts.tiny.len());
    let singles = &mut counts.singles;
    for (key, n) in counts.tiny.drain() {
        let token = key & ((1 << 59) - 1);
        let id = dictionary.inline_id(token);
        let entry = add(&mut terms, (key >> 59) as usize, id, n);
        if TokenKey::is_one_char(token) {
            singles.push(entry);
        } else {
            terms.entries.push(entry);
        }
    }
    // Single characters in front (one move of the rest).
    terms.singles = singles.len();
    terms.entries.splice(0..0, singles.drain(..));
    terms
}

/// What a shard's tries are written from: the documents, the tokens, each
/// document's lengths and large counts and, by rank, each ref as
/// `"<ref>":{"tf":`.
pub(super) struct Corpus<'a> {
    pub(super) docs: &'a [SearchDoc<'a>],
    pub(super) terms: &'a [DocTerms],
    pub(super) order: &'a Order,
    pub(super) tokens: &'a Tokens,
    pub(super) ref_keys: Vec<String>,
    /// By rank, `"<ref>":{"tf":1.0}`: a count of one is most postings.
    pub(super) ref_ones: Vec<String>,
    /// By rank, the document and its field lengths: the shard writers look
    /// both up for every posting, and this column is a fifth of the size of
    /// the documents' terms they would otherwise be read from.
    pub(super) by_rank: Vec<(u32, [u32; INDEX_FIELDS.len()])>,
}

impl<'a> Corpus<'a> {
    pub(super) fn new(
        docs: &'a [SearchDoc],
        terms: &'a [DocTerms],
        order: &'a Order,
        tokens: &'a Tokens,
    ) -> Corpus<'a> {
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
        let by_rank = order
            .by_rank
            .iter()
            .map(|&d| {
                let lengths = terms.get(d).map_or([0; INDEX_FIELDS.len()], |t| {
                    t.lengths.map(|n| u32::try_from(n).unwrap_or(u32::MAX))
                });
                (d as u32, lengths)
            })
            .collect();
        Corpus {
            docs,
            terms,
            order,
            tokens,
            ref_keys,
            ref_ones,
            by_rank,
        }
    }
    /// The document of a posting and its field's length.
    pub(super) fn doc_and_length(&self, e: &Entry, field: usize) -> Option<(u32, u32)> {
        let (doc, lengths) = self.by_rank.get(self.rank(e))?;
        Some((*doc, *lengths.get(field)?))
    }
    pub(super) fn rank(&self, e: &Entry) -> usize {
        self.order.rank(e)
    }
    pub(super) fn terms_of(&self, e: &Entry) -> Option<&DocTerms> {
        let doc = *self.order.by_rank.get(self.rank(e))?;
        self.terms.get(doc)
    }
    pub(super) fn token(&self, e: &Entry) -> &'a str {
        self.tokens.text(e.id())
    }
    pub(super) fn count(&self, e: &Entry) -> u32 {
        let stored = self.order.stored_count(e);
        if stored < self.order.max_count() {
            return stored;
        }
        self.terms_of(e)
            .and_then(|t| t.large_counts.iter().find(|(x, _)| x.order == e.order))
            .map_or(stored, |(_, n)| *n)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_word_lowercased_and_as_written_is_one_posting() {
        let doc = crate::SearchDoc {
            id: "0".into(),
            fields: [
                "STEM stem Stem 工程2.0 教师 Interdisciplinary INTERDISCIPLINARY".into(),
                String::new(),
                "教师".into(),
                String::new(),
                String::new(),
            ]
            .map(Into::into),
        };
        let order = super::Order::new(std::slice::from_ref(&doc));
        let mut dictionary = super::Dictionary::default();
        let mut terms = super::doc_terms(0, &doc, &order, &mut Default::default(), &mut dictionary);
        let (tokens, renumber) = super::Tokens::sorted(dictionary);
        for e in &mut terms.entries {
            *e = e.renumbered(renumber[e.id() as usize]);
        }
        let all = [terms];
        let corpus = super::Corpus::new(std::slice::from_ref(&doc), &all, &order, &tokens);
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
            [crate::tokenize(&doc.fields[0]).len(), 0, 3, 0, 0]
        );
    }

    /// A posting keeps counts below 511 itself; larger ones (a character
    /// repeated through a long body, a word in every line of a list) come
    /// from the document's side list, for inline and long tokens alike.
    #[test]
    fn counts_too_large_for_a_posting_are_kept_exactly() {
        let repeat = |token: &str, n: usize| vec![token; n].join(" ");
        let docs: Vec<crate::SearchDoc> = (0..3)
            .map(|i| crate::SearchDoc {
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
                ]
                .map(Into::into),
            })
            .collect();
        let order = super::Order::new(&docs);
        assert_eq!(order.max_count(), 511);
        // One shard of single characters, one of the other tokens.
        let sharded = crate::build_index_with(&docs, 1_000_000);
        assert_eq!(sharded.shards.len(), 2);
        let shard =
            |k: usize| -> serde_json::Value { serde_json::from_str(&sharded.shards[k]).unwrap() };
        let (singles, others) = (shard(0), shard(1));
        let single: serde_json::Value =
            serde_json::from_str(&crate::build_single_index(&docs)).unwrap();
        for (field, path) in [
            ("body", &["的"][..]),
            (
                "body",
                &[
                    "i", "n", "t", "e", "r", "d", "i", "s", "c", "i", "p", "l", "i", "n", "a", "r",
                    "y",
                ][..],
            ),
            ("eligibility", &["教", "师"][..]),
            ("title", &["x"][..]),
            ("place", &["重", "庆"][..]),
            ("tags", &["a", "b", "c"][..]),
        ] {
            let holder = if path.len() == 1 { &singles } else { &others };
            let node = |index: &serde_json::Value| {
                path.iter()
                    .fold(index["index"][field]["root"].clone(), |n, c| n[*c].clone())
            };
            assert_eq!(
                node(holder)["docs"],
                node(&single)["docs"],
                "{field} {path:?}"
            );
            assert!(
                !node(holder)["docs"].as_object().unwrap().is_empty(),
                "{field} {path:?}"
            );
        }
        let tf = &singles["index"]["body"]["root"]["的"]["docs"]["2"]["tf"];
        assert_eq!(tf.as_f64(), Some(crate::trie::rounded_tf(602f64.sqrt())));
    }
}
