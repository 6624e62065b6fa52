//! Which missile reaches which target from which site: geodesic distance against range, with
//! the band of published estimates, the minimum-energy flight time and the reach on the
//! rotating Earth.

use crate::geodesy::flight::{flight_time_min, rotating_range_toward};
use crate::geodesy::{LatLon, M_PER_KM, inverse};
use crate::scenario::Scenario;

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

/// What one reach row depends on, for reusing rows across edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RowKey {
    site: [u64; 3],
    missile: [u64; 3],
    target: [u64; 2],
}

/// Reach rows kept from earlier tables: while one site is dragged only its rows are computed
/// again (the rotating-Earth search is the costly part).
#[derive(Debug, Default)]
pub struct ReachMemo {
    rows: std::collections::HashMap<RowKey, ReachRow>,
}

/// Like [`reach_table`], reusing the rows of `memo` whose inputs did not change.
pub fn reach_table_memo(scenario: &Scenario, memo: &mut ReachMemo) -> Vec<ReachRow> {
    let mut fresh = std::collections::HashMap::new();
    let mut rows = Vec::new();
    for spec in scenario.ring_specs() {
        let site = &scenario.sites[spec.site];
        let missile = &scenario.missiles[spec.missile];
        let area_hash = site.area.as_ref().map_or(0, |a| {
            a.iter()
                .flatten()
                .fold(1u64, |h, x| h.rotate_left(7) ^ x.to_bits())
        });
        for (t, target) in scenario.targets.iter().enumerate() {
            let key = RowKey {
                site: [site.lat.to_bits(), site.lon.to_bits(), area_hash],
                missile: [
                    missile.range_km.to_bits(),
                    missile.range_min_km.unwrap_or(-1.0).to_bits(),
                    missile.range_max_km.unwrap_or(-1.0).to_bits(),
                ],
                target: [target.lat.to_bits(), target.lon.to_bits()],
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

fn row_for(
    site: &crate::scenario::Site,
    missile: &crate::scenario::Missile,
    target: &crate::scenario::Target,
) -> ReachRow {
    let from = LatLon::lat_lon(site.lat, site.lon);
    let to = LatLon::lat_lon(target.lat, target.lon);
    // From a patrol area, distances run from its nearest point.
    let (distance_m, azimuth_deg) = match site.area_corners() {
        Some(c) => crate::geodesy::distance_to_area(&c, to),
        None => {
            let line = inverse(from, to);
            (line.distance_m, line.azimuth_deg)
        }
    };
    let distance_km = distance_m / M_PER_KM;
    ReachRow {
        site: 0,
        missile: 0,
        target: 0,
        distance_km,
        azimuth_deg,
        range_km: missile.range_km,
        range_max_km: missile.range_max_km,
        flight_time_min: flight_time_min(distance_km, missile.range_km),
        rotating_range_km: rotating_range_toward(from, missile.range_km, to),
    }
}

/// The reach table: for every ring of the scenario (missile and site, in the order of
/// [`Scenario::ring_specs`]), one row per target. Hidden missiles are included: visibility is a
/// matter of drawing, not of reach.
pub fn reach_table(scenario: &Scenario) -> Vec<ReachRow> {
    reach_table_memo(scenario, &mut ReachMemo::default())
}

/// How much of a target area one ring covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverageRow {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Index into the scenario's target areas.
    pub area: usize,
    /// Share of the area's surface within the nominal range, percent.
    pub covered_pct: f64,
    /// Distance from the site to the area's farthest point, km.
    pub farthest_km: f64,
    /// The area's farthest point from the site.
    pub farthest: LatLon,
}

/// A target area as planar lon/lat polygons (the validated rings, closed).
pub fn area_polygons(area: &crate::scenario::TargetArea) -> geo::MultiPolygon<f64> {
    geo::MultiPolygon(
        area.polygons
            .iter()
            .map(|ring| {
                let coords: Vec<geo::Coord<f64>> = ring
                    .iter()
                    .map(|[lon, lat]| geo::Coord { x: *lon, y: *lat })
                    .collect();
                geo::Polygon::new(geo::LineString::from(coords), vec![])
            })
            .collect(),
    )
}

/// The point of `area` farthest from `site` and its distance, km: on the boundary (sampled
/// every 5 km or so), unless the site's antipode lies inside the area.
pub fn farthest_point(site: LatLon, area: &geo::MultiPolygon<f64>) -> (LatLon, f64) {
    use geo::Contains;
    let anti = site.antipode();
    if area.contains(&geo::Point::new(anti.lon, anti.lat)) {
        return (anti, crate::geodesy::antipodal_distance_m(site) / M_PER_KM);
    }
    let mut best = (site, 0.0);
    for polygon in &area.0 {
        for seg in polygon.exterior().lines() {
            let (a, b) = (
                LatLon::lat_lon(seg.start.y, seg.start.x),
                LatLon::lat_lon(seg.end.y, seg.end.x),
            );
            let length_km = crate::geodesy::distance_m(a, b) / M_PER_KM;
            let steps = (length_km / 5.0).ceil().max(1.0) as usize;
            for k in 0..steps {
                let t = k as f64 / steps as f64;
                let p = LatLon::lat_lon(a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon));
                let d = crate::geodesy::distance_m(site, p) / M_PER_KM;
                if d > best.1 {
                    best = (p, d);
                }
            }
        }
    }
    best
}

/// Geodesic area of planar lon/lat polygons whose edges are straight in longitude and latitude
/// (like the 49th-parallel border): edges are split every 0.1 degree first, because the area
/// algorithm joins vertices by geodesics, which bow away from parallels.
///
/// # Units
/// Degrees in, square metres out.
pub fn lonlat_area_m2(polygons: &geo::MultiPolygon<f64>) -> f64 {
    use geo::{Densify, Euclidean, GeodesicArea};
    Euclidean.densify(polygons, 0.1).geodesic_area_unsigned()
}

/// Coverage of every target area by every ring (hidden missiles included): the covered share
/// is the geodesic area of the ring's area intersected with the target area, over the target
/// area's own geodesic area.
pub fn coverage_table(scenario: &Scenario) -> Vec<CoverageRow> {
    use geo::BooleanOps;
    let areas: Vec<(geo::MultiPolygon<f64>, f64)> = scenario
        .target_areas
        .iter()
        .map(|a| {
            let polygons = area_polygons(a);
            let surface = lonlat_area_m2(&polygons);
            (polygons, surface)
        })
        .collect();
    let mut rows = Vec::new();
    // The farthest point depends on the site, not the missile.
    let mut farthest: std::collections::HashMap<(usize, usize), (LatLon, f64)> = Default::default();
    for spec in scenario.ring_specs() {
        let site = &scenario.sites[spec.site];
        let from = LatLon::lat_lon(site.lat, site.lon);
        let range_m = scenario.missiles[spec.missile].range_km * M_PER_KM;
        // A tighter ring than drawing needs: 1 km or 0.01 % of the range.
        let Some(covered) = reach_area(site, range_m / M_PER_KM, (1e-4 * range_m).max(1000.0))
        else {
            continue;
        };
        for (a, (polygons, surface)) in areas.iter().enumerate() {
            let inside = lonlat_area_m2(&covered.intersection(polygons));
            let (farthest, farthest_km) = *farthest
                .entry((spec.site, a))
                .or_insert_with(|| farthest_point(from, polygons));
            let covered_pct = if *surface > 0.0 {
                (100.0 * inside / surface).clamp(0.0, 100.0)
            } else {
                0.0
            };
            rows.push(CoverageRow {
                site: spec.site,
                missile: spec.missile,
                area: a,
                covered_pct,
                farthest_km,
                farthest,
            });
        }
    }
    rows
}

/// Coverage rows of the visible missiles only, for the first `max_areas` target areas (what a
/// map shows; hidden missiles would only cost time).
pub fn visible_coverage(scenario: &Scenario, max_areas: usize) -> Vec<CoverageRow> {
    if scenario.target_areas.is_empty() {
        return Vec::new();
    }
    // Hidden missiles fly from nowhere in this copy; indices stay those of the scenario.
    let visible = scenario.edited(|f| {
        for m in &mut f.missiles {
            if !m.is_visible() {
                m.from = Some(Vec::new());
            }
        }
        f.target_areas.truncate(max_areas);
    });
    visible.map(|s| coverage_table(&s)).unwrap_or_default()
}

/// The area a missile of `range_km` covers from `site` (its point, or its patrol area), as
/// planar lon/lat polygons cut at the antimeridian; `None` for invalid geometry.
pub fn reach_area(
    site: &crate::scenario::Site,
    range_km: f64,
    tolerance_m: f64,
) -> Option<geo::MultiPolygon<f64>> {
    let range_m = range_km * M_PER_KM;
    match site.area_corners() {
        Some(corners) => crate::geodesy::AreaBuffer::new(&corners, range_m, tolerance_m)
            .ok()
            .map(|b| b.polygons),
        None => crate::geodesy::RangeRing::with_tolerance(
            LatLon::lat_lon(site.lat, site.lon),
            range_m,
            tolerance_m,
        )
        .ok()
        .map(|r| r.area(0.0).polygons),
    }
}
