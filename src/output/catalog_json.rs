//! `/catalog.json`: the open-data export, every catalog and project with
//! every field and its URL.

use super::pieces::{json_array, per_project, with_raw_field, RenderCache};
use crate::config::Facet;
use crate::model::{Entry, Site};
use crate::util::url as urls;
use serde_json::{json, Value};

/// The open-data export: every catalog and project with every field and its URL.
pub fn catalog_json(site: &Site, cache: Option<&RenderCache>) -> String {
    let abs = |path: String| site.config.absolute_url(&urls::encode_path(&path));
    let catalogs: Vec<Value> = site
        .catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = serde_json::to_value(c).unwrap_or(Value::Null);
            v["url"] = json!(abs(urls::catalog(&c.slug)));
            v["projects"] = json!(site
                .projects_of(i)
                .map(|e| e.project.slug.clone())
                .collect::<Vec<_>>());
            v
        })
        .collect();
    // Each project's entry on its own: in parallel, and reused by the dev
    // server while the file is unchanged.
    let all: Vec<Entry> = site.entries().collect();
    let projects = per_project(&all, cache.map(|c| &c.project_json), |e| {
        let (p, c) = (e.project, e.catalog);
        let mut v = serde_json::to_value(p).unwrap_or(Value::Null);
        v["url"] = json!(abs(urls::project(&p.slug)));
        v["region"] = json!(c.region);
        v["city"] = json!(c.city);
        v["district"] = json!(c.district);
        v["year"] = json!(c.year);
        // The months its period names (1 to 12), as the month filter reads them.
        let months = p.months();
        v["months"] = json!((1..=12u8)
            .filter(|m| months & (1 << (m - 1)) != 0)
            .collect::<Vec<_>>());
        v["category_label"] = json!(site.config.category(&p.category).map(|k| k.label.clone()));
        // True for an entry of a guidance document: a kind of project, not a training.
        v["guidance"] = json!(e.is_guidance());
        v.to_string()
    });
    let categories: Vec<Value> = site
        .config
        .categories
        .iter()
        .map(|k| {
            let mut v = serde_json::to_value(k).unwrap_or(Value::Null);
            // A category's page exists only when the site has the facet.
            v["url"] =
                json!(site
                    .config
                    .has_facet(Facet::Category)
                    .then(|| abs(urls::facet_value(
                        Facet::Category.path(),
                        &urls::segment(&k.key)
                    ))));
            v
        })
        .collect();
    let head = json!({
        "site": { "title": site.config.title, "description": site.config.description, "base_url": site.config.base_url },
        "categories": categories,
        "catalogs": catalogs,
    })
    .to_string();
    with_raw_field(&head, "projects", &json_array(&projects))
}
