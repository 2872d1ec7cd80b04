//! `/catalog.json`: the open-data export, every catalog and project with
//! every field and its URL. Above [`WHOLE_UP_TO`] bytes (a national
//! catalog's is 86 MB) it is an index, and the catalogs and their projects
//! are in parts of about [`PART_BYTES`] (`/catalog/<n>.json`): no file a
//! data user opens is over 10 MB.

use super::pieces::{json_array, per_project, with_raw_field, RenderCache};
use crate::config::Facet;
use crate::model::{Entry, Site};
use crate::util::url as urls;
use serde_json::{json, Value};

/// Bytes up to which `/catalog.json` holds everything.
pub const WHOLE_UP_TO: usize = 8 << 20;

/// Bytes of projects a part holds about (a catalog is never split).
pub const PART_BYTES: usize = 4 << 20;

/// The open-data export: every catalog and project with every field and
/// its URL, as (path, text) files: `catalog.json`, and, when its projects
/// are over `whole_up_to` bytes, its parts of about `part_bytes`.
pub fn catalog_json(
    site: &Site,
    cache: Option<&RenderCache>,
    whole_up_to: usize,
    part_bytes: usize,
) -> Vec<(String, String)> {
    let abs = |path: String| site.config.absolute_url(&urls::encode_path(&path));
    let catalogs: Vec<Value> = site
        .catalogs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut v = serde_json::to_value(&**c).unwrap_or(Value::Null);
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
    let site_info = json!({ "title": site.config.title, "description": site.config.description, "base_url": site.config.base_url });
    let size: usize = projects.iter().map(|p| p.len() + 1).sum();
    if size <= whole_up_to {
        let head = json!({ "site": site_info, "categories": categories, "catalogs": catalogs })
            .to_string();
        return vec![(
            "catalog.json".into(),
            with_raw_field(&head, "projects", &json_array(&projects)),
        )];
    }
    // Consecutive catalogs into parts of about `part_bytes` of projects.
    let mut parts: Vec<std::ops::Range<usize>> = Vec::new();
    let mut bytes = 0;
    for i in 0..catalogs.len() {
        let own: usize = site
            .projects_of(i)
            .map(|e| projects[e.index].len() + 1)
            .sum();
        match parts.last_mut() {
            Some(part) if bytes + own <= part_bytes => {
                part.end = i + 1;
                bytes += own;
            }
            _ => {
                parts.push(i..i + 1);
                bytes = own;
            }
        }
    }
    let part_url = |n: usize| abs(format!("catalog/{}.json", n + 1));
    let mut files = Vec::with_capacity(parts.len() + 1);
    let mut listed = catalogs.clone();
    for (n, part) in parts.iter().enumerate() {
        for c in &mut listed[part.clone()] {
            c["part"] = json!(part_url(n));
        }
        let own: Vec<_> = part
            .clone()
            .flat_map(|i| site.projects_of(i).map(|e| projects[e.index].clone()))
            .collect();
        let head = json!({ "site": site_info, "catalogs": &catalogs[part.clone()] }).to_string();
        files.push((
            format!("catalog/{}.json", n + 1),
            with_raw_field(&head, "projects", &json_array(&own)),
        ));
    }
    let index = json!({
        "site": site_info,
        "categories": categories,
        "catalogs": listed,
        // The projects are in the parts: each catalog says which holds it.
        "parts": (0..parts.len()).map(part_url).collect::<Vec<_>>(),
    });
    files.insert(0, ("catalog.json".into(), index.to_string()));
    files
}
