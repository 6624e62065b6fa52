//! Side effects, in one place: panels, dialogs and the map queue [`Command`]s during the frame,
//! and [`RangeRingsApp::run_commands`] carries them out after layout (file I/O, dialogs,
//! exports, edits of the document, view changes).

use super::RangeRingsApp;
use super::background::DialogPurpose;
use super::dialogs::{ExportForm, PathPrompt, PathPurpose};
use super::document::Document;
use super::edit::{Edit, Step};
use super::state::MapTool;
use super::state::NoticeKind;
use crate::export::briefing::ImageOptions;
use crate::geodesy::LatLon;
use crate::projection::ProjectionKind;
use crate::scenario::{FORMAT, SaveError, Scenario, ScenarioFile};
use std::path::PathBuf;

/// One export from the export form.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRequest {
    /// Output file; its extension picks the format.
    pub path: PathBuf,
    /// Image size and layout (ignored for GeoJSON and KML).
    pub options: ImageOptions,
}

/// An action that would discard unsaved changes, waiting for the user's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Pending {
    /// Start a new scenario.
    New,
    /// Open a file.
    Open(PathBuf),
    /// Close the app.
    Quit,
}

/// Side effects requested by the UI, run after layout.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Start a new, empty scenario (asks about unsaved changes).
    New,
    /// Open a scenario file (asks about unsaved changes).
    Open(PathBuf),
    /// Ask for a file to open.
    OpenDialog,
    /// Save to the current file (or ask where).
    Save,
    /// Save to this file.
    SaveAs(PathBuf),
    /// Ask where to save.
    SaveAsDialog,
    /// Show the export form.
    ShowExport,
    /// Ask where to export.
    ExportBrowse,
    /// Write an export in the background.
    Export(ExportRequest),
    /// Change the document.
    Edit(Edit, Step),
    /// Undo the last edit.
    Undo,
    /// Redo.
    Redo,
    /// Close the app (asks about unsaved changes).
    Quit,
    /// Save, then carry out the action that waited for it.
    SaveThen(Pending),
    /// Throw the unsaved changes away and carry out the action.
    Discard(Pending),
    /// Keep the unsaved changes; forget the action.
    CancelPending,
    /// Restore the recovered work (`true`) or throw it away.
    AnswerRecovery(bool),
    /// Switch projection.
    SetProjection(ProjectionKind),
    /// Centre the map (and an azimuthal projection) on the selected site.
    CentreOnSelected,
    /// Show the whole map.
    ResetView,
    /// Highlight a matrix cell's ring and geodesic and fit the view to both (again: let go).
    Pick(crate::scene::Highlight),
    /// Make the target area drawn on the map part of the scenario.
    FinishArea,
    /// Leave the ruler or the area tool (an area being drawn is dropped).
    CancelTool,
    /// Fit the view to the visible rings.
    FitVisibleRings,
    /// Centre the map on a point, zoomed in to at least a region.
    CentreOn(LatLon),
    /// Open the place search.
    FindPlace,
    /// Put the scenario in the page's address and copy that link (in the browser).
    CopyLink,
    /// Render the briefing as the export form last had it (else a slide) and copy the image.
    CopyBriefing,
    /// Ask for a path (system dialog, else the typed prompt) for this purpose.
    BrowseFor(PathPurpose),
    /// Add the polygons of a GeoJSON file as target areas.
    ImportAreas(PathBuf),
    /// Write the reach table (visible missiles) as CSV.
    SaveReachCsv(PathBuf),
}

