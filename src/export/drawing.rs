//! A briefing as a list of things to draw, in pixels: filled and stroked shapes, texts, and
//! labels over a halo, in groups (some clipped to a box). The list is written out as SVG text
//! ([`Drawing::to_svg`]) or painted straight into pixels ([`super::raster::render`]): one
//! drawing, so the PNG and the SVG (and the PDF made from it) show the same thing.

use crate::color::Rgba;
use crate::export::xml::XmlWriter;
use crate::fonts;
use crate::projection::MapPoint;
use crate::scene::{PixelRect, ViewTransform};
use geo::{LineString, Polygon};
use resvg::tiny_skia::{Path, PathBuilder, PathSegment};

/// What a shape is, pixels. Circles and rectangles stay themselves in the SVG (tools read a
/// target marker's centre from its `circle`).
#[derive(Debug, Clone)]
pub enum Geometry {
    /// Any outline: polygons (even-odd or non-zero, see [`Fill`]) or polylines.
    Path(Path),
    /// A circle.
    Circle {
        /// Centre, pixels.
        x: f64,
        /// Centre, pixels.
        y: f64,
        /// Radius, pixels.
        r: f64,
    },
    /// A rectangle with corners rounded by `corner` pixels.
    Rect {
        /// The rectangle, pixels.
        rect: PixelRect,
        /// Corner radius, pixels (0 for square corners).
        corner: f64,
    },
}

/// How a shape is filled: a colour whose alpha is the opacity, and the rule that decides the
/// inside (even-odd keeps the holes of polygons and of a sphere with the land cut out).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fill {
    /// Colour; its alpha is the fill's opacity.
    pub color: Rgba,
    /// Even-odd rather than non-zero.
    pub even_odd: bool,
}

/// How a shape is outlined.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Line {
    /// Colour; its alpha is the line's opacity.
    pub color: Rgba,
    /// Width, pixels.
    pub width: f64,
    /// Dashes: on and off lengths, pixels.
    pub dash: Option<(f64, f64)>,
    /// Round joins and caps (map lines) rather than mitred joins and butt caps (symbols).
    pub round: bool,
}

/// A filled and/or outlined shape.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The outline, pixels.
    pub geometry: Geometry,
    /// Its fill, if any.
    pub fill: Option<Fill>,
    /// Its outline, if any (drawn over the fill).
    pub line: Option<Line>,
    /// The id of the place a marker stands for, written as `data-marker` for tools.
    pub marker: Option<String>,
}

/// One line of text in the bundled font, its baseline starting at (`x`, `y`).
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    /// Left end of the baseline, pixels.
    pub x: f64,
    /// Baseline, pixels.
    pub y: f64,
    /// Font size, pixels.
    pub size: f64,
    /// Bold face.
    pub bold: bool,
    /// Colour (opaque).
    pub color: Rgba,
    /// The text.
    pub text: String,
}

/// A label of a [`Labels`] group: its baseline's left end, its own colour if not the group's,
/// a rotation (degrees, clockwise, about a point in pixels).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Label {
    /// Left end of the baseline, pixels.
    pub x: f64,
    /// Baseline, pixels.
    pub y: f64,
    /// Colour, when not the group's ink.
    pub color: Option<Rgba>,
    /// Rotation: degrees, and the point turned about, pixels.
    pub rotate: Option<(f64, f64, f64)>,
    /// The text.
    pub text: String,
}

/// Labels over a halo: every label's halo first (the text stroked in the halo colour), then
/// every label, so no halo covers a neighbour's letters. Not one stroked-then-filled copy
/// (`paint-order`): cairosvg and some editors ignore that and paint the halo over the letters.
#[derive(Debug, Clone, PartialEq)]
pub struct Labels {
    /// The group's id in the SVG ("map-marker-labels"); its halo group is classed
    /// "`class`-halo".
    pub id: String,
    /// The group's class ("marker-labels", "ring-labels").
    pub class: String,
    /// Font size, pixels (regular face).
    pub size: f64,
    /// Colour of labels without their own.
    pub ink: Rgba,
    /// Halo colour; its alpha is the halo's opacity.
    pub halo: Rgba,
    /// Halo width, pixels.
    pub halo_width: f64,
    /// The labels.
    pub items: Vec<Label>,
}

