//! The requirement engine: evaluates one agreement against the catalogue and says, for every
//! requirement of its model, met / not met / waived / not yet due / no record, and why. It never
//! overstates: a requirement with nothing to judge by (no officer nominated, no meeting on
//! record, an agreement known only from ICE's list) is "no record", never "met".

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agency::{AgencyDetails, AgencyKind};
use super::agreement::{Agreement, Status};
use super::calendar::DeadlineKind;
use super::catalogue::{Catalogue, Level, Phase, Requirement, Rule};
use super::nominee::{Background, Nominee, NomineeId};

/// The outcome for one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// The record shows the requirement is met.
    Met,
    /// The record shows it is not met (or overdue).
    NotMet,
    /// Not met or no record, but a decision accepted the services with a written override.
    Waived,
    /// Nothing is owed yet: an operation requirement of an agreement not yet active, or a
    /// first meeting whose date has not come (the reason names the date where there is one).
    NotYetDue,
    /// g287 holds nothing to judge by: a fact not recorded, no officer nominated, an
    /// agreement known only from ICE's list. Not the same as not met.
    NoRecord,
}

impl CheckStatus {
    /// Every status, in the order summaries list them.
    pub const ALL: [CheckStatus; 5] = [
        CheckStatus::NotMet,
        CheckStatus::NoRecord,
        CheckStatus::Waived,
        CheckStatus::NotYetDue,
        CheckStatus::Met,
    ];

    /// The JSON code.
    pub fn code(self) -> &'static str {
        match self {
            CheckStatus::Met => "met",
            CheckStatus::NotMet => "not_met",
            CheckStatus::Waived => "waived",
            CheckStatus::NotYetDue => "not_yet_due",
            CheckStatus::NoRecord => "no_record",
        }
    }

    /// Whether an acceptance must be overridden for it: the decision rule refuses to accept
    /// against "not met" or "no record" without a written override.
    pub fn blocks_acceptance(self) -> bool {
        matches!(self, CheckStatus::NotMet | CheckStatus::NoRecord)
    }
}

impl fmt::Display for CheckStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CheckStatus::Met => "Met",
            CheckStatus::NotMet => "Not met",
            CheckStatus::Waived => "Waived",
            CheckStatus::NotYetDue => "Not yet due",
            CheckStatus::NoRecord => "No record",
        })
    }
}

/// How many requirements of a check stand where: the Agencies list, the Dashboard and the
/// reports keep "not met" apart from "no record".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Tally {
    /// Requirements the record shows not met.
    pub not_met: usize,
    /// Requirements with nothing on record to judge by.
    pub no_record: usize,
}

impl Tally {
    /// Counts a check's outcomes.
    pub fn of(checks: &[RequirementCheck]) -> Tally {
        let mut t = Tally::default();
        for c in checks {
            match c.status {
                CheckStatus::NotMet => t.not_met += 1,
                CheckStatus::NoRecord => t.no_record += 1,
                _ => {}
            }
        }
        t
    }

    /// Requirements that block an acceptance (not met or no record).
    pub fn blocking(self) -> usize {
        self.not_met + self.no_record
    }
}

/// An agency's agreements together.
impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            not_met: self.not_met + other.not_met,
            no_record: self.no_record + other.no_record,
        }
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
    /// What was seen (a document, a visit): the evidence.
    pub note: Option<String>,
    /// Who recorded it (the coordinator's login name); `None` for records made before g287
    /// kept it (the history still names them).
    #[serde(default)]
    pub recorded_by: Option<String>,
}

/// A written override of an acceptance decision, which turns the listed requirements into
/// "waived" for as long as the decision stands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiver {
    /// The requirements that were not met or with no record when the decision was made.
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
    /// Whether a coordinator records it directly (an attestation: what, when, by whom, the
    /// evidence), so the Agency screen offers a form for it.
    #[serde(skip)]
    pub recordable: bool,
    /// For an officer-level requirement some nominees fail or lack the facts for: which ones,
    /// so that each officer's standing is read from data, never from the wording of `reason`.
    /// `None` for every other result (boxed: most results have none).
    #[serde(skip)]
    pub officers: Option<Box<Officers>>,
}

