//! The national guidance and site.toml's categories agree.

use crate::content::Project;
use crate::model::Site;
use crate::util::diag::{Diagnostic, Diagnostics};
use std::collections::HashMap;
use std::path::Path;

/// Every category that site.toml numbers in the national guidance (`guidance
/// = "一.1"`) is defined by exactly one entry of the guidance catalog, and
/// that entry carries the same number: the comparison tables and each
/// project's "指导方案" link rely on it. Checked only when the site has a
/// guidance catalog. `root` is where the shown paths are relative to.
pub fn guidance(site: &Site, root: &Path) -> Diagnostics {
    let mut diags = Diagnostics::default();
    if !site.catalogs.iter().any(|c| c.is_guidance()) {
        return diags;
    }
    let locate = |d: Diagnostic, path: &Path, needle: &str, after: Option<&str>| {
        let d = d.in_file(path);
        let Ok(text) = std::fs::read_to_string(root.join(path)) else {
            return d;
        };
        let from = after.and_then(|a| text.find(a)).unwrap_or(0);
        match text[from..].find(needle) {
            Some(at) => d.at_span(&text, from + at..from + at + needle.len()),
            None => d,
        }
    };
    let mut entries: HashMap<&str, Vec<&Project>> = HashMap::new();
    for e in site.entries().filter(|e| e.is_guidance()) {
        entries
            .entry(e.project.category.as_str())
            .or_default()
            .push(e.project);
    }
    for category in &site.config.categories {
        let defined = entries
            .get(category.key.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let key_line = format!("key = \"{}\"", category.key);
        match (&category.guidance, defined) {
            (Some(number), []) => diags.push(locate(
                Diagnostic::error(crate::tr!(
                    "guidance-undefined",
                    key = category.key.as_str(),
                    number = number.as_str()
                ))
                .with_help(crate::tr!(
                    "guidance-undefined-help",
                    key = category.key.as_str()
                )),
                Path::new(crate::config::CONFIG_FILE),
                "guidance",
                Some(&key_line),
            )),
            (Some(number), [entry]) if entry.number.as_deref() != Some(number.as_str()) => {
                diags.push(locate(
                    Diagnostic::error(crate::tr!(
                        "guidance-number",
                        key = category.key.as_str(),
                        number = number.as_str(),
                        entry = entry.number.as_deref().unwrap_or("—")
                    ))
                    .with_help(crate::tr!("guidance-number-help")),
                    &entry.source_path,
                    "number",
                    None,
                ));
            }
            (None, [entry, ..]) => diags.push(locate(
                Diagnostic::error(crate::tr!(
                    "guidance-unnumbered",
                    key = category.key.as_str()
                ))
                .with_help(crate::tr!(
                    "guidance-unnumbered-help",
                    number = entry.number.as_deref().unwrap_or("…")
                )),
                &entry.source_path,
                "category",
                None,
            )),
            _ => {}
        }
        for extra in defined.iter().skip(1) {
            diags.push(locate(
                Diagnostic::error(crate::tr!(
                    "guidance-twice",
                    key = category.key.as_str(),
                    file = defined[0].source_path.display().to_string()
                ))
                .with_help(crate::tr!("guidance-twice-help")),
                &extra.source_path,
                "category",
                None,
            ));
        }
    }
    diags
}
