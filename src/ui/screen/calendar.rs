//! The compliance calendar: every deadline the data and the catalogue set (refreshers,
//! authorizations, oversight meetings, the first review, complaints, notices of termination,
//! requests left waiting), by due date so the overdue ones come first. Filterable; a click opens
//! the agency. Like the Agencies list, only the rows in view are built: at national scale there
//! are some 100,000 deadlines.

use chrono::{Days, NaiveDate};
use iced::widget::scrollable::{AbsoluteOffset, Viewport};
use iced::widget::{
    button, checkbox, column, container, operation, responsive, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Font, Length, Task};
use std::fmt;

use super::agencies::{Choice, StateOption, thousands};
use super::rows_in_view::{self, ROW_HEIGHT};
use crate::domain::calendar::DeadlineKind;
use crate::domain::calendar::DeadlineState;
use crate::domain::{AgencyId, AgreementId, State};
use crate::registry::{CalendarItem, REQUEST_DAYS};
use crate::ui::choices::Choices;
use crate::ui::table;

/// The id of the scrolling list.
pub const LIST_ID: &str = "calendar-list";

/// How far ahead the list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizon {
    /// Every deadline.
    Any,
    /// Due within 30 days (overdue included).
    Month,
    /// Due within 90 days (overdue included).
    Quarter,
    /// Due within a year (overdue included).
    Year,
}

impl Horizon {
    /// The choices, in menu order.
    pub const ALL: [Horizon; 4] = [
        Horizon::Any,
        Horizon::Month,
        Horizon::Quarter,
        Horizon::Year,
    ];

    fn days(self) -> Option<u64> {
        match self {
            Horizon::Any => None,
            Horizon::Month => Some(30),
            Horizon::Quarter => Some(90),
            Horizon::Year => Some(365),
        }
    }
}

impl fmt::Display for Horizon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Horizon::Any => "Any date",
            Horizon::Month => "Due within 30 days",
            Horizon::Quarter => "Due within 90 days",
            Horizon::Year => "Due within a year",
        })
    }
}

/// One deadline with its texts prepared once, not on every frame.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    item: CalendarItem,
    due: String,
    what: String,
    agency: String,
    agreement: String,
    haystack: String,
}

impl Row {
    fn new(item: CalendarItem) -> Row {
        let agency = format!("{} ({})", item.agency_name, item.state);
        Row {
            due: item.deadline.due.to_string(),
            what: item.deadline.kind.to_string(),
            agreement: format!("{} {}", item.model.short(), item.component),
            haystack: format!("{agency} {}", item.deadline.subject).to_lowercase(),
            agency,
            item,
        }
    }
}

/// The Calendar screen's state.
#[derive(Debug, Clone)]
pub struct Calendar {
    rows: Vec<Row>,
    /// Indices into `rows` that pass the filters, in due order.
    visible: Vec<usize>,
    query: String,
    kind: Choice<DeadlineKind>,
    state: Choice<StateOption>,
    horizon: Horizon,
    /// The filters' drop-downs: combo boxes, so that Tab reaches them and typing chooses.
    kind_menu: Choices<Choice<DeadlineKind>>,
    state_menu: Choices<Choice<StateOption>>,
    horizon_menu: Choices<Horizon>,
    overdue_only: bool,
    request_days: String,
    request_days_applied: u32,
    request_days_error: Option<String>,
    loading: bool,
    error: Option<String>,
    today: NaiveDate,
    offset: f32,
    viewport: f32,
}

