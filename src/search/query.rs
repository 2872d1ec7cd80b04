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

use super::tokenizer::{is_cjk_separator, is_han};

/// One term of a query and what it may also be searched as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as it is matched: its runs joined, words lowercased.
    pub text: String,
    /// The term itself first, then its synonym rewrites.
    pub alternatives: Vec<Alternative>,
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
/// (groups of words that mean the same).
pub fn parse(query: &str, synonyms: &[Vec<String>]) -> Vec<Term> {
    let groups: Vec<Vec<String>> = synonyms
        .iter()
        .map(|g| {
            g.iter()
                .map(|w| normalize(w))
                .filter(|w| !w.is_empty())
                .collect()
        })
        .collect();
    terms_of(query)
        .into_iter()
        .map(|runs| {
            let text = text_of(&runs);
            let mut alternatives = vec![Alternative {
                text: text.clone(),
                tokens: tokens_of(&runs),
            }];
            for group in &groups {
                // Of a group's words in the term, the longest is rewritten
                // (学前教育, not the 学前 inside it).
                let mut found: Option<(usize, &String)> = None;
                for word in group {
                    if let Some(at) = occurrence(&runs, word) {
                        if found.is_none_or(|(_, w)| word.chars().count() > w.chars().count()) {
                            found = Some((at, word));
                        }
                    }
                }
                if let Some((at, word)) = found {
                    for other in group.iter().filter(|o| *o != word) {
                        let rewritten =
                            format!("{}{other}{}", &text[..at], &text[at + word.len()..]);
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
            }
            Term { text, alternatives }
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The table query.js's query analysis is held to as well.
    #[test]
    fn shared_query_cases() {
        let cases: Value =
            serde_json::from_str(include_str!("../../tests/data/query_cases.json")).unwrap();
        let synonyms: Vec<Vec<String>> = serde_json::from_value(cases["synonyms"].clone()).unwrap();
        let queries = cases["queries"].as_array().unwrap();
        assert!(queries.len() >= 15);
        for case in queries {
            let q = case["query"].as_str().unwrap();
            let got: Vec<Value> = parse(q, &synonyms)
                .into_iter()
                .map(|t| {
                    serde_json::json!({
                        "text": t.text,
                        "alternatives": t.alternatives.iter().map(|a| serde_json::json!({"text": a.text, "tokens": a.tokens})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            assert_eq!(Value::Array(got), case["terms"], "terms of {q:?}");
        }
    }
}
