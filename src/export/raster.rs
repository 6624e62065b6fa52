//! A [`Drawing`] painted straight into pixels with tiny-skia (what resvg uses underneath),
//! without writing SVG text and parsing it back: the briefing PNG, the clipboard's image and
//! the window's map image.
//!
//! The image is cut into two horizontal bands, painted at once: every band paints every step,
//! moved up by its top, and tiny-skia skips what falls outside it. Each band paints a few rows
//! beyond its own and drops them, so the bands meet without a seam; the cut is the same on
//! every machine, so is the picture.

use super::briefing::{MapPart, draw_map};
use super::drawing::{Drawing, Geometry, Labels, Line, Op, Shape};
use super::png::{PngError, check_size};
use crate::color::Rgba;
use crate::fonts;
use crate::scene::{PixelRect, Scene, Style, ViewTransform};
use resvg::tiny_skia::{
    self, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, PathSegment, Pixmap, PixmapMut,
    PixmapPaint, Rect, Stroke, StrokeDash, Transform,
};
use std::borrow::Cow;

/// How a step covers its path.
enum Cover {
    Fill(FillRule),
    Stroke(Stroke),
    /// The whole target in one opaque colour (a page's background): a plain fill of the
    /// pixels, not a path.
    Whole,
}

/// One step, ready to paint: a path in its own coordinates, where it goes, its paint, and the
/// box it is clipped to.
struct Step<'a> {
    path: Cow<'a, Path>,
    transform: Transform,
    paint: Paint<'static>,
    cover: Cover,
    clip: Option<PixelRect>,
    /// Its ink stays inside `clip`, so it could be painted without clipping.
    inside_clip: bool,
    /// It fills a rectangle (so, covering the picture, it is its background).
    rect: bool,
}

fn paint(c: Rgba) -> Paint<'static> {
    let [r, g, b, a] = c.0;
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = true;
    paint
}

fn opaque(c: Rgba) -> Rgba {
    let [r, g, b, _] = c.0;
    Rgba([r, g, b, 255])
}

fn stroke(line: &Line) -> Stroke {
    let (line_cap, line_join) = if line.round {
        (LineCap::Round, LineJoin::Round)
    } else {
        (LineCap::Butt, LineJoin::Miter)
    };
    Stroke {
        width: line.width as f32,
        line_cap,
        line_join,
        dash: line
            .dash
            .and_then(|(on, off)| StrokeDash::new(vec![on as f32, off as f32], 0.0)),
        ..Stroke::default()
    }
}

/// A rectangle with corners rounded by `r`, as a path (cubic quarter circles).
fn rect_path(rect: &PixelRect, r: f64) -> Option<Path> {
    let (l, t) = (rect.left as f32, rect.top as f32);
    let (rt, b) = (rect.right() as f32, rect.bottom() as f32);
    let r = (r as f32).min(0.5 * (rt - l)).min(0.5 * (b - t));
    if r <= 0.0 {
        return Rect::from_ltrb(l, t, rt, b).map(PathBuilder::from_rect);
    }
    // Control points of a quarter circle: 0.5523 of the radius along the tangents.
    let k = r * (1.0 - 0.552_284_8);
    let mut p = PathBuilder::new();
    p.move_to(l + r, t);
    p.line_to(rt - r, t);
    p.cubic_to(rt - k, t, rt, t + k, rt, t + r);
    p.line_to(rt, b - r);
    p.cubic_to(rt, b - k, rt - k, b, rt - r, b);
    p.line_to(l + r, b);
    p.cubic_to(l + k, b, l, b - k, l, b - r);
    p.line_to(l, t + r);
    p.cubic_to(l, t + k, l + k, t, l + r, t);
    p.close();
    p.finish()
}

/// The contours of a path, each a path of its own.
fn pieces(path: &Path) -> Vec<Path> {
    let mut pieces = Vec::new();
    let mut builder = PathBuilder::new();
    for segment in path.segments() {
        match segment {
            PathSegment::MoveTo(p) => {
                if let Some(piece) = std::mem::take(&mut builder).finish() {
                    pieces.push(piece);
                }
                builder.move_to(p.x, p.y);
            }
            PathSegment::LineTo(p) => builder.line_to(p.x, p.y),
            PathSegment::QuadTo(a, p) => builder.quad_to(a.x, a.y, p.x, p.y),
            PathSegment::CubicTo(a, b, p) => builder.cubic_to(a.x, a.y, b.x, b.y, p.x, p.y),
            PathSegment::Close => builder.close(),
        }
    }
    pieces.extend(builder.finish());
    pieces
}

