//! Where the data lives: the data folder from `directories`, unless `--data-dir` or
//! `G287_DATA_DIR` says otherwise.

use std::path::PathBuf;

/// The environment variable that overrides the data folder.
pub const DATA_DIR_VAR: &str = "G287_DATA_DIR";

/// The environment variable naming a team's registry on a PostgreSQL server.
pub const DATABASE_VAR: &str = "G287_DATABASE";

/// The data folder: the explicit one if given, else the platform's data folder for g287
/// (`~/.local/share/g287` on Linux, `%APPDATA%\g287\data` on Windows,
/// `~/Library/Application Support/org.g287.g287` on macOS).
pub fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return Ok(dir);
    }
    directories::ProjectDirs::from("org", "g287", "g287")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            format!("no home folder is known on this machine; give the data folder with --data-dir DIR or {DATA_DIR_VAR}")
        })
}
