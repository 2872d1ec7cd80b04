//! `peixun import`: from a published guide or plan (.docx, or text saved
//! from Word) to draft content files: `content/<catalog>/_catalog.md` and
//! one file per entry, every figure with the words it came from, every
//! guess marked for review. The drafts pass `check` as written, and nothing
//! is ever overwritten.
//!
//! The steps, one file each: [`source`] reads the document into paragraphs
//! and tables ([`docx`] for Word's format), [`lines`] says what each line
//! is, [`outline`] finds the headings
//! and entries, [`table`] lays planning tables on a grid, [`figures`] reads
//! the figures of a sentence and [`gather`] an entry's from all of them,
//! [`rows`] makes table rows parts of drafts, [`vocab`] maps words to
//! site.toml's values, [`meta`] reads the document's own facts, [`entry`]
//! puts one entry's draft together and [`draft`] writes it out.
//! `docs/import.md` says what it finds in the bundled documents.

mod docx;
mod draft;
mod entry;
mod figures;
mod gather;
mod lines;
mod meta;
mod numbering;
mod outline;
mod rows;
pub mod source;
mod table;
mod vocab;

use crate::config::{Config, ConfigError};
use crate::content::{check_text, CATALOG_FILE, CONTENT_DIR};
use crate::util::diag::{display_path, Diagnostic, Diagnostics};
use crate::util::names::is_valid_slug;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// What the editor asked for; every `Option` overrides what the document says.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub catalog: String,
    pub root: PathBuf,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<String>,
    pub level: Option<String>,
    pub dry_run: bool,
}

/// Why `peixun import` wrote nothing.
#[derive(Debug)]
#[non_exhaustive]
pub enum ImportError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not a document peixun can read: what it is.
    Unsupported {
        path: PathBuf,
        what: String,
    },
    InvalidSlug(String),
    Config(ConfigError),
    /// Something the document does not say and no option gave.
    Missing {
        what: &'static str,
        option: &'static str,
    },
    /// An option's value is not one site.toml allows.
    NotAllowed {
        option: &'static str,
        value: String,
        allowed: Vec<String>,
    },
    NoEntries(PathBuf),
    Exists(PathBuf),
    /// A draft that would fail `check`: a bug in import, reported, not written.
    Draft(Diagnostics),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, source } => write!(
                f,
                "{}",
                crate::tr!("config-unreadable", path = path.display().to_string(), error = crate::util::i18n::io_error(source))
            ),
            ImportError::Unsupported { path, what } => write!(
                f,
                "{}\n  = {}{}",
                crate::tr!("import-unsupported", path = path.display().to_string(), what = what.as_str()),
                crate::tr!("label-help"),
                crate::tr!("import-unsupported-help")
            ),
            ImportError::InvalidSlug(slug) => write!(f, "{}", crate::tr!("new-invalid-slug", slug = slug.as_str())),
            ImportError::Config(e) => write!(f, "{e}"),
            ImportError::Missing { what, option } => write!(
                f,
                "{}\n  = {}{}",
                crate::util::i18n::message(what, &[]),
                crate::tr!("label-help"),
                crate::tr!("import-missing-help", option = *option)
            ),
            ImportError::NotAllowed { option, value, allowed } => write!(
                f,
                "{}",
                crate::tr!("import-not-allowed", option = *option, value = value.as_str(), allowed = allowed.join("、"))
            ),
            ImportError::NoEntries(path) => write!(f, "{}", crate::tr!("import-no-entries", path = path.display().to_string())),
            ImportError::Exists(path) => write!(
                f,
                "{}\n  = {}{}",
                crate::tr!("import-exists", path = path.display().to_string()),
                crate::tr!("label-help"),
                crate::tr!("import-exists-help")
            ),
            ImportError::Draft(d) => write!(f, "{}\n{d}", crate::tr!("import-draft-fails")),
        }
    }
}

impl std::error::Error for ImportError {}

