//! The national list of law enforcement agencies (the FBI's Law Enforcement Employees data,
//! one row per ORI), and how an agency of the registry is linked to its row.
//!
//! ICE's lists name agencies in free text and carry no identifier. The national list gives each
//! agency its ORI, county, type, population served and sworn officers, but writes names its own
//! way ("Colbert", type County, for "Colbert County Sheriff's Office"). [`link`] finds the one
//! row an agency of the registry is, or says why it cannot: several candidates, or none. It
//! never guesses; a coordinator confirms what it cannot decide.

use serde::{Deserialize, Serialize};
use std::fmt;

mod linking;
mod names;
mod search;
#[cfg(test)]
mod tests;

pub use linking::link;

use super::agency::{AgencyKind, Ori};
use super::state::State;

/// What kind of agency the national list says a row is (its `agency_type_name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// A city, town, village, borough or township police department.
    City,
    /// A county agency: the sheriff, or a county police department.
    County,
    /// A university's or college's police.
    UniversityOrCollege,
    /// A state's highway patrol or state police, often one row per troop or post.
    StatePolice,
    /// Another agency of the state: corrections, wildlife, investigation bureaus.
    OtherStateAgency,
    /// A tribal police department.
    Tribal,
    /// A federal agency.
    Federal,
    /// Anything else: school districts, airports, ports, constables, prosecutors.
    Other,
}

impl ReferenceKind {
    /// Every kind, in the national list's order of frequency.
    pub const ALL: [ReferenceKind; 8] = [
        ReferenceKind::City,
        ReferenceKind::County,
        ReferenceKind::Other,
        ReferenceKind::UniversityOrCollege,
        ReferenceKind::OtherStateAgency,
        ReferenceKind::StatePolice,
        ReferenceKind::Tribal,
        ReferenceKind::Federal,
    ];

    /// The label the national list uses.
    pub fn label(self) -> &'static str {
        match self {
            ReferenceKind::City => "City",
            ReferenceKind::County => "County",
            ReferenceKind::UniversityOrCollege => "University or College",
            ReferenceKind::StatePolice => "State Police",
            ReferenceKind::OtherStateAgency => "Other State Agency",
            ReferenceKind::Tribal => "Tribal",
            ReferenceKind::Federal => "Federal",
            ReferenceKind::Other => "Other",
        }
    }

    /// The stored code (`city`, `county`, `university_or_college`, ...).
    pub fn code(self) -> &'static str {
        match self {
            ReferenceKind::City => "city",
            ReferenceKind::County => "county",
            ReferenceKind::UniversityOrCollege => "university_or_college",
            ReferenceKind::StatePolice => "state_police",
            ReferenceKind::OtherStateAgency => "other_state_agency",
            ReferenceKind::Tribal => "tribal",
            ReferenceKind::Federal => "federal",
            ReferenceKind::Other => "other",
        }
    }

    /// Reads the national list's label or a stored code, exactly.
    pub fn parse(input: &str) -> Option<ReferenceKind> {
        let input = input.trim();
        ReferenceKind::ALL
            .into_iter()
            .find(|k| k.label() == input || k.code() == input)
    }
}

impl fmt::Display for ReferenceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One agency of the national list, as the FBI writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReferenceAgency {
    /// Its ORI, the list's key.
    pub ori: Ori,
    /// The name as the FBI publishes it: "Colbert" for a county, "Anchorage" for a city,
    /// "Highway Patrol:" for one troop of a state's patrol.
    pub name: String,
    /// The state.
    #[serde(with = "super::agency::state_code")]
    pub state: State,
    /// The county in the FBI's upper case ("FAIRBANKS NORTH STAR"); none where it says
    /// `NOT SPECIFIED` or nothing. A city in several counties has them comma-separated.
    pub county: Option<String>,
    /// The kind of agency.
    pub kind: ReferenceKind,
    /// Population served, where the FBI gives one above zero (state agencies have none).
    pub population: Option<u64>,
    /// Sworn officers.
    pub sworn_officers: Option<u32>,
    /// Civilian employees.
    pub civilians: Option<u32>,
    /// The year the figures were reported.
    pub data_year: u16,
}

