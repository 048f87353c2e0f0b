//! Documents kept with the record: attaching a file to an agreement, nominee, decision,
//! complaint or meeting (an MOA read and compared with its agreement as it is attached),
//! ICE's MOAs from a folder in bulk, opening or saving a copy, removing one, and settling what
//! an MOA's reading left for review. Each write is one transaction.

use serde::Serialize;
use std::path::{Path, PathBuf};

use super::{Registry, RegistryError, Result};
use crate::documents::{
    Finding, MAX_DOCUMENT_BYTES, MoaMatch, MoaReading, MoaTarget, Subject, compare, match_moa,
    moa_file_name, read_moa, size_in_words, sniff_kind,
};
use crate::domain::AgreementId;
use crate::store::documents::{Attached, DocumentEntry, MoaCheck, NewAttachment};
use crate::store::{AgencyOverview, today};

pub use crate::store::documents::{DocumentProblem, MoaCheck as MoaCheckItem};

/// What attaching one document did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachOutcome {
    /// The attachment, its hash and whether the bytes were new to the registry.
    #[serde(flatten)]
    pub attached: Attached,
    /// The file name kept.
    pub name: String,
    /// Its size.
    pub bytes: u64,
    /// Its kind.
    pub kind: String,
    /// What was read from it, for an MOA.
    pub moa_read: Option<MoaReading>,
    /// What the MOA disagrees with or could fill in, sent to the Review screen.
    pub findings: Vec<Finding>,
}

/// One MOA of a folder put beside its agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedMoa {
    /// The file name.
    pub file: String,
    /// The agreement.
    pub agreement: AgreementId,
    /// Its agency, "NAME (ST)", and model code.
    pub agency: String,
    /// The agreement's model.
    pub model: String,
    /// `file_name` (its MOA link in ICE's lists) or `content` (what the PDF says).
    pub by: &'static str,
    /// The SHA-256 of its bytes.
    pub sha256: String,
    /// `true` when the agreement already had these very bytes attached: nothing was written.
    pub already_attached: bool,
    /// What was read from it.
    pub moa_read: MoaReading,
}

/// A disagreement between an MOA of a folder and its agreement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoaMismatch {
    /// The file name.
    pub file: String,
    /// The agreement.
    pub agreement: AgreementId,
    /// What disagrees and both values.
    #[serde(flatten)]
    pub finding: Finding,
}

/// What `attach-moas` did with a folder.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct MoaBatch {
    /// The MOAs attached (or found already attached), by file name.
    pub matched: Vec<MatchedMoa>,
    /// The PDFs that matched no agreement (or too large to keep): never attached at a guess.
    pub unmatched: Vec<String>,
    /// Why each of `unmatched` was not attached, in its order.
    pub why_unmatched: Vec<String>,
    /// What the matched MOAs disagree with in the registry (also on the Review screen).
    pub mismatches: Vec<MoaMismatch>,
    /// Signatures read that the registry lacks, waiting on the Review screen to be accepted.
    pub fills: usize,
    /// The MOAs read without text (scans): attached, nothing read.
    pub unreadable: Vec<String>,
}

/// An MOA of a folder, read and matched, waiting for the one transaction that attaches them.
struct ToAttach {
    file: String,
    bytes: Vec<u8>,
    reading: MoaReading,
    agreement: AgreementId,
    findings: Vec<Finding>,
}

/// Reads a document's file, refusing before reading anything what is not a regular file or is
/// over [`MAX_DOCUMENT_BYTES`].
pub fn read_document(path: &Path) -> Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| RegistryError::Document(format!("{}: not a file", path.display())))?;
    let meta = std::fs::metadata(path).map_err(|e| RegistryError::io(path, e))?;
    if !meta.is_file() {
        return Err(RegistryError::Document(format!(
            "{}: not a regular file; nothing was attached",
            path.display()
        )));
    }
    too_large(path, meta.len())?;
    let bytes = std::fs::read(path).map_err(|e| RegistryError::io(path, e))?;
    // It may have grown between the look and the read.
    too_large(path, bytes.len() as u64)?;
    Ok((name, bytes))
}

fn too_large(path: &Path, size: u64) -> Result<()> {
    if size > MAX_DOCUMENT_BYTES {
        return Err(RegistryError::Document(format!(
            "{}: {} ({size} bytes) is over the limit of {} ({MAX_DOCUMENT_BYTES} bytes) a document may be; nothing was attached",
            path.display(),
            size_in_words(size),
            size_in_words(MAX_DOCUMENT_BYTES)
        )));
    }
    Ok(())
}

