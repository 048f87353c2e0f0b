//! A window that fits a small screen: the size it opens at and remembers, and every column
//! and button in view at 1024 × 700 (a small laptop with the desktop's panels) and 1280 × 720.

use crate::common;

use common::agency_with_request;
use common::window::{click, whole_in_window};
use g287::domain::{Model, Outcome};
use g287::ui::app::{App, Message};
use g287::ui::screen::agency;
use g287::ui::settings::Settings;

fn setup() -> (tempfile::TempDir, App) {
    let (dir, mut store) = common::store();
    agency_with_request(&mut store, "Polk County Sheriff's Office", Model::Jem);
    agency_with_request(
        &mut store,
        "Metropolitan Nashville and Davidson County Sheriff's Office",
        Model::Tfm,
    );
    let (app, _tasks) = App::new(common::window::registry(store));
    (dir, app)
}

#[test]
fn agencies_list_at_1024x700_shows_every_column_title_whole() {
    let (_dir, app) = setup();
    for title in [
        "State ▲",
        "Agency",
        "Type",
        "Agreements",
        "Not met",
        "No record",
        "Latest decision",
    ] {
        assert!(
            whole_in_window(&app, 1024.0, 700.0, title).is_some(),
            "{title} is cut off or past the window's edge at 1024x700"
        );
    }
}

#[test]
fn a_long_agency_name_is_cut_with_an_ellipsis_at_1024x700() {
    let (_dir, app) = setup();
    let mut ui = common::window::sized(app.view(), 1024.0, 700.0);
    let cut = ui
        .find(|c: iced_test::selector::Candidate<'_>| match c {
            iced_test::selector::Candidate::Text {
                content, bounds, ..
            } if content.starts_with("Metropolitan ") && content.ends_with('…') => Some(bounds),
            _ => None,
        })
        .expect("the long name, cut with an ellipsis");
    assert!(cut.x + cut.width <= 1024.0);
}

#[test]
fn the_decision_dialog_keeps_its_buttons_in_view_at_1280x720_1024x700_and_200_percent_zoom() {
    let (_dir, mut app) = setup();
    click(&mut app, "Polk County Sheriff's Office");
    click(&mut app, "Record decision…");
    // 640 x 400 is a 1280 x 800 window at 200 % zoom, where the dialog's buttons were
    // scrolled away below its requirements.
    for outcome in [Outcome::Accepted, Outcome::Suspended] {
        let _ = app.update(Message::Agency(agency::Message::DecisionOutcome(outcome)));
        for (w, h) in [(1280.0, 720.0), (1024.0, 700.0), (640.0, 400.0)] {
            for button in ["Record this decision", "Cancel"] {
                assert!(
                    whole_in_window(&app, w, h, button).is_some(),
                    "{button} is below the fold at {w}x{h} ({outcome:?})"
                );
            }
        }
    }
}

#[test]
fn the_window_size_is_kept_when_the_window_closes_and_opened_at_next_start() {
    let (dir, mut app) = setup();
    assert!(Settings::load(dir.path()).first_size().1 <= 720.0);
    let _ = app.update(Message::Resized(iced::Size::new(1100.0, 650.0)));
    let _ = app.update(Message::CloseRequested);
    assert_eq!(Settings::load(dir.path()).first_size(), (1100.0, 650.0));
}

/// The scroll areas of the window at `width` × `height` whose content is wider than they are:
/// the ones that show a sideways scroll bar.
fn sideways_scrolls(app: &App, width: f32, height: f32) -> Vec<(f32, f32)> {
    use iced_test::selector::Candidate;
    let mut ui = common::window::sized(app.view(), width, height);
    // A selector that never matches visits every widget: it gathers them on the way.
    let found = std::sync::Mutex::new(Vec::new());
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Scrollable {
            bounds,
            content_bounds,
            ..
        } = c
            && content_bounds.width > bounds.width
        {
            found
                .lock()
                .unwrap()
                .push((bounds.width, content_bounds.width));
        }
        None::<()>
    });
    found.into_inner().unwrap()
}

