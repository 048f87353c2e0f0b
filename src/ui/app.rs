//! The application: the window's state, its messages, and the routing of each message to the
//! screen it belongs to. Everything it reads or writes goes through the [`Registry`]; every
//! write, and every read that can take long (an import, the check of every agreement, the
//! calendar, the dashboard), runs on a worker thread ([`super::worker`]) and comes back as a
//! reply message of its own, so that the window never freezes and two requests in flight
//! cannot answer each other.
//!
//! What each kind of message does lives beside it: [`super::shortcuts`] (keys),
//! [`super::top_bar`] (the navigation bar and status line), [`super::pages`] (opening pages and
//! agencies), [`super::saves`] (writes of the Agency, Review and Catalogue screens),
//! [`super::files`] (import, export, backup, restore, verify, reports).

use iced::theme::Mode;
use iced::{Element, Size, Subscription, Task, Theme};
use std::collections::HashMap;
use std::path::PathBuf;

use super::leaving::{Leaving, Loss};
use super::screen::agencies::{self, Agencies, AgencyRow};
use super::screen::agency::{self, Agency};
use super::screen::calendar::{self, Calendar};
use super::screen::catalogue;
use super::screen::dashboard::{self, Dashboard};
use super::screen::data::{self, Data};
use super::screen::import::{self, Import};
use super::screen::review::{self, Review};
use super::screen::welcome::{self, Welcome};
use super::theme::ThemeChoice;
use super::worker;
use crate::domain::AgreementId;
use crate::domain::check::Tally;
use crate::registry::{ImportSummary, Registry, RegistryError, today};

pub use super::saves::{CatalogueSaved, SaveReply};
pub use super::shortcuts::Shortcut;

/// Which screen is in view.
#[derive(Debug)]
pub enum Screen {
    /// First start on an empty database.
    Welcome(Welcome),
    /// The list (its state lives in [`App::agencies`], so filters survive navigation).
    Agencies,
    /// One agency (boxed: its forms make it far larger than the other screens).
    Agency(Box<Agency>),
    /// Importing lists.
    Import,
    /// Flagged values.
    Review,
    /// Backup and restore.
    Data,
    /// The compliance calendar (its state lives in [`App::calendar`], so filters survive
    /// opening an agency and coming back).
    Calendar,
    /// The program at a glance (its state lives in [`App::dashboard`], so the chosen date
    /// survives leaving the page).
    Dashboard,
    /// The requirement catalogue (boxed: it holds the catalogue and its history).
    Catalogue(Box<catalogue::Catalogue>),
}

/// The top-level pages of the navigation bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Agencies.
    Agencies,
    /// Import.
    Import,
    /// Review.
    Review,
    /// Data (backup and restore).
    Data,
    /// The compliance calendar.
    Calendar,
    /// The dashboard.
    Dashboard,
    /// The requirement catalogue.
    Catalogue,
}

/// The application's state.
#[derive(Debug)]
pub struct App {
    /// The registry every screen's work goes to.
    pub(super) registry: Registry,
    pub(super) screen: Screen,
    pub(super) agencies: Agencies,
    pub(super) import: Import,
    pub(super) review: Review,
    pub(super) data: Data,
    pub(super) calendar: Calendar,
    pub(super) dashboard: Dashboard,
    /// The national list of law enforcement agencies, read once when a new agency's form
    /// first opens (its search runs in memory as the coordinator types).
    pub(super) national: Option<std::sync::Arc<crate::domain::reference::NationalList>>,
    /// The page an open agency was reached from, where Back returns.
    pub(super) back_to: Page,
    /// Not met and no record counts per agreement; `None` while the check runs.
    pub(super) tallies: Option<HashMap<AgreementId, Tally>>,
    pub(super) theme: ThemeChoice,
    /// The theme menu's options and what is typed in it.
    pub(super) theme_menu: super::choices::Choices<ThemeChoice>,
    /// Whether the desktop is light or dark, which "System theme" follows.
    pub(super) system_mode: Mode,
    pub(super) zoom: f32,
    /// The window's size as last reported, kept in the data folder when the window closes.
    pub(super) window_size: Option<Size>,
    /// What the status line says of the last thing that went wrong or was done.
    pub(super) status: String,
    pub(super) last_save: Option<String>,
    /// A message held back until the coordinator says whether to discard what is typed.
    pub(super) leaving: Option<Leaving>,
    /// Set while a held-back message is carried out, so that it is not held back again.
    pub(super) discarding: bool,
    /// The field that had the focus when a key or a mouse button was last pressed.
    pub(super) last_focus: super::shortcuts::FocusKept,
    /// The field that had the focus when the discard question was asked, given back when the
    /// coordinator keeps editing.
    pub(super) before_question: super::shortcuts::FocusKept,
    /// The field that had the focus when the decision dialog opened, given back when it closes.
    pub(super) before_dialog: super::shortcuts::FocusKept,
    /// On a team's server: the g287 role of the login (what it may do).
    pub(super) role: Option<crate::store::postgres::schema::Role>,
    /// On a team's server: why the connection was lost, while it is being retried.
    pub(super) connection_lost: Option<String>,
}

