//! Finding the content files: a walk over `content/` that follows symbolic
//! links (editors link shared folders in) and reports loops, and what file
//! names and folders alone say is wrong.

use super::{CATALOG_FILE, CONTENT_DIR};
use crate::util::diag::{display_path, Diagnostic, Diagnostics};
use crate::util::names::{is_ignored_name, is_valid_slug, slug_suggestion};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What a content file is, by its name and folder.
#[derive(Clone)]
pub(super) enum FileKind {
    Catalog { dir: String },
    Project { dir: String, slug: String },
}

/// The content files a walk found, and what their names and folders alone
/// say is wrong (duplicate slugs, projects without a catalog): the same for
/// as long as the listing is.
pub(super) struct Listing {
    pub(super) files: Vec<(PathBuf, FileKind)>,
    pub(super) relations: Vec<Diagnostic>,
}

/// Walks `root/content/`: the content files in name order, and every problem
/// a name, a folder or the walk itself has (these are not in the listing).
pub(super) fn walk(root: &Path) -> (Listing, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut files: Vec<(PathBuf, FileKind)> = Vec::new();
    // Symlinks are followed so editors can link shared folders in; walkdir
    // detects loops and reports them as errors instead of recursing forever.
    for entry in walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .follow_links(true)
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
                    crate::tr!(
                        "walk-link-loop",
                        target = display_path(root, ancestor).display().to_string()
                    )
                } else {
                    let error = e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string());
                    crate::tr!("read-failed", error = error)
                };
                diags.push(
                    Diagnostic::error(message)
                        .in_file(path)
                        .with_help(crate::tr!("walk-link-help")),
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
                    Diagnostic::error(crate::tr!("walk-bad-folder", name = name.as_str()))
                        .in_file(shown)
                        .with_help(crate::tr!("walk-bad-folder-help")),
                );
            } else if depth > 1 {
                diags.push(
                    Diagnostic::error(crate::tr!("walk-nested-folder"))
                        .in_file(shown)
                        .with_help(crate::tr!("walk-nested-folder-help")),
                );
            }
            continue;
        }
        if depth != 2 {
            diags.push(
                Diagnostic::error(crate::tr!("walk-outside-catalog"))
                    .in_file(shown)
                    .with_help(crate::tr!("walk-outside-catalog-help")),
            );
            continue;
        }
        let Some(stem) = name.strip_suffix(".md") else {
            diags.push(
                Diagnostic::error(crate::tr!("walk-not-markdown", name = name.as_str()))
                    .in_file(shown)
                    .with_help(crate::tr!("walk-not-markdown-help")),
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
            let mut d = Diagnostic::error(crate::tr!("walk-bad-slug", name = name.as_str()))
                .in_file(shown)
                .with_help(crate::tr!("walk-bad-slug-help"));
            if let Some(suggestion) = slug_suggestion(stem) {
                d = d.with_help(crate::tr!("walk-bad-slug-rename", suggestion = suggestion));
            }
            diags.push(d);
        }
    }
    let mut relations = Diagnostics::default();
    check_relations(&files, root, &mut relations);
    (
        Listing {
            files,
            relations: relations.0,
        },
        diags,
    )
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
    // Folders without a catalog, with their project count: one message a
    // folder, not one a project.
    let mut orphans: std::collections::BTreeMap<&str, usize> = Default::default();
    for (path, kind) in files {
        if let FileKind::Project { dir, slug } = kind {
            by_slug.entry(slug).or_default().push(path);
            if !dirs_with_catalog.contains(dir) {
                *orphans.entry(dir).or_default() += 1;
            }
        }
    }
    for (dir, count) in orphans {
        diags.push(
            Diagnostic::error(crate::tr!("walk-no-catalog", dir = dir, count = count))
                .in_file(Path::new(CONTENT_DIR).join(dir))
                .with_help(crate::tr!("walk-no-catalog-help", dir = dir)),
        );
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
                Diagnostic::error(crate::tr!(
                    "walk-duplicate-slug",
                    slug = slug,
                    files = all.join(crate::tr!("and").as_str())
                ))
                .in_file(display_path(root, p))
                .with_help(crate::tr!("walk-duplicate-slug-help")),
            );
        }
    }
}
