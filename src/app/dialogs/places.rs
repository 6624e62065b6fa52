//! Place search over the bundled GeoNames gazetteer: type a name, then go there, or add the
//! place as a target, a launch site or a patrol point.

use crate::app::RangeRingsApp;
use crate::app::commands::Command;
use crate::app::edit::{Edit, Step};
use crate::gazetteer::{self, Place};
use crate::scenario::SiteKind;
use eframe::egui;

/// Places listed for a query.
const RESULTS: usize = 12;

/// The search window's state.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceSearch {
    /// The query as typed.
    pub query: String,
    /// The field has been given the keyboard focus since the window opened.
    pub focused: bool,
}

/// What to do with a place found.
enum Use {
    Go,
    Target,
    Site(SiteKind),
}

/// Shows the place search, if open.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(mut search) = app.dialogs.places.clone() else {
        return;
    };
    let mut open = true;
    let mut chosen: Option<(&'static Place, Use)> = None;
    egui::Window::new("Find a place")
        .open(&mut open)
        .default_width(440.0)
        .show(ctx, |ui| {
            let r = ui.add(
                egui::TextEdit::singleline(&mut search.query)
                    .hint_text("City, or City, Country")
                    .desired_width(f32::INFINITY),
            );
            if !search.focused {
                r.request_focus();
                search.focused = true;
            }
            let found = gazetteer::search(&search.query, RESULTS);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if enter && let Some(first) = found.first() {
                chosen = Some((first, Use::Go));
            }
            if !search.query.trim().is_empty() && found.is_empty() {
                ui.label("No place of 15,000 people or more by that name.");
            }
            egui::Grid::new("places").striped(true).show(ui, |ui| {
                for place in found {
                    ui.label(place.label()).on_hover_text(format!(
                        "{}, population {}",
                        crate::format::lat_lon(place.position),
                        crate::format::thousands(place.population as f64)
                    ));
                    let name = place.label();
                    for (label, what, purpose) in [
                        ("Go", format!("Go to {name}"), Use::Go),
                        ("Target", format!("Add {name} as a target"), Use::Target),
                        (
                            "Site",
                            format!("Add {name} as a launch site"),
                            Use::Site(SiteKind::Launch),
                        ),
                        (
                            "Patrol",
                            format!("Add {name} as a patrol point"),
                            Use::Site(SiteKind::Patrol),
                        ),
                    ] {
                        let r = ui.small_button(label).accessible_name(&what);
                        if r.on_hover_text(what).clicked() {
                            chosen = Some((place, purpose));
                        }
                    }
                    ui.end_row();
                }
            });
            ui.label(egui::RichText::new(gazetteer::ATTRIBUTION).small().weak());
        });
    app.dialogs.places = open.then_some(search);
    let Some((place, purpose)) = chosen else {
        return;
    };
    let (at, name) = (place.position, Some(place.name.clone()));
    app.commands.push(Command::CentreOn(at));
    let edit = match purpose {
        Use::Go => return,
        Use::Target => Edit::AddTarget { at, name },
        Use::Site(kind) => Edit::AddSite { kind, at, name },
    };
    app.commands.push(Command::Edit(edit, Step::New));
}
