//! `g287 agencies-reference`, `g287 links` and `g287 link`: the national list of law
//! enforcement agencies and the links of the registry's agencies to it.

use serde::Serialize;
use std::io::Write;
use std::path::Path;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::domain::{AgencyId, Ori};
use crate::registry::Location;
use crate::registry::Registry;

/// Runs `g287 agencies-reference FILE`.
pub fn refresh(at: &Location, file: &Path, out: &mut dyn Write) -> Result<Exit, Failure> {
    let registry = Registry::open_at(at)?;
    let r = registry.load_national_list(file)?;
    let io = Failure::output;
    writeln!(
        out,
        "{}: {} agencies read ({} new, {} changed, {} no longer listed); SHA-256 {}",
        file.display(),
        r.load.agencies,
        r.load.added,
        r.load.changed,
        r.load.removed,
        r.load.sha256
    )
    .map_err(io)?;
    writeln!(
        out,
        "{} agencies linked to their ORI; {} waiting on the Review screen (g287 links)",
        r.links.linked, r.links.in_review
    )
    .map_err(io)?;
    for problem in &r.problems {
        writeln!(out, "{problem}").map_err(io)?;
    }
    Ok(Exit::Done)
}

/// One agency in review, as `g287 links --format json` writes it.
#[derive(Serialize)]
struct InReview<'a> {
    agency_id: AgencyId,
    state: &'a str,
    name: &'a str,
    county: Option<&'a str>,
    reason: &'a str,
    candidates: Vec<CandidateOut<'a>>,
}

#[derive(Serialize)]
struct CandidateOut<'a> {
    ori: &'a str,
    name: &'a str,
    kind: &'a str,
    county: Option<&'a str>,
    why: &'a str,
}

/// Runs `g287 links`.
pub fn in_review(at: &Location, format: Format, out: &mut dyn Write) -> Result<Exit, Failure> {
    let items = Registry::open_at(at)?.links_in_review(usize::MAX)?;
    let rows: Vec<InReview<'_>> = items
        .iter()
        .map(|i| InReview {
            agency_id: i.agency.id,
            state: i.agency.details.state.code(),
            name: &i.agency.details.name,
            county: i.agency.details.county.as_deref(),
            reason: &i.reason,
            candidates: i
                .candidates
                .iter()
                .map(|(c, row)| CandidateOut {
                    ori: row.ori.as_str(),
                    name: &row.name,
                    kind: row.kind.label(),
                    county: row.county.as_deref(),
                    why: &c.why,
                })
                .collect(),
        })
        .collect();
    match format {
        Format::Json => json(out, &rows).map_err(Failure::output)?,
        Format::Table => {
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.agency_id.to_string(),
                        r.state.to_string(),
                        r.name.to_string(),
                        r.reason.to_string(),
                        r.candidates
                            .iter()
                            .take(3)
                            .map(|c| format!("{} {}", c.ori, c.name))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ]
                })
                .collect();
            table::write(
                out,
                &["ID", "STATE", "AGENCY", "WHY", "CANDIDATES (BEST FIRST)"],
                &lines,
            )
            .map_err(Failure::output)?;
            writeln!(out, "{} agencies wait for a coordinator's link", rows.len())
                .map_err(Failure::output)?;
        }
    }
    Ok(Exit::Done)
}

/// Runs `g287 link`.
pub fn decide(
    at: &Location,
    agency: AgencyId,
    ori: Option<String>,
    none: bool,
    undo: bool,
    reason: Option<String>,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let registry = Registry::open_at(at)?;
    let io = Failure::output;
    if undo {
        registry.undo_link(agency)?;
        writeln!(
            out,
            "agency {agency}: link undone; it waits on the Review screen"
        )
        .map_err(io)?;
        return Ok(Exit::Done);
    }
    let reason = reason.unwrap_or_default();
    if none {
        registry.confirm_link(agency, None, &reason)?;
        writeln!(
            out,
            "agency {agency}: recorded as having no ORI in the national list"
        )
        .map_err(io)?;
        return Ok(Exit::Done);
    }
    let Some(ori) = ori else {
        return Err(Failure::bad_input(
            "give --ori ORI, --none --reason \"...\", or --undo".to_string(),
        ));
    };
    let state = registry.agency(agency)?.agency.details.state;
    let ori = Ori::parse(&ori, state).map_err(|e| Failure::bad_input(e.to_string()))?;
    registry.confirm_link(agency, Some(&ori), &reason)?;
    writeln!(out, "agency {agency}: linked to ORI {ori} (confirmed)").map_err(io)?;
    Ok(Exit::Done)
}
