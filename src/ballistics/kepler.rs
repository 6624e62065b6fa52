//! Keplerian free flight about a spherical Earth: the orbit through a state, true anomalies
//! and times along it, and the fall from a state to the surface, in closed form.

use super::{EARTH_RADIUS_KM, MU_KM3_S2, Vec3, add, cross, dot, norm, scale};
use std::f64::consts::{PI, TAU};

/// A Keplerian orbit about the Earth's centre.
pub struct Orbit {
    /// Semi-major axis, km.
    pub a: f64,
    /// Semi-latus rectum, km.
    pub p: f64,
    /// Eccentricity.
    pub e: f64,
    /// Unit vector to perigee.
    e_hat: Vec3,
    /// Unit normal of the orbit's plane.
    h_hat: Vec3,
}

impl Orbit {
    /// The bound orbit through `r` with velocity `v` (km, km/s); `None` when unbound or
    /// circular.
    pub fn new(r: Vec3, v: Vec3) -> Option<Self> {
        let rn = norm(r);
        let energy = dot(v, v) / 2.0 - MU_KM3_S2 / rn;
        if energy >= 0.0 {
            return None;
        }
        let h = cross(r, v);
        let hn = norm(h);
        if hn == 0.0 {
            // Straight up and down: treat as a degenerate ellipse in the plane of r.
            return None;
        }
        let e_vec = add(scale(cross(v, h), 1.0 / MU_KM3_S2), scale(r, -1.0 / rn));
        let e = norm(e_vec);
        if e < 1e-12 {
            return None;
        }
        Some(Self {
            a: -MU_KM3_S2 / (2.0 * energy),
            p: hn * hn / MU_KM3_S2,
            e,
            e_hat: scale(e_vec, 1.0 / e),
            h_hat: scale(h, 1.0 / hn),
        })
    }

    /// True anomaly of the point `r` moving with `v`, in (-pi, pi].
    pub fn true_anomaly(&self, r: Vec3, v: Vec3) -> f64 {
        let cos = (dot(self.e_hat, r) / norm(r)).clamp(-1.0, 1.0);
        if dot(r, v) >= 0.0 {
            cos.acos()
        } else {
            -cos.acos()
        }
    }

    /// Time to move from true anomaly `from` forward to `to`, s (less than one period).
    pub fn time_between(&self, from: f64, to: f64) -> f64 {
        let mean = |theta: f64| {
            let half = (theta / 2.0).tan();
            let ecc = 2.0 * (((1.0 - self.e) / (1.0 + self.e)).sqrt() * half).atan();
            ecc - self.e * ecc.sin()
        };
        let wrap = |x: f64| (x + PI).rem_euclid(TAU) - PI;
        let span = (to - from).rem_euclid(TAU);
        let mut dm = (mean(wrap(to)) - mean(wrap(from))).rem_euclid(TAU);
        if span > 0.0 && dm == 0.0 {
            dm = TAU;
        }
        dm * (self.a.powi(3) / MU_KM3_S2).sqrt()
    }
}

/// The free fall from burnout to the surface.
pub struct Fall {
    /// Angle travelled round the Earth's centre from burnout to impact, rad.
    pub angle_rad: f64,
    /// Time from burnout to impact, s.
    pub time_s: f64,
    /// Highest altitude of the free flight, km.
    pub apogee_km: f64,
    /// Unit vector to the impact point (same axes as the input, not rotated).
    pub impact_unit: Vec3,
}

