//! Reading one content file: refused before or while reading when it is too
//! large, binary or not UTF-8; then split into front matter and body.

use super::MAX_FILE_BYTES;
use crate::tr;
use crate::util::diag::{Diagnostic, Location};
use std::path::Path;

/// Reads a content file, refusing huge, binary and non-UTF-8 files with a position.
pub fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(tr!("read-failed", error = crate::util::i18n::io_error(&e)))
            .in_file(shown)
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(tr!(
            "read-too-large",
            size = format!("{:.1}", meta.len() as f64 / 1048576.0),
            limit = MAX_FILE_BYTES / 1048576
        ))
        .in_file(shown)
        .with_help(tr!("read-too-large-help")));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if let Some(nul) = text.find('\0') {
                return Err(Diagnostic::error(tr!("read-binary"))
                    .in_file(shown)
                    .at_span(&text, nul..nul + 1));
            }
            if text.starts_with('\u{feff}') {
                text.replace_range(..3, "");
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let good = String::from_utf8_lossy(&bytes[..valid]).to_string();
            let line = good.matches('\n').count() + 1;
            let column = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let mut d = Diagnostic::error(tr!(
                "read-not-utf8",
                byte = valid,
                line = line,
                column = column
            ))
            .in_file(shown)
            .with_help(tr!("read-not-utf8-help"));
            d.location = Some(Box::new(Location {
                line,
                column,
                width: 1,
                source_line: good.rsplit('\n').next().unwrap_or("").to_string(),
            }));
            Err(d)
        }
    }
}

/// Splits `+++`-delimited front matter. Returns the front matter, its byte
/// offset, and the byte offset of the body.
pub fn split_front_matter<'a>(
    shown: &Path,
    text: &'a str,
) -> Result<(&'a str, usize, usize), Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::error(tr!("front-missing"))
            .in_file(shown)
            .at_span(text, 0..first_line_end.min(text.len()))
            .with_help(tr!("front-missing-help")));
    }
    let start = (first_line_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Ok((&text[start..pos], start, body_start));
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(tr!("front-unclosed"))
        .in_file(shown)
        .at_span(text, 0..3)
        .with_help(tr!("front-unclosed-help")))
}
