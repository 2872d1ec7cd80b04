//! The progress line of a build: on a terminal, for a build that takes
//! more than a second, the step it is at and the seconds so far, on one
//! line of stderr that is cleared when the build ends. Nothing when stderr
//! is not a terminal, in CI (`CI` set), or with `PEIXUN_TIMINGS` (whose
//! lines it would interleave with). `PEIXUN_PROGRESS_AFTER_MS` changes the
//! second, for tests.

use crate::util::i18n;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// The message id of the step the build is at, set as phases start.
static STEP: Mutex<&'static str> = Mutex::new("progress-start");

/// The steps an editor is told of, by the names of the phases that start
/// them; the others (inside these) leave the line as it is.
fn step_of(phase: &str) -> Option<&'static str> {
    Some(match phase {
        "load content" => "progress-load-content",
        "page links" => "progress-page-links",
        "project pages" => "progress-project-pages",
        "catalog pages" => "progress-catalog-pages",
        "facet pages" => "progress-facet-pages",
        "comparison pages" => "progress-comparison-pages",
        "search index" => "progress-search-index",
        "write files" => "progress-write-files",
        _ => return None,
    })
}

fn observed(phase: &str) {
    if let (Some(step), Ok(mut at)) = (step_of(phase), STEP.lock()) {
        *at = step;
    }
}

/// A progress line, shown once the build has run a second.
pub(super) struct Progress {
    done: Arc<AtomicBool>,
    ticker: Option<JoinHandle<()>>,
}

impl Progress {
    pub(super) fn start() -> Progress {
        let wanted = std::io::stderr().is_terminal()
            && std::env::var_os("CI").is_none()
            && std::env::var_os("PEIXUN_TIMINGS").is_none();
        let done = Arc::new(AtomicBool::new(false));
        if !wanted {
            return Progress { done, ticker: None };
        }
        crate::search::timing::observe(observed);
        let flag = Arc::clone(&done);
        // After how long the line shows: a second; tests set it lower.
        let after = std::env::var("PEIXUN_PROGRESS_AFTER_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let ticker = std::thread::spawn(move || {
            let started = Instant::now();
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(100));
                let elapsed = started.elapsed();
                if elapsed < after {
                    continue;
                }
                if bar.is_hidden() {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                }
                let step = STEP.lock().map(|s| *s).unwrap_or("progress-start");
                bar.set_message(i18n::message(
                    "progress-building",
                    &[
                        ("step", i18n::Arg::from(i18n::message(step, &[]))),
                        (
                            "seconds",
                            i18n::Arg::from(format!("{:.0}", elapsed.as_secs_f64())),
                        ),
                    ],
                ));
                bar.tick();
            }
            bar.finish_and_clear();
        });
        Progress {
            done,
            ticker: Some(ticker),
        }
    }

    /// Clears the line, before the build's own summary is printed.
    pub(super) fn finish(mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
    }
}
