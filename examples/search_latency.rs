//! Measures search in a real headless Chromium: index download + parse time
//! and keystroke-to-results latency, on a built site.
//!
//! usage: cargo run --release --example search_latency -- <output-dir>
//! (needs Debian's `chromium`; figures go to docs/performance.md)

#[path = "../tests/it/browser_support.rs"]
#[allow(dead_code)]
mod browser_support;

use browser_support::{Browser, StaticServer};
use std::path::PathBuf;

/// How many index shards the page has fetched so far.
const SHARDS_FETCHED: &str =
    "performance.getEntriesByType('resource').filter(e => e.name.includes('/search_index/')).length";

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: search_latency <output-dir>");
        std::process::exit(2);
    };
    let server = StaticServer::start(&dir);
    let mut b = Browser::launch();
    b.goto(&format!("{}/", server.base));
    b.wait_for("document.querySelectorAll('#results .result').length > 0");
    let docs_ms = b.eval("performance.getEntriesByType('resource').find(e => e.name.endsWith('search_docs.json')).duration");
    b.click("#q");
    b.wait_for("window.peixun.finder.store.index !== null");
    let index_ms = b.eval("window.peixun.indexLoadMs");
    println!("search_docs.json fetch: {docs_ms:.0} ms; index manifest fetch + JSON parse: {index_ms:.0} ms");
    for query in [
        "教师",
        "骨干教师培训",
        "农村 小学",
        "班主任",
        "工程2.0",
        "AI 教师",
        "banzhuren",
        "bzr",
        "班主仁",
    ] {
        b.eval("(() => { const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input')); })()");
        let mut per_key = Vec::new();
        let shards_before = b.eval(SHARDS_FETCHED).as_f64().unwrap_or(0.0);
        let chars: Vec<char> = query.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if i + 1 == chars.len() {
                b.eval("window.__lastKey = performance.now()");
            }
            b.type_text(&c.to_string());
            per_key.push(
                b.eval("window.peixun.lastLatencyMs")
                    .as_f64()
                    .unwrap_or(f64::NAN),
            );
        }
        // Until the shards the query needs have arrived and the results show.
        b.wait_for("!document.getElementById('status').textContent.includes('正在加载')");
        let done = b
            .eval("performance.now() - window.__lastKey")
            .as_f64()
            .unwrap_or(f64::NAN);
        let shards = b.eval(SHARDS_FETCHED).as_f64().unwrap_or(0.0) - shards_before;
        let status = b.eval("document.getElementById('status').textContent");
        let max = per_key.iter().cloned().fold(0.0, f64::max);
        println!("{query}: per keystroke {per_key:.1?} ms (max {max:.1} ms); last key to results incl. {shards} new shard(s): {done:.0} ms -> {status}");
    }
    // Fresh pages for shared searches with one filter: what each fetches
    // besides the page itself (bench/run adds up the gzip sizes of these
    // files and of the page).
    for query in [
        "q=%E5%86%9C%E6%9D%91&stages=%E5%B0%8F%E5%AD%A6",
        "q=banzhuren&stages=%E5%B0%8F%E5%AD%A6",
        "q=%E7%8F%AD%E4%B8%BB%E4%BB%81&stages=%E5%B0%8F%E5%AD%A6",
    ] {
        let mut fresh = Browser::launch();
        let html = fresh.open_home(&server.base, query);
        let results = html.matches("class=\"card result").count();
        let fetched = fresh.eval(
            "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname).filter(p => p !== '/').join(' ')",
        );
        println!(
            "fetched for /?{query} ({results} results shown): {}",
            fetched.as_str().unwrap_or_default()
        );
    }
}
