//! KML 2.2 for Google Earth and GIS tools: each ring as a placemark with its covered area (cut
//! at the antimeridian, so no tool draws it across the globe), sites and targets as points.

use super::geojson::source_lines;
use super::xml::XmlWriter;
use crate::color::Rgba;
use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::projection::lonlat::reach_area;
use crate::scenario::Scenario;
use geo::{BooleanOps, Coord, Densify, Euclidean, MultiPolygon, Polygon, Rect};

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

/// KML tools join polygon vertices by great circles, so a lon/lat polygon that spans the map
/// (a pole-enclosing ring, the world minus a cap) would collapse to its corners, which are the
/// poles. Wide polygons are cut into quarter-turns of longitude and every edge is given points
/// at least every degree, so each piece is drawn as the area it is.
fn globe_safe(area: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let mut out = Vec::new();
    for polygon in &area.0 {
        let (min_x, max_x) = polygon
            .exterior()
            .coords()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
                (lo.min(c.x), hi.max(c.x))
            });
        if max_x - min_x < 90.0 {
            out.push(polygon.clone());
        } else {
            for q in 0..4 {
                let west = -180.0 + 90.0 * f64::from(q);
                let quarter = Rect::new(
                    Coord { x: west, y: -90.0 },
                    Coord {
                        x: west + 90.0,
                        y: 90.0,
                    },
                );
                out.extend(quarter.to_polygon().intersection(polygon).0);
            }
        }
    }
    Euclidean.densify(&MultiPolygon(out), 1.0)
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
            .end();
        xml.end();
    }
    for spec in scenario.ring_specs() {
        let site = &scenario.sites()[spec.site];
        let missile = &scenario.missiles()[spec.missile];
        let range_m = missile.range_km * M_PER_KM;
        let Ok(area) = reach_area(&site.origin, range_m, RangeRing::tolerance_m(range_m)) else {
            continue;
        };
        xml.start("Placemark")
            .element(
                "name",
                format_args!(
                    "{} from {} ({} km)",
                    missile.name, site.name, missile.range_km
                ),
            )
            .element("visibility", u8::from(missile.visible))
            .element("styleUrl", format_args!("#m{}", spec.missile));
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
        xml.start("MultiGeometry");
        for p in &globe_safe(&area).0 {
            polygon(&mut xml, p);
        }
        xml.end().end();
    }
    for s in scenario.sites() {
        point(&mut xml, "site", &s.id, &s.name, s.position);
    }
    for t in scenario.targets() {
        point(&mut xml, "target", &t.id, &t.name, t.position);
    }
    xml.finish()
}
