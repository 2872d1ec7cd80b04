//! Content: walk `content/`, read each file safely, split the `+++` TOML front
//! matter, decode it strictly and validate it against site.toml.
//!
//! Every file is checked and every problem collected; nothing here panics on
//! user input. Layout: `content/<catalog>/_catalog.md` for the published
//! document and `content/<catalog>/<slug>.md` for each project in it.

mod front;

use crate::catalog::{Catalog, Project};
use crate::config::Config;
use crate::util::diag::{display_path, Diagnostic, Diagnostics};
use crate::util::names::{is_ignored_name, is_valid_slug, slug_suggestion};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use front::{CatalogFront, ProjectFront, CATALOG_FIELDS, PROJECT_FIELDS};

pub const CONTENT_DIR: &str = "content";
pub const CATALOG_FILE: &str = "_catalog.md";
/// Larger files are refused before they are read: the longest real project
/// runs to a few KB, and a 10 MB paste would slow every build and page.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// What was loaded; only files without errors are in it.
#[derive(Debug, Default)]
pub struct Loaded {
    pub catalogs: Vec<Catalog>,
    pub projects: Vec<std::sync::Arc<Project>>,
}

#[derive(Clone)]
enum FileKind {
    Catalog { dir: String },
    Project { dir: String, slug: String },
}

/// Files parsed by an earlier [`load_cached`], by path, with the modification
/// time and length they had: the dev server then re-reads only the files that
/// changed (at 10,000 projects, reading and parsing them all took 200 ms of a
/// one-file rebuild). Valid for one `Config`; start a new one when it changes.
#[derive(Default)]
pub struct ParseCache {
    /// Keyed by the path's bytes: hashing a `Path` walks its components,
    /// 10,000 times per rebuild.
    files: std::sync::Mutex<HashMap<std::ffi::OsString, (Stamp, Parsed), crate::util::hash::Fnv>>,
    /// The last walk's file list, when it found nothing wrong: reused when
    /// the watcher says which existing files changed (no walk, no stats).
    listing: std::sync::Mutex<Option<std::sync::Arc<Listing>>>,
}

/// Content files found by a walk, and what their names and folders alone
/// say is wrong (duplicate slugs, projects without a catalog): the same
/// for as long as the listing is.
struct Listing {
    files: Vec<(PathBuf, FileKind)>,
    relations: Vec<Diagnostic>,
}

/// Loads and validates the whole content tree. Returns what loaded and every problem found.
pub fn load(root: &Path, config: &Config) -> (Loaded, Diagnostics) {
    load_cached(root, config, None, None)
}

