//! The contract between Rust and the browser: the theme's query.js and
//! shards.js, run under Node on the shared case tables, give exactly what
//! crates/search gives (tokens, the shard of each token, how a query is read
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
    run_script_with(script, &[], input)
}

/// [`run_script`] with arguments after the theme's static folder.
fn run_script_with(script: &str, args: &[&std::path::Path], input: &Value) -> Value {
    let mut child = Command::new("node")
        .arg(repo().join("tests/js").join(script))
        .arg(repo().join("themes/default/static"))
        .args(args)
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

    for (case, js) in tokenizer
        .as_array()
        .unwrap()
        .iter()
        .zip(got["tokens"].as_array().unwrap())
    {
        let text = case["text"].as_str().unwrap();
        let rust = search::tokenize(text);
        if js["tokens"] != case["tokens"] || json!(rust) != case["tokens"] {
            wrong.push(format!(
                "tokens of {text:?}: js {} rust {rust:?}",
                js["tokens"]
            ));
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
        let sub_files: Vec<Vec<usize>> = rust
            .iter()
            .map(|t| {
                [(1, 2), (3, 7), (1000, 64)]
                    .map(|(group, files)| search::compact::sub_of(t, group, files))
                    .to_vec()
            })
            .collect();
        if js["shards"] != json!(shards)
            || js["index_shards"] != json!(index_shards)
            || js["sub_files"] != json!(sub_files)
        {
            wrong.push(format!("shards of {text:?}"));
        }
    }

    let synonyms: Vec<Vec<String>> = serde_json::from_value(queries["synonyms"].clone()).unwrap();
    let words: std::collections::HashSet<String> =
        serde_json::from_value(queries["words"].clone()).unwrap();
    for (case, js) in queries["queries"]
        .as_array()
        .unwrap()
        .iter()
        .zip(got["queries"].as_array().unwrap())
    {
        let q = case["query"].as_str().unwrap();
        let rust: Vec<Value> = query::parse(q, &synonyms, &words)
            .iter()
            .map(term_json)
            .collect();
        if js["terms"] != case["terms"] || Value::Array(rust) != case["terms"] {
            wrong.push(format!("terms of {q:?}: js {}", js["terms"]));
        }
    }

    for (case, js) in queries["pinyin"]
        .as_array()
        .unwrap()
        .iter()
        .zip(got["pinyin"].as_array().unwrap())
    {
        let letters = case["letters"].as_str().unwrap();
        for key in ["segmentations", "full_keys", "initial_keys"] {
            if js[key] != case[key] {
                wrong.push(format!("{key} of {letters:?}: js {}", js[key]));
            }
        }
        // The vocabulary file of each key: its first syllable's.
        let keys: Vec<&str> = case["full_keys"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|way| way.as_array().unwrap())
            .chain(case["initial_keys"].as_array().unwrap())
            .map(|k| k.as_str().unwrap())
            .collect();
        let files: Vec<Vec<usize>> = keys
            .iter()
            .map(|k| {
                [1, 8, 64, 256]
                    .map(|n| pinyin::vocabulary_file_of(k, n))
                    .to_vec()
            })
            .collect();
        if js["vocabulary_files"] != json!(files) {
            wrong.push(format!(
                "vocabulary files of {keys:?}: js {}, rust {files:?}",
                js["vocabulary_files"]
            ));
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
        serde_json::from_str(&std::fs::read_to_string(output.join("search_index.json")).unwrap())
            .unwrap();
    let mut shards: Vec<_> = std::fs::read_dir(output.join("search_index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    shards.sort();
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
                &std::fs::read_to_string(output.join(format!("elasticlunr/search_index/{k}.json")))
                    .unwrap(),
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
                trie_node(&s["index"][field]["root"], token)
                    .filter(|n| n["docs"].as_object().is_some_and(|d| !d.is_empty()))
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
                    (
                        r,
                        d["tf"].as_f64().unwrap(),
                        reference["lengths"][field][r as usize].as_u64().unwrap(),
                    )
                })
                .collect();
            want.sort_by_key(|d| d.0);
            let js: Vec<(u64, f64, u64)> = (0..p["ids"].as_array().unwrap().len())
                .map(|i| {
                    (
                        p["ids"][i].as_u64().unwrap(),
                        p["tf"][i].as_f64().unwrap(),
                        p["len"][i].as_u64().unwrap(),
                    )
                })
                .collect();
            if js != want || p["df"] != node["df"] {
                wrong.push(format!(
                    "{field} {token}: data.js {js:?} df {}, elasticlunr {want:?} df {}",
                    p["df"], node["df"]
                ));
            }
        }
    }
    // And nothing elasticlunr holds is missing.
    let mut held = 0;
    for shard in &el_shards {
        for field in search::INDEX_FIELDS {
            let mut tokens = Vec::new();
            trie_tokens(
                &shard["index"][*field]["root"],
                &mut String::new(),
                &mut tokens,
            );
            held += tokens.len();
        }
    }
    assert_eq!(
        read, held,
        "postings read by data.js and held by elasticlunr"
    );
    assert!(
        wrong.is_empty(),
        "{}",
        wrong[..wrong.len().min(20)].join("\n")
    );

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
        for key in [
            "offline_days_at_least",
            "online_hours_at_least",
            "work_item",
        ] {
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
        const PIECES: &[&str] = &[
            "班", "主", "任", "培训", "小学", "教师", " ", "STEM", "2.0", "ai", "𠀀", "—", "校长",
            "乡村", "\u{300}",
        ];
        (0..self.below(40))
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
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
        // One corpus large enough for impacts and split shards.
        let size = if seed == 1 {
            2 * search::compact::IMPACTS_FROM as u64
        } else {
            r.below(30)
        };
        let docs: Vec<search::SearchDoc> = (0..size)
            .map(|i| search::SearchDoc {
                id: i.to_string(),
                fields: std::array::from_fn(|_| r.text().into()),
            })
            .collect();
        let per_shard = 1 + r.below(200) as usize;
        let index = search::build_compact_index(&docs, per_shard);
        for (k, shard) in index.shards.iter().flatten().enumerate() {
            let path = dir.path().join(format!("{seed}-{k}.bin"));
            std::fs::write(&path, shard).unwrap();
            shard_files.push(path);
            let postings = search::compact::read_shard(shard).expect("Rust reads what it wrote");
            expected.push(json!(postings.iter().map(posting_json).collect::<Vec<_>>()));
        }
        let n = 1 + r.below(3000) as u32;
        let sets: Vec<Vec<u32>> = (0..r.below(6))
            .map(|_| {
                let every = 1 + r.below(5) as u32;
                let from = r.below(u64::from(n)) as u32;
                (from..n)
                    .filter(|d| d % every == 0)
                    .take(r.below(2000) as usize)
                    .collect()
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
    assert!(
        shards.last().unwrap()["error"].is_string(),
        "a cut shard is refused"
    );
    for ((js, want), path) in shards.iter().zip(&expected).zip(&shard_files) {
        assert!(js.is_array(), "{}: {}", path.display(), js["error"]);
        assert!(
            same_postings(js, want),
            "{}: data.js reads otherwise than Rust",
            path.display()
        );
    }
    assert!(
        expected
            .iter()
            .flat_map(|s| s.as_array().unwrap())
            .any(|p| p.get("tf").is_none()),
        "some postings are impacts"
    );
    assert_eq!(got["sets"], json!(expected_sets));
}

/// A shard's postings as index.mjs prints them: documents and weights, and
/// for exact postings their term frequencies and field lengths.
fn posting_json(p: &search::compact::Postings) -> Value {
    use search::compact::{weight_of, Weights};
    let mut v = json!({"field": p.field, "token": p.token, "df": p.docs.len(), "ids": p.docs});
    match &p.weights {
        Weights::Exact(w) => {
            v["tf"] = w.iter().map(|&(count, _)| tf_of(count)).collect();
            v["len"] = w.iter().map(|&(_, len)| len).collect();
            v["w"] = w
                .iter()
                .map(|&(count, len)| tf_of(count) / f64::from(len.max(1)).sqrt())
                .collect();
        }
        Weights::Impacts(i) => v["w"] = i.iter().map(|&b| weight_of(b)).collect(),
    }
    v
}

/// Whether two shards' postings (as [`posting_json`]) say the same, by
/// field and token; weights to 1e-12 (JavaScript's and Rust's powers of
/// two may differ in the last bit), the rest exactly.
fn same_postings(a: &Value, b: &Value) -> bool {
    let sorted = |v: &Value| {
        let mut list = v.as_array().cloned().unwrap_or_default();
        list.sort_by(|x, y| {
            (x["field"].as_u64(), x["token"].as_str())
                .cmp(&(y["field"].as_u64(), y["token"].as_str()))
        });
        list
    };
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .map(|a| a.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default()
    };
    let (a, b) = (sorted(a), sorted(b));
    a.len() == b.len()
        && a.iter().zip(&b).all(|(x, y)| {
            let (wx, wy) = (numbers(&x["w"]), numbers(&y["w"]));
            x["field"] == y["field"]
                && x["token"] == y["token"]
                && x["df"] == y["df"]
                && x["ids"] == y["ids"]
                && numbers(&x["tf"]) == numbers(&y["tf"])
                && x["len"] == y["len"]
                && wx.len() == wy.len()
                && wx.iter().zip(&wy).all(|(p, q)| ((p - q) / q).abs() < 1e-12)
        })
}

#[test]
fn data_js_loads_a_facet_split_by_value_one_value_at_a_time() {
    use search::compact::sets;
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let write = |path: &str, bytes: &[u8]| {
        let path = site.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    };
    // Six documents; stages split by value, as a national catalog's are.
    let stages = ["小学", "初中", "未注明"];
    let stage_sets: [Vec<u32>; 3] = [vec![0, 1, 4], vec![1, 2], vec![3, 5]];
    write(
        "search_docs.json",
        json!({
            "count": 6,
            "values": {"stages": stages, "year": ["2026", "2024"]},
            "facets": {"path": "search_facets/", "keys": ["stages", "year"], "split": ["stages"]},
            "figures": "search_facets/figures.bin",
            "this_year": 2026,
            "details": {"size": 5, "path": "search_docs/"},
        })
        .to_string()
        .as_bytes(),
    );
    write(
        "search_index.json",
        json!({"docs": 6, "fields": search::INDEX_FIELDS, "shards": {"count": 1, "singles": 1}})
            .to_string()
            .as_bytes(),
    );
    write(
        "search_facets/year.bin",
        &sets::encode(&[vec![0, 1, 2], vec![3, 4, 5]], 6),
    );
    for (i, set) in stage_sets.iter().enumerate() {
        write(
            &format!("search_facets/stages/{i}.bin"),
            &sets::encode(std::slice::from_ref(set), 6),
        );
    }
    let run = |input: Value| run_script_with("store.mjs", &[site], &input);
    // The stages each document holds once the store has read them.
    let stages_held = |got: &Value| -> Vec<Value> {
        got["docs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["stages"].clone())
            .collect()
    };
    // A filter on 小学 fetches 小学's and the unstated projects only.
    let got = run(json!({"values": {"stages": ["小学", "未注明"]}, "whole": []}));
    let held = stages_held(&got);
    assert_eq!(
        held,
        [
            json!(["小学"]),
            json!(["小学"]),
            json!([]),
            json!(["未注明"]),
            json!(["小学"]),
            json!(["未注明"])
        ]
    );
    assert_eq!(got["loaded"]["stages"], false, "初中 is not loaded");
    let requested: Vec<&str> = got["requested"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|u| u.contains("stages"))
        .collect();
    assert_eq!(
        requested,
        ["/search_facets/stages/0.bin", "/search_facets/stages/2.bin"]
    );
    // The open filter panel's counts: every value, and each document's all.
    let got = run(json!({"values": {}, "whole": ["stages", "year"]}));
    let held = stages_held(&got);
    assert_eq!(
        held,
        [
            json!(["小学"]),
            json!(["小学", "初中"]),
            json!(["初中"]),
            json!(["未注明"]),
            json!(["小学"]),
            json!(["未注明"])
        ]
    );
    assert_eq!(got["loaded"], json!({"stages": true, "year": true}));
}

/// A page of results shows the best first without sorting all of them
/// (match.js `topFirst`), and each further page continues the same order
/// (`orderUpTo`): the pages together are the full sort, for random lists
/// with ties.
#[test]
fn results_pages_are_in_the_order_of_a_full_sort() {
    let mut random = Random(0x5eed_0de7);
    let cases: Vec<Value> = (0..200)
        .map(|_| {
            let n = random.below(60) as usize;
            let keys: Vec<u64> = (0..n).map(|_| random.below(8)).collect();
            json!({"keys": keys, "page": 1 + random.below(12)})
        })
        .collect();
    let got = run_script("order.mjs", &json!(cases));
    for (case, got) in cases.iter().zip(got.as_array().unwrap()) {
        let keys: Vec<u64> = serde_json::from_value(case["keys"].clone()).unwrap();
        let page = case["page"].as_u64().unwrap() as usize;
        let mut sorted: Vec<usize> = (0..keys.len()).collect();
        sorted.sort_by_key(|&i| (keys[i], i));
        assert_eq!(got["all"], json!(sorted), "{case}");
        assert_eq!(
            got["first"],
            json!(sorted[..page.min(sorted.len())]),
            "{case}"
        );
    }
}
