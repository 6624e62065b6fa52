//! Reach on the rotating Earth: the farthest impact along each launch azimuth, the footprint it
//! traces, and the reach toward one target.
//!
//! On the rotating Earth the launch site's eastward speed adds to the missile's, and the impact
//! point is carried back by the Earth's turn during the flight, so the reach grows to the east
//! and shrinks to the west (Wright, UCS, 2017). Any [`Launcher`] can be searched: the powered
//! rocket (over its pitch-over kick) or two-body burnout at the surface (over its flight-path
//! angle).

use super::powered::{MAX_KICK_DEG, Rocket};
use super::{EARTH_RADIUS_KM, Impact, MU_KM3_S2, OMEGA_RAD_S, two_body};
use crate::geodesy::{LatLon, M_PER_KM, distance_m, inverse};
use crate::numeric::golden_section_max;

/// Something that can be fired along an azimuth with one free control (an angle, degrees).
pub trait Launcher {
    /// The control's search interval, degrees.
    fn controls(&self) -> (f64, f64);
    /// Where it lands when fired from `site` along `azimuth_deg` with `control`.
    fn impact(&self, site: LatLon, azimuth_deg: f64, control: f64, rotating: bool) -> Impact;
    /// Whether every shot along the azimuth is surely orbital (a quick check before searching).
    fn surely_orbital(&self, _site: LatLon, _azimuth_deg: f64, _rotating: bool) -> bool {
        false
    }
}

/// Two-body burnout at the surface at a fixed speed, km/s; the control is the flight-path
/// angle above the horizontal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TwoBody(pub f64);

impl Launcher for TwoBody {
    fn controls(&self) -> (f64, f64) {
        (0.5, 89.5)
    }
    fn impact(&self, site: LatLon, azimuth_deg: f64, control: f64, rotating: bool) -> Impact {
        two_body::impact(site, azimuth_deg, control, self.0, rotating)
    }
    fn surely_orbital(&self, site: LatLon, azimuth_deg: f64, rotating: bool) -> bool {
        // Fired flat at or above circular speed, it goes round the Earth.
        let circular = (MU_KM3_S2 / EARTH_RADIUS_KM).sqrt();
        let eastward = if rotating {
            OMEGA_RAD_S * EARTH_RADIUS_KM * site.lat.to_radians().cos()
        } else {
            0.0
        };
        let (sa, ca) = azimuth_deg.to_radians().sin_cos();
        (self.0 * sa + eastward).hypot(self.0 * ca) >= circular
    }
}

impl Launcher for Rocket {
    fn controls(&self) -> (f64, f64) {
        (0.0, MAX_KICK_DEG)
    }
    fn impact(&self, site: LatLon, azimuth_deg: f64, control: f64, rotating: bool) -> Impact {
        Rocket::impact(self, site, azimuth_deg, control, rotating)
    }
}

/// The farthest impact along one launch azimuth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reach {
    /// Farthest impact point and its geodesic distance from the site, km.
    Point(LatLon, f64),
    /// Some shot reaches orbital speed: the model's reach along this azimuth has no end.
    BeyondModel,
}

/// The farthest impact from `site` along `azimuth_deg`, found by golden-section search over the
/// launcher's control ([`golden_section_max`]).
pub fn farthest_impact(
    launcher: &impl Launcher,
    site: LatLon,
    azimuth_deg: f64,
    rotating: bool,
) -> Reach {
    if launcher.surely_orbital(site, azimuth_deg, rotating) {
        return Reach::BeyondModel;
    }
    // The search compares great-circle angles (cheap); the result is measured on WGS84.
    let (sp, cp) = site.lat.to_radians().sin_cos();
    let angle = |p: LatLon| {
        let (sq, cq) = p.lat.to_radians().sin_cos();
        (sp * sq + cp * cq * (p.lon - site.lon).to_radians().cos())
            .clamp(-1.0, 1.0)
            .acos()
    };
    let range = |control: f64| match launcher.impact(site, azimuth_deg, control, rotating) {
        Impact::Lands(p, _) => Some((angle(p), p)),
        Impact::Orbital => None,
    };
    // Range is flat at its maximum: a hundredth of a degree of control changes it by metres.
    let (lo, hi) = launcher.controls();
    match golden_section_max(lo, hi, 1e-2, 60, range) {
        Some(best) => Reach::Point(best.payload, distance_m(site, best.payload) / M_PER_KM),
        None => Reach::BeyondModel,
    }
}

