//! The content as the last build parsed it, kept in the site's
//! `.peixun-cache/content/` (never published; may be deleted): one file a
//! catalog folder, holding each of its files that parsed without a note,
//! with its stamp (size, date, inode) and what it parsed to.
//!
//! A national catalog's 100,000 small files cost more to read than to
//! store whole (a kernel copy per file), and their Markdown more to render
//! than to decode. A file whose stamp is as stored is taken from here; any
//! other file is read and parsed as without it. Stored content is only
//! for the same peixun binary and the same site.toml (of base_url, the
//! path): both decide what a file parses to, so another of either is no
//! store.

use super::markdown::Rendered;
use super::record::{Catalog, Project};
use super::{cache::Parsed, CATALOG_FILE, CONTENT_DIR};
use crate::config::Config;
use crate::util::diag::display_path;
use crate::util::names::is_valid_slug;
use crate::util::stamp::Stamp;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Where a site keeps its stored content, under its root.
pub const STORE: &str = ".peixun-cache/content";

/// Goes up whenever a stored folder would read otherwise.
const MAGIC: &str = "peixun stored content 1";

/// One catalog folder's stored files, in name order.
#[derive(Serialize)]
struct FolderOut<'a> {
    magic: &'a str,
    key: &'a str,
    files: Vec<FileOut<'a>>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    name: &'a str,
    stamp: Stamp,
    /// The hash of the file's text (what the dev server compares).
    hash: u64,
    parsed: ParsedOut<'a>,
}

#[derive(Serialize)]
enum ParsedOut<'a> {
    Catalog(&'a Catalog, &'a Rendered),
    Project(&'a Project, &'a Rendered),
}

#[derive(Deserialize)]
struct FolderIn {
    magic: String,
    key: String,
    files: Vec<FileIn>,
}

#[derive(Deserialize)]
struct FileIn {
    name: String,
    stamp: Stamp,
    hash: u64,
    parsed: ParsedIn,
}

// The records' own serde attributes leave out what the loader fills in
// (body, slug, path): the body is stored beside, the rest comes from the
// file's place.
#[derive(Deserialize)]
enum ParsedIn {
    Catalog(Box<Catalog>, Rendered),
    Project(Box<Project>, Rendered),
}

/// A file as stored: its stamp and what it parsed to.
pub(super) type StoredFile = (Stamp, Parsed);

/// The store of one site for one configuration, and what each folder of
/// it held when read: a folder is written again only when its files differ.
pub(super) struct Store {
    dir: PathBuf,
    key: String,
    read: HashMap<String, Vec<(String, Stamp)>>,
    /// Every folder's file found, stored for this configuration or not:
    /// those of folders gone from the content go.
    found: Vec<String>,
}

impl Store {
    /// The store under `root` for `config`, and every file it holds that
    /// was stored for them, by path (as the content's walk names it).
    pub(super) fn open(root: &Path, config: &Config) -> (Store, HashMap<OsString, StoredFile>) {
        let dir = root.join(STORE);
        let key = key_of(config);
        let mut store = Store {
            dir,
            key,
            read: HashMap::new(),
            found: Vec::new(),
        };
        if store.key.is_empty() {
            return (store, HashMap::new());
        }
        store.found = std::fs::read_dir(&store.dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| is_valid_slug(name))
            .collect();
        let content = root.join(CONTENT_DIR);
        let read: Vec<(String, Vec<(OsString, StoredFile)>)> = store
            .found
            .par_iter()
            // One buffer a thread: with a fresh one a folder, mapped and
            // unmapped each time, page faults kept both cores waiting.
            .map_init(Vec::new, |buffer, folder| {
                use std::io::Read as _;
                buffer.clear();
                let mut file = std::fs::File::open(store.dir.join(folder)).ok()?;
                file.read_to_end(buffer).ok()?;
                let files = decode(buffer, &store.key, root, &content, folder)?;
                Some((folder.clone(), files))
            })
            .flatten()
            .collect();
        let mut files = HashMap::new();
        for (folder, stored) in read {
            let mut names = Vec::with_capacity(stored.len());
            for (path, file) in stored {
                if let Some(name) = Path::new(&path).file_name().and_then(|n| n.to_str()) {
                    names.push((name.to_string(), file.0));
                }
                files.insert(path, file);
            }
            store.read.insert(folder, names);
        }
        (store, files)
    }

