//! Tests of the map's image: the first view at once, the margin, the copy in parts and the
//! largest texture.

use super::*;
use crate::projection::Projection;
use crate::scenario::Scenario;
use crate::scene::{SceneBuilder, SceneOptions};

/// The largest texture side of an `egui::Context` with default input, pixels.
const MAX_SIDE: usize = 2048;

/// The view most tests use.
const T: ViewTransform = ViewTransform {
    scale: 2.0,
    offset_x: 300.0,
    offset_y: 180.0,
};

/// Polls `raster` until its worker has finished (a minute at most).
fn wait_for_worker(raster: &mut MapRaster, ctx: &egui::Context) {
    let started = web_time::Instant::now();
    while raster.busy() && started.elapsed().as_secs() < 60 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        raster.poll(ctx);
    }
}

/// The built-in scenario's scene at `t`'s scale, equirectangular about 150 degrees east.
fn builtin_scene(t: &ViewTransform) -> Scene {
    let projection = Projection::Equirectangular { central_lon: 150.0 };
    SceneBuilder::default().build(
        &Scenario::builtin(),
        &SceneOptions::new(projection, t.scale),
        &[],
    )
}

/// The first view's image is made in the frame that needs it and covers the view; the
/// image with a margin for panning is asked for only from the next frame on, and once it
/// is in, nothing more is.
#[test]
fn the_first_view_is_an_image_at_once_and_the_margin_follows_a_frame_later() {
    let t = ViewTransform {
        scale: 2.0,
        offset_x: 300.5,
        offset_y: 180.25,
    };
    let scene = builtin_scene(&t);
    let style = Style::LIGHT;
    // Not on whole points, as a map beside a resizable panel often is.
    let rect = Rect::from_min_size(egui::pos2(390.4, 24.6), egui::vec2(600.3, 360.2));
    let view = RasterView::new(&scene, t, rect, style, 1.0, MAX_SIDE);
    let ctx = egui::Context::default();
    let mut raster = MapRaster::default();
    assert!(raster.never_shown());
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        raster.render_now(ui.ctx(), &view);
    });
    output.textures_delta.clear();
    assert!(!raster.never_shown() && !raster.busy());
    let (_, placed, covers) = raster.image(&view).expect("an image at once");
    assert!(covers, "{placed:?} does not cover {rect:?}");
    assert!(
        !raster.lacks_margin(&view, 0),
        "asked for in the first frame"
    );
    assert!(raster.lacks_margin(&view, 1));
    let zoomed = RasterView::new(
        &scene,
        ViewTransform { scale: 3.0, ..t },
        rect,
        style,
        1.0,
        MAX_SIDE,
    );
    assert!(!raster.lacks_margin(&zoomed, 1), "another view's image");

    raster.start(&view);
    wait_for_worker(&mut raster, &ctx);
    let (_, placed, covers) = raster.image(&view).expect("the image");
    assert!(covers && placed.width() > rect.width() * 1.5, "{placed:?}");
    assert!(!raster.lacks_margin(&view, 2));
}

/// A first view whose image cannot be made (larger than the largest texture, or than
/// memory) is not tried again: the map panel would otherwise ask for a frame after frame
/// and the window never rest.
#[test]
fn a_first_view_that_cannot_be_made_is_not_tried_again() {
    let t = ViewTransform {
        scale: 2.0,
        offset_x: 0.0,
        offset_y: 0.0,
    };
    let scene = builtin_scene(&t);
    let rect = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1e10, 1e10));
    let view = RasterView::new(&scene, t, rect, Style::LIGHT, 1.0, MAX_SIDE);
    let ctx = egui::Context::default();
    let mut raster = MapRaster::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        raster.render_now(ui.ctx(), &view);
    });
    output.textures_delta.clear();
    assert!(raster.image(&view).is_none());
    assert!(
        !raster.never_shown(),
        "the failed first view would be asked for again"
    );

    // Within a texture limit it would fit in, but not in memory: tiny-skia refuses it.
    let view = RasterView::new(&scene, t, rect, Style::LIGHT, 1.0, usize::MAX);
    let mut raster = MapRaster::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
        raster.render_now(ui.ctx(), &view);
    });
    output.textures_delta.clear();
    assert!(raster.image(&view).is_none() && !raster.never_shown());
}

