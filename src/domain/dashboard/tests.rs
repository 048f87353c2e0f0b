use super::*;
use crate::domain::calendar::DeadlineState;
use crate::domain::catalogue::{Level, Phase};
use crate::domain::ids::{AgencyId, AgreementId, NomineeId};
use crate::domain::nominee::NomineeDetails;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

const TODAY: &str = "2026-06-15";

/// An agreement with its history, as the store would hand it over.
struct Made {
    agreement: Agreement,
    state: State,
    history: Vec<Step>,
    nominees: Vec<Nominee>,
    meetings: Vec<NaiveDate>,
    checks: Vec<RequirementCheck>,
    deadlines: Vec<Deadline>,
}

fn made(id: i64, model: Model, component: Component, steps: &[(&str, Status)]) -> Made {
    let status = steps.last().map(|(_, s)| *s).unwrap_or(Status::Requested);
    Made {
        agreement: Agreement {
            id: AgreementId(id),
            agency_id: AgencyId(id),
            model,
            component,
            status,
            requested_on: None,
            signed_on: None,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: Default::default(),
        },
        state: State::parse("TX").unwrap(),
        history: steps
            .iter()
            .map(|(on, status)| Step {
                on: day(on),
                status: *status,
            })
            .collect(),
        nominees: vec![],
        meetings: vec![],
        checks: vec![],
        deadlines: vec![],
    }
}

impl Made {
    fn record(&self) -> AgreementRecord<'_> {
        AgreementRecord {
            agreement: &self.agreement,
            state: self.state,
            history: &self.history,
            nominees: &self.nominees,
            meetings: &self.meetings,
            checks: &self.checks,
            deadlines: &self.deadlines,
        }
    }
}

fn compute(since: &str, all: &[Made]) -> Dashboard {
    Dashboard::compute(
        day(TODAY),
        day(since),
        DEFAULT_MEETING_MONTHS,
        all.iter().map(Made::record),
    )
}

fn check(id: &str, status: CheckStatus) -> RequirementCheck {
    RequirementCheck {
        id: id.into(),
        title: id.into(),
        level: Level::Agency,
        phase: Phase::Request,
        source: "test".into(),
        status,
        reason: "test".into(),
        recordable: false,
        officers: None,
    }
}

fn officer(id: i64, certified: Option<&str>) -> Nominee {
    Nominee {
        id: NomineeId(id),
        agreement_id: AgreementId(1),
        details: NomineeDetails {
            name: format!("Officer {id}"),
            certified_on: certified.map(day),
            ..NomineeDetails::default()
        },
    }
}

fn deadline(kind: DeadlineKind, state: DeadlineState) -> Deadline {
    Deadline {
        agreement: AgreementId(1),
        kind,
        due: day("2026-01-01"),
        from: day("2025-01-01"),
        term: "a term".into(),
        source: "a source".into(),
        subject: "Officer".into(),
        state,
        overdue: state == DeadlineState::Overdue,
    }
}

use Component::{Cbp, Ice};
use Model::{Jem, Tfm, Wso};
use Status::{Active, Declined, Pending, Requested, UnderReview};

#[test]
fn enum_positions_index_the_counts() {
    for (i, s) in Status::ALL.iter().enumerate() {
        assert_eq!(*s as usize, i);
    }
    for (i, m) in Model::ALL.iter().enumerate() {
        assert_eq!(*m as usize, i);
    }
    for (i, c) in Component::ALL.iter().enumerate() {
        assert_eq!(*c as usize, i);
    }
}

#[test]
fn counts_now_and_as_of_the_since_date_come_from_the_history() {
    let all = [
        made(
            1,
            Tfm,
            Ice,
            &[
                ("2025-01-01", Requested),
                ("2025-02-01", UnderReview),
                ("2025-03-01", Pending),
                ("2025-06-01", Active),
            ],
        ),
        // Imported straight as active after the since date: not there then.
        made(2, Jem, Ice, &[("2025-05-01", Active)]),
        made(
            3,
            Wso,
            Cbp,
            &[("2024-01-01", Requested), ("2024-03-01", Declined)],
        ),
        // Two changes on the since date itself: the later one recorded is in force.
        made(
            4,
            Tfm,
            Ice,
            &[("2025-04-01", Requested), ("2025-04-01", UnderReview)],
        ),
    ];
    let d = compute("2025-04-01", &all);
    assert_eq!(d.now.total(), 4);
    assert_eq!(d.now.count(Some(Active), None, None), 2);
    assert_eq!(d.now.count(Some(Active), Some(Tfm), None), 1);
    assert_eq!(d.now.count(Some(Active), Some(Jem), Some(Ice)), 1);
    assert_eq!(d.now.count(None, None, Some(Cbp)), 1);
    assert_eq!(d.now.count(Some(UnderReview), None, None), 1);
    assert_eq!(d.then.total(), 3, "agreement 2 did not exist yet");
    assert_eq!(d.then.count(Some(Pending), Some(Tfm), Some(Ice)), 1);
    assert_eq!(d.then.count(Some(UnderReview), None, None), 1);
    assert_eq!(d.then.count(Some(Requested), None, None), 0);
    assert_eq!(d.then.count(Some(Declined), Some(Wso), Some(Cbp)), 1);
    assert_eq!(d.change(Active), 2);
    assert_eq!(d.change(Pending), -1);
    assert_eq!(d.change(Declined), 0);
    assert_eq!(d.change_of_model(Active, Jem), 1);
}

