//! The requirement engine: evaluates one agreement against the catalogue and says, for every
//! requirement of its model, met / not met / unknown / waived, and why.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agency::{AgencyDetails, AgencyKind};
use super::agreement::{Agreement, Status};
use super::catalogue::{Catalogue, Level, Phase, Requirement, Rule};
use super::nominee::{Background, Nominee};

/// The outcome for one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The data shows the requirement is met.
    Met,
    /// The data shows it is not met.
    NotMet,
    /// The data needed to tell is missing.
    Unknown,
    /// Not met or unknown, but a decision accepted the services with a written override.
    Waived,
}

impl CheckStatus {
    /// The stored and JSON code.
    pub fn code(self) -> &'static str {
        match self {
            CheckStatus::Met => "met",
            CheckStatus::NotMet => "not_met",
            CheckStatus::Unknown => "unknown",
            CheckStatus::Waived => "waived",
        }
    }

    /// Whether an acceptance must be overridden for it.
    pub fn blocks_acceptance(self) -> bool {
        matches!(self, CheckStatus::NotMet | CheckStatus::Unknown)
    }
}

impl fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckStatus::Met => "Met",
            CheckStatus::NotMet => "Not met",
            CheckStatus::Unknown => "Unknown",
            CheckStatus::Waived => "Waived",
        })
    }
}

/// A fact the coordinator recorded for an agreement against a requirement evaluated by
/// attestation (`Rule::Attested`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attestation {
    /// The requirement's id.
    pub requirement_id: String,
    /// Whether it holds.
    pub met: bool,
    /// Since when (or when it was checked).
    pub on: NaiveDate,
    /// What was seen (a document, a visit).
    pub note: Option<String>,
}

/// A written override of an acceptance decision, which turns the listed requirements into
/// "waived" for as long as the decision stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiver {
    /// The requirements that were not met or unknown when the decision was made.
    pub requirement_ids: Vec<String>,
    /// The decision's date.
    pub decided_on: NaiveDate,
    /// Who decided (name and title).
    pub official: String,
    /// The written justification.
    pub justification: String,
}

/// Everything the engine needs about one agreement. The store assembles it in bulk.
#[derive(Debug, Clone, Copy)]
pub struct CheckInput<'a> {
    /// The agency.
    pub agency: &'a AgencyDetails,
    /// The agreement.
    pub agreement: &'a Agreement,
    /// When the agreement last became active, if it is active.
    pub active_since: Option<NaiveDate>,
    /// Its nominees.
    pub nominees: &'a [Nominee],
    /// Attested facts.
    pub attestations: &'a [Attestation],
    /// Dates of oversight meetings held.
    pub meetings: &'a [NaiveDate],
    /// The override of the acceptance currently in force, if any.
    pub waiver: Option<&'a Waiver>,
    /// The day the check is made for.
    pub today: NaiveDate,
}

/// The result for one requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequirementCheck {
    /// The requirement's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Agency or officer.
    pub level: Level,
    /// Request or operation.
    pub phase: Phase,
    /// Where it comes from.
    pub source: String,
    /// The outcome.
    pub status: CheckStatus,
    /// Why, in words a coordinator can act on.
    pub reason: String,
}

/// Evaluates every requirement of the agreement's model, in catalogue order.
pub fn check_agreement(catalogue: &Catalogue, input: CheckInput<'_>) -> Vec<RequirementCheck> {
    catalogue
        .for_model(input.agreement.model)
        .map(|req| {
            let (mut status, mut reason) = evaluate(req, &input);
            if status.blocks_acceptance()
                && let Some(w) = input.waiver.filter(|w| w.requirement_ids.contains(&req.id))
            {
                reason = format!(
                    "Waived by the decision of {} ({}): {} [was: {}]",
                    w.decided_on, w.official, w.justification, reason
                );
                status = CheckStatus::Waived;
            }
            RequirementCheck {
                id: req.id.clone(),
                title: req.title.clone(),
                level: req.level,
                phase: req.phase,
                source: req.source.clone(),
                status,
                reason,
            }
        })
        .collect()
}

