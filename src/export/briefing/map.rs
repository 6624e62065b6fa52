//! The map, drawn from the scene: basemap, ring tints (each place once, by the smallest ring
//! reaching it), target areas, hatched bands, outlines, paths, patrol areas, markers and
//! labels placed by [`Scene::overlay`].

use crate::color::Rgba;
use crate::export::drawing::{
    Drawing, Fill, Geometry, Label, Labels, Line, Shape, closed_path, lines_path, open_path,
    polygons_path,
};
use crate::fonts::text_width;
use crate::scene::{
    Overlay, OverlaySizes, PixelRect, Scene, SceneRing, Style, Symbol, ViewTransform, simplify_line,
};
use geo::LineString;

/// Which part of the map [`draw_map`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapPart {
    /// Everything under the markers, as in a briefing.
    Whole,
    /// The area layers only, for the window's map image: no flight paths, sphere outline or
    /// highlighted ring (the window draws those over the image, as they change with the
    /// pointer), and lines simplified to a fraction of a pixel (the window's basemap is not).
    Areas,
}

/// A colour with its alpha scaled by `k`.
pub(super) fn faded(c: Rgba, k: f64) -> Rgba {
    let [r, g, b, a] = c.0;
    Rgba([r, g, b, (f64::from(a) * k).round() as u8])
}

/// The map under the markers: basemap, tints, target areas, bands, outlines and (for the
/// whole map) paths and the sphere's outline; `u` is the size unit of lines, pixels.
pub fn draw_map(
    d: &mut Drawing,
    scene: &Scene,
    style: &Style,
    t: &ViewTransform,
    u: f64,
    part: MapPart,
) {
    let base = &scene.basemap;
    d.fill(polygons_path([&base.sphere], t), style.ocean);
    d.fill(polygons_path(&base.land.0, t), style.land);
    if style.tints() && !scene.rings.is_empty() {
        // Opaque tints, largest ring first, so each place takes the colour of the smallest
        // ring reaching it; then the basemap again, nearly opaque, so that the tint shows at
        // `ring_fill_opacity` and land and sea stay apart. The sea's veil is the sphere with
        // the land cut out (even-odd), so no place is veiled twice.
        for ring in &scene.rings {
            d.fill(polygons_path(&ring.fill.0, t), ring.color);
        }
        let veil = style.veil_opacity();
        let sea = std::iter::once(&base.sphere).chain(&base.land.0);
        d.fill(polygons_path(sea, t), faded(style.ocean, veil));
        d.fill(polygons_path(&base.land.0, t), faded(style.land, veil));
    }
    // The window's basemap is at full detail; a briefing's is simplified when built.
    let basemap_lines = |set: &Vec<LineString<f64>>| match part {
        MapPart::Whole => lines_path(set, t),
        MapPart::Areas => {
            let tolerance = 0.6 / t.scale * u;
            let simplified: Vec<_> = set.iter().map(|l| simplify_line(l, tolerance)).collect();
            lines_path(&simplified, t)
        }
    };
    d.stroke(
        basemap_lines(&base.graticule),
        style.graticule,
        0.8 * u,
        None,
    );
    d.stroke(basemap_lines(&base.borders), style.border, 0.7 * u, None);
    d.stroke(basemap_lines(&base.coastlines), style.coast, 0.8 * u, None);
    for area in &scene.target_areas {
        d.fill(polygons_path(&area.fill.0, t), faded(style.text, 0.08));
        d.stroke(
            lines_path(&area.outline, t),
            faded(style.text, 0.7),
            u,
            None,
        );
    }
    for ring in &scene.rings {
        // Visible however small the image.
        let hatch = (0.7 * u).max(0.8);
        d.stroke(
            lines_path(&ring.band_hatch, t),
            faded(ring.color, 0.55),
            hatch,
            None,
        );
        d.stroke(lines_path(&ring.band_edges, t), ring.color, 0.6 * u, None);
    }
    let lit = |ring: &SceneRing| {
        part == MapPart::Whole
            && scene
                .highlighted_ring
                .is_some_and(|spec| ring.stands_for(spec))
    };
    for ring in &scene.rings {
        let width = if lit(ring) { 4.4 } else { 2.2 } * u;
        d.stroke(lines_path(&ring.outline, t), ring.color, width, None);
        d.stroke(
            lines_path(&ring.rotating_outline, t),
            ring.color,
            1.6 * u,
            Some((8.0 * u, 5.0 * u)),
        );
    }
    if part == MapPart::Whole {
        for path in &scene.paths {
            d.stroke(lines_path(&path.lines, t), style.text, 2.0 * u, None);
        }
        d.stroke(polygons_path([&base.sphere], t), style.coast, u, None);
    }
}

