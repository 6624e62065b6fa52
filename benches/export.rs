//! Briefing export: the scene build, the SVG and the PNG rendering of the built-in scenario.
//!
//! `cargo bench --bench export`

use criterion::{Criterion, criterion_group, criterion_main};
use range_rings::export::briefing::ImageOptions;
use range_rings::export::{self, png};
use range_rings::projection::Projection;
use range_rings::scenario::Scenario;
use std::hint::black_box;

fn options(width: u32, height: u32) -> ImageOptions {
    ImageOptions::new(width, height, "2026-11-26")
}

fn exports(c: &mut Criterion) {
    let scenario = Scenario::builtin();
    let pacific = Projection::Equirectangular { central_lon: 150.0 };
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for (name, w, h) in [("1920x1080", 1920, 1080), ("3840x2160", 3840, 2160)] {
        let opts = options(w, h);
        group.bench_function(format!("scene+svg {name}"), |b| {
            b.iter(|| export::svg(black_box(&scenario), pacific, &opts))
        });
        let (svg, _) = export::svg(&scenario, pacific, &opts);
        eprintln!("{name}: SVG is {} KB", svg.len() / 1024);
        group.bench_function(format!("png from svg {name}"), |b| {
            b.iter(|| png::svg_to_png(black_box(&svg), w, h, None))
        });
    }
    group.finish();
}

criterion_group!(benches, exports);
criterion_main!(benches);
