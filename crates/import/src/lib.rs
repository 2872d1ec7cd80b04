//! From a published guide or plan to draft content files: the catalog's
//! `_catalog.md` and one file per entry, every figure with the words it
//! came from, every guess marked for review.
//!
//! The steps, in the order [`draft`] takes them:
//!
//! 1. **read** ([`read`]): the document, whatever its format, as paragraphs
//!    and tables ([`document`]);
//! 2. **outline** ([`outline`], with [`lines`] saying what each line is and
//!    [`table`] laying planning tables on grids): the title, the headings and
//!    the entries;
//! 3. **entries** ([`entry`], [`rows`], [`vocab`], [`meta`]): each entry's
//!    facts, its table rows, the values guessed from its words, and the
//!    catalog's own facts and place;
//! 4. **figures** ([`figures`] for one sentence, [`gather`] for an entry):
//!    days, hours, years, head counts and funding, only when certain;
//! 5. **drafts** ([`draft`](mod@draft)): the files' text.
//!
//! Checking the drafts and writing them are the site's: this crate knows
//! nothing of it but the [`Vocabulary`] it is given. `docs/import.md` says
//! what it finds in the bundled documents.

pub mod document;
pub mod draft;
mod entry;
mod figures;
mod gather;
pub mod lines;
mod meta;
mod outline;
pub mod read;
mod rows;
pub mod table;
mod vocab;

pub use document::{Block, Cell, Document, Row, Unit};
pub use read::{read, read_bytes, Unreadable};

use std::collections::HashSet;
use std::fmt;

/// What the site allows, as site.toml declares it: the values a draft may
/// hold, and the words that mean them.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub regions: Vec<String>,
    pub levels: Vec<String>,
    pub catalog_kinds: Vec<String>,
    pub audience: Vec<String>,
    pub stages: Vec<String>,
    pub modes: Vec<String>,
    pub categories: Vec<Category>,
    /// Groups of words a search treats as one (影子学习 = 跟岗研修).
    pub synonyms: Vec<Vec<String>>,
    /// The catalog kind of a guidance document (指导方案): its entries are
    /// kinds of project, not trainings.
    pub guidance_kind: String,
}

/// A category of projects: its key, its label and what it covers.
#[derive(Debug, Clone, Default)]
pub struct Category {
    pub key: String,
    pub label: String,
    /// The heading of the national guidance it belongs to.
    pub group: Option<String>,
    pub description: String,
}

/// What the editor gave; every `Some` overrides what the document says.
#[derive(Debug, Clone, Default)]
pub struct Given {
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub region: Option<String>,
    pub city: Option<String>,
    pub district: Option<String>,
    pub year: Option<u16>,
    pub kind: Option<String>,
    pub level: Option<String>,
}

/// A fact of the catalog the document does not say and nothing gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    Title,
    Region,
    Year,
    Kind,
}

impl Fact {
    /// The option that gives it.
    pub fn option(self) -> &'static str {
        match self {
            Fact::Title => "--title",
            Fact::Region => "--region",
            Fact::Year => "--year",
            Fact::Kind => "--kind",
        }
    }
}

/// Why a document gave no drafts.
#[derive(Debug)]
pub enum DraftError {
    Unreadable(Unreadable),
    /// Something the document does not say and nothing gave.
    Missing(Fact),
    /// A value given is not one the vocabulary allows.
    NotAllowed {
        option: &'static str,
        value: String,
        allowed: Vec<String>,
    },
    /// Neither numbered entries with fields nor a planning table.
    NoEntries,
}

impl From<Unreadable> for DraftError {
    fn from(e: Unreadable) -> Self {
        DraftError::Unreadable(e)
    }
}

impl fmt::Display for DraftError {
    /// For logs and tests; the command line says it in the editor's words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Unreadable(e) => write!(f, "{e:?}"),
            DraftError::Missing(fact) => write!(f, "missing {fact:?} ({})", fact.option()),
            DraftError::NotAllowed { option, value, .. } => {
                write!(f, "{option} {value} not allowed")
            }
            DraftError::NoEntries => write!(f, "no entries"),
        }
    }
}

impl std::error::Error for DraftError {}

/// One catalog's drafts, and what the editor should hear of them.
#[derive(Debug, Clone)]
pub struct Drafts {
    /// `_catalog.md` first, then one file per entry: (file name, text).
    pub files: Vec<(String, String)>,
    /// The entries' slugs, in the order of `files[1..]`.
    pub slugs: Vec<String>,
    pub entries: usize,
    pub work_items: usize,
    pub figures: usize,
    /// The fields guessed in some draft (marked 待核对 there).
    pub guessed: Vec<&'static str>,
    /// One line per draft with figures left out, and why.
    pub left_out: Vec<String>,
    /// Table rows and tables no draft took, kept in the catalog's text.
    pub kept: Vec<String>,
    /// The place the document was put in, when it was found rather than
    /// given: 四川省 成都市, and what it was found from.
    pub place: Option<(String, String)>,
    /// The catalog's title, as drafted.
    pub title: String,
    /// Its region, city and district, those it has.
    pub places: Vec<String>,
    pub year: Option<u16>,
}

/// The catalog file's name in its folder.
pub const CATALOG_FILE: &str = "_catalog.md";

/// Drafts a catalog from a document read by [`read`]: outline, entries,
/// figures, drafts. `taken` holds every slug the site has; the drafts'
/// are added to it.
pub fn draft(
    document: &Document,
    given: &Given,
    vocabulary: &Vocabulary,
    taken: &mut HashSet<String>,
) -> Result<Drafts, DraftError> {
    if let Some(level) = &given.level {
        meta::allowed("--level", level, &vocabulary.levels)?;
    }
    let outline = outline::of_document(document);
    let mut catalog = meta::catalog(&outline.outline, given, vocabulary)?;
    let entries = entry::all(document, &outline, &catalog, given, vocabulary, taken);
    if entries.drafts.is_empty() {
        return Err(DraftError::NoEntries);
    }
    let drafts = meta::with_counties(entries.drafts, &catalog);
    catalog.body = draft::with_appendix(&catalog.body, &entries.appendix);
    Ok(draft::files(document, catalog, drafts, entries.kept))
}
