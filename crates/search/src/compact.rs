//! The index in bytes, as the browser reads it: each shard a list of
//! (field, token) postings, delta-coded, each posting carrying its field's
//! length (the norm), so a query needs nothing per document beyond the
//! shards of its tokens. About 3 bytes a posting where elasticlunr's JSON
//! tries take 16; the scores are elasticlunr's, to the digit (tests).
//!
//! A token in more than [`IMPACTS_FROM`] documents of a field (主任 in
//! 45,000 of a national catalog's texts) is written as its set of
//! documents and one byte per document, its *impact*: elasticlunr's term
//! frequency over the square root of the field's length, on a log scale of
//! 24 steps an octave (within 1.5 % of the exact value; Lucene keeps its
//! norms in one byte the same way). Exact counts and lengths would be 12
//! bits a posting at least, more than a phone's first search can fetch.
//!
//! A shard, all integers LEB128 varints:
//!
//! ```text
//! "PXS2"  groups
//!   groups × ( field-byte  token-length token-bytes  df  postings )
//!   field-byte: the field's place in INDEX_FIELDS, | 0x80 for impacts
//!   postings, exact:   df × ( (doc-delta << 1 | counted)  [count if counted]  field-length )
//!   postings, impacts: set-length docset  df × impact-byte
//! ```
//!
//! Documents are their positions (the ref as a number), ascending, the
//! first delta from 0; `counted` is set when the token is in the field
//! more than once; `docset` is a [`docset`]. Groups come by field, then
//! token. A shard larger than [`SPLIT_ABOVE`] bytes is split by token into
//! files of about that size ([`sub_of`]); the manifest lists the split
//! ones. data.js reads the same.

use super::postings::{Corpus, Entry, Order};
use super::shards::{partition, partition_in_runs, sort_by_field_and_token, Partition};
use super::{SearchDoc, INDEX_FIELDS};

/// The index as files: one shard per token set, and how to find a token's.
pub struct CompactIndex {
    /// Shard `k`'s files: one (`search_index/<k>.bin`), or several when it
    /// was split (`search_index/<k>-<j>.bin`).
    pub shards: Vec<Vec<Vec<u8>>>,
    /// Shards holding one-character tokens: the first `singles` of them
    /// ([`crate::index_shard_of`]).
    pub singles: usize,
    pub docs: usize,
    /// Every token of letters only (stem, ai), when there are at most
    /// [`LETTER_WORDS_MAX`]: a query of letters not among them (most often
    /// pinyin: banzhuren) is known to find nothing as written without
    /// fetching the shard its token would be in.
    pub letter_words: Option<Vec<String>>,
}

/// Letter-only tokens the manifest lists at most; a site with more (a
/// catalog in English) leaves the list out and queries fetch as before.
pub const LETTER_WORDS_MAX: usize = 2_000;

pub const SHARD_MAGIC: &[u8; 4] = b"PXS2";

/// How far an impact's weight may be from the exact one, relatively: half
/// a step of 2^(1/24).
pub const IMPACT_ERROR: f64 = 0.0146;

/// Documents of a field above which a token's postings are impacts.
pub const IMPACTS_FROM: usize = 2_048;

/// Bytes above which a shard is split by token into several files.
pub const SPLIT_ABOVE: usize = 24 * 1024;

/// Files a shard is split into at most.
const SPLIT_MAX: usize = 64;

/// Which of a split shard's `files` holds `token`, in a shard of a group
/// of `group` shards (the singles or the rest, [`crate::index_shard_of`]):
/// the hash's quotient by the group, so it is independent of the shard.
pub fn sub_of(token: &str, group: usize, files: usize) -> usize {
    (super::shards::fnv1a(token) as usize / group.max(1)) % files.max(1)
}

/// The impact byte of a posting: its term frequency (elasticlunr's, the
/// square root of the count) over the square root of the field's length.
/// Nearly every posting of a frequent token has a small count in a field
/// of under 8,192 tokens, so those are looked up in a table made once.
fn impact_of_posting(count: u32, length: u32) -> u8 {
    const COUNTS: u32 = 4;
    const LENGTHS: u32 = 8192;
    fn computed(count: u32, length: u32) -> u8 {
        let tf = crate::trie::rounded_tf(f64::from(count).sqrt());
        impact_of(tf / f64::from(length.max(1)).sqrt())
    }
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    if !(1..=COUNTS).contains(&count) || length >= LENGTHS {
        return computed(count, length);
    }
    let table = TABLE.get_or_init(|| {
        (1..=COUNTS)
            .flat_map(|c| (0..LENGTHS).map(move |l| computed(c, l)))
            .collect()
    });
    let at = ((count - 1) * LENGTHS + length) as usize;
    table
        .get(at)
        .copied()
        .unwrap_or_else(|| computed(count, length))
}

