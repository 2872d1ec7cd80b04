//! Every kind of bad input in DESIGN's list: a clear message with file, line
//! and column, exit code 1, and the previous output left byte for byte.
use crate::support::*;

/// Builds the good fixture, breaks it with `change`, and asserts the failed
/// build said `expected` (all of them) and left output/ untouched.
fn assert_rejected(change: impl FnOnce(&TestSite), expected: &[&str]) -> String {
    let site = TestSite::fixture();
    site.build_ok();
    let before = site.snapshot();
    change(&site);
    let run = site.build();
    assert_eq!(run.code, 1, "expected failure, got:\n{}", run.stderr);
    for e in expected {
        assert!(run.stderr.contains(e), "missing {e:?} in:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build"
    );
    assert!(
        site.leftovers().is_empty(),
        "staging left behind: {:?}",
        site.leftovers()
    );
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 1, "check must fail too:\n{}", check.stderr);
    run.stderr
}

const P: &str = "content/chongqing-2026/cq-banzhuren.md";

#[test]
fn malformed_toml_points_at_the_line() {
    let err = assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitle = \"班主任\"\nlevel = \"国家级\ncategory = \"class-teacher\"\n+++\n"
                    .as_bytes(),
            )
        },
        &["invalid TOML", "content/chongqing-2026/cq-banzhuren.md:3:"],
    );
    assert!(err.contains("3 | level = \"国家级"), "{err}");
}

#[test]
fn missing_front_matter_delimiter() {
    assert_rejected(
        |s| s.write(P, "title = \"x\"\n".as_bytes()),
        &["missing front matter", "cq-banzhuren.md:1:1"],
    );
    assert_rejected(
        |s| s.write(P, "+++\ntitle = \"x\"\n\n正文".as_bytes()),
        &["front matter is not closed", "cq-banzhuren.md:1:1"],
    );
}

#[test]
fn unknown_fields_are_all_reported_with_suggestions() {
    let err = assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitel = \"x\"\nlevel = \"国家级\"\ncategory = \"class-teacher\"\nonline_huors = 60\n+++\n".as_bytes(),
            )
        },
        &[
            "unknown field `titel`",
            "cq-banzhuren.md:2:1",
            "did you mean `title`?",
            "unknown field `online_huors`",
            "cq-banzhuren.md:5:1",
            "did you mean `online_hours`?",
        ],
    );
    assert!(err.contains("2 problems found"), "{err}");
}

#[test]
fn mistyped_number_is_an_error_at_its_column() {
    let err = assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitle = \"x\"\nlevel = \"国家级\"\ncategory = \"class-teacher\"\noffline_days = \"六十\"\n+++\n".as_bytes(),
            )
        },
        &[
            "invalid type",
            "cq-banzhuren.md:5:16",
            "write numbers without quotes",
        ],
    );
    // The caret underlines "六十" by display width: 6 columns.
    assert!(err.contains("  |                ^^^^^^\n"), "{err}");
}

#[test]
fn value_outside_vocabulary_suggests_the_nearest() {
    assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitle = \"x\"\nlevel = \"国家级\"\ncategory = \"class-teacher\"\naudience = [\"班主人\"]\n+++\n".as_bytes(),
            )
        },
        &[
            "`班主人` is not an allowed value of `audience`",
            "cq-banzhuren.md:5:13",
            "did you mean `班主任`?",
        ],
    );
    assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitle = \"x\"\nlevel = \"国家级\"\ncategory = \"class-teachr\"\n+++\n"
                    .as_bytes(),
            )
        },
        &[
            "`class-teachr` is not an allowed value of `category`",
            "cq-banzhuren.md:4:12",
            "did you mean `class-teacher`?",
        ],
    );
}

#[test]
fn duplicate_slugs_across_catalogs() {
    assert_rejected(
        |s| s.write("content/xinjiang-2024/cq-teacher.md", XJ_TEACHER.as_bytes()),
        &[
            "duplicate slug `cq-teacher`",
            "content/chongqing-2026/cq-teacher.md",
            "content/xinjiang-2024/cq-teacher.md",
        ],
    );
}

#[test]
fn non_utf8_file() {
    assert_rejected(
        |s| {
            // "标题" in GBK, as Word on Windows saves it.
            let mut bytes = b"+++\ntitle = \"".to_vec();
            bytes.extend([0xB1, 0xEA, 0xCC, 0xE2]);
            bytes.extend(b"\"\n+++\n");
            s.write(P, &bytes)
        },
        &["not valid UTF-8", "cq-banzhuren.md:2:10", "GBK"],
    );
}

