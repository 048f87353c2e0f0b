//! Everything the Agency screen shows about one agency, read in one go.

use chrono::NaiveDate;

use super::checks::CheckData;
use super::{AuditEntry, Result, Store};
use crate::domain::NoticeParty;
use crate::domain::calendar::DeadlineKind;
use crate::domain::catalogue::Term;
use crate::domain::{
    Agency, AgencyId, Agreement, Attestation, Complaint, Decision, Nominee, RequirementCheck,
    StatusChange, TerminationNotice,
};

/// How many history entries the Agency screen shows; the CLI shows all.
pub const HISTORY_SHOWN: usize = 200;

/// One agreement with its lifecycle, checklist, nominees and decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct AgreementDetail {
    /// The agreement.
    pub agreement: Agreement,
    /// Its status changes, oldest first.
    pub lifecycle: Vec<StatusChange>,
    /// Every requirement of its model with its outcome.
    pub checks: Vec<RequirementCheck>,
    /// The catalogue version checked against.
    pub catalogue_version: u32,
    /// Its nominees.
    pub nominees: Vec<Nominee>,
    /// Its decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// Attested facts.
    pub attestations: Vec<Attestation>,
    /// Oversight meetings held.
    pub meetings: Vec<NaiveDate>,
    /// The same meetings with their ids, for the documents kept with them.
    pub meeting_ids: Vec<(i64, NaiveDate)>,
    /// Complaints, oldest first.
    pub complaints: Vec<Complaint>,
    /// Notices of termination, oldest first.
    pub notices: Vec<TerminationNotice>,
    /// Its claims of U.S. citizenship, oldest first.
    pub claims: Vec<crate::domain::claims::CitizenshipClaim>,
    /// The MOA terms of the agreement's model and component (how long a complaint may wait,
    /// when a notice takes effect).
    pub terms: Vec<Term>,
    /// The documents attached to it and to its nominees, decisions, complaints and meetings,
    /// oldest first.
    pub documents: Vec<super::documents::DocumentEntry>,
}

/// An agency with all its agreements and its recent history.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyDetail {
    /// The agency.
    pub agency: Agency,
    /// Its agreements.
    pub agreements: Vec<AgreementDetail>,
    /// The newest [`HISTORY_SHOWN`] entries of its history, newest first.
    pub history: Vec<AuditEntry>,
    /// Its link to the national list of law enforcement agencies (`None`: the registry holds
    /// no national list yet).
    pub link: Option<crate::domain::reference::OriLink>,
    /// The national list's row for its ORI: population served and sworn officers.
    pub national: Option<crate::domain::reference::ReferenceAgency>,
}

impl Store {
    /// Reads an agency for its screen, checked as of `today`. Reads only this agency's rows
    /// (indexed), so it costs the same at 18 agencies or 18,000.
    pub fn agency_detail(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyDetail> {
        let agency = self.agency(id)?;
        let catalogue = self.catalogue()?;
        let data = CheckData::load(self.conn(), Some(id))?;
        let mut agreements = Vec::new();
        for agreement in self.agreements_of(id)? {
            let check = data.check(&catalogue, &agency, &agreement, today);
            agreements.push(AgreementDetail {
                lifecycle: self.status_history(agreement.id)?,
                checks: check.requirements,
                catalogue_version: catalogue.version,
                nominees: self.nominees_of(agreement.id)?,
                decisions: self.decisions_of(agreement.id)?,
                attestations: self.attestations(agreement.id)?,
                meetings: self.meetings(agreement.id)?,
                meeting_ids: self.meetings_with_ids(agreement.id)?,
                complaints: self.complaints_of(agreement.id)?,
                notices: self.notices_of(agreement.id)?,
                claims: self.claims_of(agreement.id)?,
                documents: self.documents_under_agreement(agreement.id)?,
                terms: catalogue
                    .terms
                    .iter()
                    .filter(|t| t.applies_to(agreement.model, agreement.component))
                    .cloned()
                    .collect(),
                agreement,
            });
        }
        let history = self.history(Some(id), Some(HISTORY_SHOWN))?;
        let link = self.ori_link(id)?;
        let national = match &agency.details.ori {
            Some(ori) => self.national_agency(ori)?,
            None => None,
        };
        Ok(AgencyDetail {
            agency,
            agreements,
            history,
            link,
            national,
        })
    }
}

impl AgreementDetail {
    /// The term that sets `deadline` for this agreement, if its MOA carries one.
    pub fn term(&self, deadline: DeadlineKind, party: Option<NoticeParty>) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.deadline == deadline && t.party == party)
    }

    /// A requirement's title ("Officer is a U.S. citizen"), as the checklist names it, for a
    /// decision's waivers, which are recorded by id ("officer.us_citizen"). A requirement the
    /// checklist no longer holds (retired since) is named by its id.
    pub fn requirement_title(&self, id: &str) -> String {
        self.checks
            .iter()
            .find(|c| &*c.id == id)
            .map_or_else(|| id.to_string(), |c| c.title.to_string())
    }
}
