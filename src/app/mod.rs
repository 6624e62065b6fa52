//! The desktop app: the map fills the window, with a side panel for sites, missiles and targets,
//! a reach table, a menu bar and a status bar. The only module that knows egui.
//!
//! Its state is in rooms: the document ([`Document`]), the remembered [`Settings`], the map's
//! pan and zoom ([`MapView`]), the [`Interaction`] (selection, hover, drags), the
//! [`dialogs::Dialogs`], background work, and derived caches. UI code does not act: panels,
//! dialogs and the map widget push [`Command`]s (edits included, as [`Edit`] values) or return
//! [`MapAction`]s, carried out after layout in one place (`commands.rs`). The map is drawn from
//! a [`crate::scene::Scene`] built each frame by the same cached builder as the exports.

mod background;
mod caches;
mod commands;
mod dialogs;
mod document;
mod edit;
mod files;
mod map;
mod map_panel;
#[cfg(not(target_arch = "wasm32"))]
mod native;
mod panels;
mod recovery;
mod state;
#[cfg(target_arch = "wasm32")]
pub mod web;

#[cfg(not(target_arch = "wasm32"))]
pub use native::{mark_process_start, run};

pub use commands::{Command, ExportRequest, Pending};
pub use dialogs::{Dialogs, ExportForm, HelpPage, PathPrompt, PathPurpose, PlaceSearch};
pub use document::Document;
pub use edit::{Edit, Step};
pub use map::{MapAction, MapView, MeshCache, paint_scene};
pub use panels::sort_reach_rows;
pub use recovery::{Recovered, Recovery};
pub use state::{
    BottomTab, DetailChoice, Grab, Interaction, MapTool, Notice, NoticeKind, Notices, ReachColumn,
    ReachSort, Settings,
};

use crate::basemap::Detail;
use crate::geodesy::LatLon;
use crate::projection::Projection;
use crate::scenario::Scenario;
use crate::scene::{RingLayers, Style};
use background::{Background, Report};
use caches::Caches;
use eframe::egui;
use recovery::Autosaved;
use std::path::PathBuf;

/// Storage key of [`Settings`].
const SETTINGS_KEY: &str = "range-rings-settings";

/// Tolerance of the app's projected basemap, map units: fine enough for the closest zoom; it
/// is simplified to the zoom while tessellating.
const BASEMAP_TOLERANCE: f64 = 2e-5;

/// The window's own state: what it last told the platform, and whether it may close.
#[derive(Debug, Default)]
struct FrameState {
    /// The theme last applied (`None` before the first frame).
    applied_theme: Option<bool>,
    /// The title last sent to the window; sent again only when it changes, since every
    /// viewport command asks for another frame.
    shown_title: Option<String>,
    /// The settings last written to the browser's storage.
    #[cfg(target_arch = "wasm32")]
    stored_settings: Option<Settings>,
    /// Closing was confirmed (nothing unsaved, or the user decided).
    allow_close: bool,
    /// The user asked to quit and confirmed.
    quit_requested: bool,
    /// Text to put on the clipboard at the end of the frame.
    copy_text: Option<String>,
    /// When the last frame was laid out, when `RANGE_RINGS_TIMING` asks for frame times.
    #[cfg(not(target_arch = "wasm32"))]
    last_frame_at: Option<web_time::Instant>,
    /// Whether the time the first frame was on screen has been printed.
    #[cfg(not(target_arch = "wasm32"))]
    shown_logged: bool,
    /// Whether this frame's map image fell short of the view (a pan ran past it before the
    /// next was in), printed with the frame times.
    map_image_short: bool,
}

/// The app.
pub struct RangeRingsApp {
    /// The open scenario, its file and its undo history.
    pub doc: Document,
    /// What is remembered between runs.
    pub settings: Settings,
    /// Pan and zoom of the map, and the view as last drawn.
    pub view: MapView,
    /// Selection, hover and drags.
    pub interaction: Interaction,
    /// Open dialogs, questions waiting for an answer, notices.
    pub dialogs: Dialogs,
    /// Where and how often unsaved edits are autosaved.
    pub recovery: Recovery,
    /// Whether native file dialogs may be used (never in tests).
    pub native_dialogs: bool,
    /// Side effects queued this frame.
    commands: Vec<Command>,
    /// A discarding action to carry out once the Save As it waits for has succeeded.
    after_save: Option<Pending>,
    background: Background,
    caches: Caches,
    frame: FrameState,
}

