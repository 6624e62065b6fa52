//! The desktop window. For now a preview: the scenario's visible rings, sites and targets on a
//! Pacific-centred longitude/latitude plot. The full app (basemap, projections, editing, reach
//! table, export) builds on the scene module and replaces this.

use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::scenario::Scenario;
use eframe::egui;
use egui_plot::{Legend, Line, MarkerShape, Plot, Points};
use std::path::PathBuf;

/// Central meridian of the preview map, degrees east: the Korea-to-America view.
const CENTRAL_MERIDIAN: f64 = 150.0;

/// One drawn ring: its label, colour and outline pieces in unwrapped (lon, lat) degrees.
struct DrawnRing {
    label: String,
    color: egui::Color32,
    pieces: Vec<Vec<[f64; 2]>>,
}

/// The preview app; everything it draws is computed once when the scenario is opened.
pub struct PreviewApp {
    title: String,
    rings: Vec<DrawnRing>,
    sites: Vec<[f64; 2]>,
    targets: Vec<[f64; 2]>,
}

/// Longitude shifted into the map's range [central - 180, central + 180).
fn map_lon(lon: f64) -> f64 {
    let west = CENTRAL_MERIDIAN - 180.0;
    west + (lon - west).rem_euclid(360.0)
}

impl PreviewApp {
    /// Builds the rings of every visible missile from its sites.
    pub fn new(scenario: &Scenario, origin: Option<&std::path::Path>) -> Self {
        let mut rings = Vec::new();
        for spec in scenario.ring_specs() {
            let missile = &scenario.missiles[spec.missile];
            if !missile.is_visible() {
                continue;
            }
            let site = &scenario.sites[spec.site];
            let centre = LatLon::lat_lon(site.lat, site.lon);
            let Ok(ring) = RangeRing::new(centre, missile.range_km * M_PER_KM) else {
                continue;
            };
            let [r, g, b, _] = scenario.missile_color(spec.missile).0;
            rings.push(DrawnRing {
                label: format!("{} ({:.0} km)", missile.name, missile.range_km),
                color: egui::Color32::from_rgb(r, g, b),
                pieces: ring
                    .outline(CENTRAL_MERIDIAN)
                    .iter()
                    .map(|line| line.coords().map(|c| [c.x, c.y]).collect())
                    .collect(),
            });
        }
        let title = match origin {
            Some(path) => format!(
                "{} ({})",
                scenario.title.as_deref().unwrap_or("range-rings"),
                path.display()
            ),
            None => scenario
                .title
                .clone()
                .unwrap_or_else(|| "range-rings".into()),
        };
        Self {
            title,
            rings,
            sites: scenario
                .sites
                .iter()
                .map(|s| [map_lon(s.lon), s.lat])
                .collect(),
            targets: scenario
                .targets
                .iter()
                .map(|t| [map_lon(t.lon), t.lat])
                .collect(),
        }
    }
}

impl eframe::App for PreviewApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if ui.input(|i| i.modifiers.command && i.key_pressed(egui::Key::Q)) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        egui::Panel::top("title").show(ui, |ui| {
            ui.heading(&self.title);
            ui.label(
                "Preview: ring outlines in longitude/latitude, centred on 150 E. Ctrl+Q quits.",
            );
        });
        egui::CentralPanel::default().show(ui, |ui| {
            Plot::new("map")
                .data_aspect(1.0)
                .legend(Legend::default())
                .show(ui, |plot| {
                    for ring in &self.rings {
                        for (i, piece) in ring.pieces.iter().enumerate() {
                            // One legend entry per ring: name only the first piece.
                            let name = if i == 0 {
                                ring.label.clone()
                            } else {
                                String::new()
                            };
                            plot.line(Line::new(name, piece.clone()).color(ring.color).width(1.5));
                        }
                    }
                    plot.points(
                        Points::new("sites", self.sites.clone())
                            .shape(MarkerShape::Up)
                            .radius(4.0),
                    );
                    plot.points(
                        Points::new("targets", self.targets.clone())
                            .shape(MarkerShape::Circle)
                            .radius(3.0),
                    );
                });
        });
    }
}

/// Opens the window and runs until it is closed.
pub fn run(scenario: &Scenario, origin: Option<PathBuf>) -> eframe::Result {
    let app = PreviewApp::new(scenario, origin.as_deref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1280.0, 800.0])
            .with_title("range-rings"),
        ..Default::default()
    };
    eframe::run_native("range-rings", options, Box::new(|_cc| Ok(Box::new(app))))
}