/// A group of what follows up to its [`Op::End`]: named for tools that read the SVG, and
/// clipped to a box when `clip` is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Its id (for a clipped group, the clip path's).
    pub id: Option<String>,
    /// Its class.
    pub class: Option<String>,
    /// Nothing in the group is drawn outside this box, pixels.
    pub clip: Option<PixelRect>,
}

/// One step of a drawing.
#[derive(Debug, Clone)]
pub enum Op {
    /// Opens a group.
    Begin(Group),
    /// Closes the innermost open group.
    End,
    /// A shape.
    Shape(Shape),
    /// A line of text.
    Text(Text),
    /// Labels over a halo.
    Labels(Labels),
}

/// A picture of `width` x `height` pixels as a list of steps, painted in order.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// The steps, bottom first.
    pub ops: Vec<Op>,
}

impl Drawing {
    /// An empty drawing.
    pub fn new(width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            ops: Vec::new(),
        }
    }

    /// Opens a group (closed by [`Drawing::end`]).
    pub fn begin(&mut self, group: Group) {
        self.ops.push(Op::Begin(group));
    }

    /// Closes the innermost open group.
    pub fn end(&mut self) {
        self.ops.push(Op::End);
    }

    /// Adds a shape.
    pub fn shape(&mut self, shape: Shape) {
        self.ops.push(Op::Shape(shape));
    }

    /// Fills a path even-odd (holes stay holes) in `color`, whose alpha is the opacity;
    /// nothing for no path.
    pub fn fill(&mut self, path: Option<Path>, color: Rgba) {
        if let Some(path) = path {
            self.shape(Shape {
                geometry: Geometry::Path(path),
                fill: Some(Fill {
                    color,
                    even_odd: true,
                }),
                line: None,
                marker: None,
            });
        }
    }

    /// Strokes a path `width` pixels wide with round joins and caps, dashed when `dash`
    /// gives on and off lengths; nothing for no path.
    pub fn stroke(
        &mut self,
        path: Option<Path>,
        color: Rgba,
        width: f64,
        dash: Option<(f64, f64)>,
    ) {
        if let Some(path) = path {
            self.shape(Shape {
                geometry: Geometry::Path(path),
                fill: None,
                line: Some(Line {
                    color,
                    width,
                    dash,
                    round: true,
                }),
                marker: None,
            });
        }
    }

    /// Adds a line of text.
    pub fn text(&mut self, text: Text) {
        self.ops.push(Op::Text(text));
    }

    /// Adds labels over a halo; nothing when there are none.
    pub fn labels(&mut self, labels: Labels) {
        if !labels.items.is_empty() {
            self.ops.push(Op::Labels(labels));
        }
    }

    /// The drawing as SVG text, deterministic for the same drawing. Texts name the bundled
    /// font, with sans-serif as the fallback.
    pub fn to_svg(&self) -> String {
        let (w, h) = (self.width, self.height);
        let mut xml = XmlWriter::new();
        xml.start("svg")
            .attr("xmlns", "http://www.w3.org/2000/svg")
            .attr("width", w)
            .attr("height", h)
            .attr("viewBox", format_args!("0 0 {w} {h}"))
            .attr("font-family", format_args!("{}, sans-serif", fonts::FAMILY));
        for op in &self.ops {
            match op {
                Op::Begin(group) => begin_svg(&mut xml, group),
                Op::End => {
                    xml.end();
                }
                Op::Shape(shape) => shape_svg(&mut xml, shape),
                Op::Text(text) => text_svg(&mut xml, text),
                Op::Labels(labels) => labels_svg(&mut xml, labels),
            }
        }
        xml.finish()
    }
}

