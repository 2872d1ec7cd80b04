//! `peixun serve` on 127.0.0.1 with an ephemeral port, in a temporary copy
//! of a fixture site; every server is stopped (SIGINT) when its test ends.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `peixun serve`; stopped with SIGINT on drop.
struct Server {
    child: Child,
    addr: String,
    log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    fn start(site: &TestSite, extra: &[&str]) -> Server {
        let mut child = peixun_command()
            .args(["serve", "--root"])
            .arg(site.root())
            .args(["--port", "0"])
            .args(extra)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start peixun serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let host = line[at + 7..].split('/').next().unwrap_or("");
                    let _ = tx.send(host.to_string());
                }
                sink.lock().unwrap().push(line);
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("serve printed its address");
        Server { child, addr, log }
    }

    fn get(&self, path: &str) -> Reply {
        http(&self.addr, "GET", path)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// SIGINT, as Ctrl-C would send; returns whether it exited in time.
    fn interrupt(&mut self) -> bool {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        if !self.interrupt() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The diagnostics the error overlay of a page shows, as written.
fn overlay_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    select(&doc, "#peixun-overlay pre")
        .first()
        .map(|pre| pre.text().collect())
        .unwrap_or_default()
}

/// A request as [`http_request`] sends it, the body read as text.
fn http(addr: &str, method: &str, path: &str) -> Reply {
    let reply = http_request(addr, method, path, &[]);
    Reply {
        status: reply.status,
        headers: reply.headers,
        body: String::from_utf8_lossy(&reply.body).into_owned(),
    }
}

fn wait_until(what: &str, mut ok: impl FnMut() -> bool, limit: Duration) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        if ok() {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("{what} did not happen within {limit:?}");
}

#[test]
fn serves_pages_with_types_redirects_404_and_no_store() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    assert!(home.body.contains("<h1>测试目录</h1>"));
    assert!(
        home.body.contains("/__peixun/reload.js"),
        "served pages carry the reload script"
    );
    for (path, kind) in [
        ("/style.css", "text/css; charset=utf-8"),
        ("/search.js", "text/javascript; charset=utf-8"),
        ("/catalog.json", "application/json; charset=utf-8"),
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/compare/backbone-teacher.csv", "text/csv; charset=utf-8"),
        ("/projects/cq-teacher/", "text/html; charset=utf-8"),
        (
            "/regions/%E9%87%8D%E5%BA%86%E5%B8%82/",
            "text/html; charset=utf-8",
        ),
    ] {
        let r = server.get(path);
        assert_eq!(
            (r.status, r.header("Content-Type")),
            (200, Some(kind)),
            "{path}"
        );
    }
    let r = server.get("/projects/cq-teacher?from=x");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/projects/cq-teacher/?from=x"));
    let r = server.get("/no/such/page/");
    assert_eq!(r.status, 404);
    assert!(r.body.contains("页面不存在"), "the site's own 404 page");
    // Links on served pages point at the server, not at site.toml's base_url.
    let doc = scraper::Html::parse_document(&server.get("/projects/cq-teacher/").body);
    assert!(attrs(&doc, "link[rel=canonical]", "href")[0]
        .starts_with(&format!("http://{}/", server.addr)));
    // The built output/ is not touched by serve.
    assert!(!site.root().join("output").exists());
}

#[test]
fn traversal_in_any_form_gets_404() {
    let site = TestSite::fixture();
    std::os::unix::fs::symlink(
        "/etc/passwd",
        site.root().join("themes/default/static/leak"),
    )
    .unwrap();
    std::os::unix::fs::symlink(
        site.root().join("site.toml"),
        site.root().join("themes/default/static/config.toml"),
    )
    .unwrap();
    let server = Server::start(&site, &[]);
    for path in [
        "/../site.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/site.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/%2e%2e%2fsite.toml",
        "/..%2fsite.toml",
        "/..%5csite.toml",
        "/..\\site.toml",
        "/projects/..%2f..%2fsite.toml",
        "/projects/%2e%2e/%2e%2e/site.toml",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/C:/Windows/win.ini",
        "/content/chongqing-2026/_catalog.md",
        "/site.toml",
        "/leak",
        "/config.toml",
        "/%00",
        "/%zz",
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.body.contains("root:"), "{path} leaked /etc/passwd");
        assert!(!r.body.contains("base_url"), "{path} leaked site.toml");
    }
}

