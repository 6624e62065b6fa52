//! The desktop app: the map fills the window, with a side panel for sites, missiles and targets,
//! a reach table, a menu bar and a status bar. The only module that knows egui.
//!
//! UI code does not act: widgets edit the document (validated) or push [`Command`]s, which run
//! after the frame's layout in [`RangeRingsApp::run_commands`]. File dialogs run on their own
//! thread and report back through a channel, so the frame loop never blocks.

mod document;
mod map_view;
mod panels;

pub use document::Document;
pub use map_view::MapView;

use crate::basemap::Detail;
use crate::export::image::{ImageOptions, Layout};
use crate::geodesy::{KM_PER_MILE, KM_PER_NMI, LatLon};
use crate::projection::Projection;
use crate::scenario::{ProjectionKind, Scenario};
use crate::scene::Style;
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Distance units for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Units {
    /// Kilometres.
    #[default]
    Km,
    /// Statute miles.
    Mi,
    /// Nautical miles.
    Nmi,
}

impl Units {
    /// `km` in these units, formatted with the unit.
    pub fn format(self, km: f64) -> String {
        let (value, unit) = match self {
            Self::Km => (km, "km"),
            Self::Mi => (km / KM_PER_MILE, "mi"),
            Self::Nmi => (km / KM_PER_NMI, "nmi"),
        };
        format!("{} {unit}", crate::export::image::thousands(value))
    }
}

/// Basemap detail choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DetailChoice {
    /// By scale: 1:110m for the world, 1:50m when zoomed in.
    #[default]
    Auto,
    /// Always 1:110m.
    Coarse,
    /// Always 1:50m.
    Fine,
}

/// What is remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Projection kind.
    pub projection: ProjectionKind,
    /// Central meridian of world maps, degrees east.
    pub central_lon: f64,
    /// Centre of azimuthal maps, (lat, lon) degrees; the selected site's when `None`.
    pub centre: Option<(f64, f64)>,
    /// Basemap detail.
    pub detail: DetailChoice,
    /// Draw labels.
    pub labels: bool,
    /// Distance units.
    pub units: Units,
    /// Dark theme.
    pub dark: bool,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Zoom and centre of the map.
    pub zoom: f64,
    /// The map point at the centre of the view, map units.
    pub view_centre: (f64, f64),
    /// Shade the band between the lowest and highest published estimates.
    pub bands: bool,
    /// Draw the rotation-aware footprints.
    pub rotation: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            projection: ProjectionKind::Equirectangular,
            central_lon: 150.0,
            centre: None,
            detail: DetailChoice::Auto,
            labels: true,
            units: Units::Km,
            dark: false,
            recent: Vec::new(),
            zoom: 1.0,
            view_centre: (0.0, 0.0),
            bands: true,
            rotation: false,
        }
    }
}

/// Storage key of [`Settings`].
const SETTINGS_KEY: &str = "range-rings-settings";
/// Recent files kept.
const RECENT_LIMIT: usize = 8;

/// Side effects requested by the UI, run after layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start a new, empty scenario.
    New,
    /// Open a scenario file.
    Open(PathBuf),
    /// Ask for a file to open.
    OpenDialog,
    /// Save to the current file (or ask where).
    Save,
    /// Save to this file.
    SaveAs(PathBuf),
    /// Ask where to save.
    SaveAsDialog,
    /// Show the export dialog.
    ShowExport,
    /// Write an export.
    Export(ExportRequest),
    /// Undo the last edit.
    Undo,
    /// Redo.
    Redo,
    /// Close the app (asks about unsaved changes).
    Quit,
    /// Switch projection.
    SetProjection(ProjectionKind),
    /// Centre the map (and an azimuthal projection) on the selected site.
    CentreOnSelected,
    /// Show the whole map.
    ResetView,
}

/// One export from the export dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    /// Output file; its extension picks the format.
    pub path: PathBuf,
    /// Image size and layout (ignored for GeoJSON and KML).
    pub options: ImageOptions,
}