/// The nominees an officer-level requirement names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Officers {
    /// Those who fail it.
    pub failing: Vec<NomineeId>,
    /// Those whose facts to judge it are not recorded.
    pub missing: Vec<NomineeId>,
}

impl Officers {
    /// What the requirement says of this nominee: fails it (`Some(true)`), its facts are
    /// missing (`Some(false)`), or nothing (`None`).
    pub fn of(&self, nominee: NomineeId) -> Option<bool> {
        if self.failing.contains(&nominee) {
            Some(true)
        } else if self.missing.contains(&nominee) {
            Some(false)
        } else {
            None
        }
    }
}

/// Evaluates every requirement of the agreement's model, in catalogue order.
pub fn check_agreement(catalogue: &Catalogue, input: CheckInput<'_>) -> Vec<RequirementCheck> {
    // The reason of every operation requirement of an agreement not active yet, written once.
    let mut not_due: Option<String> = None;
    let operating = matches!(input.agreement.status, Status::Active | Status::Suspended);
    // Sized up front: a national check holds some 350,000 of these.
    let mut checks = Vec::with_capacity(catalogue.for_model(input.agreement.model).count());
    checks.extend(catalogue.for_model(input.agreement.model).map(|req| {
        let mut officers = None;
        let (mut status, mut reason) = if req.phase == Phase::Operation && !operating {
            let reason = not_due.get_or_insert_with(|| {
                format!(
                    "Not yet due: applies once the agreement is active (now {})",
                    input.agreement.status.label().to_lowercase()
                )
            });
            (CheckStatus::NotYetDue, reason.clone())
        } else {
            evaluate(catalogue, req, &input, &mut officers)
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
            // Eligibility is recorded only where the agency's type cannot tell it.
            recordable: match req.rule {
                Rule::Attested => true,
                Rule::EligibleEntity => input.agency.kind == AgencyKind::Other,
                _ => false,
            },
            officers,
        }
    }));
    checks
}

