//! Search, filters and URL state in a real headless Chromium, against the
//! built site served on 127.0.0.1. Ignored in plain `cargo test` (they need
//! Debian's `chromium`); the README's test command and CI run them with
//! `--include-ignored`.

use crate::browser_support::*;
use crate::support::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// What the home page shows after the scripts ran: the status line and the
/// result titles in order.
struct Shown {
    status: String,
    titles: Vec<String>,
    /// The serialized DOM (scraper's tree is not `Send`; parse it where needed).
    html: String,
}

impl Shown {
    fn of(html: String) -> Shown {
        let doc = scraper::Html::parse_document(&html);
        Shown {
            status: texts(&doc, "#status").join(""),
            titles: texts(&doc, "#results .result h3 a"),
            html,
        }
    }

    fn doc(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.html)
    }
}

fn open(b: &mut Browser, base: &str, query: &str) -> Shown {
    Shown::of(b.open_home(base, query))
}

/// The number the status line reports ("找到 12 个项目"), or 0.
fn found(status: &str) -> usize {
    status
        .split("找到 ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn listed_projects() -> Vec<Value> {
    let (_dir, output) = build_site(repo());
    let json = output_json(&output, "catalog.json");
    json["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["guidance"] == false)
        .cloned()
        .collect()
}

/// Types `text` into the search box of a freshly opened home page, one
/// character at a time as a phone's keyboard commits them, and waits until
/// the results are those of the whole text.
fn type_query(b: &mut Browser, base: &str, text: &str) -> Shown {
    focus_search(b, base);
    b.type_text(text);
    let t = serde_json::to_string(text).unwrap();
    b.wait_for(&format!(
        "window.peixun.finder.state.q === {t} && !document.getElementById('status').textContent.startsWith('正在加载')"
    ));
    let html = b.eval("document.documentElement.outerHTML");
    Shown::of(html.as_str().unwrap_or_default().to_string())
}

/// A JSON file of the built site.
fn output_json(output: &Path, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(output.join(name)).unwrap()).unwrap()
}

/// How many files a pinyin table (`vocabulary`, `chars`) of the site has.
fn pinyin_files(output: &Path, table: &str) -> usize {
    output_json(output, "search_pinyin.json")[table]["count"]
        .as_u64()
        .unwrap() as usize
}

/// Opens the home page and puts the cursor in its search box.
fn focus_search(b: &mut Browser, base: &str) {
    b.goto(&format!("{base}/"));
    b.wait_for("window.peixun && window.peixun.finder && document.querySelectorAll('#results .result').length > 0");
    b.click("#q");
}

/// The paths the page has fetched that start with one of `prefixes`.
fn fetched_under(b: &mut Browser, prefixes: &[&str]) -> Vec<String> {
    let prefixes = serde_json::to_string(prefixes).unwrap();
    serde_json::from_value(b.eval(&format!(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname) \
           .filter(p => {prefixes}.some(x => p.startsWith(x)))"
    )))
    .unwrap()
}

/// Waits until the page has fetched every one of `paths`.
fn wait_for_fetched(b: &mut Browser, paths: &[String]) {
    b.wait_for(&format!(
        "(() => {{ const got = performance.getEntriesByType('resource').map(e => new URL(e.name).pathname); \
           return {}.every(p => got.includes(p)); }})()",
        serde_json::to_string(paths).unwrap()
    ));
}

/// One row of tests/data/search_cases.json.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchCase {
    typed: String,
    status: Option<String>,
    suggest: Option<String>,
    heading: Option<String>,
    count: Option<usize>,
    first: Option<String>,
    #[serde(default)]
    top: Vec<String>,
    #[serde(default)]
    before: Vec<(String, String)>,
    #[serde(default)]
    must: Vec<String>,
    #[serde(default)]
    must_not: Vec<String>,
    browse: Option<bool>,
    same_as: Option<String>,
}

