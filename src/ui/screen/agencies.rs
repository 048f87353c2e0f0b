//! The Agencies screen (home): every agency with its agreements, filtered, sorted, and fluid at
//! national scale. Only the rows in view are built: the list keeps the scroll offset and puts
//! spacers where the other rows would be, so 18,000 agencies cost what 30 do.

use iced::widget::scrollable::{AbsoluteOffset, Viewport};
use iced::widget::{
    Space, button, column, operation, responsive, row, scrollable, text, text_input,
};
use iced::{Alignment, Element, Font, Length, Task};
use std::collections::HashMap;
use std::fmt;

mod filters;
use super::rows_in_view;
use crate::domain::check::Tally;
use crate::domain::{AgencyId, AgreementId, Component, Model, State, Status};
use crate::registry::AgencyOverview;
use crate::ui::choices::Choices;
use crate::ui::table::{self, drawn_width, drawn_width_at};

pub use super::rows_in_view::ROW_HEIGHT;
/// The id of the search box (Ctrl+F focuses it).
pub const SEARCH_ID: &str = "agencies-search";
/// The id of the scrolling list.
pub const LIST_ID: &str = "agencies-list";

/// One agency as the list shows it, with its texts prepared once, not on every frame.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRow {
    /// The agency.
    pub id: AgencyId,
    /// Two-letter state code.
    pub state: State,
    /// Name.
    pub name: String,
    /// ICE's type label.
    pub kind: &'static str,
    /// "TFM Active · WSO Pending".
    pub agreements: String,
    /// "ICE", "CBP" or "ICE, CBP".
    pub components: String,
    /// The newest signing date of its agreements.
    pub signed: String,
    /// Requirements not met, and with no record, over its agreements; `None` until the check
    /// has run.
    pub tally: Option<Tally>,
    /// The newest decision: "Accepted 2025-05-08".
    pub decision: String,
    /// (model, status, component) of each agreement, for the filters.
    pub facts: Vec<(Model, Status, Component)>,
    agreement_ids: Vec<AgreementId>,
    /// Lower-case name, county and ORI, searched by the text filter.
    haystack: String,
}

impl AgencyRow {
    /// Prepares a row from the store's overview and the check's counts.
    pub fn new(a: &AgencyOverview, tallies: Option<&HashMap<AgreementId, Tally>>) -> AgencyRow {
        let d = &a.agency.details;
        let agreements = a
            .agreements
            .iter()
            .map(|g| format!("{} {}", g.agreement.model, g.agreement.status))
            .collect::<Vec<_>>()
            .join(" · ");
        let mut components: Vec<String> = a
            .agreements
            .iter()
            .map(|g| g.agreement.component.to_string())
            .collect();
        components.dedup();
        let signed = a
            .agreements
            .iter()
            .filter_map(|g| g.agreement.signed_on)
            .max();
        let decision = a
            .agreements
            .iter()
            .filter_map(|g| g.latest_decision.as_ref())
            .max_by(|x, y| x.decided_on.cmp(&y.decided_on))
            .map(|x| format!("{} {}", capitalise(&x.outcome), x.decided_on))
            .unwrap_or_default();
        let agreement_ids: Vec<AgreementId> = a.agreements.iter().map(|g| g.agreement.id).collect();
        AgencyRow {
            id: a.agency.id,
            state: d.state,
            name: d.name.clone(),
            kind: d.kind.label(),
            agreements,
            components: components.join(", "),
            signed: signed.map(|s| s.to_string()).unwrap_or_default(),
            tally: tallies.map(|t| sum(&agreement_ids, t)),
            decision,
            facts: a
                .agreements
                .iter()
                .map(|g| (g.agreement.model, g.agreement.status, g.agreement.component))
                .collect(),
            haystack: format!(
                "{} {} {}",
                d.name,
                d.county.as_deref().unwrap_or(""),
                d.ori.as_ref().map(|o| o.as_str()).unwrap_or("")
            )
            .to_lowercase(),
            agreement_ids,
        }
    }