/// The rotation-aware footprint: the farthest impact for each launch azimuth.
#[derive(Debug, Clone, PartialEq)]
pub enum Footprint {
    /// A closed loop of farthest impact points, one per azimuth step, in azimuth order.
    Loop(Vec<LatLon>),
    /// Along some azimuth the missile reaches orbital speed: beyond the model.
    BeyondModel,
}

/// The rotation-aware footprint of `launcher` from `site`, sampled every `step_deg` of launch
/// azimuth.
pub fn rotating_footprint(launcher: &impl Launcher, site: LatLon, step_deg: f64) -> Footprint {
    let steps = (360.0 / step_deg.clamp(0.25, 45.0)).round() as usize;
    let mut points = Vec::with_capacity(steps);
    for i in 0..steps {
        let azimuth = 360.0 * i as f64 / steps as f64;
        match farthest_impact(launcher, site, azimuth, true) {
            Reach::Point(p, _) => points.push(p),
            Reach::BeyondModel => return Footprint::BeyondModel,
        }
    }
    Footprint::Loop(points)
}

/// The reach on the rotating Earth toward `target`: the farthest impact whose bearing from the
/// site is the target's, km; `None` when beyond the model (no launch azimuth lands on that
/// bearing short of orbital speed or the antipode).
///
/// The launch azimuth is corrected for the sideways drift of the impact (the Earth turns under
/// the missile): a few fixed-point steps, which converge where the drift changes slowly; for
/// the longest flights, where it does not, a scan of launch azimuths within 90 degrees of the
/// bearing for where the drift changes sign, each crossing refined by bisection.
pub fn rotating_range_toward(
    launcher: &impl Launcher,
    site: LatLon,
    target: LatLon,
) -> Option<f64> {
    let bearing = inverse(site, target).azimuth_deg;
    // The impact's bearing less the target's (degrees, in [-180, 180)) and its distance.
    let drift_at = |azimuth: f64| match farthest_impact(launcher, site, azimuth, true) {
        Reach::Point(p, km) => Some((
            (inverse(site, p).azimuth_deg - bearing + 540.0).rem_euclid(360.0) - 180.0,
            km,
        )),
        Reach::BeyondModel => None,
    };
    const CLOSE_DEG: f64 = 0.01;
    let mut azimuth = bearing;
    for _ in 0..6 {
        match drift_at(azimuth) {
            Some((drift, km)) if drift.abs() < CLOSE_DEG => return Some(km),
            Some((drift, _)) => azimuth -= drift,
            None => break,
        }
    }
    let mut best: Option<f64> = None;
    let mut previous: Option<(f64, f64)> = None;
    for step in -90..=90 {
        let azimuth = bearing + f64::from(step);
        let Some((drift, _)) = drift_at(azimuth) else {
            previous = None;
            continue;
        };
        if let Some((before, drift_before)) = previous
            && drift_before.signum() != drift.signum()
            // Not the jump from +180 to -180 behind the site.
            && (drift_before - drift).abs() < 90.0
        {
            let (mut lo, mut hi, mut d_lo) = (before, azimuth, drift_before);
            let mut found = None;
            for _ in 0..40 {
                let mid = 0.5 * (lo + hi);
                let Some((d, km)) = drift_at(mid) else { break };
                if d.abs() < CLOSE_DEG {
                    found = Some(km);
                    break;
                }
                if d.signum() == d_lo.signum() {
                    (lo, d_lo) = (mid, d);
                } else {
                    hi = mid;
                }
            }
            if let Some(km) = found {
                best = Some(best.map_or(km, |b: f64| b.max(km)));
            }
        }
        previous = Some((azimuth, drift));
    }
    best
}

