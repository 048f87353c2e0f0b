//! Edits of an agency and its agreements, each written in one transaction: the changes the
//! Agency screen asks for, and the records the command line writes (decisions, signatures,
//! attestations, claims).

use chrono::NaiveDate;

use super::{Registry, Result};
use crate::domain::agreement::MoaSigning;
use crate::domain::claims::ClaimDetails;
use crate::domain::{
    AgencyDetails, AgencyId, AgreementId, Attestation, ComplaintDetails, ComplaintId, Component,
    DecisionDraft, Model, NomineeDetails, NomineeId, NoticeParty,
};
use crate::store::agreements::NewAgreement;
use crate::store::detail::AgencyDetail;
use crate::store::{StoreError, Writer, today};

pub use crate::store::decisions::Recorded;

/// A change the coordinator asks for; the application writes it in one transaction and hands
/// back the agency as it then is (or the error).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Undo an agency's link to the national list: its ORI is cleared and it waits on the
    /// Review screen.
    UndoLink {
        /// The agency.
        agency: AgencyId,
    },
    /// Create (`id` is `None`) or change an agency.
    SaveAgency {
        /// The agency, or `None` for a new one.
        id: Option<AgencyId>,
        /// The validated details.
        details: AgencyDetails,
        /// The agency's version when its form was filled: the save is refused if someone
        /// changed it since (`None`: no check, as the command line does).
        seen: Option<i64>,
    },
    /// Record a new request for an agreement.
    AddAgreement {
        /// The agency.
        agency: AgencyId,
        /// The model.
        model: Model,
        /// ICE or CBP.
        component: Component,
        /// Date the written request was received.
        requested_on: NaiveDate,
    },
    /// Nominate an officer.
    AddNominee {
        /// The agreement.
        agreement: AgreementId,
        /// The officer's facts.
        details: NomineeDetails,
    },
    /// Change a nominee's facts.
    UpdateNominee {
        /// The nominee.
        id: NomineeId,
        /// The facts.
        details: NomineeDetails,
        /// The nominee's version when the form was opened (see [`Edit::SaveAgency`]).
        seen: Option<i64>,
    },
    /// Remove a nominee.
    RemoveNominee {
        /// The nominee.
        id: NomineeId,
        /// The nominee's version when the removal was asked for: a nominee changed since is
        /// not removed unseen.
        seen: Option<i64>,
    },
    /// Record a decision of ICE or CBP.
    Decide(DecisionDraft),
    /// Record the MOA's signatures, template year and addenda.
    Sign {
        /// The agreement.
        agreement: AgreementId,
        /// What the signature page reads.
        signing: MoaSigning,
    },
    /// Record an attestation of a requirement.
    Attest {
        /// The agreement.
        agreement: AgreementId,
        /// What was attested.
        attestation: Attestation,
    },
    /// Record an oversight meeting.
    Meeting {
        /// The agreement.
        agreement: AgreementId,
        /// When it was held.
        held_on: NaiveDate,
        /// Notes.
        note: Option<String>,
    },
    /// Record a complaint (`id` is `None`) or update one.
    Complaint {
        /// The agreement it concerns.
        agreement: AgreementId,
        /// The complaint, or `None` for a new one.
        id: Option<ComplaintId>,
        /// What is recorded.
        details: ComplaintDetails,
        /// The complaint's version when its form was opened (see [`Edit::SaveAgency`]).
        seen: Option<i64>,
    },
    /// Attach the file at `path` to an agreement (read as its signed MOA with `moa`).
    AttachDocument {
        /// The agreement in view (the record's, whose agency is shown afterwards).
        agreement: AgreementId,
        /// The record it is kept with: the agreement itself, or one of its nominees,
        /// decisions, complaints or meetings.
        to: crate::documents::Subject,
        /// That record's id.
        record: i64,
        /// The file.
        path: std::path::PathBuf,
        /// Whether it is the signed MOA (read and compared with the agreement).
        moa: bool,
    },
    /// Remove an attached document (marked removed; its bytes stay).
    RemoveDocument {
        /// The attachment's id.
        id: i64,
    },
    /// Record a notice of termination.
    Notice {
        /// The agreement to end.
        agreement: AgreementId,
        /// The day notice was given.
        given_on: NaiveDate,
        /// Who gave it.
        given_by: NoticeParty,
        /// Why, or the letter's reference.
        note: Option<String>,
    },
}

impl Registry {
    /// Writes one edit in one transaction and reads the agency back as it now is, so that the
    /// screen shows what was written (or keeps the form open with why nothing was).
    pub fn edit(&self, edit: &Edit) -> Result<AgencyDetail> {
        // A document is read (and an MOA's text) before its transaction, not inside it.
        if let Edit::AttachDocument {
            agreement,
            to,
            record,
            path,
            moa,
        } = edit
        {
            // Only an agreement has a signed MOA.
            let role = (*moa && *to == crate::documents::Subject::Agreement).then_some("moa");
            self.attach(*to, *record, path, role)?;
            let store = self.store()?;
            let agency = store.agreement(*agreement)?.agency_id;
            return Ok(store.agency_detail(agency, today())?);
        }
        let mut store = self.store()?;
        let agency = store.write(|w| apply(w, edit))?;
        Ok(store.agency_detail(agency, today())?)
    }

