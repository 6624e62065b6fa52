//! Powered flight: a boost phase, then Keplerian free flight to impact.
//!
//! A point mass in the plane of flight over a spherical Earth: each stage burns for a set time
//! at constant thrust and mass flow (so its acceleration grows as propellant burns), the rocket
//! rises vertically for a few seconds, is kicked over toward the target by a small angle and
//! then follows a gravity turn (thrust along the velocity relative to the ground). No drag, no
//! Coriolis force during the boost (a few minutes, a few km); the Earth's rotation enters at
//! burnout, where the site's eastward speed is added to the missile's and the Earth then turns
//! under the free flight. With a vanishing burn time this is the two-body model of
//! [`super::two_body`], which the tests check.

use super::kepler::{Orbit, fall_to_surface};
use super::{EARTH_RADIUS_KM, Impact, MU_KM3_S2, OMEGA_RAD_S, Vec3, add, cross, scale};
use crate::geodesy::{LatLon, normalize_lon};
use crate::numeric::golden_section_max;
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;

/// One stage of a boost profile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Burn time, s.
    pub burn_s: f64,
    /// Mass at ignition over mass at burnout (> 1): how much the acceleration grows.
    pub mass_ratio: f64,
    /// This stage's share of the rocket's ideal velocity gain (the shares are normalised).
    pub share: f64,
}

/// How a class of rocket boosts: its stages and its pitch programme. The velocity it gains is
/// not part of the profile: it is fitted to a range or a test ([`Rocket`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoostProfile {
    /// Short name, e.g. "icbm-liquid".
    pub name: String,
    /// The stages, fired one after the other without a coast.
    pub stages: Vec<Stage>,
    /// Vertical rise before the pitch-over kick, s.
    pub vertical_rise_s: f64,
}

impl BoostProfile {
    /// Total burn time, s.
    pub fn burn_s(&self) -> f64 {
        self.stages.iter().map(|s| s.burn_s).sum()
    }
}

/// A rocket: a boost profile and the ideal velocity it gains (the sum of each stage's
/// exhaust speed times the log of its mass ratio), km/s.
#[derive(Debug, Clone, PartialEq)]
pub struct Rocket {
    /// How it boosts.
    pub profile: BoostProfile,
    /// Ideal velocity gain, no gravity loss, km/s.
    pub delta_v_km_s: f64,
}

/// The state at burnout, in the plane of flight, relative to the ground.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Burnout {
    /// Time since lift-off, s.
    pub time_s: f64,
    /// Distance from the Earth's centre, km.
    pub radius_km: f64,
    /// Angle travelled round the Earth's centre from the launch point, rad.
    pub downrange_rad: f64,
    /// Speed relative to the ground, km/s.
    pub speed_km_s: f64,
    /// Flight-path angle above the local horizontal, rad.
    pub flight_path_rad: f64,
}

/// A flight in the plane, on the non-rotating Earth: what calibration and the test fit use.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlanarFlight {
    /// Ground range to impact on the sphere, km.
    pub range_km: f64,
    /// Lift-off to impact, s.
    pub time_s: f64,
    /// Highest altitude above the sphere, km.
    pub apogee_km: f64,
    /// The state at burnout.
    pub burnout: Burnout,
}

/// The outcome of the search for the range-maximising trajectory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Standard {
    /// The kick of the longest flight and the flight.
    Flies(f64, PlanarFlight),
    /// Some kick reaches orbital speed: beyond the model.
    Orbital,
    /// No kick gets the rocket away from the ground: too weak for its weight.
    Grounded,
}

/// One point of a trajectory for plots: downrange distance along the surface and altitude, km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrackPoint {
    /// Time since lift-off, s.
    pub time_s: f64,
    /// Distance along the surface from the launch point, km.
    pub downrange_km: f64,
    /// Altitude above the sphere, km.
    pub altitude_km: f64,
}

/// Largest pitch-over kick searched, degrees from vertical: beyond it every profile's gravity
/// turn flies into the ground during the boost.
pub const MAX_KICK_DEG: f64 = 89.0;

