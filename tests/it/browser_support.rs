//! Real-browser harness: a loopback static server for a built site, and
//! Debian's Chromium in headless mode driven over the DevTools protocol
//! (navigate, wait for a condition, type, click, read the DOM). Waiting on
//! explicit conditions replaced `--dump-dom --virtual-time-budget`, which
//! hung now and then once a page made several parallel fetches.
//! Every server and browser a test starts is stopped when its value drops.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

fn chromium_binary() -> String {
    std::env::var("PEIXUN_CHROMIUM").unwrap_or_else(|_| "chromium".into())
}

/// Serves `root` on 127.0.0.1 (an OS-chosen port) until dropped: a thread
/// per connection, one request per connection. (tiny_http's connection pool
/// can leave a new connection queued behind idle ones, so Chromium's parallel
/// fetches sometimes never completed; a test server must not be flaky.)
pub struct StaticServer {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    addr: std::net::SocketAddr,
    pub base: String,
}

impl StaticServer {
    pub fn start(root: &Path) -> StaticServer {
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let addr = listener.local_addr().expect("address");
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let root = root.to_path_buf();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.clone();
                std::thread::spawn(move || serve_one(&root, stream));
            }
        });
        StaticServer {
            stop,
            thread: Some(thread),
            addr,
            base: format!("http://{addr}"),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve_one(root: &Path, mut stream: TcpStream) {
    use std::io::{Read, Write};
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_nodelay(true);
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 64 * 1024 {
            return;
        }
    }
    let head = String::from_utf8_lossy(&head);
    let url = head.split_whitespace().nth(1).unwrap_or("/");
    let (status, kind, body) = static_response(root, url);
    let reply = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(reply.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

fn static_response(root: &Path, url: &str) -> (&'static str, &'static str, Vec<u8>) {
    let path = percent_decode(url.split(['?', '#']).next().unwrap_or("/"));
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            return ("403 Forbidden", "text/plain", b"forbidden".to_vec());
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(bytes) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("json") => "application/json",
                Some("css") => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            ("200 OK", kind, bytes)
        }
        Err(_) => ("404 Not Found", "text/plain", b"not found".to_vec()),
    }
}

