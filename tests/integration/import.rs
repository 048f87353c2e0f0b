//! Importing ICE's real lists (tests/fixtures/ice/) through the real binary: counts, history
//! across snapshots, idempotence, the CSV round trip, and bad files refused with nothing written.

use crate::common;

use common::{fixture, g287, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const MAY_PENDING: &str = "pendingAgencies05152025am.xlsx";
const MAY: &str = "participatingAgencies05162025am.xlsx";
const JULY_PENDING: &str = "pendingAgencies07182025pm.xlsx";
const JULY: &str = "participatingAgencies07182025pm.xlsx";

fn import(data: &Path, files: &[&str], extra: &[&str]) -> (Option<i32>, Value) {
    let paths: Vec<String> = files
        .iter()
        .map(|f| fixture(f).display().to_string())
        .collect();
    let mut args = vec!["import", "--format", "json"];
    args.extend(extra);
    args.extend(paths.iter().map(String::as_str));
    let out = g287(data, &args);
    let summary = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}{}", stdout(&out), stderr(&out)));
    (out.status.code(), summary)
}

/// The conflicts an import's JSON summary lists.
pub(crate) fn conflicts(summary: &Value) -> Vec<&str> {
    summary["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect()
}

fn agencies(data: &Path) -> Value {
    serde_json::from_slice(&g287(data, &["agencies", "--format", "json"]).stdout).unwrap()
}

/// (state, name, model, component, status, signed) of every agreement, without ids.
fn agreements(data: &Path) -> Vec<(String, String, String, String, String, String)> {
    let mut out: Vec<_> = agencies(data)
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            a["agreements"].as_array().unwrap().iter().map(move |g| {
                (
                    a["state"].to_string(),
                    a["name"].to_string(),
                    g["model"].to_string(),
                    g["component"].to_string(),
                    g["status"].to_string(),
                    g["signed"].to_string(),
                )
            })
        })
        .collect();
    out.sort();
    out
}

fn status_counts(data: &Path) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for a in agreements(data) {
        *counts.entry(a.4.trim_matches('"').to_string()).or_default() += 1;
    }
    counts
}

#[test]
fn each_real_list_imports_with_its_counts_and_flags() {
    for (file, rows, agencies_new, flagged, code) in [
        (MAY_PENDING, 92, 87, 0, 0),
        (MAY, 571, 462, 1, 1),
        (JULY_PENDING, 26, 25, 0, 0),
        (JULY, 832, 685, 3, 1),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (exit, s) = import(&dir.path().join("data"), &[file], &[]);
        assert_eq!(exit, Some(code), "{file}");
        assert_eq!(s["rows"], rows, "{file}");
        assert_eq!(s["agreements"], rows, "{file}: one agreement per row");
        assert_eq!(s["agreements_new"], rows, "{file}");
        assert_eq!(s["agencies_new"], agencies_new, "{file}");
        assert_eq!(s["flagged"], flagged, "{file}");
        assert_eq!(s["problems"].as_array().unwrap().len(), flagged, "{file}");
        assert_eq!(
            agencies(&dir.path().join("data")).as_array().unwrap().len(),
            agencies_new,
            "{file}"
        );
    }
}

#[test]
fn unreadable_signed_dates_are_flagged_with_file_row_column_and_value_and_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, s) = import(&data, &[JULY], &[]);
    let problems: Vec<(u64, &str, &str)> = s["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            assert_eq!(p["file"], JULY);
            (
                p["row"].as_u64().unwrap(),
                p["column"].as_str().unwrap(),
                p["value"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (639, "SIGNED", "1141572"),
            (775, "SIGNED", "7/72025"),
            (785, "SIGNED", "05/082025")
        ]
    );
    let review: Value =
        serde_json::from_slice(&g287(&data, &["review", "--format", "json"]).stdout).unwrap();
    let open = review.as_array().unwrap();
    assert_eq!(open.len(), 3);
    let agreement = open[1]["agreement_id"].as_i64().unwrap();
    let signed: Vec<_> = agencies(&data)
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["agreements"].as_array().unwrap().clone())
        .filter(|g| g["id"] == agreement)
        .map(|g| g["signed"].clone())
        .collect();
    assert_eq!(
        signed,
        [Value::Null],
        "the unreadable date is left empty, never guessed"
    );
}

