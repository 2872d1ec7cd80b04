//! A teacher on a phone (Chromium at 390 × 844), driving the search and
//! filters as a finger would: the flows of what they type and tap, and what
//! the page then says and shows. Ignored in plain `cargo test` (they need
//! Debian's `chromium`); the README's test command runs them.

use crate::browser::build_site;
use crate::browser_support::*;
use crate::support::*;

/// The home page at `query` on a phone, settled.
fn phone_home(b: &mut Browser, base: &str, query: &str) -> scraper::Html {
    b.set_phone();
    scraper::Html::parse_document(&b.open_home(base, query))
}

fn dom(b: &mut Browser) -> scraper::Html {
    scraper::Html::parse_document(
        b.eval("document.documentElement.outerHTML")
            .as_str()
            .unwrap_or_default(),
    )
}

#[test]
#[ignore = "needs chromium"]
fn a_filter_offers_the_projects_that_leave_it_unstated_and_one_tap_adds_them() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let doc = phone_home(&mut b, &server.base, "stages=小学&region=新疆维吾尔自治区");
    assert_eq!(
        texts(&doc, "#status"),
        ["找到 10 个项目（已按 2 个条件筛选）。"]
    );
    assert_eq!(
        texts(&doc, "#unstated"),
        ["另有 6 个项目未注明学段，可能也适合您。一并显示"]
    );
    let titles = texts(&doc, "#results .result h3 a");
    assert!(
        !titles.contains(&"“一对一”精准帮扶培训".to_string()),
        "{titles:?}"
    );

    b.click("#unstated button");
    b.wait_for("document.getElementById('status').textContent.startsWith('找到 16 个项目')");
    let doc = dom(&mut b);
    let titles = texts(&doc, "#results .result h3 a");
    assert!(
        titles.contains(&"“一对一”精准帮扶培训".to_string()),
        "{titles:?}"
    );
    assert!(select(&doc, "#unstated:not([hidden])").is_empty());
    // The choice is in the URL: a shared link shows the same.
    let href = b
        .eval("location.search")
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        percent_decode(&href),
        "?region=新疆维吾尔自治区&stages=小学&stages=未注明"
    );
    let again = phone_home(&mut b, &server.base, &href[1..]);
    assert_eq!(texts(&again, "#results .result h3 a"), titles);

    // A range leaves out projects with no figure the same way.
    let doc = phone_home(&mut b, &server.base, "q=班主任&offline_days=10-");
    let offer = texts(&doc, "#unstated").join("");
    assert!(
        offer.starts_with("另有 ") && offer.contains("个项目未注明线下集中天数"),
        "{offer}"
    );
    b.click("#unstated button");
    b.wait_for("location.search.includes('unstated=offline_days')");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
}

/// Whether the element is laid out (not hidden by `display: none` on it or
/// an ancestor).
fn shown(b: &mut Browser, selector: &str) -> bool {
    let sel = serde_json::to_string(selector).unwrap();
    b.eval(&format!("(() => {{ const e = document.querySelector({sel}); return !!e && e.getClientRects().length > 0; }})()"))
        == serde_json::json!(true)
}

/// The element's top and bottom in the viewport, in CSS pixels.
fn rect(b: &mut Browser, selector: &str) -> (f64, f64) {
    let sel = serde_json::to_string(selector).unwrap();
    let r = b.eval(&format!("(() => {{ const r = document.querySelector({sel}).getBoundingClientRect(); return [r.top, r.bottom]; }})()"));
    (r[0].as_f64().unwrap(), r[1].as_f64().unwrap())
}

#[test]
#[ignore = "needs chromium"]
fn the_filter_panel_has_a_count_button_and_chosen_filters_are_chips_that_remove_themselves() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    phone_home(&mut b, &server.base, "");
    // Folded on a phone, so the results are in view; opened, its button
    // with the live count stays on screen however long the panel.
    assert_eq!(
        b.eval("document.getElementById('filters-toggle').open"),
        serde_json::json!(false)
    );
    b.click("#filters-toggle summary");
    b.click("input[name=region][value='新疆维吾尔自治区']");
    b.wait_for("document.getElementById('show-results').textContent === '查看 22 个结果'");
    let (top, bottom) = rect(&mut b, "#show-results");
    assert!(
        top >= 0.0 && bottom <= 844.0,
        "count button off screen: {top}–{bottom}"
    );
    // No empty group is left behind: Chongqing's districts vanish with
    // their values when only Xinjiang is chosen.
    assert!(!shown(
        &mut b,
        "fieldset[data-facet=district] .option-group"
    ));
    b.click("input[name=stages][value='小学']");
    b.wait_for("document.getElementById('show-results').textContent === '查看 10 个结果'");
    let (top, bottom) = rect(&mut b, "#show-results");
    assert!(
        top >= 0.0 && bottom <= 844.0,
        "count button off screen: {top}–{bottom}"
    );

    // The button folds the panel and shows the chosen filters by name.
    b.click("#show-results");
    b.wait_for("!document.getElementById('filters-toggle').open");
    let doc = dom(&mut b);
    assert_eq!(
        texts(&doc, "#chips button"),
        ["地区：新疆维吾尔自治区", "学段：小学", "清除全部筛选"]
    );
    let (top, _) = rect(&mut b, "#chips");
    assert!((-1.0..400.0).contains(&top), "chips at {top}");
    // A chip removes its own filter, in the form and the URL.
    b.click("#chips button:nth-child(2)");
    b.wait_for("document.getElementById('status').textContent.startsWith('找到 22 个项目')");
    assert_eq!(
        percent_decode(b.eval("location.search").as_str().unwrap()),
        "?region=新疆维吾尔自治区"
    );
    assert_eq!(
        b.eval("document.querySelector('input[name=stages][value=\"小学\"]').checked"),
        serde_json::json!(false)
    );
    assert_eq!(
        texts(&dom(&mut b), "#chips button"),
        ["地区：新疆维吾尔自治区"]
    );
    b.click("#chips button");
    b.wait_for("location.search === '' && document.getElementById('chips').hidden");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
}

