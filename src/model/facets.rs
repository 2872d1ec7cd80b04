//! Facet values with the projects that have them, computed once per build
//! (and on every save under `serve`), in one pass over the projects.

use super::{Entry, Site};
use crate::config::{Facet, UNSTATED};
use serde::Serialize;
use std::collections::HashMap;

/// One value of one facet with the projects that have it (indexes into `Site::projects`).
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    /// What the value is listed under: a district's region.
    pub group: Option<String>,
    /// Path segment of the value's static page (as written in a page's
    /// links, percent-encoded in sitemaps and data files).
    pub segment: String,
    pub projects: Vec<usize>,
    /// Whether the value has pages of its own. The 未注明 of a facet where
    /// unstated means only not known (modes, months) has none: it would
    /// list whatever the documents leave out (every project of a national
    /// catalog, whose documents give no months: 1,000 pages), while
    /// filters, counts and the other values' pages still name it.
    pub listed: bool,
}

/// One facet's values, in the order pages list them: each has a page,
/// unless [`FacetValue::listed`] says otherwise.
#[derive(Debug, Clone)]
pub struct FacetValues {
    pub facet: Facet,
    pub values: Vec<FacetValue>,
    /// Value → its place in `values`.
    places: HashMap<String, usize>,
}

impl FacetValues {
    /// The value, if some listed project has it (or, for categories, site.toml declares it).
    pub fn get(&self, value: &str) -> Option<&FacetValue> {
        self.places.get(value).map(|&i| &self.values[i])
    }

    /// The value's place in `values`.
    pub fn position(&self, value: &str) -> Option<usize> {
        self.places.get(value).copied()
    }
}

impl Site {
    /// The facet's values, if the site has the facet.
    pub fn facet(&self, facet: Facet) -> Option<&FacetValues> {
        self.facets.iter().find(|f| f.facet == facet)
    }

    /// Values of one facet for one project.
    pub fn facet_values(&self, facet: Facet, e: Entry) -> Vec<String> {
        let mut values = Vec::new();
        each_value(facet, e, |v| values.push(v.to_string()));
        values
    }
}

/// Calls `f` with each value of one facet for one project, without the
/// allocations of [`Site::facet_values`]: facets are recomputed on every
/// save under `serve`.
fn each_value(facet: Facet, e: Entry, mut f: impl FnMut(&str)) {
    let mut any = false;
    each_stated_value(facet, e, |v| {
        any = true;
        f(v)
    });
    if !any && facet.unstated_label().is_some() {
        f(UNSTATED);
    }
}

