//! Turning a scenario into files, all on the CPU with no window: briefing images (drawn from
//! the scene into one [`Drawing`]: PNG painted straight from it, SVG written from it, PDF
//! converted from the SVG), GeoJSON and KML (geographic, from the scenario model), and the world
//! file that georeferences an equirectangular PNG.

pub mod briefing;
pub mod drawing;
pub mod geojson;
pub mod kml;
pub mod pdf;
pub mod png;
pub mod raster;
pub mod xml;

use crate::projection::Projection;
use crate::scenario::{Scenario, write_atomically};
use crate::scene::Scene;
use briefing::{ImageOptions, ImagePlan};
use drawing::Drawing;
use std::path::Path;

/// Output formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Raster briefing image.
    Png,
    /// Vector briefing image.
    Svg,
    /// Vector briefing page, text selectable, font embedded.
    Pdf,
    /// RFC 7946 FeatureCollection.
    GeoJson,
    /// KML 2.2 document.
    Kml,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Self; 5] = [Self::Png, Self::Svg, Self::Pdf, Self::GeoJson, Self::Kml];

    /// The format for a file name's extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.extension() == ext)
    }

    /// The file extension, lower case, without the dot. Not ".json" for GeoJSON: that is what
    /// scenarios are called, and one would be overwritten.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Pdf => "pdf",
            Self::GeoJson => "geojson",
            Self::Kml => "kml",
        }
    }

    /// Whether the format is a briefing image (sized, laid out) rather than data.
    pub fn is_image(self) -> bool {
        matches!(self, Self::Png | Self::Svg | Self::Pdf)
    }
}

/// Image sizes, shared by the command line and the app's export dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SizePreset {
    /// 1920 x 1080.
    Slide,
    /// 3840 x 2160.
    #[value(name = "slide-4k")]
    Slide4k,
    /// A4 landscape at 300 dpi, 3508 x 2480.
    A4,
    /// A4 portrait at 300 dpi, 2480 x 3508.
    #[value(name = "a4-portrait")]
    A4Portrait,
    /// US Letter landscape at 300 dpi, 3300 x 2550.
    Letter,
    /// US Letter portrait at 300 dpi, 2550 x 3300.
    #[value(name = "letter-portrait")]
    LetterPortrait,
    /// 2160 x 2160, for social media.
    Square,
}

impl SizePreset {
    /// Every preset, in menu order.
    pub const ALL: [Self; 7] = [
        Self::Slide,
        Self::Slide4k,
        Self::A4,
        Self::A4Portrait,
        Self::Letter,
        Self::LetterPortrait,
        Self::Square,
    ];

    /// Width and height, pixels.
    pub fn size(self) -> (u32, u32) {
        match self {
            Self::Slide => (1920, 1080),
            Self::Slide4k => (3840, 2160),
            Self::A4 => (3508, 2480),
            Self::A4Portrait => (2480, 3508),
            Self::Letter => (3300, 2550),
            Self::LetterPortrait => (2550, 3300),
            Self::Square => (2160, 2160),
        }
    }

    /// The print resolution, dots per inch, for paper sizes: text is then set in points and
    /// never below 7 pt.
    pub fn dpi(self) -> Option<f64> {
        match self {
            Self::A4 | Self::A4Portrait | Self::Letter | Self::LetterPortrait => Some(300.0),
            Self::Slide | Self::Slide4k | Self::Square => None,
        }
    }

