//! Live reload: server-sent events to every open page, the reload script
//! injected into HTML responses, and the error overlay of a failed rebuild.

use super::{Served, Shared};
use std::io::Write;
use std::sync::Arc;

pub(super) const RELOAD_JS: &str = include_str!("reload.js");

pub(super) fn broadcast(shared: &Shared, message: &str) {
    let mut clients = shared.clients.lock().unwrap_or_else(|e| e.into_inner());
    clients.retain_mut(|w| {
        w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_ok()
    });
}

/// Adds the reload script (and the error overlay, if the last rebuild
/// failed) before `</body>`.
pub(super) fn inject(html: &[u8], served: &Served) -> Vec<u8> {
    let title = overlay_title(served);
    let mut extra = format!(
        "<script src=\"/__peixun/reload.js\" data-version=\"{}\" data-title=\"{}\"></script>",
        served.version,
        escape(&title)
    );
    if let Some(error) = &served.error {
        extra.push_str(&overlay_html(&title, error));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// What the overlay says above the problems: that the last good site is
/// shown, or that there is none yet (the server started on a broken file).
fn overlay_title(served: &Served) -> String {
    if served.files.is_empty() {
        crate::tr!("overlay-title-none")
    } else {
        crate::tr!("overlay-title")
    }
}

pub(super) fn overlay_html(title: &str, error: &str) -> String {
    format!(
        "<div id=\"peixun-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:99999;overflow:auto;background:rgba(20,20,20,.94);color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,monospace\"><p style=\"font:600 16px system-ui,sans-serif;margin:0 0 1rem\">{}</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        escape(title),
        escape(error)
    )
}

/// The page every path answers with before the first good build: only the
/// overlay with the problems, which reloads itself once they are fixed.
pub(super) fn waiting_page(served: &Served) -> Vec<u8> {
    let page = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body></body></html>",
        escape(&crate::tr!("overlay-page-title"))
    );
    inject(page.as_bytes(), served)
}

/// Server-sent events: the writer is kept and written to on each rebuild.
pub(super) fn open_events(request: tiny_http::Request, shared: &Arc<Shared>) {
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
