//! The Agency screen: the agency's details (editable, validated, errors beside their field),
//! and for each agreement its lifecycle, requirement checklist, nominees and decisions, then the
//! agency's history. Recording a decision opens a dialog that lists what is not met and asks
//! for a written override before an acceptance against it.

use chrono::NaiveDate;
use iced::widget::{
    Column, button, center, column, container, mouse_area, opaque, pick_list, row, rule,
    scrollable, stack, text, text_input,
};
use iced::{Alignment, Color, Element, Length, Task};
use std::fmt;

use crate::domain::decision::MIN_OVERRIDE_CHARS;
use crate::domain::{
    AgencyDetails, AgencyId, AgencyKind, AgreementId, Attestation, CheckStatus, Component,
    DecisionDraft, Level, Model, NomineeDetails, NomineeForm, NomineeId, Outcome, ValidationError,
    parse_date,
};
use crate::store::StoreError;
use crate::store::detail::{AgencyDetail, AgreementDetail};

/// A change the coordinator asks for; the application writes it in one transaction and hands
/// back the agency as it then is (or the error).
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Create (`id` is `None`) or change an agency.
    SaveAgency {
        /// The agency, or `None` for a new one.
        id: Option<AgencyId>,
        /// The validated details.
        details: AgencyDetails,
    },
    /// Record a new request for an agreement.
    AddAgreement {
        /// The agency.
        agency: AgencyId,
        /// The model.
        model: Model,
        /// ICE or CBP.
        component: Component,
        /// Date the written request was received.
        requested_on: NaiveDate,
    },
    /// Nominate an officer.
    AddNominee {
        /// The agreement.
        agreement: AgreementId,
        /// The officer's facts.
        details: NomineeDetails,
    },
    /// Change a nominee's facts.
    UpdateNominee {
        /// The nominee.
        id: NomineeId,
        /// The facts.
        details: NomineeDetails,
    },
    /// Remove a nominee.
    RemoveNominee {
        /// The nominee.
        id: NomineeId,
    },
    /// Record a decision of ICE or CBP.
    Decide(DecisionDraft),
    /// Record an attestation of a requirement.
    Attest {
        /// The agreement.
        agreement: AgreementId,
        /// What was attested.
        attestation: Attestation,
    },
    /// Record an oversight meeting.
    Meeting {
        /// The agreement.
        agreement: AgreementId,
        /// When it was held.
        held_on: NaiveDate,
        /// Notes.
        note: Option<String>,
    },
}

/// Whether the agency runs a jail, as the form offers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jail {
    /// Not known yet.
    Unknown,
    /// Runs a jail.
    Yes,
    /// Runs none.
    No,
}

impl Jail {
    const ALL: [Jail; 3] = [Jail::Unknown, Jail::Yes, Jail::No];

    fn from(v: Option<bool>) -> Jail {
        match v {
            None => Jail::Unknown,
            Some(true) => Jail::Yes,
            Some(false) => Jail::No,
        }
    }

    fn value(self) -> Option<bool> {
        match self {
            Jail::Unknown => None,
            Jail::Yes => Some(true),
            Jail::No => Some(false),
        }
    }
}

impl fmt::Display for Jail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Jail::Unknown => "Jail: unknown",
            Jail::Yes => "Runs a jail",
            Jail::No => "Runs no jail",
        })
    }
}

/// A text field of the details form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailField {
    /// State code or name.
    State,
    /// Name.
    Name,
    /// County.
    County,
    /// ORI.
    Ori,
    /// Contact person.
    Contact,
}

/// A text field of the nominee form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NomineeField {
    /// Name.
    Name,
    /// yes / no.
    UsCitizen,
    /// Years.
    Experience,
    /// not_started / pending / passed / failed.
    Background,
    /// Date of the investigation's result.
    BackgroundOn,
    /// yes / no.
    Discipline,
    /// yes / no.
    Clearance,
    /// Course.
    Course,
    /// Date.
    TrainingCompleted,
    /// Scores.
    ExamScores,
    /// Date.
    CertifiedOn,
    /// Date.
    AuthorizationExpires,
    /// Date.
    LastRefresher,
}

