//! The program's domain: agencies, agreements, nominees, the requirement catalogue, the
//! requirement engine and decisions.
//!
//! This module owns the rules and must never import iced or a database driver: it is plain
//! data and functions, tested on its own, and both the store and the window build on it.

pub mod agency;
pub mod agreement;
pub mod calendar;
pub mod catalogue;
pub mod check;
pub mod claims;
pub mod dashboard;
pub mod decision;
pub mod ids;
pub mod lists;
pub mod nominee;
pub mod oversight;
pub mod reference;
pub mod requirement_edit;
pub mod state;
pub mod terms;

pub use agency::{Agency, AgencyDetails, AgencyId, AgencyKind, Ori};
pub use agreement::{Agreement, AgreementId, Component, MoaPosting, Model, Status, StatusChange};
pub use catalogue::{Catalogue, Level, Phase, Requirement, Rule};
pub use check::{Attestation, CheckInput, CheckStatus, RequirementCheck, Waiver, check_agreement};
pub use decision::{Decision, DecisionDraft, DecisionId, DecisionRefusal, Outcome};
pub use nominee::{Background, Nominee, NomineeDetails, NomineeForm, NomineeId};
pub use oversight::{Complaint, ComplaintDetails, ComplaintId, NoticeParty, TerminationNotice};
pub use requirement_edit::{RequirementForm, Threshold};
pub use state::State;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A value a coordinator entered that the program cannot take, naming the field, the value and
/// what is wrong, so that a form can show it beside the field and the CLI can print it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {value:?}: {message}")]
pub struct ValidationError {
    /// The field (form field or CLI flag name).
    pub field: &'static str,
    /// The value as entered.
    pub value: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl ValidationError {
    /// A new error for `field`.
    pub fn new(field: &'static str, value: &str, message: impl Into<String>) -> Self {
        ValidationError {
            field,
            value: value.to_string(),
            message: message.into(),
        }
    }
}

/// Reads an ISO date (`2025-05-08`), the only format forms and the CLI take: it is the one
/// format no one misreads.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").ok()
}
