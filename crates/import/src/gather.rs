//! One entry's figures from all its sentences: one value per kind only when
//! every sentence that states it agrees, the entry's own text before its
//! table rows; what disagrees is left out, and said.

use super::draft::{Evidence, FundingLine, Sourced};
use super::figures::{self, What};
use super::table::{Grid, Role};

/// Every figure an entry's sentences and rows state, each with where it
/// was seen; resolved to one value per kind only when every sighting
/// agrees.
pub struct Sightings<'a> {
    all: Vec<(What, Evidence)>,
    /// How a position is said, for what the file says.
    unit: crate::document::Places<'a>,
}

impl<'a> Sightings<'a> {
    pub fn new(unit: crate::document::Places<'a>) -> Self {
        Sightings {
            all: Vec::new(),
            unit,
        }
    }

    pub fn scan(&mut self, text: &str, line: usize) {
        for f in figures::scan(text) {
            self.all.push((
                f.what,
                Evidence {
                    line,
                    quote: f.quote,
                },
            ));
        }
    }

    /// A field that is only a head count (培训人数：200人): its number.
    pub fn head_count(&mut self, label: &str, text: &str, line: usize) {
        match figures::head_count(text) {
            Some(n) => self.all.push((
                What::Trainees(n),
                Evidence {
                    line,
                    quote: format!("{label}：{}", text.trim().trim_end_matches(['。', '；'])),
                },
            )),
            None => self.scan(text, line),
        }
    }

    /// The figures of a table row: its time, funding and head-count cells.
    pub fn scan_row(&mut self, grid: &Grid, row: usize) {
        let (line, cells) = &grid.rows[row];
        for role in [Role::Time, Role::Funding, Role::Trainees] {
            for c in grid.columns(role) {
                self.scan_cell(&grid.header[c], &cells[c], *line);
            }
        }
    }

    /// A table cell's figures: scanned as a sentence, with the column heading
    /// in front so “人数 600” reads as a head count.
    pub fn scan_cell(&mut self, header: &str, cell: &str, line: usize) {
        if cell.trim().is_empty() {
            return;
        }
        if header.contains("人数") {
            return; // read as the column, not as a sentence
        }
        // A bare number under a heading that names its unit (集中培训（天）
        // 10, 网络研修（学时） 30): the heading's words say what it is.
        if let Some((words, unit)) = unit_of(header).filter(|_| is_bare_number(cell)) {
            self.scan(&format!("{words}{}{unit}", cell.trim()), line);
            return;
        }
        for part in cell.split('\n') {
            self.scan(part, line);
        }
    }

    fn one<T: PartialEq + Clone>(
        &self,
        name: &str,
        pick: impl Fn(&What) -> Option<T>,
        show: impl Fn(&T) -> String,
        left_out: &mut Vec<String>,
    ) -> Option<Sourced<T>> {
        let hits: Vec<(T, &Evidence)> = self
            .all
            .iter()
            .filter_map(|(w, e)| pick(w).map(|v| (v, e)))
            .collect();
        let (first, from) = hits.first()?;
        if hits.iter().all(|(v, _)| v == first) {
            return Some(Sourced::stated(first.clone(), (*from).clone()));
        }
        let mut values: Vec<String> = Vec::new();
        let mut lines: Vec<usize> = Vec::new();
        for (v, e) in &hits {
            let v = show(v);
            if !values.contains(&v) {
                values.push(v);
            }
            if !lines.contains(&e.line) {
                lines.push(e.line);
            }
        }
        left_out.push(format!(
            "{name}不止一个：{}说{}",
            self.unit.each(&lines),
            values.join("、")
        ));
        None
    }
}

pub struct Figures {
    pub offline_days: Option<Sourced<(u32, bool)>>,
    pub offline_parts: Option<Sourced<Vec<(String, u32)>>>,
    pub online_hours: Option<Sourced<(u32, bool)>>,
    pub cycle_years: Option<Sourced<u32>>,
    pub trainees: Option<Sourced<u32>>,
    pub funding: Vec<Sourced<FundingLine>>,
}

