//! The dashboard's figures as text: headline tiles, the pipeline, tables of counts, compliance
//! measures, active agreements per state and signings per month. Everything the map and the
//! chart show is here in words and numbers too.

use iced::widget::{Column, Row, column, container, row, rule, text};
use iced::{Alignment, Element, Font, Length};

use super::Message;
use crate::domain::dashboard::{Dashboard, PIPELINE, Share, compliance_lines, days, signed};
use crate::domain::{Component, Model, Status};
use crate::ui::screen::agencies::thousands;

use crate::ui::screen::parts::{BODY, SMALL};

fn bold<'a>(label: impl text::IntoFragment<'a>) -> text::Text<'a> {
    text(label).font(Font {
        weight: iced::font::Weight::Bold,
        ..Font::DEFAULT
    })
}

/// A titled section.
pub(super) fn card<'a>(
    title: impl text::IntoFragment<'a>,
    content: impl Into<Element<'a, Message>>,
) -> Element<'a, Message> {
    container(column![text(title).size(17), content.into()].spacing(10))
        .padding(14)
        .style(container::rounded_box)
        .width(Length::Fill)
        .into()
}

/// "+2 since 2025-11-28".
fn since(d: &Dashboard, change: i64) -> String {
    format!("{} since {}", signed(change), d.since)
}

fn tile<'a>(title: String, value: String, detail: String) -> Element<'a, Message> {
    container(
        column![
            text(title).size(SMALL).style(text::secondary),
            text(value).size(28),
            text(detail).size(SMALL),
        ]
        .spacing(2),
    )
    .padding([10, 14])
    .style(container::rounded_box)
    .width(Length::Fill)
    .into()
}

fn percent(share: Share) -> String {
    share
        .percent()
        .map_or_else(|| "—".to_string(), |p| format!("{p}%"))
}

/// The headline figures.
pub(super) fn headline(d: &Dashboard) -> Element<'_, Message> {
    let active = d.now.count(Some(Status::Active), None, None);
    let waiting: usize = PIPELINE
        .iter()
        .map(|s| d.now.count(Some(*s), None, None))
        .sum();
    let waiting_change: i64 = PIPELINE.iter().map(|s| d.change(*s)).sum();
    let c = &d.compliance;
    row![
        tile(
            "Active agreements".into(),
            thousands(active),
            since(d, d.change(Status::Active))
        ),
        tile(
            "Requests in the pipeline".into(),
            thousands(waiting),
            since(d, waiting_change)
        ),
        tile(
            "Meet every requirement".into(),
            percent(c.all_met_share()),
            format!(
                "{} of {} active · {} fail one · {} no record",
                thousands(c.all_met),
                thousands(c.active),
                thousands(c.failing),
                thousands(c.unrecorded)
            ),
        ),
        tile(
            "Officers certified".into(),
            percent(c.certified_share()),
            format!(
                "{} of {} nominated",
                thousands(c.certified),
                thousands(c.nominated)
            ),
        ),
        tile(
            "Authorizations expired".into(),
            thousands(c.authorizations_expired),
            format!(
                "TFM officers, on {} agreement(s)",
                thousands(c.agreements_with_authorizations_expired)
            ),
        ),
        tile(
            "Yearly meeting overdue".into(),
            thousands(c.without_meeting_total()),
            format!(
                "{} · {} with no meeting on record",
                [Model::Jem, Model::Wso]
                    .map(|m| format!("{} {}", m.short(), c.without_meeting(m)))
                    .join(" · "),
                thousands(c.meeting_unrecorded_total())
            ),
        ),
    ]
    .spacing(10)
    .into()
}