#[test]
fn two_hundred_parallel_requests_all_succeed() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    let paths = [
        "/",
        "/projects/cq-teacher/",
        "/style.css",
        "/search_index.json",
        "/catalog.json",
    ];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let addr = server.addr.clone();
                let path = paths[i % paths.len()];
                scope.spawn(move || http(&addr, "GET", path).status)
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|&&s| s == 200).count(),
        200,
        "{statuses:?}"
    );
}

#[test]
fn an_edit_shows_at_once_and_a_broken_file_shows_its_error_until_fixed() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    // Listen to the reload events as a browser would.
    let mut events = TcpStream::connect(&server.addr).unwrap();
    write!(events, "GET /__peixun/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 4096];
    let mut read_until = |events: &mut TcpStream, needle: &str, seen: &mut String| {
        let start = Instant::now();
        while !seen.contains(needle) && start.elapsed() < Duration::from_secs(5) {
            if let Ok(n) = events.read(&mut buf) {
                seen.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
        assert!(seen.contains(needle), "no {needle:?} in {seen}");
    };
    read_until(&mut events, "event: version", &mut seen);

    let path = "content/chongqing-2026/cq-teacher.md";
    let original = site.read(path);
    site.write(
        path,
        original
            .replace(
                "重庆市骨干教师培养对象培训项目",
                "重庆市骨干教师培养对象培训项目（修订）",
            )
            .as_bytes(),
    );
    let took = wait_until(
        "the edited title",
        || {
            server
                .get("/projects/cq-teacher/")
                .body
                .contains("培训项目（修订）")
        },
        Duration::from_secs(2),
    );
    eprintln!("edit visible after {took:?}");
    read_until(&mut events, "event: reload", &mut seen);
    // The page that lists it changed too (incremental rebuild).
    assert!(server
        .get("/catalogs/chongqing-2026/")
        .body
        .contains("培训项目（修订）"));

    // A broken file: the error is shown on every page, the last good site stays.
    site.write(
        path,
        original
            .replace("offline_days = 30", "offline_days = \"三十\"")
            .as_bytes(),
    );
    wait_until(
        "the error overlay",
        || server.get("/").body.contains("peixun-overlay"),
        Duration::from_secs(3),
    );
    let page = server.get("/projects/cq-teacher/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("培训项目（修订）"),
        "last good page still served"
    );
    assert_eq!(
        overlay_text(&page.body),
        "错误：`offline_days` 应为整数，例如 offline_days = 30
  --> content/chongqing-2026/cq-teacher.md:12:16
   |
12 | offline_days = \"三十\"
   |                ^^^^^^
   = 提示：现在写的是带引号的文字 \"三十\"：数字不加引号

"
    );
    read_until(&mut events, "event: problem", &mut seen);
    assert!(server
        .log()
        .contains("content/chongqing-2026/cq-teacher.md"));

    // Fixing it clears the overlay.
    site.write(path, original.as_bytes());
    wait_until(
        "the overlay to clear",
        || {
            let body = server.get("/projects/cq-teacher/").body;
            !body.contains("peixun-overlay") && body.contains("<h1>") && !body.contains("（修订）")
        },
        Duration::from_secs(3),
    );
}

#[test]
fn new_and_deleted_files_and_theme_edits_rebuild_and_editor_files_are_ignored() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    let extra = fixture_text("content/chongqing-2026/cq-banzhuren.md")
        .replace("重庆市骨干班主任培养对象培训项目", "新加的项目");
    site.write("content/chongqing-2026/cq-new.md", extra.as_bytes());
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_until(
            "the new project",
            || server.get("/projects/cq-new/").status == 200,
            Duration::from_secs(3),
        )
    }))
    .is_err()
    {
        panic!("new project not served; log:\n{}", server.log());
    }
    std::fs::remove_file(site.root().join("content/chongqing-2026/cq-new.md")).unwrap();
    wait_until(
        "the deleted project to go",
        || server.get("/projects/cq-new/").status == 404,
        Duration::from_secs(3),
    );
    let css = site.root().join("themes/default/static/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* edited */\n");
    std::fs::write(&css, text).unwrap();
    wait_until(
        "the theme edit",
        || server.get("/style.css").body.contains("/* edited */"),
        Duration::from_secs(3),
    );
    // An editor's swap file is not content: no error, no rebuild of it.
    // Page rebuilds only: the background index logs "搜索索引已更新"
    // whenever it finishes.
    let page_rebuilds = || {
        server
            .log()
            .lines()
            .filter(|l| l.starts_with("已重新生成"))
            .count()
    };
    // The served files change before the rebuild's line is logged: wait
    // until the log has been quiet for a while before counting.
    let mut before = page_rebuilds();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        let now = page_rebuilds();
        if now == before {
            break;
        }
        before = now;
    }
    site.write(
        "content/chongqing-2026/.cq-teacher.md.swp",
        b"\0binary swap",
    );
    site.write("content/chongqing-2026/cq-teacher.md~", b"backup");
    std::thread::sleep(Duration::from_millis(600));
    assert_eq!(page_rebuilds(), before, "{}", server.log());
    assert!(!server.get("/").body.contains("peixun-overlay"));
}