/// A footprint's edge as seen from its site: distance against bearing, for quick lookups.
#[derive(Debug, Clone, PartialEq)]
pub struct FootprintEdge {
    site: LatLon,
    /// (bearing degrees, distance km), by bearing.
    seen: Vec<(f64, f64)>,
}

impl FootprintEdge {
    /// The edge of `points` (a footprint loop) seen from `site`; `None` for an empty loop.
    pub fn new(site: LatLon, points: &[LatLon]) -> Option<Self> {
        let mut seen: Vec<(f64, f64)> = points
            .iter()
            .map(|p| {
                let line = inverse(site, *p);
                (line.azimuth_deg, line.distance_m / M_PER_KM)
            })
            .collect();
        seen.sort_by(|a, b| a.0.total_cmp(&b.0));
        (!seen.is_empty()).then_some(Self { site, seen })
    }

    /// The distance to the edge along `bearing_deg`, km, interpolated between the neighbours
    /// that bracket it (wrapping round 360).
    pub fn toward_bearing(&self, bearing_deg: f64) -> f64 {
        let n = self.seen.len();
        let after = self.seen.partition_point(|s| s.0 < bearing_deg) % n;
        let before = (after + n - 1) % n;
        let (a, b) = (self.seen[before], self.seen[after]);
        let span = (b.0 - a.0).rem_euclid(360.0);
        let offset = (bearing_deg - a.0).rem_euclid(360.0);
        let t = if span > 1e-12 { offset / span } else { 0.0 };
        a.1 + t * (b.1 - a.1)
    }

    /// Whether `point` lies within the footprint (by geodesic distance along its bearing).
    pub fn contains(&self, point: LatLon) -> bool {
        let line = inverse(self.site, point);
        line.distance_m / M_PER_KM <= self.toward_bearing(line.azimuth_deg)
    }
}

/// The footprint's reach toward `target`: the distance from `site` to the footprint's edge
/// along the target's bearing, km; `None` when the footprint is beyond the model.
pub fn footprint_range_toward(site: LatLon, footprint: &Footprint, target: LatLon) -> Option<f64> {
    let Footprint::Loop(points) = footprint else {
        return None;
    };
    let edge = FootprintEdge::new(site, points)?;
    Some(edge.toward_bearing(inverse(site, target).azimuth_deg))
}

#[cfg(test)]
mod wright {
    use super::*;
    use crate::ballistics::model::ballistic;
    use crate::ballistics::profiles::profile;

