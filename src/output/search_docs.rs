//! What the home page's script filters, counts and lists results with,
//! in files whose first download does not grow with the catalog:
//!
//! - `search_docs.json`: small and of a fixed size: the facets' values,
//!   the field boosts, synonyms and category names a query is read with,
//!   how many projects there are and where the rest is;
//! - `search_facets/<facet>.bin`: each value's projects as a set
//!   ([`crate::search::compact::docset`]: runs where projects are
//!   contiguous, as a catalog's region and year are; a list or a bitset
//!   otherwise), fetched for a filter on that facet, or for its counts when
//!   the filter panel is open; above [`FACET_SPLIT_ABOVE`] bytes, a file
//!   per value (`search_facets/<facet>/<i>.bin`, `i` the value's place);
//! - `search_facets/figures.bin`: every project's offline days, online
//!   hours and cycle years, fetched for a range filter;
//! - `search_docs/<k>.json`: what a shown result needs (title, URL, place,
//!   figures, values), a few projects a file, fetched for the results on
//!   screen.
//!
//! Projects are numbered by their place among the listed ones, as in the
//! index.

use crate::model::{Entry, Site};
use crate::search::compact::{docset, push_varint, sets};
use crate::search::FIELD_BOOSTS;

/// Projects per details file (`search_docs/<k>.json`) at most: a page of 10
/// results scattered over a national catalog fetches at most 10 small
/// files. Larger sites put more in a file, so that the files stay a few
/// thousand.
pub const DETAILS_PER_FILE: usize = 5;

/// Bytes above which a facet's file is one file per value: a filter on 小学
/// of a national catalog then fetches 小学's projects (a bitset of 12 KB),
/// not every stage's.
pub const FACET_SPLIT_ABOVE: usize = 16 * 1024;

/// Details files a site has at most (their projects per file grows above).
const DETAILS_FILES_MAX: usize = 5_000;

/// The search data files; see the module's documentation.
pub struct SearchDocs {
    /// `search_docs.json`.
    pub main: String,
    /// `search_docs/<k>.json` for k = 0, 1, …
    pub details: Vec<String>,
    /// (path under the site, bytes) of each facet's file
    /// (`search_facets/<key>.bin`), or of each of its values' files
    /// (`search_facets/<key>/<i>.bin`) for a facet split by value.
    pub facets: Vec<(String, Vec<u8>)>,
    pub figures: Vec<u8>,
}

pub const FIGURES_MAGIC: &[u8; 4] = b"PXN1";

