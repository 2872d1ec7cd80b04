//! Word's automatic numbering (`word/numbering.xml`): a heading whose “一、”
//! or “（一）” Word draws itself is not in the paragraph's text, so the
//! number is counted here and put back in front of it, as it prints.

use super::xml::attr;
use quick_xml::events::Event;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Level {
    pub format: String,
    /// “%1、”, “（%2）”: where each level's number goes.
    pub text: String,
    pub start: u32,
}

/// The lists of a document and their counters.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    levels: HashMap<(String, usize), Level>,
    /// numId → the current number at each level (0 = not started).
    counters: HashMap<String, [u32; 9]>,
}

/// 1 → 一, 11 → 十一, 25 → 二十五 (as Word's chineseCounting writes them).
pub fn han(n: u32) -> String {
    const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { D[(n % 10) as usize] }),
        20..=99 => format!(
            "{}十{}",
            D[(n / 10) as usize],
            if n.is_multiple_of(10) {
                ""
            } else {
                D[(n % 10) as usize]
            }
        ),
        _ => n.to_string(),
    }
}

fn formatted(format: &str, n: u32) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographDigital" => han(n),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let c = (b'a' + (n - 1) as u8) as char;
            if format == "upperLetter" {
                c.to_ascii_uppercase().to_string()
            } else {
                c.to_string()
            }
        }
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

impl Numbering {
    /// Lists read elsewhere (a .doc's PlfLst and PlfLfo): list instance →
    /// list, and each list's levels.
    pub fn from_lists(
        nums: HashMap<String, String>,
        levels: HashMap<(String, usize), Level>,
    ) -> Numbering {
        Numbering {
            nums,
            levels,
            counters: HashMap::new(),
        }
    }

    /// Reads `word/numbering.xml`; a part it cannot read numbers nothing.
    pub fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.local_name().as_ref() {
                        "lvl" => {
                            if let (Some(a), Some((i, l))) = (&abstract_id, level.take()) {
                                out.levels.insert((a.clone(), i), l);
                            }
                        }
                        "abstractNum" => abstract_id = None,
                        "num" => num_id = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                Ok(_) => continue,
            };
            let val = || attr(&e, "val");
            match e.local_name().as_ref() {
                "abstractNum" if !empty => abstract_id = attr(&e, "abstractNumId"),
                "lvl" if !empty => {
                    let i = attr(&e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    level = Some((
                        i,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                "start" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.start = val().and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                "numFmt" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.format = val().unwrap_or_default();
                    }
                }
                "lvlText" => {
                    if let Some((_, l)) = level.as_mut() {
                        l.text = val().unwrap_or_default();
                    }
                }
                "num" if !empty => num_id = attr(&e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&num_id, val()) {
                        out.nums.insert(n.clone(), a);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The number Word prints before the next paragraph of list `num_id`
    /// at `level`: its counter steps on and the deeper ones start again.
    pub fn next(&mut self, num_id: &str, level: usize) -> String {
        let level = level.min(8);
        let Some(abstract_id) = self.nums.get(num_id).cloned() else {
            return String::new();
        };
        let level_of = |i: usize| {
            self.levels
                .get(&(abstract_id.clone(), i))
                .cloned()
                .unwrap_or_default()
        };
        let this = level_of(level);
        let counters = self.counters.entry(num_id.to_string()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            this.start.max(1)
        } else {
            counters[level] + 1
        };
        for deeper in counters.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        let counters = *counters;
        let mut text = this.text.clone();
        for i in (0..=level).rev() {
            let n = counters[i].max(level_of(i).start.max(1));
            text = text.replace(&format!("%{}", i + 1), &formatted(&level_of(i).format, n));
        }
        if this.format == "bullet" {
            String::new()
        } else {
            text
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_numbered_as_word_prints_them() {
        let xml = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="7">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"#;
        let mut n = Numbering::parse(xml);
        let got: Vec<String> = [
            (0, 0),
            (1, 1),
            (2, 2),
            (3, 2),
            (4, 1),
            (5, 2),
            (6, 0),
            (7, 1),
        ]
        .iter()
        .map(|(_, l)| n.next("3", *l))
        .collect();
        assert_eq!(
            got,
            [
                "一、",
                "（一）",
                "1.",
                "2.",
                "（二）",
                "1.",
                "二、",
                "（一）"
            ]
        );
        assert_eq!(n.next("99", 0), "");
        assert_eq!(han(11), "十一");
        assert_eq!(han(20), "二十");
        assert_eq!(han(35), "三十五");
    }
}
