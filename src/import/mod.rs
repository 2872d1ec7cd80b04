//! `peixun import`: the site's side of the `peixun-import` crate
//! (crates/import), which reads a published document and drafts its files.
//! Here the drafts meet the site: site.toml's vocabulary goes in, each
//! draft is checked as `check` would, nothing is overwritten, everything is
//! written or nothing, and the editor is told what happened in their words.
//!
//! The steps, as [`import`] takes them: read → outline → entries → figures →
//! drafts (the crate's [`peixun_import::draft`]) → check → write.

use crate::config::{Config, ConfigError};
use crate::content::{check_text, CONTENT_DIR, GUIDANCE_KIND};
use crate::tr;
use crate::util::diag::{display_path, Diagnostic, Diagnostics};
use crate::util::names::is_valid_slug;
pub use peixun_import::Given;
use peixun_import::{DraftError, Drafts, Fact, Unreadable, Vocabulary};
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// What the editor asked for; every `Option` overrides what the document says.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub file: PathBuf,
    /// The catalog's folder; by default its place and year (qianjiang-2022).
    pub catalog: Option<String>,
    pub root: PathBuf,
    /// Title, issuer, place, year, kind and level as the editor gave them.
    pub given: Given,
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
    Unreadable {
        path: PathBuf,
        why: Unreadable,
    },
    InvalidSlug(String),
    Config(ConfigError),
    /// Something the document does not say and no option gave.
    Missing(Fact),
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

impl ImportError {
    fn of_draft(path: &Path, e: DraftError) -> ImportError {
        match e {
            DraftError::Unreadable(Unreadable::Io(source)) => ImportError::Io {
                path: path.to_path_buf(),
                source,
            },
            DraftError::Unreadable(why) => ImportError::Unreadable {
                path: path.to_path_buf(),
                why,
            },
            DraftError::Missing(fact) => ImportError::Missing(fact),
            DraftError::NotAllowed {
                option,
                value,
                allowed,
            } => ImportError::NotAllowed {
                option,
                value,
                allowed,
            },
            DraftError::NoEntries => ImportError::NoEntries(path.to_path_buf()),
        }
    }
}

/// What a file is, in the editor's words: “一个 RAR 压缩包”.
fn unreadable_text(why: &Unreadable) -> String {
    match why {
        Unreadable::Io(e) => crate::util::i18n::io_error(e),
        Unreadable::Folder => tr!("kind-folder"),
        Unreadable::TooLarge { mb } => tr!("kind-too-large", mb = *mb),
        Unreadable::NotText => tr!("kind-not-text"),
        Unreadable::Binary => tr!("kind-binary"),
        Unreadable::DamagedZip(e) => tr!("kind-damaged-zip", error = e.as_str()),
        Unreadable::DamagedDocx(e) => tr!("kind-damaged-docx", error = e.as_str()),
        Unreadable::Unpacks { mb } => tr!("kind-unpacks", mb = *mb),
        Unreadable::Pptx => tr!("kind-pptx"),
        Unreadable::Zip => tr!("kind-zip"),
        Unreadable::Rtf => tr!("kind-rtf"),
        Unreadable::OldOffice => tr!("kind-old-office"),
        Unreadable::DamagedCompound(e) => tr!("kind-damaged-compound", error = e.as_str()),
        Unreadable::Word95 => tr!("kind-word95"),
        Unreadable::DamagedMht => tr!("kind-damaged-mht"),
        Unreadable::TooDeep { depth } => tr!("kind-too-deep", depth = *depth),
        Unreadable::Encrypted => tr!("kind-encrypted"),
        Unreadable::DamagedSheet(e) => tr!("kind-damaged-sheet", error = e.as_str()),
        Unreadable::SheetTooLarge { sheet, rows } => {
            tr!("kind-sheet-too-large", sheet = sheet.as_str(), rows = *rows)
        }
        Unreadable::Scan => tr!("kind-scan"),
        Unreadable::NeedsPoppler => tr!("kind-needs-poppler"),
        Unreadable::DamagedPdf(e) => tr!("kind-damaged-pdf", error = e.as_str()),
        Unreadable::PdfTooSlow => tr!("kind-pdf-too-slow"),
        Unreadable::Odt => tr!("kind-odt"),
        Unreadable::Image(format) => tr!("kind-image", format = *format),
        Unreadable::Archive(format) => tr!("kind-archive", format = *format),
    }
}