/// What the coordinator does on this screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Typed in the search box.
    Search(String),
    /// Chose a kind of deadline.
    KindFilter(Choice<DeadlineKind>),
    /// Chose a state.
    StateFilter(Choice<StateOption>),
    /// Chose how far ahead to look.
    HorizonFilter(Horizon),
    /// Ticked or unticked "overdue only".
    OverdueOnly(bool),
    /// Typed how many days a request may wait.
    RequestDays(String),
    /// Recompute with the days typed.
    ApplyRequestDays,
    /// Reset every filter.
    ClearFilters,
    /// Scrolled the list.
    Scrolled(Viewport),
    /// Clicked a deadline: open its agency on the deadline's own agreement (an agency with a
    /// Task Force and a Warrant Service agreement opened on the first one, whichever was
    /// clicked).
    Open(AgencyId, AgreementId),
    /// The calendar was computed (on a worker thread).
    Loaded(Result<Vec<CalendarItem>, crate::registry::RegistryError>),
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Compute the calendar with this allowance for waiting requests, and hand it back as
    /// [`Message::Loaded`].
    Load {
        /// Days a request may wait.
        request_days: u32,
    },
    /// Open this agency, showing this agreement of it.
    Open(AgencyId, AgreementId),
    /// Run a widget task (scrolling).
    Run(Task<Message>),
}

impl Calendar {
    /// An empty calendar as of `today`, waiting for its first load.
    pub fn new(today: NaiveDate) -> Calendar {
        Calendar {
            rows: Vec::new(),
            visible: Vec::new(),
            query: String::new(),
            kind: Choice::All("Every kind"),
            state: Choice::All("All states"),
            horizon: Horizon::Any,
            kind_menu: Choices::new(
                std::iter::once(Choice::All("Every kind"))
                    .chain(DeadlineKind::ALL.map(Choice::Only)),
            ),
            state_menu: Choices::new(
                std::iter::once(Choice::All("All states"))
                    .chain(State::all().map(|s| Choice::Only(StateOption(s)))),
            ),
            horizon_menu: Choices::new(Horizon::ALL),
            overdue_only: false,
            request_days: REQUEST_DAYS.to_string(),
            request_days_applied: REQUEST_DAYS,
            request_days_error: None,
            loading: true,
            error: None,
            today,
            offset: 0.0,
            viewport: 600.0,
        }
    }

    /// The allowance for waiting requests the calendar was last asked for.
    pub fn request_days(&self) -> u32 {
        self.request_days_applied
    }

    /// Marks the calendar as being recomputed (after a change elsewhere).
    pub fn reloading(&mut self) {
        self.loading = true;
    }