#[test]
fn the_agencies_list_scrolls_sideways_only_where_its_columns_do_not_fit() {
    let (_dir, app) = setup();
    // At 1366 the widths added up to a hair over the room, and a scroll bar lay over the last
    // row although every column fit.
    for (w, h) in [
        (1366.0, 768.0),
        (1280.0, 720.0),
        (1920.0, 1080.0),
        (1024.0, 700.0),
    ] {
        assert_eq!(
            sideways_scrolls(&app, w, h),
            [],
            "a sideways scroll at {w}x{h}"
        );
    }
    // Narrower than the columns' least widths, the list scrolls sideways.
    assert_eq!(sideways_scrolls(&app, 800.0, 600.0).len(), 1);
}

/// The texts of the window at `width` × `height` drawn past its right edge, where no one can
/// read them.
fn past_the_right_edge(app: &App, width: f32, height: f32) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut ui = common::window::sized(app.view(), width, height);
    let found = std::sync::Mutex::new(Vec::new());
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = c
            && bounds.x + bounds.width > width + 0.5
            && bounds.y < height
        {
            found.lock().unwrap().push(content.to_string());
        }
        None::<()>
    });
    found.into_inner().unwrap()
}

#[test]
fn the_calendar_shows_its_last_column_whole_or_cut_with_an_ellipsis_at_1366_and_1024_px() {
    let (_dir, mut app) = setup();
    common::window::settle(&mut app, Message::Navigate(g287::ui::app::Page::Calendar));
    let items = app.registry().calendar(90);
    let _ = app.update(Message::Calendar(
        g287::ui::screen::calendar::Message::Loaded(items),
    ));
    for (w, h) in [(1366.0, 768.0), (1280.0, 720.0), (1024.0, 700.0)] {
        assert!(
            whole_in_window(&app, w, h, "The MOA's term").is_some(),
            "the MOA's term is cut at {w}x{h}"
        );
        assert_eq!(
            past_the_right_edge(&app, w, h),
            Vec::<String>::new(),
            "texts past the right edge at {w}x{h}"
        );
        assert_eq!(
            clipped(&app, w, h),
            Vec::<String>::new(),
            "cells cut without an ellipsis at {w}x{h}"
        );
        assert_eq!(
            sideways_scrolls(&app, w, h),
            [],
            "a sideways scroll at {w}x{h}"
        );
    }
}

/// How wide the simulator draws `content` as table text with all the room it wants.
fn drawn_width(content: &str) -> f32 {
    let view: iced::Element<'_, ()> = iced::widget::text(content.to_string()).size(14).into();
    let mut ui = common::window::sized(view, 4000.0, 100.0);
    ui.find(content).expect("the text").bounds().width
}

/// The texts of the window at `width` × `height` narrower than they are drawn, cut off by
/// their cell without an ellipsis to tell that something is missing.
fn clipped(app: &App, width: f32, height: f32) -> Vec<String> {
    use iced_test::selector::Candidate;
    let mut ui = common::window::sized(app.view(), width, height);
    let found = std::sync::Mutex::new(Vec::new());
    let _ = ui.find(|c: Candidate<'_>| {
        if let Candidate::Text {
            content, bounds, ..
        } = c
            // Table text (14 px) in the font it is drawn with.
            && (bounds.height - 18.2).abs() < 0.1
            && drawn_width(content) > bounds.width + 0.5
        {
            found.lock().unwrap().push(content.to_string());
        }
        None::<()>
    });
    found.into_inner().unwrap()
}

