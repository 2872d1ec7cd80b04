//! `site.toml`: site identity, the theme, and the controlled vocabularies.
//!
//! Vocabularies are the allowed values of the facet fields. Declaring them
//! here (not in code) lets a province add a role or mode without a release,
//! while still catching "班主人" for "班主任" at build time.

use crate::util::diag::{Diagnostic, Diagnostics};
use crate::util::strict_toml;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "site.toml";

/// The facets peixun knows, by their key in the URL query and in `facets`.
/// (key, path segment of the static pages, label)
pub const KNOWN_FACETS: &[(&str, &str, &str)] = &[
    ("region", "regions", "地区"),
    ("year", "years", "年度"),
    ("level", "levels", "级别"),
    ("category", "categories", "项目类别"),
    ("audience", "audience", "培训对象"),
    ("stages", "stages", "学段"),
    ("modes", "modes", "培训方式"),
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// URL-safe key: `/categories/<key>/`, and the value of `category` in projects.
    pub key: String,
    pub label: String,
    /// Heading of the national guidance this kind belongs to, or "其他" for
    /// kinds the guidance does not define.
    #[serde(default)]
    pub group: Option<String>,
    /// Its number in the national guidance (e.g. "一.1"); absent for other kinds.
    #[serde(default)]
    pub guidance: Option<String>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabularies {
    /// Province-level regions (省、自治区、直辖市), spelt one way.
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub audience: Vec<String>,
    #[serde(default)]
    pub stages: Vec<String>,
    #[serde(default)]
    pub modes: Vec<String>,
    #[serde(default)]
    pub catalog_kinds: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    #[serde(default = "default_facets")]
    pub facets: Vec<String>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub vocabularies: Vocabularies,
    #[serde(default)]
    pub search: SearchConfig,
}

/// `[search]`: how the index is split and how long lists get, for the browser.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// About this many postings per index shard file (default 20,000: about
    /// 50 KB gzip each); smaller means more, smaller downloads per query.
    #[serde(default = "default_postings_per_shard")]
    pub postings_per_shard: usize,
    /// The home page lists every project as a card (readable without
    /// JavaScript) up to this many projects; above it, only the published
    /// documents with their counts, so a phone does not download megabytes
    /// before the search box works (10,000 cards are 285 KB gzip).
    #[serde(default = "default_home_cards_max")]
    pub home_cards_max: usize,
    /// Cards per facet value page; more go on `<facet>/<value>/page/2/`
    /// and on (default 100; 0 puts every card on one page). A stage or
    /// audience of a national catalog holds thousands of projects.
    #[serde(default = "default_facet_page_size")]
    pub facet_page_size: usize,
}

impl SearchConfig {
    /// How many pages a facet value with `count` projects has (at least one).
    pub fn facet_pages(&self, count: usize) -> usize {
        match self.facet_page_size {
            0 => 1,
            size => count.div_ceil(size).max(1),
        }
    }

    /// The projects on page `page` (from 1) of a facet value's list.
    pub fn facet_page<'a>(&self, projects: &'a [usize], page: usize) -> &'a [usize] {
        match self.facet_page_size {
            0 => projects,
            size => projects
                .chunks(size)
                .nth(page.saturating_sub(1))
                .unwrap_or_default(),
        }
    }
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            postings_per_shard: default_postings_per_shard(),
            home_cards_max: default_home_cards_max(),
            facet_page_size: default_facet_page_size(),
        }
    }
}

fn default_facet_page_size() -> usize {
    100
}

fn default_home_cards_max() -> usize {
    300
}

fn default_postings_per_shard() -> usize {
    crate::search::POSTINGS_PER_SHARD
}

const FIELDS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "theme",
    "facets",
    "categories",
    "vocabularies",
    "search",
];

fn default_theme() -> String {
    "default".into()
}

fn default_facets() -> Vec<String> {
    KNOWN_FACETS.iter().map(|f| f.0.to_string()).collect()
}

#[derive(Debug)]
#[non_exhaustive]
pub enum ConfigError {
    /// site.toml is missing or unreadable.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// site.toml was read but is wrong; every problem found.
    Invalid(Diagnostics),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Io { path, source } => {
                write!(f, "error: cannot read {}: {source}", path.display())
            }
            ConfigError::Invalid(d) => write!(f, "{d}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            ConfigError::Io { path, source } => {
                let hint = if source.kind() == std::io::ErrorKind::NotFound {
                    "run peixun in a site directory, or pass --root DIR"
                } else {
                    "check the file's permissions"
                };
                Diagnostics(vec![Diagnostic::error(format!(
                    "cannot read {CONFIG_FILE}: {source}"
                ))
                .in_file(path)
                .with_help(hint)])
            }
            ConfigError::Invalid(d) => d,
        }
    }
}

