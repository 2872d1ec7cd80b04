//! A file as the dev server keeps it between requests: pages and data
//! deflated, since a national catalog's are 2.8 GB as written and the
//! server holds every one; small files as they are.

use std::borrow::Cow;
use std::io::{Read, Write};

/// Below this a file is kept as it is: deflating it saves too little.
const DEFLATE_FROM: usize = 2048;

pub(crate) struct Stored {
    bytes: Vec<u8>,
    deflated: bool,
}

impl Stored {
    pub(crate) fn new(bytes: Vec<u8>) -> Stored {
        if bytes.len() < DEFLATE_FROM {
            return Stored {
                bytes,
                deflated: false,
            };
        }
        // The fastest level: a page is deflated on every save that renders
        // it, and level 1 already takes a page to about a fifth.
        let mut encoder = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(bytes.len() / 4),
            flate2::Compression::fast(),
        );
        match encoder.write_all(&bytes).and_then(|()| encoder.finish()) {
            Ok(mut deflated) if deflated.len() < bytes.len() => {
                deflated.shrink_to_fit();
                Stored {
                    bytes: deflated,
                    deflated: true,
                }
            }
            _ => Stored {
                bytes,
                deflated: false,
            },
        }
    }

    /// The file's bytes as written.
    pub(crate) fn bytes(&self) -> Cow<'_, [u8]> {
        if !self.deflated {
            return Cow::Borrowed(&self.bytes);
        }
        let mut out = Vec::with_capacity(self.bytes.len() * 5);
        // What this module deflated inflates; were it to fail, an empty
        // answer is the least wrong one.
        match flate2::read::DeflateDecoder::new(&self.bytes[..]).read_to_end(&mut out) {
            Ok(_) => Cow::Owned(out),
            Err(_) => Cow::Owned(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stored;

    #[test]
    fn a_file_comes_back_as_it_was_stored() {
        let page: Vec<u8> = "<li>重庆市骨干教师培训</li>\n".repeat(400).into_bytes();
        let stored = Stored::new(page.clone());
        assert!(stored.deflated && stored.bytes.len() < page.len() / 5);
        assert_eq!(stored.bytes(), page);
        for small in [Vec::new(), b"{}".to_vec(), vec![0xFF; 2047]] {
            let stored = Stored::new(small.clone());
            assert!(!stored.deflated);
            assert_eq!(stored.bytes(), small);
        }
        // Bytes deflate cannot shrink are kept as they are.
        let noise: Vec<u8> = (0..100_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(Stored::new(noise.clone()).bytes(), noise);
    }
}
