//! The rules that put an MOA's PDF beside its agreement and compare what it says with what the
//! registry holds. Pure: the caller hands in the agreements and the reading.
//!
//! - Matching ([`match_moa`]): by the file name first, the last part of the agreement's MOA
//!   link in ICE's lists, percent-decoded (ICE names its files so); else by what the PDF says
//!   (model, state and agency, all three read, naming exactly one agreement). Anything else is
//!   unmatched: never attached at a guess.
//! - Comparing ([`compare`]): another model, another state, another agency (names compared
//!   word by word, see [`agency_agrees`]), or a signing date other than the list's SIGNED is a
//!   disagreement; a signer the registry lacks whose name, title and date were all read is a
//!   value the coordinator may fill in. Nothing read is nothing compared.

use chrono::NaiveDate;
use serde::Serialize;

use super::moa_reader::{MoaReading, SignerParty};
use crate::domain::agreement::{MoaSigning, Signature};
use crate::domain::{AgreementId, Component, Model, State};

/// An agreement as matching and comparing see it.
#[derive(Debug, Clone, PartialEq)]
pub struct MoaTarget {
    /// The agreement.
    pub agreement: AgreementId,
    /// Its agency's state.
    pub state: State,
    /// Its agency's name as registered.
    pub agency: String,
    /// Its model.
    pub model: Model,
    /// ICE or CBP: an ICE signer fills only an ICE agreement's component signature.
    pub component: Component,
    /// The file name of its MOA link in ICE's lists ([`super::moa_file_name`]).
    pub moa_file: Option<String>,
    /// The signed date ICE's list gives (or the coordinator recorded).
    pub signed_on: Option<NaiveDate>,
    /// The signatures recorded.
    pub signing: MoaSigning,
}

/// How an MOA found its agreement, or why it did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoaMatch {
    /// The file name is the one of this agreement's MOA link.
    ByFileName(AgreementId),
    /// The PDF names this agreement's model, state and agency, and no other agreement's.
    ByContent(AgreementId),
    /// Nothing, or more than one agreement: why.
    Unmatched(String),
}

/// Finds the agreement of an MOA named `file_name` that reads as `reading`.
pub fn match_moa(file_name: &str, reading: &MoaReading, targets: &[MoaTarget]) -> MoaMatch {
    let by_name: Vec<&MoaTarget> = targets
        .iter()
        .filter(|t| t.moa_file.as_deref() == Some(file_name))
        .collect();
    match by_name.as_slice() {
        [one] => return MoaMatch::ByFileName(one.agreement),
        [] => {}
        several => {
            return MoaMatch::Unmatched(format!(
                "the MOA links of {} agreements end in this file name",
                several.len()
            ));
        }
    }
    let (Some(model), Some(state), Some(agency)) = (reading.model, reading.state, &reading.agency)
    else {
        return MoaMatch::Unmatched(match &reading.unreadable {
            Some(why) => format!("no agreement's MOA link names this file, and it reads nothing ({why})"),
            None => "no agreement's MOA link names this file, and its model, state and agency were not all read".into(),
        });
    };
    let by_content: Vec<&MoaTarget> = targets
        .iter()
        .filter(|t| t.model == model && t.state == state && agency_agrees(agency, &t.agency, state))
        .collect();
    match by_content.as_slice() {
        [one] => MoaMatch::ByContent(one.agreement),
        [] => MoaMatch::Unmatched(format!(
            "no agreement's MOA link names this file, and no {} agreement in {} is of \"{agency}\"",
            model.code().to_uppercase(),
            state.code()
        )),
        several => MoaMatch::Unmatched(format!(
            "no agreement's MOA link names this file, and {} agreements fit what it says",
            several.len()
        )),
    }
}

/// Whether a finding is a disagreement or a value to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The MOA says one thing, the registry another.
    Disagrees,
    /// The registry holds nothing where the MOA says something.
    Fills,
}

impl FindingKind {
    /// The code kept in the registry.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Disagrees => "disagrees",
            FindingKind::Fills => "fills",
        }
    }
}

/// One thing an MOA's reading says about its agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A disagreement, or a value to fill in.
    pub kind: FindingKind,
    /// `model`, `state`, `agency`, `signed_on`, `agency_signature`, `component_signature`.
    pub field: &'static str,
    /// What the MOA says.
    pub in_moa: String,
    /// What the registry holds (`None`: nothing).
    pub in_registry: Option<String>,
}