/// Counts the checks that are not met or unknown.
pub fn unmet_count(checks: &[RequirementCheck]) -> usize {
    checks
        .iter()
        .filter(|c| c.status.blocks_acceptance())
        .count()
}

fn evaluate(req: &Requirement, input: &CheckInput<'_>) -> (CheckStatus, String) {
    use CheckStatus::*;
    let agreement = input.agreement;
    if req.phase == Phase::Operation && agreement.status != Status::Active {
        return (
            Met,
            format!(
                "Not due yet: applies once the agreement is active (now {})",
                agreement.status.label().to_lowercase()
            ),
        );
    }
    match &req.rule {
        Rule::WrittenRequest => match agreement.requested_on {
            Some(d) => (Met, format!("Written request received on {d}")),
            None => (Unknown, "No date of the agency's written request is recorded".into()),
        },
        Rule::EligibleEntity => match input.agency.kind {
            AgencyKind::Other => match attested(input, &req.id) {
                Some(r) => r,
                None => (
                    Unknown,
                    "Agency type is Other: record whether it is a state or local law enforcement entity".into(),
                ),
            },
            kind => (Met, format!("{} law enforcement agency", kind.label())),
        },
        Rule::Jail => match input.agency.has_jail {
            Some(true) => (Met, "The agency runs a jail".into()),
            Some(false) => (
                NotMet,
                format!("The agency runs no jail, which the {} model needs", agreement.model.short()),
            ),
            None => (Unknown, "Whether the agency runs a jail is not recorded".into()),
        },
        Rule::SignedMoa => match agreement.signed_on {
            Some(d) => (Met, format!("MOA signed on {d}")),
            None => (Unknown, "No signing date of the MOA is recorded".into()),
        },
        Rule::Attested => attested(input, &req.id)
            .unwrap_or((Unknown, "Not yet recorded for this agreement".into())),
        Rule::Nominees { min } => {
            let n = input.nominees.len();
            if n >= *min as usize {
                (Met, format!("{n} officer(s) nominated"))
            } else {
                (NotMet, format!("{n} officer(s) nominated; at least {min} needed"))
            }
        }
        Rule::OversightMeeting { months } => oversight(input, *months),
        Rule::UsCitizen => per_officer(input, "are not U.S. citizens", "citizenship not recorded", |n| {
            n.details.us_citizen
        }),
        Rule::BackgroundPassed => per_officer(
            input,
            "lack a passed background investigation",
            "background investigation not started or pending",
            |n| match n.details.background {
                Background::Passed => Some(true),
                Background::Failed => Some(false),
                Background::NotStarted | Background::Pending => None,
            },
        ),
        Rule::NoPendingDiscipline => per_officer(
            input,
            "have disciplinary action pending",
            "disciplinary status not recorded",
            |n| n.details.pending_discipline.map(|p| !p),
        ),
        Rule::MinExperience { years } => per_officer(
            input,
            &format!("have less than {years} years of experience"),
            "experience not recorded",
            |n| n.details.years_experience.map(|y| y >= *years),
        ),
        Rule::ClearanceEligible => per_officer(
            input,
            "are not eligible for a federal security clearance",
            "clearance eligibility not recorded",
            |n| n.details.clearance_eligible,
        ),
        Rule::ExamsPassed { pass_mark, attempts } => per_officer(
            input,
            &format!("did not reach {pass_mark}% within {attempts} attempt(s)"),
            "no exam result yet",
            |n| {
                let scores = &n.details.exam_scores;
                let counted = &scores[..scores.len().min(*attempts as usize)];
                if counted.iter().any(|s| s >= pass_mark) {
                    Some(true)
                } else if counted.len() >= *attempts as usize {
                    Some(false)
                } else {
                    None
                }
            },
        ),
        // No certification date means no certification: ICE issues a dated written one.
        Rule::Certified => per_officer(input, "are not certified", "", |n| {
            Some(n.details.certified_on.is_some())
        }),
        Rule::AuthorizationCurrent => per_officer(
            input,
            "have an expired authorization",
            "authorization expiry not recorded",
            |n| n.details.authorization_expires.map(|d| d >= input.today),
        ),
        Rule::RefresherCurrent { months } => per_officer(
            input,
            &format!("are overdue for refresher training (every {months} months)"),
            "not certified, so no refresher date can be computed",
            |n| {
                let since = n.details.last_refresher.or(n.details.certified_on)?;
                Some(add_months(since, *months) >= input.today)
            },
        ),
    }
}

