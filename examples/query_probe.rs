//! What the home page's search shows for some queries, in headless Chromium:
//! the status line and the titles of the results, in order.
//!
//! usage: cargo run --example query_probe -- <output-dir> <query>…
//! (needs Debian's `chromium`)

#[path = "../tests/it/browser_support.rs"]
#[allow(dead_code)]
mod browser_support;

use browser_support::{Browser, StaticServer};
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: query_probe <output-dir> <query>…");
        std::process::exit(2);
    };
    let server = StaticServer::start(&dir);
    let mut b = Browser::launch();
    for query in args {
        let q = percent_encoding::utf8_percent_encode(&query, percent_encoding::NON_ALPHANUMERIC);
        b.open_home(&server.base, &format!("q={q}"));
        let shown = b.eval(
            "JSON.stringify({status: document.getElementById('status').textContent, suggest: document.getElementById('suggest').textContent, heading: document.getElementById('all-heading').textContent, titles: Array.from(document.querySelectorAll('#results .result h3 a')).map(a => a.textContent)})",
        );
        println!("{query}\n  {}", shown.as_str().unwrap_or_default());
    }
}
