//! Checks over the whole site, after every file validated on its own:
//! links in content that lead nowhere ([`content_links`]), the national
//! guidance agreeing with site.toml's categories ([`guidance`]), and, once
//! the pages are rendered, every link of every page ([`LinkReader`] reads
//! them batch by batch, [`PageLinks::dead`] names those that lead nowhere).

mod generated;
mod guidance;
mod links;

pub use generated::{LinkReader, PageLinks};
pub use guidance::guidance;
pub use links::content_links;
