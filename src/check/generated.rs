//! Links in the generated pages: every `href`, `src` and `action` of every
//! HTML page, the theme's own links included, must lead to a file the
//! build writes. Content links are checked at their source, with positions
//! ([`super::content_links`]); this finds what templates and site.toml
//! make, such as a link to the page of a facet site.toml does not list.

use crate::util::diag::{Diagnostic, Diagnostics};
use crate::util::hash::Long;
use crate::util::url;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

/// Reads the internal links of HTML pages, resolved to site paths:
/// `base_url` and `base_path` are the site's, and a link is internal when it
/// starts with either, or is relative. Each site path it finds is given a
/// number, once: pages repeat the same few hundred thousand targets
/// millions of times.
pub struct LinkReader {
    base_url: String,
    base_path: String,
    targets: Mutex<Targets>,
    /// Per thread (by rayon's index, the last for any other thread): the
    /// number each absolute link written the same way led to, kept across
    /// the batches a build reads, so that each thread resolves the
    /// navigation's links and each project's address once per build, not
    /// once per batch.
    known: Vec<Mutex<Known>>,
}

type Known = HashMap<Box<[u8]>, Option<u32>, Long>;

#[derive(Default)]
struct Targets {
    ids: HashMap<String, u32, Long>,
    paths: Vec<String>,
}

/// The internal links of pages seen so far: for each target (by the
/// number its [`LinkReader`] gave it) the pages that link to it, so that
/// a build can check its pages' links batch by batch and let their bytes
/// go ([`PageLinks::dead`] once every file is known). Pages are numbers
/// into `pages`: a national catalog's 5 million links take tens of
/// megabytes, not its gigabytes of HTML.
#[derive(Default)]
pub struct PageLinks {
    pages: Vec<String>,
    by_target: Vec<Vec<u32>>,
}

/// A page's links as [`LinkReader::read`] finds them: its path, and the
/// numbers of the site paths it links to, each once.
pub type FoundLinks = Vec<(String, Vec<u32>)>;

impl LinkReader {
    pub fn new(base_url: &str, base_path: &str) -> LinkReader {
        LinkReader {
            base_url: base_url.to_string(),
            base_path: base_path.to_string(),
            targets: Mutex::default(),
            known: (0..=rayon::current_num_threads())
                .map(|_| Mutex::default())
                .collect(),
        }
    }

    /// The calling thread's [`LinkReader::known`]. Threads of another pool
    /// with the same index share one, which the lock keeps correct.
    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        let last = self.known.len() - 1;
        let at = rayon::current_thread_index().map_or(last, |i| i.min(last));
        self.known[at]
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The number of site path `target`.
    fn id_of(&self, target: String) -> u32 {
        let mut targets = self
            .targets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&id) = targets.ids.get(&target) {
            return id;
        }
        let id = targets.paths.len() as u32;
        targets.paths.push(target.clone());
        targets.ids.insert(target, id);
        id
    }

    /// The internal links of each of `pages`' HTML pages, each once:
    /// [`PageLinks::merge`] records them. Apart so that the reading runs in
    /// parallel outside any lock.
    pub fn read<'a>(
        &self,
        pages: impl IntoParallelIterator<Item = (&'a str, &'a [u8])>,
    ) -> FoundLinks {
        let finder = memchr::memmem::Finder::new(b"=\"");
        let (base_url, base_path) = (self.base_url.as_str(), self.base_path.as_str());
        pages
            .into_par_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(page, bytes)| {
                let resolve = |raw: &[u8]| {
                    let link = std::str::from_utf8(raw).ok().map(unescape)?;
                    site_path(&link, page, base_url, base_path).map(|t| self.id_of(t))
                };
                let mut known = self.known();
                let mut targets: Vec<u32> = links_in(bytes, &finder)
                    .into_iter()
                    .filter_map(|raw| {
                        // A link relative to its page is resolved on every page.
                        if !raw.starts_with(b"/") && !raw.contains(&b':') {
                            return resolve(raw);
                        }
                        if let Some(&id) = known.get(raw) {
                            return id;
                        }
                        let id = resolve(raw);
                        known.insert(raw.into(), id);
                        id
                    })
                    .collect();
                drop(known);
                // Each once (a comparison page links hundreds of times).
                targets.sort_unstable();
                targets.dedup();
                (page.to_string(), targets)
            })
            .collect()
    }
}

