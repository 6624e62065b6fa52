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

/// Share of the margin left on a side when the next image is started, so that it is in
/// before a pan runs off the image: rendering the 2601x1377 image of a 1920x1080 window took
/// 64-155 ms while the map moved, and taking it in four frames more.
const RESERVE: f32 = 0.4;

/// What an image depends on: the layers (by address: the scene builder keeps unchanged layers),
/// the style, the scale and the view's size in pixels.
fn raster_key(scene: &Scene, style: &Style, t: &ViewTransform, rect: Rect, ppp: f32) -> u64 {
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

/// What an image shows: the view it was made for and the region round it.
struct Placement {
    _held: Held,
    key: u64,
    transform: ViewTransform,
    /// Screen points.
    region: Rect,
    /// The frame that made the first view's image, which has no margin round the view;
    /// `None` for an image with the margin.
    first_view_frame: Option<u64>,
}

/// An image on screen.
struct Ready {
    placement: Placement,
    texture: TextureHandle,
}

/// The image of the window's first view (no margin) and where it belongs: made on a worker
/// while the window opens ([`RasterView::early_image`]), or in the first frame.
pub struct EarlyImage {
    placement: Placement,
    image: egui::ColorImage,
}

/// An image being copied into the spare texture, a part a frame.
struct Upload {
    placement: Placement,
    image: egui::ColorImage,
    texture: TextureHandle,
    /// Rows copied so far.
    rows_done: usize,
}

/// Parts a new image is copied to the GL texture in, one a frame, into the texture not on
/// screen: copied whole, a 2601x1377 image made its frame take 35-50 ms under llvmpipe.
const UPLOAD_PARTS: usize = 4;

/// An image being rendered.
struct Job {
    placement: Placement,
    result: Receiver<egui::ColorImage>,
}

/// The view an image is made for, and its key.
pub struct RasterView<'a> {
    scene: &'a Scene,
    /// What an image of this view depends on, hashed ([`raster_key`]).
    key: u64,
    transform: ViewTransform,
    /// The map's rectangle, screen points.
    rect: Rect,
    style: Style,
    /// Pixels per point.
    ppp: f32,
    /// The largest texture side the renderer takes, pixels.
    max_side: usize,
}

impl<'a> RasterView<'a> {
    /// The view of `scene` at `transform` in `rect` (screen points), `ppp` pixels per point,
    /// for a renderer whose textures are at most `max_side` pixels a side.
    pub fn new(
        scene: &'a Scene,
        transform: ViewTransform,
        rect: Rect,
        style: Style,
        ppp: f32,
        max_side: usize,
    ) -> Self {
        Self {
            key: raster_key(scene, &style, &transform, rect, ppp),
            scene,
            transform,
            rect,
            style,
            ppp,
            max_side,
        }
    }

    /// Whether an image of `region` (screen points) is within the largest texture.
    fn fits(&self, region: Rect) -> bool {
        let (width, height) = pixel_size(region, self.ppp);
        width.max(height) as usize <= self.max_side
    }

    /// The least margin an image has round the view, points: a point, or a pixel where a
    /// pixel is larger, so that the image still covers the view once placed on whole pixels
    /// (an image that did not would be asked for again and again).
    fn least_margin(&self) -> f32 {
        1.0_f32.max(1.0 / self.ppp)
    }

    /// The region an image with a margin covers: the view and up to [`MARGIN`] of it round
    /// each side, less where the image would be larger than the largest texture; `None`
    /// when not even [`Self::least_margin`] fits.
    fn margin_region(&self) -> Option<Rect> {
        // A pixel kept free for the rounding of the image's size to whole pixels.
        let room = |size: f32| ((self.max_side as f32 - 1.0) / self.ppp - size) / 2.0;
        let size = self.rect.size();
        let margin = Vec2::new(
            (size.x * MARGIN).min(room(size.x)),
            (size.y * MARGIN).min(room(size.y)),
        )
        .max(Vec2::splat(self.least_margin()));
        Some(self.rect.expand2(margin)).filter(|region| self.fits(*region))
    }

    /// The image of this view itself (no margin) and where it belongs, painted in `bands`
    /// bands at once, for the frame `first_view_frame`; `None` when it is larger than the
    /// largest texture or there is no memory for it.
    fn first_view_image(&self, bands: u32, first_view_frame: u64) -> Option<EarlyImage> {
        let region = Some(self.rect.expand(self.least_margin())).filter(|r| self.fits(*r))?;
        let image = render(
            self.scene,
            &self.transform,
            region,
            &self.style,
            self.ppp,
            bands,
            None,
        )?;
        Some(EarlyImage {
            placement: self.placement(region, Some(first_view_frame)),
            image,
        })
    }

