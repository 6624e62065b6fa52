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

    /// The first room (from the current region on) at least `min_width` wide where
    /// `height(region width, fresh)` fits, `fresh` when the room starts its region or is in a
    /// region after the current one (where a continued list repeats its name). `None` when no
    /// region has it.
    fn find(&self, min_width: f64, height: impl Fn(f64, bool) -> f64) -> Option<Slot> {
        (self.current..self.regions.len()).find_map(|k| {
            let r = self.regions[k];
            let y = self.ys[k];
            let fresh = y <= r.top + 0.5 || k != self.current;
            let fits = r.width >= min_width && y + height(r.width, fresh) <= r.bottom() + 0.5;
            fits.then(|| Slot {
                region: k,
                free: PixelRect::from_edges(r.left, y, r.right(), r.bottom()),
                fresh,
            })
        })
    }

    /// Fills `height` of the slot's room; unless `aside`, the flow moves on to its region.
    fn commit(&mut self, slot: &Slot, height: f64, aside: bool) -> PixelRect {
        self.ys[slot.region] += height;
        if !aside {
            self.current = slot.region;
        }
        PixelRect {
            height,
            ..slot.free
        }
    }

    /// A box of `height(region width)` at the top of the first room that has it (see
    /// [`Flow::find`]).
    fn take(
        &mut self,
        min_width: f64,
        aside: bool,
        height: impl Fn(f64) -> f64,
    ) -> Option<PixelRect> {
        let slot = self.find(min_width, |width, _| height(width))?;
        let needed = height(slot.free.width);
        Some(self.commit(&slot, needed, aside))
    }
}

/// Room found in a region: what is left of it.
struct Slot {
    region: usize,
    /// The free part of the region.
    free: PixelRect,
    /// Whether the room starts its region or is in a region after the current one.
    fresh: bool,
}

/// Puts blocks where the flow has room.
pub(super) struct Placer {
    t: TextSizes,
    gap: f64,
    /// The inset's width over height, and its largest height (pixels), if there is one.
    inset: Option<(f64, f64)>,
    items: Vec<Item>,
    inset_box: Option<PixelRect>,
    /// A heading waiting for its block: it goes wherever that block's start goes.
    heading: Option<String>,
    /// The missile whose sources are being listed, repeated at the top of a new column.
    continued: Option<String>,
}

impl Placer {
    /// A placer for type `t`, blocks `gap` apart, after the `items` already on the page;
    /// `inset` is the inset's aspect and largest height, if there is one.
    pub(super) fn new(t: TextSizes, gap: f64, inset: Option<(f64, f64)>, items: Vec<Item>) -> Self {
        Self {
            t,
            gap,
            inset,
            items,
            inset_box: None,
            heading: None,
            continued: None,
        }
    }

