//! The briefing as SVG, drawn from the scene alone: the map (basemap, rings, markers and
//! labels placed by [`Scene::overlay`]) and, for the briefing layout, the title block, the
//! legend, the sources and the footer.

use super::map_svg::{draw_map, draw_overlay};
use super::{ImageOptions, ImagePlan, Layout};
use crate::color::Rgba;
use crate::export::xml::XmlWriter;
use crate::fonts::{self, text_width, wrap};
use crate::scene::{MarkerItem, Overlay, Scene, Style};

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

/// The whole image as SVG: deterministic text for the same scene and options.
pub fn render_svg(scene: &Scene, options: &ImageOptions, plan: &ImagePlan) -> String {
    let (w, h) = (options.width, options.height);
    let style = &options.style;
    let u = plan.unit;
    let t = &plan.transform;
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
    let m = plan.map_box;
    xml.start("defs").start("clipPath").attr("id", "map");
    xml.start("rect")
        .attr("x", format_args!("{:.1}", m.left))
        .attr("y", format_args!("{:.1}", m.top))
        .attr("width", format_args!("{:.1}", m.width))
        .attr("height", format_args!("{:.1}", m.height))
        .end();
    xml.end().end();
    xml.start("g").attr("clip-path", "url(#map)");
    draw_map(&mut xml, scene, style, t, u);
    let overlay = draw_overlay(&mut xml, scene, style, t, u, plan.map_box);
    draw_unplaced(&mut xml, scene, &overlay, style, plan);
    xml.end();
    if options.layout == Layout::Briefing {
        xml.start("rect")
            .attr("x", format_args!("{:.1}", m.left))
            .attr("y", format_args!("{:.1}", m.top))
            .attr("width", format_args!("{:.1}", m.width))
            .attr("height", format_args!("{:.1}", m.height))
            .attr("fill", "none")
            .attr("stroke", style.coast.rgb_hex())
            .attr("stroke-width", format_args!("{u:.2}"))
            .end();
        draw_briefing_text(&mut xml, scene, options, plan);
    }
    xml.finish()
}

/// The markers whose label found no room, listed along the bottom of the map: never dropped
/// without a word.
fn draw_unplaced(
    xml: &mut XmlWriter,
    scene: &Scene,
    overlay: &Overlay,
    style: &Style,
    plan: &ImagePlan,
) {
    if overlay.unplaced.is_empty() {
        return;
    }
    let names: Vec<String> = overlay
        .unplaced
        .iter()
        .map(|&i| {
            let m = &scene.markers[i];
            let kind = match m.item {
                MarkerItem::Site(_) => "site",
                MarkerItem::Target(_) => "target",
            };
            format!(
                "{} ({kind})",
                m.label.as_ref().map_or(m.id.as_str(), |l| l.text.as_str())
            )
        })
        .collect();
    let u = plan.unit.max(0.7);
    let size = 11.5 * u;
    let m = plan.map_box;
    let lines = wrap(
        &format!("Also marked, unlabelled: {}.", names.join(", ")),
        size,
        false,
        m.width - 16.0 * u,
    );
    let mut y = m.bottom() - 6.0 * u - size * 1.25 * (lines.len() as f64 - 1.0);
    xml.start("g")
        .attr("stroke", style.halo.rgb_hex())
        .attr("stroke-width", format_args!("{:.2}", 3.0 * u))
        .attr("stroke-linejoin", "round")
        .attr("paint-order", "stroke");
    for line in lines {
        text(
            xml,
            m.left + 8.0 * u,
            y,
            size,
            false,
            style.muted_text,
            &line,
        );
        y += size * 1.25;
    }
    xml.end();
}

