//! KML 2.2 for Google Earth and GIS tools: each ring as a placemark with its covered area (cut
//! at the antimeridian, so no tool draws it across the globe), sites and targets as points.

use super::geojson::source_lines;
use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::scenario::{Rgba, Scenario};
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
        let Ok(ring) = RangeRing::new(
            LatLon::lat_lon(site.lat, site.lon),
            missile.range_km * M_PER_KM,
        ) else {
            continue;
        };
        let area = ring.area(0.0).polygons;
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