/// Every agreement as matching and comparing see it.
fn targets(agencies: &[AgencyOverview]) -> Vec<MoaTarget> {
    agencies
        .iter()
        .flat_map(|a| {
            a.agreements.iter().map(move |g| MoaTarget {
                agreement: g.agreement.id,
                state: a.agency.details.state,
                agency: a.agency.details.name.clone(),
                model: g.agreement.model,
                component: g.agreement.component,
                moa_file: g.agreement.moa_url.as_deref().and_then(moa_file_name),
                signed_on: g.agreement.signed_on,
                signing: g.agreement.signing.clone(),
            })
        })
        .collect()
}

/// The target of one agreement.
fn target_of(store: &crate::store::Store, id: AgreementId) -> Result<MoaTarget> {
    let agreement = store.agreement(id)?;
    let agency = store.agency(agreement.agency_id)?;
    Ok(MoaTarget {
        agreement: id,
        state: agency.details.state,
        agency: agency.details.name,
        model: agreement.model,
        component: agreement.component,
        moa_file: agreement.moa_url.as_deref().and_then(moa_file_name),
        signed_on: agreement.signed_on,
        signing: agreement.signing,
    })
}

impl Registry {
    /// Attaches the file at `path` to a record, as one transaction. An MOA (`role` `moa`, on
    /// an agreement) is read, and what it disagrees with or could fill in goes to review.
    pub fn attach(
        &self,
        subject: Subject,
        id: i64,
        path: &Path,
        role: Option<&str>,
    ) -> Result<AttachOutcome> {
        let (name, bytes) = read_document(path)?;
        self.attach_bytes(subject, id, &name, &bytes, role)
    }

    /// [`Registry::attach`] of bytes already read (a dropped file, a test).
    pub fn attach_bytes(
        &self,
        subject: Subject,
        id: i64,
        name: &str,
        bytes: &[u8],
        role: Option<&str>,
    ) -> Result<AttachOutcome> {
        too_large(Path::new(name), bytes.len() as u64)?;
        let kind = sniff_kind(name, bytes);
        let role = role.map(str::trim).filter(|r| !r.is_empty());
        let is_moa = role == Some("moa") && subject == Subject::Agreement;
        let moa_read = is_moa.then(|| read_moa(bytes));
        let mut store = self.store()?;
        let findings = match &moa_read {
            Some(read) => compare(read, &target_of(&store, AgreementId(id))?),
            None => Vec::new(),
        };
        let attached = store.write(|w| {
            let attached = w.attach_document(&NewAttachment {
                subject,
                subject_id: id,
                name,
                role,
                kind,
                content: bytes,
                moa_read: moa_read.as_ref(),
            })?;
            w.record_moa_findings(attached.id, AgreementId(id), &findings)?;
            Ok(attached)
        })?;
        Ok(AttachOutcome {
            attached,
            name: name.trim().to_string(),
            bytes: bytes.len() as u64,
            kind: kind.to_string(),
            moa_read,
            findings,
        })
    }

