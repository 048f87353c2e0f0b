//! Small pieces every part of the Agency screen draws with, so that cards, headings, labels and
//! errors look the same in each section.

use iced::Element;
use iced::widget::{container, text};
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
