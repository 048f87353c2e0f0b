//! The Agency screen driven headless: the checklist, an acceptance refused without an override
//! and recorded with one, nominees changing the checklist, obligations and the MOA's signatures
//! recorded through their forms, and bad input shown beside its field.
//! Each change goes through the real registry, as the application's worker writes it.

use crate::common;

use common::{agency_with_request, day, sheriff};
use g287::domain::{
    AgencyId, CheckStatus, Component, DecisionDraft, DecisionRefusal, Model, Outcome, Status,
};
use g287::registry::RegistryError;
use g287::store::{Store, StoreError};
use g287::ui::screen::agency::{
    Action, Agency, DecisionField, DetailField, Edit, Message, NomineeField, ObligationField, Save,
    Saved, SigningField, nominee, obligation,
};
use iced::keyboard::key::Named;
use iced_test::Simulator;
use iced_test::core::widget::Id;
use iced_test::core::{Settings, Size};
use iced_test::selector::Candidate;

/// The day the screens are checked as of.
const TODAY: &str = "2026-11-28";

/// A window tall enough to show the whole page, as a coordinator scrolling would see it.
fn simulator(screen: &Agency) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings::default(),
        Size::new(1280.0, 5000.0),
        screen.view(),
    )
}

/// Polk County Sheriff's Office, FL, with a requested JEM agreement; `has_jail` as given.
fn setup(has_jail: Option<bool>) -> (tempfile::TempDir, Store, AgencyId) {
    let (dir, mut store) = common::store();
    let (agency, _) = agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let mut details = sheriff("Polk County Sheriff's Office");
    details.has_jail = has_jail;
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    // Opened once through the registry, as the window opens it before any screen: the
    // national list is read then and the agency linked, so the screen is read after that.
    drop(common::open_registry(dir.path()).unwrap());
    (dir, store, agency)
}

fn screen(store: &Store, agency: AgencyId) -> Agency {
    Agency::loaded(store.agency_detail(agency, day(TODAY)).unwrap())
}

/// Clicks and types on the view, feeds the messages to the screen, returns the actions.
fn act(screen: &mut Agency, interact: impl FnOnce(&mut Simulator<'_, Message>)) -> Vec<Action> {
    let messages: Vec<Message> = {
        let mut ui = simulator(screen);
        interact(&mut ui);
        ui.into_messages().collect()
    };
    messages.into_iter().map(|m| screen.update(m)).collect()
}

/// Clicks a field (found by its placeholder or value) and types at the end of it.
fn type_into(screen: &mut Agency, field: &str, typed: &str) -> Vec<Action> {
    act(screen, |ui| {
        ui.click(field).unwrap();
        ui.tap_key(Named::End);
        ui.typewrite(typed);
    })
}

/// Clicks the button (or text) showing `label`.
fn press(screen: &mut Agency, label: &str) -> Vec<Action> {
    act(screen, |ui| {
        ui.click(label).unwrap();
    })
}

/// Clicks the field showing `shown`, erases it key by key and types `typed` instead.
fn retype(screen: &mut Agency, shown: &str, typed: &str) -> Vec<Action> {
    act(screen, |ui| {
        ui.click(shown).unwrap();
        ui.tap_key(Named::End);
        for _ in shown.chars() {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite(typed);
    })
}

fn sees(screen: &Agency, what: &str) -> bool {
    simulator(screen).find(what).is_ok()
}

/// How many texts read exactly `what`.
fn count(screen: &Agency, what: &str) -> usize {
    let mut n = 0;
    let _ = simulator(screen).find(|c: Candidate<'_>| {
        if let Candidate::Text { content, .. } = c
            && content == what
        {
            n += 1;
        }
        None::<()>
    });
    n
}

/// Some text contains `part` (a long line, such as a history entry or a nominee's facts).
fn sees_part(screen: &Agency, part: &str) -> bool {
    simulator(screen)
        .find(|c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(part) => Some(()),
            _ => None,
        })
        .is_ok()
}

