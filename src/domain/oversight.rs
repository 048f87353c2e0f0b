//! What happens to an agreement once it operates that carries a deadline of its own: complaints
//! (ICE told, resolved, results reported) and notices of termination. How long each may take is
//! the MOA term of the agreement's model (see [`super::terms`]), not a constant here.

use chrono::NaiveDate;

use super::terms::Term;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValidationError;
use super::agreement::AgreementId;

pub use super::ids::ComplaintId;

/// A complaint about the agency's 287(g) work, as the coordinator records it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ComplaintDetails {
    /// When the agency received it.
    pub received_on: Option<NaiveDate>,
    /// What it is about, in a sentence.
    pub summary: String,
    /// When ICE was told.
    pub ice_told_on: Option<NaiveDate>,
    /// When it was resolved.
    pub resolved_on: Option<NaiveDate>,
    /// How it was resolved.
    pub resolution: Option<String>,
    /// When the results were reported to ICE (JEM: within 30 days of the resolution).
    #[serde(default)]
    pub results_reported_on: Option<NaiveDate>,
}

impl ComplaintDetails {
    /// Refuses a complaint with no date or summary, dates before its receipt, or a resolution
    /// date with no word on how it was resolved: an empty "resolved" would close the deadline
    /// with nothing on the record.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        let received = self.received_on;
        if received.is_none() {
            errors.push(ValidationError::new(
                "received_on",
                "",
                "the date the complaint was received is required",
            ));
        }
        if self.summary.trim().is_empty() {
            errors.push(ValidationError::new(
                "summary",
                &self.summary,
                "say in a sentence what the complaint is about",
            ));
        }
        for (field, date) in [
            ("ice_told_on", self.ice_told_on),
            ("resolved_on", self.resolved_on),
            ("results_reported_on", self.results_reported_on),
        ] {
            if let (Some(d), Some(r)) = (date, received)
                && d < r
            {
                errors.push(ValidationError::new(
                    field,
                    &d.to_string(),
                    format!("is before the complaint was received ({r})"),
                ));
            }
        }
        let resolution = self.resolution.as_deref().unwrap_or("").trim();
        if self.resolved_on.is_some() && resolution.is_empty() {
            errors.push(ValidationError::new(
                "resolution",
                "",
                "say how the complaint was resolved",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// When ICE must have been told, under the model's term (`None` where the MOA sets no
    /// fixed limit, as the Task Force MOA's "timely notification").
    pub fn ice_told_due(&self, term: Option<&Term>) -> Option<NaiveDate> {
        Some(term?.due(self.received_on?))
    }

    /// When it is expected to be resolved, under the model's term.
    pub fn resolution_due(&self, term: Option<&Term>) -> Option<NaiveDate> {
        Some(term?.due(self.received_on?))
    }

    /// When its results must be reported to ICE, under the model's term (JEM: 30 days from
    /// the resolution).
    pub fn results_due(&self, term: Option<&Term>) -> Option<NaiveDate> {
        Some(term?.due(self.resolved_on?))
    }
}

/// A recorded complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    /// Its row id.
    pub id: ComplaintId,
    /// The agreement it concerns.
    pub agreement_id: AgreementId,
    /// What was recorded.
    pub details: ComplaintDetails,
}

/// Who gave notice of termination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeParty {
    /// The agency.
    Agency,
    /// The component (ICE or CBP).
    Component,
}

impl NoticeParty {
    /// Both, in the order a form lists them.
    pub const ALL: [NoticeParty; 2] = [NoticeParty::Agency, NoticeParty::Component];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            NoticeParty::Agency => "agency",
            NoticeParty::Component => "component",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<NoticeParty> {
        NoticeParty::ALL.into_iter().find(|p| p.code() == code)
    }
}

impl fmt::Display for NoticeParty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NoticeParty::Agency => "The agency",
            NoticeParty::Component => "ICE or CBP",
        })
    }
}

