//! The compliance calendar on a real database: every rule's deadline, complaints and notices
//! recorded and logged, and `g287 calendar`'s filters.

use crate::common;

use chrono::{Days, NaiveDate};
use common::{day, g287, stderr, stdout, store};
use g287::domain::calendar::{DeadlineKind, DeadlineState};
use g287::domain::{
    AgreementId, ComplaintDetails, ComplaintId, Model, NomineeDetails, NoticeParty, Status,
};
use g287::store::Store;
use g287::store::calendar::CalendarItem;

const TODAY: &str = "2026-11-28";

/// Creates an agency with one agreement that went active (or was requested) on `on`.
fn agreement(store: &mut Store, name: &str, model: Model, status: Status, on: &str) -> AgreementId {
    common::agency_with_agreement(store, name, model, status, day(on)).1
}

fn complaint(received: &str) -> ComplaintDetails {
    ComplaintDetails {
        received_on: Some(day(received)),
        summary: "Detainee says no interpreter was offered".into(),
        ..ComplaintDetails::default()
    }
}

/// The known registry: one agreement per rule, dated so that some deadlines have passed.
struct Registry {
    store: Store,
    _dir: tempfile::TempDir,
    tfm: AgreementId,
    wso: AgreementId,
    jem: AgreementId,
    complaint: ComplaintId,
}

fn registry() -> Registry {
    let (dir, mut store) = store();
    let tfm = agreement(
        &mut store,
        "Polk County Sheriff's Office",
        Model::Tfm,
        Status::Active,
        "2025-03-01",
    );
    let wso = agreement(
        &mut store,
        "Lee County Sheriff's Office",
        Model::Wso,
        Status::Active,
        "2025-12-01",
    );
    let jem = agreement(
        &mut store,
        "Collier County Sheriff's Office",
        Model::Jem,
        Status::Active,
        "2024-01-01",
    );
    agreement(
        &mut store,
        "Hardee County Sheriff's Office",
        Model::Tfm,
        Status::Requested,
        "2026-01-05",
    );
    let complaint = store
        .write(|w| {
            w.add_nominee(
                tfm,
                &NomineeDetails {
                    name: "J. Smith".into(),
                    certified_on: Some(day("2025-04-01")),
                    authorized_on: Some(day("2024-10-01")),
                    ..NomineeDetails::default()
                },
            )?;
            w.record_meeting(jem, day("2025-06-01"), Some("Field Office Director visit"))?;
            w.give_termination_notice(
                jem,
                day("2026-09-01"),
                NoticeParty::Agency,
                Some("letter of 1 Sept"),
            )?;
            // Received on a Friday by a JEM agency: ICE to be told by Tuesday.
            w.record_complaint(jem, &complaint("2026-11-20"))?;
            w.record_complaint(tfm, &complaint("2026-11-20"))
        })
        .unwrap();
    Registry {
        store,
        _dir: dir,
        tfm,
        wso,
        jem,
        complaint,
    }
}

fn find(
    items: &[CalendarItem],
    agreement: AgreementId,
    kind: DeadlineKind,
) -> Option<(NaiveDate, DeadlineState)> {
    items
        .iter()
        .find(|i| i.deadline.agreement == agreement && i.deadline.kind == kind)
        .map(|i| (i.deadline.due, i.deadline.state))
}