    pub(super) fn finish(self, map_box: PixelRect) -> Composition {
        Composition {
            map_box,
            inset_box: self.inset_box,
            items: self.items,
            text: self.t,
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
        height: impl Fn(f64) -> f64,
    ) -> Option<PixelRect> {
        let extra = self.heading_height();
        let r = flow.take(min_width, aside, |w| extra + height(w))?;
        if let Some(heading) = self.heading.take() {
            let y = r.top + 0.2 * self.gap + self.t.heading;
            self.items
                .push(text(r.left, y, self.t.heading, true, Ink::Text, heading));
        }
        Some(PixelRect {
            top: r.top + extra,
            height: r.height - extra,
            ..r
        })
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
                let room = |width: f64| (width - indent).max(t.body);
                let titles = |width: f64| wrap(title, t.name, true, room(width));
                let lines = |width: f64| wrap(detail, t.body, false, room(width));
                let gap = self.gap;
                let height = |width: f64| {
                    titles(width).len() as f64 * LINE * t.name
                        + lines(width).len() as f64 * LINE * t.body
                        + 0.35 * gap
                };
                let Some(r) = self.take_first(flow, (0.0, false), height) else {
                    return false;
                };
                let mut y = r.top + t.name;
                self.items.push(Item::Swatch {
                    rect: PixelRect {
                        left: r.left,
                        top: y - 0.85 * t.name,
                        width: swatch_w,
                        height: t.name,
                    },
                    entry: *entry,
                });
                for (i, line) in titles(r.width).into_iter().enumerate() {
                    if i > 0 {
                        y += LINE * t.name;
                    }
                    self.items
                        .push(text(r.left + indent, y, t.name, true, Ink::Text, line));
                }
                for line in lines(r.width) {
                    y += LINE * t.body;
                    self.items
                        .push(text(r.left + indent, y, t.body, false, Ink::Muted, line));
                }
                true
            }
            Block::Key(entries) => {
                // Kept together: a key split across columns reads as two keys.
                let row = LINE * t.body + 0.15 * self.gap;
                let height = entries.len() as f64 * row;
                let Some(r) = self.take_first(flow, (0.0, false), |_| height) else {
                    return false;
                };
                for (k, (symbol, label)) in entries.iter().enumerate() {
                    let top = r.top + k as f64 * row;
                    self.items.push(Item::Symbol {
                        x: r.left + 1.2 * t.body,
                        y: top + 0.55 * LINE * t.body,
                        size: 0.42 * t.body,
                        symbol: *symbol,
                    });
                    let x = r.left + 2.6 * t.body;
                    let label = (*label).to_owned();
                    self.items
                        .push(text(x, top + t.body, t.body, false, Ink::Muted, label));
                }
                true
            }
            Block::Matrix(m) => self.place_matrix(m, flow),
            Block::Inset(caption) => {
                let Some((aspect, max_h)) = self.inset else {
                    return true;
                };
                // Four fifths of the width, no taller than wide nor than its limit; set aside
                // into a later column when the current one has no room, the blocks after it
                // going on here.
                let map_h = |width: f64| (0.8 * width / aspect).min(0.8 * width).min(max_h);
                let gap = self.gap;
                let height = |width: f64| LINE * t.body + map_h(width) + 0.5 * gap;
                let Some(r) = self.take_first(flow, (0.0, true), height) else {
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
            Block::Sources { name, text } => {
                self.continued = Some(name.clone());
                let placed = self.place_line(text, flow, true);
                self.continued = None;
                placed
            }
            Block::Paragraph(line) => self.place_line(line, flow, false),
        }
    }

    /// Places a line of small text, wrapped with a hanging indent and continued in the next
    /// region when the current one fills; `first` puts the sources' name over it, and the name
    /// is repeated ("(cont.)") at the top of each region the sources go on in.
    fn place_line(&mut self, line: &str, flow: &mut Flow, first: bool) -> bool {
        let t = self.t;
        let line_h = LINE * t.small;
        let indent = 0.8 * t.small;
        let mut rest = line.to_owned();
        let mut first_piece = true;
        while !rest.is_empty() {
            // The name over this piece, if any: at the start, and in each region the list
            // goes on in.
            let name_at = |fresh: bool| -> Option<String> {
                let name = self.continued.as_ref()?;
                if first && first_piece {
                    Some(name.clone())
                } else if fresh {
                    Some(format!("{name} (cont.)"))
                } else {
                    None
                }
            };
            let name_lines = |width: f64, fresh: bool| -> Vec<String> {
                name_at(fresh).map_or_else(Vec::new, |n| wrap(&n, t.small, true, width))
            };
            let heading_h = self.heading_height();
            let Some(slot) = flow.find(0.0, |width, fresh| {
                heading_h + (1 + name_lines(width, fresh).len()) as f64 * line_h
            }) else {
                return false;
            };
            let names = name_lines(slot.free.width, slot.fresh);
            let lines = wrap(
                &rest,
                t.small,
                false,
                (slot.free.width - indent).max(t.small),
            );
            // Whole lines that fit (at least the one `find` made room for).
            let room = ((slot.free.height + 0.5 - heading_h) / line_h).floor() as usize;
            let n = lines.len().min(room.saturating_sub(names.len()).max(1));
            let height = heading_h + (n + names.len()) as f64 * line_h;
            let r = flow.commit(&slot, height, false);
            let mut y = r.top;
            if let Some(heading) = self.heading.take() {
                let base = y + 0.2 * self.gap + t.heading;
                self.items
                    .push(text(r.left, base, t.heading, true, Ink::Text, heading));
                y += heading_h;
            }
            for name in names {
                y += line_h;
                self.items.push(text(
                    r.left,
                    y - 0.3 * t.small,
                    t.small,
                    true,
                    Ink::Text,
                    name,
                ));
            }
            for (i, l) in lines[..n].iter().enumerate() {
                y += line_h;
                let x = if first_piece && i == 0 {
                    r.left
                } else {
                    r.left + indent
                };
                self.items.push(text(
                    x,
                    y - 0.3 * t.small,
                    t.small,
                    false,
                    Ink::Muted,
                    l.clone(),
                ));
            }
            rest = lines[n..].join(" ");
            first_piece = false;
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
            let Some(r) = self.take_first(flow, (part.width(&t), false), |_| height + 0.5 * gap)
            else {
                return false;
            };
            part.emit(PixelRect { height, ..r }, &t, &mut self.items);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[Item]) -> Vec<(f64, String)> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Text { x, text, .. } => Some((*x, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn sources_carried_into_another_column_repeat_their_name_there() {
        let t = TextSizes::new(1.0, 1.0, 10.0);
        let column = |left: f64| PixelRect {
            left,
            top: 0.0,
            width: 300.0,
            height: 80.0,
        };
        let mut flow = Flow::new(vec![column(0.0), column(400.0)]);
        // Something set aside at the top of the second column (an inset), so the list goes on
        // below it there, not at the column's top.
        let inset = Slot {
            region: 1,
            free: column(400.0),
            fresh: true,
        };
        flow.commit(&inset, 20.0, true);
        let mut placer = Placer::new(t, 10.0, None, Vec::new());
        let long = "A source of some length (2017). ".repeat(12);
        let block = Block::Sources {
            name: "Hwasong-15".into(),
            text: long.clone(),
        };
        assert!(placer.place(&block, &mut flow));
        let placed = texts(&placer.items);
        assert_eq!(placed[0], (0.0, "Hwasong-15".to_owned()));
        let cont = placed
            .iter()
            .position(|(_, s)| s == "Hwasong-15 (cont.)")
            .expect("the name is repeated in the second column");
        assert_eq!(placed[cont].0, 400.0);
        assert!(placed[..cont].iter().all(|(x, _)| *x < 400.0));
        // Every word is placed once, in order.
        let words: Vec<String> = placed
            .iter()
            .filter(|(_, s)| !s.starts_with("Hwasong-15"))
            .flat_map(|(_, s)| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .collect();
        assert_eq!(words.join(" "), long.trim());
    }
}
