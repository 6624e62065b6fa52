//! Map projections and the clipping that makes areas and lines come out right on each.
//!
//! Map units are those of the unit sphere (x east, y north): an equirectangular map spans
//! x in [-pi, pi], an orthographic globe has radius 1, an azimuthal equidistant map radius about
//! pi. Screens and images apply only a scale and an offset to them.
//!
//! Two families, two clipping strategies:
//! - Cylindrical and pseudo-cylindrical (equirectangular, Equal Earth): areas are cut at the map
//!   edge (central meridian + 180) in longitude/latitude, closed along the poles, then projected.
//! - Azimuthal (azimuthal equidistant, orthographic): everything is first mapped to *polar
//!   space*, (angular distance from the centre, azimuth) drawn as a disk of radius pi, which
//!   covers the whole sphere continuously except the antipode. There an area is its loop, or the
//!   disk minus its loop when it holds the antipode, intersected with the visible disk (the
//!   hemisphere for the globe, all but a small cap round the antipode for the azimuthal
//!   equidistant map), and finally bent radially into the projection.

use crate::geodesy::{self, LatLon, RangeRing, RingShape, cut_at_map_edge, normalize_lon};
use geo::{BooleanOps, Contains, Coord, LineString, MultiPolygon, Point, Polygon};
use std::f64::consts::{FRAC_PI_2, PI};

/// Mean Earth radius (IUGG R1), metres: the scale of map units for geodesic distances.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// A point in map units.
pub type MapCoord = Coord<f64>;

/// The projections a map can use, with their parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Projection {
    /// Plate carree: x = longitude, y = latitude, radians; the central meridian is selectable.
    Equirectangular {
        /// Central meridian, degrees east.
        central_lon: f64,
    },
    /// Equal Earth (Savric, Patterson and Jenny, 2018): an equal-area world map.
    EqualEarth {
        /// Central meridian, degrees east.
        central_lon: f64,
    },
    /// Azimuthal equidistant on the ellipsoid: distance and azimuth from the centre are exact
    /// (geodesic), so range rings around the centre are true circles.
    AzimuthalEquidistant {
        /// Projection centre.
        centre: LatLon,
    },
    /// A globe seen from far away, centred anywhere; shows one hemisphere.
    Orthographic {
        /// The point facing the viewer.
        centre: LatLon,
    },
}

/// An axis-aligned rectangle in map units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapRect {
    /// Smallest x and y.
    pub min: MapCoord,
    /// Largest x and y.
    pub max: MapCoord,
}

impl MapRect {
    /// Width in map units.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Height in map units.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }
}

/// Equal Earth polynomial coefficients.
const EE_A1: f64 = 1.340264;
const EE_A2: f64 = -0.081106;
const EE_A3: f64 = 0.000893;
const EE_A4: f64 = 0.003796;
/// sqrt(3) / 2.
const EE_M: f64 = 0.866_025_403_784_438_6;

/// Longest step, degrees, of a straight lon/lat edge before projection onto a curved one.
const MAX_STEP_DEG: f64 = 1.0;

impl Projection {
    /// A short human name, e.g. "Equirectangular, centred on 150 E".
    pub fn name(&self) -> String {
        fn lon_text(lon: f64) -> String {
            let lon = normalize_lon(lon);
            match lon {
                l if l > 0.0 => format!("{l:.0} E"),
                l if l < 0.0 => format!("{:.0} W", -l),
                _ => "0".into(),
            }
        }
        fn lat_text(lat: f64) -> String {
            match lat {
                l if l > 0.0 => format!("{l:.0} N"),
                l if l < 0.0 => format!("{:.0} S", -l),
                _ => "0".into(),
            }
        }
        match self {
            Self::Equirectangular { central_lon } => {
                format!("Equirectangular, centred on {}", lon_text(*central_lon))
            }
            Self::EqualEarth { central_lon } => {
                format!("Equal Earth, centred on {}", lon_text(*central_lon))
            }
            Self::AzimuthalEquidistant { centre } => format!(
                "Azimuthal equidistant (WGS84 geodesic) from {}, {}",
                lat_text(centre.lat),
                lon_text(centre.lon)
            ),
            Self::Orthographic { centre } => {
                format!(
                    "Orthographic, centred on {}, {}",
                    lat_text(centre.lat),
                    lon_text(centre.lon)
                )
            }
        }
    }

