//! Editing one requirement of the catalogue: its thresholds by name, the bounds a coordinator's
//! edit must keep, and the form that turns typed text into a requirement. The window and the
//! store both validate through [`Requirement::validate_edit`], so a form refuses exactly what
//! the store would.

use std::fmt;

use super::ValidationError;
use super::agreement::Model;
use super::catalogue::{Requirement, Rule};

/// A number in a rule that a coordinator may change. The rule's kind decides which it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threshold {
    /// The smallest number of officers nominated ([`Rule::Nominees`]).
    MinNominees,
    /// The longest gap between oversight meetings ([`Rule::OversightMeeting`]).
    MeetingMonths,
    /// Years of law enforcement experience ([`Rule::MinExperience`]).
    Years,
    /// The lowest passing exam score ([`Rule::ExamsPassed`]).
    PassMark,
    /// Attempts allowed at the exams ([`Rule::ExamsPassed`]).
    Attempts,
    /// The longest time between refresher trainings ([`Rule::RefresherCurrent`]).
    RefresherMonths,
}

impl Threshold {
    /// The field's name in errors and in the stored rule.
    pub fn field(self) -> &'static str {
        match self {
            Threshold::MinNominees => "min",
            Threshold::MeetingMonths | Threshold::RefresherMonths => "months",
            Threshold::Years => "years",
            Threshold::PassMark => "pass_mark",
            Threshold::Attempts => "attempts",
        }
    }

    /// The label a form shows above the field.
    pub fn label(self) -> &'static str {
        match self {
            Threshold::MinNominees => "Officers nominated, at least",
            Threshold::MeetingMonths => "Months between oversight meetings, at most",
            Threshold::Years => "Years of law enforcement experience, at least",
            Threshold::PassMark => "Pass mark (%)",
            Threshold::Attempts => "Attempts allowed (2 = one retake)",
            Threshold::RefresherMonths => "Months between refresher trainings, at most",
        }
    }

    /// What the field takes; said when a value is refused.
    pub fn expected(self) -> &'static str {
        match self {
            Threshold::MinNominees => "a whole number of officers, at least 1",
            Threshold::MeetingMonths | Threshold::RefresherMonths => {
                "a whole number of months from 1 to 120"
            }
            Threshold::Years => "a number of years from 0 to 40 (2.5 is allowed)",
            Threshold::PassMark => "the pass mark is a whole percentage from 1 to 100",
            Threshold::Attempts => "a whole number of attempts from 1 to 255",
        }
    }
}

