//! The pipeline that `check`, `build` and `serve` share: config → content
//! → model → checks → output → writing. What a change re-renders is decided
//! in `pipeline/plan.rs` ([`Plan`], [`Change`]).
//!
//! `build` renders a batch of pages at a time and stages each batch's
//! changed files inside the output ([`write::Stager`]); only when the whole
//! site rendered without an error and every page's links lead somewhere are
//! stale files removed and the staged ones moved in (identical files are
//! left alone, dates and all). So bad content or a bad template leaves the
//! previous `output/` exactly as it was, and memory holds a batch rather
//! than the site. (An I/O failure while moving files in, such as a full
//! disk, can leave it part old, part new; the next build mends it.)

mod plan;

pub use plan::{Caches, Change, Incremental, Plan, Rebuild};

use crate::config::Config;
use crate::content::ParseCache;
use crate::model::Site;
use crate::output::{self, OutFile, OutputError, Parts, Selection, Theme};
use crate::tr;
use crate::util::diag::{Diagnostic, Diagnostics};
use crate::util::timing::phase;
use crate::write;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// Also write `<file>.gz` and `<file>.br` beside each text file of 1 KB
    /// or more, for static hosts that serve precompressed files (nginx
    /// `gzip_static`, `brotli_static`).
    pub precompress: bool,
    /// Include drafts (`draft = true`), marked as such: `serve`, `check`
    /// and `build --drafts`.
    pub drafts: bool,
}

#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// Problems in the site's files; nothing was written.
    Invalid(Diagnostics),
    /// The output could not be written.
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
                let label = crate::tr!("label-error");
                let count = crate::tr!("problems-nothing-written", count = d.error_count());
                write!(f, "{label}{count}")
            }
            BuildError::Output { path, source } => {
                let label = crate::tr!("label-error");
                let message = crate::tr!(
                    "write-failed",
                    path = path.display().to_string(),
                    error = crate::util::i18n::io_error(source)
                );
                write!(f, "{label}{message}")
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
                Diagnostics(vec![Diagnostic::error(crate::tr!(
                    "write-failed-here",
                    error = crate::util::i18n::io_error(source)
                ))
                .in_file(path)])
            }
        }
    }
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub projects: usize,
    pub catalogs: usize,
    /// Files of the built site, precompressed copies included.
    pub files: usize,
    /// How many of them were written, were already there, and how many
    /// stale files were removed.
    pub synced: write::SyncReport,
    pub millis: u128,
    pub output: PathBuf,
    /// Content files left out as drafts.
    pub drafts_left_out: usize,
    /// What the build did not stop for but the editor should know (a
    /// base_url only this machine reaches).
    pub warnings: Diagnostics,
}

/// A site that passed every check, with its theme: what `check` reports on
/// and what is rendered.
pub struct Checked {
    pub site: Site,
    pub theme: Arc<Theme>,
    /// Content files left out as drafts (none when drafts are included).
    pub drafts_left_out: usize,
}

/// Loads the site and checks its content, rendering nothing: the model
/// every output is made from.
pub fn load_site(opts: &BuildOptions) -> Result<Checked, BuildError> {
    load(opts, None, &Change::Everything, None, Keep::ReadOnly)
}

/// Whether a load without the dev server's caches stores the content it
/// parsed for the next build (`build` does; `check` writes nothing).
/// With the caches it is not asked.
#[derive(Clone, Copy)]
enum Keep<'a> {
    ReadOnly,
    Store(&'a Storing),
}

/// The content being stored for the next build, on a thread of its own
/// beside the rendering (the whole store is 669 MB at 100,000 projects);
/// waited for before the build returns, whatever it returns.
#[derive(Default)]
struct Storing(std::sync::Mutex<Option<std::thread::JoinHandle<()>>>);

impl Drop for Storing {
    fn drop(&mut self) {
        let handle = self
            .0
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }
}

/// What `peixun check` does: loads and checks the content, renders every
/// page and checks their links, and writes nothing.
pub fn check(opts: &BuildOptions) -> Result<Checked, BuildError> {
    let checked = load_site(opts)?;
    let statics = write::static_files(&checked.theme.static_dir)
        .map_err(|e| BuildError::Invalid(Diagnostics(vec![e.to_diagnostic()])))?;
    stage_site(opts, &checked, None, statics, None)?;
    Ok(checked)
}

