//! The map part of the SVG, drawn from the scene: basemap, ring tints (each place once, by the
//! smallest ring reaching it), target areas, hatched bands, outlines, paths, patrol areas,
//! markers and labels placed by [`Scene::overlay`].

use crate::color::Rgba;
use crate::export::xml::XmlWriter;
use crate::fonts::text_width;
use crate::scene::{
    Overlay, OverlaySizes, PixelRect, Scene, SceneRing, Style, Symbol, ViewTransform,
};
use geo::{LineString, MultiPolygon, Polygon};
use std::fmt::Write as _;

/// Appends SVG path data for a line of points.
fn line_path(d: &mut String, line: &LineString<f64>, t: &ViewTransform, close: bool) {
    for (i, c) in line.coords().enumerate() {
        let (x, y) = t.to_px(*c);
        let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
    }
    if close {
        d.push('Z');
    }
}

/// SVG path data for polygons (exteriors and holes, closed).
pub fn polygons_path(polygons: &MultiPolygon<f64>, t: &ViewTransform) -> String {
    let mut d = String::new();
    for p in &polygons.0 {
        polygon_path(&mut d, p, t);
    }
    d
}

fn polygon_path(d: &mut String, p: &Polygon<f64>, t: &ViewTransform) {
    line_path(d, p.exterior(), t, true);
    for hole in p.interiors() {
        line_path(d, hole, t, true);
    }
}

/// SVG path data for open polylines.
pub fn lines_path(lines: &[LineString<f64>], t: &ViewTransform) -> String {
    let mut d = String::new();
    for l in lines {
        line_path(&mut d, l, t, false);
    }
    d
}

/// A stroked path without fill; nothing for empty path data.
pub fn stroke(xml: &mut XmlWriter, d: &str, color: Rgba, width: f64, dash: Option<(f64, f64)>) {
    if d.is_empty() {
        return;
    }
    xml.start("path")
        .attr("d", d)
        .attr("fill", "none")
        .attr("stroke", color.rgb_hex());
    if color.0[3] < 255 {
        xml.attr("stroke-opacity", format_args!("{:.2}", color.opacity()));
    }
    xml.attr("stroke-width", format_args!("{width:.2}"))
        .attr("stroke-linejoin", "round")
        .attr("stroke-linecap", "round")
        .attr_opt(
            "stroke-dasharray",
            dash.map(|(on, off)| format!("{on:.1} {off:.1}")),
        )
        .end();
}

/// A filled path (even-odd, so holes stay holes); nothing for empty path data.
pub fn fill(xml: &mut XmlWriter, d: &str, color: Rgba, opacity: f64) {
    if d.is_empty() {
        return;
    }
    xml.start("path")
        .attr("d", d)
        .attr("fill", color.rgb_hex())
        .attr_opt(
            "fill-opacity",
            (opacity < 1.0).then(|| format!("{opacity:.3}")),
        )
        .attr("fill-rule", "evenodd")
        .end();
}

/// A colour with its alpha scaled by `k`.
fn faded(c: Rgba, k: f64) -> Rgba {
    let [r, g, b, a] = c.0;
    Rgba([r, g, b, (f64::from(a) * k).round() as u8])
}

