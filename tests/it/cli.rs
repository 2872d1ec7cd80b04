//! `check` and `new`.
use crate::support::*;

#[test]
fn check_passes_on_good_content_and_writes_nothing() {
    let site = TestSite::fixture();
    let run = site.peixun(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("ok: 3 projects in 2 catalogs"),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("output").exists());
}

#[test]
fn new_writes_a_valid_commented_project_and_refuses_to_overwrite() {
    let site = TestSite::fixture();
    let run = site.peixun(&["new", "chongqing-2026", "cq-new-project"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
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
        check.code, 0,
        "the new file must be valid as written:\n{}",
        check.stderr
    );
    let again = site.peixun(&["new", "content/chongqing-2026", "cq-new-project"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("already exists; not overwriting it"),
        "{}",
        again.stderr
    );
    let bad = site.peixun(&["new", "chongqing-2026", "Bad_Slug"]);
    assert_eq!(bad.code, 1);
    assert!(bad.stderr.contains("not a valid slug"), "{}", bad.stderr);
    let nowhere = site.peixun(&["new", "no-such-catalog", "x"]);
    assert!(
        nowhere.stderr.contains("no catalog folder no-such-catalog"),
        "{}",
        nowhere.stderr
    );
}

#[test]
fn missing_site_toml_is_a_plain_error() {
    let site = TestSite::new(&[]);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot read site.toml"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--root"), "{}", run.stderr);
}
