//! `g287 catalogue`: the requirement catalogue in force, or any version kept, with each
//! requirement's threshold in words.

use serde::Serialize;
use std::io::Write;
use std::path::Path;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::domain::catalogue::Term;
use crate::domain::{Catalogue, Phase, Requirement};
use crate::store::Store;

/// The JSON shape: the catalogue with the version in force beside it, so a script can tell an
/// older version from the current one.
#[derive(Debug, Serialize)]
struct Listing<'a> {
    version: u32,
    in_force: u32,
    requirements: Vec<Entry<'a>>,
    terms: &'a [Term],
}

#[derive(Debug, Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    requirement: &'a Requirement,
    threshold: Option<String>,
}

/// Runs `g287 catalogue [--version N]`.
pub fn run(
    data_dir: &Path,
    version: Option<u32>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let io = Failure::output;
    let store = Store::open_in(data_dir)?;
    let in_force = store.catalogue()?;
    let catalogue = match version {
        None => in_force.clone(),
        Some(v) => store
            .catalogue_at(v)?
            .ok_or_else(|| not_kept(v, in_force.version))?,
    };
    match format {
        Format::Json => json(
            out,
            &Listing {
                version: catalogue.version,
                in_force: in_force.version,
                requirements: catalogue
                    .requirements
                    .iter()
                    .map(|r| Entry {
                        requirement: r,
                        threshold: r.rule.in_words(),
                    })
                    .collect(),
                terms: &catalogue.terms,
            },
        )
        .map_err(io)?,
        Format::Table => write_table(out, &catalogue, in_force.version).map_err(io)?,
    }
    Ok(Exit::Done)
}

/// Why `--version v` has nothing to show.
fn not_kept(v: u32, in_force: u32) -> Failure {
    if v == 0 || v > in_force {
        Failure::bad_input(format!(
            "--version {v}: the catalogue has versions 1 to {in_force}"
        ))
    } else {
        Failure::bad_input(format!(
            "--version {v}: its text was not kept (it dates from before g287 kept a copy of every catalogue version, database schema 2); `g287 history` lists the changes made to it"
        ))
    }
}

fn write_table(out: &mut dyn Write, c: &Catalogue, in_force: u32) -> std::io::Result<()> {
    let rows: Vec<Vec<String>> = c
        .requirements
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.level.to_string().to_lowercase(),
                match r.phase {
                    Phase::Request => "request",
                    Phase::Operation => "operation",
                }
                .into(),
                r.models
                    .iter()
                    .map(|m| m.short())
                    .collect::<Vec<_>>()
                    .join(","),
                r.rule.in_words().unwrap_or_else(|| "—".into()),
                if r.enabled { "in force" } else { "retired" }.into(),
                r.title.to_string(),
            ]
        })
        .collect();
    table::write(
        out,
        &[
            "ID",
            "LEVEL",
            "DUE",
            "MODELS",
            "THRESHOLD",
            "STATE",
            "TITLE",
        ],
        &rows,
    )?;
    let retired = c.requirements.iter().filter(|r| !r.enabled).count();
    let which = if c.version == in_force {
        "in force".to_string()
    } else {
        format!("version {in_force} is in force")
    };
    writeln!(
        out,
        "catalogue version {} ({which}): {} requirements, {retired} retired",
        c.version,
        c.requirements.len()
    )?;
    if c.terms.is_empty() {
        return writeln!(out, "no MOA terms kept with this version");
    }
    writeln!(out)?;
    let rows: Vec<Vec<String>> = c
        .terms
        .iter()
        .map(|t| {
            vec![
                t.id.to_string(),
                t.deadline.code().to_string(),
                t.models
                    .iter()
                    .map(|m| m.short())
                    .collect::<Vec<_>>()
                    .join(","),
                format!("{}{}", t.period, if t.before { " before" } else { "" }),
                if t.binding { "deadline" } else { "advisory" }.into(),
                t.wording.to_string(),
                t.source.to_string(),
            ]
        })
        .collect();
    table::write(
        out,
        &[
            "TERM",
            "SETS",
            "MODELS",
            "PERIOD",
            "KIND",
            "MOA WORDING",
            "SOURCE",
        ],
        &rows,
    )?;
    writeln!(out, "{} MOA terms", c.terms.len())
}
