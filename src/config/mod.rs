//! `site.toml`: site identity, the theme, the facets, the controlled
//! vocabularies and the categories, with every default in one place.
//!
//! Vocabularies are the allowed values of the facet fields. Declaring them
//! here (not in code) lets a province add a role or mode without a release,
//! while still catching "班主人" for "班主任" at build time.

mod facet;
mod search;

pub use facet::{Facet, UNSTATED};
pub use search::SearchConfig;

use crate::util::diag::{suggest, Diagnostic, Diagnostics};
use crate::util::strict_toml;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "site.toml";

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

/// site.toml as written; [`Config::parse`] checks it and types it.
#[derive(Deserialize)]
struct ConfigFile {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_facets")]
    facets: Vec<String>,
    #[serde(default)]
    categories: Vec<Category>,
    #[serde(default)]
    vocabularies: Vocabularies,
    #[serde(default)]
    search: SearchConfig,
}

/// The site's configuration, checked.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub theme: String,
    /// Which facets the site has, in the order pages show them.
    pub facets: Vec<Facet>,
    pub categories: Vec<Category>,
    pub vocabularies: Vocabularies,
    pub search: SearchConfig,
}

fn default_theme() -> String {
    "default".into()
}

fn default_facets() -> Vec<String> {
    Facet::ALL.iter().map(|f| f.key().to_string()).collect()
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
        let file: ConfigFile = strict_toml::decode(path, text, text, 0, "site.toml")
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
        let mut facets = Vec::new();
        for key in &file.facets {
            match Facet::from_key(key) {
                Some(facet) => facets.push(facet),
                None => {
                    let known = Facet::ALL.map(Facet::key);
                    let mut d = err(format!("unknown facet `{key}`"), &format!("\"{key}\""));
                    if let Some(s) = suggest(key, known) {
                        d = d.with_help(format!("did you mean `{s}`?"));
                    }
                    problems.push(d);
                }
            }
        }
        for d in file.search.synonym_problems(path, text) {
            problems.push(d);
        }
        let config = Config {
            title: file.title,
            description: file.description,
            base_url: file.base_url,
            theme: file.theme,
            facets,
            categories: file.categories,
            vocabularies: file.vocabularies,
            search: file.search,
        };
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

    /// Whether the site has `facet` (and so its pages).
    pub fn has_facet(&self, facet: Facet) -> bool {
        self.facets.contains(&facet)
    }

    /// The allowed values of a facet's field in the order editors declared
    /// them (facet pages list values in it); `None` for years.
    pub fn vocabulary(&self, facet: Facet) -> Option<Vec<&str>> {
        fn strings(list: &[String]) -> Vec<&str> {
            list.iter().map(String::as_str).collect()
        }
        let v = &self.vocabularies;
        match facet {
            Facet::Region => Some(strings(&v.regions)),
            Facet::Level => Some(strings(&v.levels)),
            Facet::Audience => Some(strings(&v.audience)),
            Facet::Stages => Some(strings(&v.stages)),
            Facet::Modes => Some(strings(&v.modes)),
            Facet::Category => Some(self.categories.iter().map(|c| c.key.as_str()).collect()),
            Facet::District | Facet::Year | Facet::Plan | Facet::Month => None,
        }
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
        // Percent-encoded once here, as every path after it is: a base
        // path written with a character links must escape (a space, `[`)
        // then prefixes links the way a browser reads them.
        let mut p = crate::util::url::encode_path(&crate::util::url::decode_lossy(rest));
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
