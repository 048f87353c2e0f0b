//! The requirement catalogue as the store keeps it: loaded from the shipped file on first start,
//! then edited only through the program, each edit bumping the version and logged.

use crate::store::connection::OptionalExtension;
use rusqlite::params;

use super::agencies::diff;
use super::{AuditEntry, Result, Store, StoreError, Writer};
use std::sync::Arc;

use crate::domain::catalogue::{SHIPPED_1, SHIPPED_REVISION, Term};
use crate::domain::{Catalogue, Requirement, ValidationError};

impl Store {
    /// Loads the shipped catalogue into an empty database, through the ordinary write path so
    /// that its arrival is in the history too; or, in a database made under an older shipped
    /// catalogue, takes its corrections (see [`upgrade`]). Checked again inside the
    /// transaction: two programs opening a database at once load or upgrade it once.
    pub(super) fn ensure_catalogue(&mut self) -> Result<()> {
        let count: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM requirements", [], |r| r.get(0))?;
        if count > 0 {
            if shipped_revision(self.conn())? < SHIPPED_REVISION {
                self.write(|w| {
                    if shipped_revision(w)? < SHIPPED_REVISION {
                        upgrade(w)?;
                    }
                    Ok(())
                })?;
            }
            return Ok(());
        }
        let shipped = Catalogue::shipped();
        self.write(|w| {
            let count: i64 = w.query_row("SELECT count(*) FROM requirements", [], |r| r.get(0))?;
            if count > 0 {
                return Ok(());
            }
            for (position, r) in shipped.requirements.iter().enumerate() {
                w.execute(
                    "INSERT INTO requirements (id, position, body) VALUES (?1, ?2, ?3)",
                    params![
                        r.id,
                        position as i64,
                        serde_json::to_string(r).unwrap_or_default()
                    ],
                )?;
            }
            insert_terms(w, &shipped.terms)?;
            w.execute(
                "INSERT INTO meta (key, value) VALUES ('catalogue_version', ?1)",
                [shipped.version.to_string()],
            )?;
            set_shipped_revision(w)?;
            keep_version(w, &shipped)?;
            w.log(
                "catalogue",
                Some(shipped.version as i64),
                None,
                "load",
                serde_json::json!({
                    "requirements": shipped.requirements.len(),
                    "terms": shipped.terms.len(),
                    "revision": SHIPPED_REVISION,
                    "source": "assets/requirements.toml",
                }),
            )
        })
    }

    /// The shipped corrections the coordinator's own edits hold back, for them to adopt or
    /// decline on the Catalogue screen.
    pub fn shipped_changes(&self) -> Result<Vec<ShippedChange>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT requirement_id, revision, shipped, theirs FROM shipped_changes
             WHERE state = 'open' ORDER BY requirement_id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let id: String = r.get(0)?;
            let read = |at: usize| -> Result<Requirement> {
                let body: String = r.get(at)?;
                serde_json::from_str(&body).map_err(|e| StoreError::Unusable {
                    path: Default::default(),
                    reason: format!("a shipped change of {id} cannot be read: {e}"),
                })
            };
            out.push(ShippedChange {
                revision: r.get(1)?,
                shipped: read(2)?,
                theirs: read(3)?,
                requirement_id: id,
            });
        }
        Ok(out)
    }

    /// The catalogue in force.
    pub fn catalogue(&self) -> Result<Catalogue> {
        catalogue(self.conn())
    }

    /// The catalogue's own history, newest first: its loading and every requirement edited.
    pub fn catalogue_history(&self) -> Result<Vec<AuditEntry>> {
        // Catalogue entries belong to no agency: asking for `agency_id IS NULL` lets SQLite
        // use the agency index instead of reading a national log from end to end.
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, at, who, entity, entity_id, agency_id, action, changes FROM audit_log
             WHERE agency_id IS NULL AND entity IN ('catalogue', 'requirement', 'term')
             ORDER BY seq DESC",
        )?;
        let rows = stmt.query_map([], super::audit::entry)?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// The catalogue as it stood at `version`, so that a decision shows the requirements it
    /// was made under. `None` for a version edited before g287 kept every version (schema 1);
    /// its changes are still in the history.
    pub fn catalogue_at(&self, version: u32) -> Result<Option<Catalogue>> {
        let row: Option<(String, Option<String>)> = self
            .conn()
            .query_row(
                "SELECT requirements, terms FROM catalogue_versions WHERE version = ?1",
                [version],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((body, terms)) = row else {
            return Ok(None);
        };
        let unreadable = |e: serde_json::Error| StoreError::Unusable {
            path: Default::default(),
            reason: format!("catalogue version {version} cannot be read: {e}"),
        };
        let requirements = serde_json::from_str(&body).map_err(unreadable)?;
        // Versions kept before g287 kept terms have none.
        let terms = match terms {
            Some(t) => serde_json::from_str(&t).map_err(unreadable)?,
            None => Vec::new(),
        };
        Ok(Some(Catalogue {
            version,
            requirements,
            terms,
        }))
    }
}

