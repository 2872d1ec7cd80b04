//! The output's record: each file the last build left in the output, with
//! its size, date and inode and a hash of its bytes. It is kept in the
//! site's `.peixun-cache/`, not in the published output. A build that finds
//! a file just as recorded compares the page it rendered with the recorded
//! hash instead of reading the file back (1.9 GB at 100,000 projects).
//!
//! It also keeps the stamp of each folder whose entries are exactly the
//! files it records there: a folder's date changes whenever an entry is
//! added, removed or renamed in it, so a build that finds the folder with
//! the same stamp knows what it holds without reading it (110,000 folders
//! at 100,000 projects).
//!
//! The record is only a shortcut: a file whose size, date or inode differ
//! from it, and every file when the record is missing, damaged or another
//! output's, is compared by reading it, as without a record; a folder
//! whose stamp differs is read.

use crate::util::hash::Fnv;
use crate::util::stamp::Stamp;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// A map by path inside the output, keyed by FNV: the output's files are
/// looked up once each a build, where SipHash cost more than the lookup.
pub type Paths<T> = HashMap<PathBuf, T, Fnv>;

/// Where a site keeps the record of its output, under its root.
pub const RECORD: &str = ".peixun-cache/output-record";

/// Its number goes up whenever the same bytes would be written otherwise
/// (such as the precompressed copies' settings): `--precompress` keeps the
/// copies of a file as recorded, so an older record must be no record.
const MAGIC: &[u8] = b"peixun output record 2\n";

/// The folder a path of the output is in ("" for the output itself).
pub fn folder_of(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new(""))
}

/// A file as recorded: its stamp and the hash of its bytes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Recorded {
    pub stamp: Stamp,
    pub hash: u128,
}

/// The hash a record keeps of a file's bytes (XXH3, 128 bits: a changed
/// page taken for the old one is a chance in 2^128).
pub fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// What a record holds, by path inside the output.
#[derive(Default, Debug, PartialEq, Eq)]
pub struct Record {
    pub files: Paths<Recorded>,
    /// Folders holding exactly the files recorded in them, no folder and
    /// nothing else, with their stamps.
    pub folders: Paths<Stamp>,
}

/// The record in `file` of the output at `out` (its canonical path);
/// empty when there is none, when it is damaged or when it is the record
/// of another output.
pub fn load(file: &Path, out: &Path) -> Record {
    let Ok(bytes) = std::fs::read(file) else {
        return Record::default();
    };
    parse(&bytes, out).unwrap_or_default()
}

fn parse(bytes: &[u8], out: &Path) -> Option<Record> {
    let mut r = Reader(bytes);
    if r.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let recorded_out = r.text()?;
    if Path::new(recorded_out) != out {
        return None;
    }
    let count = usize::try_from(r.u64()?).ok()?;
    // A damaged count must not reserve what the file cannot hold.
    let mut entries =
        Paths::with_capacity_and_hasher(count.min(bytes.len() / 48), Default::default());
    for _ in 0..count {
        let path = PathBuf::from(r.text()?);
        let stamp = r.stamp()?;
        let hash = u128::from_le_bytes(r.array()?);
        entries.insert(path, Recorded { stamp, hash });
    }
    let count = usize::try_from(r.u64()?).ok()?;
    let mut folders =
        Paths::with_capacity_and_hasher(count.min(bytes.len() / 32), Default::default());
    for _ in 0..count {
        let path = PathBuf::from(r.text()?);
        folders.insert(path, r.stamp()?);
    }
    r.0.is_empty().then_some(Record {
        files: entries,
        folders,
    })
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    fn stamp(&mut self) -> Option<Stamp> {
        Some(Stamp {
            len: self.u64()?,
            secs: i64::from_le_bytes(self.array()?),
            nanos: u32::from_le_bytes(self.array()?),
            ino: self.u64()?,
        })
    }

    fn text(&mut self) -> Option<&'a str> {
        let len = u32::from_le_bytes(self.array()?);
        std::str::from_utf8(self.take(usize::try_from(len).ok()?)?).ok()
    }
}

