//! Driving the whole window headless: clicks and typing on the application's view, the
//! messages they produce fed back to its `update`, as the runtime would (minus its tasks).

use g287::ui::app::{App, Message};
use iced_test::{Simulator, simulator};

/// Clicks or types on the current view, then feeds the messages to the application.
pub fn act(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = simulator(app.view());
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

/// Whether the view shows exactly this text.
pub fn sees(app: &App, what: &str) -> bool {
    simulator(app.view()).find(what).is_ok()
}
