//! The national list of law enforcement agencies: the copy shipped with g287, read into a
//! registry once, a newer FBI file read on the coordinator's word, and the links of agencies
//! that wait for a coordinator.

use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::{Registry, RegistryError, Result};
use crate::domain::reference::{NationalList, OriLink, ReferenceAgency};
use crate::domain::{AgencyId, Ori};
use crate::import::national::read_national_list;
use crate::store::Store;
use crate::store::national::{LinkCounts, LinkInReview, NationalLoad};

/// The name of the national list shipped in `assets/`, as the registry records it.
pub const SHIPPED_FILE: &str = "national-agencies-fbi-lee.csv";

/// The FBI's list of law enforcement agencies as g287 ships it (2018-2025 figures, 18,330
/// agencies), built into the program so that a registry has it without a download.
static SHIPPED: &[u8] = include_bytes!("../../assets/national-agencies-fbi-lee.csv");

/// What reading a national list into the registry did.
#[derive(Debug, Clone, PartialEq)]
pub struct NationalRefresh {
    /// The file and its counts of added, changed and removed agencies.
    pub load: NationalLoad,
    /// The agencies linked, and those sent to review.
    pub links: LinkCounts,
    /// Rows of the file that were not read, each naming its file, row, column and value.
    pub problems: Vec<String>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The national list shipped with g287, read from the copy built into the program.
pub fn shipped_list() -> Result<NationalList> {
    read_national_list(SHIPPED, SHIPPED_FILE)
        .map(|r| r.list)
        .map_err(|e| RegistryError::NationalList {
            file: SHIPPED_FILE.into(),
            reason: e.to_string(),
        })
}

/// Reads the shipped list into a registry that holds none yet (a new one, or one made before
/// schema 5), and links its agencies: once, in one transaction.
pub(super) fn ensure_shipped(store: &mut Store) -> Result<()> {
    if !store.national_list_never_loaded()? {
        return Ok(());
    }
    let reading =
        read_national_list(SHIPPED, SHIPPED_FILE).map_err(|e| RegistryError::NationalList {
            file: SHIPPED_FILE.into(),
            reason: e.to_string(),
        })?;
    let sha = sha256_hex(SHIPPED);
    store.write(|w| {
        // Read again inside the transaction: another g287 may have done it meanwhile.
        if !crate::store::national::never_loaded(w)? {
            return Ok(());
        }
        w.load_national_list(&reading.list, SHIPPED_FILE, &sha)
            .map(|_| ())
    })?;
    Ok(())
}

impl Registry {
    /// The national list the registry holds, for the New agency form's search.
    pub fn national_list(&self) -> Result<Arc<NationalList>> {
        Ok(Arc::new(self.store()?.national_list()?))
    }

    /// The row of the national list with this ORI.
    pub fn national_agency(&self, ori: &Ori) -> Result<Option<ReferenceAgency>> {
        Ok(self.store()?.national_agency(ori)?)
    }

    /// The files the national list was read from, oldest first.
    pub fn national_loads(&self) -> Result<Vec<NationalLoad>> {
        Ok(self.store()?.national_loads()?)
    }

    /// An agency's link to the national list.
    pub fn ori_link(&self, id: AgencyId) -> Result<Option<OriLink>> {
        Ok(self.store()?.ori_link(id)?)
    }

    /// Reads a newer national list (the FBI's CSV, as `g287 agencies-reference FILE` gives
    /// it) into the registry in one transaction: rows added, changed and removed by ORI, the
    /// file and its SHA-256 in the history, agencies linked again where the rules now decide,
    /// agencies linked to an ORI that is gone sent to review. A file that is not such a list
    /// changes nothing.
    pub fn load_national_list(&self, file: &Path) -> Result<NationalRefresh> {
        let bytes = std::fs::read(file).map_err(|e| RegistryError::io(file, e))?;
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.display().to_string());
        let reading = read_national_list(&bytes, &file.display().to_string()).map_err(|e| {
            RegistryError::NationalList {
                file: file.display().to_string(),
                reason: e.to_string(),
            }
        })?;
        if reading.list.is_empty() {
            return Err(RegistryError::NationalList {
                file: file.display().to_string(),
                reason: "it holds no agency that could be read; the registry's list was kept"
                    .into(),
            });
        }
        let sha = sha256_hex(&bytes);
        let (load, links) = self
            .store()?
            .write(|w| w.load_national_list(&reading.list, &name, &sha))?;
        Ok(NationalRefresh {
            load,
            links,
            problems: reading.problems.iter().map(ToString::to_string).collect(),
        })
    }

    /// The agencies whose link waits for a coordinator; the first `with_candidates` with
    /// their candidates, best first.
    pub fn links_in_review(&self, with_candidates: usize) -> Result<Vec<LinkInReview>> {
        Ok(self.store()?.links_in_review(with_candidates)?)
    }

    /// A coordinator's word on an agency's link: to this ORI of the national list, or (`None`)
    /// to none, with the reason.
    pub fn confirm_link(&self, id: AgencyId, ori: Option<&Ori>, reason: &str) -> Result<()> {
        Ok(self.store()?.write(|w| w.confirm_link(id, ori, reason))?)
    }

    /// Undoes an agency's link; it goes to the Review screen.
    pub fn undo_link(&self, id: AgencyId) -> Result<()> {
        Ok(self.store()?.write(|w| w.undo_link(id))?)
    }
}
