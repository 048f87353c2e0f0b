//! Oversight of an agreement: meetings with the Field Office Director, complaints and notices of
//! termination. These are the records the compliance calendar counts its deadlines from, so
//! each shows what it still owes (ICE told, resolved, the day the agreement ends).

use chrono::NaiveDate;
use iced::widget::{Column, button, column, row, rule, text, text_input};
use iced::{Alignment, Element, Length};

use super::widgets::{BODY, card, error_for, heading, labelled, quiet, save_or_cancel};
use super::{Edit, Message};
use crate::domain::calendar::DeadlineKind;
use crate::domain::{
    AgreementId, Complaint, ComplaintDetails, ComplaintId, NoticeParty, ValidationError, parse_date,
};
use crate::registry::AgreementDetail;
use crate::registry::RegistryError;
use crate::ui::choices::Choices;

/// The fields of the oversight forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OversightField {
    /// The day a meeting was held.
    MeetingDate,
    /// What the meeting covered.
    MeetingNote,
    /// The day a complaint was received.
    Received,
    /// What the complaint is about.
    Summary,
    /// The day ICE was told.
    IceTold,
    /// The day it was resolved.
    Resolved,
    /// How it was resolved.
    Resolution,
    /// The day the complaint's results were reported to ICE.
    ResultsReported,
    /// The day notice of termination was given.
    NoticeDate,
    /// Why, or the letter's reference.
    NoticeNote,
}

/// A complaint being recorded or updated, as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ComplaintEditor {
    id: Option<ComplaintId>,
    received: String,
    summary: String,
    told: String,
    resolved: String,
    resolution: String,
    results_reported: String,
    errors: Vec<ValidationError>,
    /// The six fields as the form opened, to tell whether closing it would lose anything.
    opened_with: [String; 6],
    /// The complaint's version when the form was opened: its save is refused if someone
    /// changed it since.
    pub(super) seen: i64,
}

impl ComplaintEditor {
    /// A form holding these six fields (received, summary, ICE told, resolved, resolution,
    /// results reported), remembered as the ones it opened with.
    fn open(id: Option<ComplaintId>, fields: [String; 6]) -> ComplaintEditor {
        let [
            received,
            summary,
            told,
            resolved,
            resolution,
            results_reported,
        ] = fields.clone();
        ComplaintEditor {
            id,
            received,
            summary,
            told,
            resolved,
            resolution,
            results_reported,
            errors: Vec::new(),
            opened_with: fields,
            seen: 0,
        }
    }

    fn typed(&self) -> [&str; 6] {
        [
            &self.received,
            &self.summary,
            &self.told,
            &self.resolved,
            &self.resolution,
            &self.results_reported,
        ]
    }

    fn changed(&self) -> bool {
        self.typed() != self.opened_with.each_ref().map(String::as_str)
    }
}

/// What is typed in the oversight forms of the agreement in view.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct OversightForms {
    meeting_date: String,
    meeting_note: String,
    pub(super) meeting_error: Option<String>,
    pub(super) complaint: Option<ComplaintEditor>,
    notice_date: String,
    pub(super) notice_party: NoticeParty,
    notice_note: String,
    pub(super) notice_error: Option<String>,
    /// Who gave notice, as a combo box (Tab reaches it, typing chooses).
    notice_parties: Choices<NoticeParty>,
    /// Today, against which a complaint's deadlines are marked overdue.
    today: NaiveDate,
}

/// An optional date field: blank is "not yet", anything else must be a date.
fn optional_date(
    field: &'static str,
    raw: &str,
    errors: &mut Vec<ValidationError>,
) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        return None;
    }
    let parsed = parse_date(raw);
    if parsed.is_none() {
        errors.push(ValidationError::new(
            field,
            raw,
            "not a date: give YYYY-MM-DD",
        ));
    }
    parsed
}

fn optional_text(raw: &str) -> Option<String> {
    Some(raw.trim().to_string()).filter(|t| !t.is_empty())
}

impl OversightForms {
    /// Empty forms, dated today where a date is usual.
    pub(super) fn new(today: NaiveDate) -> OversightForms {
        OversightForms {
            meeting_date: today.to_string(),
            meeting_note: String::new(),
            meeting_error: None,
            complaint: None,
            notice_date: today.to_string(),
            notice_party: NoticeParty::Agency,
            notice_note: String::new(),
            notice_error: None,
            notice_parties: Choices::new(NoticeParty::ALL),
            today,
        }
    }

