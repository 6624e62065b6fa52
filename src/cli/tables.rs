//! The tables the command line prints: the reach table (the CSV columns are the contract), the
//! reach matrix and target-area coverage, each as an aligned table, CSV or JSON.

use super::{Failure, TableFormat, json_text};
use crate::analysis::{
    CoverageRow, ReachMatrix, ReachRow, coverage_table, reach_table, visible_coverage,
};
use crate::ballistics::RotatingReach;
use crate::format::{DistanceUnit, azimuth_3dp, azimuth_full};
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
        let rotating = match r.rotating {
            RotatingReach::Km(km) => format!("{km:.3}"),
            RotatingReach::BeyondModel => "beyond-model".to_owned(),
            RotatingReach::NoEffect | RotatingReach::NotModelled => String::new(),
        };
        let flight_time = r
            .flight_time_min
            .map_or_else(String::new, |t| format!("{t:.1}"));
        let _ = writeln!(
            out,
            "{},{},{},{:.3},{:.3},{},{},{:.3},{},{},{}",
            csv_field(&scenario.sites()[r.site].id),
            csv_field(&scenario.missiles()[r.missile].id),
            csv_field(&scenario.targets()[r.target].id),
            r.distance_km,
            azimuth_3dp(r.azimuth_deg),
            r.range_km,
            r.in_range(),
            r.margin_km(),
            flight_time,
            rotating,
            r.in_range_rotating()
        );
    }
    out
}

/// The reach table as a JSON array of objects with ids, names, figures (at full precision:
/// JSON is for programs, which round for themselves) and verdicts.
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
                "distance_km": r.distance_km,
                "azimuth_deg": azimuth_full(r.azimuth_deg),
                "range_km": r.range_km,
                "in_range": r.in_range(),
                "margin_km": r.margin_km(),
                "verdict": r.verdict().text(),
                "minimum_range_km": r.minimum_range_km,
                "flight": missile.flight.class().text(),
                "flight_time_min": r.flight_time_min,
                "rotating_range_km": r.rotating_range_km(),
                "rotating_note": r.rotating.words(),
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
            scenario.sites()[r.site].display_name().into_owned(),
            scenario.missiles()[r.missile].name.clone(),
            scenario.targets()[r.target].name.clone(),
            format!("{:.1}", r.distance_km),
            format!("{:.1}", r.azimuth_deg + 0.0),
            format!("{:.0}", r.range_km),
            format!("{:+.1}", r.margin_km()),
            r.flight_time_min.map_or_else(
                || {
                    r.no_flight_time(&scenario.missiles()[r.missile])
                        .unwrap_or_default()
                        .to_owned()
                },
                |t| format!("{t:.1}"),
            ),
            r.rotating_range_km().map_or_else(
                || r.rotating.words().unwrap_or_default().to_owned(),
                |km| format!("{km:.0}"),
            ),
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
            let mut out =
                String::from("site,missile,area,covered_pct,farthest_km,rotating_covered_pct\n");
            for r in &rows {
                let (s, m, a) = id(r);
                let rotating = r
                    .rotating_covered_pct
                    .map_or_else(|| "beyond-model".to_owned(), |p| format!("{p:.3}"));
                let _ = writeln!(
                    out,
                    "{},{},{},{:.3},{:.3},{rotating}",
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
                        "covered_pct": r.covered_pct,
                        "farthest_km": r.farthest_km,
                        "farthest_lat": r.farthest.lat, "farthest_lon": r.farthest.lon,
                        "rotating_covered_pct": r.rotating_covered_pct,
                    })
                })
                .collect();
            json_text(&items)?
        }
        TableFormat::Table => {
            let mut out = format!(
                "{:<26} {:<30} {:<28} {:>9} {:>12} {:>16}\n",
                "Site", "Missile", "Area", "Covered", "Farthest km", "Rotating Earth"
            );
            for r in &rows {
                let (s, m, a) = id(r);
                let rotating = r
                    .rotating_covered_pct
                    .map_or_else(|| "beyond the model".to_owned(), |p| format!("{p:.1}%"));
                let _ = writeln!(
                    out,
                    "{:<26} {:<30} {:<28} {:>8.1}% {:>12.1} {rotating:>16}",
                    s.display_name(),
                    m.name,
                    a.name,
                    r.covered_pct,
                    r.farthest_km
                );
            }
            out
        }
    })
}

