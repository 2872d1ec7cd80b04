//! Every kind of bad input in DESIGN's list: exactly the messages a user
//! should see (file, line, column, caret, help; no more, no fewer), exit
//! code 1, and the previous output left byte for byte.
//!
//! Most cases are folders of `tests/fixtures/bad/`: files laid over the
//! basic fixture site, and `expected.stderr`, the build's whole stderr.
//! `PEIXUN_BLESS=1 cargo test --test it bad_input` rewrites the expected
//! files from what the build prints (review the diff before committing).
//! Messages are Chinese, as editors read them; a case with
//! `expected.en.stderr` is also built with `--lang en`.
use crate::support::*;

const EXPECTED: &str = "expected.stderr";
/// The same build with `--lang en`, where a case has it.
const EXPECTED_EN: &str = "expected.en.stderr";
const P: &str = "content/chongqing-2026/cq-banzhuren.md";

/// What `check` prints for the problems a build printed as `build_stderr`:
/// the same diagnostics, and a summary that does not mention writing.
fn check_stderr(build_stderr: &str) -> String {
    build_stderr.replace("，没有写入任何文件\n", "\n")
}

/// Builds the basic fixture, breaks it with `change`, and returns how the
/// build failed: its exit code and whole stderr, after asserting that
/// output/ was left untouched and that `check` reports the same problems.
fn rejected(change: impl FnOnce(&TestSite)) -> (i32, String) {
    rejected_in(TestSite::fixture(), change)
}

/// [`rejected`] for another site than the basic fixture.
fn rejected_in(site: TestSite, change: impl FnOnce(&TestSite)) -> (i32, String) {
    site.build_ok();
    let before = site.snapshot();
    change(&site);
    let run = site.build();
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build:\n{}",
        run.stderr
    );
    let check = site.peixun(&["check"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (run.code, check_stderr(&run.stderr).as_str()),
        "check does not report what build did"
    );
    (run.code, run.stderr)
}

