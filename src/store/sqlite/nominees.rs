//! Officers nominated under an agreement.

use crate::store::connection::{OptionalExtension, Row};
use rusqlite::params_from_iter;
use rusqlite::types::Value as SqlValue;

use super::agencies::diff;
use super::sql::{self, iso};
use super::{Result, Store, StoreError, Writer};
use crate::domain::{AgreementId, Background, Nominee, NomineeDetails, NomineeId};

/// A nominee's fact columns, in the order [`column_values`] gives their values: the insert, the
/// update and every read name them from this one list.
const DETAIL_COLUMNS: [&str; 18] = [
    "name",
    "us_citizen",
    "years_experience",
    "background",
    "background_on",
    "pending_discipline",
    "clearance_eligible",
    "course",
    "training_completed",
    "exam_scores",
    "certified_on",
    "authorization_expires",
    "last_refresher",
    "authorized_on",
    "credentials_issued_on",
    "credentials_returned_on",
    "leaves_on",
    "leaving_reported_on",
];

/// `id, agreement_id` and the fact columns, as [`read`] reads them.
pub(crate) fn columns() -> String {
    format!("id, agreement_id, {}", DETAIL_COLUMNS.join(", "))
}

/// A nominee's facts as the values of [`DETAIL_COLUMNS`], in that order.
fn column_values(d: &NomineeDetails) -> [SqlValue; DETAIL_COLUMNS.len()] {
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
        iso(d.authorized_on).into(),
        iso(d.credentials_issued_on).into(),
        iso(d.credentials_returned_on).into(),
        iso(d.leaves_on).into(),
        iso(d.leaving_reported_on).into(),
    ]
}

/// Reads a nominee from the columns of [`columns`].
pub(crate) fn read(r: &Row<'_>) -> crate::store::connection::Result<Nominee> {
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
            authorized_on: sql::date(r, 15)?,
            credentials_issued_on: sql::date(r, 16)?,
            credentials_returned_on: sql::date(r, 17)?,
            leaves_on: sql::date(r, 18)?,
            leaving_reported_on: sql::date(r, 19)?,
        },
    })
}

fn nominee(conn: &crate::store::connection::Connection, id: NomineeId) -> Result<Nominee> {
    conn.prepare_cached(&format!("SELECT {} FROM nominees WHERE id = ?1", columns()))?
        .query_row([id], read)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "nominee",
            id: id.0,
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
        let placeholders: Vec<String> = (1..=DETAIL_COLUMNS.len() + 1)
            .map(|i| format!("?{i}"))
            .collect();
        self.prepare_cached(&format!(
            "INSERT INTO nominees ({}, agreement_id) VALUES ({})",
            DETAIL_COLUMNS.join(", "),
            placeholders.join(", ")
        ))?
        .execute(params_from_iter(
            column_values(d)
                .into_iter()
                .chain([SqlValue::Integer(agreement_id.0)]),
        ))?;
        let id = NomineeId(self.last_insert_rowid()?);
        let mut record = serde_json::to_value(d).unwrap_or_default();
        record["agreement"] = agreement_id.0.into();
        self.log(
            "nominee",
            Some(id.0),
            Some(agreement.agency_id.0),
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
        let set: Vec<String> = DETAIL_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} = ?{}", i + 1))
            .collect();
        self.execute(
            &format!(
                "UPDATE nominees SET {} WHERE id = ?{}",
                set.join(", "),
                DETAIL_COLUMNS.len() + 1
            ),
            params_from_iter(
                column_values(d)
                    .into_iter()
                    .chain([SqlValue::Integer(id.0)]),
            ),
        )?;
        let changes = diff(
            &serde_json::to_value(&before.details).unwrap_or_default(),
            &serde_json::to_value(d).unwrap_or_default(),
        );
        self.log("nominee", Some(id.0), Some(agency.0), "update", changes)?;
        Ok(true)
    }

    /// Removes a nominee; the history keeps what was recorded of them.
    pub fn remove_nominee(&mut self, id: NomineeId) -> Result<()> {
        let before = nominee(self, id)?;
        let agency = super::agreements::agreement(self, before.agreement_id)?.agency_id;
        self.execute("DELETE FROM nominees WHERE id = ?1", [id])?;
        self.log(
            "nominee",
            Some(id.0),
            Some(agency.0),
            "delete",
            serde_json::to_value(&before).unwrap_or_default(),
        )
    }
}

impl Store {
    /// The nominees of an agreement, in the order they were added.
    pub fn nominees_of(&self, agreement: AgreementId) -> Result<Vec<Nominee>> {
        Ok(super::scope::rows(
            self.nominees_in(super::scope::Scope::Agreement(agreement))?,
        ))
    }

    /// The nominees of the agreements of `scope`, in the order they were added.
    pub(crate) fn nominees_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, Nominee)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {} FROM nominees WHERE {} ORDER BY id",
            columns(),
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| read(r).map(|n| (n.agreement_id, n)))?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}
