//! A content file's front matter decoded into its record and checked
//! against site.toml: vocabularies, figures that must be positive, parts
//! that must add up. Every problem of a file is reported, each at the value
//! it is about.

use super::markdown;
use super::read::split_front_matter;
use super::record::{Catalog, Project};
use crate::config::Config;
use crate::util::diag::{locate, suggest, Diagnostic};
use crate::util::strict_toml::{self, Key};
use crate::util::url;
use std::path::Path;

/// A problem with one value, named by its path in the front matter; placed
/// in the file only once there is one (most files have none).
struct Problem {
    at: Vec<Key>,
    message: String,
    help: Option<String>,
}

/// Collects the problems of one file's values.
#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn error(&mut self, at: &[Key], message: String, help: Option<String>) {
        self.problems.push(Problem {
            at: at.to_vec(),
            message,
            help,
        });
    }

    /// A value must be one of `allowed`; suggests the nearest one.
    fn vocab(&mut self, field: &str, at: &[Key], value: &str, allowed: &[&str]) {
        if allowed.contains(&value) {
            return;
        }
        let help = match suggest(value, allowed.iter().copied()) {
            Some(s) => format!("did you mean `{s}`? (allowed values are declared in site.toml)"),
            None if allowed.is_empty() => {
                "declare the allowed values in site.toml [vocabularies]".to_string()
            }
            None => format!("allowed: {}", allowed.join("、")),
        };
        self.error(
            at,
            format!("`{value}` is not an allowed value of `{field}`"),
            Some(help),
        );
    }

    /// Each value of a list field must be allowed, and listed once.
    fn vocab_list(&mut self, field: &'static str, at: &[Key], values: &[String], allowed: &[&str]) {
        for (i, v) in values.iter().enumerate() {
            let here = [at, &[Key::Name(field), Key::Index(i)]].concat();
            self.vocab(field, &here, v, allowed);
            if values[..i].contains(v) {
                self.error(&here, format!("`{v}` is listed twice in `{field}`"), None);
            }
        }
    }

    /// Counts that a document states are never 0: a value it does not state is left out.
    fn positive(&mut self, field: &'static str, at: &[Key], value: Option<u32>) {
        if value == Some(0) {
            self.error(
                &[at, &[Key::Name(field)]].concat(),
                format!("`{field}` is 0"),
                Some(format!("leave `{field}` out when the document does not state it; 0 would read as a real figure")),
            );
        }
    }

    fn non_empty(&mut self, field: &'static str, at: &[Key], value: &str) {
        if value.trim().is_empty() {
            self.error(
                &[at, &[Key::Name(field)]].concat(),
                format!("`{field}` is empty"),
                None,
            );
        }
    }

    /// The problems as diagnostics, each at its value in `text`, whose
    /// front matter is `front` at byte `offset`.
    fn into_diagnostics(
        self,
        path: &Path,
        text: &str,
        front: &str,
        offset: usize,
    ) -> Vec<Diagnostic> {
        self.problems
            .into_iter()
            .map(|p| {
                let mut d = Diagnostic::error(p.message).in_file(path);
                if let Some(span) = strict_toml::span_of(front, &p.at) {
                    d = d.at_span(text, span.start + offset..span.end + offset);
                }
                if let Some(h) = p.help {
                    d = d.with_help(h);
                }
                d
            })
            .collect()
    }
}

fn trimmed(s: &mut Option<String>) {
    *s = s
        .take()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
}

fn trimmed_list(v: &mut Vec<String>) {
    *v = std::mem::take(v)
        .into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
}

fn strings(list: &[String]) -> Vec<&str> {
    list.iter().map(String::as_str).collect()
}

/// Hash of a file's text: tells the dev server which files changed.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

/// Renders a body that starts at byte `offset` of `text`, with a problem
/// for each link in it that may not be published.
fn body_of(
    path: &Path,
    text: &str,
    offset: usize,
    config: &Config,
) -> (markdown::Rendered, Vec<Diagnostic>) {
    let body = text.get(offset..).unwrap_or("");
    let rendered = markdown::render(body, &config.base_path(), &|span| {
        locate(text, span.start + offset..span.end + offset)
    });
    let problems = rendered
        .links
        .iter()
        .filter_map(|link| {
            let bad = url::check_link(&link.target).err()?;
            Some(
                Diagnostic::error(bad.message(&link.target))
                    .in_file(path)
                    .at(link.location.clone())
                    .with_help(bad.help()),
            )
        })
        .collect();
    (rendered, problems)
}

/// Both lists of problems, or none.
fn problems_of(
    check: Checker,
    links: Vec<Diagnostic>,
    path: &Path,
    text: &str,
    front: &str,
    offset: usize,
) -> Result<(), Vec<Diagnostic>> {
    if check.problems.is_empty() && links.is_empty() {
        return Ok(());
    }
    let mut all = check.into_diagnostics(path, text, front, offset);
    all.extend(links);
    Err(all)
}

