//! The validated in-memory model: catalogs (published documents), their
//! projects, and what is derived from them once per build (facet values with
//! counts, document order, similar projects).

use crate::config::{Config, Facet};
use crate::content::{Catalog, Content, Project, GUIDANCE_KIND};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One value of one facet with the projects that have it (indexes into `Site::projects`).
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    /// Path segment of the value's static page (URL-encoded when linked).
    pub segment: String,
    pub projects: Vec<usize>,
}

/// One facet's values, in the order pages list them.
#[derive(Debug, Clone)]
pub struct FacetValues {
    pub facet: Facet,
    pub values: Vec<FacetValue>,
}

/// The whole validated site: what every renderer reads.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// Newest year first, then by place.
    pub catalogs: Vec<Catalog>,
    /// Grouped by catalog (in `catalogs` order), then in the document's own order.
    /// Shared with the dev server's parse cache: a save re-reads one file
    /// and clones no other project.
    pub projects: Vec<std::sync::Arc<Project>>,
    pub facets: Vec<FacetValues>,
    /// Catalog slug → index in `catalogs` (lookups are per project, per page).
    catalog_index: HashMap<String, usize, crate::util::hash::Fnv>,
    /// Address of each project held in `projects` → its catalog's index:
    /// `catalog_of` runs for every card, row, link and search entry (1.5 %
    /// of a build by slug). An address here is a project this site keeps
    /// alive, so no other project can have it.
    catalog_by_address: HashMap<usize, usize, crate::util::hash::Fold>,
    /// Category key → indexes of its listed projects, in site order.
    by_category: HashMap<String, Vec<usize>>,
    /// Category key → index of the guidance entry that defines it.
    guidance_by_category: HashMap<String, usize>,
    /// Per catalog (in `catalogs` order), its projects' index range:
    /// `projects` is sorted by catalog, so each catalog's projects are adjacent.
    catalog_ranges: Vec<std::ops::Range<usize>>,
}

