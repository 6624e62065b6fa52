//! From map units to pixels: one scale and one offset, the only thing screens and images apply
//! to a scene.

use crate::projection::{MapPoint, MapRect};

/// An axis-aligned rectangle in pixels (y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PixelRect {
    /// Left edge, pixels.
    pub left: f64,
    /// Top edge, pixels.
    pub top: f64,
    /// Width, pixels.
    pub width: f64,
    /// Height, pixels.
    pub height: f64,
}

impl PixelRect {
    /// The rectangle with corners (`left`, `top`) and (`right`, `bottom`).
    pub fn from_edges(left: f64, top: f64, right: f64, bottom: f64) -> Self {
        Self {
            left,
            top,
            width: right - left,
            height: bottom - top,
        }
    }

    /// Right edge, pixels.
    pub fn right(&self) -> f64 {
        self.left + self.width
    }

    /// Bottom edge, pixels.
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// Whether the point (`x`, `y`) lies inside or on the edge.
    pub fn contains(&self, x: f64, y: f64) -> bool {
        x >= self.left && x <= self.right() && y >= self.top && y <= self.bottom()
    }

    /// Whether `other` lies wholly inside.
    pub fn contains_rect(&self, other: &PixelRect) -> bool {
        other.left >= self.left
            && other.right() <= self.right()
            && other.top >= self.top
            && other.bottom() <= self.bottom()
    }

    /// Whether the two overlap (touching edges do not).
    pub fn overlaps(&self, other: &PixelRect) -> bool {
        self.left < other.right()
            && other.left < self.right()
            && self.top < other.bottom()
            && other.top < self.bottom()
    }

    /// The rectangle grown by `margin` pixels on every side.
    pub fn expand(&self, margin: f64) -> Self {
        Self {
            left: self.left - margin,
            top: self.top - margin,
            width: self.width + 2.0 * margin,
            height: self.height + 2.0 * margin,
        }
    }
}

/// Map units to pixels: `px = offset_x + scale * x`, `py = offset_y - scale * y`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewTransform {
    /// Pixels per map unit.
    pub scale: f64,
    /// Pixel x of map x = 0.
    pub offset_x: f64,
    /// Pixel y of map y = 0.
    pub offset_y: f64,
}

impl ViewTransform {
    /// The transform that fits `bounds` centred in the pixel box `area`, keeping the aspect
    /// ratio.
    pub fn fit(bounds: &MapRect, area: PixelRect) -> Self {
        let scale = (area.width / bounds.width()).min(area.height / bounds.height());
        let c = bounds.centre();
        Self {
            scale,
            offset_x: area.left + 0.5 * area.width - scale * c.x,
            offset_y: area.top + 0.5 * area.height + scale * c.y,
        }
    }

    /// The pixel position of a map point.
    pub fn to_px(&self, p: impl Into<MapPoint>) -> (f64, f64) {
        let p = p.into();
        (
            self.offset_x + self.scale * p.x,
            self.offset_y - self.scale * p.y,
        )
    }

    /// The map point at a pixel position.
    pub fn to_map(&self, px: f64, py: f64) -> MapPoint {
        MapPoint {
            x: (px - self.offset_x) / self.scale,
            y: (self.offset_y - py) / self.scale,
        }
    }

    /// The map rectangle a pixel box shows.
    pub fn map_rect(&self, area: PixelRect) -> MapRect {
        MapRect {
            min: self.to_map(area.left, area.bottom()),
            max: self.to_map(area.right(), area.top),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_centres_the_map() {
        let b = MapRect {
            min: MapPoint { x: -2.0, y: -1.0 },
            max: MapPoint { x: 2.0, y: 1.0 },
        };
        let t = ViewTransform::fit(&b, PixelRect::from_edges(0.0, 0.0, 800.0, 800.0));
        assert_eq!(t.to_px(MapPoint { x: 0.0, y: 0.0 }), (400.0, 400.0));
        assert_eq!(t.to_px(MapPoint { x: -2.0, y: 1.0 }), (0.0, 200.0));
        let back = t.to_map(0.0, 200.0);
        assert!((back.x + 2.0).abs() < 1e-12 && (back.y - 1.0).abs() < 1e-12);
        let shown = t.map_rect(PixelRect::from_edges(0.0, 200.0, 800.0, 600.0));
        assert!((shown.width() - 4.0).abs() < 1e-12 && (shown.height() - 2.0).abs() < 1e-12);
    }
}
