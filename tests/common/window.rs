//! Driving the whole window headless: clicks and typing on the application's view, the
//! messages they produce fed back to its `update`, as the runtime would (minus its tasks).
//!
//! `act` and `sees` use the simulator's default window; the `tall` variants a window tall
//! enough to show whole pages, as a coordinator scrolling would see them.

use g287::ui::app::{App, Message};
use iced::keyboard::key::Named;
use iced_test::core::widget::Id;
use iced_test::core::{Settings, Size};
use iced_test::selector::Candidate;
use iced_test::{Simulator, simulator};

/// Clicks or types on the current view, then feeds the messages to the application.
pub fn act(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    act_in(app, false, interact);
}

/// Whether the view shows exactly this text.
pub fn sees(app: &App, what: &str) -> bool {
    simulator(app.view()).find(what).is_ok()
}

/// A simulator on a window 1280 × 4000.
pub fn tall<M>(view: iced::Element<'_, M>) -> Simulator<'_, M> {
    Simulator::with_size(Settings::default(), Size::new(1280.0, 4000.0), view)
}

/// [`act`] in a tall window.
pub fn act_tall(app: &mut App, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    act_in(app, true, interact);
}

fn act_in(app: &mut App, tall_window: bool, interact: impl FnOnce(&mut Simulator<'_, Message>)) {
    let messages: Vec<Message> = {
        let mut ui = if tall_window {
            tall(app.view())
        } else {
            simulator(app.view())
        };
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}

/// Clicks the button or field showing `what`, in a tall window.
pub fn click(app: &mut App, what: &str) {
    act_tall(app, |ui| {
        ui.click(what).unwrap();
    });
}

/// Replaces the text of the field with `id`, key by key, in a tall window.
pub fn retype(app: &mut App, id: &'static str, typed: &str) {
    act_tall(app, |ui| {
        ui.click(Id::new(id)).unwrap();
        ui.tap_key(Named::End);
        for _ in 0..12 {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite(typed);
    });
}

/// [`sees`] in a tall window.
pub fn sees_tall(app: &App, what: &str) -> bool {
    tall(app.view()).find(what).is_ok()
}

/// Some text in a tall window contains `part` (for lines that carry a time, say).
pub fn sees_part(app: &App, part: &str) -> bool {
    tall(app.view())
        .find(|c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(part) => Some(()),
            _ => None,
        })
        .is_ok()
}
