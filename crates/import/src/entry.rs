//! One entry's draft: its figures from its own sentences (and from the
//! planning-table rows that name it), its controlled values guessed from its
//! words, its sub-projects from those rows, and its text as the body.

use super::draft::{
    escape_markdown, slug_for, CatalogDraft, Evidence, ProjectDraft, Sourced, SubDraft,
};
use super::figures;
use super::gather::{resolve, Figures, Sightings};
use super::lines::{one_line, Label};
use super::meta::plan_in;
use super::outline::Entry;
use super::rows::{common_value, group_trainees, rows_period, rows_text, sub_projects, Attached};
use super::table::{self, Grid, Role, RowGroup};
use super::vocab;
use crate::Vocabulary as Config;
use std::collections::HashSet;

/// Where a draft's entry stands in the document.
struct Head<'a> {
    title: &'a str,
    line: usize,
    number: &'a str,
    section: &'a [String],
    work_item: bool,
}

/// The values a draft infers from the words, each marked for review.
struct Guesses {
    category: Sourced<String>,
    audience: Sourced<Vec<String>>,
    stages: Sourced<Vec<String>>,
    modes: Sourced<Vec<String>>,
}

pub struct Context<'a> {
    pub config: &'a Config,
    /// How a position is said: 第12行, 第12段, 项目一览表 第5行.
    pub unit: crate::document::Places<'a>,
    pub level: Option<String>,
    pub catalog: &'a CatalogDraft,
    /// The catalog's region and district, left out of slugs.
    pub places: Vec<String>,
    pub title_plan: Option<String>,
}

