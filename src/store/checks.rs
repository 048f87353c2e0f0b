//! Checks of agreements against the catalogue, assembled in bulk: a handful of queries for the
//! whole registry, then the domain's engine for each agreement.

use chrono::NaiveDate;
use rusqlite::{Connection, params_from_iter};
use serde::Serialize;
use std::collections::HashMap;

use super::sql::{self, AGENCY_COLUMNS, AGREEMENT_COLUMNS};
use super::{Result, Store};
use crate::domain::check::unmet_count;
use crate::domain::{
    Agency, AgencyId, Agreement, AgreementId, Attestation, Catalogue, CheckInput, Component, Model,
    Nominee, RequirementCheck, Status, Waiver, check_agreement,
};

/// The check of one agreement, as `g287 check` prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementCheck {
    /// The agreement's id.
    pub agreement: AgreementId,
    /// Its agency's id.
    pub agency: AgencyId,
    /// The agency's name.
    pub agency_name: String,
    /// The agency's state code.
    pub state: String,
    /// The model.
    pub model: Model,
    /// The component.
    pub component: Component,
    /// The agreement's status.
    pub status: Status,
    /// The catalogue version checked against.
    pub catalogue_version: u32,
    /// Every requirement of the model with its outcome.
    pub requirements: Vec<RequirementCheck>,
}

impl AgreementCheck {
    /// Requirements not met or unknown.
    pub fn unmet(&self) -> usize {
        unmet_count(&self.requirements)
    }
}

/// Fewer agreements than this per thread are checked on the calling thread alone (an agency's
/// few, a small registry): starting a thread would cost more than it saves.
const PER_THREAD_AT_LEAST: usize = 2_000;
/// The most threads a check uses.
const MAX_THREADS: usize = 8;

/// Everything about agreements the engine needs, loaded once.
pub(crate) struct CheckData {
    agencies: HashMap<AgencyId, Agency>,
    agreements: Vec<Agreement>,
    nominees: HashMap<AgreementId, Vec<Nominee>>,
    attestations: HashMap<AgreementId, Vec<Attestation>>,
    meetings: HashMap<AgreementId, Vec<NaiveDate>>,
    active_since: HashMap<AgreementId, NaiveDate>,
    waivers: HashMap<AgreementId, Waiver>,
}

