//! The briefing's picture, drawn from the scene and the composed page alone: the map (and the
//! inset), each in its frame, then the page's text, swatches, key symbols and matrix cells.
//! One [`Drawing`], written as SVG or painted into pixels.

use super::compose::{Ink, Item};
use super::map::{MapPart, draw_map, draw_overlay, faded, halo_labels};
use super::{Briefing, ImageOptions};
use crate::color::Rgba;
use crate::export::drawing::{
    Drawing, Fill, Geometry, Group, Label, Line, Shape, Text, closed_path, open_path,
};
use crate::fonts::wrap;
use crate::scene::{
    KeySymbol, Overlay, OverlaySizes, PixelRect, Scene, Style, Symbol, ViewTransform,
};

/// Draws a map (scene, view, box) clipped to its box; `id` names the clip and its groups.
fn map(
    d: &mut Drawing,
    scene: &Scene,
    style: &Style,
    t: &ViewTransform,
    (unit, sizes): (f64, OverlaySizes),
    rect: PixelRect,
    id: &str,
) -> Overlay {
    d.begin(Group {
        id: Some(id.to_owned()),
        class: None,
        clip: Some(rect),
    });
    draw_map(d, scene, style, t, unit, MapPart::Whole);
    let overlay = draw_overlay(d, scene, style, t, (unit, sizes), rect, id);
    d.end();
    overlay
}

/// The whole image: the same drawing for the same briefing and options.
pub fn draw(briefing: &Briefing, options: &ImageOptions) -> Drawing {
    let style = &options.style;
    let plan = &briefing.plan;
    let mut d = Drawing::new(options.width, options.height);
    d.shape(Shape {
        geometry: Geometry::Rect {
            rect: PixelRect::from_edges(
                0.0,
                0.0,
                f64::from(options.width),
                f64::from(options.height),
            ),
            corner: 0.0,
        },
        fill: Some(Fill {
            color: style.background,
            even_odd: false,
        }),
        line: None,
        marker: None,
    });
    let overlay = map(
        &mut d,
        &briefing.scene,
        style,
        &plan.transform,
        (plan.unit, plan.overlay),
        plan.map_box,
        "map",
    );
    if let Some(inset) = &briefing.inset {
        map(
            &mut d,
            &inset.scene,
            style,
            &inset.transform,
            (plan.unit, plan.overlay),
            inset.rect,
            "inset",
        );
    }
    match &briefing.composition {
        Some(page) => {
            d.begin(Group {
                id: Some("page".to_owned()),
                class: None,
                clip: None,
            });
            for item in &page.items {
                draw_item(&mut d, item, &briefing.scene, style, plan.unit);
            }
            d.end();
        }
        // The map alone lists the places it could not label along its bottom.
        None => draw_unplaced(
            &mut d,
            &briefing.scene,
            &overlay,
            style,
            plan.map_box,
            plan.unit,
        ),
    }
    d
}

/// The whole image as SVG: deterministic text for the same briefing and options.
pub fn render_svg(briefing: &Briefing, options: &ImageOptions) -> String {
    draw(briefing, options).to_svg()
}

/// Shades of the reach matrix: in range, within the band, out of range, no site.
fn shade(shade: u8, style: &Style) -> Rgba {
    let dark = style.background.0[..3]
        .iter()
        .map(|&c| u32::from(c))
        .sum::<u32>()
        < 3 * 128;
    match (shade, dark) {
        (0, false) => Rgba([0xf2, 0xa7, 0xa0, 0xff]),
        (1, false) => Rgba([0xf6, 0xd3, 0x8e, 0xff]),
        (2, false) => Rgba([0xe4, 0xe6, 0xe8, 0xff]),
        (0, true) => Rgba([0x7d, 0x30, 0x2b, 0xff]),
        (1, true) => Rgba([0x72, 0x57, 0x1c, 0xff]),
        (2, true) => Rgba([0x33, 0x39, 0x40, 0xff]),
        _ => style.background,
    }
}

fn solid(color: Rgba) -> Option<Fill> {
    Some(Fill {
        color,
        even_odd: false,
    })
}

fn line(color: Rgba, width: f64, dash: Option<(f64, f64)>) -> Option<Line> {
    Some(Line {
        color,
        width,
        dash,
        round: false,
    })
}

