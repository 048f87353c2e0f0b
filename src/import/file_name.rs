//! The publication date in ICE's file names: `participatingAgencies07182025pm.xlsx` is the
//! participating list of 18 July 2025, afternoon edition.

use chrono::NaiveDate;

/// The words that precede the date in ICE's file names, lower-cased.
const PREFIXES: [&str; 2] = ["participatingagencies", "pendingagencies"];

/// Reads the date and the `pm` mark from a file name in ICE's pattern
/// `(participating|pending)Agencies` + `MMDDYYYY` + optional `am`/`pm`, found anywhere in the
/// name, in any case (`Copy of pendingAgencies05152025am (1).xlsx` works).
///
/// Returns the date and whether the name says `pm`; `None` when the pattern is absent or its
/// eight digits are not a calendar date.
pub fn date_from_file_name(name: &str) -> Option<(NaiveDate, bool)> {
    // ASCII lower-casing keeps byte offsets identical to the original.
    let lower = name.to_ascii_lowercase();
    let mut found: Vec<(usize, NaiveDate, bool)> = Vec::new();
    for prefix in PREFIXES {
        for (at, _) in lower.match_indices(prefix) {
            let start = at + prefix.len();
            let Some(digits) = lower.get(start..start + 8) else {
                continue;
            };
            if !digits.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().ok();
            let (Some(month), Some(day), Some(year)) = (number(0..2), number(2..4), number(4..8))
            else {
                continue;
            };
            let Some(date) = NaiveDate::from_ymd_opt(year as i32, month, day) else {
                continue;
            };
            let pm = lower[start + 8..].starts_with("pm");
            found.push((at, date, pm));
        }
    }
    found
        .into_iter()
        .min_by_key(|(at, _, _)| *at)
        .map(|(_, date, pm)| (date, pm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn ice_names_give_date_and_afternoon() {
        assert_eq!(
            date_from_file_name("participatingAgencies07182025pm.xlsx"),
            Some((d(2025, 7, 18), true))
        );
        assert_eq!(
            date_from_file_name("participatingAgencies05162025am.xlsx"),
            Some((d(2025, 5, 16), false))
        );
        assert_eq!(
            date_from_file_name("pendingAgencies05152025am.xlsx"),
            Some((d(2025, 5, 15), false))
        );
        assert_eq!(
            date_from_file_name("pendingAgencies07182025.csv"),
            Some((d(2025, 7, 18), false))
        );
    }

    #[test]
    fn pattern_is_found_anywhere_in_any_case() {
        assert_eq!(
            date_from_file_name("Copy of PENDINGAGENCIES07182025PM (1).xlsx"),
            Some((d(2025, 7, 18), true))
        );
        assert_eq!(
            date_from_file_name("downloads-participatingagencies12312025pm.csv"),
            Some((d(2025, 12, 31), true))
        );
    }

    #[test]
    fn other_names_give_nothing() {
        assert_eq!(date_from_file_name("agencies.xlsx"), None);
        assert_eq!(date_from_file_name("participatingAgencies.xlsx"), None);
        assert_eq!(date_from_file_name("participatingAgencies0718.xlsx"), None);
        assert_eq!(
            date_from_file_name("participatingAgencies13182025pm.xlsx"),
            None
        );
        assert_eq!(
            date_from_file_name("participatingAgencies02302025.xlsx"),
            None
        );
        assert_eq!(date_from_file_name("pendingAgencies2025-07-18.xlsx"), None);
        assert_eq!(
            date_from_file_name("pendingAgencies07182025é"),
            Some((d(2025, 7, 18), false))
        );
        assert_eq!(date_from_file_name(""), None);
    }
}
