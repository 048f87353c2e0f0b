//! The desktop window, in iced. This is the only module that uses iced; it reaches the data
//! only through the [`crate::registry`], whose operations run on workers ([`worker`]).
//!
//! - [`app`]: the window's state and messages, and the routing of each message;
//! - [`top_bar`]: the navigation bar and the status line around every page;
//! - [`shortcuts`]: keyboard shortcuts, dropped files, the close button;
//! - [`pages`]: moving between pages and opening agencies;
//! - [`saves`]: the Agency, Review and Catalogue screens' writes and their replies;
//! - [`files`]: import, export, backup, restore, verify and reports;
//! - [`worker`]: running registry operations off the UI thread;
//! - [`choices`]: drop-downs that take focus and type-ahead;
//! - [`leaving`]: the question asked before typing would be lost;
//! - [`screen`]: one module per screen, each with its state, `Message`, `update` and `view`;
//! - [`theme`]: light, dark and high-contrast themes;
//! - [`settings`]: what the window remembers between starts (its size).

pub mod app;
pub mod choices;
pub mod files;
pub mod leaving;
pub mod live;
pub mod pages;
pub mod saves;
pub mod screen;
pub mod settings;
pub mod shortcuts;
pub mod table;
pub mod theme;
pub mod top_bar;
pub mod worker;
mod wrapper;

use crate::registry::{Registry, RegistryError, StoreError};

/// The window's icon, shipped in assets/.
const ICON: &[u8] = include_bytes!("../../assets/g287.png");

/// The renderer to ask iced for, if g287 should choose one: iced's software renderer,
/// tiny-skia, on a machine without a GPU render node, where any GPU API would be a software
/// driver (Mesa's llvmpipe) that shows the window later and holds more than twice the memory
/// (measured with the national dataset: 139 vs 187 ms, ~98 vs 224 MB). `None` leaves the
/// choice to iced: when `ICED_BACKEND` already names one, or a GPU is there.
pub fn preferred_renderer(iced_backend_set: bool, has_render_node: bool) -> Option<&'static str> {
    (!iced_backend_set && !has_render_node).then_some("tiny-skia")
}

/// Whether the kernel offers a GPU render node (Linux: `/dev/dri/renderD*`). Elsewhere a GPU
/// is taken to be there.
pub fn has_render_node() -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Opens the window on the registry: the team's server given (`--database`, or the one the
/// window last opened), else the SQLite file in the data folder. The registry is opened first,
/// so that a database that cannot be used is reported before any window appears.
///
/// `remembered`: whether the server the window last opened may be opened again (not when
/// `--database` was given, even empty: `--database ""` opens the data folder's file).
pub fn run(mut location: crate::registry::Location, remembered: bool) -> Result<(), String> {
    let mut from_settings = false;
    if location.server.is_none() && remembered {
        location.server = settings::Settings::load(&location.data_dir).server;
        from_settings = location.server.is_some();
    }
    let data_dir = location.data_dir.clone();
    let registry = match Registry::open_at(&location) {
        Err(e) if from_settings => {
            // Said with the way back: the server remembered may be gone for good.
            return Err(format!(
                "{e}\n(this is the team's server g287 opened last time; to open the data folder's file instead: g287 --database '')"
            ));
        }
        Err(RegistryError::Store(emptied @ StoreError::Emptied { .. })) => {
            // Said, and asked: starting anew is the coordinator's choice, never a silent one.
            let start_anew = rfd::MessageDialog::new()
                .set_level(rfd::MessageLevel::Warning)
                .set_title("g287: the database is empty")
                .set_description(format!(
                    "{emptied}\n\nStart a new, empty registry? The empty file is kept beside it."
                ))
                .set_buttons(rfd::MessageButtons::OkCancelCustom(
                    "Start a new registry".into(),
                    "Quit".into(),
                ))
                .show();
            if !matches!(start_anew, rfd::MessageDialogResult::Custom(ref b) if b == "Start a new registry")
            {
                return Err(emptied.to_string());
            }
            Registry::start_anew(&data_dir)
        }
        other => other,
    }
    .map_err(|e| e.to_string())?;
    // The registry opened is the one to open again at the next start.
    let mut kept = settings::Settings::load(&data_dir);
    if kept.server != location.server {
        kept.server = location.server.clone();
        let _ = kept.save(&data_dir);
    }
    let icon = iced::window::icon::from_file_data(ICON, None).ok();
    let (width, height) = settings::Settings::load(&data_dir).first_size();
    let (min_width, min_height) = settings::SMALLEST_SIZE;
    iced::application(
        // A registry is a path, not a connection: booting clones it.
        move || app::App::new(registry.clone()),
        app::App::update,
        app::App::view,
    )
    .window(iced::window::Settings {
        icon,
        size: iced::Size::new(width, height),
        min_size: Some(iced::Size::new(min_width, min_height)),
        // The application closes itself, after asking about anything typed and not saved.
        exit_on_close_request: false,
        ..iced::window::Settings::default()
    })
    .title(app::App::title)
    .theme(app::App::theme)
    .subscription(app::App::subscription)
    .scale_factor(app::App::scale_factor)
    .run()
    .map_err(|e| format!("the window could not be opened: {e}"))
}

#[cfg(test)]
mod tests {
    use super::preferred_renderer;

    #[test]
    fn tiny_skia_only_without_a_gpu_and_without_a_choice_already_made() {
        assert_eq!(preferred_renderer(false, false), Some("tiny-skia"));
        assert_eq!(
            preferred_renderer(false, true),
            None,
            "a GPU: iced's default"
        );
        assert_eq!(
            preferred_renderer(true, false),
            None,
            "ICED_BACKEND is kept"
        );
        assert_eq!(preferred_renderer(true, true), None);
    }
}
