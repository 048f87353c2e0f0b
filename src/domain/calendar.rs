//! The compliance calendar: deadlines derived from an agreement's data and the catalogue's
//! thresholds (refreshers, authorizations, oversight meetings, the first review, requests left
//! waiting), so every model, WSO included, gets the same oversight calendar.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agreement::{Agreement, AgreementId, Status};
use super::catalogue::{Catalogue, Rule};
use super::check::{CheckInput, add_months};
use super::oversight::{Complaint, TerminationNotice};

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
    /// ICE to be told of a complaint (within 48 hours).
    ComplaintReported,
    /// A complaint to be resolved (within 90 days).
    ComplaintResolved,
    /// The agreement ends, 90 days after a notice of termination.
    TerminationTakesEffect,
}

impl DeadlineKind {
    /// Every kind, in the order a filter lists them.
    pub const ALL: [DeadlineKind; 8] = [
        DeadlineKind::Refresher,
        DeadlineKind::AuthorizationExpiry,
        DeadlineKind::FirstReview,
        DeadlineKind::OversightMeeting,
        DeadlineKind::RequestWaiting,
        DeadlineKind::ComplaintReported,
        DeadlineKind::ComplaintResolved,
        DeadlineKind::TerminationTakesEffect,
    ];

    /// The code the CLI takes (`--kind refresher`).
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Refresher => "refresher",
            DeadlineKind::AuthorizationExpiry => "authorization_expiry",
            DeadlineKind::FirstReview => "first_review",
            DeadlineKind::OversightMeeting => "oversight_meeting",
            DeadlineKind::RequestWaiting => "request_waiting",
            DeadlineKind::ComplaintReported => "complaint_reported",
            DeadlineKind::ComplaintResolved => "complaint_resolved",
            DeadlineKind::TerminationTakesEffect => "termination_takes_effect",
        }
    }

    /// Reads a code.
    pub fn parse(code: &str) -> Option<DeadlineKind> {
        DeadlineKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl fmt::Display for DeadlineKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeadlineKind::Refresher => "Refresher training",
            DeadlineKind::AuthorizationExpiry => "Authorization expires",
            DeadlineKind::FirstReview => "First review",
            DeadlineKind::OversightMeeting => "Oversight meeting",
            DeadlineKind::RequestWaiting => "Request waiting",
            DeadlineKind::ComplaintReported => "Tell ICE of complaint",
            DeadlineKind::ComplaintResolved => "Resolve complaint",
            DeadlineKind::TerminationTakesEffect => "Termination takes effect",
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
            format!("{} since {since}", a.status.label()),
        );
    }
    out.sort_by_key(|d| (d.due, d.kind));
    out
}

/// The deadlines an agreement's complaints and notices of termination set, as of `today`: each
/// complaint until ICE is told and until it is resolved; the newest notice until the agreement
/// is recorded as ended.
pub fn record_deadlines(
    agreement: &Agreement,
    complaints: &[Complaint],
    notices: &[TerminationNotice],
    today: NaiveDate,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    let mut push = |kind, due: NaiveDate, subject: String| {
        out.push(Deadline {
            agreement: agreement.id,
            kind,
            due,
            subject,
            overdue: due < today,
        });
    };
    for c in complaints {
        let d = &c.details;
        let subject = format!(
            "Complaint of {}: {}",
            date_or_blank(d.received_on),
            d.summary
        );
        if d.ice_told_on.is_none()
            && let Some(due) = d.ice_told_due()
        {
            push(DeadlineKind::ComplaintReported, due, subject.clone());
        }
        if d.resolved_on.is_none()
            && let Some(due) = d.resolution_due()
        {
            push(DeadlineKind::ComplaintResolved, due, subject);
        }
    }
    let still_running = matches!(agreement.status, Status::Active | Status::Suspended);
    if still_running && let Some(notice) = notices.iter().max_by_key(|n| (n.given_on, n.id)) {
        push(
            DeadlineKind::TerminationTakesEffect,
            notice.takes_effect(),
            format!("{} gave notice on {}", notice.given_by, notice.given_on),
        );
    }
    out.sort_by_key(|d| (d.due, d.kind));
    out
}

fn date_or_blank(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
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
        assert_eq!(d[0].subject, "Under review since 2026-07-01");
        assert!(run(Model::Tfm, Status::Declined, &[], &[]).is_empty());
    }

    fn agreement(status: Status) -> Agreement {
        Agreement {
            id: 7,
            agency_id: 1,
            model: Model::Jem,
            component: Component::Ice,
            status,
            requested_on: None,
            signed_on: Some(day("2025-03-01")),
            moa: None,
            moa_url: None,
            last_listed_on: None,
        }
    }

    #[test]
    fn a_complaint_is_due_to_ice_and_to_resolution_until_each_is_done() {
        use crate::domain::oversight::ComplaintDetails;
        let open = Complaint {
            id: 1,
            agreement_id: 7,
            details: ComplaintDetails {
                received_on: Some(day("2026-11-20")),
                summary: "No interpreter".into(),
                ..ComplaintDetails::default()
            },
        };
        let d = record_deadlines(
            &agreement(Status::Active),
            std::slice::from_ref(&open),
            &[],
            day("2026-11-28"),
        );
        let kinds: Vec<_> = d.iter().map(|x| (x.kind, x.due, x.overdue)).collect();
        assert_eq!(
            kinds,
            [
                (DeadlineKind::ComplaintReported, day("2026-11-22"), true),
                (DeadlineKind::ComplaintResolved, day("2027-02-18"), false),
            ]
        );
        assert!(d[0].subject.contains("No interpreter"), "{}", d[0].subject);

        let mut told = open.clone();
        told.details.ice_told_on = Some(day("2026-11-21"));
        let d = record_deadlines(
            &agreement(Status::Active),
            &[told.clone()],
            &[],
            day("2026-11-28"),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].kind, DeadlineKind::ComplaintResolved);

        told.details.resolved_on = Some(day("2026-11-27"));
        told.details.resolution = Some("Interpreter line posted".into());
        assert!(
            record_deadlines(&agreement(Status::Active), &[told], &[], day("2026-11-28"))
                .is_empty()
        );
    }

    #[test]
    fn the_newest_notice_sets_the_end_until_the_agreement_is_recorded_as_ended() {
        use crate::domain::oversight::NoticeParty;
        let notice = |id, given_on: &str| TerminationNotice {
            id,
            agreement_id: 7,
            given_on: day(given_on),
            given_by: NoticeParty::Agency,
            note: None,
        };
        let notices = [notice(1, "2026-01-10"), notice(2, "2026-09-01")];
        let d = record_deadlines(&agreement(Status::Active), &[], &notices, day("2026-11-28"));
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].due, d[0].overdue),
            (
                DeadlineKind::TerminationTakesEffect,
                day("2026-11-30"),
                false
            )
        );
        assert!(
            record_deadlines(
                &agreement(Status::Terminated),
                &[],
                &notices,
                day("2026-11-28")
            )
            .is_empty()
        );
    }

    #[test]
    fn every_kind_has_a_code_that_reads_back() {
        for kind in DeadlineKind::ALL {
            assert_eq!(DeadlineKind::parse(kind.code()), Some(kind));
        }
    }
}
