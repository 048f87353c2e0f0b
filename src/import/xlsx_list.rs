//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) through calamine: the first sheet's
//! cells with their row numbers, and for `.xlsx`/`.xlsm` each cell's hyperlink target.

use calamine::{Data, DataRef, Ods, Range, Reader, Xls, Xlsb, Xlsx, open_workbook};
use calamine::{Dimensions, ExcelDateTime, ExcelDateTimeType};
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::cells::{Cell, RawCell, RawRow};

/// Hyperlink targets by absolute (row, column), both 0-based.
type Links = HashMap<(u32, u32), String>;

/// The most a workbook's parts may hold once uncompressed, together: ICE's national list is
/// some 10 MB; a 6.8 MB zip bomb whose sheet was 1.09 GB imported after 32 s and 2.96 GB.
pub(crate) const MAX_UNCOMPRESSED_BYTES: u64 = 256 << 20;
/// The most rows a list may reach (ICE's national list has 32,000).
pub(crate) const MAX_ROWS: u32 = 200_000;
/// The most columns a list may reach (ICE writes 8, a g287 export 12).
pub(crate) const MAX_COLUMNS: u32 = 256;
/// The most characters in one cell: Excel's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// A cell position as Excel writes it (`XFD1048576`), from 0-based (row, column).
fn cell_name((row, col): (u32, u32)) -> String {
    format!(
        "{}{}",
        super::header::column_letter(col as usize),
        u64::from(row) + 1
    )
}

/// Refuses a sheet whose declared dimension reaches past the limits (a 1.7 KB workbook
/// declaring `XFD1048576` made the reader ask for 549,755,813,888 bytes).
fn check_declared(dimensions: Dimensions) -> Result<(), String> {
    let (rows, cols) = (dimensions.end.0, dimensions.end.1);
    if rows >= MAX_ROWS || cols >= MAX_COLUMNS {
        return Err(format!(
            "the sheet says it reaches cell {}, past what a list may hold ({MAX_ROWS} rows, \
             {MAX_COLUMNS} columns)",
            cell_name(dimensions.end)
        ));
    }
    Ok(())
}

/// Refuses a workbook whose parts would take more than [`MAX_UNCOMPRESSED_BYTES`] once
/// uncompressed, before any of them is read.
fn check_zip(path: &Path, limit: u64) -> Result<(), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut zip =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|e| open_reason("a workbook", &e))?;
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| open_reason("a workbook", &e))?;
        total = total.saturating_add(entry.size());
    }
    if total > limit {
        return Err(format!(
            "the workbook would take {} MB once uncompressed, more than the {} MB a list may",
            total >> 20,
            limit >> 20
        ));
    }
    Ok(())
}

/// Collects a sheet cell by cell from `next` (position and value), never holding more than
/// the cells that carry a value, and refusing any past the limits. Rows come out in order,
/// each padded with empty cells from column A.
fn collect_cells(
    mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>, String>,
    links: &Links,
) -> Result<Vec<RawRow>, String> {
    let mut rows: BTreeMap<u32, Vec<(u32, Data)>> = BTreeMap::new();
    while let Some((pos, data)) = next()? {
        if data == Data::Empty {
            continue;
        }
        if pos.0 >= MAX_ROWS || pos.1 >= MAX_COLUMNS {
            return Err(format!(
                "cell {} is past what a list may hold ({MAX_ROWS} rows, {MAX_COLUMNS} columns)",
                cell_name(pos)
            ));
        }
        if let Data::String(text) = &data
            && text.chars().count() > MAX_CELL_CHARS
        {
            return Err(format!(
                "cell {} holds {} characters, more than the {MAX_CELL_CHARS} a spreadsheet \
                 cell may",
                cell_name(pos),
                text.chars().count()
            ));
        }
        rows.entry(pos.0).or_default().push((pos.1, data));
    }
    Ok(rows
        .into_iter()
        .map(|(row, mut cells)| {
            cells.sort_by_key(|(col, _)| *col);
            let width = cells.last().map_or(0, |(col, _)| *col as usize + 1);
            let mut out: Vec<RawCell> = (0..width).map(|_| RawCell::plain(Cell::Empty)).collect();
            for (col, data) in cells {
                out[col as usize] = RawCell {
                    value: cell(&data),
                    link: links.get(&(row, col)).cloned(),
                    bad_bytes: None,
                };
            }
            RawRow {
                row: row as usize + 1,
                cells: out,
            }
        })
        .collect())
}

