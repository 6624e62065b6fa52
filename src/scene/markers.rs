//! Markers for sites and targets, each with its symbol and its label, and the geodesic path of
//! a highlighted reach row.

use crate::geodesy::{LatLon, Origin, destination, inverse};
use crate::projection::lonlat::{closed_path, cut_at_map_edge};
use crate::projection::{MapPoint, Projection};
use crate::scenario::{Scenario, SiteKind};
use geo::{Coord, LineString, MultiPolygon, Polygon};

/// How a marker is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Symbol {
    /// A land launch site: a filled triangle.
    Launch,
    /// A submarine patrol point: a diamond, hollow when its position is illustrative.
    Patrol {
        /// The position is illustrative, not from a source.
        illustrative: bool,
    },
    /// A target: a hollow circle.
    Target,
}

/// What a marker stands for, by index into the scenario's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerItem {
    /// A site (launch site or patrol point).
    Site(usize),
    /// A target.
    Target(usize),
}

/// A marker's label; labels of higher priority are placed first and win collisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// The text.
    pub text: String,
    /// Placement order: higher first.
    pub priority: u8,
}

/// Label priorities: the selected site, then key places, sites with rings, other targets,
/// other sites. Labels of key places and sites with rings are placed with a leader line when
/// there is no room beside their marker; others that find no room are listed instead.
pub mod priority {
    /// The site selected in the app.
    pub const SELECTED: u8 = u8::MAX;
    /// A key place (a column of the reach matrix).
    pub const KEY_PLACE: u8 = 5;
    /// A site a visible missile flies from.
    pub const SITE_WITH_RINGS: u8 = 3;
    /// A target.
    pub const TARGET: u8 = 2;
    /// A site no visible missile flies from.
    pub const IDLE_SITE: u8 = 1;
}

/// A site or target the map shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// What it stands for.
    pub item: MarkerItem,
    /// The id in the scenario.
    pub id: String,
    /// Position, map units.
    pub position: MapPoint,
    /// How it is drawn.
    pub symbol: Symbol,
    /// Its label, when labels are on.
    pub label: Option<Label>,
    /// The site selected in the app (drawn larger, with a ring round it).
    pub selected: bool,
    /// A patrol area's outline, map units (empty for points); drawn dashed.
    pub area: Vec<LineString<f64>>,
    /// A patrol area's surface, map units (empty for points); drawn lightly tinted.
    pub area_fill: MultiPolygon<f64>,
}

/// Which markers a scene shows and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MarkerOptions {
    /// Show sites no visible missile flies from (the app, where they are edited); briefings
    /// leave them out as clutter.
    pub sites_without_rings: bool,
    /// Label markers.
    pub labels: bool,
    /// The site selected in the app.
    pub selected_site: Option<usize>,
}

/// Markers for the sites and targets the map shows, sites first.
pub fn markers(
    scenario: &Scenario,
    projection: &Projection,
    options: MarkerOptions,
) -> Vec<Marker> {
    let mut has_rings = vec![false; scenario.sites().len()];
    for spec in scenario.visible_ring_specs() {
        has_rings[spec.site] = true;
    }
    let label = |text: &str, priority: u8| {
        options.labels.then(|| Label {
            text: text.to_owned(),
            priority,
        })
    };
    let mut out = Vec::new();
    for (i, site) in scenario.sites().iter().enumerate() {
        if !has_rings[i] && !options.sites_without_rings {
            continue;
        }
        let Some(position) = projection.forward(site.position) else {
            continue;
        };
        let selected = options.selected_site == Some(i);
        let priority = match (selected, has_rings[i]) {
            (true, _) => priority::SELECTED,
            (false, true) => priority::SITE_WITH_RINGS,
            (false, false) => priority::IDLE_SITE,
        };
        let (area, area_fill) = match &site.origin {
            Origin::Area(area) => {
                let lonlat = cut_at_map_edge(&Polygon::new(area.unwrapped_ring(), vec![]), 0.0);
                (
                    projection.project_line(&closed_path(area.corners()), 1e-3),
                    projection.project_polygons(&lonlat, 1e-3),
                )
            }
            Origin::Point(_) => (Vec::new(), MultiPolygon(Vec::new())),
        };
        out.push(Marker {
            item: MarkerItem::Site(i),
            id: site.id.clone(),
            position,
            symbol: match site.kind {
                SiteKind::Launch => Symbol::Launch,
                SiteKind::Patrol => Symbol::Patrol {
                    illustrative: site.illustrative,
                },
            },
            label: label(&site.display_name(), priority),
            selected,
            area,
            area_fill,
        });
    }
    for (i, target) in scenario.targets().iter().enumerate() {
        let Some(position) = projection.forward(target.position) else {
            continue;
        };
        out.push(Marker {
            item: MarkerItem::Target(i),
            id: target.id.clone(),
            position,
            symbol: Symbol::Target,
            label: label(
                &target.name,
                if target.key {
                    priority::KEY_PLACE
                } else {
                    priority::TARGET
                },
            ),
            selected: false,
            area: Vec::new(),
            area_fill: MultiPolygon(Vec::new()),
        });
    }
    out
}

/// A geodesic from a site to a target, drawn over the map (the reach row under the pointer).
#[derive(Debug, Clone, PartialEq)]
pub struct GeodesicPath {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's targets.
    pub target: usize,
    /// The path, map units, split where it leaves the map.
    pub lines: Vec<LineString<f64>>,
}

/// The geodesic from site `site` (its marker's point) to target `target`, projected within
/// `tolerance` map units.
pub fn geodesic_path(
    scenario: &Scenario,
    site: usize,
    target: usize,
    projection: &Projection,
    tolerance: f64,
) -> Option<GeodesicPath> {
    let from = scenario.sites().get(site)?.position;
    let to = scenario.targets().get(target)?.position;
    Some(GeodesicPath {
        site,
        target,
        lines: geodesic_line(from, to, projection, tolerance),
    })
}

/// The shortest geodesic from `from` to `to`, projected within `tolerance` map units and split
/// where it leaves the map (96 points along it before projection).
pub fn geodesic_line(
    from: LatLon,
    to: LatLon,
    projection: &Projection,
    tolerance: f64,
) -> Vec<LineString<f64>> {
    let line = inverse(from, to);
    let points: Vec<Coord<f64>> = (0..=96)
        .map(|k| {
            let p: LatLon = destination(
                from,
                line.azimuth_deg,
                line.distance_m * f64::from(k) / 96.0,
            );
            Coord { x: p.lon, y: p.lat }
        })
        .collect();
    projection.project_line(&points, tolerance)
}
