//! Rendering: Markdown once per build, then every page through the theme's
//! Tera templates, plus the data files (catalog.json, the search index,
//! sitemap, feed). Each template gets only the data it shows; facets and
//! similar-project lists are computed once in [`crate::model::Site`].

mod compare;
mod search_docs;
mod search_index;
mod views;

use crate::model::{Entry, Site};
use crate::util::diag::Diagnostic;
use crate::util::url as urls;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tera::{Context, Tera};

pub const THEMES_DIR: &str = "themes";

#[derive(Debug)]
#[non_exhaustive]
pub enum RenderError {
    /// The theme is missing or a template does not compile or render.
    Template { template: String, message: String },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::Template { template, message } => {
                write!(f, "template {template}: {message}")
            }
            RenderError::Io { path, source } => {
                write!(f, "cannot write {}: {source}", path.display())
            }
        }
    }
}

impl std::error::Error for RenderError {}

impl RenderError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self {
            RenderError::Template { template, message } => {
                Diagnostic::error(format!("template error: {message}")).in_file(template)
            }
            RenderError::Io { path, source } => {
                Diagnostic::error(format!("cannot write: {source}")).in_file(path)
            }
        }
    }
}

/// Tera's errors nest the useful part (file, line, snippet) in their sources.
fn tera_message(e: &tera::Error) -> String {
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
    pub fn load(root: &Path, name: &str) -> Result<Theme, RenderError> {
        let dir = root.join(THEMES_DIR).join(name);
        let templates = dir.join("templates");
        let err = |template: &Path, message: String| RenderError::Template {
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

    fn render(&self, template: &str, ctx: &Context) -> Result<String, RenderError> {
        self.tera
            .render(template, ctx)
            .map_err(|e| template_error(template, &e))
    }

    /// A page as bytes for writing: `render` checks the whole output is
    /// UTF-8 again (115 MB of project pages at 10,000 projects), though
    /// every piece of it already was.
    ///
    /// Each thread renders into one buffer it keeps, and the page is copied
    /// out at its exact size: 12,000 pages are held until all are written,
    /// and a buffer grown to fit was a third larger than its page.
    fn render_bytes(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, RenderError> {
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

fn template_error(template: &str, e: &tera::Error) -> RenderError {
    RenderError::Template {
        template: template.to_string(),
        message: tera_message(e),
    }
}

/// A file of the built site: path relative to the output directory, and bytes.
pub struct OutFile {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Renders every page and data file (not yet written).
pub fn render_site(site: &Site, theme: &Theme) -> Result<Vec<OutFile>, RenderError> {
    views::render_all(site, theme, &Selection::All, Parts::ALL, true, None)
}

/// Which files a render makes: the pages that show projects, the
/// whole-site aggregates, or both. The dev server sends the reload signal
/// after the pages and makes the aggregates right after (or when one is
/// asked for first): at 10,000 projects they are a third of a one-file
/// rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub pages: bool,
    pub aggregates: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        pages: true,
        aggregates: true,
    };
    pub const PAGES: Parts = Parts {
        pages: true,
        aggregates: false,
    };
    pub const AGGREGATES: Parts = Parts {
        pages: false,
        aggregates: true,
    };
}

/// Whether a site path is a whole-site aggregate (see [`Parts`]): the
/// comparison tables and their downloads, the sitemap, the feed,
/// catalog.json and the search data.
pub fn is_aggregate(path: &str) -> bool {
    matches!(
        path,
        "sitemap.xml" | "atom.xml" | "catalog.json" | "search_docs.json"
    ) || path.starts_with("compare/")
        || path.starts_with("search_docs/")
}

/// Renders only the pages a change touches (see [`Selection`]); the search
/// index is left out when `with_index` is false (the dev server builds it
/// after the pages, in the background). `cache` keeps pieces (cards, the
/// projects' entries in catalog.json) for the next call.
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    selection: &Selection,
    parts: Parts,
    with_index: bool,
    cache: Option<&RenderCache>,
) -> Result<Vec<OutFile>, RenderError> {
    views::render_all(site, theme, selection, parts, with_index, cache)
}

/// Pieces of pages that depend on one project only (and on the theme,
/// config and catalogs, which a `RenderCache` must not outlive), by slug,
/// with the project's `source_hash` when they were made.
#[derive(Default)]
pub struct RenderCache {
    pub(crate) cards: Pieces<str>,
    pub(crate) similar_items: Pieces<str>,
    pub(crate) project_json: Pieces<str>,
    pub(crate) search_docs: Pieces<str>,
}

impl RenderCache {
    /// Forgets every piece: for a change that is not one project's own file
    /// (a catalog's year shows on all its projects' cards).
    pub fn clear(&self) {
        for pieces in [
            &self.cards,
            &self.similar_items,
            &self.project_json,
            &self.search_docs,
        ] {
            pieces.lock().unwrap_or_else(|e| e.into_inner()).clear();
        }
    }
}

/// Per project (by slug): its `source_hash` and a piece of output made
/// from it, kept between the dev server's rebuilds.
pub type Pieces<T> = Mutex<HashMap<String, (u64, Arc<T>)>>;

/// `make(p)` for each project, in parallel; with `cache`, reused for every
/// project whose file did not change since the cache was filled, and the
/// cache then holds these projects' pieces (updated in place: a save
/// changes one entry of 10,000).
pub(crate) fn try_per_project<T, P, E>(
    projects: &[Entry],
    cache: Option<&Pieces<T>>,
    make: impl Fn(Entry) -> Result<P, E> + Sync,
) -> Result<Vec<Arc<T>>, E>
where
    T: ?Sized + Send + Sync,
    P: Into<Arc<T>>,
    E: Send,
{
    let mut old = cache
        .map(|c| std::mem::take(&mut *c.lock().unwrap_or_else(|e| e.into_inner())))
        .unwrap_or_default();
    let made: Vec<Arc<T>> = projects
        .par_iter()
        .map(|&e| match old.get(&e.project.slug) {
            Some((hash, piece)) if *hash == e.project.source_hash => Ok(piece.clone()),
            _ => make(e).map(Into::into),
        })
        .collect::<Result<_, E>>()?;
    if let Some(cache) = cache {
        // Projects that went (or came) leave other keys: start afresh.
        if old.len() != made.len() {
            old.clear();
        }
        for (p, piece) in projects.iter().map(|e| e.project).zip(&made) {
            match old.get_mut(&p.slug) {
                Some(entry) if entry.0 == p.source_hash => {}
                Some(entry) => *entry = (p.source_hash, piece.clone()),
                None => {
                    old.insert(p.slug.clone(), (p.source_hash, piece.clone()));
                }
            }
        }
        *cache.lock().unwrap_or_else(|e| e.into_inner()) = old;
    }
    Ok(made)
}

/// [`try_per_project`] for a `make` that cannot fail.
pub(crate) fn per_project<T, P>(
    projects: &[Entry],
    cache: Option<&Pieces<T>>,
    make: impl Fn(Entry) -> P + Sync,
) -> Vec<Arc<T>>
where
    T: ?Sized + Send + Sync,
    P: Into<Arc<T>>,
{
    match try_per_project(projects, cache, |p| {
        Ok::<P, std::convert::Infallible>(make(p))
    }) {
        Ok(made) => made,
        Err(never) => match never {},
    }
}

/// A JSON array of JSON texts.
pub(crate) fn json_array(items: &[Arc<str>]) -> String {
    let mut out = String::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push(']');
    out
}

/// `object` (a JSON object's text) with `"key": raw` added at its end; `raw`
/// is JSON already (a large array joined from cached pieces).
pub(crate) fn with_raw_field(object: &str, key: &str, raw: &str) -> String {
    let open = object.strip_suffix('}').unwrap_or(object);
    let comma = if open.ends_with('{') { "" } else { "," };
    format!("{open}{comma}{}:{raw}}}", serde_json::json!(key))
}

/// Which pages to render. `All` for a build; `Some` when the dev server knows
/// which projects changed: their pages, the pages that list them (catalog,
/// facet values, comparison tables, similar projects of the same category),
/// and every small page and data file (home, facet indexes, JSON).
#[derive(Debug, Clone)]
pub enum Selection {
    All,
    Some(Dirty),
}

#[derive(Debug, Clone, Default)]
pub struct Dirty {
    pub projects: HashSet<String>,
    pub catalogs: HashSet<String>,
    /// (facet key, value)
    pub facet_values: HashSet<(crate::config::Facet, String)>,
    pub categories: HashSet<String>,
}

impl Selection {
    pub fn project(&self, slug: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.projects.contains(slug),
        }
    }
    pub fn catalog(&self, slug: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.catalogs.contains(slug),
        }
    }
    pub fn facet_value(&self, facet: crate::config::Facet, value: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.facet_values.contains(&(facet, value.to_string())),
        }
    }
    pub fn category(&self, key: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Some(d) => d.categories.contains(key),
        }
    }
}

