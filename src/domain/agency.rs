//! Agencies: the state and local law enforcement entities that request to take part.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValidationError;
use super::state::State;

/// Row id of an agency in the store.
pub type AgencyId = i64;

/// What kind of government an agency belongs to, as ICE's `TYPE` column says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A county agency, usually a sheriff's office.
    County,
    /// A city or town police department.
    Municipality,
    /// A state agency: highway patrol, department of corrections, National Guard.
    StateAgency,
    /// Anything else: campus or port police, constables, tribal agencies.
    Other,
}

impl AgencyKind {
    /// Every kind, in display order.
    pub const ALL: [AgencyKind; 4] = [
        AgencyKind::County,
        AgencyKind::Municipality,
        AgencyKind::StateAgency,
        AgencyKind::Other,
    ];

    /// The stored code (`county`, `municipality`, `state_agency`, `other`).
    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::County => "county",
            AgencyKind::Municipality => "municipality",
            AgencyKind::StateAgency => "state_agency",
            AgencyKind::Other => "other",
        }
    }

    /// The label ICE's lists use.
    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::County => "County",
            AgencyKind::Municipality => "Municipality",
            AgencyKind::StateAgency => "State Agency",
            AgencyKind::Other => "Other",
        }
    }

    /// Reads a code or ICE's label in any case and spacing.
    pub fn parse(input: &str) -> Option<AgencyKind> {
        let wanted: String = input
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        AgencyKind::ALL.into_iter().find(|kind| {
            kind.code().replace('_', "") == wanted
                || kind.label().replace(' ', "").to_lowercase() == wanted
        })
    }
}

impl fmt::Display for AgencyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The key under which two spellings of an agency's name are the same agency: trimmed, inner
/// whitespace collapsed, case folded, curly apostrophes and backticks made straight.
///
/// ICE's lists spell the same agency with `’` one month and `'` the next, and with trailing
/// spaces; identity must survive that, and it must never rest on the name alone (the same name
/// occurs in two states), so the store pairs this key with the state code.
pub fn identity_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Cleans a name for display and storage: trimmed, inner whitespace collapsed. Apostrophes and
/// case are kept as written, since the name is what the coordinator reads.
pub fn clean_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An Originating Agency Identifier (ORI), validated: nine letters or digits, upper case, the
/// first two the agency's state's postal code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ori(String);

impl Ori {
    /// Validates an ORI for an agency of `state`.
    pub fn parse(input: &str, state: State) -> Result<Ori, ValidationError> {
        let value = input.trim().to_uppercase();
        let invalid = |why: String| ValidationError::new("ori", input, why);
        if value.chars().count() != 9 {
            return Err(invalid(format!(
                "an ORI has 9 characters; this one has {}",
                value.chars().count()
            )));
        }
        if let Some(bad) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
            return Err(invalid(format!(
                "an ORI holds only letters and digits, not '{bad}'"
            )));
        }
        if !value.starts_with(state.code()) {
            let hint = if value[..2].replace('0', "O") == state.code() {
                " (is a digit 0 standing for the letter O?)"
            } else {
                ""
            };
            return Err(invalid(format!(
                "an ORI starts with its state's code {}, this one with {}{hint}",
                state.code(),
                &value[..2]
            )));
        }
        Ok(Ori(value))
    }

    /// Wraps a stored value without checking it again. Only the store uses this, for values
    /// that were validated when written; it never invents or corrects one.
    pub fn unchecked(value: String) -> Ori {
        Ori(value)
    }

    /// The nine characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Ori {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a coordinator enters or an import reads for an agency, before the store gives it an id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyDetails {
    /// The state, DC or territory.
    #[serde(with = "state_code")]
    pub state: State,
    /// The agency's name as written (cleaned of stray spaces).
    pub name: String,
    /// County, municipality, state agency or other (`type` in JSON, as ICE's column).
    #[serde(rename = "type")]
    pub kind: AgencyKind,
    /// County the agency serves, where the list gives one.
    pub county: Option<String>,
    /// ORI, where known.
    pub ori: Option<Ori>,
    /// Whether the agency runs a jail or correctional facility; `None` until known. JEM and WSO
    /// need one.
    pub has_jail: Option<bool>,
    /// The contact person at the agency (free text: name, phone, e-mail).
    pub contact: Option<String>,
}

