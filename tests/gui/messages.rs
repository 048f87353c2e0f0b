//! What the window tells the coordinator, worded so that they know what happened and what to
//! do next (issue 15): who is recorded as the author, the Review screen's flags, the calendar's
//! deadlines, the Oversight card, the import preview, a report that cannot be opened, the Data
//! screen's filters, the order of names, the Dashboard's waits, the waivers.

use crate::common;

use common::window::{act_tall, save, sees_tall};
use g287::ui::app::{App, Message, Page};

/// The status line names the person at the keyboard by their login name, and, once they have
/// set a display name on the Data screen, by that name too; every later change is recorded so.
#[test]
fn the_status_line_names_the_login_and_the_display_name_set_once() {
    let dir = tempfile::tempdir().unwrap();
    // An agency, so that the window opens on the Agencies list, not the first start.
    crate::common::open_store(dir.path())
        .unwrap()
        .write(|w| w.create_agency(&common::sheriff("Hardee County Sheriff's Office")))
        .unwrap();
    let registry = common::open_registry(dir.path()).unwrap();
    // On a server the author is the role that logged in, whatever the operating system says.
    let login = if common::on_postgres() {
        common::postgres::ADMIN.to_string()
    } else {
        whoami::username().unwrap()
    };
    assert_eq!(registry.author(), login);
    let (mut app, _) = App::new(registry);
    // A team's registry names its server, and what the login's role may do.
    let status = |app: &App| {
        let registry = if app.registry().is_server() {
            format!("Team registry: {}", app.registry().database().display())
        } else {
            format!("Data: {}", dir.path().display())
        };
        let role = match app.registry().role().unwrap() {
            Some(role) => format!(", a {}: may {}", role.name(), role.may()),
            None => String::new(),
        };
        format!(
            "{registry}  ·  Last save: nothing saved this session  ·  checking requirements…  ·  Changes recorded as {}{role}",
            app.registry().author()
        )
    };
    assert!(sees_tall(&app, &status(&app)), "{}", status(&app));
    assert!(status(&app).contains(&format!("recorded as {login}")));

    let _ = app.update(Message::Navigate(Page::Data));
    act_tall(&mut app, |ui| {
        ui.click("display name, e.g. Jane Doe").unwrap();
        ui.typewrite("Jane Doe");
    });
    save(&mut app, "Keep this name");
    let author = format!("Jane Doe ({login})");
    assert_eq!(app.registry().author(), author);
    assert!(sees_tall(
        &app,
        &format!("Kept. Every change from now on is recorded as made by {author}.")
    ));
    assert!(sees_tall(&app, &status(&app)));

    // Every later change names the display name and the login; setting it was recorded too.
    let mut store = crate::common::open_store(dir.path()).unwrap();
    store
        .write(|w| w.create_agency(&common::sheriff("Polk County Sheriff's Office")))
        .unwrap();
    let history = store.history(None, None).unwrap();
    assert!(history.iter().any(|e| e.action == "display name"));
    assert_eq!(history[0].who, author);
}