/// A correction of the shipped catalogue that g287 did not apply because the coordinator had
/// edited the requirement: both versions, for them to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct ShippedChange {
    /// The requirement's id.
    pub requirement_id: String,
    /// The shipped catalogue's revision that carries the correction.
    pub revision: u32,
    /// The requirement as the new release ships it.
    pub shipped: Requirement,
    /// The requirement as the coordinator edited it (in force).
    pub theirs: Requirement,
}

/// Keeps a copy of a catalogue version. Written in the same transaction as the edit, so a
/// version in force always has its copy.
fn keep_version(w: &Writer<'_>, catalogue: &Catalogue) -> Result<()> {
    w.execute(
        "INSERT INTO catalogue_versions (version, requirements, recorded_at, terms) VALUES (?1, ?2, ?3, ?4)",
        params![
            catalogue.version,
            serde_json::to_string(&catalogue.requirements).unwrap_or_default(),
            w.now(),
            serde_json::to_string(&catalogue.terms).unwrap_or_default(),
        ],
    )?;
    Ok(())
}

fn insert_terms(w: &Writer<'_>, terms: &[Term]) -> Result<()> {
    let first: i64 = w.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM terms",
        [],
        |r| r.get(0),
    )?;
    for (i, t) in terms.iter().enumerate() {
        w.execute(
            "INSERT INTO terms (id, position, body) VALUES (?1, ?2, ?3)",
            params![
                t.id,
                first + i as i64,
                serde_json::to_string(t).unwrap_or_default()
            ],
        )?;
    }
    Ok(())
}

/// The shipped catalogue's revision this database has taken (1 before g287 numbered them).
fn shipped_revision(conn: &crate::store::connection::Connection) -> Result<u32> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'shipped_revision'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()).unwrap_or(1))
}

fn set_shipped_revision(w: &Writer<'_>) -> Result<()> {
    w.execute(
        "INSERT INTO meta (key, value) VALUES ('shipped_revision', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SHIPPED_REVISION.to_string()],
    )?;
    Ok(())
}