#[test]
fn may_then_july_gives_delisted_and_pending_to_active_with_history() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (_, may) = import(&data, &[MAY, MAY_PENDING], &[]);
    // One agreement is on the pending list of 15 May and the participating list of 16 May.
    assert_eq!(may["agreements_new"], 571 + 92 - 1);
    assert_eq!(may["activated"], 1);
    let (_, july) = import(&data, &[JULY, JULY_PENDING], &[]);
    assert_eq!(july["delisted"], 15);
    // Pending in May, neither on July's pending list nor on its participating list: dropped
    // off the pending list.
    assert_eq!(july["dropped_off"], 6);
    // The participating list is applied before the pending list of the same edition, so an
    // agreement new in July and on both July lists is created active, not activated.
    assert_eq!(july["activated"], 82);
    assert_eq!(july["agreements_new"], 216);
    let conflicts = conflicts(&july);
    assert!(
        conflicts
            .iter()
            .any(|c| c.contains("on both ICE's pending and participating lists of 2025-07-18")),
        "{conflicts:#?}"
    );
    let counts = status_counts(&data);
    assert_eq!(counts["active"], 832);
    assert_eq!(counts["delisted"], 15 + 6);
    // An agreement pending in May and active in July shows both in its history.
    let history: Value =
        serde_json::from_slice(&g287(&data, &["history", "--format", "json"]).stdout).unwrap();
    let activated = history
        .as_array()
        .unwrap()
        .iter()
        .find(|e| {
            e["action"] == "status"
                && e["changes"]["status"] == serde_json::json!(["pending", "active"])
        })
        .expect("a pending -> active change is in the history");
    assert_eq!(activated["changes"]["on"], "2025-07-18");
    let change = |from: &str, to: &str| {
        history
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["action"] == "status" && e["changes"]["status"] == serde_json::json!([from, to])
            })
            .map(|e| e["changes"]["note"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let delisted = change("active", "delisted");
    assert!(delisted[0].contains(JULY), "{delisted:?}");
    // The six that dropped off the pending list say so, naming the list.
    let dropped = change("pending", "delisted");
    assert_eq!(dropped.len(), 6, "{dropped:?}");
    assert!(
        dropped
            .iter()
            .all(|n| n.contains(JULY_PENDING) && n.contains("dropped off the pending list")),
        "{dropped:?}"
    );
    // They keep the date they were last listed: the pending list of 15 May.
    let agencies = agencies(&data);
    let last_listed: Vec<&Value> = agencies
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["agreements"].as_array().unwrap())
        .filter(|g| g["status"] == "delisted" && g["signed"].is_null())
        .map(|g| &g["last_listed_on"])
        .collect();
    assert_eq!(last_listed.len(), 6);
    assert!(
        last_listed.iter().all(|d| *d == "2025-05-15"),
        "{last_listed:?}"
    );
}

#[test]
fn an_older_list_after_a_newer_one_rolls_nothing_back() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &[JULY], &[]);
    let before = status_counts(&data);
    let (_, may) = import(&data, &[MAY], &[]);
    assert_eq!(
        status_counts(&data).get("active"),
        before.get("active"),
        "no July agreement was demoted"
    );
    // The 15 agreements only the May list shows are added, and delisted as of July, as if the
    // lists had come in order.
    assert_eq!(may["delisted"], 15);
    assert_eq!(status_counts(&data)["delisted"], 15);
}

#[test]
fn a_pending_list_never_demotes_an_active_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &[JULY], &[]);
    let (_, pending) = import(&data, &[JULY_PENDING], &[]);
    let conflicts = conflicts(&pending);
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    // Haywood County (TN) is on both of 18 July's lists.
    assert!(
        conflicts[0].contains("the participating list wins: active"),
        "{}",
        conflicts[0]
    );
    assert_eq!(status_counts(&data)["active"], 832);
}

#[test]
fn importing_the_same_files_twice_changes_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &[MAY, JULY], &[]);
    let before = (
        agreements(&data),
        stdout(&g287(&data, &["history", "--format", "json"])),
    );
    let (exit, again) = import(&data, &[MAY, JULY], &[]);
    assert_eq!(exit, Some(0));
    assert!(
        again["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["already_imported"] == true)
    );
    assert_eq!(again["unchanged"], 571 + 832);
    assert_eq!(again["agreements_new"], 0);
    assert_eq!(
        (
            agreements(&data),
            stdout(&g287(&data, &["history", "--format", "json"]))
        ),
        before
    );
    let table = stdout(&g287(
        &data,
        &["import", &fixture(JULY).display().to_string()],
    ));
    assert!(
        table.contains("imported before: nothing changed"),
        "{table}"
    );
}

#[test]
fn a_dry_run_reports_the_same_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let (exit, dry) = import(&data, &[JULY], &["--dry-run"]);
    assert_eq!(exit, Some(1));
    assert_eq!(dry["dry_run"], true);
    assert!(agreements(&data).is_empty());
    assert!(stdout(&g287(&data, &["review"])).contains("0 flagged values open"));
    let (_, real) = import(&data, &[JULY], &[]);
    for key in [
        "rows",
        "agreements",
        "agencies_new",
        "flagged",
        "delisted",
        "unchanged",
    ] {
        assert_eq!(dry[key], real[key], "{key}");
    }
}

#[test]
fn the_csv_variant_of_a_real_list_imports_like_the_workbook() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (_, xlsx) = import(&a.path().join("data"), &[JULY], &[]);
    let (_, csv) = import(
        &b.path().join("data"),
        &["participatingAgencies07182025pm.csv"],
        &[],
    );
    for key in ["rows", "agreements", "agencies_new", "flagged"] {
        assert_eq!(xlsx[key], csv[key], "{key}");
    }
    assert_eq!(
        agreements(&a.path().join("data")),
        agreements(&b.path().join("data"))
    );
}

