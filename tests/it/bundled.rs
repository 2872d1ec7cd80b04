//! The bundled content: it builds, and its facts match the published documents.
use crate::support::*;
use std::path::Path;

fn bundled() -> (tempfile::TempDir, serde_json::Value) {
    let repo = repo();
    let out = tempfile::Builder::new()
        .prefix("peixun-bundled-")
        .tempdir()
        .unwrap();
    let output = out.path().join("output");
    let status = peixun_command()
        .args(["build", "--root"])
        .arg(repo)
        .arg("--output")
        .arg(&output)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let json = serde_json::from_str(&std::fs::read_to_string(output.join("catalog.json")).unwrap())
        .unwrap();
    (out, json)
}

#[test]
fn chongqing_2026_guide_is_complete_and_exact() {
    let (_dir, json) = bundled();
    let cq: Vec<&serde_json::Value> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["catalog"] == "chongqing-2026")
        .collect();
    assert_eq!(
        cq.len(),
        24,
        "the guide lists 24 projects in sections 一 to 四"
    );
    let by_title = |t: &str| {
        *cq.iter()
            .find(|p| p["title"] == t)
            .unwrap_or_else(|| panic!("no project {t}"))
    };
    let p = by_title("重庆市骨干教师培养对象培训项目");
    assert_eq!(
        (p["offline_days"].as_u64(), p["online_hours"].as_u64()),
        (Some(30), Some(60))
    );
    assert_eq!(p["eligibility"], "任教6年以上的区县级骨干教师。");
    let p = by_title("重庆市卓越教师培养对象培训项目");
    assert_eq!(
        p["offline_parts"],
        serde_json::json!([{"place": "市内", "days": 20}, {"place": "市外", "days": 10}])
    );
    let p = by_title("重庆市卓越研训员培养对象培训项目");
    assert!(p["applicants"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("省级以上教师发展机构和教科研机构")));
    let p = by_title("农村学校“一对一”帮扶培训项目");
    assert_eq!(
        p["counties"],
        serde_json::json!([
            "城口县",
            "巫溪县",
            "酉阳土家族苗族自治县",
            "彭水苗族土家族自治县"
        ])
    );
    assert_eq!(
        (
            p["offline_days"].as_u64(),
            p["offline_days_at_least"].as_bool(),
            p["cycle_years"].as_u64()
        ),
        (Some(20), Some(true), Some(1))
    );
    assert!(p["online_hours"].is_null());
    assert_eq!(by_title("农村教师跟岗研修项目")["offline_days"], 15);
    assert_eq!(
        by_title("县中振兴整校提升培训")["counties"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
    assert_eq!(by_title("县中校长综合能力提升培训")["offline_days"], 21);
    let p = by_title("教师数字素养提升自主选学培训项目");
    assert_eq!(
        (
            p["offline_days"].as_u64(),
            p["online_hours"].as_u64(),
            p["online_hours_at_least"].as_bool()
        ),
        (Some(5), Some(80), Some(true))
    );
    assert_eq!(
        by_title("人工智能赋能教师发展区域推进项目")["cycle_years"],
        2
    );
    let p = by_title("人工智能教育教师能力提升培训项目");
    assert_eq!(
        (p["offline_days"].as_u64(), p["online_hours"].as_u64()),
        (Some(15), Some(60))
    );
    assert_eq!(by_title("重庆市片区协同研修")["number"], "四");
    assert!(cq
        .iter()
        .all(|p| p["region"] == "重庆市" && p["year"] == 2026 && p["plan"] == "国培计划"));
}

#[test]
fn bundled_content_checks_with_nothing_but_its_summary() {
    let repo = repo();
    let out = peixun_command()
        .args(["check", "--root"])
        .arg(repo)
        .output()
        .unwrap();
    assert_eq!(
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).as_ref()
        ),
        (Some(0), "检查通过：4 份发布文件，79 个项目，没有错误\n")
    );
}

/// The projects of one bundled catalog, and a lookup by title that fails loudly.
fn catalog<'a>(json: &'a serde_json::Value, slug: &str) -> Vec<&'a serde_json::Value> {
    json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["catalog"] == slug)
        .collect()
}

fn titled<'a>(projects: &[&'a serde_json::Value], title: &str) -> &'a serde_json::Value {
    projects
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no project titled {title}"))
}

