//! Ring generation: the hot path when a site or patrol point is dragged.
//!
//! `cargo bench --bench rings`

use criterion::{Criterion, criterion_group, criterion_main};
use range_rings::geodesy::{LatLon, RangeRing};
use std::hint::black_box;

const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);

fn rings(c: &mut Criterion) {
    for (name, km) in [("ring 2,000 km", 2_000.0), ("ring 15,000 km", 15_000.0)] {
        let ring = RangeRing::new(PYONGYANG, km * 1000.0).unwrap();
        eprintln!("{name} from Pyongyang: {} vertices", ring.vertices.len());
        c.bench_function(name, |b| {
            b.iter(|| RangeRing::new(black_box(PYONGYANG), black_box(km * 1000.0)))
        });
    }
    let ring = RangeRing::new(PYONGYANG, 15_000_000.0).unwrap();
    c.bench_function("area 15,000 km, Pacific-centred", |b| {
        b.iter(|| black_box(&ring).area(150.0))
    });
    c.bench_function("outline 15,000 km, Pacific-centred", |b| {
        b.iter(|| black_box(&ring).outline(150.0))
    });
    let near_anti = RangeRing::new(PYONGYANG, 19_950_000.0).unwrap();
    eprintln!(
        "ring 19,950 km from Pyongyang: {} vertices",
        near_anti.vertices.len()
    );
    c.bench_function("ring 19,950 km (near antipode)", |b| {
        b.iter(|| RangeRing::new(black_box(PYONGYANG), black_box(19_950_000.0)))
    });
}

criterion_group!(benches, rings);
criterion_main!(benches);
