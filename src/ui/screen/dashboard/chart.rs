//! The bar chart of agreements signed per month, stacked by model, with a count axis, month
//! labels and a legend. Drawn on iced's canvas with the window's own font, so headless
//! snapshots are the same on every machine.

use iced::widget::canvas::{self, Frame, Geometry, Path, Stroke, Text};
use iced::{Point, Rectangle, Renderer, Size, Theme, alignment, mouse};

use super::Message;
use super::colour::{fingerprint, model_colour};
use crate::domain::Model;
use crate::domain::dashboard::MonthSigned;

/// Room left of the bars for the count axis.
const AXIS_WIDTH: f32 = 40.0;
/// Room under the bars for the month labels.
const LABELS_HEIGHT: f32 = 34.0;
/// Room above the bars for the legend.
const LEGEND_HEIGHT: f32 = 26.0;
/// Text size of labels.
const SMALL: f32 = 12.0;

/// Agreements signed per month, by model.
#[derive(Debug, Clone, Copy)]
pub struct Chart<'a> {
    months: &'a [MonthSigned],
}

impl<'a> Chart<'a> {
    /// A chart of these months.
    pub fn new(months: &'a [MonthSigned]) -> Chart<'a> {
        Chart { months }
    }

    /// The plot area inside a chart of `size`.
    fn plot(size: Size) -> Rectangle {
        Rectangle {
            x: AXIS_WIDTH,
            y: LEGEND_HEIGHT,
            width: (size.width - AXIS_WIDTH - 8.0).max(1.0),
            height: (size.height - LEGEND_HEIGHT - LABELS_HEIGHT).max(1.0),
        }
    }

    fn month_at(&self, point: Point, size: Size) -> Option<usize> {
        let plot = Chart::plot(size);
        if !plot.contains(point) || self.months.is_empty() {
            return None;
        }
        let slot = plot.width / self.months.len() as f32;
        Some((((point.x - plot.x) / slot) as usize).min(self.months.len() - 1))
    }
}

/// A step for the count axis that gives at most five ticks up to `most`: 1, 2 or 5 times a
/// power of ten.
pub fn tick_step(most: usize) -> usize {
    let mut power = 1;
    loop {
        for step in [1, 2, 5].map(|m| m * power) {
            if most.div_ceil(step) <= 5 {
                return step;
            }
        }
        power *= 10;
    }
}

/// What the chart keeps between frames: the month under the cursor, and the drawing of the
/// bars, redrawn only when the figures or the theme change, not at every move of the mouse.
#[derive(Default)]
pub struct ChartState {
    hovered: Option<usize>,
    bars: canvas::Cache,
    drawn: std::cell::Cell<u64>,
}

impl canvas::Program<Message> for Chart<'_> {
    type State = ChartState;

    fn update(
        &self,
        chart: &mut ChartState,
        event: &canvas::Event,
        bounds: Rectangle,
        cursor: mouse::Cursor,
    ) -> Option<canvas::Action<Message>> {
        let under = cursor
            .position_in(bounds)
            .and_then(|p| self.month_at(p, bounds.size()));
        match event {
            canvas::Event::Mouse(mouse::Event::CursorMoved { .. } | mouse::Event::CursorLeft)
                if under != chart.hovered =>
            {
                chart.hovered = under;
                Some(canvas::Action::request_redraw())
            }
            _ => None,
        }
    }

    fn draw(
        &self,
        chart: &ChartState,
        renderer: &Renderer,
        theme: &Theme,
        bounds: Rectangle,
        _cursor: mouse::Cursor,
    ) -> Vec<Geometry> {
        let key = fingerprint(theme, self.months);
        if chart.drawn.replace(key) != key {
            chart.bars.clear();
        }
        let bars = chart.bars.draw(renderer, bounds.size(), |frame| {
            self.draw_bars(frame, theme)
        });
        let ink = theme.extended_palette().background.base.text;
        let mut frame = Frame::new(renderer, bounds.size());
        let plot = Chart::plot(bounds.size());
        if let Some((i, m)) = chart.hovered.and_then(|i| Some((i, self.months.get(i)?))) {
            let slot = plot.width / self.months.len().max(1) as f32;
            let bar = (slot * 0.7).max(1.0);
            let x = plot.x + i as f32 * slot + (slot - bar) / 2.0;
            frame.stroke(
                &Path::rectangle(
                    Point::new(x - 2.0, plot.y),
                    Size::new(bar + 4.0, plot.height),
                ),
                Stroke::default().with_width(1.5).with_color(ink),
            );
            frame.fill_text(Text {
                content: format!(
                    "{}: {} signed (JEM {}, TFM {}, WSO {})",
                    m.label(),
                    m.total(),
                    m.count(Model::Jem),
                    m.count(Model::Tfm),
                    m.count(Model::Wso)
                ),
                position: Point::new(plot.x + plot.width, 3.0),
                color: ink,
                size: 13.0.into(),
                align_x: iced::widget::text::Alignment::Right,
                ..Text::default()
            });
        }
        vec![bars, frame.into_geometry()]
    }
}

