//! Side panel: how much of each target area the visible rings cover, and its farthest point.

use crate::app::RangeRingsApp;
use crate::format;
use eframe::egui;

/// The target areas section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario();
    let Some((rows, stale)) = app.caches.coverage(app.doc.revision) else {
        return;
    };
    if stale {
        ui.label(
            egui::RichText::new("Updating when the drag ends…")
                .small()
                .italics(),
        );
    }
    for (a, area) in scenario.target_areas().iter().enumerate() {
        ui.strong(&area.name);
        egui::Grid::new(("coverage", a))
            .striped(true)
            .show(ui, |ui| {
                for row in rows.iter().filter(|r| r.area == a) {
                    let (Some(m), Some(s)) = (
                        scenario.missiles().get(row.missile),
                        scenario.sites().get(row.site),
                    ) else {
                        continue;
                    };
                    ui.label(format!("{} from {}", m.name, s.name));
                    ui.label(format!("{:.1}% covered", row.covered_pct));
                    if app.settings.rotation {
                        ui.label(match row.rotating_covered_pct {
                            Some(pct) => format!("{pct:.1}% on the rotating Earth"),
                            None => "beyond the model on the rotating Earth".to_owned(),
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
