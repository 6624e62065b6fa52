//! KML 2.2 for Google Earth and GIS tools, in three folders that GDAL reads as three layers of
//! one geometry type each: "Reach areas" (the covered areas, filled without outline), "Range
//! rings" (the true ring as lines) and "Sites and targets" (points).
//!
//! Areas are cut at the antimeridian, so no tool draws them across the globe. Google Earth
//! joins vertices by great circles and fills the smaller side of a polygon, so an area wider
//! than a quarter-turn of longitude is cut into quarter-turn pieces, each its own placemark:
//! pieces of one placemark may not share an edge in a valid multipolygon. Fills have no
//! outline, so the cuts never show; the ring is drawn once, as lines.

use super::geojson::source_lines;
use super::xml::XmlWriter;
use crate::color::Rgba;
use crate::geodesy::{LatLon, M_PER_KM, Origin, RangeRing};
use crate::projection::lonlat::{outline_of_cut, reach_area};
use crate::scenario::{Missile, Scenario, Site};
use geo::{BooleanOps, Coord, Densify, Euclidean, LineString, MultiPolygon, Polygon, Rect};

/// KML colours are aabbggrr.
fn kml_color(c: Rgba, alpha: u8) -> String {
    let [r, g, b, _] = c.0;
    format!("{alpha:02x}{b:02x}{g:02x}{r:02x}")
}

fn coordinates(ring: &geo::LineString<f64>) -> String {
    ring.coords()
        .map(|c| format!("{:.7},{:.7}", c.x, c.y))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Longest edge written, degrees: Google Earth joins vertices by great circles, which stay
/// within about 100 m of the straight lon/lat edge at this length.
const MAX_EDGE_DEG: f64 = 1.0;

/// The pieces an area is written as: the area itself when no polygon spans a quarter-turn of
/// longitude (one placemark), else every polygon cut into quarter-turns (one placemark each).
fn fill_pieces(area: &MultiPolygon<f64>) -> Vec<MultiPolygon<f64>> {
    let wide = |polygon: &Polygon<f64>| {
        let (min_x, max_x) = polygon
            .exterior()
            .coords()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c.x), hi.max(c.x))
            });
        max_x - min_x >= 90.0
    };
    if !area.0.iter().any(wide) {
        return vec![Euclidean.densify(area, MAX_EDGE_DEG)];
    }
    let mut pieces = Vec::new();
    for polygon in &area.0 {
        for q in 0..4 {
            let west = -180.0 + 90.0 * f64::from(q);
            let quarter = Rect::new(
                Coord { x: west, y: -90.0 },
                Coord {
                    x: west + 90.0,
                    y: 90.0,
                },
            );
            pieces.extend(quarter.to_polygon().intersection(polygon).0);
        }
    }
    pieces
        .into_iter()
        .map(|p| Euclidean.densify(&MultiPolygon(vec![p]), MAX_EDGE_DEG))
        .collect()
}

/// The ring's outline as lines in lon/lat: the true ring for a point, the buffer's boundary
/// for a patrol area, broken at the antimeridian and where it runs through a pole.
fn ring_lines(origin: &Origin, area: &MultiPolygon<f64>, range_m: f64) -> Vec<LineString<f64>> {
    let lines = match origin {
        Origin::Point(centre) => RangeRing::new(*centre, range_m)
            .map(|ring| ring.outline(0.0))
            .unwrap_or_default(),
        Origin::Area(_) => outline_of_cut(area),
    };
    lines
        .iter()
        .map(|line| Euclidean.densify(line, MAX_EDGE_DEG))
        .collect()
}

fn point(xml: &mut XmlWriter, kind: &str, id: &str, name: &str, at: LatLon) {
    xml.start("Placemark").element("name", name);
    xml.start("ExtendedData");
    for (key, value) in [("kind", kind), ("id", id)] {
        xml.start("Data")
            .attr("name", key)
            .element("value", value)
            .end();
    }
    xml.end();
    xml.start("Point")
        .element("coordinates", format_args!("{},{}", at.lon, at.lat))
        .end();
    xml.end();
}

