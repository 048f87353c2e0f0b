//! The Data screen: export the registry for a spreadsheet or another program, back up the
//! database now, restore a backup, and see the automatic backups.

use iced::widget::{button, checkbox, column, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use std::path::{Path, PathBuf};

use super::agencies::{Choice, StateOption, thousands};
use super::parts::{card, confirm_row, heading, with_key};
use crate::domain::{Component, Model, State, Status};
use crate::export::{ExportFormat, Exported};
use crate::registry::AgencyOverview;
use crate::registry::{RegistryError, Restored, Verified};
use crate::ui::choices::Choices;

/// The export format's drop-down: a combo box, so that Tab reaches it and typing chooses
/// ("xl", Enter: Excel). A type of its own to give the screen's state its `Default`.
#[derive(Debug, Clone)]
struct FormatMenu(Choices<ExportFormat>);

impl Default for FormatMenu {
    fn default() -> Self {
        FormatMenu(Choices::new(ExportFormat::ALL))
    }
}

/// The export's own filters, set on the Data screen: what an export keeps without the
/// Agencies list having to show it first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ExportFilters {
    /// Words each of which the agency's name, county or ORI contains.
    pub search: String,
    /// Only this state.
    pub state: Option<State>,
    /// Only agencies with an agreement of this model (and status, when both are set).
    pub model: Option<Model>,
    /// Only agencies with an agreement in this status (and model, when both are set).
    pub status: Option<Status>,
    /// Only agencies with an agreement with this component.
    pub component: Option<Component>,
}

impl ExportFilters {
    /// Whether the export keeps the agency: as `g287 export --state --model --status` does,
    /// one agreement matching model, status and component together, and the search's words.
    pub fn keeps(&self, a: &AgencyOverview) -> bool {
        let d = &a.agency.details;
        let haystack = format!(
            "{} {} {}",
            d.name,
            d.county.as_deref().unwrap_or(""),
            d.ori.as_ref().map(|o| o.as_str()).unwrap_or("")
        )
        .to_lowercase();
        self.state.is_none_or(|s| d.state == s)
            && self
                .search
                .to_lowercase()
                .split_whitespace()
                .all(|w| haystack.contains(w))
            && (self.model.is_none() && self.status.is_none() && self.component.is_none()
                || a.agreements.iter().any(|g| {
                    self.model.is_none_or(|m| g.agreement.model == m)
                        && self.status.is_none_or(|s| g.agreement.status == s)
                        && self.component.is_none_or(|c| g.agreement.component == c)
                }))
    }

    /// The filters set, in words, for the export card ("state TX Texas", "model TFM").
    fn in_words(&self) -> Vec<String> {
        let mut said = Vec::new();
        if !self.search.trim().is_empty() {
            said.push(format!("search “{}”", self.search.trim()));
        }
        if let Some(s) = self.state {
            said.push(format!("state {}", StateOption(s)));
        }
        if let Some(m) = self.model {
            said.push(format!("model {m}"));
        }
        if let Some(s) = self.status {
            said.push(format!("status {s}"));
        }
        if let Some(c) = self.component {
            said.push(format!("component {c}"));
        }
        said
    }
}

/// The export filters' drop-downs: combo boxes, as the Agencies list's (Tab reaches them,
/// typing chooses). A type of its own to give the screen's state its `Default`.
#[derive(Debug, Clone)]
struct FilterMenus {
    state: Choices<Choice<StateOption>>,
    model: Choices<Choice<Model>>,
    status: Choices<Choice<Status>>,
    component: Choices<Choice<Component>>,
}

impl Default for FilterMenus {
    fn default() -> Self {
        FilterMenus {
            state: Choices::new(
                std::iter::once(Choice::All("All states"))
                    .chain(State::all().map(|s| Choice::Only(StateOption(s)))),
            ),
            model: Choices::new(
                std::iter::once(Choice::All("All models")).chain(Model::ALL.map(Choice::Only)),
            ),
            status: Choices::new(
                std::iter::once(Choice::All("All statuses")).chain(Status::ALL.map(Choice::Only)),
            ),
            component: Choices::new(
                std::iter::once(Choice::All("ICE and CBP")).chain(Component::ALL.map(Choice::Only)),
            ),
        }
    }
}