impl ImportError {
    /// What went wrong, without the file's name: a row of a folder's table.
    pub fn reason(&self) -> String {
        match self {
            ImportError::Unreadable { why, .. } => {
                tr!("import-batch-unreadable", what = unreadable_text(why))
            }
            ImportError::NoEntries(_) => tr!("import-batch-no-entries"),
            other => other.to_string().lines().next().unwrap_or("").to_string(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, source } => write!(
                f,
                "{}",
                tr!(
                    "config-unreadable",
                    path = path.display().to_string(),
                    error = crate::util::i18n::io_error(source)
                )
            ),
            ImportError::Unreadable { path, why } => write!(
                f,
                "{}\n  = {}{}",
                tr!(
                    "import-unsupported",
                    path = path.display().to_string(),
                    what = unreadable_text(why)
                ),
                tr!("label-help"),
                tr!("import-unsupported-help")
            ),
            ImportError::InvalidSlug(slug) => {
                write!(f, "{}", tr!("new-invalid-slug", slug = slug.as_str()))
            }
            ImportError::Config(e) => write!(f, "{e}"),
            ImportError::Missing(fact) => {
                let what = match fact {
                    Fact::Title => tr!("import-missing-title"),
                    Fact::Region => tr!("import-missing-region"),
                    Fact::Year => tr!("import-missing-year"),
                    Fact::Kind => tr!("import-missing-kind"),
                };
                write!(
                    f,
                    "{what}\n  = {}{}",
                    tr!("label-help"),
                    tr!("import-missing-help", option = fact.option())
                )
            }
            ImportError::NotAllowed {
                option,
                value,
                allowed,
            } => write!(
                f,
                "{}",
                tr!(
                    "import-not-allowed",
                    option = *option,
                    value = value.as_str(),
                    allowed = allowed.join("、")
                )
            ),
            ImportError::NoEntries(path) => write!(
                f,
                "{}",
                tr!("import-no-entries", path = path.display().to_string())
            ),
            ImportError::Exists(path) => write!(
                f,
                "{}\n  = {}{}",
                tr!("import-exists", path = path.display().to_string()),
                tr!("label-help"),
                tr!("import-exists-help")
            ),
            ImportError::Draft(d) => write!(f, "{}\n{d}", tr!("import-draft-fails")),
        }
    }
}

impl std::error::Error for ImportError {}

