//! The one way to build a scene, with caches: the projected basemap is kept per projection,
//! level of detail and tolerance, and each ring per site, missile figures, projection and
//! tolerance. The app keeps a builder across frames, so a frame rebuilds only what changed
//! (the ring of a dragged site); an export uses a fresh one.

use super::areas::{SceneArea, build_area};
use super::basemap_layer::BasemapLayer;
use super::legend::{caveats, legend_entries, symbol_key};
use super::markers::{MarkerOptions, geodesic_path, markers};
use super::rings::{RingLayers, SceneRing, build_ring, merge_rings};
use super::{Focus, Scene, SceneOptions};
use crate::analysis::CoverageRow;
use crate::basemap::Detail;
use crate::geodesy::{M_PER_KM, Origin};
use crate::projection::Projection;
use crate::scenario::{Band, RingSpec, Scenario};
use std::collections::HashMap;
use std::sync::Arc;

/// What a projected basemap depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct BasemapKey {
    projection: [u64; 3],
    detail: Detail,
    tolerance: u64,
    graticule: u64,
    /// Centre and radius of the focus, if any.
    focus: Option<[u64; 3]>,
}

/// What a projected ring depends on: the projection and tolerance, the site's origin, the
/// missile's figures and colour, the layers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RingKey {
    projection: [u64; 3],
    tolerance: u64,
    spec: RingSpec,
    origin: Vec<u64>,
    figures: [u64; 3],
    color: [u8; 4],
    layers: RingLayers,
}

/// What a projected target area depends on: the projection and tolerance, and its outline.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct AreaKey {
    projection: [u64; 3],
    tolerance: u64,
    index: usize,
    /// Number of points and a hash of their bits: outlines are large, and compared here only
    /// to notice an edit.
    outline: (usize, u64),
}

/// A missile's rings merged into one, and the rings it was made from.
#[derive(Debug)]
struct Merged {
    /// Held for the key's sake, never read.
    _members: Vec<Arc<SceneRing>>,
    ring: Arc<SceneRing>,
}

/// Builds scenes, reusing the projected basemap, rings and target areas that did not change.
#[derive(Debug, Default)]
pub struct SceneBuilder {
    basemaps: HashMap<BasemapKey, Arc<BasemapLayer>>,
    rings: HashMap<RingKey, Arc<SceneRing>>,
    /// Merged rings of missiles flying from several sites, by the addresses of their
    /// members (held, so the addresses are not reused while the entry lives).
    merged: HashMap<Vec<usize>, Merged>,
    areas: HashMap<AreaKey, Arc<SceneArea>>,
}

/// The parameters of a projection as bits, for cache keys.
fn projection_key(p: &Projection) -> [u64; 3] {
    match p {
        Projection::Equirectangular { central_lon } => [0, central_lon.to_bits(), 0],
        Projection::EqualEarth { central_lon } => [1, central_lon.to_bits(), 0],
        Projection::AzimuthalEquidistant { centre } => {
            [2, centre.lat.to_bits(), centre.lon.to_bits()]
        }
        Projection::Orthographic { centre } => [3, centre.lat.to_bits(), centre.lon.to_bits()],
    }
}

/// The bits of a site's origin: its point, or its patrol area's corners.
fn origin_key(origin: &Origin) -> Vec<u64> {
    match origin {
        Origin::Point(p) => vec![p.lat.to_bits(), p.lon.to_bits()],
        Origin::Area(area) => area
            .corners()
            .iter()
            .flat_map(|c| [c.lat.to_bits(), c.lon.to_bits()])
            .collect(),
    }
}

/// The cache key of the ring `spec`.
fn ring_key(
    scenario: &Scenario,
    spec: RingSpec,
    projection: [u64; 3],
    tolerance: f64,
    layers: RingLayers,
) -> RingKey {
    let missile = &scenario.missiles()[spec.missile];
    let band = missile.band.unwrap_or(Band {
        min_km: missile.range_km,
        max_km: missile.range_km,
    });
    RingKey {
        projection,
        tolerance: tolerance.to_bits(),
        spec,
        origin: origin_key(&scenario.sites()[spec.site].origin),
        figures: [
            missile.range_km.to_bits(),
            band.min_km.to_bits(),
            band.max_km.to_bits(),
        ],
        color: missile.color.0,
        layers,
    }
}

