//! Keyboard shortcuts, dropped files and the close button: what the window hears besides
//! clicks, and what each shortcut does.

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::{Element, Event, Length, Rectangle, Size, Subscription, Task, Vector, event, window};
use iced_core::widget::Id;
use iced_core::widget::operation::focusable::{self, Focusable};
use iced_core::widget::operation::scrollable::{AbsoluteOffset, Scrollable};
use iced_core::widget::operation::{Operation, Outcome};
use iced_core::widget::{Tree, Widget, tree};
use iced_core::{Clipboard, Layout, Shell, layout, mouse, overlay, renderer};
use std::sync::{Arc, Mutex};

use super::app::{App, Message, Page, Screen};
use super::screen::import::Phase;
use super::screen::{agencies, agency, calendar, data, import};
use super::top_bar::PAGES;

/// The keyboard shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+Q.
    Quit,
    /// Ctrl+F: the search box.
    Find,
    /// Ctrl+N: a new agency.
    NewAgency,
    /// Ctrl+S: save the form being typed in on an agency's page (its details, a nominee, the
    /// decision, the signatures, a requirement's record).
    Save,
    /// Alt+1 to Alt+7: a page of the navigation bar, in its order.
    Page(Page),
    /// D, while "Discard what you typed?" is asked: discard.
    Discard,
    /// Alt+N on an agency's page: nominate an officer under the agreement shown.
    NewNominee,
    /// Alt+D on an agency's page: record a decision on the agreement shown.
    RecordDecision,
    /// Ctrl+Shift+V on the Data page: verify the history (the Verify now button).
    Verify,
    /// Ctrl+Shift+H on the Data page: copy the chain head (the Copy button beside it); H, as
    /// Ctrl+Shift+C copies what is selected in a field.
    CopyHead,
    /// Ctrl+L on the Calendar or the Agencies list: clear its filters (the Clear button).
    ClearFilters,
    /// Ctrl+Shift+A on the Import page, once an import is done or failed: start again with
    /// other files (the Import more and Start again buttons).
    ImportAgain,
    /// Ctrl+Shift+R on the Import page, once an import flagged values: review them (the
    /// Review flagged values button).
    ReviewFlagged,
    /// Ctrl+plus.
    ZoomIn,
    /// Ctrl+minus.
    ZoomOut,
    /// Ctrl+0.
    ZoomReset,
    /// Down arrow.
    Down,
    /// Up arrow.
    Up,
    /// Enter.
    Enter,
    /// Escape: back to the list.
    Back,
    /// Tab: next field.
    NextField,
    /// Shift+Tab: previous field.
    PreviousField,
}

/// Keyboard shortcuts, dropped files and the window's close button, as messages.
pub fn subscription() -> Subscription<Message> {
    event::listen_with(|event, status, _window| match event {
        Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) => {
            from_key(&key, modifiers, status == event::Status::Captured).map(Message::Shortcut)
        }
        Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
        Event::Window(window::Event::CloseRequested) => Some(Message::CloseRequested),
        Event::Window(window::Event::Resized(size)) => Some(Message::Resized(size)),
        _ => None,
    })
}

