//! Site paths. A site path has no leading slash ("projects/x/"); links prefix
//! the base path and percent-encode, files keep the raw (UTF-8) name.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// A facet value as one safe path segment: no separators, no dot-only names.
pub fn segment(value: &str) -> String {
    let s: String = value
        .chars()
        .map(|c| {
            if matches!(
                c,
                '/' | '\\' | '?' | '#' | '%' | ':' | '*' | '"' | '<' | '>' | '|'
            ) || c.is_control()
            {
                '-'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim().to_string();
    if s.is_empty() || s.chars().all(|c| c == '.') {
        "-".into()
    } else {
        s
    }
}

/// Bytes a site path keeps as they are in a link: RFC 3986's unreserved
/// characters and '/'.
const PATH_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

/// Percent-encodes everything but unreserved characters and '/'.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_KEEPS).to_string()
}

/// A site path as a link on a page: like [`encode_path`], but characters
/// beyond ASCII stay as they are, as HTML allows in a link (the browser
/// encodes them when it asks for the page). A Chinese character is then 3
/// bytes instead of 9; a project page links a dozen facet values.
pub fn link_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut ascii_start = 0;
    for (i, c) in path.char_indices() {
        if !c.is_ascii() {
            out.extend(utf8_percent_encode(&path[ascii_start..i], PATH_KEEPS));
            out.push(c);
            ascii_start = i + c.len_utf8();
        }
    }
    out.extend(utf8_percent_encode(&path[ascii_start..], PATH_KEEPS));
    out
}

/// Percent-decodes `s`, keeping malformed escapes as written; `None` if the
/// bytes it decodes to are not UTF-8.
pub fn decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// [`decode`], with invalid UTF-8 replaced.
pub fn decode_lossy(s: &str) -> String {
    percent_decode_str(s).decode_utf8_lossy().into_owned()
}

/// Why a link written in content may not be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadLink {
    /// A scheme other than http, https and mailto (`javascript:`, `file:`, `data:`).
    Scheme(String),
    /// `//host/path`: the scheme is the page's, which a reader cannot see.
    NoScheme,
    /// `page.html`, `../x/`: where it leads depends on the page it is on.
    Relative,
    Empty,
}

impl BadLink {
    pub fn message(&self, link: &str) -> String {
        match self {
            BadLink::Scheme(scheme) => {
                crate::tr!("link-scheme", scheme = scheme.as_str(), link = link)
            }
            BadLink::NoScheme => crate::tr!("link-no-scheme", link = link),
            BadLink::Relative => crate::tr!("link-relative", link = link),
            BadLink::Empty => crate::tr!("link-empty"),
        }
    }

    pub fn help(&self) -> String {
        match self {
            BadLink::NoScheme => crate::tr!("link-no-scheme-help"),
            BadLink::Relative => crate::tr!("link-relative-help"),
            _ => crate::tr!("link-allowed-help"),
        }
    }
}

/// Checks a link written in content (a Markdown link or image, a URL field):
/// `http:`, `https:`, `mailto:`, a path on this site (`/projects/x/`) and a
/// place on the same page (`#培训目标定位`) pass. The scheme is read as a
/// browser reads it, after dropping tabs, newlines and surrounding control
/// characters and spaces (`java\tscript:` is `javascript:`).
pub fn check_link(link: &str) -> Result<(), BadLink> {
    let clean: String = link
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if clean.is_empty() {
        return Err(BadLink::Empty);
    }
    if clean.starts_with("//") || clean.starts_with("\\\\") {
        return Err(BadLink::NoScheme);
    }
    if clean.starts_with('/') || clean.starts_with('#') {
        return Ok(());
    }
    let scheme = clean.split_once(':').map(|(s, _)| s).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("http" | "https" | "mailto") => Ok(()),
        Some(other) => Err(BadLink::Scheme(other.to_string())),
        None => Err(BadLink::Relative),
    }
}

pub fn project(slug: &str) -> String {
    format!("projects/{slug}/")
}

pub fn catalog(slug: &str) -> String {
    format!("catalogs/{slug}/")
}

/// The comparison of every project for one role (`segment`: the role,
/// percent-encoded where linked).
pub fn compare_role(segment: &str) -> String {
    format!("compare/roles/{segment}/")
}

/// The list of every project.
pub const PROJECTS: &str = "projects/";

/// The page on how teachers take part in the projects.
pub const HOW_TO_JOIN: &str = "how-to-join/";

pub fn facet_value(facet_path: &str, value_segment: &str) -> String {
    format!("{facet_path}/{value_segment}/")
}

/// Page `page` (from 1) of the list at `path` (`compare/<category>/`): the
/// first is the page itself, the others `<path>page/<n>/`.
pub fn paged(path: &str, page: usize) -> String {
    match page {
        0 | 1 => path.to_string(),
        n => format!("{path}page/{n}/"),
    }
}

/// Page `page` (from 1) of a facet value's list: the first is the value's
/// own page.
pub fn facet_value_page(facet_path: &str, value_segment: &str, page: usize) -> String {
    match page {
        0 | 1 => facet_value(facet_path, value_segment),
        n => format!("{facet_path}/{value_segment}/page/{n}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_keeps_chinese_as_it_is_and_encodes_what_a_url_cannot_hold() {
        assert_eq!(link_path("stages/小学/page/2/"), "stages/小学/page/2/");
        assert_eq!(
            link_path("regions/重庆 市#1?a%/"),
            "regions/重庆%20市%231%3Fa%25/"
        );
        assert_eq!(link_path("projects/a-b_c.d~e/"), "projects/a-b_c.d~e/");
        // What the browser asks for is what encode_path writes, and both
        // decode to the file's name.
        for path in ["stages/未注明/", "compare/roles/校长/", "x/𠀀 y/"] {
            assert_eq!(decode(&link_path(path)).as_deref(), Some(path));
            assert_eq!(decode(&encode_path(path)).as_deref(), Some(path));
        }
    }

    #[test]
    fn links_pass_only_for_http_https_mailto_and_this_site() {
        for good in [
            "https://example.org/a",
            "HTTP://example.org",
            "mailto:a@example.org",
            "/projects/a/",
            "#培训目标定位",
        ] {
            assert_eq!(check_link(good), Ok(()), "{good}");
        }
        for (bad, why) in [
            ("javascript:alert(1)", BadLink::Scheme("javascript".into())),
            ("JavaScript:alert(1)", BadLink::Scheme("javascript".into())),
            (
                "java\tscript:alert(1)",
                BadLink::Scheme("javascript".into()),
            ),
            (" \u{1}javascript:x", BadLink::Scheme("javascript".into())),
            ("data:text/html,x", BadLink::Scheme("data".into())),
            ("file:///etc/passwd", BadLink::Scheme("file".into())),
            ("//evil.example/x", BadLink::NoScheme),
            ("../projects/a/", BadLink::Relative),
            ("page.html", BadLink::Relative),
            ("", BadLink::Empty),
        ] {
            assert_eq!(check_link(bad), Err(why), "{bad:?}");
        }
    }

    #[test]
    fn chinese_segments_are_encoded_in_links() {
        assert_eq!(
            encode_path("regions/重庆市/"),
            "regions/%E9%87%8D%E5%BA%86%E5%B8%82/"
        );
        assert_eq!(segment("../a/b"), "..-a-b");
        assert_eq!(segment(".."), "-");
    }
}
