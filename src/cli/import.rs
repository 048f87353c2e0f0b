//! `g287 import` and `g287 review`.

use std::io::Write;
use std::path::PathBuf;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::domain::parse_date;
use crate::import::ListKind;
use crate::registry::Location;
use crate::registry::{ImportSummary, ListOptions, Registry};

/// Runs `g287 import`: reads every file first; if any cannot be read, nothing at all is written.
pub fn run(
    at: &Location,
    files: &[PathBuf],
    list: Option<&str>,
    as_of: Option<&str>,
    dry_run: bool,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let kind = list
        .map(|l| {
            ListKind::parse(l).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--as {l:?}: give participating or pending; nothing was written"
                ))
            })
        })
        .transpose()?;
    let as_of = as_of
        .map(|d| {
            parse_date(d).ok_or_else(|| {
                Failure::bad_input(format!(
                    "--as-of {d:?}: give a date as YYYY-MM-DD; nothing was written"
                ))
            })
        })
        .transpose()?;
    let options = ListOptions {
        kind,
        as_of,
        dry_run,
    };
    let summary = Registry::open_at(at)?.import(files, options, &mut |_, _| {})?;
    match format {
        Format::Json => json(out, &summary).map_err(Failure::output)?,
        Format::Table => print_summary(out, &summary).map_err(Failure::output)?,
    }
    Ok(if summary.flagged > 0 {
        Exit::Flagged
    } else {
        Exit::Done
    })
}

fn print_summary(out: &mut dyn Write, s: &ImportSummary) -> std::io::Result<()> {
    for f in &s.files {
        let note = if f.already_imported {
            " (imported before: nothing changed)"
        } else {
            ""
        };
        writeln!(
            out,
            "{}: {} list of {}, {} rows{note}",
            f.file,
            f.kind.code(),
            f.as_of,
            f.rows
        )?;
    }
    writeln!(
        out,
        "{} rows, {} agreements: {} new, {} activated, {} made pending, {} delisted, {} dropped off the pending list, {} updated, {} unchanged; {} rows repeating an agreement; {} new agencies, {} matched, {} updated",
        s.rows,
        s.agreements,
        s.agreements_new,
        s.activated,
        s.made_pending,
        s.delisted,
        s.dropped_off,
        s.updated,
        s.unchanged,
        s.repeated_rows,
        s.agencies_new,
        s.agencies_matched,
        s.agencies_updated
    )?;
    if s.ori_linked + s.ori_in_review > 0 {
        writeln!(
            out,
            "national list: {} agencies linked to their ORI, {} waiting on the Review screen (g287 links)",
            s.ori_linked, s.ori_in_review
        )?;
    }
    for c in &s.conflicts {
        writeln!(out, "conflict: {c}")?;
    }
    if !s.problems.is_empty() {
        writeln!(
            out,
            "{} values flagged for review ({} rows not imported):",
            s.flagged, s.refused_rows
        )?;
        let rows: Vec<Vec<String>> = s
            .problems
            .iter()
            .map(|p| {
                vec![
                    p.file.clone(),
                    p.row.to_string(),
                    p.column.clone(),
                    format!("{:?}", p.value),
                    p.message.clone(),
                ]
            })
            .collect();
        table::write(out, &["FILE", "ROW", "COLUMN", "VALUE", "PROBLEM"], &rows)?;
    }
    if s.dry_run {
        writeln!(out, "dry run: nothing was written")?;
    }
    Ok(())
}

/// Runs `g287 review`.
pub fn review(at: &Location, format: Format, out: &mut dyn Write) -> Result<Exit, Failure> {
    let items = Registry::open_at(at)?.review()?;
    match format {
        Format::Json => json(out, &items).map_err(Failure::output)?,
        Format::Table => {
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    vec![
                        i.id.to_string(),
                        i.file.clone(),
                        i.row.to_string(),
                        i.column.clone(),
                        format!("{:?}", i.value),
                        i.agreement_id
                            .map(|a| a.to_string())
                            .unwrap_or_else(|| "-".into()),
                        i.message.clone(),
                    ]
                })
                .collect();
            table::write(
                out,
                &[
                    "ID",
                    "FILE",
                    "ROW",
                    "COLUMN",
                    "VALUE",
                    "AGREEMENT",
                    "PROBLEM",
                ],
                &rows,
            )
            .map_err(Failure::output)?;
            writeln!(out, "{} flagged values open", items.len()).map_err(Failure::output)?;
        }
    }
    Ok(Exit::Done)
}
