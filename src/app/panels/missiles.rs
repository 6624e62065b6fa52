//! Side panel: missiles. One line each (shown or hidden, colour, name, class, range); the
//! selected one opens an editor (name, class, platform, range and band, the sites it flies
//! from, duplicate, solo, remove, sources). Above them: show or hide by class or platform.

use super::edit_from;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step, new_missile};
use crate::color::Rgba;
use crate::scenario::{MAX_RANGE_KM, Platform, Scenario, SiteKind};
use eframe::egui;
use std::time::Duration;
use web_time::Instant;

/// Picker changes to one missile within this time are one undo step.
const COLOR_STEP: Duration = Duration::from_millis(1500);

/// Classes offered in the class menu (any other class in a file is kept and offered too).
const CLASSES: [&str; 8] = [
    "SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLCM", "GLCM", "HGV",
];

/// The missiles section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario().clone();
    if !scenario.missiles().is_empty() {
        show_hide_row(app, ui, &scenario);
    }
    for (i, missile) in scenario.missiles().iter().enumerate() {
        let selected = app.interaction.selected_missile == Some(i);
        ui.horizontal(|ui| {
            let mut visible = missile.visible;
            let r = ui
                .checkbox(&mut visible, "")
                .on_hover_text("Show or hide its rings")
                .accessible_name(format!("Show {}", missile.name));
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
            color_button(app, ui, i, missile.color);
            // A long name is cut with an ellipsis rather than widening the panel.
            let name = egui::RichText::new(&missile.name).strong();
            let room = (ui.available_width() - 110.0).max(80.0);
            let r = ui.scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Button::selectable(selected, name).truncate())
            });
            if r.inner.on_hover_text(&missile.name).clicked() {
                app.interaction.selected_missile = (!selected).then_some(i);
            }
            let class = missile.class.as_deref().unwrap_or("");
            ui.label(egui::RichText::new(class).weak());
            ui.label(egui::RichText::new(app.settings.units.format(missile.range_km)).weak());
        });
        if selected {
            egui::Frame::group(ui.style()).show(ui, |ui| editor(app, ui, &scenario, i));
        }
    }
    if scenario.missiles().is_empty() {
        ui.label("No missiles yet: add one, and it flies from every launch site.");
    }
    if ui.button("Add missile").clicked() {
        let missile = Box::new(new_missile(scenario.file()));
        app.commands
            .push(Command::Edit(Edit::AddMissile { missile }, Step::New));
    }
}

/// The colour button; a run of picker changes is one undo step.
fn color_button(app: &mut RangeRingsApp, ui: &mut egui::Ui, i: usize, color: Rgba) {
    let [red, green, blue, _] = color.0;
    let mut rgb = [red, green, blue];
    if ui
        .color_edit_button_srgb(&mut rgb)
        .on_hover_text("Ring colour")
        .changed()
    {
        set_color(app, i, rgb);
    }
}

/// The colour typed as `#rrggbb`.
fn hex_field(app: &mut RangeRingsApp, ui: &mut egui::Ui, i: usize, color: Rgba) {
    let [red, green, blue, _] = color.0;
    let mut rgb = [red, green, blue];
    let mut changed = false;
    let id = ui.make_persistent_id(("hex", i));
    let mut hex: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| color.to_hex());
    let label = ui.label("Colour");
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut hex)
                .desired_width(70.0)
                .font(egui::TextStyle::Monospace),
        )
        .labelled_by(label.id)
        .on_hover_text("Colour as #rrggbb");
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, hex.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if r.lost_focus() {
        match Rgba::parse(hex.trim()) {
            Some(c) => {
                rgb = [c.0[0], c.0[1], c.0[2]];
                changed = rgb != [red, green, blue];
            }
            None => app.notify(
                format!(
                    "\"{}\" is not a colour: type #rrggbb, e.g. #c0392b",
                    hex.trim()
                ),
                crate::app::NoticeKind::Error,
            ),
        }
    }
    if changed {
        set_color(app, i, rgb);
    }
}

