//! Strict TOML decoding with positions.
//!
//! serde stops at the first error, so unknown keys are found in a separate
//! pass over the parsed table: every misspelt field in a file is reported in
//! one run, each with a did-you-mean. The typed decode then reports the first
//! type error (a string where a number belongs, and so on).

use crate::util::diag::{suggest, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;
use toml::de::{DeTable, Deserializer};

/// Decodes `text` (which sits at byte `offset` of `file_source`) into `T`,
/// rejecting top-level keys not in `known`.
pub fn decode<T: DeserializeOwned>(
    path: &Path,
    file_source: &str,
    text: &str,
    offset: usize,
    known: &[&str],
    what: &str,
) -> Result<T, Vec<Diagnostic>> {
    let at = |span: std::ops::Range<usize>| (span.start + offset)..(span.end + offset);
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            return Err(vec![Diagnostic::error(format!(
                "invalid TOML in {what}: {}",
                tidy(e.message())
            ))
            .in_file(path)
            .at_span(file_source, at(span))]);
        }
    };
    let mut problems = Vec::new();
    for key in table.get_ref().keys() {
        let name: &str = key.get_ref();
        if !known.contains(&name) {
            let mut d = Diagnostic::error(format!("unknown field `{name}` in {what}"))
                .in_file(path)
                .at_span(file_source, at(key.span()));
            d = match suggest(name, known.iter().copied()) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")),
                None => d.with_help(format!("the fields are: {}", known.join(", "))),
            };
            problems.push(d);
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let whole = table.span();
    T::deserialize(Deserializer::from(table)).map_err(|e| {
        let span = e.span().unwrap_or(whole);
        let message = tidy(e.message());
        let mut d = Diagnostic::error(format!("{message} in {what}"))
            .in_file(path)
            .at_span(file_source, at(span));
        if let Some(help) = help_for(&message) {
            d = d.with_help(help);
        }
        vec![d]
    })
}

/// serde's messages end with a newline and sometimes a period; keep one line.
fn tidy(message: &str) -> String {
    message.trim().trim_end_matches('.').replace('\n', " ")
}

/// Turns serde's "unknown field `x`, expected one of `a`, `b`" (from nested
/// tables such as funding items) and type mismatches into a plain hint.
fn help_for(message: &str) -> Option<String> {
    let ticks: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    if message.starts_with("unknown field") && ticks.len() > 1 {
        return Some(match suggest(ticks[0], ticks[1..].iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("the fields are: {}", ticks[1..].join(", ")),
        });
    }
    if message.contains("invalid type: string")
        && (message.contains("integer")
            || message.contains("u32")
            || message.contains("f64")
            || message.contains("float"))
    {
        return Some("write numbers without quotes, e.g. `offline_days = 30`".into());
    }
    None
}