/// What was (or, with `--dry-run`, would be) written.
#[derive(Debug)]
pub struct Summary {
    /// The encoding a text document was read in, when not UTF-8.
    pub encoding: Option<&'static str>,
    pub catalog_file: PathBuf,
    pub files: Vec<(PathBuf, String)>,
    pub entries: usize,
    pub work_items: usize,
    pub figures: usize,
    /// The fields guessed in some draft (marked 待核对 there).
    pub guessed: String,
    /// One line per draft with figures left out, and why.
    pub left_out: Vec<String>,
    /// Table rows and tables no draft took, kept in the catalog's text.
    pub kept: Vec<String>,
    /// The place the document was put in, when it was found rather than
    /// given: 四川省 成都市, and what it was found from.
    pub place: Option<(String, String)>,
    pub dry_run: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::tr;
        if let Some(encoding) = self.encoding {
            writeln!(f, "{}", tr!("import-encoding", encoding = encoding))?;
        }
        let id = if self.dry_run { "import-would-write" } else { "import-wrote" };
        let args = [
            ("catalog", self.catalog_file.display().to_string().into()),
            ("files", (self.files.len() - 1).into()),
            ("projects", (self.entries - self.work_items).into()),
            ("work_items", self.work_items.into()),
            ("figures", self.figures.into()),
        ];
        writeln!(f, "{}", crate::util::i18n::message(id, &args))?;
        if let Some((place, why)) = &self.place {
            writeln!(f, "{}", tr!("import-place", place = place.as_str(), why = why.as_str()))?;
        }
        if !self.guessed.is_empty() {
            writeln!(f, "{}", tr!("import-guessed", fields = self.guessed.as_str()))?;
        }
        if !self.left_out.is_empty() {
            writeln!(f, "{}", tr!("import-left-out"))?;
            for line in &self.left_out {
                writeln!(f, "  {line}")?;
            }
        }
        if !self.kept.is_empty() {
            writeln!(
                f,
                "{}",
                tr!("import-kept", catalog = self.catalog_file.display().to_string())
            )?;
            for line in &self.kept {
                writeln!(f, "  {line}")?;
            }
        }
        writeln!(f, "{}", tr!("import-next"))?;
        if self.dry_run {
            writeln!(f, "{}", tr!("import-dry-run"))?;
        }
        Ok(())
    }
}

/// The document's tables: planning tables on their grids, and the others
/// (not forms, which the outline reads as lines), to keep whole.
fn tables_of(doc: &source::Document) -> (Vec<table::Grid>, Vec<(usize, Vec<source::Row>)>) {
    let mut grids = Vec::new();
    let mut others = Vec::new();
    for block in &doc.blocks {
        let source::Block::Table { line, rows } = block else {
            continue;
        };
        if lines::is_form(rows) {
            continue;
        }
        match table::grid(*line, rows).filter(table::Grid::is_plan) {
            Some(grid) => grids.push(grid),
            None => others.push((*line, rows.clone())),
        }
    }
    (grids, others)
}

/// A table that plans no projects, as Markdown: on its grid when it has
/// one, else its cells one paragraph each.
fn other_table_text(rows: &[source::Row]) -> String {
    match table::grid(0, rows) {
        Some(grid) => {
            let cells: Vec<&[String]> = grid.rows.iter().map(|(_, c)| c.as_slice()).collect();
            table::markdown(&grid.header, &cells)
        }
        None => rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .map(|c| draft::escape_markdown(&c.text))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
    }
}

/// Every project slug of the site, to keep new ones unique.
fn taken_slugs(root: &Path) -> HashSet<String> {
    let mut taken = HashSet::new();
    for e in walkdir::WalkDir::new(root.join(CONTENT_DIR))
        .max_depth(2)
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy();
        if let Some(stem) = name.strip_suffix(".md") {
            taken.insert(stem.to_string());
        }
    }
    taken
}