    /// The image of this view made ahead of the window's first frame, in one band (the
    /// window's thread has the other core meanwhile); not in the browser.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn early_image(&self) -> Option<EarlyImage> {
        self.first_view_image(1, 0)
    }

    /// Where an image of `region` round this view belongs.
    fn placement(&self, region: Rect, first_view_frame: Option<u64>) -> Placement {
        Placement {
            _held: Held::of(self.scene),
            key: self.key,
            transform: self.transform,
            region,
            first_view_frame,
        }
    }
}

/// The image of the map's area layers, and the one being rendered.
#[derive(Default)]
pub struct MapRaster {
    ready: Option<Ready>,
    /// A texture of the size of the image on screen, not on screen: the next image of that
    /// size is copied into it a part a frame, then the two change places.
    spare: Option<TextureHandle>,
    upload: Option<Upload>,
    job: Option<Job>,
    /// The key of a view no image could be made of (larger than the largest texture, or no
    /// memory for it): not tried again, and the meshes drawn.
    failed: Option<u64>,
    /// The pixels of the last image taken in, for the next image of its size to be painted
    /// into: 14 MB at 1920x1080 that the worker need not allocate and clear (it took 17-20 ms
    /// of the worker's wall time beside a pan), nor the window free.
    recycled: Option<Vec<egui::Color32>>,
    /// Whether the first view's image was made before the window opened.
    shown_early: bool,
}

/// How far the view moved since `then`, pixels.
fn shift(then: &ViewTransform, now: &ViewTransform) -> Vec2 {
    Vec2::new(
        (now.offset_x - then.offset_x) as f32,
        (now.offset_y - then.offset_y) as f32,
    )
}

