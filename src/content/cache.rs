//! What the dev server keeps of the content between rebuilds: each file
//! parsed, by path, with the stamp (size, date, inode) it had, and the last
//! clean walk. A save then re-reads only the file that changed instead of
//! the whole tree. Valid for one `Config`; start a new one when it changes.
//! `build`, `check` and the dev server's first load start from what the
//! last build stored (`stored.rs`); only `build` stores what it parsed.

use super::record::{Catalog, Project};
use super::stored::Store;
use super::walk::{FileKind, Listing};
use crate::config::Config;
use crate::util::diag::Diagnostic;
use crate::util::hash::Fnv;
use crate::util::stamp::Stamp;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct ParseCache {
    /// Keyed by the path's bytes: hashing a `Path` walks its components,
    /// once for every file on every rebuild.
    files: Mutex<HashMap<OsString, (Stamp, Parsed), Fnv>>,
    /// The last walk's file list, when it found nothing wrong: reused when
    /// the watcher says which existing files changed (no walk, no stats).
    listing: Mutex<Option<Arc<Listing>>>,
    /// What each file of a listing parsed to, by its place in the listing:
    /// with the watcher's list, the files it did not name are taken from
    /// here in order, not looked up by path (hashing every path and chasing
    /// every entry was most of a save's load).
    by_place: Mutex<Option<ByPlace>>,
    /// Where the files were read from and go back to, between builds.
    store: Option<Store>,
}

/// A listing, and what each of its files parsed to (`None`: it did not).
type ByPlace = (Arc<Listing>, Vec<Option<Parsed>>);

pub(super) type ParseResult = Result<Parsed, Vec<Diagnostic>>;

#[derive(Clone)]
pub(super) enum Parsed {
    // Shared like the projects: a catalog (its rendered preamble) is large,
    // and a save takes every file's parse again.
    Catalog(Arc<Catalog>),
    Project(Arc<Project>),
}

impl ParseCache {
    /// A cache holding what the last build stored under `root` for
    /// `config`: its files are parsed again only when changed since.
    pub fn stored(root: &Path, config: &Config) -> ParseCache {
        let (store, files) = Store::open(root, config);
        ParseCache {
            files: Mutex::new(files.into_iter().collect()),
            store: Some(store),
            ..ParseCache::default()
        }
    }

    /// Fills a cache that holds nothing yet with what the last build stored
    /// under `root` for `config`: the dev server starts from it, and never
    /// writes it.
    pub fn start_from_store(&self, root: &Path, config: &Config) {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        if files.is_empty() {
            *files = Store::open(root, config).1.into_iter().collect();
        }
    }

    /// Stores what it holds for the next build, if it was made by
    /// [`ParseCache::stored`].
    pub fn store(&self, root: &Path) {
        if let Some(store) = &self.store {
            let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
            store.save(root, files.iter(), std::time::SystemTime::now());
        }
    }

    /// The last clean listing, if every file in `changed` (absolute paths)
    /// is an existing file it holds (then nothing was added or removed),
    /// with their places in it.
    pub(super) fn listing_if_only(
        &self,
        changed: &[PathBuf],
    ) -> Option<(Arc<Listing>, Vec<usize>)> {
        let listing = self.listing.lock().unwrap_or_else(|e| e.into_inner());
        let list = listing.as_ref()?;
        let places = changed
            .iter()
            .map(|p| {
                let place = list
                    .files
                    .iter()
                    .position(|(known, _)| known.as_os_str() == p.as_os_str())?;
                p.is_file().then_some(place)
            })
            .collect::<Option<Vec<usize>>>()?;
        Some((list.clone(), places))
    }

    /// Keeps `listing` for [`ParseCache::listing_if_only`], or forgets the
    /// last one when the walk found a problem.
    pub(super) fn keep_listing(&self, listing: Option<Arc<Listing>>) {
        *self.listing.lock().unwrap_or_else(|e| e.into_inner()) = listing;
    }
}

