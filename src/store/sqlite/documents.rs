//! Documents kept with the record: their bytes (once per SHA-256, in `document_contents`,
//! which the history does not copy), their fingerprints (`documents`, which it does), each
//! attachment to a record, and what an MOA's reading left for review (`moa_checks`).
//!
//! A removed attachment is marked, never deleted; a document's bytes are kept as long as the
//! registry is (a removal is in the history, and the history's `documents` row still names the
//! bytes, so `verify` can always prove them).

use crate::store::connection::{Connection, OptionalExtension, Row};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use serde_json::json;
use std::collections::HashMap;

use super::{Result, Store, StoreError, Writer};
use crate::documents::{Finding, MoaReading, Subject, sha256_hex};
use crate::domain::agreement::MoaSigning;
use crate::domain::{AgencyId, AgreementId, ValidationError};

/// One document attached to a record, as lists, the JSON of `g287 agencies` and reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentEntry {
    /// The attachment's id (what `g287 document` takes).
    pub id: i64,
    /// The file name it was attached under.
    pub name: String,
    /// The SHA-256 of its bytes.
    pub sha256: String,
    /// Its size.
    pub bytes: i64,
    /// `pdf`, `png`, `jpeg`, `docx`... ([`crate::documents::sniff_kind`]).
    pub kind: String,
    /// `moa` for a signed MOA, else `None`.
    pub role: Option<String>,
    /// The record it is attached to.
    pub subject: Subject,
    /// That record's id.
    pub subject_id: i64,
    /// When and by whom it was attached.
    pub attached_at: String,
    /// Who attached it.
    pub attached_by: String,
    /// What was read from it, for an MOA.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moa_read: Option<MoaReading>,
}

/// A document to attach: its bytes, fingerprinted and sized by the caller, and where.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    /// The record.
    pub subject: Subject,
    /// Its id.
    pub subject_id: i64,
    /// The file name (without folders).
    pub name: &'a str,
    /// `moa`, or `None`.
    pub role: Option<&'a str>,
    /// Its kind.
    pub kind: &'a str,
    /// Its bytes.
    pub content: &'a [u8],
    /// What was read from it, for an MOA.
    pub moa_read: Option<&'a MoaReading>,
}

/// What attaching did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Attached {
    /// The attachment's id.
    pub id: i64,
    /// The SHA-256 of the bytes.
    pub sha256: String,
    /// `false` when the same bytes were already kept (attached elsewhere or before): they were
    /// not stored again.
    pub stored: bool,
    /// The agency of the record, for messages and the window.
    #[serde(skip)]
    pub agency: AgencyId,
}

/// A difference between an MOA and its agreement, or a value the MOA could fill in, as the
/// Review screen and `g287 moa-checks` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MoaCheck {
    /// Its id.
    pub id: i64,
    /// The agreement.
    pub agreement_id: AgreementId,
    /// The agency's name and state, for the reader.
    pub agency: String,
    /// The agency's state.
    pub state: String,
    /// The agreement's model code.
    pub model: String,
    /// The MOA's file name.
    pub document: String,
    /// `disagrees` or `fills`.
    pub kind: String,
    /// `model`, `state`, `agency`, `signed_on`, `agency_signature`, `component_signature`.
    pub field: String,
    /// What the MOA says.
    pub in_moa: String,
    /// What the registry holds.
    pub in_registry: Option<String>,
    /// `open`, `accepted` or `dismissed`.
    pub state_of_check: String,
}

/// What verifying the documents' bytes found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentProblem {
    /// The SHA-256 the registry (and its history) records.
    pub sha256: String,
    /// Where it is attached: "MOA.pdf (agreement 12)", joined.
    pub attached_as: String,
    /// `changed` (the bytes hash to something else), `missing`, or `unrecorded` (bytes in the
    /// registry that no document records: put there outside g287).
    pub problem: String,
}

impl DocumentProblem {
    /// In words, for `verify` and the window.
    pub fn in_words(&self) -> String {
        match self.problem.as_str() {
            "unrecorded" => format!(
                "bytes kept under the name {} are recorded by no document: they were put in outside g287",
                self.sha256.chars().take(24).collect::<String>()
            ),
            "missing" => format!(
                "the bytes of {} (SHA-256 {}) are missing",
                self.attached_as,
                self.sha256.chars().take(12).collect::<String>()
            ),
            _ => format!(
                "the bytes of {} changed outside g287: they no longer hash to the recorded SHA-256 {}",
                self.attached_as,
                self.sha256.chars().take(12).collect::<String>()
            ),
        }
    }
}

