//! Which missile reaches which target from which site: geodesic distance against range.

use crate::geodesy::{LatLon, M_PER_KM, inverse};
use crate::scenario::Scenario;

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
}

/// The reach table: for every ring of the scenario (missile and site, in the order of
/// [`Scenario::ring_specs`]), one row per target. Hidden missiles are included: visibility is a
/// matter of drawing, not of reach.
pub fn reach_table(scenario: &Scenario) -> Vec<ReachRow> {
    let mut rows = Vec::new();
    for spec in scenario.ring_specs() {
        let site = &scenario.sites[spec.site];
        let from = LatLon::lat_lon(site.lat, site.lon);
        let range_km = scenario.missiles[spec.missile].range_km;
        for (t, target) in scenario.targets.iter().enumerate() {
            let line = inverse(from, LatLon::lat_lon(target.lat, target.lon));
            rows.push(ReachRow {
                site: spec.site,
                missile: spec.missile,
                target: t,
                distance_km: line.distance_m / M_PER_KM,
                azimuth_deg: line.azimuth_deg,
                range_km,
            });
        }
    }
    rows
}
