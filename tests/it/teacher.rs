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
        ["/stages/未注明/"]
    );
    // …which lists exactly them, and is itself a value of the facet.
    let listed = page(&output, "stages/未注明");
    assert_eq!(texts(&listed, "h1"), ["未注明（不限） 31 项"]);
    let mut titles = texts(&listed, ".cards h3 a");
    let mut want: Vec<String> = unstated.iter().map(|t| t.to_string()).collect();
    titles.sort();
    want.sort();
    assert_eq!(titles, want);
    assert!(texts(&page(&output, "stages"), ".facet-values li")
        .contains(&"未注明（不限） 31 项".to_string()));
    // The page of the unstated value makes no such note about itself.
    assert!(select(&listed, ".unstated-note").is_empty());
    // Modes left unstated are not known, not open to all.
    // …and have no page of their own: it would list whatever the documents
    // leave out. Their count is on the facet's page, unlinked, and in the
    // search filters.
    let online = page(&output, "modes/网络研修");
    assert_eq!(
        texts(&online, ".unstated-note"),
        ["另有 5 个项目培训方式未注明。"]
    );
    assert!(select(&online, ".unstated-note a").is_empty());
    for facet in ["modes", "months"] {
        assert!(!output.join(facet).join("未注明").exists(), "{facet}");
        let index = page(&output, facet);
        let unstated: Vec<String> = texts(&index, ".facet-values li")
            .into_iter()
            .filter(|t| t.starts_with("未注明"))
            .collect();
        assert_eq!(unstated.len(), 1, "{facet}");
        assert!(attrs(&index, ".facet-values a", "href")
            .iter()
            .all(|h| !h.contains("未注明")));
    }
    assert_eq!(
        texts(&page(&output, "months"), ".facet-values li")
            .into_iter()
            .filter(|t| t.starts_with("未注明"))
            .collect::<Vec<_>>(),
        ["未注明 46 项"]
    );
    let search: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("search_docs.json")).unwrap())
            .unwrap();
    assert!(search["values"]["modes"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("未注明")));

    // A project page says it too, where it used to say nothing.
    let project = page(&output, "projects/xj2024-yiduiyi");
    assert_eq!(fact(&project, "学段").as_deref(), Some("未注明（不限）"));
    assert_eq!(
        attrs(&project, ".facts a[href='/stages/未注明/']", "href").len(),
        1
    );
    // A project that names its stages lists them.
    let stated = page(&output, "projects/xj2024-diji-gugan");
    assert_eq!(fact(&stated, "学段").as_deref(), Some("幼儿园、小学、初中"));
}

#[test]
fn past_plans_are_marked_on_every_card_list_and_page_and_the_day_of_the_data_is_given() {
    // Built on 2026-12-06 (support::TEST_DAY): the 2026 guide is this
    // year's, the 2024 and 2022 plans are past.
    let (_dir, output) = build_site(repo());
    let home = page(&output, "");
    assert_eq!(
        texts(&home, ".updated"),
        ["数据更新于 2026年12月6日。标有“往年”的是往年计划中的项目，很可能已经结束。"]
    );
    assert_eq!(attrs(&home, ".updated time", "datetime"), ["2026-12-06"]);
    // Every card of a 2022 or 2024 plan says so, none of 2026.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(output.join("catalog.json")).unwrap())
            .unwrap();
    let past: usize = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["guidance"] == false && p["year"].as_u64().is_some_and(|y| y < 2026))
        .count();
    assert_eq!(past, 45);
    assert_eq!(select(&home, "#results .card.past").len(), past);
    assert_eq!(select(&home, "#results .card .badge.past").len(), past);
    for card in select(&home, "#results .card") {
        let meta = text(
            &card
                .select(&scraper::Selector::parse(".card .meta").unwrap())
                .next()
                .unwrap(),
        );
        let is_past = card.value().classes().any(|c| c == "past");
        assert_eq!(is_past, !meta.contains("2026年"), "{meta}");
    }
    // The list of documents and the document's own page.
    let catalogs = page(&output, "catalogs");
    assert_eq!(select(&catalogs, ".catalog-list .badge.past").len(), 2);
    assert_eq!(
        texts(&page(&output, "catalogs/qianjiang-2022"), ".notice-past"),
        ["这是2022年的计划，其中的项目很可能已经结束，仅供了解和对比。"]
    );
    assert!(select(&page(&output, "catalogs/chongqing-2026"), ".notice-past").is_empty());
    // A past project points to its place's newer plan, or says there is none.
    assert_eq!(
        texts(&page(&output, "projects/qj2022-caiwu"), ".notice-past"),
        ["这是2022年计划中的项目，很可能已经结束，仅供了解和对比。重庆市更新的计划：重庆市2026年“国培计划”项目申报指南。"]
    );
    assert_eq!(
        texts(&page(&output, "projects/xj2024-yiduiyi"), ".notice-past"),
        ["这是2024年计划中的项目，很可能已经结束，仅供了解和对比。本站暂无新疆维吾尔自治区更新的计划。"]
    );
    assert!(select(
        &page(&output, "projects/cq2026-gugan-banzhuren"),
        ".notice-past"
    )
    .is_empty());
    // A month is a month of a plan's year.
    let july = page(&output, "months/7");
    assert_eq!(texts(&july, "h1"), ["7月（2022年） 11 项"]);
    assert_eq!(
        select(&july, ".cards .card").len(),
        select(&july, ".cards .badge.past").len()
    );
    assert!(
        texts(&page(&output, "months"), ".facet-page li a").contains(&"7月（2022年）".to_string())
    );
}

