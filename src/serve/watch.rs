//! Watching content/, themes/ and site.toml, and turning bursts of file
//! events into one rebuild each.

use super::rebuild::rebuild;
use super::{ServeError, Shared};
use crate::pipeline::{Change, Incremental};
use notify::event::{EventKind, ModifyKind};
use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};
use std::path::Path;
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

pub(super) type Events = mpsc::Receiver<DebounceEventResult>;

/// The watcher and its debouncer, which must be kept alive.
pub(super) type Watching = Debouncer<notify::RecommendedWatcher, RecommendedCache>;

/// Quiet time that ends a burst of events for one file: an editor's
/// write-rename-chmod arrives within a few milliseconds, and every
/// millisecond here is added to each save's time to reload. A save split
/// wider than this costs one more rebuild, not a wrong page: the second
/// burst rebuilds from the file as it is then.
const QUIET: Duration = Duration::from_millis(15);

/// How often the debouncer looks for bursts that have ended: its default,
/// a quarter of `QUIET`, added half of that to the average save.
const TICK: Duration = Duration::from_millis(3);

/// Watches content/, themes/ and site.toml, debounced.
pub(super) fn start_watching(root: &Path) -> Result<(Watching, Events), ServeError> {
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        new_debouncer(QUIET, Some(TICK), tx).map_err(|e| ServeError::Watch(e.to_string()))?;
    for dir in [crate::content::CONTENT_DIR, crate::output::THEMES_DIR] {
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

/// Rebuilds once for each debounced batch of changes (and once for all the
/// batches that arrived during a rebuild). Never returns unless watching fails.
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
        let mut change: Option<Change> = None;
        for batch in std::iter::once(first).chain(rx.try_iter()) {
            // Errors (a watched folder removed, a full inotify queue) end
            // in a rebuild that finds out what the files now are.
            let events = match batch {
                Ok(events) => events,
                Err(_) => {
                    change = Some(Change::Everything);
                    continue;
                }
            };
            for event in events {
                // Reading the files during a rebuild raises access events;
                // only writes, creations, removals and renames matter.
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
        }
        if let Some(change) = change {
            rebuild(root, shared, state, &change);
        }
    }
}