/// A new image of the size of the one on screen is copied into the spare texture a part
/// a frame: the old image stays on screen until the last part, then the two change
/// places, and the window rests.
#[test]
fn an_image_of_the_same_size_is_taken_in_a_part_a_frame() {
    let t = T;
    let scene = builtin_scene(&t);
    let rect = Rect::from_min_size(egui::pos2(390.0, 25.0), egui::vec2(600.0, 360.0));
    let view = RasterView::new(&scene, t, rect, Style::LIGHT, 1.0, MAX_SIDE);
    let ctx = egui::Context::default();
    let mut raster = MapRaster::default();
    // The first image with a margin is shown at once (there is no texture of its size).
    raster.start(&view);
    wait_for_worker(&mut raster, &ctx);
    let (old, _, covers) = raster.image(&view).expect("the first image");
    assert!(covers && raster.upload.is_none());
    assert!(raster.needs_frame(), "no frame asked for to make the spare");
    raster.poll(&ctx);
    assert!(!raster.needs_frame() && raster.spare.is_some());

    // Panned past the margin: the same layers and size, a new image.
    let panned = ViewTransform {
        offset_x: t.offset_x + f64::from(rect.width()),
        ..t
    };
    let view = RasterView::new(&scene, panned, rect, Style::LIGHT, 1.0, MAX_SIDE);
    assert!(raster.image(&view).is_some_and(|(_, _, covers)| !covers));
    raster.start(&view);
    wait_for_worker(&mut raster, &ctx);
    for part in 1..UPLOAD_PARTS {
        let (shown, _, covers) = raster.image(&view).expect("an image");
        assert!(
            shown == old && !covers,
            "part {part}: the new image is on screen"
        );
        assert!(raster.needs_frame(), "part {part}: no frame asked for");
        raster.poll(&ctx);
    }
    let (new, _, covers) = raster.image(&view).expect("the new image");
    assert!(new != old && covers);
    assert_eq!(raster.spare.as_ref().map(TextureHandle::id), Some(old));
    assert!(!raster.needs_frame() && !raster.busy());
    // Its pixels are kept for the next image of its size, which takes them.
    assert!(raster.recycled.is_some());
    let back = RasterView::new(&scene, t, rect, Style::LIGHT, 1.0, MAX_SIDE);
    raster.start(&back);
    assert!(raster.busy() && raster.recycled.is_none());
}

/// An image painted into the pixels of another is the image painted into new ones: the
/// painting covers every pixel, the background round the world included.
#[test]
fn an_image_painted_into_reused_pixels_is_the_same_image() {
    // The whole world and the background round it.
    let t = ViewTransform {
        scale: 0.5,
        offset_x: 200.0,
        offset_y: 120.0,
    };
    let scene = builtin_scene(&t);
    let region = Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(400.0, 240.0));
    let paint = |t: &ViewTransform, reused| {
        render(&scene, t, region, &Style::LIGHT, 1.0, 1, reused).expect("an image")
    };
    let fresh = paint(&t, None);
    let [r, g, b, _] = Style::LIGHT.background.0;
    let background = egui::Color32::from_rgb(r, g, b);
    let corner = fresh.pixels[0];
    assert!(corner == background, "{corner:?} is not the background");
    let elsewhere = ViewTransform {
        offset_x: t.offset_x - 150.0,
        offset_y: t.offset_y - 60.0,
        ..t
    };
    let other = paint(&elsewhere, None);
    assert!(other.pixels != fresh.pixels, "the two views look the same");
    let reused = paint(&t, Some(other.pixels));
    assert!(reused.pixels == fresh.pixels);
}