/// “主要面向高等院校、…申报”: who may apply, when the sentence says it so plainly.
fn applicants(text: &str) -> Vec<String> {
    let Some((_, after)) = text.split_once("面向") else {
        return Vec::new();
    };
    let Some((list, _)) = after.split_once("申报") else {
        return Vec::new();
    };
    if list.contains(['，', '。', '；']) {
        return Vec::new();
    }
    list.split('、')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Context<'_> {
    fn level_for(&self, plan: Option<&str>) -> Sourced<String> {
        let levels = &self.config.levels;
        if let Some(l) = &self.level {
            return Sourced::given(l.clone());
        }
        let district = self.catalog.district.is_some();
        let (level, why) = match plan {
            Some("国培计划") => ("国家级", "按“国培计划”推定".to_string()),
            Some("省培计划") => ("省级", "按“省培计划”推定".to_string()),
            Some("市培计划") => ("市级", "按“市培计划”推定".to_string()),
            Some("县培计划") => ("区县级", "按“县培计划”推定".to_string()),
            Some("区培计划") if !district => ("省级", "按自治区的“区培计划”推定".to_string()),
            _ if district => ("区县级", "按区县的文件推定".to_string()),
            _ if self.catalog.city.is_some() => ("市级", "按市的文件推定".to_string()),
            _ if self.catalog.region.value == "全国" => {
                ("国家级", "按国家层面的文件推定".to_string())
            }
            _ => ("省级", "原文未写级别，按省级文件推定".to_string()),
        };
        let value = levels
            .iter()
            .find(|l| *l == level)
            .or(levels.first())
            .cloned()
            .unwrap_or_default();
        Sourced::guessed(value, why)
    }

    fn plan_for(&self, section: &[String], title: &str) -> Option<Sourced<String>> {
        section
            .iter()
            .rev()
            .find_map(|h| plan_in(h).map(|p| (p, format!("按上级标题“{h}”"))))
            .or_else(|| plan_in(title).map(|p| (p, "按项目名称".to_string())))
            .or_else(|| {
                self.title_plan
                    .clone()
                    .map(|p| (p, format!("按文件标题“{}”", self.catalog.title)))
            })
            .map(|(p, why)| Sourced::guessed(p, why))
    }

    fn guesses(
        &self,
        work_item: bool,
        title: &str,
        eligibility: &str,
        mode_text: &str,
        stage_text: &str,
    ) -> Guesses {
        let v = &self.config;
        let cat = vocab::category(title, eligibility, work_item, &self.config.categories);
        let category = Sourced::guessed(
            cat.map(|c| c.key.clone()).unwrap_or_default(),
            format!(
                "按名称与对象推断的类别（{}）",
                cat.map(|c| c.label.as_str()).unwrap_or_default()
            ),
        );
        let who = if eligibility.is_empty() {
            title
        } else {
            eligibility
        };
        let audience = vocab::named(who, &v.audience, self.config);
        let audience = Sourced::guessed(audience, "按培训对象的措辞推断");
        let stages = vocab::named(stage_text, &v.stages, self.config);
        let stages = Sourced::guessed(stages, "按名称与对象的措辞推断");
        let modes = vocab::named(mode_text, &v.modes, self.config);
        let modes = Sourced::guessed(modes, "按培训方式的措辞推断");
        Guesses {
            category,
            audience,
            stages,
            modes,
        }
    }

    /// The figures an entry's own words state: its note, fields and text.
    fn own_figures(&self, e: &Entry) -> Sightings<'_> {
        let mut own = Sightings::new(self.unit);
        if let Some(note) = &e.note {
            own.scan(note, e.line);
        }
        for f in &e.fields {
            if f.kind == Label::Trainees {
                own.head_count(&f.label, &f.text, f.line);
            } else {
                own.scan(&f.text, f.line);
            }
        }
        for (line, text) in &e.text {
            own.scan(text, *line);
        }
        own
    }

    /// What the planning-table rows naming an entry add to it.
    fn what_rows_add(&self, attached: &[Attached], grids: &[Grid]) -> RowsAdd<'_> {
        let mut rows = RowsAdd {
            sightings: Sightings::new(self.unit),
            subs: Vec::new(),
            text: String::new(),
            words: String::new(),
        };
        for a in attached {
            let grid = &grids[a.grid];
            for r in &a.rows {
                rows.sightings.scan_row(grid, *r);
                for c in grid.columns(Role::Format) {
                    rows.words.push_str(&grid.rows[*r].1[c]);
                    rows.words.push(' ');
                }
            }
            let name_col = (a.rows.len() > 1)
                .then(|| table::first_differing(grid, &a.rows, a.column + 1))
                .flatten();
            if let Some(nc) = name_col {
                rows.subs
                    .extend(sub_projects(self.config, grid, &a.rows, nc));
            }
            rows.text
                .push_str(&rows_text(grid, &a.rows, name_col.unwrap_or(a.column)));
        }
        rows
    }

    /// The draft of an entry of the text, with the table rows that name it.
    pub fn text_entry(
        &self,
        e: &Entry,
        attached: &[Attached],
        grids: &[Grid],
        taken: &mut HashSet<String>,
    ) -> ProjectDraft {
        let mut left_out = Vec::new();
        let rows = self.what_rows_add(attached, grids);
        let mut figs = resolve(&self.own_figures(e), &rows.sightings, &mut left_out);
        let field = |kind: Label| e.fields.iter().find(|f| f.kind == kind);
        let eligibility = field(Label::Eligibility).map(|f| f.text.clone());
        let elig = eligibility.clone().unwrap_or_default();
        let sub_names: Vec<&str> = rows.subs.iter().map(|s| s.name.as_str()).collect();
        let stage_text = format!("{} {elig} {}", e.title, sub_names.join(" "));
        // An entry of the text is a project; work items come from tables.
        let g = self.guesses(
            false,
            &e.title,
            &elig,
            &mode_text(e, &rows.words),
            &stage_text,
        );
        let duration_text = e
            .fields
            .iter()
            .find(|f| matches!(f.label.as_str(), "培训时间" | "培训时长" | "培训周期"))
            .map(|f| f.text.clone());
        // What the text does not state, the rows that name the entry may.
        let one_grid = match attached {
            [a] => Some((&grids[a.grid], a.rows.as_slice())),
            _ => None,
        };
        let period =
            fields_period(e).or_else(|| one_grid.and_then(|(g, rows)| rows_period(g, rows)));
        if figs.trainees.is_none() {
            figs.trainees = one_grid.and_then(|(g, rows)| group_trainees(g, rows));
        }
        let head = Head {
            title: &e.title,
            line: e.line,
            number: &e.number,
            section: &e.section,
            work_item: false,
        };
        ProjectDraft {
            eligibility,
            duration_text,
            period,
            applicants: field(Label::Applicants)
                .map(|f| applicants(&f.text))
                .unwrap_or_default(),
            body: entry_body(e, &rows.text),
            sub_projects: rows.subs,
            left_out,
            ..self.assemble(head, g, figs, taken)
        }
    }

    /// The draft of a project the table alone lists.
    pub fn table_entry(
        &self,
        group: &RowGroup,
        grid: &Grid,
        taken: &mut HashSet<String>,
    ) -> ProjectDraft {
        let mut left_out = Vec::new();
        let mut sightings = Sightings::new(self.unit);
        for r in &group.rows {
            sightings.scan_row(grid, *r);
        }
        let figs = resolve(&sightings, &Sightings::new(self.unit), &mut left_out);
        let eligibility = common_value(grid, &group.rows, Role::Audience).map(|(e, _)| e);
        let period = rows_period(grid, &group.rows);
        let format_words: Vec<String> = group
            .rows
            .iter()
            .flat_map(|r| {
                grid.columns(Role::Format)
                    .into_iter()
                    .map(move |c| grid.rows[*r].1[c].clone())
            })
            .collect();
        let subs = group
            .sub_name
            .map(|c| sub_projects(self.config, grid, &group.rows, c))
            .unwrap_or_default();
        let elig = eligibility.clone().unwrap_or_default();
        let sub_names: Vec<&str> = subs.iter().map(|s| s.name.as_str()).collect();
        let stage_text = format!("{} {elig} {}", group.title, sub_names.join(" "));
        let g = self.guesses(
            group.work_item,
            &group.title,
            &elig,
            &format_words.join(" "),
            &stage_text,
        );
        let name_col = group.sub_name.or(grid.column(Role::Name)).unwrap_or(0);
        let trainees = figs
            .trainees
            .clone()
            .or_else(|| group_trainees(grid, &group.rows));
        let head = Head {
            title: &group.title,
            line: grid.rows[group.rows[0]].0,
            number: &group.number,
            section: &group.section,
            work_item: group.work_item,
        };
        ProjectDraft {
            eligibility,
            period,
            trainees,
            sub_projects: subs,
            left_out,
            body: rows_text(grid, &group.rows, name_col),
            ..self.assemble(head, g, figs, taken)
        }
    }

    /// What every draft has: its place in the document, the guesses, the
    /// figures, the plan and level they imply, and a slug of its own.
    fn assemble(
        &self,
        head: Head,
        g: Guesses,
        figs: Figures,
        taken: &mut HashSet<String>,
    ) -> ProjectDraft {
        let plan = self.plan_for(head.section, head.title);
        let level = self.level_for(plan.as_ref().map(|p| p.value.as_str()));
        let year = self.catalog.year.as_ref().map(|y| y.value);
        let slug = slug_for(head.title, &self.places, year, taken);
        taken.insert(slug.clone());
        ProjectDraft {
            slug,
            // A table cell's name may be wrapped over lines; a field is one.
            title: one_line(head.title),
            line: head.line,
            number: one_line(head.number),
            section: head.section.iter().map(|s| one_line(s)).collect(),
            plan,
            level,
            category: g.category,
            work_item: head.work_item,
            audience: g.audience,
            stages: g.stages,
            eligibility: None,
            counties: None,
            modes: g.modes,
            offline_days: figs.offline_days,
            offline_parts: figs.offline_parts,
            online_hours: figs.online_hours,
            duration_text: None,
            cycle_years: figs.cycle_years,
            period: None,
            trainees: figs.trainees,
            funding: figs.funding,
            applicants: Vec::new(),
            sub_projects: Vec::new(),
            left_out: Vec::new(),
            body: String::new(),
        }
    }
}

