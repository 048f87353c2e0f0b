//! The dialog that records that ICE or CBP accepted, declined, suspended or terminated an
//! agreement. It applies the program's rules before the store does, so the confirm button is
//! only offered when the store will take the decision, and it says exactly what will be
//! recorded: an acceptance against requirements not met or with no record lists them and needs
//! a written override.

use iced::widget::{Column, button, column, container, row, rule, scrollable, text, text_input};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{BODY, SMALL, badge, dialog_surface, labelled, quiet, requirements_are};
use crate::domain::Status;
use crate::domain::calendar::DeadlineKind;
use crate::domain::decision::MIN_OVERRIDE_CHARS;
use crate::domain::decision::check_suspension_length;
use crate::domain::{
    Component, Decision, DecisionDraft, DecisionRefusal, Outcome, RequirementCheck, parse_date,
};
use crate::registry::AgreementDetail;
use crate::ui::choices::Choices;

/// The id of the official's name field, focused when the dialog opens.
pub const OFFICIAL_ID: &str = "decision-official";
/// The id of the override justification field.
pub const OVERRIDE_ID: &str = "decision-override";
/// The id of the component drop-down.
const COMPONENT_ID: &str = "decision-component";
/// The id of the outcome drop-down.
const OUTCOME_ID: &str = "decision-outcome";

/// The ids of every field the dialog can show: while it is open, Tab and Shift+Tab go round
/// these alone, so the keyboard never lands in the page behind it.
pub const FIELDS: &[&str] = &[
    COMPONENT_ID,
    OUTCOME_ID,
    "decision-date",
    OFFICIAL_ID,
    "decision-title",
    "decision-grounds",
    OVERRIDE_ID,
    "decision-suspended-until",
];

impl DecisionField {
    /// The field's id, for focus operations.
    fn id(self) -> &'static str {
        match self {
            DecisionField::Date => "decision-date",
            DecisionField::Name => OFFICIAL_ID,
            DecisionField::Title => "decision-title",
            DecisionField::Grounds => "decision-grounds",
            DecisionField::Justification => OVERRIDE_ID,
            DecisionField::SuspendedUntil => "decision-suspended-until",
        }
    }
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
    /// The day a suspension ends, as ICE's notice states it.
    SuspendedUntil,
}

/// The dialog's fields, as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct DecisionDialog {
    /// The agreement decided on.
    pub agreement: crate::domain::AgreementId,
    component: Component,
    outcome: Outcome,
    date: String,
    name: String,
    title: String,
    grounds: String,
    justification: String,
    suspended_until: String,
    /// Why the store refused the last attempt, shown in the dialog, which stays open.
    pub refusal: Option<String>,
    components: Choices<Component>,
    outcomes: Choices<Outcome>,
}

impl DecisionDialog {
    /// A dialog for `a`, dated today, for the agreement's own component. Acceptance is
    /// preselected: it is what most requests wait for, and the sentence above the confirm
    /// button says what will be recorded before anything is.
    pub fn new(a: &AgreementDetail, today: chrono::NaiveDate) -> DecisionDialog {
        DecisionDialog {
            agreement: a.agreement.id,
            component: a.agreement.component,
            outcome: Outcome::Accepted,
            date: today.to_string(),
            name: String::new(),
            title: String::new(),
            grounds: String::new(),
            justification: String::new(),
            suspended_until: String::new(),
            refusal: None,
            components: Choices::new(Component::ALL),
            outcomes: Choices::new(Outcome::ALL),
        }
    }

    /// Whether anything was written in the dialog's text fields (the name, title, grounds or
    /// override), which closing it would lose.
    pub fn has_writing(&self) -> bool {
        [
            &self.name,
            &self.title,
            &self.grounds,
            &self.justification,
            &self.suspended_until,
        ]
        .iter()
        .any(|t| !t.trim().is_empty())
    }

