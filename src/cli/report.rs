//! `g287 report`.

use chrono::Months;
use std::io::Write;
use std::path::Path;

use super::{Exit, Failure};
use crate::domain::{AgencyId, parse_date};
use crate::report::{ReportError, agency_report, summary_report, write};
use crate::store::{Store, today};

/// Runs `g287 report`: the agency's report when one is given, else the program summary.
pub fn run(
    data_dir: &Path,
    agency: Option<AgencyId>,
    since: Option<&str>,
    file: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
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
    let store = Store::open_in(data_dir)?;
    let (html, what) = match agency {
        Some(id) => {
            let report = store.agency_report(id, today)?;
            let name = report.detail.agency.details.name.clone();
            (
                agency_report(&report),
                format!("compliance report of {name}"),
            )
        }
        None => (
            summary_report(&store.dashboard(today, since)?),
            format!("program summary (changes since {since})"),
        ),
    };
    let head = store.chain_head()?;
    write(file, &html, force, head.as_ref()).map_err(refused)?;
    writeln!(out, "{what} written to {}", file.display()).map_err(Failure::output)?;
    if let Some(head) = head {
        writeln!(out, "{}", head.in_words()).map_err(Failure::output)?;
    }
    Ok(Exit::Done)
}

fn refused(e: ReportError) -> Failure {
    Failure::bad_input(e.to_string())
}
