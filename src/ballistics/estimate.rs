//! From a lofted test to a range: fit a rocket to the test's apogee and ground range (and its
//! flight time when given), then fly the same rocket on the range-maximising trajectory.
//!
//! This is how the published ICBM ranges for North Korea were derived (Wright, UCS, 2017):
//! the tests were flown steeply upward to land in the sea near Japan. The fit keeps the class's
//! boost profile and finds the velocity gain and the pitch-over kick that give the observed
//! apogee and range on the steep (lofted) branch; with a flight time it also scales the burn
//! times. Both flights are on the non-rotating Earth, as the published conversions are.

use super::EARTH_RADIUS_KM;
use super::powered::{BoostProfile, MAX_KICK_DEG, PlanarFlight, Rocket, TrackPoint};
use super::profiles;
use std::f64::consts::PI;

/// What a test showed, as published.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Test {
    /// Highest altitude, km.
    pub apogee_km: f64,
    /// Ground range, km.
    pub range_km: f64,
    /// Lift-off to impact, minutes, if published.
    pub flight_time_min: Option<f64>,
}

/// The rocket fitted to a test and its standard flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// The fitted rocket (profile with scaled burn times, and velocity gain).
    pub rocket: Rocket,
    /// Burn times relative to the class profile's (1 without a flight time to fit).
    pub burn_scale: f64,
    /// With a flight time: whether scaling the burn times matched it. A drag-free model flies
    /// lofted tests faster than they flew (re-entry through the atmosphere slows the last
    /// minutes), so the time is often out of reach; the profile's own burn times are kept then.
    pub time_matched: Option<bool>,
    /// The same test read with the two-body model (burnout at the surface, no boost): the
    /// minimum-energy range at the burnout speed that flies the test, km; `None` when orbital.
    pub two_body_range_km: Option<f64>,
    /// Kick of the fitted test flight, degrees from vertical.
    pub test_kick_deg: f64,
    /// The model's test flight.
    pub test_flight: PlanarFlight,
    /// Kick of the standard trajectory, degrees from vertical.
    pub standard_kick_deg: f64,
    /// The standard (range-maximising) flight; `None` when the rocket reaches orbital speed or
    /// passes the antipode: beyond the model.
    pub standard: Option<PlanarFlight>,
}

impl Estimate {
    /// The test flight's track, for plots.
    pub fn test_track(&self) -> Vec<TrackPoint> {
        self.rocket.track(self.test_kick_deg, None, 200)
    }

    /// The standard flight's track, for plots (empty beyond the model).
    pub fn standard_track(&self) -> Vec<TrackPoint> {
        if self.standard.is_some() {
            self.rocket.track(self.standard_kick_deg, None, 200)
        } else {
            Vec::new()
        }
    }
}

/// Why a test cannot be fitted.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EstimateError {
    /// The figures are not positive finite numbers.
    #[error("{0} must be a positive number")]
    NotPositive(&'static str),
    /// Apogee and range that no trajectory of this kind joins.
    #[error(
        "no {profile} rocket of the model flies a steep trajectory of {range_km} km to an apogee of {apogee_km} km: check the figures (apogee and ground range, km) or try another --profile"
    )]
    NoFit {
        /// Profile name.
        profile: String,
        /// Range asked for, km.
        range_km: f64,
        /// Apogee asked for, km.
        apogee_km: f64,
    },
    /// An unknown profile name.
    #[error("unknown profile \"{0}\"; the profiles are {names}", names = profiles::PROFILE_NAMES.join(", "))]
    UnknownProfile(String),
}

/// Fits the rocket of `profile_name` to `test` and flies it on a standard trajectory.
///
/// # Errors
/// Non-positive figures, an unknown profile, or a test no rocket of the profile can fly.
pub fn estimate(test: Test, profile_name: &str) -> Result<Estimate, EstimateError> {
    let profile = profiles::profile(profile_name)
        .ok_or_else(|| EstimateError::UnknownProfile(profile_name.to_owned()))?;
    for (value, name) in [(test.apogee_km, "apogee"), (test.range_km, "range")] {
        if !(value.is_finite() && value > 0.0) {
            return Err(EstimateError::NotPositive(name));
        }
    }
    if let Some(t) = test.flight_time_min
        && !(t.is_finite() && t > 0.0)
    {
        return Err(EstimateError::NotPositive("flight time"));
    }
    let no_fit = || EstimateError::NoFit {
        profile: profile_name.to_owned(),
        range_km: test.range_km,
        apogee_km: test.apogee_km,
    };
    let (burn_scale, time_matched, rocket, kick, flight) = match test.flight_time_min {
        None => {
            let (rocket, kick, flight) = fit(&profile, test).ok_or_else(no_fit)?;
            (1.0, None, rocket, kick, flight)
        }
        Some(minutes) => {
            let (scale, matched, rocket, kick, flight) =
                fit_with_time(&profile, test, minutes * 60.0).ok_or_else(no_fit)?;
            (scale, Some(matched), rocket, kick, flight)
        }
    };
    let standard = rocket.standard_flight(None);
    Ok(Estimate {
        burn_scale,
        time_matched,
        two_body_range_km: two_body_range(test),
        test_kick_deg: kick,
        test_flight: flight,
        standard_kick_deg: standard.map_or(0.0, |(k, _)| k),
        standard: standard.map(|(_, f)| f),
        rocket,
    })
}