/// The shortcut a key press is, if any; `captured` says a widget took the key already (text
/// typed in a field), when only Tab and the modified keys still count.
pub fn from_key(key: &Key, modifiers: Modifiers, captured: bool) -> Option<Shortcut> {
    if modifiers.alt() && !modifiers.command() {
        // Alt and a digit: the pages, numbered as the navigation bar shows them; Alt and a
        // letter: the agency page's buttons that have no field to reach them by Tab.
        return match key.as_ref() {
            Key::Character("n" | "N") => Some(Shortcut::NewNominee),
            Key::Character("d" | "D") => Some(Shortcut::RecordDecision),
            Key::Character(c) => c
                .parse::<usize>()
                .ok()
                .and_then(|n| PAGES.get(n.checked_sub(1)?))
                .map(|&(page, _)| Shortcut::Page(page)),
            _ => None,
        };
    }
    if modifiers.command() && modifiers.shift() {
        // Ctrl+Shift and a letter: a page's own buttons, which take no focus in iced 0.14.
        // Shift may come as the capital.
        if let Key::Character(c) = key.as_ref() {
            match c.to_lowercase().as_str() {
                "v" => return Some(Shortcut::Verify),
                "h" => return Some(Shortcut::CopyHead),
                "a" => return Some(Shortcut::ImportAgain),
                "r" => return Some(Shortcut::ReviewFlagged),
                _ => {}
            }
        }
    }
    if modifiers.command() {
        return match key.as_ref() {
            Key::Character("l" | "L") => Some(Shortcut::ClearFilters),
            Key::Character("q") => Some(Shortcut::Quit),
            Key::Character("f") => Some(Shortcut::Find),
            Key::Character("n") => Some(Shortcut::NewAgency),
            Key::Character("s") => Some(Shortcut::Save),
            Key::Character("+" | "=") => Some(Shortcut::ZoomIn),
            Key::Character("-") => Some(Shortcut::ZoomOut),
            Key::Character("0") => Some(Shortcut::ZoomReset),
            _ => None,
        };
    }
    match key.as_ref() {
        Key::Named(Named::Tab) if modifiers.shift() => Some(Shortcut::PreviousField),
        Key::Named(Named::Tab) => Some(Shortcut::NextField),
        // Escape cancels from inside a field too (the field takes it only to let the focus
        // go): one press, as in any desktop dialog.
        Key::Named(Named::Escape) => Some(Shortcut::Back),
        _ if captured => None,
        Key::Named(Named::ArrowDown) => Some(Shortcut::Down),
        Key::Named(Named::ArrowUp) => Some(Shortcut::Up),
        Key::Named(Named::Enter) => Some(Shortcut::Enter),
        Key::Character("d" | "D") => Some(Shortcut::Discard),
        _ => None,
    }
}

impl App {
    /// What Ctrl+S sends on an agency's page: the save of the form that holds typing (the one
    /// the coordinator would otherwise lose), if any.
    fn save_in_view(&self) -> Option<agency::Message> {
        let Screen::Agency(a) = &self.screen else {
            return None;
        };
        Some(match a.unsaved()? {
            "the agency's details" | "the new agency's details" => agency::Message::SaveDetails,
            "the nominee form" => agency::Message::SaveNominee,
            "the decision dialog" => agency::Message::ConfirmDecision,
            "the signatures form" => agency::Message::SaveSigning,
            "the form recording a requirement" => agency::Message::SaveObligation,
            "the complaint form" => agency::Message::SaveComplaint,
            _ => return None,
        })
    }