/// The map under the markers: basemap, tints, target areas, bands, outlines and paths.
pub fn draw_map(xml: &mut XmlWriter, scene: &Scene, style: &Style, t: &ViewTransform, u: f64) {
    let base = &scene.basemap;
    let sphere = polygons_path(&MultiPolygon(vec![base.sphere.clone()]), t);
    let land = polygons_path(&base.land, t);
    fill(xml, &sphere, style.ocean, 1.0);
    fill(xml, &land, style.land, 1.0);
    if style.tints() && !scene.rings.is_empty() {
        // Opaque tints, largest ring first, so each place takes the colour of the smallest
        // ring reaching it; then the basemap again, nearly opaque, so that the tint shows at
        // `ring_fill_opacity` and land and sea stay apart. The sea's veil is the sphere with
        // the land cut out (even-odd), so no place is veiled twice.
        for ring in &scene.rings {
            fill(xml, &polygons_path(&ring.fill, t), ring.color, 1.0);
        }
        fill(
            xml,
            &format!("{sphere}{land}"),
            style.ocean,
            style.veil_opacity(),
        );
        fill(xml, &land, style.land, style.veil_opacity());
    }
    stroke(
        xml,
        &lines_path(&base.graticule, t),
        style.graticule,
        0.8 * u,
        None,
    );
    stroke(
        xml,
        &lines_path(&base.borders, t),
        style.border,
        0.7 * u,
        None,
    );
    stroke(
        xml,
        &lines_path(&base.coastlines, t),
        style.coast,
        0.8 * u,
        None,
    );
    for area in &scene.target_areas {
        fill(xml, &polygons_path(&area.fill, t), style.text, 0.08);
        stroke(
            xml,
            &lines_path(&area.outline, t),
            faded(style.text, 0.7),
            1.0 * u,
            None,
        );
    }
    for ring in &scene.rings {
        stroke(
            xml,
            &lines_path(&ring.band_hatch, t),
            faded(ring.color, 0.55),
            // Visible however small the image.
            (0.7 * u).max(0.8),
            None,
        );
        stroke(
            xml,
            &lines_path(&ring.band_edges, t),
            ring.color,
            0.6 * u,
            None,
        );
    }
    let lit = |ring: &SceneRing| scene.highlighted_ring == Some(ring.spec());
    for ring in &scene.rings {
        let width = if lit(ring) { 4.4 } else { 2.2 } * u;
        stroke(xml, &lines_path(&ring.outline, t), ring.color, width, None);
        stroke(
            xml,
            &lines_path(&ring.rotating_outline, t),
            ring.color,
            1.6 * u,
            Some((8.0 * u, 5.0 * u)),
        );
    }
    for path in &scene.paths {
        stroke(xml, &lines_path(&path.lines, t), style.text, 2.0 * u, None);
    }
    stroke(xml, &sphere, style.coast, 1.0 * u, None);
}

/// Patrol areas, markers, leader lines, marker labels and ring labels, placed by
/// [`Scene::overlay`] within `clip`; the groups of markers and labels have ids starting with
/// `id` ("map-markers", "map-marker-labels"). Returns the overlay, whose unplaced labels the
/// caller lists.
pub fn draw_overlay(
    xml: &mut XmlWriter,
    scene: &Scene,
    style: &Style,
    t: &ViewTransform,
    (u, sizes): (f64, OverlaySizes),
    clip: PixelRect,
    id: &str,
) -> Overlay {
    let ink = style.text.rgb_hex();
    let paper = style.background.rgb_hex();
    for m in scene.markers.iter().filter(|m| !m.area.is_empty()) {
        fill(xml, &polygons_path(&m.area_fill, t), style.text, 0.12);
        stroke(
            xml,
            &lines_path(&m.area, t),
            style.text,
            1.2 * u,
            Some((4.0 * u, 3.0 * u)),
        );
    }
    let overlay = scene.overlay(t, clip, &[], sizes, |s| {
        text_width(s, sizes.label_px, false)
    });
    for label in &overlay.labels {
        if let Some([a, b]) = label.leader {
            xml.start("path")
                .attr(
                    "d",
                    format_args!("M{:.1} {:.1}L{:.1} {:.1}", a.0, a.1, b.0, b.1),
                )
                .attr("fill", "none")
                .attr("stroke", &ink)
                .attr("stroke-width", format_args!("{:.2}", 0.8 * u))
                .end();
        }
    }
    xml.start("g").attr("id", format_args!("{id}-markers"));
    for placed in &overlay.markers {
        let marker = &scene.markers[placed.marker];
        let (x, y) = (placed.x, placed.y);
        let r = sizes.marker_px * if marker.selected { 1.4 } else { 1.0 };
        let element = if marker.symbol == Symbol::Target {
            "circle"
        } else {
            "path"
        };
        xml.start(element).attr("data-marker", &marker.id);
        match marker.symbol {
            Symbol::Launch => xml
                .attr(
                    "d",
                    format_args!(
                        "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                        x,
                        y - 1.3 * r,
                        x + 1.15 * r,
                        y + 0.75 * r,
                        x - 1.15 * r,
                        y + 0.75 * r
                    ),
                )
                .attr("fill", &ink)
                .attr("stroke", &paper)
                .attr("stroke-width", format_args!("{:.2}", 0.8 * u)),
            Symbol::Patrol { illustrative } => xml
                .attr(
                    "d",
                    format_args!(
                        "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                        x,
                        y - r,
                        x + r,
                        y,
                        x,
                        y + r,
                        x - r,
                        y
                    ),
                )
                .attr("fill", if illustrative { &paper } else { &ink })
                .attr("stroke", &ink)
                .attr("stroke-width", format_args!("{:.2}", 1.3 * u)),
            Symbol::Target => xml
                .attr("cx", format_args!("{x:.1}"))
                .attr("cy", format_args!("{y:.1}"))
                .attr("r", format_args!("{:.2}", 0.75 * r))
                .attr("fill", &paper)
                .attr("stroke", &ink)
                .attr("stroke-width", format_args!("{:.2}", 1.4 * u)),
        };
        xml.end();
    }
    xml.end();
    let marker_labels: Vec<HaloText> = overlay
        .labels
        .iter()
        .map(|label| HaloText {
            x: label.x,
            y: label.baseline,
            text: label.text.clone(),
            ..HaloText::default()
        })
        .collect();
    halo_texts(
        xml,
        style,
        (u, sizes.label_px),
        &ink,
        (id, "marker-labels"),
        &marker_labels,
    );
    let ring_labels: Vec<HaloText> = overlay
        .ring_labels
        .iter()
        .map(|label| {
            let color = scene
                .rings
                .iter()
                .find(|r| r.missile == label.missile)
                .map_or(style.text, |r| r.color);
            HaloText {
                x: label.x - 0.5 * label.width,
                y: label.y + 0.35 * sizes.label_px,
                fill: Some(color.rgb_hex()),
                rotate: Some((label.angle.to_degrees(), label.x, label.y)),
                text: label.text.clone(),
            }
        })
        .collect();
    halo_texts(
        xml,
        style,
        (u, sizes.label_px),
        &ink,
        (id, "ring-labels"),
        &ring_labels,
    );
    overlay
}