impl PageLinks {
    /// Records pages' links as [`LinkReader::read`] found them.
    pub fn merge(&mut self, found: FoundLinks) {
        for (page, targets) in found {
            let id = self.pages.len() as u32;
            self.pages.push(page);
            for target in targets {
                let target = target as usize;
                if target >= self.by_target.len() {
                    self.by_target.resize_with(target + 1, Vec::new);
                }
                self.by_target[target].push(id);
            }
        }
    }

    /// The links that lead to no file `exists` knows of (their targets
    /// numbered by `reader`, which read them): one problem for each folder
    /// of targets, naming how many pages link to them and the first.
    pub fn dead(&self, reader: &LinkReader, exists: impl Fn(&str) -> bool + Sync) -> Diagnostics {
        let paths: Vec<String> = {
            let targets = reader
                .targets
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            targets.paths.clone()
        };
        let dead: Vec<(&str, &[u32])> = self
            .by_target
            .par_iter()
            .enumerate()
            .filter(|(_, pages)| !pages.is_empty())
            .filter_map(|(id, pages)| Some((paths.get(id)?.as_str(), &pages[..])))
            .filter(|(target, _)| !leads_somewhere(target, &exists))
            .collect();
        // By folder, so that a family of missing pages (every value of a
        // facet site.toml does not list) is one message: folder → target →
        // the first page linking to it.
        let mut by_folder: BTreeMap<&str, BTreeMap<&str, &str>> = BTreeMap::new();
        for (target, pages) in &dead {
            let first = pages
                .iter()
                .map(|&p| self.pages[p as usize].as_str())
                .min()
                .unwrap_or("");
            by_folder
                .entry(folder_of(target))
                .or_default()
                .insert(target, first);
        }
        let mut diags = Diagnostics::default();
        for (folder, targets) in by_folder {
            let pages = dead
                .iter()
                .filter(|(target, _)| folder_of(target) == folder)
                .flat_map(|(_, pages)| pages.iter())
                .collect::<HashSet<_>>()
                .len();
            let first = targets.values().min().copied().unwrap_or("");
            let first = first.trim_end_matches("index.html");
            let from = match pages {
                1 => crate::tr!("dead-from-one", page = first),
                n => crate::tr!("dead-from-many", count = n, page = first),
            };
            let message = match targets.len() {
                1 => {
                    let target = targets.keys().next().copied().unwrap_or("");
                    crate::tr!("dead-one", target = target, from = from)
                }
                n => {
                    let shown: Vec<String> =
                        targets.keys().take(3).map(|t| format!("/{t}")).collect();
                    let more = if n > 3 {
                        crate::tr!("dead-more", count = n - 3)
                    } else {
                        String::new()
                    };
                    crate::tr!(
                        "dead-many",
                        count = n,
                        folder = folder,
                        pages = format!("{}{more}", shown.join(", ")),
                        from = from
                    )
                }
            };
            diags.push(Diagnostic::error(message).with_help(crate::tr!("dead-help")));
        }
        diags
    }
}

/// The folder a site path is in: `audience/` for `audience/教师/`.
fn folder_of(target: &str) -> &str {
    let trimmed = target.trim_end_matches('/');
    trimmed.rfind('/').map_or("", |i| &target[..=i])
}