#[test]
fn every_term_gives_its_deadline_under_its_models_moa_sorted_by_due_date() {
    use DeadlineState::{Advisory, Overdue, Upcoming};
    let r = registry();
    let items = r.store.calendar(day(TODAY), 90).unwrap();
    let expect = [
        // TFM: the optional update a year after certification, never overdue.
        (r.tfm, DeadlineKind::Refresher, "2026-04-01", Advisory),
        // Two years from the authorization date.
        (
            r.tfm,
            DeadlineKind::AuthorizationExpiry,
            "2026-10-01",
            Overdue,
        ),
        (
            r.tfm,
            DeadlineKind::ComplaintResolved,
            "2027-02-18",
            Upcoming,
        ),
        (r.wso, DeadlineKind::FirstReview, "2026-12-01", Upcoming),
        (r.jem, DeadlineKind::OversightMeeting, "2026-06-01", Overdue),
        (
            r.jem,
            DeadlineKind::ComplaintReported,
            "2026-11-24",
            Overdue,
        ),
        // An agency's notice ends a JEM agreement on receipt.
        (
            r.jem,
            DeadlineKind::TerminationTakesEffect,
            "2026-09-01",
            Overdue,
        ),
        (r.jem, DeadlineKind::MoaReview, "2027-01-01", Advisory),
    ];
    for (agreement, kind, due, state) in expect {
        assert_eq!(
            find(&items, agreement, kind),
            Some((day(due), state)),
            "{kind:?} of {agreement}"
        );
    }
    // What the Task Force MOA does not carry: no 48-hour complaint deadline ("timely"), no
    // meeting with the Field Office Director.
    for kind in [
        DeadlineKind::ComplaintReported,
        DeadlineKind::FirstReview,
        DeadlineKind::OversightMeeting,
    ] {
        assert_eq!(find(&items, r.tfm, kind), None, "{kind:?}");
    }
    for item in &items {
        assert!(!item.deadline.term.is_empty(), "{item:?}");
        assert!(
            item.deadline.from <= item.deadline.due
                || item.deadline.kind == DeadlineKind::OfficerLeavingNotice
        );
    }
    let waiting: Vec<_> = items
        .iter()
        .filter(|i| i.deadline.kind == DeadlineKind::RequestWaiting)
        .collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].agency_name, "Hardee County Sheriff's Office");
    assert_eq!(
        (waiting[0].deadline.due, waiting[0].deadline.overdue),
        (day("2026-04-05"), true)
    );
    assert_eq!(items.len(), 9, "{items:#?}");
    use g287::store::calendar::rank;
    assert!(
        items
            .windows(2)
            .all(|w| (rank(&w[0]), w[0].deadline.due) <= (rank(&w[1]), w[1].deadline.due)),
        "overdue first, then by due date"
    );
    assert!(items[0].deadline.overdue);

    // A longer allowance for requests moves that deadline.
    let patient = r.store.calendar(day(TODAY), 365).unwrap();
    let w = patient
        .iter()
        .find(|i| i.deadline.kind == DeadlineKind::RequestWaiting)
        .unwrap();
    assert_eq!(
        (w.deadline.due, w.deadline.overdue),
        (day("2027-01-05"), false)
    );
}

#[test]
fn recording_what_was_done_clears_its_deadline_and_is_logged() {
    let mut r = registry();
    let mut done = complaint("2026-11-20");
    done.ice_told_on = Some(day("2026-11-21"));
    let changed = r
        .store
        .write(|w| w.update_complaint(r.complaint, &done))
        .unwrap();
    assert!(changed);
    let items = r.store.calendar(day(TODAY), 90).unwrap();
    assert!(find(&items, r.tfm, DeadlineKind::ComplaintResolved).is_some());

    done.resolved_on = Some(day("2026-11-27"));
    done.resolution = Some("Interpreter line posted at booking".into());
    r.store
        .write(|w| w.update_complaint(r.complaint, &done))
        .unwrap();
    r.store
        .write(|w| w.record_meeting(r.wso, day("2026-11-02"), None))
        .unwrap();
    r.store
        .write(|w| {
            w.change_status(
                r.jem,
                Status::Terminated,
                day("2026-11-30"),
                Some("notice took effect"),
            )
        })
        .unwrap();
    let items = r.store.calendar(day(TODAY), 90).unwrap();
    assert_eq!(find(&items, r.tfm, DeadlineKind::ComplaintResolved), None);
    assert_eq!(find(&items, r.wso, DeadlineKind::FirstReview), None);
    assert_eq!(
        find(&items, r.wso, DeadlineKind::OversightMeeting),
        Some((day("2027-11-02"), DeadlineState::Upcoming))
    );
    // An ended agreement owes no meeting and no review; a complaint received while it ran
    // must still be reported.
    let jem: Vec<_> = items
        .iter()
        .filter(|i| i.deadline.agreement == r.jem)
        .map(|i| i.deadline.kind)
        .collect();
    assert_eq!(jem, [DeadlineKind::ComplaintReported]);

    let complaints = r.store.complaints_of(r.tfm).unwrap();
    assert_eq!(complaints.len(), 1);
    assert_eq!(complaints[0].details, done);
    let notices = r.store.notices_of(r.jem).unwrap();
    assert_eq!(notices[0].given_by, NoticeParty::Agency);
    let history = r.store.history(None, None).unwrap();
    let actions: Vec<_> = history
        .iter()
        .filter(|e| e.entity == "complaint")
        .map(|e| e.action.as_str())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "update").count(), 2);
    assert_eq!(actions.iter().filter(|a| **a == "create").count(), 2);
    assert!(history.iter().any(|e| e.entity == "termination_notice"));
    assert!(r.store.verify().unwrap().ok());
}

#[test]
fn a_complaint_without_its_facts_is_refused_and_nothing_is_written() {
    let mut r = registry();
    let before = r.store.complaints_of(r.tfm).unwrap();
    let bad = ComplaintDetails {
        resolved_on: Some(day("2026-11-01")),
        ..complaint("2026-11-20")
    };
    let err = r
        .store
        .write(|w| w.record_complaint(r.tfm, &bad))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("resolved_on") && err.contains("2026-11-20"),
        "{err}"
    );
    assert!(err.contains("resolution"), "{err}");
    assert_eq!(r.store.complaints_of(r.tfm).unwrap(), before);
    let missing = r
        .store
        .write(|w| w.record_complaint(AgreementId(9999), &complaint("2026-11-20")));
    assert!(missing.unwrap_err().to_string().contains("9999"));
}