impl RangeRingsApp {
    /// The app on a scenario, with remembered settings if any.
    pub fn new(scenario: Scenario, path: Option<PathBuf>, settings: Option<Settings>) -> Self {
        let settings = settings.unwrap_or_else(|| Settings::for_scenario(&scenario));
        let mut app = Self {
            doc: Document::new(scenario, path.clone()),
            view: MapView {
                zoom: settings.zoom.clamp(map::MIN_ZOOM, map::MAX_ZOOM),
                centre: crate::projection::MapPoint {
                    x: settings.view_centre.0,
                    y: settings.view_centre.1,
                },
                ..MapView::default()
            },
            settings,
            interaction: Interaction::default(),
            dialogs: Dialogs::default(),
            recovery: Recovery::default(),
            native_dialogs: true,
            commands: Vec::new(),
            after_save: None,
            background: Background::default(),
            caches: Caches::default(),
            frame: FrameState::default(),
        };
        app.interaction.selected_site = app.doc.scenario().first_ring_site();
        app.freeze_centre();
        if let Some(path) = path {
            app.settings.remember_recent(path);
        }
        app
    }

    /// Whether the first reach table of a document and the coverage are computed on a worker
    /// thread while the window shows the map (on by default). Tests that read the tables in
    /// the first frames turn it off.
    pub fn analyse_in_background(&mut self, on: bool) {
        self.caches.in_background = on;
    }

    /// Whether the reach table and coverage are up to date (no worker computing them).
    pub fn analysis_done(&self) -> bool {
        !self.caches.computing()
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

    /// The app as the window or page starts it: on `scenario` (from `origin`), with the
    /// problems of a file or link that was `refused` shown, and unsaved work of an earlier
    /// session offered back (edits are autosaved next to the settings).
    /// `first_view`, when given, is the scenario's first view, made while the window
    /// opened.
    pub(crate) fn started(
        cc: &eframe::CreationContext<'_>,
        scenario: Scenario,
        origin: Option<PathBuf>,
        refused: Option<(PathBuf, String)>,
        first_view: Option<caches::FirstView>,
    ) -> Self {
        let mut app = Self::from_creation_context(cc, scenario, origin);
        app.dialogs.refused = refused;
        if let Some(first_view) = first_view {
            app.caches.adopt_first_view(first_view);
        }
        match files::recovery_path() {
            Some(path) => app.with_recovery(path),
            None => app,
        }
    }

    /// Uses `path` as the recovery file and, if it holds work from an earlier session, asks
    /// whether to restore it.
    pub fn with_recovery(mut self, path: PathBuf) -> Self {
        self.dialogs.recovery = Recovery::read(&path);
        self.recovery.path = Some(path);
        self
    }

    /// Restores the recovered work (`true`) or throws it away (`false`).
    fn answer_recovery(&mut self, restore: bool) {
        let Some(recovered) = self.dialogs.recovery.take() else {
            return;
        };
        if restore {
            self.replace_document(Document::restored(recovered.scenario, recovered.origin));
        } else {
            self.recovery.clear();
        }
    }

    /// Fixes the centre of azimuthal maps at the selected site, so that dragging that site
    /// later moves the site, not the map.
    fn freeze_centre(&mut self) {
        if self.settings.centre.is_none() {
            let s = self.doc.scenario();
            let site = self
                .interaction
                .selected_site
                .and_then(|i| s.sites().get(i))
                .or(s.sites().first());
            self.settings.centre = site.map(|site| (site.position.lat, site.position.lon));
        }
    }

    /// The projection the map uses now.
    pub fn projection(&self) -> Projection {
        let s = self.doc.scenario();
        let selected = self
            .interaction
            .selected_site
            .and_then(|i| s.sites().get(i))
            .map(|site| site.position);
        self.settings.projection_choice(selected).projection()
    }

    /// The optional ring layers switched on.
    pub fn layers(&self) -> RingLayers {
        RingLayers {
            bands: self.settings.bands,
            rotation: self.settings.rotation,
        }
    }

    /// The map style: the theme's colours with the tint chosen in the View menu.
    pub fn style(&self) -> Style {
        let theme = if self.settings.dark {
            Style::DARK
        } else {
            Style::LIGHT
        };
        self.with_tint(theme)
    }

    /// `style` with the ring tint chosen in the View menu (for exports too).
    pub fn with_tint(&self, style: Style) -> Style {
        Style {
            ring_fill_opacity: self
                .settings
                .tint
                .unwrap_or(style.ring_fill_opacity)
                .clamp(0.0, 1.0),
            outlines_only: self.settings.outlines_only,
            ..style
        }
    }

    /// The basemap detail to use at `px_per_unit` pixels per map unit.
    pub fn detail(&self, px_per_unit: f64) -> Detail {
        match self.settings.detail {
            DetailChoice::Auto => Detail::for_scale(px_per_unit * std::f64::consts::PI / 180.0),
            DetailChoice::Coarse => Detail::Coarse,
            DetailChoice::Fine => Detail::Fine,
        }
    }

    /// Shows a message over the map.
    pub fn notify(&mut self, text: impl Into<String>, kind: NoticeKind) {
        self.dialogs.notices.push(text, kind);
    }

    /// Says that a file was written ("Exported /full/path/briefing.png"), with the full path
    /// and a button that opens its folder.
    /// In the browser the file became a download, which has no folder to open.
    pub fn notify_file(&mut self, what: &str, path: &std::path::Path) {
        if cfg!(target_arch = "wasm32") {
            let text = format!("{what} {} (see the browser's downloads)", path.display());
            self.notify(text, NoticeKind::Info);
            return;
        }
        let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let folder = full.parent().map(std::path::Path::to_path_buf);
        self.dialogs.notices.push_with_folder(
            format!("{what} {}", full.display()),
            NoticeKind::Info,
            folder,
        );
    }

    /// The geographic point at the centre of the map view (for adding sites from the panel).
    pub fn view_centre_lat_lon(&self) -> LatLon {
        self.projection()
            .inverse(self.view.centre)
            .unwrap_or(LatLon::lat_lon(0.0, self.settings.central_lon))
    }

    /// Whether an export is running in the background.
    pub fn exporting(&self) -> bool {
        self.background.exporting()
    }

    /// Whether the user has confirmed quitting (the window should close).
    pub fn should_quit(&self) -> bool {
        self.frame.quit_requested
    }

    /// One whole frame of UI: menus, panels, map, dialogs, then the queued commands.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.frame.applied_theme.is_none() {
            install_fonts(&ctx);
        }
        if self.frame.applied_theme != Some(self.settings.dark) {
            ctx.set_visuals(self.theme());
            self.frame.applied_theme = Some(self.settings.dark);
        }
        self.handle_shortcuts(&ctx);
        self.handle_map_keys(&ctx);
        self.handle_dropped_files(&ctx);
        self.poll_background(&ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && !self.frame.allow_close
            && self.doc.dirty
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.unsaved = Some(Pending::Quit);
        }
        self.caches.refresh(
            &self.doc,
            self.interaction.drag.is_some(),
            self.settings.rotation,
        );