impl Chart<'_> {
    /// The axis, the bars, the month labels and the legend.
    fn draw_bars(&self, frame: &mut Frame, theme: &Theme) {
        let palette = theme.extended_palette();
        let ink = palette.background.base.text;
        let faint = palette.background.strong.color;
        let plot = Chart::plot(frame.size());
        let most = self
            .months
            .iter()
            .map(MonthSigned::total)
            .max()
            .unwrap_or(0);
        let step = tick_step(most.max(1));
        let top = most.max(1).div_ceil(step) * step;
        let y_of = |n: usize| plot.y + plot.height * (1.0 - n as f32 / top as f32);

        for tick in (0..=top).step_by(step) {
            let y = y_of(tick);
            frame.stroke(
                &Path::line(Point::new(plot.x, y), Point::new(plot.x + plot.width, y)),
                Stroke::default().with_width(1.0).with_color(faint),
            );
            frame.fill_text(Text {
                content: tick.to_string(),
                position: Point::new(plot.x - 6.0, y),
                color: ink,
                size: SMALL.into(),
                align_x: iced::widget::text::Alignment::Right,
                align_y: alignment::Vertical::Center,
                ..Text::default()
            });
        }

        let n = self.months.len().max(1);
        let slot = plot.width / n as f32;
        let bar = (slot * 0.7).max(1.0);
        // A label every few months, so that labels never overlap.
        let every = (58.0 / slot).ceil().max(1.0) as usize;
        for (i, month) in self.months.iter().enumerate() {
            let x = plot.x + i as f32 * slot + (slot - bar) / 2.0;
            let mut base = 0;
            for model in [Model::Jem, Model::Tfm, Model::Wso] {
                let count = month.count(model);
                if count == 0 {
                    continue;
                }
                let (y0, y1) = (y_of(base), y_of(base + count));
                // A hairline of the page's colour between stacked parts keeps them apart when
                // two colours are close.
                frame.fill_rectangle(
                    Point::new(x, y1),
                    Size::new(bar, (y0 - y1 - 1.0).max(1.0)),
                    model_colour(theme, model),
                );
                base += count;
            }
            if (self.months.len() - 1 - i).is_multiple_of(every) {
                frame.fill_text(Text {
                    content: month.label(),
                    position: Point::new(x + bar / 2.0, plot.y + plot.height + 6.0),
                    color: ink,
                    size: SMALL.into(),
                    align_x: iced::widget::text::Alignment::Center,
                    ..Text::default()
                });
            }
        }
        frame.stroke(
            &Path::line(
                Point::new(plot.x, plot.y + plot.height),
                Point::new(plot.x + plot.width, plot.y + plot.height),
            ),
            Stroke::default().with_width(1.0).with_color(ink),
        );

        let mut x = plot.x;
        for model in Model::ALL {
            frame.fill_rectangle(
                Point::new(x, 4.0),
                Size::new(14.0, 14.0),
                model_colour(theme, model),
            );
            frame.fill_text(Text {
                content: model.short().into(),
                position: Point::new(x + 20.0, 3.0),
                color: ink,
                size: 13.0.into(),
                ..Text::default()
            });
            x += 70.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_axis_has_at_most_five_round_ticks() {
        assert_eq!(tick_step(1), 1);
        assert_eq!(tick_step(5), 1);
        assert_eq!(tick_step(6), 2);
        assert_eq!(tick_step(10), 2);
        assert_eq!(tick_step(11), 5);
        assert_eq!(tick_step(26), 10);
        assert_eq!(tick_step(480), 100);
    }
}
