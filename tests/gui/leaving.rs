//! Typing is never lost without asking: a half-filled form, then a tab, Escape, another
//! agreement or requirement, or the window's close button, and the window asks first. Keeping
//! the typing keeps every character; discarding carries out what was asked and writes nothing.

use crate::common;

use common::agency_with_request;
use common::window::{act_tall, click, retype, save, sees_tall as sees};
use g287::domain::{AgencyId, Model, Threshold};
use g287::ui::app::{App, Message, Screen, Shortcut};
use g287::ui::screen::agency::{nominee, obligation};
use g287::ui::screen::catalogue;

const QUESTION: &str = "Discard what you typed?";

/// Polk County (a JEM request) and Harris County (a TFM request), and the window on them.
fn setup() -> (tempfile::TempDir, App) {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    agency_with_request(&mut store, "Harris County Sheriff's Office", Model::Tfm);
    let (app, _tasks) = App::new(crate::common::window::registry(store));
    (dir, app)
}

/// The agency created first in [`setup`] (Polk County).
const POLK: AgencyId = AgencyId(1);

fn open(app: &mut App, name: &str) {
    click(app, "Agencies");
    click(app, name);
    assert_eq!(app.title(), format!("g287 — {name}"));
}

/// Opens an empty nominee form on the agency in view and types a name into it.
fn half_type_a_nominee(app: &mut App, name: &str) {
    click(app, "Add nominee");
    act_tall(app, |ui| {
        ui.click(iced_test::core::widget::Id::new(nominee::NAME_ID))
            .unwrap();
        ui.typewrite(name);
    });
    assert!(sees(app, name), "the name is in the form");
}

/// Polk County's nominees as recorded.
fn nominees(dir: &tempfile::TempDir) -> usize {
    let store = common::open_store(dir.path()).unwrap();
    let polk = store.agency_detail(POLK, g287::store::today()).unwrap();
    assert_eq!(polk.agency.details.name, "Polk County Sheriff's Office");
    polk.agreements.iter().map(|a| a.nominees.len()).sum()
}

#[test]
fn a_tab_asks_before_a_half_typed_nominee_is_lost_and_keeping_it_keeps_every_character() {
    let (dir, mut app) = setup();
    open(&mut app, "Polk County Sheriff's Office");
    half_type_a_nominee(&mut app, "Ana Ruiz");

    click(&mut app, "Agencies");
    assert!(
        matches!(app.screen(), Screen::Agency(_)),
        "still on the agency"
    );
    assert!(sees(&app, QUESTION));
    assert!(sees(
        &app,
        "What you typed in the nominee form has not been saved. Discarding loses it."
    ));

    click(&mut app, "Keep editing");
    assert!(!sees(&app, QUESTION));
    assert!(sees(&app, "Ana Ruiz"), "the typing is still there");

    // Escape asks too, and a second Escape answers "keep editing".
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(sees(&app, QUESTION));
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(!sees(&app, QUESTION));
    assert!(sees(&app, "Ana Ruiz"));

    click(&mut app, "Agencies");
    click(&mut app, "Discard");
    assert!(matches!(app.screen(), Screen::Agencies));
    assert!(app.leaving().is_none());
    assert_eq!(nominees(&dir), 0, "discarding writes nothing");
}

#[test]
fn nothing_typed_or_everything_saved_leaves_without_a_question() {
    let (dir, mut app) = setup();
    open(&mut app, "Polk County Sheriff's Office");
    // An opened but untouched form loses nothing.
    click(&mut app, "Add nominee");
    click(&mut app, "Calendar");
    assert!(matches!(app.screen(), Screen::Calendar));
    assert!(app.leaving().is_none());

    open(&mut app, "Polk County Sheriff's Office");
    half_type_a_nominee(&mut app, "Ana Ruiz");
    save(&mut app, "Save nominee");
    assert_eq!(nominees(&dir), 1);
    click(&mut app, "Agencies");
    assert!(matches!(app.screen(), Screen::Agencies));
    assert!(app.leaving().is_none());
}

#[test]
fn changed_details_ask_before_the_window_closes_and_a_new_agency_is_started() {
    let (_dir, mut app) = setup();
    open(&mut app, "Harris County Sheriff's Office");
    retype(
        &mut app,
        g287::ui::screen::agency::details::NAME_ID,
        "Harris County SO",
    );

    let _ = app.update(Message::CloseRequested);
    assert!(sees(
        &app,
        "What you typed in the agency's details has not been saved. Discarding loses it."
    ));
    click(&mut app, "Keep editing");

    let _ = app.update(Message::Shortcut(Shortcut::NewAgency));
    assert!(sees(&app, QUESTION));
    click(&mut app, "Discard");
    assert_eq!(app.title(), "g287 — New agency");

    // What is typed into the new agency's empty form counts as well.
    retype(
        &mut app,
        g287::ui::screen::agency::details::NAME_ID,
        "Lee County Sheriff's Office",
    );
    click(&mut app, "Dashboard");
    assert!(sees(
        &app,
        "What you typed in the new agency's details has not been saved. Discarding loses it."
    ));
}

