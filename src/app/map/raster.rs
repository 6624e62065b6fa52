//! The map's area layers as one image: rendered with tiny-skia on a worker thread for a region
//! round the view, uploaded as a texture, and moved while the map is panned. A software GL
//! renderer then blends one image instead of a dozen translucent full-screen meshes. Until the
//! image for the current view is ready (the first frame, a zoom, a drag that changes the scene)
//! the painter draws the meshes as before.

use crate::export::raster::paint_map_layers;
use crate::scene::{Scene, Style, ViewTransform};
use eframe::egui::{self, Rect, TextureHandle, TextureId, Vec2};
use resvg::tiny_skia::Pixmap;
use std::hash::{Hash, Hasher};
use std::sync::mpsc::{Receiver, channel};

/// Margin rendered round the view, as a share of its size on each side: a pan of up to this
/// much needs no new image.
const MARGIN: f32 = 0.35;

/// What an image depends on: the layers (by address: the scene builder keeps unchanged layers),
/// the style, the scale and the view's size in pixels.
pub fn raster_key(scene: &Scene, style: &Style, t: &ViewTransform, rect: Rect, ppp: f32) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (std::sync::Arc::as_ptr(&scene.basemap) as usize).hash(&mut h);
    for ring in &scene.rings {
        (std::sync::Arc::as_ptr(ring) as usize).hash(&mut h);
    }
    for area in &scene.target_areas {
        (std::sync::Arc::as_ptr(area) as usize).hash(&mut h);
    }
    format!("{style:?}").hash(&mut h);
    (
        t.scale.to_bits(),
        rect.width().to_bits(),
        rect.height().to_bits(),
    )
        .hash(&mut h);
    ppp.to_bits().hash(&mut h);
    h.finish()
}

/// The layers an image was drawn from, held so that their addresses, which the key is made
/// of, cannot be reused by new layers while the image is kept.
struct Held {
    _basemap: std::sync::Arc<crate::scene::BasemapLayer>,
    _rings: Vec<std::sync::Arc<crate::scene::SceneRing>>,
    _areas: Vec<std::sync::Arc<crate::scene::SceneArea>>,
}

impl Held {
    fn of(scene: &Scene) -> Self {
        Self {
            _basemap: scene.basemap.clone(),
            _rings: scene.rings.clone(),
            _areas: scene.target_areas.clone(),
        }
    }
}

/// An image on screen.
struct Ready {
    _held: Held,
    key: u64,
    transform: ViewTransform,
    region: Rect,
    texture: TextureHandle,
}

/// An image being rendered.
struct Job {
    held: Held,
    key: u64,
    transform: ViewTransform,
    region: Rect,
    result: Receiver<egui::ColorImage>,
}

/// The image of the map's area layers, and the one being rendered.
#[derive(Default)]
pub struct MapRaster {
    ready: Option<Ready>,
    job: Option<Job>,
    /// The key of an image the worker could not make (no memory for it): not tried again.
    failed: Option<u64>,
}

/// How far the view moved since `then`, pixels.
fn shift(then: &ViewTransform, now: &ViewTransform) -> Vec2 {
    Vec2::new(
        (now.offset_x - then.offset_x) as f32,
        (now.offset_y - then.offset_y) as f32,
    )
}

impl MapRaster {
    /// Takes in a finished image.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(job) = self.job.take() else {
            return;
        };
        let image = match job.result.try_recv() {
            Ok(image) => image,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                self.job = Some(job);
                return;
            }
            // The worker could not make an image (no memory for it): the meshes stay.
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.failed = Some(job.key);
                return;
            }
        };
        let texture = match self.ready.take() {
            Some(mut ready) => {
                ready.texture.set(image, egui::TextureOptions::NEAREST);
                ready.texture
            }
            None => ctx.load_texture("map layers", image, egui::TextureOptions::NEAREST),
        };
        self.ready = Some(Ready {
            _held: job.held,
            key: job.key,
            transform: job.transform,
            region: job.region,
            texture,
        });
    }

    /// The image for `key` at `t` and where to draw it, and whether it covers all of `rect`
    /// (a pan may have moved part of the view off it: the rest shows the background until the
    /// next image arrives, tens of milliseconds later).
    pub fn image(
        &self,
        key: u64,
        t: &ViewTransform,
        rect: Rect,
    ) -> Option<(TextureId, Rect, bool)> {
        let ready = self.ready.as_ref().filter(|r| r.key == key)?;
        let moved = ready.region.translate(shift(&ready.transform, t));
        // On whole pixels, so that every screen pixel is one image pixel (sampled nearest).
        let ppp = ready.texture.size()[0] as f32 / ready.region.width();
        let snap = |v: f32| (v * ppp).round() / ppp;
        let placed = Rect::from_min_size(
            egui::pos2(snap(moved.left()), snap(moved.top())),
            moved.size(),
        );
        Some((ready.texture.id(), placed, placed.contains_rect(rect)))
    }

    /// Whether an image is being rendered.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Starts rendering the image for this view, unless one is being rendered already.
    pub fn start(
        &mut self,
        scene: &Scene,
        key: u64,
        t: &ViewTransform,
        rect: Rect,
        style: &Style,
        ppp: f32,
    ) {
        if self.job.is_some() || self.failed == Some(key) {
            return;
        }
        let region = rect.expand2(rect.size() * MARGIN);
        let (width, height) = (
            (region.width() * ppp).round().max(1.0) as u32,
            (region.height() * ppp).round().max(1.0) as u32,
        );
        let local = ViewTransform {
            scale: t.scale * f64::from(ppp),
            offset_x: (t.offset_x - f64::from(region.left())) * f64::from(ppp),
            offset_y: (t.offset_y - f64::from(region.top())) * f64::from(ppp),
        };
        let (tx, rx) = channel();
        let scene_for_hold = scene;
        let (scene, style) = (scene.clone(), *style);
        crate::threads::spawn(move || {
            let Some(mut pixmap) = Pixmap::new(width, height) else {
                return;
            };
            let started = web_time::Instant::now();
            paint_map_layers(&mut pixmap, &scene, &local, &style, ppp);
            if std::env::var_os("RANGE_RINGS_TIMING").is_some() {
                eprintln!(
                    "range-rings: map image {width}x{height} rendered in {:.0} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
            let image = egui::ColorImage::from_rgba_premultiplied(
                [width as usize, height as usize],
                pixmap.data(),
            );
            let _ = tx.send(image);
        });
        self.job = Some(Job {
            held: Held::of(scene_for_hold),
            key,
            transform: *t,
            region,
            result: rx,
        });
    }
}
