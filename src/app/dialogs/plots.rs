//! Plots for the selected site: the first target area's coverage against range, with each
//! missile's nominal range and band marked; and flight time against distance for the visible
//! missiles that fly from it, with the targets as points.

use crate::analysis::coverage_curve;
use crate::app::RangeRingsApp;
use crate::ballistics::FlightModel;
use crate::scenario::Scenario;
use eframe::egui::{self, Color32};
use egui_plot::{Legend, Line, LineStyle, Plot, PlotPoints, Points, VLine};

/// Which plot the window shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlotKind {
    /// Coverage of the first target area against range.
    #[default]
    Coverage,
    /// Flight time against distance.
    FlightTime,
}

/// A coverage curve as plot points, for the (document revision, site) it was made for.
type CachedCurve = ((u64, usize), Vec<[f64; 2]>);

/// The plots window and what it keeps between frames.
#[derive(Debug, Default)]
pub struct PlotsWindow {
    /// The plot shown.
    pub kind: PlotKind,
    /// The coverage curve, for (document revision, site): it costs thousands of geodesics.
    curve: Option<CachedCurve>,
}

fn color(c: crate::color::Rgba) -> Color32 {
    let [r, g, b, _] = c.0;
    Color32::from_rgb(r, g, b)
}

/// The plots window.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    if app.dialogs.plots.is_none() {
        return;
    }
    let scenario = app.doc.scenario().clone();
    let revision = app.doc.revision;
    // The selected site, or the first site a visible missile flies from.
    let site = app
        .interaction
        .selected_site
        .filter(|&s| s < scenario.sites().len())
        .or_else(|| scenario.visible_ring_specs().next().map(|r| r.site));
    let Some(window) = app.dialogs.plots.as_mut() else {
        return;
    };
    let mut open = true;
    egui::Window::new("Plots")
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.selectable_value(
                    &mut window.kind,
                    PlotKind::Coverage,
                    "Coverage against range",
                );
                ui.selectable_value(
                    &mut window.kind,
                    PlotKind::FlightTime,
                    "Flight time against distance",
                );
            });
            let Some(site) = site else {
                ui.label("No site: add a launch site or patrol point.");
                return;
            };
            ui.label(format!(
                "From {} (select another site in the side panel).",
                scenario.sites()[site].display_name()
            ));
            match window.kind {
                PlotKind::Coverage => coverage(ui, &scenario, site, revision, &mut window.curve),
                PlotKind::FlightTime => flight_time(ui, &scenario, site),
            }
        });
    if !open {
        app.dialogs.plots = None;
    }
}

/// The missiles that fly from `site`, visible ones only.
fn missiles_from(scenario: &Scenario, site: usize) -> Vec<usize> {
    let mut out: Vec<usize> = scenario
        .visible_ring_specs()
        .filter(|r| r.site == site)
        .map(|r| r.missile)
        .collect();
    out.dedup();
    out
}

fn coverage(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    site: usize,
    revision: u64,
    cache: &mut Option<CachedCurve>,
) {
    let Some(area) = scenario.target_areas().first() else {
        ui.label("The scenario has no target area.");
        return;
    };
    if cache
        .as_ref()
        .is_none_or(|(key, _)| *key != (revision, site))
    {
        let curve = coverage_curve(&scenario.sites()[site].origin, &area.polygons);
        // A step curve: the share holds until the next sample's distance.
        let mut points = Vec::with_capacity(2 * curve.len());
        for pair in curve.windows(2) {
            points.push([pair[0].0, pair[0].1]);
            points.push([pair[1].0, pair[0].1]);
        }
        if let Some(last) = curve.last() {
            points.push([last.0, last.1]);
            points.push([last.0 + 2_000.0, last.1]);
        }
        *cache = Some(((revision, site), points));
    }
    let Some((_, points)) = cache.as_ref() else {
        return;
    };
    let missiles = missiles_from(scenario, site);
    Plot::new("coverage-against-range")
        .height(300.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label("Range km")
        .y_axis_label(format!("% of {}", area.name))
        .show(ui, |plot| {
            plot.line(
                Line::new(
                    format!("{} covered", area.name),
                    PlotPoints::new(points.clone()),
                )
                .color(Color32::GRAY)
                .width(2.0),
            );
            for &m in &missiles {
                let missile = &scenario.missiles()[m];
                let c = color(missile.color);
                plot.add(
                    VLine::new(missile.name.clone(), missile.range_km)
                        .color(c)
                        .width(2.0),
                );
                if let Some(band) = missile.band.filter(|b| b.is_wide()) {
                    for km in [band.min_km, band.max_km] {
                        plot.add(
                            VLine::new(missile.name.clone(), km)
                                .color(c)
                                .style(LineStyle::dashed_dense()),
                        );
                    }
                }
            }
        });
    ui.label(
        egui::RichText::new(
            "Solid: nominal range; dashed: the band of estimates. Shares from a 0.25° grid of \
             the area, by geodesic distance from the site.",
        )
        .small(),
    );
}

fn flight_time(ui: &mut egui::Ui, scenario: &Scenario, site: usize) {
    let missiles = missiles_from(scenario, site);
    if missiles.is_empty() {
        ui.label("No visible missile flies from this site.");
        return;
    }
    let origin = &scenario.sites()[site].origin;
    Plot::new("flight-time-against-distance")
        .height(300.0)
        .legend(Legend::default())
        .include_y(0.0)
        .x_axis_label("Distance km")
        .y_axis_label("Flight time min")
        .show(ui, |plot| {
            for &m in &missiles {
                let missile = &scenario.missiles()[m];
                let c = color(missile.color);
                let start = missile.minimum_range_km.unwrap_or(0.0);
                let curve: Vec<[f64; 2]> = (0..=100)
                    .filter_map(|i| {
                        let km = start + (missile.range_km - start) * f64::from(i) / 100.0;
                        Some([km, missile.flight.flight_time_min(km)?])
                    })
                    .collect();
                if curve.is_empty() {
                    continue;
                }
                let name = match missile.flight {
                    FlightModel::Glide => format!("{} (glide: not modelled)", missile.name),
                    _ => missile.name.clone(),
                };
                plot.line(
                    Line::new(name.clone(), PlotPoints::new(curve))
                        .color(c)
                        .width(2.0),
                );
                let targets: Vec<[f64; 2]> = scenario
                    .targets()
                    .iter()
                    .filter_map(|t| {
                        let km = origin.distance_to(t.position).0 / 1_000.0;
                        let in_reach = km <= missile.range_km && km >= start;
                        in_reach
                            .then(|| Some([km, missile.flight.flight_time_min(km)?]))
                            .flatten()
                    })
                    .collect();
                plot.points(
                    Points::new(name, PlotPoints::new(targets))
                        .color(c)
                        .radius(3.5),
                );
            }
        });
    ui.label(
        egui::RichText::new(
            "Points: the targets within each missile's reach (from its minimum range to its \
             nominal range). Ballistic times from the powered model; cruise at its speed.",
        )
        .small(),
    );
}
