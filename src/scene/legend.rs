//! What a map needs explained: a legend entry per visible missile (with its sources, band and
//! coverage), the caveats that apply to what is drawn, and the key to the symbols used.

use super::areas::SceneArea;
use super::markers::{Marker, Symbol};
use super::rings::{RingLayers, SceneRing};
use crate::analysis::CoverageRow;
use crate::ballistics::FlightClass;
use crate::color::Rgba;
use crate::format::{DistanceUnit, thousands};
use crate::scenario::{Band, Scenario, SiteKind};
use std::fmt::Write as _;
use std::sync::Arc;

/// Coverage of a target area, for the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendCoverage {
    /// The area's name, e.g. "Continental United States".
    pub area: String,
    /// The largest share covered from any of the missile's sites, percent.
    pub percent: f64,
    /// With the rotation layer on: the largest share within reach on the rotating Earth,
    /// percent (`None` beyond the model, or with the layer off).
    pub rotating_percent: Option<f64>,
}

/// What the rotation layer says about a missile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RotationNote {
    /// Its reach on the rotating Earth is drawn dashed.
    Dashed,
    /// It reaches orbital speed along some azimuth: beyond the model.
    BeyondModel,
    /// Rotation does not apply to its flight class (cruise, glide).
    NotApplicable,
}

/// A legend line for one visible missile.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Missile name.
    pub name: String,
    /// Class (SRBM, ICBM, ...), if given.
    pub class: Option<String>,
    /// Colour of its rings.
    pub color: Rgba,
    /// Nominal range, km.
    pub range_km: f64,
    /// The band of published estimates, if any.
    pub band: Option<Band>,
    /// Whether the band's low and high edges are assumed: no listed source gives them.
    pub band_assumed: [bool; 2],
    /// Where it is drawn from, e.g. "Pyongyang" or "6 patrol points".
    pub from: String,
    /// The figure is an editorial assumption.
    pub assumed: bool,
    /// Its sources, one line each ("text (date)").
    pub sources: Vec<String>,
    /// Coverage of the scenario's first target area, when it covers any.
    pub coverage: Option<LegendCoverage>,
    /// The rotation layer's note, when that layer is on.
    pub rotation: Option<RotationNote>,
}

impl LegendEntry {
    /// The name with the class: "Hwasong-19 (solid)  ICBM".
    pub fn title(&self) -> String {
        match &self.class {
            Some(class) => format!("{}  {class}", self.name),
            None => self.name.clone(),
        }
    }

    /// The figures in a sentence: "15,000 km (9,321 mi), estimates 13,000-15,000 km, from
    /// Pyongyang; covers 100% of CONUS" (the coverage only `with_coverage`: a reach matrix
    /// beside the legend already gives it).
    pub fn detail(&self, with_coverage: bool) -> String {
        let mut text = format!(
            "{} km ({})",
            thousands(self.range_km),
            DistanceUnit::Mi.format(self.range_km)
        );
        if let Some(band) = self.band
            && (band.min_km < self.range_km || band.max_km > self.range_km)
        {
            let mark = |assumed: bool| if assumed { "*" } else { "" };
            let _ = write!(
                text,
                ", estimates {}{}-{}{} km",
                thousands(band.min_km),
                mark(self.band_assumed[0]),
                thousands(band.max_km),
                mark(self.band_assumed[1])
            );
        }
        let _ = write!(text, ", from {}", self.from);
        match self.rotation {
            Some(RotationNote::BeyondModel) => {
                text.push_str(
                    "; on the rotating Earth: beyond the model (near orbital speed, no reach drawn)",
                );
            }
            Some(RotationNote::NotApplicable) => {}
            Some(RotationNote::Dashed) => text.push_str("; dashed: reach on the rotating Earth"),
            None => {}
        }
        if self.assumed {
            text.push_str(" (assumed figure)");
        }
        if let Some(c) = &self.coverage
            && with_coverage
        {
            let _ = write!(text, "; covers {:.0}% of {}", c.percent, c.area);
            if let Some(r) = c.rotating_percent {
                let _ = write!(text, " ({r:.0}% on the rotating Earth)");
            }
        }
        text
    }
}

