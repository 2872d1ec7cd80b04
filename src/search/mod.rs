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
//! whitespace-separated parts are ANDed; if that finds nothing it falls back
//! to "every character present" and says so.
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
use elasticlunr::pipeline::Pipeline;
use elasticlunr::{IndexBuilder, Language};

pub const INDEX_FIELDS: &[&str] = &["title", "eligibility", "body", "place", "tags"];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Tokens of `text` as described in the module docs.
pub fn tokenize(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = text.chars().collect();
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        for c in han.iter() {
            out.push(c.to_string());
        }
        for w in han.windows(2) {
            out.push(w.iter().collect());
        }
        han.clear();
    };
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if is_han(c) {
            flush_word(&mut word, &mut out);
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.extend(c.to_lowercase());
        } else if c == '.'
            && word.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            word.push('.');
        } else {
            flush_han(&mut han, &mut out);
            flush_word(&mut word, &mut out);
        }
    }
    flush_han(&mut han, &mut out);
    flush_word(&mut word, &mut out);
    out
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

/// Tokens already split, joined by spaces (tokens never contain one): lets
/// each shard's elasticlunr index take only its share of a document's tokens
/// while the text is tokenized once.
struct PreTokenized;

impl Language for PreTokenized {
    fn name(&self) -> String {
        "peixun-cjk".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        text.split(' ')
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect()
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

/// FNV-1a (32 bit) of the token's UTF-8 bytes: which shard holds a token.
/// search.js computes the same function (tested with shared cases).
pub fn shard_of(token: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    (h as usize) % shards.max(1)
}

/// Postings per shard the split aims at: about 100 KB of gzip per shard
/// file on the generated catalogs, so one query loads a few small files.
pub const POSTINGS_PER_SHARD: usize = 40_000;

/// The search index, split by token so a query loads only what it needs.
/// `manifest` is an elasticlunr index (fields, ref, pipeline, version,
/// documentStore with every document's field lengths) whose tries are empty,
/// plus `"shards": {"count", "path"}`; shard `k` is an elasticlunr index whose
/// tries hold exactly the tokens with `shard_of(token) == k` and whose
/// documentStore is left empty. Merging the shards' tries into the manifest
/// gives the index elasticlunr-rs builds from the whole text in one go
/// (`tests`: `shards_merge_into_the_single_index`).
pub struct SearchIndex {
    pub manifest: String,
    pub shards: Vec<String>,
}

/// Builds the sharded index; shards are built in parallel (an elasticlunr
/// index is not `Send`, so each lives and dies on one thread).
pub fn build_index(docs: &[SearchDoc]) -> SearchIndex {
    build_index_with(docs, POSTINGS_PER_SHARD)
}

/// [`build_index`] with a chosen shard size (tests split small sites too).
pub fn build_index_with(docs: &[SearchDoc], postings_per_shard: usize) -> SearchIndex {
    use rayon::prelude::*;
    let tokens: Vec<Vec<Vec<String>>> = crate::timing::phase("index: tokenize", || {
        docs.par_iter()
            .map(|d| d.fields.iter().map(|f| tokenize(f)).collect())
            .collect()
    });
    let postings: usize = tokens
        .iter()
        .flat_map(|fields| fields.iter())
        .map(|f| f.iter().collect::<std::collections::HashSet<_>>().len())
        .sum();
    let count = postings.div_ceil(postings_per_shard.max(1)).max(1);
    // One pass over the tokens: each document's share of each shard, as the
    // space-joined field strings the shard's index will take.
    let buckets: Vec<Vec<(usize, Vec<String>)>> = crate::timing::phase("index: partition", || {
        let mut buckets: Vec<Vec<(usize, Vec<String>)>> = vec![Vec::new(); count];
        for (i, fields) in tokens.iter().enumerate() {
            let mut per: Vec<Vec<String>> = vec![vec![String::new(); fields.len()]; count];
            for (f, toks) in fields.iter().enumerate() {
                for t in toks {
                    let s = &mut per[shard_of(t, count)][f];
                    if !s.is_empty() {
                        s.push(' ');
                    }
                    s.push_str(t);
                }
            }
            for (k, fields) in per.into_iter().enumerate() {
                if fields.iter().any(|f| !f.is_empty()) {
                    buckets[k].push((i, fields));
                }
            }
        }
        buckets
    });
    let shards: Vec<String> = crate::timing::phase("index: shards", || {
        buckets
            .into_par_iter()
            .map(|bucket| {
                let mut index = IndexBuilder::with_language(Box::new(PreTokenized))
                    .save_docs(false)
                    .add_fields(INDEX_FIELDS)
                    .build();
                for (i, fields) in &bucket {
                    index.add_doc(&docs[*i].id, fields.iter().map(String::as_str));
                }
                drop(bucket);
                shard_json(&index.to_json())
            })
            .collect()
    });
    let empty = IndexBuilder::with_language(Box::new(PreTokenized))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build();
    let mut manifest = serde_json::to_value(&empty).unwrap_or_default();
    let mut doc_refs = serde_json::Map::new();
    let mut doc_info = serde_json::Map::new();
    for (d, fields) in docs.iter().zip(&tokens) {
        doc_refs.insert(d.id.clone(), serde_json::json!({}));
        let lengths: serde_json::Map<String, serde_json::Value> = INDEX_FIELDS
            .iter()
            .zip(fields)
            .map(|(name, toks)| (name.to_string(), serde_json::json!(toks.len())))
            .collect();
        doc_info.insert(d.id.clone(), serde_json::Value::Object(lengths));
    }
    manifest["documentStore"] = serde_json::json!({
        "save": false, "docs": doc_refs, "docInfo": doc_info, "length": docs.len()
    });
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

/// The whole index in one elasticlunr JSON, as elasticlunr-rs builds it from
/// the text (what the shards add up to; used by tests and small exports).
pub fn build_single_index(docs: &[SearchDoc]) -> String {
    let mut index = IndexBuilder::with_language(Box::new(CjkLanguage))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build();
    for d in docs {
        index.add_doc(&d.id, d.fields.iter().map(String::as_str));
    }
    let mut json = serde_json::to_value(&index).unwrap_or_default();
    round_tf(&mut json);
    json.to_string()
}

/// A shard's JSON: the index as elasticlunr-rs serializes it, with term
/// frequencies rounded and the documentStore emptied (the manifest has it).
/// Works on the text: going through `serde_json::Value` doubled the build's
/// time and memory at 10,000 projects.
fn shard_json(json: &str) -> String {
    const STORE: &str = ",\"documentStore\":";
    const LANG: &str = ",\"lang\":";
    let mut out = round_tf_text(json);
    if let (Some(a), Some(b)) = (out.find(STORE), out.rfind(LANG)) {
        if a < b {
            out.replace_range(
                a..b,
                ",\"documentStore\":{\"save\":false,\"docs\":{},\"docInfo\":{},\"length\":0}",
            );
        }
    }
    out
}

/// Rounds every `"tf":<number>` to 3 decimals.
fn round_tf_text(json: &str) -> String {
    const KEY: &str = "\"tf\":";
    let mut out = String::with_capacity(json.len());
    let mut rest = json;
    while let Some(at) = rest.find(KEY) {
        let (head, tail) = rest.split_at(at + KEY.len());
        out.push_str(head);
        let end = tail
            .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+')))
            .unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(f) => {
                let r = (f * 1000.0).round() / 1000.0;
                out.push_str(&serde_json::json!(r).to_string());
            }
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
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

/// `search_docs.json`: what the client needs to filter and show results
/// without the index: per listed project its title, URL, place, year, facet
/// values and figures, plus the field boosts. Loaded with the home page's
/// filters; the (much larger) index is loaded only when a query is typed.
pub fn search_docs(site: &Site, url: impl Fn(&str) -> String) -> String {
    use serde_json::json;
    let docs: Vec<serde_json::Value> = site
        .listed()
        .map(|p| {
            let c = site.catalog_of(p);
            let facets: serde_json::Map<String, serde_json::Value> = site
                .facets
                .iter()
                .map(|f| (f.key.clone(), json!(site.facet_values(&f.key, p))))
                .collect();
            let category = site
                .config
                .category(&p.category)
                .map_or(p.category.clone(), |k| k.label.clone());
            json!({
                "slug": p.slug,
                "title": p.title,
                "url": url(&p.slug),
                "place": c.place(),
                "year": c.year,
                "plan": p.plan,
                "category": category,
                "audience": p.audience,
                "eligibility": p.eligibility,
                "work_item": p.work_item,
                "offline_days": p.offline_days,
                "offline_days_at_least": p.offline_days_at_least,
                "online_hours": p.online_hours,
                "online_hours_at_least": p.online_hours_at_least,
                "facets": facets,
            })
        })
        .collect();
    let boosts: serde_json::Map<String, serde_json::Value> = FIELD_BOOSTS
        .iter()
        .map(|(f, b)| (f.to_string(), json!(b)))
        .collect();
    json!({ "boosts": boosts, "docs": docs }).to_string()
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
    fn rounding_tf_in_text_matches_rounding_values() {
        let json = r#"{"a":{"docs":{"1":{"tf":1.4142135623730951},"2":{"tf":1.0}},"df":2},"tf":2.23606797749979}"#;
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        super::round_tf(&mut v);
        let text: serde_json::Value = serde_json::from_str(&super::round_tf_text(json)).unwrap();
        assert_eq!(text, v);
        assert_eq!(text["a"]["docs"]["1"]["tf"], 1.414);
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
