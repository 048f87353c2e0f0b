//! Writing the registry out: CSV and xlsx in ICE's column layout plus g287's own columns (so a
//! CSV written here imports back), and JSON for scripts.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a
//! formula; every text cell written here that starts so is prefixed with `'` (see
//! [`neutralise`]), since agency names and notes come from outside.

use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

use crate::domain::AgreementId;
use crate::store::agencies::{AgencyOverview, AgreementOverview};
use crate::store::{Backend, ChainHead, StoreError};

/// The export's columns: ICE's, then g287's.
pub const COLUMNS: [&str; 17] = [
    "STATE",
    "LAW ENFORCEMENT AGENCY",
    "TYPE",
    "COUNTY",
    "SUPPORT TYPE",
    "SIGNED",
    "MOA",
    "ADDENDUM",
    "COMPONENT",
    "STATUS",
    "ORI",
    "JAIL",
    "AGENCY ID",
    "AGREEMENT ID",
    "LATEST DECISION",
    "DECISION DATE",
    "REQUIREMENTS NOT MET",
];

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Comma-separated, UTF-8 with BOM (so Excel reads accents), CRLF.
    #[default]
    Csv,
    /// An Excel workbook.
    Xlsx,
    /// JSON: agencies with their agreements.
    Json,
}

impl ExportFormat {
    /// Every format, in the order a menu offers them.
    pub const ALL: [ExportFormat; 3] = [ExportFormat::Csv, ExportFormat::Xlsx, ExportFormat::Json];

    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Json => "json",
        }
    }

    /// Reads `csv`, `xlsx` or `json`.
    pub fn parse(input: &str) -> Option<ExportFormat> {
        match input.trim().to_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "json" => Some(ExportFormat::Json),
            _ => None,
        }
    }
}

impl std::fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ExportFormat::Csv => "CSV (comma-separated, opens in Excel)",
            ExportFormat::Xlsx => "Excel workbook (.xlsx)",
            ExportFormat::Json => "JSON (agencies with their agreements)",
        })
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// Rows written (CSV, xlsx: one per agreement, one per agency without any) or agencies
    /// (JSON).
    pub written: usize,
    /// The agencies exported.
    pub agencies: usize,
    /// The audit chain's end the export carries (`None` for an empty history).
    pub head: Option<ChainHead>,
}

impl Exported {
    /// "1234 rows of 800 agencies to FILE" (CSV, xlsx) or "800 agencies to FILE" (JSON), as the
    /// CLI and the window say what was exported.
    pub fn describe(&self, format: ExportFormat, path: &Path) -> String {
        let count =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let agencies = count(self.agencies, "agency", "agencies");
        match format {
            ExportFormat::Json => format!("{agencies} to {}", path.display()),
            ExportFormat::Csv | ExportFormat::Xlsx => format!(
                "{} of {agencies} to {}",
                count(self.written, "row", "rows"),
                path.display()
            ),
        }
    }
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The registry could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file could not be written (the message names it).
    #[error("{0}")]
    Write(String),
}

/// Exports the registry's agencies that `keep` keeps, with each agreement's unmet requirements
/// as of `today` (checked now, against the catalogue in force).
pub fn export_registry(
    store: &impl Backend,
    format: ExportFormat,
    path: &Path,
    today: chrono::NaiveDate,
    keep: impl Fn(&AgencyOverview) -> bool,
) -> Result<Exported, ExportError> {
    let agencies: Vec<AgencyOverview> = store.overview()?.into_iter().filter(|a| keep(a)).collect();
    let unmet: HashMap<AgreementId, usize> = store
        .check(None, today)?
        .iter()
        .map(|c| (c.agreement, c.tally().not_met))
        .collect();
    let head = store.chain_head()?;
    let written =
        write(format, path, &agencies, &unmet, head.as_ref()).map_err(ExportError::Write)?;
    Ok(Exported {
        written,
        agencies: agencies.len(),
        head,
    })
}