impl NomineeField {
    /// Each field with its validation key, label and placeholder.
    const ALL: [(NomineeField, &'static str, &'static str, &'static str); 13] = [
        (NomineeField::Name, "name", "Name", "e.g. Jane Smith"),
        (
            NomineeField::UsCitizen,
            "us_citizen",
            "U.S. citizen",
            "yes or no",
        ),
        (
            NomineeField::Experience,
            "years_experience",
            "Years of law enforcement",
            "e.g. 4.5",
        ),
        (
            NomineeField::Background,
            "background",
            "Background investigation",
            "not_started, pending, passed or failed",
        ),
        (
            NomineeField::BackgroundOn,
            "background_on",
            "Background result on",
            "YYYY-MM-DD",
        ),
        (
            NomineeField::Discipline,
            "pending_discipline",
            "Discipline pending",
            "yes or no",
        ),
        (
            NomineeField::Clearance,
            "clearance_eligible",
            "Clearance eligible",
            "yes or no",
        ),
        (
            NomineeField::Course,
            "course",
            "Training course",
            "e.g. TFM basic, online",
        ),
        (
            NomineeField::TrainingCompleted,
            "training_completed",
            "Training completed on",
            "YYYY-MM-DD",
        ),
        (
            NomineeField::ExamScores,
            "exam_scores",
            "Exam scores (%)",
            "e.g. 65, 82",
        ),
        (
            NomineeField::CertifiedOn,
            "certified_on",
            "Certified on",
            "YYYY-MM-DD",
        ),
        (
            NomineeField::AuthorizationExpires,
            "authorization_expires",
            "Authorization expires",
            "YYYY-MM-DD",
        ),
        (
            NomineeField::LastRefresher,
            "last_refresher",
            "Last refresher",
            "YYYY-MM-DD",
        ),
    ];

    fn slot(self, f: &mut NomineeForm) -> &mut String {
        match self {
            NomineeField::Name => &mut f.name,
            NomineeField::UsCitizen => &mut f.us_citizen,
            NomineeField::Experience => &mut f.years_experience,
            NomineeField::Background => &mut f.background,
            NomineeField::BackgroundOn => &mut f.background_on,
            NomineeField::Discipline => &mut f.pending_discipline,
            NomineeField::Clearance => &mut f.clearance_eligible,
            NomineeField::Course => &mut f.course,
            NomineeField::TrainingCompleted => &mut f.training_completed,
            NomineeField::ExamScores => &mut f.exam_scores,
            NomineeField::CertifiedOn => &mut f.certified_on,
            NomineeField::AuthorizationExpires => &mut f.authorization_expires,
            NomineeField::LastRefresher => &mut f.last_refresher,
        }
    }

    fn get(self, f: &NomineeForm) -> &str {
        match self {
            NomineeField::Name => &f.name,
            NomineeField::UsCitizen => &f.us_citizen,
            NomineeField::Experience => &f.years_experience,
            NomineeField::Background => &f.background,
            NomineeField::BackgroundOn => &f.background_on,
            NomineeField::Discipline => &f.pending_discipline,
            NomineeField::Clearance => &f.clearance_eligible,
            NomineeField::Course => &f.course,
            NomineeField::TrainingCompleted => &f.training_completed,
            NomineeField::ExamScores => &f.exam_scores,
            NomineeField::CertifiedOn => &f.certified_on,
            NomineeField::AuthorizationExpires => &f.authorization_expires,
            NomineeField::LastRefresher => &f.last_refresher,
        }
    }
}

/// The decision dialog's fields.
#[derive(Debug, Clone, PartialEq)]
struct DecisionDialog {
    agreement: usize,
    component: Component,
    outcome: Outcome,
    date: String,
    name: String,
    title: String,
    grounds: String,
    justification: String,
    refusal: Option<String>,
}

/// A text field of the decision dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionField {
    /// Date of the decision.
    Date,
    /// The official's name.
    Name,
    /// The official's title.
    Title,
    /// Grounds.
    Grounds,
    /// Written override justification.
    Justification,
}

/// The Agency screen's state.
#[derive(Debug, Clone)]
pub struct Agency {
    detail: Option<AgencyDetail>,
    state: String,
    name: String,
    kind: Option<AgencyKind>,
    county: String,
    ori: String,
    jail: Jail,
    contact: String,
    errors: Vec<ValidationError>,
    banner: Option<String>,
    shown: usize,
    request_model: Model,
    request_component: Component,
    request_date: String,
    nominee: Option<(Option<NomineeId>, NomineeForm, Vec<ValidationError>)>,
    removing: Option<NomineeId>,
    dialog: Option<DecisionDialog>,
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
    Jail(Jail),
    /// Save the details.
    SaveDetails,
    /// Show this agreement (by position).
    ShowAgreement(usize),
    /// Chose the model of a new request.
    RequestModel(Model),
    /// Chose the component of a new request.
    RequestComponent(Component),
    /// Typed the date of a new request.
    RequestDate(String),
    /// Record the new request.
    Request,
    /// Open an empty nominee form.
    NewNominee,
    /// Open a nominee's form.
    EditNominee(NomineeId),
    /// Typed in the nominee form.
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
    /// Open the decision dialog.
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
}