    /// Carries out a shortcut.
    pub(super) fn on_shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Quit => return self.exit(),
            Shortcut::ZoomIn => self.zoom = (self.zoom + 0.1).min(3.0),
            Shortcut::ZoomOut => self.zoom = (self.zoom - 0.1).max(0.5),
            Shortcut::ZoomReset => self.zoom = 1.0,
            Shortcut::NextField => return move_focus(agency::decision::FIELDS, true),
            Shortcut::PreviousField => return move_focus(agency::decision::FIELDS, false),
            Shortcut::Find => return self.find(),
            Shortcut::NewAgency => return self.on_agencies(agencies::Message::NewAgency),
            Shortcut::Page(page) => return self.update(Message::Navigate(page)),
            Shortcut::Save => {
                if let Some(save) = self.save_in_view() {
                    return self.update(Message::Agency(save));
                }
            }
            Shortcut::NewNominee | Shortcut::RecordDecision => {
                if matches!(self.screen, Screen::Agency(_)) {
                    // The form opens with its first field focused, which may be below the
                    // fold (the nominee form is at the foot of the agreement).
                    return self
                        .update(Message::Agency(match s {
                            Shortcut::NewNominee => agency::Message::NewNominee,
                            _ => agency::Message::OpenDecision,
                        }))
                        .chain(reveal_focused());
                }
            }
            Shortcut::Verify | Shortcut::CopyHead if matches!(self.screen, Screen::Data) => {
                return self.update(Message::Data(match s {
                    Shortcut::Verify => data::Message::Verify,
                    _ => data::Message::CopyHead,
                }));
            }
            Shortcut::ClearFilters if matches!(self.screen, Screen::Calendar) => {
                return self.update(Message::Calendar(calendar::Message::ClearFilters));
            }
            Shortcut::ClearFilters if matches!(self.screen, Screen::Agencies) => {
                return self.update(Message::Agencies(
                    crate::ui::screen::agencies::Message::ClearFilters,
                ));
            }
            Shortcut::ImportAgain
                if matches!(self.screen, Screen::Import)
                    && matches!(self.import.phase(), Phase::Done(_) | Phase::Failed(_)) =>
            {
                return self.update(Message::Import(import::Message::Reset));
            }
            Shortcut::ReviewFlagged
                if matches!(self.screen, Screen::Import)
                    && matches!(self.import.phase(), Phase::Done(s) if s.flagged > 0) =>
            {
                return self.update(Message::Import(import::Message::OpenReview));
            }
            // Elsewhere, or with their button not shown: nothing, as a click could not either.
            Shortcut::Verify
            | Shortcut::CopyHead
            | Shortcut::ClearFilters
            | Shortcut::ImportAgain
            | Shortcut::ReviewFlagged => {}
            Shortcut::Discard => {
                if self.leaving.is_some() {
                    return self.update(Message::Discard);
                }
            }
            Shortcut::Back => match &self.screen {
                Screen::Agency(a) => return self.update(Message::Agency(a.escape())),
                // A question asked on the Data page: Escape answers "not now", as in a dialog.
                Screen::Data if self.data.question().is_some() => {
                    if let Some((_, cancel)) = self.data.question() {
                        return self.update(Message::Data(cancel));
                    }
                }
                Screen::Import
                | Screen::Review
                | Screen::Data
                | Screen::Calendar
                | Screen::Dashboard
                | Screen::Catalogue(_) => self.screen = Screen::Agencies,
                Screen::Welcome(_) | Screen::Agencies => {}
            },
            Shortcut::Down | Shortcut::Up | Shortcut::Enter
                if matches!(self.screen, Screen::Agencies) =>
            {
                let m = match s {
                    Shortcut::Down => agencies::Message::SelectNext,
                    Shortcut::Up => agencies::Message::SelectPrevious,
                    _ => agencies::Message::OpenSelected,
                };
                return self.on_agencies(m);
            }
            // Enter outside a field, with a question asked on the Data page: its answer "go
            // ahead", as Enter in the path field gives.
            Shortcut::Enter if matches!(self.screen, Screen::Data) => {
                if let Some((confirm, _)) = self.data.question() {
                    return self.update(Message::Data(confirm));
                }
            }
            Shortcut::Down | Shortcut::Up | Shortcut::Enter => {}
        }
        Task::none()
    }
}

/// Where the focus was before a question or a dialog took it, so it can be given back when
/// they close. Kept by the field's order among the window's focusable widgets, since most
/// fields have no id; the page behind a question or a dialog keeps its fields in the same
/// order while they are open, so the order still names the same field after.
#[derive(Debug, Clone, Default)]
pub struct FocusKept(Arc<Mutex<Option<usize>>>);

impl FocusKept {
    /// Takes the focus from every field (a question is open: nothing behind it may receive
    /// typing), keeping as the field to give back the one `last` noted.
    pub fn take(&self, last: &FocusKept) -> Task<Message> {
        self.note(last);
        effect(FocusAt {
            at: None,
            current: 0,
        })
    }

    /// Keeps as the field to give back the one `last` noted (a dialog opening moves the focus
    /// into itself).
    pub fn note(&self, last: &FocusKept) {
        let was = *last.lock();
        *self.lock() = was;
    }

