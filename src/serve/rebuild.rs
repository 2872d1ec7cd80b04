//! One rebuild under `serve`: load and plan (see [`crate::pipeline::Plan`]),
//! render what the plan says, swap the files in, signal the reload, then
//! the whole-site aggregates and, on a worker thread, the search index.

use super::index::build_index;
use super::reload::broadcast;
use super::Shared;
use crate::output::{self, OutFile, Parts};
use crate::pipeline::{BuildError, BuildOptions, Change, Checked, Incremental, Rebuild};
use crate::util::diag::Diagnostics;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
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
    let cache = Some(state.render_cache());
    let files = match output::render(
        &site,
        &theme,
        &plan.selection,
        plan.first_parts(),
        false,
        cache,
    ) {
        Ok(f) => f,
        Err(e) => return failed(shared, &e.to_diagnostics()),
    };
    let statics: Vec<OutFile> = if plan.is_incremental() {
        Vec::new()
    } else {
        match crate::write::static_files(&theme.static_dir) {
            Ok(s) => s,
            Err(e) => return failed(shared, &Diagnostics(vec![e.to_diagnostic()])),
        }
    };
    if plan.checks_page_links() {
        if let Err(dead) = check_links(&site, &files, &statics) {
            return failed(shared, &dead);
        }
    }
    let pages = files.len();
    let site = Arc::new(site);
    let aggregates_lock = shared.aggregates.lock().unwrap_or_else(|e| e.into_inner());
    {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        if !plan.is_incremental() {
            // Everything was rendered except the index: keep the old index
            // files until the new ones are ready.
            served.files.retain(|k, _| output::is_search_index(k));
        }
        for f in files.into_iter().chain(statics) {
            served.files.insert(f.site_path(), Arc::new(f.bytes));
        }
        served.error = None;
        served.version += 1;
    }
    let millis = start.elapsed().as_millis();
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
        match output::render(
            &site,
            &theme,
            &plan.selection,
            Parts::AGGREGATES,
            false,
            cache,
        ) {
            Ok(files) => {
                let count = files.len();
                let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
                for f in files {
                    served.files.insert(f.site_path(), Arc::new(f.bytes));
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
    // The search index follows on one worker thread, except on the first
    // build, when there is no older index to serve meanwhile.
    let first = !shared
        .served
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .contains_key("search_index.json");
    if first {
        build_index(shared, &site);
    } else {
        let mut pending = shared
            .index_wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *pending = Some(site);
        shared.index_signal.notify_one();
    }
}

/// Every link of the new pages leads to one of the new files.
fn check_links(
    site: &crate::model::Site,
    files: &[OutFile],
    statics: &[OutFile],
) -> Result<(), Diagnostics> {
    let new: Vec<String> = files
        .iter()
        .chain(statics)
        .map(OutFile::site_path)
        .collect();
    let written: HashSet<&str> = new.iter().map(String::as_str).collect();
    let pages: Vec<(&str, &[u8])> = new
        .iter()
        .zip(files.iter().chain(statics))
        .map(|(p, f)| (p.as_str(), &f.bytes[..]))
        .collect();
    let dead = crate::check::generated_links(
        pages,
        |p| written.contains(p),
        &site.config.base_url,
        &site.config.base_path(),
    );
    if dead.has_errors() {
        Err(dead)
    } else {
        Ok(())
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
