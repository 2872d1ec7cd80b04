//! Checks over the whole model, after every file validated on its own:
//! links in content that lead nowhere ([`content_links`]), and the
//! national guidance agreeing with site.toml's categories ([`guidance`]).

mod guidance;
mod links;

pub use guidance::guidance;
pub use links::content_links;