impl SceneBuilder {
    /// A builder with empty caches.
    pub fn new() -> Self {
        Self::default()
    }

    /// The scene of `scenario` for `options`; `coverage` gives the legend's coverage figures
    /// (rows of the first target area; empty for none).
    pub fn build(
        &mut self,
        scenario: &Scenario,
        options: &SceneOptions,
        coverage: &[CoverageRow],
    ) -> Scene {
        let projection = options.projection;
        let px = options.px_per_unit.max(1e-6);
        let detail = options
            .detail
            .unwrap_or_else(|| Detail::for_scale(px * std::f64::consts::PI / 180.0));
        // Half a pixel, in map units, quantised down to a power of two so that nearby zooms
        // share their rings.
        let tolerance = 2f64.powi((0.5 / px).log2().floor() as i32);
        // The basemap to twice that (up to a pixel): coasts and borders look the same, and a
        // 4K briefing renders a tenth faster.
        let basemap_tolerance = options.basemap_tolerance.unwrap_or(2.0 * tolerance);
        let basemap = self.basemap(options, detail, basemap_tolerance);
        let rings = self.rings(scenario, options, tolerance);
        let target_areas = self.target_areas(scenario, &projection, tolerance);
        let markers = markers(
            scenario,
            &projection,
            MarkerOptions {
                sites_without_rings: options.sites_without_rings,
                labels: options.labels,
                selected_site: options.selected_site,
            },
        );
        let paths = options
            .highlight
            .and_then(|h| geodesic_path(scenario, h.site, h.target, &projection, tolerance))
            .into_iter()
            .collect();
        Scene {
            projection,
            bounds: projection.bounds(),
            title: scenario
                .title()
                .map_or_else(|| "Missile range rings".to_owned(), str::to_owned),
            subtitle: scenario.subtitle().map(str::to_owned),
            legend: legend_entries(scenario, &rings, options.layers, coverage),
            caveats: caveats(scenario, &rings, options.layers),
            symbol_key: symbol_key(&markers, &rings, &target_areas),
            highlighted_ring: options.highlight.map(|h| RingSpec {
                site: h.site,
                missile: h.missile,
            }),
            labels: options.labels,
            basemap,
            rings,
            target_areas,
            markers,
            paths,
        }
    }

    /// The scenario's target areas, projected, from the cache where unchanged.
    fn target_areas(
        &mut self,
        scenario: &Scenario,
        projection: &Projection,
        tolerance: f64,
    ) -> Vec<Arc<SceneArea>> {
        use std::hash::{Hash, Hasher};
        let pkey = projection_key(projection);
        let mut used = HashMap::new();
        let mut out = Vec::new();
        for (index, area) in scenario.target_areas().iter().enumerate() {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            let mut points = 0;
            for c in area.polygons.0.iter().flat_map(|p| p.exterior().coords()) {
                (c.x.to_bits(), c.y.to_bits()).hash(&mut hasher);
                points += 1;
            }
            let key = AreaKey {
                projection: pkey,
                tolerance: tolerance.to_bits(),
                index,
                outline: (points, hasher.finish()),
            };
            let built = match self.areas.get(&key) {
                Some(a) => a.clone(),
                None => Arc::new(build_area(index, area, projection, tolerance)),
            };
            used.insert(key, built.clone());
            out.push(built);
        }
        self.areas = used;
        out
    }

    /// The projected basemap, from the cache when the projection, detail and tolerance are
    /// those of an earlier build. Only the current projection's layers are kept.
    fn basemap(
        &mut self,
        options: &SceneOptions,
        detail: Detail,
        tolerance: f64,
    ) -> Arc<BasemapLayer> {
        let key = BasemapKey {
            projection: projection_key(&options.projection),
            detail,
            tolerance: tolerance.to_bits(),
            graticule: options.graticule_step_deg.to_bits(),
            focus: options.focus.map(|f| {
                [
                    f.centre.lat.to_bits(),
                    f.centre.lon.to_bits(),
                    f.radius_km.to_bits(),
                ]
            }),
        };
        if !self.basemaps.contains_key(&key) {
            self.basemaps.retain(|k, _| k.projection == key.projection);
        }
        self.basemaps
            .entry(key)
            .or_insert_with(|| {
                shared_basemap(key, || {
                    BasemapLayer::build(
                        &options.projection,
                        detail,
                        tolerance,
                        options.graticule_step_deg,
                        options.focus,
                    )
                })
            })
            .clone()
    }

