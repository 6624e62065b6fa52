//! A missile's flight as the rest of the program sees it: how long it takes to a target and
//! how far it reaches on the rotating Earth, by flight class.
//!
//! - Ballistic: the powered model ([`super::powered`]) with the class's boost profile,
//!   calibrated so that its range-maximising trajectory on the non-rotating Earth reaches the
//!   missile's nominal range. Shorter flights cut the thrust early (energy management) and fly
//!   the range-maximising trajectory for that burn, so flight times come from the same rocket.
//! - Cruise: path over speed plus a launch and climb allowance; the Earth's rotation does not
//!   change an air-breathing missile's reach, so there is no rotation footprint.
//! - Glide: not modelled (a boost-glide vehicle's range depends on its lift, which no source
//!   gives); no flight time, no rotation footprint.
//!
//! Calibrated rockets are cached for the process: calibration and the flight-time table cost a
//! few tens of milliseconds per missile.

use super::powered::{BoostProfile, PlanarFlight, Rocket, calibrate, free_flight};
use super::rotation::{self, Footprint, Launcher};
use super::{Impact, two_body};
use crate::geodesy::LatLon;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// How a missile flies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlightClass {
    /// Boost, then free flight above the atmosphere.
    #[default]
    Ballistic,
    /// Powered flight in the atmosphere at a steady speed.
    Cruise,
    /// Boost, then an unpowered glide in the upper atmosphere.
    Glide,
}

impl FlightClass {
    /// "ballistic", "cruise" or "glide".
    pub fn text(self) -> &'static str {
        match self {
            Self::Ballistic => "ballistic",
            Self::Cruise => "cruise",
            Self::Glide => "glide",
        }
    }
}

/// Default cruise speed, km/h: subsonic cruise missiles (Hwasal-1 flew about 1,500 km in about
/// 125 min, some 720 km/h, on figure-8 courses).
pub const DEFAULT_CRUISE_SPEED_KMH: f64 = 800.0;

/// Launch and climb before a cruise missile settles at its speed, minutes.
pub const CRUISE_LAUNCH_MIN: f64 = 2.0;

/// A missile's flight: its class and what the class needs.
#[derive(Debug, Clone, PartialEq)]
pub enum FlightModel {
    /// Powered ballistic flight: the boost profile and the nominal range it is calibrated to.
    Ballistic {
        /// The boost profile.
        profile: BoostProfile,
        /// Nominal (non-rotating) range, km.
        range_km: f64,
    },
    /// Cruise at this speed, km/h.
    Cruise {
        /// Speed, km/h.
        speed_kmh: f64,
    },
    /// Boost-glide: not modelled.
    Glide,
}

/// The reach on the rotating Earth toward one target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RotatingReach {
    /// The farthest impact along the target's bearing, km.
    Km(f64),
    /// The model reaches orbital speed: it says nothing about the reach (a missile this fast is
    /// a satellite launcher, not a missile with a range).
    BeyondModel,
    /// Rotation does not change this flight class's reach (cruise): the nominal range stands.
    NoEffect,
    /// Not modelled for this flight class (glide): the nominal range stands.
    NotModelled,
}

impl RotatingReach {
    /// The reach as km if there is one.
    pub fn km(self) -> Option<f64> {
        match self {
            Self::Km(km) => Some(km),
            _ => None,
        }
    }

    /// What to write where there is no figure: "beyond the model", "no effect (cruise)" or
    /// "not modelled (glide)"; `None` for a figure.
    pub fn words(self) -> Option<&'static str> {
        match self {
            Self::Km(_) => None,
            Self::BeyondModel => Some("beyond the model"),
            Self::NoEffect => Some("no effect (cruise)"),
            Self::NotModelled => Some("not modelled (glide)"),
        }
    }
}

impl FlightModel {
    /// The flight class.
    pub fn class(&self) -> FlightClass {
        match self {
            Self::Ballistic { .. } => FlightClass::Ballistic,
            Self::Cruise { .. } => FlightClass::Cruise,
            Self::Glide => FlightClass::Glide,
        }
    }

    /// Flight time to a target `distance_km` away, minutes, lift-off to impact; `None` when the
    /// class is not modelled (glide) or the rocket is beyond the model.
    pub fn flight_time_min(&self, distance_km: f64) -> Option<f64> {
        match self {
            Self::Ballistic { profile, range_km } => {
                Some(ballistic(profile, *range_km)?.time_to(distance_km) / 60.0)
            }
            Self::Cruise { speed_kmh } => {
                Some(distance_km / speed_kmh.max(1.0) * 60.0 + CRUISE_LAUNCH_MIN)
            }
            Self::Glide => None,
        }
    }

