//! HTTP: a request answered from the in-memory site (never from the file
//! system), each response written raw with `Connection: close`.

use super::reload::{inject, open_events, RELOAD_JS};
use super::{Served, Shared};
use std::borrow::Cow;
use std::io::Write;
use std::sync::Arc;

/// The Content-Type of a served file: its type by extension (from
/// mime_guess), in UTF-8 where it is text, since every text file of the
/// site is UTF-8.
pub(super) fn content_type(path: &str) -> Cow<'static, str> {
    let kind = mime_guess::from_path(path)
        .first_raw()
        .unwrap_or("application/octet-stream");
    if kind.starts_with("text/") || kind == "application/json" {
        format!("{kind}; charset=utf-8").into()
    } else {
        kind.into()
    }
}

/// The site path a URL names, or `None` if any segment tries to leave the
/// site: `..`, `.`, or a decoded `/`, `\` or NUL inside a segment.
pub(super) fn site_path_of(url: &str) -> Option<String> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let mut parts = Vec::new();
    for seg in raw.split('/').filter(|s| !s.is_empty()) {
        let decoded = crate::util::url::decode(seg)?;
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

/// A response to write: status, content type, extra headers, body.
pub(super) struct Reply {
    status: u16,
    kind: Cow<'static, str>,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn ok(kind: impl Into<Cow<'static, str>>, body: Vec<u8>) -> Reply {
        Reply {
            status: 200,
            kind: kind.into(),
            headers: Vec::new(),
            body,
        }
    }
}

pub(super) fn handle(request: tiny_http::Request, shared: &Arc<Shared>) {
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

pub(super) fn lookup(url: &str, served: &Served) -> Reply {
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
                kind: "text/plain; charset=utf-8".into(),
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
        inject(&body.bytes(), served)
    } else {
        body.bytes().into_owned()
    };
    Reply::ok(kind, bytes)
}

pub(super) fn not_found(served: &Served) -> Reply {
    // Before the first good build every page is the problems' overlay.
    if served.files.is_empty() && served.error.is_some() {
        return Reply {
            status: 503,
            kind: "text/html; charset=utf-8".into(),
            headers: Vec::new(),
            body: super::reload::waiting_page(served),
        };
    }
    let body = served
        .files
        .get("404.html")
        .map(|b| inject(&b.bytes(), served))
        .unwrap_or_else(|| b"404 not found".to_vec());
    Reply {
        status: 404,
        kind: "text/html; charset=utf-8".into(),
        headers: Vec::new(),
        body,
    }
}

pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// Writes the response itself (see the module docs for why).
pub(super) fn respond(request: tiny_http::Request, reply: Reply) {
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
