//! peixun: a static site generator for published teacher-training catalogs.
//!
//! The modules are layers, listed here from the bottom up; each uses only
//! the ones above it in this list, so data flows one way: files → config
//! and validated content → the model ([`model::Site`]) → checks → pages,
//! search index and data files in memory → `output/`. docs/architecture.md
//! is the map.

pub mod util;

pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod import;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod present;
/// The search index (crates/search), which knows nothing of the site.
pub use peixun_search as search;
pub mod serve;
pub mod write;

pub use config::Config;
pub use model::Site;
pub use util::diag::{Diagnostic, Diagnostics};
