//! The compliance calendar: the deadlines an agreement's data sets under the MOA terms of its
//! model (see [`super::terms`]): a deadline exists only where the model's MOA carries the term,
//! counts from the date the term names, and says which term it applies. Terms that oblige the
//! agency to nothing (a minimum gap, an optional update, ICE's own review) are shown as
//! advisory, never overdue; a deadline passed with nothing on record to judge by is shown as
//! "no record", apart from one that is overdue.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

use super::agreement::{Agreement, AgreementId, Status};
use super::catalogue::Catalogue;
use super::check::CheckInput;
use super::oversight::{Complaint, TerminationNotice};
use super::terms::Term;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// An officer's refresher training (JEM: the earliest date; TFM: the optional update).
    Refresher,
    /// An officer's authorization ends (TFM: two years from the authorization date).
    AuthorizationExpiry,
    /// The first review, about a year after the agreement went operational (JEM, WSO).
    FirstReview,
    /// The yearly meeting with the Field Office Director (JEM, WSO).
    OversightMeeting,
    /// ICE's internal review of the MOA, every three years (JEM, 2025 template).
    MoaReview,
    /// A request waiting for a decision longer than the number of days the coordinator set.
    RequestWaiting,
    /// ICE to be told of a complaint (JEM, WSO: 48 hours excluding weekends).
    ComplaintReported,
    /// A complaint's results reported to ICE (JEM: 30 days from the resolution).
    ComplaintResultsReported,
    /// A complaint to be resolved (TFM, WSO: 90 days expected).
    ComplaintResolved,
    /// The agreement ends after a notice of termination.
    TerminationTakesEffect,
    /// The agency's notice to ICE before an officer leaves (WSO: 90 days before).
    OfficerLeavingNotice,
    /// A revoked authorization reported to ICE (TFM: within 48 hours).
    RevocationReported,
    /// A claim of U.S. citizenship reported to ICE (JEM, WSO: within one hour).
    CitizenshipClaimReported,
    /// A suspension's stated length runs out (JEM, TFM): reinstate or terminate.
    SuspensionEnds,
}

impl DeadlineKind {
    /// Every kind, in the order a filter lists them.
    pub const ALL: [DeadlineKind; 14] = [
        DeadlineKind::Refresher,
        DeadlineKind::AuthorizationExpiry,
        DeadlineKind::FirstReview,
        DeadlineKind::OversightMeeting,
        DeadlineKind::MoaReview,
        DeadlineKind::RequestWaiting,
        DeadlineKind::ComplaintReported,
        DeadlineKind::ComplaintResultsReported,
        DeadlineKind::ComplaintResolved,
        DeadlineKind::TerminationTakesEffect,
        DeadlineKind::OfficerLeavingNotice,
        DeadlineKind::RevocationReported,
        DeadlineKind::CitizenshipClaimReported,
        DeadlineKind::SuspensionEnds,
    ];

    /// The code the CLI takes (`--kind refresher`).
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::Refresher => "refresher",
            DeadlineKind::AuthorizationExpiry => "authorization_expiry",
            DeadlineKind::FirstReview => "first_review",
            DeadlineKind::OversightMeeting => "oversight_meeting",
            DeadlineKind::MoaReview => "moa_review",
            DeadlineKind::RequestWaiting => "request_waiting",
            DeadlineKind::ComplaintReported => "complaint_reported",
            DeadlineKind::ComplaintResultsReported => "complaint_results_reported",
            DeadlineKind::ComplaintResolved => "complaint_resolved",
            DeadlineKind::TerminationTakesEffect => "termination_takes_effect",
            DeadlineKind::OfficerLeavingNotice => "officer_leaving_notice",
            DeadlineKind::RevocationReported => "revocation_reported",
            DeadlineKind::CitizenshipClaimReported => "citizenship_claim_reported",
            DeadlineKind::SuspensionEnds => "suspension_ends",
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
            DeadlineKind::MoaReview => "MOA review by ICE",
            DeadlineKind::RequestWaiting => "Request waiting",
            DeadlineKind::ComplaintReported => "Tell ICE of complaint",
            DeadlineKind::ComplaintResultsReported => "Report complaint results",
            DeadlineKind::ComplaintResolved => "Resolve complaint",
            DeadlineKind::TerminationTakesEffect => "Termination takes effect",
            DeadlineKind::OfficerLeavingNotice => "Notice of officer leaving",
            DeadlineKind::RevocationReported => "Report revoked authorization",
            DeadlineKind::CitizenshipClaimReported => "Report citizenship claim",
            DeadlineKind::SuspensionEnds => "Suspension ends",
        })
    }
}

