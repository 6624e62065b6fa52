//! Two-body free flight: the minimum-energy trajectory and Keplerian flight from the surface.
//!
//! A missile here is characterised by its burnout speed at the surface, derived from its
//! published (non-rotating) range on the minimum-energy trajectory. This is the no-boost limit
//! of the powered model ([`super::powered`]), kept as the reference that model is tested
//! against and for the quick estimates of the reference tables.

use super::{EARTH_RADIUS_KM, Impact, MU_KM3_S2, OMEGA_RAD_S, Vec3, add, cross, dot, norm, scale};
use crate::geodesy::{LatLon, normalize_lon};
use std::f64::consts::PI;

/// Minimum-energy free flight over a ground range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MinimumEnergyFlight {
    /// Burnout speed, km/s.
    pub burnout_speed_km_s: f64,
    /// Flight-path angle at burnout above the horizontal, degrees.
    pub flight_path_deg: f64,
    /// Free-flight time from burnout to re-entry, seconds.
    pub free_flight_s: f64,
}

/// The minimum-energy trajectory over `ground_range_km` on the non-rotating sphere.
///
/// # Units
/// Kilometres in; km/s, degrees and seconds out.
///
/// # Examples
/// ```
/// use range_rings::ballistics::minimum_energy;
/// let f = minimum_energy(10_000.0);
/// assert!((f.burnout_speed_km_s - 7.198).abs() < 0.002);
/// assert!((f.free_flight_s / 60.0 - 32.2).abs() < 0.06);
/// ```
pub fn minimum_energy(ground_range_km: f64) -> MinimumEnergyFlight {
    // Beyond half the circumference a longer range needs no more speed than the antipode, which
    // needs circular speed: cap there, so the rotating reach comes out global, not shorter.
    let psi = (ground_range_km / EARTH_RADIUS_KM).clamp(1e-9, PI);
    let s = (psi / 2.0).sin();
    let nu = 2.0 * s / (1.0 + s);
    let gamma = (PI - psi) / 4.0;
    let r = EARTH_RADIUS_KM;
    let speed = (nu * MU_KM3_S2 / r).sqrt();
    let a = r / (2.0 - nu);
    let e = (1.0 - nu * (2.0 - nu) * gamma.cos().powi(2))
        .max(0.0)
        .sqrt();
    let theta = PI - psi / 2.0;
    let big_e = 2.0 * (((1.0 - e) / (1.0 + e)).sqrt() * (theta / 2.0).tan()).atan();
    let t = 2.0 * (a.powi(3) / MU_KM3_S2).sqrt() * (PI - big_e + e * big_e.sin());
    MinimumEnergyFlight {
        burnout_speed_km_s: speed,
        flight_path_deg: gamma.to_degrees(),
        free_flight_s: t,
    }
}

