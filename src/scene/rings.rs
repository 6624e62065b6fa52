//! Range rings ready to draw: the covered area, the outline, the band of estimates and the
//! rotation-aware footprint of one missile from one site, projected.

use crate::ballistics::{Footprint, rotating_footprint};
use crate::color::Rgba;
use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM, Origin, PatrolArea, RangeRing};
use crate::projection::Projection;
use crate::projection::lonlat::{area_buffer, closed_path, outline_of_cut};
use crate::scenario::{RingSpec, Scenario};
use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon};

/// One range ring ready to draw, in map units.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneRing {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Outline and fill colour.
    pub color: Rgba,
    /// The missile's nominal range, km (rings are drawn largest first).
    pub range_km: f64,
    /// The covered area (may be several pieces, may have holes).
    pub fill: MultiPolygon<f64>,
    /// The outline, split where it leaves the map.
    pub outline: Vec<LineString<f64>>,
    /// The band between the lowest and highest published estimates; empty when the missile
    /// has no band or bands are off.
    pub band: MultiPolygon<f64>,
    /// Outlines of the band's inner and outer edges.
    pub band_edges: Vec<LineString<f64>>,
    /// Diagonal hatching of the band beyond the nominal range (drawn instead of a fill, so
    /// bands never stack into a wash); the band's low edge is the thin line inside the ring.
    pub band_hatch: Vec<LineString<f64>>,
    /// The rotation-aware footprint's outline; empty when off or global.
    pub rotating_outline: Vec<LineString<f64>>,
    /// The rotation-aware reach is global (orbital speed along some azimuth).
    pub rotating_global: bool,
}

impl SceneRing {
    /// Which ring this is.
    pub fn spec(&self) -> RingSpec {
        RingSpec {
            site: self.site,
            missile: self.missile,
        }
    }
}

/// Which optional layers a ring carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RingLayers {
    /// The band of published estimates.
    pub bands: bool,
    /// The rotation-aware footprint.
    pub rotation: bool,
}

/// The ring of missile `spec.missile` from site `spec.site`, projected, with the optional
/// layers; `None` if the missile is hidden. `tolerance` is in map units (half a pixel).
pub fn build_ring(
    scenario: &Scenario,
    spec: RingSpec,
    projection: &Projection,
    tolerance: f64,
    layers: RingLayers,
) -> Option<SceneRing> {
    let missile = scenario.missiles().get(spec.missile)?;
    let site = scenario.sites().get(spec.site)?;
    if !missile.visible {
        return None;
    }
    let band = missile
        .band
        .filter(|b| layers.bands && b.is_wide())
        .map(|b| (b.min_km, b.max_km));
    let drawn = match &site.origin {
        Origin::Point(centre) => {
            point_ring(*centre, missile.range_km, band, projection, tolerance)?
        }
        Origin::Area(area) => area_ring(area, missile.range_km, band, projection, tolerance)?,
    };
    let (mut rotating_outline, mut rotating_global) = (Vec::new(), false);
    // The rotation-aware footprint is drawn for point sites.
    if layers.rotation
        && let Origin::Point(centre) = &site.origin
    {
        match rotating_footprint(*centre, missile.range_km, 3.0) {
            Footprint::Global => rotating_global = true,
            Footprint::Loop(points) => {
                rotating_outline = projection.project_line(&closed_path(&points), tolerance);
            }
        }
    }
    Some(SceneRing {
        site: spec.site,
        missile: spec.missile,
        color: missile.color,
        range_km: missile.range_km,
        fill: drawn.fill,
        outline: drawn.outline,
        band_hatch: hatch(&drawn.beyond, HATCH_SPACING_TOLERANCES * tolerance),
        band: drawn.band,
        band_edges: drawn.band_edges,
        rotating_outline,
        rotating_global,
    })
}

/// Hatch spacing in drawing tolerances (half a pixel, rounded down to a power of two): 7 to
/// 14 pixels.
const HATCH_SPACING_TOLERANCES: f64 = 14.0;
/// Most hatch lines drawn across one band; a bound on the work for any zoom.
const MAX_HATCH_LINES: f64 = 4_000.0;

