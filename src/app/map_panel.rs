//! The map panel of the window: the map widget's actions carried out, the scene built with the
//! cached builder and painted, the patrol-area handles, the legend, the hover tooltip and the
//! notices over it; and fitting the view to a picked matrix cell.

use super::edit::Edit;
use super::map::{self, MapAction, MapInput, paint_scene};
use super::state::{Grab, MapTool};
use super::{BASEMAP_TOLERANCE, Command, RangeRingsApp, Step, dialogs};
use crate::scene::{MarkerItem, OverlaySizes, SceneOptions};
use eframe::egui;

impl RangeRingsApp {
    /// The map: input to actions, actions carried out, then the scene built and painted, with
    /// the patrol-area handles, the hover tooltip and the notices over it.
    pub(super) fn map_panel(&mut self, ui: &mut egui::Ui) {
        let (rect, response) =
            ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
        let projection = self.projection();
        let before = self.view.transform(&projection, rect);
        let corners = map::corner_handles(
            self.doc.scenario(),
            self.interaction.selected_site,
            &projection,
            &before,
        );
        let input = MapInput {
            projection: &projection,
            transform: before,
            scene: self.caches.last_scene.as_ref(),
            drag: self.interaction.drag,
            corners,
            context_point: self.interaction.context_point,
            tool: self.interaction.tool,
            quick_ring_km: self.interaction.quick_ring_km,
        };
        let actions = map::interact(ui, &response, rect, &input, self.interaction.selected_site);
        for action in actions {
            self.apply_map_action(action, rect);
        }

        // After this frame's actions, so a dragged marker and its rings move together.
        let projection = self.projection();
        let (scene, t) = self.map_scene(rect);
        self.view.last_transform = Some(t);
        self.view.rect = Some(rect);
        let style = self.style();
        let painter = ui.painter_at(rect);
        let raster = self.map_raster(ui.ctx(), &scene, &t, rect, &style);
        let avoid: Vec<egui::Rect> = self.view.legend_rect.into_iter().collect();
        let overlay = paint_scene(
            &painter,
            &scene,
            &t,
            rect,
            &avoid,
            &style,
            OverlaySizes::screen(),
            &mut self.caches.meshes,
            raster,
        );
        self.view.legend_rect = map::legend(
            ui.ctx(),
            rect,
            &scene,
            &overlay,
            &style,
            self.settings.units,
        );
        self.caches.last_scene = Some(scene);
        let ink = map::color32(style.text);
        let paper = map::color32(style.background);
        let handles = map::corner_handles(
            self.doc.scenario(),
            self.interaction.selected_site,
            &projection,
            &t,
        );
        for (_, c) in handles {
            painter.rect(
                egui::Rect::from_center_size(c, egui::Vec2::splat(8.0)),
                1.0,
                paper,
                egui::Stroke::new(1.5, ink),
                egui::StrokeKind::Middle,
            );
        }

        match self.interaction.tool {
            MapTool::Ruler => map::paint_ruler(
                &painter,
                &projection,
                &t,
                rect,
                &self.interaction.ruler,
                self.settings.units,
            ),
            MapTool::DrawArea => {
                map::paint_draft(&painter, &projection, &t, &self.interaction.area_draft);
            }
            MapTool::Browse => {}
        }
        self.interaction.hover_point = response
            .hover_pos()
            .and_then(|p| map::map_point_at(&t, p))
            .and_then(|q| projection.inverse(q));
        // No tooltip while the map or a marker is dragged: it would hide what moves.
        if let Some(point) = self.interaction.hover_point
            && self.interaction.drag.is_none()
            && !response.dragged()
            && self.interaction.tool == MapTool::Browse
        {
            map::hover_tooltip(
                &response,
                self.doc.scenario(),
                point,
                self.interaction.selected_site,
                self.settings.units,
            );
        }
        dialogs::show_notices(self, ui.ctx(), rect);
    }

