//! PDF from the briefing SVG: vector shapes, text kept as text in the bundled DejaVu Sans
//! (embedded as a subset, so it prints the same everywhere and can be selected and searched),
//! through typst's svg2pdf.

use crate::fonts;
use std::sync::{Arc, OnceLock};
use svg2pdf::usvg;

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The SVG did not parse (a bug: we write it ourselves).
    #[error("internal SVG error: {0}")]
    Svg(String),
    /// svg2pdf refused the drawing.
    #[error("PDF conversion failed: {0}")]
    Convert(String),
}

/// Pixels per inch assumed for an image with no print resolution: the CSS pixel, so a
/// 1920 x 1080 slide becomes a 20 x 11.25 inch page.
pub const SCREEN_DPI: f64 = 96.0;

/// The bundled faces for svg2pdf, which reads SVG with its own usvg (0.45, fontdb 0.23), so
/// it cannot share the PNG renderer's database (usvg 0.49, fontdb 0.24).
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

/// A one-page PDF of the SVG, the page `width / dpi` by `height / dpi` inches (`dpi` defaults
/// to [`SCREEN_DPI`]): an A4 preset at 300 dpi gives an A4 page.
///
/// # Errors
/// SVG that does not parse, or a drawing svg2pdf cannot convert.
pub fn svg_to_pdf(svg: &str, dpi: Option<f64>) -> Result<Vec<u8>, PdfError> {
    let options = usvg::Options {
        fontdb: font_database(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PdfError::Svg(e.to_string()))?;
    let page = svg2pdf::PageOptions {
        dpi: dpi.unwrap_or(SCREEN_DPI) as f32,
    };
    svg2pdf::to_pdf(&tree, svg2pdf::ConversionOptions::default(), page)
        .map_err(|e| PdfError::Convert(format!("{e:?}")))
}
