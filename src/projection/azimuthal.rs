//! Polar space for the azimuthal maps: a point's (angular distance, azimuth) from the centre,
//! drawn as a disk of radius pi that covers the sphere continuously except the antipode. Areas
//! are clipped to the visible disk there, then bent radially into the projection.

use crate::geodesy::{LatLon, normalize_lon};
use geo::{BooleanOps, Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use std::f64::consts::PI;

/// Unit vector of a point, and the unit north and east vectors of the tangent plane there.
/// Defined at the poles too (there "north" points away from the point's meridian), so that
/// polar coordinates and their inverse agree everywhere.
fn sphere_frame(p: LatLon) -> ([f64; 3], [f64; 3], [f64; 3]) {
    let (sp, cp) = p.lat.to_radians().sin_cos();
    let (sl, cl) = p.lon.to_radians().sin_cos();
    (
        [cp * cl, cp * sl, sp],
        [-sp * cl, -sp * sl, cp],
        [-sl, cl, 0.0],
    )
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// Angular distance and initial azimuth (radians) from `from` to `to` on the unit sphere.
pub fn sphere_polar(from: LatLon, to: LatLon) -> (f64, f64) {
    let (up, north, east) = sphere_frame(from);
    let (v, _, _) = sphere_frame(to);
    let (n, e) = (dot(v, north), dot(v, east));
    (n.hypot(e).atan2(dot(v, up)), e.atan2(n))
}

/// The point at angular distance `delta` along `azimuth` (radians) from `from` on the sphere.
pub fn sphere_destination(from: LatLon, azimuth: f64, delta: f64) -> LatLon {
    let (up, north, east) = sphere_frame(from);
    let (sd, cd) = delta.sin_cos();
    let (sa, ca) = azimuth.sin_cos();
    let v: [f64; 3] = std::array::from_fn(|i| cd * up[i] + sd * (ca * north[i] + sa * east[i]));
    let lat = v[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = v[1].atan2(v[0]).to_degrees();
    LatLon::lat_lon(lat, normalize_lon(lon))
}

/// The visible part of polar space as a polygon (a circle of 720 sides).
pub fn visible_disk(radius: f64) -> Polygon<f64> {
    let ring: LineString<f64> = (0..=720)
        .map(|i| {
            let a = f64::from(i % 720) * PI / 360.0;
            Coord {
                x: radius * a.sin(),
                y: radius * a.cos(),
            }
        })
        .collect();
    Polygon::new(ring, vec![])
}

/// The region bounded by a closed polar-space loop: the loop's inside, or the whole disk minus
/// it when the region holds the antipode; clipped to the visible disk.
pub fn region_in_disk(
    mut polar: Vec<Coord<f64>>,
    holds_antipode: bool,
    disk: &Polygon<f64>,
    radius: f64,
) -> MultiPolygon<f64> {
    if polar.len() < 3 {
        return if holds_antipode {
            MultiPolygon(vec![disk.clone()])
        } else {
            MultiPolygon(vec![])
        };
    }
    if polar.first() != polar.last() {
        polar.push(polar[0]);
    }
    let all_visible = polar.iter().all(|c| c.x.hypot(c.y) <= radius);
    let shape = Polygon::new(LineString::from(polar), vec![]);
    match (holds_antipode, all_visible) {
        (false, true) => MultiPolygon(vec![shape]),
        (false, false) => disk.intersection(&shape),
        (true, true) => MultiPolygon(vec![Polygon::new(
            disk.exterior().clone(),
            vec![shape.exterior().clone()],
        )]),
        (true, false) => disk.difference(&shape),
    }
}

/// Whether a planar lon/lat ring contains a point, nudging the point off the poles and the
/// antimeridian where planar data have their artificial edges.
pub fn planar_ring_contains(ring: &LineString<f64>, p: LatLon) -> bool {
    let lat = p.lat.clamp(-89.9999, 89.9999);
    let lon = p.lon.clamp(-179.9999, 179.9999);
    Polygon::new(ring.clone(), vec![]).contains(&Point::new(lon, lat))
}

/// Pieces of a polar-space polyline inside the disk of `radius`, cut exactly on its edge.
pub fn clip_to_disk(line: &[Coord<f64>], radius: f64) -> Vec<Vec<Coord<f64>>> {
    let inside = |c: &Coord<f64>| c.x.hypot(c.y) <= radius;
    let mut pieces = Vec::new();
    let mut piece: Vec<Coord<f64>> = Vec::new();
    for (i, c) in line.iter().enumerate() {
        if i > 0 {
            let a = line[i - 1];
            match (inside(&a), inside(c)) {
                (true, false) => {
                    piece.push(disk_crossing(a, *c, radius));
                    pieces.push(std::mem::take(&mut piece));
                }
                (false, true) => piece.push(disk_crossing(a, *c, radius)),
                _ => {}
            }
        }
        if inside(c) {
            piece.push(*c);
        }
    }
    pieces.push(piece);
    pieces.retain(|p| p.len() >= 2);
    pieces
}

/// Where the segment a-b crosses the circle of `radius` (one end inside, one outside).
fn disk_crossing(a: Coord<f64>, b: Coord<f64>, radius: f64) -> Coord<f64> {
    let d = Coord {
        x: b.x - a.x,
        y: b.y - a.y,
    };
    let (qa, qb, qc) = (
        d.x * d.x + d.y * d.y,
        2.0 * (a.x * d.x + a.y * d.y),
        a.x * a.x + a.y * a.y - radius * radius,
    );
    let disc = (qb * qb - 4.0 * qa * qc).max(0.0).sqrt();
    let candidates = [(-qb + disc) / (2.0 * qa), (-qb - disc) / (2.0 * qa)];
    let t = candidates
        .into_iter()
        .find(|t| (0.0..=1.0).contains(t))
        .unwrap_or(0.5);
    Coord {
        x: a.x + t * d.x,
        y: a.y + t * d.y,
    }
}
