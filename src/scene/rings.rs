//! Range rings ready to draw: the covered area, the outline, the band of estimates and the
//! rotation-aware footprint of one missile from one site, projected; and the rings of one
//! missile from several sites merged into one reach area ([`merge_rings`]).

use crate::ballistics::Footprint;
use crate::color::Rgba;
use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM, Origin, PatrolArea, RangeRing};
use crate::projection::Projection;
use crate::projection::lonlat::{area_buffer, closed_path, outline_of_cut};
use crate::scenario::{RingSpec, Scenario};
use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon};
use std::sync::Arc;

/// One range ring ready to draw, in map units.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneRing {
    /// Index into the scenario's sites (the first of `sites`).
    pub site: usize,
    /// The sites whose rings this is: one, or all the sites of a missile when its rings are
    /// merged into one reach area.
    pub sites: Vec<usize>,
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
    /// Outlines of the band's inner and outer edges, the inner first.
    pub band_edges: Vec<LineString<f64>>,
    /// How many of `band_edges` are the inner edge.
    pub band_inner_edges: usize,
    /// The band's outer area (out to the highest estimate); empty without a band.
    pub band_outer: MultiPolygon<f64>,
    /// Diagonal hatching of the band beyond the nominal range (drawn instead of a fill, so
    /// bands never stack into a wash); the band's low edge is the thin line inside the ring.
    pub band_hatch: Vec<LineString<f64>>,
    /// The rotation-aware footprint's outline; empty when off, beyond the model, or not
    /// applicable (cruise and glide flight).
    pub rotating_outline: Vec<LineString<f64>>,
    /// The rotation-aware footprint is beyond the model (orbital speed along some azimuth).
    pub rotating_beyond_model: bool,
}

