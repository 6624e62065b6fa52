//! The map widget: pan and zoom, and drawing the scene with caches so that a frame costs little.
//!
//! What costs is tessellating the basemap (tens of thousands of anti-aliased line vertices). It
//! depends only on the projection, the level of detail, the zoom and the theme, so it is
//! tessellated once per zoom level, culled to a margin around the viewport, and only translated
//! while the user pans. Rings are cached per (centre, radius, projection) and rebuilt only when
//! one of those changes, e.g. for the site being dragged.

use crate::basemap::Detail;
use crate::geodesy::{LatLon, M_PER_KM, distance_m};
use crate::projection::{MapCoord, MapRect, Projection};
use crate::scenario::{Rgba, RingSpec, Scenario};
use crate::scene::{BasemapLayer, RingLayers, SceneRing, Style, ViewTransform, simplify_line};
use eframe::egui::{self, Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};
use eframe::epaint::{PathShape, TessellationOptions, Tessellator};
use geo::{LineString, MultiPolygon, TriangulateEarcut};
use std::collections::HashMap;
use std::sync::Arc;

/// Converts a scenario colour for egui.
pub fn color32(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Triangles of polygons, in map units: the fill is drawn as a mesh because egui fills only
/// convex shapes.
#[derive(Debug, Default, Clone)]
pub struct Triangles {
    /// Vertices, map units.
    pub vertices: Vec<[f64; 2]>,
    /// Triangle corner indices into `vertices`.
    pub indices: Vec<u32>,
}

impl Triangles {
    /// Ear-cut triangulation of every polygon (holes included).
    pub fn of(polygons: &MultiPolygon<f64>) -> Self {
        let mut out = Self::default();
        for polygon in &polygons.0 {
            let raw = polygon.earcut_triangles_raw();
            let base = out.vertices.len() as u32;
            out.vertices.extend(raw.vertices);
            out.indices
                .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        }
        out
    }

    /// The triangles that reach into `region` (pixels), as a screen mesh in one colour: at a
    /// regional zoom most of the world's triangles are left out, so each frame copies less.
    pub fn mesh(&self, t: &ViewTransform, color: Color32, region: Rect) -> Mesh {
        let screen: Vec<Pos2> = self
            .vertices
            .iter()
            .map(|v| {
                let (x, y) = t.to_px(MapCoord { x: v[0], y: v[1] });
                Pos2::new(x as f32, y as f32)
            })
            .collect();
        let mut mesh = Mesh::default();
        let mut remap = vec![u32::MAX; screen.len()];
        for tri in self.indices.chunks_exact(3) {
            let [a, b, c] = [
                screen[tri[0] as usize],
                screen[tri[1] as usize],
                screen[tri[2] as usize],
            ];
            let bounds = Rect::from_points(&[a, b, c]);
            if !bounds.intersects(region) {
                continue;
            }
            for &i in tri {
                let slot = &mut remap[i as usize];
                if *slot == u32::MAX {
                    *slot = mesh.vertices.len() as u32;
                    mesh.colored_vertex(screen[i as usize], color);
                }
                mesh.indices.push(*slot);
            }
        }
        mesh
    }
}

/// A projected basemap with its land triangulated: built once per projection and detail.
pub struct BasemapCache {
    /// The projected layer.
    pub layer: BasemapLayer,
    /// Land triangles.
    pub land: Triangles,
    /// Ocean (sphere face) triangles.
    pub sphere: Triangles,
}

/// A ring ready to draw: projected outline and triangulated fill.
pub struct RingCache {
    /// The projected ring.
    pub ring: SceneRing,
    /// Its fill as triangles.
    pub fill: Triangles,
    /// Its band of estimates as triangles.
    pub band: Triangles,
}

/// Basemap meshes tessellated in screen space for one zoom level and a region around the
/// viewport; translated while panning, rebuilt when zooming or panning out of the region.
struct RenderCache {
    key: (usize, u64, bool, u32, u32),
    transform: ViewTransform,
    region: Rect,
    ocean: Arc<Mesh>,
    land: Arc<Mesh>,
    lines: Arc<Mesh>,
}

/// What a ring rendering depends on: the rings (by address), the scale, the widget size, the
/// highlighted ring and the theme.
#[derive(Debug, Clone, PartialEq)]
struct RingRenderKey {
    rings: Vec<usize>,
    scale: u64,
    size: (u32, u32),
    highlight: Option<(usize, usize)>,
    background: [u8; 4],
}

/// Ring fills and outlines tessellated for one view; reused while nothing changes and only
/// translated while panning.
struct RingRender {
    /// The rings drawn, held so their addresses (part of the key) cannot be reused.
    _keep_alive: Vec<Arc<RingCache>>,
    key: RingRenderKey,
    transform: ViewTransform,
    mesh: Arc<Mesh>,
}

/// Pan, zoom and the caches of the map widget.
pub struct MapView {
    /// Zoom relative to the whole map fitting the widget (1 = fit).
    pub zoom: f64,
    /// The map point shown at the widget's centre, map units.
    pub centre: MapCoord,
    basemaps: HashMap<(u64, Detail), Arc<BasemapCache>>,
    rings: HashMap<RingKey, Arc<RingCache>>,
    render: Option<RenderCache>,
    ring_render: Option<RingRender>,
    /// The transform of the last frame drawn (for hit tests after layout).
    pub last_transform: Option<ViewTransform>,
}

/// A ring's identity for the cache: what its geometry depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct RingKey {
    projection: u64,
    lat: u64,
    lon: u64,
    radius_km: u64,
    color: [u8; 4],
    site: usize,
    missile: usize,
    band: (u64, u64),
    layers: (bool, bool),
    area: Option<u64>,
}

