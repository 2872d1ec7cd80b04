//! What a query asks for, read exactly as `themes/default/static/query.js`
//! reads it in the browser (both are held to `tests/data/query_cases.json`).
//!
//! A query is split into terms wherever a character is neither Han nor a
//! letter or digit (white space, punctuation): `AI 教师` is two terms,
//! `工程2.0` and `60学时` are one. A term's tokens are those of its runs: a
//! word as written (lowercased), a single Han character, or every pair of a
//! longer Han run. A document matches a term when one of its fields holds
//! every token of the term (so `名校访学` needs 名校, 校访 and 访学 in one
//! field), and a query when it matches every term. Synonyms (site.toml
//! `[search] synonyms`) give a term alternatives: `农村教师` is also
//! searched as `乡村教师`, `AI` as `人工智能`.
//!
//! Chinese is typed without spaces, so a term of words run together
//! (`小学班主任`, `新疆小学`) is also read as those words: [`split`] cuts
//! it into the site's own words (places, facet values, synonyms, tags, the
//! words of titles and eligibility: `search_words/`), and a document
//! matches the term when it holds the whole phrase or every word of the
//! split. Two characters are never split (`园长` is not 园 + 长).

use super::tokenizer::{is_cjk_separator, is_han};

/// One term of a query and what it may also be searched as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as it is matched: its runs joined, words lowercased.
    pub text: String,
    /// The term itself first, then its synonym rewrites.
    pub alternatives: Vec<Alternative>,
    /// The words the term is also read as when it runs several together
    /// (`小学班主任` → 小学, 班主任), each with its own alternatives; empty
    /// when the term is one word.
    pub pieces: Vec<Term>,
}

/// One way of matching a term: every token in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub text: String,
    pub tokens: Vec<String>,
}

/// How many alternatives a term gets at most (a term holding words of
/// several synonym groups).
pub const MAX_ALTERNATIVES: usize = 8;

/// A run of a term: Han characters, or a word (lowercased).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    Han(Vec<char>),
    Word(String),
}

/// The runs of `text`, grouped into terms: runs with nothing between them
/// are one term.
fn terms_of(text: &str) -> Vec<Vec<Run>> {
    let chars: Vec<char> = text.chars().collect();
    let mut terms: Vec<Vec<Run>> = Vec::new();
    let mut term: Vec<Run> = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut word = String::new();
    let flush = |term: &mut Vec<Run>, han: &mut Vec<char>, word: &mut String| {
        if !han.is_empty() {
            term.push(Run::Han(std::mem::take(han)));
        }
        if !word.is_empty() {
            term.push(Run::Word(std::mem::take(word)));
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        if is_han(c) {
            if !word.is_empty() {
                term.push(Run::Word(std::mem::take(&mut word)));
            }
            han.push(c);
        } else if !is_cjk_separator(c) && c.is_alphanumeric() {
            if !han.is_empty() {
                term.push(Run::Han(std::mem::take(&mut han)));
            }
            word.extend(c.to_lowercase());
        } else if c == '.'
            && word.chars().last().is_some_and(|p| p.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            word.push('.');
        } else {
            flush(&mut term, &mut han, &mut word);
            if !term.is_empty() {
                terms.push(std::mem::take(&mut term));
            }
        }
    }
    flush(&mut term, &mut han, &mut word);
    if !term.is_empty() {
        terms.push(term);
    }
    terms
}

fn text_of(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Han(h) => h.iter().collect(),
            Run::Word(w) => w.clone(),
        })
        .collect()
}

/// The tokens a term needs in one field: each word, a lone Han character,
/// or every pair of a longer Han run.
fn tokens_of(runs: &[Run]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for run in runs {
        match run {
            Run::Word(w) => push(w.clone()),
            Run::Han(h) if h.len() == 1 => push(h[0].to_string()),
            Run::Han(h) => h.windows(2).for_each(|p| push(p.iter().collect())),
        }
    }
    out
}

/// A synonym word as terms compare it: its runs joined, lowercased.
pub fn normalize(word: &str) -> String {
    terms_of(word).iter().map(|t| text_of(t)).collect()
}

