//! `search_docs.json` and `search_docs/<k>.json`: what the home page's
//! script filters, counts and lists results with.

use crate::model::{Entry, Site};
use crate::search::FIELD_BOOSTS;

/// Projects per details file (`search_docs/<k>.json`): a page of 20 results
/// scattered over a national catalog fetches at most 20 small files.
pub const DETAILS_PER_FILE: usize = 5;

/// The data the home page's script filters and shows results with, as
/// `search_docs.json` plus details files; see [`search_docs`].
pub struct SearchDocs {
    pub main: String,
    /// `search_docs/<k>.json` for k = 0, 1, …
    pub details: Vec<String>,
}

/// `search_docs.json`, loaded with the home page, holds what filtering and
/// facet counts need for every listed project, in index-ref order, as
/// columns over small dictionaries:
///
/// - `count`; `boosts` (the field boosts of [`FIELD_BOOSTS`]);
/// - `values.<facet>`: the facet's distinct values; `facets.<facet>`: per
///   project the index of its value, or an array of indexes (none: `[]`);
/// - `places` and `place`: dictionary and per-project index of "region+district";
/// - `offline_days`, `online_hours`, `cycle_years`, `year`: per project a number or null;
///   `this_year`: the build's year (plans of earlier years are past);
///   `offline_days_at_least`, `online_hours_at_least`, `work_item`: the
///   projects (by position) for which that is true;
/// - `details`: `{"size": 5}` (projects per details file).
///
/// What only a shown result needs (title, URL, slug, year, plan, category
/// label, audience, eligibility, tags) is in `search_docs/<k>.json`, an array for
/// projects `k*size ..`, fetched for the results on screen: every project's
/// title and eligibility would be most of what the home page downloads.
pub fn search_docs(
    site: &Site,
    url: impl Fn(&str) -> String + Sync,
    cache: Option<&super::pieces::Pieces<str>>,
) -> SearchDocs {
    use serde_json::{json, Value};
    let listed: Vec<Entry> = site.listed().collect();
    let details: Vec<std::sync::Arc<str>> = super::pieces::per_project(&listed, cache, |e| {
        let (p, c) = (e.project, e.catalog);
        let category = site
            .config
            .category(&p.category)
            .map_or(p.category.clone(), |k| k.label.clone());
        json!({
            "slug": p.slug,
            "title": p.title,
            "url": url(&p.slug),
            "year": c.year,
            "plan": p.plan,
            "category": category,
            "audience": p.audience,
            "eligibility": p.eligibility,
            "tags": p.tags,
        })
        .to_string()
    });
    let details: Vec<String> = details
        .chunks(DETAILS_PER_FILE)
        .map(super::pieces::json_array)
        .collect();

    // Facet columns from the facets' own project lists: no per-project
    // string work, which `serve` would repeat on every save.
    let mut position = vec![usize::MAX; site.projects.len()];
    for (at, e) in listed.iter().enumerate() {
        position[e.index] = at;
    }
    let mut values = serde_json::Map::new();
    let mut facets = String::from("{");
    for (n, f) in site.facets.iter().enumerate() {
        let mut column: Vec<Vec<usize>> = vec![Vec::new(); listed.len()];
        for (j, v) in f.values.iter().enumerate() {
            for &i in &v.projects {
                if let Some(col) = position.get(i).and_then(|&at| column.get_mut(at)) {
                    col.push(j);
                }
            }
        }
        values.insert(
            f.facet.key().to_string(),
            json!(f.values.iter().map(|v| &v.value).collect::<Vec<_>>()),
        );
        if n > 0 {
            facets.push(',');
        }
        facets.push_str(&json!(f.facet.key()).to_string());
        facets.push_str(":[");
        for (at, ids) in column.iter().enumerate() {
            if at > 0 {
                facets.push(',');
            }
            match ids.as_slice() {
                [one] => facets.push_str(itoa::Buffer::new().format(*one)),
                _ => facets.push_str(&json!(ids).to_string()),
            }
        }
        facets.push(']');
    }
    facets.push('}');
    let mut places: Vec<String> = Vec::new();
    let mut place_ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let place: Vec<usize> = listed
        .iter()
        .map(|e| {
            let name = e.catalog.place();
            *place_ids.entry(name.clone()).or_insert_with(|| {
                places.push(name);
                places.len() - 1
            })
        })
        .collect();
    let positions = |pred: &dyn Fn(&crate::content::Project) -> bool| -> Vec<usize> {
        listed
            .iter()
            .enumerate()
            .filter(|(_, e)| pred(e.project))
            .map(|(i, _)| i)
            .collect()
    };
    let boosts: serde_json::Map<String, Value> = FIELD_BOOSTS
        .iter()
        .map(|(f, b)| (f.to_string(), json!(b)))
        .collect();
    let rest = json!({
        "count": listed.len(),
        "boosts": boosts,
        "values": values,
        "places": places,
        "place": place,
        "offline_days": listed.iter().map(|e| e.project.offline_days).collect::<Vec<_>>(),
        "online_hours": listed.iter().map(|e| e.project.online_hours).collect::<Vec<_>>(),
        "cycle_years": listed.iter().map(|e| e.project.cycle_years).collect::<Vec<_>>(),
        // Plan years, newest first among equal matches; a year before
        // `this_year` is a past plan.
        "year": listed.iter().map(|e| e.catalog.year).collect::<Vec<_>>(),
        "this_year": site.today.year,
        "offline_days_at_least": positions(&|p| p.offline_days_at_least),
        "online_hours_at_least": positions(&|p| p.online_hours_at_least),
        "work_item": positions(&|p| p.work_item),
        "details": { "size": DETAILS_PER_FILE },
        // Groups of words a query also searches each other for, and the
        // categories' names, which a query names as a whole.
        "synonyms": site.config.search.synonyms,
        "category_labels": site.config.categories.iter().map(|c| (c.key.clone(), json!(c.label))).collect::<serde_json::Map<_, _>>(),
        "pinyin": "search_pinyin.json",
    })
    .to_string();
    let main = super::pieces::with_raw_field(&rest, "facets", &facets);
    SearchDocs { main, details }
}
