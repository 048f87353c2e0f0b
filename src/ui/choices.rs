//! Drop-downs that the keyboard reaches: iced's `combo_box` is a text input, so Tab stops on
//! it and typing narrows its options (type "cou", Enter: County), where a `pick_list` takes
//! no focus at all. Its options and what is typed live in a [`Choices`], kept in the screen's
//! state.

use iced::widget::{ComboBox, combo_box};
use std::fmt;

/// The options of one drop-down and what is typed in it.
///
/// Two are always equal, so that forms keep deriving `PartialEq` on their values: what is
/// typed to find an option is not part of what the form holds until it is chosen.
#[derive(Clone)]
pub struct Choices<T>(combo_box::State<T>);

impl<T: fmt::Display + Clone> Choices<T> {
    /// A drop-down offering `options`, in this order.
    pub fn new(options: impl IntoIterator<Item = T>) -> Choices<T> {
        Choices(combo_box::State::new(options.into_iter().collect()))
    }

    /// The drop-down, showing `selected` when not focused; `on_choose` says what choosing an
    /// option (click, or Enter on the option typed to) sends.
    pub fn view<'a, M: Clone + 'a>(
        &'a self,
        placeholder: &str,
        selected: Option<&T>,
        on_choose: impl Fn(T) -> M + 'static,
    ) -> ComboBox<'a, T, M> {
        combo_box(&self.0, placeholder, selected, on_choose).padding(6)
    }
}

impl<T> fmt::Debug for Choices<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Choices")
    }
}

impl<T> PartialEq for Choices<T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
