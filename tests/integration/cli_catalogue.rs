//! `g287 catalogue` end to end: the real binary lists the version in force and any version
//! kept, and names the versions there are when asked for one that is not.

use crate::common;

use common::{g287, stderr, stdout};
use g287::domain::Rule;

#[test]
fn the_catalogue_lists_the_version_in_force_and_any_version_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    {
        let mut store = common::open_store(&data).unwrap();
        let mut experience = store
            .catalogue()
            .unwrap()
            .get("officer.experience")
            .unwrap()
            .clone();
        experience.rule = Rule::MinExperience { years: 3.0 };
        experience.enabled = false;
        store.write(|w| w.update_requirement(&experience)).unwrap();
    }

    let now = g287(&data, &["catalogue"]);
    assert!(now.status.success(), "{}", stderr(&now));
    let table = stdout(&now);
    let line = table
        .lines()
        .find(|l| l.starts_with("officer.experience "))
        .unwrap();
    assert!(line.contains("at least 3 years of experience"), "{line}");
    assert!(line.contains("retired"), "{line}");
    assert!(
        table.contains("catalogue version 2 (in force): 23 requirements, 4 retired"),
        "{table}"
    );

    let old = g287(&data, &["catalogue", "--version", "1", "--format", "json"]);
    assert!(old.status.success(), "{}", stderr(&old));
    let listing: serde_json::Value = serde_json::from_slice(&old.stdout).unwrap();
    assert_eq!(
        (listing["version"].as_u64(), listing["in_force"].as_u64()),
        (Some(1), Some(2))
    );
    let experience = listing["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "officer.experience")
        .unwrap();
    assert_eq!(experience["threshold"], "at least 2 years of experience");
    assert_eq!(experience["rule"]["years"], 2.0);
    assert_eq!(experience["enabled"], true);

    let old_table = stdout(&g287(&data, &["catalogue", "--version", "1"]));
    assert!(
        old_table
            .contains("catalogue version 1 (version 2 is in force): 23 requirements, 3 retired"),
        "{old_table}"
    );

    let missing = g287(&data, &["catalogue", "--version", "5"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("--version 5: the catalogue has versions 1 to 2"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_term_changed_by_the_coordinator_moves_the_calendar_as_a_new_catalogue_version() {
    use g287::domain::calendar::DeadlineKind;
    use g287::domain::{Model, Status};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tfm = {
        let mut s = common::open_store(&data).unwrap();
        let (_, tfm) = common::agency_with_agreement(
            &mut s,
            "Lee County Sheriff's Office",
            Model::Tfm,
            Status::Active,
            common::day("2025-01-10"),
        );
        s.write(|w| {
            w.record_complaint(
                tfm,
                &g287::domain::ComplaintDetails {
                    received_on: Some(common::day("2025-07-18")),
                    summary: "No interpreter offered".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
        tfm
    };
    let reported = |data: &std::path::Path| {
        common::open_store(data)
            .unwrap()
            .calendar(common::day("2025-07-19"), 90)
            .unwrap()
            .into_iter()
            .filter(|i| {
                i.deadline.agreement == tfm && i.deadline.kind == DeadlineKind::ComplaintReported
            })
            .map(|i| i.deadline.due)
            .collect::<Vec<_>>()
    };
    assert!(
        reported(&data).is_empty(),
        "the TFM MOA says only \"timely\""
    );

    // A coordinator sets a limit for Task Force agreements too.
    let out = g287(
        &data,
        &[
            "term",
            "complaint_reported",
            "--models",
            "jem,tfm,wso",
            "--source",
            "HAM p10; our office's rule for TFM",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("saved as catalogue version 2"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        reported(&data),
        [common::day("2025-07-22")],
        "Friday + 2 weekdays"
    );

    // Refusals: an unknown term, a period no one can read, no model; nothing written.
    for (args, said) in [
        (vec!["term", "fire_drill"], "no such term"),
        (
            vec!["term", "complaint_reported", "--period", "two days"],
            "--period",
        ),
        (
            vec!["term", "complaint_reported", "--models", "cbp"],
            "--models",
        ),
    ] {
        let out = g287(&data, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
    }
    let c = common::open_store(&data).unwrap().catalogue().unwrap();
    assert_eq!(c.version, 2);
    let old = common::open_store(&data)
        .unwrap()
        .catalogue_at(1)
        .unwrap()
        .unwrap();
    let was = old
        .terms
        .iter()
        .find(|t| &*t.id == "complaint_reported")
        .unwrap();
    assert_eq!(
        was.models,
        [Model::Jem, Model::Wso],
        "the old version is kept"
    );
    let history = common::open_store(&data)
        .unwrap()
        .catalogue_history()
        .unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.entity == "term" && e.action == "update")
    );
}