/// A hash of the projection's parameters, for cache keys.
pub fn projection_key(p: &Projection) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{p:?}").hash(&mut h);
    h.finish()
}

/// Map units per pixel at which the basemap is built: fine enough for the closest zoom.
const LAYER_TOLERANCE: f64 = 2e-5;
/// Deepest zoom, relative to the whole map.
pub const MAX_ZOOM: f64 = 400.0;

impl Default for MapView {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            centre: MapCoord { x: 0.0, y: 0.0 },
            basemaps: HashMap::new(),
            rings: HashMap::new(),
            render: None,
            ring_render: None,
            last_transform: None,
        }
    }
}

impl MapView {
    /// Shows the whole map again.
    pub fn reset(&mut self, projection: &Projection) {
        let b = projection.bounds();
        self.zoom = 1.0;
        self.centre = MapCoord {
            x: 0.5 * (b.min.x + b.max.x),
            y: 0.5 * (b.min.y + b.max.y),
        };
    }

    /// Map units to pixels for a widget occupying `rect`.
    pub fn transform(&self, projection: &Projection, rect: Rect) -> ViewTransform {
        let bounds = projection.bounds();
        let fit = ViewTransform::fit(
            &bounds,
            0.0,
            0.0,
            f64::from(rect.width()),
            f64::from(rect.height()),
        );
        let scale = fit.scale * self.zoom;
        let c = rect.center();
        ViewTransform {
            scale,
            offset_x: f64::from(c.x) - scale * self.centre.x,
            offset_y: f64::from(c.y) + scale * self.centre.y,
        }
    }

    /// Zooms by `factor` keeping the map point under `anchor` (pixels) in place.
    pub fn zoom_at(&mut self, projection: &Projection, rect: Rect, anchor: Pos2, factor: f64) {
        let before = self
            .transform(projection, rect)
            .to_map(f64::from(anchor.x), f64::from(anchor.y));
        self.zoom = (self.zoom * factor).clamp(0.5, MAX_ZOOM);
        let after = self
            .transform(projection, rect)
            .to_map(f64::from(anchor.x), f64::from(anchor.y));
        self.centre.x += before.x - after.x;
        self.centre.y += before.y - after.y;
        self.clamp_centre(projection);
    }

    /// Moves the view by a drag of `delta` pixels.
    pub fn pan(&mut self, projection: &Projection, rect: Rect, delta: Vec2) {
        let t = self.transform(projection, rect);
        self.centre.x -= f64::from(delta.x) / t.scale;
        self.centre.y += f64::from(delta.y) / t.scale;
        self.clamp_centre(projection);
    }

