//! The reach table: every site-missile-target row of the visible missiles. Every column sorts;
//! rows filter by text and by verdict; the row under the pointer is highlighted with its ring
//! and geodesic on the map; a click fits the map to them; the table saves as CSV.

use crate::analysis::{ReachRow, Verdict};
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::dialogs::PathPurpose;
use crate::app::state::{ReachColumn, ReachSort};
use crate::ballistics::RotatingReach;
use crate::scenario::Scenario;
use crate::scene::Highlight;
use eframe::egui::{self, Color32, Sense};
use egui_extras::{Column, TableBuilder};
use std::cmp::Ordering;

/// The columns, left to right.
const COLUMNS: [(&str, ReachColumn); 10] = [
    ("Site", ReachColumn::Site),
    ("Missile", ReachColumn::Missile),
    ("Target", ReachColumn::Target),
    ("Distance", ReachColumn::Distance),
    ("Bearing", ReachColumn::Bearing),
    ("Range", ReachColumn::Range),
    ("Margin", ReachColumn::Margin),
    ("Flight (min)", ReachColumn::Flight),
    ("Rotating", ReachColumn::Rotating),
    ("Verdict", ReachColumn::Verdict),
];

/// The verdicts offered by the filter.
const VERDICTS: [Verdict; 4] = [
    Verdict::InRange,
    Verdict::WithinBand,
    Verdict::InsideMinimumRange,
    Verdict::OutOfRange,
];

/// A column header: a button that sorts by the column (again: the other way).
fn header(sort: &mut ReachSort, ui: &mut egui::Ui, label: &str, column: ReachColumn) {
    let arrow = match (sort.column == column, sort.ascending) {
        (true, true) => " ▲",
        (true, false) => " ▼",
        (false, _) => "",
    };
    if ui.button(format!("{label}{arrow}")).clicked() {
        *sort = ReachSort {
            column,
            ascending: sort.column != column || !sort.ascending,
        };
    }
}

/// Where a verdict sorts: nearest to being hit first.
fn verdict_rank(v: Verdict) -> u8 {
    match v {
        Verdict::InRange => 0,
        Verdict::WithinBand => 1,
        Verdict::InsideMinimumRange => 2,
        Verdict::OutOfRange => 3,
    }
}

/// Orders two optional figures, rows without one last whichever way the column sorts.
fn by_figure(a: Option<f64>, b: Option<f64>, ascending: bool) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) if ascending => a.total_cmp(&b),
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Sorts rows by `sort`, ties in site, missile, target order.
pub fn sort_rows(rows: &mut [ReachRow], scenario: &Scenario, sort: ReachSort) {
    let name_of = |r: &ReachRow, column| match column {
        ReachColumn::Site => scenario.sites()[r.site].name.as_str(),
        ReachColumn::Missile => scenario.missiles()[r.missile].name.as_str(),
        _ => scenario.targets()[r.target].name.as_str(),
    };
    let rotating = |r: &ReachRow| match r.rotating {
        RotatingReach::Km(km) => Some(km),
        _ => None,
    };
    rows.sort_by(|a, b| {
        let directed = |o: Ordering| if sort.ascending { o } else { o.reverse() };
        let order = match sort.column {
            column @ (ReachColumn::Site | ReachColumn::Missile | ReachColumn::Target) => {
                directed(name_of(a, column).cmp(name_of(b, column)))
            }
            ReachColumn::Distance => directed(a.distance_km.total_cmp(&b.distance_km)),
            ReachColumn::Bearing => directed(a.azimuth_deg.total_cmp(&b.azimuth_deg)),
            ReachColumn::Range => directed(a.range_km.total_cmp(&b.range_km)),
            ReachColumn::Margin => directed(a.margin_km().total_cmp(&b.margin_km())),
            ReachColumn::Flight => by_figure(a.flight_time_min, b.flight_time_min, sort.ascending),
            ReachColumn::Rotating => by_figure(rotating(a), rotating(b), sort.ascending),
            ReachColumn::Verdict => {
                directed(verdict_rank(a.verdict()).cmp(&verdict_rank(b.verdict())))
            }
        };
        order.then((a.site, a.missile, a.target).cmp(&(b.site, b.missile, b.target)))
    });
}

/// Whether a row passes the text filter (any of its names holds every word, ignoring case)
/// and the verdict filter.
pub fn row_matches(
    row: &ReachRow,
    scenario: &Scenario,
    text: &str,
    verdict: Option<Verdict>,
) -> bool {
    if verdict.is_some_and(|v| row.verdict() != v) {
        return false;
    }
    let names = format!(
        "{} {} {}",
        scenario.sites()[row.site].name,
        scenario.missiles()[row.missile].name,
        scenario.targets()[row.target].name
    )
    .to_lowercase();
    text.to_lowercase()
        .split_whitespace()
        .all(|word| names.contains(word))
}

/// "Computing…" while the document's first reach table is on its way (the window shows the
/// map first); whether it is.
pub(super) fn computing(app: &RangeRingsApp, ui: &mut egui::Ui) -> bool {
    let pending = app.caches.reach_pending();
    if pending {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Computing the reach of every missile from every site…");
        });
    }
    pending
}

