//! Renderer-neutral drawing primitives in projected map units, built once from a scenario, the
//! basemap, a projection and a style. The window and every exporter draw the same scene; they
//! only apply a scale and an offset (see [`ViewTransform`]), so they cannot disagree.

use crate::basemap::{Basemap, Detail};
use crate::geodesy::flight::{Footprint, rotating_footprint};
use crate::geodesy::{AreaBuffer, LatLon, M_PER_KM, RangeRing};
use crate::projection::{EARTH_RADIUS_M, MapCoord, MapRect, Projection};
use crate::scenario::{Rgba, RingSpec, Scenario, SiteKind};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};

/// Colours of a map theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Page or window background outside the map.
    pub background: Rgba,
    /// Ocean: the sphere's face.
    pub ocean: Rgba,
    /// Land fill.
    pub land: Rgba,
    /// Coastlines.
    pub coast: Rgba,
    /// Country borders.
    pub border: Rgba,
    /// Graticule lines.
    pub graticule: Rgba,
    /// Text and marker outlines.
    pub text: Rgba,
    /// Secondary text (sources, caveats).
    pub muted_text: Rgba,
    /// Halo behind labels, for legibility over any background.
    pub halo: Rgba,
    /// Opacity of ring fills, 0 to 1; low, so that nested rings read as darker towards the site.
    pub ring_fill_opacity: f64,
}

impl Style {
    /// Light theme: print-friendly, the default for briefings.
    pub const LIGHT: Style = Style {
        background: Rgba([0xff, 0xff, 0xff, 0xff]),
        ocean: Rgba([0xdd, 0xe8, 0xf0, 0xff]),
        land: Rgba([0xf5, 0xf2, 0xea, 0xff]),
        coast: Rgba([0x8f, 0x9c, 0xa6, 0xff]),
        border: Rgba([0xb9, 0xb4, 0xaa, 0xff]),
        graticule: Rgba([0xc4, 0xd3, 0xde, 0xff]),
        text: Rgba([0x1c, 0x25, 0x2e, 0xff]),
        muted_text: Rgba([0x4f, 0x5b, 0x66, 0xff]),
        halo: Rgba([0xff, 0xff, 0xff, 0xd0]),
        ring_fill_opacity: 0.045,
    };

    /// Dark theme: for screens in dim rooms.
    pub const DARK: Style = Style {
        background: Rgba([0x14, 0x18, 0x1d, 0xff]),
        ocean: Rgba([0x12, 0x1c, 0x27, 0xff]),
        land: Rgba([0x45, 0x4b, 0x51, 0xff]),
        coast: Rgba([0x6c, 0x78, 0x82, 0xff]),
        border: Rgba([0x55, 0x5b, 0x60, 0xff]),
        graticule: Rgba([0x2a, 0x37, 0x44, 0xff]),
        text: Rgba([0xe8, 0xec, 0xf0, 0xff]),
        muted_text: Rgba([0xa9, 0xb3, 0xbc, 0xff]),
        halo: Rgba([0x14, 0x18, 0x1d, 0xd0]),
        ring_fill_opacity: 0.07,
    };
}

/// What a marker stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// A land launch site (triangle).
    Launch,
    /// A submarine patrol point (diamond); hollow when illustrative.
    Patrol {
        /// The position is illustrative, not from a source.
        illustrative: bool,
    },
    /// A target (circle).
    Target,
}

/// A site or target on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Position, map units.
    pub position: MapCoord,
    /// What it is.
    pub kind: MarkerKind,
    /// The id in the scenario.
    pub id: String,
    /// Index into the scenario's sites or targets (by kind).
    pub index: usize,
    /// A patrol area's outline, map units (empty for points).
    pub area: Vec<LineString<f64>>,
}

/// A label to place near a marker; higher priority is placed first and wins collisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The point labelled, map units.
    pub anchor: MapCoord,
    /// The text.
    pub text: String,
    /// Placement order: higher first.
    pub priority: u8,
}