    /// Puts `point` at the centre of the view.
    pub fn centre_on(&mut self, projection: &Projection, point: MapCoord) {
        self.centre = point;
        self.clamp_centre(projection);
    }

    fn clamp_centre(&mut self, projection: &Projection) {
        let b = projection.bounds();
        self.centre.x = self.centre.x.clamp(b.min.x, b.max.x);
        self.centre.y = self.centre.y.clamp(b.min.y, b.max.y);
    }

    /// The basemap for a projection and detail, projecting and triangulating it on first use.
    pub fn basemap(&mut self, projection: &Projection, detail: Detail) -> Arc<BasemapCache> {
        let key = (projection_key(projection), detail);
        // Keep the two levels of the current projection; others are rebuilt when needed.
        if !self.basemaps.contains_key(&key) {
            self.basemaps.retain(|k, _| k.0 == key.0);
        }
        self.basemaps
            .entry(key)
            .or_insert_with(|| {
                let layer = BasemapLayer::build(projection, detail, LAYER_TOLERANCE, 30.0);
                let land = Triangles::of(&layer.land);
                let sphere = Triangles::of(&MultiPolygon(vec![layer.sphere.clone()]));
                Arc::new(BasemapCache {
                    layer,
                    land,
                    sphere,
                })
            })
            .clone()
    }

    /// The drawn rings of the scenario, from the cache where their geometry is unchanged.
    /// Rings are rebuilt at a tolerance suited to the current zoom.
    pub fn rings(
        &mut self,
        scenario: &Scenario,
        projection: &Projection,
        tolerance: f64,
        layers: RingLayers,
    ) -> Vec<Arc<RingCache>> {
        let pkey = projection_key(projection);
        // Quantise the tolerance so zooming a little does not rebuild every ring.
        let tolerance = 2f64.powi(tolerance.log2().floor() as i32);
        let mut out = Vec::new();
        let mut used = Vec::new();
        for spec in scenario.ring_specs() {
            let missile = &scenario.missiles[spec.missile];
            if !missile.is_visible() {
                continue;
            }
            let site = &scenario.sites[spec.site];
            let key = RingKey {
                projection: pkey ^ tolerance.to_bits(),
                lat: site.lat.to_bits(),
                lon: site.lon.to_bits(),
                radius_km: missile.range_km.to_bits(),
                color: scenario.missile_color(spec.missile).0,
                site: spec.site,
                missile: spec.missile,
                band: (
                    missile.range_min_km.unwrap_or(0.0).to_bits(),
                    missile.range_max_km.unwrap_or(0.0).to_bits(),
                ),
                layers: (layers.bands, layers.rotation),
                area: site.area.as_ref().map(|a| {
                    a.iter()
                        .flatten()
                        .fold(0u64, |h, x| h.rotate_left(5) ^ x.to_bits())
                }),
            };
            let entry = self.rings.get(&key).cloned().or_else(|| {
                let ring = crate::scene::build_ring(scenario, spec, projection, tolerance, layers)?;
                let fill = Triangles::of(&ring.fill);
                let band = Triangles::of(&ring.band);
                let cached = Arc::new(RingCache { ring, fill, band });
                self.rings.insert(key, cached.clone());
                Some(cached)
            });
            if let Some(entry) = entry {
                used.push(key);
                out.push(entry);
            }
        }
        // Forget rings that are no longer drawn (moved sites, changed ranges).
        self.rings.retain(|k, _| used.contains(k));
        out.sort_by(|a, b| {
            scenario.missiles[b.ring.missile]
                .range_km
                .total_cmp(&scenario.missiles[a.ring.missile].range_km)
        });
        out
    }

