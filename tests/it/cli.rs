//! `check`, `new` and the command line itself, as an editor reads them:
//! whole stderr, in Chinese (and, where asked, English), and exit codes.
use crate::support::*;

#[test]
fn check_passes_on_good_content_and_writes_nothing() {
    let site = TestSite::fixture();
    let before = site.tree();
    let run = site.peixun(&["check"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "检查通过：2 份发布文件，3 个项目，没有错误\n")
    );
    assert_eq!(site.tree(), before, "check wrote into the site");
    let english = site.peixun(&["check", "--lang", "en"]);
    assert_eq!(
        (english.code, english.stderr.as_str()),
        (0, "ok: 3 projects in 2 catalogs, no errors\n")
    );
}

/// What `check` says of the draft `new` writes: the draft itself and the
/// two guesses it had to make, at their lines.
const NEW_PROJECT_TO_DO: &str = "待办：草稿：不会发布
 --> content/chongqing-2026/cq-new-project.md:3:9
  |
3 | draft = true
  |         ^^^^
  = 提示：核对完所有内容后删去 draft = true 这一行，才会发布（peixun build --drafts 可先生成含草稿的网站）

待办：待核对：级别
  --> content/chongqing-2026/cq-new-project.md:13:3
   |
13 | # 待核对：级别
   |   ^^^^^^^^
   = 提示：核对原文，改正这个值，然后删去这条“待核对”注释

待办：待核对：项目类别
  --> content/chongqing-2026/cq-new-project.md:16:3
   |
16 | # 待核对：项目类别
   |   ^^^^^^^^
   = 提示：核对原文，改正这个值，然后删去这条“待核对”注释

";

#[test]
fn new_writes_a_draft_that_is_listed_until_reviewed_and_never_published_unchanged() {
    let site = TestSite::fixture();
    site.build_ok();
    let run = site.peixun(&["new", "chongqing-2026", "cq-new-project"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "已写入 content/chongqing-2026/cq-new-project.md\n")
    );
    let text = site.read("content/chongqing-2026/cq-new-project.md");
    for field in peixun::content::project_fields() {
        assert!(
            text.contains(&format!("\n{field} =")) || text.contains(&format!("\n# {field} =")),
            "field {field} missing:\n{text}"
        );
    }
    assert!(
        text.contains("# 培训对象（角色），可选：教师、班主任、校长、园长"),
        "{text}"
    );
    // check lists what is left to do, and passes; --strict does not.
    let check = site.peixun(&["check"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (
            0,
            format!("{NEW_PROJECT_TO_DO}检查通过：2 份发布文件，4 个项目，没有错误；还有 3 项待办（见上）\n")
                .as_str()
        )
    );
    let strict = site.peixun(&["check", "--strict"]);
    assert_eq!(
        (strict.code, strict.stderr.as_str()),
        (
            1,
            format!(
                "{NEW_PROJECT_TO_DO}错误：还有 3 项待办（草稿或待核对）；--strict 要求全部处理完\n"
            )
            .as_str()
        )
    );
    // A build leaves the draft out and says so: nowhere on the site.
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build
            .stderr
            .ends_with("1 个草稿文件没有发布（peixun check 列出它们；peixun build --drafts 可生成含草稿的网站）\n"),
        "{}",
        build.stderr
    );
    assert!(!site.root().join("output/projects/cq-new-project").exists());
    for data in ["catalog.json", "atom.xml", "index.html"] {
        assert!(!site.output(data).contains("cq-new-project"), "{data}");
    }
    // Published unchanged, the template's title is refused.
    site.edit(
        "content/chongqing-2026/cq-new-project.md",
        "draft = true\n",
        "",
    );
    let published = site.build();
    assert_eq!(published.code, 1);
    assert!(
        published.stderr.starts_with(
            "错误：标题还是模板里的“（请填写项目名称）”
 --> content/chongqing-2026/cq-new-project.md:4:9
"
        ),
        "{}",
        published.stderr
    );
    // `--drafts` builds them, marked.
    site.edit(
        "content/chongqing-2026/cq-new-project.md",
        "+++\n",
        "+++\ndraft = true\n",
    );
    let with_drafts = site.peixun(&["build", "--drafts"]);
    assert_eq!(with_drafts.code, 0, "{}", with_drafts.stderr);
    let page = site.html("projects/cq-new-project/index.html");
    assert_eq!(texts(&page, ".notice-draft").len(), 1);
}

