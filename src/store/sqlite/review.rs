//! The review queue: values an import flagged, until a coordinator resolves or dismisses them.

use crate::store::connection::OptionalExtension;
use chrono::NaiveDate;
use rusqlite::params;
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
    /// The agency the row names, as registered, when the row became an agreement.
    pub agency: Option<String>,
    /// The agency's state (two-letter code), when the row became an agreement.
    pub agency_state: Option<String>,
    /// The agreement's model ("Jail Enforcement Model"), when the row became one.
    pub model: Option<String>,
    /// The date of ICE's list the value came from.
    pub list_date: String,
}

impl ReviewItem {
    /// Where the value stands, in the coordinator's words: "Polk County Sheriff's Office (FL),
    /// Jail Enforcement Model, on ICE's list of 2025-07-18 (participating.xlsx, row 12,
    /// column SIGNED)". A file, row and column alone did not say whose value it was.
    pub fn whose(&self) -> String {
        let place = format!("{}, row {}, column {}", self.file, self.row, self.column);
        match (&self.agency, &self.agency_state, &self.model) {
            (Some(agency), state, model) => {
                let state = state
                    .as_deref()
                    .map(|s| format!(" ({s})"))
                    .unwrap_or_default();
                let model = model
                    .as_deref()
                    .map(|m| format!(", {m}"))
                    .unwrap_or_default();
                format!(
                    "{agency}{state}{model}, on ICE's list of {} ({place})",
                    self.list_date
                )
            }
            (None, ..) => format!(
                "A row that became no agreement, on ICE's list of {} ({place})",
                self.list_date
            ),
        }
    }
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

/// A flagged value with the agency, state and model of the agreement its row became, and the
/// date of the list it came from.
const SELECT: &str =
    "SELECT r.id, r.file, r.row, r.column_name, r.value, r.message, r.agreement_id,
        r.state, a.name, a.state, g.model, i.as_of
    FROM review_items r
    JOIN imports i ON i.id = r.import_id
    LEFT JOIN agreements g ON g.id = r.agreement_id
    LEFT JOIN agencies a ON a.id = g.agency_id";

fn review_item(conn: &crate::store::connection::Connection, id: i64) -> Result<ReviewItem> {
    conn.query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "flagged value",
            id,
        })
}

fn read(r: &crate::store::connection::Row<'_>) -> crate::store::connection::Result<ReviewItem> {
    Ok(ReviewItem {
        id: r.get(0)?,
        file: r.get(1)?,
        row: r.get(2)?,
        column: r.get(3)?,
        value: r.get(4)?,
        message: r.get(5)?,
        agreement_id: r.get(6)?,
        state: r.get(7)?,
        agency: r.get(8)?,
        agency_state: r.get(9)?,
        model: r
            .get::<_, Option<String>>(10)?
            .map(|m| crate::domain::Model::parse(&m).map_or(m, |m| m.label().to_string())),
        list_date: r.get(11)?,
    })
}

impl Store {
    /// The flagged values still open, oldest import first.
    pub fn open_review(&self) -> Result<Vec<ReviewItem>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "{SELECT} WHERE r.state = 'open' ORDER BY r.import_id, r.row, r.id"
        ))?;
        let rows = stmt.query_map([], read)?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}
