//! Claims of U.S. citizenship, recorded with their times and the time ICE was told.

use crate::store::connection::{OptionalExtension, Row};
use rusqlite::params;

use super::agreements::agreement;
use super::{Result, Store, StoreError, Writer};
use crate::domain::AgreementId;
use crate::domain::claims::{CitizenshipClaim, ClaimDetails, ClaimId, TIME, parse_time};

const COLUMNS: &str = "id, agreement_id, claimed_at, reported_at, note";

impl Writer<'_> {
    /// Records a claim (`id` `None`) or updates one (ICE told); refused, with nothing written,
    /// when [`ClaimDetails::validate`] refuses it. Returns the claim's id.
    pub fn record_claim(
        &mut self,
        agreement_id: AgreementId,
        id: Option<ClaimId>,
        details: &ClaimDetails,
    ) -> Result<ClaimId> {
        details.validate().map_err(StoreError::Invalid)?;
        let current = agreement(self, agreement_id)?;
        let time = |t: Option<chrono::NaiveDateTime>| t.map(|t| t.format(TIME).to_string());
        let note = details
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty());
        let (id, action, changes) = match id {
            None => {
                self.execute(
                    "INSERT INTO citizenship_claims (agreement_id, claimed_at, reported_at, note)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        agreement_id,
                        time(details.claimed_at),
                        time(details.reported_at),
                        note
                    ],
                )?;
                let mut record = serde_json::to_value(details).unwrap_or_default();
                record["agreement"] = agreement_id.0.into();
                (ClaimId(self.last_insert_rowid()?), "create", record)
            }
            Some(id) => {
                let before = claim(self, id)?;
                if before.agreement_id != agreement_id {
                    return Err(StoreError::NotFound {
                        what: "claim",
                        id: id.0,
                    });
                }
                self.execute(
                    "UPDATE citizenship_claims SET claimed_at = ?2, reported_at = ?3, note = ?4
                     WHERE id = ?1",
                    params![
                        id,
                        time(details.claimed_at),
                        time(details.reported_at),
                        note
                    ],
                )?;
                let changes = super::agencies::diff(
                    &serde_json::to_value(&before.details).unwrap_or_default(),
                    &serde_json::to_value(details).unwrap_or_default(),
                );
                (id, "update", changes)
            }
        };
        self.log(
            "citizenship_claim",
            Some(id.0),
            Some(current.agency_id.0),
            action,
            changes,
        )?;
        Ok(id)
    }
}

impl Store {
    /// An agreement's claims of citizenship, oldest first.
    pub fn claims_of(&self, agreement_id: AgreementId) -> Result<Vec<CitizenshipClaim>> {
        Ok(super::scope::rows(
            self.claims_in(super::scope::Scope::Agreement(agreement_id))?,
        ))
    }

    /// The claims of citizenship of the agreements of `scope`, oldest first.
    pub(crate) fn claims_in(
        &self,
        scope: super::scope::Scope,
    ) -> Result<Vec<(AgreementId, CitizenshipClaim)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM citizenship_claims WHERE {} ORDER BY claimed_at, id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| read(r).map(|c| (c.agreement_id, c)))?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}

/// Every claim, for the calendar's bulk read.
pub(crate) fn all_claims(
    conn: &crate::store::connection::Connection,
) -> Result<Vec<CitizenshipClaim>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM citizenship_claims"))?;
    let rows = stmt.query_map([], read)?;
    Ok(rows.collect::<crate::store::connection::Result<_>>()?)
}

fn claim(conn: &crate::store::connection::Connection, id: ClaimId) -> Result<CitizenshipClaim> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM citizenship_claims WHERE id = ?1"),
        [id],
        read,
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "claim",
        id: id.0,
    })
}

fn read(r: &Row<'_>) -> crate::store::connection::Result<CitizenshipClaim> {
    let time = |i: usize| -> crate::store::connection::Result<Option<chrono::NaiveDateTime>> {
        let raw: Option<String> = r.get(i)?;
        Ok(raw.as_deref().and_then(parse_time))
    };
    Ok(CitizenshipClaim {
        id: r.get(0)?,
        agreement_id: r.get(1)?,
        details: ClaimDetails {
            claimed_at: time(2)?,
            reported_at: time(3)?,
            note: r.get(4)?,
        },
    })
}
