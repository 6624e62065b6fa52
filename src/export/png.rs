//! PNG files: pixels encoded with their print resolution, and SVG text rendered on the CPU by
//! resvg with only the bundled fonts (for SVG written by others, and to hold the direct
//! raster of [`super::raster`] to the SVG), so the bytes are the same on every machine for
//! the same input.

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

/// Renders SVG text to PNG bytes at its own size; `dpi`, when given, is recorded in the file
/// (so print tools size a 300 dpi A4 page as A4).
///
/// # Errors
/// An impossible size, SVG that does not parse, or a failed encoding.
pub fn svg_to_png(
    svg: &str,
    width: u32,
    height: u32,
    dpi: Option<f64>,
) -> Result<Vec<u8>, PngError> {
    let pixmap = svg_to_pixmap(svg, width, height)?;
    encode(pixmap, dpi).map_err(|e| PngError::Encode(e.to_string()))
}

/// Renders SVG text into premultiplied RGBA pixels (for the clipboard, or to encode).
///
/// # Errors
/// An impossible size or SVG that does not parse.
pub fn svg_to_pixmap(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap, PngError> {
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
    Ok(pixmap)
}

/// The SVG with every text turned into the outlines of its glyphs in the bundled font, as
/// usvg lays it out for the PNG: the same picture in any renderer, no font needed.
///
/// # Errors
/// SVG that does not parse (a bug: we write it ourselves).
pub fn text_as_paths(svg: &str) -> Result<String, PngError> {
    let options = usvg::Options {
        fontdb: font_database(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    Ok(tree.to_string(&usvg::WriteOptions::default()))
}

/// PNG bytes of a pixmap, compressed quickly; `dpi`, when given, is recorded in the file.
///
/// # Errors
/// A failed encoding.
pub fn encode_png(pixmap: tiny_skia::Pixmap, dpi: Option<f64>) -> Result<Vec<u8>, PngError> {
    encode(pixmap, dpi).map_err(|e| PngError::Encode(e.to_string()))
}

fn encode(pixmap: tiny_skia::Pixmap, dpi: Option<f64>) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // zlib level 2: near the default level's size (5 % larger) in two thirds of its time;
    // the fastest mode (fdeflate) makes hatched maps two and a half times larger.
    encoder.set_deflate_compression(png::DeflateCompression::Level(2));
    if let Some(dpi) = dpi {
        let per_metre = (dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
    }
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixmap.take_demultiplied())?;
    writer.finish()?;
    Ok(bytes)
}
