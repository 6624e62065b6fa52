//! The legend on the map, collapsible: each visible missile (colour, name, range), the key to
//! the symbols drawn, and the places whose label found no room at this zoom.

use super::color32;
use crate::format::DistanceUnit;
use crate::scene::{KeySymbol, Overlay, Scene, Style, Symbol};
use eframe::egui::{self, Color32, Pos2, Rect, Shape, Stroke, Vec2};

/// Draws a key symbol in a 16 x 12 point box.
fn key_symbol(ui: &mut egui::Ui, symbol: KeySymbol, style: &Style, swatch: Option<Color32>) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(16.0, 12.0), egui::Sense::hover());
    let painter = ui.painter();
    let ink = color32(style.text);
    let paper = color32(style.background);
    let c = rect.center();
    let r = 5.0;
    match symbol {
        KeySymbol::Marker(Symbol::Launch) => {
            let pts = vec![
                c + Vec2::new(0.0, -1.3 * r),
                c + Vec2::new(1.15 * r, 0.75 * r),
                c + Vec2::new(-1.15 * r, 0.75 * r),
            ];
            painter.add(Shape::convex_polygon(pts, ink, Stroke::new(1.0, paper)));
        }
        KeySymbol::Marker(Symbol::Patrol { illustrative }) => {
            let pts = vec![
                c + Vec2::new(0.0, -r),
                c + Vec2::new(r, 0.0),
                c + Vec2::new(0.0, r),
                c + Vec2::new(-r, 0.0),
            ];
            let fill = if illustrative { paper } else { ink };
            painter.add(Shape::convex_polygon(pts, fill, Stroke::new(1.5, ink)));
        }
        KeySymbol::Marker(Symbol::Target) => {
            painter.circle(c, 3.75, paper, Stroke::new(1.5, ink));
        }
        KeySymbol::PatrolArea => {
            let corners = [
                rect.left_top() + Vec2::new(2.0, 1.0),
                rect.right_top() + Vec2::new(-2.0, 1.0),
                rect.right_bottom() + Vec2::new(-2.0, -1.0),
                rect.left_bottom() + Vec2::new(2.0, -1.0),
                rect.left_top() + Vec2::new(2.0, 1.0),
            ];
            painter.extend(Shape::dashed_line(
                &corners,
                Stroke::new(1.2, ink),
                3.0,
                2.0,
            ));
        }
        KeySymbol::Band => {
            let colour = swatch.unwrap_or(ink);
            for k in 0..4 {
                let x = rect.left() + 2.0 + 4.0 * k as f32;
                painter.line_segment(
                    [Pos2::new(x, rect.bottom()), Pos2::new(x + 6.0, rect.top())],
                    Stroke::new(1.0, colour),
                );
            }
        }
        KeySymbol::RotatingReach => {
            let y = c.y;
            painter.extend(Shape::dashed_line(
                &[Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)],
                Stroke::new(1.6, swatch.unwrap_or(ink)),
                4.0,
                3.0,
            ));
        }
        KeySymbol::TargetArea => {
            painter.rect(
                Rect::from_center_size(c, Vec2::new(12.0, 9.0)),
                0.0,
                Color32::from_black_alpha(20),
                Stroke::new(1.0, ink.gamma_multiply(0.7)),
                egui::StrokeKind::Middle,
            );
        }
    }
}

/// Shows the legend in the bottom-left corner of the map's `rect` (on a Pacific-centred world
/// map, the southern Indian Ocean); returns where it lies, for labels to keep off.
pub fn legend(
    ctx: &egui::Context,
    rect: Rect,
    scene: &Scene,
    overlay: &Overlay,
    style: &Style,
    units: DistanceUnit,
) -> Option<Rect> {
    if scene.legend.is_empty() && scene.symbol_key.is_empty() {
        return None;
    }
    let shown = egui::Area::new(egui::Id::unique("map-legend"))
        .fixed_pos(Pos2::new(rect.left() + 8.0, rect.bottom() - 8.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .order(egui::Order::Middle)
        .show(ctx, |ui| {
            // No drop shadow: under it and the box, a software GL renderer shaded the
            // legend's pixels twice a frame while the map moved.
            let frame = egui::Frame::popup(ui.style()).shadow(egui::Shadow::NONE);
            frame.show(ui, |ui| {
                ui.set_max_width(280.0);
                egui::CollapsingHeader::new("Legend")
                    .default_open(true)
                    .show(ui, |ui| {
                        for entry in &scene.legend {
                            ui.horizontal(|ui| {
                                let (swatch, _) = ui.allocate_exact_size(
                                    Vec2::new(16.0, 10.0),
                                    egui::Sense::hover(),
                                );
                                let colour = color32(entry.color);
                                ui.painter().rect(
                                    swatch,
                                    1.0,
                                    colour.gamma_multiply(0.35),
                                    Stroke::new(2.0, colour),
                                    egui::StrokeKind::Inside,
                                );
                                ui.label(format!(
                                    "{} · {}",
                                    entry.name,
                                    units.format(entry.range_km)
                                ));
                            });
                        }
                        if !scene.symbol_key.is_empty() {
                            ui.separator();
                            for key in &scene.symbol_key {
                                ui.horizontal(|ui| {
                                    key_symbol(ui, key.symbol, style, None);
                                    ui.label(egui::RichText::new(key.text).small());
                                });
                            }
                        }
                        if !overlay.unplaced.is_empty() {
                            ui.separator();
                            let names: Vec<&str> = overlay
                                .unplaced
                                .iter()
                                .map(|&i| {
                                    let m = &scene.markers[i];
                                    m.label.as_ref().map_or(m.id.as_str(), |l| l.text.as_str())
                                })
                                .collect();
                            ui.label(
                                egui::RichText::new(format!(
                                    "Not labelled at this zoom: {}",
                                    names.join(", ")
                                ))
                                .small(),
                            );
                        }
                    });
            });
        });
    Some(shown.response.rect)
}
