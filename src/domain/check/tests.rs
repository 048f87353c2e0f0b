use super::*;
use crate::domain::decision::{DecisionDraft, DecisionRefusal, Outcome, admit};
use crate::domain::ids::{AgencyId, AgreementId, NomineeId};
use crate::domain::{Agreement, Component, Model, NomineeDetails, State};

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn agency(has_jail: Option<bool>, kind: AgencyKind) -> AgencyDetails {
    AgencyDetails {
        state: State::parse("FL").unwrap(),
        name: "Polk County Sheriff's Office".into(),
        kind,
        county: Some("Polk".into()),
        ori: None,
        has_jail,
        contact: None,
    }
}

fn agreement(model: Model, status: Status) -> Agreement {
    Agreement {
        id: AgreementId(1),
        agency_id: AgencyId(1),
        model,
        component: Component::Ice,
        status,
        requested_on: Some(day("2025-01-10")),
        signed_on: None,
        moa: None,
        moa_url: None,
        last_listed_on: None,
        signing: Default::default(),
    }
}

fn nominee(id: i64, name: &str, f: impl FnOnce(&mut NomineeDetails)) -> Nominee {
    let mut details = NomineeDetails {
        name: name.into(),
        us_citizen: Some(true),
        years_experience: Some(5.0),
        background: Background::Passed,
        pending_discipline: Some(false),
        clearance_eligible: Some(true),
        exam_scores: vec![88],
        certified_on: Some(day("2025-06-01")),
        authorization_expires: Some(day("2027-06-01")),
        last_refresher: Some(day("2026-06-01")),
        ..NomineeDetails::default()
    };
    f(&mut details);
    Nominee {
        id: NomineeId(id),
        agreement_id: AgreementId(1),
        details,
    }
}

struct Case {
    agency: AgencyDetails,
    agreement: Agreement,
    nominees: Vec<Nominee>,
    attestations: Vec<Attestation>,
    meetings: Vec<NaiveDate>,
    waiver: Option<Waiver>,
    today: NaiveDate,
}

impl Case {
    fn new(model: Model, status: Status) -> Case {
        Case {
            agency: agency(Some(true), AgencyKind::County),
            agreement: agreement(model, status),
            nominees: vec![],
            attestations: vec![],
            meetings: vec![],
            waiver: None,
            today: day("2026-11-28"),
        }
    }

    fn run(&self) -> Vec<RequirementCheck> {
        check_agreement(
            &Catalogue::shipped(),
            CheckInput {
                agency: &self.agency,
                agreement: &self.agreement,
                active_since: Some(day("2025-05-01")),
                nominees: &self.nominees,
                attestations: &self.attestations,
                meetings: &self.meetings,
                waiver: self.waiver.as_ref(),
                today: self.today,
            },
        )
    }

    fn result(&self, id: &str) -> RequirementCheck {
        self.run()
            .into_iter()
            .find(|c| &*c.id == id)
            .unwrap_or_else(|| panic!("{id} not checked"))
    }
}

#[test]
fn only_the_models_requirements_are_checked() {
    let tfm = Case::new(Model::Tfm, Status::Pending).run();
    assert!(tfm.iter().any(|c| &*c.id == "officer.experience"));
    assert!(!tfm.iter().any(|c| &*c.id == "agency.jail"));
    let wso = Case::new(Model::Wso, Status::Pending).run();
    assert!(wso.iter().any(|c| &*c.id == "agency.jail"));
    assert!(!wso.iter().any(|c| &*c.id == "officer.experience"));
}

#[test]
fn background_reason_names_every_nominee_lacking_a_pass() {
    let mut case = Case::new(Model::Tfm, Status::Pending);
    case.nominees = vec![
        nominee(1, "J. Smith", |d| d.background = Background::Failed),
        nominee(2, "B. Ortiz", |_| {}),
        nominee(3, "A. Lee", |d| d.background = Background::Failed),
        nominee(4, "C. Wu", |_| {}),
        nominee(5, "D. Roe", |_| {}),
    ];
    let r = case.result("officer.background");
    assert_eq!(r.status, CheckStatus::NotMet);
    assert_eq!(
        r.reason,
        "2 of 5 nominees lack a passed background investigation: J. Smith, A. Lee"
    );
}

#[test]
fn missing_facts_are_unknown_never_guessed() {
    let mut case = Case::new(Model::Tfm, Status::Pending);
    case.nominees = vec![nominee(1, "J. Smith", |d| {
        d.years_experience = None;
        d.background = Background::Pending;
    })];
    assert_eq!(
        case.result("officer.experience").status,
        CheckStatus::NoRecord
    );
    let bg = case.result("officer.background");
    assert_eq!(bg.status, CheckStatus::NoRecord);
    assert!(bg.reason.contains("J. Smith"), "{}", bg.reason);
    case.agency.has_jail = None;
    case.agreement.model = Model::Jem;
    assert_eq!(case.result("agency.jail").status, CheckStatus::NoRecord);
    case.agreement.requested_on = None;
    assert_eq!(
        case.result("agency.written_request").status,
        CheckStatus::NoRecord
    );
}

