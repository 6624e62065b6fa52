//! Room on the page filled with blocks: the flow of rectangles (the column beside the map,
//! the columns under it) and the placer that sets each block in it, a heading kept with the
//! block it introduces, a source list's name repeated at the top of a new column.

use super::blocks::{Block, MatrixBlock};
use super::compose::{Composition, Ink, Item, LINE, TextSizes, text};
use crate::fonts::wrap;
use crate::scene::PixelRect;

/// Room for blocks: rectangles filled top to bottom, one after the other. A block set aside
/// (an inset too tall for what is left of a column) may go in a later rectangle while the
/// blocks after it still fill the current one.
pub(super) struct Flow {
    regions: Vec<PixelRect>,
    /// How far down each region is filled.
    ys: Vec<f64>,
    current: usize,
}

impl Flow {
    pub(super) fn new(regions: Vec<PixelRect>) -> Self {
        let ys = regions.iter().map(|r| r.top).collect();
        Self {
            regions,
            ys,
            current: 0,
        }
    }

    /// The bottom of what the first region holds.
    pub(super) fn filled_to(&self) -> f64 {
        self.ys.first().copied().unwrap_or(0.0)
    }

    /// A box at the top of the room left, in the first region (from the current one) at least
    /// `min_width` wide where `height(region width, at the region's top)` fits; the box and
    /// whether it starts its region. Unless `aside`, the flow moves on to that region. `None`
    /// when no region has the room.
    fn take(
        &mut self,
        min_width: f64,
        aside: bool,
        height: impl Fn(f64, bool) -> f64,
    ) -> Option<(PixelRect, bool)> {
        for k in self.current..self.regions.len() {
            let r = self.regions[k];
            let y = self.ys[k];
            let at_top = y <= r.top + 0.5;
            let needed = height(r.width, at_top);
            if r.width >= min_width && y + needed <= r.bottom() + 0.5 {
                self.ys[k] = y + needed;
                if !aside {
                    self.current = k;
                }
                let b = PixelRect {
                    left: r.left,
                    top: y,
                    width: r.width,
                    height: needed,
                };
                return Some((b, at_top));
            }
        }
        None
    }
}

/// Puts blocks where the flow has room.
pub(super) struct Placer {
    t: TextSizes,
    gap: f64,
    inset_aspect: Option<f64>,
    items: Vec<Item>,
    inset_box: Option<PixelRect>,
    /// A heading waiting for its block: it goes wherever that block's start goes.
    heading: Option<String>,
    /// The missile whose sources are being listed, repeated at the top of a new column.
    continued: Option<String>,
}

impl Placer {
    /// A placer for type `t`, blocks `gap` apart, after the `items` already on the page.
    pub(super) fn new(t: TextSizes, gap: f64, inset_aspect: Option<f64>, items: Vec<Item>) -> Self {
        Self {
            t,
            gap,
            inset_aspect,
            items,
            inset_box: None,
            heading: None,
            continued: None,
        }
    }

    pub(super) fn finish(self, map_box: PixelRect, unit: f64) -> Composition {
        Composition {
            map_box,
            inset_box: self.inset_box,
            items: self.items,
            text: self.t,
            unit,
        }
    }

    /// Height of the waiting heading, pixels.
    fn heading_height(&self) -> f64 {
        if self.heading.is_some() {
            LINE * self.t.heading + 0.3 * self.gap
        } else {
            0.0
        }
    }

    /// Takes a box for a block's first part (with the waiting heading over it) and draws the
    /// heading; returns the box left for the block.
    fn take_first(
        &mut self,
        flow: &mut Flow,
        (min_width, aside): (f64, bool),
        height: impl Fn(f64, bool) -> f64,
    ) -> Option<(PixelRect, bool)> {
        let extra = self.heading_height();
        let (r, at_top) = flow.take(min_width, aside, |w, top| extra + height(w, top))?;
        if let Some(heading) = self.heading.take() {
            let y = r.top + 0.2 * self.gap + self.t.heading;
            self.items
                .push(text(r.left, y, self.t.heading, true, Ink::Text, heading));
        }
        Some((
            PixelRect {
                top: r.top + extra,
                height: r.height - extra,
                ..r
            },
            at_top,
        ))
    }

