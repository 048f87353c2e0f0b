//! The SQLite backend's side of the contract in [`crate::store`]: [`Store`] is a [`Backend`]
//! and [`Writer`] its transaction. Each method hands over to the inherent method of the same
//! name and signature, where the work and its documentation are.

use chrono::NaiveDate;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::agencies::AgencyOverview;
use super::agreements::{AgreementFacts, NewAgreement};
use super::calendar::CalendarItem;
use super::checks::AgreementCheck;
use super::decisions::Recorded;
use super::detail::AgencyDetail;
use super::documents::{Attached, DocumentEntry, MoaCheck, NewAttachment};
use super::imports::{ImportSummary, ListToApply};
use super::report::AgencyReport;
use super::review::{Resolution, ReviewItem};
use super::{AuditEntry, ChainHead, ShippedChange, Store, Verification, Writer};
use crate::documents::{Finding, Subject};
use crate::domain::agreement::MoaSigning;
use crate::domain::catalogue::Term;
use crate::domain::claims::{CitizenshipClaim, ClaimDetails, ClaimId};
use crate::domain::dashboard::Dashboard;
use crate::domain::{
    Agency, AgencyDetails, AgencyId, Agreement, AgreementId, Attestation, Catalogue, Complaint,
    ComplaintDetails, ComplaintId, Decision, DecisionDraft, Nominee, NomineeDetails, NomineeId,
    NoticeParty, Requirement, Status, StatusChange, TerminationNotice,
};
use crate::store::{Backend, Result, Writes};

impl Backend for Store {
    type Tx<'a> = Writer<'a>;

