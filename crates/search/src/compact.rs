//! The index in bytes, as the browser reads it: each shard a list of
//! (field, token) postings, delta-coded, each posting carrying its field's
//! length (the norm), so a query needs nothing per document beyond the
//! shards of its tokens. About 3 bytes a posting where elasticlunr's JSON
//! tries take 16; the scores are elasticlunr's, to the digit (tests).
//!
//! A shard, all integers LEB128 varints:
//!
//! ```text
//! "PXS1"  groups
//!   groups × ( field  token-length token-bytes  df
//!              df × ( (doc-delta << 1 | counted)  [count if counted]  field-length ) )
//! ```
//!
//! `field` is the field's place in [`crate::INDEX_FIELDS`]; documents are
//! their positions (the ref as a number), ascending, the first delta from
//! 0; `counted` is set when the token is in the field more than once.
//! Groups come by field, then token. shards.js and data.js read the same.

use super::postings::{Corpus, Entry};
use super::shards::{partition, sort_by_field_and_hash, Partition};
use super::{SearchDoc, INDEX_FIELDS};

/// The index as files: one shard per token set, and how to find a token's.
pub struct CompactIndex {
    /// `search_index/<k>.bin`.
    pub shards: Vec<Vec<u8>>,
    /// Shards holding one-character tokens: the first `singles` of them
    /// ([`crate::index_shard_of`]).
    pub singles: usize,
    pub docs: usize,
}

pub const SHARD_MAGIC: &[u8; 4] = b"PXS1";

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
    use rayon::prelude::*;
    let Partition {
        order,
        terms,
        buckets,
        singles,
    } = partition(docs, postings_per_shard);
    let corpus = Corpus::new(docs, &terms, &order);
    let shards = crate::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .map_init(Vec::new, |scratch, mut entries| {
                sort_by_field_and_hash(&mut entries, scratch);
                let mut out = Vec::with_capacity(entries.len() * 4 + 16);
                write_shard(&corpus, &mut entries, &mut out);
                out
            })
            .collect()
    });
    CompactIndex {
        shards,
        singles,
        docs: docs.len(),
    }
}

/// One shard's bytes from its postings, sorted by field and hash.
fn write_shard(corpus: &Corpus, entries: &mut [Entry], out: &mut Vec<u8>) {
    // (field, token, postings) of each (field, token): a run of one field
    // and hash holds one token, unless two tokens share the hash.
    let mut groups: Vec<(usize, &str, Vec<(u32, u32, u32)>)> = Vec::new();
    let mut rest = entries;
    while let Some(first) = rest.first() {
        let key = first.field_and_hash();
        let len = rest.iter().take_while(|e| e.field_and_hash() == key).count();
        let (run, tail) = rest.split_at_mut(len);
        rest = tail;
        if run.iter().any(|e| !e.same_token(&run[0], corpus)) {
            run.sort_unstable_by(|a, b| corpus.token(a).cmp(corpus.token(b)));
        }
        let mut run: &[Entry] = run;
        while let Some(first) = run.first() {
            let same = run.iter().take_while(|e| e.same_token(first, corpus)).count();
            let token = corpus.token(first);
            // The field's place among INDEX_FIELDS, from its sorted slot.
            let name = corpus.order.names[first.slot()];
            let field = INDEX_FIELDS.iter().position(|f| *f == name).unwrap_or(0);
            if !token.is_empty() {
                let mut postings: Vec<(u32, u32, u32)> = run[..same]
                    .iter()
                    .filter_map(|e| {
                        let doc = *corpus.order.by_rank.get(corpus.rank(e))?;
                        let length = corpus.terms.get(doc)?.lengths[field];
                        Some((doc as u32, corpus.count(e), length as u32))
                    })
                    .collect();
                postings.sort_unstable_by_key(|p| p.0);
                groups.push((field, token, postings));
            }
            run = &run[same..];
        }
    }
    groups.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    out.extend_from_slice(SHARD_MAGIC);
    push_varint(out, groups.len() as u64);
    for (field, token, postings) in groups {
        out.push(field as u8);
        push_varint(out, token.len() as u64);
        out.extend_from_slice(token.as_bytes());
        push_varint(out, postings.len() as u64);
        let mut previous = 0u32;
        for (doc, count, length) in postings {
            let delta = u64::from(doc - previous);
            previous = doc;
            push_varint(out, delta << 1 | u64::from(count > 1));
            if count > 1 {
                push_varint(out, u64::from(count));
            }
            push_varint(out, u64::from(length));
        }
    }
}