    /// Whether the map is a disk around a centre (azimuthal) rather than a world rectangle.
    pub fn is_azimuthal(&self) -> bool {
        matches!(
            self,
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. }
        )
    }

    /// The extent of the whole map, in map units.
    pub fn bounds(&self) -> MapRect {
        let (hw, hh) = match self {
            Self::Equirectangular { .. } => (PI, FRAC_PI_2),
            Self::EqualEarth { .. } => {
                let edge = equal_earth(PI, 0.0);
                let top = equal_earth(0.0, FRAC_PI_2);
                (edge.x, top.y)
            }
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. } => {
                let r = self.warp_radius(self.visible_radius());
                (r, r)
            }
        };
        MapRect {
            min: Coord { x: -hw, y: -hh },
            max: Coord { x: hw, y: hh },
        }
    }

    /// Central meridian of a cylindrical map, degrees east; for an azimuthal one, the centre's.
    pub fn central_lon(&self) -> f64 {
        match self {
            Self::Equirectangular { central_lon } | Self::EqualEarth { central_lon } => {
                *central_lon
            }
            Self::AzimuthalEquidistant { centre } | Self::Orthographic { centre } => centre.lon,
        }
    }

    /// Projects one point; `None` where the map does not show it (the far side of the globe,
    /// the cap round the azimuthal antipode).
    pub fn forward(&self, p: LatLon) -> Option<MapCoord> {
        match self {
            Self::Equirectangular { central_lon } => {
                let lon = normalize_lon(p.lon - central_lon);
                Some(Coord {
                    x: lon.to_radians(),
                    y: p.lat.to_radians(),
                })
            }
            Self::EqualEarth { central_lon } => {
                let lon = normalize_lon(p.lon - central_lon);
                Some(equal_earth(lon.to_radians(), p.lat.to_radians()))
            }
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. } => {
                let polar = self.polar_of(p);
                (polar.x.hypot(polar.y) <= self.visible_radius()).then(|| self.warp(polar))
            }
        }
    }

    /// The geographic point shown at `q`, or `None` off the map.
    pub fn inverse(&self, q: MapCoord) -> Option<LatLon> {
        match self {
            Self::Equirectangular { central_lon } => {
                let b = self.bounds();
                let inside = q.x.abs() <= b.max.x && q.y.abs() <= b.max.y;
                inside.then(|| {
                    LatLon::lat_lon(
                        q.y.to_degrees(),
                        normalize_lon(q.x.to_degrees() + central_lon),
                    )
                })
            }
            Self::EqualEarth { central_lon } => {
                let (lon, lat) = equal_earth_inverse(q)?;
                Some(LatLon::lat_lon(
                    lat.to_degrees(),
                    normalize_lon(lon.to_degrees() + central_lon),
                ))
            }
            Self::AzimuthalEquidistant { centre } => {
                let delta = q.x.hypot(q.y);
                if delta > self.visible_radius() {
                    return None;
                }
                let azimuth = q.x.atan2(q.y).to_degrees();
                Some(geodesy::destination(
                    *centre,
                    azimuth,
                    delta * EARTH_RADIUS_M,
                ))
            }
            Self::Orthographic { centre } => {
                let rho = q.x.hypot(q.y);
                if rho > 1.0 {
                    return None;
                }
                let azimuth = q.x.atan2(q.y);
                Some(sphere_destination(*centre, azimuth, rho.asin()))
            }
        }
    }

    /// The outline of the whole map (the sphere's edge), for the ocean background.
    pub fn outline(&self) -> Polygon<f64> {
        match self {
            Self::Equirectangular { .. } | Self::EqualEarth { .. } => {
                let c = self.central_lon();
                let world = geo::Rect::new(
                    Coord {
                        x: c - 180.0,
                        y: -90.0,
                    },
                    Coord {
                        x: c + 180.0,
                        y: 90.0,
                    },
                );
                let projected = self.project_lonlat_polygon(&world.to_polygon());
                projected
                    .into_iter()
                    .next()
                    .unwrap_or_else(|| Polygon::new(LineString::new(vec![]), vec![]))
            }
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. } => {
                let disk = visible_disk(self.visible_radius());
                Polygon::new(
                    disk.exterior().coords().map(|c| self.warp(*c)).collect(),
                    vec![],
                )
            }
        }
    }

    // ---- Areas -------------------------------------------------------------------------

    /// The covered area of a range ring, in map units, clipped to what the map shows.
    pub fn project_ring_area(&self, ring: &RangeRing, tolerance: f64) -> MultiPolygon<f64> {
        if !self.is_azimuthal() {
            let area = ring.area(self.central_lon()).polygons;
            return MultiPolygon(
                area.0
                    .iter()
                    .flat_map(|p| self.project_lonlat_polygon(p))
                    .collect(),
            );
        }
        let radius = self.visible_radius();
        let disk = visible_disk(radius);
        let region = match ring.shape {
            RingShape::WholeEarth => MultiPolygon(vec![disk]),
            RingShape::Loop => {
                let polar = self.polar_path(&closed_lonlat(ring), tolerance);
                let holds_antipode = ring.contains(self.antipode());
                region_in_disk(polar, holds_antipode, &disk, radius)
            }
        };
        self.warp_polygons(region)
    }

    /// Land or any other planar lon/lat polygons (on [-180, 180], cut at the antimeridian), in
    /// map units, clipped to what the map shows.
    pub fn project_polygons(
        &self,
        polygons: &MultiPolygon<f64>,
        tolerance: f64,
    ) -> MultiPolygon<f64> {
        if !self.is_azimuthal() {
            let c = self.central_lon();
            return MultiPolygon(
                polygons
                    .0
                    .iter()
                    .flat_map(|p| cut_at_map_edge(p, c).0)
                    .flat_map(|p| self.project_lonlat_polygon(&p))
                    .collect(),
            );
        }
        let radius = self.visible_radius();
        let disk = visible_disk(radius);
        let antipode = self.antipode();
        let mut out = Vec::new();
        for polygon in &polygons.0 {
            let region = |ring: &LineString<f64>| {
                let holds_antipode = planar_ring_contains(ring, antipode);
                region_in_disk(
                    self.polar_path(&ring.0, tolerance),
                    holds_antipode,
                    &disk,
                    radius,
                )
            };
            let mut area = region(polygon.exterior());
            for hole in polygon.interiors() {
                area = area.difference(&region(hole));
            }
            out.extend(area.0);
        }
        self.warp_polygons(MultiPolygon(out))
    }

    // ---- Lines -------------------------------------------------------------------------

    /// A polyline given in lon/lat degrees (consecutive points less than 180 degrees of
    /// longitude apart), in map units: split where it leaves the map or crosses its edge.
    pub fn project_line(&self, line: &[Coord<f64>], tolerance: f64) -> Vec<LineString<f64>> {
        if line.len() < 2 {
            return Vec::new();
        }
        if !self.is_azimuthal() {
            return split_at_map_edge(line, self.central_lon() - 180.0)
                .into_iter()
                .map(|piece| self.project_lonlat_line(&piece))
                .collect();
        }
        let polar = self.polar_path(line, tolerance);
        clip_to_disk(&polar, self.visible_radius())
            .into_iter()
            .map(|piece| piece.into_iter().map(|c| self.warp(c)).collect())
            .collect()
    }

    /// A ring's outline, in map units.
    pub fn project_ring_outline(&self, ring: &RangeRing, tolerance: f64) -> Vec<LineString<f64>> {
        if !self.is_azimuthal() {
            return ring
                .outline(self.central_lon())
                .iter()
                .map(|l| self.project_lonlat_line(&l.0))
                .collect();
        }
        if ring.shape == RingShape::WholeEarth {
            return Vec::new();
        }
        self.project_line(&closed_lonlat(ring), tolerance)
    }

    // ---- Cylindrical helpers -----------------------------------------------------------

    /// Projects a polygon already in [central - 180, central + 180] lon/lat, densifying edges
    /// that become curves (Equal Earth's meridians).
    fn project_lonlat_polygon(&self, polygon: &Polygon<f64>) -> Option<Polygon<f64>> {
        let exterior = self.project_lonlat_line(&polygon.exterior().0);
        if exterior.0.len() < 4 {
            return None;
        }
        let holes = polygon
            .interiors()
            .iter()
            .map(|h| self.project_lonlat_line(&h.0))
            .collect();
        Some(Polygon::new(exterior, holes))
    }

    fn project_lonlat_line(&self, line: &[Coord<f64>]) -> LineString<f64> {
        let c = self.central_lon();
        let project = |p: Coord<f64>| -> Coord<f64> {
            let (lon, lat) = ((p.x - c).to_radians(), p.y.to_radians());
            match self {
                Self::EqualEarth { .. } => equal_earth(lon, lat),
                _ => Coord { x: lon, y: lat },
            }
        };
        let curved = matches!(self, Self::EqualEarth { .. });
        let mut out = Vec::with_capacity(line.len());
        for (i, &p) in line.iter().enumerate() {
            if curved && i > 0 {
                let a = line[i - 1];
                let steps =
                    ((p.x - a.x).abs().max((p.y - a.y).abs()) / MAX_STEP_DEG).ceil() as usize;
                for k in 1..steps {
                    let t = k as f64 / steps as f64;
                    out.push(project(Coord {
                        x: a.x + t * (p.x - a.x),
                        y: a.y + t * (p.y - a.y),
                    }));
                }
            }
            out.push(project(p));
        }
        LineString::from(out)
    }

    // ---- Azimuthal helpers -------------------------------------------------------------

    fn centre(&self) -> LatLon {
        match self {
            Self::AzimuthalEquidistant { centre } | Self::Orthographic { centre } => *centre,
            Self::Equirectangular { central_lon } | Self::EqualEarth { central_lon } => {
                LatLon::lat_lon(0.0, *central_lon)
            }
        }
    }

    fn antipode(&self) -> LatLon {
        self.centre().antipode()
    }

    /// Radius of the shown part of polar space: the hemisphere for the globe; for the azimuthal
    /// equidistant map everything but a 110 km cap round the antipode, where geodesics from the
    /// centre stop being unique (the cut locus is at most about 70 km long).
    fn visible_radius(&self) -> f64 {
        match self {
            Self::Orthographic { .. } => FRAC_PI_2,
            Self::AzimuthalEquidistant { centre } => {
                (geodesy::antipodal_distance_m(*centre) - 110_000.0) / EARTH_RADIUS_M
            }
            _ => PI,
        }
    }

    /// Polar space: (angular distance, azimuth) from the centre drawn as x = d sin az,
    /// y = d cos az. Geodesic for the azimuthal equidistant map, spherical for the globe.
    fn polar_of(&self, p: LatLon) -> Coord<f64> {
        let (delta, azimuth) = match self {
            Self::AzimuthalEquidistant { centre } => {
                let line = geodesy::inverse(*centre, p);
                (
                    line.distance_m / EARTH_RADIUS_M,
                    line.azimuth_deg.to_radians(),
                )
            }
            _ => sphere_polar(self.centre(), p),
        };
        Coord {
            x: delta * azimuth.sin(),
            y: delta * azimuth.cos(),
        }
    }

    fn warp_radius(&self, delta: f64) -> f64 {
        match self {
            Self::Orthographic { .. } => delta.min(FRAC_PI_2).sin(),
            _ => delta,
        }
    }

    /// Bends polar space into the projection (only the globe needs it).
    fn warp(&self, c: Coord<f64>) -> Coord<f64> {
        match self {
            Self::Orthographic { .. } => {
                let delta = c.x.hypot(c.y);
                if delta == 0.0 {
                    return c;
                }
                let k = self.warp_radius(delta) / delta;
                Coord {
                    x: c.x * k,
                    y: c.y * k,
                }
            }
            _ => c,
        }
    }

    fn warp_polygons(&self, polygons: MultiPolygon<f64>) -> MultiPolygon<f64> {
        if !matches!(self, Self::Orthographic { .. }) {
            return polygons;
        }
        let warp_ring = |r: &LineString<f64>| -> LineString<f64> {
            r.coords().map(|c| self.warp(*c)).collect()
        };
        MultiPolygon(
            polygons
                .0
                .iter()
                .map(|p| {
                    Polygon::new(
                        warp_ring(p.exterior()),
                        p.interiors().iter().map(warp_ring).collect(),
                    )
                })
                .collect(),
        )
    }

    /// A lon/lat path in polar space, with points added wherever the straight lon/lat edge bends
    /// away from the straight polar chord by more than `tolerance` (map units).
    fn polar_path(&self, lonlat: &[Coord<f64>], tolerance: f64) -> Vec<Coord<f64>> {
        let mut out = Vec::with_capacity(lonlat.len());
        let Some(&first) = lonlat.first() else {
            return out;
        };
        let to_polar = |c: Coord<f64>| self.polar_of(LatLon::lat_lon(c.y, c.x));
        let mut prev = (first, to_polar(first));
        out.push(prev.1);
        for &next_ll in &lonlat[1..] {
            // Interpolate the short way round in longitude.
            let next_ll = Coord {
                x: prev.0.x + geodesy::normalize_lon(next_ll.x - prev.0.x),
                y: next_ll.y,
            };
            let next = (next_ll, to_polar(next_ll));
            self.refine_polar(prev, next, tolerance, 0, &mut out);
            out.push(next.1);
            prev = next;
        }
        out
    }

    fn refine_polar(
        &self,
        a: (Coord<f64>, Coord<f64>),
        b: (Coord<f64>, Coord<f64>),
        tolerance: f64,
        depth: u32,
        out: &mut Vec<Coord<f64>>,
    ) {
        const MAX_DEPTH: u32 = 12;
        let span_deg = (b.0.x - a.0.x).abs().max((b.0.y - a.0.y).abs());
        let near_singularity = |c: Coord<f64>| {
            let d = c.x.hypot(c.y);
            !(0.05..=PI - 0.1).contains(&d)
        };
        // Short edges away from the centre and the antipode bend far less than a pixel.
        if depth >= MAX_DEPTH
            || (span_deg < 0.25 && !near_singularity(a.1) && !near_singularity(b.1))
        {
            return;
        }
        let mid_ll = Coord {
            x: 0.5 * (a.0.x + b.0.x),
            y: 0.5 * (a.0.y + b.0.y),
        };
        let mid = (
            mid_ll,
            self.polar_of(LatLon::lat_lon(mid_ll.y, normalize_lon(mid_ll.x))),
        );
        let chord = Coord {
            x: 0.5 * (a.1.x + b.1.x),
            y: 0.5 * (a.1.y + b.1.y),
        };
        if (mid.1.x - chord.x).hypot(mid.1.y - chord.y) > tolerance || span_deg > 10.0 {
            self.refine_polar(a, mid, tolerance, depth + 1, out);
            out.push(mid.1);
            self.refine_polar(mid, b, tolerance, depth + 1, out);
        }
    }
}