/// Everything that happens in the window: what the coordinator does, and the registry's
/// replies, each request with its own.
#[derive(Debug, Clone)]
pub enum Message {
    /// On the welcome screen.
    Welcome(welcome::Message),
    /// On the Agencies screen.
    Agencies(agencies::Message),
    /// On an Agency screen.
    Agency(agency::Message),
    /// On the Import screen.
    Import(import::Message),
    /// On the Review screen.
    Review(review::Message),
    /// On the Data screen.
    Data(data::Message),
    /// On the Calendar screen.
    Calendar(calendar::Message),
    /// On the Dashboard screen.
    Dashboard(dashboard::Message),
    /// On the Catalogue screen.
    Catalogue(catalogue::Message),
    /// A page of the navigation bar.
    Navigate(Page),
    /// A keyboard shortcut.
    Shortcut(Shortcut),
    /// A file dropped on the window.
    FileDropped(PathBuf),
    /// The check of every agreement finished (not met and no record counts per agreement).
    Checked(Result<HashMap<AgreementId, Tally>, RegistryError>),
    /// The theme menu.
    ThemeChosen(ThemeChoice),
    /// The desktop switched between light and dark (or said which it is, at start).
    SystemTheme(Mode),
    /// The window was resized (to this size, in logical pixels).
    Resized(Size),
    /// The window has opened at this size on a screen of that size (if the system says).
    Opened(iced::window::Id, Size, Option<Size>),
    /// The automatic daily backup finished (the file written, if one was due).
    BackedUp(Result<Option<PathBuf>, RegistryError>),
    /// An agency's report was written (or not); the browser is asked to open it next.
    ReportWritten(Result<crate::registry::Report, RegistryError>),
    /// An agency's report was written to this file and the browser asked to open it: what
    /// the system said if it could not.
    ReportOpened(PathBuf, Result<(), String>),
    /// The sample list finished loading.
    SampleLoaded(Result<ImportSummary, RegistryError>),
    /// A save of the Agency screen was answered (boxed: it carries the agency and the list).
    Saved(Box<SaveReply>),
    /// On a team's server: another save committed, or the connection lost or back.
    Live(super::live::Event),
    /// The open agency read afresh, or why it could not be.
    AgencyRefreshed(Box<Result<crate::registry::AgencyDetail, RegistryError>>),
    /// A flagged value was settled (or not): its id, and the values still open.
    Settled(i64, Result<Vec<crate::registry::ReviewItem>, RegistryError>),
    /// A coordinator's decision on an agency's link was written (or not): the agency, and the
    /// links still waiting.
    Linked(
        crate::domain::AgencyId,
        Result<Vec<crate::registry::LinkInReview>, RegistryError>,
    ),
    /// An MOA check was accepted or dismissed (or not): its id, and the checks still open.
    MoaSettled(
        i64,
        Result<Vec<crate::registry::documents::MoaCheckItem>, RegistryError>,
    ),
    /// A save of the Catalogue screen was answered.
    CatalogueSaved(Box<CatalogueSaved>),
    /// The Agencies list, read afresh after work that wrote on its own connection (an import,
    /// a restore, a settled value).
    Listed(Result<Vec<crate::registry::AgencyOverview>, RegistryError>),
    /// The window's close button (or the window manager) asked to close.
    CloseRequested,
    /// Carry out the held-back message and lose what it would lose.
    Discard,
    /// Do not carry out the held-back message: back to the form (or the import).
    KeepEditing,
}

