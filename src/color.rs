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

/// Colours for missiles without one: twelve that stay apart for readers with any of the
/// three colour-vision deficiencies (a unit test simulates them), mid-light so that they read
/// as lines on light and dark maps alike. From Paul Tol's and Okabe and Ito's schemes,
/// ordered so that neighbours differ most.
pub const PALETTE: [Rgba; 12] = [
    Rgba([0xe6, 0x9f, 0x00, 0xff]),
    Rgba([0x33, 0xbb, 0xee, 0xff]),
    Rgba([0x22, 0x55, 0x22, 0xff]),
    Rgba([0xaa, 0x33, 0x77, 0xff]),
    Rgba([0xee, 0x66, 0x77, 0xff]),
    Rgba([0x00, 0x77, 0xbb, 0xff]),
    Rgba([0xcc, 0x79, 0xa7, 0xff]),
    Rgba([0x99, 0x99, 0x33, 0xff]),
    Rgba([0x22, 0x88, 0x33, 0xff]),
    Rgba([0xcc, 0x33, 0x11, 0xff]),
    Rgba([0x00, 0x44, 0x88, 0xff]),
    Rgba([0x88, 0x22, 0x55, 0xff]),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn linear(c: u8) -> f64 {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    }

    /// CIE L*a*b* of linear RGB.
    fn lab([r, g, b]: [f64; 3]) -> [f64; 3] {
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    /// Full-severity protanopia, deuteranopia and tritanopia (Machado, Oliveira and
    /// Fernandes, 2009), applied to linear RGB; and normal vision.
    const VISIONS: [[[f64; 3]; 3]; 4] = [
        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]],
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ],
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ],
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ],
    ];

    fn seen(c: Rgba, m: &[[f64; 3]; 3]) -> [f64; 3] {
        let l = [linear(c.0[0]), linear(c.0[1]), linear(c.0[2])];
        let row = |i: usize| (m[i][0] * l[0] + m[i][1] * l[1] + m[i][2] * l[2]).clamp(0.0, 1.0);
        lab([row(0), row(1), row(2)])
    }

    #[test]
    fn the_palette_stays_apart_for_colour_blind_readers() {
        let mut worst = f64::INFINITY;
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                for m in &VISIONS {
                    let (p, q) = (seen(*a, m), seen(*b, m));
                    let delta =
                        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2))
                            .sqrt();
                    worst = worst.min(delta);
                }
            }
            // Mid-light: a line on the light map and on the dark one.
            let l = seen(*a, &VISIONS[0])[0];
            assert!((28.0..72.0).contains(&l), "{} has L* {l:.0}", a.to_hex());
        }
        // CIE76 distance; about 2 is just noticeable, 10 is clearly different.
        assert!(worst > 10.0, "two colours are only {worst:.1} apart");
    }
}
