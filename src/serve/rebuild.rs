//! One rebuild under `serve`: load and plan (see [`crate::pipeline::Plan`]),
//! render what the plan says, swap the files in, signal the reload, then
//! the whole-site aggregates and, on a worker thread, the search index (the
//! first build makes the index itself, before its pages).

use super::index::build_index;
use super::reload::broadcast;
use super::stored::Stored;
use super::Shared;
use crate::check::{LinkReader, PageLinks};
use crate::output::{self, OutFile, OutputError, Parts};
use crate::pipeline::{BuildError, BuildOptions, Change, Checked, Incremental, Rebuild};
use crate::util::diag::Diagnostics;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// Rebuilds the site into memory after `change`.
pub(super) fn rebuild(root: &Path, shared: &Arc<Shared>, state: &mut Incremental, change: &Change) {
    let start = Instant::now();
    let opts = BuildOptions {
        precompress: false,
        root: root.to_path_buf(),
        output: None,
        base_url: Some(shared.base_url.clone()),
        // The preview shows drafts, marked 草稿.
        drafts: true,
    };
    let Rebuild {
        checked: Checked { site, theme, .. },
        plan,
    } = match state.rebuild(&opts, change) {
        Ok(rebuild) => rebuild,
        Err(BuildError::Invalid(diags)) => return failed(shared, &diags),
        Err(e) => return failed_text(shared, e.to_string()),
    };
    // The first build has no older index to serve meanwhile, so it makes
    // the index itself, and first: its postings (a gigabyte for a few
    // seconds at 100,000 projects) then come and go before the pages are
    // stored, not on top of them (the start's peak at 100,000: 2.81 ->
    // 2.31 GB), and need no bound.
    let first = !shared
        .served
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .contains_key("search_index.json");
    let index_time = first.then(|| {
        let t = Instant::now();
        build_index(shared, &site, None);
        t.elapsed()
    });
    let cache = Some(state.render_cache());
    let reader = plan
        .checks_page_links()
        .then(|| LinkReader::new(&site.config.base_url, &site.config.base_path()));
    let keeper = Keeper::new(reader.as_ref());
    let rendered = crate::util::timing::phase("render and store", || {
        output::render_each(
            &site,
            &theme,
            &plan.selection,
            plan.first_parts(),
            None,
            cache,
            &|files| keeper.take(files),
        )
    });
    if let Err(e) = rendered {
        return failed(shared, &e.to_diagnostics());
    }
    // The pages rendered, as the log says (the theme's static files apart).
    let pages = keeper.count();
    if !plan.is_incremental() {
        match crate::write::static_files(&theme.static_dir) {
            Ok(statics) => keeper.keep(statics),
            Err(e) => return failed(shared, &Diagnostics(vec![e.to_diagnostic()])),
        }
    }
    let (links, files) = keeper.into_parts();
    // Every link of the new pages leads to one of the new files.
    if let Some(reader) = &reader {
        let written: HashSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        let dead = links.dead(reader, |p| written.contains(p));
        if dead.has_errors() {
            return failed(shared, &dead);
        }
    }
    let site = Arc::new(site);
    let aggregates_lock = shared.aggregates.lock().unwrap_or_else(|e| e.into_inner());
    {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        if !plan.is_incremental() {
            // Everything was rendered except the index: keep the old index
            // files until the new ones are ready.
            served.files.retain(|k, _| output::is_search_index(k));
        }
        for (path, stored) in files {
            served.files.insert(path, Arc::new(stored));
        }
        served.error = None;
        served.version += 1;
    }
    // What the pages took: the index said its own time.
    let millis = (start.elapsed() - index_time.unwrap_or_default()).as_millis();
    if plan.is_incremental() {
        eprintln!(
            "{}",
            crate::tr!("serve-rebuilt-changed", millis = millis, pages = pages)
        );
    } else {
        eprintln!(
            "{}",
            crate::tr!("serve-rebuilt-all", millis = millis, pages = pages)
        );
    }
    broadcast(shared, "event: reload\ndata: reload\n\n");
    if plan.first_parts() == Parts::PAGES {
        let start = Instant::now();
        let keeper = Keeper::new(None);
        let rendered = output::render_each(
            &site,
            &theme,
            &plan.selection,
            Parts::AGGREGATES,
            None,
            cache,
            &|files| keeper.take(files),
        );
        match rendered.map(|()| keeper.into_parts()) {
            Ok((_, files)) => {
                let count = files.len();
                let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
                for (path, stored) in files {
                    served.files.insert(path, Arc::new(stored));
                }
                drop(served);
                eprintln!(
                    "{}",
                    crate::tr!(
                        "serve-rebuilt-aggregates",
                        millis = start.elapsed().as_millis(),
                        count = count
                    )
                );
            }
            // The pages of the same model rendered; report it all the same.
            Err(e) => eprintln!("{e}"),
        }
    }
    drop(aggregates_lock);
    drop(theme);
    state.rendered(site.clone());
    // Otherwise the search index follows on one worker thread.
    if !first {
        let mut pending = shared
            .index_wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *pending = Some(site);
        shared.index_signal.notify_one();
    }
}

/// The files a rebuild makes, each stored as the server keeps it
/// (deflated) as its batch comes, so the pages are never all in memory as
/// written; with a link reader, their links too.
struct Keeper<'a> {
    reader: Option<&'a LinkReader>,
    kept: Mutex<(PageLinks, Vec<(String, Stored)>)>,
}

impl<'a> Keeper<'a> {
    fn new(reader: Option<&'a LinkReader>) -> Keeper<'a> {
        Keeper {
            reader,
            kept: Mutex::new((PageLinks::default(), Vec::new())),
        }
    }

    fn keep(&self, files: Vec<OutFile>) {
        let paths: Vec<String> = files.iter().map(OutFile::site_path).collect();
        // Read and deflated in parallel outside the lock (a rayon thread
        // waiting on it could be asked to run the very work that holds it).
        let found = self.reader.map(|r| {
            r.read(
                paths
                    .iter()
                    .map(String::as_str)
                    .zip(files.iter().map(|f| &f.bytes[..]))
                    .collect::<Vec<_>>(),
            )
        });
        let stored: Vec<Stored> = files
            .into_par_iter()
            .map(|f| Stored::new(f.bytes))
            .collect();
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(found) = found {
            kept.0.merge(found);
        }
        kept.1.extend(paths.into_iter().zip(stored));
    }

    /// [`Keeper::keep`] as `render_each` hands files over.
    fn take(&self, files: Vec<OutFile>) -> Result<(), OutputError> {
        self.keep(files);
        Ok(())
    }

    fn count(&self) -> usize {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .len()
    }

    fn into_parts(self) -> (PageLinks, Vec<(String, Stored)>) {
        self.kept
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn failed(shared: &Arc<Shared>, diags: &Diagnostics) {
    failed_text(shared, diags.to_string())
}

pub(super) fn failed_text(shared: &Arc<Shared>, text: String) {
    eprint!("{text}");
    eprintln!("{}", crate::tr!("serve-still-last-good"));
    let payload = serde_json::to_string(&text).unwrap_or_default();
    {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        served.error = Some(text);
    }
    broadcast(shared, &format!("event: problem\ndata: {payload}\n\n"));
}
