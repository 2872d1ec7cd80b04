//! The theme: its Tera templates compiled once per build, and the error a
//! template or the output can give.

use crate::util::diag::Diagnostic;
use std::fmt;
use std::path::{Path, PathBuf};
use tera::{Context, Tera};

pub const THEMES_DIR: &str = "themes";

#[derive(Debug)]
#[non_exhaustive]
pub enum OutputError {
    /// The theme is missing or a template does not compile or render.
    Template { template: String, message: String },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Template { template, message } => {
                write!(f, "template {template}: {message}")
            }
            OutputError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for OutputError {}

impl OutputError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            OutputError::Template { template, message } => {
                Diagnostic::error(format!("template error: {message}")).in_file(template)
            }
            OutputError::Io { path, source } => {
                Diagnostic::error(format!("cannot write: {source}")).in_file(path)
            }
        }
    }
}

/// Tera's errors nest the useful part (file, line, snippet) in their sources.
pub(super) fn tera_message(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    msg
}

/// The compiled theme.
pub struct Theme {
    pub tera: Tera,
    pub static_dir: PathBuf,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, OutputError> {
        let dir = root.join(THEMES_DIR).join(name);
        let templates = dir.join("templates");
        let err = |template: &Path, message: String| OutputError::Template {
            template: template.display().to_string(),
            message,
        };
        if !templates.is_dir() {
            return Err(err(
                &templates,
                format!(
                    "theme `{name}` not found (expected {}/{name}/templates/)",
                    THEMES_DIR
                ),
            ));
        }
        let mut tera = Tera::new();
        let mut files = Vec::new();
        for entry in walkdir::WalkDir::new(&templates).sort_by_file_name() {
            let entry = entry.map_err(|e| err(&templates, e.to_string()))?;
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
        tera.add_template_files(files)
            .map_err(|e| err(&templates, tera_message(&e)))?;
        tera.autoescape_on(vec![".html", ".xml"]);
        Ok(Theme {
            tera,
            static_dir: dir.join("static"),
        })
    }

    pub(super) fn render(&self, template: &str, ctx: &Context) -> Result<String, OutputError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(template, &e))
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
                .map_err(|e| template_error(template, &e))?;
            Ok(buffer.as_slice().to_vec())
        })
    }
}

pub(super) fn template_error(template: &str, e: &tera::Error) -> OutputError {
    OutputError::Template {
        template: template.to_string(),
        message: tera_message(e),
    }
}
