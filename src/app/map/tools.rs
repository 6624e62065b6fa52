//! The map's measuring and drawing tools on screen: the ruler's geodesic with its distance and
//! bearings, and the outline of a target area being drawn.

use super::mesh::visible_pieces;
use crate::format::{self, DistanceUnit};
use crate::geodesy::{LatLon, inverse};
use crate::projection::Projection;
use crate::scene::{ViewTransform, geodesic_line};
use eframe::egui::{self, Color32, FontId, Pos2, Rect, Stroke};

/// Colour of the ruler and of the area being drawn.
const TOOL_INK: Color32 = Color32::from_rgb(0xd0, 0x10, 0x70);

/// What the ruler reads between `a` and `b`: the geodesic distance, the bearing at `a` and the
/// bearing back from `b`.
pub fn ruler_text(a: LatLon, b: LatLon, units: DistanceUnit) -> String {
    let line = inverse(a, b);
    let back = (line.final_azimuth_deg + 180.0).rem_euclid(360.0);
    format!(
        "{} · bearing {:.1}° · back {:.1}°",
        units.format(line.distance_m / 1000.0),
        line.azimuth_deg,
        back
    )
}

/// The pixel position of `p` on the map, if the projection shows it.
fn to_px(projection: &Projection, t: &ViewTransform, p: LatLon) -> Option<Pos2> {
    let (x, y) = t.to_px(projection.forward(p)?);
    Some(Pos2::new(x as f32, y as f32))
}

/// Paints the ruler: its end points, the geodesic between them and the reading beside it.
pub fn paint_ruler(
    painter: &egui::Painter,
    projection: &Projection,
    t: &ViewTransform,
    rect: Rect,
    points: &[LatLon],
    units: DistanceUnit,
) {
    let stroke = Stroke::new(2.0, TOOL_INK);
    if let [a, b] = points {
        for line in geodesic_line(*a, *b, projection, 0.5 / t.scale) {
            for piece in visible_pieces(&line, t, rect) {
                painter.add(egui::Shape::line(piece, stroke));
            }
        }
        if let Some(p) = to_px(projection, t, *b) {
            let text = ruler_text(*a, *b, units);
            let font = FontId::proportional(14.0);
            let galley = painter.layout_no_wrap(text, font, Color32::WHITE);
            // Beside the second point, kept inside the map.
            let size = galley.size();
            let at = Pos2::new(
                (p.x + 10.0)
                    .min(rect.right() - size.x - 8.0)
                    .max(rect.left() + 4.0),
                (p.y - 24.0)
                    .max(rect.top() + 4.0)
                    .min(rect.bottom() - size.y - 8.0),
            );
            let frame = Rect::from_min_size(at, size).expand(4.0);
            painter.rect_filled(frame, 3.0, TOOL_INK);
            painter.galley(at, galley, Color32::WHITE);
        }
    }
    for p in points.iter().filter_map(|p| to_px(projection, t, *p)) {
        painter.circle(p, 4.0, Color32::WHITE, stroke);
    }
}

/// Paints the target area being drawn: its corners joined in order, and the edge back to the
/// first corner dashed.
pub fn paint_draft(
    painter: &egui::Painter,
    projection: &Projection,
    t: &ViewTransform,
    corners: &[LatLon],
) {
    let stroke = Stroke::new(2.0, TOOL_INK);
    let pixels: Vec<Pos2> = corners
        .iter()
        .filter_map(|p| to_px(projection, t, *p))
        .collect();
    painter.add(egui::Shape::line(pixels.clone(), stroke));
    if let (Some(first), Some(last), true) = (pixels.first(), pixels.last(), pixels.len() > 2) {
        painter.extend(egui::Shape::dashed_line(&[*last, *first], stroke, 6.0, 4.0));
    }
    for p in &pixels {
        painter.circle(*p, 4.0, Color32::WHITE, stroke);
    }
}

/// The hint shown while a tool is active.
pub fn tool_hint(tool: super::MapTool, ruler: &[LatLon], corners: usize) -> Option<String> {
    match tool {
        super::MapTool::Browse => None,
        super::MapTool::Ruler => Some(match ruler.len() {
            0 => "Ruler: click the first point (Esc to stop)".to_owned(),
            1 => format!(
                "Ruler from {}: click the second point (Esc to stop)",
                format::lat_lon(ruler[0])
            ),
            _ => "Ruler: click again to measure anew (Esc to stop)".to_owned(),
        }),
        super::MapTool::DrawArea => Some(format!(
            "Drawing a target area, {corners} corners: click to add a corner, double-click or \
             Enter to finish, Backspace to take the last one back, Esc to cancel"
        )),
    }
}
