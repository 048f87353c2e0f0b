//! Reading ICE's published lists: the participating and the pending agencies.
//!
//! ICE publishes two spreadsheets (see the domain notes): the participating list, one row per
//! signed agreement with its `SIGNED` date and `MOA` link, and the pending list, one row per
//! requested agreement. Coordinators also resave them as CSV. [`read_list`] reads either, in
//! `.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`, `.csv` or `.txt`, into a [`ListFile`]: the rows
//! that can become agreements, and a [`Problem`] for every cell that could not be read, so that
//! nothing is ever dropped silently and nothing unreadable is guessed.
//!
//! The module is pure parsing: it knows nothing of the store or the window.
//!
//! - `cells`: one cell's value, whatever the format, and the cleaning rules all columns share;
//! - `xlsx_list` and `csv_list`: turning a file's bytes into rows of cells;
//! - `header`: finding the header row and the columns;
//! - `rows`: turning rows of cells into [`ListRow`]s and [`Problem`]s;
//! - `dates`: the `SIGNED` column; `file_name`: the date in ICE's file names;
//! - `safelinks`: unwrapping Outlook "safelinks" around MOA addresses.

mod cells;
mod csv_list;
mod dates;
mod file_name;
mod header;
pub mod national;
mod rows;
mod safelinks;
mod xlsx_list;

#[cfg(test)]
mod tests;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::domain::lists::{ListOrder, Published, captured_from_folder};
use crate::domain::{AgencyKind, Component, Model, Ori, State, Status};

pub use cells::Cell;
pub use dates::parse_signed;
pub use file_name::date_from_file_name;
pub(crate) use safelinks::percent_decode;
pub use safelinks::unwrap_safelink;

/// Which of ICE's two lists a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// Agencies with a signed agreement: has `SIGNED` and `MOA` columns.
    Participating,
    /// Agencies whose request is pending: no date, no status.
    Pending,
    /// g287's own export: ICE's columns plus `COMPONENT`, `STATUS`, `ORI` and `JAIL`. Each row
    /// keeps the status it was exported with; a row with no `SUPPORT TYPE` is an agency with no
    /// agreement. It is how a registry moves between machines, not a list of ICE's.
    Registry,
}

impl ListKind {
    /// Both kinds.
    pub const ALL: [ListKind; 3] = [
        ListKind::Participating,
        ListKind::Pending,
        ListKind::Registry,
    ];

    /// The code used by the CLI and in stored snapshots (`participating`, `pending`).
    pub fn code(self) -> &'static str {
        match self {
            ListKind::Participating => "participating",
            ListKind::Pending => "pending",
            ListKind::Registry => "registry",
        }
    }

    /// Reads a code in any case, ignoring surrounding spaces.
    pub fn parse(input: &str) -> Option<ListKind> {
        let wanted = input.trim().to_lowercase();
        ListKind::ALL.into_iter().find(|k| k.code() == wanted)
    }
}

impl fmt::Display for ListKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How the list's date (the day ICE published it) was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsOfSource {
    /// Given by the coordinator (the `as_of` argument, a CLI flag or a form field).
    Flag,
    /// Read from ICE's file name (`participatingAgencies07182025pm.xlsx`).
    FileName,
    /// Neither: the day of the import.
    Today,
}

impl AsOfSource {
    /// The code shown in summaries (`flag`, `file_name`, `today`).
    pub fn code(self) -> &'static str {
        match self {
            AsOfSource::Flag => "flag",
            AsOfSource::FileName => "file_name",
            AsOfSource::Today => "today",
        }
    }
}

/// One problem with one cell, for the review queue and the import summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    /// The file's name (its last path component), as in [`ListFile::name`].
    pub file: String,
    /// The row number the user sees in Excel (1-based, the header and any title lines
    /// counted; for CSV, the line's row once opened in Excel).
    pub row: usize,
    /// The column's header name as ICE writes it (`SIGNED`, `MOA`, ...).
    pub column: String,
    /// The cell's raw value, as written.
    pub value: String,
    /// What is wrong, in words a coordinator understands.
    pub message: String,
    /// `true`: the row was imported with this value left empty; `false`: the row was not
    /// imported at all (it cannot become an agreement).
    pub kept: bool,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} row {}, {} {:?}: {} ({})",
            self.file,
            self.row,
            self.column,
            self.value,
            self.message,
            if self.kept {
                "row imported, value left empty"
            } else {
                "row not imported"
            }
        )
    }
}

