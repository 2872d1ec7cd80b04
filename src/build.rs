//! The pipeline: config → content → model → pages → output, and the atomic
//! swap of the output directory.
//!
//! The site is built into a temporary directory beside `output/` (same
//! filesystem, so renames are cheap) and swapped in only when everything
//! succeeded. A failed build leaves the previous `output/` exactly as it was.
//! The swap itself is two renames (output → old, new → output); between them
//! `output/` is briefly absent, which a static host copying the folder after
//! the command exits never sees.

use crate::catalog::Site;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::render::{self, Theme};
use crate::timing::phase;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
}

#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// Problems in the site's files; nothing was written.
    Invalid(Diagnostics),
    /// The output could not be written or swapped in.
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Invalid(d) => {
                write!(f, "{d}")?;
                let n = d.error_count();
                write!(
                    f,
                    "error: {n} problem{} found; nothing was written",
                    if n == 1 { "" } else { "s" }
                )
            }
            BuildError::Output { path, source } => {
                write!(f, "error: cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for BuildError {}

impl BuildError {
    pub fn diagnostics(&self) -> Diagnostics {
        match self {
            BuildError::Invalid(d) => d.clone(),
            BuildError::Output { path, source } => {
                Diagnostics(vec![
                    Diagnostic::error(format!("cannot write: {source}")).in_file(path)
                ])
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub projects: usize,
    pub catalogs: usize,
    pub files: usize,
    pub warnings: Diagnostics,
    pub millis: u128,
    pub output: PathBuf,
}

/// Loads and validates everything (what `check` does), returning the model.
pub fn load_site(
    opts: &BuildOptions,
) -> Result<(Site, Theme, render::Texts, Diagnostics), BuildError> {
    let mut config =
        Config::load(&opts.root).map_err(|e| BuildError::Invalid(e.into_diagnostics()))?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url);
    }
    let mut diags = Diagnostics::default();
    let theme = match Theme::load(&opts.root, &config.theme) {
        Ok(t) => Some(t),
        Err(e) => {
            diags.push(e.to_diagnostic());
            None
        }
    };
    let (loaded, content_diags) =
        phase("load content", || crate::content::load(&opts.root, &config));
    diags.extend(content_diags);
    if loaded.catalogs.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error("no catalogs in content/")
                .with_help("add content/<catalog>/_catalog.md"),
        );
    }
    let site = phase("model and facets", || {
        Site::new(config, loaded.catalogs, loaded.projects)
    });
    let texts = phase("markdown", || render::render_texts(&site));
    if !diags.has_errors() {
        diags.extend(phase("link check", || render::check_links(&site, &texts)));
    }
    diags.sort();
    match theme {
        Some(theme) if !diags.has_errors() => Ok((site, theme, texts, diags)),
        _ => Err(BuildError::Invalid(diags)),
    }
}

/// Builds the whole site and swaps it into the output directory.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let (site, theme, texts, warnings) = load_site(opts)?;
    let files = phase("render", || render::render_site(&site, &theme, &texts))
        .map_err(|e| BuildError::Invalid(Diagnostics(vec![e.to_diagnostic()])))?;
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|source| BuildError::Output {
        path: parent.clone(),
        source,
    })?;
    let staging = tempfile::Builder::new()
        .prefix(".peixun-build-")
        .tempdir_in(&parent)
        .map_err(|source| BuildError::Output {
            path: parent.clone(),
            source,
        })?;
    let write_err = |e: render::RenderError| match e {
        render::RenderError::Io { path, source } => BuildError::Output { path, source },
        other => BuildError::Invalid(Diagnostics(vec![other.to_diagnostic()])),
    };
    phase("write files", || {
        render::write_files(staging.path(), &files)
    })
    .map_err(write_err)?;
    let statics = render::copy_static(&theme, staging.path()).map_err(write_err)?;
    phase("swap output", || swap_in(staging, &output))?;
    Ok(BuildReport {
        projects: site.projects.len(),
        catalogs: site.catalogs.len(),
        files: files.len() + statics,
        warnings,
        millis: start.elapsed().as_millis(),
        output,
    })
}

/// Replaces `output` with the staged tree.
fn swap_in(staging: tempfile::TempDir, output: &Path) -> Result<(), BuildError> {
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BuildError::Output { path, source }
    };
    let staged = staging.keep();
    if output.exists() {
        let old = output.with_file_name(format!(
            ".peixun-old-{}-{}",
            std::process::id(),
            output
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        ));
        std::fs::rename(output, &old).map_err(err(output))?;
        if let Err(e) = std::fs::rename(&staged, output) {
            // Put the previous site back rather than leave nothing.
            let _ = std::fs::rename(&old, output);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(BuildError::Output {
                path: output.to_path_buf(),
                source: e,
            });
        }
        std::fs::remove_dir_all(&old).map_err(err(&old))?;
    } else {
        std::fs::rename(&staged, output).map_err(err(output))?;
    }
    Ok(())
}
