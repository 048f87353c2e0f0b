//! The reader against ICE's four real lists (and a CSV resave of one), CSV and workbook
//! variants a coordinator may produce, and files that are not lists at all.

use super::*;
use std::fs;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 20).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const MAY_PARTICIPATING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ice/participatingAgencies05162025am.xlsx"
);
const JULY_PARTICIPATING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ice/participatingAgencies07182025pm.xlsx"
);
const JULY_PARTICIPATING_CSV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ice/participatingAgencies07182025pm.csv"
);
const MAY_PENDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ice/pendingAgencies05152025am.xlsx"
);
const JULY_PENDING: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/ice/pendingAgencies07182025pm.xlsx"
);

fn read(path: &str) -> ListFile {
    read_list(Path::new(path), None, None, today()).unwrap()
}

/// (row, column, raw value, kept) of every problem.
fn problems(list: &ListFile) -> Vec<(usize, &str, &str, bool)> {
    list.problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.value.as_str(), p.kept))
        .collect()
}

fn row(list: &ListFile, number: usize) -> &ListRow {
    list.rows
        .iter()
        .find(|r| r.row == number)
        .unwrap_or_else(|| panic!("no row {number}"))
}

fn count(list: &ListFile, keep: impl Fn(&ListRow) -> bool) -> usize {
    list.rows.iter().filter(|r| keep(r)).count()
}

// --- ICE's real lists -------------------------------------------------------------------------

#[test]
fn may_participating_list() {
    let list = read(MAY_PARTICIPATING);
    assert_eq!(list.name, "participatingAgencies05162025am.xlsx");
    assert_eq!(list.kind, ListKind::Participating);
    assert_eq!(
        (list.as_of, list.as_of_source, list.afternoon),
        (d(2025, 5, 16), AsOfSource::FileName, false)
    );
    // 571 agreements (rows 2-572), then 14 blank formatted rows that are not data.
    assert_eq!(list.rows.len(), 571);
    assert_eq!(list.refused_rows(), 0);
    assert_eq!(problems(&list), [(545, "SIGNED", "05/082025", true)]);
    assert!(list.problems[0].message.contains("not a date"));
    assert_eq!(
        list.problems[0].file,
        "participatingAgencies05162025am.xlsx"
    );
    assert_eq!(row(&list, 545).signed, None);
    assert_eq!(row(&list, 545).signed_raw.as_deref(), Some("05/082025"));
    assert_eq!(count(&list, |r| r.signed.is_some()), 570);

    let first = row(&list, 2);
    assert_eq!(first.state.code(), "AL");
    assert_eq!(first.agency, "Colbert County Sheriff's Office");
    assert_eq!(first.kind, Some(AgencyKind::County));
    assert_eq!(first.county.as_deref(), Some("Colbert County"));
    assert_eq!(first.model, Some(Model::Jem));
    assert_eq!(first.signed, Some(d(2025, 5, 8)));
    assert_eq!(
        first.moa,
        Some(MoaCell {
            posted: false,
            url: None
        })
    );
    assert_eq!(list.rows.last().unwrap().row, 572);

    // MOA: 415 "link" + 1 bare address + 3 "link | addendum" posted; 152 "link pending".
    assert_eq!(
        count(&list, |r| r.moa.as_ref().is_some_and(|m| m.posted)),
        419
    );
    assert_eq!(
        count(&list, |r| r.moa.as_ref().is_some_and(|m| !m.posted)),
        152
    );
    assert_eq!(
        count(&list, |r| r.moa.as_ref().is_some_and(|m| m.url.is_some())),
        416
    );
    assert_eq!(
        row(&list, 264).moa.as_ref().unwrap().url.as_deref(),
        Some("https://www.ice.gov/doclib/287gMOA/UnivFLPDFL_TFM_MOA_041525.pdf")
    );
    let with_addendum: Vec<usize> = list
        .rows
        .iter()
        .filter(|r| r.addendum.is_some())
        .map(|r| r.row)
        .collect();
    assert_eq!(with_addendum, [454, 501, 504]);
    assert!(row(&list, 454).moa.as_ref().unwrap().posted);

    // COUNTY: 165 #N/A error cells and one "N/A" text (row 305) are empty; trailing spaces go.
    assert_eq!(count(&list, |r| r.county.is_none()), 166);
    assert_eq!(row(&list, 305).county, None);
    assert!(list.rows.iter().all(|r| r.agency == r.agency.trim()));
    assert_eq!(
        row(&list, 84).agency,
        "Florida Department of Lottery Services"
    );
    assert_eq!(
        row(&list, 501).agency,
        "Montgomery County Sheriff\u{2019}s Office"
    );
    assert!(list.rows.iter().all(|r| r.kind.is_some()));
}