/// What changed between two versions of the site, when only project files
/// changed (same catalogs, same slugs); `None` means rebuild everything.
pub fn dirty_between(old: &Site, new: &Site) -> Option<Dirty> {
    // Every field counts: a catalog's year or place shows on each of its
    // projects' cards and data entries.
    let same_catalogs = old.catalogs == new.catalogs;
    let same_slugs = old.projects.len() == new.projects.len()
        && old
            .projects
            .iter()
            .zip(&new.projects)
            .all(|(a, b)| a.slug == b.slug);
    // A facet value that appears or goes adds or removes a page, and so
    // does one whose list gains or loses a page.
    let value_set = |site: &Site| -> Vec<(crate::config::Facet, Vec<(String, usize)>)> {
        site.facets
            .iter()
            .map(|f| {
                (
                    f.facet,
                    f.values
                        .iter()
                        .map(|v| {
                            let pages = site.config.search.facet_pages(v.projects.len());
                            (v.value.clone(), pages)
                        })
                        .collect(),
                )
            })
            .collect()
    };
    if !same_catalogs || !same_slugs || value_set(old) != value_set(new) {
        return None;
    }
    let mut dirty = Dirty::default();
    for (a, b) in old.entries().zip(new.entries()) {
        if a.project.source_hash == b.project.source_hash {
            continue;
        }
        dirty.projects.insert(b.project.slug.clone());
        dirty.catalogs.insert(b.project.catalog.clone());
        for (site, e) in [(old, a), (new, b)] {
            dirty.categories.insert(e.project.category.clone());
            for f in &site.facets {
                for v in site.facet_values(f.facet, e) {
                    dirty.facet_values.insert((f.facet, v));
                }
            }
        }
    }
    // Pages whose "similar projects" list shows a changed project, before
    // or after the change (a category holds hundreds of projects at
    // national scale; each page shows the first few).
    let changed: HashSet<&str> = old
        .projects
        .iter()
        .zip(&new.projects)
        .filter(|(a, b)| a.source_hash != b.source_hash)
        .map(|(_, b)| b.slug.as_str())
        .collect();
    let shows_changed = |site: &Site, i: usize| {
        site.similar(i)
            .take(views::SIMILAR_SHOWN)
            .any(|o| changed.contains(o.project.slug.as_str()))
    };
    for (i, (a, b)) in old.projects.iter().zip(&new.projects).enumerate() {
        if (dirty.categories.contains(&b.category) && shows_changed(new, i))
            || (dirty.categories.contains(&a.category) && shows_changed(old, i))
        {
            dirty.projects.insert(b.slug.clone());
        }
    }
    Some(dirty)
}

