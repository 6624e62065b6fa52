//! Equal Earth (Savric, Patterson and Jenny, 2018): an equal-area world map. Formulas in
//! radians, results in map units.

use geo::Coord;
use std::f64::consts::{FRAC_PI_2, PI};

/// Polynomial coefficients.
const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// sqrt(3) / 2.
const M: f64 = 0.866_025_403_784_438_6;

/// Equal Earth forward, radians in, map units out.
pub fn forward(lon: f64, lat: f64) -> Coord<f64> {
    let theta = (M * lat.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let denominator = 3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1);
    Coord {
        x: 2.0 * 3f64.sqrt() * lon * theta.cos() / denominator,
        y: theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)),
    }
}

/// Equal Earth inverse by Newton's method; `None` outside the map.
pub fn inverse(q: Coord<f64>) -> Option<(f64, f64)> {
    let top = forward(0.0, FRAC_PI_2).y;
    if q.y.abs() > top {
        return None;
    }
    let mut theta = q.y;
    for _ in 0..20 {
        let t2 = theta * theta;
        let t6 = t2 * t2 * t2;
        let f = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2)) - q.y;
        let df = A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2);
        let step = f / df;
        theta -= step;
        if step.abs() < 1e-12 {
            break;
        }
    }
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let denominator = 3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1);
    let lon = q.x * denominator / (2.0 * 3f64.sqrt() * theta.cos());
    if !lon.is_finite() || lon.abs() > PI + 1e-9 {
        return None;
    }
    let lat = (theta.sin() / M).clamp(-1.0, 1.0).asin();
    Some((lon, lat))
}
