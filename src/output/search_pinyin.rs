//! The data pinyin and sound-alike search read (see `search/pinyin.rs`),
//! split so that a query fetches only what it needs:
//!
//! - `search_pinyin.json`: the syllables a query of letters is cut into,
//!   and how many files each table below is split into;
//! - `search_pinyin/<k>.json`: the site's vocabulary, from each key of
//!   full pinyin (`f:ban zhu`) or initials (`i:b z`) to the Han pairs that
//!   sound so, each with how many projects hold it, most first;
//! - `search_chars/<k>.json`: the readings of every Han character, for the
//!   sound of a query typed in Chinese (`班主仁`).
//!
//! A character is in file `k` when its FNV-1a hash modulo the count is
//! `k`, as for the index shards; a key, when its first syllable's is
//! (`f:ban` for `f:ban zhu`, [`pinyin::vocabulary_file_of`]): each typed
//! character's readings then say which files a sound-alike of the query
//! will need, and the browser fetches them while the rest is typed.

use super::OutFile;
use crate::config::Config;
use crate::model::Site;
use crate::search::{pinyin, shard_of, SearchDoc};
use std::collections::{BTreeMap, HashMap};

/// The fields a pinyin query finds: titles, eligibility, place and tags
/// (audience, stages, modes, plan, sub-projects), not the body.
const FIELDS: [usize; 4] = [0, 1, 3, 4];

/// Pairs kept under one key at most: initials are shared by many.
const PAIRS_PER_KEY: usize = 40;

/// About this many keys per vocabulary file (a first syllable's keys stay
/// together), and characters per char file: a KB or two gzip each, since
/// a typed character's are fetched whatever the query turns out to be.
const KEYS_PER_FILE: usize = 40;
const CHARS_PER_FILE: usize = 400;

/// Vocabulary files at most: there are some 430 first syllables and
/// initials, so more files would leave most empty.
const VOCABULARY_FILES_MAX: usize = 256;

/// How many projects hold each pair of characters.
type PairCounts = HashMap<(char, char), u32>;

/// The words a pinyin query finds besides the documents: the category
/// names and the synonyms.
pub fn searched_words(config: &Config) -> Vec<&str> {
    config
        .categories
        .iter()
        .map(|c| c.label.as_str())
        .chain(config.search.synonyms.iter().flatten().map(String::as_str))
        .collect()
}

pub fn pinyin_files(site: &Site, docs: &[SearchDoc]) -> Vec<OutFile> {
    // How many projects hold each pair, in the fields a pinyin query finds,
    // and the category names and synonyms, which it finds too.
    use rayon::prelude::*;
    let words = searched_words(&site.config);
    let pairs: PairCounts = docs
        .par_iter()
        .map(|doc| FIELDS.map(|f| doc.fields[f].as_ref()))
        .chain(words.par_iter().map(|w| [*w, "", "", ""]))
        .fold(
            || (HashMap::new(), Vec::new()),
            |(mut pairs, mut seen): (PairCounts, Vec<(char, char)>), texts| {
                // A project counts once for each pair it holds.
                seen.clear();
                for text in texts {
                    let pairs = text.chars().zip(text.chars().skip(1));
                    seen.extend(pairs.filter(|&(a, b)| pinyin_pair(a, b)));
                }
                seen.sort_unstable();
                seen.dedup();
                for &pair in &seen {
                    *pairs.entry(pair).or_insert(0) += 1;
                }
                (pairs, seen)
            },
        )
        .map(|(pairs, _)| pairs)
        .reduce(HashMap::new, |mut a, b| {
            for (pair, n) in b {
                *a.entry(pair).or_insert(0) += n;
            }
            a
        });
    let mut keys: BTreeMap<String, Vec<(String, u32)>> = BTreeMap::new();
    for (&(a, b), &n) in &pairs {
        for key in pinyin::pair_keys(a, b) {
            keys.entry(key).or_default().push((format!("{a}{b}"), n));
        }
    }
    for list in keys.values_mut() {
        list.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
        list.truncate(PAIRS_PER_KEY);
    }
    let vocabulary = sharded(
        "search_pinyin",
        KEYS_PER_FILE,
        VOCABULARY_FILES_MAX,
        pinyin::vocabulary_file_of,
        keys.into_iter().map(|(k, v)| (k, serde_json::json!(v))),
    );
    // The same for every site, so made once, and unchanged by any edit.
    static CHARS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    let chars: Vec<OutFile> = CHARS
        .get_or_init(|| {
            sharded(
                "search_chars",
                CHARS_PER_FILE,
                usize::MAX,
                shard_of,
                pinyin::characters()
                    .map(|c| (c.to_string(), pinyin::readings(c)))
                    .filter(|(_, r)| !r.is_empty())
                    .map(|(c, r)| (c, serde_json::json!(r))),
            )
            .into_iter()
            .map(|f| (f.site_path(), f.bytes))
            .collect()
        })
        .iter()
        .map(|(path, bytes)| OutFile {
            path: path.into(),
            bytes: bytes.clone(),
        })
        .collect();
    let manifest = serde_json::json!({
        "syllables": pinyin::syllables(),
        "vocabulary": { "count": vocabulary.len(), "path": "search_pinyin/" },
        "chars": { "count": chars.len(), "path": "search_chars/" },
        "max_readings": pinyin::MAX_READINGS,
    });
    let mut files = vec![OutFile {
        path: "search_pinyin.json".into(),
        bytes: manifest.to_string().into_bytes(),
    }];
    files.extend(vocabulary);
    files.extend(chars);
    files
}

/// Whether a pair of characters has readings: two Han characters the
/// pinyin table knows.
fn pinyin_pair(a: char, b: char) -> bool {
    pinyin::has_reading(a) && pinyin::has_reading(b)
}

/// `entries` split into files `<dir>/<k>.json`, about `per_file` a file
/// and at most `most` files, each key in file `file_of(key, count)`.
fn sharded(
    dir: &str,
    per_file: usize,
    most: usize,
    file_of: fn(&str, usize) -> usize,
    entries: impl Iterator<Item = (String, serde_json::Value)>,
) -> Vec<OutFile> {
    let entries: Vec<(String, serde_json::Value)> = entries.collect();
    // A power of two, so that a site growing by a few words keeps its
    // files (and what browsers cached) until it doubles.
    let count = entries
        .len()
        .div_ceil(per_file)
        .max(1)
        .next_power_of_two()
        .min(most.max(1));
    let mut shards: Vec<serde_json::Map<String, serde_json::Value>> =
        vec![serde_json::Map::new(); count];
    for (key, value) in entries {
        if let Some(shard) = shards.get_mut(file_of(&key, count)) {
            shard.insert(key, value);
        }
    }
    shards
        .into_iter()
        .enumerate()
        .map(|(k, shard)| OutFile {
            path: format!("{dir}/{k}.json").into(),
            bytes: serde_json::Value::Object(shard).to_string().into_bytes(),
        })
        .collect()
}
