//! The application: routes messages to the screen in view and carries out the actions screens
//! return. It is the only part of the window that talks to the store; work that can take long
//! (imports, the check of every agreement) runs on a thread of its own with its own connection,
//! so the window never freezes.

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::widget::{button, column, container, operation, pick_list, row, rule, text};
use iced::{Alignment, Element, Event, Length, Subscription, Task, Theme, event, window};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::leaving::{Leaving, Loss};
use super::screen::agencies::{self, Agencies, AgencyRow};
use super::screen::agency::{self, Agency, Edit};
use super::screen::calendar::{self, Calendar};
use super::screen::catalogue;
use super::screen::dashboard::{self, Dashboard};
use super::screen::data::{self, Data};
use super::screen::import::{self, Import};
use super::screen::review::{self, Review};
use super::screen::welcome::{self, Welcome};
use super::theme::ThemeChoice;
use crate::domain::check::Tally;
use crate::domain::{AgencyId, AgreementId};
use crate::export::ExportFormat;
use crate::import::read_list;
use crate::store::calendar::CalendarItem;
use crate::store::imports::{ImportSummary, ListToApply};
use crate::store::{Store, StoreError, today};

/// The sample list offered on first start, built into the program so that an installed g287
/// has it without its source folder.
const SAMPLE_LIST: &[u8] =
    include_bytes!("../../assets/sample/participatingAgencies07182025pm.xlsx");
/// Its name as ICE published it (the name carries the list's date).
const SAMPLE_NAME: &str = "participatingAgencies07182025pm.xlsx";

/// Exports the registry of the database at `database` to `file` — every agency, or only those
/// in `only` — on its own connection (the window runs it on a thread): what was written, in
/// words, or why nothing was.
pub fn export_file(
    database: &Path,
    format: ExportFormat,
    file: &Path,
    only: Option<&HashSet<AgencyId>>,
) -> Result<String, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    crate::export::export_registry(&store, format, file, today(), |a| {
        only.is_none_or(|ids| ids.contains(&a.agency.id))
    })
    .map(|exported| format!("Exported {}", exported.describe(format, file)))
    .map_err(|e| e.to_string())
}

/// Verifies the database at `database` on its own connection (the window runs it on a
/// thread): what was found, as a success when everything holds and as an error when not.
pub fn verify_database(database: &Path) -> Result<String, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    let found = store.verify().map_err(|e| e.to_string())?;
    if found.ok() {
        Ok(found.in_words())
    } else {
        Err(found.in_words())
    }
}

/// Imports the built-in sample list: written to a private temporary folder, read like any file.
pub fn import_sample(database: &Path) -> Result<ImportSummary, String> {
    let dir = tempfile_dir().map_err(|e| format!("the sample list could not be unpacked: {e}"))?;
    let file = dir.join(SAMPLE_NAME);
    std::fs::write(&file, SAMPLE_LIST)
        .map_err(|e| format!("the sample list could not be unpacked: {e}"))?;
    let result = import_files(database, vec![file], false, &mut |_, _| {});
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A fresh folder under the system's temporary folder.
fn tempfile_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!(
        "g287-sample-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

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
    store: Store,
    data_dir: PathBuf,
    screen: Screen,
    agencies: Agencies,
    import: Import,
    review: Review,
    data: Data,
    calendar: Calendar,
    dashboard: Dashboard,
    /// The page an open agency was reached from, where Back returns.
    back_to: Page,
    tallies: Option<HashMap<AgreementId, Tally>>,
    theme: ThemeChoice,
    zoom: f32,
    status: String,
    last_save: Option<String>,
    /// A message held back until the coordinator says whether to discard what is typed.
    leaving: Option<Leaving>,
    /// Set while a held-back message is carried out, so that it is not held back again.
    discarding: bool,
}

/// Everything that happens in the window.
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
    Checked(Result<HashMap<AgreementId, Tally>, String>),
    /// The theme menu.
    ThemeChosen(ThemeChoice),
    /// The automatic daily backup finished (the file written, if one was due).
    BackedUp(Result<Option<PathBuf>, String>),
    /// An agency's report was written to this file and the browser asked to open it.
    ReportOpened(PathBuf, Result<(), String>),
    /// The sample list finished loading.
    SampleLoaded(Result<ImportSummary, String>),
    /// The window's close button (or the window manager) asked to close.
    CloseRequested,
    /// Carry out the held-back message and lose what it would lose.
    Discard,
    /// Do not carry out the held-back message: back to the form (or the import).
    KeepEditing,
}