    pub(super) fn set(&mut self, field: OversightField, value: String) {
        use OversightField as F;
        match field {
            F::MeetingDate => self.meeting_date = value,
            F::MeetingNote => self.meeting_note = value,
            F::NoticeDate => self.notice_date = value,
            F::NoticeNote => self.notice_note = value,
            _ => {
                if let Some(c) = &mut self.complaint {
                    let slot = match field {
                        F::Received => &mut c.received,
                        F::Summary => &mut c.summary,
                        F::IceTold => &mut c.told,
                        F::Resolved => &mut c.resolved,
                        F::ResultsReported => &mut c.results_reported,
                        _ => &mut c.resolution,
                    };
                    *slot = value;
                    c.errors.clear();
                }
            }
        }
        match field {
            F::MeetingDate | F::MeetingNote => self.meeting_error = None,
            F::NoticeDate | F::NoticeNote => self.notice_error = None,
            _ => {}
        }
    }

    pub(super) fn new_complaint(&mut self) {
        let received = self.meeting_date.clone();
        self.complaint = Some(ComplaintEditor::open(
            None,
            [
                received,
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        ));
    }

    pub(super) fn edit_complaint(&mut self, c: &Complaint) {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        self.complaint = Some(ComplaintEditor::open(
            Some(c.id),
            [
                date(c.details.received_on),
                c.details.summary.clone(),
                date(c.details.ice_told_on),
                date(c.details.resolved_on),
                c.details.resolution.clone().unwrap_or_default(),
                date(c.details.results_reported_on),
            ],
        ));
    }

    /// Which form holds typing not yet recorded, if any: what leaving would lose.
    pub(super) fn unsaved(&self, today: NaiveDate) -> Option<&'static str> {
        let today = today.to_string();
        if self
            .complaint
            .as_ref()
            .is_some_and(ComplaintEditor::changed)
        {
            Some("the complaint form")
        } else if !self.meeting_note.trim().is_empty() || self.meeting_date != today {
            Some("the meeting form")
        } else if !self.notice_note.trim().is_empty()
            || self.notice_date != today
            || self.notice_party != NoticeParty::Agency
        {
            Some("the notice of termination form")
        } else {
            None
        }
    }

    /// Whether an open complaint form holds changes that opening another would lose.
    pub(super) fn complaint_changed(&self) -> bool {
        self.complaint
            .as_ref()
            .is_some_and(ComplaintEditor::changed)
    }

    pub(super) fn complaint_refused(&mut self, e: RegistryError) {
        if let Some(c) = &mut self.complaint {
            c.errors = match e.invalid() {
                Some(errors) => errors.to_vec(),
                None => vec![ValidationError::new("complaint", "", e.to_string())],
            };
        }
    }

    /// The meeting typed in, or why it cannot be recorded (shown under the form).
    pub(super) fn meeting(&mut self, agreement: AgreementId) -> Option<Edit> {
        let Some(held_on) = parse_date(&self.meeting_date) else {
            self.meeting_error = Some(format!(
                "{:?} is not a date: give the day the meeting was held as YYYY-MM-DD",
                self.meeting_date
            ));
            return None;
        };
        Some(Edit::Meeting {
            agreement,
            held_on,
            note: optional_text(&self.meeting_note),
        })
    }

    /// The complaint typed in, validated as the store will, or `None` with the errors shown
    /// beside their fields.
    pub(super) fn complaint(&mut self, agreement: AgreementId) -> Option<Edit> {
        let editor = self.complaint.as_mut()?;
        let mut errors = Vec::new();
        let received_on = optional_date("received_on", &editor.received, &mut errors);
        let details = ComplaintDetails {
            received_on,
            summary: editor.summary.trim().to_string(),
            ice_told_on: optional_date("ice_told_on", &editor.told, &mut errors),
            resolved_on: optional_date("resolved_on", &editor.resolved, &mut errors),
            resolution: optional_text(&editor.resolution),
            results_reported_on: optional_date(
                "results_reported_on",
                &editor.results_reported,
                &mut errors,
            ),
        };
        if let Err(more) = details.validate() {
            // A date that did not parse is reported once, as unreadable, not again as missing.
            let unreadable: Vec<&'static str> = errors.iter().map(|e| e.field).collect();
            errors.extend(more.into_iter().filter(|m| !unreadable.contains(&m.field)));
        }
        if !errors.is_empty() {
            editor.errors = errors;
            return None;
        }
        Some(Edit::Complaint {
            agreement,
            id: editor.id,
            details,
            seen: editor.id.map(|_| editor.seen),
        })
    }

    /// The notice typed in, or why it cannot be recorded.
    pub(super) fn notice(&mut self, agreement: AgreementId) -> Option<Edit> {
        let Some(given_on) = parse_date(&self.notice_date) else {
            self.notice_error = Some(format!(
                "{:?} is not a date: give the day notice was given as YYYY-MM-DD",
                self.notice_date
            ));
            return None;
        };
        Some(Edit::Notice {
            agreement,
            given_on,
            given_by: self.notice_party,
            note: optional_text(&self.notice_note),
        })
    }
}

