//! The MOA terms that set the calendar's deadlines, as the catalogue in force holds them: what
//! each sets, for which models, how long, in the MOA's words, and where the MOA says so.

use iced::widget::{Column, column, container, row, scrollable, text};
use iced::{Element, Length};

use super::Message;
use crate::domain::catalogue::Term;

/// The list of terms, one block each.
pub(super) fn view(terms: &[Term]) -> Element<'_, Message> {
    if terms.is_empty() {
        return text(
            "This catalogue holds no MOA terms: it dates from before g287 kept them, so the \
             calendar sets no deadline until it is upgraded.",
        )
        .size(14)
        .into();
    }
    let mut list = Column::new().spacing(12);
    for t in terms {
        let models = t
            .models
            .iter()
            .map(|m| m.short())
            .collect::<Vec<_>>()
            .join(", ");
        let party = t
            .party
            .map(|p| format!(" · notice by {}", p.to_string().to_lowercase()))
            .unwrap_or_default();
        let kind = if t.binding {
            "a deadline"
        } else {
            "advisory: shown, never overdue"
        };
        list = list.push(
            column![
                text(format!("{} — {models}{party}", t.deadline)).size(16),
                text(format!(
                    "\u{201c}{}\u{201d} · {}{} · {kind}",
                    t.wording,
                    t.period,
                    if t.before { " before" } else { "" }
                ))
                .size(14),
                text(format!("{} · source: {}", t.id, t.source))
                    .size(13)
                    .style(text::secondary),
            ]
            .spacing(2),
        );
    }
    let header = text(format!(
        "{} terms of ICE's MOAs set the calendar's deadlines. A deadline exists only for the \
         models whose MOA carries the term.",
        terms.len()
    ))
    .size(14);
    column![
        header,
        scrollable(container(list).padding(iced::Padding {
            right: 14.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill),
    ]
    .spacing(10)
    .into()
}

/// A corrected requirement the coordinator's own edit held back: both versions side by side,
/// and the two choices (offered when the login `may` change the catalogue).
pub(super) fn shipped_changes(
    changes: &[crate::registry::ShippedChange],
    may: bool,
) -> Option<Element<'_, Message>> {
    if changes.is_empty() {
        return None;
    }
    let mut list = Column::new().spacing(8);
    for c in changes {
        let words = |r: &crate::domain::Requirement| {
            format!(
                "{} · {} · {}{}",
                r.title,
                r.models
                    .iter()
                    .map(|m| m.short())
                    .collect::<Vec<_>>()
                    .join(", "),
                r.rule.in_words().unwrap_or_else(|| "no threshold".into()),
                if r.enabled { "" } else { " · retired" }
            )
        };
        list = list.push(
            column![
                text(c.requirement_id.as_str()).size(15),
                text(format!("Shipped with this release: {}", words(&c.shipped))).size(14),
                text(format!("Yours (in force): {}", words(&c.theirs))).size(14),
                text(format!("Source of the correction: {}", c.shipped.source))
                    .size(13)
                    .style(text::secondary),
                row![
                    iced::widget::button(text("Adopt the shipped version"))
                        .on_press_maybe(may.then(|| Message::Adopt(c.requirement_id.clone())))
                        .style(iced::widget::button::primary)
                        .padding([4, 10]),
                    iced::widget::button(text("Keep mine"))
                        .on_press_maybe(may.then(|| Message::KeepMine(c.requirement_id.clone())))
                        .style(iced::widget::button::secondary)
                        .padding([4, 10]),
                ]
                .spacing(8),
            ]
            .spacing(3),
        );
    }
    Some(
        container(
            column![
                text(format!(
                    "{} correction(s) of the shipped catalogue wait for you: you had edited these \
                     requirements, so g287 kept your version.",
                    changes.len()
                ))
                .size(15),
                list,
            ]
            .spacing(8),
        )
        .padding(10)
        .style(container::bordered_box)
        .into(),
    )
}
