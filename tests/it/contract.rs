//! The contract between Rust and the browser: the theme's query.js and
//! shards.js, run under Node on the shared case tables, give exactly what
//! src/search/ gives (tokens, the shard of each token, how a query is read
//! and split, pinyin), and its data.js reads the compact index, facet and
//! figure files as Rust wrote them, with the term frequencies, document
//! frequencies and field lengths elasticlunr-rs computes. Plain `cargo
//! test` runs it; the browser tests check the same modules again inside
//! Chromium.

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
    run_script("contract.mjs", input)
}

/// What tests/js/`script` prints for `input`.
fn run_script(script: &str, input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(repo().join("tests/js").join(script))
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

/// elasticlunr's term frequency of a count: its square root, rounded to
/// three decimals as elasticlunr-rs writes it.
fn tf_of(count: u32) -> f64 {
    (f64::from(count).sqrt() * 1000.0).round() / 1000.0
}

/// A token's node in an elasticlunr trie, if any.
fn trie_node<'a>(root: &'a Value, token: &str) -> Option<&'a Value> {
    let mut node = root;
    for c in token.chars() {
        node = node.get(c.to_string())?;
    }
    Some(node)
}

/// Every (field, token) with documents in elasticlunr tries.
fn trie_tokens(node: &Value, prefix: &mut String, out: &mut Vec<String>) {
    if node["docs"].as_object().is_some_and(|d| !d.is_empty()) {
        out.push(prefix.clone());
    }
    if let Some(children) = node.as_object() {
        for (key, child) in children {
            if key == "docs" || key == "df" {
                continue;
            }
            prefix.push_str(key);
            trie_tokens(child, prefix, out);
            prefix.truncate(prefix.len() - key.len());
        }
    }
}

#[test]
fn data_js_reads_the_bundled_index_as_elasticlunr_rs_computes_it() {
    let (_dir, output) = crate::browser::build_site(repo());
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("search_index.json")).unwrap()).unwrap();
    let count = manifest["shards"]["count"].as_u64().unwrap() as usize;
    let shards: Vec<_> = (0..count).map(|k| output.join(format!("search_index/{k}.bin"))).collect();
    let facets: Vec<_> = ["region", "stages", "year", "audience"]
        .iter()
        .map(|k| output.join(format!("search_facets/{k}.bin")))
        .collect();
    let docs = manifest["docs"].as_u64().unwrap();
    let got = run_script(
        "index.mjs",
        &json!({
            "fields": search::INDEX_FIELDS,
            "shards": shards,
            "sets": facets,
            "figures": [{"path": output.join("search_facets/figures.bin"), "count": docs}],
        }),
    );

    // The reference: elasticlunr's index of the same site.
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("elasticlunr/search_index.json")).unwrap(),
    )
    .unwrap();
    let el_count = reference["shards"]["count"].as_u64().unwrap() as usize;
    let el_shards: Vec<Value> = (0..el_count)
        .map(|k| {
            serde_json::from_str(
                &std::fs::read_to_string(output.join(format!("elasticlunr/search_index/{k}.json"))).unwrap(),
            )
            .unwrap()
        })
        .collect();
    let mut wrong = Vec::new();
    let mut read = 0;
    for (k, postings) in got["shards"].as_array().unwrap().iter().enumerate() {
        let Some(postings) = postings.as_array() else {
            panic!("shard {k}: {}", postings["error"]);
        };
        for p in postings {
            read += 1;
            let field = search::INDEX_FIELDS[p["field"].as_u64().unwrap() as usize];
            let token = p["token"].as_str().unwrap();
            let node = el_shards.iter().find_map(|s| {
                trie_node(&s["index"][field]["root"], token).filter(|n| n["docs"].as_object().is_some_and(|d| !d.is_empty()))
            });
            let Some(node) = node else {
                wrong.push(format!("{field} {token}: not in elasticlunr's index"));
                continue;
            };
            let mut want: Vec<(u64, f64, u64)> = node["docs"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(r, d)| {
                    let r: u64 = r.parse().unwrap();
                    (r, d["tf"].as_f64().unwrap(), reference["lengths"][field][r as usize].as_u64().unwrap())
                })
                .collect();
            want.sort_by_key(|d| d.0);
            let js: Vec<(u64, f64, u64)> = (0..p["ids"].as_array().unwrap().len())
                .map(|i| (p["ids"][i].as_u64().unwrap(), p["tf"][i].as_f64().unwrap(), p["len"][i].as_u64().unwrap()))
                .collect();
            if js != want || p["df"] != node["df"] {
                wrong.push(format!("{field} {token}: data.js {js:?} df {}, elasticlunr {want:?} df {}", p["df"], node["df"]));
            }
        }
    }
    // And nothing elasticlunr holds is missing.
    let mut held = 0;
    for shard in &el_shards {
        for field in search::INDEX_FIELDS {
            let mut tokens = Vec::new();
            trie_tokens(&shard["index"][*field]["root"], &mut String::new(), &mut tokens);
            held += tokens.len();
        }
    }
    assert_eq!(read, held, "postings read by data.js and held by elasticlunr");
    assert!(wrong.is_empty(), "{}", wrong[..wrong.len().min(20)].join("\n"));

    // Facet files and figures: what Rust reads, data.js reads.
    for (path, js) in facets.iter().zip(got["sets"].as_array().unwrap()) {
        let rust = search::compact::sets::decode(&std::fs::read(path).unwrap()).unwrap();
        assert_eq!(js, &json!(rust), "{}", path.display());
    }
    let figures = &got["figures"][0];
    let details: Vec<Value> = (0..)
        .map(|k| output.join(format!("search_docs/{k}.json")))
        .take_while(|p| p.is_file())
        .flat_map(|p| {
            serde_json::from_str::<Vec<Value>>(&std::fs::read_to_string(p).unwrap()).unwrap()
        })
        .collect();
    assert_eq!(details.len() as u64, docs);
    for (i, d) in details.iter().enumerate() {
        for key in ["offline_days", "online_hours", "cycle_years"] {
            assert_eq!(figures[key][i], d[key], "{key} of {}", d["title"]);
        }
        for key in ["offline_days_at_least", "online_hours_at_least", "work_item"] {
            let listed = figures[key].as_array().unwrap().contains(&json!(i));
            assert_eq!(listed, d[key] == true, "{key} of {}", d["title"]);
        }
    }
}