#[test]
fn a_failure_outweighs_a_missing_fact() {
    let mut case = Case::new(Model::Tfm, Status::Pending);
    case.nominees = vec![
        nominee(1, "J. Smith", |d| d.years_experience = Some(1.0)),
        nominee(2, "A. Lee", |d| d.years_experience = None),
    ];
    let r = case.result("officer.experience");
    assert_eq!(r.status, CheckStatus::NotMet);
    assert!(
        r.reason.contains("1 of 2 nominees have less than 2 years"),
        "{}",
        r.reason
    );
    assert!(
        r.reason.contains("experience not recorded for A. Lee"),
        "{}",
        r.reason
    );
}

#[test]
fn a_jail_model_without_a_jail_is_not_met() {
    let mut case = Case::new(Model::Wso, Status::Requested);
    case.agency.has_jail = Some(false);
    let r = case.result("agency.jail");
    assert_eq!(r.status, CheckStatus::NotMet);
    assert!(r.reason.contains("WSO"));
}

#[test]
fn operation_requirements_are_not_yet_due_before_activation() {
    let case = Case::new(Model::Jem, Status::Pending);
    let r = case.result("officer.certified");
    assert_eq!(r.status, CheckStatus::NotYetDue);
    assert!(r.reason.starts_with("Not yet due"), "{}", r.reason);
    assert!(!r.status.blocks_acceptance());
}

#[test]
fn active_jem_agreements_owe_certification_exams_meetings_and_their_attestations() {
    let mut case = Case::new(Model::Jem, Status::Active);
    case.agreement.signed_on = Some(day("2025-05-01"));
    case.nominees = vec![
        nominee(1, "J. Smith", |d| d.certified_on = None),
        nominee(2, "A. Lee", |d| d.exam_scores = vec![60, 65]),
        nominee(3, "C. Wu", |d| {
            d.credentials_issued_on = Some(day("2025-06-02"))
        }),
    ];
    let certified = case.result("officer.certified");
    assert_eq!(
        certified.status,
        CheckStatus::NoRecord,
        "{}",
        certified.reason
    );
    assert!(case.result("officer.exams").reason.contains("A. Lee"));
    assert_eq!(case.result("officer.exams").status, CheckStatus::NotMet);
    let meeting = case.result("agency.oversight_meeting");
    assert_eq!(meeting.status, CheckStatus::NoRecord, "none on record");
    assert!(meeting.reason.contains("2026-05-01"), "{}", meeting.reason);
    case.meetings = vec![day("2025-09-15")];
    let late = case.result("agency.oversight_meeting");
    assert_eq!(
        late.status,
        CheckStatus::NotMet,
        "the last one is over a year old"
    );
    assert!(late.reason.contains("2026-09-15"), "{}", late.reason);
    case.meetings = vec![day("2026-03-15")];
    assert_eq!(
        case.result("agency.oversight_meeting").status,
        CheckStatus::Met
    );
    assert_eq!(case.result("agency.isa").status, CheckStatus::NoRecord);
    case.attestations = vec![Attestation {
        recorded_by: Some("mlopez".into()),
        requirement_id: "agency.isa".into(),
        met: true,
        on: day("2025-05-20"),
        note: Some("ISA signed for the county jail".into()),
    }];
    let isa = case.result("agency.isa");
    assert_eq!(isa.status, CheckStatus::Met);
    assert!(
        isa.reason.contains("by mlopez: ISA signed"),
        "{}",
        isa.reason
    );
    let credentials = case.result("officer.credentials");
    assert_eq!(credentials.status, CheckStatus::NoRecord);
    assert!(
        credentials.reason.contains("A. Lee"),
        "{}",
        credentials.reason
    );
    assert!(
        !credentials.reason.contains("C. Wu"),
        "{}",
        credentials.reason
    );
}

#[test]
fn an_officer_who_left_must_have_returned_the_credentials() {
    let mut case = Case::new(Model::Wso, Status::Active);
    case.nominees = vec![nominee(1, "J. Smith", |d| {
        d.credentials_issued_on = Some(day("2025-06-02"));
        d.leaves_on = Some(day("2026-10-01"));
    })];
    let r = case.result("officer.credentials");
    assert_eq!(r.status, CheckStatus::NotMet, "{}", r.reason);
    case.nominees[0].details.credentials_returned_on = Some(day("2026-10-01"));
    assert_eq!(case.result("officer.credentials").status, CheckStatus::Met);
}

