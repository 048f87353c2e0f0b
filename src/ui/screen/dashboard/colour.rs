//! Colours of the map and the chart, taken from the theme's palette and made readable on its
//! background, so light, dark and high-contrast themes all work without a colour table each.

use iced::{Color, Theme};

use crate::domain::Model;

/// The least contrast, against the page, of a mark that carries meaning (WCAG's 3:1 for
/// graphics).
pub const MIN_CONTRAST: f32 = 3.0;

/// `a` moved toward `b` by `t` (0: `a`, 1: `b`).
pub fn mix(a: Color, b: Color, t: f32) -> Color {
    Color {
        r: a.r + (b.r - a.r) * t,
        g: a.g + (b.g - a.g) * t,
        b: a.b + (b.b - a.b) * t,
        a: a.a + (b.a - a.a) * t,
    }
}

/// WCAG's relative luminance.
pub fn luminance(c: Color) -> f32 {
    let channel = |v: f32| {
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG's contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color, b: Color) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Black or white, whichever reads better on `fill`.
pub fn ink_on(fill: Color) -> Color {
    if contrast(fill, Color::BLACK) >= contrast(fill, Color::WHITE) {
        Color::BLACK
    } else {
        Color::WHITE
    }
}

/// `colour`, moved toward the theme's text colour until it stands out from the background by
/// [`MIN_CONTRAST`]: a palette colour chosen for buttons can be too dark on a dark page.
fn readable(theme: &Theme, colour: Color) -> Color {
    let palette = theme.extended_palette();
    let (page, ink) = (palette.background.base.color, palette.background.base.text);
    let mut c = colour;
    for step in 1..=10 {
        if contrast(c, page) >= MIN_CONTRAST {
            break;
        }
        c = mix(colour, ink, step as f32 / 10.0);
    }
    c
}

/// The colour of a model's bars and legend: the theme's primary colour for the Task Force
/// Model (the largest), its warning colour for the Jail Enforcement Model, and a colour near
/// the text's for the Warrant Service Officer model: three hues that also differ in lightness.
pub fn model_colour(theme: &Theme, model: Model) -> Color {
    let palette = theme.extended_palette();
    let raw = match model {
        Model::Tfm => palette.primary.base.color,
        Model::Jem => palette.warning.base.color,
        Model::Wso => mix(
            palette.background.base.color,
            palette.background.base.text,
            0.6,
        ),
    };
    readable(theme, raw)
}

/// A fingerprint of what a drawing depends on (its figures and the theme's colours), so that a
/// canvas cache is redrawn when, and only when, one of them changes.
pub fn fingerprint(theme: &Theme, figures: impl std::hash::Hash) -> u64 {
    use std::hash::{Hash, Hasher};
    let palette = theme.palette();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    figures.hash(&mut h);
    for c in [
        palette.background,
        palette.text,
        palette.primary,
        palette.warning,
    ] {
        c.into_rgba8().hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::high_contrast;

    #[test]
    fn model_colours_stand_out_from_the_page_and_from_each_other_in_every_theme() {
        for theme in [Theme::Light, Theme::Dark, high_contrast()] {
            let page = theme.extended_palette().background.base.color;
            let colours = Model::ALL.map(|m| model_colour(&theme, m));
            for (m, c) in Model::ALL.iter().zip(colours) {
                assert!(
                    contrast(c, page) >= MIN_CONTRAST,
                    "{theme:?} {m}: {}",
                    contrast(c, page)
                );
            }
            for i in 0..3 {
                for j in i + 1..3 {
                    assert_ne!(colours[i], colours[j], "{theme:?}");
                }
            }
        }
    }

    #[test]
    fn ink_is_the_more_readable_of_black_and_white() {
        assert_eq!(ink_on(Color::WHITE), Color::BLACK);
        assert_eq!(ink_on(Color::from_rgb8(0x00, 0x33, 0x99)), Color::WHITE);
        assert!((contrast(Color::BLACK, Color::WHITE) - 21.0).abs() < 0.01);
    }
}
