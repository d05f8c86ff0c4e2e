//! How the app starts: from the command line into a real window, or from a
//! test with scripted dialogs.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{ConventionApp, NativeDialogs, ScriptedDialogs, Step, dialogs::Dialogs};

/// How the app was started from the command line.
#[derive(Clone, Debug, Default)]
pub struct Launch {
    /// A draft to open.
    pub file: Option<PathBuf>,
    /// Take a screenshot of the window into this PNG, then quit.
    pub screenshot: Option<PathBuf>,
    /// The step to show (`parties`, `budget`, …).
    pub step: Option<String>,
    /// An earlier version to compare the draft with.
    pub compare: Option<PathBuf>,
    /// A folder to show as a portfolio.
    pub portfolio: Option<PathBuf>,
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
    /// An earlier version to compare the draft with at start.
    pub compare: Option<PathBuf>,
    /// Screenshot mode.
    pub screenshot: Option<PathBuf>,
    /// A folder to show as a portfolio at start.
    pub portfolio: Option<PathBuf>,
    /// Opens the PDF « Imprimer… » writes.
    pub viewer: super::print::Viewer,
}

impl AppConfig {
    /// A configuration for tests: no dialogs answered, recoveries in
    /// `recovery_dir`, no viewer to print with.
    pub fn for_tests(recovery_dir: &Path) -> Self {
        Self {
            dialogs: Box::new(ScriptedDialogs::default()),
            recovery_dir: Some(recovery_dir.to_owned()),
            file: None,
            step: None,
            compare: None,
            screenshot: None,
            portfolio: None,
            viewer: |_| {
                Err(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "aucune visionneuse (essai)",
                ))
            },
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
        dialogs: Box::new(NativeDialogs::from_env()),
        recovery_dir: match launch.screenshot {
            Some(_) => None,
            None => eframe::storage_dir(APP_ID).map(|dir| dir.join("recuperation")),
        },
        file: launch.file,
        step,
        compare: launch.compare,
        screenshot: launch.screenshot.clone(),
        portfolio: launch.portfolio,
        viewer: super::print::system_viewer,
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
