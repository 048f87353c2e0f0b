//! One cell's value as the readers hand it over, whatever the file format, and the cleaning
//! rules every column shares.

use crate::domain::agency::non_empty;

/// One cell's value as read from a workbook or a CSV file, before any column's rule applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// An empty cell.
    Empty,
    /// Text, as written (not trimmed). CSV cells are always text.
    Text(String),
    /// A number with no date format.
    Number(f64),
    /// A date-formatted number: an Excel serial day number in the 1900 date system
    /// (45785 is 2025-05-08), whatever date system the workbook used.
    Date(f64),
    /// A date or date-time in ISO 8601 text (`2025-05-08` or `2025-05-08T00:00:00`), as some
    /// workbooks store them.
    IsoDate(String),
    /// A spreadsheet error value as Excel shows it (`#N/A`, `#REF!`).
    Error(String),
    /// `TRUE` or `FALSE`.
    Bool(bool),
}

impl Cell {
    /// The value as the user would see it written: text as is, whole numbers without a
    /// decimal point, errors as `#N/A`.
    pub fn raw(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) | Cell::IsoDate(text) | Cell::Error(text) => text.clone(),
            Cell::Number(n) | Cell::Date(n) => number_text(*n),
            Cell::Bool(true) => "TRUE".into(),
            Cell::Bool(false) => "FALSE".into(),
        }
    }

    /// Whether the cell holds nothing: empty, or only spaces.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }
}

/// A number as Excel's General format writes it: whole numbers without `.0`.
pub(crate) fn number_text(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// One cell with its hyperlink target, if the format carries hyperlinks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    /// The value.
    pub value: Cell,
    /// The hyperlink's target address, as stored (not unwrapped).
    pub link: Option<String>,
    /// In a UTF-8 file with a few invalid bytes: the cell as written, each invalid byte shown
    /// as `\xNN` (the value holds U+FFFD in their place). The row is flagged, never re-decoded.
    pub bad_bytes: Option<String>,
}

impl RawCell {
    /// A cell without a hyperlink.
    pub fn plain(value: Cell) -> RawCell {
        RawCell {
            value,
            link: None,
            bad_bytes: None,
        }
    }
}

/// One row of cells and its row number as the user sees it in Excel.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawRow {
    /// 1-based row number, header and title lines counted.
    pub row: usize,
    /// The cells, from the first column on.
    pub cells: Vec<RawCell>,
}

impl RawRow {
    /// The cell in column `index` (0-based), if the row reaches that far.
    pub fn get(&self, index: usize) -> Option<&RawCell> {
        self.cells.get(index)
    }

    /// The value in column `index`, empty when the row is shorter.
    pub fn value(&self, index: usize) -> &Cell {
        self.get(index).map_or(&Cell::Empty, |c| &c.value)
    }

    /// Whether every cell is blank (a row that is not data).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.value.is_blank())
    }
}

/// A cell of an optional text column (`COUNTY`, `ADDENDUM`): trimmed, inner spaces collapsed,
/// `None` when empty or a "not available" marker (`#N/A`, `N/A`).
pub(crate) fn optional_text(cell: &Cell) -> Option<String> {
    let text = non_empty(&cell.raw())?;
    if text.eq_ignore_ascii_case("N/A") {
        None
    } else {
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_writes_numbers_as_excel_does() {
        assert_eq!(Cell::Number(45785.0).raw(), "45785");
        assert_eq!(Cell::Date(1141572.0).raw(), "1141572");
        assert_eq!(Cell::Number(1.5).raw(), "1.5");
        assert_eq!(Cell::Error("#N/A".into()).raw(), "#N/A");
        assert_eq!(Cell::Bool(true).raw(), "TRUE");
        assert_eq!(Cell::Empty.raw(), "");
    }

    #[test]
    fn blank_means_empty_or_spaces() {
        assert!(Cell::Empty.is_blank());
        assert!(Cell::Text(" \u{a0} ".into()).is_blank());
        assert!(!Cell::Text("x".into()).is_blank());
        assert!(!Cell::Number(0.0).is_blank());
    }

    #[test]
    fn optional_text_cleans_and_drops_not_available_markers() {
        assert_eq!(
            optional_text(&Cell::Text(" Jackson  County  ".into())),
            Some("Jackson County".into())
        );
        assert_eq!(optional_text(&Cell::Error("#N/A".into())), None);
        assert_eq!(optional_text(&Cell::Text("#n/a".into())), None);
        assert_eq!(optional_text(&Cell::Text("N/A".into())), None);
        assert_eq!(optional_text(&Cell::Text("  ".into())), None);
        assert_eq!(optional_text(&Cell::Empty), None);
    }
}
