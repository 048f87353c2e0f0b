//! The Catalogue screen driven headless: a threshold edited in the window changes an agency's
//! checklist and the Agencies list's counts, a requirement retired and enabled again, invalid
//! thresholds refused beside their field with nothing written, and a decision showing the
//! catalogue version it was made under. Every change goes through the real application and
//! store; where the application would check every agreement on a thread, the test calls the
//! same function and feeds its message.

use crate::common;

use common::window::{
    act_tall as act, click, retype, save, sees_part, sees_tall as sees, tall as simulator,
};
use common::{agency_with_request, day};
use g287::domain::{
    AgreementId, Catalogue as Shipped, Component, DecisionDraft, Model, NomineeDetails, Outcome,
    Rule,
};
use g287::registry::RegistryError;
use g287::store::StoreError;
use g287::ui::app::{App, Message, Screen};
use g287::ui::screen::catalogue::{self, Catalogue};
use iced::keyboard::key::Named;
use iced_test::core::widget::Id;

/// The TFM requirement whose threshold the tests change.
const EXPERIENCE: &str = "Each nominee has at least 2 years of law enforcement experience";

/// A store with Polk County (JEM, runs a jail) and Harris County (TFM, one nominee with 2.5
/// years of experience), and the application on it.
fn setup() -> (tempfile::TempDir, App, AgreementId) {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let (_, tfm) = agency_with_request(&mut store, "Harris County Sheriff's Office", Model::Tfm);
    store
        .write(|w| {
            w.add_nominee(
                tfm,
                &NomineeDetails {
                    name: "A. Lee".into(),
                    years_experience: Some(2.5),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let (mut app, _checks) = App::new(crate::common::window::registry(store));
    checked(&mut app, dir.path());
    (dir, app, tfm)
}

/// What the application's background check would hand back.
fn checked(app: &mut App, data_dir: &std::path::Path) {
    let _ = app.update(Message::Checked(
        common::open_registry(data_dir).unwrap().check_unmet(),
    ));
}

fn version(dir: &tempfile::TempDir) -> u32 {
    common::open_store(dir.path())
        .unwrap()
        .catalogue()
        .unwrap()
        .version
}

fn open_agency(app: &mut App, name: &str) {
    click(app, "Agencies");
    click(app, name);
    assert_eq!(app.title(), format!("g287 — {name}"));
}

#[test]
fn a_higher_experience_threshold_turns_a_met_requirement_unmet() {
    let (dir, mut app, tfm) = setup();
    let unmet_of_harris = || {
        let store = common::open_store(dir.path()).unwrap();
        let checks = store.check(None, g287::store::today()).unwrap();
        checks
            .iter()
            .find(|c| c.agreement == tfm)
            .unwrap()
            .tally()
            .not_met
    };
    let unmet_before = unmet_of_harris();
    assert!(sees(&app, &unmet_before.to_string()));
    assert!(!sees(&app, &(unmet_before + 1).to_string()));
    open_agency(&mut app, "Harris County Sheriff's Office");
    assert!(sees(&app, EXPERIENCE));
    assert!(!sees_part(&app, "have less than 3 years of experience"));

    click(&mut app, "Catalogue");
    assert!(sees(
        &app,
        "Version 1 in force · 23 requirements, 3 retired"
    ));
    click(&mut app, EXPERIENCE);
    assert!(sees(&app, "Change officer.experience"));
    assert!(sees(&app, "Nothing changed yet."));
    retype(
        &mut app,
        catalogue::threshold_id(g287::domain::Threshold::Years),
        "3",
    );
    assert!(sees(
        &app,
        "Saving makes catalogue version 2; every agreement is checked again."
    ));
    assert!(sees(
        &app,
        "The title still says 2: change it too if it names the threshold."
    ));
    save(&mut app, "Save");

    assert_eq!(version(&dir), 2);
    assert!(sees(
        &app,
        "Version 2 in force · 23 requirements, 3 retired"
    ));
    assert!(sees(
        &app,
        "Saved as catalogue version 2; every agreement is being checked again."
    ));
    assert!(sees_part(
        &app,
        "Last save: catalogue version 2 (officer.experience changed) at"
    ));
    assert!(sees_part(&app, "checking requirements…"));
    assert!(sees(
        &app,
        "Models: TFM · threshold: at least 3 years of experience"
    ));
    assert!(sees_part(
        &app,
        "version 2: officer.experience: threshold at least 2 years of experience → at least 3 years of experience"
    ));
    click(&mut app, "Versions and history");
    assert!(sees(&app, "History of the catalogue (2 entries)"));
    assert!(sees_part(
        &app,
        "· tester · version 2: officer.experience: threshold at least 2 years of experience → at least 3 years of experience"
    ));

    checked(&mut app, dir.path());
    click(&mut app, "Agencies");
    assert!(!sees_part(&app, "checking requirements…"));
    assert_eq!(unmet_of_harris(), unmet_before + 1);
    assert!(
        sees(&app, &(unmet_before + 1).to_string()),
        "one more unmet requirement in the list"
    );
    open_agency(&mut app, "Harris County Sheriff's Office");
    assert!(sees(
        &app,
        "1 of 1 nominees have less than 3 years of experience: A. Lee"
    ));
    assert!(sees(&app, "catalogue version 2"));
}

#[test]
fn a_retired_requirement_leaves_the_checklist_and_comes_back_when_enabled() {
    let (dir, mut app, _) = setup();
    let jail = "Runs a jail or correctional facility";
    // The checklist's line under the requirement (the details form has a field of the same
    // title, so the title alone does not say the checklist holds it).
    let in_checklist = "agency.jail · agency level, due before acceptance · source: JEM and WSO MOAs: officers act \"in the LEA's jail/correctional facilities\" (HAM p1; BAK p1; CRE p1)";
    open_agency(&mut app, "Polk County Sheriff's Office");
    assert!(sees(&app, in_checklist));
    assert!(sees_part(&app, "14 requirements"));

    click(&mut app, "Catalogue");
    click(&mut app, jail);
    click(&mut app, "Retire…");
    assert!(sees(
        &app,
        "Retire agency.jail? It will no longer be checked for any agreement. Decisions already recorded keep naming it, and the catalogue versions they were made under still show it."
    ));
    assert_eq!(version(&dir), 1, "nothing is written by the confirmation");
    click(&mut app, "Retire");
    assert!(sees(
        &app,
        "Retired: not checked; kept because decisions name it."
    ));
    assert_eq!(version(&dir), 1, "nor before Save");
    save(&mut app, "Save");
    assert_eq!(version(&dir), 2);
    assert!(sees(
        &app,
        "Version 2 in force · 23 requirements, 4 retired"
    ));
    assert!(sees(&app, "Retired"), "the list marks it");
    assert!(sees_part(&app, "version 2: agency.jail: retired"));

    open_agency(&mut app, "Polk County Sheriff's Office");
    assert!(!sees(&app, in_checklist));
    assert!(sees_part(&app, "13 requirements"));

    click(&mut app, "Catalogue");
    click(&mut app, jail);
    click(&mut app, "Enable again");
    save(&mut app, "Save");
    assert_eq!(version(&dir), 3);
    assert!(sees(
        &app,
        "Version 3 in force · 23 requirements, 3 retired"
    ));
    assert!(sees_part(&app, "version 3: agency.jail: enabled again"));
    open_agency(&mut app, "Polk County Sheriff's Office");
    assert!(sees(&app, in_checklist));
    assert!(sees_part(&app, "14 requirements"));
}

#[test]
fn an_invalid_threshold_is_shown_beside_its_field_and_nothing_is_written() {
    let (dir, mut app, _) = setup();
    click(&mut app, "Catalogue");
    click(
        &mut app,
        "Each nominee passed the course's exams (70% or more, one retake)",
    );
    let pass_mark = catalogue::threshold_id(g287::domain::Threshold::PassMark);
    for (typed, said) in [
        ("0", "0: the pass mark is a whole percentage from 1 to 100"),
        (
            "150",
            "150: the pass mark is a whole percentage from 1 to 100",
        ),
        ("", "the pass mark is a whole percentage from 1 to 100"),
    ] {
        retype(&mut app, pass_mark, typed);
        assert!(sees(&app, said), "{typed}");
        assert!(sees(&app, "Correct the fields marked in red first."));
        act(&mut app, |ui| {
            let _ = ui.click("Save");
            ui.click(Id::new(pass_mark)).unwrap();
            ui.tap_key(Named::Enter);
        });
        assert_eq!(version(&dir), 1, "nothing written for {typed:?}");
    }
    retype(&mut app, pass_mark, "80");
    assert!(!sees(&app, "Correct the fields marked in red first."));
    // The JEM and WSO MOAs carry the exams; untick both.
    for model in [
        "Jail Enforcement Model (JEM)",
        "Warrant Service Officer (WSO)",
    ] {
        click(&mut app, model);
    }
    assert!(sees(
        &app,
        "a requirement applies to at least one model: tick one, or retire it instead"
    ));
    act(&mut app, |ui| {
        let _ = ui.click("Save");
    });
    assert_eq!(version(&dir), 1);
    assert!(sees(
        &app,
        "Version 1 in force · 23 requirements, 3 retired"
    ));
    click(&mut app, "Task Force Model (TFM)");
    save(&mut app, "Save");
    assert_eq!(version(&dir), 2, "once valid, it saves");
    let saved = common::open_store(dir.path()).unwrap().catalogue().unwrap();
    let exams = saved.get("officer.exams").unwrap();
    assert_eq!(exams.models, [Model::Tfm]);
    assert_eq!(
        exams.rule,
        Rule::ExamsPassed {
            pass_mark: 80,
            attempts: 2
        }
    );
}

#[test]
fn a_decision_shows_the_catalogue_version_it_was_made_under() {
    let (_dir, mut store) = common::store();
    let (_, agreement) =
        agency_with_request(&mut store, "Harris County Sheriff's Office", Model::Tfm);
    store
        .write(|w| {
            w.record_decision(&DecisionDraft {
                agreement_id: agreement,
                component: Component::Ice,
                outcome: Outcome::Declined,
                decided_on: day("2026-02-01"),
                official: "R. Jones, ERO Assistant Director".into(),
                grounds: Some("no nominee yet".into()),
                override_justification: None,
                suspended_until: None,
            })
        })
        .unwrap();
    let mut experience = store
        .catalogue()
        .unwrap()
        .get("officer.experience")
        .unwrap()
        .clone();
    experience.rule = Rule::MinExperience { years: 3.0 };
    assert_eq!(
        store.write(|w| w.update_requirement(&experience)).unwrap(),
        2
    );
    let (_, polk) = agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    store
        .write(|w| {
            w.record_decision(&DecisionDraft {
                agreement_id: polk,
                component: Component::Ice,
                outcome: Outcome::Declined,
                decided_on: day("2026-03-01"),
                official: "R. Jones, ERO Assistant Director".into(),
                grounds: None,
                override_justification: None,
                suspended_until: None,
            })
        })
        .unwrap();
    let (mut app, _checks) = App::new(crate::common::window::registry(store));
    open_agency(&mut app, "Harris County Sheriff's Office");
    assert!(sees(
        &app,
        "made under catalogue version 1 · recorded by tester"
    ));
    click(&mut app, "See catalogue version 1");
    assert!(matches!(app.screen(), Screen::Catalogue(c) if c.tab() == catalogue::Tab::Versions));
    assert!(sees(
        &app,
        "Version 1, as decisions made under it were checked. Where version 2 (in force) differs, the requirement says so."
    ));
    assert!(sees(
        &app,
        "Models: TFM · threshold: at least 2 years of experience"
    ));
    assert!(sees(
        &app,
        "Changed since: threshold at least 2 years of experience → at least 3 years of experience"
    ));
    assert!(!sees(
        &app,
        "Models: TFM · threshold: at least 3 years of experience"
    ));

    click(&mut app, "Requirements");
    assert!(sees(
        &app,
        "Models: TFM · threshold: at least 3 years of experience"
    ));
    assert!(!sees(
        &app,
        "Models: TFM · threshold: at least 2 years of experience"
    ));

    // A decision made under the version in force says so, with nothing to open.
    open_agency(&mut app, "Polk County Sheriff's Office");
    assert!(sees(
        &app,
        "made under catalogue version 2 (in force) · recorded by tester"
    ));
    assert!(!sees(&app, "See catalogue version 2"));
}

#[test]
fn a_version_edited_before_every_version_was_kept_says_so() {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    for years in [3.0, 4.0] {
        let mut r = store
            .catalogue()
            .unwrap()
            .get("officer.experience")
            .unwrap()
            .clone();
        r.rule = Rule::MinExperience { years };
        store.write(|w| w.update_requirement(&r)).unwrap();
    }
    drop(store);
    // What a database edited under schema 1 holds after its upgrade: only the version then in
    // force has its text.
    crate::common::outside(
        dir.path(),
        "DELETE FROM catalogue_versions WHERE version < 3",
    );
    let store = common::open_store(dir.path()).unwrap();
    let (mut app, _checks) = App::new(crate::common::window::registry(store));
    click(&mut app, "Catalogue");
    click(&mut app, "Versions and history");
    assert!(sees(&app, "Version 3 is the one in force."));
    // The version menu is a pick list: what choosing in it sends.
    let _ = app.update(Message::Catalogue(catalogue::Message::PickVersion(
        catalogue::VersionChoice {
            number: 1,
            in_force: false,
        },
    )));
    assert!(sees(
        &app,
        "The text of version 1 was not kept: it dates from before g287 kept a copy of every catalogue version (database schema 2). The history beside still lists each change made to the catalogue."
    ));
    assert!(sees(&app, "History of the catalogue (3 entries)"));
}

#[test]
fn a_store_refusal_stays_in_the_form_with_what_was_typed() {
    let mut screen = Catalogue::new(Shipped::shipped(), Vec::new());
    screen.update(catalogue::Message::Select("officer.experience".into()));
    screen.update(catalogue::Message::Threshold(
        g287::domain::Threshold::Years,
        "3".into(),
    ));
    let catalogue::Action::Save(r, _) = screen.update(catalogue::Message::Save) else {
        panic!("a valid change is saved")
    };
    assert_eq!(r.rule, Rule::MinExperience { years: 3.0 });
    screen.saved(Err(RegistryError::Store(StoreError::Locked(
        "/data/g287".into(),
    ))));
    let mut ui = simulator(screen.view());
    assert!(
        ui.find(
            "The store refused it: the data in /data/g287 is in use by another g287 (locked); nothing was written, try again when it is done"
        )
        .is_ok()
    );
    assert!(ui.find("3").is_ok(), "what was typed is kept");
    assert!(
        ui.find("Version 1 in force · 23 requirements, 3 retired")
            .is_ok()
    );
}

#[test]
fn a_shipped_correction_held_back_by_an_edit_is_adopted_or_declined_and_the_terms_are_listed() {
    if crate::common::sqlite_only("a schema-2 file upgraded") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    common::edited_v2(dir.path());
    let store = common::open_store(dir.path()).unwrap();
    let (mut app, _) = App::new(crate::common::window::registry(store));
    click(&mut app, "Catalogue");
    assert!(sees_part(
        &app,
        "2 correction(s) of the shipped catalogue wait for you"
    ));
    assert!(sees_part(
        &app,
        "Yours (in force): Oversight meeting with the Field Office Director"
    ));
    // The first card is agency.oversight_meeting: adopt the MOAs' models (JEM, WSO).
    save(&mut app, "Adopt the shipped version");
    let c = common::open_store(dir.path()).unwrap().catalogue().unwrap();
    assert_eq!(
        c.get("agency.oversight_meeting").unwrap().models,
        [Model::Jem, Model::Wso]
    );
    assert_eq!(c.version, 4);
    assert!(sees_part(
        &app,
        "1 correction(s) of the shipped catalogue wait for you"
    ));
    save(&mut app, "Keep mine");
    assert!(!sees_part(&app, "correction(s) of the shipped catalogue"));
    let c = common::open_store(dir.path()).unwrap().catalogue().unwrap();
    assert_eq!(
        c.get("officer.experience").unwrap().rule,
        Rule::MinExperience { years: 3.0 },
        "theirs kept"
    );
    assert!(
        common::open_store(dir.path())
            .unwrap()
            .shipped_changes()
            .unwrap()
            .is_empty()
    );

    click(&mut app, "MOA terms");
    assert!(sees_part(
        &app,
        "17 terms of ICE's MOAs set the calendar's deadlines"
    ));
    assert!(sees_part(&app, "within 48 hours, excluding weekends"));
    assert!(sees_part(&app, "Tell ICE of complaint — JEM, WSO"));
}

/// Two deciders edit the same requirement: the second save is refused with who changed it and
/// what, keeps what was typed, and, saved again, puts it in force over theirs knowingly.
#[test]
fn a_requirement_saved_by_another_decider_meanwhile_is_not_overwritten_unseen() {
    let (dir, mut store) = common::store();
    // An agency, so that the window opens on its pages, not the first start.
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Tfm);
    drop(store);
    let registry = common::open_registry(dir.path()).unwrap();
    let (mut app, _) = App::new(crate::common::window::registry(
        common::open_store(dir.path()).unwrap(),
    ));
    click(&mut app, "Catalogue");
    let _ = app.update(Message::Catalogue(catalogue::Message::Select(
        "officer.experience".into(),
    )));
    let _ = app.update(Message::Catalogue(catalogue::Message::Threshold(
        g287::domain::Threshold::Years,
        "3".into(),
    )));
    // Meanwhile, another decider raises it to 4.
    let mut theirs = registry
        .catalogue()
        .unwrap()
        .get("officer.experience")
        .unwrap()
        .clone();
    theirs.rule = Rule::MinExperience { years: 4.0 };
    registry.update_requirement(&theirs).unwrap();

    save(&mut app, "Save");
    let in_force = |registry: &g287::registry::Registry| {
        registry
            .catalogue()
            .unwrap()
            .get("officer.experience")
            .unwrap()
            .rule
            .clone()
    };
    assert_eq!(in_force(&registry), Rule::MinExperience { years: 4.0 });
    assert!(sees_part(&app, "changed this requirement at "));
    assert!(sees_part(
        &app,
        "Save again to put yours in force over theirs"
    ));
    // Saved again, knowingly.
    save(&mut app, "Save");
    assert_eq!(in_force(&registry), Rule::MinExperience { years: 3.0 });
}
