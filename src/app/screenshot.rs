//! `--screenshot`: render the real window, save it as a PNG, quit.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use eframe::egui;

/// Frames drawn before the capture, so fonts, layout and scrolling settle.
const SETTLE_FRAMES: u64 = 8;

/// Where a screenshot stands.
pub enum Progress {
    /// Still drawing or waiting for the capture.
    Waiting,
    /// Written, or failed with this message.
    Done(Result<(), String>),
}

/// A screenshot to take.
pub struct ScreenshotPlan {
    path: PathBuf,
    requested: bool,
    result: Arc<Mutex<Option<Result<(), String>>>>,
}

impl ScreenshotPlan {
    /// A plan to write the window to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            requested: false,
            result: Arc::new(Mutex::new(None)),
        }
    }

    /// Called once per frame: asks for the capture when the window has
    /// settled, and says when it is written.
    pub fn step(&mut self, ctx: &egui::Context) -> Progress {
        if let Ok(mut result) = self.result.lock()
            && let Some(done) = result.take()
        {
            return Progress::Done(done);
        }
        if !self.requested && ctx.cumulative_frame_nr() >= SETTLE_FRAMES {
            self.requested = true;
            let (path, result, waker) = (self.path.clone(), self.result.clone(), ctx.clone());
            ctx.request_screenshot(move |image: Arc<egui::ColorImage>| {
                let written = write_png(&path, &image);
                if let Ok(mut slot) = result.lock() {
                    *slot = Some(written);
                }
                waker.request_repaint();
            });
        }
        ctx.request_repaint();
        Progress::Waiting
    }
}

fn write_png(path: &std::path::Path, image: &egui::ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    let mut buffer = Vec::new();
    image::write_buffer_with_format(
        &mut std::io::Cursor::new(&mut buffer),
        image.as_raw(),
        width as u32,
        height as u32,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .map_err(|e| e.to_string())?;
    crate::model::io::write_atomically(path, &buffer, crate::model::io::Durability::Deferred)
        .map_err(|e| e.to_string())
}