/// Loads config, theme and content, builds the model and checks it.
/// `caches` holds what earlier loads parsed; after a [`Change::Content`],
/// only the files it names are read again, and `previous` (the model
/// before the change) is patched rather than rebuilt when only those
/// projects' own fields moved.
fn load(
    opts: &BuildOptions,
    caches: Option<&Caches>,
    change: &Change,
    previous: Option<&Site>,
    keep: Keep<'_>,
) -> Result<Checked, BuildError> {
    let mut config =
        Config::load(&opts.root).map_err(|e| BuildError::Invalid(e.into_diagnostics()))?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url);
    }
    let changed = change.content_files();
    let theme = match caches.and_then(|c| c.theme.get()) {
        Some(theme) => Ok(theme.clone()),
        None => {
            let loaded = phase("theme", || Theme::load(&opts.root, &config.theme)).map(Arc::new);
            if let (Some(caches), Ok(theme)) = (caches, &loaded) {
                caches.theme.get_or_init(|| theme.clone());
            }
            loaded
        }
    };
    let content = phase("load content", || match caches {
        Some(caches) => {
            if changed.is_none() {
                phase("stored content", || {
                    caches.parsed.start_from_store(&opts.root, &config)
                });
            }
            crate::content::load(&opts.root, &config, Some(&caches.parsed), changed)
        }
        // A build or check: from what the last build stored.
        None => {
            let stored = phase("stored content", || ParseCache::stored(&opts.root, &config));
            let content = crate::content::load(&opts.root, &config, Some(&stored), changed);
            if let Keep::Store(storing) = keep {
                let root = opts.root.clone();
                // Not stored if no thread can be had: the store is a shortcut.
                if let Ok(handle) = std::thread::Builder::new()
                    .name("store-content".into())
                    .spawn(move || phase("store content", || stored.store(&root)))
                {
                    *storing
                        .0
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(handle);
                }
            }
            content
        }
    });
    let (theme, content) = match (theme, content) {
        (Ok(theme), Ok(content)) => (theme, content),
        (theme, content) => {
            let mut diags = Diagnostics::default();
            if let Err(e) = theme {
                diags.extend(e.to_diagnostics());
            }
            if let Err(d) = content {
                diags.extend(d);
            }
            diags.sort();
            return Err(BuildError::Invalid(diags));
        }
    };
    let (content, drafts_left_out) = if opts.drafts {
        (content, 0)
    } else {
        content.without_drafts()
    };
    let patched = phase("model patched", || {
        previous
            .filter(|_| changed.is_some())
            .and_then(|old| old.patched(config.clone(), &content))
    });
    let (site, only) = match patched {
        Some((site, changed)) => (site, Some(changed)),
        None => (
            phase("model and facets", || Site::new(config, content)),
            None,
        ),
    };
    let mut diags = phase("link check", || {
        crate::check::content_links(&site, only.as_deref())
    });
    diags.extend(phase("guidance check", || {
        crate::check::guidance(&site, &opts.root)
    }));
    diags.sort();
    if diags.has_errors() {
        return Err(BuildError::Invalid(diags));
    }
    Ok(Checked {
        site,
        theme,
        drafts_left_out,
    })
}

/// Builds the whole site and swaps it into the output directory.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let start = Instant::now();
    let output = opts
        .output
        .clone()
        .unwrap_or_else(|| opts.root.join("output"));
    // What is in output/ now, listed while the site is read and its first
    // pages rendered (only read here: nothing is removed unless the build
    // succeeds).
    let record = opts.root.join(write::RECORD);
    let listing = {
        let output = output.clone();
        let record = record.clone();
        std::thread::Builder::new()
            .name("list-output".into())
            .spawn(move || write::list_output(&output, &record))
    };
    let storing = Storing::default();
    let checked = load(opts, None, &Change::Everything, None, Keep::Store(&storing))?;
    let Checked { site, theme, .. } = &checked;
    let invalid = |d: Diagnostic| BuildError::Invalid(Diagnostics(vec![d]));
    let statics = write::static_files(&theme.static_dir).map_err(|e| invalid(e.to_diagnostic()))?;
    let listed = {
        let (output, record) = (output.clone(), record.clone());
        move || match phase("wait for the output listing", || listing.map(|t| t.join())) {
            Ok(Ok(listed)) => listed,
            _ => write::list_output(&output, &record),
        }
    };
    let output_error = |e: write::WriteError| BuildError::Output {
        path: e.path,
        source: e.source,
    };
    let stager = write::Stager::new(&output, listed, &record);
    let keyed_index = opts.root.join(write::KEYED_INDEX);
    let last_index = write::KeyedFiles::load(&keyed_index);
    let index_key = match stage_site(opts, &checked, Some(&stager), statics, last_index.as_ref()) {
        Ok(key) => key,
        Err(e) => {
            stager.abandon();
            return Err(e);
        }
    };
    let index = index_key.and_then(|key| {
        let files = stager.hashes_of(output::is_keyed_index)?;
        Some(write::KeyedFiles { key, files })
    });
    let synced = phase("write files", || stager.commit()).map_err(output_error)?;
    // A shortcut for the next build, like the output's record: without
    // it, that build makes the index again.
    if index != last_index {
        let _ = match &index {
            Some(index) => index.save(&keyed_index),
            None => std::fs::remove_file(&keyed_index),
        };
    }
    // The build's time includes the storing's, should it still run.
    drop(storing);
    let mut warnings = Diagnostics::default();
    if let Some(host) = loopback_host(&site.config.base_url) {
        warnings.push(
            Diagnostic::warning(tr!(
                "build-loopback",
                url = site.config.base_url.as_str(),
                host = host
            ))
            .in_file(crate::config::CONFIG_FILE)
            .with_help(tr!("build-loopback-help")),
        );
    }
    let report = BuildReport {
        projects: site.projects.len(),
        catalogs: site.catalogs.len(),
        files: synced.written + synced.unchanged,
        synced,
        millis: start.elapsed().as_millis(),
        output,
        drafts_left_out: checked.drafts_left_out,
        warnings,
    };
    // Freeing a national catalog's model takes one core a while that
    // nothing waits for: a program that ends with the build exits
    // without it.
    let _ = std::thread::Builder::new()
        .name("free-model".into())
        .spawn(move || drop(checked));
    Ok(report)
}

