//! One full frame of the real app in a headless egui context at 1920x1080: UI, scene to
//! shapes, tessellation, with every layer on (bands, rotation footprints, patrol areas, the
//! coverage panel). Two views (the whole world; a regional zoom on Korea, Japan and Guam
//! where the 1:50m basemap is used) and dragging a patrol point (its rings rebuilt each frame).
//!
//! `cargo bench --bench frame`. Besides criterion's estimates it prints the median and worst
//! of 300 consecutive frames for each case.

use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use range_rings::app::{Grab, RangeRingsApp, Settings};
use range_rings::geodesy::LatLon;
use range_rings::scenario::Scenario;
use std::time::{Duration, Instant};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

/// Runs one frame and tessellates it, as eframe would before painting.
fn frame(ctx: &egui::Context, app: &mut RangeRingsApp) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn app(zoomed: bool) -> (egui::Context, RangeRingsApp) {
    let ctx = egui::Context::default();
    // Everything on: bands of estimates (the default) and rotation-aware footprints.
    let settings = Settings {
        rotation: true,
        ..Settings::default()
    };
    let mut app = RangeRingsApp::new(Scenario::builtin(), None, Some(settings));
    app.native_dialogs = false;
    // Two frames to lay out panels and fill the caches.
    frame(&ctx, &mut app);
    if zoomed {
        let projection = app.projection();
        let centre = projection.forward(LatLon::lat_lon(30.0, 135.0)).unwrap();
        app.view.zoom = 7.0;
        app.view.centre_on(&projection, centre);
    }
    frame(&ctx, &mut app);
    frame(&ctx, &mut app);
    (ctx, app)
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    let worst = times[times.len() - 1];
    eprintln!(
        "{name}: median {:.2} ms, worst {:.2} ms over {} frames",
        ms(median),
        ms(worst),
        times.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame 1920x1080");
    for (name, zoomed) in [("world", false), ("regional zoom (1:50m)", true)] {
        let (ctx, mut app) = app(zoomed);
        let times = (0..300)
            .map(|_| {
                let start = Instant::now();
                frame(&ctx, &mut app);
                start.elapsed()
            })
            .collect();
        report(name, times);
        group.bench_function(name, |b| b.iter(|| frame(&ctx, &mut app)));
    }

    // Dragging a patrol point: its Pukguksong-3 ring is rebuilt and redrawn every frame.
    let (ctx, mut app) = app(false);
    let index = app
        .doc
        .scenario()
        .sites()
        .iter()
        .position(|s| s.id == "patrol-p2")
        .unwrap();
    app.doc.checkpoint();
    app.interaction.drag = Some(Grab::Site(index));
    let mut step = 0u32;
    let mut drag_frame = |app: &mut RangeRingsApp| {
        step += 1;
        let lon = 150.0 + f64::from(step % 200) * 0.1;
        app.doc
            .edit_continuing(|f| {
                f.sites[index].lon = lon;
            })
            .unwrap();
        frame(&ctx, app);
    };
    let times = (0..300)
        .map(|_| {
            let start = Instant::now();
            drag_frame(&mut app);
            start.elapsed()
        })
        .collect();
    report("dragging a patrol point", times);
    group.bench_function("dragging a patrol point", |b| {
        b.iter(|| drag_frame(&mut app))
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
