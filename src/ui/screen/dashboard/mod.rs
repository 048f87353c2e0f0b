//! The Dashboard screen: the program at a glance. Headline figures with their change since a
//! date the coordinator chooses, the tile map of active agreements per state (a click opens the
//! Agencies screen on that state), the chart of signings per month, the pipeline's waits, and
//! every figure again as text, since iced offers no screen reader.
//!
//! The screen never reads the store: it asks for figures ([`Action::Compute`]) and the
//! application, which computes them on a thread of its own, hands them back as
//! [`Message::Computed`].

mod chart;
mod colour;
mod figures;
pub mod map;

use chrono::{Months, NaiveDate};
use iced::widget::{button, canvas, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use crate::domain::dashboard::Dashboard as Figures;
use crate::domain::{State, parse_date};

/// Height of the map and of the chart.
const PICTURE_HEIGHT: f32 = 310.0;

/// The Dashboard screen's state.
#[derive(Debug, Clone)]
pub struct Dashboard {
    figures: Option<Box<Figures>>,
    since: NaiveDate,
    typed: String,
    since_error: Option<String>,
    asked: Option<NaiveDate>,
    failure: Option<String>,
    today: NaiveDate,
}

/// What the coordinator does on this screen, and the figures arriving.
#[derive(Debug, Clone)]
pub enum Message {
    /// Typed in the "changes since" date field.
    Since(String),
    /// Pressed Enter in the date field or the Show button: recompute for the date typed.
    Apply,
    /// Clicked a state on the map.
    StateClicked(State),
    /// The figures computed for this `since` date, or why they could not be.
    Computed(
        NaiveDate,
        Result<Box<Figures>, crate::registry::RegistryError>,
    ),
}

/// What the application should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Compute the figures with changes since this date, and hand them back as
    /// [`Message::Computed`].
    Compute(NaiveDate),
    /// Open the Agencies screen filtered to this state.
    FilterState(State),
}

impl Dashboard {
    /// The screen as of `today`, counting changes over the last year until the coordinator
    /// chooses another date.
    pub fn new(today: NaiveDate) -> Dashboard {
        let since = today.checked_sub_months(Months::new(12)).unwrap_or(today);
        Dashboard {
            figures: None,
            since,
            typed: since.to_string(),
            since_error: None,
            asked: None,
            failure: None,
            today,
        }
    }

    /// Asks for fresh figures (when the page is opened): the date to compute them for.
    pub fn refresh(&mut self) -> NaiveDate {
        self.asked = Some(self.since);
        self.since
    }

    /// The figures shown, once computed.
    pub fn figures(&self) -> Option<&Figures> {
        self.figures.as_deref()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Since(typed) => {
                self.typed = typed;
                self.since_error = None;
            }
            Message::Apply => match parse_date(&self.typed) {
                Some(date) if date > self.today => {
                    self.since_error = Some(format!(
                        "{date} is after today ({}): give a day in the past",
                        self.today
                    ));
                }
                Some(date) => {
                    self.since = date;
                    self.since_error = None;
                    return Action::Compute(self.refresh());
                }
                None => {
                    self.since_error = Some(format!(
                        "{:?} is not a date: give it as YYYY-MM-DD",
                        self.typed
                    ));
                }
            },
            Message::StateClicked(state) => return Action::FilterState(state),
            Message::Computed(since, result) => {
                // An answer for a date asked before the last one is stale.
                if self.asked != Some(since) {
                    return Action::None;
                }
                self.asked = None;
                match result {
                    Ok(figures) => {
                        self.figures = Some(figures);
                        self.failure = None;
                    }
                    Err(e) => self.failure = Some(e.to_string()),
                }
            }
        }
        Action::None
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut since = row![
            text("Dashboard").size(24),
            iced::widget::space::horizontal(),
            text("Changes since").size(14),
            text_input("YYYY-MM-DD", &self.typed)
                .style(crate::ui::choices::field)
                .on_input(Message::Since)
                .on_submit(Message::Apply)
                .padding(6)
                .width(120),
            button(text("Show"))
                .on_press(Message::Apply)
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        if let Some(e) = &self.since_error {
            since = since.push(text(e.as_str()).size(13).style(text::danger));
        }
        let state = match (&self.figures, self.asked) {
            (_, Some(_)) => "computing the figures…".to_string(),
            (Some(f), None) => format!("as of {}", f.today),
            (None, None) => String::new(),
        };
        since = since.push(text(state).size(13).style(text::secondary));
        let mut page = column![since].spacing(14);
        if let Some(e) = &self.failure {
            page = page.push(
                text(format!("The figures could not be computed: {e}"))
                    .size(14)
                    .style(text::danger),
            );
        }
        let Some(f) = self.figures.as_deref() else {
            return page.into();
        };
        let map = container(map::view(&f.active_by_state)).height(PICTURE_HEIGHT);
        let pictures = row![
            figures::card(
                "Active agreements by state (click a state to list its agencies)",
                map
            ),
            figures::card(
                format!("Agreements signed per month, {}", f.signed_span()),
                canvas(chart::Chart::new(&f.signed))
                    .width(Length::Fill)
                    .height(PICTURE_HEIGHT)
            ),
        ]
        .spacing(14);
        page = page
            .push(figures::headline(f))
            .push(pictures)
            .push(figures::pipeline(f))
            .push(row![figures::counts(f), figures::compliance(f)].spacing(14))
            .push(figures::states(f));
        for section in [figures::coverage(f), figures::most_nominated(f)]
            .into_iter()
            .flatten()
        {
            page = page.push(section);
        }
        page = page.push(figures::months(f));
        scrollable(container(page).padding(iced::Padding {
            right: 16.0,
            bottom: 16.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_since_date_is_validated_and_only_the_newest_answer_is_kept() {
        let mut d = Dashboard::new(day("2026-11-28"));
        assert_eq!(d.refresh(), day("2025-11-28"));
        d.update(Message::Since("2026-13-01".into()));
        assert_eq!(d.update(Message::Apply), Action::None);
        assert!(d.since_error.as_deref().unwrap().contains("not a date"));
        d.update(Message::Since("2027-01-01".into()));
        assert_eq!(d.update(Message::Apply), Action::None);
        assert!(d.since_error.as_deref().unwrap().contains("after today"));
        d.update(Message::Since("2026-01-01".into()));
        assert_eq!(d.update(Message::Apply), Action::Compute(day("2026-01-01")));
        assert!(d.since_error.is_none());
        let figures = |since| {
            Box::new(Figures::compute(
                day("2026-11-28"),
                since,
                12,
                std::iter::empty(),
            ))
        };
        d.update(Message::Computed(
            day("2025-11-28"),
            Ok(figures(day("2025-11-28"))),
        ));
        assert!(
            d.figures().is_none(),
            "the answer for the older date is stale"
        );
        d.update(Message::Computed(
            day("2026-01-01"),
            Ok(figures(day("2026-01-01"))),
        ));
        assert_eq!(d.figures().unwrap().since, day("2026-01-01"));
        let tx = State::parse("TX").unwrap();
        assert_eq!(d.update(Message::StateClicked(tx)), Action::FilterState(tx));
    }
}