fn funding(p: &serde_json::Value) -> Vec<(f64, String, String)> {
    p["funding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["amount"].as_f64().unwrap(),
                f["unit"].as_str().unwrap().to_string(),
                f["item"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn f(amount: f64, unit: &str, item: &str) -> (f64, String, String) {
    (amount, unit.to_string(), item.to_string())
}

#[test]
fn xinjiang_2024_guide_is_complete_and_exact() {
    let (_dir, json) = bundled();
    let xj = catalog(&json, "xinjiang-2024");
    assert_eq!(xj.len(), 22, "16 国培计划 and 6 区培计划 projects");
    let guopei = xj.iter().filter(|p| p["plan"] == "国培计划").count();
    assert_eq!(guopei, 16);
    assert!(xj
        .iter()
        .filter(|p| p["plan"] == "区培计划")
        .all(|p| p["level"] == "省级"));
    assert!(xj
        .iter()
        .filter(|p| p["plan"] == "国培计划")
        .all(|p| p["level"] == "国家级"));

    let p = titled(&xj, "县级骨干教师学科育人能力提升研修");
    assert_eq!(
        (
            p["trainees"].as_u64(),
            p["cycle_years"].as_u64(),
            p["offline_days"].as_u64(),
            p["online_hours"].as_u64()
        ),
        (Some(3200), Some(3), Some(15), Some(50))
    );
    assert_eq!(
        funding(p),
        [
            f(400.0, "元/人/天", "集中培训"),
            f(6.0, "元/人/学时", "异步在线培训")
        ]
    );
    let stages: Vec<_> = p["sub_projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["stages"][0].as_str().unwrap())
        .collect();
    assert_eq!(stages, ["幼儿园", "小学", "初中"]);
    assert_eq!(
        p["sub_projects"][2]["eligibility"],
        "初中骨干教师，包括初中语文、数学、英语、道德与法治、历史、物理、化学，生物、地理、体育、音乐、美术"
    );

    let p = titled(&xj, "县级紧缺领域骨干教师学科育人能力提升研修项目");
    assert_eq!(
        (p["trainees"].as_u64(), p["offline_days"].as_u64()),
        (Some(1100), Some(10))
    );
    assert_eq!(
        titled(&xj, "地级骨干教师教学创新能力提升研修项目")["trainees"],
        1680
    );

    let p = titled(&xj, "“一对一”精准帮扶培训");
    assert_eq!(
        funding(p),
        [
            f(80.0, "万元/县/年", "高校-优质县-帮扶县“一对一”精准帮扶培训"),
            f(20.0, "万元/校/年", "高校-优质校-帮扶校“一对一”精准帮扶培训")
        ]
    );
    assert_eq!(p["cycle_years"], 3);
    assert!(p["trainees"].is_null(), "the guide gives no head count");

    let p = titled(&xj, "艰苦边远地区（南疆）幼儿园顶岗支教培训");
    assert_eq!(
        funding(p),
        [
            f(400.0, "元/天", "集中培训"),
            f(60.0, "元/人/学时", "一对一同步在线指导"),
            f(300.0, "元/人/天", "跟岗实践")
        ]
    );
    assert_eq!(
        (p["trainees"].as_u64(), p["online_hours"].as_u64()),
        (Some(80), Some(80))
    );
    assert_eq!(p["stages"], serde_json::json!(["幼儿园"]));

    let p = titled(&xj, "自主学习模式试点研修");
    assert_eq!(
        (
            p["trainees"].as_u64(),
            p["cycle_years"].as_u64(),
            p["online_hours"].as_u64()
        ),
        (Some(4706), Some(2), Some(120))
    );
    let p = titled(&xj, "地县教师培训者团队研修");
    assert_eq!(
        p["offline_parts"],
        serde_json::json!([{"place": "区内", "days": 5}, {"place": "区外", "days": 10}])
    );
    let p = titled(&xj, "地县教师培训管理团队研修");
    assert_eq!(funding(p), [f(500.0, "元/人/天", "集中研修")]);
    assert_eq!(
        p["applicants"],
        serde_json::json!(["区外高等院校、教师培训机构（协同实施）"])
    );
    let p = titled(&xj, "中小学（幼儿园）党组织书记研修");
    assert_eq!(
        (p["trainees"].as_u64(), p["offline_days"].as_u64()),
        (Some(800), Some(10))
    );
    assert_eq!(p["audience"], serde_json::json!(["党组织书记"]));
    let p = titled(&xj, "优秀校园长深度研修");
    assert_eq!(
        (
            p["trainees"].as_u64(),
            p["offline_days"].as_u64(),
            p["offline_days_at_least"].as_bool()
        ),
        (Some(350), Some(20), Some(true))
    );
    let p = titled(&xj, "普通高中骨干教师能力提升研修项目");
    assert_eq!(
        (p["trainees"].as_u64(), p["plan"].as_str()),
        (Some(450), Some("区培计划"))
    );
    assert_eq!(
        titled(&xj, "普通高中学生发展与生涯规划指导教师培训")["trainees"],
        340
    );
    let p = titled(&xj, "名师名书记（校长）领航研修");
    assert_eq!(funding(p), [f(500.0, "元/人/天", "集中培训")]);
    assert_eq!(p["cycle_years"], 3);
    let total: u64 = xj.iter().filter_map(|p| p["trainees"].as_u64()).sum();
    assert_eq!(
        total,
        3200 + 1100
            + 1680
            + 900
            + 80
            + 4706
            + 400
            + 1000
            + 350
            + 800
            + 300
            + 600
            + 450
            + 600
            + 340
            + 300
            + 200
            + 200
    );
}

#[test]
fn qianjiang_2022_plan_has_its_18_projects_and_5_work_items() {
    let (_dir, json) = bundled();
    let qj = catalog(&json, "qianjiang-2022");
    let trainings: Vec<_> = qj
        .iter()
        .copied()
        .filter(|p| p["work_item"] == false)
        .collect();
    let work: Vec<_> = qj
        .iter()
        .copied()
        .filter(|p| p["work_item"] == true)
        .collect();
    assert_eq!(trainings.len(), 18);
    let work_titles: Vec<_> = work.iter().map(|p| p["title"].as_str().unwrap()).collect();
    assert_eq!(
        work_titles,
        ["校本研修", "学分管理", "骨干建设", "教师资格", "教学大赛"]
    );
    assert!(qj.iter().all(|p| p["level"] == "区县级"
        && p["region"] == "重庆市"
        && p["district"] == "黔江区"
        && p["year"] == 2022));
    let numbers: Vec<_> = trainings
        .iter()
        .map(|p| p["number"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = (1..=18).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected, "document order");

    let p = titled(&qj, "师德师风专题教育活动");
    assert_eq!(p["trainees"], 6000);
    assert_eq!(p["sub_projects"].as_array().unwrap().len(), 3);
    assert_eq!(p["sub_projects"][1]["period"], "5-9月");
    let p = titled(&qj, "基于信息化教学的教师专业能力提升培训");
    assert_eq!(
        (p["period"].as_str(), p["trainees"].as_u64()),
        (Some("7—8月"), Some(1000))
    );
    assert_eq!(
        p["sub_projects"][1]["subject"],
        "语文、数学、英语、物理、化学"
    );
    let p = titled(&qj, "高中教师新教材新课程新高考培训");
    assert_eq!(
        (p["period"].as_str(), p["trainees"].as_u64()),
        (Some("7月"), Some(400))
    );
    let p = titled(&qj, "信息技术应用能力提升工程2.0");
    assert!(
        p["trainees"].is_null(),
        "4000 and 2200 may overlap: no total is stated"
    );
    let rows: Vec<_> = p["sub_projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["format"].as_str().unwrap(),
                s["trainees"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, [("网络研修", 4000), ("集中+校本+考核", 2200)]);
    let p = titled(&qj, "2022新教师岗前培训");
    assert_eq!(
        (p["audience"][0].as_str(), p["trainees"].as_u64()),
        (Some("新任教师"), Some(150))
    );
    let p = titled(&qj, "幼儿园保育员培训");
    assert_eq!(
        (p["audience"][0].as_str(), p["period"].as_str()),
        (Some("保育员"), Some("7月"))
    );
    let p = titled(&qj, "学校党组织书记培训");
    assert_eq!(p["section"], serde_json::json!(["干部培训", "专题培训"]));
    assert_eq!(
        (p["eligibility"].as_str(), p["trainees"].as_u64()),
        (Some("书记（校长、园长）"), Some(80))
    );
    assert_eq!(
        titled(&qj, "中小学校长访学高研班")["modes"],
        serde_json::json!(["集中培训", "名校访学"])
    );
    assert_eq!(titled(&qj, "学校财务人员培训")["period"], "12月");
    assert_eq!(titled(&qj, "入党积极分子培训")["trainees"], 120);
    let p = titled(&qj, "教师资格");
    assert_eq!(
        (p["trainees"].as_u64(), p["period"].as_str()),
        (Some(500), Some("3-11月"))
    );
    assert_eq!(p["category"], "special-work");
    assert!(titled(&qj, "教学大赛")["trainees"].is_null());
}

#[test]
fn national_guidance_defines_the_categories_that_projects_use() {
    let (dir, json) = bundled();
    let g = catalog(&json, "guopei-zhongxibu-guidance");
    let numbers: Vec<_> = g.iter().map(|p| p["number"].as_str().unwrap()).collect();
    assert_eq!(
        numbers,
        ["一.1", "一.2", "二.1", "二.2", "三", "四.1", "四.2", "五.1", "五.2", "五.3"]
    );
    assert!(g
        .iter()
        .all(|p| p["guidance"] == true && p["year"].is_null()));
    assert_eq!(
        titled(&g, "边远艰苦民族地区幼儿园顶岗支教培训")["category"],
        "kindergarten-relief"
    );
    assert_eq!(
        titled(&g, "培训团队信息技术应用指导能力提升培训")["category"],
        "it-trainer"
    );

    // Every category named by a guidance number links to that entry's text.
    let categories = json["categories"].as_array().unwrap();
    for c in categories {
        let key = c["key"].as_str().unwrap();
        let page = std::fs::read_to_string(
            dir.path()
                .join("output/categories")
                .join(key)
                .join("index.html"),
        )
        .unwrap_or_default();
        match c["guidance"].as_str() {
            Some(number) => {
                let entry = g.iter().find(|p| p["number"] == number).unwrap();
                assert_eq!(entry["category"], key);
                let doc = scraper::Html::parse_document(&page);
                let link = format!("/projects/{}/", entry["slug"].as_str().unwrap());
                assert!(
                    attrs(&doc, ".category-info a", "href").contains(&link),
                    "category {key} does not link {link}"
                );
            }
            None if !page.is_empty() => assert!(page.contains("国家指导方案未单列此类")),
            None => {}
        }
    }
    // Every listed project is in a category declared in site.toml, and guidance
    // entries stay out of the facets.
    let keys: Vec<_> = categories
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    for p in json["projects"].as_array().unwrap() {
        assert!(keys.contains(&p["category"].as_str().unwrap()));
    }
    let region_all = dir.path().join("output/regions/全国/index.html");
    assert!(
        !region_all.exists(),
        "guidance entries are not trainings to filter"
    );
}

#[test]
fn one_role_is_spelled_one_way_across_catalogs() {
    let (_dir, json) = bundled();
    let catalogs_with = |role: &str| {
        let mut c: Vec<_> = json["projects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["audience"].as_array().unwrap().iter().any(|a| a == role))
            .map(|p| p["catalog"].as_str().unwrap().to_string())
            .collect();
        c.dedup();
        c
    };
    for role in ["班主任", "党组织书记", "校长"] {
        assert_eq!(
            catalogs_with(role),
            ["chongqing-2026", "xinjiang-2024", "qianjiang-2022"],
            "{role}"
        );
    }
}

/// The internal links of every HTML page under `out` (a site built for
/// `base_url`) that lead to no file, as "page: link", and how many links
/// were looked at. Read with an HTML parser, independently of the build's
/// own check.
fn broken_links(out: &Path, base_url: &str) -> (Vec<String>, usize) {
    let mut broken = Vec::new();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.path().extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        for href in ["a", "link"]
            .into_iter()
            .flat_map(|tag| attrs(&doc, tag, "href"))
            .chain(attrs(&doc, "script", "src"))
            .chain(attrs(&doc, "form", "action"))
        {
            let Some(path) = href.strip_prefix(base_url).or(href.strip_prefix('/')) else {
                continue;
            };
            let path = path.split(['#', '?']).next().unwrap();
            let decoded = percent_encoding::percent_decode_str(path)
                .decode_utf8()
                .unwrap()
                .into_owned();
            let target = out.join(&decoded);
            let file = if decoded.is_empty() || decoded.ends_with('/') {
                target.join("index.html")
            } else {
                target
            };
            if !file.is_file() {
                broken.push(format!("{}: {href}", entry.path().display()));
            }
            checked += 1;
        }
    }
    (broken, checked)
}

#[test]
fn every_internal_link_in_the_bundled_site_resolves() {
    let (dir, _json) = bundled();
    let (broken, checked) = broken_links(&dir.path().join("output"), "http://127.0.0.1:1111/");
    assert_eq!(broken, Vec::<String>::new());
    assert!(checked > 1000, "only {checked} links checked");
}

/// A site.toml that lists fewer facets used to leave project pages linking
/// to 43 facet pages that were never built: the values of a facet the site
/// does not have are now shown as text.
#[test]
fn a_shorter_facet_list_publishes_no_dead_link() {
    let repo = repo();
    let site = TestSite::new(&[]);
    copy_dir(&repo.join("content"), &site.root().join("content"));
    let toml = std::fs::read_to_string(repo.join("site.toml")).unwrap();
    let short = toml.replace(
        "facets = [\"region\", \"city\", \"district\", \"year\", \"level\", \"plan\", \"category\", \"audience\", \"stages\", \"modes\", \"month\"]",
        "facets = [\"region\", \"year\", \"category\"]",
    );
    assert_ne!(short, toml, "site.toml lists its facets differently now");
    site.write("site.toml", short.as_bytes());
    site.build_ok();
    let (broken, checked) = broken_links(&site.root().join("output"), "http://127.0.0.1:1111/");
    assert_eq!(broken, Vec::<String>::new());
    assert!(checked > 1000, "only {checked} links checked");
    assert!(!site.root().join("output/stages").exists());
    // The values of the facets left out are text; those kept are links.
    let doc = site.html("projects/cq2026-gugan-banzhuren/index.html");
    let links = |label: &str| {
        select(&doc, ".facts > div")
            .into_iter()
            .find(|f| text(f).starts_with(label))
            .map(|f| {
                f.select(&scraper::Selector::parse("dd a").unwrap())
                    .map(|a| text(&a))
                    .collect::<Vec<_>>()
            })
    };
    assert_eq!(fact(&doc, "培训对象").as_deref(), Some("班主任"));
    assert_eq!(links("培训对象"), Some(vec![]));
    assert_eq!(fact(&doc, "地区").as_deref(), Some("重庆市"));
    assert_eq!(links("地区"), Some(vec!["重庆市".to_string()]));
}

/// Rows of a comparison table: title → cells by column label.
fn compare_rows(
    dir: &tempfile::TempDir,
    page: &str,
) -> Vec<std::collections::BTreeMap<String, String>> {
    let html = std::fs::read_to_string(dir.path().join("output").join(page)).unwrap();
    let doc = scraper::Html::parse_document(&html);
    let heads = texts(&doc, "#compare thead th");
    select(&doc, "#compare tbody tr")
        .iter()
        .map(|tr| {
            let cells: Vec<String> = tr
                .select(&scraper::Selector::parse("th, td").unwrap())
                .map(|c| text(&c))
                .collect();
            heads.iter().cloned().zip(cells).collect()
        })
        .collect()
}

#[test]
fn principals_of_chongqing_and_xinjiang_compare_side_by_side() {
    let (dir, _json) = bundled();
    let rows = compare_rows(&dir, "compare/principal/index.html");
    let row = |title: &str| {
        rows.iter()
            .find(|r| r["项目"] == title)
            .unwrap_or_else(|| panic!("{title} not in the table"))
            .clone()
    };
    let cq = row("重庆市卓越校长培养对象培训项目");
    assert_eq!(
        (
            cq["地区"].as_str(),
            cq["线下集中"].as_str(),
            cq["网络研修"].as_str()
        ),
        ("重庆市", "30天（市内20天+市外10天）", "60学时")
    );
    let xj = row("骨干校园长领导力提升研修");
    assert_eq!(
        (
            xj["地区"].as_str(),
            xj["线下集中"].as_str(),
            xj["网络研修"].as_str(),
            xj["计划人数"].as_str()
        ),
        ("新疆维吾尔自治区", "15天", "未注明", "1000人")
    );
    assert!(xj["经费标准"].contains("500元/人/天"));
    assert_eq!(row("中小学校长访学高研班")["地区"], "重庆市黔江区");
    assert_eq!(rows.len(), 7);

    // The overview: categories down, places across, counts and ranges.
    let html = std::fs::read_to_string(dir.path().join("output/compare/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert_eq!(
        texts(&doc, "#overview thead th"),
        ["类别", "重庆市", "新疆维吾尔自治区", "重庆市黔江区"]
    );
    let principal = select(&doc, "#overview tbody tr")
        .into_iter()
        .find(|tr| text(tr).starts_with("校园长培训"))
        .unwrap();
    let cells: Vec<String> = principal
        .select(&scraper::Selector::parse("td").unwrap())
        .map(|c| text(&c))
        .collect();
    assert_eq!(cells[0], "2 项 线下 30天 网络 60学时");
    assert_eq!(cells[1], "4 项 线下 7–20天 500元/人/天");
    assert_eq!(cells[2], "1 项");

    // CSV: BOM, header, one row per project; missing figures are empty cells, not 0.
    let bytes = std::fs::read(dir.path().join("output/compare/principal.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "no UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 8);
    assert!(lines[0].starts_with("slug,项目,链接,省级地区,市州,区县,年度,计划,级别,培训对象,学段,参训条件,遴选条件,培训方式,线下集中天数,线下不少于,网络研修学时,网络不少于,周期（年）,实施时间,计划人数,经费标准,申报承办单位"));
    let xj_line = lines
        .iter()
        .find(|l| l.starts_with("xj2024-gugan-xiaoyuanzhang,"))
        .unwrap();
    assert!(xj_line.contains(",15,否,,,1,,1000,"), "{xj_line}");

    // JSON beside it.
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("output/compare/principal.json")).unwrap(),
    )
    .unwrap();
    let projects = json["projects"].as_array().unwrap();
    assert_eq!(projects.len(), 7);
    let xj = projects
        .iter()
        .find(|p| p["slug"] == "xj2024-gugan-xiaoyuanzhang")
        .unwrap();
    assert!(xj["online_hours"].is_null());
    assert_eq!(xj["offline_days"], 15);
}

#[test]
fn project_pages_show_similar_projects_elsewhere_and_link_the_comparison() {
    let (dir, _json) = bundled();
    let html = std::fs::read_to_string(
        dir.path()
            .join("output/projects/xj2024-gugan-xiaoyuanzhang/index.html"),
    )
    .unwrap();
    let doc = scraper::Html::parse_document(&html);
    let similar = texts(&doc, ".similar li");
    assert!(
        similar.iter().any(|s| s.starts_with("重庆市卓越校长培养对象培训项目 重庆市 · 2026年 · 线下 30天（市内20天+市外10天） · 网络 60学时")),
        "{similar:?}"
    );
    assert!(
        similar.iter().all(|s| !s.contains("新疆维吾尔自治区 ·")),
        "only other places"
    );
    assert!(attrs(&doc, ".similar a", "href").contains(&"/compare/principal/".to_string()));
}

/// The facets a teacher asks for besides the old ones: a district (the
/// district plan's own, or one a project names), the plan as published, and
/// the months a project runs in, each with its static page.
#[test]
fn district_plan_and_month_pages_list_their_projects() {
    let (dir, json) = bundled();
    let out = dir.path().join("output");
    let listed: Vec<&serde_json::Value> = json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["guidance"] == false)
        .collect();
    let count = |page: &str, pred: &dyn Fn(&serde_json::Value) -> bool| {
        let doc = scraper::Html::parse_document(
            &std::fs::read_to_string(out.join(page).join("index.html")).unwrap(),
        );
        let want = listed.iter().filter(|p| pred(p)).count();
        assert!(want > 0, "{page}: a useless case");
        let label = texts(&doc, "h1")[0].split(' ').next().unwrap().to_string();
        assert_eq!(texts(&doc, "h1"), [format!("{label} {want} 项")], "{page}");
    };
    count("districts/黔江区", &|p| {
        p["district"] == "黔江区"
            || p["counties"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c == "黔江区")
    });
    count("plans/区培计划", &|p| p["plan"] == "区培计划");
    count("months/7", &|p| {
        p["months"].as_array().unwrap().iter().any(|m| m == 7)
    });
    // 7—8月 covers July and August.
    let wenhua = listed
        .iter()
        .find(|p| p["period"] == "7—8月")
        .expect("a project running 7—8月");
    assert_eq!(wenhua["months"], serde_json::json!([7, 8]));
    let months = scraper::Html::parse_document(
        &std::fs::read_to_string(out.join("months/index.html")).unwrap(),
    );
    let values = texts(&months, ".facet-page li a");
    // Projects with no period are counted last, as unstated, without a
    // page of their own.
    assert_eq!(
        texts(&months, ".facet-page li").last().map(String::as_str),
        Some("未注明 46 项")
    );
    assert!(!values.iter().any(|v| v == "未注明"));
    // Each month says its plan's year.
    assert_eq!(values.first().map(String::as_str), Some("2月（2022年）"));
    assert!(
        values.windows(2).all(|w| {
            let n = |s: &str| s.split('月').next().unwrap().parse::<u32>().unwrap();
            n(&w[0]) < n(&w[1])
        }),
        "{values:?}"
    );
}