#[test]
fn a_changed_requirement_asks_before_another_requirement_replaces_the_form() {
    let (_dir, mut app) = setup();
    click(&mut app, "Catalogue");
    click(
        &mut app,
        "Each nominee has at least 2 years of law enforcement experience",
    );
    retype(&mut app, catalogue::threshold_id(Threshold::Years), "3");

    click(&mut app, "Each nominee is a U.S. citizen");
    assert!(sees(
        &app,
        "What you typed in the requirement form has not been saved. Discarding loses it."
    ));
    click(&mut app, "Keep editing");
    assert!(
        sees(&app, "Change officer.experience"),
        "the same form is open"
    );

    click(&mut app, "Each nominee is a U.S. citizen");
    click(&mut app, "Discard");
    assert!(sees(&app, "Change officer.us_citizen"));
    assert!(app.leaving().is_none());
}

#[test]
fn escape_closes_the_decision_dialog_first_and_asks_only_when_it_holds_writing() {
    let (_dir, mut app) = setup();
    open(&mut app, "Polk County Sheriff's Office");
    click(&mut app, "Record decision…");
    assert!(sees(&app, "Record this decision"));

    // An untouched dialog closes at once, and the agency stays in view.
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(!sees(&app, "Record this decision"));
    assert!(app.leaving().is_none());
    assert!(matches!(app.screen(), Screen::Agency(_)));

    click(&mut app, "Record decision…");
    act_tall(&mut app, |ui| {
        ui.click(iced_test::core::widget::Id::new(
            g287::ui::screen::agency::decision::OFFICIAL_ID,
        ))
        .unwrap();
        ui.typewrite("R. Jones");
    });
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(sees(
        &app,
        "What you typed in the decision dialog has not been saved. Discarding loses it."
    ));
    click(&mut app, "Keep editing");
    assert!(sees(&app, "R. Jones"), "the official's name is still typed");

    let _ = app.update(Message::Shortcut(Shortcut::Back));
    click(&mut app, "Discard");
    assert!(!sees(&app, "Record this decision"), "the dialog closed");
    assert!(
        matches!(app.screen(), Screen::Agency(_)),
        "the agency stays"
    );
}

#[test]
fn oversight_forms_ask_too_and_an_untouched_complaint_does_not() {
    let (_dir, mut store) = common::store();
    common::agency_with_agreement(
        &mut store,
        "Lee County Sheriff's Office",
        Model::Wso,
        g287::domain::Status::Active,
        common::day("2025-06-02"),
    );
    let (mut app, _tasks) = App::new(crate::common::window::registry(store));
    open(&mut app, "Lee County Sheriff's Office");

    act_tall(&mut app, |ui| {
        ui.click("What was reviewed (optional)").unwrap();
        ui.typewrite("Quarterly file review");
    });
    click(&mut app, "Agencies");
    assert!(sees(
        &app,
        "What you typed in the meeting form has not been saved. Discarding loses it."
    ));
    click(&mut app, "Discard");
    assert!(matches!(app.screen(), Screen::Agencies));

    // A complaint form opened and left as it was loses nothing; one with a summary asks.
    open(&mut app, "Lee County Sheriff's Office");
    click(&mut app, "Record complaint…");
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(matches!(app.screen(), Screen::Agencies));

    open(&mut app, "Lee County Sheriff's Office");
    click(&mut app, "Record complaint…");
    act_tall(&mut app, |ui| {
        ui.click("A sentence").unwrap();
        ui.typewrite("No interpreter offered");
    });
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(sees(
        &app,
        "What you typed in the complaint form has not been saved. Discarding loses it."
    ));
}

#[test]
fn the_signatures_and_requirement_record_forms_ask_before_their_typing_is_lost() {
    let (dir, mut app) = setup();
    open(&mut app, "Polk County Sheriff's Office");
    click(&mut app, "Record signatures…");
    // Opened and untouched: leaving loses nothing.
    click(&mut app, "Calendar");
    assert!(matches!(app.screen(), Screen::Calendar));

    open(&mut app, "Polk County Sheriff's Office");
    click(&mut app, "Record signatures…");
    act_tall(&mut app, |ui| {
        ui.click("e.g. J. Smith").unwrap();
        ui.typewrite("G. Judd");
    });
    click(&mut app, "Agencies");
    assert!(sees(
        &app,
        "What you typed in the signatures form has not been saved. Discarding loses it."
    ));
    click(&mut app, "Keep editing");
    assert!(sees(&app, "G. Judd"), "the typing is still there");
    // Cancel closes it on purpose, without a question.
    click(&mut app, "Cancel");
    assert!(!sees(&app, "Record the MOA's signatures"));
    assert!(app.leaving().is_none());

    act_tall(&mut app, |ui| {
        ui.click(iced_test::core::widget::Id::from(
            obligation::record_button_id("agency.isa"),
        ))
        .unwrap();
    });
    click(&mut app, "Yes, in place");
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(sees(
        &app,
        "What you typed in the form recording a requirement has not been saved. Discarding loses it."
    ));
    click(&mut app, "Discard");
    assert!(matches!(app.screen(), Screen::Agencies));
    let store = common::open_store(dir.path()).unwrap();
    let polk = store.agency_detail(POLK, g287::store::today()).unwrap();
    assert!(
        polk.agreements[0].attestations.is_empty(),
        "nothing written"
    );
    assert!(polk.agreements[0].agreement.signing.agency.is_none());
}
