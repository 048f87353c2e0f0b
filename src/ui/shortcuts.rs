//! Keyboard shortcuts, dropped files and the close button: what the window hears besides
//! clicks, and what each shortcut does.

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::operation;
use iced::{Event, Subscription, Task, event, window};

use super::app::{App, Message, Page, Screen};
use super::screen::{agencies, agency};
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
    if modifiers.command() {
        return match key.as_ref() {
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
            Shortcut::NextField => return operation::focus_next(),
            Shortcut::PreviousField => return operation::focus_previous(),
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
                    return self.update(Message::Agency(match s {
                        Shortcut::NewNominee => agency::Message::NewNominee,
                        _ => agency::Message::OpenDecision,
                    }));
                }
            }
            Shortcut::Discard => {
                if self.leaving.is_some() {
                    return self.update(Message::Discard);
                }
            }
            Shortcut::Back => match &self.screen {
                Screen::Agency(a) => return self.update(Message::Agency(a.escape())),
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
            Shortcut::Down | Shortcut::Up | Shortcut::Enter => {}
        }
        Task::none()
    }
}
