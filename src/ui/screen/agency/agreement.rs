//! One agreement: its facts and lifecycle, the requirement checklist, and the decisions taken on
//! it. (Its nominees are drawn by [`super::nominee`].)

use iced::widget::{Column, button, column, row, rule, text};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{BODY, badge, card, heading, quiet, requirements_are};
use crate::domain::{CheckStatus, MoaPosting, Phase};
use crate::store::detail::AgreementDetail;

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// What the agreement is and how it got where it is.
pub(super) fn summary(a: &AgreementDetail) -> Element<'_, Message> {
    let g = &a.agreement;
    let moa = match g.moa {
        Some(MoaPosting::Posted) => "posted",
        Some(MoaPosting::Pending) => "signed, not yet posted",
        None => "—",
    };
    let mut facts = row![
        fact("Status", g.status.label().to_string()),
        fact("Requested", date(g.requested_on)),
        fact("Signed", date(g.signed_on)),
        fact("MOA posted by ICE", moa.to_string()),
        fact("Last on ICE's list", date(g.last_listed_on)),
    ]
    .spacing(28);
    if let Some(url) = &g.moa_url {
        facts = facts.push(fact("MOA", url.clone()));
    }
    let mut lifecycle = Column::new().spacing(4);
    for c in &a.lifecycle {
        let change = match c.from {
            Some(from) => format!("{from} → {}", c.to),
            None => format!("Created as {}", c.to),
        };
        lifecycle = lifecycle.push(
            row![
                text(c.on.to_string()).size(BODY).width(100),
                text(change).size(BODY).width(230),
                text(format!("by {}", c.by)).size(BODY).width(150),
                quiet(c.note.clone().unwrap_or_default()).width(Length::Fill),
            ]
            .spacing(10),
        );
    }
    card(
        column![
            row![
                heading(format!("{} with {}", g.model.label(), g.component)),
                quiet(format!("agreement {}", g.id)),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
            facts,
            rule::horizontal(1),
            text("Lifecycle").size(16),
            lifecycle,
        ]
        .spacing(10),
    )
}

fn fact<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    column![quiet(label), text(value).size(BODY)]
        .spacing(2)
        .into()
}

/// Every requirement of the model with its outcome, reason and source.
pub(super) fn checklist(a: &AgreementDetail) -> Element<'_, Message> {
    let unmet = a
        .checks
        .iter()
        .filter(|c| c.status.blocks_acceptance())
        .count();
    let waived = a
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Waived)
        .count();
    let summary = if unmet == 0 {
        text(format!(
            "All {} requirements met{}",
            a.checks.len(),
            if waived > 0 {
                format!(" or waived ({waived} waived)")
            } else {
                String::new()
            }
        ))
        .size(BODY)
        .style(text::success)
    } else {
        text(format!(
            "{unmet} of {} requirements not met or unknown",
            a.checks.len()
        ))
        .size(BODY)
        .style(text::danger)
    };
    let mut list = Column::new().spacing(10);
    for c in &a.checks {
        list = list.push(
            row![
                badge(c.status),
                column![
                    text(&*c.title).size(16),
                    text(c.reason.as_str()).size(BODY),
                    quiet(format!(
                        "{} · {} level, {} · source: {}",
                        c.id,
                        c.level.to_string().to_lowercase(),
                        match c.phase {
                            Phase::Request => "due before acceptance",
                            Phase::Operation => "due once active",
                        },
                        c.source
                    )),
                ]
                .spacing(2)
                .width(Length::Fill),
            ]
            .spacing(12),
        );
    }
    card(
        column![
            row![
                heading("Requirements"),
                summary,
                iced::widget::space::horizontal(),
                quiet(format!("catalogue version {}", a.catalogue_version)),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
            rule::horizontal(1),
            list,
        ]
        .spacing(10),
    )
}

/// The decisions taken, oldest first, and the button that records a new one.
pub(super) fn decisions(a: &AgreementDetail) -> Element<'_, Message> {
    let mut list = Column::new().spacing(10);
    for d in &a.decisions {
        let mut block = column![
            row![
                text(d.draft.decided_on.to_string()).size(BODY).width(100),
                text(format!("{} · {}", d.draft.component, d.draft.outcome))
                    .size(BODY)
                    .width(180),
                text(d.draft.official.as_str())
                    .size(BODY)
                    .width(Length::Fill),
            ]
            .spacing(10),
        ]
        .spacing(3);
        if let Some(g) = &d.draft.grounds {
            block = block.push(text(format!("Grounds: {g}")).size(BODY));
        }
        if let Some(o) = &d.draft.override_justification {
            block = block.push(text(format!("Override: {o}")).size(BODY));
        }
        if !d.waived.is_empty() {
            block = block.push(
                text(format!("Waived: {}", d.waived.join(", ")))
                    .size(BODY)
                    .style(text::primary),
            );
        }
        block = block.push(super::decision::made_under(d, a.catalogue_version));
        list = list.push(block);
    }
    let mut section = column![
        row![
            heading(format!("Decisions ({})", a.decisions.len())),
            iced::widget::space::horizontal(),
            button(text("Record decision…"))
                .on_press(Message::OpenDecision)
                .style(button::primary)
                .padding([6, 16]),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(10);
    if a.decisions.is_empty() {
        section = section.push(text("No decision recorded yet.").size(BODY));
    } else {
        section = section.push(list);
    }
    let unmet = a
        .checks
        .iter()
        .filter(|c| c.status.blocks_acceptance())
        .count();
    if unmet > 0 {
        section = section.push(quiet(format!(
            "{} not met or unknown today: an acceptance would need a written override.",
            requirements_are(unmet)
        )));
    }
    card(section)
}