#[test]
#[ignore = "needs chromium"]
fn a_search_that_finds_nothing_says_so_first_and_then_offers_the_facet_pages() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    phone_home(&mut b, &server.base, "q=园主");
    let (status_top, status_bottom) = rect(&mut b, "#status");
    let (browse_top, _) = rect(&mut b, "#browse");
    assert!(
        status_bottom <= browse_top,
        "the message is below the facets"
    );
    b.eval("document.getElementById('status').scrollIntoView()");
    let (top, _) = rect(&mut b, "#status");
    assert!(top < 844.0 && status_top < browse_top);
    assert_eq!(
        texts(&dom(&mut b), "#status"),
        ["没有项目包含“园主”。请换一个词，或按下面的分类浏览。"]
    );
}

#[test]
#[ignore = "needs chromium"]
fn picked_projects_are_compared_with_a_header_that_stays_and_one_can_be_dropped() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    phone_home(&mut b, &server.base, "q=校长");
    for i in 1..=3 {
        b.click(&format!("#results .result:nth-child({i}) button.pick"));
    }
    b.wait_for("document.querySelectorAll('button.pick[aria-pressed=true]').length === 3");
    // The bar never covers the page: scrolled to the end, the footer ends
    // above it.
    b.eval("window.scrollTo(0, document.body.scrollHeight)");
    let (_, footer_bottom) = rect(&mut b, ".site-footer");
    let (bar_top, _) = rect(&mut b, "#pick-bar");
    assert!(
        footer_bottom <= bar_top + 1.0,
        "footer ends at {footer_bottom}, bar starts at {bar_top}"
    );

    b.click("#pick-bar a.go");
    b.wait_for("document.getElementById('picked-status') && document.getElementById('picked-status').textContent.startsWith('并排对比 3 个项目')");
    assert_eq!(
        b.eval("getComputedStyle(document.querySelector('#picked-table thead th')).position"),
        serde_json::json!("sticky")
    );
    let before = texts(&dom(&mut b), "#picked-table thead th a");
    assert_eq!(before.len(), 3);
    b.click("#picked-table thead th:nth-child(3) button.drop");
    b.wait_for(
        "document.getElementById('picked-status').textContent.startsWith('并排对比 2 个项目')",
    );
    let after = texts(&dom(&mut b), "#picked-table thead th a");
    assert_eq!(after, [before[0].clone(), before[2].clone()]);
    let ids = b.eval("new URLSearchParams(location.search).get('ids')");
    assert_eq!(ids.as_str().unwrap().split(',').count(), 2);
    assert!(b.errors().is_empty(), "{:?}", b.errors());
}

#[test]
#[ignore = "needs chromium"]
fn up_to_six_projects_are_picked_and_a_seventh_is_refused_with_a_word() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    phone_home(&mut b, &server.base, "q=骨干");
    for i in 1..=7 {
        b.click(&format!("#results .result:nth-child({i}) button.pick"));
    }
    b.wait_for("document.querySelectorAll('button.pick[aria-pressed=true]').length === 6");
    let bar = texts(&dom(&mut b), "#pick-bar span").join("");
    assert_eq!(bar, "最多对比 6 个项目，请先移除一个");
}

#[test]
#[ignore = "needs chromium"]
fn words_typed_together_on_a_phone_find_what_they_find_apart() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    phone_home(&mut b, &server.base, "");
    b.click("#q");
    // A phone's keyboard commits the characters one by one.
    b.type_text("新疆小学");
    b.wait_for("document.getElementById('status').textContent.startsWith('按“新疆”“小学”搜索')");
    let doc = dom(&mut b);
    assert_eq!(
        texts(&doc, "#status"),
        ["按“新疆”“小学”搜索。找到 11 个项目。"]
    );
    // Every result holds both words, each marked where the card shows it,
    // and every one is from a 2024 plan, so each says 往年.
    let results = select(&doc, "#results .result");
    assert_eq!(results.len(), 11);
    for r in &results {
        let marks: Vec<String> = r
            .select(&scraper::Selector::parse("mark").unwrap())
            .map(|m| text(&m))
            .collect();
        assert!(marks.iter().any(|m| m == "新疆"), "{marks:?}");
        assert!(r
            .select(&scraper::Selector::parse(".badge.past").unwrap())
            .next()
            .is_some());
    }
    // The whole phrase first where a project holds it.
    phone_home(&mut b, &server.base, "");
    b.click("#q");
    b.type_text("小学班主任");
    b.wait_for("document.getElementById('status').textContent.includes('找到 4 个项目')");
    let titles = texts(&dom(&mut b), "#results .result h3 a");
    assert_eq!(titles[0], "县级紧缺领域骨干教师学科育人能力提升研修项目");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
}