#[test]
fn new_refuses_what_it_cannot_write_and_names_why() {
    let site = TestSite::fixture();
    site.peixun(&["new", "chongqing-2026", "cq-new-project"]);
    let path = site.root().join("content/chongqing-2026/cq-new-project.md");
    let written = site.read("content/chongqing-2026/cq-new-project.md");
    let again = site.peixun(&["new", "content/chongqing-2026", "cq-new-project"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (
            1,
            "错误：网址名 `cq-new-project` 已被 content/chongqing-2026/cq-new-project.md 使用：项目的网址在全站必须唯一\n"
        )
    );
    assert_eq!(
        site.read("content/chongqing-2026/cq-new-project.md"),
        written
    );
    assert!(path.exists());
    // A slug of another catalog's project is taken too: URLs are site-wide.
    let elsewhere = site.peixun(&["new", "xinjiang-2024", "cq-teacher"]);
    assert_eq!(
        (elsewhere.code, elsewhere.stderr.as_str()),
        (
            1,
            "错误：网址名 `cq-teacher` 已被 content/chongqing-2026/cq-teacher.md 使用：项目的网址在全站必须唯一\n"
        )
    );
    assert!(!site
        .root()
        .join("content/xinjiang-2024/cq-teacher.md")
        .exists());
    let bad = site.peixun(&["new", "chongqing-2026", "Bad_Slug"]);
    assert_eq!(
        (bad.code, bad.stderr.as_str()),
        (
            1,
            "错误：`Bad_Slug` 不能用作网址名：只用小写英文字母、数字和“-”\n"
        )
    );
    let nowhere = site.peixun(&["new", "no-such-catalog", "x"]);
    assert_eq!(
        (nowhere.code, nowhere.stderr.as_str()),
        (
            1,
            "错误：没有发布文件的文件夹 no-such-catalog：先用 peixun new catalog no-such-catalog 新建\n"
        )
    );
    let english = site.peixun(&["new", "no-such-catalog", "x", "--lang", "en"]);
    assert_eq!(
        english.stderr,
        "error: no catalog folder no-such-catalog: make one first with peixun new catalog no-such-catalog\n"
    );
}

#[test]
fn new_catalog_writes_a_draft_catalog_with_every_field_explained() {
    let site = TestSite::fixture();
    let run = site.peixun(&["new", "catalog", "chengdu-2025"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "已写入 content/chengdu-2025/_catalog.md\n")
    );
    let text = site.read("content/chengdu-2025/_catalog.md");
    for field in [
        "draft",
        "title",
        "issuer",
        "region",
        "city",
        "district",
        "year",
        "kind",
        "source",
        "source_url",
        "published",
    ] {
        assert!(
            text.contains(&format!("\n{field} =")) || text.contains(&format!("\n# {field} =")),
            "field {field} missing:\n{text}"
        );
    }
    // It checks, as a draft, and a project can be made in it.
    let check = site.peixun(&["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert!(
        check
            .stderr
            .contains("content/chengdu-2025/_catalog.md:3:9"),
        "{}",
        check.stderr
    );
    let project = site.peixun(&["new", "chengdu-2025", "cd-banzhuren"]);
    assert_eq!(project.code, 0, "{}", project.stderr);
    let again = site.peixun(&["new", "catalog", "chengdu-2025"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (
            1,
            "错误：content/chengdu-2025/_catalog.md 已经存在，不会覆盖\n"
        )
    );
}

#[test]
fn missing_site_toml_is_a_plain_error() {
    let site = TestSite::new(&[]);
    let run = site.build();
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (
            1,
            format!(
                "错误：无法读取 site.toml：文件或文件夹不存在
  --> {}
  = 提示：请在网站文件夹里运行 peixun，或用 --root 指定网站文件夹

错误：发现 1 个问题，没有写入任何文件
",
                site.root().join("site.toml").display()
            )
            .as_str()
        )
    );
}

#[test]
fn the_command_line_speaks_chinese_and_english_on_request() {
    let site = TestSite::fixture();
    let help = site.peixun_bare(&["--help"]);
    assert_eq!(help.code, 0);
    for line in [
        "peixun：把教师培训项目申报指南和工作计划做成可搜索、可对比的网站",
        "用法：peixun [--lang zh|en] <命令>",
        "  build   生成整个网站到 output/（全部成功才写入；草稿不发布）",
        "  -h, --help          显示帮助",
    ] {
        assert!(
            help.stdout.contains(line),
            "{line:?} not in:\n{}",
            help.stdout
        );
    }
    assert!(!help.stdout.contains("Print help") && !help.stdout.contains("Usage"));
    let english = site.peixun_bare(&["--lang", "en", "build", "--help"]);
    assert!(
        english
            .stdout
            .starts_with("Build the whole site into output/"),
        "{}",
        english.stdout
    );
    // A mistyped command: said in Chinese, with the nearest command, exit 2.
    let typo = site.peixun_bare(&["biuld"]);
    assert_eq!(
        (typo.code, typo.stderr.as_str()),
        (
            2,
            "错误：不认识的命令 biuld\n  是不是 `build`？\n  用法见 peixun --help\n"
        )
    );
    let unknown = site.peixun_bare(&["check", "--strcit"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .starts_with("错误：不认识的参数 --strcit\n  是不是 `--strict`？"),
        "{}",
        unknown.stderr
    );
    // The locale asks for English as well as --lang does.
    let locale = peixun_command()
        .env_remove("PEIXUN_LANG")
        .env("LANG", "en_US.UTF-8")
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&locale.stderr),
        "ok: 3 projects in 2 catalogs, no errors\n"
    );
}

/// On a terminal (`script` gives the build one), a build of more than a
/// second (here a tenth of one, `PEIXUN_PROGRESS_AFTER_MS`, so that a
/// build of 1,500 projects shows it on any machine) shows the step it is
/// at, then clears the line for its summary; off a terminal it prints the
/// summary only (every other test compares stderr whole).
#[test]
fn a_long_build_on_a_terminal_shows_its_step_and_clears_it() {
    let site = TestSite::fixture();
    for i in 0..1500 {
        let text = fixture_text("content/chongqing-2026/cq-teacher.md")
            .replace("重庆市骨干教师培养对象培训项目", &format!("批量项目{i:04}"))
            .replace(
                "number = \"一.(一).1\"",
                &format!("number = \"{}\"", i + 10),
            )
            .replace("见[班主任项目](/projects/cq-banzhuren/)。", "");
        site.write(
            &format!("content/chongqing-2026/bulk-{i:04}.md"),
            text.as_bytes(),
        );
    }
    let command = format!(
        "{} build --root {} --output {}",
        env!("CARGO_BIN_EXE_peixun"),
        site.root().display(),
        site.root().join("output").display()
    );
    let out = std::process::Command::new("script")
        .args(["-qefc", &command, "/dev/null"])
        .env("SOURCE_DATE_EPOCH", TEST_DAY)
        .env("PEIXUN_LANG", "zh")
        .env("PEIXUN_PROGRESS_AFTER_MS", "100")
        .env_remove("CI")
        .env_remove("PEIXUN_TIMINGS")
        .output()
        .expect("script (util-linux) gives the build a terminal");
    assert!(out.status.success());
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("正在生成网站："), "{shown}");
    // The summary comes on a cleared line, after the last progress.
    let last_progress = shown.rfind("正在生成网站").unwrap();
    let summary = shown.rfind("已生成 1503 个项目").expect("the summary");
    assert!(summary > last_progress);
    // The progress line was erased (CSI 2K) before it.
    assert!(shown[..summary].ends_with("\x1b[2K"), "{shown}");
}
