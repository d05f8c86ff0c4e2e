//! The `convention` binary: the desktop app, or a headless subcommand.

/// The allocator of the whole process (see README, Performance).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    convention::cli::main()
}