#[test]
#[ignore = "needs chromium"]
fn queries_a_teacher_types_find_what_they_mean() {
    #[derive(serde::Deserialize)]
    struct Table {
        #[allow(dead_code)]
        about: String,
        cases: Vec<SearchCase>,
    }
    let table: Table = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/search_cases.json")).unwrap(),
    )
    .unwrap();
    assert!(table.cases.len() >= 20);
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let mut failed = Vec::new();
    for case in &table.cases {
        let shown = type_query(&mut b, &server.base, &case.typed);
        let doc = shown.doc();
        let q = &case.typed;
        let titles = &shown.titles;
        let mut wrong = Vec::new();
        if let Some(status) = &case.status {
            if &shown.status != status {
                wrong.push(format!("status {:?}", shown.status));
            }
        }
        let suggest = texts(&doc, "#suggest:not([hidden])").join("");
        if suggest != case.suggest.clone().unwrap_or_default() {
            wrong.push(format!("suggest {suggest:?}"));
        }
        if let Some(heading) = &case.heading {
            let shown_heading = texts(&doc, "#all-heading").join("");
            if &shown_heading != heading {
                wrong.push(format!("heading {shown_heading:?}"));
            }
        }
        if let Some(n) = case.count {
            if found(&shown.status) != n {
                wrong.push(format!("count {}", found(&shown.status)));
            }
        }
        if let Some(first) = &case.first {
            if titles.first() != Some(first) {
                wrong.push(format!("first {:?}", titles.first()));
            }
        }
        if !case.top.is_empty() {
            let mut top: Vec<&String> = titles.iter().take(case.top.len()).collect();
            let mut want: Vec<&String> = case.top.iter().collect();
            top.sort();
            want.sort();
            if top != want {
                wrong.push(format!(
                    "top {:?}",
                    &titles[..case.top.len().min(titles.len())]
                ));
            }
        }
        let at = |t: &String| titles.iter().position(|x| x == t);
        for (a, z) in &case.before {
            match (at(a), at(z)) {
                (Some(i), Some(j)) if i < j => {}
                got => wrong.push(format!("{a} before {z}: {got:?}")),
            }
        }
        for t in &case.must {
            if at(t).is_none() {
                wrong.push(format!("missing {t}"));
            }
        }
        for t in &case.must_not {
            if at(t).is_some() {
                wrong.push(format!("has {t}"));
            }
        }
        if let Some(spaced) = &case.same_as {
            let mut with_spaces = type_query(&mut b, &server.base, spaced).titles;
            let mut these = titles.clone();
            with_spaces.sort();
            these.sort();
            if these != with_spaces {
                wrong.push(format!("not what {spaced:?} finds: {with_spaces:?}"));
            }
        }
        if let Some(browse) = case.browse {
            if select(&doc, "#browse:not([hidden])").is_empty() == browse {
                wrong.push(format!("browse shown: {}", !browse));
            }
        }
        // A result shows what it was found by: a <mark> in each of the first.
        for r in select(&doc, "#results .result").iter().take(5) {
            if r.select(&scraper::Selector::parse("mark").unwrap())
                .next()
                .is_none()
            {
                wrong.push(format!("no <mark> in {}", text(r)));
            }
        }
        // The same search as a shared link gives the same page.
        let link = open(
            &mut b,
            &server.base,
            &format!(
                "q={}",
                percent_encoding::utf8_percent_encode(q, percent_encoding::NON_ALPHANUMERIC)
            ),
        );
        if &link.titles != titles || link.status != shown.status {
            wrong.push(format!("as a link: {} {:?}", link.status, link.titles));
        }
        if !wrong.is_empty() {
            failed.push(format!("{q}: {}\n  shown {titles:?}", wrong.join("; ")));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
#[ignore = "needs chromium"]
fn filters_combine_or_within_a_facet_and_across_facets_with_exact_counts() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let projects = listed_projects();
    let has = |p: &Value, key: &str, v: &str| {
        let field = match key {
            "region" => return p["region"] == v,
            "year" => return p["year"].as_u64() == v.parse().ok(),
            "level" => return p["level"] == v,
            "category" => return p["category"] == v,
            "plan" => return p["plan"] == v,
            "district" => {
                return p["district"] == v
                    || p["counties"].as_array().unwrap().iter().any(|x| x == v)
            }
            "month" => {
                return p["months"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|m| m.as_u64() == v.parse().ok())
            }
            k => k,
        };
        p[field].as_array().unwrap().iter().any(|x| x == v)
    };
    let expect = |filter: &dyn Fn(&Value) -> bool| -> Vec<String> {
        let mut t: Vec<String> = projects
            .iter()
            .filter(|p| filter(p))
            .map(|p| p["title"].as_str().unwrap().to_string())
            .collect();
        t.sort();
        t
    };
    let browser = std::cell::RefCell::new(Browser::launch());
    let open = |query: &str| open(&mut browser.borrow_mut(), &server.base, query);
    let check = |query: &str, filter: &dyn Fn(&Value) -> bool| {
        let shown = open(query);
        let mut got = shown.titles.clone();
        got.sort();
        let want = expect(filter);
        assert!(!want.is_empty(), "{query}: a useless case");
        assert_eq!(got, want, "{query}: {}", shown.status);
        assert_eq!(found(&shown.status), want.len(), "{query}");
        shown
    };

    // On a phone the panel starts folded, its counts fetched when opened:
    // open it as a teacher would, and read the counts it then shows.
    let panel_opened = || {
        let mut b = browser.borrow_mut();
        b.click("#filters-toggle > summary");
        b.wait_for("document.getElementById('filters-toggle').open && !Array.from(document.querySelectorAll('#filters .n')).some(n => n.textContent === '…')");
        Shown::of(
            b.eval("document.documentElement.outerHTML")
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    };
    check("stages=小学", &|p| has(p, "stages", "小学"));
    let s = panel_opened();
    // Counts beside each value: results if that value were chosen in its facet.
    let count_of = |doc: &scraper::Html, key: &str, value: &str| -> usize {
        let sel = format!("fieldset[data-facet=\"{key}\"] label.option");
        for label in select(doc, &sel) {
            let input = label
                .select(&scraper::Selector::parse("input").unwrap())
                .next()
                .unwrap();
            if input.value().attr("value") == Some(value) {
                let n = label
                    .select(&scraper::Selector::parse(".n").unwrap())
                    .next()
                    .unwrap();
                return text(&n)
                    .parse()
                    .unwrap_or_else(|_| panic!("{key}={value}: {:?}", text(&n)));
            }
        }
        panic!("no option {key}={value}");
    };
    assert_eq!(
        count_of(&s.doc(), "region", "重庆市"),
        expect(&|p| has(p, "stages", "小学") && has(p, "region", "重庆市")).len()
    );
    assert_eq!(
        count_of(&s.doc(), "stages", "初中"),
        expect(&|p| has(p, "stages", "初中")).len(),
        "a facet's own counts ignore its own choice"
    );
    check("stages=小学&stages=初中", &|p| {
        has(p, "stages", "小学") || has(p, "stages", "初中")
    });
    check("stages=小学,幼儿园", &|p| {
        has(p, "stages", "小学") || has(p, "stages", "幼儿园")
    });
    check(
        "stages=小学&region=新疆维吾尔自治区&audience=教师",
        &|p| {
            has(p, "stages", "小学")
                && has(p, "region", "新疆维吾尔自治区")
                && has(p, "audience", "教师")
        },
    );
    check("level=区县级&modes=名校访学", &|p| {
        has(p, "level", "区县级") && has(p, "modes", "名校访学")
    });
    check("category=principal&year=2024", &|p| {
        has(p, "category", "principal") && has(p, "year", "2024")
    });
    check("offline_days=15-", &|p| {
        p["offline_days"].as_u64().is_some_and(|d| d >= 15)
    });
    check("offline_days=10-20&region=重庆市", &|p| {
        p["offline_days"]
            .as_u64()
            .is_some_and(|d| (10..=20).contains(&d))
            && has(p, "region", "重庆市")
    });
    check("online_hours=-50", &|p| {
        p["online_hours"].as_u64().is_some_and(|h| h <= 50)
    });
    // A district (the district plan's own, or one a project names), a plan,
    // a month a project runs in, a cycle of two years or more.
    check("district=黔江区", &|p| has(p, "district", "黔江区"));
    check("district=彭水苗族土家族自治县", &|p| {
        has(p, "district", "彭水苗族土家族自治县")
    });
    check("plan=国培计划,区培计划", &|p| {
        has(p, "plan", "国培计划") || has(p, "plan", "区培计划")
    });
    check("plan=区培计划", &|p| has(p, "plan", "区培计划"));
    check("month=7", &|p| has(p, "month", "7"));
    check("month=7,12&district=黔江区", &|p| {
        (has(p, "month", "7") || has(p, "month", "12")) && has(p, "district", "黔江区")
    });
    check("cycle_years=2-", &|p| {
        p["cycle_years"].as_u64().is_some_and(|y| y >= 2)
    });
    check("region=重庆市&cycle_years=-1", &|p| {
        has(p, "region", "重庆市") && p["cycle_years"].as_u64().is_some_and(|y| y <= 1)
    });
    let s = panel_opened();
    assert_eq!(
        count_of(&s.doc(), "district", "黔江区"),
        expect(&|p| has(p, "region", "重庆市")
            && p["cycle_years"].as_u64().is_some_and(|y| y <= 1)
            && has(p, "district", "黔江区"))
        .len()
    );

    // Query and filters together, and an empty result that says what to drop.
    // Equal matches: the newer plan (2024) before the older (2022).
    let s = open("q=班主任&stages=小学");
    assert_eq!(
        s.titles,
        [
            "县级紧缺领域骨干教师学科育人能力提升研修项目",
            "中小学教师心理健康教育能力专项培训（高中、初中、小学各1期）"
        ]
    );
    let s = open("q=班主任&stages=小学&region=重庆市&offline_days=15-");
    assert!(s.titles.is_empty());
    assert!(
        s.status.contains("没有同时符合这些条件的项目") && s.status.contains("去掉“"),
        "{}",
        s.status
    );
    let s = open("q=量子物理");
    assert!(s.titles.is_empty());
    assert!(s.status.contains("没有项目包含“量子物理”"), "{}", s.status);
}

#[test]
#[ignore = "needs chromium"]
fn typing_and_ticking_update_the_url_and_back_restores_the_state() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    b.goto(&format!("{}/", server.base));
    b.wait_for("document.querySelectorAll('#results .result').length > 0");
    assert_eq!(
        b.eval(
            "performance.getEntriesByType('resource').some(e => e.name.includes('/search_index/'))"
        ),
        json!(false),
        "no index shard is loaded until the search box is used"
    );
    b.click("#q");
    b.type_text("农村");
    b.wait_for("document.querySelector('#status').textContent.includes('“农村”')");
    b.click("#filters-toggle > summary");
    b.eval("document.getElementById('filters-toggle').open = true");
    b.click("fieldset[data-facet=stages] input[value=小学]");
    b.click("fieldset[data-range=offline_days] input[data-bound=min]");
    b.type_text("15");
    b.wait_for("location.search.includes('offline_days')");
    let search = b.eval("decodeURIComponent(location.search)");
    assert_eq!(search, json!("?q=农村&stages=小学&offline_days=15-"));
    // The results follow once the filters' data (fetched when first
    // needed) is in.
    b.wait_for("document.querySelector('#status').textContent.includes('已按 2 个条件筛选')");
    let titles =
        b.eval("[...document.querySelectorAll('#results .result h3 a')].map(a => a.textContent)");
    let titles: Vec<String> = serde_json::from_value(titles).unwrap();
    assert!(!titles.is_empty());
    assert!(
        titles.contains(&"农村学校“一对一”帮扶培训项目".to_string()),
        "{titles:?}"
    );

    // Keyboard only: focus a checkbox and press Space.
    b.eval("document.querySelector('fieldset[data-facet=audience] input[value=教师]').focus()");
    b.key(" ", "Space", 32);
    b.wait_for("location.search.includes('audience')");
    b.wait_for("document.querySelector('#status').textContent.includes('已按 3 个条件筛选')");

    // Open a result, come back: the same search, filters and results.
    let before =
        b.eval("[...document.querySelectorAll('#results .result h3 a')].map(a => a.textContent)");
    b.click("#results .result h3 a");
    b.wait_for("location.pathname.startsWith('/projects/')");
    b.navigate_by("history.back()");
    b.wait_for(
        "location.pathname === '/' && document.querySelectorAll('#results .result').length > 0",
    );
    b.wait_for("document.querySelector('#status').textContent.includes('农村')");
    assert_eq!(b.eval("document.getElementById('q').value"), json!("农村"));
    assert_eq!(
        b.eval("document.querySelector('fieldset[data-facet=stages] input[value=小学]').checked"),
        json!(true)
    );
    assert_eq!(
        b.eval("[...document.querySelectorAll('#results .result h3 a')].map(a => a.textContent)"),
        before
    );

    // Clearing is one click.
    b.click("#clear");
    b.wait_for("location.search === ''");
    assert_eq!(b.eval("document.getElementById('q').value"), json!(""));
    b.wait_for("document.querySelector('#status').textContent.includes('找到 69 个项目')");
}

#[test]
#[ignore = "needs chromium"]
fn the_browser_tokenizes_exactly_like_the_index() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    b.goto(&format!("{}/", server.base));
    b.wait_for("window.peixun && window.peixun.tokenize");
    let cases: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/tokenizer_cases.json")).unwrap(),
    )
    .unwrap();
    for case in &cases {
        let text = serde_json::to_string(&case["text"]).unwrap();
        let got = b.eval(&format!("window.peixun.tokenize({text})"));
        assert_eq!(got, case["tokens"], "browser tokens of {text}");
        let rust: Vec<String> = peixun::search::tokenize(case["text"].as_str().unwrap());
        assert_eq!(json!(rust), case["tokens"], "rust tokens of {text}");
        // Both sides put each token in the same index shard.
        for token in &rust {
            let t = serde_json::to_string(token).unwrap();
            for count in [1usize, 2, 97, 1000] {
                assert_eq!(
                    b.eval(&format!("window.peixun.shardOf({t}, {count})")),
                    json!(peixun::search::shard_of(token, count)),
                    "shard of {token} among {count}"
                );
            }
            for (singles, count) in [(1usize, 2usize), (3, 10), (40, 97)] {
                assert_eq!(
                    b.eval(&format!(
                        "window.peixun.indexShardOf({t}, {{singles: {singles}, count: {count}}})"
                    )),
                    json!(peixun::search::index_shard_of(token, singles, count)),
                    "index shard of {token}, {singles} of {count} for characters"
                );
            }
        }
    }
}

