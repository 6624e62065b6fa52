//! Briefing images: the scene, and a page laid out for its shape around it (title block,
//! map, legend, symbol key, reach matrix, inset, sources, footer), drawn from the scene alone
//! into one [`Drawing`](super::drawing::Drawing), which is written as SVG or painted straight
//! into pixels for the PNG, so the two agree.
//!
//! Submodules: `compose` (the layout), `blocks` (what the page says, measured), `inset` (the
//! regional map for short ranges), `map` (the map) and `page` (the whole picture).

mod blocks;
mod compose;
mod flow;
mod inset;
mod map;
mod page;

pub use compose::{Composition, Ink, Item, Page, TextSizes};
pub use inset::{InsetMode, InsetView, SHORT_RANGE_KM};
pub use map::{MapPart, draw_map};
pub use page::{draw, render_svg};

use crate::analysis::{ReachMatrix, visible_coverage};
use crate::fonts::text_width;
use crate::projection::{MapRect, Projection};
use crate::scenario::Scenario;
use crate::scene::{
    OverlaySizes, PixelRect, RingLayers, Scene, SceneBuilder, SceneOptions, Style, ViewTransform,
};

/// What the image holds besides the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Layout {
    /// Title, subtitle, map, legend, key, matrix, sources, caveats, projection and date.
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
    /// Print resolution, dots per inch, for paper: text is set in points, never below 7 pt.
    /// `None` for screens.
    pub dpi: Option<f64>,
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
    /// Whether a briefing gets an inset for short ranges.
    pub inset: InsetMode,
    /// SVG only: text as outlines of the bundled font's glyphs, so every renderer and editor
    /// shows the same letters without the font (the text is then no longer selectable).
    pub text_as_paths: bool,
}

impl ImageOptions {
    /// A light briefing of `width` x `height` pixels for screens, dated `date`, with labels
    /// and the inset, no optional layers.
    pub fn new(width: u32, height: u32, date: &str) -> Self {
        Self {
            width,
            height,
            dpi: None,
            layout: Layout::Briefing,
            style: Style::LIGHT,
            date: date.to_owned(),
            title: None,
            extent: None,
            layers: RingLayers::default(),
            labels: true,
            inset: InsetMode::Auto,
            text_as_paths: false,
        }
    }
}

/// Where the map goes in the image and how map units land on pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImagePlan {
    /// The map panel, pixels.
    pub map_box: PixelRect,
    /// Map units to image pixels.
    pub transform: ViewTransform,
    /// Size unit of lines and markers: 1 at 1920x1080.
    pub unit: f64,
    /// Label and marker sizes on the map (and the inset).
    pub overlay: OverlaySizes,
}

/// The inset map, ready to draw.
#[derive(Debug, Clone)]
pub struct InsetMap {
    /// Its scene.
    pub scene: Scene,
    /// Its box on the page.
    pub rect: PixelRect,
    /// Map units to pixels.
    pub transform: ViewTransform,
}

/// A briefing ready to draw: the scene, where the map goes, the page around it and the inset.
#[derive(Debug, Clone)]
pub struct Briefing {
    /// The main map's scene.
    pub scene: Scene,
    /// Where the map goes.
    pub plan: ImagePlan,
    /// The page around it (empty for the map layout).
    pub composition: Option<Composition>,
    /// The inset, when there is one.
    pub inset: Option<InsetMap>,
}

/// The padding between a map's frame and the map, pixels per unit.
const MAP_PAD: f64 = 4.0;

fn fit(bounds: &MapRect, rect: PixelRect, pad: f64) -> ViewTransform {
    ViewTransform::fit(bounds, rect.expand(-pad))
}

/// Names of the markers whose label found no room on the map of `scene` at `transform`.
fn unplaced_names(
    scene: &Scene,
    transform: &ViewTransform,
    map_box: PixelRect,
    sizes: OverlaySizes,
) -> Vec<String> {
    let overlay = scene.overlay(transform, map_box, &[], sizes, |s| {
        text_width(s, sizes.label_px, false)
    });
    marker_names(scene, &overlay.unplaced)
}

/// The names of markers `indices` of `scene`, targets first (a reader looks for the places
/// at risk before the launch points).
fn marker_names(scene: &Scene, indices: &[usize]) -> Vec<String> {
    let mut markers: Vec<_> = indices.iter().map(|&i| &scene.markers[i]).collect();
    markers.sort_by_key(|m| m.symbol != crate::scene::Symbol::Target);
    markers
        .into_iter()
        .map(|m| m.label.as_ref().map_or(&m.id, |l| &l.text).clone())
        .collect()
}