/// The image with a margin stays within the largest texture (egui refuses a larger one: a
/// panic in debug builds, a failed upload in release): the margin shrinks to fit, and a view larger than the largest texture
/// gets no image and is not tried again.
#[test]
fn the_image_with_its_margin_stays_within_the_largest_texture() {
    let t = T;
    let scene = builtin_scene(&t);
    let ctx = egui::Context::default();
    let max_side = ctx.input(|i| i.max_texture_side);
    let rect = Rect::from_min_size(egui::pos2(390.0, 25.0), egui::vec2(1600.0, 500.0));
    let view = RasterView::new(&scene, t, rect, Style::LIGHT, 1.0, max_side);
    let mut raster = MapRaster::default();
    raster.start(&view);
    wait_for_worker(&mut raster, &ctx);
    let (_, placed, covers) = raster.image(&view).expect("an image");
    assert!(covers, "{placed:?} does not cover {rect:?}");
    assert!(
        placed.width() <= max_side as f32 && placed.width() > 2000.0,
        "{placed:?}"
    );
    assert!(
        (placed.height() - 500.0 * (1.0 + 2.0 * MARGIN)).abs() < 1.0,
        "{placed:?}"
    );
    // The spare texture of its size is made without a panic.
    raster.poll(&ctx);
    assert!(raster.spare.is_some());

    // A window wider than the largest texture: the meshes, and no image asked for again.
    let wide = Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(2100.0, 500.0));
    let view = RasterView::new(&scene, t, wide, Style::LIGHT, 1.0, max_side);
    raster.start(&view);
    assert!(!raster.busy() && raster.image(&view).is_none());
    raster.render_now(&ctx, &view);
    assert!(raster.image(&view).is_none());
}

/// The next image is asked for once a pan has used most of the margin on a side, while the
/// image still covers the view; an image whose margin the largest texture cut is not asked
/// for again while the view stays where it was made.
#[test]
fn the_next_image_is_asked_for_before_the_view_runs_off_this_one() {
    let t = T;
    let scene = builtin_scene(&t);
    let ctx = egui::Context::default();
    let rect = Rect::from_min_size(egui::pos2(390.0, 25.0), egui::vec2(600.0, 360.0));
    let mut raster = MapRaster::default();
    raster.start(&RasterView::new(
        &scene,
        t,
        rect,
        Style::LIGHT,
        1.0,
        MAX_SIDE,
    ));
    wait_for_worker(&mut raster, &ctx);
    let margin = f64::from(rect.width() * MARGIN);
    let panned = |share: f64| ViewTransform {
        offset_x: t.offset_x - margin * share,
        ..t
    };
    for (share, running_out) in [(0.0, false), (0.5, false), (0.7, true), (0.95, true)] {
        let view = RasterView::new(&scene, panned(share), rect, Style::LIGHT, 1.0, MAX_SIDE);
        let (_, placed, covers) = raster.image(&view).expect("the image");
        assert!(covers, "panned {share} of the margin: {placed:?}");
        assert_eq!(
            raster.running_out(&view),
            running_out,
            "panned {share} of the margin"
        );
    }

    // Views about as wide as the largest texture allows, off whole points (as beside a
    // dragged panel edge), at one and two pixels a point: an image that covers the view
    // with what margin is left, or none at all (the meshes); either way nothing more is
    // asked for while the view stays where it is.
    for ppp in [1.0_f32, 2.0] {
        for tenths in 0..12 {
            let width = (MAX_SIDE as f32 - 6.0 + tenths as f32 * 0.5) / ppp;
            let rect = Rect::from_min_size(egui::pos2(390.3, 25.6), egui::vec2(width, 30.0));
            let view = RasterView::new(&scene, t, rect, Style::LIGHT, ppp, MAX_SIDE);
            let mut raster = MapRaster::default();
            raster.start(&view);
            wait_for_worker(&mut raster, &ctx);
            if let Some((_, placed, covers)) = raster.image(&view) {
                assert!(covers, "{width} wide at {ppp}: {placed:?}");
                assert!(!raster.running_out(&view), "{width} wide at {ppp}");
            }
            raster.start(&view);
            assert!(!raster.busy(), "{width} wide at {ppp}: asked for again");
        }
    }
}