/// What the application should do.
#[derive(Debug)]
pub enum Action {
    /// Nothing.
    None,
    /// Return to the Agencies screen.
    Back,
    /// Write this change.
    Save(Edit),
    /// Run a widget task.
    Run(Task<Message>),
}

impl Agency {
    fn blank() -> Agency {
        Agency {
            detail: None,
            state: String::new(),
            name: String::new(),
            kind: None,
            county: String::new(),
            ori: String::new(),
            jail: Jail::Unknown,
            contact: String::new(),
            errors: Vec::new(),
            banner: None,
            shown: 0,
            request_model: Model::Tfm,
            request_component: Component::Ice,
            request_date: crate::store::today().to_string(),
            nominee: None,
            removing: None,
            dialog: None,
        }
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

    fn show(&mut self, detail: AgencyDetail) {
        let d = &detail.agency.details;
        self.state = d.state.code().to_string();
        self.name = d.name.clone();
        self.kind = Some(d.kind);
        self.county = d.county.clone().unwrap_or_default();
        self.ori = d.ori.as_ref().map(|o| o.to_string()).unwrap_or_default();
        self.jail = Jail::from(d.has_jail);
        self.contact = d.contact.clone().unwrap_or_default();
        self.shown = self.shown.min(detail.agreements.len().saturating_sub(1));
        self.detail = Some(detail);
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

    /// The outcome of the last [`Edit`]: the agency as it now is, or why nothing was written.
    pub fn saved(&mut self, result: Result<AgencyDetail, StoreError>) {
        match result {
            Ok(detail) => {
                let added = self
                    .detail
                    .as_ref()
                    .map(|d| d.agreements.len())
                    .unwrap_or(0)
                    < detail.agreements.len();
                if added {
                    self.shown = detail.agreements.len() - 1;
                }
                self.show(detail);
                self.errors.clear();
                self.banner = None;
                self.nominee = None;
                self.removing = None;
                self.dialog = None;
            }
            Err(StoreError::Invalid(errors)) => {
                if let Some((_, _, e)) = &mut self.nominee {
                    *e = errors;
                } else {
                    self.errors = errors;
                }
            }
            Err(e) => match &mut self.dialog {
                Some(dialog) => dialog.refusal = Some(e.to_string()),
                None => self.banner = Some(e.to_string()),
            },
        }
    }

    fn agreement(&self) -> Option<&AgreementDetail> {
        self.detail
            .as_ref()
            .and_then(|d| d.agreements.get(self.shown))
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Action {
        match message {
            Message::Back => return Action::Back,
            Message::Detail(field, value) => {
                match field {
                    DetailField::State => self.state = value,
                    DetailField::Name => self.name = value,
                    DetailField::County => self.county = value,
                    DetailField::Ori => self.ori = value,
                    DetailField::Contact => self.contact = value,
                }
                self.errors.clear();
            }
            Message::Kind(kind) => self.kind = Some(kind),
            Message::Jail(jail) => self.jail = jail,
            Message::SaveDetails => {
                let kind = self.kind.map(|k| k.label()).unwrap_or("");
                match AgencyDetails::from_input(
                    &self.state,
                    &self.name,
                    kind,
                    &self.county,
                    &self.ori,
                    self.jail.value(),
                    &self.contact,
                ) {
                    Ok(details) => {
                        return Action::Save(Edit::SaveAgency {
                            id: self.id(),
                            details,
                        });
                    }
                    Err(errors) => self.errors = errors,
                }
            }
            Message::ShowAgreement(i) => {
                self.shown = i;
                self.nominee = None;
                self.removing = None;
            }
            Message::RequestModel(m) => self.request_model = m,
            Message::RequestComponent(c) => self.request_component = c,
            Message::RequestDate(d) => self.request_date = d,
            Message::Request => {
                let Some(agency) = self.id() else {
                    return Action::None;
                };
                match parse_date(&self.request_date) {
                    Some(requested_on) => {
                        return Action::Save(Edit::AddAgreement {
                            agency,
                            model: self.request_model,
                            component: self.request_component,
                            requested_on,
                        });
                    }
                    None => {
                        self.banner = Some(format!(
                            "{:?} is not a date: give the request's date as YYYY-MM-DD",
                            self.request_date
                        ))
                    }
                }
            }
            Message::NewNominee => self.nominee = Some((None, NomineeForm::default(), Vec::new())),
            Message::EditNominee(id) => {
                if let Some(n) = self
                    .agreement()
                    .and_then(|a| a.nominees.iter().find(|n| n.id == id))
                {
                    self.nominee =
                        Some((Some(id), NomineeForm::from_details(&n.details), Vec::new()));
                }
            }
            Message::Nominee(field, value) => {
                if let Some((_, form, errors)) = &mut self.nominee {
                    *field.slot(form) = value;
                    errors.clear();
                }
            }
            Message::SaveNominee => {
                let agreement = self.agreement().map(|a| a.agreement.id);
                if let (Some((id, form, errors)), Some(agreement)) = (&mut self.nominee, agreement)
                {
                    match form.validate() {
                        Ok(details) => {
                            return Action::Save(match id {
                                Some(id) => Edit::UpdateNominee { id: *id, details },
                                None => Edit::AddNominee { agreement, details },
                            });
                        }
                        Err(e) => *errors = e,
                    }
                }
            }
            Message::CancelNominee => self.nominee = None,
            Message::AskRemove(id) => self.removing = Some(id),
            Message::CancelRemove => self.removing = None,
            Message::ConfirmRemove => {
                if let Some(id) = self.removing.take() {
                    return Action::Save(Edit::RemoveNominee { id });
                }
            }
            Message::OpenDecision => {
                if let Some(a) = self.agreement() {
                    self.dialog = Some(DecisionDialog {
                        agreement: self.shown,
                        component: a.agreement.component,
                        outcome: Outcome::Accepted,
                        date: crate::store::today().to_string(),
                        name: String::new(),
                        title: String::new(),
                        grounds: String::new(),
                        justification: String::new(),
                        refusal: None,
                    });
                }
            }
            Message::DecisionComponent(c) => self.with_dialog(|d| d.component = c),
            Message::DecisionOutcome(o) => self.with_dialog(|d| d.outcome = o),
            Message::Decision(field, value) => self.with_dialog(|d| {
                match field {
                    DecisionField::Date => d.date = value,
                    DecisionField::Name => d.name = value,
                    DecisionField::Title => d.title = value,
                    DecisionField::Grounds => d.grounds = value,
                    DecisionField::Justification => d.justification = value,
                }
                d.refusal = None;
            }),
            Message::CloseDecision => self.dialog = None,
            Message::ConfirmDecision => {
                if let Ok(draft) = self.draft() {
                    return Action::Save(Edit::Decide(draft));
                }
            }
        }
        Action::None
    }

    fn with_dialog(&mut self, f: impl FnOnce(&mut DecisionDialog)) {
        if let Some(d) = &mut self.dialog {
            f(d);
        }
    }

    /// The requirements an acceptance would have to override.
    fn unmet(&self) -> Vec<&crate::domain::RequirementCheck> {
        self.agreement()
            .map(|a| {
                a.checks
                    .iter()
                    .filter(|c| c.status.blocks_acceptance())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The decision the dialog would record, or why it cannot yet.
    fn draft(&self) -> Result<DecisionDraft, String> {
        let d = self.dialog.as_ref().ok_or_else(String::new)?;
        let a = self
            .detail
            .as_ref()
            .and_then(|x| x.agreements.get(d.agreement))
            .ok_or_else(String::new)?;
        let decided_on = parse_date(&d.date)
            .ok_or_else(|| format!("{:?} is not a date: give it as YYYY-MM-DD", d.date))?;
        if d.name.trim().is_empty() || d.title.trim().is_empty() {
            return Err("Name the deciding official and give their title.".into());
        }
        let needs_override = d.outcome == Outcome::Accepted && !self.unmet().is_empty();
        let justification = d.justification.trim();
        if needs_override && justification.chars().count() < MIN_OVERRIDE_CHARS {
            return Err(format!(
                "{} requirement(s) are not met or unknown: accepting needs a written override of at least {MIN_OVERRIDE_CHARS} characters.",
                self.unmet().len()
            ));
        }
        Ok(DecisionDraft {
            agreement_id: a.agreement.id,
            component: d.component,
            outcome: d.outcome,
            decided_on,
            official: format!("{}, {}", d.name.trim(), d.title.trim()),
            grounds: Some(d.grounds.trim().to_string()).filter(|g| !g.is_empty()),
            override_justification: needs_override.then(|| justification.to_string()),
        })
    }
}

/// Words and colour of a check's outcome: never colour alone.
fn badge<'a>(status: CheckStatus) -> Element<'a, Message> {
    let style = match status {
        CheckStatus::Met => text::success,
        CheckStatus::NotMet => text::danger,
        CheckStatus::Unknown => text::warning,
        CheckStatus::Waived => text::primary,
    };
    text(status.to_string())
        .size(14)
        .style(style)
        .width(70)
        .into()
}

fn card<'a>(content: impl Into<Element<'a, Message>>) -> Element<'a, Message> {
    container(content)
        .padding(12)
        .style(container::rounded_box)
        .width(Length::Fill)
        .into()
}

fn heading<'a>(label: impl text::IntoFragment<'a>) -> Element<'a, Message> {
    text(label).size(18).into()
}

/// The error for `field` among `errors`, in red under the field.
fn error_for<'a>(errors: &[ValidationError], field: &str) -> Option<Element<'a, Message>> {
    errors.iter().find(|e| e.field == field).map(|e| {
        text(format!("{}: {}", e.value, e.message))
            .size(13)
            .style(text::danger)
            .into()
    })
}

fn labelled<'a>(
    label: &'a str,
    input: Element<'a, Message>,
    error: Option<Element<'a, Message>>,
) -> Element<'a, Message> {
    let mut c = column![text(label).size(13), input].spacing(2);
    if let Some(e) = error {
        c = c.push(e);
    }
    c.width(Length::Fill).into()
}