impl Site {
    pub fn new(config: Config, content: Content) -> Site {
        let Content {
            mut catalogs,
            mut projects,
        } = content;
        catalogs.sort_by(|a, b| {
            b.year
                .cmp(&a.year)
                .then_with(|| a.place().cmp(&b.place()))
                .then_with(|| a.slug.cmp(&b.slug))
        });
        let rank: BTreeMap<&str, usize> = catalogs
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.as_str(), i))
            .collect();
        projects.sort_by_cached_key(|p| {
            (
                rank.get(p.catalog.as_str()).copied().unwrap_or(usize::MAX),
                order_key(p.number.as_deref()),
                p.slug.clone(),
            )
        });
        let catalog_index = catalogs
            .iter()
            .enumerate()
            .map(|(i, c)| (c.slug.clone(), i))
            .collect();
        let mut site = Site {
            config,
            catalogs,
            projects,
            facets: Vec::new(),
            catalog_index,
            catalog_by_address: HashMap::default(),
            by_category: HashMap::new(),
            guidance_by_category: HashMap::new(),
            catalog_ranges: Vec::new(),
        };
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        let mut guidance_by_category = HashMap::new();
        let mut catalog_ranges = vec![0..0; site.catalogs.len()];
        site.catalog_by_address = site.addresses(&site.projects);
        for (i, p) in site.projects.iter().enumerate() {
            if site.is_guidance(p) {
                guidance_by_category.entry(p.category.clone()).or_insert(i);
            } else {
                by_category.entry(p.category.clone()).or_default().push(i);
            }
            if let Some(&c) = site.catalog_index.get(&p.catalog) {
                let range = &mut catalog_ranges[c];
                if range.start == range.end {
                    *range = i..i + 1;
                } else {
                    range.end = i + 1;
                }
            }
        }
        site.by_category = by_category;
        site.guidance_by_category = guidance_by_category;
        site.catalog_ranges = catalog_ranges;
        site.facets = site.compute_facets();
        site
    }

    /// The model after some projects' files changed, derived from `self`
    /// instead of sorted and faceted again (the dev server, on every save),
    /// with the indexes in `projects` of the projects that changed. `None`
    /// when the change reaches further than those projects' own pages and
    /// lists: a catalog changed, a project was added or removed, or a changed
    /// project moved (catalog, number), changed category (similar projects)
    /// or any facet value. Then [`Site::new`] must run.
    pub fn patched(&self, config: Config, content: &Content) -> Option<(Site, Vec<usize>)> {
        let Content { catalogs, projects } = content;
        if catalogs.len() != self.catalogs.len() || projects.len() != self.projects.len() {
            return None;
        }
        let loaded: HashMap<&str, &Catalog> =
            catalogs.iter().map(|c| (c.slug.as_str(), c)).collect();
        if self
            .catalogs
            .iter()
            .any(|c| loaded.get(c.slug.as_str()) != Some(&c))
        {
            return None;
        }
        let by_slug: HashMap<&str, &std::sync::Arc<Project>> =
            projects.iter().map(|p| (p.slug.as_str(), p)).collect();
        let mut next = Vec::with_capacity(self.projects.len());
        let mut changed = Vec::new();
        for (i, old) in self.projects.iter().enumerate() {
            let new = by_slug.get(old.slug.as_str())?;
            if !std::sync::Arc::ptr_eq(old, new) {
                let same_place = old.catalog == new.catalog
                    && old.number == new.number
                    && old.category == new.category
                    && self.facets.iter().all(|f| {
                        self.facet_values(f.facet, old) == self.facet_values(f.facet, new)
                    });
                if !same_place {
                    return None;
                }
                changed.push(i);
            }
            next.push(std::sync::Arc::clone(new));
        }
        let catalog_by_address = self.addresses(&next);
        let site = Site {
            config,
            catalogs: self.catalogs.clone(),
            projects: next,
            facets: self.facets.clone(),
            catalog_index: self.catalog_index.clone(),
            catalog_by_address,
            by_category: self.by_category.clone(),
            guidance_by_category: self.guidance_by_category.clone(),
            catalog_ranges: self.catalog_ranges.clone(),
        };
        Some((site, changed))
    }

    pub fn catalog_of(&self, p: &Project) -> &Catalog {
        let address = p as *const Project as usize;
        // Content validation guarantees every project's catalog exists.
        self.catalog_by_address
            .get(&address)
            .or_else(|| self.catalog_index.get(&p.catalog))
            .map_or(&self.catalogs[0], |&i| &self.catalogs[i])
    }

    /// [`Site::catalog_by_address`] for `projects`.
    fn addresses(
        &self,
        projects: &[std::sync::Arc<Project>],
    ) -> HashMap<usize, usize, crate::util::hash::Fold> {
        projects
            .iter()
            .filter_map(|p| {
                let catalog = *self.catalog_index.get(&p.catalog)?;
                Some((std::sync::Arc::as_ptr(p) as usize, catalog))
            })
            .collect()
    }

    /// Entries of a guidance document (kind 指导方案) define kinds of
    /// project rather than trainings one can join, so they stay out of
    /// facets, the browser list, comparisons and "similar projects".
    pub fn is_guidance(&self, p: &Project) -> bool {
        self.catalog_of(p).kind == GUIDANCE_KIND
    }

    /// The guidance entry that defines a category, if a guidance catalog has one.
    pub fn guidance_entry(&self, category: &str) -> Option<&Project> {
        self.guidance_by_category
            .get(category)
            .map(|&i| &*self.projects[i])
    }

    /// Trainings and work items: every project that is not a guidance entry.
    pub fn listed(&self) -> impl Iterator<Item = &Project> + '_ {
        self.projects
            .iter()
            .map(|p| &**p)
            .filter(|p| !self.is_guidance(p))
    }

    pub fn projects_of<'a>(&'a self, catalog: &'a str) -> impl Iterator<Item = &'a Project> + 'a {
        self.project_range(catalog).map(|i| &*self.projects[i])
    }

    /// Indexes in `projects` of one catalog's projects.
    pub fn project_range(&self, catalog: &str) -> std::ops::Range<usize> {
        self.catalog_index
            .get(catalog)
            .map_or(0..0, |&c| self.catalog_ranges[c].clone())
    }

    /// Values of one facet for one project.
    pub fn facet_values(&self, facet: Facet, p: &Project) -> Vec<String> {
        let mut values = Vec::new();
        self.each_facet_value(facet, p, |v| values.push(v.to_string()));
        values
    }

    /// Calls `f` with each value of one facet for one project, without the
    /// allocations of [`Site::facet_values`] (facets are recomputed on every
    /// save under `serve`: 70,000 values at 10,000 projects).
    fn each_facet_value(&self, facet: Facet, p: &Project, mut f: impl FnMut(&str)) {
        let c = self.catalog_of(p);
        match facet {
            Facet::Region => f(&c.region),
            Facet::Year => {
                if let Some(y) = c.year {
                    f(&y.to_string())
                }
            }
            Facet::Level => f(&p.level),
            Facet::Category => f(&p.category),
            Facet::Audience => p.audience.iter().for_each(|v| f(v)),
            Facet::Stages => p.stages.iter().for_each(|v| f(v)),
            Facet::Modes => p.modes.iter().for_each(|v| f(v)),
        }
    }

    fn compute_facets(&self) -> Vec<FacetValues> {
        use rayon::prelude::*;
        let keys = &self.config.facets;
        // One pass over the projects for all facets: each project's fields
        // are read while in cache (a pass per facet cost twice as much).
        let mut by_value: Vec<HashMap<String, Vec<usize>>> = vec![HashMap::new(); keys.len()];
        for (i, p) in self.projects.iter().enumerate() {
            if self.is_guidance(p) {
                continue;
            }
            for (k, &facet) in keys.iter().enumerate() {
                let map = &mut by_value[k];
                self.each_facet_value(facet, p, |v| match map.get_mut(v) {
                    Some(projects) => projects.push(i),
                    None => {
                        map.insert(v.to_string(), vec![i]);
                    }
                });
            }
        }
        keys.par_iter()
            .zip(by_value)
            .map(|(&facet, by_value)| self.finish_facet(facet, by_value))
            .collect()
    }

    /// Orders one facet's values and labels them.
    fn finish_facet(&self, facet: Facet, mut by_value: HashMap<String, Vec<usize>>) -> FacetValues {
        // Every declared category gets a page, even before any project uses
        // it: guidance entries and cards link to it.
        if facet == Facet::Category {
            for c in &self.config.categories {
                by_value.entry(c.key.clone()).or_default();
            }
        }
        // Values in vocabulary order (the order editors declared), the rest after.
        let order = self.config.vocabulary(facet).unwrap_or_default();
        let mut values: Vec<FacetValue> = by_value
            .into_iter()
            .map(|(value, projects)| {
                let label = match facet {
                    Facet::Category => self
                        .config
                        .category(&value)
                        .map_or(value.clone(), |c| c.label.clone()),
                    Facet::Year => format!("{value}年"),
                    _ => value.clone(),
                };
                FacetValue {
                    segment: value.clone(),
                    value,
                    label,
                    projects,
                }
            })
            .collect();
        values.sort_by_key(|v| {
            let pos = order
                .iter()
                .position(|o| *o == v.value)
                .unwrap_or(usize::MAX);
            // Years newest first.
            let year_rank = if facet == Facet::Year {
                u32::MAX - v.value.parse::<u32>().unwrap_or(0)
            } else {
                0
            };
            (pos, year_rank, v.value.clone())
        });
        FacetValues { facet, values }
    }

    /// Projects of the same category in other places, for "similar projects
    /// elsewhere", lazily: a page shows a dozen of the hundreds a category
    /// holds at national scale.
    pub fn similar<'a>(&'a self, p: &'a Project) -> impl Iterator<Item = &'a Project> + 'a {
        self.similar_indexes(p).map(|i| &*self.projects[i])
    }

    /// [`Site::similar`] as indexes into `projects`.
    pub fn similar_indexes<'a>(&'a self, p: &'a Project) -> impl Iterator<Item = usize> + 'a {
        let here = self.catalog_of(p);
        let place = (&here.region, &here.district);
        self.by_category
            .get(&p.category)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&i| {
                let o = &self.projects[i];
                let there = self.catalog_of(o);
                o.slug != p.slug && (&there.region, &there.district) != place
            })
    }
}

