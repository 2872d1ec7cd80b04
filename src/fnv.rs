//! A fast hasher for short keys.

/// FNV-1a (64 bit) as a `HashMap` hasher: keys here are short strings
/// (tokens, catalog slugs), where the default SipHash costs more than the
/// lookup around it.
#[derive(Default, Clone, Copy)]
pub(crate) struct FnvHasher(pub(crate) u64);

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

pub(crate) type Fnv = std::hash::BuildHasherDefault<FnvHasher>;