/// The saves the actions ask for.
fn asked(actions: Vec<Action>) -> Vec<Save> {
    actions
        .into_iter()
        .filter_map(|a| match a {
            Action::Save(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// The edits the actions ask to save.
fn saves(actions: Vec<Action>) -> Vec<Edit> {
    asked(actions).into_iter().map(|s| s.edit).collect()
}

/// Writes the one save the actions hold through the registry and hands its answer back to the
/// screen, as the application's worker does (the agency read back as of the test's day).
fn apply(store: &mut Store, screen: &mut Agency, actions: Vec<Action>) -> Edit {
    let asked = asked(actions);
    let [save] = asked.as_slice() else {
        panic!("expected one save, got {asked:?}")
    };
    let registry = common::open_registry(&crate::common::data_dir_of_store(store))
        .unwrap()
        .as_user("tester");
    let result = registry
        .edit(&save.edit)
        .map(|d| store.agency_detail(d.agency.id, day(TODAY)).unwrap());
    screen.saved(Saved {
        save: save.clone(),
        result,
    });
    save.edit.clone()
}

#[test]
fn the_checklist_shows_every_requirement_with_its_outcome_and_reason() {
    let (_dir, store, agency) = setup(None);
    let detail = store.agency_detail(agency, day(TODAY)).unwrap();
    let checks = detail.agreements[0].checks.clone();
    let s = Agency::loaded(detail);
    // Nothing is not met: the jail and the officers are not on record, and what a requested
    // agreement owes once active is not due yet.
    assert!(sees(&s, "3 with no record, of 14 requirements"));
    for c in &checks {
        assert!(sees(&s, &c.title), "title of {}", c.id);
        assert!(sees(&s, &c.reason), "reason of {}", c.id);
    }
    assert!(sees(&s, "Runs a jail or correctional facility"));
    assert!(sees(&s, "Whether the agency runs a jail is not recorded"));
    assert!(sees(&s, "No record"));
    assert!(sees(&s, "Not yet due"));
    assert!(sees(&s, "Met"));
    assert!(!sees(&s, "Not met"));
    assert!(sees(&s, "Written request received on 2026-01-05"));
    assert!(sees(&s, "catalogue version 1"));
    assert!(
        sees(
            &s,
            "agency.jail · agency level, due before acceptance · source: JEM and WSO MOAs: officers act \"in the LEA's jail/correctional facilities\" (HAM p1; BAK p1; CRE p1)"
        ),
        "where each requirement comes from"
    );
}

#[test]
fn an_acceptance_needs_a_written_override_when_a_requirement_is_unmet() {
    let (_dir, mut store, agency) = setup(Some(false));
    let mut s = screen(&store, agency);
    press(&mut s, "Record decision…");
    assert!(sees(&s, "Record a decision"));
    // The jail is not met; the officers' citizenship and background have no record, since no
    // officer is nominated yet.
    assert!(sees(
        &s,
        "3 requirements are not met or with no record. Accepting needs a written override justification:"
    ));
    assert!(sees(
        &s,
        "The agency runs no jail, which the JEM model needs"
    ));
    // The decision's date is typed as any other field; set it so the test does not depend on
    // the day it runs.
    s.update(Message::Decision(DecisionField::Date, TODAY.into()));
    type_into(&mut s, "e.g. R. Jones", "R. Jones");
    type_into(
        &mut s,
        "e.g. ERO Assistant Director",
        "ERO Assistant Director",
    );
    let refused = act(&mut s, |ui| {
        let _ = ui.click("Record this decision");
        let _ = ui.tap_key(Named::Enter);
    });
    assert!(
        saves(refused).is_empty(),
        "no acceptance without an override"
    );
    assert!(sees(
        &s,
        "3 requirements are not met or with no record: accepting needs a written override justification of at least 20 characters (0 so far)."
    ));
    type_into(
        &mut s,
        "why the services are accepted nonetheless",
        "Too short",
    );
    assert!(sees(&s, "9 of at least 20 characters"));
    assert!(
        saves(act(&mut s, |ui| {
            let _ = ui.click("Record this decision");
        }))
        .is_empty()
    );
    type_into(&mut s, "Too short", "; detainees go to the jail next door");
    assert!(sees(
        &s,
        "ICE accepted the services of Polk County Sheriff's Office under the Jail Enforcement Model on 2026-11-28 (R. Jones, ERO Assistant Director). The agreement stays pending until the MOA is signed by both parties. 3 requirements are waived by the override: Runs a jail or correctional facility; Each nominee is a U.S. citizen; Each nominee passed ICE's background investigation."
    ));
    let actions = press(&mut s, "Record this decision");
    let edit = apply(&mut store, &mut s, actions);
    let Edit::Decide(draft) = edit else {
        panic!("{edit:?}")
    };
    assert_eq!(draft.outcome, Outcome::Accepted);
    assert_eq!(draft.official, "R. Jones, ERO Assistant Director");
    assert_eq!(
        draft.override_justification.as_deref(),
        Some("Too short; detainees go to the jail next door")
    );
    assert!(!sees(&s, "Record a decision"), "the dialog closed");
    assert!(sees(&s, "Waived"));
    // Acceptance is not signing: the agreement waits as pending for both signatures.
    assert!(sees(&s, "Jail Enforcement Model · ICE · Pending"));
    assert!(sees(
        &s,
        "Waived: Runs a jail or correctional facility; Each nominee is a U.S. citizen; Each nominee passed ICE's background investigation"
    ));
    assert!(sees(
        &s,
        "All 14 requirements met, waived or not yet due (3 waived, 9 not yet due)"
    ));
    assert!(sees(
        &s,
        "Override: Too short; detainees go to the jail next door"
    ));
    assert!(sees(&s, "Requested → Pending"));
}

#[test]
fn a_refused_decision_keeps_the_dialog_open_with_the_reason() {
    let (_dir, store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    s.update(Message::OpenDecision);
    s.update(Message::DecisionOutcome(Outcome::Declined));
    type_into(&mut s, "e.g. R. Jones", "R. Jones");
    type_into(
        &mut s,
        "e.g. ERO Assistant Director",
        "ERO Assistant Director",
    );
    let asked = asked(press(&mut s, "Record this decision"));
    let [save] = asked.as_slice() else {
        panic!("expected one save, got {asked:?}")
    };
    assert!(matches!(&save.edit, Edit::Decide(d) if d.outcome == Outcome::Declined));
    // Another window decided meanwhile: the store refuses what this one saw as allowed.
    s.saved(Saved {
        save: save.clone(),
        result: Err(RegistryError::Store(StoreError::Refused(
            DecisionRefusal::NotAllowed {
                from: Status::Declined,
                to: Status::Declined,
            },
        ))),
    });
    assert!(sees(&s, "Record a decision"), "the dialog stays open");
    assert!(sees(
        &s,
        "The store refused it: an agreement that is Declined cannot become Declined"
    ));
    assert!(sees(&s, "R. Jones"), "what was typed is kept");
}

#[test]
fn a_decision_the_lifecycle_forbids_cannot_be_confirmed() {
    let (_dir, store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    s.update(Message::OpenDecision);
    s.update(Message::DecisionOutcome(Outcome::Suspended));
    type_into(&mut s, "e.g. R. Jones", "R. Jones");
    assert!(sees(
        &s,
        "An agreement that is Requested cannot become Suspended. Give the official's title. Give the day the suspension ends: immediate suspension for the length stated in ICE's notice."
    ));
    assert!(
        saves(act(&mut s, |ui| {
            let _ = ui.click("Record this decision");
        }))
        .is_empty()
    );
}

#[test]
fn adding_a_nominee_changes_the_checklist() {
    let (_dir, mut store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    assert!(sees(&s, "2 with no record, of 14 requirements"));
    assert!(sees(
        &s,
        "No officer nominated is on record, so there is no one to check"
    ));
    assert!(sees(&s, "Nominated officers (0)"));
    press(&mut s, "Add nominee");
    assert!(sees(&s, "Nominate an officer"));
    type_into(&mut s, "e.g. Jane Smith", "A. Lee");
    type_into(&mut s, "e.g. 4.5", "3");
    let actions = press(&mut s, "Save nominee");
    let edit = apply(&mut store, &mut s, actions);
    assert!(matches!(&edit, Edit::AddNominee { details, .. } if details.name == "A. Lee"));
    assert!(sees(&s, "Nominated officers (1)"));
    assert!(!sees(&s, "Nominate an officer"), "the form closed");
    assert!(sees(
        &s,
        "1 of 1 nominees: background investigation not started or pending: A. Lee"
    ));
    assert!(sees(
        &s,
        "1 of 1 nominees: citizenship not recorded: A. Lee"
    ));
    // The same two requirements still have no record, now because of what A. Lee lacks.
    assert!(sees(&s, "2 with no record, of 14 requirements"));
    assert!(!sees(
        &s,
        "No officer nominated is on record, so there is no one to check"
    ));
}

#[test]
fn a_nominee_is_edited_then_removed_after_a_confirmation() {
    let (_dir, mut store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    s.update(Message::NewNominee);
    type_into(&mut s, "e.g. Jane Smith", "A. Lee");
    let actions = press(&mut s, "Save nominee");
    apply(&mut store, &mut s, actions);

    press(&mut s, "Edit");
    assert!(sees(&s, "Change the nominee's facts"));
    // The yes/no facts are pick lists; what they send is what the form would hold.
    s.update(Message::Nominee(NomineeField::UsCitizen, "yes".into()));
    s.update(Message::Nominee(NomineeField::Background, "passed".into()));
    type_into(&mut s, "e.g. 65, 82", "65, 140");
    let bad = press(&mut s, "Save nominee");
    assert!(saves(bad).is_empty());
    assert!(sees(
        &s,
        "140: each score is a whole percentage from 0 to 100"
    ));
    retype(&mut s, "65, 140", "65, 82");
    let actions = press(&mut s, "Save nominee");
    let edit = apply(&mut store, &mut s, actions);
    assert!(
        matches!(&edit, Edit::UpdateNominee { details, .. } if details.exam_scores == [65, 82] && details.us_citizen == Some(true)),
        "{edit:?}"
    );
    assert!(sees(&s, "All 1 nominee(s) meet it"));
    assert!(!sees(
        &s,
        "1 of 1 nominees: citizenship not recorded: A. Lee"
    ));

    let asked = press(&mut s, "Remove");
    assert!(
        saves(asked).is_empty(),
        "nothing is removed before the confirmation"
    );
    assert!(sees(
        &s,
        "Remove A. Lee from this agreement? The history keeps what was recorded."
    ));
    let actions = press(&mut s, "Remove nominee");
    let edit = apply(&mut store, &mut s, actions);
    assert!(matches!(edit, Edit::RemoveNominee { .. }));
    assert!(sees(&s, "Nominated officers (0)"));
    assert!(
        sees(&s, "nominee 1 · delete"),
        "the history shows the removal"
    );
}

#[test]
fn a_request_adds_an_agreement_and_brings_it_into_view() {
    let (_dir, mut store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    s.update(Message::RequestDate("2026-11-02".into()));
    let actions = press(&mut s, "Record request");
    let edit = apply(&mut store, &mut s, actions);
    assert!(matches!(
        edit,
        Edit::AddAgreement {
            model: Model::Tfm,
            ..
        }
    ));
    assert!(sees(&s, "Agreements (2)"));
    assert!(sees(&s, "Task Force Model with ICE"));
    assert!(sees(
        &s,
        "Each nominee has at least 2 years of law enforcement experience"
    ));
    // The same request again is refused by the store, and said beside the row.
    s.update(Message::RequestDate("2026-11-02".into()));
    let actions = press(&mut s, "Record request");
    apply(&mut store, &mut s, actions);
    assert!(sees(
        &s,
        &format!("agency {agency} already has a TFM agreement with ICE (agreement 2)")
    ));
}

#[test]
fn a_bad_ori_is_shown_beside_its_field_and_nothing_is_saved() {
    let (_dir, store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    // The ORI linked from the national list, retyped.
    s.update(Message::Detail(DetailField::Ori, "TX123".into()));
    let edits = saves(press(&mut s, "Save details"));
    assert!(edits.is_empty());
    assert!(sees(&s, "TX123: an ORI has 9 characters; this one has 5"));
}

#[test]
fn a_name_another_agency_holds_is_refused_beside_the_name() {
    let (_dir, mut store, agency) = setup(Some(true));
    store
        .write(|w| w.create_agency(&sheriff("Lake County Sheriff's Office")))
        .unwrap();
    let mut s = screen(&store, agency);
    s.update(Message::Detail(
        DetailField::Name,
        "Lake County Sheriff's Office".into(),
    ));
    let actions = press(&mut s, "Save details");
    apply(&mut store, &mut s, actions);
    assert!(sees(
        &s,
        "Lake County Sheriff's Office: agency 2 in FL already has this name"
    ));
    assert_eq!(s.title(), "Polk County Sheriff's Office", "nothing changed");
}

#[test]
fn a_new_agency_is_created_from_the_empty_form() {
    let (_dir, mut store) = common::store();
    let mut s = Agency::new_agency();
    assert_eq!(s.title(), "New agency");
    let refused = press(&mut s, "Create agency");
    assert!(saves(refused).is_empty());
    assert!(sees(&s, "an agency needs a name"));
    assert!(sees(
        &s,
        "the type is County, Municipality, State Agency or Other"
    ));
    type_into(&mut s, "e.g. TX or Texas", "FL");
    type_into(&mut s, "Agency name", "Polk County Sheriff's Office");
    s.update(Message::Kind(g287::domain::AgencyKind::County));
    let actions = press(&mut s, "Create agency");
    let edit = apply(&mut store, &mut s, actions);
    assert!(matches!(edit, Edit::SaveAgency { id: None, .. }));
    assert!(s.id().is_some());
    // Registering it linked it to its ORI in the national list (the FBI's "Polk", County).
    assert!(sees(&s, "Florida · County · ORI FL0530000"));
    assert!(sees(&s, "ORI FL0530000: matched by name and type"));
    assert!(sees(
        &s,
        "Polk (County, POLK) · population served 541,319 · 774 sworn officers (2025)"
    ));
    assert!(sees(&s, "Agreements (0)"));
}

/// Polk County with an ICE agreement of `model` active since 2026-01-05 (signed that day, from
/// ICE's list), so that what an active agreement owes is due.
fn active(model: Model) -> (tempfile::TempDir, Store, AgencyId) {
    let (dir, mut store) = common::store();
    let (agency, _) = common::agency_with_agreement(
        &mut store,
        "Polk County Sheriff's Office",
        model,
        Status::Active,
        day("2026-01-05"),
    );
    (dir, store, agency)
}

/// The status the checklist shows for `requirement`.
fn status_of(store: &Store, agency: AgencyId, requirement: &str) -> CheckStatus {
    let detail = store.agency_detail(agency, day(TODAY)).unwrap();
    detail.agreements[0]
        .checks
        .iter()
        .find(|c| &*c.id == requirement)
        .unwrap()
        .status
}

#[test]
fn an_obligation_recorded_through_its_form_turns_no_record_into_met() {
    let (_dir, mut store, agency) = active(Model::Jem);
    let systems = "agency.systems_access";
    assert_eq!(status_of(&store, agency, systems), CheckStatus::NoRecord);
    let mut s = screen(&store, agency);
    assert!(sees(&s, "Not yet recorded for this agreement"));

    act(&mut s, |ui| {
        ui.click(Id::from(obligation::record_button_id(systems)))
            .unwrap();
    });
    assert!(sees(&s, "Evidence: the document seen or the visit made"));
    assert!(s.unsaved().is_none(), "an untouched form loses nothing");
    // Nothing is presumed: Save without saying whether it is in place is refused.
    let refused = press(&mut s, "Save record");
    assert!(saves(refused).is_empty());
    assert!(sees(&s, "say whether it is in place"));

    press(&mut s, "Yes, in place");
    s.update(Message::Obligation(
        ObligationField::Date,
        "2026-11-20".into(),
    ));
    type_into(
        &mut s,
        "e.g. ISA signed by the CIO, copy on file",
        "accounts set up, checked on a visit",
    );
    assert_eq!(
        s.unsaved(),
        Some("the form recording a requirement"),
        "the form counts as typing"
    );
    let actions = press(&mut s, "Save record");
    let edit = apply(&mut store, &mut s, actions);
    let Edit::Attest { attestation, .. } = edit else {
        panic!("{edit:?}")
    };
    assert_eq!(attestation.requirement_id, systems);
    assert!(attestation.met);
    assert_eq!(attestation.on, day("2026-11-20"));
    assert_eq!(
        attestation.note.as_deref(),
        Some("accounts set up, checked on a visit")
    );
    assert_eq!(status_of(&store, agency, systems), CheckStatus::Met);
    assert!(!sees(&s, "Save record"), "the form closed");
    assert!(sees(
        &s,
        "Recorded as in place on 2026-11-20 by tester: accounts set up, checked on a visit"
    ));
    assert!(sees(&s, &format!("attestation {} · record", 1)));
    assert!(
        sees_part(&s, "requirement_id: agency.systems_access"),
        "the history names the requirement"
    );
}

#[test]
fn a_missing_obligation_is_recorded_as_not_met() {
    let (_dir, mut store, agency) = active(Model::Jem);
    let isa = "agency.isa";
    let mut s = screen(&store, agency);
    s.update(Message::RecordObligation(isa.into()));
    press(&mut s, "No, missing");
    s.update(Message::Obligation(
        ObligationField::Date,
        "2026-11-31".into(),
    ));
    let refused = press(&mut s, "Save record");
    assert!(saves(refused).is_empty());
    assert!(sees(&s, "2026-11-31: not a date: give YYYY-MM-DD"));
    s.update(Message::Obligation(
        ObligationField::Date,
        "2026-11-21".into(),
    ));
    let actions = press(&mut s, "Save record");
    apply(&mut store, &mut s, actions);
    assert_eq!(status_of(&store, agency, isa), CheckStatus::NotMet);
    assert!(sees(&s, "Recorded as missing on 2026-11-21 by tester"));
}

/// Polk County's JEM request accepted by ICE on 2026-11-01 with an override: pending until the
/// MOA is signed.
fn accepted(store: &mut Store, agency: AgencyId) {
    let agreement = store.agency_detail(agency, day(TODAY)).unwrap().agreements[0]
        .agreement
        .id;
    store
        .write(|w| {
            w.record_decision(&DecisionDraft {
                agreement_id: agreement,
                component: Component::Ice,
                outcome: Outcome::Accepted,
                decided_on: day("2026-11-01"),
                official: "R. Jones, ERO Assistant Director".into(),
                grounds: None,
                override_justification: Some("officers are nominated next week".into()),
                suspended_until: None,
            })
        })
        .unwrap();
}

#[test]
fn both_signatures_make_an_accepted_agreement_active_on_the_later_date() {
    let (_dir, mut store, agency) = setup(Some(true));
    accepted(&mut store, agency);
    let mut s = screen(&store, agency);
    assert!(sees(&s, "Jail Enforcement Model · ICE · Pending"));
    assert!(sees(&s, "Agency: signature not recorded"));
    assert!(sees(&s, "ICE: signature not recorded"));
    assert!(sees(&s, "MOA posted by ICE"));

    press(&mut s, "Record signatures…");
    assert!(sees(&s, "Record the MOA's signatures"));
    // Half the agency's signature: refused beside the fields left empty, nothing sent.
    type_into(&mut s, "e.g. J. Smith", "G. Judd");
    s.update(Message::Signing(
        SigningField::ComponentName,
        "R. Jones".into(),
    ));
    s.update(Message::Signing(
        SigningField::ComponentTitle,
        "ERO Assistant Director".into(),
    ));
    s.update(Message::Signing(
        SigningField::ComponentOn,
        "2026-11-10".into(),
    ));
    let refused = press(&mut s, "Save signatures");
    assert!(saves(refused).is_empty(), "nothing is sent");
    assert_eq!(count(&s, "required"), 2, "beside the title and the date");
    assert!(sees(
        &s,
        "Give the agency's name, title and date, or leave all three empty."
    ));
    assert!(
        store.agency_detail(agency, day(TODAY)).unwrap().agreements[0]
            .agreement
            .signing
            .agency
            .is_none()
    );

    type_into(&mut s, "e.g. Sheriff", "Sheriff");
    s.update(Message::Signing(
        SigningField::AgencyOn,
        "2026-11-04".into(),
    ));
    s.update(Message::Signing(SigningField::TemplateYear, "2025".into()));
    let actions = press(&mut s, "Save signatures");
    let edit = apply(&mut store, &mut s, actions);
    assert!(matches!(edit, Edit::Sign { .. }), "{edit:?}");
    let g = store.agency_detail(agency, day(TODAY)).unwrap().agreements[0]
        .agreement
        .clone();
    assert_eq!(g.status, Status::Active);
    assert_eq!(g.signed_on, Some(day("2026-11-10")), "the later signature");
    assert!(!sees(&s, "Record the MOA's signatures"), "the form closed");
    assert!(sees(&s, "Jail Enforcement Model · ICE · Active"));
    assert!(sees(&s, "Agency: G. Judd, Sheriff, 2026-11-04"));
    assert!(sees(
        &s,
        "ICE: R. Jones, ERO Assistant Director, 2026-11-10"
    ));
    assert!(sees(&s, "MOA template: 2025 · addenda: none recorded"));
    assert!(sees(&s, "Pending → Active"));
    assert!(sees(&s, "MOA signed by both parties"));
}

#[test]
fn a_cbp_agreement_names_no_poster_for_its_moa() {
    let (_dir, mut store, agency) = setup(Some(true));
    cbp_request(&mut store, agency);
    let mut s = screen(&store, agency);
    let cbp = store.agency_detail(agency, day(TODAY)).unwrap().agreements[1]
        .agreement
        .id;
    s.update(Message::ShowAgreement(cbp));
    assert!(sees(&s, "Task Force Model with CBP"));
    assert!(sees(&s, "CBP: signature not recorded"));
    assert!(!sees(&s, "MOA posted by ICE"));
    assert!(!sees(&s, "MOA posted"), "nothing posted, nothing said");
}

fn cbp_request(store: &mut Store, agency: AgencyId) {
    store
        .write(|w| {
            w.create_agreement(&g287::store::agreements::NewAgreement {
                agency_id: agency,
                model: Model::Tfm,
                component: Component::Cbp,
                status: Status::Requested,
                on: day("2026-02-01"),
                requested_on: Some(day("2026-02-01")),
                signed_on: None,
                note: None,
            })
        })
        .unwrap();
}

#[test]
fn a_nominees_authorization_date_moves_the_task_force_authorization_requirement() {
    let (_dir, mut store, agency) = active(Model::Tfm);
    let authorization = "officer.authorization";
    let mut s = screen(&store, agency);
    s.update(Message::NewNominee);
    type_into(&mut s, "e.g. Jane Smith", "A. Lee");
    act(&mut s, |ui| {
        ui.click(Id::from(nominee::field_id(NomineeField::AuthorizedOn)))
            .unwrap();
        ui.typewrite("2024-01-10");
    });
    assert!(sees(
        &s,
        "runs to 2026-01-10 (two years from the date of the authorization)"
    ));
    let actions = press(&mut s, "Save nominee");
    let edit = apply(&mut store, &mut s, actions);
    assert!(
        matches!(&edit, Edit::AddNominee { details, .. } if details.authorized_on == Some(day("2024-01-10"))),
        "{edit:?}"
    );
    assert_eq!(
        status_of(&store, agency, authorization),
        CheckStatus::NotMet
    );
    assert!(sees(
        &s,
        "1 of 1 nominees have an expired authorization: A. Lee"
    ));

    press(&mut s, "Edit");
    assert!(
        !sees(&s, "Authorization expires on (earlier record)"),
        "the old end date is asked only of nominees who have one"
    );
    retype(&mut s, "2024-01-10", "2025-06-01");
    let actions = press(&mut s, "Save nominee");
    apply(&mut store, &mut s, actions);
    assert_eq!(status_of(&store, agency, authorization), CheckStatus::Met);
    let saved = &store.agency_detail(agency, day(TODAY)).unwrap().agreements[0].nominees[0];
    assert_eq!(saved.details.authorized_on, Some(day("2025-06-01")));
    assert!(sees_part(&s, "authorized: 2025-06-01 (until 2027-06-01)"));
}

#[test]
fn the_checklist_summary_keeps_not_met_apart_from_no_record() {
    let (_dir, mut store, agency) = setup(None);
    let mut s = screen(&store, agency);
    assert!(sees(&s, "3 with no record, of 14 requirements"));

    let mut details = sheriff("Polk County Sheriff's Office");
    details.has_jail = Some(false);
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    s = screen(&store, agency);
    assert!(sees(&s, "1 not met · 2 with no record, of 14 requirements"));
    assert!(sees(
        &s,
        "3 requirements are not met or with no record today: an acceptance would need a written override."
    ));

    details.has_jail = Some(true);
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    s = screen(&store, agency);
    s.update(Message::NewNominee);
    s.update(Message::Nominee(NomineeField::Name, "A. Lee".into()));
    s.update(Message::Nominee(NomineeField::UsCitizen, "yes".into()));
    s.update(Message::Nominee(NomineeField::Background, "passed".into()));
    let actions = vec![s.update(Message::SaveNominee)];
    apply(&mut store, &mut s, actions);
    assert!(sees(
        &s,
        "All 14 requirements met or not yet due (9 not yet due)"
    ));
}

#[test]
fn saving_something_else_keeps_what_is_typed_in_the_signatures_form() {
    let (_dir, mut store, agency) = active(Model::Jem);
    let mut s = screen(&store, agency);
    press(&mut s, "Record signatures…");
    type_into(&mut s, "e.g. J. Smith", "G. Judd");
    s.update(Message::RecordObligation("agency.isa".into()));
    press(&mut s, "Yes, in place");
    let actions = press(&mut s, "Save record");
    apply(&mut store, &mut s, actions);
    assert!(!sees(&s, "Save record"), "the record form closed");
    assert!(sees(&s, "G. Judd"), "the signatures form keeps its typing");
    assert_eq!(s.unsaved(), Some("the signatures form"));
}

/// Answers `save` through the registry, as the window's worker does.
fn answer(store: &Store, save: &Save) -> Saved {
    let registry = common::open_registry(&crate::common::data_dir_of_store(store))
        .unwrap()
        .as_user("tester");
    Saved {
        save: save.clone(),
        result: registry
            .edit(&save.edit)
            .map(|d| store.agency_detail(d.agency.id, day(TODAY)).unwrap()),
    }
}

#[test]
fn two_saves_in_flight_are_each_answered_by_their_own_reply() {
    let (_dir, mut store, agency) = setup(Some(true));
    store
        .write(|w| w.create_agency(&sheriff("Lake County Sheriff's Office")))
        .unwrap();
    let mut s = screen(&store, agency);
    // A nominee is saved; while it is written, the details are saved too.
    press(&mut s, "Add nominee");
    type_into(&mut s, "e.g. Jane Smith", "A. Lee");
    let [nominee] = <[Save; 1]>::try_from(asked(press(&mut s, "Save nominee"))).unwrap();
    s.update(Message::Detail(
        DetailField::Name,
        "Lake County Sheriff's Office".into(),
    ));
    let [details] = <[Save; 1]>::try_from(asked(press(&mut s, "Save details"))).unwrap();
    assert_ne!(nominee.id, details.id, "each save has its own number");
    assert!(
        asked(press(&mut s, "Save details")).is_empty(),
        "a second click while the first is on its way writes nothing twice"
    );
    assert!(s.saving());

    // The details' answer comes first: refused, beside the name; the nominee form stays.
    let refused = answer(&store, &details);
    assert!(refused.result.is_err());
    s.saved(refused);
    assert!(sees(
        &s,
        "Lake County Sheriff's Office: agency 2 in FL already has this name"
    ));
    assert!(
        sees(&s, "Nominate an officer"),
        "the nominee form waits for its own answer"
    );
    assert!(s.saving());

    // Then the nominee's: written, its form closes; the refusal beside the name stays.
    let written = answer(&store, &nominee);
    s.saved(written.clone());
    assert!(!s.saving());
    assert!(sees(&s, "Nominated officers (1)"));
    assert!(!sees(&s, "Nominate an officer"), "the form closed");
    assert!(sees(
        &s,
        "Lake County Sheriff's Office: agency 2 in FL already has this name"
    ));

    // An answer arriving again (or for a save another screen asked) changes nothing.
    let mut stray = written;
    stray.result = Err(RegistryError::Store(StoreError::Conflict(
        "not this screen's".into(),
    )));
    s.saved(stray);
    assert!(!sees(&s, "not this screen's"));
    assert!(sees(&s, "Nominated officers (1)"));
}

/// Another coordinator saves the agency while this one is typing in its form: the save is
/// refused with who and when and what they changed, what was typed stays in the form, and
/// "Save mine over theirs" writes it knowingly; "Take theirs" fills the form with theirs.
#[test]
fn a_save_over_another_coordinators_change_is_refused_keeping_the_typed_text() {
    let (dir, mut store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    // Meanwhile, in another window: the contact is recorded.
    let other = common::open_registry(dir.path()).unwrap().as_user("rroe");
    let mut theirs = store.agency(agency).unwrap().details;
    theirs.contact = Some("Lt. Ann Cole, 863-555-0100".into());
    other
        .edit(&Edit::SaveAgency {
            id: Some(agency),
            details: theirs,
            seen: None,
        })
        .unwrap();
    // Here: the county retyped, then saved.
    s.update(Message::Detail(DetailField::County, "Polk".into()));
    let actions = press(&mut s, "Save details");
    apply(&mut store, &mut s, actions);
    assert!(sees_part(&s, "Not saved: "), "the refusal is shown");
    assert!(sees_part(&s, "changed this agency at "));
    assert!(sees_part(
        &s,
        "Theirs: contact: (empty) → Lt. Ann Cole, 863-555-0100"
    ));
    assert!(sees(&s, "Polk"), "what was typed is kept in the form");
    let recorded = store.agency(agency).unwrap().details;
    assert_eq!(
        recorded.county.as_deref(),
        Some("Polk County"),
        "nothing was written"
    );

    // Having compared: theirs is taken back into the form (a fresh read of the agency).
    let actions = press(&mut s, "Take theirs");
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, Action::Refresh(id) if *id == agency)),
        "{actions:?}"
    );
    s.refreshed(store.agency_detail(agency, day(TODAY)).unwrap());
    assert!(
        sees(&s, "Lt. Ann Cole, 863-555-0100"),
        "their contact in the form"
    );
    assert!(!sees_part(&s, "Not saved: "));

    // Again, typed over their change, and this time saved over it knowingly.
    let mut screen_now = screen(&store, agency);
    other
        .edit(&Edit::SaveAgency {
            id: Some(agency),
            details: {
                let mut d = store.agency(agency).unwrap().details;
                d.contact = Some("Sgt. Bo Diaz".into());
                d
            },
            seen: None,
        })
        .unwrap();
    screen_now.update(Message::Detail(DetailField::County, "Polk".into()));
    let actions = press(&mut screen_now, "Save details");
    apply(&mut store, &mut screen_now, actions);
    assert!(sees_part(&screen_now, "Theirs: contact: "));
    let actions = press(&mut screen_now, "Save mine over theirs");
    apply(&mut store, &mut screen_now, actions);
    let recorded = store.agency(agency).unwrap().details;
    assert_eq!(recorded.county.as_deref(), Some("Polk"));
    assert!(!sees_part(&screen_now, "Not saved: "));
}

/// A save another coordinator commits reaches the open Agency screen (on a server, heard from
/// it; on a file, the same event given by hand), and what is typed in its form stays.
#[test]
fn another_coordinators_save_reaches_the_open_agency_without_touching_the_typed_text() {
    let (dir, store, agency) = setup(Some(true));
    let registry = common::open_registry(dir.path()).unwrap();
    let mut changes = registry.listen().unwrap();
    let (mut app, _) = g287::ui::app::App::new(registry.clone());
    common::window::click(&mut app, "Polk County Sheriff's Office");
    let _ = app.update(g287::ui::app::Message::Agency(Message::Detail(
        DetailField::Contact,
        "Chief Deputy J. Ruiz".into(),
    )));
    // Another window records a nominee on its agreement.
    let other = common::open_registry(dir.path()).unwrap().as_user("rroe");
    let agreement = store.agreements_of(agency).unwrap()[0].id;
    other
        .edit(&Edit::AddNominee {
            agreement,
            details: g287::domain::NomineeDetails {
                name: "Dana Whitfield".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let change = match changes.as_mut() {
        Some(changes) => changes
            .next(std::time::Duration::from_secs(5))
            .unwrap()
            .expect("heard from the server"),
        None => g287::registry::team::Change {
            seq: 0,
            who: "rroe".into(),
            agencies: Some(vec![agency.0]),
        },
    };
    assert!(change.concerns(agency.0));
    assert!(!common::window::sees_part(&app, "Dana Whitfield"));
    common::window::settle(
        &mut app,
        g287::ui::app::Message::Live(g287::ui::live::Event::Changed(change)),
    );
    assert!(
        common::window::sees_part(&app, "Dana Whitfield"),
        "their nominee is shown"
    );
    assert!(
        common::window::sees(&app, "Chief Deputy J. Ruiz"),
        "what was typed stays"
    );
}

/// On a team's server the screen offers what the login's role may do, and says why the rest
/// is not: a viewer saves nothing, a coordinator records no decision; a decider does both.
#[test]
fn the_screen_offers_what_the_logins_role_may_do_and_says_why_not_the_rest() {
    use g287::store::postgres::schema::Role;
    let (_dir, store, agency) = setup(Some(true));
    let detail = store.agency_detail(agency, day(TODAY)).unwrap();
    let offered = |s: &Agency, label: &str| {
        let mut ui = simulator(s);
        let before = ui.find(label).is_ok();
        let asked: Vec<Message> = {
            let _ = ui.click(label);
            ui.into_messages().collect()
        };
        before && !asked.is_empty()
    };

    let viewer = Agency::loaded(detail.clone()).for_role(Some(Role::Viewer));
    assert!(!offered(&viewer, "Save details"));
    assert!(!offered(&viewer, "Record decision…"));
    assert!(sees_part(
        &viewer,
        "Saving a change needs the coordinator role; you are a viewer (you may read the registry)"
    ));

    let mut coordinator = Agency::loaded(detail.clone()).for_role(Some(Role::Coordinator));
    assert!(offered(&coordinator, "Save details"));
    assert!(!offered(&coordinator, "Record decision…"));
    assert!(sees_part(
        &coordinator,
        "Recording ICE's or CBP's decision needs the decider role; you are a coordinator"
    ));
    // The key that would open the dialog says why instead.
    assert!(matches!(
        coordinator.update(Message::OpenDecision),
        Action::None
    ));
    assert!(sees_part(&coordinator, "needs the decider role"));

    let decider = Agency::loaded(detail).for_role(Some(Role::Decider));
    assert!(offered(&decider, "Record decision…"));
    assert!(!sees_part(&decider, "needs the"));
}
