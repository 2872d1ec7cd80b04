//! The theme: its Tera templates compiled once per build, and the error a
//! template or the output can give.

use crate::util::diag::{Diagnostic, Diagnostics, Location};
use std::fmt;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

pub const THEMES_DIR: &str = "themes";

/// Templates that do not compile or render, or a theme that is missing:
/// each problem at its template's line and column when Tera says where.
#[derive(Debug)]
pub struct OutputError {
    pub problems: Vec<Diagnostic>,
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.problems {
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for OutputError {}

impl OutputError {
    pub fn to_diagnostics(&self) -> Diagnostics {
        Diagnostics(self.problems.clone())
    }
}

/// One problem Tera reports: its message, and the template, line, column
/// and width it points at.
struct Report {
    message: String,
    at: Option<(String, usize, usize, usize)>,
}

/// What a Tera error says, with the errors it wraps. Tera gives a
/// rendering or syntax error with its place; a template that uses an
/// unknown filter, test or function comes as its own rendered reports
/// (`error: …` / ` --> name:line:col` / the caret line), read back here.
fn reports(e: &tera::Error) -> Vec<Report> {
    let mut messages = Vec::new();
    let mut next: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = next {
        match err.downcast_ref::<tera::Error>().map(tera::Error::kind) {
            Some(tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r)) => {
                let span = r.span();
                return vec![Report {
                    message: [messages.join(": "), r.message().to_string()]
                        .into_iter()
                        .filter(|m| !m.is_empty())
                        .collect::<Vec<_>>()
                        .join(": "),
                    at: Some((
                        r.filename().to_string(),
                        span.start_line,
                        span.start_col + 1,
                        if span.start_line == span.end_line {
                            span.end_col.saturating_sub(span.start_col).max(1)
                        } else {
                            1
                        },
                    )),
                }];
            }
            _ => messages.push(err.to_string()),
        }
        next = err.source();
    }
    let text = messages.join(": ");
    let mut found = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        let mut report = Report {
            message: message.to_string(),
            at: None,
        };
        while let Some(next) = lines.next_if(|l| !l.starts_with("error: ")) {
            if let Some(place) = next.trim_start().strip_prefix("--> ") {
                let mut parts = place.rsplitn(3, ':');
                let (col, line, name) = (parts.next(), parts.next(), parts.next());
                if let (Some(col), Some(line), Some(name)) = (col, line, name) {
                    if let (Ok(line), Ok(col)) = (line.parse(), col.parse()) {
                        report.at = Some((name.to_string(), line, col, 1));
                    }
                }
            } else if let Some(carets) = next.split('|').nth(1).map(str::trim) {
                if let Some(at) = report.at.as_mut().filter(|_| carets.starts_with('^')) {
                    at.3 = carets.chars().take_while(|&c| c == '^').count();
                }
            }
        }
        found.push(report);
    }
    if found.is_empty() {
        found.push(Report {
            message: text,
            at: None,
        });
    }
    found
}

/// The compiled theme.
pub struct Theme {
    pub tera: Tera,
    pub static_dir: PathBuf,
    /// The templates' folder, and how it is shown (relative to the site).
    templates: PathBuf,
    shown: PathBuf,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, OutputError> {
        let dir = root.join(THEMES_DIR).join(name);
        let templates = dir.join("templates");
        let shown = Path::new(THEMES_DIR).join(name).join("templates");
        let err = |message: String| OutputError {
            problems: vec![Diagnostic::error(message).in_file(&shown)],
        };
        if !templates.is_dir() {
            return Err(err(crate::tr!(
                "theme-missing",
                name = name,
                folder = shown.display().to_string()
            )));
        }
        let tera = Tera::new();
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&templates).sort_by_file_name() {
            let entry =
                entry.map_err(|e| err(crate::tr!("theme-unreadable", error = e.to_string())))?;
            if entry.file_type().is_file()
                && !crate::util::names::is_ignored_name(&entry.file_name().to_string_lossy())
            {
                let name = entry
                    .path()
                    .strip_prefix(&templates)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((entry.path().to_path_buf(), Some(name)));
            }
        }
        let mut theme = Theme {
            tera,
            static_dir: dir.join("static"),
            templates,
            shown,
        };
        let added = theme.tera.add_template_files(files);
        added.map_err(|e| theme.template_error(&e))?;
        theme.tera.autoescape_on(vec![".html", ".xml"]);
        Ok(theme)
    }

    /// A Tera error as problems at the templates' lines and columns.
    fn template_error(&self, e: &tera::Error) -> OutputError {
        let problems = reports(e)
            .into_iter()
            .map(|r| match r.at {
                Some((file, line, column, width)) => {
                    let d = Diagnostic::error(crate::tr!("template-error", detail = r.message))
                        .in_file(self.shown.join(&file));
                    let text =
                        std::fs::read_to_string(self.templates.join(&file)).unwrap_or_default();
                    match text.lines().nth(line.saturating_sub(1)) {
                        Some(source_line) => d.at(Location {
                            line,
                            column,
                            width,
                            source_line: source_line.to_string(),
                        }),
                        None => d,
                    }
                }
                None => Diagnostic::error(crate::tr!("template-error", detail = r.message))
                    .in_file(&self.shown),
            })
            .collect();
        OutputError { problems }
    }

    pub(super) fn render(&self, template: &str, ctx: &Context) -> Result<String, OutputError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| self.template_error(&e))
    }

    /// A page as bytes for writing: `render` checks the whole output is
    /// UTF-8 again, though every piece of it already was.
    ///
    /// Each thread renders into one buffer it keeps, and the page is copied
    /// out at its exact size: every page is held until all are written, and
    /// a buffer grown to fit is larger than its page.
    pub(super) fn render_bytes(
        &self,
        template: &str,
        ctx: &Context,
    ) -> Result<Vec<u8>, OutputError> {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            self.tera
                .render_to(template, ctx, &mut *buffer)
                .map_err(|e| self.template_error(&e))?;
            Ok(buffer.as_slice().to_vec())
        })
    }
}
