//! The MOA's terms with a deadline, as data: which models' MOAs carry each, the period the MOA
//! states ("48 hours excluding weekends", "two years from the date of the authorization"), and
//! where it says so. The calendar asks the catalogue for the term of a deadline and a model,
//! and sets no deadline where the model's MOA carries none (a Task Force agreement has no yearly
//! meeting with the Field Office Director). Shipped in `assets/requirements.toml` beside the
//! requirements and versioned with them, so a CBP agreement or a new MOA template can carry
//! other terms without a new release.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

use super::agreement::{Component, Model};
use super::calendar::DeadlineKind;
use super::oversight::NoticeParty;

/// The length of a term, as the MOA counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Hours. Records are dated, not timed, so a term of hours ends on the day that many hours
    /// after the start of the day it counts from (48 hours: two days later; one hour: the same
    /// day).
    Hours(u32),
    /// Calendar days.
    Days(u32),
    /// Days excluding Saturdays and Sundays ("48 hours ..., excluding weekends": two weekdays).
    BusinessDays(u32),
    /// Calendar months, clamped to the month's last day.
    Months(u32),
}

impl Period {
    /// The day the period ends, counted forward from `from`.
    pub fn after(self, from: NaiveDate) -> NaiveDate {
        match self {
            Period::Hours(h) => from + Days::new(u64::from(h / 24)),
            Period::Days(d) => from + Days::new(u64::from(d)),
            Period::BusinessDays(n) => add_weekdays(from, n),
            Period::Months(m) => from
                .checked_add_months(Months::new(m))
                .unwrap_or(NaiveDate::MAX),
        }
    }

    /// The day the period starts, counted back from `to` (a notice given so long before).
    pub fn before(self, to: NaiveDate) -> NaiveDate {
        match self {
            Period::Hours(h) => to - Days::new(u64::from(h / 24)),
            Period::Days(d) => to - Days::new(u64::from(d)),
            Period::BusinessDays(n) => {
                let mut day = to;
                let mut left = n;
                while left > 0 {
                    day = day.pred_opt().unwrap_or(NaiveDate::MIN);
                    if !is_weekend(day) {
                        left -= 1;
                    }
                }
                day
            }
            Period::Months(m) => to
                .checked_sub_months(Months::new(m))
                .unwrap_or(NaiveDate::MIN),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Hours(h) => write!(f, "{h} hour(s)"),
            Period::Days(d) => write!(f, "{d} day(s)"),
            Period::BusinessDays(d) => write!(f, "{d} weekday(s)"),
            Period::Months(m) => write!(f, "{m} month(s)"),
        }
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `n` weekdays after `from`: a complaint received on a Friday is due the next Tuesday, one
/// received on a Saturday too.
fn add_weekdays(from: NaiveDate, n: u32) -> NaiveDate {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
        if !is_weekend(day) {
            left -= 1;
        }
    }
    day
}

/// One term of the MOAs that sets a deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    /// Stable identifier (`complaint_reported.jem_wso`).
    pub id: Arc<str>,
    /// The deadline it sets.
    pub deadline: DeadlineKind,
    /// The models whose MOA carries it.
    pub models: Vec<Model>,
    /// The components whose agreements carry it; empty for both. ICE's MOAs are ICE's; a CBP
    /// agreement stands under the 2017 memorandum and may be given terms of its own.
    #[serde(default)]
    pub components: Vec<Component>,
    /// For a notice of termination: whose notice it is; `None` for any other term.
    #[serde(default)]
    pub party: Option<NoticeParty>,
    /// How long.
    pub period: Period,
    /// Whether the period runs back from the date (a notice due so long before an officer
    /// leaves) instead of forward.
    #[serde(default)]
    pub before: bool,
    /// `false` for a term that sets no obligation on the agency (a minimum gap, an optional
    /// update, ICE's own review): shown in the calendar, never overdue.
    #[serde(default = "binding_by_default")]
    pub binding: bool,
    /// The MOA's own words for the period ("48 hours excluding weekends").
    pub wording: Arc<str>,
    /// Where the MOAs say so (file, page, section).
    pub source: Arc<str>,
}

