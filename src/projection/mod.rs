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
//!
//! Submodules: [`lonlat`] (world-map geometry in longitude/latitude: pole closure, map-edge
//! cuts, patrol-area buffers), `azimuthal` (polar space) and `equal_earth` (its formulas).

mod azimuthal;
mod equal_earth;
pub mod lonlat;
mod shapes;
mod window;

pub use window::LonLatWindow;

use crate::geodesy::{self, EARTH_MEAN_RADIUS_M, LatLon, normalize_lon};
use azimuthal::{sphere_destination, sphere_polar, visible_disk};
use geo::{Coord, LineString, Polygon};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::f64::consts::{FRAC_PI_2, PI};

/// A point in map units: those of the unit sphere (x east, y north), not degrees (see
/// [`LatLon`]). Screens and images place it with a scale and an offset.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MapPoint {
    /// East, map units.
    pub x: f64,
    /// North, map units.
    pub y: f64,
}

impl From<Coord<f64>> for MapPoint {
    fn from(c: Coord<f64>) -> Self {
        Self { x: c.x, y: c.y }
    }
}

impl From<MapPoint> for Coord<f64> {
    fn from(p: MapPoint) -> Self {
        Coord { x: p.x, y: p.y }
    }
}

/// Map projections by name, as a scenario's view, the command line and the app choose them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    Serialize,
    Deserialize,
    JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum ProjectionKind {
    /// Plate carree with a selectable central meridian.
    #[default]
    Equirectangular,
    /// Azimuthal equidistant centred on a point: rings around that point are true circles.
    AzimuthalEquidistant,
    /// A globe seen from space, centred anywhere.
    Orthographic,
    /// Equal Earth, an equal-area world projection.
    EqualEarth,
}

impl ProjectionKind {
    /// Every kind, in menu order.
    pub const ALL: [Self; 4] = [
        Self::Equirectangular,
        Self::EqualEarth,
        Self::AzimuthalEquidistant,
        Self::Orthographic,
    ];

    /// A name for menus: "Equirectangular", "Orthographic globe"...
    pub fn label(self) -> &'static str {
        match self {
            Self::Equirectangular => "Equirectangular",
            Self::EqualEarth => "Equal Earth",
            Self::AzimuthalEquidistant => "Azimuthal equidistant",
            Self::Orthographic => "Orthographic globe",
        }
    }
}

/// What a map view is chosen by: the one way from a view (a scenario's, the command line's,
/// the app's) to a [`Projection`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProjectionChoice {
    /// Which projection.
    pub kind: ProjectionKind,
    /// Central meridian of a world map, degrees east.
    pub central_lon: f64,
    /// Centre of an azimuthal map; the point (0, `central_lon`) when `None`.
    pub centre: Option<LatLon>,
}

impl ProjectionChoice {
    /// The projection with these parameters.
    pub fn projection(&self) -> Projection {
        let centre = self
            .centre
            .unwrap_or(LatLon::lat_lon(0.0, self.central_lon));
        match self.kind {
            ProjectionKind::Equirectangular => Projection::Equirectangular {
                central_lon: self.central_lon,
            },
            ProjectionKind::EqualEarth => Projection::EqualEarth {
                central_lon: self.central_lon,
            },
            ProjectionKind::AzimuthalEquidistant => Projection::AzimuthalEquidistant { centre },
            ProjectionKind::Orthographic => Projection::Orthographic { centre },
        }
    }
}

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
    pub min: MapPoint,
    /// Largest x and y.
    pub max: MapPoint,
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

    /// The middle of the rectangle.
    pub fn centre(&self) -> MapPoint {
        MapPoint {
            x: 0.5 * (self.min.x + self.max.x),
            y: 0.5 * (self.min.y + self.max.y),
        }
    }
}

/// Longest step, degrees, of a straight lon/lat edge before projection onto a curved one.
pub(crate) const MAX_STEP_DEG: f64 = 1.0;