fn polygon(xml: &mut XmlWriter, polygon: &Polygon<f64>) {
    xml.start("Polygon").element("tessellate", 0);
    xml.start("outerBoundaryIs")
        .start("LinearRing")
        .element("coordinates", coordinates(polygon.exterior()))
        .end()
        .end();
    for hole in polygon.interiors() {
        xml.start("innerBoundaryIs")
            .start("LinearRing")
            .element("coordinates", coordinates(hole))
            .end()
            .end();
    }
    xml.end();
}

/// A placemark's name, visibility, style and data: what a ring's fill and outline share.
fn ring_placemark(xml: &mut XmlWriter, name: &str, style: usize, site: &Site, missile: &Missile) {
    xml.start("Placemark")
        .element("name", name)
        .element("visibility", u8::from(missile.visible))
        .element("styleUrl", format_args!("#m{style}"));
    xml.start("ExtendedData");
    for (key, value) in [
        ("site", site.id.clone()),
        ("missile", missile.id.clone()),
        ("range_km", missile.range_km.to_string()),
        ("sources", source_lines(missile).join("; ")),
    ] {
        xml.start("Data")
            .attr("name", key)
            .element("value", value)
            .end();
    }
    xml.end();
}

/// The whole scenario as a KML document.
pub fn scenario_kml(scenario: &Scenario) -> String {
    let mut xml = XmlWriter::with_declaration();
    xml.start("kml")
        .attr("xmlns", "http://www.opengis.net/kml/2.2");
    xml.start("Document")
        .element("name", scenario.title().unwrap_or("range-rings"));
    for (i, missile) in scenario.missiles().iter().enumerate() {
        xml.start("Style").attr("id", format_args!("m{i}"));
        xml.start("LineStyle")
            .element("color", kml_color(missile.color, 0xff))
            .element("width", 2)
            .end();
        xml.start("PolyStyle")
            .element("color", kml_color(missile.color, 0x33))
            .element("outline", 0)
            .end();
        xml.end();
    }
    // Each ring's area and outline, computed once for both folders.
    let rings: Vec<_> = scenario
        .ring_specs()
        .iter()
        .filter_map(|spec| {
            let site = &scenario.sites()[spec.site];
            let missile = &scenario.missiles()[spec.missile];
            let range_m = missile.range_km * M_PER_KM;
            let area = reach_area(&site.origin, range_m, RangeRing::tolerance_m(range_m)).ok()?;
            let name = format!(
                "{} from {} ({} km)",
                missile.name,
                site.display_name(),
                missile.range_km
            );
            let lines = ring_lines(&site.origin, &area, range_m);
            Some((spec.missile, site, missile, name, area, lines))
        })
        .collect();

    xml.start("Folder").element("name", "Reach areas");
    for (style, site, missile, name, area, _) in &rings {
        let pieces = fill_pieces(area);
        for (k, piece) in pieces.iter().enumerate() {
            let name = match pieces.len() {
                1 => name.clone(),
                n => format!("{name}, part {} of {n}", k + 1),
            };
            ring_placemark(&mut xml, &name, *style, site, missile);
            if let [one] = piece.0.as_slice() {
                polygon(&mut xml, one);
            } else {
                xml.start("MultiGeometry");
                for p in &piece.0 {
                    polygon(&mut xml, p);
                }
                xml.end();
            }
            xml.end();
        }
    }
    xml.end();

    xml.start("Folder").element("name", "Range rings");
    for (style, site, missile, name, _, lines) in &rings {
        if lines.is_empty() {
            continue; // A ring that covers the whole Earth has no edge.
        }
        ring_placemark(&mut xml, name, *style, site, missile);
        xml.start("MultiGeometry");
        for line in lines {
            xml.start("LineString")
                .element("tessellate", 1)
                .element("coordinates", coordinates(line))
                .end();
        }
        xml.end().end();
    }
    xml.end();

    xml.start("Folder").element("name", "Sites and targets");
    for s in scenario.sites() {
        point(&mut xml, "site", &s.id, &s.display_name(), s.position);
    }
    for t in scenario.targets() {
        point(&mut xml, "target", &t.id, &t.name, t.position);
    }
    xml.end();
    xml.finish()
}
