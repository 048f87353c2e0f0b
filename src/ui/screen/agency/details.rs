//! The agency's details form. It holds what the coordinator typed, as typed, and validates it
//! with the core's own rules ([`AgencyDetails::from_input`]), so the window accepts exactly what
//! the CLI and the imports accept.

use iced::widget::{TextInput, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::Message;
use super::widgets::{Answer, card, error_for, error_text, heading, labelled};
use crate::domain::{AgencyDetails, AgencyKind, ValidationError};
use crate::ui::choices::Choices;

/// The id of the state field, the first of a new agency's (focused when the form opens).
pub const STATE_ID: &str = "agency-state";
/// The id of the name field.
pub const NAME_ID: &str = "agency-name";
/// The id of the ORI field.
pub const ORI_ID: &str = "agency-ori";
/// The id of the Type drop-down.
pub const KIND_ID: &str = "agency-kind";

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

/// The fields the form shows an error beside; any other field's error goes under the form.
const FIELDS: [&str; 6] = ["state", "name", "type", "county", "ori", "contact"];

/// The form's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct DetailsForm {
    state: String,
    name: String,
    kind: Option<AgencyKind>,
    county: String,
    ori: String,
    jail: Option<Answer>,
    contact: String,
    /// The problems of the last save, each shown beside its field.
    pub errors: Vec<ValidationError>,
    menus: Menus,
    /// The agency's version when the form was filled: its save is refused if someone changed
    /// the agency since.
    pub seen: i64,
}

/// The form's drop-downs (combo boxes, so that Tab reaches them and typing chooses).
#[derive(Debug, Clone, PartialEq)]
struct Menus {
    kind: Choices<AgencyKind>,
    jail: Choices<Answer>,
}

impl Default for Menus {
    fn default() -> Self {
        Menus {
            kind: Choices::new(AgencyKind::ALL),
            jail: Choices::new(Answer::ALL),
        }
    }
}

impl DetailsForm {
    /// The form filled with recorded details.
    pub fn filled(d: &AgencyDetails) -> DetailsForm {
        DetailsForm {
            state: d.state.code().to_string(),
            name: d.name.clone(),
            kind: Some(d.kind),
            county: d.county.clone().unwrap_or_default(),
            ori: d.ori.as_ref().map(|o| o.to_string()).unwrap_or_default(),
            jail: Some(Answer::from_option(d.has_jail)),
            contact: d.contact.clone().unwrap_or_default(),
            errors: Vec::new(),
            menus: Menus::default(),
            seen: 0,
        }
    }

    /// Takes what was typed in a field.
    pub fn set(&mut self, field: DetailField, value: String) {
        let (slot, key) = match field {
            DetailField::State => (&mut self.state, "state"),
            DetailField::Name => (&mut self.name, "name"),
            DetailField::County => (&mut self.county, "county"),
            DetailField::Ori => (&mut self.ori, "ori"),
            DetailField::Contact => (&mut self.contact, "contact"),
        };
        *slot = value;
        // Only this field's error goes: the others still describe what is still there.
        self.errors.retain(|e| e.field != key);
    }

    /// What the national list is searched with as the coordinator types: the state typed (when
    /// it reads as one) and the name, or the ORI when the name is empty.
    pub fn search_terms(&self) -> Option<(crate::domain::State, &str)> {
        let state = crate::domain::State::parse(self.state.trim())?;
        let query = if self.name.trim().is_empty() {
            self.ori.trim()
        } else {
            self.name.trim()
        };
        Some((state, query))
    }

    /// Fills the ORI, county and type from an agency of the national list the coordinator
    /// chose; the name stays as typed (the FBI writes "Colbert" for "Colbert County
    /// Sheriff's Office"), and a county already typed is kept.
    pub fn fill_from_national(&mut self, row: &crate::domain::reference::ReferenceAgency) {
        use crate::domain::reference::ReferenceKind;
        self.ori = row.ori.to_string();
        if self.county.trim().is_empty()
            && let Some(county) = row.county_as_ice_writes_it()
        {
            self.county = county;
        }
        self.kind = Some(match row.kind {
            ReferenceKind::County => AgencyKind::County,
            ReferenceKind::City => AgencyKind::Municipality,
            ReferenceKind::StatePolice | ReferenceKind::OtherStateAgency => AgencyKind::StateAgency,
            _ => AgencyKind::Other,
        });
        self.errors
            .retain(|e| !matches!(e.field, "ori" | "county" | "type"));
    }