/// The impact byte of a term frequency over a field's square-rooted length.
pub fn impact_of(weight: f64) -> u8 {
    ((weight.log2() + 7.5) * 24.0).round().clamp(1.0, 255.0) as u8
}

/// The weight an impact byte stands for.
pub fn weight_of(impact: u8) -> f64 {
    (f64::from(impact) / 24.0 - 7.5).exp2()
}

pub fn push_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A varint at `*at`, moving past it; `None` past the end or when too long.
pub fn read_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// The compact index of `docs`, about `postings_per_shard` postings a shard.
pub fn build_compact_index(docs: &[SearchDoc], postings_per_shard: usize) -> CompactIndex {
    let mut partition = partition(docs, Order::by_position(docs), postings_per_shard);
    CompactIndex {
        shards: write_shards(docs, &mut partition),
        singles: partition.singles,
        docs: docs.len(),
        letter_words: partition.tokens.letter_words(LETTER_WORDS_MAX),
    }
}

/// [`build_compact_index`], the same bytes, holding at most about
/// `max_postings` postings at a time (8 bytes each) where it holds them
/// all: the shards are made a run at a time, at the cost of tokenizing
/// every document once more for each run. For the dev server, whose pages
/// stay in memory while it rebuilds the index.
pub fn build_compact_index_within(
    docs: &[SearchDoc],
    postings_per_shard: usize,
    max_postings: usize,
) -> CompactIndex {
    // A document has at most one posting a byte of its text.
    let most: usize = docs
        .iter()
        .map(|d| d.fields.iter().map(|f| f.len()).sum::<usize>())
        .sum();
    if most <= max_postings {
        return build_compact_index(docs, postings_per_shard);
    }
    let mut shards = Vec::new();
    let order = Order::by_position(docs);
    let last = partition_in_runs(
        docs,
        order,
        postings_per_shard,
        max_postings,
        &mut |partition| {
            shards.extend(write_shards(docs, partition));
        },
    );
    CompactIndex {
        shards,
        singles: last.singles,
        docs: docs.len(),
        letter_words: last.tokens.letter_words(LETTER_WORDS_MAX),
    }
}

/// The files of the shards whose postings `partition` holds (taking them).
fn write_shards(docs: &[SearchDoc], partition: &mut Partition) -> Vec<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    let buckets = std::mem::take(&mut partition.buckets);
    let Partition {
        order,
        terms,
        tokens,
        first,
        count,
        singles,
        ..
    } = &*partition;
    let corpus = Corpus::new(docs, terms, order, tokens);
    crate::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .enumerate()
            .map_init(Vec::new, |scratch, (k, mut entries)| {
                sort_by_field_and_token(&mut entries, scratch, tokens.len());
                let group = if first + k < *singles {
                    *singles
                } else {
                    count - singles
                };
                write_shard(&corpus, &mut entries, group)
            })
            .collect()
    })
}

/// (document, count in the field, the field's length).
type Posting = (u32, u32, u32);

/// One shard's files from its postings, sorted by field and token (tokens
/// numbered in hash order): one, or several of about [`SPLIT_ABOVE`]
/// bytes split by token. `group` is the number of shards of its kind
/// (singles or the rest). Every group is encoded into one buffer, its
/// postings gathered in one reused list: a shard has thousands of groups,
/// most of one or two postings, and an allocation each cost more than
/// their bytes.
fn write_shard(corpus: &Corpus, entries: &mut [Entry], group: usize) -> Vec<Vec<u8>> {
    let mut groups: Vec<(usize, &str, &[Entry])> = super::trie::token_groups(corpus, entries)
        .into_iter()
        .map(|(slot, token, run)| {
            // The field's place among INDEX_FIELDS, from its sorted slot.
            let name = corpus.order.names[slot];
            let field = INDEX_FIELDS.iter().position(|f| *f == name).unwrap_or(0);
            (field, token, run)
        })
        .collect();
    groups.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let documents = corpus.terms.len() as u32;
    let mut body = Vec::with_capacity(entries.len() * 3 + groups.len() * 8);
    let mut spans: Vec<(&str, std::ops::Range<usize>)> = Vec::with_capacity(groups.len());
    let mut postings: Vec<Posting> = Vec::new();
    for (field, token, run) in groups {
        postings.clear();
        postings.extend(run.iter().filter_map(|e| {
            let (doc, length) = corpus.doc_and_length(e, field)?;
            Some((doc, corpus.count(e), length))
        }));
        // Ascending already, the documents being ordered by position.
        if !postings.is_sorted_by_key(|p| p.0) {
            postings.sort_unstable_by_key(|p| p.0);
        }
        let start = body.len();
        encode_group(&mut body, field, token, &postings, documents);
        spans.push((token, start..body.len()));
    }
    let files = if body.len() > SPLIT_ABOVE {
        body.len().div_ceil(SPLIT_ABOVE).min(SPLIT_MAX)
    } else {
        1
    };
    let mut of_file = vec![(0u64, 0usize); files];
    let chosen: Vec<usize> = spans
        .iter()
        .map(|(token, range)| {
            let file = sub_of(token, group, files);
            of_file[file].0 += 1;
            of_file[file].1 += range.len();
            file
        })
        .collect();
    let mut out: Vec<Vec<u8>> = of_file
        .iter()
        .map(|&(groups, size)| {
            let mut file = Vec::with_capacity(SHARD_MAGIC.len() + 10 + size);
            file.extend_from_slice(SHARD_MAGIC);
            push_varint(&mut file, groups);
            file
        })
        .collect();
    for ((_, range), file) in spans.into_iter().zip(chosen) {
        out[file].extend_from_slice(&body[range]);
    }
    out
}