/// Makes a text cell inert in spreadsheets: a cell that a spreadsheet could read as a formula
/// gets a `'` in front ([`reads_as_formula`]). [`restore_neutralised`] undoes it exactly.
pub fn neutralise(cell: &str) -> String {
    if reads_as_formula(cell) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Whether a spreadsheet could take `cell` for a formula: past any leading apostrophes, spaces
/// and invisible format characters (a zero-width space), it starts with `=`, `+`, `-`, `@`, a
/// tab or CR, or their full-width (`＝`, `＋`, `－`, `＠`) or small (`﹦`, `﹢`, `﹣`, `﹫`) forms,
/// which spreadsheets in East Asian locales read as the same. The apostrophes count so that
/// neutralising is undone exactly, whatever the cell held.
pub fn reads_as_formula(cell: &str) -> bool {
    cell.trim_start_matches('\'')
        .chars()
        .find(|c| !(*c == ' ' || crate::domain::agency::is_format_char(*c)))
        .is_some_and(|c| {
            matches!(
                c,
                '=' | '+'
                    | '-'
                    | '@'
                    | '\t'
                    | '\r'
                    | '\u{FF1D}'
                    | '\u{FF0B}'
                    | '\u{FF0D}'
                    | '\u{FF20}'
                    | '\u{FE66}'
                    | '\u{FE62}'
                    | '\u{FE63}'
                    | '\u{FE6B}'
            )
        })
}

/// A cell of a g287 export as it was before [`neutralise`]: the registry's own round trip gives
/// the same registry back (an export re-imported made 8 duplicate agencies such as "'=1+1").
pub fn restore_neutralised(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if reads_as_formula(rest) => rest,
        _ => cell,
    }
}

/// The MOA cell of an export: the MOA's address, which is what a coordinator opens, never the
/// word "link" ICE's spreadsheets show over it (a CSV has no hyperlinks, so the word alone lost
/// the address). A pending MOA with an address is "link pending ADDRESS"; with no address known
/// the posting status alone is left ("link", "link pending"). The importer reads every form back.
pub fn moa_cell(agreement: &crate::domain::Agreement) -> String {
    use crate::domain::MoaPosting;
    match (agreement.moa, agreement.moa_url.as_deref()) {
        (Some(MoaPosting::Pending), Some(url)) => format!("link pending {url}"),
        (_, Some(url)) => url.to_string(),
        (Some(MoaPosting::Posted), None) => "link".to_string(),
        (Some(MoaPosting::Pending), None) => "link pending".to_string(),
        (None, None) => String::new(),
    }
}

/// The rows of a CSV or xlsx export: one per agreement, and one for an agency with none.
pub fn rows(agencies: &[AgencyOverview], unmet: &HashMap<AgreementId, usize>) -> Vec<[String; 17]> {
    let mut out = Vec::new();
    for a in agencies {
        let d = &a.agency.details;
        let agency_cells = |g: Option<&AgreementOverview>| -> [String; 17] {
            let agreement = g.map(|g| &g.agreement);
            let decision = g.and_then(|g| g.latest_decision.as_ref());
            [
                d.state.name().to_string(),
                d.name.clone(),
                d.kind.label().to_string(),
                d.county.clone().unwrap_or_default(),
                agreement
                    .map(|g| g.model.label().to_string())
                    .unwrap_or_default(),
                agreement
                    .and_then(|g| g.signed_on)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                agreement.map(moa_cell).unwrap_or_default(),
                g.and_then(|g| g.addendum.clone()).unwrap_or_default(),
                agreement
                    .map(|g| g.component.to_string())
                    .unwrap_or_default(),
                agreement
                    .map(|g| g.status.code().to_string())
                    .unwrap_or_default(),
                d.ori.as_ref().map(|o| o.to_string()).unwrap_or_default(),
                match d.has_jail {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => String::new(),
                },
                a.agency.id.to_string(),
                agreement.map(|g| g.id.to_string()).unwrap_or_default(),
                decision.map(|x| x.outcome.clone()).unwrap_or_default(),
                decision.map(|x| x.decided_on.clone()).unwrap_or_default(),
                agreement
                    .and_then(|g| unmet.get(&g.id))
                    .map(|n| n.to_string())
                    .unwrap_or_default(),
            ]
            .map(|c| neutralise(&c))
        };
        if a.agreements.is_empty() {
            out.push(agency_cells(None));
        }
        for g in &a.agreements {
            out.push(agency_cells(Some(g)));
        }
    }
    out
}

/// A JSON export: the chain head it anchors, and the agencies.
#[derive(Debug, Serialize)]
struct JsonExport<'a> {
    chain_head: Option<&'a ChainHead>,
    agencies: &'a [JsonAgency<'a>],
}

/// One agency in a JSON export.
#[derive(Debug, Serialize)]
struct JsonAgency<'a> {
    #[serde(flatten)]
    agency: &'a AgencyOverview,
    /// By agreement id, in order: the same registry exports the same bytes.
    unmet_requirements: std::collections::BTreeMap<AgreementId, usize>,
}