#[test]
#[ignore = "needs chromium"]
fn strange_queries_show_a_page_and_throw_nothing() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let long = "班主任".repeat(40);
    for q in [
        "(*",
        "\\",
        "%",
        "<script>alert(1)</script>",
        "😀😀",
        "a",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        "xianxianxianxianxian",
        "一 二 三 四 五 六 七 八 九 十",
        "．。、「」",
        "ＡＩ教师",
        long.as_str(),
    ] {
        let shown = type_query(&mut b, &server.base, q);
        assert!(!shown.status.is_empty(), "{q:?}: no status");
        assert!(b.errors().is_empty(), "{q:?}: {:?}", b.errors());
        assert!(
            select(&shown.doc(), "#results script, #results img").is_empty(),
            "{q:?}: query became markup"
        );
    }
}

/// Letters the site has no token of (pinyin, most often) fetch no index
/// file for themselves: the manifest lists the site's letter tokens, and
/// only the shards of the words they read as come.
#[test]
#[ignore = "needs chromium"]
fn pinyin_fetches_the_shards_of_its_words_only() {
    let (_dir, output) = build_site(repo());
    let manifest = output_json(&output, "search_index.json");
    assert_eq!(
        manifest["letters"],
        json!([]),
        "the bundled text has no Latin words"
    );
    // The index file of a token, as the manifest places it.
    let shards = &manifest["shards"];
    let (count, singles) = (
        shards["count"].as_u64().unwrap() as usize,
        shards["singles"].as_u64().unwrap() as usize,
    );
    let file = |token: &str| {
        let k = peixun::search::index_shard_of(token, singles, count);
        match shards["split"][k.to_string()].as_u64() {
            Some(files) => {
                let group = if k < singles {
                    singles
                } else {
                    count - singles
                };
                let j = peixun::search::compact::sub_of(token, group, files as usize);
                format!("/search_index/{k}-{j}.bin")
            }
            None => format!("/search_index/{k}.bin"),
        }
    };
    // Pinyin whose own file is none of its word's.
    let (letters, words) = [
        ("xiaozhang", "校长"),
        ("jiaoshi", "教师"),
        ("peixun", "培训"),
        ("xiaoxue", "小学"),
        ("gaozhong", "高中"),
        ("yuanzhang", "园长"),
        ("banzhuren", "班主任"),
    ]
    .into_iter()
    .map(|(letters, word)| {
        let words: Vec<String> = peixun::search::tokenize(word)
            .iter()
            .map(|t| file(t))
            .collect();
        (letters, words)
    })
    .find(|(letters, words)| !words.contains(&file(letters)))
    .expect("a pinyin whose file is apart");
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let shown = open(&mut b, &server.base, &format!("q={letters}"));
    assert!(found(&shown.status) > 0, "{}", shown.status);
    let fetched = fetched_under(&mut b, &["/search_index/"]);
    assert!(!fetched.is_empty());
    assert!(
        fetched.iter().all(|f| words.contains(f)),
        "{letters}: {fetched:?} beyond its word's {words:?}"
    );
}