/// The pipeline: how many wait at each step now and how long waits last.
pub(super) fn pipeline(d: &Dashboard) -> Element<'_, Message> {
    let mut steps = Row::new().spacing(10).align_y(Alignment::Start);
    for step in &d.pipeline {
        let mut lines = column![
            bold(step.status.label()).size(16),
            text(format!("{} waiting now", step.waiting_now)).size(BODY),
        ]
        .spacing(2);
        if let Some(longest) = step.longest_waiting_now {
            lines = lines.push(
                text(format!(
                    "Longest still waiting: {} so far",
                    days(Some(f64::from(longest)))
                ))
                .size(SMALL),
            );
        }
        // Two measures, each named for what it counts: the waits still going on (above) and
        // the waits that have ended (below). "waiting longest: 2999 days" beside "Longest
        // wait 39 days" read as a contradiction.
        lines = lines
            .push(
                text(format!(
                    "Median of ended waits: {}",
                    days(step.waited.median_days)
                ))
                .size(BODY),
            )
            .push(
                text(format!(
                    "Longest ended wait: {}",
                    days(step.waited.longest_days.map(f64::from))
                ))
                .size(BODY),
            )
            .push(
                text(format!("{} waits ended", step.waited.count))
                    .size(SMALL)
                    .style(text::secondary),
            );
        steps = steps
            .push(container(lines).width(Length::FillPortion(1)))
            .push(text("→").size(22));
    }
    let journey = &d.request_to_active;
    steps = steps.push(
        container(
            column![
                bold("Active").size(16),
                text(format!(
                    "{} active now",
                    d.now.count(Some(Status::Active), None, None)
                ))
                .size(BODY),
                text(format!(
                    "Request to active: median {}",
                    days(journey.median_days)
                ))
                .size(BODY),
                text(format!(
                    "longest {}",
                    days(journey.longest_days.map(f64::from))
                ))
                .size(BODY),
                text(format!("{} agreements went all the way", journey.count))
                    .size(SMALL)
                    .style(text::secondary),
            ]
            .spacing(2),
        )
        .width(Length::FillPortion(1)),
    );
    card(
        "Pipeline: how long requests wait at each step (waits that ended count whatever came next)",
        steps,
    )
}

/// A table row of fixed-width cells.
fn cells<'a>(values: Vec<String>, widths: &[f32], header: bool) -> Element<'a, Message> {
    Row::with_children(values.into_iter().zip(widths).map(|(v, w)| {
        let t = if header { bold(v) } else { text(v) };
        container(t.size(BODY)).width(*w).into()
    }))
    .spacing(6)
    .into()
}

/// Agreements by status, model and component, now and on the since date.
pub(super) fn counts(d: &Dashboard) -> Element<'_, Message> {
    let widths = [110.0, 50.0, 90.0, 60.0, 46.0, 46.0, 46.0, 46.0, 46.0];
    let mut table = Column::new().spacing(4).push(cells(
        [
            "Status".to_string(),
            "Now".into(),
            format!("{}", d.since),
            "Change".into(),
        ]
        .into_iter()
        .chain(Model::ALL.map(|m| m.short().to_string()))
        .chain(Component::ALL.map(|c| c.to_string()))
        .collect(),
        &widths,
        true,
    ));
    table = table.push(rule::horizontal(1));
    for status in Status::ALL {
        let (now, then) = (
            d.now.count(Some(status), None, None),
            d.then.count(Some(status), None, None),
        );
        if now == 0 && then == 0 {
            continue;
        }
        let values = [
            status.label().to_string(),
            now.to_string(),
            then.to_string(),
            signed(d.change(status)),
        ]
        .into_iter()
        .chain(Model::ALL.map(|m| d.now.count(Some(status), Some(m), None).to_string()))
        .chain(Component::ALL.map(|c| d.now.count(Some(status), None, Some(c)).to_string()))
        .collect();
        table = table.push(cells(values, &widths, false));
    }
    table = table.push(rule::horizontal(1));
    let (now, then) = (d.now.total(), d.then.total());
    table = table.push(cells(
        [
            "Total".to_string(),
            now.to_string(),
            then.to_string(),
            signed(now as i64 - then as i64),
        ]
        .into_iter()
        .chain(Model::ALL.map(|m| d.now.count(None, Some(m), None).to_string()))
        .chain(Component::ALL.map(|c| d.now.count(None, None, Some(c)).to_string()))
        .collect(),
        &widths,
        true,
    ));
    card("Agreements by status (models and components: now)", table)
}

/// The compliance measures in sentences.
pub(super) fn compliance(d: &Dashboard) -> Element<'_, Message> {
    let lines = Column::with_children(
        compliance_lines(&d.compliance)
            .into_iter()
            .map(|line| text(line).size(BODY).into()),
    )
    .spacing(8);
    container(card("Compliance of active agreements", lines))
        .width(Length::FillPortion(1))
        .into()
}

