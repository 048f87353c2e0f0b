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

use std::io::Write;
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

/// Writes `html` to `file`, refusing to replace an existing file unless `replace`. The file is
/// readable by its owner only, like the database: an agency's report names its officers.
pub fn write(file: &Path, html: &str, replace: bool) -> Result<(), ReportError> {
    let io = |e: std::io::Error| ReportError::Io {
        path: file.to_path_buf(),
        reason: e.to_string(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if replace {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut out = options.open(file).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            ReportError::Exists(file.to_path_buf())
        } else {
            io(e)
        }
    })?;
    out.write_all(html.as_bytes()).map_err(io)?;
    out.sync_all().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_existing_file_is_kept_unless_replacing_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.html");
        write(&file, "first", false).unwrap();
        assert_eq!(
            write(&file, "second", false),
            Err(ReportError::Exists(file.clone()))
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "first");
        write(&file, "third", true).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "third");
    }
}