/// Appends one (field, token)'s bytes to `out`: exact postings, or impacts
/// for a token in more than [`IMPACTS_FROM`] documents of the field.
fn encode_group(
    out: &mut Vec<u8>,
    field: usize,
    token: &str,
    postings: &[Posting],
    documents: u32,
) {
    let impacts = postings.len() > IMPACTS_FROM;
    out.push(field as u8 | if impacts { 0x80 } else { 0 });
    push_varint(out, token.len() as u64);
    out.extend_from_slice(token.as_bytes());
    push_varint(out, postings.len() as u64);
    if impacts {
        let ids: Vec<u32> = postings.iter().map(|p| p.0).collect();
        let set = docset::encode(&ids, documents);
        push_varint(out, set.len() as u64);
        out.extend(set);
        out.extend(
            postings
                .iter()
                .map(|&(_, count, length)| impact_of_posting(count, length)),
        );
        return;
    }
    let mut previous = 0u32;
    for &(doc, count, length) in postings {
        let delta = u64::from(doc - previous);
        previous = doc;
        push_varint(out, delta << 1 | u64::from(count > 1));
        if count > 1 {
            push_varint(out, u64::from(count));
        }
        push_varint(out, u64::from(length));
    }
}

/// One (field, token)'s postings, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Postings {
    pub field: usize,
    pub token: String,
    /// The documents, ascending.
    pub docs: Vec<u32>,
    pub weights: Weights,
}

/// What the postings say of each document's term frequency and norm.
#[derive(Debug, Clone, PartialEq)]
pub enum Weights {
    /// (count in the field, the field's length in tokens) per document.
    Exact(Vec<(u32, u32)>),
    /// An impact byte per document ([`weight_of`]).
    Impacts(Vec<u8>),
}

/// A shard's postings; `None` when the bytes are not a shard.
pub fn read_shard(bytes: &[u8]) -> Option<Vec<Postings>> {
    let mut at = SHARD_MAGIC.len();
    if !bytes.starts_with(SHARD_MAGIC) {
        return None;
    }
    let groups = read_varint(bytes, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..groups {
        let head = *bytes.get(at)?;
        at += 1;
        let field = usize::from(head & 0x7F);
        let len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
        let token = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?)
            .ok()?
            .to_string();
        at += len;
        let df = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
        if head & 0x80 != 0 {
            let set_len = usize::try_from(read_varint(bytes, &mut at)?).ok()?;
            let docs = docset::decode(bytes.get(at..at.checked_add(set_len)?)?)?;
            at += set_len;
            let impacts = bytes.get(at..at.checked_add(df)?)?.to_vec();
            at += df;
            if docs.len() != df {
                return None;
            }
            out.push(Postings {
                field,
                token,
                docs,
                weights: Weights::Impacts(impacts),
            });
            continue;
        }
        let mut docs = Vec::new();
        let mut weights = Vec::new();
        let mut doc = 0u64;
        for _ in 0..df {
            let head = read_varint(bytes, &mut at)?;
            doc = doc.checked_add(head >> 1)?;
            let count = if head & 1 == 1 {
                read_varint(bytes, &mut at)?
            } else {
                1
            };
            let length = read_varint(bytes, &mut at)?;
            docs.push(u32::try_from(doc).ok()?);
            weights.push((u32::try_from(count).ok()?, u32::try_from(length).ok()?));
        }
        out.push(Postings {
            field,
            token,
            docs,
            weights: Weights::Exact(weights),
        });
    }
    (at == bytes.len()).then_some(out)
}

