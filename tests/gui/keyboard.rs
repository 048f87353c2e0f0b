//! Every main task with the keyboard alone, on a 1024 × 700 window: keys go to the focused
//! field first, what no field takes becomes a shortcut, as in the running window (see
//! [`Keyboard`]).

use crate::common;

use common::agency_with_request;
use common::window::Keyboard;
use g287::domain::{AgencyKind, Model};
use g287::ui::app::{App, Screen};
use iced::keyboard::Modifiers;
use iced::keyboard::key::Named;

fn setup() -> (tempfile::TempDir, App) {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let (app, _tasks) = App::new(common::window::registry(store));
    (dir, app)
}

#[test]
fn a_new_agency_is_typed_its_type_chosen_by_typing_and_saved_with_ctrl_s() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::CTRL, 'n');
    assert!(matches!(keys.app.screen(), Screen::Agency(_)));
    // The new agency's first field, State, has the focus.
    keys.type_text("TX");
    keys.press(Named::Tab);
    keys.type_text("Travis County Sheriff's Office");
    keys.press(Named::Tab);
    // The Type drop-down takes the focus, and typing narrows it: "cou", Enter is County.
    keys.type_then("cou", Named::Enter);
    keys.chord(Modifiers::CTRL, 's');

    let listed = keys.app.registry().agencies().unwrap();
    let travis = listed
        .iter()
        .find(|a| a.agency.details.name == "Travis County Sheriff's Office")
        .expect("the agency was created by keyboard alone");
    assert_eq!(travis.agency.details.state.code(), "TX");
    assert_eq!(travis.agency.details.kind, AgencyKind::County);
}

#[test]
fn a_new_agency_saves_with_enter_in_a_field() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::CTRL, 'n');
    keys.type_text("Texas");
    keys.press(Named::Tab);
    keys.type_text("Austin Police Department");
    keys.press(Named::Tab);
    keys.type_then("muni", Named::Enter);
    // Choosing leaves the drop-down (iced's combo box lets the focus go): Tab starts again
    // at the first field of the window (the theme menu), then State, then the name, where
    // Enter saves.
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.press(Named::Enter);
    let listed = keys.app.registry().agencies().unwrap();
    let austin = listed
        .iter()
        .find(|a| a.agency.details.name == "Austin Police Department")
        .expect("created with Enter");
    assert_eq!(austin.agency.details.kind, AgencyKind::Municipality);
}

#[test]
fn the_discard_question_keeps_the_keyboard_and_is_answered_by_keys() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    // Alt+2 is the Agencies page; Down selects the first agency, Enter opens it.
    keys.chord(Modifiers::ALT, '2');
    assert!(matches!(keys.app.screen(), Screen::Agencies));
    keys.press(Named::ArrowDown);
    keys.press(Named::Enter);
    assert!(matches!(keys.app.screen(), Screen::Agency(_)));

    // The theme menu is the window's first field, the State field the page's: type into it,
    // then Escape, from inside the field, asks.
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.type_text(" X");
    keys.press(Named::Escape);
    assert!(
        keys.app.leaving().is_some(),
        "Escape asks before losing typing"
    );
    assert_eq!(
        keys.focused_id(),
        None,
        "no field behind the question has focus"
    );

    // Tab and typing go nowhere behind the question (a "Z" once landed in the State field).
    keys.press(Named::Tab);
    keys.type_text("Z");
    assert_eq!(keys.focused_id(), None);
    assert!(common::window::sees_tall(keys.app, "FL X"));
    assert!(!common::window::sees_tall(keys.app, "FL XZ"));

    // Escape keeps editing; asked again, D discards.
    keys.press(Named::Escape);
    assert!(keys.app.leaving().is_none());
    assert!(matches!(keys.app.screen(), Screen::Agency(_)));
    assert!(common::window::sees_tall(keys.app, "FL X"));
    keys.press(Named::Escape);
    assert!(keys.app.leaving().is_some());
    keys.type_text("d");
    assert!(keys.app.leaving().is_none());
    assert!(
        matches!(keys.app.screen(), Screen::Agencies),
        "discarded, back to the list"
    );
}

#[test]
fn an_acceptance_with_an_override_is_recorded_by_keyboard_alone() {
    let (dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '2');
    keys.press(Named::ArrowDown);
    keys.press(Named::Enter);
    // Alt+D opens the decision dialog with the official's name focused; Acceptance is chosen.
    keys.chord(Modifiers::ALT, 'd');
    assert!(common::window::sees_tall(keys.app, "Record this decision"));
    keys.type_text("R. Jones");
    keys.press(Named::Tab);
    keys.type_text("ERO Assistant Director");
    keys.press(Named::Tab);
    keys.type_text("services are needed");
    keys.press(Named::Tab);
    // Requirements are unmet: the override justification comes next.
    keys.type_text("officers are nominated next week");
    keys.chord(Modifiers::CTRL, 's');
    assert!(
        !common::window::sees_tall(keys.app, "Record this decision"),
        "the dialog closed on recording"
    );

    let store = g287::store::Store::open_in(dir.path()).unwrap();
    let polk = store
        .agency_detail(g287::domain::AgencyId(1), g287::store::today())
        .unwrap();
    let decision = polk.agreements[0]
        .decisions
        .last()
        .expect("a decision recorded by keyboard");
    assert_eq!(decision.draft.outcome, g287::domain::Outcome::Accepted);
    assert_eq!(
        decision.draft.override_justification.as_deref(),
        Some("officers are nominated next week")
    );
}

#[test]
fn a_nominee_is_nominated_by_keyboard_alone() {
    let (dir, mut app) = setup();
    // The nominee form opens below the fold of a 700-pixel window, and iced 0.14 does not
    // scroll a focused field into view: a tall window.
    let mut keys = Keyboard::tall(&mut app);
    keys.chord(Modifiers::ALT, '2');
    keys.press(Named::ArrowDown);
    keys.press(Named::Enter);
    // Alt+N opens the nominee form with the name focused.
    keys.chord(Modifiers::ALT, 'n');
    keys.type_text("Ana Ruiz");
    keys.press(Named::Tab);
    // The U.S. citizen drop-down: "y", Enter is Yes.
    keys.type_then("y", Named::Enter);
    keys.chord(Modifiers::CTRL, 's');

    let store = g287::store::Store::open_in(dir.path()).unwrap();
    let polk = store
        .agency_detail(g287::domain::AgencyId(1), g287::store::today())
        .unwrap();
    let nominee = polk.agreements[0]
        .nominees
        .first()
        .expect("a nominee saved by keyboard");
    assert_eq!(nominee.details.name, "Ana Ruiz");
    assert_eq!(nominee.details.us_citizen, Some(true));
}
