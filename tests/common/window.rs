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
    let data_dir = super::data_dir_of_store(&store);
    let user = store.user().to_string();
    drop(store);
    super::open_registry(&data_dir).unwrap().as_user(user)
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

/// The keyboard alone on the whole window, as the runtime would drive it: each key goes to the
/// focused widget first; what no widget took becomes the application's shortcut (the same
/// [`g287::ui::shortcuts::from_key`] the window's subscription uses); the focus operations the
/// application answers with (Tab's `focus_next`, the question's unfocusing) are run on the
/// window's fields, in order. The simulator is rebuilt after every key, as the window's view
/// is, and the focus is carried over to the same field. What else a widget keeps to itself
/// is lost with the simulator, unlike in the window: the option a drop-down highlights as one
/// types, so [`Keyboard::type_then`] types and presses the key that chooses in one go.
pub struct Keyboard<'a> {
    /// The application typed at.
    pub app: &'a mut App,
    size: Size,
    /// The focused field, by its order among the window's focusable widgets.
    focused: Option<usize>,
}

/// A focusable widget of the window: its id, where it is, whether it has the focus.
struct Field {
    id: Option<Id>,
    bounds: iced::Rectangle,
    visible: Option<iced::Rectangle>,
    focused: bool,
}

/// A field's focus, for running the application's focus operations on.
struct FakeFocus(bool);

impl iced_test::core::widget::operation::Focusable for FakeFocus {
    fn is_focused(&self) -> bool {
        self.0
    }
    fn focus(&mut self) {
        self.0 = true;
    }
    fn unfocus(&mut self) {
        self.0 = false;
    }
}

fn fields(ui: &mut Simulator<'_, Message>) -> Vec<Field> {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = seen.clone();
    let _ = ui.find(move |c: Candidate<'_>| -> Option<()> {
        if let Candidate::Focusable {
            id,
            bounds,
            visible_bounds,
            state,
        } = c
        {
            into.lock().unwrap().push(Field {
                id: id.cloned(),
                bounds,
                visible: visible_bounds,
                focused: state.is_focused(),
            });
        }
        None
    });
    std::mem::take(&mut *seen.lock().unwrap())
}

impl<'a> Keyboard<'a> {
    /// The keyboard on `app`'s window, at 1024 × 700, nothing focused.
    pub fn new(app: &'a mut App) -> Keyboard<'a> {
        Keyboard {
            app,
            size: Size::new(1024.0, 700.0),
            focused: None,
        }
    }

    /// The keyboard on a window tall enough to show whole pages (a field focused below the
    /// fold is not scrolled into view by iced 0.14, and a headless window cannot scroll to it
    /// by itself).
    pub fn tall(app: &'a mut App) -> Keyboard<'a> {
        Keyboard {
            app,
            size: Size::new(1280.0, 4000.0),
            focused: None,
        }
    }

    /// Types `text`, key by key.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let key = iced::keyboard::Key::Character(c.to_string().into());
            self.press_with(
                key,
                iced::keyboard::Modifiers::default(),
                Some(c.to_string()),
            );
        }
    }

    /// Presses a named key (Tab, Enter, Escape...).
    pub fn press(&mut self, key: Named) {
        self.press_with(
            iced::keyboard::Key::Named(key),
            iced::keyboard::Modifiers::default(),
            None,
        );
    }

    /// Presses a named key with modifiers held (Shift+Tab).
    pub fn press_named_with(&mut self, key: Named, modifiers: iced::keyboard::Modifiers) {
        self.press_with(iced::keyboard::Key::Named(key), modifiers, None);
    }

    /// Presses a character key with modifiers held (Ctrl+S, Alt+2). Without Ctrl the key
    /// carries its text, as the window's does: a focused field would type Alt+7's "7".
    pub fn chord(&mut self, modifiers: iced::keyboard::Modifiers, c: char) {
        let key = iced::keyboard::Key::Character(c.to_string().into());
        let text = (!modifiers.command()).then(|| c.to_string());
        self.press_with(key, modifiers, text);
    }

