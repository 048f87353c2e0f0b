//! The application's own screens driven through `App`: the Agencies list (open, filter, sort,
//! keys, only the rows in view), an import through preview and confirm, the Review and Data
//! screens, and the first start.

use crate::common;

use common::window::{act, save, sees};
use common::{day, fixture};
use g287::domain::{AgencyKind, Component, Model, State, Status};
use g287::registry::{ImportSummary, ListOptions, RegistryError};
use g287::store::agreements::NewAgreement;
use g287::ui::app::{App, Message, Screen};
use g287::ui::screen::import;
use iced_test::simulator;

/// An application on a fresh data folder holding a few agencies.
fn app_with(agencies: &[(&str, &str, AgencyKind, Model)]) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path()).unwrap();
    store
        .write(|w| {
            for (state, name, kind, model) in agencies {
                let id = w.create_agency(&g287::domain::AgencyDetails {
                    state: State::parse(state).unwrap(),
                    name: name.to_string(),
                    kind: *kind,
                    county: None,
                    ori: None,
                    has_jail: Some(true),
                    contact: None,
                })?;
                w.create_agreement(&NewAgreement {
                    agency_id: id,
                    model: *model,
                    component: Component::Ice,
                    status: Status::Requested,
                    on: day("2026-01-02"),
                    requested_on: Some(day("2026-01-02")),
                    signed_on: None,
                    note: None,
                })?;
            }
            Ok(())
        })
        .unwrap();
    let (app, _checks) = App::new(crate::common::window::registry(store));
    (dir, app)
}

