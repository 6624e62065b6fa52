//! The status bar: the pointer's position, its distance and bearing from the selected site, the
//! file and whether it has unsaved changes, and a running export.

use crate::app::RangeRingsApp;
use crate::format;
use crate::geodesy::inverse;
use eframe::egui;

/// The status bar.
pub fn status_bar(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let i = &app.interaction;
        if let Some(hint) = crate::app::map::tool_hint(i.tool, &i.ruler, i.area_draft.len()) {
            ui.strong(hint);
            if let [a, b] = i.ruler[..] {
                ui.separator();
                ui.label(crate::app::map::ruler_text(a, b, app.settings.units));
            }
            ui.separator();
        }
        match app.interaction.hover_point {
            Some(p) => {
                ui.label(format::lat_lon(p));
                let scenario = app.doc.scenario();
                if let Some(site) = app
                    .interaction
                    .selected_site
                    .and_then(|i| scenario.sites().get(i))
                {
                    let line = inverse(site.position, p);
                    ui.separator();
                    ui.label(format!(
                        "{} from {}, bearing {:.1}°",
                        app.settings.units.format(line.distance_m / 1000.0),
                        site.name,
                        line.azimuth_deg
                    ));
                }
            }
            None => {
                ui.label("Move the pointer over the map");
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let name = app
                .doc
                .path
                .as_ref()
                .map_or_else(|| app.doc.name(), |p| p.display().to_string());
            ui.label(if app.doc.dirty {
                format!("{name} (unsaved changes)")
            } else {
                name
            });
            if app.exporting() {
                ui.spinner();
                ui.label("Exporting…");
            }
        });
    });
}
