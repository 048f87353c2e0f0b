//! The Agency screen's Report button, driven headless: the report lands in the data folder's
//! `reports/` and the status line says where. The report is written on a worker, whose reply
//! the test feeds back; opening the browser is the task that reply starts, which the test
//! does not run.

use crate::common;

use common::registry;
use g287::report::html::escape;
use g287::store::{Store, today};
use g287::ui::app::{App, Message, Screen};
use iced_test::simulator;

#[test]
fn the_report_button_writes_the_agencys_report_into_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).unwrap();
    let known = registry::fill(&mut store);
    let (mut app, _tasks) = App::new(crate::common::window::registry(store));
    for target in ["Harris County Sheriff's Office", "Report"] {
        let messages: Vec<Message> = {
            let mut ui = simulator(app.view());
            ui.click(target).unwrap();
            ui.into_messages().collect()
        };
        for m in messages {
            let task = app.update(m);
            for reply in common::window::run(task) {
                let _ = app.update(reply);
            }
        }
    }
    assert!(matches!(app.screen(), Screen::Agency(_)));
    let file = dir
        .path()
        .join("reports")
        .join(format!("agency-{}-{}.html", known.harris, today()));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(&escape("Compliance report: Harris County Sheriff's Office")));
    assert!(html.contains("<td>Ana Ruiz</td>"));
    let status = format!("report written to {}", file.display());
    assert!(
        simulator(app.view())
            .find(|c: iced_test::selector::Candidate<'_>| match c {
                iced_test::selector::Candidate::Text { content, .. }
                    if content.starts_with(&status) =>
                    Some(()),
                _ => None,
            })
            .is_ok(),
        "the status line names the file"
    );
}