#[test]
fn a_tfm_authorization_dated_2025_03_01_expires_2027_03_01() {
    let mut case = Case::new(Model::Tfm, Status::Active);
    case.nominees = vec![nominee(1, "D. Roe", |d| {
        d.authorization_expires = None;
        d.authorized_on = Some(day("2025-03-01"));
    })];
    case.today = day("2027-03-01");
    assert_eq!(
        case.result("officer.authorization").status,
        CheckStatus::Met
    );
    case.today = day("2027-03-02");
    let r = case.result("officer.authorization");
    assert_eq!(r.status, CheckStatus::NotMet);
    assert!(r.reason.contains("D. Roe"), "{}", r.reason);
}

#[test]
fn an_agreement_with_no_nominees_has_no_officer_requirement_met() {
    for model in Model::ALL {
        for status in [Status::Requested, Status::Active] {
            let case = Case::new(model, status);
            for c in case.run() {
                if c.level == Level::Officer {
                    assert_ne!(c.status, CheckStatus::Met, "{model} {status}: {c:?}");
                }
            }
        }
    }
    let case = Case::new(Model::Jem, Status::Active);
    assert_eq!(
        case.result("officer.background").status,
        CheckStatus::NoRecord
    );
    assert_eq!(case.result("agency.nominees").status, CheckStatus::NoRecord);
}

#[test]
fn an_agreement_imported_from_ices_list_shows_no_record_not_not_met() {
    // What a list gives: the agency, the model, ACTIVE and SIGNED; nothing else.
    let mut case = Case::new(Model::Jem, Status::Active);
    case.agency.has_jail = None;
    case.agreement.requested_on = None;
    case.agreement.signed_on = Some(day("2025-02-20"));
    let checks = case.run();
    let tally = Tally::of(&checks);
    assert_eq!(tally.not_met, 0, "{checks:#?}");
    assert!(tally.no_record >= 6, "{tally:?}");
    assert_eq!(case.result("agency.signed_moa").status, CheckStatus::Met);
}

#[test]
fn each_model_carries_only_the_requirements_its_moa_states() {
    let has = |model, id: &str| {
        Case::new(model, Status::Active)
            .run()
            .iter()
            .any(|c| &*c.id == id)
    };
    use Model::{Jem, Tfm, Wso};
    let expect = [
        ("agency.oversight_meeting", [true, false, true]),
        ("agency.isa", [true, true, false]),
        ("agency.data_reporting", [false, true, false]),
        ("agency.complaint_procedure", [true, false, true]),
        ("agency.systems_access", [true, true, false]),
        ("officer.certified", [true, false, true]),
        ("officer.credentials", [true, false, true]),
        ("officer.clearance", [false, true, false]),
        ("officer.experience", [false, true, false]),
        ("officer.authorization", [false, true, false]),
        ("officer.refresher_jem", [false, false, false]),
        ("officer.refresher_tfm", [false, false, false]),
        ("officer.refresher_wso", [false, false, false]),
    ];
    for (id, models) in expect {
        for (model, wanted) in [Jem, Tfm, Wso].into_iter().zip(models) {
            assert_eq!(has(model, id), wanted, "{id} for {model}");
        }
    }
}

#[test]
fn a_single_failed_exam_attempt_is_not_yet_a_failure() {
    let mut case = Case::new(Model::Jem, Status::Active);
    case.nominees = vec![nominee(1, "J. Smith", |d| d.exam_scores = vec![60])];
    assert_eq!(case.result("officer.exams").status, CheckStatus::NoRecord);
}

fn draft(outcome: Outcome, justification: Option<&str>) -> DecisionDraft {
    DecisionDraft {
        agreement_id: AgreementId(1),
        component: Component::Ice,
        outcome,
        decided_on: day("2026-11-01"),
        official: "R. Jones, ERO Assistant Director".into(),
        grounds: None,
        override_justification: justification.map(str::to_string),
        suspended_until: None,
    }
}

