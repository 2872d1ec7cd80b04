//! Writing the files a build keeps for the next one (the output's record,
//! the stored content) so that a reader never sees one half written.

use std::path::{Path, PathBuf};

/// Writes `bytes` to `file`, making its folder if need be: into a file
/// beside it, then renamed into place.
pub fn replace_whole(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut name = file.as_os_str().to_owned();
    name.push(".new");
    let partial = PathBuf::from(name);
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, file)
}
