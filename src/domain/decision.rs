//! Decisions: which component accepted or declined an agency's services, when, by whom, on what
//! grounds, and the rule that an acceptance against unmet requirements needs a written override.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValidationError;
use super::agreement::{Agreement, AgreementId, Component, Status};
use super::check::{RequirementCheck, Waiver};

pub use super::ids::DecisionId;

/// What the component decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The component accepts the agency's services: the agreement becomes active.
    Accepted,
    /// The component declines them.
    Declined,
    /// The agency withdrew.
    Withdrawn,
    /// Suspended, with immediate effect.
    Suspended,
    /// Terminated.
    Terminated,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 5] = [
        Outcome::Accepted,
        Outcome::Declined,
        Outcome::Withdrawn,
        Outcome::Suspended,
        Outcome::Terminated,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Declined => "declined",
            Outcome::Withdrawn => "withdrawn",
            Outcome::Suspended => "suspended",
            Outcome::Terminated => "terminated",
        }
    }

    /// Reads a code in any case.
    pub fn parse(input: &str) -> Option<Outcome> {
        let wanted = input.trim().to_lowercase();
        Outcome::ALL.into_iter().find(|o| o.code() == wanted)
    }

    /// The agreement status the decision leads to from `current`. Acceptance is not signing:
    /// the MOAs take effect "upon signature of both parties", so an accepted agreement waits
    /// as pending until both signatures are recorded (`moa_signed`), unless it is a suspended
    /// agreement being reinstated.
    pub fn status_from(self, current: Status, moa_signed: bool) -> Status {
        match self {
            Outcome::Accepted if moa_signed || current == Status::Suspended => Status::Active,
            Outcome::Accepted => Status::Pending,
            other => other.resulting_status(),
        }
    }

    /// The status the decision moves `agreement` to, as [`Outcome::status_from`] with the MOA
    /// signed when both signatures are recorded; `None` when it stays as it is (an agreement
    /// accepted again while pending).
    pub fn moves(self, agreement: &Agreement) -> Option<Status> {
        let moa_signed = agreement.signing.in_effect_on().is_some();
        let to = self.status_from(agreement.status, moa_signed);
        (to != agreement.status).then_some(to)
    }

    /// The agreement status the decision leads to once in force (an acceptance: active, when
    /// the MOA is signed by both parties).
    pub fn resulting_status(self) -> Status {
        match self {
            Outcome::Accepted => Status::Active,
            Outcome::Declined => Status::Declined,
            Outcome::Withdrawn => Status::Withdrawn,
            Outcome::Suspended => Status::Suspended,
            Outcome::Terminated => Status::Terminated,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::Accepted => "Accepted",
            Outcome::Declined => "Declined",
            Outcome::Withdrawn => "Withdrawn",
            Outcome::Suspended => "Suspended",
            Outcome::Terminated => "Terminated",
        })
    }
}

/// A decision as entered, before the rules are applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionDraft {
    /// The agreement decided on.
    pub agreement_id: AgreementId,
    /// ICE or CBP.
    pub component: Component,
    /// What was decided.
    pub outcome: Outcome,
    /// The date of the decision.
    pub decided_on: NaiveDate,
    /// The deciding official: name and title, free text (titles have changed over the years).
    pub official: String,
    /// The grounds, in words.
    pub grounds: Option<String>,
    /// The written justification for accepting against unmet requirements.
    pub override_justification: Option<String>,
    /// For a suspension: the day it ends, as ICE's notice states its length (the JEM and TFM
    /// MOAs suspend "immediately" for a stated time).
    #[serde(default)]
    pub suspended_until: Option<NaiveDate>,
}

/// A suspension's length where the model's MOA has the notice state it (a `suspension_ends`
/// term): required, and after the decision's day. Elsewhere it may be given or not.
pub fn check_suspension_length(
    draft: &DecisionDraft,
    length_stated: Option<&crate::domain::terms::Term>,
) -> Result<(), ValidationError> {
    if draft.outcome != Outcome::Suspended {
        return Ok(());
    }
    match (draft.suspended_until, length_stated) {
        (Some(until), _) if until <= draft.decided_on => Err(ValidationError::new(
            "suspended_until",
            &until.to_string(),
            format!("the suspension ends after it begins ({})", draft.decided_on),
        )),
        (None, Some(term)) => Err(ValidationError::new(
            "suspended_until",
            "",
            format!("give the day the suspension ends: {}", term.wording),
        )),
        _ => Ok(()),
    }
}

/// A decision as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// Row id.
    pub id: DecisionId,
    /// What was entered.
    #[serde(flatten)]
    pub draft: DecisionDraft,
    /// The requirements waived by the override (those not met or with no record at decision time).
    pub waived: Vec<String>,
    /// The version of the requirement catalogue the decision was checked against.
    pub catalogue_version: u32,
    /// The OS user who recorded it.
    pub recorded_by: String,
}

