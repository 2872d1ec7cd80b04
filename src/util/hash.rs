//! Fast hashers for short keys: the search crate's (crates/search), which
//! needs them most, for the site's maps too.

pub use peixun_search::hash::*;
