//! `/how-to-join/`: how a teacher takes part in these projects. The guides
//! are written for the institutions that bid to run a project, so a teacher
//! reads "申报单位：高等院校…" as "not for me"; the documents also say how
//! trainees are chosen (黔江: 做好参培学员遴选推荐工作), and this page puts
//! their own sentences side by side with a plain explanation. Every
//! project page links it.

use super::context::{html_file, Ctx};
use super::pieces::try_per_project;
use super::RenderCache;
use super::{OutFile, OutputError, Theme};
use crate::model::Entry;
use crate::util::url as urls;
use rayon::prelude::*;
use serde::Serialize;

/// Words of a sentence that says how trainees are chosen, the surest first.
const SELECTION_WORDS: &[&str] = &["遴选推荐", "送培", "选派", "推荐", "参训学员", "参培学员"];

/// Words of a sentence that says who may bid to run a project.
const BIDDING_WORDS: &[&str] = &["面向", "申报"];

/// Sentences quoted per document, at most, and their length in characters.
const QUOTES_PER_DOCUMENT: usize = 3;
const QUOTE_CHARS: usize = 120;

#[derive(Serialize)]
struct DocumentQuotes {
    title: String,
    url: String,
    issuer: Option<String>,
    source_url: Option<String>,
    /// How trainees are chosen, in the document's words.
    selection: Vec<String>,
    /// Who may bid to run its projects, in its words.
    bidding: Option<String>,
}

pub(super) fn join_page(
    cx: &Ctx,
    theme: &Theme,
    cache: Option<&RenderCache>,
) -> Result<OutFile, OutputError> {
    let site = cx.site;
    // Each project's sentences that may be quoted, kept by `serve` between
    // saves: this page is made on every save, over every project's text.
    let all: Vec<Entry> = site.entries().collect();
    let per_project = try_per_project(&all, cache.map(|c| &c.join_sentences), |e| {
        Ok::<_, std::convert::Infallible>(quotable(&e.project.body.text))
    })
    .unwrap_or_default();
    let documents: Vec<DocumentQuotes> = site
        .catalogs
        .par_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_guidance())
        .map(|(i, c)| {
            let own = quotable(&c.body.text);
            // In the order of the document: its own text, then its projects'.
            let sentences: Vec<&str> = own
                .iter()
                .chain(
                    site.projects_of(i)
                        .filter_map(|e| per_project.get(e.index))
                        .flat_map(|s| s.iter()),
                )
                .map(|s| &**s)
                .collect();
            // The first few, surest words first.
            let mut selection: Vec<String> = Vec::new();
            'words: for word in SELECTION_WORDS {
                for s in &sentences {
                    if !s.contains(word) || s.contains("申报") {
                        continue;
                    }
                    let quoted = crate::present::nested(s);
                    if !selection.contains(&quoted) {
                        selection.push(quoted);
                        if selection.len() == QUOTES_PER_DOCUMENT {
                            break 'words;
                        }
                    }
                }
            }
            let bidding = sentences
                .iter()
                .find(|s| is_bidding(s))
                .map(|s| crate::present::nested(s));
            DocumentQuotes {
                title: c.title.clone(),
                url: cx.link(&urls::catalog(&c.slug)),
                issuer: c.issuer.clone(),
                source_url: c.source_url.clone(),
                selection,
                bidding,
            }
        })
        .collect();
    let mut ctx = cx.context("怎样参加培训", urls::HOW_TO_JOIN);
    ctx.insert("documents", &documents);
    Ok(html_file(
        urls::HOW_TO_JOIN,
        theme.render_bytes("join.html", &ctx)?,
    ))
}

/// The sentences of `text` the page may quote: those that say how trainees
/// are chosen or who may bid, in order.
fn quotable(text: &str) -> Vec<Box<str>> {
    sentences(text)
        .filter(|s| SELECTION_WORDS.iter().any(|w| s.contains(w)) || is_bidding(s))
        .map(Into::into)
        .collect()
}

fn is_bidding(sentence: &str) -> bool {
    BIDDING_WORDS.iter().all(|w| sentence.contains(w))
}

/// The sentences of a text short enough to quote whole, without list marks.
/// White space ends one too: Chinese has none inside a sentence, and the
/// text of a page joins headings and list items to what follows with it.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c == '。' || c == '；' || c.is_whitespace())
        .map(|s| s.trim().trim_start_matches(['-', '*', ' ']).trim())
        .filter(|s| {
            let n = s.chars().count();
            (8..=QUOTE_CHARS).contains(&n)
        })
}