#[test]
fn file_that_is_not_markdown() {
    assert_rejected(
        |s| s.write("content/chongqing-2026/指南.docx", b"PK\x03\x04"),
        &[
            "`指南.docx` is not a Markdown file",
            "content/chongqing-2026/指南.docx",
        ],
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop() {
    assert_rejected(
        |s| {
            std::os::unix::fs::symlink(
                s.root().join("content"),
                s.root().join("content/chongqing-2026/loop"),
            )
            .unwrap()
        },
        &["symbolic link loop", "content/chongqing-2026/loop"],
    );
}

#[test]
fn ten_megabyte_file() {
    assert_rejected(
        |s| {
            let mut big = CQ_BANZHUREN.as_bytes().to_vec();
            big.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
            s.write(P, &big)
        },
        &[
            "file is 10.0 MiB; a content file may be at most 1 MiB",
            "cq-banzhuren.md",
        ],
    );
}

#[test]
fn broken_internal_link() {
    assert_rejected(
        |s| {
            s.write(
                P,
                format!("{CQ_BANZHUREN}\n[见](/projects/cq-teachr/)\n").as_bytes(),
            )
        },
        &[
            "link to `/projects/cq-teachr/`, which is not a page of this site",
            "cq-banzhuren.md:14:5",
            "did you mean `/projects/cq-teacher/`?",
        ],
    );
}

#[test]
fn invalid_slug_and_zero_figures() {
    assert_rejected(
        |s| {
            s.write(
                "content/chongqing-2026/Bad Name.md",
                CQ_BANZHUREN.as_bytes(),
            )
        },
        &[
            "file name `Bad Name.md` is not a valid slug",
            "rename it to `bad-name.md`",
        ],
    );
    assert_rejected(
        |s| {
            s.write(
                P,
                "+++\ntitle = \"x\"\nlevel = \"国家级\"\ncategory = \"class-teacher\"\ntrainees = 0\n+++\n".as_bytes(),
            )
        },
        &[
            "`trainees` is 0",
            "cq-banzhuren.md:5:12",
            "leave `trainees` out",
        ],
    );
}

#[test]
fn errors_in_several_files_are_reported_in_one_run() {
    let err = assert_rejected(
        |s| {
            s.write(P, "no front matter".as_bytes());
            s.write(
                "content/xinjiang-2024/xj-teacher.md",
                XJ_TEACHER.replace("跟岗研修", "跟岗研究").as_bytes(),
            );
        },
        &[
            "cq-banzhuren.md:1:1",
            "xj-teacher.md:10:10",
            "did you mean `跟岗研修`?",
        ],
    );
    assert!(err.contains("2 problems found"), "{err}");
}

#[test]
fn bad_site_toml_and_template() {
    assert_rejected(
        |s| {
            s.write(
                "site.toml",
                SITE_TOML.replace("base_url", "base_ur").as_bytes(),
            )
        },
        &[
            "unknown field `base_ur`",
            "site.toml:4:1",
            "did you mean `base_url`?",
        ],
    );
    assert_rejected(
        |s| {
            s.write("themes/default/templates/facet.html", b"{% extends \"base.html\" %}{% block main %}{{ facet.label | nosuchfilter }}{% endblock main %}")
        },
        &["Unknown filter `nosuchfilter`", "themes/default/templates/facet.html:1:59"],
    );
}

/// The fixture with a national guidance catalog whose one entry defines
/// `backbone-teacher` (numbered 一.1 in site.toml).
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
    good.write(
        "content/guidance/backbone.md",
        good.read("content/guidance/backbone.md")
            .replace("number = \"一.1\"", "number = \"一.2\"")
            .as_bytes(),
    );
    let run = good.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("which site.toml numbers 一.1, but the entry is numbered 一.2"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/guidance/backbone.md:3:1"),
        "{}",
        run.stderr
    );
    assert!(
        good.snapshot() == before,
        "output/ changed after a failed build"
    );
    // No entry at all for a numbered category.
    std::fs::remove_file(good.root().join("content/guidance/backbone.md")).unwrap();
    let run = good.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("category `backbone-teacher` is numbered 一.1 in the national guidance, but no entry of the guidance catalog defines it"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("site.toml:"), "{}", run.stderr);
    assert!(
        good.snapshot() == before,
        "output/ changed after a failed build"
    );
}

/// A site with a single catalog (as a new user starts): a misspelt field in
/// its `_catalog.md`, or no `_catalog.md` at all, used to panic (index out
/// of bounds in `Site::catalog_of`, exit 101) instead of naming the file.
#[test]
fn a_single_catalog_with_a_broken_or_missing_catalog_file_is_named() {
    let site = TestSite::new(&[
        ("site.toml", SITE_TOML),
        ("content/chongqing-2026/_catalog.md", CQ_CATALOG),
        ("content/chongqing-2026/cq-teacher.md", CQ_TEACHER),
        ("content/chongqing-2026/cq-banzhuren.md", CQ_BANZHUREN),
    ]);
    site.build_ok();
    let before = site.snapshot();
    site.edit("content/chongqing-2026/_catalog.md", "title =", "titel =");
    let run = site.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: unknown field `titel` in catalog front matter
 --> content/chongqing-2026/_catalog.md:2:1
  |
2 | titel = \"重庆市2026年“国培计划”项目申报指南\"
  | ^^^^^
  = help: did you mean `title`?

error: 1 problem found; nothing was written
"
        )
    );
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build"
    );
    std::fs::remove_file(site.root().join("content/chongqing-2026/_catalog.md")).unwrap();
    let run = site.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: folder `chongqing-2026` has 2 project files but no _catalog.md
  --> content/chongqing-2026
  = help: add content/chongqing-2026/_catalog.md describing the published document they come from