/// The Data screen's state.
#[derive(Debug, Clone, Default)]
pub struct Data {
    export_to: String,
    export_format: ExportFormat,
    format_menu: FormatMenu,
    /// The export's own filters.
    filters_set: ExportFilters,
    filter_menus: FilterMenus,
    /// The filters' menus are shown (hidden at first: they would put five fields in the
    /// page's Tab order between the export's path and the backup's).
    filters_open: bool,
    /// The Agencies list's "N of M agencies" when this page opened.
    listed: (usize, usize),
    /// Export only the agencies the Agencies list shows.
    only_listed: bool,
    /// The Agencies list's search and filters, in words, that such an export applies.
    filters: Vec<String>,
    /// The file exists and the coordinator is asked whether to replace it.
    confirming_replace: bool,
    /// The system's save dialog chose the file (and asked about replacing it itself).
    replace_agreed: bool,
    backup_to: String,
    restore_from: String,
    confirming_restore: bool,
    /// The work running, if any (one at a time: each writes or reads the whole database).
    busy: Option<Work>,
    /// What the last work found, shown in the card that started it.
    outcome: Option<(Work, Result<String, String>)>,
    automatic: Vec<String>,
    /// The audit chain's end (`N:HASH`) when the page opened, to keep outside the database.
    head: Option<String>,
    /// How the history names the person at the keyboard now ("Jane Doe (jdoe)", or "jdoe").
    author: String,
    /// The display name as typed (starts as the one set, if any).
    display_name: String,
    /// What saving the display name did, or why it could not.
    name_said: Option<Result<String, String>>,
    /// The team's server the registry is on (shown without its password); `None`: the
    /// SQLite file in the data folder.
    server: Option<String>,
    /// The team's server typed, to open at the next start.
    server_typed: String,
    /// What keeping it did, or why it could not.
    server_said: Option<Result<String, String>>,
}

/// The kinds of work this screen starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    Export,
    Backup,
    Restore,
    Verify,
}

/// What the coordinator does here.
#[derive(Debug, Clone)]
pub enum Message {
    /// Chose the export's format.
    ExportFormatChosen(ExportFormat),
    /// Typed the export's search (name, county or ORI).
    ExportSearch(String),
    /// Chose the export's state (or every state).
    ExportState(Choice<StateOption>),
    /// Chose the export's model (or every model).
    ExportModel(Choice<Model>),
    /// Chose the export's status (or every status).
    ExportStatus(Choice<Status>),
    /// Chose the export's component (or both).
    ExportComponent(Choice<Component>),
    /// Clear the export's own filters: every agency again.
    ClearExportFilters,
    /// Show or hide the export's filters' menus.
    ToggleExportFilters,
    /// Ticked or unticked "only the agencies the list shows".
    OnlyListed(bool),
    /// Typed where to write the export.
    ExportPathTyped(String),
    /// Choose where with the system's dialog.
    BrowseExport,
    /// The dialog closed (with the file chosen, if any).
    ExportPicked(Option<PathBuf>),
    /// Write the export (asks first if the file exists).
    Export,
    /// Enter in the export's path field: [`Message::Export`], or, with the question about an
    /// existing file asked, Replace (buttons take no focus in iced 0.14; the Export now
    /// button, pressed again, still only asks).
    ExportSubmitted,
    /// Check the database's integrity and walk the whole chained history.
    Verify,
    /// Confirmed: replace the existing file with the export.
    ConfirmReplace,
    /// Not replacing it after all.
    CancelReplace,
    /// Typed where to write a backup.
    BackupPathTyped(String),
    /// Choose where with the system's dialog.
    BrowseBackup,
    /// The dialog closed (with the file chosen, if any).
    BackupPicked(Option<PathBuf>),
    /// Write the backup.
    Backup,
    /// Typed which backup to restore.
    RestorePathTyped(String),
    /// Choose the backup with the system's dialog.
    BrowseRestore,
    /// The dialog closed (with the file chosen, if any).
    RestorePicked(Option<PathBuf>),
    /// Ask to restore: a confirmation follows.
    Restore,
    /// Enter in the restore's path field: [`Message::Restore`], or, with the question asked,
    /// its answer (the backup is still checked first and the database replaced is kept).
    RestoreSubmitted,
    /// Confirmed: replace the database.
    ConfirmRestore,
    /// Not now.
    CancelRestore,
    /// The export finished: the file, its format and what was written, or why nothing was.
    Exported(Result<(PathBuf, ExportFormat, Exported), RegistryError>),
    /// The verification finished: what it found (which may be a broken chain), or why it
    /// could not look.
    Verified(Result<Verified, RegistryError>),
    /// The backup finished: the file written, or why none was.
    BackedUp(Result<PathBuf, RegistryError>),
    /// The restore finished: the backup restored and where the replaced database is kept, or
    /// why nothing was restored.
    Restored(Result<(PathBuf, Restored), RegistryError>),
    /// Copy the chain head to the clipboard.
    CopyHead,
    /// Typed the name the history should show beside the login name.
    DisplayNameTyped(String),
    /// Keep the name typed as the display name (empty: the login name alone).
    SaveDisplayName,
    /// The display name was kept: how the history names the coordinator from now on, or why
    /// it was not kept.
    DisplayNameSaved(Result<String, RegistryError>),
    /// Typed the team's server to open (`postgres://...`).
    ServerTyped(String),
    /// Open the typed server at the next start (an empty one: the data folder's file).
    KeepServer,
    /// The server to open next was kept in the window's settings, or why not.
    ServerKept(Result<String, String>),
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Export the registry in this format to this file: the agencies the Data screen's own
    /// filters keep, and of those (`true`) only the ones the Agencies list shows.
    Export(PathBuf, ExportFormat, bool, ExportFilters),
    /// Verify the database and its history.
    Verify,
    /// Write a backup to this file.
    Backup(PathBuf),
    /// Replace the database with this backup.
    Restore(PathBuf),
    /// Run a task (a file dialog).
    Run(Task<Message>),
    /// Put this text on the clipboard (the chain head).
    Copy(String),
    /// Keep this display name for the login of the person at the keyboard.
    SetDisplayName(String),
    /// Open this team's server at the next start (`None`: the data folder's file).
    KeepServer(Option<String>),
}

