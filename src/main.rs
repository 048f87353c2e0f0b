//! The `g287` program: the command line, or the desktop window when no command is given.

fn main() -> std::process::ExitCode {
    g287::cli::main()
}
