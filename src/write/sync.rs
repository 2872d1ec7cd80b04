//! Bringing the output directory in line with the rendered site.

use super::record::{self, Paths, Recorded};
use super::{OutFile, WriteError};
use crate::util::hash::Fnv;
use crate::util::stamp::Stamp;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What [`Stager::commit`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// What is in an output directory: paths relative to it, deepest first (a
/// directory after everything in it), each file with its record when it is
/// as the output's record has it, and each directory's stamp as listed.
pub struct OutputListing(Result<Listing, WriteError>);

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ListedKind {
    File,
    Dir,
    /// A symbolic link, a FIFO, a socket or a device: removed, never
    /// followed, read or written through (opening a FIFO would block).
    Special,
}

/// Lists `out` for a [`Stager`], checking its files against the record
/// kept in `record` (see [`record`]); a folder whose stamp is as recorded
/// is not read, its files being those the record has in it. `peixun
/// build` lists the output on a thread of its own while it renders.
pub fn list_output(out: &Path, record: &Path) -> OutputListing {
    let mut walk = Walk::default();
    if !out.exists() {
        return OutputListing(Ok(walk.listing));
    }
    if let Ok(canonical) = std::fs::canonicalize(out) {
        let record::Record { files, folders } = record::load(record, &canonical);
        let mut in_folders: Paths<Vec<PathBuf>> = folders
            .keys()
            .map(|folder| (folder.clone(), Vec::new()))
            .collect();
        for file in files.keys() {
            if let Some(list) = in_folders.get_mut(record::folder_of(file)) {
                list.push(file.clone());
            }
        }
        walk.recorded = files;
        walk.recorded_folders = folders;
        walk.in_folders = in_folders;
    }
    match walk.folder(out, Path::new("")) {
        Ok(()) => OutputListing(Ok(walk.listing)),
        Err(e) => OutputListing(Err(e)),
    }
}

/// What a listing found: every entry, and every folder's stamp.
#[derive(Default)]
struct Listing {
    entries: Vec<(PathBuf, ListedKind, Option<Recorded>)>,
    folders: Paths<Stamp>,
}

/// The output as walked so far, and its record.
#[derive(Default)]
struct Walk {
    listing: Listing,
    recorded: Paths<Recorded>,
    recorded_folders: Paths<Stamp>,
    /// The files each recorded folder holds, by the record.
    in_folders: Paths<Vec<PathBuf>>,
}

impl Walk {
    /// Lists what the folder `rel` of `out` holds, deepest first.
    fn folder(&mut self, out: &Path, rel: &Path) -> Result<(), WriteError> {
        let dir = out.join(rel);
        for entry in std::fs::read_dir(&dir).map_err(io(&dir))? {
            let entry = entry.map_err(io(&dir))?;
            let path = rel.join(entry.file_name());
            // Not followed: a link's type is the link's own.
            let kind = entry.file_type().map_err(io(&out.join(&path)))?;
            if kind.is_dir() {
                // Its stamp before its entries: one added meanwhile dates
                // it anew, so the next build reads it again.
                let stamp = entry.metadata().ok().map(|m| Stamp::of(&m));
                let unchanged =
                    stamp.is_some() && self.recorded_folders.get(&path) == stamp.as_ref();
                if !(unchanged && self.as_recorded(out, &path)) {
                    self.folder(out, &path)?;
                }
                if let Some(stamp) = stamp {
                    self.listing.folders.insert(path.clone(), stamp);
                }
                self.listing.entries.push((path, ListedKind::Dir, None));
            } else if kind.is_file() {
                let recorded = self
                    .recorded
                    .remove(&path)
                    .filter(|known| entry.metadata().is_ok_and(|m| Stamp::of(&m) == known.stamp));
                self.listing
                    .entries
                    .push((path, ListedKind::File, recorded));
            } else {
                self.listing.entries.push((path, ListedKind::Special, None));
            }
        }
        Ok(())
    }

    /// Lists the files the record has in the folder `rel`, which is as
    /// recorded; false, listing nothing, when one of them is not a file.
    fn as_recorded(&mut self, out: &Path, rel: &Path) -> bool {
        let Some(files) = self.in_folders.remove(rel) else {
            return false;
        };
        let mut listed = Vec::with_capacity(files.len());
        for file in &files {
            let Ok(meta) = std::fs::symlink_metadata(out.join(file)) else {
                return false;
            };
            if !meta.is_file() {
                return false;
            }
            let stamp = Stamp::of(&meta);
            let recorded = self
                .recorded
                .get(file)
                .copied()
                .filter(|known| known.stamp == stamp);
            listed.push((file.clone(), ListedKind::File, recorded));
        }
        for file in &files {
            self.recorded.remove(file);
        }
        self.listing.entries.extend(listed);
        true
    }
}

/// An I/O error's conversion into a [`WriteError`] at `path`.
fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError { path, source }
}

