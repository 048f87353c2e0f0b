//! `g287 export`.

use std::io::Write;
use std::path::Path;

use super::commands::Filter;
use super::{Exit, Failure};
use crate::export::ExportFormat;
use crate::registry::Location;
use crate::registry::Registry;

/// Runs `g287 export`.
pub fn run(
    at: &Location,
    format: &str,
    file: &Path,
    filter: &Filter,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let format = ExportFormat::parse(format).ok_or_else(|| {
        Failure::bad_input(format!("--format {format:?}: give csv, xlsx or json"))
    })?;
    if file.is_dir() {
        return Err(Failure::bad_input(format!(
            "--out {}: is a folder; give a file name",
            file.display()
        )));
    }
    let exported = Registry::open_at(at)?.export(format, file, |a| filter.keeps(a))?;
    writeln!(out, "exported {}", exported.describe(format, file)).map_err(Failure::output)?;
    if let Some(head) = &exported.head {
        writeln!(out, "{}", head.in_words()).map_err(Failure::output)?;
    }
    Ok(Exit::Done)
}