/// The window's size and its screen's, once it is open, so that a size remembered on a larger
/// screen can shrink to fit this one.
fn measure_window() -> Task<Message> {
    use iced::window;
    window::oldest().then(|id| match id {
        Some(id) => window::size(id).then(move |size| {
            window::monitor_size(id).map(move |screen| Message::Opened(id, size, screen))
        }),
        None => Task::none(),
    })
}

impl App {
    /// Boots on an open registry: the welcome screen on an empty database, else the list;
    /// today's automatic backup and the check of every agreement start on workers.
    pub fn new(registry: Registry) -> (App, Task<Message>) {
        let empty = registry.counts().map(|(a, _)| a == 0).unwrap_or(false);
        let mut app = App {
            registry,
            screen: if empty {
                Screen::Welcome(Welcome)
            } else {
                Screen::Agencies
            },
            agencies: Agencies::default(),
            import: Import::default(),
            review: Review::default(),
            data: Data::default(),
            calendar: Calendar::new(today()),
            dashboard: Dashboard::new(today()),
            national: None,
            back_to: Page::Agencies,
            tallies: None,
            theme: ThemeChoice::default(),
            theme_menu: super::choices::Choices::new(ThemeChoice::ALL),
            system_mode: Mode::Light,
            zoom: 1.0,
            window_size: None,
            status: String::new(),
            last_save: None,
            leaving: None,
            discarding: false,
            last_focus: Default::default(),
            before_question: Default::default(),
            before_dialog: Default::default(),
            role: None,
            connection_lost: None,
        };
        if app.registry.is_server() {
            match app.registry.role() {
                Ok(role) => app.role = role,
                Err(e) => app.status = format!("the login's role could not be read: {e}"),
            }
        }
        app.reload_list();
        app.reload_review();
        let backup = worker::perform(&app.registry, Registry::daily_backup, Message::BackedUp);
        let system = iced::system::theme().map(Message::SystemTheme);
        let task = Task::batch([app.check_everything(), backup, system, measure_window()]);
        (app, task)
    }