/// One range ring ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneRing {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Outline and fill colour.
    pub color: Rgba,
    /// The covered area, map units (may be several pieces, may have holes).
    pub fill: MultiPolygon<f64>,
    /// The outline, map units, split where it leaves the map.
    pub outline: Vec<LineString<f64>>,
    /// The band between the lowest and highest published estimates, map units; empty when the
    /// missile has no band or bands are off.
    pub band: MultiPolygon<f64>,
    /// Outlines of the band's inner and outer edges, map units.
    pub band_edges: Vec<LineString<f64>>,
    /// The rotation-aware footprint's outline, map units; empty when off or global.
    pub rotating_outline: Vec<LineString<f64>>,
    /// The rotation-aware reach is global (orbital speed along some azimuth).
    pub rotating_global: bool,
}

/// Which optional layers a ring carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RingLayers {
    /// The band of published estimates.
    pub bands: bool,
    /// The rotation-aware footprint.
    pub rotation: bool,
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
    /// Low and high published estimates, km.
    pub band_km: Option<(f64, f64)>,
    /// Where it is drawn from, e.g. "Pyongyang" or "6 patrol points".
    pub from: String,
    /// The figure is an editorial assumption.
    pub assumed: bool,
}

/// How to build a scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneOptions {
    /// The projection, applied once here.
    pub projection: Projection,
    /// Pixels per map unit of the intended output: sets the basemap detail, the simplification
    /// and the ring tolerance, so that nothing is coarser than half a pixel.
    pub px_per_unit: f64,
    /// Basemap detail; chosen by scale when `None`.
    pub detail: Option<Detail>,
    /// Graticule spacing, degrees; none when 0.
    pub graticule_step_deg: f64,
    /// Optional ring layers.
    pub layers: RingLayers,
}

/// Everything a map shows, in map units.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The projection the scene was built with.
    pub projection: Projection,
    /// Extent of the whole map.
    pub bounds: MapRect,
    /// The sphere's face (ocean).
    pub sphere: Polygon<f64>,
    /// Land.
    pub land: MultiPolygon<f64>,
    /// Coastlines.
    pub coastlines: Vec<LineString<f64>>,
    /// Country borders.
    pub borders: Vec<LineString<f64>>,
    /// Graticule.
    pub graticule: Vec<LineString<f64>>,
    /// Visible rings, in drawing order (largest first, so small rings stay on top).
    pub rings: Vec<SceneRing>,
    /// Sites and targets that the map shows.
    pub markers: Vec<Marker>,
    /// Labels for markers.
    pub labels: Vec<Label>,
    /// Legend, one entry per visible missile, in scenario order.
    pub legend: Vec<LegendEntry>,
    /// The basemap detail used.
    pub detail: Detail,
}

/// The projected basemap: the part of a scene that depends only on the projection and the level
/// of detail, so the app can keep it while rings and sites change.
#[derive(Debug, Clone)]
pub struct BasemapLayer {
    /// The sphere's face (ocean).
    pub sphere: Polygon<f64>,
    /// Land.
    pub land: MultiPolygon<f64>,
    /// Coastlines.
    pub coastlines: Vec<LineString<f64>>,
    /// Country borders.
    pub borders: Vec<LineString<f64>>,
    /// Graticule.
    pub graticule: Vec<LineString<f64>>,
    /// The basemap detail used.
    pub detail: Detail,
}