/// A ring's vertices as a closed (lon, lat) path, degrees.
fn closed_lonlat(ring: &RangeRing) -> Vec<Coord<f64>> {
    let mut path: Vec<Coord<f64>> = ring
        .vertices
        .iter()
        .map(|v| Coord { x: v.lon, y: v.lat })
        .collect();
    if let Some(&first) = path.first() {
        path.push(first);
    }
    path
}

/// Equal Earth forward, radians in, map units out.
fn equal_earth(lon: f64, lat: f64) -> Coord<f64> {
    let theta = (EE_M * lat.sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let denominator = 3.0 * (9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1);
    Coord {
        x: 2.0 * 3f64.sqrt() * lon * theta.cos() / denominator,
        y: theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)),
    }
}

/// Equal Earth inverse by Newton's method; `None` outside the map.
fn equal_earth_inverse(q: Coord<f64>) -> Option<(f64, f64)> {
    let top = equal_earth(0.0, FRAC_PI_2).y;
    if q.y.abs() > top {
        return None;
    }
    let mut theta = q.y;
    for _ in 0..20 {
        let t2 = theta * theta;
        let t6 = t2 * t2 * t2;
        let f = theta * (EE_A1 + EE_A2 * t2 + t6 * (EE_A3 + EE_A4 * t2)) - q.y;
        let df = EE_A1 + 3.0 * EE_A2 * t2 + t6 * (7.0 * EE_A3 + 9.0 * EE_A4 * t2);
        let step = f / df;
        theta -= step;
        if step.abs() < 1e-12 {
            break;
        }
    }
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let denominator = 3.0 * (9.0 * EE_A4 * t6 * t2 + 7.0 * EE_A3 * t6 + 3.0 * EE_A2 * t2 + EE_A1);
    let lon = q.x * denominator / (2.0 * 3f64.sqrt() * theta.cos());
    if !lon.is_finite() || lon.abs() > PI + 1e-9 {
        return None;
    }
    let lat = (theta.sin() / EE_M).clamp(-1.0, 1.0).asin();
    Some((lon, lat))
}

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
fn sphere_polar(from: LatLon, to: LatLon) -> (f64, f64) {
    let (up, north, east) = sphere_frame(from);
    let (v, _, _) = sphere_frame(to);
    let (n, e) = (dot(v, north), dot(v, east));
    (n.hypot(e).atan2(dot(v, up)), e.atan2(n))
}