#[test]
#[ignore = "needs chromium"]
fn a_sound_alike_waits_after_its_last_key_only_for_that_character_s_readings() {
    let (_dir, output) = build_site(repo());
    let files = pinyin_files(&output, "vocabulary");
    let vocabulary = |key: &str| {
        format!(
            "/search_pinyin/{}.json",
            peixun::search::pinyin::vocabulary_file_of(key, files)
        )
    };
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    focus_search(&mut b, &server.base);
    let fetched = |b: &mut Browser| fetched_under(b, &["/search_pinyin/", "/search_chars/"]);
    // 班 and 主 typed as a phone's keyboard commits them; each one's
    // readings and the vocabulary of the keys it starts come meanwhile.
    for c in ['班', '主'] {
        b.type_text(&c.to_string());
        let wanted: Vec<String> = peixun::search::pinyin::readings(c)
            .iter()
            .map(|r| vocabulary(&format!("f:{r}")))
            .collect();
        wait_for_fetched(&mut b, &wanted);
    }
    let before = fetched(&mut b);
    // 壬 for 任: an input method's slip.
    b.type_text("壬");
    b.wait_for(
        "window.peixun.finder.state.q === '班主壬' && !document.getElementById('status').textContent.startsWith('正在加载') \
           && !document.getElementById('suggest').hidden",
    );
    let suggest = b.eval("document.getElementById('suggest').textContent");
    assert!(
        suggest.as_str().unwrap_or_default().contains("班主任"),
        "{suggest}"
    );
    // The vocabulary the answer came from (班主 and 主任) was in before the
    // last key; after it, only what 壬 itself starts or reads was fetched.
    for key in ["f:ban zhu", "f:zhu ren"] {
        assert!(
            before.contains(&vocabulary(key)),
            "{key}: {} fetched after the last key ({before:?})",
            vocabulary(key)
        );
    }
    let after: Vec<String> = fetched(&mut b)
        .into_iter()
        .filter(|p| !before.contains(p))
        .collect();
    let own: Vec<String> = peixun::search::pinyin::readings('壬')
        .iter()
        .map(|r| vocabulary(&format!("f:{r}")))
        .collect();
    assert!(
        after
            .iter()
            .all(|p| p.starts_with("/search_chars/") || own.contains(p)),
        "after the last key: {after:?}"
    );
}

