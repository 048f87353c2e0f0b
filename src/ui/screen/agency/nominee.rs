//! The officers nominated under an agreement: each with the facts the requirements look at and
//! the officer-level requirements that officer does not meet yet; a form to add or change one,
//! validated by the core ([`NomineeForm::validate`]); removal after a confirmation.

use iced::widget::{Column, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{
    Answer, BODY, SMALL, badge, card, error_for, form_frame, heading, labelled, quiet,
    save_or_cancel,
};
use crate::domain::calendar::DeadlineKind;
use crate::domain::terms::Term;
use crate::domain::{
    AgreementId, Background, CheckStatus, Level, Nominee, NomineeForm, NomineeId, RequirementCheck,
    ValidationError, parse_date,
};
use crate::registry::AgreementDetail;
use crate::ui::choices::Choices;
use crate::ui::screen::parts::confirm_row;

/// The id of the name field of the nominee form.
pub const NAME_ID: &str = "nominee-name";

/// The widget id of a field of the nominee form: several share the placeholder "YYYY-MM-DD", so
/// a test reaches one by its id. The name field's is [`NAME_ID`].
pub fn field_id(field: NomineeField) -> String {
    format!("nominee-{}", field.key())
}

/// A field of the nominee form.
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
    /// Date (kept for records entered before the authorization date was).
    AuthorizationExpires,
    /// Date.
    LastRefresher,
    /// Date of the authorization (the Task Force authorization runs two years from it).
    AuthorizedOn,
    /// Date.
    CredentialsIssuedOn,
    /// Date.
    CredentialsReturnedOn,
    /// Date the officer leaves 287(g) duties.
    LeavesOn,
    /// Date ICE was told of the leaving.
    LeavingReportedOn,
}

impl NomineeField {
    /// The key [`NomineeForm::validate`] names the field by.
    fn key(self) -> &'static str {
        match self {
            NomineeField::Name => "name",
            NomineeField::UsCitizen => "us_citizen",
            NomineeField::Experience => "years_experience",
            NomineeField::Background => "background",
            NomineeField::BackgroundOn => "background_on",
            NomineeField::Discipline => "pending_discipline",
            NomineeField::Clearance => "clearance_eligible",
            NomineeField::Course => "course",
            NomineeField::TrainingCompleted => "training_completed",
            NomineeField::ExamScores => "exam_scores",
            NomineeField::CertifiedOn => "certified_on",
            NomineeField::AuthorizationExpires => "authorization_expires",
            NomineeField::LastRefresher => "last_refresher",
            NomineeField::AuthorizedOn => "authorized_on",
            NomineeField::CredentialsIssuedOn => "credentials_issued_on",
            NomineeField::CredentialsReturnedOn => "credentials_returned_on",
            NomineeField::LeavesOn => "leaves_on",
            NomineeField::LeavingReportedOn => "leaving_reported_on",
        }
    }

    fn label(self) -> &'static str {
        match self {
            NomineeField::Name => "Name",
            NomineeField::UsCitizen => "U.S. citizen",
            NomineeField::Experience => "Years of law enforcement experience",
            NomineeField::Background => "Background investigation",
            NomineeField::BackgroundOn => "Background result (or submitted) on",
            NomineeField::Discipline => "Disciplinary action pending",
            NomineeField::Clearance => "Eligible for federal security clearance",
            NomineeField::Course => "Training course",
            NomineeField::TrainingCompleted => "Training completed on",
            NomineeField::ExamScores => "Exam scores (%), in order",
            NomineeField::CertifiedOn => "Certified on",
            NomineeField::AuthorizationExpires => "Authorization expires on (earlier record)",
            NomineeField::LastRefresher => "Last refresher training on",
            NomineeField::AuthorizedOn => "Authorized on",
            NomineeField::CredentialsIssuedOn => "Credentials issued on",
            NomineeField::CredentialsReturnedOn => "Credentials returned on",
            NomineeField::LeavesOn => "Leaves 287(g) duties on",
            NomineeField::LeavingReportedOn => "ICE told of leaving on",
        }
    }

    fn placeholder(self) -> &'static str {
        match self {
            NomineeField::Name => "e.g. Jane Smith",
            NomineeField::Experience => "e.g. 4.5",
            NomineeField::Course => "e.g. TFM basic, online",
            NomineeField::ExamScores => "e.g. 65, 82",
            _ => "YYYY-MM-DD",
        }
    }

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
            NomineeField::AuthorizedOn => &mut f.authorized_on,
            NomineeField::CredentialsIssuedOn => &mut f.credentials_issued_on,
            NomineeField::CredentialsReturnedOn => &mut f.credentials_returned_on,
            NomineeField::LeavesOn => &mut f.leaves_on,
            NomineeField::LeavingReportedOn => &mut f.leaving_reported_on,
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
            NomineeField::AuthorizedOn => &f.authorized_on,
            NomineeField::CredentialsIssuedOn => &f.credentials_issued_on,
            NomineeField::CredentialsReturnedOn => &f.credentials_returned_on,
            NomineeField::LeavesOn => &f.leaves_on,
            NomineeField::LeavingReportedOn => &f.leaving_reported_on,
        }
    }
}

