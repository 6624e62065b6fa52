//! The typed-path prompt, for opening and saving where no system file dialog answers (and in
//! tests, which never open one).

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
}

/// The prompt's state.
#[derive(Debug, Clone, PartialEq)]
pub struct PathPrompt {
    /// What the path is for.
    pub purpose: PathPurpose,
    /// The path as typed.
    pub text: String,
}

impl PathPrompt {
    /// An empty prompt for opening.
    pub fn open() -> Self {
        Self {
            purpose: PathPurpose::Open,
            text: String::new(),
        }
    }

    /// An empty prompt for `purpose`.
    pub fn for_purpose(purpose: PathPurpose) -> Self {
        Self {
            purpose,
            text: String::new(),
        }
    }
}

/// Shows the prompt, if open.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(mut prompt) = app.dialogs.path.clone() else {
        return;
    };
    let saving = prompt.purpose == PathPurpose::SaveAs;
    let mut open = true;
    let mut done: Option<PathBuf> = None;
    egui::Window::new(if saving {
        "Save scenario as"
    } else {
        "Open scenario"
    })
    .open(&mut open)
    .collapsible(false)
    .show(ctx, |ui| {
        ui.label("Path of the scenario file (JSON):");
        let r = ui.text_edit_singleline(&mut prompt.text);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            let button = ui.button(if saving { "Save" } else { "Open" });
            if (button.clicked() || enter) && !prompt.text.trim().is_empty() {
                done = Some(PathBuf::from(prompt.text.trim()));
            }
            if app.native_dialogs && ui.button("Browse…").clicked() {
                app.commands.push(if saving {
                    Command::SaveAsDialog
                } else {
                    Command::OpenDialog
                });
            }
        });
    });
    app.dialogs.path = (open && done.is_none()).then_some(prompt);
    if let Some(path) = done {
        app.commands.push(if saving {
            Command::SaveAs(path)
        } else {
            Command::Open(path)
        });
    }
}
