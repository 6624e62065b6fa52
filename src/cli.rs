//! The command line: argument parsing and the subcommands that need no window.
//!
//! Exit codes (the contract scripts rely on): 0 success, 2 bad usage or invalid input, 1
//! anything else. Errors go to stderr as a few plain lines.

use crate::export::geojson::ring_feature;
use crate::export::image::{ImageOptions, Layout};
use crate::export::png::PngError;
use crate::export::{ExportError, Format};
use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::projection::Projection;
use crate::reach::{ReachRow, reach_table};
use crate::scenario::ProjectionKind;
use crate::scenario::{Scenario, ScenarioFile};
use crate::scene::{RingLayers, Style};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Draws missile range rings (geodesic circles on the WGS84 ellipsoid) and reports which
/// targets each missile reaches. Without a command, opens the app on the built-in scenario.
#[derive(Debug, Parser)]
#[command(name = "range-rings", version, about, max_term_width = 100)]
pub struct Args {
    /// What to do; without one, the app opens on the built-in scenario.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app with a scenario file.
    Open {
        /// Scenario file (JSON, format range-rings/1).
        file: PathBuf,
    },
    /// Validate scenario files: exit 0 if all are valid, 2 with every error if not.
    Check {
        /// Scenario files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Which missile reaches which target from which site.
    Reach {
        /// Scenario file; the built-in scenario when left out.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReachFormat::Table)]
        format: ReachFormat,
    },
    /// One geodesic range ring, as GeoJSON or as its vertices.
    Ring {
        /// Centre latitude, degrees north.
        #[arg(long, allow_negative_numbers = true)]
        lat: f64,
        /// Centre longitude, degrees east.
        #[arg(long, allow_negative_numbers = true)]
        lon: f64,
        /// Radius, kilometres.
        #[arg(long = "radius-km", allow_negative_numbers = true)]
        radius_km: f64,
        /// Output format.
        #[arg(long, value_enum, default_value_t = RingFormat::Geojson)]
        format: RingFormat,
    },
    /// How much of each target area (e.g. CONUS) each ring covers, and its farthest point.
    Coverage {
        /// Scenario file; the built-in scenario when left out.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReachFormat::Table)]
        format: ReachFormat,
    },
    /// Export a briefing image (PNG, SVG) or the rings as GeoJSON or KML.
    Export(ExportArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
}

/// Arguments of `export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Scenario file; the built-in scenario when left out.
    pub file: Option<PathBuf>,
    /// Output file: .png, .svg, .geojson or .kml.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: PathBuf,
    /// Image width, pixels (default 1920, or the preset's).
    #[arg(long)]
    pub width: Option<u32>,
    /// Image height, pixels (default 1080, or the preset's; 9/16 of --width if only that is given).
    #[arg(long)]
    pub height: Option<u32>,
    /// Size preset: slide 1920x1080, slide-4k 3840x2160, a4 and letter landscape at 300 dpi.
    #[arg(long, value_enum)]
    pub preset: Option<SizePreset>,
    /// Map projection; the scenario's view when left out.
    #[arg(long, value_enum)]
    pub projection: Option<ProjectionArg>,
    /// Centre as LON,LAT: the central meridian of a world map, the centre of an azimuthal one.
    #[arg(long, value_name = "LON,LAT", allow_hyphen_values = true, value_parser = parse_center)]
    pub center: Option<(f64, f64)>,
    /// Briefing (title, legend, sources, caveats) or the map alone.
    #[arg(long, value_enum, default_value_t = LayoutArg::Briefing)]
    pub layout: LayoutArg,
    /// Also write the world file (OUT.pgw) that georeferences an equirectangular PNG.
    #[arg(long)]
    pub world_file: bool,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Title; the scenario's when left out.
    #[arg(long)]
    pub title: Option<String>,
    /// Date printed in the footer (default: today, or SOURCE_DATE_EPOCH).
    #[arg(long)]
    pub date: Option<String>,
    /// Leave out the shaded bands between the lowest and highest published estimates.
    #[arg(long)]
    pub no_bands: bool,
    /// Also draw each missile's reach on the rotating Earth (dashed outline).
    #[arg(long)]
    pub rotation: bool,
}

/// Image size presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SizePreset {
    /// 1920 x 1080.
    Slide,
    /// 3840 x 2160.
    #[value(name = "slide-4k")]
    Slide4k,
    /// A4 landscape at 300 dpi, 3508 x 2480.
    A4,
    /// US Letter landscape at 300 dpi, 3300 x 2550.
    Letter,
}

