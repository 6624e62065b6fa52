//! Geodesic range rings: the points at one geodesic distance from a centre, adaptively densified.
//! A ring's area and outline on a world map (pole closure, map-edge cuts) are made in
//! `crate::projection::lonlat`.

use super::{
    EARTH_MEAN_RADIUS_M, GeodesyError, LatLon, antipodal_distance_m, destination, distance_m,
    normalize_lon,
};

/// Metres per degree of arc on the mean sphere; used only to size densification steps.
const M_PER_DEG: f64 = EARTH_MEAN_RADIUS_M * std::f64::consts::PI / 180.0;
/// Segments of the first, uniform pass; enough that no refinement decision is made on a chord
/// that happens to cross the curve at its middle.
const INITIAL_SEGMENTS: usize = 64;
/// Deepest bisection of one initial segment (2^-30 of 5.6 degrees of parameter): enough to
/// follow a ring that passes a few metres from a pole, and a bound on the work for any input.
const MAX_DEPTH: u32 = 30;
/// Within this distance of the antipodal distance a ring is traced around the antipode, because
/// there geodesics from the centre pass the cut locus and stop being shortest (on WGS84 the gap
/// is at most about 34 km, for centres on the equator).
const NEAR_ANTIPODE_M: f64 = 100_000.0;

/// What a range ring covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RingShape {
    /// The radius reaches the antipode: every point of the Earth is inside.
    WholeEarth,
    /// A closed loop of vertices separates the inside from the outside.
    Loop,
}

/// A geodesic circle on the WGS84 ellipsoid: every vertex lies at `radius_m` from `centre`
/// (within 1 m), and the straight lon/lat segments between consecutive vertices stay within
/// [`RangeRing::tolerance_m`] of the true circle.
#[derive(Debug, Clone, PartialEq)]
pub struct RangeRing {
    /// Centre of the ring (launch site or patrol point).
    pub centre: LatLon,
    /// Geodesic radius, metres.
    pub radius_m: f64,
    /// Whether the ring is a loop or covers the whole Earth.
    pub shape: RingShape,
    /// Vertices in order around the loop, longitudes in [-180, 180); the loop closes from the
    /// last vertex back to the first. Empty for [`RingShape::WholeEarth`].
    pub vertices: Vec<LatLon>,
    /// Whether the North Pole is within the radius.
    pub contains_north_pole: bool,
    /// Whether the South Pole is within the radius.
    pub contains_south_pole: bool,
}

impl RangeRing {
    /// The ring of points at `radius_m` from `centre`.
    ///
    /// # Units
    /// Degrees and metres.
    ///
    /// # Errors
    /// A centre outside the valid coordinate ranges, or a radius that is zero, negative or not
    /// finite.
    ///
    /// # Examples
    /// ```
    /// use range_rings::geodesy::{distance_m, LatLon, RangeRing};
    /// let pyongyang = LatLon::lat_lon(39.0392, 125.7625);
    /// let ring = RangeRing::new(pyongyang, 15_000_000.0).unwrap();
    /// assert!(ring.contains_north_pole && ring.contains_south_pole);
    /// for v in &ring.vertices {
    ///     assert!((distance_m(pyongyang, *v) - 15_000_000.0).abs() < 1.0);
    /// }
    /// ```
    pub fn new(centre: LatLon, radius_m: f64) -> Result<Self, GeodesyError> {
        Self::with_tolerance(centre, radius_m, Self::tolerance_m(radius_m))
    }