/// Integration step of the boost, s: RK4 on a smooth force (stage ends and the kick fall on
/// step boundaries); against 1 s steps the calibrated velocity gain moves by 4 um/s, the range
/// by about 10 m.
const BOOST_STEP_S: f64 = 4.0;

impl Rocket {
    /// The boost with a pitch-over kick of `kick_deg` from vertical, thrust cut off at
    /// `cutoff_s` (or at the end of the last stage). `None` when the rocket comes back to the
    /// ground before burnout (a kick too large for its thrust). With `track`, every step's
    /// point is pushed onto it.
    pub fn boost(
        &self,
        kick_deg: f64,
        cutoff_s: Option<f64>,
        mut track: Option<&mut Vec<TrackPoint>>,
    ) -> Option<Burnout> {
        let total_share: f64 = self.profile.stages.iter().map(|s| s.share.max(0.0)).sum();
        let end = cutoff_s
            .unwrap_or(f64::INFINITY)
            .min(self.profile.burn_s())
            .max(0.0);
        let kick_at = self.profile.vertical_rise_s.clamp(0.0, end);
        // Long burns (a file's stages may add up to 6,000 s) take longer steps: at most about
        // 300 in all.
        let step_s = BOOST_STEP_S.max(end / 300.0);
        let (sk, ck) = kick_deg.to_radians().sin_cos();
        // x downrange, y up through the launch point; velocity relative to the ground.
        let mut p = [0.0, EARTH_RADIUS_KM];
        let mut v = [0.0, 0.0];
        let mut kicked = kick_at <= 0.0;
        let mut t = 0.0;
        let record = |t: f64, p: [f64; 2], track: &mut Option<&mut Vec<TrackPoint>>| {
            if let Some(track) = track.as_deref_mut() {
                track.push(track_point(t, p));
            }
        };
        record(t, p, &mut track);
        let mut stage_start = 0.0;
        for stage in &self.profile.stages {
            let stage_end = (stage_start + stage.burn_s.max(0.0)).min(end);
            let share = if total_share > 0.0 {
                stage.share.max(0.0) / total_share
            } else {
                0.0
            };
            let thrust = StageThrust::new(stage, share * self.delta_v_km_s, stage_start);
            // Step to the kick, then to the stage's end, landing exactly on both.
            let mut marks = vec![];
            if !kicked && kick_at > t && kick_at < stage_end {
                marks.push(kick_at);
            }
            marks.push(stage_end);
            for mark in marks {
                let steps = ((mark - t) / step_s).ceil().max(4.0) as usize;
                let dt = (mark - t) / steps as f64;
                if dt <= 0.0 {
                    continue;
                }
                for _ in 0..steps {
                    let pitch = if kicked { Some((sk, ck)) } else { None };
                    (p, v) = rk4_boost(p, v, t, dt, &thrust, pitch);
                    t += dt;
                    record(t, p, &mut track);
                    if hypot(p) < EARTH_RADIUS_KM - 1e-9 {
                        return None;
                    }
                }
                if !kicked && (t - kick_at).abs() < 1e-9 {
                    // Turn the velocity by the kick toward the target: the gravity turn starts.
                    let up = unit(p);
                    let down = [up[1], -up[0]];
                    let speed = hypot(v);
                    v = [
                        speed * (ck * up[0] + sk * down[0]),
                        speed * (ck * up[1] + sk * down[1]),
                    ];
                    kicked = true;
                }
            }
            stage_start += stage.burn_s.max(0.0);
            if stage_start >= end {
                break;
            }
        }
        let radius = hypot(p);
        let speed = hypot(v);
        let up = unit(p);
        let climb = if speed > 0.0 {
            ((v[0] * up[0] + v[1] * up[1]) / speed).clamp(-1.0, 1.0)
        } else {
            1.0
        };
        Some(Burnout {
            time_s: t,
            radius_km: radius,
            downrange_rad: p[0].atan2(p[1]),
            speed_km_s: speed,
            flight_path_rad: climb.asin(),
        })
    }

