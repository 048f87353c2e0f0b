//! The Agency screen: the agency's details (editable, validated as in the core, errors beside
//! their field), and for each agreement its signed MOA, lifecycle, requirement checklist,
//! nominees and decisions, then the agency's history. Recording a decision opens a dialog that
//! lists what is not met or has no record and asks for a written override before an acceptance
//! against it; the signatures and every obligation the coordinator attests are recorded in forms
//! opened in place.
//!
//! The screen never writes: each change leaves as a [`Save`] (its own number, the form that
//! asked, the [`Edit`]) in [`Action::Save`]; the application writes it through the registry on
//! a worker and hands the answer back through [`Agency::saved`], the agency as it then is or
//! the refusal, which is shown where the change was asked for. Several saves may be on their
//! way at once (each form's one at a time): each answer finds its own form by its number.

pub mod agreement;
mod conflict;
pub mod decision;
pub mod details;
mod documents;
pub mod history;
mod national;

pub use documents::AttachTarget;
pub use national::figures;
pub mod nominee;
pub mod obligation;
pub mod oversight;
pub mod signing;
mod widgets;

use chrono::NaiveDate;
use iced::widget::{button, column, container, operation, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Task};
use std::sync::Arc;

use crate::domain::{
    AgencyId, AgencyKind, AgreementId, ComplaintId, Component, Model, NomineeId, NoticeParty,
    Outcome, parse_date,
};
use crate::registry::RegistryError;
use crate::registry::{AgencyDetail, AgreementDetail};
use crate::ui::choices::Choices;
use crate::ui::screen::parts::SMALL;
use decision::DecisionDialog;
pub use decision::DecisionField;
pub use details::DetailField;
use details::DetailsForm;
use nominee::NomineeEditor;
pub use nominee::NomineeField;
pub use obligation::ObligationField;
use obligation::ObligationForm;
pub use oversight::OversightField;
use oversight::OversightForms;
pub use signing::SigningField;
use signing::SigningForm;
pub use widgets::Answer;
use widgets::{BODY, card, heading, quiet};

pub use crate::registry::Edit;

/// Which form asked for a save, so that the answer is shown where the change was asked for
/// (a refusal beside the field, in the dialog or in the form that asked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The agency's details.
    Details,
    /// The "request an agreement" row.
    Request,
    /// The nominee form.
    Nominee,
    /// A nominee's removal.
    Remove,
    /// The decision dialog.
    Decision,
    /// The form recording an obligation.
    Obligation,
    /// The signatures form.
    Signing,
    /// The oversight meeting form.
    Meeting,
    /// The complaint form.
    Complaint,
    /// The notice of termination form.
    Notice,
    /// The link to the national list.
    Link,
    /// The Documents card: an attachment or a removal.
    Documents,
}

/// One save the screen asks for: its own number, the form that asked and the change. The
/// number is unique in the whole window, so an answer can never be taken for another save's,
/// even one asked on another agency's screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Save {
    /// This save's number.
    pub id: u64,
    /// The form that asked.
    pub form: Form,
    /// The change to write.
    pub edit: Edit,
}

impl Save {
    fn new(form: Form, edit: Edit) -> Save {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Save {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            form,
            edit,
        }
    }
}

/// The answer to one [`Save`]: the save it answers, and the agency as it then is or why
/// nothing was written.
#[derive(Debug, Clone)]
pub struct Saved {
    /// The save answered.
    pub save: Save,
    /// The agency as written, or the refusal.
    pub result: Result<AgencyDetail, RegistryError>,
}

/// The "request an agreement" row.
#[derive(Debug, Clone)]
struct Request {
    model: Model,
    component: Component,
    date: String,
    error: Option<String>,
    /// The model and component drop-downs (combo boxes, so that Tab reaches them and typing
    /// chooses).
    models: Choices<ModelChoice>,
    components: Choices<Component>,
}

impl Request {
    fn new(today: NaiveDate) -> Request {
        Request {
            // The Task Force Model is the one most agencies ask for since 2025.
            model: Model::Tfm,
            component: Component::Ice,
            date: today.to_string(),
            error: None,
            models: Choices::new(Model::ALL.map(ModelChoice)),
            components: Choices::new(Component::ALL),
        }
    }
}

/// The Agency screen's state.
#[derive(Debug, Clone)]
pub struct Agency {
    detail: Option<AgencyDetail>,
    details: DetailsForm,
    request: Request,
    shown: Option<AgreementId>,
    nominee: Option<NomineeEditor>,
    removing: Option<NomineeId>,
    dialog: Option<DecisionDialog>,
    obligation: Option<ObligationForm>,
    signing: Option<SigningForm>,
    /// The saves asked for and not answered yet, by number and form.
    in_flight: Vec<(u64, Form)>,
    /// The number of the newest save whose agency is shown: an older answer arriving later
    /// must not show an older agency.
    shown_save: u64,
    banner: Option<String>,
    all_history: bool,
    oversight: OversightForms,
    back_label: &'static str,
    today: NaiveDate,
    /// The report written last, and what became of it.
    report: Option<ReportNotice>,
    /// The national list, searched as a new agency's details are typed.
    national: Option<std::sync::Arc<crate::domain::reference::NationalList>>,
    /// The Documents card of the agreement in view.
    documents: documents::DocumentsCard,
    /// A save refused because someone else changed the record since its form was opened.
    conflict: Option<conflict::Conflict>,
    /// The form to fill again from the agency as it will next be read ("Take theirs").
    retake: Option<Form>,
    /// On a team's server, the login's g287 role (`None`: a SQLite file, where the person at
    /// the keyboard may do everything).
    role: Option<crate::store::postgres::schema::Role>,
}