/// Reads the document, drafts its files, checks them, and writes them
/// unless `dry_run`; all or nothing.
pub fn import(opts: &ImportOptions) -> Result<Summary, ImportError> {
    if !is_valid_slug(&opts.catalog) {
        return Err(ImportError::InvalidSlug(opts.catalog.clone()));
    }
    let config = Config::load(&opts.root).map_err(ImportError::Config)?;
    if let Some(level) = &opts.level {
        meta::allowed("--level", level, &config.vocabularies.levels)?;
    }
    let doc = source::read(&opts.file)?;
    let unit = doc.unit.name();
    let (grids, other_tables) = tables_of(&doc);
    let table_groups: Vec<(usize, table::RowGroup)> = grids
        .iter()
        .enumerate()
        .flat_map(|(g, grid)| table::groups(grid).into_iter().map(move |r| (g, r)))
        .collect();
    let outline = outline::outline(&doc.blocks, table_groups.is_empty());
    let mut catalog = meta::catalog(&outline, opts, &config)?;
    let dir = opts.root.join(CONTENT_DIR).join(&opts.catalog);
    let shown_dir = Path::new(CONTENT_DIR).join(&opts.catalog);
    let catalog_path = dir.join(CATALOG_FILE);
    let context = entry::Context {
        config: &config,
        unit,
        level: opts.level.clone(),
        catalog: &catalog,
        places: meta::places(&catalog),
        title_plan: meta::plan_in(&catalog.title),
    };
    let mut taken = taken_slugs(&opts.root);
    let mut drafts = Vec::new();
    // Each row of a planning table that went into a draft: (grid, row).
    let mut placed: HashSet<(usize, usize)> = HashSet::new();
    let prose_entries =
        outline.entries.iter().any(|e| !e.fields.is_empty()) || table_groups.is_empty();
    if prose_entries {
        let attached = rows::attach_rows(&outline.entries, &grids);
        for (i, e) in outline.entries.iter().enumerate() {
            drafts.push(context.text_entry(e, &attached[i], &grids, &mut taken));
        }
        placed.extend(
            attached
                .iter()
                .flatten()
                .flat_map(|a| a.rows.iter().map(|r| (a.grid, *r))),
        );
    } else {
        for (g, group) in &table_groups {
            drafts.push(context.table_entry(group, &grids[*g], &mut taken));
        }
        placed.extend(
            table_groups
                .iter()
                .flat_map(|(g, group)| group.rows.iter().map(|r| (*g, *r))),
        );
    }
    if drafts.is_empty() {
        return Err(ImportError::NoEntries(opts.file.clone()));
    }
    for d in &mut drafts {
        let named = meta::counties_named(&catalog, &d.title, d.eligibility.as_deref().unwrap_or(""));
        if !named.is_empty() {
            d.counties = Some(draft::Sourced::guessed(named, "名称或培训对象中的区县（按行政区划 GB/T 2260）"));
        }
    }
    // What went into no draft stays in the catalog's text, and is said.
    let mut kept = Vec::new();
    let mut appendix = Vec::new();
    for (g, grid) in grids.iter().enumerate() {
        let rest: Vec<usize> = (0..grid.rows.len())
            .filter(|r| !placed.contains(&(g, *r)))
            .collect();
        if rest.is_empty() {
            continue;
        }
        for r in &rest {
            kept.push(format!(
                "第{}{unit}：{}",
                grid.rows[*r].0,
                rows::row_quote(grid, *r)
            ));
        }
        let cells: Vec<&[String]> = rest.iter().map(|r| grid.rows[*r].1.as_slice()).collect();
        appendix.push(format!(
            "## 表格中未归入项目的行（第{}{unit}起的表）\n\n{}",
            grid.line,
            table::markdown(&grid.header, &cells)
        ));
    }
    for (line, rows) in &other_tables {
        kept.push(format!("第{line}{unit}起的表格（{}行）", rows.len()));
        appendix.push(format!(
            "## 表格（第{line}{unit}起）\n\n{}",
            other_table_text(rows)
        ));
    }
    if !appendix.is_empty() {
        catalog.body = format!("{}\n\n{}", catalog.body.trim(), appendix.join("\n\n"));
    }
    let document = catalog.title.clone();
    let mut files = vec![(catalog_path.clone(), draft::render_catalog(&catalog, unit))];
    for d in &drafts {
        files.push((
            dir.join(format!("{}.md", d.slug)),
            draft::render_project(d, unit, &document),
        ));
    }
    let mut problems: Vec<Diagnostic> = Vec::new();
    for (i, (path, text)) in files.iter().enumerate() {
        let shown = shown_dir.join(path.file_name().unwrap_or_default());
        let slug = (i > 0).then(|| drafts[i - 1].slug.as_str());
        if let Err(d) = check_text(&shown, text, &opts.catalog, slug, &config) {
            problems.extend(d);
        }
    }
    if !problems.is_empty() {
        return Err(ImportError::Draft(Diagnostics(problems)));
    }
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ImportError::Exists(display_path(&opts.root, path)));
    }
    let mut guessed: Vec<&str> = Vec::new();
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
        let named: Vec<&str> = [Some(catalog.region.value.as_str()), catalog.city.as_deref(), catalog.district.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (named.join(" "), why.clone())
    });
    let summary = Summary {
        place,
        kept,
        encoding: doc.encoding,
        catalog_file: shown_dir.join(CATALOG_FILE),
        entries: drafts.len(),
        work_items: drafts.iter().filter(|d| d.work_item).count(),
        figures: drafts.iter().map(|d| d.figure_count()).sum(),
        guessed: guessed.join(", "),
        left_out,
        dry_run: opts.dry_run,
        files: files
            .iter()
            .map(|(p, t)| (shown_dir.join(p.file_name().unwrap_or_default()), t.clone()))
            .collect(),
    };
    if !opts.dry_run {
        write_all(&opts.root, &dir, &files)?;
    }
    Ok(summary)
}

/// Writes every file new; on a failure, removes what it wrote.
fn write_all(root: &Path, dir: &Path, files: &[(PathBuf, String)]) -> Result<(), ImportError> {
    use std::io::Write;
    let made_dir = !dir.exists();
    std::fs::create_dir_all(dir).map_err(|source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut written: Vec<&Path> = Vec::new();
    for (path, text) in files {
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| f.write_all(text.as_bytes()));
        if let Err(source) = result {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            if made_dir {
                let _ = std::fs::remove_dir(dir);
            }
            return Err(if source.kind() == std::io::ErrorKind::AlreadyExists {
                ImportError::Exists(display_path(root, path))
            } else {
                ImportError::Io {
                    path: path.clone(),
                    source,
                }
            });
        }
        written.push(path);
    }
    Ok(())
}
