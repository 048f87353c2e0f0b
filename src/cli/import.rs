//! `g287 import` and `g287 review` (lands with the import).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Exit, Failure, Format};

/// Runs `g287 import`.
pub fn run(
    _data_dir: &Path,
    _files: &[PathBuf],
    _list: Option<&str>,
    _as_of: Option<&str>,
    _dry_run: bool,
    _format: Format,
    _out: &mut dyn Write,
) -> Result<Exit, Failure> {
    Err(Failure::bad_input("import is not built yet"))
}

/// Runs `g287 review`.
pub fn review(_data_dir: &Path, _format: Format, _out: &mut dyn Write) -> Result<Exit, Failure> {
    Err(Failure::bad_input("review is not built yet"))
}