/// A marker's symbol at (`x`, `y`), `r` its size, pixels; `paper` and `ink` its colours.
fn marker_shape(
    symbol: Symbol,
    (x, y, r): (f64, f64, f64),
    ink: Rgba,
    paper: Rgba,
    u: f64,
) -> Shape {
    let line = |color: Rgba, width: f64| {
        Some(Line {
            color,
            width,
            dash: None,
            round: false,
        })
    };
    let fill = |color: Rgba| {
        Some(Fill {
            color,
            even_odd: false,
        })
    };
    let (geometry, fill, line) = match symbol {
        Symbol::Launch => (
            closed_path(&[
                (x, y - 1.3 * r),
                (x + 1.15 * r, y + 0.75 * r),
                (x - 1.15 * r, y + 0.75 * r),
            ]),
            fill(ink),
            line(paper, 0.8 * u),
        ),
        Symbol::Patrol { illustrative } => (
            closed_path(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)]),
            fill(if illustrative { paper } else { ink }),
            line(ink, 1.3 * u),
        ),
        Symbol::Target => (None, fill(paper), line(ink, 1.4 * u)),
    };
    Shape {
        geometry: geometry.map_or(Geometry::Circle { x, y, r: 0.75 * r }, Geometry::Path),
        fill,
        line,
        marker: None,
    }
}

/// Patrol areas, markers, leader lines, marker labels and ring labels, placed by
/// [`Scene::overlay`] within `clip`; the groups of markers and labels have ids starting with
/// `id` ("map-markers", "map-marker-labels"). Returns the overlay, whose unplaced labels the
/// caller lists.
pub fn draw_overlay(
    d: &mut Drawing,
    scene: &Scene,
    style: &Style,
    t: &ViewTransform,
    (u, sizes): (f64, OverlaySizes),
    clip: PixelRect,
    id: &str,
) -> Overlay {
    let (ink, paper) = (style.text, style.background);
    for m in scene.markers.iter().filter(|m| !m.area.is_empty()) {
        d.fill(polygons_path(&m.area_fill.0, t), faded(style.text, 0.12));
        d.stroke(
            lines_path(&m.area, t),
            style.text,
            1.2 * u,
            Some((4.0 * u, 3.0 * u)),
        );
    }
    let overlay = scene.overlay(t, clip, &[], sizes, |s| {
        text_width(s, sizes.label_px, false)
    });
    for label in &overlay.labels {
        if let Some([a, b]) = label.leader
            && let Some(path) = open_path(&[a, b])
        {
            d.shape(Shape {
                geometry: Geometry::Path(path),
                fill: None,
                line: Some(Line {
                    color: ink,
                    width: 0.8 * u,
                    dash: None,
                    round: false,
                }),
                marker: None,
            });
        }
    }
    d.begin(crate::export::drawing::Group {
        id: Some(format!("{id}-markers")),
        class: None,
        clip: None,
    });
    for placed in &overlay.markers {
        let marker = &scene.markers[placed.marker];
        let r = sizes.marker_px * if marker.selected { 1.4 } else { 1.0 };
        d.shape(Shape {
            marker: Some(marker.id.clone()),
            ..marker_shape(marker.symbol, (placed.x, placed.y, r), ink, paper, u)
        });
    }
    d.end();
    let marker_labels = overlay
        .labels
        .iter()
        .map(|label| Label {
            x: label.x,
            y: label.baseline,
            text: label.text.clone(),
            ..Label::default()
        })
        .collect();
    d.labels(halo_labels(
        style,
        (u, sizes.label_px),
        (id, "marker-labels"),
        marker_labels,
    ));
    let ring_labels = overlay
        .ring_labels
        .iter()
        .map(|label| {
            let color = scene
                .rings
                .iter()
                .find(|r| r.missile == label.missile)
                .map_or(style.text, |r| r.color);
            Label {
                x: label.x - 0.5 * label.width,
                y: label.y + 0.35 * sizes.label_px,
                color: Some(color),
                rotate: Some((label.angle.to_degrees(), label.x, label.y)),
                text: label.text.clone(),
            }
        })
        .collect();
    d.labels(halo_labels(
        style,
        (u, sizes.label_px),
        (id, "ring-labels"),
        ring_labels,
    ));
    overlay
}

/// Labels in the style's ink over its halo, in a group of class `class` and id
/// "`map`-`class`".
pub(super) fn halo_labels(
    style: &Style,
    (u, size): (f64, f64),
    (map, class): (&str, &str),
    items: Vec<Label>,
) -> Labels {
    Labels {
        id: format!("{map}-{class}"),
        class: class.to_owned(),
        size,
        ink: style.text,
        halo: style.halo,
        halo_width: 3.0 * u,
        items,
    }
}