/// A discarding action waiting for the unsaved-changes answer.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    New,
    Open(PathBuf),
    Quit,
}

/// A message shown over the map until dismissed or expired.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// An error (stays until dismissed) or information (fades after a few seconds).
    pub error: bool,
    /// When it was raised.
    pub at: Instant,
}

/// What a background file dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DialogPurpose {
    Open,
    SaveAs,
    Export,
}

/// A file dialog running on its own thread.
struct RunningDialog {
    purpose: DialogPurpose,
    started: Instant,
    result: Receiver<Option<PathBuf>>,
}

/// State of the export dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    /// Output path as typed.
    pub path: String,
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// Briefing or map only.
    pub layout: Layout,
    /// Title on the image.
    pub title: String,
    /// Export what the window shows (zoomed) rather than the whole map.
    pub current_view: bool,
}

/// The app.
pub struct RangeRingsApp {
    /// The open scenario.
    pub doc: Document,
    /// Remembered settings.
    pub settings: Settings,
    /// Map pan, zoom and caches.
    pub map: MapView,
    /// Index of the selected site.
    pub selected_site: Option<usize>,
    /// Reach-table row under the pointer: (site, missile, target).
    pub hovered_reach: Option<(usize, usize, usize)>,
    /// Reach table sort column and direction.
    pub reach_sort: (panels::ReachColumn, bool),
    /// Messages over the map.
    pub notices: Vec<Notice>,
    /// Commands queued this frame.
    pub commands: Vec<Command>,
    /// The export dialog, when open.
    pub export_dialog: Option<ExportDialog>,
    /// The typed-path dialog (open or save as), when open.
    pub path_dialog: Option<(bool, String)>,
    /// Whether native file dialogs may be used (never in tests).
    pub native_dialogs: bool,
    /// The help window shown, if any.
    pub help: Option<panels::HelpPage>,
    /// The geographic point under the pointer.
    pub hover_point: Option<LatLon>,
    /// Where the map's context menu was opened.
    pub context_point: Option<LatLon>,
    /// The map widget's rectangle in the last frame.
    pub map_rect: Option<egui::Rect>,
    /// Reach rows of visible missiles, with the document revision they were computed for.
    reach_cache: Option<(u64, Vec<crate::reach::ReachRow>)>,
    pending: Option<Pending>,
    /// Where unsaved edits are autosaved, so a crash or kill loses at most a few seconds.
    pub recovery_path: Option<PathBuf>,
    /// How long unsaved edits may wait before they are autosaved.
    pub autosave_interval: Duration,
    /// When the recovery file was last written, and for which revision.
    last_autosave: Option<(Instant, u64)>,
    /// Work found in the recovery file at start-up, waiting for the user's answer.
    pub pending_recovery: Option<Recovered>,
    /// Reach rows kept across edits.
    reach_memo: crate::reach::ReachMemo,
    /// Coverage of the target areas by the visible rings, with the document revision.
    coverage_cache: Option<(u64, Vec<crate::reach::CoverageRow>)>,
    /// The missile whose colour was last changed, and when.
    last_color_edit: Option<(usize, Instant)>,
    /// A discarding action to carry out once the Save As it waits for has succeeded.
    after_save: Option<Pending>,
    dialog: Option<RunningDialog>,
    export_job: Option<(PathBuf, Receiver<Result<(), String>>)>,
    /// Index of the site being dragged on the map.
    pub dragging_site: Option<usize>,
    /// (site, corner) of the patrol-area corner being dragged.
    dragging_corner: Option<(usize, usize)>,
    allow_close: bool,
    quit_requested: bool,
    applied_theme: Option<bool>,
}

