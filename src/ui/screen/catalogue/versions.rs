//! Every version of the catalogue: pick a number, see its requirements as they stood and how
//! the version in force differs; below, the history of every change to the catalogue.

use iced::widget::{Column, column, container, row, rule, scrollable, text};
use iced::{Alignment, Element, Length};
use std::fmt;

use super::changes::line;
use super::{Message, list};
use crate::domain::{Catalogue, Requirement};
use crate::registry::AuditEntry;
use crate::ui::choices::Choices;

/// A version in the version menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionChoice {
    /// Its number.
    pub number: u32,
    /// Whether it is the version in force.
    pub in_force: bool,
}

impl fmt::Display for VersionChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Version {}", self.number)?;
        if self.in_force {
            f.write_str(" (in force)")?;
        }
        Ok(())
    }
}

/// The version picked, as far as it has been read.
#[derive(Debug, Clone)]
pub(super) enum VersionRead {
    /// Asked of the store.
    Reading(u32),
    /// Its requirements as they stood.
    Kept(Catalogue),
    /// Its text was not kept (edited before schema 2).
    NotKept(u32),
    /// The store could not read it.
    Failed(u32, String),
}

impl VersionRead {
    /// The version's number.
    pub fn number(&self) -> u32 {
        match self {
            VersionRead::Reading(n) | VersionRead::NotKept(n) | VersionRead::Failed(n, _) => *n,
            VersionRead::Kept(c) => c.version,
        }
    }
}

/// The version menu's options when `in_force` is the version in force: newest first.
pub(super) fn menu(in_force: u32) -> Choices<VersionChoice> {
    Choices::new((1..=in_force).rev().map(|number| VersionChoice {
        number,
        in_force: number == in_force,
    }))
}

/// The Versions view: the menu (made by [`menu`]), the version picked, the history.
pub(super) fn view<'a>(
    in_force: &'a Catalogue,
    choices: &'a Choices<VersionChoice>,
    picked: Option<&'a VersionRead>,
    history: &'a [AuditEntry],
) -> Element<'a, Message> {
    let selected = picked.map(|p| VersionChoice {
        number: p.number(),
        in_force: p.number() == in_force.version,
    });
    let menu = row![
        text("See the catalogue as it stood at").size(14),
        // A combo box: Tab reaches it, and typing a number then Enter picks that version.
        choices
            .view("Type a version", selected.as_ref(), Message::PickVersion)
            .width(220),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    let shown: Element<'a, Message> = match picked {
        None => text("Pick a version.").size(14).into(),
        Some(VersionRead::Reading(n)) => text(format!("Reading version {n}…")).size(14).into(),
        Some(VersionRead::Failed(n, e)) => text(format!("Version {n} could not be read: {e}"))
            .size(14)
            .style(text::danger)
            .into(),
        Some(VersionRead::NotKept(n)) => text(format!(
            "The text of version {n} was not kept: it dates from before g287 kept a copy of every catalogue version (database schema 2). The history beside still lists each change made to the catalogue."
        ))
        .size(14)
        .into(),
        Some(VersionRead::Kept(c)) => {
            let all: Vec<&Requirement> = c.requirements.iter().collect();
            let about = if c.version == in_force.version {
                format!("Version {} is the one in force.", c.version)
            } else {
                format!(
                    "Version {}, as decisions made under it were checked. Where version {} (in force) differs, the requirement says so.",
                    c.version, in_force.version
                )
            };
            column![
                text(about).size(14),
                list::grouped(&all, None, (c.version != in_force.version).then_some(in_force)),
            ]
            .spacing(10)
            .into()
        }
    };
    let mut past = Column::new().spacing(4);
    for e in history {
        past = past.push(text(line(e)).size(13));
    }
    let history_card = column![
        text(format!(
            "History of the catalogue ({} entries)",
            history.len()
        ))
        .size(18),
        rule::horizontal(1),
        past,
    ]
    .spacing(6);
    let pad = |content: Element<'a, Message>| {
        scrollable(container(content).padding(iced::Padding {
            right: 14.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill)
    };
    column![
        menu,
        row![
            container(pad(shown)).width(Length::FillPortion(3)),
            container(pad(container(history_card)
                .padding(14)
                .style(container::rounded_box)
                .width(Length::Fill)
                .into()))
            .width(Length::FillPortion(2)),
        ]
        .spacing(16)
        .height(Length::Fill),
    ]
    .spacing(12)
    .into()
}