/// Free flight from `r`, `v` (km, km/s) to the sphere; `None` when the orbit does not come down.
pub fn fall_to_surface(r: Vec3, v: Vec3) -> Option<Fall> {
    let orbit = Orbit::new(r, v)?;
    let surface = EARTH_RADIUS_KM;
    if orbit.p / (1.0 + orbit.e) >= surface {
        return None;
    }
    let theta_b = orbit.true_anomaly(r, v);
    let theta_i = -((orbit.p / surface - 1.0) / orbit.e)
        .clamp(-1.0, 1.0)
        .acos();
    let angle = (theta_i - theta_b).rem_euclid(TAU);
    let time = orbit.time_between(theta_b, theta_i);
    let apogee = if theta_b >= 0.0 {
        orbit.a * (1.0 + orbit.e)
    } else {
        norm(r)
    } - surface;
    let r_hat = scale(r, 1.0 / norm(r));
    let side = cross(orbit.h_hat, r_hat);
    let (s, c) = angle.sin_cos();
    Some(Fall {
        angle_rad: angle,
        time_s: time,
        apogee_km: apogee,
        impact_unit: add(scale(r_hat, c), scale(side, s)),
    })
}

/// The total energy per unit mass of a state, km^2/s^2: kinetic plus potential.
pub fn specific_energy(r: Vec3, v: Vec3) -> f64 {
    dot(v, v) / 2.0 - MU_KM3_S2 / norm(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Free flight integrated step by step (RK4), as a check on the closed-form Kepler flight:
    /// the impact unit vector, the time, and the largest relative change of energy on the way.
    fn integrate_free_flight(mut r: Vec3, mut v: Vec3, dt: f64) -> (Vec3, f64, f64) {
        let accel = |r: Vec3| scale(r, -MU_KM3_S2 / norm(r).powi(3));
        let e0 = specific_energy(r, v);
        let (mut t, mut drift) = (0.0, 0.0_f64);
        loop {
            let (k1r, k1v) = (v, accel(r));
            let (k2r, k2v) = (
                add(v, scale(k1v, dt / 2.0)),
                accel(add(r, scale(k1r, dt / 2.0))),
            );
            let (k3r, k3v) = (
                add(v, scale(k2v, dt / 2.0)),
                accel(add(r, scale(k2r, dt / 2.0))),
            );
            let (k4r, k4v) = (add(v, scale(k3v, dt)), accel(add(r, scale(k3r, dt))));
            let next_r = add(
                r,
                scale(
                    add(add(k1r, scale(k2r, 2.0)), add(scale(k3r, 2.0), k4r)),
                    dt / 6.0,
                ),
            );
            let next_v = add(
                v,
                scale(
                    add(add(k1v, scale(k2v, 2.0)), add(scale(k3v, 2.0), k4v)),
                    dt / 6.0,
                ),
            );
            if norm(next_r) < EARTH_RADIUS_KM {
                // Linear interpolation to the surface within the last step.
                let f = (norm(r) - EARTH_RADIUS_KM) / (norm(r) - norm(next_r));
                let hit = add(scale(r, 1.0 - f), scale(next_r, f));
                return (scale(hit, 1.0 / norm(hit)), t + f * dt, drift);
            }
            (r, v, t) = (next_r, next_v, t + dt);
            drift = drift.max(((specific_energy(r, v) - e0) / e0).abs());
        }
    }

    #[test]
    fn free_flight_conserves_energy_and_matches_kepler() {
        // Burnouts 200-300 km up: a standard ICBM trajectory (7 km/s, 12 degrees) and a lofted
        // one (6 km/s, 80 degrees), in the x-y plane with y up.
        for (altitude, speed, angle) in [(300.0, 7.0, 12.0_f64), (200.0, 6.0, 80.0)] {
            let r = [0.0, EARTH_RADIUS_KM + altitude, 0.0];
            let (s, c) = angle.to_radians().sin_cos();
            let v = [speed * c, speed * s, 0.0];
            let (hit, t, drift) = integrate_free_flight(r, v, 0.5);
            assert!(drift < 1e-9, "energy drift {drift:e}");
            let fall = fall_to_surface(r, v).unwrap();
            let apart = norm(add(hit, scale(fall.impact_unit, -1.0))) * EARTH_RADIUS_KM;
            assert!(apart < 0.5, "{apart} km apart");
            assert!((t - fall.time_s).abs() < 0.5, "{t} vs {}", fall.time_s);
        }
    }
}