    /// Paints ring fills, bands and outlines (the highlighted ring thicker), tessellated once
    /// for a view and translated while panning.
    pub fn paint_rings(
        &mut self,
        painter: &egui::Painter,
        rings: &[Arc<RingCache>],
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        highlight: Option<(usize, usize)>,
    ) {
        let key = RingRenderKey {
            rings: rings.iter().map(|r| Arc::as_ptr(r) as usize).collect(),
            scale: t.scale.to_bits(),
            size: (rect.width() as u32, rect.height() as u32),
            highlight,
            background: style.background.0,
        };
        let reusable = self.ring_render.as_ref().is_some_and(|r| {
            let shift = Vec2::new(
                (t.offset_x - r.transform.offset_x) as f32,
                (t.offset_y - r.transform.offset_y) as f32,
            );
            r.key == key && shift.length() < rect.width().max(rect.height()) * 0.5
        });
        if !reusable {
            let mesh =
                build_ring_mesh(rings, t, rect, style, highlight, painter.pixels_per_point());
            self.ring_render = Some(RingRender {
                _keep_alive: rings.to_vec(),
                key,
                transform: *t,
                mesh: Arc::new(mesh),
            });
        }
        let Some(cache) = &self.ring_render else {
            return;
        };
        let shift = Vec2::new(
            (t.offset_x - cache.transform.offset_x) as f32,
            (t.offset_y - cache.transform.offset_y) as f32,
        );
        if shift == Vec2::ZERO {
            painter.add(Shape::Mesh(cache.mesh.clone()));
        } else {
            let mut moved = Mesh::clone(&cache.mesh);
            moved.translate(shift);
            painter.add(Shape::mesh(moved));
        }
    }

    /// Paints the basemap, from the screen-space cache when possible.
    pub fn paint_basemap(
        &mut self,
        painter: &egui::Painter,
        basemap: &Arc<BasemapCache>,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        dark: bool,
    ) {
        let key = (
            Arc::as_ptr(basemap) as usize,
            t.scale.to_bits(),
            dark,
            rect.width() as u32,
            rect.height() as u32,
        );
        let reusable = self.render.as_ref().is_some_and(|c| {
            let shift = Vec2::new(
                (t.offset_x - c.transform.offset_x) as f32,
                (t.offset_y - c.transform.offset_y) as f32,
            );
            c.key == key && c.region.contains_rect(rect.translate(-shift))
        });
        if !reusable {
            self.render = Some(build_render_cache(
                key,
                basemap,
                t,
                rect,
                style,
                painter.pixels_per_point(),
            ));
        }
        let Some(cache) = &self.render else { return };
        let shift = Vec2::new(
            (t.offset_x - cache.transform.offset_x) as f32,
            (t.offset_y - cache.transform.offset_y) as f32,
        );
        for mesh in [&cache.ocean, &cache.land, &cache.lines] {
            if shift == Vec2::ZERO {
                painter.add(Shape::Mesh(mesh.clone()));
            } else {
                let mut moved = Mesh::clone(mesh);
                moved.translate(shift);
                painter.add(Shape::mesh(moved));
            }
        }
    }
}

fn build_render_cache(
    key: (usize, u64, bool, u32, u32),
    basemap: &BasemapCache,
    t: &ViewTransform,
    rect: Rect,
    style: &Style,
    pixels_per_point: f32,
) -> RenderCache {
    // Keep what lies within one viewport of the view in every direction.
    let region = rect.expand2(rect.size());
    let ocean = basemap.sphere.mesh(t, color32(style.ocean), region);
    let land = basemap.land.mesh(t, color32(style.land), region);
    let mut tessellator = Tessellator::new(
        pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        vec![],
    );
    let mut lines = Mesh::default();
    let tolerance = 0.6 / t.scale;
    let layer = &basemap.layer;
    for (set, color, width) in [
        (&layer.graticule, style.graticule, 0.7),
        (&layer.borders, style.border, 0.7),
        (&layer.coastlines, style.coast, 0.9),
    ] {
        let stroke = Stroke::new(width, color32(color));
        for line in set {
            for piece in visible_pieces(&simplify_line(line, tolerance), t, region) {
                tessellator.tessellate_path(&PathShape::line(piece, stroke), &mut lines);
            }
        }
    }
    RenderCache {
        key,
        transform: *t,
        region,
        ocean: Arc::new(ocean),
        land: Arc::new(land),
        lines: Arc::new(lines),
    }
}

