//! Web pages (.html, .htm) and single-file web archives (.mht): a notice as
//! a department's site serves it. The charset comes from the BOM or the
//! page's meta tag (GBK pages are common); the article is found among the
//! page's navigation, breadcrumbs, “字体：大 中 小”, print and share links
//! and footer, which are left out; its heading is the title (the page's
//! `<title>` carries the site's name); its paragraphs and tables (with
//! rowspan and colspan) become the document. Positions are paragraphs.
//!
//! The tree is walked without recursion: a page nested 100,000 deep is
//! read like any other.

use super::Unreadable;
use crate::document::{Block, Cell, Document, Row, Unit};
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Whether the bytes are a web page.
pub fn is_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = text.trim_start_matches('\u{feff}').trim_start();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || (start.starts_with('<') && text.contains("<html"))
}

/// Whether the bytes are a web archive (MIME, as browsers save .mht).
pub fn is_mht(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    (head.starts_with("from:")
        || head.starts_with("mime-version:")
        || head.contains("\nmime-version:"))
        && head.contains("multipart/related")
}

/// The page's text, by its BOM, its meta charset, or else UTF-8 when valid
/// and GBK when not.
fn decode(bytes: &[u8], charset: Option<&str>) -> (String, Option<&'static str>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, _) = encoding.decode(&bytes[bom..]);
        return (
            text.into_owned(),
            (encoding != encoding_rs::UTF_8).then(|| encoding.name()),
        );
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let label = charset.map(str::to_ascii_lowercase).or_else(|| {
        let at = head.find("charset=")? + "charset=".len();
        let rest = head[at..].trim_start_matches(['"', '\'']);
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))?;
        Some(rest[..end].to_string())
    });
    let encoding = label
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::GB18030
            }
        });
    let (text, _, _) = encoding.decode(bytes);
    let name = (encoding != encoding_rs::UTF_8).then(|| {
        if encoding == encoding_rs::GB18030 || encoding == encoding_rs::GBK {
            "GBK"
        } else {
            encoding.name()
        }
    });
    (text.into_owned(), name)
}

/// Elements open at once: real pages stay under a hundred; the HTML parser
/// checks the open elements at each start tag, so a page nested a hundred
/// thousand deep would take it minutes.
const MAX_DEPTH: usize = 5_000;

/// How deep the page's elements nest at most, by its tags.
fn depth(text: &str) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "td", "tr", "th", "option",
    ];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = memchr_lt(&bytes[i..]) {
        let tag = &bytes[i + at + 1..];
        i += at + 1;
        if tag.first() == Some(&b'/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        if !tag.first().is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name: String = tag
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .map(|b| b.to_ascii_lowercase() as char)
            .collect();
        let end = tag.iter().position(|b| *b == b'>').unwrap_or(tag.len());
        let self_closing = end > 0 && tag[end - 1] == b'/';
        // Elements that close themselves (p, li, td) do not nest.
        if !VOID.contains(&name.as_str()) && !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|c| *c == b'<')
}

pub fn read(bytes: &[u8]) -> Result<Document, Unreadable> {
    let (text, encoding) = decode(bytes, None);
    page_within_depth(&text, encoding)
}

fn page_within_depth(text: &str, encoding: Option<&'static str>) -> Result<Document, Unreadable> {
    let deepest = depth(text);
    if deepest > MAX_DEPTH {
        return Err(Unreadable::TooDeep { depth: deepest });
    }
    Ok(page(text, encoding))
}

/// A web archive: its first HTML part, decoded as its headers say.
pub fn read_mht(bytes: &[u8]) -> Result<Document, Unreadable> {
    let text = String::from_utf8_lossy(bytes);
    let boundary = text
        .find("boundary=")
        .map(|at| {
            let rest = &text[at + "boundary=".len()..];
            let rest = rest.trim_start_matches('"');
            rest[..rest.find(['"', '\r', '\n', ';']).unwrap_or(rest.len())].to_string()
        })
        .filter(|b| !b.is_empty())
        .ok_or(Unreadable::DamagedMht)?;
    let marker = format!("--{boundary}");
    for part in text.split(marker.as_str()).skip(1) {
        let Some((headers, body)) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))
        else {
            continue;
        };
        let lower = headers.to_ascii_lowercase();
        if !lower.contains("content-type: text/html") {
            continue;
        }
        let raw: Vec<u8> = if lower.contains("quoted-printable") {
            quoted_printable(body)
        } else if lower.contains("base64") {
            base64(body)
        } else {
            body.as_bytes().to_vec()
        };
        let charset = lower.find("charset=").map(|at| {
            let rest = lower[at + 8..].trim_start_matches('"');
            rest[..rest.find(['"', ';', '\r', '\n']).unwrap_or(rest.len())].to_string()
        });
        let (text, encoding) = decode(&raw, charset.as_deref());
        return page_within_depth(&text, encoding).map(|d| Document { format: "mht", ..d });
    }
    Err(Unreadable::DamagedMht)
}

