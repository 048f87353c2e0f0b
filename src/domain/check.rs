//! The requirement engine: evaluates one agreement against the catalogue and says, for every
//! requirement of its model, met / not met / unknown / waived, and why.

use chrono::{Datelike, Months, NaiveDate};
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
    /// The requirement's id. This and the title and source are shared with the catalogue, not
    /// copied: a national check holds some 400,000 results, and copying three strings into
    /// each was a third of its time and most of the time to free it.
    pub id: std::sync::Arc<str>,
    /// Its title.
    pub title: std::sync::Arc<str>,
    /// Agency or officer.
    pub level: Level,
    /// Request or operation.
    pub phase: Phase,
    /// Where it comes from.
    pub source: std::sync::Arc<str>,
    /// The outcome.
    pub status: CheckStatus,
    /// Why, in words a coordinator can act on.
    pub reason: String,
}

/// Evaluates every requirement of the agreement's model, in catalogue order.
pub fn check_agreement(catalogue: &Catalogue, input: CheckInput<'_>) -> Vec<RequirementCheck> {
    // The reason of every operation requirement of an agreement not active yet, written once.
    let mut not_due: Option<String> = None;
    // Sized up front: a national check holds some 350,000 of these.
    let mut checks = Vec::with_capacity(catalogue.for_model(input.agreement.model).count());
    checks.extend(catalogue.for_model(input.agreement.model).map(|req| {
        let (mut status, mut reason) =
            if req.phase == Phase::Operation && input.agreement.status != Status::Active {
                let reason = not_due.get_or_insert_with(|| {
                    format!(
                        "Not due yet: applies once the agreement is active (now {})",
                        input.agreement.status.label().to_lowercase()
                    )
                });
                (CheckStatus::Met, reason.clone())
            } else {
                evaluate(req, &input)
            };
        if status.blocks_acceptance()
            && let Some(w) = input
                .waiver
                .filter(|w| w.requirement_ids.iter().any(|id| **id == *req.id))
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
    }));
    checks
}

/// Counts the checks that are not met or unknown.
pub fn unmet_count(checks: &[RequirementCheck]) -> usize {
    checks
        .iter()
        .filter(|c| c.status.blocks_acceptance())
        .count()
}

/// Evaluates a requirement that is due (see [`check_agreement`] for one that is not yet).
fn evaluate(req: &Requirement, input: &CheckInput<'_>) -> (CheckStatus, String) {
    use CheckStatus::*;
    let agreement = input.agreement;
    match &req.rule {
        Rule::WrittenRequest => match agreement.requested_on {
            Some(d) => (Met, format!("Written request received on {}", Day(d))),
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
            Some(d) => (Met, format!("MOA signed on {}", Day(d))),
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
        Rule::UsCitizen => per_officer(
            input,
            &"are not U.S. citizens",
            "citizenship not recorded",
            |n| n.details.us_citizen,
        ),
        Rule::BackgroundPassed => per_officer(
            input,
            &"lack a passed background investigation",
            "background investigation not started or pending",
            |n| match n.details.background {
                Background::Passed => Some(true),
                Background::Failed => Some(false),
                Background::NotStarted | Background::Pending => None,
            },
        ),
        Rule::NoPendingDiscipline => per_officer(
            input,
            &"have disciplinary action pending",
            "disciplinary status not recorded",
            |n| n.details.pending_discipline.map(|p| !p),
        ),
        Rule::MinExperience { years } => per_officer(
            input,
            &format_args!("have less than {years} years of experience"),
            "experience not recorded",
            |n| n.details.years_experience.map(|y| y >= *years),
        ),
        Rule::ClearanceEligible => per_officer(
            input,
            &"are not eligible for a federal security clearance",
            "clearance eligibility not recorded",
            |n| n.details.clearance_eligible,
        ),
        Rule::ExamsPassed { pass_mark, attempts } => per_officer(
            input,
            &format_args!("did not reach {pass_mark}% within {attempts} attempt(s)"),
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
        Rule::Certified => per_officer(input, &"are not certified", "", |n| {
            Some(n.details.certified_on.is_some())
        }),
        Rule::AuthorizationCurrent => per_officer(
            input,
            &"have an expired authorization",
            "authorization expiry not recorded",
            |n| n.details.authorization_expires.map(|d| d >= input.today),
        ),
        Rule::RefresherCurrent { months } => per_officer(
            input,
            &format_args!("are overdue for refresher training (every {months} months)"),
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
                    format!("Recorded as in place on {}{note}", Day(a.on)),
                )
            } else {
                (
                    CheckStatus::NotMet,
                    format!("Recorded as missing on {}{note}", Day(a.on)),
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
            format!("Last oversight meeting on {}", Day(*last)),
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
            format!(
                "First meeting due by {} ({months} months after going active)",
                Day(first_due)
            ),
        ),
        None => (
            CheckStatus::NotMet,
            format!(
                "No oversight meeting recorded; the first was due by {}",
                Day(first_due)
            ),
        ),
        Some(last) => (
            CheckStatus::NotMet,
            format!(
                "Last oversight meeting on {}; the next was due by {}",
                Day(*last),
                Day(add_months(*last, months))
            ),
        ),
    }
}

/// Evaluates an officer-level requirement over every nominee. `verdict` gives `Some(true)` for a
/// nominee who meets it, `Some(false)` for one who does not, `None` when the fact is missing.
/// Any failure makes it not met; otherwise any missing fact makes it unknown.
fn per_officer(
    input: &CheckInput<'_>,
    failing: &dyn fmt::Display,
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

/// A date written as chrono writes it (`2025-07-18`), without chrono's general formatter: a
/// national check writes one into some hundred thousand reasons.
struct Day(NaiveDate);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = (self.0.year(), self.0.month(), self.0.day());
        let Ok(year) = u32::try_from(year) else {
            return fmt::Display::fmt(&self.0, f);
        };
        if year > 9999 {
            return fmt::Display::fmt(&self.0, f);
        }
        let digit = |n: u32| b'0' + (n % 10) as u8;
        let text = [
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
            b'-',
            digit(day / 10),
            digit(day),
        ];
        f.write_str(std::str::from_utf8(&text).map_err(|_| fmt::Error)?)
    }
}

/// Adds calendar months, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb).
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod day_tests {
    use super::*;

    #[test]
    fn a_day_is_written_as_chrono_writes_it() {
        let mut days: Vec<NaiveDate> = [(0, 1, 1), (9, 9, 9), (999, 12, 31), (2025, 7, 18)]
            .into_iter()
            .chain([(9999, 12, 31), (10_000, 1, 1), (-1, 6, 15), (-300, 2, 28)])
            .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
            .collect();
        days.extend([NaiveDate::MIN, NaiveDate::MAX]);
        let mut d = NaiveDate::from_ymd_opt(2023, 12, 25).unwrap();
        while d.year() < 2025 {
            days.push(d);
            d = d.succ_opt().unwrap();
        }
        for day in days {
            assert_eq!(Day(day).to_string(), day.to_string());
            assert_eq!(format!("on {}.", Day(day)), format!("on {day}."));
        }
    }
}
