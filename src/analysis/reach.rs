//! Which missile reaches which target from which site: geodesic distance against range, with
//! the band of published estimates and the minimum range, and from the missile's flight model
//! the flight time and the reach on the rotating Earth.

use crate::ballistics::RotatingReach;
use crate::geodesy::{M_PER_KM, Origin};
use crate::scenario::{Missile, Scenario, Site, Target};
use std::collections::HashMap;

/// How a target relates to a missile's range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Within the nominal range.
    InRange,
    /// Beyond the nominal range but within the highest published estimate.
    WithinBand,
    /// Beyond every published estimate.
    OutOfRange,
    /// Nearer than the missile's minimum range.
    InsideMinimumRange,
}

impl Verdict {
    /// "in range", "within the band" or "out of range".
    pub fn text(self) -> &'static str {
        match self {
            Self::InRange => "in range",
            Self::WithinBand => "within the band",
            Self::OutOfRange => "out of range",
            Self::InsideMinimumRange => "inside minimum range",
        }
    }

    /// The verdict without colour: filled, half, hollow, barred circle.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::InRange => "●",
            Self::WithinBand => "◐",
            Self::OutOfRange => "○",
            Self::InsideMinimumRange => "⊘",
        }
    }

    /// The verdict in a word, for narrow columns: "in", "band", "out", "min".
    pub fn word(self) -> &'static str {
        match self {
            Self::InRange => "in",
            Self::WithinBand => "band",
            Self::OutOfRange => "out",
            Self::InsideMinimumRange => "min",
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
    /// The highest published estimate, km (the nominal range without a band).
    pub range_max_km: f64,
    /// The missile's minimum range, km, if it has one.
    pub minimum_range_km: Option<f64>,
    /// Flight time to the target, minutes, lift-off to impact; `None` beyond every estimate,
    /// when the flight class is not modelled (glide) or the model breaks down (orbital speed).
    pub flight_time_min: Option<f64>,
    /// Reach toward the target on the rotating Earth.
    pub rotating: RotatingReach,
}

impl ReachRow {
    /// Range left over at the target, km; negative when out of range.
    pub fn margin_km(&self) -> f64 {
        self.range_km - self.distance_km
    }

    /// Whether the target is within the nominal range and not inside the minimum range
    /// (decided by geodesic distance).
    pub fn in_range(&self) -> bool {
        self.distance_km <= self.range_km && !self.inside_minimum_range()
    }

    /// Whether the target is nearer than the missile's minimum range.
    pub fn inside_minimum_range(&self) -> bool {
        self.minimum_range_km
            .is_some_and(|min| self.distance_km < min)
    }

    /// Inside the minimum range, in range, within the band of estimates, or out of range.
    pub fn verdict(&self) -> Verdict {
        if self.inside_minimum_range() {
            Verdict::InsideMinimumRange
        } else if self.in_range() {
            Verdict::InRange
        } else if self.distance_km <= self.range_max_km {
            Verdict::WithinBand
        } else {
            Verdict::OutOfRange
        }
    }

    /// Why there is no flight time, in a few words: "out of range", "not modelled (glide)" or
    /// "beyond the model"; `None` when there is one.
    pub fn no_flight_time(&self, missile: &Missile) -> Option<&'static str> {
        if self.flight_time_min.is_some() {
            None
        } else if self.distance_km > self.range_max_km {
            Some("out of range")
        } else if missile.flight.class() == crate::ballistics::FlightClass::Glide {
            Some("not modelled (glide)")
        } else {
            Some("beyond the model")
        }
    }

    /// Reach toward the target on the rotating Earth, km, when the model gives one.
    pub fn rotating_range_km(&self) -> Option<f64> {
        self.rotating.km()
    }

    /// Whether the target is within reach on the rotating Earth. Where the model gives no
    /// rotating reach (beyond the model, cruise, glide) the nominal range decides.
    pub fn in_range_rotating(&self) -> bool {
        match self.rotating {
            RotatingReach::Km(km) => self.distance_km <= km && !self.inside_minimum_range(),
            _ => self.in_range(),
        }
    }
}

