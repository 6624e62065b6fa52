//! The briefing as SVG, drawn from the scene and the composed page alone: the map (and the
//! inset), each in its frame, then the page's text, swatches, key symbols and matrix cells.

use super::compose::{Ink, Item};
use super::map_svg::{HaloText, draw_map, draw_overlay, halo_texts};
use super::{Briefing, ImageOptions};
use crate::color::Rgba;
use crate::export::xml::XmlWriter;
use crate::fonts::{self, wrap};
use crate::scene::{
    KeySymbol, Overlay, OverlaySizes, PixelRect, Scene, Style, Symbol, ViewTransform,
};

fn text(xml: &mut XmlWriter, x: f64, y: f64, size: f64, bold: bool, color: Rgba, content: &str) {
    xml.start("text")
        .attr("x", format_args!("{x:.1}"))
        .attr("y", format_args!("{y:.1}"))
        .attr("font-size", format_args!("{size:.2}"))
        .attr_opt("font-weight", bold.then_some("bold"))
        .attr("fill", color.rgb_hex())
        .text(content)
        .end();
}

fn rect_attrs(xml: &mut XmlWriter, r: &PixelRect) {
    xml.attr("x", format_args!("{:.1}", r.left))
        .attr("y", format_args!("{:.1}", r.top))
        .attr("width", format_args!("{:.1}", r.width))
        .attr("height", format_args!("{:.1}", r.height));
}

/// Draws a map (scene, view, box) clipped to its box; `id` names the clip path.
fn map(
    xml: &mut XmlWriter,
    scene: &Scene,
    style: &Style,
    t: &ViewTransform,
    (unit, sizes): (f64, OverlaySizes),
    rect: PixelRect,
    id: &str,
) -> Overlay {
    xml.start("defs").start("clipPath").attr("id", id);
    xml.start("rect");
    rect_attrs(xml, &rect);
    xml.end().end().end();
    xml.start("g").attr("clip-path", format_args!("url(#{id})"));
    draw_map(xml, scene, style, t, unit);
    let overlay = draw_overlay(xml, scene, style, t, (unit, sizes), rect, id);
    xml.end();
    overlay
}

/// The whole image as SVG: deterministic text for the same briefing and options.
pub fn render_svg(briefing: &Briefing, options: &ImageOptions) -> String {
    let (w, h) = (options.width, options.height);
    let style = &options.style;
    let plan = &briefing.plan;
    let mut xml = XmlWriter::new();
    xml.start("svg")
        .attr("xmlns", "http://www.w3.org/2000/svg")
        .attr("width", w)
        .attr("height", h)
        .attr("viewBox", format_args!("0 0 {w} {h}"))
        .attr("font-family", format_args!("{}, sans-serif", fonts::FAMILY));
    xml.start("rect")
        .attr("width", w)
        .attr("height", h)
        .attr("fill", style.background.rgb_hex())
        .end();
    let overlay = map(
        &mut xml,
        &briefing.scene,
        style,
        &plan.transform,
        (plan.unit, plan.overlay),
        plan.map_box,
        "map",
    );
    if let Some(inset) = &briefing.inset {
        map(
            &mut xml,
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
            xml.start("g").attr("id", "page");
            for item in &page.items {
                draw_item(&mut xml, item, &briefing.scene, style, plan.unit);
            }
            xml.end();
        }
        // The map alone lists the places it could not label along its bottom.
        None => draw_unplaced(
            &mut xml,
            &briefing.scene,
            &overlay,
            style,
            plan.map_box,
            plan.unit,
        ),
    }
    xml.finish()
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

fn draw_item(xml: &mut XmlWriter, item: &Item, scene: &Scene, style: &Style, unit: f64) {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            ink,
            text: content,
        } => {
            let color = match ink {
                Ink::Text => style.text,
                Ink::Muted => style.muted_text,
            };
            text(xml, *x, *y, *size, *bold, color, content);
        }
        Item::Swatch { rect, entry } => {
            let color = scene
                .legend
                .get(*entry)
                .map_or(style.text, |e| e.color)
                .rgb_hex();
            xml.start("rect");
            rect_attrs(xml, rect);
            xml.attr("fill", &color)
                .attr("fill-opacity", "0.25")
                .attr("stroke", &color)
                .attr("stroke-width", format_args!("{:.2}", (2.0 * unit).max(1.0)))
                .end();
        }
        Item::Cell { rect, shade: s } => {
            xml.start("rect");
            rect_attrs(xml, rect);
            xml.attr("fill", shade(*s, style).rgb_hex())
                .attr("rx", format_args!("{:.1}", 0.15 * rect.height))
                .end();
        }
        Item::Frame { rect } => {
            xml.start("rect");
            rect_attrs(xml, rect);
            xml.attr("fill", "none")
                .attr("stroke", style.coast.rgb_hex())
                .attr("stroke-width", format_args!("{:.2}", unit.max(0.5)))
                .end();
        }
        Item::Symbol { x, y, size, symbol } => key_symbol(xml, *x, *y, *size, *symbol, style, unit),
    }
}

