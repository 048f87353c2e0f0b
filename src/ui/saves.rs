//! The window's writes: the Agency screen's saves, settling a flagged value, and the Catalogue
//! screen's saves. Each runs on a worker and comes back as its own reply, carrying what it
//! saved; the reply then refreshes what the write may have moved (the list, the check).

use iced::Task;

use super::app::{App, Message, Screen};
use super::screen::agency::{self, Save, Saved};
use super::screen::catalogue;
use super::screen::review;
use super::worker;
use crate::domain::Catalogue;
use crate::registry::{AgencyOverview, AuditEntry, RegistryError, ReviewItem, ShippedChange};

/// The answer to one save of the Agency screen, with the Agencies list read afresh on the same
/// worker when something was written (`None` when nothing was).
#[derive(Debug, Clone)]
pub struct SaveReply {
    /// The save and its outcome, for the screen that asked.
    pub saved: Saved,
    /// The Agencies list after the save.
    pub agencies: Option<Result<Vec<AgencyOverview>, RegistryError>>,
}

/// The answer to a save of the Catalogue screen.
#[derive(Debug, Clone)]
pub enum CatalogueSaved {
    /// A changed requirement: its id, and the catalogue in force with its history afterwards.
    Requirement {
        /// The requirement saved.
        id: std::sync::Arc<str>,
        /// The catalogue and its history, or why nothing was written.
        result: Result<(Catalogue, Vec<AuditEntry>), RegistryError>,
    },
    /// A shipped correction adopted (`adopt`) or the coordinator's version kept.
    Shipped {
        /// The requirement.
        id: String,
        /// Adopted, or kept.
        adopt: bool,
        /// The catalogue, its history and the corrections still open, or why nothing was
        /// recorded.
        result: Result<(Catalogue, Vec<AuditEntry>, Vec<ShippedChange>), RegistryError>,
    },
}

impl App {
    /// Handles the Agency screen's messages.
    pub(super) fn on_agency(&mut self, m: agency::Message) -> Task<Message> {
        let Screen::Agency(a) = &mut self.screen else {
            return Task::none();
        };
        match a.update(m) {
            agency::Action::None => Task::none(),
            agency::Action::Back => self.update(Message::Navigate(self.back_to)),
            agency::Action::Run(task) => task.map(Message::Agency),
            agency::Action::Save(save) => self.save(save),
            agency::Action::Report(id, format) => self.report(id, format),
            agency::Action::OpenCatalogueVersion(v) => self.open_catalogue(Some(v)),
            agency::Action::Copy(text) => iced::clipboard::write(text),
            agency::Action::ShowInFolder(folder) => Task::perform(
                worker::run_blocking(move || {
                    open::that_detached(&folder).map_err(|e| e.to_string())
                }),
                |r| Message::Agency(agency::Message::ReportFolderShown(r)),
            ),
            agency::Action::OpenDocument(id) => worker::perform(
                &self.registry,
                move |r| {
                    let file = r.document_to_view(id).map_err(|e| e.to_string())?;
                    open::that_detached(&file).map_err(|e| {
                        format!(
                            "{} was written but no viewer could open it ({e}): open it from there",
                            file.display()
                        )
                    })?;
                    Ok(file)
                },
                |r| Message::Agency(agency::Message::DocumentOpened(r)),
            ),
            agency::Action::Refresh(id) => worker::perform(
                &self.registry,
                move |r| r.agency(id),
                |detail| Message::AgencyRefreshed(Box::new(detail)),
            ),
            agency::Action::SaveDocumentCopy(id, file) => worker::perform(
                &self.registry,
                move |r| {
                    r.save_document(id, &file)
                        .map(|_| file)
                        .map_err(|e| e.to_string())
                },
                |r| Message::Agency(agency::Message::DocumentCopied(r)),
            ),
        }
    }

    /// Writes one save on a worker, then reads the list there too.
    fn save(&mut self, save: Save) -> Task<Message> {
        worker::perform(
            &self.registry,
            move |registry| {
                let result = registry.edit(&save.edit);
                let agencies = result.is_ok().then(|| registry.agencies());
                SaveReply {
                    saved: Saved { save, result },
                    agencies,
                }
            },
            |reply| Message::Saved(Box::new(reply)),
        )
    }

    /// A save was answered: the status line and the list follow a success, and the screen
    /// that asked shows the outcome where it was asked for (even after the coordinator moved
    /// on, the list and the check follow).
    pub(super) fn saved_agency(&mut self, reply: SaveReply) -> Task<Message> {
        let written = reply.saved.result.is_ok();
        if let Ok(detail) = &reply.saved.result {
            self.saved(format!("saved {}", detail.agency.details.name));
        }
        if let Some(agencies) = reply.agencies {
            self.show_list(agencies);
        }
        if let Screen::Agency(a) = &mut self.screen {
            a.saved(reply.saved);
        }
        if written {
            self.check_everything()
        } else {
            Task::none()
        }
    }

