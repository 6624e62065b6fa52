//! Side effects, in one place: panels, dialogs and the map queue [`Command`]s during the frame,
//! and [`RangeRingsApp::run_commands`] carries them out after layout (file I/O, dialogs,
//! exports, edits of the document, view changes).

use super::RangeRingsApp;
use super::background::DialogPurpose;
use super::dialogs::{ExportForm, PathPrompt, PathPurpose};
use super::document::Document;
use super::edit::{Edit, Step};
use super::state::NoticeKind;
use crate::export::briefing::ImageOptions;
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
            Command::OpenDialog => self.ask_path(DialogPurpose::Open),
            Command::Save => match self.doc.path.clone() {
                Some(path) => self.save_to(path),
                None => self.ask_path(DialogPurpose::SaveAs),
            },
            Command::SaveAs(path) => self.save_to(path),
            Command::SaveAsDialog => self.ask_path(DialogPurpose::SaveAs),
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
            Command::Edit(edit, step) => self.apply_edit(edit, step),
            Command::Undo => {
                self.interaction.drag = None;
                self.doc.undo();
            }
            Command::Redo => {
                self.interaction.drag = None;
                self.doc.redo();
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

    /// Applies an edit to the document; a refused one is reported over the map. A new site is
    /// selected.
    fn apply_edit(&mut self, edit: Edit, step: Step) {
        let added_site = matches!(edit, Edit::AddSite { .. });
        let result = match step {
            Step::New => self.doc.edit(|f| edit.apply(f)),
            Step::Continue => self.doc.edit_continuing(|f| edit.apply(f)),
        };
        match result {
            Ok(()) if added_site => {
                self.interaction.selected_site = self.doc.scenario().sites().len().checked_sub(1);
            }
            Ok(()) => {}
            Err(problems) => self.notify(format!("Not applied: {problems}"), NoticeKind::Error),
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
        let purpose = match purpose {
            DialogPurpose::Open => PathPurpose::Open,
            DialogPurpose::SaveAs => PathPurpose::SaveAs,
            DialogPurpose::Export => return,
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
            Pending::Open(path) => match Scenario::load(&path) {
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
                Err(e) => {
                    // The open document stays as it was.
                    let first = e.to_string().lines().take(4).collect::<Vec<_>>().join("\n");
                    self.notify(
                        format!("Could not open the scenario:\n{first}"),
                        NoticeKind::Error,
                    );
                }
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
        self.interaction.drag = None;
        self.interaction.hovered_reach = None;
        self.interaction.selected_site = self.doc.scenario().first_ring_site();
        self.freeze_centre();
    }

    fn save_to(&mut self, path: PathBuf) {
        match self.doc.save_to(path.clone()) {
            Ok(()) => {
                self.settings.remember_recent(path.clone());
                self.notify(format!("Saved {}", path.display()), NoticeKind::Info);
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