#[test]
fn the_calendar_command_lists_filters_and_refuses_unknown_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let today = g287::store::today();
    let ago = |days: u64| (today - Days::new(days)).to_string();
    {
        let mut s = common::open_store(&data).unwrap();
        let jem = agreement(
            &mut s,
            "Polk County Sheriff's Office",
            Model::Jem,
            Status::Active,
            &ago(400),
        );
        let wso = agreement(
            &mut s,
            "Lee County Sheriff's Office",
            Model::Wso,
            Status::Active,
            &ago(30),
        );
        s.write(|w| {
            w.record_meeting(jem, day(&ago(390)), None)?;
            w.record_complaint(wso, &complaint(&ago(1)))
        })
        .unwrap();
    }
    let out = g287(&data, &["calendar"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("First review") && text.contains("Lee County"),
        "{text}"
    );
    assert!(text.contains("Tell ICE of complaint"), "{text}");
    assert!(
        text.contains("within 48 hours, excluding weekends"),
        "{text}"
    );
    assert!(text.contains("OVERDUE"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("5 deadlines, 1 overdue, 0 passed with no record"),
        "{text}"
    );

    let out = g287(&data, &["calendar", "--overdue", "--format", "json"]);
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1, "{}", stdout(&out));
    assert_eq!(items[0]["kind"], "oversight_meeting");
    assert_eq!(items[0]["agency_name"], "Polk County Sheriff's Office");
    assert_eq!(items[0]["from"], ago(390));
    assert_eq!(items[0]["term"], "every effort to meet at least annually");
    assert_eq!(items[0]["standing"], "overdue");
    assert_eq!(items[0]["state"], "FL");

    let out = g287(
        &data,
        &[
            "calendar",
            "--kind",
            "complaint_resolved",
            "--format",
            "json",
        ],
    );
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["due"], (today + Days::new(89)).to_string());
    assert_eq!(items[0]["from"], ago(1));

    let out = g287(&data, &["calendar", "--state", "TX"]);
    assert!(stdout(&out).contains("0 deadlines"), "{}", stdout(&out));

    let out = g287(&data, &["calendar", "--kind", "fire_drill"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("fire_drill") && stderr(&out).contains("refresher"));
}

#[test]
fn a_claim_of_citizenship_not_reported_within_the_hour_is_overdue_and_the_command_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (jem, tfm) = {
        let mut s = common::open_store(&data).unwrap();
        let jem = agreement(
            &mut s,
            "Polk County Sheriff's Office",
            Model::Jem,
            Status::Active,
            "2025-01-10",
        );
        let tfm = agreement(
            &mut s,
            "Lee County Sheriff's Office",
            Model::Tfm,
            Status::Active,
            "2025-01-10",
        );
        (jem, tfm)
    };
    let claim = |agreement: AgreementId, extra: &[&str]| {
        let id = agreement.to_string();
        let mut args = vec![
            "claim",
            "--agreement",
            id.as_str(),
            "--claimed-at",
            "2025-06-02 14:05",
        ];
        args.extend(extra);
        g287(&data, &args)
    };
    let out = claim(jem, &["--note", "booking, report 25-1142"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("ICE to be told by 2025-06-02 15:05"),
        "{}",
        stdout(&out)
    );
    let out = g287(
        &data,
        &[
            "calendar",
            "--kind",
            "citizenship_claim_reported",
            "--format",
            "json",
        ],
    );
    let items: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), 1, "{}", stdout(&out));
    assert_eq!(items[0]["standing"], "overdue");
    assert_eq!(items[0]["term"], "within one hour");

    // Told ICE 75 minutes later: recorded, late, and no longer a deadline.
    let out = claim(jem, &["--id", "1", "--reported-at", "2025-06-02 15:20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("reported late"), "{}", stdout(&out));
    let out = g287(&data, &["calendar", "--kind", "citizenship_claim_reported"]);
    assert!(stdout(&out).contains("0 deadlines"), "{}", stdout(&out));

    // The Task Force MOA carries no such term; a report before the claim is refused.
    let out = claim(tfm, &[]);
    assert!(
        stdout(&out).contains("sets no time limit"),
        "{}",
        stdout(&out)
    );
    let out = claim(tfm, &["--reported-at", "2025-06-02 13:00"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is before the claim"),
        "{}",
        stderr(&out)
    );
    let history = json_history(&data);
    assert_eq!(
        history
            .iter()
            .filter(|e| e["entity"] == "citizenship_claim")
            .count(),
        3
    );
}

fn json_history(data: &std::path::Path) -> Vec<serde_json::Value> {
    serde_json::from_slice(&g287(data, &["history", "--format", "json"]).stdout).unwrap()
}
