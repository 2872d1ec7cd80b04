//! Content: walk `content/`, read each file safely, split the `+++` TOML front
//! matter, decode it strictly, validate it against site.toml and render its
//! Markdown.
//!
//! Every file is checked and every problem collected; nothing here panics on
//! user input, and [`load`] gives the content only when all of it is valid.
//! Layout: `content/<catalog>/_catalog.md` for the published document and
//! `content/<catalog>/<slug>.md` for each project in it.

mod cache;
pub mod markdown;
pub use peixun_period as period;
mod read;
mod record;
mod stored;
mod validate;
mod walk;

pub use cache::ParseCache;
pub use read::split_front_matter;
pub use record::{
    Catalog, Funding, OfflinePart, Project, SubProject, GUIDANCE_KIND, TEMPLATE_TITLE,
};
pub use stored::STORE;

use crate::config::Config;
use crate::util::diag::{display_path, Diagnostic, Diagnostics};
use cache::Parsed;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use walk::FileKind;

pub const CONTENT_DIR: &str = "content";
pub const CATALOG_FILE: &str = "_catalog.md";
/// Larger files are refused before they are read: the longest real project
/// runs to a few KB, and a pasted document would slow every build and page.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The fields of a project's front matter, in the order `peixun new` writes them.
pub fn project_fields() -> &'static [&'static str] {
    crate::util::strict_toml::field_names::<Project>()
}

/// Checks one file's text as `check` would, without a file on disk: the
/// catalog file of `dir` when `slug` is `None`, else its project `slug`.
/// For tools that write content (`peixun import` checks its drafts so).
pub fn check_text(
    shown: &Path,
    text: &str,
    dir: &str,
    slug: Option<&str>,
    config: &Config,
) -> Result<(), Vec<crate::util::diag::Diagnostic>> {
    match slug {
        None => validate::parse_catalog(shown, text, dir, config).map(drop),
        Some(slug) => validate::parse_project(shown, text, dir, slug, config).map(drop),
    }
}

/// Every catalog and project of the site, validated: every project's
/// catalog is among the catalogs, and slugs are unique.
#[derive(Debug, Default)]
pub struct Content {
    pub catalogs: Vec<Arc<Catalog>>,
    pub projects: Vec<Arc<Project>>,
}

impl Content {
    /// The content without its drafts (a project is one when it or its
    /// catalog says `draft = true`), and how many files were left out.
    pub fn without_drafts(self) -> (Content, usize) {
        let drafts: std::collections::HashSet<String> = self
            .catalogs
            .iter()
            .filter(|c| c.draft)
            .map(|c| c.slug.clone())
            .collect();
        let before = self.catalogs.len() + self.projects.len();
        let content = Content {
            catalogs: self.catalogs.into_iter().filter(|c| !c.draft).collect(),
            projects: self
                .projects
                .into_iter()
                .filter(|p| !p.draft && !drafts.contains(&p.catalog))
                .collect(),
        };
        let left_out = before - content.catalogs.len() - content.projects.len();
        (content, left_out)
    }
}

/// Loads and validates the whole content tree: the content, or every problem
/// found. With `cache`, files parsed before and unchanged since are reused;
/// `changed` lists the content files a watcher saw written (relative to
/// `root`): when each is a file the last clean walk found, the tree is not
/// walked again and no other file is looked at.
pub fn load(
    root: &Path,
    config: &Config,
    cache: Option<&ParseCache>,
    changed: Option<&[PathBuf]>,
) -> Result<Content, Diagnostics> {
    let mut diags = Diagnostics::default();
    if !root.join(CONTENT_DIR).is_dir() {
        diags.push(
            Diagnostic::error(crate::tr!(
                "content-missing",
                root = root.display().to_string()
            ))
            .with_help(crate::tr!("content-missing-help")),
        );
        return Err(diags);
    }
    // A handful of paths: compared as bytes, not hashed.
    let changed: Option<Vec<PathBuf>> = changed.map(|c| c.iter().map(|p| root.join(p)).collect());
    let reused = cache
        .zip(changed.as_deref())
        .and_then(|(c, ch)| c.listing_if_only(ch));
    let (listing, changed_places) = match reused {
        Some((listing, places)) => (listing, Some(places)),
        None => {
            let (listing, walk_diags) = walk::walk(root);
            let listing = Arc::new(listing);
            if let Some(cache) = cache {
                // Reusable only if walking found nothing wrong.
                cache.keep_listing(walk_diags.is_empty().then(|| listing.clone()));
            }
            diags.extend(walk_diags);
            (listing, None)
        }
    };
    // The watcher vouches for every file it did not name.
    let results = cache::parse_files(&listing, cache, changed_places.as_deref(), |path, kind| {
        let shown = display_path(root, path);
        let text = read::read_text(path, &shown).map_err(|d| vec![d])?;
        match kind {
            FileKind::Catalog { dir } => validate::parse_catalog(&shown, &text, dir, config)
                .map(|c| Parsed::Catalog(Arc::new(c))),
            FileKind::Project { dir, slug } => {
                validate::parse_project(&shown, &text, dir, slug, config)
                    .map(|p| Parsed::Project(p.into()))
            }
        }
    });
    let mut content = Content::default();
    for r in results {
        match r {
            Ok(Parsed::Catalog(c)) => content.catalogs.push(c),
            Ok(Parsed::Project(p)) => content.projects.push(p),
            Err(ds) => ds.into_iter().for_each(|d| diags.push(d)),
        }
    }
    diags.0.extend(listing.relations.iter().cloned());
    if content.catalogs.is_empty() && !diags.has_errors() {
        diags.push(
            Diagnostic::error(crate::tr!("content-no-catalogs"))
                .with_help(crate::tr!("content-no-catalogs-help")),
        );
    }
    if diags.has_errors() {
        diags.sort();
        return Err(diags);
    }
    Ok(content)
}
