//! The document's own facts: title, issuer, region, district, year and
//! kind, from its first lines (the options override each).

use super::draft::{escape_markdown, CatalogDraft, Evidence, Sourced};
use super::lines::is_page_mark;
use super::outline::Outline;
use crate::Vocabulary as Config;
use crate::{DraftError, Fact, Given};

const ISSUER_ENDS: &[&str] = &[
    "教育委员会",
    "教育厅",
    "教育局",
    "教委",
    "教育部",
    "人民政府",
    "办公厅",
    "办公室",
    "教师发展中心",
    "进修学院",
];
const TITLE_ENDS: &[&str] = &[
    "指南",
    "方案",
    "计划",
    "规划",
    "意见",
    "通知",
    "办法",
    "要点",
    "一览表",
    "汇总表",
    "计划表",
    "规划表",
    "安排表",
    "明细表",
];

/// Whether a line ends as a title does, a closing note in brackets aside:
/// “…项目规划（新设项目）” ends in 规划.
fn ends_as_title(line: &str) -> bool {
    let bare = match line.strip_suffix('）') {
        Some(rest) => rest.rfind('（').map_or(line, |i| &rest[..i]),
        None => line,
    };
    TITLE_ENDS.iter().any(|e| bare.ends_with(e))
}

/// The catalog kind a title's words suggest when it names none: a list of
/// projects to apply for is a 申报指南, a plan's list a 工作计划.
fn kind_by_words<'a>(title: &str, kinds: &'a [String]) -> Option<&'a String> {
    const WORDS: &[(&str, &str)] = &[
        ("申报", "申报指南"),
        ("实施", "实施方案"),
        ("规划", "工作计划"),
        ("计划", "工作计划"),
        ("一览表", "工作计划"),
    ];
    WORDS
        .iter()
        .filter(|(word, _)| title.contains(word))
        .find_map(|(_, kind)| kinds.iter().find(|k| k == kind))
}

/// Every plan a text names: 国培计划, 区培计划, … in order.
pub fn plans_in(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("培计划") {
        if let Some(c) = rest[..at].chars().next_back() {
            if "国省市区县".contains(c) {
                let plan = format!("{c}培计划");
                if !out.contains(&plan) {
                    out.push(plan);
                }
            }
        }
        rest = &rest[at + "培计划".len()..];
    }
    out
}

/// The places every title of the catalog may start with: its region, in
/// full and short, then its city and district.
pub fn places(catalog: &CatalogDraft) -> Vec<String> {
    let region = &catalog.region.value;
    let mut out: Vec<String> = [Some(region.as_str()), short_region(region)]
        .into_iter()
        .flatten()
        .filter(|p| *p != "全国")
        .map(str::to_string)
        .collect();
    for place in catalog.city.iter().chain(&catalog.district) {
        out.push(place.clone());
        out.extend(peixun_places::short_name(place));
    }
    out
}

/// The one plan a text names, if it names exactly one.
pub fn plan_in(text: &str) -> Option<String> {
    let plans = plans_in(text);
    (plans.len() == 1).then(|| plans[0].clone())
}

/// The short name of a province-level region: 新疆 for 新疆维吾尔自治区.
pub fn short_region(name: &str) -> Option<&str> {
    if name == "全国" {
        return None;
    }
    if let Some(head) = name.strip_suffix("自治区") {
        let n = if head.starts_with("内蒙古") { 3 } else { 2 };
        return head
            .char_indices()
            .nth(n)
            .map(|(i, _)| &head[..i])
            .or(Some(head));
    }
    name.strip_suffix(['省', '市'])
}

fn year_in(text: &str) -> Option<u16> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        let digits: String = w[..4].iter().collect();
        let ok = w[4] == '年' && (digits.starts_with("19") || digits.starts_with("20"));
        ok.then(|| digits.parse().ok()).flatten()
    })
}

pub fn allowed(option: &'static str, value: &str, values: &[String]) -> Result<String, DraftError> {
    if values.iter().any(|v| v == value) {
        Ok(value.to_string())
    } else {
        Err(DraftError::NotAllowed {
            option,
            value: value.to_string(),
            allowed: values.to_vec(),
        })
    }
}