/// A notice of termination given by one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminationNotice {
    /// Its row id.
    pub id: i64,
    /// The agreement to end.
    pub agreement_id: AgreementId,
    /// The day notice was given.
    pub given_on: NaiveDate,
    /// Who gave it.
    pub given_by: NoticeParty,
    /// Why, or a reference to the letter.
    pub note: Option<String>,
}

impl TerminationNotice {
    /// The day the agreement ends under the term for this party's notice (WSO: 90 days after
    /// receipt; JEM and TFM agency notice: on receipt).
    pub fn takes_effect(&self, term: Option<&Term>) -> Option<NaiveDate> {
        Some(term?.due(self.given_on))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn complaint() -> ComplaintDetails {
        ComplaintDetails {
            received_on: Some(day("2026-03-02")),
            summary: "Detainee says no interpreter was offered".into(),
            ..ComplaintDetails::default()
        }
    }

    use crate::domain::calendar::DeadlineKind;
    use crate::domain::{Catalogue, Component, Model};

    fn term(kind: DeadlineKind, model: Model, party: Option<NoticeParty>) -> Option<Term> {
        Catalogue::shipped()
            .term(kind, model, Component::Ice, party)
            .cloned()
    }

    #[test]
    fn a_complaint_is_due_to_ice_under_its_models_term() {
        let c = complaint();
        assert_eq!(c.validate(), Ok(()));
        // 2026-03-02 is a Monday: two weekdays later.
        let jem = term(DeadlineKind::ComplaintReported, Model::Jem, None);
        assert_eq!(c.ice_told_due(jem.as_ref()), Some(day("2026-03-04")));
        let tfm = term(DeadlineKind::ComplaintReported, Model::Tfm, None);
        assert_eq!(tfm, None, "the TFM MOA says only \"timely\"");
        assert_eq!(c.ice_told_due(tfm.as_ref()), None);
        let wso = term(DeadlineKind::ComplaintResolved, Model::Wso, None);
        assert_eq!(c.resolution_due(wso.as_ref()), Some(day("2026-05-31")));
    }

    #[test]
    fn a_complaint_needs_a_date_a_summary_and_a_resolution_once_resolved() {
        let errors = ComplaintDetails {
            summary: " ".into(),
            resolved_on: Some(day("2026-01-01")),
            ..ComplaintDetails::default()
        }
        .validate()
        .unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["received_on", "summary", "resolution"]);

        let early = ComplaintDetails {
            ice_told_on: Some(day("2026-03-01")),
            ..complaint()
        }
        .validate()
        .unwrap_err();
        assert_eq!(early[0].field, "ice_told_on");
        assert!(early[0].message.contains("2026-03-02"), "{}", early[0]);
    }

    #[test]
    fn an_agencys_notice_takes_effect_ninety_days_later_for_wso_and_at_once_for_jem() {
        let n = TerminationNotice {
            id: 1,
            agreement_id: AgreementId(2),
            given_on: day("2026-09-01"),
            given_by: NoticeParty::Agency,
            note: None,
        };
        let party = Some(NoticeParty::Agency);
        let wso = term(DeadlineKind::TerminationTakesEffect, Model::Wso, party);
        assert_eq!(n.takes_effect(wso.as_ref()), Some(day("2026-11-30")));
        let jem = term(DeadlineKind::TerminationTakesEffect, Model::Jem, party);
        assert_eq!(n.takes_effect(jem.as_ref()), Some(day("2026-09-01")));
        let ice = term(
            DeadlineKind::TerminationTakesEffect,
            Model::Jem,
            Some(NoticeParty::Component),
        );
        assert_eq!(n.takes_effect(ice.as_ref()), Some(day("2026-11-30")));
        assert_eq!(
            NoticeParty::parse("component"),
            Some(NoticeParty::Component)
        );
        assert_eq!(NoticeParty::parse("county"), None);
    }
}