    /// Records a decision of ICE or CBP on an agreement: the decision, the agreement's new
    /// status and the requirements an override waived.
    pub fn decide(&self, draft: &DecisionDraft) -> Result<Recorded> {
        Ok(self.store()?.write(|w| w.record_decision(draft))?)
    }

    /// Records the MOA's signatures (the signature page as it now reads); returns the
    /// agreement's status, which turns active once both parties have signed an accepted one.
    pub fn sign(
        &self,
        agreement: AgreementId,
        signing: &MoaSigning,
    ) -> Result<crate::domain::Status> {
        Ok(self
            .store()?
            .write(|w| w.record_signing(agreement, signing, today()))?)
    }

    /// Records whether an obligation the checklist cannot judge is in place.
    pub fn attest(&self, agreement: AgreementId, attestation: &Attestation) -> Result<()> {
        Ok(self.store()?.write(|w| w.attest(agreement, attestation))?)
    }

    /// Records a claim of U.S. citizenship (or, with `id`, updates one); returns its id and the
    /// MOA term that sets when ICE must be told, if the agreement's model has one.
    pub fn claim(
        &self,
        agreement: AgreementId,
        id: Option<crate::domain::claims::ClaimId>,
        details: &ClaimDetails,
    ) -> Result<(
        crate::domain::claims::ClaimId,
        Option<crate::domain::terms::Term>,
    )> {
        let mut store = self.store()?;
        let term = {
            let a = store.agreement(agreement)?;
            store
                .catalogue()?
                .term(
                    crate::domain::calendar::DeadlineKind::CitizenshipClaimReported,
                    a.model,
                    a.component,
                    None,
                )
                .cloned()
        };
        let id = store.write(|w| w.record_claim(agreement, id, details))?;
        Ok((id, term))
    }
}

/// Writes one edit inside a transaction; returns the agency to show afterwards.
fn apply(w: &mut Writer<'_>, edit: &Edit) -> std::result::Result<AgencyId, StoreError> {
    match edit {
        Edit::UndoLink { agency } => {
            w.undo_link(*agency)?;
            Ok(*agency)
        }
        Edit::SaveAgency {
            id: Some(id),
            details,
            seen,
        } => {
            if let Some(seen) = seen {
                w.ensure_unchanged("agency", id.0, *seen)?;
            }
            w.update_agency(*id, details)?;
            w.link_agency(*id)?;
            Ok(*id)
        }
        Edit::SaveAgency {
            id: None, details, ..
        } => {
            let id = w.create_agency(details)?;
            w.link_agency(id)?;
            Ok(id)
        }
        Edit::AddAgreement {
            agency,
            model,
            component,
            requested_on,
        } => w
            .create_agreement(&NewAgreement {
                agency_id: *agency,
                model: *model,
                component: *component,
                status: crate::domain::Status::Requested,
                on: *requested_on,
                requested_on: Some(*requested_on),
                signed_on: None,
                note: None,
            })
            .map(|_| *agency),
        Edit::AddNominee { agreement, details } => {
            w.add_nominee(*agreement, details)?;
            w.agreement_agency(*agreement)
        }
        Edit::UpdateNominee { id, details, seen } => {
            let agreement = w.nominee_agreement(*id)?;
            if let Some(seen) = seen {
                w.ensure_unchanged("nominee", id.0, *seen)?;
            }
            w.update_nominee(*id, details)?;
            w.agreement_agency(agreement)
        }
        Edit::RemoveNominee { id, seen } => {
            let agreement = w.nominee_agreement(*id)?;
            if let Some(seen) = seen {
                w.ensure_unchanged("nominee", id.0, *seen)?;
            }
            w.remove_nominee(*id)?;
            w.agreement_agency(agreement)
        }
        Edit::Decide(draft) => {
            w.record_decision(draft)?;
            w.agreement_agency(draft.agreement_id)
        }
        Edit::Sign { agreement, signing } => {
            w.record_signing(*agreement, signing, today())?;
            w.agreement_agency(*agreement)
        }
        Edit::Attest {
            agreement,
            attestation,
        } => {
            w.attest(*agreement, attestation)?;
            w.agreement_agency(*agreement)
        }
        Edit::Meeting {
            agreement,
            held_on,
            note,
        } => {
            w.record_meeting(*agreement, *held_on, note.as_deref())?;
            w.agreement_agency(*agreement)
        }
        Edit::Complaint {
            agreement,
            id: None,
            details,
            ..
        } => {
            w.record_complaint(*agreement, details)?;
            w.agreement_agency(*agreement)
        }
        Edit::Complaint {
            agreement,
            id: Some(id),
            details,
            seen,
        } => {
            if let Some(seen) = seen {
                w.ensure_unchanged("complaint", id.0, *seen)?;
            }
            w.update_complaint(*id, details)?;
            w.agreement_agency(*agreement)
        }
        Edit::AttachDocument { agreement, .. } => {
            // Written by `Registry::edit` before any transaction; never reaches here.
            w.agreement_agency(*agreement)
        }
        Edit::RemoveDocument { id } => {
            let agency = w.document_agency(*id)?;
            w.remove_document(*id)?;
            Ok(agency)
        }
        Edit::Notice {
            agreement,
            given_on,
            given_by,
            note,
        } => {
            w.give_termination_notice(*agreement, *given_on, *given_by, note.as_deref())?;
            w.agreement_agency(*agreement)
        }
    }
}