/// The folder inside the output where a build stages its changed files
/// until every page is rendered and checked.
pub const STAGING: &str = ".peixun-staging";

/// A build's files on their way into the output: as each batch is rendered,
/// files identical to the output's are noted and left alone (their dates
/// stay, so an rsync or a static host's upload sends only what changed),
/// the others written under [`STAGING`]. Only when the whole site is
/// rendered and its links checked does [`Stager::commit`] remove stale
/// files, move the staged ones in and save the output's record; on any
/// error [`Stager::abandon`] removes the staging folder and the output is
/// as it was. Memory holds a batch, not the site.
///
/// A file is compared with the output's record when it is just as recorded
/// (same size, date and inode), otherwise by reading it back.
///
/// Symbolic links, FIFOs and the like inside the output are never read,
/// followed or written through: they are removed at commit, and a file is
/// compared only where the output has a regular file.
pub struct Stager {
    out: PathBuf,
    /// Where the output's record is kept.
    record: PathBuf,
    /// What gives the output's listing: called when a file is first
    /// staged, so that the listing goes on while the site is read and its
    /// first pages rendered (at 100,000 projects it outlasts the reading).
    listing: Mutex<Option<Box<dyn FnOnce() -> OutputListing + Send>>>,
    /// The output as listed, once the listing is taken.
    prepared: std::sync::OnceLock<Prepared>,
    state: Mutex<Staged>,
}

/// The output as its listing found it, and where files are staged.
struct Prepared {
    staging: PathBuf,
    /// What the output held, deepest first.
    listed: Vec<(PathBuf, ListedKind)>,
    /// The output's files, with their record when they are as it has them.
    files: Paths<Option<Recorded>>,
    /// The output's folders, with their stamps as listed.
    folders: Paths<Stamp>,
    /// The output did not exist before this build.
    created: bool,
}

#[derive(Default)]
struct Staged {
    /// Every file of the build, with what the record will say of it (none
    /// for a path given twice: which bytes it holds is left to reading).
    wanted: Paths<Option<Recorded>>,
    staged: Vec<PathBuf>,
    unchanged: usize,
}

impl Staged {
    /// Notes `path` as a file of the build, with what the record will say
    /// of it; false when it was given before (the record then says
    /// nothing of it).
    fn want(&mut self, path: PathBuf, recorded: Option<Recorded>) -> bool {
        match self.wanted.entry(path) {
            std::collections::hash_map::Entry::Occupied(mut given) => {
                given.insert(None);
                false
            }
            std::collections::hash_map::Entry::Vacant(new) => {
                new.insert(recorded);
                true
            }
        }
    }
}

