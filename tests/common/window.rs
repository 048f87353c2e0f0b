//! Driving the whole window headless: clicks and typing on the application's view, the
//! messages they produce fed back to its `update`, as the runtime would (minus its tasks:
//! tests hand in what the workers would answer). [`save`] runs the work a click starts (a
//! save on a worker) to its reply, as the runtime would, but for the check of every agreement
//! and the daily backup, which tests feed when they want them.
//!
//! `act` and `sees` use the simulator's default window; the `tall` variants a window tall
//! enough to show whole pages, as a coordinator scrolling would see them.

use g287::registry::Registry;
use g287::store::Store;
use g287::ui::app::{App, Message};
use iced::Task;
use iced::futures::StreamExt;
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

/// Clicks `what` in a tall window and runs the work it starts to its replies, fed back in
/// turn: a save, answered as the window's worker answers it.
pub fn save(app: &mut App, what: &str) {
    let messages: Vec<Message> = {
        let mut ui = tall(app.view());
        ui.click(what).unwrap();
        ui.into_messages().collect()
    };
    for m in messages {
        settle(app, m);
    }
}

/// Feeds one message and runs the work it starts, feeding the replies back in turn (but for
/// the check of every agreement and the daily backup).
pub fn settle(app: &mut App, message: Message) {
    let task = app.update(message);
    for m in run(task) {
        if !matches!(m, Message::Checked(_) | Message::BackedUp(_)) {
            settle(app, m);
        }
    }
}

/// The messages a task produces, in order, once it has run to its end. Widget operations,
/// the clipboard and the window's exit are the runtime's business and are left out.
pub fn run(task: Task<Message>) -> Vec<Message> {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return Vec::new();
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime for the test's tasks");
    runtime.block_on(
        stream
            .filter_map(|action| async move {
                match action {
                    iced_test::runtime::Action::Output(m) => Some(m),
                    _ => None,
                }
            })
            .collect(),
    )
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

/// The registry of a test's store, recording changes under the store's user, for the window
/// to open on.
pub fn registry(store: Store) -> Registry {
    let data_dir = store.path().parent().expect("a data folder").to_path_buf();
    let user = store.user().to_string();
    drop(store);
    Registry::open(&data_dir).unwrap().as_user(user)
}

/// A simulator on a window of `width` × `height`, as on a small screen.
pub fn sized<M>(view: iced::Element<'_, M>, width: f32, height: f32) -> Simulator<'_, M> {
    Simulator::with_size(Settings::default(), Size::new(width, height), view)
}

/// Where the text `what` is drawn in a window of `width` × `height`, if it is drawn whole
/// inside the window (not past its right or bottom edge, where no one can read it).
pub fn whole_in_window(app: &App, width: f32, height: f32, what: &str) -> Option<iced::Rectangle> {
    let mut ui = sized(app.view(), width, height);
    let found = ui.find(what).ok()?;
    let b = found.bounds();
    let inside = b.x >= 0.0 && b.y >= 0.0 && b.x + b.width <= width && b.y + b.height <= height;
    inside.then_some(b)
}

/// [`act`] in a window of `width` × `height`.
pub fn act_sized(
    app: &mut App,
    (width, height): (f32, f32),
    interact: impl FnOnce(&mut Simulator<'_, Message>),
) {
    let messages: Vec<Message> = {
        let mut ui = sized(app.view(), width, height);
        interact(&mut ui);
        ui.into_messages().collect()
    };
    for m in messages {
        let _ = app.update(m);
    }
}