fn quoted_printable(body: &str) -> Vec<u8> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            // A soft line break, or a byte in hex.
            if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') {
                i += 3;
                continue;
            }
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn base64(body: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for v in body.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Tags whose content is never the article's text.
const NEVER: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "form", "iframe", "button", "select",
    "input", "textarea", "object", "svg", "head", "title",
];
/// Words in a class or id that mark page chrome.
const CHROME: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "position",
    "location",
    "footer",
    "header",
    "share",
    "print",
    "tool",
    "search",
    "sidebar",
    "login",
    "copyright",
    "banner",
    "logo",
    "related",
    "fenxiang",
    "dqwz",
];
/// Lines of chrome inside an article: font size, print, close, share.
const CHROME_LINES: &[&str] = &[
    "字体：",
    "字号：",
    "【打印",
    "【关闭",
    "打印本页",
    "关闭窗口",
    "分享到",
    "浏览次数",
    "访问量",
    "发布时间：",
    "来源：",
];

fn is_chrome(node: NodeRef<Node>) -> bool {
    let Some(e) = node.value().as_element() else {
        return false;
    };
    if NEVER.contains(&e.name()) {
        return true;
    }
    let marks = format!(
        "{} {}",
        e.attr("class").unwrap_or(""),
        e.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    // An article's own class names (article-content, zw-title) are not chrome.
    CHROME.iter().any(|w| {
        marks
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| part == *w)
    })
}

/// Text length of every element's subtree, outside links and chrome, and
/// inside links: counted once, leaves up, so a page nested deep costs no
/// more than a flat one.
fn weights(root: NodeRef<Node>) -> std::collections::HashMap<ego_tree::NodeId, (usize, usize)> {
    let mut out = std::collections::HashMap::new();
    // Post-order without recursion: (node, children done).
    let mut stack = vec![(root, false)];
    while let Some((node, done)) = stack.pop() {
        if is_chrome(node) {
            out.insert(node.id(), (0, 0));
            continue;
        }
        if !done {
            stack.push((node, true));
            stack.extend(node.children().map(|c| (c, false)));
            continue;
        }
        let own = match node.value() {
            Node::Text(t) => (t.trim().chars().count(), 0),
            _ => (0, 0),
        };
        let (mut text, mut links) = own;
        for child in node.children() {
            let (t, l) = out.get(&child.id()).copied().unwrap_or((0, 0));
            text += t;
            links += l;
        }
        // Text inside a link is link text.
        if node.value().as_element().is_some_and(|e| e.name() == "a") {
            links += text;
            text = 0;
        }
        out.insert(node.id(), (text, links));
    }
    out
}

/// The page as a document: the article's heading, then its blocks.
fn page(text: &str, encoding: Option<&'static str>) -> Document {
    let html = Html::parse_document(text);
    let body = html
        .tree
        .root()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "body"))
        .unwrap_or(html.tree.root());
    let weight = weights(body);
    let of = |n: NodeRef<Node>| weight.get(&n.id()).copied().unwrap_or((0, 0));
    let (total, _) = of(body);
    // The article: the deepest element holding most of the page's text.
    let mut article = body;
    'down: loop {
        for child in article.children() {
            if child.value().as_element().is_none() || is_chrome(child) {
                continue;
            }
            let (t, l) = of(child);
            if t * 10 >= total * 7 && l * 2 < t.max(1) {
                article = child;
                continue 'down;
            }
        }
        break;
    }
    let mut blocks = Vec::new();
    let mut paragraph = 0usize;
    // The article's heading, when it stands before it (outside its text).
    if let Some(title) = heading_before(body, article) {
        paragraph += 1;
        blocks.push(Block::Para {
            line: paragraph,
            text: title,
        });
    }
    walk(article, &mut blocks, &mut paragraph);
    Document {
        blocks,
        unit: Unit::Paragraph,
        encoding,
        sheets: Vec::new(),
        format: "html",
    }
}

/// The last heading (h1–h3, or an element whose class says title) before
/// the article in the page's order, outside chrome.
fn heading_before(body: NodeRef<Node>, article: NodeRef<Node>) -> Option<String> {
    if article.id() == body.id() {
        return None;
    }
    let mut found = None;
    for node in body.descendants() {
        if node.id() == article.id() {
            break;
        }
        let Some(e) = node.value().as_element() else {
            continue;
        };
        let class = format!(
            "{} {}",
            e.attr("class").unwrap_or(""),
            e.attr("id").unwrap_or("")
        )
        .to_ascii_lowercase();
        let is_heading = matches!(e.name(), "h1" | "h2" | "h3")
            || class.contains("title")
            || class.contains("biaoti");
        if is_heading && !node.ancestors().any(is_chrome) && !is_chrome(node) {
            let text = text_of(node);
            if !text.is_empty() && text.chars().count() <= 80 {
                found = Some(text);
            }
        }
    }
    found
}

