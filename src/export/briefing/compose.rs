//! The briefing page laid out for its shape: title block, the map as large as the page allows,
//! and the blocks that explain it (legend, symbol key, reach matrix, inset, sources, places
//! left unlabelled) flowed into the room beside and under the map, then the footer. Text is
//! measured with the bundled font, never clipped, never overprinted and never dropped: when
//! it does not fit, the type gets smaller (to 7 pt on paper), then the map, until it does.

use super::blocks::Block;
use super::flow::{Flow, Placer};
use crate::fonts::wrap;
use crate::scene::{KeySymbol, OverlaySizes, PixelRect};

/// Type sizes in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextSizes {
    /// The title.
    pub title: f64,
    /// The subtitle.
    pub subtitle: f64,
    /// Block headings ("Legend", "Sources").
    pub heading: f64,
    /// Missile names in the legend.
    pub name: f64,
    /// Legend details, matrix cells.
    pub body: f64,
    /// Sources, footer.
    pub small: f64,
}

/// Line height, in font sizes.
pub const LINE: f64 = 1.3;

impl TextSizes {
    /// Sizes for `px_per_pt` pixels per point, shrunk by `shrink`, none below `min_px`.
    pub fn new(px_per_pt: f64, shrink: f64, min_px: f64) -> Self {
        let size = |pt: f64| (pt * px_per_pt * shrink).max(min_px);
        Self {
            title: size(22.0),
            subtitle: size(13.0),
            heading: size(11.0),
            name: size(10.0),
            body: size(9.0),
            small: size(8.0),
        }
    }

    /// Every size times `factor`.
    pub fn scaled(self, factor: f64) -> Self {
        Self {
            title: self.title * factor,
            subtitle: self.subtitle * factor,
            heading: self.heading * factor,
            name: self.name * factor,
            body: self.body * factor,
            small: self.small * factor,
        }
    }
}

/// How a text is inked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Main text.
    Text,
    /// Secondary text.
    Muted,
}

/// Something drawn on the page outside the map, pixels.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text: left end at `x`, baseline at `y`.
    Text {
        /// Left end, pixels.
        x: f64,
        /// Baseline, pixels.
        y: f64,
        /// Font size, pixels.
        size: f64,
        /// Bold.
        bold: bool,
        /// Ink.
        ink: Ink,
        /// The text.
        text: String,
    },
    /// A missile's colour swatch.
    Swatch {
        /// Where.
        rect: PixelRect,
        /// Index into the scene's legend.
        entry: usize,
    },
    /// A symbol of the key, centred on (`x`, `y`).
    Symbol {
        /// Centre, pixels.
        x: f64,
        /// Centre, pixels.
        y: f64,
        /// Size (marker radius), pixels.
        size: f64,
        /// Which.
        symbol: KeySymbol,
    },
    /// A reach-matrix cell's background, shaded by verdict (0 in range, 1 within the band,
    /// 2 out of range, 3 no site).
    Cell {
        /// Where.
        rect: PixelRect,
        /// The shade.
        shade: u8,
    },
    /// The frame of a map (the main one or the inset).
    Frame {
        /// Where.
        rect: PixelRect,
    },
}

/// What the page says besides the map: everything needed to measure it.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// Title.
    pub title: String,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
    /// The footer's sentences (caveats) and its last line (projection, basemap, date).
    pub footer: (String, String),
}

/// Page facts the layout needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    /// Width, pixels.
    pub width: f64,
    /// Height, pixels.
    pub height: f64,
    /// Print resolution, dots per inch; `None` for screens.
    pub dpi: Option<f64>,
}

impl Page {
    /// Pixels per point: from the resolution on paper; on screens, 1920 x 1080 is read at
    /// 96 dpi and other sizes in proportion to the square root of their area (a square image
    /// is shown smaller than a slide of its width).
    pub fn px_per_pt(&self) -> f64 {
        match self.dpi {
            Some(dpi) => dpi / 72.0,
            None => 96.0 / 72.0 * self.unit().max(0.5),
        }
    }

    /// Size unit of lines and markers: 1 at 1920 x 1080, in proportion to the square root of
    /// the area elsewhere.
    pub fn unit(&self) -> f64 {
        (self.width * self.height / (1920.0 * 1080.0))
            .sqrt()
            .max(0.25)
    }

    /// Label and marker sizes on the map: on screens as on a 1080p slide, scaled; on paper
    /// 7.5 pt labels (the map is smaller there than on a projected slide, and nothing goes
    /// under 7 pt).
    pub fn overlay_sizes(&self) -> OverlaySizes {
        match self.dpi {
            Some(_) => OverlaySizes {
                label_px: 7.5 * self.px_per_pt(),
                marker_px: (2.4 * self.px_per_pt()).max(4.2 * self.unit()),
            },
            None => OverlaySizes::print(self.unit()),
        }
    }