#[test]
fn july_participating_list() {
    let list = read(JULY_PARTICIPATING);
    assert_eq!(
        (list.as_of, list.as_of_source, list.afternoon),
        (d(2025, 7, 18), AsOfSource::FileName, true)
    );
    // 832 agreements (rows 2-833), then 73 blank formatted rows.
    assert_eq!(list.rows.len(), 832);
    assert_eq!(list.rows.last().unwrap().row, 833);
    assert_eq!(list.refused_rows(), 0);
    assert_eq!(
        problems(&list),
        [
            (639, "SIGNED", "1141572", true),
            (775, "SIGNED", "7/72025", true),
            (785, "SIGNED", "05/082025", true),
        ]
    );
    assert!(list.problems[0].message.contains("5025"));
    assert_eq!(row(&list, 639).signed_raw.as_deref(), Some("1141572"));
    assert_eq!(row(&list, 775).signed_raw.as_deref(), Some("7/72025"));
    assert_eq!(count(&list, |r| r.signed.is_some()), 829);
    assert_eq!(count(&list, |r| r.signed_raw.is_some()), 3);

    // MOA: "link" with 0-2 trailing spaces, 603 of them, every one with its address; 207 of
    // the addresses were Outlook safelinks, now unwrapped.
    assert_eq!(
        count(&list, |r| r.moa.as_ref().is_some_and(|m| m.posted)),
        603
    );
    assert_eq!(
        count(&list, |r| r.moa.as_ref().is_some_and(|m| !m.posted)),
        229
    );
    let urls: Vec<&str> = list
        .rows
        .iter()
        .filter_map(|r| r.moa.as_ref()?.url.as_deref())
        .collect();
    assert_eq!(urls.len(), 603);
    assert!(
        urls.iter()
            .all(|u| u.starts_with("http") && u.contains("://www.ice.gov/doclib/")),
        "{urls:?}"
    );
    assert_eq!(
        row(&list, 51).moa.as_ref().unwrap().url.as_deref(),
        Some("https://www.ice.gov/doclib/287gMOA/AlachuaCoSheriffsOfficeFL_TFM_MOA_02262025.pdf")
    );
    // ADDENDUM: 39 "link" cells, all hyperlinks to ice.gov (safelinks unwrapped).
    let addenda: Vec<&str> = list
        .rows
        .iter()
        .filter_map(|r| r.addendum.as_deref())
        .collect();
    assert_eq!(addenda.len(), 39);
    assert!(
        addenda
            .iter()
            .all(|a| a.starts_with("https://www.ice.gov/doclib/"))
    );
    assert!(row(&list, 165).addendum.is_some());

    // "Task Force Model " with a trailing space is read; 227 #N/A + 1 "N/A" counties.
    assert_eq!(count(&list, |r| r.county.is_none()), 228);
    assert_eq!(count(&list, |r| r.model == Some(Model::Tfm)), 415);
    assert_eq!(count(&list, |r| r.model == Some(Model::Jem)), 117);
    assert_eq!(count(&list, |r| r.model == Some(Model::Wso)), 300);
    assert_eq!(
        row(&list, 125).agency,
        "Florida Department of Environmental Protection, Division of Law Enforcement"
    );

    // Same name, two states: the rows keep them apart.
    let hillsborough: Vec<&str> = list
        .rows
        .iter()
        .filter(|r| r.agency.starts_with("Hillsborough County Sheriff"))
        .map(|r| r.state.code())
        .collect();
    assert!(
        hillsborough.contains(&"FL") && hillsborough.contains(&"NH"),
        "{hillsborough:?}"
    );
}

#[test]
fn may_pending_list() {
    let list = read(MAY_PENDING);
    assert_eq!(list.kind, ListKind::Pending);
    assert_eq!(
        (list.as_of, list.as_of_source, list.afternoon),
        (d(2025, 5, 15), AsOfSource::FileName, false)
    );
    assert_eq!(list.rows.len(), 92);
    assert_eq!(problems(&list), []);
    assert_eq!(count(&list, |r| r.county.is_none()), 45);
    assert!(
        list.rows
            .iter()
            .all(|r| r.signed.is_none() && r.moa.is_none() && r.addendum.is_none())
    );
    assert_eq!(row(&list, 25).agency, "Hollywood Police Department");
    assert_eq!(row(&list, 3).county, None);
    assert_eq!(list.rows.last().unwrap().row, 93);
}