impl RangeRingsApp {
    /// Runs the commands queued during the frame.
    pub fn run_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            self.run_command(command);
        }
    }

    fn run_command(&mut self, command: Command) {
        match command {
            Command::New => self.discard_then(Pending::New),
            Command::Open(path) => self.discard_then(Pending::Open(path)),
            Command::OpenDialog => self.ask_path(DialogPurpose::Path(PathPurpose::Open)),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(path),
                None => self.ask_path(DialogPurpose::Path(PathPurpose::SaveAs)),
            },
            Command::SaveAs(path) => self.save_to(path),
            Command::SaveAsDialog => self.ask_path(DialogPurpose::Path(PathPurpose::SaveAs)),
            Command::BrowseFor(purpose) => self.ask_path(DialogPurpose::Path(purpose)),
            Command::ImportAreas(path) => self.import_areas(&path),
            Command::SaveReachCsv(path) => self.save_reach_csv(&path),
            Command::ShowExport => {
                if self.dialogs.export.is_none() {
                    let title = self.doc.scenario().title().unwrap_or_default().to_owned();
                    let form = self.dialogs.last_export.clone();
                    self.dialogs.export = Some(form.unwrap_or_else(|| ExportForm::new(title)));
                }
            }
            Command::ExportBrowse => self.ask_path(DialogPurpose::Export),
            Command::Export(request) => {
                let projection = self.projection();
                let started = self.background.start_export(
                    self.doc.scenario().clone(),
                    &request.path,
                    projection,
                    request.options,
                );
                if !started {
                    self.notify("An export is already running.", NoticeKind::Info);
                }
            }
            Command::Edit(edit, step) => {
                self.apply_edit(edit, step);
            }
            Command::Undo => {
                let selected = self.selected_ids();
                self.doc.undo();
                self.reselect(selected);
            }
            Command::Redo => {
                let selected = self.selected_ids();
                self.doc.redo();
                self.reselect(selected);
            }
            Command::Quit => self.discard_then(Pending::Quit),
            Command::SaveThen(pending) => {
                self.dialogs.unsaved = None;
                match self.doc.path.clone() {
                    Some(path) => {
                        self.save_to(path);
                        if !self.doc.dirty {
                            self.carry_out(pending);
                        }
                    }
                    None => {
                        self.after_save = Some(pending);
                        self.dialogs.path = Some(PathPrompt::for_purpose(PathPurpose::SaveAs));
                    }
                }
            }
            Command::Discard(pending) => {
                self.dialogs.unsaved = None;
                self.carry_out(pending);
            }
            Command::CancelPending => self.dialogs.unsaved = None,
            Command::AnswerRecovery(restore) => self.answer_recovery(restore),
            Command::SetProjection(kind) => {
                self.settings.projection = kind;
                self.freeze_centre();
                let projection = self.projection();
                self.view.reset(&projection);
            }
            Command::CentreOnSelected => self.centre_on_selected(),
            Command::ResetView => {
                let projection = self.projection();
                self.view.reset(&projection);
            }
            Command::FinishArea => self.finish_area(),
            Command::CancelTool => {
                self.interaction.tool = MapTool::Browse;
                self.interaction.ruler.clear();
                self.interaction.area_draft.clear();
            }
            Command::FitVisibleRings => self.fit_visible_rings(),
            Command::CopyBriefing => self.copy_briefing(),
            #[cfg(target_arch = "wasm32")]
            Command::CopyLink => self.copy_link(),
            #[cfg(not(target_arch = "wasm32"))]
            Command::CopyLink => self.notify(
                "Links carry a scenario in the browser version (tools/web/build.sh).",
                NoticeKind::Info,
            ),
            Command::FindPlace => {
                self.dialogs
                    .places
                    .get_or_insert_with(super::dialogs::PlaceSearch::default)
                    .focused = false;
            }
            Command::CentreOn(at) => self.centre_on(at),
            Command::Pick(pick) => {
                if self.interaction.picked == Some(pick) {
                    self.interaction.picked = None;
                } else {
                    self.interaction.picked = Some(pick);
                    self.fit_view_to(pick);
                }
            }
        }
    }

    /// Applies an edit to the document; a refused one is reported over the map. What the edit
    /// added is selected; a removal clears the selection it invalidates.
    fn apply_edit(&mut self, edit: Edit, step: Step) -> bool {
        let before = (
            self.doc.scenario().sites().len(),
            self.doc.scenario().missiles().len(),
            self.doc.scenario().targets().len(),
        );
        let inserted_missile = match &edit {
            Edit::DuplicateMissile { missile } => Some(missile + 1),
            _ => None,
        };
        // A run of colour-picker changes continues only while nothing else changes the
        // document in between (an undo, another edit).
        if !matches!(edit, Edit::SetMissileColor { .. }) {
            self.interaction.last_color_edit = None;
        }
        let result = match step {
            Step::New => self.doc.edit(|f| edit.apply(f)),
            Step::Continue => self.doc.edit_continuing(|f| edit.apply(f)),
        };
        if let Err(problems) = result {
            self.notify(format!("Not applied: {problems}"), NoticeKind::Error);
            return false;
        }
        let after = (
            self.doc.scenario().sites().len(),
            self.doc.scenario().missiles().len(),
            self.doc.scenario().targets().len(),
        );
        let i = &mut self.interaction;
        if after.0 > before.0 {
            i.selected_site = Some(after.0 - 1);
        }
        if after.1 > before.1 {
            i.selected_missile = inserted_missile.or(Some(after.1 - 1));
        }
        if after.2 > before.2 {
            i.selected_target = Some(after.2 - 1);
        }
        if after.0 < before.0 {
            i.selected_site = None;
        }
        if after.1 < before.1 {
            i.selected_missile = None;
        }
        if after.2 < before.2 {
            i.selected_target = None;
        }
        if after.0 < before.0 || after.1 < before.1 || after.2 < before.2 {
            i.picked = None;
            i.hovered_reach = None;
        }
        true
    }

    /// The ids of the selected site, missile and target, to find them again after an undo or
    /// a redo has moved them (or taken them away).
    fn selected_ids(&self) -> [Option<String>; 3] {
        let s = self.doc.scenario();
        let i = &self.interaction;
        [
            i.selected_site
                .and_then(|k| s.sites().get(k))
                .map(|x| x.id.clone()),
            i.selected_missile
                .and_then(|k| s.missiles().get(k))
                .map(|x| x.id.clone()),
            i.selected_target
                .and_then(|k| s.targets().get(k))
                .map(|x| x.id.clone()),
        ]
    }

    /// Selects again, by id, what was selected before an undo or a redo; what is gone is no
    /// longer selected. The pick and a running colour change are forgotten.
    fn reselect(&mut self, [site, missile, target]: [Option<String>; 3]) {
        let s = self.doc.scenario();
        let find = |id: &Option<String>, ids: Vec<&str>| {
            id.as_deref()
                .and_then(|id| ids.iter().position(|x| *x == id))
        };
        let site = find(&site, s.sites().iter().map(|x| x.id.as_str()).collect());
        let missile = find(
            &missile,
            s.missiles().iter().map(|x| x.id.as_str()).collect(),
        );
        let target = find(&target, s.targets().iter().map(|x| x.id.as_str()).collect());
        let i = &mut self.interaction;
        (i.selected_site, i.selected_missile, i.selected_target) = (site, missile, target);
        i.drag = None;
        i.picked = None;
        i.hovered_reach = None;
        i.last_color_edit = None;
    }

    /// Adds the drawn corners as a target area (three or more), and leaves the tool.
    fn finish_area(&mut self) {
        let mut corners = std::mem::take(&mut self.interaction.area_draft);
        // A double click also clicked twice on the last corner.
        corners.dedup_by(|a, b| crate::geodesy::distance_m(*a, *b) < 1.0);
        if corners.len() < 3 {
            self.interaction.area_draft = corners;
            self.notify(
                "A target area needs at least three corners: click on the map to add them.",
                NoticeKind::Info,
            );
            return;
        }
        let crosses = corners
            .iter()
            .zip(corners.iter().cycle().skip(1))
            .any(|(a, b)| (a.lon - b.lon).abs() > 180.0);
        if crosses {
            self.interaction.area_draft = corners;
            self.notify(
                "This area crosses the 180° meridian, which a target area cannot: draw it as two \
                 areas, one on each side (Backspace takes corners back, Esc starts again).",
                NoticeKind::Error,
            );
            return;
        }
        let number = self.doc.scenario().target_areas().len() + 1;
        let area = crate::scenario::file::TargetArea {
            id: "area".into(),
            name: format!("Area {number}"),
            polygons: vec![corners.iter().map(|c| [c.lon, c.lat]).collect()],
            source: Some("Drawn in range-rings".into()),
        };
        self.interaction.tool = MapTool::Browse;
        self.apply_edit(Edit::AddTargetAreas { areas: vec![area] }, Step::New);
    }

    /// Adds the polygons of a GeoJSON file as target areas, in one undo step.
    fn import_areas(&mut self, path: &std::path::Path) {
        let stem = path
            .file_stem()
            .map_or_else(|| "area".to_owned(), |s| s.to_string_lossy().into_owned());
        let read = super::files::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned()))
            .and_then(|text| crate::scenario::areas_from_geojson(&text, &stem));
        match read {
            Ok(found) => {
                let count = found.areas.len();
                let mut names: Vec<String> =
                    found.areas.iter().take(8).map(|a| a.name.clone()).collect();
                if count > names.len() {
                    names.push(format!("and {} more", count - names.len()));
                }
                // A refusal (too many areas or points) has already been reported.
                if !self.apply_edit(Edit::AddTargetAreas { areas: found.areas }, Step::New) {
                    return;
                }
                let mut text = format!(
                    "Imported {count} target area{} from {}: {}",
                    if count == 1 { "" } else { "s" },
                    path.display(),
                    names.join(", ")
                );
                if found.holes_dropped > 0 {
                    text += &format!(
                        "\n{} hole(s) left out: target areas have outer rings only.",
                        found.holes_dropped
                    );
                }
                for skipped in found.skipped.iter().take(5) {
                    text += &format!("\nSkipped {skipped}");
                }
                self.notify(text, NoticeKind::Info);
            }
            Err(why) => self.notify(
                format!("Could not import {}: {why}", path.display()),
                NoticeKind::Error,
            ),
        }
    }

    /// Writes the reach rows of the visible missiles as CSV, the `reach --format csv` columns.
    fn save_reach_csv(&mut self, path: &std::path::Path) {
        let csv = crate::cli::reach_csv(self.doc.scenario(), self.caches.reach_rows());
        match super::files::write(path, csv.as_bytes()) {
            Ok(()) => self.notify_file("Saved the reach table to", path),
            Err(e) => self.notify(
                format!("Could not save {}: {e}", path.display()),
                NoticeKind::Error,
            ),
        }
    }

    /// Starts rendering the briefing for the clipboard: the size, layout and title of the last
    /// export, or a 1920x1080 slide.
    fn copy_briefing(&mut self) {
        let title = self.doc.scenario().title().unwrap_or_default().to_owned();
        let form = self
            .dialogs
            .last_export
            .clone()
            .unwrap_or_else(|| ExportForm::new(title));
        let options = super::dialogs::image_options(self, &form);
        let started =
            self.background
                .start_copy(self.doc.scenario().clone(), self.projection(), options);
        if !started {
            self.notify("A copy is already being made.", NoticeKind::Info);
        }
    }

    /// Centres the map on `at`, zoomed in to show at least a region round it.
    fn centre_on(&mut self, at: LatLon) {
        let projection = self.projection();
        if let Some(p) = projection.forward(at) {
            self.view.zoom = self.view.zoom.max(4.0);
            self.view.centre_on(&projection, p);
        }
    }

    /// Asks for a path: a system dialog where there is one, else the typed-path prompt.
    fn ask_path(&mut self, purpose: DialogPurpose) {
        if !self.native_dialogs {
            self.prompt_for(purpose);
            return;
        }
        let suggested = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned());
        self.background.start_dialog(purpose, suggested);
    }

    /// The typed-path prompt for opening or saving (exports type into their own form).
    pub(super) fn prompt_for(&mut self, purpose: DialogPurpose) {
        let DialogPurpose::Path(purpose) = purpose else {
            return;
        };
        self.dialogs.path = Some(PathPrompt::for_purpose(purpose));
    }

    fn centre_on_selected(&mut self) {
        let Some(site) = self
            .interaction
            .selected_site
            .and_then(|i| self.doc.scenario().sites().get(i))
            .cloned()
        else {
            self.notify(
                "Select a site first (click it on the map or in the list).",
                NoticeKind::Info,
            );
            return;
        };
        self.settings.central_lon = site.position.lon;
        self.settings.centre = Some((site.position.lat, site.position.lon));
        let projection = self.projection();
        self.view.reset(&projection);
        if let Some(p) = projection.forward(site.position) {
            self.view.centre_on(&projection, p);
            self.view.zoom = self.view.zoom.max(1.0);
        }
    }

    fn discard_then(&mut self, action: Pending) {
        if self.doc.dirty {
            self.dialogs.unsaved = Some(action);
        } else {
            self.carry_out(action);
        }
    }

    /// Carries out an action that discards the open document (its changes saved or not).
    fn carry_out(&mut self, action: Pending) {
        match action {
            Pending::New => {
                let empty = Scenario::try_from(ScenarioFile {
                    format: FORMAT.into(),
                    title: Some("New scenario".into()),
                    subtitle: None,
                    as_of: None,
                    sites: Vec::new(),
                    missiles: Vec::new(),
                    targets: Vec::new(),
                    target_areas: Vec::new(),
                    view: None,
                });
                if let Ok(empty) = empty {
                    self.replace_document(Document::new(empty, None));
                }
            }
            Pending::Open(path) => match load_scenario(&path) {
                Ok(scenario) => {
                    // The file's own view wins over the last one used.
                    if scenario.view().is_some() {
                        self.settings.take_view(scenario.view_choice());
                    }
                    self.replace_document(Document::new(scenario, Some(path.clone())));
                    self.settings.remember_recent(path);
                    let projection = self.projection();
                    self.view.reset(&projection);
                }
                // The open document stays as it was; every problem is listed.
                Err(e) => self.dialogs.refused = Some((path, e.to_string())),
            },
            Pending::Quit => {
                self.frame.allow_close = true;
                self.frame.quit_requested = true;
                // Quitting was confirmed (saved or discarded): nothing to recover.
                self.recovery.clear();
            }
        }
    }

    /// Makes `doc` the open document, with a fresh selection and no figures of the old one.
    pub(super) fn replace_document(&mut self, doc: Document) {
        self.doc = doc;
        self.caches.forget_document();
        // Nothing selected, picked, measured or being drawn belongs to the new document.
        self.interaction = super::Interaction {
            reach_sort: self.interaction.reach_sort,
            quick_ring_km: self.interaction.quick_ring_km,
            ..super::Interaction::default()
        };
        self.interaction.selected_site = self.doc.scenario().first_ring_site();
        self.freeze_centre();
    }

    fn save_to(&mut self, path: PathBuf) {
        match self.doc.save_to(path.clone()) {
            Ok(()) => {
                self.settings.remember_recent(path.clone());
                self.notify_file("Saved", &path);
                if let Some(action) = self.after_save.take() {
                    self.carry_out(action);
                }
            }
            Err(e) => {
                let why = match e {
                    SaveError::Io { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                self.notify(
                    format!(
                        "Could not save {}: {why}\nYour edits are still here; try another folder.",
                        path.display()
                    ),
                    NoticeKind::Error,
                );
            }
        }
    }
}

/// The scenario file at `path`: read from disk with its checks, or in the browser from the
/// files picked or dropped on the page.
fn load_scenario(path: &std::path::Path) -> Result<Scenario, crate::scenario::ScenarioError> {
    #[cfg(not(target_arch = "wasm32"))]
    return Scenario::load(path);
    #[cfg(target_arch = "wasm32")]
    return match super::files::read(path) {
        Ok(bytes) => Scenario::from_json(&bytes, &path.display().to_string()),
        Err(e) => Err(crate::scenario::ScenarioError::unreadable(
            &path.display().to_string(),
            &e.to_string(),
        )),
    };
}
