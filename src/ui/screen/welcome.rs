//! The first start on an empty database: load ICE's sample list or start empty.

use iced::widget::{button, column, container, text};
use iced::{Element, Length};

/// The welcome screen (no state of its own).
#[derive(Debug, Clone, Default)]
pub struct Welcome;

/// What the coordinator can do here.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Load the ICE list shipped with g287 (participating agencies, 18 July 2025).
    LoadSample,
    /// Start with an empty registry.
    StartEmpty,
}

/// What the application should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Import the shipped sample list.
    LoadSample,
    /// Go to the (empty) agencies screen.
    StartEmpty,
}

impl Welcome {
    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::LoadSample => Action::LoadSample,
            Message::StartEmpty => Action::StartEmpty,
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let body = column![
            text("Welcome to g287").size(28),
            text("The registry is empty. You can start from ICE's published list of participating agencies (18 July 2025, 832 agreements), or start empty and import your own lists later."),
            button(text("Load ICE's list of 18 July 2025")).on_press(Message::LoadSample).style(button::primary).padding(10),
            button(text("Start empty")).on_press(Message::StartEmpty).style(button::secondary).padding(10),
        ]
        .spacing(16)
        .max_width(560);
        container(body).center(Length::Fill).into()
    }
}
