//! `g287 catalogue`: the requirement catalogue in force, or any version kept, with each
//! requirement's threshold in words.

use serde::Serialize;
use std::io::Write;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::domain::catalogue::Term;
use crate::domain::{Catalogue, Phase, Requirement};
use crate::registry::Location;
use crate::registry::Registry;

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
    at: &Location,
    version: Option<u32>,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let io = Failure::output;
    let registry = Registry::open_at(at)?;
    let in_force = registry.catalogue()?;
    let catalogue = match version {
        None => in_force.clone(),
        Some(v) => registry
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

/// Runs `g287 term ID ...`: changes what is given of one MOA term, as a new catalogue version.
pub fn edit_term(
    at: &Location,
    command: super::Command,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let super::Command::Term {
        id,
        models,
        components,
        period,
        binding,
        wording,
        source,
    } = command
    else {
        return Err(Failure::bad_input("only `g287 term` changes a term"));
    };
    let registry = Registry::open_at(at)?;
    let catalogue = registry.catalogue()?;
    let Some(mut term) = catalogue.terms.iter().find(|t| *t.id == *id).cloned() else {
        let known: Vec<&str> = catalogue.terms.iter().map(|t| &*t.id).collect();
        return Err(Failure::bad_input(format!(
            "{id:?}: no such term; the catalogue has {}",
            known.join(", ")
        )));
    };
    if let Some(models) = models {
        term.models = models
            .iter()
            .map(|m| {
                crate::domain::Model::parse(m).ok_or_else(|| {
                    Failure::bad_input(format!(
                        "--models {m:?}: give jem, tfm or wso; nothing was written"
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(components) = components {
        term.components = components
            .iter()
            .map(|c| {
                crate::domain::Component::parse(c).ok_or_else(|| {
                    Failure::bad_input(format!(
                        "--components {c:?}: give ice or cbp; nothing was written"
                    ))
                })
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(p) = period {
        term.period = crate::domain::catalogue::Period::parse(&p).ok_or_else(|| {
            Failure::bad_input(format!(
                "--period {p:?}: give a number and hours, days, weekdays or months, e.g. \"2 weekdays\"; nothing was written"
            ))
        })?;
    }
    if let Some(b) = binding {
        term.binding = match b.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" => true,
            "no" | "n" | "false" => false,
            _ => {
                return Err(Failure::bad_input(format!(
                    "--binding {b:?}: give yes (a deadline) or no (advisory); nothing was written"
                )));
            }
        };
    }
    if let Some(w) = wording {
        term.wording = w.trim().into();
    }
    if let Some(s) = source {
        term.source = s.trim().into();
    }
    let version = registry.update_term(&term)?;
    if version == catalogue.version {
        writeln!(out, "{id}: nothing changed (catalogue version {version})")
    } else {
        writeln!(
            out,
            "{id}: saved as catalogue version {version}; the calendar follows it"
        )
    }
    .map_err(Failure::output)?;
    Ok(Exit::Done)
}