pub fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A headless Chromium driven over the DevTools protocol, one page.
pub struct Browser {
    child: Child,
    ws: tungstenite::WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Uncaught exceptions in the page, reported when a wait times out.
    errors: Vec<String>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch() -> Browser {
        let profile = tempfile::Builder::new()
            .prefix("peixun-chromium-")
            .tempdir()
            .expect("profile dir");
        let mut child = Command::new(chromium_binary())
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("--remote-debugging-port=0")
            .arg("--window-size=412,900")
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run chromium (apt-get install chromium)");
        let stderr = child.stderr.take().expect("stderr");
        let mut lines = BufReader::new(stderr).lines();
        let ws_url = loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(at) = line.find("ws://") {
                        break line[at..].trim().to_string();
                    }
                }
                _ => {
                    let _ = child.kill();
                    panic!("chromium exited before printing its DevTools address");
                }
            }
        };
        // Keep draining stderr so Chromium never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let rest = ws_url.trim_start_matches("ws://");
        let host = rest.split('/').next().expect("host");
        let stream = TcpStream::connect(host).expect("connect devtools");
        let (ws, _) = tungstenite::client(ws_url.as_str(), stream).expect("websocket");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            errors: Vec::new(),
            _profile: profile,
        };
        let target = b.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("target id").to_string();
        let attached = b.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        b.session = attached["sessionId"].as_str().expect("session").to_string();
        b.send("Page.enable", json!({}));
        b.send("Runtime.enable", json!({}));
        b
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let reply = self.try_call(session, method, params);
        assert!(reply["error"].is_null(), "{method}: {}", reply["error"]);
        reply["result"].clone()
    }

    /// The whole reply (`result` or `error`) to one command.
    fn try_call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(tungstenite::Message::text(msg.to_string()))
            .expect("send to devtools");
        loop {
            let reply = self.ws.read().expect("read from devtools");
            let tungstenite::Message::Text(text) = reply else {
                continue;
            };
            let v: Value = serde_json::from_str(text.as_str()).expect("devtools json");
            if v["method"] == "Runtime.exceptionThrown" {
                self.errors
                    .push(v["params"]["exceptionDetails"]["exception"]["description"].to_string());
            }
            if v["id"] == id {
                return v;
            }
        }
    }

    pub fn send(&mut self, method: &str, params: Value) -> Value {
        let session = self.session.clone();
        self.call(Some(&session), method, params)
    }

    /// Evaluates a JavaScript expression in the page (awaiting promises).
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.send(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        assert!(
            r["exceptionDetails"].is_null(),
            "{expression}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    /// Runs `expression`, which navigates (`history.back()`): DevTools may
    /// answer that the page went away before the evaluation did, which is
    /// what was asked for, so its reply is not read.
    pub fn navigate_by(&mut self, expression: &str) {
        let session = self.session.clone();
        let _ = self.try_call(
            Some(&session),
            "Runtime.evaluate",
            json!({"expression": expression}),
        );
    }

    pub fn goto(&mut self, url: &str) {
        // Mark the old document so the wait cannot see it as the new one.
        // (An error here means there is no old document to mark.)
        let session = self.session.clone();
        let _ = self.try_call(
            Some(&session),
            "Runtime.evaluate",
            json!({"expression": "window.__peixunOld = true"}),
        );
        self.send("Page.navigate", json!({"url": url}));
        self.wait_for("!window.__peixunOld && document.readyState === 'complete'");
    }

    /// Opens the home page with `query` and waits until the finder has
    /// settled (its status line no longer says it is loading); returns the DOM.
    pub fn open_home(&mut self, base: &str, query: &str) -> String {
        self.goto(&format!("{base}/?{query}"));
        self.wait_for(
            "(() => { const s = document.getElementById('status'); return s && s.textContent && !s.textContent.startsWith('正在加载'); })()",
        );
        self.eval("document.documentElement.outerHTML")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Polls until `condition` is true in the page (10 s at most).
    pub fn wait_for(&mut self, condition: &str) {
        let start = Instant::now();
        loop {
            // A page in the middle of loading may not have the elements yet.
            let probe = format!(
                "(() => {{ try {{ return !!({condition}); }} catch (e) {{ return false; }} }})()"
            );
            // While the page navigates, its context can vanish under an
            // evaluation; DevTools then answers with an error: try again.
            let session = self.session.clone();
            let reply = self.try_call(
                Some(&session),
                "Runtime.evaluate",
                json!({"expression": probe, "awaitPromise": true, "returnByValue": true}),
            );
            if reply["result"]["result"]["value"] == json!(true) {
                return;
            }
            if start.elapsed() > Duration::from_secs(10) {
                let state = self.eval(
                    "location.href + ' | ' + (document.getElementById('status') || {}).textContent + ' | ' + performance.getEntriesByType('resource').map(e => e.name.split('/').pop() + ':' + Math.round(e.duration) + ':' + e.responseStatus).join(' ') + ' | ' + (() => { const f = window.peixun && window.peixun.finder; if (!f) return 'no finder'; const st = f.store; return JSON.stringify({loads: Object.keys(st.shardLoads), loaded: Object.keys((st.index && st.index.loaded) || {}), tokens: window.peixun.tokenize(f.state.q), count: st.index && st.index.shards.count}); })()",
                );
                panic!(
                    "timed out waiting for {condition}\npage: {state}\nerrors: {:?}",
                    self.errors
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Uncaught exceptions the pages have thrown so far.
    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    /// Lays the page out at `width` CSS pixels, as a phone (touch, no
    /// scrollbars) below 600.
    pub fn set_width(&mut self, width: u32) {
        self.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    /// Lays the page out as a phone held upright: 390 × 844 CSS pixels.
    pub fn set_phone(&mut self) {
        self.send(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": true}),
        );
    }

    /// Types text into the focused element as keyboard input.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.send("Input.insertText", json!({"text": c.to_string()}));
        }
    }

    /// A real mouse click in the middle of the element.
    pub fn click(&mut self, selector: &str) {
        let sel = serde_json::to_string(selector).expect("selector");
        let rect = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); e.scrollIntoView({{block: 'center', inline: 'center'}}); const r = e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()"
        ));
        let (x, y) = (rect[0].as_f64().expect("x"), rect[1].as_f64().expect("y"));
        for kind in ["mousePressed", "mouseReleased"] {
            self.send(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    pub fn key(&mut self, key: &str, code: &str, key_code: u32) {
        for kind in ["keyDown", "keyUp"] {
            self.send(
                "Input.dispatchKeyEvent",
                json!({"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}),
            );
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