impl BasemapLayer {
    /// Projects the basemap at `detail`, resampled and simplified to `tolerance` map units.
    pub fn build(
        projection: &Projection,
        detail: Detail,
        tolerance: f64,
        graticule_step_deg: f64,
    ) -> Self {
        let basemap = Basemap::get(detail);
        let land = simplify_polygons(
            projection.project_polygons(&basemap.land, tolerance),
            tolerance,
        );
        let lines = |source: &[LineString<f64>]| -> Vec<LineString<f64>> {
            source
                .iter()
                .flat_map(|l| projection.project_line(&l.0, tolerance))
                .map(|l| simplify_line(&l, tolerance))
                .filter(|l| l.0.len() >= 2)
                .collect()
        };
        Self {
            sphere: projection.outline(),
            land,
            coastlines: lines(&basemap.coastlines),
            borders: lines(&basemap.borders),
            graticule: lines(&graticule_lines(
                graticule_step_deg,
                projection.central_lon(),
            )),
            detail,
        }
    }
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
    let missile = scenario.missiles.get(spec.missile)?;
    let site = scenario.sites.get(spec.site)?;
    if !missile.is_visible() {
        return None;
    }
    let centre = LatLon::lat_lon(site.lat, site.lon);
    let tolerance_m = tolerance * EARTH_RADIUS_M;
    if let Some(corners) = site.area_corners() {
        return build_area_ring(scenario, spec, projection, tolerance, layers, &corners);
    }
    // The scenario is validated, so rings can be built; `None` rather than a panic anyway.
    let ring_of = |km: f64| RangeRing::with_tolerance(centre, km * M_PER_KM, tolerance_m).ok();
    let ring = ring_of(missile.range_km)?;
    let (mut band, mut band_edges) = (MultiPolygon(vec![]), Vec::new());
    if layers.bands
        && let (Some(min), Some(max)) = (missile.range_min_km, missile.range_max_km)
        && min < max
        && let (Some(inner), Some(outer)) = (ring_of(min), ring_of(max))
    {
        let outer_area = projection.project_ring_area(&outer, tolerance);
        let inner_area = projection.project_ring_area(&inner, tolerance);
        band = outer_area.difference(&inner_area);
        band_edges = projection.project_ring_outline(&inner, tolerance);
        band_edges.extend(projection.project_ring_outline(&outer, tolerance));
    }
    let (mut rotating_outline, mut rotating_global) = (Vec::new(), false);
    if layers.rotation {
        match rotating_footprint(centre, missile.range_km, 3.0) {
            Footprint::Global => rotating_global = true,
            Footprint::Loop(points) => {
                let mut line: Vec<Coord<f64>> = points
                    .iter()
                    .map(|p| Coord { x: p.lon, y: p.lat })
                    .collect();
                line.push(line[0]);
                rotating_outline = projection.project_line(&line, tolerance);
            }
        }
    }
    Some(SceneRing {
        site: spec.site,
        missile: spec.missile,
        color: scenario.missile_color(spec.missile),
        fill: projection.project_ring_area(&ring, tolerance),
        outline: projection.project_ring_outline(&ring, tolerance),
        band,
        band_edges,
        rotating_outline,
        rotating_global,
    })
}

/// The reach from a patrol area: the geodesic buffer of the area, filled and outlined like a
/// ring (the rotation-aware footprint is drawn for point sites only).
fn build_area_ring(
    scenario: &Scenario,
    spec: RingSpec,
    projection: &Projection,
    tolerance: f64,
    layers: RingLayers,
    corners: &[LatLon],
) -> Option<SceneRing> {
    let missile = scenario.missiles.get(spec.missile)?;
    let tolerance_m = tolerance * EARTH_RADIUS_M;
    let buffer_of = |km: f64| AreaBuffer::new(corners, km * M_PER_KM, tolerance_m).ok();
    let outline_of = |b: &AreaBuffer| -> Vec<LineString<f64>> {
        b.outline()
            .iter()
            .flat_map(|l| projection.project_line(&l.0, tolerance))
            .collect()
    };
    let buffer = buffer_of(missile.range_km)?;
    let (mut band, mut band_edges) = (MultiPolygon(vec![]), Vec::new());
    if layers.bands
        && let (Some(min), Some(max)) = (missile.range_min_km, missile.range_max_km)
        && min < max
        && let (Some(inner), Some(outer)) = (buffer_of(min), buffer_of(max))
    {
        band = projection
            .project_polygons(&outer.polygons, tolerance)
            .difference(&projection.project_polygons(&inner.polygons, tolerance));
        band_edges = outline_of(&inner);
        band_edges.extend(outline_of(&outer));
    }
    Some(SceneRing {
        site: spec.site,
        missile: spec.missile,
        color: scenario.missile_color(spec.missile),
        fill: projection.project_polygons(&buffer.polygons, tolerance),
        outline: outline_of(&buffer),
        band,
        band_edges,
        rotating_outline: Vec::new(),
        rotating_global: false,
    })
}