    /// The whole flight in the plane on the non-rotating Earth; `None` when it crashes during
    /// the boost or does not come down (orbital).
    pub fn fly_planar(&self, kick_deg: f64, cutoff_s: Option<f64>) -> Option<PlanarFlight> {
        let burnout = self.boost(kick_deg, cutoff_s, None)?;
        let (r, v) = burnout_vectors(&burnout);
        let fall = fall_to_surface(r, v)?;
        Some(PlanarFlight {
            range_km: (burnout.downrange_rad + fall.angle_rad) * EARTH_RADIUS_KM,
            time_s: burnout.time_s + fall.time_s,
            apogee_km: fall.apogee_km.max(burnout.radius_km - EARTH_RADIUS_KM),
            burnout,
        })
    }

    /// The range-maximising trajectory on the non-rotating Earth: the kick and the flight.
    /// `None` when the search meets a kick that reaches orbital speed (beyond the model) or
    /// the rocket cannot climb away from the ground.
    pub fn standard_flight(&self, cutoff_s: Option<f64>) -> Option<(f64, PlanarFlight)> {
        match self.standard(cutoff_s) {
            Standard::Flies(kick, flight) => Some((kick, flight)),
            Standard::Orbital | Standard::Grounded => None,
        }
    }

    /// The range-maximising trajectory, or why there is none. An orbital kick counts as
    /// endless range, so the search heads for it once it has seen one.
    pub fn standard(&self, cutoff_s: Option<f64>) -> Standard {
        let best = golden_section_max(0.0, MAX_KICK_DEG, 1e-3, 80, |kick| {
            Some(match self.boost(kick, cutoff_s, None) {
                None => (-1.0, Standard::Grounded),
                Some(burnout) => {
                    let (r, v) = burnout_vectors(&burnout);
                    match fall_to_surface(r, v) {
                        None => (f64::INFINITY, Standard::Orbital),
                        Some(fall) => {
                            let range = (burnout.downrange_rad + fall.angle_rad) * EARTH_RADIUS_KM;
                            let flight = PlanarFlight {
                                range_km: range,
                                time_s: burnout.time_s + fall.time_s,
                                apogee_km: fall.apogee_km.max(burnout.radius_km - EARTH_RADIUS_KM),
                                burnout,
                            };
                            (range, Standard::Flies(kick, flight))
                        }
                    }
                }
            })
        });
        best.map_or(Standard::Grounded, |b| b.payload)
    }

    /// Where the rocket lands when launched from `site` along `azimuth_deg` with a kick of
    /// `kick_deg`, on the rotating Earth or not.
    pub fn impact(&self, site: LatLon, azimuth_deg: f64, kick_deg: f64, rotating: bool) -> Impact {
        match self.boost(kick_deg, None, None) {
            Some(burnout) => free_flight(site, azimuth_deg, &burnout, rotating),
            // Back on the ground during the boost: it lands near the site.
            None => Impact::Lands(site, 0.0),
        }
    }

    /// The trajectory for plots, lift-off to impact, on the non-rotating Earth: the boost at
    /// every integration step, then `samples` points of free flight.
    pub fn track(&self, kick_deg: f64, cutoff_s: Option<f64>, samples: usize) -> Vec<TrackPoint> {
        let mut track = Vec::new();
        let Some(burnout) = self.boost(kick_deg, cutoff_s, Some(&mut track)) else {
            return track;
        };
        let (r, v) = burnout_vectors(&burnout);
        let Some(orbit) = Orbit::new(r, v) else {
            return track;
        };
        let Some(fall) = fall_to_surface(r, v) else {
            return track;
        };
        let theta_b = orbit.true_anomaly(r, v);
        for i in 1..=samples.max(1) {
            let f = i as f64 / samples.max(1) as f64;
            let theta = theta_b + f * fall.angle_rad;
            let radius = orbit.p / (1.0 + orbit.e * theta.cos());
            let time = burnout.time_s + orbit.time_between(theta_b, theta);
            track.push(TrackPoint {
                time_s: time,
                downrange_km: (burnout.downrange_rad + f * fall.angle_rad) * EARTH_RADIUS_KM,
                altitude_km: (radius - EARTH_RADIUS_KM).max(0.0),
            });
        }
        track
    }
}

