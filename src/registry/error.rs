//! The one error of the registry: what went wrong, typed, so that the window and the command
//! line each word it in their own way and branch on what it is, never on its text.

use std::path::PathBuf;

use crate::import::ReadError;
use crate::report::ReportError;
use crate::store::StoreError;
use crate::store::backup::RestoreRefusal;

/// Why a registry operation did not do what was asked. `Clone`, so that the window's reply
/// messages can carry it; its `Display` is the plain wording both faces may use.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RegistryError {
    /// The database refused or failed (a rule, a missing record, a newer or locked file...).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Lists that could not be read; nothing at all was imported, so one bad file never leaves
    /// half of a set of lists applied.
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Unreadable(Vec<ReadError>),
    /// A file or folder the operation needed could not be used.
    #[error("{}: {reason}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said, and what was being done.
        reason: String,
    },
    /// The export's file could not be written (the message names it).
    #[error("{0}")]
    Export(String),
    /// A report was not written (the file exists, or could not be written).
    #[error(transparent)]
    Report(#[from] ReportError),
    /// A national list of law enforcement agencies that could not be read; the registry's
    /// list was kept.
    #[error("{file}: not a national list of law enforcement agencies g287 can read: {reason}")]
    NationalList {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// A document that was not attached (over the size limit, not a regular file); the
    /// message names the file and says nothing was written.
    #[error("{0}")]
    Document(String),
    /// A restore was refused; the database in use was not changed.
    #[error(transparent)]
    Restore(#[from] RestoreRefusal),
}

impl RegistryError {
    /// The validation errors of a refused edit, for the form that asked for it to show beside
    /// its fields.
    pub fn invalid(&self) -> Option<&[crate::domain::ValidationError]> {
        match self {
            RegistryError::Store(StoreError::Invalid(errors)) => Some(errors),
            _ => None,
        }
    }

    /// A file or folder error, naming the path.
    pub(crate) fn io(path: impl Into<PathBuf>, reason: impl ToString) -> RegistryError {
        RegistryError::Io {
            path: path.into(),
            reason: reason.to_string(),
        }
    }
}

impl From<crate::export::ExportError> for RegistryError {
    fn from(e: crate::export::ExportError) -> Self {
        match e {
            crate::export::ExportError::Store(e) => RegistryError::Store(e),
            crate::export::ExportError::Write(message) => RegistryError::Export(message),
        }
    }
}

/// A shorthand for results of the registry.
pub type Result<T> = std::result::Result<T, RegistryError>;
