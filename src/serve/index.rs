//! The search index, rebuilt after the pages on a worker thread of its own
//! at the lowest priority, for the newest site only (the first build's is
//! made before its pages, see [`super::rebuild`]).

use super::stored::Stored;
use super::Shared;
use crate::model::Site;
use crate::output;
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Instant;

/// Builds the index for the latest site only: saves that arrive while an
/// index is being built replace the pending snapshot instead of queueing
/// one build each (a national catalog's index takes seconds).
pub(super) fn index_worker(shared: Arc<Shared>) {
    // One thread of its own, so a save arriving while the index is built
    // finds the other core free for its pages.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    loop {
        let site = {
            let mut pending = shared
                .index_wanted
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(job) = pending.take() {
                    break job;
                }
                pending = shared
                    .index_signal
                    .wait(pending)
                    .unwrap_or_else(|e| e.into_inner());
            }
        };
        match &pool {
            Some(pool) => pool.install(|| build_index(&shared, &site, Some(INDEX_POSTINGS))),
            None => build_index(&shared, &site, Some(INDEX_POSTINGS)),
        }
    }
}

/// Postings an index rebuilt after a save holds at most while it is made
/// (8 bytes each, 256 MB) beside the pages the server keeps: a national
/// catalog's would be several times that. Bounded at the cost of
/// tokenizing every document once more for each part (docs/performance.md).
const INDEX_POSTINGS: usize = 32 << 20;

/// Gives the calling thread the lowest CPU priority, so the index build
/// (seconds of one core) yields to the next save's page rebuild (a
/// fraction of that).
pub(super) fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread with no pointers;
    // on Linux a thread id is a valid PRIO_PROCESS target. A failure leaves
    // the priority as it was, which is harmless.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
}

/// The site's index, served from now on; holding at most `max_postings`
/// postings at a time while it is made, when given.
pub(super) fn build_index(shared: &Shared, site: &Site, max_postings: Option<usize>) {
    let t = Instant::now();
    let files: Vec<(String, Stored)> = output::served_index_files(site, max_postings)
        .into_par_iter()
        .map(|f| (f.site_path(), Stored::new(f.bytes)))
        .collect();
    let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
    served.files.retain(|k, _| !output::is_search_index(k));
    for (path, stored) in files {
        served.files.insert(path, Arc::new(stored));
    }
    drop(served);
    eprintln!(
        "{}",
        crate::tr!("serve-index-rebuilt", millis = t.elapsed().as_millis())
    );
}
