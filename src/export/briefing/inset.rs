//! The inset: short-range rings (under 1,500 km) are a few pixels across on a world-scale map,
//! so a briefing then adds a regional map of them (the Korean peninsula and Japan for the
//! built-in scenario), azimuthal equidistant about their sites.

use crate::geodesy::{LatLon, M_PER_KM};
use crate::projection::{MapPoint, MapRect, Projection};
use crate::scenario::Scenario;
use crate::scene::{Focus, Scene};

/// Rings below this range get the inset, km.
pub const SHORT_RANGE_KM: f64 = 1_500.0;

/// Smallest half-width of the inset's frame, km.
const MIN_INSET_HALF_KM: f64 = 100.0;

/// Whether briefings get an inset for short ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InsetMode {
    /// When rings under 1,500 km are drawn on a world-scale map.
    #[default]
    Auto,
    /// Never.
    None,
}

/// Where the inset looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InsetView {
    /// Its projection.
    pub projection: Projection,
    /// The part of it shown, map units.
    pub extent: MapRect,
    /// The disk it shows (about its projection's centre), for building only what is in it.
    pub focus: Focus,
}

impl InsetView {
    /// Width over height.
    pub fn aspect(&self) -> f64 {
        self.extent.width() / self.extent.height()
    }
}

/// The inset a briefing of `scene` (its map showing `shown`, map units) gets, if any: the
/// rings of visible missiles under 1,500 km, framed with a margin, when the map is world-scale
/// (more than half of the projection's width shown).
pub fn inset_view(scenario: &Scenario, scene: &Scene, shown: &MapRect) -> Option<InsetView> {
    if shown.width() < 0.5 * scene.bounds.width() {
        return None;
    }
    let short: Vec<_> = scene
        .rings
        .iter()
        .filter(|r| r.range_km < SHORT_RANGE_KM)
        .collect();
    if short.is_empty() {
        return None;
    }
    // Centred on the mean of the short rings' sites (a missile's reach is one ring for all
    // its sites).
    let disks: Vec<(LatLon, f64)> = short
        .iter()
        .flat_map(|r| {
            r.sites
                .iter()
                .map(|&s| (scenario.sites()[s].position, r.range_km))
        })
        .collect();
    let sites: Vec<LatLon> = disks.iter().map(|d| d.0).collect();
    let centre = mean_position(&sites);
    let projection = Projection::AzimuthalEquidistant { centre };
    let radius = short.iter().map(|r| r.range_km).fold(0.0, f64::max);
    let mut extent: Option<MapRect> = None;
    for (site, range_km) in disks {
        let Some(p) = projection.forward(site) else {
            continue;
        };
        // The ring's disk, about: its radius on the unit sphere round the site.
        let r = range_km * M_PER_KM / crate::geodesy::EARTH_MEAN_RADIUS_M;
        let b = MapRect {
            min: MapPoint {
                x: p.x - r,
                y: p.y - r,
            },
            max: MapPoint {
                x: p.x + r,
                y: p.y + r,
            },
        };
        extent = Some(match extent {
            None => b,
            Some(e) => MapRect {
                min: MapPoint {
                    x: e.min.x.min(b.min.x),
                    y: e.min.y.min(b.min.y),
                },
                max: MapPoint {
                    x: e.max.x.max(b.max.x),
                    y: e.max.y.max(b.max.y),
                },
            },
        });
    }
    let e = extent?;
    // A tenth of the largest short radius around, and not taller than wide by much.
    let margin = 0.1 * radius * M_PER_KM / crate::geodesy::EARTH_MEAN_RADIUS_M;
    let (cx, cy) = (0.5 * (e.min.x + e.max.x), 0.5 * (e.min.y + e.max.y));
    // At least 100 km each side: a ring of a few metres would otherwise zoom the inset so far
    // that the basemap's coordinates overflow the rasteriser.
    let least = MIN_INSET_HALF_KM * M_PER_KM / crate::geodesy::EARTH_MEAN_RADIUS_M;
    let half_w = (0.5 * e.width() + margin).max(least);
    let half_h = (0.5 * e.height() + margin)
        .min(1.2 * half_w)
        .max(0.6 * half_w);
    let extent = MapRect {
        min: MapPoint {
            x: cx - half_w,
            y: cy - half_h,
        },
        max: MapPoint {
            x: cx + half_w,
            y: cy + half_h,
        },
    };
    // Azimuthal equidistant: a corner's distance from the origin is its distance on the
    // sphere, in radians.
    let corner = (cx.abs() + half_w).hypot(cy.abs() + half_h);
    let focus = Focus {
        centre,
        radius_km: 1.02 * corner * crate::geodesy::EARTH_MEAN_RADIUS_M / M_PER_KM,
    };
    Some(InsetView {
        projection,
        extent,
        focus,
    })
}

/// The mean of positions, by their unit vectors (right across the antimeridian).
fn mean_position(points: &[LatLon]) -> LatLon {
    let mut v = [0.0; 3];
    for p in points {
        let (sl, cl) = p.lat.to_radians().sin_cos();
        let (so, co) = p.lon.to_radians().sin_cos();
        v[0] += cl * co;
        v[1] += cl * so;
        v[2] += sl;
    }
    let lat = v[2].atan2(v[0].hypot(v[1])).to_degrees();
    let lon = v[1].atan2(v[0]).to_degrees();
    LatLon::lat_lon(lat, lon)
}
