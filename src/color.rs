//! Colours: parsed once from the scenario's `#rrggbb[aa]` text, and the palette for missiles
//! that name none.

/// An sRGB colour with alpha, 0-255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// Parses `#rrggbb` or `#rrggbbaa`.
    ///
    /// # Examples
    /// ```
    /// use range_rings::color::Rgba;
    /// assert_eq!(Rgba::parse("#c0392b"), Some(Rgba([0xc0, 0x39, 0x2b, 0xff])));
    /// assert_eq!(Rgba::parse("#c0392b80"), Some(Rgba([0xc0, 0x39, 0x2b, 0x80])));
    /// assert_eq!(Rgba::parse("red"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !(hex.len() == 6 || hex.len() == 8) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        let alpha = if hex.len() == 8 { byte(6)? } else { 255 };
        Some(Self([byte(0)?, byte(2)?, byte(4)?, alpha]))
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque.
    pub fn to_hex(self) -> String {
        let [r, g, b, a] = self.0;
        if a == 255 {
            format!("#{r:02x}{g:02x}{b:02x}")
        } else {
            format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
        }
    }

    /// `#rrggbb`, ignoring alpha (for formats that carry opacity separately).
    pub fn rgb_hex(self) -> String {
        let [r, g, b, _] = self.0;
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// Alpha as a fraction, 0 to 1.
    pub fn opacity(self) -> f64 {
        f64::from(self.0[3]) / 255.0
    }
}

/// Colours for missiles without one (ColorBrewer Set1 and Dark2: distinct and printable).
pub const PALETTE: [Rgba; 10] = [
    Rgba([0xe4, 0x1a, 0x1c, 0xff]),
    Rgba([0x37, 0x7e, 0xb8, 0xff]),
    Rgba([0x4d, 0xaf, 0x4a, 0xff]),
    Rgba([0x98, 0x4e, 0xa3, 0xff]),
    Rgba([0xff, 0x7f, 0x00, 0xff]),
    Rgba([0xa6, 0x56, 0x28, 0xff]),
    Rgba([0xf7, 0x81, 0xbf, 0xff]),
    Rgba([0x1b, 0x9e, 0x77, 0xff]),
    Rgba([0x75, 0x70, 0xb3, 0xff]),
    Rgba([0x66, 0x66, 0x66, 0xff]),
];
