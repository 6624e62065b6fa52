//! The app's panels: menu bar, status bar, side panel, reach table, map and dialogs. They edit
//! the document (validated) or push commands; they do no file I/O themselves.

use super::map_view::{ToMapPos, color32, rings_containing, shown_extent, visible_pieces};
use super::{Command, DetailChoice, ExportDialog, ExportRequest, RangeRingsApp, Units};
use crate::export::image::{ImageOptions, Layout};
use crate::geodesy::{LatLon, destination, inverse, normalize_lon};
use crate::reach::ReachRow;
use crate::scenario::{
    Missile, Platform, ProjectionKind, Rgba, ScenarioFile, Site, SiteKind, Target,
};
use crate::scene::{MarkerKind, markers_and_labels, place_labels};
use eframe::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2};
use eframe::epaint::PathShape;
use egui_extras::{Column, TableBuilder};

/// Columns of the reach table, for sorting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReachColumn {
    /// Site name.
    Site,
    /// Missile name.
    Missile,
    /// Target name.
    Target,
    /// Distance.
    Distance,
    /// Margin (range minus distance).
    Margin,
}

// ---- Menu and status bar ----------------------------------------------------------------

pub fn menu_bar(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let mut item = |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Command| {
                if ui
                    .add(egui::Button::new(label).shortcut_text(shortcut))
                    .clicked()
                {
                    app.commands.push(command);
                }
            };
            item(ui, "New", "Ctrl+N", Command::New);
            item(ui, "Open…", "Ctrl+O", Command::OpenDialog);
            ui.menu_button("Open recent", |ui| {
                if app.settings.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.settings.recent.clone() {
                    if ui.button(path.display().to_string()).clicked() {
                        app.commands.push(Command::Open(path));
                    }
                }
            });
            if ui.button("Open path…").clicked() {
                app.path_dialog = Some((false, String::new()));
            }
            ui.separator();
            let mut item = |ui: &mut egui::Ui, label: &str, shortcut: &str, command: Command| {
                if ui
                    .add(egui::Button::new(label).shortcut_text(shortcut))
                    .clicked()
                {
                    app.commands.push(command);
                }
            };
            item(ui, "Save", "Ctrl+S", Command::Save);
            item(ui, "Save As…", "Ctrl+Shift+S", Command::SaveAsDialog);
            item(ui, "Export…", "Ctrl+E", Command::ShowExport);
            ui.separator();
            item(ui, "Quit", "Ctrl+Q", Command::Quit);
        });
        ui.menu_button("Edit", |ui| {
            if ui
                .add_enabled(
                    app.doc.can_undo(),
                    egui::Button::new("Undo").shortcut_text("Ctrl+Z"),
                )
                .clicked()
            {
                app.commands.push(Command::Undo);
            }
            if ui
                .add_enabled(
                    app.doc.can_redo(),
                    egui::Button::new("Redo").shortcut_text("Ctrl+Y"),
                )
                .clicked()
            {
                app.commands.push(Command::Redo);
            }
        });
        ui.menu_button("View", |ui| {
            ui.label("Projection");
            for (kind, label) in [
                (ProjectionKind::Equirectangular, "Equirectangular"),
                (ProjectionKind::EqualEarth, "Equal Earth"),
                (
                    ProjectionKind::AzimuthalEquidistant,
                    "Azimuthal equidistant",
                ),
                (ProjectionKind::Orthographic, "Orthographic globe"),
            ] {
                if ui.radio(app.settings.projection == kind, label).clicked() {
                    app.commands.push(Command::SetProjection(kind));
                }
            }
            ui.separator();
            if ui.button("Centre on selected site").clicked() {
                app.commands.push(Command::CentreOnSelected);
            }
            if ui.button("Reset view").clicked() {
                app.commands.push(Command::ResetView);
            }
            ui.separator();
            ui.label("Basemap detail");
            ui.radio_value(&mut app.settings.detail, DetailChoice::Auto, "Automatic");
            ui.radio_value(&mut app.settings.detail, DetailChoice::Coarse, "1:110m");
            ui.radio_value(&mut app.settings.detail, DetailChoice::Fine, "1:50m");
            ui.separator();
            ui.checkbox(&mut app.settings.labels, "Labels");
            ui.checkbox(&mut app.settings.bands, "Bands of published estimates");
            ui.checkbox(
                &mut app.settings.rotation,
                "Earth-rotation footprints (dashed)",
            );
            ui.label("Units");
            ui.radio_value(&mut app.settings.units, Units::Km, "Kilometres");
            ui.radio_value(&mut app.settings.units, Units::Mi, "Miles");
            ui.radio_value(&mut app.settings.units, Units::Nmi, "Nautical miles");
            ui.separator();
            ui.checkbox(&mut app.settings.dark, "Dark theme");
        });
        ui.menu_button("Help", |ui| {
            if ui.button("Sources").clicked() {
                app.help = Some(HelpPage::Sources);
            }
            if ui.button("About").clicked() {
                app.help = Some(HelpPage::About);
            }
        });
    });
}

/// Help windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// Every missile's sources.
    Sources,
    /// What the tool is and what the rings assume.
    About,
}

pub fn status_bar(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        match app.hover_point {
            Some(p) => {
                ui.label(format_lat_lon(p));
                let scenario = app.doc.scenario();
                if let Some(site) = app.selected_site.and_then(|i| scenario.sites.get(i)) {
                    let line = inverse(LatLon::lat_lon(site.lat, site.lon), p);
                    ui.separator();
                    ui.label(format!(
                        "{} from {}, bearing {:.1}°",
                        app.settings.units.format(line.distance_m / 1000.0),
                        site.name,
                        line.azimuth_deg
                    ));
                }
            }
            None => {
                ui.label("Move the pointer over the map");
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let name = app.doc.path.as_ref().map_or_else(
                || "built-in scenario".to_owned(),
                |p| p.display().to_string(),
            );
            ui.label(if app.doc.dirty {
                format!("{name} (unsaved changes)")
            } else {
                name
            });
            if app.exporting() {
                ui.spinner();
                ui.label("Exporting…");
            }
        });
    });
}