/// Imports the lists at `files` into the database at `database`, as the window's worker does.
fn import_files(
    database: &std::path::Path,
    files: Vec<std::path::PathBuf>,
    dry_run: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportSummary, RegistryError> {
    let options = ListOptions {
        dry_run,
        ..ListOptions::default()
    };
    common::open_registry(database.parent().unwrap())
        .unwrap()
        .import(&files, options, progress)
}

fn three() -> (tempfile::TempDir, App) {
    app_with(&[
        (
            "FL",
            "Polk County Sheriff's Office",
            AgencyKind::County,
            Model::Jem,
        ),
        (
            "TX",
            "Harris County Sheriff's Office",
            AgencyKind::County,
            Model::Tfm,
        ),
        (
            "AL",
            "Mobile Police Department",
            AgencyKind::Municipality,
            Model::Wso,
        ),
    ])
}

#[test]
fn clicking_a_row_opens_the_agency() {
    let (_dir, mut app) = three();
    assert!(sees(&app, "3 of 3 agencies"));
    act(&mut app, |ui| {
        ui.click("Harris County Sheriff's Office").unwrap();
    });
    assert!(matches!(app.screen(), Screen::Agency(_)));
    assert_eq!(app.title(), "g287 — Harris County Sheriff's Office");
    assert!(sees(&app, "Harris County Sheriff's Office"));
}

#[test]
fn typing_in_the_search_box_filters_the_list() {
    let (_dir, mut app) = three();
    act(&mut app, |ui| {
        ui.click("Search name, county or ORI  (Ctrl+F)").unwrap();
        ui.typewrite("county");
    });
    assert!(sees(&app, "2 of 3 agencies"));
    assert!(!sees(&app, "Mobile Police Department"));
    assert!(sees(&app, "Polk County Sheriff's Office"));
    act(&mut app, |ui| {
        ui.click("county").unwrap();
        ui.typewrite(" harris");
    });
    assert!(sees(&app, "1 of 3 agencies"));
    assert_eq!(
        app.agencies().visible_names(),
        ["Harris County Sheriff's Office"]
    );
}

#[test]
fn clicking_a_header_sorts_and_clicking_again_reverses() {
    let (_dir, mut app) = three();
    assert_eq!(
        app.agencies().visible_names(),
        [
            "Mobile Police Department",
            "Polk County Sheriff's Office",
            "Harris County Sheriff's Office"
        ],
        "by state at first"
    );
    act(&mut app, |ui| {
        ui.click("Agency").unwrap();
    });
    assert!(sees(&app, "Agency ▲"));
    assert_eq!(
        app.agencies().visible_names(),
        [
            "Harris County Sheriff's Office",
            "Mobile Police Department",
            "Polk County Sheriff's Office"
        ]
    );
    act(&mut app, |ui| {
        ui.click("Agency ▲").unwrap();
    });
    assert!(sees(&app, "Agency ▼"));
    assert_eq!(
        app.agencies().visible_names()[0],
        "Polk County Sheriff's Office"
    );
}

#[test]
fn arrow_keys_move_the_selection_and_enter_opens() {
    use g287::ui::app::Shortcut;
    let (_dir, mut app) = three();
    let _ = app.update(Message::Shortcut(Shortcut::Down));
    let _ = app.update(Message::Shortcut(Shortcut::Down));
    let _ = app.update(Message::Shortcut(Shortcut::Up));
    let _ = app.update(Message::Shortcut(Shortcut::Down));
    let _ = app.update(Message::Shortcut(Shortcut::Enter));
    assert_eq!(app.title(), "g287 — Polk County Sheriff's Office");
    let _ = app.update(Message::Shortcut(Shortcut::Back));
    assert!(matches!(app.screen(), Screen::Agencies));
}

#[test]
fn a_large_registry_builds_only_the_rows_in_view() {
    let names: Vec<String> = (0..2000)
        .map(|i| format!("Agency {i:04} Police Department"))
        .collect();
    let rows: Vec<(&str, &str, AgencyKind, Model)> = names
        .iter()
        .map(|n| ("TX", n.as_str(), AgencyKind::Municipality, Model::Tfm))
        .collect();
    let (_dir, app) = app_with(&rows);
    assert!(sees(&app, "2,000 of 2,000 agencies"));
    assert!(sees(&app, "Agency 0000 Police Department"));
    assert!(
        !sees(&app, "Agency 1999 Police Department"),
        "rows far below the fold are not built"
    );
}

#[test]
fn a_real_ice_list_imports_through_the_preview_and_confirm() {
    let (_dir, mut app) = app_with(&[]);
    let database = _dir.path().join("g287.sqlite3");
    act(&mut app, |ui| {
        ui.click("Start empty").unwrap();
    });
    act(&mut app, |ui| {
        ui.click("Import").unwrap();
    });
    assert!(matches!(app.screen(), Screen::Import));
    let list = fixture("participatingAgencies07182025pm.xlsx");
    act(&mut app, |ui| {
        ui.click("…or type a file's path and press Enter (or drop files on the window)")
            .unwrap();
        ui.typewrite(list.to_str().unwrap());
        ui.tap_key(iced::keyboard::key::Named::Enter);
    });
    assert!(sees(&app, list.to_str().unwrap()));
    act(&mut app, |ui| {
        ui.click("Preview").unwrap();
    });
    assert!(sees(&app, "Reading the files…"));
    // The application runs the preview on a thread; here the test runs the same function.
    let preview = import_files(&database, vec![list.clone()], true, &mut |_, _| {});
    let _ = app.update(Message::Import(import::Message::Previewed(preview)));
    assert!(sees(&app, "Preview: nothing has been written yet"));
    assert!(sees(
        &app,
        "832 rows in 1 file(s): 832 new agreements, 0 already registered; 685 new agencies, 0 agencies matched"
    ));
    assert_eq!(
        common::open_store(database.parent().unwrap())
            .unwrap()
            .counts()
            .unwrap(),
        (0, 0),
        "the preview wrote nothing"
    );
    act(&mut app, |ui| {
        ui.click("Import these lists").unwrap();
    });
    let mut progress = Vec::new();
    let done = import_files(&database, vec![list], false, &mut |d, t| {
        progress.push((d, t))
    });
    assert_eq!(progress.last(), Some(&(832, 832)));
    let _ = app.update(Message::Import(import::Message::Progress(416, 832)));
    assert!(sees(&app, "Importing… 416 of 832 rows"));
    // Quitting now would stop the import, so the window asks; keeping it changes nothing.
    let _ = app.update(Message::CloseRequested);
    assert!(sees(&app, "Stop the import?"));
    act(&mut app, |ui| {
        ui.click("Keep importing").unwrap();
    });
    assert!(app.leaving().is_none());
    assert!(sees(&app, "Importing… 416 of 832 rows"));
    let reported = format!("{done:?}");
    // The window reads the list back on a worker: run it, as the runtime would.
    common::window::settle(&mut app, Message::Import(import::Message::Finished(done)));
    assert!(sees(&app, "Imported"), "{reported}");
    assert!(
        sees(&app, "3 values flagged for review, 0 rows not imported"),
        "{reported}"
    );
    act(&mut app, |ui| {
        ui.click("Review flagged values").unwrap();
    });
    assert!(matches!(app.screen(), Screen::Review));
    assert!(sees(&app, "Flagged values to review: 3"));
    act(&mut app, |ui| {
        ui.click("Agencies").unwrap();
    });
    assert!(sees(&app, "685 of 685 agencies"));
}

#[test]
fn a_flagged_date_is_resolved_from_the_review_screen() {
    let (dir, mut app) = app_with(&[]);
    let database = dir.path().join("g287.sqlite3");
    let done = import_files(
        &database,
        vec![fixture("participatingAgencies05162025am.xlsx")],
        false,
        &mut |_, _| {},
    );
    // The window reads the list back on a worker: run it, as the runtime would.
    common::window::settle(&mut app, Message::Import(import::Message::Finished(done)));
    let _ = app.update(Message::Navigate(g287::ui::app::Page::Review));
    assert!(sees(&app, "Flagged values to review: 1"));
    act(&mut app, |ui| {
        ui.click("correct date (2025-05-08, 5/8/2025 or an Excel date) or reason")
            .unwrap();
        ui.typewrite("2025-05-08");
    });
    save(&mut app, "Set date");
    assert!(sees(&app, "Flagged values to review: 0"));
    let store = common::open_store(database.parent().unwrap()).unwrap();
    assert!(store.open_review().unwrap().is_empty());
    assert_eq!(store.history(None, Some(1)).unwrap()[0].action, "resolved");
}

/// The Data screen shows the audit chain's head, to keep outside, with a button copying it.
#[test]
fn the_data_screen_shows_the_chain_head_and_copies_it() {
    use g287::ui::screen::data::{Action, Data};
    let head = format!("57:{}", "ab".repeat(32));
    let mut screen = Data::new(Vec::new(), (3, 3)).with_head(Some(head.clone()));
    let messages: Vec<_> = {
        let mut ui = simulator(screen.view());
        assert!(ui.find(format!("Chain head: {head}").as_str()).is_ok());
        ui.click("Copy").unwrap();
        ui.into_messages().collect()
    };
    let actions: Vec<Action> = messages.into_iter().map(|m| screen.update(m)).collect();
    assert!(matches!(actions.last(), Some(Action::Copy(h)) if *h == head));
}

#[test]
fn the_data_screen_backs_up_and_asks_before_restoring() {
    use g287::ui::screen::data::{Action, Data, Message as DataMessage};
    let mut screen = Data::new(vec!["g287-daily-2026-11-28.sqlite3".into()], (3, 3));
    let feed = |screen: &mut Data,
                interact: &dyn Fn(&mut iced_test::Simulator<'_, DataMessage>)|
     -> Vec<Action> {
        let messages: Vec<DataMessage> = {
            let mut ui = simulator(screen.view());
            interact(&mut ui);
            ui.into_messages().collect()
        };
        messages.into_iter().map(|m| screen.update(m)).collect()
    };
    assert!(
        simulator(screen.view())
            .find("One each day g287 starts, the last 7 kept: g287-daily-2026-11-28.sqlite3")
            .is_ok()
    );
    feed(&mut screen, &|ui| {
        ui.click("file to write, e.g. /home/me/g287-backup.sqlite3")
            .unwrap();
        ui.typewrite("/tmp/b.sqlite3");
    });
    let actions = feed(&mut screen, &|ui| {
        ui.click("Back up now").unwrap();
    });
    assert!(
        matches!(actions.last(), Some(Action::Backup(p)) if p.to_str() == Some("/tmp/b.sqlite3"))
    );
    screen.update(DataMessage::BackedUp(Ok("/tmp/b.sqlite3".into())));
    assert!(
        simulator(screen.view())
            .find("Backup written to /tmp/b.sqlite3")
            .is_ok()
    );

    feed(&mut screen, &|ui| {
        ui.click("backup to restore").unwrap();
        ui.typewrite("/tmp/b.sqlite3");
    });
    let actions = feed(&mut screen, &|ui| {
        ui.click("Restore…").unwrap();
    });
    assert!(
        actions.iter().all(|a| matches!(a, Action::None)),
        "a restore is never one click"
    );
    let mut ui = simulator(screen.view());
    assert!(
        ui.find("Replace the database with /tmp/b.sqlite3? The current one is kept as a backup.")
            .is_ok()
    );
    drop(ui);
    let actions = feed(&mut screen, &|ui| {
        ui.click("Replace the database").unwrap();
    });
    assert!(
        matches!(actions.last(), Some(Action::Restore(p)) if p.to_str() == Some("/tmp/b.sqlite3"))
    );
}

#[test]
fn the_first_start_offers_the_sample_list_and_loads_it() {
    let (dir, mut app) = app_with(&[]);
    assert!(matches!(app.screen(), Screen::Welcome(_)));
    assert!(sees(&app, "Load ICE's list of 18 July 2025"));
    act(&mut app, |ui| {
        ui.click("Load ICE's list of 18 July 2025").unwrap();
    });
    // The application loads it on a thread; the test runs the same function.
    let loaded = common::open_registry(dir.path()).unwrap().import_sample();
    assert_eq!(loaded.as_ref().ok().map(|s| s.agreements), Some(832));
    common::window::settle(&mut app, Message::SampleLoaded(loaded));
    assert!(matches!(app.screen(), Screen::Agencies));
    assert!(sees(&app, "685 of 685 agencies"));
}

#[test]
fn the_data_screen_exports_the_registry_and_asks_before_replacing_a_file() {
    use g287::export::ExportFormat;
    use g287::ui::screen::data::Message as DataMessage;
    let (dir, mut app) = three();
    let registry = common::open_registry(dir.path()).unwrap();
    let export_file = |format, file: &std::path::Path, only| {
        registry
            .export_agencies(format, file, only)
            .map(|exported| (file.to_path_buf(), format, exported))
    };
    let file = dir.path().join("registry.csv");
    act(&mut app, |ui| {
        ui.click("Data").unwrap();
    });
    act(&mut app, |ui| {
        ui.click("file to write, e.g. /home/me/registry.csv")
            .unwrap();
        ui.typewrite(file.to_str().unwrap());
    });
    act(&mut app, |ui| {
        ui.click("Export now").unwrap();
    });
    assert!(sees(&app, "Working…"));
    // The application writes the export on a thread; here the test runs the same function.
    let done = export_file(ExportFormat::Csv, &file, None);
    let _ = app.update(Message::Data(DataMessage::Exported(done)));
    let said = format!("Exported 3 rows of 3 agencies to {}", file.display());
    assert!(sees(&app, &said));
    let csv = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        5,
        "a header, one row per agreement and the chain head: {csv}"
    );
    assert!(
        lines[4].starts_with("g287 audit chain head "),
        "{}",
        lines[4]
    );
    assert!(lines[0].starts_with("\u{feff}STATE,"), "{}", lines[0]);
    for name in [
        "Polk County Sheriff's Office",
        "Harris County Sheriff's Office",
        "Mobile Police Department",
    ] {
        assert!(csv.contains(name), "{name} in {csv}");
    }

    // The same file again: asked first; keeping it writes nothing and stays idle.
    act(&mut app, |ui| {
        ui.click("Export now").unwrap();
    });
    let question = format!("{} exists. Replace it with the export?", file.display());
    assert!(sees(&app, &question));
    act(&mut app, |ui| {
        ui.click("Keep it").unwrap();
    });
    assert!(!sees(&app, &question));
    assert!(!sees(&app, "Working…"));
    act(&mut app, |ui| {
        ui.click("Export now").unwrap();
    });
    act(&mut app, |ui| {
        ui.click("Replace").unwrap();
    });
    assert!(sees(&app, "Working…"));

    let done = export_file(ExportFormat::Csv, &file, None);
    let _ = app.update(Message::Data(DataMessage::Exported(done)));

    // With the list filtered, the export can hold only what the list shows.
    assert!(!sees(
        &app,
        "Only the 1 of 3 agencies the Agencies list shows now (its search and filters)"
    ));
    act(&mut app, |ui| {
        ui.click("Agencies").unwrap();
    });
    act(&mut app, |ui| {
        ui.click("Search name, county or ORI  (Ctrl+F)").unwrap();
        ui.typewrite("Polk");
    });
    act(&mut app, |ui| {
        ui.click("Data").unwrap();
    });
    let only = "Only the 1 of 3 agencies the Agencies list shows now (search “Polk”)";
    act(&mut app, |ui| {
        ui.click(only).unwrap();
    });
    let polk = dir.path().join("polk.csv");
    act(&mut app, |ui| {
        ui.click("file to write, e.g. /home/me/registry.csv")
            .unwrap();
        ui.typewrite(polk.to_str().unwrap());
    });
    act(&mut app, |ui| {
        ui.click("Export now").unwrap();
    });
    assert!(sees(&app, "Working…"));
    let listed = app.agencies().visible_ids();
    let done = export_file(ExportFormat::Csv, &polk, Some(&listed));
    let _ = app.update(Message::Data(DataMessage::Exported(done)));
    assert!(sees(
        &app,
        &format!("Exported 1 row of 1 agency to {}", polk.display())
    ));
    let csv = std::fs::read_to_string(&polk).unwrap();
    assert!(
        csv.contains("Polk County Sheriff's Office") && !csv.contains("Harris County"),
        "{csv}"
    );

    // Choosing another format (what the format menu sends) renames a file that carried the old
    // one's extension.
    let _ = app.update(Message::Data(DataMessage::ExportFormatChosen(
        ExportFormat::Xlsx,
    )));
    assert!(sees(&app, dir.path().join("polk.xlsx").to_str().unwrap()));
}

#[test]
fn the_data_screen_verifies_the_history_and_names_an_entry_edited_behind_its_back() {
    use g287::ui::screen::data::Message as DataMessage;
    let verify_database = |database: &std::path::Path| {
        common::open_registry(database.parent().unwrap())
            .unwrap()
            .verify(None)
    };
    let (dir, mut app) = three();
    let database = dir.path().join("g287.sqlite3");
    act(&mut app, |ui| {
        ui.click("Data").unwrap();
    });
    act(&mut app, |ui| {
        ui.click("Verify now").unwrap();
    });
    assert!(sees(&app, "Working…"));
    // The application verifies on a thread; here the test runs the same function.
    let verified = common::open_store(database.parent().unwrap())
        .unwrap()
        .verify()
        .unwrap();
    let (entries, rows) = (verified.entries, verified.rows_proven);
    let _ = app.update(Message::Data(DataMessage::Verified(verify_database(
        &database,
    ))));
    // A server keeps its own files: no SQLite integrity check is claimed there.
    let integrity = if common::on_postgres() {
        ""
    } else {
        "the database passed SQLite's integrity check, "
    };
    assert!(sees(
        &app,
        &format!(
            "The registry holds: {integrity}all {entries} entries of the history are intact, and replaying them gives every one of the {rows} rows of the tables."
        )
    ));

    // Someone edits who made the third change, outside g287.
    crate::common::outside(
        database.parent().unwrap(),
        "UPDATE audit_log SET who = 'mallory' WHERE seq = 3",
    );
    let found = verify_database(&database);
    let said = found.as_ref().unwrap().verification.in_words();
    assert!(!found.as_ref().unwrap().ok());
    assert!(
        said.starts_with("The registry does not verify: 1 row differs from its history: audit_log row 3, column who:"),
        "{said}"
    );
    act(&mut app, |ui| {
        ui.click("Verify now").unwrap();
    });
    let _ = app.update(Message::Data(DataMessage::Verified(found)));
    assert!(sees(&app, &said));
}

#[test]
fn a_save_runs_on_a_worker_and_its_reply_shows_it() {
    use g287::ui::screen::agency::{DetailField, Message as AgencyMessage};
    let (dir, mut app) = three();
    act(&mut app, |ui| {
        ui.click("Mobile Police Department").unwrap();
    });
    let _ = app.update(Message::Agency(AgencyMessage::Detail(
        DetailField::Name,
        "Mobile PD".into(),
    )));
    let messages: Vec<Message> = {
        let mut ui = common::window::tall(app.view());
        ui.click("Save details").unwrap();
        ui.into_messages().collect()
    };
    let tasks: Vec<_> = messages.into_iter().map(|m| app.update(m)).collect();
    // The click returned at once: nothing is written yet, and the status line says a save is
    // on its way.
    assert!(common::window::sees_part(&app, "saving…"));
    let names: Vec<String> = common::open_registry(dir.path())
        .unwrap()
        .agencies()
        .unwrap()
        .into_iter()
        .map(|a| a.agency.details.name)
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with("Mobile PD")),
        "{names:?}"
    );
    // The worker's reply: the save, the agency as written, the list read afresh.
    let replies: Vec<Message> = tasks.into_iter().flat_map(common::window::run).collect();
    assert!(
        matches!(replies.as_slice(), [Message::Saved(_)]),
        "one reply, to this save: {replies:?}"
    );
    for reply in replies {
        let _ = app.update(reply);
    }
    assert!(!common::window::sees_part(&app, "saving…"));
    assert!(common::window::sees_part(&app, "saved Mobile PD"));
    assert!(matches!(app.screen(), Screen::Agency(a) if a.title() == "Mobile PD"));
}

