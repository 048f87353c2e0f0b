//! Printable reports: the compliance report of one agency ([`agency_report`]) and the program
//! summary of the dashboard's figures ([`summary_report`]). Each is built once as a neutral
//! [`Document`] and written as a PDF ([`pdf`]: fonts embedded, US Letter pages) or as one
//! self-contained HTML file ([`html`]: style inline, nothing fetched), by the file's extension.
//!
//! Reports read what the store hands them and never the database; every text from the
//! database, agency names first, is escaped by [`html`], the only place markup is written.

pub mod agency;
pub mod document;
pub mod html;
pub mod pdf;
pub mod summary;

pub use document::Document;

pub use agency::agency_report;
pub use summary::summary_report;

use std::path::{Path, PathBuf};

/// The formats a report is written in, chosen by the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportFormat {
    /// `.pdf`: pages to print or send as they are.
    Pdf,
    /// `.html` or `.htm`: one page a browser opens.
    Html,
}

impl ReportFormat {
    /// The format `file`'s extension names (case aside), or why none: the file and the choices.
    pub fn of(file: &Path) -> Result<ReportFormat, ReportError> {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("pdf") => Ok(ReportFormat::Pdf),
            Some("html" | "htm") => Ok(ReportFormat::Html),
            _ => Err(ReportError::Format(file.to_path_buf())),
        }
    }

    /// The extension written for this format (`pdf`, `html`).
    pub fn extension(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "pdf",
            ReportFormat::Html => "html",
        }
    }

    /// The format's name for people (`PDF`, `HTML`).
    pub fn label(self) -> &'static str {
        match self {
            ReportFormat::Pdf => "PDF",
            ReportFormat::Html => "HTML",
        }
    }
}

/// Why a report was not written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReportError {
    /// The file's name ends in neither `.pdf` nor `.html`: nothing was written.
    #[error(
        "{0}: a report is written as .pdf or .html; give a file name ending in one of them (nothing was written)"
    )]
    Format(PathBuf),
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

/// Writes `document` to `file` as PDF or HTML by its extension (any other is refused before
/// anything is written), refusing to replace an existing file unless `replace`, and anything
/// that is not a regular file (a link, a pipe) always. The file is readable by its owner only,
/// like the database: an agency's report names its officers. Written whole or not at all.
///
/// `head`, the audit chain's end when the report was made, is printed at its foot.
pub fn write(
    file: &Path,
    mut document: Document,
    replace: bool,
    head: Option<&crate::store::ChainHead>,
) -> Result<(), ReportError> {
    use crate::files::WriteError;
    let format = ReportFormat::of(file)?;
    document.foot = head.map(|h| h.in_words());
    let bytes = match format {
        ReportFormat::Html => html::render(&document).into_bytes(),
        ReportFormat::Pdf => pdf::render(&document).map_err(|reason| ReportError::Io {
            path: file.to_path_buf(),
            reason,
        })?,
    };
    crate::files::write_private(file, &bytes, replace).map_err(|e| match e {
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

    fn titled(title: &str) -> Document {
        let mut d = Document::new(title);
        d.paragraph(title);
        d
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("r.html");
        write(&file, titled("first"), false, None).unwrap();
        assert_eq!(
            write(&file, titled("second"), false, None),
            Err(ReportError::Exists(file.clone()))
        );
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("<p>first</p>")
        );
        write(&file, titled("third"), true, None).unwrap();
        assert!(
            std::fs::read_to_string(&file)
                .unwrap()
                .contains("<p>third</p>")
        );
    }

    #[test]
    fn the_extension_chooses_the_format_and_any_other_is_refused_unwritten() {
        for (name, format) in [
            ("r.pdf", ReportFormat::Pdf),
            ("R.PDF", ReportFormat::Pdf),
            ("r.html", ReportFormat::Html),
            ("r.htm", ReportFormat::Html),
        ] {
            assert_eq!(ReportFormat::of(Path::new(name)), Ok(format), "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        for name in ["r.txt", "r", "r.pdf.bak", ".pdf"] {
            let file = dir.path().join(name);
            let refused = write(&file, titled("x"), false, None).unwrap_err();
            assert_eq!(refused, ReportError::Format(file.clone()));
            assert!(refused.to_string().contains(".pdf or .html"), "{refused}");
            assert!(!file.exists(), "{name} written");
        }
        let pdf = dir.path().join("r.pdf");
        write(&pdf, titled("x"), false, None).unwrap();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }
}