    /// Like [`RangeRing::new`] with a tighter drawing tolerance, for maps whose pixels are
    /// smaller than the default tolerance. Never looser than [`RangeRing::tolerance_m`]; never
    /// tighter than 10 m, which bounds the vertex count.
    ///
    /// # Units
    /// Degrees and metres.
    pub fn with_tolerance(
        centre: LatLon,
        radius_m: f64,
        tolerance_m: f64,
    ) -> Result<Self, GeodesyError> {
        let centre = LatLon::checked(centre.lat, centre.lon)?;
        if !(radius_m.is_finite() && radius_m > 0.0) {
            return Err(GeodesyError::Radius(radius_m));
        }
        let north = distance_m(centre, LatLon::lat_lon(90.0, 0.0)) <= radius_m;
        let south = distance_m(centre, LatLon::lat_lon(-90.0, 0.0)) <= radius_m;
        let tolerance = if tolerance_m.is_nan() {
            Self::tolerance_m(radius_m)
        } else {
            tolerance_m.clamp(10.0, Self::tolerance_m(radius_m))
        };
        let antipodal_m = antipodal_distance_m(centre);
        let (shape, vertices) = if radius_m >= antipodal_m {
            (RingShape::WholeEarth, Vec::new())
        } else if antipodal_m - radius_m < NEAR_ANTIPODE_M {
            let anti = centre.antipode();
            let gap_m = antipodal_m - radius_m;
            let point =
                |bearing: f64| point_around_antipode(centre, anti, radius_m, gap_m, bearing);
            (RingShape::Loop, densify(point, tolerance))
        } else {
            let point = |azimuth: f64| destination(centre, azimuth, radius_m);
            (RingShape::Loop, densify(point, tolerance))
        };
        Ok(Self {
            centre,
            radius_m,
            shape,
            vertices,
            contains_north_pole: north,
            contains_south_pole: south,
        })
    }

    /// How far the drawn polyline may stray from the true circle: max(1 km, 0.1 % of the radius).
    ///
    /// # Units
    /// Metres in and out.
    pub fn tolerance_m(radius_m: f64) -> f64 {
        (0.001 * radius_m).max(1000.0)
    }

    /// Whether `point` is within range, decided by geodesic distance (never by the polygon).
    pub fn contains(&self, point: LatLon) -> bool {
        distance_m(self.centre, point) <= self.radius_m
    }
}

/// Samples `point(t)` for t in [0, 360] degrees and bisects each step until the straight lon/lat
/// chord stays within `tolerance_m` of the curve. Returns the open loop (t = 360 left out).
fn densify(point: impl Fn(f64) -> LatLon, tolerance_m: f64) -> Vec<LatLon> {
    // Half the budget: the check is at the chord's middle, the worst case for a smooth arc,
    // and the metric is approximate.
    let budget_m = 0.5 * tolerance_m;
    let step = 360.0 / INITIAL_SEGMENTS as f64;
    let mut out = Vec::with_capacity(4 * INITIAL_SEGMENTS);
    let first = point(0.0);
    let mut previous = first;
    for i in 0..INITIAL_SEGMENTS {
        let t0 = step * i as f64;
        let t1 = step * (i + 1) as f64;
        let next = if i + 1 == INITIAL_SEGMENTS {
            first
        } else {
            point(t1)
        };
        out.push(previous);
        refine(&point, (t0, previous), (t1, next), budget_m, 0, &mut out);
        previous = next;
    }
    out
}

/// Pushes the interior vertices needed between `a` and `b` (exclusive of both).
fn refine(
    point: &impl Fn(f64) -> LatLon,
    a: (f64, LatLon),
    b: (f64, LatLon),
    budget_m: f64,
    depth: u32,
    out: &mut Vec<LatLon>,
) {
    if depth >= MAX_DEPTH {
        return;
    }
    let t_mid = 0.5 * (a.0 + b.0);
    let mid = point(t_mid);
    let dlon = wrap180(b.1.lon - a.1.lon);
    let chord_mid = LatLon::lat_lon(0.5 * (a.1.lat + b.1.lat), a.1.lon + 0.5 * dlon);
    // A step of more than 90 degrees of longitude is never drawn as one straight segment.
    if dlon.abs() > 90.0 || approx_distance_m(chord_mid, mid) > budget_m {
        refine(point, a, (t_mid, mid), budget_m, depth + 1, out);
        out.push(mid);
        refine(point, (t_mid, mid), b, budget_m, depth + 1, out);
    }
}