    /// The visible rings, largest range first (so small rings stay on top), from the cache
    /// where their geometry is unchanged. Rings no longer drawn are forgotten.
    fn rings(
        &mut self,
        scenario: &Scenario,
        options: &SceneOptions,
        tolerance: f64,
    ) -> Vec<Arc<SceneRing>> {
        let (projection, layers) = (&options.projection, options.layers);
        let pkey = projection_key(projection);
        let mut out = Vec::new();
        let mut used = HashMap::new();
        let specs = match options.focus {
            Some(focus) => rings_in_focus(scenario, focus, layers),
            None => scenario.visible_ring_specs().collect(),
        };
        let keys: Vec<(RingSpec, RingKey)> = specs
            .into_iter()
            .map(|spec| (spec, ring_key(scenario, spec, pkey, tolerance, layers)))
            .collect();
        // The rings not in the cache, built on every core: each is independent.
        let missing: Vec<&(RingSpec, RingKey)> = keys
            .iter()
            .filter(|(_, key)| !self.rings.contains_key(key))
            .collect();
        let built = build_shared_rings(scenario, &missing, projection, tolerance, layers);
        let mut built = (missing.iter().map(|(spec, _)| *spec))
            .zip(built)
            .collect::<HashMap<_, _>>();
        for (spec, key) in keys {
            let ring = match self.rings.get(&key) {
                Some(ring) => Some(ring.clone()),
                None => built.remove(&spec).flatten().map(Arc::new),
            };
            if let Some(ring) = ring {
                used.insert(key, ring.clone());
                out.push(ring);
            }
        }
        self.rings = used;
        let mut out = self.merge_by_missile(out, tolerance);
        // Stable: rings of equal range keep scenario order.
        out.sort_by(|a, b| b.range_km.total_cmp(&a.range_km));
        out
    }

    /// One ring per missile: the rings of a missile flying from several sites merged into
    /// one reach area ([`merge_rings`]), from the cache while its rings are the same.
    fn merge_by_missile(
        &mut self,
        rings: Vec<Arc<SceneRing>>,
        tolerance: f64,
    ) -> Vec<Arc<SceneRing>> {
        let mut by_missile: Vec<(usize, Vec<Arc<SceneRing>>)> = Vec::new();
        for ring in rings {
            match by_missile.iter_mut().find(|(m, _)| *m == ring.missile) {
                Some((_, members)) => members.push(ring),
                None => by_missile.push((ring.missile, vec![ring])),
            }
        }
        let mut used = HashMap::new();
        let mut out = Vec::new();
        for (_, members) in by_missile {
            if members.len() == 1 {
                out.extend(members);
                continue;
            }
            let key: Vec<usize> = members.iter().map(|r| Arc::as_ptr(r) as usize).collect();
            let ring = match self.merged.remove(&key) {
                Some(merged) => merged.ring,
                None => match merge_rings(&members, tolerance) {
                    Some(ring) => Arc::new(ring),
                    None => continue,
                },
            };
            out.push(ring.clone());
            used.insert(
                key,
                Merged {
                    _members: members,
                    ring,
                },
            );
        }
        self.merged = used;
        out
    }
}

/// Projected basemaps shared by every builder in the process (the window's, and each export's
/// and copy's), the most recent few: exporting the same size again, or after copying the
/// briefing, projects nothing.
fn shared_basemap(key: BasemapKey, build: impl FnOnce() -> BasemapLayer) -> Arc<BasemapLayer> {
    /// How many are kept: a 1:50m world is a few megabytes.
    const KEPT: usize = 6;
    type Shared = std::sync::Mutex<Vec<(BasemapKey, Arc<BasemapLayer>)>>;
    static SHARED: Shared = std::sync::Mutex::new(Vec::new());
    if let Ok(mut shared) = SHARED.lock()
        && let Some(i) = shared.iter().position(|(k, _)| *k == key)
    {
        let entry = shared.remove(i);
        let layer = entry.1.clone();
        shared.push(entry);
        return layer;
    }
    // Built outside the lock: other builders need not wait for it.
    let layer = Arc::new(build());
    if let Ok(mut shared) = SHARED.lock() {
        shared.push((key, layer.clone()));
        if shared.len() > KEPT {
            shared.remove(0);
        }
    }
    layer
}