impl Prepared {
    /// The output at `out` as `listing` lists it, made ready to stage into
    /// (a staging folder left by a build that was killed is emptied).
    fn new(out: &Path, listing: OutputListing) -> Result<Prepared, WriteError> {
        let mut listed = Vec::new();
        let mut files = Paths::default();
        let Listing {
            entries,
            mut folders,
        } = listing.0?;
        folders.retain(|rel, _| !rel.starts_with(STAGING));
        for (rel, kind, recorded) in entries {
            if rel.starts_with(STAGING) {
                continue;
            }
            if kind == ListedKind::File {
                files.insert(rel.clone(), recorded);
            }
            listed.push((rel, kind));
        }
        let created = !out.exists();
        std::fs::create_dir_all(out).map_err(io(out))?;
        let leftover = out.join(STAGING);
        match std::fs::remove_dir_all(&leftover) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&leftover)(e)),
            _ => {}
        }
        // Into an empty output the files go straight to their place: on an
        // error it is emptied again, which is as it was.
        let staging = if listed.is_empty() {
            out.to_path_buf()
        } else {
            leftover
        };
        if staging != out {
            std::fs::create_dir(&staging).map_err(io(&staging))?;
        }
        Ok(Prepared {
            staging,
            listed,
            files,
            folders,
            created,
        })
    }

    /// The folders the commit leaves holding exactly what they held when
    /// listed, all of it files of the build whose bytes the record knows
    /// (none staged into them or stale in them, no folder or link inside),
    /// with their stamps as listed: what the record may say of them.
    fn unchanged_folders<'a>(
        &'a self,
        state: &'a Staged,
        stale: &[&'a (PathBuf, ListedKind)],
    ) -> Vec<(&'a Path, Stamp)> {
        let mut changed: HashSet<&Path, Fnv> = HashSet::default();
        changed.extend(state.staged.iter().map(|p| record::folder_of(p)));
        changed.extend(
            stale
                .iter()
                .flat_map(|(p, _)| [record::folder_of(p), p.as_path()]),
        );
        changed.extend(
            self.listed
                .iter()
                .filter(|(_, kind)| *kind != ListedKind::File)
                .map(|(p, _)| record::folder_of(p)),
        );
        changed.extend(
            state
                .wanted
                .iter()
                .filter(|(_, recorded)| recorded.is_none())
                .map(|(p, _)| record::folder_of(p)),
        );
        self.folders
            .iter()
            .filter(|(p, _)| !changed.contains(p.as_path()))
            .map(|(p, stamp)| (p.as_path(), *stamp))
            .collect()
    }

    /// What the output holds that the build does not: files it did not
    /// give, directories none of its files are in, and anything else
    /// (links, FIFOs), deepest first as listed.
    fn stale(&self, state: &Staged) -> Vec<&(PathBuf, ListedKind)> {
        let wanted_dirs: HashSet<&Path, Fnv> = state
            .wanted
            .keys()
            .flat_map(|f| f.ancestors().skip(1))
            .filter(|d| !d.as_os_str().is_empty())
            .collect();
        self.listed
            .par_iter()
            .filter(|(rel, kind)| match kind {
                ListedKind::Special => true,
                ListedKind::File => !state.wanted.contains_key(rel.as_path()),
                ListedKind::Dir => !wanted_dirs.contains(rel.as_path()),
            })
            .collect()
    }
}

impl Stager {
    /// A stager for `out`, whose content `listing` gives when first needed,
    /// keeping the output's record in `record`.
    pub fn new(
        out: &Path,
        listing: impl FnOnce() -> OutputListing + Send + 'static,
        record: &Path,
    ) -> Stager {
        Stager {
            out: out.to_path_buf(),
            record: record.to_path_buf(),
            listing: Mutex::new(Some(Box::new(listing))),
            prepared: std::sync::OnceLock::new(),
            state: Mutex::default(),
        }
    }

    /// The output as listed, taking the listing on first call.
    fn prepared(&self) -> Result<&Prepared, WriteError> {
        if let Some(prepared) = self.prepared.get() {
            return Ok(prepared);
        }
        let mut listing = self
            .listing
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Another thread may have taken it while this one waited.
        if let Some(prepared) = self.prepared.get() {
            return Ok(prepared);
        }
        let Some(list) = listing.take() else {
            // An earlier call failed to prepare the output and said why.
            return Err(WriteError {
                path: self.out.clone(),
                source: std::io::Error::other("the output could not be prepared"),
            });
        };
        let prepared = Prepared::new(&self.out, list())?;
        Ok(self.prepared.get_or_init(|| prepared))
    }

