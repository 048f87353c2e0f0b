//! Drop-downs that the keyboard reaches: iced's `combo_box` is a text input, so typing
//! narrows its options (type "cou", Enter: County), where a `pick_list` takes no focus at all.
//! Its options and what is typed live in a [`Choices`], kept in the screen's state.
//!
//! iced 0.14's combo box does not tell focus operations about its text input, so Tab (which
//! runs `focus_next`) would still skip it: [`Reachable`] wraps it and does.

use iced::widget::text_input;
use iced::widget::{ComboBox, combo_box};
use iced::{Element, Event, Length, Rectangle, Size, Vector};
use iced_core::widget::{Id, Operation, Tree, Widget, tree};
use iced_core::{Clipboard, Layout, Shell, layout, mouse, overlay, renderer};
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
    ) -> Menu<'a, T, M>
    where
        T: 'static,
    {
        Menu(
            combo_box(&self.0, placeholder, selected, on_choose)
                .padding(6)
                .input_style(field),
            None,
        )
    }
}

/// The style of a text field or drop-down with a visible focus ring: iced's own, but a
/// focused field's border is 2 pixels wide in the palette's primary colour (the link text's,
/// which the contrast test measures on the page: at least 4.5:1, 7:1 in high contrast), where
/// iced draws 1 pixel that differs from the resting border by its shade alone.
pub fn field(theme: &iced::Theme, status: text_input::Status) -> text_input::Style {
    let style = text_input::default(theme, status);
    match status {
        text_input::Status::Focused { .. } => text_input::Style {
            border: iced::Border {
                width: 2.0,
                color: theme.palette().primary,
                ..style.border
            },
            ..style
        },
        _ => style,
    }
}

/// A combo box being built; `.width(..)` as on iced's, `.id(..)` to be focused by id (iced's
/// combo box takes none), then into an element that Tab reaches.
pub struct Menu<'a, T, M>(ComboBox<'a, T, M>, Option<Id>);

impl<'a, T: fmt::Display + Clone + 'static, M: Clone + 'a> Menu<'a, T, M> {
    /// Sets the width.
    pub fn width(self, width: impl Into<Length>) -> Self {
        Menu(self.0.width(width), self.1)
    }

    /// Names the drop-down for focus operations (a dialog's Tab order, focus by id).
    pub fn id(self, id: &'static str) -> Self {
        Menu(self.0, Some(Id::new(id)))
    }
}

impl<'a, T: fmt::Display + Clone + 'static, M: Clone + 'a> From<Menu<'a, T, M>> for Element<'a, M> {
    fn from(menu: Menu<'a, T, M>) -> Self {
        Element::new(Reachable(Element::from(menu.0), menu.1))
    }
}

/// A combo box that focus operations (Tab, Shift+Tab) see as the text input it is, under its
/// id if it has one, and that keeps the focus once an option is chosen (iced's lets it go, so
/// the next Tab would start again from the window's first field).
pub struct Reachable<'a, M>(Element<'a, M>, Option<Id>);

type Paragraph = <iced::Renderer as iced_core::text::Renderer>::Paragraph;

impl<M> Widget<M, iced::Theme, iced::Renderer> for Reachable<'_, M> {
    crate::ui::wrapper::forward_to_wrapped!();

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        // The combo box's one child is its text input's state.
        if let Some(input) = tree.children.first_mut()
            && let tree::State::Some(state) = &mut input.state
            && let Some(state) = state.downcast_mut::<text_input::State<Paragraph>>()
        {
            operation.focusable(self.1.as_ref(), layout.bounds(), state);
            operation.text_input(self.1.as_ref(), layout.bounds(), state);
        }
        self.0
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let focused = |tree: &mut Tree| input_state(tree).is_some_and(|s| s.is_focused());
        let was_focused = focused(tree);
        // Our drop-downs publish only when an option is chosen (they take no `on_input`), so
        // a message from the combo box means a choice, after which iced unfocuses it.
        let mut chosen = Vec::new();
        let mut local = Shell::new(&mut chosen);
        self.0.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, &mut local, viewport,
        );
        let made_choice = !local.is_empty();
        shell.merge(local, |m| m);
        if was_focused
            && made_choice
            && !focused(tree)
            && let Some(state) = input_state(tree)
        {
            // Where the coordinator was: Tab goes on to the next field from here.
            state.focus();
            state.move_cursor_to_end();
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &iced::Renderer,
    ) -> mouse::Interaction {
        self.0
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &iced::Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, M, iced::Theme, iced::Renderer>> {
        self.0
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

/// The combo box's text input state: its one child in the widget tree.
fn input_state(tree: &mut Tree) -> Option<&mut text_input::State<Paragraph>> {
    match &mut tree.children.first_mut()?.state {
        tree::State::Some(state) => state.downcast_mut::<text_input::State<Paragraph>>(),
        tree::State::None => None,
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