/// Takes the corrections of the shipped catalogue into a database made under revision 1, as
/// one new catalogue version recorded in the history. A requirement still as first shipped is
/// replaced by its correction; one the coordinator edited is kept as they left it, and the
/// correction waits in `shipped_changes` for them to adopt or decline; new requirements and the
/// MOA terms are added.
fn upgrade(w: &mut Writer<'_>) -> Result<()> {
    let current = catalogue(w)?;
    let first = Catalogue::from_toml(SHIPPED_1).map_err(|e| StoreError::Unusable {
        path: Default::default(),
        reason: e.to_string(),
    })?;
    let shipped = Catalogue::shipped();
    let mut edited = current.clone();
    let (mut corrected, mut held, mut added) = (Vec::new(), Vec::new(), Vec::new());
    for r in &shipped.requirements {
        match current.get(&r.id) {
            None => {
                let position: i64 = w.query_row(
                    "SELECT coalesce(max(position) + 1, 0) FROM requirements",
                    [],
                    |row| row.get(0),
                )?;
                w.execute(
                    "INSERT INTO requirements (id, position, body) VALUES (?1, ?2, ?3)",
                    params![r.id, position, serde_json::to_string(r).unwrap_or_default()],
                )?;
                edited.requirements.push(r.clone());
                added.push(r.id.to_string());
            }
            Some(mine) if mine == r => {}
            Some(mine) if first.get(&r.id) == Some(mine) => {
                w.execute(
                    "UPDATE requirements SET body = ?2 WHERE id = ?1",
                    params![r.id, serde_json::to_string(r).unwrap_or_default()],
                )?;
                if let Some(slot) = edited.requirements.iter_mut().find(|x| x.id == r.id) {
                    *slot = r.clone();
                }
                corrected.push(r.id.to_string());
            }
            Some(mine) => {
                w.execute(
                    "INSERT INTO shipped_changes (requirement_id, revision, shipped, theirs)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (requirement_id) DO UPDATE SET revision = excluded.revision,
                     shipped = excluded.shipped, theirs = excluded.theirs, state = 'open',
                     resolved_by = NULL, resolved_at = NULL",
                    params![
                        r.id,
                        SHIPPED_REVISION,
                        serde_json::to_string(r).unwrap_or_default(),
                        serde_json::to_string(mine).unwrap_or_default()
                    ],
                )?;
                held.push(r.id.to_string());
            }
        }
    }
    let known: Vec<Arc<str>> = current.terms.iter().map(|t| t.id.clone()).collect();
    let new_terms: Vec<Term> = shipped
        .terms
        .iter()
        .filter(|t| !known.contains(&t.id))
        .cloned()
        .collect();
    insert_terms(w, &new_terms)?;
    edited.terms.extend(new_terms.iter().cloned());
    set_shipped_revision(w)?;
    if corrected.is_empty() && held.is_empty() && added.is_empty() && new_terms.is_empty() {
        return Ok(());
    }
    edited.version = current.version + 1;
    w.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'catalogue_version'",
        [edited.version.to_string()],
    )?;
    keep_version(w, &edited)?;
    w.log(
        "catalogue",
        Some(edited.version as i64),
        None,
        "upgrade",
        serde_json::json!({
            "version": [current.version, edited.version],
            "revision": SHIPPED_REVISION,
            "corrected": corrected,
            "kept_as_edited": held,
            "added": added,
            "terms_added": new_terms.iter().map(|t| t.id.to_string()).collect::<Vec<_>>(),
        }),
    )
}

pub(crate) fn catalogue(conn: &crate::store::connection::Connection) -> Result<Catalogue> {
    let mut stmt = conn.prepare_cached("SELECT id, body FROM terms ORDER BY position")?;
    let mut rows = stmt.query([])?;
    let mut terms = Vec::new();
    while let Some(r) = rows.next()? {
        let r = &r;
        let id: String = r.get(0)?;
        let body: String = r.get(1)?;
        terms.push(
            serde_json::from_str::<Term>(&body).map_err(|e| StoreError::Unusable {
                path: Default::default(),
                reason: format!("term {id} in the catalogue cannot be read: {e}"),
            })?,
        );
    }
    let version: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'catalogue_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut stmt = conn.prepare_cached("SELECT id, body FROM requirements ORDER BY position")?;
    let mut rows = stmt.query([])?;
    let mut requirements = Vec::new();
    while let Some(r) = rows.next()? {
        let r = &r;
        let id: String = r.get(0)?;
        let body: String = r.get(1)?;
        requirements.push(serde_json::from_str::<Requirement>(&body).map_err(|e| {
            StoreError::Unusable {
                path: Default::default(),
                reason: format!("requirement {id} in the catalogue cannot be read: {e}"),
            }
        })?);
    }
    Ok(Catalogue {
        version: version.and_then(|v| v.parse().ok()).unwrap_or(1),
        requirements,
        terms,
    })
}