/// The terms of `query`, each with its alternatives under `synonyms`
/// (groups of words that mean the same) and, where it runs several of the
/// site's `words` together, the words it is split into.
pub fn parse(query: &str, synonyms: &[Vec<String>], words: &dyn Words) -> Vec<Term> {
    let groups = synonym_groups(synonyms);
    terms_of(query)
        .into_iter()
        .map(|runs| {
            let mut term = read_term(&runs, &groups);
            let pieces = split(&runs, words);
            if pieces.len() > 1 {
                term.pieces = pieces.iter().map(|p| read_term(p, &groups)).collect();
            }
            term
        })
        .collect()
}

/// The site's words a term may be split into (`search_words/` in the
/// browser): the words starting with a pair of characters.
pub trait Words {
    fn is_word(&self, word: &str) -> bool;
}

impl Words for std::collections::HashSet<String> {
    fn is_word(&self, word: &str) -> bool {
        self.contains(word)
    }
}

impl Words for std::collections::BTreeSet<String> {
    fn is_word(&self, word: &str) -> bool {
        self.contains(word)
    }
}

/// No words: terms are never split.
pub struct NoWords;

impl Words for NoWords {
    fn is_word(&self, _: &str) -> bool {
        false
    }
}

fn synonym_groups(synonyms: &[Vec<String>]) -> Vec<Vec<String>> {
    synonyms
        .iter()
        .map(|g| {
            g.iter()
                .map(|w| normalize(w))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect()
}

/// One term's text and alternatives (its synonym rewrites).
fn read_term(runs: &[Run], groups: &[Vec<String>]) -> Term {
    let text = text_of(runs);
    let mut alternatives = vec![Alternative {
        text: text.clone(),
        tokens: tokens_of(runs),
    }];
    for group in groups {
        // Of a group's words in the term, the longest is rewritten
        // (学前教育, not the 学前 inside it).
        let mut found: Option<(usize, &String)> = None;
        for word in group {
            if let Some(at) = occurrence(runs, word) {
                if found.is_none_or(|(_, w)| word.chars().count() > w.chars().count()) {
                    found = Some((at, word));
                }
            }
        }
        let Some((at, word)) = found else { continue };
        for other in group.iter().filter(|o| *o != word) {
            let rewritten = format!("{}{other}{}", &text[..at], &text[at + word.len()..]);
            let runs = terms_of(&rewritten).concat();
            let alt = Alternative {
                text: rewritten,
                tokens: tokens_of(&runs),
            };
            if alternatives.len() < MAX_ALTERNATIVES
                && !alternatives.iter().any(|a| a.tokens == alt.tokens)
            {
                alternatives.push(alt);
            }
        }
    }
    Term {
        text,
        alternatives,
        pieces: Vec::new(),
    }
}

/// Characters that join words in a typed query (新疆的小学, 小学和初中):
/// left out of a split, unless a word holds them (和田).
const JOINERS: &[char] = &['的', '和', '与', '及', '或'];

/// Han runs longer than this are not split: a pasted sentence is a phrase.
const MAX_SPLIT_CHARS: usize = 32;

/// The words a term runs together, as pieces of runs: each letter-or-digit
/// word a piece of its own, each Han run cut into the site's words. Where a
/// run holds no word of the site, or a single character would be left over,
/// the run stays whole; a term with a lone Han character beside a word
/// (`2024年`) is not split. The cut covers as many characters with words as it
/// can, then has as few pieces as it can, then the longest first piece:
/// `query.js` cuts the same way (tests/data/query_cases.json).
fn split(runs: &[Run], words: &dyn Words) -> Vec<Vec<Run>> {
    let mut pieces = Vec::new();
    for run in runs {
        match run {
            Run::Word(_) => pieces.push(vec![run.clone()]),
            Run::Han(chars) => match cut_han(chars, words) {
                Some(cut) => pieces.extend(cut.into_iter().map(|w| vec![Run::Han(w)])),
                // A lone character beside a word (2024年) is no word of its own.
                None if chars.len() == 1 => return vec![runs.to_vec()],
                None => pieces.push(vec![run.clone()]),
            },
        }
    }
    pieces
}

/// The best cut of one Han run into words (see [`split`]), or `None` when
/// it has none of two pieces or more.
fn cut_han(chars: &[char], words: &dyn Words) -> Option<Vec<Vec<char>>> {
    let n = chars.len();
    if !(3..=MAX_SPLIT_CHARS).contains(&n) {
        return None;
    }
    /// The best cut of `chars[i..]`: characters covered by words, pieces,
    /// and where each piece ends (`None` for a joiner left out).
    #[derive(Clone)]
    struct Best {
        covered: usize,
        pieces: usize,
        first: usize,
        next: usize,
        piece: bool,
    }
    let better = |a: &Best, b: &Best| {
        (a.covered, std::cmp::Reverse(a.pieces), a.first)
            > (b.covered, std::cmp::Reverse(b.pieces), b.first)
    };
    let mut best: Vec<Option<Best>> = vec![None; n + 1];
    best[n] = Some(Best {
        covered: 0,
        pieces: 0,
        first: 0,
        next: n,
        piece: false,
    });
    for i in (0..n).rev() {
        let mut here: Option<Best> = None;
        let mut consider = |cand: Best| {
            if here.as_ref().is_none_or(|h| better(&cand, h)) {
                here = Some(cand);
            }
        };
        if JOINERS.contains(&chars[i]) {
            if let Some(rest) = &best[i + 1] {
                consider(Best {
                    covered: rest.covered,
                    pieces: rest.pieces,
                    first: 0,
                    next: i + 1,
                    piece: false,
                });
            }
        }
        for j in i + 2..=n {
            let Some(rest) = &best[j] else { continue };
            let word: String = chars[i..j].iter().collect();
            let covered = if words.is_word(&word) { j - i } else { 0 };
            consider(Best {
                covered: rest.covered + covered,
                pieces: rest.pieces + 1,
                first: j - i,
                next: j,
                piece: true,
            });
        }
        best[i] = here;
    }
    let top = best[0].as_ref()?;
    if top.pieces < 2 || top.covered == 0 {
        return None;
    }
    let mut cut = Vec::new();
    let mut i = 0;
    while i < n {
        let b = best[i].as_ref()?;
        if b.piece {
            cut.push(chars[i..b.next].to_vec());
        }
        i = b.next;
    }
    Some(cut)
}

/// Where `word` (normalized) stands in the text of a term's runs, as a byte
/// offset: a word of letters or digits only as a
/// whole run (AI, not the ai of "training"), Han text anywhere inside a Han
/// run.
fn occurrence(runs: &[Run], word: &str) -> Option<usize> {
    let han_word = word.chars().all(is_han);
    let mut at = 0;
    for run in runs {
        let piece = text_of(std::slice::from_ref(run));
        match run {
            Run::Word(w) if w == word => return Some(at),
            Run::Han(_) if han_word => {
                if let Some(i) = piece.find(word) {
                    return Some(at + i);
                }
            }
            _ => {}
        }
        at += piece.len();
    }
    None
}

/// The shared table `tests/data/query_cases.json` is run against this
/// file and query.js by `tests/it/contract.rs`.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_characters_are_never_split_and_a_lone_character_is_never_a_piece() {
        let words: std::collections::HashSet<String> =
            ["园", "长", "小学", "班主任", "和田", "新疆"]
                .iter()
                .map(|w| w.to_string())
                .collect();
        let split_of = |q: &str| -> Vec<Vec<String>> {
            parse(q, &[], &words)
                .iter()
                .map(|t| t.pieces.iter().map(|p| p.text.clone()).collect())
                .collect()
        };
        assert_eq!(split_of("园长"), vec![Vec::<String>::new()]);
        assert_eq!(split_of("园主"), vec![Vec::<String>::new()]);
        assert_eq!(split_of("小学班主任"), vec![vec!["小学", "班主任"]]);
        assert_eq!(split_of("新疆的小学"), vec![vec!["新疆", "小学"]]);
        assert_eq!(split_of("新疆和田"), vec![vec!["新疆", "和田"]]);
        // 县 alone would be a piece: the run stays whole.
        assert_eq!(split_of("县小学"), vec![Vec::<String>::new()]);
        assert_eq!(split_of("小学数学"), vec![vec!["小学", "数学"]]);
    }
}
