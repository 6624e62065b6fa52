//! Ballistic flight: minimum-energy flight times and the rotation-aware footprint.
//! (Moved out of `geodesy`: it models rockets, not the ellipsoid.)
//!
//! Two-body (Keplerian) free flight on a spherical Earth of radius [`EARTH_RADIUS_KM`], with
//! burnout and re-entry at the surface, no drag and no boost phase geometry. A missile is
//! characterised by its burnout speed, derived from its published (non-rotating) range on the
//! minimum-energy trajectory. On the rotating Earth the launch site's eastward speed adds to the
//! missile's, and the impact point is carried back by the Earth's turn during the flight, so the
//! reach grows to the east and shrinks to the west (Wright, UCS, 2017).

use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM, distance_m, inverse, normalize_lon};
use crate::numeric::golden_section_max;
use std::f64::consts::PI;

/// Earth's gravitational parameter, km^3/s^2.
pub const MU_KM3_S2: f64 = 398_600.441_8;
/// Radius of the spherical Earth of the flight model, km: the program's one mean radius.
pub const EARTH_RADIUS_KM: f64 = EARTH_MEAN_RADIUS_M / M_PER_KM;
/// Earth's rotation rate, rad/s.
pub const OMEGA_RAD_S: f64 = 7.292_115_9e-5;

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

/// Time allowed for the boost phase, minutes: about 1.5 min for short-range missiles rising to
/// 4 min for intercontinental ones (missile-ranges.md: 1-2 min and 3-5 min), linear in the
/// missile's nominal range between 1,000 and 10,000 km.
pub fn boost_allowance_min(missile_range_km: f64) -> f64 {
    let t = ((missile_range_km - 1_000.0) / 9_000.0).clamp(0.0, 1.0);
    1.5 + 2.5 * t
}

/// Flight time to a target `distance_km` away for a missile of nominal range
/// `missile_range_km`: minimum-energy free flight plus the boost allowance.
///
/// # Units
/// Kilometres in, minutes out.
pub fn flight_time_min(distance_km: f64, missile_range_km: f64) -> f64 {
    minimum_energy(distance_km).free_flight_s / 60.0 + boost_allowance_min(missile_range_km)
}

/// Where a missile lands when launched along one azimuth on the rotating Earth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Impact {
    /// It comes down at this point after this many seconds.
    Lands(LatLon, f64),
    /// Its speed is orbital along this azimuth: it does not come down.
    Orbital,
}

type Vec3 = [f64; 3];

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

/// The farthest impact along one launch azimuth, over all flight-path angles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reach {
    /// Farthest impact point and its geodesic distance from the site, km.
    Point(LatLon, f64),
    /// Some flight-path angle reaches orbital speed: the reach along this azimuth is global.
    Global,
}

/// The farthest impact from `site` along `azimuth_deg` for a missile with `speed_km_s`, found
/// by golden-section search over the flight-path angle ([`golden_section_max`]).
pub fn farthest_impact(site: LatLon, azimuth_deg: f64, speed_km_s: f64, rotating: bool) -> Reach {
    // Fired flat, a missile at or above circular speed goes round the Earth: global reach.
    let circular = (MU_KM3_S2 / EARTH_RADIUS_KM).sqrt();
    let eastward = if rotating {
        OMEGA_RAD_S * EARTH_RADIUS_KM * site.lat.to_radians().cos()
    } else {
        0.0
    };
    let (sa, ca) = azimuth_deg.to_radians().sin_cos();
    if (speed_km_s * sa + eastward).hypot(speed_km_s * ca) >= circular {
        return Reach::Global;
    }
    // The search compares great-circle angles (cheap); the result is measured on WGS84.
    let (sp, cp) = site.lat.to_radians().sin_cos();
    let angle = |p: LatLon| {
        let (sq, cq) = p.lat.to_radians().sin_cos();
        (sp * sq + cp * cq * (p.lon - site.lon).to_radians().cos())
            .clamp(-1.0, 1.0)
            .acos()
    };
    let range = |gamma: f64| match impact(site, azimuth_deg, gamma, speed_km_s, rotating) {
        Impact::Lands(p, _) => Some((angle(p), p)),
        Impact::Orbital => None,
    };
    // Range is flat at its maximum: a hundredth of a degree of flight-path angle changes it
    // by metres.
    match golden_section_max(0.5, 89.5, 1e-2, 60, range) {
        Some(best) => Reach::Point(best.payload, distance_m(site, best.payload) / M_PER_KM),
        None => Reach::Global,
    }
}