/// [`load`], reusing what `cache` holds for files that did not change.
/// `changed`, when given, names (relative to `root`) every content file
/// written since the cache was filled, as a file watcher reports them; if
/// they all existed before and still exist, the folders are not walked and
/// no other file is looked at. Anything else (a new, removed or renamed
/// file) walks everything.
pub fn load_cached(
    root: &Path,
    config: &Config,
    cache: Option<&ParseCache>,
    changed: Option<&[PathBuf]>,
) -> (Loaded, Diagnostics) {
    let mut diags = Diagnostics::default();
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(format!("no {CONTENT_DIR}/ directory in {}", root.display()))
                .with_help("create content/<catalog>/_catalog.md and one <slug>.md per project"),
        );
        return (Loaded::default(), diags);
    }
    // A handful of paths: compared as bytes, not hashed.
    let changed: Option<Vec<PathBuf>> = changed.map(|c| c.iter().map(|p| root.join(p)).collect());
    let is_changed = |path: &Path| {
        changed
            .as_ref()
            .is_some_and(|c| c.iter().any(|p| p.as_os_str() == path.as_os_str()))
    };
    let reused: Option<std::sync::Arc<Listing>> = match (cache, &changed) {
        (Some(cache), Some(changed)) => {
            let listing = cache.listing.lock().unwrap_or_else(|e| e.into_inner());
            listing.as_ref().and_then(|list| {
                changed
                    .iter()
                    .all(|p| {
                        p.is_file()
                            && list
                                .files
                                .iter()
                                .any(|(known, _)| known.as_os_str() == p.as_os_str())
                    })
                    .then(|| list.clone())
            })
        }
        _ => None,
    };
    let trust_unchanged = reused.is_some();
    let walk_diags_before = diags.0.len();
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    // Symlinks are followed so editors can link shared folders in; walkdir
    // detects loops and reports them as errors instead of recursing forever.
    for entry in walkdir::WalkDir::new(&content)
        .follow_links(true)
        // Nothing to walk when the last listing is reused.
        .max_depth(if trust_unchanged { 0 } else { usize::MAX })
        .min_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| display_path(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                let message = if let Some(ancestor) = e.loop_ancestor() {
                    format!(
                        "symbolic link loop: this link points back to {}",
                        display_path(root, ancestor).display()
                    )
                } else {
                    format!(
                        "cannot read: {}",
                        e.io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string())
                    )
                };
                diags.push(
                    Diagnostic::error(message)
                        .in_file(path)
                        .with_help("remove or fix the link"),
                );
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().to_string();
        let shown = display_path(root, entry.path());
        if is_ignored_name(&name) {
            continue;
        }
        let depth = entry.depth();
        if entry.file_type().is_dir() {
            if depth == 1 && !is_valid_slug(&name) {
                diags.push(
                    Diagnostic::error(format!(
                        "catalog folder name `{name}` is not a valid URL segment"
                    ))
                    .in_file(shown)
                    .with_help("use lowercase ASCII letters, digits and '-', e.g. chongqing-2026"),
                );
            } else if depth > 1 {
                diags.push(
                    Diagnostic::error("folders inside a catalog are not read")
                        .in_file(shown)
                        .with_help("put project files directly in content/<catalog>/"),
                );
            }
            continue;
        }
        if depth != 2 {
            diags.push(
                Diagnostic::error("content files belong in a catalog folder")
                    .in_file(shown)
                    .with_help("move it to content/<catalog>/"),
            );
            continue;
        }
        let Some(stem) = name.strip_suffix(".md") else {
            diags.push(
                Diagnostic::error(format!("`{name}` is not a Markdown file"))
                    .in_file(shown)
                    .with_help(
                        "content/ holds only .md files: _catalog.md and one <slug>.md per project",
                    ),
            );
            continue;
        };
        let dir = entry
            .path()
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if name == CATALOG_FILE {
            files.push((entry.path().to_path_buf(), FileKind::Catalog { dir }));
        } else if is_valid_slug(stem) {
            files.push((
                entry.path().to_path_buf(),
                FileKind::Project {
                    dir,
                    slug: stem.to_string(),
                },
            ));
        } else {
            let mut d = Diagnostic::error(format!("file name `{name}` is not a valid slug"))
                .in_file(shown)
                .with_help(
                    "the file name is the project's URL: lowercase ASCII letters, digits and '-'",
                );
            if let Some(suggestion) = slug_suggestion(stem) {
                d = d.with_help(format!(
                    "the file name is the project's URL: rename it to `{suggestion}.md`"
                ));
            }
            diags.push(d);
        }
    }
    let walk_clean = diags.0.len() == walk_diags_before;
    let listing = match reused {
        Some(listing) => listing,
        None => {
            let mut relations = Diagnostics::default();
            check_relations(&files, root, &mut relations);
            std::sync::Arc::new(Listing {
                files,
                relations: relations.0,
            })
        }
    };
    if let (Some(cache), false) = (cache, trust_unchanged) {
        // Reusable only if walking found nothing wrong.
        *cache.listing.lock().unwrap_or_else(|e| e.into_inner()) =
            walk_clean.then(|| listing.clone());
    }
    let files = &listing.files;

    let mut cached =
        cache.map(|c| std::mem::take(&mut *c.files.lock().unwrap_or_else(|e| e.into_inner())));
    // The watcher vouches for every file it did not name.
    let vouched = |path: &Path| trust_unchanged && !is_changed(path);
    let results: Vec<(ParseResult, Option<Stamp>)> = files
        .par_iter()
        .map(|(path, kind)| {
            let entry = cached.as_ref().and_then(|c| c.get(path.as_os_str()));
            // Stat before reading: a write landing in between makes the
            // stamp older than the text, so the next load reads it again.
            let stamp = match entry {
                Some((stamp, _)) if vouched(path) => Some(*stamp),
                _ => cached.as_ref().and_then(|_| {
                    let meta = std::fs::metadata(path).ok()?;
                    Some((meta.modified().ok()?, meta.len()))
                }),
            };
            if let Some((known, parsed)) = entry {
                if Some(*known) == stamp {
                    return (Ok(parsed.clone()), stamp);
                }
            }
            let shown = display_path(root, path);
            let parsed = read_text(path, &shown)
                .map_err(|d| vec![d])
                .and_then(|text| match kind {
                    FileKind::Catalog { dir } => {
                        front::parse_catalog(&shown, &text, dir, config).map(Parsed::Catalog)
                    }
                    FileKind::Project { dir, slug } => {
                        front::parse_project(&shown, &text, dir, slug, config)
                            .map(|p| Parsed::Project(p.into()))
                    }
                });
            (parsed, stamp)
        })
        .collect();
    if let (Some(cache), Some(old)) = (cache, cached.as_mut()) {
        // Entries that are still current stay as they are (no second copy);
        // with the watcher's list, only the files it named can have changed.
        if !trust_unchanged {
            let present: std::collections::HashSet<&std::ffi::OsStr, crate::util::hash::Fnv> =
                files.iter().map(|(p, _)| p.as_os_str()).collect();
            old.retain(|path, _| present.contains(path.as_os_str()));
        }
        for ((path, _), (parsed, stamp)) in files.iter().zip(&results) {
            if vouched(path) {
                continue;
            }
            let (Ok(parsed), Some(stamp)) = (parsed, stamp) else {
                old.remove(path.as_os_str());
                continue;
            };
            if old
                .get(path.as_os_str())
                .is_none_or(|(known, _)| known != stamp)
            {
                old.insert(path.clone().into_os_string(), (*stamp, parsed.clone()));
            }
        }
        *cache.files.lock().unwrap_or_else(|e| e.into_inner()) = std::mem::take(old);
    }
    let results = results.into_iter().map(|(r, _)| r);

    let mut loaded = Loaded::default();
    for r in results {
        match r {
            Ok(Parsed::Catalog(c)) => loaded.catalogs.push(c),
            Ok(Parsed::Project(p)) => loaded.projects.push(p),
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    diags.0.extend(listing.relations.iter().cloned());
    diags.sort();
    (loaded, diags)
}

/// A file's modification time and length when it was read.
type Stamp = (std::time::SystemTime, u64);
type ParseResult = Result<Parsed, Vec<Diagnostic>>;

#[derive(Clone)]
enum Parsed {
    Catalog(Catalog),
    Project(std::sync::Arc<Project>),
}

/// Every project belongs to a catalog that has a `_catalog.md`; slugs are unique site-wide
/// because they are the project URLs.
fn check_relations(files: &[(PathBuf, FileKind)], root: &Path, diags: &mut Diagnostics) {
    let mut dirs_with_catalog = std::collections::HashSet::new();
    for (_, kind) in files {
        if let FileKind::Catalog { dir } = kind {
            dirs_with_catalog.insert(dir.clone());
        }
    }
    let mut by_slug: HashMap<&str, Vec<&Path>> = HashMap::new();
    for (path, kind) in files {
        if let FileKind::Project { dir, slug } = kind {
            by_slug.entry(slug).or_default().push(path);
            if !dirs_with_catalog.contains(dir) {
                diags.push(
                    Diagnostic::error(format!(
                        "project in folder `{dir}`, which has no {CATALOG_FILE}"
                    ))
                    .in_file(display_path(root, path))
                    .with_help(format!(
                        "add content/{dir}/{CATALOG_FILE} describing the published document"
                    )),
                );
            }
        }
    }
    let mut dups: Vec<_> = by_slug.into_iter().filter(|(_, v)| v.len() > 1).collect();
    dups.sort();
    for (slug, paths) in dups {
        let all: Vec<String> = paths
            .iter()
            .map(|p| display_path(root, p).display().to_string())
            .collect();
        for p in &paths[1..] {
            diags.push(
                Diagnostic::error(format!(
                    "duplicate slug `{slug}`: /projects/{slug}/ would be written by {}",
                    all.join(" and ")
                ))
                .in_file(display_path(root, p))
                .with_help("project file names must be unique across all catalogs; rename one"),
            );
        }
    }
}

/// Reads a content file, refusing huge, binary and non-UTF-8 files with a position.
fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(format!("cannot read: {e}")).in_file(shown))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(format!(
            "file is {:.1} MiB; a content file may be at most {} MiB",
            meta.len() as f64 / 1048576.0,
            MAX_FILE_BYTES / 1048576
        ))
        .in_file(shown)
        .with_help("split it, or move large attachments out of content/"));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("cannot read: {e}")).in_file(shown))?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if let Some(nul) = text.find('\0') {
                return Err(Diagnostic::error(
                    "file contains NUL bytes: it looks like a binary file, not Markdown",
                )
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
            let mut d = Diagnostic::error(format!(
                "file is not valid UTF-8 (byte {valid}, line {line}, column {column})"
            ))
            .in_file(shown)
            .with_help(
                "save the file as UTF-8; files saved as GBK from Word or Notepad must be converted",
            );
            d.location = Some(crate::util::diag::Location {
                line,
                column,
                width: 1,
                source_line: good.rsplit('\n').next().unwrap_or("").to_string(),
            });
            Err(d)
        }
    }
}

/// Splits `+++`-delimited front matter. Returns (front matter, its byte offset, body, body offset).
pub fn split_front_matter<'a>(
    shown: &Path,
    text: &'a str,
) -> Result<(&'a str, usize, &'a str, usize), Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Err(Diagnostic::error(
            "missing front matter: the file must start with a line `+++`",
        )
        .in_file(shown)
        .at_span(text, 0..first_line_end.min(text.len()))
        .with_help("start the file with `+++`, the TOML fields, and another `+++` line"));
    }
    let start = (first_line_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            let body_start = (end + 1).min(text.len());
            return Ok((&text[start..pos], start, &text[body_start..], body_start));
        }
        pos = end + 1;
    }
    Err(
        Diagnostic::error("front matter is not closed: no second `+++` line")
            .in_file(shown)
            .at_span(text, 0..3)
            .with_help("add a line `+++` after the last field"),
    )
}

/// The line number (1-based) of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}