impl SizePreset {
    fn size(self) -> (u32, u32) {
        match self {
            Self::Slide => (1920, 1080),
            Self::Slide4k => (3840, 2160),
            Self::A4 => (3508, 2480),
            Self::Letter => (3300, 2550),
        }
    }
}

/// Projections on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProjectionArg {
    /// Plate carree with a selectable central meridian.
    Equirectangular,
    /// Centred on a site: distances and azimuths from it are true.
    AzimuthalEquidistant,
    /// A globe.
    Orthographic,
    /// Equal-area world map.
    EqualEarth,
}

/// Layouts on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Title, legend, sources, caveats.
    Briefing,
    /// The map alone.
    Map,
}

/// Themes on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Light, print-friendly.
    Light,
    /// Dark.
    Dark,
}

fn parse_center(text: &str) -> Result<(f64, f64), String> {
    let (lon, lat) = text.split_once(',').ok_or("expected LON,LAT, e.g. 150,0")?;
    let lon: f64 = lon
        .trim()
        .parse()
        .map_err(|_| format!("longitude {lon:?} is not a number"))?;
    let lat: f64 = lat
        .trim()
        .parse()
        .map_err(|_| format!("latitude {lat:?} is not a number"))?;
    LatLon::checked(lat, lon).map_err(|e| e.to_string())?;
    Ok((lon, lat))
}

/// Formats of `reach`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReachFormat {
    /// Aligned columns for reading.
    Table,
    /// `site,missile,target,distance_km,azimuth_deg,range_km,in_range,margin_km`.
    Csv,
    /// An array of objects with ids, names and figures.
    Json,
}

/// Formats of `ring`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RingFormat {
    /// One RFC 7946 Feature.
    Geojson,
    /// The vertices, `lat,lon` per line.
    Csv,
}

/// What `main` should do after the command line has been handled.
#[derive(Debug)]
pub enum Outcome {
    /// Open the window on this scenario; the path is where it came from, if a file.
    OpenApp(Box<Scenario>, Option<PathBuf>),
    /// Exit with this code; output has been written.
    Exit(u8),
}

/// A failed command: what to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    /// 2 for bad usage or invalid input, 1 otherwise.
    pub code: u8,
    /// The message for stderr, one or a few lines.
    pub message: String,
    /// Output that still belongs on stdout (e.g. the files `check` found valid).
    pub output: String,
}

impl Failure {
    fn invalid(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
            output: String::new(),
        }
    }
}

/// Parses `args` (including the program name) and runs the command, writing its output to
/// `out`. Usage errors and `--help` are printed by clap.
pub fn run(args: impl IntoIterator<Item = OsString>, out: &mut dyn std::io::Write) -> Outcome {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return Outcome::Exit(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match args.command {
        None => return Outcome::OpenApp(Box::new(Scenario::builtin()), None),
        Some(Command::Open { file }) => match Scenario::load(&file) {
            Ok(scenario) => return Outcome::OpenApp(Box::new(scenario), Some(file)),
            Err(e) => Err(Failure::invalid(e.to_string())),
        },
        Some(Command::Check { files }) => check(&files),
        Some(Command::Reach { file, format }) => reach(file.as_deref(), format),
        Some(Command::Ring {
            lat,
            lon,
            radius_km,
            format,
        }) => ring(lat, lon, radius_km, format),
        Some(Command::Coverage { file, format }) => coverage(file.as_deref(), format),
        Some(Command::Export(args)) => export(&args),
        Some(Command::Schema) => Ok(schema()),
    };
    match result {
        Ok(text) => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Outcome::Exit(0),
            // A reader that stopped early (`| head`) is not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Exit(0),
            Err(e) => {
                eprintln!("range-rings: cannot write output: {e}");
                Outcome::Exit(1)
            }
        },
        Err(failure) => {
            let _ = out
                .write_all(failure.output.as_bytes())
                .and_then(|()| out.flush());
            eprintln!("{}", failure.message);
            Outcome::Exit(failure.code)
        }
    }
}

