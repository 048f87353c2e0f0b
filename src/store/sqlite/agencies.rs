//! Agencies: create, edit, look up and list them with their agreements.

use crate::store::connection::OptionalExtension;
use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

use super::audit::Changes;
use super::sql::{self, AGENCY_COLUMNS, AGREEMENT_COLUMNS};
use super::{Result, Store, StoreError, Writer};
use crate::domain::{Agency, AgencyDetails, AgencyId, Agreement, AgreementId, ValidationError};

/// One agency with its agreements, the row of the Agencies screen and of `g287 agencies`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyOverview {
    /// The agency.
    #[serde(flatten)]
    pub agency: Agency,
    /// How its ORI was linked to the national list: `exact`, `name_county` or `confirmed`;
    /// `None` when it is not linked ([`AgencyOverview::ori_link_reason`] says why).
    pub ori_link: Option<&'static str>,
    /// Why the agency has no link: in review (with the reason), no ORI in the national list
    /// (with the coordinator's reason), or not yet linked.
    pub ori_link_reason: Option<String>,
    /// Its agreements, by model and component.
    pub agreements: Vec<AgreementOverview>,
}

impl AgencyOverview {
    /// An agency's row with its link as the registry keeps it (`None`: never linked).
    pub(crate) fn new(
        agency: Agency,
        link: Option<&crate::domain::reference::OriLink>,
        agreements: Vec<AgreementOverview>,
    ) -> AgencyOverview {
        use crate::domain::reference::LinkStanding;
        let (ori_link, ori_link_reason) = match link.map(|l| &l.standing) {
            Some(LinkStanding::Linked { how, .. }) => (Some(how.code()), None),
            Some(other) => (None, Some(other.in_words())),
            None => (
                None,
                Some("not linked: the registry holds no national list yet".to_string()),
            ),
        };
        AgencyOverview {
            agency,
            ori_link,
            ori_link_reason,
            agreements,
        }
    }
}

/// An agreement with the newest decision on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementOverview {
    /// The agreement.
    #[serde(flatten)]
    pub agreement: Agreement,
    /// The newest decision: outcome and date.
    pub latest_decision: Option<DecisionBrief>,
    /// The addendum as ICE's list gave it: its address when the cell was a hyperlink, else the
    /// cell's text. Kept here so that an export carries it (it is not part of [`Agreement`]).
    pub addendum: Option<String>,
    /// The documents attached to it (removed ones left out), oldest first.
    pub documents: Vec<super::documents::DocumentEntry>,
    /// What was read from its newest MOA (an attachment of role `moa`), `None` without one.
    pub moa_read: Option<crate::documents::MoaReading>,
}

/// The gist of a decision, for lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionBrief {
    /// `accepted`, `declined`, ...
    pub outcome: String,
    /// ICE or CBP.
    pub component: String,
    /// Date decided.
    pub decided_on: String,
}

/// Field-by-field difference of two JSON objects, as `{field: [before, after]}`.
pub(crate) fn diff(before: &Value, after: &Value) -> Value {
    let mut changes = serde_json::Map::new();
    if let (Value::Object(b), Value::Object(a)) = (before, after) {
        for (key, new) in a {
            let old = b.get(key).unwrap_or(&Value::Null);
            if old != new {
                changes.insert(key.clone(), json!([old, new]));
            }
        }
    }
    Value::Object(changes)
}

