//! `g287 export`.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::commands::Filter;
use super::{Exit, Failure};
use crate::export::{ExportFormat, write};
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
    let agencies: Vec<_> = store
        .overview()?
        .into_iter()
        .filter(|a| filter.keeps(a))
        .collect();
    let unmet: HashMap<_, _> = store
        .check(None, today())?
        .iter()
        .map(|c| (c.agreement, c.unmet()))
        .collect();
    let n = write(format, file, &agencies, &unmet).map_err(|e| Failure {
        exit: Exit::BadInput,
        message: e,
    })?;
    writeln!(
        out,
        "exported {n} {} of {} agencies to {}",
        if format == ExportFormat::Json {
            "agencies"
        } else {
            "rows"
        },
        agencies.len(),
        file.display()
    )
    .map_err(|e| Failure {
        exit: Exit::Unusable,
        message: e.to_string(),
    })?;
    Ok(Exit::Done)
}
