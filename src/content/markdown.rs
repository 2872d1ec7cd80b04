//! Markdown to HTML with pulldown-cmark, made safe and Chinese-friendly.
//!
//! - Raw HTML is escaped, not passed through: content is published by
//!   several offices and one stray `<script>` must not reach readers.
//! - Every link and image target is reported with where it is written, so
//!   that validation refuses the ones that may not be published
//!   (`util::url::check_link`); should one get through, a `javascript:`,
//!   `vbscript:` or `data:` target still becomes `#`.
//! - A soft line break between two Han characters is dropped; browsers would
//!   otherwise show a space inside a Chinese sentence.
//! - Headings get ids from their own text (Chinese kept), unique per page.
//! - Footnote ids are prefixed (`fn-`) so they cannot clash with heading ids.
//! - Site-internal links (`/projects/x/`) are prefixed with the base path;
//!   `check` verifies they lead to a page.

use crate::util::diag::Location;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    #[serde(with = "stored_text")]
    pub html: String,
    /// Plain text, for the search index and summaries.
    #[serde(with = "stored_text")]
    pub text: String,
    /// Every link and image target as written, in order.
    pub links: Vec<WrittenLink>,
}

/// A link or image target, and where it is written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WrittenLink {
    pub target: String,
    pub location: Location,
}

/// The bulk of the stored content (`content/stored.rs`), kept as bytes:
/// checked as UTF-8 by SIMD when read back, where serde's strings check a
/// byte at a time (a third of reading 100,000 projects back).
mod stored_text {
    use serde::{de, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(text.as_bytes())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        struct Text;
        impl de::Visitor<'_> for Text {
            type Value = String;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("UTF-8 bytes")
            }

            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<String, E> {
                simdutf8::basic::from_utf8(bytes)
                    .map(str::to_owned)
                    .map_err(|_| E::custom("not UTF-8"))
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
                Ok(text.to_owned())
            }
        }
        d.deserialize_bytes(Text)
    }
}

impl Rendered {
    /// The links to pages of this site (`/projects/x/`).
    pub fn site_links(&self) -> impl Iterator<Item = &WrittenLink> + '_ {
        self.links.iter().filter(|l| is_site_link(&l.target))
    }
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn unsafe_scheme(dest: &str) -> bool {
    let d: String = dest
        .trim_start()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    d.starts_with("javascript:") || d.starts_with("vbscript:") || d.starts_with("data:")
}

/// Heading id from its text: letters and digits of any script kept, ASCII lowercased,
/// everything else collapsed to '-'.
pub fn heading_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_string();
    if id.is_empty() {
        "section".into()
    } else {
        id
    }
}

/// Renders `markdown`; `locate` turns a byte range of it into a position
/// in its file (for the site links).
pub fn render(
    markdown: &str,
    base_path: &str,
    locate: &dyn Fn(Range<usize>) -> Location,
) -> Rendered {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut rendered = Rendered::default();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    // Where the link being read is written, to find its target in.
    let written_link = |dest: &str, span: &Range<usize>, links: &mut Vec<WrittenLink>| {
        let written = markdown.get(span.clone()).unwrap_or("");
        let at = written.rfind(dest).map_or(span.start..span.end, |i| {
            span.start + i..span.start + i + dest.len()
        });
        links.push(WrittenLink {
            target: dest.to_string(),
            location: locate(at),
        });
    };
    let mut i = 0;
    while i < events.len() {
        let (ev, span) = events[i].clone();
        match ev {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let mut text = String::new();
                let mut j = i + 1;
                while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                    if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                        text.push_str(t);
                    }
                    j += 1;
                }
                let base = id
                    .as_ref()
                    .map(|s| s.to_string())
                    .unwrap_or_else(|| heading_id(&text));
                let n = used_ids.entry(base.clone()).or_insert(0);
                let unique = if *n == 0 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                };
                *n += 1;
                out.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(unique)),
                    classes,
                    attrs,
                }));
            }
            Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
            Event::SoftBreak => {
                let prev = last_char(&out);
                let next = events.get(i + 1).and_then(|(e, _)| first_char(e));
                match (prev, next) {
                    (Some(a), Some(b)) if is_han(a) && is_han(b) => {}
                    _ => out.push(Event::SoftBreak),
                }
                rendered.text.push(' ');
            }
            Event::Start(mut tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &mut tag {
                    written_link(dest_url, &span, &mut rendered.links);
                    *dest_url = fix_dest(dest_url, base_path);
                }
                out.push(Event::Start(tag));
            }
            Event::FootnoteReference(label) => out.push(Event::FootnoteReference(CowStr::from(
                format!("fn-{label}"),
            ))),
            Event::Start(Tag::FootnoteDefinition(label)) => out.push(Event::Start(
                Tag::FootnoteDefinition(CowStr::from(format!("fn-{label}"))),
            )),
            Event::Text(t) => {
                rendered.text.push_str(&t);
                out.push(Event::Text(t));
            }
            Event::Code(t) => {
                rendered.text.push_str(&t);
                out.push(Event::Code(t));
            }
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            )
            | Event::HardBreak => {
                rendered.text.push(' ');
                out.push(ev);
            }
            other => out.push(other),
        }
        i += 1;
    }
    pulldown_cmark::html::push_html(&mut rendered.html, out.into_iter());
    // Kept for the whole build: the room left by growing (a third of the
    // HTML on average) was 140 MB at 100,000 projects.
    rendered.html.shrink_to_fit();
    rendered.text = collapse_whitespace(&rendered.text);
    rendered
}

