//! Claims of U.S. citizenship made by a person the agency's officers encounter in their 287(g)
//! work. The JEM and WSO MOAs have the agency report each to ICE "within one hour" (HAM p9,
//! BAK p8: "in no case more than one hour"), so a claim is recorded with its time, not only its
//! day. No name is kept: the record is of the agency's duty, not of the person.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::ValidationError;
use super::agreement::{Agreement, AgreementId};
use super::calendar::{Deadline, DeadlineKind, DeadlineState};
use super::catalogue::Catalogue;
use super::terms::{Period, Term};

pub use super::ids::ClaimId;

/// What is recorded of a claim.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClaimDetails {
    /// When the person claimed to be a U.S. citizen (local time, to the minute).
    pub claimed_at: Option<NaiveDateTime>,
    /// When ICE was told.
    pub reported_at: Option<NaiveDateTime>,
    /// Where and how (booking, the officer's report number); no name.
    pub note: Option<String>,
}

impl ClaimDetails {
    /// Refuses a claim with no time, or a report before the claim.
    pub fn validate(&self) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        match (self.claimed_at, self.reported_at) {
            (None, _) => errors.push(ValidationError::new(
                "claimed_at",
                "",
                "the time of the claim is required (YYYY-MM-DD HH:MM)",
            )),
            (Some(claimed), Some(reported)) if reported < claimed => {
                errors.push(ValidationError::new(
                    "reported_at",
                    &reported.format(TIME).to_string(),
                    format!("is before the claim ({})", claimed.format(TIME)),
                ))
            }
            _ => {}
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// When ICE must have been told under the model's term (`None` where the MOA sets none).
    pub fn report_due(&self, term: Option<&Term>) -> Option<NaiveDateTime> {
        let claimed = self.claimed_at?;
        Some(match term?.period {
            Period::Hours(h) => claimed + chrono::Duration::hours(i64::from(h)),
            _ => term?.due(claimed.date()).and_time(claimed.time()),
        })
    }

    /// Whether the report came after the term's end (`None` until reported, or with no term).
    pub fn reported_late(&self, term: Option<&Term>) -> Option<bool> {
        Some(self.reported_at? > self.report_due(term)?)
    }
}

/// The form in which times are written and read: `2026-11-30 14:05`.
pub const TIME: &str = "%Y-%m-%d %H:%M";

/// Reads a time as [`TIME`] writes it.
pub fn parse_time(input: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(input.trim(), TIME).ok()
}

/// A recorded claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CitizenshipClaim {
    /// Its row id.
    pub id: ClaimId,
    /// The agreement under which the officers worked.
    pub agreement_id: AgreementId,
    /// What was recorded.
    pub details: ClaimDetails,
}

/// The deadlines an agreement's unreported claims set, as of `today`: each on the day of the
/// claim (the hour runs out that day), overdue from the next.
pub fn claim_deadlines(
    catalogue: &Catalogue,
    agreement: &Agreement,
    claims: &[CitizenshipClaim],
    today: NaiveDate,
) -> Vec<Deadline> {
    let kind = DeadlineKind::CitizenshipClaimReported;
    let Some(term) = catalogue.term(kind, agreement.model, agreement.component, None) else {
        return Vec::new();
    };
    claims
        .iter()
        .filter(|c| c.details.reported_at.is_none())
        .filter_map(|c| {
            let claimed = c.details.claimed_at?;
            let due = c.details.report_due(Some(term))?.date();
            let state = if due >= today {
                DeadlineState::Upcoming
            } else {
                DeadlineState::Overdue
            };
            Some(Deadline {
                agreement: agreement.id,
                kind,
                due,
                from: claimed.date(),
                term: term.wording.clone(),
                source: term.source.clone(),
                subject: format!("Claim of {}", claimed.format(TIME)),
                state,
                overdue: state == DeadlineState::Overdue,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::AgencyId;
    use crate::domain::{Component, Model, Status};

    fn at(s: &str) -> NaiveDateTime {
        parse_time(s).unwrap()
    }

    fn agreement(model: Model) -> Agreement {
        Agreement {
            id: AgreementId(3),
            agency_id: AgencyId(1),
            model,
            component: Component::Ice,
            status: Status::Active,
            requested_on: None,
            signed_on: None,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: Default::default(),
        }
    }

    #[test]
    fn a_claim_of_citizenship_is_reported_within_one_hour_under_jem_and_wso() {
        let claim = CitizenshipClaim {
            id: ClaimId(1),
            agreement_id: AgreementId(3),
            details: ClaimDetails {
                claimed_at: Some(at("2026-11-27 14:05")),
                reported_at: None,
                note: Some("booking, report 26-1142".into()),
            },
        };
        let shipped = Catalogue::shipped();
        for model in [Model::Jem, Model::Wso] {
            let d = claim_deadlines(
                &shipped,
                &agreement(model),
                std::slice::from_ref(&claim),
                at("2026-11-28 09:00").date(),
            );
            assert_eq!(d.len(), 1);
            assert_eq!(
                (d[0].due, d[0].overdue),
                (at("2026-11-27 00:00").date(), true)
            );
            assert_eq!(&*d[0].term, "within one hour");
        }
        let tfm = claim_deadlines(
            &shipped,
            &agreement(Model::Tfm),
            std::slice::from_ref(&claim),
            at("2026-11-28 09:00").date(),
        );
        assert!(tfm.is_empty(), "no such term in the Task Force MOA");

        let term = shipped.term(
            DeadlineKind::CitizenshipClaimReported,
            Model::Jem,
            Component::Ice,
            None,
        );
        let mut late = claim.details.clone();
        late.reported_at = Some(at("2026-11-27 15:20"));
        assert_eq!(late.reported_late(term), Some(true));
        late.reported_at = Some(at("2026-11-27 14:50"));
        assert_eq!(late.reported_late(term), Some(false));
        late.reported_at = Some(at("2026-11-27 13:00"));
        assert_eq!(late.validate().unwrap_err()[0].field, "reported_at");
    }
}
