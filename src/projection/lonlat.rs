//! World-map geometry in planar longitude/latitude: a range ring as an area (closed through the
//! poles it encloses, inverted when its loop surrounds the outside) and as an outline, cut at a
//! map edge (central meridian + 180); reach areas of patrol areas (geodesic buffers); lines
//! split at the map edge; outlines without the artificial edges that cutting leaves.
//!
//! The cylindrical projections project these areas directly; GeoJSON and KML write them with
//! the edge at the antimeridian.

use crate::geodesy::{
    GeodesyError, LatLon, M_PER_KM, Origin, PatrolArea, RangeRing, RingShape, normalize_lon,
};
use geo::orient::{Direction, Orient};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon, Rect};

/// The covered area of a ring as planar polygons in (longitude, latitude) degrees, with
/// longitudes in [central_meridian - 180, central_meridian + 180]; exterior rings
/// counter-clockwise, holes clockwise (RFC 7946).
#[derive(Debug, Clone, PartialEq)]
pub struct RingArea {
    /// The covered area; x is longitude, y latitude, degrees.
    pub polygons: MultiPolygon<f64>,
}

/// How the loop of a ring relates to the area it bounds.
enum LoopSide {
    /// The loop surrounds the covered disk (no pole inside).
    Inside,
    /// The loop surrounds the uncovered cap: both poles are covered.
    Outside,
    /// The loop circles the Earth; the covered side holds this pole (latitude +-90).
    AroundPole(f64),
}

// The ring's area and outline on a world map are defined here, beside the cutting they need;
// the geodesy only makes the vertices.
impl RangeRing {
    /// The covered area cut at the map edge `central_meridian_deg + 180`.
    ///
    /// # Units
    /// Degrees in and out.
    ///
    /// # Examples
    /// ```
    /// use geo::{Area, Contains, Point};
    /// use range_rings::geodesy::{LatLon, RangeRing};
    /// // 15,000 km from Pyongyang: everything but a cap around the South Atlantic antipode.
    /// let ring = RangeRing::new(LatLon::lat_lon(39.0392, 125.7625), 15_000_000.0).unwrap();
    /// let area = ring.area(0.0);
    /// assert!(area.polygons.contains(&Point::new(0.0, 89.0)));
    /// assert!(!area.polygons.contains(&Point::new(-54.24, -39.04)));
    /// ```
    pub fn area(&self, central_meridian_deg: f64) -> RingArea {
        let west = central_meridian_deg - 180.0;
        let east = central_meridian_deg + 180.0;
        let world = Rect::new(Coord { x: west, y: -90.0 }, Coord { x: east, y: 90.0 });
        if self.shape == RingShape::WholeEarth {
            return RingArea {
                polygons: MultiPolygon(vec![world.to_polygon()]),
            };
        }
        let side = match (self.contains_north_pole, self.contains_south_pole) {
            (false, false) => LoopSide::Inside,
            (true, true) => LoopSide::Outside,
            (true, false) => LoopSide::AroundPole(90.0),
            (false, true) => LoopSide::AroundPole(-90.0),
        };
        let path = unwrapped_path(self, west, matches!(side, LoopSide::AroundPole(_)));
        let shape = match side {
            LoopSide::AroundPole(pole_lat) => {
                let mut closed = path;
                let (start, end) = (closed[0].x, closed[closed.len() - 1].x);
                closed.push(Coord {
                    x: end,
                    y: pole_lat,
                });
                closed.push(Coord {
                    x: start,
                    y: pole_lat,
                });
                Polygon::new(LineString::from(closed), vec![])
            }
            LoopSide::Inside | LoopSide::Outside => Polygon::new(LineString::from(path), vec![]),
        };
        let copies = copies_over(&shape, west, east);
        let inside_world = copies.0.len() == 1 && within(&copies.0[0], west, east);
        let polygons = match (side, inside_world) {
            (LoopSide::Outside, true) => {
                let hole = copies.0[0].exterior().clone();
                MultiPolygon(vec![Polygon::new(
                    world.to_polygon().exterior().clone(),
                    vec![hole],
                )])
            }
            (LoopSide::Outside, false) => world.to_polygon().difference(&copies),
            (_, true) => copies,
            (_, false) => world.to_polygon().intersection(&copies),
        };
        let mut polygons = polygons.orient(Direction::Default);
        snap_to_frame(&mut polygons, west, east);
        RingArea { polygons }
    }
}