/// Brotli quality of the `.br` copies. Measured on this crate (brotli 9):
/// from quality 7 up, and at any quality with a window under 128 KB, the
/// encoder allocates and clears tens of megabytes per file (10 ms for an
/// 11 KB page, minutes at 10,000 projects); at 6 with a window of at least
/// 128 KB a page takes ~0.6 ms and comes out 13 % smaller than gzip -6
/// (quality 9 would save another 2 %).
pub const BROTLI_QUALITY: i32 = 6;

/// A gzip copy (`<path>.gz`, level 6 as web servers use) and a Brotli copy
/// (`<path>.br`, [`BROTLI_QUALITY`], window 128 KB to 4 MiB) of every text file of
/// 1 KB or more, made in parallel, for hosts that serve precompressed files
/// (nginx `gzip_static` and `brotli_static`). Smaller files gain too little
/// to be worth more files.
pub fn precompressed_copies(files: &[OutFile]) -> Vec<OutFile> {
    use std::io::Write as _;
    const TEXT: &[&str] = &["html", "css", "js", "json", "xml", "csv", "svg", "txt"];
    let with_suffix = |f: &OutFile, suffix: &str| -> PathBuf {
        let mut path = f.path.clone().into_os_string();
        path.push(suffix);
        path.into()
    };
    files
        .par_iter()
        .filter(|f| {
            f.bytes.len() >= 1024
                && f.path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| TEXT.contains(&e))
        })
        .flat_map_iter(|f| {
            let mut gz = flate2::write::GzEncoder::new(
                Vec::with_capacity(f.bytes.len() / 4),
                flate2::Compression::default(),
            );
            let gz = gz.write_all(&f.bytes).and_then(|()| gz.finish());
            // The window fits the file, but no smaller than 128 KB: below
            // that the encoder picks hash tables it clears at great cost
            // for every file (see BROTLI_QUALITY).
            let window = usize::BITS - f.bytes.len().leading_zeros();
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: (window as i32).clamp(17, 22),
                size_hint: f.bytes.len(),
                ..Default::default()
            };
            let mut br = Vec::with_capacity(f.bytes.len() / 5);
            let br = brotli::BrotliCompress(&mut &f.bytes[..], &mut br, &params).map(|_| br);
            // Both are writes into memory: they cannot fail, but no file
            // rather than a broken one if they ever did.
            [
                gz.ok().map(|bytes| OutFile {
                    path: with_suffix(f, ".gz"),
                    bytes,
                }),
                br.ok().map(|bytes| OutFile {
                    path: with_suffix(f, ".br"),
                    bytes,
                }),
            ]
            .into_iter()
            .flatten()
        })
        .collect()
}