    /// Sets the counts from a check of everything.
    pub fn set_tally(&mut self, tallies: &HashMap<AgreementId, Tally>) {
        self.tally = Some(sum(&self.agreement_ids, tallies));
    }
}

/// The counts of an agency's agreements together.
fn sum(agreements: &[AgreementId], tallies: &HashMap<AgreementId, Tally>) -> Tally {
    agreements
        .iter()
        .filter_map(|id| tallies.get(id))
        .fold(Tally::default(), |a, b| a + *b)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The columns, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// State code.
    State,
    /// Agency name.
    Name,
    /// County, municipality, state agency.
    Kind,
    /// Models and statuses.
    Agreements,
    /// ICE or CBP.
    Component,
    /// Newest signing date.
    Signed,
    /// Requirements the record shows not met.
    NotMet,
    /// Requirements with nothing on record to judge by.
    NoRecord,
    /// Newest decision.
    Decision,
}

impl Column {
    const ALL: [Column; 9] = [
        Column::State,
        Column::Name,
        Column::Kind,
        Column::Agreements,
        Column::Component,
        Column::Signed,
        Column::NotMet,
        Column::NoRecord,
        Column::Decision,
    ];

    fn title(self) -> &'static str {
        match self {
            Column::State => "State",
            Column::Name => "Agency",
            Column::Kind => "Type",
            Column::Agreements => "Agreements",
            Column::Component => "Component",
            Column::Signed => "Signed",
            Column::NotMet => "Not met",
            Column::NoRecord => "No record",
            Column::Decision => "Latest decision",
        }
    }

    /// The width the column takes when the window has room (never less than its least).
    fn preferred(self) -> f32 {
        match self {
            Column::State => 74.0,
            Column::Name => 330.0,
            Column::Kind => 110.0,
            Column::Agreements => 250.0,
            // "ICE", "CBP", "ICE, CBP": the title is the widest it gets.
            Column::Component => 0.0,
            Column::Signed => 100.0,
            Column::NotMet => 90.0,
            Column::NoRecord => 104.0,
            Column::Decision => 200.0,
        }
    }

    /// The narrowest the column gets before the table scrolls sideways: each word of its title
    /// whole, the sort arrow with the last (measured in the font drawn with; a narrow title
    /// wraps onto two lines), and enough of its cells to tell rows apart (a whole date; the
    /// name, which the list is read by, the most).
    fn least(self) -> f32 {
        const PADDING: f32 = 12.0 + 2.0;
        let bold = Font {
            weight: iced::font::Weight::Bold,
            ..Font::DEFAULT
        };
        let words: Vec<&str> = self.title().split(' ').collect();
        let title = words
            .iter()
            .enumerate()
            .map(|(i, w)| match i + 1 == words.len() {
                true => drawn_width(&format!("{w} ▼"), bold),
                false => drawn_width(w, bold),
            })
            .fold(0.0, f32::max)
            + PADDING;
        let cells = match self {
            Column::Name => 170.0,
            Column::Signed => drawn_width("2026-12-31", Font::DEFAULT) + PADDING,
            Column::Kind | Column::Agreements | Column::Decision => 90.0,
            _ => 0.0,
        };
        title.max(cells)
    }

    fn cell(self, r: &AgencyRow) -> String {
        match self {
            Column::State => r.state.code().to_string(),
            Column::Name => r.name.clone(),
            Column::Kind => r.kind.to_string(),
            Column::Agreements => r.agreements.clone(),
            Column::Component => r.components.clone(),
            Column::Signed => r.signed.clone(),
            Column::NotMet => r
                .tally
                .map(|t| t.not_met.to_string())
                .unwrap_or_else(|| "…".into()),
            Column::NoRecord => r
                .tally
                .map(|t| t.no_record.to_string())
                .unwrap_or_else(|| "…".into()),
            Column::Decision => r.decision.clone(),
        }
    }

    fn compare(self, a: &AgencyRow, b: &AgencyRow) -> std::cmp::Ordering {
        match self {
            Column::State => a.state.code().cmp(b.state.code()),
            Column::Name => a.haystack.cmp(&b.haystack),
            Column::Kind => a.kind.cmp(b.kind),
            Column::Agreements => a.agreements.cmp(&b.agreements),
            Column::Component => a.components.cmp(&b.components),
            Column::Signed => a.signed.cmp(&b.signed),
            Column::NotMet => a.tally.map(|t| t.not_met).cmp(&b.tally.map(|t| t.not_met)),
            Column::NoRecord => a
                .tally
                .map(|t| t.no_record)
                .cmp(&b.tally.map(|t| t.no_record)),
            Column::Decision => a.decision.cmp(&b.decision),
        }
        .then_with(|| a.haystack.cmp(&b.haystack))
    }
}

