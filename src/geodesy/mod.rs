//! Geodesy on the WGS84 ellipsoid: distances, azimuths, destinations, range rings (their
//! vertices) and distances to patrol areas. Cutting rings at a map edge and closing them
//! through a pole is the projections' work (`crate::projection::lonlat`).
//!
//! Everything here uses Karney's algorithm (geographiclib-rs, the implementation behind the
//! `geo` crate's `Geodesic`), which agrees with GeographicLib to a few nanometres. Angles are in
//! degrees, distances in metres unless a name says otherwise.

mod patrol_area;
mod ring;

pub use patrol_area::{Origin, PatrolArea};
pub use ring::{RangeRing, RingShape};

use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
use std::sync::OnceLock;

/// Metres in one kilometre.
pub const M_PER_KM: f64 = 1000.0;
/// Mean radius of the Earth (IUGG R1), metres: the one sphere of the program. It scales map
/// units (the unit sphere), sizes densification steps and is the flight model's Earth.
pub const EARTH_MEAN_RADIUS_M: f64 = 6_371_008.8;

/// Errors that user-supplied geometry can cause.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GeodesyError {
    /// A latitude outside [-90, 90] degrees, or not a finite number.
    #[error("latitude {0} is outside [-90, 90] degrees")]
    Latitude(f64),
    /// A longitude outside [-180, 180] degrees, or not a finite number.
    #[error("longitude {0} is outside [-180, 180] degrees")]
    Longitude(f64),
    /// A ring radius that is zero, negative or not finite.
    #[error("radius {0} m must be a finite number greater than 0")]
    Radius(f64),
    /// A patrol area with fewer than three distinct corners.
    #[error("an area needs at least 3 distinct corners, not {0}")]
    Area(usize),
    /// A patrol area whose edges go round a pole (edges run the short way in longitude).
    #[error("an area must not encircle a pole")]
    AreaAroundPole,
}

/// A geographic position on the WGS84 ellipsoid, in degrees.
///
/// Build it with [`LatLon::lat_lon`] (unchecked, for trusted values) or [`LatLon::checked`]
/// (for user data), so the axis order is never guessed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    /// Geodetic latitude, degrees north, in [-90, 90].
    pub lat: f64,
    /// Longitude, degrees east. Usually in [-180, 180]; unwrapped values are allowed.
    pub lon: f64,
}

impl LatLon {
    /// A position from latitude then longitude, in degrees, without validation.
    #[allow(
        clippy::self_named_constructors,
        reason = "the name states the axis order"
    )]
    pub const fn lat_lon(lat: f64, lon: f64) -> Self {
        Self { lat, lon }
    }

    /// A position from user data: latitude in [-90, 90], longitude in [-180, 180], both finite.
    ///
    /// # Examples
    /// ```
    /// use range_rings::geodesy::LatLon;
    /// assert!(LatLon::checked(39.0392, 125.7625).is_ok());
    /// assert!(LatLon::checked(91.0, 0.0).is_err());
    /// assert!(LatLon::checked(0.0, f64::NAN).is_err());
    /// ```
    pub fn checked(lat: f64, lon: f64) -> Result<Self, GeodesyError> {
        if !(lat.is_finite() && (-90.0..=90.0).contains(&lat)) {
            return Err(GeodesyError::Latitude(lat));
        }
        if !(lon.is_finite() && (-180.0..=180.0).contains(&lon)) {
            return Err(GeodesyError::Longitude(lon));
        }
        Ok(Self { lat, lon })
    }

    /// The point diametrically opposite through the Earth's centre.
    pub fn antipode(self) -> Self {
        Self::lat_lon(-self.lat, normalize_lon(self.lon + 180.0))
    }
}

/// The result of the inverse geodesic problem between two points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeodesicLine {
    /// Length of the shortest geodesic, metres.
    pub distance_m: f64,
    /// Initial azimuth at the first point, degrees clockwise from north, in [0, 360).
    pub azimuth_deg: f64,
    /// Forward azimuth at the second point, degrees clockwise from north, in [0, 360).
    pub final_azimuth_deg: f64,
}

/// The shared WGS84 geodesic solver (its construction precomputes series coefficients).
pub fn wgs84() -> &'static Geodesic {
    static WGS84: OnceLock<Geodesic> = OnceLock::new();
    WGS84.get_or_init(Geodesic::wgs84)
}