/// Where a deadline stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// Not yet reached.
    Upcoming,
    /// Passed, and the record shows it was not done.
    Overdue,
    /// Passed with nothing on record to judge by (no meeting recorded for an agreement known
    /// only from ICE's list): not counted as overdue.
    NoRecord,
    /// A term that obliges the agency to nothing: a date to know, never overdue.
    Advisory,
}

impl DeadlineState {
    /// The JSON code.
    pub fn code(self) -> &'static str {
        match self {
            DeadlineState::Upcoming => "upcoming",
            DeadlineState::Overdue => "overdue",
            DeadlineState::NoRecord => "no_record",
            DeadlineState::Advisory => "advisory",
        }
    }
}

impl fmt::Display for DeadlineState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeadlineState::Upcoming => "Upcoming",
            DeadlineState::Overdue => "Overdue",
            DeadlineState::NoRecord => "No record",
            DeadlineState::Advisory => "Advisory",
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
    /// The date it counts from (a complaint's receipt, the authorization date, the last
    /// meeting).
    pub from: NaiveDate,
    /// The MOA term it applies, in the MOA's words ("within 48 hours, excluding weekends").
    pub term: Arc<str>,
    /// Where the term comes from.
    pub source: Arc<str>,
    /// Who or what: the officer's name, or the agreement.
    pub subject: String,
    /// Where it stands today (`standing` in JSON, beside the agency's `state`).
    #[serde(rename = "standing")]
    pub state: DeadlineState,
    /// Whether the day has passed and the record shows it not done (`state` is `overdue`).
    pub overdue: bool,
}

/// Collects an agreement's deadlines with their state as of `today`.
struct Found {
    agreement: AgreementId,
    today: NaiveDate,
    out: Vec<Deadline>,
}

impl Found {
    fn new(agreement: AgreementId, today: NaiveDate) -> Found {
        Found {
            agreement,
            today,
            out: Vec::new(),
        }
    }

    /// A deadline under `term`, counted from `from`. `recorded` is false when g287 holds
    /// nothing to judge by, so a passed date reads "no record" rather than "overdue".
    fn push(
        &mut self,
        kind: DeadlineKind,
        term: &Term,
        from: NaiveDate,
        subject: String,
        recorded: bool,
    ) {
        let due = term.due(from);
        self.push_due(kind, term, from, due, subject, recorded);
    }

    fn push_due(
        &mut self,
        kind: DeadlineKind,
        term: &Term,
        from: NaiveDate,
        due: NaiveDate,
        subject: String,
        recorded: bool,
    ) {
        let state = if !term.binding {
            DeadlineState::Advisory
        } else if due >= self.today {
            DeadlineState::Upcoming
        } else if recorded {
            DeadlineState::Overdue
        } else {
            DeadlineState::NoRecord
        };
        self.out.push(Deadline {
            agreement: self.agreement,
            kind,
            due,
            from,
            term: term.wording.clone(),
            source: term.source.clone(),
            subject,
            state,
            overdue: state == DeadlineState::Overdue,
        });
    }

    fn sorted(mut self) -> Vec<Deadline> {
        self.out.sort_by_key(|d| (d.due, d.kind));
        self.out
    }
}

