//! China's administrative divisions: the `peixun-places` crate
//! (crates/places), which knows nothing of the site.

pub use peixun_places::*;
