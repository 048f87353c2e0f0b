//! The review queue: values an import flagged, until a coordinator resolves or dismisses them.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use serde_json::json;

use super::agreements::AgreementFacts;
use super::{Result, Store, StoreError, Writer};
use crate::domain::{AgreementId, ValidationError};

/// A flagged value awaiting review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    /// Its id.
    pub id: i64,
    /// The file it came from.
    pub file: String,
    /// Spreadsheet row.
    pub row: i64,
    /// Column header.
    pub column: String,
    /// The raw value.
    pub value: String,
    /// What is wrong.
    pub message: String,
    /// The agreement the row became, if it became one.
    pub agreement_id: Option<AgreementId>,
    /// `open`, `resolved` or `dismissed`.
    pub state: String,
}

/// How a coordinator settles a flagged value.
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// The correct signing date, read from the MOA itself; filled into the agreement.
    SignedOn(NaiveDate),
    /// Looked at; nothing to change (with why).
    Dismiss(String),
}

impl Writer<'_> {
    /// Settles a flagged value, recording how in the history.
    pub fn resolve_review(&mut self, id: i64, resolution: &Resolution) -> Result<()> {
        let item = review_item(self, id)?;
        if item.state != "open" {
            return Err(StoreError::Conflict(format!(
                "flagged value {id} is already {}",
                item.state
            )));
        }
        let agency: Option<i64> = match item.agreement_id {
            Some(a) => Some(super::agreements::agreement(self, a)?.agency_id.0),
            None => None,
        };
        let (state, text) = match resolution {
            Resolution::SignedOn(date) => {
                let Some(agreement) = item.agreement_id else {
                    return Err(StoreError::Invalid(vec![ValidationError::new(
                        "resolution",
                        &date.to_string(),
                        "this row did not become an agreement; dismiss it instead",
                    )]));
                };
                let conflicts = self.fill_agreement_facts(
                    agreement,
                    &AgreementFacts {
                        signed_on: Some(*date),
                        ..Default::default()
                    },
                )?;
                if let Some(c) = conflicts.first() {
                    return Err(StoreError::Conflict(c.clone()));
                }
                ("resolved", format!("signed on {date}"))
            }
            Resolution::Dismiss(why) if why.trim().is_empty() => {
                return Err(StoreError::Invalid(vec![ValidationError::new(
                    "note",
                    "",
                    "say why the value is dismissed",
                )]));
            }
            Resolution::Dismiss(why) => ("dismissed", why.trim().to_string()),
        };
        self.execute(
            "UPDATE review_items SET state = ?2, resolution = ?3, resolved_by = ?4, resolved_at = ?5 WHERE id = ?1",
            params![id, state, text, self.user(), self.now()],
        )?;
        self.log(
            "review",
            Some(id),
            agency,
            state,
            json!({"file": item.file, "row": item.row, "column": item.column, "value": item.value, "resolution": text}),
        )
    }
}

fn review_item(conn: &rusqlite::Connection, id: i64) -> Result<ReviewItem> {
    conn.query_row(
        "SELECT id, file, row, column_name, value, message, agreement_id, state FROM review_items WHERE id = ?1",
        [id],
        read,
    )
    .optional()?
    .ok_or(StoreError::NotFound { what: "flagged value", id })
}

fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReviewItem> {
    Ok(ReviewItem {
        id: r.get(0)?,
        file: r.get(1)?,
        row: r.get(2)?,
        column: r.get(3)?,
        value: r.get(4)?,
        message: r.get(5)?,
        agreement_id: r.get(6)?,
        state: r.get(7)?,
    })
}

impl Store {
    /// The flagged values still open, oldest import first.
    pub fn open_review(&self) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT id, file, row, column_name, value, message, agreement_id, state FROM review_items
             WHERE state = 'open' ORDER BY import_id, row, id",
        )?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