    /// The window title.
    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Agency(a) => format!("g287 — {}", a.title()),
            _ => "g287 — 287(g) program workbench".into(),
        }
    }

    /// The theme: the one chosen, or g287's light or dark one as the desktop is.
    pub fn theme(&self) -> Option<Theme> {
        Some(self.theme.theme(self.system_mode))
    }

    /// Keeps the window's size for the next start, then closes the window. A size that cannot
    /// be kept is not worth keeping the coordinator from quitting.
    pub(super) fn exit(&self) -> Task<Message> {
        if let Some(size) = self.window_size {
            // The rest of the settings as they are (the server to open next may have been
            // chosen on the Data screen meanwhile).
            let mut settings = super::settings::Settings::load(self.registry.data_dir());
            settings.window = Some((size.width, size.height));
            let _ = settings.save(self.registry.data_dir());
        }
        iced::exit()
    }

    /// The zoom factor (Ctrl+plus, Ctrl+minus).
    pub fn scale_factor(&self) -> f32 {
        self.zoom
    }

    /// The screen in view (for tests).
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The registry the window works on (for tests).
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The Calendar screen's state (for tests).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The Dashboard screen's state (for tests).
    pub fn dashboard(&self) -> &Dashboard {
        &self.dashboard
    }

    /// The Import page's state.
    pub fn import(&self) -> &Import {
        &self.import
    }

    /// The Agencies screen's state (for tests and benchmarks).
    pub fn agencies(&self) -> &Agencies {
        &self.agencies
    }

    /// Keyboard shortcuts, dropped files and the close button.
    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            super::shortcuts::subscription(),
            iced::system::theme_changes().map(Message::SystemTheme),
            super::live::subscription(&self.registry).map(Message::Live),
        ])
    }

    /// The window: the navigation bar, the page, the status line.
    pub fn view(&self) -> Element<'_, Message> {
        super::shortcuts::NotesFocus::new(super::top_bar::view(self), &self.last_focus).into()
    }

    /// What the coordinator has typed and not saved on the screen in view, if anything.
    pub fn unsaved(&self) -> Option<&'static str> {
        match &self.screen {
            Screen::Agency(a) => a.unsaved(),
            Screen::Catalogue(c) => c.unsaved(),
            _ => None,
        }
    }

    /// What handling `m` would lose: quitting stops an import that is running; anything that
    /// leaves the screen loses what is typed on it; a screen's own messages lose what that
    /// screen says they do.
    fn would_discard(&self, m: &Message) -> Option<Loss> {
        let quitting = matches!(
            m,
            Message::CloseRequested | Message::Shortcut(Shortcut::Quit)
        );
        if quitting && matches!(self.import.phase(), import::Phase::Running(..)) {
            return Some(Loss::Import);
        }
        let typing = match (m, &self.screen) {
            (Message::Agency(m), Screen::Agency(a)) => a.would_discard(m),
            (Message::Catalogue(m), Screen::Catalogue(c)) => c.would_discard(m),
            (Message::Shortcut(Shortcut::Back), Screen::Agency(a)) => a.escape_would_discard(),
            // A file dropped on an agreement is attached to it; the screen stays.
            (Message::FileDropped(_), Screen::Agency(a)) if a.takes_drops() => None,
            (
                Message::Navigate(_)
                | Message::FileDropped(_)
                | Message::CloseRequested
                | Message::Shortcut(
                    Shortcut::Quit | Shortcut::Find | Shortcut::NewAgency | Shortcut::Back,
                ),
                _,
            ) => self.unsaved(),
            _ => None,
        };
        typing.map(Loss::Typing)
    }

    /// The question asked before work would be lost, if one is open.
    pub fn leaving(&self) -> Option<&Leaving> {
        self.leaving.as_ref()
    }

    /// Handles a message, first holding back one that would lose work (typing, an import
    /// running) until the coordinator says to go ahead.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        if self.leaving.is_some() {
            match message {
                // Escape and Enter answer the question the safe way.
                Message::Shortcut(Shortcut::Back | Shortcut::Enter) => {
                    self.leaving = None;
                    return self.before_question.give_back();
                }
                // The question keeps the keyboard while it is asked: Tab would move focus to
                // the form behind it, and a key typed there would land in its fields.
                Message::Shortcut(
                    Shortcut::NextField
                    | Shortcut::PreviousField
                    | Shortcut::Find
                    | Shortcut::NewAgency
                    | Shortcut::Save
                    | Shortcut::Page(_)
                    | Shortcut::NewNominee
                    | Shortcut::RecordDecision
                    | Shortcut::Up
                    | Shortcut::Down,
                )
                | Message::Agency(_)
                | Message::Catalogue(_)
                | Message::Agencies(_)
                | Message::Navigate(_) => return Task::none(),
                _ => {}
            }
        }
        if !self.discarding
            && let Some(loss) = self.would_discard(&message)
        {
            self.leaving = Some(Leaving {
                loss,
                then: Box::new(message),
            });
            // No field behind the question keeps the focus, so what is typed goes nowhere;
            // the one that had it gets it back if they keep editing.
            return self.before_question.take(&self.last_focus);
        }
        let dialog_was_open = self.decision_open();
        let task = self.carry_out(message);
        match (dialog_was_open, self.decision_open()) {
            // Where the focus was when the key or click that opened it came.
            (false, true) => {
                self.before_dialog.note(&self.last_focus);
                task
            }
            // Back where the coordinator was, if still on the agency's page (a tab that left
            // it has fields of its own, in another order).
            (true, false) if matches!(self.screen, Screen::Agency(_)) => {
                task.chain(self.before_dialog.give_back())
            }
            _ => task,
        }
    }

    /// Whether the decision dialog is open (Escape would close it).
    fn decision_open(&self) -> bool {
        matches!(&self.screen, Screen::Agency(a) if matches!(a.escape(), agency::Message::CloseDecision))
    }

    /// Routes a message to what handles it.
    fn carry_out(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::KeepEditing => {
                self.leaving = None;
                return self.before_question.give_back();
            }
            Message::Discard => {
                if let Some(leaving) = self.leaving.take() {
                    self.discarding = true;
                    let task = self.update(*leaving.then);
                    self.discarding = false;
                    return task;
                }
            }
            Message::CloseRequested => return self.exit(),
            Message::Welcome(m) => return self.on_welcome(m),
            Message::SampleLoaded(result) => return self.sample_loaded(result),
            Message::Agencies(m) => return self.on_agencies(m),
            Message::Agency(m) => return self.on_agency(m),
            Message::Saved(reply) => return self.saved_agency(*reply),
            Message::Live(event) => return self.on_live(event),
            Message::AgencyRefreshed(detail) => {
                if let (Screen::Agency(a), Ok(detail)) = (&mut self.screen, *detail) {
                    a.refreshed(detail);
                }
            }
            Message::Data(m) => return self.on_data(m),
            Message::Calendar(m) => return self.on_calendar(m),
            Message::Dashboard(m) => return self.on_dashboard(m),
            Message::Catalogue(m) => return self.on_catalogue(m),
            Message::CatalogueSaved(reply) => return self.catalogue_saved(*reply),
            Message::Import(m) => return self.on_import(m),
            Message::Review(m) => return self.on_review(m),
            Message::Settled(id, result) => return self.settled(id, result),
            Message::Linked(agency, result) => return self.linked(agency, result),
            Message::MoaSettled(id, result) => return self.moa_settled(id, result),
            Message::Listed(overview) => self.show_list(overview),
            Message::Navigate(page) => return self.navigate(page),
            Message::FileDropped(path) => {
                // On an agreement, a dropped file is a document of it; elsewhere, a list.
                if let Screen::Agency(a) = &self.screen
                    && a.takes_drops()
                {
                    return self.on_agency(agency::Message::DocumentDropped(path));
                }
                self.screen = Screen::Import;
                return self.on_import(import::Message::Dropped(path));
            }
            Message::Checked(result) => match result {
                Ok(tallies) => {
                    self.agencies.set_tallies(&tallies);
                    self.tallies = Some(tallies);
                }
                Err(e) => self.status = format!("the check of every agreement failed: {e}"),
            },
            Message::ThemeChosen(choice) => self.theme = choice,
            Message::SystemTheme(mode) => self.system_mode = mode,
            Message::Resized(size) => self.window_size = Some(size),
            Message::Opened(id, size, Some(screen)) => {
                let fit = super::settings::fit_to_screen(
                    (size.width, size.height),
                    (screen.width, screen.height),
                );
                if let Some((width, height)) = fit {
                    return iced::window::resize(id, Size::new(width, height));
                }
            }
            Message::Opened(_, _, None) => {}
            Message::ReportWritten(result) => return self.report_written(result),
            Message::ReportOpened(file, Ok(())) => {
                self.status = format!("report opened in the browser: {}", file.display())
            }
            Message::ReportOpened(file, Err(e)) => {
                self.status = format!(
                    "report written to {}, but it could not be opened: {e}",
                    file.display()
                )
            }
            Message::BackedUp(Ok(_)) => {}
            Message::BackedUp(Err(e)) => {
                self.status = format!("today's automatic backup failed: {e}")
            }
            Message::Shortcut(s) => return self.on_shortcut(s),
        }
        Task::none()
    }

    /// Says in the status line that something was saved, and when.
    pub(super) fn saved(&mut self, what: String) {
        let now = chrono::Local::now().format("%H:%M:%S");
        self.last_save = Some(format!("{what} at {now}"));
        self.status.clear();
    }

    /// Shows the Agencies list as the registry now holds it.
    pub(super) fn show_list(
        &mut self,
        overview: Result<Vec<crate::registry::AgencyOverview>, RegistryError>,
    ) {
        match overview {
            Ok(overview) => {
                let rows = overview
                    .iter()
                    .map(|a| AgencyRow::new(a, self.tallies.as_ref()))
                    .collect();
                self.agencies.set_rows(rows);
            }
            Err(e) => self.status = format!("the agencies could not be read: {e}"),
        }
    }

    /// On a team's server, what another window's save (or a connection lost and back) means
    /// here: the list, its counts, the page in view and the open agency are read again on
    /// workers; what is typed stays as it is.
    pub fn on_live(&mut self, event: super::live::Event) -> Task<Message> {
        use super::live::Event;
        let everything = match event {
            Event::Lost(why) => {
                self.connection_lost = Some(why);
                return Task::none();
            }
            Event::Restored => {
                self.connection_lost = None;
                None
            }
            Event::Changed(change) => Some(change),
        };
        let mut tasks = vec![self.list_afresh(), self.check_everything()];
        match &self.screen {
            Screen::Agency(a) => {
                if let Some(id) = a.id()
                    && everything.as_ref().is_none_or(|c| c.concerns(id.0))
                {
                    tasks.push(worker::perform(
                        &self.registry,
                        move |r| r.agency(id),
                        |detail| Message::AgencyRefreshed(Box::new(detail)),
                    ));
                }
            }
            Screen::Dashboard => {
                let since = self.dashboard.refresh();
                tasks.push(self.compute_dashboard(since));
            }
            Screen::Calendar => {
                let days = self.calendar.request_days();
                tasks.push(self.load_calendar(days));
            }
            _ => {}
        }
        Task::batch(tasks)
    }

    /// Reads the Agencies list (at boot, so that the first frame shows it).
    fn reload_list(&mut self) {
        let overview = self.registry.agencies();
        self.show_list(overview);
    }

    /// Reads the Agencies list afresh on a worker, after work that wrote on a connection of
    /// its own; [`Message::Listed`] shows it.
    pub(super) fn list_afresh(&self) -> Task<Message> {
        worker::perform(&self.registry, Registry::agencies, Message::Listed)
    }

    /// Reads the open flagged values afresh.
    pub(super) fn reload_review(&mut self) {
        match self.registry.review().and_then(|items| {
            Ok((
                items,
                self.registry.links_in_review(review::links::SHOWN)?,
                self.registry.moa_checks()?,
            ))
        }) {
            Ok((items, links, checks)) => {
                self.review = Review::new(items, links).with_moa_checks(checks)
            }
            Err(e) => self.status = format!("the review queue could not be read: {e}"),
        }
    }

    /// Checks every agreement on a worker; the list's counts follow when it answers.
    pub(super) fn check_everything(&self) -> Task<Message> {
        worker::perform(&self.registry, Registry::check_unmet, Message::Checked)
    }

    fn on_welcome(&mut self, m: welcome::Message) -> Task<Message> {
        let Screen::Welcome(w) = &mut self.screen else {
            return Task::none();
        };
        match w.update(m) {
            welcome::Action::StartEmpty => self.screen = Screen::Agencies,
            welcome::Action::LoadSample => {
                self.status = "Loading ICE's list of 18 July 2025…".into();
                return worker::perform(
                    &self.registry,
                    Registry::import_sample,
                    Message::SampleLoaded,
                );
            }
        }
        Task::none()
    }

    fn sample_loaded(&mut self, result: Result<ImportSummary, RegistryError>) -> Task<Message> {
        match result {
            Ok(s) => {
                self.saved(format!(
                    "loaded {} agreements from ICE's list",
                    s.agreements
                ));
                self.reload_review();
                self.screen = Screen::Agencies;
                Task::batch([self.list_afresh(), self.check_everything()])
            }
            Err(e) => {
                self.status = e.to_string();
                Task::none()
            }
        }
    }
}
