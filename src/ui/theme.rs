//! Light, dark and high-contrast themes, following the system's by default.

use iced::Color;
use iced::Theme;
use iced::theme::Palette;
use std::fmt;

/// The theme the coordinator chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeChoice {
    /// Whatever the desktop uses (light or dark).
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Black on white with strong colours, for low vision and bright rooms.
    HighContrast,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [ThemeChoice; 4] = [
        ThemeChoice::System,
        ThemeChoice::Light,
        ThemeChoice::Dark,
        ThemeChoice::HighContrast,
    ];

    /// The iced theme, or `None` to follow the system.
    pub fn theme(self) -> Option<Theme> {
        match self {
            ThemeChoice::System => None,
            ThemeChoice::Light => Some(Theme::Light),
            ThemeChoice::Dark => Some(Theme::Dark),
            ThemeChoice::HighContrast => Some(high_contrast()),
        }
    }
}

impl fmt::Display for ThemeChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ThemeChoice::System => "System theme",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
            ThemeChoice::HighContrast => "High contrast",
        })
    }
}

/// Pure black on white, with saturated status colours that keep a contrast ratio above 7:1.
pub fn high_contrast() -> Theme {
    Theme::custom(
        "High contrast",
        Palette {
            background: Color::WHITE,
            text: Color::BLACK,
            primary: Color::from_rgb8(0x00, 0x33, 0x99),
            success: Color::from_rgb8(0x00, 0x55, 0x00),
            warning: Color::from_rgb8(0x66, 0x44, 0x00),
            danger: Color::from_rgb8(0xAA, 0x00, 0x00),
        },
    )
}