impl Data {
    /// The screen, listing the automatic backups found; `listed` is the Agencies list's
    /// (shown, all) count, for an export of what it shows.
    pub fn new(automatic: Vec<String>, listed: (usize, usize)) -> Data {
        Data {
            automatic,
            listed,
            ..Data::default()
        }
    }

    /// The screen naming the Agencies list's search and filters (in words) that an export of
    /// only what the list shows applies.
    pub fn with_filters(self, filters: Vec<String>) -> Data {
        Data { filters, ..self }
    }

    /// The screen showing the audit chain's end (`N:HASH`), with a button that copies it.
    pub fn with_head(self, head: Option<String>) -> Data {
        Data { head, ..self }
    }

    /// The screen on a registry on a team's server (`shown` without its password): backups
    /// are the server's, and the card says so.
    pub fn with_server(self, shown: Option<String>) -> Data {
        Data {
            server_typed: shown.clone().unwrap_or_default(),
            server: shown,
            ..self
        }
    }

    /// The screen saying how the history names the person at the keyboard (`author`), with the
    /// display name already chosen, if any, in its field.
    pub fn with_author(self, author: &str, display_name: Option<String>) -> Data {
        Data {
            author: author.to_string(),
            display_name: display_name.unwrap_or_default(),
            ..self
        }
    }

    /// The question asked, if any (replace the file exported to, restore the backup), as its
    /// answers: the one Enter gives (go ahead), the one Escape gives (not now).
    pub fn question(&self) -> Option<(Message, Message)> {
        if self.confirming_replace {
            Some((Message::ConfirmReplace, Message::CancelReplace))
        } else if self.confirming_restore {
            Some((Message::ConfirmRestore, Message::CancelRestore))
        } else {
            None
        }
    }

    /// How the history names the person at the keyboard now.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Whether the Agencies list's filters leave some agencies out.
    fn list_is_filtered(&self) -> bool {
        self.listed.0 < self.listed.1
    }

    /// Starts the export to the file typed or chosen: `Action::Export`, or `None` while busy.
    fn export(&mut self) -> Action {
        let path = self.export_to.trim();
        if path.is_empty() || self.busy.is_some() {
            return Action::None;
        }
        let file = PathBuf::from(path);
        self.confirming_replace = false;
        self.start(Work::Export);
        let only_listed = self.only_listed && self.list_is_filtered();
        Action::Export(
            file,
            self.export_format,
            only_listed,
            self.filters_set.clone(),
        )
    }

