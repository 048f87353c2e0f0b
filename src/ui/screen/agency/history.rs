//! The agency's history from the audit log, newest first, one compact line per change.

use iced::widget::{Column, button, column, row, rule, text};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{BODY, SMALL, card, heading, quiet};
use crate::registry::AuditEntry;

/// Entries shown before "Show all": the page stays short for agencies with a long past.
pub const FIRST_SHOWN: usize = 25;

/// The history section; `all` shows every entry the store handed over.
pub(super) fn view(history: &[AuditEntry], all: bool) -> Element<'_, Message> {
    let shown = if all {
        history.len()
    } else {
        history.len().min(FIRST_SHOWN)
    };
    let mut entries = Column::new().spacing(6);
    for e in &history[..shown] {
        entries = entries.push(
            row![
                text(e.when()).size(SMALL).width(150),
                text(e.who.clone()).size(SMALL).width(110),
                text(format!("{} · {}", e.record(), e.action))
                    .size(SMALL)
                    .width(170),
                text(e.changes_in_words()).size(SMALL).width(Length::Fill),
            ]
            .spacing(10),
        );
    }
    let mut section = column![
        row![
            heading("History"),
            quiet(if history.is_empty() {
                "nothing recorded yet".to_string()
            } else {
                format!("newest first, {shown} of {} shown", history.len())
            }),
        ]
        .spacing(12)
        .align_y(Alignment::Center),
        rule::horizontal(1),
        entries,
    ]
    .spacing(8);
    if shown < history.len() {
        section = section.push(
            button(text(format!("Show all {} entries", history.len())).size(BODY))
                .on_press(Message::ShowAllHistory)
                .style(button::secondary),
        );
    }
    card(section)
}