/// Evaluates a requirement that is due (see [`check_agreement`] for one that is not yet).
fn evaluate(
    catalogue: &Catalogue,
    req: &Requirement,
    input: &CheckInput<'_>,
    found: &mut Option<Box<Officers>>,
) -> (CheckStatus, String) {
    use CheckStatus::*;
    let agreement = input.agreement;
    match &req.rule {
        Rule::WrittenRequest => match agreement.requested_on {
            Some(d) => (Met, format!("Written request received on {}", Day(d))),
            None => (NoRecord, "No date of the agency's written request is recorded".into()),
        },
        Rule::EligibleEntity => match input.agency.kind {
            AgencyKind::Other => match attested(input, &req.id) {
                Some(r) => r,
                None => (
                    NoRecord,
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
            None => (NoRecord, "Whether the agency runs a jail is not recorded".into()),
        },
        Rule::SignedMoa => match (agreement.signing.in_effect_on(), agreement.signed_on) {
            (Some(d), _) => (
                Met,
                format!("Signed by both parties; in effect since {}", Day(d)),
            ),
            (None, Some(d)) => (
                Met,
                format!(
                    "MOA signed on {}, as ICE's list gives it (the signatures are not recorded)",
                    Day(d)
                ),
            ),
            (None, None) => (
                NoRecord,
                "No signing of the MOA is recorded (both signatures, or ICE's list's SIGNED date)"
                    .into(),
            ),
        },
        Rule::Attested => attested(input, &req.id)
            .unwrap_or((NoRecord, "Not yet recorded for this agreement".into())),
        Rule::Nominees { min } => {
            let n = input.nominees.len();
            if n >= *min as usize {
                (Met, format!("{n} officer(s) nominated"))
            } else if n == 0 {
                (
                    NoRecord,
                    format!("No officer nominated is on record; at least {min} needed"),
                )
            } else {
                (NotMet, format!("{n} officer(s) nominated; at least {min} needed"))
            }
        }
        Rule::OversightMeeting { months } => oversight(input, *months),
        Rule::UsCitizen => per_officer(
            input,
            found,
            &"are not U.S. citizens",
            "citizenship not recorded",
            |n| n.details.us_citizen,
        ),
        Rule::BackgroundPassed => per_officer(
            input,
            found,
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
            found,
            &"have disciplinary action pending",
            "disciplinary status not recorded",
            |n| n.details.pending_discipline.map(|p| !p),
        ),
        Rule::MinExperience { years } => per_officer(
            input,
            found,
            &format_args!("have less than {years} years of experience"),
            "experience not recorded",
            |n| n.details.years_experience.map(|y| y >= *years),
        ),
        Rule::ClearanceEligible => per_officer(
            input,
            found,
            &"are not eligible for a federal security clearance",
            "clearance eligibility not recorded",
            |n| n.details.clearance_eligible,
        ),
        Rule::ExamsPassed { pass_mark, attempts } => per_officer(
            input,
            found,
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
        Rule::Certified => per_officer(
            input,
            found,
            &"are not certified",
            "no certification recorded",
            |n| n.details.certified_on.map(|_| true),
        ),
        Rule::TrainingCompleted => per_officer(
            input,
            found,
            &"have not completed the training",
            "no training completion recorded",
            |n| n.details.training_completed.map(|d| d <= input.today),
        ),
        Rule::AuthorizationCurrent => {
            let term = catalogue.term(
                DeadlineKind::AuthorizationExpiry,
                agreement.model,
                agreement.component,
                None,
            );
            per_officer(
                input,
                found,
                &"have an expired authorization",
                "no authorization date recorded",
                |n| {
                    let d = &n.details;
                    let end = match (d.authorized_on, term) {
                        (Some(on), Some(term)) => Some(term.due(on)),
                        _ => d.authorization_expires,
                    };
                    end.map(|end| end >= input.today)
                },
            )
        }
        Rule::Credentials => per_officer(
            input,
            found,
            &"left without their credentials returned",
            "credentials not recorded as issued",
            |n| {
                let d = &n.details;
                let left = d.leaves_on.is_some_and(|l| l <= input.today);
                if left {
                    Some(d.credentials_returned_on.is_some())
                } else if d.certified_on.is_none() && d.authorized_on.is_none() {
                    // Credentials follow certification; none are owed before it.
                    Some(true)
                } else {
                    d.credentials_issued_on.map(|_| true)
                }
            },
        ),
        Rule::RefresherCurrent { months } => per_officer(
            input,
            found,
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
            let by = a
                .recorded_by
                .as_deref()
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            let note = a
                .note
                .as_deref()
                .map(|n| format!("{by}: {n}"))
                .unwrap_or(by);
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
            CheckStatus::NoRecord,
            "The date the agreement became active is not recorded".into(),
        );
    };
    let first_due = add_months(since, months);
    match last {
        None if first_due >= input.today => (
            CheckStatus::NotYetDue,
            format!(
                "First meeting due by {} ({months} months after going active)",
                Day(first_due)
            ),
        ),
        None => (
            CheckStatus::NoRecord,
            format!(
                "No meeting with the Field Office Director is on record; the first was due by {}",
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
/// Any failure makes it not met; otherwise any missing fact makes it "no record".
fn per_officer(
    input: &CheckInput<'_>,
    found: &mut Option<Box<Officers>>,
    failing: &dyn fmt::Display,
    missing: &str,
    verdict: impl Fn(&Nominee) -> Option<bool>,
) -> (CheckStatus, String) {
    let total = input.nominees.len();
    if total == 0 {
        // Nothing was checked: never "met".
        return (
            CheckStatus::NoRecord,
            "No officer nominated is on record, so there is no one to check".into(),
        );
    }
    let mut failed = Vec::new();
    let mut unknown = Vec::new();
    let mut officers = Officers::default();
    for n in input.nominees {
        match verdict(n) {
            Some(true) => {}
            Some(false) => {
                failed.push(n.details.name.as_str());
                officers.failing.push(n.id);
            }
            None => {
                unknown.push(n.details.name.as_str());
                officers.missing.push(n.id);
            }
        }
    }
    if !(failed.is_empty() && unknown.is_empty()) {
        *found = Some(Box::new(officers));
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
            CheckStatus::NoRecord,
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
