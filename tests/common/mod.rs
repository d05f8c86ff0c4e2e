//! What the command-line tests share: running the binary as a user does.
#![allow(dead_code)]

use std::process::{Command, Output};

/// The reference convention, as bundled.
pub const REFERENCE: &str = include_str!("../../examples/convention-meae-dinum-2022.json");

/// Runs `convention` with these arguments and waits for it.
pub fn convention(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_convention"))
        // Comments' wall-clock dates (Word's convention) are read and
        // written in the program's time zone: the same one wherever the
        // tests run.
        .env("TZ", "UTC")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What the command wrote on standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
