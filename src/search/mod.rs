//! The search index: elasticlunr-rs with our own tokenizer, written to
//! `/search_index.json` and read by the theme's own JavaScript.
//!
//! Tokenizer (implemented identically in `themes/default/static/search.js`):
//! a run of Han characters gives every single character and every adjacent
//! pair (乡村教师 → 乡 村 教 师 乡村 村教 教师); a run of Latin letters and
//! digits gives one lowercased token, with a dot between digits kept
//! (工程2.0 → 工 程 工程 2.0; STEM → stem). Single characters make one- and
//! two-character queries (师, 农村) work without a dictionary; pairs make
//! phrase queries precise. A dictionary segmenter (jieba) was rejected: the
//! browser cannot reproduce it without downloading the dictionary, and a
//! query split differently from the index finds nothing.

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

/// One document's searchable text, in `INDEX_FIELDS` order.
pub struct SearchDoc {
    pub slug: String,
    pub fields: [String; 5],
}

pub fn documents(site: &Site, body_text: &[String]) -> Vec<SearchDoc> {
    site.projects
        .iter()
        .zip(body_text)
        .map(|(p, body)| {
            let c = site.catalog_of(p);
            let category = site
                .config
                .category(&p.category)
                .map_or(p.category.clone(), |k| k.label.clone());
            let place = [c.place(), p.counties.join(" ")].join(" ");
            let tags = [
                category,
                p.plan.clone().unwrap_or_default(),
                p.level.clone(),
                p.tags.join(" "),
                p.audience.join(" "),
                p.stages.join(" "),
                p.modes.join(" "),
            ]
            .join(" ");
            SearchDoc {
                slug: p.slug.clone(),
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

/// The elasticlunr JSON for these documents. Document text is not stored in
/// the index (`save_docs(false)`); titles and URLs come from catalog.json.
pub fn build_index(docs: &[SearchDoc]) -> String {
    let mut index = IndexBuilder::with_language(Box::new(CjkLanguage))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build();
    for d in docs {
        index.add_doc(&d.slug, d.fields.iter().map(String::as_str));
    }
    index.to_json()
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
}
