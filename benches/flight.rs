//! The flight model: calibrating a rocket to a range (once per missile and range, then
//! cached), the rotation-aware footprint and per-target reach (every ring and reach row with
//! rotation on), and fitting a lofted test.
//!
//! `cargo bench --bench flight`

use criterion::{Criterion, criterion_group, criterion_main};
use range_rings::ballistics::estimate::{Test, estimate};
use range_rings::ballistics::model::ballistic;
use range_rings::ballistics::powered::calibrate;
use range_rings::ballistics::profiles::profile;
use range_rings::ballistics::rotation::{rotating_footprint, rotating_range_toward};
use range_rings::geodesy::LatLon;
use std::hint::black_box;

const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);
const WASHINGTON: LatLon = LatLon::lat_lon(38.8977, -77.0365);

fn flight(c: &mut Criterion) {
    let liquid = profile("icbm-liquid").unwrap();
    c.bench_function("calibrate icbm-liquid to 10,400 km", |b| {
        b.iter(|| calibrate(black_box(&liquid), black_box(10_400.0)))
    });
    let rocket = ballistic(&liquid, 10_400.0).unwrap();
    c.bench_function("footprint every 3 degrees, 10,400 km", |b| {
        b.iter(|| rotating_footprint(rocket.as_ref(), black_box(PYONGYANG), 3.0))
    });
    c.bench_function("rotating reach toward Washington", |b| {
        b.iter(|| rotating_range_toward(rocket.as_ref(), black_box(PYONGYANG), WASHINGTON))
    });
    c.bench_function("flight time to 8,000 km (table)", |b| {
        b.iter(|| rocket.time_to(black_box(8_000.0)))
    });
    let test = Test {
        apogee_km: 3_724.9,
        range_km: 998.0,
        flight_time_min: None,
    };
    let mut group = c.benchmark_group("estimate");
    group.sample_size(10);
    group.bench_function("fit the 28 July 2017 test", |b| {
        b.iter(|| estimate(black_box(test), "icbm-liquid"))
    });
    group.finish();
}

criterion_group!(benches, flight);
criterion_main!(benches);
