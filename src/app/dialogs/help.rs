//! Help windows: every missile's sources, and what the tool is and what the rings assume.

use crate::app::RangeRingsApp;
use crate::format::DistanceUnit;
use eframe::egui;

/// Help windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// Every missile's sources.
    Sources,
    /// What the tool is and what the rings assume.
    About,
}

/// Shows the help window, if open.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    let Some(page) = app.dialogs.help else {
        return;
    };
    let mut open = true;
    egui::Window::new(match page {
        HelpPage::Sources => "Sources",
        HelpPage::About => "About range-rings",
    })
    .open(&mut open)
    .default_width(520.0)
    .show(ctx, |ui| match page {
        HelpPage::Sources => {
            egui::ScrollArea::vertical()
                .max_height(480.0)
                .show(ui, |ui| {
                    for m in app.doc.scenario().missiles() {
                        ui.strong(format!(
                            "{} ({})",
                            m.name,
                            DistanceUnit::Km.format(m.range_km)
                        ));
                        for s in &m.sources {
                            ui.label(format!("• {}", s.line()));
                        }
                        if m.sources.is_empty() {
                            ui.label("No source given");
                        }
                    }
                });
        }
        HelpPage::About => {
            ui.label(
                "range-rings draws missile range rings: geodesic circles on the WGS84 ellipsoid \
                 (Karney's algorithm), at each missile's nominal range. Each source says whether \
                 its figure was flown, estimated from a test, assessed, claimed or assumed.",
            );
            if let Some(date) = app.doc.scenario().as_of() {
                ui.label(format!("Figures as of {date}."));
            }
            ui.label(
                "Rings assume an unspecified payload and, unless View > Earth-rotation \
                 footprints is on, no Earth rotation. Reach is decided by geodesic distance, \
                 not by the drawn shape.",
            );
            ui.label(
                "Flight times and rotating-Earth reach: a powered model (boost by class, then \
                 free flight, no drag) calibrated to each nominal range; cruise missiles at their \
                 cruise speed; glide vehicles are not modelled. Tools > Estimate from a test \
                 turns a lofted test into a range.",
            );
            ui.label("Basemap: Natural Earth (public domain). Font: DejaVu Sans.");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        }
    });
    if !open {
        app.dialogs.help = None;
    }
}
