//! Finding the header row and the columns: ICE's names, in any order, any case and spacing,
//! below any title lines.

use super::cells::RawRow;

/// How many rows from the top may hold the header (title lines above it are skipped).
pub(crate) const HEADER_SEARCH_ROWS: usize = 20;

/// `STATE`: the column's header name.
pub(crate) const STATE: &str = "STATE";
/// `LAW ENFORCEMENT AGENCY`.
pub(crate) const AGENCY: &str = "LAW ENFORCEMENT AGENCY";
/// `TYPE`: the agency's kind.
pub(crate) const TYPE: &str = "TYPE";
/// `COUNTY`.
pub(crate) const COUNTY: &str = "COUNTY";
/// `SUPPORT TYPE`: the model.
pub(crate) const SUPPORT_TYPE: &str = "SUPPORT TYPE";
/// `SIGNED`: participating lists only.
pub(crate) const SIGNED: &str = "SIGNED";
/// `MOA`: participating lists only.
pub(crate) const MOA: &str = "MOA";
/// `ADDENDUM`: participating lists from July 2025.
pub(crate) const ADDENDUM: &str = "ADDENDUM";

/// `COMPONENT`: g287's own exports only (ICE or CBP).
pub(crate) const COMPONENT: &str = "COMPONENT";
/// `STATUS`: g287's own exports only.
pub(crate) const STATUS: &str = "STATUS";
/// `ORI`: g287's own exports only.
pub(crate) const ORI: &str = "ORI";
/// `JAIL`: g287's own exports only (yes, no or empty).
pub(crate) const JAIL: &str = "JAIL";

/// The columns every list has.
const REQUIRED: [&str; 3] = [STATE, AGENCY, SUPPORT_TYPE];
/// Every column the reader knows.
const KNOWN: [&str; 12] = [
    STATE,
    AGENCY,
    TYPE,
    COUNTY,
    SUPPORT_TYPE,
    SIGNED,
    MOA,
    ADDENDUM,
    COMPONENT,
    STATUS,
    ORI,
    JAIL,
];

/// Where each known column is (0-based index into a row's cells).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Columns {
    /// `STATE`.
    pub state: usize,
    /// `LAW ENFORCEMENT AGENCY`.
    pub agency: usize,
    /// `SUPPORT TYPE`.
    pub model: usize,
    /// `TYPE`.
    pub kind: Option<usize>,
    /// `COUNTY`.
    pub county: Option<usize>,
    /// `SIGNED`.
    pub signed: Option<usize>,
    /// `MOA`.
    pub moa: Option<usize>,
    /// `ADDENDUM`.
    pub addendum: Option<usize>,
    /// `COMPONENT` (g287 exports).
    pub component: Option<usize>,
    /// `STATUS` (g287 exports).
    pub status: Option<usize>,
    /// `ORI` (g287 exports).
    pub ori: Option<usize>,
    /// `JAIL` (g287 exports).
    pub jail: Option<usize>,
}

impl Columns {
    /// The header name of column `index` when it is a known column, else its Excel letter
    /// (`column K`).
    pub fn name_of(&self, index: usize) -> String {
        let known = [
            (Some(self.state), STATE),
            (Some(self.agency), AGENCY),
            (Some(self.model), SUPPORT_TYPE),
            (self.kind, TYPE),
            (self.county, COUNTY),
            (self.signed, SIGNED),
            (self.moa, MOA),
            (self.addendum, ADDENDUM),
            (self.component, COMPONENT),
            (self.status, STATUS),
            (self.ori, ORI),
            (self.jail, JAIL),
        ];
        known
            .into_iter()
            .find(|(at, _)| *at == Some(index))
            .map_or_else(
                || format!("column {}", column_letter(index)),
                |(_, n)| n.to_string(),
            )
    }
}

/// Excel's letters for the 0-based column `index` (0 is A, 26 is AA).
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        letters.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A header cell's text compared the way a person reads it: trimmed, inner spaces collapsed,
/// upper case.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}

