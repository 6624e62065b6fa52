//! Pan and zoom of the map widget, and the view as last drawn (for hit tests and "export what
//! the window shows").

use crate::projection::{MapPoint, MapRect, Projection};
use crate::scene::{PixelRect, ViewTransform};
use eframe::egui::{Pos2, Rect, Vec2};

/// Deepest zoom, relative to the whole map.
pub const MAX_ZOOM: f64 = 400.0;
/// Farthest zoom out, relative to the whole map.
pub const MIN_ZOOM: f64 = 0.5;

/// Pan and zoom of the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapView {
    /// Zoom relative to the whole map fitting the widget (1 = fit).
    pub zoom: f64,
    /// The map point shown at the widget's centre, map units.
    pub centre: MapPoint,
    /// The transform of the last frame drawn.
    pub last_transform: Option<ViewTransform>,
    /// The map widget's rectangle in the last frame, points.
    pub rect: Option<Rect>,
    /// Where the legend lay over the map in the last frame: labels keep off it.
    pub legend_rect: Option<Rect>,
}

impl Default for MapView {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            centre: MapPoint::default(),
            last_transform: None,
            rect: None,
            legend_rect: None,
        }
    }
}

/// An egui rectangle as a pixel box.
pub fn pixel_rect(rect: Rect) -> PixelRect {
    PixelRect::from_edges(
        f64::from(rect.left()),
        f64::from(rect.top()),
        f64::from(rect.right()),
        f64::from(rect.bottom()),
    )
}

impl MapView {
    /// Shows the whole map again.
    pub fn reset(&mut self, projection: &Projection) {
        self.zoom = 1.0;
        self.centre = projection.bounds().centre();
    }

    /// Map units to pixels for a widget occupying `rect`.
    pub fn transform(&self, projection: &Projection, rect: Rect) -> ViewTransform {
        let size =
            PixelRect::from_edges(0.0, 0.0, f64::from(rect.width()), f64::from(rect.height()));
        let scale = ViewTransform::fit(&projection.bounds(), size).scale * self.zoom;
        let c = rect.center();
        ViewTransform {
            scale,
            offset_x: f64::from(c.x) - scale * self.centre.x,
            offset_y: f64::from(c.y) + scale * self.centre.y,
        }
    }

    /// Zooms by `factor` keeping the map point under `anchor` (pixels) in place.
    pub fn zoom_at(&mut self, projection: &Projection, rect: Rect, anchor: Pos2, factor: f64) {
        let at = |view: &Self| {
            view.transform(projection, rect)
                .to_map(f64::from(anchor.x), f64::from(anchor.y))
        };
        let before = at(self);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let after = at(self);
        self.centre.x += before.x - after.x;
        self.centre.y += before.y - after.y;
        self.clamp_centre(projection);
    }

    /// Moves the view by a drag of `delta` pixels.
    pub fn pan(&mut self, projection: &Projection, rect: Rect, delta: Vec2) {
        let t = self.transform(projection, rect);
        self.centre.x -= f64::from(delta.x) / t.scale;
        self.centre.y += f64::from(delta.y) / t.scale;
        self.clamp_centre(projection);
    }

    /// The zoom at which a box of `width` x `height` map units fills most of a widget
    /// occupying `rect`.
    pub fn fit_zoom(&self, projection: &Projection, rect: Rect, width: f64, height: f64) -> f64 {
        let size =
            PixelRect::from_edges(0.0, 0.0, f64::from(rect.width()), f64::from(rect.height()));
        let whole = ViewTransform::fit(&projection.bounds(), size).scale;
        let zoom = (size.width / (width * whole)).min(size.height / (height * whole)) * 0.85;
        zoom.clamp(MIN_ZOOM.max(1.0), MAX_ZOOM)
    }

    /// Puts `point` at the centre of the view.
    pub fn centre_on(&mut self, projection: &Projection, point: MapPoint) {
        self.centre = point;
        self.clamp_centre(projection);
    }

    fn clamp_centre(&mut self, projection: &Projection) {
        let b = projection.bounds();
        self.centre.x = self.centre.x.clamp(b.min.x, b.max.x);
        self.centre.y = self.centre.y.clamp(b.min.y, b.max.y);
    }

    /// The map rectangle the window showed in the last frame, map units.
    pub fn shown_extent(&self) -> Option<MapRect> {
        let (t, rect) = (self.last_transform?, self.rect?);
        Some(t.map_rect(pixel_rect(rect)))
    }
}
