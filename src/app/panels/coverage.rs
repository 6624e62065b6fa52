//! Side panel: how much of each target area the visible rings cover, and its farthest point.

use crate::app::RangeRingsApp;
use crate::format;
use eframe::egui;

/// The target areas section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario();
    let Some((rows, stale)) = app.caches.coverage(app.doc.revision, app.settings.rotation) else {
        if app.caches.computing() && !scenario.target_areas().is_empty() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(egui::RichText::new("Computing coverage…").small());
            });
        }
        return;
    };
    if stale {
        let why = if app.caches.computing() {
            "Updating…"
        } else {
            "Updating when the drag ends…"
        };
        ui.label(egui::RichText::new(why).small().italics());
    }
    for (a, area) in scenario.target_areas().iter().enumerate() {
        ui.strong(&area.name);
        // Long ring names are cut (whole on hover), so the shares never run under the
        // scroll bar.
        let name_width =
            (ui.available_width() - if app.settings.rotation { 170.0 } else { 80.0 }).max(80.0);
        egui::Grid::new(("coverage", a))
            .striped(true)
            .show(ui, |ui| {
                ui.label(egui::RichText::new("Ring").small());
                ui.label(egui::RichText::new("Covered").small());
                if app.settings.rotation {
                    ui.label(egui::RichText::new("Rotating Earth").small());
                }
                ui.end_row();
                for row in rows.iter().filter(|r| r.area == a) {
                    let (Some(m), Some(s)) = (
                        scenario.missiles().get(row.missile),
                        scenario.sites().get(row.site),
                    ) else {
                        continue;
                    };
                    let ring = format!("{} from {}", m.name, s.display_name());
                    ui.scope(|ui| {
                        ui.set_max_width(name_width);
                        ui.add(egui::Label::new(&ring).truncate())
                            .on_hover_text(&ring);
                    });
                    ui.label(format!("{:.1}%", row.covered_pct));
                    if app.settings.rotation {
                        ui.label(match row.rotating_covered_pct {
                            Some(pct) => format!("{pct:.1}%"),
                            None => "beyond the model".to_owned(),
                        });
                    }
                    ui.end_row();
                }
            });
        if let Some(row) = rows.iter().find(|r| r.area == a) {
            let site = scenario
                .sites()
                .get(row.site)
                .map_or("", |s| s.name.as_str());
            ui.label(
                egui::RichText::new(format!(
                    "Farthest point from {site}: {} ({})",
                    app.settings.units.format(row.farthest_km),
                    format::lat_lon(row.farthest)
                ))
                .small(),
            );
        }
    }
}
