//! The frame around every page: the navigation bar at the top (pages, the theme) and the
//! status line at the foot (the data folder, the last save, work still running).

use iced::widget::{button, column, container, pick_list, row, rule, text};
use iced::{Alignment, Element, Length};

use super::app::{App, Message, Page, Screen};
use super::theme::ThemeChoice;

/// The window: the navigation bar, the page in view, the status line, and the question about
/// discarding work over them when one is asked.
pub fn view(app: &App) -> Element<'_, Message> {
    let page: Element<'_, Message> = match &app.screen {
        Screen::Welcome(w) => return w.view().map(Message::Welcome),
        Screen::Agencies => app.agencies.view().map(Message::Agencies),
        Screen::Agency(a) => a.view().map(Message::Agency),
        Screen::Import => app.import.view().map(Message::Import),
        Screen::Review => app.review.view().map(Message::Review),
        Screen::Data => app.data.view().map(Message::Data),
        Screen::Calendar => app.calendar.view().map(Message::Calendar),
        Screen::Dashboard => app.dashboard.view().map(Message::Dashboard),
        Screen::Catalogue(c) => c.view().map(Message::Catalogue),
    };
    let window = column![
        container(nav(app)).padding([8, 12]),
        rule::horizontal(1),
        container(page).padding(12).height(Length::Fill),
        rule::horizontal(1),
        container(text(status(app)).size(13)).padding([4, 12]),
    ];
    match &app.leaving {
        Some(leaving) => leaving.view(window.into()),
        None => window.into(),
    }
}

/// The page the navigation bar shows as current (an agency counts as the page it was opened
/// from).
fn current(app: &App) -> Page {
    match app.screen {
        Screen::Agency(_) => app.back_to,
        Screen::Agencies | Screen::Welcome(_) => Page::Agencies,
        Screen::Calendar => Page::Calendar,
        Screen::Dashboard => Page::Dashboard,
        Screen::Import => Page::Import,
        Screen::Review => Page::Review,
        Screen::Data => Page::Data,
        Screen::Catalogue(_) => Page::Catalogue,
    }
}

/// The navigation bar: one tab per page, the Review tab with its count, the theme menu.
fn nav(app: &App) -> Element<'_, Message> {
    let current = current(app);
    let tab = |label: String, target: Page| {
        button(text(label))
            .on_press(Message::Navigate(target))
            .style(if current == target {
                button::primary
            } else {
                button::text
            })
            .padding([6, 12])
    };
    row![
        text("g287").size(22),
        tab("Dashboard".into(), Page::Dashboard),
        tab("Agencies".into(), Page::Agencies),
        tab("Calendar".into(), Page::Calendar),
        tab("Import".into(), Page::Import),
        tab(format!("Review ({})", app.review.open()), Page::Review),
        tab("Catalogue".into(), Page::Catalogue),
        tab("Data".into(), Page::Data),
        iced::widget::space::horizontal(),
        pick_list(ThemeChoice::ALL, Some(app.theme), Message::ThemeChosen).padding(6),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// The status line: what went wrong last (first), the data folder, the last save, and work
/// still running.
fn status(app: &App) -> String {
    let saved = app
        .last_save
        .as_deref()
        .unwrap_or("nothing saved this session");
    let mut status = format!(
        "Data: {}  ·  Last save: {saved}",
        app.registry.data_dir().display()
    );
    if matches!(&app.screen, Screen::Agency(a) if a.saving()) {
        status.push_str("  ·  saving…");
    }
    if app.tallies.is_none() {
        status.push_str("  ·  checking requirements…");
    }
    if !app.status.is_empty() {
        status = format!("{}  ·  {status}", app.status);
    }
    status
}
