//! The projected basemap (land, coasts, borders, graticule): the part of a scene that depends
//! only on the projection, the level of detail and the tolerance, so it is built once and
//! shared.

use super::Focus;
use crate::basemap::{Basemap, Detail};
use crate::projection::{LonLatWindow, Projection};
use geo::{Coord, LineString, MultiPolygon, Polygon};

/// The projected basemap: the part of a scene that depends only on the projection and the level
/// of detail, so the app can keep it while rings and sites change.
#[derive(Debug, Clone)]
pub struct BasemapLayer {
    /// The sphere's face (ocean).
    pub sphere: Polygon<f64>,
    /// Land.
    pub land: MultiPolygon<f64>,
    /// Coastlines.
    pub coastlines: Vec<LineString<f64>>,
    /// Country borders.
    pub borders: Vec<LineString<f64>>,
    /// Graticule.
    pub graticule: Vec<LineString<f64>>,
    /// The basemap detail used.
    pub detail: Detail,
}

impl BasemapLayer {
    /// Projects the basemap at `detail`, resampled and simplified to `tolerance` map units;
    /// with a `focus`, only the land and lines near it (an inset need not project the world).
    pub fn build(
        projection: &Projection,
        detail: Detail,
        tolerance: f64,
        graticule_step_deg: f64,
        focus: Option<Focus>,
    ) -> Self {
        let basemap = Basemap::get(detail);
        let window = focus.and_then(|f| LonLatWindow::around(f.centre, f.radius_km));
        let (land, coastlines, borders) = match &window {
            Some(w) => (
                w.clip_polygons(&basemap.land),
                w.clip_lines(&basemap.coastlines),
                w.clip_lines(&basemap.borders),
            ),
            None => (
                basemap.land.clone(),
                basemap.coastlines.clone(),
                basemap.borders.clone(),
            ),
        };
        let land = simplify_polygons(projection.project_polygons(&land, tolerance), tolerance);
        let lines = |source: &[LineString<f64>]| -> Vec<LineString<f64>> {
            source
                .iter()
                .flat_map(|l| projection.project_line(&l.0, tolerance))
                .map(|l| simplify_line(&l, tolerance))
                .filter(|l| l.0.len() >= 2)
                .collect()
        };
        Self {
            sphere: projection.outline(),
            land,
            coastlines: lines(&coastlines),
            borders: lines(&borders),
            graticule: lines(&graticule_lines(
                graticule_step_deg,
                projection.central_lon(),
            )),
            detail,
        }
    }
}

/// Meridians and parallels every `step` degrees as lon/lat polylines with 1-degree vertices,
/// leaving out the meridian on the map edge of a cylindrical map.
fn graticule_lines(step: f64, central_lon: f64) -> Vec<LineString<f64>> {
    if step.is_nan() || step <= 0.0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let count = (360.0 / step).round() as i32;
    let edge = crate::geodesy::normalize_lon(central_lon + 180.0);
    for i in 0..count {
        let lon = -180.0 + f64::from(i) * step;
        if (crate::geodesy::normalize_lon(lon) - edge).abs() < 1e-9 {
            continue;
        }
        // Meridians stop short of the poles, where they all meet.
        lines.push(
            (-80..=80)
                .map(|lat| Coord {
                    x: lon,
                    y: f64::from(lat),
                })
                .collect(),
        );
    }
    let mut lat = -90.0 + step;
    while lat < 90.0 - 1e-9 {
        lines.push(
            (-180..=180)
                .map(|lon| Coord {
                    x: f64::from(lon),
                    y: lat,
                })
                .collect(),
        );
        lat += step;
    }
    lines
}

/// Drops vertices closer than `tolerance` to the last kept one: the basemap at pixel scale.
pub fn simplify_line(line: &LineString<f64>, tolerance: f64) -> LineString<f64> {
    let coords = &line.0;
    if coords.len() <= 2 {
        return line.clone();
    }
    let mut out = Vec::with_capacity(coords.len() / 2 + 2);
    out.push(coords[0]);
    let t2 = tolerance * tolerance;
    for &c in &coords[1..coords.len() - 1] {
        let last = out[out.len() - 1];
        if (c.x - last.x).powi(2) + (c.y - last.y).powi(2) >= t2 {
            out.push(c);
        }
    }
    out.push(coords[coords.len() - 1]);
    LineString::from(out)
}

fn simplify_polygons(polygons: MultiPolygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    MultiPolygon(
        polygons
            .0
            .into_iter()
            .filter_map(|p| {
                let exterior = simplify_line(p.exterior(), tolerance);
                (exterior.0.len() >= 4).then(|| {
                    let holes = p
                        .interiors()
                        .iter()
                        .map(|h| simplify_line(h, tolerance))
                        .filter(|h| h.0.len() >= 4)
                        .collect();
                    Polygon::new(exterior, holes)
                })
            })
            .collect(),
    )
}