impl Writer<'_> {
    /// Replaces one requirement (same id) and bumps the catalogue's version. Returns the new
    /// version, or the version in force when nothing changed. Refused, with every problem
    /// named, when the edit breaks [`Requirement::validate_edit`]: the window's form checks
    /// the same, so the two never disagree.
    pub fn update_requirement(&mut self, updated: &Requirement) -> Result<u32> {
        let current = catalogue(self)?;
        let before = current.get(&updated.id).ok_or_else(|| {
            StoreError::Invalid(vec![ValidationError::new(
                "requirement",
                &updated.id,
                "no such requirement",
            )])
        })?;
        if before == updated {
            return Ok(current.version);
        }
        updated.validate_edit(before).map_err(StoreError::Invalid)?;
        self.execute(
            "UPDATE requirements SET body = ?2 WHERE id = ?1",
            params![
                updated.id,
                serde_json::to_string(updated).unwrap_or_default()
            ],
        )?;
        let mut edited = current.clone();
        if let Some(slot) = edited.requirements.iter_mut().find(|r| r.id == updated.id) {
            *slot = updated.clone();
        }
        let (before, after) = (
            serde_json::to_value(before).unwrap_or_default(),
            serde_json::to_value(updated).unwrap_or_default(),
        );
        self.new_version(&current, edited, "requirement", &updated.id, before, after)
    }

    /// Puts `edited` in force as the version after `current`: the version raised, a copy kept,
    /// and the change of the one `entity` (`requirement` or `term`) `id` logged from `before` to
    /// `after`. Returns the new version.
    fn new_version(
        &mut self,
        current: &Catalogue,
        mut edited: Catalogue,
        entity: &str,
        id: &str,
        before: serde_json::Value,
        after: serde_json::Value,
    ) -> Result<u32> {
        let version = current.version + 1;
        self.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'catalogue_version'",
            [version.to_string()],
        )?;
        let mut changes = diff(&before, &after);
        changes["version"] = serde_json::json!([current.version, version]);
        edited.version = version;
        keep_version(self, &edited)?;
        self.log(
            entity,
            None,
            None,
            "update",
            serde_json::json!({"id": id, "changes": changes}),
        )?;
        Ok(version)
    }

    /// The coordinator's choice on a shipped correction their edit held back: `adopt` puts the
    /// shipped requirement in force as a new catalogue version (through
    /// [`Writer::update_requirement`]'s checks); otherwise theirs stays. Either way the choice
    /// is recorded and the correction is no longer offered. Returns the catalogue version in
    /// force.
    pub fn resolve_shipped_change(&mut self, requirement_id: &str, adopt: bool) -> Result<u32> {
        let open = self
            .query_row(
                "SELECT shipped FROM shipped_changes WHERE requirement_id = ?1 AND state = 'open'",
                [requirement_id],
                |r| r.get::<_, String>(0),
            )
            .optional()?;
        let Some(shipped) = open else {
            return Err(StoreError::Invalid(vec![ValidationError::new(
                "requirement",
                requirement_id,
                "no shipped change of this requirement is waiting",
            )]));
        };
        let shipped: Requirement =
            serde_json::from_str(&shipped).map_err(|e| StoreError::Unusable {
                path: Default::default(),
                reason: format!("the shipped change of {requirement_id} cannot be read: {e}"),
            })?;
        let version = if adopt {
            self.update_requirement(&shipped)?
        } else {
            catalogue(self)?.version
        };
        let state = if adopt { "adopted" } else { "kept" };
        let (user, now) = (self.user().to_string(), self.now().to_string());
        self.execute(
            "UPDATE shipped_changes SET state = ?2, resolved_by = ?3, resolved_at = ?4
             WHERE requirement_id = ?1",
            params![requirement_id, state, user, now],
        )?;
        self.log(
            "requirement",
            None,
            None,
            if adopt { "adopt_shipped" } else { "keep_own" },
            serde_json::json!({"id": requirement_id, "version": version}),
        )?;
        Ok(version)
    }

    /// Replaces one MOA term (same id) and raises the catalogue's version, kept and logged as
    /// a requirement edit is: a CBP agreement or a new MOA template can carry other terms
    /// without a release. Returns the new version, or the one in force when nothing changed.
    pub fn update_term(&mut self, updated: &Term) -> Result<u32> {
        let current = catalogue(self)?;
        let before = current
            .terms
            .iter()
            .find(|t| t.id == updated.id)
            .ok_or_else(|| {
                StoreError::Invalid(vec![ValidationError::new(
                    "term",
                    &updated.id,
                    "no such term in the catalogue",
                )])
            })?;
        if before == updated {
            return Ok(current.version);
        }
        updated.validate().map_err(StoreError::Invalid)?;
        self.execute(
            "UPDATE terms SET body = ?2 WHERE id = ?1",
            params![
                updated.id,
                serde_json::to_string(updated).unwrap_or_default()
            ],
        )?;
        let mut edited = current.clone();
        if let Some(slot) = edited.terms.iter_mut().find(|t| t.id == updated.id) {
            *slot = updated.clone();
        }
        let (before, after) = (
            serde_json::to_value(before).unwrap_or_default(),
            serde_json::to_value(updated).unwrap_or_default(),
        );
        self.new_version(&current, edited, "term", &updated.id, before, after)
    }
}