    const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);

    /// Wright (UCS, Jul 2017): maximum range toward US cities of a missile with a 10,400 km
    /// non-rotating range launched from North Korea, km.
    pub const WRIGHT: [(&str, f64, f64, f64); 6] = [
        ("Los Angeles", 34.0522, -118.2437, 11_700.0),
        ("Denver", 39.7392, -104.9903, 11_400.0),
        ("Chicago", 41.8781, -87.6298, 11_100.0),
        ("Boston", 42.3601, -71.0589, 10_750.0),
        ("New York", 40.7128, -74.006, 10_850.0),
        ("Washington", 38.8977, -77.0365, 10_900.0),
    ];

    /// The README's table: the powered model against Wright's, city by city.
    #[test]
    fn the_powered_model_comes_within_200_km_of_wrights_table() {
        let rocket = ballistic(&profile("icbm-liquid").unwrap(), 10_400.0).unwrap();
        let footprint = rotating_footprint(rocket.as_ref(), PYONGYANG, 1.0);
        let mut ours = Vec::new();
        for (name, lat, lon, published) in WRIGHT {
            let target = LatLon::lat_lon(lat, lon);
            let km = rotating_range_toward(rocket.as_ref(), PYONGYANG, target).unwrap();
            eprintln!("{name}: ours {km:.0} km, Wright {published:.0} km");
            // Los Angeles +130, Denver +30, Chicago -110, the East Coast -130 to -180: Wright's
            // spread from Los Angeles to Boston (950 km) is narrower than any boost profile
            // gives here (1,100-1,450 km); see the README.
            assert!(
                (km - published).abs() < 200.0,
                "{name}: {km:.0} vs {published}"
            );
            ours.push(km);
            // The drawn footprint agrees with the per-target search within 1 %.
            let edge = footprint_range_toward(PYONGYANG, &footprint, target).unwrap();
            assert!(
                (edge - km).abs() < 0.01 * km,
                "footprint {edge} vs search {km}"
            );
        }
        // Same order: Los Angeles > Denver > Chicago > {Washington, New York, Boston}.
        assert!(
            ours[0] > ours[1] && ours[1] > ours[2] && ours[2] > ours[3].max(ours[4]).max(ours[5])
        );
        // Better than the two-body model on the East Coast, where the question is.
        let two_body = TwoBody(two_body::minimum_energy(10_400.0).burnout_speed_km_s);
        for (i, (_, lat, lon, _)) in WRIGHT.iter().enumerate().skip(3) {
            let old =
                rotating_range_toward(&two_body, PYONGYANG, LatLon::lat_lon(*lat, *lon)).unwrap();
            assert!(ours[i] > old, "{} vs {old}", ours[i]);
        }
    }

    #[test]
    fn the_two_body_model_sits_below_wright_without_a_boost() {
        let launcher = TwoBody(two_body::minimum_energy(10_400.0).burnout_speed_km_s);
        for (name, lat, lon, published) in WRIGHT {
            let km =
                rotating_range_toward(&launcher, PYONGYANG, LatLon::lat_lon(lat, lon)).unwrap();
            // The finding that motivated the powered model: 0-450 km short.
            assert!(
                km < published + 100.0 && published - km < 450.0,
                "{name}: {km:.0}"
            );
        }
    }

    #[test]
    fn east_gains_west_loses() {
        let rocket = ballistic(&profile("icbm-liquid").unwrap(), 10_400.0).unwrap();
        let km = |az: f64| match farthest_impact(rocket.as_ref(), PYONGYANG, az, true) {
            Reach::Point(_, km) => km,
            Reach::BeyondModel => f64::INFINITY,
        };
        // missile-ranges.md, for the two-body model: about +2,000 km due east and -1,100 km due
        // west. Burnout high above the ground, after the boost, makes both larger.
        assert!(
            km(90.0) > 12_000.0 && km(90.0) < 13_500.0,
            "east {}",
            km(90.0)
        );
        assert!(
            km(270.0) > 8_300.0 && km(270.0) < 9_500.0,
            "west {}",
            km(270.0)
        );
    }

    #[test]
    fn longer_missiles_reach_farther_on_the_rotating_earth_too() {
        // Past about 14,000 km the drift correction's fixed-point steps swing; the scan finds
        // the launch azimuth that lands on the bearing.
        let washington = LatLon::lat_lon(38.8977, -77.0365);
        let reach = |km: f64| {
            let rocket = ballistic(&profile("icbm-solid").unwrap(), km).unwrap();
            rotating_range_toward(rocket.as_ref(), PYONGYANG, washington).unwrap()
        };
        let (short, long) = (reach(14_500.0), reach(15_000.0));
        assert!(long > short && long > 15_000.0, "{short} then {long}");
    }

    #[test]
    fn near_orbital_missiles_are_beyond_the_model() {
        let fast = ballistic(&profile("icbm-liquid").unwrap(), 15_000.0).unwrap();
        assert_eq!(
            rotating_footprint(fast.as_ref(), PYONGYANG, 5.0),
            Footprint::BeyondModel
        );
        let irbm = ballistic(&profile("irbm").unwrap(), 4_500.0).unwrap();
        assert!(matches!(
            rotating_footprint(irbm.as_ref(), PYONGYANG, 5.0),
            Footprint::Loop(_)
        ));
    }
}
