//! The Agency screen driven headless: the checklist, an acceptance refused without an override
//! and recorded with one, a nominee changing the checklist, and a bad ORI shown beside its field.

mod common;

use common::{agency_with_request, day, sheriff};
use g287::domain::Model;
use g287::store::Store;
use g287::ui::app::apply_edit;
use g287::ui::screen::agency::{Action, Agency, Edit, Message};
use iced_test::Simulator;
use iced_test::core::{Settings, Size};

/// A window tall enough to show the whole page, as a coordinator scrolling would see it.
fn simulator(screen: &Agency) -> Simulator<'_, Message> {
    Simulator::with_size(
        Settings::default(),
        Size::new(1280.0, 5000.0),
        screen.view(),
    )
}

fn setup(has_jail: Option<bool>) -> (tempfile::TempDir, Store, i64) {
    let (dir, mut store) = common::store();
    let (agency, _) = agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let mut details = sheriff("Polk County Sheriff's Office");
    details.has_jail = has_jail;
    store.write(|w| w.update_agency(agency, &details)).unwrap();
    (dir, store, agency)
}

fn screen(store: &Store, agency: i64) -> Agency {
    Agency::loaded(store.agency_detail(agency, day("2026-11-28")).unwrap())
}

/// Clicks and types on the view, feeds the messages to the screen, returns the actions.
fn act(
    screen: &mut Agency,
    interact: impl FnOnce(&mut iced_test::Simulator<'_, Message>),
) -> Vec<Action> {
    let messages: Vec<Message> = {
        let mut ui = simulator(screen);
        interact(&mut ui);
        ui.into_messages().collect()
    };
    messages.into_iter().map(|m| screen.update(m)).collect()
}

fn sees(screen: &Agency, what: &str) -> bool {
    simulator(screen).find(what).is_ok()
}

fn saves(actions: Vec<Action>) -> Vec<Edit> {
    actions
        .into_iter()
        .filter_map(|a| match a {
            Action::Save(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn the_checklist_shows_every_requirement_with_its_outcome_and_reason() {
    let (_dir, store, agency) = setup(None);
    let s = screen(&store, agency);
    assert!(sees(
        &s,
        "Requirement checklist: 1 of 15 not met or unknown (catalogue version 1)"
    ));
    assert!(sees(&s, "Runs a jail or correctional facility"));
    assert!(sees(&s, "Whether the agency runs a jail is not recorded"));
    assert!(sees(&s, "Unknown"));
    assert!(sees(&s, "Written request received on 2026-01-05"));
}

#[test]
fn an_acceptance_needs_a_written_override_when_a_requirement_is_unmet() {
    let (_dir, mut store, agency) = setup(Some(false));
    let mut s = screen(&store, agency);
    act(&mut s, |ui| {
        ui.click("Record decision…").unwrap();
    });
    assert!(sees(&s, "1 requirement(s) are not met or unknown:"));
    act(&mut s, |ui| {
        ui.click("e.g. R. Jones").unwrap();
        ui.typewrite("R. Jones");
    });
    act(&mut s, |ui| {
        ui.click("e.g. ERO Assistant Director").unwrap();
        ui.typewrite("ERO Assistant Director");
    });
    let refused = act(&mut s, |ui| {
        let _ = ui.click("Record this decision");
    });
    assert!(
        saves(refused).is_empty(),
        "no acceptance without an override"
    );
    assert!(sees(
        &s,
        "1 requirement(s) are not met or unknown: accepting needs a written override of at least 20 characters."
    ));
    act(&mut s, |ui| {
        ui.click("why the services are accepted nonetheless")
            .unwrap();
        ui.typewrite("Detainees held in the county jail next door");
    });
    assert!(sees(
        &s,
        "Will record: ICE accepted the services of Polk County Sheriff's Office under the Jail Enforcement Model on 2026-11-28 (R. Jones, ERO Assistant Director). The agreement becomes Active. 1 requirement(s) are waived by the override: agency.jail."
    ));
    let edits = saves(act(&mut s, |ui| {
        ui.click("Record this decision").unwrap();
    }));
    let [Edit::Decide(draft)] = edits.as_slice() else {
        panic!("{edits:?}")
    };
    assert_eq!(
        draft.override_justification.as_deref(),
        Some("Detainees held in the county jail next door")
    );
    let id = apply_edit(&mut store, &edits[0]).unwrap();
    s.saved(store.agency_detail(id, day("2026-11-28")));
    assert!(sees(&s, "Waived"));
    assert!(sees(&s, "Jail Enforcement Model · ICE · Active"));
}

#[test]
fn adding_a_nominee_changes_the_checklist() {
    let (_dir, mut store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    assert!(sees(
        &s,
        "Requirement checklist: 0 of 15 not met or unknown (catalogue version 1)"
    ));
    act(&mut s, |ui| {
        ui.click("Add nominee").unwrap();
    });
    act(&mut s, |ui| {
        ui.click("e.g. Jane Smith").unwrap();
        ui.typewrite("A. Lee");
    });
    act(&mut s, |ui| {
        ui.click("not_started, pending, passed or failed").unwrap();
        ui.typewrite("failed");
    });
    let edits = saves(act(&mut s, |ui| {
        ui.click("Save nominee").unwrap();
    }));
    assert!(
        matches!(edits.as_slice(), [Edit::AddNominee { .. }]),
        "{edits:?}"
    );
    let id = apply_edit(&mut store, &edits[0]).unwrap();
    s.saved(store.agency_detail(id, day("2026-11-28")));
    assert!(sees(&s, "Nominees (1)"));
    assert!(sees(
        &s,
        "1 of 1 nominees lack a passed background investigation: A. Lee"
    ));
    assert!(!sees(
        &s,
        "Requirement checklist: 0 of 15 not met or unknown (catalogue version 1)"
    ));
}

#[test]
fn a_bad_ori_is_shown_beside_its_field_and_nothing_is_saved() {
    let (_dir, store, agency) = setup(Some(true));
    let mut s = screen(&store, agency);
    act(&mut s, |ui| {
        ui.click("9 characters, e.g. TX1010000").unwrap();
        ui.typewrite("TX123");
    });
    let edits = saves(act(&mut s, |ui| {
        ui.click("Save details").unwrap();
    }));
    assert!(edits.is_empty());
    assert!(sees(&s, "TX123: an ORI has 9 characters; this one has 5"));
}