impl Writer<'_> {
    /// Registers an agency. Refused when the same state and name, or the same ORI, exist.
    pub fn create_agency(&mut self, details: &AgencyDetails) -> Result<AgencyId> {
        self.ensure_unique(details, None)?;
        self.insert_agency(details, &details.identity())
    }

    /// Registers an agency whose state and `identity` key (`details.identity()`) the caller
    /// looked up in this transaction and found free, as an import does for each new agency:
    /// [`Writer::create_agency`] without looking the name up again. The ORI is still checked.
    pub(crate) fn create_unregistered_agency(
        &mut self,
        details: &AgencyDetails,
        identity: &str,
    ) -> Result<AgencyId> {
        self.ensure_ori_unique(details, None)?;
        self.insert_agency(details, identity)
    }

    fn insert_agency(&mut self, details: &AgencyDetails, identity: &str) -> Result<AgencyId> {
        self.prepare_cached(
            "INSERT INTO agencies (state, name, identity, kind, county, ori, has_jail, contact)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params_from_iter(column_values(details, identity)))?;
        let id = AgencyId(self.last_insert_rowid()?);
        self.log_changes(
            "agency",
            Some(id.0),
            Some(id.0),
            "create",
            &created(details),
        )?;
        Ok(id)
    }

    /// Changes an agency's details; the history keeps every field's old and new value.
    /// Returns whether anything changed.
    pub fn update_agency(&mut self, id: AgencyId, details: &AgencyDetails) -> Result<bool> {
        let before = agency(self, id)?;
        if before.details == *details {
            return Ok(false);
        }
        self.ensure_unique(details, Some(id))?;
        let values = column_values(details, &details.identity());
        self.execute(
            "UPDATE agencies SET state = ?1, name = ?2, identity = ?3, kind = ?4, county = ?5, ori = ?6,
             has_jail = ?7, contact = ?8 WHERE id = ?9",
            params_from_iter(values.into_iter().chain([SqlValue::Integer(id.0)])),
        )?;
        let changes = diff(
            &serde_json::to_value(&before.details).unwrap_or_default(),
            &serde_json::to_value(details).unwrap_or_default(),
        );
        self.log("agency", Some(id.0), Some(id.0), "update", changes)?;
        self.forget_automatic_link(id, &before.details, details)?;
        Ok(true)
    }

    fn ensure_unique(&self, details: &AgencyDetails, except: Option<AgencyId>) -> Result<()> {
        if let Some(other) = find_by_identity(self, details.state.code(), &details.identity())?
            && Some(other) != except
        {
            return Err(StoreError::Invalid(vec![ValidationError::new(
                "name",
                &details.name,
                format!(
                    "agency {other} in {} already has this name",
                    details.state.code()
                ),
            )]));
        }
        self.ensure_ori_unique(details, except)
    }

    fn ensure_ori_unique(&self, details: &AgencyDetails, except: Option<AgencyId>) -> Result<()> {
        if let Some(ori) = &details.ori {
            let holder: Option<AgencyId> = self
                .prepare_cached("SELECT id FROM agencies WHERE ori = ?1")?
                .query_row([ori.as_str()], |r| r.get(0))
                .optional()?;
            if let Some(other) = holder.filter(|h| Some(*h) != except) {
                return Err(StoreError::Invalid(vec![ValidationError::new(
                    "ori",
                    ori.as_str(),
                    format!("agency {other} already has this ORI"),
                )]));
            }
        }
        Ok(())
    }
}

/// The changes of an agency's "create" entry: its details, as `serde_json::to_value(details)`
/// writes them (the test below holds the two together).
fn created(details: &AgencyDetails) -> Changes {
    let mut c = Changes::default();
    c.field("state", details.state.code());
    c.field("name", &details.name);
    c.field("type", &details.kind);
    c.field("county", &details.county);
    c.field("ori", &details.ori);
    c.field("has_jail", &details.has_jail);
    c.field("contact", &details.contact);
    c
}

/// The agency with this state code and identity key, if registered.
/// An agency's columns `state, name, identity, kind, county, ori, has_jail, contact`, in that
/// order, as both the insert and the update write them.
fn column_values(d: &AgencyDetails, identity: &str) -> [SqlValue; 8] {
    [
        d.state.code().to_string().into(),
        d.name.clone().into(),
        identity.to_string().into(),
        d.kind.code().to_string().into(),
        d.county.clone().into(),
        d.ori.as_ref().map(|o| o.as_str().to_string()).into(),
        d.has_jail.into(),
        d.contact.clone().into(),
    ]
}

pub(crate) fn find_by_identity(
    conn: &crate::store::connection::Connection,
    state: &str,
    identity: &str,
) -> Result<Option<AgencyId>> {
    Ok(conn
        .prepare_cached("SELECT id FROM agencies WHERE state = ?1 AND identity = ?2")?
        .query_row(params![state, identity], |r| r.get(0))
        .optional()?)
}