/// Where the agency's report was written, and whether the system opened it: a machine with no
/// program for `.html` said only 'could not be opened: Launcher "gio" "open" ...', with
/// nothing to do next.
#[derive(Debug, Clone, PartialEq)]
struct ReportNotice {
    /// The report's file.
    file: std::path::PathBuf,
    /// Whether the system's program for `.html` opened it.
    opened: bool,
    /// Why its folder could not be shown, when asked to and it could not.
    folder_refused: Option<String>,
}

/// What the coordinator does on this screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// Go back to the list.
    Back,
    /// Typed in a details field.
    Detail(DetailField, String),
    /// Chose the agency's type.
    Kind(AgencyKind),
    /// Chose whether it runs a jail.
    Jail(Answer),
    /// Save the details (or create the agency).
    SaveDetails,
    /// Show this agreement.
    ShowAgreement(AgreementId),
    /// Chose the model of a new request.
    RequestModel(Model),
    /// Chose the component of a new request.
    RequestComponent(Component),
    /// Typed the date of a new request.
    RequestDate(String),
    /// Record the new request.
    Request,
    /// Open an empty nominee form for the agreement shown.
    NewNominee,
    /// Open a nominee's form.
    EditNominee(NomineeId),
    /// Typed or chose in the nominee form.
    Nominee(NomineeField, String),
    /// Save the nominee form.
    SaveNominee,
    /// Close the nominee form.
    CancelNominee,
    /// Ask to remove a nominee (a confirmation follows).
    AskRemove(NomineeId),
    /// Confirmed the removal.
    ConfirmRemove,
    /// Not now.
    CancelRemove,
    /// Open the decision dialog for the agreement shown.
    OpenDecision,
    /// Chose the deciding component.
    DecisionComponent(Component),
    /// Chose the outcome.
    DecisionOutcome(Outcome),
    /// Typed in the decision dialog.
    Decision(DecisionField, String),
    /// Record the decision.
    ConfirmDecision,
    /// Close the dialog without recording.
    CloseDecision,
    /// Show the whole history, not only its newest entries.
    ShowAllHistory,
    /// Hide the error banner.
    DismissBanner,
    /// A save was refused because someone changed the record since: save what was typed over
    /// their change, knowingly.
    SaveMineOverTheirs,
    /// ... or drop what was typed and take the record as they left it.
    TakeTheirs,
    /// Write the agency's printable compliance report in this format and open it.
    Report(crate::report::ReportFormat),
    /// The report was written to this file, and the system opened it or could not (why).
    ReportOpened(std::path::PathBuf, Result<(), String>),
    /// Show the report's folder in the system's file manager.
    ShowReportInFolder,
    /// Put the report's path on the clipboard.
    CopyReportPath,
    /// The report's folder was shown, or why it could not be.
    ReportFolderShown(Result<(), String>),
    /// Hide the note about the report.
    DismissReport,
    /// Typed in an oversight form (meeting, complaint, notice).
    Oversight(OversightField, String),
    /// Chose who gives a notice of termination.
    NoticeGivenBy(NoticeParty),
    /// Record the meeting typed in.
    RecordMeeting,
    /// Open an empty complaint form.
    NewComplaint,
    /// Open a complaint's form (to record that ICE was told, or the resolution).
    EditComplaint(ComplaintId),
    /// Save the complaint form.
    SaveComplaint,
    /// Close the complaint form.
    CancelComplaint,
    /// Record the notice of termination typed in.
    RecordNotice,
    /// Open the form recording whether this requirement (by id) is in place.
    RecordObligation(Arc<str>),
    /// Chose whether the obligation is in place (yes) or missing (no).
    ObligationInPlace(bool),
    /// Typed in the obligation form.
    Obligation(ObligationField, String),
    /// Record the obligation form.
    SaveObligation,
    /// Close the obligation form.
    CancelObligation,
    /// Open the form recording the MOA's signatures.
    OpenSigning,
    /// Typed in the signatures form.
    Signing(SigningField, String),
    /// Record the signatures form.
    SaveSigning,
    /// Close the signatures form.
    CancelSigning,
    /// See the catalogue version a decision was made under.
    OpenCatalogueVersion(u32),
    /// Fill the new agency's ORI, county and type from this agency of the national list.
    UseNational(crate::domain::Ori),
    /// Undo the agency's link to the national list.
    UndoLink,
    /// Choose a document to attach to the agreement in view (`true`: as its signed MOA), or
    /// to the record chosen with [`Message::AttachTo`].
    AttachDocument(bool),
    /// Keep the next document attached with this record of the agreement in view.
    AttachTo(documents::AttachTarget),
    /// The document chosen (none: the dialog was closed), and whether it is the signed MOA.
    DocumentPicked(Option<std::path::PathBuf>, bool),
    /// A file dropped on the window: attached to the agreement in view.
    DocumentDropped(std::path::PathBuf),
    /// Open a document (by attachment id) with the system's viewer.
    OpenDocument(i64),
    /// The document was written to this file and opened, or why not.
    DocumentOpened(Result<std::path::PathBuf, String>),
    /// Choose where to save a copy of a document (its id and name).
    SaveDocumentCopy(i64, String),
    /// Where the copy goes (none: the dialog was closed).
    DocumentSaveTo(i64, Option<std::path::PathBuf>),
    /// The copy was written to this file, or why not.
    DocumentCopied(Result<std::path::PathBuf, String>),
    /// Ask to remove a document (a confirmation follows).
    AskRemoveDocument(i64),
    /// Confirmed the removal.
    ConfirmRemoveDocument,
    /// Not now.
    CancelRemoveDocument,
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Return to the Agencies screen.
    Back,
    /// Write this change, and answer with [`Agency::saved`].
    Save(Save),
    /// Run a widget task.
    Run(Task<Message>),
    /// Write this agency's printable report in this format and open it.
    Report(AgencyId, crate::report::ReportFormat),
    /// Show this version of the requirement catalogue.
    OpenCatalogueVersion(u32),
    /// Show this folder (the report's) in the system's file manager, and answer with
    /// [`Message::ReportFolderShown`].
    ShowInFolder(std::path::PathBuf),
    /// Put this text (the report's path) on the clipboard.
    Copy(String),
    /// Write this document (by attachment id) to a temporary file and open it with the
    /// system's viewer; answer with [`Message::DocumentOpened`].
    OpenDocument(i64),
    /// Write a copy of this document to this file; answer with [`Message::DocumentCopied`].
    SaveDocumentCopy(i64, std::path::PathBuf),
    /// Read this agency afresh and hand it to [`Agency::refreshed`].
    Refresh(AgencyId),
}