/// The Review screen named a flagged value by file, row and column only, refused "7/7/2025"
/// though the flag's own message offers that form, and Enter did nothing: it names the agency,
/// its state, the model and the list's date, reads every form the message names, and Enter
/// sets the date.
#[test]
fn a_flagged_date_names_its_agency_and_takes_every_form_its_message_offers_by_enter() {
    let dir = tempfile::tempdir().unwrap();
    let registry = common::open_registry(dir.path()).unwrap();
    let done = registry.clone().import(
        &[common::fixture("participatingAgencies05162025am.xlsx")],
        g287::registry::ListOptions::default(),
        &mut |_, _| {},
    );
    let (mut app, _) = App::new(registry);
    common::window::settle(
        &mut app,
        Message::Import(g287::ui::screen::import::Message::Finished(done)),
    );
    let _ = app.update(Message::Navigate(Page::Review));
    assert!(sees_tall(&app, "Flagged values to review: 1"));
    let items = crate::common::open_store(dir.path())
        .unwrap()
        .open_review()
        .unwrap();
    let item = &items[0];
    assert_eq!(
        item.whose(),
        "Campbell County Sheriff's Office (VA), Task Force Model, on ICE's list of 2025-05-16 \
         (participatingAgencies05162025am.xlsx, row 545, column SIGNED)"
    );
    assert!(sees_tall(
        &app,
        &format!("{}: {:?}", item.whose(), item.value)
    ));
    assert!(item.message.contains("5/8/2025"), "{}", item.message);
    let field = "correct date (2025-05-08, 5/8/2025 or an Excel date) or reason";
    // A form the message does not name is still refused, with the forms it does.
    act_tall(&mut app, |ui| {
        ui.click(field).unwrap();
        ui.typewrite("7/72025");
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees_tall(
        &app,
        "\"7/72025\": not a date (expected an Excel date, 2025-05-08 or 5/8/2025)"
    ));
    act_tall(&mut app, |ui| {
        ui.click("7/72025").unwrap();
        for _ in 0..7 {
            ui.tap_key(iced::keyboard::key::Named::Backspace);
        }
        ui.typewrite("7/7/2025");
    });
    let messages: Vec<Message> = {
        let mut ui = common::window::tall(app.view());
        ui.click("7/7/2025").unwrap();
        ui.tap_key(iced::keyboard::key::Named::Enter);
        ui.into_messages().collect()
    };
    for m in messages {
        common::window::settle(&mut app, m);
    }
    assert!(sees_tall(&app, "Flagged values to review: 0"));
}

/// A click on a Warrant Service deadline opened the agency on its Task Force agreement (the
/// first): it opens on the deadline's own agreement.
#[test]
fn a_deadline_opens_its_agency_on_its_own_agreement() {
    use g287::domain::{Component, Model, Status};
    use g287::store::agreements::NewAgreement;
    use g287::ui::app::Screen;
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::common::open_store(dir.path()).unwrap();
    let since = g287::store::today() - chrono::Days::new(30);
    let (agency, tfm) = common::agency_with_agreement(
        &mut store,
        "Lee County Sheriff's Office",
        Model::Tfm,
        Status::Active,
        since,
    );
    let wso = store
        .write(|w| {
            w.create_agreement(&NewAgreement {
                agency_id: agency,
                model: Model::Wso,
                component: Component::Ice,
                status: Status::Active,
                on: since,
                requested_on: Some(since),
                signed_on: Some(since),
                note: None,
            })
        })
        .unwrap();
    let (mut app, _) = App::new(common::window::registry(store));
    common::window::settle(&mut app, Message::Navigate(Page::Calendar));
    act_tall(&mut app, |ui| {
        ui.click("WSO ICE").unwrap();
    });
    let Screen::Agency(opened) = app.screen() else {
        panic!("the agency is not open");
    };
    assert_ne!(opened.shown_agreement(), Some(tfm));
    assert_eq!(opened.shown_agreement(), Some(wso));
}

/// The Oversight card did not say which agreement it belonged to, and a complaint ICE was not
/// told of in time had no overdue mark: the heading names the agreement, and the complaint is
/// marked OVERDUE in words.
#[test]
fn the_oversight_card_names_its_agreement_and_marks_an_overdue_complaint() {
    use g287::domain::{Model, Status};
    use g287::ui::screen::agency::Agency;
    let (_dir, mut store) = common::store();
    let today = g287::store::today();
    let ago = |days| today - chrono::Days::new(days);
    let (agency, agreement) = common::agency_with_agreement(
        &mut store,
        "Polk County Sheriff's Office",
        Model::Jem,
        Status::Active,
        ago(400),
    );
    store
        .write(|w| {
            // Ten days ago: two weekdays have passed whatever day the test runs.
            w.record_complaint(
                agreement,
                &g287::domain::ComplaintDetails {
                    received_on: Some(ago(10)),
                    summary: "No interpreter at booking".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let detail = store.agency_detail(agency, today).unwrap();
    let due = detail.agreements[0].complaints[0]
        .details
        .ice_told_due(detail.agreements[0].term(
            g287::domain::calendar::DeadlineKind::ComplaintReported,
            None,
        ))
        .unwrap();
    let screen = Agency::loaded(detail);
    let mut ui = iced_test::Simulator::with_size(
        iced_test::core::Settings::default(),
        iced_test::core::Size::new(1400.0, 6000.0),
        screen.view(),
    );
    assert!(
        ui.find("Oversight of the Jail Enforcement Model agreement (ICE)")
            .is_ok()
    );
    assert!(
        ui.find(format!("OVERDUE: ICE not told, due {due}").as_str())
            .is_ok()
    );
}

/// The preview of a pending list said "25 new agreements ... 0 become pending": its new
/// agreements are said to be pending, and "become pending" is said of agreements already
/// registered.
#[test]
fn the_preview_of_a_pending_list_says_its_new_agreements_are_pending() {
    use g287::ui::screen::import;
    let dir = tempfile::tempdir().unwrap();
    crate::common::open_store(dir.path())
        .unwrap()
        .write(|w| w.create_agency(&common::sheriff("Hardee County Sheriff's Office")))
        .unwrap();
    let registry = common::open_registry(dir.path()).unwrap();
    let preview = registry.import(
        &[common::fixture("pendingAgencies07182025pm.xlsx")],
        g287::registry::ListOptions {
            dry_run: true,
            ..Default::default()
        },
        &mut |_, _| {},
    );
    let summary = preview.as_ref().unwrap().clone();
    assert!(summary.agreements_new > 0);
    assert_eq!(summary.new_pending, summary.agreements_new);
    let (mut app, _) = App::new(registry);
    let _ = app.update(Message::Navigate(Page::Import));
    let _ = app.update(Message::Import(import::Message::Previewed(preview)));
    assert!(sees_tall(
        &app,
        &format!(
            "{} rows in 1 file(s): {} new agreements, all pending, 0 already registered; {} new agencies, {} agencies matched",
            summary.rows, summary.agreements_new, summary.agencies_new, summary.agencies_matched
        )
    ));
    assert!(sees_tall(
        &app,
        "Of the agreements already registered: 0 become active, 0 become pending, 0 delisted, 0 dropped off the pending list, 0 updated, 0 unchanged"
    ));
}

/// A report that the system could not open said only 'could not be opened: Launcher "gio"
/// "open" ... ExitStatus(unix_wait_status(512))': the Agency screen says where it was
/// written, with "Show in folder" and "Copy path".
#[test]
fn a_report_that_cannot_be_opened_says_where_it_is_with_show_in_folder_and_copy_path() {
    use g287::domain::{Model, Status};
    use g287::ui::screen::agency::{Action, Agency, Message as AgencyMessage};
    let (dir, mut store) = common::store();
    let (agency, _) = common::agency_with_agreement(
        &mut store,
        "Polk County Sheriff's Office",
        Model::Jem,
        Status::Active,
        common::day("2025-05-08"),
    );
    let mut screen = Agency::loaded(store.agency_detail(agency, g287::store::today()).unwrap());
    let file = dir.path().join("reports").join("polk.html");
    let _ = screen.update(AgencyMessage::ReportOpened(
        file.clone(),
        Err(
            r#"Launcher "gio" "open" "polk.html" failed with ExitStatus(unix_wait_status(512))"#
                .into(),
        ),
    ));
    let said = format!(
        "Report written to {}. This computer has no program set to open .html files: open the file from a browser (File → Open), or show it in its folder.",
        file.display()
    );
    let click = |screen: &mut Agency, what: &str| -> Vec<Action> {
        let messages: Vec<AgencyMessage> = {
            let mut ui = common::window::tall(screen.view());
            assert!(ui.find(said.as_str()).is_ok());
            ui.click(what).unwrap();
            ui.into_messages().collect()
        };
        messages.into_iter().map(|m| screen.update(m)).collect()
    };
    let actions = click(&mut screen, "Copy path");
    assert!(
        matches!(actions.as_slice(), [Action::Copy(p)] if *p == file.display().to_string()),
        "{actions:?}"
    );
    let actions = click(&mut screen, "Show in folder");
    assert!(
        matches!(actions.as_slice(), [Action::ShowInFolder(f)] if *f == dir.path().join("reports")),
        "{actions:?}"
    );
}

/// "Only the 249 of 707 agencies" did not say which filters an export of the list applies: the
/// Data screen names the search and each filter.
#[test]
fn the_data_screen_names_the_filters_an_export_of_the_list_applies() {
    use g287::domain::{Model, Status};
    use g287::ui::screen::agencies::{Choice, Message as ListMessage};
    let (_dir, mut store) = common::store();
    for (name, model) in [
        ("Polk County Sheriff's Office", Model::Tfm),
        ("Polk City Police Department", Model::Jem),
        ("Lee County Sheriff's Office", Model::Tfm),
    ] {
        common::agency_with_agreement(
            &mut store,
            name,
            model,
            Status::Active,
            common::day("2025-05-08"),
        );
    }
    let (mut app, _) = App::new(common::window::registry(store));
    let _ = app.update(Message::Agencies(ListMessage::Search("lee".into())));
    let _ = app.update(Message::Agencies(ListMessage::ModelFilter(Choice::Only(
        Model::Tfm,
    ))));
    let _ = app.update(Message::Navigate(Page::Data));
    assert!(sees_tall(
        &app,
        "Only the 1 of 3 agencies the Agencies list shows now (search “lee”, model TFM)"
    ));
}

/// "DeWitt County" sorted before "Deaf Smith County": names sort without regard to case, in
/// the Agencies list, the store's overview and the calendar.
#[test]
fn names_sort_without_regard_to_case() {
    use g287::domain::{Model, Status};
    let (_dir, mut store) = common::store();
    let since = g287::store::today() - chrono::Days::new(30);
    for name in [
        "DeWitt County Sheriff's Office",
        "Deaf Smith County Sheriff's Office",
    ] {
        common::agency_with_agreement(&mut store, name, Model::Wso, Status::Active, since);
    }
    let order = [
        "Deaf Smith County Sheriff's Office",
        "DeWitt County Sheriff's Office",
    ];
    let overview: Vec<String> = store
        .overview()
        .unwrap()
        .into_iter()
        .map(|a| a.agency.details.name)
        .collect();
    assert_eq!(overview, order);
    let calendar: Vec<String> = store
        .calendar(g287::store::today(), 90)
        .unwrap()
        .into_iter()
        .map(|i| i.agency_name)
        .collect();
    assert_eq!(calendar, order);
    let (app, _) = App::new(common::window::registry(store));
    assert_eq!(app.agencies().visible_names(), order);
}
