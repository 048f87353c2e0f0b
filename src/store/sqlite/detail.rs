//! Everything the Agency screen shows about one agency, read in one go.

use chrono::NaiveDate;

use super::checks::CheckData;
use super::scope::{Scope, by_agreement};
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
    /// The versions of the agency and its records as read: a form saved over a change made
    /// since is refused ([`super::versions`]).
    pub versions: super::versions::Versions,
}

impl Store {
    /// Reads an agency for its screen, checked as of `today`. Reads only this agency's rows
    /// (indexed), so it costs the same at 18 agencies or 18,000.
    ///
    /// Every read is of one snapshot of the registry: the versions the forms are filled with
    /// (`versions`) are those of the very rows read, so that a save committed meanwhile is
    /// never taken for the one the form shows (its save would then pass the version check and
    /// write the form's older values over it).
    pub fn agency_detail(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyDetail> {
        let _snapshot = self.conn().snapshot()?;
        let agency = self.agency(id)?;
        let catalogue = self.catalogue()?;
        let data = CheckData::load(self.conn(), Some(id))?;
        // Each kind of record read once for the whole agency (a round trip each on a server),
        // not once per agreement.
        let whole = Scope::Agency(id);
        let mut lifecycles = by_agreement(self.status_changes_in(whole)?);
        let mut nominees = by_agreement(self.nominees_in(whole)?);
        let mut decisions = by_agreement(self.decisions_in(whole)?);
        let mut attestations = by_agreement(self.attestations_in(whole)?);
        let mut meetings = by_agreement(self.meetings_in(whole)?);
        let mut complaints = by_agreement(self.complaints_in(whole)?);
        let mut notices = by_agreement(self.notices_in(whole)?);
        let mut claims = by_agreement(self.claims_in(whole)?);
        let mut documents = by_agreement(self.documents_in(whole)?);
        let mut agreements = Vec::new();
        for agreement in self.agreements_of(id)? {
            let check = data.check(&catalogue, &agency, &agreement, today);
            let meeting_ids = meetings.remove(&agreement.id).unwrap_or_default();
            agreements.push(AgreementDetail {
                lifecycle: lifecycles.remove(&agreement.id).unwrap_or_default(),
                checks: check.requirements,
                catalogue_version: catalogue.version,
                nominees: nominees.remove(&agreement.id).unwrap_or_default(),
                decisions: decisions.remove(&agreement.id).unwrap_or_default(),
                attestations: attestations.remove(&agreement.id).unwrap_or_default(),
                meetings: meeting_ids.iter().map(|(_, held_on)| *held_on).collect(),
                meeting_ids,
                complaints: complaints.remove(&agreement.id).unwrap_or_default(),
                notices: notices.remove(&agreement.id).unwrap_or_default(),
                claims: claims.remove(&agreement.id).unwrap_or_default(),
                documents: documents.remove(&agreement.id).unwrap_or_default(),
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
        let versions = self.versions_of(id)?;
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
            versions,
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
