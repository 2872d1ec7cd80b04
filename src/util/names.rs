//! Names that become URLs and file names: slugs, and the files an editor
//! leaves behind that are not content.

/// Slugs become URL segments and file names: lowercase ASCII, digits and '-',
/// not starting or ending with '-'.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The slug a file stem such as `Bad Name` most likely meant (`bad-name`),
/// if one can be made from its ASCII letters and digits.
pub fn slug_suggestion(stem: &str) -> Option<String> {
    let suggestion = stem
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    is_valid_slug(&suggestion).then_some(suggestion)
}

/// Files an editor leaves behind that are not content.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|e| name.ends_with(e))
}
