//! The tile-grid map: one square per state, DC and territory, shaded by the agreements active
//! there, with its code and count written on it and a legend of the shades. Clicking a state
//! asks for the Agencies screen filtered to it.
//!
//! Built from ordinary widgets (a grid of buttons), not a canvas: on wgpu's OpenGL backend,
//! which virtual desktops and machines without Vulkan fall back to, iced 0.14 loses the
//! geometry of a canvas placed where the map stands (iced issues #2400 and #3138), and a
//! button per state also gives each tile its hover state and tooltip for free.

use iced::widget::{Column, Row, Space, button, column, container, row, text, tooltip};
use iced::{Alignment, Border, Color, Element, Length, Theme};

use super::Message;
use super::colour::{ink_on, mix};
use crate::domain::State;
use crate::domain::dashboard::shades;
use crate::domain::state::TILE_GRID;
use crate::ui::screen::agencies::thousands;

/// The side of one tile, in logical pixels: 11 columns and the legend fit half of a 1280-pixel
/// window, and 9 rows the height of the chart beside it.
const TILE: f32 = 32.0;
/// The gap between the states and the territories' row.
const TERRITORY_GAP: f32 = 12.0;

/// The shade of `count` among `ranges` (see [`shades`]).
fn shade_of(count: usize, ranges: &[(usize, usize)]) -> usize {
    ranges
        .iter()
        .position(|(low, high)| (*low..=*high).contains(&count))
        .unwrap_or(0)
}

/// The colour of shade `i` of `n`: the page's own background for none (the map stands on a
/// card, so it shows), then steps toward the theme's primary colour, so the map reads in
/// light, dark and high-contrast themes alike.
fn shade_colour(theme: &Theme, i: usize, n: usize) -> Color {
    let palette = theme.extended_palette();
    if i == 0 {
        return palette.background.base.color;
    }
    let t = 0.25 + 0.75 * (i as f32 / (n - 1).max(1) as f32);
    mix(palette.background.base.color, palette.primary.base.color, t)
}

/// A square of shade `i` of `n` with a thin edge; a hovered tile gets a heavier edge in the
/// text's colour.
fn square(theme: &Theme, i: usize, n: usize, hovered: bool) -> container::Style {
    let palette = theme.extended_palette();
    let fill = shade_colour(theme, i, n);
    let (edge, width) = if hovered {
        (palette.background.base.text, 2.0)
    } else {
        (palette.background.strong.color, 1.0)
    };
    container::Style {
        background: Some(fill.into()),
        text_color: Some(ink_on(fill)),
        border: Border {
            color: edge,
            width,
            radius: 0.0.into(),
        },
        ..container::Style::default()
    }
}

/// The map of `active` agreements per state, with its legend.
pub fn view(active: &[(State, usize)]) -> Element<'_, Message> {
    let count = |state: State| {
        active
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    };
    let most = active.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let ranges = shades(most);
    let n = ranges.len();
    let (columns, rows) = TILE_GRID;
    let mut grid = Column::new();
    for r in 0..rows {
        if r + 1 == rows {
            grid = grid.push(Space::new().height(TERRITORY_GAP));
        }
        let cells = (0..columns).map(|c| -> Element<'_, Message> {
            match State::all().find(|s| s.tile() == (c, r)) {
                Some(state) => tile(state, count(state), shade_of(count(state), &ranges), n),
                None => Space::new().width(TILE).height(TILE).into(),
            }
        });
        grid = grid.push(Row::with_children(cells));
    }
    let mut legend = column![text("Active agreements").size(13)].spacing(6);
    for (i, (low, high)) in ranges.iter().enumerate() {
        let label = if low == high {
            low.to_string()
        } else {
            format!("{}–{}", thousands(*low), thousands(*high))
        };
        legend = legend.push(
            row![
                container(Space::new())
                    .width(18)
                    .height(18)
                    .style(move |theme: &Theme| square(theme, i, n, false)),
                text(label).size(13),
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        );
    }
    row![grid, legend].spacing(16).into()
}

/// One state's tile: a button with its code and count, and a tooltip that says them in words.
fn tile(state: State, count: usize, shade: usize, shades: usize) -> Element<'static, Message> {
    let face = column![text(state.code()).size(12), text(thousands(count)).size(10),]
        .align_x(Alignment::Center);
    let tile = button(container(face).center(Length::Fill))
        .on_press(Message::StateClicked(state))
        .width(TILE)
        .height(TILE)
        .padding(0)
        .style(move |theme: &Theme, status| {
            let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
            let s = square(theme, shade, shades, hovered);
            button::Style {
                background: s.background,
                text_color: s.text_color.unwrap_or(Color::BLACK),
                border: s.border,
                ..button::Style::default()
            }
        });
    let words = format!(
        "{}: {} active agreement{}",
        state.title(),
        thousands(count),
        if count == 1 { "" } else { "s" }
    );
    tooltip(
        tile,
        container(text(words).size(13))
            .padding(6)
            .style(container::rounded_box),
        tooltip::Position::Top,
    )
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_takes_the_shade_of_the_range_it_falls_in() {
        // The ranges themselves are the domain's (tested there).
        let r = shades(120);
        assert_eq!(shade_of(0, &r), 0);
        assert_eq!(shade_of(30, &r), 1);
        assert_eq!(shade_of(31, &r), 2);
        assert_eq!(shade_of(120, &r), 4);
    }

    #[test]
    fn every_state_has_a_cell_of_its_own_and_the_map_fits_half_a_window() {
        let mut seen = std::collections::HashSet::new();
        for s in State::all() {
            assert!(seen.insert(s.tile()), "{} shares its cell", s.code());
        }
        let width = f32::from(TILE_GRID.0) * TILE + 16.0 + 120.0;
        assert!(width <= 600.0, "{width}");
    }

    #[test]
    fn empty_states_wear_the_page_and_the_busiest_the_strongest_shade() {
        let theme = Theme::Light;
        let page = theme.extended_palette().background.base.color;
        assert_eq!(shade_colour(&theme, 0, 5), page);
        let strongest = shade_colour(&theme, 4, 5);
        let primary = theme.extended_palette().primary.base.color;
        let apart = (strongest.r - primary.r).abs()
            + (strongest.g - primary.g).abs()
            + (strongest.b - primary.b).abs();
        assert!(apart < 1e-4, "{strongest:?} is the theme's primary colour");
        assert_eq!(
            square(&theme, 4, 5, false).text_color,
            Some(ink_on(strongest))
        );
    }
}