/// The form's rows: who, the screening, training, certification and authorization, then the
/// credentials and the officer's leaving.
const ROWS: [&[NomineeField]; 5] = [
    &[
        NomineeField::Name,
        NomineeField::UsCitizen,
        NomineeField::Experience,
    ],
    &[
        NomineeField::Background,
        NomineeField::BackgroundOn,
        NomineeField::Discipline,
        NomineeField::Clearance,
    ],
    &[
        NomineeField::Course,
        NomineeField::TrainingCompleted,
        NomineeField::ExamScores,
    ],
    &[
        NomineeField::CertifiedOn,
        NomineeField::AuthorizedOn,
        NomineeField::AuthorizationExpires,
        NomineeField::LastRefresher,
    ],
    &[
        NomineeField::CredentialsIssuedOn,
        NomineeField::CredentialsReturnedOn,
        NomineeField::LeavesOn,
        NomineeField::LeavingReportedOn,
    ],
];

/// An open nominee form.
#[derive(Debug, Clone)]
pub(super) struct NomineeEditor {
    /// The agreement the officer is (to be) nominated under.
    pub agreement: AgreementId,
    /// The nominee changed, or `None` for a new one.
    pub id: Option<NomineeId>,
    /// What was typed.
    pub form: NomineeForm,
    /// The form as it was opened, to tell whether closing it would lose anything.
    opened_with: NomineeForm,
    /// The problems of the last save, each shown beside its field.
    pub errors: Vec<ValidationError>,
    menus: Menus,
    /// The nominee's version when the form was opened: its save is refused if someone
    /// changed the nominee since.
    pub seen: i64,
}

/// The form's drop-downs, one each (so that what is typed in one does not show in another):
/// combo boxes, which Tab reaches and typing chooses in.
#[derive(Debug, Clone)]
struct Menus {
    us_citizen: Choices<Answer>,
    discipline: Choices<Answer>,
    clearance: Choices<Answer>,
    background: Choices<Background>,
}

impl Default for Menus {
    fn default() -> Self {
        Menus {
            us_citizen: Choices::new(Answer::ALL),
            discipline: Choices::new(Answer::ALL),
            clearance: Choices::new(Answer::ALL),
            background: Choices::new(Background::ALL),
        }
    }
}

impl NomineeEditor {
    /// An empty form for a new nominee.
    pub fn new(agreement: AgreementId) -> NomineeEditor {
        NomineeEditor {
            agreement,
            id: None,
            form: NomineeForm::default(),
            opened_with: NomineeForm::default(),
            errors: Vec::new(),
            menus: Menus::default(),
            seen: 0,
        }
    }