#[test]
fn july_pending_list() {
    let list = read(JULY_PENDING);
    assert_eq!(list.kind, ListKind::Pending);
    assert_eq!(
        (list.as_of, list.as_of_source, list.afternoon),
        (d(2025, 7, 18), AsOfSource::FileName, true)
    );
    assert_eq!(list.rows.len(), 26);
    assert_eq!(problems(&list), []);
    assert_eq!(count(&list, |r| r.county.is_none()), 1);
    assert_eq!(row(&list, 14).agency, "Texas County's Sheriff's Office");
    assert_eq!(row(&list, 14).county.as_deref(), Some("Texas County"));
    // TYPE "County " with a trailing space is read.
    assert_eq!(count(&list, |r| r.kind == Some(AgencyKind::County)), 21);
    assert_eq!(
        count(&list, |r| r.kind == Some(AgencyKind::Municipality)),
        5
    );
}

#[test]
fn csv_resave_of_the_july_list_reads_like_the_workbook() {
    let csv = read(JULY_PARTICIPATING_CSV);
    let xlsx = read(JULY_PARTICIPATING);
    assert_eq!(csv.name, "participatingAgencies07182025pm.csv");
    assert_eq!(
        (csv.kind, csv.as_of, csv.afternoon),
        (ListKind::Participating, d(2025, 7, 18), true)
    );
    assert_eq!(csv.rows.len(), 832);
    // Excel writes the 5025 serial as the date it shows.
    assert_eq!(
        problems(&csv),
        [
            (639, "SIGNED", "7/7/5025", true),
            (775, "SIGNED", "7/72025", true),
            (785, "SIGNED", "05/082025", true),
        ]
    );
    for (c, x) in csv.rows.iter().zip(&xlsx.rows) {
        assert_eq!(
            (
                c.row, c.state, &c.agency, c.kind, &c.county, c.model, c.signed
            ),
            (
                x.row, x.state, &x.agency, x.kind, &x.county, x.model, x.signed
            )
        );
        // CSV keeps the texts, not the hyperlinks.
        assert_eq!(
            c.moa.as_ref().map(|m| m.posted),
            x.moa.as_ref().map(|m| m.posted)
        );
        assert!(c.moa.as_ref().is_none_or(|m| m.url.is_none()));
        assert_eq!(c.addendum.is_some(), x.addendum.is_some());
    }
    // Windows-1252 curly apostrophes came through.
    assert_eq!(
        count(&csv, |r| r.agency.contains('\u{2019}')),
        count(&xlsx, |r| r.agency.contains('\u{2019}'))
    );
    assert!(count(&csv, |r| r.agency.contains('\u{2019}')) > 0);
}

// --- arguments --------------------------------------------------------------------------------

#[test]
fn as_of_flag_wins_over_the_file_name() {
    let list = read_list(Path::new(JULY_PENDING), None, Some(d(2025, 7, 19)), today()).unwrap();
    assert_eq!(
        (list.as_of, list.as_of_source),
        (d(2025, 7, 19), AsOfSource::Flag)
    );
    // The afternoon mark still comes from the name.
    assert!(list.afternoon);
}

#[test]
fn a_stated_kind_must_match_the_columns() {
    let list = read_list(
        Path::new(JULY_PENDING),
        Some(ListKind::Pending),
        None,
        today(),
    )
    .unwrap();
    assert_eq!(list.kind, ListKind::Pending);
    let err = read_list(
        Path::new(JULY_PENDING),
        Some(ListKind::Participating),
        None,
        today(),
    )
    .unwrap_err();
    assert!(matches!(err, ReadError::NotAList { .. }));
    assert!(err.to_string().contains("no SIGNED column"), "{err}");
    assert!(
        err.to_string().contains("pendingAgencies07182025pm.xlsx"),
        "{err}"
    );
    let err = read_list(
        Path::new(MAY_PARTICIPATING),
        Some(ListKind::Pending),
        None,
        today(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("has a SIGNED column"), "{err}");
}

#[test]
fn list_kind_codes() {
    assert_eq!(
        ListKind::parse(" Participating "),
        Some(ListKind::Participating)
    );
    assert_eq!(ListKind::parse("pending"), Some(ListKind::Pending));
    assert_eq!(ListKind::parse("active"), None);
    for kind in ListKind::ALL {
        assert_eq!(ListKind::parse(kind.code()), Some(kind));
        assert_eq!(kind.to_string(), kind.code());
    }
    assert_eq!(AsOfSource::FileName.code(), "file_name");
}

// --- CSV and workbook variants ----------------------------------------------------------------

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// Row, state code, agency, model, signed date, MOA posted.
type RowSummary<'a> = (
    usize,
    &'a str,
    &'a str,
    Model,
    Option<NaiveDate>,
    Option<bool>,
);

