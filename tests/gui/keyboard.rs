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
    // Choosing keeps the focus on the drop-down: Shift+Tab goes back to the name, where Enter
    // saves.
    keys.press_named_with(Named::Tab, Modifiers::SHIFT);
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

    let store = crate::common::open_store(dir.path()).unwrap();
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

    let store = crate::common::open_store(dir.path()).unwrap();
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

#[test]
fn an_agreement_is_requested_by_keyboard_alone() {
    let (dir, mut app) = setup();
    let mut keys = Keyboard::tall(&mut app);
    keys.chord(Modifiers::ALT, '2');
    keys.press(Named::ArrowDown);
    keys.press(Named::Enter);
    // The theme menu, the seven details fields, the Type drop-down among them, then the
    // request row: its model drop-down is the ninth field.
    for _ in 0..9 {
        keys.press(Named::Tab);
    }
    keys.type_then("warrant", Named::Enter);
    // Choosing keeps the focus on the drop-down: Tab goes on to the component drop-down.
    keys.press(Named::Tab);
    keys.type_then("cbp", Named::Enter);
    // Then the date field, which holds today; Enter in it records the request.
    keys.press(Named::Tab);
    keys.press(Named::Enter);

    let store = crate::common::open_store(dir.path()).unwrap();
    let polk = store
        .agency_detail(g287::domain::AgencyId(1), g287::store::today())
        .unwrap();
    assert_eq!(polk.agreements.len(), 2, "a second agreement requested");
    let asked = polk
        .agreements
        .iter()
        .find(|a| a.agreement.model == Model::Wso)
        .expect("the model typed");
    assert_eq!(asked.agreement.component, g287::domain::Component::Cbp);
    assert_eq!(asked.agreement.status, g287::domain::Status::Requested);
}

/// An app on a registry holding nothing but what ICE's list of 16 May 2025 imports (one
/// value flagged: a signing date that is not a date), if `imported`.
fn registry_app(imported: bool) -> (tempfile::TempDir, App) {
    let (dir, store) = common::store();
    let registry = common::window::registry(store);
    if imported {
        registry
            .import(
                &[common::fixture("participatingAgencies05162025am.xlsx")],
                g287::registry::ListOptions::default(),
                &mut |_, _| {},
            )
            .unwrap();
    }
    let (app, _tasks) = App::new(registry);
    (dir, app)
}

