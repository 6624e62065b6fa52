//! The menu bar: File, Edit, View, Tools and Help.

use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::dialogs::{EstimateForm, HelpPage, PathPrompt, PathPurpose, PlotKind, PlotsWindow};
use crate::app::state::DetailChoice;
use crate::app::state::MapTool;
use crate::format::DistanceUnit;
use crate::projection::ProjectionKind;
use eframe::egui;

/// A menu item with its shortcut that queues `command`.
fn item(app: &mut RangeRingsApp, ui: &mut egui::Ui, label: &str, shortcut: &str, command: Command) {
    if ui
        .add(egui::Button::new(label).shortcut_text(shortcut))
        .clicked()
    {
        app.commands.push(command);
    }
}

/// The menu bar.
pub fn menu_bar(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(app, ui, "New", "Ctrl+N", Command::New);
            item(app, ui, "Open…", "Ctrl+O", Command::OpenDialog);
            // Paths mean nothing in the browser: files come from the chooser or a drop.
            if !cfg!(target_arch = "wasm32") {
                ui.menu_button("Open recent", |ui| {
                    if app.settings.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in app.settings.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.commands.push(Command::Open(path));
                        }
                    }
                });
                if ui.button("Open path…").clicked() {
                    app.dialogs.path = Some(PathPrompt::open());
                }
            }
            ui.separator();
            item(app, ui, "Save", "Ctrl+S", Command::Save);
            item(app, ui, "Save As…", "Ctrl+Shift+S", Command::SaveAsDialog);
            item(app, ui, "Export…", "Ctrl+E", Command::ShowExport);
            item(
                app,
                ui,
                "Copy briefing image",
                "Ctrl+Shift+C",
                Command::CopyBriefing,
            );
            if cfg!(target_arch = "wasm32") && ui.button("Copy link to this scenario").clicked() {
                app.commands.push(Command::CopyLink);
            }
            if ui.button("Save reach table as CSV…").clicked() {
                app.commands.push(Command::BrowseFor(PathPurpose::ReachCsv));
            }
            if ui.button("Import target areas (GeoJSON)…").clicked() {
                app.commands
                    .push(Command::BrowseFor(PathPurpose::ImportAreas));
            }
            // A page is closed with its tab.
            if !cfg!(target_arch = "wasm32") {
                ui.separator();
                item(app, ui, "Quit", "Ctrl+Q", Command::Quit);
            }
        });
        ui.menu_button("Edit", |ui| {
            let undo = egui::Button::new("Undo").shortcut_text("Ctrl+Z");
            if ui.add_enabled(app.doc.can_undo(), undo).clicked() {
                app.commands.push(Command::Undo);
            }
            let redo = egui::Button::new("Redo").shortcut_text("Ctrl+Y");
            if ui.add_enabled(app.doc.can_redo(), redo).clicked() {
                app.commands.push(Command::Redo);
            }
            ui.separator();
            item(app, ui, "Find a place…", "Ctrl+F", Command::FindPlace);
        });
        ui.menu_button("View", |ui| view_menu(app, ui));
        ui.menu_button("Tools", |ui| {
            let tool = app.interaction.tool;
            if ui
                .selectable_label(tool == MapTool::Ruler, "Ruler (distance and bearing)")
                .clicked()
            {
                app.interaction.tool = MapTool::Ruler;
                app.interaction.ruler.clear();
            }
            if ui
                .selectable_label(tool == MapTool::DrawArea, "Draw a target area")
                .clicked()
            {
                app.interaction.tool = MapTool::DrawArea;
                app.interaction.area_draft.clear();
            }
            ui.separator();
            if ui.button("Estimate from a test…").clicked() {
                app.dialogs
                    .estimate
                    .get_or_insert_with(EstimateForm::default);
            }
            if ui.button("Coverage against range…").clicked() {
                app.dialogs
                    .plots
                    .get_or_insert_with(PlotsWindow::default)
                    .kind = PlotKind::Coverage;
            }
            if ui.button("Flight time against distance…").clicked() {
                app.dialogs
                    .plots
                    .get_or_insert_with(PlotsWindow::default)
                    .kind = PlotKind::FlightTime;
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Quick start and shortcuts").clicked() {
                app.dialogs.help = Some(HelpPage::QuickStart);
            }
            if ui.button("Sources").clicked() {
                app.dialogs.help = Some(HelpPage::Sources);
            }
            if ui.button("About").clicked() {
                app.dialogs.help = Some(HelpPage::About);
            }
        });
    });
}

fn view_menu(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    ui.label("Projection");
    for kind in ProjectionKind::ALL {
        if ui
            .radio(app.settings.projection == kind, kind.label())
            .clicked()
        {
            app.commands.push(Command::SetProjection(kind));
        }
    }
    ui.separator();
    if ui.button("Centre on selected site").clicked() {
        app.commands.push(Command::CentreOnSelected);
    }
    if ui.button("Reset view").clicked() {
        app.commands.push(Command::ResetView);
    }
    item(
        app,
        ui,
        "Fit to visible rings",
        "Ctrl+0",
        Command::FitVisibleRings,
    );
    ui.separator();
    ui.label("Basemap detail");
    ui.radio_value(&mut app.settings.detail, DetailChoice::Auto, "Automatic");
    ui.radio_value(&mut app.settings.detail, DetailChoice::Coarse, "1:110m");
    ui.radio_value(&mut app.settings.detail, DetailChoice::Fine, "1:50m");
    ui.separator();
    ui.checkbox(&mut app.settings.labels, "Labels");
    ui.checkbox(
        &mut app.settings.outlines_only,
        "Ring outlines only (no tint)",
    );
    let mut tint = app.with_tint(app.style()).ring_fill_opacity;
    let slider = egui::Slider::new(&mut tint, 0.0..=0.6).text("Tint strength");
    if ui
        .add_enabled(!app.settings.outlines_only, slider)
        .changed()
    {
        app.settings.tint = Some(tint);
    }
    ui.checkbox(&mut app.settings.bands, "Bands of published estimates");
    ui.checkbox(
        &mut app.settings.rotation,
        "Earth-rotation footprints (dashed)",
    );
    ui.label("Units");
    ui.radio_value(&mut app.settings.units, DistanceUnit::Km, "Kilometres");
    ui.radio_value(&mut app.settings.units, DistanceUnit::Mi, "Miles");
    ui.radio_value(&mut app.settings.units, DistanceUnit::Nmi, "Nautical miles");
    ui.separator();
    ui.checkbox(&mut app.settings.dark, "Dark theme");
}