impl Projection {
    /// A short human name, e.g. "Equirectangular, centred on 150 E".
    pub fn name(&self) -> String {
        use crate::format::{lat_whole as lat_text, lon_whole as lon_text};
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

    /// The projection's kind, without its parameters.
    pub fn kind(&self) -> ProjectionKind {
        match self {
            Self::Equirectangular { .. } => ProjectionKind::Equirectangular,
            Self::EqualEarth { .. } => ProjectionKind::EqualEarth,
            Self::AzimuthalEquidistant { .. } => ProjectionKind::AzimuthalEquidistant,
            Self::Orthographic { .. } => ProjectionKind::Orthographic,
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
                let edge = equal_earth::forward(PI, 0.0);
                let top = equal_earth::forward(0.0, FRAC_PI_2);
                (edge.x, top.y)
            }
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. } => {
                let r = self.warp_radius(self.visible_radius());
                (r, r)
            }
        };
        MapRect {
            min: MapPoint { x: -hw, y: -hh },
            max: MapPoint { x: hw, y: hh },
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
    pub fn forward(&self, p: LatLon) -> Option<MapPoint> {
        match self {
            Self::Equirectangular { central_lon } => {
                let lon = normalize_lon(p.lon - central_lon);
                Some(MapPoint {
                    x: lon.to_radians(),
                    y: p.lat.to_radians(),
                })
            }
            Self::EqualEarth { central_lon } => {
                let lon = normalize_lon(p.lon - central_lon);
                Some(equal_earth::forward(lon.to_radians(), p.lat.to_radians()).into())
            }
            Self::AzimuthalEquidistant { .. } | Self::Orthographic { .. } => {
                let polar = self.polar_of(p);
                (polar.x.hypot(polar.y) <= self.visible_radius()).then(|| self.warp(polar).into())
            }
        }
    }

    /// The geographic point shown at `q`, or `None` off the map.
    pub fn inverse(&self, q: MapPoint) -> Option<LatLon> {
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
                let (lon, lat) = equal_earth::inverse(q.into())?;
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
                    delta * EARTH_MEAN_RADIUS_M,
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

    // ---- Azimuthal helpers -------------------------------------------------------------

    pub(crate) fn centre(&self) -> LatLon {
        match self {
            Self::AzimuthalEquidistant { centre } | Self::Orthographic { centre } => *centre,
            Self::Equirectangular { central_lon } | Self::EqualEarth { central_lon } => {
                LatLon::lat_lon(0.0, *central_lon)
            }
        }
    }

    pub(crate) fn antipode(&self) -> LatLon {
        self.centre().antipode()
    }

    /// Radius of the shown part of polar space: the hemisphere for the globe; for the azimuthal
    /// equidistant map everything but a 110 km cap round the antipode, where geodesics from the
    /// centre stop being unique (the cut locus is at most about 70 km long).
    pub(crate) fn visible_radius(&self) -> f64 {
        match self {
            Self::Orthographic { .. } => FRAC_PI_2,
            Self::AzimuthalEquidistant { centre } => {
                (geodesy::antipodal_distance_m(*centre) - 110_000.0) / EARTH_MEAN_RADIUS_M
            }
            _ => PI,
        }
    }

    /// Polar space: (angular distance, azimuth) from the centre drawn as x = d sin az,
    /// y = d cos az. Geodesic for the azimuthal equidistant map, spherical for the globe.
    pub(crate) fn polar_of(&self, p: LatLon) -> Coord<f64> {
        // A pole is one point whatever its longitude. Seen from the other pole every direction
        // leads to it, and the azimuth computed from a longitude would spread the pole line of
        // a polygon (Antarctica's) round the rim of polar space, turning it inside out.
        let p = if p.lat.abs() >= 90.0 {
            LatLon::lat_lon(90f64.copysign(p.lat), 0.0)
        } else {
            p
        };
        let (delta, azimuth) = match self {
            Self::AzimuthalEquidistant { centre } => {
                let line = geodesy::inverse(*centre, p);
                (
                    line.distance_m / EARTH_MEAN_RADIUS_M,
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
    pub(crate) fn warp(&self, c: Coord<f64>) -> Coord<f64> {
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
        let rho_km = q.x.hypot(q.y) * EARTH_MEAN_RADIUS_M / 1000.0;
        assert!((rho_km - 11_067.41).abs() < 0.01, "{rho_km}");
    }

    #[test]
    fn globe_hides_the_far_side() {
        let proj = Projection::Orthographic { centre: PYONGYANG };
        assert!(proj.forward(LatLon::lat_lon(38.9, -77.0)).is_none());
        assert!(proj.forward(LatLon::lat_lon(35.7, 139.7)).is_some());
    }
}
