//! Fast hashers for short keys: FNV-1a for strings, a folded multiply for
//! integers.

/// FNV-1a (64 bit) as a `HashMap` hasher: keys here are short strings
/// (tokens, catalog slugs), where the default SipHash costs more than the
/// lookup around it.
#[derive(Default, Clone, Copy)]
pub struct FnvHasher(pub u64);

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

pub type Fnv = std::hash::BuildHasherDefault<FnvHasher>;

/// A folded multiply for integer keys (tokens packed into a `u64`, project
/// addresses): one instruction's worth of mixing where SipHash or FNV walk
/// the bytes; the fold brings the product's high half into the low bits
/// that pick a bucket, which matters for addresses, whose low bits are zero.
/// Anything else is hashed with FNV-1a.
#[derive(Default, Clone, Copy)]
pub struct FoldHasher(u64);

impl std::hash::Hasher for FoldHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut fnv = FnvHasher(self.0);
        fnv.write(bytes);
        self.0 = fnv.0;
    }
    fn write_u64(&mut self, v: u64) {
        let m = u128::from(v ^ 0x243f_6a88_85a3_08d3) * 0x1319_8a2e_0370_7344;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

pub type Fold = std::hash::BuildHasherDefault<FoldHasher>;
