//! Briefing images: a scene laid out with title, legend, sources and caveats, written as SVG.
//! The PNG is rendered from this same SVG (see [`super::png`]), so the two always agree.

use crate::fonts::{self, text_width, wrap};
use crate::geodesy::KM_PER_MILE;
use crate::projection::{MapRect, Projection};
use crate::scenario::{Rgba, Scenario};
use crate::scene::{MarkerKind, RingLayers, Scene, Style, ViewTransform, place_labels};
use geo::{LineString, MultiPolygon, Polygon};
use std::fmt::Write as _;

/// What the image holds besides the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
    /// Title; the scenario's when `None`.
    pub title: Option<String>,
    /// The part of the map to show, map units; the whole map when `None`.
    pub extent: Option<MapRect>,
    /// Bands of estimates and rotation-aware footprints.
    pub layers: RingLayers,
}

/// Where the map goes in the image and how map units land on pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ImagePlan {
    /// The map panel: left, top, width, height, pixels.
    pub map_box: (f64, f64, f64, f64),
    /// Map units to image pixels.
    pub transform: ViewTransform,
    /// The space the map was fitted into (the map frame may be smaller): left, top, width,
    /// height, pixels. The side panel and the footer align with it.
    pub body: (f64, f64, f64, f64),
    /// Size unit: 1 at 1920x1080, scaling type and lines with the image.
    pub unit: f64,
}

/// Lays out the image: computed before the scene so the scene can be built at the right scale.
pub fn plan(projection: &Projection, options: &ImageOptions) -> ImagePlan {
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let unit = (w / 1920.0).min(h / 1080.0).max(0.05);
    let map_box = match options.layout {
        Layout::Map => (0.0, 0.0, w, h),
        Layout::Briefing => {
            // Text never shrinks below 70 % of its 1080p size, so neither do the bands it needs.
            let text_unit = unit.max(0.7);
            let margin = 24.0 * unit;
            let header = 96.0 * text_unit;
            let footer = 58.0 * text_unit;
            let panel = (0.27 * w).max(360.0 * unit).min(0.45 * w);
            (
                margin,
                header,
                w - panel - 3.0 * margin,
                h - header - footer,
            )
        }
    };
    let bounds = options.extent.unwrap_or_else(|| projection.bounds());
    let pad = if options.layout == Layout::Map {
        0.0
    } else {
        4.0 * unit
    };
    let fit = |b: (f64, f64, f64, f64)| {
        ViewTransform::fit(
            &bounds,
            b.0 + pad,
            b.1 + pad,
            b.2 - 2.0 * pad,
            b.3 - 2.0 * pad,
        )
    };
    let mut transform = fit(map_box);
    let body = map_box;
    let mut map_box = map_box;
    if options.layout == Layout::Briefing {
        // The frame hugs the fitted map, at the top of the space it had, so no empty bands show.
        let used_w = bounds.width() * transform.scale + 2.0 * pad;
        let used_h = bounds.height() * transform.scale + 2.0 * pad;
        map_box = (
            map_box.0,
            map_box.1,
            used_w.min(map_box.2),
            used_h.min(map_box.3),
        );
        transform = fit(map_box);
    }
    ImagePlan {
        map_box,
        transform,
        body,
        unit,
    }
}

fn color(c: Rgba) -> String {
    let [r, g, b, _] = c.0;
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn opacity(c: Rgba) -> f64 {
    f64::from(c.0[3]) / 255.0
}

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `15000` as "15,000".
pub fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if x < 0.0 && digits != "0" {
        format!("-{out}")
    } else {
        out
    }
}

/// Appends SVG path data for a ring of points.
fn ring_path(d: &mut String, ring: &LineString<f64>, t: &ViewTransform, close: bool) {
    for (i, c) in ring.coords().enumerate() {
        let (x, y) = t.to_px(*c);
        let _ = write!(d, "{}{:.1} {:.1}", if i == 0 { "M" } else { "L" }, x, y);
    }
    if close {
        d.push('Z');
    }
}

