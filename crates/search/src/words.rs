//! The site's words: what a query of words typed together (`小学班主任`) is
//! split into (see `query::split`). Some are known (facet values, places,
//! synonyms, tags: the caller gives them); the words of titles and
//! eligibility are found here from the texts themselves, without a
//! dictionary, and the whole list is written as files keyed by each word's
//! first two characters, so the browser fetches the words a query can hold
//! with the pairs it looks up anyway.

use super::shards::shard_of;
use super::tokenizer::is_han;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Lengths, in characters, of the words found in texts.
const FOUND_LENGTHS: std::ops::RangeInclusive<usize> = 2..=4;

/// Characters a found word neither starts nor ends with: they join words.
const JOINING: &[char] = &['的', '和', '与', '及', '或', '等', '对', '在', '为'];

/// About this many words per file.
const WORDS_PER_FILE: usize = 2000;

/// What is known of one run of characters in the texts.
#[derive(Default)]
struct Seen {
    /// Texts that hold it, and the last one counted (texts come in order).
    texts: u32,
    last: usize,
    /// Characters seen before and after it, two kept; `edge_*` when it
    /// starts or ends a run of Han characters.
    before: [Option<char>; 2],
    after: [Option<char>; 2],
    edge_before: bool,
    edge_after: bool,
}

fn note(slots: &mut [Option<char>; 2], c: char) {
    match slots {
        [None, _] => slots[0] = Some(c),
        [Some(a), None] if *a != c => slots[1] = Some(c),
        _ => {}
    }
}

/// The words of `texts` (each a title or eligibility; a project may give
/// several, with the same `source`): runs of 2 to 4 Han characters held by
/// at least two sources that stand free in them, with different characters
/// (or a text's edge or punctuation) before them and after them. 骨干教师
/// follows 地级, 县级, 农村 and precedes 培训, 学科; 师培 always follows 教, so
/// it is no word. No dictionary: both sides agree on nothing but the data.
pub fn found_words<'a>(texts: impl IntoIterator<Item = (usize, &'a str)>) -> Vec<String> {
    let mut seen: HashMap<&'a str, Seen> = HashMap::new();
    let mut bounds: Vec<usize> = Vec::new();
    for (source, text) in texts {
        let mut runs = text.char_indices().peekable();
        while runs.peek().is_some() {
            bounds.clear();
            // One run of Han characters: its characters' byte offsets and its end.
            let mut end = 0;
            for (i, c) in runs.by_ref() {
                if !is_han(c) {
                    if bounds.is_empty() {
                        continue;
                    }
                    end = i;
                    break;
                }
                bounds.push(i);
                end = i + c.len_utf8();
            }
            if bounds.is_empty() {
                break;
            }
            bounds.push(end);
            let n = bounds.len() - 1;
            let char_at = |k: usize| text[bounds[k]..bounds[k + 1]].chars().next();
            for len in FOUND_LENGTHS {
                for start in 0..(n + 1).saturating_sub(len) {
                    let word = &text[bounds[start]..bounds[start + len]];
                    let entry = seen.entry(word).or_default();
                    if entry.texts == 0 || entry.last != source {
                        entry.texts += 1;
                        entry.last = source;
                    }
                    match start.checked_sub(1).and_then(char_at) {
                        Some(c) => note(&mut entry.before, c),
                        None => entry.edge_before = true,
                    }
                    match (start + len < n).then(|| char_at(start + len)).flatten() {
                        Some(c) => note(&mut entry.after, c),
                        None => entry.edge_after = true,
                    }
                }
            }
        }
    }
    let mut words: Vec<String> = seen
        .into_iter()
        .filter(|(word, s)| {
            let free = |edge: bool, slots: &[Option<char>; 2]| edge || slots[1].is_some();
            let joined = word.starts_with(JOINING) || word.ends_with(JOINING);
            s.texts >= 2
                && !joined
                && free(s.edge_before, &s.before)
                && free(s.edge_after, &s.after)
        })
        .map(|(word, _)| word.to_string())
        .collect();
    words.sort();
    words
}

/// The word files: `{pair: [words starting with it]}`, a word in file
/// `shard_of(its first two characters, count)`; words of fewer than two
/// characters, or that are not Han, are left out (a split never uses them).
pub fn word_files(words: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut by_pair: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for word in words {
        let mut chars = word.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else {
            continue;
        };
        if word.chars().all(is_han) {
            by_pair.entry(format!("{a}{b}")).or_default().insert(word);
        }
    }
    let total: usize = by_pair.values().map(BTreeSet::len).sum();
    let count = total.div_ceil(WORDS_PER_FILE).max(1).next_power_of_two();
    let mut files: Vec<BTreeMap<&str, &BTreeSet<String>>> = vec![BTreeMap::new(); count];
    for (pair, words) in &by_pair {
        files[shard_of(pair, count)].insert(pair, words);
    }
    files
        .iter()
        .map(|f| serde_json::to_string(f).unwrap_or_else(|_| "{}".into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_that_stand_free_in_two_texts_are_found() {
        let texts = [
            "地级骨干教师培训",
            "县级骨干教师学科研修",
            "农村骨干教师培训",
            "小学班主任培训",
            "初中班主任研修",
        ];
        let words = found_words(texts.iter().copied().enumerate());
        for w in ["骨干教师", "班主任", "培训", "研修"] {
            assert!(words.contains(&w.to_string()), "{w} in {words:?}");
        }
        // Always after 教 or before 任: parts of words, not words.
        for w in ["师培", "班主", "干教"] {
            assert!(!words.contains(&w.to_string()), "{w} in {words:?}");
        }
    }

    #[test]
    fn one_text_is_not_enough_and_joining_characters_do_not_start_words() {
        let words = found_words([(0, "新疆的小学和初中"), (0, "新疆的小学和初中")]);
        assert!(words.is_empty(), "{words:?}");
        let words = found_words([(0, "新疆的小学"), (1, "重庆的小学")]);
        assert!(!words.iter().any(|w| w.starts_with('的')), "{words:?}");
    }

    #[test]
    fn word_files_are_keyed_by_the_first_pair() {
        let files = word_files([
            "小学".to_string(),
            "小学教师".into(),
            "园".into(),
            "ai".into(),
        ]);
        assert_eq!(files, [r#"{"小学":["小学","小学教师"]}"#]);
    }
}
