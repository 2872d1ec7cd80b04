//! `peixun serve`: build into memory, serve on loopback with tiny_http, watch
//! the sources with notify, rebuild on change, reload open pages.
//!
//! Design:
//! - The site lives in memory (path → bytes); nothing is written to disk, so
//!   stopping the server (Ctrl-C) leaves nothing behind and `output/` is not
//!   touched. Only paths present in that map are ever served: `..`, encoded
//!   traversal, backslashes and symlinks cannot reach the file system.
//! - A change to a project file re-parses the content (0.1 s for 10,000
//!   files), diffs the model and re-renders only the pages that show a changed
//!   project ([`crate::output::dirty_between`]); the pages are swapped in and
//!   the browsers reload, and the search index is rebuilt after that on a
//!   background thread (a few seconds at 10,000 projects). `site.toml`, the
//!   theme, or an added/removed file rebuild everything.
//! - Live reload: HTML responses get a small script that listens to
//!   `/__peixun/events` (server-sent events over a raw writer, since tiny_http's
//!   `Response` buffers its body) and reloads, keeping the scroll position.
//!   A failed rebuild keeps the last good site and shows the diagnostics in an
//!   overlay on every page, until a rebuild succeeds.
//! - Every response is written raw with `Connection: close`, so the browser
//!   closes the connection: tiny_http hands connections to a pool whose threads
//!   stay blocked on idle keep-alive sockets, and a burst of new connections
//!   could wait behind them (seen as fetches that never finished in Chromium).
//!   tiny_http's `Response` drops a `Connection` header, hence the raw writer.

use crate::build::{self, BuildOptions};
use crate::model::Site;
use crate::output::{self, OutFile, Selection};
use crate::util::diag::Diagnostics;
use std::collections::HashMap;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub open: bool,
}

#[derive(Debug)]
pub enum ServeError {
    /// The address could not be bound (and no nearby port was free).
    Bind {
        addr: String,
        message: String,
    },
    Watch(String),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Bind { addr, message } => write!(f, "error: cannot listen on {addr}: {message}\n  = help: pass another --port, or stop the program using it"),
            ServeError::Watch(m) => write!(f, "error: cannot watch the site's files: {m}"),
        }
    }
}

/// What the server serves: the last good site, and the current error if the
/// last rebuild failed.
struct Served {
    files: HashMap<String, Arc<Vec<u8>>>,
    version: u64,
    error: Option<String>,
}

/// The model of the last good build, kept to diff the next one against.
struct Last {
    site: Arc<Site>,
}

struct Shared {
    served: RwLock<Served>,
    /// Open event streams; a failed write drops the client.
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
    base_url: String,
    /// The newest site whose search index is still to be built.
    index_wanted: Mutex<Option<Arc<Site>>>,
    index_signal: std::sync::Condvar,
    /// Parsed files and page pieces of earlier rebuilds; replaced on every
    /// full rebuild (site.toml or theme changed).
    cache: Mutex<Arc<build::Cache>>,
    /// Held by a rebuild from swapping its pages in until its whole-site
    /// files (`output::is_aggregate`) are made, and by every request for
    /// one of those: a browser reloaded early never reads an old one.
    aggregates: Mutex<()>,
}

const RELOAD_JS: &str = include_str!("serve_reload.js");

pub fn serve(opts: ServeOptions) -> Result<(), ServeError> {
    let (server, addr) = bind(opts.bind, opts.port)?;
    let base_url = format!("http://{addr}/");
    let shared = Arc::new(Shared {
        served: RwLock::new(Served {
            files: HashMap::new(),
            version: 0,
            error: None,
        }),
        clients: Mutex::new(Vec::new()),
        base_url: base_url.clone(),
        index_wanted: Mutex::new(None),
        index_signal: std::sync::Condvar::new(),
        cache: Mutex::new(Arc::new(build::Cache::default())),
        aggregates: Mutex::new(()),
    });
    {
        let shared = shared.clone();
        std::thread::spawn(move || index_worker(shared));
    }
    let mut last: Option<Last> = None;
    // Watch before the first build, so no change is lost in between.
    let (_watcher, events) = start_watching(&opts.root)?;
    rebuild(&opts.root, &shared, &mut last, true, None);
    eprintln!(
        "serving {} at {base_url} (Ctrl-C to stop)",
        opts.root.display()
    );
    if opts.open {
        open_browser(&base_url);
    }

    let server = Arc::new(server);
    for _ in 0..8 {
        let server = server.clone();
        let shared = shared.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &shared);
            }
        });
    }
    // Comment lines keep idle event streams open and find closed ones.
    {
        let shared = shared.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(Duration::from_secs(15));
            broadcast(&shared, ": ping\n\n");
        });
    }
    watch(&opts.root, &events, &shared, &mut last)
}