    /// The id of the focused field, if it has one; `Some(None)` for a field without id.
    pub fn focused_id(&mut self) -> Option<Option<Id>> {
        let mut ui = sized(self.app.view(), self.size.width, self.size.height);
        self.restore_focus(&mut ui);
        fields(&mut ui)
            .into_iter()
            .find(|f| f.focused)
            .map(|f| f.id)
    }

    fn restore_focus(&self, ui: &mut Simulator<'_, Message>) {
        let Some(i) = self.focused else { return };
        let all = fields(ui);
        let field = all
            .get(i)
            .unwrap_or_else(|| panic!("the focused field {i} is gone"));
        let at = field
            .visible
            .unwrap_or_else(|| panic!("the focused field {i} is out of view"));
        ui.point_at(at.center());
        let _ = ui.simulate(iced_test::simulator::click());
        // A click puts the cursor where it lands; the keyboard left it at the end.
        let _ = ui.tap_key(Named::End);
    }

    /// Types `text` then presses `key`, on the same view (typing "cou" then Enter in a
    /// drop-down chooses County).
    pub fn type_then(&mut self, text: &str, key: Named) {
        let typed: Vec<iced::Event> = iced_test::simulator::typewrite(text).collect();
        self.press_after(
            typed,
            iced::keyboard::Key::Named(key),
            iced::keyboard::Modifiers::default(),
            None,
        );
    }

    fn press_with(
        &mut self,
        key: iced::keyboard::Key,
        modifiers: iced::keyboard::Modifiers,
        text: Option<String>,
    ) {
        self.press_after(Vec::new(), key, modifiers, text);
    }

    /// Sends the events `before` (whose messages are kept too), then the key.
    fn press_after(
        &mut self,
        before: Vec<iced::Event>,
        key: iced::keyboard::Key,
        modifiers: iced::keyboard::Modifiers,
        text: Option<String>,
    ) {
        use iced::keyboard::{Event as K, Location, key::NativeCode, key::Physical};
        let physical = Physical::Unidentified(NativeCode::Unidentified);
        let events = [
            iced::Event::Keyboard(K::KeyPressed {
                key: key.clone(),
                modified_key: key.clone(),
                physical_key: physical,
                location: Location::Standard,
                modifiers,
                text: text.map(Into::into),
                repeat: false,
            }),
            iced::Event::Keyboard(K::KeyReleased {
                key: key.clone(),
                modified_key: key.clone(),
                physical_key: physical,
                location: Location::Standard,
                modifiers,
            }),
        ];
        let (messages, captured, now_focused) = {
            let mut ui = sized(self.app.view(), self.size.width, self.size.height);
            self.restore_focus(&mut ui);
            let _ = ui.simulate(before);
            let statuses = ui.simulate(events);
            let captured = statuses.first() == Some(&iced::event::Status::Captured);
            let now_focused = fields(&mut ui).iter().position(|f| f.focused);
            let messages: Vec<Message> = ui.into_messages().collect();
            (messages, captured, now_focused)
        };
        let shortcut = g287::ui::shortcuts::from_key(&key, modifiers, captured);
        self.focused = now_focused;
        for m in messages {
            self.run(m);
        }
        if let Some(s) = shortcut {
            self.run(Message::Shortcut(s));
        }
    }

