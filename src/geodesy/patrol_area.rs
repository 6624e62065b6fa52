//! Where a missile flies from: a point, or anywhere in a patrol area. Distances to an area run
//! from its nearest point, by geodesic distance.

use super::{GeodesyError, LatLon, distance_m, inverse, normalize_lon};
use crate::numeric::golden_section_max;
use geo::{Contains, Coord, LineString, Point, Polygon};

/// A patrol area: corners in order, joined by edges that are straight in longitude and
/// latitude and run the short way round in longitude. It never encircles a pole.
#[derive(Debug, Clone, PartialEq)]
pub struct PatrolArea {
    corners: Vec<LatLon>,
}

impl PatrolArea {
    /// An area from its corners, given in order; a repeated closing corner and repeated
    /// neighbours are dropped.
    ///
    /// # Errors
    /// A corner out of range, fewer than three distinct corners, or edges that go round a pole.
    pub fn new(corners: &[LatLon]) -> Result<Self, GeodesyError> {
        for c in corners {
            LatLon::checked(c.lat, c.lon)?;
        }
        let mut corners = corners.to_vec();
        corners.dedup();
        if corners.len() > 1 && corners.first() == corners.last() {
            corners.pop();
        }
        if corners.len() < 3 {
            return Err(GeodesyError::Area(corners.len()));
        }
        let winding: f64 = (0..corners.len())
            .map(|i| normalize_lon(corners[(i + 1) % corners.len()].lon - corners[i].lon))
            .sum();
        if winding.abs() > 180.0 {
            return Err(GeodesyError::AreaAroundPole);
        }
        Ok(Self { corners })
    }

    /// The corners, in order, without a repeated closing corner.
    pub fn corners(&self) -> &[LatLon] {
        &self.corners
    }

    /// The point at parameter `t` in [0, 1] along edge `i` (from corner `i` to the next).
    fn edge_point(&self, i: usize, t: f64) -> LatLon {
        let a = self.corners[i];
        let b = self.corners[(i + 1) % self.corners.len()];
        let dlon = normalize_lon(b.lon - a.lon);
        LatLon::lat_lon(a.lat + t * (b.lat - a.lat), normalize_lon(a.lon + t * dlon))
    }

    /// Points along the edges no farther apart than `step_km`, corners included.
    ///
    /// # Units
    /// Kilometres in, degrees out.
    pub fn edge_points(&self, step_km: f64) -> Vec<LatLon> {
        let mut out = Vec::new();
        for i in 0..self.corners.len() {
            let (a, b) = (self.corners[i], self.edge_point(i, 1.0));
            let steps = (distance_m(a, b) / 1000.0 / step_km).ceil().max(1.0) as usize;
            out.extend((0..steps).map(|k| self.edge_point(i, k as f64 / steps as f64)));
        }
        out
    }

    /// The area as one planar lon/lat ring with continuous longitudes, starting at the first
    /// corner's longitude (so it may pass 180), closed.
    pub fn unwrapped_ring(&self) -> LineString<f64> {
        let mut lon = self.corners[0].lon;
        let mut ring = vec![Coord {
            x: lon,
            y: self.corners[0].lat,
        }];
        for w in self.corners.windows(2) {
            lon += normalize_lon(w[1].lon - w[0].lon);
            ring.push(Coord {
                x: lon,
                y: w[1].lat,
            });
        }
        ring.push(ring[0]);
        LineString::from(ring)
    }

    /// Whether `p` lies in the area (planar in lon/lat, like its edges).
    pub fn contains(&self, p: LatLon) -> bool {
        let polygon = Polygon::new(self.unwrapped_ring(), vec![]);
        // The unwrapped ring spans less than a turn; try the point in each copy it could be in.
        [-360.0, 0.0, 360.0]
            .iter()
            .any(|shift| polygon.contains(&Point::new(p.lon + shift, p.lat)))
    }

