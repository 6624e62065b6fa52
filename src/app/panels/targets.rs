//! Side panel: targets (select, rename, move, key place, remove, add) and target areas
//! (rename, remove, draw on the map, import from GeoJSON).

use super::edit_from;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::dialogs::PathPurpose;
use crate::app::edit::{Edit, Step};
use crate::app::state::MapTool;
use eframe::egui;

/// The targets section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let targets = app.doc.scenario().targets().to_vec();
    for (i, target) in targets.iter().enumerate() {
        let selected = app.interaction.selected_target == Some(i);
        ui.horizontal(|ui| {
            let star = if target.key { "★" } else { "☆" };
            let r = ui
                .selectable_label(target.key, star)
                .on_hover_text("Key place: a column of the reach matrix, always labelled");
            if r.clicked() {
                edit_from(
                    app,
                    &r,
                    Edit::SetTargetKey {
                        target: i,
                        key: !target.key,
                    },
                );
            }
            if ui.selectable_label(selected, &target.name).clicked() {
                app.interaction.selected_target = (!selected).then_some(i);
                if !selected {
                    app.commands.push(Command::CentreOn(target.position));
                }
            }
        });
        if selected {
            egui::Frame::group(ui.style()).show(ui, |ui| editor(app, ui, i, target));
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Add target").clicked() {
            let at = app.view_centre_lat_lon();
            app.commands
                .push(Command::Edit(Edit::AddTarget { at, name: None }, Step::New));
        }
        ui.label(egui::RichText::new("or right-click the map, or search a place").small());
    });
}

/// The selected target's fields.
fn editor(app: &mut RangeRingsApp, ui: &mut egui::Ui, i: usize, target: &crate::scenario::Target) {
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        let (r, renamed) = super::name_field(ui, ("target name", i), &target.name, 200.0);
        let r = r.labelled_by(label.id);
        if let Some(name) = renamed {
            edit_from(app, &r, Edit::RenameTarget { target: i, name });
        }
    });
    let names = [
        format!("{} latitude", target.name),
        format!("{} longitude", target.name),
    ];
    if let Some((response, to)) = super::position_fields(ui, target.position, names) {
        edit_from(app, &response, Edit::MoveTarget { target: i, to });
    }
    if let Some(group) = &target.group {
        ui.label(egui::RichText::new(format!("Group: {group}")).small());
    }
    if let Some(note) = &target.note {
        ui.label(egui::RichText::new(note).small());
    }
    ui.label(egui::RichText::new("Drag it on the map to move it.").small());
    if ui.button("Remove target").clicked() {
        app.commands
            .push(Command::Edit(Edit::RemoveTarget { target: i }, Step::New));
    }
}

/// Target areas: one line each (name to rename, remove), and the ways to add one.
pub fn areas(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let areas = app.doc.scenario().target_areas().to_vec();
    for (a, area) in areas.iter().enumerate() {
        ui.horizontal(|ui| {
            let (r, renamed) = super::name_field(ui, ("area name", a), &area.name, 180.0);
            let r = r.on_hover_text("Its name; edit to rename");
            if let Some(name) = renamed {
                edit_from(app, &r, Edit::RenameTargetArea { area: a, name });
            }
            if ui
                .small_button("✕")
                .on_hover_text(format!("Remove {}", area.name))
                .clicked()
            {
                app.commands
                    .push(Command::Edit(Edit::RemoveTargetArea { area: a }, Step::New));
            }
        });
    }
    ui.horizontal(|ui| {
        let drawing = app.interaction.tool == MapTool::DrawArea;
        if ui
            .selectable_label(drawing, "Draw on the map")
            .on_hover_text("Click corners on the map; double-click or Enter to finish")
            .clicked()
        {
            if drawing {
                app.commands.push(Command::FinishArea);
            } else {
                app.interaction.tool = MapTool::DrawArea;
                app.interaction.area_draft.clear();
            }
        }
        if ui.button("Import GeoJSON…").clicked() {
            app.commands
                .push(Command::BrowseFor(PathPurpose::ImportAreas));
        }
    });
}
