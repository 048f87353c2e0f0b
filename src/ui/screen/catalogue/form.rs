//! The form that changes one requirement: title, models, the thresholds its rule has, and
//! whether it is checked. It validates as the store does on every keystroke, so errors stand
//! beside their fields and Save is offered only when the store will take the change.

use iced::widget::{Column, button, checkbox, column, container, row, rule, text, text_input};
use iced::{Alignment, Element, Length};

use super::changes::line;
use super::{Message, TITLE_ID, threshold_id};
use crate::domain::{Model, Phase, Requirement, RequirementForm, ValidationError};
use crate::registry::{AuditEntry, RegistryError};

use crate::ui::screen::parts::{BODY, SMALL, labelled, quiet};

/// A requirement being changed.
#[derive(Debug, Clone)]
pub(super) struct Editor {
    /// The requirement as it stands in the catalogue.
    before: Requirement,
    /// What the coordinator typed.
    pub form: RequirementForm,
    /// The retire confirmation is open.
    pub confirming_retire: bool,
    /// The store's field errors from the last attempt (the form's own are computed live).
    refused_fields: Vec<ValidationError>,
    /// Why the store refused the last attempt, when it was not a field.
    refusal: Option<String>,
    /// The version the last save made, said until the next change.
    saved_as: Option<u32>,
    /// Why the login may not change the catalogue, on a team's server (the Save button is
    /// not offered, with this said beside it).
    pub read_only: Option<String>,
}

impl Editor {
    /// A form on `r` as it stands.
    pub fn new(r: Requirement) -> Editor {
        Editor {
            form: RequirementForm::from_requirement(&r),
            before: r,
            confirming_retire: false,
            refused_fields: Vec::new(),
            refusal: None,
            saved_as: None,
            read_only: None,
        }
    }

    /// The form on `r` as just saved in `version`.
    pub fn saved(r: Requirement, version: u32) -> Editor {
        Editor {
            saved_as: Some(version),
            ..Editor::new(r)
        }
    }

    /// Whether anything was typed or chosen that is not saved.
    pub fn changed(&self) -> bool {
        self.form != RequirementForm::from_requirement(&self.before)
    }

    /// The requirement as the form was opened (or last reopened) on.
    pub fn opened_on(&self) -> &Requirement {
        &self.before
    }

    /// The form over `r`, the requirement as another decider left it: what was typed stays,
    /// and the refusal says to save again to put it in force over theirs.
    pub fn reopen_on(&mut self, r: Requirement) {
        self.before = r;
        if let Some(refusal) = &mut self.refusal {
            refusal.push_str(
                ". Save again to put yours in force over theirs, or Close to keep theirs",
            );
        }
    }

    /// The requirement's id.
    pub fn id(&self) -> &str {
        &self.before.id
    }

    /// Something was typed or chosen: what the store said about the last attempt no longer
    /// describes the form.
    pub fn edited(&mut self) {
        self.refused_fields.clear();
        self.refusal = None;
        self.saved_as = None;
    }

    /// The store refused the last save.
    pub fn refused(&mut self, e: RegistryError) {
        match e.invalid() {
            Some(errors) => self.refused_fields = errors.to_vec(),
            None => self.refusal = Some(e.to_string()),
        }
    }

    /// The requirement to save, if the form holds a valid change.
    pub fn to_save(&self) -> Option<Requirement> {
        let edited = self.form.validate(&self.before).ok()?;
        (edited != self.before).then_some(edited)
    }

    fn errors(&self) -> Vec<ValidationError> {
        let mut errors = self.form.validate(&self.before).err().unwrap_or_default();
        for e in &self.refused_fields {
            if !errors.iter().any(|x| x.field == e.field) {
                errors.push(e.clone());
            }
        }
        errors
    }

    /// Thresholds the coordinator changed while the title still names the old value, so that
    /// the checklist does not say "2 years" of a rule that now wants 3.
    fn stale_title(&self) -> Vec<String> {
        let words: Vec<&str> = self
            .form
            .title
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
            .map(|w| w.trim_end_matches('.'))
            .collect();
        self.before
            .rule
            .thresholds()
            .into_iter()
            .filter_map(|(t, old)| {
                let new = self.form.threshold(t).trim();
                (new != old && words.contains(&old.as_str()) && !words.contains(&new))
                    .then_some(old)
            })
            .collect()
    }

