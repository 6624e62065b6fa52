//! `range-rings export`: sizes, projection and options from the arguments, then the exporter
//! and, on request, the world file.

use super::{ExportArgs, Failure};
use crate::export::briefing::{ImageOptions, Layout};
use crate::export::png::PngError;
use crate::export::{ExportError, Format, SizePreset};
use crate::projection::Projection;
use crate::scene::RingLayers;

/// Runs `export`: writes the file (and the world file), prints nothing.
pub(super) fn export(args: &ExportArgs) -> Result<String, Failure> {
    let scenario = super::load_or_builtin(args.file.as_deref())?;
    let (width, height) = match (args.width, args.height, args.preset) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, None) => (w, (u64::from(w) * 9 / 16).max(1) as u32),
        (None, Some(h), None) => (((u64::from(h) * 16 / 9).min(u64::from(u32::MAX))) as u32, h),
        (w, h, preset) => {
            let (pw, ph) = preset.unwrap_or(SizePreset::Slide).size();
            (w.unwrap_or(pw), h.unwrap_or(ph))
        }
    };
    // The scenario's view, then what the command line says.
    let mut choice = scenario.view_choice();
    if let Some(kind) = args.projection {
        choice.kind = kind;
    }
    if let Some(centre) = args.center {
        choice.central_lon = centre.lon;
        choice.centre = Some(centre);
    }
    let projection = choice.projection();
    let format = Format::from_path(&args.output).ok_or_else(|| {
        Failure::invalid(format!(
            "range-rings export: {}: unknown extension; use .png, .svg, .pdf, .geojson or .kml",
            args.output.display()
        ))
    })?;
    if args.world_file && format != Format::Png {
        return Err(Failure::invalid(
            "range-rings export: --world-file goes with a .png output",
        ));
    }
    if args.world_file && args.layout != Layout::Map {
        return Err(Failure::invalid(
            "range-rings export: --world-file needs --layout map: a briefing's page holds a \
             legend, a matrix and text beside the map, which a world file would place on the \
             Earth too",
        ));
    }
    if args.world_file && !matches!(projection, Projection::Equirectangular { .. }) {
        return Err(Failure::invalid(format!(
            "range-rings export: --world-file needs the equirectangular projection (this map is {})",
            projection.name()
        )));
    }
    let options = ImageOptions {
        width,
        height,
        layout: args.layout,
        style: args.theme.style(),
        date: match &args.date {
            Some(date) if crate::scenario::is_date(date) => date.clone(),
            Some(date) => {
                return Err(Failure::invalid(format!(
                    "range-rings export: --date {date:?} is not YYYY-MM-DD (or YYYY-MM, YYYY)"
                )));
            }
            None => crate::format::today(),
        },
        title: args.title.clone(),
        extent: None,
        layers: RingLayers {
            bands: !args.no_bands,
            rotation: args.rotation,
        },
        labels: !args.no_labels,
        dpi: match args.dpi {
            Some(dpi) if dpi.is_finite() && (30.0..=2400.0).contains(&dpi) => Some(dpi),
            Some(dpi) => {
                return Err(Failure::invalid(format!(
                    "range-rings export: --dpi {dpi} is not a resolution between 30 and 2400"
                )));
            }
            None => args.preset.and_then(SizePreset::dpi),
        },
        inset: args.inset,
        text_as_paths: args.text_as_paths,
    };
    let plan = crate::export::write(&scenario, &args.output, projection, &options).map_err(
        |e| match e {
            ExportError::Invalid(m) => Failure::invalid(format!("range-rings export: {m}")),
            ExportError::Png(PngError::Size(..)) => {
                Failure::invalid(format!("range-rings export: {e}"))
            }
            other => Failure::failed(format!("range-rings export: {other}")),
        },
    )?;
    if args.world_file {
        let pgw = args.output.with_extension("pgw");
        let text = plan
            .ok_or_else(|| Failure::invalid("range-rings export: no image plan for the world file"))
            .and_then(|plan| {
                crate::export::world_file(&projection, &plan)
                    .map_err(|e| Failure::invalid(e.to_string()))
            })?;
        let prj = args.output.with_extension("prj");
        for (path, text) in [(&pgw, text.as_str()), (&prj, crate::export::WGS84_PRJ)] {
            crate::scenario::write_atomically(path, text.as_bytes()).map_err(|e| {
                Failure::failed(format!(
                    "range-rings export: cannot write {}: {e}",
                    path.display()
                ))
            })?;
        }
    }
    Ok(String::new())
}