/// The columns' widths in a table `available` pixels wide ([`table::widths`]): the name,
/// which a coordinator reads the list by, gives way last.
pub fn column_widths(available: f32) -> [f32; 9] {
    // Measured once per layout: each least width shapes a title.
    let least = Column::ALL.map(Column::least);
    const NAME: usize = 1;
    debug_assert_eq!(Column::ALL[NAME], Column::Name);
    table::widths(least, Column::ALL.map(Column::preferred), NAME, available)
}

/// How wide a filter's menu must be for its longest choice to show whole (the menus' text is
/// iced's default 16 px, with 6 px of padding each side and room for the cursor): at 1024 px
/// the model, status and component menus keep their width and the search and state boxes
/// give way.
fn menu_width<T: std::fmt::Display>(choices: impl IntoIterator<Item = T>) -> f32 {
    choices
        .into_iter()
        .map(|c| drawn_width_at(&c.to_string(), Font::DEFAULT, 16.0))
        .fold(0.0, f32::max)
        + 2.0 * 6.0
        + 6.0
}

/// An option of a filter menu: everything, or one value.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice<T> {
    /// No filter.
    All(&'static str),
    /// Only this value.
    Only(T),
}

impl<T: fmt::Display> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Choice::All(label) => f.write_str(label),
            Choice::Only(v) => v.fmt(f),
        }
    }
}

impl<T: Clone> Choice<T> {
    /// The value chosen, or `None` for everything.
    pub fn value(&self) -> Option<T> {
        match self {
            Choice::All(_) => None,
            Choice::Only(v) => Some(v.clone()),
        }
    }
}

/// A state shown with its full name in the filter menu.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StateOption(pub State);

impl fmt::Display for StateOption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0.code(), self.0.name())
    }
}

/// The Agencies screen's state.
#[derive(Debug, Clone)]
pub struct Agencies {
    rows: Vec<AgencyRow>,
    /// Indices into `rows` that pass the filters, in sort order.
    visible: Vec<usize>,
    query: String,
    state: Choice<StateOption>,
    model: Choice<Model>,
    status: Choice<Status>,
    component: Choice<Component>,
    state_menu: Choices<Choice<StateOption>>,
    model_menu: Choices<Choice<Model>>,
    status_menu: Choices<Choice<Status>>,
    component_menu: Choices<Choice<Component>>,
    /// The widths of the model, status and component menus ([`menu_width`]).
    menu_widths: [f32; 3],
    sort: Column,
    descending: bool,
    selected: Option<AgencyId>,
    offset: f32,
    viewport: f32,
}

/// What the coordinator does on this screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Typed in the search box.
    Search(String),
    /// Chose a state in the filter.
    StateFilter(Choice<StateOption>),
    /// Chose a model in the filter.
    ModelFilter(Choice<Model>),
    /// Chose a status in the filter.
    StatusFilter(Choice<Status>),
    /// Chose a component in the filter.
    ComponentFilter(Choice<Component>),
    /// Clicked a column header: sort by it, or reverse.
    Sort(Column),
    /// Scrolled the list.
    Scrolled(Viewport),
    /// Clicked an agency's row.
    Open(AgencyId),
    /// Down arrow.
    SelectNext,
    /// Up arrow.
    SelectPrevious,
    /// Enter.
    OpenSelected,
    /// The "New agency" button or Ctrl+N.
    NewAgency,
    /// Reset every filter.
    ClearFilters,
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Open this agency.
    Open(AgencyId),
    /// Open an empty agency form.
    NewAgency,
    /// Run a widget task (scrolling).
    Run(Task<Message>),
}