fn shape_steps<'a>(shape: &'a Shape, clip: Option<PixelRect>, steps: &mut Vec<Step<'a>>) {
    let path = match &shape.geometry {
        Geometry::Path(path) => Some(Cow::Borrowed(path)),
        Geometry::Circle { x, y, r } => {
            PathBuilder::from_circle(*x as f32, *y as f32, *r as f32).map(Cow::Owned)
        }
        Geometry::Rect { rect, corner } => rect_path(rect, *corner).map(Cow::Owned),
    };
    let Some(path) = path else {
        return;
    };
    if let Some(fill) = shape.fill {
        let rule = if fill.even_odd {
            FillRule::EvenOdd
        } else {
            FillRule::Winding
        };
        steps.push(Step {
            path: path.clone(),
            transform: Transform::identity(),
            paint: paint(fill.color),
            cover: Cover::Fill(rule),
            clip,
            inside_clip: false,
            rect: matches!(shape.geometry, Geometry::Rect { corner, .. } if corner <= 0.0),
        });
    }
    if let Some(line) = &shape.line {
        // An opaque line of many pieces (coasts, borders) is stroked piece by piece: the
        // same picture (opaque over opaque where pieces cross; only their anti-aliased
        // edges blend twice there), in a fraction of the time,
        // as each piece covers only its own rows and columns. Not dashes, whose pattern runs
        // on from piece to piece, nor translucent lines, which would darken where they cross.
        let pieces = if line.color.0[3] == 255 && line.dash.is_none() && path.len() > 1_000 {
            pieces(&path).into_iter().map(Cow::Owned).collect()
        } else {
            vec![path]
        };
        for path in pieces {
            steps.push(Step {
                path,
                transform: Transform::identity(),
                paint: paint(line.color),
                cover: Cover::Stroke(stroke(line)),
                clip,
                inside_clip: false,
                rect: false,
            });
        }
    }
}

fn label_steps(labels: &Labels, clip: Option<PixelRect>, steps: &mut Vec<Step<'_>>) {
    let placed: Vec<(Path, Transform, Rgba)> = labels
        .items
        .iter()
        .filter_map(|label| {
            let path = text_path(&label.text, labels.size, false)?;
            let at = Transform::from_translate(label.x as f32, label.y as f32);
            let transform = match label.rotate {
                Some((angle, cx, cy)) => {
                    Transform::from_rotate_at(angle as f32, cx as f32, cy as f32).pre_concat(at)
                }
                None => at,
            };
            Some((path, transform, label.color.unwrap_or(labels.ink)))
        })
        .collect();
    let halo = Stroke {
        width: labels.halo_width as f32,
        line_join: LineJoin::Round,
        ..Stroke::default()
    };
    for (path, transform, _) in &placed {
        steps.push(Step {
            path: Cow::Owned(path.clone()),
            transform: *transform,
            paint: paint(labels.halo),
            cover: Cover::Stroke(halo.clone()),
            clip,
            inside_clip: false,
            rect: false,
        });
    }
    for (path, transform, color) in placed {
        steps.push(Step {
            path: Cow::Owned(path),
            transform,
            paint: paint(opaque(color)),
            cover: Cover::Fill(FillRule::Winding),
            clip,
            inside_clip: false,
            rect: false,
        });
    }
}

/// Whether `text` needs shaping beyond glyphs set left to right: a script written right to
/// left, or one whose letters join or reorder (Hebrew, Arabic, Indic, ...).
fn needs_shaping(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32,
            0x0590..=0x08FF | 0x0900..=0x0DFF | 0x0F00..=0x109F | 0x1780..=0x18AF
            | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

/// The outline of a line of text in the bundled font, in pixels from its baseline's left
/// end. Text in scripts that need shaping goes the SVG's way (usvg lays it out with
/// bidirectional order, joining and the font's positioning), so PNG and SVG read the same;
/// other text is set glyph by glyph, kerned, much faster.
fn text_path(text: &str, size: f64, bold: bool) -> Option<Path> {
    if !needs_shaping(text) {
        return fonts::text_outline(text, size, bold);
    }
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">\
         <text x=\"0\" y=\"0\" font-family=\"{}\" font-size=\"{size}\"{}>{}</text></svg>",
        fonts::FAMILY,
        if bold { " font-weight=\"bold\"" } else { "" },
        super::xml::escape(text)
    );
    let tree = resvg::usvg::Tree::from_str(&svg, &super::png::usvg_options()).ok()?;
    let mut builder = PathBuilder::new();
    collect_paths(tree.root(), &mut builder);
    builder.finish()
}

