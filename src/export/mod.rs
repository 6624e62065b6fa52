//! Turning a scenario into files, all on the CPU with no window: briefing images (PNG, SVG),
//! GeoJSON, KML, and the world file that georeferences an equirectangular PNG.

pub mod geojson;
pub mod image;
pub mod kml;
pub mod png;

use crate::projection::Projection;
use crate::scenario::{Scenario, write_atomically};
use crate::scene::{Scene, SceneOptions};
use image::{ImageOptions, ImagePlan};
use std::path::Path;

/// Output formats, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Raster briefing image.
    Png,
    /// Vector briefing image.
    Svg,
    /// RFC 7946 FeatureCollection.
    GeoJson,
    /// KML 2.2 document.
    Kml,
}

impl Format {
    /// The format for a file name's extension (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            // Not ".json": that is what scenarios are called, and one would be overwritten.
            "geojson" => Some(Self::GeoJson),
            "kml" => Some(Self::Kml),
            _ => None,
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

/// Builds the scene for an image at the scale its layout gives the map.
pub fn image_scene(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> (Scene, ImagePlan) {
    let plan = image::plan(&projection, options);
    let scene = Scene::build(
        scenario,
        &SceneOptions {
            projection,
            px_per_unit: plan.transform.scale,
            detail: None,
            graticule_step_deg: GRATICULE_STEP_DEG,
            layers: options.layers,
        },
    );
    (scene, plan)
}

/// The briefing (or map) image as SVG text, and its plan.
pub fn svg(
    scenario: &Scenario,
    projection: Projection,
    options: &ImageOptions,
) -> (String, ImagePlan) {
    let (scene, plan) = image_scene(scenario, projection, options);
    (image::render_svg(&scene, scenario, options, &plan), plan)
}

/// The six lines of an ESRI world file for an equirectangular image: pixel size in x, two
/// rotation terms (0), negative pixel size in y, then the longitude and latitude of the centre
/// of the upper-left pixel. Longitudes are continuous across the map, so they may exceed 180.
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
pub fn write(
    scenario: &Scenario,
    path: &Path,
    projection: Projection,
    options: &ImageOptions,
) -> Result<Option<ImagePlan>, ExportError> {
    let format = Format::from_path(path).ok_or_else(|| {
        ExportError::Invalid(format!(
            "{}: unknown extension; use .png, .svg, .geojson or .kml",
            path.display()
        ))
    })?;
    let write_err = |source| ExportError::Write {
        path: path.display().to_string(),
        source,
    };
    match format {
        Format::Png | Format::Svg => {
            if options.width == 0
                || options.height == 0
                || options.width > png::MAX_SIDE
                || options.height > png::MAX_SIDE
            {
                return Err(png::PngError::Size(options.width, options.height).into());
            }
            let (svg, plan) = svg(scenario, projection, options);
            let bytes = if format == Format::Png {
                png::svg_to_png(&svg, options.width, options.height)?
            } else {
                svg.into_bytes()
            };
            write_atomically(path, &bytes).map_err(write_err)?;
            Ok(Some(plan))
        }
        Format::GeoJson => {
            let mut text =
                serde_json::to_string(&geojson::scenario_collection(scenario)).unwrap_or_default();
            text.push('\n');
            write_atomically(path, text.as_bytes()).map_err(write_err)?;
            Ok(None)
        }
        Format::Kml => {
            write_atomically(path, kml::scenario_kml(scenario).as_bytes()).map_err(write_err)?;
            Ok(None)
        }
    }
}

/// Today's date (UTC) as YYYY-MM-DD, or the one given by `SOURCE_DATE_EPOCH` (seconds) for
/// reproducible output.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    civil_date(seconds.div_euclid(86_400))
}

/// A time in seconds since 1970 as "YYYY-MM-DD HH:MM" (UTC).
pub fn civil_date_of(seconds: u64) -> String {
    let seconds = seconds as i64;
    let (day, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    format!(
        "{} {:02}:{:02}",
        civil_date(day),
        rest / 3600,
        rest % 3600 / 60
    )
}

/// Days since 1970-01-01 to "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::civil_date;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_418), "2025-11-26");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }
}