impl ReferenceAgency {
    /// Its county as ICE's lists write counties: the FBI's "COLBERT" is "Colbert County", in
    /// Louisiana "... Parish"; a name that says what it is ("BRISTOL CITY") keeps it, and
    /// Alaska's boroughs and areas are left as the FBI names them. A city in several counties
    /// gives the first, the one its police are in.
    pub fn county_as_ice_writes_it(&self) -> Option<String> {
        let first = self.county.as_deref()?.split(',').next()?.trim();
        // Each word's first letter upper case, and the first after a hyphen or apostrophe too
        // ("Miami-Dade", "O'Brien").
        let mut title = String::with_capacity(first.len());
        let mut start = true;
        for c in first
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
        {
            if start {
                title.extend(c.to_uppercase());
            } else {
                title.extend(c.to_lowercase());
            }
            start = !c.is_alphanumeric() && c != '.';
        }
        let says_what = [
            "City",
            "Parish",
            "Borough",
            "Area",
            "Municipality",
            "County",
        ]
        .iter()
        .any(|w| title.ends_with(w));
        Some(match self.state.code() {
            _ if says_what => title,
            "LA" => format!("{title} Parish"),
            "AK" => title,
            _ => format!("{title} County"),
        })
    }

    /// The name a coordinator reads: the FBI's name with its kind and county, as in
    /// "Colbert (County, COLBERT)".
    pub fn described(&self) -> String {
        match &self.county {
            Some(county) => format!("{} ({}, {})", self.name, self.kind, county),
            None => format!("{} ({})", self.name, self.kind),
        }
    }
}

/// The national list: every agency by state, each state's rows sorted by ORI.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NationalList {
    agencies: Vec<ReferenceAgency>,
}

impl NationalList {
    /// A list of `agencies`. A second row with an ORI already seen is an error naming it, since
    /// the ORI is the key.
    pub fn new(mut agencies: Vec<ReferenceAgency>) -> Result<NationalList, Ori> {
        agencies.sort_by(|a, b| (a.state.code(), &a.ori).cmp(&(b.state.code(), &b.ori)));
        if let Some(pair) = agencies.windows(2).find(|w| w[0].ori == w[1].ori) {
            return Err(pair[0].ori.clone());
        }
        Ok(NationalList { agencies })
    }

    /// Every agency, by state then ORI.
    pub fn agencies(&self) -> &[ReferenceAgency] {
        &self.agencies
    }

    /// How many agencies the list holds.
    pub fn len(&self) -> usize {
        self.agencies.len()
    }

    /// Whether the list holds no agency.
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }

    /// The agencies of one state, by ORI.
    pub fn in_state(&self, state: State) -> &[ReferenceAgency] {
        let start = self
            .agencies
            .partition_point(|a| a.state.code() < state.code());
        let end = self
            .agencies
            .partition_point(|a| a.state.code() <= state.code());
        &self.agencies[start..end]
    }

    /// The agency with this ORI.
    pub fn by_ori(&self, ori: &Ori) -> Option<&ReferenceAgency> {
        let prefix = ori.as_str().get(..2).unwrap_or_default();
        let Some(state) = State::all().find(|s| s.ori_prefixes().contains(&prefix)) else {
            return self.agencies.iter().find(|a| &a.ori == ori);
        };
        let rows = self.in_state(state);
        rows.binary_search_by(|a| a.ori.cmp(ori))
            .ok()
            .map(|i| &rows[i])
    }
}

/// How an agency's ORI link was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkHow {
    /// The name (without "Sheriff's Office", "Police Department"...) and kind gave one agency
    /// of the state.
    Exact,
    /// The name gave several agencies of the state, or a spelling close to one, and the county
    /// ICE gives picked one.
    NameCounty,
    /// A coordinator chose it.
    Confirmed,
}

impl LinkHow {
    /// The stored code, also the JSON value (`exact`, `name_county`, `confirmed`).
    pub fn code(self) -> &'static str {
        match self {
            LinkHow::Exact => "exact",
            LinkHow::NameCounty => "name_county",
            LinkHow::Confirmed => "confirmed",
        }
    }

    /// Reads a stored code.
    pub fn parse(code: &str) -> Option<LinkHow> {
        [LinkHow::Exact, LinkHow::NameCounty, LinkHow::Confirmed]
            .into_iter()
            .find(|h| h.code() == code)
    }

    /// In words, for the Agency screen.
    pub fn in_words(self) -> &'static str {
        match self {
            LinkHow::Exact => "matched by name and type",
            LinkHow::NameCounty => "matched by name and county",
            LinkHow::Confirmed => "confirmed by a coordinator",
        }
    }
}

/// One agency of the national list that an agency could be, ranked by [`link`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The candidate's ORI.
    pub ori: Ori,
    /// How well it fits: higher is better; candidates come best first.
    pub score: u32,
    /// Why it is a candidate, in words ("same name, another county").
    pub why: String,
}