/// Pixels of a map's line, through the view.
fn line_to_path(builder: &mut PathBuilder, line: &LineString<f64>, t: &ViewTransform, close: bool) {
    let mut points = line.coords().map(|c| t.to_px(MapPoint { x: c.x, y: c.y }));
    if let Some((x, y)) = points.next() {
        builder.move_to(x as f32, y as f32);
        for (x, y) in points {
            builder.line_to(x as f32, y as f32);
        }
        if close {
            builder.close();
        }
    }
}

/// Polygons (exteriors and holes, closed) as one path in pixels; `None` when there is nothing
/// to draw.
pub fn polygons_path<'a>(
    polygons: impl IntoIterator<Item = &'a Polygon<f64>>,
    t: &ViewTransform,
) -> Option<Path> {
    let mut builder = PathBuilder::new();
    for polygon in polygons {
        line_to_path(&mut builder, polygon.exterior(), t, true);
        for hole in polygon.interiors() {
            line_to_path(&mut builder, hole, t, true);
        }
    }
    builder.finish()
}

/// Open polylines as one path in pixels; `None` when there is nothing to draw.
pub fn lines_path<'a>(
    lines: impl IntoIterator<Item = &'a LineString<f64>>,
    t: &ViewTransform,
) -> Option<Path> {
    let mut builder = PathBuilder::new();
    for line in lines {
        line_to_path(&mut builder, line, t, false);
    }
    builder.finish()
}

/// A polygon through pixel points, closed.
pub fn closed_path(points: &[(f64, f64)]) -> Option<Path> {
    point_path(points, true)
}

/// A polyline through pixel points.
pub fn open_path(points: &[(f64, f64)]) -> Option<Path> {
    point_path(points, false)
}

fn point_path(points: &[(f64, f64)], close: bool) -> Option<Path> {
    let mut builder = PathBuilder::new();
    let mut points = points.iter();
    let &(x, y) = points.next()?;
    builder.move_to(x as f32, y as f32);
    for &(x, y) in points {
        builder.line_to(x as f32, y as f32);
    }
    if close {
        builder.close();
    }
    builder.finish()
}

/// SVG path data, to a tenth of a pixel.
fn path_data(path: &Path) -> String {
    use std::fmt::Write as _;
    let mut d = String::with_capacity(path.len() * 12);
    for segment in path.segments() {
        let _ = match segment {
            PathSegment::MoveTo(p) => write!(d, "M{:.1} {:.1}", p.x, p.y),
            PathSegment::LineTo(p) => write!(d, "L{:.1} {:.1}", p.x, p.y),
            PathSegment::QuadTo(a, p) => write!(d, "Q{:.1} {:.1} {:.1} {:.1}", a.x, a.y, p.x, p.y),
            PathSegment::CubicTo(a, b, p) => write!(
                d,
                "C{:.1} {:.1} {:.1} {:.1} {:.1} {:.1}",
                a.x, a.y, b.x, b.y, p.x, p.y
            ),
            PathSegment::Close => write!(d, "Z"),
        };
    }
    d
}

fn rect_attrs(xml: &mut XmlWriter, r: &PixelRect) {
    xml.attr("x", format_args!("{:.1}", r.left))
        .attr("y", format_args!("{:.1}", r.top))
        .attr("width", format_args!("{:.1}", r.width))
        .attr("height", format_args!("{:.1}", r.height));
}

fn begin_svg(xml: &mut XmlWriter, group: &Group) {
    match &group.clip {
        Some(rect) => {
            // A clipped group is named by its clip path (ids are unique in our drawings).
            let id = group.id.as_deref().unwrap_or("clip");
            xml.start("defs").start("clipPath").attr("id", id);
            xml.start("rect");
            rect_attrs(xml, rect);
            xml.end().end().end();
            xml.start("g")
                .attr("clip-path", format_args!("url(#{id})"))
                .attr_opt("class", group.class.as_deref());
        }
        None => {
            xml.start("g")
                .attr_opt("id", group.id.as_deref())
                .attr_opt("class", group.class.as_deref());
        }
    }
}

