//! A content file's front matter decoded into its record and checked
//! against site.toml: vocabularies, figures that must be positive, parts
//! that must add up. Every problem of a file is reported, each at the value
//! it is about.

use super::markdown;
use super::read::split_front_matter;
use super::record::{Catalog, Project, TEMPLATE_TITLE};
use crate::config::{Config, Suggestion};
use crate::tr;
use crate::util::diag::{locate, Diagnostic};
use crate::util::strict_toml::{self, Key};
use crate::util::url;
use std::path::Path;

/// A problem with one value, named by its path in the front matter; placed
/// in the file only once there is one (most files have none).
struct Problem {
    at: Vec<Key>,
    message: String,
    help: Option<String>,
    /// A note to review rather than an error.
    warning: bool,
}

/// Collects the problems of one file's values.
struct Checker<'a> {
    config: &'a Config,
    problems: Vec<Problem>,
}

impl<'a> Checker<'a> {
    fn new(config: &'a Config) -> Checker<'a> {
        Checker {
            config,
            problems: Vec::new(),
        }
    }

    fn error(&mut self, at: &[Key], message: String, help: Option<String>) {
        self.problems.push(Problem {
            at: at.to_vec(),
            message,
            help,
            warning: false,
        });
    }

    /// Something for the editor to look at, not a mistake: listed by
    /// `check` with the drafts and the 待核对 marks.
    fn note(&mut self, at: &[Key], message: String, help: Option<String>) {
        self.problems.push(Problem {
            at: at.to_vec(),
            message,
            help,
            warning: true,
        });
    }

    /// A value must be one of `allowed`; suggests what the site writes
    /// instead, by its own rules where one applies (site.toml's spellings
    /// and synonyms, a category's label), else the nearest allowed value.
    fn vocab(&mut self, field: &str, at: &[Key], value: &str, allowed: &[&str]) {
        if allowed.contains(&value) {
            return;
        }
        let help = match self.config.suggest_value(field, value, allowed) {
            Some(Suggestion::Spelling(values)) if values.len() == 1 => {
                tr!("vocab-spelling", word = value, value = values[0].as_str())
            }
            Some(Suggestion::Spelling(values)) => {
                let list = values
                    .iter()
                    .map(|v| format!("\"{v}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                tr!(
                    "vocab-spelling-many",
                    word = value,
                    field = field,
                    list = list
                )
            }
            Some(Suggestion::Synonym { value: v, group }) => {
                tr!("vocab-synonym", value = v, group = group.join("、"))
            }
            Some(Suggestion::CategoryKey(key)) => tr!("vocab-category-label", key = key),
            Some(Suggestion::Typo(s)) => tr!("vocab-typo", suggestion = s),
            None if allowed.is_empty() => tr!("vocab-none-declared"),
            None => tr!("vocab-allowed", values = allowed.join("、")),
        };
        self.error(
            at,
            tr!("vocab-not-allowed", value = value, field = field),
            Some(help),
        );
    }

    /// Each value of a list field must be allowed, and listed once.
    fn vocab_list(&mut self, field: &'static str, at: &[Key], values: &[String], allowed: &[&str]) {
        for (i, v) in values.iter().enumerate() {
            let here = [at, &[Key::Name(field), Key::Index(i)]].concat();
            self.vocab(field, &here, v, allowed);
            if values[..i].contains(v) {
                self.error(&here, tr!("vocab-twice", value = v, field = field), None);
            }
        }
    }

    /// Counts that a document states are never 0: a value it does not state is left out.
    fn positive(&mut self, field: &'static str, at: &[Key], value: Option<u32>) {
        if value == Some(0) {
            self.error(
                &[at, &[Key::Name(field)]].concat(),
                tr!("value-zero", field = field),
                Some(tr!("value-zero-help", field = field)),
            );
        }
    }

    fn non_empty(&mut self, field: &'static str, at: &[Key], value: &str) {
        if value.trim().is_empty() {
            self.error(
                &[at, &[Key::Name(field)]].concat(),
                tr!("value-empty", field = field),
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
                let mut d = if p.warning {
                    Diagnostic::warning(p.message)
                } else {
                    Diagnostic::error(p.message)
                }
                .in_file(path);
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

/// A catalog's city and district are where it says they are, by China's
/// divisions (GB/T 2260): 成都市 in 四川省, 黔江区 in 重庆市. A name the
/// table does not know is left to the editor's review (a new district, a
/// development zone), not refused.
fn places_of_catalog(check: &mut Checker, c: &Catalog) {
    use crate::util::places::{divisions, Level};
    let table = divisions();
    if c.region == "全国" {
        return;
    }
    let in_region = |d: &crate::util::places::Division| table.province_of(d).name == c.region;
    // A district is checked against the city only when the city is right.
    let mut city_here = None;
    if let Some(city) = &c.city {
        let named = table.named(city);
        let cities: Vec<_> = named.iter().filter(|d| d.level == Level::City).collect();
        if cities.iter().any(|d| in_region(d)) {
            city_here = Some(city.as_str());
        } else if let Some(other) = cities.first() {
            let region = table.province_of(other).name;
            check.error(
                &[Key::Name("city")],
                tr!(
                    "place-elsewhere",
                    name = city.as_str(),
                    region = region,
                    here = c.region.as_str()
                ),
                Some(tr!("place-elsewhere-help")),
            );
        } else if named.iter().any(|d| d.level == Level::County) {
            check.error(
                &[Key::Name("city")],
                tr!("place-city-is-county", name = city.as_str()),
                Some(tr!("place-city-is-county-help", name = city.as_str())),
            );
        } else {
            check.note(
                &[Key::Name("city")],
                tr!("place-unknown", name = city.as_str()),
                Some(tr!("place-unknown-help")),
            );
        }
    }
    if let Some(district) = &c.district {
        let counties: Vec<_> = table
            .named(district)
            .into_iter()
            .filter(|d| d.level == Level::County)
            .collect();
        let belongs = |d: &&crate::util::places::Division| match city_here {
            Some(city) => table.parent(d).is_some_and(|p| p.name == city),
            None => in_region(d),
        };
        if counties.iter().any(belongs) {
            return;
        }
        match counties.first() {
            Some(other) => {
                let up = table.parent(other).map_or("", |p| p.name);
                let here = city_here.unwrap_or(&c.region);
                check.error(
                    &[Key::Name("district")],
                    tr!(
                        "place-elsewhere",
                        name = district.as_str(),
                        region = up,
                        here = here
                    ),
                    Some(tr!("place-elsewhere-help")),
                );
            }
            None => check.note(
                &[Key::Name("district")],
                tr!("place-unknown", name = district.as_str()),
                Some(tr!("place-unknown-help")),
            ),
        }
    }
}

/// The marks an editor leaves (and `peixun import` writes) on a value that
/// is a guess: `# 待核对：…`.
const REVIEW_MARK: &str = "待核对：";

/// What is still to review in a file: that it is a draft, and each value
/// marked 待核对. Warnings, listed by `check`, errors under `--strict`.
fn review_of(path: &Path, text: &str, front: &str, offset: usize, draft: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if draft {
        let mut d = Diagnostic::warning(tr!("review-draft"))
            .in_file(path)
            .with_help(tr!("review-draft-help"));
        if let Some(span) = strict_toml::span_of(front, &[Key::Name("draft")]) {
            d = d.at_span(text, span.start + offset..span.end + offset);
        }
        out.push(d);
    }
    // SIMD search: every file of a national catalog is searched, nearly
    // all of them in vain.
    for at in memchr::memmem::find_iter(text.as_bytes(), REVIEW_MARK) {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let said = text[at + REVIEW_MARK.len()..line_end].trim();
        out.push(
            Diagnostic::warning(tr!("review-marker", what = said))
                .in_file(path)
                .at_span(text, at..at + REVIEW_MARK.len())
                .with_help(tr!("review-marker-help")),
        );
    }
    out
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

/// The problems of decoding, of the values and of the links, if any is an
/// error; else the notes to review among them.
fn problems_of(
    decoded: Vec<Diagnostic>,
    check: Checker,
    links: Vec<Diagnostic>,
    path: &Path,
    text: &str,
    front: &str,
    offset: usize,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    if decoded.is_empty() && check.problems.is_empty() && links.is_empty() {
        return Ok(Vec::new());
    }
    let mut all = decoded;
    all.extend(check.into_diagnostics(path, text, front, offset));
    all.extend(links);
    if all.iter().any(Diagnostic::is_error) {
        Err(all)
    } else {
        Ok(all)
    }
}

pub fn parse_catalog(
    path: &Path,
    text: &str,
    dir: &str,
    config: &Config,
) -> Result<Catalog, Vec<Diagnostic>> {
    let (front, offset, body_offset) = split_front_matter(path, text).map_err(|d| vec![d])?;
    let decoded = strict_toml::decode::<Catalog>(path, text, front, offset);
    let Some(mut c) = decoded.value else {
        return Err(decoded.problems);
    };
    let mut check = Checker::new(config);
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
            tr!("year-out-of-range", year = y),
            Some(tr!("year-help")),
        ),
        // Only a guidance document may be undated; a plan without a year cannot be compared.
        None if !c.is_guidance() => check.error(
            &[Key::Name("kind")],
            tr!("field-missing", name = "year"),
            Some(tr!("year-missing-help")),
        ),
        _ => {}
    }
    places_of_catalog(&mut check, &c);
    if let Some(link) = &c.source_url {
        if let Err(bad) = url::check_link(link) {
            check.error(
                &[Key::Name("source_url")],
                bad.message(link),
                Some(bad.help()),
            );
        }
    }
    let (body, links) = body_of(path, text, body_offset, config);
    let notes = problems_of(decoded.problems, check, links, path, text, front, offset)?;
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
    c.review = review_of(path, text, front, offset, c.draft);
    c.review.extend(notes);
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
    let decoded = strict_toml::decode::<Box<Project>>(path, text, front, offset);
    let Some(mut p) = decoded.value else {
        return Err(decoded.problems);
    };
    let wrong = |field: &str| decoded.wrong.iter().any(|w| w == field);
    let v = &config.vocabularies;
    let mut check = Checker::new(config);
    check.non_empty("title", &[], &p.title);
    // What `peixun new` wrote and nobody filled in is never published.
    if p.title.trim() == TEMPLATE_TITLE && !p.draft {
        check.error(
            &[Key::Name("title")],
            tr!("title-template"),
            Some(tr!("title-template-help")),
        );
    }
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
    // A total of the wrong type is reported already: the parts are not
    // checked against its absence.
    match (
        p.offline_days,
        p.offline_parts.is_empty() || wrong("offline_days"),
    ) {
        (Some(total), false) => {
            let sum: u32 = p.offline_parts.iter().map(|x| x.days).sum();
            if sum != total {
                check.error(
                    &first_part,
                    tr!("parts-sum", sum = sum, total = total),
                    Some(tr!("parts-sum-help")),
                );
            }
        }
        (None, false) => check.error(
            &first_part,
            tr!("parts-without-total"),
            Some(tr!("parts-without-total-help")),
        ),
        _ => {}
    }
    for (i, item) in p.funding.iter().enumerate() {
        let here = [Key::Name("funding"), Key::Index(i)];
        if !(item.amount.is_finite() && item.amount > 0.0) {
            check.error(
                &[&here[..], &[Key::Name("amount")]].concat(),
                tr!("funding-amount", amount = item.amount.to_string()),
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
    let notes = problems_of(decoded.problems, check, links, path, text, front, offset)?;
    p.slug = slug.to_string();
    p.catalog = dir.to_string();
    p.title = p.title.trim().to_string();
    for field in [
        &mut p.number,
        &mut p.plan,
        &mut p.eligibility,
        &mut p.selection,
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
    p.review = review_of(path, text, front, offset, p.draft);
    p.review.extend(notes);
    Ok(p)
}
