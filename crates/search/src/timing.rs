//! Phase timings for profiling: with `PEIXUN_TIMINGS=1` in the environment,
//! each named phase of a build prints its wall time to stderr, and when it
//! ran, in ms from the first phase's start (phases run side by side). A
//! program may also be told when each phase starts ([`observe`]), for a
//! progress line.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("PEIXUN_TIMINGS").is_some_and(|v| v != "0"))
}

static OBSERVER: OnceLock<fn(&str)> = OnceLock::new();

/// Has `observer` called with each phase's name as it starts (once per
/// program: a later call is ignored).
pub fn observe(observer: fn(&str)) {
    let _ = OBSERVER.set(observer);
}

/// Runs `f`, printing how long it took when timings are on.
pub fn phase<T>(name: &str, f: impl FnOnce() -> T) -> T {
    if let Some(observer) = OBSERVER.get() {
        observer(name);
    }
    if !enabled() {
        return f();
    }
    static FIRST: OnceLock<Instant> = OnceLock::new();
    let first = *FIRST.get_or_init(Instant::now);
    let start = Instant::now();
    let out = f();
    eprintln!(
        "  {:>8.1} ms  {name} [{:.0}-{:.0}]",
        start.elapsed().as_secs_f64() * 1000.0,
        (start - first).as_secs_f64() * 1000.0,
        first.elapsed().as_secs_f64() * 1000.0
    );
    out
}
