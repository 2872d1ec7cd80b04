//! `site.toml`: site identity, the theme, the facets, the controlled
//! vocabularies and the categories, with every default in one place.
//!
//! Vocabularies are the allowed values of the facet fields. Declaring them
//! here (not in code) lets a province add a role or mode without a release,
//! while still catching "班主人" for "班主任" at build time.

mod facet;
mod search;

pub use facet::{Facet, UNSTATED};
pub use search::{SearchConfig, ELASTICLUNR_UP_TO};

use crate::tr;
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

/// What a spelling rule of `[spellings]` writes a word as: one value, or
/// several (中小学 → 小学, 初中, 高中).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Spelling {
    One(String),
    Many(Vec<String>),
}

impl Spelling {
    pub fn values(&self) -> Vec<&str> {
        match self {
            Spelling::One(v) => vec![v.as_str()],
            Spelling::Many(vs) => vs.iter().map(String::as_str).collect(),
        }
    }
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
    #[serde(default)]
    compare: CompareConfig,
    #[serde(default)]
    spellings: std::collections::BTreeMap<String, Spelling>,
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
    pub compare: CompareConfig,
    /// `[spellings]`: how a document's words are written here (影子学习 →
    /// 跟岗研修, 教研员 → 研训员), for the transcription and for the
    /// suggestions a value outside the vocabularies gets.
    pub spellings: std::collections::BTreeMap<String, Spelling>,
}

/// `[compare]`: what the comparison tables carry beside their pages.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CompareConfig {
    /// Whether each role's table (`/compare/roles/<role>/`) also has its
    /// CSV and JSON: `true`, `false`, or unset for “up to
    /// [`ROLE_DATA_UP_TO`] projects”. Every row of a role's table is a row
    /// of its category's table, whose data files are always written; at
    /// 100,000 projects the role tables' copies were 194 MB.
    #[serde(default)]
    pub role_data: Option<bool>,
}

/// Projects up to which role tables carry their CSV and JSON unless
/// `[compare] role_data` says otherwise.
pub const ROLE_DATA_UP_TO: usize = 20_000;

impl CompareConfig {
    /// Whether a site of `projects` projects writes role tables' data files.
    pub fn role_data(&self, projects: usize) -> bool {
        self.role_data.unwrap_or(projects <= ROLE_DATA_UP_TO)
    }
}

/// Why a value is suggested for one outside a vocabulary: the reason is
/// part of the message, so an editor learns the site's rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Suggestion {
    /// A rule of `[spellings]`: the word and what it is written as.
    Spelling(Vec<String>),
    /// A synonym group of `[search] synonyms` that holds an allowed value.
    Synonym { value: String, group: Vec<String> },
    /// A category written by its label: its key.
    CategoryKey(String),
    /// The nearest allowed value: a likely typo.
    Typo(String),
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
                let label = tr!("label-error");
                let message = tr!(
                    "config-unreadable",
                    path = path.display().to_string(),
                    error = crate::util::i18n::io_error(source)
                );
                write!(f, "{label}{message}")
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
                    tr!("config-missing-help")
                } else {
                    tr!("config-permissions-help")
                };
                Diagnostics(vec![Diagnostic::error(tr!(
                    "config-unreadable",
                    path = CONFIG_FILE,
                    error = crate::util::i18n::io_error(&source)
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
            ConfigError::Invalid(Diagnostics(vec![Diagnostic::error(tr!(
                "config-not-utf8",
                byte = e.utf8_error().valid_up_to()
            ))
            .in_file(&shown)]))
        })?;
        Config::parse(&shown, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let decoded = strict_toml::decode::<ConfigFile>(path, text, text, 0);
        let mut problems = Diagnostics(decoded.problems);
        let Some(file) = decoded.value else {
            return Err(ConfigError::Invalid(problems));
        };
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
                    let mut d = err(
                        tr!("config-unknown-facet", key = key),
                        &format!("\"{key}\""),
                    );
                    d = d.with_help(match suggest(key, known) {
                        Some(s) => tr!("did-you-mean", suggestion = s),
                        None => tr!("config-facets-are", facets = known.join(", ")),
                    });
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
            compare: file.compare,
            spellings: file.spellings,
        };
        // A spelling rule writes a word as values the vocabularies allow.
        for (word, spelling) in &config.spellings {
            for target in spelling.values() {
                if !config.allowed_anywhere(target) {
                    problems.push(
                        err(
                            tr!("config-spelling-target", word = word, target = target),
                            &format!("\"{word}\""),
                        )
                        .with_help(tr!("config-spelling-target-help")),
                    );
                }
            }
        }
        let mut seen = std::collections::HashSet::new();
        for c in &config.categories {
            if !crate::util::names::is_valid_slug(&c.key) {
                problems.push(err(
                    tr!("config-category-key", key = c.key.as_str()),
                    &format!("\"{}\"", c.key),
                ));
            }
            // /compare/overview.csv holds the overview table.
            if c.key == "overview" {
                problems.push(err(
                    tr!("config-category-overview"),
                    &format!("\"{}\"", c.key),
                ));
            }
            if !seen.insert(c.key.as_str()) {
                problems.push(err(
                    tr!("config-category-twice", key = c.key.as_str()),
                    &format!("\"{}\"", c.key),
                ));
            }
        }
        if !(config.base_url.starts_with("http://")
            || config.base_url.starts_with("https://")
            || config.base_url.starts_with('/'))
        {
            problems.push(err(
                tr!("config-base-url", url = config.base_url.as_str()),
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
            Facet::City | Facet::District | Facet::Year | Facet::Plan | Facet::Month => None,
        }
    }

    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }

    /// Whether `value` is allowed by some vocabulary (a region, level,
    /// role, stage, mode or kind of document).
    fn allowed_anywhere(&self, value: &str) -> bool {
        let v = &self.vocabularies;
        [
            &v.regions,
            &v.levels,
            &v.audience,
            &v.stages,
            &v.modes,
            &v.catalog_kinds,
        ]
        .iter()
        .any(|list| list.iter().any(|x| x == value))
    }

    /// What to suggest for `value`, which `field` does not allow: by the
    /// site's own rules first (its spellings, its synonyms, a category's
    /// label for its key), then the nearest allowed value.
    pub fn suggest_value(&self, field: &str, value: &str, allowed: &[&str]) -> Option<Suggestion> {
        let value = value.trim();
        if let Some(spelling) = self.spellings.get(value) {
            let values: Vec<String> = spelling
                .values()
                .into_iter()
                .filter(|v| allowed.contains(v))
                .map(String::from)
                .collect();
            if !values.is_empty() {
                return Some(Suggestion::Spelling(values));
            }
        }
        for group in &self.search.synonyms {
            if group.iter().any(|w| w.trim() == value) {
                if let Some(v) = group.iter().find(|w| allowed.contains(&w.trim())) {
                    return Some(Suggestion::Synonym {
                        value: v.trim().to_string(),
                        group: group.clone(),
                    });
                }
            }
        }
        if field == "category" {
            if let Some(c) = self.categories.iter().find(|c| c.label == value) {
                return Some(Suggestion::CategoryKey(c.key.clone()));
            }
        }
        suggest(value, allowed.iter().copied()).map(|s| Suggestion::Typo(s.to_string()))
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
        assert!(text.contains("未知字段 `base_ur`"), "{text}");
        assert!(text.contains("site.toml:2:1"), "{text}");
        assert!(text.contains("是不是 `base_url`？"), "{text}");
    }
}
