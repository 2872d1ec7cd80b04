//! Controlled values from the document's words: audience, stages and modes
//! in site.toml's spellings (its synonym groups included), and the category
//! that fits a project best. All of these are guesses, and the drafts say so.

use crate::{Category, Vocabulary as Config};
use std::collections::{HashMap, HashSet};

/// Words that name several values at once, as official documents write them.
const COMBINED: &[(&str, &[&str])] = &[
    ("校园长", &["校长", "园长"]),
    ("中小学幼儿园", &["幼儿园", "小学", "初中", "高中"]),
    ("中小学", &["小学", "初中", "高中"]),
    ("义务教育", &["小学", "初中"]),
    ("普通高中", &["高中"]),
    ("中学", &["初中", "高中"]),
    ("学前", &["幼儿园"]),
    ("特教", &["特殊教育"]),
    ("教研员", &["研训员"]),
    ("书记", &["党组织书记"]),
    ("老师", &["教师"]),
    ("管理人员", &["管理干部"]),
    ("管理者", &["管理干部"]),
    ("中层干部", &["管理干部"]),
    ("班子成员", &["管理干部"]),
    ("办公室主任", &["管理干部"]),
    ("教导主任", &["管理干部"]),
    ("教务主任", &["管理干部"]),
    ("德育主任", &["管理干部"]),
    ("副校长", &["校长"]),
    ("新入职", &["新任教师"]),
    ("新教师", &["新任教师"]),
    ("培训团队", &["培训者"]),
];

/// The values of `allowed` that `text` names, in `allowed`'s order: each
/// value itself, a word of its synonym group, or a combined word.
pub fn named(text: &str, allowed: &[String], config: &Config) -> Vec<String> {
    let mut found: HashSet<&str> = HashSet::new();
    for value in allowed {
        let group = config
            .synonyms
            .iter()
            .find(|g| g.iter().any(|w| w == value));
        let words = group.map_or_else(
            || vec![value.as_str()],
            |g| g.iter().map(String::as_str).collect(),
        );
        if words.iter().any(|w| text.contains(w)) {
            found.insert(value);
        }
    }
    for (word, values) in COMBINED {
        if text.contains(word) {
            found.extend(
                values
                    .iter()
                    .copied()
                    .filter(|v| allowed.iter().any(|a| a == v)),
            );
        }
    }
    allowed
        .iter()
        .filter(|v| found.contains(v.as_str()))
        .cloned()
        .collect()
}

fn bigrams(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_ascii_punctuation()).collect();
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// A role word written for two (校园长) as both, so it meets either category.
fn expanded(text: &str) -> String {
    text.replace("校园长", "校长园长")
}

/// Pairs that name a stage or say “training”: in nearly every title, they
/// tell no category from another.
const PLAIN: &[&str] = &[
    "培训", "研修", "项目", "提升", "能力", "中小", "小学", "初中", "高中", "幼儿", "儿园", "学校",
];

/// The category whose label (most) and description share the most rare
/// pairs of characters with the title and eligibility. A work item
/// (专项工作) goes to a category of work items, a project to one of
/// projects, when site.toml has both.
pub fn category<'a>(
    title: &str,
    eligibility: &str,
    work_item: bool,
    categories: &'a [Category],
) -> Option<&'a Category> {
    let is_work = |c: &Category| c.label.contains("专项工作");
    let fitting: Vec<&Category> = categories
        .iter()
        .filter(|c| is_work(c) == work_item)
        .collect();
    let categories: Vec<&Category> = if fitting.is_empty() {
        categories.iter().collect()
    } else {
        fitting
    };
    let set = |text: &str| -> HashSet<String> {
        bigrams(&expanded(text))
            .into_iter()
            .filter(|b| !PLAIN.contains(&b.as_str()))
            .collect()
    };
    let labels: Vec<HashSet<String>> = categories.iter().map(|c| set(&c.label)).collect();
    let descriptions: Vec<HashSet<String>> = categories
        .iter()
        .map(|c| {
            set(&format!(
                "{} {}",
                c.description,
                c.group.as_deref().unwrap_or_default()
            ))
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for (l, d) in labels.iter().zip(&descriptions) {
        for b in l.union(d) {
            *df.entry(b.as_str()).or_default() += 1;
        }
    }
    let n = categories.len().max(1) as f64;
    let idf = |b: &str| (1.0 + n / (1.0 + *df.get(b).unwrap_or(&0) as f64)).ln();
    let title_pairs = set(title);
    let other_pairs = set(eligibility);
    let score = |i: usize| -> f64 {
        let in_label: f64 = title_pairs
            .intersection(&labels[i])
            .map(|b| 4.0 * idf(b))
            .sum();
        let in_text: f64 = title_pairs
            .iter()
            .map(|b| (b, 2.0))
            .chain(other_pairs.difference(&title_pairs).map(|b| (b, 1.0)))
            .filter(|(b, _)| descriptions[i].contains(*b) || labels[i].contains(*b))
            .map(|(b, w)| w * idf(b))
            .sum();
        in_label + in_text
    };
    let mut best: Option<(usize, f64)> = None;
    for i in 0..categories.len() {
        let s = score(i);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best.map(|(i, _)| categories[i])
}
