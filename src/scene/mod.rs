//! The scene: everything a map shows, in projected map units, built once from a scenario, the
//! basemap, a projection and options. It is the single source of drawing: the briefing
//! renderer and the app's painter take the scene alone and only apply a scale and an offset
//! (see [`ViewTransform`]) and place its markers and labels the same way ([`Scene::overlay`]),
//! so screen and paper cannot disagree.
//!
//! Submodules: `builder` (the cached [`SceneBuilder`]), `basemap_layer`, `rings`, `areas`
//! (target areas), `markers`, `legend` (legend entries, caveats, symbol key), `overlay`
//! (markers and labels in pixels, with `labels` and `ring_labels`), `style` and `view` (map
//! units to pixels).

mod areas;
mod basemap_layer;
mod builder;
mod labels;
mod legend;
mod markers;
mod overlay;
mod ring_labels;
mod rings;
mod style;
mod view;

pub use areas::SceneArea;
pub use basemap_layer::{BasemapLayer, simplify_line};
pub use builder::SceneBuilder;
pub use labels::{MarkerLabels, marker_box, place_marker_labels, segment_crosses};
pub use legend::{
    KeyEntry, KeySymbol, LegendCoverage, LegendEntry, RotationNote, caveats, legend_entries,
};
pub use markers::{
    GeodesicPath, Label, Marker, MarkerItem, MarkerOptions, Symbol, geodesic_line, geodesic_path,
    priority,
};
pub use overlay::{Overlay, OverlaySizes, PlacedLabel, PlacedMarker};
pub use ring_labels::{RingLabel, ring_label_text};
pub use rings::{RingLayers, SceneRing, build_ring};
pub use style::{Style, Theme};
pub use view::{PixelRect, ViewTransform};

use crate::analysis::visible_coverage;
use crate::basemap::Detail;
use crate::geodesy::LatLon;
use crate::projection::{MapRect, Projection};
use crate::scenario::{RingSpec, Scenario};
use std::sync::Arc;

/// A reach row picked in the app: its ring is drawn thicker and the geodesic from the site to
/// the target is drawn over the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Highlight {
    /// Index into the scenario's sites.
    pub site: usize,
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// Index into the scenario's targets.
    pub target: usize,
}

/// How to build a scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneOptions {
    /// The projection, applied once here.
    pub projection: Projection,
    /// Pixels per map unit of the intended output: sets the basemap detail, the simplification
    /// and the ring tolerance, so that nothing is coarser than half a pixel.
    pub px_per_unit: f64,
    /// Basemap detail; chosen by scale when `None`.
    pub detail: Option<Detail>,
    /// Tolerance of the projected basemap, map units; when `None`, half to one pixel (a power
    /// of two, so nearby scales share it). The app builds
    /// it once, fine enough for its closest zoom, and simplifies while tessellating.
    pub basemap_tolerance: Option<f64>,
    /// Graticule spacing, degrees; none when 0.
    pub graticule_step_deg: f64,
    /// Optional ring layers.
    pub layers: RingLayers,
    /// Show sites that no visible missile flies from (the app, where they are edited).
    pub sites_without_rings: bool,
    /// Label the markers.
    pub labels: bool,
    /// The site selected in the app.
    pub selected_site: Option<usize>,
    /// The reach row picked in the app.
    pub highlight: Option<Highlight>,
    /// Only what shows near a point (an inset): rings that reach into it, and of those that
    /// enclose it whole only the smallest (whose tint is the one on top).
    pub focus: Option<Focus>,
}

/// A disk on the Earth a map shows all of, and little beyond.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Focus {
    /// Centre.
    pub centre: LatLon,
    /// Radius, km.
    pub radius_km: f64,
}

impl SceneOptions {
    /// Options for a map in `projection` at `px_per_unit`, as briefings draw it: labels on,
    /// sites without rings left out, the graticule every 30 degrees, no layers.
    pub fn new(projection: Projection, px_per_unit: f64) -> Self {
        Self {
            projection,
            px_per_unit,
            detail: None,
            basemap_tolerance: None,
            graticule_step_deg: 30.0,
            layers: RingLayers::default(),
            sites_without_rings: false,
            labels: true,
            selected_site: None,
            highlight: None,
            focus: None,
        }
    }
}

/// Everything a map shows, in map units, and everything its legend and footer say.
#[derive(Debug, Clone)]
pub struct Scene {
    /// The projection the scene was built with.
    pub projection: Projection,
    /// Extent of the whole map.
    pub bounds: MapRect,
    /// Title: the scenario's, or "Missile range rings".
    pub title: String,
    /// Subtitle, if the scenario has one.
    pub subtitle: Option<String>,
    /// Ocean, land, coasts, borders and graticule (shared between scenes).
    pub basemap: Arc<BasemapLayer>,
    /// Visible rings in drawing order: largest first, so small rings stay on top.
    pub rings: Vec<Arc<SceneRing>>,
    /// The ring drawn thicker (the app's picked reach row).
    pub highlighted_ring: Option<RingSpec>,
    /// Target areas, tinted and outlined.
    pub target_areas: Vec<Arc<SceneArea>>,
    /// Sites and targets the map shows, sites first.
    pub markers: Vec<Marker>,
    /// Geodesic paths drawn over the map (the app's picked reach row).
    pub paths: Vec<GeodesicPath>,
    /// Legend, one entry per visible missile, in scenario order.
    pub legend: Vec<LegendEntry>,
    /// The caveats that apply to what is drawn, one sentence each.
    pub caveats: Vec<String>,
    /// The key to the symbols drawn.
    pub symbol_key: Vec<KeyEntry>,
    /// Whether labels are drawn (markers' and rings').
    pub labels: bool,
}

impl Scene {
    /// Builds a scene from scratch, with the legend's coverage of the first target area
    /// computed for the visible missiles.
    pub fn build(scenario: &Scenario, options: &SceneOptions) -> Scene {
        let coverage = visible_coverage(scenario, 1, options.layers.rotation);
        SceneBuilder::new().build(scenario, options, &coverage)
    }

    /// The basemap detail used.
    pub fn detail(&self) -> Detail {
        self.basemap.detail
    }
}
