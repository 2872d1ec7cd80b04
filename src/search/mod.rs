//! The search index: elasticlunr-rs with our own tokenizer, written to
//! `/search_index.json` and read by the theme's own JavaScript
//! (`themes/default/static/search.js`).
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

use crate::catalog::Site;
use elasticlunr::inverted_index::InvertedIndex;
use elasticlunr::pipeline::Pipeline;
use elasticlunr::{IndexBuilder, Language};
use std::collections::BTreeMap;

pub const INDEX_FIELDS: &[&str] = &["title", "eligibility", "body", "place", "tags"];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
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
pub fn for_each_token(text: &str, mut emit: impl FnMut(&str)) {
    // Byte offsets of the current Han run's characters, plus its end.
    let mut han: Vec<usize> = Vec::new();
    let mut han_end = 0;
    let mut word = String::new();
    let flush_han = |han: &mut Vec<usize>, end: usize, emit: &mut dyn FnMut(&str)| {
        if han.is_empty() {
            return;
        }
        han.push(end);
        for w in han.windows(2) {
            emit(&text[w[0]..w[1]]);
        }
        for w in han.windows(3) {
            emit(&text[w[0]..w[2]]);
        }
        han.clear();
    };
    // Where the current word starts and ends in `text`: a word already in
    // lower case is emitted as that slice, so callers can keep offsets.
    let (mut word_start, mut word_end) = (0, 0);
    let flush_word = |word: &mut String, range: (usize, usize), emit: &mut dyn FnMut(&str)| {
        if !word.is_empty() {
            match text.get(range.0..range.1) {
                Some(raw) if raw == word.as_str() => emit(raw),
                _ => emit(word),
            }
            word.clear();
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_han(c) {
            flush_word(&mut word, (word_start, word_end), &mut emit);
            han.push(i);
            han_end = i + c.len_utf8();
        } else if c.is_alphanumeric() {
            flush_han(&mut han, han_end, &mut emit);
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
            flush_han(&mut han, han_end, &mut emit);
            flush_word(&mut word, (word_start, word_end), &mut emit);
        }
    }
    flush_han(&mut han, han_end, &mut emit);
    flush_word(&mut word, (word_start, word_end), &mut emit);
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

/// Searchable documents: every listed project (guidance entries are kinds of
/// project, not results), in site order; `body_text` is aligned with `site.projects`.
pub fn documents(site: &Site, body_text: &[String]) -> Vec<SearchDoc> {
    site.projects
        .iter()
        .zip(body_text)
        .filter(|(p, _)| !site.is_guidance(p))
        .enumerate()
        .map(|(i, (p, body))| {
            let c = site.catalog_of(p);
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
                    body.clone(),
                    place,
                    tags,
                ],
            }
        })
        .collect()
}

/// FNV-1a (32 bit) of the token's UTF-8 bytes: which shard holds a token.
/// search.js computes the same function (tested with shared cases).
pub fn shard_of(token: &str, shards: usize) -> usize {
    (fnv1a(token) as usize) % shards.max(1)
}

