//! Side panel: targets (move, remove, add).

use super::edit_from;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step};
use crate::geodesy::LatLon;
use eframe::egui;

/// The targets section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let targets = app.doc.scenario().targets().to_vec();
    egui::Grid::new("targets").striped(true).show(ui, |ui| {
        for (i, target) in targets.iter().enumerate() {
            ui.label(&target.name);
            let (mut lat, mut lon) = (target.position.lat, target.position.lon);
            let field = |ui: &mut egui::Ui, value: &mut f64, what: &str| {
                ui.add(
                    egui::DragValue::new(value)
                        .update_while_editing(false)
                        .speed(0.05)
                        .max_decimals(3),
                )
                .accessible_name(format!("{} {what}", target.name))
            };
            let r = field(ui, &mut lat, "latitude");
            let s = field(ui, &mut lon, "longitude");
            for response in [r, s] {
                if response.changed() {
                    let to = LatLon::lat_lon(lat, lon);
                    edit_from(app, &response, Edit::MoveTarget { target: i, to });
                }
            }
            if ui
                .small_button("✕")
                .on_hover_text(format!("Remove {}", target.name))
                .clicked()
            {
                app.commands
                    .push(Command::Edit(Edit::RemoveTarget { target: i }, Step::New));
            }
            ui.end_row();
        }
    });
    if ui.button("Add target").clicked() {
        let at = app.view_centre_lat_lon();
        app.commands
            .push(Command::Edit(Edit::AddTarget { at }, Step::New));
    }
}
