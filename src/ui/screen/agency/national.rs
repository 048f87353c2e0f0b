//! The agency's place in the national list of law enforcement agencies: for a recorded agency,
//! its ORI's link (how it was made, or why it waits), the population it serves, its sworn
//! officers and its nominees against them; for a new one, the national list's agencies that
//! fit what the coordinator types, to fill the ORI, county and type from.

use iced::widget::{button, column, row, text};
use iced::{Alignment, Element};

use super::Message;
use super::details::DetailsForm;
use super::widgets::{BODY, SMALL, card, heading, quiet};
use crate::domain::reference::{LinkStanding, NationalList, ReferenceAgency};
use crate::registry::AgencyDetail;
use crate::ui::screen::agencies::thousands;

/// How many agencies of the national list the new agency's form offers at once.
const SUGGESTED: usize = 6;

/// The figures of a row of the national list: "population 54,216 · 60 sworn officers (2025)".
pub fn figures(row: &ReferenceAgency) -> String {
    let mut parts = Vec::new();
    if let Some(p) = row.population {
        parts.push(format!("population served {}", thousands(p as usize)));
    }
    if let Some(s) = row.sworn_officers {
        parts.push(format!(
            "{} sworn officer{}",
            thousands(s as usize),
            if s == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        return format!("no figures reported ({})", row.data_year);
    }
    format!("{} ({})", parts.join(" · "), row.data_year)
}

/// The card of a recorded agency.
pub(super) fn card_of(detail: &AgencyDetail) -> Option<Element<'_, Message>> {
    let link = detail.link.as_ref()?;
    let mut body = column![heading("National list")].spacing(6);
    let linked = matches!(link.standing, LinkStanding::Linked { .. });
    let standing = match (&detail.agency.details.ori, &link.standing) {
        (Some(ori), LinkStanding::Linked { .. }) => {
            format!("ORI {ori}: {}", link.standing.in_words())
        }
        _ => link.standing.in_words(),
    };
    body = body.push(text(standing).size(BODY));
    body = body.push(quiet(format!(
        "by {} on {}",
        link.decided_by,
        link.decided_at.get(..10).unwrap_or(&link.decided_at)
    )));
    if let Some(row) = &detail.national {
        body = body.push(text(format!("{} · {}", row.described(), figures(row))).size(BODY));
        if let Some(sworn) = row.sworn_officers.filter(|s| *s > 0) {
            let nominees: usize = detail.agreements.iter().map(|a| a.nominees.len()).sum();
            body = body.push(
                text(format!(
                    "{nominees} nominee{} against {} sworn officer{} ({:.0} %)",
                    if nominees == 1 { "" } else { "s" },
                    thousands(sworn as usize),
                    if sworn == 1 { "" } else { "s" },
                    nominees as f64 * 100.0 / f64::from(sworn)
                ))
                .size(BODY),
            );
        }
    }
    if linked || matches!(link.standing, LinkStanding::NoOri { .. }) {
        body = body.push(
            row![
                button(text("Undo link"))
                    .on_press(Message::UndoLink)
                    .style(button::secondary),
                text("Clears the ORI; the agency then waits on the Review screen.").size(SMALL),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        );
    } else {
        body = body.push(quiet(
            "Choose its ORI, or say it has none, on the Review screen.",
        ));
    }
    Some(card(body))
}

/// The national list's agencies that fit what is typed in the new agency's form, each a
/// button that fills the form from it.
pub(super) fn suggestions<'a>(
    form: &DetailsForm,
    list: &'a NationalList,
) -> Option<Element<'a, Message>> {
    let (state, query) = form.search_terms()?;
    if query.chars().count() < 3 {
        return None;
    }
    let found = list.search(state, query, SUGGESTED);
    let mut body = column![heading("In the national list")].spacing(6);
    if found.is_empty() {
        body = body.push(quiet(format!(
            "No agency of {} in the national list fits \"{query}\".",
            state.title()
        )));
        return Some(card(body));
    }
    for row in found {
        body = body.push(
            row![
                button(text(format!("Use {}", row.ori)))
                    .on_press(Message::UseNational(row.ori.clone()))
                    .style(button::secondary),
                column![
                    text(row.described()).size(BODY),
                    text(figures(row)).size(SMALL),
                ]
                .spacing(2),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        );
    }
    body = body.push(quiet(
        "Use fills the ORI, county and type; the name stays as you typed it.",
    ));
    Some(card(body))
}