/// Every path under `group`, in place, into one.
fn collect_paths(group: &resvg::usvg::Group, builder: &mut PathBuilder) {
    for node in group.children() {
        match node {
            resvg::usvg::Node::Group(g) => collect_paths(g, builder),
            resvg::usvg::Node::Path(p) => {
                if let Some(path) = p.data().clone().transform(p.abs_transform()) {
                    builder.push_path(&path);
                }
            }
            resvg::usvg::Node::Text(t) => collect_paths(t.flattened(), builder),
            resvg::usvg::Node::Image(_) => {}
        }
    }
}

/// The drawing's steps in painting order, with the clip of the groups they are in.
fn steps(drawing: &Drawing) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    let mut clips: Vec<Option<PixelRect>> = vec![None];
    for op in &drawing.ops {
        let clip = clips.last().copied().flatten();
        match op {
            Op::Begin(group) => clips.push(match (clip, group.clip) {
                (Some(a), Some(b)) => Some(PixelRect::from_edges(
                    a.left.max(b.left),
                    a.top.max(b.top),
                    a.right().min(b.right()),
                    a.bottom().min(b.bottom()),
                )),
                (a, b) => b.or(a),
            }),
            Op::End => {
                if clips.len() > 1 {
                    clips.pop();
                }
            }
            Op::Shape(shape) => shape_steps(shape, clip, &mut steps),
            Op::Text(text) => {
                if let Some(path) = text_path(&text.text, text.size, text.bold) {
                    steps.push(Step {
                        path: Cow::Owned(path),
                        transform: Transform::from_translate(text.x as f32, text.y as f32),
                        paint: paint(opaque(text.color)),
                        cover: Cover::Fill(FillRule::Winding),
                        clip,
                        inside_clip: false,
                        rect: false,
                    });
                }
            }
            Op::Labels(labels) => label_steps(labels, clip, &mut steps),
        }
    }
    let (width, height) = (drawing.width as f32, drawing.height as f32);
    for step in &mut steps {
        // The picture's own edges clip too: a side of the box on or beyond one needs nothing.
        step.inside_clip = step.clip.is_some_and(|rect| {
            let open = |edge: f64, beyond: bool| if beyond { f64::NAN } else { edge };
            let left = open(rect.left, rect.left <= 0.0);
            let top = open(rect.top, rect.top <= 0.0);
            let right = open(rect.right(), rect.right() >= f64::from(width));
            let bottom = open(rect.bottom(), rect.bottom() >= f64::from(height));
            // Comparisons with NaN are false: an open side never fails.
            ink_bounds(step).is_some_and(|b| {
                !(f64::from(b.left()) < left
                    || f64::from(b.top()) < top
                    || f64::from(b.right()) > right
                    || f64::from(b.bottom()) > bottom)
            })
        });
        // An opaque fill of the whole picture is its background.
        let whole = step.path.bounds();
        if step.rect
            && step.clip.is_none()
            && step.transform.is_identity()
            && matches!(step.cover, Cover::Fill(_))
            && step.paint.shader.is_opaque()
            && whole.left() <= 0.0
            && whole.top() <= 0.0
            && whole.right() >= width
            && whole.bottom() >= height
        {
            step.cover = Cover::Whole;
        }
    }
    steps
}

/// Where a step may put ink, image pixels: its path's box, moved, widened by half a stroke
/// and a pixel of anti-aliasing.
fn ink_bounds(step: &Step) -> Option<Rect> {
    let bounds = step.path.bounds().transform(step.transform)?;
    let margin = match &step.cover {
        Cover::Stroke(stroke) => 0.5 * stroke.width * stroke.miter_limit.max(1.0) + 1.0,
        Cover::Fill(_) | Cover::Whole => 1.0,
    };
    Rect::from_ltrb(
        bounds.left() - margin,
        bounds.top() - margin,
        bounds.right() + margin,
        bounds.bottom() + margin,
    )
}

