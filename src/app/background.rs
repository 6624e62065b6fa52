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
use std::time::Duration;
use web_time::Instant;

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
    /// An export, the clipboard image or reading a dropped file failed; the message says why.
    Failed(String),
    /// The briefing image for the clipboard is ready.
    Rendered(Box<egui::ColorImage>),
}

/// The file type a dialog offers: its description and extensions.
fn filter(purpose: DialogPurpose) -> (&'static str, &'static [&'static str]) {
    match purpose {
        DialogPurpose::Path(PathPurpose::Open | PathPurpose::SaveAs) => {
            ("Scenario (JSON)", &["json"])
        }
        DialogPurpose::Path(PathPurpose::ImportAreas) => ("GeoJSON", &["geojson", "json"]),
        DialogPurpose::Path(PathPurpose::ReachCsv) => ("CSV", &["csv"]),
        DialogPurpose::Export => ("Image or data", &["png", "svg", "geojson", "kml"]),
    }
}

/// The file name a save dialog offers; `None` for a dialog that opens a file.
fn suggested_name(purpose: DialogPurpose, suggested: Option<String>) -> Option<String> {
    match purpose {
        DialogPurpose::Path(PathPurpose::Open | PathPurpose::ImportAreas) => None,
        DialogPurpose::Path(PathPurpose::SaveAs) => {
            Some(suggested.unwrap_or_else(|| "scenario.json".into()))
        }
        DialogPurpose::Path(PathPurpose::ReachCsv) => Some("reach.csv".into()),
        DialogPurpose::Export => Some("briefing.png".into()),
    }
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
    /// A file dropped on the page, being read (the browser reads files asynchronously).
    #[cfg(target_arch = "wasm32")]
    dropped: Option<Receiver<Result<PathBuf, String>>>,
}

impl Background {
    /// Opens a system file dialog on its own thread (one at a time). `suggested` is the file
    /// name offered for saving. In the browser, a file to open is picked with the page's file
    /// chooser and kept in memory; a file to save needs no dialog, since it becomes a
    /// download, so the suggested name is chosen at once.
    pub fn start_dialog(&mut self, purpose: DialogPurpose, suggested: Option<String>) {
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let (kind, extensions) = filter(purpose);
        let name = suggested_name(purpose, suggested);
        #[cfg(not(target_arch = "wasm32"))]
        crate::threads::spawn(move || {
            let dialog = rfd::FileDialog::new().add_filter(kind, extensions);
            let result = match name {
                None => dialog.pick_file(),
                Some(name) => dialog.set_file_name(name).save_file(),
            };
            let _ = tx.send(result);
        });
        #[cfg(target_arch = "wasm32")]
        match name {
            Some(name) => {
                let _ = tx.send(Some(PathBuf::from(name)));
            }
            None => {
                let dialog = rfd::AsyncFileDialog::new().add_filter(kind, extensions);
                wasm_bindgen_futures::spawn_local(async move {
                    let picked = match dialog.pick_file().await {
                        Some(file) => {
                            let bytes = file.read().await;
                            Some(super::files::add_upload(&file.file_name(), bytes))
                        }
                        None => None,
                    };
                    let _ = tx.send(picked);
                });
            }
        }
        self.dialog = Some(RunningDialog {
            purpose,
            started: Instant::now(),
            result: rx,
        });
    }

    /// Reads a file dropped on the page into memory; it is then opened like a picked file.
    #[cfg(target_arch = "wasm32")]
    pub fn read_dropped(&mut self, file: egui::DroppedFileHandle) {
        let (tx, rx) = channel();
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.path().to_string_lossy().into_owned();
            let read = file
                .bytes_async()
                .await
                .map(|bytes| super::files::add_upload(&name, bytes))
                .map_err(|e| format!("Could not read the dropped file {name}: {e}"));
            let _ = tx.send(read);
        });
        self.dropped = Some(rx);
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
        crate::threads::spawn(move || {
            let result = crate::export::encode(&scenario, &target, projection, &options)
                .map_err(|e| format!("Export failed: {e}"))
                .and_then(|(bytes, _)| {
                    super::files::write(&target, &bytes).map_err(|e| {
                        format!("Export failed: cannot write {}: {e}", target.display())
                    })
                });
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
        crate::threads::spawn(move || {
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
        #[cfg(not(target_arch = "wasm32"))]
        let reading = false;
        #[cfg(target_arch = "wasm32")]
        let reading = self.dropped.is_some();
        self.dialog.is_some() || self.export.is_some() || self.copy.is_some() || reading
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
                    // The browser always has its file chooser: nothing chosen is a cancel.
                    if dialog.started.elapsed() < NO_BACKEND && !cfg!(target_arch = "wasm32") {
                        reports.push(Report::NoDialog(dialog.purpose));
                    }
                    self.dialog = None;
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => self.dialog = None,
            }
        }
        if let Some(job) = &self.export
            && let Some(result) =
                finished(&job.result, "Export failed: it stopped (out of memory?)")
        {
            reports.push(match result {
                Ok(()) => Report::Exported(job.path.clone()),
                Err(e) => Report::Failed(e),
            });
            self.export = None;
        }
        if let Some(copy) = &self.copy
            && let Some(result) = finished(
                copy,
                "Could not copy the briefing: rendering it stopped (out of memory?)",
            )
        {
            reports.push(match result {
                Ok(image) => Report::Rendered(Box::new(image)),
                Err(e) => Report::Failed(e),
            });
            self.copy = None;
        }
        #[cfg(target_arch = "wasm32")]
        if let Some(dropped) = &self.dropped
            && let Some(result) = finished(dropped, "Could not read the dropped file")
        {
            reports.push(match result {
                Ok(path) => Report::Chosen(DialogPurpose::Path(PathPurpose::Open), path),
                Err(e) => Report::Failed(e),
            });
            self.dropped = None;
        }
        reports
    }
}

/// What a job on another thread reported: `None` while it runs; `died` when it ended without
/// a word (it panicked).
fn finished<T>(result: &Receiver<Result<T, String>>, died: &str) -> Option<Result<T, String>> {
    match result.try_recv() {
        Ok(result) => Some(result),
        Err(TryRecvError::Empty) => None,
        Err(TryRecvError::Disconnected) => Some(Err(died.to_owned())),
    }
}
