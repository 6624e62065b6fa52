//! Work off the UI thread: system file dialogs (rfd), exports and the briefing image for the
//! clipboard, each on a thread of its own that reports back through a channel, so the frame
//! loop never blocks.

use super::dialogs::PathPurpose;
use crate::export::briefing::ImageOptions;
use crate::projection::Projection;
use crate::scenario::Scenario;
use eframe::egui;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// What a system file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    /// Pick a path for opening, saving or importing.
    Path(super::dialogs::PathPurpose),
    /// Pick where to export.
    Export,
}

/// A file dialog running on its own thread.
struct RunningDialog {
    purpose: DialogPurpose,
    started: Instant,
    result: Receiver<Option<PathBuf>>,
}

/// An export running on its own thread.
struct ExportJob {
    path: PathBuf,
    result: Receiver<Result<(), String>>,
}

/// What a background task reported this frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// The dialog chose a file.
    Chosen(DialogPurpose, PathBuf),
    /// The dialog answered nothing at once: no system dialog is available here.
    NoDialog(DialogPurpose),
    /// The export was written.
    Exported(PathBuf),
    /// The export failed; the message says why.
    ExportFailed(String),
    /// The briefing image for the clipboard is ready.
    Rendered(Box<egui::ColorImage>),
}

/// A dialog that answers "nothing" faster than this had no backend to show itself with.
const NO_BACKEND: Duration = Duration::from_millis(300);

/// The background tasks.
#[derive(Default)]
pub struct Background {
    dialog: Option<RunningDialog>,
    export: Option<ExportJob>,
    /// The briefing being rendered for the clipboard.
    copy: Option<Receiver<Result<egui::ColorImage, String>>>,
}

impl Background {
    /// Opens a system file dialog on its own thread (one at a time). `suggested` is the file
    /// name offered for saving.
    pub fn start_dialog(&mut self, purpose: DialogPurpose, suggested: Option<String>) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let result = match purpose {
                DialogPurpose::Path(PathPurpose::Open) => {
                    dialog.add_filter("Scenario (JSON)", &["json"]).pick_file()
                }
                DialogPurpose::Path(PathPurpose::SaveAs) => dialog
                    .add_filter("Scenario (JSON)", &["json"])
                    .set_file_name(suggested.unwrap_or_else(|| "scenario.json".into()))
                    .save_file(),
                DialogPurpose::Path(PathPurpose::ImportAreas) => dialog
                    .add_filter("GeoJSON", &["geojson", "json"])
                    .pick_file(),
                DialogPurpose::Path(PathPurpose::ReachCsv) => dialog
                    .add_filter("CSV", &["csv"])
                    .set_file_name("reach.csv")
                    .save_file(),
                DialogPurpose::Export => dialog
                    .add_filter("Image or data", &["png", "svg", "geojson", "kml"])
                    .set_file_name("briefing.png")
                    .save_file(),
            };
            let _ = tx.send(result);
        });
        self.dialog = Some(RunningDialog {
            purpose,
            started: Instant::now(),
            result: rx,
        });
    }

    /// Starts an export of `scenario` to `path`; `false` when one is already running.
    pub fn start_export(
        &mut self,
        scenario: Scenario,
        path: &Path,
        projection: Projection,
        options: ImageOptions,
    ) -> bool {
        if self.export.is_some() {
            return false;
        }
        let (tx, rx) = channel();
        let target = path.to_path_buf();
        std::thread::spawn(move || {
            let result = crate::export::write(&scenario, &target, projection, &options)
                .map(|_| ())
                .map_err(|e| format!("Export failed: {e}"));
            let _ = tx.send(result);
        });
        self.export = Some(ExportJob {
            path: path.to_path_buf(),
            result: rx,
        });
        true
    }

    /// Starts rendering the briefing image for the clipboard; `false` when one is running.
    pub fn start_copy(
        &mut self,
        scenario: Scenario,
        projection: Projection,
        options: ImageOptions,
    ) -> bool {
        if self.copy.is_some() {
            return false;
        }
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let (drawing, _) = crate::export::drawing(&scenario, projection, &options);
            let result = crate::export::raster::render(&drawing)
                .map(|pixmap| {
                    egui::ColorImage::from_rgba_premultiplied(
                        [pixmap.width() as usize, pixmap.height() as usize],
                        pixmap.data(),
                    )
                })
                .map_err(|e| format!("Could not copy the briefing: {e}"));
            let _ = tx.send(result);
        });
        self.copy = Some(rx);
        true
    }

    /// Whether an export is running.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Whether anything is running (the window then looks again soon).
    pub fn busy(&self) -> bool {
        self.dialog.is_some() || self.export.is_some() || self.copy.is_some()
    }

    /// What finished since the last call.
    pub fn poll(&mut self) -> Vec<Report> {
        let mut reports = Vec::new();
        if let Some(dialog) = &self.dialog {
            match dialog.result.try_recv() {
                Ok(Some(path)) => {
                    reports.push(Report::Chosen(dialog.purpose, path));
                    self.dialog = None;
                }
                Ok(None) => {
                    if dialog.started.elapsed() < NO_BACKEND {
                        reports.push(Report::NoDialog(dialog.purpose));
                    }
                    self.dialog = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.dialog = None,
            }
        }
        if let Some(job) = &self.export {
            match job.result.try_recv() {
                Ok(Ok(())) => {
                    reports.push(Report::Exported(job.path.clone()));
                    self.export = None;
                }
                Ok(Err(e)) => {
                    reports.push(Report::ExportFailed(e));
                    self.export = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.export = None,
            }
        }
        if let Some(copy) = &self.copy {
            match copy.try_recv() {
                Ok(Ok(image)) => {
                    reports.push(Report::Rendered(Box::new(image)));
                    self.copy = None;
                }
                Ok(Err(e)) => {
                    reports.push(Report::ExportFailed(e));
                    self.copy = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    reports.push(Report::ExportFailed(
                        "Could not copy the briefing: rendering it stopped (out of memory?)".into(),
                    ));
                    self.copy = None;
                }
            }
        }
        reports
    }
}
