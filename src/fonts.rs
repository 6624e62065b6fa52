//! The bundled fonts (DejaVu Sans, permissive licence) and text measurement, so that layout
//! and label placement come out the same on every machine.

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
}
