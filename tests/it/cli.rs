//! `check` and `new`.
use crate::support::*;

#[test]
fn check_passes_on_good_content_and_writes_nothing() {
    let site = TestSite::fixture();
    let before = site.tree();
    let run = site.peixun(&["check"]);
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, "ok: 3 projects in 2 catalogs, no errors\n")
    );
    assert_eq!(site.tree(), before, "check wrote into the site");
}

#[test]
fn new_writes_a_valid_commented_project_and_refuses_to_overwrite() {
    let site = TestSite::fixture();
    let run = site.peixun(&["new", "chongqing-2026", "cq-new-project"]);
    let path = site.root().join("content/chongqing-2026/cq-new-project.md");
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (0, format!("wrote {}\n", path.display()).as_str())
    );
    let text = site.read("content/chongqing-2026/cq-new-project.md");
    for field in peixun::content::project_fields() {
        assert!(
            text.contains(&format!("\n{field} =")) || text.contains(&format!("\n# {field} =")),
            "field {field} missing:\n{text}"
        );
    }
    assert!(
        text.contains("# 培训对象（角色）。Any of: 教师、班主任、校长、园长"),
        "{text}"
    );
    let check = site.peixun(&["check"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (0, "ok: 4 projects in 2 catalogs, no errors\n"),
        "the new file must be valid as written"
    );
    let written = site.read("content/chongqing-2026/cq-new-project.md");
    let again = site.peixun(&["new", "content/chongqing-2026", "cq-new-project"]);
    assert_eq!(
        (again.code, again.stderr.as_str()),
        (
            1,
            format!(
                "error: {} already exists; not overwriting it\n",
                path.display()
            )
            .as_str()
        )
    );
    assert_eq!(
        site.read("content/chongqing-2026/cq-new-project.md"),
        written
    );
    let bad = site.peixun(&["new", "chongqing-2026", "Bad_Slug"]);
    assert_eq!(
        (bad.code, bad.stderr.as_str()),
        (
            1,
            "error: `Bad_Slug` is not a valid slug: use lowercase ASCII letters, digits and '-'\n"
        )
    );
    let nowhere = site.peixun(&["new", "no-such-catalog", "x"]);
    assert_eq!(
        (nowhere.code, nowhere.stderr.as_str()),
        (
            1,
            "error: no catalog folder no-such-catalog: create it with a _catalog.md first\n"
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
                "error: cannot read site.toml: No such file or directory (os error 2)
  --> {}
  = help: run peixun in a site directory, or pass --root DIR

error: 1 problem found; nothing was written
",
                site.root().join("site.toml").display()
            )
            .as_str()
        )
    );
}
