//! Pages and data files of a fixture site, parsed.
use crate::support::*;

#[test]
fn project_page_shows_key_facts_text_source_and_similar_projects() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("projects/cq-teacher/index.html");
    assert_eq!(
        texts(&doc, "h1"),
        ["一.(一).1 重庆市骨干教师培养对象培训项目"]
    );
    assert_eq!(attrs(&doc, "html", "lang"), ["zh-CN"]);
    let facts: Vec<(String, String)> = select(&doc, ".facts > div")
        .iter()
        .map(|f| {
            let dt = f
                .select(&scraper::Selector::parse("dt").unwrap())
                .next()
                .map(|e| text(&e))
                .unwrap_or_default();
            let dd = f
                .select(&scraper::Selector::parse("dd").unwrap())
                .next()
                .map(|e| text(&e))
                .unwrap_or_default();
            (dt, dd)
        })
        .collect();
    let fact = |label: &str| {
        facts
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no fact {label}: {facts:?}"))
    };
    assert_eq!(fact("地区"), "重庆市");
    assert_eq!(fact("项目类别"), "骨干教师培训");
    assert_eq!(fact("学段"), "小学、初中");
    assert_eq!(fact("线下集中"), "30天（市内20天+市外10天）");
    assert_eq!(fact("网络研修"), "60学时");
    assert_eq!(fact("经费标准"), "集中培训：400元/人/天");
    assert_eq!(fact("计划人数"), "未注明");
    // The document's own text, with its Chinese heading id.
    assert_eq!(attrs(&doc, ".prose h2", "id"), ["培训目标定位"]);
    // Source and similar projects elsewhere (Xinjiang, same category).
    assert!(texts(&doc, ".source a").contains(&"重庆市2026年“国培计划”项目申报指南".to_string()));
    assert_eq!(
        attrs(&doc, ".similar li a", "href"),
        ["/projects/xj-teacher/"]
    );
}

#[test]
fn raw_html_in_content_is_shown_as_text_not_run() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("projects/cq-teacher/index.html");
    assert!(
        select(&doc, "main script").is_empty(),
        "a script element reached the page"
    );
    assert!(texts(&doc, ".prose")
        .join(" ")
        .contains("<script>alert(1)</script>"));
}

#[test]
fn catalog_page_rebuilds_the_document_order_and_sections() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("catalogs/chongqing-2026/index.html");
    assert_eq!(texts(&doc, "h1"), ["重庆市2026年“国培计划”项目申报指南"]);
    assert_eq!(
        texts(&doc, ".toc li"),
        ["一、“巴渝优师”培养对象培训", "（一）“骨干计划”培养对象培训"]
    );
    assert_eq!(
        texts(&doc, ".card h3 a"),
        [
            "重庆市骨干教师培养对象培训项目",
            "重庆市骨干班主任培养对象培训项目"
        ]
    );
    assert!(texts(&doc, ".prose p").contains(&"根据有关要求，特制定本指南。".to_string()));
}

#[test]
fn home_lists_newest_catalog_first_and_links_facet_pages_with_counts() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("index.html");
    assert_eq!(
        texts(&doc, ".group-title"),
        // A plan of an earlier year than the build's is marked past.
        [
            "重庆市2026年“国培计划”项目申报指南",
            "2024年新疆申报指南 往年"
        ]
    );
    assert_eq!(select(&doc, ".cards .card").len(), 3);
    let audience: Vec<String> = select(&doc, ".facet")
        .iter()
        .filter(|f| text(f).starts_with("培训对象"))
        .flat_map(|f| {
            f.select(&scraper::Selector::parse("li").unwrap())
                .map(|li| text(&li))
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(audience, ["教师 2", "班主任 1"]);
    assert!(attrs(&doc, ".facet a", "href").contains(&"/stages/小学/".to_string()));
}

#[test]
fn home_without_javascript_lists_projects_and_the_search_form_is_labelled() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("index.html");
    // Without scripts: every project is in #results and the facet links are there;
    // the search form (useless without JS) is hidden until search.js shows it.
    assert_eq!(select(&doc, "#results .card").len(), 3);
    assert!(select(&doc, "#finder[hidden]").len() == 1);
    assert!(select(&doc, "#filter-panel[hidden]").len() == 1);
    assert!(!select(&doc, "#browse .facet a").is_empty());
    // Accessible: a label for the box, a live status region, labelled fieldsets.
    assert_eq!(texts(&doc, "label[for=q]"), ["搜索项目"]);
    assert_eq!(attrs(&doc, "#status", "aria-live"), ["polite"]);
    let legends = texts(&doc, "#filters fieldset legend");
    assert!(
        legends.contains(&"学段".to_string()) && legends.contains(&"线下集中天数".to_string()),
        "{legends:?}"
    );
    assert_eq!(
        attrs(&doc, "script[src]", "src"),
        ["/search.js", "/compare.js"]
    );
    assert_eq!(attrs(&doc, "script[type=module]", "src"), ["/search.js"]);
    // Every module search.js imports is preloaded, so a slow connection
    // fetches them at once rather than one import after another; each
    // preloaded file is one the build writes.
    let preloaded = attrs(&doc, "link[rel=modulepreload]", "href");
    let search_js = std::fs::read_to_string(site.root().join("output/search.js")).unwrap();
    for module in search_js.lines().filter_map(|l| l.split("from './").nth(1)) {
        let name = format!("/{}", module.trim_end_matches("';"));
        assert!(
            preloaded.contains(&name),
            "{name} not preloaded: {preloaded:?}"
        );
    }
    for href in &preloaded {
        assert!(
            site.root().join("output").join(&href[1..]).is_file(),
            "{href}"
        );
    }
    // The data the script loads first is small: how many projects, the
    // facets' values; each facet's projects are a file of sets, one per
    // value, fetched when a filter or its counts need them.
    let docs = site.json("search_docs.json");
    assert_eq!(docs["count"], 3);
    assert_eq!(docs["boosts"]["title"], 4.0);
    let facet = |key: &str| -> Vec<(String, Vec<u32>)> {
        let bytes =
            std::fs::read(site.root().join(format!("output/search_facets/{key}.bin"))).unwrap();
        let sets = peixun::search::compact::sets::decode(&bytes).expect("a file of sets");
        let values = docs["values"][key].as_array().unwrap();
        assert_eq!(values.len(), sets.len(), "{key}");
        values
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .zip(sets)
            .collect()
    };
    let stages_of_first: Vec<String> = facet("stages")
        .into_iter()
        .filter(|(_, set)| set.contains(&0))
        .map(|(v, _)| v)
        .collect();
    assert_eq!(stages_of_first, ["小学", "初中"]);
    assert_eq!(
        facet("region"),
        [
            ("重庆市".to_string(), vec![0, 1]),
            ("新疆维吾尔自治区".to_string(), vec![2])
        ]
    );
    // What a shown result needs comes from the details file.
    let details = site.json("search_docs/0.json");
    assert_eq!(details.as_array().unwrap().len(), 3);
    assert_eq!(details[0]["url"], "/projects/cq-teacher/");
    assert!(details[0]["title"].as_str().unwrap().starts_with("重庆市"));
}