    /// The form filled with a nominee's recorded facts.
    pub fn edit(n: &Nominee) -> NomineeEditor {
        NomineeEditor {
            agreement: n.agreement_id,
            id: Some(n.id),
            form: NomineeForm::from_details(&n.details),
            opened_with: NomineeForm::from_details(&n.details),
            errors: Vec::new(),
            menus: Menus::default(),
            seen: 0,
        }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn changed(&self) -> bool {
        self.form != self.opened_with
    }

    /// Takes what was typed or chosen in a field.
    pub fn set(&mut self, field: NomineeField, value: String) {
        *field.slot(&mut self.form) = value;
        self.errors.retain(|e| e.field != field.key());
    }

    /// Whether the form shows the end date of an authorization typed before g287 kept the
    /// authorization's own date: only for a nominee who has one, so that a new record is
    /// always made from the date the authorization was given.
    fn shows_legacy_expiry(&self) -> bool {
        !self.opened_with.authorization_expires.trim().is_empty()
            || !self.form.authorization_expires.trim().is_empty()
    }

    /// The form; `authorization` is the MOA's term for how long an authorization runs, if the
    /// agreement's MOA has one.
    fn view(&self, authorization: Option<&Term>) -> Element<'_, Message> {
        let mut grid = Column::new().spacing(10);
        for fields in ROWS {
            grid = grid.push(
                row(fields
                    .iter()
                    .filter(|&&f| {
                        f != NomineeField::AuthorizationExpires || self.shows_legacy_expiry()
                    })
                    .map(|&field| {
                        let below = error_for(&self.errors, field.key()).or_else(|| {
                            (field == NomineeField::AuthorizedOn)
                                .then(|| self.authorization_runs_to(authorization))
                                .flatten()
                        });
                        labelled(field.label(), self.input(field), below)
                    }))
                .spacing(12),
            );
        }
        form_frame(
            column![
                text(match self.id {
                    Some(_) => "Change the nominee's facts",
                    None => "Nominate an officer",
                })
                .size(16),
                quiet("Leave what is not known yet empty: the checklist then says “no record”, never guesses."),
                grid,
                save_or_cancel("Save nominee", Message::SaveNominee, Message::CancelNominee),
            ]
            .spacing(10),
        )
    }

    /// Under the authorization date: until when the authorization runs, by the MOA's term.
    fn authorization_runs_to<'a>(&self, term: Option<&Term>) -> Option<Element<'a, Message>> {
        let term = term?;
        let said = match parse_date(&self.form.authorized_on) {
            Some(on) => format!("runs to {} ({})", term.due(on), term.wording),
            None => format!("runs {}", term.wording),
        };
        Some(quiet(said).into())
    }

    fn input(&self, field: NomineeField) -> Element<'_, Message> {
        let value = field.get(&self.form);
        match field {
            NomineeField::UsCitizen | NomineeField::Discipline | NomineeField::Clearance => {
                let menu = match field {
                    NomineeField::UsCitizen => &self.menus.us_citizen,
                    NomineeField::Discipline => &self.menus.discipline,
                    _ => &self.menus.clearance,
                };
                menu.view(
                    "Not known",
                    Some(&Answer::from_form(value)),
                    move |a: Answer| Message::Nominee(field, a.form_text().to_string()),
                )
                .width(Length::Fill)
                .into()
            }
            NomineeField::Background => self
                .menus
                .background
                .view(
                    "Not known",
                    Some(&Background::parse(value).unwrap_or_default()),
                    move |b: Background| Message::Nominee(field, b.code().to_string()),
                )
                .width(Length::Fill)
                .into(),
            _ => text_input(field.placeholder(), value)
                .style(crate::ui::choices::field)
                .id(field_id(field))
                .on_input(move |v| Message::Nominee(field, v))
                .on_submit(Message::SaveNominee)
                .padding(6)
                .into(),
        }
    }
}