/// Shortest geodesic from `from` to `to`: distance and azimuths.
///
/// # Units
/// Degrees in, metres and degrees out.
///
/// # Examples
/// ```
/// use range_rings::geodesy::{inverse, LatLon};
/// let pyongyang = LatLon::lat_lon(39.0392, 125.7625);
/// let seoul = LatLon::lat_lon(37.5665, 126.978);
/// let line = inverse(pyongyang, seoul);
/// assert!((line.distance_m / 1000.0 - 195.0).abs() < 0.05);
/// assert!((line.azimuth_deg - 146.6).abs() < 0.05);
/// ```
pub fn inverse(from: LatLon, to: LatLon) -> GeodesicLine {
    let (s12, azi1, azi2, _a12): (f64, f64, f64, f64) =
        wgs84().inverse(from.lat, from.lon, to.lat, to.lon);
    GeodesicLine {
        distance_m: s12,
        azimuth_deg: normalize_azimuth(azi1),
        final_azimuth_deg: normalize_azimuth(azi2),
    }
}

/// Geodesic distance between two points.
///
/// # Units
/// Degrees in, metres out.
pub fn distance_m(from: LatLon, to: LatLon) -> f64 {
    let (s12, _a12): (f64, f64) = wgs84().inverse(from.lat, from.lon, to.lat, to.lon);
    s12
}

/// The point reached by following the geodesic from `from` at `azimuth_deg` for `distance_m`.
/// The longitude of the result is in [-180, 180].
///
/// # Units
/// Degrees and metres in, degrees out.
///
/// # Examples
/// ```
/// use range_rings::geodesy::{destination, distance_m, LatLon};
/// let start = LatLon::lat_lon(40.64, -73.78);
/// let end = destination(start, 45.0, 10e6);
/// assert!((distance_m(start, end) - 10e6).abs() < 1e-6);
/// ```
pub fn destination(from: LatLon, azimuth_deg: f64, distance_m: f64) -> LatLon {
    let (lat, lon): (f64, f64) = wgs84().direct(from.lat, from.lon, azimuth_deg, distance_m);
    LatLon::lat_lon(lat, normalize_lon(lon))
}

/// Distance from `from` to its antipode: the largest distance from `from` to any point of the
/// ellipsoid, so a ring at least this big covers the whole Earth.
///
/// # Units
/// Degrees in, metres out.
pub fn antipodal_distance_m(from: LatLon) -> f64 {
    distance_m(from, from.antipode())
}

/// Longitude folded into [-180, 180).
pub fn normalize_lon(lon: f64) -> f64 {
    let folded = (lon + 180.0).rem_euclid(360.0) - 180.0;
    // rem_euclid can round up to exactly 360 for tiny negative inputs.
    if folded >= 180.0 {
        folded - 360.0
    } else {
        folded
    }
}

/// Azimuth folded into [0, 360), never negative zero.
pub fn normalize_azimuth(azimuth: f64) -> f64 {
    let folded = azimuth.rem_euclid(360.0);
    // rem_euclid keeps the sign of -0.0; adding zero makes it +0.0.
    if folded >= 360.0 { 0.0 } else { folded + 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_lon_folds_into_half_open_range() {
        assert_eq!(normalize_lon(180.0), -180.0);
        assert_eq!(normalize_lon(-180.0), -180.0);
        assert_eq!(normalize_lon(190.0), -170.0);
        assert_eq!(normalize_lon(-190.0), 170.0);
        assert_eq!(normalize_lon(725.0), 5.0);
        assert!(normalize_lon(-1e-18).abs() < 1e-12);
    }

    #[test]
    fn normalize_azimuth_folds_into_0_360() {
        assert_eq!(normalize_azimuth(-90.0), 270.0);
        assert_eq!(normalize_azimuth(360.0), 0.0);
        assert!(normalize_azimuth(-1e-18) < 360.0);
        // Regression: -0.0 printed as "-0.000" in the reach table.
        assert!(normalize_azimuth(-0.0).is_sign_positive());
        assert_eq!(format!("{:.3}", normalize_azimuth(-0.0)), "0.000");
    }

    #[test]
    fn antipode_is_farthest_point() {
        // The ring code treats a radius >= the antipodal distance as the whole Earth, which is
        // only right if no point is farther than the antipode. Probe around the antipode,
        // including along the cut locus (a segment of the antipode's parallel).
        for centre in [
            LatLon::lat_lon(0.0, 0.0),
            LatLon::lat_lon(39.0392, 125.7625),
            LatLon::lat_lon(-60.0, 170.0),
        ] {
            let anti = centre.antipode();
            let far = antipodal_distance_m(centre);
            for i in -20..=20 {
                for j in -20..=20 {
                    let p = LatLon::lat_lon(
                        (anti.lat + f64::from(i) * 0.05).clamp(-90.0, 90.0),
                        anti.lon + f64::from(j) * 0.05,
                    );
                    assert!(
                        distance_m(centre, p) <= far + 1e-6,
                        "{p:?} farther than antipode"
                    );
                }
            }
        }
    }
}