/// Where the compact index of `docs` and elasticlunr's differ: each
/// (field, token) with its documents, term frequency (elasticlunr's rounded
/// square root of the count), document frequency and field length, which
/// are all its scores are made of. Empty when they agree. The reference is
/// the elasticlunr-format index of [`crate::build_index_with`], held byte
/// for byte to what elasticlunr-rs writes; both are split into the same
/// shards (one partition), so they are compared a shard at a time and a
/// national catalog's index never has to be one JSON value in memory.
pub fn differences_from_elasticlunr(docs: &[SearchDoc], per_shard: usize) -> Vec<String> {
    use rayon::prelude::*;
    let ours = build_compact_index(docs, per_shard);
    let theirs = crate::build_index_with(docs, per_shard);
    if ours.shards.len() != theirs.shards.len() {
        return vec![format!(
            "{} compact shards, {} elasticlunr shards",
            ours.shards.len(),
            theirs.shards.len()
        )];
    }
    let manifest: serde_json::Value = serde_json::from_str(&theirs.manifest).unwrap_or_default();
    let lengths = &manifest["lengths"];
    ours.shards
        .par_iter()
        .zip(theirs.shards.par_iter())
        .flat_map_iter(|(files, json)| shard_differences(files, json, lengths))
        .collect()
}

