//! Coverage of target areas: the share of an area's surface within a ring (by geodesic area),
//! and the area's farthest point from a site (by geodesic distance).

use crate::ballistics::rotation::FootprintEdge;
use crate::ballistics::{FlightModel, Footprint};
use crate::geodesy::{self, LatLon, M_PER_KM, Origin};
use crate::projection::lonlat::reach_area;
use crate::scenario::{RingSpec, Scenario};
use geo::{
    BooleanOps, BoundingRect, Contains, Densify, Euclidean, GeodesicArea, MultiPolygon, Point,
};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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
    /// Share within reach on the rotating Earth, percent: from the rotation-aware footprint for
    /// a ballistic missile from a point site; the nominal share where rotation does not apply
    /// (cruise), is not modelled (glide) or the site is a patrol area; `None` beyond the model.
    pub rotating_covered_pct: Option<f64>,
    /// Distance from the site to the area's farthest point, km.
    pub farthest_km: f64,
    /// The area's farthest point from the site.
    pub farthest: LatLon,
}

/// The point of `area` farthest from `site` and its distance, km: on the boundary (sampled
/// every 5 km or so), unless the site's antipode lies inside the area.
pub fn farthest_point(site: LatLon, area: &MultiPolygon<f64>) -> (LatLon, f64) {
    extremes(site, area).farthest
}

/// How near and how far an area comes to a site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extremes {
    /// Distance to the nearest point of the area, km: 0 when the site is inside it.
    pub nearest_km: f64,
    /// The farthest point of the area and its distance, km.
    pub farthest: (LatLon, f64),
}

/// Points along the exteriors of `area`, every 5 km or so.
fn boundary_samples(area: &MultiPolygon<f64>) -> Vec<LatLon> {
    let mut points = Vec::new();
    for polygon in &area.0 {
        for seg in polygon.exterior().lines() {
            let (a, b) = (
                LatLon::lat_lon(seg.start.y, seg.start.x),
                LatLon::lat_lon(seg.end.y, seg.end.x),
            );
            let length_km = geodesy::distance_m(a, b) / M_PER_KM;
            let steps = (length_km / 5.0).ceil().max(1.0) as usize;
            for k in 0..steps {
                let t = k as f64 / steps as f64;
                points.push(LatLon::lat_lon(
                    a.lat + t * (b.lat - a.lat),
                    a.lon + t * (b.lon - a.lon),
                ));
            }
        }
    }
    points
}