/// Parses every file of `listing` with `parse`, in parallel; with `cache`,
/// a file whose stamp is unchanged is taken from it. With `changed` (the
/// places in the listing of the files the watcher saw written), every
/// other file is taken from it without a stat. The cache then holds the
/// files that parsed.
pub(super) fn parse_files(
    listing: &Arc<Listing>,
    cache: Option<&ParseCache>,
    changed: Option<&[usize]>,
    parse: impl Fn(&Path, &FileKind) -> ParseResult + Sync,
) -> Vec<ParseResult> {
    let files = &listing.files;
    let all_vouched_for = changed.is_some();
    // A handful of places: looked through, not hashed.
    let vouched = |i: usize| changed.is_some_and(|c| !c.contains(&i));
    let mut cached =
        cache.map(|c| std::mem::take(&mut *c.files.lock().unwrap_or_else(|e| e.into_inner())));
    let mut by_place = cache
        .and_then(|c| c.by_place.lock().unwrap_or_else(|e| e.into_inner()).take())
        .filter(|(of, _)| all_vouched_for && Arc::ptr_eq(of, listing))
        .map(|(_, parsed)| parsed);
    let results: Vec<(ParseResult, Option<Stamp>)> = files
        .par_iter()
        .enumerate()
        .map(|(i, (path, kind))| {
            if let Some(Some(parsed)) = by_place.as_ref().and_then(|p| p.get(i)) {
                if vouched(i) {
                    return (Ok(parsed.clone()), None);
                }
            }
            let entry = cached.as_ref().and_then(|c| c.get(path.as_os_str()));
            // Stat before reading: a write landing in between makes the
            // stamp older than the text, so the next load reads it again.
            let stamp = match entry {
                Some((stamp, _)) if vouched(i) => Some(*stamp),
                _ => cached
                    .as_ref()
                    .and_then(|_| Some(Stamp::of(&std::fs::metadata(path).ok()?))),
            };
            if let Some((known, parsed)) = entry {
                if Some(*known) == stamp {
                    return (Ok(parsed.clone()), stamp);
                }
            }
            (parse(path, kind), stamp)
        })
        .collect();
    if let Some(cache) = cache {
        let parsed_now = |r: &ParseResult| r.as_ref().ok().cloned();
        match &mut by_place {
            // The files the watcher named.
            Some(places) => {
                for &i in changed.into_iter().flatten() {
                    if let (Some(place), Some((r, _))) = (places.get_mut(i), results.get(i)) {
                        *place = parsed_now(r);
                    }
                }
            }
            None => by_place = Some(results.iter().map(|(r, _)| parsed_now(r)).collect()),
        }
        *cache.by_place.lock().unwrap_or_else(|e| e.into_inner()) =
            by_place.map(|places| (listing.clone(), places));
    }
    if let (Some(cache), Some(old)) = (cache, cached.as_mut()) {
        // Entries that are still current stay as they are (no second copy);
        // with the watcher's list, only the files it named can have changed.
        if !all_vouched_for {
            let present: HashSet<&OsStr, Fnv> = files.iter().map(|(p, _)| p.as_os_str()).collect();
            old.retain(|path, _| present.contains(path.as_os_str()));
        }
        let read: Box<dyn Iterator<Item = usize>> = match changed {
            Some(places) => Box::new(places.iter().copied()),
            None => Box::new(0..files.len()),
        };
        for i in read {
            let (Some((path, _)), Some((parsed, stamp))) = (files.get(i), results.get(i)) else {
                continue;
            };
            let (Ok(parsed), Some(stamp)) = (parsed, stamp) else {
                old.remove(path.as_os_str());
                continue;
            };
            if old
                .get(path.as_os_str())
                .is_none_or(|(known, _)| known != stamp)
            {
                old.insert(path.clone().into_os_string(), (*stamp, parsed.clone()));
            }
        }
        *cache.files.lock().unwrap_or_else(|e| e.into_inner()) = std::mem::take(old);
    }
    results.into_iter().map(|(r, _)| r).collect()
}