fn attested(input: &CheckInput<'_>, id: &str) -> Option<(CheckStatus, String)> {
    input
        .attestations
        .iter()
        .filter(|a| a.requirement_id == id)
        .max_by_key(|a| a.on)
        .map(|a| {
            let note = a
                .note
                .as_deref()
                .map(|n| format!(": {n}"))
                .unwrap_or_default();
            if a.met {
                (
                    CheckStatus::Met,
                    format!("Recorded as in place on {}{note}", a.on),
                )
            } else {
                (
                    CheckStatus::NotMet,
                    format!("Recorded as missing on {}{note}", a.on),
                )
            }
        })
}

fn oversight(input: &CheckInput<'_>, months: u32) -> (CheckStatus, String) {
    let last = input.meetings.iter().filter(|d| **d <= input.today).max();
    if let Some(last) = last
        && add_months(*last, months) >= input.today
    {
        return (
            CheckStatus::Met,
            format!("Last oversight meeting on {last}"),
        );
    }
    let Some(since) = input.active_since.or(input.agreement.signed_on) else {
        return (
            CheckStatus::Unknown,
            "The date the agreement became active is not recorded".into(),
        );
    };
    let first_due = add_months(since, months);
    match last {
        None if first_due >= input.today => (
            CheckStatus::Met,
            format!("First meeting due by {first_due} ({months} months after going active)"),
        ),
        None => (
            CheckStatus::NotMet,
            format!("No oversight meeting recorded; the first was due by {first_due}"),
        ),
        Some(last) => (
            CheckStatus::NotMet,
            format!(
                "Last oversight meeting on {last}; the next was due by {}",
                add_months(*last, months)
            ),
        ),
    }
}

/// Evaluates an officer-level requirement over every nominee. `verdict` gives `Some(true)` for a
/// nominee who meets it, `Some(false)` for one who does not, `None` when the fact is missing.
/// Any failure makes it not met; otherwise any missing fact makes it unknown.
fn per_officer(
    input: &CheckInput<'_>,
    failing: &str,
    missing: &str,
    verdict: impl Fn(&Nominee) -> Option<bool>,
) -> (CheckStatus, String) {
    let total = input.nominees.len();
    if total == 0 {
        return (
            CheckStatus::Met,
            "No officers nominated yet; checked for each officer once nominated".into(),
        );
    }
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    for n in input.nominees {
        match verdict(n) {
            Some(true) => {}
            Some(false) => failed.push(n.details.name.as_str()),
            None => unknown.push(n.details.name.as_str()),
        }
    }
    let names = |v: &[&str]| v.join(", ");
    match (failed.is_empty(), unknown.is_empty()) {
        (true, true) => (CheckStatus::Met, format!("All {total} nominee(s) meet it")),
        (false, _) => {
            let mut reason = format!(
                "{} of {total} nominees {failing}: {}",
                failed.len(),
                names(&failed)
            );
            if !unknown.is_empty() {
                reason.push_str(&format!("; {missing} for {}", names(&unknown)));
            }
            (CheckStatus::NotMet, reason)
        }
        (true, false) => (
            CheckStatus::Unknown,
            format!(
                "{} of {total} nominees: {missing}: {}",
                unknown.len(),
                names(&unknown)
            ),
        ),
    }
}

/// Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests;
