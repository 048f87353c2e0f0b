//! The frame around every page: the navigation bar at the top (pages, the theme) and the
//! status line at the foot (the data folder, the last save, work still running).

use iced::widget::{button, column, container, row, rule, text, tooltip};
use iced::{Alignment, Element, Length};

use super::app::{App, Message, Page, Screen};

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
    let status = status(&Status {
        said: &app.status,
        last_save: app.last_save.as_deref(),
        registry: registry_in_words(app),
        connection_lost: app.connection_lost.as_deref(),
        saving: matches!(&app.screen, Screen::Agency(a) if a.saving()),
        checking: app.tallies.is_none(),
    });
    let status = match app.role {
        Some(role) => format!(
            "{status}  ·  Changes recorded as {}, a {}: may {}",
            app.registry.author(),
            role.name(),
            role.may()
        ),
        None => format!("{status}  ·  Changes recorded as {}", app.registry.author()),
    };
    let window = column![
        container(nav(current(app), app.review.open(), app)).padding([8, 12]),
        rule::horizontal(1),
        container(page).padding(12).height(Length::Fill),
        rule::horizontal(1),
        container(text(status).size(13)).padding([4, 12]),
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

/// The pages of the navigation bar, in order, with their labels: Alt+1 opens the first.
pub const PAGES: [(Page, &str); 7] = [
    (Page::Dashboard, "Dashboard"),
    (Page::Agencies, "Agencies"),
    (Page::Calendar, "Calendar"),
    (Page::Import, "Import"),
    (Page::Review, "Review"),
    (Page::Catalogue, "Catalogue"),
    (Page::Data, "Data"),
];

/// The navigation bar: one tab per page (`current` highlighted), the Review tab with the
/// count of values `open` for review, the theme menu (a combo box, so Tab reaches it).
fn nav(current: Page, open: usize, app: &App) -> Element<'_, Message> {
    let tab = |n: usize, label: String, target: Page| {
        let button = button(text(label))
            .on_press(Message::Navigate(target))
            .style(if current == target {
                button::primary
            } else {
                button::text
            })
            .padding([6, 12]);
        // The shortcut is said where the pointer is, as a desktop menu says it.
        tooltip(
            button,
            container(text(format!("Alt+{n}")).size(13))
                .padding([4, 8])
                .style(container::rounded_box),
            tooltip::Position::Bottom,
        )
    };
    let mut bar = row![text("g287").size(22)];
    for (i, (page, label)) in PAGES.into_iter().enumerate() {
        let label = match page {
            Page::Review => format!("{label} ({open})"),
            _ => label.to_string(),
        };
        bar = bar.push(tab(i + 1, label, page));
    }
    // At 200 % zoom the tabs do not fit one line: they wrap onto a second rather than
    // squeezing the last tabs to nothing; the theme menu keeps its place at the right.
    row![
        bar.spacing(8)
            .align_y(Alignment::Center)
            .width(Length::Fill)
            .wrap()
            .vertical_spacing(6),
        app.theme_menu
            .view("Theme", Some(&app.theme), Message::ThemeChosen)
            .width(150),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// What the status line tells.
struct Status<'a> {
    /// What went wrong last (or what is being done), said first.
    said: &'a str,
    /// What was saved last, and when.
    last_save: Option<&'a str>,
    /// Which registry is open ("Data: FOLDER", or the team's server), always shown.
    registry: String,
    /// On a team's server: why the connection was lost, while it is retried.
    connection_lost: Option<&'a str>,
    /// A save of the Agency screen is on its way.
    saving: bool,
    /// The check of every agreement is running, so the list's counts may be old.
    checking: bool,
}

/// Which registry is open, in words: the data folder's file, or the team's server.
fn registry_in_words(app: &App) -> String {
    if app.registry.is_server() {
        format!("Team registry: {}", app.registry.database().display())
    } else {
        format!("Data: {}", app.registry.data_dir().display())
    }
}

/// The status line, in words.
fn status(s: &Status<'_>) -> String {
    let saved = s.last_save.unwrap_or("nothing saved this session");
    let mut line = format!("{}  ·  Last save: {saved}", s.registry);
    if let Some(why) = s.connection_lost {
        line = format!(
            "Connection to the team's server lost ({why}): retrying; what you type is kept  ·  {line}"
        );
    }
    if s.saving {
        line.push_str("  ·  saving…");
    }
    if s.checking {
        line.push_str("  ·  checking requirements…");
    }
    if !s.said.is_empty() {
        line = format!("{}  ·  {line}", s.said);
    }
    line
}