pub fn search_docs(
    site: &Site,
    url: impl Fn(&str) -> String + Sync,
    cache: Option<&super::pieces::Pieces<str>>,
) -> SearchDocs {
    use serde_json::{json, Value};
    let listed: Vec<Entry> = site.listed().collect();
    let facet_keys: Vec<&str> = site.facets.iter().map(|f| f.facet.key()).collect();
    let details: Vec<std::sync::Arc<str>> = super::pieces::per_project(&listed, cache, |e| {
        let (p, c) = (e.project, e.catalog);
        let category = site
            .config
            .category(&p.category)
            .map_or(p.category.clone(), |k| k.label.clone());
        // What a project leaves unstated (null, false, an empty list) is
        // left out, and data.js reads it back as such: a national
        // catalog's details were a fifth empty values, fetched with every
        // page of results.
        let values: serde_json::Map<String, Value> = site
            .facets
            .iter()
            .map(|f| {
                (
                    f.facet.key().to_string(),
                    json!(site.facet_values(f.facet, e)),
                )
            })
            .filter(|(_, v)| stated(v))
            .collect();
        let mut detail = serde_json::Map::new();
        for (key, value) in [
            ("slug", json!(p.slug)),
            ("title", json!(p.title)),
            ("url", json!(url(&p.slug))),
            ("year", json!(c.year)),
            ("plan", json!(p.plan)),
            ("category", json!(category)),
            ("audience", json!(p.audience)),
            ("eligibility", json!(p.eligibility)),
            ("tags", json!(p.tags)),
            ("place", json!(c.place())),
            ("work_item", json!(p.work_item)),
            ("offline_days", json!(p.offline_days)),
            ("offline_days_at_least", json!(p.offline_days_at_least)),
            ("online_hours", json!(p.online_hours)),
            ("online_hours_at_least", json!(p.online_hours_at_least)),
            ("cycle_years", json!(p.cycle_years)),
            ("facets", Value::Object(values)),
        ] {
            if stated(&value) {
                detail.insert(key.into(), value);
            }
        }
        Value::Object(detail).to_string()
    });
    let per_file = DETAILS_PER_FILE.max(listed.len().div_ceil(DETAILS_FILES_MAX));
    let details: Vec<String> = details
        .chunks(per_file)
        .map(super::pieces::json_array)
        .collect();

    // Each facet value's projects, from the facets' own project lists: no
    // per-project string work, which `serve` would repeat on every save.
    let mut position = vec![u32::MAX; site.projects.len()];
    for (at, e) in listed.iter().enumerate() {
        position[e.index] = at as u32;
    }
    let count = listed.len() as u32;
    let mut values = serde_json::Map::new();
    let mut facets = Vec::new();
    let mut split = Vec::new();
    for f in site.facets.iter() {
        let sets: Vec<Vec<u32>> = f
            .values
            .iter()
            .map(|v| {
                let mut ids: Vec<u32> = v
                    .projects
                    .iter()
                    .filter_map(|&i| position.get(i).copied())
                    .filter(|&at| at != u32::MAX)
                    .collect();
                ids.sort_unstable();
                ids.dedup();
                ids
            })
            .collect();
        values.insert(
            f.facet.key().to_string(),
            json!(f.values.iter().map(|v| &v.value).collect::<Vec<_>>()),
        );
        let key = f.facet.key();
        let files = facet_files(key, &sets, count, FACET_SPLIT_ABOVE);
        if files.len() > 1
            || files
                .first()
                .is_some_and(|f| f.0.contains(&format!("{key}/")))
        {
            split.push(key);
        }
        facets.extend(files);
    }
    let mut figures = FIGURES_MAGIC.to_vec();
    for column in [
        listed
            .iter()
            .map(|e| e.project.offline_days)
            .collect::<Vec<_>>(),
        listed.iter().map(|e| e.project.online_hours).collect(),
        listed.iter().map(|e| e.project.cycle_years).collect(),
    ] {
        // A figure plus one; 0 for none.
        for v in column {
            push_varint(&mut figures, v.map_or(0, |n| u64::from(n) + 1));
        }
    }
    let positions = |pred: &dyn Fn(&crate::content::Project) -> bool| -> Vec<u32> {
        (0..listed.len())
            .filter(|&i| pred(listed[i].project))
            .map(|i| i as u32)
            .collect()
    };
    for set in [
        positions(&|p| p.offline_days_at_least),
        positions(&|p| p.online_hours_at_least),
        positions(&|p| p.work_item),
    ] {
        let bytes = docset::encode(&set, count);
        push_varint(&mut figures, bytes.len() as u64);
        figures.extend(bytes);
    }
    let boosts: serde_json::Map<String, Value> = FIELD_BOOSTS
        .iter()
        .map(|(f, b)| (f.to_string(), json!(b)))
        .collect();
    let main = json!({
        "count": listed.len(),
        "boosts": boosts,
        "values": values,
        "facets": { "path": "search_facets/", "keys": facet_keys, "split": split },
        "figures": "search_facets/figures.bin",
        "this_year": site.today.year,
        "details": { "size": per_file, "path": "search_docs/" },
        // Groups of words a query also searches each other for, and the
        // categories' names, which a query names as a whole.
        "synonyms": site.config.search.synonyms,
        "category_labels": site.config.categories.iter().map(|c| (c.key.clone(), json!(c.label))).collect::<serde_json::Map<_, _>>(),
        "pinyin": "search_pinyin.json",
    })
    .to_string();
    SearchDocs {
        main,
        details,
        facets,
        figures,
    }
}

/// Whether a detail's value says something: not null, false or empty.
fn stated(value: &serde_json::Value) -> bool {
    use serde_json::Value;
    match value {
        Value::Null | Value::Bool(false) => false,
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

/// A facet's files: `search_facets/<key>.bin` with every value's set, or,
/// when that is over `split_above` bytes, `search_facets/<key>/<i>.bin`
/// with value `i`'s.
fn facet_files(
    key: &str,
    value_sets: &[Vec<u32>],
    count: u32,
    split_above: usize,
) -> Vec<(String, Vec<u8>)> {
    let whole = sets::encode(value_sets, count);
    if whole.len() <= split_above {
        return vec![(format!("search_facets/{key}.bin"), whole)];
    }
    value_sets
        .iter()
        .enumerate()
        .map(|(i, set)| {
            (
                format!("search_facets/{key}/{i}.bin"),
                sets::encode(std::slice::from_ref(set), count),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_facet_is_a_file_per_value() {
        let value_sets = vec![
            (0..5000).step_by(2).collect::<Vec<u32>>(),
            (0..5000).step_by(3).collect(),
        ];
        let small = facet_files("stages", &value_sets, 5000, 1 << 20);
        assert_eq!(small.len(), 1);
        assert_eq!(small[0].0, "search_facets/stages.bin");
        assert_eq!(sets::decode(&small[0].1), Some(value_sets.clone()));
        let split = facet_files("stages", &value_sets, 5000, 100);
        let names: Vec<&str> = split.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            names,
            ["search_facets/stages/0.bin", "search_facets/stages/1.bin"]
        );
        for (file, set) in split.iter().zip(&value_sets) {
            assert_eq!(sets::decode(&file.1), Some(vec![set.clone()]));
        }
    }
}
