//! Checks of agreements against the catalogue, assembled in bulk: a handful of queries for the
//! whole registry, then the domain's engine for each agreement.

use crate::store::connection::Connection;
use chrono::NaiveDate;
use rusqlite::params_from_iter;
use rusqlite::types::ValueRef;
use serde::Serialize;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use super::sql::{self, AGENCY_COLUMNS, AGREEMENT_COLUMNS};
use super::{Result, Store};
use crate::domain::check::Tally;
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
    /// How many officers are nominated (an officer requirement with none is never met).
    pub nominees: usize,
    /// Every requirement of the model with its outcome.
    pub requirements: Vec<RequirementCheck>,
}

impl AgreementCheck {
    /// How many requirements are not met, and how many have no record.
    pub fn tally(&self) -> Tally {
        Tally::of(&self.requirements)
    }
}

/// A hasher for row ids: one multiplication (Fibonacci hashing) instead of SipHash, whose
/// resistance to chosen keys row ids do not need. A national check makes some 400,000 lookups.
#[derive(Default)]
struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(*b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn write_i64(&mut self, id: i64) {
        self.0 = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A map keyed by row id (an id type hashes as the `i64` it wraps, one `write_i64`).
type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHasher>>;

/// Everything about agreements the engine needs, loaded once.
pub(crate) struct CheckData {
    agencies: IdMap<AgencyId, Agency>,
    agreements: Vec<Agreement>,
    nominees: IdMap<AgreementId, Vec<Nominee>>,
    attestations: IdMap<AgreementId, Vec<Attestation>>,
    meetings: IdMap<AgreementId, Vec<NaiveDate>>,
    active_since: IdMap<AgreementId, NaiveDate>,
    waivers: IdMap<AgreementId, Waiver>,
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
        let mut agencies = IdMap::default();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {AGENCY_COLUMNS} FROM agencies{}",
            filter("id")
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let a = sql::agency(r, 0)?;
            agencies.insert(a.id, a);
        }
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreements{} ORDER BY agency_id, model, component",
            filter("agency_id")
        ))?;
        let agreements = stmt
            .query_map(bound(), |r| sql::agreement(r, 0))?
            .collect::<crate::store::connection::Result<Vec<_>>>()?;

        let mut nominees: IdMap<AgreementId, Vec<Nominee>> = IdMap::default();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {} FROM nominees{} ORDER BY id",
            super::nominees::columns(),
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let n = super::nominees::read(r)?;
            nominees.entry(n.agreement_id).or_default().push(n);
        }
        let mut attestations: IdMap<AgreementId, Vec<Attestation>> = IdMap::default();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT agreement_id, requirement_id, met, on_date, note, recorded_by FROM attestations{}",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            attestations
                .entry(r.get(0)?)
                .or_default()
                .push(Attestation {
                    requirement_id: r.get(1)?,
                    met: r.get(2)?,
                    on: sql::date(r, 3)?.unwrap_or_default(),
                    note: r.get(4)?,
                    recorded_by: r.get(5)?,
                });
        }
        let mut meetings: IdMap<AgreementId, Vec<NaiveDate>> = IdMap::default();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT agreement_id, held_on FROM meetings{}",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            if let Some(d) = sql::date(r, 1)? {
                meetings.entry(r.get(0)?).or_default().push(d);
            }
        }
        let mut active_since = IdMap::default();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT agreement_id, max(on_date) FROM status_changes{} {} to_status = 'active' GROUP BY agreement_id",
            by_agreement,
            if agency.is_some() { "AND" } else { "WHERE" }
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            if let Some(d) = sql::date(r, 1)? {
                active_since.insert(r.get(0)?, d);
            }
        }
        // The newest decision of an agreement decides (a later suspension ends an earlier
        // waiver), newest as `ORDER BY decided_on, id` orders them. The rows are read in table
        // order and the newest of each agreement kept, which spares SQLite sorting every
        // decision; a row that cannot be read fails the check as the first such row in that
        // order would have.
        let mut newest: IdMap<AgreementId, (DecisionOrder, Option<Waiver>)> = IdMap::default();
        let mut first_error: Option<(DecisionOrder, crate::store::connection::Error)> = None;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT agreement_id, outcome, waived, decided_on, official, override_justification, id
             FROM decisions{}",
            by_agreement
        ))?;
        let mut rows = stmt.query(bound())?;
        while let Some(r) = rows.next()? {
            let r = &r;
            let order = DecisionOrder::read(r, 3, 6)?;
            match waiver_of(r) {
                Ok((agreement, waiver)) => match newest.entry(agreement) {
                    Entry::Occupied(mut kept) => {
                        if kept.get().0 < order {
                            kept.insert((order, waiver));
                        }
                    }
                    Entry::Vacant(slot) => {
                        slot.insert((order, waiver));
                    }
                },
                Err(e) => {
                    if first_error.as_ref().is_none_or(|(first, _)| order < *first) {
                        first_error = Some((order, e));
                    }
                }
            }
        }
        if let Some((_, e)) = first_error {
            return Err(e.into());
        }
        let waivers: IdMap<AgreementId, Waiver> = newest
            .into_iter()
            .filter_map(|(agreement, (_, waiver))| Some((agreement, waiver?)))
            .collect();
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

    /// Checks every loaded agreement, in their order.
    ///
    /// On the calling thread: splitting the engine between cores makes it faster, but then
    /// each thread allocates its checks in its own malloc arena, and the caller freeing them
    /// later pays several times what was saved (measured on the national dataset: 60 ms
    /// saved, 105 ms more to drop the result).
    pub(crate) fn run(&self, catalogue: &Catalogue, today: NaiveDate) -> Vec<AgreementCheck> {
        self.agreements
            .iter()
            .filter_map(|agreement| {
                let agency = self.agencies.get(&agreement.agency_id)?;
                Some(self.check(catalogue, agency, agreement, today))
            })
            .collect()
    }

    /// The loaded agreements with their agencies, in order.
    pub(crate) fn agreements(&self) -> impl Iterator<Item = (&Agency, &Agreement)> {
        self.agreements
            .iter()
            .filter_map(|a| Some((self.agencies.get(&a.agency_id)?, a)))
    }

    /// What the engine (and the calendar) needs about one agreement.
    pub(crate) fn input<'a>(
        &'a self,
        agency: &'a Agency,
        agreement: &'a Agreement,
        today: NaiveDate,
    ) -> CheckInput<'a> {
        CheckInput {
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
        }
    }

    /// Checks one agreement.
    pub(crate) fn check(
        &self,
        catalogue: &Catalogue,
        agency: &Agency,
        agreement: &Agreement,
        today: NaiveDate,
    ) -> AgreementCheck {
        let input = self.input(agency, agreement, today);
        AgreementCheck {
            nominees: input.nominees.len(),
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

/// A decision row read for the check: its agreement, and the waiver it grants, if it is an
/// acceptance with an override.
fn waiver_of(
    r: &crate::store::connection::Row<'_>,
) -> crate::store::connection::Result<(AgreementId, Option<Waiver>)> {
    let agreement: AgreementId = r.get(0)?;
    let outcome: String = r.get(1)?;
    let waived: String = r.get(2)?;
    let justification: Option<String> = r.get(5)?;
    let (true, Some(justification)) = (outcome == "accepted", justification) else {
        return Ok((agreement, None));
    };
    let ids: Vec<String> = serde_json::from_str(&waived).unwrap_or_default();
    if ids.is_empty() {
        return Ok((agreement, None));
    }
    Ok((
        agreement,
        Some(Waiver {
            requirement_ids: ids,
            decided_on: sql::date(r, 3)?.unwrap_or_default(),
            official: r.get(4)?,
            justification,
        }),
    ))
}

/// Where a decision falls in `ORDER BY decided_on, id`: SQLite orders values NULL first, then
/// numbers, then text (byte by byte, the BINARY collation), then blobs.
#[derive(Debug, Clone, PartialEq)]
struct DecisionOrder {
    rank: u8,
    number: f64,
    bytes: Vec<u8>,
    id: i64,
}

impl DecisionOrder {
    fn read(
        r: &crate::store::connection::Row<'_>,
        decided_on: usize,
        id: usize,
    ) -> crate::store::connection::Result<Self> {
        let (rank, number, bytes) = match r.get_ref(decided_on)? {
            ValueRef::Null => (0, 0.0, Vec::new()),
            ValueRef::Integer(i) => (1, i as f64, Vec::new()),
            ValueRef::Real(f) => (1, f, Vec::new()),
            ValueRef::Text(t) => (2, 0.0, t.to_vec()),
            ValueRef::Blob(b) => (3, 0.0, b.to_vec()),
        };
        Ok(DecisionOrder {
            rank,
            number,
            bytes,
            id: r.get(id)?,
        })
    }
}

impl PartialOrd for DecisionOrder {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(
            self.rank
                .cmp(&other.rank)
                .then(self.number.total_cmp(&other.number))
                .then_with(|| self.bytes.cmp(&other.bytes))
                .then(self.id.cmp(&other.id)),
        )
    }
}

impl Store {
    /// Checks one agency's agreements, or every agreement with `None`, as of `today`.
    pub fn check(&self, agency: Option<AgencyId>, today: NaiveDate) -> Result<Vec<AgreementCheck>> {
        if let Some(id) = agency {
            self.agency(id)?;
        }
        let catalogue = self.catalogue()?;
        Ok(CheckData::load(self.conn(), agency)?.run(&catalogue, today))
    }
}
