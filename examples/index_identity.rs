//! Checks, on any site, that the elasticlunr-format shards peixun writes are
//! byte for byte what elasticlunr-rs writes for the same postings, and that
//! the compact shards the browser reads hold the same tokens, term
//! frequencies, document frequencies and field lengths (the test suite
//! checks the bundled and fixture sites; this runs it at benchmark scale).
//!
//! usage: cargo run --release --example index_identity -- SITE_DIR
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(root) = std::env::args().nth(1) else {
        eprintln!("usage: index_identity SITE_DIR");
        return ExitCode::from(2);
    };
    let opts = peixun::pipeline::BuildOptions {
        root: root.clone().into(),
        ..Default::default()
    };
    let site = match peixun::pipeline::load_site(&opts) {
        Ok(checked) => checked.site,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = peixun::output::search_documents(&site);
    let per_shard = site.config.search.postings_per_shard;
    let start = std::time::Instant::now();
    let ours = peixun::search::build_index_with(&docs, per_shard);
    let ours_time = start.elapsed();
    let start = std::time::Instant::now();
    let theirs = peixun::search::build_index_by_elasticlunr(&docs, per_shard);
    let theirs_time = start.elapsed();
    let differing: Vec<usize> = (0..ours.shards.len().max(theirs.shards.len()))
        .filter(|&k| ours.shards.get(k) != theirs.shards.get(k))
        .collect();
    let bytes: usize = ours.shards.iter().map(String::len).sum();
    println!(
        "{root}: {} documents, {} shards, {bytes} bytes; peixun {ours_time:.2?}, elasticlunr-rs {theirs_time:.2?}",
        docs.len(),
        ours.shards.len()
    );
    if ours.manifest != theirs.manifest || !differing.is_empty() {
        println!(
            "DIFFERENT: manifest equal: {}, shards differing: {differing:?}",
            ours.manifest == theirs.manifest
        );
        return ExitCode::FAILURE;
    }
    println!("identical");
    let start = std::time::Instant::now();
    let differences = peixun::search::compact::differences_from_elasticlunr(&docs, per_shard);
    println!(
        "compact index against elasticlunr-rs: {:.2?}",
        start.elapsed()
    );
    if !differences.is_empty() {
        println!(
            "DIFFERENT: {}",
            differences[..differences.len().min(20)].join("\n")
        );
        return ExitCode::FAILURE;
    }
    println!("the compact index agrees");
    ExitCode::SUCCESS
}