/// The deadlines of one agreement as of `input.today`, under the terms of its model's MOA.
/// `request_days` is how long a request may wait for a decision before it shows;
/// `waiting_since` is the date of the agreement's last status change.
pub fn deadlines(
    catalogue: &Catalogue,
    input: &CheckInput<'_>,
    waiting_since: Option<NaiveDate>,
    request_days: u32,
) -> Vec<Deadline> {
    let a = input.agreement;
    let today = input.today;
    let term = |kind| catalogue.term(kind, a.model, a.component, None);
    let mut found = Found::new(a.id, today);
    if matches!(a.status, Status::Active | Status::Suspended) {
        for n in input.nominees {
            let d = &n.details;
            let name = || d.name.clone();
            let serving = d.leaves_on.is_none_or(|l| l > today);
            if serving
                && let Some(t) = term(DeadlineKind::Refresher)
                && let Some(since) = d.last_refresher.or(d.certified_on)
            {
                found.push(DeadlineKind::Refresher, t, since, name(), true);
            }
            if serving && let Some(t) = term(DeadlineKind::AuthorizationExpiry) {
                if let Some(from) = d.authorized_on {
                    found.push(DeadlineKind::AuthorizationExpiry, t, from, name(), true);
                } else if let Some(end) = d.authorization_expires {
                    // Recorded before g287 kept the authorization date: the end as entered.
                    let from = t.period.before(end);
                    found.push_due(
                        DeadlineKind::AuthorizationExpiry,
                        t,
                        from,
                        end,
                        name(),
                        true,
                    );
                }
            }
            if let Some(leaves) = d.leaves_on
                && d.leaving_reported_on.is_none()
            {
                for kind in [
                    DeadlineKind::OfficerLeavingNotice,
                    DeadlineKind::RevocationReported,
                ] {
                    if let Some(t) = term(kind) {
                        found.push(kind, t, leaves, name(), true);
                    }
                }
            }
        }
        let since = input.active_since.or(a.signed_on);
        let last = input
            .meetings
            .iter()
            .filter(|m| since.is_none_or(|s| **m >= s))
            .max();
        const FOD: &str = "Field Office Director";
        match (last, since) {
            (Some(last), _) => {
                if let Some(t) = term(DeadlineKind::OversightMeeting) {
                    found.push(DeadlineKind::OversightMeeting, t, *last, FOD.into(), true);
                }
            }
            (None, Some(since)) => {
                if let Some(t) = term(DeadlineKind::FirstReview) {
                    // No meeting on record: g287 cannot tell whether the review was held.
                    found.push(DeadlineKind::FirstReview, t, since, FOD.into(), false);
                }
            }
            (None, None) => {}
        }
        if let (Some(t), Some(signed)) = (term(DeadlineKind::MoaReview), a.signed_on) {
            // ICE's review recurs: the next one on or after today.
            let mut from = signed;
            while t.due(from) < today && t.due(from) > from {
                from = t.due(from);
            }
            found.push(DeadlineKind::MoaReview, t, from, "ICE".into(), true);
        }
    }
    if a.status.is_in_pipeline()
        && let Some(since) = waiting_since.or(a.requested_on)
    {
        let setting = Term {
            id: "request_waiting".into(),
            deadline: DeadlineKind::RequestWaiting,
            models: vec![a.model],
            components: Vec::new(),
            party: None,
            period: super::terms::Period::Days(request_days),
            before: false,
            binding: true,
            wording: format!("a decision within {request_days} days (your setting)").into(),
            source: "set by the coordinator on the Calendar screen (no MOA term)".into(),
        };
        found.push(
            DeadlineKind::RequestWaiting,
            &setting,
            since,
            format!("{} since {since}", a.status.label()),
            true,
        );
    }
    found.sorted()
}

/// The day a suspended agreement's stated suspension ends, while it is still suspended: the
/// coordinator then records its reinstatement or termination. `suspension` is the newest
/// suspension decision's (day decided, day it ends).
pub fn suspension_deadline(
    catalogue: &Catalogue,
    agreement: &Agreement,
    suspension: Option<(NaiveDate, NaiveDate)>,
    today: NaiveDate,
) -> Option<Deadline> {
    let kind = DeadlineKind::SuspensionEnds;
    let term = catalogue.term(kind, agreement.model, agreement.component, None)?;
    let (decided, until) = suspension?;
    if agreement.status != Status::Suspended {
        return None;
    }
    let mut found = Found::new(agreement.id, today);
    found.push_due(kind, term, decided, until, "ICE's notice".into(), true);
    found.out.pop()
}

