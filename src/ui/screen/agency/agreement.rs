//! One agreement: its facts, signed MOA and lifecycle, the requirement checklist, and the
//! decisions taken on it. (Its nominees are drawn by [`super::nominee`].)

use iced::widget::{Column, button, column, container, row, rule, text};
use iced::{Alignment, Element, Length};

use super::Message;
use super::obligation::{ObligationForm, record_button_id};
use super::signing::{SigningForm, signature_in_words};
use super::widgets::{BODY, SMALL, badge, card, heading, quiet, requirements_are};
use crate::domain::check::Tally;
use crate::domain::{CheckStatus, Component, MoaPosting, Phase};
use crate::registry::AgreementDetail;

/// Requirements named by their titles, as the checklist names them ("Each nominee is a U.S.
/// citizen; ..."), not by their ids ("officer.us_citizen"): the decision dialog's waivers.
pub(super) fn titles(checks: &[&crate::domain::check::RequirementCheck]) -> String {
    checks
        .iter()
        .map(|c| &*c.title)
        .collect::<Vec<_>>()
        .join("; ")
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

/// What the agreement is, who signed its MOA, and how it got where it is; the signatures form
/// opens in place when `signing` is open for this agreement.
pub(super) fn summary<'a>(
    a: &'a AgreementDetail,
    signing: Option<&'a SigningForm>,
) -> Element<'a, Message> {
    let g = &a.agreement;
    let moa = match g.moa {
        Some(MoaPosting::Posted) => Some("posted"),
        Some(MoaPosting::Pending) => Some("signed, not yet posted"),
        None => None,
    };
    let mut facts = row![
        fact("Status", g.status.label().to_string()),
        fact("Requested", date(g.requested_on)),
        fact("Signed", date(g.signed_on)),
    ]
    .spacing(28);
    // ICE's lists post ICE's MOAs: the posting is ICE's for an ICE agreement, and for a CBP
    // agreement it is shown only when some list said so, without naming who posted it.
    match (g.component, moa) {
        (Component::Ice, moa) => {
            facts = facts.push(fact("MOA posted by ICE", moa.unwrap_or("—").to_string()))
        }
        (_, Some(moa)) => facts = facts.push(fact("MOA posted", moa.to_string())),
        (_, None) => {}
    }
    facts = facts.push(fact("Last on ICE's list", date(g.last_listed_on)));
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
            signatures(a, signing),
            rule::horizontal(1),
            text("Lifecycle").size(16),
            lifecycle,
        ]
        .spacing(10),
    )
}

/// Who signed the MOA for each party, its template and addenda, and the form to record them.
fn signatures<'a>(a: &'a AgreementDetail, form: Option<&'a SigningForm>) -> Element<'a, Message> {
    let g = &a.agreement;
    let s = &g.signing;
    let mut header = row![
        text("MOA signatures").size(16),
        iced::widget::space::horizontal()
    ]
    .align_y(Alignment::Center);
    let form = form.filter(|f| f.agreement == g.id);
    if form.is_none() {
        header = header.push(
            button(text("Record signatures…"))
                .on_press(Message::OpenSigning)
                .style(button::secondary)
                .padding([6, 14]),
        );
    }
    let signed = |who: String, sig| text(format!("{who}: {}", signature_in_words(sig))).size(BODY);
    let mut section = column![
        header,
        signed("Agency".into(), s.agency.as_ref()),
        signed(g.component.to_string(), s.component.as_ref()),
        quiet(format!(
            "MOA template: {} · addenda: {}",
            s.template_year
                .map(|y| y.to_string())
                .unwrap_or_else(|| "not recorded".into()),
            s.addenda.as_deref().unwrap_or("none recorded"),
        )),
    ]
    .spacing(4);
    if let Some(form) = form {
        section = section.push(form.view());
    }
    section.into()
}

fn fact<'a>(label: &'a str, value: String) -> Element<'a, Message> {
    column![quiet(label), text(value).size(BODY)]
        .spacing(2)
        .into()
}