impl Default for Agencies {
    fn default() -> Self {
        Agencies::new(Vec::new())
    }
}

impl Agencies {
    /// A list of these rows.
    pub fn new(rows: Vec<AgencyRow>) -> Agencies {
        let mut list = Agencies {
            rows,
            visible: Vec::new(),
            query: String::new(),
            state: Choice::All("All states"),
            model: Choice::All("All models"),
            status: Choice::All("All statuses"),
            component: Choice::All("ICE and CBP"),
            state_menu: Choices::new(
                std::iter::once(Choice::All("All states"))
                    .chain(State::all().map(|s| Choice::Only(StateOption(s)))),
            ),
            model_menu: Choices::new(
                std::iter::once(Choice::All("All models")).chain(Model::ALL.map(Choice::Only)),
            ),
            status_menu: Choices::new(
                std::iter::once(Choice::All("All statuses")).chain(Status::ALL.map(Choice::Only)),
            ),
            component_menu: Choices::new(
                std::iter::once(Choice::All("ICE and CBP")).chain(Component::ALL.map(Choice::Only)),
            ),
            menu_widths: [
                menu_width(
                    std::iter::once(Choice::All("All models")).chain(Model::ALL.map(Choice::Only)),
                ),
                menu_width(
                    std::iter::once(Choice::All("All statuses"))
                        .chain(Status::ALL.map(Choice::Only)),
                ),
                menu_width(
                    std::iter::once(Choice::All("ICE and CBP"))
                        .chain(Component::ALL.map(Choice::Only)),
                ),
            ],
            sort: Column::State,
            descending: false,
            selected: None,
            offset: 0.0,
            viewport: 600.0,
        };
        list.refilter();
        list
    }

    /// Replaces the rows (after a change in the store), keeping filters, sort and selection.
    pub fn set_rows(&mut self, rows: Vec<AgencyRow>) {
        self.rows = rows;
        self.refilter();
    }

    /// Sets the not met and no record counts from a check of everything.
    pub fn set_tallies(&mut self, tallies: &HashMap<AgreementId, Tally>) {
        for r in &mut self.rows {
            r.set_tally(tallies);
        }
        if matches!(self.sort, Column::NotMet | Column::NoRecord) {
            self.refilter();
        }
    }

    /// Filters to one state (a click on the dashboard's map).
    pub fn filter_state(&mut self, state: State) {
        self.state = Choice::Only(StateOption(state));
        self.refilter();
    }

    /// How many agencies pass the filters, and how many there are.
    pub fn counts(&self) -> (usize, usize) {
        (self.visible.len(), self.rows.len())
    }

    /// The selected agency.
    pub fn selected(&self) -> Option<AgencyId> {
        self.selected
    }

    /// The agencies passing the filters (an export of "what the list shows").
    pub fn visible_ids(&self) -> std::collections::HashSet<AgencyId> {
        self.visible.iter().map(|&i| self.rows[i].id).collect()
    }