impl Agency {
    /// The screen.
    pub fn view(&self) -> Element<'_, Message> {
        let title = match &self.detail {
            Some(d) => format!(
                "{} · {} · {}",
                d.agency.details.name,
                d.agency.details.state.name(),
                d.agency.details.kind.label()
            ),
            None => "New agency".into(),
        };
        let mut page = column![
            row![
                button(text("← Agencies"))
                    .on_press(Message::Back)
                    .style(button::text),
                text(title).size(24)
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        ]
        .spacing(14);
        if let Some(b) = &self.banner {
            page = page.push(text(b.clone()).style(text::danger));
        }
        page = page.push(self.details_view());
        if let Some(d) = &self.detail {
            page = page.push(self.request_view());
            if !d.agreements.is_empty() {
                let tabs = row(d.agreements.iter().enumerate().map(|(i, a)| {
                    button(text(format!(
                        "{} · {} · {}",
                        a.agreement.model.label(),
                        a.agreement.component,
                        a.agreement.status
                    )))
                    .on_press(Message::ShowAgreement(i))
                    .style(if i == self.shown {
                        button::primary
                    } else {
                        button::secondary
                    })
                    .into()
                }))
                .spacing(8);
                page = page.push(tabs);
            }
            if let Some(a) = self.agreement() {
                page = page.push(self.agreement_view(a));
            }
            page = page.push(history_view(d));
        }
        let body = scrollable(container(page).padding(iced::Padding {
            right: 16.0,
            ..iced::Padding::ZERO
        }))
        .height(Length::Fill);
        match &self.dialog {
            Some(dialog) => modal(
                body.into(),
                self.dialog_view(dialog),
                Message::CloseDecision,
            ),
            None => body.into(),
        }
    }