impl RangeRingsApp {
    /// The app on a scenario, with remembered settings if any.
    pub fn new(scenario: Scenario, path: Option<PathBuf>, settings: Option<Settings>) -> Self {
        let settings = settings.unwrap_or_else(|| settings_for(&scenario));
        let mut app = Self {
            doc: Document::new(scenario, path.clone()),
            settings,
            map: MapView::default(),
            selected_site: None,
            hovered_reach: None,
            reach_sort: (panels::ReachColumn::Distance, true),
            notices: Vec::new(),
            commands: Vec::new(),
            export_dialog: None,
            path_dialog: None,
            native_dialogs: true,
            help: None,
            hover_point: None,
            context_point: None,
            map_rect: None,
            reach_cache: None,
            pending: None,
            after_save: None,
            last_color_edit: None,
            coverage_cache: None,
            reach_memo: Default::default(),
            recovery_path: None,
            autosave_interval: Duration::from_secs(5),
            last_autosave: None,
            pending_recovery: None,
            dialog: None,
            export_job: None,
            dragging_site: None,
            dragging_corner: None,
            allow_close: false,
            quit_requested: false,
            applied_theme: None,
        };
        app.selected_site = app.first_ring_site();
        app.freeze_centre();
        app.map.zoom = app.settings.zoom.clamp(0.5, map_view::MAX_ZOOM);
        app.map.centre = geo::Coord {
            x: app.settings.view_centre.0,
            y: app.settings.view_centre.1,
        };
        if let Some(path) = path {
            app.remember_recent(path);
        }
        app
    }