/// The rotation-aware footprint of a missile: the farthest impact for each launch azimuth.
#[derive(Debug, Clone, PartialEq)]
pub enum Footprint {
    /// A closed loop of farthest impact points, one per azimuth step, in azimuth order.
    Loop(Vec<LatLon>),
    /// Along some azimuth the missile reaches orbital speed: the reach is global.
    Global,
}

/// The rotation-aware footprint for a missile whose non-rotating range is `range_km`, from
/// `site`, sampled every `step_deg` of launch azimuth.
pub fn rotating_footprint(site: LatLon, range_km: f64, step_deg: f64) -> Footprint {
    let speed = minimum_energy(range_km).burnout_speed_km_s;
    let steps = (360.0 / step_deg.clamp(0.25, 45.0)).round() as usize;
    let mut points = Vec::with_capacity(steps);
    for i in 0..steps {
        let azimuth = 360.0 * i as f64 / steps as f64;
        match farthest_impact(site, azimuth, speed, true) {
            Reach::Point(p, _) => points.push(p),
            Reach::Global => return Footprint::Global,
        }
    }
    Footprint::Loop(points)
}

/// The reach on the rotating Earth toward `target` for a missile whose non-rotating range is
/// `range_km`: the farthest impact whose bearing from the site is the target's, km; `None`
/// when the reach is global. The launch azimuth is corrected for the sideways drift of the
/// impact (the Earth turns under the missile) in a few fixed-point steps.
pub fn rotating_range_toward(site: LatLon, range_km: f64, target: LatLon) -> Option<f64> {
    let speed = minimum_energy(range_km).burnout_speed_km_s;
    let bearing = inverse(site, target).azimuth_deg;
    let mut azimuth = bearing;
    let mut reach = 0.0;
    for _ in 0..4 {
        match farthest_impact(site, azimuth, speed, true) {
            Reach::Global => return None,
            Reach::Point(p, km) => {
                reach = km;
                let drift =
                    (inverse(site, p).azimuth_deg - bearing + 540.0).rem_euclid(360.0) - 180.0;
                if drift.abs() < 0.01 {
                    break;
                }
                azimuth -= drift;
            }
        }
    }
    Some(reach)
}