/// Longitude steps from each vertex to the next (the last closes the loop), each the short way
/// round except that the total winds once around the Earth exactly when `circles_pole`. A step
/// through a pole (about 180 degrees either way) is the one ambiguous case; the widest step is
/// turned the other way if the winding disagrees.
fn unwrapped_steps(ring: &RangeRing, circles_pole: bool) -> Vec<f64> {
    let v = &ring.vertices;
    let n = v.len();
    let mut steps: Vec<f64> = (0..n)
        .map(|i| normalize_lon(v[(i + 1) % n].lon - v[i].lon))
        .collect();
    let winding = steps.iter().sum::<f64>();
    if (winding.abs() > 180.0) != circles_pole
        && let Some(i) = (0..n).max_by(|&a, &b| steps[a].abs().total_cmp(&steps[b].abs()))
    {
        steps[i] -= 360.0 * steps[i].signum();
    }
    steps
}

/// Whether a longitude step passes round a pole rather than along the ring; the densifier
/// never leaves such a step except where the ring runs (almost) through the pole.
fn passes_pole(step: f64) -> bool {
    step.abs() > 90.0
}

/// The ring's vertices as one continuous path in unwrapped longitude, starting in
/// [west, west + 360) and ending with the first vertex again (shifted by a whole turn when the
/// loop circles a pole). A step through a pole is routed along that pole's line.
fn unwrapped_path(ring: &RangeRing, west: f64, circles_pole: bool) -> Vec<Coord<f64>> {
    let v = &ring.vertices;
    let n = v.len();
    let steps = unwrapped_steps(ring, circles_pole);
    let mut lon = west + (v[0].lon - west).rem_euclid(360.0);
    let mut path = Vec::with_capacity(n + 4);
    for i in 0..n {
        let lat = v[i].lat;
        path.push(Coord { x: lon, y: lat });
        if passes_pole(steps[i]) {
            let pole = 90f64.copysign(lat + v[(i + 1) % n].lat);
            path.push(Coord { x: lon, y: pole });
            path.push(Coord {
                x: lon + steps[i],
                y: pole,
            });
        }
        lon += steps[i];
    }
    path.push(Coord {
        x: lon,
        y: v[0].lat,
    });
    path
}

impl RangeRing {
    /// The ring's outline for drawing, as polylines in (longitude, latitude) degrees with
    /// longitudes in [central_meridian - 180, central_meridian + 180]: split where it meets the
    /// map edge and where it runs through a pole, so that no line runs along the map edge or a
    /// pole. Empty for a ring that covers the whole Earth.
    ///
    /// # Units
    /// Degrees in and out.
    pub fn outline(&self, central_meridian_deg: f64) -> Vec<LineString<f64>> {
        if self.shape == RingShape::WholeEarth {
            return Vec::new();
        }
        let west = central_meridian_deg - 180.0;
        let circles_pole = self.contains_north_pole != self.contains_south_pole;
        let v = &self.vertices;
        let n = v.len();
        let steps = unwrapped_steps(self, circles_pole);
        // Start at a pole passage, if any, so that the break there is the start and end.
        let start = (0..n)
            .find(|&i| passes_pole(steps[i]))
            .map_or(0, |i| (i + 1) % n);
        let mut lines = Vec::new();
        let mut line: Vec<Coord<f64>> = Vec::new();
        let mut lon = west + (v[start].lon - west).rem_euclid(360.0);
        for k in 0..n {
            let i = (start + k) % n;
            let next = (i + 1) % n;
            line.push(Coord {
                x: lon,
                y: v[i].lat,
            });
            let step = steps[i];
            if passes_pole(step) {
                lines.push(std::mem::take(&mut line));
                lon = west + (v[next].lon - west).rem_euclid(360.0);
                continue;
            }
            // Split where the segment crosses the map edge, and carry on from the other side.
            let to = lon + step;
            let edge = if to >= west + 360.0 {
                Some(west + 360.0)
            } else if to < west {
                Some(west)
            } else {
                None
            };
            match edge {
                Some(edge) => {
                    let t = (edge - lon) / step;
                    let lat = v[i].lat + t * (v[next].lat - v[i].lat);
                    line.push(Coord { x: edge, y: lat });
                    lines.push(std::mem::take(&mut line));
                    let other_side = if edge == west { west + 360.0 } else { west };
                    line.push(Coord {
                        x: other_side,
                        y: lat,
                    });
                    lon = to - (edge - other_side);
                }
                None => lon = to,
            }
        }
        line.push(Coord {
            x: lon,
            y: v[start].lat,
        });
        lines.push(line);
        lines.retain(|l| l.len() >= 2);
        // Join the last piece to the first when the loop did not break at its start.
        if lines.len() >= 2 && !passes_pole(steps[(start + n - 1) % n]) {
            let first = &lines[0];
            let last = &lines[lines.len() - 1];
            let meets = match (first.first(), last.last()) {
                (Some(a), Some(b)) => (a.x - b.x).abs() < 1e-9 && (a.y - b.y).abs() < 1e-9,
                _ => false,
            };
            if meets {
                let first = lines.remove(0);
                if let Some(last) = lines.last_mut() {
                    last.extend(first.into_iter().skip(1));
                }
            }
        }
        lines.into_iter().map(LineString::from).collect()
    }
}

