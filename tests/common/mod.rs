//! Helpers shared by the test modules.

use geo::{Contains, Coord, MultiPolygon, Point};
use range_rings::geodesy::LatLon;
use serde::Deserialize;
use std::path::PathBuf;

/// Path of a file under `tests/data/`.
pub fn data_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The GeographicLib reference values made by `tests/data/make_geodesic_fixtures.py`.
#[derive(Deserialize)]
pub struct Reference {
    pub inverse: Vec<InverseCase>,
    pub direct: Vec<DirectCase>,
    pub rings: Vec<RingCase>,
}

#[derive(Deserialize)]
pub struct InverseCase {
    pub name: String,
    pub lat1: f64,
    pub lon1: f64,
    pub lat2: f64,
    pub lon2: f64,
    pub s12_m: f64,
    pub azi1_deg: f64,
}

#[derive(Deserialize)]
pub struct DirectCase {
    pub name: String,
    pub lat1: f64,
    pub lon1: f64,
    pub azi1_deg: f64,
    pub s12_m: f64,
    pub lat2: f64,
    pub lon2: f64,
}

#[derive(Deserialize)]
pub struct RingCase {
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub radius_m: f64,
    pub probes: Vec<Probe>,
}

#[derive(Deserialize)]
pub struct Probe {
    pub lat: f64,
    pub lon: f64,
    pub distance_m: f64,
    pub inside: bool,
}

pub fn reference() -> Reference {
    let text = std::fs::read_to_string(data_path("geodesic_reference.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Whether a lon/lat area contains a point, moving points that sit exactly on a pole or on
/// the map edge a hair inwards (a point on a polygon's boundary is not "contained").
pub fn area_contains(area: &MultiPolygon<f64>, p: LatLon, central_meridian: f64) -> bool {
    let lat = p.lat.clamp(-89.99999, 89.99999);
    let west = central_meridian - 180.0;
    let mut lon = west + (p.lon - west).rem_euclid(360.0);
    lon = lon.clamp(west + 1e-6, west + 360.0 - 1e-6);
    area.contains(&Point::from(Coord { x: lon, y: lat }))
}

/// Angle difference folded into [-180, 180).
pub fn angle_diff(a: f64, b: f64) -> f64 {
    (a - b + 180.0).rem_euclid(360.0) - 180.0
}