#[test]
fn waits_give_the_median_of_odd_and_even_counts_and_a_skipped_step_counts_no_wait() {
    let all = [
        // Requested 10 days, under review 10, pending 30.
        made(
            1,
            Tfm,
            Ice,
            &[
                ("2025-01-01", Requested),
                ("2025-01-11", UnderReview),
                ("2025-01-21", Pending),
                ("2025-02-20", Active),
            ],
        ),
        // Requested 20 days, under review 15, then declined.
        made(
            2,
            Jem,
            Ice,
            &[
                ("2025-03-01", Requested),
                ("2025-03-21", UnderReview),
                ("2025-04-05", Declined),
            ],
        ),
        // Skipped the review: requested 40 days, straight to pending, then active after 5.
        made(
            3,
            Wso,
            Ice,
            &[
                ("2025-05-01", Requested),
                ("2025-06-10", Pending),
                ("2025-06-15", Active),
            ],
        ),
        // Waiting at pending now, for 30 days.
        made(
            4,
            Tfm,
            Ice,
            &[("2026-05-01", Requested), ("2026-05-16", Pending)],
        ),
        // Waiting at pending now, for 45 days.
        made(
            5,
            Tfm,
            Ice,
            &[("2026-04-01", Requested), ("2026-05-01", Pending)],
        ),
    ];
    let d = compute("2026-01-01", &all);
    let requested = d.step(Requested).unwrap();
    assert_eq!(requested.waited.count, 5);
    // 10, 15, 20, 30, 40.
    assert_eq!(requested.waited.median_days, Some(20.0));
    assert_eq!(requested.waited.longest_days, Some(40));
    assert_eq!(requested.waiting_now, 0);
    assert_eq!(requested.longest_waiting_now, None);

    let review = d.step(UnderReview).unwrap();
    assert_eq!(review.waited.count, 2, "the skipped review is no wait");
    assert_eq!(review.waited.median_days, Some(12.5));
    assert_eq!(review.waited.longest_days, Some(15));

    let pending = d.step(Pending).unwrap();
    assert_eq!(pending.waited.count, 2);
    assert_eq!(pending.waited.median_days, Some(17.5));
    assert_eq!(pending.waited.longest_days, Some(30));
    assert_eq!(pending.waiting_now, 2);
    assert_eq!(pending.longest_waiting_now, Some(45));

    assert_eq!(d.request_to_active.count, 2);
    assert_eq!(d.request_to_active.median_days, Some(47.5));
    assert_eq!(d.request_to_active.longest_days, Some(50));
}