    /// Feeds a message and runs what it answers: messages in turn (but for the check of
    /// every agreement and the daily backup), focus operations on the fields.
    fn run(&mut self, message: Message) {
        let task = self.app.update(message);
        let Some(stream) = iced_test::runtime::task::into_stream(task) else {
            return;
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a runtime for the test's tasks");
        let actions: Vec<_> = runtime.block_on(stream.collect());
        for action in actions {
            match action {
                iced_test::runtime::Action::Output(m)
                    if !matches!(m, Message::Checked(_) | Message::BackedUp(_)) =>
                {
                    self.run(m);
                }
                iced_test::runtime::Action::Widget(operation) => {
                    // On the fields of the view as the message left it (a new page's).
                    let now: Vec<(Option<Id>, iced::Rectangle, bool)> = {
                        let mut ui = sized(self.app.view(), self.size.width, self.size.height);
                        fields(&mut ui)
                            .into_iter()
                            .map(|f| (f.id, f.bounds, f.focused))
                            .collect()
                    };
                    self.focus_by(operation, &now);
                }
                _ => {}
            }
        }
    }

    /// Runs a focus operation on the fields, in their order.
    fn focus_by(
        &mut self,
        mut operation: Box<dyn iced_test::core::widget::Operation>,
        fields: &[(Option<Id>, iced::Rectangle, bool)],
    ) {
        use iced_test::core::widget::operation::Outcome;
        let mut focus: Vec<FakeFocus> = (0..fields.len())
            .map(|i| FakeFocus(self.focused == Some(i)))
            .collect();
        loop {
            for ((id, bounds, _), state) in fields.iter().zip(&mut focus) {
                operation.focusable(id.as_ref(), *bounds, state);
            }
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                _ => break,
            }
        }
        self.focused = focus.iter().position(|f| f.0);
    }
}

/// Focuses the `at`th focusable widget of the window (and no other).
struct FocusNth {
    at: usize,
    current: usize,
}

impl iced_test::core::widget::Operation for FocusNth {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_test::core::widget::Operation)) {
        operate(self);
    }

    fn focusable(
        &mut self,
        _id: Option<&Id>,
        _bounds: iced::Rectangle,
        state: &mut dyn iced_test::core::widget::operation::Focusable,
    ) {
        if self.current == self.at {
            state.focus();
        } else {
            state.unfocus();
        }
        self.current += 1;
    }
}

impl Keyboard<'_> {
    /// How many pixels of the focused field's box, drawn, are in the theme's primary colour:
    /// its focus ring, which [`g287::ui::choices::field`] draws 2 pixels wide (none when no
    /// field has the focus). The window is drawn by iced's headless renderer, as the
    /// simulator's snapshots are, at a scale of 1.
    pub fn ring_pixels(&mut self) -> usize {
        use iced_test::core::renderer::Headless;
        let Some(at) = self.focused else { return 0 };
        let bounds = {
            let mut ui = sized(self.app.view(), self.size.width, self.size.height);
            fields(&mut ui)[at]
                .visible
                .expect("the focused field in view")
        };
        let theme = self.app.theme().unwrap_or(iced::Theme::Light);
        let mut renderer =
            iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(
                iced::Font::with_name("Fira Sans"),
                iced::Pixels(16.0),
                None,
            ))
            .expect("a headless renderer");
        let mut ui = iced_test::runtime::UserInterface::build(
            self.app.view(),
            self.size,
            iced_test::runtime::user_interface::Cache::default(),
            &mut renderer,
        );
        ui.operate(&renderer, &mut FocusNth { at, current: 0 });
        // Widgets work out how they look (focused or not) on a redraw request, as the window
        // sends before each frame.
        let mut messages = Vec::new();
        let _ = ui.update(
            &[iced::Event::Window(iced::window::Event::RedrawRequested(
                iced_test::core::time::Instant::now(),
            ))],
            iced::mouse::Cursor::Unavailable,
            &mut renderer,
            &mut iced_test::core::clipboard::Null,
            &mut messages,
        );
        let base = iced_test::core::theme::Base::base(&theme);
        ui.draw(
            &mut renderer,
            &theme,
            &iced_test::core::renderer::Style {
                text_color: base.text_color,
            },
            iced::mouse::Cursor::Unavailable,
        );
        let (w, h) = (self.size.width as u32, self.size.height as u32);
        let rgba = renderer.screenshot(Size::new(w, h), 1.0, base.background_color);
        let primary = theme.palette().primary.into_rgba8();
        let near = |a: u8, b: u8| a.abs_diff(b) <= 8;
        let mut n = 0;
        for y in bounds.y as u32..((bounds.y + bounds.height) as u32).min(h) {
            for x in bounds.x as u32..((bounds.x + bounds.width) as u32).min(w) {
                let i = ((y * w + x) * 4) as usize;
                if (0..3).all(|k| near(rgba[i + k], primary[k])) {
                    n += 1;
                }
            }
        }
        n
    }
}
