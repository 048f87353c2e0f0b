//! The requirements as a list grouped by level: what each requires, of which models, its
//! threshold in words, whether it is retired, and where it comes from.

use iced::widget::{Column, button, column, container, row, text};
use iced::{Element, Length, Theme, border};

use super::Message;
use super::changes::differences;
use crate::domain::{Catalogue, Level, Phase, Requirement};

/// The requirements in catalogue order, agency level first. The one whose id is `selected` is
/// marked. Without `in_force` each row opens its form; with it (an older version, read only)
/// each row says how the version in force differs.
pub(super) fn grouped<'a>(
    shown: &[&'a Requirement],
    selected: Option<&str>,
    in_force: Option<&'a Catalogue>,
) -> Element<'a, Message> {
    let mut list = Column::new().spacing(12);
    if shown.is_empty() {
        return text("No requirement of this level applies to this model.")
            .size(14)
            .into();
    }
    for level in [Level::Agency, Level::Officer] {
        let of_level: Vec<&Requirement> =
            shown.iter().copied().filter(|r| r.level == level).collect();
        if of_level.is_empty() {
            continue;
        }
        let mut group = Column::new()
            .spacing(4)
            .push(text(format!("{level} requirements ({})", of_level.len())).size(18));
        for r in of_level {
            let since = in_force
                .and_then(|c| c.get(&r.id))
                .map(|now| differences(r, now))
                .unwrap_or_default();
            let entry = entry(r, &since);
            group = group.push(match in_force {
                Some(_) => container(entry).padding([6, 8]).into(),
                None => Element::from(
                    button(entry)
                        .on_press(Message::Select(r.id.to_string()))
                        .padding([6, 8])
                        .width(Length::Fill)
                        .style(if selected == Some(&*r.id) {
                            selected_style
                        } else {
                            button::text
                        }),
                ),
            });
        }
        list = list.push(group);
    }
    list.into()
}

/// The requirement whose form is open: framed on a light ground, so that its quieter lines stay
/// readable (a filled button style would hide them).
fn selected_style(theme: &Theme, status: button::Status) -> button::Style {
    let palette = theme.extended_palette();
    button::Style {
        background: Some(palette.background.weak.color.into()),
        border: border::rounded(4)
            .width(2)
            .color(palette.primary.base.color),
        ..button::text(theme, status)
    }
}

/// One requirement; `since` says how the version in force differs, when it does.
fn entry<'a>(r: &'a Requirement, since: &[String]) -> Element<'a, Message> {
    let mut title = row![text(&*r.title).size(16).width(Length::Fill)].spacing(8);
    if !r.enabled {
        title = title.push(
            container(text("Retired").size(13))
                .padding([1, 8])
                .style(container::warning),
        );
    }
    let models: Vec<&str> = r.models.iter().map(|m| m.short()).collect();
    let mut c = column![
        title,
        text(match r.rule.in_words() {
            Some(threshold) => format!("Models: {} · threshold: {threshold}", models.join(", ")),
            None => format!("Models: {}", models.join(", ")),
        })
        .size(14),
        text(format!(
            "{} · {} level, {} · source: {}",
            r.id,
            r.level.to_string().to_lowercase(),
            match r.phase {
                Phase::Request => "due before acceptance",
                Phase::Operation => "due once active",
            },
            r.source
        ))
        .size(13)
        .style(text::secondary),
    ]
    .spacing(2);
    if !since.is_empty() {
        c = c.push(
            text(format!("Changed since: {}", since.join("; ")))
                .size(13)
                .style(text::warning),
        );
    }
    c.into()
}
