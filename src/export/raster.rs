//! The map's area layers drawn straight into a pixmap with tiny-skia: background, sea and land,
//! ring tints under the veil, graticule, borders and coasts, target areas, band hatching and
//! ring outlines, in the order of the app's painter and the briefing's SVG. No markers, labels
//! or highlight: those are drawn over it.
//!
//! The window shows this raster as one image while the map is panned, instead of a dozen
//! translucent full-screen meshes that a software GL renderer (Mesa's llvmpipe) must blend one
//! by one.

use crate::color::Rgba;
use crate::projection::MapPoint;
use crate::scene::{Scene, Style, ViewTransform, simplify_line};
use geo::{LineString, MultiPolygon, Polygon};
use resvg::tiny_skia::{
    self, BlendMode, FillRule, LineCap, LineJoin, Paint, PathBuilder, Pixmap, Stroke, StrokeDash,
    Transform,
};

/// `c` as a tiny-skia colour with its alpha scaled by `k`.
fn color(c: Rgba, k: f64) -> tiny_skia::Color {
    let [r, g, b, a] = c.0;
    tiny_skia::Color::from_rgba8(r, g, b, (f64::from(a) * k).round().clamp(0.0, 255.0) as u8)
}

fn paint(c: tiny_skia::Color) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(c);
    paint.anti_alias = true;
    paint
}

/// Map-unit rings as one path in pixels.
fn ring_path(builder: &mut PathBuilder, ring: &LineString<f64>, t: &ViewTransform) {
    let mut points = ring.coords().map(|c| t.to_px(MapPoint { x: c.x, y: c.y }));
    if let Some((x, y)) = points.next() {
        builder.move_to(x as f32, y as f32);
        for (x, y) in points {
            builder.line_to(x as f32, y as f32);
        }
        builder.close();
    }
}

fn fill_polygon(pixmap: &mut Pixmap, polygon: &Polygon<f64>, t: &ViewTransform, paint: &Paint) {
    let mut builder = PathBuilder::new();
    ring_path(&mut builder, polygon.exterior(), t);
    for hole in polygon.interiors() {
        ring_path(&mut builder, hole, t);
    }
    if let Some(path) = builder.finish() {
        pixmap.fill_path(&path, paint, FillRule::EvenOdd, Transform::identity(), None);
    }
}

fn fill(pixmap: &mut Pixmap, polygons: &MultiPolygon<f64>, t: &ViewTransform, paint: &Paint) {
    for polygon in &polygons.0 {
        fill_polygon(pixmap, polygon, t, paint);
    }
}

/// Strokes lines `width` pixels wide, dashed when `dash` gives on and off lengths.
fn stroke(
    pixmap: &mut Pixmap,
    lines: &[LineString<f64>],
    t: &ViewTransform,
    paint: &Paint,
    width: f32,
    dash: Option<[f32; 2]>,
) {
    let mut builder = PathBuilder::new();
    for line in lines {
        let mut points = line.coords().map(|c| t.to_px(MapPoint { x: c.x, y: c.y }));
        if let Some((x, y)) = points.next() {
            builder.move_to(x as f32, y as f32);
            for (x, y) in points {
                builder.line_to(x as f32, y as f32);
            }
        }
    }
    let Some(path) = builder.finish() else {
        return;
    };
    let stroke = Stroke {
        width,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        dash: dash.and_then(|[on, off]| StrokeDash::new(vec![on, off], 0.0)),
        ..Stroke::default()
    };
    pixmap.stroke_path(&path, paint, &stroke, Transform::identity(), None);
}

/// Paints the scene's area layers into `pixmap`, the map at `t` (pixels of the pixmap, not of
/// the screen). `px` is the width of one screen point in pixmap pixels, so that lines keep
/// their width on a high-density screen.
pub fn paint_map_layers(
    pixmap: &mut Pixmap,
    scene: &Scene,
    t: &ViewTransform,
    style: &Style,
    px: f32,
) {
    pixmap.fill(color(style.background, 1.0));
    let basemap = &scene.basemap;
    let sphere = MultiPolygon(vec![basemap.sphere.clone()]);
    fill(pixmap, &sphere, t, &paint(color(style.ocean, 1.0)));
    fill(pixmap, &basemap.land, t, &paint(color(style.land, 1.0)));
    if style.tints() && !scene.rings.is_empty() {
        for ring in &scene.rings {
            fill(pixmap, &ring.fill, t, &paint(color(ring.color, 1.0)));
        }
        // The veil: the sea over everything at the veil's opacity, then what land has over
        // the sea, added (as the app's painter does with an additive colour).
        let veil = style.veil_opacity();
        fill(pixmap, &sphere, t, &paint(color(style.ocean, veil)));
        let [lr, lg, lb, _] = style.land.0;
        let [or, og, ob, _] = style.ocean.0;
        let up = |l: u8, o: u8| (f64::from(l.saturating_sub(o)) * veil).round() as u8;
        let mut lift = paint(tiny_skia::Color::from_rgba8(
            up(lr, or),
            up(lg, og),
            up(lb, ob),
            255,
        ));
        lift.blend_mode = BlendMode::Plus;
        fill(pixmap, &basemap.land, t, &lift);
    }
    let tolerance = 0.6 / t.scale * f64::from(px);
    for (set, c, width) in [
        (&basemap.graticule, style.graticule, 0.7),
        (&basemap.borders, style.border, 0.7),
        (&basemap.coastlines, style.coast, 0.9),
    ] {
        let simplified: Vec<LineString<f64>> =
            set.iter().map(|l| simplify_line(l, tolerance)).collect();
        stroke(
            pixmap,
            &simplified,
            t,
            &paint(color(c, 1.0)),
            width * px,
            None,
        );
    }
    for area in &scene.target_areas {
        fill(pixmap, &area.fill, t, &paint(color(style.text, 0.08)));
        stroke(
            pixmap,
            &area.outline,
            t,
            &paint(color(style.text, 0.7)),
            px,
            None,
        );
    }
    for ring in &scene.rings {
        let hatch = paint(color(ring.color, 0.55));
        stroke(pixmap, &ring.band_hatch, t, &hatch, 0.7 * px, None);
        let edge = paint(color(ring.color, 1.0));
        stroke(pixmap, &ring.band_edges, t, &edge, 0.6 * px, None);
    }
    for ring in &scene.rings {
        let ink = paint(color(ring.color, 1.0));
        stroke(pixmap, &ring.outline, t, &ink, 2.0 * px, None);
    }
    for ring in &scene.rings {
        let ink = paint(color(ring.color, 1.0));
        let dash = Some([8.0 * px, 5.0 * px]);
        stroke(pixmap, &ring.rotating_outline, t, &ink, 1.6 * px, dash);
    }
}