/// One legend entry per visible missile, in scenario order. Coverage comes from `coverage`
/// (rows of the first target area); the rotation note from the drawn rings.
pub fn legend_entries(
    scenario: &Scenario,
    rings: &[Arc<SceneRing>],
    layers: RingLayers,
    coverage: &[CoverageRow],
) -> Vec<LegendEntry> {
    let first_area = scenario.target_areas().first();
    scenario
        .missiles()
        .iter()
        .enumerate()
        .filter(|(_, m)| m.visible)
        .map(|(i, m)| {
            let sites: Vec<&crate::scenario::Site> = m
                .launch_sites
                .iter()
                .map(|&s| &scenario.sites()[s])
                .collect();
            let from = match sites.as_slice() {
                [] => "no site".to_owned(),
                [one] => one.name.clone(),
                [a, b] => format!("{} and {}", a.name, b.name),
                many => {
                    let patrol = many.iter().all(|s| s.kind == SiteKind::Patrol);
                    let what = if patrol { "patrol points" } else { "sites" };
                    format!("{} {what}", many.len())
                }
            };
            let coverage = first_area.and_then(|area| {
                let best = coverage
                    .iter()
                    .filter(|c| c.missile == i && c.area == 0)
                    .map(|c| c.covered_pct)
                    .fold(None, |best: Option<f64>, pct| {
                        Some(best.map_or(pct, |b| b.max(pct)))
                    })?;
                let rotating_percent = layers
                    .rotation
                    .then(|| {
                        coverage
                            .iter()
                            .filter(|c| c.missile == i && c.area == 0)
                            .filter_map(|c| c.rotating_covered_pct)
                            .fold(None, |best: Option<f64>, pct| {
                                Some(best.map_or(pct, |b| b.max(pct)))
                            })
                    })
                    .flatten();
                (best >= 0.05 || rotating_percent.is_some_and(|r| r >= 0.05)).then(|| {
                    LegendCoverage {
                        area: area.name.clone(),
                        percent: best,
                        rotating_percent,
                    }
                })
            });
            let rotation = layers.rotation.then(|| {
                let beyond = rings
                    .iter()
                    .any(|r| r.missile == i && r.rotating_beyond_model);
                if beyond {
                    RotationNote::BeyondModel
                } else if m.flight.class() != FlightClass::Ballistic {
                    RotationNote::NotApplicable
                } else {
                    RotationNote::Dashed
                }
            });
            LegendEntry {
                missile: i,
                name: m.name.clone(),
                class: m.class.clone(),
                color: m.color,
                range_km: m.range_km,
                band: m.band,
                band_assumed: m.band.map_or([false; 2], |b| {
                    [m.edge_assumed(b.min_km), m.edge_assumed(b.max_km)]
                }),
                from,
                assumed: m.assumed,
                sources: m.sources.iter().map(|s| s.line()).collect(),
                coverage,
                rotation,
            }
        })
        .collect()
}

