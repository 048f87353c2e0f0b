//! What the window remembers between starts, beside the registry in the data folder: its
//! size, so that a window made to fit one screen opens fitting it again, and the team's
//! server when the registry is one (`g287 --database URL` once, and the window opens it again
//! at every start).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file, in the data folder.
const FILE: &str = "window.json";

/// The size a window opens at when none is remembered: it fits a 1366x768 laptop screen, the
/// smallest common one, with room for the desktop's panels and the window's title bar.
pub const DEFAULT_SIZE: (f32, f32) = (1280.0, 720.0);

/// The smallest window every screen is laid out to be usable in.
pub const SMALLEST_SIZE: (f32, f32) = (900.0, 560.0);

/// What the window remembers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The window's last size, in logical pixels, if it was ever closed.
    pub window: Option<(f32, f32)>,
    /// The team's registry on a PostgreSQL server last opened (`None`: the SQLite file in the
    /// data folder).
    pub server: Option<String>,
}

impl Settings {
    /// The settings kept in `data_dir`, or the defaults when there are none or they cannot be
    /// read (a size is not worth refusing to start over).
    pub fn load(data_dir: &Path) -> Settings {
        std::fs::read_to_string(file(data_dir))
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default()
    }

    /// Keeps the settings in `data_dir`.
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let json = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(file(data_dir), json)
    }

    /// The size to open the window at: the remembered one, else [`DEFAULT_SIZE`]; never
    /// smaller than [`SMALLEST_SIZE`], and a remembered size that is not a size is ignored.
    pub fn first_size(&self) -> (f32, f32) {
        let (w, h) = self
            .window
            .filter(|(w, h)| w.is_finite() && h.is_finite() && *w > 0.0 && *h > 0.0)
            .unwrap_or(DEFAULT_SIZE);
        (w.max(SMALLEST_SIZE.0), h.max(SMALLEST_SIZE.1))
    }
}

/// The size that fits a window of size `window` on a screen of size `screen` (both logical
/// pixels), if it must shrink: room is left for the desktop's panels and the window's title
/// bar, which the screen's size includes and the window's does not. A size remembered on a
/// larger screen then still opens whole on a laptop's.
pub fn fit_to_screen(window: (f32, f32), screen: (f32, f32)) -> Option<(f32, f32)> {
    const PANELS: (f32, f32) = (0.0, 48.0);
    let room = (
        (screen.0 - PANELS.0).max(SMALLEST_SIZE.0),
        (screen.1 - PANELS.1).max(SMALLEST_SIZE.1),
    );
    let fitted = (window.0.min(room.0), window.1.min(room.1));
    (fitted != window).then_some(fitted)
}

fn file(data_dir: &Path) -> PathBuf {
    data_dir.join(FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_start_opens_at_most_1280_by_720() {
        let (w, h) = Settings::default().first_size();
        assert!(w <= 1280.0 && h <= 720.0, "{w}x{h}");
    }

    #[test]
    fn a_size_saved_is_the_size_opened_next_time() {
        let dir = tempfile::tempdir().unwrap();
        Settings {
            window: Some((1100.0, 690.0)),
            server: Some("postgres://jdoe@registry.example/g287".into()),
        }
        .save(dir.path())
        .unwrap();
        let loaded = Settings::load(dir.path());
        assert_eq!(loaded.first_size(), (1100.0, 690.0));
        assert_eq!(
            loaded.server.as_deref(),
            Some("postgres://jdoe@registry.example/g287"),
            "the team's server is opened again"
        );
    }

    #[test]
    fn settings_written_before_the_server_was_kept_still_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), r#"{"window":[1000.0,700.0]}"#).unwrap();
        let loaded = Settings::load(dir.path());
        assert_eq!(
            (loaded.first_size(), loaded.server),
            ((1000.0, 700.0), None)
        );
    }

    #[test]
    fn a_window_remembered_on_a_large_screen_shrinks_to_a_laptops() {
        assert_eq!(
            fit_to_screen((1900.0, 1150.0), (1366.0, 768.0)),
            Some((1366.0, 720.0))
        );
        assert_eq!(fit_to_screen(DEFAULT_SIZE, (1366.0, 768.0)), None);
        assert_eq!(fit_to_screen(DEFAULT_SIZE, (1920.0, 1080.0)), None);
    }

    #[test]
    fn a_broken_file_opens_at_the_default_size() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "{not json").unwrap();
        assert_eq!(Settings::load(dir.path()).first_size(), DEFAULT_SIZE);
        Settings {
            window: Some((10.0, f32::NAN)),
            server: None,
        }
        .save(dir.path())
        .unwrap();
        assert_eq!(Settings::load(dir.path()).first_size(), DEFAULT_SIZE);
    }
}
