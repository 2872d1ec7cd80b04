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
    scraper::Html::parse_document(b.eval("document.documentElement.outerHTML").as_str().unwrap_or_default())
}

#[test]
#[ignore = "needs chromium"]
fn a_filter_offers_the_projects_that_leave_it_unstated_and_one_tap_adds_them() {
    let (_dir, output) = build_site(repo());
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let doc = phone_home(&mut b, &server.base, "stages=小学&region=新疆维吾尔自治区");
    assert_eq!(texts(&doc, "#status"), ["找到 10 个项目（已按 2 个条件筛选）。"]);
    assert_eq!(
        texts(&doc, "#unstated"),
        ["另有 6 个项目未注明学段，可能也适合您。一并显示"]
    );
    let titles = texts(&doc, "#results .result h3 a");
    assert!(!titles.contains(&"“一对一”精准帮扶培训".to_string()), "{titles:?}");

    b.click("#unstated button");
    b.wait_for("document.getElementById('status').textContent.startsWith('找到 16 个项目')");
    let doc = dom(&mut b);
    let titles = texts(&doc, "#results .result h3 a");
    assert!(titles.contains(&"“一对一”精准帮扶培训".to_string()), "{titles:?}");
    assert!(select(&doc, "#unstated:not([hidden])").is_empty());
    // The choice is in the URL: a shared link shows the same.
    let href = b.eval("location.search").as_str().unwrap_or_default().to_string();
    assert_eq!(percent_decode(&href), "?region=新疆维吾尔自治区&stages=小学&stages=未注明");
    let again = phone_home(&mut b, &server.base, &href[1..]);
    assert_eq!(texts(&again, "#results .result h3 a"), titles);

    // A range leaves out projects with no figure the same way.
    let doc = phone_home(&mut b, &server.base, "q=班主任&offline_days=10-");
    let offer = texts(&doc, "#unstated").join("");
    assert!(offer.starts_with("另有 ") && offer.contains("个项目未注明线下集中天数"), "{offer}");
    b.click("#unstated button");
    b.wait_for("location.search.includes('unstated=offline_days')");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
}
