//! `/how-to-join/`: how a teacher takes part in these projects. The guides
//! are written for the institutions that bid to run a project, so a teacher
//! reads "申报单位：高等院校…" as "not for me"; the documents also say how
//! trainees are chosen (黔江: 做好参培学员遴选推荐工作), and this page puts
//! their own sentences side by side with a plain explanation. Every
//! project page links it.

use super::context::{html_file, Ctx};
use super::{OutFile, OutputError, Theme};
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

pub(super) fn join_page(cx: &Ctx, theme: &Theme) -> Result<OutFile, OutputError> {
    let site = cx.site;
    let documents: Vec<DocumentQuotes> = site
        .catalogs
        .par_iter()
        .enumerate()
        .filter(|(_, c)| !c.is_guidance())
        .map(|(i, c)| {
            let texts: Vec<&str> = std::iter::once(c.body.text.as_str())
                .chain(site.projects_of(i).map(|e| e.project.body.text.as_str()))
                .collect();
            let sentences: Vec<&str> = texts.iter().flat_map(|t| sentences(t)).collect();
            // The first few, surest words first. A sentence is quoted (a
            // new string) only once it is chosen: this page is made on
            // every save under `serve`, over every project's text.
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
                .find(|s| BIDDING_WORDS.iter().all(|w| s.contains(w)))
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
