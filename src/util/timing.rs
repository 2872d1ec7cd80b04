//! Phase timings for profiling (`PEIXUN_TIMINGS=1`): the search crate's
//! (crates/search), whose index phases are timed too.

pub use peixun_search::timing::*;
