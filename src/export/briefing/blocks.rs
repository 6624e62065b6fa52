//! What a briefing says besides the map, as blocks the layout can measure and flow: legend
//! entries, the symbol key, the reach matrix (a table), the inset, the sources (every drawn
//! figure's), the places left unlabelled.

use super::compose::{Content, Ink, Item, LINE, TextSizes};
use crate::analysis::{ReachMatrix, Verdict};
use crate::fonts::{text_width, wrap};
use crate::format::thousands;
use crate::scenario::Scenario;
use crate::scene::{KeySymbol, PixelRect, Scene};

/// A piece of the page outside the map.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading ("Legend", "Sources").
    Heading(String),
    /// A legend entry: swatch, title, wrapped detail.
    Legend {
        /// Index into the scene's legend (for the swatch's colour).
        entry: usize,
        /// Name and class.
        title: String,
        /// The figures in a sentence.
        detail: String,
    },
    /// The symbol key: each symbol with what it means.
    Key(Vec<(KeySymbol, &'static str)>),
    /// The reach matrix.
    Matrix(MatrixBlock),
    /// The inset map, with its caption.
    Inset(String),
    /// A missile's sources under its name; the name is repeated, "(cont.)", at the top of a
    /// new column.
    Sources {
        /// The missile's name.
        name: String,
        /// The sources, run in.
        text: String,
    },
    /// A paragraph of small text.
    Paragraph(String),
}

/// A row of the matrix table.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    /// Index into the scene's legend (for the swatch's colour).
    pub entry: usize,
    /// Missile name.
    pub name: String,
    /// Cell texts with their shade (0 in range, 1 within the band, 2 out of range, 3 none).
    pub cells: Vec<(String, u8)>,
}

/// The reach matrix as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixBlock {
    /// Column headings: places, then areas.
    pub headers: Vec<String>,
    /// One row per missile.
    pub rows: Vec<MatrixRow>,
}

/// Padding inside a matrix cell, in body sizes.
const PAD: f64 = 0.45;

impl MatrixBlock {
    /// Width of the name column and of each other column, pixels.
    fn widths(&self, t: &TextSizes) -> (f64, Vec<f64>) {
        let name = self
            .rows
            .iter()
            .map(|r| text_width(&r.name, t.body, false))
            .fold(0.0, f64::max)
            + 2.2 * t.body;
        let columns = (0..self.headers.len())
            .map(|c| {
                let cells = self
                    .rows
                    .iter()
                    .map(|r| text_width(&r.cells[c].0, t.body, false))
                    .fold(0.0, f64::max);
                let word = self.headers[c]
                    .split_whitespace()
                    .map(|w| text_width(w, t.small, true))
                    .fold(0.0, f64::max);
                cells.max(word) + 2.0 * PAD * t.body
            })
            .collect();
        (name, columns)
    }

    fn header_lines(&self, t: &TextSizes, widths: &[f64]) -> Vec<Vec<String>> {
        self.headers
            .iter()
            .zip(widths)
            .map(|(h, w)| wrap(h, t.small, true, w - PAD * t.body))
            .collect()
    }

    /// Width of the table, pixels.
    pub fn width(&self, t: &TextSizes) -> f64 {
        let (name, columns) = self.widths(t);
        name + columns.iter().sum::<f64>()
    }

    /// Height of the table with its caption, pixels.
    pub fn height(&self, t: &TextSizes) -> f64 {
        let (_, widths) = self.widths(t);
        let header = self
            .header_lines(t, &widths)
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(1) as f64;
        LINE * t.heading
            + 0.3 * t.body
            + header * LINE * t.small
            + self.rows.len() as f64 * row_height(t)
    }

    /// The same table cut by columns into tables no wider than `max_width` (each keeps the
    /// missile names).
    pub fn split_to_width(&self, t: &TextSizes, max_width: f64) -> Vec<MatrixBlock> {
        let (name, widths) = self.widths(t);
        let mut parts = Vec::new();
        let mut start = 0;
        while start < self.headers.len() {
            let mut end = start + 1;
            let mut used = name + widths[start];
            while end < self.headers.len() && used + widths[end] <= max_width {
                used += widths[end];
                end += 1;
            }
            parts.push(MatrixBlock {
                headers: self.headers[start..end].to_vec(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| MatrixRow {
                        cells: r.cells[start..end].to_vec(),
                        ..r.clone()
                    })
                    .collect(),
            });
            start = end;
        }
        parts
    }

    /// Draws the table in `rect` (its top-left corner).
    pub fn emit(&self, rect: PixelRect, t: &TextSizes, items: &mut Vec<Item>) {
        let (name_w, widths) = self.widths(t);
        let headers = self.header_lines(t, &widths);
        let header_rows = headers.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let mut y = rect.top + t.heading;
        items.push(Item::Text {
            x: rect.left,
            y,
            size: t.heading,
            bold: true,
            ink: Ink::Text,
            text: "Reach from the nearest launch point".into(),
        });
        y += (LINE - 1.0) * t.heading + 0.3 * t.body;
        let mut x = rect.left + name_w;
        for (lines, w) in headers.iter().zip(&widths) {
            let mut ly = y;
            for line in lines {
                ly += LINE * t.small;
                items.push(Item::Text {
                    x: x + 0.5 * PAD * t.body,
                    y: ly - 0.3 * t.small,
                    size: t.small,
                    bold: true,
                    ink: Ink::Text,
                    text: line.clone(),
                });
            }
            x += w;
        }
        y += header_rows * LINE * t.small;
        let row_h = row_height(t);
        for row in &self.rows {
            items.push(Item::Swatch {
                rect: PixelRect {
                    left: rect.left,
                    top: y + 0.3 * row_h,
                    width: 1.4 * t.body,
                    height: 0.45 * row_h,
                },
                entry: row.entry,
            });
            items.push(Item::Text {
                x: rect.left + 1.9 * t.body,
                y: y + 0.68 * row_h,
                size: t.body,
                bold: false,
                ink: Ink::Text,
                text: row.name.clone(),
            });
            let mut x = rect.left + name_w;
            for ((cell, shade), w) in row.cells.iter().zip(&widths) {
                items.push(Item::Cell {
                    rect: PixelRect {
                        left: x + 1.0,
                        top: y + 1.0,
                        width: w - 2.0,
                        height: row_h - 2.0,
                    },
                    shade: *shade,
                });
                items.push(Item::Text {
                    x: x + PAD * t.body,
                    y: y + 0.68 * row_h,
                    size: t.body,
                    bold: false,
                    ink: Ink::Text,
                    text: cell.clone(),
                });
                x += w;
            }
            y += row_h;
        }
    }
}

