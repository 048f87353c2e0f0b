//! Agreements: one per agency, model and accepting component, with their lifecycle.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agency::AgencyId;

pub use super::ids::AgreementId;

/// The 287(g) model, ICE's `SUPPORT TYPE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Model {
    /// Jail Enforcement Model: officers work inside the agency's jail.
    Jem,
    /// Task Force Model: officers act during routine policing.
    Tfm,
    /// Warrant Service Officer: officers serve ICE warrants in the agency's jail.
    Wso,
}

impl Model {
    /// Every model, in display order.
    pub const ALL: [Model; 3] = [Model::Jem, Model::Tfm, Model::Wso];

    /// The short code used in the store, the CLI and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Model::Jem => "jem",
            Model::Tfm => "tfm",
            Model::Wso => "wso",
        }
    }

    /// The full name as ICE's lists write it.
    pub fn label(self) -> &'static str {
        match self {
            Model::Jem => "Jail Enforcement Model",
            Model::Tfm => "Task Force Model",
            Model::Wso => "Warrant Service Officer",
        }
    }

    /// The abbreviation coordinators use.
    pub fn short(self) -> &'static str {
        match self {
            Model::Jem => "JEM",
            Model::Tfm => "TFM",
            Model::Wso => "WSO",
        }
    }

    /// Reads a code, abbreviation or ICE's full name, in any case.
    pub fn parse(input: &str) -> Option<Model> {
        let wanted = input
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        Model::ALL.into_iter().find(|m| {
            m.code() == wanted
                || m.label().to_lowercase() == wanted
                // ICE has written "Jail Enforcement" and "Warrant Service Officer Model" too.
                || m.label().to_lowercase().trim_end_matches(" model") == wanted.trim_end_matches(" model")
        })
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.short())
    }
}

/// The DHS component that accepts (or declines) an agency's services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    /// U.S. Immigration and Customs Enforcement: almost every agreement.
    Ice,
    /// U.S. Customs and Border Protection, authorised by the 2017 DHS memorandum.
    Cbp,
}

impl Component {
    /// Both components.
    pub const ALL: [Component; 2] = [Component::Ice, Component::Cbp];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Component::Ice => "ice",
            Component::Cbp => "cbp",
        }
    }

    /// Reads `ice` or `cbp` in any case.
    pub fn parse(input: &str) -> Option<Component> {
        match input.trim().to_lowercase().as_str() {
            "ice" => Some(Component::Ice),
            "cbp" => Some(Component::Cbp),
            _ => None,
        }
    }
}

impl fmt::Display for Component {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Component::Ice => "ICE",
            Component::Cbp => "CBP",
        })
    }
}

/// Where an agreement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The agency's written request has been received.
    Requested,
    /// ICE or CBP is reviewing the request.
    UnderReview,
    /// On ICE's pending list: accepted in principle, MOA not yet signed.
    Pending,
    /// MOA signed; officers may operate once certified.
    Active,
    /// The component declined the agency's services.
    Declined,
    /// The agency withdrew its request or agreement.
    Withdrawn,
    /// Suspended by the component (for misconduct, with immediate effect).
    Suspended,
    /// Ended by either side (90 days' notice).
    Terminated,
    /// Replaced by a re-signed agreement for the same model.
    Superseded,
    /// Was on ICE's participating list and is absent from a later one; no reason given.
    Delisted,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 10] = [
        Status::Requested,
        Status::UnderReview,
        Status::Pending,
        Status::Active,
        Status::Declined,
        Status::Withdrawn,
        Status::Suspended,
        Status::Terminated,
        Status::Superseded,
        Status::Delisted,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Status::Requested => "requested",
            Status::UnderReview => "under_review",
            Status::Pending => "pending",
            Status::Active => "active",
            Status::Declined => "declined",
            Status::Withdrawn => "withdrawn",
            Status::Suspended => "suspended",
            Status::Terminated => "terminated",
            Status::Superseded => "superseded",
            Status::Delisted => "delisted",
        }
    }

    /// Words for a coordinator.
    pub fn label(self) -> &'static str {
        match self {
            Status::Requested => "Requested",
            Status::UnderReview => "Under review",
            Status::Pending => "Pending",
            Status::Active => "Active",
            Status::Declined => "Declined",
            Status::Withdrawn => "Withdrawn",
            Status::Suspended => "Suspended",
            Status::Terminated => "Terminated",
            Status::Superseded => "Superseded",
            Status::Delisted => "Delisted",
        }
    }

    /// Reads a code or label in any case (`under review` and `under_review` alike).
    pub fn parse(input: &str) -> Option<Status> {
        let wanted = input.trim().to_lowercase().replace([' ', '-'], "_");
        Status::ALL.into_iter().find(|s| s.code() == wanted)
    }

    /// Whether the agreement is still on its way to becoming active.
    pub fn is_in_pipeline(self) -> bool {
        matches!(
            self,
            Status::Requested | Status::UnderReview | Status::Pending
        )
    }

    /// Whether an agreement in this status may move to `next`. The lifecycle of domain.md:
    /// request, review, pending, active; then suspension, termination, supersession; an ended
    /// request may be made again. ICE's lists can put any agreement back on (a delisted one
    /// reappears), so `Delisted` may become active or pending again.
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        if self == next {
            return false;
        }
        match self {
            Requested => matches!(next, UnderReview | Pending | Active | Declined | Withdrawn),
            UnderReview => matches!(next, Requested | Pending | Active | Declined | Withdrawn),
            Pending => matches!(next, UnderReview | Active | Declined | Withdrawn | Delisted),
            Active => matches!(
                next,
                Suspended | Terminated | Superseded | Withdrawn | Delisted
            ),
            Suspended => matches!(next, Active | Terminated | Withdrawn | Delisted),
            Delisted => matches!(next, Active | Pending | Terminated | Withdrawn | Superseded),
            Declined | Withdrawn | Terminated => matches!(next, Requested | Pending | Active),
            Superseded => false,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Whether the signed MOA has been posted by ICE (ICE's `MOA` column: `link` or `link pending`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoaPosting {
    /// The PDF is posted.
    Posted,
    /// Signed, PDF not yet posted.
    Pending,
}

impl MoaPosting {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            MoaPosting::Posted => "posted",
            MoaPosting::Pending => "pending",
        }
    }

    /// Reads a stored code.
    pub fn parse(input: &str) -> Option<MoaPosting> {
        match input {
            "posted" => Some(MoaPosting::Posted),
            "pending" => Some(MoaPosting::Pending),
            _ => None,
        }
    }
}