#[test]
fn facet_pages_list_matching_projects() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("audience/教师/index.html");
    assert_eq!(texts(&doc, "h1"), ["教师 2 项"]);
    let mut titles = texts(&doc, ".card h3 a");
    titles.sort();
    assert_eq!(
        titles,
        ["新疆骨干教师培训", "重庆市骨干教师培养对象培训项目"]
    );
    let cat = site.html("categories/backbone-teacher/index.html");
    assert!(text(&select(&cat, ".category-info")[0]).contains("指导方案 一.1"));
    let regions = site.html("regions/index.html");
    assert_eq!(
        texts(&regions, ".facet-page li"),
        ["重庆市 2 项", "新疆维吾尔自治区 1 项"]
    );
    let years = site.html("years/index.html");
    assert_eq!(
        texts(&years, ".facet-page li"),
        ["2026年 2 项", "2024年 1 项"]
    );
}

#[test]
fn catalog_json_has_every_project_with_fields_url_region_year_and_nulls() {
    let site = TestSite::fixture();
    site.build_ok();
    let json = site.json("catalog.json");
    let projects = json["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 3);
    let p = projects
        .iter()
        .find(|p| p["slug"] == "cq-teacher")
        .expect("cq-teacher");
    assert_eq!(p["url"], "https://example.org/projects/cq-teacher/");
    assert_eq!(p["catalog"], "chongqing-2026");
    assert_eq!(p["region"], "重庆市");
    assert_eq!(p["year"], 2026);
    assert_eq!(p["offline_days"], 30);
    assert_eq!(p["online_hours"], 60);
    assert_eq!(p["funding"][0]["amount"], 400.0);
    assert_eq!(p["funding"][0]["unit"], "元/人/天");
    assert_eq!(p["funding"][0]["item"], "集中培训");
    assert_eq!(p["offline_parts"][1]["place"], "市外");
    // Not stated in the document: null, never 0.
    assert!(p["trainees"].is_null());
    assert!(p["cycle_years"].is_null());
    let xj = projects
        .iter()
        .find(|p| p["slug"] == "xj-teacher")
        .expect("xj");
    assert_eq!(
        (
            xj["trainees"].as_u64(),
            xj["cycle_years"].as_u64(),
            xj["year"].as_u64()
        ),
        (Some(300), Some(3), Some(2024))
    );
    assert!(xj["online_hours"].is_null());
    let catalogs = json["catalogs"].as_array().expect("catalogs");
    assert_eq!(
        catalogs[0]["url"],
        "https://example.org/catalogs/chongqing-2026/"
    );
    assert_eq!(
        catalogs[0]["projects"],
        serde_json::json!(["cq-teacher", "cq-banzhuren"])
    );
}

#[test]
fn base_url_with_sub_path_is_honoured_by_every_link() {
    let site = TestSite::fixture();
    let run = site.peixun(&["build", "--base-url", "https://example.org/peixun/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in [
        "index.html",
        "projects/cq-teacher/index.html",
        "catalogs/chongqing-2026/index.html",
        "stages/小学/index.html",
        "404.html",
    ] {
        let doc = site.html(page);
        for href in attrs(&doc, "a", "href")
            .into_iter()
            .chain(attrs(&doc, "link", "href"))
        {
            // In-page anchors, absolute URLs of the site, and the inline
            // (empty) favicon that saves every page a request.
            if href.starts_with('#')
                || href == "data:,"
                || href.starts_with("http") && href.starts_with("https://example.org/peixun/")
            {
                continue;
            }
            assert!(
                href.starts_with("/peixun/"),
                "{page}: link {href} ignores the base path"
            );
        }
    }
    let doc = site.html("projects/cq-teacher/index.html");
    assert!(attrs(&doc, ".prose a", "href").contains(&"/peixun/projects/cq-banzhuren/".to_string()));
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/peixun/projects/cq-teacher/</loc>"),
        "{sitemap}"
    );
    assert!(site
        .output("atom.xml")
        .contains("https://example.org/peixun/projects/xj-teacher/"));
    assert_eq!(
        site.json("catalog.json")["projects"][0]["url"],
        "https://example.org/peixun/projects/cq-teacher/"
    );
}

#[test]
fn sitemap_feed_404_and_search_index_are_written() {
    let site = TestSite::fixture();
    site.build_ok();
    let sitemap = site.output("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://example.org/regions/%E9%87%8D%E5%BA%86%E5%B8%82/</loc>"),
        "{sitemap}"
    );
    let atom = site.output("atom.xml");
    assert!(atom.contains("<title>重庆市骨干教师培养对象培训项目</title>"));
    assert_eq!(texts(&site.html("404.html"), "h1"), ["页面不存在"]);
    let index = site.json("search_index.json");
    assert_eq!(
        index["fields"],
        serde_json::json!(["title", "eligibility", "body", "place", "tags"])
    );
    assert_eq!(index["docs"], 3);
    // "班主任" is indexed as characters and pairs; documents are positions
    // in the details files.
    let banzhuren = site
        .json("search_docs/0.json")
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["title"] == "重庆市骨干班主任培养对象培训项目")
        .unwrap() as u32;
    let count = index["shards"]["count"].as_u64().unwrap() as usize;
    let singles = index["shards"]["singles"].as_u64().unwrap() as usize;
    // The shard's file, or the files it is split into.
    let k = peixun::search::index_shard_of("班主", singles, count);
    let postings: Vec<_> = std::fs::read_dir(site.root().join("output/search_index"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_stem().unwrap().to_str().unwrap();
            name == k.to_string() || name.starts_with(&format!("{k}-"))
        })
        .flat_map(|p| {
            peixun::search::compact::read_shard(&std::fs::read(p).unwrap()).expect("a shard")
        })
        .collect();
    let title = postings
        .iter()
        .find(|p| p.field == 0 && p.token == "班主")
        .expect("bigram 班主 indexed in titles");
    assert_eq!(title.docs, [banzhuren]);
    // elasticlunr's own format, as elasticlunr-rs writes it, for the
    // tools that read it.
    let elasticlunr = site.json("elasticlunr/search_index.json");
    assert_eq!(elasticlunr["documentStore"]["length"], 3);
    assert_eq!(elasticlunr["shards"]["path"], "elasticlunr/search_index/");
}