/// The point at angular distance `delta` along `azimuth` (radians) from `from` on the sphere.
fn sphere_destination(from: LatLon, azimuth: f64, delta: f64) -> LatLon {
    let (up, north, east) = sphere_frame(from);
    let (sd, cd) = delta.sin_cos();
    let (sa, ca) = azimuth.sin_cos();
    let v: [f64; 3] = std::array::from_fn(|i| cd * up[i] + sd * (ca * north[i] + sa * east[i]));
    let lat = v[2].clamp(-1.0, 1.0).asin().to_degrees();
    let lon = v[1].atan2(v[0]).to_degrees();
    LatLon::lat_lon(lat, normalize_lon(lon))
}

/// The visible part of polar space as a polygon (a circle of 720 sides).
fn visible_disk(radius: f64) -> Polygon<f64> {
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
fn region_in_disk(
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
fn planar_ring_contains(ring: &LineString<f64>, p: LatLon) -> bool {
    let lat = p.lat.clamp(-89.9999, 89.9999);
    let lon = p.lon.clamp(-179.9999, 179.9999);
    Polygon::new(ring.clone(), vec![]).contains(&Point::new(lon, lat))
}

/// A lon/lat polyline split where it crosses the edge `west` + 360 k of a cylindrical map, with
/// each piece shifted into [west, west + 360].
fn split_at_map_edge(line: &[Coord<f64>], west: f64) -> Vec<Vec<Coord<f64>>> {
    let mut pieces = Vec::new();
    let mut piece = Vec::new();
    let mut x = west + (line[0].x - west).rem_euclid(360.0);
    piece.push(Coord { x, y: line[0].y });
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

/// Pieces of a polar-space polyline inside the disk of `radius`, cut exactly on its edge.
fn clip_to_disk(line: &[Coord<f64>], radius: f64) -> Vec<Vec<Coord<f64>>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const PYONGYANG: LatLon = LatLon::lat_lon(39.0392, 125.7625);

    fn all() -> Vec<Projection> {
        vec![
            Projection::Equirectangular { central_lon: 150.0 },
            Projection::Equirectangular { central_lon: 0.0 },
            Projection::EqualEarth { central_lon: 150.0 },
            Projection::AzimuthalEquidistant { centre: PYONGYANG },
            Projection::Orthographic { centre: PYONGYANG },
            Projection::Orthographic {
                centre: LatLon::lat_lon(90.0, 0.0),
            },
        ]
    }

    #[test]
    fn inverse_undoes_forward() {
        for proj in all() {
            for lat in (-85..=85).step_by(10) {
                for lon in (-175..=175).step_by(10) {
                    let p = LatLon::lat_lon(f64::from(lat), f64::from(lon));
                    let Some(q) = proj.forward(p) else { continue };
                    let back = proj.inverse(q).unwrap_or_else(|| panic!("{proj:?} {p:?}"));
                    let miss = geodesy::distance_m(p, back);
                    assert!(miss < 0.01, "{}: {p:?} came back {miss} m off", proj.name());
                }
            }
        }
    }

    #[test]
    fn azimuthal_equidistant_keeps_geodesic_distance() {
        let proj = Projection::AzimuthalEquidistant { centre: PYONGYANG };
        let washington = LatLon::lat_lon(38.8977, -77.0365);
        let q = proj.forward(washington).unwrap();
        let rho_km = q.x.hypot(q.y) * EARTH_RADIUS_M / 1000.0;
        assert!((rho_km - 11_067.41).abs() < 0.01, "{rho_km}");
    }

    #[test]
    fn globe_hides_the_far_side() {
        let proj = Projection::Orthographic { centre: PYONGYANG };
        assert!(proj.forward(LatLon::lat_lon(38.9, -77.0)).is_none());
        assert!(proj.forward(LatLon::lat_lon(35.7, 139.7)).is_some());
    }

    #[test]
    fn map_edge_split_interpolates_at_the_edge() {
        let pieces = split_at_map_edge(
            &[Coord { x: -40.0, y: 0.0 }, Coord { x: -20.0, y: 10.0 }],
            -30.0,
        );
        assert_eq!(pieces.len(), 2);
        assert_eq!(pieces[0].last().unwrap().x, 330.0);
        assert_eq!(pieces[1][0], Coord { x: -30.0, y: 5.0 });
    }
}