fn polygons_path(polygons: &MultiPolygon<f64>, t: &ViewTransform) -> String {
    let mut d = String::new();
    for p in &polygons.0 {
        polygon_path(&mut d, p, t);
    }
    d
}

fn polygon_path(d: &mut String, p: &Polygon<f64>, t: &ViewTransform) {
    ring_path(d, p.exterior(), t, true);
    for hole in p.interiors() {
        ring_path(d, hole, t, true);
    }
}

fn lines_path(lines: &[LineString<f64>], t: &ViewTransform) -> String {
    let mut d = String::new();
    for l in lines {
        ring_path(&mut d, l, t, false);
    }
    d
}

fn text(out: &mut String, x: f64, y: f64, size: f64, bold: bool, fill: Rgba, content: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x:.1}" y="{y:.1}" font-size="{size:.2}"{} fill="{}">{}</text>"#,
        if bold { r#" font-weight="bold""# } else { "" },
        color(fill),
        xml(content)
    );
}

/// The whole image as SVG: deterministic text for the same scene, scenario and options.
pub fn render_svg(
    scene: &Scene,
    scenario: &Scenario,
    options: &ImageOptions,
    plan: &ImagePlan,
) -> String {
    let (w, h) = (options.width, options.height);
    let style = &options.style;
    let u = plan.unit;
    let t = &plan.transform;
    let mut out = String::with_capacity(1 << 20);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}, sans-serif">"#,
        fonts::FAMILY
    );
    let _ = writeln!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        color(style.background)
    );
    let (mx, my, mw, mh) = plan.map_box;
    let _ = writeln!(
        out,
        r#"<defs><clipPath id="map"><rect x="{mx:.1}" y="{my:.1}" width="{mw:.1}" height="{mh:.1}"/></clipPath></defs>"#
    );
    let _ = writeln!(out, r#"<g clip-path="url(#map)">"#);
    draw_map(&mut out, scene, style, t, u);
    draw_markers_and_labels(&mut out, scene, scenario, style, t, u, plan.map_box);
    out.push_str("</g>\n");
    if options.layout == Layout::Briefing {
        let _ = writeln!(
            out,
            r#"<rect x="{mx:.1}" y="{my:.1}" width="{mw:.1}" height="{mh:.1}" fill="none" stroke="{}" stroke-width="{:.2}"/>"#,
            color(style.coast),
            u
        );
        draw_briefing_text(&mut out, scene, scenario, options, plan);
    }
    out.push_str("</svg>\n");
    out
}

fn draw_map(out: &mut String, scene: &Scene, style: &Style, t: &ViewTransform, u: f64) {
    let sphere = polygons_path(&MultiPolygon(vec![scene.sphere.clone()]), t);
    let _ = writeln!(out, r#"<path d="{sphere}" fill="{}"/>"#, color(style.ocean));
    let stroke = |out: &mut String, d: &str, c: Rgba, width: f64| {
        if !d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path d="{d}" fill="none" stroke="{}" stroke-opacity="{:.2}" stroke-width="{width:.2}" stroke-linejoin="round" stroke-linecap="round"/>"#,
                color(c),
                opacity(c)
            );
        }
    };
    stroke(
        out,
        &lines_path(&scene.graticule, t),
        style.graticule,
        0.8 * u,
    );
    let land = polygons_path(&scene.land, t);
    let _ = writeln!(
        out,
        r#"<path d="{land}" fill="{}" fill-rule="evenodd"/>"#,
        color(style.land)
    );
    stroke(out, &lines_path(&scene.borders, t), style.border, 0.7 * u);
    stroke(out, &lines_path(&scene.coastlines, t), style.coast, 0.8 * u);
    // Fills first (all rings), then bands over them, so outlines always stay on top.
    let fill = |out: &mut String, area: &MultiPolygon<f64>, c: Rgba| {
        let d = polygons_path(area, t);
        if !d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path d="{d}" fill="{}" fill-opacity="{:.3}" fill-rule="evenodd"/>"#,
                color(c),
                style.ring_fill_opacity
            );
        }
    };
    for ring in &scene.rings {
        fill(out, &ring.fill, ring.color);
    }
    for ring in &scene.rings {
        fill(out, &ring.band, ring.color);
        stroke(out, &lines_path(&ring.band_edges, t), ring.color, 0.5 * u);
    }
    for ring in &scene.rings {
        stroke(out, &lines_path(&ring.outline, t), ring.color, 2.2 * u);
        let d = lines_path(&ring.rotating_outline, t);
        if !d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path d="{d}" fill="none" stroke="{}" stroke-width="{:.2}" stroke-dasharray="{:.1} {:.1}"/>"#,
                color(ring.color),
                1.6 * u,
                8.0 * u,
                5.0 * u
            );
        }
    }
    stroke(
        out,
        &polygons_path(&MultiPolygon(vec![scene.sphere.clone()]), t),
        style.coast,
        1.0 * u,
    );
}

