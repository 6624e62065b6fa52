//! The reach matrix panel: each visible missile against the key places and the target areas,
//! the verdict by colour and symbol, the margin from the nearest launch point. Clicking a cell
//! highlights its ring and geodesic and fits the view to both.

use crate::analysis::Verdict;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::scene::Highlight;
use eframe::egui::{self, Color32, RichText};

/// Cell colours (in range, within the band, out of range, inside the minimum range) for the light and dark themes.
fn verdict_fill(verdict: Verdict, dark: bool) -> Color32 {
    match (verdict, dark) {
        (Verdict::InRange, false) => Color32::from_rgb(0xf2, 0xa7, 0xa0),
        (Verdict::WithinBand, false) => Color32::from_rgb(0xf6, 0xd3, 0x8e),
        (Verdict::OutOfRange, false) => Color32::from_rgb(0xe4, 0xe6, 0xe8),
        (Verdict::InRange, true) => Color32::from_rgb(0x7d, 0x30, 0x2b),
        (Verdict::WithinBand, true) => Color32::from_rgb(0x72, 0x57, 0x1c),
        (Verdict::OutOfRange, true) => Color32::from_rgb(0x33, 0x39, 0x40),
        (Verdict::InsideMinimumRange, false) => Color32::from_rgb(0xd5, 0xd8, 0xf0),
        (Verdict::InsideMinimumRange, true) => Color32::from_rgb(0x3a, 0x3f, 0x66),
    }
}

/// The matrix panel.
pub fn matrix(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    if super::reach::computing(app, ui) {
        return;
    }
    let Some(matrix) = app.caches.matrix().cloned() else {
        return;
    };
    let scenario = app.doc.scenario().clone();
    let dark = app.settings.dark;
    let units = app.settings.units;
    ui.label(
        RichText::new(
            "● in range  ◐ within the band of estimates  ○ out of range  ⊘ inside the minimum \
             range: margin from each \
             missile's nearest launch point. Click a cell to show it on the map.",
        )
        .small(),
    );
    let text_color = if dark { Color32::WHITE } else { Color32::BLACK };
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("reach-matrix")
            .striped(false)
            .spacing([4.0, 3.0])
            .show(ui, |ui| {
                ui.strong("Missile");
                for &t in &matrix.places {
                    ui.strong(&scenario.targets()[t].name);
                }
                for &a in &matrix.areas {
                    ui.strong(&scenario.target_areas()[a].name);
                }
                ui.end_row();
                for (r, &m) in matrix.missiles.iter().enumerate() {
                    let missile = &scenario.missiles()[m];
                    ui.horizontal(|ui| {
                        let [red, g, b, _] = missile.color.0;
                        let (rect, _) =
                            ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                        ui.painter()
                            .rect_filled(rect, 2.0, Color32::from_rgb(red, g, b));
                        ui.label(&missile.name);
                    });
                    for (c, &t) in matrix.places.iter().enumerate() {
                        let cell = matrix.place(r, c);
                        let Some(row) = cell.row else {
                            ui.label("no site");
                            continue;
                        };
                        let verdict = row.verdict();
                        let text = format!("{} {}", verdict.symbol(), cell.margin_text(units));
                        let button = egui::Button::new(RichText::new(text).color(text_color))
                            .fill(verdict_fill(verdict, dark));
                        let pick = Highlight {
                            site: row.site,
                            missile: m,
                            target: t,
                        };
                        let selected = app.interaction.picked == Some(pick);
                        let response = ui.add(button.selected(selected)).on_hover_text(format!(
                            "{} from {} to {}: {} ({})",
                            missile.name,
                            scenario.sites()[row.site].name,
                            scenario.targets()[t].name,
                            units.format(row.distance_km),
                            verdict.text()
                        ));
                        if response.clicked() {
                            app.commands.push(Command::Pick(pick));
                        }
                    }
                    for c in 0..matrix.areas.len() {
                        let cell = matrix.area(r, c);
                        let verdict = match cell.row.map(|x| x.covered_pct) {
                            Some(p) if p >= 99.95 => Verdict::InRange,
                            Some(p) if p > 0.0 => Verdict::WithinBand,
                            _ => Verdict::OutOfRange,
                        };
                        ui.add(
                            egui::Button::new(
                                RichText::new(format!("{} covered", cell.percent_text()))
                                    .color(text_color),
                            )
                            .fill(verdict_fill(verdict, dark))
                            .sense(egui::Sense::hover()),
                        );
                    }
                    ui.end_row();
                }
            });
    });
}
