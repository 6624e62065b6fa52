//! The app's painter: a scene drawn into an egui painter, the screen twin of the briefing's
//! map drawing (`export/briefing/map.rs`), layer for layer in the same order. It takes
//! the scene alone and places markers and labels with [`Scene::overlay`], as the briefing
//! does.

use super::color32;
use super::mesh::{MeshCache, visible_pieces};
use crate::scene::{Overlay, OverlaySizes, Scene, Style, Symbol, ViewTransform};
use eframe::egui::{self, Color32, FontId, Pos2, Rect, Shape, Stroke, Vec2};
use eframe::epaint::{PathShape, TextShape};
use std::sync::Arc;

/// Colour of the ring round the selected site.
const SELECTION: Color32 = Color32::from_rgb(0xff, 0xb0, 0x00);

/// `c` at `k` of its opacity.
fn faded(c: crate::color::Rgba, k: f64) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, (f64::from(a) * k).round() as u8)
}

/// Paints `scene` in `rect` with `transform`: background, basemap and ring tints, target
/// areas, bands and outlines, geodesic paths, patrol areas, markers and labels (none under the
/// `avoid` rectangles). Returns the overlay, whose unplaced labels the caller lists.
#[allow(
    clippy::too_many_arguments,
    reason = "the view, its style and its caches"
)]
pub fn paint_scene(
    painter: &egui::Painter,
    scene: &Scene,
    transform: &ViewTransform,
    rect: Rect,
    avoid: &[Rect],
    style: &Style,
    sizes: OverlaySizes,
    meshes: &mut MeshCache,
    raster: Option<(egui::TextureId, Rect)>,
) -> Overlay {
    let ppp = painter.pixels_per_point();
    let highlight = scene
        .highlighted_ring
        .and_then(|spec| scene.rings.iter().position(|r| r.stands_for(spec)));
    match raster {
        Some((texture, at)) => {
            // The area layers as one image (the background where a pan has moved past it);
            // the highlighted ring drawn again over it.
            if !at.contains_rect(rect) {
                painter.rect_filled(rect, 0.0, color32(style.background));
            }
            let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
            painter.image(texture, at, uv, Color32::WHITE);
            if let Some(ring) = highlight.and_then(|i| scene.rings.get(i)) {
                for line in &ring.outline {
                    for piece in visible_pieces(line, transform, rect) {
                        painter.add(PathShape::line(
                            piece,
                            Stroke::new(4.0, color32(ring.color)),
                        ));
                    }
                }
            }
        }
        None => paint_area_layers(
            painter, scene, transform, rect, style, meshes, highlight, ppp,
        ),
    }
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
        let fill = super::mesh::Triangles::of(&m.area_fill);
        painter.add(Shape::mesh(fill.mesh(
            transform,
            faded(style.text, 0.12),
            rect,
        )));
        for line in &m.area {
            for piece in visible_pieces(line, transform, rect.expand(4.0)) {
                painter.extend(Shape::dashed_line(&piece, Stroke::new(1.5, ink), 6.0, 4.0));
            }
        }
    }
    let font = sizes.label_px;
    let avoid: Vec<_> = avoid.iter().map(|r| super::view::pixel_rect(*r)).collect();
    let clip = super::view::pixel_rect(rect);
    let key = overlay_key(scene, transform, clip, &avoid, sizes);
    let overlay = match &meshes.overlay {
        Some((k, overlay)) if *k == key => overlay.clone(),
        _ => {
            let overlay = scene.overlay(transform, clip, &avoid, sizes, |s| {
                crate::fonts::text_width(s, font, false)
            });
            meshes.overlay = Some((key, overlay.clone()));
            overlay
        }
    };
    for label in &overlay.labels {
        if let Some([a, b]) = label.leader {
            let (a, b) = (
                Pos2::new(a.0 as f32, a.1 as f32),
                Pos2::new(b.0 as f32, b.1 as f32),
            );
            painter.line_segment([a, b], Stroke::new(0.8, ink));
        }
    }
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
    let font_id = FontId::proportional(font as f32);
    for label in &overlay.labels {
        let pos = Pos2::new(label.x as f32, (label.baseline - 0.8 * font) as f32);
        halo_text(painter, pos, 0.0, &label.text, &font_id, ink, paper);
    }
    for label in &overlay.ring_labels {
        let color = scene
            .rings
            .iter()
            .find(|r| r.missile == label.missile)
            .map_or(ink, |r| color32(r.color));
        // The text's top-left corner, turned about its centre like the SVG's rotate().
        let (s, c) = label.angle.sin_cos();
        let (u, v) = (-0.5 * label.width, -0.45 * font);
        let pos = Pos2::new(
            (label.x + u * c - v * s) as f32,
            (label.y + u * s + v * c) as f32,
        );
        halo_text(
            painter,
            pos,
            label.angle as f32,
            &label.text,
            &font_id,
            color,
            paper,
        );
    }
    overlay
}

