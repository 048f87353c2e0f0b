//! Long lists of fixed-height rows (18,000 agencies, some 100,000 deadlines) built only where
//! they are in view: the list keeps its scroll offset, and spacers stand where the other rows
//! would be, so the list costs the same at any length.

use iced::Element;
use iced::widget::{Space, column};
use std::ops::Range;

/// Height of one row, in logical pixels; fixed, so that the offset says which rows are in view.
pub const ROW_HEIGHT: f32 = 30.0;
/// Rows built above and below the ones in view, so fast scrolling shows no gap.
const OVERSCAN: usize = 6;

/// The rows of a list of `len` rows in view at scroll `offset` in a viewport `viewport` high,
/// with a margin either side.
pub fn in_view(offset: f32, viewport: f32, len: usize) -> Range<usize> {
    let first = ((offset / ROW_HEIGHT) as usize)
        .saturating_sub(OVERSCAN)
        .min(len);
    let shown = (viewport / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
    first..(first + shown).min(len)
}

/// The list's content: `rows` (those of `range`) between spacers as tall as the rows not built.
pub fn list<'a, M: 'a>(
    range: Range<usize>,
    len: usize,
    rows: impl IntoIterator<Item = Element<'a, M>>,
) -> Element<'a, M> {
    column![
        Space::new().height(range.start as f32 * ROW_HEIGHT),
        column(rows),
        Space::new().height(len.saturating_sub(range.end) as f32 * ROW_HEIGHT),
    ]
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_rows_in_view_and_a_margin_are_built() {
        assert_eq!(in_view(0.0, 600.0, 18_000), 0..32);
        assert_eq!(in_view(3000.0, 600.0, 18_000), 94..126);
        assert_eq!(in_view(3000.0, 600.0, 100), 94..100);
        assert_eq!(in_view(0.0, 600.0, 0), 0..0);
        assert_eq!(in_view(90_000.0, 600.0, 10), 10..10);
    }
}