const ENTRY_COLUMNS: &str = "a.id, a.name, d.sha256, d.bytes, d.kind, a.role, a.subject, \
     a.subject_id, a.attached_at, a.attached_by, a.moa_read";

fn entry(r: &Row<'_>) -> crate::store::connection::Result<DocumentEntry> {
    let subject: String = r.get(6)?;
    let moa_read: Option<String> = r.get(10)?;
    Ok(DocumentEntry {
        id: r.get(0)?,
        name: r.get(1)?,
        sha256: r.get(2)?,
        bytes: r.get(3)?,
        kind: r.get(4)?,
        role: r.get(5)?,
        subject: Subject::parse(&subject).unwrap_or(Subject::Agreement),
        subject_id: r.get(7)?,
        attached_at: r.get(8)?,
        attached_by: r.get(9)?,
        moa_read: moa_read.and_then(|m| serde_json::from_str(&m).ok()),
    })
}

/// Whether the file has schema 6's documents (an older backup being checked has not).
fn has_documents(conn: &Connection) -> Result<bool> {
    if conn.is_postgres() {
        // A registry on a server starts at schema 6.
        return Ok(true);
    }
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM main.sqlite_schema WHERE type = 'table' AND name = 'documents'",
        [],
        |r| r.get(0),
    )?)
}

/// The agency a record belongs to, or `NotFound`.
fn agency_of(conn: &Connection, subject: Subject, id: i64) -> Result<AgencyId> {
    let sql = match subject {
        Subject::Agreement => "SELECT agency_id FROM agreements WHERE id = ?1",
        Subject::Nominee => {
            "SELECT g.agency_id FROM nominees x JOIN agreements g ON g.id = x.agreement_id WHERE x.id = ?1"
        }
        Subject::Decision => {
            "SELECT g.agency_id FROM decisions x JOIN agreements g ON g.id = x.agreement_id WHERE x.id = ?1"
        }
        Subject::Complaint => {
            "SELECT g.agency_id FROM complaints x JOIN agreements g ON g.id = x.agreement_id WHERE x.id = ?1"
        }
        Subject::Meeting => {
            "SELECT g.agency_id FROM meetings x JOIN agreements g ON g.id = x.agreement_id WHERE x.id = ?1"
        }
    };
    conn.query_row(sql, [id], |r| r.get(0))
        .optional()?
        .map(AgencyId)
        .ok_or(StoreError::NotFound {
            what: subject.code(),
            id,
        })
}

fn attachment_entry(conn: &Connection, id: i64, removed_too: bool) -> Result<DocumentEntry> {
    let removed = if removed_too {
        ""
    } else {
        "AND a.removed_at IS NULL"
    };
    conn.query_row(
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM attachments a JOIN documents d ON d.id = a.document_id
             WHERE a.id = ?1 {removed}"
        ),
        [id],
        entry,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "document",
        id,
    })
}

