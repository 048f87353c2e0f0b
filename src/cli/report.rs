//! `g287 report`: a PDF or an HTML file, by the extension of `--out`.

use chrono::Months;
use std::io::Write;
use std::path::Path;

use super::{Exit, Failure};
use crate::domain::{AgencyId, parse_date};
use crate::registry::Location;
use crate::registry::{Registry, today};
use crate::report::{ReportError, ReportFormat};

/// Runs `g287 report`: the agency's report when one is given, else the program summary.
pub fn run(
    at: &Location,
    agency: Option<AgencyId>,
    since: Option<&str>,
    file: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    // The extension first: a name that says neither format is refused before the file system
    // or the registry is touched.
    ReportFormat::of(file).map_err(refused)?;
    if file.is_dir() {
        return Err(Failure::bad_input(format!(
            "--out {}: is a folder; give a file name",
            file.display()
        )));
    }
    if file.exists() && !force {
        return Err(refused(ReportError::Exists(file.to_path_buf())));
    }
    let today = today();
    let since = match since {
        Some(s) => match parse_date(s) {
            Some(d) if d <= today => d,
            Some(d) => {
                return Err(Failure::bad_input(format!(
                    "--since {d}: after today ({today}); give a day in the past"
                )));
            }
            None => {
                return Err(Failure::bad_input(format!(
                    "--since {s:?}: give a date as YYYY-MM-DD"
                )));
            }
        },
        None => today.checked_sub_months(Months::new(12)).unwrap_or(today),
    };
    let registry = Registry::open_at(at)?;
    let report = match agency {
        Some(id) => registry.agency_report(id, file, force)?,
        None => registry.summary_report(since, file, force)?,
    };
    writeln!(out, "{} written to {}", report.what, file.display()).map_err(Failure::output)?;
    if let Some(head) = report.head {
        writeln!(out, "{}", head.in_words()).map_err(Failure::output)?;
    }
    Ok(Exit::Done)
}

fn refused(e: ReportError) -> Failure {
    Failure::bad_input(e.to_string())
}
