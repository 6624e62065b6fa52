//! The reach table: every site-missile-target row of the visible missiles, sortable; hovering
//! a row highlights its ring and draws the geodesic.

use crate::analysis::{ReachRow, Verdict};
use crate::app::RangeRingsApp;
use crate::app::state::{ReachColumn, ReachSort};
use crate::ballistics::RotatingReach;
use crate::scene::Highlight;
use eframe::egui::{self, Color32, Sense};
use egui_extras::{Column, TableBuilder};

/// A column header: a button that sorts by the column (again: the other way), or a label.
fn header(sort: &mut ReachSort, ui: &mut egui::Ui, label: &str, column: Option<ReachColumn>) {
    let Some(column) = column else {
        ui.strong(label);
        return;
    };
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

/// The reach table panel.
pub fn reach_table(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario().clone();
    let mut rows: Vec<ReachRow> = app.caches.reach_rows().to_vec();
    let sort = app.interaction.reach_sort;
    rows.sort_by(|a, b| {
        let order = match sort.column {
            ReachColumn::Site => scenario.sites()[a.site]
                .name
                .cmp(&scenario.sites()[b.site].name),
            ReachColumn::Missile => scenario.missiles()[a.missile]
                .name
                .cmp(&scenario.missiles()[b.missile].name),
            ReachColumn::Target => scenario.targets()[a.target]
                .name
                .cmp(&scenario.targets()[b.target].name),
            ReachColumn::Distance => a.distance_km.total_cmp(&b.distance_km),
            ReachColumn::Margin => a.margin_km().total_cmp(&b.margin_km()),
        };
        if sort.ascending {
            order
        } else {
            order.reverse()
        }
    });
    ui.horizontal(|ui| {
        ui.strong("Reach");
        let reached = rows.iter().filter(|r| r.in_range()).count();
        ui.label(format!(
            "{reached} of {} site-missile-target pairs in range (visible missiles)",
            rows.len()
        ));
    });
    let units = app.settings.units;
    let mut hovered = None;
    let mut sort = app.interaction.reach_sort;
    // One line per row: text that does not fit a column is cut with an ellipsis, never wrapped.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    let name_column = |width: f32| {
        Column::initial(width)
            .at_least(60.0)
            .resizable(true)
            .clip(true)
    };
    TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::hover())
        .column(name_column(130.0))
        .column(name_column(150.0))
        .column(name_column(130.0))
        .columns(Column::initial(78.0).at_least(50.0).clip(true), 6)
        .column(Column::remainder().at_least(90.0))
        .header(22.0, |mut h| {
            for (label, column) in [
                ("Site", Some(ReachColumn::Site)),
                ("Missile", Some(ReachColumn::Missile)),
                ("Target", Some(ReachColumn::Target)),
                ("Distance", Some(ReachColumn::Distance)),
                ("Bearing", None),
                ("Range", None),
                ("Margin", Some(ReachColumn::Margin)),
                ("Flight (min)", None),
                ("Rotating", None),
                ("Verdict", None),
            ] {
                h.col(|ui| header(&mut sort, ui, label, column));
            }
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                row.col(|ui| {
                    ui.label(&scenario.sites()[r.site].name);
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
                if row.response().hovered() {
                    hovered = Some(Highlight {
                        site: r.site,
                        missile: r.missile,
                        target: r.target,
                    });
                }
            });
        });
    app.interaction.reach_sort = sort;
    app.interaction.hovered_reach = hovered;
}
