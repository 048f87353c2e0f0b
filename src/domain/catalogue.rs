//! The requirement catalogue: the program's requirements as data, so that a coordinator can
//! change a threshold without a new release. The shipped catalogue is `assets/requirements.toml`.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::agreement::{Component, Model};
use super::calendar::DeadlineKind;
use super::oversight::NoticeParty;
pub use super::terms::{Period, Term};

/// Whether a requirement concerns the agency or each nominated officer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Checked once for the agency's agreement.
    Agency,
    /// Checked for every nominee of the agreement.
    Officer,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Agency => "Agency",
            Level::Officer => "Officer",
        })
    }
}

/// When a requirement falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before the component accepts the agency's services: an acceptance is checked against it.
    Request,
    /// Once the agreement is active (MOA, training, certification, oversight). Before that the
    /// check reports it met as "not due yet", since nothing is owed.
    Operation,
}

/// How a requirement is evaluated, with its thresholds. New kinds are added here; existing
/// ones keep their meaning, since stored catalogues name them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rule {
    /// The date of the agency head's written request is recorded.
    WrittenRequest,
    /// The agency is a state or local law enforcement entity (by its recorded type).
    EligibleEntity,
    /// The agency runs a jail or correctional facility.
    Jail,
    /// The MOA for this model is signed (a signed date is recorded).
    SignedMoa,
    /// A fact the coordinator records for the agreement (an attestation), such as an
    /// Interconnection Security Agreement being signed.
    Attested,
    /// At least `min` officers are nominated.
    Nominees {
        /// The smallest number of nominees.
        min: u32,
    },
    /// An oversight meeting with the Field Office Director within the last `months`, the first
    /// one due `months` after the agreement became active.
    OversightMeeting {
        /// The longest gap between meetings, in months.
        months: u32,
    },
    /// Each nominee is a U.S. citizen.
    UsCitizen,
    /// Each nominee passed ICE's background investigation.
    BackgroundPassed,
    /// No nominee has disciplinary action pending.
    NoPendingDiscipline,
    /// Each nominee has at least `years` of law enforcement experience.
    MinExperience {
        /// Years of experience required.
        years: f32,
    },
    /// Each nominee is eligible for a federal security clearance.
    ClearanceEligible,
    /// Each nominee passed the course's exams with at least `pass_mark` percent within
    /// `attempts` attempts.
    ExamsPassed {
        /// Lowest passing score, in percent.
        pass_mark: u8,
        /// Attempts allowed (a first try and one retake: 2).
        attempts: u8,
    },
    /// Each nominee holds a written certification.
    Certified,
    /// No nominee's authorization has expired: the end is the authorization date plus the
    /// period of the model's `authorization_expiry` term (two years for the Task Force model),
    /// or, for an officer recorded before g287 kept the authorization date, the end recorded.
    AuthorizationCurrent,
    /// Each nominee completed the model's training (a completion date is recorded): for a
    /// model whose MOA states no pass mark (Task Force: exams "equivalent to those given to ICE
    /// officers").
    TrainingCompleted,
    /// Credentials issued by ICE are on record for each certified officer, and returned by each
    /// officer who left 287(g) duties.
    Credentials,
    /// Each certified nominee had refresher training within `months` (counted from
    /// certification when there was none yet).
    RefresherCurrent {
        /// Longest time between refreshers, in months.
        months: u32,
    },
}

/// One requirement of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Stable identifier (`agency.jail`, `officer.experience`): kept by checks, decisions and
    /// waivers, so it never changes once shipped. Shared (`Arc`), like the title and source,
    /// with every check result that names it.
    pub id: std::sync::Arc<str>,
    /// The requirement in plain English.
    pub title: std::sync::Arc<str>,
    /// Agency or officer.
    pub level: Level,
    /// Request or operation.
    pub phase: Phase,
    /// The models it applies to.
    pub models: Vec<Model>,
    /// Where it comes from (statute, MOA template, form).
    pub source: std::sync::Arc<str>,
    /// How it is evaluated.
    pub rule: Rule,
    /// Retired requirements stay in the catalogue (old decisions name them) but are not checked.
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

impl Requirement {
    /// Whether the requirement is checked for agreements of `model`.
    pub fn applies_to(&self, model: Model) -> bool {
        self.enabled && self.models.contains(&model)
    }
}