impl MapRaster {
    /// Copies the next part of an image being taken in, or takes in a finished image; when
    /// neither is going on, makes the spare texture for the image on screen.
    pub fn poll(&mut self, ctx: &egui::Context) {
        if self.upload.is_some() {
            self.continue_upload();
            return;
        }
        let Some(job) = self.job.take() else {
            self.make_spare(ctx);
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
                self.failed = Some(job.placement.key);
                return;
            }
        };
        match self.spare.take().filter(|spare| spare.size() == image.size) {
            Some(texture) => {
                self.upload = Some(Upload {
                    placement: job.placement,
                    image,
                    texture,
                    rows_done: 0,
                });
                self.continue_upload();
            }
            None => self.show(ctx, job.placement, image),
        }
    }

    /// Copies the next part of the image being taken in; after the last, puts it on screen
    /// and keeps the texture it replaces as the spare.
    fn continue_upload(&mut self) {
        let Some(upload) = self.upload.as_mut() else {
            return;
        };
        let [width, height] = upload.image.size;
        let from = upload.rows_done;
        let to = (from + height.div_ceil(UPLOAD_PARTS)).min(height);
        let part = egui::ColorImage::new(
            [width, to - from],
            upload.image.pixels[from * width..to * width].to_vec(),
        );
        upload
            .texture
            .set_partial([0, from], part, egui::TextureOptions::NEAREST);
        upload.rows_done = to;
        if to < height {
            return;
        }
        if let Some(done) = self.upload.take() {
            self.recycled = Some(done.image.pixels);
            self.spare = self.ready.take().map(|ready| ready.texture);
            self.ready = Some(Ready {
                placement: done.placement,
                texture: done.texture,
            });
        }
    }

    /// Whether the image on screen has a margin and no spare texture of its size (the first
    /// view's image is replaced once, by one of another size: it needs none).
    fn lacks_spare(&self) -> bool {
        self.ready.as_ref().is_some_and(|ready| {
            let size = ready.texture.size();
            ready.placement.first_view_frame.is_none()
                && self.spare.as_ref().is_none_or(|s| s.size() != size)
        })
    }

    /// Makes the spare texture for the image on screen if it lacks one.
    fn make_spare(&mut self, ctx: &egui::Context) {
        if let Some(ready) = self.ready.as_ref().filter(|_| self.lacks_spare()) {
            let blank = egui::ColorImage::filled(ready.texture.size(), egui::Color32::TRANSPARENT);
            self.spare =
                Some(ctx.load_texture("map layers (next)", blank, egui::TextureOptions::NEAREST));
        }
    }

    /// Puts `image` on screen at once, in the texture of the last image if there is one.
    fn show(&mut self, ctx: &egui::Context, placement: Placement, image: egui::ColorImage) {
        let texture = match self.ready.take() {
            Some(mut ready) => {
                ready.texture.set(image, egui::TextureOptions::NEAREST);
                ready.texture
            }
            None => ctx.load_texture("map layers", image, egui::TextureOptions::NEAREST),
        };
        self.ready = Some(Ready { placement, texture });
    }

    /// The image for `view` and where to draw it, and whether it covers all of the view (a
    /// pan may have moved part of the view off it: the rest shows the background until the
    /// next image arrives, tens of milliseconds later).
    pub fn image(&self, view: &RasterView) -> Option<(TextureId, Rect, bool)> {
        let ready = self
            .ready
            .as_ref()
            .filter(|r| r.placement.key == view.key)?;
        let at = &ready.placement;
        let moved = at.region.translate(shift(&at.transform, &view.transform));
        // On whole pixels, so that every screen pixel is one image pixel (sampled nearest).
        let ppp = ready.texture.size()[0] as f32 / at.region.width();
        let snap = |v: f32| (v * ppp).round() / ppp;
        let placed = Rect::from_min_size(
            egui::pos2(snap(moved.left()), snap(moved.top())),
            moved.size(),
        );
        Some((ready.texture.id(), placed, placed.contains_rect(view.rect)))
    }

    /// Whether the view has been panned through most of the image's margin on some side:
    /// the next image is started then, so that it is in before the view runs off this one.
    pub fn running_out(&self, view: &RasterView) -> bool {
        self.ready
            .as_ref()
            .filter(|r| r.placement.key == view.key)
            .is_some_and(|ready| {
                let at = &ready.placement;
                let margin = (at.region.size() - view.rect.size()) / 2.0;
                let kept = at
                    .region
                    .translate(shift(&at.transform, &view.transform))
                    .shrink2(margin * RESERVE);
                !kept.contains_rect(view.rect)
            })
    }

    /// Whether an image is being rendered.
    pub fn busy(&self) -> bool {
        self.job.is_some()
    }

    /// Whether the next frame has work here at once: the next part of an image to copy, or
    /// the spare texture to make (while the window is still, not in the first frame of a
    /// pan).
    pub fn needs_frame(&self) -> bool {
        self.upload.is_some() || (self.job.is_none() && self.lacks_spare())
    }

    /// Whether nothing has been shown or tried yet: the window's first view. (An image that
    /// could not be made counts as tried, so that it is not asked for again every frame.)
    pub fn never_shown(&self) -> bool {
        self.ready.is_none() && self.job.is_none() && self.upload.is_none() && self.failed.is_none()
    }

    /// Whether the image on screen is for `view` but has no margin for panning, and was made
    /// before `frame` (the first view's frame is left to the GL renderer alone).
    pub fn lacks_margin(&self, view: &RasterView, frame: u64) -> bool {
        self.ready.as_ref().is_some_and(|r| {
            r.placement.key == view.key
                && r.placement
                    .first_view_frame
                    .is_some_and(|made| made < frame)
        })
    }

    /// Renders the image of the view itself (no margin) at once, on all cores, and shows it:
    /// for the window's first frame, which would otherwise draw the area layers as meshes
    /// that a software GL renderer blends one by one (the margin follows on a worker).
    pub fn render_now(&mut self, ctx: &egui::Context, view: &RasterView) {
        if self.failed == Some(view.key) {
            return;
        }
        match view.first_view_image(bands_now(), ctx.cumulative_frame_nr()) {
            Some(made) => self.show(ctx, made.placement, made.image),
            None => self.failed = Some(view.key),
        }
    }

    /// Shows `early` if it was made for `view`, as [`Self::render_now`] would have made it,
    /// and says whether it was. (It is not when the window opened at another size or pixel
    /// density, or the stored settings change the map.)
    pub fn show_early(
        &mut self,
        ctx: &egui::Context,
        early: EarlyImage,
        view: &RasterView,
    ) -> bool {
        let same_view =
            early.placement.key == view.key && early.placement.transform == view.transform;
        if !same_view || !view.fits(early.placement.region) {
            return false;
        }
        let mut placement = early.placement;
        placement.first_view_frame = Some(ctx.cumulative_frame_nr());
        self.show(ctx, placement, early.image);
        self.shown_early = true;
        true
    }

    /// Whether the image on screen was made before the window opened.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn shown_early(&self) -> bool {
        self.shown_early
    }

    /// Starts rendering the image for this view, with a margin round it, on a worker, unless
    /// one is being rendered already. A view larger than the largest texture has no image
    /// (the meshes are drawn).
    pub fn start(&mut self, view: &RasterView) {
        if self.job.is_some() || self.upload.is_some() || self.failed == Some(view.key) {
            return;
        }
        // The image on screen was made with its margin for this very view: a new one would
        // be the same.
        let made_here = self.ready.as_ref().is_some_and(|ready| {
            let at = &ready.placement;
            at.key == view.key && at.transform == view.transform && at.first_view_frame.is_none()
        });
        if made_here {
            return;
        }
        let Some(region) = view.margin_region() else {
            self.failed = Some(view.key);
            return;
        };
        let (tx, rx) = channel();
        let (scene, t, style, ppp) = (view.scene.clone(), view.transform, view.style, view.ppp);
        let (width, height) = pixel_size(region, ppp);
        let reused = self
            .recycled
            .take()
            .filter(|pixels| pixels.len() == width as usize * height as usize);
        crate::threads::spawn(move || {
            crate::threads::lower_priority();
            if let Some(image) = render(&scene, &t, region, &style, ppp, 1, reused) {
                let _ = tx.send(image);
            }
        });
        self.job = Some(Job {
            placement: view.placement(region, None),
            result: rx,
        });
    }
}