impl Store {
    /// The documents attached to a record (not removed), oldest first.
    pub fn documents_of(&self, subject: Subject, id: i64) -> Result<Vec<DocumentEntry>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS} FROM attachments a JOIN documents d ON d.id = a.document_id
             WHERE a.subject = ?1 AND a.subject_id = ?2 AND a.removed_at IS NULL ORDER BY a.id"
        ))?;
        let rows = stmt.query_map(params![subject.code(), id], entry)?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// The documents of an agreement and of its nominees, decisions, complaints and meetings
    /// (not removed), oldest first: what its report and the Agency screen list.
    pub fn documents_under_agreement(&self, id: AgreementId) -> Result<Vec<DocumentEntry>> {
        Ok(super::scope::rows(
            self.documents_in(super::scope::Scope::Agreement(id))?,
        ))
    }

    /// The documents of the agreements of `scope` and of their nominees, decisions,
    /// complaints and meetings (not removed), oldest first, each with its agreement.
    pub(crate) fn documents_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, DocumentEntry)>> {
        let of =
            |table: &str| format!("(SELECT agreement_id FROM {table} WHERE id = a.subject_id)");
        let agreement = format!(
            "CASE a.subject WHEN 'agreement' THEN a.subject_id WHEN 'nominee' THEN {}
             WHEN 'decision' THEN {} WHEN 'complaint' THEN {} WHEN 'meeting' THEN {} END",
            of("nominees"),
            of("decisions"),
            of("complaints"),
            of("meetings")
        );
        let within = |table: &str| {
            format!(
                "a.subject_id IN (SELECT id FROM {table} WHERE {})",
                scope.condition("agreement_id")
            )
        };
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {ENTRY_COLUMNS}, {agreement}
             FROM attachments a JOIN documents d ON d.id = a.document_id
             WHERE a.removed_at IS NULL AND (
                (a.subject = 'agreement' AND {})
                OR (a.subject = 'nominee' AND {})
                OR (a.subject = 'decision' AND {})
                OR (a.subject = 'complaint' AND {})
                OR (a.subject = 'meeting' AND {}))
             ORDER BY a.id",
            scope.condition("a.subject_id"),
            within("nominees"),
            within("decisions"),
            within("complaints"),
            within("meetings"),
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            let under: i64 = r.get(r.column_count() - 1)?;
            entry(r).map(|e| (AgreementId(under), e))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// The documents of every agreement (not removed), by agreement, oldest first.
    pub fn documents_by_agreement(&self) -> Result<HashMap<AgreementId, Vec<DocumentEntry>>> {
        let mut out: HashMap<AgreementId, Vec<DocumentEntry>> = HashMap::new();
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {ENTRY_COLUMNS} FROM attachments a JOIN documents d ON d.id = a.document_id
             WHERE a.subject = 'agreement' AND a.removed_at IS NULL ORDER BY a.id"
        ))?;
        let rows = stmt.query_map([], entry)?;
        for row in rows {
            let row = row?;
            out.entry(AgreementId(row.subject_id))
                .or_default()
                .push(row);
        }
        Ok(out)
    }

    /// One attachment (removed ones included) with its document.
    pub fn document(&self, id: i64) -> Result<DocumentEntry> {
        attachment_entry(self.conn(), id, true)
    }

    /// The bytes of an attachment's document.
    pub fn document_content(&self, id: i64) -> Result<Vec<u8>> {
        let entry = self.document(id)?;
        self.conn()
            .query_row(
                "SELECT content FROM document_contents WHERE sha256 = ?1",
                [&entry.sha256],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| {
                StoreError::Io(format!(
                    "the bytes of {} (SHA-256 {}) are missing from the registry; run g287 verify",
                    entry.name, entry.sha256
                ))
            })
    }

    /// The MOA checks still open, by agreement.
    pub fn open_moa_checks(&self) -> Result<Vec<MoaCheck>> {
        let mut stmt = self.conn().prepare(
            "SELECT c.id, c.agreement_id, g.name, g.state, a.model, t.name, c.kind, c.field,
                    c.in_moa, c.in_registry, c.state
             FROM moa_checks c JOIN agreements a ON a.id = c.agreement_id
             JOIN agencies g ON g.id = a.agency_id JOIN attachments t ON t.id = c.attachment_id
             WHERE c.state = 'open' ORDER BY g.state, g.name, c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(MoaCheck {
                id: r.get(0)?,
                agreement_id: AgreementId(r.get(1)?),
                agency: r.get(2)?,
                state: r.get(3)?,
                model: r.get(4)?,
                document: r.get(5)?,
                kind: r.get(6)?,
                field: r.get(7)?,
                in_moa: r.get(8)?,
                in_registry: r.get(9)?,
                state_of_check: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}

impl Writer<'_> {
    /// Attaches a document to a record: its bytes are stored once per SHA-256 (the same bytes
    /// attached again, anywhere, are not stored again); the attachment is a row of its own,
    /// in the history with the document's hash. The size limit is the caller's to enforce
    /// before reading the file.
    pub fn attach_document(&mut self, new: &NewAttachment<'_>) -> Result<Attached> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StoreError::Invalid(vec![ValidationError::new(
                "name",
                new.name,
                "a document needs a file name",
            )]));
        }
        let agency = agency_of(self, new.subject, new.subject_id)?;
        let sha256 = sha256_hex(new.content);
        let existing: Option<i64> = self
            .query_row(
                "SELECT id FROM documents WHERE sha256 = ?1",
                [&sha256],
                |r| r.get(0),
            )
            .optional()?;
        let stored = existing.is_none();
        let document_id = match existing {
            Some(id) => id,
            None => {
                self.execute(
                    "INSERT INTO documents (sha256, bytes, kind, added_at, added_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![
                        sha256,
                        new.content.len() as i64,
                        new.kind,
                        self.now(),
                        self.user()
                    ],
                )?;
                let id = self.last_insert_rowid()?;
                // The bytes may be there without their row (a removed row put back by a
                // restore of an older copy): keep the one copy.
                self.execute(
                    "INSERT INTO document_contents (sha256, content) VALUES (?1, ?2)
                     ON CONFLICT (sha256) DO NOTHING",
                    params![sha256, new.content],
                )?;
                id
            }
        };
        let moa_read = new
            .moa_read
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| StoreError::Io(e.to_string()))?;
        self.execute(
            "INSERT INTO attachments (document_id, subject, subject_id, name, role, moa_read,
                                      attached_at, attached_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                document_id,
                new.subject.code(),
                new.subject_id,
                name,
                new.role,
                moa_read,
                self.now(),
                self.user()
            ],
        )?;
        let id = self.last_insert_rowid()?;
        self.log(
            "document",
            Some(id),
            Some(agency.0),
            "attach",
            json!({
                "name": name, "sha256": sha256, "bytes": new.content.len(), "kind": new.kind,
                "subject": new.subject.code(), "subject_id": new.subject_id, "role": new.role,
                "stored": stored,
            }),
        )?;
        Ok(Attached {
            id,
            sha256,
            stored,
            agency,
        })
    }

    /// The agency of the record an attachment (removed or not) belongs to.
    pub fn document_agency(&self, id: i64) -> Result<AgencyId> {
        let entry = attachment_entry(self, id, true)?;
        agency_of(self, entry.subject, entry.subject_id)
    }

    /// Removes an attachment: marked removed (kept, with who and when, in the history); the
    /// document's bytes stay. Returns what was removed.
    pub fn remove_document(&mut self, id: i64) -> Result<DocumentEntry> {
        let removed = attachment_entry(self, id, false)?;
        let agency = agency_of(self, removed.subject, removed.subject_id)?;
        self.execute(
            "UPDATE attachments SET removed_at = ?2, removed_by = ?3 WHERE id = ?1",
            params![id, self.now(), self.user()],
        )?;
        // A removed MOA's open checks are no longer anyone's to settle.
        self.execute(
            "UPDATE moa_checks SET state = 'dismissed', note = 'the MOA was removed',
                    resolved_by = ?2, resolved_at = ?3
             WHERE attachment_id = ?1 AND state = 'open'",
            params![id, self.user(), self.now()],
        )?;
        self.log(
            "document",
            Some(id),
            Some(agency.0),
            "remove",
            json!({"name": removed.name, "sha256": removed.sha256,
                   "subject": removed.subject.code(), "subject_id": removed.subject_id}),
        )?;
        Ok(removed)
    }

    /// Records what an MOA's reading disagrees with or could fill in, for review.
    pub fn record_moa_findings(
        &mut self,
        attachment: i64,
        agreement: AgreementId,
        findings: &[Finding],
    ) -> Result<()> {
        for f in findings {
            self.execute(
                "INSERT INTO moa_checks (attachment_id, agreement_id, kind, field, in_moa, in_registry)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    attachment,
                    agreement,
                    f.kind.code(),
                    f.field,
                    f.in_moa,
                    f.in_registry
                ],
            )?;
        }
        Ok(())
    }

    /// Settles an MOA check: `accept` a value to fill in (the signature read from the MOA is
    /// recorded, if the agreement still has none), or dismiss any check with a reason.
    pub fn resolve_moa_check(
        &mut self,
        id: i64,
        accept: bool,
        note: Option<&str>,
        today: NaiveDate,
    ) -> Result<()> {
        let (attachment, agreement_id, kind, field, state): (i64, AgreementId, String, String, String) = self
            .query_row(
                "SELECT attachment_id, agreement_id, kind, field, state FROM moa_checks WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, AgreementId(r.get(1)?), r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "MOA check",
                id,
            })?;
        if state != "open" {
            return Err(StoreError::Conflict(format!(
                "MOA check {id} is already {state}"
            )));
        }
        if accept {
            if kind != "fills" {
                return Err(StoreError::Invalid(vec![ValidationError::new(
                    "accept",
                    &field,
                    "a disagreement is not a value to fill in: dismiss it with the reason, or correct the registry",
                )]));
            }
            let read = attachment_entry(self, attachment, true)?.moa_read;
            let party = match field.as_str() {
                "agency_signature" => crate::documents::SignerParty::Agency,
                _ => crate::documents::SignerParty::Ice,
            };
            let signature = read
                .as_ref()
                .and_then(|r| crate::documents::moa_check::signature_read(r, party))
                .ok_or_else(|| {
                    StoreError::Conflict(format!(
                        "MOA check {id}: the MOA's reading holds no full signature"
                    ))
                })?;
            let current = super::agreements::agreement(self, agreement_id)?;
            let mut signing: MoaSigning = current.signing.clone();
            let slot = match party {
                crate::documents::SignerParty::Agency => &mut signing.agency,
                crate::documents::SignerParty::Ice => &mut signing.component,
            };
            if slot.is_some() {
                return Err(StoreError::Conflict(format!(
                    "MOA check {id}: the agreement has a {field} on record now; nothing was filled in"
                )));
            }
            *slot = Some(signature);
            self.record_signing(agreement_id, &signing, today)?;
        } else if note.is_none_or(|n| n.trim().is_empty()) {
            return Err(StoreError::Invalid(vec![ValidationError::new(
                "reason",
                note.unwrap_or(""),
                "say why the MOA check is dismissed",
            )]));
        }
        self.execute(
            "UPDATE moa_checks SET state = ?2, note = ?3, resolved_by = ?4, resolved_at = ?5
             WHERE id = ?1",
            params![
                id,
                if accept { "accepted" } else { "dismissed" },
                note.map(str::trim),
                self.user(),
                self.now()
            ],
        )?;
        let agency = super::agreements::agreement(self, agreement_id)?.agency_id;
        self.log(
            "moa_check",
            Some(id),
            Some(agency.0),
            if accept { "accept" } else { "dismiss" },
            json!({"agreement": agreement_id, "field": field, "note": note}),
        )?;
        Ok(())
    }
}