/// Queues a colour change: the picker reports a change every frame while it is dragged, and
/// a run of changes to one missile is one undo step.
fn set_color(app: &mut RangeRingsApp, i: usize, rgb: [u8; 3]) {
    {
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
}

/// "Show: all, none, land, sea, SRBM, ICBM..." A group's button shows all of it when any is
/// hidden, and hides all of it otherwise.
fn show_hide_row(app: &mut RangeRingsApp, ui: &mut egui::Ui, scenario: &Scenario) {
    let missiles = scenario.missiles();
    let mut classes: Vec<&str> = missiles.iter().filter_map(|m| m.class.as_deref()).collect();
    classes.sort_unstable();
    classes.dedup();
    let mut groups: Vec<(String, Vec<usize>)> = vec![
        ("All".to_owned(), (0..missiles.len()).collect()),
        (
            "Land".to_owned(),
            indices(scenario, |m| m.platform == Platform::Land),
        ),
        (
            "Sea".to_owned(),
            indices(scenario, |m| m.platform == Platform::Sea),
        ),
    ];
    for class in classes {
        groups.push((
            class.to_owned(),
            indices(scenario, |m| m.class.as_deref() == Some(class)),
        ));
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Show:");
        for (label, members) in groups.into_iter().filter(|(_, m)| !m.is_empty()) {
            let all_shown = members.iter().all(|&i| missiles[i].visible);
            let hover = if all_shown {
                format!("Hide every {label} missile")
            } else {
                format!("Show every {label} missile")
            };
            if ui
                .selectable_label(all_shown, &label)
                .on_hover_text(hover)
                .clicked()
            {
                app.commands.push(Command::Edit(
                    Edit::SetMissilesVisible {
                        missiles: members,
                        visible: !all_shown,
                    },
                    Step::New,
                ));
            }
        }
        if ui
            .button("None")
            .on_hover_text("Hide every missile")
            .clicked()
        {
            app.commands.push(Command::Edit(
                Edit::SetMissilesVisible {
                    missiles: (0..missiles.len()).collect(),
                    visible: false,
                },
                Step::New,
            ));
        }
    });
}

fn indices(scenario: &Scenario, keep: impl Fn(&crate::scenario::Missile) -> bool) -> Vec<usize> {
    (0..scenario.missiles().len())
        .filter(|&i| keep(&scenario.missiles()[i]))
        .collect()
}

fn km_field(
    ui: &mut egui::Ui,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
) -> egui::Response {
    ui.add(
        egui::DragValue::new(value)
            .update_while_editing(false)
            .range(range)
            .speed(10.0)
            .max_decimals(0),
    )
}

/// The selected missile's editor.
fn editor(app: &mut RangeRingsApp, ui: &mut egui::Ui, scenario: &Scenario, i: usize) {
    let missile = &scenario.missiles()[i];
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        let (r, renamed) = super::name_field(ui, ("missile name", i), &missile.name, 200.0);
        let r = r.labelled_by(label.id);
        if let Some(name) = renamed {
            edit_from(app, &r, Edit::RenameMissile { missile: i, name });
        }
    });
    ui.horizontal(|ui| hex_field(app, ui, i, missile.color));
    ui.horizontal(|ui| {
        ui.label("Class");
        let current = missile.class.clone().unwrap_or_default();
        let mut choice = current.clone();
        egui::ComboBox::from_id_salt(("class", i))
            .selected_text(if current.is_empty() { "none" } else { &current })
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choice, String::new(), "none");
                let extra = (!current.is_empty() && !CLASSES.contains(&current.as_str()))
                    .then_some(current.as_str());
                for class in CLASSES.into_iter().chain(extra) {
                    ui.selectable_value(&mut choice, class.to_owned(), class);
                }
            });
        if choice != current {
            app.commands.push(Command::Edit(
                Edit::SetMissileClass {
                    missile: i,
                    class: Some(choice),
                },
                Step::New,
            ));
        }
        let mut platform = missile.platform;
        let a = ui.radio_value(&mut platform, Platform::Land, "land");
        let b = ui.radio_value(&mut platform, Platform::Sea, "sea");
        if a.changed() || b.changed() {
            edit_from(
                app,
                &a,
                Edit::SetPlatform {
                    missile: i,
                    platform,
                },
            );
        }
    });
    range_and_band(app, ui, scenario, i);
    launch_sites(app, ui, scenario, i);
    ui.horizontal(|ui| {
        for (label, hover, edit) in [
            (
                "Duplicate",
                "A copy to vary",
                Edit::DuplicateMissile { missile: i },
            ),
            ("Solo", "Show this missile alone", Edit::Solo { missile: i }),
            (
                "Remove missile",
                "Remove this missile",
                Edit::RemoveMissile { missile: i },
            ),
        ] {
            if ui.button(label).on_hover_text(hover).clicked() {
                app.commands.push(Command::Edit(edit, Step::New));
            }
        }
    });
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

