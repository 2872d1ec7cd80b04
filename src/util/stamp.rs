//! What a file's metadata says of it without reading it: enough to tell,
//! at the cost of a `stat`, that a file is as a build last left or read it
//! (the output's record, the stored content).

use std::time::{Duration, SystemTime};

/// Files dated this close to a record's writing are left out of it: file
/// systems date changes by a coarse clock (a few milliseconds on ext4, two
/// seconds on FAT), so a later change within the same tick would keep the
/// recorded date.
const SETTLE: Duration = Duration::from_secs(3);

/// What a file's metadata says of it without reading it.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    pub len: u64,
    pub secs: i64,
    pub nanos: u32,
    pub ino: u64,
}

impl Stamp {
    #[cfg(unix)]
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt as _;
        Stamp {
            len: meta.size(),
            secs: meta.mtime(),
            nanos: u32::try_from(meta.mtime_nsec()).unwrap_or(0),
            ino: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        let since = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .unwrap_or_default();
        Stamp {
            len: meta.len(),
            secs: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            nanos: since.subsec_nanos(),
            ino: 0,
        }
    }

    /// Whether the file was dated before `time`, by `SETTLE` at least.
    pub fn settled_before(&self, time: SystemTime) -> bool {
        let Some(cutoff) = time
            .checked_sub(SETTLE)
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
        else {
            return false;
        };
        match u64::try_from(self.secs) {
            Ok(secs) => Duration::new(secs, self.nanos) < cutoff,
            // Dated before 1970: long settled.
            Err(_) => true,
        }
    }
}

/// The stamp of the running peixun: what it stores for later builds (parsed
/// content, index files kept) is trusted only by the very same binary.
/// `None` when it cannot be found, and then nothing stored is trusted.
pub fn of_this_binary() -> Option<Stamp> {
    std::env::current_exe()
        .and_then(std::fs::metadata)
        .ok()
        .map(|m| Stamp::of(&m))
}
