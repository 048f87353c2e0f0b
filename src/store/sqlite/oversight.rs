//! Complaints and notices of termination, each recorded against an agreement and logged, since
//! their dates set deadlines on the compliance calendar.

use crate::store::connection::{OptionalExtension, Row};
use chrono::NaiveDate;
use rusqlite::params;

use super::agreements::agreement;
use super::sql::{self, iso};
use super::{Result, Store, StoreError, Writer};
use crate::domain::{
    AgreementId, Complaint, ComplaintDetails, ComplaintId, NoticeParty, TerminationNotice,
};

const COMPLAINT_COLUMNS: &str = "id, agreement_id, received_on, summary, ice_told_on, resolved_on, resolution, results_reported_on";
const NOTICE_COLUMNS: &str = "id, agreement_id, given_on, given_by, note";

impl Writer<'_> {
    /// Records a complaint about an agreement's work.
    pub fn record_complaint(
        &mut self,
        agreement_id: AgreementId,
        details: &ComplaintDetails,
    ) -> Result<ComplaintId> {
        details.validate().map_err(StoreError::Invalid)?;
        let current = agreement(self, agreement_id)?;
        self.execute(
            "INSERT INTO complaints (agreement_id, received_on, summary, ice_told_on, resolved_on, resolution,
             results_reported_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            complaint_values(agreement_id.0, details),
        )?;
        let id = ComplaintId(self.last_insert_rowid()?);
        let mut changes = serde_json::to_value(details).unwrap_or_default();
        changes["agreement"] = agreement_id.0.into();
        self.log(
            "complaint",
            Some(id.0),
            Some(current.agency_id.0),
            "create",
            changes,
        )?;
        Ok(id)
    }

    /// Updates a complaint (ICE told, resolved). Returns whether anything changed; the old and
    /// new values are logged.
    pub fn update_complaint(
        &mut self,
        id: ComplaintId,
        details: &ComplaintDetails,
    ) -> Result<bool> {
        details.validate().map_err(StoreError::Invalid)?;
        let before = complaint(self, id)?;
        if &before.details == details {
            return Ok(false);
        }
        let agency = agreement(self, before.agreement_id)?.agency_id;
        self.execute(
            "UPDATE complaints SET received_on = ?2, summary = ?3, ice_told_on = ?4,
             resolved_on = ?5, resolution = ?6, results_reported_on = ?7 WHERE id = ?1",
            complaint_values(id.0, details),
        )?;
        let changes = super::agencies::diff(
            &serde_json::to_value(&before.details).unwrap_or_default(),
            &serde_json::to_value(details).unwrap_or_default(),
        );
        self.log("complaint", Some(id.0), Some(agency.0), "update", changes)?;
        Ok(true)
    }

    /// Records a notice of termination. The agreement's status is not changed: it ends when
    /// the notice takes effect, which the coordinator records as a status change.
    pub fn give_termination_notice(
        &mut self,
        agreement_id: AgreementId,
        given_on: NaiveDate,
        given_by: NoticeParty,
        note: Option<&str>,
    ) -> Result<i64> {
        let current = agreement(self, agreement_id)?;
        let note = note.map(str::trim).filter(|n| !n.is_empty());
        self.execute(
            "INSERT INTO termination_notices (agreement_id, given_on, given_by, note) VALUES (?1, ?2, ?3, ?4)",
            params![agreement_id, given_on.to_string(), given_by.code(), note],
        )?;
        let id = self.last_insert_rowid()?;
        self.log(
            "termination_notice",
            Some(id),
            Some(current.agency_id.0),
            "create",
            serde_json::json!({
                "agreement": agreement_id,
                "given_on": given_on,
                "given_by": given_by,
                "note": note,
            }),
        )?;
        Ok(id)
    }
}

impl Store {
    /// An agreement's complaints, oldest first.
    pub fn complaints_of(&self, agreement_id: AgreementId) -> Result<Vec<Complaint>> {
        Ok(super::scope::rows(self.complaints_in(
            super::scope::Scope::Agreement(agreement_id),
        )?))
    }

    /// The complaints of the agreements of `scope`, oldest first.
    pub(crate) fn complaints_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, Complaint)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE {} ORDER BY received_on, id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            read_complaint(r).map(|c| (c.agreement_id, c))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// An agreement's notices of termination, oldest first.
    pub fn notices_of(&self, agreement_id: AgreementId) -> Result<Vec<TerminationNotice>> {
        Ok(super::scope::rows(self.notices_in(
            super::scope::Scope::Agreement(agreement_id),
        )?))
    }

    /// The notices of termination of the agreements of `scope`, oldest first.
    pub(crate) fn notices_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, TerminationNotice)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {NOTICE_COLUMNS} FROM termination_notices WHERE {} ORDER BY given_on, id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            read_notice(r).map(|n| (n.agreement_id, n))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}

/// Every complaint, for the calendar's bulk read.
pub(crate) fn all_complaints(
    conn: &crate::store::connection::Connection,
) -> Result<Vec<Complaint>> {
    let mut stmt = conn.prepare(&format!("SELECT {COMPLAINT_COLUMNS} FROM complaints"))?;
    let rows = stmt.query_map([], read_complaint)?;
    Ok(rows.collect::<crate::store::connection::Result<_>>()?)
}

/// Every notice of termination, for the calendar's bulk read.
pub(crate) fn all_notices(
    conn: &crate::store::connection::Connection,
) -> Result<Vec<TerminationNotice>> {
    let mut stmt = conn.prepare(&format!("SELECT {NOTICE_COLUMNS} FROM termination_notices"))?;
    let rows = stmt.query_map([], read_notice)?;
    Ok(rows.collect::<crate::store::connection::Result<_>>()?)
}

/// `key` (the agreement for an insert, the complaint for an update) and the complaint's columns
/// in `COMPLAINT_COLUMNS` order after the two ids, as both statements bind them.
fn complaint_values(key: i64, d: &ComplaintDetails) -> impl rusqlite::Params + '_ {
    (
        key,
        iso(d.received_on),
        d.summary.trim(),
        iso(d.ice_told_on),
        iso(d.resolved_on),
        d.resolution.as_deref().map(str::trim),
        iso(d.results_reported_on),
    )
}

fn complaint(conn: &crate::store::connection::Connection, id: ComplaintId) -> Result<Complaint> {
    conn.query_row(
        &format!("SELECT {COMPLAINT_COLUMNS} FROM complaints WHERE id = ?1"),
        [id],
        read_complaint,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "complaint",
        id: id.0,
    })
}

fn read_complaint(r: &Row<'_>) -> crate::store::connection::Result<Complaint> {
    Ok(Complaint {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        details: ComplaintDetails {
            received_on: sql::date(r, 2)?,
            summary: r.get(3)?,
            ice_told_on: sql::date(r, 4)?,
            resolved_on: sql::date(r, 5)?,
            resolution: r.get(6)?,
            results_reported_on: sql::date(r, 7)?,
        },
    })
}

fn read_notice(r: &Row<'_>) -> crate::store::connection::Result<TerminationNotice> {
    Ok(TerminationNotice {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        given_on: sql::date(r, 2)?.unwrap_or_default(),
        given_by: sql::code(r, 3, NoticeParty::parse)?,
        note: r.get(4)?,
    })
}