/// What [`link`] found for one agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Linking {
    /// One clear match.
    Linked {
        /// The agency's ORI.
        ori: Ori,
        /// How the match was made.
        how: LinkHow,
    },
    /// No clear match: the agency goes to the Review screen.
    Review {
        /// Why, in words ("2 agencies named Jackson of type County in MS; ICE gives no county").
        reason: String,
        /// The candidates, best first; empty when none came close.
        candidates: Vec<Candidate>,
    },
}

/// What [`link`] needs of an agency of the registry: what ICE's lists and the New agency form
/// give.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AgencyToLink<'a> {
    /// The state.
    pub state: State,
    /// The name as ICE or the coordinator wrote it ("Colbert County Sheriff's Office").
    pub name: &'a str,
    /// The kind ICE gives (County, Municipality, State Agency).
    pub kind: AgencyKind,
    /// The county ICE gives, as written ("Colbert County", "Miami-Dade County", "#N/A" is
    /// already none).
    pub county: Option<&'a str>,
}

/// Where an agency of the registry stands with the national list, as last decided.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "standing")]
pub enum LinkStanding {
    /// Linked to its ORI (the agency's `ori`).
    Linked {
        /// How.
        how: LinkHow,
        /// A coordinator's note, or what the link rests on.
        note: Option<String>,
    },
    /// No clear match, or a link that no longer holds: waiting on the Review screen.
    InReview {
        /// Why, in words.
        reason: String,
    },
    /// A coordinator undid its link: waiting on the Review screen, and never linked again by the
    /// rules on their own.
    Undone {
        /// What was undone, by whom.
        reason: String,
    },
    /// A coordinator said the agency has no ORI of the national list (a county jail without its
    /// own, a state agency the FBI does not list).
    NoOri {
        /// The coordinator's reason.
        reason: String,
    },
}

impl LinkStanding {
    /// The stored code: a [`LinkHow`] code, `review` or `none`.
    pub fn code(&self) -> &'static str {
        match self {
            LinkStanding::Linked { how, .. } => how.code(),
            LinkStanding::InReview { .. } => "review",
            LinkStanding::Undone { .. } => "undone",
            LinkStanding::NoOri { .. } => "none",
        }
    }

    /// Reads a stored code and note.
    pub fn from_stored(code: &str, note: Option<String>) -> Option<LinkStanding> {
        match code {
            "review" => Some(LinkStanding::InReview {
                reason: note.unwrap_or_default(),
            }),
            "undone" => Some(LinkStanding::Undone {
                reason: note.unwrap_or_default(),
            }),
            "none" => Some(LinkStanding::NoOri {
                reason: note.unwrap_or_default(),
            }),
            code => LinkHow::parse(code).map(|how| LinkStanding::Linked { how, note }),
        }
    }

    /// The stored note: the reason, or the link's note.
    pub fn note(&self) -> Option<&str> {
        match self {
            LinkStanding::Linked { note, .. } => note.as_deref(),
            LinkStanding::InReview { reason }
            | LinkStanding::Undone { reason }
            | LinkStanding::NoOri { reason } => Some(reason),
        }
    }

    /// Whether it waits for a coordinator on the Review screen.
    pub fn in_review(&self) -> bool {
        matches!(
            self,
            LinkStanding::InReview { .. } | LinkStanding::Undone { .. }
        )
    }

    /// Whether a coordinator decided it, so that no automatic linking may change it.
    pub fn decided_by_coordinator(&self) -> bool {
        matches!(
            self,
            LinkStanding::Linked {
                how: LinkHow::Confirmed,
                ..
            } | LinkStanding::NoOri { .. }
                | LinkStanding::Undone { .. }
        )
    }

    /// In words, for the Agency screen: "matched by name and type", "in review: ...",
    /// "no ORI: ...".
    pub fn in_words(&self) -> String {
        match self {
            LinkStanding::Linked { how, note: None } => how.in_words().to_string(),
            LinkStanding::Linked {
                how,
                note: Some(note),
            } => format!("{} ({note})", how.in_words()),
            LinkStanding::InReview { reason } | LinkStanding::Undone { reason } => {
                format!("in review: {reason}")
            }
            LinkStanding::NoOri { reason } => format!("no ORI in the national list: {reason}"),
        }
    }
}

/// An agency's link as the registry keeps it: the standing, who decided it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriLink {
    /// Where it stands.
    #[serde(flatten)]
    pub standing: LinkStanding,
    /// Who decided it (g287's linking runs as the user who caused it).
    pub decided_by: String,
    /// When (RFC 3339).
    pub decided_at: String,
}
