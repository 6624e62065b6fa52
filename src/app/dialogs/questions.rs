//! What the window must ask or tell before work goes on: restore unsaved work after a crash,
//! save or discard unsaved changes before they would be lost (both block the window until
//! answered), and why a file could not be opened (a window listing every problem).

use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::format;
use eframe::egui;

/// "Restore unsaved work?", when the recovery file held some at start-up.
pub fn recovery(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(recovered) = &app.dialogs.recovery else {
        return;
    };
    let name = recovered
        .origin
        .as_ref()
        .map_or_else(|| "a scenario".to_owned(), |p| p.display().to_string());
    let when = format::date_time_utc(recovered.saved_at);
    let modal = egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
        ui.heading("Restore unsaved work?");
        ui.label(format!(
            "The last session ended with unsaved changes to {name} (autosaved {when} UTC)."
        ));
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                return Some(true);
            }
            if ui.button("Discard it").clicked() {
                return Some(false);
            }
            None
        })
        .inner
    });
    if let Some(restore) = modal.inner {
        app.commands.push(Command::AnswerRecovery(restore));
    }
}

/// "Unsaved changes": save first, discard them, or cancel the action that would lose them.
pub fn unsaved(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(pending) = app.dialogs.unsaved.clone() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label("The scenario has changes that are not saved. Save them first?");
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                return Some(Command::SaveThen(pending.clone()));
            }
            if ui.button("Discard changes").clicked() {
                return Some(Command::Discard(pending.clone()));
            }
            if ui.button("Cancel").clicked() {
                return Some(Command::CancelPending);
            }
            None
        })
        .inner
    });
    match modal.inner {
        Some(command) => app.commands.push(command),
        None if modal.should_close() => app.commands.push(Command::CancelPending),
        None => {}
    }
}

/// "Could not open FILE": every problem with it, one per line, to fix in an editor; the
/// scenario shown stays what it was (the built-in one when started on the broken file).
pub fn refused(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some((path, problems)) = app.dialogs.refused.clone() else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new("Could not open the scenario")
        .open(&mut open)
        .default_width(620.0)
        .collapsible(false)
        .show(ctx, |ui| {
            let shown = app.doc.scenario().title().unwrap_or("untitled");
            let from_link = path.as_os_str() == super::super::LINK_SOURCE;
            ui.label(if from_link {
                format!(
                    "The scenario in the link cannot be used. The scenario shown is \"{shown}\". \
                     Whoever made the link can make it again:"
                )
            } else {
                format!(
                    "{} cannot be used. The scenario shown is still \"{shown}\". Fix these in \
                     the file and open it again:",
                    path.display()
                )
            });
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for line in problems.lines() {
                        ui.monospace(line);
                    }
                });
            ui.horizontal(|ui| {
                // In the browser the file was read into memory: opening it again means
                // choosing it again.
                if from_link {
                    // Nothing to open again: only whoever made the link can fix it.
                } else if cfg!(target_arch = "wasm32") {
                    if ui.button("Open again…").clicked() {
                        app.commands.push(Command::OpenDialog);
                        close = true;
                    }
                } else if ui.button("Open again").clicked() {
                    app.commands.push(Command::Open(path.clone()));
                    close = true;
                }
                if ui.button("Copy the problems").clicked() {
                    ui.ctx().copy_text(problems.clone());
                }
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        app.dialogs.refused = None;
    }
}
