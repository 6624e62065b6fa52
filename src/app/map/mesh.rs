//! Meshes for the map painter: polygons triangulated once (egui fills only convex shapes), and
//! tessellated screen meshes kept for a view and only translated while the user pans.
//!
//! What costs is tessellating the basemap (tens of thousands of anti-aliased line vertices). It
//! depends only on the projected layer, the zoom, the widget size and the theme, so it is
//! tessellated once per zoom level, culled to a margin around the viewport, and translated while
//! panning. Ring fills and outlines are tessellated once per view the same way; rings
//! themselves come cached from the scene builder, so their triangles are kept per ring.

use super::color32;
use crate::projection::MapPoint;
use crate::scene::{BasemapLayer, SceneArea, SceneRing, Style, ViewTransform, simplify_line};
use eframe::egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, Vec2};
use eframe::epaint::{PathShape, TessellationOptions, Tessellator};
use geo::{LineString, MultiPolygon, TriangulateEarcut};
use std::collections::HashMap;
use std::sync::Arc;

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
                let (x, y) = t.to_px(MapPoint { x: v[0], y: v[1] });
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

/// Triangles of a ring's fill.
struct RingTriangles {
    /// The ring, held so its address (the key) cannot be reused.
    _ring: Arc<SceneRing>,
    fill: Triangles,
}

/// Triangles of a target area.
struct AreaTriangles {
    /// The area, held so its address (the key) cannot be reused.
    _area: Arc<SceneArea>,
    fill: Triangles,
}

/// Triangles of a basemap layer's land and ocean.
struct BasemapTriangles {
    /// The layer, held so its address (the key) cannot be reused.
    layer: Arc<BasemapLayer>,
    land: Triangles,
    sphere: Triangles,
}

/// What a basemap rendering depends on: the layer (by address), the scale, the theme (its
/// colours and tint strength) and the widget size.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BasemapRenderKey {
    layer: usize,
    scale: u64,
    colours: [[u8; 4]; 2],
    veil: u64,
    size: (u32, u32),
}

/// Basemap meshes tessellated in screen space for one zoom level and a region around the
/// viewport; translated while panning, rebuilt when zooming or panning out of the region.
struct BasemapRender {
    key: BasemapRenderKey,
    transform: ViewTransform,
    region: Rect,
    /// Ocean and land; the same again at the veil's opacity; graticule, borders and coasts.
    base: [Arc<Mesh>; 2],
    veil: [Arc<Mesh>; 2],
    lines: Arc<Mesh>,
}

/// The basemap for one frame, in the order the painter lays it.
pub struct BasemapShapes {
    /// Ocean and land.
    pub base: Vec<Shape>,
    /// Ocean and land again, laid over the opaque ring tints.
    pub veil: Vec<Shape>,
    /// Graticule, borders and coasts.
    pub lines: Shape,
}

/// What a ring rendering depends on: the rings (by address), the scale, the widget size, the
/// highlighted ring and whether rings are tinted.
#[derive(Debug, Clone, PartialEq)]
struct RingRenderKey {
    rings: Vec<usize>,
    scale: u64,
    size: (u32, u32),
    highlight: Option<usize>,
    tints: bool,
}

/// Ring tints and strokes tessellated for one view; reused while nothing changes and only
/// translated while panning.
struct RingRender {
    key: RingRenderKey,
    transform: ViewTransform,
    tints: Arc<Mesh>,
    strokes: Arc<Mesh>,
}

/// The rings for one frame.
pub struct RingShapes {
    /// Opaque tints, largest ring first (under the veil).
    pub tints: Shape,
    /// Band hatching and edges, outlines, rotation-aware reach.
    pub strokes: Shape,
}

/// The painter's meshes, kept between frames.
#[derive(Default)]
pub struct MeshCache {
    basemaps: Vec<BasemapTriangles>,
    rings: HashMap<usize, RingTriangles>,
    areas: HashMap<usize, AreaTriangles>,
    basemap_render: Option<BasemapRender>,
    ring_render: Option<RingRender>,
    /// The last placement of markers and labels, by a hash of what it depends on: placing
    /// ring labels costs more than the rest of a frame, and most frames change nothing.
    pub(super) overlay: Option<(u64, crate::scene::Overlay)>,
}

/// A mesh moved by `shift` pixels (shared, not copied, when there is nothing to move).
fn shifted(mesh: &Arc<Mesh>, shift: Vec2) -> Shape {
    if shift == Vec2::ZERO {
        Shape::Mesh(mesh.clone())
    } else {
        let mut moved = Mesh::clone(mesh);
        moved.translate(shift);
        Shape::mesh(moved)
    }
}

/// How far the view moved since a mesh was tessellated, pixels.
fn shift_since(then: &ViewTransform, now: &ViewTransform) -> Vec2 {
    Vec2::new(
        (now.offset_x - then.offset_x) as f32,
        (now.offset_y - then.offset_y) as f32,
    )
}

