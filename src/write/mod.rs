//! Writing: the rendered site brought into the output directory (changed
//! files written, identical ones left alone, stale ones removed), the
//! theme's static files, and precompressed copies for static hosts.

mod keyed;
mod precompress;
mod record;
mod statics;
mod sync;

pub use keyed::{KeyedFiles, KEYED_INDEX};
pub use precompress::{precompressed_copies, BROTLI_QUALITY};
pub use record::RECORD;
pub use statics::static_files;
pub use sync::{list_output, ListedKind, OutputListing, Stager, SyncReport, STAGING};

use crate::output::OutFile;
use crate::util::diag::Diagnostic;
use std::fmt;
use std::path::PathBuf;

/// A file or directory of the output (or of the theme's static files) that
/// could not be read or written.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = crate::tr!(
            "write-failed",
            path = self.path.display().to_string(),
            error = crate::util::i18n::io_error(&self.source)
        );
        write!(f, "{message}")
    }
}

impl std::error::Error for WriteError {}

impl WriteError {
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::error(crate::tr!(
            "write-failed-here",
            error = crate::util::i18n::io_error(&self.source)
        ))
        .in_file(&self.path)
    }
}