    /// Gives the focus back to the field kept (or to none, if none had it), then scrolls it
    /// into view. The field stays kept: a message handled inside another (Escape closing the
    /// dialog) may give it back twice.
    pub fn give_back(&self) -> Task<Message> {
        let at = *self.lock();
        effect(FocusAt { at, current: 0 }).chain(reveal_focused())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<usize>> {
        // A poisoned lock only means a panic elsewhere; the index is still an index.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The whole window, noting in a [`FocusKept`] which field has the focus each time a key or a
/// mouse button is pressed, before any widget sees it: by the time a key opens a question or
/// a dialog the field may have let the focus go (a field drops it on Escape), and what it was
/// is still known.
pub struct NotesFocus<'a>(Element<'a, Message>, FocusKept);

impl<'a> NotesFocus<'a> {
    /// Wraps the window's `content`, noting into `kept`.
    pub fn new(content: Element<'a, Message>, kept: &FocusKept) -> NotesFocus<'a> {
        NotesFocus(content, kept.clone())
    }
}

impl<'a> From<NotesFocus<'a>> for Element<'a, Message> {
    fn from(n: NotesFocus<'a>) -> Self {
        Element::new(n)
    }
}

impl Widget<Message, iced::Theme, iced::Renderer> for NotesFocus<'_> {
    crate::ui::wrapper::forward_to_wrapped!();

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.0
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        // Alt and a key that is a g287 shortcut (Alt+7, Alt+N), or Ctrl+Shift and one (Ctrl+
        // Shift+V): kept from the widgets, since a focused field takes Alt+7 as the text "7"
        // and Ctrl+Shift+V as a paste. Captured, it still reaches the subscription, which
        // acts on modified keys whatever their status.
        if let Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) = event
            && ((modifiers.alt() && !modifiers.command())
                || (modifiers.command() && modifiers.shift()))
            && from_key(key, *modifiers, true).is_some()
        {
            shell.capture_event();
            return;
        }
        if matches!(
            event,
            Event::Keyboard(iced::keyboard::Event::KeyPressed { .. })
                | Event::Mouse(mouse::Event::ButtonPressed(_))
        ) {
            *self.1.lock() = None;
            let mut note = Note {
                kept: self.1.0.clone(),
                current: 0,
            };
            self.0
                .as_widget_mut()
                .operate(tree, layout, renderer, &mut note);
        }
        self.0.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.0
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, iced::Theme, iced::Renderer>> {
        self.0
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

/// A widget operation run as iced runs its own `focus_next`: no output to wait for.
fn effect(op: impl Operation + 'static) -> Task<Message> {
    iced_runtime::task::effect(iced_runtime::Action::widget(op))
}

/// Notes which focusable widget has the focus.
struct Note {
    kept: Arc<Mutex<Option<usize>>>,
    current: usize,
}

impl Operation for Note {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            *self.kept.lock().unwrap_or_else(|e| e.into_inner()) = Some(self.current);
        }
        self.current += 1;
    }
}

/// Focuses the focusable widget at this position (and unfocuses every other).
struct FocusAt {
    at: Option<usize>,
    current: usize,
}

impl Operation for FocusAt {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, _id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if self.at == Some(self.current) {
            state.focus();
        } else {
            state.unfocus();
        }
        self.current += 1;
    }
}

/// Tab (`forward`) or Shift+Tab: the next or previous field; while a dialog whose fields have
/// the ids `trap` is open, the next or previous of its fields, going round from its last to
/// its first and back, so the keyboard stays in the dialog. The focused field is then scrolled
/// into view.
pub fn move_focus(trap: &'static [&'static str], forward: bool) -> Task<Message> {
    effect(Trapped {
        trap,
        forward,
        current: 0,
        focused: None,
        inside: Vec::new(),
    })
    .chain(reveal_focused())
}

/// The first pass of [`move_focus`]: which of the window's fields are the dialog's, in the
/// window's order, and which has the focus.
struct Trapped {
    trap: &'static [&'static str],
    forward: bool,
    current: usize,
    focused: Option<usize>,
    inside: Vec<(usize, Id)>,
}

