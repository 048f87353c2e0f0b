//! Moving between pages: the navigation bar, opening an agency from the list or the calendar,
//! and the pages whose content is computed afresh each time they open (the calendar and the
//! dashboard, on a worker; the catalogue and the Data page, read at once).

use iced::Task;
use iced::widget::operation;

use super::app::{App, Message, Page, Screen};
use super::screen::agencies;
use super::screen::agency::Agency;
use super::screen::calendar;
use super::screen::catalogue;
use super::screen::dashboard;
use super::screen::data::Data;
use super::worker;
use crate::domain::AgencyId;

impl App {
    /// Shows a page of the navigation bar.
    pub(super) fn navigate(&mut self, page: Page) -> Task<Message> {
        self.screen = match page {
            Page::Agencies => Screen::Agencies,
            Page::Import => Screen::Import,
            Page::Review => {
                self.reload_review();
                Screen::Review
            }
            Page::Data => {
                let head = self.registry.chain_head().ok().flatten();
                self.data = Data::new(self.registry.automatic_backups(), self.agencies.counts())
                    .with_head(head.map(|h| h.to_string()))
                    .with_filters(self.agencies.filters_in_words())
                    .with_author(
                        self.registry.author(),
                        self.registry.display_name().ok().flatten(),
                    )
                    .with_server(
                        self.registry
                            .is_server()
                            .then(|| self.registry.database().display().to_string()),
                    );
                Screen::Data
            }
            Page::Dashboard => {
                // Computed afresh each time: any edit or import may have moved a figure.
                self.screen = Screen::Dashboard;
                let since = self.dashboard.refresh();
                return self.compute_dashboard(since);
            }
            Page::Calendar => {
                // Read afresh each time: any edit or import may have moved a deadline.
                self.screen = Screen::Calendar;
                return self.load_calendar(self.calendar.request_days());
            }
            Page::Catalogue => return self.open_catalogue(None),
        };
        Task::none()
    }

    /// Handles the Agencies screen's messages.
    pub(super) fn on_agencies(&mut self, m: agencies::Message) -> Task<Message> {
        match self.agencies.update(m) {
            agencies::Action::None => Task::none(),
            agencies::Action::Run(task) => task.map(Message::Agencies),
            agencies::Action::NewAgency => {
                let mut form = Agency::new_agency();
                if self.national.is_none() {
                    match self.registry.national_list() {
                        Ok(list) => self.national = Some(list),
                        Err(e) => self.status = format!("the national list could not be read: {e}"),
                    }
                }
                if let Some(list) = &self.national {
                    form = form.searching(list.clone());
                }
                self.screen = Screen::Agency(Box::new(form.for_role(self.role)));
                // Ctrl+N then typing fills the form, from its first field.
                operation::focus(super::screen::agency::details::STATE_ID)
            }
            agencies::Action::Open(id) => {
                self.open_agency(id, Page::Agencies);
                Task::none()
            }
        }
    }

    /// Opens an agency, remembering the page it was opened from for Back.
    pub(super) fn open_agency(&mut self, id: AgencyId, from: Page) {
        match self.registry.agency(id) {
            Ok(detail) => {
                self.back_to = from;
                let label = match from {
                    Page::Calendar => "Calendar",
                    _ => "Agencies",
                };
                self.screen = Screen::Agency(Box::new(
                    Agency::loaded(detail)
                        .returning_to(label)
                        .for_role(self.role),
                ));
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    /// Handles the Calendar screen's messages.
    pub(super) fn on_calendar(&mut self, m: calendar::Message) -> Task<Message> {
        match self.calendar.update(m) {
            calendar::Action::None => Task::none(),
            calendar::Action::Run(task) => task.map(Message::Calendar),
            calendar::Action::Open(id, agreement) => {
                self.open_agency(id, Page::Calendar);
                if let Screen::Agency(agency) = &mut self.screen {
                    agency.show_agreement(agreement);
                }
                Task::none()
            }
            calendar::Action::Load { request_days } => self.load_calendar(request_days),
        }
    }

    /// Handles the Dashboard screen's messages.
    pub(super) fn on_dashboard(&mut self, m: dashboard::Message) -> Task<Message> {
        match self.dashboard.update(m) {
            dashboard::Action::None => Task::none(),
            dashboard::Action::Compute(since) => self.compute_dashboard(since),
            dashboard::Action::FilterState(state) => {
                self.agencies.filter_state(state);
                self.screen = Screen::Agencies;
                Task::none()
            }
        }
    }

    /// Computes the dashboard's figures on a worker; the answer names the date it was asked
    /// for, so a slower answer to an older date is recognised as stale.
    pub(super) fn compute_dashboard(&self, since: chrono::NaiveDate) -> Task<Message> {
        worker::perform(
            &self.registry,
            move |r| r.dashboard(since),
            move |result| {
                Message::Dashboard(dashboard::Message::Computed(since, result.map(Box::new)))
            },
        )
    }

    /// Computes the calendar on a worker.
    pub(super) fn load_calendar(&mut self, request_days: u32) -> Task<Message> {
        self.calendar.reloading();
        worker::perform(
            &self.registry,
            move |r| r.calendar(request_days),
            |result| Message::Calendar(calendar::Message::Loaded(result)),
        )
    }

    /// Opens the Catalogue screen on the catalogue in force, or on the Versions view of
    /// `version`.
    pub(super) fn open_catalogue(&mut self, version: Option<u32>) -> Task<Message> {
        match self.registry.catalogue_with_history() {
            Ok((c, history)) => {
                let mut screen = catalogue::Catalogue::new(c, history).for_role(self.role);
                match self.registry.shipped_changes() {
                    Ok(shipped) => screen.set_shipped(shipped),
                    Err(e) => {
                        self.status = format!("the shipped corrections could not be read: {e}");
                    }
                }
                let action = match version {
                    Some(v) => screen.show_version(v),
                    None => catalogue::Action::None,
                };
                self.screen = Screen::Catalogue(Box::new(screen));
                self.on_catalogue_action(action)
            }
            Err(e) => {
                self.status = format!("the requirement catalogue could not be read: {e}");
                Task::none()
            }
        }
    }

    /// Focuses the search box of the Agencies list (Ctrl+F).
    pub(super) fn find(&mut self) -> Task<Message> {
        self.screen = Screen::Agencies;
        operation::focus(agencies::SEARCH_ID)
    }
}
