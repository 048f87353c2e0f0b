//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) through calamine: the first sheet's
//! cells with their row numbers, and for `.xlsx`/`.xlsm` each cell's hyperlink target.

use calamine::{Data, Ods, Range, Reader, Xls, Xlsb, Xlsx, open_workbook};
use calamine::{ExcelDateTime, ExcelDateTimeType};
use std::collections::HashMap;
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::cells::{Cell, RawCell, RawRow};

/// Hyperlink targets by absolute (row, column), both 0-based.
type Links = HashMap<(u32, u32), String>;

/// Reads the first sheet of the workbook at `path`, whose lower-case extension is `extension`.
/// Errors with the reason in words. A damaged file that makes the parser panic is reported as
/// damaged, not passed on as a panic.
pub(crate) fn read_workbook(path: &Path, extension: &str) -> Result<Vec<RawRow>, String> {
    catch_unwind(AssertUnwindSafe(|| read_any(path, extension))).unwrap_or_else(|_| {
        Err("the workbook is damaged: the spreadsheet reader could not make sense of it".into())
    })
}

fn read_any(path: &Path, extension: &str) -> Result<Vec<RawRow>, String> {
    let (range, links) = match extension {
        "xlsx" | "xlsm" => {
            let mut book: Xlsx<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xlsx workbook", &e))?;
            let (name, range) = first_sheet(&mut book)?;
            (range, hyperlinks(&mut book, &name))
        }
        "xls" => {
            let mut book: Xls<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xls workbook", &e))?;
            (first_sheet(&mut book)?.1, Links::new())
        }
        "xlsb" => {
            let mut book: Xlsb<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xlsb workbook", &e))?;
            (first_sheet(&mut book)?.1, Links::new())
        }
        _ => {
            let mut book: Ods<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .ods spreadsheet", &e))?;
            (first_sheet(&mut book)?.1, Links::new())
        }
    };
    Ok(table(&range, &links))
}

fn open_reason(what: &str, error: &dyn std::fmt::Display) -> String {
    format!("not a readable {what} (damaged, truncated or another format): {error}")
}

/// The first sheet's name and cells.
fn first_sheet<R, RS>(book: &mut R) -> Result<(String, Range<Data>), String>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let name = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| "the workbook has no sheet".to_string())?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("the sheet {name:?} cannot be read: {e}"))?;
    Ok((name, range))
}

/// The sheet's hyperlink targets. A sheet whose hyperlinks cannot be read still imports, only
/// without MOA addresses: the cells themselves are what matters.
fn hyperlinks(book: &mut Xlsx<BufReader<File>>, sheet: &str) -> Links {
    let mut links = Links::new();
    let Ok(found) = book.hyperlinks_by_sheet_name(sheet) else {
        return links;
    };
    for link in found {
        let Some(target) = link.target else { continue };
        let ((top, left), (bottom, right)) = (link.range.start, link.range.end);
        // A link may span a range of cells; guard against absurd ranges.
        if u64::from(bottom.saturating_sub(top) + 1) * u64::from(right.saturating_sub(left) + 1)
            > 100_000
        {
            continue;
        }
        for row in top..=bottom {
            for col in left..=right {
                links.entry((row, col)).or_insert_with(|| target.clone());
            }
        }
    }
    links
}

/// Rows of cells with their Excel row numbers.
fn table(range: &Range<Data>, links: &Links) -> Vec<RawRow> {
    let Some((first_row, first_col)) = range.start() else {
        return Vec::new();
    };
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let row = first_row + i as u32;
            // Cells left of the range's first column are empty: keep column letters aligned.
            let mut out: Vec<RawCell> = (0..first_col)
                .map(|_| RawCell::plain(Cell::Empty))
                .collect();
            out.extend(cells.iter().enumerate().map(|(j, data)| RawCell {
                value: cell(data),
                link: links.get(&(row, first_col + j as u32)).cloned(),
                bad_bytes: None,
            }));
            RawRow {
                row: row as usize + 1,
                cells: out,
            }
        })
        .collect()
}

/// One calamine value as a [`Cell`].
fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => Cell::Text(text.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(n) => Cell::Number(*n),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => Cell::Date(serial_1900(dt)),
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(text) => Cell::IsoDate(text.clone()),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// The serial day number in the 1900 date system, whatever system the workbook uses.
fn serial_1900(dt: &ExcelDateTime) -> f64 {
    /// Days from 1899-12-30 to 1904-01-01, the 1904 system's day 0.
    const DAYS_1900_TO_1904: f64 = 1462.0;
    let value = dt.as_f64();
    // calamine keeps the workbook's date system private; a copy marked 1904 compares equal
    // only when the original is.
    if *dt == ExcelDateTime::new(value, ExcelDateTimeType::DateTime, true) {
        value + DAYS_1900_TO_1904
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_systems_become_1900_serials() {
        let d1900 = ExcelDateTime::new(45785.0, ExcelDateTimeType::DateTime, false);
        let d1904 = ExcelDateTime::new(44323.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell(&Data::DateTime(d1900)), Cell::Date(45785.0));
        assert_eq!(cell(&Data::DateTime(d1904)), Cell::Date(45785.0));
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell(&Data::DateTime(duration)), Cell::Number(1.5));
    }

    #[test]
    fn every_calamine_value_has_a_cell() {
        assert_eq!(cell(&Data::Int(45785)), Cell::Number(45785.0));
        assert_eq!(cell(&Data::Float(1.5)), Cell::Number(1.5));
        assert_eq!(cell(&Data::String("x".into())), Cell::Text("x".into()));
        assert_eq!(
            cell(&Data::DateTimeIso("2025-05-08".into())),
            Cell::IsoDate("2025-05-08".into())
        );
        assert_eq!(
            cell(&Data::Error(calamine::CellErrorType::NA)),
            Cell::Error("#N/A".into())
        );
        assert_eq!(cell(&Data::Empty), Cell::Empty);
        assert_eq!(cell(&Data::Bool(false)), Cell::Bool(false));
    }
}