    /// The form, under catalogue version `in_force`, with the requirement's own history.
    pub fn view<'a>(&'a self, in_force: u32, history: Vec<&'a AuditEntry>) -> Element<'a, Message> {
        let r = &self.before;
        let errors = self.errors();
        let error = |field: &str| -> Option<Element<'a, Message>> {
            errors.iter().find(|e| e.field == field).map(|e| {
                let said = if e.value.trim().is_empty() {
                    e.message.clone()
                } else {
                    format!("{}: {}", e.value, e.message)
                };
                text(said).size(SMALL).style(text::danger).into()
            })
        };
        let mut form = column![
            row![
                column![
                    text(format!("Change {}", r.id)).size(20),
                    quiet(format!(
                        "{} level, {} · rule: {} (its kind is fixed)",
                        r.level,
                        match r.phase {
                            Phase::Request => "due before acceptance",
                            Phase::Operation => "due once active",
                        },
                        r.rule.kind()
                    )),
                    quiet(format!("source: {}", r.source)),
                ]
                .spacing(2)
                .width(Length::Fill),
                button(text("Close"))
                    .on_press(Message::Close)
                    .style(button::secondary)
                    .padding([6, 12]),
            ]
            .spacing(8),
            labelled(
                "Title",
                text_input("what is required, in a sentence", &self.form.title)
                    .style(crate::ui::choices::field)
                    .id(TITLE_ID)
                    .on_input(Message::Title)
                    .padding(6),
                error("title"),
            ),
        ]
        .spacing(12);
        let boxes = column(Model::ALL.map(|m| {
            checkbox(self.form.models.contains(&m))
                .label(format!("{} ({})", m.label(), m.short()))
                .on_toggle(move |on| Message::Applies(m, on))
                .text_size(BODY)
                .into()
        }))
        .spacing(6);
        form = form.push(labelled("Applies to", boxes, error("models")));
        for (t, value) in &self.form.thresholds {
            form = form.push(labelled(
                t.label(),
                text_input(t.expected(), value)
                    .style(crate::ui::choices::field)
                    .id(threshold_id(*t))
                    .on_input(move |v| Message::Threshold(*t, v))
                    .on_submit(Message::Save)
                    .padding(6)
                    .width(220),
                error(t.field()),
            ));
        }
        if r.rule.thresholds().is_empty() {
            form = form.push(quiet(
                "This rule has no threshold: it is met when the fact is recorded.",
            ));
        }
        for old in self.stale_title() {
            form = form.push(
                // Default colour: amber on the card's grey reads poorly, and this is advice,
                // not an error.
                text(format!(
                    "The title still says {old}: change it too if it names the threshold."
                ))
                .size(SMALL),
            );
        }
        form = form.push(self.in_force_view());
        form = form.push(rule::horizontal(1));
        form = form.push(self.save_row(in_force, !errors.is_empty()));
        if !history.is_empty() {
            let mut past = Column::new().spacing(4);
            for e in history {
                past = past.push(text(line(e)).size(SMALL));
            }
            form =
                form.push(column![text("Changes to this requirement").size(16), past].spacing(6));
        }
        container(form)
            .padding(14)
            .style(container::rounded_box)
            .width(Length::Fill)
            .into()
    }

    /// Whether it is checked, and the retire confirmation.
    fn in_force_view(&self) -> Element<'_, Message> {
        if self.confirming_retire {
            return container(
                column![
                    text(format!(
                        "Retire {}? It will no longer be checked for any agreement. Decisions already recorded keep naming it, and the catalogue versions they were made under still show it.",
                        self.before.id
                    ))
                    .size(BODY),
                    row![
                        button(text("Retire"))
                            .on_press(Message::ConfirmRetire)
                            .style(button::danger)
                            .padding([6, 14]),
                        button(text("Keep it"))
                            .on_press(Message::CancelRetire)
                            .style(button::secondary)
                            .padding([6, 14]),
                    ]
                    .spacing(8),
                ]
                .spacing(8),
            )
            .padding(10)
            .style(container::bordered_box)
            .width(Length::Fill)
            .into();
        }
        let (said, action) = if self.form.enabled {
            (
                "In force: checked for every agreement of the models ticked.",
                button(text("Retire…"))
                    .on_press(Message::AskRetire)
                    .style(button::secondary),
            )
        } else {
            (
                "Retired: not checked; kept because decisions name it.",
                button(text("Enable again"))
                    .on_press(Message::Enable)
                    .style(button::secondary),
            )
        };
        row![
            text(said).size(BODY).width(Length::Fill),
            action.padding([6, 14])
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    }

    /// What saving does, and the Save button, with why it is not offered.
    fn save_row(&self, in_force: u32, invalid: bool) -> Element<'_, Message> {
        let changed = self
            .form
            .validate(&self.before)
            .is_ok_and(|r| r != self.before);
        let why_not = if let Some(why) = &self.read_only {
            Some(why.as_str())
        } else if invalid {
            Some("Correct the fields marked in red first.")
        } else if !changed {
            Some("Nothing changed yet.")
        } else {
            None
        };
        let mut c = Column::new().spacing(6);
        if let Some(v) = self.saved_as {
            c = c.push(
                text(format!(
                    "Saved as catalogue version {v}; every agreement is being checked again."
                ))
                .size(BODY)
                .style(text::success),
            );
        }
        if self.saved_as.is_none() {
            c = c.push(
                text(format!(
                    "Saving makes catalogue version {}; every agreement is checked again.",
                    in_force + 1
                ))
                .size(BODY),
            );
        }
        if let Some(r) = &self.refusal {
            c = c.push(
                text(format!("The store refused it: {r}"))
                    .size(BODY)
                    .style(text::danger),
            );
        }
        // Why not on a line of its own: beside the button, at 200 % zoom, it squeezed Save
        // to a sliver.
        if let Some(why) = why_not {
            c = c.push(quiet(why));
        }
        let buttons = row![iced::widget::space::horizontal()].push(
            button(text("Save"))
                .on_press_maybe(why_not.is_none().then_some(Message::Save))
                .style(button::primary)
                .padding([6, 18]),
        );
        c.push(buttons).into()
    }
}