#[test]
fn a_list_is_imported_by_keyboard_alone() {
    let (dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    // Alt+4 is the Import page; its path field is the second field, after the theme menu.
    keys.chord(Modifiers::ALT, '4');
    assert!(matches!(keys.app.screen(), Screen::Import));
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    let list = common::fixture("participatingAgencies05162025am.xlsx");
    keys.type_text(list.to_str().unwrap());
    // Enter adds the file typed; Enter in the field, empty again, previews; once more,
    // imports what the preview showed.
    keys.press(Named::Enter);
    assert!(common::window::sees(keys.app, list.to_str().unwrap()));
    keys.press(Named::Enter);
    assert!(
        common::window::sees(keys.app, "Preview: nothing has been written yet"),
        "Enter in the empty field previews"
    );
    let registered = || {
        crate::common::open_store(dir.path())
            .unwrap()
            .counts()
            .unwrap()
    };
    let before = registered();
    keys.press(Named::Enter);
    assert!(common::window::sees(keys.app, "Imported"));
    let after = registered();
    assert!(
        after.0 > before.0 && after.1 > before.1,
        "agencies and agreements imported: {before:?} then {after:?}"
    );
}

#[test]
fn a_flagged_date_is_set_by_keyboard_alone() {
    let (dir, mut app) = registry_app(true);
    let flagged = crate::common::open_registry(dir.path())
        .unwrap()
        .review()
        .unwrap()[0]
        .agreement_id
        .expect("a signing date of an agreement");
    let mut keys = Keyboard::new(&mut app);
    // Alt+5 is the Review page; the flagged value's field is the second field.
    keys.chord(Modifiers::ALT, '5');
    assert!(matches!(keys.app.screen(), Screen::Review));
    assert!(common::window::sees(
        keys.app,
        "Flagged values to review: 1"
    ));
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.type_text("2025-05-08");
    keys.press(Named::Enter);
    assert!(common::window::sees(
        keys.app,
        "Flagged values to review: 0"
    ));
    let registry = crate::common::open_registry(dir.path()).unwrap();
    assert!(
        registry.review().unwrap().is_empty(),
        "settled in the store"
    );
    // Set as the date, not dismissed with the date typed as the reason.
    assert_eq!(
        registry.agreement(flagged).unwrap().signed_on,
        Some(common::day("2025-05-08"))
    );
}

#[test]
fn the_registry_is_exported_by_keyboard_alone() {
    let (dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    // Alt+7 is the Data page: the format drop-down is the second field, the path the third.
    keys.chord(Modifiers::ALT, '7');
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.type_then("json", Named::Enter);
    // Choosing keeps the focus on the drop-down: Tab goes on to the path.
    keys.press(Named::Tab);
    let file = dir.path().join("registry.json");
    keys.type_text(file.to_str().unwrap());
    keys.press(Named::Enter);

    let written = std::fs::read_to_string(&file).expect("exported by Enter in the path");
    let json: serde_json::Value = serde_json::from_str(&written).expect("JSON, as chosen");
    assert!(
        written.contains("Polk County Sheriff's Office"),
        "the agency exported: {json}"
    );

    // Enter again: the file exists, and the question is answered by Enter once more.
    std::fs::write(&file, "stale").unwrap();
    keys.press(Named::Enter);
    assert!(common::window::sees(
        keys.app,
        &format!("{} exists. Replace it with the export?", file.display())
    ));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "stale",
        "asked first"
    );
    keys.press(Named::Enter);
    let replaced = std::fs::read_to_string(&file).unwrap();
    assert!(
        replaced.contains("Polk County Sheriff's Office"),
        "replaced by Enter: {replaced}"
    );
}

#[test]
fn a_backup_is_taken_and_restored_by_keyboard_alone() {
    if crate::common::sqlite_only("a backup file and its restore") {
        return;
    }
    let (dir, mut app) = setup();
    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("before.sqlite3");
    // The Restore card is below the fold of a 700-pixel window: a tall window.
    let mut keys = Keyboard::tall(&mut app);
    // Alt+7 is the Data page: the theme menu, the format, the export's path, then the backup's
    // path, fourth; Enter in it backs up.
    keys.chord(Modifiers::ALT, '7');
    for _ in 0..4 {
        keys.press(Named::Tab);
    }
    keys.type_text(file.to_str().unwrap());
    keys.press(Named::Enter);
    assert!(file.exists(), "backed up by Enter in the path");

    // A change after the backup, which the restore takes back.
    let mut store = crate::common::open_store(dir.path()).unwrap();
    store.set_user("tester");
    store
        .write(|w| {
            w.create_agency(&common::sheriff("Lake County Sheriff's Office"))?;
            Ok(())
        })
        .unwrap();
    drop(store);
    let names = |dir: &std::path::Path| -> Vec<String> {
        crate::common::open_registry(dir)
            .unwrap()
            .agencies()
            .unwrap()
            .into_iter()
            .map(|a| a.agency.details.name)
            .collect()
    };
    assert_eq!(names(dir.path()).len(), 2);

    // The backup's path still has the focus; the restore's path is the next field. Enter
    // asks, Enter again replaces the database.
    keys.press(Named::Tab);
    keys.type_text(file.to_str().unwrap());
    keys.press(Named::Enter);
    let question = format!(
        "Replace the database with {}? The current one is kept as a backup.",
        file.display()
    );
    assert!(common::window::sees(keys.app, &question));
    assert_eq!(names(dir.path()).len(), 2, "asked first");
    keys.press(Named::Enter);
    assert_eq!(
        names(dir.path()),
        vec!["Polk County Sheriff's Office".to_string()],
        "restored by Enter in the path"
    );
}

#[test]
fn alt_and_a_page_number_in_a_field_goes_to_the_page_without_typing_the_number() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::CTRL, 'f');
    keys.type_text("Polk");
    assert_eq!(
        keys.app.agencies().visible_names(),
        ["Polk County Sheriff's Office"]
    );
    // Alt+7 from inside the search: the Data page, and no "7" typed (the search once read
    // "Polk7", matching nothing).
    keys.chord(Modifiers::ALT, '7');
    assert!(matches!(keys.app.screen(), Screen::Data));
    keys.chord(Modifiers::ALT, '2');
    assert!(matches!(keys.app.screen(), Screen::Agencies));
    assert_eq!(
        keys.app.agencies().visible_names(),
        ["Polk County Sheriff's Office"],
        "the search still reads \"Polk\""
    );
}

#[test]
fn the_history_is_verified_with_ctrl_shift_v_from_inside_a_field() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '7');
    // The export's path has the focus; the keys still reach the page's button.
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.chord(Modifiers::CTRL | Modifiers::SHIFT, 'V');
    assert!(common::window::sees_part(keys.app, "The registry holds"));
}

#[test]
fn escape_answers_the_data_pages_question_not_now() {
    let (dir, mut app) = setup();
    let file = dir.path().join("registry.csv");
    std::fs::write(&file, "stale").unwrap();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '7');
    for _ in 0..3 {
        keys.press(Named::Tab);
    }
    keys.type_text(file.to_str().unwrap());
    keys.press(Named::Enter);
    let question = format!("{} exists. Replace it with the export?", file.display());
    assert!(common::window::sees(keys.app, &question));
    keys.press(Named::Escape);
    assert!(
        matches!(keys.app.screen(), Screen::Data),
        "the question closes, the page stays"
    );
    assert!(!common::window::sees(keys.app, &question));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "stale", "kept");
}

#[test]
fn the_calendars_filters_are_cleared_with_ctrl_l() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '3');
    assert!(matches!(keys.app.screen(), Screen::Calendar));
    let items = keys.app.registry().calendar(90);
    let _ = keys.app.update(g287::ui::app::Message::Calendar(
        g287::ui::screen::calendar::Message::Loaded(items),
    ));
    let all = keys.app.calendar().visible();
    assert!(!all.is_empty(), "the agency's request has deadlines");
    // The search is the page's first field, after the theme menu.
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    keys.type_text("nobody at all");
    assert!(keys.app.calendar().visible().is_empty());
    keys.chord(Modifiers::CTRL, 'l');
    assert_eq!(keys.app.calendar().visible(), all, "every filter cleared");
}

