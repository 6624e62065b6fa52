//! The tables the command line prints: the reach table (the CSV columns are the contract) and
//! target-area coverage, each as an aligned table, CSV or JSON.

use super::{Failure, TableFormat, json_text};
use crate::analysis::{CoverageRow, ReachRow, coverage_table, reach_table};
use crate::format::{azimuth_3dp, round_to};
use crate::scenario::Scenario;
use serde_json::json;
use std::fmt::Write as _;

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The reach table of `scenario` in `format`.
pub(super) fn reach(scenario: &Scenario, format: TableFormat) -> Result<String, Failure> {
    let rows = reach_table(scenario);
    Ok(match format {
        TableFormat::Csv => reach_csv(scenario, &rows),
        TableFormat::Json => reach_json(scenario, &rows)?,
        TableFormat::Table => reach_text_table(scenario, &rows),
    })
}

/// The CSV of the command-line contract; distances and margins with three decimals.
pub fn reach_csv(scenario: &Scenario, rows: &[ReachRow]) -> String {
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
            csv_field(&scenario.sites()[r.site].id),
            csv_field(&scenario.missiles()[r.missile].id),
            csv_field(&scenario.targets()[r.target].id),
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

/// The reach table as a JSON array of objects with ids, names, figures and verdicts.
///
/// # Errors
/// Only if serde_json refuses the data (a bug).
pub fn reach_json(scenario: &Scenario, rows: &[ReachRow]) -> Result<String, Failure> {
    let items: Vec<_> = rows
        .iter()
        .map(|r| {
            let (site, missile, target) = (
                &scenario.sites()[r.site],
                &scenario.missiles()[r.missile],
                &scenario.targets()[r.target],
            );
            json!({
                "site": site.id, "site_name": site.name,
                "missile": missile.id, "missile_name": missile.name,
                "target": target.id, "target_name": target.name,
                "distance_km": round_to(r.distance_km, 3),
                "azimuth_deg": azimuth_3dp(r.azimuth_deg),
                "range_km": r.range_km,
                "in_range": r.in_range(),
                "margin_km": round_to(r.margin_km(), 3),
                "verdict": r.verdict().text(),
                "flight_time_min": round_to(r.flight_time_min, 1),
                "rotating_range_km": r.rotating_range_km.map(|km| round_to(km, 3)),
                "rotating_global": r.rotating_range_km.is_none(),
                "in_range_rotating": r.in_range_rotating(),
            })
        })
        .collect();
    json_text(&items)
}

/// The reach table as aligned columns for reading: text left, numbers right.
pub fn reach_text_table(scenario: &Scenario, rows: &[ReachRow]) -> String {
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
            scenario.sites()[r.site].name.clone(),
            scenario.missiles()[r.missile].name.clone(),
            scenario.targets()[r.target].name.clone(),
            format!("{:.1}", r.distance_km),
            format!("{:.1}", r.azimuth_deg + 0.0),
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

/// Coverage of the target areas of `scenario` in `format`.
pub(super) fn coverage(scenario: &Scenario, format: TableFormat) -> Result<String, Failure> {
    if scenario.target_areas().is_empty() {
        return Err(Failure::invalid(
            "range-rings coverage: the scenario has no target_areas",
        ));
    }
    let rows = coverage_table(scenario);
    let id = |r: &CoverageRow| {
        (
            &scenario.sites()[r.site],
            &scenario.missiles()[r.missile],
            &scenario.target_areas()[r.area],
        )
    };
    Ok(match format {
        TableFormat::Csv => {
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
        TableFormat::Json => {
            let items: Vec<_> = rows
                .iter()
                .map(|r| {
                    let (s, m, a) = id(r);
                    json!({
                        "site": s.id, "missile": m.id, "area": a.id,
                        "covered_pct": round_to(r.covered_pct, 3),
                        "farthest_km": round_to(r.farthest_km, 3),
                        "farthest_lat": r.farthest.lat, "farthest_lon": r.farthest.lon,
                    })
                })
                .collect();
            json_text(&items)?
        }
        TableFormat::Table => {
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
