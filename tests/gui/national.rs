//! The national list in the window: the Review screen's agencies to link (a candidate chosen,
//! "no ORI" said with a reason), the New agency form filled from the national list as the
//! coordinator types, the Agency screen's card (figures, undo), and the dashboard's coverage.
//! Every change goes through the real registry, as the window's workers write it.

use crate::common;

use common::window::{save, sees, sees_tall, settle};
use common::{day, fixture};
use g287::domain::reference::{LinkHow, LinkStanding};
use g287::registry::Registry;
use g287::store::Store;
use g287::ui::app::{App, Message, Page, Screen};
use g287::ui::screen::agency::{Action, Agency, Edit, Message as AgencyMessage, Saved};
use g287::ui::screen::import;
use iced_test::Simulator;
use iced_test::core::{Settings, Size};

/// A window on a registry holding ICE's list of 18 July 2025, imported through the window.
fn july() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let registry = common::open_registry(dir.path()).unwrap();
    let (mut app, _) = App::new(registry.clone());
    let done = registry.import(
        &[fixture("participatingAgencies07182025pm.xlsx")],
        g287::registry::ListOptions::default(),
        &mut |_, _| {},
    );
    settle(&mut app, Message::Import(import::Message::Finished(done)));
    (dir, app)
}

fn agency_named(dir: &tempfile::TempDir, state: &str, name: &str) -> g287::domain::Agency {
    common::open_registry(dir.path())
        .unwrap()
        .agencies()
        .unwrap()
        .into_iter()
        .map(|o| o.agency)
        .find(|a| a.details.state.code() == state && a.details.name == name)
        .unwrap()
}

#[test]
fn the_review_screen_links_an_agency_to_the_candidate_chosen_and_takes_no_ori_with_a_reason() {
    let (dir, mut app) = july();
    let _ = app.update(Message::Navigate(Page::Review));
    assert!(matches!(app.screen(), Screen::Review));
    assert!(sees_tall(&app, "Agencies to link to the national list: 76"));
    assert!(sees_tall(
        &app,
        "Florida Department of Law Enforcement (FL, State Agency)"
    ));

    // FDLE's unit in Leon County (Tallahassee) is its headquarters.
    save(&mut app, "This one: FL0370400");
    assert!(sees_tall(&app, "Agencies to link to the national list: 75"));
    let fdle = agency_named(&dir, "FL", "Florida Department of Law Enforcement");
    assert_eq!(fdle.details.ori.unwrap().as_str(), "FL0370400");
    let link = common::open_registry(dir.path())
        .unwrap()
        .ori_link(fdle.id)
        .unwrap()
        .unwrap();
    assert!(matches!(
        link.standing,
        LinkStanding::Linked {
            how: LinkHow::Confirmed,
            ..
        }
    ));

    // "No ORI" without a reason is refused beside the agency; with one it is kept.
    let guard = agency_named(&dir, "FL", "Florida National Guard");
    // The Guard's card is one of many with the same button: its messages are sent as its
    // button and field send them.
    settle(
        &mut app,
        Message::Review(g287::ui::screen::review::Message::Link(
            g287::ui::screen::review::links::Message::NoOri(guard.id),
        )),
    );
    assert!(sees_tall(
        &app,
        "type why it has no ORI in the national list (a county jail without its own, a state agency the FBI does not list...)"
    ));
    settle(
        &mut app,
        Message::Review(g287::ui::screen::review::Message::Link(
            g287::ui::screen::review::links::Message::Reason(
                guard.id,
                "a military unit: the FBI lists no National Guard".into(),
            ),
        )),
    );
    settle(
        &mut app,
        Message::Review(g287::ui::screen::review::Message::Link(
            g287::ui::screen::review::links::Message::NoOri(guard.id),
        )),
    );
    assert!(sees_tall(&app, "Agencies to link to the national list: 74"));
    let link = common::open_registry(dir.path())
        .unwrap()
        .ori_link(guard.id)
        .unwrap()
        .unwrap();
    assert_eq!(
        link.standing,
        LinkStanding::NoOri {
            reason: "a military unit: the FBI lists no National Guard".into()
        }
    );
}

/// A tall window on a screen of its own.
fn simulator(screen: &Agency) -> Simulator<'_, AgencyMessage> {
    Simulator::with_size(
        Settings::default(),
        Size::new(1280.0, 3000.0),
        screen.view(),
    )
}