/// One value per kind from `primary` (the entry's own text), falling back
/// on `secondary` (table rows) for kinds the text does not state.
pub fn resolve(primary: &Sightings, secondary: &Sightings, left_out: &mut Vec<String>) -> Figures {
    fn pick<T: PartialEq + Clone>(
        p: &Sightings,
        s: &Sightings,
        name: &str,
        f: impl Fn(&What) -> Option<T> + Copy,
        show: impl Fn(&T) -> String + Copy,
        left_out: &mut Vec<String>,
    ) -> Option<Sourced<T>> {
        let in_text = p.all.iter().any(|(w, _)| f(w).is_some());
        if in_text {
            p.one(name, f, show, left_out)
        } else {
            s.one(name, f, show, left_out)
        }
    }
    let days = |w: &What| match w {
        What::OfflineDays { days, at_least } => Some((*days, *at_least)),
        _ => None,
    };
    let show_days = |v: &(u32, bool)| format!("{}天", v.0);
    let mut offline_days = pick(primary, secondary, "线下天数", days, show_days, left_out);
    let in_primary = |w: &What| days(w).is_some() || matches!(w, What::OfflinePart { .. });
    let parts_from = if primary.all.iter().any(|(w, _)| in_primary(w)) {
        primary
    } else {
        secondary
    };
    let mut parts: Vec<(String, u32)> = Vec::new();
    let mut parts_evidence = None;
    for (w, e) in &parts_from.all {
        if let What::OfflinePart { place, days } = w {
            if !parts.iter().any(|(p, _)| p == place) {
                parts.push((place.clone(), *days));
                parts_evidence.get_or_insert_with(|| e.clone());
            }
        }
    }
    // “市内培训20天” alone: the days are the parts'.
    if offline_days.is_none()
        && !parts.is_empty()
        && !primary.all.iter().any(|(w, _)| days(w).is_some())
    {
        if let Some(e) = &parts_evidence {
            let total = parts.iter().map(|p| p.1).sum();
            offline_days = Some(Sourced::stated((total, false), e.clone()));
        }
    }
    let offline_parts = match (&offline_days, parts_evidence) {
        (Some(total), Some(e)) if parts.iter().map(|p| p.1).sum::<u32>() == total.value.0 => {
            Some(Sourced::stated(parts, e))
        }
        (_, Some(_)) => {
            left_out.push("线下天数的组成与总天数对不上".into());
            None
        }
        _ => None,
    };
    let online_hours = pick(
        primary,
        secondary,
        "网络研修学时",
        |w| match w {
            What::OnlineHours { hours, at_least } => Some((*hours, *at_least)),
            _ => None,
        },
        |v| format!("{}学时", v.0),
        left_out,
    );
    let cycle_years = pick(
        primary,
        secondary,
        "周期",
        |w| match w {
            What::CycleYears(n) => Some(*n),
            _ => None,
        },
        |v| format!("{v}年"),
        left_out,
    );
    let trainees = pick(
        primary,
        secondary,
        "培训人数",
        |w| match w {
            What::Trainees(n) => Some(*n),
            _ => None,
        },
        |v| format!("{v}人"),
        left_out,
    );
    let mut funding: Vec<Sourced<FundingLine>> = Vec::new();
    for (w, e) in primary.all.iter().chain(&secondary.all) {
        if let What::Funding {
            amount,
            unit,
            item,
            written,
        } = w
        {
            let line = FundingLine {
                amount: *amount,
                unit: unit.clone(),
                item: item.clone(),
                note: written.as_ref().map(|w| format!("原文“{w}”")),
            };
            if !funding.iter().any(|f| f.value == line) {
                funding.push(Sourced::stated(line, e.clone()));
            }
        }
    }
    Figures {
        offline_days,
        offline_parts,
        online_hours,
        cycle_years,
        trainees,
        funding,
    }
}

/// A heading's words and the unit in its brackets: 集中培训（天） →
/// (集中培训, 天); 经费标准（元/人/天） → (经费标准, 元/人/天).
fn unit_of(header: &str) -> Option<(&str, &str)> {
    let (words, rest) = header.split_once(['（', '('])?;
    let unit = rest.strip_suffix(['）', ')'])?;
    (!unit.is_empty() && !words.is_empty()).then_some((words, unit))
}

fn is_bare_number(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.chars().next().is_some_and(|c| c.is_ascii_digit())
}