#[test]
fn compliance_keeps_failing_apart_from_unrecorded_and_counts_only_the_meetings_a_moa_carries() {
    use DeadlineState::{Advisory, NoRecord, Overdue, Upcoming};
    let active = [("2025-01-01", Active)];
    let mut met = made(1, Tfm, Ice, &active);
    met.checks = vec![check("a", CheckStatus::Met), check("b", CheckStatus::Met)];
    met.nominees = vec![officer(1, Some("2025-02-01")), officer(2, None)];
    met.deadlines = vec![
        // Advisory refreshers are never overdue.
        deadline(DeadlineKind::Refresher, Advisory),
        deadline(DeadlineKind::AuthorizationExpiry, Overdue),
        deadline(DeadlineKind::AuthorizationExpiry, Overdue),
        deadline(DeadlineKind::AuthorizationExpiry, Upcoming),
    ];

    let mut waived = made(2, Jem, Ice, &active);
    waived.checks = vec![
        check("a", CheckStatus::Met),
        check("b", CheckStatus::Waived),
    ];
    waived.nominees = vec![officer(3, Some("2025-02-01"))];
    waived.deadlines = vec![deadline(DeadlineKind::OversightMeeting, Overdue)];

    // Known only from ICE's list: nothing recorded, so nothing failing and nothing overdue.
    let mut listed = made(3, Wso, Ice, &active);
    listed.checks = vec![
        check("a", CheckStatus::NoRecord),
        check("b", CheckStatus::Met),
    ];
    listed.deadlines = vec![deadline(DeadlineKind::FirstReview, NoRecord)];

    let mut failing = made(4, Wso, Ice, &active);
    failing.checks = vec![
        check("a", CheckStatus::NotMet),
        check("b", CheckStatus::NoRecord),
    ];
    failing.deadlines = vec![deadline(DeadlineKind::OversightMeeting, Upcoming)];

    // Not active: none of its facts count.
    let mut pending = made(5, Wso, Ice, &[("2026-01-01", Pending)]);
    pending.nominees = vec![officer(4, None)];
    pending.checks = vec![check("a", CheckStatus::NotMet)];
    pending.deadlines = vec![deadline(DeadlineKind::OversightMeeting, Overdue)];

    let d = compute("2026-01-01", &[met, waived, listed, failing, pending]);
    let c = d.compliance;
    assert_eq!(c.active, 4);
    assert_eq!((c.all_met, c.met_with_waiver), (1, 1));
    assert_eq!((c.failing, c.unrecorded), (1, 1));
    assert_eq!(c.all_met_share().to_string(), "25% (1 of 4)");
    assert_eq!((c.certified, c.nominated), (2, 3));
    assert_eq!(c.authorizations_expired, 2);
    assert_eq!(c.agreements_with_authorizations_expired, 1);
    assert_eq!(c.without_meeting(Jem), 1);
    assert_eq!(
        c.without_meeting(Wso),
        0,
        "the unrecorded one is not overdue"
    );
    assert_eq!(c.meeting_unrecorded_total(), 1);
    assert_eq!(c.without_meeting_total(), 1);
    assert_eq!(c.active_by_model, [1, 1, 2]);
}

#[test]
fn active_agreements_are_counted_per_state_and_signings_per_month() {
    let mut tx = made(1, Tfm, Ice, &[("2025-01-01", Active)]);
    tx.agreement.signed_on = Some(day("2026-02-10"));
    let mut tx2 = made(2, Jem, Ice, &[("2025-01-01", Active)]);
    tx2.agreement.signed_on = Some(day("2026-02-28"));
    let mut fl = made(3, Tfm, Ice, &[("2025-01-01", Active)]);
    fl.state = State::parse("FL").unwrap();
    fl.agreement.signed_on = Some(day("2025-07-01"));
    // Signed before the chart's first month: not drawn.
    let mut old = made(4, Wso, Ice, &[("2020-01-01", Declined)]);
    old.agreement.signed_on = Some(day("2020-01-05"));
    // A signing date after today (typed wrong): not drawn.
    let mut later = made(5, Wso, Ice, &[("2026-01-01", Active)]);
    later.state = State::parse("GU").unwrap();
    later.agreement.signed_on = Some(day("2026-06-20"));

    let d = compute("2026-03-01", &[tx, tx2, fl, old, later]);
    assert_eq!(d.active_in(State::parse("TX").unwrap()), 2);
    assert_eq!(d.active_in(State::parse("FL").unwrap()), 1);
    assert_eq!(d.active_in(State::parse("GU").unwrap()), 1);
    assert_eq!(d.active_in(State::parse("CA").unwrap()), 0);
    assert_eq!(d.active_by_state.len(), 56);
    assert_eq!(d.most_active_in_a_state(), 2);

    assert_eq!(
        d.signed.len(),
        12,
        "a since date 3 months back still shows a year"
    );
    assert_eq!(d.signed[0].label(), "2025-07");
    assert_eq!(d.signed[11].label(), "2026-06");
    assert_eq!(d.signed[0].count(Tfm), 1);
    let february = d.signed.iter().find(|m| m.label() == "2026-02").unwrap();
    assert_eq!((february.count(Tfm), february.count(Jem)), (1, 1));
    assert_eq!(february.total(), 2);
    assert_eq!(d.signed.iter().map(MonthSigned::total).sum::<usize>(), 3);

    let long = compute("2024-01-20", &[]);
    assert_eq!(
        long.signed.len(),
        30,
        "from the since month on when it is further back"
    );
    assert_eq!(long.signed[0].label(), "2024-01");
}

