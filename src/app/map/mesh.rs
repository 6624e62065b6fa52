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
use crate::scene::{BasemapLayer, SceneRing, Style, ViewTransform, simplify_line};
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

/// Triangles of a ring's fill and band.
struct RingTriangles {
    /// The ring, held so its address (the key) cannot be reused.
    _ring: Arc<SceneRing>,
    fill: Triangles,
    band: Triangles,
}

/// Triangles of a basemap layer's land and ocean.
struct BasemapTriangles {
    /// The layer, held so its address (the key) cannot be reused.
    layer: Arc<BasemapLayer>,
    land: Triangles,
    sphere: Triangles,
}

/// What a basemap rendering depends on: the layer (by address), the scale, the theme and the
/// widget size.
#[derive(Debug, Clone, Copy, PartialEq)]
struct BasemapRenderKey {
    layer: usize,
    scale: u64,
    ocean: [u8; 4],
    size: (u32, u32),
}

/// Basemap meshes tessellated in screen space for one zoom level and a region around the
/// viewport; translated while panning, rebuilt when zooming or panning out of the region.
struct BasemapRender {
    key: BasemapRenderKey,
    transform: ViewTransform,
    region: Rect,
    meshes: [Arc<Mesh>; 3],
}

/// What a ring rendering depends on: the rings (by address), the scale, the widget size, the
/// highlighted ring and the theme.
#[derive(Debug, Clone, PartialEq)]
struct RingRenderKey {
    rings: Vec<usize>,
    scale: u64,
    size: (u32, u32),
    highlight: Option<usize>,
    fill_opacity: u64,
}

/// Ring fills and outlines tessellated for one view; reused while nothing changes and only
/// translated while panning.
struct RingRender {
    key: RingRenderKey,
    transform: ViewTransform,
    mesh: Arc<Mesh>,
}

/// The painter's meshes, kept between frames.
#[derive(Default)]
pub struct MeshCache {
    basemaps: Vec<BasemapTriangles>,
    rings: HashMap<usize, RingTriangles>,
    basemap_render: Option<BasemapRender>,
    ring_render: Option<RingRender>,
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
    ) -> Vec<Shape> {
        let key = BasemapRenderKey {
            layer: Arc::as_ptr(layer) as usize,
            scale: t.scale.to_bits(),
            ocean: style.ocean.0,
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
            let ocean = triangles.sphere.mesh(t, color32(style.ocean), region);
            let land = triangles.land.mesh(t, color32(style.land), region);
            let lines = basemap_lines(layer, t, region, style, pixels_per_point);
            self.basemap_render = Some(BasemapRender {
                key,
                transform: *t,
                region,
                meshes: [Arc::new(ocean), Arc::new(land), Arc::new(lines)],
            });
        }
        let Some(cache) = &self.basemap_render else {
            return Vec::new();
        };
        let shift = shift_since(&cache.transform, t);
        cache.meshes.iter().map(|m| shifted(m, shift)).collect()
    }

    /// Shapes of the ring fills, bands and outlines (the highlighted ring thicker),
    /// tessellated once for a view and translated while panning.
    pub fn rings(
        &mut self,
        rings: &[Arc<SceneRing>],
        highlight: Option<usize>,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        pixels_per_point: f32,
    ) -> Shape {
        let key = RingRenderKey {
            rings: rings.iter().map(|r| Arc::as_ptr(r) as usize).collect(),
            scale: t.scale.to_bits(),
            size: (rect.width() as u32, rect.height() as u32),
            highlight,
            fill_opacity: style.ring_fill_opacity.to_bits(),
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
                        band: Triangles::of(&ring.band),
                    });
            }
            let mesh = self.ring_mesh(rings, highlight, t, rect, style, pixels_per_point);
            self.ring_render = Some(RingRender {
                key,
                transform: *t,
                mesh: Arc::new(mesh),
            });
        }
        match &self.ring_render {
            Some(cache) => shifted(&cache.mesh, shift_since(&cache.transform, t)),
            None => Shape::Noop,
        }
    }

    fn ring_mesh(
        &self,
        rings: &[Arc<SceneRing>],
        highlight: Option<usize>,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        pixels_per_point: f32,
    ) -> Mesh {
        // Half a viewport of margin, so a short pan needs no rebuild.
        let region = rect.expand2(rect.size() * 0.5);
        let mut mesh = Mesh::default();
        let alpha = (style.ring_fill_opacity * 255.0).round() as u8;
        // Fills first (all rings), then bands over them, so outlines always stay on top.
        for layer in [false, true] {
            for ring in rings {
                let Some(triangles) = self.rings.get(&(Arc::as_ptr(ring) as usize)) else {
                    continue;
                };
                let [r, g, b, _] = ring.color.0;
                let color = Color32::from_rgba_unmultiplied(r, g, b, alpha);
                let area = if layer {
                    &triangles.band
                } else {
                    &triangles.fill
                };
                mesh.append(area.mesh(t, color, region));
            }
        }
        let mut tessellator = Tessellator::new(
            pixels_per_point,
            TessellationOptions::default(),
            [1, 1],
            vec![],
        );
        for (i, ring) in rings.iter().enumerate() {
            let color = color32(ring.color);
            let lit = highlight == Some(i);
            let stroke = Stroke::new(if lit { 4.0 } else { 2.0 }, color);
            let thin = Stroke::new(0.8, color.gamma_multiply(0.7));
            for (lines, stroke) in [(&ring.outline, stroke), (&ring.band_edges, thin)] {
                for line in lines {
                    for piece in visible_pieces(line, t, region) {
                        tessellator.tessellate_path(&PathShape::line(piece, stroke), &mut mesh);
                    }
                }
            }
            for line in &ring.rotating_outline {
                for piece in visible_pieces(line, t, region) {
                    for dash in Shape::dashed_line(&piece, Stroke::new(1.6, color), 8.0, 5.0) {
                        tessellator.tessellate_shape(dash, &mut mesh);
                    }
                }
            }
        }
        mesh
    }
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
