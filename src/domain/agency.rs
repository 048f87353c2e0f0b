//! Agencies: the state and local law enforcement entities that request to take part.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::ValidationError;
use super::state::State;

pub use super::ids::AgencyId;

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
///
/// Look-alike spellings that are the same text are the same key: Unicode NFC (a decomposed
/// "é" is the composed one) and no invisible format characters (zero-width spaces, joiners,
/// direction overrides). Look-alike letters of another script (a Cyrillic "о") are not folded:
/// such a name is flagged ([`name_concerns`]), never merged at a guess.
pub fn identity_key(name: &str) -> String {
    clean_name(name)
        .split_whitespace()
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

/// Cleans a name for display and storage: Unicode NFC, invisible format characters removed,
/// trimmed, inner whitespace collapsed. Apostrophes and case are kept as written, since the
/// name is what the coordinator reads.
pub fn clean_name(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let visible: String = name.chars().filter(|c| !is_format_char(*c)).nfc().collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Unicode's invisible format characters (general category Cf): zero-width spaces and
/// joiners, word joiners, direction marks and overrides, the byte-order mark, soft hyphens,
/// tags. They change no letter a reader sees.
pub fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}'..='\u{0891}' | '\u{08E2}' | '\u{180E}' | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0001}' | '\u{E0020}'..='\u{E007F}')
}

/// What makes a name suspect, in words; empty when nothing does. Control characters (ESC,
/// BEL, ...) have no place in a name; letters of more than one script ("Pоlk" with a
/// Cyrillic "о") make a name that looks like another. Both are flagged, never repaired.
pub fn name_concerns(name: &str) -> Vec<String> {
    use unicode_script::{Script, UnicodeScript};
    let mut concerns = Vec::new();
    let controls: Vec<String> = name
        .chars()
        .filter(|c| c.is_control())
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    if !controls.is_empty() {
        concerns.push(format!(
            "holds control characters ({}), which no name has",
            controls.join(", ")
        ));
    }
    let mut scripts: Vec<Script> = Vec::new();
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        let script = c.script();
        if !matches!(script, Script::Common | Script::Inherited | Script::Unknown)
            && !scripts.contains(&script)
        {
            scripts.push(script);
        }
    }
    if scripts.len() > 1 {
        let names: Vec<&str> = scripts.iter().map(|s| s.full_name()).collect();
        concerns.push(format!(
            "mixes letters of the {} scripts: it may only look like another name",
            names.join(" and ")
        ));
    }
    concerns
}

/// The first two letters of an ORI of `state`: NCIC's state code, which is the postal code but
/// for Nebraska (`NB`, as the FBI's list writes every Nebraska agency) and Guam (`GM`). The
/// postal code is taken too for those two, as coordinators have typed it.
pub fn ori_prefixes(state: State) -> &'static [&'static str] {
    state.ori_prefixes()
}

/// An Originating Agency Identifier (ORI), validated: nine letters or digits, upper case, the
/// first two the agency's state's NCIC code ([`ori_prefixes`]).
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
        if !ori_prefixes(state).iter().any(|p| value.starts_with(p)) {
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
        let controls = name_concerns(&name)
            .into_iter()
            .find(|c| c.contains("control characters"));
        if name.is_empty() {
            errors.push(ValidationError::new("name", "", "an agency needs a name"));
        } else if let Some(concern) = controls {
            errors.push(ValidationError::new("name", &name, concern));
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

    /// Each of these made a second agency that looks the same on screen.
    #[test]
    fn invisible_characters_and_decomposed_letters_do_not_make_another_agency() {
        let real = identity_key("Café Ok Sheriff");
        for look_alike in [
            "Café Ok\u{200B} Sheriff",
            "Café Ok Sher\u{2060}iff",
            "Cafe\u{0301} Ok Sheriff",
            "\u{202E}Café Ok Sheriff",
        ] {
            assert_eq!(identity_key(look_alike), real, "{look_alike:?}");
            assert_eq!(clean_name(look_alike), "Café Ok Sheriff", "{look_alike:?}");
        }
        // A Cyrillic "о" is another letter: never merged, but flagged.
        let cyrillic = "Café \u{043E}k Sheriff";
        assert_ne!(identity_key(cyrillic), real);
        let concerns = name_concerns(cyrillic);
        assert!(concerns[0].contains("Latin and Cyrillic"), "{concerns:?}");
        assert_eq!(
            name_concerns("Café Ok Sheriff's Office (No. 2)"),
            Vec::<String>::new()
        );
        assert!(name_concerns("Polk\u{1b}]0;x\u{7}")[0].contains("U+001B, U+0007"));
        let err = AgencyDetails::from_input("FL", "Polk\u{1b}[2J", "County", "", "", None, "")
            .unwrap_err();
        assert_eq!(err[0].field, "name");
    }

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
