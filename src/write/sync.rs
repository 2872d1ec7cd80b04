//! Bringing the output directory in line with the rendered site.

use super::{OutFile, WriteError};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// What [`sync_output`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// What is in an output directory: paths relative to it, deepest first (a
/// directory after everything in it).
pub struct OutputListing(Result<Vec<(PathBuf, ListedKind)>, WriteError>);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ListedKind {
    File,
    Dir,
    /// A symbolic link, a FIFO, a socket or a device: removed, never
    /// followed, read or written through (opening a FIFO would block).
    Special,
}

/// Lists `out` for [`sync_output`]. `peixun build` lists the output on a
/// thread of its own while it renders: walking a directory per project is
/// most of the time of writing files.
pub fn list_output(out: &Path) -> OutputListing {
    let mut listed = Vec::new();
    if !out.exists() {
        return OutputListing(Ok(listed));
    }
    // Deepest first, so a directory is empty by the time it is looked at.
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                return OutputListing(Err(WriteError {
                    path: e.path().unwrap_or(out).to_path_buf(),
                    source: e.into(),
                }))
            }
        };
        let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
        // Links are not followed, so a link's type is the link's own.
        let kind = if entry.file_type().is_dir() {
            ListedKind::Dir
        } else if entry.file_type().is_file() {
            ListedKind::File
        } else {
            ListedKind::Special
        };
        listed.push((rel.to_path_buf(), kind));
    }
    OutputListing(Ok(listed))
}

/// Makes `out` hold exactly `files`: removes what is not among them, writes
/// what differs and leaves identical files untouched (their modification
/// times stay, so an rsync or a static host's upload sends only what
/// changed). Symbolic links inside `out` are removed, never written through.
///
/// Rewriting in place rather than building a fresh tree and renaming it
/// over the old one, which means creating a directory per project and
/// deleting the old tree on every build. Everything is rendered in memory
/// before this runs, so a content or template error never reaches `out`.
///
/// `listing` is what [`list_output`] found in `out` beforehand (`build`
/// lists it while the site renders). Entries that went away since are
/// fine; one that came since stays until the next build.
pub fn sync_output(
    out: &Path,
    files: &[OutFile],
    listing: OutputListing,
) -> Result<SyncReport, WriteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| WriteError { path, source }
    };
    let gone_is_fine = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    };
    // A directory that gained an entry since it was listed stays.
    let emptied_or_kept = |r: std::io::Result<()>| match r {
        Err(e) if e.kind() == std::io::ErrorKind::DirectoryNotEmpty => Ok(()),
        other => gone_is_fine(other),
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let wanted: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let wanted_dirs: HashSet<&Path> = files
        .iter()
        .flat_map(|f| f.path.ancestors().skip(1))
        .filter(|d| !d.as_os_str().is_empty())
        .collect();
    let mut report = SyncReport::default();
    for (rel, kind) in listing.0? {
        let path = out.join(&rel);
        let stale = match kind {
            ListedKind::Special => true,
            ListedKind::File => !wanted.contains(rel.as_path()),
            ListedKind::Dir => !wanted_dirs.contains(rel.as_path()),
        };
        if !stale {
            continue;
        }
        if kind == ListedKind::Dir {
            emptied_or_kept(std::fs::remove_dir(&path)).map_err(io(&path))?;
        } else {
            gone_is_fine(std::fs::remove_file(&path)).map_err(io(&path))?;
            report.removed += 1;
        }
    }
    let written: Vec<bool> = files
        .par_iter()
        .map_init(Vec::new, |old, f| {
            let path = out.join(&f.path);
            if holds(&path, &f.bytes, old) {
                return Ok(false);
            }
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io(parent))?;
            }
            std::fs::write(&path, &f.bytes).map_err(io(&path))?;
            Ok(true)
        })
        .collect::<Result<_, WriteError>>()?;
    report.written = written.iter().filter(|w| **w).count();
    report.unchanged = written.len() - report.written;
    Ok(report)
}

/// Whether the file at `path` holds exactly `bytes`, read into `buffer`
/// (reused from file to file rather than allocated for each).
fn holds(path: &Path, bytes: &[u8], buffer: &mut Vec<u8>) -> bool {
    use std::io::Read as _;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    // One byte more than expected, so a file that grew since is caught.
    buffer.clear();
    file.take(bytes.len() as u64 + 1)
        .read_to_end(buffer)
        .is_ok()
        && buffer[..] == *bytes
}
