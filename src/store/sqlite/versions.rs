//! Versions of records, so that a coordinator never saves over a change another coordinator
//! made since the form was opened.
//!
//! A record's version is the number of the newest entry of the descriptive log about it
//! (`audit_log`, which names who changed what, when and how). A form remembers the version of
//! the record it shows; saving it checks, in the write's own transaction (writers take turns,
//! so no save slips in between), that no newer entry about the record exists. When one does,
//! nothing is written and the save is refused with that entry: who, when, and what they
//! changed, for the coordinator to compare and reapply.

use std::collections::HashMap;

use serde::Serialize;

use super::{Result, Store, StoreError, Writer};
use crate::domain::AgencyId;

/// The version of each of an agency's records the Agency screen shows, by kind (`agency`,
/// `nominee`, `complaint`, `claim`, ...) and id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versions(HashMap<(String, i64), i64>);

impl Versions {
    /// The version of one record; 0 when the log holds nothing about it.
    pub fn of(&self, kind: &str, id: i64) -> i64 {
        self.0.get(&(kind.to_string(), id)).copied().unwrap_or(0)
    }
}

/// A change saved by someone else since a form was opened: what the save was refused for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangedMeanwhile {
    /// The kind of record (`agency`, `nominee`, ...).
    pub kind: String,
    /// The record's id.
    pub id: i64,
    /// Its version now: saving again with it saves over their change, knowingly.
    pub version: i64,
    /// Who saved it.
    pub by: String,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// What they did (`update`, `remove`, ...).
    pub action: String,
    /// What they changed, field by field, as `{field: [before, after]}`.
    pub changes: serde_json::Value,
}

impl ChangedMeanwhile {
    /// The refusal in words: who changed the record, when, and the fields.
    pub fn in_words(&self) -> String {
        let fields: Vec<String> = match &self.changes {
            serde_json::Value::Object(fields) => fields
                .iter()
                .map(|(field, change)| match change {
                    serde_json::Value::Array(pair) if pair.len() == 2 => {
                        format!("{field}: {} → {}", shown(&pair[0]), shown(&pair[1]))
                    }
                    other => format!("{field}: {}", shown(other)),
                })
                .collect(),
            _ => Vec::new(),
        };
        let when = self.at.get(..16).unwrap_or(&self.at).replace('T', " ");
        let what = if fields.is_empty() {
            self.action.clone()
        } else {
            fields.join("; ")
        };
        format!(
            "{} changed this {} at {when} UTC, after you opened it ({what}); nothing was saved, and what you typed is kept: compare, then save yours over theirs or take theirs",
            self.by, self.kind
        )
    }
}

/// A row of `seq, who, at, action, changes` of the descriptive log.
type LogEntry = (i64, String, String, String, String);

fn log_entry(r: &crate::store::connection::Row<'_>) -> crate::store::connection::Result<LogEntry> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn shown(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "(empty)".into(),
        serde_json::Value::String(s) => format!("\"{s}\""),
        other => other.to_string(),
    }
}

impl Store {
    /// The versions of an agency's records (the agency, its nominees, complaints, claims...):
    /// one query.
    pub fn versions_of(&self, agency: AgencyId) -> Result<Versions> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT entity, entity_id, max(seq) FROM audit_log
             WHERE agency_id = ?1 AND entity_id IS NOT NULL GROUP BY entity, entity_id",
        )?;
        let rows = stmt.query_map([agency.0], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
        Ok(Versions(
            rows.collect::<crate::store::connection::Result<_>>()?,
        ))
    }
}

impl Writer<'_> {
    /// Refuses the write, with the change, when the requirement in force is no longer
    /// `opened_on` (the requirement as its form was opened): the catalogue keeps no version per
    /// requirement, so the requirement itself is compared, and the newest logged change of it
    /// names who and when.
    pub fn ensure_requirement_unchanged(
        &self,
        opened_on: &crate::domain::catalogue::Requirement,
    ) -> Result<()> {
        let current = super::catalogue::catalogue(self)?;
        if current.get(&opened_on.id) == Some(opened_on) {
            return Ok(());
        }
        let mut stmt = self.prepare_cached(
            "SELECT seq, who, at, action, changes FROM audit_log
             WHERE entity = 'requirement' ORDER BY seq DESC LIMIT 200",
        )?;
        let rows = stmt.query_map([], log_entry)?;
        for row in rows {
            let (seq, by, at, action, changes) = row?;
            let changes: serde_json::Value =
                serde_json::from_str(&changes).unwrap_or(serde_json::Value::Null);
            if changes["id"] == opened_on.id.as_ref() {
                return Err(StoreError::Changed(Box::new(ChangedMeanwhile {
                    kind: "requirement".into(),
                    id: 0,
                    version: seq,
                    by,
                    at,
                    action,
                    changes: changes["changes"].clone(),
                })));
            }
        }
        // Changed with no entry of its own (an upgrade's shipped correction): said as such.
        Err(StoreError::Conflict(format!(
            "the requirement {} changed since its form was opened (catalogue version {} is in force now); nothing was saved: open it again",
            opened_on.id, current.version
        )))
    }

    /// Refuses the write, with the change, when the record `kind` `id` was changed after
    /// `seen` (its version when its form was opened).
    pub fn ensure_unchanged(&self, kind: &str, id: i64, seen: i64) -> Result<()> {
        let newer = self
            .prepare_cached(
                "SELECT seq, who, at, action, changes FROM audit_log
                 WHERE entity = ?1 AND entity_id = ?2 AND seq > ?3 ORDER BY seq DESC LIMIT 1",
            )?
            .query_map(rusqlite::params![kind, id, seen], log_entry)?
            .next()
            .transpose()?;
        match newer {
            None => Ok(()),
            Some((version, by, at, action, changes)) => {
                Err(StoreError::Changed(Box::new(ChangedMeanwhile {
                    kind: kind.to_string(),
                    id,
                    version,
                    by,
                    at,
                    action,
                    changes: serde_json::from_str(&changes).unwrap_or(serde_json::Value::Null),
                })))
            }
        }
    }
}