fn load_or_builtin(file: Option<&Path>) -> Result<Scenario, Failure> {
    match file {
        Some(path) => Scenario::load(path).map_err(|e| Failure::invalid(e.to_string())),
        None => Ok(Scenario::builtin()),
    }
}

fn check(files: &[PathBuf]) -> Result<String, Failure> {
    let mut report = String::new();
    let mut errors = Vec::new();
    for file in files {
        match Scenario::load(file) {
            Ok(s) => {
                let _ = writeln!(
                    report,
                    "{}: ok ({} sites, {} missiles, {} targets, {} rings)",
                    file.display(),
                    s.sites.len(),
                    s.missiles.len(),
                    s.targets.len(),
                    s.ring_specs().len()
                );
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    if errors.is_empty() {
        Ok(report)
    } else {
        // Valid files are still reported, on stdout, so nothing is hidden.
        Err(Failure {
            output: report,
            ..Failure::invalid(errors.join("\n"))
        })
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn reach(file: Option<&Path>, format: ReachFormat) -> Result<String, Failure> {
    let scenario = load_or_builtin(file)?;
    let rows = reach_table(&scenario);
    Ok(match format {
        ReachFormat::Csv => reach_csv(&scenario, &rows),
        ReachFormat::Json => reach_json(&scenario, &rows),
        ReachFormat::Table => reach_text_table(&scenario, &rows),
    })
}

/// The CSV of the command-line contract; distances and margins with three decimals.
pub fn reach_csv(scenario: &ScenarioFile, rows: &[ReachRow]) -> String {
    let mut out = String::from(
        "site,missile,target,distance_km,azimuth_deg,range_km,in_range,margin_km,\
         flight_time_min,rotating_range_km,in_range_rotating\n",
    );
    for r in rows {
        let rotating = r
            .rotating_range_km
            .map_or_else(|| "global".to_owned(), |km| format!("{km:.3}"));
        let _ = writeln!(
            out,
            "{},{},{},{:.3},{:.3},{},{},{:.3},{:.1},{},{}",
            csv_field(&scenario.sites[r.site].id),
            csv_field(&scenario.missiles[r.missile].id),
            csv_field(&scenario.targets[r.target].id),
            r.distance_km,
            azimuth_3dp(r.azimuth_deg),
            r.range_km,
            r.in_range(),
            r.margin_km(),
            r.flight_time_min,
            rotating,
            r.in_range_rotating()
        );
    }
    out
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// An azimuth rounded to three decimals and kept in [0, 360): 359.9996 is 0, not 360.
fn azimuth_3dp(azimuth: f64) -> f64 {
    let rounded = round3(azimuth);
    if rounded >= 360.0 { 0.0 } else { rounded }
}

fn reach_json(scenario: &ScenarioFile, rows: &[ReachRow]) -> String {
    let items: Vec<_> = rows
        .iter()
        .map(|r| {
            let (site, missile, target) = (
                &scenario.sites[r.site],
                &scenario.missiles[r.missile],
                &scenario.targets[r.target],
            );
            json!({
                "site": site.id, "site_name": site.name,
                "missile": missile.id, "missile_name": missile.name,
                "target": target.id, "target_name": target.name,
                "distance_km": round3(r.distance_km),
                "azimuth_deg": azimuth_3dp(r.azimuth_deg),
                "range_km": r.range_km,
                "in_range": r.in_range(),
                "margin_km": round3(r.margin_km()),
                "verdict": r.verdict().text(),
                "flight_time_min": (r.flight_time_min * 10.0).round() / 10.0,
                "rotating_range_km": r.rotating_range_km.map(round3),
                "rotating_global": r.rotating_range_km.is_none(),
                "in_range_rotating": r.in_range_rotating(),
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
    text.push('\n');
    text
}

fn reach_text_table(scenario: &ScenarioFile, rows: &[ReachRow]) -> String {
    let header = [
        "Site",
        "Missile",
        "Target",
        "Distance km",
        "Azimuth",
        "Range km",
        "Margin km",
        "Flight min",
        "Rotating km",
        "Reach",
    ];
    let mut cells: Vec<[String; 10]> = vec![header.map(String::from)];
    for r in rows {
        cells.push([
            scenario.sites[r.site].name.clone(),
            scenario.missiles[r.missile].name.clone(),
            scenario.targets[r.target].name.clone(),
            format!("{:.1}", r.distance_km),
            format!("{:.1}", r.azimuth_deg),
            format!("{:.0}", r.range_km),
            format!("{:+.1}", r.margin_km()),
            format!("{:.1}", r.flight_time_min),
            r.rotating_range_km
                .map_or_else(|| "global".to_owned(), |km| format!("{km:.0}")),
            r.verdict().text().to_owned(),
        ]);
    }
    let widths: Vec<usize> = (0..10)
        .map(|c| {
            cells
                .iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c] - cell.chars().count();
            // Text left-aligned, numbers right-aligned.
            if (3..9).contains(&c) {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn ring(lat: f64, lon: f64, radius_km: f64, format: RingFormat) -> Result<String, Failure> {
    let centre = LatLon::checked(lat, lon)
        .map_err(|e| Failure::invalid(format!("range-rings ring: {e}")))?;
    if !(radius_km.is_finite() && radius_km > 0.0) {
        return Err(Failure::invalid(format!(
            "range-rings ring: --radius-km must be a number greater than 0 (got {radius_km})"
        )));
    }
    let ring = RangeRing::new(centre, radius_km * M_PER_KM)
        .map_err(|e| Failure::invalid(format!("range-rings ring: {e}")))?;
    Ok(match format {
        RingFormat::Geojson => {
            let mut text =
                serde_json::to_string(&ring_feature(&ring, Default::default())).unwrap_or_default();
            text.push('\n');
            text
        }
        RingFormat::Csv => {
            let mut out = String::from("lat,lon\n");
            for v in &ring.vertices {
                let _ = writeln!(out, "{:.9},{:.9}", v.lat, v.lon);
            }
            out
        }
    })
}

fn coverage(file: Option<&Path>, format: ReachFormat) -> Result<String, Failure> {
    let scenario = load_or_builtin(file)?;
    if scenario.target_areas.is_empty() {
        return Err(Failure::invalid(
            "range-rings coverage: the scenario has no target_areas",
        ));
    }
    let rows = crate::reach::coverage_table(&scenario);
    let id = |r: &crate::reach::CoverageRow| {
        (
            &scenario.sites[r.site],
            &scenario.missiles[r.missile],
            &scenario.target_areas[r.area],
        )
    };
    Ok(match format {
        ReachFormat::Csv => {
            let mut out = String::from("site,missile,area,covered_pct,farthest_km\n");
            for r in &rows {
                let (s, m, a) = id(r);
                let _ = writeln!(
                    out,
                    "{},{},{},{:.3},{:.3}",
                    csv_field(&s.id),
                    csv_field(&m.id),
                    csv_field(&a.id),
                    r.covered_pct,
                    r.farthest_km
                );
            }
            out
        }
        ReachFormat::Json => {
            let items: Vec<_> = rows
                .iter()
                .map(|r| {
                    let (s, m, a) = id(r);
                    json!({
                        "site": s.id, "missile": m.id, "area": a.id,
                        "covered_pct": round3(r.covered_pct),
                        "farthest_km": round3(r.farthest_km),
                        "farthest_lat": r.farthest.lat, "farthest_lon": r.farthest.lon,
                    })
                })
                .collect();
            let mut text = serde_json::to_string_pretty(&items).unwrap_or_default();
            text.push('\n');
            text
        }
        ReachFormat::Table => {
            let mut out = format!(
                "{:<26} {:<30} {:<28} {:>9} {:>12}\n",
                "Site", "Missile", "Area", "Covered", "Farthest km"
            );
            for r in &rows {
                let (s, m, a) = id(r);
                let _ = writeln!(
                    out,
                    "{:<26} {:<30} {:<28} {:>8.1}% {:>12.1}",
                    s.name, m.name, a.name, r.covered_pct, r.farthest_km
                );
            }
            out
        }
    })
}

/// The projection an export uses: the command line's choice, else the scenario's view; an
/// azimuthal map without a centre is centred on the first site a visible ring is drawn from.
pub fn resolve_projection(
    scenario: &Scenario,
    kind: Option<ProjectionKind>,
    center: Option<(f64, f64)>,
) -> Projection {
    let view = scenario.view.clone().unwrap_or(crate::scenario::View {
        projection: None,
        center_lon: None,
        center_lat: None,
    });
    let kind = kind.or(view.projection).unwrap_or_default();
    let first_site = scenario
        .ring_specs()
        .into_iter()
        .find(|s| scenario.missiles[s.missile].is_visible())
        .map(|s| &scenario.sites[s.site])
        .or(scenario.sites.first())
        .map(|s| (s.lon, s.lat));
    let lon = center.map(|c| c.0).or(view.center_lon).unwrap_or(0.0);
    // An azimuthal view needs a full centre: the command line's, the view's, or the first site.
    let view_centre = view.center_lon.zip(view.center_lat);
    let (clon, clat) = center.or(view_centre).or(first_site).unwrap_or((0.0, 0.0));
    let centre = LatLon::lat_lon(clat, clon);
    match kind {
        ProjectionKind::Equirectangular => Projection::Equirectangular { central_lon: lon },
        ProjectionKind::EqualEarth => Projection::EqualEarth { central_lon: lon },
        ProjectionKind::AzimuthalEquidistant => Projection::AzimuthalEquidistant { centre },
        ProjectionKind::Orthographic => Projection::Orthographic { centre },
    }
}

fn export(args: &ExportArgs) -> Result<String, Failure> {
    let scenario = load_or_builtin(args.file.as_deref())?;
    let (width, height) = match (args.width, args.height, args.preset) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, None) => (w, (u64::from(w) * 9 / 16).max(1) as u32),
        (None, Some(h), None) => (((u64::from(h) * 16 / 9).min(u64::from(u32::MAX))) as u32, h),
        (w, h, preset) => {
            let (pw, ph) = preset.unwrap_or(SizePreset::Slide).size();
            (w.unwrap_or(pw), h.unwrap_or(ph))
        }
    };
    let kind = args.projection.map(|p| match p {
        ProjectionArg::Equirectangular => ProjectionKind::Equirectangular,
        ProjectionArg::AzimuthalEquidistant => ProjectionKind::AzimuthalEquidistant,
        ProjectionArg::Orthographic => ProjectionKind::Orthographic,
        ProjectionArg::EqualEarth => ProjectionKind::EqualEarth,
    });
    let projection = resolve_projection(&scenario, kind, args.center);
    let format = Format::from_path(&args.output).ok_or_else(|| {
        Failure::invalid(format!(
            "range-rings export: {}: unknown extension; use .png, .svg, .geojson or .kml",
            args.output.display()
        ))
    })?;
    if args.world_file && format != Format::Png {
        return Err(Failure::invalid(
            "range-rings export: --world-file goes with a .png output",
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
        layout: match args.layout {
            LayoutArg::Briefing => Layout::Briefing,
            LayoutArg::Map => Layout::Map,
        },
        style: match args.theme {
            ThemeArg::Light => Style::LIGHT,
            ThemeArg::Dark => Style::DARK,
        },
        date: match &args.date {
            Some(date) if crate::scenario::is_date(date) => date.clone(),
            Some(date) => {
                return Err(Failure::invalid(format!(
                    "range-rings export: --date {date:?} is not YYYY-MM-DD (or YYYY-MM, YYYY)"
                )));
            }
            None => crate::export::today(),
        },
        title: args.title.clone(),
        extent: None,
        layers: RingLayers {
            bands: !args.no_bands,
            rotation: args.rotation,
        },
    };
    let plan = crate::export::write(&scenario, &args.output, projection, &options).map_err(
        |e| match e {
            ExportError::Invalid(m) => Failure::invalid(format!("range-rings export: {m}")),
            ExportError::Png(PngError::Size(..)) => {
                Failure::invalid(format!("range-rings export: {e}"))
            }
            other => Failure {
                code: 1,
                message: format!("range-rings export: {other}"),
                output: String::new(),
            },
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
        crate::scenario::write_atomically(&pgw, text.as_bytes()).map_err(|e| Failure {
            code: 1,
            message: format!("range-rings export: cannot write {}: {e}", pgw.display()),
            output: String::new(),
        })?;
    }
    Ok(String::new())
}

/// The JSON Schema of the scenario format (draft 2020-12), for editors.
pub fn schema() -> String {
    let schema = schemars::schema_for!(ScenarioFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
