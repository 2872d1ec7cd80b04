//! peixun: a static site generator for published teacher-training catalogs.
//!
//! Data flows one way: files → validated model ([`model::Site`]) → pages,
//! search index and data files → `output/`.

pub mod util;

pub mod check;
pub mod config;
pub mod content;
pub mod model;

pub use config::Config;
pub use model::Site;
pub use util::diag::{Diagnostic, Diagnostics};
pub mod cli;
pub mod output;
pub mod pipeline;
pub mod present;
pub mod search;
pub mod serve;
pub mod write;