    /// The deadlines passing the filters as the list shows them: due date, what, agency (for
    /// tests).
    pub fn visible(&self) -> Vec<(String, String, String)> {
        self.visible
            .iter()
            .map(|&i| {
                let r = &self.rows[i];
                (r.due.clone(), r.what.clone(), r.agency.clone())
            })
            .collect()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Search(q) => self.query = q,
            Message::KindFilter(k) => self.kind = k,
            Message::StateFilter(s) => self.state = s,
            Message::HorizonFilter(h) => self.horizon = h,
            Message::OverdueOnly(on) => self.overdue_only = on,
            Message::ClearFilters => {
                self.query.clear();
                self.kind = Choice::All("Every kind");
                self.state = Choice::All("All states");
                self.horizon = Horizon::Any;
                self.overdue_only = false;
            }
            Message::RequestDays(days) => {
                self.request_days = days;
                self.request_days_error = None;
                return Action::None;
            }
            Message::ApplyRequestDays => {
                return match self.request_days.trim().parse::<u32>() {
                    Ok(days @ 1..=3650) => {
                        self.request_days_applied = days;
                        self.loading = true;
                        Action::Load { request_days: days }
                    }
                    _ => {
                        self.request_days_error = Some(format!(
                            "{:?}: give a number of days from 1 to 3650",
                            self.request_days
                        ));
                        Action::None
                    }
                };
            }
            Message::Scrolled(viewport) => {
                self.offset = viewport.absolute_offset().y;
                self.viewport = viewport.bounds().height;
                return Action::None;
            }
            Message::Open(id, agreement) => return Action::Open(id, agreement),
            Message::Loaded(result) => {
                self.loading = false;
                match result {
                    Ok(items) => {
                        self.error = None;
                        self.rows = items.into_iter().map(Row::new).collect();
                    }
                    Err(e) => self.error = Some(format!("The calendar could not be read: {e}")),
                }
            }
        }
        self.refilter();
        self.offset = 0.0;
        Action::Run(operation::scroll_to(
            LIST_ID,
            AbsoluteOffset { x: 0.0, y: 0.0 },
        ))
    }

    fn refilter(&mut self) {
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let kind = self.kind.value();
        let state = self.state.value().map(|s| s.0.code());
        let until = self.horizon.days().map(|d| self.today + Days::new(d));
        self.visible = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                let d = &r.item.deadline;
                kind.is_none_or(|k| d.kind == k)
                    && state.is_none_or(|s| r.item.state == s)
                    && until.is_none_or(|u| d.due <= u)
                    && (!self.overdue_only || d.overdue)
                    && words.iter().all(|w| r.haystack.contains(w.as_str()))
            })
            .collect();
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let filters = row![
            text_input("Search agency or officer", &self.query)
                .style(crate::ui::choices::field)
                .on_input(Message::Search)
                .padding(6)
                .width(Length::FillPortion(2)),
            // Combo boxes: Tab reaches them, and typing "every" or "all" then Enter clears one.
            self.kind_menu
                .view("Kind", Some(&self.kind), Message::KindFilter)
                .width(Length::FillPortion(2)),
            self.state_menu
                .view("State", Some(&self.state), Message::StateFilter)
                .width(200),
            self.horizon_menu
                .view("Due", Some(&self.horizon), Message::HorizonFilter)
                .width(170),
            checkbox(self.overdue_only)
                .label("Overdue only")
                .on_toggle(Message::OverdueOnly),
            super::parts::with_key(
                button(text("Clear"))
                    .on_press(Message::ClearFilters)
                    .style(button::secondary)
                    .padding(6),
                "Ctrl+L"
            ),
        ]
        .spacing(8)
        .align_y(Alignment::Center);

        let mut days = column![
            row![
                text("Requests may wait").size(14),
                text_input("days", &self.request_days)
                    .style(crate::ui::choices::field)
                    .on_input(Message::RequestDays)
                    .on_submit(Message::ApplyRequestDays)
                    .padding(4)
                    .width(70),
                text("days for a decision").size(14),
                button(text("Apply"))
                    .on_press(Message::ApplyRequestDays)
                    .style(button::secondary)
                    .padding([4, 10]),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
        ];
        if let Some(e) = &self.request_days_error {
            days = days.push(text(e.as_str()).size(13).style(text::danger));
        }

        let overdue = self
            .visible
            .iter()
            .filter(|&&i| self.rows[i].item.deadline.overdue)
            .count();
        let unrecorded = self
            .visible
            .iter()
            .filter(|&&i| self.rows[i].item.deadline.state == DeadlineState::NoRecord)
            .count();
        let count = text(if self.loading {
            "Reading the calendar…".to_string()
        } else {
            format!(
                "{} of {} deadlines · {} overdue · {} passed with no record · as of {}",
                thousands(self.visible.len()),
                thousands(self.rows.len()),
                thousands(overdue),
                thousands(unrecorded),
                self.today
            )
        })
        .size(14);

        let titles = [
            "Due",
            "",
            "What",
            "Agency",
            "Agreement",
            "Who or about",
            "The MOA's term",
        ];
        let mut page = column![filters, days, count].spacing(8);
        if let Some(e) = &self.error {
            page = page.push(text(e.as_str()).style(text::danger));
        } else if !self.loading && self.visible.is_empty() {
            page = page.push(text(if self.rows.is_empty() {
                "Nothing falls due: no active agreement, waiting request, open complaint or notice."
            } else {
                "No deadline matches these filters."
            }));
        }
        page.push(responsive(move |size| self.table(&titles, size.width)))
            .into()
    }

    /// The header and the rows in view, in columns sized to `available` pixels
    /// ([`table::widths`]); a table that cannot shrink that far scrolls sideways.
    fn table(&self, titles: &[&'static str; 7], available: f32) -> Element<'_, Message> {
        // Measured once per layout.
        let least = least();
        let widths = table::widths(least, PREFERRED, AGENCY, available - table::SCROLL_BAR);
        let bold = Font {
            weight: iced::font::Weight::Bold,
            ..Font::DEFAULT
        };
        // The same widths as the rows, so the columns line up at any window width.
        let header = row(titles.iter().zip(widths).map(|(&title, width)| {
            container(
                text(title)
                    .size(14)
                    .font(bold)
                    .wrapping(iced::widget::text::Wrapping::Word),
            )
            .width(width)
            .padding([0, 6])
            .into()
        }));
        let range = rows_in_view::in_view(self.offset, self.viewport, self.visible.len());
        let list = rows_in_view::list(
            range.clone(),
            self.visible.len(),
            self.visible[range]
                .iter()
                .map(|&i| row_view(&self.rows[i], &widths)),
        );
        let full: f32 = widths.iter().sum();
        let table = column![
            header,
            // The scroll bar beside the rows, not over the last column.
            scrollable(list)
                .direction(scrollable::Direction::Vertical(
                    scrollable::Scrollbar::default().spacing(2),
                ))
                .id(LIST_ID)
                .on_scroll(Message::Scrolled)
                .height(Length::Fill),
        ]
        .spacing(8)
        .width(full + table::SCROLL_BAR);
        table::sideways(table, &least, available)
    }
}

/// The columns' widths when the window has room: due, standing, what, agency, agreement, who,
/// the MOA's term.
const PREFERRED: [f32; 7] = [100.0, 86.0, 190.0, 300.0, 90.0, 230.0, 300.0];

/// The narrowest the columns get before the table scrolls sideways: a whole date and
/// standing, the longest kind of deadline and a common term whole (measured in the font drawn
/// with), and enough of the rest to tell rows apart (the agency, which the calendar is read
/// by, the most).
fn least() -> [f32; 7] {
    const PADDING: f32 = 12.0 + 2.0;
    let whole = |s: &str| table::drawn_width(s, Font::DEFAULT) + PADDING;
    [
        whole("2026-12-31").max(100.0),
        86.0,
        whole("Termination takes effect"),
        150.0,
        90.0,
        90.0,
        whole("within 48 hours, excluding weekends"),
    ]
}

/// The agency's column, the last to give way.
const AGENCY: usize = 3;

fn row_view<'a>(r: &'a Row, widths: &[f32; 7]) -> Element<'a, Message> {
    // Long cells are cut with an ellipsis, whole on hover.
    let cell = |value: &str, width: f32| table::cell(value.to_string(), width);
    let d = &r.item.deadline;
    // The standing in words, not colour alone: advisory dates oblige the agency to nothing,
    // and "no record" is not "overdue".
    let mark = container(match d.state {
        DeadlineState::Overdue => text("Overdue").size(13).style(text::danger),
        DeadlineState::NoRecord => text("No record").size(13).style(text::warning),
        DeadlineState::Advisory => text("Advisory").size(13).style(text::secondary),
        DeadlineState::Upcoming => text(""),
    })
    .width(widths[1])
    .padding([0, 6]);
    button(
        row![
            cell(&r.due, widths[0]),
            mark,
            cell(&r.what, widths[2]),
            cell(&r.agency, widths[3]),
            cell(&r.agreement, widths[4]),
            cell(&d.subject, widths[5]),
            cell(&d.term, widths[6]),
        ]
        .align_y(Alignment::Center),
    )
    .on_press(Message::Open(r.item.agency, d.agreement))
    .height(ROW_HEIGHT)
    .padding(0)
    .style(button::text)
    .into()
}
