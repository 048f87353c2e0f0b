//! The `SIGNED` column: Excel serial day numbers, ISO dates and U.S. `M/D/YYYY` text, read
//! strictly. A value that cannot be read, or reads as an implausible date, is refused with a
//! reason rather than guessed: ICE's real files hold `7/72025`, `05/082025` and a serial day
//! number in the year 5025.

use chrono::{Datelike, Days, NaiveDate};

use super::cells::{Cell, number_text};

/// The earliest plausible year of a signed 287(g) agreement still on a list.
const FIRST_YEAR: i32 = 2000;

/// What a readable signed date looks like, for messages.
const EXPECTED: &str = "expected an Excel date, 2025-05-08 or 5/8/2025";

/// Reads a `SIGNED` cell.
///
/// Accepts an Excel serial day number (a number, a date-formatted number, or digits as text:
/// 45785 is 2025-05-08), ISO text (`2025-05-08`, with or without a time) and U.S. text
/// (`5/8/2025`, `05/08/2025`, with or without a time). The date must fall between the year
/// 2000 and the year after `today`'s.
///
/// Errors with a message saying what is wrong (empty, not a date, implausible); nothing is
/// guessed: a two-digit year or a missing slash is an error.
pub fn parse_signed(cell: &Cell, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = match cell {
        Cell::Empty => return Err("no signed date".into()),
        Cell::Number(n) | Cell::Date(n) => from_serial(*n)?,
        Cell::Text(text) | Cell::IsoDate(text) => from_text(text)?,
        Cell::Error(e) => return Err(format!("the spreadsheet error {e} is not a date")),
        Cell::Bool(_) => return Err(format!("TRUE/FALSE is not a date ({EXPECTED})")),
    };
    plausible(date, today)
}

/// The date of an Excel serial day number (1900 date system, time of day dropped).
pub(crate) fn from_serial(serial: f64) -> Result<NaiveDate, String> {
    if !serial.is_finite() || serial < 1.0 {
        return Err(format!(
            "{} is not an Excel day number ({EXPECTED})",
            number_text(serial)
        ));
    }
    // Excel's day 0 is 1899-12-31 and it counts a 29 February 1900 that never was, so from
    // day 61 on, day n is n days after 1899-12-30. Earlier days are implausible anyway.
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("valid epoch");
    let days = serial.floor();
    if days > 100_000_000.0 {
        return Err(format!(
            "{} is far beyond any Excel date ({EXPECTED})",
            number_text(serial)
        ));
    }
    epoch
        .checked_add_days(Days::new(days as u64))
        .ok_or_else(|| {
            format!(
                "{} is far beyond any Excel date ({EXPECTED})",
                number_text(serial)
            )
        })
}

/// Reads a text date: ISO, U.S. `M/D/YYYY`, or a serial day number written as digits.
fn from_text(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("no signed date".into());
    }
    let not_a_date = || format!("not a date ({EXPECTED})");
    // Drop a trailing time of day: "2025-05-08T00:00:00", "5/8/2025 0:00", "5/8/2025 12:00 AM".
    let (date_part, rest) = match text.find(['T', ' ']) {
        Some(at) => (&text[..at], text[at + 1..].trim()),
        None => (text, ""),
    };
    if !rest.is_empty() && !is_time(rest) {
        return Err(not_a_date());
    }
    if date_part.contains('-') {
        let parts: Vec<&str> = date_part.split('-').collect();
        return match parts.as_slice() {
            [y, m, d] if y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                ymd(y, m, d).ok_or_else(|| format!("{date_part} is not a calendar date"))
            }
            _ => Err(not_a_date()),
        };
    }
    if date_part.contains('/') {
        let parts: Vec<&str> = date_part.split('/').collect();
        return match parts.as_slice() {
            [m, d, y] if digits(m, 2) && digits(d, 2) && y.len() == 4 && digits(y, 4) => {
                ymd(y, m, d).ok_or_else(|| {
                    format!("{date_part} is not a calendar date (read as month/day/year)")
                })
            }
            [m, d, y] if digits(m, 2) && digits(d, 2) && digits(y, 2) => Err(format!(
                "{date_part} has a two-digit year; write the year in full (5/8/2025)"
            )),
            _ => Err(not_a_date()),
        };
    }
    if rest.is_empty()
        && !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && let Ok(serial) = text.parse::<f64>()
    {
        return from_serial(serial);
    }
    Err(not_a_date())
}