fn build_ring_mesh(
    rings: &[Arc<RingCache>],
    t: &ViewTransform,
    rect: Rect,
    style: &Style,
    highlight: Option<(usize, usize)>,
    pixels_per_point: f32,
) -> Mesh {
    // Half a viewport of margin, so a short pan needs no rebuild.
    let region = rect.expand2(rect.size() * 0.5);
    let mut mesh = Mesh::default();
    let alpha = (style.ring_fill_opacity * 255.0) as u8;
    for ring in rings {
        let c = ring.ring.color.0;
        mesh.append(ring.fill.mesh(
            t,
            Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha),
            region,
        ));
        if !ring.band.indices.is_empty() {
            let band = Color32::from_rgba_unmultiplied(c[0], c[1], c[2], alpha.saturating_mul(2));
            mesh.append(ring.band.mesh(t, band, region));
        }
    }
    let mut tessellator = Tessellator::new(
        pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        vec![],
    );
    for ring in rings {
        let color = color32(ring.ring.color);
        let lit = highlight == Some((ring.ring.site, ring.ring.missile));
        let stroke = Stroke::new(if lit { 4.0 } else { 2.0 }, color);
        let thin = Stroke::new(0.8, color.gamma_multiply(0.7));
        for (lines, stroke) in [(&ring.ring.outline, stroke), (&ring.ring.band_edges, thin)] {
            for line in lines {
                for piece in visible_pieces(line, t, region) {
                    tessellator.tessellate_path(&PathShape::line(piece, stroke), &mut mesh);
                }
            }
        }
        for line in &ring.ring.rotating_outline {
            for piece in visible_pieces(line, t, region) {
                for dash in Shape::dashed_line(&piece, Stroke::new(1.6, color), 8.0, 5.0) {
                    tessellator.tessellate_shape(dash, &mut mesh);
                }
            }
        }
    }
    mesh
}

/// The parts of a map-unit polyline inside `region`, in pixels.
pub fn visible_pieces(line: &LineString<f64>, t: &ViewTransform, region: Rect) -> Vec<Vec<Pos2>> {
    let mut pieces = Vec::new();
    let mut piece: Vec<Pos2> = Vec::new();
    let mut previous_inside = false;
    let mut previous: Option<Pos2> = None;
    for c in line.coords() {
        let (x, y) = t.to_px(*c);
        let p = Pos2::new(x as f32, y as f32);
        let inside = region.contains(p);
        if inside || previous_inside {
            if piece.is_empty()
                && let Some(prev) = previous
            {
                piece.push(prev);
            }
            piece.push(p);
        } else if piece.len() >= 2 {
            pieces.push(std::mem::take(&mut piece));
        } else {
            piece.clear();
        }
        previous_inside = inside;
        previous = Some(p);
    }
    if piece.len() >= 2 {
        pieces.push(piece);
    }
    pieces
}

/// Pixel positions to map units, for egui's positions.
pub trait ToMapPos {
    /// The map point under a pixel position; `None` for non-finite input.
    fn to_map_pos(&self, p: Pos2) -> Option<MapCoord>;
}

impl ToMapPos for ViewTransform {
    fn to_map_pos(&self, p: Pos2) -> Option<MapCoord> {
        let q = self.to_map(f64::from(p.x), f64::from(p.y));
        (q.x.is_finite() && q.y.is_finite()).then_some(q)
    }
}

/// The map rectangle a view shows, in map units.
pub fn shown_extent(t: &ViewTransform, rect: Rect) -> MapRect {
    let a = t.to_map(f64::from(rect.left()), f64::from(rect.bottom()));
    let b = t.to_map(f64::from(rect.right()), f64::from(rect.top()));
    MapRect { min: a, max: b }
}

/// The rings that contain a point, decided by geodesic distance (never by the drawn polygon).
pub fn rings_containing(scenario: &Scenario, specs: &[RingSpec], point: LatLon) -> Vec<RingSpec> {
    specs
        .iter()
        .copied()
        .filter(|s| {
            let site = &scenario.sites[s.site];
            let range_m = scenario.missiles[s.missile].range_km * M_PER_KM;
            match site.area_corners() {
                Some(corners) => crate::geodesy::distance_to_area(&corners, point).0 <= range_m,
                None => distance_m(LatLon::lat_lon(site.lat, site.lon), point) <= range_m,
            }
        })
        .collect()
}
