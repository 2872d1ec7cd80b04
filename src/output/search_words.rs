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
    for f in &site.facets {
        let place = matches!(f.facet, Facet::Region | Facet::District);
        for v in &f.values {
            match f.facet {
                Facet::Category => words.push(v.label.clone()),
                Facet::Year | Facet::Month => {}
                _ => words.push(v.value.clone()),
            }
            if place {
                words.extend(short_place(&v.value));
            }
        }
    }
    for c in &site.catalogs {
        words.push(c.region.clone());
        words.extend(short_place(&c.region));
        if let Some(d) = &c.district {
            words.push(d.clone());
            words.extend(short_place(d));
        }
    }
    words.extend(config.categories.iter().map(|c| c.label.clone()));
    words.extend(config.search.synonyms.iter().flatten().cloned());
    for facet in [Facet::Audience, Facet::Stages, Facet::Modes, Facet::Level] {
        words.extend(config.vocabulary(facet).unwrap_or_default().into_iter().map(String::from));
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
    words.extend(found_words(
        cut.iter()
            .flat_map(|(i, title, elig)| [(*i, title.as_str()), (*i, elig.as_str())]),
    ));
    words
}

/// A place without its 省/市/自治区/区/县 and the like, when two characters
/// or more are left: 重庆市 → 重庆, 新疆维吾尔自治区 → 新疆, 黔江区 → 黔江,
/// 恩施土家族苗族自治州 → 恩施. A teacher types the short name.
pub fn short_place(name: &str) -> Option<String> {
    const SUFFIXES: &[&str] = &[
        "自治区", "自治州", "自治县", "自治旗", "特别行政区", "地区", "新区", "林区", "省",
        "市", "区", "县", "州", "盟", "旗",
    ];
    let mut rest = name;
    for s in SUFFIXES {
        if let Some(r) = rest.strip_suffix(s) {
            rest = r;
            break;
        }
    }
    // The peoples an autonomous place is named for: 维吾尔, 土家族苗族.
    loop {
        let before = rest;
        for people in PEOPLES {
            if let Some(r) = rest
                .strip_suffix('族')
                .and_then(|r| r.strip_suffix(people))
                .or_else(|| rest.strip_suffix(people))
            {
                if r.chars().count() >= 2 {
                    rest = r;
                    break;
                }
            }
        }
        if rest == before {
            break;
        }
    }
    (rest != name && rest.chars().count() >= 2).then(|| rest.to_string())
}

/// China's peoples, as autonomous places name them (without 族).
const PEOPLES: &[&str] = &[
    "维吾尔", "壮", "回", "藏", "蒙古", "苗", "彝", "土家", "布依", "侗", "瑶", "白", "哈尼",
    "哈萨克", "黎", "傣", "畲", "傈僳", "仡佬", "东乡", "拉祜", "水", "佤", "纳西", "羌", "土",
    "仫佬", "锡伯", "柯尔克孜", "达斡尔", "景颇", "毛南", "撒拉", "布朗", "塔吉克", "阿昌",
    "普米", "鄂温克", "怒", "京", "基诺", "德昂", "保安", "俄罗斯", "裕固", "乌孜别克", "门巴",
    "鄂伦春", "独龙", "塔塔尔", "赫哲", "珞巴", "朝鲜", "满",
];

#[cfg(test)]
mod tests {
    use super::short_place;

    #[test]
    fn places_are_also_their_short_names() {
        for (name, short) in [
            ("重庆市", Some("重庆")),
            ("新疆维吾尔自治区", Some("新疆")),
            ("广西壮族自治区", Some("广西")),
            ("内蒙古自治区", Some("内蒙古")),
            ("黔江区", Some("黔江")),
            ("恩施土家族苗族自治州", Some("恩施")),
            ("彭水苗族土家族自治县", Some("彭水")),
            ("伊犁哈萨克自治州", Some("伊犁")),
            ("全国", None),
            ("和县", None),
        ] {
            assert_eq!(short_place(name).as_deref(), short, "{name}");
        }
    }
}
