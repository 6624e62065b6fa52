//! RFC 7946 GeoJSON: rings as Polygon or MultiPolygon features in longitude/latitude, cut at
//! the antimeridian, closed through enclosed poles, exterior rings counter-clockwise.

use crate::geodesy::{M_PER_KM, RangeRing, RingShape};
use geo::{MultiPolygon, Polygon};
use serde_json::{Map, Value, json};

/// Coordinates are written with 7 decimals: about 1 cm, far below the drawing tolerance.
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

fn polygon_coordinates(polygon: &Polygon<f64>) -> Value {
    let ring = |line: &geo::LineString<f64>| {
        Value::Array(
            line.coords()
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