fn draw_markers_and_labels(
    out: &mut String,
    scene: &Scene,
    scenario: &Scenario,
    style: &Style,
    t: &ViewTransform,
    u: f64,
    map_box: (f64, f64, f64, f64),
) {
    // Only sites with a visible ring, and targets, are marked; other sites would be clutter.
    let ring_sites: Vec<usize> = scene.rings.iter().map(|r| r.site).collect();
    let shown =
        |kind: MarkerKind, index: usize| kind == MarkerKind::Target || ring_sites.contains(&index);
    for m in scene.markers.iter().filter(|m| !m.area.is_empty()) {
        let _ = writeln!(
            out,
            r#"<path d="{}" fill="{}" fill-opacity="0.25" stroke="{}" stroke-width="{:.2}" stroke-dasharray="{:.1} {:.1}"/>"#,
            lines_path(&m.area, t),
            color(style.text),
            color(style.text),
            1.2 * u,
            4.0 * u,
            3.0 * u
        );
    }
    let r = 4.2 * u;
    for m in &scene.markers {
        if !shown(m.kind, m.index) {
            continue;
        }
        let (x, y) = t.to_px(m.position);
        let ink = color(style.text);
        let halo = color(style.background);
        let _ = match m.kind {
            MarkerKind::Launch => writeln!(
                out,
                r#"<path d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{ink}" stroke="{halo}" stroke-width="{:.2}"/>"#,
                x,
                y - 1.3 * r,
                x + 1.15 * r,
                y + 0.75 * r,
                x - 1.15 * r,
                y + 0.75 * r,
                0.8 * u
            ),
            MarkerKind::Patrol { illustrative } => writeln!(
                out,
                r#"<path d="M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{}" stroke="{ink}" stroke-width="{:.2}"/>"#,
                x,
                y - r,
                x + r,
                y,
                x,
                y + r,
                x - r,
                y,
                if illustrative {
                    halo.clone()
                } else {
                    ink.clone()
                },
                1.3 * u
            ),
            MarkerKind::Target => writeln!(
                out,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.2}" fill="{halo}" stroke="{ink}" stroke-width="{:.2}"/>"#,
                0.75 * r,
                1.4 * u
            ),
        };
    }
    // Never smaller than 9 px, however small the image.
    let font = (13.0 * u).max(9.0);
    let labels: Vec<_> = scene
        .labels
        .iter()
        .zip(&scene.markers)
        .filter(|(_, m)| shown(m.kind, m.index))
        .map(|(l, _)| l.clone())
        .collect();
    let (left, top, width, height) = map_box;
    let placed = place_labels(
        &labels,
        t,
        font,
        (left, top, left + width, top + height),
        |s| text_width(s, font, false),
    );
    let _ = writeln!(
        out,
        r#"<g font-size="{font:.2}" fill="{}" stroke="{}" stroke-opacity="{:.2}" stroke-width="{:.2}" stroke-linejoin="round" paint-order="stroke">"#,
        color(style.text),
        color(style.halo),
        opacity(style.halo),
        3.0 * u
    );
    for p in placed {
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}">{}</text>"#,
            p.x,
            p.baseline,
            xml(&p.text)
        );
    }
    out.push_str("</g>\n");
    let _ = scenario;
}