/// Markers and labels for every site and target the map shows. Sites with a visible ring get a
/// higher label priority than other sites.
pub fn markers_and_labels(
    scenario: &Scenario,
    projection: &Projection,
) -> (Vec<Marker>, Vec<Label>) {
    let specs = scenario.ring_specs();
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    for (i, site) in scenario.sites.iter().enumerate() {
        let Some(position) = projection.forward(LatLon::lat_lon(site.lat, site.lon)) else {
            continue;
        };
        let kind = match site.kind() {
            SiteKind::Launch => MarkerKind::Launch,
            SiteKind::Patrol => MarkerKind::Patrol {
                illustrative: site.illustrative.unwrap_or(false),
            },
        };
        let has_rings = specs
            .iter()
            .any(|s| s.site == i && scenario.missiles[s.missile].is_visible());
        let area = site
            .area_corners()
            .map(|corners| {
                let mut line: Vec<Coord<f64>> = corners
                    .iter()
                    .map(|c| Coord { x: c.lon, y: c.lat })
                    .collect();
                line.push(line[0]);
                projection.project_line(&line, 1e-3)
            })
            .unwrap_or_default();
        markers.push(Marker {
            position,
            kind,
            id: site.id.clone(),
            index: i,
            area,
        });
        labels.push(Label {
            anchor: position,
            text: site.name.clone(),
            priority: if has_rings { 3 } else { 1 },
        });
    }
    for (i, target) in scenario.targets.iter().enumerate() {
        let Some(position) = projection.forward(LatLon::lat_lon(target.lat, target.lon)) else {
            continue;
        };
        markers.push(Marker {
            position,
            kind: MarkerKind::Target,
            id: target.id.clone(),
            index: i,
            area: Vec::new(),
        });
        labels.push(Label {
            anchor: position,
            text: target.name.clone(),
            priority: 2,
        });
    }
    (markers, labels)
}

impl Scene {
    /// Builds the scene: projects the basemap, the visible rings, the sites and the targets.
    pub fn build(scenario: &Scenario, options: &SceneOptions) -> Scene {
        let projection = options.projection;
        let px = options.px_per_unit.max(1e-6);
        // Half a pixel, in map units.
        let tolerance = 0.5 / px;
        let detail = options
            .detail
            .unwrap_or_else(|| Detail::for_scale(px * std::f64::consts::PI / 180.0));
        let base = BasemapLayer::build(&projection, detail, tolerance, options.graticule_step_deg);
        let mut rings: Vec<SceneRing> = scenario
            .ring_specs()
            .into_iter()
            .filter_map(|spec| build_ring(scenario, spec, &projection, tolerance, options.layers))
            .collect();
        sort_rings(scenario, &mut rings);
        let (markers, labels) = markers_and_labels(scenario, &projection);
        Scene {
            projection,
            bounds: projection.bounds(),
            sphere: base.sphere,
            land: base.land,
            coastlines: base.coastlines,
            borders: base.borders,
            graticule: base.graticule,
            rings,
            markers,
            labels,
            legend: legend_entries(scenario),
            detail,
        }
    }
}

/// Drawing order: largest ranges first, so that small rings stay on top.
pub fn sort_rings(scenario: &Scenario, rings: &mut [SceneRing]) {
    rings.sort_by(|a, b| {
        scenario.missiles[b.missile]
            .range_km
            .total_cmp(&scenario.missiles[a.missile].range_km)
    });
}

/// One legend entry per visible missile, in scenario order.
pub fn legend_entries(scenario: &Scenario) -> Vec<LegendEntry> {
    let specs = scenario.ring_specs();
    scenario
        .missiles
        .iter()
        .enumerate()
        .filter(|(_, m)| m.is_visible())
        .map(|(i, m)| {
            let sites: Vec<&str> = specs
                .iter()
                .filter(|s| s.missile == i)
                .map(|s| scenario.sites[s.site].name.as_str())
                .collect();
            let from = match sites.as_slice() {
                [] => "no site".to_owned(),
                [one] => (*one).to_owned(),
                [a, b] => format!("{a} and {b}"),
                many => {
                    let patrol = specs
                        .iter()
                        .filter(|s| s.missile == i)
                        .all(|s| scenario.sites[s.site].kind() == SiteKind::Patrol);
                    format!(
                        "{} {}",
                        many.len(),
                        if patrol { "patrol points" } else { "sites" }
                    )
                }
            };
            LegendEntry {
                missile: i,
                name: m.name.clone(),
                class: m.class.clone(),
                color: scenario.missile_color(i),
                range_km: m.range_km,
                band_km: match (m.range_min_km, m.range_max_km) {
                    (None, None) => None,
                    (min, max) => Some((min.unwrap_or(m.range_km), max.unwrap_or(m.range_km))),
                },
                from,
                assumed: m.assumed.unwrap_or(false),
            }
        })
        .collect()
}

