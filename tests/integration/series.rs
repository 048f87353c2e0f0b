//! ICE's whole list series of May–July 2025 (`tests/fixtures/ice/series/`: 64 files from 38
//! captures of ICE's page, one `sheets_YYYYMMDD_HHMMSS` folder per capture) imported three
//! ways — all in one call (one transaction), file by file oldest first, file by file newest
//! first, each into its own data folder — must give the same registry, read back with the
//! real binary's `agencies --format json`. With the traps ICE's files really have: one file name
//! used for two different files, a state written `UTAHJ`, an agreement listed twice in one
//! file, agreements going from pending to participating and back.

use crate::common;
use crate::import::conflicts;

use common::g287;
use g287::domain::agency::identity_key;
use g287::import::{ListFile, read_list};
use g287::store::imports::ListToApply;
use g287::store::today;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The last pending list of the series.
const LAST_PENDING: &str = "sheets_20250719_151637/pendingAgencies07182025pm.xlsx";
/// The name ICE used for two different files.
const TWICE_NAMED: &str = "participatingAgencies07032025pm.xlsx";

fn series_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ice/series")
}

/// Every list of the series, read once, oldest first: by the list date and `am`/`pm` of its
/// name, then by the capture folder, then participating before pending (the order
/// `domain::lists` sets).
fn series() -> Vec<ListToApply> {
    let mut lists: Vec<ListToApply> = std::fs::read_dir(series_folder())
        .unwrap()
        .flat_map(|capture| std::fs::read_dir(capture.unwrap().path()).unwrap())
        .map(|f| ListToApply::new(read(&f.unwrap().path())).unwrap())
        .collect();
    lists.sort_by_key(|l| l.list.order());
    lists
}

fn read(path: &Path) -> ListFile {
    read_list(path, None, None, today()).unwrap()
}

/// Applies `lists` one by one, each in its own call (its own transaction), as a coordinator
/// importing each file the day it appears would.
fn one_by_one(data: &Path, lists: impl Iterator<Item = ListToApply>) {
    let mut store = common::open_store(data).unwrap();
    for l in lists {
        store.apply_lists(vec![l], false).unwrap();
    }
}

/// The registry as `g287 agencies --format json` shows it, without row ids (which depend on
/// the order agencies were first seen), agencies by state and name.
fn registry(data: &Path) -> Vec<Value> {
    let out = g287(data, &["agencies", "--format", "json"]);
    let mut agencies: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    for a in &mut agencies {
        let a = a.as_object_mut().unwrap();
        a.remove("id");
        let agreements = a["agreements"].as_array_mut().unwrap();
        for g in agreements.iter_mut() {
            let g = g.as_object_mut().unwrap();
            g.remove("id");
            g.remove("agency_id");
        }
        agreements.sort_by_key(|g| (g["model"].to_string(), g["component"].to_string()));
    }
    agencies.sort_by_key(|a| (a["state"].to_string(), a["name"].to_string()));
    agencies
}

/// The rows of `g287 export --format csv` (ICE's columns with MOA addresses and addenda,
/// component, status), without the row-id columns, sorted.
fn exported(data: &Path) -> Vec<Vec<String>> {
    let file = data.join("export.csv");
    let out = g287(
        data,
        &[
            "export",
            "--format",
            "csv",
            "--out",
            &file.display().to_string(),
        ],
    );
    assert!(out.status.success());
    // The export's last line is the audit chain's head, which differs with the history.
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&file)
        .unwrap();
    let ids: Vec<usize> = reader
        .headers()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, h)| h.ends_with(" ID"))
        .map(|(i, _)| i)
        .collect();
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(Result::unwrap)
        .filter(|r| r.len() > 1)
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| !ids.contains(i))
                .map(|(_, v)| v.to_string())
                .collect()
        })
        .collect();
    rows.sort();
    rows
}

