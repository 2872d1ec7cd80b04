//! The figures a sentence states: offline days, online hours, cycle years,
//! head counts, funding and months. Only what the words say for certain is
//! taken: “为期30天” and “集中培训不少于20天” are days, “7-10天” is a range and
//! left out, a figure after “其中” is part of another and not the whole.

use super::lines::ascii_digit;

/// A figure and the sentence it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub what: What,
    /// The clause that states it (up to its 。；).
    pub quote: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum What {
    OfflineDays {
        days: u32,
        at_least: bool,
    },
    /// One place of the offline days: 市内20天.
    OfflinePart {
        place: String,
        days: u32,
    },
    OnlineHours {
        hours: u32,
        at_least: bool,
    },
    CycleYears(u32),
    Trainees(u32),
    Funding {
        amount: f64,
        unit: String,
        item: String,
        /// The words as written, when the unit was normalised (80万/县/年).
        written: Option<String>,
    },
}

const PLACES: &[&str] = &[
    "市内", "市外", "区内", "区外", "省内", "省外", "县内", "县外", "国内", "境外",
];
const STOPS: &[char] = &['，', '。', '；', ',', ';', '：', ':', '\n'];

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.ends_with(w))
}

/// The clause of `chars` around `at`, between stop marks 。；.
fn clause(chars: &[char], at: usize) -> String {
    let stop = |c: &char| matches!(c, '。' | '；' | ';' | '\n');
    let start = chars[..at].iter().rposition(stop).map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(stop)
        .map_or(chars.len(), |i| at + i);
    chars[start..end]
        .iter()
        .collect::<String>()
        .trim()
        .to_string()
}

/// Up to `n` chars before `at`, back to the last stop mark.
fn before(chars: &[char], at: usize, n: usize) -> String {
    let from = at.saturating_sub(n);
    let seg = &chars[from..at];
    let start = seg
        .iter()
        .rposition(|c| STOPS.contains(c))
        .map_or(0, |i| i + 1);
    seg[start..].iter().collect()
}

/// Up to `n` chars from `at`, to the next stop mark.
fn after(chars: &[char], at: usize, n: usize) -> String {
    let to = (at + n).min(chars.len());
    let seg = &chars[at..to];
    let end = seg
        .iter()
        .position(|c| STOPS.contains(c))
        .unwrap_or(seg.len());
    seg[..end].iter().collect()
}

fn han_number(c: char) -> Option<u32> {
    "一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|i| i as u32 + 1)
        .or(match c {
            '两' => Some(2),
            _ => None,
        })
}

fn normalise_digit(c: char) -> char {
    match c {
        '．' => '.',
        '／' => '/',
        _ => ascii_digit(c).unwrap_or(c),
    }
}

/// A cell or field that is only a head count: 200, 200人, 200名.
pub fn head_count(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['。', '；']);
    let digits = t
        .trim_end_matches(['人', '名'])
        .trim_end_matches("左右")
        .trim();
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse::<u32>().ok())
        .flatten()
        .filter(|n| *n > 0)
}