/// What land adds over the veiled sea to look like veiled land: `(land - sea) * veil`, as an
/// additive colour (premultiplied, alpha 0). Channels where land is darker than the sea add
/// nothing.
fn land_lift(style: &Style, veil: f64) -> Color32 {
    let [lr, lg, lb, _] = style.land.0;
    let [or, og, ob, _] = style.ocean.0;
    let up = |l: u8, o: u8| (f64::from(l.saturating_sub(o)) * veil).round() as u8;
    Color32::from_rgba_premultiplied(up(lr, or), up(lg, og), up(lb, ob), 0)
}

/// `c` with its alpha scaled by `k`.
fn with_alpha(c: crate::color::Rgba, k: f64) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, (f64::from(a) * k).round() as u8)
}

impl MeshCache {
    /// The triangles of a basemap layer, triangulating it on first use. Only the layers of the
    /// last two projections or levels are kept.
    fn basemap_triangles(&mut self, layer: &Arc<BasemapLayer>) -> &BasemapTriangles {
        let position = self
            .basemaps
            .iter()
            .position(|b| Arc::ptr_eq(&b.layer, layer));
        let index = match position {
            Some(i) => i,
            None => {
                if self.basemaps.len() >= 2 {
                    self.basemaps.remove(0);
                }
                self.basemaps.push(BasemapTriangles {
                    layer: layer.clone(),
                    land: Triangles::of(&layer.land),
                    sphere: Triangles::of(&MultiPolygon(vec![layer.sphere.clone()])),
                });
                self.basemaps.len() - 1
            }
        };
        &self.basemaps[index]
    }

    /// Shapes of the basemap for this view, from the screen-space cache when possible.
    pub fn basemap(
        &mut self,
        layer: &Arc<BasemapLayer>,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        pixels_per_point: f32,
    ) -> BasemapShapes {
        let key = BasemapRenderKey {
            layer: Arc::as_ptr(layer) as usize,
            scale: t.scale.to_bits(),
            colours: [style.ocean.0, style.land.0],
            veil: style.veil_opacity().to_bits(),
            size: (rect.width() as u32, rect.height() as u32),
        };
        let reusable = self.basemap_render.as_ref().is_some_and(|c| {
            c.key == key
                && c.region
                    .contains_rect(rect.translate(-shift_since(&c.transform, t)))
        });
        if !reusable {
            // Keep what lies within one viewport of the view in every direction.
            let region = rect.expand2(rect.size());
            let triangles = self.basemap_triangles(layer);
            let veil = style.veil_opacity();
            let ocean = triangles.sphere.mesh(t, color32(style.ocean), region);
            let land = triangles.land.mesh(t, color32(style.land), region);
            // The sea's veil covers the whole sphere, land included; land then adds what it
            // has over the sea (an additive colour: alpha 0), which gives land its own veiled
            // colour. Needs land at least as light as the sea in every channel, as in both
            // themes (a unit test checks).
            let mut ocean_veil = ocean.clone();
            let c = with_alpha(style.ocean, veil);
            ocean_veil.vertices.iter_mut().for_each(|v| v.color = c);
            let mut land_veil = land.clone();
            let lift = land_lift(style, veil);
            land_veil.vertices.iter_mut().for_each(|v| v.color = lift);
            let lines = basemap_lines(layer, t, region, style, pixels_per_point);
            self.basemap_render = Some(BasemapRender {
                key,
                transform: *t,
                region,
                base: [Arc::new(ocean), Arc::new(land)],
                veil: [Arc::new(ocean_veil), Arc::new(land_veil)],
                lines: Arc::new(lines),
            });
        }
        match &self.basemap_render {
            Some(cache) => {
                let shift = shift_since(&cache.transform, t);
                BasemapShapes {
                    base: cache.base.iter().map(|m| shifted(m, shift)).collect(),
                    veil: cache.veil.iter().map(|m| shifted(m, shift)).collect(),
                    lines: shifted(&cache.lines, shift),
                }
            }
            None => BasemapShapes {
                base: Vec::new(),
                veil: Vec::new(),
                lines: Shape::Noop,
            },
        }
    }

