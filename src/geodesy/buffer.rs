//! The reach of a missile from a patrol *area*: every point within range of some point of the
//! area (a geodesic buffer), as a lon/lat area, with distances measured to the area.

use super::{GeodesyError, LatLon, RangeRing, cut_at_map_edge, distance_m, inverse, normalize_lon};
use geo::{BooleanOps, Contains, Coord, LineString, MultiPolygon, Point, Polygon};

/// A patrol area and the ground within `radius_m` of it.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaBuffer {
    /// The area's corners, in order (not repeated at the end).
    pub corners: Vec<LatLon>,
    /// Reach, metres.
    pub radius_m: f64,
    /// The covered area, planar lon/lat degrees on [-180, 180], cut at the antimeridian.
    pub polygons: MultiPolygon<f64>,
}

/// Points along the area's edges (straight in lon/lat, the short way round in longitude), no
/// farther apart than `step_km`.
fn edge_points(corners: &[LatLon], step_km: f64) -> Vec<LatLon> {
    let mut out = Vec::new();
    for i in 0..corners.len() {
        let a = corners[i];
        let b = corners[(i + 1) % corners.len()];
        let dlon = normalize_lon(b.lon - a.lon);
        let steps = (distance_m(a, b) / 1000.0 / step_km).ceil().max(1.0) as usize;
        for k in 0..steps {
            let t = k as f64 / steps as f64;
            out.push(LatLon::lat_lon(
                a.lat + t * (b.lat - a.lat),
                normalize_lon(a.lon + t * dlon),
            ));
        }
    }
    out
}

/// The area as a planar lon/lat polygon cut at the antimeridian.
fn area_polygon(corners: &[LatLon]) -> MultiPolygon<f64> {
    let mut lon = corners[0].lon;
    let mut ring = vec![Coord {
        x: lon,
        y: corners[0].lat,
    }];
    for w in corners.windows(2) {
        lon += normalize_lon(w[1].lon - w[0].lon);
        ring.push(Coord {
            x: lon,
            y: w[1].lat,
        });
    }
    cut_at_map_edge(&Polygon::new(LineString::from(ring), vec![]), 0.0)
}

impl AreaBuffer {
    /// The buffer of the area with corners `corners` by `radius_m`, drawn within `tolerance_m`:
    /// the area itself joined with the rings around points of its edges, spaced so that the
    /// scalloping between neighbouring rings stays within the tolerance.
    ///
    /// # Errors
    /// Fewer than three corners, a corner out of range, or a bad radius.
    pub fn new(corners: &[LatLon], radius_m: f64, tolerance_m: f64) -> Result<Self, GeodesyError> {
        for c in corners {
            LatLon::checked(c.lat, c.lon)?;
        }
        if !(radius_m.is_finite() && radius_m > 0.0) {
            return Err(GeodesyError::Radius(radius_m));
        }
        if corners.len() < 3 {
            return Err(GeodesyError::Area(corners.len()));
        }
        let tolerance_m = tolerance_m.clamp(10.0, RangeRing::tolerance_m(radius_m));
        // Two circles of radius R whose centres are s apart leave a notch of about s^2 / 8R.
        let step_km = ((8.0 * radius_m * tolerance_m).sqrt() / 1000.0).clamp(1.0, 500.0);
        let mut polygons = area_polygon(corners);
        for p in edge_points(corners, step_km) {
            let ring = RangeRing::with_tolerance(p, radius_m, tolerance_m)?;
            polygons = polygons.union(&ring.area(0.0).polygons);
        }
        Ok(Self {
            corners: corners.to_vec(),
            radius_m,
            polygons,
        })
    }

    /// Geodesic distance from the area to `p` (zero inside), metres, and the initial azimuth
    /// from the area's nearest point, degrees (0 inside).
    pub fn distance_to(&self, p: LatLon) -> (f64, f64) {
        distance_to_area(&self.corners, p)
    }

    /// Whether `p` is within reach, by geodesic distance to the area.
    pub fn contains(&self, p: LatLon) -> bool {
        self.distance_to(p).0 <= self.radius_m
    }

    /// The outline of the covered area for drawing: its rings without the edges that lie on
    /// the antimeridian cut or a pole line, in lon/lat degrees.
    pub fn outline(&self) -> Vec<LineString<f64>> {
        let artificial = |a: Coord<f64>, b: Coord<f64>| {
            (a.x.abs() >= 180.0 - 1e-9 && (a.x - b.x).abs() < 1e-9)
                || (a.y.abs() >= 90.0 - 1e-9 && (a.y - b.y).abs() < 1e-9)
        };
        super::outline_without(&self.polygons.0, artificial)
    }
}