#[test]
fn rebuild_replaces_output_and_removes_deleted_pages() {
    let site = TestSite::fixture();
    site.build_ok();
    std::fs::remove_file(site.root().join("content/xinjiang-2024/xj-teacher.md")).unwrap();
    std::fs::remove_file(site.root().join("content/xinjiang-2024/_catalog.md")).unwrap();
    site.build_ok();
    assert!(
        !site.root().join("output/projects/xj-teacher").exists(),
        "stale page survived a rebuild"
    );
}

#[test]
fn rebuild_leaves_unchanged_files_alone_and_never_writes_through_links() {
    let site = TestSite::fixture();
    site.build_ok();
    let output = site.root().join("output");
    let page = output.join("catalogs/index.html");
    let mtime = |p: &std::path::Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let before = mtime(&page);
    // An edited project changes its own page; the list of documents does not change.
    let edited = site.root().join("content/xinjiang-2024/xj-teacher.md");
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(
        &edited,
        text.replacen("title = \"", "title = \"（修订）", 1),
    )
    .unwrap();
    // A stray file and a link to a file outside the output, where a page goes.
    std::fs::write(output.join("stray.txt"), "x").unwrap();
    let outside = site.root().join("outside.html");
    std::fs::write(&outside, "keep me").unwrap();
    std::fs::remove_file(output.join("404.html")).unwrap();
    std::os::unix::fs::symlink(&outside, output.join("404.html")).unwrap();
    // A FIFO where a page goes: opening it to read or write would block.
    let fifo = output.join("atom.xml");
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let run = site.build();
    // The summary says what was written: the edited project's page, the
    // pages and data that show it (two files of the pinyin vocabulary, for
    // the title's new words: their full pinyin's and their initials'), the
    // two files replaced (a link and a FIFO),
    // and the three entries removed (the stray file, the link, the FIFO).
    let summary = run.stderr.split("，用时 ").collect::<Vec<_>>();
    let ms_and_rest = summary.get(1).and_then(|r| r.split_once(" 毫秒："));
    assert_eq!(
        (run.code, summary[0], ms_and_rest.map(|(_, rest)| rest)),
        (
            0,
            format!("已生成 3 个项目（2 份发布文件），写入 {}", output.display()).as_str(),
            Some("共 219 个文件，写入 30 个，未变 189 个，删除 3 个\n")
        ),
        "{}",
        run.stderr
    );
    assert!(
        std::fs::symlink_metadata(&fifo).unwrap().is_file(),
        "atom.xml is still a FIFO"
    );
    assert_eq!(mtime(&page), before, "an unchanged page was rewritten");
    let project = std::fs::read_to_string(output.join("projects/xj-teacher/index.html")).unwrap();
    assert!(
        project.contains("（修订）"),
        "the edited page was not rewritten"
    );
    assert!(!output.join("stray.txt").exists(), "a stray file survived");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    let not_found = std::fs::symlink_metadata(output.join("404.html")).unwrap();
    assert!(not_found.is_file(), "404.html is still a link");
}

/// The files written and left unchanged, as a build's summary line says.
fn written_and_unchanged(run: &Run) -> (i32, Option<&str>) {
    let counts = run
        .stderr
        .split_once(" 个文件，")
        .map(|(_, rest)| rest.trim_end());
    (run.code, counts)
}

#[test]
fn a_build_trusts_the_output_s_record_only_for_files_as_it_left_them() {
    let site = TestSite::fixture();
    site.build_ok();
    // Files dated within seconds of a build are not recorded (a change in
    // the same tick of the file system's clock would keep the date).
    std::thread::sleep(std::time::Duration::from_millis(3100));
    site.build_ok();
    let record = site.root().join(".peixun-cache/output-record");
    assert!(record.is_file(), "no record of the output was kept");
    let output = site.root().join("output");
    assert!(
        walkdir::WalkDir::new(&output).into_iter().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("record")),
        "the record was published with the output"
    );
    // Changed behind the build's back, same size: written again.
    let page = output.join("catalogs/index.html");
    let html = std::fs::read(&page).unwrap();
    let mut altered = html.clone();
    let at = altered.len() / 2;
    altered[at] = if altered[at] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, &altered).unwrap();
    // Touched without a change: compared by reading, not written.
    let touched = output.join("projects/xj-teacher/index.html");
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(60);
    std::fs::File::options()
        .write(true)
        .open(&touched)
        .unwrap()
        .set_modified(later)
        .unwrap();
    let run = site.build();
    assert_eq!(
        written_and_unchanged(&run),
        (0, Some("写入 1 个，未变 218 个，删除 0 个")),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(&page).unwrap(), html);
    assert_eq!(
        std::fs::metadata(&touched).unwrap().modified().unwrap(),
        later,
        "an unchanged page was rewritten"
    );
    // A damaged record is no record: every file is read back.
    std::fs::write(&record, b"peixun output record 1\n\xff").unwrap();
    let run = site.build();
    assert_eq!(
        written_and_unchanged(&run),
        (0, Some("写入 0 个，未变 219 个，删除 0 个")),
        "{}",
        run.stderr
    );
}