/// Hashes every document's bytes against the SHA-256 the registry (and its history) records:
/// how many hold, and every document whose bytes changed or are missing, named by where it is
/// attached. Nothing on a file older than schema 6.
pub(crate) fn check_contents(conn: &Connection) -> Result<(usize, Vec<DocumentProblem>)> {
    if !has_documents(conn)? {
        return Ok((0, Vec::new()));
    }
    let mut proven = 0;
    let mut problems = Vec::new();
    // PostgreSQL calls SQLite's group_concat string_agg.
    let concat = if conn.is_postgres() {
        "string_agg"
    } else {
        "group_concat"
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT d.sha256, c.content, c.sha256 IS NULL,
                (SELECT {concat}(a.name || ' (' || a.subject || ' ' || a.subject_id || ')', ', ')
                 FROM attachments a WHERE a.document_id = d.id)
         FROM documents d LEFT JOIN document_contents c ON c.sha256 = d.sha256
         ORDER BY d.id",
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let r = &r;
        let recorded: String = r.get(0)?;
        let missing: bool = r.get(2)?;
        let attached_as: Option<String> = r.get(3)?;
        let attached_as = attached_as.unwrap_or_else(|| "a document attached nowhere".into());
        if missing {
            problems.push(DocumentProblem {
                sha256: recorded,
                attached_as,
                problem: "missing".into(),
            });
            continue;
        }
        let content = r.get_ref(1)?.as_blob().unwrap_or_default();
        if sha256_hex(content) == recorded {
            proven += 1;
        } else {
            problems.push(DocumentProblem {
                sha256: recorded,
                attached_as,
                problem: "changed".into(),
            });
        }
    }
    // Bytes no document records: put in outside g287 (the history never saw them).
    let mut stmt = conn.prepare(
        "SELECT c.sha256 FROM document_contents c
         WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = c.sha256) ORDER BY c.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let r = &r;
        problems.push(DocumentProblem {
            sha256: r.get(0)?,
            attached_as: "bytes no document records".into(),
            problem: "unrecorded".into(),
        });
    }
    Ok((proven, problems))
}
