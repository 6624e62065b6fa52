//! The app's painter: a scene drawn into an egui painter, the screen twin of the briefing's
//! SVG renderer. It takes the scene alone and places markers and labels with
//! [`Scene::overlay`], as the briefing does.

use super::color32;
use super::mesh::{MeshCache, visible_pieces};
use crate::scene::{OverlaySizes, Scene, Style, Symbol, ViewTransform};
use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};
use eframe::epaint::PathShape;

/// Colour of the ring round the selected site.
const SELECTION: Color32 = Color32::from_rgb(0xff, 0xb0, 0x00);

/// Paints `scene` in `rect` with `transform`: background, basemap, rings, geodesic paths,
/// patrol areas, markers and labels.
pub fn paint_scene(
    painter: &egui::Painter,
    scene: &Scene,
    transform: &ViewTransform,
    rect: Rect,
    style: &Style,
    sizes: OverlaySizes,
    meshes: &mut MeshCache,
) {
    let ppp = painter.pixels_per_point();
    painter.rect_filled(rect, 0.0, color32(style.background));
    painter.extend(meshes.basemap(&scene.basemap, transform, rect, style, ppp));
    let highlight = scene
        .highlighted_ring
        .and_then(|spec| scene.rings.iter().position(|r| r.spec() == spec));
    painter.add(meshes.rings(&scene.rings, highlight, transform, rect, style, ppp));
    let ink = color32(style.text);
    let paper = color32(style.background);
    for path in &scene.paths {
        for line in &path.lines {
            for piece in visible_pieces(line, transform, rect) {
                painter.add(PathShape::line(piece, Stroke::new(2.0, ink)));
            }
        }
    }
    for m in scene.markers.iter().filter(|m| !m.area.is_empty()) {
        for line in &m.area {
            for piece in visible_pieces(line, transform, rect.expand(4.0)) {
                painter.extend(Shape::dashed_line(&piece, Stroke::new(1.5, ink), 6.0, 4.0));
            }
        }
    }
    let font = sizes.label_px;
    let overlay = scene.overlay(transform, super::view::pixel_rect(rect), sizes, |s| {
        crate::fonts::text_width(s, font, false)
    });
    for placed in &overlay.markers {
        let marker = &scene.markers[placed.marker];
        let p = Pos2::new(placed.x as f32, placed.y as f32);
        let r = (sizes.marker_px * if marker.selected { 1.4 } else { 1.0 }) as f32;
        match marker.symbol {
            Symbol::Launch => {
                let pts = vec![
                    p + Vec2::new(0.0, -1.3 * r),
                    p + Vec2::new(1.15 * r, 0.75 * r),
                    p + Vec2::new(-1.15 * r, 0.75 * r),
                ];
                painter.add(Shape::convex_polygon(pts, ink, Stroke::new(1.0, paper)));
            }
            Symbol::Patrol { illustrative } => {
                let pts = vec![
                    p + Vec2::new(0.0, -r),
                    p + Vec2::new(r, 0.0),
                    p + Vec2::new(0.0, r),
                    p + Vec2::new(-r, 0.0),
                ];
                let fill = if illustrative { paper } else { ink };
                painter.add(Shape::convex_polygon(pts, fill, Stroke::new(1.5, ink)));
            }
            Symbol::Target => {
                painter.circle(p, 0.75 * r, paper, Stroke::new(1.5, ink));
            }
        }
        if marker.selected {
            painter.circle_stroke(p, r + 4.0, Stroke::new(1.5, SELECTION));
        }
    }
    for label in &overlay.labels {
        let pos = Pos2::new(label.x as f32, (label.baseline - 0.8 * font) as f32);
        let font_id = FontId::proportional(font as f32);
        // A halo keeps labels readable over rings and land.
        for d in [
            Vec2::new(-1.0, 0.0),
            Vec2::new(1.0, 0.0),
            Vec2::new(0.0, -1.0),
            Vec2::new(0.0, 1.0),
        ] {
            painter.text(
                pos + d,
                Align2::LEFT_TOP,
                &label.text,
                font_id.clone(),
                paper,
            );
        }
        painter.text(pos, Align2::LEFT_TOP, &label.text, font_id, ink);
    }
}
