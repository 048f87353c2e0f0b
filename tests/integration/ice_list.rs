//! What g287 says of an agreement it knows only from ICE's list: "no record", never "not met"
//! or "overdue". Tried on ICE's real participating list of 18 July 2025.

use crate::common;

use common::{fixture, g287, stderr};
use g287::store::{Store, today};

#[test]
fn an_agreement_imported_from_ices_list_shows_no_record_not_not_met_and_is_not_counted_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let july = fixture("participatingAgencies07182025pm.xlsx");
    let out = g287(&data, &["import", july.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));

    let checks: serde_json::Value =
        serde_json::from_slice(&g287(&data, &["check", "--format", "json"]).stdout).unwrap();
    let checks = checks.as_array().unwrap();
    assert_eq!(checks.len(), 832, "one check per agreement on the list");
    let mut no_record = 0;
    for c in checks {
        assert_eq!(c["nominees"], 0, "{c}");
        for r in c["requirements"].as_array().unwrap() {
            assert_ne!(
                r["status"], "not_met",
                "{} of {}: {}",
                r["id"], c["agency_name"], r["reason"]
            );
            assert_ne!(r["status"], "unknown");
            if r["level"] == "officer" {
                assert_ne!(r["status"], "met", "no officer on record: {}", r["id"]);
            }
            assert!(r["source"].as_str().is_some_and(|s| !s.is_empty()));
            no_record += usize::from(r["status"] == "no_record");
        }
    }
    assert!(no_record > 832 * 5, "{no_record}");

    // The Dashboard: nothing failing and no meeting overdue, every active agreement unrecorded.
    let store = Store::open_in(&data).unwrap();
    let since = today().checked_sub_months(chrono::Months::new(12)).unwrap();
    let d = store.dashboard(today(), since).unwrap();
    let c = d.compliance;
    assert_eq!(c.active, 832);
    assert_eq!((c.failing, c.all_met), (0, 0));
    assert_eq!(c.unrecorded, 832);
    assert_eq!(c.without_meeting_total(), 0, "no record is not overdue");
    assert!(c.meeting_unrecorded_total() > 0);
    assert_eq!(c.without_meeting(g287::domain::Model::Tfm), 0);

    // The calendar: the first reviews nobody recorded are "no record", never "overdue".
    let calendar = store.calendar(today(), 90).unwrap();
    assert!(
        calendar.iter().all(|i| !i.deadline.overdue),
        "nothing overdue"
    );
    assert!(
        calendar
            .iter()
            .any(|i| i.deadline.state == g287::domain::calendar::DeadlineState::NoRecord)
    );
}
