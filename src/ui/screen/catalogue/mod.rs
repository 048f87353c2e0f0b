//! The Catalogue screen: the program's requirements as the coordinator keeps them, grouped by
//! level and filterable by level and model; a form that changes a requirement's title, models
//! and thresholds or retires it; and every version kept, with the catalogue's history.
//!
//! The screen never writes: a change leaves as [`Action::Save`] and the application hands the
//! catalogue back through [`Catalogue::saved`], as it then is or with the store's refusal,
//! which stays in the form. An older version is read by the application on
//! [`Action::ReadVersion`] and handed back through [`Catalogue::version_read`].

mod changes;
mod form;
mod list;
mod terms;
mod versions;

use iced::widget::{button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length};

use super::agencies::Choice;
use crate::domain::{self, Level, Model, Requirement, Threshold};
use crate::registry::{AuditEntry, RegistryError, ShippedChange};
use crate::ui::choices::Choices;
use form::Editor;
pub use versions::VersionChoice;
use versions::VersionRead;

/// The id of the title field of the form.
pub const TITLE_ID: &str = "catalogue-title";

/// The id of a threshold's field in the form.
pub fn threshold_id(t: Threshold) -> &'static str {
    match t {
        Threshold::MinNominees => "catalogue-min-nominees",
        Threshold::MeetingMonths => "catalogue-meeting-months",
        Threshold::Years => "catalogue-years",
        Threshold::PassMark => "catalogue-pass-mark",
        Threshold::Attempts => "catalogue-attempts",
        Threshold::RefresherMonths => "catalogue-refresher-months",
    }
}

/// The two views of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The catalogue in force, editable.
    Requirements,
    /// Any version kept, and the history of changes.
    Versions,
    /// The MOA terms that set the calendar's deadlines.
    Terms,
}

/// The Catalogue screen's state.
#[derive(Debug, Clone)]
pub struct Catalogue {
    catalogue: domain::Catalogue,
    history: Vec<AuditEntry>,
    tab: Tab,
    level: Choice<Level>,
    model: Choice<Model>,
    /// The drop-downs: combo boxes, so that Tab reaches them and typing chooses. The versions'
    /// options follow the version in force, so they are made anew when a change is saved.
    level_menu: Choices<Choice<Level>>,
    model_menu: Choices<Choice<Model>>,
    version_menu: Choices<VersionChoice>,
    editor: Option<Editor>,
    version: Option<VersionRead>,
    shipped: Vec<ShippedChange>,
    /// Why the login may not change the catalogue (a team's server, a role below decider):
    /// said at the top, and no save is offered.
    read_only: Option<String>,
}

/// What the coordinator does on this screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Switch between the catalogue in force and its versions.
    ShowTab(Tab),
    /// Chose a level to show.
    LevelFilter(Choice<Level>),
    /// Chose a model to show.
    ModelFilter(Choice<Model>),
    /// Open a requirement's form (by id).
    Select(String),
    /// Typed the title.
    Title(String),
    /// Ticked or unticked a model.
    Applies(Model, bool),
    /// Typed a threshold.
    Threshold(Threshold, String),
    /// Asked to retire the requirement (a confirmation follows).
    AskRetire,
    /// Confirmed the retirement (it takes effect on saving).
    ConfirmRetire,
    /// Not retiring after all.
    CancelRetire,
    /// Check the retired requirement again (on saving).
    Enable,
    /// Save the form.
    Save,
    /// Close the form, dropping what was typed.
    Close,
    /// Chose a version to see.
    PickVersion(VersionChoice),
    /// Put the shipped correction of this requirement in force.
    Adopt(String),
    /// Keep the coordinator's own version of this requirement.
    KeepMine(String),
}

/// What the application should do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Nothing.
    None,
    /// Write this requirement (same id) as the catalogue's next version, unless the one in
    /// force is no longer the one its form was opened on (the second).
    Save(Requirement, Requirement),
    /// Read the catalogue as it stood at this version.
    ReadVersion(u32),
    /// Record the coordinator's choice on a shipped correction: adopt it, or keep theirs.
    ResolveShipped {
        /// The requirement.
        id: String,
        /// Adopt the shipped version (`true`) or keep theirs.
        adopt: bool,
    },
}