#[test]
fn acceptance_without_override_is_refused_when_a_requirement_is_unmet() {
    let mut case = Case::new(Model::Jem, Status::Pending);
    case.nominees = vec![nominee(1, "J. Smith", |_| {})];
    case.agency.has_jail = Some(false);
    let checks = case.run();
    let refusal = admit(
        &draft(Outcome::Accepted, None),
        Component::Ice,
        Status::Pending,
        false,
        &checks,
    )
    .unwrap_err();
    assert_eq!(
        refusal,
        DecisionRefusal::OverrideNeeded {
            unmet: vec!["agency.jail".into()]
        }
    );
    assert!(matches!(
        admit(
            &draft(Outcome::Accepted, Some("ok")),
            Component::Ice,
            Status::Pending,
            false,
            &checks
        ),
        Err(DecisionRefusal::Invalid(_))
    ));
    let waived = admit(
        &draft(
            Outcome::Accepted,
            Some("Jail under construction, ready March 2027"),
        ),
        Component::Ice,
        Status::Pending,
        false,
        &checks,
    )
    .unwrap();
    assert_eq!(waived, ["agency.jail"]);
    case.waiver = Some(Waiver {
        requirement_ids: waived,
        decided_on: day("2026-11-01"),
        official: "R. Jones, ERO Assistant Director".into(),
        justification: "Jail under construction, ready March 2027".into(),
    });
    let r = case.result("agency.jail");
    assert_eq!(r.status, CheckStatus::Waived);
    assert!(r.reason.contains("Jail under construction"), "{}", r.reason);
}

#[test]
fn acceptance_with_everything_met_needs_no_override() {
    let mut case = Case::new(Model::Jem, Status::Pending);
    case.nominees = vec![nominee(1, "J. Smith", |_| {})];
    let checks = case.run();
    assert_eq!(Tally::of(&checks).blocking(), 0, "{checks:#?}");
    assert_eq!(
        admit(
            &draft(Outcome::Accepted, None),
            Component::Ice,
            Status::Pending,
            false,
            &checks
        ),
        Ok(vec![])
    );
}

#[test]
fn decisions_follow_the_lifecycle_and_the_component() {
    let checks = Case::new(Model::Jem, Status::Active).run();
    assert!(matches!(
        admit(
            &draft(Outcome::Accepted, None),
            Component::Cbp,
            Status::Pending,
            false,
            &checks
        ),
        Err(DecisionRefusal::WrongComponent { .. })
    ));
    assert!(matches!(
        admit(
            &draft(Outcome::Declined, None),
            Component::Ice,
            Status::Active,
            false,
            &checks
        ),
        Err(DecisionRefusal::NotAllowed { .. })
    ));
    assert!(
        admit(
            &draft(Outcome::Suspended, None),
            Component::Ice,
            Status::Active,
            false,
            &checks
        )
        .is_ok()
    );
}

#[test]
fn months_clamp_to_the_end_of_the_month() {
    assert_eq!(add_months(day("2025-01-31"), 1), day("2025-02-28"));
    assert_eq!(add_months(day("2024-02-29"), 12), day("2025-02-28"));
}

#[test]
fn only_what_nothing_else_can_tell_is_recorded_by_hand() {
    let county = Case::new(Model::Jem, Status::Active);
    assert!(county.result("agency.isa").recordable);
    assert!(
        !county.result("agency.eligible_entity").recordable,
        "its type tells"
    );
    assert!(!county.result("officer.certified").recordable);
    let mut other = Case::new(Model::Jem, Status::Active);
    other.agency.kind = AgencyKind::Other;
    assert!(other.result("agency.eligible_entity").recordable);
}

#[test]
fn a_jem_or_tfm_suspension_states_its_length_and_a_wso_one_need_not() {
    use crate::domain::calendar::DeadlineKind;
    use crate::domain::decision::check_suspension_length;
    let shipped = Catalogue::shipped();
    let mut suspend = draft(Outcome::Suspended, None);
    for (model, needed) in [(Model::Jem, true), (Model::Tfm, true), (Model::Wso, false)] {
        let term = shipped.term(DeadlineKind::SuspensionEnds, model, Component::Ice, None);
        assert_eq!(
            check_suspension_length(&suspend, term).is_err(),
            needed,
            "{model}"
        );
    }
    let jem = shipped.term(
        DeadlineKind::SuspensionEnds,
        Model::Jem,
        Component::Ice,
        None,
    );
    suspend.suspended_until = Some(day("2026-11-01"));
    let err = check_suspension_length(&suspend, jem).unwrap_err();
    assert_eq!(err.field, "suspended_until", "it ends after it begins");
    suspend.suspended_until = Some(day("2027-02-01"));
    assert_eq!(check_suspension_length(&suspend, jem), Ok(()));

    // The calendar: the day it ends, while the agreement stays suspended.
    let mut a = agreement(Model::Jem, Status::Suspended);
    let span = Some((day("2026-11-01"), day("2027-02-01")));
    let d = crate::domain::calendar::suspension_deadline(&shipped, &a, span, day("2027-02-02"))
        .unwrap();
    assert_eq!((d.due, d.overdue), (day("2027-02-01"), true));
    a.status = Status::Active;
    assert!(
        crate::domain::calendar::suspension_deadline(&shipped, &a, span, day("2027-02-02"))
            .is_none()
    );
}
