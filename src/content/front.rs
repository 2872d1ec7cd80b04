//! Front-matter schemas and their validation against site.toml.

use super::{line_of, split_front_matter};
use crate::catalog::{Catalog, Funding, OfflinePart, Project, SubProject, GUIDANCE_KIND};
use crate::config::Config;
use crate::util::diag::{suggest, Diagnostic};
use crate::util::strict_toml;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

type S = Spanned<String>;

pub const CATALOG_FIELDS: &[&str] = &[
    "title",
    "issuer",
    "region",
    "district",
    "year",
    "kind",
    "source",
    "source_url",
    "published",
];

#[derive(Debug, Deserialize)]
pub struct CatalogFront {
    pub title: S,
    #[serde(default)]
    pub issuer: Option<String>,
    pub region: S,
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub year: Option<Spanned<u32>>,
    pub kind: S,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub source_url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
}

pub const PROJECT_FIELDS: &[&str] = &[
    "title",
    "number",
    "section",
    "plan",
    "level",
    "category",
    "work_item",
    "tags",
    "audience",
    "stages",
    "eligibility",
    "counties",
    "modes",
    "offline_days",
    "offline_days_at_least",
    "offline_parts",
    "online_hours",
    "online_hours_at_least",
    "duration_text",
    "cycle_years",
    "period",
    "trainees",
    "funding",
    "applicants",
    "sub_projects",
];

