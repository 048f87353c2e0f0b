//! Agreements and their lifecycle: creation, status changes (each kept with its date and
//! author), attestations and oversight meetings.

use crate::store::connection::OptionalExtension;
use chrono::NaiveDate;
use rusqlite::params;
use serde_json::json;

use super::audit::Changes;
use super::scope;
use super::sql::{self, AGREEMENT_COLUMNS, iso};
use super::{Result, Store, StoreError, Writer};
use crate::domain::agreement::{MoaSigning, Signature};
pub use crate::domain::lists::AgreementFacts;
use crate::domain::lists::{FactsFill, fill_facts};
use crate::domain::{
    AgencyId, Agreement, AgreementId, Attestation, Component, Model, NomineeId, Status,
    StatusChange, ValidationError,
};

/// What a new agreement starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAgreement {
    /// The agency.
    pub agency_id: AgencyId,
    /// JEM, TFM or WSO.
    pub model: Model,
    /// ICE or CBP.
    pub component: Component,
    /// First status (usually requested; an import starts at what the list shows).
    pub status: Status,
    /// Date of that status.
    pub on: NaiveDate,
    /// Date the written request was received.
    pub requested_on: Option<NaiveDate>,
    /// Date the MOA was signed.
    pub signed_on: Option<NaiveDate>,
    /// Why (an import's file, a note).
    pub note: Option<String>,
}

