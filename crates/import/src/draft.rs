//! A draft file: the front matter peixun found, each figure with a comment
//! quoting where it came from, each guess marked 待核对 (to review), then the
//! document's own text.

use crate::document::Places;
use std::collections::HashSet;
use std::fmt::Write;

/// Where a value came from: the line (or paragraph) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub line: usize,
    pub quote: String,
}

/// A value, with where it came from, or why it is a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: T,
    pub from: Option<Evidence>,
    /// Set when the value is inferred, not stated: what it was inferred from.
    pub guess: Option<String>,
}

impl<T> Sourced<T> {
    pub fn stated(value: T, from: Evidence) -> Self {
        Sourced {
            value,
            from: Some(from),
            guess: None,
        }
    }
    /// A value the editor gave (an option): neither stated nor guessed.
    pub fn given(value: T) -> Self {
        Sourced {
            value,
            from: None,
            guess: None,
        }
    }
    pub fn guessed(value: T, why: impl Into<String>) -> Self {
        Sourced {
            value,
            from: None,
            guess: Some(why.into()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FundingLine {
    pub amount: f64,
    pub unit: String,
    pub item: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SubDraft {
    pub line: usize,
    /// The row's cells, for the comment that says where it came from.
    pub quote: String,
    pub name: String,
    pub eligibility: Option<String>,
    pub stages: Vec<String>,
    pub trainees: Option<u32>,
    pub offline_days: Option<u32>,
    pub period: Option<String>,
    pub format: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectDraft {
    pub slug: String,
    pub title: String,
    pub line: usize,
    pub number: String,
    pub section: Vec<String>,
    pub plan: Option<Sourced<String>>,
    pub level: Sourced<String>,
    pub category: Sourced<String>,
    pub work_item: bool,
    pub audience: Sourced<Vec<String>>,
    pub stages: Sourced<Vec<String>>,
    pub eligibility: Option<String>,
    /// The counties of the catalog's region its title or 培训对象 names.
    pub counties: Option<Sourced<Vec<String>>>,
    pub modes: Sourced<Vec<String>>,
    pub offline_days: Option<Sourced<(u32, bool)>>,
    pub offline_parts: Option<Sourced<Vec<(String, u32)>>>,
    pub online_hours: Option<Sourced<(u32, bool)>>,
    pub duration_text: Option<String>,
    pub cycle_years: Option<Sourced<u32>>,
    pub period: Option<Sourced<String>>,
    pub trainees: Option<Sourced<u32>>,
    pub funding: Vec<Sourced<FundingLine>>,
    pub applicants: Vec<String>,
    pub sub_projects: Vec<SubDraft>,
    /// Figures left out, and why: said in the file and in the summary.
    pub left_out: Vec<String>,
    pub body: String,
}

impl ProjectDraft {
    /// How many figures it states (days, hours, years, months, head counts, funding lines).
    pub fn figure_count(&self) -> usize {
        [
            self.offline_days.is_some(),
            self.online_hours.is_some(),
            self.cycle_years.is_some(),
            self.period.is_some(),
            self.trainees.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count()
            + self.funding.len()
    }

    /// The fields a person should look at: every guess.
    pub fn to_review(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let guessed = [
            (
                "plan",
                self.plan.as_ref().is_some_and(|p| p.guess.is_some()),
            ),
            ("level", self.level.guess.is_some()),
            ("category", self.category.guess.is_some()),
            ("audience", self.audience.guess.is_some()),
            ("stages", self.stages.guess.is_some()),
            ("modes", self.modes.guess.is_some()),
            (
                "counties",
                self.counties.as_ref().is_some_and(|c| c.guess.is_some()),
            ),
        ];
        for (name, g) in guessed {
            if g {
                out.push(name);
            }
        }
        out
    }
}

/// A TOML string, as the toml crate writes one.
pub fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list(values: &[String]) -> String {
    let items: Vec<String> = values.iter().map(|v| quoted(v)).collect();
    format!("[{}]", items.join(", "))
}

/// A comment line, kept to one line and a readable length.
fn comment(out: &mut String, text: &str) {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let short: String = if flat.chars().count() > 90 {
        flat.chars().take(88).chain("……".chars()).collect()
    } else {
        flat
    };
    let _ = writeln!(out, "# {short}");
}

/// Every draft starts unpublished: `check` lists it until an editor has
/// reviewed it and deleted the line.
fn draft_line(out: &mut String) {
    comment(out, "草稿：核对完所有内容后删去下面这一行，才会发布。");
    out.push_str("draft = true\n");
}

fn source_comment<T>(out: &mut String, v: &Sourced<T>, unit: Places) {
    match &v.from {
        Some(e) if e.line > 0 => comment(out, &format!("{}：“{}”", unit.at(e.line), e.quote)),
        Some(e) => comment(out, &format!("原文：“{}”", e.quote)),
        None => {}
    }
    if let Some(why) = &v.guess {
        comment(out, &format!("待核对：{why}"));
    }
}

/// Markdown text that reads as the words: no emphasis, links, HTML or lists.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim_start();
        if line.starts_with(['#', '-', '+', '=']) {
            out.push('\\');
        }
        // “1.” or “1)” at the start would make an ordered list.
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        for (i, c) in line.chars().enumerate() {
            let list_mark = digits > 0 && i == digits && matches!(c, '.' | ')');
            if list_mark
                || matches!(
                    c,
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
                )
            {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('\n');
    }
    out.trim_end().to_string()
}

pub fn render_project(d: &ProjectDraft, unit: Places, document: &str) -> String {
    let mut o = String::from("+++\n");
    comment(
        &mut o,
        &format!(
            "peixun import 据《{document}》{}起草。请核对“待核对”的值，核对后可删去注释。",
            unit.at(d.line)
        ),
    );
    draft_line(&mut o);
    let _ = writeln!(o, "title = {}", quoted(&d.title));
    let _ = writeln!(o, "number = {}", quoted(&d.number));
    let _ = writeln!(o, "section = {}", list(&d.section));
    if let Some(plan) = &d.plan {
        source_comment(&mut o, plan, unit);
        let _ = writeln!(o, "plan = {}", quoted(&plan.value));
    }
    source_comment(&mut o, &d.level, unit);
    let _ = writeln!(o, "level = {}", quoted(&d.level.value));
    source_comment(&mut o, &d.category, unit);
    let _ = writeln!(o, "category = {}", quoted(&d.category.value));
    if d.work_item {
        o.push_str("work_item = true\n");
    }
    source_comment(&mut o, &d.audience, unit);
    let _ = writeln!(o, "audience = {}", list(&d.audience.value));
    source_comment(&mut o, &d.stages, unit);
    let _ = writeln!(o, "stages = {}", list(&d.stages.value));
    if let Some(e) = &d.eligibility {
        let _ = writeln!(o, "eligibility = {}", quoted(e));
    }
    if let Some(c) = &d.counties {
        source_comment(&mut o, c, unit);
        let _ = writeln!(o, "counties = {}", list(&c.value));
    }
    source_comment(&mut o, &d.modes, unit);
    let _ = writeln!(o, "modes = {}", list(&d.modes.value));
    if let Some(v) = &d.offline_days {
        source_comment(&mut o, v, unit);
        let _ = writeln!(o, "offline_days = {}", v.value.0);
        if v.value.1 {
            o.push_str("offline_days_at_least = true\n");
        }
    }
    if let Some(v) = &d.offline_parts {
        source_comment(&mut o, v, unit);
        let parts: Vec<String> = v
            .value
            .iter()
            .map(|(place, days)| format!("{{ place = {}, days = {days} }}", quoted(place)))
            .collect();
        let _ = writeln!(o, "offline_parts = [{}]", parts.join(", "));
    }
    if let Some(v) = &d.online_hours {
        source_comment(&mut o, v, unit);
        let _ = writeln!(o, "online_hours = {}", v.value.0);
        if v.value.1 {
            o.push_str("online_hours_at_least = true\n");
        }
    }
    if let Some(t) = &d.duration_text {
        let _ = writeln!(o, "duration_text = {}", quoted(t));
    }
    if let Some(v) = &d.cycle_years {
        source_comment(&mut o, v, unit);
        let _ = writeln!(o, "cycle_years = {}", v.value);
    }
    if let Some(v) = &d.period {
        source_comment(&mut o, v, unit);
        let _ = writeln!(o, "period = {}", quoted(&v.value));
    }
    if let Some(v) = &d.trainees {
        source_comment(&mut o, v, unit);
        let _ = writeln!(o, "trainees = {}", v.value);
    }
    if !d.funding.is_empty() {
        o.push_str("funding = [\n");
        for f in &d.funding {
            let mut inner = String::new();
            source_comment(&mut inner, f, unit);
            let v = &f.value;
            if v.item.is_empty() {
                comment(
                    &mut inner,
                    "原文没有写这笔经费用于什么（item），核对后可补上",
                );
            }
            for line in inner.lines() {
                let _ = writeln!(o, "  {line}");
            }
            let note = v
                .note
                .as_ref()
                .map(|n| format!(", note = {}", quoted(n)))
                .unwrap_or_default();
            let item = if v.item.is_empty() {
                String::new()
            } else {
                format!(", item = {}", quoted(&v.item))
            };
            let _ = writeln!(
                o,
                "  {{ amount = {}, unit = {}{item}{note} }},",
                number(v.amount),
                quoted(&v.unit),
            );
        }
        o.push_str("]\n");
    }
    if !d.applicants.is_empty() {
        let _ = writeln!(o, "applicants = {}", list(&d.applicants));
    }
    if !d.sub_projects.is_empty() {
        o.push_str("sub_projects = [\n");
        for s in &d.sub_projects {
            let mut inner = String::new();
            comment(&mut inner, &format!("{}：{}", unit.at(s.line), s.quote));
            let _ = write!(o, "  {inner}");
            let mut fields = vec![format!("name = {}", quoted(&s.name))];
            if let Some(e) = &s.eligibility {
                fields.push(format!("eligibility = {}", quoted(e)));
            }
            if !s.stages.is_empty() {
                fields.push(format!("stages = {}", list(&s.stages)));
            }
            if let Some(p) = &s.period {
                fields.push(format!("period = {}", quoted(p)));
            }
            if let Some(f) = &s.format {
                fields.push(format!("format = {}", quoted(f)));
            }
            if let Some(n) = s.offline_days {
                fields.push(format!("offline_days = {n}"));
            }
            if let Some(n) = s.trainees {
                fields.push(format!("trainees = {n}"));
            }
            let _ = writeln!(o, "  {{ {} }},", fields.join(", "));
        }
        o.push_str("]\n");
    }
    for why in &d.left_out {
        comment(&mut o, &format!("未填：{why}"));
    }
    o.push_str("+++\n\n");
    o.push_str(d.body.trim());
    o.push('\n');
    o
}

fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogDraft {
    pub title: String,
    pub issuer: Option<String>,
    pub region: Sourced<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub year: Option<Sourced<u16>>,
    pub kind: Sourced<String>,
    pub source: String,
    pub body: String,
}

pub fn render_catalog(c: &CatalogDraft, unit: Places) -> String {
    let mut o = String::from("+++\n");
    comment(
        &mut o,
        "peixun import 起草。请核对“待核对”的值，核对后可删去注释。",
    );
    draft_line(&mut o);
    let _ = writeln!(o, "title = {}", quoted(&c.title));
    if let Some(i) = &c.issuer {
        let _ = writeln!(o, "issuer = {}", quoted(i));
    }
    source_comment(&mut o, &c.region, unit);
    let _ = writeln!(o, "region = {}", quoted(&c.region.value));
    if let Some(city) = &c.city {
        let _ = writeln!(o, "city = {}", quoted(city));
    }
    if let Some(d) = &c.district {
        let _ = writeln!(o, "district = {}", quoted(d));
    }
    if let Some(y) = &c.year {
        source_comment(&mut o, y, unit);
        let _ = writeln!(o, "year = {}", y.value);
    }
    source_comment(&mut o, &c.kind, unit);
    let _ = writeln!(o, "kind = {}", quoted(&c.kind.value));
    let _ = writeln!(o, "source = {}", quoted(&c.source));
    o.push_str("+++\n\n");
    o.push_str(c.body.trim());
    o.push('\n');
    o
}

/// A slug from a title's pinyin: whole syllables joined by '-', at most 56
/// characters of them, then the plan's year (next year's edition of the
/// same project is another page, not `-2`), unique among `taken` (a number
/// added when it must).
///
/// The place the whole catalog shares (`places`: 重庆市, 新疆, 黔江区) and a
/// closing 项目 say nothing the URL needs, and are left out of it.
pub fn slug_for(
    title: &str,
    places: &[String],
    year: Option<u16>,
    taken: &HashSet<String>,
) -> String {
    use pinyin::ToPinyin;
    let mut short = title.trim();
    for place in places.iter().filter(|p| !p.is_empty()) {
        short = short.strip_prefix(place.as_str()).unwrap_or(short);
    }
    short = short.strip_suffix("项目").unwrap_or(short);
    // The year ends the slug; a title that starts with it says it once.
    if let Some(y) = year {
        let digits = y.to_string();
        if let Some(rest) = short.strip_prefix(digits.as_str()) {
            short = rest.strip_prefix('年').unwrap_or(rest);
        }
    }
    let title = if short.chars().count() >= 2 {
        short
    } else {
        title
    };
    // The readings the crate gets wrong in these documents' words.
    const PHRASES: &[(&str, &str)] = &[
        ("重庆", "chong-qing"),
        ("校长", "xiao-zhang"),
        ("园长", "yuan-zhang"),
        ("组长", "zu-zhang"),
        ("行政", "xing-zheng"),
        ("银行", "yin-hang"),
        // Places whose reading is not the characters' most common one.
        ("成都", "cheng-du"),
        ("长沙", "chang-sha"),
        ("长春", "chang-chun"),
        ("厦门", "xia-men"),
        ("六安", "lu-an"),
        ("蚌埠", "beng-bu"),
        ("乐山", "le-shan"),
        ("长治", "chang-zhi"),
        ("朝阳", "chao-yang"),
    ];
    let chars: Vec<char> = title.chars().collect();
    let mut parts: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut i = 0;
    while i < chars.len() {
        if let Some((p, py)) = PHRASES.iter().find(|(p, _)| {
            let n = p.chars().count();
            chars.len() >= i + n && chars[i..i + n].iter().copied().eq(p.chars())
        }) {
            if !word.is_empty() {
                parts.push(std::mem::take(&mut word));
            }
            parts.extend(py.split('-').map(str::to_string));
            i += p.chars().count();
            continue;
        }
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else {
            if !word.is_empty() {
                parts.push(std::mem::take(&mut word));
            }
            if let Some(p) = c.to_pinyin() {
                parts.push(p.plain().to_string());
            }
        }
        i += 1;
    }
    if !word.is_empty() {
        parts.push(word);
    }
    let mut base = String::new();
    for p in parts {
        if !base.is_empty() && base.len() + 1 + p.len() > 56 {
            break;
        }
        if !base.is_empty() {
            base.push('-');
        }
        base.push_str(&p);
    }
    if base.is_empty() {
        base.push_str("project");
    }
    if let Some(year) = year {
        base = format!("{base}-{year}");
    }
    if !taken.contains(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or(base)
}

/// The catalog's text with what no draft took at its end.
pub fn with_appendix(body: &str, appendix: &[String]) -> String {
    if appendix.is_empty() {
        body.to_string()
    } else {
        format!("{}\n\n{}", body.trim(), appendix.join("\n\n"))
    }
}

/// The **drafts** step: the files' text, and what the editor should hear.
pub fn files(
    doc: &crate::document::Document,
    catalog: CatalogDraft,
    drafts: Vec<ProjectDraft>,
    kept: Vec<String>,
) -> crate::Drafts {
    let unit = doc.places();
    let document = catalog.title.clone();
    let mut files = vec![(
        crate::CATALOG_FILE.to_string(),
        render_catalog(&catalog, unit),
    )];
    for d in &drafts {
        files.push((format!("{}.md", d.slug), render_project(d, unit, &document)));
    }
    let mut guessed: Vec<&'static str> = Vec::new();
    for d in &drafts {
        for field in d.to_review() {
            if !guessed.contains(&field) {
                guessed.push(field);
            }
        }
    }
    let left_out = drafts
        .iter()
        .filter(|d| !d.left_out.is_empty())
        .map(|d| format!("{}.md: {}", d.slug, d.left_out.join("; ")))
        .collect();
    // The place, when found rather than given, for the editor to confirm.
    let place = catalog.region.guess.as_ref().map(|why| {
        let named: Vec<&str> = [
            Some(catalog.region.value.as_str()),
            catalog.city.as_deref(),
            catalog.district.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (named.join(" "), why.clone())
    });
    crate::Drafts {
        slugs: drafts.iter().map(|d| d.slug.clone()).collect(),
        entries: drafts.len(),
        work_items: drafts.iter().filter(|d| d.work_item).count(),
        figures: drafts.iter().map(|d| d.figure_count()).sum(),
        guessed,
        left_out,
        kept,
        place,
        title: document,
        places: [
            Some(catalog.region.value.clone()),
            catalog.city.clone(),
            catalog.district.clone(),
        ]
        .into_iter()
        .flatten()
        .filter(|p| p != "全国")
        .collect(),
        year: catalog.year.as_ref().map(|y| y.value),
        files,
    }
}

/// A catalog's folder name when none is given: its place's short name in
/// pinyin and its year (qianjiang-2022, chengdu-2026), or for a national
/// document its title's syllables; unique among `taken`.
pub fn catalog_slug(d: &crate::Drafts, taken: &HashSet<String>) -> String {
    let place = d
        .places
        .last()
        .map(|p| peixun_places::short_name(p).unwrap_or_else(|| p.clone()));
    let spelled = place.map(|p| {
        // The place's syllables, read as slugs read them, run together.
        let phrase = slug_for(&p, &[], None, &HashSet::new()).replace('-', "");
        match d.year {
            Some(y) => format!("{phrase}-{y}"),
            None => phrase,
        }
    });
    match spelled.filter(|s| !s.is_empty() && !s.starts_with('-')) {
        Some(base) if !taken.contains(&base) => base,
        Some(base) => (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|s| !taken.contains(s))
            .unwrap_or(base),
        None => slug_for(&d.title, &[], d.year, taken),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_read_as_pinyin_and_stay_unique() {
        let mut taken = HashSet::new();
        assert_eq!(
            slug_for("重庆市骨干校长培训", &[], None, &taken),
            "chong-qing-shi-gu-gan-xiao-zhang-pei-xun"
        );
        taken.insert("ai-jiao-yu".to_string());
        assert_eq!(slug_for("AI教育", &[], None, &taken), "ai-jiao-yu-2");
        assert_eq!(slug_for("“”", &[], None, &taken), "project");
        let places = ["重庆市".to_string(), "重庆".to_string()];
        assert_eq!(
            slug_for(
                "重庆市骨干教师培养对象培训项目",
                &places,
                Some(2026),
                &taken
            ),
            "gu-gan-jiao-shi-pei-yang-dui-xiang-pei-xun-2026"
        );
        assert_eq!(
            slug_for("重庆市项目", &places, None, &taken),
            "chong-qing-shi-xiang-mu"
        );
        // Whole syllables, then the year: never a syllable cut in two.
        let long = slug_for(
            "基于教师数字素养提升和数字化赋能教学质量提升的示范校培育试点项目",
            &[],
            Some(2024),
            &taken,
        );
        assert_eq!(
            long,
            "ji-yu-jiao-shi-shu-zi-su-yang-ti-sheng-he-shu-zi-hua-fu-2024"
        );
    }

    #[test]
    fn markdown_is_kept_as_words() {
        assert_eq!(escape_markdown("1.注重*政治*"), "1\\.注重\\*政治\\*");
        assert_eq!(escape_markdown("<b>A&B</b>"), "\\<b\\>A\\&B\\</b\\>");
    }

    #[test]
    fn strings_read_back_as_written() {
        for s in ["“国培计划”", "a\"b\\c", "两行\n文字", "'单引号'", "\t\u{7}"] {
            let doc = format!("v = {}", quoted(s));
            let back: toml::Table = doc.parse().unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(back["v"].as_str(), Some(s), "{doc}");
        }
    }
}
