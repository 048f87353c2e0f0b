//! Asking before typing is lost. A coordinator who half-fills a nominee form or a decision and
//! then clicks a tab, presses Escape, opens another agreement or closes the window is asked
//! first; the message that would have lost the typing waits here until they choose.

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length};

use super::app::Message;
use super::screen::parts::{BODY, dialog_surface, modal};

/// A message held back because handling it would throw away what is typed.
#[derive(Debug)]
pub struct Leaving {
    /// What would be lost, in the coordinator's words ("the nominee form").
    pub what: &'static str,
    /// The message to carry out if they choose to discard.
    pub then: Box<Message>,
}

impl Leaving {
    /// The question, over `page`. Keeping the typing is the first and safer choice.
    pub fn view<'a>(&self, page: Element<'a, Message>) -> Element<'a, Message> {
        let dialog = container(
            column![
                text("Discard what you typed?").size(20),
                text(format!(
                    "What you typed in {} has not been saved. Discarding loses it.",
                    self.what
                ))
                .size(BODY),
                row![
                    button(text("Keep editing"))
                        .on_press(Message::KeepEditing)
                        .style(button::primary)
                        .padding([6, 14]),
                    button(text("Discard"))
                        .on_press(Message::Discard)
                        .style(button::danger)
                        .padding([6, 14]),
                ]
                .spacing(12),
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