fn shape_svg(xml: &mut XmlWriter, shape: &Shape) {
    let element = match shape.geometry {
        Geometry::Path(_) => "path",
        Geometry::Circle { .. } => "circle",
        Geometry::Rect { .. } => "rect",
    };
    xml.start(element)
        .attr_opt("data-marker", shape.marker.as_deref());
    match &shape.geometry {
        Geometry::Path(path) => {
            xml.attr("d", path_data(path));
        }
        Geometry::Circle { x, y, r } => {
            xml.attr("cx", format_args!("{x:.1}"))
                .attr("cy", format_args!("{y:.1}"))
                .attr("r", format_args!("{r:.2}"));
        }
        Geometry::Rect { rect, corner } => {
            rect_attrs(xml, rect);
            if *corner > 0.0 {
                xml.attr("rx", format_args!("{corner:.1}"));
            }
        }
    }
    match shape.fill {
        Some(fill) => {
            xml.attr("fill", fill.color.rgb_hex());
            if fill.color.0[3] < 255 {
                xml.attr("fill-opacity", format_args!("{:.3}", fill.color.opacity()));
            }
            if fill.even_odd {
                xml.attr("fill-rule", "evenodd");
            }
        }
        None => {
            xml.attr("fill", "none");
        }
    }
    if let Some(line) = shape.line {
        xml.attr("stroke", line.color.rgb_hex());
        if line.color.0[3] < 255 {
            xml.attr(
                "stroke-opacity",
                format_args!("{:.2}", line.color.opacity()),
            );
        }
        xml.attr("stroke-width", format_args!("{:.2}", line.width));
        if line.round {
            xml.attr("stroke-linejoin", "round")
                .attr("stroke-linecap", "round");
        }
        if let Some((on, off)) = line.dash {
            xml.attr("stroke-dasharray", format_args!("{on:.1} {off:.1}"));
        }
    }
    xml.end();
}

fn text_svg(xml: &mut XmlWriter, text: &Text) {
    xml.start("text")
        .attr("x", format_args!("{:.1}", text.x))
        .attr("y", format_args!("{:.1}", text.y))
        .attr("font-size", format_args!("{:.2}", text.size))
        .attr_opt("font-weight", text.bold.then_some("bold"))
        .attr("fill", text.color.rgb_hex())
        .text(&text.text)
        .end();
}

fn labels_svg(xml: &mut XmlWriter, labels: &Labels) {
    let each = |xml: &mut XmlWriter, fill: bool| {
        for label in &labels.items {
            xml.start("text")
                .attr("x", format_args!("{:.1}", label.x))
                .attr("y", format_args!("{:.1}", label.y))
                .attr_opt("fill", label.color.filter(|_| fill).map(|c| c.rgb_hex()));
            if let Some((angle, cx, cy)) = label.rotate {
                xml.attr(
                    "transform",
                    format_args!("rotate({angle:.2} {cx:.1} {cy:.1})"),
                );
            }
            xml.text(&label.text).end();
        }
    };
    xml.start("g")
        .attr("class", format_args!("{}-halo", labels.class))
        .attr("font-size", format_args!("{:.2}", labels.size))
        .attr("fill", "none")
        .attr("stroke", labels.halo.rgb_hex())
        .attr(
            "stroke-opacity",
            format_args!("{:.2}", labels.halo.opacity()),
        )
        .attr("stroke-width", format_args!("{:.2}", labels.halo_width))
        .attr("stroke-linejoin", "round");
    each(xml, false);
    xml.end();
    xml.start("g")
        .attr("id", &labels.id)
        .attr("class", &labels.class)
        .attr("font-size", format_args!("{:.2}", labels.size))
        .attr("fill", labels.ink.rgb_hex());
    each(xml, true);
    xml.end();
}