/// Left-aligned first column, right-aligned others, two spaces apart.
fn aligned(cells: &[Vec<String>]) -> String {
    let columns = cells.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            cells
                .iter()
                .map(|row| row[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in cells {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if c == 0 {
                line.push_str(cell);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(cell);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The reach matrix of `scenario` in `format`.
pub(super) fn summary(scenario: &Scenario, format: TableFormat) -> Result<String, Failure> {
    let rows = reach_table(scenario);
    let coverage = visible_coverage(scenario, usize::MAX, false);
    let matrix = ReachMatrix::new(scenario, &rows, &coverage);
    let missile = |r: usize| &scenario.missiles()[matrix.missiles[r]];
    let place = |c: usize| &scenario.targets()[matrix.places[c]];
    let area = |c: usize| &scenario.target_areas()[matrix.areas[c]];
    let site = |i: usize| &scenario.sites()[i];
    Ok(match format {
        TableFormat::Table => {
            let mut cells = vec![
                std::iter::once("Missile".to_owned())
                    .chain((0..matrix.places.len()).map(|c| place(c).name.clone()))
                    .chain((0..matrix.areas.len()).map(|c| area(c).name.clone()))
                    .collect::<Vec<_>>(),
            ];
            for r in 0..matrix.missiles.len() {
                let mut line = vec![missile(r).name.clone()];
                for c in 0..matrix.places.len() {
                    let cell = matrix.place(r, c);
                    line.push(match cell.verdict() {
                        Some(v) => {
                            format!("{} {}", v.word(), cell.margin_text(DistanceUnit::Km))
                        }
                        None => cell.margin_text(DistanceUnit::Km),
                    });
                }
                for c in 0..matrix.areas.len() {
                    line.push(matrix.area(r, c).percent_text());
                }
                cells.push(line);
            }
            let mut text = aligned(&cells);
            text.push_str(
                "\nin: within the nominal range; band: beyond it but within the highest \
                 estimate; out: beyond every estimate; min: nearer than the missile's minimum range. Margins (range minus distance) from each \
                 missile's nearest launch point; areas: the largest share covered from one site.\n",
            );
            text
        }
        TableFormat::Csv => {
            let mut out = String::from(
                "missile,column,kind,site,distance_km,range_km,margin_km,verdict,covered_pct\n",
            );
            for r in 0..matrix.missiles.len() {
                for c in 0..matrix.places.len() {
                    let _ = match matrix.place(r, c).row {
                        Some(row) => writeln!(
                            out,
                            "{},{},target,{},{:.3},{},{:.3},{},",
                            csv_field(&missile(r).id),
                            csv_field(&place(c).id),
                            csv_field(&site(row.site).id),
                            row.distance_km,
                            row.range_km,
                            row.margin_km(),
                            row.verdict().text()
                        ),
                        None => writeln!(
                            out,
                            "{},{},target,,,,,,",
                            csv_field(&missile(r).id),
                            csv_field(&place(c).id)
                        ),
                    };
                }
                for c in 0..matrix.areas.len() {
                    let _ = match matrix.area(r, c).row {
                        Some(row) => writeln!(
                            out,
                            "{},{},area,{},,{},,,{:.3}",
                            csv_field(&missile(r).id),
                            csv_field(&area(c).id),
                            csv_field(&site(row.site).id),
                            missile(r).range_km,
                            row.covered_pct
                        ),
                        None => writeln!(
                            out,
                            "{},{},area,,,,,,",
                            csv_field(&missile(r).id),
                            csv_field(&area(c).id)
                        ),
                    };
                }
            }
            out
        }
        TableFormat::Json => {
            let columns: Vec<_> = (0..matrix.places.len())
                .map(|c| json!({"id": place(c).id, "name": place(c).name, "kind": "target"}))
                .chain(
                    (0..matrix.areas.len())
                        .map(|c| json!({"id": area(c).id, "name": area(c).name, "kind": "area"})),
                )
                .collect();
            let rows: Vec<_> = (0..matrix.missiles.len())
                .map(|r| {
                    let cells: Vec<_> = (0..matrix.places.len())
                        .map(|c| match matrix.place(r, c).row {
                            Some(row) => json!({
                                "site": site(row.site).id,
                                "distance_km": row.distance_km,
                                "margin_km": row.margin_km(),
                                "verdict": row.verdict().text(),
                            }),
                            None => serde_json::Value::Null,
                        })
                        .chain(
                            (0..matrix.areas.len()).map(|c| match matrix.area(r, c).row {
                                Some(row) => json!({
                                    "site": site(row.site).id,
                                    "covered_pct": row.covered_pct,
                                }),
                                None => serde_json::Value::Null,
                            }),
                        )
                        .collect();
                    json!({
                        "missile": missile(r).id,
                        "name": missile(r).name,
                        "range_km": missile(r).range_km,
                        "cells": cells,
                    })
                })
                .collect();
            json_text(&json!({ "columns": columns, "rows": rows }))?
        }
    })
}
