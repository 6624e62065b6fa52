//! PNG from the briefing SVG, rendered on the CPU by resvg with only the bundled fonts, so the
//! bytes are the same on every machine for the same input.

use crate::fonts;
use resvg::{tiny_skia, usvg};
use std::sync::{Arc, OnceLock};

/// Why an image could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PngError {
    /// The size is zero or too large to allocate.
    #[error("image size {0}x{1} is not possible (each side 1 to 16384 pixels)")]
    Size(u32, u32),
    /// The SVG did not parse (a bug: we write it ourselves).
    #[error("internal SVG error: {0}")]
    Svg(String),
    /// PNG encoding failed.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Largest side of an image, pixels.
pub const MAX_SIDE: u32 = 16_384;

fn font_database() -> Arc<usvg::fontdb::Database> {
    static DB: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(fonts::REGULAR_TTF.to_vec());
        db.load_font_data(fonts::BOLD_TTF.to_vec());
        db.set_sans_serif_family(fonts::FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Checks that an image of `width` x `height` pixels can be made.
///
/// # Errors
/// A side of 0 or over [`MAX_SIDE`].
pub fn check_size(width: u32, height: u32) -> Result<(), PngError> {
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(PngError::Size(width, height));
    }
    Ok(())
}

/// Renders SVG text to PNG bytes at its own size.
///
/// # Errors
/// An impossible size, SVG that does not parse, or a failed encoding.
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    check_size(width, height)?;
    let options = usvg::Options {
        fontdb: font_database(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(PngError::Size(width, height))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
