//! Where the focus goes: back to the field it was in after the discard question and after the
//! decision dialog, kept on a drop-down after a choice, kept inside the decision dialog while
//! it is open, and scrolled into view when it lands below the fold.

use crate::common;

use common::agency_with_request;
use common::window::Keyboard;
use g287::domain::Model;
use g287::ui::app::{App, Message, Screen};
use g287::ui::screen::agency::{decision, details};
use g287::ui::shortcuts::Shortcut;
use iced::keyboard::Modifiers;
use iced::keyboard::key::Named;
use iced_test::core::widget::Id;

fn setup() -> (tempfile::TempDir, App) {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let (app, _tasks) = App::new(common::window::registry(store));
    (dir, app)
}

/// Opens the first agency from the list, by keys.
fn open_polk(keys: &mut Keyboard<'_>) {
    keys.chord(Modifiers::ALT, '2');
    keys.press(Named::ArrowDown);
    keys.press(Named::Enter);
    assert!(matches!(keys.app.screen(), Screen::Agency(_)));
}

fn id(of: &'static str) -> Option<Option<Id>> {
    Some(Some(Id::new(of)))
}

#[test]
fn keeping_editing_gives_the_focus_back_to_the_field_it_was_in() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    open_polk(&mut keys);
    // The theme menu, then the State field.
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    assert_eq!(keys.focused_id(), id(details::STATE_ID));
    keys.type_text(" X");
    keys.press(Named::Escape);
    assert!(keys.app.leaving().is_some());
    assert_eq!(keys.focused_id(), None, "the question took the focus");

    // Escape keeps editing: the State field has the focus again, and typing goes on in it.
    keys.press(Named::Escape);
    assert!(keys.app.leaving().is_none());
    assert_eq!(keys.focused_id(), id(details::STATE_ID));
    keys.type_text("Y");
    assert!(common::window::sees_tall(keys.app, "FL XY"));
}

#[test]
fn enter_on_the_question_also_gives_the_focus_back() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    open_polk(&mut keys);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    assert_eq!(keys.focused_id(), id(details::NAME_ID));
    keys.type_text("!");
    keys.press(Named::Escape);
    assert!(keys.app.leaving().is_some());
    keys.press(Named::Enter);
    assert!(keys.app.leaving().is_none());
    assert_eq!(keys.focused_id(), id(details::NAME_ID));
}

#[test]
fn a_choice_in_a_drop_down_keeps_the_focus_on_it_and_tab_goes_on_from_there() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::CTRL, 'n');
    keys.type_text("TX");
    keys.press(Named::Tab);
    keys.type_text("Travis County Sheriff's Office");
    keys.press(Named::Tab);
    assert_eq!(keys.focused_id(), id(details::KIND_ID));
    keys.type_then("cou", Named::Enter);
    assert_eq!(
        keys.focused_id(),
        id(details::KIND_ID),
        "the drop-down keeps the focus once County is chosen"
    );
    // Shift+Tab goes back to the name, not to the window's last field.
    keys.press_named_with(Named::Tab, Modifiers::SHIFT);
    assert_eq!(keys.focused_id(), id(details::NAME_ID));
}

#[test]
fn tab_goes_round_the_decision_dialog_and_never_behind_it() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    open_polk(&mut keys);
    keys.chord(Modifiers::ALT, 'd');
    assert_eq!(keys.focused_id(), id(decision::OFFICIAL_ID));
    let mut seen = Vec::new();
    for _ in 0..(2 * decision::FIELDS.len()) {
        keys.press(Named::Tab);
        let Some(Some(focused)) = keys.focused_id() else {
            panic!("Tab left the dialog's fields (focus on a field without id, or none)");
        };
        assert!(
            decision::FIELDS.iter().any(|f| Id::new(f) == focused),
            "Tab went behind the dialog, to {focused:?}"
        );
        seen.push(focused);
    }
    // Round the dialog: from its last field Tab came back to its first, the component.
    assert!(seen.contains(&Id::new("decision-component")));
    assert!(seen.contains(&Id::new(decision::OFFICIAL_ID)));
}