fn format_lat_lon(p: LatLon) -> String {
    format!(
        "{:.3}° {}, {:.3}° {}",
        p.lat.abs(),
        if p.lat >= 0.0 { "N" } else { "S" },
        p.lon.abs(),
        if p.lon >= 0.0 { "E" } else { "W" }
    )
}

// ---- Side panel ---------------------------------------------------------------------------

/// Applies an edit from a widget: one undo step when it starts, the same step while a drag goes
/// on. Invalid results are refused with a message.
fn apply(
    app: &mut RangeRingsApp,
    response: &egui::Response,
    change: impl FnOnce(&mut ScenarioFile),
) {
    let continuing = response.dragged() && !response.drag_started();
    let result = if continuing {
        app.doc.edit_continuing(change)
    } else {
        app.doc.edit(change)
    };
    if let Err(e) = result {
        app.notify(format!("Not applied: {e}"), true);
    }
}

fn unique_id(existing: &[String], stem: &str) -> String {
    (1..)
        .map(|n| format!("{stem}-{n}"))
        .find(|id| !existing.contains(id))
        .unwrap_or_else(|| stem.to_owned())
}

pub fn side_panel(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(
            app.doc
                .scenario()
                .title
                .clone()
                .unwrap_or_else(|| "Scenario".into()),
        );
        egui::CollapsingHeader::new("Sites and patrol points")
            .default_open(true)
            .show(ui, |ui| sites_section(app, ui));
        egui::CollapsingHeader::new("Missiles")
            .default_open(true)
            .show(ui, |ui| missiles_section(app, ui));
        egui::CollapsingHeader::new("Targets")
            .default_open(false)
            .show(ui, |ui| targets_section(app, ui));
        if !app.doc.scenario().target_areas.is_empty() {
            egui::CollapsingHeader::new("Target areas")
                .default_open(true)
                .show(ui, |ui| coverage_section(app, ui));
        }
    });
}

fn sites_section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let sites = app.doc.scenario().sites.clone();
    for (i, site) in sites.iter().enumerate() {
        let selected = app.selected_site == Some(i);
        let icon = match site.kind() {
            SiteKind::Launch => "▲",
            SiteKind::Patrol => "◆",
        };
        if ui
            .selectable_label(selected, format!("{icon} {}", site.name))
            .clicked()
        {
            app.selected_site = Some(i);
        }
        if !selected {
            continue;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let mut name = site.name.clone();
            let r = ui.horizontal(|ui| {
                ui.label("Name");
                ui.text_edit_singleline(&mut name)
            });
            if r.inner.lost_focus() && name != site.name && !name.trim().is_empty() {
                apply(app, &r.inner, |f| f.sites[i].name = name);
            }
            let (mut lat, mut lon) = (site.lat, site.lon);
            ui.horizontal(|ui| {
                ui.label("Lat");
                let r = ui.add(
                    egui::DragValue::new(&mut lat)
                        .update_while_editing(false)
                        .speed(0.05)
                        .max_decimals(4),
                );
                if r.changed() {
                    apply(app, &r, |f| f.sites[i].lat = lat);
                }
                ui.label("Lon");
                let r = ui.add(
                    egui::DragValue::new(&mut lon)
                        .update_while_editing(false)
                        .speed(0.05)
                        .max_decimals(4),
                );
                if r.changed() {
                    apply(app, &r, |f| f.sites[i].lon = lon);
                }
            });
            ui.horizontal(|ui| {
                let mut kind = site.kind();
                ui.label("Kind");
                let a = ui.radio_value(&mut kind, SiteKind::Launch, "launch site");
                let b = ui.radio_value(&mut kind, SiteKind::Patrol, "patrol point");
                if a.changed() || b.changed() {
                    apply(app, &a, |f| f.sites[i].kind = Some(kind));
                }
            });
            if site.kind() == SiteKind::Patrol {
                ui.horizontal(|ui| {
                    if site.area.is_none() {
                        let r = ui.button("Add patrol area");
                        if r.clicked() {
                            let (lat, lon) = (site.lat, site.lon);
                            let box_corners = [(-2.0, -2.5), (-2.0, 2.5), (2.0, 2.5), (2.0, -2.5)]
                                .map(|(dlat, dlon)| {
                                    [normalize_lon(lon + dlon), (lat + dlat).clamp(-89.0, 89.0)]
                                });
                            apply(app, &r, |f| f.sites[i].area = Some(box_corners.to_vec()));
                        }
                    } else {
                        let r = ui.button("Remove patrol area");
                        if r.clicked() {
                            apply(app, &r, |f| f.sites[i].area = None);
                        }
                        ui.label(egui::RichText::new("Drag its corners on the map").small());
                    }
                });
            }
            if site.illustrative == Some(true) {
                ui.label(egui::RichText::new("Illustrative position, not from a source").italics());
            }
            if let Some(note) = &site.note {
                ui.label(egui::RichText::new(note).small());
            }
            let used_by = app
                .doc
                .scenario()
                .missiles
                .iter()
                .any(|m| m.from.as_ref().is_some_and(|f| f.contains(&site.id)));
            let remove = ui.add_enabled(!used_by, egui::Button::new("Remove"));
            let remove = if used_by {
                remove.on_disabled_hover_text("A missile's `from` list names this site")
            } else {
                remove
            };
            if remove.clicked() {
                apply(app, &remove, |f| {
                    f.sites.remove(i);
                });
                app.selected_site = None;
            }
        });
    }
    ui.horizontal(|ui| {
        if ui.button("Add launch site").clicked() {
            let centre = app.view_centre_lat_lon();
            add_site(app, SiteKind::Launch, centre);
        }
        if ui.button("Add patrol point").clicked() {
            let centre = app.view_centre_lat_lon();
            add_site(app, SiteKind::Patrol, centre);
        }
    });
    ui.label(
        egui::RichText::new("Drag sites on the map; right-click the map to add one there.").small(),
    );
}

