//! Colours of the map themes.

use crate::color::Rgba;

/// Colours of a map theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Page or window background outside the map.
    pub background: Rgba,
    /// Ocean: the sphere's face.
    pub ocean: Rgba,
    /// Land fill.
    pub land: Rgba,
    /// Coastlines.
    pub coast: Rgba,
    /// Country borders.
    pub border: Rgba,
    /// Graticule lines.
    pub graticule: Rgba,
    /// Text and marker outlines.
    pub text: Rgba,
    /// Secondary text (sources, caveats).
    pub muted_text: Rgba,
    /// Halo behind labels, for legibility over any background.
    pub halo: Rgba,
    /// Opacity of the ring tint, 0 to 1. Each place is tinted once, in the colour of the
    /// smallest ring that reaches it (nested bands, never a stacked wash), so land and sea
    /// keep `1 - ring_fill_opacity` of their contrast everywhere.
    pub ring_fill_opacity: f64,
    /// Draw ring outlines only, without the tint.
    pub outlines_only: bool,
}

impl Style {
    /// Whether rings are tinted at all.
    pub fn tints(&self) -> bool {
        !self.outlines_only && self.ring_fill_opacity > 0.0
    }

    /// Opacity of the basemap laid again over the opaque ring tints: what makes the tint
    /// `ring_fill_opacity` strong.
    pub fn veil_opacity(&self) -> f64 {
        (1.0 - self.ring_fill_opacity).clamp(0.0, 1.0)
    }
}

impl Style {
    /// Light theme: print-friendly, the default for briefings.
    pub const LIGHT: Style = Style {
        background: Rgba([0xff, 0xff, 0xff, 0xff]),
        ocean: Rgba([0xcf, 0xe0, 0xec, 0xff]),
        land: Rgba([0xf7, 0xf4, 0xec, 0xff]),
        coast: Rgba([0x8f, 0x9c, 0xa6, 0xff]),
        border: Rgba([0xb9, 0xb4, 0xaa, 0xff]),
        graticule: Rgba([0xc4, 0xd3, 0xde, 0xff]),
        text: Rgba([0x1c, 0x25, 0x2e, 0xff]),
        muted_text: Rgba([0x4f, 0x5b, 0x66, 0xff]),
        halo: Rgba([0xff, 0xff, 0xff, 0xd0]),
        ring_fill_opacity: 0.16,
        outlines_only: false,
    };

    /// Dark theme: for screens in dim rooms.
    pub const DARK: Style = Style {
        background: Rgba([0x14, 0x18, 0x1d, 0xff]),
        ocean: Rgba([0x12, 0x1c, 0x27, 0xff]),
        land: Rgba([0x45, 0x4b, 0x51, 0xff]),
        coast: Rgba([0x6c, 0x78, 0x82, 0xff]),
        border: Rgba([0x55, 0x5b, 0x60, 0xff]),
        graticule: Rgba([0x2a, 0x37, 0x44, 0xff]),
        text: Rgba([0xe8, 0xec, 0xf0, 0xff]),
        muted_text: Rgba([0xa9, 0xb3, 0xbc, 0xff]),
        halo: Rgba([0x14, 0x18, 0x1d, 0xd0]),
        ring_fill_opacity: 0.22,
        outlines_only: false,
    };
}

/// The colour themes, as the command line and the app name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Theme {
    /// Light, print-friendly: the default for briefings.
    #[default]
    Light,
    /// Dark, for screens in dim rooms.
    Dark,
}

impl Theme {
    /// The theme's colours.
    pub fn style(self) -> Style {
        match self {
            Self::Light => Style::LIGHT,
            Self::Dark => Style::DARK,
        }
    }
}
