//! The desktop window (placeholder until the window lands).

use std::path::PathBuf;

/// Opens the window on the data folder.
pub fn run(data_dir: PathBuf) -> Result<(), String> {
    let store = crate::store::Store::open_in(&data_dir).map_err(|e| e.to_string())?;
    drop(store);
    Err("the desktop window is not built yet; use the commands (g287 --help)".into())
}
