//! Pinyin, for queries typed in pinyin (`banzhuren`, `bzr`) and for sound-
//! alike slips (`班主仁`). The browser never holds a dictionary: it asks
//! small files for what one query needs, and turns pinyin into the Chinese
//! words a site holds, which it then searches as if they had been typed.
//!
//! - Readings come from the `pinyin` crate, without tones, ü written `v`
//!   (as pinyin keyboards take it): 长 → zhang, chang.
//! - A pair of adjacent Han characters has keys for its full pinyin
//!   (`f:ban zhu`) and its initials (`i:b z`), one per combination of the
//!   characters' readings; the site's vocabulary maps each key to the pairs
//!   that sound so (`output/search_pinyin.rs`).
//! - A query of letters is cut into syllables every way it can be
//!   ([`segmentations`]); its keys are those of its adjacent syllables, or
//!   of its adjacent letters read as initials. query.js does the same, and
//!   both are held to `tests/data/query_cases.json`.

use pinyin::ToPinyinMulti;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// The readings of one Han character a search considers, most common first
/// (at most [`MAX_READINGS`]).
pub fn readings(c: char) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    if let Some(multi) = c.to_pinyin_multi() {
        for p in multi {
            let r = normalize(p.plain());
            if !out.contains(&r) && out.len() < MAX_READINGS {
                out.push(r);
            }
        }
    }
    out
}

/// Whether `c` has a reading (without making the list).
pub fn has_reading(c: char) -> bool {
    use pinyin::ToPinyin;
    c.to_pinyin().is_some()
}

/// Rare readings (任 lin, 园 wan) only widen a sound-alike search.
pub const MAX_READINGS: usize = 3;

/// A reading as keyboards type it: ü as v, ê as e.
fn normalize(plain: &'static str) -> &'static str {
    match plain {
        "lü" => "lv",
        "lüe" => "lve",
        "nü" => "nv",
        "nüe" => "nve",
        "ê" => "e",
        other => other,
    }
}

/// The characters whose readings the site's char table holds: the CJK
/// Unified Ideographs and their Extension A.
pub fn characters() -> impl Iterator<Item = char> {
    (0x3400u32..=0x9FFF).filter_map(char::from_u32)
}

/// Every syllable of the readings, sorted: what a query of letters is cut
/// into. Interjections without a vowel (嗯 n, 呣 m, 哼 hng) are left out:
/// they would cut `ban` into `ba n`.
pub fn syllables() -> &'static [&'static str] {
    static ALL: OnceLock<Vec<&'static str>> = OnceLock::new();
    ALL.get_or_init(|| {
        let set: BTreeSet<&'static str> = characters()
            .flat_map(readings)
            .filter(|s| s.contains(['a', 'e', 'i', 'o', 'u', 'v']))
            .collect();
        set.into_iter().collect()
    })
}

/// How many ways to cut one query into syllables are tried at most.
pub const MAX_SEGMENTATIONS: usize = 8;

/// Every way to cut `letters` (lowercase a–z) into syllables, fewest
/// syllables first, then in the order of the syllables; none if it cannot
/// be cut. `xian` is `xian` and `xi an`.
pub fn segmentations(letters: &str, syllables: &[&str]) -> Vec<Vec<String>> {
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    // ways[i]: the segmentations of letters[i..].
    let n = letters.len();
    let mut ways: Vec<Vec<Vec<String>>> = vec![Vec::new(); n + 1];
    ways[n].push(Vec::new());
    for i in (0..n).rev() {
        let mut here: Vec<Vec<String>> = Vec::new();
        for end in i + 1..=n.min(i + 6) {
            let piece = &letters[i..end];
            if syllables.binary_search(&piece).is_err() {
                continue;
            }
            for rest in &ways[end] {
                let mut way = vec![piece.to_string()];
                way.extend(rest.iter().cloned());
                here.push(way);
            }
        }
        here.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        here.truncate(MAX_SEGMENTATIONS * 4);
        ways[i] = here;
    }
    let mut all = std::mem::take(&mut ways[0]);
    all.truncate(MAX_SEGMENTATIONS);
    all
}

/// The keys of a run of syllables: one for each adjacent pair.
pub fn full_keys(syllables: &[String]) -> Vec<String> {
    syllables
        .windows(2)
        .map(|p| format!("f:{} {}", p[0], p[1]))
        .collect()
}

/// The keys of letters read as initials (`bzr`: b z, z r); none unless
/// they are all lowercase a–z.
pub fn initial_keys(letters: &str) -> Vec<String> {
    if !letters.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let chars: Vec<char> = letters.chars().collect();
    chars
        .windows(2)
        .map(|p| format!("i:{} {}", p[0], p[1]))
        .collect()
}

/// The keys a pair of Han characters is found under: its full pinyin for
/// each combination of readings, and the initials of its common readings
/// (a rare reading's initial, 体 bèn, would give 体育 to `bz`).
pub fn pair_keys(a: char, b: char) -> Vec<String> {
    let (ra, rb) = (readings(a), readings(b));
    let mut out: Vec<String> = Vec::new();
    for x in &ra {
        for y in &rb {
            out.push(format!("f:{x} {y}"));
        }
    }
    if let (Some(x), Some(y)) = (ra.first(), rb.first()) {
        out.push(format!("i:{} {}", &x[..1], &y[..1]));
    }
    out
}

/// The file of the vocabulary (of `files`) that holds `key`: by its first
/// syllable or initial (`f:ban` of `f:ban zhu`), so that the keys a typed
/// character starts are in the files of its readings alone, fetched while
/// the rest of the query is typed. shards.js computes the same.
pub fn vocabulary_file_of(key: &str, files: usize) -> usize {
    let first = key.split(' ').next().unwrap_or(key);
    crate::shard_of(first, files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn readings_are_plain_with_v_for_u_umlaut() {
        assert_eq!(readings('长'), ["zhang", "chang"]);
        assert_eq!(readings('绿'), ["lv", "lu"]);
        assert_eq!(readings('班'), ["ban"]);
        assert!(readings('a').is_empty());
        assert!(syllables().len() > 400);
        assert!(syllables()
            .iter()
            .all(|s| s.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn a_pair_is_found_under_its_full_pinyin_and_its_initials() {
        assert_eq!(pair_keys('班', '主'), ["f:ban zhu", "i:b z"]);
        assert!(pair_keys('园', '长').contains(&"f:yuan zhang".to_string()));
    }

    /// The table query.js's pinyin is held to as well.
    #[test]
    fn shared_pinyin_cases() {
        let cases: Value =
            serde_json::from_str(include_str!("../../../tests/data/query_cases.json")).unwrap();
        let pinyin = cases["pinyin"].as_array().unwrap();
        assert!(pinyin.len() >= 8);
        for case in pinyin {
            let letters = case["letters"].as_str().unwrap();
            let ways = segmentations(letters, syllables());
            assert_eq!(
                serde_json::json!(ways),
                case["segmentations"],
                "segmentations of {letters:?}"
            );
            let keys: Vec<Vec<String>> = ways.iter().map(|w| full_keys(w)).collect();
            assert_eq!(serde_json::json!(keys), case["full_keys"], "{letters:?}");
            assert_eq!(
                serde_json::json!(initial_keys(letters)),
                case["initial_keys"],
                "{letters:?}"
            );
        }
    }
}
