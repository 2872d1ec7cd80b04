//! Why the search tokenizer is CJK unigrams + bigrams: recall, precision and
//! index size on a site's content, against the two simpler schemes.
//!
//! usage: cargo run --release --example tokenizer_report -- [site-root]
//!
//! Ground truth for a query: the projects whose searchable text contains every
//! whitespace-separated part of it verbatim (case-insensitive). A scheme
//! "finds" a project when every token the client requires is in the
//! project's token set: for unigram+bigram that is every pair of a Han run
//! (the single character for a one-character run) and every Latin/digit word;
//! for unigram-only, every character and word.

use elasticlunr::pipeline::Pipeline;
use elasticlunr::{IndexBuilder, Language};
use peixun::search::{self, tokenize, INDEX_FIELDS};
use std::collections::HashSet;
use std::io::Write;

struct Unigrams;
impl Language for Unigrams {
    fn name(&self) -> String {
        "unigram".into()
    }
    fn code(&self) -> String {
        "zh".into()
    }
    fn tokenize(&self, text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|t| t.chars().count() == 1 || !t.chars().all(is_han))
            .collect()
    }
    fn make_pipeline(&self) -> Pipeline {
        Pipeline { queue: Vec::new() }
    }
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip");
    let mut stdin = child.stdin.take().expect("stdin");
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().expect("gzip output");
    let _ = writer.join();
    out.stdout.len()
}

/// Tokens the client requires for a query (strict mode), per scheme.
fn required(query: &str, bigrams: bool) -> Vec<String> {
    let mut out = Vec::new();
    for part in query.split_whitespace() {
        let toks = tokenize(part);
        let han_pairs: Vec<&String> = toks
            .iter()
            .filter(|t| t.chars().count() == 2 && t.chars().all(is_han))
            .collect();
        for t in &toks {
            let han_single = t.chars().count() == 1 && t.chars().all(is_han);
            let keep = if !t.chars().all(is_han) {
                true
            } else if bigrams {
                (han_single && han_pairs.is_empty()) || t.chars().count() == 2
            } else {
                han_single
            };
            if keep {
                out.push(t.clone());
            }
        }
    }
    out
}

fn main() {
    let root = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_MANIFEST_DIR").into());
    let opts = peixun::pipeline::BuildOptions {
        root,
        ..Default::default()
    };
    let site = match peixun::pipeline::load_site(&opts) {
        Ok(checked) => checked.site,
        Err(e) => {
            eprintln!("{e:?}");
            std::process::exit(1);
        }
    };
    let docs = peixun::output::search_documents(&site);

    let ours = search::build_single_index(&docs);
    let mut uni = IndexBuilder::with_language(Box::new(Unigrams))
        .save_docs(false)
        .add_fields(INDEX_FIELDS)
        .build();
    for d in &docs {
        uni.add_doc(&d.id, d.fields.iter().map(|f| f.as_ref()));
    }
    let uni = uni.to_json();
    println!("documents: {}", docs.len());
    println!(
        "index size: unigram+bigram {} bytes (gzip {}), unigram only {} bytes (gzip {})",
        ours.len(),
        gzip_len(ours.as_bytes()),
        uni.len(),
        gzip_len(uni.as_bytes())
    );

    let texts: Vec<String> = docs
        .iter()
        .map(|d| d.fields.join(" ").to_lowercase())
        .collect();
    let token_sets: Vec<HashSet<String>> = texts
        .iter()
        .map(|t| tokenize(t).into_iter().collect())
        .collect();
    let queries = [
        "师",
        "农村",
        "卓越教师",
        "学科育人",
        "彭水",
        "酉阳",
        "工程2.0",
        "高中 数学",
        "班主任",
        "党组织书记",
        "南疆",
        "保育员",
        "人工智能",
        "顶岗支教",
        "骨干教师",
        "师德",
        "新课程",
        "心理健康",
        "送教下乡",
        "乡村振兴",
        "名校访学",
        "教研员",
        "信息技术",
        "幼儿园 园长",
        "网络研修",
    ];
    let (mut sum_r, mut sum_p) = ([0.0f64; 2], [0.0f64; 2]);
    println!("query | relevant | bigram found (precision) | unigram found (precision)");
    for q in queries {
        let parts: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
        let relevant: HashSet<usize> = (0..texts.len())
            .filter(|&i| parts.iter().all(|p| texts[i].contains(p.as_str())))
            .collect();
        let mut row = format!("{q} | {}", relevant.len());
        for (k, bigrams) in [true, false].into_iter().enumerate() {
            let need = required(q, bigrams);
            let found: HashSet<usize> = (0..texts.len())
                .filter(|&i| need.iter().all(|t| token_sets[i].contains(t)))
                .collect();
            let hit = found.intersection(&relevant).count() as f64;
            let recall = if relevant.is_empty() {
                1.0
            } else {
                hit / relevant.len() as f64
            };
            let precision = if found.is_empty() {
                1.0
            } else {
                hit / found.len() as f64
            };
            sum_r[k] += recall;
            sum_p[k] += precision;
            row += &format!(" | {} ({:.0}%)", found.len(), precision * 100.0);
        }
        println!("{row}");
    }
    let n = queries.len() as f64;
    println!(
        "mean recall: bigram {:.1}%, unigram {:.1}%; mean precision: bigram {:.1}%, unigram {:.1}%",
        sum_r[0] / n * 100.0,
        sum_r[1] / n * 100.0,
        sum_p[0] / n * 100.0,
        sum_p[1] / n * 100.0
    );
}