impl Writer<'_> {
    /// Creates an agreement; one agency has at most one per model and component.
    pub fn create_agreement(&mut self, new: &NewAgreement) -> Result<AgreementId> {
        let existing: Option<AgreementId> = self
            .prepare_cached(
                "SELECT id FROM agreements WHERE agency_id = ?1 AND model = ?2 AND component = ?3",
            )?
            .query_row(
                params![new.agency_id, new.model.code(), new.component.code()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Err(StoreError::Conflict(format!(
                "agency {} already has a {} agreement with {} (agreement {id})",
                new.agency_id, new.model, new.component
            )));
        }
        let agency_exists = self
            .prepare_cached("SELECT 1 FROM agencies WHERE id = ?1")?
            .exists([new.agency_id])?;
        if !agency_exists {
            return Err(StoreError::NotFound {
                what: "agency",
                id: new.agency_id.0,
            });
        }
        self.create_new_agreement(new, &AgreementFacts::default())
    }

    /// Creates an agreement that the caller has looked up in this transaction and found absent,
    /// for an agency it knows exists, with `facts` filled in as [`Writer::fill_agreement_facts`]
    /// would fill them: the row is written once, and the history holds one "create" entry with
    /// every fact it was created with (the MOA, its address, the list it was last seen on, the
    /// addendum, when known). A new agreement has nothing recorded for a fact to conflict with.
    pub(crate) fn create_new_agreement(
        &mut self,
        new: &NewAgreement,
        facts: &AgreementFacts,
    ) -> Result<AgreementId> {
        let created = Agreement {
            // Not yet inserted: the row id is only known after the INSERT below.
            id: AgreementId(0),
            agency_id: new.agency_id,
            model: new.model,
            component: new.component,
            status: new.status,
            requested_on: new.requested_on,
            signed_on: new.signed_on,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: Default::default(),
        };
        let fill = fill_facts(&created, None, facts);
        let (moa, listed) = (fill.moa.map(|m| m.code()), iso(fill.last_listed_on));
        self.prepare_cached(
            "INSERT INTO agreements (agency_id, model, component, status, requested_on, signed_on,
             moa, moa_url, last_listed_on, addendum)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            new.agency_id,
            new.model.code(),
            new.component.code(),
            new.status.code(),
            iso(fill.requested_on),
            iso(fill.signed_on),
            moa,
            fill.moa_url,
            listed,
            fill.addendum,
        ])?;
        let id = AgreementId(self.last_insert_rowid()?);
        self.insert_status_change(id, None, new.status, new.on, new.note.as_deref())?;
        let mut created = Changes::default();
        created.field("model", new.model.code());
        created.field("component", new.component.code());
        created.field("status", new.status.code());
        created.field("on", &new.on);
        created.field("requested_on", &fill.requested_on);
        created.field("signed_on", &fill.signed_on);
        created.field("note", &new.note);
        // Facts a list gave: named only when known, so that an agreement recorded by hand reads
        // as it always has.
        for (field, value) in [
            ("moa", &moa.map(str::to_string)),
            ("moa_url", &fill.moa_url),
            ("last_listed_on", &listed),
            ("addendum", &fill.addendum),
        ] {
            if value.is_some() {
                created.field(field, value);
            }
        }
        self.log_changes(
            "agreement",
            Some(id.0),
            Some(new.agency_id.0),
            "create",
            &created,
        )?;
        Ok(id)
    }

    /// Moves an agreement to a new status, if the lifecycle allows it, keeping the change in
    /// its status history and the audit log.
    pub fn change_status(
        &mut self,
        id: AgreementId,
        to: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<()> {
        let current = agreement(self, id)?;
        if !current.status.can_become(to) {
            return Err(StoreError::Invalid(vec![ValidationError::new(
                "status",
                to.code(),
                format!(
                    "agreement {id} is {}; it cannot become {}",
                    current.status, to
                ),
            )]));
        }
        self.prepare_cached("UPDATE agreements SET status = ?2 WHERE id = ?1")?
            .execute(params![id, to.code()])?;
        self.insert_status_change(id, Some(current.status), to, on, note)?;
        self.log(
            "agreement",
            Some(id.0),
            Some(current.agency_id.0),
            "status",
            json!({"status": [current.status.code(), to.code()], "on": on, "note": note}),
        )
    }

    /// Sets dates and MOA facts that are only ever filled in, never overwritten: a value already
    /// recorded stays, and a different new value is returned as a conflict for review.
    pub fn fill_agreement_facts(
        &mut self,
        id: AgreementId,
        facts: &AgreementFacts,
    ) -> Result<Vec<String>> {
        let current = agreement(self, id)?;
        let addendum: Option<String> = self
            .prepare_cached("SELECT addendum FROM agreements WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        self.fill_facts_of(&current, addendum, facts)
    }

    /// [`Writer::fill_agreement_facts`] for an agreement whose row (and `addendum`) the caller
    /// read in this transaction.
    pub(crate) fn fill_facts_of(
        &mut self,
        current: &Agreement,
        addendum: Option<String>,
        facts: &AgreementFacts,
    ) -> Result<Vec<String>> {
        let fill = fill_facts(current, addendum.as_deref(), facts);
        self.write_fill(current.id, current.agency_id, &fill)?;
        Ok(fill.conflicts)
    }

    /// Writes what [`fill_facts`] made of an agreement's facts, with its history entry; nothing
    /// when no field changed.
    pub(crate) fn write_fill(
        &mut self,
        id: AgreementId,
        agency: AgencyId,
        fill: &FactsFill,
    ) -> Result<()> {
        let mut changes = Changes::default();
        for c in &fill.changes {
            changes.field(c.field, &(&c.before, &c.after));
        }
        if changes.is_empty() {
            return Ok(());
        }
        self.prepare_cached(
            "UPDATE agreements SET signed_on = ?2, requested_on = ?3, moa = ?4, moa_url = ?5,
             last_listed_on = ?6, addendum = ?7 WHERE id = ?1",
        )?
        .execute(params![
            id,
            iso(fill.signed_on),
            iso(fill.requested_on),
            fill.moa.map(|m| m.code()),
            fill.moa_url,
            iso(fill.last_listed_on),
            fill.addendum
        ])?;
        self.log_changes("agreement", Some(id.0), Some(agency.0), "update", &changes)
    }

    /// The agency an agreement belongs to.
    pub fn agreement_agency(&self, id: AgreementId) -> Result<AgencyId> {
        Ok(agreement(self, id)?.agency_id)
    }

    /// The agreement a nominee is nominated under.
    pub fn nominee_agreement(&self, nominee: NomineeId) -> Result<AgreementId> {
        self.query_row(
            "SELECT agreement_id FROM nominees WHERE id = ?1",
            [nominee],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "nominee",
            id: nominee.0,
        })
    }

    /// Records the MOA's signatures, template year and addenda, as the signature page reads.
    /// The MOAs take effect "upon signature of both parties": once both are on record, the
    /// signed date (if none was recorded, e.g. from ICE's list) is the later signature, and an
    /// agreement waiting as pending (accepted, or on ICE's pending list) becomes active on that
    /// date, in this same transaction. Returns the agreement's status afterwards.
    pub fn record_signing(
        &mut self,
        agreement_id: AgreementId,
        signing: &MoaSigning,
        today: NaiveDate,
    ) -> Result<Status> {
        signing.validate(today).map_err(StoreError::Invalid)?;
        let current = agreement(self, agreement_id)?;
        if current.signing == *signing {
            return Ok(current.status);
        }
        let part = |s: &Option<Signature>| {
            (
                s.as_ref().map(|s| s.name.trim().to_string()),
                s.as_ref().map(|s| s.title.trim().to_string()),
                s.as_ref().map(|s| s.on.to_string()),
            )
        };
        let (an, at, ad) = part(&signing.agency);
        let (cn, ct, cd) = part(&signing.component);
        self.execute(
            "UPDATE agreements SET agency_signer_name = ?2, agency_signer_title = ?3,
             agency_signed_on = ?4, component_signer_name = ?5, component_signer_title = ?6,
             component_signed_on = ?7, template_year = ?8, addenda = ?9 WHERE id = ?1",
            params![
                agreement_id,
                an,
                at,
                ad,
                cn,
                ct,
                cd,
                signing.template_year,
                signing
                    .addenda
                    .as_deref()
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
            ],
        )?;
        self.log(
            "agreement",
            Some(agreement_id.0),
            Some(current.agency_id.0),
            "sign",
            super::agencies::diff(
                &signing_in_words(&current.signing),
                &signing_in_words(signing),
            ),
        )?;
        let effect = signing.effect_on(&current);
        if let Some(signed_on) = effect.signed_on {
            self.fill_agreement_facts(
                agreement_id,
                &AgreementFacts {
                    signed_on: Some(signed_on),
                    ..Default::default()
                },
            )?;
        }
        if let Some(on) = effect.active_from {
            self.change_status(
                agreement_id,
                Status::Active,
                on,
                Some("MOA signed by both parties"),
            )?;
            return Ok(Status::Active);
        }
        Ok(current.status)
    }

    /// Records (or replaces) the coordinator's attestation of a requirement for an agreement:
    /// what (the requirement), whether it holds, when, the evidence, and who recorded it (the
    /// person at the keyboard, whatever `a.recorded_by` says).
    pub fn attest(&mut self, agreement_id: AgreementId, a: &Attestation) -> Result<()> {
        let current = agreement(self, agreement_id)?;
        let known: bool = self
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM requirements WHERE id = ?1)")?
            .query_row([&a.requirement_id], |r| r.get(0))?;
        if !known {
            return Err(StoreError::Invalid(vec![
                crate::domain::ValidationError::new(
                    "requirement",
                    &a.requirement_id,
                    "no such requirement in the catalogue",
                ),
            ]));
        }
        let a = Attestation {
            recorded_by: Some(self.user().to_string()),
            ..a.clone()
        };
        self.execute(
            "INSERT INTO attestations (agreement_id, requirement_id, met, on_date, note, recorded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (agreement_id, requirement_id) DO UPDATE SET met = excluded.met,
             on_date = excluded.on_date, note = excluded.note, recorded_by = excluded.recorded_by",
            params![agreement_id, a.requirement_id, a.met, a.on.to_string(), a.note, a.recorded_by],
        )?;
        self.log(
            "attestation",
            Some(agreement_id.0),
            Some(current.agency_id.0),
            "record",
            serde_json::to_value(&a).unwrap_or_default(),
        )
    }

    /// Records an oversight meeting held for an agreement.
    pub fn record_meeting(
        &mut self,
        agreement_id: AgreementId,
        held_on: NaiveDate,
        note: Option<&str>,
    ) -> Result<i64> {
        let current = agreement(self, agreement_id)?;
        self.execute(
            "INSERT INTO meetings (agreement_id, held_on, note) VALUES (?1, ?2, ?3)",
            params![agreement_id, held_on.to_string(), note],
        )?;
        let id = self.last_insert_rowid()?;
        self.log(
            "meeting",
            Some(id),
            Some(current.agency_id.0),
            "create",
            json!({"agreement": agreement_id, "held_on": held_on, "note": note}),
        )?;
        Ok(id)
    }

    fn insert_status_change(
        &self,
        id: AgreementId,
        from: Option<Status>,
        to: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<()> {
        self.prepare_cached(
            "INSERT INTO status_changes (agreement_id, from_status, to_status, on_date, by, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![id, from.map(Status::code), to.code(), on.to_string(), self.user(), note, self.now()])?;
        Ok(())
    }
}

pub(crate) fn agreement(
    conn: &crate::store::connection::Connection,
    id: AgreementId,
) -> Result<Agreement> {
    conn.prepare_cached(&format!(
        "SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE id = ?1"
    ))?
    .query_row([id], |r| sql::agreement(r, 0))
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "agreement",
        id: id.0,
    })
}

