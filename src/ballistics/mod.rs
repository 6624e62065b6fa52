//! Ballistic flight: flight times, the rotation-aware footprint, and ranges from lofted tests.
//! (Its own module, not part of `geodesy`: it models rockets, not the ellipsoid.)
//!
//! - [`two_body`]: burnout at the surface and Keplerian free flight, the minimum-energy
//!   trajectory; the no-boost reference.
//! - [`kepler`]: closed-form free flight from any state to the surface.
//! - [`powered`]: a boost phase (stages, vertical rise, pitch-over kick, gravity turn) then
//!   free flight; what the rest of the program uses.
//! - [`profiles`]: the boost profiles of each class of missile, with their assumptions.
//! - [`rotation`]: the farthest impact per azimuth on the rotating Earth and the footprint it
//!   traces (Wright, UCS, 2017).
//! - [`estimate`]: from a lofted test's apogee, range and time to the range on a standard
//!   trajectory.
//! - [`model`]: a missile's flight as the program uses it: ballistic (calibrated rocket),
//!   cruise or glide, cached.

pub mod estimate;
pub mod kepler;
pub mod model;
pub mod powered;
pub mod profiles;
pub mod rotation;
pub mod two_body;

pub use model::{FlightClass, FlightModel, RotatingReach};
pub use powered::{BoostProfile, Rocket, Stage};
pub use rotation::{Footprint, footprint_range_toward, rotating_footprint, rotating_range_toward};
pub use two_body::minimum_energy;

use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM};

/// Earth's gravitational parameter, km^3/s^2.
pub const MU_KM3_S2: f64 = 398_600.441_8;
/// Radius of the spherical Earth of the flight model, km: the program's one mean radius.
pub const EARTH_RADIUS_KM: f64 = EARTH_MEAN_RADIUS_M / M_PER_KM;
/// Earth's rotation rate, rad/s.
pub const OMEGA_RAD_S: f64 = 7.292_115_9e-5;

/// Where a missile lands when launched along one azimuth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Impact {
    /// It comes down at this point after this many seconds.
    Lands(LatLon, f64),
    /// Its speed is orbital along this azimuth, or it flies past the antipode: beyond the
    /// model.
    Orbital,
}

/// A vector in Earth-centred axes, km or km/s.
pub type Vec3 = [f64; 3];

fn add(a: Vec3, b: Vec3) -> Vec3 {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}
fn scale(a: Vec3, k: f64) -> Vec3 {
    [a[0] * k, a[1] * k, a[2] * k]
}
fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}
fn cross(a: Vec3, b: Vec3) -> Vec3 {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}
fn norm(a: Vec3) -> f64 {
    dot(a, a).sqrt()
}
