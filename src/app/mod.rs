//! The desktop app: a guided wizard over one draft, with live checks, a
//! preview and the exports. It edits the model and shows findings; the
//! logic lives in the model, rules, document and export modules.

mod command;
pub mod dialogs;
pub mod prefs;
pub mod recovery;
mod screenshot;
pub mod session;
mod step;
pub mod theme;

use std::path::{Path, PathBuf};

use eframe::egui::{
    self, Key, KeyboardShortcut, Modifiers, RichText, ScrollArea, Ui, ViewportCommand,
};

pub use command::Command;
pub use dialogs::{Dialogs, FileKind, NativeDialogs, ScriptedDialogs};
pub use session::Session;
pub use step::{Step, field_name};

use crate::document::{self, Document};
use crate::export::job::{ExportRequest, export};
use crate::model::{self, Draft};
use crate::ui::{self, ExportState, Form};
use prefs::Preferences;
use screenshot::ScreenshotPlan;

/// How the app was started from the command line.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// A draft to open.
    pub file: Option<PathBuf>,
    /// Take a screenshot of the window into this PNG, then quit.
    pub screenshot: Option<PathBuf>,
    /// The step to show (`parties`, `budget`, …).
    pub step: Option<String>,
}

/// What the app is built with; tests give scripted dialogs and a temporary
/// recovery folder.
pub struct AppConfig {
    /// File choosing.
    pub dialogs: Box<dyn Dialogs>,
    /// Where recovery copies go; `None` disables them.
    pub recovery_dir: Option<PathBuf>,
    /// A draft to open at start.
    pub file: Option<PathBuf>,
    /// The step to show at start.
    pub step: Option<Step>,
    /// Screenshot mode.
    pub screenshot: Option<PathBuf>,
}

impl AppConfig {
    /// A configuration for tests: no dialogs answered, recoveries in
    /// `recovery_dir`.
    pub fn for_tests(recovery_dir: &Path) -> Self {
        Self {
            dialogs: Box::new(ScriptedDialogs::default()),
            recovery_dir: Some(recovery_dir.to_owned()),
            file: None,
            step: None,
            screenshot: None,
        }
    }
}

/// Opens the window and runs until it closes. Returns the exit status.
pub fn run(launch: Launch) -> anyhow::Result<u8> {
    let started = std::time::Instant::now();
    let step = match launch.step.as_deref() {
        Some(name) => Some(Step::from_id(name).ok_or_else(|| {
            let names: Vec<&str> = Step::ALL.iter().map(|s| s.id()).collect();
            anyhow::anyhow!("étape « {name} » inconnue (étapes : {})", names.join(", "))
        })?),
        None => None,
    };
    let config = AppConfig {
        dialogs: Box::new(NativeDialogs),
        recovery_dir: match launch.screenshot {
            Some(_) => None,
            None => eframe::storage_dir(APP_ID).map(|dir| dir.join("recuperation")),
        },
        file: launch.file,
        step,
        screenshot: launch.screenshot.clone(),
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Convention")
        .with_app_id(APP_ID)
        .with_inner_size([1360.0, 860.0])
        .with_min_inner_size([760.0, 520.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    // A screenshot shows the app as it starts for a new user: it neither
    // reads nor writes the user's stored preferences and layout.
    let scratch = match launch.screenshot {
        Some(_) => Some(tempfile::tempdir()?),
        None => None,
    };
    let options = eframe::NativeOptions {
        viewport,
        persist_window: scratch.is_none(),
        persistence_path: scratch.as_ref().map(|dir| dir.path().join("app.ron")),
        ..Default::default()
    };
    let failed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let failed_in_app = failed.clone();
    eframe::run_native(
        "Convention",
        options,
        Box::new(move |cc| {
            let mut app = ConventionApp::new(cc, config);
            app.screenshot_failed = Some(failed_in_app);
            // For the benchmark of the first frame (see the README).
            if std::env::var_os("CONVENTION_TIMING").is_some() {
                app.timing = Some(started);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| {
        let no_display = cfg!(all(unix, not(target_os = "macos")))
            && std::env::var_os("DISPLAY").is_none()
            && std::env::var_os("WAYLAND_DISPLAY").is_none();
        if no_display {
            anyhow::anyhow!(
                "la fenêtre n'a pas pu s'ouvrir : aucun affichage graphique (ni X11 ni Wayland). Lancez Convention dans une session graphique ; les commandes check et export, elles, fonctionnent sans affichage (convention --help)."
            )
        } else {
            anyhow::anyhow!("la fenêtre n'a pas pu s'ouvrir : {error}")
        }
    })?;
    if failed.load(std::sync::atomic::Ordering::SeqCst) {
        return Ok(crate::cli::exit::FAILURE);
    }
    Ok(crate::cli::exit::OK)
}

/// The app's id: window class and storage folder.
const APP_ID: &str = "convention";

const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
const CLOSE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::W);
const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
const NEXT_STEP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageDown);
const PREVIOUS_STEP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::PageUp);
const PREVIEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);

/// A dialog over the window.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Modal {
    /// The draft has unsaved changes; `then` waits for the answer.
    Unsaved { then: Command },
    /// Drafts left by a crash, offered for restoring.
    Recovery,
    /// Something went wrong.
    Error(String),
}

/// A short message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Notice {
    text: String,
    error: bool,
}