/// Every requirement of the model with its outcome, reason and source; a requirement the
/// coordinator records directly has a "Record…" button, and its form opens under it.
pub(super) fn checklist<'a>(
    a: &'a AgreementDetail,
    form: Option<&'a ObligationForm>,
) -> Element<'a, Message> {
    let mut list = Column::new().spacing(10);
    for c in &a.checks {
        let open = form.filter(|f| f.agreement == a.agreement.id && *f.requirement == *c.id);
        let mut line = row![
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
        .spacing(12);
        if c.recordable && open.is_none() {
            line = line.push(
                container(
                    button(text("Record…").size(SMALL))
                        .on_press(Message::RecordObligation(c.id.clone()))
                        .style(button::secondary)
                        .padding([4, 12]),
                )
                .id(record_button_id(&c.id)),
            );
        }
        let mut entry = column![line].spacing(8);
        if let Some(form) = open {
            entry = entry.push(
                container(form.view())
                    .padding(iced::Padding {
                        left: 104.0,
                        ..iced::Padding::ZERO
                    })
                    .width(Length::Fill),
            );
        }
        list = list.push(entry);
    }
    card(
        column![
            row![
                heading("Requirements"),
                tally(a),
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

/// The checklist in one line, on its colour: "not met" (red) is kept apart from "no record"
/// (amber), since one needs the agency to act and the other the coordinator to find out.
fn tally(a: &AgreementDetail) -> Element<'_, Message> {
    let count = |s: CheckStatus| a.checks.iter().filter(|c| c.status == s).count();
    let n = a.checks.len();
    let Tally { not_met, no_record } = Tally::of(&a.checks);
    let (said, style): (String, fn(&iced::Theme) -> container::Style) = if not_met + no_record == 0
    {
        let said = match (count(CheckStatus::Waived), count(CheckStatus::NotYetDue)) {
            (0, 0) => format!("All {n} requirements met"),
            (w, 0) => format!("All {n} requirements met or waived ({w} waived)"),
            (0, d) => format!("All {n} requirements met or not yet due ({d} not yet due)"),
            (w, d) => format!(
                "All {n} requirements met, waived or not yet due ({w} waived, {d} not yet due)"
            ),
        };
        (said, container::success)
    } else {
        let parts: Vec<String> = [(not_met, "not met"), (no_record, "with no record")]
            .into_iter()
            .filter(|(k, _)| *k > 0)
            .map(|(k, what)| format!("{k} {what}"))
            .collect();
        (
            format!("{}, of {n} requirements", parts.join(" · ")),
            if not_met > 0 {
                container::danger
            } else {
                container::warning
            },
        )
    };
    container(text(said).size(BODY))
        .padding([3, 10])
        .style(style)
        .into()
}

/// The decisions taken, oldest first, and the button that records a new one.
/// `may_not`: why this login may not record a decision (the button is then not offered, and
/// the reason is said under it).
pub(super) fn decisions(a: &AgreementDetail, may_not: Option<String>) -> Element<'_, Message> {
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
                text(format!(
                    "Waived: {}",
                    d.waived
                        .iter()
                        .map(|id| a.requirement_title(id))
                        .collect::<Vec<_>>()
                        .join("; ")
                ))
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
                .on_press_maybe(may_not.is_none().then_some(Message::OpenDecision))
                .style(button::primary)
                .padding([6, 16]),
        ]
        .align_y(Alignment::Center),
    ]
    .spacing(10);
    if let Some(why) = may_not {
        section = section.push(quiet(why));
    }
    if a.decisions.is_empty() {
        section = section.push(text("No decision recorded yet.").size(BODY));
    } else {
        section = section.push(list);
    }
    let blocking = Tally::of(&a.checks).blocking();
    if blocking > 0 {
        section = section.push(quiet(format!(
            "{} not met or with no record today: an acceptance would need a written override.",
            requirements_are(blocking)
        )));
    }
    card(section)
}