/// The `MOA` cell of a participating list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoaCell {
    /// `link` (the MOA's PDF is posted) gives `true`; `link pending` (signed, not posted yet)
    /// gives `false`.
    pub posted: bool,
    /// The cell's hyperlink target, Outlook safelinks unwrapped to the real address. CSV files
    /// and `.xls` workbooks carry no hyperlinks, so it is `None` there.
    pub url: Option<String>,
}

/// One row of a list: one agreement (agency and model) of one agency.
#[derive(Debug, Clone, PartialEq)]
pub struct ListRow {
    /// The row number the user sees in Excel (see [`Problem::row`]).
    pub row: usize,
    /// `STATE`, read from its full name.
    pub state: State,
    /// `LAW ENFORCEMENT AGENCY`, cleaned of stray spaces (see
    /// [`clean_name`](crate::domain::agency::clean_name)).
    pub agency: String,
    /// `TYPE`; `None` when empty or unreadable (the latter with a [`Problem`]).
    pub kind: Option<AgencyKind>,
    /// `COUNTY`, cleaned; `None` when empty, `#N/A` or `N/A`.
    pub county: Option<String>,
    /// `SUPPORT TYPE`; `None` only on a [`ListKind::Registry`] row of an agency with no
    /// agreement.
    pub model: Option<Model>,
    /// `SIGNED`; `None` on pending lists and when the cell is empty or unreadable.
    pub signed: Option<NaiveDate>,
    /// The raw `SIGNED` value when it could not be read as a plausible date (never guessed),
    /// else `None`.
    pub signed_raw: Option<String>,
    /// `MOA`; `None` when empty, unreadable or absent.
    pub moa: Option<MoaCell>,
    /// `ADDENDUM`: the addendum's address when the cell is a hyperlink (safelinks unwrapped),
    /// else the cell's cleaned text. Older lists wrote `link | addendum` in the `MOA` cell
    /// instead; such a row gets the text `addendum` here. `None` when there is none.
    pub addendum: Option<String>,
    /// g287 exports: the facts ICE's lists do not carry.
    pub registry: Option<RegistryFacts>,
}

impl ListRow {
    /// The columns in which `row`, naming the same agreement as this row on one list, differs
    /// from it: (column as ICE names it, this row's value, `row`'s value), so that a repeated
    /// row's difference is flagged rather than lost.
    pub fn differences(&self, row: &ListRow) -> Vec<(&'static str, String, String)> {
        let first = self;
        let text = |v: Option<String>| v.unwrap_or_default();
        let moa = |r: &ListRow| {
            r.moa.as_ref().map(|m| {
                let word = if m.posted { "link" } else { "link pending" };
                match &m.url {
                    Some(url) => format!("{word} ({url})"),
                    None => word.to_string(),
                }
            })
        };
        let candidates = [
            (
                header::AGENCY,
                Some(first.agency.clone()),
                Some(row.agency.clone()),
            ),
            (
                header::TYPE,
                first.kind.map(|k| k.label().to_string()),
                row.kind.map(|k| k.label().to_string()),
            ),
            (header::COUNTY, first.county.clone(), row.county.clone()),
            (
                header::SIGNED,
                first
                    .signed
                    .map(|d| d.to_string())
                    .or(first.signed_raw.clone()),
                row.signed.map(|d| d.to_string()).or(row.signed_raw.clone()),
            ),
            (header::MOA, moa(first), moa(row)),
            (
                header::ADDENDUM,
                first.addendum.clone(),
                row.addendum.clone(),
            ),
        ];
        candidates
            .into_iter()
            .filter(|(_, a, b)| a != b)
            .map(|(column, a, b)| (column, text(a), text(b)))
            .collect()
    }
}