    /// Places one block; `false` when it does not fit anywhere left.
    pub(super) fn place(&mut self, block: &Block, flow: &mut Flow) -> bool {
        let t = self.t;
        match block {
            Block::Heading(heading) => {
                self.heading = Some(heading.clone());
                true
            }
            Block::Legend {
                entry,
                title,
                detail,
            } => {
                let swatch_w = 2.4 * t.name;
                let indent = swatch_w + 0.6 * t.name;
                let lines = |width: f64| wrap(detail, t.body, false, (width - indent).max(t.body));
                let gap = self.gap;
                let height = |width: f64, _| {
                    LINE * t.name + lines(width).len() as f64 * LINE * t.body + 0.35 * gap
                };
                let Some((r, _)) = self.take_first(flow, (0.0, false), height) else {
                    return false;
                };
                let y = r.top + t.name;
                self.items.push(Item::Swatch {
                    rect: PixelRect {
                        left: r.left,
                        top: y - 0.85 * t.name,
                        width: swatch_w,
                        height: t.name,
                    },
                    entry: *entry,
                });
                self.items.push(text(
                    r.left + indent,
                    y,
                    t.name,
                    true,
                    Ink::Text,
                    title.clone(),
                ));
                let mut ly = y;
                for line in lines(r.width) {
                    ly += LINE * t.body;
                    self.items
                        .push(text(r.left + indent, ly, t.body, false, Ink::Muted, line));
                }
                true
            }
            Block::Key {
                symbol,
                text: label,
            } => {
                let height = LINE * t.body + 0.15 * self.gap;
                let Some((r, _)) = self.take_first(flow, (0.0, false), |_, _| height) else {
                    return false;
                };
                self.items.push(Item::Symbol {
                    x: r.left + 1.2 * t.body,
                    y: r.top + 0.55 * LINE * t.body,
                    size: 0.42 * t.body,
                    symbol: *symbol,
                });
                let x = r.left + 2.6 * t.body;
                self.items.push(text(
                    x,
                    r.top + t.body,
                    t.body,
                    false,
                    Ink::Muted,
                    (*label).to_owned(),
                ));
                true
            }
            Block::Matrix(m) => self.place_matrix(m, flow),
            Block::Inset(caption) => {
                let Some(aspect) = self.inset_aspect else {
                    return true;
                };
                // Four fifths of the width, no taller than wide; set aside into a later column
                // when the current one has no room, the blocks after it going on here.
                let map_h = |width: f64| (0.8 * width / aspect).min(0.8 * width);
                let gap = self.gap;
                let height = |width: f64, _| LINE * t.body + map_h(width) + 0.5 * gap;
                let Some((r, _)) = self.take_first(flow, (0.0, true), height) else {
                    return false;
                };
                let h = map_h(r.width);
                self.items.push(text(
                    r.left,
                    r.top + t.body,
                    t.body,
                    true,
                    Ink::Text,
                    caption.clone(),
                ));
                let rect = PixelRect {
                    left: r.left,
                    top: r.top + LINE * t.body,
                    width: h * aspect,
                    height: h,
                };
                self.items.push(Item::Frame { rect });
                self.inset_box = Some(rect);
                true
            }
            Block::Sources { name, lines } => {
                self.continued = Some(name.clone());
                for (k, line) in lines.iter().enumerate() {
                    // The name goes with the first line, and again at the top of a column.
                    if !self.place_line(line, flow, k == 0) {
                        return false;
                    }
                }
                self.continued = None;
                true
            }
            Block::Paragraph(line) => self.place_line(line, flow, false),
        }
    }

    /// Places a line of small text (wrapped); `first` puts the sources' name over it.
    fn place_line(&mut self, line: &str, flow: &mut Flow, first: bool) -> bool {
        let t = self.t;
        let indent = 0.8 * t.small;
        let lines = |width: f64| wrap(line, t.small, false, (width - indent).max(t.small));
        let continuing = self.continued.is_some();
        let named = move |at_top: bool| continuing && (first || at_top);
        let height = |width: f64, at_top: bool| {
            (lines(width).len() + usize::from(named(at_top))) as f64 * LINE * t.small
        };
        let Some((r, at_top)) = self.take_first(flow, (0.0, false), height) else {
            return false;
        };
        let mut y = r.top;
        if named(at_top)
            && let Some(name) = &self.continued
        {
            y += LINE * t.small;
            let name = if first {
                name.clone()
            } else {
                format!("{name} (cont.)")
            };
            self.items.push(text(
                r.left,
                y - 0.3 * t.small,
                t.small,
                true,
                Ink::Text,
                name,
            ));
        }
        for (i, l) in lines(r.width).into_iter().enumerate() {
            y += LINE * t.small;
            let x = if i == 0 { r.left } else { r.left + indent };
            self.items
                .push(text(x, y - 0.3 * t.small, t.small, false, Ink::Muted, l));
        }
        true
    }

    /// Places the reach matrix, split into narrower tables by columns when no region is wide
    /// enough.
    pub(super) fn place_matrix(&mut self, m: &MatrixBlock, flow: &mut Flow) -> bool {
        let t = self.t;
        let widest = flow
            .regions
            .iter()
            .skip(flow.current)
            .map(|r| r.width)
            .fold(0.0, f64::max);
        for part in m.split_to_width(&t, widest) {
            let height = part.height(&t);
            let gap = self.gap;
            let Some((r, _)) =
                self.take_first(flow, (part.width(&t), false), |_, _| height + 0.5 * gap)
            else {
                return false;
            };
            part.emit(PixelRect { height, ..r }, &t, &mut self.items);
        }
        true
    }
}
