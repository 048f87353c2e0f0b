//! What g287 says of an agreement it knows only from ICE's list: "no record", never "not met"
//! or "overdue". Tried on ICE's real participating list of 18 July 2025.

use crate::common;

use common::{fixture, g287, stderr};
use g287::store::today;

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
    let store = common::open_store(&data).unwrap();
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

/// The MOA and ADDENDUM columns of an export, read from a CSV or an xlsx file (row by row,
/// header left out).
fn moa_and_addendum(file: &std::path::Path) -> Vec<(String, String)> {
    let rows: Vec<Vec<String>> = if file.extension().is_some_and(|e| e == "csv") {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(file)
            .unwrap();
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    } else {
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(file).unwrap();
        let sheet = book.worksheet_range("g287 export").unwrap();
        sheet
            .rows()
            .skip(1)
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    rows.into_iter()
        .filter(|r| r.len() > 7)
        .map(|r| (r[6].clone(), r[7].clone()))
        .collect()
}

/// The MOA column of an export held the word "link" (or "link pending") ICE's spreadsheet shows,
/// and the addendum was left out: the export carries the addresses, and a registry imported
/// from the export carries them again.
#[test]
fn an_export_of_ices_list_carries_the_moas_and_the_addendums_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let july = fixture("participatingAgencies07182025pm.xlsx");
    let out = g287(&data, &["import", july.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let export = |data: &std::path::Path, format: &str| {
        let file = data.with_extension(format);
        let out = g287(
            data,
            &[
                "export",
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        moa_and_addendum(&file)
    };
    for format in ["csv", "xlsx"] {
        let cells = export(&data, format);
        assert_eq!(cells.len(), 832, "{format}");
        let moa = |keep: &dyn Fn(&str) -> bool| cells.iter().filter(|(m, _)| keep(m)).count();
        assert_eq!(
            moa(&|m| m.starts_with("http") && m.contains("://www.ice.gov/doclib/")),
            603,
            "{format}: every posted MOA by its address"
        );
        assert_eq!(moa(&|m| m == "link pending"), 229, "{format}");
        assert_eq!(moa(&|m| m == "link"), 0, "{format}: never the cell's text");
        assert!(cells.iter().any(|(m, _)| m
            == "https://www.ice.gov/doclib/287gMOA/AlachuaCoSheriffsOfficeFL_TFM_MOA_02262025.pdf"));
        let addenda: Vec<&str> = cells
            .iter()
            .map(|(_, a)| a.as_str())
            .filter(|a| !a.is_empty())
            .collect();
        assert_eq!(addenda.len(), 39, "{format}");
        assert!(
            addenda
                .iter()
                .all(|a| a.starts_with("https://www.ice.gov/doclib/")),
            "{format}: {addenda:?}"
        );

        // The export imported into an empty registry exports the same addresses.
        let copy = dir.path().join(format!("copy-{format}"));
        let file = data.with_extension(format);
        let out = g287(&copy, &["import", file.to_str().unwrap()]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
        let mut again = export(&copy, format);
        let mut first = cells.clone();
        first.sort();
        again.sort();
        assert_eq!(again, first, "{format}");
    }
}