    /// The app as eframe creates it: settings from storage.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        scenario: Scenario,
        path: Option<PathBuf>,
    ) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<Settings>(s, SETTINGS_KEY));
        Self::new(scenario, path, settings)
    }

    fn first_ring_site(&self) -> Option<usize> {
        let s = self.doc.scenario();
        s.ring_specs()
            .into_iter()
            .find(|r| s.missiles[r.missile].is_visible())
            .map(|r| r.site)
            .or(if s.sites.is_empty() { None } else { Some(0) })
    }

    /// Fixes the centre of azimuthal maps at the selected site, so that dragging that site
    /// later moves the site, not the map.
    fn freeze_centre(&mut self) {
        if self.settings.centre.is_none() {
            let s = self.doc.scenario();
            let site = self
                .selected_site
                .and_then(|i| s.sites.get(i))
                .or(s.sites.first());
            self.settings.centre = site.map(|site| (site.lat, site.lon));
        }
    }

    /// The projection the map uses now.
    pub fn projection(&self) -> Projection {
        let centre = self
            .settings
            .centre
            .map(|(lat, lon)| LatLon::lat_lon(lat, lon))
            .or_else(|| {
                let s = self.doc.scenario();
                self.selected_site
                    .and_then(|i| s.sites.get(i))
                    .map(|site| LatLon::lat_lon(site.lat, site.lon))
            })
            .unwrap_or(LatLon::lat_lon(0.0, self.settings.central_lon));
        match self.settings.projection {
            ProjectionKind::Equirectangular => Projection::Equirectangular {
                central_lon: self.settings.central_lon,
            },
            ProjectionKind::EqualEarth => Projection::EqualEarth {
                central_lon: self.settings.central_lon,
            },
            ProjectionKind::AzimuthalEquidistant => Projection::AzimuthalEquidistant { centre },
            ProjectionKind::Orthographic => Projection::Orthographic { centre },
        }
    }

    /// The optional ring layers switched on.
    pub fn layers(&self) -> crate::scene::RingLayers {
        crate::scene::RingLayers {
            bands: self.settings.bands,
            rotation: self.settings.rotation,
        }
    }

    /// The map style for the theme.
    pub fn style(&self) -> Style {
        if self.settings.dark {
            Style::DARK
        } else {
            Style::LIGHT
        }
    }

    /// The basemap detail to use at the current zoom.
    pub fn detail(&self, px_per_unit: f64) -> Detail {
        match self.settings.detail {
            DetailChoice::Auto => Detail::for_scale(px_per_unit * std::f64::consts::PI / 180.0),
            DetailChoice::Coarse => Detail::Coarse,
            DetailChoice::Fine => Detail::Fine,
        }
    }

    /// Shows a message over the map.
    pub fn notify(&mut self, text: impl Into<String>, error: bool) {
        let text = text.into();
        // The same message again (say, every frame of a drag past a limit) is not news.
        if let Some(existing) = self.notices.iter_mut().find(|n| n.text == text) {
            existing.at = Instant::now();
            return;
        }
        self.notices.push(Notice {
            text,
            error,
            at: Instant::now(),
        });
    }

    fn remember_recent(&mut self, path: PathBuf) {
        self.settings.recent.retain(|p| *p != path);
        self.settings.recent.insert(0, path);
        self.settings.recent.truncate(RECENT_LIMIT);
    }

    /// One whole frame of UI: menus, panels, map, dialogs, then the queued commands.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.applied_theme.is_none() {
            install_fonts(&ctx);
        }
        if self.applied_theme != Some(self.settings.dark) {
            ctx.set_visuals(if self.settings.dark {
                egui::Visuals::dark()
            } else {
                egui::Visuals::light()
            });
            self.applied_theme = Some(self.settings.dark);
        }
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);
        self.poll_background(&ctx);
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.dirty {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }

        egui::Panel::top("menu").show(ui, |ui| panels::menu_bar(self, ui));
        egui::Panel::bottom("status").show(ui, |ui| panels::status_bar(self, ui));
        egui::Panel::left("side")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| panels::side_panel(self, ui));
        egui::Panel::bottom("reach")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| panels::reach_table_ui(self, ui));
        egui::CentralPanel::no_frame().show(ui, |ui| panels::map(self, ui));

        panels::dialogs(self, &ctx);
        self.run_commands(&ctx);
        self.autosave();
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.doc.title()));
        self.settings.zoom = self.map.zoom;
        self.settings.view_centre = (self.map.centre.x, self.map.centre.y);
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcuts = [
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
                Command::SaveAsDialog,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::N),
                Command::New,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
                Command::OpenDialog,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
                Command::Save,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
                Command::ShowExport,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
                Command::Undo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
                Command::Redo,
            ),
            (
                KeyboardShortcut::new(Modifiers::COMMAND, Key::Q),
                Command::Quit,
            ),
        ];
        for (shortcut, command) in shortcuts {
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.commands.push(Command::Open(path));
        }
    }

    fn poll_background(&mut self, ctx: &egui::Context) {
        if let Some(dialog) = &self.dialog {
            match dialog.result.try_recv() {
                Ok(result) => {
                    let (purpose, quick) = (
                        dialog.purpose,
                        dialog.started.elapsed() < Duration::from_millis(300),
                    );
                    self.dialog = None;
                    match (result, purpose) {
                        (Some(path), DialogPurpose::Open) => {
                            self.commands.push(Command::Open(path))
                        }
                        (Some(path), DialogPurpose::SaveAs) => {
                            self.commands.push(Command::SaveAs(path))
                        }
                        (Some(path), DialogPurpose::Export) => {
                            if let Some(d) = &mut self.export_dialog {
                                d.path = path.display().to_string();
                            }
                        }
                        (None, purpose) if quick => {
                            // No portal or dialog backend answered: offer a typed path instead.
                            self.notify(
                                "No system file dialog is available here; type the path instead.",
                                false,
                            );
                            if purpose != DialogPurpose::Export {
                                self.path_dialog =
                                    Some((purpose == DialogPurpose::SaveAs, String::new()));
                            }
                        }
                        (None, _) => {}
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100))
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.dialog = None,
            }
        }
        if let Some((path, rx)) = &self.export_job {
            match rx.try_recv() {
                Ok(Ok(())) => {
                    let text = format!("Exported {}", path.display());
                    self.export_job = None;
                    self.notify(text, false);
                }
                Ok(Err(e)) => {
                    self.export_job = None;
                    self.notify(e, true);
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(50))
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.export_job = None,
            }
        }
        self.notices
            .retain(|n| n.error || n.at.elapsed() < Duration::from_secs(6));
    }

    /// The geographic point at the centre of the map view (for adding sites from the panel).
    pub fn view_centre_lat_lon(&self) -> LatLon {
        self.projection()
            .inverse(self.map.centre)
            .unwrap_or(LatLon::lat_lon(0.0, self.settings.central_lon))
    }

    /// Opens the native save dialog for the export file.
    pub fn start_export_dialog(&mut self) {
        self.start_dialog(DialogPurpose::Export);
    }

    /// Whether an export is running in the background.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    fn start_dialog(&mut self, purpose: DialogPurpose) {
        if !self.native_dialogs {
            if purpose != DialogPurpose::Export {
                self.path_dialog = Some((purpose == DialogPurpose::SaveAs, String::new()));
            }
            return;
        }
        if self.dialog.is_some() {
            return;
        }
        let (tx, rx) = channel();
        let suggested = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        std::thread::spawn(move || {
            let dialog = rfd::FileDialog::new();
            let result = match purpose {
                DialogPurpose::Open => dialog.add_filter("Scenario (JSON)", &["json"]).pick_file(),
                DialogPurpose::SaveAs => dialog
                    .add_filter("Scenario (JSON)", &["json"])
                    .set_file_name(suggested.unwrap_or_else(|| "scenario.json".into()))
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

    /// Runs the commands queued during the frame.
    pub fn run_commands(&mut self, ctx: &egui::Context) {
        for command in std::mem::take(&mut self.commands) {
            self.run_command(command, ctx);
        }
    }

    fn run_command(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::New => self.discard_then(Pending::New),
            Command::Open(path) => self.discard_then(Pending::Open(path)),
            Command::OpenDialog => self.start_dialog(DialogPurpose::Open),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(path),
                None => self.start_dialog(DialogPurpose::SaveAs),
            },
            Command::SaveAs(path) => self.save_to(path),
            Command::SaveAsDialog => self.start_dialog(DialogPurpose::SaveAs),
            Command::ShowExport => {
                if self.export_dialog.is_none() {
                    let title = self.doc.scenario().title.clone().unwrap_or_default();
                    self.export_dialog = Some(ExportDialog {
                        path: "briefing.png".into(),
                        width: 1920,
                        height: 1080,
                        layout: Layout::Briefing,
                        title,
                        current_view: false,
                    });
                }
            }
            Command::Export(request) => self.start_export(request, ctx),
            Command::Undo => {
                self.dragging_site = None;
                self.dragging_corner = None;
                self.doc.undo();
            }
            Command::Redo => {
                self.dragging_site = None;
                self.dragging_corner = None;
                self.doc.redo();
            }
            Command::Quit => self.discard_then(Pending::Quit),
            Command::SetProjection(kind) => {
                self.settings.projection = kind;
                self.freeze_centre();
                let projection = self.projection();
                self.map.reset(&projection);
            }
            Command::CentreOnSelected => {
                let Some(site) = self
                    .selected_site
                    .and_then(|i| self.doc.scenario().sites.get(i))
                    .cloned()
                else {
                    self.notify(
                        "Select a site first (click it on the map or in the list).",
                        false,
                    );
                    return;
                };
                self.settings.central_lon = site.lon;
                self.settings.centre = Some((site.lat, site.lon));
                let projection = self.projection();
                self.map.reset(&projection);
                if let Some(p) = projection.forward(LatLon::lat_lon(site.lat, site.lon)) {
                    self.map.centre_on(&projection, p);
                    self.map.zoom = self.map.zoom.max(1.0);
                }
            }
            Command::ResetView => {
                let projection = self.projection();
                self.map.reset(&projection);
            }
        }
    }

    fn discard_then(&mut self, action: Pending) {
        if self.doc.dirty {
            self.pending = Some(action);
        } else {
            self.carry_out(action);
        }
    }

    fn carry_out(&mut self, action: Pending) {
        match action {
            Pending::New => {
                let empty = Scenario::new(crate::scenario::ScenarioFile {
                    format: crate::scenario::FORMAT.into(),
                    title: Some("New scenario".into()),
                    subtitle: None,
                    sites: Vec::new(),
                    missiles: Vec::new(),
                    targets: Vec::new(),
                    target_areas: Vec::new(),
                    view: None,
                });
                if let Ok(empty) = empty {
                    self.doc = Document::new(empty, None);
                    self.reach_cache = None;
                    self.coverage_cache = None;
                    self.selected_site = None;
                }
            }
            Pending::Open(path) => match Scenario::load(&path) {
                Ok(scenario) => {
                    // The file's own view wins over the last one used.
                    let view = settings_for(&scenario);
                    if scenario.view.is_some() {
                        self.settings.projection = view.projection;
                        self.settings.central_lon = view.central_lon;
                        self.settings.centre = view.centre;
                    }
                    self.doc = Document::new(scenario, Some(path.clone()));
                    self.reach_cache = None;
                    self.coverage_cache = None;
                    self.dragging_site = None;
                    self.selected_site = self.first_ring_site();
                    self.freeze_centre();
                    self.remember_recent(path);
                    let projection = self.projection();
                    self.map.reset(&projection);
                }
                Err(e) => {
                    // The open document stays as it was.
                    let first = e.to_string().lines().take(4).collect::<Vec<_>>().join("\n");
                    self.notify(format!("Could not open the scenario:\n{first}"), true);
                }
            },
            Pending::Quit => {
                self.allow_close = true;
                self.quit_requested = true;
                // Quitting was confirmed (saved or discarded): nothing to recover.
                if let Some(path) = &self.recovery_path {
                    let _ = std::fs::remove_file(path);
                }
            }
        }
    }

    fn save_to(&mut self, path: PathBuf) {
        match self.doc.save_to(path.clone()) {
            Ok(()) => {
                self.remember_recent(path.clone());
                self.notify(format!("Saved {}", path.display()), false);
                if let Some(action) = self.after_save.take() {
                    self.carry_out(action);
                }
            }
            Err(e) => self.notify(
                format!("{e}\nYour edits are still here; try another folder."),
                true,
            ),
        }
    }

    fn start_export(&mut self, request: ExportRequest, _ctx: &egui::Context) {
        if self.export_job.is_some() {
            self.notify("An export is already running.", false);
            return;
        }
        let scenario = self.doc.scenario().clone();
        let projection = self.projection();
        let (tx, rx) = channel();
        let path = request.path.clone();
        std::thread::spawn(move || {
            let result =
                crate::export::write(&scenario, &request.path, projection, &request.options)
                    .map(|_| ())
                    .map_err(|e| format!("Export failed: {e}"));
            let _ = tx.send(result);
        });
        self.export_job = Some((path, rx));
    }

    /// Whether the user has confirmed quitting (the window should close).
    pub fn should_quit(&self) -> bool {
        self.quit_requested
    }
}