impl Rule {
    /// The kind of rule as catalogues name it (`min_experience`): fixed once shipped, since
    /// what the engine evaluates depends on it.
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::WrittenRequest => "written_request",
            Rule::EligibleEntity => "eligible_entity",
            Rule::Jail => "jail",
            Rule::SignedMoa => "signed_moa",
            Rule::Attested => "attested",
            Rule::Nominees { .. } => "nominees",
            Rule::OversightMeeting { .. } => "oversight_meeting",
            Rule::UsCitizen => "us_citizen",
            Rule::BackgroundPassed => "background_passed",
            Rule::NoPendingDiscipline => "no_pending_discipline",
            Rule::MinExperience { .. } => "min_experience",
            Rule::ClearanceEligible => "clearance_eligible",
            Rule::ExamsPassed { .. } => "exams_passed",
            Rule::Certified => "certified",
            Rule::AuthorizationCurrent => "authorization_current",
            Rule::RefresherCurrent { .. } => "refresher_current",
            Rule::TrainingCompleted => "training_completed",
            Rule::Credentials => "credentials",
        }
    }

    /// The rule's thresholds with their values as a form shows them; empty for a rule that has
    /// none (a fact is recorded or it is not).
    pub fn thresholds(&self) -> Vec<(Threshold, String)> {
        match self {
            Rule::Nominees { min } => vec![(Threshold::MinNominees, min.to_string())],
            Rule::OversightMeeting { months } => {
                vec![(Threshold::MeetingMonths, months.to_string())]
            }
            Rule::MinExperience { years } => vec![(Threshold::Years, years.to_string())],
            Rule::ExamsPassed {
                pass_mark,
                attempts,
            } => vec![
                (Threshold::PassMark, pass_mark.to_string()),
                (Threshold::Attempts, attempts.to_string()),
            ],
            Rule::RefresherCurrent { months } => {
                vec![(Threshold::RefresherMonths, months.to_string())]
            }
            _ => Vec::new(),
        }
    }

    /// Sets a threshold from typed text. Refuses text that is not a number of the right kind;
    /// whether the number is within bounds is [`Requirement::validate_edit`]'s to say, so the
    /// store refuses the same values.
    pub fn set_threshold(
        &mut self,
        threshold: Threshold,
        raw: &str,
    ) -> Result<(), ValidationError> {
        let refused = || ValidationError::new(threshold.field(), raw, threshold.expected());
        let text = raw.trim();
        match (self, threshold) {
            (Rule::Nominees { min }, Threshold::MinNominees) => {
                *min = text.parse().map_err(|_| refused())?
            }
            (Rule::OversightMeeting { months }, Threshold::MeetingMonths)
            | (Rule::RefresherCurrent { months }, Threshold::RefresherMonths) => {
                *months = text.parse().map_err(|_| refused())?
            }
            (Rule::MinExperience { years }, Threshold::Years) => {
                *years = text.parse().map_err(|_| refused())?
            }
            (Rule::ExamsPassed { pass_mark, .. }, Threshold::PassMark) => {
                *pass_mark = text.trim_end_matches('%').parse().map_err(|_| refused())?
            }
            (Rule::ExamsPassed { attempts, .. }, Threshold::Attempts) => {
                *attempts = text.parse().map_err(|_| refused())?
            }
            (rule, _) => {
                return Err(ValidationError::new(
                    threshold.field(),
                    raw,
                    format!("a {} rule has no such threshold", rule.kind()),
                ));
            }
        }
        Ok(())
    }

    /// The thresholds in a coordinator's words ("at least 2 years of experience"); `None` for
    /// a rule that has none.
    pub fn in_words(&self) -> Option<String> {
        Some(match self {
            Rule::Nominees { min } => format!("at least {min} officer(s) nominated"),
            Rule::OversightMeeting { months } => {
                format!("an oversight meeting at least every {months} months")
            }
            Rule::MinExperience { years } => format!("at least {years} years of experience"),
            Rule::ExamsPassed {
                pass_mark,
                attempts,
            } => format!("{pass_mark}% or more within {attempts} attempt(s)"),
            Rule::RefresherCurrent { months } => {
                format!("a refresher at least every {months} months")
            }
            _ => return None,
        })
    }

    /// Each threshold outside its bounds.
    fn out_of_bounds(&self) -> Vec<ValidationError> {
        let months_ok = |m: u32| (1..=120).contains(&m);
        let mut errors = Vec::new();
        let mut check = |ok: bool, threshold: Threshold, value: String| {
            if !ok {
                errors.push(ValidationError::new(
                    threshold.field(),
                    &value,
                    threshold.expected(),
                ));
            }
        };
        match *self {
            Rule::Nominees { min } => check(min >= 1, Threshold::MinNominees, min.to_string()),
            Rule::OversightMeeting { months } => check(
                months_ok(months),
                Threshold::MeetingMonths,
                months.to_string(),
            ),
            Rule::RefresherCurrent { months } => check(
                months_ok(months),
                Threshold::RefresherMonths,
                months.to_string(),
            ),
            // NaN is outside every range, so it is refused too.
            Rule::MinExperience { years } => check(
                (0.0..=40.0).contains(&years),
                Threshold::Years,
                years.to_string(),
            ),
            Rule::ExamsPassed {
                pass_mark,
                attempts,
            } => {
                check(
                    (1..=100).contains(&pass_mark),
                    Threshold::PassMark,
                    pass_mark.to_string(),
                );
                check(attempts >= 1, Threshold::Attempts, attempts.to_string());
            }
            _ => {}
        }
        errors
    }
}

/// Said when a requirement is left applying to no model: a requirement that should no longer
/// be checked is retired, which keeps it for the decisions that name it.
pub const NO_MODEL: &str =
    "a requirement applies to at least one model: tick one, or retire it instead";