    /// The names of the agencies passing the filters, in order (for tests and exports).
    pub fn visible_names(&self) -> Vec<&str> {
        self.visible
            .iter()
            .map(|&i| self.rows[i].name.as_str())
            .collect()
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Search(q) => {
                self.query = q;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::StateFilter(c) => {
                self.state = c;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::ModelFilter(c) => {
                self.model = c;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::StatusFilter(c) => {
                self.status = c;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::ComponentFilter(c) => {
                self.component = c;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::ClearFilters => {
                let rows = std::mem::take(&mut self.rows);
                let (sort, descending) = (self.sort, self.descending);
                *self = Agencies::new(rows);
                self.sort = sort;
                self.descending = descending;
                self.refilter();
                return self.scroll_to_top();
            }
            Message::Sort(column) => {
                if self.sort == column {
                    self.descending = !self.descending;
                } else {
                    self.sort = column;
                    self.descending = false;
                }
                self.refilter();
            }
            Message::Scrolled(viewport) => {
                self.offset = viewport.absolute_offset().y;
                self.viewport = viewport.bounds().height;
            }
            Message::Open(id) => {
                self.selected = Some(id);
                return Action::Open(id);
            }
            Message::SelectNext => return self.move_selection(1),
            Message::SelectPrevious => return self.move_selection(-1),
            Message::OpenSelected => {
                if let Some(id) = self.selected {
                    return Action::Open(id);
                }
            }
            Message::NewAgency => return Action::NewAgency,
        }
        Action::None
    }

    fn scroll_to_top(&mut self) -> Action {
        self.offset = 0.0;
        Action::Run(operation::scroll_to(
            LIST_ID,
            AbsoluteOffset { x: 0.0, y: 0.0 },
        ))
    }

    fn move_selection(&mut self, step: isize) -> Action {
        if self.visible.is_empty() {
            return Action::None;
        }
        let position = self
            .selected
            .and_then(|id| self.visible.iter().position(|&i| self.rows[i].id == id));
        let next = match position {
            None => 0,
            Some(p) => (p as isize + step).clamp(0, self.visible.len() as isize - 1) as usize,
        };
        self.selected = Some(self.rows[self.visible[next]].id);
        let top = next as f32 * ROW_HEIGHT;
        let y = if top < self.offset {
            top
        } else if top + ROW_HEIGHT > self.offset + self.viewport {
            top + ROW_HEIGHT - self.viewport
        } else {
            return Action::None;
        };
        self.offset = y.max(0.0);
        Action::Run(operation::scroll_to(
            LIST_ID,
            AbsoluteOffset {
                x: 0.0,
                y: self.offset,
            },
        ))
    }

    fn refilter(&mut self) {
        let words: Vec<String> = self
            .query
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let state = self.state.value().map(|s| s.0);
        let (model, status, component) = (
            self.model.value(),
            self.status.value(),
            self.component.value(),
        );
        let mut visible: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                state.is_none_or(|s| r.state == s)
                    && words.iter().all(|w| r.haystack.contains(w.as_str()))
                    && (model.is_none() && status.is_none() && component.is_none()
                        || r.facts.iter().any(|(m, s, c)| {
                            model.is_none_or(|x| x == *m)
                                && status.is_none_or(|x| x == *s)
                                && component.is_none_or(|x| x == *c)
                        }))
            })
            .collect();
        let column = self.sort;
        visible.sort_by(|&a, &b| column.compare(&self.rows[a], &self.rows[b]));
        if self.descending {
            visible.reverse();
        }
        self.visible = visible;
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let (shown, total) = self.counts();
        // Drop-downs are combo boxes: Tab reaches them, and typing "all" then Enter clears one.
        let filters = row![
            text_input("Search name, county or ORI  (Ctrl+F)", &self.query)
                .style(crate::ui::choices::field)
                .id(SEARCH_ID)
                .on_input(Message::Search)
                .on_submit(Message::OpenSelected)
                .padding(6)
                .width(Length::FillPortion(3)),
            self.state_menu
                .view("State", Some(&self.state), Message::StateFilter)
                .width(Length::FillPortion(2)),
            self.model_menu
                .view("Model", Some(&self.model), Message::ModelFilter)
                .width(self.menu_widths[0]),
            self.status_menu
                .view("Status", Some(&self.status), Message::StatusFilter)
                .width(self.menu_widths[1]),
            self.component_menu
                .view("Component", Some(&self.component), Message::ComponentFilter)
                .width(self.menu_widths[2]),
            super::parts::with_key(
                button(text("Clear"))
                    .on_press(Message::ClearFilters)
                    .style(button::secondary)
                    .padding(6),
                "Ctrl+L",
            ),
            button(text("New agency"))
                .on_press(Message::NewAgency)
                .style(button::primary)
                .padding(6),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let count = text(format!(
            "{} of {} agencies",
            thousands(shown),
            thousands(total)
        ))
        .size(14);
        let empty: Element<'_, Message> = if self.visible.is_empty() {
            text(if total == 0 {
                "No agencies yet: import ICE's lists (Import) or add one (New agency)."
            } else {
                "No agency matches these filters."
            })
            .into()
        } else {
            Space::new().into()
        };
        column![
            filters,
            count,
            empty,
            responsive(move |size| self.table(size.width)),
        ]
        .spacing(8)
        .into()
    }

    /// The header and the rows in view, in columns sized to `available` pixels; a table that
    /// cannot shrink that far scrolls sideways.
    fn table(&self, available: f32) -> Element<'_, Message> {
        // The list's scroll bar takes its width from the rows.
        let widths = column_widths(available - table::SCROLL_BAR);
        let full: f32 = widths.iter().sum();
        let header = row(Column::ALL.iter().zip(widths).map(|(&c, width)| {
            let arrow = match (self.sort == c, self.descending) {
                (true, false) => " ▲",
                (true, true) => " ▼",
                _ => "",
            };
            button(
                text(format!("{}{arrow}", c.title()))
                    .size(14)
                    .wrapping(iced::widget::text::Wrapping::Word)
                    .font(Font {
                        weight: iced::font::Weight::Bold,
                        ..Font::DEFAULT
                    }),
            )
            .on_press(Message::Sort(c))
            .style(button::text)
            .width(width)
            .padding([4, 6])
            .into()
        }));
        let range = rows_in_view::in_view(self.offset, self.viewport, self.visible.len());
        let list = rows_in_view::list(
            range.clone(),
            self.visible.len(),
            self.visible[range]
                .iter()
                .map(|&i| self.row_view(&self.rows[i], &widths)),
        );
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
        table::sideways(table, &Column::ALL.map(Column::least), available)
    }

    fn row_view<'a>(&self, r: &'a AgencyRow, widths: &[f32; 9]) -> Element<'a, Message> {
        let selected = self.selected == Some(r.id);
        let cells = row(Column::ALL
            .iter()
            .zip(widths)
            .map(|(&c, &width)| table::cell(c.cell(r), width)))
        .align_y(Alignment::Center);
        button(cells)
            .on_press(Message::Open(r.id))
            .height(ROW_HEIGHT)
            .padding(0)
            .style(if selected {
                button::primary
            } else {
                button::text
            })
            .into()
    }
}

/// 18000 -> "18,000".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At 1024 px the model, status and component menus show their longest choice whole ("All
    /// statuses" was cut to "All statuse" and "ICE and CBP" to "ICE and CB" when the four
    /// menus shared the room left by the search box), and the search and state boxes still
    /// get room beside them.
    #[test]
    fn the_filter_menus_show_their_longest_choice_whole_at_1024_px() {
        let list = Agencies::new(Vec::new());
        let [models, statuses, components] = list.menu_widths;
        let whole = |label: &str| drawn_width_at(label, Font::DEFAULT, 16.0) + 12.0;
        assert!(models >= whole("All models"), "{models}");
        assert!(statuses >= whole("All statuses"), "{statuses}");
        assert!(components >= whole("ICE and CBP"), "{components}");
        for status in Status::ALL {
            assert!(
                statuses >= whole(&Choice::Only(status).to_string()),
                "{status:?}"
            );
        }
        // The window's 12 px margins, eight gaps of 8 px, the two buttons (their labels and
        // 6 px padding each side).
        let buttons = whole("Clear") + whole("New agency");
        let left = 1024.0 - 24.0 - 7.0 * 8.0 - buttons - models - statuses - components;
        assert!(left >= 300.0, "search and state boxes share only {left} px");
    }
}