fn draw_briefing_text(
    out: &mut String,
    scene: &Scene,
    scenario: &Scenario,
    options: &ImageOptions,
    plan: &ImagePlan,
) {
    let style = &options.style;
    // Text never shrinks below 70 % of its 1080p size, however small the image.
    let u = plan.unit.max(0.7);
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let margin = 24.0 * plan.unit;
    let title = options
        .title
        .clone()
        .or_else(|| scenario.title.clone())
        .unwrap_or_else(|| "Missile range rings".into());
    // A long title is set smaller so that it fits the width.
    let title_size = 34.0 * u * ((w - 2.0 * margin) / text_width(&title, 34.0 * u, true)).min(1.0);
    text(
        out,
        margin,
        margin + 30.0 * u,
        title_size,
        true,
        style.text,
        &title,
    );
    if let Some(subtitle) = &scenario.subtitle {
        text(
            out,
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
    let (bx, by, _, bh) = plan.body;
    let (mx, my, mw, mh) = plan.map_box;
    let px = mx + mw + margin;
    let pw = w - px - margin;
    let room_below = by + bh - (my + mh);
    let sources_below = room_below >= 100.0 * u;
    let mut y = by + 18.0 * u;
    let coverage = crate::reach::visible_coverage(scenario, 1);
    text(out, px, y, 17.0 * u, true, style.text, "Legend");
    y += 10.0 * u;
    let legend_bottom = by + bh - 60.0 * u;
    for (shown, entry) in scene.legend.iter().enumerate() {
        // Each entry takes about 60 px (at 1080p); summarise what does not fit.
        if y + 60.0 * u > legend_bottom {
            y += 20.0 * u;
            let more = format!("... and {} more missiles", scene.legend.len() - shown);
            text(out, px, y, 12.5 * u, false, style.muted_text, &more);
            break;
        }
        y += 22.0 * u;
        let sw = 30.0 * u;
        let _ = writeln!(
            out,
            r#"<rect x="{px:.1}" y="{:.1}" width="{sw:.1}" height="{:.1}" fill="{c}" fill-opacity="0.18" stroke="{c}" stroke-width="{:.2}"/>"#,
            y - 13.0 * u,
            15.0 * u,
            2.2 * u,
            c = color(entry.color)
        );
        let mut name = entry.name.clone();
        if let Some(class) = &entry.class {
            let _ = write!(name, "  {class}");
        }
        text(
            out,
            px + sw + 10.0 * u,
            y,
            15.0 * u,
            true,
            style.text,
            &name,
        );
        let mut detail = format!(
            "{} km ({} mi)",
            thousands(entry.range_km),
            thousands(entry.range_km / KM_PER_MILE)
        );
        if let Some((lo, hi)) = entry.band_km
            && (lo < entry.range_km || hi > entry.range_km)
        {
            let _ = write!(detail, ", estimates {}-{} km", thousands(lo), thousands(hi));
        }
        let _ = write!(detail, ", from {}", entry.from);
        if options.layers.rotation {
            let global = scene
                .rings
                .iter()
                .any(|r| r.missile == entry.missile && r.rotating_global);
            detail.push_str(if global {
                "; on the rotating Earth: global (orbital speed)"
            } else {
                "; dashed: reach on the rotating Earth"
            });
        }
        if entry.assumed {
            detail.push_str(" (assumed figure)");
        }
        // Coverage of the first target area (e.g. CONUS) from the missile's best site.
        if let Some(area) = scenario.target_areas.first() {
            let best = coverage
                .iter()
                .filter(|c| c.missile == entry.missile && c.area == 0)
                .map(|c| c.covered_pct)
                .fold(None, |best: Option<f64>, pct| {
                    Some(best.map_or(pct, |b| b.max(pct)))
                });
            if let Some(pct) = best.filter(|pct| *pct >= 0.05) {
                let _ = write!(detail, "; covers {pct:.0}% of {}", area.name);
            }
        }
        for line in wrap(&detail, 12.5 * u, false, pw - sw - 10.0 * u) {
            y += 16.0 * u;
            text(
                out,
                px + sw + 10.0 * u,
                y,
                12.5 * u,
                false,
                style.muted_text,
                &line,
            );
        }
    }

    // Sources: one heading per drawn missile, one line (wrapped) per estimate, flowed into
    // columns: under the map when there is room there, else under the legend.
    let bottom = by + bh;
    let (sx, sy, sw_total, columns) = if sources_below {
        (bx, my + mh + 8.0 * u, mw, 3)
    } else {
        (px, y + 16.0 * u, pw, 1)
    };
    let mut items: Vec<(bool, String)> = Vec::new();
    for entry in &scene.legend {
        let missile = &scenario.missiles[entry.missile];
        if missile.sources.is_empty() {
            continue;
        }
        items.push((true, missile.name.clone()));
        for source in &missile.sources {
            let date = source
                .date
                .as_deref()
                .map(|d| format!(" ({d})"))
                .unwrap_or_default();
            items.push((false, format!("- {}{date}", source.text)));
        }
    }
    if !items.is_empty() {
        let size = 11.5 * u;
        let line_h = 14.5 * u;
        let gap = 18.0 * u;
        let col_w = (sw_total - gap * (columns as f64 - 1.0)) / columns as f64;
        let top = sy + 22.0 * u;
        text(
            out,
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
        'items: for (heading, line) in &items {
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
                    break 'items;
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
                text(out, x + indent, cy, size, *heading, color, l);
            }
            if !heading {
                shown += 1;
            }
        }
        if shown < total {
            let x = sx + (columns.min(col + 1) - 1) as f64 * (col_w + gap);
            let more = format!("... and {} more in the scenario's sources", total - shown);
            text(
                out,
                x,
                (cy + line_h).min(bottom),
                size,
                false,
                style.muted_text,
                &more,
            );
        }
    }

    // Footer: what the rings assume, and what the map is.
    let mut caveat = String::from(
        "Rings: geodesic circles on the WGS84 ellipsoid at each missile's published maximum range \
         (payload unspecified). ",
    );
    if scene.rings.iter().any(|r| !r.band.0.is_empty()) {
        caveat.push_str("Shaded bands: lowest to highest published estimate. ");
    }
    if options.layers.rotation {
        caveat.push_str(
            "Dashed: reach on the rotating Earth (Keplerian free flight from the same burnout speed, \
             no boost phase; indicative). ",
        );
    } else {
        caveat.push_str("No Earth rotation. ");
    }
    caveat.push_str(
        "Flight times: minimum-energy two-body free flight plus a 1.5-4 min boost allowance.",
    );
    let illustrative = scene.rings.iter().any(|r| {
        scenario
            .sites
            .get(r.site)
            .is_some_and(|s| s.illustrative == Some(true))
    });
    if illustrative {
        caveat.push_str(" Patrol points marked illustrative are not from any source.");
    }
    // The footer's three lines sit in the band the plan reserved at the bottom.
    let mut fy = h - 42.0 * u;
    for line in wrap(&caveat, 12.5 * u, false, w - 2.0 * margin)
        .into_iter()
        .take(2)
    {
        text(out, margin, fy, 12.5 * u, false, style.muted_text, &line);
        fy += 16.0 * u;
    }
    let detail = match scene.detail {
        crate::basemap::Detail::Coarse => "1:110m",
        crate::basemap::Detail::Fine => "1:50m",
    };
    let meta = format!(
        "Projection: {}.  Basemap: Natural Earth {detail} (public domain).  {}.  Made with range-rings.",
        scene.projection.name(),
        options.date
    );
    text(
        out,
        margin,
        fy.min(h - 8.0 * u),
        12.5 * u,
        false,
        style.muted_text,
        &meta,
    );
}
