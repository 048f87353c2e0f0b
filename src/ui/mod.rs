//! The desktop window, in iced. This is the only module that uses iced; it reaches the data
//! only through the store, from [`app`].
//!
//! - [`app`]: routing, shortcuts, and carrying out what screens ask for;
//! - [`leaving`]: the question asked before typing would be lost;
//! - [`screen`]: one module per screen, each with its state, `Message`, `update` and `view`;
//! - [`theme`]: light, dark and high-contrast themes.

pub mod app;
pub mod leaving;
pub mod screen;
pub mod theme;

use std::path::PathBuf;
use std::sync::Mutex;

use crate::store::Store;

/// The window's icon, shipped in assets/.
const ICON: &[u8] = include_bytes!("../../assets/g287.png");

/// Opens the window on the data folder. The store is opened first, so that a database that
/// cannot be used is reported before any window appears.
pub fn run(data_dir: PathBuf) -> Result<(), String> {
    let store = Store::open_in(&data_dir).map_err(|e| e.to_string())?;
    // Boot is called once; the store moves into the application then.
    let slot = Mutex::new(Some(store));
    let icon = iced::window::icon::from_file_data(ICON, None).ok();
    iced::application(
        move || {
            let store = slot
                .lock()
                .ok()
                .and_then(|mut s| s.take())
                .expect("the application boots once");
            app::App::new(store, data_dir.clone())
        },
        app::App::update,
        app::App::view,
    )
    .window(iced::window::Settings {
        icon,
        size: iced::Size::new(1280.0, 800.0),
        min_size: Some(iced::Size::new(900.0, 560.0)),
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
