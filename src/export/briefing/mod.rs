//! Briefing images: the page laid out (title block, map, legend, sources, footer) and drawn
//! from the scene alone as SVG. The PNG is rendered from this same SVG (see
//! [`super::png`]), so the two always agree.

mod map_svg;
mod svg;

pub use svg::render_svg;

use crate::projection::{MapRect, Projection};
use crate::scene::{PixelRect, RingLayers, Style, ViewTransform};

/// What the image holds besides the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// Title, subtitle, map, legend, sources, caveats, projection and date.
    #[default]
    Briefing,
    /// The map alone, filling the image.
    Map,
}

/// Everything that decides an image besides the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageOptions {
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// Briefing or map only.
    pub layout: Layout,
    /// Colours.
    pub style: Style,
    /// The date printed in the footer, e.g. "2026-11-26".
    pub date: String,
    /// Title; the scenario's when `None` (set on the scene when it is built).
    pub title: Option<String>,
    /// The part of the map to show, map units; the whole map when `None`.
    pub extent: Option<MapRect>,
    /// Bands of estimates and rotation-aware footprints.
    pub layers: RingLayers,
    /// Label markers and rings.
    pub labels: bool,
}

/// Where the map goes in the image and how map units land on pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImagePlan {
    /// The map panel, pixels.
    pub map_box: PixelRect,
    /// Map units to image pixels.
    pub transform: ViewTransform,
    /// The space the map was fitted into (the map frame may be smaller), pixels. The side
    /// panel and the footer align with it.
    pub body: PixelRect,
    /// Size unit: 1 at 1920x1080, scaling type and lines with the image.
    pub unit: f64,
}

/// Lays out the image: computed before the scene so the scene can be built at the right scale.
pub fn plan(projection: &Projection, options: &ImageOptions) -> ImagePlan {
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let unit = (w / 1920.0).min(h / 1080.0).max(0.05);
    let mut map_box = match options.layout {
        Layout::Map => PixelRect::from_edges(0.0, 0.0, w, h),
        Layout::Briefing => {
            // Text never shrinks below 70 % of its 1080p size, so neither do the bands it needs.
            let text_unit = unit.max(0.7);
            let margin = 24.0 * unit;
            let header = 96.0 * text_unit;
            let footer = 58.0 * text_unit;
            let panel = (0.27 * w).max(360.0 * unit).min(0.45 * w);
            PixelRect {
                left: margin,
                top: header,
                width: w - panel - 3.0 * margin,
                height: h - header - footer,
            }
        }
    };
    let bounds = options.extent.unwrap_or_else(|| projection.bounds());
    let pad = if options.layout == Layout::Map {
        0.0
    } else {
        4.0 * unit
    };
    let fit = |b: PixelRect| ViewTransform::fit(&bounds, b.expand(-pad));
    let mut transform = fit(map_box);
    let body = map_box;
    if options.layout == Layout::Briefing {
        // The frame hugs the fitted map, at the top of the space it had, so no empty bands show.
        let used_w = bounds.width() * transform.scale + 2.0 * pad;
        let used_h = bounds.height() * transform.scale + 2.0 * pad;
        map_box.width = used_w.min(map_box.width);
        map_box.height = used_h.min(map_box.height);
        transform = fit(map_box);
    }
    ImagePlan {
        map_box,
        transform,
        body,
        unit,
    }
}