/// Sort key for a document number such as "一.(二).3" or "4": each part as a
/// number (Chinese numerals included), so 十 sorts after 九 and 10 after 9.
pub fn order_key(number: Option<&str>) -> Vec<u32> {
    let Some(number) = number else {
        return vec![u32::MAX];
    };
    number
        .split(['.', '．', '、'])
        .map(|part| {
            let t = part
                .trim_matches(|c: char| matches!(c, '(' | ')' | '（' | '）') || c.is_whitespace());
            t.parse::<u32>()
                .ok()
                .or_else(|| chinese_number(t))
                .unwrap_or(u32::MAX - 1)
        })
        .collect()
}

/// 一 … 九十九, as used in document numbering.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|v| v as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => None,
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => digit(*u).map(|u| 10 + u),
        [t, '十'] => digit(*t).map(|t| t * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Every category that site.toml numbers in the national guidance (`guidance
/// = "一.1"`) is defined by exactly one entry of the guidance catalog, and
/// that entry carries the same number: the comparison tables and each
/// project's "指导方案" link rely on it. Checked only when the site has a
/// guidance catalog. `root` is where the shown paths are relative to.
pub fn check_guidance(site: &Site, root: &std::path::Path) -> crate::util::diag::Diagnostics {
    use crate::util::diag::{Diagnostic, Diagnostics};
    let mut diags = Diagnostics::default();
    if !site.catalogs.iter().any(|c| c.kind == GUIDANCE_KIND) {
        return diags;
    }
    let locate = |d: Diagnostic, path: &std::path::Path, needle: &str, after: Option<&str>| {
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
    for p in site.projects.iter().filter(|p| site.is_guidance(p)) {
        entries.entry(p.category.as_str()).or_default().push(p);
    }
    for category in &site.config.categories {
        let defined = entries
            .get(category.key.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let key_line = format!("key = \"{}\"", category.key);
        match (&category.guidance, defined) {
            (Some(number), []) => diags.push(locate(
                Diagnostic::error(format!(
                    "category `{}` is numbered {number} in the national guidance, but no entry of the guidance catalog defines it",
                    category.key
                ))
                .with_help(format!("add the entry with `category = \"{}\"`, or remove `guidance` if the guidance does not define this kind", category.key)),
                std::path::Path::new("site.toml"),
                "guidance",
                Some(&key_line),
            )),
            (Some(number), [entry]) if entry.number.as_deref() != Some(number.as_str()) => {
                diags.push(locate(
                    Diagnostic::error(format!(
                        "this entry defines category `{}`, which site.toml numbers {number}, but the entry is numbered {}",
                        category.key,
                        entry.number.as_deref().unwrap_or("(none)")
                    ))
                    .with_help("make the entry's `number` and the category's `guidance` in site.toml the same"),
                    &entry.source_path,
                    "number",
                    None,
                ));
            }
            (None, [entry, ..]) => diags.push(locate(
                Diagnostic::error(format!(
                    "this entry defines category `{}`, which site.toml does not number in the guidance",
                    category.key
                ))
                .with_help(format!(
                    "set `guidance = \"{}\"` on the category in site.toml",
                    entry.number.as_deref().unwrap_or("…")
                )),
                &entry.source_path,
                "category",
                None,
            )),
            _ => {}
        }
        for extra in defined.iter().skip(1) {
            diags.push(locate(
                Diagnostic::error(format!(
                    "category `{}` is already defined by {}",
                    category.key,
                    defined[0].source_path.display()
                ))
                .with_help("each kind of project is defined by one entry of the guidance"),
                &extra.source_path,
                "category",
                None,
            ));
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_sort_numerically() {
        let mut v = vec![
            "二.(一).1",
            "一.(二).10",
            "一.(二).9",
            "十.1",
            "四",
            "一.(一).1",
        ];
        v.sort_by_key(|n| order_key(Some(n)));
        assert_eq!(
            v,
            [
                "一.(一).1",
                "一.(二).9",
                "一.(二).10",
                "二.(一).1",
                "四",
                "十.1"
            ]
        );
    }
}
