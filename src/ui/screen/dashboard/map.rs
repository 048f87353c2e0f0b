//! The tile-grid map: one square per state, DC and territory, shaded by the agreements active
//! there, with its code and count written on it and a legend of the shades. Clicking a state
//! asks for the Agencies screen filtered to it.

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Color, Point, Rectangle, Renderer, Size, Theme, alignment, mouse};

use super::Message;
use super::colour::{fingerprint, ink_on, mix};
use crate::domain::State;
use crate::domain::dashboard::shades;
use crate::domain::state::TILE_GRID;

/// Room kept right of the tiles for the legend.
const LEGEND_WIDTH: f32 = 120.0;
/// The gap between the states and the territories' row, in tiles.
const TERRITORY_GAP: f32 = 0.4;

/// The map of active agreements per state.
#[derive(Debug, Clone, Copy)]
pub struct Map<'a> {
    active: &'a [(State, usize)],
}

impl<'a> Map<'a> {
    /// A map of these counts.
    pub fn new(active: &'a [(State, usize)]) -> Map<'a> {
        Map { active }
    }

    fn count(&self, state: State) -> usize {
        self.active
            .iter()
            .find(|(s, _)| *s == state)
            .map_or(0, |(_, n)| *n)
    }

    fn state_at(&self, point: Point, size: Size) -> Option<State> {
        State::all().find(|s| tile_bounds(*s, size).contains(point))
    }
}

/// The side of one tile on a map of `size`.
fn tile_side(size: Size) -> f32 {
    let (columns, rows) = TILE_GRID;
    ((size.width - LEGEND_WIDTH) / f32::from(columns))
        .min(size.height / (f32::from(rows) + TERRITORY_GAP))
        .max(1.0)
}

/// Where `state`'s tile lies on a map of `size`, relative to the map's top left corner.
pub fn tile_bounds(state: State, size: Size) -> Rectangle {
    let side = tile_side(size);
    let (column, row) = state.tile();
    let gap = if row + 1 == TILE_GRID.1 {
        TERRITORY_GAP
    } else {
        0.0
    };
    Rectangle {
        x: f32::from(column) * side + 1.0,
        y: (f32::from(row) + gap) * side + 1.0,
        width: side - 2.0,
        height: side - 2.0,
    }
}

/// The shade of `count` on a map whose busiest state has `most`.
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

/// A filled square with an edge `width` wide drawn inside it, so neighbouring tiles keep their
/// gap whatever the edge.
fn framed(frame: &mut Frame, square: Rectangle, fill: Color, edge: Color, width: f32) {
    frame.fill_rectangle(square.position(), square.size(), edge);
    frame.fill_rectangle(
        Point::new(square.x + width, square.y + width),
        Size::new(
            (square.width - 2.0 * width).max(0.0),
            (square.height - 2.0 * width).max(0.0),
        ),
        fill,
    );
}

/// What the map keeps between frames: the state under the cursor, and the drawing of the
/// tiles, redrawn only when the figures or the theme change, not at every move of the mouse.
#[derive(Default)]
pub struct MapState {
    hovered: Option<State>,
    tiles: canvas::Cache,
    drawn: std::cell::Cell<u64>,
}

impl canvas::Program<Message> for Map<'_> {
    type State = MapState;

    fn update(
        &self,
        map: &mut MapState,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let under = cursor
            .position_in(bounds)
            .and_then(|p| self.state_at(p, bounds.size()));
        match event {
            canvas::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)) => {
                under.map(|s| canvas::Action::publish(Message::StateClicked(s)).and_capture())
            }
            canvas::Event::Mouse(mouse::Event::CursorMoved { .. } | mouse::Event::CursorLeft)
                if under != map.hovered =>
            {
                map.hovered = under;
                Some(canvas::Action::request_redraw())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        map: &MapState,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let key = fingerprint(theme, self.active);
        if map.drawn.replace(key) != key {
            map.tiles.clear();
        }
        let palette = theme.extended_palette();
        let most = self.active.iter().map(|(_, n)| *n).max().unwrap_or(0);
        let ranges = shades(most);
        let side = tile_side(bounds.size());
        let left = f32::from(TILE_GRID.0) * side + 14.0;
        let tiles = map.tiles.draw(renderer, bounds.size(), |frame| {
            self.draw_tiles(frame, theme, &ranges)
        });
        let mut frame = Frame::new(renderer, bounds.size());
        if let Some(state) = map.hovered {
            let tile = tile_bounds(state, bounds.size());
            frame.stroke(
                &Path::rectangle(tile.position(), tile.size()),
                Stroke::default()
                    .with_width(3.0)
                    .with_color(palette.background.base.text),
            );
            frame.fill_text(Text {
                content: format!("{}: {}", state.code(), self.count(state)),
                position: Point::new(left, 40.0 + ranges.len() as f32 * 24.0),
                color: palette.background.base.text,
                size: 15.0.into(),
                ..Text::default()
            });
        }
        vec![tiles, frame.into_geometry()]
    }