pub fn catalog(
    outline: &Outline,
    opts: &Given,
    config: &Config,
) -> Result<CatalogDraft, DraftError> {
    let v = config;
    let front: Vec<&(usize, String)> = outline
        .front
        .iter()
        .filter(|(_, l)| !is_page_mark(l))
        .collect();
    let mut used: Vec<usize> = Vec::new();
    let issuer = opts.issuer.clone().or_else(|| {
        front.iter().enumerate().find_map(|(i, (_, l))| {
            let ok = l.chars().count() <= 24 && ISSUER_ENDS.iter().any(|e| l.ends_with(e));
            ok.then(|| {
                used.push(i);
                l.clone()
            })
        })
    });
    let found_title = {
        let mut title = String::new();
        let mut lines = Vec::new();
        for (i, (_, l)) in front.iter().enumerate() {
            if used.contains(&i) || l.chars().count() > 40 {
                if title.is_empty() {
                    continue;
                }
                break;
            }
            title.push_str(l);
            lines.push(i);
            if ends_as_title(&title) {
                break;
            }
        }
        ends_as_title(&title).then(|| {
            used.extend(lines);
            title
        })
    };
    let mut title = match (&opts.title, found_title) {
        (Some(t), _) => t.clone(),
        (None, Some(t)) => t,
        (None, None) => return Err(DraftError::Missing(Fact::Title)),
    };
    let searched: Vec<(usize, String)> = std::iter::once((0, title.clone()))
        .chain(issuer.iter().map(|i| (0, i.clone())))
        .chain(outline.front.iter().cloned())
        .collect();
    // The place: by China's divisions, from what the issuer, the title and
    // the first lines name (成都市教育局 → 四川省, 成都市), unless given.
    let table = peixun_places::divisions();
    let texts: Vec<&str> = searched.iter().map(|(_, t)| t.as_str()).collect();
    let found = table
        .place_of(&texts)
        .filter(|p| v.regions.iter().any(|r| r == p.province.name));
    let named_from = || {
        let hit = searched.iter().find(|(_, t)| {
            found.is_some_and(|p| {
                let name = p.county.or(p.city).unwrap_or(p.province).name;
                t.contains(name) || peixun_places::short_name(name).is_some_and(|s| t.contains(&s))
            })
        });
        match hit {
            Some((0, text)) => format!("按“{text}”推定"),
            Some((line, text)) => format!("按第{line}行“{text}”推定"),
            None => "按原文中的地名推定".to_string(),
        }
    };
    let region = match &opts.region {
        Some(r) => Sourced::given(allowed("--region", r, &v.regions)?),
        None => match found {
            Some(p) => Sourced::guessed(p.province.name.to_string(), named_from()),
            None if v.regions.iter().any(|r| r == "全国") => {
                Sourced::guessed("全国".to_string(), "原文未写地区，按全国（国家层面的文件）")
            }
            None => return Err(DraftError::Missing(Fact::Region)),
        },
    };
    // The city and district found belong to the region given or found.
    let same_region = found.filter(|p| p.province.name == region.value);
    let city = opts
        .city
        .clone()
        .or_else(|| same_region.and_then(|p| p.city).map(|c| c.name.to_string()));
    let district = opts
        .district
        .clone()
        .or_else(|| {
            same_region
                .and_then(|p| p.county)
                .map(|c| c.name.to_string())
        })
        .or_else(|| {
            let deepest = city.as_deref().unwrap_or(&region.value);
            unlisted_district(deepest, searched.iter().take(2).map(|(_, t)| t.as_str()))
        });
    // A title without its place (“2022年教师教育工作计划”) gets the issuer's;
    // one that names any place of China keeps its own (成都市2025年…).
    let place_named = !table.named_in(&title).is_empty();
    if !place_named && opts.title.is_none() {
        if let Some(i) = &issuer {
            let place = ISSUER_ENDS
                .iter()
                .find_map(|e| i.strip_suffix(e))
                .unwrap_or_default();
            if !place.is_empty() {
                title = format!("{place}{title}");
            }
        }
    }
    let kind = match &opts.kind {
        Some(k) => Sourced::given(allowed("--kind", k, &v.catalog_kinds)?),
        None => {
            let contained = v.catalog_kinds.iter().find(|k| title.contains(k.as_str()));
            let by_ending = || {
                let tail: String = title
                    .chars()
                    .rev()
                    .take(2)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                v.catalog_kinds.iter().find(|k| k.ends_with(&tail))
            };
            match contained
                .or_else(by_ending)
                .or_else(|| kind_by_words(&title, &v.catalog_kinds))
            {
                Some(k) => Sourced::guessed(k.clone(), format!("按标题“{title}”推定")),
                None => return Err(DraftError::Missing(Fact::Kind)),
            }
        }
    };
    let year = match opts.year {
        Some(y) => Some(Sourced::given(y)),
        None => searched.iter().find_map(|(line, text)| {
            year_in(text).map(|y| {
                Sourced::stated(
                    y,
                    Evidence {
                        line: *line,
                        quote: text.clone(),
                    },
                )
            })
        }),
    };
    let guidance = kind.value == config.guidance_kind;
    if year.is_none() && !guidance {
        return Err(DraftError::Missing(Fact::Year));
    }
    // The front's other lines are the catalog's text, 附件2 included; only
    // page numbers (— 7 —) go.
    let used_lines: Vec<(usize, &str)> = used
        .iter()
        .filter_map(|i| front.get(*i))
        .map(|(n, l)| (*n, l.as_str()))
        .collect();
    let mut body: Vec<String> = outline
        .front
        .iter()
        .filter(|(n, l)| !used_lines.contains(&(*n, l.as_str())))
        .filter(|(_, l)| l.trim_start().starts_with("附件") || !is_page_mark(l))
        .map(|(_, l)| escape_markdown(l))
        .collect();
    for line in &outline.rest {
        if is_page_mark(line) {
            continue;
        }
        match line
            .split_once(' ')
            .filter(|(h, _)| h.chars().all(|c| c == '#'))
        {
            Some((hashes, text)) => body.push(format!("{hashes} {}", escape_markdown(text))),
            None => body.push(escape_markdown(line)),
        }
    }
    Ok(CatalogDraft {
        body: without_empty_headings(&body).join("\n\n"),
        source: title.clone(),
        title,
        issuer,
        region,
        city,
        district,
        year,
        kind,
    })
}