impl Config {
    pub fn load(root: &Path) -> Result<Config, ConfigError> {
        let path = root.join(CONFIG_FILE);
        let bytes = std::fs::read(&path).map_err(|source| ConfigError::Io {
            path: path.clone(),
            source,
        })?;
        let shown = PathBuf::from(CONFIG_FILE);
        let text = String::from_utf8(bytes).map_err(|e| {
            ConfigError::Invalid(Diagnostics(vec![Diagnostic::error(format!(
                "{CONFIG_FILE} is not valid UTF-8 (first bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ))
            .in_file(&shown)]))
        })?;
        Config::parse(&shown, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let config: Config = strict_toml::decode(path, text, text, 0, FIELDS, "site.toml")
            .map_err(|d| ConfigError::Invalid(Diagnostics(d)))?;
        let mut problems = Diagnostics::default();
        let line_of = |needle: &str| text.find(needle).map(|i| i..i + needle.len());
        let err = |msg: String, needle: &str| {
            let d = Diagnostic::error(msg).in_file(path);
            match line_of(needle) {
                Some(span) => d.at_span(text, span),
                None => d,
            }
        };
        for facet in &config.facets {
            if !KNOWN_FACETS.iter().any(|f| f.0 == facet) {
                let known: Vec<&str> = KNOWN_FACETS.iter().map(|f| f.0).collect();
                let mut d = err(format!("unknown facet `{facet}`"), &format!("\"{facet}\""));
                if let Some(s) = crate::util::diag::suggest(facet, known.iter().copied()) {
                    d = d.with_help(format!("did you mean `{s}`?"));
                }
                problems.push(d);
            }
        }
        let mut seen = std::collections::HashSet::new();
        for c in &config.categories {
            if !crate::util::names::is_valid_slug(&c.key) {
                problems.push(err(
                    format!(
                        "category key `{}` must be lowercase ASCII letters, digits and '-'",
                        c.key
                    ),
                    &format!("\"{}\"", c.key),
                ));
            }
            // /compare/overview.csv holds the overview table.
            if c.key == "overview" {
                problems.push(err(
                    "category key `overview` is reserved (the comparison overview uses it)".into(),
                    &format!("\"{}\"", c.key),
                ));
            }
            if !seen.insert(c.key.as_str()) {
                problems.push(err(
                    format!("category `{}` is declared twice", c.key),
                    &format!("\"{}\"", c.key),
                ));
            }
        }
        if !(config.base_url.starts_with("http://")
            || config.base_url.starts_with("https://")
            || config.base_url.starts_with('/'))
        {
            problems.push(err(
                format!(
                    "base_url `{}` must start with http://, https:// or /",
                    config.base_url
                ),
                &config.base_url,
            ));
        }
        if problems.has_errors() {
            return Err(ConfigError::Invalid(problems));
        }
        Ok(config)
    }

    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// Replaces base_url (from `--base-url` or the dev server).
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = url.to_string();
    }

    /// The path part of base_url with a trailing slash: "/" or "/peixun/".
    /// Pages link with root-relative paths built on it, so a site built for
    /// a sub-path works there and the feeds still get absolute URLs.
    pub fn base_path(&self) -> String {
        let rest = self
            .base_url
            .strip_prefix("https://")
            .or_else(|| self.base_url.strip_prefix("http://"))
            .map(|r| r.find('/').map_or("/", |i| &r[i..]))
            .unwrap_or(&self.base_url);
        let mut p = rest.to_string();
        if !p.starts_with('/') {
            p.insert(0, '/');
        }
        if !p.ends_with('/') {
            p.push('/');
        }
        p
    }

    /// Absolute URL for a site path like "projects/x/" (for feeds, sitemap, JSON).
    pub fn absolute_url(&self, path: &str) -> String {
        let base = self.base_url.trim_end_matches('/');
        format!("{base}/{}", path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_of_sub_path_url() {
        let mut c = Config::parse(
            Path::new("site.toml"),
            "title='t'\nbase_url='https://example.org/peixun'",
        )
        .unwrap();
        assert_eq!(c.base_path(), "/peixun/");
        assert_eq!(
            c.absolute_url("projects/a/"),
            "https://example.org/peixun/projects/a/"
        );
        c.set_base_url("http://127.0.0.1:1111");
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_key_in_site_toml_is_reported_with_suggestion() {
        let err = Config::parse(
            Path::new("site.toml"),
            "title='t'\nbase_ur='https://e.org/'",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(text.contains("unknown field `base_ur`"), "{text}");
        assert!(text.contains("site.toml:2:1"), "{text}");
        assert!(text.contains("did you mean `base_url`?"), "{text}");
    }
}