#[test]
#[ignore = "needs chromium"]
fn a_pasted_title_fetches_the_readings_of_its_last_characters_only() {
    let (_dir, output) = build_site(repo());
    let files = pinyin_files(&output, "chars");
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    focus_search(&mut b, &server.base);
    // A whole title in one input event, as a paste or a phrase from the
    // keyboard's suggestions commits it: it finds its project.
    let title = "重庆市骨干班主任培养对象培训项目";
    b.send("Input.insertText", json!({ "text": title }));
    b.wait_for(&format!(
        "window.peixun.finder.state.q === '{title}' && !document.getElementById('status').textContent.startsWith('正在加载')"
    ));
    let shown = Shown::of(
        b.eval("document.documentElement.outerHTML")
            .as_str()
            .unwrap_or_default()
            .to_string(),
    );
    assert!(
        shown.titles.iter().any(|t| t == title),
        "{:?}",
        shown.titles
    );
    // Its last four characters' readings (培训项目), not sixteen's.
    let chars: Vec<String> = "训项目培"
        .chars()
        .map(|c| {
            format!(
                "/search_chars/{}.json",
                peixun::search::shard_of(&c.to_string(), files)
            )
        })
        .collect();
    wait_for_fetched(&mut b, &chars);
    let fetched = fetched_under(&mut b, &["/search_chars/"]);
    assert!(
        fetched.iter().all(|p| chars.contains(p)),
        "{fetched:?} beyond {chars:?}"
    );
}

