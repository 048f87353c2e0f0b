//! What a widget that wraps one other element hands straight to it. `choices::Reachable`
//! (a combo box that focus operations see) and `shortcuts::NotesFocus` (the window, noting the
//! focus before any widget sees a key) each change how events and operations pass; their
//! size, layout, drawing and state are the wrapped element's, written once here.

/// Inside an `impl Widget<..> for W`, where `W.0` is the wrapped `Element`: `size`,
/// `size_hint`, `layout`, `draw`, `tag`, `state`, `children` and `diff` of the wrapped
/// element. The impl's module names `Size`, `Length`, `Tree`, `layout`, `renderer`, `Layout`,
/// `mouse`, `Rectangle` and `tree` as iced does.
macro_rules! forward_to_wrapped {
    () => {
        fn size(&self) -> Size<Length> {
            self.0.as_widget().size()
        }

        fn size_hint(&self) -> Size<Length> {
            self.0.as_widget().size_hint()
        }

        fn layout(
            &mut self,
            tree: &mut Tree,
            renderer: &iced::Renderer,
            limits: &layout::Limits,
        ) -> layout::Node {
            self.0.as_widget_mut().layout(tree, renderer, limits)
        }

        fn draw(
            &self,
            tree: &Tree,
            renderer: &mut iced::Renderer,
            theme: &iced::Theme,
            style: &renderer::Style,
            layout: Layout<'_>,
            cursor: mouse::Cursor,
            viewport: &Rectangle,
        ) {
            self.0
                .as_widget()
                .draw(tree, renderer, theme, style, layout, cursor, viewport);
        }

        fn tag(&self) -> tree::Tag {
            self.0.as_widget().tag()
        }

        fn state(&self) -> tree::State {
            self.0.as_widget().state()
        }

        fn children(&self) -> Vec<Tree> {
            self.0.as_widget().children()
        }

        fn diff(&self, tree: &mut Tree) {
            self.0.as_widget().diff(tree);
        }
    };
}

pub(crate) use forward_to_wrapped;