/// The area layers as meshes: background, basemap and ring tints under the veil, lines, target
/// areas, ring strokes (the highlighted ring thicker).
#[allow(
    clippy::too_many_arguments,
    reason = "the view, its style and its caches"
)]
fn paint_area_layers(
    painter: &egui::Painter,
    scene: &Scene,
    transform: &ViewTransform,
    rect: Rect,
    style: &Style,
    meshes: &mut MeshCache,
    highlight: Option<usize>,
    ppp: f32,
) {
    painter.rect_filled(rect, 0.0, color32(style.background));
    let basemap = meshes.basemap(&scene.basemap, transform, rect, style, ppp);
    let rings = meshes.rings(&scene.rings, highlight, transform, rect, style, ppp);
    painter.extend(basemap.base);
    if style.tints() && !scene.rings.is_empty() {
        painter.add(rings.tints);
        painter.extend(basemap.veil);
    }
    painter.add(basemap.lines);
    meshes.keep_areas(&scene.target_areas);
    for area in &scene.target_areas {
        painter.add(meshes.area(area, transform, faded(style.text, 0.08), rect));
        for line in &area.outline {
            for piece in visible_pieces(line, transform, rect) {
                painter.add(PathShape::line(
                    piece,
                    Stroke::new(1.0, faded(style.text, 0.7)),
                ));
            }
        }
    }
    painter.add(rings.strokes);
}

/// Text with a halo of four offset copies in `paper`, turned by `angle` about `pos`.
fn halo_text(
    painter: &egui::Painter,
    pos: Pos2,
    angle: f32,
    text: &str,
    font: &FontId,
    ink: Color32,
    paper: Color32,
) {
    let galley = painter.layout_no_wrap(text.to_owned(), font.clone(), ink);
    for d in [
        Vec2::new(-1.0, 0.0),
        Vec2::new(1.0, 0.0),
        Vec2::new(0.0, -1.0),
        Vec2::new(0.0, 1.0),
    ] {
        painter.add(
            TextShape::new(pos + d, Arc::clone(&galley), paper)
                .with_override_text_color(paper)
                .with_angle(angle),
        );
    }
    painter.add(TextShape::new(pos, galley, ink).with_angle(angle));
}

/// A hash of everything [`Scene::overlay`] reads: the view, the boxes to avoid, the sizes,
/// the markers and their labels, the rings (their geometry, by its extent and size) and the
/// legend's names.
fn overlay_key(
    scene: &Scene,
    transform: &ViewTransform,
    clip: crate::scene::PixelRect,
    avoid: &[crate::scene::PixelRect],
    sizes: OverlaySizes,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let rects = std::iter::once(&clip).chain(avoid);
    let numbers = [
        transform.scale,
        transform.offset_x,
        transform.offset_y,
        sizes.label_px,
        sizes.marker_px,
    ]
    .into_iter()
    .chain(rects.flat_map(|r| [r.left, r.top, r.width, r.height]));
    for x in numbers {
        x.to_bits().hash(&mut h);
    }
    scene.labels.hash(&mut h);
    for m in &scene.markers {
        (m.position.x.to_bits(), m.position.y.to_bits(), m.selected).hash(&mut h);
        m.label.as_ref().map(|l| (&l.text, l.priority)).hash(&mut h);
    }
    for r in &scene.rings {
        (r.missile, &r.sites, r.range_km.to_bits()).hash(&mut h);
        for line in &r.outline {
            line.0.len().hash(&mut h);
            for c in line.0.first().into_iter().chain(line.0.last()) {
                (c.x.to_bits(), c.y.to_bits()).hash(&mut h);
            }
        }
    }
    for e in &scene.legend {
        (e.missile, &e.name).hash(&mut h);
    }
    h.finish()
}