/// `text.split_whitespace()` joined by single spaces, in one pass over the
/// bytes that decodes only where white space can start: a byte up to 0x20,
/// or a lead byte 0xC2 (U+0085, U+00A0), 0xE1 (U+1680), 0xE2 (U+2000–U+205F)
/// or 0xE3 (U+3000). Each is a character boundary. Chinese text is otherwise
/// skipped a byte at a time without decoding (the plain text of every body
/// feeds the search index).
fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let push_word = |out: &mut String, word: &str| {
        if !word.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    };
    let mut word_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b <= b' ' || b == 0xC2 || (0xE1..=0xE3).contains(&b)) {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            i += 1;
            continue;
        };
        if c.is_whitespace() {
            push_word(&mut out, &text[word_start..i]);
            word_start = i + c.len_utf8();
        }
        i += c.len_utf8();
    }
    push_word(&mut out, &text[word_start..]);
    out
}

/// A link to a page of this site: site-absolute, not protocol-relative.
fn is_site_link(dest: &str) -> bool {
    dest.starts_with('/') && !dest.starts_with("//")
}

fn fix_dest<'a>(dest: &CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if unsafe_scheme(dest) {
        return CowStr::from("#");
    }
    if is_site_link(dest) {
        return CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), dest));
    }
    dest.clone()
}

fn last_char(out: &[Event]) -> Option<char> {
    match out.last()? {
        Event::Text(t) | Event::Code(t) => t.chars().last(),
        _ => None,
    }
}

fn first_char(ev: &Event) -> Option<char> {
    match ev {
        Event::Text(t) | Event::Code(t) => t.chars().next(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(markdown: &str, base_path: &str) -> Rendered {
        render(markdown, base_path, &|span| {
            crate::util::diag::locate(markdown, span)
        })
    }

    #[test]
    fn raw_html_is_escaped_and_scripts_links_neutralised() {
        let r = render_plain(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>粗</b>",
            "/",
        );
        assert!(!r.html.contains("<script>"), "{}", r.html);
        assert!(r.html.contains("&lt;script&gt;"), "{}", r.html);
        assert!(r.html.contains("href=\"#\""), "{}", r.html);
        assert!(!r.html.contains("<b>"), "{}", r.html);
    }

    #[test]
    fn chinese_heading_ids_and_soft_breaks() {
        let r = render_plain(
            "## 培训目标定位\n\n培养一批\n骨干教师 and\nmore\n\n## 培训目标定位",
            "/",
        );
        assert!(r.html.contains("<h2 id=\"培训目标定位\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"培训目标定位-1\">"), "{}", r.html);
        assert!(r.html.contains("培养一批骨干教师 and\nmore"), "{}", r.html);
    }

    #[test]
    fn internal_links_get_base_path_and_are_reported() {
        let r = render_plain("[见](/projects/a/) [外](https://e.org/)", "/peixun/");
        assert!(
            r.html.contains("href=\"/peixun/projects/a/\""),
            "{}",
            r.html
        );
        let targets: Vec<&str> = r.site_links().map(|l| l.target.as_str()).collect();
        assert_eq!(targets, ["/projects/a/"]);
        assert_eq!(r.links[0].location.column, 5);
        assert_eq!(r.links[1].target, "https://e.org/");
    }

    #[test]
    fn whitespace_collapses_as_split_whitespace_joins() {
        let spaces: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        let pieces = ["培训", "a", "É", "𠀀", "·", "\u{3001}", "x\u{85}"];
        // Every white-space character, alone and in runs, at the ends and
        // between words of one to four bytes a character.
        let mut seed = 7u32;
        for round in 0..2000 {
            let mut text = String::new();
            for _ in 0..(round % 9) {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                let n = (seed >> 8) as usize;
                if n.is_multiple_of(3) {
                    text.push(spaces[n % spaces.len()]);
                } else {
                    text.push_str(pieces[n % pieces.len()]);
                }
            }
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn footnote_ids_are_prefixed() {
        let r = render_plain("文[^1]\n\n[^1]: 注", "/");
        assert!(r.html.contains("fn-1"), "{}", r.html);
    }
}
