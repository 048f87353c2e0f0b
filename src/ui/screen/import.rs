//! The Import screen: choose ICE's lists (file dialog, typed path or drop), preview what would
//! change, then import in the background with a progress bar; flagged values follow.

use iced::widget::{button, column, container, progress_bar, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use std::path::PathBuf;

pub mod moas;

use super::parts::with_key;
use crate::registry::{ImportSummary, RegistryError};

/// Where the import stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Choosing files.
    Choosing,
    /// Working out the preview (a dry run).
    Previewing,
    /// The preview is shown; nothing written yet.
    Preview(ImportSummary),
    /// Importing: rows done of rows in all.
    Running(usize, usize),
    /// Done.
    Done(ImportSummary),
    /// The files could not be imported; nothing was written.
    Failed(String),
}

/// The Import screen's state.
#[derive(Debug, Clone)]
pub struct Import {
    files: Vec<PathBuf>,
    typed: String,
    phase: Phase,
    moas: moas::MoaPhase,
}

impl Default for Import {
    fn default() -> Self {
        Import {
            files: Vec::new(),
            typed: String::new(),
            phase: Phase::Choosing,
            moas: moas::MoaPhase::Idle,
        }
    }
}

/// What the coordinator does here, and what the background work reports.
#[derive(Debug, Clone)]
pub enum Message {
    /// Open the system's file dialog.
    Browse,
    /// The file dialog closed with these files (none if cancelled or unavailable).
    Picked(Vec<PathBuf>),
    /// Typed a path.
    PathTyped(String),
    /// Enter in the path field: add the typed path; with the field empty, the next step the
    /// page offers (preview the files chosen, or import once the preview is shown), since
    /// buttons take no focus in iced 0.14.
    AddTyped,
    /// A file was dropped on the window.
    Dropped(PathBuf),
    /// Remove a chosen file.
    Remove(usize),
    /// Show what would change.
    Preview,
    /// The preview's outcome.
    Previewed(Result<ImportSummary, RegistryError>),
    /// Import for real.
    Confirm,
    /// Rows done, of rows in all.
    Progress(usize, usize),
    /// The import's outcome.
    Finished(Result<ImportSummary, RegistryError>),
    /// Start again with other files.
    Reset,
    /// Go to the Review screen.
    OpenReview,
    /// Choose a folder of ICE's MOAs to attach.
    BrowseMoas,
    /// The folder chosen (none: the dialog was closed).
    MoaFolder(Option<PathBuf>),
    /// The MOAs of the folder were attached, or why not.
    MoasAttached(Result<crate::registry::documents::MoaBatch, RegistryError>),
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Dry-run these files and report with [`Message::Previewed`].
    Preview(Vec<PathBuf>),
    /// Import these files, reporting [`Message::Progress`] and [`Message::Finished`].
    Import(Vec<PathBuf>),
    /// Run a task (the file dialog).
    Run(Task<Message>),
    /// Show the Review screen.
    OpenReview,
    /// Attach the MOAs of this folder; answer with [`Message::MoasAttached`].
    AttachMoas(PathBuf),
}

/// Why an import wrote nothing, in the window's words: unreadable files are listed and the
/// coordinator is told nothing was imported.
fn failure(e: &RegistryError) -> String {
    match e {
        RegistryError::Unreadable(_) => format!("{e}\nNothing was imported."),
        other => other.to_string(),
    }
}