/// The reach table panel.
pub fn reach_table(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    if computing(app, ui) {
        return;
    }
    let scenario = app.doc.scenario().clone();
    let all = app.caches.reach_rows();
    let total = all.len();
    let mut rows: Vec<ReachRow> = all
        .iter()
        .filter(|r| {
            row_matches(
                r,
                &scenario,
                &app.interaction.reach_filter,
                app.interaction.verdict_filter,
            )
        })
        .copied()
        .collect();
    sort_rows(&mut rows, &scenario, app.interaction.reach_sort);
    ui.horizontal(|ui| {
        ui.strong("Reach");
        let reached = rows.iter().filter(|r| r.in_range()).count();
        let shown = if rows.len() == total {
            String::new()
        } else {
            format!(" (filtered from {total})")
        };
        ui.label(format!(
            "{reached} of {} site-missile-target pairs in range (visible missiles){shown}",
            rows.len()
        ));
    });
    filters(app, ui);
    let units = app.settings.units;
    let mut hovered = None;
    let mut clicked = None;
    let mut sort = app.interaction.reach_sort;
    let lit = app.interaction.hovered_reach.or(app.interaction.picked);
    // One line per row: text that does not fit a column is cut with an ellipsis, never wrapped.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    // Text that cannot be selected, so that a click on it is a click on its row.
    ui.style_mut().interaction.selectable_labels = false;
    let name_column = |width: f32| {
        Column::initial(width)
            .at_least(60.0)
            .resizable(true)
            .clip(true)
    };
    TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::click())
        .column(name_column(130.0))
        .column(name_column(150.0))
        .column(name_column(130.0))
        .columns(Column::initial(92.0).at_least(50.0).clip(true), 6)
        .column(Column::remainder().at_least(90.0))
        .header(22.0, |mut h| {
            for (label, column) in COLUMNS {
                h.col(|ui| header(&mut sort, ui, label, column));
            }
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                let here = Highlight {
                    site: r.site,
                    missile: r.missile,
                    target: r.target,
                };
                row.set_selected(lit == Some(here));
                cells(&mut row, &r, &scenario, units);
                let response = row.response();
                if response.hovered() {
                    hovered = Some(here);
                }
                if response.clicked() {
                    clicked = Some(here);
                }
            });
        });
    app.interaction.reach_sort = sort;
    app.interaction.hovered_reach = hovered;
    if let Some(pick) = clicked {
        app.commands.push(Command::Pick(pick));
    }
}

/// The filter row: text, verdict, and saving the table.
fn filters(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let label = ui.label("Filter");
        ui.add(
            egui::TextEdit::singleline(&mut app.interaction.reach_filter)
                .hint_text("site, missile or target")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        let verdict = &mut app.interaction.verdict_filter;
        ui.selectable_value(verdict, None, "all");
        for v in VERDICTS {
            ui.selectable_value(verdict, Some(v), v.text());
        }
        if ui
            .button("Save as CSV…")
            .on_hover_text("Every row of the visible missiles, as `reach --format csv` writes it")
            .clicked()
        {
            app.commands.push(Command::BrowseFor(PathPurpose::ReachCsv));
        }
    });
}

/// One row's cells.
fn cells(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &ReachRow,
    scenario: &Scenario,
    units: crate::format::DistanceUnit,
) {
    row.col(|ui| {
        ui.label(scenario.sites()[r.site].display_name());
    });
    row.col(|ui| {
        ui.label(&scenario.missiles()[r.missile].name);
    });
    row.col(|ui| {
        ui.label(&scenario.targets()[r.target].name);
    });
    row.col(|ui| {
        ui.label(units.format(r.distance_km));
    });
    row.col(|ui| {
        ui.label(format!("{:.1}°", r.azimuth_deg));
    });
    row.col(|ui| {
        ui.label(units.format(r.range_km));
    });
    row.col(|ui| {
        let sign = if r.margin_km() >= 0.0 { "+" } else { "-" };
        ui.label(format!("{sign}{}", units.format(r.margin_km().abs())));
    });
    row.col(|ui| {
        match r.flight_time_min {
            Some(t) => ui.label(format!("{t:.0} min")),
            None => ui.label("—").on_hover_text(
                r.no_flight_time(&scenario.missiles()[r.missile])
                    .unwrap_or_default(),
            ),
        };
    });
    row.col(|ui| {
        match r.rotating {
            RotatingReach::Km(km) => ui.label(units.format(km)),
            other => ui.label(other.words().unwrap_or_default()),
        }
        .on_hover_text(
            "Reach toward the target on the rotating Earth (boost, then Keplerian free flight)",
        );
    });
    row.col(|ui| {
        let verdict = r.verdict();
        match verdict {
            Verdict::InRange => {
                ui.colored_label(Color32::from_rgb(0xc0, 0x39, 0x2b), verdict.text())
            }
            Verdict::WithinBand => {
                ui.colored_label(Color32::from_rgb(0xd3, 0x84, 0x00), verdict.text())
            }
            Verdict::OutOfRange => ui.label(verdict.text()),
            Verdict::InsideMinimumRange => ui
                .colored_label(Color32::from_rgb(0x55, 0x60, 0xb0), verdict.text())
                .on_hover_text("Nearer than the missile's minimum range"),
        };
    });
}
