//! Property tests: random and mutated input thrown at `check`, `build` and
//! the pieces that read user text, in process. Whatever the input, the
//! result is a good build, or errors that each name their file (and the
//! previous output/ left exactly as it was): never a panic.
//!
//! Each property runs a few hundred cases in the test suite. For a longer
//! run, `PROPTEST_CASES=20000 cargo test --release --test it properties`
//! (docs/architecture.md, "Tests").

use crate::support::*;
use peixun::pipeline::{self, BuildError, BuildOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// `default` cases, or `PROPTEST_CASES` when set.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

fn runner(default: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default),
        // Shrinking a failing site is slow and the first failure says enough.
        max_shrink_iters: 200,
        failure_persistence: None,
        ..Config::default()
    })
}

/// Diagnostics that are about the tree as a whole, not one file.
const TREE_LEVEL: &[&str] = &["content/ 里没有发布文件", "里没有 content/ 文件夹"];

/// Builds the site at `root`, which has a good output/ from an earlier
/// build: asserts that it either builds or fails with every problem placed
/// in a file, leaving output/ as it was.
fn build_or_placed_errors(
    site: &TestSite,
    before: &std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
) -> Result<(), TestCaseError> {
    let opts = BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let checked = pipeline::check(&opts);
    match pipeline::build(&opts) {
        Ok(_) => {
            prop_assert!(checked.is_ok(), "check failed where build passed");
            prop_assert!(site.root().join("output/index.html").is_file());
        }
        Err(BuildError::Invalid(diags)) => {
            prop_assert!(checked.is_err(), "check passed where build failed");
            prop_assert!(!diags.0.is_empty());
            for d in &diags.0 {
                prop_assert!(
                    d.path.is_some() || TREE_LEVEL.iter().any(|m| d.message.contains(m)),
                    "a problem without a file: {d}"
                );
            }
            prop_assert!(
                site.snapshot() == *before,
                "output/ changed after a failed build"
            );
        }
        Err(other) => prop_assert!(false, "not a content error: {other}"),
    }
    Ok(())
}

/// The basic fixture, built once; each case starts from a copy of it.
struct Base {
    site: TestSite,
    snapshot: std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>,
}

impl Base {
    fn new() -> Base {
        let site = TestSite::fixture();
        site.build_ok();
        let snapshot = site.snapshot();
        Base { site, snapshot }
    }

    /// A fresh copy of the built site.
    fn copy(&self) -> TestSite {
        let copy = TestSite::new(&[]);
        copy_dir(self.site.root(), copy.root());
        copy
    }
}

