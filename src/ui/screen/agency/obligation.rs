//! Recording an obligation the checklist cannot read from other records (systems access, the
//! Interconnection Security Agreement, the posted complaint procedure, whether an agency of type
//! Other is a law enforcement entity): whether it is in place, since when, and the evidence seen.
//! The form opens under its requirement's row; the store adds who recorded it.

use chrono::NaiveDate;
use iced::widget::{button, column, container, row, text, text_input};
use iced::{Element, Length};
use std::sync::Arc;

use super::widgets::{BODY, error_for, form_frame, labelled, quiet, save_or_cancel};
use super::{Edit, Message};
use crate::domain::{AgreementId, Attestation, ValidationError, parse_date};
use crate::registry::RegistryError;

/// A text field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObligationField {
    /// Since when it is in place (or missing), as YYYY-MM-DD.
    Date,
    /// The document seen or the visit made.
    Evidence,
}

/// The widget id of the container around a requirement's "Record…" button, so a test (or a
/// future shortcut) can reach the button of one requirement among several.
pub fn record_button_id(requirement: &str) -> String {
    format!("record-{requirement}")
}

/// The widget id of the evidence field, focused when the form opens.
pub const EVIDENCE_ID: &str = "obligation-evidence";

/// The open form, as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ObligationForm {
    /// The agreement it is recorded for.
    pub agreement: AgreementId,
    /// The requirement recorded.
    pub requirement: Arc<str>,
    /// Yes (in place) or no (missing); `None` until chosen: the form never presumes either.
    in_place: Option<bool>,
    date: String,
    evidence: String,
    /// The date the form opened with, to tell whether closing it would lose anything.
    opened_on: String,
    /// Problems with what was typed, or the store's refusal, each shown beside its field.
    errors: Vec<ValidationError>,
}

impl ObligationForm {
    /// An empty form for `requirement` of `agreement`, dated today.
    pub fn new(agreement: AgreementId, requirement: Arc<str>, today: NaiveDate) -> ObligationForm {
        ObligationForm {
            agreement,
            requirement,
            in_place: None,
            date: today.to_string(),
            evidence: String::new(),
            opened_on: today.to_string(),
            errors: Vec::new(),
        }
    }

    /// Whether anything was chosen or typed since the form opened.
    pub fn changed(&self) -> bool {
        self.in_place.is_some() || self.date != self.opened_on || !self.evidence.trim().is_empty()
    }

    /// Takes the answer chosen.
    pub fn choose(&mut self, in_place: bool) {
        self.in_place = Some(in_place);
        self.errors.retain(|e| e.field != "in_place");
    }

    /// Takes what was typed.
    pub fn set(&mut self, field: ObligationField, value: String) {
        match field {
            ObligationField::Date => self.date = value,
            ObligationField::Evidence => self.evidence = value,
        }
        // A refusal of the store no longer holds once the form changes.
        self.errors.clear();
    }

    /// Shows why the store refused it.
    pub fn refused(&mut self, e: RegistryError) {
        self.errors = match e.invalid() {
            Some(errors) => errors.to_vec(),
            None => vec![ValidationError::new("attestation", "", e.to_string())],
        };
    }

    /// The attestation to record, or `None` with the problems shown beside their fields.
    pub fn attestation(&mut self, today: NaiveDate) -> Option<Edit> {
        let mut errors = Vec::new();
        if self.in_place.is_none() {
            errors.push(ValidationError::new(
                "in_place",
                "",
                "say whether it is in place",
            ));
        }
        let on = parse_date(&self.date);
        match on {
            None => errors.push(ValidationError::new(
                "on",
                &self.date,
                "not a date: give YYYY-MM-DD",
            )),
            Some(on) if on > today => errors.push(ValidationError::new(
                "on",
                &self.date,
                format!("is after today ({today})"),
            )),
            Some(_) => {}
        }
        let (Some(met), Some(on), true) = (self.in_place, on, errors.is_empty()) else {
            self.errors = errors;
            return None;
        };
        Some(Edit::Attest {
            agreement: self.agreement,
            attestation: Attestation {
                requirement_id: self.requirement.to_string(),
                met,
                on,
                note: Some(self.evidence.trim().to_string()).filter(|e| !e.is_empty()),
                // The store records who is at the keyboard.
                recorded_by: None,
            },
        })
    }

    /// The form, drawn under its requirement's row.
    pub fn view(&self) -> Element<'_, Message> {
        let choice = |label: &'static str, value: bool| {
            button(text(label).size(BODY))
                .on_press(Message::ObligationInPlace(value))
                .style(if self.in_place == Some(value) {
                    button::primary
                } else {
                    button::secondary
                })
                .padding([5, 12])
        };
        let field = |f: ObligationField| move |v: String| Message::Obligation(f, v);
        let e = &self.errors;
        let form = column![
            row![
                container(labelled(
                    "In place?",
                    row![choice("Yes, in place", true), choice("No, missing", false)].spacing(6),
                    error_for(e, "in_place"),
                ))
                .width(Length::Shrink),
                container(labelled(
                    "Since, or checked on",
                    text_input("YYYY-MM-DD", &self.date)
                        .style(crate::ui::choices::field)
                        .on_input(field(ObligationField::Date))
                        .on_submit(Message::SaveObligation)
                        .padding(6),
                    error_for(e, "on"),
                ))
                .width(190),
                labelled(
                    "Evidence: the document seen or the visit made",
                    text_input("e.g. ISA signed by the CIO, copy on file", &self.evidence)
                        .style(crate::ui::choices::field)
                        .id(EVIDENCE_ID)
                        .on_input(field(ObligationField::Evidence))
                        .on_submit(Message::SaveObligation)
                        .padding(6),
                    None,
                ),
            ]
            .spacing(12),
            error_for(e, "attestation")
                .or_else(|| error_for(e, "requirement"))
                .unwrap_or_else(|| quiet(
                    "Saving records who you are and when; the history keeps every earlier record."
                )
                .into()),
            save_or_cancel(
                "Save record",
                Message::SaveObligation,
                Message::CancelObligation
            ),
        ]
        .spacing(8);
        form_frame(form)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn nothing_is_presumed_and_a_future_date_is_refused() {
        let today = day("2026-11-28");
        let mut form = ObligationForm::new(AgreementId(3), "agency.isa".into(), today);
        assert!(!form.changed(), "an untouched form loses nothing");
        assert!(form.attestation(today).is_none());
        assert_eq!(form.errors[0].field, "in_place");
        form.choose(false);
        form.set(ObligationField::Date, "2026-12-01".into());
        assert!(form.attestation(today).is_none());
        assert_eq!(form.errors[0].field, "on");
        form.set(ObligationField::Date, "2026-11-20".into());
        form.set(ObligationField::Evidence, "  ".into());
        let Some(Edit::Attest {
            agreement,
            attestation,
        }) = form.attestation(today)
        else {
            panic!("{:?}", form.errors)
        };
        assert_eq!(agreement, AgreementId(3));
        assert!(!attestation.met);
        assert_eq!(attestation.note, None, "blank evidence is no evidence");
        assert_eq!(attestation.recorded_by, None, "the store says who");
    }
}