/// An agreement as the store holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// Row id.
    pub id: AgreementId,
    /// The agency whose services it concerns.
    pub agency_id: AgencyId,
    /// JEM, TFM or WSO.
    pub model: Model,
    /// ICE or CBP.
    pub component: Component,
    /// Current status (the last entry of its status history).
    pub status: Status,
    /// Date the agency's written request was received, once known; never overwritten.
    pub requested_on: Option<NaiveDate>,
    /// Date the MOA was signed, once known (`signed` in JSON). Once set, only a newer list of
    /// ICE's giving another date replaces it (ICE corrects its lists), and the import reports
    /// the replacement; a form or a decision never overwrites it.
    #[serde(rename = "signed")]
    pub signed_on: Option<NaiveDate>,
    /// Whether ICE has posted the MOA.
    pub moa: Option<MoaPosting>,
    /// Address of the posted MOA.
    pub moa_url: Option<String>,
    /// Date of the newest ICE list this agreement appeared on.
    pub last_listed_on: Option<NaiveDate>,
    /// The MOA's signatures, template and addenda, as the coordinator recorded them.
    #[serde(default)]
    pub signing: MoaSigning,
}

/// One party's signature of the MOA, as its signature page reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The signer's name.
    pub name: String,
    /// The signer's title ("Sheriff", "Acting Director").
    pub title: String,
    /// The date beside the signature.
    pub on: NaiveDate,
}

impl fmt::Display for Signature {
    /// "NAME, TITLE, DATE", as the Agency screen, the report and the history write it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, {}",
            self.name.trim(),
            self.title.trim(),
            self.on
        )
    }
}

/// What recording an MOA's signatures changes in its agreement (see [`MoaSigning::effect_on`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SigningEffect {
    /// The signed date to fill in, none being recorded.
    pub signed_on: Option<NaiveDate>,
    /// The day a pending agreement becomes active.
    pub active_from: Option<NaiveDate>,
}

/// The signed MOA as recorded: the MOAs take effect "upon signature of both parties", so an
/// accepted agreement becomes active when both signatures are recorded, and it was signed on
/// the later of the two dates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MoaSigning {
    /// The agency's signature (the sheriff, chief or director).
    pub agency: Option<Signature>,
    /// ICE's or CBP's signature.
    pub component: Option<Signature>,
    /// The year of the MOA template used (2019, 2020, 2025...): terms differ between them.
    pub template_year: Option<i32>,
    /// Addenda to the MOA, as the coordinator lists them.
    pub addenda: Option<String>,
}

impl MoaSigning {
    /// The day the MOA took effect: the later signature, once both are recorded.
    pub fn in_effect_on(&self) -> Option<NaiveDate> {
        Some(self.agency.as_ref()?.on.max(self.component.as_ref()?.on))
    }

