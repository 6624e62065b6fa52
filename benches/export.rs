//! Briefing export: the scene and page drawn, the drawing painted into pixels, the PNG
//! encoded, and, for comparison, the old way round (SVG text rendered by resvg), for the
//! built-in scenario.
//!
//! `cargo bench --bench export`

use criterion::{Criterion, criterion_group, criterion_main};
use range_rings::export::briefing::ImageOptions;
use range_rings::export::{self, png, raster};
use range_rings::projection::Projection;
use range_rings::scenario::Scenario;
use std::hint::black_box;

fn exports(c: &mut Criterion) {
    let scenario = Scenario::builtin();
    let pacific = Projection::Equirectangular { central_lon: 150.0 };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for (name, w, h) in [("1920x1080", 1920, 1080), ("3840x2160", 3840, 2160)] {
        let opts = ImageOptions::new(w, h, "2026-11-26");
        group.bench_function(format!("scene and drawing {name}"), |b| {
            b.iter(|| export::drawing(black_box(&scenario), pacific, &opts))
        });
        let (drawing, _) = export::drawing(&scenario, pacific, &opts);
        group.bench_function(format!("raster {name}"), |b| {
            b.iter(|| raster::render(black_box(&drawing)).unwrap())
        });
        let pixmap = raster::render(&drawing).unwrap();
        group.bench_function(format!("png encode {name}"), |b| {
            b.iter(|| png::encode_png(black_box(pixmap.clone()), None).unwrap())
        });
        let svg = drawing.to_svg();
        eprintln!("{name}: SVG is {} KB", svg.len() / 1024);
        group.bench_function(format!("svg text {name}"), |b| {
            b.iter(|| black_box(&drawing).to_svg())
        });
        group.bench_function(format!("png from svg text (resvg) {name}"), |b| {
            b.iter(|| png::svg_to_png(black_box(&svg), w, h, None))
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
