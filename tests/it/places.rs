//! Cities between a region and its districts: a 市 plan, a district plan
//! of that city and a provincial plan whose projects name counties, placed
//! and nested by China's divisions (GB/T 2260).

use crate::support::*;

fn catalog(title: &str, places: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{places}year = 2026\nkind = \"工作计划\"\n+++\n\n前言。\n")
}

fn project(title: &str, level: &str, extra: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nlevel = \"{level}\"\ncategory = \"class-teacher\"\naudience = [\"班主任\"]\n{extra}+++\n\n正文。\n"
    )
}

fn sichuan() -> TestSite {
    let site = TestSite::with_repo_config();
    let files = [
        (
            "content/chengdu-2026/_catalog.md",
            catalog(
                "成都市2026年教师培训工作计划",
                "region = \"四川省\"\ncity = \"成都市\"\n",
            ),
        ),
        (
            "content/chengdu-2026/cd-banzhuren.md",
            project("成都市班主任培训", "市级", ""),
        ),
        (
            "content/jinjiang-2026/_catalog.md",
            catalog(
                "锦江区2026年教师培训工作计划",
                "region = \"四川省\"\ncity = \"成都市\"\ndistrict = \"锦江区\"\n",
            ),
        ),
        (
            "content/jinjiang-2026/jj-banzhuren.md",
            project("锦江区班主任培训", "区县级", ""),
        ),
        (
            "content/sichuan-2026/_catalog.md",
            catalog("四川省2026年教师培训工作计划", "region = \"四川省\"\n"),
        ),
        (
            "content/sichuan-2026/sc-songjiao.md",
            project(
                "送教下乡班主任培训",
                "省级",
                "counties = [\"郫都区\", \"绵竹市\"]\n",
            ),
        ),
        (
            "content/sichuan-2026/sc-gugan.md",
            project("省级班主任培训", "省级", ""),
        ),
    ];
    for (path, text) in files {
        site.write(path, text.as_bytes());
    }
    site
}

#[test]
fn cities_sit_between_regions_and_districts_in_pages_and_filters() {
    let site = sichuan();
    let check = site.peixun(&["check"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (0, "检查通过：3 份发布文件，4 个项目，没有错误\n")
    );
    site.build_ok();

    // The cities' page lists each city under its region: 成都市 by the
    // plans that name it, 德阳市 by the county (绵竹市) a project names.
    let cities = site.html("cities/index.html");
    assert_eq!(texts(&cities, "main h2"), ["四川省"]);
    assert_eq!(texts(&cities, "main li a"), ["德阳市", "成都市"]);
    assert_eq!(texts(&cities, "main li .count"), ["1 项", "3 项"]);

    // Districts under region › city.
    let districts = site.html("districts/index.html");
    assert_eq!(
        texts(&districts, "main h2"),
        ["四川省 › 德阳市", "四川省 › 成都市"]
    );
    assert_eq!(
        texts(&districts, "main li a"),
        ["绵竹市", "郫都区", "锦江区"]
    );

    // The home page's filters nest the same way.
    let home = site.html("index.html");
    assert_eq!(
        texts(
            &home,
            "fieldset[data-facet=city] .option-group, fieldset[data-facet=city] .option-label"
        ),
        ["四川省", "德阳市", "成都市"]
    );
    assert_eq!(
        texts(&home, "fieldset[data-facet=district] .option-group, fieldset[data-facet=district] .option-label"),
        ["四川省 › 德阳市", "绵竹市", "四川省 › 成都市", "郫都区", "锦江区"]
    );

    // A city's page holds its own plan, its districts' and the projects
    // that name its counties.
    let chengdu = site.html("cities/成都市/index.html");
    let mut titles = texts(&chengdu, ".cards h3");
    titles.sort();
    assert_eq!(
        titles,
        ["成都市班主任培训", "送教下乡班主任培训", "锦江区班主任培训"]
    );

    // The open data and the project page say the city.
    let json = site.json("catalog.json");
    let city_of = |slug: &str| {
        json["projects"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .map(|p| {
                (
                    p["region"].clone(),
                    p["city"].clone(),
                    p["district"].clone(),
                )
            })
            .unwrap()
    };
    use serde_json::json;
    assert_eq!(
        city_of("jj-banzhuren"),
        (json!("四川省"), json!("成都市"), json!("锦江区"))
    );
    assert_eq!(
        city_of("sc-gugan"),
        (json!("四川省"), json!(null), json!(null))
    );
    let page = site.html("projects/jj-banzhuren/index.html");
    assert_eq!(
        fact(&page, "地区").as_deref(),
        Some("四川省、成都市、锦江区")
    );
}

#[test]
fn a_place_the_divisions_do_not_hold_is_listed_for_review_not_refused() {
    let site = sichuan();
    site.write(
        "content/gaoxin-2026/_catalog.md",
        catalog(
            "高新区2026年教师培训工作计划",
            "region = \"四川省\"\ncity = \"成都市\"\ndistrict = \"高新区\"\n",
        )
        .as_bytes(),
    );
    let check = site.peixun(&["check"]);
    assert_eq!(
        (check.code, check.stderr.as_str()),
        (
            0,
            "待办：`高新区` 不在行政区划表（GB/T 2260）中\n \
             --> content/gaoxin-2026/_catalog.md:5:12\n  |\n\
             5 | district = \"高新区\"\n  |            ^^^^^^^^\n  \
             = 提示：核对它的全称（如“成都市”“黔江区”）；新设的区县或功能区可以保留\n\n\
             检查通过：4 份发布文件，4 个项目，没有错误；还有 1 项待办（见上）\n"
        )
    );
    let strict = site.peixun(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn a_new_project_in_a_city_plan_is_of_the_city() {
    let site = sichuan();
    let run = site.peixun(&["new", "chengdu-2026", "cd-new"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = site.read("content/chengdu-2026/cd-new.md");
    assert!(text.contains("\nlevel = \"市级\""), "{text}");
    let run = site.peixun(&["new", "jinjiang-2026", "jj-new"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("content/jinjiang-2026/jj-new.md")
        .contains("\nlevel = \"区县级\""));
}