/// The app.
pub struct ConventionApp {
    session: Option<Session>,
    prefs: Preferences,
    dialogs: Box<dyn Dialogs>,
    recovery_file: Option<PathBuf>,
    recoveries: Vec<recovery::Found>,
    modal: Option<Modal>,
    notice: Option<Notice>,
    export: ExportState,
    example: Option<Document>,
    allowed_to_close: bool,
    title: String,
    screenshot: Option<ScreenshotPlan>,
    screenshot_failed: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// The step the preview last followed: on a change of step it scrolls
    /// to that step's part of the document, once.
    preview_step: Option<Step>,
    /// Where the preview scrolls on the next frame.
    preview_offset: Option<f32>,
    /// When the window was asked for, if the time to the first frame is to
    /// be printed (`CONVENTION_TIMING`).
    timing: Option<std::time::Instant>,
}

impl ConventionApp {
    /// Builds the app: fonts and theme, preferences, the draft to open, and
    /// the drafts a crash left behind.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        theme::install(&cc.egui_ctx);
        let stored = cc.storage.and_then(|s| s.get_string(prefs::KEY));
        let (prefs, warning) = Preferences::decode(stored.as_deref());
        let mut app = Self {
            session: None,
            prefs,
            dialogs: config.dialogs,
            recovery_file: config.recovery_dir.as_deref().map(recovery::new_file),
            recoveries: Vec::new(),
            modal: None,
            preview_step: None,
            preview_offset: None,
            timing: None,
            notice: warning.map(|text| Notice { text, error: true }),
            export: ExportState::default(),
            example: document::render(&model::example(), &Default::default()).ok(),
            allowed_to_close: false,
            title: String::new(),
            screenshot: config.screenshot.map(ScreenshotPlan::new),
            screenshot_failed: None,
        };
        if let Some(file) = config.file {
            app.open(&file);
        }
        if let (Some(session), Some(step)) = (&mut app.session, config.step) {
            session.go_to(step);
        }
        if let (Some(dir), Some(own)) = (&config.recovery_dir, &app.recovery_file)
            && app.screenshot.is_none()
        {
            app.recoveries = recovery::find(dir, own);
            if !app.recoveries.is_empty() && app.modal.is_none() {
                app.modal = Some(Modal::Recovery);
            }
        }
        app
    }

    /// The open draft, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The open draft, to change it (tests).
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    /// Replaces the file dialogs (tests).
    pub fn set_dialogs(&mut self, dialogs: Box<dyn Dialogs>) {
        self.dialogs = dialogs;
    }

    /// The message in the status bar, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_ref().map(|n| n.text.as_str())
    }

    /// The window's title.
    pub fn window_title(&self) -> String {
        self.session
            .as_ref()
            .map_or_else(|| "Convention".to_owned(), Session::window_title)
    }

    /// The preferences.
    pub fn preferences(&self) -> &Preferences {
        &self.prefs
    }

    /// Runs a command as if the user had asked for it.
    pub fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        self.apply(ctx, command);
    }

    fn recovery_file(&self) -> Option<PathBuf> {
        self.recovery_file.clone()
    }

    fn say(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    fn fail(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.notice = Some(Notice {
            text: text.clone(),
            error: true,
        });
        self.modal = Some(Modal::Error(text));
    }

    /// Opens a draft file, replacing the current one.
    fn open(&mut self, path: &Path) {
        match model::load(path) {
            Ok(draft) => {
                self.start(Session::new(draft, Some(path.to_owned())));
                self.prefs.remember(path);
                self.say(format!("Ouvert : {}", path.display()));
            }
            Err(error) => {
                if matches!(error, model::LoadError::Read { .. }) {
                    self.prefs.forget(path);
                }
                self.fail(format!("Ce brouillon ne peut pas être ouvert.\n{error}"));
            }
        }
    }

    fn start(&mut self, session: Session) {
        self.discard_own_recovery();
        self.session = Some(session);
        self.export = ExportState::default();
    }

    fn discard_own_recovery(&mut self) {
        if let Some(file) = self.recovery_file() {
            recovery::remove(&file);
        }
    }

    /// Commands that would drop unsaved changes ask first.
    fn guarded(&mut self, command: Command) {
        if self.session.as_ref().is_some_and(Session::is_dirty) {
            self.modal = Some(Modal::Unsaved { then: command });
        } else {
            self.perform(command);
        }
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::NewBlank
            | Command::NewFromExample
            | Command::NewFromCopy
            | Command::Open(_)
            | Command::CloseDraft => self.guarded(command),
            Command::Quit => {
                if self.session.as_ref().is_some_and(Session::is_dirty) {
                    self.modal = Some(Modal::Unsaved {
                        then: Command::Quit,
                    });
                } else {
                    self.quit(ctx);
                }
            }
            Command::Save => {
                self.save(false);
            }
            Command::SaveAs => {
                self.save(true);
            }
            Command::GoTo(step) => {
                let file = self.recovery_file();
                if let Some(session) = &mut self.session {
                    session.go_to(step);
                    if let Some(file) = file {
                        session.autosave(&file, ctx.input(|i| i.time), true);
                    }
                }
            }
            Command::Focus(path) => {
                if let Some(session) = &mut self.session {
                    session.focus(&path);
                }
            }
            Command::Undo => {
                if let Some(session) = &mut self.session
                    && session.undo()
                {
                    self.say("Modification annulée.");
                }
            }
            Command::Redo => {
                if let Some(session) = &mut self.session
                    && session.redo()
                {
                    self.say("Modification rétablie.");
                }
            }
            Command::Export { docx, pdf } => self.export(docx, pdf),
            Command::RestoreRecovery(file) => self.restore(&file),
            Command::DiscardRecovery(file) => {
                recovery::remove(&file);
                self.recoveries.retain(|found| found.file != file);
                if self.recoveries.is_empty() && self.modal == Some(Modal::Recovery) {
                    self.modal = None;
                }
            }
            Command::TogglePreview => self.prefs.show_preview = !self.prefs.show_preview,
        }
    }

    /// Runs a command once any unsaved changes have been dealt with.
    fn perform(&mut self, command: Command) {
        match command {
            Command::NewBlank => {
                self.start(Session::new(Draft::blank(), None));
                self.say("Nouveau brouillon : commencez par les parties.");
            }
            Command::NewFromExample => {
                self.start(Session::new(model::example(), None));
                self.say("Nouveau brouillon à partir de l'exemple MEAE – DINUM 2022.");
            }
            Command::NewFromCopy => {
                let folder = self.folder();
                if let Some(path) = self.dialogs.pick_draft(folder.as_deref()) {
                    match model::load(&path) {
                        Ok(draft) => {
                            self.start(Session::new(draft, None));
                            self.say(format!(
                                "Copie de {} : enregistrez-la sous un nouveau nom.",
                                path.display()
                            ));
                        }
                        Err(error) => {
                            self.fail(format!("Ce brouillon ne peut pas être copié.\n{error}"))
                        }
                    }
                }
            }
            Command::Open(path) => {
                let path = match path {
                    Some(path) => Some(path),
                    None => {
                        let folder = self.folder();
                        self.dialogs.pick_draft(folder.as_deref())
                    }
                };
                if let Some(path) = path {
                    self.open(&path);
                }
            }
            Command::CloseDraft => {
                self.discard_own_recovery();
                self.session = None;
            }
            other => {
                // Quit is handled by the caller, which has the context.
                debug_assert!(matches!(other, Command::Quit), "{other:?}");
            }
        }
    }

    fn quit(&mut self, ctx: &egui::Context) {
        self.discard_own_recovery();
        self.allowed_to_close = true;
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }

    /// The folder of the current draft, or of the latest recent file.
    fn folder(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .and_then(|s| s.path.as_deref())
            .or_else(|| self.prefs.recent.first().map(PathBuf::as_path))
            .and_then(Path::parent)
            .map(Path::to_owned)
    }

    /// Saves the draft; asks for a file when it has none or `choose` is
    /// set. Returns whether it was saved.
    fn save(&mut self, choose: bool) -> bool {
        let folder = self.folder();
        let Some(session) = &mut self.session else {
            return false;
        };
        let path = match (&session.path, choose) {
            (Some(path), false) => Some(path.clone()),
            _ => {
                let name = suggested_name(&session.draft, session.path.as_deref(), FileKind::Draft);
                self.dialogs
                    .save_file(FileKind::Draft, folder.as_deref(), &name)
                    .map(|path| with_extension_of(path, FileKind::Draft))
            }
        };
        let Some(path) = path else {
            return false;
        };
        match model::save(&path, &session.draft) {
            Ok(()) => {
                let unreadable = session.inputs.findings().len();
                session.mark_saved(path.clone());
                session.recovery_done();
                self.prefs.remember(&path);
                self.discard_own_recovery();
                if unreadable > 0 {
                    let what = if unreadable == 1 {
                        "1 saisie illisible n'a pas été prise en compte".to_owned()
                    } else {
                        format!("{unreadable} saisies illisibles n'ont pas été prises en compte")
                    };
                    self.say(format!(
                        "Enregistré : {} — attention, {what}.",
                        path.display()
                    ));
                } else {
                    self.say(format!("Enregistré : {}", path.display()));
                }
                true
            }
            Err(error) => {
                self.fail(format!(
                    "L'enregistrement a échoué ; le fichier précédent est intact.\n{error}"
                ));
                false
            }
        }
    }

    fn export(&mut self, docx: bool, pdf: bool) {
        let folder = self.folder();
        let Some(session) = &self.session else {
            return;
        };
        let (first_kind, first_name) = if docx {
            (
                FileKind::Docx,
                suggested_name(&session.draft, session.path.as_deref(), FileKind::Docx),
            )
        } else {
            (
                FileKind::Pdf,
                suggested_name(&session.draft, session.path.as_deref(), FileKind::Pdf),
            )
        };
        let Some(first) = self
            .dialogs
            .save_file(first_kind, folder.as_deref(), &first_name)
        else {
            return;
        };
        // Some dialogs return the name as typed, without the extension.
        let first = with_extension_of(first, first_kind);
        let request = ExportRequest {
            docx: docx.then(|| first.clone()),
            pdf: if docx {
                pdf.then(|| first.with_extension("pdf"))
            } else {
                Some(first.clone())
            },
            template: Default::default(),
            allow_errors: self.export.confirm_non_compliant,
            draft_file: session.path.clone(),
        };
        match export(&session.draft, &request) {
            Ok(report) => {
                let files: Vec<String> = report
                    .written
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect();
                let mut message = format!("Exporté : {}", files.join(", "));
                if report.marked {
                    message.push_str(" (marqué « PROJET — non conforme »)");
                }
                self.export.outcome = Some(Ok(message.clone()));
                self.say(message);
            }
            Err(error) => {
                let message = format!("Export impossible : {error}");
                self.export.outcome = Some(Err(message.clone()));
                self.notice = Some(Notice {
                    text: message,
                    error: true,
                });
            }
        }
    }

    fn restore(&mut self, file: &Path) {
        let Some(found) = self.recoveries.iter().find(|f| f.file == file).cloned() else {
            return;
        };
        let recovered = found.recovery;
        let mut session = Session::new(recovered.draft.clone(), recovered.path.clone());
        // What is on disk is what was saved; the restored text is a change.
        session.saved = recovered
            .path
            .as_deref()
            .and_then(|p| model::load(p).ok())
            .unwrap_or_else(Draft::blank);
        self.start(session);
        recovery::remove(file);
        self.recoveries.retain(|f| f.file != file);
        self.modal = None;
        self.say(format!(
            "Brouillon restauré (copie du {}) : enregistrez-le pour le garder.",
            recovered.saved_at
        ));
    }

    /// Shortcuts, dropped files and the window's close button.
    fn global_input(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
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
            (PREVIEW, Command::TogglePreview),
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
            commands.push(Command::Open(Some(path)));
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

    fn menu_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let ctx = ui.ctx().clone();
        let has_session = self.session.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("Fichier", |ui| {
                let item = |ui: &mut Ui, text: &str, shortcut: Option<&KeyboardShortcut>, enabled: bool| {
                    let mut button = egui::Button::new(text.to_owned());
                    if let Some(shortcut) = shortcut {
                        button = button.shortcut_text(ctx.format_shortcut(shortcut));
                    }
                    ui.add_enabled(enabled, button).clicked()
                };
                if item(ui, "Nouveau brouillon", Some(&NEW), true) {
                    commands.push(Command::NewBlank);
                }
                if item(ui, "Nouveau à partir de l'exemple", None, true) {
                    commands.push(Command::NewFromExample);
                }
                if item(ui, "Nouveau à partir d'une copie…", None, true) {
                    commands.push(Command::NewFromCopy);
                }
                if item(ui, "Ouvrir…", Some(&OPEN), true) {
                    commands.push(Command::Open(None));
                }
                ui.menu_button("Fichiers récents", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("Aucun");
                    }
                    for path in &self.prefs.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::Open(Some(path.clone())));
                        }
                    }
                });
                ui.separator();
                if item(ui, "Enregistrer", Some(&SAVE), has_session) {
                    commands.push(Command::Save);
                }
                if item(ui, "Enregistrer sous…", Some(&SAVE_AS), has_session) {
                    commands.push(Command::SaveAs);
                }
                if item(ui, "Exporter…", Some(&EXPORT), has_session) {
                    commands.push(Command::GoTo(Step::Export));
                }
                ui.separator();
                if item(ui, "Fermer le brouillon", Some(&CLOSE), has_session) {
                    commands.push(Command::CloseDraft);
                }
                if item(ui, "Quitter", None, true) {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button("Édition", |ui| {
                let (can_undo, can_redo) = self
                    .session
                    .as_ref()
                    .map_or((false, false), |s| (s.can_undo(), s.can_redo()));
                let undo = egui::Button::new("Annuler").shortcut_text(ctx.format_shortcut(&UNDO));
                if ui.add_enabled(can_undo, undo).clicked() {
                    commands.push(Command::Undo);
                }
                let redo = egui::Button::new("Rétablir").shortcut_text(ctx.format_shortcut(&REDO));
                if ui.add_enabled(can_redo, redo).clicked() {
                    commands.push(Command::Redo);
                }
            });
            ui.menu_button("Affichage", |ui| {
                let mut shown = self.prefs.show_preview;
                if ui.checkbox(&mut shown, "Aperçu du document").clicked() {
                    commands.push(Command::TogglePreview);
                }
                ui.separator();
                egui::gui_zoom::zoom_menu_buttons(ui);
            });
            ui.menu_button("Aide", |ui| {
                ui.label(format!("Convention {}", env!("CARGO_PKG_VERSION")));
                ui.label("Rédaction et vérification des conventions de délégation de gestion (décret n° 2004-1085).");
                ui.label("Aucune donnée ne quitte cet ordinateur : pas de réseau, pas de télémétrie.");
                ui.label("Raccourcis : Ctrl+S enregistrer, Ctrl+O ouvrir, Ctrl+E exporter, Ctrl+Z annuler, Ctrl+Maj+Z rétablir, Ctrl+Page suivante/précédente changer d'étape, Ctrl+P aperçu, Ctrl+ + / Ctrl+ - taille du texte.");
            });
        });
    }

    fn status_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(session) = &self.session {
                let state = if session.is_dirty() {
                    RichText::new("● Modifié").color(theme::WARNING)
                } else {
                    RichText::new("Enregistré").color(theme::SUCCESS)
                };
                ui.label(state);
                ui.label(session.path.as_deref().map_or_else(
                    || "Sans titre (pas encore enregistré)".to_owned(),
                    |p| p.display().to_string(),
                ));
                ui.separator();
                ui.label(session.total().french());
            }
            if let Some(notice) = &self.notice {
                ui.separator();
                let first_line = notice.text.lines().next().unwrap_or_default();
                let color = if notice.error {
                    theme::ERROR
                } else {
                    theme::MUTED
                };
                ui.label(RichText::new(first_line).color(color));
            }
        });
    }

    fn modal_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some(modal) = self.modal.clone() else {
            return;
        };
        let mut close = false;
        let id = egui::Id::unique("fenetre-modale");
        let response = egui::Modal::new(id).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &modal {
                Modal::Unsaved { then } => {
                    let name = self.session.as_ref().map(Session::name).unwrap_or_default();
                    ui.heading("Modifications non enregistrées");
                    ui.label(format!("Enregistrer les modifications de « {name} » avant de continuer ?"));
                    ui.add_space(8.0);
                    ui.horizontal(|ui| {
                        if ui.add(theme::primary_button("Enregistrer")).clicked() {
                            close = true;
                            if self.save(false) {
                                self.continue_with(ctx, then.clone());
                            }
                        }
                        if ui.button("Ne pas enregistrer").clicked() {
                            close = true;
                            if let Some(session) = &mut self.session {
                                session.saved = session.draft.clone();
                            }
                            self.continue_with(ctx, then.clone());
                        }
                        if ui.button("Annuler").clicked() {
                            close = true;
                        }
                    });
                }
                Modal::Recovery => {
                    ui.heading("Brouillon récupéré");
                    ui.label("Convention s'est arrêté sans que ces modifications soient enregistrées. Voulez-vous les restaurer ?");
                    ui.add_space(6.0);
                    for found in &self.recoveries {
                        let name = found
                            .recovery
                            .path
                            .as_deref()
                            .map_or_else(|| "Sans titre".to_owned(), |p| p.display().to_string());
                        ui.label(RichText::new(format!("{name} — copie du {}", found.recovery.saved_at)).strong());
                        ui.horizontal(|ui| {
                            if ui.button("Restaurer").accessible_name(format!("Restaurer {name}")).clicked() {
                                commands.push(Command::RestoreRecovery(found.file.clone()));
                            }
                            if ui.button("Supprimer la copie").accessible_name(format!("Supprimer la copie de {name}")).clicked() {
                                commands.push(Command::DiscardRecovery(found.file.clone()));
                            }
                        });
                    }
                    ui.add_space(6.0);
                    if ui.button("Plus tard").clicked() {
                        close = true;
                    }
                }
                Modal::Error(message) => {
                    ui.heading("Opération impossible");
                    for line in message.lines() {
                        ui.label(line);
                    }
                    ui.add_space(6.0);
                    if ui.button("Fermer").clicked() {
                        close = true;
                    }
                }
            }
        });
        if response.should_close() {
            close = true;
        }
        if close && self.modal.as_ref() == Some(&modal) {
            self.modal = None;
        }
    }

    fn continue_with(&mut self, ctx: &egui::Context, then: Command) {
        if then == Command::Quit {
            self.quit(ctx);
        } else {
            self.perform(then);
        }
    }

    fn steps_ui(session: &Session, ui: &mut Ui, commands: &mut Vec<Command>) {
        ui.add_space(6.0);
        ui.label(RichText::new("Étapes").heading());
        ui.add_space(4.0);
        for (number, step) in Step::ALL.into_iter().enumerate() {
            let tally = session.tally(step);
            ui.horizontal(|ui| {
                let selected = session.step == step;
                let text = RichText::new(format!("{}. {}", number + 1, step.title()));
                let text = if selected {
                    text.strong().color(theme::ACCENT)
                } else {
                    text
                };
                let response = ui
                    .selectable_label(selected, text)
                    .accessible_name(step.title());
                if response.clicked() && !selected {
                    commands.push(Command::GoTo(step));
                }
                if step.is_form() {
                    if tally.errors > 0 {
                        ui.label(RichText::new(format!("■{}", tally.errors)).color(theme::ERROR))
                            .on_hover_text(crate::rules::count_of(
                                tally.errors,
                                "erreur",
                                "erreurs",
                            ));
                    }
                    if tally.warnings > 0 {
                        ui.label(
                            RichText::new(format!("▲{}", tally.warnings)).color(theme::WARNING),
                        )
                        .on_hover_text(crate::rules::count_of(
                            tally.warnings,
                            "avertissement",
                            "avertissements",
                        ));
                    }
                }
            });
        }
    }

    fn step_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let Some(session) = &mut self.session else {
            return;
        };
        let step = session.step;
        ui.label(
            RichText::new(format!(
                "Étape {} sur {}",
                step.index() + 1,
                Step::ALL.len()
            ))
            .color(theme::MUTED),
        );
        ui.label(
            RichText::new(step.title())
                .size(24.0)
                .strong()
                .color(theme::ACCENT),
        );
        ui.add_space(4.0);
        let findings = session.findings();
        let total = session.total();
        let navigation_height = 44.0;
        ScrollArea::vertical()
            .id_salt(("etape", step.id()))
            .auto_shrink([false, false])
            .max_height((ui.available_height() - navigation_height).max(80.0))
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(860.0));
                let mut form = Form {
                    findings: &findings,
                    focus: &mut session.focus,
                    inputs: &mut session.inputs,
                };
                let draft = &mut session.draft;
                match step {
                    Step::Parties => ui::parties_ui(ui, draft, &mut form),
                    Step::Objet => ui::objet_ui(ui, draft, &mut form),
                    Step::Budget => ui::budget_ui(ui, draft, &mut form),
                    Step::Chorus => ui::chorus_ui(ui, draft, &mut form),
                    Step::Engagements => ui::engagements_ui(ui, draft, &mut form),
                    Step::Rgpd => ui::rgpd_ui(ui, draft, &mut form),
                    Step::Signature => ui::signature_ui(ui, draft, &mut form),
                    Step::Relecture => {
                        if let Some(command) = ui::relecture_ui(ui, &findings, total) {
                            commands.push(command);
                        }
                    }
                    Step::Export => {
                        if let Some(command) = ui::export_ui(ui, total, &mut self.export) {
                            commands.push(command);
                        }
                    }
                }
                ui.add_space(20.0);
            });
        ui.separator();
        ui.horizontal(|ui| {
            if let Some(previous) = step.previous()
                && ui
                    .button(format!("← {}", previous.title()))
                    .accessible_name("Étape précédente")
                    .clicked()
            {
                commands.push(Command::GoTo(previous));
            }
            if let Some(next) = step.next()
                && ui
                    .add(theme::primary_button(&format!("{} →", next.title())))
                    .accessible_name("Étape suivante")
                    .clicked()
            {
                commands.push(Command::GoTo(next));
            }
        });
    }
}