impl CheckData {
    /// Loads the data for one agency's agreements, or for all with `None`.
    pub(crate) fn load(conn: &Connection, agency: Option<AgencyId>) -> Result<CheckData> {
        // The agency, when given, is bound as ?1; only fixed column names are formatted in.
        let filter = |column: &str| match agency {
            Some(_) => format!(" WHERE {column} = ?1"),
            None => String::new(),
        };
        let by_agreement = match agency {
            Some(_) => " WHERE agreement_id IN (SELECT id FROM agreements WHERE agency_id = ?1)",
            None => "",
        };
        let bound = || params_from_iter(agency);
        let mut agencies = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT {AGENCY_COLUMNS} FROM agencies{}",
            filter("id")
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let a = sql::agency(r, 0)?;
            agencies.insert(a.id, a);
        }
        let mut stmt = conn.prepare(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreements{} ORDER BY agency_id, model, component",
            filter("agency_id")
        ))?;
        let agreements = stmt
            .query_map(bound(), |r| sql::agreement(r, 0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;

        let mut nominees: HashMap<AgreementId, Vec<Nominee>> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT id, agreement_id, name, us_citizen, years_experience, background, background_on,
             pending_discipline, clearance_eligible, course, training_completed, exam_scores, certified_on,
             authorization_expires, last_refresher FROM nominees{} ORDER BY id",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let n = super::nominees::read(r)?;
            nominees.entry(n.agreement_id).or_default().push(n);
        }
        let mut attestations: HashMap<AgreementId, Vec<Attestation>> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT agreement_id, requirement_id, met, on_date, note FROM attestations{}",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            attestations
                .entry(r.get(0)?)
                .or_default()
                .push(Attestation {
                    requirement_id: r.get(1)?,
                    met: r.get(2)?,
                    on: sql::date(r, 3)?.unwrap_or_default(),
                    note: r.get(4)?,
                });
        }
        let mut meetings: HashMap<AgreementId, Vec<NaiveDate>> = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT agreement_id, held_on FROM meetings{}",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            if let Some(d) = sql::date(r, 1)? {
                meetings.entry(r.get(0)?).or_default().push(d);
            }
        }
        let mut active_since = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT agreement_id, max(on_date) FROM status_changes{} {} to_status = 'active' GROUP BY agreement_id",
            by_agreement,
            if agency.is_some() { "AND" } else { "WHERE" }
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            if let Some(d) = sql::date(r, 1)? {
                active_since.insert(r.get(0)?, d);
            }
        }
        let mut waivers = HashMap::new();
        let mut stmt = conn.prepare(&format!(
            "SELECT agreement_id, outcome, waived, decided_on, official, override_justification FROM decisions{}
             ORDER BY decided_on, id",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let agreement: AgreementId = r.get(0)?;
            let outcome: String = r.get(1)?;
            let waived: String = r.get(2)?;
            let ids: Vec<String> = serde_json::from_str(&waived).unwrap_or_default();
            let justification: Option<String> = r.get(5)?;
            // The newest decision decides: a later suspension ends an earlier waiver.
            match (outcome.as_str(), justification) {
                ("accepted", Some(justification)) if !ids.is_empty() => {
                    waivers.insert(
                        agreement,
                        Waiver {
                            requirement_ids: ids,
                            decided_on: sql::date(r, 3)?.unwrap_or_default(),
                            official: r.get(4)?,
                            justification,
                        },
                    );
                }
                _ => {
                    waivers.remove(&agreement);
                }
            }
        }
        Ok(CheckData {
            agencies,
            agreements,
            nominees,
            attestations,
            meetings,
            active_since,
            waivers,
        })
    }

    /// Checks every loaded agreement, in their order. A large registry is split between the
    /// machine's cores: the engine is pure, so the result is the same as in one go.
    pub(crate) fn run(&self, catalogue: &Catalogue, today: NaiveDate) -> Vec<AgreementCheck> {
        let check_all = |agreements: &[Agreement]| -> Vec<AgreementCheck> {
            agreements
                .iter()
                .filter_map(|agreement| {
                    let agency = self.agencies.get(&agreement.agency_id)?;
                    Some(self.check(catalogue, agency, agreement, today))
                })
                .collect()
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(self.agreements.len() / PER_THREAD_AT_LEAST)
            .min(MAX_THREADS);
        if threads <= 1 {
            return check_all(&self.agreements);
        }
        let chunk = self.agreements.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let mut parts = self.agreements.chunks(chunk);
            let first = parts.next().unwrap_or_default();
            let others: Vec<_> = parts
                .map(|part| scope.spawn(move || check_all(part)))
                .collect();
            let mut out = check_all(first);
            for other in others {
                match other.join() {
                    Ok(checks) => out.extend(checks),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            out
        })
    }

    /// Checks one agreement.
    pub(crate) fn check(
        &self,
        catalogue: &Catalogue,
        agency: &Agency,
        agreement: &Agreement,
        today: NaiveDate,
    ) -> AgreementCheck {
        let input = CheckInput {
            agency: &agency.details,
            agreement,
            active_since: self.active_since.get(&agreement.id).copied(),
            nominees: self
                .nominees
                .get(&agreement.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            attestations: self
                .attestations
                .get(&agreement.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            meetings: self
                .meetings
                .get(&agreement.id)
                .map(Vec::as_slice)
                .unwrap_or_default(),
            waiver: self.waivers.get(&agreement.id),
            today,
        };
        AgreementCheck {
            agreement: agreement.id,
            agency: agency.id,
            agency_name: agency.details.name.clone(),
            state: agency.details.state.code().to_string(),
            model: agreement.model,
            component: agreement.component,
            status: agreement.status,
            catalogue_version: catalogue.version,
            requirements: check_agreement(catalogue, input),
        }
    }
}

impl Store {
    /// Checks one agency's agreements, or every agreement with `None`, as of `today`.
    pub fn check(&self, agency: Option<AgencyId>, today: NaiveDate) -> Result<Vec<AgreementCheck>> {
        if let Some(id) = agency {
            self.agency(id)?;
        }
        let t0 = std::time::Instant::now();
        let catalogue = self.catalogue()?;
        let data = CheckData::load(self.conn(), agency)?;
        let t1 = std::time::Instant::now();
        let out = data.run(&catalogue, today);
        let t2 = std::time::Instant::now();
        drop(data);
        let t3 = std::time::Instant::now();
        if std::env::var_os("G287_TIMING").is_some() {
            eprintln!(
                "TIMING load {:?} run {:?} dropdata {:?}",
                t1 - t0,
                t2 - t1,
                t3 - t2
            );
        }
        Ok(out)
    }
}