fn fnv1a(token: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Postings per shard the split aims at: about 50 KB of gzip per shard
/// file on the generated catalogs, so one query loads a few small files.
pub const POSTINGS_PER_SHARD: usize = 20_000;

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

/// Builds the sharded index; shards are built in parallel (an elasticlunr
/// index is not `Send`, so each lives and dies on one thread).
pub fn build_index(docs: &[SearchDoc]) -> SearchIndex {
    build_index_with(docs, POSTINGS_PER_SHARD)
}

/// One document's distinct tokens per field with their counts, and each
/// field's token count (the documentStore's field length). A token is kept
/// as offsets into the field's text (or, for a word that lower-casing
/// changed, into `extra`): 16 bytes a posting instead of a string each, for
/// the 9 million postings of 10,000 projects.
struct DocTerms {
    terms: Vec<Posting>,
    extra: String,
    lengths: [usize; 5],
}

#[derive(Clone, Copy)]
struct Posting {
    /// Index into `INDEX_FIELDS`; with `IN_EXTRA` set the offsets are into
    /// `DocTerms::extra`.
    field: u8,
    count: u32,
    start: u32,
    end: u32,
}

const IN_EXTRA: u8 = 0x80;

impl DocTerms {
    fn token<'a>(&'a self, doc: &'a SearchDoc, p: &Posting) -> &'a str {
        let (start, end) = (p.start as usize, p.end as usize);
        let text = if p.field & IN_EXTRA != 0 {
            self.extra.as_str()
        } else {
            doc.fields[usize::from(p.field)].as_str()
        };
        text.get(start..end).unwrap_or("")
    }
}

fn doc_terms(doc: &SearchDoc) -> DocTerms {
    let mut terms = Vec::new();
    let mut extra = String::new();
    let mut lengths = [0; 5];
    let mut slices: std::collections::HashMap<&str, u32, Fnv> = Default::default();
    let mut owned: std::collections::HashMap<String, u32, Fnv> = Default::default();
    for (f, text) in doc.fields.iter().enumerate() {
        let (base, end) = (text.as_ptr() as usize, text.as_ptr() as usize + text.len());
        for_each_token(text, |t| {
            lengths[f] += 1;
            let at = t.as_ptr() as usize;
            // A slice of `text` (every Han token; words already in lower case).
            if at >= base && at + t.len() <= end {
                let offset = at - base;
                if let Some(key) = text.get(offset..offset + t.len()) {
                    *slices.entry(key).or_insert(0) += 1;
                    return;
                }
            }
            match owned.get_mut(t) {
                Some(n) => *n += 1,
                None => {
                    owned.insert(t.to_string(), 1);
                }
            }
        });
        // "STEM" lower-cased and "stem" as written are one token.
        for (word, n) in owned.drain() {
            match slices.get_mut(word.as_str()) {
                Some(count) => *count += n,
                None => {
                    let start = extra.len() as u32;
                    extra.push_str(&word);
                    terms.push(Posting {
                        field: f as u8 | IN_EXTRA,
                        count: n,
                        start,
                        end: extra.len() as u32,
                    });
                }
            }
        }
        for (key, n) in slices.drain() {
            let start = key.as_ptr() as usize - base;
            terms.push(Posting {
                field: f as u8,
                count: n,
                start: start as u32,
                end: (start + key.len()) as u32,
            });
        }
    }
    DocTerms {
        terms,
        extra,
        lengths,
    }
}

/// FNV-1a as a `HashMap` hasher: tokens are a few bytes long, where the
/// default SipHash costs more than the lookup (a fifth of the index build).
#[derive(Default, Clone, Copy)]
struct FnvHasher(u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

fn rounded_tf(tf: f64) -> f64 {
    (tf * 1000.0).round() / 1000.0
}

/// [`build_index`] with a chosen shard size (tests split small sites too).
///
/// Each shard is written by elasticlunr-rs's own `InvertedIndex` (one per
/// field, filled with `add_token` exactly as `Index::add_doc` fills it) and
/// serialized by it, inside the JSON of an empty elasticlunr-rs `Index`. Going
/// through `Index::add_doc` per shard cost 10 s at 10,000 projects: it copies
/// every field's text into a document map and records field lengths again in
/// every shard, only for both to be thrown away.
pub fn build_index_with(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    use rayon::prelude::*;
    let terms: Vec<DocTerms> = crate::timing::phase("index: tokenize", || {
        docs.par_iter().map(doc_terms).collect()
    });
    let postings: usize = terms.iter().map(|d| d.terms.len()).sum();
    let count = postings.div_ceil(postings_per_shard.max(1)).max(1);
    // Which postings each shard takes, as (document, posting) positions.
    let buckets: Vec<Vec<(u32, u32)>> = crate::timing::phase("index: partition", || {
        let shard_ids: Vec<Vec<u32>> = terms
            .par_iter()
            .zip(docs.par_iter())
            .map(|(d, doc)| {
                d.terms
                    .iter()
                    .map(|p| shard_of(d.token(doc, p), count) as u32)
                    .collect()
            })
            .collect();
        let mut buckets: Vec<Vec<(u32, u32)>> =
            vec![Vec::with_capacity(postings / count + 16); count];
        for (d, ids) in shard_ids.iter().enumerate() {
            for (p, &k) in ids.iter().enumerate() {
                buckets[k as usize].push((d as u32, p as u32));
            }
        }
        buckets
    });
    let empty = empty_index();
    let (head, tail) = empty_index_json(&empty);
    // `InvertedIndex`es go in a BTreeMap by field name (as in elasticlunr's
    // `Index`), so alphabetically: where each field number's index sits.
    let mut slot = [0usize; INDEX_FIELDS.len()];
    for (f, name) in INDEX_FIELDS.iter().enumerate() {
        slot[f] = INDEX_FIELDS.iter().filter(|other| *other < name).count();
    }
    let shards: Vec<String> = crate::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .map(|bucket| {
                let mut fields: BTreeMap<String, InvertedIndex> = INDEX_FIELDS
                    .iter()
                    .map(|f| (f.to_string(), InvertedIndex::new()))
                    .collect();
                let mut by_position: Vec<&mut InvertedIndex> = fields.values_mut().collect();
                // Read the postings in document order (memory order), then
                // add them token by token, sorted by the token's hash mixed
                // with the field: a token's trie node and document map stay
                // in cache while its documents go in (sorting integers, not
                // grouping by string: 3 CPU seconds less at 10,000 projects).
                let mut entries: Vec<(u32, u32, u8, u32, &str)> = bucket
                    .iter()
                    .map(|&(d, p)| {
                        let doc_terms = &terms[d as usize];
                        let posting = &doc_terms.terms[p as usize];
                        let token = doc_terms.token(&docs[d as usize], posting);
                        let field = posting.field & !IN_EXTRA;
                        let key = fnv1a(token).rotate_left(3) ^ u32::from(field);
                        (key, d, field, posting.count, token)
                    })
                    .collect();
                drop(bucket);
                entries.sort_unstable_by_key(|e| (e.0, e.1));
                for (_, d, field, count, token) in entries {
                    let tf = rounded_tf(f64::from(count).sqrt());
                    by_position[slot[usize::from(field)]].add_token(
                        &docs[d as usize].id,
                        token,
                        tf,
                    );
                }
                drop(by_position);
                let body = serde_json::to_string(&fields).unwrap_or_default();
                let mut out = String::with_capacity(head.len() + body.len() + tail.len());
                out.push_str(&head);
                out.push_str(&body);
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

/// Projects per details file (`search_docs/<k>.json`): a page of 20 results
/// scattered over a national catalog fetches at most 20 small files.
pub const DETAILS_PER_FILE: usize = 25;

/// The data the home page's script filters and shows results with, as
/// `search_docs.json` plus details files; see [`search_docs`].
pub struct SearchDocs {
    pub main: String,
    /// `search_docs/<k>.json` for k = 0, 1, …
    pub details: Vec<String>,
}

/// `search_docs.json`, loaded with the home page, holds what filtering and
/// facet counts need for every listed project, in index-ref order, as
/// columns over small dictionaries (10,000 projects: about 80 KB gzip):
///
/// - `count`; `boosts` (the field boosts of [`FIELD_BOOSTS`]);
/// - `values.<facet>`: the facet's distinct values; `facets.<facet>`: per
///   project the index of its value, or an array of indexes (none: `[]`);
/// - `places` and `place`: dictionary and per-project index of "region+district";
/// - `offline_days`, `online_hours`: per project a number or null;
///   `offline_days_at_least`, `online_hours_at_least`, `work_item`: the
///   projects (by position) for which that is true;
/// - `details`: `{"size": 25}` (projects per details file).
///
/// What only a shown result needs (title, URL, slug, year, plan, category
/// label, audience, eligibility) is in `search_docs/<k>.json`, an array for
/// projects `k*size ..`, fetched for the results on screen: titles and
/// eligibility of 10,000 projects alone are 500 KB gzip.
pub fn search_docs(
    site: &Site,
    url: impl Fn(&str) -> String + Sync,
    cache: Option<&crate::render::Pieces<str>>,
) -> SearchDocs {
    use serde_json::{json, Value};
    let listed: Vec<&crate::catalog::Project> = site.listed().collect();
    let details: Vec<std::sync::Arc<str>> = crate::render::per_project(&listed, cache, |p| {
        let c = site.catalog_of(p);
        let category = site
            .config
            .category(&p.category)
            .map_or(p.category.clone(), |k| k.label.clone());
        json!({
            "slug": p.slug,
            "title": p.title,
            "url": url(&p.slug),
            "year": c.year,
            "plan": p.plan,
            "category": category,
            "audience": p.audience,
            "eligibility": p.eligibility,
        })
        .to_string()
    });
    let details: Vec<String> = details
        .chunks(DETAILS_PER_FILE)
        .map(crate::render::json_array)
        .collect();

    // Facet columns from the facets' own project lists (no per-project
    // string work: 10,000 projects × 7 facets under `serve`, on every save).
    let mut position = vec![usize::MAX; site.projects.len()];
    let mut next = 0;
    for (i, p) in site.projects.iter().enumerate() {
        if !site.is_guidance(p) {
            position[i] = next;
            next += 1;
        }
    }
    let mut values = serde_json::Map::new();
    let mut facets = String::from("{");
    for (n, f) in site.facets.iter().enumerate() {
        let mut column: Vec<Vec<usize>> = vec![Vec::new(); listed.len()];
        for (j, v) in f.values.iter().enumerate() {
            for &i in &v.projects {
                if let Some(col) = position.get(i).and_then(|&at| column.get_mut(at)) {
                    col.push(j);
                }
            }
        }
        values.insert(
            f.key.clone(),
            json!(f.values.iter().map(|v| &v.value).collect::<Vec<_>>()),
        );
        if n > 0 {
            facets.push(',');
        }
        facets.push_str(&json!(f.key).to_string());
        facets.push_str(":[");
        for (at, ids) in column.iter().enumerate() {
            if at > 0 {
                facets.push(',');
            }
            match ids.as_slice() {
                [one] => facets.push_str(&one.to_string()),
                _ => facets.push_str(&json!(ids).to_string()),
            }
        }
        facets.push(']');
    }
    facets.push('}');
    let mut places: Vec<String> = Vec::new();
    let mut place_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let place: Vec<usize> = listed
        .iter()
        .map(|p| {
            let name = site.catalog_of(p).place();
            *place_ids.entry(name.clone()).or_insert_with(|| {
                places.push(name);
                places.len() - 1
            })
        })
        .collect();
    let positions = |pred: &dyn Fn(&crate::catalog::Project) -> bool| -> Vec<usize> {
        listed
            .iter()
            .enumerate()
            .filter(|(_, p)| pred(p))
            .map(|(i, _)| i)
            .collect()
    };
    let boosts: serde_json::Map<String, Value> = FIELD_BOOSTS
        .iter()
        .map(|(f, b)| (f.to_string(), json!(b)))
        .collect();
    let rest = json!({
        "count": listed.len(),
        "boosts": boosts,
        "values": values,
        "places": places,
        "place": place,
        "offline_days": listed.iter().map(|p| p.offline_days).collect::<Vec<_>>(),
        "online_hours": listed.iter().map(|p| p.online_hours).collect::<Vec<_>>(),
        "offline_days_at_least": positions(&|p| p.offline_days_at_least),
        "online_hours_at_least": positions(&|p| p.online_hours_at_least),
        "work_item": positions(&|p| p.work_item),
        "details": { "size": DETAILS_PER_FILE },
    })
    .to_string();
    let main = crate::render::with_raw_field(&rest, "facets", &facets);
    SearchDocs { main, details }
}

#[cfg(test)]
mod tests {
    use super::tokenize;

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
    fn a_word_lowercased_and_as_written_is_one_posting() {
        let doc = super::SearchDoc {
            id: "0".into(),
            fields: [
                "STEM stem Stem 工程2.0 教师".into(),
                String::new(),
                "教师".into(),
                String::new(),
                String::new(),
            ],
        };
        let terms = super::doc_terms(&doc);
        let mut title: Vec<(String, u32)> = terms
            .terms
            .iter()
            .filter(|p| p.field & !super::IN_EXTRA == 0)
            .map(|p| (terms.token(&doc, p).to_string(), p.count))
            .collect();
        title.sort();
        let expected: Vec<(String, u32)> = [
            ("2.0", 1),
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
            terms.lengths,
            [super::tokenize(&doc.fields[0]).len(), 0, 3, 0, 0]
        );
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