/// The whole catalogue, with the version that checks and decisions record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Bumped by every edit; a decision keeps the version it was made under.
    pub version: u32,
    /// The requirements, in display order.
    #[serde(rename = "requirement")]
    pub requirements: Vec<Requirement>,
    /// The MOA terms that set deadlines (see [`Term`]), in display order. Empty in a database
    /// made before g287 kept terms, until its catalogue is upgraded.
    #[serde(default, rename = "term")]
    pub terms: Vec<Term>,
}

/// Why a catalogue file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CatalogueError {
    /// The TOML does not parse or has the wrong shape.
    #[error("the requirement catalogue cannot be read: {0}")]
    Syntax(String),
    /// Two requirements share an id.
    #[error("the requirement catalogue names {0:?} twice")]
    DuplicateId(String),
    /// A requirement applies to no model.
    #[error("requirement {0:?} applies to no model")]
    NoModel(String),
}

/// The catalogue shipped with the program.
pub const SHIPPED: &str = include_str!("../../assets/requirements.toml");

/// The revision of the shipped catalogue: raised when a release corrects it, so that an
/// existing database is offered the correction (see `store::catalogue`). Not the database's
/// catalogue version, which every edit raises.
pub const SHIPPED_REVISION: u32 = 2;

/// The catalogue as g287 first shipped it (revision 1), kept to tell a requirement the
/// coordinator edited from one they left as shipped when a database is upgraded.
pub const SHIPPED_1: &str = include_str!("../../assets/catalogue/shipped-1.toml");

impl Catalogue {
    /// Reads and checks a catalogue in the TOML format of `assets/requirements.toml`.
    pub fn from_toml(text: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue =
            toml::from_str(text).map_err(|e| CatalogueError::Syntax(e.to_string()))?;
        let mut seen = std::collections::HashSet::new();
        for r in &catalogue.requirements {
            if !seen.insert(&*r.id) {
                return Err(CatalogueError::DuplicateId(r.id.to_string()));
            }
            if r.models.is_empty() {
                return Err(CatalogueError::NoModel(r.id.to_string()));
            }
        }
        for t in &catalogue.terms {
            if !seen.insert(&*t.id) {
                return Err(CatalogueError::DuplicateId(t.id.to_string()));
            }
            if t.models.is_empty() {
                return Err(CatalogueError::NoModel(t.id.to_string()));
            }
        }
        Ok(catalogue)
    }

    /// The catalogue shipped in `assets/`.
    pub fn shipped() -> Catalogue {
        Catalogue::from_toml(SHIPPED).expect("the shipped catalogue is checked by its tests")
    }

    /// The requirements checked for agreements of `model`, in catalogue order.
    pub fn for_model(&self, model: Model) -> impl Iterator<Item = &Requirement> {
        self.requirements
            .iter()
            .filter(move |r| r.applies_to(model))
    }

    /// A requirement by id.
    pub fn get(&self, id: &str) -> Option<&Requirement> {
        self.requirements.iter().find(|r| &*r.id == id)
    }

    /// The term that sets `deadline` for an agreement of `model` with `component`, if its MOA
    /// carries one. `party` chooses between the terms of a notice of termination.
    pub fn term(
        &self,
        deadline: DeadlineKind,
        model: Model,
        component: Component,
        party: Option<NoticeParty>,
    ) -> Option<&Term> {
        self.terms
            .iter()
            .find(|t| t.deadline == deadline && t.party == party && t.applies_to(model, component))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_catalogue_loads_and_covers_every_model() {
        let c = Catalogue::shipped();
        for model in Model::ALL {
            assert!(c.for_model(model).count() >= 8, "{model}");
        }
        assert!(c.get("agency.jail").unwrap().applies_to(Model::Jem));
        assert!(!c.get("agency.jail").unwrap().applies_to(Model::Tfm));
        assert!(c.get("officer.experience").unwrap().applies_to(Model::Tfm));
        assert!(
            c.requirements
                .iter()
                .all(|r| !r.source.is_empty() && !r.title.is_empty())
        );
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let text = r#"
version = 1
[[requirement]]
id = "a"
title = "A"
level = "agency"
phase = "request"
models = ["jem"]
source = "s"
rule = { kind = "jail" }
[[requirement]]
id = "a"
title = "A again"
level = "agency"
phase = "request"
models = ["jem"]
source = "s"
rule = { kind = "jail" }
"#;
        assert_eq!(
            Catalogue::from_toml(text),
            Err(CatalogueError::DuplicateId("a".into()))
        );
    }
}
