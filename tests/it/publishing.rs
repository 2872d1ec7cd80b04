//! Publishing on a real web server: the bundled site built for a sub-path
//! with `--precompress`, served by Debian's nginx on 127.0.0.1 with the
//! server block docs/publishing.md gives (taken from that file), and
//! checked as a reader's browser would use it. Ignored in plain
//! `cargo test` (needs nginx and its Brotli module; `.ci/run` installs
//! them); nginx is stopped when the test ends.

use crate::browser_support::*;
use crate::support::*;
use std::collections::{BTreeSet, VecDeque};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SUB_PATH: &str = "/peixun/";
const BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// nginx in the foreground, one process, everything it writes under `dir`.
struct Nginx {
    child: Child,
    addr: String,
    error_log: PathBuf,
}

impl Nginx {
    /// Serves `root` (which holds the site under `SUB_PATH`) with the
    /// server block of docs/publishing.md.
    fn start(dir: &Path, root: &Path, port: u16) -> Nginx {
        let docs =
            std::fs::read_to_string(repo().join("docs/publishing.md")).expect("docs/publishing.md");
        let block = docs
            .split("```nginx\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("an nginx block in docs/publishing.md");
        assert!(block.contains("listen 80;") && block.contains("root /var/www/site;"));
        let server = block
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("root /var/www/site;", &format!("root {};", root.display()));
        let d = dir.display();
        let conf = format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
             error_log {d}/error.log;\nload_module {BROTLI_MODULE};\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
             client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n\
             uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n{server}\n}}\n"
        );
        let conf_path = dir.join("nginx.conf");
        std::fs::write(&conf_path, conf).unwrap();
        let error_log = dir.join("error.log");
        let mut child = Command::new(nginx_binary())
            .arg("-p")
            .arg(dir)
            .arg("-e")
            .arg(&error_log)
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run nginx (apt-get install nginx libnginx-mod-http-brotli-static)");
        let addr = format!("127.0.0.1:{port}");
        let start = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = e.read_to_string(&mut err);
                }
                let log = std::fs::read_to_string(&error_log).unwrap_or_default();
                panic!("nginx exited ({status}): {err}{log}");
            }
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "nginx did not listen"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        Nginx {
            child,
            addr,
            error_log,
        }
    }

    fn get(&self, path: &str, headers: &[(&str, &str)]) -> HttpReply {
        http_request(&self.addr, "GET", path, headers)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn nginx_binary() -> String {
    std::env::var("PEIXUN_NGINX").unwrap_or_else(|_| {
        if Path::new("/usr/sbin/nginx").exists() {
            "/usr/sbin/nginx".into()
        } else {
            "nginx".into()
        }
    })
}

/// A port free at the moment of asking.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The site paths (`/peixun/…`, without fragment or query) that a page's
/// href, src and action attributes point to.
fn links_of(html: &str, page: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let mut out = Vec::new();
    for attr in ["href", "src", "action"] {
        for el in select(&doc, &format!("[{attr}]")) {
            let Some(v) = el.value().attr(attr) else {
                continue;
            };
            let v = v.split('#').next().unwrap_or_default();
            let v = v.split('?').next().unwrap_or_default();
            if v.is_empty()
                || v.contains("://")
                || v.starts_with("mailto:")
                || v.starts_with("data:")
            {
                continue;
            }
            assert!(
                v.starts_with(SUB_PATH),
                "{page}: link {v} is outside {SUB_PATH}"
            );
            out.push(v.to_string());
        }
    }
    out
}

#[test]
#[ignore = "needs nginx and libnginx-mod-http-brotli-static"]
fn the_site_works_under_a_sub_path_on_nginx_with_precompressed_files() {
    let dir = tempfile::Builder::new()
        .prefix("peixun-nginx-")
        .tempdir()
        .unwrap();
    let port = free_port();
    let root = dir.path().join("www");
    let site = root.join(SUB_PATH.trim_matches('/'));
    let repo = repo();
    let built = peixun_command()
        .arg("build")
        .arg("--root")
        .arg(repo)
        .arg("--output")
        .arg(&site)
        .args(["--base-url", &format!("http://127.0.0.1:{port}{SUB_PATH}")])
        .arg("--precompress")
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let nginx = Nginx::start(dir.path(), &root, port);

    // Every page reachable from the home page, and every file they link
    // to, answers 200 under the sub-path.
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([SUB_PATH.to_string()]);
    let mut pages = 0;
    while let Some(path) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let reply = nginx.get(&path, &[]);
        assert_eq!(reply.status, 200, "{path}");
        let html = reply
            .header("Content-Type")
            .is_some_and(|t| t.starts_with("text/html"));
        if html {
            assert_eq!(
                reply.header("Content-Type"),
                Some("text/html; charset=utf-8"),
                "{path}"
            );
            pages += 1;
            queue.extend(links_of(&String::from_utf8_lossy(&reply.body), &path));
        }
    }
    let on_disk = walkdir::WalkDir::new(&site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .count();
    assert!(
        pages >= on_disk,
        "{pages} pages reached of the {on_disk} built"
    );

    // Content types and charsets of the data files.
    for (path, want) in [
        ("search_index.json", "application/json; charset=utf-8"),
        ("search_index/0.bin", "application/octet-stream"),
        ("style.css", "text/css; charset=utf-8"),
        ("search.js", "application/javascript; charset=utf-8"),
        ("compare/overview.csv", "text/csv; charset=utf-8"),
        ("atom.xml", "text/xml; charset=utf-8"),
    ] {
        let reply = nginx.get(&format!("{SUB_PATH}{path}"), &[]);
        assert_eq!(
            (reply.status, reply.header("Content-Type")),
            (200, Some(want)),
            "{path}"
        );
    }

    // gzip and Brotli: the files --precompress wrote, chosen by the
    // browser's Accept-Encoding, and the same bytes once decoded.
    for path in ["search_index/0.bin", "index.html", "compare/overview.csv"] {
        let plain = std::fs::read(site.join(path)).unwrap();
        let url = format!("{SUB_PATH}{path}");
        let url = if path == "index.html" {
            SUB_PATH.to_string()
        } else {
            url
        };
        let gz = nginx.get(&url, &[("Accept-Encoding", "gzip")]);
        assert_eq!(gz.header("Content-Encoding"), Some("gzip"), "{path}");
        let on_disk = std::fs::read(site.join(format!("{path}.gz"))).unwrap();
        assert_eq!(gz.body, on_disk, "{path}: not the precompressed file");
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&gz.body[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain, "{path}: gzip");
        let br = nginx.get(&url, &[("Accept-Encoding", "br, gzip")]);
        assert_eq!(br.header("Content-Encoding"), Some("br"), "{path}");
        let mut decoded = Vec::new();
        brotli::Decompressor::new(&br.body[..], 4096)
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain, "{path}: brotli");
        let none = nginx.get(&url, &[]);
        assert_eq!(
            (none.header("Content-Encoding"), &none.body),
            (None, &plain)
        );
    }

    // A missing page: the site's own 404 page, with status 404.
    let missing = nginx.get(&format!("{SUB_PATH}projects/no-such-project/"), &[]);
    assert_eq!(missing.status, 404);
    let doc = scraper::Html::parse_document(&String::from_utf8_lossy(&missing.body));
    assert_eq!(texts(&doc, "h1"), ["页面不存在"]);
    // A folder without its slash: redirected to it, on the reader's host.
    let folder = nginx.get(&format!("{SUB_PATH}catalogs"), &[]);
    assert_eq!(
        (folder.status, folder.header("Location")),
        (301, Some(format!("{SUB_PATH}catalogs/").as_str()))
    );

    // Search, filters and pinyin in Chromium, through nginx.
    let base = format!("http://{}{}", nginx.addr, SUB_PATH.trim_end_matches('/'));
    let mut b = Browser::launch();
    let html = b.open_home(&base, "q=bzr&stages=高中");
    let doc = scraper::Html::parse_document(&html);
    let status = texts(&doc, "#status").join("");
    assert!(
        status.starts_with("按拼音首字母“bzr”搜索了“班主任”。找到 "),
        "{status}"
    );
    let results = attrs(&doc, "#results .result h3 a", "href");
    assert!(!results.is_empty(), "{status}");
    for href in &results {
        assert!(href.starts_with(&format!("{SUB_PATH}projects/")), "{href}");
        let page = nginx.get(href, &[]);
        assert_eq!(page.status, 200, "{href}");
    }
    let fetched = b.eval(
        "performance.getEntriesByType('resource').filter(e => e.responseStatus !== 200).map(e => e.name + ' ' + e.responseStatus)",
    );
    assert_eq!(fetched, serde_json::json!([]), "fetches that failed");
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    // Only the 404 above may be in nginx's log.
    let log = std::fs::read_to_string(&nginx.error_log).unwrap_or_default();
    let problems: Vec<&str> = log
        .lines()
        .filter(|l| !l.contains("[notice]") && !l.contains("[warn]"))
        .filter(|l| !l.contains("no-such-project"))
        .collect();
    assert!(problems.is_empty(), "nginx logged:\n{log}");
}