#[test]
fn every_bad_input_fixture_is_refused_with_exactly_its_messages() {
    let bless = std::env::var_os("PEIXUN_BLESS").is_some();
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("bad"))
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let (code, stderr) = rejected(|site| {
            site.overlay(case);
            // Laid over the site with the rest; not part of it.
            let _ = std::fs::remove_file(site.root().join(EXPECTED));
        });
        let expected_path = case.join(EXPECTED);
        // A few cases say it in English too (`--lang en`).
        let english_path = case.join(EXPECTED_EN);
        let english = english_path.exists().then(|| {
            let site = TestSite::fixture();
            site.overlay(case);
            for f in [EXPECTED, EXPECTED_EN] {
                let _ = std::fs::remove_file(site.root().join(f));
            }
            site.peixun(&["build", "--lang", "en"])
        });
        if bless {
            std::fs::write(&expected_path, &stderr).unwrap();
            if let Some(run) = &english {
                std::fs::write(&english_path, &run.stderr).unwrap();
            }
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if code != 1 || stderr != expected {
            failures.push(format!(
                "--- {name}: exit {code}\n--- expected\n{expected}--- got\n{stderr}"
            ));
        }
        if let Some(run) = english {
            let expected = std::fs::read_to_string(&english_path).unwrap_or_default();
            if run.code != 1 || run.stderr != expected {
                failures.push(format!(
                    "--- {name} in English: exit {}\n--- expected\n{expected}--- got\n{}",
                    run.code, run.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn assert_messages(got: (i32, String), expected: &str) {
    assert_eq!((got.0, got.1.as_str()), (1, expected));
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    assert_messages(
        rejected(|s| {
            std::os::unix::fs::symlink(
                s.root().join("content"),
                s.root().join("content/chongqing-2026/loop"),
            )
            .unwrap()
        }),
        "错误：符号链接形成循环：这个链接又指回 content
  --> content/chongqing-2026/loop
  = 提示：删除或改正这个链接

错误：发现 1 个问题，没有写入任何文件
",
    );
}

#[test]
fn ten_megabyte_file() {
    assert_messages(
        rejected(|s| {
            let mut big = fixture_text(P).into_bytes();
            big.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
            s.write(P, &big)
        }),
        "错误：文件有 10.0 MiB，内容文件最大 1 MiB
  --> content/chongqing-2026/cq-banzhuren.md
  = 提示：拆成几个文件，或把附件移出 content/

错误：发现 1 个问题，没有写入任何文件
",
    );
}

/// Every link of every generated page is checked, the theme's own links
/// included: a template that links to a page the build does not make
/// stops the build (and `check`) with one message for the whole family of
/// missing pages.
#[test]
fn a_theme_link_to_a_page_the_build_does_not_write_is_an_error() {
    assert_messages(
        rejected(|s| {
            s.edit(
                "themes/default/templates/card.html",
                "<h3>",
                "<a href=\"/notes/{{ card.title }}/\">笔记</a><h3>",
            );
        }),
        "错误：主题链接到 /notes/ 下的 3 个页面，但本次生成不会写出它们：/notes/新疆骨干教师培训/, /notes/重庆市骨干教师培养对象培训项目/, /notes/重庆市骨干班主任培养对象培训项目/（出现在 20 个页面，例如 /audience/教师/）
  = 提示：这些链接来自主题的某个模板：检查模板，以及 site.toml 中的筛选维度和类别

错误：发现 1 个问题，没有写入任何文件
",
    );
}

/// A site with a single catalog (as a new user starts): a misspelt field in
/// its `_catalog.md`, or no `_catalog.md` at all, used to panic (index out
/// of bounds in `Site::catalog_of`, exit 101) instead of naming the file.
#[test]
fn a_single_catalog_with_a_broken_or_missing_catalog_file_is_named() {
    let single = |change: &dyn Fn(&TestSite)| {
        let site = TestSite::fixture();
        std::fs::remove_dir_all(site.root().join("content/xinjiang-2024")).unwrap();
        rejected_in(site, change)
    };
    assert_messages(
        single(&|s| {
            s.edit("content/chongqing-2026/_catalog.md", "title =", "titel =");
        }),
        "错误：未知字段 `titel`
 --> content/chongqing-2026/_catalog.md:2:1
  |
2 | titel = \"重庆市2026年“国培计划”项目申报指南\"
  | ^^^^^
  = 提示：是不是 `title`？

错误：发现 1 个问题，没有写入任何文件
",
    );
    assert_messages(
        single(&|s| {
            std::fs::remove_file(s.root().join("content/chongqing-2026/_catalog.md")).unwrap();
        }),
        "错误：文件夹 `chongqing-2026` 里有 2 个项目文件，但没有 _catalog.md
  --> content/chongqing-2026
  = 提示：新建 content/chongqing-2026/_catalog.md，写明这些项目出自哪份发布文件（peixun new catalog chongqing-2026）

错误：发现 1 个问题，没有写入任何文件
",
    );
}

fn with_guidance(entry_number: &str) -> TestSite {
    let site = TestSite::fixture();
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        toml.replace("regions = [\"重庆市\"", "regions = [\"全国\", \"重庆市\"")
            .replace(
                "catalog_kinds = [\"申报指南\"",
                "catalog_kinds = [\"指导方案\", \"申报指南\"",
            )
            .as_bytes(),
    );
    site.write(
        "content/guidance/_catalog.md",
        "+++\ntitle = \"指导方案\"\nregion = \"全国\"\nkind = \"指导方案\"\n+++\n\n前言。\n"
            .as_bytes(),
    );
    site.write(
        "content/guidance/backbone.md",
        format!(
            "+++\ntitle = \"骨干教师培训\"\nnumber = \"{entry_number}\"\nlevel = \"国家级\"\ncategory = \"backbone-teacher\"\n+++\n\n正文。\n"
        )
        .as_bytes(),
    );
    site
}

#[test]
fn a_guidance_entry_numbered_unlike_its_category_is_an_error() {
    let good = with_guidance("一.1");
    good.build_ok();
    let before = good.snapshot();
    // The entry's number no longer matches site.toml's.
    good.edit(
        "content/guidance/backbone.md",
        "number = \"一.1\"",
        "number = \"一.2\"",
    );
    let run = good.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "错误：这个条目定义类别 `backbone-teacher`，site.toml 编号为 一.1，但条目编号是 一.2
 --> content/guidance/backbone.md:3:1
  |
3 | number = \"一.2\"
  | ^^^^^^
  = 提示：让条目的 number 与 site.toml 中该类别的 guidance 一致

错误：发现 1 个问题，没有写入任何文件
"
        )
    );
    assert!(
        good.snapshot() == before,
        "output/ changed after a failed build"
    );
    // No entry at all for a numbered category.
    std::fs::remove_file(good.root().join("content/guidance/backbone.md")).unwrap();
    let run = good.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "错误：类别 `backbone-teacher` 在国家指导方案中编号为 一.1，但指导方案中没有哪个条目定义它
  --> site.toml:15:1
   |
15 | guidance = \"一.1\"
   | ^^^^^^^^
   = 提示：在指导方案中加一个 category = \"backbone-teacher\" 的条目；若指导方案没有这类项目，就删去该类别的 guidance

错误：发现 1 个问题，没有写入任何文件
"
        )
    );
    assert!(
        good.snapshot() == before,
        "output/ changed after a failed build"
    );
}