impl Decision {
    /// The waiver this decision puts in force, if it accepted with an override.
    pub fn waiver(&self) -> Option<Waiver> {
        let justification = self.draft.override_justification.clone()?;
        (self.draft.outcome == Outcome::Accepted && !self.waived.is_empty()).then(|| Waiver {
            requirement_ids: self.waived.clone(),
            decided_on: self.draft.decided_on,
            official: self.draft.official.clone(),
            justification,
        })
    }
}

/// Why a decision was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecisionRefusal {
    /// A field is missing or wrong.
    #[error("{0}")]
    Invalid(ValidationError),
    /// The decision's component is not the one of the agreement.
    #[error(
        "this agreement is with {agreement}; a decision by {decision} cannot be recorded on it"
    )]
    WrongComponent {
        /// The agreement's component.
        agreement: Component,
        /// The decision's component.
        decision: Component,
    },
    /// The lifecycle does not allow the move.
    #[error("an agreement that is {from} cannot become {to}")]
    NotAllowed {
        /// Current status.
        from: Status,
        /// Status the decision would lead to.
        to: Status,
    },
    /// Acceptance against unmet requirements without a written override.
    #[error(
        "acceptance refused: {} requirement(s) not met or with no record ({}); a written override justification is needed",
        unmet.len(),
        unmet.join(", ")
    )]
    OverrideNeeded {
        /// Ids of the requirements not met or with no record.
        unmet: Vec<String>,
    },
}

/// The shortest override justification taken: a few words are not a justification.
pub const MIN_OVERRIDE_CHARS: usize = 20;

/// Applies the program's rules to a decision: the component must match the agreement, the
/// lifecycle must allow the move, and an acceptance while any requirement is not met or with no record
/// needs a written override. Returns the ids of the requirements the override waives.
pub fn admit(
    draft: &DecisionDraft,
    agreement_component: Component,
    current: Status,
    moa_signed: bool,
    checks: &[RequirementCheck],
) -> Result<Vec<String>, DecisionRefusal> {
    if draft.official.trim().is_empty() {
        return Err(DecisionRefusal::Invalid(ValidationError::new(
            "official",
            "",
            "name the deciding official and their title",
        )));
    }
    if draft.component != agreement_component {
        return Err(DecisionRefusal::WrongComponent {
            agreement: agreement_component,
            decision: draft.component,
        });
    }
    let to = draft.outcome.status_from(current, moa_signed);
    // An agreement already pending may be accepted: it stays pending until signed.
    let stays_pending = to == current && to == Status::Pending;
    if !stays_pending && !current.can_become(to) {
        return Err(DecisionRefusal::NotAllowed { from: current, to });
    }
    if draft.outcome != Outcome::Accepted {
        return Ok(Vec::new());
    }
    let unmet: Vec<String> = checks
        .iter()
        .filter(|c| c.status.blocks_acceptance())
        .map(|c| c.id.to_string())
        .collect();
    if unmet.is_empty() {
        return Ok(Vec::new());
    }
    match draft.override_justification.as_deref().map(str::trim) {
        Some(text) if text.chars().count() >= MIN_OVERRIDE_CHARS => Ok(unmet),
        Some(text) if !text.is_empty() => Err(DecisionRefusal::Invalid(ValidationError::new(
            "override",
            text,
            format!("an override justification needs at least {MIN_OVERRIDE_CHARS} characters"),
        ))),
        _ => Err(DecisionRefusal::OverrideNeeded { unmet }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::{MoaSigning, Model, Signature};
    use crate::domain::ids::AgencyId;

    fn agreement(status: Status, signing: MoaSigning) -> Agreement {
        Agreement {
            id: AgreementId(1),
            agency_id: AgencyId(1),
            model: Model::Jem,
            component: Component::Ice,
            status,
            requested_on: None,
            signed_on: None,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing,
        }
    }

    #[test]
    fn an_acceptance_waits_as_pending_until_both_signatures_are_recorded() {
        let on = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let signature = Some(Signature {
            name: "Grady Judd".into(),
            title: "Sheriff".into(),
            on,
        });
        let signed = MoaSigning {
            agency: signature.clone(),
            component: signature,
            ..MoaSigning::default()
        };
        let requested = agreement(Status::Requested, MoaSigning::default());
        assert_eq!(Outcome::Accepted.moves(&requested), Some(Status::Pending));
        assert_eq!(
            Outcome::Accepted.moves(&agreement(Status::Requested, signed)),
            Some(Status::Active)
        );
        // Accepted again while pending: nothing moves.
        assert_eq!(
            Outcome::Accepted.moves(&agreement(Status::Pending, MoaSigning::default())),
            None
        );
        // A suspended agreement accepted again is reinstated.
        assert_eq!(
            Outcome::Accepted.moves(&agreement(Status::Suspended, MoaSigning::default())),
            Some(Status::Active)
        );
        assert_eq!(Outcome::Declined.moves(&requested), Some(Status::Declined));
    }
}
