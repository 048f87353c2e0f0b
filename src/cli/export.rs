//! `g287 export`.

use std::io::Write;
use std::path::Path;

use super::commands::Filter;
use super::{Exit, Failure};
use crate::export::{ExportError, ExportFormat, export_registry};
use crate::store::{Store, today};

/// Runs `g287 export`.
pub fn run(
    data_dir: &Path,
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
    let store = Store::open_in(data_dir)?;
    let exported = match export_registry(&store, format, file, today(), |a| filter.keeps(a)) {
        Ok(exported) => exported,
        Err(ExportError::Store(e)) => return Err(e.into()),
        Err(ExportError::Write(message)) => {
            return Err(Failure {
                exit: Exit::BadInput,
                message,
            });
        }
    };
    writeln!(out, "exported {}", exported.describe(format, file)).map_err(Failure::output)?;
    if let Some(head) = &exported.head {
        writeln!(out, "{}", head.in_words()).map_err(Failure::output)?;
    }
    Ok(Exit::Done)
}
