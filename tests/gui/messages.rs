//! What the window tells the coordinator, worded so that they know what happened and what to
//! do next (issue 15): who is recorded as the author, the Review screen's flags, the calendar's
//! deadlines, the Oversight card, the import preview, a report that cannot be opened, the Data
//! screen's filters, the order of names, the Dashboard's waits, the waivers.

use crate::common;

use common::window::{act_tall, save, sees_tall};
use g287::registry::Registry;
use g287::ui::app::{App, Message, Page};

/// The status line names the person at the keyboard by their login name, and, once they have
/// set a display name on the Data screen, by that name too; every later change is recorded so.
#[test]
fn the_status_line_names_the_login_and_the_display_name_set_once() {
    let dir = tempfile::tempdir().unwrap();
    // An agency, so that the window opens on the Agencies list, not the first start.
    g287::store::Store::open_in(dir.path())
        .unwrap()
        .write(|w| w.create_agency(&common::sheriff("Hardee County Sheriff's Office")))
        .unwrap();
    let registry = Registry::open(dir.path()).unwrap();
    let login = whoami::username().unwrap();
    assert_eq!(registry.author(), login);
    let (mut app, _) = App::new(registry);
    let status = |app: &App| {
        format!(
            "Data: {}  ·  Last save: nothing saved this session  ·  checking requirements…  ·  Changes recorded as {}",
            dir.path().display(),
            app.registry().author()
        )
    };
    assert!(sees_tall(&app, &status(&app)), "{}", status(&app));
    assert!(status(&app).ends_with(&format!("recorded as {login}")));

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
    let mut store = g287::store::Store::open_in(dir.path()).unwrap();
    store
        .write(|w| w.create_agency(&common::sheriff("Polk County Sheriff's Office")))
        .unwrap();
    let history = store.history(None, None).unwrap();
    assert!(history.iter().any(|e| e.action == "display name"));
    assert_eq!(history[0].who, author);
}