/// The footprint's reach toward `target`: the distance from `site` to the footprint's edge
/// along the target's bearing, km; `None` when the footprint is global.
pub fn footprint_range_toward(site: LatLon, footprint: &Footprint, target: LatLon) -> Option<f64> {
    let Footprint::Loop(points) = footprint else {
        return None;
    };
    let bearing = inverse(site, target).azimuth_deg;
    // Edge points by the bearing at which they are seen from the site.
    let mut seen: Vec<(f64, f64)> = points
        .iter()
        .map(|p| {
            let line = inverse(site, *p);
            (line.azimuth_deg, line.distance_m / 1000.0)
        })
        .collect();
    seen.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = seen.len();
    if n == 0 {
        return None;
    }
    // Interpolate between the neighbours that bracket the bearing (wrapping round 360).
    let after = seen.iter().position(|s| s.0 >= bearing).unwrap_or(0);
    let before = (after + n - 1) % n;
    let (a, b) = (seen[before], seen[after]);
    let span = (b.0 - a.0).rem_euclid(360.0);
    let offset = (bearing - a.0).rem_euclid(360.0);
    let t = if span > 1e-12 { offset / span } else { 0.0 };
    Some(a.1 + t * (b.1 - a.1))
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn guam_plan_cross_check() {
        // North Korea's 2017 Guam plan: 3,356.7 km in 1,065 s, boost included.
        let total_s = flight_time_min(3_356.7, 4_500.0) * 60.0;
        assert!((total_s - 1_065.0).abs() < 60.0, "{total_s} s");
    }

    #[test]
    fn non_rotating_model_reproduces_the_nominal_range() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        for range in [1_000.0, 4_500.0, 10_400.0, 15_000.0] {
            let speed = minimum_energy(range).burnout_speed_km_s;
            for azimuth in [0.0, 77.0, 200.0] {
                let Reach::Point(_, km) = farthest_impact(site, azimuth, speed, false) else {
                    panic!("global")
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

#[cfg(test)]
mod wright {
    use super::*;

    /// Wright (UCS, Jul 2017): maximum range toward US cities of a missile with a 10,400 km
    /// non-rotating range launched from North Korea, km.
    const WRIGHT: [(&str, f64, f64, f64); 6] = [
        ("Los Angeles", 34.0522, -118.2437, 11_700.0),
        ("Denver", 39.7392, -104.9903, 11_400.0),
        ("Chicago", 41.8781, -87.6298, 11_100.0),
        ("Boston", 42.3601, -71.0589, 10_750.0),
        ("New York", 40.7128, -74.006, 10_850.0),
        ("Washington", 38.8977, -77.0365, 10_900.0),
    ];

    #[test]
    fn rotation_reproduces_wrights_pattern() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        let footprint = rotating_footprint(site, 10_400.0, 1.0);
        let ours: Vec<f64> = WRIGHT
            .iter()
            .map(|(_, lat, lon, _)| {
                rotating_range_toward(site, 10_400.0, LatLon::lat_lon(*lat, *lon)).unwrap()
            })
            .collect();
        // The drawn footprint agrees with the per-target search within 1 %.
        for ((_, lat, lon, _), km) in WRIGHT.iter().zip(&ours) {
            let edge =
                footprint_range_toward(site, &footprint, LatLon::lat_lon(*lat, *lon)).unwrap();
            assert!(
                (edge - km).abs() < 0.01 * km,
                "footprint {edge} vs search {km}"
            );
        }
        for ((name, .., published), km) in WRIGHT.iter().zip(&ours) {
            eprintln!("{name}: ours {km:.0} km, Wright {published:.0} km");
            // The model omits the boost phase: it sits 0-400 km below Wright's absolute values.
            assert!(
                km - published < 100.0 && published - km < 450.0,
                "{name}: {km:.0} vs {published}"
            );
        }
        // Same order: Los Angeles > Denver > Chicago > {Washington, New York, Boston}.
        assert!(
            ours[0] > ours[1] && ours[1] > ours[2] && ours[2] > ours[3].max(ours[4]).max(ours[5])
        );
        // City-to-city differences within about 150 km of Wright's.
        for i in 0..WRIGHT.len() {
            for j in 0..WRIGHT.len() {
                let theirs = WRIGHT[i].3 - WRIGHT[j].3;
                assert!(
                    ((ours[i] - ours[j]) - theirs).abs() < 200.0,
                    "{} vs {}",
                    WRIGHT[i].0,
                    WRIGHT[j].0
                );
            }
        }
    }

    #[test]
    fn east_gains_west_loses() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        let speed = minimum_energy(10_400.0).burnout_speed_km_s;
        let km = |az: f64| match farthest_impact(site, az, speed, true) {
            Reach::Point(_, km) => km,
            Reach::Global => f64::INFINITY,
        };
        // missile-ranges.md: about +2,000 km due east and -1,100 km due west.
        assert!((km(90.0) - 12_400.0).abs() < 500.0, "east {}", km(90.0));
        assert!((km(270.0) - 9_300.0).abs() < 400.0, "west {}", km(270.0));
    }

    #[test]
    fn fast_missiles_eastward_are_global() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        assert_eq!(rotating_footprint(site, 15_000.0, 5.0), Footprint::Global);
        assert!(matches!(
            rotating_footprint(site, 4_500.0, 5.0),
            Footprint::Loop(_)
        ));
    }
}
