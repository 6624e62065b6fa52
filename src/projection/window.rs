//! A lon/lat box around a disk on the Earth, and land and lines cut to it: a regional map (an
//! inset) then projects only what is near it instead of the whole world.

use crate::geodesy::{EARTH_MEAN_RADIUS_M, LatLon, M_PER_KM};
use geo::{Coord, LineString, MultiPolygon, Polygon, Rect};

/// A box in lon/lat degrees. Longitudes may run past 180 degrees (west below east).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLatWindow {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
}

impl LonLatWindow {
    /// The box holding the disk of `radius_km` about `centre`, with two degrees to spare (so
    /// the cut edges lie outside any map of the disk). `None` when the disk holds a pole or
    /// spans more than half the world: then there is nothing worth leaving out.
    pub fn around(centre: LatLon, radius_km: f64) -> Option<Self> {
        // The disk's angular radius on the sphere, degrees, a little generous for the ellipsoid.
        let r = (radius_km * M_PER_KM / EARTH_MEAN_RADIUS_M).to_degrees() * 1.01;
        let margin = 2.0;
        if r + margin >= 90.0 - centre.lat.abs() || r >= 60.0 {
            return None;
        }
        // The widest longitude of a spherical cap: asin(sin r / cos lat).
        let half_lon = (r.to_radians().sin() / centre.lat.to_radians().cos())
            .min(1.0)
            .asin()
            .to_degrees();
        Some(Self {
            west: centre.lon - half_lon - margin,
            east: centre.lon + half_lon + margin,
            south: centre.lat - r - margin,
            north: centre.lat + r + margin,
        })
    }

    /// The box moved by whole turns so as to meet longitudes in [-180, 180].
    fn copies(&self) -> impl Iterator<Item = Rect<f64>> + '_ {
        [-360.0, 0.0, 360.0]
            .into_iter()
            .filter(|shift| self.west + shift < 180.0 && self.east + shift > -180.0)
            .map(|shift| {
                Rect::new(
                    Coord {
                        x: self.west + shift,
                        y: self.south,
                    },
                    Coord {
                        x: self.east + shift,
                        y: self.north,
                    },
                )
            })
    }

    /// The parts of `land` inside the box. Cutting a concave polygon along the box adds edges
    /// on the box's sides, outside the map it serves; the filled area inside is exact.
    pub fn clip_polygons(&self, land: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        let mut out = Vec::new();
        for rect in self.copies() {
            for polygon in land {
                let exterior = clip_ring(polygon.exterior(), &rect);
                if exterior.0.len() < 4 {
                    continue;
                }
                let interiors = polygon
                    .interiors()
                    .iter()
                    .map(|ring| clip_ring(ring, &rect))
                    .filter(|ring| ring.0.len() >= 4)
                    .collect();
                out.push(Polygon::new(exterior, interiors));
            }
        }
        MultiPolygon(out)
    }

    /// The parts of `lines` that enter the box, each run with one point beyond it at either
    /// end so its edge is crossed and not stopped short.
    pub fn clip_lines(&self, lines: &[LineString<f64>]) -> Vec<LineString<f64>> {
        let mut out = Vec::new();
        for rect in self.copies() {
            let inside = |c: &Coord<f64>| {
                c.x >= rect.min().x
                    && c.x <= rect.max().x
                    && c.y >= rect.min().y
                    && c.y <= rect.max().y
            };
            for line in lines {
                let points = &line.0;
                let mut run: Vec<Coord<f64>> = Vec::new();
                for (i, c) in points.iter().enumerate() {
                    let near = inside(c)
                        || points.get(i + 1).is_some_and(inside)
                        || i.checked_sub(1)
                            .and_then(|j| points.get(j))
                            .is_some_and(inside);
                    if near {
                        run.push(*c);
                    } else if run.len() >= 2 {
                        out.push(LineString(std::mem::take(&mut run)));
                    } else {
                        run.clear();
                    }
                }
                if run.len() >= 2 {
                    out.push(LineString(run));
                }
            }
        }
        out
    }
}

