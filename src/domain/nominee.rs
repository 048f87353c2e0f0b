//! Officers an agency nominates for an agreement, with what the requirements look at.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::agreement::AgreementId;
use super::{ValidationError, parse_date};

pub use super::ids::NomineeId;

/// Where an officer's ICE background investigation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Background {
    /// ICE Form 70-009 not yet submitted.
    #[default]
    NotStarted,
    /// Submitted; no result yet.
    Pending,
    /// Passed.
    Passed,
    /// Failed: the officer cannot serve.
    Failed,
}

impl Background {
    /// Every state of the investigation, in order.
    pub const ALL: [Background; 4] = [
        Background::NotStarted,
        Background::Pending,
        Background::Passed,
        Background::Failed,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Background::NotStarted => "not_started",
            Background::Pending => "pending",
            Background::Passed => "passed",
            Background::Failed => "failed",
        }
    }

    /// Reads a stored code or its words.
    pub fn parse(input: &str) -> Option<Background> {
        let wanted = input.trim().to_lowercase().replace([' ', '-'], "_");
        Background::ALL.into_iter().find(|b| b.code() == wanted)
    }
}

impl fmt::Display for Background {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Background::NotStarted => "Not started",
            Background::Pending => "Pending",
            Background::Passed => "Passed",
            Background::Failed => "Failed",
        })
    }
}

/// What is recorded of one nominated officer. Every fact is optional where it may not be known
/// yet: the requirement engine says "unknown" for a missing fact, never guesses it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct NomineeDetails {
    /// The officer's name.
    pub name: String,
    /// U.S. citizen, once confirmed either way.
    pub us_citizen: Option<bool>,
    /// Years of law enforcement experience.
    pub years_experience: Option<f32>,
    /// ICE background investigation.
    pub background: Background,
    /// Date of the investigation's result (or of submission while pending).
    pub background_on: Option<NaiveDate>,
    /// Whether disciplinary action is pending against the officer.
    pub pending_discipline: Option<bool>,
    /// Eligible for a federal security clearance (TFM).
    pub clearance_eligible: Option<bool>,
    /// The training course taken (e.g. "JEM basic, ICE Academy").
    pub course: Option<String>,
    /// Date the course was completed.
    pub training_completed: Option<NaiveDate>,
    /// Exam scores in percent, one per attempt, in order.
    pub exam_scores: Vec<u8>,
    /// Date of written certification.
    pub certified_on: Option<NaiveDate>,
    /// The end of the officer's authorization as entered before g287 kept the authorization
    /// date; the end now follows from `authorized_on` and the model's term.
    pub authorization_expires: Option<NaiveDate>,
    /// Date of the last refresher training.
    pub last_refresher: Option<NaiveDate>,
    /// Date of the officer's authorization (TFM: valid two years from this date).
    #[serde(default)]
    pub authorized_on: Option<NaiveDate>,
    /// Date ICE issued the officer's credentials.
    #[serde(default)]
    pub credentials_issued_on: Option<NaiveDate>,
    /// Date the credentials were returned.
    #[serde(default)]
    pub credentials_returned_on: Option<NaiveDate>,
    /// Date the officer leaves (or left) 287(g) duties, or the authorization was revoked.
    #[serde(default)]
    pub leaves_on: Option<NaiveDate>,
    /// Date ICE was told of the departure or revocation (WSO: 90 days' notice; TFM: within
    /// 48 hours).
    #[serde(default)]
    pub leaving_reported_on: Option<NaiveDate>,
}