    /// The reach toward `target` from `site` on the rotating Earth.
    pub fn rotating_range_toward(&self, site: LatLon, target: LatLon) -> RotatingReach {
        let (profile, range_km) = match self {
            Self::Ballistic { profile, range_km } => (profile, range_km),
            Self::Cruise { .. } => return RotatingReach::NoEffect,
            Self::Glide => return RotatingReach::NotModelled,
        };
        match ballistic(profile, *range_km) {
            None => RotatingReach::BeyondModel,
            Some(b) => match rotation::rotating_range_toward(b.as_ref(), site, target) {
                Some(km) => RotatingReach::Km(km),
                None => RotatingReach::BeyondModel,
            },
        }
    }

    /// The rotation-aware footprint from `site`, sampled every `step_deg` of azimuth; `None`
    /// when rotation does not apply (cruise) or is not modelled (glide).
    pub fn rotating_footprint(&self, site: LatLon, step_deg: f64) -> Option<Footprint> {
        let Self::Ballistic { profile, range_km } = self else {
            return None;
        };
        Some(match ballistic(profile, *range_km) {
            None => Footprint::BeyondModel,
            Some(b) => rotation::rotating_footprint(b.as_ref(), site, step_deg),
        })
    }
}

/// A rocket calibrated to a range, with what is precomputed from it: its standard
/// (range-maximising) trajectory on the non-rotating Earth, and the flight time against range
/// for cut-off burns.
///
/// On the rotating Earth it flies the same standard trajectory relative to the ground (same
/// kick, same burnout speed and angle); the site's eastward speed adds at burnout and the Earth
/// turns under the free flight. Re-optimising the trajectory for each azimuth instead would, in
/// a model without an atmosphere, favour flat near-orbital flights eastward that no missile
/// flies, and moves away from the published analyses (Wright, UCS, 2017) that this reproduces.
#[derive(Debug)]
pub struct Ballistic {
    /// The calibrated rocket.
    pub rocket: Rocket,
    /// The pitch-over kick of the standard trajectory, degrees from vertical.
    pub standard_kick_deg: f64,
    /// The standard trajectory.
    pub standard: PlanarFlight,
    /// Range-maximising flights for cut-off burns: (range km, flight time s), by range.
    times: Vec<(f64, f64)>,
}

/// Cut-off burns tabulated for flight times: flight time is smooth in range, so linear
/// interpolation between 25 flights is within seconds.
const TIME_TABLE_STEPS: usize = 24;

impl Ballistic {
    fn new(rocket: Rocket) -> Option<Self> {
        let (standard_kick_deg, standard) = rocket.standard_flight(None)?;
        let burn = rocket.profile.burn_s();
        let first = (rocket.profile.vertical_rise_s + 2.0).min(burn);
        let mut times: Vec<(f64, f64)> = (0..=TIME_TABLE_STEPS)
            .filter_map(|i| {
                let cutoff = first + (burn - first) * i as f64 / TIME_TABLE_STEPS as f64;
                let (_, flight) = rocket.standard_flight(Some(cutoff))?;
                Some((flight.range_km, flight.time_s))
            })
            .collect();
        times.sort_by(|a, b| a.0.total_cmp(&b.0));
        times.dedup_by(|a, b| a.0 <= b.0);
        Some(Self {
            rocket,
            standard_kick_deg,
            standard,
            times,
        })
    }

    /// Lift-off to impact over `distance_km`, s: the thrust cut off so that the
    /// range-maximising trajectory lands there; below the shortest tabulated flight,
    /// minimum-energy free flight after that flight's burn; beyond the standard flight, its
    /// time grown as the minimum-energy free flight grows.
    pub fn time_to(&self, distance_km: f64) -> f64 {
        let Some(&(first_km, first_s)) = self.times.first() else {
            return two_body::minimum_energy(distance_km).free_flight_s;
        };
        if distance_km <= first_km || self.times.len() < 2 {
            let coast = two_body::minimum_energy(first_km).free_flight_s;
            return first_s - coast + two_body::minimum_energy(distance_km).free_flight_s;
        }
        if let Some(&(last_km, last_s)) = self.times.last()
            && distance_km > last_km
        {
            // Beyond the standard flight (a target within the band of estimates): the same
            // rocket with a little more energy, by the minimum-energy free flight's growth.
            return last_s + two_body::minimum_energy(distance_km).free_flight_s
                - two_body::minimum_energy(last_km).free_flight_s;
        }
        let after = self
            .times
            .iter()
            .position(|t| t.0 >= distance_km)
            .unwrap_or(self.times.len() - 1)
            .max(1);
        let (a, b) = (self.times[after - 1], self.times[after]);
        let f = ((distance_km - a.0) / (b.0 - a.0).max(1e-9)).clamp(0.0, 1.0);
        a.1 + f * (b.1 - a.1)
    }
}

