//! Side panel: sites and patrol points (select, rename, move, kind, patrol area, remove, add).

use super::edit_from;
use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step};
use crate::geodesy::Origin;
use crate::scenario::SiteKind;
use eframe::egui;

/// The sites section.
pub fn section(app: &mut RangeRingsApp, ui: &mut egui::Ui) {
    let sites = app.doc.scenario().sites().to_vec();
    for (i, site) in sites.iter().enumerate() {
        let selected = app.interaction.selected_site == Some(i);
        let icon = match site.kind {
            SiteKind::Launch => "▲",
            SiteKind::Patrol => "◆",
        };
        if ui
            .selectable_label(selected, format!("{icon} {}", site.name))
            .on_hover_text("Select it, and show it on the map")
            .clicked()
        {
            app.interaction.selected_site = Some(i);
            app.commands.push(Command::CentreOn(site.position));
        }
        if selected {
            egui::Frame::group(ui.style()).show(ui, |ui| details(app, ui, i, site));
        }
    }
    ui.horizontal(|ui| {
        for (label, kind) in [
            ("Add launch site", SiteKind::Launch),
            ("Add patrol point", SiteKind::Patrol),
        ] {
            if ui.button(label).clicked() {
                let at = app.view_centre_lat_lon();
                app.commands.push(Command::Edit(
                    Edit::AddSite {
                        kind,
                        at,
                        name: None,
                    },
                    Step::New,
                ));
            }
        }
    });
    ui.label(
        egui::RichText::new("Drag sites on the map; right-click the map to add one there.").small(),
    );
}

/// The selected site's fields.
fn details(app: &mut RangeRingsApp, ui: &mut egui::Ui, i: usize, site: &crate::scenario::Site) {
    ui.horizontal(|ui| {
        let label = ui.label("Name");
        let (r, renamed) = super::name_field(ui, ("site name", i), &site.name, 200.0);
        let r = r.labelled_by(label.id);
        if let Some(name) = renamed {
            edit_from(app, &r, Edit::RenameSite { site: i, name });
        }
    });
    let names = ["Latitude".to_owned(), "Longitude".to_owned()];
    if let Some((response, to)) = super::position_fields(ui, site.position, names) {
        edit_from(app, &response, Edit::MoveSite { site: i, to });
    }
    ui.horizontal(|ui| {
        let mut kind = site.kind;
        ui.label("Kind");
        let a = ui.radio_value(&mut kind, SiteKind::Launch, "launch site");
        let b = ui.radio_value(&mut kind, SiteKind::Patrol, "patrol point");
        if a.changed() || b.changed() {
            edit_from(app, &a, Edit::SetSiteKind { site: i, kind });
        }
    });
    if site.kind == SiteKind::Patrol {
        ui.horizontal(|ui| match site.origin {
            Origin::Point(_) => {
                let r = ui.button("Add patrol area");
                if r.clicked() {
                    edit_from(app, &r, Edit::AddPatrolArea { site: i });
                }
            }
            Origin::Area(_) => {
                let r = ui.button("Remove patrol area");
                if r.clicked() {
                    edit_from(app, &r, Edit::RemovePatrolArea { site: i });
                }
                ui.label(egui::RichText::new("Drag its corners on the map").small());
            }
        });
    }
    if site.illustrative {
        ui.label(egui::RichText::new("Illustrative position, not from a source").italics());
    }
    if site.hypothetical {
        ui.label(
            egui::RichText::new("Hypothetical: no submarine is known to patrol here").italics(),
        );
    }
    if let Some(note) = &site.note {
        ui.label(egui::RichText::new(note).small());
    }
    flown_from(app, ui, i, site);
    let used_by = app
        .doc
        .scenario()
        .file()
        .missiles
        .iter()
        .any(|m| m.from.as_ref().is_some_and(|f| f.contains(&site.id)));
    let remove = ui.add_enabled(!used_by, egui::Button::new("Remove site"));
    let remove = if used_by {
        remove.on_disabled_hover_text("A missile's `from` list names this site")
    } else {
        remove
    };
    if remove.clicked() {
        edit_from(app, &remove, Edit::RemoveSite { site: i });
        app.interaction.selected_site = None;
    }
}

/// Which missiles fly from the site; when none does, why, and a way to change it.
fn flown_from(app: &mut RangeRingsApp, ui: &mut egui::Ui, i: usize, site: &crate::scenario::Site) {
    let scenario = app.doc.scenario();
    let names: Vec<&str> = scenario
        .missiles()
        .iter()
        .filter(|m| m.launch_sites.contains(&i))
        .map(|m| m.name.as_str())
        .collect();
    if !names.is_empty() {
        ui.label(egui::RichText::new(format!("Flown from here: {}", names.join(", "))).small());
        return;
    }
    let platform = match site.kind {
        SiteKind::Launch => crate::scenario::Platform::Land,
        SiteKind::Patrol => crate::scenario::Platform::Sea,
    };
    let listed = scenario
        .missiles()
        .iter()
        .zip(&scenario.file().missiles)
        .filter(|(m, f)| m.platform == platform && f.from.is_some())
        .count();
    let why = if listed == 0 {
        "No missile flies from here: add one under Missiles."
    } else {
        "No missile flies from here: each names its own sites under Missiles, Flies from."
    };
    ui.colored_label(ui.visuals().warn_fg_color, why);
    if listed > 0 {
        let r = ui
            .button(format!("Fly all {listed} from here too"))
            .on_hover_text("Add this site to the sites of every missile of its kind");
        if r.clicked() {
            edit_from(app, &r, Edit::FlyAllFrom { site: i });
        }
    }
}
