//! The desktop app: a guided wizard over one draft, with live checks, a
//! preview and the exports. It edits the model and shows findings; the
//! logic lives in the model, rules, document and export modules.

mod ask;
mod carnet;
pub mod chooser;
mod dialog_failure;
pub mod dialogs;
mod dispatch;
mod fiche;
mod files;
mod launch;
mod menus;
mod modals;
mod panels;
mod portfolio;
pub mod prefs;
pub mod print;
pub mod recovery;
mod screenshot;
pub mod session;
mod shortcuts;
mod template;

use std::path::PathBuf;

use eframe::egui::{self, ScrollArea, Ui, ViewportCommand};

pub use crate::model::Step;
pub use crate::ui::Command;
pub use dialogs::{DIALOG_VARIABLE, Dialogs, FileKind, NativeDialogs, ScriptedDialogs};
pub use launch::{AppConfig, Launch, run};
pub use session::Session;

use crate::document::{self, Document};
use crate::model;
use crate::ui::{self, ExportState, theme};
use modals::Modal;
use prefs::Preferences;
use screenshot::ScreenshotPlan;

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
    /// The name typed in the « Votre nom » dialog.
    author_input: String,
    /// Whether the « Votre nom » field is to take the keyboard focus.
    author_focus: bool,
    /// The portfolio read last, with its filters.
    portfolio: Option<ui::portfolio::PortfolioView>,
    /// Whether the portfolio is shown instead of the draft or the start page.
    portfolio_shown: bool,
    /// The « Carnet des parties » window.
    carnet: ui::carnet::CarnetWindow,
    /// A draft was just opened or started: its step is shown from the top
    /// and no field of the last one keeps the keyboard focus.
    fresh: bool,
    /// The app's own file chooser, for when the system's cannot be shown.
    chooser: chooser::Chooser,
    /// Opens the PDF to print.
    viewer: print::Viewer,
    /// A print handed to the viewer, its answer to come.
    printing: Option<print::Printing>,
}

impl ConventionApp {
    /// Builds the app: fonts and theme, preferences, the draft to open, and
    /// the drafts a crash left behind.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> Self {
        theme::install(&cc.egui_ctx);
        let stored = cc.storage.and_then(|s| s.get_string(prefs::KEY));
        let (mut prefs, warning) = Preferences::decode(stored.as_deref());
        prefs.forget_missing_drafts();
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
            author_input: String::new(),
            author_focus: false,
            portfolio: None,
            portfolio_shown: false,
            carnet: Default::default(),
            fresh: false,
            chooser: chooser::Chooser::default(),
            viewer: config.viewer,
            printing: None,
        };
        if let Some(file) = config.file {
            if files::is_to_import(&file) {
                app.import_docx(Some(file));
            } else {
                app.open(&file);
            }
        }
        if app.session.is_some()
            && let Some(base) = config.compare
        {
            app.compare_with(Some(base));
        }
        if let Some(folder) = config.portfolio {
            app.open_portfolio(Some(folder));
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

    /// The portfolio read last, if any, and whether it is shown.
    pub fn portfolio(&self) -> Option<(&ui::portfolio::PortfolioView, bool)> {
        self.portfolio
            .as_ref()
            .map(|view| (view, self.portfolio_shown))
    }

    /// Whether the app has let its window close (quit, after any question
    /// about unsaved changes).
    pub fn is_closing(&self) -> bool {
        self.allowed_to_close
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
        if self.modal.is_none() && !self.chooser.is_open() {
            self.global_input(&ctx, &mut commands);
        } else if ctx.input(|i| i.viewport().close_requested())
            && !self.allowed_to_close
            && self.session.as_ref().is_some_and(Session::is_dirty)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
        // The built-in chooser is modal: its answer is for the draft it
        // was asked for, with nothing else begun meanwhile. Only the status
        // bar stays as it is.
        let chooser_open = self.chooser.is_open();
        egui::Panel::top("menu").show(ui, |ui| {
            if chooser_open {
                ui.disable();
            }
            self.menu_ui(ui, &mut commands);
        });
        egui::Panel::bottom("statut").show(ui, |ui| self.status_ui(ui));
        if chooser_open {
            // The panels below, the wizard's, the start page's and the
            // portfolio's, are drawn in `ui`.
            ui.disable();
        }
        if self.portfolio_shown
            && let Some(view) = &mut self.portfolio
        {
            egui::CentralPanel::default().show(ui, |ui| {
                ScrollArea::vertical()
                    .id_salt("portefeuille")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if let Some(command) = ui::portfolio::portfolio_ui(ui, view) {
                            commands.push(command);
                        }
                    });
            });
        } else {
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
                Some(_) => self.wizard_ui(ui, &mut commands),
            }
        }
        ui::carnet::carnet_window(&ctx, &mut self.carnet, &mut self.prefs.carnet);
        self.modal_ui(&ctx, &mut commands);
        self.chooser_ui(&ctx);
        self.printing_ui(&ctx);
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