/// Adds a site at `at` and selects it.
pub fn add_site(app: &mut RangeRingsApp, kind: SiteKind, at: LatLon) {
    let ids: Vec<String> = app
        .doc
        .scenario()
        .sites
        .iter()
        .map(|s| s.id.clone())
        .collect();
    let (stem, name) = match kind {
        SiteKind::Launch => ("site", "New launch site"),
        SiteKind::Patrol => ("patrol", "New patrol point"),
    };
    let site = Site {
        id: unique_id(&ids, stem),
        name: name.into(),
        kind: Some(kind),
        lat: at.lat.clamp(-90.0, 90.0),
        lon: normalize_lon(at.lon).clamp(-180.0, 180.0),
        note: None,
        illustrative: (kind == SiteKind::Patrol).then_some(true),
        area: None,
    };
    let index = app.doc.scenario().sites.len();
    match app.doc.edit(|f| f.sites.push(site)) {
        Ok(()) => app.selected_site = Some(index),
        Err(e) => app.notify(format!("Not added: {e}"), true),
    }
}

/// Adds a target at `at`.
pub fn add_target(app: &mut RangeRingsApp, at: LatLon) {
    let ids: Vec<String> = app
        .doc
        .scenario()
        .targets
        .iter()
        .map(|t| t.id.clone())
        .collect();
    let target = Target {
        id: unique_id(&ids, "target"),
        name: format!("Target {}", format_lat_lon(at)),
        lat: at.lat.clamp(-90.0, 90.0),
        lon: normalize_lon(at.lon).clamp(-180.0, 180.0),
        group: None,
        note: None,
    };
    if let Err(e) = app.doc.edit(|f| f.targets.push(target)) {
        app.notify(format!("Not added: {e}"), true);
    }
}

fn missiles_section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let missiles: Vec<Missile> = app.doc.scenario().missiles.clone();
    for (i, missile) in missiles.iter().enumerate() {
        let color = app.doc.scenario().missile_color(i);
        ui.horizontal(|ui| {
            let mut visible = missile.is_visible();
            let r = ui.checkbox(&mut visible, egui::RichText::new(&missile.name).strong());
            if r.changed() {
                apply(app, &r, |f| {
                    f.missiles[i].visible = if visible { None } else { Some(false) }
                });
            }
            let mut rgb = [color.0[0], color.0[1], color.0[2]];
            let r = ui.color_edit_button_srgb(&mut rgb);
            if r.changed() {
                let hex = Rgba([rgb[0], rgb[1], rgb[2], 255]).to_hex();
                // The picker reports a change every frame while it is dragged: one undo step for
                // a run of changes to the same missile.
                let recent = app
                    .last_color_edit
                    .is_some_and(|(m, at)| m == i && at.elapsed().as_secs_f64() < 1.5);
                if !recent {
                    app.doc.checkpoint();
                }
                if let Err(e) = app.doc.edit_continuing(|f| f.missiles[i].color = Some(hex)) {
                    app.notify(e, true);
                }
                app.last_color_edit = Some((i, std::time::Instant::now()));
            }
            if let Some(class) = &missile.class {
                ui.label(egui::RichText::new(class).weak());
            }
        });
        ui.indent(("missile", i), |ui| {
            ui.horizontal(|ui| {
                let mut range = missile.range_km;
                let label = ui.label("Range km");
                let r = ui
                    .add(
                        egui::DragValue::new(&mut range)
                            .update_while_editing(false)
                            .speed(10.0)
                            .max_decimals(0),
                    )
                    .labelled_by(label.id);
                if r.changed() {
                    apply(app, &r, |f| f.missiles[i].range_km = range);
                }
                ui.label(app.settings.units.format(missile.range_km));
            });
            if let (Some(mut min), Some(mut max)) = (missile.range_min_km, missile.range_max_km) {
                ui.horizontal(|ui| {
                    ui.label("Estimates");
                    let r = ui.add(
                        egui::DragValue::new(&mut min)
                            .update_while_editing(false)
                            .speed(10.0)
                            .max_decimals(0),
                    );
                    if r.changed() {
                        apply(app, &r, |f| f.missiles[i].range_min_km = Some(min));
                    }
                    ui.label("to");
                    let r = ui.add(
                        egui::DragValue::new(&mut max)
                            .update_while_editing(false)
                            .speed(10.0)
                            .max_decimals(0),
                    );
                    if r.changed() {
                        apply(app, &r, |f| f.missiles[i].range_max_km = Some(max));
                    }
                    ui.label("km");
                });
            }
            let from = match (&missile.from, missile.platform()) {
                (Some(list), _) => format!("from {}", list.join(", ")),
                (None, Platform::Land) => "from every launch site".to_owned(),
                (None, Platform::Sea) => "from every patrol point".to_owned(),
            };
            ui.label(egui::RichText::new(from).small());
            if missile.assumed == Some(true) {
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
                            let date = s
                                .date
                                .as_deref()
                                .map(|d| format!(" ({d})"))
                                .unwrap_or_default();
                            ui.label(egui::RichText::new(format!("• {}{date}", s.text)).small());
                        }
                    });
            }
        });
    }
}