#[test]
fn shift_tab_from_the_dialogs_first_field_goes_to_its_last() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    open_polk(&mut keys);
    keys.chord(Modifiers::ALT, 'd');
    // Official's name, back to the date, the outcome, the component: the first field.
    for _ in 0..3 {
        keys.press_named_with(Named::Tab, Modifiers::SHIFT);
    }
    assert_eq!(keys.focused_id(), id("decision-component"));
    keys.press_named_with(Named::Tab, Modifiers::SHIFT);
    // Requirements are unmet, so an acceptance shows the override last.
    assert_eq!(keys.focused_id(), id(decision::OVERRIDE_ID));
}

#[test]
fn closing_the_decision_dialog_gives_the_focus_back_to_where_it_was() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    open_polk(&mut keys);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    assert_eq!(keys.focused_id(), id(details::NAME_ID));
    keys.chord(Modifiers::ALT, 'd');
    assert_eq!(keys.focused_id(), id(decision::OFFICIAL_ID));
    keys.press(Named::Tab);
    // Escape closes the dialog (nothing was typed in it): back in the agency's name.
    keys.press(Named::Escape);
    assert!(!common::window::sees_tall(keys.app, "Record this decision"));
    assert_eq!(keys.focused_id(), id(details::NAME_ID));
}

/// The window as the runtime keeps it: a widget tree whose state (focus, scroll offsets)
/// lives on from one view to the next, the application's widget operations run on it.
struct Window {
    renderer: iced::Renderer,
    cache: Option<iced_test::runtime::user_interface::Cache>,
    size: iced::Size,
}

impl Window {
    fn new(width: f32, height: f32) -> Window {
        use iced_test::core::renderer::Headless;
        let renderer =
            iced_test::futures::futures::executor::block_on(<iced::Renderer as Headless>::new(
                iced::Font::with_name("Fira Sans"),
                iced::Pixels(16.0),
                Some("tiny-skia"),
            ))
            .expect("a headless renderer");
        Window {
            renderer,
            cache: Some(Default::default()),
            size: iced::Size::new(width, height),
        }
    }

    /// Runs an operation (and those it chains to) on the window's widgets as `app` shows them.
    fn operate(&mut self, app: &App, mut operation: Box<dyn iced_test::core::widget::Operation>) {
        use iced_test::core::widget::operation::Outcome;
        let mut ui = iced_test::runtime::UserInterface::build(
            app.view(),
            self.size,
            self.cache.take().expect("a cache"),
            &mut self.renderer,
        );
        loop {
            ui.operate(&self.renderer, operation.as_mut());
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                _ => break,
            }
        }
        self.cache = Some(ui.into_cache());
    }

    /// Feeds a message; runs the widget operations it answers with, in order, and feeds the
    /// messages back in turn.
    fn update(&mut self, app: &mut App, message: Message) {
        use iced::futures::StreamExt;
        let task = app.update(message);
        let Some(stream) = iced_test::runtime::task::into_stream(task) else {
            return;
        };
        let actions: Vec<_> = iced_test::futures::futures::executor::block_on(stream.collect());
        for action in actions {
            match action {
                iced_test::runtime::Action::Widget(op) => self.operate(app, op),
                iced_test::runtime::Action::Output(m)
                    if !matches!(m, Message::Checked(_) | Message::BackedUp(_)) =>
                {
                    self.update(app, m)
                }
                _ => {}
            }
        }
    }

    /// Whether the focused field is drawn whole inside the scrollable that holds it.
    fn focused_in_view(&mut self, app: &App) -> bool {
        let probe = std::sync::Arc::new(std::sync::Mutex::new(None));
        self.operate(app, Box::new(InView::new(probe.clone())));
        let seen = *probe.lock().unwrap();
        seen.expect("a focused field")
    }
}

/// Finds the focused field and says whether its innermost scrollable shows it whole.
struct InView {
    out: std::sync::Arc<std::sync::Mutex<Option<bool>>>,
    pending: Option<(iced::Rectangle, iced::Vector)>,
    around: Vec<(iced::Rectangle, iced::Vector)>,
}