fn binding_by_default() -> bool {
    true
}

impl Period {
    /// Reads a period as a coordinator writes it: `48 hours`, `90 days`, `2 weekdays`,
    /// `24 months` (singular or plural).
    pub fn parse(input: &str) -> Option<Period> {
        let mut words = input.split_whitespace();
        let n: u32 = words.next()?.parse().ok()?;
        let unit = words.next()?.to_lowercase();
        if words.next().is_some() {
            return None;
        }
        match unit.trim_end_matches('s') {
            "hour" => Some(Period::Hours(n)),
            "day" => Some(Period::Days(n)),
            "weekday" | "business day" => Some(Period::BusinessDays(n)),
            "month" => Some(Period::Months(n)),
            _ => None,
        }
    }
}

impl Term {
    /// Refuses a change that would make the term meaningless: no model, or a period longer
    /// than ten years (no MOA term runs so long; a slip of the keyboard is likelier).
    pub fn validate(&self) -> Result<(), Vec<super::ValidationError>> {
        let mut errors = Vec::new();
        if self.models.is_empty() {
            errors.push(super::ValidationError::new(
                "models",
                "",
                "a term applies to at least one model (jem, tfm, wso)",
            ));
        }
        let days = match self.period {
            Period::Hours(h) => h / 24,
            Period::Days(d) | Period::BusinessDays(d) => d,
            Period::Months(m) => m.saturating_mul(31),
        };
        if days > 3660 {
            errors.push(super::ValidationError::new(
                "period",
                &self.period.to_string(),
                "give a period of at most ten years",
            ));
        }
        if self.wording.trim().is_empty() {
            errors.push(super::ValidationError::new(
                "wording",
                "",
                "say the term in the agreement's own words",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Whether the term holds for an agreement of `model` with `component`.
    pub fn applies_to(&self, model: Model, component: Component) -> bool {
        self.models.contains(&model)
            && (self.components.is_empty() || self.components.contains(&component))
    }

    /// The day the term falls due, counted from `from`.
    pub fn due(&self, from: NaiveDate) -> NaiveDate {
        if self.before {
            self.period.before(from)
        } else {
            self.period.after(from)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn weekdays_skip_saturday_and_sunday() {
        // 2025-07-18 is a Friday.
        assert_eq!(
            Period::BusinessDays(2).after(day("2025-07-18")),
            day("2025-07-22")
        );
        assert_eq!(
            Period::BusinessDays(2).after(day("2025-07-19")),
            day("2025-07-22")
        );
        assert_eq!(
            Period::BusinessDays(2).after(day("2025-07-16")),
            day("2025-07-18")
        );
        assert_eq!(
            Period::BusinessDays(2).before(day("2025-07-22")),
            day("2025-07-18")
        );
    }

    #[test]
    fn hours_end_on_the_day_they_reach() {
        assert_eq!(
            Period::Hours(48).after(day("2025-07-18")),
            day("2025-07-20")
        );
        assert_eq!(Period::Hours(1).after(day("2025-07-18")), day("2025-07-18"));
    }

    #[test]
    fn periods_read_as_a_coordinator_writes_them() {
        assert_eq!(Period::parse("48 hours"), Some(Period::Hours(48)));
        assert_eq!(Period::parse("1 hour"), Some(Period::Hours(1)));
        assert_eq!(Period::parse("2 weekdays"), Some(Period::BusinessDays(2)));
        assert_eq!(Period::parse("90 Days"), Some(Period::Days(90)));
        assert_eq!(Period::parse("24 months"), Some(Period::Months(24)));
        assert_eq!(Period::parse("two years"), None);
        assert_eq!(Period::parse("3 fortnights"), None);
    }

    #[test]
    fn months_clamp_and_notices_count_back() {
        assert_eq!(
            Period::Months(24).after(day("2025-03-01")),
            day("2027-03-01")
        );
        assert_eq!(
            Period::Months(1).after(day("2025-01-31")),
            day("2025-02-28")
        );
        assert_eq!(
            Period::Days(90).before(day("2026-04-01")),
            day("2026-01-01")
        );
    }
}