fn coverage_section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    // Recomputed after each edit, but not on every frame of a drag (it takes tens of ms).
    let stale = app
        .coverage_cache
        .as_ref()
        .is_none_or(|(rev, _)| *rev != app.doc.revision);
    if stale && app.dragging_site.is_none() {
        app.coverage_cache = Some((
            app.doc.revision,
            crate::reach::visible_coverage(app.doc.scenario(), usize::MAX),
        ));
    }
    let scenario = app.doc.scenario();
    let Some((revision, rows)) = &app.coverage_cache else {
        return;
    };
    if *revision != app.doc.revision {
        ui.label(
            egui::RichText::new("Updating when the drag ends…")
                .small()
                .italics(),
        );
    }
    for (a, area) in scenario.target_areas.iter().enumerate() {
        ui.strong(&area.name);
        egui::Grid::new(("coverage", a))
            .striped(true)
            .show(ui, |ui| {
                for row in rows.iter().filter(|r| r.area == a) {
                    let (Some(m), Some(s)) = (
                        scenario.missiles.get(row.missile),
                        scenario.sites.get(row.site),
                    ) else {
                        continue;
                    };
                    ui.label(format!("{} from {}", m.name, s.name));
                    ui.label(format!("{:.1}% covered", row.covered_pct));
                    ui.end_row();
                }
            });
        if let Some(row) = rows.iter().find(|r| r.area == a) {
            let site = scenario
                .sites
                .get(row.site)
                .map(|s| s.name.as_str())
                .unwrap_or("");
            ui.label(
                egui::RichText::new(format!(
                    "Farthest point from {site}: {} ({:.2}°, {:.2}°)",
                    app.settings.units.format(row.farthest_km),
                    row.farthest.lat,
                    row.farthest.lon
                ))
                .small(),
            );
        }
    }
}

fn targets_section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let targets = app.doc.scenario().targets.clone();
    let mut remove = None;
    egui::Grid::new("targets").striped(true).show(ui, |ui| {
        for (i, target) in targets.iter().enumerate() {
            ui.label(&target.name);
            let (mut lat, mut lon) = (target.lat, target.lon);
            let r = ui.add(
                egui::DragValue::new(&mut lat)
                    .update_while_editing(false)
                    .speed(0.05)
                    .max_decimals(3),
            );
            if r.changed() {
                apply(app, &r, |f| f.targets[i].lat = lat);
            }
            let r = ui.add(
                egui::DragValue::new(&mut lon)
                    .update_while_editing(false)
                    .speed(0.05)
                    .max_decimals(3),
            );
            if r.changed() {
                apply(app, &r, |f| f.targets[i].lon = lon);
            }
            if ui
                .small_button("✕")
                .on_hover_text(format!("Remove {}", target.name))
                .clicked()
            {
                remove = Some(i);
            }
            ui.end_row();
        }
    });
    if let Some(i) = remove
        && let Err(e) = app.doc.edit(|f| {
            f.targets.remove(i);
        })
    {
        app.notify(e, true);
    }
    if ui.button("Add target").clicked() {
        let centre = app.view_centre_lat_lon();
        add_target(app, centre);
    }
}

// ---- Reach table --------------------------------------------------------------------------