/// What a ring's geometry depends on: the site's place, the missile's figures and the
/// layers, and for the rotation-aware footprint the missile itself (its flight model).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct ShapeKey {
    origin: Vec<u64>,
    figures: [u64; 3],
    layers: RingLayers,
    rotation_of: Option<usize>,
}

/// The rings of `specs` (whose cache keys are among `keys`), each distinct geometry built
/// once: a missile flying from several sites in one place, or two missiles of the same
/// figures from one site, share one computed ring, copied with their own site, missile and
/// colour.
fn build_shared_rings(
    scenario: &Scenario,
    missing: &[&(RingSpec, RingKey)],
    projection: &Projection,
    tolerance: f64,
    layers: RingLayers,
) -> Vec<Option<SceneRing>> {
    let (distinct, source) = distinct_shapes(scenario, missing, layers);
    let mut built = build_rings(scenario, &distinct, projection, tolerance, layers);
    let mut uses = vec![0usize; distinct.len()];
    for &i in &source {
        uses[i] += 1;
    }
    missing
        .iter()
        .zip(source)
        .map(|((spec, _), i)| {
            uses[i] -= 1;
            let mut ring = if uses[i] == 0 {
                built[i].take()?
            } else {
                built[i].clone()?
            };
            let missile = &scenario.missiles()[spec.missile];
            ring.site = spec.site;
            ring.sites = vec![spec.site];
            ring.missile = spec.missile;
            ring.color = missile.color;
            ring.range_km = missile.range_km;
            Some(ring)
        })
        .collect()
}

/// The specs of `missing` whose geometry is distinct (the first of each shape), and for each
/// of `missing` the index of its shape among them.
fn distinct_shapes(
    scenario: &Scenario,
    missing: &[&(RingSpec, RingKey)],
    layers: RingLayers,
) -> (Vec<RingSpec>, Vec<usize>) {
    let mut first_of: HashMap<ShapeKey, usize> = HashMap::new();
    let mut distinct: Vec<RingSpec> = Vec::new();
    let source = missing
        .iter()
        .map(|(spec, key)| {
            let point = matches!(scenario.sites()[spec.site].origin, Origin::Point(_));
            let shape = ShapeKey {
                origin: key.origin.clone(),
                figures: key.figures,
                layers,
                rotation_of: (layers.rotation && point).then_some(spec.missile),
            };
            *first_of.entry(shape).or_insert_with(|| {
                distinct.push(*spec);
                distinct.len() - 1
            })
        })
        .collect();
    (distinct, source)
}