/// Paints the steps into a band of the image whose top row is `top`. Steps clipped to a box
/// are painted, a run at a time, into a layer the size of the box (in whole pixels) and laid
/// over the band: cheaper than a clip mask, which every step would have to read.
fn paint_band(band: &mut PixmapMut, top: u32, steps: &[Step]) {
    let mut rest = steps;
    while let Some(first) = rest.first() {
        let run = rest
            .iter()
            .position(|s| s.clip != first.clip)
            .unwrap_or(rest.len());
        let (now, later) = rest.split_at(run);
        rest = later;
        match first.clip {
            // A group whose every step stays inside its box is painted as it is.
            Some(rect) if !now.iter().all(|s| s.inside_clip) => {
                paint_clipped(band, top, &rect, now);
            }
            _ => paint_steps(band, (0, top), now),
        }
    }
}

/// Paints `steps` into `target`, whose top left corner is at `origin` in the image.
fn paint_steps(target: &mut PixmapMut, origin: (u32, u32), steps: &[Step]) {
    let shift = Transform::from_translate(-(origin.0 as f32), -(origin.1 as f32));
    for step in steps {
        let transform = shift.pre_concat(step.transform);
        match &step.cover {
            Cover::Fill(rule) => target.fill_path(&step.path, &step.paint, *rule, transform, None),
            Cover::Stroke(stroke) => {
                target.stroke_path(&step.path, &step.paint, stroke, transform, None);
            }
            Cover::Whole => {
                if let tiny_skia::Shader::SolidColor(color) = step.paint.shader {
                    target.fill(color);
                }
            }
        }
    }
}

/// Paints `steps` clipped to `rect` (image pixels, widened to whole pixels) into the band
/// whose top row is `top`, through a layer.
fn paint_clipped(band: &mut PixmapMut, top: u32, rect: &PixelRect, steps: &[Step]) {
    let bottom = top + band.height();
    let left = rect.left.floor().max(0.0) as u32;
    let right = (rect.right().ceil().max(0.0) as u32).min(band.width());
    let (layer_top, layer_bottom) = (
        (rect.top.floor().max(0.0) as u32).max(top),
        (rect.bottom().ceil().max(0.0) as u32).min(bottom),
    );
    if right <= left || layer_bottom <= layer_top {
        return;
    }
    let Some(mut layer) = Pixmap::new(right - left, layer_bottom - layer_top) else {
        return;
    };
    paint_steps(&mut layer.as_mut(), (left, layer_top), steps);
    band.draw_pixmap(
        left as i32,
        (layer_top - top) as i32,
        layer.as_ref(),
        &PixmapPaint::default(),
        Transform::identity(),
        None,
    );
}

/// How many bands an image is painted in, whatever the machine: a fixed cut, so the picture
/// is the same on every machine (one core paints them one after the other).
const BANDS: u32 = 2;
/// Rows a band paints beyond its own, above and below, and then drops: tiny-skia draws a line
/// thinner than a pixel from where the band cuts it, so the cut is made where it is not kept
/// and the bands meet without a seam.
const OVERLAP: u32 = 8;

/// Paints `steps` into `pixmap` in `bands` bands at once.
fn paint_in_bands(pixmap: &mut Pixmap, steps: &[Step], bands: u32) {
    let (width, height) = (pixmap.width(), pixmap.height());
    if bands <= 1 {
        paint_band(&mut pixmap.as_mut(), 0, steps);
        return;
    }
    let rows = height.div_ceil(bands).max(1);
    let stride = width as usize * 4;
    crate::threads::scope(|scope| {
        for (i, chunk) in pixmap
            .data_mut()
            .chunks_mut(rows as usize * stride)
            .enumerate()
        {
            scope.spawn(move || {
                let top = i as u32 * rows;
                let own = (chunk.len() / stride) as u32;
                let painted_top = top.saturating_sub(OVERLAP);
                let painted_bottom = (top + own + OVERLAP).min(height);
                let Some(mut band) = Pixmap::new(width, painted_bottom - painted_top) else {
                    return;
                };
                paint_band(&mut band.as_mut(), painted_top, steps);
                let skip = (top - painted_top) as usize * stride;
                chunk.copy_from_slice(&band.data()[skip..skip + chunk.len()]);
            });
        }
    });
}