pub fn reach_table_ui(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let scenario = app.doc.scenario().clone();
    // Geodesics for every row cost about a millisecond: compute them once per edit.
    if app
        .reach_cache
        .as_ref()
        .is_none_or(|(revision, _)| *revision != app.doc.revision)
    {
        let rows = crate::reach::reach_table_memo(&scenario, &mut app.reach_memo)
            .into_iter()
            .filter(|r| scenario.missiles[r.missile].is_visible())
            .collect();
        app.reach_cache = Some((app.doc.revision, rows));
    }
    let mut rows: Vec<ReachRow> = app
        .reach_cache
        .as_ref()
        .map(|(_, rows)| rows.clone())
        .unwrap_or_default();
    let (column, ascending) = app.reach_sort;
    rows.sort_by(|a, b| {
        let order = match column {
            ReachColumn::Site => scenario.sites[a.site]
                .name
                .cmp(&scenario.sites[b.site].name),
            ReachColumn::Missile => scenario.missiles[a.missile]
                .name
                .cmp(&scenario.missiles[b.missile].name),
            ReachColumn::Target => scenario.targets[a.target]
                .name
                .cmp(&scenario.targets[b.target].name),
            ReachColumn::Distance => a.distance_km.total_cmp(&b.distance_km),
            ReachColumn::Margin => a.margin_km().total_cmp(&b.margin_km()),
        };
        if ascending { order } else { order.reverse() }
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
    let header =
        |app: &mut RangeRingsApp, ui: &mut egui::Ui, label: &str, col: Option<ReachColumn>| {
            match col {
                Some(col) => {
                    let arrow = if app.reach_sort.0 == col {
                        if app.reach_sort.1 { " ▲" } else { " ▼" }
                    } else {
                        ""
                    };
                    if ui.button(format!("{label}{arrow}")).clicked() {
                        app.reach_sort = (
                            col,
                            if app.reach_sort.0 == col {
                                !app.reach_sort.1
                            } else {
                                true
                            },
                        );
                    }
                }
                None => {
                    ui.strong(label);
                }
            }
        };
    // One line per row: text that does not fit a column is cut with an ellipsis, never wrapped.
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    TableBuilder::new(ui)
        .striped(true)
        .sense(Sense::hover())
        .column(
            Column::initial(130.0)
                .at_least(60.0)
                .resizable(true)
                .clip(true),
        )
        .column(
            Column::initial(150.0)
                .at_least(60.0)
                .resizable(true)
                .clip(true),
        )
        .column(
            Column::initial(130.0)
                .at_least(60.0)
                .resizable(true)
                .clip(true),
        )
        .columns(Column::initial(78.0).at_least(50.0).clip(true), 6)
        .column(Column::remainder().at_least(90.0))
        .header(22.0, |mut h| {
            h.col(|ui| header(app, ui, "Site", Some(ReachColumn::Site)));
            h.col(|ui| header(app, ui, "Missile", Some(ReachColumn::Missile)));
            h.col(|ui| header(app, ui, "Target", Some(ReachColumn::Target)));
            h.col(|ui| header(app, ui, "Distance", Some(ReachColumn::Distance)));
            h.col(|ui| header(app, ui, "Bearing", None));
            h.col(|ui| header(app, ui, "Range", None));
            h.col(|ui| header(app, ui, "Margin", Some(ReachColumn::Margin)));
            h.col(|ui| header(app, ui, "Flight (min)", None));
            h.col(|ui| header(app, ui, "Rotating", None));
            h.col(|ui| header(app, ui, "Verdict", None));
        })
        .body(|body| {
            body.rows(18.0, rows.len(), |mut row| {
                let r = rows[row.index()];
                row.col(|ui| {
                    ui.label(&scenario.sites[r.site].name);
                });
                row.col(|ui| {
                    ui.label(&scenario.missiles[r.missile].name);
                });
                row.col(|ui| {
                    ui.label(&scenario.targets[r.target].name);
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
                    ui.label(format!("{:.0} min", r.flight_time_min));
                });
                row.col(|ui| {
                    match r.rotating_range_km {
                        Some(km) => ui.label(units.format(km)),
                        None => ui.label("global"),
                    }
                    .on_hover_text(
                        "Reach toward the target on the rotating Earth (Keplerian free flight)",
                    );
                });
                row.col(|ui| {
                    let verdict = r.verdict();
                    match verdict {
                        crate::reach::Verdict::InRange => {
                            ui.colored_label(Color32::from_rgb(0xc0, 0x39, 0x2b), verdict.text())
                        }
                        crate::reach::Verdict::WithinBand => {
                            ui.colored_label(Color32::from_rgb(0xd3, 0x84, 0x00), verdict.text())
                        }
                        crate::reach::Verdict::OutOfRange => ui.label(verdict.text()),
                    };
                });
                if row.response().hovered() {
                    hovered = Some((r.site, r.missile, r.target));
                }
            });
        });
    app.hovered_reach = hovered;
}

// ---- Map ----------------------------------------------------------------------------------

/// Pixels within which a press grabs a site.
const GRAB_RADIUS: f32 = 10.0;

pub fn map(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let projection = app.projection();
    let painter = ui.painter_at(rect);
    let style = app.style();
    painter.rect_filled(rect, 0.0, color32(style.background));

    // Zoom by wheel or pinch, about the pointer.
    if let Some(pointer) = response.hover_pos() {
        let (scroll, pinch) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = f64::from(pinch) * (f64::from(scroll) * 0.0015).exp();
        if (factor - 1.0).abs() > 1e-6 {
            app.map.zoom_at(&projection, rect, pointer, factor);
        }
    }
    let t0 = app.map.transform(&projection, rect);
    let scenario = app.doc.scenario().clone();
    let (markers, _) = markers_and_labels(&scenario, &projection);
    let marker_px = |m: &crate::scene::Marker| {
        let (x, y) = t0.to_px(m.position);
        Pos2::new(x as f32, y as f32)
    };
    let site_under = |p: Pos2| {
        markers
            .iter()
            .filter(|m| m.kind != MarkerKind::Target)
            .map(|m| (m.index, marker_px(m).distance(p)))
            .filter(|(_, d)| *d <= GRAB_RADIUS)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };

    // The corners of the selected site's patrol area, as drag handles.
    let corner_px = |app: &RangeRingsApp, t: &crate::scene::ViewTransform| -> Vec<(usize, Pos2)> {
        let scenario = app.doc.scenario();
        let Some(corners) = app
            .selected_site
            .and_then(|i| scenario.sites.get(i))
            .and_then(|s| s.area.clone())
        else {
            return Vec::new();
        };
        corners
            .iter()
            .enumerate()
            .filter_map(|(k, [lon, lat])| {
                let (x, y) = t.to_px(projection.forward(LatLon::lat_lon(*lat, *lon))?);
                Some((k, Pos2::new(x as f32, y as f32)))
            })
            .collect()
    };

    // Drag a corner, a site (its area moves with it), or pan.
    // Grab where the button went down: by the time a drag is recognised the pointer has moved.
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(p) = ui.input(|i| i.pointer.press_origin())
    {
        app.dragging_corner = corner_px(app, &t0)
            .into_iter()
            .find(|(_, c)| c.distance(p) <= GRAB_RADIUS)
            .and_then(|(k, _)| app.selected_site.map(|i| (i, k)));
        app.dragging_site = if app.dragging_corner.is_some() {
            None
        } else {
            site_under(p)
        };
        if let Some(i) = app.dragging_site {
            app.selected_site = Some(i);
        }
        if app.dragging_site.is_some() || app.dragging_corner.is_some() {
            app.doc.checkpoint();
        }
    }
    if response.dragged_by(egui::PointerButton::Primary) {
        let pointer = response
            .interact_pointer_pos()
            .and_then(|p| t0.to_map_pos(p))
            .and_then(|q| projection.inverse(q));
        match (app.dragging_site, app.dragging_corner, pointer) {
            (Some(i), _, Some(ll)) => {
                let (lat, lon) = (ll.lat.clamp(-90.0, 90.0), normalize_lon(ll.lon));
                // Positions that would make the area invalid (round a pole) are skipped.
                let _ = app.doc.edit_continuing(|f| {
                    if let Some(site) = f.sites.get_mut(i) {
                        let (dlat, dlon) = (lat - site.lat, normalize_lon(lon - site.lon));
                        site.lat = lat;
                        site.lon = lon;
                        for [clon, clat] in site.area.iter_mut().flatten() {
                            *clat = (*clat + dlat).clamp(-90.0, 90.0);
                            *clon = normalize_lon(*clon + dlon).clamp(-180.0, 180.0);
                        }
                    }
                });
            }
            (None, Some((i, k)), Some(ll)) => {
                let _ = app.doc.edit_continuing(|f| {
                    if let Some(corner) = f
                        .sites
                        .get_mut(i)
                        .and_then(|s| s.area.as_mut())
                        .and_then(|a| a.get_mut(k))
                    {
                        *corner = [
                            normalize_lon(ll.lon).clamp(-180.0, 180.0),
                            ll.lat.clamp(-90.0, 90.0),
                        ];
                    }
                });
            }
            (None, None, _) => {
                if matches!(
                    projection,
                    crate::projection::Projection::Orthographic { .. }
                ) {
                    // A globe turns under the pointer: the point dragged from comes to the centre
                    // of the drag's end.
                    let behind = rect.center() - response.drag_delta();
                    if let Some(ll) = t0.to_map_pos(behind).and_then(|q| projection.inverse(q)) {
                        app.settings.centre = Some((ll.lat, ll.lon));
                        app.map.centre = geo::Coord { x: 0.0, y: 0.0 };
                    }
                } else {
                    app.map.pan(&projection, rect, response.drag_delta());
                }
            }
            _ => {}
        }
    }
    if response.drag_stopped() {
        app.dragging_site = None;
        app.dragging_corner = None;
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
        && let Some(i) = site_under(p)
    {
        app.selected_site = Some(i);
    }
    if response.double_clicked()
        && let Some(p) = response.interact_pointer_pos()
    {
        app.map.zoom_at(&projection, rect, p, 2.0);
    }

    // Right-click: add a site or target where the menu was opened.
    if response.secondary_clicked() {
        app.context_point = response
            .interact_pointer_pos()
            .and_then(|p| t0.to_map_pos(p))
            .and_then(|q| projection.inverse(q));
    }
    response.context_menu(|ui| {
        let Some(at) = app.context_point else {
            ui.label("Not on the map");
            return;
        };
        ui.label(format_lat_lon(at));
        if ui.button("Add patrol point here").clicked() {
            add_site(app, SiteKind::Patrol, at);
            ui.close();
        }
        if ui.button("Add launch site here").clicked() {
            add_site(app, SiteKind::Launch, at);
            ui.close();
        }
        if ui.button("Add target here").clicked() {
            add_target(app, at);
            ui.close();
        }
    });

    // Draw: basemap, ring fills, outlines, highlight, markers, labels.
    let t = app.map.transform(&projection, rect);
    app.map.last_transform = Some(t);
    app.map_rect = Some(rect);
    let scenario = app.doc.scenario().clone();
    // After this frame's edits, so a dragged marker and its rings move together.
    let (markers, mut labels) = markers_and_labels(&scenario, &projection);
    // The selected site's label wins any collision.
    for (label, marker) in labels.iter_mut().zip(&markers) {
        if marker.kind != MarkerKind::Target && app.selected_site == Some(marker.index) {
            label.priority = u8::MAX;
        }
    }
    let detail = app.detail(t.scale);
    let basemap = app.map.basemap(&projection, detail);
    app.map
        .paint_basemap(&painter, &basemap, &t, rect, &style, app.settings.dark);
    let rings = app
        .map
        .rings(&scenario, &projection, 0.5 / t.scale, app.layers());
    let highlight = app.hovered_reach;
    app.map.paint_rings(
        &painter,
        &rings,
        &t,
        rect,
        &style,
        highlight.map(|(s, m, _)| (s, m)),
    );
    if let Some((s, _, target)) = highlight {
        draw_geodesic(
            &painter,
            &projection,
            &t,
            rect,
            &scenario.sites[s],
            &scenario.targets[target],
            &style,
        );
    }
    let ink = color32(style.text);
    let paper = color32(style.background);
    for m in markers.iter().filter(|m| !m.area.is_empty()) {
        for line in &m.area {
            for piece in visible_pieces(line, &t, rect.expand(4.0)) {
                painter.extend(Shape::dashed_line(&piece, Stroke::new(1.5, ink), 6.0, 4.0));
            }
        }
    }
    for (_, c) in corner_px(app, &t) {
        painter.rect(
            Rect::from_center_size(c, Vec2::splat(8.0)),
            1.0,
            paper,
            Stroke::new(1.5, ink),
            egui::StrokeKind::Middle,
        );
    }
    for m in &markers {
        let (x, y) = t.to_px(m.position);
        let p = Pos2::new(x as f32, y as f32);
        if !rect.expand(8.0).contains(p) {
            continue;
        }
        let selected = m.kind != MarkerKind::Target && app.selected_site == Some(m.index);
        let r = if selected { 7.0 } else { 5.0 };
        match m.kind {
            MarkerKind::Launch => {
                let pts = vec![
                    p + Vec2::new(0.0, -1.3 * r),
                    p + Vec2::new(1.15 * r, 0.75 * r),
                    p + Vec2::new(-1.15 * r, 0.75 * r),
                ];
                painter.add(Shape::convex_polygon(pts, ink, Stroke::new(1.0, paper)));
            }
            MarkerKind::Patrol { illustrative } => {
                let pts = vec![
                    p + Vec2::new(0.0, -r),
                    p + Vec2::new(r, 0.0),
                    p + Vec2::new(0.0, r),
                    p + Vec2::new(-r, 0.0),
                ];
                let fill = if illustrative { paper } else { ink };
                painter.add(Shape::convex_polygon(pts, fill, Stroke::new(1.5, ink)));
            }
            MarkerKind::Target => {
                painter.circle(p, 3.5, paper, Stroke::new(1.5, ink));
            }
        }
        if selected {
            painter.circle_stroke(
                p,
                r + 4.0,
                Stroke::new(1.5, Color32::from_rgb(0xff, 0xb0, 0x00)),
            );
        }
    }
    if app.settings.labels {
        let font = 12.0;
        let clip = (
            f64::from(rect.left()),
            f64::from(rect.top()),
            f64::from(rect.right()),
            f64::from(rect.bottom()),
        );
        for placed in place_labels(&labels, &t, font, clip, |s| {
            crate::fonts::text_width(s, font, false)
        }) {
            let pos = Pos2::new(placed.x as f32, (placed.baseline - 0.8 * font) as f32);
            // A halo keeps labels readable over rings and land.
            for d in [
                Vec2::new(-1.0, 0.0),
                Vec2::new(1.0, 0.0),
                Vec2::new(0.0, -1.0),
                Vec2::new(0.0, 1.0),
            ] {
                painter.text(
                    pos + d,
                    Align2::LEFT_TOP,
                    &placed.text,
                    FontId::proportional(font as f32),
                    paper,
                );
            }
            painter.text(
                pos,
                Align2::LEFT_TOP,
                &placed.text,
                FontId::proportional(font as f32),
                ink,
            );
        }
    }

    // Hover: coordinates, distance and bearing, and which rings hold the point.
    app.hover_point = response
        .hover_pos()
        .and_then(|p| t.to_map_pos(p))
        .and_then(|q| projection.inverse(q));
    if let Some(point) = app.hover_point
        && app.dragging_site.is_none()
    {
        let specs: Vec<_> = scenario
            .ring_specs()
            .into_iter()
            .filter(|s| scenario.missiles[s.missile].is_visible())
            .collect();
        let inside = rings_containing(&scenario, &specs, point);
        let selected = app
            .selected_site
            .and_then(|i| scenario.sites.get(i))
            .cloned();
        let units = app.settings.units;
        response.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(format_lat_lon(point));
            if let Some(site) = &selected {
                let line = inverse(LatLon::lat_lon(site.lat, site.lon), point);
                ui.label(format!(
                    "{} from {}, bearing {:.1}°",
                    units.format(line.distance_m / 1000.0),
                    site.name,
                    line.azimuth_deg
                ));
            }
            if inside.is_empty() {
                ui.label("Within no drawn ring");
            } else {
                ui.label("Within range of:");
                for s in inside.iter().take(8) {
                    ui.label(format!(
                        "• {} from {}",
                        scenario.missiles[s.missile].name, scenario.sites[s.site].name
                    ));
                }
                if inside.len() > 8 {
                    ui.label(format!("… and {} more", inside.len() - 8));
                }
            }
        });
    }

    // Notices over the top of the map, where the user is looking.
    notices(app, ui, rect);
}

fn draw_geodesic(
    painter: &egui::Painter,
    projection: &crate::projection::Projection,
    t: &crate::scene::ViewTransform,
    rect: Rect,
    site: &Site,
    target: &Target,
    style: &crate::scene::Style,
) {
    let from = LatLon::lat_lon(site.lat, site.lon);
    let line = inverse(from, LatLon::lat_lon(target.lat, target.lon));
    let points: Vec<geo::Coord<f64>> = (0..=96)
        .map(|k| {
            let p = destination(
                from,
                line.azimuth_deg,
                line.distance_m * f64::from(k) / 96.0,
            );
            geo::Coord { x: p.lon, y: p.lat }
        })
        .collect();
    let stroke = Stroke::new(2.0, color32(style.text));
    for piece in projection.project_line(&points, 0.5 / t.scale) {
        for pts in visible_pieces(&piece, t, rect) {
            painter.add(PathShape::line(pts, stroke));
        }
    }
}

fn notices(app: &mut RangeRingsApp, ui: &mut egui::Ui, rect: Rect) {
    let mut dismissed = None;
    let mut y = rect.top() + 8.0;
    for (i, notice) in app.notices.iter().enumerate() {
        let area = egui::Area::new(egui::Id::unique(("notice", i)))
            .fixed_pos(Pos2::new(rect.left() + 12.0, y))
            .order(egui::Order::Foreground);
        let shown = area.show(ui.ctx(), |ui| {
            let fill = if notice.error {
                Color32::from_rgb(0x8e, 0x1b, 0x10)
            } else {
                Color32::from_rgb(0x22, 0x4a, 0x6b)
            };
            egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
                ui.set_max_width(rect.width() - 40.0);
                ui.horizontal(|ui| {
                    ui.colored_label(Color32::WHITE, &notice.text);
                    if ui.small_button("Dismiss").clicked() {
                        dismissed = Some(i);
                    }
                });
            });
        });
        y += shown.response.rect.height() + 6.0;
    }
    if let Some(i) = dismissed {
        app.notices.remove(i);
    }
}

