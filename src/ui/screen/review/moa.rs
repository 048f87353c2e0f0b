//! The Review screen's MOA checks: where a signed MOA attached to an agreement says something
//! else than the registry (another model, state or agency, a signing date other than the
//! list's), with both values; and signatures read from an MOA that the agreement lacks, which
//! the coordinator accepts (the signature is recorded) or dismisses. A disagreement is
//! dismissed with the reason (the registry is corrected where it is kept, never from a guess).

use super::queue::Queue;
use crate::registry::documents::MoaCheckItem;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

/// The MOA checks still open.
#[derive(Debug, Clone, Default)]
pub struct MoaChecks {
    queue: Queue<i64, MoaCheckItem>,
}

/// What the coordinator does with a check.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Typed the reason to dismiss.
    Reason(i64, String),
    /// Fill the agreement's empty field from the MOA.
    Accept(i64),
    /// Dismiss, with the typed reason.
    Dismiss(i64),
}

/// A coordinator's answer to a check, for the application to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Settle {
    /// The check.
    pub id: i64,
    /// Fill in (`true`) or dismiss.
    pub accept: bool,
    /// The reason, for a dismissal.
    pub note: Option<String>,
}

impl MoaChecks {
    /// The checks open now.
    pub fn new(items: Vec<MoaCheckItem>) -> MoaChecks {
        MoaChecks {
            queue: Queue::new(items),
        }
    }

    /// How many are open.
    pub fn open(&self) -> usize {
        self.queue.open()
    }

    /// After a settle: the checks open now, or the error for the one settled.
    pub fn settled(
        &mut self,
        id: i64,
        result: Result<Vec<MoaCheckItem>, crate::registry::RegistryError>,
    ) {
        self.queue.settled(id, result);
    }

    /// Handles a message; the settle asked for, if any.
    pub fn update(&mut self, message: Message) -> Option<Settle> {
        match message {
            Message::Reason(id, reason) => {
                self.queue.type_text(id, reason);
                None
            }
            Message::Accept(id) => Some(Settle {
                id,
                accept: true,
                note: None,
            }),
            Message::Dismiss(id) => {
                let why = self.queue.typed(id).to_string();
                if why.trim().is_empty() {
                    self.queue.refuse(id, "type why the MOA check is dismissed");
                    return None;
                }
                Some(Settle {
                    id,
                    accept: false,
                    note: Some(why),
                })
            }
        }
    }

    /// The checks, each with both values and its buttons.
    pub fn view(&self) -> Element<'_, Message> {
        column(self.queue.items().iter().map(|c| self.card(c)))
            .spacing(10)
            .into()
    }

    fn card<'a>(&'a self, c: &'a MoaCheckItem) -> Element<'a, Message> {
        let field = match c.field.as_str() {
            "model" => "the model",
            "state" => "the state",
            "agency" => "the agency",
            "signed_on" => "the signing date",
            "agency_signature" => "the agency's signature",
            "component_signature" => "ICE's signature",
            other => other,
        };
        let title = format!(
            "{} ({}), {}: {}",
            c.agency,
            c.state,
            c.model.to_uppercase(),
            if c.kind == "fills" {
                format!("{field} read from the MOA, none on record")
            } else {
                format!("the MOA says another {}", field.trim_start_matches("the "))
            }
        );
        let values = column![
            text(format!("In the MOA ({}): {}", c.document, c.in_moa)).size(14),
            text(format!(
                "In the registry: {}",
                c.in_registry.as_deref().unwrap_or("nothing")
            ))
            .size(14),
        ]
        .spacing(2);
        let reason = self.queue.typed(c.id);
        let mut actions = row![
            text_input("reason to dismiss", reason)
                .style(crate::ui::choices::field)
                .on_input(move |v| Message::Reason(c.id, v))
                .on_submit(Message::Dismiss(c.id))
                .width(320)
                .padding(6),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if c.kind == "fills" {
            actions = actions.push(
                button(text("Accept"))
                    .on_press(Message::Accept(c.id))
                    .style(button::primary),
            );
        }
        actions = actions.push(
            button(text("Dismiss"))
                .on_press(Message::Dismiss(c.id))
                .style(button::secondary),
        );
        let mut card = column![text(title).size(16), values, actions].spacing(6);
        if let Some(e) = self.queue.error(c.id) {
            card = card.push(text(e).style(text::danger));
        }
        container(card)
            .padding(10)
            .style(container::rounded_box)
            .width(Length::Fill)
            .into()
    }
}