impl Requirement {
    /// Checks `self` as an edit of `before` (the same requirement as it stands): a title, at
    /// least one model, thresholds within bounds, and the same kind of rule. Every problem is
    /// returned, each naming its field.
    pub fn validate_edit(&self, before: &Requirement) -> Result<(), Vec<ValidationError>> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(ValidationError::new(
                "title",
                "",
                "a requirement needs a title saying what is required",
            ));
        }
        if self.models.is_empty() {
            errors.push(ValidationError::new("models", "", NO_MODEL));
        }
        if self.rule.kind() != before.rule.kind() {
            errors.push(ValidationError::new(
                "rule",
                self.rule.kind(),
                format!(
                    "the kind of rule cannot change (it is {}): checks and decisions rely on what it evaluates",
                    before.rule.kind()
                ),
            ));
        }
        errors.extend(self.rule.out_of_bounds());
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A requirement's editable parts as a coordinator types them. Its id, level, phase, source and
/// kind of rule are the requirement's own and are kept as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementForm {
    /// The title.
    pub title: String,
    /// The models it applies to.
    pub models: Vec<Model>,
    /// Each threshold of the rule, as typed.
    pub thresholds: Vec<(Threshold, String)>,
    /// Checked (true) or retired (false).
    pub enabled: bool,
}

impl RequirementForm {
    /// A form holding `r` as it stands.
    pub fn from_requirement(r: &Requirement) -> RequirementForm {
        RequirementForm {
            title: r.title.to_string(),
            models: r.models.clone(),
            thresholds: r.rule.thresholds(),
            enabled: r.enabled,
        }
    }

    /// Ticks or unticks a model.
    pub fn set_model(&mut self, model: Model, applies: bool) {
        self.models.retain(|m| *m != model);
        if applies {
            self.models.push(model);
        }
        // Kept in the catalogue's own order, so ticking and unticking again changes nothing.
        self.models
            .sort_by_key(|m| Model::ALL.iter().position(|x| x == m));
    }

    /// Sets the typed text of a threshold.
    pub fn set_threshold(&mut self, threshold: Threshold, value: String) {
        if let Some(slot) = self.thresholds.iter_mut().find(|(t, _)| *t == threshold) {
            slot.1 = value;
        }
    }