impl SceneRing {
    /// Whether this ring draws the ring `spec`: its own, or one of those merged into it.
    pub fn stands_for(&self, spec: RingSpec) -> bool {
        self.missile == spec.missile && self.sites.contains(&spec.site)
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
    let (mut rotating_outline, mut rotating_beyond_model) = (Vec::new(), false);
    // The rotation-aware footprint is drawn for point sites.
    if layers.rotation
        && let Origin::Point(centre) = &site.origin
    {
        match missile.flight.rotating_footprint(*centre, 3.0) {
            None => {}
            Some(Footprint::BeyondModel) => rotating_beyond_model = true,
            Some(Footprint::Loop(points)) => {
                rotating_outline = projection.project_line(&closed_path(&points), tolerance);
            }
        }
    }
    Some(SceneRing {
        site: spec.site,
        sites: vec![spec.site],
        missile: spec.missile,
        color: missile.color,
        range_km: missile.range_km,
        fill: drawn.fill,
        outline: drawn.outline,
        band_hatch: hatch(&drawn.beyond, HATCH_SPACING_TOLERANCES * tolerance),
        band: drawn.band,
        band_edges: drawn.band_edges,
        band_inner_edges: drawn.band_inner_edges,
        band_outer: drawn.band_outer,
        rotating_outline,
        rotating_beyond_model,
    })
}

/// The rings of one missile from several sites as one reach area, as a reader wants it and
/// at the cost of one ring to draw: the union of their areas, and of their outlines only the
/// parts on its edge; the band of estimates the same way (its inner and outer edges each the
/// edge of the union of theirs), hatched beyond the merged reach. Rotation-aware
/// footprints are kept whole, one per site. `tolerance` is the drawing tolerance, map units.
///
/// Outlines are cut incrementally: adding a ring cuts the outline so far where it enters the
/// new ring, and the new ring's outline where it enters the reach so far, so each ring is
/// clipped against two areas, not against every other ring.
pub fn merge_rings(members: &[Arc<SceneRing>], tolerance: f64) -> Option<SceneRing> {
    let (first, _) = members.split_first()?;
    // Rings from the same place are the same ring: kept once.
    let mut distinct: Vec<&SceneRing> = Vec::new();
    for ring in members {
        if !distinct.iter().any(|d| d.fill == ring.fill) {
            distinct.push(ring);
        }
    }
    let (fill, outline) = merge_areas(distinct.iter().map(|r| (&r.fill, &r.outline[..])));
    let with_band: Vec<&SceneRing> = distinct
        .iter()
        .copied()
        .filter(|r| !r.band_outer.0.is_empty())
        .collect();
    // Each band's inner area is its outer area less the band.
    let inner: Vec<(MultiPolygon<f64>, &[LineString<f64>])> = with_band
        .iter()
        .map(|r| {
            let area = r.band_outer.difference(&r.band);
            (area, &r.band_edges[..r.band_inner_edges])
        })
        .collect();
    let (band_inner, mut band_edges) = merge_areas(inner.iter().map(|(a, e)| (a, *e)));
    let band_inner_edges = band_edges.len();
    let (band_outer, outer_edges) = merge_areas(
        with_band
            .iter()
            .map(|r| (&r.band_outer, &r.band_edges[r.band_inner_edges..])),
    );
    band_edges.extend(outer_edges);
    let beyond = band_outer.difference(&fill);
    let band = band_outer.difference(&band_inner);
    Some(SceneRing {
        site: first.site,
        sites: members
            .iter()
            .flat_map(|r| r.sites.iter().copied())
            .collect(),
        missile: first.missile,
        color: first.color,
        range_km: first.range_km,
        fill,
        outline,
        band_hatch: hatch(&beyond, HATCH_SPACING_TOLERANCES * tolerance),
        band,
        band_edges,
        band_inner_edges,
        band_outer,
        rotating_outline: distinct
            .iter()
            .flat_map(|r| r.rotating_outline.iter().cloned())
            .collect(),
        rotating_beyond_model: distinct.iter().any(|r| r.rotating_beyond_model),
    })
}

/// The union of areas, and the parts of their outlines on the union's edge.
fn merge_areas<'a>(
    areas: impl Iterator<Item = (&'a MultiPolygon<f64>, &'a [LineString<f64>])>,
) -> (MultiPolygon<f64>, Vec<LineString<f64>>) {
    let mut reach = MultiPolygon(vec![]);
    let mut edge: Vec<LineString<f64>> = Vec::new();
    for (i, (area, outline)) in areas.enumerate() {
        // (A ring with no area in this view, behind a globe, still adds its outline.)
        if i == 0 {
            reach = area.clone();
            edge = outline.to_vec();
            continue;
        }
        let kept = area.clip(&MultiLineString(edge), true);
        let added = reach.clip(&MultiLineString(outline.to_vec()), true);
        edge = kept.0;
        edge.extend(added.0);
        reach = reach.union(area);
    }
    (reach, edge)
}

/// Hatch spacing in drawing tolerances (half a pixel, rounded down to a power of two): 7 to
/// 14 pixels.
const HATCH_SPACING_TOLERANCES: f64 = 14.0;
/// Most hatch lines drawn across one band; a bound on the work for any zoom.
const MAX_HATCH_LINES: f64 = 4_000.0;

/// Diagonal lines across `area`, `spacing` map units apart, clipped to it. The lines sit on
/// multiples of the spacing, so the hatching of neighbouring bands lines up.
///
/// A scanline pass: each edge drops where it crosses each line into that line's list, and
/// each sorted list pairs up into the pieces inside (even-odd: the area's polygons do not
/// overlap). Linear in edges and crossings, where a general line clip is not.
fn hatch(area: &MultiPolygon<f64>, spacing: f64) -> Vec<LineString<f64>> {
    let Some(b) = area.bounding_rect() else {
        return Vec::new();
    };
    // Lines x - y = c, c = k * spacing, for k across the box.
    let first = ((b.min().x - b.max().y) / spacing).floor();
    let last = ((b.max().x - b.min().y) / spacing).ceil();
    if !(spacing > 0.0 && last - first < MAX_HATCH_LINES) {
        return Vec::new();
    }
    let first = first as i64;
    let mut crossings: Vec<Vec<f64>> = vec![Vec::new(); (last as i64 - first + 1) as usize];
    let rings = area
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    for ring in rings {
        for edge in ring.lines() {
            let (u1, u2) = (edge.start.x - edge.start.y, edge.end.x - edge.end.y);
            if u1 == u2 {
                continue;
            }
            // Lines with u1 <= c < u2 (or the other way): each vertex counted once.
            let (lo, hi) = (u1.min(u2), u1.max(u2));
            let k0 = (lo / spacing).ceil() as i64;
            let mut k = k0;
            while (k as f64) * spacing < hi {
                let c = k as f64 * spacing;
                let t = (c - u1) / (u2 - u1);
                if let Some(list) = crossings.get_mut((k - first) as usize) {
                    list.push(edge.start.y + t * (edge.end.y - edge.start.y));
                }
                k += 1;
            }
        }
    }
    let mut lines = Vec::new();
    for (i, ys) in crossings.iter_mut().enumerate() {
        let c = (first + i as i64) as f64 * spacing;
        ys.sort_by(f64::total_cmp);
        for pair in ys.chunks_exact(2) {
            let (a, b) = (pair[0], pair[1]);
            if b > a {
                lines.push(LineString::from(vec![
                    Coord { x: c + a, y: a },
                    Coord { x: c + b, y: b },
                ]));
            }
        }
    }
    lines
}