/// A template that fails on the facet pages, rendered after every project
/// page was staged: the build stops, the staged pages go, and output/ is
/// as it was (no staging folder left, no date changed).
#[test]
fn a_template_failing_after_pages_were_staged_leaves_the_output_as_it_was() {
    let site = TestSite::fixture();
    site.build_ok();
    let project = site.root().join("output/projects/cq-teacher/index.html");
    let before = std::fs::metadata(&project).unwrap().modified().unwrap();
    let snapshot = site.snapshot();
    let template = site
        .root()
        .join("themes/default/templates/facet_value.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replace(
            "{% block main %}",
            "{% block main %}{{ no_such_value.field }}",
        ),
    )
    .unwrap();
    // An edit to the project too, so that its page is staged, not kept.
    let source = site.root().join("content/chongqing-2026/cq-teacher.md");
    let content = std::fs::read_to_string(&source).unwrap();
    std::fs::write(
        &source,
        content.replacen("title = \"", "title = \"（修订）", 1),
    )
    .unwrap();
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("facet_value.html"), "{}", run.stderr);
    assert!(
        site.snapshot() == snapshot,
        "output/ changed after a failed build"
    );
    assert!(!site.root().join("output").join(".peixun-staging").exists());
    assert_eq!(
        std::fs::metadata(&project).unwrap().modified().unwrap(),
        before
    );
}

/// A staging folder a killed build left is emptied by the next build and
/// is never part of the site.
#[test]
fn a_staging_folder_left_by_a_killed_build_goes() {
    let site = TestSite::fixture();
    site.build_ok();
    let leftover = site.root().join("output/.peixun-staging/projects/x");
    std::fs::create_dir_all(&leftover).unwrap();
    std::fs::write(leftover.join("index.html"), "half").unwrap();
    site.build_ok();
    assert!(!site.root().join("output/.peixun-staging").exists());
}

/// Templates that fail on files made side by side (the how-to-join page,
/// the sitemap and the comparison pages): every problem is reported, and
/// the output is as it was.
#[test]
fn templates_failing_side_by_side_are_all_reported() {
    let site = TestSite::fixture();
    site.build_ok();
    let snapshot = site.snapshot();
    for (name, at) in [
        ("join.html", "{% block main %}"),
        ("compare.html", "{% block main %}"),
        ("sitemap.xml", "{% for u in urls %}"),
    ] {
        let template = site.root().join("themes/default/templates").join(name);
        let text = std::fs::read_to_string(&template).unwrap();
        std::fs::write(
            &template,
            text.replacen(at, &format!("{at}{{{{ no_such_value.field }}}}"), 1),
        )
        .unwrap();
    }
    let run = site.build();
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "错误：模板错误：Variable `no_such_value` is not defined. Available variables: documents, page_path, page_title, page_url, site
 --> themes/default/templates/join.html:2:20
  |
2 | {% block main %}{{ no_such_value.field }}
  |                    ^^^^^^^^^^^^^

错误：模板错误：Variable `no_such_value` is not defined. Available variables: page_path, page_title, page_url, site, urls
 --> themes/default/templates/sitemap.xml:3:23
  |
3 | {% for u in urls %}{{ no_such_value.field }}  <url><loc>{{ u }}</loc></url>
  |                       ^^^^^^^^^^^^^

错误：模板错误：Variable `no_such_value` is not defined. Available variables: downloads, page_path, page_title, page_url, places, roles, rows, site
 --> themes/default/templates/compare.html:2:20
  |
2 | {% block main %}{{ no_such_value.field }}
  |                    ^^^^^^^^^^^^^

错误：发现 3 个问题，没有写入任何文件
"
    );
    assert!(
        site.snapshot() == snapshot,
        "output/ changed after a failed build"
    );
}