/// Small edits of a text: a character, a fragment or a line inserted,
/// replaced or removed, at positions drawn as fractions of its length.
fn mutations() -> impl Strategy<Value = Vec<(u8, f64, String)>> {
    let fragment = prop_oneof![
        Just("\n".to_string()),
        Just("+++\n".to_string()),
        Just("\"".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just(" = ".to_string()),
        Just("\n[[funding]]\namount = 1\n".to_string()),
        Just("\noffline_days = 0\n".to_string()),
        Just("\noffline_days = -5\n".to_string()),
        Just("\ntrainees = 4294967296\n".to_string()),
        Just("\nyear = 1800\n".to_string()),
        Just("\nstages = [\"小学\", \"小学\"]\n".to_string()),
        Just("\noffline_parts = [{ place = \"市内\", days = 99 }]\n".to_string()),
        Just("\nfunding = [{ amount = nan, unit = \"\", item = \"x\" }]\n".to_string()),
        Just("\nsource_url = \"javascript:alert(1)\"\n".to_string()),
        Just("[链接](../x)".to_string()),
        Just("[链接](/projects/none/)".to_string()),
        Just("![图](data:image/png;base64,xx)".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{0}".to_string()),
        Just("\r\n".to_string()),
        Just("班主人".to_string()),
        // What a Chinese keyboard types for TOML's marks, and units.
        Just("“".to_string()),
        Just("”".to_string()),
        Just("，".to_string()),
        Just("＝".to_string()),
        Just("：".to_string()),
        Just("【".to_string()),
        Just("\u{3000}".to_string()),
        Just("15天".to_string()),
        Just(" = 400元".to_string()),
        Just("\ndraft = true\n".to_string()),
        Just("\n# 待核对：级别\n".to_string()),
        Just("\u{10FFFF}\u{200B}".to_string()),
        "\\PC{0,12}",
    ];
    prop::collection::vec((0u8..3, 0.0f64..1.0, fragment), 1..6)
}

/// `text` with the mutations applied (at character boundaries).
fn mutate(text: &str, edits: &[(u8, f64, String)]) -> String {
    let mut out = text.to_string();
    for (kind, at, fragment) in edits {
        let mut i = ((out.len() as f64) * at) as usize;
        while i > 0 && !out.is_char_boundary(i) {
            i -= 1;
        }
        match kind {
            // Insert.
            0 => out.insert_str(i, fragment),
            // Replace as many bytes as the fragment has.
            1 => {
                let mut end = (i + fragment.len().max(1)).min(out.len());
                while !out.is_char_boundary(end) {
                    end += 1;
                }
                out.replace_range(i..end, fragment);
            }
            // Remove the rest of the line.
            _ => {
                let end = out[i..].find('\n').map_or(out.len(), |n| i + n);
                out.replace_range(i..end, "");
            }
        }
    }
    out
}

#[test]
fn mutated_front_matter_builds_or_is_refused_with_placed_errors() {
    let base = Base::new();
    let files = vec![
        "content/chongqing-2026/cq-teacher.md",
        "content/chongqing-2026/_catalog.md",
        "content/xinjiang-2024/xj-teacher.md",
    ];
    let result = runner(300).run(
        &(prop::sample::select(files), mutations()),
        |(file, edits)| {
            let site = base.copy();
            let text = mutate(&fixture_text(file), &edits);
            site.write(file, text.as_bytes());
            build_or_placed_errors(&site, &base.snapshot)
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn mutated_site_toml_builds_or_is_refused_with_placed_errors() {
    let base = Base::new();
    let result = runner(200).run(&mutations(), |edits| {
        let site = base.copy();
        let text = mutate(&fixture_text("site.toml"), &edits);
        site.write("site.toml", text.as_bytes());
        build_or_placed_errors(&site, &base.snapshot)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// What a content file can hold in the random trees.
fn file_text() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(fixture_text("content/chongqing-2026/_catalog.md").into_bytes()),
        Just(fixture_text("content/chongqing-2026/cq-banzhuren.md").into_bytes()),
        Just(fixture_text("content/xinjiang-2024/xj-teacher.md").into_bytes()),
        Just(Vec::new()),
        Just(b"+++\n+++\n".to_vec()),
        // GBK, UTF-16 with its BOM, Latin-1: encodings Word and Notepad save in.
        Just(b"+++\ntitle = \"\xB1\xEA\xCC\xE2\"\n+++\n".to_vec()),
        Just(b"\xFF\xFE+\x00+\x00+\x00\n\x00".to_vec()),
        Just(b"+++\ntitle = \"caf\xE9\"\n+++\n".to_vec()),
        Just(b"PK\x03\x04\x00\x00binary".to_vec()),
        prop::collection::vec(any::<u8>(), 0..64),
    ]
}

/// A path under content/ for the random trees: catalog folders and file
/// names good and bad, nested folders, names editors leave behind.
fn content_path() -> impl Strategy<Value = String> {
    let folder = prop::sample::select(vec![
        "chongqing-2026",
        "xinjiang-2024",
        "new-catalog",
        "Bad Folder",
        "中文目录",
        "a",
        "-x-",
        "chongqing-2026/nested",
        "chongqing-2026/nested/deeper",
        ".hidden",
    ]);
    let name = prop::sample::select(vec![
        "_catalog.md",
        "cq-teacher.md",
        "xj-teacher.md",
        "new-project.md",
        "Bad Name.md",
        "项目.md",
        "x.MD",
        "notes.txt",
        "draft.md~",
        "#draft.md#",
        ".draft.md.swp",
        "a.md.bak",
        "-.md",
        ".md",
    ]);
    prop_oneof![
        (folder, name.clone()).prop_map(|(f, n)| format!("content/{f}/{n}")),
        name.prop_map(|n| format!("content/{n}")),
    ]
}

#[test]
fn random_content_trees_build_or_are_refused_with_placed_errors() {
    let base = Base::new();
    // What is removed from the basic site before the random files go in.
    let removals = prop::sample::subsequence(
        vec![
            "content/chongqing-2026/_catalog.md",
            "content/xinjiang-2024/_catalog.md",
            "content/chongqing-2026/cq-teacher.md",
            "content/chongqing-2026/cq-banzhuren.md",
            "content/xinjiang-2024",
            "content",
        ],
        0..4,
    );
    let added = prop::collection::vec((content_path(), file_text()), 0..6);
    let result = runner(300).run(&(removals, added), |(removals, added)| {
        let site = base.copy();
        for path in removals {
            let p = site.root().join(path);
            let _ = std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p));
        }
        for (path, bytes) in &added {
            let p = site.root().join(path);
            // A file where a folder of the tree is wanted: skipped, as a
            // real editor could not save it either.
            if std::fs::create_dir_all(p.parent().unwrap()).is_ok() && !p.is_dir() {
                std::fs::write(&p, bytes).unwrap();
            }
        }
        build_or_placed_errors(&site, &base.snapshot)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn the_tokenizer_takes_any_text() {
    let result = runner(2000).run(&"\\PC{0,40}|.{0,40}", |text| {
        let tokens = peixun::search::tokenize(&text);
        for t in &tokens {
            prop_assert!(!t.is_empty());
            prop_assert_eq!(t.to_lowercase(), t.clone());
        }
        let mut streamed = Vec::new();
        peixun::search::for_each_token(&text, |t| streamed.push(t.to_string()));
        prop_assert_eq!(streamed, tokens);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn queries_and_pinyin_take_any_text() {
    use peixun::search::{pinyin, query};
    let synonyms: Vec<Vec<String>> = vec![
        vec!["AI".into(), "人工智能".into()],
        vec!["幼儿园".into(), "学前教育".into(), "学前".into()],
        vec!["乡村".into(), "农村".into()],
    ];
    let words: std::collections::HashSet<String> =
        ["小学", "班主任", "乡村", "和田", "学前教育", "教师"]
            .iter()
            .map(|w| w.to_string())
            .collect();
    let text = "\\PC{0,30}|[a-zA-Z 人工智能幼儿园学前教育乡村农师.2，小学班主任和田的]{0,30}";
    let result = runner(2000).run(&(text, "[a-z]{0,24}"), |(q, letters)| {
        for term in query::parse(&q, &synonyms, &words) {
            // A split is two words or more, in order, each of the term,
            // none a lone Han character, and the term without them only
            // the joining characters (的, 和, …).
            prop_assert!(term.pieces.len() != 1);
            let mut rest = term.text.as_str();
            for piece in &term.pieces {
                let at = rest.find(piece.text.as_str());
                prop_assert!(at.is_some(), "{:?} not in {:?}", piece.text, term.text);
                let at = at.unwrap_or(0);
                prop_assert!(
                    rest[..at].chars().all(|c| "的和与及或".contains(c)),
                    "{:?}",
                    term
                );
                let single_han = piece.text.chars().count() == 1
                    && piece.text.chars().all(peixun::search::is_han);
                prop_assert!(!single_han, "{:?}", term);
                rest = &rest[at + piece.text.len()..];
            }
            if !term.pieces.is_empty() {
                prop_assert!(rest.chars().all(|c| "的和与及或".contains(c)), "{:?}", term);
            }
            prop_assert!(!term.text.is_empty());
            prop_assert!(!term.alternatives.is_empty());
            prop_assert!(term.alternatives.len() <= query::MAX_ALTERNATIVES);
            prop_assert_eq!(&term.alternatives[0].text, &term.text);
            for alt in &term.alternatives {
                prop_assert!(!alt.tokens.is_empty(), "{:?}", alt);
            }
        }
        let ways = pinyin::segmentations(&letters, pinyin::syllables());
        prop_assert!(ways.len() <= 8);
        for way in &ways {
            prop_assert_eq!(way.concat(), letters.clone());
            prop_assert_eq!(pinyin::full_keys(way).len(), way.len().saturating_sub(1));
        }
        let _ = pinyin::initial_keys(&letters);
        for c in q.chars() {
            prop_assert!(pinyin::readings(c).len() <= pinyin::MAX_READINGS);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn the_index_takes_any_documents() {
    let doc = ("\\PC{0,20}", "\\PC{0,60}");
    let result = runner(300).run(
        &(prop::collection::vec(doc, 0..8), 1usize..200),
        |(docs, per_shard)| {
            let docs: Vec<peixun::search::SearchDoc> = docs
                .into_iter()
                .enumerate()
                .map(|(i, (title, body))| peixun::search::SearchDoc {
                    id: i.to_string(),
                    fields: [title, String::new(), body, String::new(), String::new()]
                        .map(Into::into),
                })
                .collect();
            let ours = peixun::search::build_index_with(&docs, per_shard);
            let theirs = peixun::search::build_index_by_elasticlunr(&docs, per_shard);
            prop_assert_eq!(ours.shards, theirs.shards);
            prop_assert_eq!(ours.manifest, theirs.manifest);
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn names_slugs_links_and_markdown_take_any_text() {
    let result = runner(2000).run(&"\\PC{0,30}|.{0,30}", |text| {
        if let Some(slug) = peixun::util::names::slug_suggestion(&text) {
            prop_assert!(peixun::util::names::is_valid_slug(&slug), "{}", slug);
        }
        let segment = peixun::util::url::segment(&text);
        prop_assert!(!segment.is_empty() && !segment.contains('/'));
        prop_assert!(segment.chars().any(|c| c != '.'), "{}", segment);
        let _ = peixun::util::url::check_link(&text);
        let _ = peixun::util::url::decode_lossy(&text);
        let rendered = peixun::content::markdown::render(&text, "/", &|span| {
            peixun::util::diag::locate(&text, span)
        });
        prop_assert!(!rendered.html.contains("<script"));
        // Past the end, and reversed (start after end): locate takes any span.
        let reversed = std::ops::Range { start: 5, end: 2 };
        for span in [0..text.len(), text.len() / 2..text.len() + 3, reversed] {
            let _ = peixun::util::diag::locate(&text, span);
        }
        let _ = peixun::util::strict_toml::span_of(
            &text,
            &[
                peixun::util::strict_toml::Key::Name("a"),
                peixun::util::strict_toml::Key::Index(0),
            ],
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// A line of a document as an importer may meet it: a seed's own line, an
/// official number or a label with anything after it, a table cell, a
/// blank, or any text.
fn document_line() -> impl Strategy<Value = String> {
    let seeds: Vec<String> = std::fs::read_dir(fixtures().join("import"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .flat_map(|e| {
            std::fs::read_to_string(e.path())
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let numbered = (
        prop::sample::select(vec![
            "一、",
            "（二）",
            "3.",
            "4、",
            "（5）",
            "①",
            "十一、",
            "(六)",
        ]),
        "\\PC{0,24}",
    )
        .prop_map(|(n, t)| format!("{n}{t}"));
    let labelled = (
        prop::sample::select(vec![
            "培训对象",
            "培训时间",
            "培训方式与时长",
            "经费标准",
            "申报单位要求",
            "培训目标",
            "项目名称",
            "培训人数",
        ]),
        "[0-9一两天学时年人元万/县校为期不少于集中培训研修网络市内外+（）、，。-]{0,30}",
    )
        .prop_map(|(l, t)| format!("{l}：{t}"));
    let entry = (
        numbered.clone(),
        prop::collection::vec(labelled.clone(), 1..4),
    )
        .prop_map(|(n, fields)| format!("{n}\n{}", fields.join("\n")));
    prop_oneof![
        3 => prop::sample::select(seeds),
        2 => numbered,
        2 => labelled,
        3 => entry,
        1 => "\t\\PC{0,12}",
        1 => Just(String::new()),
        1 => "\\PC{0,40}",
    ]
}

fn import_options(
    root: &std::path::Path,
    file: std::path::PathBuf,
) -> peixun::import::ImportOptions {
    peixun::import::ImportOptions {
        file,
        catalog: Some("prop-2025".into()),
        root: root.to_path_buf(),
        dry_run: true,
        ..Default::default()
    }
}

/// Import gives drafts, or says why not: a draft that fails `check` is a
/// bug in import, and a panic is one anywhere.
fn import_ok_or_reason(
    result: Result<peixun::import::Summary, peixun::import::ImportError>,
) -> Result<(), TestCaseError> {
    use peixun::import::ImportError;
    match result {
        Ok(summary) => prop_assert!(summary.files.len() >= 2),
        Err(ImportError::Draft(d)) => prop_assert!(false, "a draft fails check:\n{d}"),
        Err(_) => {}
    }
    Ok(())
}

#[test]
fn import_takes_any_text_document() {
    let site = TestSite::with_repo_config();
    let file = site.root().join("doc.txt");
    let lines = prop::collection::vec(document_line(), 0..40);
    let title = prop::option::weighted(
        0.8,
        prop::sample::select(vec![
            "重庆市2026年“国培计划”项目申报指南",
            "2024年新疆“国培计划”“区培计划”",
            "重庆市黔江区教育委员会",
            "附件2",
        ]),
    );
    let result = runner(300).run(&(title, lines), |(title, lines)| {
        let mut text = title.map(|t| format!("{t}\n")).unwrap_or_default();
        text.push_str(&lines.join("\n"));
        std::fs::write(&file, &text).unwrap();
        import_ok_or_reason(peixun::import::import(&import_options(
            site.root(),
            file.clone(),
        )))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn import_takes_any_word_document_and_any_bytes() {
    let site = TestSite::with_repo_config();
    let file = site.root().join("doc.docx");
    let text = "[培训对象：集中培训10天市内为期一二3]{0,12}";
    let piece = prop_oneof![
        3 => (document_line()).prop_map(|t| {
            let t = t.replace('&', "&amp;").replace('<', "&lt;");
            t.lines().map(|l| format!("<w:p><w:r><w:t>{l}</w:t></w:r></w:p>")).collect::<String>()
        }),
        1 => Just("<w:tbl>".to_string()),
        1 => Just("</w:tbl>".to_string()),
        1 => Just("<w:tr>".to_string()),
        1 => Just("</w:tr>".to_string()),
        2 => (text, 0u8..4, 0u8..3).prop_map(|(t, span, merge)| {
            let merge = ["", "<w:vMerge/>", "<w:vMerge w:val=\"restart\"/>"][merge as usize];
            format!("<w:tc><w:tcPr><w:gridSpan w:val=\"{span}\"/>{merge}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>")
        }),
        2 => (0u8..10, document_line()).prop_map(|(level, t)| format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{}\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
            level % 3,
            t.replace('&', "&amp;").replace('<', "&lt;").replace('\n', "")
        )),
        1 => (prop::sample::select(vec!["1", "2", "loop", "none"]), document_line()).prop_map(|(style, t)| format!(
            "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
            t.replace('&', "&amp;").replace('<', "&lt;").replace('\n', "")
        )),
        // A row of a project's form: label | value.
        1 => (prop::sample::select(vec!["项目名称", "培训对象", "培训人数", "培训规模", "x"]), text).prop_map(|(l, v)| format!(
            "<w:tr><w:tc><w:p><w:r><w:t>{l}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{v}</w:t></w:r></w:p></w:tc></w:tr>"
        )),
        1 => Just("<w:br/>".to_string()),
        1 => Just("&#20013;&amp;&bogus;".to_string()),
        1 => "\\PC{0,8}",
    ];
    let doc = prop::collection::vec(piece, 0..60);
    let bytes = prop::collection::vec(any::<u8>(), 0..200);
    let result = runner(300).run(&(doc, bytes), |(pieces, bytes)| {
        let body = format!(
            "<w:p><w:r><w:t>重庆市2026年培训项目申报指南</w:t></w:r></w:p>{}",
            pieces.concat()
        );
        let xml = format!("<w:document xmlns:w=\"w\"><w:body>{body}</w:body></w:document>");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
        zip.start_file("word/numbering.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let numbering = "<w:numbering xmlns:w=\"w\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl><w:lvl w:ilvl=\"1\"><w:start w:val=\"0\"/><w:lvlText w:val=\"（%1.%2）\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>";
        std::io::Write::write_all(&mut zip, numbering.as_bytes()).unwrap();
        zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let styles = "<w:styles xmlns:w=\"w\"><w:style w:styleId=\"1\"><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style><w:style w:styleId=\"2\"><w:basedOn w:val=\"1\"/><w:pPr><w:numPr><w:ilvl w:val=\"7\"/></w:numPr></w:pPr></w:style><w:style w:styleId=\"loop\"><w:basedOn w:val=\"loop\"/></w:style></w:styles>";
        std::io::Write::write_all(&mut zip, styles.as_bytes()).unwrap();
        std::fs::write(&file, zip.finish().unwrap().into_inner()).unwrap();
        import_ok_or_reason(peixun::import::import(&import_options(
            site.root(),
            file.clone(),
        )))?;
        // Any bytes, and bytes behind a zip's signature.
        for prefix in [&b""[..], b"PK\x03\x04"] {
            let mut all = prefix.to_vec();
            all.extend(&bytes);
            let _ = peixun_import::read_bytes(&all);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Every reader takes any mutation of a real file of its format: bytes
/// changed, cut short or repeated give a document or an error, never a
/// panic. A PDF goes through poppler, so its cases are fewer.
#[test]
fn every_reader_takes_mutated_files_of_its_format() {
    let dir = super::support::fixtures().join("import/formats");
    for (ext, cases) in [
        ("doc", 60),
        ("xls", 60),
        ("xlsx", 40),
        ("ods", 40),
        ("html", 60),
        ("mht", 40),
        ("pdf", 6),
    ] {
        let original = std::fs::read(dir.join(format!("004_0065970dc323421a.{ext}"))).unwrap();
        let len = original.len();
        let edits = prop::collection::vec((0..len, any::<u8>()), 1..12);
        let result = runner(cases).run(&(edits, 0..=len, any::<bool>()), |(edits, cut, twice)| {
            let mut bytes = original.clone();
            for (at, byte) in edits {
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(8));
            if twice {
                let copy = bytes.clone();
                bytes.extend(copy);
            }
            let _ = peixun_import::read_bytes(&bytes);
            Ok(())
        });
        if let Err(e) = result {
            panic!("{ext}: {e}");
        }
    }
}