impl Agency {
    fn blank() -> Agency {
        let today = crate::registry::today();
        Agency {
            detail: None,
            details: DetailsForm::default(),
            request: Request::new(today),
            shown: None,
            nominee: None,
            removing: None,
            dialog: None,
            obligation: None,
            signing: None,
            in_flight: Vec::new(),
            shown_save: 0,
            banner: None,
            all_history: false,
            oversight: OversightForms::new(today),
            back_label: "Agencies",
            today,
            report: None,
            national: None,
            documents: documents::DocumentsCard::default(),
            conflict: None,
            retake: None,
            role: None,
        }
    }

    /// On a team's server, the login's role: what it may not save is not offered, and why is
    /// said.
    pub fn for_role(mut self, role: Option<crate::store::postgres::schema::Role>) -> Agency {
        self.role = role;
        self
    }

    /// Why the login may not write `edit`, if it may not (a viewer writes nothing; only a
    /// decider records ICE's or CBP's decision).
    fn refusal(&self, edit: &Edit) -> Option<String> {
        use crate::store::postgres::schema::Role;
        let role = self.role?;
        match edit {
            Edit::Decide(_) => role.refusal(Role::Decider, "Recording ICE's or CBP's decision"),
            _ => role.refusal(Role::Coordinator, "Saving a change"),
        }
    }

    /// The form searches `list` as the new agency's name or ORI is typed.
    pub fn searching(
        mut self,
        list: std::sync::Arc<crate::domain::reference::NationalList>,
    ) -> Agency {
        self.national = Some(list);
        self
    }

    /// An empty form for a new agency.
    pub fn new_agency() -> Agency {
        Agency::blank()
    }

    /// The screen for a loaded agency.
    pub fn loaded(detail: AgencyDetail) -> Agency {
        let mut a = Agency::blank();
        a.show(detail);
        a
    }

    /// Shows `detail`, keeping the agreement in view if it still exists.
    fn show(&mut self, detail: AgencyDetail) {
        self.details = DetailsForm::filled(&detail.agency.details);
        self.details.seen = detail.versions.of("agency", detail.agency.id.0);
        let ids: Vec<AgreementId> = detail.agreements.iter().map(|a| a.agreement.id).collect();
        if !self.shown.is_some_and(|id| ids.contains(&id)) {
            self.shown = ids.first().copied();
        }
        self.detail = Some(detail);
    }

    /// Shows this agreement of the agency (the one a deadline of the calendar belongs to), if
    /// the agency has it.
    pub fn show_agreement(&mut self, agreement: AgreementId) {
        if self
            .detail
            .as_ref()
            .is_some_and(|d| d.agreements.iter().any(|a| a.agreement.id == agreement))
        {
            self.shown = Some(agreement);
        }
    }

    /// The agreement shown, if any.
    pub fn shown_agreement(&self) -> Option<AgreementId> {
        self.shown
    }

    /// Names the page Back returns to ("Calendar" when the agency was opened from there).
    pub fn returning_to(mut self, page: &'static str) -> Agency {
        self.back_label = page;
        self
    }