/// Adds the bundled DejaVu Sans after egui's own fonts, for the symbols they lack (▲ ◆ ▼ ✕).
fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        crate::fonts::FAMILY,
        egui::FontData::from_static(crate::fonts::REGULAR_TTF),
        families,
    ));
}

/// Settings for a scenario opened without remembered ones: its own view.
fn settings_for(scenario: &Scenario) -> Settings {
    let mut settings = Settings::default();
    if let Some(view) = &scenario.view {
        settings.projection = view.projection.unwrap_or_default();
        settings.central_lon = view.center_lon.unwrap_or(settings.central_lon);
        if let (Some(lon), Some(lat)) = (view.center_lon, view.center_lat) {
            settings.centre = Some((lat, lon));
        }
    }
    settings
}

/// Unsaved work read back from the recovery file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The scenario as it was when autosaved.
    pub scenario: Scenario,
    /// The file it had been opened from, if any.
    pub origin: Option<PathBuf>,
    /// When it was autosaved, seconds since 1970.
    pub saved_at: u64,
}

impl RangeRingsApp {
    /// Uses `path` as the recovery file and, if it holds work from an earlier session, asks
    /// whether to restore it. A recovery file that does not parse is set aside, not trusted.
    pub fn with_recovery(mut self, path: PathBuf) -> Self {
        if let Ok(bytes) = std::fs::read(&path) {
            match parse_recovery(&bytes) {
                Some(recovered) => self.pending_recovery = Some(recovered),
                None => {
                    let _ = std::fs::rename(&path, path.with_extension("json.broken"));
                }
            }
        }
        self.recovery_path = Some(path);
        self
    }