/// The drawing as premultiplied RGBA pixels.
///
/// # Errors
/// An impossible size.
pub fn render(drawing: &Drawing) -> Result<Pixmap, PngError> {
    let (width, height) = (drawing.width, drawing.height);
    check_size(width, height)?;
    let mut pixmap = Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    paint_in_bands(&mut pixmap, &steps(drawing), BANDS);
    Ok(pixmap)
}

/// Paints the scene's area layers into `pixmap`, the map at `t` (pixels of the pixmap, not of
/// the screen): background, sea and land, ring tints under the veil, graticule, borders and
/// coasts, target areas, band hatching and ring outlines, as a briefing draws them
/// ([`MapPart::Areas`]). `px` is the width of one screen point in pixmap pixels, so that lines
/// keep their width on a high-density screen. The window shows this as one image while the
/// map is panned, instead of a dozen translucent full-screen meshes that a software GL
/// renderer (Mesa's llvmpipe) must blend one by one. Painted in `bands` bands at once: one
/// while the window runs, so that the other core stays with it and the GL rasteriser.
pub fn paint_map_layers(
    pixmap: &mut Pixmap,
    scene: &Scene,
    t: &ViewTransform,
    style: &Style,
    px: f32,
    bands: u32,
) {
    let mut drawing = Drawing::new(pixmap.width(), pixmap.height());
    draw_map(&mut drawing, scene, style, t, f64::from(px), MapPart::Areas);
    let [r, g, b, a] = style.background.0;
    pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, a));
    paint_in_bands(pixmap, &steps(&drawing), bands);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::briefing::ImageOptions;
    use crate::projection::Projection;
    use crate::scenario::Scenario;

    /// Painted in bands or whole, the briefing is the same picture: no seam where the bands
    /// meet (thin lines used to step there by up to 100 of 255), and no more than faint
    /// differences at glyph edges.
    #[test]
    fn bands_meet_without_a_seam() {
        let options = ImageOptions::new(1280, 720, "2026-11-30");
        let projection = Projection::Equirectangular { central_lon: 150.0 };
        let (drawing, _) = crate::export::drawing(&Scenario::builtin(), projection, &options);
        let steps = steps(&drawing);
        let paint = |bands| {
            let mut pixmap = Pixmap::new(drawing.width, drawing.height).unwrap();
            paint_in_bands(&mut pixmap, &steps, bands);
            pixmap
        };
        let (whole, banded) = (paint(1), paint(BANDS));
        let worst = whole
            .data()
            .iter()
            .zip(banded.data())
            .map(|(a, b)| a.abs_diff(*b))
            .max()
            .unwrap_or(0);
        assert!(worst <= 16, "bands differ from the whole by up to {worst}");
    }

    /// Hebrew and Arabic are laid out as the SVG lays them out (right to left, letters
    /// joined), not glyph by glyph left to right.
    #[test]
    fn right_to_left_text_is_shaped_as_the_svg_shapes_it() {
        for text in [
            "\u{5d9}\u{5e8}\u{5d5}\u{5e9}\u{5dc}\u{5d9}\u{5dd} Jerusalem",
            "\u{637}\u{647}\u{631}\u{627}\u{646} Tehran",
        ] {
            assert!(needs_shaping(text));
            let shaped = text_path(text, 40.0, false).unwrap().bounds();
            let svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"100\">\
                 <text x=\"10\" y=\"60\" font-family=\"{}\" font-size=\"40\">{text}</text></svg>",
                fonts::FAMILY
            );
            let by_svg =
                Pixmap::decode_png(&crate::export::png::svg_to_png(&svg, 800, 100, None).unwrap())
                    .unwrap();
            let mut direct = Pixmap::new(800, 100).unwrap();
            let mut paint = Paint::default();
            paint.set_color_rgba8(0, 0, 0, 255);
            paint.anti_alias = true;
            let path = text_path(text, 40.0, false).unwrap();
            direct.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::from_translate(10.0, 60.0),
                None,
            );
            let differing = by_svg
                .pixels()
                .iter()
                .zip(direct.pixels())
                .filter(|(a, b)| a.alpha().abs_diff(b.alpha()) > 64)
                .count();
            assert!(
                differing < 40,
                "{text}: {differing} pixels differ ({shaped:?})"
            );
        }
        assert!(!needs_shaping(
            "Pyongyang, Hagåtña, Île-de-France, Ελλάδα, Москва"
        ));
    }
}