    /// What the coordinator has typed and not saved, named for a confirmation ("the nominee
    /// form"), or `None` when leaving the screen loses nothing.
    pub fn unsaved(&self) -> Option<&'static str> {
        let recorded = self.detail.as_ref().map(|d| &d.agency.details);
        if self.details.differs_from(recorded) {
            Some(if recorded.is_some() {
                "the agency's details"
            } else {
                "the new agency's details"
            })
        } else {
            self.unsaved_on_agreement()
        }
    }

    /// Typing in the forms that belong to the agreement in view.
    fn unsaved_on_agreement(&self) -> Option<&'static str> {
        self.nominee_changes()
            .or_else(|| self.decision_writing())
            .or_else(|| self.signing_changes())
            .or_else(|| self.obligation_changes())
            .or_else(|| self.oversight.unsaved(self.today))
    }

    fn signing_changes(&self) -> Option<&'static str> {
        typed_in(
            self.signing.as_ref(),
            SigningForm::changed,
            "the signatures form",
        )
    }

    fn obligation_changes(&self) -> Option<&'static str> {
        typed_in(
            self.obligation.as_ref(),
            ObligationForm::changed,
            "the form recording a requirement",
        )
    }

    fn nominee_changes(&self) -> Option<&'static str> {
        typed_in(
            self.nominee.as_ref(),
            NomineeEditor::changed,
            "the nominee form",
        )
    }

    fn decision_writing(&self) -> Option<&'static str> {
        typed_in(
            self.dialog.as_ref(),
            DecisionDialog::has_writing,
            "the decision dialog",
        )
    }

    /// What handling `m` would throw away of what is typed, if anything: leaving the screen
    /// loses every form, showing another agreement loses that agreement's forms, opening
    /// another nominee or complaint replaces the open form. Closing a form on purpose (Cancel)
    /// is not asked about.
    pub fn would_discard(&self, m: &Message) -> Option<&'static str> {
        match m {
            Message::Back | Message::OpenCatalogueVersion(_) => self.unsaved(),
            Message::ShowAgreement(id) if self.shown != Some(*id) => self.unsaved_on_agreement(),
            Message::NewNominee | Message::EditNominee(_) => self.nominee_changes(),
            Message::RecordObligation(id)
                if self.obligation.as_ref().map(|o| &o.requirement) != Some(id) =>
            {
                self.obligation_changes()
            }
            Message::NewComplaint | Message::EditComplaint(_) => self
                .oversight
                .complaint_changed()
                .then_some("the complaint form"),
            _ => None,
        }
    }

    /// What Escape means here: closing the innermost dialog open (the decision dialog, a
    /// removal's confirmation), else going back.
    pub fn escape(&self) -> Message {
        if self.dialog.is_some() {
            Message::CloseDecision
        } else if self.removing.is_some() {
            Message::CancelRemove
        } else {
            Message::Back
        }
    }

    /// What Escape would throw away: unlike its Cancel button, Escape may be pressed without
    /// looking, so closing a decision dialog that holds writing asks first.
    pub fn escape_would_discard(&self) -> Option<&'static str> {
        match self.escape() {
            Message::CloseDecision => self.decision_writing(),
            other => self.would_discard(&other),
        }
    }

    /// The agency's name for the window title.
    pub fn title(&self) -> String {
        self.detail
            .as_ref()
            .map(|d| d.agency.details.name.clone())
            .unwrap_or_else(|| "New agency".into())
    }

    /// The agency shown, if it exists yet.
    pub fn id(&self) -> Option<AgencyId> {
        self.detail.as_ref().map(|d| d.agency.id)
    }

    /// The answer to a [`Save`]: the agency as it now is, or why nothing was written. A
    /// success closes the dialogs and the form that asked, and keeps the agreement in view (a
    /// new request comes into view); a refusal is shown beside the field, in the dialog or in
    /// the form that asked, and that form stays open with what was typed. An answer to a save
    /// this screen did not ask for (another agency's, say) changes nothing.
    pub fn saved(&mut self, reply: Saved) {
        let Some(at) = self
            .in_flight
            .iter()
            .position(|(id, _)| *id == reply.save.id)
        else {
            return;
        };
        let (id, form) = self.in_flight.remove(at);
        match reply.result {
            Ok(detail) => {
                if form == Form::Request {
                    let before: Vec<AgreementId> = self
                        .detail
                        .iter()
                        .flat_map(|d| d.agreements.iter().map(|a| a.agreement.id))
                        .collect();
                    if let Some(new) = detail
                        .agreements
                        .iter()
                        .map(|a| a.agreement.id)
                        .find(|id| !before.contains(id))
                    {
                        self.shown = Some(new);
                    }
                    self.request = Request::new(self.today);
                }
                if id > self.shown_save {
                    self.shown_save = id;
                    // Details typed (or refused) while another form's save was on its way
                    // are the coordinator's work in progress: the answer keeps them.
                    let recorded = self.detail.as_ref().map(|d| &d.agency.details);
                    let typing = (form != Form::Details && self.details.differs_from(recorded))
                        .then(|| self.details.clone());
                    self.show(detail);
                    if let Some(typed) = typing {
                        self.details = typed;
                    }
                }
                self.banner = None;
                match form {
                    Form::Nominee | Form::Remove => {
                        self.nominee = None;
                        self.removing = None;
                    }
                    Form::Decision => self.dialog = None,
                    // The signatures and record forms close only when it was theirs that was
                    // written: recording something else leaves what is typed in them in place.
                    Form::Obligation => self.obligation = None,
                    Form::Signing => self.signing = None,
                    Form::Meeting | Form::Complaint | Form::Notice => {
                        self.oversight = OversightForms::new(self.today)
                    }
                    Form::Documents => self.documents.removing = None,
                    Form::Details | Form::Request | Form::Link => {}
                }
            }
            Err(e) => self.refused(form, e),
        }
    }

    /// The agency read afresh (another coordinator saved something, or "Take theirs"):
    /// shown without touching what is being typed. The details form keeps what was typed
    /// (and the version it was typed over), open forms stay open; a form whose conflict was
    /// settled by taking theirs is filled again. Another agency's reading changes nothing.
    pub fn refreshed(&mut self, detail: AgencyDetail) {
        if self.id() != Some(detail.agency.id) {
            return;
        }
        let recorded = self.detail.as_ref().map(|d| &d.agency.details);
        let retake_details = self.retake.take() == Some(Form::Details);
        let typing =
            (!retake_details && self.details.differs_from(recorded)).then(|| self.details.clone());
        self.show(detail);
        if let Some(typed) = typing {
            self.details = typed;
        }
    }

    /// Why this login may save nothing here (a viewer), if so: said at the top of the screen.
    fn read_only(&self) -> Option<String> {
        use crate::store::postgres::schema::Role;
        self.role?.refusal(Role::Coordinator, "Saving a change")
    }

    /// Why this login may not record a decision (below decider), if so: said beside the
    /// button, which is not offered.
    pub fn may_not_decide(&self) -> Option<String> {
        use crate::store::postgres::schema::Role;
        self.role?
            .refusal(Role::Decider, "Recording ICE's or CBP's decision")
    }

    /// The version of a record of the agency shown, as last read.
    fn version_of(&self, kind: &str, id: i64) -> Option<i64> {
        self.detail.as_ref().map(|d| d.versions.of(kind, id))
    }

    /// Saves the refused form again over the change that stopped it, knowingly: its values as
    /// typed, with the record's version now.
    fn save_over(&mut self, c: conflict::Conflict) -> Action {
        let version = c.changed.version;
        match c.form {
            Form::Details => {
                self.details.seen = version;
                self.update(Message::SaveDetails)
            }
            Form::Nominee => {
                if let Some(editor) = &mut self.nominee {
                    editor.seen = version;
                }
                self.update(Message::SaveNominee)
            }
            Form::Complaint => {
                if let Some(editor) = &mut self.oversight.complaint {
                    editor.seen = version;
                }
                self.update(Message::SaveComplaint)
            }
            Form::Remove => self.save(
                Form::Remove,
                Edit::RemoveNominee {
                    id: crate::domain::NomineeId(c.changed.id),
                    seen: Some(version),
                },
            ),
            _ => Action::None,
        }
    }

    /// Whether a save is waiting for its answer (the status line says so).
    pub fn saving(&self) -> bool {
        !self.in_flight.is_empty()
    }

    fn refused(&mut self, form: Form, e: RegistryError) {
        if let RegistryError::Store(crate::store::StoreError::Changed(changed)) = e {
            // The form stays open with what was typed; the panel says whose change stopped it.
            self.conflict = Some(conflict::Conflict {
                form,
                changed: *changed,
            });
            return;
        }
        match form {
            Form::Details if e.invalid().is_some() => {
                self.details.errors = e.invalid().unwrap_or_default().to_vec()
            }
            Form::Nominee if e.invalid().is_some() && self.nominee.is_some() => {
                if let Some(editor) = &mut self.nominee {
                    editor.errors = e.invalid().unwrap_or_default().to_vec();
                }
            }
            Form::Request => self.request.error = Some(e.to_string()),
            Form::Meeting => self.oversight.meeting_error = Some(e.to_string()),
            Form::Notice => self.oversight.notice_error = Some(e.to_string()),
            Form::Complaint => self.oversight.complaint_refused(e),
            Form::Obligation if self.obligation.is_some() => {
                if let Some(form) = &mut self.obligation {
                    form.refused(e);
                }
            }
            Form::Signing if self.signing.is_some() => {
                if let Some(form) = &mut self.signing {
                    form.refused(e);
                }
            }
            Form::Decision if self.dialog.is_some() => {
                if let Some(dialog) = &mut self.dialog {
                    dialog.refusal = Some(e.to_string());
                }
            }
            _ => self.banner = Some(e.to_string()),
        }
    }

    /// The agreement in view.
    fn agreement(&self) -> Option<&AgreementDetail> {
        let detail = self.detail.as_ref()?;
        detail
            .agreements
            .iter()
            .find(|a| Some(a.agreement.id) == self.shown)
            .or_else(|| detail.agreements.first())
    }

    /// Asks for a save, unless the same form's last save is still waiting for its answer (a
    /// second click on Save must not write twice).
    fn save(&mut self, form: Form, edit: Edit) -> Action {
        if self.in_flight.iter().any(|(_, f)| *f == form) {
            return Action::None;
        }
        if let Some(why) = self.refusal(&edit) {
            // Not offered in the view; a key that saves says why here.
            self.banner = Some(why);
            return Action::None;
        }
        let save = Save::new(form, edit);
        self.in_flight.push((save.id, form));
        Action::Save(save)
    }

    /// Attaches the file at `path` to the agreement in view (as its signed MOA with `moa`).
    fn attach(&mut self, path: std::path::PathBuf, moa: bool) -> Action {
        let Some(agreement) = self.agreement().map(|a| a.agreement.id) else {
            return Action::None;
        };
        self.documents.notice = None;
        // The signed MOA goes with the agreement; any other document with the record chosen,
        // if it is still one of this agreement's.
        let target = self.documents.target.clone().filter(|t| {
            !moa && self
                .agreement()
                .is_some_and(|a| documents::targets(a).contains(t))
        });
        let (to, record) = target
            .map_or((crate::documents::Subject::Agreement, agreement.0), |t| {
                (t.subject, t.id)
            });
        self.save(
            Form::Documents,
            Edit::AttachDocument {
                agreement,
                to,
                record,
                path,
                moa,
            },
        )
    }

    /// Whether a dropped file would be attached here (an agreement is in view) rather than
    /// imported as a list.
    pub fn takes_drops(&self) -> bool {
        self.agreement().is_some()
    }

    /// Sends the edit a form produced; `None` when the form kept it back to show its errors.
    fn submit(&mut self, form: Form, edit: Option<Edit>) -> Action {
        match edit {
            Some(edit) => self.save(form, edit),
            None => Action::None,
        }
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Back => return Action::Back,
            Message::Detail(field, value) => self.details.set(field, value),
            Message::Kind(kind) => self.details.set_kind(kind),
            Message::Jail(jail) => self.details.set_jail(jail),
            Message::UseNational(ori) => {
                if let Some(row) = self.national.as_ref().and_then(|l| l.by_ori(&ori)) {
                    self.details.fill_from_national(row);
                }
            }
            Message::UndoLink => {
                if let Some(agency) = self.id() {
                    return self.save(Form::Link, Edit::UndoLink { agency });
                }
            }
            Message::SaveDetails => {
                if let Some(details) = self.details.validate() {
                    let id = self.id();
                    let seen = id.map(|_| self.details.seen);
                    return self.save(Form::Details, Edit::SaveAgency { id, details, seen });
                }
            }
            Message::ShowAgreement(id) => {
                if self.shown != Some(id) {
                    self.shown = Some(id);
                    self.nominee = None;
                    self.removing = None;
                    self.obligation = None;
                    self.signing = None;
                    self.oversight = OversightForms::new(self.today);
                }
            }
            Message::RequestModel(m) => {
                self.request.model = m;
                self.request.error = None;
            }
            Message::RequestComponent(c) => {
                self.request.component = c;
                self.request.error = None;
            }
            Message::RequestDate(d) => {
                self.request.date = d;
                self.request.error = None;
            }
            Message::Request => {
                let Some(agency) = self.id() else {
                    return Action::None;
                };
                match parse_date(&self.request.date) {
                    Some(requested_on) => {
                        let edit = Edit::AddAgreement {
                            agency,
                            model: self.request.model,
                            component: self.request.component,
                            requested_on,
                        };
                        return self.save(Form::Request, edit);
                    }
                    None => {
                        self.request.error = Some(format!(
                            "{:?} is not a date: give the day the written request arrived as YYYY-MM-DD",
                            self.request.date
                        ))
                    }
                }
            }
            Message::NewNominee => {
                if let Some(a) = self.agreement() {
                    self.nominee = Some(NomineeEditor::new(a.agreement.id));
                    self.removing = None;
                    return Action::Run(operation::focus(nominee::NAME_ID));
                }
            }
            Message::EditNominee(id) => {
                let found = self
                    .agreement()
                    .and_then(|a| a.nominees.iter().find(|n| n.id == id))
                    .map(NomineeEditor::edit);
                if let Some(mut editor) = found {
                    editor.seen = self.version_of("nominee", id.0).unwrap_or(0);
                    self.nominee = Some(editor);
                    self.removing = None;
                    return Action::Run(operation::focus(nominee::NAME_ID));
                }
            }
            Message::Nominee(field, value) => in_form(&mut self.nominee, |e| e.set(field, value)),
            Message::SaveNominee => {
                if let Some(editor) = &mut self.nominee {
                    match editor.form.validate() {
                        Ok(details) => {
                            let edit = match editor.id {
                                Some(id) => Edit::UpdateNominee {
                                    id,
                                    details,
                                    seen: Some(editor.seen),
                                },
                                None => Edit::AddNominee {
                                    agreement: editor.agreement,
                                    details,
                                },
                            };
                            return self.save(Form::Nominee, edit);
                        }
                        Err(errors) => editor.errors = errors,
                    }
                }
            }
            Message::CancelNominee => self.nominee = None,
            Message::AttachDocument(moa) => return Action::Run(documents::pick(moa)),
            Message::AttachTo(target) => self.documents.target = Some(target),
            Message::DocumentPicked(Some(path), moa) => return self.attach(path, moa),
            Message::DocumentPicked(None, _) => {}
            Message::DocumentDropped(path) => {
                let moa = self
                    .agreement()
                    .is_some_and(|a| documents::is_listed_moa(a, &path));
                return self.attach(path, moa);
            }
            Message::OpenDocument(id) => {
                self.documents.notice = None;
                return Action::OpenDocument(id);
            }
            Message::DocumentOpened(result) => {
                self.documents.notice = Some(documents::outcome("Opened", &result))
            }
            Message::SaveDocumentCopy(id, name) => {
                return Action::Run(documents::pick_copy(id, name));
            }
            Message::DocumentSaveTo(id, Some(path)) => {
                return Action::SaveDocumentCopy(id, path);
            }
            Message::DocumentSaveTo(_, None) => {}
            Message::DocumentCopied(result) => {
                self.documents.notice = Some(documents::outcome("Copy saved to", &result))
            }
            Message::AskRemoveDocument(id) => self.documents.removing = Some(id),
            Message::CancelRemoveDocument => self.documents.removing = None,
            Message::ConfirmRemoveDocument => {
                if let Some(id) = self.documents.removing {
                    return self.save(Form::Documents, Edit::RemoveDocument { id });
                }
            }
            Message::AskRemove(id) => self.removing = Some(id),
            Message::CancelRemove => self.removing = None,
            Message::ConfirmRemove => {
                if let Some(id) = self.removing.take() {
                    let seen = self.version_of("nominee", id.0);
                    return self.save(Form::Remove, Edit::RemoveNominee { id, seen });
                }
            }
            Message::OpenDecision if self.may_not_decide().is_some() => {
                self.banner = self.may_not_decide();
            }
            Message::OpenDecision => {
                if let Some(a) = self.agreement() {
                    self.dialog = Some(DecisionDialog::new(a, self.today));
                    return Action::Run(operation::focus(decision::OFFICIAL_ID));
                }
            }
            Message::DecisionComponent(c) => in_form(&mut self.dialog, |d| d.set_component(c)),
            Message::DecisionOutcome(o) => in_form(&mut self.dialog, |d| d.set_outcome(o)),
            Message::Decision(field, value) => in_form(&mut self.dialog, |d| d.set(field, value)),
            Message::CloseDecision => self.dialog = None,
            Message::ConfirmDecision => {
                let draft = self.dialog.as_ref().and_then(|d| {
                    let a = self.agreement_by_id(d.agreement)?;
                    d.draft(a).ok()
                });
                if let Some(draft) = draft {
                    return self.save(Form::Decision, Edit::Decide(draft));
                }
            }
            Message::ShowAllHistory => self.all_history = true,
            Message::DismissBanner => self.banner = None,
            Message::SaveMineOverTheirs => {
                if let Some(c) = self.conflict.take() {
                    return self.save_over(c);
                }
            }
            Message::TakeTheirs => {
                if let Some(c) = self.conflict.take() {
                    match c.form {
                        Form::Nominee | Form::Remove => self.nominee = None,
                        Form::Complaint => self.oversight.complaint = None,
                        _ => {}
                    }
                    self.retake = Some(c.form);
                    if let Some(id) = self.id() {
                        return Action::Refresh(id);
                    }
                }
            }
            Message::ReportOpened(file, result) => {
                self.report = Some(ReportNotice {
                    file,
                    opened: result.is_ok(),
                    folder_refused: None,
                });
            }
            Message::ShowReportInFolder => {
                if let Some(folder) = self.report.as_ref().and_then(|r| r.file.parent()) {
                    return Action::ShowInFolder(folder.to_path_buf());
                }
            }
            Message::CopyReportPath => {
                if let Some(r) = &self.report {
                    return Action::Copy(r.file.display().to_string());
                }
            }
            Message::ReportFolderShown(result) => {
                if let Some(r) = &mut self.report {
                    r.folder_refused = result.err();
                }
            }
            Message::DismissReport => self.report = None,
            Message::Report(format) => {
                if let Some(id) = self.id() {
                    return Action::Report(id, format);
                }
            }
            Message::Oversight(field, value) => self.oversight.set(field, value),
            Message::NoticeGivenBy(party) => self.oversight.notice_party = party,
            Message::NewComplaint => self.oversight.new_complaint(),
            Message::EditComplaint(id) => {
                if let Some(c) = self
                    .agreement()
                    .and_then(|a| a.complaints.iter().find(|c| c.id == id))
                    .cloned()
                {
                    self.oversight.edit_complaint(&c);
                    let seen = self.version_of("complaint", id.0).unwrap_or(0);
                    if let Some(editor) = &mut self.oversight.complaint {
                        editor.seen = seen;
                    }
                }
            }
            Message::CancelComplaint => self.oversight.complaint = None,
            Message::RecordMeeting => {
                let Some(agreement) = self.agreement().map(|a| a.agreement.id) else {
                    return Action::None;
                };
                if let Some(edit) = self.oversight.meeting(agreement) {
                    return self.save(Form::Meeting, edit);
                }
            }
            Message::SaveComplaint => {
                let Some(agreement) = self.agreement().map(|a| a.agreement.id) else {
                    return Action::None;
                };
                if let Some(edit) = self.oversight.complaint(agreement) {
                    return self.save(Form::Complaint, edit);
                }
            }
            Message::RecordNotice => {
                let Some(agreement) = self.agreement().map(|a| a.agreement.id) else {
                    return Action::None;
                };
                if let Some(edit) = self.oversight.notice(agreement) {
                    return self.save(Form::Notice, edit);
                }
            }
            Message::OpenCatalogueVersion(v) => return Action::OpenCatalogueVersion(v),
            Message::RecordObligation(id) => {
                let Some(agreement) = self.agreement().map(|a| a.agreement.id) else {
                    return Action::None;
                };
                if self.obligation.as_ref().map(|o| &o.requirement) != Some(&id) {
                    self.obligation = Some(ObligationForm::new(agreement, id, self.today));
                }
                return Action::Run(operation::focus(obligation::EVIDENCE_ID));
            }
            Message::ObligationInPlace(yes) => in_form(&mut self.obligation, |f| f.choose(yes)),
            Message::Obligation(field, value) => {
                in_form(&mut self.obligation, |f| f.set(field, value))
            }
            Message::SaveObligation => {
                let today = self.today;
                let edit = self.obligation.as_mut().and_then(|f| f.attestation(today));
                return self.submit(Form::Obligation, edit);
            }
            Message::CancelObligation => self.obligation = None,
            Message::OpenSigning => {
                if let Some(a) = self.agreement()
                    && self.signing.as_ref().map(|f| f.agreement) != Some(a.agreement.id)
                {
                    self.signing = Some(SigningForm::open(&a.agreement));
                }
            }
            Message::Signing(field, value) => in_form(&mut self.signing, |f| f.set(field, value)),
            Message::SaveSigning => {
                let today = self.today;
                let edit = self.signing.as_mut().and_then(|f| f.signing(today));
                return self.submit(Form::Signing, edit);
            }
            Message::CancelSigning => self.signing = None,
        }
        Action::None
    }

    fn agreement_by_id(&self, id: AgreementId) -> Option<&AgreementDetail> {
        self.detail
            .as_ref()?
            .agreements
            .iter()
            .find(|a| a.agreement.id == id)
    }

    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let mut page = column![self.header()].spacing(16);
        if let Some(r) = &self.report {
            page = page.push(self.report_view(r));
        }
        if let Some(c) = &self.conflict {
            page = page.push(c.view());
        }
        if let Some(why) = self.read_only() {
            page = page.push(quiet(why));
        }
        if let Some(b) = &self.banner {
            page = page.push(
                container(
                    row![
                        text(b.as_str()).size(BODY).width(Length::Fill),
                        button(text("Dismiss"))
                            .on_press(Message::DismissBanner)
                            .style(button::secondary),
                    ]
                    .spacing(12)
                    .align_y(Alignment::Center),
                )
                .padding(10)
                .style(container::danger)
                .width(Length::Fill),
            );
        }
        page = page.push(
            self.details
                .view(self.detail.is_some(), self.read_only().is_none()),
        );
        if self.detail.is_none()
            && let Some(list) = &self.national
            && let Some(found) = national::suggestions(&self.details, list)
        {
            page = page.push(found);
        }
        match &self.detail {
            Some(d) => {
                if let Some(card) = national::card_of(d) {
                    page = page.push(card);
                }
                page = page.push(self.agreements_view(d));
                if let Some(a) = self.agreement() {
                    page = page
                        .push(agreement::summary(a, self.signing.as_ref()))
                        .push(documents::view(
                            a,
                            &self.documents,
                            self.in_flight.iter().any(|(_, f)| *f == Form::Documents),
                        ))
                        .push(agreement::checklist(a, self.obligation.as_ref()))
                        .push(nominee::view(a, self.nominee.as_ref(), self.removing))
                        .push(agreement::decisions(a, self.may_not_decide()))
                        .push(oversight::view(a, &self.oversight));
                }
                page = page.push(history::view(&d.history, self.all_history));
            }
            None => {
                page = page.push(quiet(
                    "Once the agency is created, its requests for agreements, nominees and decisions are recorded here.",
                ));
            }
        }
        let body = scrollable(container(page).padding(iced::Padding {
            right: 16.0,
            bottom: 16.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill);
        let dialog = self.dialog.as_ref().and_then(|dialog| {
            let a = self.agreement_by_id(dialog.agreement)?;
            let agency = self.detail.as_ref()?.agency.details.name.as_str();
            Some(dialog.view(agency, a))
        });
        match dialog {
            Some(dialog) => widgets::modal(body, dialog),
            None => body.into(),
        }
    }

    /// Where the report was written, with what to do when the system could not open it.
    fn report_view<'a>(&self, r: &'a ReportNotice) -> Element<'a, Message> {
        let said = if r.opened {
            format!("Report opened. It is written to {}", r.file.display())
        } else if r.file.extension().is_some_and(|e| e == "pdf") {
            format!(
                "Report written to {}. This computer has no program set to open .pdf files: open the file from a PDF reader or a browser, or show it in its folder.",
                r.file.display()
            )
        } else {
            format!(
                "Report written to {}. This computer has no program set to open .html files: open the file from a browser (File → Open), or show it in its folder.",
                r.file.display()
            )
        };
        let mut note = column![
            text(said).size(BODY),
            row![
                button(text("Show in folder"))
                    .on_press(Message::ShowReportInFolder)
                    .style(button::secondary),
                button(text("Copy path"))
                    .on_press(Message::CopyReportPath)
                    .style(button::secondary),
                button(text("Close"))
                    .on_press(Message::DismissReport)
                    .style(button::text),
            ]
            .spacing(8),
        ]
        .spacing(8);
        if let Some(why) = &r.folder_refused {
            note = note.push(
                text(format!(
                    "The folder could not be shown ({why}): copy the path instead."
                ))
                .size(BODY)
                .style(text::danger),
            );
        }
        container(note)
            .padding(10)
            .style(if r.opened {
                container::rounded_box
            } else {
                container::warning
            })
            .width(Length::Fill)
            .into()
    }

    fn header(&self) -> Element<'_, Message> {
        let (name, about) = match &self.detail {
            Some(d) => {
                let a = &d.agency.details;
                let mut about = format!("{} · {}", a.state.title(), a.kind.label());
                if let Some(county) = &a.county {
                    about.push_str(&format!(" · {county}"));
                }
                if let Some(ori) = &a.ori {
                    about.push_str(&format!(" · ORI {ori}"));
                }
                (a.name.clone(), about)
            }
            None => (
                "New agency".to_string(),
                "Fill in the details and create the agency".to_string(),
            ),
        };
        row![
            button(text(format!("← {}", self.back_label)))
                .on_press(Message::Back)
                .style(button::secondary)
                .padding([6, 12]),
            column![text(name).size(24), quiet(about)].spacing(2),
            iced::widget::space::horizontal(),
            // Both formats: a PDF to print or send as it is, a web page to open in a browser.
            row([
                crate::report::ReportFormat::Pdf,
                crate::report::ReportFormat::Html
            ]
            .map(|format| {
                button(text(format!("Report ({})", format.label())))
                    .on_press_maybe(self.detail.is_some().then_some(Message::Report(format)))
                    .style(button::secondary)
                    .padding([6, 12])
                    .into()
            }))
            .spacing(8),
        ]
        .spacing(16)
        .align_y(Alignment::Center)
        .into()
    }

    /// The agreements: a tab for each, and the row that records a new request.
    fn agreements_view<'a>(&'a self, d: &'a AgencyDetail) -> Element<'a, Message> {
        let shown = self.agreement().map(|a| a.agreement.id);
        let tabs = row(d.agreements.iter().map(|a| {
            let g = &a.agreement;
            button(text(format!(
                "{} · {} · {}",
                g.model.label(),
                g.component,
                g.status
            )))
            .on_press(Message::ShowAgreement(g.id))
            .style(if Some(g.id) == shown {
                button::primary
            } else {
                button::secondary
            })
            .padding([6, 14])
            .into()
        }))
        .spacing(8);
        let request = row![
            text("Request an agreement:").size(BODY),
            self.request
                .models
                .view(
                    "Type a model",
                    Some(&ModelChoice(self.request.model)),
                    |m: ModelChoice| Message::RequestModel(m.0),
                )
                .width(250),
            text("with").size(BODY),
            self.request
                .components
                .view(
                    "Type a component",
                    Some(&self.request.component),
                    Message::RequestComponent,
                )
                .width(110),
            text("received on").size(BODY),
            text_input("YYYY-MM-DD", &self.request.date)
                .style(crate::ui::choices::field)
                .on_input(Message::RequestDate)
                .on_submit(Message::Request)
                .padding(6)
                .width(130),
            // Buttons take no focus in iced 0.14: Enter in the date field records the request,
            // said on hover.
            iced::widget::tooltip(
                button(text("Record request"))
                    .on_press(Message::Request)
                    .style(button::secondary)
                    .padding([6, 14]),
                container(text("Enter in the date").size(SMALL))
                    .padding([4, 8])
                    .style(container::rounded_box),
                iced::widget::tooltip::Position::Bottom,
            ),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        // Narrow (200 % zoom), the button goes to a second line rather than to nothing.
        .wrap()
        .vertical_spacing(6);
        let mut section =
            column![heading(format!("Agreements ({})", d.agreements.len()))].spacing(10);
        if d.agreements.is_empty() {
            section = section.push(text("No agreement requested yet.").size(BODY));
        } else {
            section = section.push(tabs);
        }
        section = section.push(request);
        if let Some(e) = &self.request.error {
            section = section.push(text(e.as_str()).size(BODY).style(text::danger));
        }
        card(section)
    }
}

/// `name` when `form` is open and holds typing (`typed` says so), for the "Discard what you
/// typed?" question.
fn typed_in<T>(
    form: Option<&T>,
    typed: impl FnOnce(&T) -> bool,
    name: &'static str,
) -> Option<&'static str> {
    form.is_some_and(typed).then_some(name)
}

/// Applies `change` to a form if it is open (a message for a form just closed does nothing).
fn in_form<T>(form: &mut Option<T>, change: impl FnOnce(&mut T)) {
    if let Some(form) = form {
        change(form);
    }
}

/// A model in the request row, by its full name: "JEM" alone means little to a new coordinator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ModelChoice(Model);

impl std::fmt::Display for ModelChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.0.label(), self.0.short())
    }
}