impl NomineeDetails {
    /// The exam scores as a coordinator reads them ("68%, 81%"), or "—" when none is recorded.
    pub fn exams_in_words(&self) -> String {
        if self.exam_scores.is_empty() {
            return "—".into();
        }
        self.exam_scores
            .iter()
            .map(|s| format!("{s}%"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// A nominee as the store holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nominee {
    /// Row id.
    pub id: NomineeId,
    /// The agreement the officer is nominated under.
    pub agreement_id: AgreementId,
    /// The recorded facts.
    #[serde(flatten)]
    pub details: NomineeDetails,
}

/// Raw text of a nominee form, field by field, as a coordinator types it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NomineeForm {
    /// Name.
    pub name: String,
    /// "yes", "no" or empty.
    pub us_citizen: String,
    /// A number of years, or empty.
    pub years_experience: String,
    /// A background code or empty.
    pub background: String,
    /// ISO date or empty.
    pub background_on: String,
    /// "yes", "no" or empty.
    pub pending_discipline: String,
    /// "yes", "no" or empty.
    pub clearance_eligible: String,
    /// Free text.
    pub course: String,
    /// ISO date or empty.
    pub training_completed: String,
    /// Scores separated by commas or spaces.
    pub exam_scores: String,
    /// ISO date or empty.
    pub certified_on: String,
    /// ISO date or empty.
    pub authorization_expires: String,
    /// ISO date or empty.
    pub last_refresher: String,
    /// ISO date or empty.
    pub authorized_on: String,
    /// ISO date or empty.
    pub credentials_issued_on: String,
    /// ISO date or empty.
    pub credentials_returned_on: String,
    /// ISO date or empty.
    pub leaves_on: String,
    /// ISO date or empty.
    pub leaving_reported_on: String,
}

impl NomineeForm {
    /// Fills a form from recorded details, for editing.
    pub fn from_details(d: &NomineeDetails) -> NomineeForm {
        let yes_no = |v: Option<bool>| match v {
            Some(true) => "yes".to_string(),
            Some(false) => "no".to_string(),
            None => String::new(),
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        NomineeForm {
            name: d.name.clone(),
            us_citizen: yes_no(d.us_citizen),
            years_experience: d
                .years_experience
                .map(|y| y.to_string())
                .unwrap_or_default(),
            background: d.background.code().to_string(),
            background_on: date(d.background_on),
            pending_discipline: yes_no(d.pending_discipline),
            clearance_eligible: yes_no(d.clearance_eligible),
            course: d.course.clone().unwrap_or_default(),
            training_completed: date(d.training_completed),
            exam_scores: d
                .exam_scores
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            certified_on: date(d.certified_on),
            authorization_expires: date(d.authorization_expires),
            last_refresher: date(d.last_refresher),
            authorized_on: date(d.authorized_on),
            credentials_issued_on: date(d.credentials_issued_on),
            credentials_returned_on: date(d.credentials_returned_on),
            leaves_on: date(d.leaves_on),
            leaving_reported_on: date(d.leaving_reported_on),
        }
    }

    /// Validates every field; all problems are returned, each naming its field.
    pub fn validate(&self) -> Result<NomineeDetails, Vec<ValidationError>> {
        let mut errors = Vec::new();
        let mut yes_no = |field: &'static str, raw: &str| -> Option<bool> {
            match raw.trim().to_lowercase().as_str() {
                "" => None,
                "yes" | "y" | "true" => Some(true),
                "no" | "n" | "false" => Some(false),
                _ => {
                    errors.push(ValidationError::new(
                        field,
                        raw,
                        "answer yes, no, or leave empty",
                    ));
                    None
                }
            }
        };
        let us_citizen = yes_no("us_citizen", &self.us_citizen);
        let pending_discipline = yes_no("pending_discipline", &self.pending_discipline);
        let clearance_eligible = yes_no("clearance_eligible", &self.clearance_eligible);
        let mut date = |field: &'static str, raw: &str| -> Option<NaiveDate> {
            if raw.trim().is_empty() {
                return None;
            }
            match parse_date(raw) {
                Some(d) => Some(d),
                None => {
                    errors.push(ValidationError::new(
                        field,
                        raw,
                        "give a date as YYYY-MM-DD",
                    ));
                    None
                }
            }
        };
        let background_on = date("background_on", &self.background_on);
        let training_completed = date("training_completed", &self.training_completed);
        let certified_on = date("certified_on", &self.certified_on);
        let authorization_expires = date("authorization_expires", &self.authorization_expires);
        let last_refresher = date("last_refresher", &self.last_refresher);
        let authorized_on = date("authorized_on", &self.authorized_on);
        let credentials_issued_on = date("credentials_issued_on", &self.credentials_issued_on);
        let credentials_returned_on =
            date("credentials_returned_on", &self.credentials_returned_on);
        let leaves_on = date("leaves_on", &self.leaves_on);
        let leaving_reported_on = date("leaving_reported_on", &self.leaving_reported_on);
        let name = super::agency::clean_name(&self.name);
        if name.is_empty() {
            errors.push(ValidationError::new("name", "", "a nominee needs a name"));
        }
        let years_experience = match self.years_experience.trim() {
            "" => None,
            raw => match raw.parse::<f32>() {
                Ok(y) if (0.0..=60.0).contains(&y) => Some(y),
                _ => {
                    errors.push(ValidationError::new(
                        "years_experience",
                        raw,
                        "give a number of years between 0 and 60",
                    ));
                    None
                }
            },
        };
        let background = match self.background.trim() {
            "" => Background::NotStarted,
            raw => Background::parse(raw).unwrap_or_else(|| {
                errors.push(ValidationError::new(
                    "background",
                    raw,
                    "the background investigation is not_started, pending, passed or failed",
                ));
                Background::NotStarted
            }),
        };
        let mut exam_scores = Vec::new();
        for part in self
            .exam_scores
            .split([',', ' ', ';'])
            .filter(|p| !p.trim().is_empty())
        {
            match part.trim().trim_end_matches('%').parse::<u8>() {
                Ok(score) if score <= 100 => exam_scores.push(score),
                _ => errors.push(ValidationError::new(
                    "exam_scores",
                    part,
                    "each score is a whole percentage from 0 to 100",
                )),
            }
        }
        if let (Some(returned), Some(issued)) = (credentials_returned_on, credentials_issued_on)
            && returned < issued
        {
            errors.push(ValidationError::new(
                "credentials_returned_on",
                &self.credentials_returned_on,
                format!("is before the credentials were issued ({issued})"),
            ));
        }
        if errors.is_empty() {
            Ok(NomineeDetails {
                name,
                us_citizen,
                years_experience,
                background,
                background_on,
                pending_discipline,
                clearance_eligible,
                course: super::agency::non_empty(&self.course),
                training_completed,
                exam_scores,
                certified_on,
                authorization_expires,
                last_refresher,
                authorized_on,
                credentials_issued_on,
                credentials_returned_on,
                leaves_on,
                leaving_reported_on,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_form_validates_and_round_trips() {
        let form = NomineeForm {
            name: " Jane  Smith ".into(),
            us_citizen: "Yes".into(),
            years_experience: "3.5".into(),
            background: "passed".into(),
            background_on: "2025-03-01".into(),
            exam_scores: "65, 82%".into(),
            ..NomineeForm::default()
        };
        let details = form.validate().unwrap();
        assert_eq!(details.name, "Jane Smith");
        assert_eq!(details.us_citizen, Some(true));
        assert_eq!(details.exam_scores, vec![65, 82]);
        assert_eq!(
            NomineeForm::from_details(&details).validate().unwrap(),
            details
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let form = NomineeForm {
            name: "".into(),
            us_citizen: "maybe".into(),
            years_experience: "-1".into(),
            background: "cleared".into(),
            certified_on: "31/02/2025".into(),
            exam_scores: "70, 140".into(),
            ..NomineeForm::default()
        };
        let fields: Vec<_> = form
            .validate()
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "us_citizen",
                "certified_on",
                "name",
                "years_experience",
                "background",
                "exam_scores"
            ]
        );
    }
}