#[test]
fn every_project_page_says_how_teachers_take_part_and_where_the_text_comes_from() {
    let (_dir, output) = build_site(repo());
    let join = page(&output, "how-to-join");
    assert_eq!(texts(&join, "h1"), ["怎样参加培训"]);
    assert_eq!(
        texts(&join, "h2"),
        [
            "想参加一个项目",
            "“申报单位”不是参训教师",
            "文件原文怎么说",
            "到哪里问"
        ]
    );
    // The documents' own words: Qianjiang's plan on recommending trainees,
    // Chongqing's guide on who bids to run a project.
    let quotes = texts(&join, ".join-document q");
    assert!(
        quotes.contains(&"统筹国培、市培，科学规划国培、市培各类项目，建立学员送培台账，按要求做好参培学员遴选推荐工作".to_string()),
        "{quotes:?}"
    );
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("主要面向高等院校") && q.ends_with("申报")),
        "{quotes:?}"
    );
    // Every document is there, and none without a word on its source.
    assert_eq!(select(&join, ".join-document").len(), 3);
    assert_eq!(
        texts(&join, ".join-document .meta"),
        [
            "本站没有这份文件的原文链接。",
            "本站没有这份文件的原文链接。",
            "发布单位：重庆市黔江区教育委员会。本站没有这份文件的原文链接。"
        ]
    );

    // Every page links it; a project page explains it where a teacher reads.
    let project = page(&output, "projects/cq2026-gugan-banzhuren");
    assert_eq!(attrs(&project, ".join-hint a", "href"), ["/how-to-join/"]);
    assert!(attrs(&project, ".site-footer a", "href").contains(&"/how-to-join/".to_string()));
    // The row of who may bid to run it says so, not 申报单位.
    assert!(fact(&project, "申报承办").is_some());
    assert!(fact(&project, "申报单位").is_none());
    // Without a link to the original, the page says it has none.
    assert_eq!(
        texts(&project, ".source p").last().map(String::as_str),
        Some("原文：重庆市2026年“国培计划”项目申报指南。本站没有这份文件的官方原文链接。")
    );
    assert_eq!(
        texts(&page(&output, "projects/qj2022-caiwu"), ".source p").last().map(String::as_str),
        Some("原文：重庆市黔江区教育委员会《2022年教师教育工作计划》及附件《黔江区2022年教师教育项目规划一览表》。本站没有这份文件的官方原文链接，可到重庆市黔江区教育委员会网站查找。")
    );
    // A work item is no training to join: no hint.
    assert!(select(&page(&output, "projects/qj2022-zx-xuefen"), ".join-hint").is_empty());
}

#[test]
fn a_source_url_is_the_link_to_the_original() {
    let site = TestSite::fixture();
    site.edit(
        "content/chongqing-2026/_catalog.md",
        "year = 2026",
        "year = 2026\nsource_url = \"https://jw.cq.gov.cn/guopei-2026.html\"",
    );
    site.build_ok();
    let project = site.html("projects/cq-teacher/index.html");
    assert_eq!(
        attrs(&project, ".source a[href^='https']", "href"),
        ["https://jw.cq.gov.cn/guopei-2026.html"]
    );
    assert!(!texts(&project, ".source")
        .join("")
        .contains("没有这份文件的官方原文链接"));
}

