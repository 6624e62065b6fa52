//! The command line: argument parsing (clap, driven by the domain's own enums) and the
//! subcommands that need no window.
//!
//! Exit codes (the contract scripts rely on) are the variants of [`Exit`]: 0 success, 2 bad
//! usage or invalid input, 1 anything else. Errors go to stderr as a few plain lines.

mod estimate;
mod export;
mod tables;

pub use tables::{reach_csv, reach_json, reach_text_table};

use crate::export::SizePreset;
use crate::export::briefing::{InsetMode, Layout};
use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::projection::ProjectionKind;
use crate::scenario::Scenario;
use crate::scene::Theme;
use clap::{Parser, Subcommand, ValueEnum};
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
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
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
    /// The reach matrix: each visible missile against the key places (from its nearest launch
    /// point) and the target areas (the largest share covered).
    Summary {
        /// Scenario file; the built-in scenario when left out.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// How much of each target area (e.g. CONUS) each ring covers, and its farthest point.
    Coverage {
        /// Scenario file; the built-in scenario when left out.
        file: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TableFormat::Table)]
        format: TableFormat,
    },
    /// From a lofted test to a range: fit a rocket to the test's apogee and ground range (and
    /// flight time), then fly it on the range-maximising trajectory (non-rotating Earth).
    Estimate(EstimateArgs),
    /// Export a briefing image (PNG, SVG) or the rings as GeoJSON or KML.
    Export(ExportArgs),
    /// Print the JSON Schema of the scenario format.
    Schema,
}

/// Arguments of `estimate`.
#[derive(Debug, clap::Args)]
pub struct EstimateArgs {
    /// The test's apogee, km.
    #[arg(long = "apogee-km", allow_negative_numbers = true)]
    pub apogee_km: f64,
    /// The test's ground range, km.
    #[arg(long = "range-km", allow_negative_numbers = true)]
    pub range_km: f64,
    /// The test's flight time, minutes; when given, the burn times are fitted too.
    #[arg(long = "flight-time-min", allow_negative_numbers = true)]
    pub flight_time_min: Option<f64>,
    /// The boost profile of the missile's class.
    #[arg(long, default_value = "icbm-liquid", value_parser = crate::ballistics::profiles::PROFILE_NAMES)]
    pub profile: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EstimateFormat::Table)]
    pub format: EstimateFormat,
}

/// Formats of `estimate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EstimateFormat {
    /// Lines for reading.
    Table,
    /// One object with the figures and the fitted parameters.
    Json,
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
    /// Size preset: slide 1920x1080, slide-4k 3840x2160, square 2160x2160; a4, a4-portrait,
    /// letter, letter-portrait at 300 dpi.
    #[arg(long, value_enum)]
    pub preset: Option<SizePreset>,
    /// Print resolution, dots per inch: text is then set in points, never below 7 pt (the
    /// paper presets' 300 dpi by default).
    #[arg(long)]
    pub dpi: Option<f64>,
    /// Map projection; the scenario's view when left out.
    #[arg(long, value_enum)]
    pub projection: Option<ProjectionKind>,
    /// Centre as LON,LAT: the central meridian of a world map, the centre of an azimuthal one.
    #[arg(long, value_name = "LON,LAT", allow_hyphen_values = true, value_parser = parse_center)]
    pub center: Option<LatLon>,
    /// Briefing (title, legend, sources, caveats) or the map alone.
    #[arg(long, value_enum, default_value_t = Layout::Briefing)]
    pub layout: Layout,
    /// Also write the world file (OUT.pgw) that georeferences an equirectangular PNG.
    #[arg(long)]
    pub world_file: bool,
    /// Colour theme.
    #[arg(long, value_enum, default_value_t = Theme::Light)]
    pub theme: Theme,
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
    /// Leave out the labels of places and rings.
    #[arg(long)]
    pub no_labels: bool,
    /// Add an inset of short ranges (under 1,500 km) to a world-scale briefing.
    #[arg(long, value_enum, default_value_t = InsetMode::Auto)]
    pub inset: InsetMode,
    /// SVG: write text as glyph outlines, so the file looks the same in every renderer and
    /// editor without the font (text is then not selectable).
    #[arg(long)]
    pub text_as_paths: bool,
}

fn parse_center(text: &str) -> Result<LatLon, String> {
    let (lon, lat) = text.split_once(',').ok_or("expected LON,LAT, e.g. 150,0")?;
    let lon: f64 = lon
        .trim()
        .parse()
        .map_err(|_| format!("longitude {lon:?} is not a number"))?;
    let lat: f64 = lat
        .trim()
        .parse()
        .map_err(|_| format!("latitude {lat:?} is not a number"))?;
    LatLon::checked(lat, lon).map_err(|e| e.to_string())
}

