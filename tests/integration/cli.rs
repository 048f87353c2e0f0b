//! Every command end to end: the real binary on a temporary data folder.

use crate::common;

use common::{g287, snapshot, stderr, stdout};
use serde_json::Value;

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

#[test]
fn demo_is_reproducible_and_fills_every_check_outcome() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (da, db) = (a.path().join("data"), b.path().join("data"));
    for d in [&da, &db] {
        let out = g287(d, &["demo", "--agencies", "120", "--seed", "7"]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert!(stdout(&out).contains("120 agencies"));
    }
    let list = |d| json(&g287(d, &["agencies", "--format", "json"]));
    assert_eq!(list(&da), list(&db), "same seed, same data");
    let checks = json(&g287(&da, &["check", "--format", "json"]));
    let statuses: std::collections::HashSet<&str> = checks
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["requirements"].as_array().unwrap())
        .map(|r| r["status"].as_str().unwrap())
        .collect();
    for s in ["met", "not_met", "no_record", "waived", "not_yet_due"] {
        assert!(statuses.contains(s), "no {s} in the demo's checks");
    }
    let agencies = list(&da);
    assert!(list_agreements(&agencies).any(|g| g["component"] == "ice"));
    let demo_again = g287(&da, &["demo"]);
    assert_eq!(
        demo_again.status.code(),
        Some(2),
        "demo refuses a database that holds agencies"
    );
}

fn list_agreements(agencies: &Value) -> impl Iterator<Item = &Value> {
    agencies
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["agreements"].as_array().unwrap())
}

#[test]
fn agencies_json_has_the_documented_fields_and_filters_work() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(g287(&d, &["demo", "--agencies", "80"]).status.success());
    let all = json(&g287(&d, &["agencies", "--format", "json"]));
    let first = &all[0];
    for field in ["id", "state", "name", "type", "ori", "agreements"] {
        assert!(
            first.get(field).is_some(),
            "agencies JSON lacks {field}: {first}"
        );
    }
    let g = list_agreements(&all).next().unwrap();
    for field in ["id", "model", "component", "status", "signed"] {
        assert!(g.get(field).is_some(), "agreement JSON lacks {field}: {g}");
    }
    let tfm = json(&g287(
        &d,
        &[
            "agencies", "--model", "tfm", "--status", "active", "--format", "json",
        ],
    ));
    assert!(!tfm.as_array().unwrap().is_empty());
    for a in tfm.as_array().unwrap() {
        assert!(
            a["agreements"]
                .as_array()
                .unwrap()
                .iter()
                .any(|g| g["model"] == "tfm" && g["status"] == "active")
        );
    }
    let tx = json(&g287(
        &d,
        &["agencies", "--state", "texas", "--format", "json"],
    ));
    assert!(tx.as_array().unwrap().iter().all(|a| a["state"] == "TX"));
    let bad = g287(&d, &["agencies", "--state", "Atlantis"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("Atlantis"));
    let table = stdout(&g287(&d, &["agencies"]));
    assert!(
        table.starts_with("ID") && table.contains("80 agencies"),
        "{table}"
    );
}

#[test]
fn check_json_lists_every_requirement_with_status_and_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(g287(&d, &["demo", "--agencies", "20"]).status.success());
    let checks = json(&g287(&d, &["check", "--agency", "1", "--format", "json"]));
    let c = &checks[0];
    for field in ["agreement", "agency", "model", "component", "requirements"] {
        assert!(c.get(field).is_some(), "check JSON lacks {field}");
    }
    for r in c["requirements"].as_array().unwrap() {
        assert!(r["id"].is_string() && r["reason"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(
            ["met", "not_met", "waived", "not_yet_due", "no_record"]
                .contains(&r["status"].as_str().unwrap())
        );
    }
    assert_eq!(
        g287(&d, &["check", "--agency", "99999"]).status.code(),
        Some(2)
    );
}

/// Finds a pending agreement with an unmet requirement in the demo data.
fn pending_with_unmet(d: &std::path::Path) -> i64 {
    let checks = json(&g287(d, &["check", "--format", "json"]));
    checks
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["status"] == "pending"
                && c["requirements"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|r| r["status"] == "not_met" || r["status"] == "unknown")
        })
        .map(|c| c["agreement"].as_i64().unwrap())
        .expect("the demo has a pending agreement with unmet requirements")
}