#[test]
#[ignore = "needs chromium"]
fn the_browser_reads_queries_and_pinyin_exactly_like_rust() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    b.goto(&format!("{}/", server.base));
    b.wait_for("window.peixun && window.peixun.query");
    let cases: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/query_cases.json")).unwrap(),
    )
    .unwrap();
    let synonyms = serde_json::to_string(&cases["synonyms"]).unwrap();
    let words = serde_json::to_string(&cases["words"]).unwrap();
    for case in cases["queries"].as_array().unwrap() {
        let q = serde_json::to_string(&case["query"]).unwrap();
        let got = b.eval(&format!(
            "(() => {{ const words = new Set({words}); return window.peixun.query.parse({q}, {synonyms}, w => words.has(w)).map(t => {{ const v = {{text: t.text, alternatives: t.alternatives}}; if (t.pieces.length) v.split = t.pieces.map(p => p.text); return v; }}); }})()"
        ));
        assert_eq!(got, case["terms"], "browser terms of {q}");
    }
    // The syllables the browser cuts letters into are the site's.
    let manifest = output_json(&output, "search_pinyin.json");
    assert_eq!(
        manifest["syllables"],
        json!(peixun::search::pinyin::syllables())
    );
    let syllables = manifest["syllables"].to_string();
    for case in cases["pinyin"].as_array().unwrap() {
        let letters = serde_json::to_string(&case["letters"]).unwrap();
        let got = b.eval(&format!(
            "(() => {{ const Q = window.peixun.query, ways = Q.segmentations({letters}, {syllables}); return [ways, ways.map(Q.fullKeys), Q.initialKeys({letters})]; }})()"
        ));
        assert_eq!(
            got,
            json!([
                case["segmentations"],
                case["full_keys"],
                case["initial_keys"]
            ]),
            "browser pinyin of {letters}"
        );
    }
}

#[test]
#[ignore = "needs chromium"]
fn content_is_shown_as_text_and_latin_matches_any_case() {
    let evil = r#"+++
title = "<img src=x onerror=alert(1)>"
level = "国家级"
category = "backbone-teacher"
audience = ["教师"]
eligibility = "<b>STEM课程</b>骨干教师"
+++

正文。
"#;
    let site = TestSite::fixture();
    site.write("content/chongqing-2026/cq-evil.md", evil.as_bytes());
    let (_dir, output) = build_site(site.root());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    for query in ["q=img", "q=onerror", "q=STEM+课程", "q=stem课程"] {
        let shown = open(&mut b, &server.base, query);
        assert_eq!(
            shown.titles,
            ["<img src=x onerror=alert(1)>"],
            "{query}: {}",
            shown.status
        );
        assert!(
            select(&shown.doc(), "#results img, #results b").is_empty(),
            "{query}: content became markup"
        );
    }
    let shown = open(&mut b, &server.base, "q=stem");
    let eligibility = texts(&shown.doc(), "#results .result-eligibility");
    assert_eq!(eligibility, ["<b>STEM课程</b>骨干教师"]);
    assert_eq!(
        texts(&shown.doc(), "#results .result-eligibility mark"),
        ["STEM"]
    );
}

#[test]
#[ignore = "needs chromium"]
fn comparison_columns_sort_as_numbers_with_missing_values_last() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    b.goto(&format!("{}/compare/principal/", server.base));
    b.wait_for("document.querySelector('#compare th button.sort')");
    let column = |b: &mut Browser, label: &str| -> Vec<String> {
        let label = serde_json::to_string(label).unwrap();
        let v = b.eval(&format!(
            "(() => {{ const heads = [...document.querySelectorAll('#compare thead th')].map(t => t.textContent.trim()); const i = heads.indexOf({label}); return [...document.querySelectorAll('#compare tbody tr')].map(r => r.cells[i].textContent.trim()); }})()"
        ));
        serde_json::from_value(v).unwrap()
    };
    let days_header = "#compare thead th:nth-child(9) button";
    assert_eq!(
        b.eval("document.querySelector('#compare thead th:nth-child(9)').textContent.trim()"),
        json!("线下集中")
    );
    b.click(days_header);
    let asc = column(&mut b, "线下集中");
    let numbers: Vec<u32> = asc
        .iter()
        .filter_map(|t| {
            t.trim_start_matches("不少于")
                .split('天')
                .next()?
                .parse()
                .ok()
        })
        .collect();
    assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{asc:?}");
    assert_eq!(
        asc.first().map(String::as_str),
        Some("7天"),
        "7 < 10 < 15 < 30, numerically: {asc:?}"
    );
    assert_eq!(asc.last().map(String::as_str), Some("未注明"), "{asc:?}");
    assert_eq!(
        b.eval(
            "document.querySelector('#compare thead th:nth-child(9)').getAttribute('aria-sort')"
        ),
        json!("ascending")
    );
    b.click(days_header);
    let desc = column(&mut b, "线下集中");
    assert!(desc[0].starts_with("30天"), "{desc:?}");
    assert_eq!(
        desc.last().map(String::as_str),
        Some("未注明"),
        "missing stays last: {desc:?}"
    );
    // Text columns sort too, and the title column stays in place on a phone.
    b.click("#compare thead th:nth-child(2) button");
    let places = column(&mut b, "地区");
    assert_eq!(places.len(), 7);
    // Sorted text keeps equal values together: each place is one run.
    let mut runs = places.clone();
    runs.dedup();
    let mut distinct = runs.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(runs.len(), distinct.len(), "{places:?}");
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('#compare tbody th')).position"),
        json!("sticky")
    );
}