#[test]
fn a_port_in_use_is_reported_and_the_next_one_taken() {
    let site = TestSite::fixture();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let mut child = peixun_command()
        .args(["serve", "--root"])
        .arg(site.root())
        .args(["--port", &port.to_string()])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let mut said = String::new();
    for line in lines.by_ref().map_while(Result::ok) {
        said.push_str(&line);
        said.push('\n');
        if line.contains("正在预览") {
            break;
        }
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let _ = child.wait();
    assert!(
        said.contains(&format!("端口 {port} 已被占用，改用 ")),
        "{said}"
    );
    drop(taken);
}

#[test]
fn ctrl_c_stops_it_and_leaves_nothing_behind() {
    let site = TestSite::fixture();
    let before = site.tree();
    let mut server = Server::start(&site, &[]);
    assert_eq!(server.get("/").status, 200);
    let addr = server.addr.clone();
    assert!(server.interrupt(), "serve did not stop on SIGINT");
    assert!(TcpStream::connect(&addr).is_err(), "still listening");
    assert_eq!(site.tree(), before, "serve wrote into the site");
}

#[test]
#[ignore = "needs chromium"]
fn an_open_page_reloads_itself_keeps_its_scroll_and_shows_errors() {
    use crate::browser_support::Browser;
    let site = TestSite::fixture();
    // A long page, so there is something to scroll.
    let path = "content/chongqing-2026/cq-teacher.md";
    let original = site.read(path);
    let long = format!("{original}\n{}", "\n一段很长的正文。\n".repeat(200));
    site.write(path, long.as_bytes());
    let server = Server::start(&site, &[]);
    let mut b = Browser::launch();
    b.goto(&format!("http://{}/projects/cq-teacher/", server.addr));
    b.wait_for(
        "window.EventSource && document.querySelector('script[src=\"/__peixun/reload.js\"]')",
    );
    std::thread::sleep(Duration::from_millis(300)); // the event stream connects
    b.eval("window.scrollTo(0, 1200); window.__before = true");
    site.write(
        path,
        long.replace("重庆市骨干教师培养对象培训项目", "改过的标题")
            .as_bytes(),
    );
    b.wait_for(
        "!window.__before && document.querySelector('h1').textContent.includes('改过的标题')",
    );
    b.wait_for("Math.abs(window.scrollY - 1200) < 50");

    site.write(
        path,
        long.replace("offline_days = 30", "offline_days = \"三十\"")
            .as_bytes(),
    );
    b.wait_for("document.getElementById('peixun-overlay')");
    let text = b.eval("document.querySelector('#peixun-overlay pre').textContent");
    assert!(
        text.as_str()
            .unwrap()
            .contains("content/chongqing-2026/cq-teacher.md:"),
        "{text}"
    );
    site.write(path, long.as_bytes());
    b.wait_for("!document.getElementById('peixun-overlay') && document.querySelector('h1').textContent.includes('骨干教师')");
}

#[test]
fn an_edit_reaches_every_page_and_file_that_shows_the_project() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    let path = "content/xinjiang-2024/xj-teacher.md";
    let original = site.read(path);
    // Two saves, so the second goes through the caches the first filled.
    for title in ["新疆骨干教师培训（一改）", "新疆骨干教师培训（二改）"] {
        site.write(
            path,
            original
                .replace(
                    "title = \"新疆骨干教师培训\"",
                    &format!("title = \"{title}\""),
                )
                .as_bytes(),
        );
        wait_until(
            "the project page",
            || server.get("/projects/xj-teacher/").body.contains(title),
            Duration::from_secs(3),
        );
        // Same category in another region: its "similar projects" list.
        assert!(server.get("/projects/cq-teacher/").body.contains(title));
        // The facet page of 教师 (percent-encoded as a browser sends it).
        assert!(server
            .get("/audience/%E6%95%99%E5%B8%88/")
            .body
            .contains(title));
        assert!(server.get("/catalogs/xinjiang-2024/").body.contains(title));
        assert!(server.get("/catalog.json").body.contains(title));
        assert!(server.get("/search_docs/0.json").body.contains(title));
        // The project that was not edited keeps its own title.
        assert!(server
            .get("/projects/cq-teacher/")
            .body
            .contains("重庆市骨干教师培养对象培训项目"));
    }
}

