//! `g287 export` (lands with the import).

use std::io::Write;
use std::path::Path;

use super::commands::Filter;
use super::{Exit, Failure};

/// Runs `g287 export`.
pub fn run(_data_dir: &Path, _format: &str, _file: &Path, _filter: &Filter, _out: &mut dyn Write) -> Result<Exit, Failure> {
    Err(Failure::bad_input("export is not built yet"))
}
