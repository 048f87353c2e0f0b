//! The Dashboard driven headless with iced_test (tiny-skia) on the known registry of
//! `tests/common/registry.rs`: the figures a coordinator reads, a new "since" date, and a click
//! on the map that lists one state's agencies.

use crate::common;

use common::registry::{self, ago, since};
use common::window::{act, sees};
use g287::store::today;
use g287::ui::app::{App, Message, Page, Screen};
use g287::ui::screen::dashboard;
use iced::keyboard::key::Named;
use iced_test::selector::Candidate;
use iced_test::simulator;

/// The application on the known registry, with the Dashboard open and its figures in.
fn dashboard() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path()).unwrap();
    store.set_user("tester");
    registry::fill(&mut store);
    let (mut app, _tasks) = App::new(crate::common::window::registry(store));
    // The simulator runs no tasks: compute as the app's thread would and hand the result in.
    let _ = app.update(Message::Navigate(Page::Dashboard));
    assert!(matches!(app.screen(), Screen::Dashboard));
    computed(&mut app, dir.path(), since());
    (dir, app)
}

fn computed(app: &mut App, dir: &std::path::Path, since: chrono::NaiveDate) {
    let figures = crate::common::open_registry(dir)
        .unwrap()
        .dashboard(since)
        .unwrap();
    let _ = app.update(Message::Dashboard(dashboard::Message::Computed(
        since,
        Ok(Box::new(figures)),
    )));
}

/// Whether a text `value` stands on the same line as a text `label`: a cell of a table row.
fn row_has(app: &App, label: &str, value: &str) -> bool {
    let mut labels = Vec::new();
    let mut values = Vec::new();
    let mut ui = simulator(app.view());
    let _ = ui.find(|candidate: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = candidate
        {
            if content == label {
                labels.push(bounds.center_y());
            }
            if content == value {
                values.push(bounds.center_y());
            }
        }
        None::<()>
    });
    labels
        .iter()
        .any(|l| values.iter().any(|v| (l - v).abs() < 2.0))
}

#[test]
fn the_dashboard_shows_the_known_figures() {
    let (dir, app) = dashboard();
    let s = since();
    let expected = common::open_store(dir.path())
        .unwrap()
        .dashboard(today(), s)
        .unwrap();
    assert_eq!(app.dashboard().figures(), Some(&expected));

    assert!(sees(&app, &format!("+2 since {s}")), "active agreements");
    assert!(
        sees(&app, &format!("+1 since {s}")),
        "requests in the pipeline"
    );
    assert!(row_has(&app, "Active", "+2"));
    assert!(row_has(&app, "Under review", "-1"));
    assert!(row_has(&app, "Pending", "+1"));
    assert!(row_has(&app, "Declined", "0"));
    assert!(row_has(&app, "Total", "+3"));

    for line in [
        "Median of ended waits: 20 days",
        "Longest ended wait: 50 days",
        "Median of ended waits: 30 days",
        "Median of ended waits: 50 days",
        "Longest ended wait: 60 days",
        "Longest still waiting: 30 days so far",
        "Longest still waiting: 40 days so far",
        "Request to active: median 95 days",
        "Active agreements meeting every requirement: 33% (1 of 3)",
        "Officers certified, of those nominated under active agreements: 80% (4 of 5)",
        "Active agreements failing at least one requirement: 2; with nothing failing but something not on record: 0",
        "Task Force authorizations expired: 1 officer(s), on 1 agreement(s)",
        "Active agreements whose recorded meetings with the Field Office Director show one overdue (12 months): 1; with no meeting on record: 0",
        "Warrant Service Officer: 1 overdue, 0 not on record, of 1 active",
        "Jail Enforcement Model: 0 overdue, 0 not on record, of 0 active",
        "Yearly meeting overdue",
        "Authorizations expired",
        "TX 2",
        "FL 1",
    ] {
        assert!(sees(&app, line), "{line:?} not shown");
    }
    assert!(!sees(&app, "AL 1"), "Mobile's agreement is not active");
}

#[test]
fn another_since_date_recomputes_the_changes_and_a_wrong_one_is_refused() {
    let (dir, mut app) = dashboard();
    let year_back = since().to_string();
    act(&mut app, |ui| {
        ui.click(year_back.as_str()).unwrap();
        ui.tap_key(Named::End);
        ui.typewrite("x");
        ui.tap_key(Named::Enter);
    });
    assert!(sees(
        &app,
        &format!("\"{year_back}x\" is not a date: give it as YYYY-MM-DD")
    ));

    let earlier = ago(500);
    act(&mut app, |ui| {
        ui.click(format!("{year_back}x").as_str()).unwrap();
        ui.tap_key(Named::End);
        for _ in 0..11 {
            ui.tap_key(Named::Backspace);
        }
        ui.typewrite(&earlier.to_string());
        ui.click("Show").unwrap();
    });
    assert!(sees(&app, "computing the figures…"));
    computed(&mut app, dir.path(), earlier);
    // On that day the National Guard's request had just arrived and Polk's WSO was active.
    assert!(sees(&app, &format!("+2 since {earlier}")));
    assert!(row_has(&app, "Declined", "+1"));
    assert!(row_has(&app, "Requested", "0"));
    assert!(!sees(&app, "computing the figures…"));
}

#[test]
fn clicking_a_state_on_the_map_lists_that_states_agencies() {
    let (_dir, mut app) = dashboard();
    act(&mut app, |ui| {
        // The tile's code: the list of states beside the map says "TX 3", not "TX".
        ui.click("TX").unwrap();
    });
    assert!(matches!(app.screen(), Screen::Agencies));
    let mut names = app.agencies().visible_names();
    names.sort();
    assert_eq!(
        names,
        [
            "Dallas Police Department",
            "Harris County Sheriff's Office",
            "Texas National Guard"
        ]
    );
    assert!(sees(&app, "3 of 5 agencies"));
}