fn row_height(t: &TextSizes) -> f64 {
    1.55 * t.body
}

/// The matrix as a table: margins in km (signed) with the verdict's symbol; coverage shares.
pub fn matrix_block(scene: &Scene, scenario: &Scenario, matrix: &ReachMatrix) -> MatrixBlock {
    let headers = matrix
        .places
        .iter()
        .map(|&t| scenario.targets()[t].name.clone())
        .chain(
            matrix
                .areas
                .iter()
                .map(|&a| scenario.target_areas()[a].name.clone()),
        )
        .collect();
    let rows = matrix
        .missiles
        .iter()
        .enumerate()
        .map(|(r, &m)| {
            let entry = scene
                .legend
                .iter()
                .position(|e| e.missile == m)
                .unwrap_or(0);
            let places = (0..matrix.places.len()).map(|c| match matrix.place(r, c).row {
                Some(row) => {
                    let verdict = row.verdict();
                    let sign = if row.margin_km() >= 0.0 { "+" } else { "-" };
                    let shade = match verdict {
                        Verdict::InRange => 0,
                        Verdict::WithinBand => 1,
                        Verdict::OutOfRange | Verdict::InsideMinimumRange => 2,
                    };
                    (
                        format!(
                            "{} {sign}{}",
                            verdict.symbol(),
                            thousands(row.margin_km().abs())
                        ),
                        shade,
                    )
                }
                None => ("no site".to_owned(), 3),
            });
            let areas = (0..matrix.areas.len()).map(|c| match matrix.area(r, c).row {
                Some(row) => {
                    let shade = if row.covered_pct >= 99.95 {
                        0
                    } else if row.covered_pct > 0.0 {
                        1
                    } else {
                        2
                    };
                    (format!("{:.0}% covered", row.covered_pct), shade)
                }
                None => ("no site".to_owned(), 3),
            });
            MatrixRow {
                entry,
                name: scenario.missiles()[m].name.clone(),
                cells: places.chain(areas).collect(),
            }
        })
        .collect();
    MatrixBlock { headers, rows }
}

/// Everything the briefing says, in reading order: reach matrix, legend, symbol key, inset,
/// sources of every drawn figure, places marked without a label; and the footer.
#[allow(clippy::too_many_arguments, reason = "the parts of one page")]
pub fn content(
    scene: &Scene,
    scenario: &Scenario,
    matrix: Option<&ReachMatrix>,
    inset: Option<&str>,
    unplaced: &[String],
    footer_meta: String,
) -> Content {
    let mut blocks = Vec::new();
    let matrix =
        matrix.filter(|m| !m.missiles.is_empty() && (!m.places.is_empty() || !m.areas.is_empty()));
    if let Some(matrix) = matrix {
        blocks.push(Block::Matrix(matrix_block(scene, scenario, matrix)));
    }
    // The matrix gives each missile's coverage of the target areas: the legend need not.
    let with_coverage = matrix.is_none_or(|m| m.areas.is_empty());
    blocks.push(Block::Heading("Legend".into()));
    for (i, entry) in scene.legend.iter().enumerate() {
        blocks.push(Block::Legend {
            entry: i,
            title: entry.title(),
            detail: entry.detail(with_coverage),
        });
    }
    if !scene.symbol_key.is_empty() {
        blocks.push(Block::Heading("Key".into()));
        blocks.push(Block::Key(
            scene
                .symbol_key
                .iter()
                .map(|k| (k.symbol, k.text))
                .collect(),
        ));
    }
    if let Some(caption) = inset {
        blocks.push(Block::Inset(caption.to_owned()));
    }
    if scene.legend.iter().any(|e| !e.sources.is_empty()) {
        blocks.push(Block::Heading("Sources".into()));
        for entry in scene.legend.iter().filter(|e| !e.sources.is_empty()) {
            // Run in, one sentence after another: a list of short lines would leave half of
            // each line empty.
            blocks.push(Block::Sources {
                name: entry.name.clone(),
                text: format!("{}.", entry.sources.join("; ")),
            });
        }
    }
    if !unplaced.is_empty() {
        blocks.push(Block::Heading("Also marked".into()));
        blocks.push(Block::Paragraph(format!(
            "Without a label on the map (no room beside them): {}.",
            super::name_list(unplaced, "; ")
        )));
    }
    Content {
        title: scene.title.clone(),
        subtitle: scene.subtitle.clone(),
        blocks,
        footer: (scene.caveats.join(" "), footer_meta),
    }
}