impl Import {
    /// Where the import stands.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Browse => {
                return Action::Run(Task::perform(
                    async {
                        rfd::AsyncFileDialog::new()
                            .set_title("Choose ICE's lists")
                            .add_filter("ICE lists", &["xlsx", "xlsm", "xls", "csv", "txt"])
                            .pick_files()
                            .await
                            .map(|files| {
                                files.into_iter().map(|f| f.path().to_path_buf()).collect()
                            })
                            .unwrap_or_default()
                    },
                    Message::Picked,
                ));
            }
            Message::BrowseMoas => return Action::Run(moas::pick()),
            Message::MoaFolder(Some(dir)) => {
                self.moas = moas::MoaPhase::Attaching(dir.clone());
                return Action::AttachMoas(dir);
            }
            Message::MoaFolder(None) => {}
            Message::MoasAttached(result) => self.moas = moas::outcome(result),
            Message::Picked(files) => {
                for f in files {
                    self.add(f);
                }
            }
            Message::PathTyped(p) => self.typed = p,
            Message::AddTyped => {
                let typed = self.typed.trim().to_string();
                if !typed.is_empty() {
                    self.add(PathBuf::from(typed));
                    self.typed.clear();
                } else {
                    match self.phase {
                        Phase::Choosing => return self.update(Message::Preview),
                        Phase::Preview(_) => return self.update(Message::Confirm),
                        _ => {}
                    }
                }
            }
            Message::Dropped(p) => self.add(p),
            Message::Remove(i) => {
                if i < self.files.len() {
                    self.files.remove(i);
                    self.phase = Phase::Choosing;
                }
            }
            Message::Preview => {
                if !self.files.is_empty() {
                    self.phase = Phase::Previewing;
                    return Action::Preview(self.files.clone());
                }
            }
            Message::Previewed(result) => {
                self.phase = match result {
                    Ok(s) => Phase::Preview(s),
                    Err(e) => Phase::Failed(failure(&e)),
                }
            }
            Message::Confirm => {
                if matches!(self.phase, Phase::Preview(_)) {
                    self.phase = Phase::Running(0, 0);
                    return Action::Import(self.files.clone());
                }
            }
            Message::Progress(done, total) => {
                if matches!(self.phase, Phase::Running(..)) {
                    self.phase = Phase::Running(done, total);
                }
            }
            Message::Finished(result) => {
                self.phase = match result {
                    Ok(s) => Phase::Done(s),
                    Err(e) => Phase::Failed(failure(&e)),
                };
                if matches!(self.phase, Phase::Done(_)) {
                    self.files.clear();
                }
            }
            Message::Reset => *self = Import::default(),
            Message::OpenReview => return Action::OpenReview,
        }
        Action::None
    }

    fn add(&mut self, file: PathBuf) {
        if !self.files.contains(&file) {
            self.files.push(file);
        }
        self.phase = Phase::Choosing;
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let busy = matches!(self.phase, Phase::Previewing | Phase::Running(..));
        let files = column(self.files.iter().enumerate().map(|(i, f)| {
            row![
                text(f.display().to_string()).width(Length::Fill),
                button(text("Remove"))
                    .on_press_maybe((!busy).then_some(Message::Remove(i)))
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(Alignment::Center)
            .into()
        }))
        .spacing(4);
        let chooser = row![
            button(text("Choose files…"))
                .on_press_maybe((!busy).then_some(Message::Browse))
                .style(button::secondary),
            text_input(
                "…or type a file's path and press Enter (or drop files on the window)",
                &self.typed
            )
            .style(crate::ui::choices::field)
            .on_input(Message::PathTyped)
            .on_submit(Message::AddTyped)
            .padding(6),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut page = column![
            text("Import ICE's lists").size(24),
            text("Participating and pending lists as ICE publishes them (.xlsx), or saved as CSV. Several files are applied in date order. Nothing is written until you confirm the preview."),
            chooser,
            files,
        ]
        .spacing(12);
        match &self.phase {
            Phase::Choosing => {
                page = page.push(keyed(
                    button(text("Preview"))
                        .on_press_maybe((!self.files.is_empty()).then_some(Message::Preview))
                        .style(button::primary),
                ));
            }
            Phase::Previewing => page = page.push(text("Reading the files…")),
            Phase::Preview(s) => {
                page = page.push(text("Preview: nothing has been written yet").size(18));
                // The decision first, the details after: the summary can be long.
                page = page.push(
                    row![
                        keyed(
                            button(text("Import these lists"))
                                .on_press(Message::Confirm)
                                .style(button::primary)
                        ),
                        button(text("Cancel"))
                            .on_press(Message::Reset)
                            .style(button::secondary),
                    ]
                    .spacing(8),
                );
                page = page.push(summary_view(s));
            }
            Phase::Running(done, total) => {
                page = page.push(text(format!("Importing… {done} of {total} rows")));
                page = page.push(progress_bar(0.0..=(*total).max(1) as f32, *done as f32));
            }
            Phase::Done(s) => {
                page = page.push(text("Imported").size(18));
                page = page.push(summary_view(s));
                let mut actions = row![with_key(
                    button(text("Import more"))
                        .on_press(Message::Reset)
                        .style(button::secondary),
                    "Ctrl+Shift+A"
                )]
                .spacing(8);
                if s.flagged > 0 {
                    actions = actions.push(with_key(
                        button(text("Review flagged values"))
                            .on_press(Message::OpenReview)
                            .style(button::primary),
                        "Ctrl+Shift+R",
                    ));
                }
                page = page.push(actions);
            }
            Phase::Failed(e) => {
                page = page.push(text(e.clone()).style(text::danger));
                page = page.push(with_key(
                    button(text("Start again"))
                        .on_press(Message::Reset)
                        .style(button::secondary),
                    "Ctrl+Shift+A",
                ));
            }
        }
        page = page.push(moas::view(&self.moas));
        // Room on the right so the scrollbar never covers a button.
        scrollable(container(page).padding(iced::Padding {
            right: 16.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill)
        .into()
    }
}

/// A button of the page's next step with its key said on hover: Enter in the empty path field
/// (buttons take no focus in iced 0.14).
fn keyed<'a>(step: iced::widget::Button<'a, Message>) -> Element<'a, Message> {
    iced::widget::tooltip(
        step,
        container(text("Enter in the empty path field").size(super::parts::SMALL))
            .padding([4, 8])
            .style(container::rounded_box),
        iced::widget::tooltip::Position::Bottom,
    )
    .into()
}

/// "25 new agreements, all pending", "832 new agreements, 229 of them pending", or "3 new
/// agreements" when none is pending.
fn new_agreements(s: &ImportSummary) -> String {
    let n = s.agreements_new;
    let noun = if n == 1 { "agreement" } else { "agreements" };
    match s.new_pending {
        0 => format!("{n} new {noun}"),
        p if p == n && n == 1 => format!("1 new {noun}, pending"),
        p if p == n => format!("{n} new {noun}, all pending"),
        p => format!("{n} new {noun}, {p} of them pending"),
    }
}

/// What an import does, in the coordinator's words.
fn summary_view(s: &ImportSummary) -> Element<'_, Message> {
    let mut lines = column![
        text(format!(
            "{} rows in {} file(s): {}, {} already registered; {} new agencies, {} agencies matched",
            s.rows,
            s.files.len(),
            new_agreements(s),
            s.agreements - s.agreements_new,
            s.agencies_new,
            s.agencies_matched
        )),
        // These counts are of agreements registered before: a new agreement of a pending list
        // is counted above as pending, not as one that "becomes" pending.
        text(format!(
            "Of the agreements already registered: {} become active, {} become pending, {} delisted, {} dropped off the pending list, {} updated, {} unchanged",
            s.activated, s.made_pending, s.delisted, s.dropped_off, s.updated, s.unchanged
        )),
        text(format!("{} values flagged for review, {} rows not imported", s.flagged, s.refused_rows)),
    ]
    .spacing(4);
    for f in &s.files {
        let note = if f.already_imported {
            " — imported before, nothing changes"
        } else {
            ""
        };
        lines = lines.push(
            text(format!(
                "{}: {} list of {}, {} rows{note}",
                f.file, f.kind, f.as_of, f.rows
            ))
            .size(14),
        );
    }
    for c in &s.conflicts {
        lines = lines.push(text(format!("Conflict: {c}")).size(14));
    }
    for p in &s.problems {
        lines = lines.push(
            text(format!(
                "Flagged: {} row {}, {}: {:?} — {}",
                p.file, p.row, p.column, p.value, p.message
            ))
            .size(14)
            .style(text::warning),
        );
    }
    container(lines)
        .padding(10)
        .style(container::rounded_box)
        .width(Length::Fill)
        .into()
}