/// The caveats that apply to what is drawn, one sentence each.
pub fn caveats(scenario: &Scenario, rings: &[Arc<SceneRing>], layers: RingLayers) -> Vec<String> {
    let mut out = vec![
        "Rings: geodesic circles on the WGS84 ellipsoid at each missile's nominal range \
         (a published figure, flown, estimated, claimed or assumed; payload unspecified)."
            .to_owned(),
    ];
    if let Some(date) = scenario.as_of() {
        out.push(format!("Figures as of {date}."));
    }
    if rings.iter().any(|r| !r.band.0.is_empty()) {
        out.push(
            "Hatched: beyond the nominal range, up to the highest estimate (estimates: lowest \
             to highest published figure)."
                .into(),
        );
    }
    // The legend gives every drawn missile's band, marking edges no source gives.
    let assumed_edge = rings.iter().any(|r| {
        let m = &scenario.missiles()[r.missile];
        m.band
            .is_some_and(|b| m.edge_assumed(b.min_km) || m.edge_assumed(b.max_km))
    });
    if assumed_edge {
        out.push("* A band edge that no listed source gives: assumed.".into());
    }
    if layers.rotation {
        out.push(
            "Dashed: reach on the rotating Earth (the standard trajectory of a boost-phase \
             model calibrated to the nominal range, no drag; indicative). Cruise missiles: no \
             rotation effect."
                .into(),
        );
    } else {
        out.push("No Earth rotation.".into());
    }
    out.push(
        "Flight times: powered model (boost by class, then free flight), thrust cut off \
         early for shorter flights; cruise missiles at their cruise speed."
            .into(),
    );
    let minimum = rings
        .iter()
        .any(|r| scenario.missiles()[r.missile].minimum_range_km.is_some());
    if minimum {
        out.push(
            "⊘ in the reach matrix: nearer than the missile's minimum range (not in range; the \
             margin is to its nominal range)."
                .into(),
        );
    }
    let hypothetical = rings
        .iter()
        .flat_map(|r| &r.sites)
        .any(|&i| scenario.sites().get(i).is_some_and(|s| s.hypothetical));
    if hypothetical {
        out.push(
            "Patrol points marked (hypothetical): no submarine is known to patrol there.".into(),
        );
    }
    let illustrative = rings
        .iter()
        .flat_map(|r| &r.sites)
        .any(|&i| scenario.sites().get(i).is_some_and(|s| s.illustrative));
    if illustrative {
        out.push("Patrol points marked illustrative are not from any source.".into());
    }
    out
}

/// A symbol that a key explains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeySymbol {
    /// A marker symbol.
    Marker(Symbol),
    /// A patrol area's dashed outline.
    PatrolArea,
    /// The shaded band of estimates.
    Band,
    /// The dashed reach on the rotating Earth.
    RotatingReach,
    /// A target area's tint and outline.
    TargetArea,
}

/// One line of the symbol key.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyEntry {
    /// The symbol.
    pub symbol: KeySymbol,
    /// What it means.
    pub text: &'static str,
}

/// The key to the symbols the map uses, in a fixed order, each listed once.
pub fn symbol_key(
    markers: &[Marker],
    rings: &[Arc<SceneRing>],
    target_areas: &[Arc<SceneArea>],
) -> Vec<KeyEntry> {
    let uses = |symbol: Symbol| markers.iter().any(|m| m.symbol == symbol);
    let mut key = Vec::new();
    let mut add = |present: bool, symbol: KeySymbol, text: &'static str| {
        if present {
            key.push(KeyEntry { symbol, text });
        }
    };
    add(
        uses(Symbol::Launch),
        KeySymbol::Marker(Symbol::Launch),
        "Launch site",
    );
    add(
        uses(Symbol::Patrol {
            illustrative: false,
        }),
        KeySymbol::Marker(Symbol::Patrol {
            illustrative: false,
        }),
        "Patrol point",
    );
    add(
        uses(Symbol::Patrol { illustrative: true }),
        KeySymbol::Marker(Symbol::Patrol { illustrative: true }),
        "Patrol point, illustrative position",
    );
    add(
        markers.iter().any(|m| !m.area.is_empty()),
        KeySymbol::PatrolArea,
        "Patrol area (reach from anywhere in it)",
    );
    add(
        uses(Symbol::Target),
        KeySymbol::Marker(Symbol::Target),
        "Target",
    );
    add(
        !target_areas.is_empty(),
        KeySymbol::TargetArea,
        "Target area",
    );
    add(
        rings.iter().any(|r| !r.band.0.is_empty()),
        KeySymbol::Band,
        "Beyond the nominal range, within the highest estimate",
    );
    add(
        rings.iter().any(|r| !r.rotating_outline.is_empty()),
        KeySymbol::RotatingReach,
        "Reach on the rotating Earth",
    );
    key
}