impl Store {
    /// One agreement.
    pub fn agreement(&self, id: AgreementId) -> Result<Agreement> {
        agreement(self.conn(), id)
    }

    /// An agency's agreements.
    pub fn agreements_of(&self, agency: AgencyId) -> Result<Vec<Agreement>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE agency_id = ?1 ORDER BY model, component"
        ))?;
        let rows = stmt.query_map([agency], |r| sql::agreement(r, 0))?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// An agreement's status history, oldest first.
    pub fn status_history(&self, id: AgreementId) -> Result<Vec<StatusChange>> {
        Ok(scope::rows(
            self.status_changes_in(scope::Scope::Agreement(id))?,
        ))
    }

    /// The status changes of the agreements of `scope`, oldest first.
    pub(crate) fn status_changes_in(
        &self,
        scope: scope::Scope,
    ) -> Result<Vec<(AgreementId, StatusChange)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT agreement_id, from_status, to_status, on_date, \"by\", note FROM status_changes
             WHERE {} ORDER BY id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            let from: Option<String> = r.get(1)?;
            Ok(StatusChange {
                agreement_id: r.get(0)?,
                from: from.as_deref().and_then(Status::parse),
                to: sql::code(r, 2, Status::parse)?,
                on: sql::date(r, 3)?.unwrap_or_default(),
                by: r.get(4)?,
                note: r.get(5)?,
            })
            .map(|change| (change.agreement_id, change))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// The attestations recorded for an agreement.
    pub fn attestations(&self, id: AgreementId) -> Result<Vec<Attestation>> {
        Ok(scope::rows(
            self.attestations_in(scope::Scope::Agreement(id))?,
        ))
    }

    /// The attestations of the agreements of `scope`, by requirement.
    pub(crate) fn attestations_in(
        &self,
        scope: scope::Scope,
    ) -> Result<Vec<(AgreementId, Attestation)>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT requirement_id, met, on_date, note, recorded_by, agreement_id FROM attestations
             WHERE {} ORDER BY requirement_id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            Ok((
                r.get(5)?,
                Attestation {
                    requirement_id: r.get(0)?,
                    met: r.get(1)?,
                    on: sql::date(r, 2)?.unwrap_or_default(),
                    note: r.get(3)?,
                    recorded_by: r.get(4)?,
                },
            ))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }

    /// Dates of the oversight meetings held for an agreement, oldest first.
    pub fn meetings(&self, id: AgreementId) -> Result<Vec<NaiveDate>> {
        Ok(self
            .meetings_with_ids(id)?
            .into_iter()
            .map(|(_, held_on)| held_on)
            .collect())
    }

    /// The oversight meetings of an agreement with their ids (documents are kept with a
    /// meeting by its id), oldest first.
    pub fn meetings_with_ids(&self, id: AgreementId) -> Result<Vec<(i64, NaiveDate)>> {
        Ok(scope::rows(self.meetings_in(scope::Scope::Agreement(id))?))
    }

    /// The oversight meetings of the agreements of `scope` with their ids, oldest first.
    pub(crate) fn meetings_in(
        &self,
        scope: scope::Scope,
    ) -> Result<Vec<(AgreementId, (i64, NaiveDate))>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT id, held_on, agreement_id FROM meetings WHERE {} ORDER BY held_on, id",
            scope.condition("agreement_id")
        ))?;
        let rows = stmt.query_map([scope.id()], |r| {
            Ok((r.get(2)?, (r.get(0)?, sql::date(r, 1)?.unwrap_or_default())))
        })?;
        Ok(rows.collect::<crate::store::connection::Result<_>>()?)
    }
}

/// The MOA's signing as flat fields in words, so the history reads "agency signature: Grady
/// Judd, Sheriff, 2026-02-10" rather than a nested record.
fn signing_in_words(s: &MoaSigning) -> serde_json::Value {
    let signature = |s: &Option<Signature>| s.as_ref().map(Signature::to_string);
    json!({
        "agency_signature": signature(&s.agency),
        "component_signature": signature(&s.component),
        "template_year": s.template_year,
        "addenda": s.addenda,
    })
}