    /// Shapes of the ring tints and strokes (the highlighted ring thicker), tessellated once
    /// for a view and translated while panning.
    pub fn rings(
        &mut self,
        rings: &[Arc<SceneRing>],
        highlight: Option<usize>,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        pixels_per_point: f32,
    ) -> RingShapes {
        let key = RingRenderKey {
            rings: rings.iter().map(|r| Arc::as_ptr(r) as usize).collect(),
            scale: t.scale.to_bits(),
            size: (rect.width() as u32, rect.height() as u32),
            highlight,
            tints: style.tints(),
        };
        let reusable = self.ring_render.as_ref().is_some_and(|r| {
            r.key == key
                && shift_since(&r.transform, t).length() < rect.width().max(rect.height()) * 0.5
        });
        if !reusable {
            // Triangles of rings no longer drawn are forgotten.
            self.rings.retain(|k, _| key.rings.contains(k));
            for ring in rings {
                self.rings
                    .entry(Arc::as_ptr(ring) as usize)
                    .or_insert_with(|| RingTriangles {
                        _ring: ring.clone(),
                        fill: Triangles::of(&ring.fill),
                    });
            }
            // Half a viewport of margin, so a short pan needs no rebuild.
            let region = rect.expand2(rect.size() * 0.5);
            let mut tints = Mesh::default();
            if key.tints {
                for ring in rings {
                    if let Some(triangles) = self.rings.get(&(Arc::as_ptr(ring) as usize)) {
                        tints.append(triangles.fill.mesh(t, color32(ring.color), region));
                    }
                }
            }
            let strokes = ring_strokes(rings, highlight, t, region, pixels_per_point);
            self.ring_render = Some(RingRender {
                key,
                transform: *t,
                tints: Arc::new(tints),
                strokes: Arc::new(strokes),
            });
        }
        match &self.ring_render {
            Some(cache) => {
                let shift = shift_since(&cache.transform, t);
                RingShapes {
                    tints: shifted(&cache.tints, shift),
                    strokes: shifted(&cache.strokes, shift),
                }
            }
            None => RingShapes {
                tints: Shape::Noop,
                strokes: Shape::Noop,
            },
        }
    }

    /// The tinted surface of a target area, triangulated once per area.
    pub fn area(
        &mut self,
        area: &Arc<SceneArea>,
        t: &ViewTransform,
        color: Color32,
        rect: Rect,
    ) -> Shape {
        let key = Arc::as_ptr(area) as usize;
        let triangles = self.areas.entry(key).or_insert_with(|| AreaTriangles {
            _area: area.clone(),
            fill: Triangles::of(&area.fill),
        });
        Shape::mesh(triangles.fill.mesh(t, color, rect))
    }

    /// Forgets target areas no longer drawn.
    pub fn keep_areas(&mut self, areas: &[Arc<SceneArea>]) {
        let live: Vec<usize> = areas.iter().map(|a| Arc::as_ptr(a) as usize).collect();
        self.areas.retain(|k, _| live.contains(k));
    }
}

/// Band hatching and edges, outlines and the rotation-aware reach of every ring.
fn ring_strokes(
    rings: &[Arc<SceneRing>],
    highlight: Option<usize>,
    t: &ViewTransform,
    region: Rect,
    pixels_per_point: f32,
) -> Mesh {
    let mut mesh = Mesh::default();
    let mut tessellator = Tessellator::new(
        pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        vec![],
    );
    let mut lines = |lines: &[LineString<f64>], stroke: Stroke, mesh: &mut Mesh| {
        for line in lines {
            for piece in visible_pieces(line, t, region) {
                tessellator.tessellate_path(&PathShape::line(piece, stroke), mesh);
            }
        }
    };
    for ring in rings {
        let color = color32(ring.color);
        lines(
            &ring.band_hatch,
            Stroke::new(0.7, with_alpha(ring.color, 0.55)),
            &mut mesh,
        );
        lines(&ring.band_edges, Stroke::new(0.6, color), &mut mesh);
    }
    for (i, ring) in rings.iter().enumerate() {
        let color = color32(ring.color);
        let width = if highlight == Some(i) { 4.0 } else { 2.0 };
        lines(&ring.outline, Stroke::new(width, color), &mut mesh);
    }
    let mut tessellator = Tessellator::new(
        pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        vec![],
    );
    for ring in rings {
        for line in &ring.rotating_outline {
            for piece in visible_pieces(line, t, region) {
                let stroke = Stroke::new(1.6, color32(ring.color));
                for dash in Shape::dashed_line(&piece, stroke, 8.0, 5.0) {
                    tessellator.tessellate_shape(dash, &mut mesh);
                }
            }
        }
    }
    mesh
}

/// The graticule, borders and coasts of a layer tessellated for one view.
fn basemap_lines(
    layer: &BasemapLayer,
    t: &ViewTransform,
    region: Rect,
    style: &Style,
    pixels_per_point: f32,
) -> Mesh {
    let mut tessellator = Tessellator::new(
        pixels_per_point,
        TessellationOptions::default(),
        [1, 1],
        vec![],
    );
    let mut lines = Mesh::default();
    let tolerance = 0.6 / t.scale;
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
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn land_is_no_darker_than_the_sea_in_either_theme() {
        // What the additive land veil relies on.
        for style in [Style::LIGHT, Style::DARK] {
            for c in 0..3 {
                assert!(style.land.0[c] >= style.ocean.0[c], "{style:?}");
            }
        }
    }
}
