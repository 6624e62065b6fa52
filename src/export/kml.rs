//! KML 2.2 for Google Earth and GIS tools: each ring as a placemark with its covered area (cut
//! at the antimeridian, so no tool draws it across the globe), sites and targets as points.

use super::geojson::source_lines;
use crate::geodesy::{M_PER_KM, RangeRing};
use crate::scenario::{Rgba, Scenario};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon, Rect};
use std::fmt::Write as _;

fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

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
        let pieces = if max_x - min_x < 90.0 {
            vec![polygon.clone()]
        } else {
            (0..4)
                .flat_map(|q| {
                    let west = -180.0 + 90.0 * f64::from(q);
                    let quarter = Rect::new(
                        Coord { x: west, y: -90.0 },
                        Coord {
                            x: west + 90.0,
                            y: 90.0,
                        },
                    );
                    quarter.to_polygon().intersection(polygon).0
                })
                .collect()
        };
        for piece in pieces {
            let densify = |ring: &LineString<f64>| -> LineString<f64> {
                let mut coords = Vec::new();
                for seg in ring.lines() {
                    let steps = (seg.dx().abs().max(seg.dy().abs())).ceil().max(1.0) as usize;
                    for k in 0..steps {
                        let t = k as f64 / steps as f64;
                        coords.push(Coord {
                            x: seg.start.x + t * seg.dx(),
                            y: seg.start.y + t * seg.dy(),
                        });
                    }
                }
                if let Some(first) = coords.first().copied() {
                    coords.push(first);
                }
                LineString::from(coords)
            };
            out.push(Polygon::new(
                densify(piece.exterior()),
                piece.interiors().iter().map(densify).collect(),
            ));
        }
    }
    MultiPolygon(out)
}

/// The whole scenario as a KML document.
pub fn scenario_kml(scenario: &Scenario) -> String {
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>\n");
    let _ = writeln!(
        out,
        "<name>{}</name>",
        xml(scenario.title.as_deref().unwrap_or("range-rings"))
    );
    for i in 0..scenario.missiles.len() {
        let c = scenario.missile_color(i);
        let _ = writeln!(
            out,
            "<Style id=\"m{i}\"><LineStyle><color>{}</color><width>2</width></LineStyle><PolyStyle><color>{}</color></PolyStyle></Style>",
            kml_color(c, 0xff),
            kml_color(c, 0x33)
        );
    }
    for spec in scenario.ring_specs() {
        let site = &scenario.sites[spec.site];
        let missile = &scenario.missiles[spec.missile];
        let tolerance = RangeRing::tolerance_m(missile.range_km * M_PER_KM);
        let Some(area) = crate::reach::reach_area(site, missile.range_km, tolerance) else {
            continue;
        };
        let area = globe_safe(&area);
        let _ = writeln!(
            out,
            "<Placemark><name>{} from {} ({} km)</name><visibility>{}</visibility><styleUrl>#m{}</styleUrl>",
            xml(&missile.name),
            xml(&site.name),
            missile.range_km,
            u8::from(missile.is_visible()),
            spec.missile
        );
        out.push_str("<ExtendedData>");
        for (key, value) in [
            ("site", site.id.clone()),
            ("missile", missile.id.clone()),
            ("range_km", missile.range_km.to_string()),
            ("sources", source_lines(missile).join("; ")),
        ] {
            let _ = write!(
                out,
                "<Data name=\"{key}\"><value>{}</value></Data>",
                xml(&value)
            );
        }
        out.push_str("</ExtendedData>\n<MultiGeometry>\n");
        for polygon in &area.0 {
            let _ = write!(
                out,
                "<Polygon><tessellate>0</tessellate><outerBoundaryIs><LinearRing><coordinates>{}</coordinates></LinearRing></outerBoundaryIs>",
                coordinates(polygon.exterior())
            );
            for hole in polygon.interiors() {
                let _ = write!(
                    out,
                    "<innerBoundaryIs><LinearRing><coordinates>{}</coordinates></LinearRing></innerBoundaryIs>",
                    coordinates(hole)
                );
            }
            out.push_str("</Polygon>\n");
        }
        out.push_str("</MultiGeometry></Placemark>\n");
    }
    let point = |out: &mut String, kind: &str, id: &str, name: &str, lat: f64, lon: f64| {
        let _ = writeln!(
            out,
            "<Placemark><name>{}</name><ExtendedData><Data name=\"kind\"><value>{kind}</value></Data><Data name=\"id\"><value>{}</value></Data></ExtendedData><Point><coordinates>{lon},{lat}</coordinates></Point></Placemark>",
            xml(name),
            xml(id)
        );
    };
    for s in &scenario.sites {
        point(&mut out, "site", &s.id, &s.name, s.lat, s.lon);
    }
    for t in &scenario.targets {
        point(&mut out, "target", &t.id, &t.name, t.lat, t.lon);
    }
    out.push_str("</Document>\n</kml>\n");
    out
}
