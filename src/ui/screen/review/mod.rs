//! The Review screen: values imports flagged (unreadable dates and the like), each resolved
//! with the right value or dismissed with a reason, and agencies whose link to the national
//! list waits for a coordinator ([`links`]), and what signed MOAs disagree with or could fill in
//! ([`moa`]); either way kept in the history.

pub mod links;
pub mod moa;
mod queue;

use iced::widget::{button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use crate::registry::LinkInReview;
use crate::registry::{Resolution, ReviewItem};

/// The Review screen's state.
#[derive(Debug, Clone, Default)]
pub struct Review {
    links: links::Links,
    moa: moa::MoaChecks,
    flagged: queue::Queue<i64, ReviewItem>,
}

/// What the coordinator does here.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    /// Typed the correct value (a date) or a reason to dismiss.
    Input(i64, String),
    /// Apply the typed date as the value (the button, or Enter in a date's field).
    Resolve(i64),
    /// Dismiss the flag, with the typed text as the reason (the button, or Enter in the field
    /// of a value that is not a date).
    Dismiss(i64),
    /// On an agency whose link to the national list waits.
    Link(links::Message),
    /// On an MOA check.
    Moa(moa::Message),
}

/// What the application should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Settle one flagged value.
    Settle(i64, Resolution),
    /// Write a coordinator's decision on an agency's link.
    Link(links::Decision),
    /// Accept or dismiss an MOA check.
    Moa(moa::Settle),
}

impl Review {
    /// The screen with these open items and links.
    pub fn new(items: Vec<ReviewItem>, links: Vec<LinkInReview>) -> Review {
        Review {
            flagged: queue::Queue::new(items),
            links: links::Links::new(links),
            ..Review::default()
        }
    }

    /// The same screen with these open MOA checks.
    pub fn with_moa_checks(
        mut self,
        checks: Vec<crate::registry::documents::MoaCheckItem>,
    ) -> Review {
        self.moa = moa::MoaChecks::new(checks);
        self
    }

    /// How many are open: flagged values, links and MOA checks.
    pub fn open(&self) -> usize {
        self.flagged.open() + self.links.open() + self.moa.open()
    }

    /// After an MOA check was settled: the checks open now, or the error.
    pub fn moa_settled(
        &mut self,
        id: i64,
        result: Result<
            Vec<crate::registry::documents::MoaCheckItem>,
            crate::registry::RegistryError,
        >,
    ) {
        self.moa.settled(id, result);
    }

    /// After a link decision: the links waiting now, or the error.
    pub fn linked(
        &mut self,
        agency: crate::domain::AgencyId,
        result: Result<Vec<LinkInReview>, crate::registry::RegistryError>,
    ) {
        self.links.decided(agency, result);
    }

    /// After a settle: the open items now, or the error for one item.
    pub fn settled(
        &mut self,
        id: i64,
        result: Result<Vec<ReviewItem>, crate::registry::RegistryError>,
    ) {
        self.flagged.settled(id, result);
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Link(m) => self.links.update(m).map_or(Action::None, Action::Link),
            Message::Moa(m) => self.moa.update(m).map_or(Action::None, Action::Moa),
            Message::Input(id, value) => {
                self.flagged.type_text(id, value);
                Action::None
            }
            Message::Resolve(id) => {
                let raw = self.flagged.typed(id).to_string();
                // Read as the importer reads the column, so that every form the flag's own
                // message offers (an Excel date, 2025-05-08, 5/8/2025) is taken here too.
                let cell = crate::import::Cell::Text(raw.trim().to_string());
                match crate::import::parse_signed(&cell, crate::registry::today()) {
                    Ok(date) => Action::Settle(id, Resolution::SignedOn(date)),
                    Err(why) => {
                        self.flagged.refuse(id, format!("{:?}: {why}", raw.trim()));
                        Action::None
                    }
                }
            }
            Message::Dismiss(id) => {
                let why = self.flagged.typed(id).to_string();
                if why.trim().is_empty() {
                    self.flagged.refuse(id, "type why the value is dismissed");
                    return Action::None;
                }
                Action::Settle(id, Resolution::Dismiss(why))
            }
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let links_title = text(format!(
            "Agencies to link to the national list: {}",
            self.links.open()
        ))
        .size(24);
        let links: Element<'_, Message> = if self.links.open() == 0 {
            text("Every agency is linked to its ORI, or a coordinator said it has none.").into()
        } else {
            self.links.view().map(Message::Link)
        };
        let moa_title = text(format!("MOA disagreements: {}", self.moa.open())).size(24);
        let moa: Element<'_, Message> = if self.moa.open() == 0 {
            text("Every signed MOA attached agrees with the registry, or has been settled.").into()
        } else {
            self.moa.view().map(Message::Moa)
        };
        let title = text(format!("Flagged values to review: {}", self.flagged.open())).size(24);
        if self.flagged.open() == 0 {
            let page = column![
                title,
                text("Nothing to review: every imported value was readable or has been settled."),
                links_title,
                links,
                moa_title,
                moa,
            ]
            .spacing(12);
            return scrollable(page).height(Length::Fill).into();
        }
        let items = column(self.flagged.items().iter().map(|i| {
            let input = self.flagged.typed(i.id);
            let is_date = i.column == "SIGNED" && i.agreement_id.is_some();
            let mut actions = row![
                text_input(
                    if is_date {
                        "correct date (2025-05-08, 5/8/2025 or an Excel date) or reason"
                    } else {
                        "reason to dismiss"
                    },
                    input
                )
                .style(crate::ui::choices::field)
                .on_input(move |v| Message::Input(i.id, v))
                .on_submit(if is_date {
                    Message::Resolve(i.id)
                } else {
                    Message::Dismiss(i.id)
                })
                .width(320)
                .padding(6),
            ]
            .spacing(8)
            .align_y(Alignment::Center);
            if is_date {
                actions = actions.push(
                    button(text("Set date"))
                        .on_press(Message::Resolve(i.id))
                        .style(button::primary),
                );
            }
            actions = actions.push(
                button(text("Dismiss"))
                    .on_press(Message::Dismiss(i.id))
                    .style(button::secondary),
            );
            let mut card = column![
                text(format!("{}: {:?}", i.whose(), i.value)).size(16),
                text(i.message.clone()).size(14),
                actions,
            ]
            .spacing(6);
            if let Some(e) = self.flagged.error(i.id) {
                card = card.push(text(e).style(text::danger));
            }
            container(card)
                .padding(10)
                .style(container::rounded_box)
                .width(Length::Fill)
                .into()
        }))
        .spacing(10);
        // The flagged values first: they are few, and each holds up an agreement's record.
        scrollable(column![title, items, links_title, links, moa_title, moa].spacing(12))
            .height(Length::Fill)
            .into()
    }
}