/// A planar lon/lat polygon (such as basemap land, given on [-180, 180]) re-cut for a map whose
/// central meridian is `central_meridian_deg`: the pieces of it and of its copies shifted by
/// whole turns that fall on [central - 180, central + 180]. Polygons that need no cut are only
/// shifted, without a boolean operation.
///
/// # Units
/// Degrees in and out.
pub fn cut_at_map_edge(shape: &Polygon<f64>, central_meridian_deg: f64) -> MultiPolygon<f64> {
    let west = central_meridian_deg - 180.0;
    let east = central_meridian_deg + 180.0;
    let copies = copies_over(shape, west, east);
    if copies.0.len() == 1 && within(&copies.0[0], west, east) {
        return copies;
    }
    let world = Rect::new(Coord { x: west, y: -90.0 }, Coord { x: east, y: 90.0 });
    let mut cut = world.to_polygon().intersection(&copies);
    snap_to_frame(&mut cut, west, east);
    cut
}

/// The shape and its copies shifted by whole turns, as many as overlap [west, east].
fn copies_over(shape: &Polygon<f64>, west: f64, east: f64) -> MultiPolygon<f64> {
    let (min_x, max_x) = shape
        .exterior()
        .coords()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
            (lo.min(c.x), hi.max(c.x))
        });
    let first = ((west - max_x) / 360.0).floor() as i64;
    let last = ((east - min_x) / 360.0).ceil() as i64;
    let copies = (first..=last)
        .map(|k| k as f64 * 360.0)
        .filter(|shift| min_x + shift < east && max_x + shift > west)
        .map(|shift| {
            let moved = |ring: &LineString<f64>| -> LineString<f64> {
                ring.coords()
                    .map(|c| Coord {
                        x: c.x + shift,
                        y: c.y,
                    })
                    .collect()
            };
            Polygon::new(
                moved(shape.exterior()),
                shape.interiors().iter().map(moved).collect(),
            )
        })
        .collect();
    MultiPolygon(copies)
}

/// The boolean operations round coordinates to a fixed grid (about 1e-7 degrees); put points
/// that belong on the map edge or a pole line back on it exactly.
fn snap_to_frame(polygons: &mut MultiPolygon<f64>, west: f64, east: f64) {
    const EPS: f64 = 1e-6;
    let snap = |c: &mut Coord<f64>| {
        for edge in [west, east] {
            if (c.x - edge).abs() < EPS {
                c.x = edge;
            }
        }
        for pole in [-90.0, 90.0] {
            if (c.y - pole).abs() < EPS {
                c.y = pole;
            }
        }
    };
    for polygon in &mut polygons.0 {
        polygon.exterior_mut(|ring| ring.coords_mut().for_each(snap));
        polygon.interiors_mut(|rings| rings.iter_mut().for_each(|r| r.coords_mut().for_each(snap)));
    }
}