/// The profile with every burn time scaled by `scale`.
fn scaled(profile: &BoostProfile, scale: f64) -> BoostProfile {
    let mut p = profile.clone();
    for stage in &mut p.stages {
        stage.burn_s *= scale;
    }
    p.vertical_rise_s *= scale.min(1.0);
    p
}

/// Where a lofted flight to a range stands for one rocket.
enum Lofted {
    /// The kick and the flight that land at the range on the steep side.
    Lands(f64, PlanarFlight),
    /// Every steep flight falls short: the rocket is too weak.
    Short,
    /// Some steep flight goes orbital before reaching the range: too strong.
    Orbital,
}

/// The lofted flight of `rocket` that lands `range_km` away: the smallest kick that gets
/// there (range grows with the kick on the steep side of the standard trajectory), bracketed
/// in quarter-degree steps, then bisected.
fn lofted(rocket: &Rocket, range_km: f64) -> Lofted {
    let mut previous = (0.0, 0.0);
    let mut kick = 0.0;
    let bracket = loop {
        kick += 0.25;
        if kick > MAX_KICK_DEG {
            return Lofted::Short;
        }
        match rocket.boost(kick, None, None) {
            None => return Lofted::Short,
            Some(_) => match rocket.fly_planar(kick, None) {
                None => return Lofted::Orbital,
                Some(f) if f.range_km >= range_km => break (previous.0, kick),
                // Past the standard trajectory's kick without getting there.
                Some(f) if f.range_km < previous.1 => return Lofted::Short,
                Some(f) => previous = (kick, f.range_km),
            },
        }
    };
    let (mut lo, mut hi) = bracket;
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        match rocket.fly_planar(mid, None) {
            Some(f) if f.range_km < range_km => lo = mid,
            _ => hi = mid,
        }
        if hi - lo < 1e-9 {
            break;
        }
    }
    let kick = 0.5 * (lo + hi);
    match rocket.fly_planar(kick, None) {
        Some(f) => Lofted::Lands(kick, f),
        None => Lofted::Orbital,
    }
}

/// Fits the velocity gain so that the lofted flight to the test's range peaks at its apogee.
fn fit(profile: &BoostProfile, test: Test) -> Option<(Rocket, f64, PlanarFlight)> {
    let rocket = |dv: f64| Rocket {
        profile: profile.clone(),
        delta_v_km_s: dv,
    };
    // Apogee on the lofted branch grows with the velocity gain; a gain that cannot reach the
    // range counts as too small, one that goes orbital as too large.
    let (mut lo, mut hi) = (0.5, 12.0);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        match lofted(&rocket(mid), test.range_km) {
            Lofted::Lands(_, f) if f.apogee_km < test.apogee_km => lo = mid,
            Lofted::Lands(..) | Lofted::Orbital => hi = mid,
            Lofted::Short => lo = mid,
        }
        if hi - lo < 1e-9 {
            break;
        }
    }
    let fitted = rocket(0.5 * (lo + hi));
    let Lofted::Lands(kick, flight) = lofted(&fitted, test.range_km) else {
        return None;
    };
    // A fit that cannot reach the apogee (the bracket's end) is no fit.
    ((flight.apogee_km - test.apogee_km).abs() < 0.01 * test.apogee_km + 1.0)
        .then_some((fitted, kick, flight))
}

/// Fits the burn-time scale too, so that the test's flight time comes out: the scale and
/// whether the time was matched (else the profile's own burn times).
fn fit_with_time(
    profile: &BoostProfile,
    test: Test,
    time_s: f64,
) -> Option<(f64, bool, Rocket, f64, PlanarFlight)> {
    let attempt = |scale: f64| fit(&scaled(profile, scale), test);
    let score = |scale: f64| attempt(scale).map(|(_, _, f)| f.time_s - time_s);
    // The flight time grows with the burn time: find neighbouring scales that bracket it
    // (a long burn may not fit at all), then bisect.
    const SCALES: [f64; 9] = [0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0];
    let scores: Vec<Option<f64>> = SCALES.iter().map(|&s| score(s)).collect();
    let bracket = (1..SCALES.len()).find(
        |&i| matches!((scores[i - 1], scores[i]), (Some(a), Some(b)) if a <= 0.0 && b >= 0.0),
    );
    if let Some(i) = bracket {
        let (mut lo, mut hi) = (SCALES[i - 1], SCALES[i]);
        for _ in 0..40 {
            let mid = 0.5 * (lo + hi);
            match score(mid) {
                Some(d) if d < 0.0 => lo = mid,
                Some(_) => hi = mid,
                None => break,
            }
            if hi - lo < 1e-4 {
                break;
            }
        }
        let scale = 0.5 * (lo + hi);
        if let Some((rocket, kick, flight)) = attempt(scale) {
            return Some((scale, true, rocket, kick, flight));
        }
    }
    let (rocket, kick, flight) = attempt(1.0)?;
    Some((1.0, false, rocket, kick, flight))
}

