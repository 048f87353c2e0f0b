//! The compliance calendar: deadlines derived from an agreement's data and the catalogue's
//! thresholds (refreshers, authorizations, oversight meetings, the first review, requests left
//! waiting), so every model, WSO included, gets the same oversight calendar.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agreement::{AgreementId, Status};
use super::catalogue::{Catalogue, Rule};
use super::check::{CheckInput, add_months};

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// An officer's refresher training.
    Refresher,
    /// An officer's authorization ends.
    AuthorizationExpiry,
    /// The first review, within a year of going active.
    FirstReview,
    /// The yearly meeting with the Field Office Director.
    OversightMeeting,
    /// A request waiting for a decision longer than the set number of days.
    RequestWaiting,
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeadlineKind::Refresher => "Refresher training",
            DeadlineKind::AuthorizationExpiry => "Authorization expires",
            DeadlineKind::FirstReview => "First review",
            DeadlineKind::OversightMeeting => "Oversight meeting",
            DeadlineKind::RequestWaiting => "Request waiting",
        })
    }
}

/// One deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// The agreement it belongs to.
    pub agreement: AgreementId,
    /// What falls due.
    pub kind: DeadlineKind,
    /// When.
    pub due: NaiveDate,
    /// Who or what: the officer's name, or the agreement.
    pub subject: String,
    /// Whether the day has passed.
    pub overdue: bool,
}