/// Bands the first view's image is painted in at once: one per core, up to four (every band
/// goes through every path of the drawing); one in the browser, where threads run one after
/// the other.
fn bands_now() -> u32 {
    std::thread::available_parallelism().map_or(1, |cores| cores.get().min(4) as u32)
}

/// The size in pixels of an image of `region` (screen points) at `ppp` pixels per point.
fn pixel_size(region: Rect, ppp: f32) -> (u32, u32) {
    (
        (region.width() * ppp).round().max(1.0) as u32,
        (region.height() * ppp).round().max(1.0) as u32,
    )
}

/// The area layers of `scene` at `t` over `region` (screen points), at `ppp` pixels per
/// point, painted in `bands` bands at once, into `reused` pixels if they are of its size (the
/// painting covers every pixel, the background first); `None` when there is no memory for
/// the image.
fn render(
    scene: &Scene,
    t: &ViewTransform,
    region: Rect,
    style: &Style,
    ppp: f32,
    bands: u32,
    reused: Option<Vec<egui::Color32>>,
) -> Option<egui::ColorImage> {
    let (width, height) = pixel_size(region, ppp);
    let local = ViewTransform {
        scale: t.scale * f64::from(ppp),
        offset_x: (t.offset_x - f64::from(region.left())) * f64::from(ppp),
        offset_y: (t.offset_y - f64::from(region.top())) * f64::from(ppp),
    };
    let reused = reused
        .and_then(|pixels| bytemuck::allocation::try_cast_vec::<egui::Color32, u8>(pixels).ok())
        .zip(resvg::tiny_skia::IntSize::from_wh(width, height))
        .and_then(|(bytes, size)| Pixmap::from_vec(bytes, size));
    let mut pixmap = match reused {
        Some(pixmap) => pixmap,
        None => Pixmap::new(width, height)?,
    };
    let started = web_time::Instant::now();
    paint_map_layers(&mut pixmap, scene, &local, style, ppp, bands);
    if std::env::var_os("RANGE_RINGS_TIMING").is_some() {
        eprintln!(
            "range-rings: map image {width}x{height} rendered in {:.0} ms",
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    // The pixmap's premultiplied RGBA bytes are egui's pixels as they are: taken over, not
    // copied (a copy of a 2601x1377 image is 14 MB more to allocate and write while the map
    // moves).
    let size = [width as usize, height as usize];
    Some(
        match bytemuck::allocation::try_cast_vec::<u8, egui::Color32>(pixmap.take()) {
            Ok(pixels) => egui::ColorImage::new(size, pixels),
            Err((_, bytes)) => egui::ColorImage::from_rgba_premultiplied(size, &bytes),
        },
    )
}

#[cfg(test)]
mod tests;