#[test]
fn a_principal_compares_every_project_for_principals_whatever_its_category() {
    let (_dir, output) = build_site(repo());
    let overview = page(&output, "compare");
    let roles = texts(&overview, ".roles li");
    assert!(roles.contains(&"面向校长 12 项".to_string()), "{roles:?}");
    assert!(roles.contains(&"面向班主任 5 项".to_string()), "{roles:?}");

    let principals = page(&output, "compare/roles/校长");
    assert_eq!(texts(&principals, "h1"), ["面向校长的项目 12 项"]);
    let heads = texts(&principals, "#compare thead th");
    assert_eq!(heads[..3], ["项目", "地区", "项目类别"]);
    assert!(heads.contains(&"实施时间".to_string()), "{heads:?}");
    // Three categories hold projects for principals: one table has them all.
    let col = heads.iter().position(|h| h == "项目类别").unwrap();
    let mut categories: Vec<String> = select(&principals, "#compare tbody tr")
        .iter()
        .map(|row| {
            let cells: Vec<String> = row
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .map(|c| text(&c))
                .collect();
            cells[col].clone()
        })
        .collect();
    categories.sort();
    categories.dedup();
    for c in ["校园长培训", "县中振兴培训", "名师名校长领航研修"] {
        assert!(
            categories.contains(&c.to_string()),
            "{c} not in {categories:?}"
        );
    }
    let titles = texts(&principals, "#compare tbody th a");
    assert!(titles.contains(&"县中校长综合能力提升培训".to_string()));
    assert!(titles.contains(&"名师名书记（校长）领航研修".to_string()));
    // The same as data.
    let csv = std::fs::read_to_string(output.join("compare/roles/校长.csv")).unwrap();
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert!(
        header.contains(",周期（年）,实施时间,计划人数,") && header.ends_with(",申报承办单位"),
        "{header}"
    );
    assert_eq!(csv.lines().count(), 1 + 12);
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("compare/roles/校长.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(json["role"], "校长");
    assert_eq!(json["projects"].as_array().unwrap().len(), 12);
    // A project page leads there from each of its roles.
    let project = page(&output, "projects/cq2026-gugan-xiaozhang");
    assert!(attrs(&project, ".similar a", "href").contains(&"/compare/roles/校长/".to_string()));
}

#[test]
fn the_period_is_in_every_comparison_table_and_its_data() {
    let (_dir, output) = build_site(repo());
    let table = page(&output, "compare/principal");
    let heads = texts(&table, "#compare thead th");
    let at = heads
        .iter()
        .position(|h| h == "实施时间")
        .expect("a 实施时间 column");
    assert_eq!(heads[at - 1], "周期");
    let csv = std::fs::read_to_string(output.join("compare/class-teacher.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains(",实施时间,"));
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(output.join("compare/class-teacher.json")).unwrap(),
    )
    .unwrap();
    assert!(json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p.get("period").is_some()));
    // 黔江's projects give their months; the table says them.
    let months = page(&output, "compare/school-admin");
    let cells = texts(&months, "#compare tbody td");
    assert!(cells.iter().any(|c| c.ends_with('月')), "{cells:?}");
}

#[test]
fn text_says_each_thing_once_and_plainly() {
    let (_dir, output) = build_site(repo());
    // A note that only repeats the figure is not shown; one that says
    // something else (the original unit, 万) is.
    assert_eq!(
        fact(
            &page(&output, "projects/xj2024-dangzuzhi-shuji"),
            "经费标准"
        )
        .as_deref(),
        Some("集中培训：500元/人/天")
    );
    let funding = fact(&page(&output, "projects/xj2024-yiduiyi"), "经费标准").unwrap();
    assert!(
        funding.contains("80万元/县/年（原文“80万/县/年”）"),
        "{funding}"
    );
    // Quotes inside quotes are single, never doubled.
    let one_to_one = page(&output, "projects/cq2026-nongcun-yiduiyi");
    let links = texts(&one_to_one, ".similar a");
    assert!(
        links.contains(&"查看全部“‘一对一’帮扶培训”项目".to_string()),
        "{links:?}"
    );
    assert!(links.iter().all(|l| !l.contains("““")), "{links:?}");
    // Who may take part, whole: 培训对象 and the 遴选条件 stated apart.
    let eligibility = fact(&page(&output, "projects/xj2024-xianji-jinque"), "参训条件").unwrap();
    assert!(
        eligibility.starts_with("足球教师、特殊教育教师"),
        "{eligibility}"
    );
    assert!(
        eligibility.contains("遴选条件：具有3-5年教龄"),
        "{eligibility}"
    );
    let csv = std::fs::read_to_string(output.join("compare/five-education.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains(",参训条件,遴选条件,"));
    assert!(csv.contains("具有3-5年教龄"));
}

#[test]
fn work_items_are_not_offered_for_comparison() {
    let (_dir, output) = build_site(repo());
    let work = page(&output, "projects/qj2022-zx-xuefen");
    assert!(select(&work, "button.pick").is_empty());
    // No table of its own (the site's navigation leads to /compare/ only).
    assert!(!attrs(&work, "main a", "href")
        .iter()
        .any(|h| h.starts_with("/compare/")));
    assert!(!output.join("compare/special-work").exists());
    let overview = texts(&page(&output, "compare"), "#overview tbody th a");
    assert!(
        !overview.contains(&"教师教育专项工作".to_string()),
        "{overview:?}"
    );
    // A training still is.
    assert_eq!(
        select(&page(&output, "projects/qj2022-caiwu"), "button.pick").len(),
        1
    );
}

#[test]
fn every_project_is_listed_at_projects_and_a_search_link_without_javascript_says_so() {
    let (_dir, output) = build_site(repo());
    let list = page(&output, "projects");
    assert_eq!(texts(&list, "h1"), ["全部项目 69 项"]);
    assert_eq!(select(&list, ".project-list li a").len(), 69);
    assert_eq!(texts(&list, ".group-title a").len(), 3);
    assert_eq!(select(&list, ".group-title .badge.past").len(), 2);
    let home = std::fs::read_to_string(output.join("index.html")).unwrap();
    let noscript = home
        .split("<noscript>")
        .nth(1)
        .and_then(|r| r.split("</noscript>").next())
        .unwrap();
    assert!(
        noscript.contains("从带搜索条件的链接打开本页时，条件没有生效"),
        "{noscript}"
    );
}
