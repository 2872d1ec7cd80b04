//! What a teacher reads on the bundled site, without JavaScript: the pages
//! say what a project leaves unstated, which plans are past, how to take
//! part, and they say it once and plainly. (The same flows with the search
//! and filters, on a phone, are in `phone.rs`.)

use crate::browser::build_site;
use crate::support::*;
use std::path::Path;

fn page(output: &Path, path: &str) -> scraper::Html {
    let file = output.join(path).join("index.html");
    scraper::Html::parse_document(
        &std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display())),
    )
}

/// The value of a project page's fact (`<dt>label</dt><dd>…</dd>`).
fn fact(doc: &scraper::Html, label: &str) -> Option<String> {
    select(doc, ".facts .fact")
        .into_iter()
        .find(|f| {
            f.select(&scraper::Selector::parse("dt").unwrap())
                .next()
                .is_some_and(|dt| text(&dt) == label)
        })
        .and_then(|f| f.select(&scraper::Selector::parse("dd").unwrap()).next())
        .map(|dd| text(&dd))
}

#[test]
fn a_stage_a_project_leaves_unstated_is_said_and_listed_not_hidden() {
    let (_dir, output) = build_site(repo());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("catalog.json")).unwrap())
            .unwrap();
    let unstated: Vec<&str> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["guidance"] == false && p["stages"].as_array().is_none_or(|s| s.is_empty()))
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(unstated.len(), 31);

    // The page of a stage says how many more may be open to it, and links them.
    let primary = page(&output, "stages/小学");
    assert_eq!(
        texts(&primary, ".unstated-note"),
        ["另有 31 个项目学段未注明（不限），也可能适合小学。"]
    );
    assert_eq!(
        attrs(&primary, ".unstated-note a", "href"),
        ["/stages/%E6%9C%AA%E6%B3%A8%E6%98%8E/"]
    );
    // …which lists exactly them, and is itself a value of the facet.
    let listed = page(&output, "stages/未注明");
    assert_eq!(texts(&listed, "h1"), ["未注明（不限） 31 项"]);
    let mut titles = texts(&listed, ".cards .card-title a");
    let mut want: Vec<String> = unstated.iter().map(|t| t.to_string()).collect();
    titles.sort();
    want.sort();
    assert_eq!(titles, want);
    assert!(texts(&page(&output, "stages"), ".facet-values li").contains(&"未注明（不限） 31 项".to_string()));
    // The page of the unstated value makes no such note about itself.
    assert!(select(&listed, ".unstated-note").is_empty());
    // Modes left unstated are not known, not open to all.
    assert_eq!(
        texts(&page(&output, "modes/网络研修"), ".unstated-note"),
        ["另有 5 个项目培训方式未注明。"]
    );

    // A project page says it too, where it used to say nothing.
    let project = page(&output, "projects/xj2024-yiduiyi");
    assert_eq!(fact(&project, "学段").as_deref(), Some("未注明（不限）"));
    assert_eq!(
        attrs(&project, ".facts a[href='/stages/%E6%9C%AA%E6%B3%A8%E6%98%8E/']", "href").len(),
        1
    );
    // A project that names its stages lists them.
    let stated = page(&output, "projects/xj2024-diji-gugan");
    assert_eq!(fact(&stated, "学段").as_deref(), Some("幼儿园、小学、初中"));
}
