//! Site paths. A site path has no leading slash ("projects/x/"); links prefix
//! the base path and percent-encode, files keep the raw (UTF-8) name.

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

/// Percent-encodes everything but unreserved characters and '/'.
pub fn encode_path(path: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(path.len() * 3);
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Percent-decodes `s`, keeping malformed escapes as written and
/// replacing invalid UTF-8.
pub fn decode_lossy(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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