/// Keplerian free flight on the rotating Earth: burnout at the surface at `site` with
/// `speed_km_s` relative to the ground, along `azimuth_deg`, `flight_path_deg` above the
/// horizontal. Returns the impact point in Earth-fixed coordinates (rotated back by the Earth's
/// turn during the flight) and the flight time.
pub fn impact(
    site: LatLon,
    azimuth_deg: f64,
    flight_path_deg: f64,
    speed_km_s: f64,
    rotating: bool,
) -> Impact {
    let (sp, cp) = site.lat.to_radians().sin_cos();
    let (sl, cl) = site.lon.to_radians().sin_cos();
    let up: Vec3 = [cp * cl, cp * sl, sp];
    let north: Vec3 = [-sp * cl, -sp * sl, cp];
    let east: Vec3 = [-sl, cl, 0.0];
    let (sa, ca) = azimuth_deg.to_radians().sin_cos();
    let (sg, cg) = flight_path_deg.to_radians().sin_cos();
    let horizontal = add(scale(east, sa), scale(north, ca));
    let mut v = scale(add(scale(horizontal, cg), scale(up, sg)), speed_km_s);
    if rotating {
        v = add(v, scale(east, OMEGA_RAD_S * EARTH_RADIUS_KM * cp));
    }
    let r = EARTH_RADIUS_KM;
    let r0 = scale(up, r);
    let speed2 = dot(v, v);
    let energy = speed2 / 2.0 - MU_KM3_S2 / r;
    if energy >= 0.0 {
        return Impact::Orbital;
    }
    let a = -MU_KM3_S2 / (2.0 * energy);
    let h = cross(r0, v);
    let p = dot(h, h) / MU_KM3_S2;
    let e = (1.0 - p / a).max(0.0).sqrt();
    // Returns to radius r only if perigee is below the surface.
    if e < 1e-12 || p / (1.0 + e) >= r {
        return Impact::Orbital;
    }
    let cos_theta = ((p / r - 1.0) / e).clamp(-1.0, 1.0);
    // Ascending at burnout: true anomaly in (0, pi); impact at 2 pi minus it.
    let theta_b = cos_theta.acos();
    let psi = 2.0 * (PI - theta_b);
    let big_e = 2.0 * (((1.0 - e) / (1.0 + e)).sqrt() * (theta_b / 2.0).tan()).atan();
    let t = 2.0 * (a.powi(3) / MU_KM3_S2).sqrt() * (PI - big_e + e * big_e.sin());
    let h_hat = scale(h, 1.0 / norm(h));
    let across = cross(h_hat, up);
    let mut hit = add(scale(up, psi.cos()), scale(across, psi.sin()));
    if rotating {
        // The Earth turns east under the missile: in Earth-fixed terms the impact moves west.
        let turn = -OMEGA_RAD_S * t;
        let (s, c) = turn.sin_cos();
        hit = [c * hit[0] - s * hit[1], s * hit[0] + c * hit[1], hit[2]];
    }
    let lat = hit[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = hit[1].atan2(hit[0]).to_degrees();
    Impact::Lands(LatLon::lat_lon(lat, normalize_lon(lon)), t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballistics::rotation::{Reach, TwoBody, farthest_impact};

    #[test]
    fn minimum_energy_matches_the_reference_table() {
        // missile-ranges.md: ground range km, burnout km/s, free-flight minutes.
        let table = [
            (300.0, 1.696, 4.2),
            (1_000.0, 3.016, 7.9),
            (2_000.0, 4.113, 11.7),
            (3_000.0, 4.865, 14.9),
            (4_500.0, 5.671, 19.3),
            (5_500.0, 6.075, 21.9),
            (8_000.0, 6.805, 28.0),
            (10_000.0, 7.198, 32.2),
            (13_000.0, 7.588, 37.2),
            (15_000.0, 7.751, 39.6),
        ];
        for (km, speed, minutes) in table {
            let f = minimum_energy(km);
            assert!(
                (f.burnout_speed_km_s - speed).abs() < 0.0015,
                "{km}: {} km/s",
                f.burnout_speed_km_s
            );
            assert!(
                (f.free_flight_s / 60.0 - minutes).abs() < 0.051,
                "{km}: {} min",
                f.free_flight_s / 60.0
            );
        }
    }

    #[test]
    fn non_rotating_model_reproduces_the_nominal_range() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        for range in [1_000.0, 4_500.0, 10_400.0, 15_000.0] {
            let speed = minimum_energy(range).burnout_speed_km_s;
            for azimuth in [0.0, 77.0, 200.0] {
                let launcher = TwoBody(speed);
                let Reach::Point(_, km) = farthest_impact(&launcher, site, azimuth, false) else {
                    panic!("beyond the model")
                };
                // A spherical model measured with WGS84 geodesics: the two differ by up to about
                // 0.5 % along meridians.
                assert!(
                    (km - range).abs() < 0.006 * range,
                    "{range} km along {azimuth}: {km}"
                );
            }
        }
    }
}