/// The two-body reading of a test: the burnout speed at the surface whose steep trajectory
/// flies `test.range_km` to `test.apogee_km`, then the minimum-energy range at that speed, km.
/// `None` when that speed is orbital or no speed fits.
pub fn two_body_range(test: Test) -> Option<f64> {
    let r = EARTH_RADIUS_KM;
    let psi = test.range_km / r;
    // For a speed (as nu = v^2 r / mu), the steep flight-path angle that flies psi, by
    // bisection between the minimum-energy angle and vertical; then its apogee.
    let apogee = |nu: f64| -> Option<f64> {
        let angle = |gamma: f64| {
            let (s, c) = gamma.sin_cos();
            2.0 * (nu * s * c).atan2(1.0 - nu * c * c)
        };
        let (mut lo, mut hi) = ((PI - psi) / 4.0, PI / 2.0);
        if angle(lo) < psi {
            return None;
        }
        for _ in 0..80 {
            let mid = 0.5 * (lo + hi);
            if angle(mid) > psi {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let gamma = 0.5 * (lo + hi);
        let a = r / (2.0 - nu);
        let e = (1.0 - nu * (2.0 - nu) * gamma.cos().powi(2))
            .max(0.0)
            .sqrt();
        Some(a * (1.0 + e) - r)
    };
    let (mut lo, mut hi) = (1e-6, 2.0 - 1e-9);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        match apogee(mid) {
            Some(a) if a > test.apogee_km => hi = mid,
            _ => lo = mid,
        }
    }
    let nu = 0.5 * (lo + hi);
    if (apogee(nu)? - test.apogee_km).abs() > 0.01 * test.apogee_km + 1.0 || nu >= 1.0 {
        return None;
    }
    // Minimum-energy range at this speed: sin(psi/2) = nu / (2 - nu).
    Some(2.0 * (nu / (2.0 - nu)).asin() * r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fit_reproduces_the_test_it_was_fitted_to() {
        let test = Test {
            apogee_km: 3_724.9,
            range_km: 998.0,
            flight_time_min: None,
        };
        let e = estimate(test, "icbm-liquid").unwrap();
        assert!(
            (e.test_flight.apogee_km - 3_724.9).abs() < 40.0,
            "{:?}",
            e.test_flight
        );
        assert!((e.test_flight.range_km - 998.0).abs() < 1.0);
        let standard = e.standard.unwrap();
        assert!(
            standard.range_km > 8_000.0 && standard.range_km < 12_000.0,
            "{standard:?}"
        );
    }

    #[test]
    fn a_higher_apogee_means_a_longer_range() {
        let range = |apogee: f64| {
            estimate(
                Test {
                    apogee_km: apogee,
                    range_km: 950.0,
                    flight_time_min: None,
                },
                "icbm-liquid",
            )
            .unwrap()
            .standard
            .map_or(f64::INFINITY, |f| f.range_km)
        };
        assert!(range(2_800.0) < range(3_700.0));
        assert!(range(3_700.0) < range(4_500.0));
    }

    #[test]
    fn the_two_body_reading_falls_short_of_the_powered_one() {
        // The 28 July 2017 test: burnout at the surface ignores that a steep boost loses more
        // to gravity than a flat one, so it reads about 8,000 km where the powered fit gives
        // Wright's 10,400.
        let test = Test {
            apogee_km: 3_724.9,
            range_km: 998.0,
            flight_time_min: None,
        };
        let km = two_body_range(test).unwrap();
        assert!((km - 8_000.0).abs() < 300.0, "{km}");
        let powered = estimate(test, "icbm-liquid").unwrap().standard.unwrap();
        assert!((powered.range_km - 10_400.0).abs() < 300.0, "{powered:?}");
    }

    #[test]
    fn impossible_tests_are_refused_with_a_reason() {
        let flat = Test {
            apogee_km: 10.0,
            range_km: 5_000.0,
            flight_time_min: None,
        };
        let err = estimate(flat, "irbm").unwrap_err().to_string();
        assert!(err.contains("no irbm rocket"), "{err}");
        let bad = Test {
            apogee_km: -1.0,
            range_km: 900.0,
            flight_time_min: None,
        };
        assert!(estimate(bad, "irbm").is_err());
        assert!(
            estimate(flat, "nonsense")
                .unwrap_err()
                .to_string()
                .contains("icbm-liquid")
        );
    }
}