/// What a g287 export adds to ICE's columns for a row.
#[derive(Debug, Clone, PartialEq)]
pub struct RegistryFacts {
    /// `COMPONENT`: ICE or CBP.
    pub component: Component,
    /// `STATUS` as exported; `None` on an agency-only row.
    pub status: Option<Status>,
    /// `ORI`, validated for the row's state; `None` when empty or invalid (then flagged).
    pub ori: Option<Ori>,
    /// `JAIL`: yes, no, or unknown.
    pub has_jail: Option<bool>,
}

/// A whole list file, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ListFile {
    /// The path as given.
    pub path: PathBuf,
    /// The file's name (last path component).
    pub name: String,
    /// Participating or pending.
    pub kind: ListKind,
    /// The day the list was published (see [`AsOfSource`]).
    pub as_of: NaiveDate,
    /// How `as_of` was found.
    pub as_of_source: AsOfSource,
    /// ICE's file name says `pm`: a second list published the same day, in the afternoon.
    pub afternoon: bool,
    /// When the file was captured from ICE's page, read from the folder it is in
    /// (`sheets_YYYYMMDD_HHMMSS`); it orders two different files published under one name.
    pub captured: Option<NaiveDateTime>,
    /// The rows that can become agreements, in file order.
    pub rows: Vec<ListRow>,
    /// Every cell that could not be read, in file order.
    pub problems: Vec<Problem>,
}

impl ListFile {
    /// Where the list stands in ICE's series; `None` for a g287 export, which states its own
    /// statuses.
    pub fn order(&self) -> Option<ListOrder> {
        let kind = match self.kind {
            ListKind::Participating => Published::Participating,
            ListKind::Pending => Published::Pending,
            ListKind::Registry => return None,
        };
        Some(ListOrder {
            as_of: self.as_of,
            afternoon: self.afternoon,
            captured: self.captured,
            kind,
        })
    }

    /// How many rows were refused (not imported): the distinct rows of the problems with
    /// `kept == false`.
    pub fn refused_rows(&self) -> usize {
        let mut rows: Vec<usize> = self
            .problems
            .iter()
            .filter(|p| !p.kept)
            .map(|p| p.row)
            .collect();
        rows.sort_unstable();
        rows.dedup();
        rows.len()
    }
}

/// Why a file cannot be imported at all (the CLI exits with code 2). The message names the file
/// and says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or decoded: missing, a folder, empty, damaged.
    #[error("{file}: cannot be read: {reason}")]
    Unreadable {
        /// The path as given.
        file: String,
        /// What went wrong.
        reason: String,
    },
    /// The file was read but is not one of ICE's lists: no recognisable header row, or a
    /// required column missing (named in `reason`).
    #[error("{file}: not an ICE list: {reason}")]
    NotAList {
        /// The path as given.
        file: String,
        /// What is missing or contradictory.
        reason: String,
    },
    /// The file's extension is not a spreadsheet format the app reads.
    #[error(
        "{file}: cannot read {extension:?} files; ICE's lists are Excel workbooks \
         (.xlsx, .xlsm, .xls) or CSV/text files saved from them (.csv, .txt)"
    )]
    UnsupportedFormat {
        /// The path as given.
        file: String,
        /// The extension found (empty when the name has none).
        extension: String,
    },
}

/// The largest file [`read_list`] reads. A CSV is read whole, so this bounds its memory; a 4 GB
/// sparse CSV took 4.2 GB before it was refused.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// The formats [`read_list`] knows, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Workbook,
    Text,
}

fn format_of(extension: &str) -> Option<Format> {
    match extension {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(Format::Workbook),
        "csv" | "txt" => Some(Format::Text),
        _ => None,
    }
}