impl Operation for Trapped {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }

    fn focusable(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = Some(self.current);
        }
        if let Some(id) = id
            && self.trap.iter().any(|t| *id == Id::new(t))
        {
            self.inside.push((self.current, id.clone()));
        }
        self.current += 1;
    }

    fn finish(&self) -> Outcome<()> {
        let n = self.inside.len();
        if n == 0 {
            // No dialog open: the whole window's order.
            return Outcome::Chain(if self.forward {
                Box::new(focusable::focus_next())
            } else {
                Box::new(focusable::focus_previous())
            });
        }
        let here = self
            .inside
            .iter()
            .position(|(i, _)| Some(*i) == self.focused);
        let next = match (here, self.forward) {
            (Some(k), true) => (k + 1) % n,
            (Some(k), false) => (k + n - 1) % n,
            (None, true) => 0,
            (None, false) => n - 1,
        };
        Outcome::Chain(Box::new(focusable::focus(self.inside[next].1.clone())))
    }
}

/// Room left above or below a field scrolled into view, so its label or hint shows too.
const REVEAL_MARGIN: f32 = 24.0;

/// Scrolls the innermost scrollable that holds the focused field, if the field is (partly)
/// out of its view, just enough to show it whole. iced 0.14 moves the focus without
/// scrolling, so a Tab below the fold would type into a field no one sees.
pub fn reveal_focused() -> Task<Message> {
    effect(Reveal::default())
}

/// A scrollable being traversed: its order among the window's scrollables and where it shows.
#[derive(Debug, Clone, Copy)]
struct Frame {
    index: usize,
    bounds: Rectangle,
    translation: Vector,
    scrolls_down: bool,
}

/// The first pass of [`reveal_focused`]: the scrollables around the focused field, and the
/// offset that shows it.
#[derive(Default)]
struct Reveal {
    /// The scrollable just announced, whose contents the next traversal goes through.
    pending: Option<Frame>,
    around: Vec<Frame>,
    scrollables: usize,
    to: Option<(usize, f32)>,
}

impl Operation for Reveal {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
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
        bounds: Rectangle,
        content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.pending = Some(Frame {
            index: self.scrollables,
            bounds,
            translation,
            scrolls_down: content_bounds.height > bounds.height,
        });
        self.scrollables += 1;
    }

    fn focusable(&mut self, _id: Option<&Id>, field: Rectangle, state: &mut dyn Focusable) {
        if !state.is_focused() {
            return;
        }
        let Some(frame) = self.around.iter().rev().find(|f| f.scrolls_down) else {
            return;
        };
        // The contents are laid out unscrolled: what shows is the scrollable's height from
        // its offset down.
        let offset = frame.translation.y;
        let top = field.y - frame.bounds.y;
        let bottom = top + field.height;
        let to = if top < offset {
            (top - REVEAL_MARGIN).max(0.0)
        } else if bottom > offset + frame.bounds.height {
            bottom - frame.bounds.height + REVEAL_MARGIN
        } else {
            return;
        };
        self.to = Some((frame.index, to));
    }

    fn finish(&self) -> Outcome<()> {
        match self.to {
            Some((index, y)) => Outcome::Chain(Box::new(ScrollNth { index, y, seen: 0 })),
            None => Outcome::None,
        }
    }
}

/// Scrolls the `index`th scrollable of the window to `y` (scrollables often have no id).
struct ScrollNth {
    index: usize,
    y: f32,
    seen: usize,
}

impl Operation for ScrollNth {
    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        if self.seen <= self.index {
            operate(self);
        }
    }

    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        _bounds: Rectangle,
        _content_bounds: Rectangle,
        _translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        if self.seen == self.index {
            state.scroll_to(AbsoluteOffset {
                x: None,
                y: Some(self.y),
            });
        }
        self.seen += 1;
    }
}