/// An element's text, lines joined, spaces squeezed.
fn text_of(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if is_chrome(n) && n.id() != node.id() {
            continue;
        }
        match n.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
        // Children in order: pushed reversed.
        let children: Vec<_> = n.children().collect();
        stack.extend(children.into_iter().rev());
    }
    out.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "section",
    "article",
    "blockquote",
    "pre",
    "center",
    "dd",
    "dt",
    "ul",
    "ol",
    "dl",
    "main",
    "tbody",
    "thead",
    "font",
    "span",
];

/// The article's paragraphs and tables, in order, without recursion: text
/// runs end at block elements and line breaks; a table is read whole.
fn walk(root: NodeRef<Node>, blocks: &mut Vec<Block>, paragraph: &mut usize) {
    let mut line = String::new();
    let flush = |line: &mut String, blocks: &mut Vec<Block>, paragraph: &mut usize| {
        for part in line.split('\n') {
            let text = part.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.trim().to_string();
            if text.is_empty()
                || CHROME_LINES.iter().any(|c| text.contains(c)) && text.chars().count() < 60
            {
                continue;
            }
            *paragraph += 1;
            blocks.push(Block::Para {
                line: *paragraph,
                text,
            });
        }
        line.clear();
    };
    // (node, entering): an element is visited on the way in and out.
    let mut stack = vec![(root, true)];
    while let Some((node, entering)) = stack.pop() {
        let block_level = node.value().as_element().is_some_and(|e| {
            BLOCKS.contains(&e.name()) && e.name() != "span" && e.name() != "font"
        });
        if !entering {
            if block_level {
                flush(&mut line, blocks, paragraph);
            }
            continue;
        }
        if node.id() != root.id() && is_chrome(node) {
            continue;
        }
        match node.value() {
            Node::Text(t) => line.push_str(t),
            Node::Element(e) if e.name() == "br" => line.push('\n'),
            Node::Element(e) if e.name() == "table" => {
                flush(&mut line, blocks, paragraph);
                *paragraph += 1;
                let rows = table(node, paragraph);
                if !rows.is_empty() {
                    blocks.push(Block::Table {
                        line: rows[0].line,
                        rows,
                    });
                }
            }
            _ => {
                if block_level {
                    flush(&mut line, blocks, paragraph);
                }
                stack.push((node, false));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(|c| (c, true)));
            }
        }
    }
    flush(&mut line, blocks, paragraph);
}

/// A table's rows, with rowspan as cells merged with the one above and
/// colspan as spans. Nested tables are their cell's text.
fn table(node: NodeRef<Node>, paragraph: &mut usize) -> Vec<Row> {
    // The rows of this table, not of tables inside its cells.
    let mut trs = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        for child in n.children().collect::<Vec<_>>().into_iter().rev() {
            match child.value().as_element().map(|e| e.name()) {
                Some("tr") => trs.push(child),
                Some("table") => {}
                Some(_) => stack.push(child),
                None => {}
            }
        }
    }
    // trs were gathered depth-first per section; keep document order.
    trs.sort_by_key(|n| n.id());
    // Columns still covered by a cell above: column → rows left.
    let mut covering: Vec<usize> = Vec::new();
    let mut rows = Vec::new();
    for tr in trs {
        let mut cells = Vec::new();
        let mut column = 0;
        let tds: Vec<_> = tr
            .children()
            .filter(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| e.name() == "td" || e.name() == "th")
            })
            .collect();
        let mut tds = tds.into_iter();
        loop {
            if covering.get(column).is_some_and(|n| *n > 0) {
                covering[column] -= 1;
                cells.push(Cell {
                    text: String::new(),
                    merged: true,
                    span: 1,
                });
                column += 1;
                continue;
            }
            let Some(td) = tds.next() else { break };
            let e = td.value().as_element();
            let number = |name: &str| {
                e.and_then(|e| e.attr(name))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            let (rowspan, colspan) = (number("rowspan"), number("colspan"));
            for c in column..column + colspan {
                if covering.len() <= c {
                    covering.resize(c + 1, 0);
                }
                covering[c] = rowspan - 1;
            }
            cells.push(Cell {
                text: text_of(td),
                merged: false,
                span: colspan,
            });
            column += colspan;
        }
        *paragraph += 1;
        rows.push(Row {
            line: *paragraph,
            cells,
        });
    }
    rows
}