// ---- Dialogs ------------------------------------------------------------------------------

pub fn dialogs(app: &mut RangeRingsApp, ctx: &egui::Context) {
    if let Some(recovered) = app.pending_recovery.clone() {
        let modal = egui::Modal::new(egui::Id::unique("recovery")).show(ctx, |ui| {
            ui.heading("Restore unsaved work?");
            let name = recovered
                .origin
                .as_ref()
                .map_or_else(|| "a scenario".to_owned(), |p| p.display().to_string());
            let when = crate::export::civil_date_of(recovered.saved_at);
            ui.label(format!(
                "The last session ended with unsaved changes to {name} (autosaved {when} UTC)."
            ));
            ui.horizontal(|ui| {
                if ui.button("Restore").clicked() {
                    return Some(true);
                }
                if ui.button("Discard it").clicked() {
                    return Some(false);
                }
                None
            })
            .inner
        });
        if let Some(restore) = modal.inner {
            app.answer_recovery(restore);
        }
    }
    if let Some(pending) = app.pending.clone() {
        let modal = egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label("The scenario has changes that are not saved. Save them first?");
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    return Some(true);
                }
                if ui.button("Discard changes").clicked() {
                    return Some(false);
                }
                if ui.button("Cancel").clicked() {
                    app.pending = None;
                }
                None
            })
            .inner
        });
        match modal.inner {
            Some(true) => {
                app.pending = None;
                match app.doc.path.clone() {
                    Some(path) => {
                        app.save_to(path);
                        if !app.doc.dirty {
                            app.carry_out(pending);
                        }
                    }
                    None => {
                        app.after_save = Some(pending);
                        app.path_dialog = Some((true, String::new()));
                    }
                }
            }
            Some(false) => {
                app.pending = None;
                app.carry_out(pending);
            }
            None => {}
        }
        if modal.should_close() {
            app.pending = None;
        }
    }

    if let Some((saving, mut text)) = app.path_dialog.clone() {
        let mut open = true;
        let mut done = None;
        egui::Window::new(if saving {
            "Save scenario as"
        } else {
            "Open scenario"
        })
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("Path of the scenario file (JSON):");
            let r = ui.text_edit_singleline(&mut text);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                if (ui.button(if saving { "Save" } else { "Open" }).clicked() || enter)
                    && !text.trim().is_empty()
                {
                    done = Some(std::path::PathBuf::from(text.trim()));
                }
                if app.native_dialogs && ui.button("Browse…").clicked() {
                    app.commands.push(if saving {
                        Command::SaveAsDialog
                    } else {
                        Command::OpenDialog
                    });
                }
            });
        });
        app.path_dialog = if open && done.is_none() {
            Some((saving, text))
        } else {
            None
        };
        if let Some(path) = done {
            app.commands.push(if saving {
                Command::SaveAs(path)
            } else {
                Command::Open(path)
            });
        }
    }

    if let Some(mut dialog) = app.export_dialog.clone() {
        let mut open = true;
        let mut go = false;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                export_form(app, ui, &mut dialog, &mut go);
            });
        app.export_dialog = if open && !go {
            Some(dialog.clone())
        } else {
            None
        };
        if go {
            let extent = if dialog.current_view {
                app.map
                    .last_transform
                    .zip(app.map_rect)
                    .map(|(t, rect)| shown_extent(&t, rect))
            } else {
                None
            };
            let options = ImageOptions {
                width: dialog.width,
                height: dialog.height,
                layout: dialog.layout,
                style: crate::scene::Style::LIGHT,
                date: crate::export::today(),
                title: Some(dialog.title.clone()).filter(|t| !t.trim().is_empty()),
                extent,
                layers: app.layers(),
            };
            app.commands.push(Command::Export(ExportRequest {
                path: dialog.path.trim().into(),
                options,
            }));
        }
    }

    if let Some(page) = app.help {
        let mut open = true;
        egui::Window::new(match page {
            HelpPage::Sources => "Sources",
            HelpPage::About => "About range-rings",
        })
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| match page {
            HelpPage::Sources => {
                egui::ScrollArea::vertical().max_height(480.0).show(ui, |ui| {
                    for m in &app.doc.scenario().missiles {
                        ui.strong(format!("{} ({})", m.name, Units::Km.format(m.range_km)));
                        for s in &m.sources {
                            let date = s.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                            ui.label(format!("• {}{date}", s.text));
                        }
                        if m.sources.is_empty() {
                            ui.label("No source given");
                        }
                    }
                });
            }
            HelpPage::About => {
                ui.label("range-rings draws missile range rings: geodesic circles on the WGS84 ellipsoid (Karney's algorithm), at each missile's published maximum range.");
                ui.label("Rings assume an unspecified payload and, unless View > Earth-rotation footprints is on, no Earth rotation. Reach is decided by geodesic distance, not by the drawn shape.");
                ui.label("Flight times: minimum-energy two-body free flight plus a 1.5-4 min boost allowance.");
                ui.label("Basemap: Natural Earth (public domain). Font: DejaVu Sans.");
                ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            }
        });
        if !open {
            app.help = None;
        }
    }
}