/// A file name to offer: the draft's own, or one from the parties.
/// The path with the kind's extension added when the name lacks it
/// (`projet` → `projet.docx`; `projet.docx` is kept, whatever its case).
fn with_extension_of(path: PathBuf, kind: FileKind) -> PathBuf {
    let extension = kind.extension();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
    {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// The narrowest central area (in points) that holds the form and the
/// preview side by side.
const PREVIEW_MIN_AREA: f32 = 1000.0;

fn suggested_name(draft: &Draft, path: Option<&Path>, kind: FileKind) -> String {
    let stem = path
        .and_then(Path::file_stem)
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| {
            let parties: Vec<&str> = [
                draft.delegant.short_name.trim(),
                draft.delegataire.short_name.trim(),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
            let year = draft
                .signature
                .date
                .map(|d| chrono::Datelike::year(&d).to_string());
            let mut parts = vec!["convention".to_owned()];
            parts.extend(parties.iter().map(|p| p.to_lowercase()));
            parts.extend(year);
            parts
                .join("-")
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        '_'
                    }
                })
                .collect()
        });
    format!("{stem}.{}", kind.extension())
}

impl eframe::App for ConventionApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // The second frame starts once the first is on screen.
        if ctx.cumulative_frame_nr() == 1
            && let Some(started) = self.timing.take()
        {
            eprintln!(
                "convention: premier affichage {:.0} ms après le lancement",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        let mut commands = Vec::new();
        if self.modal.is_none() {
            self.global_input(&ctx, &mut commands);
        } else if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.session.as_ref().is_some_and(Session::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui, &mut commands));
        egui::Panel::bottom("statut").show(ui, |ui| self.status_ui(ui));
        match &mut self.session {
            None => {
                let recent = self.prefs.recent.clone();
                let example = self.example.as_ref();
                egui::CentralPanel::default().show(ui, |ui| {
                    ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            if let Some(command) = ui::start_ui(ui, &recent, example) {
                                commands.push(command);
                            }
                        });
                });
            }
            Some(session) => {
                egui::Panel::left("etapes")
                    .resizable(false)
                    .exact_size(250.0)
                    .show(ui, |ui| Self::steps_ui(session, ui, &mut commands));
                let show_preview = self.prefs.show_preview;
                egui::CentralPanel::default().show(ui, |ui| {
                    let area = ui.available_rect_before_wrap();
                    // Beside a narrow form the preview would crush both: it
                    // comes back when the window (or the text) allows.
                    if !show_preview || area.width() < PREVIEW_MIN_AREA {
                        if show_preview {
                            ui.label(
                                RichText::new(
                                    "Aperçu masqué : la fenêtre est trop étroite (agrandissez-la, ou réduisez le texte avec Ctrl+-).",
                                )
                                .small()
                                .color(theme::MUTED),
                            );
                        }
                        self.step_ui(ui, &mut commands);
                        return;
                    }
                    // The form on the left, the preview on the right.
                    let preview_width = (area.width() * 0.38).clamp(300.0, 720.0);
                    let split = area.right() - preview_width;
                    let form_rect = area.with_max_x(split - 10.0);
                    let preview_rect = area.with_min_x(split + 6.0);
                    ui.painter().vline(
                        split - 2.0,
                        area.y_range(),
                        ui.visuals().widgets.noninteractive.bg_stroke,
                    );
                    ui.scope_builder(egui::UiBuilder::new().max_rect(form_rect), |ui| {
                        self.step_ui(ui, &mut commands);
                    });
                    ui.scope_builder(egui::UiBuilder::new().max_rect(preview_rect), |ui| {
                        let Some(session) = &mut self.session else {
                            return;
                        };
                        let step = session.step;
                        let find = if self.preview_step == Some(step) {
                            None
                        } else {
                            self.preview_step = Some(step);
                            step.preview_anchor()
                        };
                        let offset = self.preview_offset.take();
                        ui.horizontal(|ui| {
                            ui.label(RichText::new("Aperçu").heading());
                            ui.label(RichText::new("le texte de l'export, mise en page simplifiée").color(theme::MUTED));
                        });
                        let mut scroll = ScrollArea::vertical()
                            .id_salt("apercu")
                            .auto_shrink([false, false]);
                        if let Some(offset) = offset {
                            scroll = scroll.vertical_scroll_offset(offset);
                        }
                        let found = scroll
                            .show(ui, |ui| match session.preview() {
                                Ok(document) => ui::preview_ui(ui, document, find),
                                Err(error) => {
                                    ui.label(RichText::new(error).color(theme::ERROR));
                                    None
                                }
                            })
                            .inner;
                        // Found this frame, scrolled to on the next.
                        if let Some(found) = found {
                            self.preview_offset = Some(found);
                            ui.ctx().request_repaint();
                        }
                    });
                });
            }
        }
        self.modal_ui(&ctx, &mut commands);
        for command in commands {
            self.apply(&ctx, command);
        }
        let now = ctx.input(|i| i.time);
        let recovery_file = self.recovery_file();
        if let Some(session) = &mut self.session {
            session.refresh(now);
            if session.is_settling() {
                ctx.request_repaint_after(std::time::Duration::from_secs(1));
            }
            if let Some(file) = recovery_file
                && let Some(wait) = session.autosave(&file, now, false)
            {
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait));
            }
        }
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if let Some(plan) = &mut self.screenshot {
            match plan.step(&ctx) {
                screenshot::Progress::Waiting => {}
                screenshot::Progress::Done(result) => {
                    if let Err(error) = result {
                        eprintln!("convention: capture d'écran impossible : {error}");
                        if let Some(flag) = &self.screenshot_failed {
                            flag.store(true, std::sync::atomic::Ordering::SeqCst);
                        }
                    }
                    self.allowed_to_close = true;
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        // A bare X server (xvfb-run) gives no window focus; screenshots
        // should look like a real session.
        if self.screenshot.is_some() {
            raw_input.focused = true;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if self.screenshot.is_none() {
            storage.set_string(prefs::KEY, self.prefs.encode());
        }
    }
}