        panels::show(self, ui);
        egui::CentralPanel::no_frame().show(ui, |ui| self.map_panel(ui));

        dialogs::show(self, &ctx);
        self.run_commands();
        if let Some(text) = self.frame.copy_text.take() {
            ctx.copy_text(text);
        }
        self.autosave();
        self.schedule_wakeups(&ctx);
        let title = self.doc.title();
        if self.frame.shown_title.as_ref() != Some(&title) {
            #[cfg(not(target_arch = "wasm32"))]
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            #[cfg(target_arch = "wasm32")]
            web::set_page_title(&title);
            self.frame.shown_title = Some(title);
        }
        self.settings.zoom = self.view.zoom;
        self.settings.view_centre = (self.view.centre.x, self.view.centre.y);
    }

    /// egui's look in the theme the settings choose.
    fn theme(&self) -> egui::Visuals {
        if self.settings.dark {
            egui::Visuals::dark()
        } else {
            egui::Visuals::light()
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcuts = [
            (
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
                Command::SaveAsDialog,
            ),
            (Modifiers::COMMAND | Modifiers::SHIFT, Key::Z, Command::Redo),
            (Modifiers::COMMAND, Key::N, Command::New),
            (Modifiers::COMMAND, Key::O, Command::OpenDialog),
            (Modifiers::COMMAND, Key::S, Command::Save),
            (Modifiers::COMMAND, Key::E, Command::ShowExport),
            (Modifiers::COMMAND, Key::Z, Command::Undo),
            (Modifiers::COMMAND, Key::Y, Command::Redo),
            (Modifiers::COMMAND, Key::Q, Command::Quit),
            (Modifiers::COMMAND, Key::F, Command::FindPlace),
            (Modifiers::COMMAND, Key::Num0, Command::FitVisibleRings),
            (
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::C,
                Command::CopyBriefing,
            ),
        ];
        for (modifiers, key, command) in shortcuts {
            // A page is closed with its tab (and the browser keeps Ctrl+Q for itself).
            if cfg!(target_arch = "wasm32") && command == Command::Quit {
                continue;
            }
            let shortcut = KeyboardShortcut::new(modifiers, key);
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.commands.push(command);
            }
        }
    }

    /// Map keys, when no text or number field has the keyboard: arrows pan, + and - zoom,
    /// Esc leaves the ruler or the area tool, Enter finishes an area, Backspace takes its last
    /// corner back.
    fn handle_map_keys(&mut self, ctx: &egui::Context) {
        use egui::Key;
        if ctx.memory(|m| m.focused().is_some()) || egui::Popup::is_any_open(ctx) {
            return;
        }
        let pressed = |key| ctx.input(|i| i.key_pressed(key));
        let step = 80.0;
        let mut pan = egui::Vec2::ZERO;
        for (key, delta) in [
            (Key::ArrowLeft, egui::vec2(step, 0.0)),
            (Key::ArrowRight, egui::vec2(-step, 0.0)),
            (Key::ArrowUp, egui::vec2(0.0, step)),
            (Key::ArrowDown, egui::vec2(0.0, -step)),
        ] {
            if pressed(key) {
                pan += delta;
            }
        }
        let mut zoom = 1.0;
        if pressed(Key::Plus) || pressed(Key::Equals) {
            zoom *= 1.5;
        }
        if pressed(Key::Minus) {
            zoom /= 1.5;
        }
        if let Some(rect) = self.view.rect {
            let projection = self.projection();
            if pan != egui::Vec2::ZERO {
                self.view.pan(&projection, rect, pan);
            }
            if zoom != 1.0 {
                self.view.zoom_at(&projection, rect, rect.center(), zoom);
            }
        }
        if pressed(Key::Escape) && self.interaction.tool != MapTool::Browse {
            self.commands.push(Command::CancelTool);
        }
        if self.interaction.tool == MapTool::DrawArea {
            if pressed(Key::Enter) {
                self.commands.push(Command::FinishArea);
            }
            if pressed(Key::Backspace) {
                self.interaction.area_draft.pop();
            }
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        // A file dropped on the page has a name but no path: it is read into memory first.
        #[cfg(target_arch = "wasm32")]
        if let Some(file) = ctx.input(|i| i.raw.dropped_files.first().cloned()) {
            self.background.read_dropped(file);
            return;
        }
        let dropped: Option<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.commands.push(Command::Open(path));
        }
    }

    /// Takes in what background work reported.
    fn poll_background(&mut self, ctx: &egui::Context) {
        for report in self.background.poll() {
            match report {
                Report::Chosen(background::DialogPurpose::Path(purpose), path) => {
                    self.commands.push(purpose.command(path));
                }
                Report::Chosen(background::DialogPurpose::Export, path) => {
                    if let Some(form) = &mut self.dialogs.export {
                        form.path = path.display().to_string();
                    }
                }
                Report::NoDialog(purpose) => {
                    // No portal or dialog backend answered: offer a typed path instead.
                    self.notify(
                        "No system file dialog is available here; type the path instead.",
                        NoticeKind::Info,
                    );
                    self.prompt_for(purpose);
                }
                Report::Exported(path) => self.notify_file("Exported", &path),
                Report::Failed(message) => self.notify(message, NoticeKind::Error),
                Report::Rendered(image) => {
                    let [w, h] = image.size;
                    ctx.copy_image(*image);
                    self.notify(
                        format!("Copied the briefing image ({w}x{h}) to the clipboard."),
                        NoticeKind::Info,
                    );
                }
            }
        }
        self.dialogs.notices.expire();
    }

    /// Autosaves unsaved edits (not before the recovery question is answered, not mid-drag).
    fn autosave(&mut self) {
        if self.dialogs.recovery.is_some() || self.interaction.drag.is_some() {
            return;
        }
        if let Autosaved::Failed(message) = self.recovery.autosave(&self.doc) {
            self.notify(message, NoticeKind::Error);
        }
    }

    /// Asks for a frame when something will change without input: background work to poll, a
    /// notice to fade, an autosave to write. Otherwise the window rests.
    fn schedule_wakeups(&self, ctx: &egui::Context) {
        if self.caches.computing() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        if self.background.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        for wait in [
            self.dialogs.notices.next_expiry(),
            self.recovery.next_due(&self.doc),
        ]
        .into_iter()
        .flatten()
        {
            ctx.request_repaint_after(wait);
        }
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

/// The source named when a scenario carried in the page's address cannot be used.
pub const LINK_SOURCE: &str = "the link";

impl eframe::App for RangeRingsApp {
    /// The panels' colour in the app's theme (they paint no fill of their own,
    /// [`panels::show`]). Not egui's current theme: eframe clears before the frame in which
    /// the app sets it, so the first frame would be cleared in egui's default theme.
    fn clear_color(&self, _: &egui::Visuals) -> [f32; 4] {
        self.theme().panel_fill.to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let first = self.frame.applied_theme.is_none();
        #[cfg(not(target_arch = "wasm32"))]
        {
            let started = web_time::Instant::now();
            self.show(ui);
            let _ = frame;
            self.log_timing(ui.ctx(), first, started);
        }
        #[cfg(target_arch = "wasm32")]
        {
            self.show(ui);
            self.after_web_frame(frame, first);
        }
        if self.frame.quit_requested {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