/// The keyboard shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+Q.
    Quit,
    /// Ctrl+F: the search box.
    Find,
    /// Ctrl+N: a new agency.
    NewAgency,
    /// Ctrl+plus.
    ZoomIn,
    /// Ctrl+minus.
    ZoomOut,
    /// Ctrl+0.
    ZoomReset,
    /// Down arrow.
    Down,
    /// Up arrow.
    Up,
    /// Enter.
    Enter,
    /// Escape: back to the list.
    Back,
    /// Tab: next field.
    NextField,
    /// Shift+Tab: previous field.
    PreviousField,
}

impl App {
    /// Boots on an open store: the welcome screen on an empty database, else the list.
    pub fn new(store: Store, data_dir: PathBuf) -> (App, Task<Message>) {
        let empty = store.counts().map(|(a, _)| a == 0).unwrap_or(false);
        let mut app = App {
            store,
            data_dir,
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
            back_to: Page::Agencies,
            tallies: None,
            theme: ThemeChoice::default(),
            zoom: 1.0,
            status: String::new(),
            last_save: None,
            leaving: None,
            discarding: false,
        };
        app.reload_list();
        app.reload_review();
        let path = app.store.path().to_path_buf();
        let backup = Task::perform(run_blocking(move || daily_backup(&path)), Message::BackedUp);
        let task = Task::batch([app.check_everything(), backup]);
        (app, task)
    }

    /// The window title.
    pub fn title(&self) -> String {
        match &self.screen {
            Screen::Agency(a) => format!("g287 — {}", a.title()),
            _ => "g287 — 287(g) program workbench".into(),
        }
    }

    /// The theme, or `None` to follow the system.
    pub fn theme(&self) -> Option<Theme> {
        self.theme.theme()
    }

    /// The zoom factor (Ctrl+plus, Ctrl+minus).
    pub fn scale_factor(&self) -> f32 {
        self.zoom
    }

    /// The screen in view (for tests).
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The Calendar screen's state (for tests).
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The Dashboard screen's state (for tests).
    pub fn dashboard(&self) -> &Dashboard {
        &self.dashboard
    }

    /// The Agencies screen's state (for tests and benchmarks).
    pub fn agencies(&self) -> &Agencies {
        &self.agencies
    }

    /// Keyboard shortcuts and dropped files.
    pub fn subscription(&self) -> Subscription<Message> {
        event::listen_with(|event, status, _window| match event {
            Event::Keyboard(iced::keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                shortcut(&key, modifiers, status == event::Status::Captured).map(Message::Shortcut)
            }
            Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
            Event::Window(window::Event::CloseRequested) => Some(Message::CloseRequested),
            _ => None,
        })
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
        if self.leaving.is_some() && matches!(message, Message::Shortcut(Shortcut::Back)) {
            // Escape answers the question the safe way.
            self.leaving = None;
            return Task::none();
        }
        if !self.discarding
            && let Some(loss) = self.would_discard(&message)
        {
            self.leaving = Some(Leaving {
                loss,
                then: Box::new(message),
            });
            return Task::none();
        }
        self.carry_out(message)
    }