    /// Notes `files` that the output holds as they are; writes the others
    /// under the staging folder.
    pub fn stage(&self, files: &[OutFile]) -> Result<(), WriteError> {
        let prepared = self.prepared()?;
        let staged: Vec<(bool, Recorded)> = files
            .par_iter()
            .map_init(Vec::new, |old, f| {
                let hash = record::hash(&f.bytes);
                let kept = match prepared.files.get(&f.path) {
                    Some(Some(known)) => (known.hash == hash).then_some(known.stamp),
                    Some(None) => holds(&self.out.join(&f.path), &f.bytes, old),
                    None => None,
                };
                if let Some(stamp) = kept {
                    return Ok((false, Recorded { stamp, hash }));
                }
                let path = prepared.staging.join(&f.path);
                let fail = |source| WriteError {
                    path: self.out.join(&f.path),
                    source,
                };
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(fail)?;
                }
                let stamp = write(&path, &f.bytes).map_err(fail)?;
                Ok((true, Recorded { stamp, hash }))
            })
            .collect::<Result<_, WriteError>>()?;
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (f, (staged, recorded)) in files.iter().zip(staged) {
            if !state.want(f.path.clone(), Some(recorded)) {
                continue;
            }
            if staged {
                state.staged.push(f.path.clone());
            } else {
                state.unchanged += 1;
            }
        }
        Ok(())
    }

    /// Whether the output holds `file` and its `copies` just as the last
    /// build left them (by the output's record): then that build made the
    /// copies from these very bytes.
    pub fn holds_with_copies(&self, file: &OutFile, copies: &[PathBuf]) -> bool {
        let Ok(prepared) = self.prepared() else {
            return false;
        };
        let recorded = |path: &Path| prepared.files.get(path).copied().flatten();
        copies.iter().all(|c| recorded(c).is_some())
            && recorded(&file.path).is_some_and(|r| r.hash == record::hash(&file.bytes))
    }

    /// Notes files the output holds as they are, found so by
    /// [`Stager::holds_with_copies`], without their bytes.
    pub fn keep(&self, paths: Vec<PathBuf>) {
        let files = self.prepared.get().map(|p| &p.files);
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in paths {
            let recorded = files.and_then(|f| f.get(&path).copied().flatten());
            if state.want(path, recorded) {
                state.unchanged += 1;
            }
        }
    }

    /// Keeps `files` (each a path and the hash of its bytes) when the
    /// output holds every one of them so, by its record or read back;
    /// keeps none and says false when it does not.
    pub fn keep_held(&self, files: &[(PathBuf, u128)]) -> bool {
        let Ok(prepared) = self.prepared() else {
            return false;
        };
        let held: Option<Vec<Recorded>> = files
            .par_iter()
            .map(|(path, hash)| match prepared.files.get(path) {
                Some(Some(known)) => (known.hash == *hash).then_some(*known),
                Some(None) => hashed(&self.out.join(path)).filter(|read| read.hash == *hash),
                None => None,
            })
            .collect();
        let Some(held) = held else {
            return false;
        };
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for ((path, _), recorded) in files.iter().zip(held) {
            if state.want(path.clone(), Some(recorded)) {
                state.unchanged += 1;
            }
        }
        true
    }

    /// The staged and kept files whose paths `chosen` picks, with the hash
    /// of each; none when one of them was given twice (which bytes it
    /// holds is then left to reading).
    pub fn hashes_of(&self, chosen: impl Fn(&Path) -> bool) -> Option<Vec<(PathBuf, u128)>> {
        let state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut files: Vec<(PathBuf, u128)> = state
            .wanted
            .iter()
            .filter(|(path, _)| chosen(path))
            .map(|(path, recorded)| Some((path.clone(), recorded.as_ref()?.hash)))
            .collect::<Option<_>>()?;
        files.sort_unstable();
        Some(files)
    }

    /// Makes the output hold exactly the staged and kept files: removes
    /// what is not among them, moves the staged ones in.
    pub fn commit(mut self) -> Result<SyncReport, WriteError> {
        let state = std::mem::take(
            self.state
                .get_mut()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let prepared = self.prepared()?;
        let gone_is_fine = |r: std::io::Result<()>| match r {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        };
        // A directory that gained an entry since it was listed stays.
        let emptied_or_kept = |r: std::io::Result<()>| match r {
            Err(e) if e.kind() == std::io::ErrorKind::DirectoryNotEmpty => Ok(()),
            other => gone_is_fine(other),
        };
        let mut report = SyncReport {
            written: state.staged.len(),
            unchanged: state.unchanged,
            removed: 0,
        };
        // The record is a shortcut for the next build (without it, that
        // build reads the files back), saved while the output is brought
        // in line: it holds each file's stamp as staged, which a rename
        // keeps, and one that did not arrive is read back next time.
        let stale = prepared.stale(&state);
        let (moved, ()) = rayon::join(
            || -> Result<(), WriteError> {
                for (rel, kind) in &stale {
                    let path = self.out.join(rel);
                    if *kind == ListedKind::Dir {
                        emptied_or_kept(std::fs::remove_dir(&path)).map_err(io(&path))?;
                    } else {
                        gone_is_fine(std::fs::remove_file(&path)).map_err(io(&path))?;
                        report.removed += 1;
                    }
                }
                if prepared.staging != self.out {
                    // Renames within the output's file system: no byte is
                    // copied, and a file keeps the date and inode it was
                    // recorded with.
                    state.staged.par_iter().try_for_each(|rel| {
                        let to = self.out.join(rel);
                        if let Some(parent) = to.parent() {
                            std::fs::create_dir_all(parent).map_err(io(parent))?;
                        }
                        std::fs::rename(prepared.staging.join(rel), &to).map_err(io(&to))
                    })?;
                    std::fs::remove_dir_all(&prepared.staging).map_err(io(&prepared.staging))?;
                }
                Ok(())
            },
            || {
                if let Ok(out) = std::fs::canonicalize(&self.out) {
                    let entries = state
                        .wanted
                        .iter()
                        .filter_map(|(path, recorded)| Some((path.as_path(), (*recorded)?)));
                    let folders = prepared.unchanged_folders(&state, &stale);
                    let _ = record::save(
                        &self.record,
                        &out,
                        entries,
                        folders.into_iter(),
                        std::time::SystemTime::now(),
                    );
                }
            },
        );
        moved?;
        Ok(report)
    }

    /// Leaves the output as it was: the staging folder goes, and the output
    /// folder too when this build made it.
    pub fn abandon(self) {
        // Nothing was staged before the output was prepared.
        let Some(prepared) = self.prepared.get() else {
            return;
        };
        let _ = std::fs::remove_dir_all(&prepared.staging);
        if prepared.staging == self.out && !prepared.created {
            // It was empty: it stays, empty.
            let _ = std::fs::create_dir_all(&self.out);
        } else if prepared.created {
            let _ = std::fs::remove_dir(&self.out);
        }
    }
}

/// The stamp of the file at `path` when it holds exactly `bytes`, read
/// into `buffer` (reused from file to file rather than allocated for each).
fn holds(path: &Path, bytes: &[u8], buffer: &mut Vec<u8>) -> Option<Stamp> {
    use std::io::Read as _;
    let file = std::fs::File::open(path).ok()?;
    let meta = file
        .metadata()
        .ok()
        .filter(|m| m.is_file() && m.len() == bytes.len() as u64)?;
    // One byte more than expected, so a file that grew since is caught.
    buffer.clear();
    let read = file.take(bytes.len() as u64 + 1).read_to_end(buffer);
    (read.is_ok() && buffer[..] == *bytes).then(|| Stamp::of(&meta))
}

/// The stamp and hash of the regular file at `path`.
fn hashed(path: &Path) -> Option<Recorded> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok().filter(|m| m.is_file())?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    Some(Recorded {
        stamp: Stamp::of(&meta),
        hash: record::hash(&bytes),
    })
}

/// Writes `bytes` to a new file at `path`; its stamp once written.
fn write(path: &Path, bytes: &[u8]) -> std::io::Result<Stamp> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    Ok(Stamp::of(&file.metadata()?))
}
