//! The `g287` program: the command line, or the desktop window when no command is given.

fn main() -> std::process::ExitCode {
    one_malloc_arena();
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

/// Keeps glibc's allocator to one pool of memory. By default each thread that allocates gets a
/// pool of its own (up to eight per core), and memory freed there is kept for that thread:
/// after the window's Dashboard and Calendar were computed on worker threads it held 217 MB
/// of the national demo; with one pool 133 MB (`benches/memory.sh`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn one_malloc_arena() {
    // SAFETY: `mallopt` only sets a tunable of the allocator; called first thing in `main`.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Other allocators need no such setting.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn one_malloc_arena() {}
