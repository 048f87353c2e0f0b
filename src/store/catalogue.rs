//! The requirement catalogue as the store keeps it: loaded from the shipped file on first start,
//! then edited only through the program, each edit bumping the version and logged.

use rusqlite::{OptionalExtension, params};

use super::agencies::diff;
use super::{AuditEntry, Result, Store, StoreError, Writer};
use crate::domain::{Catalogue, Requirement, ValidationError};

impl Store {
    /// Loads the shipped catalogue into an empty database, through the ordinary write path so
    /// that its arrival is in the history too. Checked again inside the transaction: two
    /// programs opening a new database at once load it once.
    pub(super) fn ensure_catalogue(&mut self) -> Result<()> {
        let count: i64 = self
            .conn()
            .query_row("SELECT count(*) FROM requirements", [], |r| r.get(0))?;
        if count > 0 {
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
                    params![r.id, position as i64, serde_json::to_string(r).unwrap_or_default()],
                )?;
            }
            w.execute(
                "INSERT INTO meta (key, value) VALUES ('catalogue_version', ?1)",
                [shipped.version.to_string()],
            )?;
            keep_version(w, &shipped)?;
            w.log(
                "catalogue",
                Some(shipped.version as i64),
                None,
                "load",
                serde_json::json!({"requirements": shipped.requirements.len(), "source": "assets/requirements.toml"}),
            )
        })
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
             WHERE agency_id IS NULL AND entity IN ('catalogue', 'requirement')
             ORDER BY seq DESC",
        )?;
        let rows = stmt.query_map([], super::audit::entry)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The catalogue as it stood at `version`, so that a decision shows the requirements it
    /// was made under. `None` for a version edited before g287 kept every version (schema 1);
    /// its changes are still in the history.
    pub fn catalogue_at(&self, version: u32) -> Result<Option<Catalogue>> {
        let body: Option<String> = self
            .conn()
            .query_row(
                "SELECT requirements FROM catalogue_versions WHERE version = ?1",
                [version],
                |r| r.get(0),
            )
            .optional()?;
        let Some(body) = body else {
            return Ok(None);
        };
        let requirements = serde_json::from_str(&body).map_err(|e| StoreError::Unusable {
            path: Default::default(),
            reason: format!("catalogue version {version} cannot be read: {e}"),
        })?;
        Ok(Some(Catalogue {
            version,
            requirements,
        }))
    }
}

/// Keeps a copy of a catalogue version. Written in the same transaction as the edit, so a
/// version in force always has its copy.
fn keep_version(w: &Writer<'_>, catalogue: &Catalogue) -> Result<()> {
    w.execute(
        "INSERT INTO catalogue_versions (version, requirements, recorded_at) VALUES (?1, ?2, ?3)",
        params![
            catalogue.version,
            serde_json::to_string(&catalogue.requirements).unwrap_or_default(),
            w.now()
        ],
    )?;
    Ok(())
}

pub(crate) fn catalogue(conn: &rusqlite::Connection) -> Result<Catalogue> {
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
        let version = current.version + 1;
        self.execute(
            "UPDATE requirements SET body = ?2 WHERE id = ?1",
            params![
                updated.id,
                serde_json::to_string(updated).unwrap_or_default()
            ],
        )?;
        self.execute(
            "UPDATE meta SET value = ?1 WHERE key = 'catalogue_version'",
            [version.to_string()],
        )?;
        let mut changes = diff(
            &serde_json::to_value(before).unwrap_or_default(),
            &serde_json::to_value(updated).unwrap_or_default(),
        );
        changes["version"] = serde_json::json!([current.version, version]);
        let mut edited = current.clone();
        edited.version = version;
        if let Some(slot) = edited.requirements.iter_mut().find(|r| r.id == updated.id) {
            *slot = updated.clone();
        }
        keep_version(self, &edited)?;
        self.log(
            "requirement",
            None,
            None,
            "update",
            serde_json::json!({"id": updated.id, "changes": changes}),
        )?;
        Ok(version)
    }
}