    /// The smallest type allowed, pixels: 7 pt on paper, 9 px on screens.
    pub fn min_text_px(&self) -> f64 {
        match self.dpi {
            Some(dpi) => 7.0 * dpi / 72.0,
            None => 9.0,
        }
    }
}

/// The page laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct Composition {
    /// Where the main map goes.
    pub map_box: PixelRect,
    /// Where the inset map goes, when there is one.
    pub inset_box: Option<PixelRect>,
    /// Everything else.
    pub items: Vec<Item>,
    /// The type sizes used.
    pub text: TextSizes,
}

/// Lays out the page, trying smaller type and then a smaller map until everything fits.
/// `map_aspect` is the map's width over its height; `inset_aspect` the inset's, if any.
pub fn compose(
    page: Page,
    content: &Content,
    map_aspect: f64,
    inset_aspect: Option<f64>,
) -> Composition {
    let px_per_pt = page.px_per_pt();
    let min_px = page.min_text_px();
    let aspects = (map_aspect, inset_aspect);
    // The matrix beside the map, or else under it.
    let attempt = |sizes: TextSizes, map_scale: f64| match try_layout(
        page, content, aspects, sizes, map_scale, false,
    ) {
        Attempt::Overflows(_) => try_layout(page, content, aspects, sizes, map_scale, true),
        fits => fits,
    };
    // The type shrinks first, 8 % at a time, to its minimum; then the map, 7 % at a time, to
    // three tenths of its room: the map is what the page is for.
    let (mut shrink, mut map_scale) = (1.0, 1.0);
    let mut last;
    loop {
        let sizes = TextSizes::new(px_per_pt, shrink, min_px);
        match attempt(sizes, map_scale) {
            Attempt::Fits(c) => return c,
            Attempt::Overflows(c) => last = c,
        }
        if sizes.body > min_px {
            shrink *= 0.92;
        } else if map_scale > 0.3 {
            map_scale *= 0.93;
        } else {
            break;
        }
    }
    // Everything at its smallest still overflows (hundreds of missiles, or a thumbnail): all
    // type goes below the minimum, 6 % at a time, rather than drop a figure or its source
    // (the map stays as it is: it is what the page is for).
    let smallest = TextSizes::new(px_per_pt, shrink, min_px);
    let mut factor = 1.0;
    loop {
        match attempt(smallest.scaled(factor), map_scale) {
            Attempt::Fits(c) => return c,
            Attempt::Overflows(_) if factor < 0.05 => return last,
            Attempt::Overflows(c) => last = c,
        }
        factor *= 0.94;
    }
}

/// One try at the layout.
enum Attempt {
    /// Everything is on the page.
    Fits(Composition),
    /// The blocks overflow the page; what was placed.
    Overflows(Composition),
}

