//! `g287 calendar`: the compliance calendar, overdue first.

use std::io::Write;

use super::commands::json;
use super::{Exit, Failure, Format, table};
use crate::domain::State;
use crate::domain::calendar::DeadlineKind;
use crate::domain::calendar::DeadlineState;
use crate::registry::Location;
use crate::registry::{CalendarItem, Registry, today};

/// What `g287 calendar` keeps.
#[derive(Debug, Clone, Default)]
pub struct CalendarFilter {
    /// Only overdue deadlines.
    pub overdue: bool,
    /// Only this kind.
    pub kind: Option<DeadlineKind>,
    /// Only agencies of this state.
    pub state: Option<State>,
    /// Only deadlines due within this many days (overdue ones included).
    pub within: Option<u32>,
}

impl CalendarFilter {
    /// Reads the command's flags, naming the flag and value that cannot be read.
    pub fn parse(
        overdue: bool,
        kind: Option<&str>,
        state: Option<&str>,
        within: Option<u32>,
    ) -> Result<CalendarFilter, Failure> {
        let kind = kind
            .map(|k| {
                DeadlineKind::parse(k).ok_or_else(|| {
                    let codes: Vec<_> = DeadlineKind::ALL.iter().map(|k| k.code()).collect();
                    Failure::bad_input(format!("--kind {k:?}: give one of {}", codes.join(", ")))
                })
            })
            .transpose()?;
        let state = state
            .map(|s| {
                State::parse(s).ok_or_else(|| {
                    Failure::bad_input(format!("--state {s:?}: not a state code or name"))
                })
            })
            .transpose()?;
        Ok(CalendarFilter {
            overdue,
            kind,
            state,
            within,
        })
    }

    /// Whether an item is kept, as of `today`.
    pub fn keeps(&self, item: &CalendarItem, today: chrono::NaiveDate) -> bool {
        let d = &item.deadline;
        (!self.overdue || d.overdue)
            && self.kind.is_none_or(|k| d.kind == k)
            && self.state.is_none_or(|s| item.state == s.code())
            && self
                .within
                .is_none_or(|days| d.due <= today + chrono::Days::new(u64::from(days)))
    }
}

/// Runs `g287 calendar`.
pub fn run(
    at: &Location,
    filter: &CalendarFilter,
    request_days: u32,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exit, Failure> {
    let io = Failure::output;
    let today = today();
    let items: Vec<CalendarItem> = Registry::open_at(at)?
        .calendar(request_days)?
        .into_iter()
        .filter(|i| filter.keeps(i, today))
        .collect();
    match format {
        Format::Json => json(out, &items).map_err(io)?,
        Format::Table => {
            let rows: Vec<Vec<String>> = items
                .iter()
                .map(|i| {
                    let d = &i.deadline;
                    vec![
                        d.due.to_string(),
                        match d.state {
                            DeadlineState::Overdue => "OVERDUE",
                            DeadlineState::NoRecord => "NO RECORD",
                            DeadlineState::Advisory => "advisory",
                            DeadlineState::Upcoming => "",
                        }
                        .into(),
                        d.kind.to_string(),
                        format!("{} ({})", i.agency_name, i.state),
                        i.agency.to_string(),
                        format!("{} {}", i.model.short(), i.component),
                        d.subject.clone(),
                        d.term.to_string(),
                    ]
                })
                .collect();
            table::write(
                out,
                &[
                    "DUE",
                    "",
                    "WHAT",
                    "AGENCY",
                    "ID",
                    "AGREEMENT",
                    "WHO / ABOUT",
                    "MOA TERM",
                ],
                &rows,
            )
            .map_err(io)?;
            let overdue = items.iter().filter(|i| i.deadline.overdue).count();
            let unrecorded = items
                .iter()
                .filter(|i| i.deadline.state == DeadlineState::NoRecord)
                .count();
            writeln!(
                out,
                "{} deadlines, {overdue} overdue, {unrecorded} passed with no record",
                items.len()
            )
            .map_err(io)?;
        }
    }
    Ok(Exit::Done)
}