/// Names run together with `separator`, at most 24 of them, then how many more:
/// a scenario of 300 launch points must not fill the page with their names.
fn name_list(names: &[String], separator: &str) -> String {
    const LISTED_NAMES: usize = 24;
    if names.len() <= LISTED_NAMES {
        return names.join(separator);
    }
    let shown = LISTED_NAMES - 4;
    format!(
        "{}{separator}and {} more",
        names[..shown].join(separator),
        crate::format::thousands((names.len() - shown) as f64)
    )
}

/// The footer's last line: what the map is, the date.
fn meta_line(scene: &Scene, date: &str) -> String {
    let detail = match scene.detail() {
        crate::basemap::Detail::Coarse => "1:110m",
        crate::basemap::Detail::Fine => "1:50m",
    };
    format!(
        "Projection: {}.  Basemap: Natural Earth {detail} (public domain).  {date}.  Made with range-rings.",
        scene.projection.name()
    )
}

/// Builds the briefing (or the map alone) of `scenario` in `projection`: the scene at the
/// scale the page gives the map, the page laid out for its shape, the inset.
pub fn build(scenario: &Scenario, projection: Projection, options: &ImageOptions) -> Briefing {
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let page = Page {
        width: w,
        height: h,
        dpi: options.dpi,
    };
    let (unit, overlay) = (page.unit(), page.overlay_sizes());
    let bounds = options.extent.unwrap_or_else(|| projection.bounds());
    let aspect = bounds.width() / bounds.height();
    // The map alone shows no legend, matrix or coverage: none computed.
    let coverage = match options.layout {
        Layout::Briefing => visible_coverage(scenario, usize::MAX, options.layers.rotation),
        Layout::Map => Vec::new(),
    };
    let mut builder = SceneBuilder::new();
    let scene_at = |builder: &mut SceneBuilder, px_per_unit: f64| {
        let scene_options = SceneOptions {
            graticule_step_deg: super::GRATICULE_STEP_DEG,
            layers: options.layers,
            labels: options.labels,
            ..SceneOptions::new(projection, px_per_unit)
        };
        let mut scene = builder.build(scenario, &scene_options, &coverage);
        if let Some(title) = &options.title {
            scene.title.clone_from(title);
        }
        scene
    };
    if options.layout == Layout::Map {
        let map_box = PixelRect::from_edges(0.0, 0.0, w, h);
        let transform = fit(&bounds, map_box, 0.0);
        let scene = scene_at(&mut builder, transform.scale);
        return Briefing {
            scene,
            plan: ImagePlan {
                map_box,
                transform,
                unit,
                overlay,
            },
            composition: None,
            inset: None,
        };
    }
    // A first scene at a likely scale gives the legend, key and caveats; the final one is
    // built at the scale the layout gives the map (rings and basemap come from the cache when
    // the scale rounds the same).
    let mut scene = scene_at(&mut builder, 0.6 * w / bounds.width());
    let matrix = ReachMatrix::compute(scenario, &coverage);
    let inset_view = match options.inset {
        InsetMode::Auto => inset::inset_view(scenario, &scene, &bounds),
        InsetMode::None => None,
    };
    let caption = inset_view.map(|_| {
        format!(
            "Inset: ranges under {} km",
            crate::format::thousands(SHORT_RANGE_KM)
        )
    });
    let mut unplaced: Vec<String> = Vec::new();
    let mut composition;
    let mut transform;
    let mut passes = 0;
    loop {
        let content = blocks::content(
            &scene,
            scenario,
            Some(&matrix),
            caption.as_deref(),
            &unplaced,
            meta_line(&scene, &options.date),
        );
        composition = compose::compose(page, &content, aspect, inset_view.map(|v| v.aspect()));
        transform = fit(&bounds, composition.map_box, MAP_PAD * unit);
        scene = scene_at(&mut builder, transform.scale);
        let now = unplaced_names(&scene, &transform, composition.map_box, overlay);
        passes += 1;
        // The list of places without a label is part of the page, and a longer list may leave
        // less room for the map (so more places without a label): it settles in a few passes.
        if now == unplaced || passes >= 6 {
            break;
        }
        unplaced = now;
    }
    let inset = inset_view.zip(composition.inset_box).map(|(view, rect)| {
        let transform = fit(&view.extent, rect, MAP_PAD * unit);
        let inset_options = SceneOptions {
            graticule_step_deg: 10.0,
            layers: options.layers,
            labels: options.labels,
            focus: Some(view.focus),
            ..SceneOptions::new(view.projection, transform.scale)
        };
        InsetMap {
            scene: builder.build(scenario, &inset_options, &coverage),
            rect,
            transform,
        }
    });
    Briefing {
        scene,
        plan: ImagePlan {
            map_box: composition.map_box,
            transform,
            unit,
            overlay,
        },
        composition: Some(composition),
        inset,
    }
}