    fn write<T>(&mut self, action: impl FnOnce(&mut Self::Tx<'_>) -> Result<T>) -> Result<T> {
        Store::write(self, action)
    }

    fn write_then_roll_back<T>(
        &mut self,
        action: impl FnOnce(&mut Self::Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        Store::write_then_roll_back(self, action)
    }

    fn location(&self) -> String {
        self.path().display().to_string()
    }

    fn user(&self) -> &str {
        Store::user(self)
    }

    fn set_user(&mut self, user: String) {
        Store::set_user(self, user)
    }

    fn agency(&self, id: AgencyId) -> Result<Agency> {
        Store::agency(self, id)
    }

    fn find_agency(&self, details: &AgencyDetails) -> Result<Option<AgencyId>> {
        Store::find_agency(self, details)
    }

    fn overview(&self) -> Result<Vec<AgencyOverview>> {
        Store::overview(self)
    }

    fn counts(&self) -> Result<(i64, i64)> {
        Store::counts(self)
    }

    fn agreement(&self, id: AgreementId) -> Result<Agreement> {
        Store::agreement(self, id)
    }

    fn agreements_of(&self, agency: AgencyId) -> Result<Vec<Agreement>> {
        Store::agreements_of(self, agency)
    }

    fn status_history(&self, id: AgreementId) -> Result<Vec<StatusChange>> {
        Store::status_history(self, id)
    }

    fn attestations(&self, id: AgreementId) -> Result<Vec<Attestation>> {
        Store::attestations(self, id)
    }

    fn meetings(&self, id: AgreementId) -> Result<Vec<NaiveDate>> {
        Store::meetings(self, id)
    }

    fn decisions_of(&self, agreement: AgreementId) -> Result<Vec<Decision>> {
        Store::decisions_of(self, agreement)
    }

    fn nominees_of(&self, agreement: AgreementId) -> Result<Vec<Nominee>> {
        Store::nominees_of(self, agreement)
    }

    fn claims_of(&self, agreement: AgreementId) -> Result<Vec<CitizenshipClaim>> {
        Store::claims_of(self, agreement)
    }

    fn complaints_of(&self, agreement: AgreementId) -> Result<Vec<Complaint>> {
        Store::complaints_of(self, agreement)
    }

    fn notices_of(&self, agreement: AgreementId) -> Result<Vec<TerminationNotice>> {
        Store::notices_of(self, agreement)
    }

    fn agency_detail(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyDetail> {
        Store::agency_detail(self, id, today)
    }

    fn agency_report(&self, id: AgencyId, today: NaiveDate) -> Result<AgencyReport> {
        Store::agency_report(self, id, today)
    }

    fn check(&self, agency: Option<AgencyId>, today: NaiveDate) -> Result<Vec<AgreementCheck>> {
        Store::check(self, agency, today)
    }

    fn calendar(&self, today: NaiveDate, request_days: u32) -> Result<Vec<CalendarItem>> {
        Store::calendar(self, today, request_days)
    }

    fn dashboard(&self, today: NaiveDate, since: NaiveDate) -> Result<Dashboard> {
        Store::dashboard(self, today, since)
    }

    fn catalogue(&self) -> Result<Catalogue> {
        Store::catalogue(self)
    }

    fn catalogue_at(&self, version: u32) -> Result<Option<Catalogue>> {
        Store::catalogue_at(self, version)
    }

    fn catalogue_history(&self) -> Result<Vec<AuditEntry>> {
        Store::catalogue_history(self)
    }

    fn shipped_changes(&self) -> Result<Vec<ShippedChange>> {
        Store::shipped_changes(self)
    }

    fn open_review(&self) -> Result<Vec<ReviewItem>> {
        Store::open_review(self)
    }

    fn history(&self, agency: Option<AgencyId>, limit: Option<usize>) -> Result<Vec<AuditEntry>> {
        Store::history(self, agency, limit)
    }

    fn verify(&self) -> Result<Verification> {
        Store::verify(self)
    }

    fn chain_head(&self) -> Result<Option<ChainHead>> {
        Store::chain_head(self)
    }

    fn head_problem(&self, head: &ChainHead) -> Result<Option<String>> {
        Store::head_problem(self, head)
    }

    fn apply_lists(&mut self, lists: Vec<ListToApply>, dry_run: bool) -> Result<ImportSummary> {
        Store::apply_lists(self, lists, dry_run)
    }

    fn apply_lists_with_progress(
        &mut self,
        lists: Vec<ListToApply>,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportSummary> {
        Store::apply_lists_with_progress(self, lists, dry_run, progress)
    }

    fn backup_to(&self, dest: &Path) -> Result<()> {
        Store::backup_to(self, dest)
    }

    fn documents_of(&self, subject: Subject, id: i64) -> Result<Vec<DocumentEntry>> {
        Store::documents_of(self, subject, id)
    }

    fn documents_by_agreement(&self) -> Result<HashMap<AgreementId, Vec<DocumentEntry>>> {
        Store::documents_by_agreement(self)
    }

    fn document(&self, id: i64) -> Result<DocumentEntry> {
        Store::document(self, id)
    }

    fn document_content(&self, id: i64) -> Result<Vec<u8>> {
        Store::document_content(self, id)
    }

    fn open_moa_checks(&self) -> Result<Vec<MoaCheck>> {
        Store::open_moa_checks(self)
    }

    fn daily_backup(&self, today: NaiveDate) -> Result<Option<PathBuf>> {
        Store::daily_backup(self, today)
    }
}

impl Writes for Writer<'_> {
    fn create_agency(&mut self, details: &AgencyDetails) -> Result<AgencyId> {
        Writer::create_agency(self, details)
    }

    fn update_agency(&mut self, id: AgencyId, details: &AgencyDetails) -> Result<bool> {
        Writer::update_agency(self, id, details)
    }

    fn create_agreement(&mut self, new: &NewAgreement) -> Result<AgreementId> {
        Writer::create_agreement(self, new)
    }

    fn change_status(
        &mut self,
        id: AgreementId,
        to: Status,
        on: NaiveDate,
        note: Option<&str>,
    ) -> Result<()> {
        Writer::change_status(self, id, to, on, note)
    }

    fn fill_agreement_facts(
        &mut self,
        id: AgreementId,
        facts: &AgreementFacts,
    ) -> Result<Vec<String>> {
        Writer::fill_agreement_facts(self, id, facts)
    }

    fn agreement_agency(&self, id: AgreementId) -> Result<AgencyId> {
        Writer::agreement_agency(self, id)
    }

    fn nominee_agreement(&self, nominee: NomineeId) -> Result<AgreementId> {
        Writer::nominee_agreement(self, nominee)
    }

    fn record_signing(
        &mut self,
        agreement_id: AgreementId,
        signing: &MoaSigning,
        today: NaiveDate,
    ) -> Result<Status> {
        Writer::record_signing(self, agreement_id, signing, today)
    }

    fn attest(&mut self, agreement_id: AgreementId, a: &Attestation) -> Result<()> {
        Writer::attest(self, agreement_id, a)
    }

    fn record_meeting(
        &mut self,
        agreement_id: AgreementId,
        held_on: NaiveDate,
        note: Option<&str>,
    ) -> Result<i64> {
        Writer::record_meeting(self, agreement_id, held_on, note)
    }

    fn record_decision(&mut self, draft: &DecisionDraft) -> Result<Recorded> {
        Writer::record_decision(self, draft)
    }

    fn add_nominee(&mut self, agreement_id: AgreementId, d: &NomineeDetails) -> Result<NomineeId> {
        Writer::add_nominee(self, agreement_id, d)
    }

    fn update_nominee(&mut self, id: NomineeId, d: &NomineeDetails) -> Result<bool> {
        Writer::update_nominee(self, id, d)
    }

    fn remove_nominee(&mut self, id: NomineeId) -> Result<()> {
        Writer::remove_nominee(self, id)
    }

    fn record_claim(
        &mut self,
        agreement_id: AgreementId,
        id: Option<ClaimId>,
        details: &ClaimDetails,
    ) -> Result<ClaimId> {
        Writer::record_claim(self, agreement_id, id, details)
    }

    fn record_complaint(
        &mut self,
        agreement_id: AgreementId,
        details: &ComplaintDetails,
    ) -> Result<ComplaintId> {
        Writer::record_complaint(self, agreement_id, details)
    }

    fn update_complaint(&mut self, id: ComplaintId, details: &ComplaintDetails) -> Result<bool> {
        Writer::update_complaint(self, id, details)
    }

    fn give_termination_notice(
        &mut self,
        agreement_id: AgreementId,
        given_on: NaiveDate,
        given_by: NoticeParty,
        note: Option<&str>,
    ) -> Result<i64> {
        Writer::give_termination_notice(self, agreement_id, given_on, given_by, note)
    }

    fn update_requirement(&mut self, updated: &Requirement) -> Result<u32> {
        Writer::update_requirement(self, updated)
    }

    fn resolve_shipped_change(&mut self, requirement_id: &str, adopt: bool) -> Result<u32> {
        Writer::resolve_shipped_change(self, requirement_id, adopt)
    }

    fn update_term(&mut self, updated: &Term) -> Result<u32> {
        Writer::update_term(self, updated)
    }

    fn resolve_review(&mut self, id: i64, resolution: &Resolution) -> Result<()> {
        Writer::resolve_review(self, id, resolution)
    }

    fn attach_document(&mut self, new: &NewAttachment<'_>) -> Result<Attached> {
        Writer::attach_document(self, new)
    }

    fn remove_document(&mut self, id: i64) -> Result<DocumentEntry> {
        Writer::remove_document(self, id)
    }

    fn record_moa_findings(
        &mut self,
        attachment: i64,
        agreement: AgreementId,
        findings: &[Finding],
    ) -> Result<()> {
        Writer::record_moa_findings(self, attachment, agreement, findings)
    }

    fn resolve_moa_check(
        &mut self,
        id: i64,
        accept: bool,
        note: Option<&str>,
        today: NaiveDate,
    ) -> Result<()> {
        Writer::resolve_moa_check(self, id, accept, note, today)
    }

    fn link_pending(&mut self) -> Result<super::national::LinkCounts> {
        Writer::link_pending_with_national_list(self)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{AgencyDetails, AgencyKind, State};
    use crate::store::{Backend, StoreError, Writes};

    fn sheriff(name: &str) -> AgencyDetails {
        AgencyDetails {
            state: State::parse("FL").unwrap(),
            name: name.into(),
            kind: AgencyKind::County,
            county: Some("Polk County".into()),
            ori: None,
            has_jail: Some(true),
            contact: None,
        }
    }

    /// What [`Backend`] promises, written against the trait alone so that the next backend can
    /// run it as it is: a write is all or nothing and adds to the history, a dry run leaves
    /// nothing, and a registry written only through the store verifies.
    fn keeps_the_contract(store: &mut impl Backend) {
        let before = store.history(None, None).unwrap().len();
        let id = store.write(|w| w.create_agency(&sheriff("Polk County Sheriff's Office")));
        let id = id.unwrap();
        assert_eq!(
            store.agency(id).unwrap().details.name,
            "Polk County Sheriff's Office"
        );
        let after = store.history(None, None).unwrap().len();
        assert!(after > before, "a write adds to the history");

        let failed: crate::store::Result<()> = store.write(|w| {
            w.create_agency(&sheriff("Lee County Sheriff's Office"))?;
            Err(StoreError::Conflict("changed my mind".into()))
        });
        assert!(failed.is_err());
        assert_eq!(store.counts().unwrap().0, 1, "a failed write keeps nothing");
        assert_eq!(store.history(None, None).unwrap().len(), after);

        let dry = store.write_then_roll_back(|w| w.create_agency(&sheriff("Lee County SO")));
        assert!(dry.is_ok());
        assert_eq!(store.counts().unwrap().0, 1, "a dry run keeps nothing");
        assert_eq!(store.history(None, None).unwrap().len(), after);

        assert!(store.verify().unwrap().ok());
    }

    #[test]
    fn the_sqlite_store_keeps_the_contract_of_a_backend() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = super::Store::open_in(dir.path()).unwrap();
        keeps_the_contract(&mut store);
    }
}