/// A closed ring cut to a rectangle (Sutherland-Hodgman), closed again.
fn clip_ring(ring: &LineString<f64>, rect: &Rect<f64>) -> LineString<f64> {
    let (min, max) = (rect.min(), rect.max());
    let mut points: Vec<Coord<f64>> = ring.0.clone();
    if points.first() == points.last() {
        points.pop();
    }
    // Each side in turn (west, east, south, north): keep what is inside it, adding the
    // crossing points.
    for side in 0..4 {
        if points.is_empty() {
            break;
        }
        let inside = |p: Coord<f64>| match side {
            0 => p.x >= min.x,
            1 => p.x <= max.x,
            2 => p.y >= min.y,
            _ => p.y <= max.y,
        };
        let cross = |a: Coord<f64>, b: Coord<f64>| match side {
            0 => cross_x(a, b, min.x),
            1 => cross_x(a, b, max.x),
            2 => cross_y(a, b, min.y),
            _ => cross_y(a, b, max.y),
        };
        let mut next = Vec::with_capacity(points.len());
        for (i, &p) in points.iter().enumerate() {
            let prev = points[(i + points.len() - 1) % points.len()];
            match (inside(prev), inside(p)) {
                (true, true) => next.push(p),
                (true, false) => next.push(cross(prev, p)),
                (false, true) => {
                    next.push(cross(prev, p));
                    next.push(p);
                }
                (false, false) => {}
            }
        }
        points = next;
    }
    if let Some(&first) = points.first() {
        points.push(first);
    }
    LineString(points)
}

/// Where segment `a`-`b` meets the meridian `x`.
fn cross_x(a: Coord<f64>, b: Coord<f64>, x: f64) -> Coord<f64> {
    let t = (x - a.x) / (b.x - a.x);
    Coord {
        x,
        y: a.y + t * (b.y - a.y),
    }
}

/// Where segment `a`-`b` meets the parallel `y`.
fn cross_y(a: Coord<f64>, b: Coord<f64>, y: f64) -> Coord<f64> {
    let t = (y - a.y) / (b.y - a.y);
    Coord {
        x: a.x + t * (b.x - a.x),
        y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Area;

    fn square(x0: f64, y0: f64, x1: f64, y1: f64) -> Polygon<f64> {
        Polygon::new(
            LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]),
            vec![],
        )
    }

    #[test]
    fn land_is_cut_to_the_box_across_the_antimeridian() {
        // A disk of 2,000 km (18 degrees) about 170 E: the box runs to 190 E, so land east of
        // the antimeridian (at -180 to -170) is kept too.
        let window = LonLatWindow::around(LatLon::lat_lon(0.0, 170.0), 2_000.0).unwrap();
        let land = MultiPolygon(vec![
            square(160.0, -5.0, 175.0, 5.0),
            square(-179.0, -5.0, -175.0, 5.0),
            square(0.0, -5.0, 10.0, 5.0),
        ]);
        let cut = window.clip_polygons(&land);
        assert_eq!(cut.0.len(), 2, "{cut:?}");
        let area: f64 = cut.0.iter().map(|p| p.unsigned_area()).sum();
        assert!((area - (150.0 + 40.0)).abs() < 1e-9, "{area}");
        // A square larger than the box keeps exactly the box's part.
        let big = window.clip_polygons(&MultiPolygon(vec![square(100.0, -60.0, 179.0, 60.0)]));
        let b = big.0[0]
            .exterior()
            .0
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), c| {
                (lo.min(c.y), hi.max(c.y))
            });
        assert!(
            b.0 > -21.0 && b.0 < -19.0 && b.1 > 19.0 && b.1 < 21.0,
            "{b:?}"
        );
    }

    #[test]
    fn lines_keep_their_runs_near_the_box_and_polar_disks_are_not_cut() {
        let window = LonLatWindow::around(LatLon::lat_lon(40.0, 127.0), 500.0).unwrap();
        let line = LineString::from(
            (0..=360)
                .map(|i| (-180.0 + f64::from(i), 40.0))
                .collect::<Vec<_>>(),
        );
        let runs = window.clip_lines(&[line]);
        assert_eq!(runs.len(), 1);
        let xs: Vec<f64> = runs[0].0.iter().map(|c| c.x).collect();
        assert!(
            xs[0] < 127.0 - 5.0 && *xs.last().unwrap() > 127.0 + 5.0,
            "{xs:?}"
        );
        assert!(xs.len() < 40, "{}", xs.len());
        assert!(LonLatWindow::around(LatLon::lat_lon(80.0, 0.0), 1_500.0).is_none());
        assert!(LonLatWindow::around(LatLon::lat_lon(0.0, 0.0), 9_000.0).is_none());
    }
}