/// Whether `p` lies in the area with corners `corners`.
pub fn area_contains(corners: &[LatLon], p: LatLon) -> bool {
    corners.len() >= 3 && area_polygon(corners).contains(&Point::new(p.lon, p.lat))
}

/// Geodesic distance from the area with corners `corners` to `p` (zero inside), metres, and the
/// initial azimuth from the area's nearest point, degrees (0 inside).
pub fn distance_to_area(corners: &[LatLon], p: LatLon) -> (f64, f64) {
    if area_contains(corners, p) {
        return (0.0, 0.0);
    }
    // For each edge: the nearest of 16 samples, then golden-section search around it.
    let n = corners.len();
    let mut best = (f64::INFINITY, 0.0);
    for i in 0..n {
        let a = corners[i];
        let b = corners[(i + 1) % n];
        let dlon = normalize_lon(b.lon - a.lon);
        let at =
            |t: f64| LatLon::lat_lon(a.lat + t * (b.lat - a.lat), normalize_lon(a.lon + t * dlon));
        let d = |t: f64| distance_m(at(t), p);
        let k = (0..=16)
            .min_by(|&x, &y| d(f64::from(x) / 16.0).total_cmp(&d(f64::from(y) / 16.0)))
            .unwrap_or(0);
        let (mut lo, mut hi) = ((f64::from(k) - 1.0) / 16.0, (f64::from(k) + 1.0) / 16.0);
        (lo, hi) = (lo.max(0.0), hi.min(1.0));
        let golden = 0.5 * (5f64.sqrt() - 1.0);
        for _ in 0..40 {
            let (x1, x2) = (hi - golden * (hi - lo), lo + golden * (hi - lo));
            if d(x1) < d(x2) {
                hi = x2;
            } else {
                lo = x1;
            }
        }
        let q = at(0.5 * (lo + hi));
        let line = inverse(q, p);
        if line.distance_m < best.0 {
            best = (line.distance_m, line.azimuth_deg);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe_check(corners: &[LatLon], radius_m: f64) {
        let buffer = AreaBuffer::new(corners, radius_m, 2_000.0).unwrap();
        let tolerance = RangeRing::tolerance_m(radius_m);
        let mut checked = 0;
        for lat in (-80..=80).step_by(4) {
            for lon in (-180..180).step_by(4) {
                let p = LatLon::lat_lon(f64::from(lat), f64::from(lon));
                let (d, _) = buffer.distance_to(p);
                if (d - radius_m).abs() < tolerance + 3_000.0 {
                    continue;
                }
                let x = if lon == -180 {
                    -179.999
                } else {
                    f64::from(lon)
                };
                let filled = buffer.polygons.contains(&Point::new(x, p.lat));
                assert_eq!(
                    filled,
                    d <= radius_m,
                    "{p:?}: {:.0} km from the area",
                    d / 1000.0
                );
                checked += 1;
            }
        }
        assert!(checked > 500);
    }

    #[test]
    fn buffer_of_a_box_across_the_antimeridian() {
        let corners = [
            LatLon::lat_lon(30.0, 175.0),
            LatLon::lat_lon(30.0, -170.0),
            LatLon::lat_lon(38.0, -170.0),
            LatLon::lat_lon(38.0, 175.0),
        ];
        probe_check(&corners, 2_000_000.0);
        let buffer = AreaBuffer::new(&corners, 2_000_000.0, 2_000.0).unwrap();
        assert!(
            buffer.contains(LatLon::lat_lon(34.0, 180.0)),
            "inside the area"
        );
        assert_eq!(buffer.distance_to(LatLon::lat_lon(34.0, -179.0)).0, 0.0);
        // Honolulu is about 1,500 km from the box's south-east corner; (5 N, 150 W) about 3,400.
        assert!(buffer.contains(LatLon::lat_lon(21.3, -157.9)));
        assert!(!buffer.contains(LatLon::lat_lon(5.0, -150.0)));
    }

    #[test]
    fn buffer_of_a_japan_sea_box() {
        let corners = [
            LatLon::lat_lon(38.0, 131.0),
            LatLon::lat_lon(38.0, 136.0),
            LatLon::lat_lon(42.0, 136.0),
            LatLon::lat_lon(42.0, 131.0),
        ];
        probe_check(&corners, 2_500_000.0);
    }
}