    /// Handles the Review screen's messages: a settle is written on a worker.
    pub(super) fn on_review(&mut self, m: review::Message) -> Task<Message> {
        match self.review.update(m) {
            review::Action::Moa(settle) => {
                let id = settle.id;
                worker::perform(
                    &self.registry,
                    move |r| r.settle_moa_check(settle.id, settle.accept, settle.note.as_deref()),
                    move |result| Message::MoaSettled(id, result),
                )
            }
            review::Action::Settle(id, resolution) => worker::perform(
                &self.registry,
                move |r| r.settle(id, &resolution),
                move |result| Message::Settled(id, result),
            ),
            review::Action::Link(decision) => {
                let agency = decision.agency;
                worker::perform(
                    &self.registry,
                    move |r| {
                        r.confirm_link(decision.agency, decision.ori.as_ref(), &decision.reason)?;
                        r.links_in_review(crate::ui::screen::review::links::SHOWN)
                    },
                    move |result| Message::Linked(agency, result),
                )
            }
            review::Action::None => Task::none(),
        }
    }

    /// A coordinator's decision on a link was written (or not).
    pub(super) fn linked(
        &mut self,
        agency: crate::domain::AgencyId,
        result: Result<Vec<crate::registry::LinkInReview>, RegistryError>,
    ) -> Task<Message> {
        let written = result.is_ok();
        if written {
            self.saved(format!(
                "agency {agency}: link to the national list recorded"
            ));
        }
        self.review.linked(agency, result);
        if written {
            self.list_afresh()
        } else {
            Task::none()
        }
    }

    /// An MOA check was accepted (a signature recorded) or dismissed, or not.
    pub(super) fn moa_settled(
        &mut self,
        id: i64,
        result: Result<Vec<crate::registry::documents::MoaCheckItem>, RegistryError>,
    ) -> Task<Message> {
        let written = result.is_ok();
        if written {
            self.saved(format!("MOA check {id} settled"));
        }
        self.review.moa_settled(id, result);
        if written {
            self.list_afresh()
        } else {
            Task::none()
        }
    }

    /// A flagged value was settled (or not).
    pub(super) fn settled(
        &mut self,
        id: i64,
        result: Result<Vec<ReviewItem>, RegistryError>,
    ) -> Task<Message> {
        let written = result.is_ok();
        if written {
            self.saved(format!("flagged value {id} settled"));
        }
        self.review.settled(id, result);
        if written {
            self.list_afresh()
        } else {
            Task::none()
        }
    }

    /// Handles the Catalogue screen's messages.
    pub(super) fn on_catalogue(&mut self, m: catalogue::Message) -> Task<Message> {
        let Screen::Catalogue(screen) = &mut self.screen else {
            return Task::none();
        };
        let action = screen.update(m);
        self.on_catalogue_action(action)
    }

    /// Carries out what the Catalogue screen asks for.
    pub(super) fn on_catalogue_action(&mut self, action: catalogue::Action) -> Task<Message> {
        match action {
            catalogue::Action::None => Task::none(),
            catalogue::Action::ReadVersion(v) => {
                // One row of a small table: read here, no worker needed.
                let result = self.registry.catalogue_at(v);
                if let Screen::Catalogue(screen) = &mut self.screen {
                    screen.version_read(v, result);
                }
                Task::none()
            }
            catalogue::Action::Save(requirement, opened_on) => worker::perform(
                &self.registry,
                move |r| CatalogueSaved::Requirement {
                    id: requirement.id.clone(),
                    result: r.update_requirement_over(&requirement, &opened_on),
                },
                |reply| Message::CatalogueSaved(Box::new(reply)),
            ),
            catalogue::Action::ResolveShipped { id, adopt } => worker::perform(
                &self.registry,
                move |r| CatalogueSaved::Shipped {
                    result: r.resolve_shipped(&id, adopt),
                    id,
                    adopt,
                },
                |reply| Message::CatalogueSaved(Box::new(reply)),
            ),
        }
    }

    /// A save of the Catalogue screen was answered. Every agreement's checklist may have
    /// changed: until the check is back the status line says so, and the list's counts are
    /// those of the old catalogue.
    pub(super) fn catalogue_saved(&mut self, reply: CatalogueSaved) -> Task<Message> {
        match reply {
            CatalogueSaved::Requirement { id, result } => {
                let changed = result.is_ok();
                if let Ok((c, _)) = &result {
                    self.saved(format!("catalogue version {} ({id} changed)", c.version));
                }
                let meanwhile = matches!(
                    &result,
                    Err(RegistryError::Store(crate::registry::StoreError::Changed(
                        _
                    )))
                );
                if let Screen::Catalogue(screen) = &mut self.screen {
                    screen.saved(result);
                    if meanwhile {
                        match self.registry.catalogue_with_history() {
                            Ok((c, history)) => screen.changed_meanwhile(c, history),
                            Err(e) => self.status = format!("the catalogue could not be read: {e}"),
                        }
                    }
                }
                if !changed {
                    return Task::none();
                }
                self.tallies = None;
                self.check_everything()
            }
            CatalogueSaved::Shipped { id, adopt, result } => match result {
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
            },
        }
    }
}
