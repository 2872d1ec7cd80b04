//! China's administrative divisions, province-level region → city (地级市,
//! 州, 地区, 盟) → district or county: the GB/T 2260 table of
//! `divisions.tsv` (written by `tools/divisions.py` from a published data
//! package). What a catalog's places are checked against, and how an
//! imported document is placed from its issuer and title.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How high a division stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Province,
    City,
    County,
}

#[derive(Debug)]
pub struct Division {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    parent: Option<usize>,
}

/// The table, with every name (full and short) to the divisions it names.
pub struct Divisions {
    all: Vec<Division>,
    by_name: HashMap<&'static str, Vec<usize>>,
    by_short: HashMap<String, Vec<usize>>,
}

const TABLE: &str = include_str!("divisions.tsv");

/// The table, read once.
pub fn divisions() -> &'static Divisions {
    static TABLE_READ: OnceLock<Divisions> = OnceLock::new();
    TABLE_READ.get_or_init(|| Divisions::parse(TABLE))
}

impl Divisions {
    fn parse(text: &'static str) -> Divisions {
        let mut all: Vec<Division> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            let (Some(code), Some(name)) = (cols.next(), cols.next()) else {
                continue;
            };
            let parent = cols.next().and_then(|p| index.get(p).copied());
            let level = match (parent, code.len()) {
                (None, _) => Level::Province,
                (Some(_), 4) => Level::City,
                _ => Level::County,
            };
            index.insert(code, all.len());
            all.push(Division {
                code,
                name,
                level,
                parent,
            });
        }
        let mut by_name: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut by_short: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in all.iter().enumerate() {
            by_name.entry(d.name).or_default().push(i);
            if let Some(short) = short_name(d.name) {
                by_short.entry(short).or_default().push(i);
            }
        }
        Divisions {
            all,
            by_name,
            by_short,
        }
    }

    /// The divisions called `name` in full (朝阳区 names two).
    pub fn named(&self, name: &str) -> Vec<&Division> {
        self.by_name
            .get(name.trim())
            .into_iter()
            .flatten()
            .map(|&i| &self.all[i])
            .collect()
    }

    pub fn parent(&self, d: &Division) -> Option<&Division> {
        d.parent.map(|i| &self.all[i])
    }

    /// The province-level region `d` is in (itself for one).
    pub fn province_of<'a>(&'a self, d: &'a Division) -> &'a Division {
        let mut here = d;
        while let Some(up) = self.parent(here) {
            here = up;
        }
        here
    }

    /// The city `d` is in, if it is in one (a municipality's districts are not).
    pub fn city_of<'a>(&'a self, d: &'a Division) -> Option<&'a Division> {
        match d.level {
            Level::City => Some(d),
            Level::County => self.parent(d).filter(|p| p.level == Level::City),
            Level::Province => None,
        }
    }

    /// Every division a text names, in full or by its short name (成都,
    /// 黔江), longest name first at each place: (byte offset, division).
    /// A short name that several divisions share is left out, and so is a
    /// word a full name already covers.
    pub fn named_in(&self, text: &str) -> Vec<(usize, &Division)> {
        let mut found = Vec::new();
        let mut covered_to = 0;
        for (at, _) in text.char_indices() {
            if at < covered_to {
                continue;
            }
            let rest = &text[at..];
            // The longest name starting here, full names before short ones.
            let mut best: Option<(usize, Vec<usize>)> = None;
            for (len, _) in rest
                .char_indices()
                .skip(2)
                .take(12)
                .chain([(rest.len(), ' ')])
            {
                let word = &rest[..len];
                let full = self
                    .by_name
                    .get(word)
                    .filter(|_| !COMMON_WORDS.contains(&word))
                    .cloned();
                let short = self.by_short.get(word).filter(|v| v.len() == 1).cloned();
                if let Some(hit) = full.or(short) {
                    if best.as_ref().is_none_or(|(l, _)| len > *l) {
                        best = Some((len, hit));
                    }
                }
            }
            if let Some((len, hits)) = best {
                covered_to = at + len;
                found.extend(hits.into_iter().map(|i| (at, &self.all[i])));
            }
        }
        found
    }

    /// Where a document of these texts (its issuer, title, first lines)
    /// stands: the most specific division they name whose province and
    /// city are the others they name. `None` when they name none.
    pub fn place_of(&self, texts: &[&str]) -> Option<Place<'_>> {
        let named: Vec<&Division> = texts
            .iter()
            .flat_map(|t| self.named_in(t))
            .map(|(_, d)| d)
            .collect();
        let agrees = |d: &Division| {
            named.iter().all(|o| {
                std::ptr::eq(*o, d)
                    || self.ancestors(d).any(|a| std::ptr::eq(a, *o))
                    || o.level >= d.level
            })
        };
        // Most specific first; of equals, the one named first.
        let best = (0..3)
            .rev()
            .flat_map(|level| named.iter().filter(move |d| d.level as usize == level))
            .find(|d| agrees(d))?;
        Some(Place {
            province: self.province_of(best),
            city: self.city_of(best),
            county: (best.level == Level::County).then_some(*best),
        })
    }

    fn ancestors<'a>(&'a self, d: &'a Division) -> impl Iterator<Item = &'a Division> + 'a {
        std::iter::successors(self.parent(d), move |p| self.parent(p))
    }
}