    /// The typed text of a threshold.
    pub fn threshold(&self, threshold: Threshold) -> &str {
        self.thresholds
            .iter()
            .find(|(t, _)| *t == threshold)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// The requirement this form makes of `before`, or every problem, each naming its field,
    /// in the order the form shows them.
    pub fn validate(&self, before: &Requirement) -> Result<Requirement, Vec<ValidationError>> {
        let mut rule = before.rule.clone();
        let mut unreadable = Vec::new();
        for (threshold, raw) in &self.thresholds {
            if let Err(e) = rule.set_threshold(*threshold, raw) {
                unreadable.push(e);
            }
        }
        let edited = Requirement {
            title: super::agency::clean_name(&self.title).into(),
            models: self.models.clone(),
            rule,
            enabled: self.enabled,
            ..before.clone()
        };
        let mut errors = edited.validate_edit(before).err().unwrap_or_default();
        // A threshold that could not be read kept its old value in `rule`: its reading error is
        // the one to show, not a bounds check of the old value.
        errors.retain(|e| !unreadable.iter().any(|u| u.field == e.field));
        errors.extend(unreadable);
        if errors.is_empty() {
            Ok(edited)
        } else {
            Err(errors)
        }
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Catalogue;

    fn shipped(id: &str) -> Requirement {
        Catalogue::shipped().get(id).unwrap().clone()
    }

    fn fields(errors: &[ValidationError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.field).collect()
    }

    #[test]
    fn an_unchanged_form_gives_back_the_requirement() {
        for r in Catalogue::shipped().requirements {
            assert_eq!(RequirementForm::from_requirement(&r).validate(&r), Ok(r));
        }
    }

    #[test]
    fn a_new_threshold_is_read_into_the_rule() {
        let before = shipped("officer.experience");
        let mut form = RequirementForm::from_requirement(&before);
        assert_eq!(form.threshold(Threshold::Years), "2");
        form.set_threshold(Threshold::Years, " 3.5 ".into());
        let edited = form.validate(&before).unwrap();
        assert_eq!(edited.rule, Rule::MinExperience { years: 3.5 });
        assert_eq!(edited.id, before.id);
        assert_eq!(edited.source, before.source);
        assert_eq!(
            edited.rule.in_words().unwrap(),
            "at least 3.5 years of experience"
        );
    }

    #[test]
    fn thresholds_outside_their_bounds_are_refused_beside_their_field() {
        let before = shipped("officer.exams");
        let refused = |pass_mark: &str, attempts: &str| {
            let mut form = RequirementForm::from_requirement(&before);
            form.set_threshold(Threshold::PassMark, pass_mark.into());
            form.set_threshold(Threshold::Attempts, attempts.into());
            form.validate(&before).err().unwrap_or_default()
        };
        assert_eq!(fields(&refused("0", "2")), ["pass_mark"]);
        assert_eq!(fields(&refused("150", "2")), ["pass_mark"]);
        assert_eq!(fields(&refused("101", "0")), ["pass_mark", "attempts"]);
        assert_eq!(fields(&refused("seventy", "2")), ["pass_mark"]);
        assert_eq!(fields(&refused("70", "-1")), ["attempts"]);
        assert!(refused("100", "1").is_empty());
        assert!(refused("1", "255").is_empty());
        assert!(refused("70%", "2").is_empty());
        let e = &refused("150", "2")[0];
        assert_eq!(e.value, "150");
        assert_eq!(
            e.message,
            "the pass mark is a whole percentage from 1 to 100"
        );
    }

    #[test]
    fn months_years_and_nominees_keep_their_bounds() {
        let cases = [
            (
                "agency.oversight_meeting",
                Threshold::MeetingMonths,
                "0",
                false,
            ),
            (
                "agency.oversight_meeting",
                Threshold::MeetingMonths,
                "1",
                true,
            ),
            (
                "agency.oversight_meeting",
                Threshold::MeetingMonths,
                "120",
                true,
            ),
            (
                "agency.oversight_meeting",
                Threshold::MeetingMonths,
                "121",
                false,
            ),
            (
                "officer.refresher_tfm",
                Threshold::RefresherMonths,
                "121",
                false,
            ),
            (
                "officer.refresher_tfm",
                Threshold::RefresherMonths,
                "6.5",
                false,
            ),
            ("officer.experience", Threshold::Years, "0", true),
            ("officer.experience", Threshold::Years, "40", true),
            ("officer.experience", Threshold::Years, "40.5", false),
            ("officer.experience", Threshold::Years, "-1", false),
            ("officer.experience", Threshold::Years, "NaN", false),
            ("officer.experience", Threshold::Years, "", false),
            ("agency.nominees", Threshold::MinNominees, "0", false),
            ("agency.nominees", Threshold::MinNominees, "1", true),
            ("agency.nominees", Threshold::MinNominees, "25", true),
        ];
        for (id, threshold, value, ok) in cases {
            let before = shipped(id);
            let mut form = RequirementForm::from_requirement(&before);
            form.set_threshold(threshold, value.into());
            let result = form.validate(&before);
            assert_eq!(result.is_ok(), ok, "{id} {value}: {result:?}");
            if let Err(errors) = result {
                assert_eq!(fields(&errors), [threshold.field()], "{id} {value}");
            }
        }
    }

    #[test]
    fn no_model_says_to_retire_instead_and_an_empty_title_is_refused() {
        let before = shipped("agency.jail");
        let mut form = RequirementForm::from_requirement(&before);
        form.set_model(Model::Jem, false);
        form.set_model(Model::Wso, false);
        form.title = "   ".into();
        let errors = form.validate(&before).unwrap_err();
        assert_eq!(fields(&errors), ["title", "models"]);
        assert!(errors[1].message.contains("retire it instead"));
    }

    #[test]
    fn models_stay_in_catalogue_order_and_a_retired_requirement_is_valid() {
        let before = shipped("agency.jail");
        let mut form = RequirementForm::from_requirement(&before);
        form.set_model(Model::Tfm, true);
        form.set_model(Model::Jem, false);
        form.set_model(Model::Jem, true);
        form.enabled = false;
        let edited = form.validate(&before).unwrap();
        assert_eq!(edited.models, [Model::Jem, Model::Tfm, Model::Wso]);
        assert!(!edited.enabled);
        assert!(!edited.applies_to(Model::Jem));
    }

    #[test]
    fn the_kind_of_rule_cannot_change() {
        let before = shipped("officer.experience");
        let mut edited = before.clone();
        edited.rule = Rule::Jail;
        let errors = edited.validate_edit(&before).unwrap_err();
        assert_eq!(fields(&errors), ["rule"]);
        assert!(errors[0].message.contains("min_experience"));
        let mut rule = Rule::Jail;
        assert!(rule.set_threshold(Threshold::Years, "3").is_err());
    }

    #[test]
    fn only_rules_with_numbers_have_thresholds() {
        for r in Catalogue::shipped().requirements {
            assert_eq!(
                r.rule.thresholds().is_empty(),
                r.rule.in_words().is_none(),
                "{}",
                r.id
            );
        }
        assert_eq!(
            shipped("officer.exams").rule.in_words().unwrap(),
            "70% or more within 2 attempt(s)"
        );
    }
}