impl Catalogue {
    /// What the coordinator has typed and not saved ("the requirement form"), or `None`.
    pub fn unsaved(&self) -> Option<&'static str> {
        self.editor
            .as_ref()
            .is_some_and(Editor::changed)
            .then_some("the requirement form")
    }

    /// What handling `m` would throw away: opening another requirement replaces the form.
    pub fn would_discard(&self, m: &Message) -> Option<&'static str> {
        match m {
            Message::Select(id) if self.editor.as_ref().is_some_and(|e| e.id() != id) => {
                self.unsaved()
            }
            _ => None,
        }
    }

    /// The screen on the catalogue in force and its history (newest first).
    pub fn new(catalogue: domain::Catalogue, history: Vec<AuditEntry>) -> Catalogue {
        Catalogue {
            version_menu: versions::menu(catalogue.version),
            catalogue,
            history,
            tab: Tab::Requirements,
            level: Choice::All("Both levels"),
            model: Choice::All("All models"),
            level_menu: Choices::new([
                Choice::All("Both levels"),
                Choice::Only(Level::Agency),
                Choice::Only(Level::Officer),
            ]),
            model_menu: Choices::new(
                std::iter::once(Choice::All("All models")).chain(Model::ALL.map(Choice::Only)),
            ),
            editor: None,
            version: None,
            shipped: Vec::new(),
            read_only: None,
        }
    }

    /// On a team's server, the login's role: below decider, the catalogue is shown read-only,
    /// saying why.
    pub fn for_role(mut self, role: Option<crate::store::postgres::schema::Role>) -> Catalogue {
        use crate::store::postgres::schema::Role;
        self.read_only =
            role.and_then(|r| r.refusal(Role::Decider, "Changing the requirement catalogue"));
        self
    }

    /// The shipped corrections waiting for the coordinator's choice.
    pub fn set_shipped(&mut self, shipped: Vec<ShippedChange>) {
        self.shipped = shipped;
    }

    /// The version in force.
    pub fn version(&self) -> u32 {
        self.catalogue.version
    }

    /// The view in front.
    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Brings the Versions view forward on `version`; the application reads it and hands it
    /// back through [`Catalogue::version_read`].
    pub fn show_version(&mut self, version: u32) -> Action {
        self.tab = Tab::Versions;
        self.version = Some(VersionRead::Reading(version));
        Action::ReadVersion(version)
    }

    /// The catalogue as it stood at `version`: `Ok(None)` when its text was not kept.
    pub fn version_read(
        &mut self,
        version: u32,
        result: Result<Option<domain::Catalogue>, RegistryError>,
    ) {
        // A slower answer for a version picked earlier must not replace the one picked last.
        if matches!(&self.version, Some(v) if v.number() != version) {
            return;
        }
        self.version = Some(match result {
            Ok(Some(c)) => VersionRead::Kept(c),
            Ok(None) => VersionRead::NotKept(version),
            Err(e) => VersionRead::Failed(version, e.to_string()),
        });
    }

    /// The outcome of the last save: the catalogue in force and its history, or why nothing was
    /// written, which the form then shows with what was typed.
    pub fn saved(&mut self, result: Result<(domain::Catalogue, Vec<AuditEntry>), RegistryError>) {
        match result {
            Ok((catalogue, history)) => {
                if let Some(editor) = &mut self.editor
                    && let Some(r) = catalogue.get(editor.id())
                {
                    *editor = Editor::saved(r.clone(), catalogue.version);
                }
                if catalogue.version != self.catalogue.version {
                    self.version_menu = versions::menu(catalogue.version);
                }
                self.catalogue = catalogue;
                self.history = history;
            }
            Err(e) => {
                if let Some(editor) = &mut self.editor {
                    editor.refused(e);
                }
            }
        }
    }

    /// Another decider saved the requirement being edited meanwhile (the save was refused,
    /// saying who and what): the catalogue as it now is, and the form, keeping what was typed,
    /// now over their version, so that saving again puts it in force knowingly.
    pub fn changed_meanwhile(&mut self, catalogue: domain::Catalogue, history: Vec<AuditEntry>) {
        if let Some(editor) = &mut self.editor
            && let Some(r) = catalogue.get(editor.id())
        {
            editor.reopen_on(r.clone());
        }
        if catalogue.version != self.catalogue.version {
            self.version_menu = versions::menu(catalogue.version);
        }
        self.catalogue = catalogue;
        self.history = history;
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::ShowTab(tab) => {
                self.tab = tab;
                if tab == Tab::Versions && self.version.is_none() {
                    return self.show_version(self.catalogue.version);
                }
            }
            Message::LevelFilter(c) => self.level = c,
            Message::ModelFilter(c) => self.model = c,
            Message::Select(id) => {
                if let Some(r) = self.catalogue.get(&id) {
                    let mut editor = Editor::new(r.clone());
                    editor.read_only = self.read_only.clone();
                    self.editor = Some(editor);
                }
            }
            Message::Title(v) => self.with_editor(|e| e.form.title = v),
            Message::Applies(m, on) => self.with_editor(|e| e.form.set_model(m, on)),
            Message::Threshold(t, v) => self.with_editor(|e| e.form.set_threshold(t, v)),
            Message::AskRetire => self.with_editor(|e| e.confirming_retire = true),
            Message::CancelRetire => self.with_editor(|e| e.confirming_retire = false),
            Message::ConfirmRetire => self.with_editor(|e| {
                e.confirming_retire = false;
                e.form.enabled = false;
            }),
            Message::Enable => self.with_editor(|e| e.form.enabled = true),
            Message::Close => self.editor = None,
            Message::Save if self.read_only.is_none() => {
                if let Some(editor) = &self.editor
                    && let Some(r) = editor.to_save()
                {
                    return Action::Save(r, editor.opened_on().clone());
                }
            }
            Message::PickVersion(v) => return self.show_version(v.number),
            Message::Adopt(id) if self.read_only.is_none() => {
                return Action::ResolveShipped { id, adopt: true };
            }
            Message::KeepMine(id) if self.read_only.is_none() => {
                return Action::ResolveShipped { id, adopt: false };
            }
            Message::Save | Message::Adopt(_) | Message::KeepMine(_) => {}
        }
        Action::None
    }

    fn with_editor(&mut self, change: impl FnOnce(&mut Editor)) {
        if let Some(e) = &mut self.editor {
            change(e);
            e.edited();
        }
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let tab = |label: &'static str, target: Tab| {
            button(text(label))
                .on_press(Message::ShowTab(target))
                .style(if self.tab == target {
                    button::primary
                } else {
                    button::secondary
                })
                .padding([6, 14])
        };
        let retired = self
            .catalogue
            .requirements
            .iter()
            .filter(|r| !r.enabled)
            .count();
        let header = row![
            column![
                text("Requirement catalogue").size(24),
                text(format!(
                    "Version {} in force · {} requirements, {retired} retired",
                    self.catalogue.version,
                    self.catalogue.requirements.len()
                ))
                .size(14),
            ]
            .spacing(2),
            iced::widget::space::horizontal(),
            tab("Requirements", Tab::Requirements),
            tab("MOA terms", Tab::Terms),
            tab("Versions and history", Tab::Versions),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let body = match self.tab {
            Tab::Requirements => self.requirements_view(),
            Tab::Versions => versions::view(
                &self.catalogue,
                &self.version_menu,
                self.version.as_ref(),
                &self.history,
            ),
            Tab::Terms => terms::view(&self.catalogue.terms),
        };
        let mut page = column![header].spacing(12);
        if let Some(why) = &self.read_only {
            page = page.push(text(why.as_str()).size(14).style(text::secondary));
        }
        if let Some(card) = terms::shipped_changes(&self.shipped, self.read_only.is_none()) {
            page = page.push(card);
        }
        page.push(body).into()
    }

    fn requirements_view(&self) -> Element<'_, Message> {
        let filters = row![
            text("Show").size(14),
            self.level_menu
                .view("Level", Some(&self.level), Message::LevelFilter)
                .width(170),
            self.model_menu
                .view("Model", Some(&self.model), Message::ModelFilter)
                .width(170),
            iced::widget::space::horizontal(),
            text("Select a requirement to change it.").size(14),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let shown: Vec<&Requirement> = self
            .catalogue
            .requirements
            .iter()
            .filter(|r| match &self.level {
                Choice::Only(l) => r.level == *l,
                Choice::All(_) => true,
            })
            .filter(|r| match &self.model {
                Choice::Only(m) => r.models.contains(m),
                Choice::All(_) => true,
            })
            .collect();
        let selected = self.editor.as_ref().map(Editor::id);
        let list = scrollable(container(list::grouped(&shown, selected, None)).padding(
            iced::Padding {
                right: 14.0,
                ..iced::Padding::ZERO
            },
        ))
        .height(Length::Fill);
        let mut body = row![container(list).width(Length::FillPortion(3))].spacing(16);
        if let Some(editor) = &self.editor {
            let history: Vec<&AuditEntry> = self
                .history
                .iter()
                .filter(|e| e.changes["id"].as_str() == Some(editor.id()))
                .collect();
            body = body.push(
                container(
                    scrollable(
                        container(editor.view(self.catalogue.version, history)).padding(
                            iced::Padding {
                                right: 14.0,
                                ..iced::Padding::ZERO
                            },
                        ),
                    )
                    .height(Length::Fill),
                )
                .width(Length::FillPortion(2)),
            );
        }
        column![filters, body.height(Length::Fill)]
            .spacing(10)
            .into()
    }
}