#[test]
fn csv_with_bom_title_lines_shuffled_lower_case_headers() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(
        "287(g) participating agencies,,,,\r\n\
         Updated July 2025,,,,\r\n\
         signed,Support Type,law  enforcement agency,State,moa\r\n\
         5/8/2025,Task Force Model,Polk County Sheriff’s Office ,florida,link\r\n\
         ,,,,\r\n\
         2025-06-25,warrant service officer,\"Hillsborough County Sheriff's Office, NH\",NEW HAMPSHIRE,Link Pending \r\n\
         45785,JEM,Guam Police Department,GUAM,\r\n"
            .as_bytes(),
    );
    let path = write(&dir, "my list.csv", &bytes);
    let list = read_list(&path, None, None, today()).unwrap();
    assert_eq!(list.kind, ListKind::Participating);
    assert_eq!(
        (list.as_of, list.as_of_source),
        (today(), AsOfSource::Today)
    );
    assert_eq!(problems(&list), []);
    let got: Vec<RowSummary> = list
        .rows
        .iter()
        .map(|r| {
            (
                r.row,
                r.state.code(),
                r.agency.as_str(),
                r.model.expect("an ICE list's rows all have a model"),
                r.signed,
                r.moa.as_ref().map(|m| m.posted),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                4,
                "FL",
                "Polk County Sheriff’s Office",
                Model::Tfm,
                Some(d(2025, 5, 8)),
                Some(true)
            ),
            (
                6,
                "NH",
                "Hillsborough County Sheriff's Office, NH",
                Model::Wso,
                Some(d(2025, 6, 25)),
                Some(false)
            ),
            (
                7,
                "GU",
                "Guam Police Department",
                Model::Jem,
                Some(d(2025, 5, 8)),
                None
            ),
        ]
    );
    assert!(
        list.rows
            .iter()
            .all(|r| r.kind.is_none() && r.county.is_none())
    );
}

#[test]
fn csv_in_windows_1252_with_semicolons_and_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"STATE;LAW ENFORCEMENT AGENCY;TYPE;COUNTY;SUPPORT TYPE\r\n\
                  \r\n\
                  ALABAMA;Marion County Sheriff\x92s Office;County;Marion County;Task Force Model\r\n\
                  TEXAS;Caf\xe9 Police, Inc.;Municipality;#N/A;Jail Enforcement Model\r\n\
                  \r\n\
                  ;;;;\r\n\
                  UTOPIA;Nowhere PD;City;;Task Force Model\r\n";
    let path = write(&dir, "pendingAgencies07182025pm.csv", bytes);
    let list = read_list(&path, None, None, today()).unwrap();
    assert_eq!(list.kind, ListKind::Pending);
    assert_eq!(
        (list.as_of, list.as_of_source, list.afternoon),
        (d(2025, 7, 18), AsOfSource::FileName, true)
    );
    assert_eq!(list.rows.len(), 2);
    assert_eq!(list.rows[0].row, 3);
    assert_eq!(list.rows[0].agency, "Marion County Sheriff\u{2019}s Office");
    assert_eq!(list.rows[1].row, 4);
    assert_eq!(list.rows[1].agency, "Caf\u{e9} Police, Inc.");
    assert_eq!(list.rows[1].county, None);
    // The unknown state refuses row 7; its unknown TYPE is reported too, as not kept.
    assert_eq!(
        problems(&list),
        [(7, "STATE", "UTOPIA", false), (7, "TYPE", "City", false)]
    );
    assert_eq!(list.refused_rows(), 1);
}

