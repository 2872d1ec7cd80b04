//! The theme's static files, copied to the output root.

use super::{OutFile, WriteError};
use std::path::Path;

/// The theme's static files, read into memory (for the dev server). Symbolic
/// links are skipped so nothing outside the theme is ever served.
pub fn static_files(static_dir: &Path) -> Result<Vec<OutFile>, WriteError> {
    let mut files = Vec::new();
    if !static_dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(static_dir).min_depth(1) {
        let entry = entry.map_err(|e| WriteError {
            path: static_dir.to_path_buf(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file()
            || crate::util::names::is_ignored_name(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(static_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let bytes = std::fs::read(entry.path()).map_err(|source| WriteError {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.push(OutFile { path: rel, bytes });
    }
    Ok(files)
}