    /// Takes what was typed.
    pub fn set(&mut self, field: DecisionField, value: String) {
        match field {
            DecisionField::Date => self.date = value,
            DecisionField::Name => self.name = value,
            DecisionField::Title => self.title = value,
            DecisionField::Grounds => self.grounds = value,
            DecisionField::Justification => self.justification = value,
            DecisionField::SuspendedUntil => self.suspended_until = value,
        }
        self.refusal = None;
    }

    /// Takes the chosen component.
    pub fn set_component(&mut self, c: Component) {
        self.component = c;
        self.refusal = None;
    }

    /// Takes the chosen outcome.
    pub fn set_outcome(&mut self, o: Outcome) {
        self.outcome = o;
        self.refusal = None;
    }

    /// The requirements an acceptance would have to override (none for other outcomes).
    fn to_override<'a>(&self, a: &'a AgreementDetail) -> Vec<&'a RequirementCheck> {
        if self.outcome != Outcome::Accepted {
            return Vec::new();
        }
        a.checks
            .iter()
            .filter(|c| c.status.blocks_acceptance())
            .collect()
    }

    /// The decision to record, or everything that keeps it from being recorded, in the order
    /// of the fields.
    pub fn draft(&self, a: &AgreementDetail) -> Result<DecisionDraft, Vec<String>> {
        let mut why = Vec::new();
        if self.component != a.agreement.component {
            why.push(capitalised(
                &DecisionRefusal::WrongComponent {
                    agreement: a.agreement.component,
                    decision: self.component,
                }
                .to_string(),
            ));
        }
        let current = a.agreement.status;
        let to = self
            .outcome
            .status_from(current, a.agreement.signing.in_effect_on().is_some());
        // Accepting an agreement already pending (from ICE's pending list, say) leaves it pending
        // until signed: no change of status, so nothing for the lifecycle to refuse.
        let stays_pending = to == current && to == Status::Pending;
        if !(stays_pending || current.can_become(to)) {
            why.push(format!(
                "An agreement that is {} cannot become {to}.",
                a.agreement.status
            ));
        }
        let decided_on = parse_date(&self.date);
        if decided_on.is_none() {
            why.push("Give the decision's date as YYYY-MM-DD.".into());
        }
        if self.name.trim().is_empty() {
            why.push("Name the deciding official.".into());
        }
        if self.title.trim().is_empty() {
            why.push("Give the official's title.".into());
        }
        let unmet = self.to_override(a);
        let justification = self.justification.trim();
        let typed = justification.chars().count();
        if !unmet.is_empty() && typed < MIN_OVERRIDE_CHARS {
            why.push(format!(
                "{} not met or with no record: accepting needs a written override justification of at least {MIN_OVERRIDE_CHARS} characters ({typed} so far).",
                requirements_are(unmet.len())
            ));
        }
        let suspended_until = match self.suspended_until.trim() {
            _ if self.outcome != Outcome::Suspended => None,
            "" => None,
            typed => {
                let day = parse_date(typed);
                if day.is_none() {
                    why.push("Give the day the suspension ends as YYYY-MM-DD.".into());
                }
                day
            }
        };
        if let Some(decided_on) = decided_on {
            let probe = DecisionDraft {
                agreement_id: a.agreement.id,
                component: self.component,
                outcome: self.outcome,
                decided_on,
                official: String::new(),
                grounds: None,
                override_justification: None,
                suspended_until,
            };
            let stated = a.term(DeadlineKind::SuspensionEnds, None);
            if let Err(e) = check_suspension_length(&probe, stated)
                // An unreadable date is said once, above, not again as missing.
                && (suspended_until.is_some() || self.suspended_until.trim().is_empty())
            {
                why.push(capitalised(&e.message));
            }
        }
        match decided_on {
            Some(decided_on) if why.is_empty() => Ok(DecisionDraft {
                agreement_id: a.agreement.id,
                component: self.component,
                outcome: self.outcome,
                decided_on,
                official: format!("{}, {}", self.name.trim(), self.title.trim()),
                grounds: Some(self.grounds.trim().to_string()).filter(|g| !g.is_empty()),
                override_justification: (!unmet.is_empty()).then(|| justification.to_string()),
                suspended_until,
            }),
            _ => Err(why),
        }
    }

    /// Exactly what will be recorded, in one paragraph.
    fn sentence(&self, d: &DecisionDraft, agency: &str, a: &AgreementDetail) -> String {
        let model = a.agreement.model.label();
        let c = d.component;
        let when = format!("on {} ({})", d.decided_on, d.official);
        let mut s = match d.outcome {
            Outcome::Accepted => {
                format!("{c} accepted the services of {agency} under the {model} {when}.")
            }
            Outcome::Declined => {
                format!("{c} declined the services of {agency} under the {model} {when}.")
            }
            Outcome::Withdrawn => {
                format!("{agency} withdrew from the {model} agreement with {c} {when}.")
            }
            Outcome::Suspended => match d.suspended_until {
                Some(until) => format!(
                    "{c} suspended the {model} agreement with {agency} {when}, until {until}."
                ),
                None => format!("{c} suspended the {model} agreement with {agency} {when}."),
            },
            Outcome::Terminated => {
                format!("{c} terminated the {model} agreement with {agency} {when}.")
            }
        };
        let current = a.agreement.status;
        let to = d
            .outcome
            .status_from(current, a.agreement.signing.in_effect_on().is_some());
        s.push_str(&match (d.outcome, to) {
            (Outcome::Accepted, Status::Pending) => {
                " The agreement stays pending until the MOA is signed by both parties.".to_string()
            }
            _ => format!(" The agreement becomes {to}."),
        });
        let unmet = self.to_override(a);
        if !unmet.is_empty() {
            s.push_str(&format!(
                " {} waived by the override: {}.",
                requirements_are(unmet.len()),
                super::agreement::titles(&unmet)
            ));
        } else if d.outcome == Outcome::Accepted {
            s.push_str(" No requirement is waived: none is not met, none lacks a record.");
        }
        if let Some(g) = &d.grounds {
            s.push_str(&format!(" Grounds: {g}"));
            if !g.ends_with('.') {
                s.push('.');
            }
        }
        s
    }

    /// The dialog for agreement `a` of `agency`.
    pub fn view<'a>(&'a self, agency: &'a str, a: &'a AgreementDetail) -> Element<'a, Message> {
        let input = |placeholder: &'a str, value: &'a str, field: DecisionField| {
            text_input(placeholder, value)
                .style(crate::ui::choices::field)
                .on_input(move |v| Message::Decision(field, v))
                .on_submit(Message::ConfirmDecision)
                .padding(6)
                .id(field.id())
        };
        let mut body = column![
            text("Record a decision").size(22),
            quiet(format!(
                "{} agreement of {agency} with {}, now {}",
                a.agreement.model.label(),
                a.agreement.component,
                a.agreement.status
            )),
            row![
                labelled(
                    "Component",
                    self.components
                        .view(
                            "ICE or CBP",
                            Some(&self.component),
                            Message::DecisionComponent
                        )
                        .id(COMPONENT_ID)
                        .width(Length::Fill),
                    None
                ),
                labelled(
                    "Outcome",
                    self.outcomes
                        .view("Outcome", Some(&self.outcome), Message::DecisionOutcome)
                        .id(OUTCOME_ID)
                        .width(Length::Fill),
                    None
                ),
                labelled(
                    "Date",
                    input("YYYY-MM-DD", &self.date, DecisionField::Date),
                    None
                ),
            ]
            .spacing(12),
            row![
                labelled(
                    "Official's name",
                    input("e.g. R. Jones", &self.name, DecisionField::Name),
                    None
                ),
                labelled(
                    "Official's title",
                    input(
                        "e.g. ERO Assistant Director",
                        &self.title,
                        DecisionField::Title
                    ),
                    None
                ),
            ]
            .spacing(12),
            labelled(
                "Grounds",
                input(
                    "the grounds given, in a sentence",
                    &self.grounds,
                    DecisionField::Grounds
                ),
                None
            ),
        ]
        .spacing(12);
        if self.outcome == Outcome::Suspended {
            body = body.push(labelled(
                "Suspended until (the length ICE's notice states)",
                input(
                    "YYYY-MM-DD",
                    &self.suspended_until,
                    DecisionField::SuspendedUntil,
                ),
                None,
            ));
        }
        let unmet = self.to_override(a);
        if !unmet.is_empty() {
            let mut list = Column::new().spacing(6);
            for c in &unmet {
                list = list.push(
                    row![
                        badge(c.status),
                        column![text(&*c.title).size(BODY), quiet(c.reason.as_str())]
                            .spacing(1)
                            .width(Length::Fill),
                    ]
                    .spacing(8),
                );
            }
            let typed = self.justification.trim().chars().count();
            body = body.push(
                container(
                    column![
                        text(format!(
                            "{} not met or with no record. Accepting needs a written override justification:",
                            requirements_are(unmet.len())
                        ))
                        .size(BODY)
                        .style(text::danger),
                        list,
                        labelled(
                            "Override justification (required to accept)",
                            input(
                                "why the services are accepted nonetheless",
                                &self.justification,
                                DecisionField::Justification,
                            ),
                            Some(
                                text(format!(
                                    "{typed} of at least {MIN_OVERRIDE_CHARS} characters"
                                ))
                                .size(SMALL)
                                .style(if typed >= MIN_OVERRIDE_CHARS {
                                    text::success
                                } else {
                                    text::danger
                                })
                                .into()
                            ),
                        ),
                    ]
                    .spacing(8),
                )
                .padding(10)
                .style(container::bordered_box)
                .width(Length::Fill),
            );
        }
        let draft = self.draft(a);
        match &draft {
            Ok(d) => {
                body = body.push(
                    column![
                        text("What will be recorded").size(SMALL),
                        text(self.sentence(d, agency, a)).size(BODY),
                    ]
                    .spacing(4),
                );
            }
            Err(why) => {
                body = body.push(
                    column![
                        text("Not ready to record yet:").size(SMALL),
                        text(why.join(" ")).size(BODY).style(text::danger),
                    ]
                    .spacing(4),
                );
            }
        }
        if let Some(r) = &self.refusal {
            body = body.push(
                text(format!("The store refused it: {r}"))
                    .size(BODY)
                    .style(text::danger),
            );
        }
        // The buttons stay below the scrolling body, so they are in view on a 700-pixel
        // screen however long the list of requirements to override.
        let buttons = row![
            iced::widget::space::horizontal(),
            button(text("Cancel"))
                .on_press(Message::CloseDecision)
                .style(button::secondary)
                .padding([6, 16]),
            button(text("Record this decision"))
                .on_press_maybe(draft.is_ok().then_some(Message::ConfirmDecision))
                .style(button::primary)
                .padding([6, 16]),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        container(
            column![
                scrollable(container(body).padding(iced::Padding {
                    right: 14.0,
                    ..iced::Padding::ZERO
                }))
                .height(Length::Fill),
                rule::horizontal(1),
                buttons,
            ]
            .spacing(12),
        )
        .padding(22)
        .max_width(760)
        .max_height(720)
        .style(dialog_surface)
        .into()
    }
}

/// The line under a recorded decision naming the catalogue version it was checked against. When
/// the catalogue has changed since, a button opens that version: the requirements it was made
/// under may no longer be the ones the checklist shows.
pub(super) fn made_under(d: &Decision, in_force: u32) -> Element<'_, Message> {
    let v = d.catalogue_version;
    let said = if v == in_force {
        format!(
            "made under catalogue version {v} (in force) · recorded by {}",
            d.recorded_by
        )
    } else {
        format!(
            "made under catalogue version {v} · recorded by {}",
            d.recorded_by
        )
    };
    let mut line = row![quiet(said)].spacing(10).align_y(Alignment::Center);
    if v != in_force {
        line = line.push(
            button(text(format!("See catalogue version {v}")).size(SMALL))
                .on_press(Message::OpenCatalogueVersion(v))
                .style(button::secondary)
                .padding([2, 10]),
        );
    }
    line.into()
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str() + ".",
        None => String::new(),
    }
}