/// The nominees section of an agreement.
pub(super) fn view<'a>(
    a: &'a AgreementDetail,
    editor: Option<&'a NomineeEditor>,
    removing: Option<NomineeId>,
) -> Element<'a, Message> {
    let editor = editor.filter(|e| e.agreement == a.agreement.id);
    let authorization = a.term(DeadlineKind::AuthorizationExpiry, None);
    let mut list = Column::new().spacing(10);
    for n in &a.nominees {
        if let Some(e) = editor.filter(|e| e.id == Some(n.id)) {
            list = list.push(e.view(authorization));
        } else {
            list = list.push(entry(a, n, authorization, removing == Some(n.id)));
        }
    }
    let mut header = row![
        heading(format!("Nominated officers ({})", a.nominees.len())),
        iced::widget::space::horizontal(),
    ]
    .spacing(12)
    .align_y(Alignment::Center);
    if editor.is_none() {
        // Buttons take no focus in iced 0.14: the key that does the same is said on hover.
        header = header.push(iced::widget::tooltip(
            button(text("Add nominee"))
                .on_press(Message::NewNominee)
                .style(button::secondary)
                .padding([6, 16]),
            container(text("Alt+N").size(SMALL))
                .padding([4, 8])
                .style(container::rounded_box),
            iced::widget::tooltip::Position::Bottom,
        ));
    }
    let mut section = column![header].spacing(10);
    if a.nominees.is_empty() && editor.is_none() {
        section = section.push(text("No officer nominated yet.").size(BODY));
    }
    section = section.push(list);
    if let Some(e) = editor.filter(|e| e.id.is_none()) {
        section = section.push(e.view(authorization));
    }
    card(section)
}

/// One nominee: name, key facts, and what the officer-level requirements say of this officer.
fn entry<'a>(
    a: &'a AgreementDetail,
    n: &'a Nominee,
    authorization: Option<&Term>,
    removing: bool,
) -> Element<'a, Message> {
    let d = &n.details;
    let mut block = column![
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
        text(facts(n, authorization)).size(SMALL),
    ]
    .spacing(4);
    let findings = officer_findings(&a.checks, n.id);
    if findings.is_empty() {
        block = block.push(
            text("Officer-level requirements: nothing missing for this officer")
                .size(SMALL)
                .style(text::success),
        );
    } else {
        for (status, title) in findings {
            block = block.push(
                row![badge(status), text(title).size(SMALL)]
                    .spacing(8)
                    .align_y(Alignment::Center),
            );
        }
    }
    if removing {
        block = block.push(confirm_row(
            text(format!(
                "Remove {} from this agreement? The history keeps what was recorded.",
                d.name
            ))
            .size(BODY)
            .style(text::danger),
            ("Remove nominee", Message::ConfirmRemove),
            ("Keep", Message::CancelRemove),
            None,
        ));
    }
    container(block)
        .padding(10)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}

/// The facts the requirements look at, in one line; a dash where nothing is recorded. The
/// credentials and the leaving are named only once recorded: most officers have neither yet.
fn facts(n: &Nominee, authorization: Option<&Term>) -> String {
    let d = &n.details;
    let date =
        |x: Option<chrono::NaiveDate>| x.map(|x| x.to_string()).unwrap_or_else(|| "—".into());
    let yes_no = |x: Option<bool>| match x {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    };
    let background = match d.background_on {
        Some(on) => format!("{} ({on})", d.background),
        None => d.background.to_string(),
    };
    let exams = d.exams_in_words();
    // The end the checklist counts from: the term from the authorization date, else the end
    // entered before g287 kept that date.
    let runs_to = match (d.authorized_on, authorization) {
        (Some(on), Some(term)) => Some(term.due(on)),
        _ => d.authorization_expires,
    };
    let authorized = match (d.authorized_on, runs_to) {
        (Some(on), Some(to)) => format!("{on} (until {to})"),
        (Some(on), None) => on.to_string(),
        (None, Some(to)) => format!("until {to}"),
        (None, None) => "—".into(),
    };
    let mut line = format!(
        "U.S. citizen: {} · experience: {} · background: {background} · discipline pending: {} · clearance eligible: {} · exams: {exams} · certified: {} · authorized: {authorized} · last refresher: {}",
        yes_no(d.us_citizen),
        d.years_experience
            .map(|y| format!("{y} years"))
            .unwrap_or_else(|| "—".into()),
        yes_no(d.pending_discipline),
        yes_no(d.clearance_eligible),
        date(d.certified_on),
        date(d.last_refresher),
    );
    for (label, value) in [
        ("credentials issued", d.credentials_issued_on),
        ("credentials returned", d.credentials_returned_on),
        ("leaves 287(g) duties", d.leaves_on),
        ("ICE told of leaving", d.leaving_reported_on),
    ] {
        if let Some(v) = value {
            line.push_str(&format!(" · {label}: {v}"));
        }
    }
    line
}

