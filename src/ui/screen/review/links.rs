//! The Review screen's links: agencies the rules could not link to the national list of law
//! enforcement agencies on their own, each with the reason and the candidates, best first. A
//! coordinator chooses one (the link is then "confirmed") or says the agency has none there,
//! with the reason; either is kept in the history.

use super::queue::Queue;
use crate::domain::{AgencyId, Ori};
use crate::registry::LinkInReview;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

/// How many agencies the screen shows at once: each settled one makes room for the next.
pub const SHOWN: usize = 40;

/// The links waiting for a coordinator.
#[derive(Debug, Clone, Default)]
pub struct Links {
    queue: Queue<AgencyId, LinkInReview>,
}

/// What the coordinator does with a link.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Typed a reason (for "no ORI") or a note.
    Reason(AgencyId, String),
    /// Chose this candidate.
    Choose(AgencyId, Ori),
    /// Said the agency has no ORI in the national list, for the typed reason.
    NoOri(AgencyId),
}

/// A coordinator's decision, for the application to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The agency.
    pub agency: AgencyId,
    /// The ORI chosen; `None`: it has none in the national list.
    pub ori: Option<Ori>,
    /// The reason (required for none) or note.
    pub reason: String,
}

impl Links {
    /// The links waiting now.
    pub fn new(items: Vec<LinkInReview>) -> Links {
        Links {
            queue: Queue::new(items),
        }
    }

    /// How many wait.
    pub fn open(&self) -> usize {
        self.queue.open()
    }

    /// After a decision: the links waiting now, or the error for the agency decided.
    pub fn decided(
        &mut self,
        agency: AgencyId,
        result: Result<Vec<LinkInReview>, crate::registry::RegistryError>,
    ) {
        self.queue.settled(agency, result);
    }

    /// Handles a message; a decision when one was made.
    pub fn update(&mut self, message: Message) -> Option<Decision> {
        match message {
            Message::Reason(agency, reason) => {
                self.queue.type_text(agency, reason);
                None
            }
            Message::Choose(agency, ori) => Some(Decision {
                agency,
                ori: Some(ori),
                reason: self.queue.typed(agency).to_string(),
            }),
            Message::NoOri(agency) => {
                let reason = self.queue.typed(agency).to_string();
                if reason.trim().is_empty() {
                    self.queue.refuse(
                        agency,
                        "type why it has no ORI in the national list (a county jail without its own, a state agency the FBI does not list...)",
                    );
                    return None;
                }
                Some(Decision {
                    agency,
                    ori: None,
                    reason,
                })
            }
        }
    }

    /// The section: a card per agency, with its candidates.
    pub fn view(&self) -> Element<'_, Message> {
        let mut cards = column![].spacing(10);
        for item in self.queue.items().iter().take(SHOWN) {
            cards = cards.push(self.card(item));
        }
        if self.queue.open() > SHOWN {
            cards = cards.push(text(format!(
                "{} more wait; each one settled makes room for the next (g287 links lists them all)",
                self.queue.open() - SHOWN
            )));
        }
        cards.into()
    }

    fn card<'a>(&'a self, item: &'a LinkInReview) -> Element<'a, Message> {
        let d = &item.agency.details;
        let id = item.agency.id;
        let county = d
            .county
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let mut card = column![
            text(format!(
                "{} ({}{county}, {})",
                d.name,
                d.state.code(),
                d.kind
            ))
            .size(16),
            text(item.reason.clone()).size(14),
        ]
        .spacing(6);
        if item.candidates.is_empty() {
            card = card.push(text("No agency of the national list comes close.").size(14));
        }
        for (candidate, row) in &item.candidates {
            let figures = format!(" · {}", crate::ui::screen::agency::figures(row));
            card = card.push(
                row![
                    button(text(format!("This one: {}", row.ori)))
                        .on_press(Message::Choose(id, row.ori.clone()))
                        .style(button::secondary),
                    column![
                        text(format!("{}{figures}", row.described())).size(14),
                        text(candidate.why.clone()).size(12),
                    ]
                    .spacing(2),
                ]
                .spacing(10)
                .align_y(Alignment::Center),
            );
        }
        let reason = self.queue.typed(id);
        card = card.push(
            row![
                text_input("reason (needed for \"no ORI\"; a note otherwise)", reason)
                    .style(crate::ui::choices::field)
                    .on_input(move |v| Message::Reason(id, v))
                    .on_submit(Message::NoOri(id))
                    .width(420)
                    .padding(6),
                button(text("No ORI in the national list"))
                    .on_press(Message::NoOri(id))
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
        if let Some(e) = self.queue.error(id) {
            card = card.push(text(e).style(text::danger));
        }
        container(card)
            .padding(10)
            .style(container::rounded_box)
            .width(Length::Fill)
            .into()
    }
}
