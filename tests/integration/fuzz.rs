//! Bad input everywhere: property tests (proptest) feed the parsers arbitrary and nearly-valid
//! input. Nothing may panic, and every accepted date is plausible. (That a refused file writes
//! nothing is shown end to end in `import.rs`.)
//!
//! Cases per property are set below; `PROPTEST_CASES=100000 cargo test --test integration fuzz::` runs more.

use chrono::{Datelike, NaiveDate};
use g287::domain::{AgencyKind, Model, Ori, State, Status, parse_date};
use g287::import::{Cell, parse_signed, read_list, unwrap_safelink};
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

const HEADER: &str = "STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA\r\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn text_parsers_never_panic(s in ".{0,40}") {
        let _ = State::parse(&s);
        let _ = AgencyKind::parse(&s);
        let _ = Model::parse(&s);
        let _ = Status::parse(&s);
        let _ = parse_date(&s);
        let _ = unwrap_safelink(&s);
        for state in [State::parse("FL").unwrap(), State::parse("GU").unwrap()] {
            if let Ok(ori) = Ori::parse(&s, state) {
                prop_assert_eq!(ori.as_str().len(), 9);
                prop_assert!(ori.as_str().starts_with(state.code()));
            }
        }
    }

    #[test]
    fn signed_dates_are_plausible_or_refused(s in "[0-9/ .-]{0,12}", n in -1.0e7f64..1.0e7) {
        for cell in [Cell::Text(s.clone()), Cell::Number(n), Cell::Date(n), Cell::IsoDate(s.clone())] {
            if let Ok(d) = parse_signed(&cell, today()) {
                prop_assert!((2000..=today().year() + 1).contains(&d.year()), "{cell:?} read as {d}");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_as_a_list_are_read_or_refused_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), csv in any::<bool>()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(if csv { "list.csv" } else { "list.xlsx" });
        std::fs::write(&path, &bytes).unwrap();
        let _ = read_list(&path, None, None, today());
    }

    #[test]
    fn arbitrary_rows_under_a_real_header_become_rows_or_named_problems(
        cells in proptest::collection::vec(proptest::collection::vec("[A-Za-z0-9 ,'\"/#=+-]{0,16}", 7), 1..20)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("participatingAgencies07182025pm.csv");
        let mut text = HEADER.to_string();
        for row in &cells {
            let quoted: Vec<String> = row.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
            text.push_str(&quoted.join(","));
            text.push_str("\r\n");
        }
        std::fs::write(&path, text).unwrap();
        let list = read_list(&path, None, None, today()).unwrap();
        for p in &list.problems {
            prop_assert!(p.row >= 2 && p.row <= cells.len() + 1, "{p:?}");
            prop_assert!(!p.column.is_empty() && !p.message.is_empty());
        }
        for r in &list.rows {
            prop_assert!(r.row >= 2);
            if let Some(d) = r.signed {
                prop_assert!((2000..=2027).contains(&d.year()));
            }
        }
    }
}