/// Great-circle distance on the mean sphere, metres: within 0.6 % of the geodesic one, and
/// fifty times cheaper, so it finds the few boundary points worth measuring exactly.
fn sphere_distance_m(a: LatLon, b: LatLon) -> f64 {
    let (p1, p2) = (a.lat.to_radians(), b.lat.to_radians());
    let (dp, dl) = (p2 - p1, (b.lon - a.lon).to_radians());
    let h = (0.5 * dp).sin().powi(2) + p1.cos() * p2.cos() * (0.5 * dl).sin().powi(2);
    2.0 * geodesy::EARTH_MEAN_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// How far the great-circle distance on the mean sphere can be from the geodesic one, as a
/// share of it (about 0.56 % at worst; with room to spare).
const SPHERE_ERROR: f64 = 0.007;

/// The nearest and farthest points of `area` from `site` (on its boundary, sampled every
/// 5 km or so; the farthest is the site's antipode when that lies inside the area). The
/// boundary points are ranked on the sphere, then measured on the ellipsoid from the best
/// down, until the sphere's error bound says none of the rest can do better.
pub fn extremes(site: LatLon, area: &MultiPolygon<f64>) -> Extremes {
    let samples = area_boundary(area);
    let mut ranked: Vec<(f64, LatLon)> = samples
        .iter()
        .map(|&p| (sphere_distance_m(site, p), p))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let exact_km = |p: LatLon| geodesy::distance_m(site, p) / M_PER_KM;
    let nearest_km = if area.contains(&Point::new(site.lon, site.lat)) {
        0.0
    } else {
        let mut best = f64::INFINITY;
        for &(sphere_m, p) in &ranked {
            if sphere_m / M_PER_KM * (1.0 - SPHERE_ERROR) > best {
                break;
            }
            best = best.min(exact_km(p));
        }
        if best.is_finite() { best } else { 0.0 }
    };
    let anti = site.antipode();
    let farthest = if area.contains(&Point::new(anti.lon, anti.lat)) {
        (anti, geodesy::antipodal_distance_m(site) / M_PER_KM)
    } else {
        let mut best = (site, 0.0);
        for &(sphere_m, p) in ranked.iter().rev() {
            if sphere_m / M_PER_KM * (1.0 + SPHERE_ERROR) < best.1 {
                break;
            }
            let km = exact_km(p);
            if km > best.1 {
                best = (p, km);
            }
        }
        best
    };
    Extremes {
        nearest_km,
        farthest,
    }
}

/// Points derived from target areas, kept for the process by the areas' coordinates' bits:
/// areas rarely change, and every site and missile needs them.
type AreaCache<T> = OnceLock<Mutex<HashMap<Vec<u64>, Arc<T>>>>;

/// `derive(area)` from `cache`, or computed and kept there.
fn per_area<T>(
    cache: &AreaCache<T>,
    area: &MultiPolygon<f64>,
    derive: impl FnOnce(&MultiPolygon<f64>) -> T,
) -> Arc<T> {
    let key: Vec<u64> = area
        .0
        .iter()
        .flat_map(|p| p.exterior().coords())
        .flat_map(|c| [c.x.to_bits(), c.y.to_bits()])
        .collect();
    let cache = cache.get_or_init(Default::default);
    if let Some(found) = cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return found;
    }
    let value = Arc::new(derive(area));
    if let Ok(mut c) = cache.lock() {
        c.insert(key, value.clone());
    }
    value
}

/// [`boundary_samples`] of an area, kept for the process.
fn area_boundary(area: &MultiPolygon<f64>) -> Arc<Vec<LatLon>> {
    static CACHE: AreaCache<Vec<LatLon>> = OnceLock::new();
    per_area(&CACHE, area, boundary_samples)
}

/// Azimuth step of the footprints that coverage on the rotating Earth uses, degrees (as drawn).
const FOOTPRINT_STEP_DEG: f64 = 3.0;

/// Points spread over an area for estimating shares of it: a 0.25-degree lon/lat grid of cell
/// centres inside the area, each weighted by its cell's surface (cos latitude). Thousands of
/// points for a country: shares to a fraction of a percent.
fn area_samples(area: &MultiPolygon<f64>) -> Arc<Vec<(LatLon, f64)>> {
    static CACHE: AreaCache<Vec<(LatLon, f64)>> = OnceLock::new();
    per_area(&CACHE, area, grid_samples)
}

/// The grid of [`area_samples`], computed.
fn grid_samples(area: &MultiPolygon<f64>) -> Vec<(LatLon, f64)> {
    let Some(bounds) = area.bounding_rect() else {
        return Vec::new();
    };
    const STEP: f64 = 0.25;
    let mut out = Vec::new();
    let mut lat = (bounds.min().y / STEP).floor() * STEP + STEP / 2.0;
    while lat < bounds.max().y {
        let mut lon = (bounds.min().x / STEP).floor() * STEP + STEP / 2.0;
        while lon < bounds.max().x {
            if area.contains(&Point::new(lon, lat)) {
                out.push((LatLon::lat_lon(lat, lon), lat.to_radians().cos()));
            }
            lon += STEP;
        }
        lat += STEP;
    }
    out
}