#[test]
fn a_g287_csv_export_imports_back_into_an_empty_database_with_the_same_agencies_and_agreements() {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    assert!(
        g287(&first, &["demo", "--agencies", "150"])
            .status
            .success()
    );
    import(&first, &[JULY], &[]);
    let csv = dir.path().join("export.csv");
    let out = g287(
        &first,
        &["export", "--format", "csv", "--out", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let back = g287(
        &second,
        &["import", "--format", "json", csv.to_str().unwrap()],
    );
    assert!(
        back.status.code().is_some_and(|c| c <= 1),
        "{}",
        stderr(&back)
    );
    assert_eq!(agreements(&first), agreements(&second));
    let names = |d: &Path| {
        let mut v: Vec<(String, String, String, String)> = agencies(d)
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                (
                    a["state"].to_string(),
                    a["name"].to_string(),
                    a["type"].to_string(),
                    a["has_jail"].to_string(),
                )
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(names(&first), names(&second));
}

#[test]
fn exports_neutralise_spreadsheet_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let list = dir.path().join("evil.csv");
    std::fs::write(
        &list,
        "STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE\r\nTEXAS,=HYPERLINK(\"http://x\"),County,@SUM(A1),Task Force Model\r\n",
    )
    .unwrap();
    assert_eq!(
        g287(&data, &["import", list.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let out = dir.path().join("out.csv");
    g287(
        &data,
        &["export", "--format", "csv", "--out", out.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("'=HYPERLINK") && text.contains("'@SUM(A1)"),
        "{text}"
    );
    let xlsx = dir.path().join("out.xlsx");
    g287(
        &data,
        &[
            "export",
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().unwrap(),
        ],
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = range
        .rows()
        .nth(1)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(cells[1], "'=HYPERLINK(\"http://x\")");
    assert_eq!(cells[3], "'@SUM(A1)");
}

fn refused(data: &Path, file: &Path, what: &str) {
    let before = (
        agreements(data),
        stdout(&g287(data, &["history", "--format", "json"])),
    );
    let out = g287(
        data,
        &[
            "import",
            fixture(MAY).to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains(&file.display().to_string()),
        "{what}: the message names the file: {message}"
    );
    assert!(
        message.contains("nothing was imported"),
        "{what}: {message}"
    );
    assert_eq!(
        (
            agreements(data),
            stdout(&g287(data, &["history", "--format", "json"]))
        ),
        before,
        "{what}"
    );
}

#[test]
fn bad_files_are_refused_with_exit_2_naming_the_file_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &[JULY_PENDING], &[]);
    let put = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    refused(&data, &put("empty.xlsx", b""), "empty");
    let real = std::fs::read(fixture(MAY)).unwrap();
    refused(
        &data,
        &put("truncated.xlsx", &real[..real.len() / 2]),
        "truncated xlsx",
    );
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    refused(&data, &put("random.xlsx", &noise), "random bytes as xlsx");
    refused(&data, &put("random.csv", &noise), "random bytes as csv");
    refused(
        &data,
        &put("noheader.csv", b"a,b,c\r\n1,2,3\r\n"),
        "no header",
    );
    let missing = put(
        "missing.csv",
        b"STATE,LAW ENFORCEMENT AGENCY,TYPE\r\nTEXAS,Harris County,County\r\n",
    );
    refused(&data, &missing, "missing column");
    let out = g287(&data, &["import", missing.to_str().unwrap()]);
    assert!(
        stderr(&out).contains("SUPPORT TYPE"),
        "the missing column is named: {}",
        stderr(&out)
    );
    let folder = dir.path().join("folder.xlsx");
    std::fs::create_dir(&folder).unwrap();
    refused(&data, &folder, "a directory");
    refused(
        &data,
        &dir.path().join("no-such-file.xlsx"),
        "a missing file",
    );
}

#[test]
fn an_agreement_first_seen_on_a_list_has_one_history_entry_with_every_fact_it_came_with() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    import(&data, &[JULY], &[]);
    let history: Value = serde_json::from_slice(
        &g287(&data, &["history", "--agency", "1", "--format", "json"]).stdout,
    )
    .unwrap();
    let agreement_entries: Vec<&Value> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["entity"] == "agreement")
        .collect();
    assert!(!agreement_entries.is_empty(), "{history:#}");
    for e in agreement_entries {
        assert_eq!(
            e["action"], "create",
            "one entry, not a create and an update: {e:#}"
        );
        let c = &e["changes"];
        assert_eq!(c["status"], "active");
        assert_eq!(c["last_listed_on"], "2025-07-18", "{e:#}");
        assert!(
            c["signed_on"].as_str().is_some_and(|d| d.len() == 10),
            "{e:#}"
        );
        assert!(
            matches!(c["moa"].as_str(), Some("posted" | "pending")),
            "{e:#}"
        );
        assert_eq!(c["on"], c["signed_on"], "active since it was signed");
    }
}