    /// Attaches every PDF of `dir` that matches an agreement ([`match_moa`]) as its MOA, read
    /// and compared, in one transaction; lists what matches nothing. A PDF the agreement
    /// already holds (the same bytes) is not attached again.
    pub fn attach_moas(&self, dir: &Path) -> Result<MoaBatch> {
        let entries = std::fs::read_dir(dir).map_err(|e| RegistryError::io(dir, e))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.is_file()
                    && p.extension()
                        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("pdf"))
            })
            .collect();
        files.sort();
        let mut store = self.store()?;
        let targets = targets(&store.overview()?);
        let held = store.documents_by_agreement()?;
        let mut batch = MoaBatch::default();
        // Read outside the transaction: reading takes time, writing does not.
        let mut to_attach: Vec<ToAttach> = Vec::new();
        for path in files {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = match read_document(&path) {
                Ok((_, bytes)) => bytes,
                Err(e) => {
                    batch.unmatched.push(file);
                    batch.why_unmatched.push(e.to_string());
                    continue;
                }
            };
            let reading = read_moa(&bytes);
            let (agreement, by) = match match_moa(&file, &reading, &targets) {
                MoaMatch::ByFileName(id) => (id, "file_name"),
                MoaMatch::ByContent(id) => (id, "content"),
                MoaMatch::Unmatched(why) => {
                    batch.unmatched.push(file);
                    batch.why_unmatched.push(why);
                    continue;
                }
            };
            let Some(target) = targets.iter().find(|t| t.agreement == agreement) else {
                continue;
            };
            let sha256 = crate::documents::sha256_hex(&bytes);
            let already = held.get(&agreement).is_some_and(|docs| {
                docs.iter()
                    .any(|d| d.sha256 == sha256 && d.role.as_deref() == Some("moa"))
            });
            if reading.unreadable.is_some() {
                batch.unreadable.push(file.clone());
            }
            batch.matched.push(MatchedMoa {
                file: file.clone(),
                agreement,
                agency: format!("{} ({})", target.agency, target.state.code()),
                model: target.model.code().to_string(),
                by,
                sha256,
                already_attached: already,
                moa_read: reading.clone(),
            });
            if already {
                continue;
            }
            let findings = compare(&reading, target);
            for f in &findings {
                match f.kind {
                    crate::documents::FindingKind::Disagrees => {
                        batch.mismatches.push(MoaMismatch {
                            file: file.clone(),
                            agreement,
                            finding: f.clone(),
                        })
                    }
                    crate::documents::FindingKind::Fills => batch.fills += 1,
                }
            }
            to_attach.push(ToAttach {
                file,
                bytes,
                reading,
                agreement,
                findings,
            });
        }
        if !to_attach.is_empty() {
            store.write(|w| {
                for ToAttach {
                    file,
                    bytes,
                    reading,
                    agreement,
                    findings,
                } in &to_attach
                {
                    let attached = w.attach_document(&NewAttachment {
                        subject: Subject::Agreement,
                        subject_id: agreement.0,
                        name: file,
                        role: Some("moa"),
                        kind: sniff_kind(file, bytes),
                        content: bytes,
                        moa_read: Some(reading),
                    })?;
                    w.record_moa_findings(attached.id, *agreement, findings)?;
                }
                Ok(())
            })?;
        }
        Ok(batch)
    }

    /// The documents attached to a record (a missing record is `NotFound`).
    pub fn documents(&self, subject: Subject, id: i64) -> Result<Vec<DocumentEntry>> {
        Ok(self.store()?.documents_of(subject, id)?)
    }

    /// One attachment, removed ones included.
    pub fn document(&self, id: i64) -> Result<DocumentEntry> {
        Ok(self.store()?.document(id)?)
    }

    /// Writes a copy of an attachment's document to `dest`, which must not exist yet.
    pub fn save_document(&self, id: i64, dest: &Path) -> Result<DocumentEntry> {
        let store = self.store()?;
        let entry = store.document(id)?;
        let bytes = store.document_content(id)?;
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(dest)
            .map_err(|e| RegistryError::io(dest, format!("{e}; nothing was written")))?;
        std::io::Write::write_all(&mut file, &bytes).map_err(|e| RegistryError::io(dest, e))?;
        Ok(entry)
    }

    /// Writes an attachment's document to a file of its own in the system's temporary folder,
    /// named after it, for the system's viewer; returns the file.
    pub fn document_to_view(&self, id: i64) -> Result<PathBuf> {
        let store = self.store()?;
        let entry = store.document(id)?;
        let bytes = store.document_content(id)?;
        let dir = std::env::temp_dir()
            .join("g287-documents")
            .join(&entry.sha256[..16]);
        std::fs::create_dir_all(&dir).map_err(|e| RegistryError::io(&dir, e))?;
        // The name as attached, without anything that could leave the folder.
        let safe: String = entry
            .name
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':') || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let file = dir.join(if safe.trim_matches('.').is_empty() {
            "document".to_string()
        } else {
            safe
        });
        std::fs::write(&file, &bytes).map_err(|e| RegistryError::io(&file, e))?;
        Ok(file)
    }

    /// Removes an attachment (marked removed, in the history; the bytes stay); returns it.
    pub fn remove_document(&self, id: i64) -> Result<DocumentEntry> {
        Ok(self.store()?.write(|w| w.remove_document(id))?)
    }

    /// What MOAs' readings left for review.
    pub fn moa_checks(&self) -> Result<Vec<MoaCheck>> {
        Ok(self.store()?.open_moa_checks()?)
    }

    /// Accepts (fills in the signature read) or dismisses (with `note`) an MOA check; returns
    /// those still open.
    pub fn settle_moa_check(
        &self,
        id: i64,
        accept: bool,
        note: Option<&str>,
    ) -> Result<Vec<MoaCheck>> {
        let mut store = self.store()?;
        store.write(|w| w.resolve_moa_check(id, accept, note, today()))?;
        Ok(store.open_moa_checks()?)
    }
}