/// The deadlines an agreement's complaints and notices of termination set, as of `today`,
/// under its model's terms: each complaint until ICE is told, until it is resolved and (JEM)
/// until its results are reported; the newest notice until the agreement is recorded as ended.
pub fn record_deadlines(
    catalogue: &Catalogue,
    agreement: &Agreement,
    complaints: &[Complaint],
    notices: &[TerminationNotice],
    today: NaiveDate,
) -> Vec<Deadline> {
    let a = agreement;
    let term = |kind| catalogue.term(kind, a.model, a.component, None);
    let mut found = Found::new(a.id, today);
    for c in complaints {
        let d = &c.details;
        let Some(received) = d.received_on else {
            continue;
        };
        let subject = format!("Complaint of {received}: {}", d.summary);
        if d.ice_told_on.is_none()
            && let Some(t) = term(DeadlineKind::ComplaintReported)
        {
            found.push(
                DeadlineKind::ComplaintReported,
                t,
                received,
                subject.clone(),
                true,
            );
        }
        match d.resolved_on {
            None => {
                if let Some(t) = term(DeadlineKind::ComplaintResolved) {
                    found.push(DeadlineKind::ComplaintResolved, t, received, subject, true);
                }
            }
            Some(resolved) => {
                if d.results_reported_on.is_none()
                    && let Some(t) = term(DeadlineKind::ComplaintResultsReported)
                {
                    found.push(
                        DeadlineKind::ComplaintResultsReported,
                        t,
                        resolved,
                        subject,
                        true,
                    );
                }
            }
        }
    }
    let still_running = matches!(a.status, Status::Active | Status::Suspended);
    if still_running
        && let Some(notice) = notices.iter().max_by_key(|n| (n.given_on, n.id))
        && let Some(t) = catalogue.term(
            DeadlineKind::TerminationTakesEffect,
            a.model,
            a.component,
            Some(notice.given_by),
        )
    {
        found.push(
            DeadlineKind::TerminationTakesEffect,
            t,
            notice.given_on,
            format!("{} gave notice on {}", notice.given_by, notice.given_on),
            true,
        );
    }
    found.sorted()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::{AgencyId, ComplaintId, NomineeId};
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
            id: AgreementId(7),
            agency_id: AgencyId(1),
            model,
            component: Component::Ice,
            status,
            requested_on: Some(day("2026-06-01")),
            signed_on: Some(day("2025-03-01")),
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: Default::default(),
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
            id: NomineeId(1),
            agreement_id: AgreementId(7),
            details: NomineeDetails {
                name: name.into(),
                certified_on: Some(day(certified)),
                last_refresher: refresher.map(day),
                authorization_expires: expires.map(day),
                ..NomineeDetails::default()
            },
        }
    }

    fn find(d: &[Deadline], kind: DeadlineKind, who: &str) -> Deadline {
        d.iter()
            .find(|x| x.kind == kind && x.subject == who)
            .unwrap_or_else(|| panic!("no {kind:?} for {who} in {d:#?}"))
            .clone()
    }

    #[test]
    fn a_jem_officer_trained_three_years_ago_has_no_overdue_refresher() {
        let n = [officer("J. Smith", "2023-11-01", None, None)];
        let jem = run(Model::Jem, Status::Active, &n, &[]);
        let r = find(&jem, DeadlineKind::Refresher, "J. Smith");
        assert_eq!(r.due, day("2025-11-01"), "the earliest next refresher");
        assert_eq!(r.state, DeadlineState::Advisory);
        assert!(!r.overdue);
        assert!(
            r.term.contains("not more frequently than every two years"),
            "{}",
            r.term
        );
        assert!(!jem.iter().any(|x| x.overdue), "{jem:#?}");
    }

    #[test]
    fn a_wso_officer_has_no_refresher_deadline() {
        let n = [officer("J. Smith", "2023-11-01", Some("2024-01-01"), None)];
        let wso = run(Model::Wso, Status::Active, &n, &[]);
        assert!(
            !wso.iter().any(|x| x.kind == DeadlineKind::Refresher),
            "{wso:#?}"
        );
    }

    #[test]
    fn a_tfm_agreement_has_no_field_office_director_meeting_deadline() {
        let tfm = run(Model::Tfm, Status::Active, &[], &[]);
        assert!(
            !tfm.iter().any(|x| matches!(
                x.kind,
                DeadlineKind::FirstReview | DeadlineKind::OversightMeeting
            )),
            "{tfm:#?}"
        );
        let tfm = run(Model::Tfm, Status::Active, &[], &[day("2026-01-10")]);
        assert!(!tfm.iter().any(|x| x.kind == DeadlineKind::OversightMeeting));
    }

    #[test]
    fn a_tfm_authorization_dated_2025_03_01_expires_2027_03_01() {
        let mut n = officer("D. Roe", "2025-02-01", None, None);
        n.details.authorized_on = Some(day("2025-03-01"));
        let tfm = run(Model::Tfm, Status::Active, &[n], &[]);
        let end = find(&tfm, DeadlineKind::AuthorizationExpiry, "D. Roe");
        assert_eq!((end.from, end.due), (day("2025-03-01"), day("2027-03-01")));
        assert_eq!(end.state, DeadlineState::Upcoming);
        assert_eq!(&*end.term, "two years from the date of the authorization");
        assert!(end.source.contains("FRA p4"), "{}", end.source);
        // The optional update a year after certification: shown, never overdue.
        let update = find(&tfm, DeadlineKind::Refresher, "D. Roe");
        assert_eq!(
            (update.due, update.state),
            (day("2026-02-01"), DeadlineState::Advisory)
        );
    }

    #[test]
    fn a_first_review_with_no_meeting_on_record_is_no_record_not_overdue() {
        let jem = run(Model::Jem, Status::Active, &[], &[]);
        let first = find(&jem, DeadlineKind::FirstReview, "Field Office Director");
        assert_eq!(
            (first.due, first.state),
            (day("2026-03-01"), DeadlineState::NoRecord)
        );
        assert!(!first.overdue);
        let review = find(&jem, DeadlineKind::MoaReview, "ICE");
        assert_eq!(
            (review.due, review.state),
            (day("2028-03-01"), DeadlineState::Advisory)
        );
    }

    #[test]
    fn a_complaint_received_on_a_friday_is_due_the_next_tuesday() {
        use crate::domain::oversight::ComplaintDetails;
        let friday = Complaint {
            id: ComplaintId(1),
            agreement_id: AgreementId(7),
            details: ComplaintDetails {
                received_on: Some(day("2025-07-18")),
                summary: "No interpreter".into(),
                ..ComplaintDetails::default()
            },
        };
        for model in [Model::Jem, Model::Wso] {
            let mut a = agreement(Status::Active);
            a.model = model;
            let d = record_deadlines(
                &Catalogue::shipped(),
                &a,
                std::slice::from_ref(&friday),
                &[],
                day("2025-07-19"),
            );
            let told = d
                .iter()
                .find(|x| x.kind == DeadlineKind::ComplaintReported)
                .unwrap();
            assert_eq!(
                (told.from, told.due),
                (day("2025-07-18"), day("2025-07-22"))
            );
            assert_eq!(&*told.term, "within 48 hours, excluding weekends");
        }
        // The Task Force MOA asks only for "timely notification": no fixed deadline.
        let mut tfm = agreement(Status::Active);
        tfm.model = Model::Tfm;
        let d = record_deadlines(
            &Catalogue::shipped(),
            &tfm,
            std::slice::from_ref(&friday),
            &[],
            day("2025-07-19"),
        );
        assert!(!d.iter().any(|x| x.kind == DeadlineKind::ComplaintReported));
        assert!(d.iter().any(|x| x.kind == DeadlineKind::ComplaintResolved));
    }

    #[test]
    fn a_wso_officer_leaving_needs_ninety_days_notice_and_a_tfm_revocation_48_hours() {
        let mut n = officer("J. Smith", "2025-04-01", None, None);
        n.details.leaves_on = Some(day("2027-03-01"));
        let wso = run(Model::Wso, Status::Active, std::slice::from_ref(&n), &[]);
        let notice = find(&wso, DeadlineKind::OfficerLeavingNotice, "J. Smith");
        assert_eq!(
            (notice.from, notice.due),
            (day("2027-03-01"), day("2026-12-01"))
        );
        let tfm = run(Model::Tfm, Status::Active, std::slice::from_ref(&n), &[]);
        let told = find(&tfm, DeadlineKind::RevocationReported, "J. Smith");
        assert_eq!(told.due, day("2027-03-03"));
        assert!(
            !tfm.iter()
                .any(|x| x.kind == DeadlineKind::OfficerLeavingNotice)
        );
        n.details.leaving_reported_on = Some(day("2026-11-01"));
        let wso = run(Model::Wso, Status::Active, &[n], &[]);
        assert!(
            !wso.iter()
                .any(|x| x.kind == DeadlineKind::OfficerLeavingNotice)
        );
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
            id: AgreementId(7),
            agency_id: AgencyId(1),
            model: Model::Jem,
            component: Component::Ice,
            status,
            requested_on: None,
            signed_on: Some(day("2025-03-01")),
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: Default::default(),
        }
    }

    #[test]
    fn a_complaint_is_due_to_ice_and_to_resolution_until_each_is_done() {
        use crate::domain::oversight::ComplaintDetails;
        let open = Complaint {
            id: ComplaintId(1),
            agreement_id: AgreementId(7),
            details: ComplaintDetails {
                received_on: Some(day("2026-11-20")),
                summary: "No interpreter".into(),
                ..ComplaintDetails::default()
            },
        };
        let d = record_deadlines(
            &Catalogue::shipped(),
            &agreement(Status::Active),
            std::slice::from_ref(&open),
            &[],
            day("2026-11-28"),
        );
        let kinds: Vec<_> = d.iter().map(|x| (x.kind, x.due, x.overdue)).collect();
        // 2026-11-20 is a Friday: 48 hours excluding weekends end on Tuesday. The JEM MOA
        // sets no resolution period, only results reported 30 days after it.
        assert_eq!(
            kinds,
            [(DeadlineKind::ComplaintReported, day("2026-11-24"), true)]
        );
        assert!(d[0].subject.contains("No interpreter"), "{}", d[0].subject);

        let mut told = open.clone();
        told.details.ice_told_on = Some(day("2026-11-21"));
        let d = record_deadlines(
            &Catalogue::shipped(),
            &agreement(Status::Active),
            &[told.clone()],
            &[],
            day("2026-11-28"),
        );
        assert!(d.is_empty(), "{d:#?}");

        told.details.resolved_on = Some(day("2026-11-27"));
        told.details.resolution = Some("Interpreter line posted".into());
        let d = record_deadlines(
            &Catalogue::shipped(),
            &agreement(Status::Active),
            std::slice::from_ref(&told),
            &[],
            day("2026-11-28"),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].from, d[0].due),
            (
                DeadlineKind::ComplaintResultsReported,
                day("2026-11-27"),
                day("2026-12-27")
            )
        );
        told.details.results_reported_on = Some(day("2026-11-28"));
        assert!(
            record_deadlines(
                &Catalogue::shipped(),
                &agreement(Status::Active),
                &[told],
                &[],
                day("2026-11-28")
            )
            .is_empty()
        );
    }

    #[test]
    fn the_newest_notice_sets_the_end_until_the_agreement_is_recorded_as_ended() {
        use crate::domain::oversight::NoticeParty;
        let notice = |id, given_on: &str| TerminationNotice {
            id,
            agreement_id: AgreementId(7),
            given_on: day(given_on),
            given_by: NoticeParty::Agency,
            note: None,
        };
        let notices = [notice(1, "2026-01-10"), notice(2, "2026-09-01")];
        // WSO: the agency's notice takes effect 90 days after receipt.
        let mut wso = agreement(Status::Active);
        wso.model = Model::Wso;
        let d = record_deadlines(
            &Catalogue::shipped(),
            &wso,
            &[],
            &notices,
            day("2026-11-28"),
        );
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].due, d[0].overdue),
            (
                DeadlineKind::TerminationTakesEffect,
                day("2026-11-30"),
                false
            )
        );
        assert_eq!(
            &*d[0].term,
            "90-day written notice, in effect 90 days after receipt"
        );
        // JEM: on written notice, no period; still active two months later is overdue.
        let d = record_deadlines(
            &Catalogue::shipped(),
            &agreement(Status::Active),
            &[],
            &notices,
            day("2026-11-28"),
        );
        assert_eq!((d[0].due, d[0].overdue), (day("2026-09-01"), true));
        assert!(
            record_deadlines(
                &Catalogue::shipped(),
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