/// Distance on a local equirectangular approximation; accurate to a fraction of a percent for
/// the short steps where it decides anything.
fn approx_distance_m(a: LatLon, b: LatLon) -> f64 {
    let mean_lat = (0.5 * (a.lat + b.lat)).to_radians();
    let dx = wrap180(b.lon - a.lon) * mean_lat.cos();
    let dy = b.lat - a.lat;
    dx.hypot(dy) * M_PER_DEG
}

/// Difference of longitudes folded into [-180, 180).
fn wrap180(dlon: f64) -> f64 {
    normalize_lon(dlon)
}

/// The point at distance `radius_m` from `centre` found along the geodesic that leaves the
/// antipode at `bearing`. Near the antipode geodesics from the centre are not the shortest
/// paths, so the ring is traced from the other side: distance from the centre falls as one
/// walks away from the antipode, and the crossing is found by regula falsi.
fn point_around_antipode(
    centre: LatLon,
    anti: LatLon,
    radius_m: f64,
    gap_m: f64,
    bearing: f64,
) -> LatLon {
    let excess = |rho: f64| {
        let p = destination(anti, bearing, rho);
        (distance_m(centre, p) - radius_m, p)
    };
    // By the triangle inequality the crossing is at least `gap_m` out.
    let mut lo = (gap_m, excess(gap_m));
    if lo.1.0 <= 0.0 {
        return lo.1.1;
    }
    let mut hi_rho = 2.0 * gap_m + 1.0;
    let mut hi = (hi_rho, excess(hi_rho));
    while hi.1.0 > 0.0 && hi_rho < 4.0 * NEAR_ANTIPODE_M {
        lo = hi;
        hi_rho *= 2.0;
        hi = (hi_rho, excess(hi_rho));
    }
    // Illinois variant of regula falsi: bracketing, superlinear.
    let (mut f_lo, mut f_hi) = (lo.1.0, hi.1.0);
    let mut best = hi.1.1;
    let mut side = 0i8;
    for _ in 0..100 {
        let rho = (lo.0 * f_hi - hi.0 * f_lo) / (f_hi - f_lo);
        let (f, p) = excess(rho);
        best = p;
        if f.abs() < 1e-4 || (hi.0 - lo.0) < 1e-6 {
            break;
        }
        if f > 0.0 {
            lo = (rho, (f, p));
            f_lo = f;
            if side == 1 {
                f_hi *= 0.5;
            }
            side = 1;
        } else {
            hi = (rho, (f, p));
            f_hi = f;
            if side == -1 {
                f_lo *= 0.5;
            }
            side = -1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_radii() {
        let c = LatLon::lat_lon(0.0, 0.0);
        for r in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert!(RangeRing::new(c, r).is_err(), "radius {r} accepted");
        }
    }

    #[test]
    fn rejects_bad_centres() {
        assert!(RangeRing::new(LatLon::lat_lon(90.5, 0.0), 1000.0).is_err());
        assert!(RangeRing::new(LatLon::lat_lon(0.0, 180.5), 1000.0).is_err());
        assert!(RangeRing::new(LatLon::lat_lon(f64::NAN, 0.0), 1000.0).is_err());
    }

    #[test]
    fn radius_at_antipode_is_whole_earth() {
        let c = LatLon::lat_lon(39.0392, 125.7625);
        let ring = RangeRing::new(c, antipodal_distance_m(c)).unwrap();
        assert_eq!(ring.shape, RingShape::WholeEarth);
        assert!(ring.vertices.is_empty());
        let beyond = RangeRing::new(c, 30_000_000.0).unwrap();
        assert_eq!(beyond.shape, RingShape::WholeEarth);
        assert!(beyond.contains(c.antipode()));
    }

    #[test]
    fn near_antipodal_vertices_are_on_the_circle() {
        for c in [
            LatLon::lat_lon(0.0, 0.0),
            LatLon::lat_lon(39.0392, 125.7625),
        ] {
            let r = antipodal_distance_m(c) - 20_000.0;
            let ring = RangeRing::new(c, r).unwrap();
            assert_eq!(ring.shape, RingShape::Loop);
            for v in &ring.vertices {
                let err = (distance_m(c, *v) - r).abs();
                assert!(err < 0.01, "vertex {v:?} off by {err} m");
            }
        }
    }
}
