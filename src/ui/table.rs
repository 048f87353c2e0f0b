//! What the window's tables share (the Agencies list, the Calendar): columns that shrink
//! between a preferred and a least width, cells cut with an ellipsis and read whole on hover,
//! and a sideways scroll only where the least widths do not fit.

use iced::widget::{container, scrollable, text, tooltip};
use iced::{Element, Font};

/// The room a table keeps at its right for the rows' vertical scroll bar, beside the rows
/// rather than over the last column.
pub const SCROLL_BAR: f32 = 12.0;

/// The columns' widths in a table `available` pixels wide: the preferred widths when they fit
/// (the column at `main` takes what is left over); else the other columns give up the same
/// share of what they can give up, and only then the main one, which is what a coordinator
/// reads the table by; at the least widths the table scrolls sideways instead of dropping
/// columns.
pub fn widths<const N: usize>(
    least: [f32; N],
    preferred: [f32; N],
    main: usize,
    available: f32,
) -> [f32; N] {
    let preferred: [f32; N] = std::array::from_fn(|i| preferred[i].max(least[i]));
    let others = |w: &[f32; N]| -> f32 { w.iter().sum::<f32>() - w[main] };
    let (others_preferred, others_least) = (others(&preferred), others(&least));
    if available >= others_preferred + preferred[main] {
        let mut widths = preferred;
        widths[main] = available - others_preferred;
        return widths;
    }
    let share = ((available - preferred[main] - others_least)
        / (others_preferred - others_least).max(f32::EPSILON))
    .clamp(0.0, 1.0);
    let mut widths: [f32; N] =
        std::array::from_fn(|i| least[i] + (preferred[i] - least[i]) * share);
    widths[main] = (available - others_least).clamp(least[main], preferred[main]);
    widths
}

/// The table in `available` pixels: as it is when its columns' `least` widths fit (the
/// widths then add up to the room, give or take a rounding, which must not bring a scroll
/// bar over the last row), else in a sideways scroll whose bar sits below the rows.
pub fn sideways<'a, M: 'a>(
    table: impl Into<Element<'a, M>>,
    least: &[f32],
    available: f32,
) -> Element<'a, M> {
    if least.iter().sum::<f32>() + SCROLL_BAR <= available {
        container(table).width(available).clip(true).into()
    } else {
        scrollable(table)
            .direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::default().spacing(2),
            ))
            .into()
    }
}

/// A cell of table text `width` pixels wide, cut with an ellipsis if it is longer, the whole
/// text then in a tooltip.
pub fn cell<'a, M: 'a>(whole: String, width: f32) -> Element<'a, M> {
    let cut = fit(&whole, width);
    let cell = container(
        text(cut.clone().unwrap_or_else(|| whole.clone()))
            .size(14)
            .wrapping(text::Wrapping::None),
    )
    .width(width)
    .clip(true)
    .padding([0, 6]);
    match cut {
        // Cut text is read whole on hover.
        Some(_) => tooltip(
            cell,
            container(text(whole).size(14))
                .padding(6)
                .style(container::rounded_box),
            tooltip::Position::Bottom,
        )
        .into(),
        None => cell.into(),
    }
}

/// How wide `text` is drawn in the table, measured by iced's own text layout in the font the
/// window draws with (whatever font the system resolves), so a cut is exactly where it must
/// be.
pub fn drawn_width(text: &str, font: Font) -> f32 {
    drawn_width_at(text, font, 14.0)
}

/// How wide `text` is drawn at `size` pixels.
pub fn drawn_width_at(text: &str, font: Font, size: f32) -> f32 {
    use iced_core::text::{Alignment, LineHeight, Paragraph as _, Shaping, Text, Wrapping};
    type Paragraph = <iced::Renderer as iced_core::text::Renderer>::Paragraph;
    Paragraph::with_text(Text {
        content: text,
        bounds: iced::Size::new(f32::INFINITY, f32::INFINITY),
        size: iced::Pixels(size),
        line_height: LineHeight::default(),
        font,
        align_x: Alignment::Default,
        align_y: iced::alignment::Vertical::Top,
        shaping: Shaping::Basic,
        wrapping: Wrapping::None,
    })
    .min_width()
}

/// `text` cut with an ellipsis to fit `width` pixels of table text, if it is longer: iced 0.14
/// has no ellipsis of its own.
pub fn fit(text: &str, width: f32) -> Option<String> {
    let room = width - 12.0;
    // No glyph is wider than its 14-pixel size: short cells need no measuring.
    if text.chars().count() as f32 * 14.0 <= room || drawn_width(text, Font::DEFAULT) <= room {
        return None;
    }
    // The longest prefix that fits with its ellipsis, by bisection on characters.
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
    let (mut fits, mut over) = (0, chars.len());
    while over - fits > 1 {
        let mid = (fits + over) / 2;
        if drawn_width(&cut(mid), Font::DEFAULT) <= room {
            fits = mid;
        } else {
            over = mid;
        }
    }
    Some(cut(fits))
}
