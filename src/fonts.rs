//! The bundled fonts (DejaVu Sans, permissive licence) and text measurement, so that layout
//! and label placement come out the same on every machine.

use resvg::tiny_skia;
use std::sync::OnceLock;

/// DejaVu Sans, regular.
pub const REGULAR_TTF: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans, bold.
pub const BOLD_TTF: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");
/// The family name to ask renderers for.
pub const FAMILY: &str = "DejaVu Sans";

/// Advance widths of one face, in font units, for fast measuring.
struct Metrics {
    units_per_em: f64,
    advances: std::collections::HashMap<char, u16>,
    fallback: u16,
}

impl Metrics {
    fn load(bytes: &[u8]) -> Self {
        // The embedded fonts are known-good; a unit test measures with both.
        #[allow(clippy::expect_used, reason = "embedded font, parsed by the unit test")]
        let face = ttf_parser::Face::parse(bytes, 0).expect("bundled font parses");
        let mut advances = std::collections::HashMap::new();
        let fallback = face
            .glyph_index('n')
            .and_then(|g| face.glyph_hor_advance(g))
            .unwrap_or(face.units_per_em() / 2);
        if let Some(table) = face.tables().cmap {
            for subtable in table.subtables.into_iter().filter(|s| s.is_unicode()) {
                subtable.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp) {
                        let advance = subtable
                            .glyph_index(cp)
                            .and_then(|g| face.glyph_hor_advance(g));
                        if let Some(a) = advance {
                            advances.insert(c, a);
                        }
                    }
                });
            }
        }
        Self {
            units_per_em: f64::from(face.units_per_em()),
            advances,
            fallback,
        }
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD.get_or_init(|| Metrics::load(BOLD_TTF))
    } else {
        REGULAR.get_or_init(|| Metrics::load(REGULAR_TTF))
    }
}

/// Width of `text` set in the bundled font at `size_px`, in pixels (no kerning: a slight
/// overestimate, which is the safe side for fitting).
pub fn text_width(text: &str, size_px: f64, bold: bool) -> f64 {
    let m = metrics(bold);
    let units: f64 = text
        .chars()
        .map(|c| f64::from(*m.advances.get(&c).unwrap_or(&m.fallback)))
        .sum();
    units / m.units_per_em * size_px
}

/// A parsed face of the bundled fonts, for outlines.
fn face(bold: bool) -> &'static ttf_parser::Face<'static> {
    static REGULAR: OnceLock<ttf_parser::Face<'static>> = OnceLock::new();
    static BOLD: OnceLock<ttf_parser::Face<'static>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, BOLD_TTF)
    } else {
        (&REGULAR, REGULAR_TTF)
    };
    cell.get_or_init(|| {
        // The embedded fonts are known-good; a unit test outlines text with both.
        #[allow(clippy::expect_used, reason = "embedded font, parsed by the unit test")]
        ttf_parser::Face::parse(bytes, 0).expect("bundled font parses")
    })
}

/// Glyph outlines into a tiny-skia path: font units scaled to pixels, y turned down, moved
/// right by the pen position.
struct Outliner<'a> {
    builder: &'a mut tiny_skia::PathBuilder,
    scale: f32,
    pen: f32,
}

impl Outliner<'_> {
    fn at(&self, x: f32, y: f32) -> (f32, f32) {
        (self.pen + x * self.scale, -y * self.scale)
    }
}

impl ttf_parser::OutlineBuilder for Outliner<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.builder.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.at(x, y);
        self.builder.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let ((x1, y1), (x, y)) = (self.at(x1, y1), self.at(x, y));
        self.builder.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let ((x1, y1), (x2, y2), (x, y)) = (self.at(x1, y1), self.at(x2, y2), self.at(x, y));
        self.builder.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.builder.close();
    }
}

/// The outline of `text` set in the bundled font at `size_px`, in pixels, its baseline from
/// the origin rightwards, kerned by the font's kerning table (as renderers set it). A
/// character the font lacks is its missing-glyph box. `None` for text with no ink (spaces).
pub fn text_outline(text: &str, size_px: f64, bold: bool) -> Option<tiny_skia::Path> {
    let face = face(bold);
    let scale = (size_px / f64::from(face.units_per_em())) as f32;
    let kerning: Vec<_> = face
        .tables()
        .kern
        .iter()
        .flat_map(|kern| kern.subtables)
        .filter(|table| table.horizontal && !table.variable && !table.has_cross_stream)
        .collect();
    let mut builder = tiny_skia::PathBuilder::new();
    let mut pen = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        if let Some(left) = previous {
            let kern = kerning
                .iter()
                .find_map(|table| table.glyphs_kerning(left, glyph));
            pen += f32::from(kern.unwrap_or(0)) * scale;
        }
        face.outline_glyph(
            glyph,
            &mut Outliner {
                builder: &mut builder,
                scale,
                pen,
            },
        );
        pen += f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) * scale;
        previous = Some(glyph);
    }
    builder.finish()
}

/// Breaks `text` into lines no wider than `max_width_px` at `size_px`, at spaces; a word wider
/// than a line stands alone.
pub fn wrap(text: &str, size_px: f64, bold: bool, max_width_px: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(&candidate, size_px, bold) > max_width_px {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_and_wraps() {
        let w = text_width("Hwasong-19", 20.0, false);
        assert!(w > 80.0 && w < 140.0, "{w}");
        assert!(text_width("Hwasong-19", 20.0, true) > w);
        let lines = wrap(
            "over 15,000 km on a standard trajectory (Japanese government)",
            12.0,
            false,
            150.0,
        );
        assert!(lines.len() >= 3);
        assert!(
            lines
                .iter()
                .all(|l| text_width(l, 12.0, false) <= 150.0 || !l.contains(' '))
        );
    }

    #[test]
    fn outlines_text_as_it_measures_it_kerned() {
        for bold in [false, true] {
            let path = text_outline("Hwasong-19", 20.0, bold).unwrap();
            let bounds = path.bounds();
            let width = text_width("Hwasong-19", 20.0, bold);
            // Ink from near the origin to near the measured advance; capitals and digits
            // up to about 0.73 em above the baseline (y down), the "g" below it.
            assert!(bounds.left() >= 0.0 && bounds.left() < 3.0, "{bounds:?}");
            assert!(
                (bounds.right() as f64 - width).abs() < 2.5,
                "{bounds:?} {width}"
            );
            assert!(bounds.top() < -13.0 && bounds.top() > -16.0, "{bounds:?}");
            assert!(bounds.bottom() > 3.0 && bounds.bottom() < 6.0, "{bounds:?}");
        }
        // The font's kerning table moves "V" under the arm of "A".
        let pair = text_outline("AV", 100.0, false).unwrap().bounds().width();
        let apart = text_width("AV", 100.0, false);
        assert!(f64::from(pair) < apart - 5.0, "{pair} {apart}");
        assert!(text_outline("   ", 20.0, false).is_none());
    }
}
