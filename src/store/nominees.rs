//! Officers nominated under an agreement.

use rusqlite::types::Value as SqlValue;
use rusqlite::{OptionalExtension, Row, params_from_iter};

use super::agencies::diff;
use super::sql::{self, iso};
use super::{Result, Store, StoreError, Writer};
use crate::domain::{AgreementId, Background, Nominee, NomineeDetails, NomineeId};

const COLUMNS: &str =
    "id, agreement_id, name, us_citizen, years_experience, background, background_on,
    pending_discipline, clearance_eligible, course, training_completed, exam_scores, certified_on,
    authorization_expires, last_refresher";

/// A nominee's facts as the columns `name, us_citizen, years_experience, background,
/// background_on, pending_discipline, clearance_eligible, course, training_completed,
/// exam_scores, certified_on, authorization_expires, last_refresher`, in that order, as both the
/// insert and the update write them.
fn column_values(d: &NomineeDetails) -> [SqlValue; 13] {
    // A list of small integers always serialises; the fallback only keeps the types honest.
    let scores = serde_json::to_string(&d.exam_scores).unwrap_or_else(|_| "[]".into());
    [
        d.name.clone().into(),
        d.us_citizen.into(),
        d.years_experience.into(),
        d.background.code().to_string().into(),
        iso(d.background_on).into(),
        d.pending_discipline.into(),
        d.clearance_eligible.into(),
        d.course.clone().into(),
        iso(d.training_completed).into(),
        scores.into(),
        iso(d.certified_on).into(),
        iso(d.authorization_expires).into(),
        iso(d.last_refresher).into(),
    ]
}

pub(crate) fn read(r: &Row<'_>) -> rusqlite::Result<Nominee> {
    let scores: String = r.get(11)?;
    Ok(Nominee {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        details: NomineeDetails {
            name: r.get(2)?,
            us_citizen: r.get(3)?,
            years_experience: r.get(4)?,
            background: sql::code(r, 5, Background::parse)?,
            background_on: sql::date(r, 6)?,
            pending_discipline: r.get(7)?,
            clearance_eligible: r.get(8)?,
            course: r.get(9)?,
            training_completed: sql::date(r, 10)?,
            exam_scores: serde_json::from_str(&scores).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    11,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            certified_on: sql::date(r, 12)?,
            authorization_expires: sql::date(r, 13)?,
            last_refresher: sql::date(r, 14)?,
        },
    })
}

fn nominee(conn: &rusqlite::Connection, id: NomineeId) -> Result<Nominee> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM nominees WHERE id = ?1"))?
        .query_row([id], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "nominee",
            id,
        })
}

impl Writer<'_> {
    /// Adds a nominee to an agreement.
    pub fn add_nominee(
        &mut self,
        agreement_id: AgreementId,
        d: &NomineeDetails,
    ) -> Result<NomineeId> {
        let agreement = super::agreements::agreement(self, agreement_id)?;
        self.prepare_cached(
            "INSERT INTO nominees (name, us_citizen, years_experience, background, background_on,
             pending_discipline, clearance_eligible, course, training_completed, exam_scores, certified_on,
             authorization_expires, last_refresher, agreement_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        )?
        .execute(params_from_iter(
            column_values(d).into_iter().chain([SqlValue::Integer(agreement_id)]),
        ))?;
        let id = self.last_insert_rowid();
        let mut record = serde_json::to_value(d).unwrap_or_default();
        record["agreement"] = agreement_id.into();
        self.log(
            "nominee",
            Some(id),
            Some(agreement.agency_id),
            "create",
            record,
        )?;
        Ok(id)
    }

    /// Changes a nominee's recorded facts. Returns whether anything changed.
    pub fn update_nominee(&mut self, id: NomineeId, d: &NomineeDetails) -> Result<bool> {
        let before = nominee(self, id)?;
        if before.details == *d {
            return Ok(false);
        }
        let agency = super::agreements::agreement(self, before.agreement_id)?.agency_id;
        self.execute(
            "UPDATE nominees SET name = ?1, us_citizen = ?2, years_experience = ?3, background = ?4,
             background_on = ?5, pending_discipline = ?6, clearance_eligible = ?7, course = ?8,
             training_completed = ?9, exam_scores = ?10, certified_on = ?11, authorization_expires = ?12,
             last_refresher = ?13 WHERE id = ?14",
            params_from_iter(column_values(d).into_iter().chain([SqlValue::Integer(id)])),
        )?;
        let changes = diff(
            &serde_json::to_value(&before.details).unwrap_or_default(),
            &serde_json::to_value(d).unwrap_or_default(),
        );
        self.log("nominee", Some(id), Some(agency), "update", changes)?;
        Ok(true)
    }

    /// Removes a nominee; the history keeps what was recorded of them.
    pub fn remove_nominee(&mut self, id: NomineeId) -> Result<()> {
        let before = nominee(self, id)?;
        let agency = super::agreements::agreement(self, before.agreement_id)?.agency_id;
        self.execute("DELETE FROM nominees WHERE id = ?1", [id])?;
        self.log(
            "nominee",
            Some(id),
            Some(agency),
            "delete",
            serde_json::to_value(&before).unwrap_or_default(),
        )
    }
}

impl Store {
    /// The nominees of an agreement, in the order they were added.
    pub fn nominees_of(&self, agreement: AgreementId) -> Result<Vec<Nominee>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM nominees WHERE agreement_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([agreement], read)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