#[test]
fn tab_separated_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "list.TXT",
        b"STATE\tLAW ENFORCEMENT AGENCY\tSUPPORT TYPE\tSIGNED\tMOA\n\
          OHIO\tButler County Sheriff's Office\tTask Force Model\t3/1/2025\tlink\n\
          OHIO\t\tTask Force Model\t3/1/2025\tlink\n\
          OHIO\tX PD\tTask Force Model\t\tmaybe\n",
    );
    let list = read_list(&path, None, None, today()).unwrap();
    assert_eq!(list.rows.len(), 2);
    assert_eq!(list.rows[0].signed, Some(d(2025, 3, 1)));
    assert_eq!(
        problems(&list),
        [
            (3, "LAW ENFORCEMENT AGENCY", "", false),
            (4, "SIGNED", "", true),
            (4, "MOA", "maybe", true),
        ]
    );
    assert_eq!(list.rows[1].moa, None);
    assert_eq!(list.refused_rows(), 1);
}

#[test]
fn header_only_list_has_no_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "p.csv",
        b"STATE,LAW ENFORCEMENT AGENCY,SUPPORT TYPE\r\n",
    );
    let list = read_list(&path, None, None, today()).unwrap();
    assert!(list.rows.is_empty() && list.problems.is_empty());
}

#[test]
fn workbook_with_title_rows_hyperlinks_and_date_cells() {
    use rust_xlsxwriter::{Format, Url, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("participatingAgencies01022026.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("m/d/yyyy");
    sheet
        .write_string(0, 0, "ICE 287(g) participating agencies")
        .unwrap();
    for (col, name) in [
        "moa",
        "SIGNED",
        "support type",
        "Law Enforcement Agency",
        "STATE",
        "TYPE",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(2, col as u16 + 1, *name).unwrap();
    }
    let wrapped = "https://gcc02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fwww.ice.gov%2Fdoclib%2F287gMOA%2Fx.pdf&data=05";
    sheet
        .write_url_with_text(3, 1, Url::new(wrapped), "link")
        .unwrap();
    sheet
        .write_number_with_format(3, 2, 45785.0, &date)
        .unwrap();
    sheet.write_string(3, 3, "Task Force Model").unwrap();
    sheet
        .write_string(3, 4, "Polk County Sheriff's Office")
        .unwrap();
    sheet.write_string(3, 5, "FLORIDA").unwrap();
    sheet.write_string(3, 6, "County").unwrap();
    sheet.write_string(5, 1, "link pending").unwrap();
    sheet.write_number(5, 2, 45840.0).unwrap();
    sheet.write_string(5, 3, "Warrant Service Officer").unwrap();
    sheet.write_string(5, 4, "Guam Police Department").unwrap();
    sheet.write_string(5, 5, "GUAM").unwrap();
    sheet.write_string(5, 6, "State Agency").unwrap();
    sheet.write_string(6, 1, "link").unwrap();
    sheet.write_string(6, 2, "2025-05-08").unwrap();
    sheet.write_string(6, 3, "JEM").unwrap();
    sheet.write_string(6, 4, "Saipan PD").unwrap();
    sheet
        .write_string(6, 5, "Northern Mariana Islands")
        .unwrap();
    book.save(&path).unwrap();

    let list = read_list(&path, None, None, today()).unwrap();
    assert_eq!((list.as_of, list.afternoon), (d(2026, 1, 2), false));
    assert_eq!(problems(&list), []);
    let rows: Vec<(usize, &str, Option<NaiveDate>, Option<MoaCell>)> = list
        .rows
        .iter()
        .map(|r| (r.row, r.state.code(), r.signed, r.moa.clone()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                4,
                "FL",
                Some(d(2025, 5, 8)),
                Some(MoaCell {
                    posted: true,
                    url: Some("https://www.ice.gov/doclib/287gMOA/x.pdf".into())
                })
            ),
            (
                6,
                "GU",
                Some(d(2025, 7, 2)),
                Some(MoaCell {
                    posted: false,
                    url: None
                })
            ),
            (
                7,
                "MP",
                Some(d(2025, 5, 8)),
                Some(MoaCell {
                    posted: true,
                    url: None
                })
            ),
        ]
    );
    assert_eq!(list.rows[1].kind, Some(AgencyKind::StateAgency));
}

// --- files that are not lists -----------------------------------------------------------------

fn unreadable(path: &Path) -> String {
    match read_list(path, None, None, today()) {
        Err(err @ ReadError::Unreadable { .. }) => err.to_string(),
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

fn not_a_list(path: &Path) -> String {
    match read_list(path, None, None, today()) {
        Err(err @ ReadError::NotAList { .. }) => err.to_string(),
        other => panic!("expected NotAList, got {other:?}"),
    }
}

#[test]
fn missing_file_and_folder() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("gone.xlsx");
    let msg = unreadable(&missing);
    assert!(
        msg.contains("gone.xlsx") && msg.contains("no such file"),
        "{msg}"
    );
    let folder = dir.path().join("folder.csv");
    fs::create_dir(&folder).unwrap();
    let msg = unreadable(&folder);
    assert!(
        msg.contains("folder.csv") && msg.contains("folder"),
        "{msg}"
    );
}

#[test]
fn empty_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["empty.xlsx", "empty.csv"] {
        let msg = unreadable(&write(&dir, name, b""));
        assert!(msg.contains(name) && msg.contains("empty"), "{msg}");
    }
    // Only line breaks and separators: nothing in it.
    let msg = not_a_list(&write(&dir, "blank.csv", b"\r\n,,,\r\n\r\n"));
    assert!(msg.contains("nothing in it"), "{msg}");
}

#[test]
fn random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = fastrand::Rng::with_seed(287);
    let bytes: Vec<u8> = (0..4096).map(|_| rng.u8(..)).collect();
    for name in ["noise.xlsx", "noise.xls", "noise.xlsm", "noise.ods"] {
        let msg = unreadable(&write(&dir, name, &bytes));
        assert!(msg.contains(name), "{msg}");
    }
    let msg = unreadable(&write(&dir, "noise.csv", &bytes));
    assert!(msg.contains("binary"), "{msg}");
    // Random text without NUL bytes decodes but has no header.
    let text: Vec<u8> = bytes.iter().map(|b| b.max(&1)).copied().collect();
    not_a_list(&write(&dir, "noise.txt", &text));
}

