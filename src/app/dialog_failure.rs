//! Whether the system's file dialog could be shown at all.
//!
//! rfd answers « no file » both when the user cancels and when no dialog
//! could be shown (no XDG desktop portal on the session bus, and no
//! `zenity` to fall back on): it says the second only through the `log`
//! crate, as errors of its `zenity` fallback. So the app installs a
//! logger that keeps nothing but rfd's warnings and errors, and only on
//! the thread asking, while it asks; a dialog is taken as not shown when
//! rfd logged an error about its zenity fallback, or when it answered
//! sooner than anyone could have cancelled a dialog on screen (zenity
//! that cannot open its window exits at once, like a cancel). The rest of
//! the program's logging is left as it was: dropped.

use std::cell::RefCell;
use std::sync::Once;
use std::time::{Duration, Instant};

/// An answer this quick was not a person cancelling a dialog on screen.
const TOO_QUICK: Duration = Duration::from_millis(150);

thread_local! {
    /// rfd's messages on this thread while a dialog is asked for, or
    /// `None` when none is.
    static CAPTURED: RefCell<Option<Vec<(log::Level, String)>>> = const { RefCell::new(None) };
}

/// Keeps rfd's warnings and errors of the thread asking for a dialog.
struct RfdWatcher;

impl log::Log for RfdWatcher {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Warn && metadata.target().starts_with("rfd")
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        CAPTURED.with(|captured| {
            if let Some(messages) = captured.borrow_mut().as_mut() {
                messages.push((record.level(), record.args().to_string()));
            }
        });
    }

    fn flush(&self) {}
}

static INSTALL: Once = Once::new();
static WATCHER: RfdWatcher = RfdWatcher;

/// Runs a dialog; gives its answer, and why no dialog was shown if none
/// was.
pub fn watch<T>(dialog: impl FnOnce() -> Option<T>) -> (Option<T>, Option<String>) {
    INSTALL.call_once(|| {
        // Another logger set first (none is, today) keeps its place; the
        // answer's speed still tells.
        if log::set_logger(&WATCHER).is_ok() {
            log::set_max_level(log::LevelFilter::Warn);
        }
    });
    CAPTURED.with(|captured| *captured.borrow_mut() = Some(Vec::new()));
    let started = Instant::now();
    let answer = dialog();
    let elapsed = started.elapsed();
    let messages = CAPTURED
        .with(|captured| captured.borrow_mut().take())
        .unwrap_or_default();
    if answer.is_some() {
        return (answer, None);
    }
    (None, failure(&messages, elapsed))
}

/// Why no dialog was shown, from what rfd logged and how quickly it
/// answered; `None` when it was (the user cancelled).
fn failure(messages: &[(log::Level, String)], elapsed: Duration) -> Option<String> {
    let zenity_failed = messages
        .iter()
        .find(|(level, text)| *level == log::Level::Error && text.contains("zenity"));
    if let Some((_, text)) = zenity_failed {
        return Some(format!(
            "aucun sélecteur de fichiers du système n'a pu s'ouvrir (ni portail XDG, ni zenity : {text})"
        ));
    }
    (elapsed < TOO_QUICK)
        .then(|| "le sélecteur de fichiers du système s'est fermé aussitôt ouvert".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_zenity_fallback_or_an_instant_answer_means_no_dialog() {
        let portal_and_zenity = [
            (
                log::Level::Error,
                "Failed to connect to session bus: no address".to_owned(),
            ),
            (log::Level::Warn, "Using zenity fallback".to_owned()),
            (
                log::Level::Error,
                "Failed to save file with zenity: No such file or directory (os error 2)"
                    .to_owned(),
            ),
        ];
        let slow = Duration::from_secs(3);
        let reason = failure(&portal_and_zenity, slow).expect("no dialog");
        assert!(reason.contains("ni portail XDG, ni zenity"), "{reason}");
        // The portal failed but zenity showed, and the user cancelled.
        assert_eq!(failure(&portal_and_zenity[..2], slow), None);
        // Zenity could not open its window: it answered at once.
        assert!(failure(&portal_and_zenity[..2], Duration::from_millis(20)).is_some());
    }

    #[test]
    fn rfd_messages_are_kept_only_while_asking() {
        let (answer, why) = watch(|| {
            log::error!(target: "rfd::backend", "Failed to pick file with zenity: absent");
            log::error!(target: "ailleurs", "Failed with zenity, but not rfd");
            None::<()>
        });
        assert_eq!(answer, None);
        assert!(why.expect("not shown").contains("absent"));
        let (answer, why) = watch(|| {
            std::thread::sleep(TOO_QUICK * 2);
            Some(1)
        });
        assert_eq!((answer, why), (Some(1), None));
        log::error!(target: "rfd", "after the dialog: not kept");
        assert!(CAPTURED.with(|captured| captured.borrow().is_none()));
    }
}