/// Writes the record of the output at `out` (its canonical path) into
/// `file`, as of `now`: files dated within `SETTLE` of it are left out,
/// and so are `folders` (each listed with every file the build put in it)
/// dated so or holding a file left out. Written beside and renamed into
/// place, so a reader never sees half.
pub fn save<'a>(
    file: &Path,
    out: &Path,
    entries: impl Iterator<Item = (&'a Path, Recorded)>,
    folders: impl Iterator<Item = (&'a Path, Stamp)>,
    now: SystemTime,
) -> std::io::Result<()> {
    let mut bytes = Vec::with_capacity(entries.size_hint().1.unwrap_or(0) * 96);
    bytes.extend_from_slice(MAGIC);
    let text = |bytes: &mut Vec<u8>, s: &str| {
        bytes.extend_from_slice(&u32::try_from(s.len()).unwrap_or(0).to_le_bytes());
        bytes.extend_from_slice(s.as_bytes());
    };
    let stamp_bytes = |bytes: &mut Vec<u8>, stamp: &Stamp| {
        bytes.extend_from_slice(&stamp.len.to_le_bytes());
        bytes.extend_from_slice(&stamp.secs.to_le_bytes());
        bytes.extend_from_slice(&stamp.nanos.to_le_bytes());
        bytes.extend_from_slice(&stamp.ino.to_le_bytes());
    };
    let Some(out) = out.to_str() else {
        return Ok(());
    };
    text(&mut bytes, out);
    let count_at = bytes.len();
    bytes.extend_from_slice(&0u64.to_le_bytes());
    let mut count = 0u64;
    // Folders holding a file left out: their record would miss it.
    let mut incomplete: std::collections::HashSet<&Path, Fnv> = Default::default();
    for (path, Recorded { stamp, hash }) in entries {
        let name = path
            .to_str()
            .filter(|p| u32::try_from(p.len()).is_ok() && stamp.settled_before(now));
        let Some(name) = name else {
            incomplete.insert(folder_of(path));
            continue;
        };
        text(&mut bytes, name);
        stamp_bytes(&mut bytes, &stamp);
        bytes.extend_from_slice(&hash.to_le_bytes());
        count += 1;
    }
    bytes[count_at..count_at + 8].copy_from_slice(&count.to_le_bytes());
    let count_at = bytes.len();
    bytes.extend_from_slice(&0u64.to_le_bytes());
    let mut count = 0u64;
    for (path, stamp) in folders {
        let Some(name) = path.to_str().filter(|p| u32::try_from(p.len()).is_ok()) else {
            continue;
        };
        if !stamp.settled_before(now) || incomplete.contains(path) {
            continue;
        }
        text(&mut bytes, name);
        stamp_bytes(&mut bytes, &stamp);
        count += 1;
    }
    bytes[count_at..count_at + 8].copy_from_slice(&count.to_le_bytes());
    crate::util::replace::replace_whole(file, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn stamp(secs: i64) -> Stamp {
        Stamp {
            len: 12,
            secs,
            nanos: 5,
            ino: 99,
        }
    }

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn a_saved_record_loads_as_it_was_without_the_files_dated_too_recently() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cache/record");
        let out = Path::new("/site/output");
        let old = Recorded {
            stamp: stamp(1_000),
            hash: hash(b"<p>old</p>"),
        };
        let fresh = Recorded {
            stamp: stamp(1_998),
            hash: hash(b"<p>new</p>"),
        };
        let entries = [
            (PathBuf::from("projects/a/index.html"), old),
            (PathBuf::from("projects/b/index.html"), old),
            (PathBuf::from("projects/b/new.html"), fresh),
            (PathBuf::from("search.js"), fresh),
        ];
        // Folder c was changed too recently; b holds a file left out.
        let folders = [
            (PathBuf::from("projects/a"), stamp(1_500)),
            (PathBuf::from("projects/b"), stamp(1_500)),
            (PathBuf::from("projects/c"), stamp(1_999)),
        ];
        save(
            &file,
            out,
            entries.iter().map(|(p, r)| (p.as_path(), *r)),
            folders.iter().map(|(p, s)| (p.as_path(), *s)),
            at(2_000),
        )
        .unwrap();
        let loaded = load(&file, out);
        assert_eq!(
            loaded,
            Record {
                files: Paths::from_iter([
                    (PathBuf::from("projects/a/index.html"), old),
                    (PathBuf::from("projects/b/index.html"), old),
                ]),
                folders: Paths::from_iter([(PathBuf::from("projects/a"), stamp(1_500))]),
            }
        );
        assert_eq!(
            load(&file, Path::new("/elsewhere/output")),
            Record::default(),
            "another output's record was used"
        );
        assert!(!dir.path().join("cache/record.new").exists());
    }

    #[test]
    fn a_damaged_record_is_no_record() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("record");
        let out = Path::new("/o");
        let entries = [(PathBuf::from("index.html"), {
            Recorded {
                stamp: stamp(10),
                hash: 7,
            }
        })];
        save(
            &file,
            out,
            entries.iter().map(|(p, r)| (p.as_path(), *r)),
            [(Path::new("a"), stamp(10))].into_iter(),
            at(100),
        )
        .unwrap();
        let whole = std::fs::read(&file).unwrap();
        assert_eq!(
            parse(&whole, out).map(|r| (r.files.len(), r.folders.len())),
            Some((1, 1))
        );
        for cut in 0..whole.len() {
            assert_eq!(parse(&whole[..cut], out), None, "cut at {cut}");
        }
        let mut longer = whole.clone();
        longer.push(0);
        assert_eq!(parse(&longer, out), None);
        assert_eq!(load(&dir.path().join("missing"), out), Record::default());
    }

    proptest::proptest! {
        #[test]
        fn random_and_mutated_records_load_without_panicking(
            random in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300),
            flips in proptest::collection::vec((0usize..1000, proptest::prelude::any::<u8>()), 1..4),
        ) {
            let out = Path::new("/o");
            let _ = parse(&random, out);
            let mut record = MAGIC.to_vec();
            record.extend_from_slice(&2u32.to_le_bytes());
            record.extend_from_slice(b"/o");
            record.extend_from_slice(&1u64.to_le_bytes());
            record.extend_from_slice(&1u32.to_le_bytes());
            record.extend_from_slice(b"a");
            record.extend_from_slice(&[0; 44]);
            record.extend_from_slice(&1u64.to_le_bytes());
            record.extend_from_slice(&1u32.to_le_bytes());
            record.extend_from_slice(b"b");
            record.extend_from_slice(&[0; 28]);
            proptest::prop_assert_eq!(
                parse(&record, out).map(|r| (r.files.len(), r.folders.len())),
                Some((1, 1))
            );
            for (at, byte) in flips {
                let at = at % record.len();
                record[at] = byte;
            }
            let _ = parse(&record, out);
        }
    }
}