/// A symbol of the key, centred on (`x`, `y`), `r` its marker radius.
fn key_symbol(
    xml: &mut XmlWriter,
    x: f64,
    y: f64,
    r: f64,
    symbol: KeySymbol,
    style: &Style,
    unit: f64,
) {
    let ink = style.text.rgb_hex();
    let paper = style.background.rgb_hex();
    let line = |xml: &mut XmlWriter, d: String, dash: Option<String>| {
        xml.start("path")
            .attr("d", d)
            .attr("fill", "none")
            .attr("stroke", &ink)
            .attr("stroke-width", format_args!("{:.2}", (1.2 * unit).max(0.8)))
            .attr_opt("stroke-dasharray", dash)
            .end();
    };
    match symbol {
        KeySymbol::Marker(Symbol::Launch) => {
            xml.start("path")
                .attr(
                    "d",
                    format_args!(
                        "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                        x,
                        y - 1.3 * r,
                        x + 1.15 * r,
                        y + 0.75 * r,
                        x - 1.15 * r,
                        y + 0.75 * r
                    ),
                )
                .attr("fill", &ink)
                .end();
        }
        KeySymbol::Marker(Symbol::Patrol { illustrative }) => {
            xml.start("path")
                .attr(
                    "d",
                    format_args!(
                        "M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z",
                        x,
                        y - r,
                        x + r,
                        y,
                        x,
                        y + r,
                        x - r,
                        y
                    ),
                )
                .attr("fill", if illustrative { &paper } else { &ink })
                .attr("stroke", &ink)
                .attr("stroke-width", format_args!("{:.2}", (1.2 * unit).max(0.8)))
                .end();
        }
        KeySymbol::Marker(Symbol::Target) => {
            xml.start("circle")
                .attr("cx", format_args!("{x:.1}"))
                .attr("cy", format_args!("{y:.1}"))
                .attr("r", format_args!("{:.2}", 0.75 * r))
                .attr("fill", &paper)
                .attr("stroke", &ink)
                .attr("stroke-width", format_args!("{:.2}", (1.3 * unit).max(0.8)))
                .end();
        }
        KeySymbol::PatrolArea => line(
            xml,
            format!(
                "M{:.1} {:.1}h{:.1}v{:.1}h{:.1}Z",
                x - 1.4 * r,
                y - r,
                2.8 * r,
                2.0 * r,
                -2.8 * r
            ),
            Some(format!("{:.1} {:.1}", 0.8 * r, 0.6 * r)),
        ),
        KeySymbol::Band => {
            let d = (0..4)
                .map(|k| {
                    let x0 = x - 1.6 * r + f64::from(k) * r;
                    format!("M{:.1} {:.1}l{:.1} {:.1}", x0, y + r, 1.2 * r, -2.0 * r)
                })
                .collect::<String>();
            line(xml, d, None);
        }
        KeySymbol::RotatingReach => line(
            xml,
            format!("M{:.1} {:.1}h{:.1}", x - 1.8 * r, y, 3.6 * r),
            Some(format!("{:.1} {:.1}", 1.0 * r, 0.6 * r)),
        ),
        KeySymbol::TargetArea => {
            xml.start("rect")
                .attr("x", format_args!("{:.1}", x - 1.4 * r))
                .attr("y", format_args!("{:.1}", y - r))
                .attr("width", format_args!("{:.1}", 2.8 * r))
                .attr("height", format_args!("{:.1}", 2.0 * r))
                .attr("fill", &ink)
                .attr("fill-opacity", "0.08")
                .attr("stroke", &ink)
                .attr("stroke-opacity", "0.7")
                .attr("stroke-width", format_args!("{:.2}", unit.max(0.6)))
                .end();
        }
    }
}

/// The markers whose label found no room, listed along the bottom of a map drawn alone:
/// never dropped without a word.
fn draw_unplaced(
    xml: &mut XmlWriter,
    scene: &Scene,
    overlay: &Overlay,
    style: &Style,
    map_box: PixelRect,
    unit: f64,
) {
    if overlay.unplaced.is_empty() {
        return;
    }
    let names: Vec<&str> = overlay
        .unplaced
        .iter()
        .map(|&i| {
            let m = &scene.markers[i];
            m.label.as_ref().map_or(m.id.as_str(), |l| l.text.as_str())
        })
        .collect();
    let u = unit.max(0.7);
    let size = 11.5 * u;
    let lines = wrap(
        &format!("Also marked, unlabelled: {}.", names.join(", ")),
        size,
        false,
        map_box.width - 16.0 * u,
    );
    let top = map_box.bottom() - 6.0 * u - size * 1.25 * (lines.len() as f64 - 1.0);
    let texts: Vec<HaloText> = lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| HaloText {
            x: map_box.left + 8.0 * u,
            y: top + size * 1.25 * i as f64,
            text: line,
            ..HaloText::default()
        })
        .collect();
    halo_texts(
        xml,
        style,
        (u, size),
        &style.muted_text.rgb_hex(),
        ("map", "unlabelled"),
        &texts,
    );
}
