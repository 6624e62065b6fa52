//! The briefing page laid out for its shape: title block, the map as large as the page allows,
//! and the blocks that explain it (legend, symbol key, reach matrix, inset, sources, places
//! left unlabelled) flowed into the room beside and under the map, then the footer. Text is
//! measured with the bundled font, never clipped, never overprinted and never dropped: when
//! it does not fit, the type gets smaller (to 7 pt on paper), then the map, until it does.

use super::blocks::Block;
use super::flow::{Flow, Placer};
use crate::fonts::wrap;
use crate::scene::{KeySymbol, PixelRect};

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
    /// 96 dpi and other sizes in proportion.
    pub fn px_per_pt(&self) -> f64 {
        match self.dpi {
            Some(dpi) => dpi / 72.0,
            None => 96.0 / 72.0 * (self.width / 1920.0).min(self.height / 1080.0).max(0.5),
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
    /// Size unit of lines and markers: 1 at 1920 x 1080.
    pub unit: f64,
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
    let mut last = None;
    for step in 0..24 {
        // Type first, then the map, alternately: 8 % smaller type, 10 % smaller map.
        let shrink = 0.92f64.powi((step + 1) / 2);
        let map_scale = 0.9f64.powi(step / 2).max(0.3);
        let sizes = TextSizes::new(px_per_pt, shrink, min_px);
        match try_layout(page, content, map_aspect, inset_aspect, sizes, map_scale) {
            Attempt::Fits(c) => return c,
            Attempt::Overflows(c) => last = Some(c),
        }
    }
    // Everything at its smallest still overflows (hundreds of missiles on a small page): go
    // below the minimum type rather than drop a figure or its source.
    let mut shrink = 0.92f64.powi(12);
    loop {
        let sizes = TextSizes::new(px_per_pt, shrink, 1.0);
        match try_layout(page, content, map_aspect, inset_aspect, sizes, 0.3) {
            Attempt::Fits(c) => return c,
            Attempt::Overflows(c) if shrink < 0.05 => return last.unwrap_or(c),
            Attempt::Overflows(_) => shrink *= 0.85,
        }
    }
}

/// One try at the layout.
enum Attempt {
    /// Everything is on the page.
    Fits(Composition),
    /// The blocks overflow the page; what was placed.
    Overflows(Composition),
}

/// One attempt at the given sizes.
fn try_layout(
    page: Page,
    content: &Content,
    map_aspect: f64,
    inset_aspect: Option<f64>,
    t: TextSizes,
    map_scale: f64,
) -> Attempt {
    let (w, h) = (page.width, page.height);
    let unit = (w / 1920.0).min(h / 1080.0).max(0.25);
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
        return Attempt::Overflows(empty(body, items, t, unit));
    }

    let matrix = content.blocks.iter().find_map(|b| match b {
        Block::Matrix(m) => Some(m),
        _ => None,
    });
    let matrix_size = matrix.map(|m| (m.width(&t), m.height(&t)));
    // The map beside a column on landscape pages, above the blocks on others.
    let side = body.width / body.height >= 1.25;
    let mut regions = Vec::new();
    let mut matrix_under_map = false;
    let (map_box, below) = if side {
        // The column is widened (to two fifths of the body) to hold the matrix if it can.
        let narrow = (0.27 * body.width)
            .max(30.0 * t.body)
            .min(0.42 * body.width);
        let column_w = match matrix_size {
            Some((mw, _)) if mw > narrow && mw <= 0.4 * body.width => mw,
            _ => narrow,
        };
        let room = body.width - column_w - gap;
        // A matrix the column cannot hold goes under the map: keep room for it there.
        let under = match matrix_size {
            Some((mw, mh)) if mw > column_w => {
                matrix_under_map = true;
                let parts = (mw / room).ceil().max(1.0);
                parts * (mh + 0.5 * gap) + gap
            }
            _ => 0.0,
        };
        let map_h_max = ((body.height - under) * map_scale).max(4.0 * t.body);
        let map_w = room.min(map_h_max * map_aspect);
        let map_box = PixelRect {
            left: body.left,
            top: body.top,
            width: map_w,
            height: map_w / map_aspect,
        };
        regions.push(PixelRect::from_edges(
            map_box.right() + gap,
            body.top,
            body.right(),
            body.bottom(),
        ));
        let below = PixelRect::from_edges(
            body.left,
            map_box.bottom() + gap,
            map_box.right(),
            body.bottom(),
        );
        (map_box, below)
    } else {
        matrix_under_map = matrix.is_some();
        let map_w = body.width.min(body.height * 0.62 * map_scale * map_aspect);
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
        (map_box, below)
    };
    items.push(Item::Frame { rect: map_box });
    let mut placer = Placer::new(t, gap, inset_aspect, items);
    // The matrix across the area under the map (split by columns if wider), then that area in
    // columns for the rest.
    let mut below = below;
    if matrix_under_map && let Some(m) = matrix {
        let mut flow = Flow::new(vec![below]);
        if !placer.place_matrix(m, &mut flow) {
            return Attempt::Overflows(placer.finish(map_box, unit));
        }
        below = PixelRect::from_edges(
            below.left,
            flow.filled_to() + 0.5 * gap,
            below.right(),
            below.bottom(),
        );
    }
    if below.height > 2.0 * LINE * t.body {
        let columns = ((below.width / (30.0 * t.body)).floor() as usize).clamp(1, 4);
        let column_width = (below.width - gap * (columns as f64 - 1.0)) / columns as f64;
        for c in 0..columns {
            regions.push(PixelRect {
                left: below.left + c as f64 * (column_width + gap),
                top: below.top,
                width: column_width,
                height: below.height,
            });
        }
    }
    let mut flow = Flow::new(regions);
    for block in &content.blocks {
        if matches!(block, Block::Matrix(_)) && matrix_under_map {
            continue;
        }
        if !placer.place(block, &mut flow) {
            return Attempt::Overflows(placer.finish(map_box, unit));
        }
    }
    Attempt::Fits(placer.finish(map_box, unit))
}

fn empty(body: PixelRect, items: Vec<Item>, text: TextSizes, unit: f64) -> Composition {
    Composition {
        map_box: body,
        inset_box: None,
        items,
        text,
        unit,
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
