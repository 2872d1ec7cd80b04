//! The drafts `peixun import` writes, whole, for documents of each kind:
//! each file compared byte for byte with the one stored under
//! tests/fixtures/import/expected/<case>/. A change to what import writes
//! shows as a diff of the drafts an editor would read; after checking it,
//! `PEIXUN_BLESS=1 cargo test --test it import_drafts` stores the new ones.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;

/// (case, document, options)
const CASES: &[(&str, &str, &[&str])] = &[
    (
        "chongqing-guide-text",
        "import/000_18b59184f22306e0.txt",
        &["--title", "重庆市2026年“国培计划”项目申报指南"],
    ),
    (
        "national-guidance-text",
        "import/001_4ce80e6aa2f130c6.txt",
        &[],
    ),
    (
        "xinjiang-guide-text",
        "import/002_d3baed12bb62d892.txt",
        &[],
    ),
    (
        "qianjiang-plan-doc",
        "import/formats/004_0065970dc323421a.doc",
        &[],
    ),
    (
        "qianjiang-plan-pdf",
        "import/formats/004_0065970dc323421a.pdf",
        &[],
    ),
    (
        "qianjiang-table-xlsx",
        "import/formats/004_0065970dc323421a.xlsx",
        &[],
    ),
    (
        "chongqing-guide-web-page",
        "import/formats/000_18b59184f22306e0.html",
        &[],
    ),
    (
        "county-guide-libreoffice-docx",
        "import/libreoffice/guide.docx",
        &[],
    ),
    // The same document as Word 97-2003: its list numbered from PlfLst.
    (
        "county-guide-libreoffice-doc",
        "import/libreoffice/guide.doc",
        &[],
    ),
];

fn files_under(dir: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e.path().strip_prefix(dir).unwrap().display().to_string();
            (name, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn drafts_are_what_the_stored_drafts_say() {
    let bless = std::env::var_os("PEIXUN_BLESS").is_some();
    let mut wrong = Vec::new();
    for (case, document, options) in CASES {
        let site = TestSite::with_repo_config();
        let mut args = vec!["import", "--catalog", "drafts"];
        args.extend(*options);
        let file = fixtures().join(document);
        args.insert(1, file.to_str().unwrap());
        let run = site.peixun(&args);
        assert_eq!(run.code, 0, "{case}: {}", run.stderr);
        let got = files_under(&site.root().join("content/drafts"));
        let stored = fixtures().join("import/expected").join(case);
        if bless {
            let _ = std::fs::remove_dir_all(&stored);
            for (name, text) in &got {
                let path = stored.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, text).unwrap();
            }
            continue;
        }
        let want = files_under(&stored);
        if want.keys().ne(got.keys()) {
            wrong.push(format!(
                "{case}: files differ\n  stored: {:?}\n  drafted: {:?}",
                want.keys().collect::<Vec<_>>(),
                got.keys().collect::<Vec<_>>()
            ));
            continue;
        }
        for (name, text) in &got {
            if want[name] != *text {
                let first = want[name]
                    .lines()
                    .zip(text.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(want[name].lines().count().min(text.lines().count()));
                wrong.push(format!(
                    "{case}/{name}: line {} differs\n  stored:  {:?}\n  drafted: {:?}",
                    first + 1,
                    want[name].lines().nth(first).unwrap_or(""),
                    text.lines().nth(first).unwrap_or("")
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the drafts differ from tests/fixtures/import/expected/ (PEIXUN_BLESS=1 stores them):\n{}",
        wrong.join("\n")
    );
}