/// One attempt at type sizes `t` and the map at `map_scale` of its room; `aspects` are the
/// map's and the inset's (width over height). On landscape pages, the matrix goes in the
/// column beside the map, or `matrix_under` it.
fn try_layout(
    page: Page,
    content: &Content,
    (map_aspect, inset_aspect): (f64, Option<f64>),
    t: TextSizes,
    map_scale: f64,
    matrix_under: bool,
) -> Attempt {
    let (w, h) = (page.width, page.height);
    let margin = (0.022 * w.min(h)).max(8.0);
    let gap = (1.6 * t.body).max(6.0);
    let mut items = Vec::new();
    let full_width = w - 2.0 * margin;

    // Title block: the title on at most two lines, set smaller if it needs more.
    let mut y = margin;
    let mut title_size = t.title;
    let mut title_lines = wrap(&content.title, title_size, true, full_width);
    while title_lines.len() > 2 && title_size > t.heading {
        title_size *= 0.9;
        title_lines = wrap(&content.title, title_size, true, full_width);
    }
    for line in title_lines {
        y += title_size;
        items.push(text(margin, y, title_size, true, Ink::Text, line));
        y += 0.25 * title_size;
    }
    if let Some(subtitle) = &content.subtitle {
        for line in wrap(subtitle, t.subtitle, false, full_width) {
            y += t.subtitle;
            items.push(text(margin, y, t.subtitle, false, Ink::Muted, line));
            y += 0.3 * t.subtitle;
        }
    }
    let body_top = y + gap;

    // Footer: every caveat, then the line saying what the map is.
    let mut footer_lines: Vec<String> = wrap(&content.footer.0, t.small, false, full_width);
    footer_lines.extend(wrap(&content.footer.1, t.small, false, full_width));
    let body_bottom = h - margin - footer_lines.len() as f64 * LINE * t.small - 0.5 * gap;
    let mut fy = body_bottom + 0.5 * gap;
    for line in footer_lines {
        fy += LINE * t.small;
        items.push(text(
            margin,
            fy - 0.3 * t.small,
            t.small,
            false,
            Ink::Muted,
            line,
        ));
    }
    let body = PixelRect::from_edges(margin, body_top, w - margin, body_bottom);
    if body.height < 6.0 * t.body || body.width < 20.0 * t.body {
        return Attempt::Overflows(empty(body, items, t));
    }

    let matrix = content.blocks.iter().find_map(|b| match b {
        Block::Matrix(m) => Some(m),
        _ => None,
    });
    // The map beside a column on landscape pages, above the blocks on others. The areas left
    // for the blocks, each with the narrowest column it is split into, and which of them the
    // matrix heads.
    let side = body.width / body.height >= 1.25;
    let matrix_size = matrix.map(|m| (m.width(&t), m.height(&t)));
    let (map_box, areas, matrix_area) = if side {
        // The column is widened (to two fifths of the body) to hold the matrix, split by
        // columns if wider; or the matrix goes under the map, which leaves room for it.
        let narrow = (0.27 * body.width)
            .max(30.0 * t.body)
            .min(0.42 * body.width);
        let (column_w, under) = match matrix_size {
            Some((mw, mh)) if matrix_under => {
                let room = body.width - narrow - gap;
                let parts = (mw / room).ceil().max(1.0);
                (narrow, parts * (mh + 0.5 * gap) + gap)
            }
            Some((mw, _)) => (mw.min(0.4 * body.width).max(narrow), 0.0),
            None => (narrow, 0.0),
        };
        let room = body.width - column_w - gap;
        // As large as the room allows, then scaled: the scale always shrinks the map, and
        // the column beside it takes the width given up.
        let map_w = (room.min((body.height - under) * map_aspect) * map_scale)
            .max(4.0 * t.body * map_aspect);
        let map_box = PixelRect {
            left: body.left,
            top: body.top,
            width: map_w,
            height: map_w / map_aspect,
        };
        let beside =
            PixelRect::from_edges(map_box.right() + gap, body.top, body.right(), body.bottom());
        let below = PixelRect::from_edges(
            body.left,
            map_box.bottom() + gap,
            map_box.right(),
            body.bottom(),
        );
        let areas = [Some((beside, 36.0 * t.body)), Some((below, 30.0 * t.body))];
        (map_box, areas, usize::from(matrix_under))
    } else {
        let map_w = body.width.min(body.height * 0.62 * map_aspect) * map_scale;
        let map_box = PixelRect {
            left: body.left + 0.5 * (body.width - map_w),
            top: body.top,
            width: map_w,
            height: map_w / map_aspect,
        };
        let below = PixelRect::from_edges(
            body.left,
            map_box.bottom() + gap,
            body.right(),
            body.bottom(),
        );
        (map_box, [Some((below, 30.0 * t.body)), None], 0)
    };
    items.push(Item::Frame { rect: map_box });
    // The inset stays a detail of the main map: at most three fifths of its height.
    let inset = inset_aspect.map(|aspect| (aspect, 0.6 * map_box.height));
    let mut placer = Placer::new(t, gap, inset, items);
    // The matrix across the top of its area (split by columns if wider), then the areas in
    // columns for the rest.
    let mut regions = Vec::new();
    for (k, (mut area, min_column)) in areas.into_iter().flatten().enumerate() {
        if k == matrix_area
            && let Some(m) = matrix
        {
            let mut flow = Flow::new(vec![area]);
            if !placer.place_matrix(m, &mut flow) {
                return Attempt::Overflows(placer.finish(map_box));
            }
            area = PixelRect::from_edges(
                area.left,
                flow.filled_to() + 0.5 * gap,
                area.right(),
                area.bottom(),
            );
        }
        if area.height > 2.0 * LINE * t.body && area.width > 0.0 {
            regions.extend(columns(area, min_column, gap));
        }
    }
    let mut flow = Flow::new(regions);
    for block in content
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Matrix(_)))
    {
        if !placer.place(block, &mut flow) {
            return Attempt::Overflows(placer.finish(map_box));
        }
    }
    Attempt::Fits(placer.finish(map_box))
}

/// `area` split into as many columns (up to four), `gap` apart, as keep each at least
/// `min_width` wide.
fn columns(area: PixelRect, min_width: f64, gap: f64) -> impl Iterator<Item = PixelRect> {
    let n = (((area.width + gap) / (min_width + gap)).floor() as usize).clamp(1, 4);
    let width = (area.width - gap * (n as f64 - 1.0)) / n as f64;
    (0..n).map(move |c| PixelRect {
        left: area.left + c as f64 * (width + gap),
        width,
        ..area
    })
}

fn empty(body: PixelRect, items: Vec<Item>, text: TextSizes) -> Composition {
    Composition {
        map_box: body,
        inset_box: None,
        items,
        text,
    }
}

pub(super) fn text(x: f64, y: f64, size: f64, bold: bool, ink: Ink, text: String) -> Item {
    Item::Text {
        x,
        y,
        size,
        bold,
        ink,
        text,
    }
}