/// Free flight from `burnout` (flown from `site` along `azimuth_deg`) to impact, on the
/// rotating Earth or not. The boost was flown relative to the ground; on the rotating Earth the
/// site's eastward speed is added at burnout, and the Earth turns under the free flight.
pub fn free_flight(site: LatLon, azimuth_deg: f64, burnout: &Burnout, rotating: bool) -> Impact {
    let frame = LaunchFrame::new(site, azimuth_deg);
    let (planar_r, planar_v) = burnout_vectors(burnout);
    let r = frame.place(planar_r);
    let mut v = frame.place(planar_v);
    if rotating {
        v = add(v, cross([0.0, 0.0, OMEGA_RAD_S], r));
    }
    let Some(fall) = fall_to_surface(r, v) else {
        return Impact::Orbital;
    };
    if burnout.downrange_rad + fall.angle_rad >= PI {
        // Past the antipode it comes back toward the site: its reach along this azimuth is
        // everything, which the model does not describe.
        return Impact::Orbital;
    }
    let mut hit = fall.impact_unit;
    if rotating {
        // The Earth turns east under the missile: in Earth-fixed terms the impact moves west.
        let (s, c) = (-OMEGA_RAD_S * fall.time_s).sin_cos();
        hit = [c * hit[0] - s * hit[1], s * hit[0] + c * hit[1], hit[2]];
    }
    let lat = hit[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = hit[1].atan2(hit[0]).to_degrees();
    Impact::Lands(
        LatLon::lat_lon(lat, normalize_lon(lon)),
        burnout.time_s + fall.time_s,
    )
}

/// Calibrates a profile to a range: the ideal velocity gain whose range-maximising trajectory
/// on the non-rotating Earth reaches `range_km`. `None` when no rocket of this profile can (the
/// range is at or beyond the antipode, where the model breaks down at orbital speed).
pub fn calibrate(profile: &BoostProfile, range_km: f64) -> Option<Rocket> {
    if range_km.is_nan() || range_km <= 0.0 || range_km >= PI * EARTH_RADIUS_KM * 0.995 {
        return None;
    }
    let rocket = |dv: f64| Rocket {
        profile: profile.clone(),
        delta_v_km_s: dv,
    };
    // How far short of the range a velocity gain falls, km: an orbital rocket is endlessly
    // far, one that cannot lift off falls the whole range short.
    let miss = |dv: f64| match rocket(dv).standard(None) {
        Standard::Flies(_, f) => f.range_km - range_km,
        Standard::Orbital => f64::INFINITY,
        Standard::Grounded => -range_km,
    };
    // Bracket: the two-body burnout speed is a lower bound (the boost loses to gravity).
    let mut lo = super::two_body::minimum_energy(range_km).burnout_speed_km_s;
    let mut hi = lo + 0.5;
    let mut f_hi = miss(hi);
    let mut steps = 0;
    while f_hi < 0.0 {
        lo = hi;
        hi += 0.5;
        f_hi = miss(hi);
        steps += 1;
        if steps > 40 {
            return None;
        }
    }
    // Regula falsi with the Illinois step on range against speed (smooth and increasing);
    // an orbital end halves the bracket.
    let mut f_lo = miss(lo).min(0.0);
    for _ in 0..60 {
        let mid = if f_hi.is_finite() && f_hi > f_lo {
            hi - f_hi * (hi - lo) / (f_hi - f_lo)
        } else {
            0.5 * (lo + hi)
        };
        let f = miss(mid);
        if f.abs() < 1e-3 {
            return Some(rocket(mid));
        }
        if f < 0.0 {
            (lo, f_lo) = (mid, f);
            f_hi /= 2.0;
        } else {
            (hi, f_hi) = (mid, f);
            f_lo /= 2.0;
        }
        // A micrometre per second moves an ICBM's range by a few metres.
        if hi - lo < 1e-6 {
            break;
        }
    }
    // Near the antipode the range may jump to orbital between neighbouring gains: then
    // there is no rocket with this range in the model.
    let dv = 0.5 * (lo + hi);
    (miss(dv).abs() < 1.0).then(|| rocket(dv))
}

/// The thrust of one stage: constant thrust and mass flow.
struct StageThrust {
    /// Exhaust speed, km/s.
    exhaust_km_s: f64,
    /// Fraction of the stage's mass burnt per second, 1/s.
    burn_rate: f64,
    /// Ignition time, s since lift-off.
    start_s: f64,
}

impl StageThrust {
    fn new(stage: &Stage, delta_v_km_s: f64, start_s: f64) -> Self {
        let ratio = stage.mass_ratio.max(1.000_001);
        let burn = stage.burn_s.max(1e-9);
        Self {
            exhaust_km_s: delta_v_km_s / ratio.ln(),
            burn_rate: (1.0 - 1.0 / ratio) / burn,
            start_s,
        }
    }

    /// Thrust acceleration at time `t`, km/s^2.
    fn acceleration(&self, t: f64) -> f64 {
        let burnt = (self.burn_rate * (t - self.start_s)).clamp(0.0, 0.999_999);
        self.exhaust_km_s * self.burn_rate / (1.0 - burnt)
    }
}

/// One RK4 step of the boost: gravity plus thrust, vertical before the kick (`pitch` `None`),
/// along the velocity after it (or along the kicked direction while the velocity is nil).
fn rk4_boost(
    p: [f64; 2],
    v: [f64; 2],
    t: f64,
    dt: f64,
    thrust: &StageThrust,
    pitch: Option<(f64, f64)>,
) -> ([f64; 2], [f64; 2]) {
    let accel = |p: [f64; 2], v: [f64; 2], t: f64| -> [f64; 2] {
        let r = hypot(p);
        let g = -MU_KM3_S2 / (r * r * r);
        let up = unit(p);
        let speed = hypot(v);
        let dir = match pitch {
            None => up,
            Some(_) if speed > 1e-9 => [v[0] / speed, v[1] / speed],
            Some((sk, ck)) => [ck * up[0] + sk * up[1], ck * up[1] - sk * up[0]],
        };
        let a = thrust.acceleration(t);
        [g * p[0] + a * dir[0], g * p[1] + a * dir[1]]
    };
    let step = |x: [f64; 2], d: [f64; 2], h: f64| [x[0] + h * d[0], x[1] + h * d[1]];
    let a1 = accel(p, v, t);
    let (p2, v2) = (step(p, v, dt / 2.0), step(v, a1, dt / 2.0));
    let a2 = accel(p2, v2, t + dt / 2.0);
    let (p3, v3) = (step(p, v2, dt / 2.0), step(v, a2, dt / 2.0));
    let a3 = accel(p3, v3, t + dt / 2.0);
    let (p4, v4) = (step(p, v3, dt), step(v, a3, dt));
    let a4 = accel(p4, v4, t + dt);
    let mix = |x: [f64; 2], k: [[f64; 2]; 4]| {
        [
            x[0] + dt / 6.0 * (k[0][0] + 2.0 * k[1][0] + 2.0 * k[2][0] + k[3][0]),
            x[1] + dt / 6.0 * (k[0][1] + 2.0 * k[1][1] + 2.0 * k[2][1] + k[3][1]),
        ]
    };
    (mix(p, [v, v2, v3, v4]), mix(v, [a1, a2, a3, a4]))
}

fn hypot(a: [f64; 2]) -> f64 {
    a[0].hypot(a[1])
}

fn unit(a: [f64; 2]) -> [f64; 2] {
    let n = hypot(a);
    [a[0] / n, a[1] / n]
}

fn track_point(t: f64, p: [f64; 2]) -> TrackPoint {
    TrackPoint {
        time_s: t,
        downrange_km: p[0].atan2(p[1]) * EARTH_RADIUS_KM,
        altitude_km: (hypot(p) - EARTH_RADIUS_KM).max(0.0),
    }
}

/// Burnout position and velocity in 3D, with the plane of flight as the x-y plane (x downrange,
/// y up through the launch point).
fn burnout_vectors(b: &Burnout) -> (Vec3, Vec3) {
    let (s, c) = b.downrange_rad.sin_cos();
    let up = [s, c, 0.0];
    let ahead = [c, -s, 0.0];
    let (sg, cg) = b.flight_path_rad.sin_cos();
    (
        scale(up, b.radius_km),
        add(
            scale(up, b.speed_km_s * sg),
            scale(ahead, b.speed_km_s * cg),
        ),
    )
}

/// Maps the plane of flight onto the Earth: y along the site's vertical, x along the launch
/// azimuth (Earth-fixed axes, z to the north pole).
struct LaunchFrame {
    up: Vec3,
    ahead: Vec3,
}

impl LaunchFrame {
    fn new(site: LatLon, azimuth_deg: f64) -> Self {
        let (sp, cp) = site.lat.to_radians().sin_cos();
        let (sl, cl) = site.lon.to_radians().sin_cos();
        let up = [cp * cl, cp * sl, sp];
        let north = [-sp * cl, -sp * sl, cp];
        let east = [-sl, cl, 0.0];
        let (sa, ca) = azimuth_deg.to_radians().sin_cos();
        Self {
            up,
            ahead: add(scale(east, sa), scale(north, ca)),
        }
    }

    fn place(&self, planar: Vec3) -> Vec3 {
        add(scale(self.ahead, planar[0]), scale(self.up, planar[1]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballistics::two_body::minimum_energy;

    fn impulsive(dv: f64) -> Rocket {
        Rocket {
            profile: BoostProfile {
                name: "impulse".into(),
                stages: vec![Stage {
                    burn_s: 1e-3,
                    mass_ratio: 1.01,
                    share: 1.0,
                }],
                vertical_rise_s: 0.0,
            },
            delta_v_km_s: dv,
        }
    }

    #[test]
    fn the_no_boost_limit_is_the_two_body_model() {
        for range in [1_000.0, 4_500.0, 10_400.0] {
            let me = minimum_energy(range);
            let rocket = impulsive(me.burnout_speed_km_s);
            let (kick, flight) = rocket.standard_flight(None).unwrap();
            assert!((flight.range_km - range).abs() < 0.5, "{range}: {flight:?}");
            assert!(
                (kick - (90.0 - me.flight_path_deg)).abs() < 0.05,
                "{range}: kick {kick}"
            );
            assert!(
                (flight.time_s - me.free_flight_s).abs() < 0.5,
                "{range}: {} s vs {} s",
                flight.time_s,
                me.free_flight_s
            );
        }
    }

    #[test]
    fn the_no_boost_limit_matches_two_body_impacts_on_the_rotating_earth() {
        let site = LatLon::lat_lon(39.0392, 125.7625);
        let speed = minimum_energy(10_400.0).burnout_speed_km_s;
        let rocket = impulsive(speed);
        for (azimuth, gamma) in [(30.0, 22.0), (90.0, 35.0), (250.0, 10.0)] {
            let Impact::Lands(a, ta) = rocket.impact(site, azimuth, 90.0 - gamma, true) else {
                panic!()
            };
            let Impact::Lands(b, tb) =
                crate::ballistics::two_body::impact(site, azimuth, gamma, speed, true)
            else {
                panic!()
            };
            let km = crate::geodesy::distance_m(a, b) / 1000.0;
            assert!(km < 1.0, "{azimuth}: {km} km apart");
            assert!((ta - tb).abs() < 1.0, "{ta} vs {tb}");
        }
    }

    #[test]
    fn calibration_reaches_the_range_and_costs_more_than_two_body() {
        let profile = crate::ballistics::profiles::profile("icbm-liquid").unwrap();
        let rocket = calibrate(&profile, 10_400.0).unwrap();
        let (_, flight) = rocket.standard_flight(None).unwrap();
        assert!((flight.range_km - 10_400.0).abs() < 1.0, "{flight:?}");
        // Gravity losses: the ideal velocity gain exceeds the two-body burnout speed.
        assert!(rocket.delta_v_km_s > minimum_energy(10_400.0).burnout_speed_km_s + 0.3);
        assert!(calibrate(&profile, 25_000.0).is_none());
    }
}