/// Coverage of `area` against range from `origin`: points (range km, share covered percent)
/// where the share steps up, from the nearest to the farthest point of the area. The share at
/// a range is that of the last point at or below it. Computed from the area's sample grid, so
/// the whole curve costs one distance per sample.
pub fn coverage_curve(origin: &Origin, area: &MultiPolygon<f64>) -> Vec<(f64, f64)> {
    let samples = area_samples(area);
    let total: f64 = samples.iter().map(|s| s.1).sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut by_distance: Vec<(f64, f64)> = samples
        .iter()
        .map(|(p, w)| (origin.distance_to(*p).0 / M_PER_KM, *w))
        .collect();
    by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut covered = 0.0;
    let mut curve = vec![(0.0, 0.0)];
    for (km, w) in by_distance {
        covered += w;
        curve.push((km, 100.0 * covered / total));
    }
    curve
}

/// The weighted share of `samples` for which `inside` holds, percent.
fn share_within(samples: &[(LatLon, f64)], inside: impl Fn(LatLon) -> bool) -> f64 {
    let total: f64 = samples.iter().map(|s| s.1).sum();
    if total <= 0.0 {
        return 0.0;
    }
    let within: f64 = samples.iter().filter(|s| inside(s.0)).map(|s| s.1).sum();
    // An empty sum is -0.0; shares print as 0.
    100.0 * within / total + 0.0
}

/// Geodesic area of planar lon/lat polygons whose edges are straight in longitude and latitude
/// (like the 49th-parallel border): edges are split every 0.1 degree first, because the area
/// algorithm joins vertices by geodesics, which bow away from parallels.
///
/// # Units
/// Degrees in, square metres out.
pub fn lonlat_area_m2(polygons: &MultiPolygon<f64>) -> f64 {
    Euclidean.densify(polygons, 0.1).geodesic_area_unsigned()
}

/// Coverage of every target area by every ring (hidden missiles included): the covered share
/// is the geodesic area of the ring's area intersected with the target area, over the target
/// area's own geodesic area.
pub fn coverage_table(scenario: &Scenario) -> Vec<CoverageRow> {
    coverage_of(
        scenario,
        scenario.ring_specs().iter().copied(),
        usize::MAX,
        true,
    )
}

/// Coverage rows of the visible missiles only, for the first `max_areas` target areas (what a
/// map shows; hidden missiles would only cost time). The share on the rotating Earth is
/// computed only with `rotation` (the rotation layer on); otherwise it is the nominal share.
pub fn visible_coverage(scenario: &Scenario, max_areas: usize, rotation: bool) -> Vec<CoverageRow> {
    coverage_of(scenario, scenario.visible_ring_specs(), max_areas, rotation)
}