#[test]
fn a_catalog_edit_reaches_the_cards_and_data_of_its_unchanged_projects() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    // A first save of a project fills the caches of cards and JSON entries.
    let project = "content/xinjiang-2024/xj-teacher.md";
    site.edit(project, "新疆骨干教师培训", "新疆骨干教师培训（改）");
    wait_until(
        "the project edit",
        || server.get("/projects/xj-teacher/").body.contains("（改）"),
        Duration::from_secs(3),
    );
    // The catalog's year changes; its project file does not.
    site.write(
        "content/xinjiang-2024/_catalog.md",
        fixture_text("content/xinjiang-2024/_catalog.md")
            .replace("year = 2024", "year = 2023")
            .as_bytes(),
    );
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        wait_until(
            "the catalog edit",
            || {
                server
                    .get("/catalogs/xinjiang-2024/")
                    .body
                    .contains("2023年")
            },
            Duration::from_secs(3),
        )
    }))
    .is_err()
    {
        panic!("catalog edit not served; log:\n{}", server.log());
    }
    // The card on a facet page and the project's entries in the data files.
    let facet = server.get("/audience/%E6%95%99%E5%B8%88/").body;
    let card = facet
        .split("<li class=\"card")
        .find(|c| c.contains("（改）"))
        .unwrap_or_default()
        .to_string();
    assert!(card.contains("2023年"), "stale card: {card}");
    let catalog: serde_json::Value =
        serde_json::from_str(&server.get("/catalog.json").body).unwrap();
    let entry = catalog["projects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "xj-teacher")
        .unwrap()
        .clone();
    assert_eq!(entry["year"], 2023);
    assert!(server
        .get("/search_docs/0.json")
        .body
        .contains("\"year\":2023"));
}

#[test]
fn a_facet_value_no_project_has_any_more_loses_its_page() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    // 初中 is a stage of one fixture project only.
    let stage = "/stages/%E5%88%9D%E4%B8%AD/";
    assert_eq!(server.get(stage).status, 200);
    let path = "content/chongqing-2026/cq-teacher.md";
    site.edit(path, "stages = [\"小学\", \"初中\"]", "stages = [\"小学\"]");
    wait_until(
        "the page of 初中 to go",
        || server.get(stage).status == 404,
        Duration::from_secs(3),
    );
}

#[test]
fn a_facet_value_list_that_gains_or_loses_a_page_gains_or_loses_its_url() {
    let site = TestSite::fixture();
    site.set_search_options("facet_page_size = 1");
    let server = Server::start(&site, &[]);
    // 小学 is a stage of one fixture project: one page.
    let second = "/stages/%E5%B0%8F%E5%AD%A6/page/2/";
    assert_eq!(server.get("/stages/%E5%B0%8F%E5%AD%A6/").status, 200);
    assert_eq!(server.get(second).status, 404);
    let path = "content/xinjiang-2024/xj-teacher.md";
    let text = site.edit(path, "stages = [\"高中\"]", "stages = [\"小学\", \"高中\"]");
    wait_until(
        "the second page of 小学 to appear",
        || server.get(second).status == 200,
        Duration::from_secs(3),
    );
    site.write(path, text.as_bytes());
    wait_until(
        "the second page of 小学 to go",
        || server.get(second).status == 404,
        Duration::from_secs(3),
    );
}