/// A streamed cell's position and owned value.
fn owned(cell: calamine::Cell<DataRef<'_>>) -> ((u32, u32), Data) {
    (cell.get_position(), Data::from(cell.get_value().clone()))
}

/// Reads the first sheet of the workbook at `path`, whose lower-case extension is `extension`.
/// Errors with the reason in words. A damaged file that makes the parser panic is reported as
/// damaged, not passed on as a panic.
pub(crate) fn read_workbook(path: &Path, extension: &str) -> Result<Vec<RawRow>, String> {
    catch_unwind(AssertUnwindSafe(|| read_any(path, extension))).unwrap_or_else(|_| {
        Err("the workbook is damaged: the spreadsheet reader could not make sense of it".into())
    })
}

/// Streams a sheet from calamine's cell reader (`Xlsx` and `Xlsb` have one each, of different
/// types with the same methods): its declared dimension checked, then [`collect_cells`].
macro_rules! stream {
    ($reader:expr, $name:expr, $links:expr) => {{
        let unreadable =
            |e: &dyn std::fmt::Display| format!("the sheet {:?} cannot be read: {e}", $name);
        let mut cells = $reader.map_err(|e| unreadable(&e))?;
        check_declared(cells.dimensions())?;
        collect_cells(
            || {
                cells
                    .next_cell()
                    .map(|c| c.map(owned))
                    .map_err(|e| unreadable(&e))
            },
            $links,
        )
    }};
}

fn read_any(path: &Path, extension: &str) -> Result<Vec<RawRow>, String> {
    let (range, links) = match extension {
        // Streamed cell by cell, within limits: these readers would otherwise build the whole
        // rectangle the sheet spans.
        "xlsx" | "xlsm" => {
            check_zip(path, MAX_UNCOMPRESSED_BYTES)?;
            let mut book: Xlsx<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xlsx workbook", &e))?;
            let name = first_sheet_name(&mut book)?;
            let links = hyperlinks(&mut book, &name);
            let cells = book.worksheet_cells_reader(&name);
            return stream!(cells, name, &links);
        }
        "xlsb" => {
            check_zip(path, MAX_UNCOMPRESSED_BYTES)?;
            let mut book: Xlsb<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xlsb workbook", &e))?;
            let name = first_sheet_name(&mut book)?;
            let cells = book.worksheet_cells_reader(&name);
            return stream!(cells, name, &Links::new());
        }
        "xls" => {
            let mut book: Xls<BufReader<File>> =
                open_workbook(path).map_err(|e| open_reason("an .xls workbook", &e))?;
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

/// The first sheet's name.
fn first_sheet_name<R, RS>(book: &mut R) -> Result<String, String>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    book.sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| "the workbook has no sheet".to_string())
}

/// The first sheet's name and cells.
fn first_sheet<R, RS>(book: &mut R) -> Result<(String, Range<Data>), String>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: std::fmt::Display,
{
    let name = first_sheet_name(book)?;
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

    /// A 6.8 MB zip bomb whose sheet was 1.09 GB imported after 32 s and 2.96 GB: the
    /// declared sizes of the parts are added up before anything is uncompressed.
    #[test]
    fn a_workbook_too_large_once_uncompressed_is_refused_before_reading() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        zip.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        zip.write_all(&vec![b' '; 3 << 20]).unwrap();
        zip.finish().unwrap();
        assert!(
            std::fs::metadata(&path).unwrap().len() < 64 << 10,
            "compressed small"
        );
        let err = check_zip(&path, 2 << 20).unwrap_err();
        assert!(
            err.contains("3 MB once uncompressed, more than the 2 MB"),
            "{err}"
        );
        check_zip(&path, 4 << 20).unwrap();
    }

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