/// Every figure `text` states, in order.
pub fn scan(text: &str) -> Vec<Figure> {
    let chars: Vec<char> = text.chars().map(normalise_digit).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        let (value, end) = if chars[i].is_ascii_digit() {
            let mut j = i;
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                j += 1;
            }
            let s: String = chars[i..j].iter().collect();
            let s = s.trim_end_matches('.');
            let end = i + s.chars().count();
            match s.parse::<f64>() {
                Ok(v) => (v, end),
                Err(_) => {
                    i = j.max(i + 1);
                    continue;
                }
            }
        } else if let Some(v) = han_number(chars[i]).filter(|_| chars.get(i + 1) == Some(&'年')) {
            (v as f64, i + 1)
        } else {
            i += 1;
            continue;
        };
        i = end.max(start + 1);
        // A range (7-10天) or a figure glued to another is not certain.
        let prev = start.checked_sub(1).map(|p| chars[p]);
        if matches!(prev, Some('-' | '—' | '－' | '~' | '～' | '至' | '.')) {
            continue;
        }
        let next = chars.get(end).copied();
        if matches!(next, Some('-' | '—' | '－' | '~' | '～' | '至')) {
            continue;
        }
        // 0 is never a figure a plan states.
        if value <= 0.0 {
            continue;
        }
        let whole = value.fract() == 0.0 && (0.0..=100_000_000.0).contains(&value);
        let n = value as u32;
        let back = before(&chars, start, 24);
        let rest: String = chars[end..].iter().take(16).collect();
        let quote = || clause(&chars, start);
        let at_least =
            back.ends_with("不少于") || rest.starts_with("天以上") || back.ends_with("至少");
        let part_of = back.contains("其中");
        let what = if rest.starts_with('天') && whole {
            let ahead = after(&chars, end + 1, 12);
            let ahead = ahead.trim_start_matches('的');
            let place_before = PLACES.iter().find(|p| {
                back.ends_with(*p)
                    || back.ends_with(&format!("{p}研修"))
                    || back.ends_with(&format!("{p}培训"))
            });
            let place_after = PLACES.iter().find(|p| ahead.starts_with(*p));
            let offline_after = {
                let a = PLACES
                    .iter()
                    .fold(ahead, |a, p| a.strip_prefix(p).unwrap_or(a));
                let a = a.strip_prefix("线下").unwrap_or(a);
                ["集中", "专题研修", "专题培训", "面授"]
                    .iter()
                    .any(|w| a.starts_with(w))
            };
            let offline_before = [
                "为期", "集中", "线下", "面授", "跟岗", "送教", "研修", "培训",
            ]
            .iter()
            .any(|w| back.contains(w))
                && !back.contains("其中");
            if let Some(place) = place_before {
                Some(What::OfflinePart {
                    place: place.to_string(),
                    days: n,
                })
            } else if (offline_before || offline_after) && !part_of {
                if let Some(place) = place_after {
                    found.push(Figure {
                        what: What::OfflinePart {
                            place: place.to_string(),
                            days: n,
                        },
                        quote: quote(),
                    });
                }
                Some(What::OfflineDays { days: n, at_least })
            } else {
                None
            }
        } else if rest.starts_with("学时") && whole {
            let ahead = after(&chars, end + 2, 8);
            let ahead = ahead.trim_start_matches('的');
            // 工作坊研修 of so many 学时 is the online workshop of 国培 projects.
            let online = ["网络", "在线", "线上", "网上", "远程", "工作坊"];
            let said = online
                .iter()
                .any(|w| back.contains(w) || ahead.starts_with(w));
            (said && !part_of && !back.ends_with("指导"))
                .then_some(What::OnlineHours { hours: n, at_least })
        } else if rest.starts_with('年') && whole && n <= 10 {
            let ahead: String = chars[end + 1..].iter().take(4).collect();
            let cycle = ["周期", "的周期", "短期项目"]
                .iter()
                .any(|w| ahead.starts_with(w))
                || ends_with_any(&back, &["周期为", "周期是", "为期"]);
            cycle.then_some(What::CycleYears(n))
        } else if rest.starts_with('人') && whole && !rest.starts_with("人/") {
            (back.contains("计划培训") || back.contains("培训人数")).then_some(What::Trainees(n))
        } else if let Some((unit, written)) = funding_unit(&rest) {
            let item = funding_item(&before(&chars, start, 40));
            Some(What::Funding {
                amount: value,
                written: written.then(|| {
                    let number: String = chars[start..end].iter().collect();
                    format!("{number}{}", rest_unit(&rest))
                }),
                unit,
                item,
            })
        } else {
            None
        };
        if let Some(what) = what {
            found.push(Figure {
                what,
                quote: quote(),
            });
        }
    }
    found
}

/// The unit as written after a funding amount: 元/人/天, 万/县/年,
/// 万/区县/年; a middle dot or full stop between its words (元/人·天,
/// 元/人.天) is the slash it stands for.
fn rest_unit(rest: &str) -> String {
    const UNIT: &str = "元万/人天县区校年学时期次班项月";
    let chars: Vec<char> = rest.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if UNIT.contains(*c) {
            out.push(*c);
        } else if matches!(c, '·' | '.' | '・' | '•' | '∙' | '／')
            && i > 0
            && chars.get(i + 1).is_some_and(|n| UNIT.contains(*n))
        {
            out.push('/');
        } else {
            break;
        }
    }
    out
}

/// A funding unit, normalised to name the currency (万/县/年 → 万元/县/年),
/// and whether it was normalised.
fn funding_unit(rest: &str) -> Option<(String, bool)> {
    let unit = rest_unit(rest);
    let unit = unit.trim_end_matches('/');
    if unit.starts_with("元/") || unit.starts_with("万元/") {
        return Some((unit.to_string(), false));
    }
    unit.strip_prefix("万/")
        .map(|tail| (format!("万元/{tail}"), true))
}

/// What a funding figure pays for: the words just before it.
fn funding_item(back: &str) -> String {
    let item = back.trim();
    let item = item.trim_end_matches(['为', '按']);
    let item = item
        .strip_suffix("经费标准")
        .or_else(|| item.strip_suffix("标准"))
        .unwrap_or(item);
    let item = item.trim_start_matches(['按', '由']);
    item.trim().to_string()
}