#[test]
fn a_saved_broken_link_is_reported_and_a_renumbered_project_moves() {
    let site = TestSite::fixture();
    let server = Server::start(&site, &[]);
    let path = "content/chongqing-2026/cq-banzhuren.md";
    let original = site.read(path);
    // A link to no page, saved into a project whose other fields stay.
    site.write(
        path,
        format!("{original}\n见[旧页](/projects/no-such-page/)。\n").as_bytes(),
    );
    wait_until(
        "the broken link's overlay",
        || server.get("/").body.contains("peixun-overlay"),
        Duration::from_secs(3),
    );
    assert_eq!(
        overlay_text(&server.get("/").body),
        "错误：链接到 `/projects/no-such-page/`，但本站没有这个页面
  --> content/chongqing-2026/cq-banzhuren.md:14:7
   |
14 | 见[旧页](/projects/no-such-page/)。
   |          ^^^^^^^^^^^^^^^^^^^^^^^

"
    );
    site.write(path, original.as_bytes());
    wait_until(
        "the overlay to clear",
        || !server.get("/").body.contains("peixun-overlay"),
        Duration::from_secs(3),
    );
    // Renumbered before the other project: the document's order follows.
    let order = |server: &Server| -> Vec<String> {
        let doc = scraper::Html::parse_document(&server.get("/catalogs/chongqing-2026/").body);
        texts(&doc, ".card h3 a")
    };
    assert_eq!(
        order(&server),
        [
            "重庆市骨干教师培养对象培训项目",
            "重庆市骨干班主任培养对象培训项目"
        ]
    );
    let number = original
        .lines()
        .find(|l| l.starts_with("number = "))
        .unwrap()
        .to_string();
    site.write(
        path,
        original
            .replace(&number, "number = \"一.(一).0\"")
            .as_bytes(),
    );
    wait_until(
        "the new order",
        || order(&server).first().map(String::as_str) == Some("重庆市骨干班主任培养对象培训项目"),
        Duration::from_secs(3),
    );
}

/// The dev server starts from the content the last build stored, as a
/// build does, and writes nothing into the store.
#[test]
fn serve_starts_from_the_content_the_last_build_stored() {
    let site = TestSite::fixture();
    settle_content(&site);
    site.build_ok();
    let store = site.root().join(".peixun-cache/content/xinjiang-2024");
    let stored = std::fs::read(&store).unwrap();
    // Changed behind the build's back, stamp and all: what is served is
    // what was stored, which shows the file was not read.
    alter_keeping_stamp(
        &site,
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"新疆",
        "title = \"边疆",
    );
    let server = Server::start(&site, &[]);
    let page = server.get("/projects/xj-teacher/").body;
    assert!(page.contains("新疆骨干教师培训"), "{page}");
    assert!(!page.contains("边疆"), "{page}");
    // Saved while serving: read again, stored or not.
    site.edit(
        "content/xinjiang-2024/xj-teacher.md",
        "title = \"边疆骨干",
        "title = \"边疆地区骨干",
    );
    wait_until(
        "the saved title",
        || {
            server
                .get("/projects/xj-teacher/")
                .body
                .contains("边疆地区骨干教师培训")
        },
        Duration::from_secs(3),
    );
    assert_eq!(
        std::fs::read(&store).unwrap(),
        stored,
        "serve wrote the store"
    );
}

