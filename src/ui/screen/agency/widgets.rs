//! Small pieces every part of the Agency screen draws with, so that cards, headings, labels and
//! errors look the same in each section.

use iced::widget::{button, container, row, text};
use iced::{Alignment, Element, Length};
use std::fmt;

use super::Message;
use crate::domain::CheckStatus;
pub(super) use crate::ui::screen::parts::{
    BODY, SMALL, card, dialog_surface, error_for, error_text, heading, labelled, modal, quiet,
};

/// A yes / no / not known answer, as the forms offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// Not known yet.
    Unknown,
    /// Yes.
    Yes,
    /// No.
    No,
}

impl Answer {
    /// The three answers, unknown first since it is what an empty record holds.
    pub const ALL: [Answer; 3] = [Answer::Unknown, Answer::Yes, Answer::No];

    /// The answer for a recorded fact.
    pub fn from_option(v: Option<bool>) -> Answer {
        match v {
            None => Answer::Unknown,
            Some(true) => Answer::Yes,
            Some(false) => Answer::No,
        }
    }

    /// The recorded fact.
    pub fn value(self) -> Option<bool> {
        match self {
            Answer::Unknown => None,
            Answer::Yes => Some(true),
            Answer::No => Some(false),
        }
    }

    /// Reads the text a [`NomineeForm`](crate::domain::NomineeForm) holds ("yes", "no", "").
    pub fn from_form(raw: &str) -> Answer {
        match raw.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" => Answer::Yes,
            "no" | "n" | "false" => Answer::No,
            _ => Answer::Unknown,
        }
    }

    /// The text a [`NomineeForm`](crate::domain::NomineeForm) takes.
    pub fn form_text(self) -> &'static str {
        match self {
            Answer::Unknown => "",
            Answer::Yes => "yes",
            Answer::No => "no",
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Answer::Unknown => "Not known",
            Answer::Yes => "Yes",
            Answer::No => "No",
        })
    }
}

/// A check's outcome in words on its colour, the words first: colour is never the only sign.
/// A filled badge, not coloured text, because amber text on the card's grey reads poorly.
pub(super) fn badge<'a>(status: CheckStatus) -> Element<'a, Message> {
    let style = match status {
        CheckStatus::Met => container::success,
        CheckStatus::NotMet => container::danger,
        CheckStatus::NoRecord => container::warning,
        CheckStatus::NotYetDue => container::secondary,
        CheckStatus::Waived => container::primary,
    };
    container(text(status.to_string()).size(SMALL))
        .padding([2, 8])
        .width(92)
        .center_x(92)
        .style(style)
        .into()
}

/// "1 requirement is" / "2 requirements are".
pub(super) fn requirements_are(n: usize) -> String {
    if n == 1 {
        "1 requirement is".into()
    } else {
        format!("{n} requirements are")
    }
}

/// The buttons under a form: its Save (filled: what the form is for) and Cancel, which closes it
/// on purpose and so is never asked about.
pub(super) fn save_or_cancel<'a>(
    save: &'a str,
    on_save: Message,
    on_cancel: Message,
) -> Element<'a, Message> {
    row![
        button(text(save))
            .on_press(on_save)
            .style(button::primary)
            .padding([6, 16]),
        button(text("Cancel"))
            .on_press(on_cancel)
            .style(button::secondary)
            .padding([6, 16]),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// The frame of a form opened inside a card, so it reads as apart from the records around it.
pub(super) fn form_frame<'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(12)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}