    fn carry_out(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::KeepEditing => self.leaving = None,
            Message::Discard => {
                if let Some(leaving) = self.leaving.take() {
                    self.discarding = true;
                    let task = self.update(*leaving.then);
                    self.discarding = false;
                    return task;
                }
            }
            Message::CloseRequested => return iced::exit(),
            Message::Welcome(m) => {
                let Screen::Welcome(w) = &mut self.screen else {
                    return Task::none();
                };
                match w.update(m) {
                    welcome::Action::StartEmpty => self.screen = Screen::Agencies,
                    welcome::Action::LoadSample => {
                        self.status = "Loading ICE's list of 18 July 2025…".into();
                        let path = self.store.path().to_path_buf();
                        return Task::perform(
                            run_blocking(move || import_sample(&path)),
                            Message::SampleLoaded,
                        );
                    }
                }
            }
            Message::SampleLoaded(result) => match result {
                Ok(s) => {
                    self.saved(format!(
                        "loaded {} agreements from ICE's list",
                        s.agreements
                    ));
                    self.reload_list();
                    self.reload_review();
                    self.screen = Screen::Agencies;
                    return self.check_everything();
                }
                Err(e) => self.status = e,
            },
            Message::Agencies(m) => return self.on_agencies(m),
            Message::Agency(m) => {
                let Screen::Agency(a) = &mut self.screen else {
                    return Task::none();
                };
                match a.update(m) {
                    agency::Action::None => {}
                    agency::Action::Back => return self.update(Message::Navigate(self.back_to)),
                    agency::Action::Run(task) => return task.map(Message::Agency),
                    agency::Action::Save(edit) => return self.save(edit),
                    agency::Action::Report(id) => return self.report(id),
                    agency::Action::OpenCatalogueVersion(v) => {
                        return self.open_catalogue(Some(v));
                    }
                }
            }
            Message::Data(m) => return self.on_data(m),
            Message::Calendar(m) => return self.on_calendar(m),
            Message::Dashboard(m) => return self.on_dashboard(m),
            Message::Catalogue(m) => return self.on_catalogue(m),
            Message::Import(m) => {
                let finished = matches!(&m, import::Message::Finished(Ok(_)));
                let task = self.on_import(m);
                if finished {
                    // The import wrote on its own connection: read back what it changed.
                    self.saved("import".into());
                    self.reload_list();
                    self.reload_review();
                    return Task::batch([task, self.check_everything()]);
                }
                return task;
            }
            Message::Review(m) => {
                if let review::Action::Settle(id, resolution) = self.review.update(m) {
                    let result = self.store.write(|w| w.resolve_review(id, &resolution));
                    let outcome = match result {
                        Ok(()) => {
                            self.saved(format!("flagged value {id} settled"));
                            self.reload_list();
                            self.store.open_review().map_err(|e| e.to_string())
                        }
                        Err(e) => Err(e.to_string()),
                    };
                    self.review.settled(id, outcome);
                }
            }
            Message::Navigate(page) => {
                self.screen = match page {
                    Page::Agencies => Screen::Agencies,
                    Page::Import => Screen::Import,
                    Page::Review => {
                        self.reload_review();
                        Screen::Review
                    }
                    Page::Data => {
                        let head = self.store.chain_head().ok().flatten();
                        self.data =
                            Data::new(automatic_backups(self.store.path()), self.agencies.counts())
                                .with_head(head.map(|h| h.to_string()));
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
            }
            Message::FileDropped(path) => {
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

    fn on_shortcut(&mut self, s: Shortcut) -> Task<Message> {
        match s {
            Shortcut::Quit => return iced::exit(),
            Shortcut::ZoomIn => self.zoom = (self.zoom + 0.1).min(3.0),
            Shortcut::ZoomOut => self.zoom = (self.zoom - 0.1).max(0.5),
            Shortcut::ZoomReset => self.zoom = 1.0,
            Shortcut::NextField => return operation::focus_next(),
            Shortcut::PreviousField => return operation::focus_previous(),
            Shortcut::Find => {
                self.screen = Screen::Agencies;
                return operation::focus(agencies::SEARCH_ID);
            }
            Shortcut::NewAgency => return self.on_agencies(agencies::Message::NewAgency),
            Shortcut::Back => match &self.screen {
                Screen::Agency(a) => return self.update(Message::Agency(a.escape())),
                Screen::Import
                | Screen::Review
                | Screen::Data
                | Screen::Calendar
                | Screen::Dashboard
                | Screen::Catalogue(_) => self.screen = Screen::Agencies,
                Screen::Welcome(_) | Screen::Agencies => {}
            },
            Shortcut::Down | Shortcut::Up | Shortcut::Enter
                if matches!(self.screen, Screen::Agencies) =>
            {
                let m = match s {
                    Shortcut::Down => agencies::Message::SelectNext,
                    Shortcut::Up => agencies::Message::SelectPrevious,
                    _ => agencies::Message::OpenSelected,
                };
                return self.on_agencies(m);
            }
            Shortcut::Down | Shortcut::Up | Shortcut::Enter => {}
        }
        Task::none()
    }

    fn on_agencies(&mut self, m: agencies::Message) -> Task<Message> {
        match self.agencies.update(m) {
            agencies::Action::None => Task::none(),
            agencies::Action::Run(task) => task.map(Message::Agencies),
            agencies::Action::NewAgency => {
                self.screen = Screen::Agency(Box::new(Agency::new_agency()));
                Task::none()
            }
            agencies::Action::Open(id) => {
                self.open_agency(id, Page::Agencies);
                Task::none()
            }
        }
    }

    fn open_agency(&mut self, id: crate::domain::AgencyId, from: Page) {
        match self.store.agency_detail(id, today()) {
            Ok(detail) => {
                self.back_to = from;
                let label = match from {
                    Page::Calendar => "Calendar",
                    _ => "Agencies",
                };
                self.screen = Screen::Agency(Box::new(Agency::loaded(detail).returning_to(label)));
            }
            Err(e) => self.status = e.to_string(),
        }
    }

    fn on_calendar(&mut self, m: calendar::Message) -> Task<Message> {
        match self.calendar.update(m) {
            calendar::Action::None => Task::none(),
            calendar::Action::Run(task) => task.map(Message::Calendar),
            calendar::Action::Open(id) => {
                self.open_agency(id, Page::Calendar);
                Task::none()
            }
            calendar::Action::Load { request_days } => self.load_calendar(request_days),
        }
    }

    /// Writes an agency's report into the data folder's `reports/` (today's report of an agency
    /// replaces the one written earlier today) and asks the system to open it.
    fn report(&mut self, id: crate::domain::AgencyId) -> Task<Message> {
        match write_report(&self.store, &self.data_dir, id) {
            Ok(file) => {
                self.status = format!("report written to {}", file.display());
                Task::perform(
                    run_blocking({
                        let file = file.clone();
                        move || open::that_detached(&file).map_err(|e| e.to_string())
                    }),
                    move |r| Message::ReportOpened(file.clone(), r),
                )
            }
            Err(e) => {
                self.status = format!("the report could not be written: {e}");
                Task::none()
            }
        }
    }

    fn on_dashboard(&mut self, m: dashboard::Message) -> Task<Message> {
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

    fn compute_dashboard(&self, since: chrono::NaiveDate) -> Task<Message> {
        let path = self.store.path().to_path_buf();
        Task::perform(run_blocking(move || dashboard_of(&path, since)), move |r| {
            Message::Dashboard(dashboard::Message::Computed(since, r.map(Box::new)))
        })
    }

    fn load_calendar(&mut self, request_days: u32) -> Task<Message> {
        self.calendar.reloading();
        let path = self.store.path().to_path_buf();
        Task::perform(
            run_blocking(move || calendar_of(&path, request_days)),
            |r| Message::Calendar(calendar::Message::Loaded(r)),
        )
    }

    /// Opens the Catalogue screen on the catalogue in force, or on the Versions view of
    /// `version`.
    fn open_catalogue(&mut self, version: Option<u32>) -> Task<Message> {
        let read = self
            .store
            .catalogue()
            .and_then(|c| Ok((c, self.store.catalogue_history()?)));
        match read {
            Ok((c, history)) => {
                let mut screen = catalogue::Catalogue::new(c, history);
                match self.store.shipped_changes() {
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

    fn on_catalogue(&mut self, m: catalogue::Message) -> Task<Message> {
        let Screen::Catalogue(screen) = &mut self.screen else {
            return Task::none();
        };
        let action = screen.update(m);
        self.on_catalogue_action(action)
    }

    fn on_catalogue_action(&mut self, action: catalogue::Action) -> Task<Message> {
        match action {
            catalogue::Action::None => Task::none(),
            catalogue::Action::ReadVersion(v) => {
                // One row of a small table: read here, no thread needed.
                let result = self.store.catalogue_at(v).map_err(|e| e.to_string());
                if let Screen::Catalogue(screen) = &mut self.screen {
                    screen.version_read(v, result);
                }
                Task::none()
            }
            catalogue::Action::Save(requirement) => {
                let result = self
                    .store
                    .write(|w| w.update_requirement(&requirement))
                    .and_then(|_| Ok((self.store.catalogue()?, self.store.catalogue_history()?)));
                let changed = result.is_ok();
                if let Ok((c, _)) = &result {
                    self.saved(format!(
                        "catalogue version {} ({} changed)",
                        c.version, requirement.id
                    ));
                }
                if let Screen::Catalogue(screen) = &mut self.screen {
                    screen.saved(result);
                }
                if !changed {
                    return Task::none();
                }
                // Every agreement's checklist may have changed: until the check is back the
                // status line says so, and the list's counts are those of the old catalogue.
                self.tallies = None;
                self.check_everything()
            }
            catalogue::Action::ResolveShipped { id, adopt } => {
                let result = self
                    .store
                    .write(|w| w.resolve_shipped_change(&id, adopt))
                    .and_then(|_| {
                        Ok((
                            self.store.catalogue()?,
                            self.store.catalogue_history()?,
                            self.store.shipped_changes()?,
                        ))
                    });
                match result {
                    Ok((c, history, shipped)) => {
                        self.saved(format!(
                            "{id}: {} (catalogue version {})",
                            if adopt {
                                "the shipped correction adopted"
                            } else {
                                "your version kept"
                            },
                            c.version
                        ));
                        if let Screen::Catalogue(screen) = &mut self.screen {
                            screen.set_shipped(shipped);
                            screen.saved(Ok((c, history)));
                        }
                        if !adopt {
                            return Task::none();
                        }
                        self.tallies = None;
                        self.check_everything()
                    }
                    Err(e) => {
                        self.status = format!("{id}: the choice was not recorded: {e}");
                        Task::none()
                    }
                }
            }
        }
    }

    fn on_data(&mut self, m: data::Message) -> Task<Message> {
        let restored =
            matches!(&m, data::Message::Finished(Ok(text)) if text.starts_with("Restored"));
        let path = self.store.path().to_path_buf();
        let task = match self.data.update(m) {
            data::Action::None => Task::none(),
            data::Action::Run(task) => task.map(Message::Data),
            data::Action::Copy(text) => iced::clipboard::write(text),
            data::Action::Export(file, format, only_listed) => {
                let listed = only_listed.then(|| self.agencies.visible_ids());
                Task::perform(
                    run_blocking(move || export_file(&path, format, &file, listed.as_ref())),
                    |r| Message::Data(data::Message::Finished(r)),
                )
            }
            data::Action::Verify => {
                Task::perform(run_blocking(move || verify_database(&path)), |r| {
                    Message::Data(data::Message::Finished(r))
                })
            }
            data::Action::Backup(file) => Task::perform(
                run_blocking(move || {
                    let store = Store::open(&path).map_err(|e| e.to_string())?;
                    store.backup_to(&file).map_err(|e| e.to_string())?;
                    Ok(format!("Backup written to {}", file.display()))
                }),
                |r| Message::Data(data::Message::Finished(r)),
            ),
            data::Action::Restore(file) => {
                let data_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
                Task::perform(
                    run_blocking(move || {
                        crate::store::backup::restore(&data_dir, &file)
                            .map(|r| {
                                format!(
                                    "Restored {}; the database it replaced is kept at {}",
                                    file.display(),
                                    r.replaced_kept_at.display()
                                )
                            })
                            .map_err(|e| e.to_string())
                    }),
                    |r| Message::Data(data::Message::Finished(r)),
                )
            }
        };
        if restored {
            self.saved("restore".into());
            self.tallies = None;
            self.reload_list();
            self.reload_review();
            return Task::batch([task, self.check_everything()]);
        }
        task
    }

    fn on_import(&mut self, m: import::Message) -> Task<Message> {
        match self.import.update(m) {
            import::Action::None => Task::none(),
            import::Action::Run(task) => task.map(Message::Import),
            import::Action::OpenReview => self.update(Message::Navigate(Page::Review)),
            import::Action::Preview(files) => {
                let path = self.store.path().to_path_buf();
                Task::perform(
                    run_blocking(move || import_files(&path, files, true, &mut |_, _| {})),
                    |r| Message::Import(import::Message::Previewed(r)),
                )
            }
            import::Action::Import(files) => {
                let path = self.store.path().to_path_buf();
                Task::run(import_with_progress(path, files), Message::Import)
            }
        }
    }

    fn save(&mut self, edit: Edit) -> Task<Message> {
        let result =
            apply_edit(&mut self.store, &edit).and_then(|id| self.store.agency_detail(id, today()));
        if let Ok(detail) = &result {
            self.saved(format!("saved {}", detail.agency.details.name));
            self.reload_list();
        }
        if let Screen::Agency(a) = &mut self.screen {
            a.saved(result);
        }
        self.check_everything()
    }

    fn saved(&mut self, what: String) {
        let now = chrono::Local::now().format("%H:%M:%S");
        self.last_save = Some(format!("{what} at {now}"));
        self.status.clear();
    }

    fn reload_list(&mut self) {
        match self.store.overview() {
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

    fn reload_review(&mut self) {
        match self.store.open_review() {
            Ok(items) => self.review = Review::new(items),
            Err(e) => self.status = format!("the review queue could not be read: {e}"),
        }
    }

    fn check_everything(&self) -> Task<Message> {
        let path = self.store.path().to_path_buf();
        Task::perform(run_blocking(move || check_unmet(&path)), Message::Checked)
    }

    /// The window.
    pub fn view(&self) -> Element<'_, Message> {
        let page: Element<'_, Message> = match &self.screen {
            Screen::Welcome(w) => return w.view().map(Message::Welcome),
            Screen::Agencies => self.agencies.view().map(Message::Agencies),
            Screen::Agency(a) => a.view().map(Message::Agency),
            Screen::Import => self.import.view().map(Message::Import),
            Screen::Review => self.review.view().map(Message::Review),
            Screen::Data => self.data.view().map(Message::Data),
            Screen::Calendar => self.calendar.view().map(Message::Calendar),
            Screen::Dashboard => self.dashboard.view().map(Message::Dashboard),
            Screen::Catalogue(c) => c.view().map(Message::Catalogue),
        };
        let current = match self.screen {
            Screen::Agency(_) => self.back_to,
            Screen::Agencies | Screen::Welcome(_) => Page::Agencies,
            Screen::Calendar => Page::Calendar,
            Screen::Dashboard => Page::Dashboard,
            Screen::Import => Page::Import,
            Screen::Review => Page::Review,
            Screen::Data => Page::Data,
            Screen::Catalogue(_) => Page::Catalogue,
        };
        let tab = |label: String, target: Page| {
            button(text(label))
                .on_press(Message::Navigate(target))
                .style(if current == target {
                    button::primary
                } else {
                    button::text
                })
                .padding([6, 12])
        };
        let nav = row![
            text("g287").size(22),
            tab("Dashboard".into(), Page::Dashboard),
            tab("Agencies".into(), Page::Agencies),
            tab("Calendar".into(), Page::Calendar),
            tab("Import".into(), Page::Import),
            tab(format!("Review ({})", self.review.open()), Page::Review),
            tab("Catalogue".into(), Page::Catalogue),
            tab("Data".into(), Page::Data),
            iced::widget::space::horizontal(),
            pick_list(ThemeChoice::ALL, Some(self.theme), Message::ThemeChosen).padding(6),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let saved = self
            .last_save
            .as_deref()
            .unwrap_or("nothing saved this session");
        let mut status = format!("Data: {}  ·  Last save: {saved}", self.data_dir.display());
        if self.tallies.is_none() {
            status.push_str("  ·  checking requirements…");
        }
        if !self.status.is_empty() {
            status = format!("{}  ·  {status}", self.status);
        }
        let window = column![
            container(nav).padding([8, 12]),
            rule::horizontal(1),
            container(page).padding(12).height(Length::Fill),
            rule::horizontal(1),
            container(text(status).size(13)).padding([4, 12]),
        ];
        match &self.leaving {
            Some(leaving) => leaving.view(window.into()),
            None => window.into(),
        }
    }
}

/// Maps a key press to a shortcut. Keys a focused field took for itself (arrows and Enter in a
/// text box) are left to it; Ctrl shortcuts work everywhere.
fn shortcut(key: &Key, modifiers: Modifiers, captured: bool) -> Option<Shortcut> {
    if modifiers.command() {
        return match key.as_ref() {
            Key::Character("q") => Some(Shortcut::Quit),
            Key::Character("f") => Some(Shortcut::Find),
            Key::Character("n") => Some(Shortcut::NewAgency),
            Key::Character("+" | "=") => Some(Shortcut::ZoomIn),
            Key::Character("-") => Some(Shortcut::ZoomOut),
            Key::Character("0") => Some(Shortcut::ZoomReset),
            _ => None,
        };
    }
    match key.as_ref() {
        Key::Named(Named::Tab) if modifiers.shift() => Some(Shortcut::PreviousField),
        Key::Named(Named::Tab) => Some(Shortcut::NextField),
        _ if captured => None,
        Key::Named(Named::ArrowDown) => Some(Shortcut::Down),
        Key::Named(Named::ArrowUp) => Some(Shortcut::Up),
        Key::Named(Named::Enter) => Some(Shortcut::Enter),
        Key::Named(Named::Escape) => Some(Shortcut::Back),
        _ => None,
    }
}

/// Writes one edit in one transaction; returns the agency to show afterwards.
pub fn apply_edit(store: &mut Store, edit: &Edit) -> Result<i64, StoreError> {
    use crate::store::agreements::NewAgreement;
    store.write(|w| match edit {
        Edit::SaveAgency {
            id: Some(id),
            details,
        } => w.update_agency(*id, details).map(|_| *id),
        Edit::SaveAgency { id: None, details } => w.create_agency(details),
        Edit::AddAgreement {
            agency,
            model,
            component,
            requested_on,
        } => w
            .create_agreement(&NewAgreement {
                agency_id: *agency,
                model: *model,
                component: *component,
                status: crate::domain::Status::Requested,
                on: *requested_on,
                requested_on: Some(*requested_on),
                signed_on: None,
                note: None,
            })
            .map(|_| *agency),
        Edit::AddNominee { agreement, details } => {
            w.add_nominee(*agreement, details)?;
            agency_of(w, *agreement)
        }
        Edit::UpdateNominee { id, details } => {
            let agreement = w.nominee_agreement(*id)?;
            w.update_nominee(*id, details)?;
            agency_of(w, agreement)
        }
        Edit::RemoveNominee { id } => {
            let agreement = w.nominee_agreement(*id)?;
            w.remove_nominee(*id)?;
            agency_of(w, agreement)
        }
        Edit::Decide(draft) => {
            w.record_decision(draft)?;
            agency_of(w, draft.agreement_id)
        }
        Edit::Sign { agreement, signing } => {
            w.record_signing(*agreement, signing, crate::store::today())?;
            agency_of(w, *agreement)
        }
        Edit::Attest {
            agreement,
            attestation,
        } => {
            w.attest(*agreement, attestation)?;
            agency_of(w, *agreement)
        }
        Edit::Meeting {
            agreement,
            held_on,
            note,
        } => {
            w.record_meeting(*agreement, *held_on, note.as_deref())?;
            agency_of(w, *agreement)
        }
        Edit::Complaint {
            agreement,
            id: None,
            details,
        } => {
            w.record_complaint(*agreement, details)?;
            agency_of(w, *agreement)
        }
        Edit::Complaint {
            agreement,
            id: Some(id),
            details,
        } => {
            w.update_complaint(*id, details)?;
            agency_of(w, *agreement)
        }
        Edit::Notice {
            agreement,
            given_on,
            given_by,
            note,
        } => {
            w.give_termination_notice(*agreement, *given_on, *given_by, note.as_deref())?;
            agency_of(w, *agreement)
        }
    })
}

fn agency_of(w: &crate::store::Writer<'_>, agreement: AgreementId) -> Result<i64, StoreError> {
    w.agreement_agency(agreement)
}

/// Reads and applies lists on a connection of its own (called off the UI thread).
pub fn import_files(
    database: &Path,
    files: Vec<PathBuf>,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary, String> {
    let today = today();
    let mut lists = Vec::new();
    let mut errors = Vec::new();
    for f in &files {
        match read_list(f, None, None, today) {
            Ok(list) => match ListToApply::new(list) {
                Ok(l) => lists.push(l),
                Err(e) => errors.push(format!("{}: cannot be read: {e}", f.display())),
            },
            Err(e) => errors.push(e.to_string()),
        }
    }
    if !errors.is_empty() {
        return Err(format!("{}\nNothing was imported.", errors.join("\n")));
    }
    let mut store = Store::open(database).map_err(|e| e.to_string())?;
    store
        .apply_lists_with_progress(lists, dry_run, progress)
        .map_err(|e| e.to_string())
}

/// Imports on a thread of its own, reporting progress, then the outcome. Nothing starts until
/// the returned stream is first polled, so an `update` that returns it has done no work yet:
/// the runtime runs it, and a test driving `update` directly runs nothing behind its back.
fn import_with_progress(
    database: PathBuf,
    files: Vec<PathBuf>,
) -> impl iced::futures::Stream<Item = import::Message> {
    iced::stream::channel(16, async move |mut output| {
        use iced::futures::{SinkExt, StreamExt};
        let (sender, mut receiver) = iced::futures::channel::mpsc::unbounded();
        std::thread::spawn(move || {
            let progress_sender = sender.clone();
            let mut last = 0;
            let result = import_files(&database, files, false, &mut |done, total| {
                // A message per few hundred rows keeps the bar moving without flooding.
                if done == total || done >= last + 200 {
                    last = done;
                    let _ = progress_sender.unbounded_send(import::Message::Progress(done, total));
                }
            });
            let _ = sender.unbounded_send(import::Message::Finished(result));
        });
        while let Some(message) = receiver.next().await {
            if output.send(message).await.is_err() {
                break;
            }
        }
    })
}

/// The automatic backups in the data folder, by file name.
fn automatic_backups(database: &Path) -> Vec<String> {
    let dir = database
        .parent()
        .unwrap_or(Path::new("."))
        .join(crate::store::backup::BACKUP_DIR);
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Makes today's automatic backup on a connection of its own, if it is due.
pub fn daily_backup(database: &Path) -> Result<Option<PathBuf>, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    store.daily_backup(today()).map_err(|e| e.to_string())
}

/// Computes the compliance calendar on a connection of its own (called off the UI thread).
pub fn calendar_of(database: &Path, request_days: u32) -> Result<Vec<CalendarItem>, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    store
        .calendar(today(), request_days)
        .map_err(|e| e.to_string())
}

/// Writes an agency's printable report into `reports/` of the data folder; returns the file.
pub fn write_report(
    store: &Store,
    data_dir: &Path,
    id: crate::domain::AgencyId,
) -> Result<PathBuf, String> {
    let report = store
        .agency_report(id, today())
        .map_err(|e| e.to_string())?;
    let dir = data_dir.join("reports");
    crate::files::create_private_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(format!("agency-{id}-{}.html", report.today));
    let head = store.chain_head().map_err(|e| e.to_string())?;
    crate::report::write(
        &file,
        &crate::report::agency_report(&report),
        true,
        head.as_ref(),
    )
    .map_err(|e| e.to_string())?;
    Ok(file)
}

/// Computes the dashboard's figures on a connection of its own (called off the UI thread).
pub fn dashboard_of(
    database: &Path,
    since: chrono::NaiveDate,
) -> Result<crate::domain::dashboard::Dashboard, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    store.dashboard(today(), since).map_err(|e| e.to_string())
}

/// Checks every agreement on a connection of its own; returns the not met and no record counts
/// per agreement.
pub fn check_unmet(database: &Path) -> Result<HashMap<AgreementId, Tally>, String> {
    let store = Store::open(database).map_err(|e| e.to_string())?;
    let checks = store.check(None, today()).map_err(|e| e.to_string())?;
    Ok(checks.iter().map(|c| (c.agreement, c.tally())).collect())
}

/// Runs blocking work on a thread of its own and awaits its result without blocking the window.
pub async fn run_blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = iced::futures::channel::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver
        .await
        .expect("the worker thread ends by sending its result")
}