/// The model a save patches: projects and catalogs whose file was not read
/// again are the very ones the model holds; a project read again takes its
/// own place, a catalog read again unchanged too, and anything else (a
/// catalog changed, a project gone and another come, the same project
/// twice) makes the model be built anew.
#[test]
fn a_patched_model_takes_the_projects_read_again_and_nothing_else() {
    use std::sync::Arc;
    let site = TestSite::fixture();
    let config = peixun::Config::load(site.root()).unwrap();
    let content = peixun::content::load(site.root(), &config, None, None).unwrap();
    let copy = |c: &peixun::content::Content| peixun::content::Content {
        catalogs: c.catalogs.clone(),
        projects: c.projects.clone(),
    };
    let model = peixun::Site::new(config.clone(), copy(&content));
    let slugs =
        |s: &peixun::Site| -> Vec<String> { s.projects.iter().map(|p| p.slug.clone()).collect() };

    // Nothing read again: the same projects, none changed.
    let (same, changed) = model.patched(config.clone(), &content).unwrap();
    assert!(changed.is_empty());
    assert!(same
        .projects
        .iter()
        .zip(&model.projects)
        .all(|(a, b)| Arc::ptr_eq(a, b)));

    // One project read again with a new title: it alone changed, in its place.
    let at = content
        .projects
        .iter()
        .position(|p| p.slug == "cq-teacher")
        .unwrap();
    let mut edited = copy(&content);
    let mut project = (*edited.projects[at]).clone();
    project.title.push_str("（修订）");
    edited.projects[at] = Arc::new(project);
    let (patched, changed) = model.patched(config.clone(), &edited).unwrap();
    let index = model
        .projects
        .iter()
        .position(|p| p.slug == "cq-teacher")
        .unwrap();
    assert_eq!(changed, [index]);
    assert_eq!(slugs(&patched), slugs(&model));
    assert!(patched.projects[index].title.ends_with("（修订）"));
    assert!(patched
        .projects
        .iter()
        .enumerate()
        .all(|(i, p)| i == index || Arc::ptr_eq(p, &model.projects[i])));

    // A catalog read again as it was: the model takes the one read, so that
    // the next save finds it by pointer; one read again changed makes a
    // new model.
    let mut reread = copy(&content);
    reread.catalogs[0] = Arc::new((*content.catalogs[0]).clone());
    let (patched, changed) = model.patched(config.clone(), &reread).unwrap();
    assert!(changed.is_empty());
    assert!(patched
        .catalogs
        .iter()
        .any(|c| Arc::ptr_eq(c, &reread.catalogs[0])));
    assert!(!model
        .catalogs
        .iter()
        .any(|c| Arc::ptr_eq(c, &reread.catalogs[0])));
    let mut retitled = copy(&content);
    let mut catalog = (*content.catalogs[0]).clone();
    catalog.title.push_str("（修订）");
    retitled.catalogs[0] = Arc::new(catalog);
    assert!(model.patched(config.clone(), &retitled).is_none());

    // A project gone and another come, as many as before.
    let mut renamed = copy(&content);
    let mut project = (*renamed.projects[at]).clone();
    project.slug = "cq-teacher-2".into();
    renamed.projects[at] = Arc::new(project);
    assert!(model.patched(config.clone(), &renamed).is_none());

    // The same project twice: as read before and read again.
    let mut twice = copy(&content);
    let other = (at + 1) % twice.projects.len();
    twice.projects[other] = Arc::new((*content.projects[at]).clone());
    assert!(model.patched(config, &twice).is_none());
}

/// On a site above `home_cards_max`, the home, projects and catalogs pages
/// count projects instead of listing them: a save that moves a project to
/// another facet value updates their counts (without rebuilding the whole
/// site), and one that only retitles it leaves them as they were.
#[test]
fn a_save_that_moves_a_project_updates_the_counts_of_the_list_pages() {
    let site = TestSite::fixture();
    site.set_search_options("home_cards_max = 1");
    let server = Server::start(&site, &[]);
    let stage_count = |stage: &str| -> Vec<String> {
        let home = scraper::Html::parse_document(&server.get("/").body);
        select(&home, ".facets .facet-values li")
            .iter()
            .map(text)
            .filter(|t| t.starts_with(stage))
            .collect()
    };
    assert_eq!(stage_count("小学"), ["小学 1"]);
    let path = "content/xinjiang-2024/xj-teacher.md";
    site.edit(
        path,
        "title = \"新疆骨干教师培训\"",
        "title = \"新疆骨干教师培训（改）\"",
    );
    wait_until(
        "the retitled project",
        || {
            server
                .get("/projects/xj-teacher/")
                .body
                .contains("培训（改）")
        },
        Duration::from_secs(3),
    );
    assert_eq!(stage_count("小学"), ["小学 1"]);
    assert!(server.get("/catalogs/").body.contains("新疆"));
    site.edit(path, "stages = [\"高中\"]", "stages = [\"高中\", \"小学\"]");
    wait_until(
        "the home page's count of 小学",
        || stage_count("小学") == ["小学 2"],
        Duration::from_secs(3),
    );
    assert_eq!(stage_count("高中"), ["高中 1"]);
    // Both saves rendered the changed pages only.
    let log = server.log();
    assert_eq!(log.matches("已重新生成改动的页面").count(), 2, "{log}");
    assert_eq!(log.matches("已重新生成整个网站").count(), 1, "{log}");
}