fn draw_item(d: &mut Drawing, item: &Item, scene: &Scene, style: &Style, unit: f64) {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            ink,
            text,
        } => d.text(Text {
            x: *x,
            y: *y,
            size: *size,
            bold: *bold,
            color: match ink {
                Ink::Text => style.text,
                Ink::Muted => style.muted_text,
            },
            text: text.clone(),
        }),
        Item::Swatch { rect, entry } => {
            let color = scene.legend.get(*entry).map_or(style.text, |e| e.color);
            d.shape(Shape {
                geometry: Geometry::Rect {
                    rect: *rect,
                    corner: 0.0,
                },
                fill: solid(faded(color, 0.25)),
                line: line(color, (2.0 * unit).max(1.0), None),
                marker: None,
            });
        }
        Item::Cell { rect, shade: s } => d.shape(Shape {
            geometry: Geometry::Rect {
                rect: *rect,
                corner: 0.15 * rect.height,
            },
            fill: solid(shade(*s, style)),
            line: None,
            marker: None,
        }),
        Item::Frame { rect } => d.shape(Shape {
            geometry: Geometry::Rect {
                rect: *rect,
                corner: 0.0,
            },
            fill: None,
            line: line(style.coast, unit.max(0.5), None),
            marker: None,
        }),
        Item::Symbol { x, y, size, symbol } => {
            d.shape(key_symbol(*x, *y, *size, *symbol, style, unit))
        }
    }
}

/// A symbol of the key, centred on (`x`, `y`), `r` its marker radius.
fn key_symbol(x: f64, y: f64, r: f64, symbol: KeySymbol, style: &Style, unit: f64) -> Shape {
    let (ink, paper) = (style.text, style.background);
    let thin = (1.2 * unit).max(0.8);
    let path = |path| Geometry::Path(path);
    let (geometry, fill, line) = match symbol {
        KeySymbol::Marker(Symbol::Launch) => (
            closed_path(&[
                (x, y - 1.3 * r),
                (x + 1.15 * r, y + 0.75 * r),
                (x - 1.15 * r, y + 0.75 * r),
            ])
            .map(path),
            solid(ink),
            None,
        ),
        KeySymbol::Marker(Symbol::Patrol { illustrative }) => (
            closed_path(&[(x, y - r), (x + r, y), (x, y + r), (x - r, y)]).map(path),
            solid(if illustrative { paper } else { ink }),
            line(ink, thin, None),
        ),
        KeySymbol::Marker(Symbol::Target) => (
            Some(Geometry::Circle { x, y, r: 0.75 * r }),
            solid(paper),
            line(ink, (1.3 * unit).max(0.8), None),
        ),
        KeySymbol::PatrolArea => (
            Some(Geometry::Rect {
                rect: PixelRect::from_edges(x - 1.4 * r, y - r, x + 1.4 * r, y + r),
                corner: 0.0,
            }),
            None,
            line(ink, thin, Some((0.8 * r, 0.6 * r))),
        ),
        KeySymbol::Band => {
            let mut builder = resvg::tiny_skia::PathBuilder::new();
            for k in 0..4 {
                let x0 = x - 1.6 * r + f64::from(k) * r;
                builder.move_to(x0 as f32, (y + r) as f32);
                builder.line_to((x0 + 1.2 * r) as f32, (y - r) as f32);
            }
            (builder.finish().map(path), None, line(ink, thin, None))
        }
        KeySymbol::RotatingReach => (
            open_path(&[(x - 1.8 * r, y), (x + 1.8 * r, y)]).map(path),
            None,
            line(ink, thin, Some((r, 0.6 * r))),
        ),
        KeySymbol::TargetArea => (
            Some(Geometry::Rect {
                rect: PixelRect::from_edges(x - 1.4 * r, y - r, x + 1.4 * r, y + r),
                corner: 0.0,
            }),
            solid(faded(ink, 0.08)),
            line(faded(ink, 0.7), unit.max(0.6), None),
        ),
    };
    Shape {
        geometry: geometry.unwrap_or(Geometry::Circle { x, y, r: 0.0 }),
        fill,
        line,
        marker: None,
    }
}

/// The markers whose label found no room, listed along the bottom of a map drawn alone:
/// never dropped without a word.
fn draw_unplaced(
    d: &mut Drawing,
    scene: &Scene,
    overlay: &Overlay,
    style: &Style,
    map_box: PixelRect,
    unit: f64,
) {
    if overlay.unplaced.is_empty() {
        return;
    }
    let names = super::marker_names(scene, &overlay.unplaced);
    let u = unit.max(0.7);
    let size = 11.5 * u;
    let lines = wrap(
        &format!(
            "Also marked, unlabelled: {}.",
            super::name_list(&names, ", ")
        ),
        size,
        false,
        map_box.width - 16.0 * u,
    );
    let top = map_box.bottom() - 6.0 * u - size * 1.25 * (lines.len() as f64 - 1.0);
    let items = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| Label {
            x: map_box.left + 8.0 * u,
            y: top + size * 1.25 * i as f64,
            text: line,
            ..Label::default()
        })
        .collect();
    d.labels(crate::export::drawing::Labels {
        ink: style.muted_text,
        ..halo_labels(style, (u, size), ("map", "unlabelled"), items)
    });
}