#[test]
fn each_pages_main_action_is_whole_and_in_view_at_200_percent_zoom() {
    use g287::ui::app::Page;
    // 640 x 350 is a 1280 x 700 window at 200 % zoom (the app's scale factor 2).
    let (w, h) = (640.0, 350.0);
    let (_dir, mut app) = setup();
    for (page, action) in [
        (Page::Dashboard, "Show"),
        (Page::Agencies, "New agency"),
        (Page::Calendar, "Apply"),
        (Page::Import, "Choose files…"),
        (Page::Data, "Export now"),
        (Page::Data, "Filters…"),
    ] {
        common::window::settle(&mut app, Message::Navigate(page));
        let drawn = whole_in_window(&app, w, h, action)
            .unwrap_or_else(|| panic!("{action} ({page:?}) is out of view at {w}x{h}"));
        assert!(
            drawn.width + 0.5 >= drawn_width(action),
            "{action} ({page:?}) is squeezed at {w}x{h}"
        );
    }
}

#[test]
fn the_catalogues_save_is_whole_at_200_percent_zoom() {
    let (_dir, mut app) = setup();
    click(&mut app, "Catalogue");
    click(
        &mut app,
        "Each nominee has at least 2 years of law enforcement experience",
    );
    // The form scrolls with the page: Save may be below the fold, but whole, not squeezed
    // beside the reason it cannot be pressed yet.
    let mut ui = common::window::sized(app.view(), 640.0, 350.0);
    let save = ui.find("Save").expect("the Save button").bounds();
    assert!(
        save.width + 0.5 >= drawn_width("Save"),
        "Save squeezed: {save:?}"
    );
    assert!(save.x + save.width <= 640.0);
}

#[test]
fn the_reviews_set_date_is_whole_at_200_percent_zoom() {
    use g287::registry::ListOptions;
    let (dir, mut app) = setup();
    let done = common::open_registry(dir.path()).unwrap().import(
        &[common::fixture("participatingAgencies05162025am.xlsx")],
        ListOptions::default(),
        &mut |_, _| {},
    );
    common::window::settle(
        &mut app,
        Message::Import(g287::ui::screen::import::Message::Finished(done)),
    );
    let _ = app.update(Message::Navigate(g287::ui::app::Page::Review));
    let mut ui = common::window::sized(app.view(), 640.0, 350.0);
    for action in ["Set date", "Dismiss"] {
        let b = ui.find(action).expect("the button").bounds();
        assert!(
            b.width + 0.5 >= drawn_width(action),
            "{action} squeezed: {b:?}"
        );
        assert!(
            b.x + b.width <= 640.0,
            "{action} past the right edge: {b:?}"
        );
    }
}

/// At 200 % zoom (640 x 350) every tab of the top bar is whole and in view: the tabs and the
/// theme menu wrap onto a second line (the Data tab was squeezed to nothing, Catalogue to
/// 24 px).
#[test]
fn every_tab_is_whole_at_200_percent_zoom() {
    let (_dir, app) = setup();
    let (w, h) = (640.0, 350.0);
    for tab in [
        "Dashboard",
        "Agencies",
        "Calendar",
        "Import",
        // The Nashville sheriff waits to be linked to the national list (the FBI lists
        // Davidson County's agencies under Metropolitan Nashville).
        "Review (1)",
        "Catalogue",
        "Data",
    ] {
        let drawn = whole_in_window(&app, w, h, tab)
            .unwrap_or_else(|| panic!("the {tab} tab is out of view at {w}x{h}"));
        assert!(
            drawn.width + 0.5 >= drawn_width(tab),
            "the {tab} tab is squeezed at {w}x{h}: {drawn:?}"
        );
    }
}

/// At 200 % zoom the Agency page's Record request is whole (it was squeezed to nothing at
/// the end of its row): the row wraps.
#[test]
fn record_request_is_whole_at_200_percent_zoom() {
    let (_dir, mut app) = setup();
    click(&mut app, "Polk County Sheriff's Office");
    let mut ui = common::window::sized(app.view(), 640.0, 350.0);
    let button = ui
        .find("Record request")
        .expect("the Record request button")
        .bounds();
    assert!(
        button.width + 0.5 >= drawn_width("Record request"),
        "Record request squeezed: {button:?}"
    );
    assert!(button.x + button.width <= 640.0, "{button:?}");
}