    /// Stores `files` (by path, as [`Store::open`] gives them) as of `now`,
    /// writing only the folders whose files differ from what was read: a
    /// file with a note to review (drafts, 待核对) is not stored, nor one
    /// dated within a few seconds of `now` (a change in the same tick of
    /// the file system's clock would keep its date). Folders left with no
    /// file go. Errors are ignored: the store is only a shortcut.
    pub(super) fn save<'a>(
        &self,
        root: &Path,
        files: impl Iterator<Item = (&'a OsString, &'a StoredFile)>,
        now: SystemTime,
    ) {
        if self.key.is_empty() {
            return;
        }
        let content = root.join(CONTENT_DIR);
        let mut by_folder: HashMap<&str, Vec<(&str, &StoredFile)>> = HashMap::new();
        for (path, file) in files {
            let path = Path::new(path);
            let (Some(name), Some(folder)) = (
                path.file_name().and_then(|n| n.to_str()),
                path.parent()
                    .filter(|p| p.parent() == Some(content.as_path()))
                    .and_then(|p| p.file_name())
                    .and_then(|n| n.to_str()),
            ) else {
                continue;
            };
            if is_valid_slug(folder) && storable(&file.1) && file.0.settled_before(now) {
                by_folder.entry(folder).or_default().push((name, file));
            }
        }
        by_folder.par_iter_mut().for_each(|(folder, files)| {
            files.sort_unstable_by_key(|(name, _)| *name);
            let unchanged = self.read.get(*folder).is_some_and(|read| {
                read.len() == files.len()
                    && read
                        .iter()
                        .zip(files.iter())
                        .all(|((n, s), (name, file))| n == name && *s == file.0)
            });
            if !unchanged {
                let _ = self.write(folder, files);
            }
        });
        for folder in &self.found {
            if !by_folder.contains_key(folder.as_str()) {
                let _ = std::fs::remove_file(self.dir.join(folder));
            }
        }
    }

    fn write(&self, folder: &str, files: &[(&str, &StoredFile)]) -> std::io::Result<()> {
        let out = FolderOut {
            magic: MAGIC,
            key: &self.key,
            files: files
                .iter()
                .map(|(name, (stamp, parsed))| {
                    let (hash, parsed) = match parsed {
                        Parsed::Catalog(c) => (0, ParsedOut::Catalog(c, &c.body)),
                        Parsed::Project(p) => (p.source_hash, ParsedOut::Project(p, &p.body)),
                    };
                    FileOut {
                        name,
                        stamp: *stamp,
                        hash,
                        parsed,
                    }
                })
                .collect(),
        };
        let bytes = rmp_serde::to_vec_named(&out).map_err(std::io::Error::other)?;
        crate::util::replace::replace_whole(&self.dir.join(folder), &bytes)
    }
}

/// Only what parsed without a note is stored: the notes' messages are in
/// the editor's language, and their files are few.
fn storable(parsed: &Parsed) -> bool {
    match parsed {
        Parsed::Catalog(c) => c.review.is_empty(),
        Parsed::Project(p) => p.review.is_empty(),
    }
}

/// What decides a file's parse besides its text: this binary (its size
/// and date, so that a rebuilt peixun never trusts an older one's store)
/// and the configuration, whole, as it prints, but for base_url's host:
/// only its path is in a parse (site links), so `serve` on its own address
/// and a build for the published one share the store. Empty when the
/// binary cannot be found: then nothing is stored or trusted.
fn key_of(config: &Config) -> String {
    let Some(binary) = crate::util::stamp::of_this_binary() else {
        return String::new();
    };
    let mut parsing = config.clone();
    parsing.base_url = config.base_path();
    let described = format!(
        "{MAGIC}\n{}\n{binary:?}\n{parsing:?}",
        env!("CARGO_PKG_VERSION")
    );
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(described.as_bytes()))
}