/// One (field, token)'s postings, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Postings {
    pub field: usize,
    pub token: String,
    /// (document, count in the field, the field's length in tokens).
    pub docs: Vec<(u32, u32, u32)>,
}

/// A shard's postings; `None` when the bytes are not a shard.
pub fn read_shard(bytes: &[u8]) -> Option<Vec<Postings>> {
    if !bytes.starts_with(SHARD_MAGIC) {
        return None;
    }
    let mut at = SHARD_MAGIC.len();
    let groups = read_varint(bytes, &mut at)?;
    let mut out = Vec::new();
    for _ in 0..groups {
        let field = usize::from(*bytes.get(at)?);
        at += 1;
        let len = read_varint(bytes, &mut at)? as usize;
        let token = std::str::from_utf8(bytes.get(at..at.checked_add(len)?)?).ok()?.to_string();
        at += len;
        let df = read_varint(bytes, &mut at)?;
        let mut docs = Vec::new();
        let mut doc = 0u64;
        for _ in 0..df {
            let head = read_varint(bytes, &mut at)?;
            doc = doc.checked_add(head >> 1)?;
            let count = if head & 1 == 1 { read_varint(bytes, &mut at)? } else { 1 };
            let length = read_varint(bytes, &mut at)?;
            docs.push((u32::try_from(doc).ok()?, u32::try_from(count).ok()?, u32::try_from(length).ok()?));
        }
        out.push(Postings { field, token, docs });
    }
    (at == bytes.len()).then_some(out)
}

