//! The app's panels, one file each: menu bar, status bar, the side panel's sections (sites,
//! missiles, targets, coverage) and the reach table. They read the app's state and push
//! [`Command`]s (edits included); they do no file I/O and compute no tables themselves.

mod coverage;
mod matrix;
mod menu;
mod missiles;
mod reach;
mod sites;
mod status;
mod targets;

use menu::menu_bar;
pub use reach::sort_rows as sort_reach_rows;
use status::status_bar;

use super::RangeRingsApp;
use super::commands::Command;
use super::edit::{Edit, Step};
use super::state::BottomTab;
use eframe::egui;

/// Lays out the menu bar, the status bar, the side panel and the reach panel round the map.
///
/// The panels paint no fill: the window is cleared to their colour instead (the app's
/// `clear_color`), which a software GL renderer does at almost no cost, where the fills were a
/// third of the pixels it shaded a frame (0.86 of 2.65 million at 1920x1080).
pub fn show(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let frame = egui::Frame::side_top_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
    egui::Panel::top("menu")
        .frame(frame)
        .show(ui, |ui| on_panel_colour(ui, |ui| menu_bar(app, ui)));
    egui::Panel::bottom("status")
        .frame(frame)
        .show(ui, |ui| on_panel_colour(ui, |ui| status_bar(app, ui)));
    egui::Panel::left("side")
        .frame(frame)
        .resizable(true)
        .default_size(390.0)
        .show(ui, |ui| on_panel_colour(ui, |ui| side_panel(app, ui)));
    egui::Panel::bottom("reach")
        .frame(frame)
        .resizable(true)
        .default_size(220.0)
        .show(ui, |ui| on_panel_colour(ui, |ui| bottom_panel(app, ui)));
}

/// Runs `add` telling what it holds that the panels' colour is behind it, as the panel's own
/// fill would (scroll areas fade their edges into that colour).
fn on_panel_colour<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    let behind = egui::Frame::NONE.fill(ui.visuals().panel_fill);
    let info = egui::UiStackInfo::new(egui::UiKind::Frame).with_frame(behind);
    ui.scope_builder(egui::UiBuilder::new().ui_stack_info(info), add)
        .inner
}

/// The bottom panel: the reach matrix or the reach table, by tab.
fn bottom_panel(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    // The panel keeps its height (220 points until its edge is dragged). egui keeps a
    // panel's size from what its contents take, and a table in a scroll area takes only
    // what it shows: the panel used to shrink to two rows of the matrix after the first
    // frame, and the map above it to grow, so the first frames laid out three maps.
    ui.set_min_height(ui.available_height());
    ui.horizontal(|ui| {
        for (tab, label) in [
            (BottomTab::Matrix, "Reach matrix"),
            (BottomTab::ReachTable, "Reach table"),
        ] {
            if ui
                .selectable_label(app.settings.bottom == tab, label)
                .clicked()
            {
                app.settings.bottom = tab;
            }
        }
    });
    ui.separator();
    match app.settings.bottom {
        BottomTab::Matrix => matrix::matrix(app, ui),
        BottomTab::ReachTable => reach::reach_table(app, ui),
    }
}

/// Queues an edit made with a widget: a new undo step when it starts, the same step while a
/// drag on the widget goes on.
fn edit_from(app: &mut RangeRingsApp, response: &egui::Response, edit: Edit) {
    let step = if response.dragged() && !response.drag_started() {
        Step::Continue
    } else {
        Step::New
    };
    app.commands.push(Command::Edit(edit, step));
}

/// "Lat [..] Lon [..]" fields for a position, degrees, with the accessible names given; the
/// response that changed and the new position, if one did.
fn position_fields(
    ui: &mut egui::Ui,
    position: crate::geodesy::LatLon,
    [lat_name, lon_name]: [String; 2],
) -> Option<(egui::Response, crate::geodesy::LatLon)> {
    let (mut lat, mut lon) = (position.lat, position.lon);
    ui.horizontal(|ui| {
        let coordinate = |ui: &mut egui::Ui, value: &mut f64, name: String| {
            ui.add(
                egui::DragValue::new(value)
                    .update_while_editing(false)
                    .speed(0.05)
                    .max_decimals(4),
            )
            .accessible_name(name)
        };
        ui.label("Lat");
        let r = coordinate(ui, &mut lat, lat_name);
        ui.label("Lon");
        let s = coordinate(ui, &mut lon, lon_name);
        [r, s]
            .into_iter()
            .find(egui::Response::changed)
            .map(|r| (r, crate::geodesy::LatLon::lat_lon(lat, lon)))
    })
    .inner
}

/// A name field that edits a copy while it has the keyboard, and returns the new name when it
/// lets go of it (Enter, Tab or a click elsewhere) changed and not blank; Esc drops the copy.
/// The copy lives in egui's memory: the panels rebuild their fields from the document every
/// frame.
fn name_field(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    current: &str,
    width: f32,
) -> (egui::Response, Option<String>) {
    let id = ui.make_persistent_id(id_salt);
    let mut text: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| current.to_owned());
    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(width));
    if r.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
        return (r, None);
    }
    ui.data_mut(|d| d.remove::<String>(id));
    // Esc lets go of the field too, but means "never mind".
    let cancelled = ui.input(|i| i.key_pressed(egui::Key::Escape));
    let name = text.trim();
    let renamed = (r.lost_focus() && !cancelled && name != current && !name.is_empty())
        .then(|| name.to_owned());
    (r, renamed)
}

/// The side panel: the scenario's title, then its sites, missiles, targets and target areas.
fn side_panel(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    // The panel keeps its width, as the bottom panel keeps its height: the map beside it
    // must not change size between frames when a line in here does.
    ui.set_min_width(ui.available_width());
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(app.doc.scenario().title().unwrap_or("Scenario").to_owned());
        egui::CollapsingHeader::new("Sites and patrol points")
            .default_open(true)
            .show(ui, |ui| sites::section(app, ui));
        egui::CollapsingHeader::new("Missiles")
            .default_open(true)
            .show(ui, |ui| missiles::section(app, ui));
        egui::CollapsingHeader::new("Targets")
            .default_open(false)
            .show(ui, |ui| targets::section(app, ui));
        egui::CollapsingHeader::new("Target areas")
            .default_open(true)
            .show(ui, |ui| {
                targets::areas(app, ui);
                coverage::section(app, ui);
            });
    });
}
