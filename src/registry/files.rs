//! The registry's files: exports, printable reports, backups, restore, and the verification of
//! the database and its history.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{AgencyOverview, ChainHead, Registry, RegistryError, Result, Verification};
use crate::domain::AgencyId;
use crate::export::{ExportFormat, Exported};
use crate::report::ReportFormat;
use crate::store::backup::BACKUP_DIR;
use crate::store::today;

pub use crate::store::backup::Restored;

/// What `verify` found: the database's integrity, the history's chain and, when an anchor kept
/// outside was given, whether the history still holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    /// The integrity check and the chain.
    pub verification: Verification,
    /// The anchor given and what differs of it (`None`: held unchanged); `None` without one.
    pub anchor: Option<(ChainHead, Option<String>)>,
}

impl Verified {
    /// Everything holds, the anchor included.
    pub fn ok(&self) -> bool {
        self.verification.ok()
            && self
                .anchor
                .as_ref()
                .is_none_or(|(_, problem)| problem.is_none())
    }
}

/// A written report: the file, what it is, and the history's end it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The file written.
    pub file: PathBuf,
    /// "compliance report of NAME" or "program summary (changes since DATE)".
    pub what: String,
    /// The chain head the report carries (`None` for an empty history).
    pub head: Option<ChainHead>,
}

impl Registry {
    /// Exports the agencies `keep` keeps to `file` in `format`, each agreement with its unmet
    /// requirements as of today.
    pub fn export(
        &self,
        format: ExportFormat,
        file: &Path,
        keep: impl Fn(&AgencyOverview) -> bool,
    ) -> Result<Exported> {
        let store = self.store()?;
        Ok(crate::export::export_registry(
            &*store,
            format,
            file,
            today(),
            keep,
        )?)
    }

    /// Exports every agency, or only those in `only` (the window's "only the agencies listed").
    pub fn export_agencies(
        &self,
        format: ExportFormat,
        file: &Path,
        only: Option<&HashSet<AgencyId>>,
    ) -> Result<Exported> {
        self.export(format, file, |a| {
            only.is_none_or(|ids| ids.contains(&a.agency.id))
        })
    }

    /// Writes an agency's printable compliance report to `file`, as PDF or HTML by its
    /// extension (any other is refused before anything is read or written; `replace`: over an
    /// existing one).
    pub fn agency_report(&self, id: AgencyId, file: &Path, replace: bool) -> Result<Report> {
        ReportFormat::of(file)?;
        let store = self.store()?;
        let report = store.agency_report(id, today())?;
        let what = format!("compliance report of {}", report.detail.agency.details.name);
        let head = store.chain_head()?;
        crate::report::write(
            file,
            crate::report::agency_report(&report),
            replace,
            head.as_ref(),
        )?;
        Ok(Report {
            file: file.to_path_buf(),
            what,
            head,
        })
    }

    /// Writes an agency's report in `format` into `reports/` of the data folder, today's report
    /// of an agency in that format replacing the one written earlier today (the window's Report
    /// buttons).
    pub fn agency_report_in_data_folder(
        &self,
        id: AgencyId,
        format: ReportFormat,
    ) -> Result<Report> {
        let dir = self.data_dir.join("reports");
        crate::files::create_private_dir(&dir).map_err(|e| RegistryError::io(&dir, e))?;
        let file = dir.join(format!("agency-{id}-{}.{}", today(), format.extension()));
        self.agency_report(id, &file, true)
    }

    /// Writes the program summary (the dashboard's figures, changes counted since `since`) to
    /// `file`, as PDF or HTML by its extension.
    pub fn summary_report(&self, since: NaiveDate, file: &Path, replace: bool) -> Result<Report> {
        ReportFormat::of(file)?;
        let store = self.store()?;
        let document = crate::report::summary_report(&store.dashboard(today(), since)?);
        let head = store.chain_head()?;
        crate::report::write(file, document, replace, head.as_ref())?;
        Ok(Report {
            file: file.to_path_buf(),
            what: format!("program summary (changes since {since})"),
            head,
        })
    }

    /// Writes a consistent copy of the database to `file` (safe while the window runs);
    /// returns the chain head the copy holds.
    pub fn backup(&self, file: &Path) -> Result<Option<ChainHead>> {
        let store = self.store()?;
        store.backup_to(file)?;
        Ok(store.chain_head()?)
    }

    /// Makes today's automatic backup, if one is due: the file written.
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        Ok(self.store()?.daily_backup(today())?)
    }

    /// The automatic backups in the data folder, by file name.
    pub fn automatic_backups(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.data_dir.join(BACKUP_DIR))
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    /// The history's end (`N:HASH`), to keep outside the database.
    pub fn chain_head(&self) -> Result<Option<ChainHead>> {
        Ok(self.store()?.chain_head()?)
    }

    /// Replaces the database with the backup `file`, after checking it; the database it
    /// replaced is kept.
    pub fn restore(&self, file: &Path) -> Result<Restored> {
        Registry::restore_in(&self.data_dir, file)
    }

    /// Replaces the database of `data_dir` with the backup `file`, after checking it. Needs no
    /// open registry: the database in place may be the very one that cannot be used (emptied,
    /// damaged), which is why one restores.
    pub fn restore_in(data_dir: &Path, file: &Path) -> Result<Restored> {
        Ok(crate::store::backup::restore(data_dir, file)?)
    }

    /// Checks the database's integrity and the whole history, and, given `anchor`, that the
    /// history still holds that entry unchanged.
    pub fn verify(&self, anchor: Option<ChainHead>) -> Result<Verified> {
        let store = self.store()?;
        let verification = store.verify()?;
        let anchor = match anchor {
            Some(head) => {
                let problem = store.head_problem(&head)?;
                Some((head, problem))
            }
            None => None,
        };
        Ok(Verified {
            verification,
            anchor,
        })
    }
}