/// The files of one stored folder, if it is whole and stored for `key`.
fn decode(
    bytes: &[u8],
    key: &str,
    root: &Path,
    content: &Path,
    folder: &str,
) -> Option<Vec<(OsString, StoredFile)>> {
    let stored: FolderIn = rmp_serde::from_slice(bytes).ok()?;
    if stored.magic != MAGIC || stored.key != key {
        return None;
    }
    let dir = content.join(folder);
    let files = stored
        .files
        .into_iter()
        .filter_map(|f| {
            let path = dir.join(&f.name);
            let parsed = match f.parsed {
                ParsedIn::Catalog(mut c, body) if f.name == CATALOG_FILE => {
                    c.slug = folder.to_string();
                    c.body = body;
                    c.source_path = display_path(root, &path);
                    Parsed::Catalog(Arc::from(c))
                }
                ParsedIn::Project(mut p, body) => {
                    p.slug = f.name.strip_suffix(".md")?.to_string();
                    p.catalog = folder.to_string();
                    p.body = body;
                    p.source_path = display_path(root, &path);
                    p.source_hash = f.hash;
                    Parsed::Project(Arc::from(p))
                }
                ParsedIn::Catalog(..) => return None,
            };
            Some((path.into_os_string(), (f.stamp, parsed)))
        })
        .collect();
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{load, ParseCache};
    use std::time::Duration;

    /// The bundled site copied into a temporary folder, every file dated
    /// an hour back (settled, as files are between an editor's builds).
    fn bundled_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
        let back = SystemTime::now() - Duration::from_secs(3600);
        for entry in walkdir::WalkDir::new(repo.join(CONTENT_DIR)) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(repo).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
                let file = std::fs::File::options().write(true).open(&to).unwrap();
                file.set_modified(back).unwrap();
            }
        }
        dir
    }

    /// Asserts that two loads of the content hold the same records, naming
    /// the first file that differs (the whole content is too long to show).
    fn assert_same(got: &super::super::Content, want: &super::super::Content) {
        let catalogs = |c: &super::super::Content| {
            c.catalogs
                .iter()
                .map(|c| (c.source_path.clone(), format!("{c:?}")))
                .collect::<Vec<_>>()
        };
        let projects = |c: &super::super::Content| {
            c.projects
                .iter()
                .map(|p| (p.source_path.clone(), format!("{p:?}")))
                .collect::<Vec<_>>()
        };
        for (got, want) in [
            (catalogs(got), catalogs(want)),
            (projects(got), projects(want)),
        ] {
            assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                assert!(g == w, "{} differs:\n{}\n{}", w.0.display(), g.1, w.1);
            }
        }
    }

    /// Rewrites one byte of `path` in place, keeping its size, date and inode.
    fn alter_keeping_stamp(path: &Path, from: &str, to: &str) {
        assert_eq!(from.len(), to.len());
        let before = std::fs::metadata(path).unwrap();
        let text = std::fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from} is not in {}", path.display());
        let mut file = std::fs::File::options().write(true).open(path).unwrap();
        std::io::Write::write_all(&mut file, text.replacen(from, to, 1).as_bytes()).unwrap();
        file.set_modified(before.modified().unwrap()).unwrap();
        drop(file);
        let after = std::fs::metadata(path).unwrap();
        assert_eq!(Stamp::of(&after), Stamp::of(&before));
    }

    #[test]
    fn stored_content_loads_as_it_parsed_and_is_trusted_only_as_stored() {
        let site = bundled_site();
        let root = site.path();
        let config = Config::load(root).unwrap();
        let parsed = load(root, &config, None, None).unwrap();
        let first = ParseCache::stored(root, &config);
        assert_same(&load(root, &config, Some(&first), None).unwrap(), &parsed);
        first.store(root);

        // Every file but those with a note to review, each catalog's in its folder's file.
        let (_, stored) = Store::open(root, &config);
        let noted: Vec<&Path> = parsed
            .catalogs
            .iter()
            .filter(|c| !c.review.is_empty())
            .map(|c| c.source_path.as_path())
            .chain(
                parsed
                    .projects
                    .iter()
                    .filter(|p| !p.review.is_empty())
                    .map(|p| p.source_path.as_path()),
            )
            .collect();
        assert_eq!(
            stored.len() + noted.len(),
            parsed.catalogs.len() + parsed.projects.len()
        );
        let mut folders: Vec<String> = std::fs::read_dir(root.join(STORE))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        folders.sort();
        let catalogs: Vec<&str> = parsed.catalogs.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(folders, catalogs);

        let second = ParseCache::stored(root, &config);
        assert_same(&load(root, &config, Some(&second), None).unwrap(), &parsed);

        // Changed behind the store's back, stamp and all: what was stored
        // comes back, which shows the store is used rather than the file.
        let project = parsed
            .projects
            .iter()
            .find(|p| p.review.is_empty() && p.title.starts_with(|c: char| c.len_utf8() == 3))
            .unwrap();
        let path = root.join(&project.source_path);
        let first_char = project.title.chars().next().unwrap().to_string();
        alter_keeping_stamp(&path, &format!("title = \"{first_char}"), "title = \"〇");
        let third = ParseCache::stored(root, &config);
        assert_same(&load(root, &config, Some(&third), None).unwrap(), &parsed);

        // The same base path on another host (serve's own address) trusts it.
        let mut served = config.clone();
        served.set_base_url("http://127.0.0.1:40123/");
        let fifth = ParseCache::stored(root, &served);
        assert_same(&load(root, &served, Some(&fifth), None).unwrap(), &parsed);

        // Another configuration (here another base path) trusts none of it.
        let mut other = config.clone();
        other.set_base_url("https://peixun.example.org/sub/");
        let fourth = ParseCache::stored(root, &other);
        let reloaded = load(root, &other, Some(&fourth), None).unwrap();
        let title = |c: &super::super::Content| {
            c.projects
                .iter()
                .find(|p| p.slug == project.slug)
                .map(|p| p.title.clone())
        };
        assert_eq!(title(&reloaded), Some(format!("〇{}", &project.title[3..])));
    }

    proptest::proptest! {
        #[test]
        fn random_and_mutated_stored_folders_load_without_panicking(
            random in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            flips in proptest::collection::vec((0usize..4000, proptest::prelude::any::<u8>()), 1..4),
            cut in 0usize..4000,
        ) {
            let root = Path::new("/site");
            let content = root.join(CONTENT_DIR);
            let _ = decode(&random, "k", root, &content, "a");
            let rendered = Rendered {
                html: "<p>国培</p>".into(),
                text: "国培".into(),
                links: Vec::new(),
            };
            let catalog = Catalog {
                slug: "a".into(),
                draft: false,
                title: "计划".into(),
                issuer: None,
                region: "重庆市".into(),
                city: None,
                district: None,
                year: Some(2026),
                kind: "实施方案".into(),
                source: None,
                source_url: None,
                published: None,
                body: Rendered::default(),
                source_path: PathBuf::new(),
                review: Vec::new(),
            };
            let stamp = Stamp { len: 1, secs: 2, nanos: 3, ino: 4 };
            let folder = FolderOut {
                magic: MAGIC,
                key: "k",
                files: vec![FileOut {
                    name: CATALOG_FILE,
                    stamp,
                    hash: 0,
                    parsed: ParsedOut::Catalog(&catalog, &rendered),
                }],
            };
            let mut bytes = rmp_serde::to_vec_named(&folder).unwrap();
            let whole = decode(&bytes, "k", root, &content, "a").unwrap();
            proptest::prop_assert_eq!(whole.len(), 1);
            for (at, byte) in flips {
                let len = bytes.len();
                if let Some(b) = bytes.get_mut(at % len) {
                    *b ^= byte;
                }
            }
            let _ = decode(&bytes, "k", root, &content, "a");
            bytes.truncate(cut);
            let _ = decode(&bytes, "k", root, &content, "a");
        }
    }
}
