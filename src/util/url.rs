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

pub fn project(slug: &str) -> String {
    format!("projects/{slug}/")
}

pub fn catalog(slug: &str) -> String {
    format!("catalogs/{slug}/")
}

pub fn facet_value(facet_path: &str, value_segment: &str) -> String {
    format!("{facet_path}/{value_segment}/")
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
    fn chinese_segments_are_encoded_in_links() {
        assert_eq!(
            encode_path("regions/重庆市/"),
            "regions/%E9%87%8D%E5%BA%86%E5%B8%82/"
        );
        assert_eq!(segment("../a/b"), "..-a-b");
        assert_eq!(segment(".."), "-");
    }
}