/// A small deterministic generator (xorshift), so a failure names its seed.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }

    fn text(&mut self) -> String {
        const PIECES: &[&str] = &["班", "主", "任", "培训", "小学", "教师", " ", "STEM", "2.0", "ai", "𠀀", "—", "校长", "乡村", "\u{300}"];
        (0..self.below(40)).map(|_| PIECES[self.below(PIECES.len() as u64) as usize]).collect()
    }
}

#[test]
fn random_documents_round_trip_through_the_writer_and_the_browsers_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut shard_files = Vec::new();
    let mut expected = Vec::new();
    let mut set_files = Vec::new();
    let mut expected_sets = Vec::new();
    for seed in 1..=40u64 {
        let mut r = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let docs: Vec<search::SearchDoc> = (0..r.below(30))
            .map(|i| search::SearchDoc {
                id: i.to_string(),
                fields: std::array::from_fn(|_| r.text()),
            })
            .collect();
        let per_shard = 1 + r.below(200) as usize;
        let index = search::build_compact_index(&docs, per_shard);
        for (k, shard) in index.shards.iter().enumerate() {
            let path = dir.path().join(format!("{seed}-{k}.bin"));
            std::fs::write(&path, shard).unwrap();
            shard_files.push(path);
            let postings = search::compact::read_shard(shard).expect("Rust reads what it wrote");
            expected.push(json!(postings
                .iter()
                .map(|p| json!({
                    "field": p.field,
                    "token": p.token,
                    "df": p.docs.len(),
                    "ids": p.docs.iter().map(|d| d.0).collect::<Vec<_>>(),
                    "tf": p.docs.iter().map(|d| tf_of(d.1)).collect::<Vec<_>>(),
                    "len": p.docs.iter().map(|d| d.2).collect::<Vec<_>>(),
                }))
                .collect::<Vec<_>>()));
        }
        let n = 1 + r.below(3000) as u32;
        let sets: Vec<Vec<u32>> = (0..r.below(6))
            .map(|_| {
                let every = 1 + r.below(5) as u32;
                let from = r.below(u64::from(n)) as u32;
                (from..n).filter(|d| d % every == 0).take(r.below(2000) as usize).collect()
            })
            .collect();
        let path = dir.path().join(format!("{seed}-sets.bin"));
        std::fs::write(&path, search::compact::sets::encode(&sets, n)).unwrap();
        set_files.push(path);
        expected_sets.push(json!(sets));
    }
    // Cut files: both readers refuse them rather than read something else.
    let whole = std::fs::read(&shard_files[0]).unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &whole[..whole.len() - 1]).unwrap();
    assert!(search::compact::read_shard(&whole[..whole.len() - 1]).is_none());
    let mut shards_in = shard_files.clone();
    shards_in.push(cut);
    let got = run_script(
        "index.mjs",
        &json!({"fields": search::INDEX_FIELDS, "shards": shards_in, "sets": set_files, "figures": []}),
    );
    let shards = got["shards"].as_array().unwrap();
    assert!(shards.last().unwrap()["error"].is_string(), "a cut shard is refused");
    // Both sides as (field, token, df, documents with tf and length), by
    // field and token; numbers as numbers (JSON's 1 and 1.0 are one tf).
    type Posting = (u64, String, u64, Vec<(u64, f64, u64)>);
    let postings = |v: &Value| -> Vec<Posting> {
        let mut list: Vec<Posting> = v
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .map(|p| {
                let docs = (0..p["ids"].as_array().map_or(0, Vec::len))
                    .map(|i| (p["ids"][i].as_u64().unwrap(), p["tf"][i].as_f64().unwrap(), p["len"][i].as_u64().unwrap()))
                    .collect();
                (p["field"].as_u64().unwrap(), p["token"].as_str().unwrap().to_string(), p["df"].as_u64().unwrap(), docs)
            })
            .collect();
        list.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        list
    };
    for ((js, want), path) in shards.iter().zip(&expected).zip(&shard_files) {
        assert!(js.is_array(), "{}: {}", path.display(), js["error"]);
        assert!(postings(js) == postings(want), "{}: data.js reads otherwise than Rust", path.display());
    }
    assert_eq!(got["sets"], json!(expected_sets));
}