impl Launcher for Ballistic {
    /// The standard trajectory's kick only.
    fn controls(&self) -> (f64, f64) {
        (self.standard_kick_deg, self.standard_kick_deg)
    }
    fn impact(&self, site: LatLon, azimuth_deg: f64, _control: f64, rotating: bool) -> Impact {
        free_flight(site, azimuth_deg, &self.standard.burnout, rotating)
    }
}

/// Calibrates the rockets of the ballistic `models` not yet in the cache, on up to four
/// threads (about 7 ms each for an ICBM), so that the lookups that follow are free.
pub fn prepare<'a>(models: impl IntoIterator<Item = &'a FlightModel>) {
    let mut todo: Vec<(&BoostProfile, f64)> = Vec::new();
    for model in models {
        if let FlightModel::Ballistic { profile, range_km } = model
            && !todo.iter().any(|(p, r)| *p == profile && *r == *range_km)
        {
            todo.push((profile, *range_km));
        }
    }
    if todo.len() < 2 {
        return;
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let chunk = todo.len().div_ceil(threads);
    crate::threads::scope(|scope| {
        for run in todo.chunks(chunk) {
            scope.spawn(move || {
                for (profile, range_km) in run {
                    ballistic(profile, *range_km);
                }
            });
        }
    });
}

type CacheKey = (String, u64);

/// The calibrated rocket for a profile and range, from the process-wide cache; `None` when the
/// range is beyond the model (at or near the antipode).
pub fn ballistic(profile: &BoostProfile, range_km: f64) -> Option<Arc<Ballistic>> {
    static CACHE: OnceLock<Mutex<HashMap<CacheKey, Option<Arc<Ballistic>>>>> = OnceLock::new();
    let key = (format!("{profile:?}"), range_km.to_bits());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    // Computed outside the lock: two threads may both compute it once; both get the same.
    let made = calibrate(profile, range_km)
        .and_then(Ballistic::new)
        .map(Arc::new);
    if let Ok(mut c) = cache.lock() {
        c.insert(key, made.clone());
    }
    made
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballistics::profiles::profile;

    #[test]
    fn guam_plan_cross_check() {
        // North Korea's 2017 plan: Hwasong-12s to fly 3,356.7 km in 1,065 s toward Guam.
        let model = FlightModel::Ballistic {
            profile: profile("irbm").unwrap(),
            range_km: 4_500.0,
        };
        let total_s = model.flight_time_min(3_356.7).unwrap() * 60.0;
        // The model cuts the thrust early for a shorter flight and flies the fastest
        // trajectory for that burn: about 995 s, 7 % under the plan's time.
        assert!((total_s - 1_065.0).abs() < 0.08 * 1_065.0, "{total_s} s");
    }

    #[test]
    fn cruise_time_is_path_over_speed_and_glide_is_not_modelled() {
        let cruise = FlightModel::Cruise { speed_kmh: 800.0 };
        assert!((cruise.flight_time_min(1_200.0).unwrap() - 92.0).abs() < 1e-9);
        let site = LatLon::lat_lon(39.0, 125.7);
        let far = LatLon::lat_lon(35.7, 139.7);
        assert_eq!(
            cruise.rotating_range_toward(site, far),
            RotatingReach::NoEffect
        );
        assert!(cruise.rotating_footprint(site, 5.0).is_none());
        assert!(FlightModel::Glide.flight_time_min(1_000.0).is_none());
    }

    #[test]
    fn flight_time_grows_with_distance_up_to_the_standard_flight() {
        let model = FlightModel::Ballistic {
            profile: profile("icbm-liquid").unwrap(),
            range_km: 10_400.0,
        };
        let times: Vec<f64> = [2_000.0, 5_000.0, 8_000.0, 10_400.0]
            .iter()
            .map(|&d| model.flight_time_min(d).unwrap())
            .collect();
        assert!(times.windows(2).all(|w| w[0] < w[1]), "{times:?}");
        // ICBM flights to the US: about half an hour (two-body, 32 min of free flight at
        // 10,000 km; the powered standard trajectory is flatter and a little shorter).
        assert!(times[3] > 28.0 && times[3] < 40.0, "{times:?}");
    }
}