    fn details_view(&self) -> Element<'_, Message> {
        let e = &self.errors;
        let input =
            |placeholder: &'static str, value: &str, field: DetailField| -> Element<'_, Message> {
                text_input(placeholder, value)
                    .on_input(move |v| Message::Detail(field, v))
                    .padding(6)
                    .into()
            };
        let first = row![
            labelled(
                "State (code or name)",
                input("e.g. TX or Texas", &self.state, DetailField::State),
                error_for(e, "state")
            ),
            labelled(
                "Name",
                input("Agency name", &self.name, DetailField::Name),
                error_for(e, "name")
            ),
            labelled(
                "Type",
                pick_list(AgencyKind::ALL, self.kind, Message::Kind)
                    .placeholder("Choose a type")
                    .padding(6)
                    .width(Length::Fill)
                    .into(),
                error_for(e, "type"),
            ),
        ]
        .spacing(10);
        let second = row![
            labelled(
                "County",
                input("County", &self.county, DetailField::County),
                error_for(e, "county")
            ),
            labelled(
                "ORI",
                input("9 characters, e.g. TX1010000", &self.ori, DetailField::Ori),
                error_for(e, "ori")
            ),
            labelled(
                "Jail",
                pick_list(Jail::ALL, Some(self.jail), Message::Jail)
                    .padding(6)
                    .width(Length::Fill)
                    .into(),
                None
            ),
            labelled(
                "Contact",
                input("Name, phone, e-mail", &self.contact, DetailField::Contact),
                error_for(e, "contact")
            ),
        ]
        .spacing(10);
        card(
            column![
                heading("Details"),
                first,
                second,
                button(text(if self.detail.is_some() {
                    "Save details"
                } else {
                    "Create agency"
                }))
                .on_press(Message::SaveDetails)
                .style(button::primary),
            ]
            .spacing(10),
        )
    }

    fn request_view(&self) -> Element<'_, Message> {
        card(
            row![
                text("Record a request:"),
                pick_list(Model::ALL, Some(self.request_model), Message::RequestModel).padding(6),
                pick_list(
                    Component::ALL,
                    Some(self.request_component),
                    Message::RequestComponent
                )
                .padding(6),
                text("received on"),
                text_input("YYYY-MM-DD", &self.request_date)
                    .on_input(Message::RequestDate)
                    .padding(6)
                    .width(130),
                button(text("Record request"))
                    .on_press(Message::Request)
                    .style(button::secondary),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        )
    }

    fn agreement_view<'a>(&'a self, a: &'a AgreementDetail) -> Element<'a, Message> {
        let g = &a.agreement;
        let unmet = a
            .checks
            .iter()
            .filter(|c| c.status.blocks_acceptance())
            .count();
        let facts = text(format!(
            "{} with {} · {} · requested {} · signed {} · MOA {}",
            g.model.label(),
            g.component,
            g.status,
            g.requested_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            g.signed_on
                .map(|d| d.to_string())
                .unwrap_or_else(|| "—".into()),
            match g.moa {
                Some(crate::domain::MoaPosting::Posted) => "posted",
                Some(crate::domain::MoaPosting::Pending) => "not yet posted",
                None => "—",
            }
        ));
        let lifecycle = column(a.lifecycle.iter().map(|c| {
            text(format!(
                "{}  {} → {}  by {}{}",
                c.on,
                c.from.map(|s| s.label()).unwrap_or("created"),
                c.to,
                c.by,
                c.note
                    .as_deref()
                    .map(|n| format!(" — {n}"))
                    .unwrap_or_default()
            ))
            .size(14)
            .into()
        }))
        .spacing(2);
        let checklist = column(a.checks.iter().map(|c| {
            row![
                badge(c.status),
                column![
                    text(c.title.clone()).size(14),
                    text(c.reason.clone()).size(13),
                    text(format!(
                        "{} · {} level · source: {}",
                        c.id, c.level, c.source
                    ))
                    .size(12)
                    .color(Color::from_rgb(0.45, 0.45, 0.45)),
                ]
                .spacing(1)
                .width(Length::Fill),
            ]
            .spacing(8)
            .into()
        }))
        .spacing(8);
        column![
            card(column![facts, heading("Lifecycle"), lifecycle].spacing(8)),
            card(
                column![
                    heading(format!(
                        "Requirement checklist: {unmet} of {} not met or unknown (catalogue version {})",
                        a.checks.len(),
                        a.catalogue_version
                    )),
                    checklist
                ]
                .spacing(10)
            ),
            self.nominees_view(a),
            self.decisions_view(a),
        ]
        .spacing(14)
        .into()
    }

    fn nominees_view<'a>(&'a self, a: &'a AgreementDetail) -> Element<'a, Message> {
        let mut list = Column::new().spacing(8);
        for n in &a.nominees {
            let d = &n.details;
            let issues: Vec<String> = a
                .checks
                .iter()
                .filter(|c| {
                    c.level == Level::Officer
                        && c.status.blocks_acceptance()
                        && c.reason.contains(&d.name)
                })
                .map(|c| format!("{}: {}", c.status, c.title))
                .collect();
            let summary = format!(
                "citizen {} · {} yrs · background {} · exams {} · certified {} · refresher {}",
                yes_no(d.us_citizen),
                d.years_experience
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into()),
                d.background,
                if d.exam_scores.is_empty() {
                    "—".into()
                } else {
                    d.exam_scores
                        .iter()
                        .map(|s| format!("{s}%"))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                d.certified_on
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "—".into()),
                d.last_refresher
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "—".into()),
            );
            let mut entry = column![
                row![
                    text(d.name.clone()).size(16).width(Length::Fill),
                    button(text("Edit"))
                        .on_press(Message::EditNominee(n.id))
                        .style(button::secondary),
                    button(text("Remove"))
                        .on_press(Message::AskRemove(n.id))
                        .style(button::danger),
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                text(summary).size(13),
            ]
            .spacing(2);
            entry = entry.push(if issues.is_empty() {
                text("All officer-level requirements met")
                    .size(13)
                    .style(text::success)
            } else {
                text(issues.join(" · ")).size(13).style(text::danger)
            });
            if self.removing == Some(n.id) {
                entry = entry.push(
                    row![
                        text(format!(
                            "Remove {}? The history keeps what was recorded.",
                            d.name
                        )),
                        button(text("Remove nominee"))
                            .on_press(Message::ConfirmRemove)
                            .style(button::danger),
                        button(text("Keep"))
                            .on_press(Message::CancelRemove)
                            .style(button::secondary),
                    ]
                    .spacing(8)
                    .align_y(Alignment::Center),
                );
            }
            list = list.push(entry);
        }
        let mut section =
            column![heading(format!("Nominees ({})", a.nominees.len())), list].spacing(10);
        match &self.nominee {
            Some((id, form, errors)) => {
                section = section.push(nominee_form(id.is_some(), form, errors))
            }
            None => {
                section = section.push(
                    button(text("Add nominee"))
                        .on_press(Message::NewNominee)
                        .style(button::secondary),
                )
            }
        }
        card(section)
    }

    fn decisions_view<'a>(&'a self, a: &'a AgreementDetail) -> Element<'a, Message> {
        let list = column(a.decisions.iter().map(|d| {
            let mut line = format!(
                "{}  {} {} — {}{}  (catalogue v{}, recorded by {})",
                d.draft.decided_on,
                d.draft.component,
                d.draft.outcome,
                d.draft.official,
                d.draft
                    .grounds
                    .as_deref()
                    .map(|g| format!("; grounds: {g}"))
                    .unwrap_or_default(),
                d.catalogue_version,
                d.recorded_by
            );
            if let Some(o) = &d.draft.override_justification {
                line.push_str(&format!(
                    "\n    Override: {o} (waives {})",
                    d.waived.join(", ")
                ));
            }
            text(line).size(14).into()
        }))
        .spacing(6);
        card(
            column![
                heading(format!("Decisions ({})", a.decisions.len())),
                list,
                button(text("Record decision…"))
                    .on_press(Message::OpenDecision)
                    .style(button::primary),
            ]
            .spacing(10),
        )
    }

    fn dialog_view<'a>(&'a self, d: &'a DecisionDialog) -> Element<'a, Message> {
        let agency = self
            .detail
            .as_ref()
            .map(|x| x.agency.details.name.as_str())
            .unwrap_or("");
        let model = self
            .detail
            .as_ref()
            .and_then(|x| x.agreements.get(d.agreement))
            .map(|a| a.agreement.model.label())
            .unwrap_or("");
        let input = |placeholder: &'static str,
                     value: &'a str,
                     field: DecisionField|
         -> Element<'a, Message> {
            text_input(placeholder, value)
                .on_input(move |v| Message::Decision(field, v))
                .padding(6)
                .into()
        };
        let mut body = column![
            text("Record a decision").size(20),
            row![
                labelled(
                    "Component",
                    pick_list(
                        Component::ALL,
                        Some(d.component),
                        Message::DecisionComponent
                    )
                    .padding(6)
                    .width(Length::Fill)
                    .into(),
                    None
                ),
                labelled(
                    "Outcome",
                    pick_list(Outcome::ALL, Some(d.outcome), Message::DecisionOutcome)
                        .padding(6)
                        .width(Length::Fill)
                        .into(),
                    None
                ),
                labelled(
                    "Date",
                    input("YYYY-MM-DD", &d.date, DecisionField::Date),
                    None
                ),
            ]
            .spacing(10),
            row![
                labelled(
                    "Official's name",
                    input("e.g. R. Jones", &d.name, DecisionField::Name),
                    None
                ),
                labelled(
                    "Official's title",
                    input(
                        "e.g. ERO Assistant Director",
                        &d.title,
                        DecisionField::Title
                    ),
                    None
                ),
            ]
            .spacing(10),
            labelled(
                "Grounds",
                input("why", &d.grounds, DecisionField::Grounds),
                None
            ),
        ]
        .spacing(10);
        let unmet = self.unmet();
        if d.outcome == Outcome::Accepted && !unmet.is_empty() {
            body = body.push(
                text(format!(
                    "{} requirement(s) are not met or unknown:",
                    unmet.len()
                ))
                .style(text::danger),
            );
            for c in &unmet {
                body =
                    body.push(text(format!("• {} ({}): {}", c.title, c.status, c.reason)).size(13));
            }
            body = body.push(labelled(
                "Written override justification (required to accept)",
                input(
                    "why the services are accepted nonetheless",
                    &d.justification,
                    DecisionField::Justification,
                ),
                None,
            ));
        }
        let draft = self.draft();
        match &draft {
            Ok(dr) => {
                let mut what = format!(
                    "{} {} the services of {agency} under the {model} on {} ({}). The agreement becomes {}.",
                    dr.component,
                    dr.outcome.to_string().to_lowercase(),
                    dr.decided_on,
                    dr.official,
                    dr.outcome.resulting_status()
                );
                if dr.override_justification.is_some() {
                    what.push_str(&format!(
                        " {} requirement(s) are waived by the override: {}.",
                        unmet.len(),
                        unmet
                            .iter()
                            .map(|c| c.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                body = body.push(text(format!("Will record: {what}")).size(14));
            }
            Err(why) if !why.is_empty() => {
                body = body.push(text(why.clone()).size(14).style(text::warning))
            }
            Err(_) => {}
        }
        if let Some(r) = &d.refusal {
            body = body.push(text(r.clone()).style(text::danger));
        }
        body = body.push(
            row![
                button(text("Record this decision"))
                    .on_press_maybe(draft.is_ok().then_some(Message::ConfirmDecision))
                    .style(button::primary),
                button(text("Cancel"))
                    .on_press(Message::CloseDecision)
                    .style(button::secondary),
            ]
            .spacing(8),
        );
        container(scrollable(body))
            .padding(20)
            .max_width(760)
            .style(container::rounded_box)
            .into()
    }
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "?",
    }
}

fn nominee_form<'a>(
    editing: bool,
    form: &'a NomineeForm,
    errors: &'a [ValidationError],
) -> Element<'a, Message> {
    let mut grid = Column::new().spacing(8);
    for pair in NomineeField::ALL.chunks(3) {
        grid = grid.push(
            row(pair.iter().map(|(field, key, label, placeholder)| {
                let field = *field;
                labelled(
                    label,
                    text_input(placeholder, field.get(form))
                        .on_input(move |v| Message::Nominee(field, v))
                        .padding(6)
                        .into(),
                    error_for(errors, key),
                )
            }))
            .spacing(10),
        );
    }
    container(
        column![
            text(if editing {
                "Edit nominee"
            } else {
                "New nominee"
            })
            .size(16),
            grid,
            row![
                button(text("Save nominee"))
                    .on_press(Message::SaveNominee)
                    .style(button::primary),
                button(text("Cancel"))
                    .on_press(Message::CancelNominee)
                    .style(button::secondary),
            ]
            .spacing(8),
        ]
        .spacing(10),
    )
    .padding(10)
    .style(container::bordered_box)
    .into()
}