/// The deadlines of one agreement as of `input.today`. `request_days` is how long a request
/// may wait for a decision before it shows; `waiting_since` is the date of the agreement's last
/// status change.
pub fn deadlines(
    catalogue: &Catalogue,
    input: &CheckInput<'_>,
    waiting_since: Option<NaiveDate>,
    request_days: u32,
) -> Vec<Deadline> {
    let a = input.agreement;
    let mut out = Vec::new();
    let mut push = |kind, due: NaiveDate, subject: String| {
        out.push(Deadline {
            agreement: a.id,
            kind,
            due,
            subject,
            overdue: due < input.today,
        });
    };
    let rules: Vec<&Rule> = catalogue.for_model(a.model).map(|r| &r.rule).collect();
    if a.status == Status::Active {
        for rule in &rules {
            match rule {
                Rule::RefresherCurrent { months } => {
                    for n in input.nominees {
                        if let Some(since) = n.details.last_refresher.or(n.details.certified_on) {
                            push(
                                DeadlineKind::Refresher,
                                add_months(since, *months),
                                n.details.name.clone(),
                            );
                        }
                    }
                }
                Rule::AuthorizationCurrent => {
                    for n in input.nominees {
                        if let Some(end) = n.details.authorization_expires {
                            push(
                                DeadlineKind::AuthorizationExpiry,
                                end,
                                n.details.name.clone(),
                            );
                        }
                    }
                }
                Rule::OversightMeeting { months } => {
                    let since = input.active_since.or(a.signed_on);
                    let last = input
                        .meetings
                        .iter()
                        .filter(|m| since.is_none_or(|s| **m >= s))
                        .max();
                    match (last, since) {
                        (Some(last), _) => push(
                            DeadlineKind::OversightMeeting,
                            add_months(*last, *months),
                            "Field Office Director".into(),
                        ),
                        (None, Some(since)) => push(
                            DeadlineKind::FirstReview,
                            add_months(since, *months),
                            "Field Office Director".into(),
                        ),
                        (None, None) => {}
                    }
                }
                _ => {}
            }
        }
    }
    if a.status.is_in_pipeline()
        && let Some(since) = waiting_since.or(a.requested_on)
    {
        push(
            DeadlineKind::RequestWaiting,
            since + Days::new(u64::from(request_days)),
            format!("{} request", a.model.short()),
        );
    }
    out.sort_by_key(|d| (d.due, d.kind));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        AgencyDetails, AgencyKind, Agreement, Component, Model, Nominee, NomineeDetails, State,
    };

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn run(
        model: Model,
        status: Status,
        nominees: &[Nominee],
        meetings: &[NaiveDate],
    ) -> Vec<Deadline> {
        let agency = AgencyDetails {
            state: State::parse("TX").unwrap(),
            name: "Harris County Sheriff's Office".into(),
            kind: AgencyKind::County,
            county: None,
            ori: None,
            has_jail: Some(true),
            contact: None,
        };
        let agreement = Agreement {
            id: 7,
            agency_id: 1,
            model,
            component: Component::Ice,
            status,
            requested_on: Some(day("2026-06-01")),
            signed_on: Some(day("2025-03-01")),
            moa: None,
            moa_url: None,
            last_listed_on: None,
        };
        let input = CheckInput {
            agency: &agency,
            agreement: &agreement,
            active_since: Some(day("2025-03-01")),
            nominees,
            attestations: &[],
            meetings,
            waiver: None,
            today: day("2026-11-28"),
        };
        deadlines(&Catalogue::shipped(), &input, Some(day("2026-07-01")), 90)
    }

    fn officer(
        name: &str,
        certified: &str,
        refresher: Option<&str>,
        expires: Option<&str>,
    ) -> Nominee {
        Nominee {
            id: 1,
            agreement_id: 7,
            details: NomineeDetails {
                name: name.into(),
                certified_on: Some(day(certified)),
                last_refresher: refresher.map(day),
                authorization_expires: expires.map(day),
                ..NomineeDetails::default()
            },
        }
    }

    #[test]
    fn tfm_refreshers_fall_due_a_year_after_the_last_one_and_authorizations_on_their_end() {
        let n = [
            officer(
                "J. Smith",
                "2025-04-01",
                Some("2026-02-01"),
                Some("2027-04-01"),
            ),
            officer("A. Lee", "2025-04-01", None, Some("2026-10-01")),
        ];
        let d = run(Model::Tfm, Status::Active, &n, &[]);
        let find = |kind, who: &str| {
            d.iter()
                .find(|x| x.kind == kind && x.subject == who)
                .unwrap()
                .clone()
        };
        assert_eq!(
            find(DeadlineKind::Refresher, "J. Smith").due,
            day("2027-02-01")
        );
        let lee = find(DeadlineKind::Refresher, "A. Lee");
        assert_eq!((lee.due, lee.overdue), (day("2026-04-01"), true));
        let exp = find(DeadlineKind::AuthorizationExpiry, "A. Lee");
        assert!(exp.overdue);
        assert_eq!(
            d.first().unwrap().due,
            day("2026-03-01"),
            "sorted by due date, overdue first"
        );
    }

    #[test]
    fn jem_refreshers_follow_the_jem_interval_and_wso_gets_the_same_oversight_calendar() {
        let n = [officer("J. Smith", "2025-04-01", None, None)];
        let jem = run(Model::Jem, Status::Active, &n, &[]);
        assert_eq!(
            jem.iter()
                .find(|x| x.kind == DeadlineKind::Refresher)
                .unwrap()
                .due,
            day("2027-04-01")
        );
        assert!(
            !jem.iter()
                .any(|x| x.kind == DeadlineKind::AuthorizationExpiry),
            "JEM has no 2-year authorization"
        );
        let wso = run(Model::Wso, Status::Active, &n, &[]);
        let first = wso
            .iter()
            .find(|x| x.kind == DeadlineKind::FirstReview)
            .unwrap();
        assert_eq!((first.due, first.overdue), (day("2026-03-01"), true));
    }

    #[test]
    fn after_a_meeting_the_next_is_due_a_year_later() {
        let d = run(Model::Wso, Status::Active, &[], &[day("2026-02-10")]);
        let m = d
            .iter()
            .find(|x| x.kind == DeadlineKind::OversightMeeting)
            .unwrap();
        assert_eq!((m.due, m.overdue), (day("2027-02-10"), false));
        assert!(!d.iter().any(|x| x.kind == DeadlineKind::FirstReview));
    }

    #[test]
    fn a_request_waiting_past_the_set_days_is_overdue() {
        let d = run(Model::Tfm, Status::UnderReview, &[], &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].due, d[0].overdue),
            (DeadlineKind::RequestWaiting, day("2026-09-29"), true)
        );
        assert!(run(Model::Tfm, Status::Declined, &[], &[]).is_empty());
    }
}