/// Whether a site path (decoded, no leading '/') is a file of the build, or
/// a directory with an index page.
fn leads_somewhere(target: &str, exists: &impl Fn(&str) -> bool) -> bool {
    if target.is_empty() || target.ends_with('/') {
        exists(&format!("{target}index.html"))
    } else {
        exists(target) || exists(&format!("{target}/index.html"))
    }
}

/// The raw values of the `href`, `src` and `action` attributes of an HTML
/// page. Attributes are found by their text (`href="`), which is how the
/// theme and the Markdown renderer write them, in one pass over the page
/// for every `="`.
fn links_in<'a>(html: &'a [u8], finder: &memchr::memmem::Finder) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    for at in finder.find_iter(html) {
        let before = &html[..at];
        if !(before.ends_with(b" href")
            || before.ends_with(b" src")
            || before.ends_with(b" action"))
        {
            continue;
        }
        let start = at + 2;
        if let Some(len) = memchr::memchr(b'"', &html[start..]) {
            out.push(&html[start..start + len]);
        }
    }
    out
}

/// The entities an HTML-escaped attribute value can hold.
fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// The site path (decoded, no leading '/', no query or fragment) a link on
/// `page` leads to, or `None` for a link that leaves the site or stays on
/// the page.
fn site_path(link: &str, page: &str, base_url: &str, base_path: &str) -> Option<String> {
    // Compared decoded: a link may escape what the base URL writes as is,
    // or the other way round (`/%5B/` and `/[/` are one path).
    let link = &url::decode_lossy(link.split(['#', '?']).next().unwrap_or(""));
    if link.is_empty() {
        return None;
    }
    let base_url = &url::decode_lossy(base_url.trim_end_matches('/'));
    let base_path = &url::decode_lossy(base_path);
    let rest = if let Some(rest) = link
        .strip_prefix(base_url.as_str())
        .filter(|r| r.starts_with('/'))
    {
        rest.trim_start_matches('/').to_string()
    } else if link.starts_with("//") || link.contains(':') && !link.starts_with('/') {
        // Another host or a scheme (https:, mailto:, data:): not ours.
        return None;
    } else if let Some(rest) = link.strip_prefix(base_path.as_str()) {
        rest.to_string()
    } else if link.starts_with('/') {
        // Under the host but outside the base path: not a page of this site.
        return Some(link.trim_start_matches('/').to_string());
    } else {
        // Relative to the page's folder.
        let folder = page.rsplit_once('/').map_or("", |(dir, _)| dir);
        let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        for part in link.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                other => parts.push(other),
            }
        }
        let mut joined = parts.join("/");
        if link.ends_with('/') && !joined.is_empty() {
            joined.push('/');
        }
        joined
    };
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_read_as_the_browser_resolves_them() {
        let at = |link| site_path(link, "projects/a/index.html", "https://e.org/p/", "/p/");
        assert_eq!(
            at("/p/stages/%E5%B0%8F%E5%AD%A6/"),
            Some("stages/小学/".into())
        );
        assert_eq!(at("https://e.org/p/atom.xml"), Some("atom.xml".into()));
        assert_eq!(at("/p/?q=1#x"), Some("".into()));
        assert_eq!(at("../b/"), Some("projects/b/".into()));
        assert_eq!(at("/elsewhere/"), Some("elsewhere/".into()));
        for external in [
            "https://other.org/",
            "mailto:a@e.org",
            "data:,",
            "#main",
            "//cdn.e.org/x.js",
        ] {
            assert_eq!(at(external), None, "{external}");
        }
        let finder = memchr::memmem::Finder::new(b"=\"");
        let html =
            br#"<a class="x" href="/a/?x=1&amp;y=2">x</a><img src="/i.png"><form action="/p/">"#;
        assert_eq!(
            links_in(html, &finder),
            [&b"/a/?x=1&amp;y=2"[..], b"/i.png", b"/p/"]
        );
        assert_eq!(unescape("/a/?x=1&amp;y=2"), "/a/?x=1&y=2");
    }
}
