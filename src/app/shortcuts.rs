//! The keyboard shortcuts, dropped files and the window's close button:
//! the input that does not go to a widget.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, ViewportCommand};

use super::{Command, ConventionApp, Session, Step, modals::Modal};

pub(super) const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub(super) const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub(super) const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub(super) const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub(super) const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub(super) const CLOSE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::W);
pub(super) const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub(super) const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub(super) const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub(super) const NEXT_STEP: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND, Key::PageDown);
pub(super) const PREVIOUS_STEP: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND, Key::PageUp);
pub(super) const PREVIEW: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::P);
pub(super) const PRINT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);

impl ConventionApp {
    /// Shortcuts, dropped files and the window's close button.
    pub(super) fn global_input(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let (undo, redo) = ctx.input_mut(|i| {
            let redo = i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y);
            let undo = i.consume_shortcut(&UNDO);
            (undo, redo)
        });
        if redo {
            commands.push(Command::Redo);
        } else if undo {
            commands.push(Command::Undo);
        }
        let shortcuts = [
            (SAVE_AS, Command::SaveAs),
            (SAVE, Command::Save),
            (OPEN, Command::Open(None)),
            (NEW, Command::NewBlank),
            (CLOSE, Command::CloseDraft),
            // Ctrl+Maj+P before Ctrl+P, which it contains.
            (PREVIEW, Command::TogglePreview),
            (PRINT, Command::Print),
        ];
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                commands.push(command);
            }
        }
        if let Some(session) = &self.session {
            let step = session.step;
            if ctx.input_mut(|i| i.consume_shortcut(&EXPORT)) {
                commands.push(Command::GoTo(Step::Export));
            }
            if ctx.input_mut(|i| i.consume_shortcut(&NEXT_STEP))
                && let Some(next) = step.next()
            {
                commands.push(Command::GoTo(next));
            }
            if ctx.input_mut(|i| i.consume_shortcut(&PREVIOUS_STEP))
                && let Some(previous) = step.previous()
            {
                commands.push(Command::GoTo(previous));
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            commands.push(if super::files::is_to_import(&path) {
                Command::ImportDocx(Some(path))
            } else {
                Command::Open(Some(path))
            });
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.allowed_to_close {
            if self.session.as_ref().is_some_and(Session::is_dirty) {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved {
                    then: Command::Quit,
                });
            } else {
                self.discard_own_recovery();
            }
        }
    }
}