    /// Takes the chosen type.
    pub fn set_kind(&mut self, kind: AgencyKind) {
        self.kind = Some(kind);
        self.errors.retain(|e| e.field != "type");
    }

    /// Takes the jail answer.
    pub fn set_jail(&mut self, jail: Answer) {
        self.jail = Some(jail);
    }

    /// Whether what is typed differs from `recorded` (from an empty form for a new agency), so
    /// that leaving would lose it. The errors shown are not typing and do not count.
    pub fn differs_from(&self, recorded: Option<&AgencyDetails>) -> bool {
        let baseline = recorded.map(DetailsForm::filled).unwrap_or_default();
        // What was typed, not which version it was typed over.
        let typed = DetailsForm {
            errors: Vec::new(),
            seen: baseline.seen,
            ..self.clone()
        };
        typed != baseline
    }

    /// The validated details, or each problem kept for display beside its field.
    pub fn validate(&mut self) -> Option<AgencyDetails> {
        let kind = self.kind.map(|k| k.label()).unwrap_or("");
        match AgencyDetails::from_input(
            &self.state,
            &self.name,
            kind,
            &self.county,
            &self.ori,
            self.jail.and_then(Answer::value),
            &self.contact,
        ) {
            Ok(details) => {
                self.errors.clear();
                Some(details)
            }
            Err(errors) => {
                self.errors = errors;
                None
            }
        }
    }

    /// The form; `exists` says whether Save changes an agency or creates one.
    /// `may`: whether the login may save (on a team's server, a viewer may not: the button is
    /// not offered).
    pub fn view(&self, exists: bool, may: bool) -> Element<'_, Message> {
        let e = &self.errors;
        let first = row![
            container(labelled(
                "State (code or name)",
                input("e.g. TX or Texas", DetailField::State, &self.state),
                error_for(e, "state"),
            ))
            .width(Length::FillPortion(1)),
            container(labelled(
                "Name",
                input("Agency name", DetailField::Name, &self.name),
                error_for(e, "name"),
            ))
            .width(Length::FillPortion(3)),
            container(labelled(
                "Type",
                self.menus
                    .kind
                    .view("Type to choose", self.kind.as_ref(), Message::Kind)
                    .id(KIND_ID)
                    .width(Length::Fill),
                error_for(e, "type"),
            ))
            .width(Length::FillPortion(1)),
        ]
        .spacing(12);
        let second = row![
            labelled(
                "County",
                input("County served", DetailField::County, &self.county),
                error_for(e, "county"),
            ),
            labelled(
                "ORI",
                input("9 characters, e.g. TX1010000", DetailField::Ori, &self.ori),
                error_for(e, "ori"),
            ),
            labelled(
                "Runs a jail or correctional facility",
                self.menus
                    .jail
                    .view("Not known", self.jail.as_ref(), Message::Jail)
                    .width(Length::Fill),
                None,
            ),
            labelled(
                "Contact",
                input("Name, phone, e-mail", DetailField::Contact, &self.contact),
                error_for(e, "contact"),
            ),
        ]
        .spacing(12);
        let mut form = column![heading("Details"), first, second].spacing(12);
        for other in e.iter().filter(|x| !FIELDS.contains(&x.field)) {
            form = form.push(text(error_text(other)).size(13).style(text::danger));
        }
        form = form.push(
            row![
                button(text(if exists {
                    "Save details"
                } else {
                    "Create agency"
                }))
                .on_press_maybe(may.then_some(Message::SaveDetails))
                .style(button::primary)
                .padding([6, 16]),
                text("Enter or Ctrl+S saves. Changes are kept in the agency's history.").size(13),
            ]
            .spacing(12)
            .align_y(Alignment::Center),
        );
        card(form)
    }
}

/// A text field of the form; Enter saves, as the Save button does.
fn input<'a>(placeholder: &'a str, field: DetailField, current: &'a str) -> TextInput<'a, Message> {
    let input = text_input(placeholder, current)
        .style(crate::ui::choices::field)
        .on_input(move |v| Message::Detail(field, v))
        .on_submit(Message::SaveDetails)
        .padding(6);
    match field {
        DetailField::State => input.id(STATE_ID),
        DetailField::Name => input.id(NAME_ID),
        DetailField::Ori => input.id(ORI_ID),
        _ => input,
    }
}