/// The values a project states for one facet.
fn each_stated_value(facet: Facet, e: Entry, mut f: impl FnMut(&str)) {
    let (p, c) = (e.project, e.catalog);
    match facet {
        Facet::Region => f(&c.region),
        // A plan's own city, or the cities of the counties it names: 成都市
        // finds what its counties plan too.
        Facet::City => match &c.city {
            Some(city) => f(city),
            None => {
                let mut seen: Vec<&str> = Vec::new();
                for city in c
                    .district
                    .iter()
                    .chain(&p.counties)
                    .filter_map(|d| city_in_region(&c.region, d))
                {
                    if !seen.contains(&city) {
                        seen.push(city);
                        f(city);
                    }
                }
            }
        },
        Facet::District => {
            c.district.iter().for_each(|d| f(d));
            p.counties.iter().for_each(|d| f(d));
        }
        Facet::Plan => p.plan.iter().for_each(|v| f(v)),
        Facet::Month => {
            let months = p.months();
            for m in 1..=12u8 {
                if months & (1 << (m - 1)) != 0 {
                    f(MONTHS[usize::from(m) - 1]);
                }
            }
        }
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

/// The plan years of `projects`, as a month's label says them:
/// （2022年）, （2024、2026年）, or nothing when none has a year.
fn plan_years(site: &Site, projects: &[usize]) -> String {
    let mut years: Vec<u32> = projects
        .iter()
        .filter_map(|&i| site.entry(i).catalog.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return String::new();
    }
    let years: Vec<String> = years.iter().map(u32::to_string).collect();
    format!("（{}年）", years.join("、"))
}

/// Month values as the facet writes them: 1 to 12.
const MONTHS: [&str; 12] = [
    "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
];

/// The site's facets with their values.
pub(super) fn compute(site: &Site) -> Vec<FacetValues> {
    use rayon::prelude::*;
    let facets = &site.config.facets;
    // One pass over the projects for all facets: each project's fields
    // are read while in cache (a pass per facet cost twice as much).
    let mut by_value: Vec<HashMap<String, Vec<usize>>> = vec![HashMap::new(); facets.len()];
    for e in site.listed() {
        for (k, &facet) in facets.iter().enumerate() {
            let map = &mut by_value[k];
            each_value(facet, e, |v| match map.get_mut(v) {
                Some(projects) => projects.push(e.index),
                None => {
                    map.insert(v.to_string(), vec![e.index]);
                }
            });
        }
    }
    facets
        .par_iter()
        .zip(by_value)
        .map(|(&facet, by_value)| finish(site, facet, by_value))
        .collect()
}

/// Orders one facet's values and labels them.
fn finish(site: &Site, facet: Facet, mut by_value: HashMap<String, Vec<usize>>) -> FacetValues {
    let config = &site.config;
    // Every declared category gets a page, even before any project uses
    // it: guidance entries and cards link to it.
    if facet == Facet::Category {
        for c in &config.categories {
            by_value.entry(c.key.clone()).or_default();
        }
    }
    // Values in vocabulary order (the order editors declared), the rest after.
    let order = config.vocabulary(facet).unwrap_or_default();
    let regions = config.vocabulary(Facet::Region).unwrap_or_default();
    let mut values: Vec<FacetValue> = by_value
        .into_iter()
        .map(|(value, projects)| {
            let label = match facet {
                _ if value == UNSTATED => facet.unstated_label().unwrap_or(UNSTATED).to_string(),
                Facet::Category => config
                    .category(&value)
                    .map_or(value.clone(), |c| c.label.clone()),
                Facet::Year => format!("{value}年"),
                // A month is of a plan's year: 7月（2022年）.
                Facet::Month => format!("{value}月{}", plan_years(site, &projects)),
                _ => value.clone(),
            };
            // Cities are listed under their region, districts under their
            // region and city: 四川省 › 成都市.
            let group = projects.first().and_then(|&i| {
                let c = site.entry(i).catalog;
                match facet {
                    Facet::City => Some(c.region.clone()),
                    Facet::District => Some(match city_of_district(c, &value) {
                        Some(city) => format!("{} › {city}", c.region),
                        None => c.region.clone(),
                    }),
                    _ => None,
                }
            });
            FacetValue {
                listed: value != UNSTATED || facet.unstated_is_open(),
                segment: value.clone(),
                value,
                label,
                group,
                projects,
            }
        })
        .collect();
    values.sort_by_key(|v| {
        // Unstated after every stated value.
        let unstated = v.value == UNSTATED;
        let pos = order
            .iter()
            .position(|o| *o == v.value)
            .unwrap_or(usize::MAX);
        // Years newest first, months in the year's order, districts by
        // their region's place among the regions.
        let rank = match facet {
            Facet::Year => u32::MAX - v.value.parse::<u32>().unwrap_or(0),
            Facet::Month => v.value.parse::<u32>().unwrap_or(0),
            Facet::City | Facet::District => v
                .group
                .as_ref()
                .and_then(|g| {
                    let region = g.split(" › ").next().unwrap_or(g);
                    regions.iter().position(|o| *o == region)
                })
                .map_or(u32::MAX, |p| p as u32),
            _ => 0,
        };
        // A region's districts together under each of its cities.
        (unstated, pos, rank, v.group.clone(), v.value.clone())
    });
    let places = values
        .iter()
        .enumerate()
        .map(|(i, v)| (v.value.clone(), i))
        .collect();
    FacetValues {
        facet,
        values,
        places,
    }
}

/// The city a district value sits under: the catalog's own, or, for a county
/// a provincial plan's project names, the one China's divisions put it in.
fn city_of_district(c: &crate::content::Catalog, district: &str) -> Option<String> {
    match &c.city {
        Some(city) => Some(city.clone()),
        None => city_in_region(&c.region, district).map(str::to_string),
    }
}

/// The city of a county of `region` by China's divisions, if the name is
/// one county's there (a name two cities share gives none).
fn city_in_region(region: &str, county: &str) -> Option<&'static str> {
    let table = crate::util::places::divisions();
    let mut cities = table
        .named(county)
        .into_iter()
        .filter(|d| table.province_of(d).name == region)
        .filter_map(|d| table.city_of(d))
        .map(|d| d.name);
    let first = cities.next()?;
    cities.all(|o| o == first).then_some(first)
}