/// The Oversight card of the agreement in view.
pub(super) fn view<'a>(a: &'a AgreementDetail, forms: &'a OversightForms) -> Element<'a, Message> {
    let field = |f: OversightField| move |v: String| Message::Oversight(f, v);

    let mut meetings = Column::new().spacing(4);
    if a.meetings.is_empty() {
        meetings = meetings.push(text("No oversight meeting recorded.").size(BODY));
    }
    for m in a.meetings.iter().rev() {
        meetings = meetings.push(text(format!("Held {m}")).size(BODY));
    }
    let mut meeting_form = column![
        row![
            text("Meeting held on").size(BODY),
            text_input("YYYY-MM-DD", &forms.meeting_date)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::MeetingDate))
                .padding(6)
                .width(130),
            text_input("What was reviewed (optional)", &forms.meeting_note)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::MeetingNote))
                .on_submit(Message::RecordMeeting)
                .padding(6),
            button(text("Record meeting"))
                .on_press(Message::RecordMeeting)
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
    ];
    if let Some(e) = &forms.meeting_error {
        meeting_form = meeting_form.push(text(e.as_str()).size(BODY).style(text::danger));
    }

    let mut complaints = Column::new().spacing(8);
    if a.complaints.is_empty() {
        complaints = complaints.push(text("No complaint recorded.").size(BODY));
    }
    for c in a.complaints.iter().rev() {
        complaints = complaints.push(complaint_row(a, c, forms.today));
    }
    let complaint_form: Element<'a, Message> = match &forms.complaint {
        Some(editor) => complaint_form(editor),
        None => button(text("Record complaint…"))
            .on_press(Message::NewComplaint)
            .style(button::secondary)
            .padding([6, 14])
            .into(),
    };

    let mut notices = Column::new().spacing(4);
    if a.notices.is_empty() {
        notices = notices.push(text("No notice of termination given.").size(BODY));
    }
    for n in &a.notices {
        notices = notices.push(
            text(format!(
                "{} gave notice on {}: the agreement ends {}{}",
                n.given_by,
                n.given_on,
                n.takes_effect(a.term(DeadlineKind::TerminationTakesEffect, Some(n.given_by)))
                    .map(|d| format!("on {d}"))
                    .unwrap_or_else(|| "when recorded (no term for this notice)".into()),
                n.note
                    .as_deref()
                    .map(|t| format!(" ({t})"))
                    .unwrap_or_default()
            ))
            .size(BODY),
        );
    }
    let mut notice_form = column![
        row![
            text("Notice of termination given on").size(BODY),
            text_input("YYYY-MM-DD", &forms.notice_date)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::NoticeDate))
                .padding(6)
                .width(130),
            text("by").size(BODY),
            forms
                .notice_parties
                .view(
                    "Type who",
                    Some(&forms.notice_party),
                    Message::NoticeGivenBy
                )
                .width(140),
            // Enter in the note records the notice, as in the meeting's row: buttons take no
            // focus in iced 0.14.
            text_input("Reason or letter (optional)", &forms.notice_note)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::NoticeNote))
                .on_submit(Message::RecordNotice)
                .padding(6),
            button(text("Record notice"))
                .on_press(Message::RecordNotice)
                .style(button::secondary)
                .padding([6, 14]),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
    ];
    if let Some(e) = &forms.notice_error {
        notice_form = notice_form.push(text(e.as_str()).size(BODY).style(text::danger));
    }

    card(
        column![
            // The card follows the agreement picked above; its heading says which, since an
            // agency may hold a Task Force and a Warrant Service agreement side by side.
            heading(format!(
                "Oversight of the {} agreement ({})",
                a.agreement.model.label(),
                a.agreement.component
            )),
            quiet(
                "Meetings, complaints and notices set the deadlines on the Calendar, under the terms of this model's MOA (see the Catalogue's terms)."
            ),
            text(format!("Meetings ({})", a.meetings.len())).size(16),
            meetings,
            meeting_form,
            rule::horizontal(1),
            text(format!("Complaints ({})", a.complaints.len())).size(16),
            complaints,
            complaint_form,
            rule::horizontal(1),
            text("Termination").size(16),
            notices,
            notice_form,
        ]
        .spacing(10),
    )
}

/// What of a complaint is overdue on `today`: ICE not told, results not reported, or no
/// resolution, each past the date a binding term of the model's MOA sets ("ICE told 3 days
/// late" is history, not overdue). Advisory terms are never overdue.
pub(super) fn complaint_overdue(
    a: &AgreementDetail,
    c: &Complaint,
    today: NaiveDate,
) -> Vec<String> {
    let d = &c.details;
    let binding = |kind| a.term(kind, None).filter(|t| t.binding);
    let mut late = Vec::new();
    if d.ice_told_on.is_none()
        && let Some(due) = d.ice_told_due(binding(DeadlineKind::ComplaintReported))
        && due < today
    {
        late.push(format!("ICE not told, due {due}"));
    }
    if d.resolved_on.is_none()
        && let Some(due) = d.resolution_due(binding(DeadlineKind::ComplaintResolved))
        && due < today
    {
        late.push(format!("not resolved, due {due}"));
    }
    if d.results_reported_on.is_none()
        && let Some(due) = d.results_due(binding(DeadlineKind::ComplaintResultsReported))
        && due < today
    {
        late.push(format!("results not reported to ICE, due {due}"));
    }
    late
}

