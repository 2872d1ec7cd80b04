//! axe-core (WCAG 2.1 A and AA, and best practice) on every kind of page of
//! the bundled site, at a phone's and a desktop's width, after the scripts
//! ran. axe-core comes from npm: `npm ci --prefix tests/axe` (`.ci/run`
//! does it). Ignored in plain `cargo test`, like the other browser tests.

use crate::browser::build_site;
use crate::browser_support::*;
use crate::support::repo;
use serde_json::Value;

/// One page of each kind, with the state its scripts are in.
const PAGES: &[&str] = &[
    "/",
    "/?q=班主任&stages=小学",
    "/?q=班主仁",
    "/?q=园主",
    "/?q=保育员+高中",
    "/?region=重庆市&cycle_years=2-&month=7",
    "/?stages=小学&region=新疆维吾尔自治区",
    "/?q=小学班主任",
    "/projects/cq2026-zhuoyue-xiaozhang/",
    "/projects/qj2022-xiaozhang-fangxue/",
    "/catalogs/",
    "/catalogs/qianjiang-2022/",
    "/catalogs/guopei-zhongxibu-guidance/",
    "/categories/",
    "/categories/principal/",
    "/regions/",
    "/regions/重庆市/",
    "/districts/",
    "/districts/黔江区/",
    "/months/",
    "/months/7/",
    "/plans/",
    "/audience/班主任/",
    "/stages/小学/",
    "/stages/未注明/",
    "/how-to-join/",
    "/projects/",
    "/compare/roles/校长/",
    "/compare/",
    "/compare/principal/",
    "/compare/?ids=cq2026-zhuoyue-xiaozhang,xj2024-youxiu-xiaoyuanzhang",
    "/404.html",
];

/// A phone and a desktop, and a phone in dark mode (the theme has one).
const VIEWS: [(u32, &str); 3] = [(412, "light"), (1280, "light"), (412, "dark")];

/// What axe reports for the page: one line per rule broken, with the nodes.
const RUN_AXE: &str = r#"axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
    resultTypes: ['violations']
}).then(r => r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '\n      ' +
    v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' — ' + n.failureSummary.replace(/\s+/g, ' ')).join('\n      ')))"#;

fn axe_source() -> String {
    let path = repo().join("tests/axe/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}\ninstall axe-core first: npm ci --prefix tests/axe",
            path.display()
        )
    })
}

#[test]
#[ignore = "needs chromium and axe-core (npm ci --prefix tests/axe)"]
fn every_kind_of_page_passes_axe_at_phone_and_desktop_widths() {
    let axe = axe_source();
    let (_dir, output) = build_site(repo());
    for page in PAGES {
        let file = page.split('?').next().unwrap_or_default();
        let file = percent_decode(file.trim_start_matches('/'));
        let on_disk = output.join(&file);
        assert!(
            on_disk.is_file() || on_disk.join("index.html").is_file(),
            "{page} is not in the built site"
        );
    }
    let server = StaticServer::start(&output);
    let mut b = Browser::launch();
    let mut report = Vec::new();
    for (width, scheme) in VIEWS {
        b.set_width(width);
        b.send(
            "Emulation.setEmulatedMedia",
            serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": scheme}]}),
        );
        for page in PAGES {
            b.goto(&format!("{}{page}", server.base));
            // Scripts done: the finder's status settled, compare's table drawn.
            b.wait_for(
                "(() => { const s = document.getElementById('status'); return !s || (s.textContent && !s.textContent.startsWith('正在加载')); })()",
            );
            // The filters as a phone shows them once unfolded.
            b.eval("(() => { const t = document.getElementById('filters-toggle'); if (t) t.open = true; return true; })()");
            if page.contains("ids=") {
                b.wait_for("document.querySelector('#picked-table tbody tr')");
            }
            b.eval(&format!("{axe};true"));
            let found: Vec<String> =
                serde_json::from_value(b.eval(RUN_AXE)).unwrap_or_else(|e| panic!("{page}: {e}"));
            for v in found {
                report.push(format!("{page} at {width}px, {scheme}: {v}"));
            }
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
    // The check itself works: a page with an image without text fails it.
    b.eval(
        "document.body.appendChild(Object.assign(document.createElement('img'), {src: '/x.png'}))",
    );
    let broken: Value = b.eval(RUN_AXE);
    assert!(
        broken.to_string().contains("image-alt"),
        "axe did not see an image without alt: {broken}"
    );
}
