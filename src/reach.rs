//! Which missile reaches which target from which site: geodesic distance against range, with
//! the band of published estimates, the minimum-energy flight time and the reach on the
//! rotating Earth.

use crate::geodesy::flight::{
    Footprint, flight_time_min, rotating_footprint, rotating_range_toward,
};
use crate::geodesy::{LatLon, M_PER_KM, inverse};
use crate::scenario::Scenario;

/// Launch-azimuth step of the rotation-aware footprints behind the reach table, degrees.
const FOOTPRINT_STEP_DEG: f64 = 2.0;

/// How a target relates to a missile's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the nominal range.
    InRange,
    /// Beyond the nominal range but within the highest published estimate.
    WithinBand,
    /// Beyond every published estimate.
    OutOfRange,
}

impl Verdict {
    /// "in range", "within the band" or "out of range".
    pub fn text(self) -> &'static str {
        match self {
            Self::InRange => "in range",
            Self::WithinBand => "within the band",
            Self::OutOfRange => "out of range",
        }
    }
}

/// One (site, missile, target) line of the reach table. Indices point into the scenario's lists.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReachRow {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Index into the scenario's targets.
    pub target: usize,
    /// Geodesic distance from site to target, km.
    pub distance_km: f64,
    /// Initial geodesic azimuth from site to target, degrees clockwise from north, in [0, 360).
    pub azimuth_deg: f64,
    /// The missile's nominal range, km.
    pub range_km: f64,
    /// The highest published estimate, km, if the missile has a band.
    pub range_max_km: Option<f64>,
    /// Minimum-energy flight time to the target, minutes, boost allowance included.
    pub flight_time_min: f64,
    /// Reach toward the target on the rotating Earth, km; `None` when it is global (orbital
    /// speed along some azimuth).
    pub rotating_range_km: Option<f64>,
}

impl ReachRow {
    /// Range left over at the target, km; negative when out of range.
    pub fn margin_km(&self) -> f64 {
        self.range_km - self.distance_km
    }

    /// Whether the target is within the nominal range (decided by geodesic distance).
    pub fn in_range(&self) -> bool {
        self.distance_km <= self.range_km
    }

    /// In range, within the band of estimates, or out of range.
    pub fn verdict(&self) -> Verdict {
        if self.in_range() {
            Verdict::InRange
        } else if self.range_max_km.is_some_and(|max| self.distance_km <= max) {
            Verdict::WithinBand
        } else {
            Verdict::OutOfRange
        }
    }

    /// Whether the target is within reach on the rotating Earth.
    pub fn in_range_rotating(&self) -> bool {
        self.rotating_range_km
            .is_none_or(|km| self.distance_km <= km)
    }
}

/// The reach table: for every ring of the scenario (missile and site, in the order of
/// [`Scenario::ring_specs`]), one row per target. Hidden missiles are included: visibility is a
/// matter of drawing, not of reach.
pub fn reach_table(scenario: &Scenario) -> Vec<ReachRow> {
    let mut rows = Vec::new();
    for spec in scenario.ring_specs() {
        let site = &scenario.sites[spec.site];
        let missile = &scenario.missiles[spec.missile];
        let from = LatLon::lat_lon(site.lat, site.lon);
        let footprint = rotating_footprint(from, missile.range_km, FOOTPRINT_STEP_DEG);
        for (t, target) in scenario.targets.iter().enumerate() {
            let to = LatLon::lat_lon(target.lat, target.lon);
            let line = inverse(from, to);
            let distance_km = line.distance_m / M_PER_KM;
            rows.push(ReachRow {
                site: spec.site,
                missile: spec.missile,
                target: t,
                distance_km,
                azimuth_deg: line.azimuth_deg,
                range_km: missile.range_km,
                range_max_km: missile.range_max_km,
                flight_time_min: flight_time_min(distance_km, missile.range_km),
                rotating_range_km: match footprint {
                    Footprint::Global => None,
                    Footprint::Loop(_) => rotating_range_toward(from, &footprint, to),
                },
            });
        }
    }
    rows
}