    /// Writes the recovery file when there are unsaved edits it does not hold yet, at most every
    /// `autosave_interval`; removes it when there is nothing unsaved.
    fn autosave(&mut self) {
        let Some(path) = self.recovery_path.clone() else {
            return;
        };
        if self.pending_recovery.is_some() {
            return; // Not before the user has answered about the old work.
        }
        if !self.doc.dirty {
            if self.last_autosave.is_some() {
                let _ = std::fs::remove_file(&path);
                self.last_autosave = None;
            }
            return;
        }
        let due = self.last_autosave.is_none_or(|(at, revision)| {
            revision != self.doc.revision && at.elapsed() >= self.autosave_interval
        });
        if !due || self.dragging_site.is_some() {
            return;
        }
        let saved_at = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let record = serde_json::json!({
            "range_rings_recovery": 1,
            "saved_at": saved_at,
            "origin": self.doc.path.as_ref().map(|p| p.display().to_string()),
            "scenario": self.doc.scenario().file(),
        });
        if let Some(folder) = path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        let text = serde_json::to_string(&record).unwrap_or_default();
        match crate::scenario::write_atomically(&path, text.as_bytes()) {
            Ok(()) => self.last_autosave = Some((Instant::now(), self.doc.revision)),
            Err(e) => {
                // Say so once per revision, not every frame.
                self.last_autosave = Some((Instant::now(), self.doc.revision));
                self.notify(
                    format!("Could not autosave to {}: {e}", path.display()),
                    true,
                );
            }
        }
    }