/// Districts whose names are everyday words (城区学校, 郊区): a text
/// that uses the word names none of them.
const COMMON_WORDS: &[&str] = &["城区", "郊区", "矿区"];

/// A place as a catalog writes it.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub province: &'a Division,
    pub city: Option<&'a Division>,
    pub county: Option<&'a Division>,
}

/// A place without its 省/市/自治区/区/县 and the like, when two characters
/// or more are left: 重庆市 → 重庆, 新疆维吾尔自治区 → 新疆, 黔江区 → 黔江,
/// 恩施土家族苗族自治州 → 恩施. A teacher types, and a document often
/// writes, the short name.
pub fn short_name(name: &str) -> Option<String> {
    const SUFFIXES: &[&str] = &[
        "特别行政区",
        "自治区",
        "自治州",
        "自治县",
        "自治旗",
        "地区",
        "新区",
        "林区",
        "省",
        "市",
        "区",
        "县",
        "州",
        "盟",
        "旗",
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
            let stripped = rest
                .strip_suffix('族')
                .and_then(|r| r.strip_suffix(people))
                .or_else(|| rest.strip_suffix(people));
            if let Some(r) = stripped.filter(|r| r.chars().count() >= 2) {
                rest = r;
                break;
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
    "维吾尔",
    "壮",
    "回",
    "藏",
    "蒙古",
    "苗",
    "彝",
    "土家",
    "布依",
    "侗",
    "瑶",
    "白",
    "哈尼",
    "哈萨克",
    "黎",
    "傣",
    "畲",
    "傈僳",
    "仡佬",
    "东乡",
    "拉祜",
    "水",
    "佤",
    "纳西",
    "羌",
    "土",
    "仫佬",
    "锡伯",
    "柯尔克孜",
    "达斡尔",
    "景颇",
    "毛南",
    "撒拉",
    "布朗",
    "塔吉克",
    "阿昌",
    "普米",
    "鄂温克",
    "怒",
    "京",
    "基诺",
    "德昂",
    "保安",
    "俄罗斯",
    "裕固",
    "乌孜别克",
    "门巴",
    "鄂伦春",
    "独龙",
    "塔塔尔",
    "赫哲",
    "珞巴",
    "朝鲜",
    "满",
];

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(short_name(name).as_deref(), short, "{name}");
        }
    }

    #[test]
    fn the_table_has_every_level_and_municipalities_have_no_city() {
        let t = divisions();
        assert!(t.all.len() > 3000);
        let chengdu = t.named("成都市")[0];
        assert_eq!(
            (chengdu.level, t.province_of(chengdu).name),
            (Level::City, "四川省")
        );
        let qianjiang = t.named("黔江区")[0];
        assert_eq!(qianjiang.level, Level::County);
        assert_eq!(t.parent(qianjiang).map(|p| p.name), Some("重庆市"));
        assert!(t.city_of(qianjiang).is_none());
        assert_eq!(t.named("朝阳区").len(), 2);
    }

    #[test]
    fn a_document_is_placed_by_what_its_issuer_and_title_name() {
        let t = divisions();
        let place = |texts: &[&str]| {
            t.place_of(texts).map(|p| {
                (
                    p.province.name,
                    p.city.map(|c| c.name),
                    p.county.map(|c| c.name),
                )
            })
        };
        assert_eq!(
            place(&["成都市教育局", "成都市2025年中小学教师培训项目实施方案"]),
            Some(("四川省", Some("成都市"), None))
        );
        assert_eq!(
            place(&["重庆市黔江区教育委员会", "2022年教师教育工作计划"]),
            Some(("重庆市", None, Some("黔江区")))
        );
        assert_eq!(
            place(&["天水市教育局关于印发《天水市2025年教师培训计划》的通知"]),
            Some(("甘肃省", Some("天水市"), None))
        );
        assert_eq!(
            place(&["2024年新疆“国培计划”“区培计划”项目申报指南"]),
            Some(("新疆维吾尔自治区", None, None))
        );
        assert_eq!(place(&["“国培计划”中西部骨干项目指导方案"]), None);
    }
}
