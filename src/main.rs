//! The `convention` binary: the desktop app, or a headless subcommand.

fn main() -> std::process::ExitCode {
    convention::cli::main()
}