fn history_view(d: &AgencyDetail) -> Element<'_, Message> {
    let entries = column(d.history.iter().map(|e| {
        text(format!(
            "{}  {}  {} {} {}: {}",
            e.at.chars().take(19).collect::<String>().replace('T', " "),
            e.who,
            e.entity,
            e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
            e.action,
            changes(&e.changes)
        ))
        .size(13)
        .into()
    }))
    .spacing(3);
    card(
        column![
            heading(format!("History (newest first, {} shown)", d.history.len())),
            rule::horizontal(1),
            entries
        ]
        .spacing(8),
    )
}

/// `{field: [old, new]}` as "field: old → new"; anything else as compact JSON.
fn changes(v: &serde_json::Value) -> String {
    let Some(map) = v.as_object() else {
        return v.to_string();
    };
    map.iter()
        .map(|(k, x)| match x.as_array().map(Vec::as_slice) {
            Some([old, new]) => format!("{k}: {} → {}", short(old), short(new)),
            _ => format!("{k}: {}", short(x)),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn short(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A dialog over the page: clicks outside it close it, nothing beneath it is reachable.
fn modal<'a>(
    base: Element<'a, Message>,
    dialog: Element<'a, Message>,
    on_blur: Message,
) -> Element<'a, Message> {
    stack![
        base,
        opaque(
            mouse_area(center(opaque(dialog)).style(|_theme| {
                container::Style {
                    background: Some(
                        Color {
                            a: 0.7,
                            ..Color::BLACK
                        }
                        .into(),
                    ),
                    ..container::Style::default()
                }
            }))
            .on_press(on_blur)
        )
    ]
    .into()
}