fn export_form(
    app: &mut RangeRingsApp,
    ui: &mut egui::Ui,
    dialog: &mut ExportDialog,
    go: &mut bool,
) {
    egui::Grid::new("export-form")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("File");
            ui.horizontal(|ui| {
                ui.text_edit_singleline(&mut dialog.path);
                if app.native_dialogs && ui.button("Browse…").clicked() {
                    app.start_export_dialog();
                }
            });
            ui.end_row();
            ui.label("Format");
            let ext = std::path::Path::new(dialog.path.trim())
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_lowercase();
            ui.horizontal(|ui| {
                for format in ["png", "svg", "geojson", "kml"] {
                    if ui
                        .selectable_label(ext == format, format.to_uppercase())
                        .clicked()
                    {
                        dialog.path = std::path::Path::new(dialog.path.trim())
                            .with_extension(format)
                            .display()
                            .to_string();
                    }
                }
            });
            ui.end_row();
            ui.label("Size");
            ui.horizontal(|ui| {
                for (label, w, h) in [
                    ("Slide", 1920, 1080),
                    ("Slide 4K", 3840, 2160),
                    ("A4 300 dpi", 3508, 2480),
                    ("Letter 300 dpi", 3300, 2550),
                ] {
                    if ui
                        .selectable_label((dialog.width, dialog.height) == (w, h), label)
                        .clicked()
                    {
                        (dialog.width, dialog.height) = (w, h);
                    }
                }
                ui.add(
                    egui::DragValue::new(&mut dialog.width)
                        .range(64..=16384)
                        .suffix(" px"),
                );
                ui.label("×");
                ui.add(
                    egui::DragValue::new(&mut dialog.height)
                        .range(64..=16384)
                        .suffix(" px"),
                );
            });
            ui.end_row();
            ui.label("Layout");
            ui.horizontal(|ui| {
                ui.radio_value(&mut dialog.layout, Layout::Briefing, "Briefing");
                ui.radio_value(&mut dialog.layout, Layout::Map, "Map only");
            });
            ui.end_row();
            ui.label("Title");
            ui.text_edit_singleline(&mut dialog.title);
            ui.end_row();
            ui.label("Extent");
            ui.checkbox(
                &mut dialog.current_view,
                "What the window shows (otherwise the whole map)",
            );
            ui.end_row();
        });
    ui.label(egui::RichText::new(format!("Projection: {}", app.projection().name())).small());
    let valid =
        crate::export::Format::from_path(std::path::Path::new(dialog.path.trim())).is_some();
    if !valid {
        ui.colored_label(
            Color32::from_rgb(0xc0, 0x39, 0x2b),
            "Use a .png, .svg, .geojson or .kml file name.",
        );
    }
    if ui
        .add_enabled(valid && !app.exporting(), egui::Button::new("Export"))
        .clicked()
    {
        *go = true;
    }
}