#[test]
#[ignore = "needs chromium"]
fn picked_projects_are_compared_side_by_side_from_the_url() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    b.goto(&format!(
        "{}/projects/cq2026-zhuoyue-xiaozhang/",
        server.base
    ));
    b.wait_for(
        "document.querySelector('button.pick') && !document.querySelector('button.pick').hidden",
    );
    b.click("button.pick");
    b.wait_for("document.querySelector('button.pick').getAttribute('aria-pressed') === 'true'");
    b.goto(&format!(
        "{}/projects/xj2024-gugan-xiaoyuanzhang/",
        server.base
    ));
    b.wait_for(
        "document.querySelector('button.pick') && !document.querySelector('button.pick').hidden",
    );
    b.click("button.pick");
    b.wait_for("document.querySelector('#pick-bar a.go[href]')");
    b.click("#pick-bar a.go");
    b.wait_for("location.pathname === '/compare/' && document.querySelectorAll('#picked-table thead th').length === 3");
    assert_eq!(
        b.eval("decodeURIComponent(location.search)"),
        json!("?ids=cq2026-zhuoyue-xiaozhang,xj2024-gugan-xiaoyuanzhang")
    );
    // A column's head is its project's link (and a button to drop it).
    let table = b.eval("[...document.querySelectorAll('#picked-table tr')].map(r => [...r.cells].map(c => (c.querySelector('a') || c).textContent))");
    let table: Vec<Vec<String>> = serde_json::from_value(table).unwrap();
    assert_eq!(
        table[0],
        [
            "项目",
            "重庆市卓越校长培养对象培训项目",
            "骨干校园长领导力提升研修"
        ]
    );
    let row = |label: &str| table.iter().find(|r| r[0] == label).unwrap().clone();
    assert_eq!(
        row("线下集中"),
        ["线下集中", "30天（市内20天+市外10天）", "15天"]
    );
    assert_eq!(row("网络研修"), ["网络研修", "60学时", "未注明"]);
    assert_eq!(row("地区"), ["地区", "重庆市", "新疆维吾尔自治区"]);
    // Read from the pages' facts: lists joined, facts a page leaves out 未注明.
    assert_eq!(
        row("参训条件"),
        [
            "参训条件",
            "市级骨干校长或任职5年以上、办学特色明显、育人成效显著的中小学正职校长。",
            "全区中小学幼儿园骨干校园长，原则在校园长岗位任职5年以上，且工作业绩突出。计划培训1000人；遴选条件：原则在校园长岗位任职5年以上的正职校园长，且工作业绩突出"
        ]
    );
    assert_eq!(row("项目周期"), ["项目周期", "未注明", "1年"]);
    assert_eq!(
        row("经费标准"),
        ["经费标准", "未注明", "集中培训：500元/人/天"]
    );
    assert_eq!(
        row("申报承办"),
        [
            "申报承办",
            "高等院校；区县级以上教师发展机构和教科研机构；市内优质中小学幼儿园",
            "高等院校、教师培训机构（牵头申报）；优质中小学幼儿园（协同组织实施）"
        ]
    );
    assert_eq!(
        row("学段"),
        ["学段", "小学、初中、高中", "幼儿园、小学、初中、高中"]
    );
    assert_eq!(
        table.iter().map(|r| r[0].as_str()).collect::<Vec<_>>(),
        [
            "项目",
            "地区",
            "年度",
            "计划与级别",
            "项目类别",
            "培训对象",
            "学段",
            "参训条件",
            "培训方式",
            "线下集中",
            "网络研修",
            "项目周期",
            "实施时间",
            "计划人数",
            "经费标准",
            "申报承办"
        ]
    );

    // The same view from a shared link, with an unknown id reported.
    b.goto(&format!(
        "{}/compare/?ids=qj2022-xiaozhang-fangxue,no-such-project,cq2026-gugan-xiaozhang",
        server.base
    ));
    b.wait_for("document.querySelectorAll('#picked-table thead th').length === 3");
    let status = b.eval("document.getElementById('picked-status').textContent");
    assert_eq!(
        status,
        json!("并排对比 2 个项目；找不到：no-such-project。")
    );
}