error: 1 problem found; nothing was written
"
        )
    );
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build"
    );
}

/// Only http, https, mailto and this site's pages may be linked from
/// content: `source_url = "javascript:…"` used to become a clickable link
/// on the catalog page.
#[test]
fn links_in_content_other_than_http_https_mailto_or_this_site_are_errors() {
    let site = TestSite::fixture();
    site.build_ok();
    let before = site.snapshot();
    site.edit(
        "content/chongqing-2026/_catalog.md",
        "source = \"测试来源\"\n",
        "source = \"测试来源\"\nsource_url = \"javascript:alert(document.cookie)\"\n",
    );
    site.edit(
        P,
        "班主任。\n",
        "班主任。[申报表](../forms/a.docx)、![图](file:///etc/passwd)、[旧站](//old.example/a)、[邮件](mailto:a@example.org)。\n",
    );
    let run = site.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            "error: `javascript:` links are not allowed: `javascript:alert(document.cookie)`
 --> content/chongqing-2026/_catalog.md:7:14
  |
7 | source_url = \"javascript:alert(document.cookie)\"
  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: links may be http:// or https:// addresses, mailto: or pages of this site (/projects/<slug>/)

error: relative link `../forms/a.docx`
  --> content/chongqing-2026/cq-banzhuren.md:12:11
   |
12 | 班主任。[申报表](../forms/a.docx)、![图](file:///etc/passwd)、[旧站](//old.example/a)、[邮件](mailto:a@example.org)。
   |                  ^^^^^^^^^^^^^^^
   = help: write a link to a page of this site from the site's root, e.g. /projects/<slug>/

error: `file:` links are not allowed: `file:///etc/passwd`
  --> content/chongqing-2026/cq-banzhuren.md:12:33
   |
12 | 班主任。[申报表](../forms/a.docx)、![图](file:///etc/passwd)、[旧站](//old.example/a)、[邮件](mailto:a@example.org)。
   |                                          ^^^^^^^^^^^^^^^^^^
   = help: links may be http:// or https:// addresses, mailto: or pages of this site (/projects/<slug>/)

error: link `//old.example/a` has no scheme
  --> content/chongqing-2026/cq-banzhuren.md:12:58
   |
12 | 班主任。[申报表](../forms/a.docx)、![图](file:///etc/passwd)、[旧站](//old.example/a)、[邮件](mailto:a@example.org)。
   |                                                                      ^^^^^^^^^^^^^^^
   = help: write the address with https:// (or http://)

error: 4 problems found; nothing was written
"
        )
    );
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build"
    );
}

/// Every link of every generated page is checked, the theme's own links
/// included: a template that links to a page the build does not make
/// stops the build (and `check`) with one message for the whole family of
/// missing pages.
#[test]
fn a_theme_link_to_a_page_the_build_does_not_write_is_an_error() {
    let site = TestSite::fixture();
    site.build_ok();
    let before = site.snapshot();
    site.edit(
        "themes/default/templates/card.html",
        "<h3 class=\"card-title\">",
        "<a href=\"/notes/{{ card.title }}/\">笔记</a><h3 class=\"card-title\">",
    );
    let expected = "error: the theme links to 3 pages under /notes/ that this build does not write: /notes/新疆骨干教师培训/, /notes/重庆市骨干教师培养对象培训项目/, /notes/重庆市骨干班主任培养对象培训项目/ (from 18 pages, such as /audience/教师/)
  = help: a template of the theme makes these links: check it, and the facets and categories in site.toml

";
    let run = site.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            format!("{expected}error: 1 problem found; nothing was written\n").as_str()
        )
    );
    assert!(
        site.snapshot() == before,
        "output/ changed after a failed build"
    );
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
}