/// Every entry's draft, and what went into none of them.
pub struct Entries {
    pub drafts: Vec<ProjectDraft>,
    /// The table rows and tables no draft took, one line each for the summary.
    pub kept: Vec<String>,
    /// The same, as Markdown sections for the end of the catalog's text.
    pub appendix: Vec<String>,
}

/// The **entries** step: one draft per entry of the text (with the table
/// rows that name it), or, for a plan that is only a table, per row group;
/// what no draft took is kept.
pub fn all(
    doc: &crate::document::Document,
    o: &crate::outline::DocumentOutline,
    catalog: &CatalogDraft,
    given: &crate::Given,
    config: &Config,
    taken: &mut HashSet<String>,
) -> Entries {
    use crate::rows;
    let unit = doc.places();
    let context = Context {
        config,
        unit,
        level: given.level.clone(),
        catalog,
        places: super::meta::places(catalog),
        title_plan: plan_in(&catalog.title),
    };
    let mut drafts = Vec::new();
    // Each row of a planning table that went into a draft: (grid, row).
    let mut placed: HashSet<(usize, usize)> = HashSet::new();
    let prose_entries =
        o.outline.entries.iter().any(|e| !e.fields.is_empty()) || o.table_groups.is_empty();
    if prose_entries {
        let attached = rows::attach_rows(&o.outline.entries, &o.grids);
        for (i, e) in o.outline.entries.iter().enumerate() {
            drafts.push(context.text_entry(e, &attached[i], &o.grids, taken));
        }
        placed.extend(
            attached
                .iter()
                .flatten()
                .flat_map(|a| a.rows.iter().map(|r| (a.grid, *r))),
        );
    } else {
        for (g, group) in &o.table_groups {
            drafts.push(context.table_entry(group, &o.grids[*g], taken));
        }
        placed.extend(
            o.table_groups
                .iter()
                .flat_map(|(g, group)| group.rows.iter().map(|r| (*g, *r))),
        );
    }
    let mut kept = Vec::new();
    let mut appendix = Vec::new();
    for (g, grid) in o.grids.iter().enumerate() {
        let rest: Vec<usize> = (0..grid.rows.len())
            .filter(|r| !placed.contains(&(g, *r)))
            .collect();
        if rest.is_empty() {
            continue;
        }
        for r in &rest {
            kept.push(format!(
                "{}：{}",
                unit.at(grid.rows[*r].0),
                rows::row_quote(grid, *r)
            ));
        }
        let cells: Vec<&[String]> = rest.iter().map(|r| grid.rows[*r].1.as_slice()).collect();
        appendix.push(format!(
            "## 表格中未归入项目的行（{}起的表）\n\n{}",
            unit.at(grid.line),
            table::markdown(&grid.header, &cells)
        ));
    }
    for (line, rows) in &o.other_tables {
        kept.push(format!("{}起的表格（{}行）", unit.at(*line), rows.len()));
        appendix.push(format!(
            "## 表格（{}起）\n\n{}",
            unit.at(*line),
            other_table_text(rows)
        ));
    }
    Entries {
        drafts,
        kept,
        appendix,
    }
}