fn heading_level(line: &str) -> Option<usize> {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (hashes > 0 && line[hashes..].starts_with(' ')).then_some(hashes)
}

/// Headings whose sections hold only entries (now files of their own) say nothing.
fn without_empty_headings(lines: &[String]) -> Vec<String> {
    (0..lines.len())
        .filter(|&i| match heading_level(&lines[i]) {
            None => true,
            Some(level) => lines[i + 1..]
                .iter()
                .map(|l| heading_level(l))
                .take_while(|h| h.is_none_or(|h| h > level))
                .any(|h| h.is_none()),
        })
        .map(|i| lines[i].clone())
        .collect()
}

/// A 区 or 县 named right after its region or city that the table of
/// divisions does not hold (a new or renamed one); `check` notes it.
fn unlisted_district<'a>(
    after_place: &str,
    texts: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let names: Vec<&str> = [Some(after_place), short_region(after_place)]
        .into_iter()
        .flatten()
        .collect();
    texts.into_iter().find_map(|text| {
        let after = names
            .iter()
            .find_map(|name| text.split_once(name).map(|(_, a)| a))?;
        let after = after.strip_prefix('市').unwrap_or(after);
        let end = after
            .char_indices()
            .take(5)
            .find(|(_, c)| *c == '区' || *c == '县')
            .map(|(i, c)| i + c.len_utf8())?;
        let name = &after[..end];
        (name.chars().count() >= 2 && !name.contains("自治")).then(|| name.to_string())
    })
}

/// The counties of the catalog's region (and city) that a project's title
/// or 培训对象 names, other than the catalog's own district: the counties
/// a provincial or city project is for.
pub fn counties_named(catalog: &CatalogDraft, title: &str, eligibility: &str) -> Vec<String> {
    use peixun_places::Level;
    let table = peixun_places::divisions();
    let mut out: Vec<String> = Vec::new();
    for text in [title, eligibility] {
        for (_, d) in table.named_in(text) {
            let here = d.level == Level::County
                && table.province_of(d).name == catalog.region.value
                && catalog
                    .city
                    .as_deref()
                    .is_none_or(|c| table.city_of(d).is_some_and(|city| city.name == c))
                && catalog.district.as_deref() != Some(d.name);
            if here && !out.iter().any(|o| o == d.name) {
                out.push(d.name.to_string());
            }
        }
    }
    out
}

/// Each draft with the counties it is for, where it names some.
pub fn with_counties(
    mut drafts: Vec<super::draft::ProjectDraft>,
    catalog: &CatalogDraft,
) -> Vec<super::draft::ProjectDraft> {
    for d in &mut drafts {
        let named = counties_named(catalog, &d.title, d.eligibility.as_deref().unwrap_or(""));
        if !named.is_empty() {
            d.counties = Some(Sourced::guessed(
                named,
                "名称或培训对象中的区县（按行政区划 GB/T 2260）",
            ));
        }
    }
    drafts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_and_places() {
        assert_eq!(
            plans_in("2024年新疆“国培计划”“区培计划”"),
            ["国培计划", "区培计划"]
        );
        assert_eq!(
            plan_in("重庆市2026年“国培计划”项目申报指南").as_deref(),
            Some("国培计划")
        );
        assert_eq!(short_region("新疆维吾尔自治区"), Some("新疆"));
        assert_eq!(short_region("内蒙古自治区"), Some("内蒙古"));
        assert_eq!(short_region("重庆市"), Some("重庆"));
        assert_eq!(year_in("2022年是党的二十大"), Some(2022));
        assert!(is_page_mark("— 7 —"));
        assert!(is_page_mark("附件2"));
        assert!(!is_page_mark("附件2024年新疆项目规划"));
    }
}