    fn mouse_interaction(
        &self,
        _map: &MapState,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> mouse::Interaction {
        match cursor.position_in(bounds) {
            Some(p) if self.state_at(p, bounds.size()).is_some() => mouse::Interaction::Pointer,
            _ => mouse::Interaction::default(),
        }
    }
}

impl Map<'_> {
    /// The tiles, their codes and counts, and the legend.
    fn draw_tiles(&self, frame: &mut Frame, theme: &Theme, ranges: &[(usize, usize)]) {
        let palette = theme.extended_palette();
        let side = tile_side(frame.size());
        for state in State::all() {
            let tile = tile_bounds(state, frame.size());
            let count = self.count(state);
            let fill = shade_colour(theme, shade_of(count, ranges), ranges.len());
            let ink = ink_on(fill);
            framed(frame, tile, fill, palette.background.strong.color, 1.0);
            let centre = tile.center();
            frame.fill_text(Text {
                content: state.code().to_string(),
                position: Point::new(centre.x, centre.y - side * 0.14),
                color: ink,
                size: (side * 0.36).into(),
                align_x: iced::widget::text::Alignment::Center,
                align_y: alignment::Vertical::Center,
                ..Text::default()
            });
            frame.fill_text(Text {
                content: count.to_string(),
                position: Point::new(centre.x, centre.y + side * 0.24),
                color: ink,
                size: (side * 0.3).into(),
                align_x: iced::widget::text::Alignment::Center,
                align_y: alignment::Vertical::Center,
                ..Text::default()
            });
        }
        let text = palette.background.base.text;
        let left = f32::from(TILE_GRID.0) * side + 14.0;
        frame.fill_text(Text {
            content: "Active agreements".into(),
            position: Point::new(left, 4.0),
            color: text,
            size: 13.0.into(),
            ..Text::default()
        });
        for (i, (low, high)) in ranges.iter().enumerate() {
            let y = 26.0 + i as f32 * 24.0;
            framed(
                frame,
                Rectangle::new(Point::new(left, y), Size::new(18.0, 18.0)),
                shade_colour(theme, i, ranges.len()),
                palette.background.strong.color,
                1.0,
            );
            frame.fill_text(Text {
                content: if low == high {
                    low.to_string()
                } else {
                    format!("{low}–{high}")
                },
                position: Point::new(left + 26.0, y + 2.0),
                color: text,
                size: 13.0.into(),
                ..Text::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_split_the_counts_into_ranges_with_none_empty() {
        assert_eq!(shades(0), [(0, 0)]);
        assert_eq!(shades(2), [(0, 0), (1, 1), (2, 2)]);
        assert_eq!(
            shades(120),
            [(0, 0), (1, 30), (31, 60), (61, 90), (91, 120)]
        );
        assert_eq!(shades(5), [(0, 0), (1, 2), (3, 3), (4, 4), (5, 5)]);
        let r = shades(120);
        assert_eq!(shade_of(0, &r), 0);
        assert_eq!(shade_of(30, &r), 1);
        assert_eq!(shade_of(31, &r), 2);
        assert_eq!(shade_of(120, &r), 4);
    }

    #[test]
    fn tiles_do_not_overlap_and_stay_inside_the_map() {
        let size = Size::new(560.0, 300.0);
        let tiles: Vec<Rectangle> = State::all().map(|s| tile_bounds(s, size)).collect();
        for (i, a) in tiles.iter().enumerate() {
            assert!(a.x >= 0.0 && a.x + a.width <= size.width - LEGEND_WIDTH + 1.0);
            assert!(a.y >= 0.0 && a.y + a.height <= size.height);
            for b in &tiles[i + 1..] {
                assert!(a.intersection(b).is_none_or(|r| r.width * r.height == 0.0));
            }
        }
        let tx = State::parse("TX").unwrap();
        let map = Map::new(&[]);
        assert_eq!(map.state_at(tile_bounds(tx, size).center(), size), Some(tx));
    }
}