/// What `reading` disagrees with in `target`, and the signatures it could fill in.
pub fn compare(reading: &MoaReading, target: &MoaTarget) -> Vec<Finding> {
    let mut found = Vec::new();
    if reading.unreadable.is_some() {
        return found;
    }
    let mut disagrees = |field, in_moa: String, in_registry: String| {
        found.push(Finding {
            kind: FindingKind::Disagrees,
            field,
            in_moa,
            in_registry: Some(in_registry),
        })
    };
    if let Some(model) = reading.model
        && model != target.model
    {
        disagrees("model", model.label().into(), target.model.label().into());
    }
    if let Some(state) = reading.state
        && state != target.state
    {
        disagrees("state", state.code().into(), target.state.code().into());
    }
    if let Some(agency) = &reading.agency
        && !agency_agrees(agency, &target.agency, target.state)
    {
        disagrees("agency", agency.clone(), target.agency.clone());
    }
    if let (Some(moa), Some(listed)) = (moa_signed_on(reading, target.component), target.signed_on)
    {
        let differs = match moa {
            SignedOn::Both(day) => day != listed,
            SignedOn::AtLeast(day) => listed < day,
        };
        if differs {
            let in_moa = match moa {
                SignedOn::Both(day) => format!("{day} (the later signature)"),
                SignedOn::AtLeast(day) => format!("{day} or later (a signature dated {day})"),
            };
            disagrees("signed_on", in_moa, listed.to_string());
        }
    }
    for (field, party, recorded) in [
        (
            "agency_signature",
            SignerParty::Agency,
            &target.signing.agency,
        ),
        (
            "component_signature",
            SignerParty::Ice,
            &target.signing.component,
        ),
    ] {
        if recorded.is_some() || (party == SignerParty::Ice && target.component != Component::Ice) {
            continue;
        }
        if let Some(signature) = signature_read(reading, party) {
            found.push(Finding {
                kind: FindingKind::Fills,
                field,
                in_moa: signature.to_string(),
                in_registry: None,
            });
        }
    }
    found
}

/// A signature whose name, title and date were all read, for `party`.
pub fn signature_read(reading: &MoaReading, party: SignerParty) -> Option<Signature> {
    let signer = reading.signers.iter().find(|s| s.party == party)?;
    Some(Signature {
        name: signer.name.clone(),
        title: signer.title.clone()?,
        on: signer.date?,
    })
}

/// The day an MOA was signed, as far as its reading tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SignedOn {
    /// Both signatures' dates were read: the later one.
    Both(NaiveDate),
    /// One was: the MOA was signed on this day or later.
    AtLeast(NaiveDate),
}

fn moa_signed_on(reading: &MoaReading, component: Component) -> Option<SignedOn> {
    let date = |party| {
        reading
            .signers
            .iter()
            .find(|s| s.party == party)
            .and_then(|s| s.date)
    };
    let agency = date(SignerParty::Agency);
    // An ICE signer's date says nothing of a CBP agreement.
    let ice = (component == Component::Ice)
        .then(|| date(SignerParty::Ice))
        .flatten();
    match (agency, ice) {
        (Some(a), Some(i)) => Some(SignedOn::Both(a.max(i))),
        (Some(d), None) | (None, Some(d)) => Some(SignedOn::AtLeast(d)),
        (None, None) => None,
    }
}

/// Whether the agency an MOA names is the registered one: their words, with abbreviations
/// spelt out ("Dept", "Co", "PD", "SO"), apostrophes, parentheses' content (an acronym, a state),
/// the state's name or code and small words left out, are the same or one's are all among the
/// other's ("Arizona Department of Corrections Rehabilitation and Reentry" is "Arizona
/// Department of Corrections").
pub fn agency_agrees(in_moa: &str, registered: &str, state: State) -> bool {
    let a = agency_words(in_moa, state);
    let b = agency_words(registered, state);
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.iter().all(|w| b.contains(w)) || b.iter().all(|w| a.contains(w))
}

fn agency_words(name: &str, state: State) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth > 0 => {}
            '\'' | '’' | '.' => {}
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    let state_name = state.name().to_lowercase();
    let state_words: Vec<&str> = state_name.split_whitespace().collect();
    let code = state.code().to_lowercase();
    let mut words = Vec::new();
    for word in plain.split_whitespace() {
        let spelt: &[&str] = match word {
            "dept" | "dep" => &["department"],
            "co" | "cnty" => &["county"],
            "pd" => &["police", "department"],
            "so" => &["sheriffs", "office"],
            "sheriff" => &["sheriffs"],
            "ofc" => &["office"],
            "of" | "the" | "and" | "for" => &[],
            w if w == code || state_words.contains(&w) => &[],
            w => {
                words.push(w.to_string());
                &[]
            }
        };
        words.extend(spelt.iter().map(|s| s.to_string()));
    }
    words
}

#[cfg(test)]
mod tests;
