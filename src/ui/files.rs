//! The window's work on files: importing lists (a preview, then the import with progress),
//! export, backup, restore and verification on the Data page, and an agency's printable
//! report. All of it runs on workers; each reply is a message of its own kind, so a restore is
//! recognised by its reply, never by its wording.

use iced::Task;

use super::app::{App, Message, Page};
use super::screen::{data, import};
use super::worker;
use crate::domain::AgencyId;
use crate::registry::Report;
use crate::registry::{ListOptions, RegistryError};
use crate::report::ReportFormat;

impl App {
    /// Handles the Data screen's messages; after a restore, everything shown is read afresh
    /// from the database restored.
    pub(super) fn on_data(&mut self, m: data::Message) -> Task<Message> {
        let restored = matches!(&m, data::Message::Restored(Ok(_)));
        let registry = &self.registry;
        let task = match self.data.update(m) {
            data::Action::None => Task::none(),
            data::Action::Run(task) => task.map(Message::Data),
            data::Action::Copy(text) => iced::clipboard::write(text),
            data::Action::KeepServer(server) => {
                let data_dir = self.registry.data_dir();
                let mut settings = super::settings::Settings::load(data_dir);
                settings.server = server.clone();
                let said = settings
                    .save(data_dir)
                    .map(|()| match &server {
                        Some(s) => format!(
                            "Kept: g287 opens {} at its next start.",
                            crate::store::postgres::open::shown(s)
                        ),
                        None => "Kept: g287 opens the data folder's file at its next start.".into(),
                    })
                    .map_err(|e| format!("The choice was not kept: {e}"));
                Task::done(Message::Data(data::Message::ServerKept(said)))
            }
            data::Action::SetDisplayName(name) => {
                // One small write, done at once so that the status line and every later
                // change name the coordinator as they asked.
                let saved = self.registry.set_display_name(&name);
                Task::done(Message::Data(data::Message::DisplayNameSaved(saved)))
            }
            data::Action::Export(file, format, only_listed, filters) => {
                let listed = only_listed.then(|| self.agencies.visible_ids());
                worker::perform(
                    registry,
                    move |r| {
                        r.export(format, &file, |a| {
                            filters.keeps(a)
                                && listed.as_ref().is_none_or(|ids| ids.contains(&a.agency.id))
                        })
                        .map(|exported| (file, format, exported))
                    },
                    |r| Message::Data(data::Message::Exported(r)),
                )
            }
            data::Action::Verify => worker::perform(
                registry,
                |r| r.verify(None),
                |r| Message::Data(data::Message::Verified(r)),
            ),
            data::Action::Backup(file) => worker::perform(
                registry,
                move |r| r.backup(&file).map(|_| file),
                |r| Message::Data(data::Message::BackedUp(r)),
            ),
            data::Action::Restore(file) => worker::perform(
                registry,
                move |r| r.restore(&file).map(|restored| (file, restored)),
                |r| Message::Data(data::Message::Restored(r)),
            ),
        };
        if restored {
            self.saved("restore".into());
            self.tallies = None;
            self.reload_review();
            return Task::batch([task, self.list_afresh(), self.check_everything()]);
        }
        task
    }

    /// Handles the Import screen's messages; after an import, what it changed is read back.
    pub(super) fn on_import(&mut self, m: import::Message) -> Task<Message> {
        let finished = match &m {
            import::Message::Finished(Ok(_)) => Some("import"),
            import::Message::MoasAttached(Ok(_)) => Some("ICE's MOAs attached"),
            _ => None,
        };
        let task = match self.import.update(m) {
            import::Action::None => Task::none(),
            import::Action::Run(task) => task.map(Message::Import),
            import::Action::OpenReview => self.update(Message::Navigate(Page::Review)),
            import::Action::AttachMoas(dir) => worker::perform(
                &self.registry,
                move |r| r.attach_moas(&dir),
                |r| Message::Import(import::Message::MoasAttached(r)),
            ),
            import::Action::Preview(files) => {
                let options = ListOptions {
                    dry_run: true,
                    ..ListOptions::default()
                };
                worker::perform(
                    &self.registry,
                    move |r| r.import(&files, options, &mut |_, _| {}),
                    |r| Message::Import(import::Message::Previewed(r)),
                )
            }
            import::Action::Import(files) => Task::run(
                worker::import_with_progress(self.registry.clone(), files),
                Message::Import,
            ),
        };
        if let Some(what) = finished {
            // The import wrote on its own connection: read back what it changed.
            self.saved(what.into());
            self.reload_review();
            return Task::batch([task, self.list_afresh(), self.check_everything()]);
        }
        task
    }

    /// Writes an agency's report in `format` into the data folder's `reports/` on a worker
    /// (today's report of an agency in that format replaces the one written earlier today).
    pub(super) fn report(&mut self, id: AgencyId, format: ReportFormat) -> Task<Message> {
        worker::perform(
            &self.registry,
            move |r| r.agency_report_in_data_folder(id, format),
            Message::ReportWritten,
        )
    }

    /// The report was written (or not): the system is asked to open it.
    pub(super) fn report_written(
        &mut self,
        result: Result<Report, RegistryError>,
    ) -> Task<Message> {
        match result {
            Ok(report) => {
                let file = report.file;
                self.status = format!("report written to {}", file.display());
                Task::perform(
                    worker::run_blocking({
                        let file = file.clone();
                        move || open::that_detached(&file).map_err(|e| e.to_string())
                    }),
                    // To the Agency screen, which says where the report is and offers to
                    // show its folder or copy its path, whether or not it could be opened.
                    move |r| {
                        Message::Agency(super::screen::agency::Message::ReportOpened(
                            file.clone(),
                            r,
                        ))
                    },
                )
            }
            Err(e) => {
                self.status = format!("the report could not be written: {e}");
                Task::none()
            }
        }
    }
}
