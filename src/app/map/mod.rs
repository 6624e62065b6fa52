//! The map widget: pointer input turned into [`MapAction`]s (the widget changes nothing
//! itself), the hover tooltip, and the painter and meshes that draw a scene on screen.

mod legend;
mod mesh;
mod paint;
mod raster;
mod tools;
mod view;

pub use legend::legend;
pub use mesh::MeshCache;
pub use paint::paint_scene;
pub use raster::{EarlyImage, MapRaster, RasterView};
pub use tools::{paint_draft, paint_ruler, ruler_text, tool_hint};
pub use view::{MAX_ZOOM, MIN_ZOOM, MapView};

use super::edit::Edit;
use super::state::{Grab, MapTool};
use crate::color::Rgba;
use crate::format::{self, DistanceUnit};
use crate::geodesy::{LatLon, inverse};
use crate::projection::{MapPoint, Projection};
use crate::scenario::{Scenario, SiteKind};
use crate::scene::{MarkerItem, Scene, ViewTransform};
use eframe::egui::{self, Color32, Pos2, Rect, Response, Vec2};

/// Converts a scenario colour for egui.
pub fn color32(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Pixels within which a press grabs a site or a corner.
const GRAB_RADIUS: f32 = 10.0;

/// What the user did on the map, for the app to carry out.
#[derive(Debug, Clone, PartialEq)]
pub enum MapAction {
    /// Zoom by `factor` about `anchor` (pixels).
    Zoom {
        /// The point that stays put, pixels.
        anchor: Pos2,
        /// More than 1 zooms in.
        factor: f64,
    },
    /// Move the view by a drag of this many pixels.
    Pan(Vec2),
    /// Turn the globe so this point faces the viewer.
    TurnGlobe(LatLon),
    /// Select a site or a target.
    Select(MarkerItem),
    /// A click with the ruler or the area tool, here.
    ToolPoint(LatLon),
    /// Finish the target area being drawn.
    FinishArea,
    /// Start measuring from here.
    MeasureFrom(LatLon),
    /// The radius of the next quick ring changed, km.
    QuickRingKm(f64),
    /// Start dragging a site or a corner (one undo step for the whole drag).
    Grab(Grab),
    /// The grabbed site or corner is now here.
    DragTo(LatLon),
    /// The drag ended.
    Release,
    /// The context menu was opened here (`None`: off the map).
    ContextAt(Option<LatLon>),
    /// An edit from the context menu (add a site or a target).
    Edit(Edit),
}

/// What the widget needs to read.
pub struct MapInput<'a> {
    /// The projection drawn.
    pub projection: &'a Projection,
    /// Map units to pixels, before this frame's actions.
    pub transform: ViewTransform,
    /// The scene drawn last frame (its markers are what the user sees and grabs).
    pub scene: Option<&'a Scene>,
    /// The grab in progress.
    pub drag: Option<Grab>,
    /// The selected site's patrol-area corners, pixels.
    pub corners: Vec<(usize, Pos2)>,
    /// Where the context menu was opened.
    pub context_point: Option<LatLon>,
    /// What a click does.
    pub tool: MapTool,
    /// Radius of the next quick ring, km.
    pub quick_ring_km: f64,
}

impl MapInput<'_> {
    fn lat_lon_at(&self, p: Pos2) -> Option<LatLon> {
        let q = self.transform.to_map(f64::from(p.x), f64::from(p.y));
        (q.x.is_finite() && q.y.is_finite())
            .then(|| self.projection.inverse(q))
            .flatten()
    }

    /// The site or target whose marker is nearest to `p`, within the grab radius (a site
    /// before a target at the same spot).
    fn marker_under(&self, p: Pos2) -> Option<MarkerItem> {
        self.scene?
            .markers
            .iter()
            .map(|m| {
                let (x, y) = self.transform.to_px(m.position);
                let site_first = if matches!(m.item, MarkerItem::Site(_)) {
                    0.0
                } else {
                    0.5
                };
                (
                    m.item,
                    Pos2::new(x as f32, y as f32).distance(p) + site_first,
                )
            })
            .filter(|(_, d)| *d <= GRAB_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(item, _)| item)
    }
}

