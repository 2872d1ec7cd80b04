//! `search_words/<k>.json`: the site's words, which a query typed without
//! spaces is split into (`小学班主任` → 小学, 班主任; see
//! `search::query`): the values of the facets, places with and without
//! their 省/市/区/县 (新疆维吾尔自治区 and 新疆, 黔江区 and 黔江), category
//! names, synonyms, tags, and the words of titles and eligibility found by
//! `search::words::found_words`.

use super::OutFile;
use crate::config::Facet;
use crate::model::Site;
use crate::search::words::{found_words, word_files};
use crate::util::places::short_name;

/// Projects whose titles and eligibility the words are found in, at most:
/// spread over the whole site, they give its vocabulary, and a national
/// catalog's 100,000 would only cost time.
const SAMPLED_PROJECTS: usize = 5000;

/// Eligibility is read to this many characters (its first clauses name who
/// the project is for), and then to the end of a run of Han characters:
/// a word cut in two would seem to stand free.
const ELIGIBILITY_CHARS: usize = 120;

/// The word files, and their count (written into the index manifest).
pub fn word_files_of(site: &Site) -> Vec<OutFile> {
    word_files(site_words(site))
        .into_iter()
        .enumerate()
        .map(|(k, json)| OutFile {
            path: format!("search_words/{k}.json").into(),
            bytes: json.into_bytes(),
        })
        .collect()
}

/// Every word of the site a split may use (unsorted, with repeats).
pub fn site_words(site: &Site) -> Vec<String> {
    let config = &site.config;
    let mut words: Vec<String> = Vec::new();
    for f in site.facets.iter() {
        let place = matches!(f.facet, Facet::Region | Facet::City | Facet::District);
        for v in &f.values {
            match f.facet {
                Facet::Category => words.push(v.label.clone()),
                Facet::Year | Facet::Month => {}
                _ => words.push(v.value.clone()),
            }
            if place {
                words.extend(short_name(&v.value));
            }
        }
    }
    for c in site.catalogs.iter() {
        words.push(c.region.clone());
        words.extend(short_name(&c.region));
        for place in c.city.iter().chain(&c.district) {
            words.push(place.clone());
            words.extend(short_name(place));
        }
    }
    words.extend(config.categories.iter().map(|c| c.label.clone()));
    words.extend(config.search.synonyms.iter().flatten().cloned());
    for facet in [Facet::Audience, Facet::Stages, Facet::Modes, Facet::Level] {
        words.extend(
            config
                .vocabulary(facet)
                .unwrap_or_default()
                .into_iter()
                .map(String::from),
        );
    }
    let listed: Vec<_> = site.listed().collect();
    let step = listed.len().div_ceil(SAMPLED_PROJECTS).max(1);
    for e in &listed {
        words.extend(e.project.tags.iter().cloned());
    }
    let eligibility = |e: &crate::model::Entry| -> String {
        let text = e.project.eligibility.as_deref().unwrap_or("");
        let mut chars = text.char_indices().skip(ELIGIBILITY_CHARS);
        let end = chars
            .find(|(_, c)| !crate::search::is_han(*c))
            .map_or(text.len(), |(i, _)| i);
        text[..end].to_string()
    };
    let cut: Vec<(usize, String, String)> = listed
        .iter()
        .step_by(step)
        .map(|e| (e.index, e.project.title.clone(), eligibility(e)))
        .collect();
    words.extend(found_words(cut.iter().flat_map(|(i, title, elig)| {
        [(*i, title.as_str()), (*i, elig.as_str())]
    })));
    words
}