/// Diagonal lines across `area`, `spacing` map units apart, clipped to it. The lines sit on
/// multiples of the spacing, so the hatching of neighbouring bands lines up.
fn hatch(area: &MultiPolygon<f64>, spacing: f64) -> Vec<LineString<f64>> {
    let Some(b) = area.bounding_rect() else {
        return Vec::new();
    };
    // Lines x - y = c for c across the box.
    let first = ((b.min().x - b.max().y) / spacing).floor();
    let last = ((b.max().x - b.min().y) / spacing).ceil();
    if !(spacing > 0.0 && last - first < MAX_HATCH_LINES) {
        return Vec::new();
    }
    let lines: Vec<LineString<f64>> = (first as i64..=last as i64)
        .map(|k| {
            let c = k as f64 * spacing;
            LineString::from(vec![
                Coord {
                    x: b.min().y + c,
                    y: b.min().y,
                },
                Coord {
                    x: b.max().y + c,
                    y: b.max().y,
                },
            ])
        })
        .collect();
    area.clip(&MultiLineString(lines), false).0
}

/// The geometry of a ring and its band.
struct Drawn {
    fill: MultiPolygon<f64>,
    outline: Vec<LineString<f64>>,
    band: MultiPolygon<f64>,
    band_edges: Vec<LineString<f64>>,
    /// The part of the band beyond the nominal range: what is hatched.
    beyond: MultiPolygon<f64>,
}

fn point_ring(
    centre: LatLon,
    range_km: f64,
    band: Option<(f64, f64)>,
    projection: &Projection,
    tolerance: f64,
) -> Option<Drawn> {
    let tolerance_m = tolerance * EARTH_MEAN_RADIUS_M;
    // The scenario is validated, so rings can be built; `None` rather than a panic anyway.
    let ring_of = |km: f64| RangeRing::with_tolerance(centre, km * M_PER_KM, tolerance_m).ok();
    let ring = ring_of(range_km)?;
    let fill = projection.project_ring_area(&ring, tolerance);
    let empty = || MultiPolygon(vec![]);
    let (mut band_area, mut band_edges, mut beyond) = (empty(), Vec::new(), empty());
    if let Some((min, max)) = band
        && let (Some(inner), Some(outer)) = (ring_of(min), ring_of(max))
    {
        let outer_area = projection.project_ring_area(&outer, tolerance);
        let inner_area = projection.project_ring_area(&inner, tolerance);
        band_area = outer_area.difference(&inner_area);
        if max > range_km {
            beyond = outer_area.difference(&fill);
        }
        band_edges = projection.project_ring_outline(&inner, tolerance);
        band_edges.extend(projection.project_ring_outline(&outer, tolerance));
    }
    Some(Drawn {
        outline: projection.project_ring_outline(&ring, tolerance),
        fill,
        band: band_area,
        band_edges,
        beyond,
    })
}

/// The reach from a patrol area: the geodesic buffer of the area, filled and outlined like a
/// ring.
fn area_ring(
    area: &PatrolArea,
    range_km: f64,
    band: Option<(f64, f64)>,
    projection: &Projection,
    tolerance: f64,
) -> Option<Drawn> {
    let tolerance_m = tolerance * EARTH_MEAN_RADIUS_M;
    let buffer_of = |km: f64| area_buffer(area, km * M_PER_KM, tolerance_m).ok();
    let outline_of = |polygons: &MultiPolygon<f64>| -> Vec<LineString<f64>> {
        outline_of_cut(polygons)
            .iter()
            .flat_map(|l| projection.project_line(&l.0, tolerance))
            .collect()
    };
    let buffer = buffer_of(range_km)?;
    let fill = projection.project_polygons(&buffer, tolerance);
    let empty = || MultiPolygon(vec![]);
    let (mut band_area, mut band_edges, mut beyond) = (empty(), Vec::new(), empty());
    if let Some((min, max)) = band
        && let (Some(inner), Some(outer)) = (buffer_of(min), buffer_of(max))
    {
        let outer_area = projection.project_polygons(&outer, tolerance);
        band_area = outer_area.difference(&projection.project_polygons(&inner, tolerance));
        if max > range_km {
            beyond = outer_area.difference(&fill);
        }
        band_edges = outline_of(&inner);
        band_edges.extend(outline_of(&outer));
    }
    Some(Drawn {
        outline: outline_of(&buffer),
        fill,
        band: band_area,
        band_edges,
        beyond,
    })
}