/// Meridians and parallels every `step` degrees as lon/lat polylines with 1-degree vertices,
/// leaving out the meridian on the map edge of a cylindrical map.
fn graticule_lines(step: f64, central_lon: f64) -> Vec<LineString<f64>> {
    if step.is_nan() || step <= 0.0 {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let count = (360.0 / step).round() as i32;
    let edge = crate::geodesy::normalize_lon(central_lon + 180.0);
    for i in 0..count {
        let lon = -180.0 + f64::from(i) * step;
        if (crate::geodesy::normalize_lon(lon) - edge).abs() < 1e-9 {
            continue;
        }
        // Meridians stop short of the poles, where they all meet.
        lines.push(
            (-80..=80)
                .map(|lat| Coord {
                    x: lon,
                    y: f64::from(lat),
                })
                .collect(),
        );
    }
    let mut lat = -90.0 + step;
    while lat < 90.0 - 1e-9 {
        lines.push(
            (-180..=180)
                .map(|lon| Coord {
                    x: f64::from(lon),
                    y: lat,
                })
                .collect(),
        );
        lat += step;
    }
    lines
}

/// Drops vertices closer than `tolerance` to the last kept one: the basemap at pixel scale.
pub fn simplify_line(line: &LineString<f64>, tolerance: f64) -> LineString<f64> {
    let coords = &line.0;
    if coords.len() <= 2 {
        return line.clone();
    }
    let mut out = Vec::with_capacity(coords.len() / 2 + 2);
    out.push(coords[0]);
    let t2 = tolerance * tolerance;
    for &c in &coords[1..coords.len() - 1] {
        let last = out[out.len() - 1];
        if (c.x - last.x).powi(2) + (c.y - last.y).powi(2) >= t2 {
            out.push(c);
        }
    }
    out.push(coords[coords.len() - 1]);
    LineString::from(out)
}

fn simplify_polygons(polygons: MultiPolygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    MultiPolygon(
        polygons
            .0
            .into_iter()
            .filter_map(|p| {
                let exterior = simplify_line(p.exterior(), tolerance);
                (exterior.0.len() >= 4).then(|| {
                    let holes = p
                        .interiors()
                        .iter()
                        .map(|h| simplify_line(h, tolerance))
                        .filter(|h| h.0.len() >= 4)
                        .collect();
                    Polygon::new(exterior, holes)
                })
            })
            .collect(),
    )
}

/// Map units to pixels: `px = offset_x + scale * x`, `py = offset_y - scale * y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewTransform {
    /// Pixels per map unit.
    pub scale: f64,
    /// Pixel x of map x = 0.
    pub offset_x: f64,
    /// Pixel y of map y = 0.
    pub offset_y: f64,
}

impl ViewTransform {
    /// The transform that fits `bounds` centred in a `width` x `height` pixel box at (`left`,
    /// `top`), keeping the aspect ratio.
    pub fn fit(bounds: &MapRect, left: f64, top: f64, width: f64, height: f64) -> Self {
        let scale = (width / bounds.width()).min(height / bounds.height());
        let cx = 0.5 * (bounds.min.x + bounds.max.x);
        let cy = 0.5 * (bounds.min.y + bounds.max.y);
        Self {
            scale,
            offset_x: left + 0.5 * width - scale * cx,
            offset_y: top + 0.5 * height + scale * cy,
        }
    }

    /// The pixel position of a map point.
    pub fn to_px(&self, c: MapCoord) -> (f64, f64) {
        (
            self.offset_x + self.scale * c.x,
            self.offset_y - self.scale * c.y,
        )
    }

    /// The map point at a pixel position.
    pub fn to_map(&self, px: f64, py: f64) -> MapCoord {
        Coord {
            x: (px - self.offset_x) / self.scale,
            y: (self.offset_y - py) / self.scale,
        }
    }
}