/// [`differences_from_elasticlunr`] in one shard: the compact shard's
/// `files` against elasticlunr's `json` of the same tokens.
fn shard_differences(files: &[Vec<u8>], json: &str, lengths: &serde_json::Value) -> Vec<String> {
    use std::collections::BTreeMap;
    let mut mine: BTreeMap<(usize, String), Postings> = BTreeMap::new();
    for file in files {
        match read_shard(file) {
            Some(groups) => {
                for g in groups {
                    mine.insert((g.field, g.token.clone()), g);
                }
            }
            None => return vec!["a shard does not read back".into()],
        }
    }
    let theirs: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let length_of =
        |doc: u32, field: &str| -> u64 { lengths[field][doc as usize].as_u64().unwrap_or(0) };
    // (document, rounded tf, field length) per (field, token).
    type Reference = Vec<(u32, f64, u64)>;
    let mut elastic: BTreeMap<(usize, String), Reference> = BTreeMap::new();
    for (f, field) in INDEX_FIELDS.iter().enumerate() {
        // Depth-first through the trie: each node with documents is a token.
        let mut stack: Vec<(String, &serde_json::Value)> =
            vec![(String::new(), &theirs["index"][field]["root"])];
        while let Some((token, node)) = stack.pop() {
            let Some(map) = node.as_object() else {
                continue;
            };
            if let Some(docs) = map
                .get("docs")
                .and_then(|d| d.as_object())
                .filter(|d| !d.is_empty())
            {
                let mut list: Vec<(u32, f64, u64)> = docs
                    .iter()
                    .filter_map(|(r, v)| {
                        let doc: u32 = r.parse().ok()?;
                        Some((doc, v["tf"].as_f64()?, length_of(doc, field)))
                    })
                    .collect();
                list.sort_by_key(|d| d.0);
                if map.get("df").and_then(|d| d.as_u64()) != Some(list.len() as u64) {
                    return vec![format!(
                        "elasticlunr's df of {token} in {field} is not its document count"
                    )];
                }
                elastic.insert((f, token.clone()), list);
            }
            for (k, child) in map {
                if k != "docs" && k != "df" {
                    stack.push((format!("{token}{k}"), child));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (key, theirs) in &elastic {
        let Some(mine) = mine.get(key) else {
            out.push(format!(
                "{} in {}: only elasticlunr has it",
                key.1, INDEX_FIELDS[key.0]
            ));
            continue;
        };
        match &mine.weights {
            Weights::Exact(weights) => {
                let as_theirs: Vec<(u32, f64, u64)> = mine
                    .docs
                    .iter()
                    .zip(weights)
                    .map(|(&d, &(count, len))| {
                        (
                            d,
                            crate::trie::rounded_tf(f64::from(count).sqrt()),
                            u64::from(len),
                        )
                    })
                    .collect();
                if &as_theirs != theirs {
                    out.push(format!(
                        "{} in {}: {as_theirs:?} where elasticlunr has {theirs:?}",
                        key.1, INDEX_FIELDS[key.0]
                    ));
                }
            }
            Weights::Impacts(impacts) => {
                // The same documents, each weight within half a step.
                let docs: Vec<u32> = theirs.iter().map(|t| t.0).collect();
                let off = theirs.iter().zip(impacts).find(|((_, tf, len), &impact)| {
                    let exact = tf / ((*len).max(1) as f64).sqrt();
                    (weight_of(impact) / exact - 1.0).abs() > IMPACT_ERROR
                });
                if docs != mine.docs || theirs.len() <= IMPACTS_FROM || off.is_some() {
                    out.push(format!(
                        "{} in {}: impacts differ from elasticlunr's at {off:?}",
                        key.1, INDEX_FIELDS[key.0]
                    ));
                }
            }
        }
    }
    for key in mine.keys().filter(|k| !elastic.contains_key(*k)) {
        out.push(format!(
            "{} in {}: only the compact index has it",
            key.1, INDEX_FIELDS[key.0]
        ));
    }
    out
}

/// Sets of documents (a facet value's projects), each in the smallest of
/// three forms, a kind byte first:
///
/// - 0: the documents, delta-coded (`count`, then deltas from 0);
/// - 1: runs (`count`, then each run's start as a delta from the last
///   run's end, and its length): catalogs are contiguous, so a region's or
///   a year's projects are a few runs;
/// - 2: a bitset over the `documents`, one bit a document, low bit first.
pub mod docset {
    use super::{push_varint, read_varint};

    pub fn encode(docs: &[u32], documents: u32) -> Vec<u8> {
        // Each form's size first, so that only the smallest is written: a
        // frequent token's set holds tens of thousands.
        let list_len = 1
            + varint_len(docs.len() as u64)
            + gaps(docs)
                .map(|gap| varint_len(u64::from(gap)))
                .sum::<usize>();
        let (run_count, run_bytes) = runs(docs).fold((0u64, 0usize), |(n, bytes), (gap, len)| {
            (
                n + 1,
                bytes + varint_len(u64::from(gap)) + varint_len(u64::from(len)),
            )
        });
        let runs_len = 1 + varint_len(run_count) + run_bytes;
        let bits_len = 1 + documents.div_ceil(8) as usize;
        // On a tie the list, then the runs, as the forms are numbered.
        if list_len <= runs_len && list_len <= bits_len {
            let mut list = Vec::with_capacity(list_len);
            list.push(0u8);
            push_varint(&mut list, docs.len() as u64);
            gaps(docs).for_each(|gap| push_varint(&mut list, u64::from(gap)));
            list
        } else if runs_len <= bits_len {
            let mut bytes = Vec::with_capacity(runs_len);
            bytes.push(1u8);
            push_varint(&mut bytes, run_count);
            for (gap, len) in runs(docs) {
                push_varint(&mut bytes, u64::from(gap));
                push_varint(&mut bytes, u64::from(len));
            }
            bytes
        } else {
            let mut bits = vec![0u8; bits_len];
            bits[0] = 2;
            for &d in docs {
                if let Some(byte) = bits.get_mut(1 + (d / 8) as usize) {
                    *byte |= 1 << (d % 8);
                }
            }
            bits
        }
    }

    /// Each document's distance from the one before (the first's from 0).
    fn gaps(docs: &[u32]) -> impl Iterator<Item = u32> + '_ {
        let mut previous = 0;
        docs.iter().map(move |&d| {
            let gap = d - previous;
            previous = d;
            gap
        })
    }

    /// The runs of consecutive documents: each its distance from the end of
    /// the run before (from 0 for the first) and its length.
    fn runs(docs: &[u32]) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (mut rest, mut end) = (docs, 0u32);
        std::iter::from_fn(move || {
            let (&start, _) = rest.split_first()?;
            let len = rest
                .iter()
                .zip(start..)
                .take_while(|(&d, expected)| d == *expected)
                .count();
            rest = &rest[len..];
            let gap = start - end;
            end = start + len as u32;
            Some((gap, len as u32))
        })
    }

    /// Bytes of `v` as a LEB128 varint.
    fn varint_len(v: u64) -> usize {
        (64 - (v | 1).leading_zeros()).div_ceil(7) as usize
    }

    /// The documents of a set; `None` when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Vec<u32>> {
        let mut at = 1;
        match *bytes.first()? {
            0 => {
                let n = read_varint(bytes, &mut at)?;
                let mut out = Vec::new();
                let mut doc = 0u64;
                for _ in 0..n {
                    doc = doc.checked_add(read_varint(bytes, &mut at)?)?;
                    out.push(u32::try_from(doc).ok()?);
                }
                Some(out)
            }
            1 => {
                let n = read_varint(bytes, &mut at)?;
                let mut out = Vec::new();
                let mut end = 0u64;
                for _ in 0..n {
                    let start = end.checked_add(read_varint(bytes, &mut at)?)?;
                    let len = read_varint(bytes, &mut at)?;
                    end = start.checked_add(len)?;
                    if end > u64::from(u32::MAX) || len > 1 << 28 {
                        return None;
                    }
                    out.extend(start as u32..end as u32);
                }
                Some(out)
            }
            2 => Some(
                bytes[1..]
                    .iter()
                    .enumerate()
                    .flat_map(|(i, b)| {
                        (0..8)
                            .filter(move |bit| b & (1 << bit) != 0)
                            .map(move |bit| (i * 8 + bit) as u32)
                    })
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// A file of sets, one per value of something (a facet's values, in
/// their order): `"PXF1" count count × (bytes-length docset)`.
pub mod sets {
    use super::{docset, push_varint, read_varint};

    pub const MAGIC: &[u8; 4] = b"PXF1";

    /// The file of `sets` (each ascending) over `documents` documents.
    pub fn encode(sets: &[Vec<u32>], documents: u32) -> Vec<u8> {
        let mut file = MAGIC.to_vec();
        push_varint(&mut file, sets.len() as u64);
        for set in sets {
            let bytes = docset::encode(set, documents);
            push_varint(&mut file, bytes.len() as u64);
            file.extend(bytes);
        }
        file
    }

    /// The sets of a file; `None` when the bytes are not one.
    pub fn decode(bytes: &[u8]) -> Option<Vec<Vec<u32>>> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let mut at = 0;
        let n = read_varint(rest, &mut at)?;
        let mut out = Vec::new();
        for _ in 0..n {
            let len = usize::try_from(read_varint(rest, &mut at)?).ok()?;
            let set = rest.get(at..at.checked_add(len)?)?;
            at += len;
            out.push(docset::decode(set)?);
        }
        (at == rest.len()).then_some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: usize, title: &str, body: &str) -> SearchDoc<'static> {
        SearchDoc {
            id: id.to_string(),
            fields: [
                title.into(),
                String::new(),
                body.into(),
                String::new(),
                String::new(),
            ]
            .map(Into::into),
        }
    }

    /// Made a run of shards at a time, the index is the same to the byte,
    /// however few postings a run may hold (one shard a run at the least).
    #[test]
    fn an_index_made_in_runs_is_the_index_made_at_once() {
        let words = [
            "班主任",
            "教师",
            "培训",
            "STEM",
            "interdisciplinary",
            "2.0",
            "的",
            "重庆市",
            "乡村",
            "ai",
            "信息技术应用能力提升",
        ];
        let mut seed = 7u64;
        let mut next = |below: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize % below.max(1)
        };
        // The last round large enough for shards split into files.
        for round in 0..13 {
            let n = if round == 12 { 3_000 } else { 1 + next(60) };
            let docs: Vec<SearchDoc> = (0..n)
                .map(|i| {
                    let text = |next: &mut dyn FnMut(usize) -> usize, n: usize| -> String {
                        (0..next(n))
                            .map(|_| words[next(words.len())])
                            .collect::<Vec<_>>()
                            .join(if next(2) == 0 { " " } else { "" })
                    };
                    let mut d = doc(i, &text(&mut next, 6), &text(&mut next, 40));
                    if round == 12 {
                        // Words as well as characters: more shards of
                        // tokens than of characters.
                        let words: String = (0..10).map(|j| format!(" w{}x{j}", i % 13)).collect();
                        d.fields[2] = format!("{} 第{i}号{words}", d.fields[2]).into();
                    }
                    if round == 0 && i == 0 {
                        // A count too large for a posting.
                        d.fields[2] = "的".repeat(600).into();
                    }
                    d
                })
                .collect();
            let per_shard = if round == 12 { 15_000 } else { 1 + next(80) };
            let whole = build_compact_index(&docs, per_shard);
            if round == 12 {
                assert!(whole.shards.iter().any(|files| files.len() > 1));
                assert!(whole.singles > 1 && whole.shards.len() > 2 * whole.singles);
            }
            let limits: &[usize] = if round == 12 {
                &[1, 40_000]
            } else {
                &[1, 7, 50, 300, 100_000]
            };
            for &max_postings in limits {
                let runs = build_compact_index_within(&docs, per_shard, max_postings);
                assert_eq!(runs.shards, whole.shards, "round {round}, {max_postings}");
                assert_eq!(
                    (runs.singles, runs.docs, &runs.letter_words),
                    (whole.singles, whole.docs, &whole.letter_words),
                    "round {round}, {max_postings}"
                );
            }
        }
    }

    #[test]
    fn the_tokens_of_letters_are_listed_while_they_are_few() {
        let docs = vec![
            doc(0, "STEM课程", "AI 教育 2.0 ai"),
            doc(1, "班主任", "Python编程"),
        ];
        let index = build_compact_index(&docs, 50);
        assert_eq!(
            index.letter_words,
            Some(vec!["ai".to_string(), "python".into(), "stem".into()])
        );
        // More than LETTER_WORDS_MAX: no list, and every query fetches.
        let body: String = (0..=LETTER_WORDS_MAX)
            .map(|i| format!("w{} ", char_word(i)))
            .collect();
        let index = build_compact_index(&[doc(0, "教师", &body)], 50);
        assert_eq!(index.letter_words, None);
    }

    /// A word of letters for number `i`: a, b, …, z, ba, bb, …
    fn char_word(mut i: usize) -> String {
        let mut out = Vec::new();
        loop {
            out.push(b'a' + (i % 26) as u8);
            i /= 26;
            if i == 0 {
                break;
            }
        }
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn a_shard_reads_back_as_written() {
        let docs: Vec<SearchDoc> = (0..30)
            .map(|i| {
                doc(
                    i,
                    if i % 3 == 0 {
                        "班主任培训"
                    } else {
                        "校长培训"
                    },
                    &"教师 班主任 ".repeat(i % 4 + 1),
                )
            })
            .collect();
        let index = build_compact_index(&docs, 50);
        let all: Vec<Postings> = index
            .shards
            .iter()
            .flatten()
            .flat_map(|s| read_shard(s).expect("a shard"))
            .collect();
        let find = |field: usize, token: &str| {
            all.iter()
                .find(|p| p.field == field && p.token == token)
                .cloned()
        };
        let title = find(0, "班主").expect("班主 in titles");
        assert_eq!(title.docs, [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
        // 班主任培训: 5 characters and 4 pairs, 9 tokens in the title.
        assert_eq!(title.weights, Weights::Exact(vec![(1, 9); 10]));
        let body = find(2, "班主").expect("班主 in bodies");
        // 教师 班主任: 3 tokens and 5, four times.
        let Weights::Exact(weights) = body.weights else {
            panic!("exact")
        };
        assert_eq!((body.docs[3], weights[3]), (3, (4, 4 * 8)));
    }

    #[test]
    fn a_token_in_many_documents_has_impacts_and_a_large_shard_is_split() {
        let n = IMPACTS_FROM + 500;
        let docs: Vec<SearchDoc> = (0..n)
            .map(|i| {
                doc(
                    i,
                    "班主任",
                    &format!("{} 第{i}号", "教师 ".repeat(i % 7 + 1)),
                )
            })
            .collect();
        for per_shard in [50, 1_000_000] {
            assert_eq!(
                differences_from_elasticlunr(&docs, per_shard),
                Vec::<String>::new(),
                "{per_shard}"
            );
        }
        let index = build_compact_index(&docs, 1_000_000);
        assert!(
            index.shards.iter().any(|files| files.len() > 1),
            "a shard of more than {SPLIT_ABOVE} bytes is split"
        );
        assert!(
            index
                .shards
                .iter()
                .flatten()
                .all(|f| f.len() <= SPLIT_ABOVE * 4),
            "no file far above the split size"
        );
        // Every token is in the file sub_of names.
        let count = index.shards.len();
        for (k, files) in index.shards.iter().enumerate() {
            let group = if k < index.singles {
                index.singles
            } else {
                count - index.singles
            };
            for (j, file) in files.iter().enumerate() {
                for p in read_shard(file).expect("a shard") {
                    assert_eq!(
                        crate::index_shard_of(&p.token, index.singles, count),
                        k,
                        "{}",
                        p.token
                    );
                    if files.len() > 1 {
                        assert_eq!(sub_of(&p.token, group, files.len()), j, "{}", p.token);
                    }
                }
            }
        }
    }

    #[test]
    fn a_posting_s_impact_from_the_table_is_the_one_computed() {
        for count in 0..8u32 {
            for len in (0..9000u32).chain([20_000, u32::MAX]) {
                let exact =
                    crate::trie::rounded_tf(f64::from(count).sqrt()) / f64::from(len.max(1)).sqrt();
                assert_eq!(
                    super::impact_of_posting(count, len),
                    impact_of(exact),
                    "count {count}, length {len}"
                );
            }
        }
    }

    #[test]
    fn impacts_stay_within_half_a_step() {
        for count in 1..50u32 {
            for len in [1u32, 2, 9, 100, 1000, 20_000] {
                let exact =
                    crate::trie::rounded_tf(f64::from(count).sqrt()) / f64::from(len).sqrt();
                let back = weight_of(impact_of(exact));
                assert!(
                    (back / exact - 1.0).abs() <= IMPACT_ERROR,
                    "{count} {len}: {exact} read back as {back}"
                );
            }
        }
    }

    #[test]
    fn it_agrees_with_elasticlunr() {
        let docs: Vec<SearchDoc> = [
            "班主任能力提升培训 STEM",
            "校长 2.0工程 班主任 班主任",
            "乡村教师 AI 人工智能",
            "",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| SearchDoc {
            id: i.to_string(),
            fields: [
                t.to_string(),
                "培训对象：班主任".into(),
                t.repeat(3),
                "重庆市".into(),
                "国培计划 小学".into(),
            ]
            .map(Into::into),
        })
        .collect();
        for per_shard in [1, 7, 1000] {
            assert_eq!(
                differences_from_elasticlunr(&docs, per_shard),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn sets_take_the_smallest_form_and_read_back() {
        let n = 1000;
        for docs in [
            vec![],
            vec![7u32],
            (100..400).collect::<Vec<_>>(),
            (0..n).filter(|d| d % 3 == 0).collect(),
            vec![5, 900, 901],
        ] {
            let bytes = docset::encode(&docs, n);
            assert_eq!(docset::decode(&bytes), Some(docs.clone()));
        }
        assert_eq!(
            docset::encode(&(100..400).collect::<Vec<_>>(), n)[0],
            1,
            "runs"
        );
        assert_eq!(
            docset::encode(&(0..n).filter(|d| d % 3 == 0).collect::<Vec<_>>(), n)[0],
            2,
            "bits"
        );
        assert_eq!(docset::encode(&[5, 900], n)[0], 0, "list");
        for bad in [
            &[][..],
            &[9],
            &[0, 5],
            &[1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1],
        ] {
            assert_eq!(docset::decode(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_set_is_written_in_the_first_of_its_smallest_forms() {
        // Each form written plainly, as the format describes it.
        let forms = |docs: &[u32], documents: u32| {
            let mut list = vec![0u8];
            push_varint(&mut list, docs.len() as u64);
            let mut previous = 0;
            for &d in docs {
                push_varint(&mut list, u64::from(d - previous));
                previous = d;
            }
            let mut runs: Vec<(u32, u32)> = Vec::new();
            for &d in docs {
                match runs.last_mut() {
                    Some((start, len)) if *start + *len == d => *len += 1,
                    _ => runs.push((d, 1)),
                }
            }
            let mut run_bytes = vec![1u8];
            push_varint(&mut run_bytes, runs.len() as u64);
            let mut end = 0;
            for (start, len) in runs {
                push_varint(&mut run_bytes, u64::from(start - end));
                push_varint(&mut run_bytes, u64::from(len));
                end = start + len;
            }
            let mut bits = vec![0u8; 1 + documents.div_ceil(8) as usize];
            bits[0] = 2;
            for &d in docs {
                bits[1 + (d / 8) as usize] |= 1 << (d % 8);
            }
            [list, run_bytes, bits]
        };
        let mut seed = 11u64;
        let mut next = |below: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % below.max(1)
        };
        for _ in 0..3000 {
            let documents = 1 + next(5000) as u32;
            // Sparse, dense and in runs, by turns.
            let keep = 1 + next(8);
            let run = 1 + next(300);
            let docs: Vec<u32> = (0..documents)
                .filter(|&d| u64::from(d) / run % keep == 0 || next(keep * 40) == 0)
                .collect();
            let [list, runs, bits] = forms(&docs, documents);
            let smallest = [list, runs, bits]
                .into_iter()
                .min_by_key(Vec::len)
                .unwrap_or_default();
            assert_eq!(docset::encode(&docs, documents), smallest, "{docs:?}");
        }
    }

    #[test]
    fn a_file_of_sets_reads_back_and_refuses_what_is_not_one() {
        let sets = vec![vec![0, 1, 2], vec![], vec![3, 9]];
        let file = sets::encode(&sets, 10);
        assert_eq!(sets::decode(&file), Some(sets));
        let mut longer = file.clone();
        longer.push(0);
        assert_eq!(sets::decode(&longer), None, "trailing bytes");
        assert_eq!(sets::decode(&file[..file.len() - 1]), None, "cut");
        assert_eq!(sets::decode(b"PXS1\x00"), None, "another magic");
    }
}