impl InView {
    fn new(out: std::sync::Arc<std::sync::Mutex<Option<bool>>>) -> InView {
        InView {
            out,
            pending: None,
            around: Vec::new(),
        }
    }
}

impl iced_test::core::widget::Operation for InView {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn iced_test::core::widget::Operation)) {
        let entered = self.pending.take();
        if let Some(frame) = entered {
            self.around.push(frame);
        }
        operate(self);
        if entered.is_some() {
            self.around.pop();
        }
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: iced::Rectangle,
        content_bounds: iced::Rectangle,
        translation: iced::Vector,
        _state: &mut dyn iced_test::core::widget::operation::Scrollable,
    ) {
        // Only scrollables that scroll down count; a sideways one shows all its height.
        let frame = (content_bounds.height > bounds.height).then_some((bounds, translation));
        self.pending = frame;
    }

    fn focusable(
        &mut self,
        _id: Option<&Id>,
        field: iced::Rectangle,
        state: &mut dyn iced_test::core::widget::operation::Focusable,
    ) {
        if !state.is_focused() {
            return;
        }
        let shown = match self.around.last() {
            Some((bounds, t)) => {
                let top = field.y - t.y;
                top >= bounds.y && top + field.height <= bounds.y + bounds.height
            }
            None => true,
        };
        *self.out.lock().unwrap() = Some(shown);
    }
}

/// Polk's page open in a 1024 x 700 window kept as the runtime keeps it.
fn polk_in_window() -> (tempfile::TempDir, App, Window) {
    let (dir, mut app) = setup();
    let mut window = Window::new(1024.0, 700.0);
    let agencies = Shortcut::Page(g287::ui::app::Page::Agencies);
    window.update(&mut app, Message::Shortcut(agencies));
    window.update(&mut app, Message::Shortcut(Shortcut::Down));
    window.update(&mut app, Message::Shortcut(Shortcut::Enter));
    assert!(matches!(app.screen(), Screen::Agency(_)));
    (dir, app, window)
}

#[test]
fn the_nominee_form_opens_below_the_fold_of_a_700_pixel_window() {
    // What the next test relies on: without scrolling, the nominee form's name field, which
    // it focuses, is out of view.
    let (_dir, mut app, mut window) = polk_in_window();
    let open = g287::ui::screen::agency::Message::NewNominee;
    window.update(&mut app, Message::Agency(open));
    assert!(!window.focused_in_view(&app));
}

#[test]
fn a_field_focused_below_the_fold_is_scrolled_into_view() {
    let (_dir, mut app, mut window) = polk_in_window();
    // Alt+N: the nominee form, its name field focused and scrolled into view.
    window.update(&mut app, Message::Shortcut(Shortcut::NewNominee));
    assert!(window.focused_in_view(&app), "Alt+N scrolls to the name");
    // Tab moves on to the next field, in view too; Shift+Tab back.
    window.update(&mut app, Message::Shortcut(Shortcut::NextField));
    assert!(
        window.focused_in_view(&app),
        "Tab scrolls to the next field"
    );
    window.update(&mut app, Message::Shortcut(Shortcut::PreviousField));
    assert!(window.focused_in_view(&app));
}

#[test]
fn a_focused_field_draws_a_ring_that_stands_out_in_every_theme() {
    use g287::ui::theme::{ThemeChoice, contrast};
    use iced::widget::text_input::Status;
    for mode in [iced::theme::Mode::Light, iced::theme::Mode::Dark] {
        for choice in ThemeChoice::ALL {
            let theme = choice.theme(mode);
            let page = theme.extended_palette().background.base.color;
            let resting = g287::ui::choices::field(&theme, Status::Active);
            let focused = g287::ui::choices::field(&theme, Status::Focused { is_hovered: false });
            assert!(
                focused.border.width >= 2.0 && focused.border.width > resting.border.width,
                "{choice}: the ring is wider than the resting border"
            );
            let ratio = contrast(focused.border.color, page);
            assert!(ratio >= 3.0, "{choice}: ring at {ratio:.2}:1 on the page");
        }
    }
}