#[test]
fn a_build_parses_again_only_the_content_files_changed_since_the_last() {
    let site = TestSite::fixture();
    settle_content(&site);
    site.build_ok();
    let store = site.root().join(".peixun-cache/content");
    let mut folders: Vec<String> = std::fs::read_dir(&store)
        .expect("no content was stored")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    folders.sort();
    assert_eq!(folders, ["chongqing-2026", "xinjiang-2024"]);

    // Edited: parsed again, whatever was stored.
    site.edit(
        "content/chongqing-2026/cq-teacher.md",
        "title = \"重庆市骨干教师",
        "title = \"重庆市优秀骨干教师",
    );
    // Changed behind the build's back, size, date and inode kept: what
    // was stored is what is built, which shows the file was not read.
    alter_keeping_stamp(
        &site,
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"新疆",
        "title = \"边疆",
    );
    site.build_ok();
    let title = |slug: &str| {
        texts(
            &site.html(&format!("projects/{slug}/index.html")),
            "main h1",
        )
    };
    assert_eq!(
        title("cq-teacher"),
        ["一.(一).1 重庆市优秀骨干教师培养对象培训项目"]
    );
    assert_eq!(title("xj-teacher"), ["一.1 新疆骨干教师培训"]);

    // Another site.toml decides parses otherwise: nothing stored is trusted.
    site.edit(
        "site.toml",
        "title = \"测试目录\"",
        "title = \"测试目录二\"",
    );
    site.build_ok();
    assert_eq!(title("xj-teacher"), ["一.1 边疆骨干教师培训"]);

    // A mistake in a stored file is found as in any other.
    settle_content(&site);
    site.build_ok();
    site.edit(
        "content/xinjiang-2024/xj-teacher.md",
        "offline_days = 15",
        "offline_days = \"15\"",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "错误：`offline_days` 应为整数，例如 offline_days = 30\n  \
         --> content/xinjiang-2024/xj-teacher.md:11:16\n   |\n\
         11 | offline_days = \"15\"\n   |                ^^^^\n   \
         = 提示：现在写的是带引号的文字 \"15\"：数字不加引号\n\n\
         错误：发现 1 个问题，没有写入任何文件\n"
    );
    assert_eq!(
        title("xj-teacher"),
        ["一.1 边疆骨干教师培训"],
        "the output changed"
    );

    // A damaged store is no store.
    site.edit(
        "content/xinjiang-2024/xj-teacher.md",
        "offline_days = \"15\"",
        "offline_days = 15",
    );
    settle_content(&site);
    site.build_ok();
    for folder in &folders {
        std::fs::write(store.join(folder), b"\x93\xa1x").unwrap();
    }
    alter_keeping_stamp(
        &site,
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"边疆",
        "title = \"新疆",
    );
    site.build_ok();
    assert_eq!(title("xj-teacher"), ["一.1 新疆骨干教师培训"]);
}

