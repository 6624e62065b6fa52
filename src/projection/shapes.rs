//! Areas and lines projected with the clipping each family of projections needs: world maps
//! cut in longitude/latitude (see [`super::lonlat`]), azimuthal maps clipped in polar space
//! (see `azimuthal.rs`) and bent into the projection.

use super::azimuthal::{clip_to_disk, planar_ring_contains, region_in_disk, visible_disk};
use super::lonlat::{closed_path, cut_at_map_edge, split_at_map_edge};
use super::{MAX_STEP_DEG, Projection, equal_earth};
use crate::geodesy::{self, LatLon, RangeRing, RingShape, normalize_lon};
use geo::{BooleanOps, Coord, LineString, MultiPolygon, Polygon};
use std::f64::consts::PI;

impl Projection {
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
                let polar = self.polar_path(&closed_path(&ring.vertices), tolerance);
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
        self.project_line(&closed_path(&ring.vertices), tolerance)
    }

    // ---- Cylindrical helpers -----------------------------------------------------------

    /// Projects a polygon already in [central - 180, central + 180] lon/lat, densifying edges
    /// that become curves (Equal Earth's meridians).
    pub(crate) fn project_lonlat_polygon(&self, polygon: &Polygon<f64>) -> Option<Polygon<f64>> {
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
                Self::EqualEarth { .. } => equal_earth::forward(lon, lat),
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
