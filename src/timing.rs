//! `CONVENTION_TIMING=1`: how long each phase of a command took, said on
//! standard error, for the benchmarks of the README (which phase of an
//! export to work on) and for a user who wonders where the time goes.
//! Off, a phase costs one relaxed load.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// When the command started, once timing is on.
static STARTED: OnceLock<Instant> = OnceLock::new();
/// Whether phases are timed.
static ON: AtomicBool = AtomicBool::new(false);

/// Turns timing on if `CONVENTION_TIMING` is set; the times are counted
/// from this call. Called first thing by the command line.
pub fn start_from_environment() {
    if std::env::var_os("CONVENTION_TIMING").is_some() {
        STARTED.get_or_init(Instant::now);
        ON.store(true, Ordering::Relaxed);
    }
}

/// A phase being timed: said when dropped, with its length and the time
/// since the start of the command.
#[must_use = "a phase is timed until it is dropped"]
pub struct Phase {
    name: &'static str,
    began: Option<Instant>,
}

/// Times the phase `name` until the returned value is dropped.
pub fn phase(name: &'static str) -> Phase {
    Phase {
        name,
        began: ON.load(Ordering::Relaxed).then(Instant::now),
    }
}

impl Drop for Phase {
    fn drop(&mut self) {
        let (Some(began), Some(started)) = (self.began, STARTED.get()) else {
            return;
        };
        let now = Instant::now();
        eprintln!(
            "convention: temps : {:<24} {:>7.2} ms (fin à {:.2} ms)",
            self.name,
            (now - began).as_secs_f64() * 1000.0,
            (now - *started).as_secs_f64() * 1000.0,
        );
    }
}