/// A table that plans no projects, as Markdown: on its grid when it has
/// one, else its cells one paragraph each.
fn other_table_text(rows: &[crate::document::Row]) -> String {
    match table::grid(0, rows) {
        Some(grid) => {
            let cells: Vec<&[String]> = grid.rows.iter().map(|(_, c)| c.as_slice()).collect();
            table::markdown(&grid.header, &cells)
        }
        None => rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| escape_markdown(&c.text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// What the rows naming an entry add: their figures, sub-projects, the
/// rows as a list, and the words of their 形式 / 环节 columns.
struct RowsAdd<'a> {
    sightings: Sightings<'a>,
    subs: Vec<SubDraft>,
    text: String,
    words: String,
}

/// The words that say how an entry is run: its method fields and its
/// rows' 形式 cells, or, without either, all its text.
fn mode_text(e: &Entry, row_words: &str) -> String {
    let duration: Vec<&str> = e
        .fields
        .iter()
        .filter(|f| f.kind == Label::Duration || f.label == "培训环节")
        .map(|f| f.text.as_str())
        .collect();
    if duration.is_empty() && row_words.is_empty() {
        let text: Vec<&str> = e.text.iter().map(|(_, t)| t.as_str()).collect();
        return text.join(" ");
    }
    format!("{} {row_words}", duration.join(" "))
}

/// A 培训时间 field that is nothing but a period.
fn fields_period(e: &Entry) -> Option<Sourced<String>> {
    e.fields
        .iter()
        .filter(|f| f.kind == Label::Duration)
        .find_map(|f| {
            let m = figures::months(&f.text)?;
            Some(Sourced::stated(
                m,
                Evidence {
                    line: f.line,
                    quote: f.text.clone(),
                },
            ))
        })
}

/// The entry's own words as Markdown: its note, text, fields as sections,
/// then its table rows.
fn entry_body(e: &Entry, rows_text: &str) -> String {
    let mut body = Vec::new();
    if let Some(note) = &e.note {
        body.push(format!("项目设置：{}。", escape_markdown(note)));
    }
    for (_, t) in &e.text {
        body.push(escape_markdown(t));
    }
    for f in &e.fields {
        body.push(format!("## {}\n\n{}", f.label, escape_markdown(&f.text)));
    }
    if !rows_text.is_empty() {
        body.push(rows_text.to_string());
    }
    body.join("\n\n")
}