fn feed(
    screen: &mut Agency,
    interact: impl FnOnce(&mut Simulator<'_, AgencyMessage>),
) -> Vec<Action> {
    let messages: Vec<AgencyMessage> = {
        let mut ui = simulator(screen);
        interact(&mut ui);
        ui.into_messages().collect()
    };
    messages.into_iter().map(|m| screen.update(m)).collect()
}

/// Writes the screen's one save through the registry and answers it, as the window does.
fn answer(registry: &Registry, store: &Store, screen: &mut Agency, actions: Vec<Action>) {
    let save = actions
        .into_iter()
        .find_map(|a| match a {
            Action::Save(s) => Some(s),
            _ => None,
        })
        .expect("a save");
    let result = registry
        .edit(&save.edit)
        .map(|d| store.agency_detail(d.agency.id, day("2026-11-28")).unwrap());
    screen.saved(Saved { save, result });
}

#[test]
fn the_new_agency_form_finds_the_national_list_as_the_coordinator_types_and_fills_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let registry = common::open_registry(dir.path()).unwrap().as_user("tester");
    let store = common::open_store(dir.path()).unwrap();
    let mut screen = Agency::new_agency().searching(registry.national_list().unwrap());
    feed(&mut screen, |ui| {
        ui.click("e.g. TX or Texas").unwrap();
        ui.typewrite("AL");
        ui.click("Agency name").unwrap();
        ui.typewrite("Colbert County Sheriff");
    });
    {
        let mut ui = simulator(&screen);
        assert!(ui.find("In the national list").is_ok());
        assert!(ui.find("Colbert (County, COLBERT)").is_ok());
        assert!(
            ui.find("population served 20,320 · 43 sworn officers (2024)")
                .is_ok()
        );
    }
    feed(&mut screen, |ui| {
        ui.click("Use AL0200000").unwrap();
    });
    // The ORI, county and type come from the national list; the name stays as typed.
    let actions = feed(&mut screen, |ui| {
        assert!(ui.find("AL0200000").is_ok());
        assert!(ui.find("Colbert County").is_ok());
        ui.click("Create agency").unwrap();
    });
    assert!(
        actions.iter().any(|a| matches!(
            a,
            Action::Save(s) if matches!(&s.edit, Edit::SaveAgency { id: None, details, .. }
                if details.name == "Colbert County Sheriff"
                    && details.ori.as_ref().map(|o| o.as_str()) == Some("AL0200000")
                    && details.county.as_deref() == Some("Colbert County")
                    && details.kind == g287::domain::AgencyKind::County)
        )),
        "{actions:?}"
    );
    answer(&registry, &store, &mut screen, actions);
    let mut ui = simulator(&screen);
    assert!(
        ui.find("ORI AL0200000: confirmed by a coordinator (the ORI a coordinator entered)")
            .is_ok()
    );
    assert!(ui.find("National list").is_ok());
}

#[test]
fn the_agency_screen_shows_the_national_figures_and_undoes_a_link_into_review() {
    let dir = tempfile::tempdir().unwrap();
    let registry = common::open_registry(dir.path()).unwrap().as_user("tester");
    let detail = registry
        .edit(&Edit::SaveAgency {
            id: None,
            details: common::sheriff("Polk County Sheriff's Office"),
            seen: None,
        })
        .unwrap();
    let store = common::open_store(dir.path()).unwrap();
    let mut screen = Agency::loaded(
        store
            .agency_detail(detail.agency.id, day("2026-11-28"))
            .unwrap(),
    );
    {
        let mut ui = simulator(&screen);
        assert!(ui.find("ORI FL0530000: matched by name and type").is_ok());
        assert!(
            ui.find("Polk (County, POLK) · population served 541,319 · 774 sworn officers (2025)")
                .is_ok()
        );
        assert!(
            ui.find("0 nominees against 774 sworn officers (0 %)")
                .is_ok()
        );
    }
    let actions = feed(&mut screen, |ui| {
        ui.click("Undo link").unwrap();
    });
    answer(&registry, &store, &mut screen, actions);
    let mut ui = simulator(&screen);
    assert!(
        ui.find("in review: the link to ORI FL0530000 was undone by tester")
            .is_ok()
    );
    assert!(
        ui.find("Choose its ORI, or say it has none, on the Review screen.")
            .is_ok()
    );
}

#[test]
fn the_dashboard_shows_the_share_of_officers_and_population_under_an_agreement() {
    let (dir, mut app) = july();
    let _ = app.update(Message::Navigate(Page::Dashboard));
    assert!(matches!(app.screen(), Screen::Dashboard));
    // The simulator runs no tasks: compute as the app's worker would and hand the result in.
    // The dashboard asks for changes over the last year, and takes only the answer it asked for.
    let today = g287::registry::today();
    let since = today
        .checked_sub_months(chrono::Months::new(12))
        .unwrap_or(today);
    let figures = common::open_registry(dir.path())
        .unwrap()
        .dashboard(since)
        .unwrap();
    let nation = figures.coverage[0].clone();
    assert_eq!(nation.state, None);
    assert!(nation.agencies_active > 500, "{nation:?}");
    assert!(nation.sworn_active > 0 && nation.sworn_active < nation.sworn);
    let _ = app.update(Message::Dashboard(
        g287::ui::screen::dashboard::Message::Computed(since, Ok(Box::new(figures))),
    ));
    assert!(sees_tall(&app, "Nationally"), "the coverage table");
    assert!(sees_tall(&app, "Florida"));
    assert!(sees_tall(
        &app,
        &format!(
            "{} of {}",
            thousands(nation.agencies_active),
            thousands(nation.agencies)
        )
    ));
    assert!(!sees(&app, "The figures could not be computed"));
}

fn thousands(n: usize) -> String {
    g287::ui::screen::agencies::thousands(n)
}
