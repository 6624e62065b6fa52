//! Side panel: missiles (show or hide, colour, range and band, where they fly from, sources).

use super::edit_from;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step};
use crate::color::Rgba;
use crate::scenario::Platform;
use eframe::egui;
use std::time::{Duration, Instant};

/// Picker changes to one missile within this time are one undo step.
const COLOR_STEP: Duration = Duration::from_millis(1500);

/// The missiles section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario().clone();
    for (i, missile) in scenario.missiles().iter().enumerate() {
        ui.horizontal(|ui| {
            let mut visible = missile.visible;
            let r = ui.checkbox(&mut visible, egui::RichText::new(&missile.name).strong());
            if r.changed() {
                edit_from(
                    app,
                    &r,
                    Edit::SetMissileVisible {
                        missile: i,
                        visible,
                    },
                );
            }
            let [red, green, blue, _] = missile.color.0;
            let mut rgb = [red, green, blue];
            if ui.color_edit_button_srgb(&mut rgb).changed() {
                // The picker reports a change every frame while it is dragged: one undo step
                // for a run of changes to the same missile.
                let recent = app
                    .interaction
                    .last_color_edit
                    .is_some_and(|(m, at)| m == i && at.elapsed() < COLOR_STEP);
                let color = Rgba([rgb[0], rgb[1], rgb[2], 255]);
                let step = if recent { Step::Continue } else { Step::New };
                app.commands.push(Command::Edit(
                    Edit::SetMissileColor { missile: i, color },
                    step,
                ));
                app.interaction.last_color_edit = Some((i, Instant::now()));
            }
            if let Some(class) = &missile.class {
                ui.label(egui::RichText::new(class).weak());
            }
        });
        ui.indent(("missile", i), |ui| details(app, ui, &scenario, i));
    }
}

fn km_field(ui: &mut egui::Ui, value: &mut f64) -> egui::Response {
    ui.add(
        egui::DragValue::new(value)
            .update_while_editing(false)
            .speed(10.0)
            .max_decimals(0),
    )
}

fn details(
    app: &mut RangeRingsApp,
    ui: &mut egui::Ui,
    scenario: &crate::scenario::Scenario,
    i: usize,
) {
    let missile = &scenario.missiles()[i];
    let file = &scenario.file().missiles[i];
    ui.horizontal(|ui| {
        let mut range = missile.range_km;
        let label = ui.label("Range km");
        let r = km_field(ui, &mut range).labelled_by(label.id);
        if r.changed() {
            edit_from(
                app,
                &r,
                Edit::SetRange {
                    missile: i,
                    km: range,
                },
            );
        }
        ui.label(app.settings.units.format(missile.range_km));
    });
    if let (Some(mut min), Some(mut max)) = (file.range_min_km, file.range_max_km) {
        ui.horizontal(|ui| {
            ui.label("Estimates");
            let r = km_field(ui, &mut min).accessible_name("Lowest estimate km");
            if r.changed() {
                edit_from(
                    app,
                    &r,
                    Edit::SetBandMin {
                        missile: i,
                        km: min,
                    },
                );
            }
            ui.label("to");
            let r = km_field(ui, &mut max).accessible_name("Highest estimate km");
            if r.changed() {
                edit_from(
                    app,
                    &r,
                    Edit::SetBandMax {
                        missile: i,
                        km: max,
                    },
                );
            }
            ui.label("km");
        });
    }
    let from = match (&file.from, missile.platform) {
        (Some(_), _) => {
            let names: Vec<&str> = missile
                .launch_sites
                .iter()
                .map(|&s| scenario.sites()[s].name.as_str())
                .collect();
            format!("from {}", names.join(", "))
        }
        (None, Platform::Land) => "from every launch site".to_owned(),
        (None, Platform::Sea) => "from every patrol point".to_owned(),
    };
    ui.label(egui::RichText::new(from).small());
    if missile.assumed {
        ui.label(
            egui::RichText::new("Assumed figure, not published")
                .italics()
                .small(),
        );
    }
    if !missile.sources.is_empty() {
        egui::CollapsingHeader::new(format!("Sources ({})", missile.sources.len()))
            .id_salt(("sources", i))
            .show(ui, |ui| {
                for s in &missile.sources {
                    ui.label(egui::RichText::new(format!("• {}", s.line())).small());
                }
            });
    }
}