/// Reads the pointer over the map widget (`response`, occupying `rect`) and says what the user
/// did. The context menu is shown here; its choices come back as actions too.
pub fn interact(
    ui: &egui::Ui,
    response: &Response,
    rect: Rect,
    input: &MapInput<'_>,
    selected_site: Option<usize>,
) -> Vec<MapAction> {
    let mut actions = Vec::new();
    // Zoom by wheel or pinch, about the pointer.
    if let Some(pointer) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from(pinch) * (f64::from(scroll) * 0.0015).exp();
        if (factor - 1.0).abs() > 1e-6 {
            actions.push(MapAction::Zoom {
                anchor: pointer,
                factor,
            });
        }
    }
    // Grab where the button went down: by the time a drag is recognised the pointer has moved.
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(p) = ui.input(|i| i.pointer.press_origin())
    {
        let corner = input
            .corners
            .iter()
            .find(|(_, c)| c.distance(p) <= GRAB_RADIUS)
            .zip(selected_site)
            .map(|((corner, _), site)| Grab::Corner {
                site,
                corner: *corner,
            });
        let marker = input.marker_under(p).map(|item| match item {
            MarkerItem::Site(i) => Grab::Site(i),
            MarkerItem::Target(i) => Grab::Target(i),
        });
        if let Some(grab) = corner.or(marker) {
            actions.push(MapAction::Grab(grab));
        }
    }
    let grabbing = input.drag.is_some() || actions.iter().any(|a| matches!(a, MapAction::Grab(_)));
    if response.dragged_by(egui::PointerButton::Primary) {
        if grabbing {
            if let Some(ll) = response
                .interact_pointer_pos()
                .and_then(|p| input.lat_lon_at(p))
            {
                actions.push(MapAction::DragTo(ll));
            }
        } else if matches!(input.projection, Projection::Orthographic { .. }) {
            // A globe turns under the pointer: the point dragged from comes to the centre of
            // the drag's end.
            let behind = rect.center() - response.drag_delta();
            if let Some(ll) = input.lat_lon_at(behind) {
                actions.push(MapAction::TurnGlobe(ll));
            }
        } else {
            actions.push(MapAction::Pan(response.drag_delta()));
        }
    }
    if response.drag_stopped() {
        actions.push(MapAction::Release);
    }
    let clicked_at = response
        .clicked()
        .then(|| response.interact_pointer_pos())
        .flatten();
    match input.tool {
        MapTool::Browse => {
            if let Some(item) = clicked_at.and_then(|p| input.marker_under(p)) {
                actions.push(MapAction::Select(item));
            }
        }
        MapTool::Ruler | MapTool::DrawArea => {
            if let Some(at) = clicked_at.and_then(|p| input.lat_lon_at(p)) {
                actions.push(MapAction::ToolPoint(at));
            }
        }
    }
    if response.double_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        actions.push(match input.tool {
            MapTool::DrawArea => MapAction::FinishArea,
            MapTool::Browse | MapTool::Ruler => MapAction::Zoom {
                anchor: p,
                factor: 2.0,
            },
        });
    }
    // Right-click: add a site or target where the menu was opened.
    if response.secondary_clicked() {
        let at = response
            .interact_pointer_pos()
            .and_then(|p| input.lat_lon_at(p));
        actions.push(MapAction::ContextAt(at));
    }
    response.context_menu(|ui| {
        let Some(at) = input.context_point else {
            ui.label("Not on the map");
            return;
        };
        ui.label(format::lat_lon(at));
        for (label, edit) in [
            (
                "Add launch site here",
                Edit::AddSite {
                    kind: SiteKind::Launch,
                    at,
                    name: None,
                },
            ),
            (
                "Add patrol point here",
                Edit::AddSite {
                    kind: SiteKind::Patrol,
                    at,
                    name: None,
                },
            ),
            ("Add target here", Edit::AddTarget { at, name: None }),
        ] {
            if ui.button(label).clicked() {
                actions.push(MapAction::Edit(edit));
                ui.close();
            }
        }
        if ui.button("Measure from here").clicked() {
            actions.push(MapAction::MeasureFrom(at));
            ui.close();
        }
        ui.horizontal(|ui| {
            let mut km = input.quick_ring_km;
            let label = ui.label("Ring of");
            let r = ui
                .add(
                    egui::DragValue::new(&mut km)
                        .range(1.0..=crate::scenario::MAX_RANGE_KM)
                        .speed(10.0)
                        .max_decimals(0)
                        .suffix(" km"),
                )
                .labelled_by(label.id);
            if r.changed() {
                actions.push(MapAction::QuickRingKm(km));
            }
            if ui.button("here").clicked() {
                actions.push(MapAction::Edit(Edit::RingHere { at, km }));
                ui.close();
            }
        });
    });
    actions
}

/// The pixel positions of a site's patrol-area corners, as drag handles.
pub fn corner_handles(
    scenario: &Scenario,
    site: Option<usize>,
    projection: &Projection,
    transform: &ViewTransform,
) -> Vec<(usize, Pos2)> {
    let Some(area) = site
        .and_then(|i| scenario.sites().get(i))
        .and_then(|s| match &s.origin {
            crate::geodesy::Origin::Area(area) => Some(area),
            crate::geodesy::Origin::Point(_) => None,
        })
    else {
        return Vec::new();
    };
    area.corners()
        .iter()
        .enumerate()
        .filter_map(|(k, c)| {
            let (x, y) = transform.to_px(projection.forward(*c)?);
            Some((k, Pos2::new(x as f32, y as f32)))
        })
        .collect()
}

/// The hover tooltip: coordinates, distance and bearing from the selected site, and which
/// visible rings hold the point (by geodesic distance, never by the drawn polygon).
pub fn hover_tooltip(
    response: &Response,
    scenario: &Scenario,
    point: LatLon,
    selected: Option<usize>,
    units: DistanceUnit,
) {
    let inside: Vec<_> = scenario
        .visible_ring_specs()
        .filter(|s| {
            let range_m = scenario.missiles()[s.missile].range_km * crate::geodesy::M_PER_KM;
            scenario.sites()[s.site].origin.reaches(point, range_m)
        })
        .collect();
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.label(format::lat_lon(point));
        if let Some(site) = selected.and_then(|i| scenario.sites().get(i)) {
            let line = inverse(site.position, point);
            ui.label(format!(
                "{} from {}, bearing {:.1}°",
                units.format(line.distance_m / 1000.0),
                site.name,
                line.azimuth_deg
            ));
        }
        if inside.is_empty() {
            ui.label("Within no drawn ring");
        } else {
            ui.label("Within range of:");
            for s in inside.iter().take(8) {
                ui.label(format!(
                    "• {} from {}",
                    scenario.missiles()[s.missile].name,
                    scenario.sites()[s.site].name
                ));
            }
            if inside.len() > 8 {
                ui.label(format!("… and {} more", inside.len() - 8));
            }
        }
    });
}

/// The map point under a pixel position, if finite.
pub fn map_point_at(transform: &ViewTransform, p: Pos2) -> Option<MapPoint> {
    let q = transform.to_map(f64::from(p.x), f64::from(p.y));
    (q.x.is_finite() && q.y.is_finite()).then_some(q)
}
