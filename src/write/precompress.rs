//! `--precompress`: a gzip and a Brotli copy beside every larger text file
//! and search data file.

use super::OutFile;
use rayon::prelude::*;
use std::path::PathBuf;

/// Brotli quality of the `.br` copies: from 7 up, and at any quality with a
/// window under 128 KB, this encoder allocates and clears tens of megabytes
/// for every file; 6 is fast and still clearly smaller than gzip
/// (measurements: docs/performance.md). Changing how copies are made means
/// a new number for the output's record (`record.rs`), whose copies are kept.
pub const BROTLI_QUALITY: i32 = 6;

/// A gzip copy (`<path>.gz`, level 6 as web servers use) and a Brotli copy
/// (`<path>.br`, [`BROTLI_QUALITY`], window 128 KB to 4 MiB) of every text file
/// and search data file (`.bin`: varints and tokens, which gzip halves) of
/// 1 KB or more, made in parallel, for hosts that serve precompressed files
/// (nginx `gzip_static` and `brotli_static`). Smaller files gain too little
/// to be worth more files.
///
/// A file whose copies the output already holds, made from these very bytes
/// (`made(file, copies)`, from the output's record), is not compressed
/// again: its copies' paths are returned apart, to be kept as they are.
pub fn precompressed_copies(
    files: &[OutFile],
    made: impl Fn(&OutFile, &[PathBuf; 2]) -> bool + Sync,
) -> (Vec<OutFile>, Vec<PathBuf>) {
    use std::io::Write as _;
    const COMPRESSIBLE: &[&str] = &[
        "html", "css", "js", "json", "xml", "csv", "svg", "txt", "bin",
    ];
    let with_suffix = |f: &OutFile, suffix: &str| -> PathBuf {
        let mut path = f.path.clone().into_os_string();
        path.push(suffix);
        path.into()
    };
    let (kept, compress): (Vec<_>, Vec<_>) = files
        .par_iter()
        .filter(|f| {
            f.bytes.len() >= 1024
                && f.path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| COMPRESSIBLE.contains(&e))
        })
        .map(|f| {
            let copies = [with_suffix(f, ".gz"), with_suffix(f, ".br")];
            let made = made(f, &copies);
            (f, copies, made)
        })
        .partition(|(_, _, made)| *made);
    let kept = kept.into_iter().flat_map(|(_, copies, _)| copies).collect();
    let made = compress
        .into_par_iter()
        .flat_map_iter(|(f, [gz_path, br_path], _)| {
            let mut gz = flate2::write::GzEncoder::new(
                Vec::with_capacity(f.bytes.len() / 4),
                flate2::Compression::default(),
            );
            let gz = gz.write_all(&f.bytes).and_then(|()| gz.finish());
            // The window fits the file, but no smaller than 128 KB: below
            // that the encoder picks hash tables it clears at great cost
            // for every file (see BROTLI_QUALITY).
            let window = usize::BITS - f.bytes.len().leading_zeros();
            let params = brotli::enc::BrotliEncoderParams {
                quality: BROTLI_QUALITY,
                lgwin: (window as i32).clamp(17, 22),
                size_hint: f.bytes.len(),
                ..Default::default()
            };
            let mut br = Vec::with_capacity(f.bytes.len() / 5);
            let br = brotli::BrotliCompress(&mut &f.bytes[..], &mut br, &params).map(|_| br);
            // Both are writes into memory: they cannot fail, but no file
            // rather than a broken one if they ever did.
            [
                gz.ok().map(|bytes| OutFile {
                    path: gz_path,
                    bytes,
                }),
                br.ok().map(|bytes| OutFile {
                    path: br_path,
                    bytes,
                }),
            ]
            .into_iter()
            .flatten()
        })
        .collect();
    (made, kept)
}
