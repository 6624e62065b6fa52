//! The typed-path prompt, for opening, saving and importing where no system file dialog answers
//! (and in tests, which never open one). It takes the keyboard focus when it opens, and asks
//! before replacing a file that exists.

use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use eframe::egui;
use std::path::PathBuf;

/// What a typed path is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open a scenario.
    Open,
    /// Save the scenario.
    SaveAs,
    /// Import target areas from GeoJSON.
    ImportAreas,
    /// Write the reach table as CSV.
    ReachCsv,
}

impl PathPurpose {
    /// Whether the path is written to (and replacing a file must be confirmed).
    pub fn writes(self) -> bool {
        matches!(self, Self::SaveAs | Self::ReachCsv)
    }

    fn title(self) -> &'static str {
        match self {
            Self::Open => "Open scenario",
            Self::SaveAs => "Save scenario as",
            Self::ImportAreas => "Import target areas",
            Self::ReachCsv => "Save the reach table as CSV",
        }
    }

    fn what(self) -> &'static str {
        match self {
            Self::Open | Self::SaveAs => "Path of the scenario file (JSON):",
            Self::ImportAreas => "Path of a GeoJSON file with polygons:",
            Self::ReachCsv => "Path of the CSV file:",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::SaveAs | Self::ReachCsv => "Save",
            Self::ImportAreas => "Import",
        }
    }

    /// The command that carries the path out.
    pub fn command(self, path: PathBuf) -> Command {
        match self {
            Self::Open => Command::Open(path),
            Self::SaveAs => Command::SaveAs(path),
            Self::ImportAreas => Command::ImportAreas(path),
            Self::ReachCsv => Command::SaveReachCsv(path),
        }
    }
}

/// The prompt's state.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The path as typed.
    pub text: String,
    /// The field has been given the keyboard focus once.
    pub focused: bool,
    /// A file that exists and would be replaced, waiting for "Replace".
    pub confirm_replace: Option<PathBuf>,
}

impl PathPrompt {
    /// An empty prompt for opening.
    pub fn open() -> Self {
        Self::for_purpose(PathPurpose::Open)
    }

    /// An empty prompt for `purpose`.
    pub fn for_purpose(purpose: PathPurpose) -> Self {
        Self {
            purpose,
            text: String::new(),
            focused: false,
            confirm_replace: None,
        }
    }
}

/// Shows the prompt, if open.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(mut prompt) = app.dialogs.path.clone() else {
        return;
    };
    let purpose = prompt.purpose;
    let mut open = true;
    let mut done: Option<PathBuf> = None;
    egui::Window::new(purpose.title())
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(purpose.what());
            let r = ui.text_edit_singleline(&mut prompt.text);
            if !prompt.focused {
                r.request_focus();
                prompt.focused = true;
            }
            if r.changed() {
                prompt.confirm_replace = None;
            }
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = PathBuf::from(prompt.text.trim());
            if let Some(existing) = prompt.confirm_replace.clone() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} exists. Replace it?", existing.display()),
                );
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        done = Some(existing);
                    }
                    if ui.button("Keep it").clicked() {
                        prompt.confirm_replace = None;
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                let button = ui.button(purpose.verb());
                if (button.clicked() || enter) && !prompt.text.trim().is_empty() {
                    if purpose.writes() && typed.exists() {
                        prompt.confirm_replace = Some(typed.clone());
                    } else {
                        done = Some(typed.clone());
                    }
                }
                if app.native_dialogs && ui.button("Browse…").clicked() {
                    app.commands.push(Command::BrowseFor(purpose));
                }
            });
        });
    app.dialogs.path = (open && done.is_none()).then_some(prompt);
    if let Some(path) = done {
        app.commands.push(purpose.command(path));
    }
}
