//! Target areas from GeoJSON: the polygons of a file drawn elsewhere (QGIS, geojson.io, Natural
//! Earth) taken in as target areas, named from their properties.

use super::file::{MAX_AREA_POINTS, TargetArea};
use serde_json::Value;

/// What an import found: the areas, and what was left out and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedAreas {
    /// One area per polygon or multipolygon feature (outer rings only).
    pub areas: Vec<TargetArea>,
    /// Features skipped, each with where and why ("features[2]: a LineString, not a polygon").
    pub skipped: Vec<String>,
    /// Holes left out: target areas have outer rings only.
    pub holes_dropped: usize,
}

/// Reads the polygons of a GeoJSON text (a FeatureCollection, a Feature or a bare geometry).
/// Each feature's `name` (or `NAME`, `title`, `id`) names its area, else `stem` and a number.
///
/// # Errors
/// The text is not JSON (with line and column), is not GeoJSON, or holds no polygon.
pub fn areas_from_geojson(text: &str, stem: &str) -> Result<ImportedAreas, String> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("not JSON at line {}, column {}: {e}", e.line(), e.column()))?;
    let mut found = ImportedAreas {
        areas: Vec::new(),
        skipped: Vec::new(),
        holes_dropped: 0,
    };
    let kind = value.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "FeatureCollection" => {
            let features = value
                .get("features")
                .and_then(Value::as_array)
                .ok_or("a FeatureCollection without a \"features\" list")?;
            for (i, feature) in features.iter().enumerate() {
                feature_area(feature, &format!("features[{i}]"), stem, &mut found);
            }
        }
        "Feature" => feature_area(&value, "the feature", stem, &mut found),
        "Polygon" | "MultiPolygon" => {
            let feature = serde_json::json!({ "type": "Feature", "geometry": value });
            feature_area(&feature, "the geometry", stem, &mut found);
        }
        "" => return Err("not GeoJSON: no \"type\" member at the top".into()),
        other => return Err(format!("a {other} holds no polygon")),
    }
    if found.areas.is_empty() {
        let why = found.skipped.first().cloned().unwrap_or_default();
        return Err(format!("no polygon found; {why}")
            .trim_end_matches("; ")
            .to_owned());
    }
    Ok(found)
}

fn feature_area(feature: &Value, at: &str, stem: &str, found: &mut ImportedAreas) {
    let geometry = feature.get("geometry").unwrap_or(&Value::Null);
    let kind = geometry.get("type").and_then(Value::as_str).unwrap_or("");
    let coordinates = geometry.get("coordinates");
    let polygons: Vec<&Value> = match (kind, coordinates.and_then(Value::as_array)) {
        ("Polygon", Some(_)) => coordinates.into_iter().collect(),
        ("MultiPolygon", Some(list)) => list.iter().collect(),
        ("", _) => {
            found.skipped.push(format!("{at}: no geometry"));
            return;
        }
        (kind, _) => {
            found.skipped.push(format!("{at}: a {kind}, not a polygon"));
            return;
        }
    };
    let mut rings = Vec::new();
    for polygon in polygons {
        let Some(polygon_rings) = polygon.as_array() else {
            continue;
        };
        found.holes_dropped += polygon_rings.len().saturating_sub(1);
        let Some(outer) = polygon_rings.first().and_then(Value::as_array) else {
            continue;
        };
        let ring: Option<Vec<[f64; 2]>> = outer
            .iter()
            .map(|p| {
                let p = p.as_array()?;
                let (lon, lat) = (p.first()?.as_f64()?, p.get(1)?.as_f64()?);
                ((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
                    .then_some([lon, lat])
            })
            .collect();
        match ring {
            Some(ring) if ring.len() >= 4 => rings.push(ring),
            Some(_) => found
                .skipped
                .push(format!("{at}: a ring of fewer than four positions")),
            None => found.skipped.push(format!(
                "{at}: a position that is not [longitude, latitude] in degrees"
            )),
        }
    }
    if rings.is_empty() {
        return;
    }
    let points: usize = rings.iter().map(Vec::len).sum();
    if points > MAX_AREA_POINTS {
        found.skipped.push(format!(
            "{at}: {points} points, more than the {MAX_AREA_POINTS} an area may have; simplify it first"
        ));
        return;
    }
    let properties = feature.get("properties");
    let name = ["name", "NAME", "Name", "title", "NAME_EN", "ADMIN"]
        .iter()
        .find_map(|key| properties?.get(*key)?.as_str())
        .map(str::to_owned)
        .or_else(|| {
            feature
                .get("id")
                .map(|id| id.to_string().trim_matches('"').to_owned())
        })
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| format!("{stem} {}", found.areas.len() + 1));
    let id: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id: String = id.chars().take(64).collect();
    found.areas.push(TargetArea {
        id: if id.is_empty() { "area".into() } else { id },
        name: name.chars().take(super::MAX_TEXT_CHARS).collect(),
        polygons: rings,
        source: Some(format!("Imported from {stem}")),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_polygons_and_multipolygons_with_their_names() {
        let text = r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"name":"Box"},"geometry":{"type":"Polygon",
             "coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.2,0.2],[0.3,0.2],[0.3,0.3],[0.2,0.2]]]}},
            {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon",
             "coordinates":[[[[10,10],[11,10],[11,11],[10,10]]],[[[20,20],[21,20],[21,21],[20,20]]]]}},
            {"type":"Feature","properties":{"name":"Road"},"geometry":{"type":"LineString",
             "coordinates":[[0,0],[1,1]]}}]}"#;
        let found = areas_from_geojson(text, "zones").unwrap();
        assert_eq!(found.areas.len(), 2);
        assert_eq!(found.areas[0].name, "Box");
        assert_eq!(found.areas[0].id, "box");
        assert_eq!(found.areas[1].name, "zones 2");
        assert_eq!(found.areas[1].polygons.len(), 2);
        assert_eq!(found.holes_dropped, 1);
        assert_eq!(found.skipped, ["features[2]: a LineString, not a polygon"]);
    }

    #[test]
    fn says_what_is_wrong_with_a_file_that_is_not_usable() {
        let e = areas_from_geojson("{\"type\": ", "x").unwrap_err();
        assert!(e.starts_with("not JSON at line 1"), "{e}");
        let e = areas_from_geojson("{\"features\": []}", "x").unwrap_err();
        assert!(e.contains("no \"type\""), "{e}");
        let e = areas_from_geojson(
            r#"{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[0,0],[500,0],[1,1],[0,0]]]}}"#,
            "x",
        )
        .unwrap_err();
        assert!(e.contains("not [longitude, latitude]"), "{e}");
    }
}