    /// What recording this signing does to `current` besides keeping the signatures: once both
    /// are on record the MOA is in effect, so the agreement takes the later signature's date as
    /// its signed date (when none was recorded, e.g. from ICE's list), and an agreement waiting
    /// as pending (accepted, or on ICE's pending list) becomes active that day.
    pub fn effect_on(&self, current: &Agreement) -> SigningEffect {
        let Some(in_effect) = self.in_effect_on() else {
            return SigningEffect::default();
        };
        SigningEffect {
            signed_on: current.signed_on.is_none().then_some(in_effect),
            active_from: (current.status == Status::Pending).then_some(in_effect),
        }
    }

    /// Refuses a signature with an empty name or title, a template year outside 2000-2100, or
    /// a signature dated after `today`.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<super::ValidationError>> {
        let mut errors = Vec::new();
        for (field, s) in [
            ("agency_signature", &self.agency),
            ("component_signature", &self.component),
        ] {
            let Some(s) = s else { continue };
            if s.name.trim().is_empty() {
                errors.push(super::ValidationError::new(
                    field,
                    "",
                    "the signer's name is required",
                ));
            }
            if s.title.trim().is_empty() {
                errors.push(super::ValidationError::new(
                    field,
                    &s.name,
                    "the signer's title is required",
                ));
            }
            if s.on > today {
                errors.push(super::ValidationError::new(
                    field,
                    &s.on.to_string(),
                    format!("is after today ({today})"),
                ));
            }
        }
        if let Some(y) = self.template_year
            && !(2000..=2100).contains(&y)
        {
            errors.push(super::ValidationError::new(
                "template_year",
                &y.to_string(),
                "give the MOA template's year, e.g. 2025",
            ));
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One change of an agreement's status, as kept in its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    /// The agreement.
    pub agreement_id: AgreementId,
    /// Status before; `None` when the agreement was created.
    pub from: Option<Status>,
    /// Status after.
    pub to: Status,
    /// The date the change took effect (a decision's date, a list's date).
    pub on: NaiveDate,
    /// Who made it: the OS user, or the import that made it.
    pub by: String,
    /// Why, in words (the decision, the list file).
    pub note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_signatures_put_the_moa_in_effect_and_a_pending_agreement_becomes_active() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 2, d).unwrap();
        let signature = |on| Signature {
            name: "Grady Judd".into(),
            title: "Sheriff".into(),
            on,
        };
        let pending = Agreement {
            id: AgreementId(1),
            agency_id: AgencyId(1),
            model: Model::Jem,
            component: Component::Ice,
            status: Status::Pending,
            requested_on: None,
            signed_on: None,
            moa: None,
            moa_url: None,
            last_listed_on: None,
            signing: MoaSigning::default(),
        };
        let one = MoaSigning {
            agency: Some(signature(day(10))),
            ..MoaSigning::default()
        };
        assert_eq!(one.effect_on(&pending), SigningEffect::default());
        let both = MoaSigning {
            component: Some(signature(day(12))),
            ..one
        };
        assert_eq!(
            both.effect_on(&pending),
            SigningEffect {
                signed_on: Some(day(12)),
                active_from: Some(day(12)),
            }
        );
        // A signed date already recorded stays; an active agreement stays active.
        let active = Agreement {
            status: Status::Active,
            signed_on: Some(day(1)),
            ..pending
        };
        assert_eq!(both.effect_on(&active), SigningEffect::default());
    }

    #[test]
    fn models_read_codes_abbreviations_and_ice_names() {
        assert_eq!(Model::parse("Jail Enforcement Model"), Some(Model::Jem));
        assert_eq!(Model::parse("task force model "), Some(Model::Tfm));
        assert_eq!(Model::parse("WSO"), Some(Model::Wso));
        assert_eq!(Model::parse("Warrant Service Officer"), Some(Model::Wso));
        assert_eq!(Model::parse("Jail Enforcement"), Some(Model::Jem));
        assert_eq!(Model::parse("Detention"), None);
    }

    #[test]
    fn lifecycle_allows_the_program_path_and_refuses_reversals() {
        assert!(Status::Requested.can_become(Status::UnderReview));
        assert!(Status::Pending.can_become(Status::Active));
        assert!(Status::Active.can_become(Status::Suspended));
        assert!(Status::Suspended.can_become(Status::Active));
        assert!(Status::Delisted.can_become(Status::Active));
        assert!(!Status::Active.can_become(Status::Requested));
        assert!(!Status::Active.can_become(Status::Pending));
        assert!(!Status::Superseded.can_become(Status::Active));
        assert!(!Status::Active.can_become(Status::Active));
    }

    #[test]
    fn statuses_round_trip_through_their_codes() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        assert_eq!(Status::parse("Under review"), Some(Status::UnderReview));
    }
}