#[test]
fn an_import_is_started_again_with_ctrl_shift_a() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '4');
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    let list = common::fixture("participatingAgencies05162025am.xlsx");
    keys.type_text(list.to_str().unwrap());
    // Ctrl+Shift+A while choosing: nothing (no Import more button yet), the file stays.
    keys.press(Named::Enter);
    keys.chord(Modifiers::CTRL | Modifiers::SHIFT, 'A');
    assert!(common::window::sees(keys.app, list.to_str().unwrap()));
    keys.press(Named::Enter);
    keys.press(Named::Enter);
    assert!(common::window::sees(keys.app, "Imported"));
    keys.chord(Modifiers::CTRL | Modifiers::SHIFT, 'A');
    assert!(matches!(
        keys.app.import().phase(),
        g287::ui::screen::import::Phase::Choosing
    ));
    assert!(!common::window::sees(keys.app, list.to_str().unwrap()));
}

#[test]
fn a_focused_field_draws_the_ring_on_the_agencies_search_and_the_data_path() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::CTRL, 'f');
    // The ring goes round the field, 2 pixels wide: more than its width twice over.
    let ring = keys.ring_pixels();
    assert!(
        ring > 2 * 200,
        "the Agencies search draws the ring: {ring} pixels"
    );
    // Escape first lets the search go (back to the list), so that no field is focused when
    // the Data page opens and Tab starts from its first field.
    keys.press(Named::Escape);
    keys.chord(Modifiers::ALT, '7');
    // The theme menu, the format, then the export's path.
    for _ in 0..3 {
        keys.press(Named::Tab);
    }
    let ring = keys.ring_pixels();
    assert!(
        ring > 2 * 200,
        "the Data page's path draws the ring: {ring} pixels"
    );
}

#[test]
fn the_flagged_values_of_an_import_are_reviewed_with_ctrl_shift_r() {
    let (_dir, mut app) = registry_app(false);
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '4');
    // Before any import: no Review flagged values button, nothing happens.
    keys.chord(Modifiers::CTRL | Modifiers::SHIFT, 'R');
    assert!(matches!(keys.app.screen(), Screen::Import));
    keys.press(Named::Tab);
    keys.press(Named::Tab);
    let list = common::fixture("participatingAgencies05162025am.xlsx");
    keys.type_text(list.to_str().unwrap());
    keys.press(Named::Enter);
    keys.press(Named::Enter);
    keys.press(Named::Enter);
    assert!(common::window::sees(keys.app, "Review flagged values"));
    keys.chord(Modifiers::CTRL | Modifiers::SHIFT, 'R');
    assert!(matches!(keys.app.screen(), Screen::Review));
}

#[test]
fn the_chain_head_is_copied_with_ctrl_shift_h_on_the_data_page() {
    use g287::ui::app::Message;
    use g287::ui::shortcuts::{Shortcut, from_key};
    let (_dir, mut app) = setup();
    let h = iced::keyboard::Key::Character("H".into());
    let copy = from_key(&h, Modifiers::CTRL | Modifiers::SHIFT, true);
    assert_eq!(copy, Some(Shortcut::CopyHead));
    let clipboard_writes = |app: &mut App| {
        let task = app.update(Message::Shortcut(Shortcut::CopyHead));
        let Some(stream) = iced_test::runtime::task::into_stream(task) else {
            return 0;
        };
        let actions: Vec<_> = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(futures_collect(stream));
        actions
            .iter()
            .filter(|a| matches!(a, iced_test::runtime::Action::Clipboard(_)))
            .count()
    };
    // Elsewhere than the Data page: nothing copied.
    assert_eq!(clipboard_writes(&mut app), 0);
    let _ = app.update(Message::Shortcut(Shortcut::Page(g287::ui::app::Page::Data)));
    assert!(common::window::sees_part(&app, "Chain head:"));
    assert_eq!(
        clipboard_writes(&mut app),
        1,
        "the head written to the clipboard"
    );
}

/// Every action a task's stream yields.
async fn futures_collect<T>(stream: impl iced::futures::Stream<Item = T>) -> Vec<T> {
    use iced::futures::StreamExt;
    stream.collect().await
}

#[test]
fn the_agencies_filters_are_cleared_with_ctrl_l() {
    let (_dir, mut app) = setup();
    let mut keys = Keyboard::new(&mut app);
    keys.chord(Modifiers::ALT, '2');
    let (all, _) = keys.app.agencies().counts();
    assert!(all > 0);
    keys.chord(Modifiers::CTRL, 'f');
    keys.type_text("nobody at all");
    assert_eq!(keys.app.agencies().counts().0, 0);
    keys.chord(Modifiers::CTRL, 'l');
    assert_eq!(
        keys.app.agencies().counts().0,
        all,
        "search and filters cleared"
    );
}