/// Where the compact index of `docs` and the index elasticlunr-rs builds
/// from them in one go differ: each (field, token) with its documents,
/// term frequency (elasticlunr's rounded square root of the count),
/// document frequency and field length, which are all its scores are made
/// of. Empty when they agree. `per_shard` is the compact index's shard size.
pub fn differences_from_elasticlunr(docs: &[SearchDoc], per_shard: usize) -> Vec<String> {
    use std::collections::BTreeMap;
    let ours = build_compact_index(docs, per_shard);
    let mut mine: BTreeMap<(usize, String), Vec<(u32, u32, u32)>> = BTreeMap::new();
    for shard in &ours.shards {
        match read_shard(shard) {
            Some(groups) => {
                for g in groups {
                    mine.insert((g.field, g.token), g.docs);
                }
            }
            None => return vec!["a shard does not read back".into()],
        }
    }
    let theirs: serde_json::Value = serde_json::from_str(&crate::build_single_index(docs)).unwrap_or_default();
    let length_of = |doc: u32, field: &str| -> u64 {
        theirs["documentStore"]["docInfo"][doc.to_string()][field].as_u64().unwrap_or(0)
    };
    let mut elastic: BTreeMap<(usize, String), Vec<(u32, f64, u64)>> = BTreeMap::new();
    for (f, field) in INDEX_FIELDS.iter().enumerate() {
        // Depth-first through the trie: each node with documents is a token.
        let mut stack: Vec<(String, &serde_json::Value)> = vec![(String::new(), &theirs["index"][field]["root"])];
        while let Some((token, node)) = stack.pop() {
            let Some(map) = node.as_object() else { continue };
            if let Some(docs) = map.get("docs").and_then(|d| d.as_object()).filter(|d| !d.is_empty()) {
                let mut list: Vec<(u32, f64, u64)> = docs
                    .iter()
                    .filter_map(|(r, v)| {
                        let doc: u32 = r.parse().ok()?;
                        Some((doc, v["tf"].as_f64()?, length_of(doc, field)))
                    })
                    .collect();
                list.sort_by_key(|d| d.0);
                if map.get("df").and_then(|d| d.as_u64()) != Some(list.len() as u64) {
                    return vec![format!("elasticlunr's df of {token} in {field} is not its document count")];
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
            out.push(format!("{} in {}: only elasticlunr has it", key.1, INDEX_FIELDS[key.0]));
            continue;
        };
        let as_theirs: Vec<(u32, f64, u64)> = mine
            .iter()
            .map(|&(d, count, len)| (d, crate::trie::rounded_tf(f64::from(count).sqrt()), u64::from(len)))
            .collect();
        if &as_theirs != theirs {
            out.push(format!("{} in {}: {as_theirs:?} where elasticlunr has {theirs:?}", key.1, INDEX_FIELDS[key.0]));
        }
    }
    for key in mine.keys().filter(|k| !elastic.contains_key(*k)) {
        out.push(format!("{} in {}: only the compact index has it", key.1, INDEX_FIELDS[key.0]));
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
        let mut bits = vec![2u8];
        bits.resize(1 + documents.div_ceil(8) as usize, 0);
        for &d in docs {
            bits[1 + (d / 8) as usize] |= 1 << (d % 8);
        }
        [list, run_bytes, bits]
            .into_iter()
            .min_by_key(Vec::len)
            .unwrap_or_default()
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
                    .flat_map(|(i, b)| (0..8).filter(move |bit| b & (1 << bit) != 0).map(move |bit| (i * 8 + bit) as u32))
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

    fn doc(id: usize, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            id: id.to_string(),
            fields: [title.into(), String::new(), body.into(), String::new(), String::new()],
        }
    }

    #[test]
    fn a_shard_reads_back_as_written() {
        let docs: Vec<SearchDoc> = (0..30)
            .map(|i| doc(i, if i % 3 == 0 { "班主任培训" } else { "校长培训" }, &"教师 班主任 ".repeat(i % 4 + 1)))
            .collect();
        let index = build_compact_index(&docs, 50);
        let all: Vec<Postings> = index.shards.iter().flat_map(|s| read_shard(s).expect("a shard")).collect();
        let find = |field: usize, token: &str| all.iter().find(|p| p.field == field && p.token == token).cloned();
        let title = find(0, "班主").expect("班主 in titles");
        assert_eq!(title.docs.iter().map(|d| d.0).collect::<Vec<_>>(), [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
        // 班主任培训: 5 characters and 4 pairs, 9 tokens in the title.
        assert!(title.docs.iter().all(|d| d.1 == 1 && d.2 == 9));
        let body = find(2, "班主").expect("班主 in bodies");
        // 教师 班主任: 3 tokens and 5, four times.
        assert_eq!(body.docs[3], (3, 4, 4 * 8));
    }

    #[test]
    fn it_agrees_with_elasticlunr() {
        let docs: Vec<SearchDoc> = ["班主任能力提升培训 STEM", "校长 2.0工程 班主任 班主任", "乡村教师 AI 人工智能", ""]
            .iter()
            .enumerate()
            .map(|(i, t)| SearchDoc {
                id: i.to_string(),
                fields: [t.to_string(), "培训对象：班主任".into(), t.repeat(3), "重庆市".into(), "国培计划 小学".into()],
            })
            .collect();
        for per_shard in [1, 7, 1000] {
            assert_eq!(differences_from_elasticlunr(&docs, per_shard), Vec::<String>::new());
        }
    }

    #[test]
    fn sets_take_the_smallest_form_and_read_back() {
        let n = 1000;
        for docs in [vec![], vec![7u32], (100..400).collect::<Vec<_>>(), (0..n).filter(|d| d % 3 == 0).collect(), vec![5, 900, 901]] {
            let bytes = docset::encode(&docs, n);
            assert_eq!(docset::decode(&bytes), Some(docs.clone()));
        }
        assert_eq!(docset::encode(&(100..400).collect::<Vec<_>>(), n)[0], 1, "runs");
        assert_eq!(docset::encode(&(0..n).filter(|d| d % 3 == 0).collect::<Vec<_>>(), n)[0], 2, "bits");
        assert_eq!(docset::encode(&[5, 900], n)[0], 0, "list");
        for bad in [&[][..], &[9], &[0, 5], &[1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, 1]] {
            assert_eq!(docset::decode(bad), None, "{bad:?}");
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
