//! The Agency screen's Report buttons (PDF and HTML), driven headless: the report lands in the
//! data folder's `reports/` and the status line says where. The report is written on a worker, whose reply
//! the test feeds back; opening the browser is the task that reply starts, which the test
//! does not run.

use crate::common;

use common::registry;
use g287::report::html::escape;
use g287::store::today;
use g287::ui::app::{App, Message, Screen};
use iced_test::simulator;

/// Opens Harris County's Agency screen and clicks `button`; the app once the reply is fed back.
fn click_report(button: &str) -> (tempfile::TempDir, App, registry::Known) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::open_store(dir.path()).unwrap();
    let known = registry::fill(&mut store);
    let (mut app, _tasks) = App::new(crate::common::window::registry(store));
    for target in ["Harris County Sheriff's Office", button] {
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
    (dir, app, known)
}

fn status_names(app: &App, file: &std::path::Path) {
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

#[test]
fn the_html_report_button_writes_the_agencys_report_into_the_data_folder() {
    let (dir, app, known) = click_report("Report (HTML)");
    let file = dir
        .path()
        .join("reports")
        .join(format!("agency-{}-{}.html", known.harris, today()));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains(&escape("Compliance report: Harris County Sheriff's Office")));
    assert!(html.contains("<td>Ana Ruiz</td>"));
    assert!(
        !file.with_extension("pdf").exists(),
        "only the format asked for"
    );
    status_names(&app, &file);
}

#[test]
fn the_pdf_report_button_writes_a_pdf_into_the_data_folder() {
    let (dir, app, known) = click_report("Report (PDF)");
    let file = dir
        .path()
        .join("reports")
        .join(format!("agency-{}-{}.pdf", known.harris, today()));
    let pdf = std::fs::read(&file).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        !file.with_extension("html").exists(),
        "only the format asked for"
    );
    status_names(&app, &file);
}