/// Writes the export to `path`. Returns the number of rows (CSV, xlsx) or agencies (JSON).
///
/// `head`, the audit chain's end, anchors the history outside the database: the CSV's last
/// line, a second sheet of the workbook, the JSON's `chain_head`.
pub fn write(
    format: ExportFormat,
    path: &Path,
    agencies: &[AgencyOverview],
    unmet: &HashMap<AgreementId, usize>,
    head: Option<&ChainHead>,
) -> Result<usize, String> {
    let fail = |e: String| format!("{}: cannot write the export: {e}", path.display());
    match format {
        ExportFormat::Json => {
            let items: Vec<JsonAgency<'_>> = agencies
                .iter()
                .map(|a| JsonAgency {
                    agency: a,
                    unmet_requirements: a
                        .agreements
                        .iter()
                        .filter_map(|g| unmet.get(&g.agreement.id).map(|n| (g.agreement.id, *n)))
                        .collect(),
                })
                .collect();
            let document = JsonExport {
                chain_head: head,
                agencies: &items,
            };
            let text = serde_json::to_string_pretty(&document).map_err(|e| fail(e.to_string()))?;
            write_atomically(path, text.as_bytes()).map_err(fail)?;
            Ok(items.len())
        }
        ExportFormat::Csv => {
            let rows = rows(agencies, unmet);
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .flexible(true)
                .from_writer(vec![0xEF, 0xBB, 0xBF]);
            w.write_record(COLUMNS).map_err(|e| fail(e.to_string()))?;
            for r in &rows {
                w.write_record(r).map_err(|e| fail(e.to_string()))?;
            }
            if let Some(head) = head {
                // One cell on a line of its own, which a registry import passes over.
                w.write_record([head.in_words()])
                    .map_err(|e| fail(e.to_string()))?;
            }
            let bytes = w.into_inner().map_err(|e| fail(e.to_string()))?;
            write_atomically(path, &bytes).map_err(fail)?;
            Ok(rows.len())
        }
        ExportFormat::Xlsx => {
            let rows = rows(agencies, unmet);
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet
                .set_name("g287 export")
                .map_err(|e| fail(e.to_string()))?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (c, h) in COLUMNS.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(|e| fail(e.to_string()))?;
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    sheet
                        .write_string(r as u32 + 1, c as u16, cell)
                        .map_err(|e| fail(e.to_string()))?;
                }
            }
            if let Some(head) = head {
                let anchor = book.add_worksheet();
                anchor
                    .set_name("g287 chain head")
                    .and_then(|sheet| sheet.write_string(0, 0, head.in_words()))
                    .map_err(|e| fail(e.to_string()))?;
            }
            let bytes = book.save_to_buffer().map_err(|e| fail(e.to_string()))?;
            write_atomically(path, &bytes).map_err(fail)?;
            Ok(rows.len())
        }
    }
}

/// Writes through a temporary file renamed over `path` when complete ([`crate::files`]): an
/// export interrupted half way never leaves a truncated file under the real name, nor a
/// temporary one, and a link or pipe at `path` is refused.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::files::write_private(path, bytes, true).map_err(|e| match e {
        crate::files::WriteError::Io { reason, .. } => reason,
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_described_in_rows_or_agencies_by_its_format() {
        let e = Exported {
            written: 27_064,
            agencies: 18_000,
            head: None,
        };
        let file = Path::new("/tmp/r");
        assert_eq!(
            e.describe(ExportFormat::Csv, file),
            "27064 rows of 18000 agencies to /tmp/r"
        );
        assert_eq!(
            e.describe(ExportFormat::Json, file),
            "18000 agencies to /tmp/r"
        );
        assert_eq!(
            ExportFormat::ALL.map(ExportFormat::extension),
            ["csv", "xlsx", "json"]
        );
    }

    #[test]
    fn formula_starts_are_neutralised() {
        for bad in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert!(neutralise(bad).starts_with('\''), "{bad:?}");
        }
        assert_eq!(neutralise("Polk County"), "Polk County");
        assert_eq!(neutralise("2025-05-08"), "2025-05-08");
    }

    /// Full-width "＝" and "＋", small "﹦", and "=" after a zero-width space were missed.
    #[test]
    fn look_alike_formula_starts_are_neutralised_and_restored_exactly() {
        for cell in [
            "\u{FF1D}1+1",
            "\u{FF0B}1",
            "\u{FE66}1",
            "\u{200B}=1+1",
            " =1",
            "'=1",
            "''+x",
        ] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
            assert_eq!(restore_neutralised(&neutralise(cell)), cell, "{cell:?}");
        }
        for cell in ["'plain", "Polk", "", "'", "O'Brien"] {
            assert_eq!(neutralise(cell), cell);
            assert_eq!(restore_neutralised(cell), cell, "{cell:?}");
        }
    }
}