/// The rings of `specs`, built on as many threads as there are cores, in order.
fn build_rings(
    scenario: &Scenario,
    specs: &[RingSpec],
    projection: &Projection,
    tolerance: f64,
    layers: RingLayers,
) -> Vec<Option<SceneRing>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if specs.len() < 2 || threads < 2 {
        return specs
            .iter()
            .map(|&spec| build_ring(scenario, spec, projection, tolerance, layers))
            .collect();
    }
    // Every thread takes every n-th ring, so the large and small ones spread evenly.
    let mut rings: Vec<Option<SceneRing>> = specs.iter().map(|_| None).collect();
    crate::threads::scope(|scope| {
        let runs: Vec<_> = (0..threads)
            .map(|first| {
                scope.spawn(move || {
                    (first..specs.len())
                        .step_by(threads)
                        .map(|i| {
                            (
                                i,
                                build_ring(scenario, specs[i], projection, tolerance, layers),
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for run in runs {
            for (i, ring) in run.join().unwrap_or_else(|e| std::panic::resume_unwind(e)) {
                rings[i] = ring;
            }
        }
    });
    rings
}

/// The visible rings that show within `focus`: those whose edges or bands pass through it,
/// and of those enclosing it whole, the smallest (drawn last, its tint is the one seen).
fn rings_in_focus(scenario: &Scenario, focus: Focus, layers: RingLayers) -> Vec<RingSpec> {
    let radius_m = focus.radius_km * M_PER_KM;
    let mut enclosing: Option<(f64, RingSpec)> = None;
    let mut out = Vec::new();
    for spec in scenario.visible_ring_specs() {
        let missile = &scenario.missiles()[spec.missile];
        let site = &scenario.sites()[spec.site];
        let (near_m, _) = site.origin.distance_to(focus.centre);
        let band = missile.band.unwrap_or(Band {
            min_km: missile.range_km,
            max_km: missile.range_km,
        });
        // The rotation-aware footprint reaches up to about a fifth further.
        let stretch = if layers.rotation { 1.2 } else { 1.0 };
        let outer_m = missile.range_km.max(band.max_km) * M_PER_KM * stretch;
        let inner_m = missile.range_km.min(band.min_km) * M_PER_KM / stretch;
        if near_m - radius_m > outer_m {
            continue;
        }
        let encloses = matches!(site.origin, Origin::Point(_)) && near_m + radius_m < inner_m;
        if encloses {
            if enclosing.is_none_or(|(range, _)| missile.range_km < range) {
                enclosing = Some((missile.range_km, spec));
            }
        } else {
            out.push(spec);
        }
    }
    out.extend(enclosing.map(|(_, spec)| spec));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::Projection;

    /// Two builders (the window's and an export's) share the projected basemap of the same
    /// view: projected once in the process.
    #[test]
    fn builders_share_projected_basemaps() {
        let scenario = Scenario::builtin();
        let options = SceneOptions::new(Projection::Equirectangular { central_lon: 77.0 }, 310.0);
        let a = SceneBuilder::new().build(&scenario, &options, &[]);
        let b = SceneBuilder::new().build(&scenario, &options, &[]);
        assert!(Arc::ptr_eq(&a.basemap, &b.basemap));
        let other = SceneOptions::new(Projection::Equirectangular { central_lon: 78.0 }, 310.0);
        let c = SceneBuilder::new().build(&scenario, &other, &[]);
        assert!(!Arc::ptr_eq(&a.basemap, &c.basemap));
    }

    /// Rings of the same geometry are computed once and copied: two sites in one place and
    /// two missiles of the same figures give one shape, and each copy is the ring built on
    /// its own, with its own site, missile and colour.
    #[test]
    fn identical_rings_are_computed_once() {
        let json = br##"{
            "format": "range-rings/1",
            "sites": [
                {"id": "a", "name": "A", "lat": 39.0, "lon": 125.7},
                {"id": "b", "name": "B", "lat": 39.0, "lon": 125.7},
                {"id": "c", "name": "C", "lat": 40.5, "lon": 134.0}
            ],
            "missiles": [
                {"id": "m1", "name": "M1", "range_km": 9000, "color": "#c0392b"},
                {"id": "m2", "name": "M2", "range_km": 9000, "color": "#2980b9"},
                {"id": "m3", "name": "M3", "range_km": 9000, "range_min_km": 8000,
                 "range_max_km": 10000}
            ]
        }"##;
        let scenario = Scenario::from_json(json, "test").unwrap();
        let projection = Projection::EqualEarth { central_lon: 150.0 };
        let layers = RingLayers {
            bands: true,
            rotation: false,
        };
        let keys: Vec<(RingSpec, RingKey)> = scenario
            .visible_ring_specs()
            .map(|spec| (spec, ring_key(&scenario, spec, [0; 3], 0.01, layers)))
            .collect();
        assert_eq!(keys.len(), 9);
        let missing: Vec<&(RingSpec, RingKey)> = keys.iter().collect();
        // m1 and m2 from a and b; m1 and m2 from c; m3 from a and b; m3 from c.
        let (distinct, _) = distinct_shapes(&scenario, &missing, layers);
        assert_eq!(distinct.len(), 4);
        let shared = build_shared_rings(&scenario, &missing, &projection, 0.01, layers);
        for ((spec, _), ring) in missing.iter().zip(shared) {
            let alone = build_ring(&scenario, *spec, &projection, 0.01, layers);
            assert_eq!(ring, alone, "{spec:?}");
        }
        // With the rotating footprint, which depends on the missile's flight, each missile
        // is its own shape.
        let rotation = RingLayers {
            rotation: true,
            ..layers
        };
        assert_eq!(distinct_shapes(&scenario, &missing, rotation).0.len(), 6);
    }
}