/// Months a time cell or field gives (3-12月, 7—8月, 2026年4月至5月,
/// 上半年): the text as written, when it is nothing but a period the site
/// reads (`content::period`), and no other words.
pub fn months(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(['。', '；']);
    let mut rest = t.to_string();
    for word in ["全年", "上半年", "下半年", "暑期", "暑假", "寒假"] {
        rest = rest.replace(word, "");
    }
    let only_a_period = t.chars().count() <= 20
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || "０１２３４５６７８９-—–－~～至到、年月 ".contains(c));
    (only_a_period && peixun_period::months(t) != 0).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whats(text: &str) -> Vec<What> {
        scan(text).into_iter().map(|f| f.what).collect()
    }

    #[test]
    fn days_hours_and_parts() {
        assert_eq!(
            whats("采用理论研修等方式开展为期30天的市内线下集中研修和60学时的网络研修。"),
            [
                What::OfflinePart {
                    place: "市内".into(),
                    days: 30
                },
                What::OfflineDays {
                    days: 30,
                    at_least: false
                },
                What::OnlineHours {
                    hours: 60,
                    at_least: false
                },
            ]
        );
        assert_eq!(
            whats("开展为期30天（市内20天+市外10天）的线下集中研修"),
            [
                What::OfflineDays {
                    days: 30,
                    at_least: false
                },
                What::OfflinePart {
                    place: "市内".into(),
                    days: 20
                },
                What::OfflinePart {
                    place: "市外".into(),
                    days: 10
                },
            ]
        );
        assert_eq!(
            whats("开展为期一年结对帮扶培训，集中培训不少于20天。"),
            [
                What::CycleYears(1),
                What::OfflineDays {
                    days: 20,
                    at_least: true
                }
            ]
        );
        assert_eq!(
            whats("每年集中研修、名校访学、进校诊断与专家指导不少于20天，工作坊研修不少于60学时"),
            [
                What::OfflineDays {
                    days: 20,
                    at_least: true
                },
                What::OnlineHours {
                    hours: 60,
                    at_least: true
                }
            ]
        );
        assert_eq!(
            whats("市内培训20天"),
            [What::OfflinePart {
                place: "市内".into(),
                days: 20
            }]
        );
        assert_eq!(whats("为期0天的集中培训"), []);
        assert_eq!(
            whats("开展3年周期性培养，每年集中培训15天，其中影子学习不少于7天，异步在线学习50学时"),
            [
                What::CycleYears(3),
                What::OfflineDays {
                    days: 15,
                    at_least: false
                },
                What::OnlineHours {
                    hours: 50,
                    at_least: false
                },
            ]
        );
        assert_eq!(whats("7-10天集中研修"), []);
        assert_eq!(whats("2024年新设，1年短期项目"), [What::CycleYears(1)]);
        assert_eq!(whats("“一对一”指导80学时"), []);
    }

    #[test]
    fn funding_written_the_ways_documents_write_it() {
        let funding = |amount: f64, unit: &str, item: &str, written: Option<&str>| What::Funding {
            amount,
            unit: unit.into(),
            item: item.into(),
            written: written.map(String::from),
        };
        assert_eq!(
            whats("集中培训400元/人·天"),
            [funding(400.0, "元/人/天", "集中培训", None)]
        );
        assert_eq!(
            whats("集中培训400元/人.天"),
            [funding(400.0, "元/人/天", "集中培训", None)]
        );
        assert_eq!(
            whats("送教下乡3万/区县/年"),
            [funding(
                3.0,
                "万元/区县/年",
                "送教下乡",
                Some("3万/区县/年")
            )]
        );
        assert_eq!(
            whats("送教下乡3万元/区县/年"),
            [funding(3.0, "万元/区县/年", "送教下乡", None)]
        );
        assert_eq!(whats("400元/人/天"), [funding(400.0, "元/人/天", "", None)]);
    }

    #[test]
    fn people_and_money() {
        assert_eq!(
            whats("普通高中各学科教师，计划培训教师600人"),
            [What::Trainees(600)]
        );
        assert_eq!(whats("每个基地学校接收跟岗学员20人"), []);
        assert_eq!(
            whats("集中培训400元/人/天"),
            [What::Funding {
                amount: 400.0,
                unit: "元/人/天".into(),
                item: "集中培训".into(),
                written: None
            }]
        );
        assert_eq!(
            whats("高校-优质县-帮扶县“一对一”精准帮扶培训80万/县/年"),
            [What::Funding {
                amount: 80.0,
                unit: "万元/县/年".into(),
                item: "高校-优质县-帮扶县“一对一”精准帮扶培训".into(),
                written: Some("80万/县/年".into())
            }]
        );
    }

    #[test]
    fn months_only_when_nothing_else() {
        assert_eq!(months("3-12月").as_deref(), Some("3-12月"));
        assert_eq!(months("7—8月").as_deref(), Some("7—8月"));
        assert_eq!(months("2026年4月至5月").as_deref(), Some("2026年4月至5月"));
        assert_eq!(months("上半年").as_deref(), Some("上半年"));
        assert_eq!(months("13月"), None);
        assert_eq!(months("每年7月"), None);
        assert_eq!(months("2026年"), None);
    }
}