#[test]
#[ignore = "needs chromium"]
fn a_split_index_gives_the_same_results_and_loads_only_the_shards_it_needs() {
    // The bundled site, once as built and once with its index cut into many shards.
    let copy = tempfile::Builder::new()
        .prefix("peixun-split-")
        .tempdir()
        .unwrap();
    for dir in ["content", "themes"] {
        copy_dir(&repo().join(dir), &copy.path().join(dir));
    }
    let toml = std::fs::read_to_string(repo().join("site.toml")).unwrap();
    std::fs::write(
        copy.path().join("site.toml"),
        toml.replacen("[search]\n", "[search]\npostings_per_shard = 2000\n", 1),
    )
    .unwrap();
    let (_a, whole) = build_site(repo());
    let (_b, split) = build_site(copy.path());
    let count = std::fs::read_dir(split.join("search_index"))
        .unwrap()
        .count();
    assert!(count >= 10, "only {count} shards");
    let one = StaticServer::start(&whole);
    let many = StaticServer::start(&split);
    let mut b = Browser::launch();
    for query in [
        "q=骨干教师",
        "q=彭水",
        "q=高中+数学&stages=高中",
        "q=工程2.0",
        "q=师",
    ] {
        let x = open(&mut b, &one.base, query);
        let y = open(&mut b, &many.base, query);
        assert_eq!(x.titles, y.titles, "{query}");
        assert_eq!(x.status, y.status, "{query}");
    }
    b.goto(&format!("{}/", many.base));
    b.wait_for("document.querySelectorAll('#results .result').length > 0");
    b.click("#q");
    b.type_text("彭水");
    b.wait_for("document.querySelector('#status').textContent.includes('找到 3 个项目')");
    let fetched = b.eval("performance.getEntriesByType('resource').filter(e => e.name.includes('/search_index/')).length");
    let fetched = fetched.as_u64().unwrap() as usize;
    // 彭 as typed, then the pair 彭水: never the shards of 水 alone.
    assert!(
        (1..=2).contains(&fetched),
        "{fetched} of {count} shards fetched for 彭水"
    );
}

/// Builds the site at `root` into a fresh temporary output directory.
pub fn build_site(root: &Path) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("peixun-browser-")
        .tempdir()
        .expect("temp dir");
    let output = dir.path().join("output");
    let run = peixun_command()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&output)
        .arg("--base-url")
        .arg("http://127.0.0.1/")
        .output()
        .expect("run peixun");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (dir, output)
}

#[test]
#[ignore = "needs chromium"]
fn a_large_catalog_shows_six_results_at_a_time_loading_only_their_details() {
    let site = TestSite::fixture();
    // 600 more projects: the fixture's teacher project, numbered.
    for i in 0..600 {
        let text = fixture_text("content/chongqing-2026/cq-teacher.md")
            .replace("重庆市骨干教师培养对象培训项目", &format!("批量项目{i:03}"))
            .replace(
                "number = \"一.(一).1\"",
                &format!("number = \"{}\"", i + 10),
            )
            .replace("见[班主任项目](/projects/cq-banzhuren/)。", "");
        site.write(
            &format!("content/chongqing-2026/bulk-{i:03}.md"),
            text.as_bytes(),
        );
    }
    let (_dir, output) = build_site(site.root());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let shown = open(&mut b, &server.base, "q=批量项目");
    assert_eq!(found(&shown.status), 600, "{}", shown.status);
    // Six: what a browser fetches at once from an HTTP/1.1 host.
    assert_eq!(shown.titles.len(), 6);
    assert!(shown.titles.iter().all(|t| t.starts_with("批量项目")));
    let details_files = |b: &mut Browser| {
        b.eval("performance.getEntriesByType('resource').filter(e => e.name.includes('/search_docs/')).length")
            .as_u64()
            .unwrap()
    };
    // 603 projects in files of 5: 6 results in a row need 2 or 3 of the
    // 121 files.
    let loaded = details_files(&mut b);
    assert!(
        (2..=3).contains(&loaded),
        "{loaded} details files for 6 results"
    );
    for shown in [12, 18, 24, 30, 36] {
        b.click("#results button.more");
        b.wait_for(&format!(
            "document.querySelectorAll('#results .result').length === {shown}"
        ));
    }
    let more = details_files(&mut b);
    assert!(more <= 9, "{more} details files for 36 results");
    // Every shown result has its own title and link, none left blank.
    let links = b.eval("[...document.querySelectorAll('#results .result h3 a')].map(a => a.getAttribute('href') + ' ' + a.textContent)");
    let links: Vec<String> = serde_json::from_value(links).unwrap();
    assert_eq!(links.len(), 36);
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("/projects/bulk-") && l.contains(" 批量项目")),
        "{links:?}"
    );
}