    /// Geodesic distance from the area to `p` (zero inside), metres, and the initial azimuth
    /// from the area's nearest point, degrees (0 inside).
    pub fn distance_to(&self, p: LatLon) -> (f64, f64) {
        if self.contains(p) {
            return (0.0, 0.0);
        }
        // For each edge: the nearest of 16 samples, then golden-section search around it.
        let mut best = (f64::INFINITY, 0.0);
        for i in 0..self.corners.len() {
            let d = |t: f64| distance_m(self.edge_point(i, t), p);
            let k = (0..=16)
                .min_by(|&x, &y| d(f64::from(x) / 16.0).total_cmp(&d(f64::from(y) / 16.0)))
                .unwrap_or(0);
            let lo = ((f64::from(k) - 1.0) / 16.0).max(0.0);
            let hi = ((f64::from(k) + 1.0) / 16.0).min(1.0);
            let t = golden_section_max(lo, hi, 1e-9, 60, |t| Some((-d(t), ())))
                .map_or(f64::from(k) / 16.0, |m| m.x);
            let line = inverse(self.edge_point(i, t), p);
            if line.distance_m < best.0 {
                best = (line.distance_m, line.azimuth_deg);
            }
        }
        best
    }
}

/// Where a site's missiles fly from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// The site's own point.
    Point(LatLon),
    /// Anywhere in a patrol area.
    Area(PatrolArea),
}

impl Origin {
    /// Geodesic distance from the origin's nearest point to `p`, metres (zero inside an area),
    /// and the initial azimuth from there, degrees in [0, 360) (0 inside an area).
    pub fn distance_to(&self, p: LatLon) -> (f64, f64) {
        match self {
            Self::Point(from) => {
                let line = inverse(*from, p);
                (line.distance_m, line.azimuth_deg)
            }
            Self::Area(area) => area.distance_to(p),
        }
    }

    /// Whether `p` is within `radius_m` of the origin, by geodesic distance.
    pub fn reaches(&self, p: LatLon, radius_m: f64) -> bool {
        match self {
            Self::Point(from) => distance_m(*from, p) <= radius_m,
            Self::Area(area) => area.distance_to(p).0 <= radius_m,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn midway_box() -> PatrolArea {
        PatrolArea::new(&[
            LatLon::lat_lon(30.0, 175.0),
            LatLon::lat_lon(30.0, -170.0),
            LatLon::lat_lon(38.0, -170.0),
            LatLon::lat_lon(38.0, 175.0),
        ])
        .unwrap()
    }

    #[test]
    fn a_box_across_the_antimeridian_contains_both_sides() {
        let area = midway_box();
        assert!(area.contains(LatLon::lat_lon(34.0, 180.0)));
        assert!(area.contains(LatLon::lat_lon(34.0, -179.0)));
        assert!(area.contains(LatLon::lat_lon(34.0, 176.0)));
        assert!(!area.contains(LatLon::lat_lon(34.0, 170.0)));
        assert_eq!(area.distance_to(LatLon::lat_lon(34.0, -179.0)).0, 0.0);
    }

    #[test]
    fn distance_runs_from_the_nearest_point_of_an_edge() {
        let area = midway_box();
        // Due south of the middle of the southern edge, 5 degrees of latitude.
        let (d, azimuth) = area.distance_to(LatLon::lat_lon(25.0, -177.5));
        let expected = distance_m(LatLon::lat_lon(30.0, -177.5), LatLon::lat_lon(25.0, -177.5));
        assert!((d - expected).abs() < 1.0, "{d} vs {expected}");
        assert!((azimuth - 180.0).abs() < 0.01, "{azimuth}");
    }

    #[test]
    fn bad_areas_are_refused() {
        let p = LatLon::lat_lon(10.0, 10.0);
        assert!(PatrolArea::new(&[p, p, LatLon::lat_lon(11.0, 10.0), p]).is_err());
        let round_the_pole: Vec<LatLon> = (0..4)
            .map(|i| LatLon::lat_lon(80.0, -180.0 + 90.0 * f64::from(i)))
            .collect();
        assert_eq!(
            PatrolArea::new(&round_the_pole),
            Err(GeodesyError::AreaAroundPole)
        );
    }
}