#[test]
fn shades_split_the_counts_into_ranges_with_none_empty() {
    assert_eq!(shades(0), [(0, 0)]);
    assert_eq!(shades(2), [(0, 0), (1, 1), (2, 2)]);
    assert_eq!(
        shades(120),
        [(0, 0), (1, 30), (31, 60), (61, 90), (91, 120)]
    );
    assert_eq!(shades(5), [(0, 0), (1, 2), (3, 3), (4, 4), (5, 5)]);
}

#[test]
fn shares_never_round_to_all_or_nothing_and_numbers_read_well() {
    assert_eq!(Share::new(199, 200).to_string(), "99% (199 of 200)");
    assert_eq!(Share::new(1, 300).to_string(), "1% (1 of 300)");
    assert_eq!(Share::new(0, 3).to_string(), "0% (0 of 3)");
    assert_eq!(Share::new(3, 3).to_string(), "100% (3 of 3)");
    assert_eq!(Share::new(0, 0).to_string(), "none of 0");
    assert_eq!(signed(3), "+3");
    assert_eq!(signed(-2), "-2");
    assert_eq!(signed(0), "0");
    assert_eq!(days(Some(12.5)), "12.5 days");
    assert_eq!(days(Some(20.0)), "20 days");
    assert_eq!(days(Some(1.0)), "1 day");
    assert_eq!(days(None), "—");
}

/// ICE's 2025 lists opened on 30 November 2026, with changes since a year back (the
/// Dashboard's default): signings from 2025-02 to 2025-07.
fn ice_2025_seen_in_late_2026(since: &str) -> Dashboard {
    let signings = [
        ("2025-02-26", Tfm),
        ("2025-04-15", Tfm),
        ("2025-05-08", Jem),
        ("2025-05-08", Wso),
        ("2025-07-18", Wso),
    ];
    let all: Vec<Made> = signings
        .iter()
        .enumerate()
        .map(|(i, (on, model))| {
            let mut m = made(i as i64 + 1, *model, Ice, &[("2025-07-18", Active)]);
            m.agreement.signed_on = Some(day(on));
            m
        })
        .collect();
    Dashboard::compute(
        day("2026-11-30"),
        day(since),
        DEFAULT_MEETING_MONTHS,
        all.iter().map(Made::record),
    )
}

#[test]
fn the_chart_of_signings_ends_at_the_latest_signing_when_none_is_recent() {
    let d = ice_2025_seen_in_late_2026("2025-11-30");
    assert_eq!(d.signed.len(), 12, "a year of bars");
    assert_eq!(d.signed_span(), "2024-08 to 2025-07");
    assert_eq!(
        d.signed.iter().map(MonthSigned::total).sum::<usize>(),
        5,
        "every 2025 signing is drawn"
    );
    let may = d.signed.iter().find(|m| m.label() == "2025-05").unwrap();
    assert_eq!((may.count(Jem), may.count(Wso)), (1, 1));
    // A since date further back than the year before the latest signing opens the chart there.
    let back = ice_2025_seen_in_late_2026("2024-01-01");
    assert_eq!(back.signed_span(), "2024-01 to 2025-07");
    assert_eq!(back.signed.len(), 19);
}

#[test]
fn the_chart_of_signings_ends_this_month_when_a_signing_is_recent() {
    let span = |today: &str, since: &str, latest: Option<&str>| {
        let (first, last) = chart_span(day(today), day(since), latest.map(day));
        (first.to_string(), last.to_string())
    };
    let this_year = ("2025-12-01".to_string(), "2026-11-01".to_string());
    // A signing in the last twelve months: the year to this month.
    assert_eq!(
        span("2026-11-30", "2026-10-01", Some("2025-12-01")),
        this_year
    );
    assert_eq!(
        span("2026-11-30", "2026-10-01", Some("2026-11-02")),
        this_year
    );
    // None at all: the year to this month, empty.
    assert_eq!(span("2026-11-30", "2026-10-01", None), this_year);
    // The latest thirteen months back: the year to it.
    assert_eq!(
        span("2026-11-30", "2026-10-01", Some("2025-10-31")),
        ("2024-11-01".to_string(), "2025-10-01".to_string())
    );
    // A since date decades back: at most five years of bars.
    assert_eq!(
        span("2026-11-30", "1990-01-01", Some("2026-11-02")),
        ("2021-12-01".to_string(), "2026-11-01".to_string())
    );
}