/// Deep-merges elasticlunr tries: docs are unioned, df is the larger (a
/// prefix node repeated in several shards carries df 0 in all but one).
fn merge_trie(into: &mut serde_json::Value, from: &serde_json::Value) {
    let (Some(into), Some(from)) = (into.as_object_mut(), from.as_object()) else {
        return;
    };
    for (k, v) in from {
        match (k.as_str(), into.get_mut(k)) {
            ("docs", Some(existing)) => {
                let map = existing.as_object_mut().unwrap();
                for (r, tf) in v.as_object().unwrap() {
                    map.insert(r.clone(), tf.clone());
                }
            }
            ("df", Some(existing)) => {
                if v.as_u64() > existing.as_u64() {
                    *existing = v.clone();
                }
            }
            (_, Some(existing)) => merge_trie(existing, v),
            (_, None) => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The searchable documents of the site at `root`, as a build makes them.
fn search_docs_at(root: &std::path::Path) -> Vec<peixun::search::SearchDoc<'static>> {
    let opts = peixun::pipeline::BuildOptions {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let loaded = peixun::pipeline::load_site(&opts).unwrap().site;
    peixun::output::search_documents(&loaded)
        .into_iter()
        .map(|d| peixun::search::SearchDoc {
            id: d.id,
            fields: d.fields.map(|f| f.into_owned().into()),
        })
        .collect()
}

#[test]
fn index_shards_merge_into_the_index_elasticlunr_builds_in_one_go() {
    let site = TestSite::fixture();
    let repo_like = repo();
    for root in [site.root(), repo_like] {
        let docs = search_docs_at(root);
        // Small shards, so that even the fixture is split many ways.
        let sharded = peixun::search::build_index_with(&docs, 50);
        let single: serde_json::Value =
            serde_json::from_str(&peixun::search::build_single_index(&docs)).unwrap();
        let mut merged: serde_json::Value = serde_json::from_str(&sharded.manifest).unwrap();
        assert_eq!(
            merged["shards"]["count"].as_u64().unwrap() as usize,
            sharded.shards.len()
        );
        for shard in &sharded.shards {
            let shard: serde_json::Value = serde_json::from_str(shard).unwrap();
            assert_eq!(shard["fields"], single["fields"]);
            merge_trie(&mut merged["index"], &shard["index"]);
        }
        assert_eq!(
            merged["index"],
            single["index"],
            "tries differ for {}",
            root.display()
        );
        // The lengths columns are elasticlunr's docInfo, by ref.
        let fields = merged["fields"].as_array().unwrap().clone();
        let doc_info: serde_json::Map<String, serde_json::Value> =
            (0..merged["documentStore"]["length"].as_u64().unwrap() as usize)
                .map(|r| {
                    let info: serde_json::Map<String, serde_json::Value> = fields
                        .iter()
                        .map(|f| {
                            let f = f.as_str().unwrap();
                            (f.to_string(), merged["lengths"][f][r].clone())
                        })
                        .collect();
                    (r.to_string(), serde_json::Value::Object(info))
                })
                .collect();
        assert_eq!(
            serde_json::Value::Object(doc_info),
            single["documentStore"]["docInfo"]
        );
        assert_eq!(
            merged["documentStore"]["length"],
            single["documentStore"]["length"]
        );
        assert!(sharded.shards.len() > 1, "{} was not split", root.display());
    }
}

#[test]
fn shards_are_byte_for_byte_what_elasticlunr_rs_writes_and_the_compact_ones_agree() {
    let site = TestSite::fixture();
    let repo_like = repo();
    for root in [site.root(), repo_like] {
        let docs = search_docs_at(root);
        for per_shard in [50, 100_000] {
            let ours = peixun::search::build_index_with(&docs, per_shard);
            let theirs = peixun::search::build_index_by_elasticlunr(&docs, per_shard);
            assert_eq!(ours.shards.len(), theirs.shards.len());
            assert_eq!(ours.manifest, theirs.manifest);
            for (k, (a, b)) in ours.shards.iter().zip(&theirs.shards).enumerate() {
                assert!(
                    a == b,
                    "shard {k} of {} differs at byte {}",
                    root.display(),
                    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
                );
            }
            // The compact shards the browser reads hold the same numbers.
            assert_eq!(
                peixun::search::compact::differences_from_elasticlunr(&docs, per_shard),
                Vec::<String>::new(),
                "{}",
                root.display()
            );
        }
    }
}

#[test]
fn long_facet_value_lists_are_split_into_linked_pages() {
    let site = TestSite::fixture();
    site.set_search_options("facet_page_size = 1");
    site.build_ok();
    let first = site.html("regions/重庆市/index.html");
    let second = site.html("regions/重庆市/page/2/index.html");
    assert!(!site.root().join("output/regions/重庆市/page/3").exists());
    let mut shown = texts(&first, ".card h3 a");
    assert_eq!(shown.len(), 1);
    shown.extend(texts(&second, ".card h3 a"));
    shown.sort();
    let catalog = site.html("catalogs/chongqing-2026/index.html");
    let mut all = texts(&catalog, ".card h3 a");
    all.sort();
    assert_eq!(
        shown, all,
        "the two pages together show every project of 重庆市"
    );
    assert_eq!(texts(&first, ".page-of"), ["第 1 页，共 2 页"]);
    assert_eq!(texts(&second, ".page-of"), ["第 2 页，共 2 页"]);
    // The count in the heading is the value's, not the page's.
    assert_eq!(texts(&second, "h1 .count"), ["2 项"]);
    let page2 = "/regions/重庆市/page/2/";
    let page1 = "/regions/重庆市/";
    assert_eq!(attrs(&first, ".pagination a[rel=next]", "href"), [page2]);
    assert!(attrs(&first, ".pagination a[rel=prev]", "href").is_empty());
    assert_eq!(attrs(&second, ".pagination a[rel=prev]", "href"), [page1]);
    assert_eq!(texts(&second, ".pagination [aria-current=page]"), ["2"]);
    assert!(site
        .output("sitemap.xml")
        .contains("<loc>https://example.org/regions/%E9%87%8D%E5%BA%86%E5%B8%82/page/2/</loc>"));
    // One page again: no page links, and the second page is gone.
    site.set_search_options("facet_page_size = 0");
    site.build_ok();
    let only = site.html("regions/重庆市/index.html");
    assert_eq!(texts(&only, ".card h3 a").len(), 2);
    assert!(select(&only, ".pagination").is_empty());
    assert!(!site
        .root()
        .join("output/regions/重庆市/page/2/index.html")
        .exists());
}

#[test]
fn a_large_catalog_home_page_lists_documents_instead_of_every_card() {
    let site = TestSite::fixture();
    site.build_ok();
    let doc = site.html("index.html");
    assert_eq!(texts(&doc, "#results .card h3 a").len(), 3);
    site.set_search_options("home_cards_max = 2");
    site.build_ok();
    let doc = site.html("index.html");
    assert!(texts(&doc, "#results .card h3 a").is_empty());
    assert_eq!(texts(&doc, "#results .group-title a").len(), 2);
    let note = texts(&doc, "#results .note");
    assert_eq!(note.len(), 1);
    assert!(note[0].starts_with("共 3 项。"), "{note:?}");
    // The documents still list every project.
    let catalog = site.html("catalogs/chongqing-2026/index.html");
    assert_eq!(texts(&catalog, ".card h3 a").len(), 2);
}

#[test]
fn precompress_writes_gzip_and_brotli_copies_of_larger_text_files_and_a_plain_build_removes_them() {
    use std::io::Read as _;
    let site = TestSite::fixture();
    let run = site.peixun(&["build", "--precompress"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let output = site.root().join("output");
    for page in [
        "index.html",
        "search.js",
        "catalog.json",
        "projects/cq-teacher/index.html",
    ] {
        let plain = std::fs::read(output.join(page)).unwrap();
        let gz = std::fs::read(output.join(format!("{page}.gz")))
            .unwrap_or_else(|_| panic!("no {page}.gz"));
        assert!(gz.len() < plain.len(), "{page}.gz is not smaller");
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert!(unpacked == plain, "{page}.gz does not unpack to {page}");
        let br = std::fs::read(output.join(format!("{page}.br")))
            .unwrap_or_else(|_| panic!("no {page}.br"));
        assert!(br.len() < plain.len(), "{page}.br is not smaller");
        let mut unpacked = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unpacked)
            .unwrap();
        assert!(unpacked == plain, "{page}.br does not unpack to {page}");
    }
    // Under 1 KB: not worth a second file.
    let small = std::fs::metadata(output.join("search_index.json"))
        .unwrap()
        .len();
    assert!(small < 1024, "fixture manifest is {small} bytes");
    assert!(!output.join("search_index.json.gz").exists());
    assert!(!output.join("search_index.json.br").exists());
    site.build_ok();
    for copy in ["index.html.gz", "index.html.br"] {
        assert!(!output.join(copy).exists(), "a plain build kept {copy}");
    }
}

#[test]
fn a_precompressed_build_compresses_again_only_what_changed() {
    use std::io::Read as _;
    let site = TestSite::fixture();
    let precompressed = || {
        let run = site.peixun(&["build", "--precompress"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    };
    precompressed();
    // Files dated within seconds of a build are not in its record.
    std::thread::sleep(std::time::Duration::from_millis(3100));
    precompressed();
    let output = site.root().join("output");
    let mtime = |p: &str| {
        std::fs::metadata(output.join(p))
            .unwrap()
            .modified()
            .unwrap()
    };
    let kept = mtime("catalogs/index.html.br");
    site.edit(
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"",
        "title = \"（修订）",
    );
    // A copy changed behind the build's back is made again.
    let tampered = output.join("catalogs/index.html.gz");
    let mut gz = std::fs::read(&tampered).unwrap();
    let last = gz.len() - 1;
    gz[last] ^= 1;
    std::fs::write(&tampered, &gz).unwrap();
    let run = precompressed();
    assert!(
        run.stderr.contains("删除 0 个"),
        "a copy was lost:\n{}",
        run.stderr
    );
    assert_eq!(
        mtime("catalogs/index.html.br"),
        kept,
        "an unchanged copy was rewritten"
    );
    for page in ["projects/xj-teacher/index.html", "catalogs/index.html"] {
        let plain = std::fs::read(output.join(page)).unwrap();
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(
            &std::fs::read(output.join(format!("{page}.gz"))).unwrap()[..],
        )
        .read_to_end(&mut unpacked)
        .unwrap();
        assert!(unpacked == plain, "{page}.gz does not unpack to {page}");
        let mut unpacked = Vec::new();
        brotli::Decompressor::new(
            &std::fs::read(output.join(format!("{page}.br"))).unwrap()[..],
            4096,
        )
        .read_to_end(&mut unpacked)
        .unwrap();
        assert!(unpacked == plain, "{page}.br does not unpack to {page}");
    }
    assert!(String::from_utf8(
        std::fs::read(output.join("projects/xj-teacher/index.html")).unwrap()
    )
    .unwrap()
    .contains("（修订）"));
}

#[test]
fn pages_and_whole_site_files_partition_the_site() {
    use peixun::output::{self, Parts, Selection};
    let site = TestSite::fixture();
    let opts = peixun::pipeline::BuildOptions {
        root: site.root().to_path_buf(),
        ..Default::default()
    };
    let peixun::pipeline::Checked {
        site: loaded,
        theme,
        ..
    } = peixun::pipeline::load_site(&opts).unwrap();
    let paths = |parts: Parts| -> std::collections::BTreeSet<String> {
        let paths = std::sync::Mutex::new(std::collections::BTreeSet::new());
        output::render_each(
            &loaded,
            &theme,
            &Selection::All,
            parts,
            None,
            None,
            &|batch| {
                paths.lock().unwrap().extend(
                    batch
                        .iter()
                        .map(|f| f.path.to_string_lossy().replace('\\', "/")),
                );
                Ok(())
            },
        )
        .unwrap();
        paths.into_inner().unwrap()
    };
    let (all, pages, aggregates) = (
        paths(Parts::ALL),
        paths(Parts::PAGES),
        paths(Parts::AGGREGATES),
    );
    assert!(pages.iter().all(|p| !output::is_aggregate(p)), "{pages:?}");
    assert!(
        aggregates.iter().all(|p| output::is_aggregate(p)),
        "{aggregates:?}"
    );
    assert!(pages.is_disjoint(&aggregates));
    assert_eq!(&pages | &aggregates, all);
    for expected in [
        "catalog.json",
        "search_docs.json",
        "sitemap.xml",
        "compare/index.html",
        "how-to-join/index.html",
    ] {
        assert!(aggregates.contains(expected), "{expected} missing");
    }
    assert!(pages.contains("projects/cq-teacher/index.html"));
}

/// A catalog whose projects are not written yet (an editor starts with
/// `_catalog.md`): its page linked its region's facet page, which no
/// listed project made. Found by the random content trees.
#[test]
fn a_catalog_without_projects_yet_builds_without_a_dead_link() {
    let site = TestSite::fixture();
    for p in ["cq-teacher", "cq-banzhuren"] {
        std::fs::remove_file(site.root().join(format!("content/chongqing-2026/{p}.md"))).unwrap();
    }
    site.build_ok();
    let doc = site.html("catalogs/chongqing-2026/index.html");
    assert_eq!(texts(&doc, ".lead"), ["重庆市 · 2026年 · 申报指南 · 0 项"]);
    assert_eq!(attrs(&doc, ".lead a", "href"), Vec::<String>::new());
    assert!(!site.root().join("output/regions/重庆市").exists());
}

/// The sitemap lists exactly the pages written (the 404 page aside): a
/// new kind of page must be added to `Site::page_paths` as well.
#[test]
fn the_sitemap_lists_every_page_written_and_no_other() {
    let site = TestSite::fixture();
    site.build_ok();
    let out = site.root().join("output");
    let mut written: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .map(|e| {
            let dir = e.path().parent().unwrap().strip_prefix(&out).unwrap();
            let path = dir.to_string_lossy().to_string();
            const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
                .remove(b'-')
                .remove(b'/')
                .remove(b'.')
                .remove(b'_')
                .remove(b'~');
            let encoded = percent_encoding::utf8_percent_encode(&path, KEEP).to_string();
            if path.is_empty() {
                "https://example.org/".to_string()
            } else {
                format!("https://example.org/{encoded}/")
            }
        })
        .collect();
    written.sort();
    let sitemap = site.output("sitemap.xml");
    let mut listed: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_string)
        .collect();
    listed.sort();
    assert_eq!(listed, written);
    assert!(written.len() > 30, "{} pages", written.len());
}

/// A base URL whose path holds characters a link must escape: the base
/// path is percent-encoded once, so the theme's links and the Markdown's
/// (which pulldown-cmark escapes) agree, and the build finds no dead link
/// of its own. Found by the mutated site.toml of the property tests.
#[test]
fn a_base_path_with_characters_to_escape_gives_one_form_of_every_link() {
    let site = TestSite::fixture();
    let run = site.peixun(&["build", "--base-url", "https://example.org/培训 [2026]/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let doc = site.html("projects/cq-teacher/index.html");
    let base = "/%E5%9F%B9%E8%AE%AD%20%5B2026%5D/";
    let links = attrs(&doc, "main a", "href");
    assert!(
        links.contains(&format!("{base}projects/cq-banzhuren/")),
        "{links:?}"
    );
    assert!(
        links.contains(&format!("{base}catalogs/chongqing-2026/")),
        "{links:?}"
    );
    assert_eq!(
        attrs(&doc, "link[rel=stylesheet]", "href"),
        [format!("{base}style.css")]
    );
}

/// A large site's role tables point to the data they are made of instead
/// of carrying a copy of it (`[compare] role_data = false`, the default
/// above 20,000 projects); category tables keep their CSV and JSON.
#[test]
fn role_tables_without_their_own_data_files_say_where_the_data_is() {
    let site = TestSite::fixture();
    let toml = fixture_text("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[compare]\nrole_data = false\n").as_bytes(),
    );
    site.build_ok();
    let output = site.root().join("output");
    let teachers = site.html("compare/roles/教师/index.html");
    assert_eq!(texts(&teachers, "h1"), ["面向教师的项目 2 项"]);
    assert_eq!(select(&teachers, "#compare tbody tr").len(), 2);
    assert_eq!(
        texts(&teachers, ".downloads"),
        ["本表的数据在各项目类别的对比表（CSV、JSON）和全站数据 catalog.json 中（按 audience 含“教师”筛选）。"]
    );
    assert_eq!(attrs(&teachers, ".downloads a", "href"), ["/catalog.json"]);
    assert!(!output.join("compare/roles/教师.csv").exists());
    assert!(!output.join("compare/roles/教师.json").exists());
    assert!(output.join("compare/backbone-teacher.csv").is_file());
    assert!(output.join("compare/backbone-teacher.json").is_file());
    // Unset, a site of this size has them.
    site.write("site.toml", toml.as_bytes());
    site.build_ok();
    assert!(output.join("compare/roles/教师.csv").is_file());
    assert!(output.join("compare/roles/教师.json").is_file());
}

/// A national catalog's comparison tables: a category of 10,002 projects (the
/// fixture's two and 10,000 more) is
/// pages of 1,000 rows linked to each other, its JSON an index over parts
/// of 10,000 projects, its CSV one file; the sitemap lists every page and
/// no file is over 10 MB.
#[test]
fn a_large_comparison_table_is_pages_and_its_json_parts() {
    let site = TestSite::fixture();
    let text = fixture_text("content/chongqing-2026/cq-teacher.md")
        .replace("见[班主任项目](/projects/cq-banzhuren/)。", "");
    for i in 0..10_000 {
        let copy = text
            .replace("重庆市骨干教师培养对象培训项目", &format!("批量项目{i:05}"))
            .replace(
                "number = \"一.(一).1\"",
                &format!("number = \"{}\"", i + 10),
            );
        site.write(
            &format!("content/chongqing-2026/bulk-{i:05}.md"),
            copy.as_bytes(),
        );
    }
    site.build_ok();
    let first = site.html("compare/backbone-teacher/index.html");
    assert_eq!(texts(&first, "h1 .count"), ["10002 项"]);
    assert_eq!(select(&first, "#compare tbody tr").len(), 1000);
    assert_eq!(texts(&first, ".page-of").len(), 1);
    // The page list names the first and last pages and those near the
    // current one, so it does not grow with the table.
    assert_eq!(texts(&first, ".pagination li"), ["1", "2", "3", "…", "11"]);
    assert_eq!(
        attrs(&first, ".pagination ol a", "href"),
        [
            "/compare/backbone-teacher/page/2/",
            "/compare/backbone-teacher/page/3/",
            "/compare/backbone-teacher/page/11/"
        ]
    );
    let middle = site.html("compare/backbone-teacher/page/6/index.html");
    assert_eq!(
        texts(&middle, ".pagination li"),
        ["1", "…", "4", "5", "6", "7", "8", "…", "11"]
    );
    assert_eq!(texts(&middle, ".pagination [aria-current=page]"), ["6"]);
    let near_start = site.html("compare/backbone-teacher/page/4/index.html");
    assert_eq!(
        texts(&near_start, ".pagination li"),
        ["1", "2", "3", "4", "5", "6", "…", "11"],
        "a gap of one page shows that page"
    );
    let last = site.html("compare/backbone-teacher/page/11/index.html");
    assert_eq!(select(&last, "#compare tbody tr").len(), 2);
    assert!(!site
        .root()
        .join("output/compare/backbone-teacher/page/12")
        .exists());
    // The role's table (every project is for 教师) is paged the same way.
    assert!(site
        .root()
        .join("output/compare/roles/教师/page/11/index.html")
        .is_file());

    let index = site.json("compare/backbone-teacher.json");
    assert_eq!(index["count"], 10002);
    assert!(index.get("projects").is_none());
    let parts: Vec<String> = index["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        parts,
        [
            "https://example.org/compare/backbone-teacher-1.json",
            "https://example.org/compare/backbone-teacher-2.json"
        ]
    );
    let sizes: Vec<usize> = [1, 2]
        .iter()
        .map(|n| {
            site.json(&format!("compare/backbone-teacher-{n}.json"))["projects"]
                .as_array()
                .unwrap()
                .len()
        })
        .collect();
    assert_eq!(sizes, [10_000, 2]);
    let csv = site.output("compare/backbone-teacher.csv");
    assert_eq!(csv.lines().count(), 10_003, "a header and every project");

    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/compare/backbone-teacher/page/11/</loc>"));
    let too_large: Vec<_> = walkdir::WalkDir::new(site.root().join("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.metadata().is_ok_and(|m| m.len() > 10 << 20))
        .map(|e| e.path().display().to_string())
        .collect();
    assert_eq!(too_large, Vec::<String>::new());
}

/// The bundled catalogs, split as a national catalog's would be.
#[test]
fn a_large_export_is_an_index_over_parts_holding_every_project_once() {
    let opts = peixun::pipeline::BuildOptions {
        root: repo().to_path_buf(),
        ..Default::default()
    };
    let site = peixun::pipeline::load_site(&opts)
        .expect("the bundled site loads")
        .site;
    let whole = peixun::output::catalog_json(
        &site,
        None,
        peixun::output::CATALOG_JSON_WHOLE_UP_TO,
        peixun::output::CATALOG_JSON_PART_BYTES,
    );
    assert_eq!(whole.len(), 1, "the bundled export is one file");
    let whole: serde_json::Value = serde_json::from_str(&whole[0].1).unwrap();

    let files = peixun::output::catalog_json(&site, None, 1000, 20_000);
    assert!(files.len() > 2, "{} files", files.len());
    assert_eq!(files[0].0, "catalog.json");
    let index: serde_json::Value = serde_json::from_str(&files[0].1).unwrap();
    assert!(index.get("projects").is_none());
    assert_eq!(index["categories"], whole["categories"]);
    let parts: Vec<&str> = index["parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(serde_json::Value::as_str)
        .collect();
    assert_eq!(parts.len(), files.len() - 1);
    let mut projects = Vec::new();
    let mut catalogs = Vec::new();
    for ((path, text), url) in files[1..].iter().zip(&parts) {
        assert!(url.ends_with(&format!("/{path}")), "{url} {path}");
        let part: serde_json::Value = serde_json::from_str(text).unwrap();
        for c in part["catalogs"].as_array().unwrap() {
            catalogs.push(c["slug"].clone());
            let listed = index["catalogs"]
                .as_array()
                .unwrap()
                .iter()
                .find(|l| l["slug"] == c["slug"])
                .unwrap();
            assert_eq!(
                listed["part"],
                serde_json::json!(url),
                "each catalog names its part"
            );
        }
        projects.extend(part["projects"].as_array().unwrap().iter().cloned());
    }
    // Every catalog and project once, in order, as the whole file has them.
    let slugs = |v: &serde_json::Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["slug"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(catalogs, slugs(&whole["catalogs"]));
    assert_eq!(serde_json::json!(projects), whole["projects"]);
}

#[test]
fn a_build_keeps_the_search_index_only_when_made_from_the_same_documents() {
    let site = TestSite::fixture();
    let output = site.root().join("output");
    // A build's phases (PEIXUN_TIMINGS) say whether it made the index.
    let build = |args: &[&str]| -> bool {
        let out = peixun_command()
            .env("PEIXUN_TIMINGS", "1")
            .arg("build")
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        stderr.contains("  search index [")
    };
    // The files a build keeps or makes with the index.
    let with_index = |path: &std::path::Path| {
        let path = path.to_string_lossy();
        [
            "search_index",
            "elasticlunr/",
            "search_pinyin",
            "search_chars/",
        ]
        .iter()
        .any(|kept| path.starts_with(kept))
    };
    let index_of = |snapshot: std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        snapshot
            .into_iter()
            .filter(|(path, _)| with_index(path))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let index = || index_of(site.snapshot());
    // The index a build makes from scratch of the site as it is now.
    let fresh = || {
        let copy = TestSite::new(&[]);
        for part in ["site.toml", "content"] {
            let from = site.root().join(part);
            if from.is_dir() {
                copy_dir(&from, &copy.root().join(part));
            } else {
                std::fs::copy(&from, copy.root().join(part)).unwrap();
            }
        }
        copy.build_ok();
        index_of(copy.snapshot())
    };
    assert!(build(&[]), "the first build kept an index it never made");
    let first = index();
    assert!(first.len() > 3 && first.keys().any(|p| p.starts_with("elasticlunr")));
    // Again, the files too new for the output's record (read back): kept.
    assert!(!build(&[]), "an unchanged site's index was made again");
    assert_eq!(index(), first);
    std::thread::sleep(std::time::Duration::from_millis(3100));
    assert!(!build(&[]));
    assert_eq!(index(), first);

    // A title edited: made again, as a build from scratch makes it.
    site.edit(
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"",
        "title = \"（修订）",
    );
    assert!(build(&[]));
    let edited = index();
    assert_ne!(edited, first);
    assert_eq!(edited, fresh());

    // A shard changed or removed behind the build's back: made again.
    let shard = first
        .keys()
        .find(|p| p.starts_with("search_index/"))
        .unwrap()
        .clone();
    std::fs::write(output.join(&shard), b"not a shard").unwrap();
    assert!(build(&[]));
    assert_eq!(index(), edited);
    std::fs::remove_file(output.join(&shard)).unwrap();
    assert!(build(&[]));
    assert_eq!(index(), edited);
    // A damaged note of the last index: made again.
    let note = site.root().join(".peixun-cache/index-files");
    let text = std::fs::read_to_string(&note).unwrap();
    std::fs::write(&note, &text[..text.len() - 3]).unwrap();
    assert!(build(&[]));
    assert!(!build(&[]));
    assert_eq!(index(), edited);

    // Precompressed copies go with the index they were made from.
    assert!(build(&["--precompress"]));
    let copies = |out: &std::path::Path| {
        walkdir::WalkDir::new(out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| with_index(e.path().strip_prefix(out).unwrap()))
            .filter(|e| e.path().extension().is_some_and(|x| x == "br"))
            .count()
    };
    assert!(copies(&output) > 0, "no index file was compressed");
    assert!(!build(&["--precompress"]));
    assert!(copies(&output) > 0, "a kept index lost its copies");
    assert!(build(&[]));
    assert_eq!(copies(&output), 0, "a plain build kept the copies");
    assert_eq!(index(), edited);

    // Synonyms are found by pinyin too: new ones make the pinyin data again.
    site.set_search_options(r#"synonyms = [["骨干教师", "名师"]]"#);
    assert!(build(&[]));
    assert!(!build(&[]));
    assert_eq!(index(), fresh());
}

#[test]
fn what_is_added_to_a_folder_the_record_knows_is_found_and_removed() {
    let site = TestSite::fixture();
    let output = site.root().join("output");
    // Folders and files dated within seconds of a build are not recorded:
    // the second of two builds, once those of the first are settled,
    // records every project folder it left as it was.
    let settled = || {
        for _ in 0..2 {
            site.build_ok();
            std::thread::sleep(std::time::Duration::from_millis(3100));
        }
    };
    settled();
    let before = site.snapshot();
    // A build puts the output back as it was, saying what it did.
    let mended = |summary: &str| {
        let run = site.build();
        assert_eq!(
            written_and_unchanged(&run),
            (0, Some(summary)),
            "{}",
            run.stderr
        );
        assert_eq!(site.snapshot(), before);
    };
    let folder = output.join("projects/xj-teacher");
    std::fs::write(folder.join("stray.html"), "x").unwrap();
    std::fs::create_dir(folder.join("stray")).unwrap();
    std::fs::write(folder.join("stray/index.html"), "x").unwrap();
    let outside = site.root().join("outside.html");
    std::fs::write(&outside, "keep me").unwrap();
    let page = output.join("projects/cq-teacher/index.html");
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink(&outside, &page).unwrap();
    mended("写入 1 个，未变 218 个，删除 3 个");
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    assert!(!folder.join("stray").exists(), "a stray folder survived");

    // A page gone from a folder the record knows is written again.
    std::thread::sleep(std::time::Duration::from_millis(3100));
    settled();
    std::fs::remove_file(folder.join("index.html")).unwrap();
    mended("写入 1 个，未变 218 个，删除 0 个");
}
