//! RFC 7946 GeoJSON: rings as Polygon or MultiPolygon features in longitude/latitude, cut at
//! the antimeridian, closed through enclosed poles, exterior rings counter-clockwise, and no
//! edge longer than [`MAX_EDGE_DEG`], so that tools reading edges as geodesics (pyproj, Turf,
//! BigQuery) see the same area as tools reading them as straight lines in lon/lat.

use crate::geodesy::{M_PER_KM, Origin, RangeRing, RingShape};
use crate::projection::lonlat::reach_area;
use crate::scenario::{Missile, Scenario, SiteKind};
use geo::orient::{Direction, Orient};
use geo::{MultiPolygon, Polygon};
use serde_json::{Map, Value, json};

/// Coordinates are written with 7 decimals: about 1 cm, far below the drawing tolerance.
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

/// Longest edge written, degrees of longitude or latitude. The cut at the antimeridian, the
/// line along an enclosed pole and a ring along a parallel (around a pole) are straight in
/// lon/lat but not geodesics: split into 1-degree steps, a geodesic edge strays at most about
/// 100 m from the straight one (at 45 degrees), and a 180-degree meridian edge between the
/// poles, which as a geodesic could run down any meridian, becomes unambiguous.
pub const MAX_EDGE_DEG: f64 = 1.0;

/// The points of `line` with points added on every edge longer than [`MAX_EDGE_DEG`], evenly
/// along the straight lon/lat segment, so the polygon is the same in lon/lat.
fn densified(line: &geo::LineString<f64>) -> Vec<geo::Coord<f64>> {
    let mut out = Vec::with_capacity(line.0.len());
    for pair in line.0.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let steps = ((b.x - a.x).abs().max((b.y - a.y).abs()) / MAX_EDGE_DEG)
            .ceil()
            .max(1.0);
        let n = steps as usize;
        out.extend((0..n).map(|i| {
            let t = i as f64 / steps;
            geo::Coord {
                x: a.x + t * (b.x - a.x),
                y: a.y + t * (b.y - a.y),
            }
        }));
    }
    out.extend(line.0.last());
    out
}

fn polygon_coordinates(polygon: &Polygon<f64>) -> Value {
    let ring = |line: &geo::LineString<f64>| {
        Value::Array(
            densified(line)
                .iter()
                .map(|c| json!([round7(c.x), round7(c.y)]))
                .collect(),
        )
    };
    let mut rings = vec![ring(polygon.exterior())];
    rings.extend(polygon.interiors().iter().map(ring));
    Value::Array(rings)
}

/// A GeoJSON geometry for a lon/lat area: a Polygon when it is one piece, else a MultiPolygon.
pub fn area_geometry(area: &MultiPolygon<f64>) -> Value {
    match area.0.as_slice() {
        [one] => json!({ "type": "Polygon", "coordinates": polygon_coordinates(one) }),
        many => json!({
            "type": "MultiPolygon",
            "coordinates": many.iter().map(polygon_coordinates).collect::<Vec<_>>(),
        }),
    }
}

/// One Feature for a ring, with its centre, radius and shape as properties, plus `extra`.
pub fn ring_feature(ring: &RangeRing, extra: Map<String, Value>) -> Value {
    let mut properties = Map::new();
    properties.insert("center_lat".into(), json!(ring.centre.lat));
    properties.insert("center_lon".into(), json!(ring.centre.lon));
    properties.insert("radius_km".into(), json!(ring.radius_m / M_PER_KM));
    properties.insert(
        "whole_earth".into(),
        json!(ring.shape == RingShape::WholeEarth),
    );
    properties.insert(
        "contains_north_pole".into(),
        json!(ring.contains_north_pole),
    );
    properties.insert(
        "contains_south_pole".into(),
        json!(ring.contains_south_pole),
    );
    properties.extend(extra);
    json!({
        "type": "Feature",
        "properties": properties,
        "geometry": area_geometry(&ring.area(0.0).polygons),
    })
}

/// Every ring of the scenario (hidden ones too, marked `"visible": false`) as Features with
/// site, missile, range and sources, then sites and targets as Point features: one RFC 7946
/// FeatureCollection.
pub fn scenario_collection(scenario: &Scenario) -> Value {
    let mut features = Vec::new();
    for spec in scenario.ring_specs() {
        let site = &scenario.sites()[spec.site];
        let missile = &scenario.missiles()[spec.missile];
        let mut props = Map::new();
        props.insert("kind".into(), json!("ring"));
        props.insert("site".into(), json!(site.id));
        props.insert("site_name".into(), json!(site.name));
        props.insert("missile".into(), json!(missile.id));
        props.insert("missile_name".into(), json!(missile.name));
        props.insert("range_km".into(), json!(missile.range_km));
        let file = &scenario.file().missiles[spec.missile];
        if let Some(min) = file.range_min_km {
            props.insert("range_min_km".into(), json!(min));
        }
        if let Some(max) = file.range_max_km {
            props.insert("range_max_km".into(), json!(max));
        }
        props.insert("color".into(), json!(missile.color.to_hex()));
        props.insert("visible".into(), json!(missile.visible));
        props.insert("sources".into(), json!(source_lines(missile)));
        let range_m = missile.range_km * M_PER_KM;
        match &site.origin {
            Origin::Area(_) => {
                let tolerance = RangeRing::tolerance_m(range_m);
                let Ok(area) = reach_area(&site.origin, range_m, tolerance) else {
                    continue;
                };
                props.insert("patrol_area".into(), json!(true));
                props.insert("radius_km".into(), json!(missile.range_km));
                features.push(json!({
                    "type": "Feature",
                    "properties": props,
                    "geometry": area_geometry(&area.orient(Direction::Default)),
                }));
            }
            Origin::Point(centre) => {
                let Ok(ring) = RangeRing::new(*centre, range_m) else {
                    continue;
                };
                features.push(ring_feature(&ring, props));
            }
        }
    }
    for site in scenario.sites() {
        let kind = match site.kind {
            SiteKind::Launch => "launch",
            SiteKind::Patrol => "patrol",
        };
        features.push(json!({
            "type": "Feature",
            "properties": {
                "kind": "site", "id": site.id, "name": site.name,
                "site_kind": kind, "illustrative": site.illustrative,
                "hypothetical": site.hypothetical,
            },
            "geometry": { "type": "Point", "coordinates": [site.position.lon, site.position.lat] },
        }));
    }
    for target in scenario.targets() {
        features.push(json!({
            "type": "Feature",
            "properties": { "kind": "target", "id": target.id, "name": target.name, "group": target.group },
            "geometry": { "type": "Point", "coordinates": [target.position.lon, target.position.lat] },
        }));
    }
    json!({ "type": "FeatureCollection", "features": features })
}

/// A missile's sources as one line each: "text (date)".
pub fn source_lines(missile: &Missile) -> Vec<String> {
    missile.sources.iter().map(|s| s.line()).collect()
}