#[derive(Debug, Deserialize)]
pub struct ProjectFront {
    pub title: S,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub section: Vec<String>,
    #[serde(default)]
    pub plan: Option<String>,
    pub level: S,
    pub category: S,
    #[serde(default)]
    pub work_item: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Vec<S>,
    #[serde(default)]
    pub stages: Vec<S>,
    #[serde(default)]
    pub eligibility: Option<String>,
    #[serde(default)]
    pub counties: Vec<String>,
    #[serde(default)]
    pub modes: Vec<S>,
    #[serde(default)]
    pub offline_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub offline_days_at_least: bool,
    #[serde(default)]
    pub offline_parts: Vec<OfflinePartFront>,
    #[serde(default)]
    pub online_hours: Option<Spanned<u32>>,
    #[serde(default)]
    pub online_hours_at_least: bool,
    #[serde(default)]
    pub duration_text: Option<String>,
    #[serde(default)]
    pub cycle_years: Option<Spanned<u32>>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub trainees: Option<Spanned<u32>>,
    #[serde(default)]
    pub funding: Vec<FundingFront>,
    #[serde(default)]
    pub applicants: Vec<String>,
    #[serde(default)]
    pub sub_projects: Vec<SubProjectFront>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfflinePartFront {
    pub place: String,
    pub days: Spanned<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingFront {
    pub amount: Spanned<f64>,
    pub unit: S,
    pub item: String,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubProjectFront {
    pub name: String,
    #[serde(default)]
    pub eligibility: Option<String>,
    #[serde(default)]
    pub stages: Vec<S>,
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub trainees: Option<Spanned<u32>>,
    #[serde(default)]
    pub offline_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub online_hours: Option<Spanned<u32>>,
    #[serde(default)]
    pub period: Option<String>,
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Collects value problems for one file, all positioned in the file.
struct Checker<'a> {
    path: &'a Path,
    text: &'a str,
    offset: usize,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn at<T>(&self, s: &Spanned<T>) -> std::ops::Range<usize> {
        let r = s.span();
        (r.start + self.offset)..(r.end + self.offset)
    }

    fn error<T>(&mut self, s: &Spanned<T>, message: String, help: Option<String>) {
        let mut d = Diagnostic::error(message)
            .in_file(self.path)
            .at_span(self.text, self.at(s));
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.problems.push(d);
    }

    /// A value must be one of `allowed`; suggests the nearest one.
    fn vocab(&mut self, field: &str, value: &S, allowed: &[String]) {
        let v = value.get_ref();
        if allowed.iter().any(|a| a == v) {
            return;
        }
        let help = match suggest(v, allowed.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? (allowed values are declared in site.toml)"),
            None if allowed.is_empty() => {
                "declare the allowed values in site.toml [vocabularies]".to_string()
            }
            None => format!("allowed: {}", allowed.join("、")),
        };
        self.error(
            value,
            format!("`{v}` is not an allowed value of `{field}`"),
            Some(help),
        );
    }

    fn vocab_list(&mut self, field: &str, values: &[S], allowed: &[String]) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for v in values {
            self.vocab(field, v, allowed);
            if out.contains(v.get_ref()) {
                self.error(
                    v,
                    format!("`{}` is listed twice in `{field}`", v.get_ref()),
                    None,
                );
            } else {
                out.push(v.get_ref().clone());
            }
        }
        out
    }

    /// Counts that a document states are never 0: a value it does not state is left out.
    fn positive(&mut self, field: &str, value: &Option<Spanned<u32>>) -> Option<u32> {
        let v = value.as_ref()?;
        if *v.get_ref() == 0 {
            self.error(
                v,
                format!("`{field}` is 0"),
                Some(format!("leave `{field}` out when the document does not state it; 0 would read as a real figure")),
            );
        }
        Some(*v.get_ref())
    }

    fn non_empty(&mut self, field: &str, value: &S) {
        if value.get_ref().trim().is_empty() {
            self.error(value, format!("`{field}` is empty"), None);
        }
    }
}

fn trimmed(s: Option<String>) -> Option<String> {
    s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub fn parse_catalog(
    path: &Path,
    text: &str,
    dir: &str,
    config: &Config,
) -> Result<Catalog, Vec<Diagnostic>> {
    let (front, offset, body, body_offset) = split_front_matter(path, text).map_err(|d| vec![d])?;
    let f: CatalogFront = strict_toml::decode(
        path,
        text,
        front,
        offset,
        CATALOG_FIELDS,
        "catalog front matter",
    )?;
    let mut c = Checker {
        path,
        text,
        offset,
        problems: Vec::new(),
    };
    c.non_empty("title", &f.title);
    c.vocab("region", &f.region, &config.vocabularies.regions);
    c.vocab("kind", &f.kind, &config.vocabularies.catalog_kinds);
    let year = f.year.as_ref().map(|y| *y.get_ref());
    match (&f.year, year) {
        (Some(span), Some(y)) if !(1990..=2100).contains(&y) => c.error(
            span,
            format!("year {y} is out of range"),
            Some("write the plan's year, e.g. `year = 2026`".into()),
        ),
        // Only a guidance document may be undated; a plan without a year cannot be compared.
        (None, _) if f.kind.get_ref() != GUIDANCE_KIND => c.error(
            &f.kind,
            "missing field `year`".into(),
            Some("write the plan's year, e.g. `year = 2026` (only a 指导方案 may omit it)".into()),
        ),
        _ => {}
    }
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    Ok(Catalog {
        slug: dir.to_string(),
        title: f.title.into_inner().trim().to_string(),
        issuer: trimmed(f.issuer),
        region: f.region.into_inner(),
        district: trimmed(f.district),
        year,
        kind: f.kind.into_inner(),
        source: trimmed(f.source),
        source_url: trimmed(f.source_url),
        published: trimmed(f.published),
        body: body.to_string(),
        source_path: path.to_path_buf(),
        body_line: line_of(text, body_offset),
    })
}

pub fn parse_project(
    path: &Path,
    text: &str,
    dir: &str,
    slug: &str,
    config: &Config,
) -> Result<Box<Project>, Vec<Diagnostic>> {
    let (front, offset, body, body_offset) = split_front_matter(path, text).map_err(|d| vec![d])?;
    let f: ProjectFront = strict_toml::decode(
        path,
        text,
        front,
        offset,
        PROJECT_FIELDS,
        "project front matter",
    )?;
    let v = &config.vocabularies;
    let mut c = Checker {
        path,
        text,
        offset,
        problems: Vec::new(),
    };
    c.non_empty("title", &f.title);
    c.vocab("level", &f.level, &v.levels);
    let keys: Vec<String> = config.categories.iter().map(|k| k.key.clone()).collect();
    c.vocab("category", &f.category, &keys);
    let audience = c.vocab_list("audience", &f.audience, &v.audience);
    let stages = c.vocab_list("stages", &f.stages, &v.stages);
    let modes = c.vocab_list("modes", &f.modes, &v.modes);
    let offline_days = c.positive("offline_days", &f.offline_days);
    let online_hours = c.positive("online_hours", &f.online_hours);
    let cycle_years = c.positive("cycle_years", &f.cycle_years);
    let trainees = c.positive("trainees", &f.trainees);
    let mut offline_parts = Vec::new();
    for part in &f.offline_parts {
        c.positive("days", &Some(part.days.clone()));
        offline_parts.push(OfflinePart {
            place: part.place.trim().to_string(),
            days: *part.days.get_ref(),
        });
    }
    if let (Some(total), Some(first)) = (offline_days, f.offline_parts.first()) {
        let sum: u32 = offline_parts.iter().map(|p| p.days).sum();
        if sum != total {
            c.error(
                &first.days,
                format!("offline_parts add up to {sum} days but offline_days is {total}"),
                Some("the parts split the total: correct one of them".into()),
            );
        }
    }
    if !f.offline_parts.is_empty() && offline_days.is_none() {
        c.error(
            &f.offline_parts[0].days,
            "offline_parts without offline_days".into(),
            Some("state the total in offline_days".into()),
        );
    }
    let mut funding = Vec::new();
    for item in &f.funding {
        let amount = *item.amount.get_ref();
        if !(amount.is_finite() && amount > 0.0) {
            c.error(
                &item.amount,
                format!("funding amount {amount} must be a positive number"),
                None,
            );
        }
        c.non_empty("unit", &item.unit);
        funding.push(Funding {
            amount,
            unit: item.unit.get_ref().trim().to_string(),
            item: item.item.trim().to_string(),
            note: trimmed(item.note.clone()),
        });
    }
    let mut sub_projects = Vec::new();
    for sp in &f.sub_projects {
        sub_projects.push(SubProject {
            name: sp.name.trim().to_string(),
            eligibility: trimmed(sp.eligibility.clone()),
            stages: c.vocab_list("stages", &sp.stages, &v.stages),
            subject: trimmed(sp.subject.clone()),
            trainees: c.positive("trainees", &sp.trainees),
            offline_days: c.positive("offline_days", &sp.offline_days),
            online_hours: c.positive("online_hours", &sp.online_hours),
            period: trimmed(sp.period.clone()),
            format: trimmed(sp.format.clone()),
            note: trimmed(sp.note.clone()),
        });
    }
    if !c.problems.is_empty() {
        return Err(c.problems);
    }
    let clean = |v: Vec<String>| {
        v.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(Box::new(Project {
        slug: slug.to_string(),
        catalog: dir.to_string(),
        title: f.title.into_inner().trim().to_string(),
        number: trimmed(f.number),
        section: clean(f.section),
        plan: trimmed(f.plan),
        level: f.level.into_inner(),
        category: f.category.into_inner(),
        work_item: f.work_item,
        tags: clean(f.tags),
        audience,
        stages,
        eligibility: trimmed(f.eligibility),
        counties: clean(f.counties),
        modes,
        offline_days,
        offline_days_at_least: f.offline_days_at_least,
        offline_parts,
        online_hours,
        online_hours_at_least: f.online_hours_at_least,
        duration_text: trimmed(f.duration_text),
        cycle_years,
        period: trimmed(f.period),
        trainees,
        funding,
        applicants: clean(f.applicants),
        sub_projects,
        body: body.to_string(),
        source_path: path.to_path_buf(),
        body_line: line_of(text, body_offset),
        source_hash: {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            text.hash(&mut h);
            h.finish()
        },
    }))
}
