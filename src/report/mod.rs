//! Printable reports, each one self-contained HTML file (style inline, nothing fetched) that a
//! browser opens and prints: the compliance report of one agency ([`agency_report`]) and the
//! program summary of the dashboard's figures ([`summary_report`]).
//!
//! Reports read what the store hands them and never the database; every text from the
//! database, agency names first, is escaped by [`html`], the only place markup is written.

pub mod agency;
pub mod html;
pub mod summary;

pub use agency::agency_report;
pub use summary::summary_report;

use std::path::{Path, PathBuf};

/// Why a report was not written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReportError {
    /// The file exists and replacing it was not asked for.
    #[error("{0} already exists; choose another name or give --force (nothing was overwritten)")]
    Exists(PathBuf),
    /// The file could not be written.
    #[error("{path}: the report could not be written: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

/// Writes `html` to `file`, refusing to replace an existing file unless `replace`, and anything
/// that is not a regular file (a link, a pipe) always. The file is readable by its owner only,
/// like the database: an agency's report names its officers. Written whole or not at all.
///
/// `head`, the audit chain's end when the report was made, is printed at its foot.
pub fn write(
    file: &Path,
    html: &str,
    replace: bool,
    head: Option<&crate::store::ChainHead>,
) -> Result<(), ReportError> {
    use crate::files::WriteError;
    let html = html::with_chain_head(html.to_string(), head);
    crate::files::write_private(file, html.as_bytes(), replace).map_err(|e| match e {
        WriteError::Exists(path) => ReportError::Exists(path),
        WriteError::Io { path, reason } => ReportError::Io { path, reason },
        e @ WriteError::NotRegular(_) => ReportError::Io {
            path: file.to_path_buf(),
            reason: e.to_string(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_replacing_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.html");
        write(&file, "first", false, None).unwrap();
        assert_eq!(
            write(&file, "second", false, None),
            Err(ReportError::Exists(file.clone()))
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "first");
        write(&file, "third", true, None).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "third");
    }
}