/// A label drawn over a halo: position (pixels, baseline left), its own fill if not the
/// group's ink, a rotation (degrees about a point).
#[derive(Debug, Clone, Default)]
pub(super) struct HaloText {
    pub x: f64,
    pub y: f64,
    pub fill: Option<String>,
    pub rotate: Option<(f64, f64, f64)>,
    pub text: String,
}

/// Labels over a halo, as two groups: the halo (each text stroked in the halo colour, no
/// fill), then the texts in `ink`, in a group of class `class` and id "`map`-`class`". Not
/// `paint-order="stroke"` on one copy: cairosvg and some editors ignore it and paint the halo
/// over the letters.
pub(super) fn halo_texts(
    xml: &mut XmlWriter,
    style: &Style,
    (u, font_px): (f64, f64),
    ink: &str,
    (map, class): (&str, &str),
    texts: &[HaloText],
) {
    if texts.is_empty() {
        return;
    }
    let each = |xml: &mut XmlWriter, fill: bool| {
        for t in texts {
            xml.start("text")
                .attr("x", format_args!("{:.1}", t.x))
                .attr("y", format_args!("{:.1}", t.y))
                .attr_opt("fill", t.fill.as_ref().filter(|_| fill));
            if let Some((angle, cx, cy)) = t.rotate {
                xml.attr(
                    "transform",
                    format_args!("rotate({angle:.2} {cx:.1} {cy:.1})"),
                );
            }
            xml.text(&t.text).end();
        }
    };
    xml.start("g")
        .attr("class", format_args!("{class}-halo"))
        .attr("font-size", format_args!("{font_px:.2}"))
        .attr("fill", "none")
        .attr("stroke", style.halo.rgb_hex())
        .attr(
            "stroke-opacity",
            format_args!("{:.2}", style.halo.opacity()),
        )
        .attr("stroke-width", format_args!("{:.2}", 3.0 * u))
        .attr("stroke-linejoin", "round");
    each(xml, false);
    xml.end();
    xml.start("g")
        .attr("id", format_args!("{map}-{class}"))
        .attr("class", class)
        .attr("font-size", format_args!("{font_px:.2}"))
        .attr("fill", ink);
    each(xml, true);
    xml.end();
}