    /// The scene of the map in `rect` (screen points) and its transform: what the map panel
    /// paints, and what the first view's image is made of while the window opens.
    pub(super) fn map_scene(
        &mut self,
        rect: egui::Rect,
    ) -> (crate::scene::Scene, crate::scene::ViewTransform) {
        let projection = self.projection();
        let t = self.view.transform(&projection, rect);
        let options = SceneOptions {
            detail: Some(self.detail(t.scale)),
            basemap_tolerance: Some(BASEMAP_TOLERANCE),
            layers: self.layers(),
            sites_without_rings: true,
            labels: self.settings.labels,
            selected_site: self.interaction.selected_site,
            highlight: self.interaction.hovered_reach.or(self.interaction.picked),
            ..SceneOptions::new(projection, t.scale)
        };
        let coverage = self
            .caches
            .coverage(self.doc.revision, self.settings.rotation)
            .map(|(rows, _)| rows.to_vec())
            .unwrap_or_default();
        let scene = self
            .caches
            .scene
            .build(self.doc.scenario(), &options, &coverage);
        (scene, t)
    }

    /// The image of the map's area layers for this view, if there is one for the same layers
    /// and scale; when it is missing, or a pan has used most of its margin, the next one is
    /// started (not while a marker is dragged: its rings change every frame).
    fn map_raster(
        &mut self,
        ctx: &egui::Context,
        scene: &crate::scene::Scene,
        t: &crate::scene::ViewTransform,
        rect: egui::Rect,
        style: &crate::scene::Style,
    ) -> Option<(egui::TextureId, egui::Rect)> {
        let raster = &mut self.caches.raster;
        raster.poll(ctx);
        let max_side = ctx.input(|i| i.max_texture_side);
        let view = map::RasterView::new(scene, *t, rect, *style, ctx.pixels_per_point(), max_side);
        if raster.never_shown() {
            // The first view at once (made before the window opened if it is the same view);
            // the image with a margin for panning in the next frame, once this one is on
            // screen.
            let early = self.caches.early_image.take();
            if !early.is_some_and(|early| raster.show_early(ctx, early, &view)) {
                raster.render_now(ctx, &view);
            }
            ctx.request_repaint();
        }
        let image = raster.image(&view);
        let covers = image.is_some_and(|(_, _, covers)| covers);
        self.frame.map_image_short = image.is_some() && !covers;
        let frame = ctx.cumulative_frame_nr();
        let wanted = !covers || raster.running_out(&view) || raster.lacks_margin(&view, frame);
        if wanted && self.interaction.drag.is_none() {
            raster.start(&view);
        }
        if raster.needs_frame() {
            ctx.request_repaint();
        } else if raster.busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
        }
        image.map(|(texture, at, _)| (texture, at))
    }

    /// Fits the view to a picked ring and its geodesic (the whole map when they span it).
    pub(super) fn fit_view_to(&mut self, pick: crate::scene::Highlight) {
        let projection = self.projection();
        let Some(scene) = self.caches.last_scene.as_ref() else {
            return;
        };
        let spec = crate::scenario::RingSpec {
            site: pick.site,
            missile: pick.missile,
        };
        let path = crate::scene::geodesic_path(
            self.doc.scenario(),
            pick.site,
            pick.target,
            &projection,
            1e-3,
        );
        let points: Vec<geo::Coord<f64>> = scene
            .rings
            .iter()
            .filter(|r| r.stands_for(spec))
            .flat_map(|r| r.outline.iter())
            .chain(path.iter().flat_map(|p| p.lines.iter()))
            .flat_map(|l| l.coords().copied())
            .collect();
        self.fit_view_to_points(&points);
    }

    /// Fits the view to the rings drawn (the whole map when they span it).
    pub(super) fn fit_visible_rings(&mut self) {
        let Some(scene) = self.caches.last_scene.as_ref() else {
            return;
        };
        let points: Vec<geo::Coord<f64>> = scene
            .rings
            .iter()
            .flat_map(|r| r.outline.iter())
            .flat_map(|l| l.coords().copied())
            .collect();
        if points.is_empty() {
            self.notify("No ring is shown.", super::NoticeKind::Info);
            return;
        }
        self.fit_view_to_points(&points);
    }

    /// Fits the view to `points`, map units (the whole map when they span it).
    fn fit_view_to_points(&mut self, points: &[geo::Coord<f64>]) {
        let projection = self.projection();
        let Some(rect) = self.view.rect else {
            return;
        };
        let bounds = projection.bounds();
        let (min, max) = points.iter().fold(
            (
                (f64::INFINITY, f64::INFINITY),
                (f64::NEG_INFINITY, f64::NEG_INFINITY),
            ),
            |(lo, hi), c| {
                (
                    (lo.0.min(c.x), lo.1.min(c.y)),
                    (hi.0.max(c.x), hi.1.max(c.y)),
                )
            },
        );
        let (width, height) = (max.0 - min.0, max.1 - min.1);
        if !(width.is_finite() && height.is_finite())
            || width > 0.9 * bounds.width()
            || height > 0.9 * bounds.height()
        {
            self.view.reset(&projection);
            return;
        }
        self.view.zoom = self
            .view
            .fit_zoom(&projection, rect, width.max(1e-3), height.max(1e-3));
        let centre = crate::projection::MapPoint {
            x: 0.5 * (min.0 + max.0),
            y: 0.5 * (min.1 + max.1),
        };
        self.view.centre_on(&projection, centre);
    }

    /// Carries out what the user did on the map.
    fn apply_map_action(&mut self, action: MapAction, rect: egui::Rect) {
        let projection = self.projection();
        match action {
            MapAction::Zoom { anchor, factor } => {
                self.view.zoom_at(&projection, rect, anchor, factor);
            }
            MapAction::Pan(delta) => self.view.pan(&projection, rect, delta),
            MapAction::TurnGlobe(centre) => {
                self.settings.centre = Some((centre.lat, centre.lon));
                self.view.centre = crate::projection::MapPoint::default();
            }
            MapAction::Select(MarkerItem::Site(site)) => {
                self.interaction.selected_site = Some(site);
            }
            MapAction::Select(MarkerItem::Target(target)) => {
                self.interaction.selected_target = Some(target);
            }
            MapAction::Grab(grab) => {
                match grab {
                    Grab::Site(site) => self.interaction.selected_site = Some(site),
                    Grab::Target(target) => self.interaction.selected_target = Some(target),
                    Grab::Corner { .. } => {}
                }
                self.interaction.drag = Some(grab);
                self.doc.checkpoint();
            }
            MapAction::DragTo(to) => {
                let edit = match self.interaction.drag {
                    Some(Grab::Site(site)) => Edit::MoveSite { site, to },
                    Some(Grab::Corner { site, corner }) => Edit::MoveCorner { site, corner, to },
                    Some(Grab::Target(target)) => Edit::MoveTarget { target, to },
                    None => return,
                };
                // Positions that would make the scenario invalid (an area round a pole) are
                // skipped: the drag goes on from the last valid one.
                let _ = self.doc.edit_continuing(|f| edit.apply(f));
            }
            MapAction::Release => self.interaction.drag = None,
            MapAction::ContextAt(at) => self.interaction.context_point = at,
            MapAction::Edit(edit) => self.commands.push(Command::Edit(edit, Step::New)),
            MapAction::ToolPoint(at) => match self.interaction.tool {
                MapTool::Ruler => {
                    if self.interaction.ruler.len() >= 2 {
                        self.interaction.ruler.clear();
                    }
                    self.interaction.ruler.push(at);
                }
                MapTool::DrawArea => self.interaction.area_draft.push(at),
                MapTool::Browse => {}
            },
            MapAction::FinishArea => self.commands.push(Command::FinishArea),
            MapAction::MeasureFrom(at) => {
                self.interaction.tool = MapTool::Ruler;
                self.interaction.ruler = vec![at];
            }
            MapAction::QuickRingKm(km) => self.interaction.quick_ring_km = km,
        }
    }
}