    /// A name for buttons: "Slide 4K", "A4 300 dpi"...
    pub fn label(self) -> &'static str {
        match self {
            Self::Slide => "Slide",
            Self::Slide4k => "Slide 4K",
            Self::A4 => "A4",
            Self::A4Portrait => "A4 portrait",
            Self::Letter => "Letter",
            Self::LetterPortrait => "Letter portrait",
            Self::Square => "Square",
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A request that cannot be met (bad size, world file for a non-equirectangular map).
    #[error("{0}")]
    Invalid(String),
    /// Rendering failed.
    #[error(transparent)]
    Png(#[from] png::PngError),
    /// PDF conversion failed.
    #[error(transparent)]
    Pdf(#[from] pdf::PdfError),
    /// The data could not be written as JSON (a bug; never an empty file instead).
    #[error("cannot write GeoJSON: {0}")]
    Serialize(#[from] serde_json::Error),
    /// Writing failed.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file being written.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Graticule spacing of exported maps, degrees.
pub const GRATICULE_STEP_DEG: f64 = 30.0;

/// The scene of an image at the scale its layout gives the map, and where the map goes.
pub fn image_scene(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> (Scene, ImagePlan) {
    let briefing = briefing::build(scenario, projection, options);
    (briefing.scene, briefing.plan)
}

/// The briefing (or map) image as a drawing, and where its map went.
pub fn drawing(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> (Drawing, ImagePlan) {
    let built = briefing::build(scenario, projection, options);
    (briefing::draw(&built, options), built.plan)
}

/// The briefing (or map) image as SVG text, and where its map went.
pub fn svg(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> (String, ImagePlan) {
    let (drawing, plan) = drawing(scenario, projection, options);
    (drawing.to_svg(), plan)
}

/// The briefing (or map) image as PNG bytes, painted straight from its drawing, and where its
/// map went.
///
/// # Errors
/// An impossible size or a failed encoding.
pub fn png(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> Result<(Vec<u8>, ImagePlan), png::PngError> {
    png::check_size(options.width, options.height)?;
    let (drawing, plan) = drawing(scenario, projection, options);
    let pixmap = raster::render(&drawing)?;
    Ok((png::encode_png(pixmap, options.dpi)?, plan))
}

/// The `.prj` beside a world file: its numbers are longitudes and latitudes in degrees on
/// WGS84 (EPSG:4326), in the ESRI WKT that GDAL, QGIS and ArcGIS read.
pub const WGS84_PRJ: &str = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

/// The six lines of an ESRI world file for an equirectangular image: pixel size in x, two
/// rotation terms (0), negative pixel size in y, then the longitude and latitude of the centre
/// of the upper-left pixel. Longitudes are continuous across the map, so they may exceed 180.
///
/// # Errors
/// A projection other than equirectangular.
pub fn world_file(projection: &Projection, plan: &ImagePlan) -> Result<String, ExportError> {
    let Projection::Equirectangular { central_lon } = projection else {
        return Err(ExportError::Invalid(format!(
            "--world-file needs the equirectangular projection (this map is {})",
            projection.name()
        )));
    };
    let t = &plan.transform;
    let deg_per_px = (1.0 / t.scale).to_degrees();
    let centre = t.to_map(0.5, 0.5);
    Ok(format!(
        "{deg_per_px:.12}\n0.0\n0.0\n{:.12}\n{:.12}\n{:.12}\n",
        -deg_per_px,
        central_lon + centre.x.to_degrees(),
        centre.y.to_degrees()
    ))
}

/// Writes one export to `path` (atomically), in the format its extension names. Returns the
/// image plan for images.
///
/// # Errors
/// An unknown extension, an impossible size, or a failed write.
pub fn write(
    scenario: &Scenario,
    path: &Path,
    projection: Projection,
    options: &ImageOptions,
) -> Result<Option<ImagePlan>, ExportError> {
    let (bytes, plan) = encode(scenario, path, projection, options)?;
    write_atomically(path, &bytes).map_err(|source| ExportError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(plan)
}

/// The bytes of one export in the format `path`'s extension names (nothing is written), and
/// the image plan for images: what [`write`] writes, for callers that store it elsewhere (a
/// download in the browser).
///
/// # Errors
/// An unknown extension or an impossible size.
pub fn encode(
    scenario: &Scenario,
    path: &Path,
    projection: Projection,
    options: &ImageOptions,
) -> Result<(Vec<u8>, Option<ImagePlan>), ExportError> {
    let format = Format::from_path(path).ok_or_else(|| {
        ExportError::Invalid(format!(
            "{}: unknown extension; use .png, .svg, .pdf, .geojson or .kml",
            path.display()
        ))
    })?;
    match format {
        Format::Png | Format::Svg | Format::Pdf => {
            png::check_size(options.width, options.height)?;
            let (bytes, plan) = match format {
                Format::Png => png(scenario, projection, options)?,
                _ => {
                    let (svg, plan) = svg(scenario, projection, options);
                    let bytes = match format {
                        Format::Pdf => pdf::svg_to_pdf(&svg, options.dpi)?,
                        _ if options.text_as_paths => png::text_as_paths(&svg)?.into_bytes(),
                        _ => svg.into_bytes(),
                    };
                    (bytes, plan)
                }
            };
            Ok((bytes, Some(plan)))
        }
        Format::GeoJson => {
            let mut text = serde_json::to_string(&geojson::scenario_collection(scenario))?;
            text.push('\n');
            Ok((text.into_bytes(), None))
        }
        Format::Kml => Ok((kml::scenario_kml(scenario).into_bytes(), None)),
    }
}