fn coverage_of(
    scenario: &Scenario,
    specs: impl Iterator<Item = RingSpec>,
    max_areas: usize,
    rotation: bool,
) -> Vec<CoverageRow> {
    let areas: Vec<(&MultiPolygon<f64>, f64)> = scenario
        .target_areas()
        .iter()
        .take(max_areas)
        .map(|a| (&a.polygons, lonlat_area_m2(&a.polygons)))
        .collect();
    if areas.is_empty() {
        return Vec::new();
    }
    let specs: Vec<RingSpec> = specs.collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    // How near and far each area comes depends on the site, not the missile: once per site
    // in use, on every core.
    let mut sites: Vec<usize> = specs.iter().map(|s| s.site).collect();
    sites.sort_unstable();
    sites.dedup();
    let per_site: Vec<Vec<Extremes>> = crate::threads::scope(|scope| {
        let runs: Vec<_> = sites
            .chunks(sites.len().div_ceil(threads).max(1))
            .map(|run| {
                let areas = &areas;
                scope.spawn(move || {
                    run.iter()
                        .map(|&s| {
                            let position = scenario.sites()[s].position;
                            areas.iter().map(|(p, _)| extremes(position, p)).collect()
                        })
                        .collect::<Vec<Vec<Extremes>>>()
                })
            })
            .collect();
        runs.into_iter()
            .flat_map(|run| run.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let extremes_of: HashMap<usize, Vec<Extremes>> = sites.into_iter().zip(per_site).collect();
    // The rings are independent: on as many threads as there are cores (at most four), each
    // a run of them, the rows kept in order.
    let chunk = specs.len().div_ceil(threads).max(1);
    crate::threads::scope(|scope| {
        let runs: Vec<_> = specs
            .chunks(chunk)
            .map(|run| scope.spawn(|| coverage_rows(scenario, run, &areas, &extremes_of, rotation)))
            .collect();
        runs.into_iter()
            .flat_map(|run| run.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Coverage rows of `specs` against `areas` (each with its surface, m2), given how near and
/// far each area comes to each site.
fn coverage_rows(
    scenario: &Scenario,
    specs: &[RingSpec],
    areas: &[(&MultiPolygon<f64>, f64)],
    extremes_of: &HashMap<usize, Vec<Extremes>>,
    rotation: bool,
) -> Vec<CoverageRow> {
    let mut rows = Vec::new();
    let samples: Vec<Arc<Vec<(LatLon, f64)>>> = if rotation {
        areas.iter().map(|(p, _)| area_samples(p)).collect()
    } else {
        Vec::new()
    };
    'rings: for &spec in specs {
        let site = &scenario.sites()[spec.site];
        let first_row = rows.len();
        let range_m = scenario.missiles()[spec.missile].range_km * M_PER_KM;
        let range_km = range_m / M_PER_KM;
        // The ring as an area, made only when it is needed: a tighter ring than drawing
        // needs, 1 km or 0.01 % of the range.
        let mut ring = None;
        for (a, (polygons, surface)) in areas.iter().enumerate() {
            // From the site's point, also for a patrol area (as the reach table's azimuths).
            let Some(&extremes) = extremes_of.get(&spec.site).and_then(|e| e.get(a)) else {
                continue;
            };
            let (farthest, farthest_km) = extremes.farthest;
            // A ring short of the area's nearest point covers none of it, one beyond its
            // farthest all of it (with 5 km to spare for the boundary's sampling); only the
            // rings in between are intersected with it. Not for a patrol area, whose reach
            // is not a circle round its point.
            let point = matches!(site.origin, Origin::Point(_)) && *surface > 0.0;
            let covered_pct = if point && range_km < extremes.nearest_km - 5.0 {
                0.0
            } else if point && range_km > farthest_km + 5.0 {
                100.0
            } else {
                if ring.is_none() {
                    let Ok(area) = reach_area(&site.origin, range_m, (1e-4 * range_m).max(1000.0))
                    else {
                        // No ring (cannot happen for a valid scenario): no rows for it at all.
                        rows.truncate(first_row);
                        continue 'rings;
                    };
                    ring = Some(area);
                }
                let Some(covered) = &ring else {
                    continue 'rings;
                };
                let inside = lonlat_area_m2(&covered.intersection(*polygons));
                if *surface > 0.0 {
                    (100.0 * inside / surface).clamp(0.0, 100.0)
                } else {
                    0.0
                }
            };
            let missile = &scenario.missiles()[spec.missile];
            let rotating_covered_pct = match (&site.origin, &missile.flight) {
                (Origin::Point(centre), flight @ FlightModel::Ballistic { .. }) if rotation => {
                    match flight.rotating_footprint(*centre, FOOTPRINT_STEP_DEG) {
                        Some(Footprint::Loop(points)) => FootprintEdge::new(*centre, &points)
                            .map(|edge| share_within(&samples[a], |p| edge.contains(p))),
                        _ => None,
                    }
                }
                _ => Some(covered_pct),
            };
            rows.push(CoverageRow {
                site: spec.site,
                missile: spec.missile,
                area: a,
                covered_pct,
                rotating_covered_pct,
                farthest_km,
                farthest,
            });
        }
    }
    rows
}
