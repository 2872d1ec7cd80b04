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
use peixun_import::{DraftError, Drafts, Fact, Given, Unreadable, Vocabulary};
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

impl ImportOptions {
    fn given(&self) -> Given {
        Given {
            title: self.title.clone(),
            issuer: self.issuer.clone(),
            region: self.region.clone(),
            city: self.city.clone(),
            district: self.district.clone(),
            year: self.year,
            kind: self.kind.clone(),
            level: self.level.clone(),
        }
    }
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
        Unreadable::Pptx => tr!("kind-pptx"),
        Unreadable::Zip => tr!("kind-zip"),
        Unreadable::Rtf => tr!("kind-rtf"),
        Unreadable::OldOffice => tr!("kind-doc"),
        Unreadable::Pdf => tr!("kind-pdf"),
        Unreadable::Xlsx => tr!("kind-xlsx"),
        Unreadable::Odt => tr!("kind-odt"),
        Unreadable::Image(format) => tr!("kind-image", format = *format),
        Unreadable::Archive(format) => tr!("kind-archive", format = *format),
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Io { path, source } => write!(
                f,
                "{}",
                tr!("config-unreadable", path = path.display().to_string(), error = crate::util::i18n::io_error(source))
            ),
            ImportError::Unreadable { path, why } => write!(
                f,
                "{}\n  = {}{}",
                tr!("import-unsupported", path = path.display().to_string(), what = unreadable_text(why)),
                tr!("label-help"),
                tr!("import-unsupported-help")
            ),
            ImportError::InvalidSlug(slug) => write!(f, "{}", tr!("new-invalid-slug", slug = slug.as_str())),
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
            ImportError::NotAllowed { option, value, allowed } => write!(
                f,
                "{}",
                tr!("import-not-allowed", option = *option, value = value.as_str(), allowed = allowed.join("、"))
            ),
            ImportError::NoEntries(path) => write!(f, "{}", tr!("import-no-entries", path = path.display().to_string())),
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
        let id = if self.dry_run { "import-would-write" } else { "import-wrote" };
        let args = [
            ("catalog", self.catalog_file.display().to_string().into()),
            ("files", (self.files.len() - 1).into()),
            ("projects", (d.entries - d.work_items).into()),
            ("work_items", d.work_items.into()),
            ("figures", d.figures.into()),
        ];
        writeln!(f, "{}", crate::util::i18n::message(id, &args))?;
        if let Some((place, why)) = &d.place {
            writeln!(f, "{}", tr!("import-place", place = place.as_str(), why = why.as_str()))?;
        }
        if !d.guessed.is_empty() {
            writeln!(f, "{}", tr!("import-guessed", fields = d.guessed.join(", ")))?;
        }
        if !d.left_out.is_empty() {
            writeln!(f, "{}", tr!("import-left-out"))?;
            for line in &d.left_out {
                writeln!(f, "  {line}")?;
            }
        }
        if !d.kept.is_empty() {
            writeln!(f, "{}", tr!("import-kept", catalog = self.catalog_file.display().to_string()))?;
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

/// Reads the document, drafts its files, checks them, and writes them
/// unless `dry_run`; all or nothing.
pub fn import(opts: &ImportOptions) -> Result<Summary, ImportError> {
    if !is_valid_slug(&opts.catalog) {
        return Err(ImportError::InvalidSlug(opts.catalog.clone()));
    }
    let config = Config::load(&opts.root).map_err(ImportError::Config)?;
    let vocabulary = vocabulary(&config);
    let of_draft = |e| ImportError::of_draft(&opts.file, e);
    let document = peixun_import::read(&opts.file).map_err(|why| of_draft(why.into()))?;
    let drafts = peixun_import::draft(&document, &opts.given(), &vocabulary, &mut taken_slugs(&opts.root))
        .map_err(of_draft)?;
    let dir = opts.root.join(CONTENT_DIR).join(&opts.catalog);
    let shown_dir = Path::new(CONTENT_DIR).join(&opts.catalog);
    check(&drafts, &shown_dir, &opts.catalog, &config)?;
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
    Ok(Summary {
        encoding: document.encoding,
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

/// The **check** step: every draft passes `check` as written, or nothing
/// is written.
fn check(drafts: &Drafts, shown_dir: &Path, catalog: &str, config: &Config) -> Result<(), ImportError> {
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