/// What one reach row depends on, for reusing rows across edits: the bits of the site's
/// origin, the missile's ranges and the target's position.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowKey {
    origin: Vec<u64>,
    missile: [u64; 2],
    /// The flight model and minimum range, as text (profiles hold floats).
    flight: String,
    target: [u64; 2],
}

/// Reach rows kept from earlier tables: while one site is dragged only its rows are computed
/// again (the rotating-Earth search is the costly part).
#[derive(Debug, Default)]
pub struct ReachMemo {
    rows: HashMap<RowKey, ReachRow>,
}

/// Like [`reach_table`], reusing the rows of `memo` whose inputs did not change; with
/// `visible_only`, the rows of visible missiles only (what the window shows).
pub fn reach_table_memo(
    scenario: &Scenario,
    memo: &mut ReachMemo,
    visible_only: bool,
) -> Vec<ReachRow> {
    let wanted = |m: &Missile| m.visible || !visible_only;
    crate::ballistics::model::prepare(
        scenario
            .missiles()
            .iter()
            .filter(|m| wanted(m))
            .map(|m| &m.flight),
    );
    let mut fresh = HashMap::new();
    let mut rows = Vec::new();
    for spec in scenario.ring_specs() {
        if !wanted(&scenario.missiles()[spec.missile]) {
            continue;
        }
        let site = &scenario.sites()[spec.site];
        let missile = &scenario.missiles()[spec.missile];
        let origin = origin_bits(site);
        for (t, target) in scenario.targets().iter().enumerate() {
            let key = RowKey {
                origin: origin.clone(),
                missile: [missile.range_km.to_bits(), missile.max_range_km().to_bits()],
                flight: format!("{:?} {:?}", missile.flight, missile.minimum_range_km),
                target: [target.position.lat.to_bits(), target.position.lon.to_bits()],
            };
            let mut row = match memo.rows.get(&key) {
                Some(row) => *row,
                None => row_for(site, missile, target),
            };
            (row.site, row.missile, row.target) = (spec.site, spec.missile, t);
            fresh.insert(key, row);
            rows.push(row);
        }
    }
    memo.rows = fresh;
    rows
}

/// The bits of a site's position and of its patrol area's corners.
fn origin_bits(site: &Site) -> Vec<u64> {
    let mut bits = vec![site.position.lat.to_bits(), site.position.lon.to_bits()];
    if let Origin::Area(area) = &site.origin {
        bits.extend(
            area.corners()
                .iter()
                .flat_map(|c| [c.lat.to_bits(), c.lon.to_bits()]),
        );
    }
    bits
}

fn row_for(site: &Site, missile: &Missile, target: &Target) -> ReachRow {
    // From a patrol area, distances run from its nearest point.
    let (distance_m, azimuth_deg) = site.origin.distance_to(target.position);
    let distance_km = distance_m / M_PER_KM;
    ReachRow {
        site: 0,
        missile: 0,
        target: 0,
        distance_km,
        azimuth_deg,
        range_km: missile.range_km,
        range_max_km: missile.max_range_km(),
        minimum_range_km: missile.minimum_range_km,
        // No flight time to a target beyond every estimate: it is not reached.
        flight_time_min: (distance_km <= missile.max_range_km())
            .then(|| missile.flight.flight_time_min(distance_km))
            .flatten(),
        rotating: missile
            .flight
            .rotating_range_toward(site.position, target.position),
    }
}

/// The reach row of one ring (`spec`) and target `target` (an index into the targets).
pub fn reach_row(scenario: &Scenario, spec: crate::scenario::RingSpec, target: usize) -> ReachRow {
    let mut row = row_for(
        &scenario.sites()[spec.site],
        &scenario.missiles()[spec.missile],
        &scenario.targets()[target],
    );
    (row.site, row.missile, row.target) = (spec.site, spec.missile, target);
    row
}

/// The reach table: for every ring of the scenario (missile and site, in the order of
/// [`Scenario::ring_specs`]), one row per target. Hidden missiles are included: visibility is a
/// matter of drawing, not of reach.
pub fn reach_table(scenario: &Scenario) -> Vec<ReachRow> {
    reach_table_memo(scenario, &mut ReachMemo::default(), false)
}
