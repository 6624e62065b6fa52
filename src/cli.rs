//! The command line: argument parsing and the subcommands that need no window.
//!
//! Exit codes (the contract scripts rely on): 0 success, 2 bad usage or invalid input, 1
//! anything else. Errors go to stderr as a few plain lines.

use crate::export::geojson::ring_feature;
use crate::geodesy::{LatLon, M_PER_KM, RangeRing};
use crate::reach::{ReachRow, reach_table};
use crate::scenario::{Scenario, ScenarioFile};
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
    /// Print the JSON Schema of the scenario format.
    Schema,
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
    let mut out =
        String::from("site,missile,target,distance_km,azimuth_deg,range_km,in_range,margin_km\n");
    for r in rows {
        let _ = writeln!(
            out,
            "{},{},{},{:.3},{:.3},{},{},{:.3}",
            csv_field(&scenario.sites[r.site].id),
            csv_field(&scenario.missiles[r.missile].id),
            csv_field(&scenario.targets[r.target].id),
            r.distance_km,
            r.azimuth_deg,
            r.range_km,
            r.in_range(),
            r.margin_km()
        );
    }
    out
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
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
                "azimuth_deg": round3(r.azimuth_deg),
                "range_km": r.range_km,
                "in_range": r.in_range(),
                "margin_km": round3(r.margin_km()),
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
        "Reach",
    ];
    let mut cells: Vec<[String; 8]> = vec![header.map(String::from)];
    for r in rows {
        cells.push([
            scenario.sites[r.site].name.clone(),
            scenario.missiles[r.missile].name.clone(),
            scenario.targets[r.target].name.clone(),
            format!("{:.1}", r.distance_km),
            format!("{:.1}", r.azimuth_deg),
            format!("{:.0}", r.range_km),
            format!("{:+.1}", r.margin_km()),
            if r.in_range() {
                "in range"
            } else {
                "out of range"
            }
            .to_owned(),
        ]);
    }
    let widths: Vec<usize> = (0..8)
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
            if (3..7).contains(&c) {
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

/// The JSON Schema of the scenario format (draft 2020-12), for editors.
pub fn schema() -> String {
    let schema = schemars::schema_for!(ScenarioFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
