//! The Agency screen: details, agreements with lifecycle, checklist, nominees, decisions and
//! history. (Placeholder view; the full screen lands next.)

use chrono::NaiveDate;
use iced::widget::{button, column, text};
use iced::{Element, Task};

use crate::domain::{AgencyDetails, AgencyId, AgreementId, Attestation, Component, DecisionDraft, Model, NomineeDetails, NomineeId};
use crate::store::StoreError;
use crate::store::detail::AgencyDetail;

/// A change the coordinator asks for; the application writes it in one transaction and hands
/// back the agency as it then is (or the error).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Create (`id` is `None`) or change an agency.
    SaveAgency {
        /// The agency, or `None` for a new one.
        id: Option<AgencyId>,
        /// The validated details.
        details: AgencyDetails,
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
    },
    /// Remove a nominee.
    RemoveNominee {
        /// The nominee.
        id: NomineeId,
    },
    /// Record a decision of ICE or CBP.
    Decide(DecisionDraft),
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
}

/// The Agency screen's state.
#[derive(Debug, Clone, Default)]
pub struct Agency {
    detail: Option<AgencyDetail>,
    error: Option<String>,
}

/// What the coordinator does on this screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Go back to the list.
    Back,
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Return to the Agencies screen.
    Back,
    /// Write this change.
    Save(Edit),
    /// Run a widget task.
    Run(Task<Message>),
}

impl Agency {
    /// An empty form for a new agency.
    pub fn new_agency() -> Agency {
        Agency::default()
    }

    /// The screen for a loaded agency.
    pub fn loaded(detail: AgencyDetail) -> Agency {
        Agency { detail: Some(detail), error: None }
    }

    /// The agency's name for the window title.
    pub fn title(&self) -> String {
        self.detail.as_ref().map(|d| d.agency.details.name.clone()).unwrap_or_else(|| "New agency".into())
    }

    /// The agency shown, if it exists yet.
    pub fn id(&self) -> Option<AgencyId> {
        self.detail.as_ref().map(|d| d.agency.id)
    }

    /// The outcome of the last [`Edit`]: the agency as it now is, or why nothing was written.
    pub fn saved(&mut self, result: Result<AgencyDetail, StoreError>) {
        match result {
            Ok(detail) => {
                self.detail = Some(detail);
                self.error = None;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Back => Action::Back,
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let name = self.detail.as_ref().map(|d| d.agency.details.name.clone()).unwrap_or_else(|| "New agency".into());
        column![button(text("← Agencies")).on_press(Message::Back), text(name).size(24)].spacing(10).into()
    }
}