/// Active agreements per state, busiest first, as text beside the map.
pub(super) fn states(d: &Dashboard) -> Element<'_, Message> {
    let mut busy: Vec<_> = d.active_by_state.iter().filter(|(_, n)| *n > 0).collect();
    busy.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
    let body: Element<'_, Message> = if busy.is_empty() {
        text("No active agreement.").size(BODY).into()
    } else {
        Row::with_children(busy.into_iter().map(|(state, n)| {
            container(text(format!("{} {n}", state.code())).size(BODY))
                .width(64)
                .into()
        }))
        .spacing(6)
        .wrap()
        .into()
    };
    card("Active agreements per state, busiest first", body)
}

/// Signings per month as a table, newest first.
pub(super) fn months(d: &Dashboard) -> Element<'_, Message> {
    let widths = [90.0, 50.0, 50.0, 50.0, 60.0];
    let header = ["Month".to_string()]
        .into_iter()
        .chain(Model::ALL.map(|m| m.short().to_string()))
        .chain(["Total".to_string()])
        .collect();
    let mut table = Column::new()
        .spacing(3)
        .push(cells(header, &widths, true))
        .push(rule::horizontal(1));
    for m in d.signed.iter().rev() {
        let values = [m.label()]
            .into_iter()
            .chain(Model::ALL.map(|model| m.count(model).to_string()))
            .chain([m.total().to_string()])
            .collect();
        table = table.push(cells(values, &widths, false));
    }
    card(
        format!(
            "Agreements signed per month, {}, newest first",
            d.signed_span()
        ),
        table,
    )
}

/// How much of the nation's law enforcement is under an active agreement, per state and
/// nationally, from the national list.
pub(super) fn coverage(d: &Dashboard) -> Option<Element<'_, Message>> {
    let nation = d.coverage.first()?;
    let widths = [150.0, 230.0, 230.0, 250.0];
    let mut table = Column::new()
        .spacing(3)
        .push(cells(
            vec![
                "Where".into(),
                "Agencies under an agreement".into(),
                "Sworn officers".into(),
                "Population served".into(),
            ],
            &widths,
            true,
        ))
        .push(rule::horizontal(1));
    for c in &d.coverage {
        let place = c
            .state
            .map_or_else(|| "Nationally".to_string(), |s| s.title());
        table = table.push(cells(
            vec![
                place,
                format!(
                    "{} of {}",
                    thousands(c.agencies_active),
                    thousands(c.agencies)
                ),
                format!(
                    "{} of {} ({:.1}%)",
                    thousands(c.sworn_active as usize),
                    thousands(c.sworn as usize),
                    c.sworn_share()
                ),
                format!(
                    "{} of {} ({:.1}%)",
                    thousands(c.population_active as usize),
                    thousands(c.population as usize),
                    c.population_share()
                ),
            ],
            &widths,
            c.state.is_none(),
        ));
    }
    let title = format!(
        "Under an active agreement: {:.1}% of the nation's sworn officers, in {} of its {} agencies (national list; states by share of officers)",
        nation.sworn_share(),
        thousands(nation.agencies_active),
        thousands(nation.agencies)
    );
    Some(card(title, table))
}

/// The agencies with the most nominees per sworn officer.
pub(super) fn most_nominated(d: &Dashboard) -> Option<Element<'_, Message>> {
    if d.most_nominated.is_empty() {
        return None;
    }
    let widths = [420.0, 60.0, 90.0, 120.0, 90.0];
    let mut table = Column::new()
        .spacing(3)
        .push(cells(
            vec![
                "Agency".into(),
                "State".into(),
                "Nominees".into(),
                "Sworn officers".into(),
                "Per 100".into(),
            ],
            &widths,
            true,
        ))
        .push(rule::horizontal(1));
    for s in &d.most_nominated {
        table = table.push(cells(
            vec![
                s.agency.clone(),
                s.state.code().to_string(),
                s.nominees.to_string(),
                thousands(s.sworn as usize),
                format!("{:.0}", s.percent()),
            ],
            &widths,
            false,
        ));
    }
    Some(card(
        "Nominees against sworn officers: the agencies with most per officer (active agreements)",
        table,
    ))
}