/// What [`sync_output`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Makes `out` hold exactly `files`: removes what is not among them, writes
/// what differs and leaves identical files untouched (their modification
/// times stay, so an rsync or a static host's upload sends only what
/// changed). Symbolic links inside `out` are removed, never written through.
///
/// Rewriting in place instead of building a fresh tree and swapping it in:
/// at 10,000 projects creating 10,000 directories and deleting the old tree
/// took 2 of the build's seconds. Everything is rendered in memory before
/// this runs, so a content or template error never reaches `out`.
pub fn sync_output(out: &Path, files: &[OutFile]) -> Result<SyncReport, RenderError> {
    sync_output_listed(out, files, list_output(out))
}

/// What is in an output directory: paths relative to it, deepest first (a
/// directory after everything in it).
pub struct OutputListing(Result<Vec<(PathBuf, ListedKind)>, RenderError>);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ListedKind {
    File,
    Dir,
    /// A symbolic link, a FIFO, a socket or a device: removed, never
    /// followed, read or written through (opening a FIFO would block).
    Special,
}

/// Lists `out` for [`sync_output_listed`]. `peixun build` lists the output
/// on a thread of its own while it renders: at 10,000 projects the walk
/// over 10,000 directories took 100 ms, most of the time of writing files.
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
                return OutputListing(Err(RenderError::Io {
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

/// [`sync_output`] with `out` listed beforehand ([`list_output`]). Entries
/// that went away since are fine; one that came since stays until the next
/// build.
pub fn sync_output_listed(
    out: &Path,
    files: &[OutFile],
    listing: OutputListing,
) -> Result<SyncReport, RenderError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| RenderError::Io { path, source }
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
        .collect::<Result<_, RenderError>>()?;
    report.written = written.iter().filter(|w| **w).count();
    report.unchanged = written.len() - report.written;
    Ok(report)
}

/// Whether the file at `path` holds exactly `bytes`, read into `buffer`
/// (reused from file to file: a fresh buffer per file was 355 MB of
/// allocations at 10,000 projects).
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

pub use search_docs::{search_docs, SearchDocs};
pub use search_index::{search_documents, search_index_files};

/// Percent-encodes a site path for a URL (see `urls::encode_path`).
pub fn encode_site_path(path: &str) -> String {
    urls::encode_path(path)
}

/// The theme's static files, read into memory (for the dev server). Symbolic
/// links are skipped so nothing outside the theme is ever served.
pub fn static_files(theme: &Theme) -> Result<Vec<OutFile>, RenderError> {
    let mut files = Vec::new();
    if !theme.static_dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(&theme.static_dir).min_depth(1) {
        let entry = entry.map_err(|e| RenderError::Io {
            path: theme.static_dir.clone(),
            source: e.into(),
        })?;
        if !entry.file_type().is_file()
            || crate::util::names::is_ignored_name(&entry.file_name().to_string_lossy())
        {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&theme.static_dir)
            .unwrap_or(entry.path())
            .to_path_buf();
        let bytes = std::fs::read(entry.path()).map_err(|source| RenderError::Io {
            path: entry.path().to_path_buf(),
            source,
        })?;
        files.push(OutFile { path: rel, bytes });
    }
    Ok(files)
}