/// Renders the site batch by batch into `stager` (with precompressed copies
/// when asked; `check` has none), reading each page's links as it goes; an
/// error if a page links to a file the build does not write. The theme's
/// static files win over a rendered page at the same path, as a copy made
/// after the pages would. The search index files are kept as the output
/// holds them when `last_index` made them from the same inputs; the key
/// of this build's index is returned.
fn stage_site(
    opts: &BuildOptions,
    checked: &Checked,
    stager: Option<&write::Stager>,
    statics: Vec<OutFile>,
    last_index: Option<&write::KeyedFiles>,
) -> Result<Option<u128>, BuildError> {
    let Checked { site, theme, .. } = checked;
    let static_paths: std::collections::HashSet<PathBuf> =
        statics.iter().map(|f| f.path.clone()).collect();
    let reader = crate::check::LinkReader::new(&site.config.base_url, &site.config.base_path());
    // The pages' links, and every file's site path (what a link may lead to).
    let seen = std::sync::Mutex::new((
        crate::check::PageLinks::default(),
        std::collections::HashSet::new(),
    ));
    let failed_write = std::sync::Mutex::new(None);
    let poisoned = |_| OutputError {
        problems: Vec::new(),
    };
    let stage = |mut files: Vec<OutFile>| -> Result<(), OutputError> {
        let paths: Vec<String> = files.iter().map(OutFile::site_path).collect();
        // Read in parallel outside the lock (a rayon thread waiting on it
        // could be asked to run the very work that holds it); recorded
        // under it.
        let found = reader.read(
            paths
                .iter()
                .map(String::as_str)
                .zip(files.iter().map(|f| &f.bytes[..]))
                .collect::<Vec<_>>(),
        );
        {
            let mut seen = seen.lock().map_err(poisoned)?;
            seen.0.merge(found);
            seen.1.extend(paths);
        }
        let Some(stager) = stager else { return Ok(()) };
        if opts.precompress {
            let (compressed, kept) = write::precompressed_copies(&files, |f, copies| {
                stager.holds_with_copies(f, copies)
            });
            files.extend(compressed);
            stager.keep(kept);
        }
        stager.stage(&files).map_err(|e| {
            if let Ok(mut failed) = failed_write.lock() {
                failed.get_or_insert(e);
            }
            // The write error is reported from `failed_write`.
            OutputError {
                problems: Vec::new(),
            }
        })
    };
    let take = |mut files: Vec<OutFile>| -> Result<(), OutputError> {
        files.retain(|f| !static_paths.contains(&f.path));
        stage(files)
    };
    let index_key = std::sync::Mutex::new(None);
    let keep_index = |key: u128| -> bool {
        // Precompressed copies are in the group, so whether there are any.
        let key = xxhash_rust::xxh3::xxh3_128(
            &[&key.to_le_bytes()[..], &[u8::from(opts.precompress)]].concat(),
        );
        if let Ok(mut noted) = index_key.lock() {
            *noted = Some(key);
        }
        let (Some(stager), Some(last)) = (stager, last_index) else {
            return false;
        };
        if last.key != key || !stager.keep_held(&last.files) {
            return false;
        }
        if let Ok(mut seen) = seen.lock() {
            seen.1
                .extend(last.files.iter().map(|(path, _)| output::site_path(path)));
        }
        true
    };
    let rendered = phase("render", || {
        output::render_each(
            site,
            theme,
            &Selection::All,
            Parts::ALL,
            Some(&keep_index),
            None,
            &take,
        )
    })
    .and_then(|()| stage(statics));
    if let Err(e) = rendered {
        let failed = failed_write.into_inner().ok().flatten();
        return Err(match failed {
            Some(w) => BuildError::Output {
                path: w.path,
                source: w.source,
            },
            None => BuildError::Invalid(e.to_diagnostics()),
        });
    }
    let (links, written) = seen
        .into_inner()
        .map_err(|_| BuildError::Invalid(Diagnostics::default()))?;
    let dead = phase("page links", || {
        links.dead(&reader, |p| written.contains(p))
    });
    if dead.has_errors() {
        return Err(BuildError::Invalid(dead));
    }
    Ok(index_key.into_inner().ok().flatten())
}

/// The host of `url` when it is one only this machine reaches (127.0.0.1,
/// localhost, ::1): a site built so links its sitemap, feed and data to
/// nowhere once published.
fn loopback_host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let host = rest.split('/').next().unwrap_or("");
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    let loopback = name.eq_ignore_ascii_case("localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    loopback.then_some(host)
}