fn within(shape: &Polygon<f64>, west: f64, east: f64) -> bool {
    shape
        .exterior()
        .coords()
        .all(|c| c.x >= west && c.x <= east)
}

/// The rings of `polygons` as polylines, broken wherever `artificial` says an edge is not a
/// real boundary (the antimeridian cut, a pole line): what to stroke when drawing an outline.
pub fn outline_without(
    polygons: &[Polygon<f64>],
    artificial: impl Fn(Coord<f64>, Coord<f64>) -> bool,
) -> Vec<LineString<f64>> {
    let mut lines = Vec::new();
    for polygon in polygons {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            let mut piece: Vec<Coord<f64>> = Vec::new();
            for seg in ring.lines() {
                if artificial(seg.start, seg.end) {
                    if piece.len() >= 2 {
                        lines.push(LineString::from(std::mem::take(&mut piece)));
                    }
                    piece.clear();
                } else {
                    if piece.is_empty() {
                        piece.push(seg.start);
                    }
                    piece.push(seg.end);
                }
            }
            if piece.len() >= 2 {
                lines.push(LineString::from(piece));
            }
        }
    }
    lines
}

/// The reach area of a patrol area: every point within `radius_m` of some point of the area
/// (a geodesic buffer), as planar lon/lat polygons cut at the antimeridian. It is the area
/// itself joined with the rings round points of its edges, spaced so that the scalloping
/// between neighbouring rings stays within `tolerance_m`.
///
/// # Units
/// Metres in, degrees out.
///
/// # Errors
/// A radius that is zero, negative or not finite.
pub fn area_buffer(
    area: &PatrolArea,
    radius_m: f64,
    tolerance_m: f64,
) -> Result<MultiPolygon<f64>, GeodesyError> {
    if !(radius_m.is_finite() && radius_m > 0.0) {
        return Err(GeodesyError::Radius(radius_m));
    }
    let tolerance_m = tolerance_m.clamp(10.0, RangeRing::tolerance_m(radius_m));
    // Two circles of radius R whose centres are s apart leave a notch of about s^2 / 8R.
    let step_km = ((8.0 * radius_m * tolerance_m).sqrt() / M_PER_KM).clamp(1.0, 500.0);
    let mut polygons = cut_at_map_edge(&Polygon::new(area.unwrapped_ring(), vec![]), 0.0);
    for p in area.edge_points(step_km) {
        let ring = RangeRing::with_tolerance(p, radius_m, tolerance_m)?;
        polygons = polygons.union(&ring.area(0.0).polygons);
    }
    Ok(polygons)
}

/// The area a missile of range `radius_m` reaches from `origin` (its point, or its patrol
/// area), as planar lon/lat polygons cut at the antimeridian, drawn within `tolerance_m`.
///
/// # Errors
/// A radius that is zero, negative or not finite.
pub fn reach_area(
    origin: &Origin,
    radius_m: f64,
    tolerance_m: f64,
) -> Result<MultiPolygon<f64>, GeodesyError> {
    match origin {
        Origin::Point(centre) => Ok(RangeRing::with_tolerance(*centre, radius_m, tolerance_m)?
            .area(0.0)
            .polygons),
        Origin::Area(area) => area_buffer(area, radius_m, tolerance_m),
    }
}

/// The outline of polygons cut at the antimeridian, for drawing: their rings without the
/// edges that lie on the cut or a pole line.
pub fn outline_of_cut(polygons: &MultiPolygon<f64>) -> Vec<LineString<f64>> {
    let artificial = |a: Coord<f64>, b: Coord<f64>| {
        (a.x.abs() >= 180.0 - 1e-9 && (a.x - b.x).abs() < 1e-9)
            || (a.y.abs() >= 90.0 - 1e-9 && (a.y - b.y).abs() < 1e-9)
    };
    outline_without(&polygons.0, artificial)
}

/// A closed lon/lat path through `points`, degrees (x longitude, y latitude).
pub fn closed_path(points: &[LatLon]) -> Vec<Coord<f64>> {
    let mut path: Vec<Coord<f64>> = points
        .iter()
        .map(|p| Coord { x: p.lon, y: p.lat })
        .collect();
    if let Some(&first) = path.first() {
        path.push(first);
    }
    path
}

