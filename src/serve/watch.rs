//! Watching content/, themes/ and site.toml, and turning bursts of file
//! events into one rebuild each.

use super::rebuild::rebuild;
use super::{ServeError, Shared};
use crate::pipeline::{Change, Incremental};
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub(super) type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Watches content/, themes/ and site.toml (the watcher must be kept alive).
pub(super) fn start_watching(
    root: &Path,
) -> Result<(notify::RecommendedWatcher, Events), ServeError> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| ServeError::Watch(e.to_string()))?;
    for dir in [crate::content::CONTENT_DIR, "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| ServeError::Watch(format!("{}: {e}", path.display())))?;
        }
    }
    // The root itself, not recursively: editors save site.toml by renaming a
    // temporary file over it, which a watch on the file alone would miss.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| ServeError::Watch(format!("{}: {e}", root.display())))?;
    Ok((watcher, rx))
}

/// Quiet time that ends a burst of file events. An editor's
/// write-rename-chmod arrives within a few milliseconds; every millisecond
/// here is added to each save's time to reload.
pub(super) const QUIET_MS: u64 = 30;

/// Debounces bursts (an editor's write-rename-chmod) into one rebuild.
/// Never returns unless watching fails.
pub(super) fn watch(
    root: &Path,
    rx: &Events,
    shared: &Arc<Shared>,
    state: &mut Incremental,
) -> Result<(), ServeError> {
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    loop {
        let Ok(first) = rx.recv() else {
            return Err(ServeError::Watch("the watcher stopped".into()));
        };
        let mut events = vec![first];
        // QUIET_MS without an event (at most 1 s in all) ends the burst.
        let burst = Instant::now();
        while burst.elapsed() < Duration::from_secs(1) {
            match rx.recv_timeout(Duration::from_millis(QUIET_MS)) {
                Ok(e) => events.push(e),
                Err(_) => break,
            }
        }
        let mut change: Option<Change> = None;
        for event in events.into_iter().flatten() {
            // Reading the files during a rebuild raises access events; only
            // writes, creations, removals and renames matter.
            use notify::event::{EventKind, ModifyKind};
            if matches!(
                event.kind,
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
            ) {
                continue;
            }
            for path in &event.paths {
                if let Some(this) = Change::of_file(&root_abs, root, path) {
                    change = Some(match change {
                        Some(before) => before.and(this),
                        None => this,
                    });
                }
            }
        }
        if let Some(change) = change {
            rebuild(root, shared, state, &change);
        }
    }
}
