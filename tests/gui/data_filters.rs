//! The Data screen sets the export's filters itself: an export of one state's agencies
//! without going through the Agencies list first.

use crate::common;

use common::window::{act_tall, save, sees_tall};
use g287::domain::{Model, State};
use g287::ui::app::{App, Message, Page};
use g287::ui::screen::agencies::{Choice, StateOption};
use g287::ui::screen::data;

#[test]
fn the_data_screen_exports_only_the_agencies_of_the_state_chosen_on_it() {
    let (dir, mut store) = common::store();
    common::agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    let texas = State::parse("TX").unwrap();
    store
        .write(|w| {
            w.create_agency(&g287::domain::AgencyDetails {
                state: texas,
                ..common::sheriff("Harris County Sheriff's Office")
            })
        })
        .unwrap();
    let (mut app, _) = App::new(common::window::registry(store));
    let _ = app.update(Message::Navigate(Page::Data));
    assert!(sees_tall(&app, "Every agency: no filter set here."));
    common::window::click(&mut app, "Filters…");
    assert!(sees_tall(&app, "All states"), "the state's menu");

    let _ = app.update(Message::Data(data::Message::ExportState(Choice::Only(
        StateOption(texas),
    ))));
    assert!(
        common::window::sees_part(&app, "Only the agencies with state TX"),
        "the filter is not named"
    );
    let file = dir.path().join("texas.csv");
    act_tall(&mut app, |ui| {
        ui.click("file to write, e.g. /home/me/registry.csv")
            .unwrap();
        ui.typewrite(&file.display().to_string());
    });
    save(&mut app, "Export now");
    let written = std::fs::read_to_string(&file).expect("the export written");
    assert!(
        written.contains("Harris County Sheriff's Office"),
        "{written}"
    );
    assert!(!written.contains("Polk County Sheriff"), "{written}");

    // Cleared, the export keeps every agency again.
    let _ = app.update(Message::Data(data::Message::ClearExportFilters));
    assert!(sees_tall(&app, "Every agency: no filter set here."));
}
