//! Small pieces every screen draws with, so that text sizes, quiet lines, sections and fields
//! with their errors look the same on each screen. Generic over the screen's message.

use iced::widget::{button, column, container, row, stack, text};
use iced::{Alignment, Color, Element, Length, Theme, border};

use crate::domain::ValidationError;

/// Body text.
pub const BODY: u32 = 14;
/// Labels above fields and secondary lines.
pub const SMALL: u32 = 13;

/// A section of a page.
pub fn card<'a, M: 'a>(content: impl Into<Element<'a, M>>) -> Element<'a, M> {
    container(content)
        .padding(14)
        .style(container::rounded_box)
        .width(Length::Fill)
        .into()
}

/// A section heading.
pub fn heading<'a, M: 'a>(label: impl text::IntoFragment<'a>) -> Element<'a, M> {
    text(label).size(18).into()
}

/// Secondary information (ids, sources, who recorded what): readable, but quieter.
pub fn quiet<'a>(label: impl text::IntoFragment<'a>) -> iced::widget::Text<'a> {
    text(label).size(SMALL).style(text::secondary)
}

/// What a validation error says beside its field; the value is repeated so the coordinator sees
/// what was read, except when nothing was typed.
pub fn error_text(e: &ValidationError) -> String {
    if e.value.trim().is_empty() {
        e.message.clone()
    } else {
        format!("{}: {}", e.value, e.message)
    }
}

/// The error for `field` among `errors`, in red under the field.
pub fn error_for<'a, M: 'a>(errors: &[ValidationError], field: &str) -> Option<Element<'a, M>> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| text(error_text(e)).size(SMALL).style(text::danger).into())
}

/// A field with its label above and its error, if any, below.
pub fn labelled<'a, M: 'a>(
    label: &'a str,
    input: impl Into<Element<'a, M>>,
    error: Option<Element<'a, M>>,
) -> Element<'a, M> {
    let mut c = column![text(label).size(SMALL), input.into()].spacing(3);
    if let Some(e) = error {
        c = c.push(e);
    }
    c.width(Length::Fill).into()
}

/// A dialog over the page. Clicks outside it do nothing: what is typed in a dialog must not be
/// lost to a stray click, so only its own buttons close it.
pub fn modal<'a, M: 'a>(
    base: impl Into<Element<'a, M>>,
    dialog: impl Into<Element<'a, M>>,
) -> Element<'a, M> {
    stack![
        base.into(),
        iced::widget::opaque(
            iced::widget::center(iced::widget::opaque(dialog)).style(|_theme| {
                container::Style {
                    background: Some(
                        Color {
                            a: 0.6,
                            ..Color::BLACK
                        }
                        .into(),
                    ),
                    ..container::Style::default()
                }
            })
        )
    ]
    .into()
}

/// The dialog's own surface: the page's background colour with a border, so it stands out from
/// the dimmed page in light and dark themes alike.
pub fn dialog_surface(theme: &Theme) -> container::Style {
    let palette = theme.extended_palette();
    container::Style {
        background: Some(palette.background.base.color.into()),
        text_color: Some(palette.background.base.text),
        border: border::rounded(8)
            .width(1)
            .color(palette.background.strong.color),
        ..container::Style::default()
    }
}

/// A question asked in place before a step that replaces or removes something: the question,
/// the button that takes the step (red) and the one that does not, which Escape answers (said
/// on hover). `take_key` is the key that takes the step, if one does (Enter on the Data page;
/// none for removing a nominee, which a stray Enter must not do).
pub fn confirm_row<'a, M: Clone + 'a>(
    question: impl Into<Element<'a, M>>,
    (take, on_take): (&'static str, M),
    (keep, on_keep): (&'static str, M),
    take_key: Option<&'a str>,
) -> Element<'a, M> {
    let take = button(text(take)).on_press(on_take).style(button::danger);
    row![
        container(question).width(Length::Fill),
        match take_key {
            Some(key) => with_key(take, key),
            None => take.into(),
        },
        with_key(
            button(text(keep))
                .on_press(on_keep)
                .style(button::secondary),
            "Escape"
        ),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// A button with the key that does the same said on hover: buttons take no focus in iced
/// 0.14, so the tooltip is how the keyboard's way to them is found.
pub fn with_key<'a, M: 'a>(button: impl Into<Element<'a, M>>, key: &'a str) -> Element<'a, M> {
    iced::widget::tooltip(
        button,
        container(text(key).size(SMALL))
            .padding([4, 8])
            .style(container::rounded_box),
        iced::widget::tooltip::Position::Bottom,
    )
    .into()
}