/// Binds `bind:port`; if the port is taken, tries the next ten and says so.
fn bind(ip: IpAddr, port: u16) -> Result<(tiny_http::Server, std::net::SocketAddr), ServeError> {
    let mut last_error = String::new();
    let tries: Vec<u16> = if port == 0 {
        vec![0]
    } else {
        (port..=port.saturating_add(10)).collect()
    };
    for p in tries {
        match tiny_http::Server::http((ip, p)) {
            Ok(server) => {
                let addr = server
                    .server_addr()
                    .to_ip()
                    .unwrap_or_else(|| std::net::SocketAddr::new(ip, p));
                if p != port && port != 0 {
                    eprintln!("port {port} is in use; using {} instead", addr.port());
                }
                return Ok((server, addr));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(ServeError::Bind {
        addr: format!("{ip}:{port}"),
        message: last_error,
    })
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("could not start a browser; open {url} yourself");
    }
}

/// Rebuilds the site into memory; `full` ignores what the last build knew.
/// `changed`: the content files the watcher saw written, if it knows.
fn rebuild(
    root: &Path,
    shared: &Arc<Shared>,
    last: &mut Option<Last>,
    full: bool,
    changed: Option<&[PathBuf]>,
) {
    let start = Instant::now();
    let opts = BuildOptions {
        precompress: false,
        root: root.to_path_buf(),
        output: None,
        base_url: Some(shared.base_url.clone()),
    };
    let cache = {
        let mut cache = shared.cache.lock().unwrap_or_else(|e| e.into_inner());
        if full {
            *cache = Arc::new(build::Cache::default());
        }
        cache.clone()
    };
    let previous = last.as_ref().filter(|_| !full).map(|l| &*l.site);
    let loaded = build::load_site_cached(&opts, Some(&cache), changed.filter(|_| !full), previous);
    let (site, theme) = match loaded {
        Ok(loaded) => loaded,
        Err(build::BuildError::Invalid(diags)) => return failed(shared, &diags),
        Err(e) => return failed_text(shared, e.to_string()),
    };
    let dirty = crate::util::timing::phase("find changed pages", || match last {
        Some(l) if !full => output::dirty_between(&l.site, &site),
        _ => None,
    });
    let selection = match &dirty {
        Some(d) => Selection::Some(d.clone()),
        None => {
            // Pieces keyed by a project's own file may depend on what changed.
            cache.render.clear();
            Selection::All
        }
    };
    // A one-file change: the pages first, the reload, then the aggregates.
    let parts = if dirty.is_some() {
        output::Parts::PAGES
    } else {
        output::Parts::ALL
    };
    let files = match output::render(&site, &theme, &selection, parts, false, Some(&cache.render)) {
        Ok(f) => f,
        Err(e) => return failed(shared, &Diagnostics(vec![e.to_diagnostic()])),
    };
    let statics = match dirty {
        Some(_) => Vec::new(),
        None => match crate::write::static_files(&theme.static_dir) {
            Ok(s) => s,
            Err(e) => return failed(shared, &Diagnostics(vec![e.to_diagnostic()])),
        },
    };
    let pages = files.len();
    let site = Arc::new(site);
    let aggregates_lock = shared.aggregates.lock().unwrap_or_else(|e| e.into_inner());
    {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        if dirty.is_none() {
            // Everything was rendered except the index: keep the old index
            // files until the new ones are ready.
            served
                .files
                .retain(|k, _| k == "search_index.json" || k.starts_with("search_index/"));
        }
        for f in files.into_iter().chain(statics) {
            served.files.insert(site_path(&f), Arc::new(f.bytes));
        }
        served.error = None;
        served.version += 1;
    }
    eprintln!(
        "rebuilt {} in {} ms ({pages} pages{})",
        if dirty.is_some() {
            "changed pages"
        } else {
            "the site"
        },
        start.elapsed().as_millis(),
        if dirty.is_some() { ", incremental" } else { "" }
    );
    broadcast(shared, "event: reload\ndata: reload\n\n");
    if parts == output::Parts::PAGES {
        let start = Instant::now();
        match output::render(
            &site,
            &theme,
            &selection,
            output::Parts::AGGREGATES,
            false,
            Some(&cache.render),
        ) {
            Ok(files) => {
                let count = files.len();
                let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
                for f in files {
                    served.files.insert(site_path(&f), Arc::new(f.bytes));
                }
                drop(served);
                eprintln!(
                    "rebuilt whole-site files in {} ms ({count} files)",
                    start.elapsed().as_millis()
                );
            }
            // The pages of the same model rendered; report it all the same.
            Err(e) => eprintln!("{}", Diagnostics(vec![e.to_diagnostic()])),
        }
    }
    drop(aggregates_lock);
    drop(theme);
    *last = Some(Last { site: site.clone() });
    // The search index follows on one worker thread, except on the first
    // build, when there is no older index to serve meanwhile.
    let first = !shared
        .served
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .files
        .contains_key("search_index.json");
    if first {
        build_index(shared, &site);
    } else {
        let mut pending = shared
            .index_wanted
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        *pending = Some(site);
        shared.index_signal.notify_one();
    }
}

/// Builds the index for the latest site only: saves that arrive while an
/// index is being built replace the pending snapshot instead of queueing
/// one build each (at 10,000 projects a build takes seconds).
fn index_worker(shared: Arc<Shared>) {
    // One thread of its own, so a save arriving while the index is built
    // finds the other core free for its pages.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .start_handler(|_| lower_priority())
        .build()
        .ok();
    loop {
        let site = {
            let mut pending = shared
                .index_wanted
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            loop {
                if let Some(job) = pending.take() {
                    break job;
                }
                pending = shared
                    .index_signal
                    .wait(pending)
                    .unwrap_or_else(|e| e.into_inner());
            }
        };
        match &pool {
            Some(pool) => pool.install(|| build_index(&shared, &site)),
            None => build_index(&shared, &site),
        }
    }
}

/// Gives the calling thread the lowest CPU priority, so the index build
/// yields to the next save's page rebuild (at 10,000 projects the index
/// takes seconds of one core; the pages need it for a few hundred ms).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: plain system calls on the calling thread with no pointers;
    // on Linux a thread id is a valid PRIO_PROCESS target. A failure leaves
    // the priority as it was, which is harmless.
    unsafe {
        let tid = libc::syscall(libc::SYS_gettid) as libc::id_t;
        libc::setpriority(libc::PRIO_PROCESS, tid, 19);
    }
}

fn build_index(shared: &Shared, site: &Site) {
    let t = Instant::now();
    let files = output::search_index_files(site);
    let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
    served
        .files
        .retain(|k, _| k != "search_index.json" && !k.starts_with("search_index/"));
    for f in files {
        served.files.insert(site_path(&f), Arc::new(f.bytes));
    }
    drop(served);
    eprintln!("search index rebuilt in {} ms", t.elapsed().as_millis());
}

fn site_path(f: &OutFile) -> String {
    f.path.to_string_lossy().replace('\\', "/")
}

fn failed(shared: &Arc<Shared>, diags: &Diagnostics) {
    failed_text(shared, diags.to_string())
}

fn failed_text(shared: &Arc<Shared>, text: String) {
    eprint!("{text}");
    eprintln!("the last good site is still served; fix the file and save again");
    let payload = serde_json::to_string(&text).unwrap_or_default();
    {
        let mut served = shared.served.write().unwrap_or_else(|e| e.into_inner());
        served.error = Some(text);
    }
    broadcast(shared, &format!("event: problem\ndata: {payload}\n\n"));
}

fn broadcast(shared: &Shared, message: &str) {
    let mut clients = shared.clients.lock().unwrap_or_else(|e| e.into_inner());
    clients.retain_mut(|w| {
        w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_ok()
    });
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Watches content/, themes/ and site.toml (the watcher must be kept alive).
fn start_watching(root: &Path) -> Result<(notify::RecommendedWatcher, Events), ServeError> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| ServeError::Watch(e.to_string()))?;
    for dir in [crate::content::CONTENT_DIR, "themes"] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| ServeError::Watch(format!("{}: {e}", path.display())))?;
        }
    }
    // The root itself, not recursively: editors save site.toml by renaming a
    // temporary file over it, which a watch on the file alone would miss.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| ServeError::Watch(format!("{}: {e}", root.display())))?;
    Ok((watcher, rx))
}

