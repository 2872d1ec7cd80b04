//! The contract between Rust and the browser: the theme's query.js and
//! shards.js, run under Node on the shared case tables, give exactly what
//! src/search/ gives (tokens, the shard of each token, how a query is read
//! and split, pinyin). Plain `cargo test` runs it; the browser tests check
//! the same modules again inside Chromium.

use crate::support::*;
use peixun::search::{self, pinyin, query};
use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Stdio};

fn read(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo().join("tests/data").join(name)).unwrap())
        .unwrap()
}

/// What contract.mjs prints for the case tables.
fn run_node(input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(repo().join("tests/js/contract.mjs"))
        .arg(repo().join("themes/default/static"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node (Node.js) runs the browser's code in cargo test");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A term as the shared cases write it: the words it is split into only
/// when it is split.
fn term_json(t: &query::Term) -> Value {
    let mut v = json!({
        "text": t.text,
        "alternatives": t.alternatives.iter().map(|a| json!({"text": a.text, "tokens": a.tokens})).collect::<Vec<_>>(),
    });
    if !t.pieces.is_empty() {
        v["split"] = t.pieces.iter().map(|p| p.text.clone()).collect();
    }
    v
}

#[test]
fn query_js_and_shards_js_agree_with_rust_on_every_shared_case() {
    let tokenizer = read("tokenizer_cases.json");
    let queries = read("query_cases.json");
    let got = run_node(&json!({
        "tokenizer": tokenizer,
        "queries": queries,
        "syllables": pinyin::syllables(),
    }));
    let mut wrong = Vec::new();

    for (case, js) in tokenizer.as_array().unwrap().iter().zip(got["tokens"].as_array().unwrap()) {
        let text = case["text"].as_str().unwrap();
        let rust = search::tokenize(text);
        if js["tokens"] != case["tokens"] || json!(rust) != case["tokens"] {
            wrong.push(format!("tokens of {text:?}: js {} rust {rust:?}", js["tokens"]));
        }
        let shards: Vec<Vec<usize>> = rust
            .iter()
            .map(|t| [1, 2, 97, 1000].map(|n| search::shard_of(t, n)).to_vec())
            .collect();
        let index_shards: Vec<Vec<usize>> = rust
            .iter()
            .map(|t| {
                [(1, 2), (3, 10), (40, 97)]
                    .map(|(s, c)| search::index_shard_of(t, s, c))
                    .to_vec()
            })
            .collect();
        if js["shards"] != json!(shards) || js["index_shards"] != json!(index_shards) {
            wrong.push(format!("shards of {text:?}"));
        }
    }

    let synonyms: Vec<Vec<String>> = serde_json::from_value(queries["synonyms"].clone()).unwrap();
    let words: std::collections::HashSet<String> =
        serde_json::from_value(queries["words"].clone()).unwrap();
    for (case, js) in queries["queries"].as_array().unwrap().iter().zip(got["queries"].as_array().unwrap()) {
        let q = case["query"].as_str().unwrap();
        let rust: Vec<Value> = query::parse(q, &synonyms, &words).iter().map(term_json).collect();
        if js["terms"] != case["terms"] || Value::Array(rust) != case["terms"] {
            wrong.push(format!("terms of {q:?}: js {}", js["terms"]));
        }
    }

    for (case, js) in queries["pinyin"].as_array().unwrap().iter().zip(got["pinyin"].as_array().unwrap()) {
        let letters = case["letters"].as_str().unwrap();
        for key in ["segmentations", "full_keys", "initial_keys"] {
            if js[key] != case[key] {
                wrong.push(format!("{key} of {letters:?}: js {}", js[key]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