    fn start(&mut self, work: Work) {
        self.busy = Some(work);
        self.outcome = None;
    }

    /// Shows what `work` found, in words, at the foot of its card; an answer for work this
    /// screen did not start (the page was opened afresh meanwhile) is not shown.
    fn finished(&mut self, work: Work, outcome: Result<String, String>) {
        if self.busy == Some(work) {
            self.busy = None;
            self.outcome = Some((work, outcome));
        }
    }

    /// What `work` is doing or found, for the foot of its card.
    fn said(&self, work: Work) -> Option<Element<'_, Message>> {
        match &self.outcome {
            Some((w, Ok(m))) if *w == work => Some(text(m.clone()).style(text::success).into()),
            Some((w, Err(e))) if *w == work => Some(text(e.clone()).style(text::danger).into()),
            _ if self.busy == Some(work) => Some(text("Working…").into()),
            _ => None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ExportFormatChosen(format) => {
                // A file name that ends in the old format's extension follows the new format.
                let old = format!(".{}", self.export_format.extension());
                if let Some(stem) = self.export_to.trim_end().strip_suffix(&old) {
                    self.export_to = format!("{stem}.{}", format.extension());
                    self.replace_agreed = false;
                }
                self.export_format = format;
                self.confirming_replace = false;
            }
            Message::OnlyListed(only) => self.only_listed = only,
            Message::ExportSearch(q) => self.filters_set.search = q,
            Message::ExportState(c) => self.filters_set.state = c.value().map(|s| s.0),
            Message::ExportModel(c) => self.filters_set.model = c.value(),
            Message::ExportStatus(c) => self.filters_set.status = c.value(),
            Message::ExportComponent(c) => self.filters_set.component = c.value(),
            Message::ClearExportFilters => self.filters_set = ExportFilters::default(),
            Message::ToggleExportFilters => self.filters_open = !self.filters_open,
            Message::ExportPathTyped(p) => {
                self.export_to = p;
                self.confirming_replace = false;
                self.replace_agreed = false;
            }
            Message::BrowseExport => {
                let format = self.export_format;
                let name = format!(
                    "g287-registry-{}.{}",
                    crate::registry::today(),
                    format.extension()
                );
                return Action::Run(Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("Export the registry to…")
                            .set_file_name(name)
                            .add_filter(format.to_string(), &[format.extension()])
                            .save_file()
                            .await
                            .map(|f| f.path().to_path_buf())
                    },
                    Message::ExportPicked,
                ));
            }
            Message::ExportPicked(Some(p)) => {
                self.export_to = p.display().to_string();
                self.confirming_replace = false;
                self.replace_agreed = true;
            }
            Message::ExportPicked(None) => {}
            Message::Export => {
                let path = self.export_to.trim();
                if !path.is_empty() && !self.replace_agreed && Path::new(path).exists() {
                    self.confirming_replace = true;
                    return Action::None;
                }
                return self.export();
            }
            Message::ExportSubmitted => {
                return self.update(if self.confirming_replace {
                    Message::ConfirmReplace
                } else {
                    Message::Export
                });
            }
            Message::ConfirmReplace => {
                if self.confirming_replace {
                    return self.export();
                }
            }
            Message::CancelReplace => self.confirming_replace = false,
            Message::CopyHead => {
                if let Some(head) = &self.head {
                    return Action::Copy(head.clone());
                }
            }
            Message::DisplayNameTyped(name) => {
                self.display_name = name;
                self.name_said = None;
            }
            Message::ServerTyped(typed) => {
                self.server_typed = typed;
                self.server_said = None;
            }
            Message::KeepServer => {
                let typed = self.server_typed.trim();
                return Action::KeepServer((!typed.is_empty()).then(|| typed.to_string()));
            }
            Message::ServerKept(said) => self.server_said = Some(said),
            Message::SaveDisplayName => {
                return Action::SetDisplayName(self.display_name.trim().to_string());
            }
            Message::DisplayNameSaved(Ok(author)) => {
                self.name_said = Some(Ok(format!(
                    "Kept. Every change from now on is recorded as made by {author}."
                )));
                self.author = author;
            }
            Message::DisplayNameSaved(Err(e)) => {
                self.name_said = Some(Err(format!("The name was not kept: {e}")));
            }
            Message::Verify => {
                if self.busy.is_none() {
                    self.start(Work::Verify);
                    return Action::Verify;
                }
            }
            Message::BackupPathTyped(p) => self.backup_to = p,
            Message::RestorePathTyped(p) => {
                self.restore_from = p;
                self.confirming_restore = false;
            }
            Message::BrowseBackup => {
                return Action::Run(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Back up the g287 database to…")
                            .set_file_name("g287-backup.sqlite3")
                            .save_file()
                            .await
                            .map(|f| f.path().to_path_buf())
                    },
                    Message::BackupPicked,
                ));
            }
            Message::BrowseRestore => {
                return Action::Run(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Restore a g287 backup")
                            .add_filter("g287 database", &["sqlite3", "db"])
                            .pick_file()
                            .await
                            .map(|f| f.path().to_path_buf())
                    },
                    Message::RestorePicked,
                ));
            }
            Message::BackupPicked(Some(p)) => self.backup_to = p.display().to_string(),
            Message::RestorePicked(Some(p)) => self.restore_from = p.display().to_string(),
            Message::BackupPicked(None) | Message::RestorePicked(None) => {}
            Message::Backup => {
                let path = self.backup_to.trim();
                if !path.is_empty() && self.busy.is_none() {
                    let file = PathBuf::from(path);
                    self.start(Work::Backup);
                    return Action::Backup(file);
                }
            }
            Message::Restore => {
                if !self.restore_from.trim().is_empty() {
                    self.confirming_restore = true;
                }
            }
            Message::RestoreSubmitted => {
                return self.update(if self.confirming_restore {
                    Message::ConfirmRestore
                } else {
                    Message::Restore
                });
            }
            Message::CancelRestore => self.confirming_restore = false,
            Message::ConfirmRestore => {
                if self.confirming_restore && self.busy.is_none() {
                    self.confirming_restore = false;
                    self.start(Work::Restore);
                    return Action::Restore(PathBuf::from(self.restore_from.trim()));
                }
            }
            Message::Exported(result) => self.finished(
                Work::Export,
                result
                    .map(|(file, format, exported)| {
                        format!("Exported {}", exported.describe(format, &file))
                    })
                    .map_err(|e| e.to_string()),
            ),
            Message::Verified(result) => self.finished(
                Work::Verify,
                match result {
                    Ok(found) if found.ok() => Ok(found.verification.in_words()),
                    Ok(found) => Err(found.verification.in_words()),
                    Err(e) => Err(e.to_string()),
                },
            ),
            Message::BackedUp(result) => self.finished(
                Work::Backup,
                result
                    .map(|file| format!("Backup written to {}", file.display()))
                    .map_err(|e| e.to_string()),
            ),
            Message::Restored(result) => self.finished(
                Work::Restore,
                result
                    .map(|(file, restored)| {
                        format!(
                            "Restored {}; the database it replaced is kept at {}",
                            file.display(),
                            restored.replaced_kept_at.display()
                        )
                    })
                    .map_err(|e| e.to_string()),
            ),
        }
        Action::None
    }

    /// The export's own filters, set here, and what they keep in words.
    fn export_filters(&self) -> Element<'_, Message> {
        let f = &self.filters_set;
        let m = &self.filter_menus;
        fn all_or<T>(v: Option<T>, all: &'static str) -> Choice<T> {
            v.map(Choice::Only).unwrap_or(Choice::All(all))
        }
        let (state, model, status, component) = (
            all_or(f.state.map(StateOption), "All states"),
            all_or(f.model, "All models"),
            all_or(f.status, "All statuses"),
            all_or(f.component, "ICE and CBP"),
        );
        let said = f.in_words();
        // Wraps onto more lines in a narrow window (200 % zoom) instead of pushing menus out.
        let menus = row![
            text_input("Search name, county or ORI", &f.search)
                .on_input(Message::ExportSearch)
                .padding(6)
                .width(220),
            m.state
                .view("State", Some(&state), Message::ExportState)
                .width(200),
            m.model
                .view("Model", Some(&model), Message::ExportModel)
                .width(130),
            m.status
                .view("Status", Some(&status), Message::ExportStatus)
                .width(170),
            m.component
                .view("Component", Some(&component), Message::ExportComponent)
                .width(130),
            button(text("Clear"))
                .on_press_maybe(
                    (*f != ExportFilters::default()).then_some(Message::ClearExportFilters)
                )
                .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .wrap();
        let words = row![
            text(if said.is_empty() {
                "Every agency: no filter set here.".to_string()
            } else {
                format!("Only the agencies with {}.", said.join(", "))
            })
            .size(14),
            button(text(if self.filters_open {
                "Hide filters"
            } else {
                "Filters…"
            }))
            .on_press(Message::ToggleExportFilters)
            .style(button::secondary),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .wrap();
        let mut part = column![words].spacing(8);
        if self.filters_open {
            part = part.push(menus);
        }
        part.into()
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let idle = self.busy.is_none();
        let ready = idle && !self.export_to.trim().is_empty();
        let mut export = column![
            heading("Export the registry"),
            text("Every agency and agreement as the Agencies list shows them, with the requirements each agreement does not meet today. Spreadsheet formulas are made inert."),
            row![
                self.format_menu
                    .0
                    .view("Type a format", Some(&self.export_format), Message::ExportFormatChosen)
                    .width(300),
                text_input("file to write, e.g. /home/me/registry.csv", &self.export_to)
                    .style(crate::ui::choices::field)
                    .on_input(Message::ExportPathTyped)
                    .on_submit(Message::ExportSubmitted)
                    .padding(6),
                button(text("Choose…")).on_press(Message::BrowseExport).style(button::secondary),
                button(text("Export now"))
                    .on_press_maybe(ready.then_some(Message::Export))
                    .style(button::primary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        export = export.push(self.export_filters());
        if self.list_is_filtered() {
            export = export.push(
                checkbox(self.only_listed)
                    .label(format!(
                        "Only the {} of {} agencies the Agencies list shows now ({})",
                        thousands(self.listed.0),
                        thousands(self.listed.1),
                        if self.filters.is_empty() {
                            "its search and filters".to_string()
                        } else {
                            self.filters.join(", ")
                        }
                    ))
                    .on_toggle(Message::OnlyListed),
            );
        }
        if self.confirming_replace {
            export = export.push(confirm_row(
                text(format!(
                    "{} exists. Replace it with the export?",
                    self.export_to.trim()
                )),
                ("Replace", Message::ConfirmReplace),
                ("Keep it", Message::CancelReplace),
                Some("Enter"),
            ));
            export = export.push(
                text("Enter again in the path field replaces it; typing there keeps it.")
                    .size(super::parts::SMALL),
            );
        }
        let backup = column![
            heading("Back up"),
            text("A consistent copy of the whole database, safe to take while g287 is in use. The file is readable by you only."),
            row![
                text_input("file to write, e.g. /home/me/g287-backup.sqlite3", &self.backup_to)
                    .style(crate::ui::choices::field)
                    .on_input(Message::BackupPathTyped)
                    .on_submit(Message::Backup)
                    .padding(6),
                button(text("Choose…")).on_press(Message::BrowseBackup).style(button::secondary),
                button(text("Back up now"))
                    .on_press_maybe((idle && !self.backup_to.trim().is_empty()).then_some(Message::Backup))
                    .style(button::primary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        let mut restore = column![
            heading("Restore"),
            text("Replaces the database with a backup. The backup is checked first (it must be a g287 database whose integrity and history verify), and the database it replaces is kept in the backups folder."),
            row![
                text_input("backup to restore", &self.restore_from)
                    .style(crate::ui::choices::field)
                    .on_input(Message::RestorePathTyped)
                    .on_submit(Message::RestoreSubmitted)
                    .padding(6),
                button(text("Choose…")).on_press(Message::BrowseRestore).style(button::secondary),
                button(text("Restore…"))
                    .on_press_maybe((idle && !self.restore_from.trim().is_empty()).then_some(Message::Restore))
                    .style(button::danger),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if self.confirming_restore {
            restore = restore.push(confirm_row(
                text(format!(
                    "Replace the database with {}? The current one is kept as a backup.",
                    self.restore_from.trim()
                )),
                ("Replace the database", Message::ConfirmRestore),
                ("Cancel", Message::CancelRestore),
                Some("Enter"),
            ));
            restore = restore.push(
                text("Enter again in the path field replaces it; typing there cancels.")
                    .size(super::parts::SMALL),
            );
        }
        let mut verify = column![
            heading("Verify the history"),
            text(if self.server.is_some() {
                "Walks the whole chained history on the team's server and replays it against every table, so that a row of the registry or an entry of the history changed, deleted or inserted outside g287 (with psql, say) is named."
            } else {
                "Runs SQLite's integrity check, walks the whole chained history and replays it against every table, so that a row of the registry or an entry of the history changed, deleted or inserted outside g287 is named."
            }),
            with_key(
                button(text("Verify now"))
                    .on_press_maybe(idle.then_some(Message::Verify))
                    .style(button::secondary),
                "Ctrl+Shift+V"
            ),
        ]
        .spacing(8);
        if let Some(head) = &self.head {
            verify = verify.push(text(
                "Keep the chain head outside this computer (it is also on every export, report and backup): the command “g287 verify --head” later proves the history still holds it, which no rewrite of the database can fake.",
            ));
            verify = verify.push(
                row![
                    text(format!("Chain head: {head}")),
                    with_key(
                        button(text("Copy"))
                            .on_press(Message::CopyHead)
                            .style(button::secondary),
                        "Ctrl+Shift+H"
                    ),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
            );
        }
        let automatic = column![
            heading("Automatic backups"),
            text(if self.automatic.is_empty() {
                "None yet: one is made each day g287 starts, and the last 7 are kept, in the backups folder of the data folder.".to_string()
            } else {
                format!("One each day g287 starts, the last 7 kept: {}", self.automatic.join(", "))
            }),
        ]
        .spacing(8);
        let mut person = column![
            heading("Your name in the history"),
            text(format!(
                "Every change is recorded with the name of the person at the keyboard: now “{}” (your login name on this computer, with the display name you set here). Set it once; it is kept in the registry, and setting it is recorded too.",
                self.author
            )),
            row![
                text_input("display name, e.g. Jane Doe", &self.display_name)
                    .style(crate::ui::choices::field)
                    .on_input(Message::DisplayNameTyped)
                    .on_submit(Message::SaveDisplayName)
                    .padding(6),
                button(text("Keep this name"))
                    .on_press(Message::SaveDisplayName)
                    .style(button::primary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        match &self.name_said {
            Some(Ok(m)) => person = person.push(text(m.clone()).style(text::success)),
            Some(Err(e)) => person = person.push(text(e.clone()).style(text::danger)),
            None => {}
        }
        let mut team = column![
            heading("A team's registry"),
            text(match &self.server {
                Some(server) => format!(
                    "This registry is on a team's PostgreSQL server: {server}. Every coordinator's save reaches this window as it is committed. The server keeps it and backs it up (pg_dump; see the README), not this window. To open the SQLite file of the data folder instead, clear the field."
                ),
                None => "This registry is the SQLite file in the data folder, on this computer. A team shares one registry on a PostgreSQL server: type its address (postgres://login@server/database) and g287 opens it at its next start, and every start after.".to_string(),
            }),
            row![
                text_input("postgres://login@server/database", &self.server_typed)
                    .style(crate::ui::choices::field)
                    .on_input(Message::ServerTyped)
                    .on_submit(Message::KeepServer)
                    .padding(6),
                button(text("Open at the next start"))
                    .on_press(Message::KeepServer)
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        match &self.server_said {
            Some(Ok(m)) => team = team.push(text(m.clone()).style(text::success)),
            Some(Err(e)) => team = team.push(text(e.clone()).style(text::danger)),
            None => {}
        }
        let mut cards = column![
            text("Data").size(24),
            card(export.push(self.said(Work::Export))),
        ]
        .spacing(14)
        .padding(iced::Padding::ZERO.right(14));
        // A server's registry is backed up by the server: no file backup, restore or daily
        // copies here.
        if self.server.is_none() {
            cards = cards
                .push(card(backup.push(self.said(Work::Backup))))
                .push(card(restore.push(self.said(Work::Restore))));
        }
        cards = cards.push(card(verify.push(self.said(Work::Verify))));
        if self.server.is_none() {
            cards = cards.push(card(automatic));
        }
        cards = cards.push(card(person)).push(card(team));
        // Scrolls: on a small window or at a large zoom the cards are taller than the page.
        scrollable(cards).height(Length::Fill).into()
    }
}