/// Quiet time that ends a burst of file events. An editor's
/// write-rename-chmod arrives within a few milliseconds; every millisecond
/// here is added to each save's time to reload.
const QUIET_MS: u64 = 30;

/// Debounces bursts (an editor's write-rename-chmod) into one rebuild.
/// Never returns unless watching fails.
fn watch(
    root: &Path,
    rx: &Events,
    shared: &Arc<Shared>,
    last: &mut Option<Last>,
) -> Result<(), ServeError> {
    let root_abs = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    loop {
        let Ok(first) = rx.recv() else {
            return Err(ServeError::Watch("the watcher stopped".into()));
        };
        let mut events = vec![first];
        // QUIET_MS without an event (at most 1 s in all) ends the burst.
        let burst = Instant::now();
        while burst.elapsed() < Duration::from_secs(1) {
            match rx.recv_timeout(Duration::from_millis(QUIET_MS)) {
                Ok(e) => events.push(e),
                Err(_) => break,
            }
        }
        let mut relevant = false;
        let mut full = false;
        let mut changed: Vec<PathBuf> = Vec::new();
        for event in events.into_iter().flatten() {
            // Reading the files during a rebuild raises access events; only
            // writes, creations, removals and renames matter.
            use notify::event::{EventKind, ModifyKind};
            if matches!(
                event.kind,
                EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
            ) {
                continue;
            }
            for path in &event.paths {
                match classify(&root_abs, root, path) {
                    Change::Ignored => {}
                    Change::Content(rel) => {
                        relevant = true;
                        if !changed.contains(&rel) {
                            changed.push(rel);
                        }
                    }
                    Change::Everything => {
                        relevant = true;
                        full = true;
                    }
                }
            }
        }
        if relevant {
            rebuild(root, shared, last, full, Some(&changed));
        }
    }
}