/// A lon/lat polyline split where it crosses the edge `west` + 360 k of a cylindrical map, with
/// each piece shifted into [west, west + 360].
pub fn split_at_map_edge(line: &[Coord<f64>], west: f64) -> Vec<Vec<Coord<f64>>> {
    let mut pieces = Vec::new();
    let Some(first) = line.first() else {
        return pieces;
    };
    let mut piece = Vec::new();
    let mut x = west + (first.x - west).rem_euclid(360.0);
    piece.push(Coord { x, y: first.y });
    for w in line.windows(2) {
        let step = normalize_lon(w[1].x - w[0].x);
        let to = x + step;
        let edge = if to > west + 360.0 {
            Some((west + 360.0, west))
        } else if to < west {
            Some((west, west + 360.0))
        } else {
            None
        };
        match edge {
            Some((edge, other)) if step != 0.0 => {
                let t = (edge - x) / step;
                let lat = w[0].y + t * (w[1].y - w[0].y);
                piece.push(Coord { x: edge, y: lat });
                pieces.push(std::mem::take(&mut piece));
                piece.push(Coord { x: other, y: lat });
                x = to - (edge - other);
            }
            _ => x = to,
        }
        piece.push(Coord { x, y: w[1].y });
    }
    pieces.push(piece);
    pieces.retain(|p| p.len() >= 2);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    #[test]
    fn map_edge_split_interpolates_at_the_edge() {
        let pieces = split_at_map_edge(
            &[Coord { x: -40.0, y: 0.0 }, Coord { x: -20.0, y: 10.0 }],
            -30.0,
        );
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].last().map(|c| c.x), Some(330.0));
        assert_eq!(pieces[1][0], Coord { x: -30.0, y: 5.0 });
    }

    /// Checks a buffer against geodesic distances to the area on a 4-degree grid.
    fn probe_check(corners: &[LatLon], radius_m: f64) {
        let area = PatrolArea::new(corners).unwrap();
        let buffer = area_buffer(&area, radius_m, 2_000.0).unwrap();
        let tolerance = RangeRing::tolerance_m(radius_m);
        let mut checked = 0;
        for lat in (-80..=80).step_by(4) {
            for lon in (-180..180).step_by(4) {
                let p = LatLon::lat_lon(f64::from(lat), f64::from(lon));
                let (d, _) = area.distance_to(p);
                if (d - radius_m).abs() < tolerance + 3_000.0 {
                    continue;
                }
                let x = if lon == -180 {
                    -179.999
                } else {
                    f64::from(lon)
                };
                let filled = buffer.contains(&Point::new(x, p.lat));
                assert_eq!(
                    filled,
                    d <= radius_m,
                    "{p:?}: {:.0} km from the area",
                    d / 1000.0
                );
                checked += 1;
            }
        }
        assert!(checked > 500);
    }

    #[test]
    fn buffer_of_a_box_across_the_antimeridian() {
        let corners = [
            LatLon::lat_lon(30.0, 175.0),
            LatLon::lat_lon(30.0, -170.0),
            LatLon::lat_lon(38.0, -170.0),
            LatLon::lat_lon(38.0, 175.0),
        ];
        probe_check(&corners, 2_000_000.0);
        let origin = Origin::Area(PatrolArea::new(&corners).unwrap());
        // Honolulu is about 1,500 km from the box's south-east corner; (5 N, 150 W) about 3,400.
        assert!(origin.reaches(LatLon::lat_lon(21.3, -157.9), 2_000_000.0));
        assert!(!origin.reaches(LatLon::lat_lon(5.0, -150.0), 2_000_000.0));
    }

    #[test]
    fn buffer_of_a_japan_sea_box() {
        let corners = [
            LatLon::lat_lon(38.0, 131.0),
            LatLon::lat_lon(38.0, 136.0),
            LatLon::lat_lon(42.0, 136.0),
            LatLon::lat_lon(42.0, 131.0),
        ];
        probe_check(&corners, 2_500_000.0);
    }
}