impl AgencyDetails {
    /// Validates raw form input into details. Every field's problem is reported, not only the
    /// first, so a form can show each beside its field.
    #[allow(clippy::too_many_arguments)]
    pub fn from_input(
        state: &str,
        name: &str,
        kind: &str,
        county: &str,
        ori: &str,
        has_jail: Option<bool>,
        contact: &str,
    ) -> Result<AgencyDetails, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let parsed_state = State::parse(state);
        if parsed_state.is_none() {
            errors.push(ValidationError::new(
                "state",
                state,
                "not a U.S. state, DC or territory (give the two-letter code or the full name)",
            ));
        }
        let name = clean_name(name);
        if name.is_empty() {
            errors.push(ValidationError::new("name", "", "an agency needs a name"));
        } else if name.chars().count() > 200 {
            errors.push(ValidationError::new(
                "name",
                &name,
                "names are at most 200 characters",
            ));
        }
        let parsed_kind = AgencyKind::parse(kind);
        if parsed_kind.is_none() {
            errors.push(ValidationError::new(
                "type",
                kind,
                "the type is County, Municipality, State Agency or Other",
            ));
        }
        let mut parsed_ori = None;
        if let (Some(st), false) = (parsed_state, ori.trim().is_empty()) {
            match Ori::parse(ori, st) {
                Ok(o) => parsed_ori = Some(o),
                Err(e) => errors.push(e),
            }
        }
        match (parsed_state, parsed_kind, errors.is_empty()) {
            (Some(state), Some(kind), true) => Ok(AgencyDetails {
                state,
                name,
                kind,
                county: non_empty(county),
                ori: parsed_ori,
                has_jail,
                contact: non_empty(contact),
            }),
            _ => Err(errors),
        }
    }

    /// The identity key of this agency's name (see [`identity_key`]).
    pub fn identity(&self) -> String {
        identity_key(&self.name)
    }
}

/// A registered agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agency {
    /// Row id in the store.
    pub id: AgencyId,
    /// Everything the coordinator entered.
    #[serde(flatten)]
    pub details: AgencyDetails,
}

/// Trims a field and turns an empty one into `None`; ICE's `#N/A` counts as empty.
pub fn non_empty(value: &str) -> Option<String> {
    let cleaned = clean_name(value);
    if cleaned.is_empty() || cleaned.eq_ignore_ascii_case("#N/A") {
        None
    } else {
        Some(cleaned)
    }
}

/// Serialises a [`State`] as its postal code.
pub mod state_code {
    use super::State;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    /// Writes the postal code.
    pub fn serialize<S: Serializer>(state: &State, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(state.code())
    }

    /// Reads a postal code or full name.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<State, D::Error> {
        let raw = String::deserialize(d)?;
        State::parse(&raw).ok_or_else(|| D::Error::custom(format!("unknown state {raw:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_ignores_spacing_case_and_apostrophe_style() {
        assert_eq!(
            identity_key("  Hillsborough   County Sheriff’s Office "),
            identity_key("HILLSBOROUGH COUNTY SHERIFF'S OFFICE")
        );
        assert_ne!(identity_key("Polk County"), identity_key("Polk City"));
    }

    #[test]
    fn ori_must_be_nine_alphanumerics_starting_with_the_state() {
        let fl = State::parse("FL").unwrap();
        assert_eq!(Ori::parse("fl037a20x", fl).unwrap().as_str(), "FL037A20X");
        assert_eq!(Ori::parse("FLFHP0000", fl).unwrap().as_str(), "FLFHP0000");
        assert!(
            Ori::parse("FL03720", fl)
                .unwrap_err()
                .message
                .contains("9 characters")
        );
        assert!(
            Ori::parse("FL037-20X", fl)
                .unwrap_err()
                .message
                .contains("'-'")
        );
        assert!(
            Ori::parse("AL0200000", fl)
                .unwrap_err()
                .message
                .contains("FL")
        );
    }

    #[test]
    fn ori_with_zero_for_letter_o_gets_a_hint() {
        let oh = State::parse("OH").unwrap();
        let err = Ori::parse("0H0010000", oh).unwrap_err();
        assert!(err.message.contains("digit 0"), "{}", err.message);
    }

    #[test]
    fn agency_kind_reads_codes_and_ice_labels() {
        assert_eq!(
            AgencyKind::parse("State Agency"),
            Some(AgencyKind::StateAgency)
        );
        assert_eq!(
            AgencyKind::parse("state_agency"),
            Some(AgencyKind::StateAgency)
        );
        assert_eq!(AgencyKind::parse("COUNTY "), Some(AgencyKind::County));
        assert_eq!(AgencyKind::parse("city"), None);
    }

    #[test]
    fn form_input_reports_every_bad_field() {
        let errors =
            AgencyDetails::from_input("Atlantis", " ", "city", "", "XX1", None, "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["state", "name", "type"]);
        let ok = AgencyDetails::from_input(
            "florida",
            " Polk  County Sheriff's Office ",
            "County",
            "#N/A",
            "",
            Some(true),
            "",
        )
        .unwrap();
        assert_eq!(ok.state.code(), "FL");
        assert_eq!(ok.name, "Polk County Sheriff's Office");
        assert_eq!(ok.county, None);
    }
}
