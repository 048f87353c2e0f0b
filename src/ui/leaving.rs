//! Asking before work is lost. A coordinator who half-fills a nominee form or a decision and
//! then clicks a tab, presses Escape, opens another agreement or closes the window is asked
//! first, and so is one who quits while an import runs; the message that would have lost the
//! work waits here until they choose.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use super::app::Message;
use super::screen::parts::{BODY, dialog_surface, modal};

/// An id no widget has (focusing it takes the focus from every field); the question itself
/// takes the focus with [`super::shortcuts::FocusKept::take`], which also notes where it was.
pub const QUESTION_ID: &str = "leaving-question";

/// What carrying out a message would lose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loss {
    /// What is typed in this form, in the coordinator's words ("the nominee form").
    Typing(&'static str),
    /// The import running in the background (quitting stops it before it commits).
    Import,
}

/// A message held back because handling it would lose work.
#[derive(Debug)]
pub struct Leaving {
    /// What would be lost.
    pub loss: Loss,
    /// The message to carry out if they choose to go ahead.
    pub then: Box<Message>,
}

impl Leaving {
    /// The question, over `page`. Keeping the work is the first and safer choice.
    pub fn view<'a>(&self, page: Element<'a, Message>) -> Element<'a, Message> {
        let (question, said, keep, lose) = match self.loss {
            Loss::Typing(what) => (
                "Discard what you typed?",
                format!("What you typed in {what} has not been saved. Discarding loses it."),
                "Keep editing",
                "Discard",
            ),
            Loss::Import => (
                "Stop the import?",
                "An import is still running. Quitting stops it, and none of it is kept: the \
                 registry stays as it was before the import began."
                    .to_string(),
                "Keep importing",
                "Quit anyway",
            ),
        };
        let dialog = container(
            column![
                text(question).size(20),
                text(said).size(BODY),
                row![
                    button(text(keep))
                        .on_press(Message::KeepEditing)
                        .style(button::primary)
                        .padding([6, 14]),
                    button(text(lose))
                        .on_press(Message::Discard)
                        .style(button::danger)
                        .padding([6, 14]),
                ]
                .spacing(12),
                text(format!(
                    "Keys: Esc or Enter: {}  ·  D: {}",
                    keep.to_lowercase(),
                    lose.to_lowercase()
                ))
                .size(13),
            ]
            .spacing(14),
        )
        .padding(20)
        .max_width(520)
        .width(Length::Shrink)
        .style(dialog_surface);
        modal(page, dialog)
    }
}