pub fn parse_catalog(
    path: &Path,
    text: &str,
    dir: &str,
    config: &Config,
) -> Result<Catalog, Vec<Diagnostic>> {
    let (front, offset, body_offset) = split_front_matter(path, text).map_err(|d| vec![d])?;
    let mut c: Catalog = strict_toml::decode(path, text, front, offset, "catalog front matter")?;
    let mut check = Checker::default();
    let vocabularies = &config.vocabularies;
    check.non_empty("title", &[], &c.title);
    check.vocab(
        "region",
        &[Key::Name("region")],
        &c.region,
        &strings(&vocabularies.regions),
    );
    check.vocab(
        "kind",
        &[Key::Name("kind")],
        &c.kind,
        &strings(&vocabularies.catalog_kinds),
    );
    match c.year {
        Some(y) if !(1990..=2100).contains(&y) => check.error(
            &[Key::Name("year")],
            format!("year {y} is out of range"),
            Some("write the plan's year, e.g. `year = 2026`".into()),
        ),
        // Only a guidance document may be undated; a plan without a year cannot be compared.
        None if !c.is_guidance() => check.error(
            &[Key::Name("kind")],
            "missing field `year`".into(),
            Some("write the plan's year, e.g. `year = 2026` (only a 指导方案 may omit it)".into()),
        ),
        _ => {}
    }
    if let Some(link) = &c.source_url {
        if let Err(bad) = url::check_link(link) {
            check.error(
                &[Key::Name("source_url")],
                bad.message(link),
                Some(bad.help().into()),
            );
        }
    }
    let (body, links) = body_of(path, text, body_offset, config);
    problems_of(check, links, path, text, front, offset)?;
    c.slug = dir.to_string();
    c.title = c.title.trim().to_string();
    for field in [
        &mut c.issuer,
        &mut c.district,
        &mut c.source,
        &mut c.source_url,
        &mut c.published,
    ] {
        trimmed(field);
    }
    c.body = body;
    c.source_path = path.to_path_buf();
    Ok(c)
}

pub fn parse_project(
    path: &Path,
    text: &str,
    dir: &str,
    slug: &str,
    config: &Config,
) -> Result<Box<Project>, Vec<Diagnostic>> {
    let (front, offset, body_offset) = split_front_matter(path, text).map_err(|d| vec![d])?;
    let mut p: Box<Project> =
        strict_toml::decode(path, text, front, offset, "project front matter")?;
    let v = &config.vocabularies;
    let mut check = Checker::default();
    check.non_empty("title", &[], &p.title);
    check.vocab(
        "level",
        &[Key::Name("level")],
        &p.level,
        &strings(&v.levels),
    );
    let keys: Vec<&str> = config.categories.iter().map(|k| k.key.as_str()).collect();
    check.vocab("category", &[Key::Name("category")], &p.category, &keys);
    check.vocab_list("audience", &[], &p.audience, &strings(&v.audience));
    check.vocab_list("stages", &[], &p.stages, &strings(&v.stages));
    check.vocab_list("modes", &[], &p.modes, &strings(&v.modes));
    check.positive("offline_days", &[], p.offline_days);
    check.positive("online_hours", &[], p.online_hours);
    check.positive("cycle_years", &[], p.cycle_years);
    check.positive("trainees", &[], p.trainees);
    let first_part = [Key::Name("offline_parts"), Key::Index(0), Key::Name("days")];
    for (i, part) in p.offline_parts.iter().enumerate() {
        check.positive(
            "days",
            &[Key::Name("offline_parts"), Key::Index(i)],
            Some(part.days),
        );
    }
    match (p.offline_days, p.offline_parts.is_empty()) {
        (Some(total), false) => {
            let sum: u32 = p.offline_parts.iter().map(|x| x.days).sum();
            if sum != total {
                check.error(
                    &first_part,
                    format!("offline_parts add up to {sum} days but offline_days is {total}"),
                    Some("the parts split the total: correct one of them".into()),
                );
            }
        }
        (None, false) => check.error(
            &first_part,
            "offline_parts without offline_days".into(),
            Some("state the total in offline_days".into()),
        ),
        _ => {}
    }
    for (i, item) in p.funding.iter().enumerate() {
        let here = [Key::Name("funding"), Key::Index(i)];
        if !(item.amount.is_finite() && item.amount > 0.0) {
            check.error(
                &[&here[..], &[Key::Name("amount")]].concat(),
                format!("funding amount {} must be a positive number", item.amount),
                None,
            );
        }
        check.non_empty("unit", &here, &item.unit);
    }
    for (i, sp) in p.sub_projects.iter().enumerate() {
        let here = [Key::Name("sub_projects"), Key::Index(i)];
        check.vocab_list("stages", &here, &sp.stages, &strings(&v.stages));
        check.positive("trainees", &here, sp.trainees);
        check.positive("offline_days", &here, sp.offline_days);
        check.positive("online_hours", &here, sp.online_hours);
    }
    let (body, links) = body_of(path, text, body_offset, config);
    problems_of(check, links, path, text, front, offset)?;
    p.slug = slug.to_string();
    p.catalog = dir.to_string();
    p.title = p.title.trim().to_string();
    for field in [
        &mut p.number,
        &mut p.plan,
        &mut p.eligibility,
        &mut p.duration_text,
        &mut p.period,
    ] {
        trimmed(field);
    }
    for list in [
        &mut p.section,
        &mut p.tags,
        &mut p.counties,
        &mut p.applicants,
    ] {
        trimmed_list(list);
    }
    for part in &mut p.offline_parts {
        part.place = part.place.trim().to_string();
    }
    for item in &mut p.funding {
        item.unit = item.unit.trim().to_string();
        item.item = item.item.trim().to_string();
        trimmed(&mut item.note);
    }
    for sp in &mut p.sub_projects {
        sp.name = sp.name.trim().to_string();
        for field in [
            &mut sp.eligibility,
            &mut sp.subject,
            &mut sp.period,
            &mut sp.format,
            &mut sp.note,
        ] {
            trimmed(field);
        }
    }
    p.body = body;
    p.source_path = path.to_path_buf();
    p.source_hash = text_hash(text);
    Ok(p)
}