/// `1..=max` ASCII digits.
fn digits(part: &str, max: usize) -> bool {
    !part.is_empty() && part.len() <= max && part.bytes().all(|b| b.is_ascii_digit())
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A time of day as spreadsheets write one: digits, colons, a decimal point, AM/PM.
fn is_time(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    let clock = upper
        .trim_end_matches("AM")
        .trim_end_matches("PM")
        .trim_end_matches('Z')
        .trim();
    !clock.is_empty()
        && clock.contains(':')
        && clock
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
}

/// Refuses dates before 2000 or after next year: a typo, not a signing date.
fn plausible(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, String> {
    let last = today.year() + 1;
    if (FIRST_YEAR..=last).contains(&date.year()) {
        Ok(date)
    } else {
        Err(format!(
            "reads as {date}, which cannot be a signing date (expected a year from \
             {FIRST_YEAR} to {last})"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, 20).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn excel_serial_numbers_in_every_shape_calamine_gives() {
        assert_eq!(
            parse_signed(&Cell::Number(45785.0), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(
            parse_signed(&Cell::Date(45785.0), today()),
            Ok(d(2025, 5, 8))
        );
        // A time of day does not move the date.
        assert_eq!(
            parse_signed(&Cell::Date(45785.75), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(parse_signed(&text("45785"), today()), Ok(d(2025, 5, 8)));
        assert_eq!(
            parse_signed(&Cell::Number(43990.0), today()),
            Ok(d(2020, 6, 8))
        );
        assert_eq!(
            parse_signed(&Cell::Number(36526.0), today()),
            Ok(d(2000, 1, 1))
        );
    }

    #[test]
    fn iso_text_with_or_without_time() {
        assert_eq!(
            parse_signed(&text("2025-05-08"), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(
            parse_signed(&Cell::IsoDate("2025-05-08T00:00:00".into()), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(
            parse_signed(&text(" 2025-05-08 "), today()),
            Ok(d(2025, 5, 8))
        );
        assert!(parse_signed(&text("2025-02-30"), today()).is_err());
        assert!(parse_signed(&text("2025-5-8-1"), today()).is_err());
    }

    #[test]
    fn us_text_with_or_without_leading_zeros() {
        assert_eq!(parse_signed(&text("5/8/2025"), today()), Ok(d(2025, 5, 8)));
        assert_eq!(
            parse_signed(&text("05/08/2025"), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(parse_signed(&text("7/7/2025"), today()), Ok(d(2025, 7, 7)));
        assert_eq!(
            parse_signed(&text("5/8/2025 0:00"), today()),
            Ok(d(2025, 5, 8))
        );
        assert_eq!(
            parse_signed(&text("5/8/2025 12:00:00 AM"), today()),
            Ok(d(2025, 5, 8))
        );
    }

    #[test]
    fn ice_typos_are_refused_not_guessed() {
        let missing_slash = parse_signed(&text("7/72025"), today()).unwrap_err();
        assert!(missing_slash.contains("not a date"), "{missing_slash}");
        assert!(parse_signed(&text("05/082025"), today()).is_err());
        let far = parse_signed(&Cell::Number(1141572.0), today()).unwrap_err();
        assert!(far.contains("5025"), "{far}");
        assert!(far.contains("2000 to 2026"), "{far}");
    }

    #[test]
    fn ambiguous_and_impossible_dates_are_refused() {
        let two_digit = parse_signed(&text("5/8/25"), today()).unwrap_err();
        assert!(two_digit.contains("two-digit year"), "{two_digit}");
        // Day-first dates are not month/day/year: refused, not swapped.
        assert!(parse_signed(&text("18/07/2025"), today()).is_err());
        assert!(parse_signed(&text("2/30/2025"), today()).is_err());
        assert!(parse_signed(&text("May 8, 2025"), today()).is_err());
        assert!(parse_signed(&text("5/8/2025 soon"), today()).is_err());
        assert!(parse_signed(&text("unknown"), today()).is_err());
    }

    #[test]
    fn implausible_years_are_refused() {
        assert!(parse_signed(&text("1/1/1999"), today()).is_err());
        assert_eq!(
            parse_signed(&text("12/31/2026"), today()),
            Ok(d(2026, 12, 31))
        );
        assert!(parse_signed(&text("1/1/2027"), today()).is_err());
        assert!(parse_signed(&Cell::Number(12.0), today()).is_err());
    }

    #[test]
    fn non_dates_are_refused_with_a_reason() {
        assert_eq!(
            parse_signed(&Cell::Empty, today()),
            Err("no signed date".into())
        );
        assert_eq!(
            parse_signed(&text("   "), today()),
            Err("no signed date".into())
        );
        assert!(parse_signed(&Cell::Number(-3.0), today()).is_err());
        assert!(parse_signed(&Cell::Number(f64::NAN), today()).is_err());
        assert!(parse_signed(&Cell::Number(f64::INFINITY), today()).is_err());
        assert!(parse_signed(&Cell::Number(1e300), today()).is_err());
        assert!(parse_signed(&text("99999999999999999999"), today()).is_err());
        assert!(
            parse_signed(&Cell::Error("#VALUE!".into()), today())
                .unwrap_err()
                .contains("#VALUE!")
        );
        assert!(parse_signed(&Cell::Bool(true), today()).is_err());
    }
}