/// Formats of `reach` and `coverage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// Aligned columns for reading.
    Table,
    /// Comma-separated values with a header (the `reach` columns are the contract).
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

/// How the process ends: the exit codes of the command-line contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Success = 0,
    /// 1: anything else went wrong (a file could not be written, a bug).
    Failure = 1,
    /// 2: bad usage or invalid input.
    Invalid = 2,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}

/// What `main` should do after the command line has been handled.
#[derive(Debug)]
pub enum Outcome {
    /// Open the window on this scenario; the path is where it came from, if a file.
    OpenApp(Box<Scenario>, Option<PathBuf>),
    /// `open` was given a file that cannot be used: say why on stderr, then open the window
    /// on the built-in scenario with every problem listed (exit 2 when it closes).
    OpenRefused {
        /// The file asked for.
        path: PathBuf,
        /// Every problem, one per line, as `check` prints them.
        problems: String,
    },
    /// Exit; output has been written.
    Exit(Exit),
}

/// A failed command: what to print and how to exit.
#[derive(Debug)]
pub struct Failure {
    /// [`Exit::Invalid`] for bad usage or invalid input, [`Exit::Failure`] otherwise.
    pub exit: Exit,
    /// The message for stderr, one or a few lines.
    pub message: String,
    /// Output that still belongs on stdout (e.g. the files `check` found valid).
    pub output: String,
}

impl Failure {
    /// Bad usage or invalid input (exit 2).
    pub fn invalid(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Invalid,
            message: message.into(),
            output: String::new(),
        }
    }

    /// Anything else (exit 1).
    pub fn failed(message: impl Into<String>) -> Self {
        Self {
            exit: Exit::Failure,
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
            return Outcome::Exit(if e.use_stderr() {
                Exit::Invalid
            } else {
                Exit::Success
            });
        }
    };
    let result = match args.command {
        None => return Outcome::OpenApp(Box::new(Scenario::builtin()), None),
        Some(Command::Open { file }) => match Scenario::load(&file) {
            Ok(scenario) => return Outcome::OpenApp(Box::new(scenario), Some(file)),
            Err(e) => {
                return Outcome::OpenRefused {
                    path: file,
                    problems: e.to_string(),
                };
            }
        },
        Some(Command::Check { files }) => check(&files),
        Some(Command::Reach { file, format }) => {
            load_or_builtin(file.as_deref()).and_then(|s| tables::reach(&s, format))
        }
        Some(Command::Ring {
            lat,
            lon,
            radius_km,
            format,
        }) => ring(lat, lon, radius_km, format),
        Some(Command::Summary { file, format }) => {
            load_or_builtin(file.as_deref()).and_then(|s| tables::summary(&s, format))
        }
        Some(Command::Coverage { file, format }) => {
            load_or_builtin(file.as_deref()).and_then(|s| tables::coverage(&s, format))
        }
        Some(Command::Estimate(args)) => estimate::estimate(&args),
        Some(Command::Export(args)) => export::export(&args),
        Some(Command::Schema) => schema(),
    };
    match result {
        Ok(text) => match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            Ok(()) => Outcome::Exit(Exit::Success),
            // A reader that stopped early (`| head`) is not an error of ours.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Outcome::Exit(Exit::Success),
            Err(e) => {
                eprintln!("range-rings: cannot write output: {e}");
                Outcome::Exit(Exit::Failure)
            }
        },
        Err(failure) => {
            let _ = out
                .write_all(failure.output.as_bytes())
                .and_then(|()| out.flush());
            eprintln!("{}", failure.message);
            Outcome::Exit(failure.exit)
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
                    s.sites().len(),
                    s.missiles().len(),
                    s.targets().len(),
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

/// Pretty JSON with a final newline; a serialisation failure (a bug) is an error, not an
/// empty output.
fn json_text(value: &impl serde::Serialize) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| Failure::failed(format!("range-rings: cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
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
            let feature = crate::export::geojson::ring_feature(&ring, Default::default());
            let mut text = serde_json::to_string(&feature)
                .map_err(|e| Failure::failed(format!("range-rings ring: {e}")))?;
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

/// The JSON Schema of the scenario format (draft 2020-12), for editors.
pub fn schema() -> Result<String, Failure> {
    json_text(&crate::scenario::json_schema())
}