fn draw_briefing_text(
    xml: &mut XmlWriter,
    scene: &Scene,
    options: &ImageOptions,
    plan: &ImagePlan,
) {
    let style = &options.style;
    // Text never shrinks below 70 % of its 1080p size, however small the image.
    let u = plan.unit.max(0.7);
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let margin = 24.0 * plan.unit;
    let title = scene.title.as_str();
    // A long title is set smaller so that it fits the width.
    let title_size = 34.0 * u * ((w - 2.0 * margin) / text_width(title, 34.0 * u, true)).min(1.0);
    text(
        xml,
        margin,
        margin + 30.0 * u,
        title_size,
        true,
        style.text,
        title,
    );
    if let Some(subtitle) = &scene.subtitle {
        text(
            xml,
            margin,
            margin + 60.0 * u,
            19.0 * u,
            false,
            style.muted_text,
            subtitle,
        );
    }

    // Side panel beside the map (wider when the map is narrow): legend, then sources unless
    // they go under a map that leaves room below it.
    let body = plan.body;
    let map = plan.map_box;
    let px = map.right() + margin;
    let pw = w - px - margin;
    let room_below = body.bottom() - map.bottom();
    let sources_below = room_below >= 100.0 * u;
    let mut y = body.top + 18.0 * u;
    text(xml, px, y, 17.0 * u, true, style.text, "Legend");
    y += 10.0 * u;
    let legend_bottom = body.bottom() - 60.0 * u;
    for (shown, entry) in scene.legend.iter().enumerate() {
        // Each entry takes about 60 px (at 1080p); summarise what does not fit.
        if y + 60.0 * u > legend_bottom {
            y += 20.0 * u;
            let more = format!("... and {} more missiles", scene.legend.len() - shown);
            text(xml, px, y, 12.5 * u, false, style.muted_text, &more);
            break;
        }
        y += 22.0 * u;
        let sw = 30.0 * u;
        let c = entry.color.rgb_hex();
        xml.start("rect")
            .attr("x", format_args!("{px:.1}"))
            .attr("y", format_args!("{:.1}", y - 13.0 * u))
            .attr("width", format_args!("{sw:.1}"))
            .attr("height", format_args!("{:.1}", 15.0 * u))
            .attr("fill", &c)
            .attr("fill-opacity", "0.18")
            .attr("stroke", &c)
            .attr("stroke-width", format_args!("{:.2}", 2.2 * u))
            .end();
        let indent = px + sw + 10.0 * u;
        text(xml, indent, y, 15.0 * u, true, style.text, &entry.title());
        for line in wrap(&entry.detail(), 12.5 * u, false, pw - sw - 10.0 * u) {
            y += 16.0 * u;
            text(xml, indent, y, 12.5 * u, false, style.muted_text, &line);
        }
    }

    // Sources: one heading per drawn missile, one line (wrapped) per estimate, flowed into
    // columns: under the map when there is room there, else under the legend.
    let bottom = body.bottom();
    let (sx, sy, sw_total, columns) = if sources_below {
        (body.left, map.bottom() + 8.0 * u, map.width, 3)
    } else {
        (px, y + 16.0 * u, pw, 1)
    };
    let mut items: Vec<(bool, String)> = Vec::new();
    for entry in scene.legend.iter().filter(|e| !e.sources.is_empty()) {
        items.push((true, entry.name.clone()));
        items.extend(entry.sources.iter().map(|s| (false, format!("- {s}"))));
    }
    if !items.is_empty() {
        draw_sources(xml, style, u, &items, (sx, sy, sw_total, columns), bottom);
    }

    // Footer: what the rings assume, and what the map is.
    let caveat = scene.caveats.join(" ");
    // The footer's three lines sit in the band the plan reserved at the bottom.
    let mut fy = h - 42.0 * u;
    for line in wrap(&caveat, 12.5 * u, false, w - 2.0 * margin)
        .into_iter()
        .take(2)
    {
        text(xml, margin, fy, 12.5 * u, false, style.muted_text, &line);
        fy += 16.0 * u;
    }
    let detail = match scene.detail() {
        crate::basemap::Detail::Coarse => "1:110m",
        crate::basemap::Detail::Fine => "1:50m",
    };
    let meta = format!(
        "Projection: {}.  Basemap: Natural Earth {detail} (public domain).  {}.  Made with range-rings.",
        scene.projection.name(),
        options.date
    );
    text(
        xml,
        margin,
        fy.min(h - 8.0 * u),
        12.5 * u,
        false,
        style.muted_text,
        &meta,
    );
}

/// The sources block: headings (missile names) and source lines flowed into `columns` columns
/// of the box (`x`, `y`, `width`, `columns`) down to `bottom`.
fn draw_sources(
    xml: &mut XmlWriter,
    style: &Style,
    u: f64,
    items: &[(bool, String)],
    (sx, sy, sw_total, columns): (f64, f64, f64, usize),
    bottom: f64,
) {
    let size = 11.5 * u;
    let line_h = 14.5 * u;
    let gap = 18.0 * u;
    let col_w = (sw_total - gap * (columns as f64 - 1.0)) / columns as f64;
    let top = sy + 22.0 * u;
    text(
        xml,
        sx,
        sy + 14.0 * u,
        15.0 * u,
        true,
        style.text,
        "Sources",
    );
    let (mut col, mut cy) = (0usize, top);
    let total = items.iter().filter(|(heading, _)| !heading).count();
    let mut shown = 0;
    for (heading, line) in items {
        let lines = if *heading {
            vec![line.clone()]
        } else {
            wrap(line, size, false, col_w - 10.0 * u)
        };
        let needed = line_h * (lines.len() as f64 + if *heading { 1.3 } else { 0.0 });
        // A heading needs room for at least one source under it.
        if cy + needed + if *heading { line_h } else { 0.0 } > bottom - line_h {
            col += 1;
            cy = top;
            if col >= columns {
                break;
            }
        }
        let x = sx + col as f64 * (col_w + gap);
        if *heading {
            cy += 0.3 * line_h;
        }
        for (i, l) in lines.iter().enumerate() {
            cy += line_h;
            let indent = if i == 0 || *heading { 0.0 } else { 10.0 * u };
            let color = if *heading {
                style.text
            } else {
                style.muted_text
            };
            text(xml, x + indent, cy, size, *heading, color, l);
        }
        if !heading {
            shown += 1;
        }
    }
    if shown < total {
        let x = sx + (columns.min(col + 1) - 1) as f64 * (col_w + gap);
        let more = format!("... and {} more in the scenario's sources", total - shown);
        text(
            xml,
            x,
            (cy + line_h).min(bottom),
            size,
            false,
            style.muted_text,
            &more,
        );
    }
}