/// What was (or, with `--dry-run`, would be) written.
#[derive(Debug)]
pub struct Summary {
    /// The encoding a text document was read in, when not UTF-8.
    pub encoding: Option<&'static str>,
    /// The format it was read as (docx, pdf, …).
    pub format: &'static str,
    /// The catalog's folder under content/.
    pub catalog: String,
    pub catalog_file: PathBuf,
    pub files: Vec<(PathBuf, String)>,
    pub drafts: Drafts,
    pub dry_run: bool,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.drafts;
        if let Some(encoding) = self.encoding {
            writeln!(f, "{}", tr!("import-encoding", encoding = encoding))?;
        }
        let id = if self.dry_run {
            "import-would-write"
        } else {
            "import-wrote"
        };
        let args = [
            ("catalog", self.catalog_file.display().to_string().into()),
            ("files", (self.files.len() - 1).into()),
            ("projects", (d.entries - d.work_items).into()),
            ("work_items", d.work_items.into()),
            ("figures", d.figures.into()),
        ];
        writeln!(f, "{}", crate::util::i18n::message(id, &args))?;
        if let Some((place, why)) = &d.place {
            writeln!(
                f,
                "{}",
                tr!("import-place", place = place.as_str(), why = why.as_str())
            )?;
        }
        if !d.guessed.is_empty() {
            writeln!(
                f,
                "{}",
                tr!("import-guessed", fields = d.guessed.join(", "))
            )?;
        }
        if !d.left_out.is_empty() {
            writeln!(f, "{}", tr!("import-left-out"))?;
            for line in &d.left_out {
                writeln!(f, "  {line}")?;
            }
        }
        if !d.kept.is_empty() {
            writeln!(
                f,
                "{}",
                tr!(
                    "import-kept",
                    catalog = self.catalog_file.display().to_string()
                )
            )?;
            for line in &d.kept {
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

/// site.toml's vocabulary, as the import crate reads it.
fn vocabulary(config: &Config) -> Vocabulary {
    let v = &config.vocabularies;
    Vocabulary {
        regions: v.regions.clone(),
        levels: v.levels.clone(),
        catalog_kinds: v.catalog_kinds.clone(),
        audience: v.audience.clone(),
        stages: v.stages.clone(),
        modes: v.modes.clone(),
        categories: config
            .categories
            .iter()
            .map(|c| peixun_import::Category {
                key: c.key.clone(),
                label: c.label.clone(),
                group: c.group.clone(),
                description: c.description.clone(),
            })
            .collect(),
        synonyms: config.search.synonyms.clone(),
        guidance_kind: GUIDANCE_KIND.to_string(),
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

/// Every catalog folder of the site.
fn taken_folders(root: &Path) -> HashSet<String> {
    std::fs::read_dir(root.join(CONTENT_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect()
}

/// Reads the document, drafts its files, checks them, and writes them
/// unless `dry_run`; all or nothing.
pub fn import(opts: &ImportOptions) -> Result<Summary, ImportError> {
    import_with(
        opts,
        &mut taken_slugs(&opts.root),
        &mut taken_folders(&opts.root),
    )
}

/// [`import`], with the slugs and folders taken so far (by the documents
/// of the same run too).
fn import_with(
    opts: &ImportOptions,
    taken: &mut HashSet<String>,
    folders: &mut HashSet<String>,
) -> Result<Summary, ImportError> {
    if let Some(catalog) = &opts.catalog {
        if !is_valid_slug(catalog) {
            return Err(ImportError::InvalidSlug(catalog.clone()));
        }
    }
    let config = Config::load(&opts.root).map_err(ImportError::Config)?;
    let vocabulary = vocabulary(&config);
    let of_draft = |e| ImportError::of_draft(&opts.file, e);
    // read → outline → entries → figures → drafts, in the crate.
    let document = peixun_import::read(&opts.file).map_err(|why| of_draft(why.into()))?;
    let mut slugs = taken.clone();
    let drafts =
        peixun_import::draft(&document, &opts.given, &vocabulary, &mut slugs).map_err(of_draft)?;
    let catalog = opts
        .catalog
        .clone()
        .unwrap_or_else(|| peixun_import::draft::catalog_slug(&drafts, folders));
    let dir = opts.root.join(CONTENT_DIR).join(&catalog);
    let shown_dir = Path::new(CONTENT_DIR).join(&catalog);
    check(&drafts, &shown_dir, &catalog, &config)?;
    let files: Vec<(PathBuf, String)> = drafts
        .files
        .iter()
        .map(|(name, text)| (dir.join(name), text.clone()))
        .collect();
    if let Some((path, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(ImportError::Exists(display_path(&opts.root, path)));
    }
    if !opts.dry_run {
        write_all(&opts.root, &dir, &files)?;
    }
    *taken = slugs;
    folders.insert(catalog.clone());
    Ok(Summary {
        encoding: document.encoding,
        format: document.format,
        catalog,
        catalog_file: shown_dir.join(peixun_import::CATALOG_FILE),
        files: drafts
            .files
            .iter()
            .map(|(name, text)| (shown_dir.join(name), text.clone()))
            .collect(),
        drafts,
        dry_run: opts.dry_run,
    })
}

/// One document of a folder imported, or why not.
pub struct Imported {
    pub file: PathBuf,
    pub result: Result<Summary, ImportError>,
}

/// The documents of `paths` (files, and the files of folders, in name
/// order; hidden files and Word's ~$ lock files left out), each imported
/// into a catalog of its own: one that fails does not stop the others.
pub fn import_all(paths: &[PathBuf], opts: &ImportOptions) -> Vec<Imported> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .filter(|e| {
                    let name = e.file_name().to_string_lossy();
                    !name.starts_with('.') && !name.starts_with("~$")
                })
                .map(|e| e.into_path())
                .collect();
            files.append(&mut found);
        } else {
            files.push(path.clone());
        }
    }
    let mut taken = taken_slugs(&opts.root);
    let mut folders = taken_folders(&opts.root);
    files
        .into_iter()
        .map(|file| {
            let one = ImportOptions {
                file: file.clone(),
                catalog: None,
                ..opts.clone()
            };
            Imported {
                result: import_with(&one, &mut taken, &mut folders),
                file,
            }
        })
        .collect()
}

/// The table a folder's import ends with: one row per document.
pub struct Batch<'a>(pub &'a [Imported], pub &'a Path);

impl fmt::Display for Batch<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use unicode_width::UnicodeWidthStr;
        let Batch(rows, root) = self;
        let dash = "—".to_string();
        let mut table: Vec<[String; 7]> = vec![[
            tr!("import-batch-file"),
            tr!("import-batch-format"),
            tr!("import-batch-catalog"),
            tr!("import-batch-entries"),
            tr!("import-batch-figures"),
            tr!("import-batch-review"),
            tr!("import-batch-problem"),
        ]];
        for row in rows.iter() {
            let name = display_path(root, &row.file).display().to_string();
            table.push(match &row.result {
                Ok(s) => [
                    name,
                    format!(".{}", s.format),
                    s.catalog.clone(),
                    s.drafts.entries.to_string(),
                    s.drafts.figures.to_string(),
                    s.files
                        .iter()
                        .map(|(_, t)| t.matches("# 待核对：").count())
                        .sum::<usize>()
                        .to_string(),
                    String::new(),
                ],
                Err(e) => {
                    let format = row
                        .file
                        .extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or_else(|| dash.clone());
                    let problem = e.reason();
                    [
                        name,
                        format,
                        dash.clone(),
                        dash.clone(),
                        dash.clone(),
                        dash.clone(),
                        problem,
                    ]
                }
            });
        }
        let widths: Vec<usize> = (0..6)
            .map(|c| table.iter().map(|r| r[c].width()).max().unwrap_or(0))
            .collect();
        for r in &table {
            let mut line = String::from("  ");
            for (c, cell) in r.iter().enumerate() {
                line.push_str(cell);
                if c < 6 {
                    line.push_str(&" ".repeat(widths[c] - cell.width() + 2));
                }
            }
            writeln!(f, "{}", line.trim_end())?;
        }
        let failed = rows.iter().filter(|r| r.result.is_err()).count();
        writeln!(
            f,
            "{}",
            tr!(
                "import-batch-done",
                all = rows.len(),
                ok = rows.len() - failed,
                failed = failed
            )
        )?;
        writeln!(f, "{}", tr!("import-next"))
    }
}

/// The **check** step: every draft passes `check` as written, or nothing
/// is written.
fn check(
    drafts: &Drafts,
    shown_dir: &Path,
    catalog: &str,
    config: &Config,
) -> Result<(), ImportError> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    for (i, (name, text)) in drafts.files.iter().enumerate() {
        let slug = (i > 0).then(|| drafts.slugs[i - 1].as_str());
        if let Err(d) = check_text(&shown_dir.join(name), text, catalog, slug, config) {
            problems.extend(d);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Draft(Diagnostics(problems)))
    }
}

/// The **write** step: every file new; on a failure, what was written is
/// removed.
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