/// The geometry of a ring and its band.
struct Drawn {
    fill: MultiPolygon<f64>,
    outline: Vec<LineString<f64>>,
    band: MultiPolygon<f64>,
    band_edges: Vec<LineString<f64>>,
    band_inner_edges: usize,
    band_outer: MultiPolygon<f64>,
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
    let (mut band_inner_edges, mut band_outer) = (0, empty());
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
        band_inner_edges = band_edges.len();
        band_edges.extend(projection.project_ring_outline(&outer, tolerance));
        band_outer = outer_area;
    }
    Some(Drawn {
        outline: projection.project_ring_outline(&ring, tolerance),
        fill,
        band: band_area,
        band_edges,
        band_inner_edges,
        band_outer,
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
    let (mut band_inner_edges, mut band_outer) = (0, empty());
    if let Some((min, max)) = band
        && let (Some(inner), Some(outer)) = (buffer_of(min), buffer_of(max))
    {
        let outer_area = projection.project_polygons(&outer, tolerance);
        band_area = outer_area.difference(&projection.project_polygons(&inner, tolerance));
        if max > range_km {
            beyond = outer_area.difference(&fill);
        }
        band_edges = outline_of(&inner);
        band_inner_edges = band_edges.len();
        band_edges.extend(outline_of(&outer));
        band_outer = outer_area;
    }
    Some(Drawn {
        outline: outline_of(&buffer),
        fill,
        band: band_area,
        band_edges,
        band_inner_edges,
        band_outer,
        beyond,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point, Polygon};

    #[test]
    fn hatching_covers_the_area_and_skips_its_holes() {
        let square = |x0: f64, x1: f64| {
            LineString::from(vec![(x0, x0), (x1, x0), (x1, x1), (x0, x1), (x0, x0)])
        };
        let area = MultiPolygon(vec![
            Polygon::new(square(0.0, 10.0), vec![square(4.0, 6.0)]),
            Polygon::new(square(20.0, 22.0), vec![]),
        ]);
        let spacing = 0.1;
        let lines = hatch(&area, spacing);
        // Lines x - y = c spaced `spacing` in c lie spacing / sqrt(2) apart: their total
        // length is the area (96 + 4) times sqrt(2) / spacing.
        let length: f64 = lines
            .iter()
            .map(|l| (l.0[1].x - l.0[0].x).hypot(l.0[1].y - l.0[0].y))
            .sum();
        let expected = 100.0 * std::f64::consts::SQRT_2 / spacing;
        assert!(
            (length / expected - 1.0).abs() < 0.01,
            "{length} vs {expected}"
        );
        for line in &lines {
            let (a, b) = (line.0[0], line.0[1]);
            let mid = Point::new(a.x + 0.37 * (b.x - a.x), a.y + 0.37 * (b.y - a.y));
            assert!(area.contains(&mid), "{mid:?} outside");
            assert!((a.x - a.y) / spacing - ((a.x - a.y) / spacing).round() < 1e-6);
        }
    }
}