/// A known column's name and the first index holding it.
type Known = (&'static str, usize);
/// A known column's name found twice, with both indices.
type Repeated = (&'static str, usize, usize);

/// The known columns of one row: (name, first index holding it), and the first name found in
/// two columns, with both indices.
fn known_columns(row: &RawRow) -> (Vec<Known>, Option<Repeated>) {
    let mut found: Vec<Known> = Vec::new();
    let mut repeated = None;
    for (index, cell) in row.cells.iter().enumerate() {
        let text = normalize(&cell.value.raw());
        if let Some(name) = KNOWN.iter().find(|k| **k == text) {
            match found.iter().find(|(n, _)| n == name) {
                Some((_, first)) => {
                    repeated = repeated.or(Some((*name, *first, index)));
                }
                None => found.push((name, index)),
            }
        }
    }
    (found, repeated)
}

/// Finds the header among the first [`HEADER_SEARCH_ROWS`] rows: the first row naming all of
/// STATE, LAW ENFORCEMENT AGENCY and SUPPORT TYPE. Returns its index in `rows` and the
/// columns, or the reason the file is not a list: no header at all, or a header (a row naming
/// at least two known columns) missing a required column, named.
pub(crate) fn find_header(rows: &[RawRow]) -> Result<(usize, Columns), String> {
    let mut best: Option<(usize, Vec<(&'static str, usize)>)> = None;
    for (at, row) in rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
        let (found, repeated) = known_columns(row);
        let index = |name: &str| found.iter().find(|(n, _)| *n == name).map(|(_, i)| *i);
        if let (Some(state), Some(agency), Some(model)) =
            (index(STATE), index(AGENCY), index(SUPPORT_TYPE))
        {
            if let Some((name, first, second)) = repeated {
                return Err(format!(
                    "the header (row {}) names {name} twice, in columns {} and {}: which one \
                     holds the data cannot be told; remove or rename one",
                    row.row,
                    column_letter(first),
                    column_letter(second),
                ));
            }
            return Ok((
                at,
                Columns {
                    state,
                    agency,
                    model,
                    kind: index(TYPE),
                    county: index(COUNTY),
                    signed: index(SIGNED),
                    moa: index(MOA),
                    addendum: index(ADDENDUM),
                    component: index(COMPONENT),
                    status: index(STATUS),
                    ori: index(ORI),
                    jail: index(JAIL),
                },
            ));
        }
        if found.len() >= 2 && best.as_ref().is_none_or(|(_, b)| found.len() > b.len()) {
            best = Some((at, found));
        }
    }
    match best {
        Some((at, found)) => {
            let missing: Vec<&str> = REQUIRED
                .into_iter()
                .filter(|name| !found.iter().any(|(n, _)| n == name))
                .collect();
            let plural = if missing.len() == 1 { "" } else { "s" };
            Err(format!(
                "the header (row {}) has no {} column{plural} (every list has {STATE}, \
                 {AGENCY} and {SUPPORT_TYPE})",
                rows[at].row,
                missing.join(" and "),
            ))
        }
        None if rows.iter().all(RawRow::is_blank) => {
            Err("there is nothing in it (no header row, no rows)".into())
        }
        None => Err(format!(
            "no header row in the first {HEADER_SEARCH_ROWS} rows (expected a row naming the \
             columns {STATE}, {AGENCY} and {SUPPORT_TYPE})"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::cells::{Cell, RawCell};

    fn row(n: usize, cells: &[&str]) -> RawRow {
        RawRow {
            row: n,
            cells: cells
                .iter()
                .map(|c| RawCell::plain(Cell::Text(c.to_string())))
                .collect(),
        }
    }

    /// A repeated column was resolved silently (the first won); it is refused, naming both.
    #[test]
    fn a_repeated_column_is_refused_naming_both() {
        let rows = [row(
            3,
            &[
                "STATE",
                "LAW ENFORCEMENT AGENCY",
                "SUPPORT TYPE",
                "SIGNED",
                "x",
                "Signed",
            ],
        )];
        let err = find_header(&rows).unwrap_err();
        assert!(err.contains("row 3"), "{err}");
        assert!(err.contains("SIGNED twice, in columns D and F"), "{err}");
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(16383), "XFD");
    }

    #[test]
    fn ice_header_in_ice_order() {
        let rows = [row(
            1,
            &[
                "STATE",
                "LAW ENFORCEMENT AGENCY",
                "TYPE",
                "COUNTY",
                "SUPPORT TYPE",
                "SIGNED",
                "MOA",
                "ADDENDUM",
            ],
        )];
        let (at, cols) = find_header(&rows).unwrap();
        assert_eq!(at, 0);
        assert_eq!(
            cols,
            Columns {
                state: 0,
                agency: 1,
                model: 4,
                kind: Some(2),
                county: Some(3),
                signed: Some(5),
                moa: Some(6),
                addendum: Some(7),
                component: None,
                status: None,
                ori: None,
                jail: None,
            }
        );
    }

    #[test]
    fn shuffled_lower_case_spaced_header_below_titles() {
        let rows = [
            row(1, &["ICE 287(g) participating agencies"]),
            row(2, &["State of the list: as of July"]),
            row(
                3,
                &[
                    " support   type",
                    "county",
                    "Law Enforcement Agency ",
                    "state",
                ],
            ),
        ];
        let (at, cols) = find_header(&rows).unwrap();
        assert_eq!(at, 2);
        assert_eq!(
            (cols.model, cols.county, cols.agency, cols.state),
            (0, Some(1), 2, 3)
        );
        assert_eq!((cols.kind, cols.signed, cols.moa), (None, None, None));
    }

    #[test]
    fn missing_required_column_is_named() {
        let rows = [row(
            1,
            &["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "SIGNED"],
        )];
        let err = find_header(&rows).unwrap_err();
        assert!(err.contains("no SUPPORT TYPE column"), "{err}");
        let rows = [row(4, &["STATE", "TYPE", "COUNTY"])];
        let err = find_header(&rows).unwrap_err();
        assert!(err.contains("row 4"), "{err}");
        assert!(
            err.contains("no LAW ENFORCEMENT AGENCY and SUPPORT TYPE columns"),
            "{err}"
        );
    }

    #[test]
    fn no_header_at_all() {
        let rows = [row(1, &["name", "city"]), row(2, &["a", "b"])];
        assert!(find_header(&rows).unwrap_err().contains("no header row"));
        assert!(find_header(&[]).unwrap_err().contains("nothing in it"));
    }

    #[test]
    fn header_below_row_twenty_is_not_searched() {
        let mut rows: Vec<RawRow> = (1..=20).map(|n| row(n, &["title"])).collect();
        rows.push(row(
            21,
            &["STATE", "LAW ENFORCEMENT AGENCY", "SUPPORT TYPE"],
        ));
        assert!(find_header(&rows).unwrap_err().contains("no header row"));
    }
}
