//! Fast hashers for short keys: the search crate's (crates/search), which
//! needs them most, for the site's maps too; and one for long byte keys.

pub use peixun_search::hash::*;

/// XXH3 for maps keyed by long byte strings (a page's links, 30 to 80
/// bytes each, looked up ten million times a build at 100,000 projects),
/// which FNV walks one byte and one multiply at a time.
#[derive(Default, Clone, Copy)]
pub struct LongHasher(u64);

impl std::hash::Hasher for LongHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
}

pub type Long = std::hash::BuildHasherDefault<LongHasher>;