/// Reads one of ICE's lists.
///
/// - `kind`: the list's kind if the coordinator said it; else a file with a `SIGNED` column is a
///   participating list and one without is a pending list. A stated kind that contradicts the
///   columns is refused.
/// - `as_of`: the list's date if the coordinator gave it; else the date in ICE's file name
///   (see [`date_from_file_name`]); else `today`.
/// - `today`: the day of the import, also the bound of plausible signed dates (up to next year).
///
/// Cells that cannot be read become [`Problem`]s; the whole file is refused only when it cannot
/// be read or is not a list ([`ReadError`]). Never panics on any input.
pub fn read_list(
    path: &Path,
    kind: Option<ListKind>,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<ListFile, ReadError> {
    let shown = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| shown.clone());
    let unreadable = |reason: String| ReadError::Unreadable {
        file: shown.clone(),
        reason,
    };
    let not_a_list = |reason: String| ReadError::NotAList {
        file: shown.clone(),
        reason,
    };

    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let Some(format) = format_of(&extension) else {
        return Err(ReadError::UnsupportedFormat {
            file: shown,
            extension: extension.clone(),
        });
    };
    let meta = std::fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("it is a folder, not a file".into()));
    }
    if !meta.is_file() {
        // A FIFO or a device would block the read or never end.
        return Err(unreadable(
            "it is not a regular file (a pipe, device or socket)".into(),
        ));
    }
    if meta.len() == 0 {
        return Err(unreadable("the file is empty (0 bytes)".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(unreadable(format!(
            "the file is {} MB, more than the {} MB a list may be (ICE's national list is \
             under 10 MB)",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }

    let mut table = match format {
        Format::Workbook => xlsx_list::read_workbook(path, &extension),
        Format::Text => std::fs::read(path)
            .map_err(|e| io_reason(&e))
            .and_then(|bytes| csv_list::read_text(&bytes)),
    }
    .map_err(unreadable)?;

    let (header_at, columns) = header::find_header(&table).map_err(not_a_list)?;
    let registry_columns = columns.status.is_some() && columns.component.is_some();
    let kind = match (kind, columns.signed.is_some()) {
        (None, _) if registry_columns => ListKind::Registry,
        (Some(ListKind::Registry), _) if registry_columns => ListKind::Registry,
        (Some(ListKind::Registry), _) => {
            return Err(not_a_list(
                "it was given as a g287 export, but it lacks the STATUS and COMPONENT columns"
                    .into(),
            ));
        }
        (None, true) => ListKind::Participating,
        (None, false) => ListKind::Pending,
        (Some(ListKind::Participating), true) => ListKind::Participating,
        (Some(ListKind::Pending), false) => ListKind::Pending,
        (Some(ListKind::Participating), false) => {
            return Err(not_a_list(
                "it was given as a participating list, but it has no SIGNED column \
                 (is it a pending list?)"
                    .into(),
            ));
        }
        (Some(ListKind::Pending), true) => {
            return Err(not_a_list(
                "it was given as a pending list, but it has a SIGNED column \
                 (is it a participating list?)"
                    .into(),
            ));
        }
    };

    let from_name = date_from_file_name(&name);
    let (as_of, as_of_source) = match (as_of, from_name) {
        (Some(date), _) => (date, AsOfSource::Flag),
        (None, Some((date, _))) => (date, AsOfSource::FileName),
        (None, None) => (today, AsOfSource::Today),
    };
    let afternoon = from_name.is_some_and(|(_, pm)| pm);
    let captured = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|folder| captured_from_folder(&folder.to_string_lossy()));

    let mut data = table.split_off(header_at + 1);
    if kind == ListKind::Registry {
        // g287's own export neutralised formulas; undo it, so the round trip is exact.
        for cell in data.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            if let Cell::Text(text) = &mut cell.value {
                let restored = crate::export::restore_neutralised(text);
                if restored.len() != text.len() {
                    *text = restored.to_string();
                }
            }
        }
    }
    let (rows, problems) = rows::read_rows(&name, &data, &columns, kind, today);
    Ok(ListFile {
        path: path.to_path_buf(),
        name,
        kind,
        as_of,
        as_of_source,
        afternoon,
        captured,
        rows,
        problems,
    })
}

/// An I/O error in words, without the OS error number.
fn io_reason(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => error.to_string(),
    }
}