enum Change {
    Ignored,
    /// A content file (its path relative to the site root): the
    /// incremental path decides what to re-render.
    Content(PathBuf),
    /// site.toml or the theme: everything.
    Everything,
}

fn classify(root_abs: &Path, root: &Path, path: &Path) -> Change {
    let rel = path
        .strip_prefix(root_abs)
        .or_else(|_| path.strip_prefix(root))
        .unwrap_or(path);
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if crate::util::names::is_ignored_name(&name) {
        return Change::Ignored;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .unwrap_or_default();
    match first.as_str() {
        "content" => Change::Content(rel.to_path_buf()),
        "themes" => Change::Everything,
        _ if rel == Path::new(crate::config::CONFIG_FILE) => Change::Everything,
        _ => Change::Ignored,
    }
}

// ---- HTTP ----------------------------------------------------------------

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// The site path a URL names, or `None` if any segment tries to leave the
/// site: `..`, `.`, or a decoded `/`, `\` or NUL inside a segment.
pub fn site_path_of(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let mut parts = Vec::new();
    for seg in raw.split('/').filter(|s| !s.is_empty()) {
        let decoded = percent_decode(seg)?;
        if decoded == ".." || decoded == "." || decoded.contains(['/', '\\', '\0']) {
            return None;
        }
        parts.push(decoded);
    }
    let mut path = parts.join("/");
    if raw.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Some(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A response to write: status, content type, extra headers, body.
struct Reply {
    status: u16,
    kind: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn ok(kind: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            kind,
            headers: Vec::new(),
            body,
        }
    }
}

fn handle(request: tiny_http::Request, shared: &Arc<Shared>) {
    let url = request.url().to_string();
    let route = url.split('?').next().unwrap_or("");
    if route == "/__peixun/events" {
        return open_events(request, shared);
    }
    let reply = if route == "/__peixun/reload.js" {
        Reply::ok(
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        )
    } else {
        // Wait for a rebuild's whole-site files if one is making them.
        let _fresh = site_path_of(&url)
            .filter(|p| crate::output::is_aggregate(p))
            .map(|_| shared.aggregates.lock().unwrap_or_else(|e| e.into_inner()));
        let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
        lookup(&url, &served)
    };
    respond(request, reply);
}

fn lookup(url: &str, served: &Served) -> Reply {
    let Some(path) = site_path_of(url) else {
        return not_found(served);
    };
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    let Some(body) = served.files.get(&file) else {
        // `/x` where `/x/` is a page: redirect, keeping the query.
        if served.files.contains_key(&format!("{path}/index.html")) {
            let query = url
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            return Reply {
                status: 301,
                kind: "text/plain; charset=utf-8",
                headers: vec![(
                    "Location",
                    format!("/{}/{query}", crate::util::url::encode_path(&path)),
                )],
                body: Vec::new(),
            };
        }
        return not_found(served);
    };
    let kind = content_type(&file);
    let bytes = if kind.starts_with("text/html") {
        inject(body, served)
    } else {
        body.as_ref().clone()
    };
    Reply::ok(kind, bytes)
}

fn not_found(served: &Served) -> Reply {
    let body = served
        .files
        .get("404.html")
        .map(|b| inject(b, served))
        .unwrap_or_else(|| b"404 not found".to_vec());
    Reply {
        status: 404,
        kind: "text/html; charset=utf-8",
        headers: Vec::new(),
        body,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        _ => "",
    }
}

/// Writes the response itself (see the module docs for why).
fn respond(request: tiny_http::Request, reply: Reply) {
    let head_only = *request.method() == tiny_http::Method::Head;
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.kind,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut writer = request.into_writer();
    // A client that went away is not an error worth reporting.
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|_| {
            if head_only {
                Ok(())
            } else {
                writer.write_all(&reply.body)
            }
        })
        .and_then(|_| writer.flush());
}

/// Adds the reload script (and the error overlay, if the last rebuild
/// failed) before `</body>`.
fn inject(html: &[u8], served: &Served) -> Vec<u8> {
    let mut extra = format!(
        "<script src=\"/__peixun/reload.js\" data-version=\"{}\"></script>",
        served.version
    );
    if let Some(error) = &served.error {
        extra.push_str(&overlay_html(error));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

pub fn overlay_html(error: &str) -> String {
    let escaped = error
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "<div id=\"peixun-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:600 16px system-ui,sans-serif;margin:0 0 1rem\">构建失败：以下文件有错误，网站仍显示上一次成功的版本。修改并保存后自动刷新。</p><pre style=\"white-space:pre-wrap;margin:0\">{escaped}</pre></div>"
    )
}

/// Server-sent events: the writer is kept and written to on each rebuild.
fn open_events(request: tiny_http::Request, shared: &Arc<Shared>) {
    let (version, error) = {
        let s = shared.served.read().unwrap_or_else(|e| e.into_inner());
        (s.version, s.error.clone())
    };
    let mut writer = request.into_writer();
    let mut hello = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    );
    hello.push_str(&format!("event: version\ndata: {version}\n\n"));
    if let Some(e) = error {
        hello.push_str(&format!(
            "event: problem\ndata: {}\n\n",
            serde_json::to_string(&e).unwrap_or_default()
        ));
    }
    if writer
        .write_all(hello.as_bytes())
        .and_then(|_| writer.flush())
        .is_ok()
    {
        shared
            .clients
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(writer);
    }
}