#[test]
fn truncated_and_misnamed_workbooks() {
    let dir = tempfile::tempdir().unwrap();
    let whole = fs::read(JULY_PARTICIPATING).unwrap();
    for cut in [10, whole.len() / 3, whole.len() / 2, whole.len() - 100] {
        let msg = unreadable(&write(&dir, "cut.xlsx", &whole[..cut]));
        assert!(msg.contains("cut.xlsx"), "{msg}");
    }
    let msg = unreadable(&write(&dir, "really-xlsx.csv", &whole));
    assert!(msg.contains("give it the .xlsx extension"), "{msg}");
    let msg = unreadable(&write(
        &dir,
        "really-csv.xlsx",
        b"STATE,LAW ENFORCEMENT AGENCY\r\n",
    ));
    assert!(msg.contains("really-csv.xlsx"), "{msg}");
}

#[test]
fn missing_columns_and_missing_header() {
    let dir = tempfile::tempdir().unwrap();
    let msg = not_a_list(&write(
        &dir,
        "no-model.csv",
        b"STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SIGNED\r\nTEXAS,X,County,Y,5/8/2025\r\n",
    ));
    assert!(msg.contains("no-model.csv"), "{msg}");
    assert!(msg.contains("no SUPPORT TYPE column"), "{msg}");
    let msg = not_a_list(&write(
        &dir,
        "people.csv",
        b"name,phone\r\nAda,555\r\nBob,556\r\n",
    ));
    assert!(msg.contains("no header row"), "{msg}");
}

#[test]
fn unsupported_extensions() {
    let dir = tempfile::tempdir().unwrap();
    for (name, ext) in [("list.pdf", "pdf"), ("list", "")] {
        let path = write(&dir, name, b"STATE");
        match read_list(&path, None, None, today()) {
            Err(ReadError::UnsupportedFormat { file, extension }) => {
                assert!(file.ends_with(name));
                assert_eq!(extension, ext);
            }
            other => panic!("expected UnsupportedFormat, got {other:?}"),
        }
    }
}

/// A UTF-8 list with one invalid byte was read whole as Windows-1252 ("CafÃ© Ok Sheriff", a
/// new agency, nothing flagged). Now the rest stays UTF-8 and the row with the byte is flagged
/// with its file, row, column and the byte.
#[test]
fn a_utf8_list_with_one_bad_byte_flags_that_row_and_keeps_the_rest_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE\n\
                     OKLAHOMA,Café Ok Sheriff,County,Tulsa County,Task Force Model\n\
                     TEXAS,Harris County Sheriff,County,"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"Harr\xEDs County,Jail Enforcement Model\n");
    let path = write(&dir, "pending.csv", &bytes);
    let list = read_list(&path, None, None, today()).unwrap();
    assert_eq!(list.rows.len(), 1);
    assert_eq!(list.rows[0].agency, "Café Ok Sheriff");
    assert_eq!(problems(&list), [(3, "COUNTY", "Harr\\xEDs County", false)]);
    assert_eq!(list.problems[0].file, "pending.csv");
}