/// The nominal range and the band of estimates round it. The band's fields cannot cross the
/// nominal range (dragging stops there); the range itself widens the band when it passes an
/// edge.
fn range_and_band(app: &mut RangeRingsApp, ui: &mut egui::Ui, scenario: &Scenario, i: usize) {
    let missile = &scenario.missiles()[i];
    let file = &scenario.file().missiles[i];
    ui.horizontal(|ui| {
        let mut range = missile.range_km;
        let label = ui.label("Range km");
        let r = km_field(ui, &mut range, 1.0..=MAX_RANGE_KM).labelled_by(label.id);
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
    ui.horizontal(|ui| match (file.range_min_km, file.range_max_km) {
        (None, None) => {
            let r = ui
                .button("Add a band of estimates")
                .on_hover_text("Lowest and highest published estimates round the range");
            if r.clicked() {
                let (min, max) = (0.9 * missile.range_km, 1.1 * missile.range_km);
                let band = Some((min.round(), max.round().min(MAX_RANGE_KM)));
                edit_from(app, &r, Edit::SetBand { missile: i, band });
            }
        }
        (min, max) => {
            let (mut min, mut max) = (
                min.unwrap_or(missile.range_km),
                max.unwrap_or(missile.range_km),
            );
            ui.label("Estimates");
            let r = km_field(ui, &mut min, 1.0..=missile.range_km)
                .accessible_name("Lowest estimate km")
                .on_hover_text("At most the range; lower the range first to go higher");
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
            let r = km_field(ui, &mut max, missile.range_km..=MAX_RANGE_KM)
                .accessible_name("Highest estimate km")
                .on_hover_text("At least the range; raise the range first to go lower");
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
            let r = ui.small_button("✕").on_hover_text("Remove the band");
            if r.clicked() {
                edit_from(
                    app,
                    &r,
                    Edit::SetBand {
                        missile: i,
                        band: None,
                    },
                );
            }
        }
    });
}

/// Where the missile flies from: every site of its platform's kind, or the sites ticked.
fn launch_sites(app: &mut RangeRingsApp, ui: &mut egui::Ui, scenario: &Scenario, i: usize) {
    let missile = &scenario.missiles()[i];
    let file = &scenario.file().missiles[i];
    let kind = match missile.platform {
        Platform::Land => SiteKind::Launch,
        Platform::Sea => SiteKind::Patrol,
    };
    let every = match kind {
        SiteKind::Launch => "Every launch site",
        SiteKind::Patrol => "Every patrol point",
    };
    ui.label("Flies from");
    let mut all = file.from.is_none();
    let r = ui.checkbox(&mut all, every);
    if r.changed() {
        let from = if all {
            None
        } else {
            Some(
                missile
                    .launch_sites
                    .iter()
                    .map(|&s| scenario.sites()[s].id.clone())
                    .collect(),
            )
        };
        edit_from(app, &r, Edit::SetLaunchSites { missile: i, from });
    }
    ui.indent(("from", i), |ui| {
        for (s, site) in scenario.sites().iter().enumerate() {
            let mut on = missile.launch_sites.contains(&s);
            let r = ui.add_enabled(
                file.from.is_some(),
                egui::Checkbox::new(&mut on, site.display_name()),
            );
            if r.changed() {
                let from = scenario
                    .sites()
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| {
                        if *k == s {
                            on
                        } else {
                            missile.launch_sites.contains(k)
                        }
                    })
                    .map(|(_, site)| site.id.clone())
                    .collect();
                edit_from(
                    app,
                    &r,
                    Edit::SetLaunchSites {
                        missile: i,
                        from: Some(from),
                    },
                );
            }
        }
    });
    if missile.launch_sites.is_empty() {
        let why = if scenario.sites().iter().any(|s| s.kind == kind) {
            "No site ticked: this missile draws no ring."
        } else {
            match kind {
                SiteKind::Launch => {
                    "No launch site yet: right-click the map, or search a place, to add one."
                }
                SiteKind::Patrol => {
                    "No patrol point yet: right-click the map, or search a place, to add one."
                }
            }
        };
        ui.colored_label(ui.visuals().warn_fg_color, why);
    }
}