#[test]
fn decide_refuses_acceptance_without_override_with_exit_3_and_records_it_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(g287(&d, &["demo", "--agencies", "200"]).status.success());
    let id = pending_with_unmet(&d).to_string();
    let base = [
        "decide",
        "--agreement",
        &id,
        "--component",
        "ice",
        "--outcome",
        "accepted",
        "--date",
        "2026-11-01",
        "--official",
        "R. Jones, ERO Assistant Director",
    ];
    let record = |d: &std::path::Path| {
        (
            stdout(&g287(d, &["history", "--format", "json"])),
            stdout(&g287(d, &["agencies", "--format", "json"])),
        )
    };
    let before = record(&d);
    let refused = g287(&d, &base);
    assert_eq!(refused.status.code(), Some(3), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("override"),
        "{}",
        stderr(&refused)
    );
    assert!(stderr(&refused).contains("nothing was written"));
    assert!(record(&d) == before, "a refused decision wrote something");
    let mut with = base.to_vec();
    with.extend([
        "--override",
        "Screening completes before officers operate; FOD concurs",
    ]);
    let ok = g287(&d, &with);
    assert!(ok.status.success(), "{}", stderr(&ok));
    // Acceptance is not signing: the agreement waits as pending until both parties sign.
    assert!(
        stdout(&ok).contains("is now Pending") && stdout(&ok).contains("waives"),
        "{}",
        stdout(&ok)
    );
    let bad_date = g287(
        &d,
        &[
            "decide",
            "--agreement",
            &id,
            "--component",
            "ice",
            "--outcome",
            "declined",
            "--date",
            "2026-13-01",
            "--official",
            "x",
        ],
    );
    assert_eq!(bad_date.status.code(), Some(2));
    assert!(stderr(&bad_date).contains("2026-13-01"));
    let bad_outcome = g287(
        &d,
        &[
            "decide",
            "--agreement",
            &id,
            "--component",
            "ice",
            "--outcome",
            "approved",
            "--date",
            "2026-11-01",
            "--official",
            "x",
        ],
    );
    assert_eq!(bad_outcome.status.code(), Some(2));
    let newest = |n: usize| -> Vec<(String, String)> {
        let history = json(&g287(&d, &["history", "--format", "json"]));
        history.as_array().unwrap()[..n]
            .iter()
            .map(|e| {
                (
                    e["entity"].as_str().unwrap().to_string(),
                    e["action"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(newest(1), [("decision".to_string(), "create".to_string())]);

    // One party's signature without its date is refused; both make the MOA take effect.
    let half = g287(
        &d,
        &[
            "sign",
            "--agreement",
            &id,
            "--agency-signer",
            "Max Sanders",
            "--agency-title",
            "Sheriff",
        ],
    );
    assert_eq!(half.status.code(), Some(2), "{}", stderr(&half));
    let signed = g287(
        &d,
        &[
            "sign",
            "--agreement",
            &id,
            "--agency-signer",
            "Max Sanders",
            "--agency-title",
            "Sheriff",
            "--agency-date",
            "2026-11-10",
            "--component-signer",
            "Madison Sheahan",
            "--component-title",
            "Deputy Director",
            "--component-date",
            "2026-11-18",
            "--template-year",
            "2025",
        ],
    );
    assert!(signed.status.success(), "{}", stderr(&signed));
    assert!(
        stdout(&signed).contains("took effect on 2026-11-18; the agreement is Active"),
        "{}",
        stdout(&signed)
    );
    let agencies = json(&g287(&d, &["agencies", "--format", "json"]));
    let agreement = list_agreements(&agencies)
        .find(|g| g["id"].as_i64() == id.parse().ok())
        .unwrap();
    assert_eq!(agreement["status"], "active");
    assert_eq!(agreement["signing"]["agency"]["name"], "Max Sanders");
    assert_eq!(agreement["signing"]["component"]["on"], "2026-11-18");
    assert_eq!(agreement["signing"]["template_year"], 2025);
    let recorded: Vec<String> = newest(3).into_iter().map(|(_, a)| a).collect();
    assert!(recorded.contains(&"sign".to_string()), "{recorded:?}");
    assert!(recorded.contains(&"status".to_string()), "{recorded:?}");
}

#[test]
fn history_and_verify_find_tampering_with_exit_4() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(g287(&d, &["demo", "--agencies", "10"]).status.success());
    let ok = g287(&d, &["verify"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    let h = json(&g287(&d, &["history", "--agency", "3", "--format", "json"]));
    assert!(h.as_array().unwrap().iter().all(|e| e["agency_id"] == 3));
    {
        common::outside(&d, "UPDATE audit_log SET changes = '{}' WHERE seq = 7");
    }
    let broken = g287(&d, &["verify"]);
    assert_eq!(broken.status.code(), Some(4));
    assert!(
        stdout(&broken).contains("audit_log row 7, column changes"),
        "{}",
        stdout(&broken)
    );
    common::outside(&d, "UPDATE history SET who = 'mallory' WHERE seq = 2");
    let broken = g287(&d, &["verify"]);
    assert_eq!(broken.status.code(), Some(4));
    assert!(
        stdout(&broken).contains("BROKEN at entry 2"),
        "{}",
        stdout(&broken)
    );
}

#[test]
fn a_newer_database_gives_exit_5_and_stays_untouched() {
    if common::sqlite_only("a newer SQLite file left byte for byte") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    std::fs::create_dir_all(&d).unwrap();
    {
        let conn = rusqlite::Connection::open(d.join("g287.sqlite3")).unwrap();
        conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 42;")
            .unwrap();
    }
    let before = snapshot(&d);
    let out = g287(&d, &["agencies"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(stderr(&out).contains("newer"), "{}", stderr(&out));
    assert!(snapshot(&d) == before, "the newer database was modified");
}

#[test]
fn the_data_folder_comes_from_the_environment_variable() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("from-env");
    let out = std::process::Command::new(common::binary())
        .args(["demo", "--agencies", "3"])
        .env("G287_DATA_DIR", &d)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(d.join("g287.sqlite3").exists());
}

/// The same registry exports the same bytes: the requirements each agreement does not meet are
/// listed by agreement id, in order (they were in a hash map's order, which changes from run
/// to run).
#[test]
fn a_json_export_of_the_same_registry_is_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("data");
    assert!(g287(&d, &["demo", "--agencies", "40"]).status.success());
    let export = |name: &str| {
        let file = dir.path().join(name);
        let out = g287(
            &d,
            &[
                "export",
                "--format",
                "json",
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read(file).unwrap()
    };
    let first = export("a.json");
    let parsed: serde_json::Value = serde_json::from_slice(&first).unwrap();
    assert!(
        parsed["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["unmet_requirements"].as_object().unwrap().len() >= 2),
        "some agency has two agreements, whose order the export must keep"
    );
    for run in 0..4 {
        assert_eq!(export(&format!("b{run}.json")), first);
    }
}

/// With `$USER` (and its Windows and older Unix cousins) unset, as on many desktops, every
/// history entry said "by unknown": the author is the login name the operating system gives.
#[test]
fn with_no_user_variable_the_history_names_the_login() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = common::command(&data)
        .args(["demo", "--agencies", "3"])
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .env_remove("G287_DATA_DIR")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // On a server the author is the role that logged in, whatever the operating system says.
    let login = if common::on_postgres() {
        common::postgres::ADMIN.to_string()
    } else {
        whoami::username().unwrap()
    };
    assert_ne!(login, "unknown");
    let history = json(&g287(&data, &["history", "--format", "json"]));
    let entries = history.as_array().unwrap();
    assert!(!entries.is_empty());
    for entry in entries {
        assert_eq!(entry["who"], login.as_str(), "{entry}");
    }
}
