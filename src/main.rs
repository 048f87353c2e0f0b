//! The `g287` program: the command line, or the desktop window when no command is given.

fn main() -> std::process::ExitCode {
    let chosen = std::env::var_os("ICED_BACKEND").is_some();
    if let Some(renderer) = g287::ui::preferred_renderer(chosen, g287::ui::has_render_node()) {
        set_renderer(renderer);
    }
    g287::cli::main()
}

/// Names the renderer iced is to use (it reads only the environment for that).
#[allow(unsafe_code)]
fn set_renderer(name: &str) {
    // SAFETY: called first thing in `main`, before any thread exists, so nothing can read the
    // environment while it changes (the reason `set_var` is unsafe).
    unsafe { std::env::set_var("ICED_BACKEND", name) };
}