    /// Restores the recovered work (`true`) or throws it away (`false`).
    pub fn answer_recovery(&mut self, restore: bool) {
        let Some(recovered) = self.pending_recovery.take() else {
            return;
        };
        if restore {
            self.doc = Document::restored(recovered.scenario, recovered.origin);
            self.reach_cache = None;
            self.coverage_cache = None;
            self.selected_site = self.first_ring_site();
        } else if let Some(path) = &self.recovery_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn parse_recovery(bytes: &[u8]) -> Option<Recovered> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    (value.get("range_rings_recovery")? == 1).then_some(())?;
    let scenario_text = serde_json::to_vec(value.get("scenario")?).ok()?;
    let scenario = Scenario::from_json(&scenario_text, "recovery file").ok()?;
    Some(Recovered {
        scenario,
        origin: value
            .get("origin")
            .and_then(|o| o.as_str())
            .map(PathBuf::from),
        saved_at: value
            .get("saved_at")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0),
    })
}

/// When the process started, for the start-up timing that `RANGE_RINGS_TIMING=1` prints.
static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Marks the process start (call first thing in `main`).
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

impl eframe::App for RangeRingsApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let first = self.applied_theme.is_none();
        self.show(ui);
        if first
            && std::env::var_os("RANGE_RINGS_TIMING").is_some()
            && let Some(start) = PROCESS_START.get()
        {
            eprintln!(
                "range-rings: first frame laid out {:.0} ms after start",
                start.elapsed().as_secs_f64() * 1000.0
            );
        }
        if self.quit_requested {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}

/// Opens the window on `scenario` and runs until it is closed.
pub fn run(scenario: &Scenario, origin: Option<PathBuf>) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([720.0, 480.0])
            .with_title("range-rings")
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let scenario = scenario.clone();
    eframe::run_native(
        "range-rings",
        options,
        Box::new(move |cc| {
            let app = RangeRingsApp::from_creation_context(cc, scenario, origin);
            // Unsaved edits are autosaved next to the settings, and offered back after a crash.
            let app = match eframe::storage_dir("range-rings") {
                Some(dir) => app.with_recovery(dir.join("recovery.json")),
                None => app,
            };
            Ok(Box::new(app))
        }),
    )
}