fn complaint_row<'a>(
    a: &'a AgreementDetail,
    c: &'a Complaint,
    today: NaiveDate,
) -> Element<'a, Message> {
    let overdue = complaint_overdue(a, c, today);
    let d = &c.details;
    let told = match (
        d.ice_told_on,
        d.ice_told_due(a.term(DeadlineKind::ComplaintReported, None)),
    ) {
        (Some(on), Some(due)) if on > due => format!("ICE told {on} (late: due {due})"),
        (Some(on), _) => format!("ICE told {on}"),
        (None, Some(due)) => format!("ICE not told yet: due {due}"),
        (None, None) => "ICE not told yet".into(),
    };
    let results = match (
        d.results_reported_on,
        d.results_due(a.term(DeadlineKind::ComplaintResultsReported, None)),
    ) {
        (Some(on), _) => format!(" · results reported to ICE {on}"),
        (None, Some(due)) => format!(" · results not reported yet: due {due}"),
        (None, None) => String::new(),
    };
    let resolved = match (
        d.resolved_on,
        d.resolution_due(a.term(DeadlineKind::ComplaintResolved, None)),
    ) {
        (Some(on), _) => format!(
            "resolved {on}: {}{results}",
            d.resolution.as_deref().unwrap_or_default()
        ),
        (None, Some(due)) => format!("open: resolution due {due}"),
        (None, None) => "open".into(),
    };
    row![
        column![
            text(format!(
                "Received {}: {}",
                d.received_on.map(|r| r.to_string()).unwrap_or_default(),
                d.summary
            ))
            .size(BODY),
            quiet(format!("{told} · {resolved}")),
        ]
        .push(
            // Said in words as well as in colour, for a reader who cannot tell the colours.
            (!overdue.is_empty()).then(|| {
                text(format!("OVERDUE: {}", overdue.join("; ")))
                    .size(BODY)
                    .style(text::danger)
            }),
        )
        .spacing(2)
        .width(Length::Fill),
        button(text("Update…"))
            .on_press(Message::EditComplaint(c.id))
            .style(button::secondary)
            .padding([4, 12]),
    ]
    .spacing(10)
    .align_y(Alignment::Center)
    .into()
}

fn complaint_form(editor: &ComplaintEditor) -> Element<'_, Message> {
    let field = |f: OversightField| move |v: String| Message::Oversight(f, v);
    let e = &editor.errors;
    column![
        text(if editor.id.is_some() {
            "Update the complaint"
        } else {
            "Record a complaint"
        })
        .size(16),
        row![
            labelled(
                "Received on",
                text_input("YYYY-MM-DD", &editor.received)
                    .style(crate::ui::choices::field)
                    .on_input(field(OversightField::Received))
                    .padding(6),
                error_for(e, "received_on"),
            ),
            labelled(
                "ICE told on (blank: not yet)",
                text_input("YYYY-MM-DD", &editor.told)
                    .style(crate::ui::choices::field)
                    .on_input(field(OversightField::IceTold))
                    .padding(6),
                error_for(e, "ice_told_on"),
            ),
            labelled(
                "Resolved on (blank: open)",
                text_input("YYYY-MM-DD", &editor.resolved)
                    .style(crate::ui::choices::field)
                    .on_input(field(OversightField::Resolved))
                    .padding(6),
                error_for(e, "resolved_on"),
            ),
            labelled(
                "Results reported to ICE on",
                text_input("YYYY-MM-DD", &editor.results_reported)
                    .style(crate::ui::choices::field)
                    .on_input(field(OversightField::ResultsReported))
                    .padding(6),
                error_for(e, "results_reported_on"),
            ),
        ]
        .spacing(12),
        labelled(
            "What the complaint is about",
            text_input("A sentence", &editor.summary)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::Summary))
                .padding(6),
            error_for(e, "summary"),
        ),
        labelled(
            "How it was resolved",
            text_input("Required once resolved", &editor.resolution)
                .style(crate::ui::choices::field)
                .on_input(field(OversightField::Resolution))
                .padding(6),
            error_for(e, "resolution"),
        ),
        error_for(e, "complaint").unwrap_or_else(|| text("").size(1).into()),
        save_or_cancel(
            "Save complaint",
            Message::SaveComplaint,
            Message::CancelComplaint
        ),
    ]
    .spacing(8)
    .into()
}