/// The Data screen's "A team's registry": a server typed there is opened at the next start
/// (kept in the window's settings); on a server's registry, the file backups are not offered
/// (the server keeps them) and the card says which server it is.
#[test]
fn the_data_screen_keeps_the_teams_server_to_open_next() {
    let (dir, mut app) = three();
    let _ = app.update(Message::Navigate(g287::ui::app::Page::Data));
    let server = app.registry().is_server();
    assert_eq!(common::window::sees_tall(&app, "Back up now"), !server);
    common::window::settle(
        &mut app,
        Message::Data(g287::ui::screen::data::Message::ServerTyped(
            "postgres://jdoe@registry.example/g287".into(),
        )),
    );
    common::window::settle(
        &mut app,
        Message::Data(g287::ui::screen::data::Message::KeepServer),
    );
    assert!(common::window::sees_tall(
        &app,
        "Kept: g287 opens postgres://jdoe@registry.example/g287 at its next start."
    ));
    let kept = g287::ui::settings::Settings::load(dir.path());
    assert_eq!(
        kept.server.as_deref(),
        Some("postgres://jdoe@registry.example/g287")
    );
    // Cleared: the data folder's file.
    common::window::settle(
        &mut app,
        Message::Data(g287::ui::screen::data::Message::ServerTyped(String::new())),
    );
    common::window::settle(
        &mut app,
        Message::Data(g287::ui::screen::data::Message::KeepServer),
    );
    assert_eq!(g287::ui::settings::Settings::load(dir.path()).server, None);
}
