//! Diagnostics: one problem in one file, pointed at by line and column.
//!
//! Every stage collects `Diagnostic`s instead of stopping at the first
//! problem, so an editor sees every mistake in the tree in one run. The
//! renderer underlines by display width (`unicode-width`), because content is
//! Chinese: a caret line under `"六十"` must be 6 columns wide, not 8 bytes.

use std::fmt;
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

/// A place in a source file: 1-based line, 1-based column counted in
/// characters (not bytes), and the text of that line for the snippet.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// Display width of the underlined text (at least 1).
    pub width: usize,
    pub source_line: String,
}

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// A mistake: the build stops, nothing is written.
    Error,
    /// Something still to do that does not stop a build (a draft, a guess
    /// marked 待核对, a base_url that only this machine reaches); `check
    /// --strict` treats these as errors.
    Warning,
}

/// A problem in the site's files, or something still to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// Path as shown to the user (relative to the site root where possible).
    pub path: Option<PathBuf>,
    /// Boxed: most diagnostics travel in `Result`s, and the line's text
    /// would make every one of them large.
    pub location: Option<Box<Location>>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            path: None,
            location: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }

    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Points the diagnostic at `span` (byte range) of `source`.
    pub fn at_span(mut self, source: &str, span: std::ops::Range<usize>) -> Self {
        self.location = Some(Box::new(locate(source, span)));
        self
    }

    /// Points the diagnostic at a place found before.
    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(Box::new(location));
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:col`, or just the path, for one-line summaries and the browser overlay.
    pub fn position(&self) -> String {
        match (&self.path, &self.location) {
            (Some(p), Some(l)) => format!("{}:{}:{}", p.display(), l.line, l.column),
            (Some(p), None) => p.display().to_string(),
            (None, Some(l)) => format!("{}:{}", l.line, l.column),
            (None, None) => String::new(),
        }
    }
}

/// Turns a byte span into line, column and underline width. Spans that fall
/// inside a character or past the end are clamped rather than trusted.
pub fn locate(source: &str, span: std::ops::Range<usize>) -> Location {
    let mut start = span.start.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, source.len());
    while !source.is_char_boundary(end) {
        end += 1;
    }
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |i| start + i);
    let line = source[..start].matches('\n').count() + 1;
    let column = source[line_start..start].chars().count() + 1;
    let underlined = &source[start..end.min(line_end)];
    let source_line = source[line_start..line_end]
        .trim_end_matches('\r')
        .to_string();
    Location {
        line,
        column,
        width: underlined.width().max(1),
        source_line,
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.level {
            Level::Error => crate::tr!("label-error"),
            Level::Warning => crate::tr!("label-warning"),
        };
        writeln!(f, "{label}{}", self.message)?;
        let position = self.position();
        // The gutter is as wide as the line number, so that `|` and `=`
        // line up under each other.
        let gutter = self
            .location
            .as_ref()
            .map_or(1, |l| l.line.to_string().len());
        match &self.location {
            Some(loc) => {
                writeln!(f, "{:gutter$}--> {position}", "")?;
                writeln!(f, "{:gutter$} |", "")?;
                writeln!(f, "{} | {}", loc.line, loc.source_line)?;
                let prefix: String = loc.source_line.chars().take(loc.column - 1).collect();
                // Tabs keep their width so the caret stays under the mistake.
                let pad: String = prefix
                    .chars()
                    .map(|c| {
                        if c == '\t' {
                            "\t".to_string()
                        } else {
                            " ".repeat(c.to_string().width())
                        }
                    })
                    .collect();
                writeln!(f, "{:gutter$} | {pad}{}", "", "^".repeat(loc.width))?;
            }
            None if !position.is_empty() => writeln!(f, "  --> {position}")?,
            None => {}
        }
        if let Some(help) = &self.help {
            writeln!(f, "{:gutter$} = {}{help}", "", crate::tr!("label-help"))?;
        }
        Ok(())
    }
}

/// A list of diagnostics, sorted by file and position for stable output.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }
    /// Whether any of them is an error (warnings do not stop a build).
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }
    /// The warnings, without the errors.
    pub fn warnings(&self) -> Diagnostics {
        Diagnostics(self.0.iter().filter(|d| !d.is_error()).cloned().collect())
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.path.clone(),
                    d.location.as_ref().map(|l| (l.line, l.column)),
                )
            };
            key(a).cmp(&key(b))
        });
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Path relative to the site root for messages; falls back to the full path.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The closest candidate to `word`, if it is close enough to be a likely typo:
/// within a third of the longer length (at least one edit), or containing/contained
/// by the word (名校访学 for 名校访学研修).
pub fn suggest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let len = word.chars().count();
    candidates
        .into_iter()
        .map(|c| {
            let d = strsim::levenshtein(word, c);
            let (short, long) = if len <= c.chars().count() {
                (len, c.chars().count())
            } else {
                (c.chars().count(), len)
            };
            let contains = short > 0 && short * 2 >= long && (c.contains(word) || word.contains(c));
            (c, if contains { d.min(1) } else { d }, d)
        })
        .filter(|(c, d, _)| {
            let limit = len.max(c.chars().count()).div_ceil(3).max(1);
            *d <= limit
        })
        // Of equally likely ones, the fewest edits away.
        .min_by_key(|(_, d, edits)| (*d, *edits))
        .map(|(c, _, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_width_follows_display_width_of_chinese() {
        let src = "title = \"x\"\noffline_days = \"六十\"\n";
        let start = src.find("\"六十\"").unwrap();
        let loc = locate(src, start..start + "\"六十\"".len());
        assert_eq!((loc.line, loc.column, loc.width), (2, 16, 6));
        let d = Diagnostic::error("expected a number")
            .in_file("a.md")
            .at_span(src, start..start + 8);
        let text = d.to_string();
        assert!(text.contains("--> a.md:2:16"), "{text}");
        assert!(text.contains("  ^^^^^^\n"), "{text}");
    }

    #[test]
    fn suggests_close_chinese_values() {
        assert_eq!(
            suggest("班主人", ["教师", "班主任", "校长"]),
            Some("班主任")
        );
        assert_eq!(suggest("titel", ["title", "tags"]), Some("title"));
        assert_eq!(suggest("完全无关的词", ["教师", "校长"]), None);
    }
}