pub(crate) fn agency(conn: &crate::store::connection::Connection, id: AgencyId) -> Result<Agency> {
    conn.prepare_cached(&format!(
        "SELECT {AGENCY_COLUMNS} FROM agencies WHERE id = ?1"
    ))?
    .query_row([id], |r| sql::agency(r, 0))
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "agency",
        id: id.0,
    })
}

impl Store {
    /// One agency.
    pub fn agency(&self, id: AgencyId) -> Result<Agency> {
        agency(self.conn(), id)
    }

    /// The agency registered under this state and name (compared by identity key).
    pub fn find_agency(&self, details: &AgencyDetails) -> Result<Option<AgencyId>> {
        find_by_identity(self.conn(), details.state.code(), &details.identity())
    }

    /// Every agency with its agreements and each agreement's newest decision, ordered by state
    /// and name. Three queries whatever the size, so the whole registry loads at once.
    pub fn overview(&self) -> Result<Vec<AgencyOverview>> {
        let conn = self.conn();
        let mut decisions: HashMap<AgreementId, DecisionBrief> = HashMap::new();
        {
            let mut stmt = conn.prepare(
                "SELECT agreement_id, outcome, component, decided_on FROM decisions ORDER BY decided_on, id",
            )?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let r = &r;
                decisions.insert(
                    r.get(0)?,
                    DecisionBrief {
                        outcome: r.get(1)?,
                        component: r.get(2)?,
                        decided_on: r.get(3)?,
                    },
                );
            }
        }
        let mut agreements: HashMap<AgencyId, Vec<AgreementOverview>> = HashMap::new();
        {
            let mut stmt = conn.prepare(&format!(
                "SELECT {AGREEMENT_COLUMNS}, addendum FROM agreements ORDER BY agency_id, model, component"
            ))?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                let r = &r;
                let agreement = sql::agreement(r, 0)?;
                let addendum: Option<String> = r.get(sql::AGREEMENT_COLUMN_COUNT)?;
                let latest_decision = decisions.remove(&agreement.id);
                agreements
                    .entry(agreement.agency_id)
                    .or_default()
                    .push(AgreementOverview {
                        agreement,
                        latest_decision,
                        addendum,
                        documents: Vec::new(),
                        moa_read: None,
                    });
            }
        }
        let mut documents = self.documents_by_agreement()?;
        for list in agreements.values_mut() {
            for overview in list {
                let docs = documents.remove(&overview.agreement.id).unwrap_or_default();
                overview.moa_read = docs
                    .iter()
                    .rev()
                    .find(|d| d.role.as_deref() == Some("moa"))
                    .and_then(|d| d.moa_read.clone());
                overview.documents = docs;
            }
        }
        let links = self.ori_links()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {AGENCY_COLUMNS} FROM agencies ORDER BY state, identity"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let r = &r;
            let agency = sql::agency(r, 0)?;
            let agreements = agreements.remove(&agency.id).unwrap_or_default();
            let link = links.get(&agency.id);
            out.push(AgencyOverview::new(agency, link, agreements));
        }
        Ok(out)
    }

    /// Counts of agencies and agreements.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn().query_row(
            "SELECT (SELECT count(*) FROM agencies), (SELECT count(*) FROM agreements)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AgencyKind, Ori, State};

    #[test]
    fn the_create_entry_holds_the_details_as_serde_writes_them() {
        let tx = State::parse("TX").unwrap();
        let plain = AgencyDetails {
            state: tx,
            name: "Harris County Sheriff\u{2019}s Office \"HCSO\"".into(),
            kind: AgencyKind::StateAgency,
            county: None,
            ori: None,
            has_jail: None,
            contact: None,
        };
        let full = AgencyDetails {
            county: Some("Harris County".into()),
            ori: Some(Ori::parse("TX1010000", tx).unwrap()),
            has_jail: Some(true),
            contact: Some("Lt. Diaz, 713-555-0100\nfront desk".into()),
            ..plain.clone()
        };
        for details in [plain, full] {
            assert_eq!(
                created(&details).to_json(),
                serde_json::to_value(&details).unwrap().to_string()
            );
        }
    }
}
