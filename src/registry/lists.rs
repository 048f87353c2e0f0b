//! Importing ICE's published lists: every file is read first, and if any cannot be read,
//! nothing at all is written; then all of them are applied in one go, in date order.

use std::path::PathBuf;

use super::{ImportSummary, Registry, RegistryError, Result};
use crate::import::{ListKind, ReadError, read_list};
use crate::store::imports::ListToApply;
use crate::store::today;

/// The sample list offered on first start, built into the program so that an installed g287
/// has it without its source folder.
const SAMPLE_LIST: &[u8] =
    include_bytes!("../../assets/sample/participatingAgencies07182025pm.xlsx");
/// Its name as ICE published it (the name carries the list's date).
const SAMPLE_NAME: &str = "participatingAgencies07182025pm.xlsx";

/// What the coordinator says of the files when their names or columns do not say it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// Which list the files are.
    pub kind: Option<ListKind>,
    /// The lists' date.
    pub as_of: Option<chrono::NaiveDate>,
    /// Report what would change and write nothing.
    pub dry_run: bool,
}

impl Registry {
    /// Imports the lists in `files`; `progress` hears rows done of rows in all as the lists
    /// are applied. With [`ListOptions::dry_run`] the summary says what would change and the
    /// database is left as it was.
    pub fn import(
        &self,
        files: &[PathBuf],
        options: ListOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        let today = today();
        let mut lists = Vec::new();
        let mut unreadable = Vec::new();
        for file in files {
            match read_list(file, options.kind, options.as_of, today) {
                Ok(list) => match ListToApply::new(list) {
                    Ok(l) => lists.push(l),
                    Err(e) => unreadable.push(ReadError::Unreadable {
                        file: file.display().to_string(),
                        reason: e.to_string(),
                    }),
                },
                Err(e) => unreadable.push(e),
            }
        }
        if !unreadable.is_empty() {
            return Err(RegistryError::Unreadable(unreadable));
        }
        let mut store = self.store()?;
        Ok(store.apply_lists_with_progress(lists, options.dry_run, progress)?)
    }

    /// Imports the built-in sample list (ICE's list of 18 July 2025): written to a private
    /// temporary folder, read like any file, the folder removed afterwards.
    pub fn import_sample(&self) -> Result<ImportSummary> {
        let dir = std::env::temp_dir().join(format!(
            "g287-sample-{}-{}",
            std::process::id(),
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
        ));
        let unpacked = |e: std::io::Error| {
            RegistryError::io(&dir, format!("the sample list could not be unpacked: {e}"))
        };
        std::fs::create_dir_all(&dir).map_err(unpacked)?;
        let file = dir.join(SAMPLE_NAME);
        std::fs::write(&file, SAMPLE_LIST).map_err(unpacked)?;
        let result = self.import(&[file], ListOptions::default(), &mut |_, _| {});
        let _ = std::fs::remove_dir_all(&dir);
        result
    }
}