/// (state, agency identity, model, status) of every agreement.
fn agreements(registry: &[Value]) -> BTreeSet<(String, String, String, String)> {
    registry
        .iter()
        .flat_map(|a| {
            a["agreements"].as_array().unwrap().iter().map(move |g| {
                (
                    a["state"].as_str().unwrap().to_string(),
                    identity_key(a["name"].as_str().unwrap()),
                    g["model"].as_str().unwrap().to_string(),
                    g["status"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn the_whole_series_gives_one_registry_in_one_call_oldest_first_and_newest_first() {
    let started = Instant::now();
    let lists = series();
    assert_eq!(lists.len(), 64);
    let dir = tempfile::tempdir().unwrap();

    // (a) All 64 files in one call (one transaction), handed over newest first: the import
    // sorts them. Through the store, as the binary's `import` does, so that the test checks
    // this tree's rules even while another tree's build replaces the shared `g287` binary.
    let all = dir.path().join("all");
    let summary = common::open_store(&all)
        .unwrap()
        .apply_lists(lists.iter().rev().cloned().collect(), false)
        .unwrap();
    let summary: Value = serde_json::to_value(&summary).unwrap();

    // (b) and (c): file by file, oldest first and newest first.
    let oldest_first = dir.path().join("oldest-first");
    one_by_one(&oldest_first, lists.iter().cloned());
    let newest_first = dir.path().join("newest-first");
    one_by_one(&newest_first, lists.iter().rev().cloned());

    let (a, b, c) = (
        registry(&all),
        registry(&oldest_first),
        registry(&newest_first),
    );
    assert_eq!(a, b, "one call and file by file oldest first differ");
    assert_eq!(a, c, "one call and file by file newest first differ");
    let exported_all = exported(&all);
    assert_eq!(exported_all.len(), 897);
    assert_eq!(exported_all, exported(&oldest_first), "exports differ");
    assert_eq!(exported_all, exported(&newest_first), "exports differ");

    // Only the agreements on the last pending list are pending: the others dropped off (or
    // were signed). Of its rows, only those the participating list shows active are not.
    let last_pending = read(&series_folder().join(LAST_PENDING));
    let on_last: BTreeSet<(String, String, String)> = last_pending
        .rows
        .iter()
        .map(|r| {
            (
                r.state.code().to_string(),
                identity_key(&r.agency),
                r.model.unwrap().code().to_string(),
            )
        })
        .collect();
    let all_agreements = agreements(&a);
    let pending: BTreeSet<(String, String, String)> = all_agreements
        .iter()
        .filter(|g| g.3 == "pending")
        .map(|g| (g.0.clone(), g.1.clone(), g.2.clone()))
        .collect();
    assert!(pending.is_subset(&on_last), "{pending:#?}");
    for missing in on_last.difference(&pending) {
        assert!(
            all_agreements.contains(&(
                missing.0.clone(),
                missing.1.clone(),
                missing.2.clone(),
                "active".to_string()
            )),
            "{missing:?} is on the last pending list, neither pending nor active"
        );
    }
    let out = g287(
        &all,
        &["agencies", "--status", "pending", "--format", "json"],
    );
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pending_agencies: BTreeSet<_> = pending.iter().map(|g| (&g.0, &g.1)).collect();
    assert_eq!(listed.len(), pending_agencies.len());

    // The two different files named participatingAgencies07032025pm.xlsx are both applied,
    // in the order of their captures, and the summary says so.
    let twice: Vec<&Value> = summary["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == TWICE_NAMED)
        .collect();
    assert_eq!(twice.len(), 2);
    assert!(twice.iter().all(|f| f["already_imported"] == false));
    let conflicts = conflicts(&summary);
    assert!(
        conflicts.iter().any(|c| c.starts_with(TWICE_NAMED)
            && c.contains("two different files carry this name")
            && c.contains("captured 2025-07-03 15:18:05 first")),
        "{conflicts:#?}"
    );

    // UTAHJ is no state: its rows are flagged with file, row, column and value, and refused;
    // no agency outside the 50 states, DC and the territories appears.
    let problems = summary["problems"].as_array().unwrap();
    let utahj: Vec<(String, u64)> = problems
        .iter()
        .filter(|p| p["value"] == "UTAHJ")
        .map(|p| {
            assert_eq!(p["column"], "STATE");
            assert_eq!(p["kept"], false);
            assert!(p["message"].as_str().unwrap().contains("not a U.S. state"));
            (
                p["file"].as_str().unwrap().to_string(),
                p["row"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        utahj,
        [
            (TWICE_NAMED.to_string(), 723),
            ("participatingAgencies07072025am.xlsx".to_string(), 723),
            ("participatingAgencies07072025pm.xlsx".to_string(), 723),
        ]
    );
    assert!(a.iter().all(|g| g["state"].as_str().unwrap().len() == 2));
    // Weber County's Task Force agreement, on the UTAHJ rows, is in Utah from later lists.
    assert!(a.iter().any(|g| g["state"] == "UT"
        && g["name"] == "Weber County Sheriff's Office"
        && g["agreements"][0]["model"] == "tfm"));

    // St. Cloud Police Department's Task Force agreement is twice on five lists: one
    // agreement, each repeat counted, and the two rows' different SIGNED and MOA flagged.
    assert_eq!(summary["repeated_rows"], 5);
    let st_cloud: Vec<&Value> = a
        .iter()
        .filter(|g| g["state"] == "FL" && g["name"] == "St. Cloud Police Department")
        .collect();
    assert_eq!(st_cloud.len(), 1);
    assert_eq!(st_cloud[0]["agreements"].as_array().unwrap().len(), 1);
    let repeats: Vec<&Value> = problems
        .iter()
        .filter(|p| {
            p["message"]
                .as_str()
                .unwrap()
                .starts_with("St. Cloud Police Department TFM is also on row")
        })
        .collect();
    assert_eq!(repeats.len(), 2 * 5, "{repeats:#?}");
    assert!(
        repeats
            .iter()
            .any(|p| p["column"] == "SIGNED" && p["value"] == "2025-04-14")
    );

    let count = |status: &str| all_agreements.iter().filter(|g| g.3 == status).count();
    println!(
        "series: {} files, {} rows, {} agencies, {} agreements ({} active, {} pending, {} delisted); \
         {} pending dropped off over the series, {} delisted from the participating list, \
         {} repeated rows, {} values flagged, {} rows refused; {:.1} s",
        lists.len(),
        summary["rows"],
        a.len(),
        all_agreements.len(),
        count("active"),
        count("pending"),
        count("delisted"),
        summary["dropped_off"],
        summary["delisted"],
        summary["repeated_rows"],
        summary["flagged"],
        summary["refused_rows"],
        started.elapsed().as_secs_f64()
    );
    assert_eq!(
        (
            a.len(),
            count("active"),
            count("pending"),
            count("delisted")
        ),
        (741, 832, 25, 40)
    );
}

#[test]
fn two_files_of_one_name_without_capture_times_are_both_applied_and_their_order_flagged() {
    let dir = tempfile::tempdir().unwrap();
    // ICE's two different participatingAgencies07032025pm.xlsx, saved in folders that say
    // nothing of when they were captured.
    let lists: Vec<ListToApply> = ["sheets_20250703_151805", "sheets_20250704_151659"]
        .iter()
        .enumerate()
        .map(|(i, capture)| {
            let folder = dir.path().join(format!("download-{i}"));
            std::fs::create_dir(&folder).unwrap();
            let copy = folder.join(TWICE_NAMED);
            std::fs::copy(series_folder().join(capture).join(TWICE_NAMED), &copy).unwrap();
            ListToApply::new(read(&copy)).unwrap()
        })
        .collect();
    assert!(lists.iter().all(|l| l.list.captured.is_none()));
    assert_ne!(lists[0].sha256, lists[1].sha256);
    let summary = common::open_store(&dir.path().join("data"))
        .unwrap()
        .apply_lists(lists, false)
        .unwrap();
    assert_eq!(summary.files.len(), 2);
    assert!(summary.files.iter().all(|f| !f.already_imported));
    assert_eq!(summary.rows, 753 + 777);
    let flagged: Vec<&String> = summary
        .conflicts
        .iter()
        .filter(|c| c.contains("two different files carry this name"))
        .collect();
    assert_eq!(flagged.len(), 1, "{:#?}", summary.conflicts);
    assert!(
        flagged[0].contains("which is newer cannot be known"),
        "{}",
        flagged[0]
    );
}