/// A label placed in pixels: text drawn with its left end at (`x`, `baseline`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Left end of the text, pixels.
    pub x: f64,
    /// Baseline, pixels.
    pub baseline: f64,
    /// The text.
    pub text: String,
}

/// Places labels greedily by priority, trying right, left, above and below each anchor, and
/// drops those that would overlap a label already placed, a marker, or the box's edge.
/// `measure` gives a text's width in pixels at `font_px`.
pub fn place_labels(
    labels: &[Label],
    transform: &ViewTransform,
    font_px: f64,
    clip: (f64, f64, f64, f64),
    measure: impl Fn(&str) -> f64,
) -> Vec<PlacedLabel> {
    let (left, top, right, bottom) = clip;
    let mut order: Vec<&Label> = labels.iter().collect();
    order.sort_by_key(|l| std::cmp::Reverse(l.priority));
    let marker_r = 0.45 * font_px;
    // Each marker with its label's priority: a label may cover the markers of places that
    // matter less (a minor site crowding the launch site), never those that matter as much.
    let markers: Vec<((f64, f64, f64, f64), u8)> = labels
        .iter()
        .map(|l| {
            let (x, y) = transform.to_px(l.anchor);
            (
                (x - marker_r, y - marker_r, x + marker_r, y + marker_r),
                l.priority,
            )
        })
        .collect();
    let overlaps = |a: &(f64, f64, f64, f64), b: &(f64, f64, f64, f64)| {
        a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
    };
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    let mut placed = Vec::new();
    for label in order {
        let (x, y) = transform.to_px(label.anchor);
        if x < left || x > right || y < top || y > bottom {
            continue;
        }
        let w = measure(&label.text);
        let h = font_px;
        let gap = 0.6 * font_px;
        let candidates = [
            (x + gap, y + 0.35 * h),
            (x - gap - w, y + 0.35 * h),
            (x - 0.5 * w, y - gap),
            (x - 0.5 * w, y + gap + 0.8 * h),
        ];
        for (lx, baseline) in candidates {
            let rect = (
                lx - 1.0,
                baseline - 0.8 * h - 1.0,
                lx + w + 1.0,
                baseline + 0.25 * h + 1.0,
            );
            let inside = rect.0 >= left && rect.2 <= right && rect.1 >= top && rect.3 <= bottom;
            let free = !taken.iter().any(|t| overlaps(t, &rect))
                && !markers
                    .iter()
                    .any(|(m, p)| *p >= label.priority && overlaps(m, &rect));
            if inside && free {
                taken.push(rect);
                placed.push(PlacedLabel {
                    x: lx,
                    baseline,
                    text: label.text.clone(),
                });
                break;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_never_overlap() {
        let labels: Vec<Label> = (0..40)
            .map(|i| Label {
                anchor: Coord {
                    x: f64::from(i % 5) * 0.01,
                    y: f64::from(i / 5) * 0.01,
                },
                text: format!("Label number {i}"),
                priority: (i % 3) as u8,
            })
            .collect();
        let t = ViewTransform {
            scale: 1000.0,
            offset_x: 100.0,
            offset_y: 400.0,
        };
        let placed = place_labels(&labels, &t, 12.0, (0.0, 0.0, 800.0, 600.0), |s| {
            s.len() as f64 * 7.0
        });
        assert!(!placed.is_empty() && placed.len() < labels.len());
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                let wa = a.text.len() as f64 * 7.0;
                let wb = b.text.len() as f64 * 7.0;
                let apart =
                    a.x + wa <= b.x || b.x + wb <= a.x || (a.baseline - b.baseline).abs() >= 12.0;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn fit_centres_the_map() {
        let b = MapRect {
            min: Coord { x: -2.0, y: -1.0 },
            max: Coord { x: 2.0, y: 1.0 },
        };
        let t = ViewTransform::fit(&b, 0.0, 0.0, 800.0, 800.0);
        assert_eq!(t.to_px(Coord { x: 0.0, y: 0.0 }), (400.0, 400.0));
        assert_eq!(t.to_px(Coord { x: -2.0, y: 1.0 }), (0.0, 200.0));
        let back = t.to_map(0.0, 200.0);
        assert!((back.x + 2.0).abs() < 1e-12 && (back.y - 1.0).abs() < 1e-12);
    }
}
