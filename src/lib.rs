//! peixun: a static site generator for published teacher-training catalogs.
//!
//! Data flows one way: files → validated model ([`catalog::Site`]) → pages,
//! search index and data files → `output/`.

pub mod util;

pub mod catalog;
pub mod config;
pub mod content;

pub use catalog::Site;
pub use config::Config;
pub use util::diag::{Diagnostic, Diagnostics};
pub mod build;
pub mod cli;
pub mod render;
pub mod search;
pub mod serve;