/// The officer-level requirements this nominee does not meet, or lacks the facts for, or had
/// waived, each with what it means for this officer.
///
/// The checklist is per agreement; each officer-level result names, by id, the nominees who
/// fail it and those whose facts are missing, so one officer's standing is read from it (with
/// the catalogue's current thresholds) rather than re-evaluated here with rules the screen
/// does not have, or read from the wording of the reason.
pub(super) fn officer_findings(
    checks: &[RequirementCheck],
    nominee: NomineeId,
) -> Vec<(CheckStatus, &str)> {
    checks
        .iter()
        .filter(|c| c.level == Level::Officer)
        .filter_map(|c| {
            let fails = c.officers.as_ref()?.of(nominee)?;
            let status = match (c.status, fails) {
                (CheckStatus::Met | CheckStatus::NotYetDue, _) => return None,
                (CheckStatus::Waived, _) => CheckStatus::Waived,
                (status, true) => status,
                (_, false) => CheckStatus::NoRecord,
            };
            Some((status, &*c.title))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Phase;

    fn check(
        status: CheckStatus,
        failing: &[NomineeId],
        missing: &[NomineeId],
    ) -> RequirementCheck {
        RequirementCheck {
            id: "officer.background".into(),
            title: "Each nominee passed ICE's background investigation".into(),
            level: Level::Officer,
            phase: Phase::Request,
            source: "".into(),
            status,
            // The wording is not read: only the nominees named by id count.
            reason: "Ann Lee, Bo".into(),
            recordable: false,
            officers: Some(Box::new(crate::domain::check::Officers {
                failing: failing.to_vec(),
                missing: missing.to_vec(),
            })),
        }
    }

    #[test]
    fn the_old_end_of_authorization_is_asked_only_of_a_nominee_who_has_one() {
        let mut n = Nominee {
            id: NomineeId(1),
            agreement_id: AgreementId(2),
            details: crate::domain::NomineeDetails {
                name: "A. Lee".into(),
                ..Default::default()
            },
        };
        assert!(!NomineeEditor::new(AgreementId(2)).shows_legacy_expiry());
        assert!(!NomineeEditor::edit(&n).shows_legacy_expiry());
        n.details.authorization_expires = Some("2025-01-31".parse().unwrap());
        let mut editor = NomineeEditor::edit(&n);
        assert!(editor.shows_legacy_expiry());
        // Emptying it keeps the field in view until saved: it is where the coordinator typed.
        editor.set(NomineeField::AuthorizationExpires, String::new());
        assert!(editor.shows_legacy_expiry());
    }

    #[test]
    fn each_officer_is_told_apart_from_the_others_by_id() {
        // Ann Lee (1) fails it; the facts of Bo (2) and Ann Leeds (3) are missing.
        let checks = [check(
            CheckStatus::NotMet,
            &[NomineeId(1)],
            &[NomineeId(2), NomineeId(3)],
        )];
        let status = |id| officer_findings(&checks, id).first().map(|f| f.0);
        assert_eq!(status(NomineeId(1)), Some(CheckStatus::NotMet));
        assert_eq!(status(NomineeId(3)), Some(CheckStatus::NoRecord));
        assert_eq!(status(NomineeId(2)), Some(CheckStatus::NoRecord));
        assert_eq!(status(NomineeId(4)), None, "a nominee it does not name");
    }

    #[test]
    fn an_unknown_or_waived_check_names_its_officers_too() {
        let unknown = [check(CheckStatus::NoRecord, &[], &[NomineeId(7)])];
        assert_eq!(
            officer_findings(&unknown, NomineeId(7))[0].0,
            CheckStatus::NoRecord
        );
        assert!(officer_findings(&unknown, NomineeId(8)).is_empty());
        let waived = [check(CheckStatus::Waived, &[], &[NomineeId(7)])];
        assert_eq!(
            officer_findings(&waived, NomineeId(7))[0].0,
            CheckStatus::Waived
        );
        assert!(officer_findings(&waived, NomineeId(8)).is_empty());
        let met = [RequirementCheck {
            status: CheckStatus::Met,
            officers: None,
            ..check(CheckStatus::Met, &[], &[])
        }];
        assert!(officer_findings(&met, NomineeId(7)).is_empty());
    }
}
