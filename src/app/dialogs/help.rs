//! Help windows: every missile's sources, and what the tool is and what the rings assume.

use crate::app::RangeRingsApp;
use crate::format::DistanceUnit;
use eframe::egui;

/// Help windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HelpPage {
    /// How to build a scenario, and every shortcut.
    QuickStart,
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
        HelpPage::QuickStart => "Quick start",
        HelpPage::Sources => "Sources",
        HelpPage::About => "About range-rings",
    })
    .open(&mut open)
    .default_width(520.0)
    .show(ctx, |ui| match page {
        HelpPage::QuickStart => quick_start(ui),
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
            ui.label(crate::gazetteer::ATTRIBUTION);
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
        }
    });
    if !open {
        app.dialogs.help = None;
    }
}

/// The steps from an empty scenario to a briefing.
const STEPS: [&str; 6] = [
    "File > New starts an empty scenario.",
    "Add a launch site: right-click the map (Add launch site here), or Edit > Find a place \
     and press Site.",
    "Add a missile under Missiles: set its name, class and range; it flies from every launch \
     site until you tick only some under Flies from.",
    "Add targets the same way (right-click, or Find a place and Target); click ☆ to make one a \
     key place, a column of the reach matrix. Drag markers to move them.",
    "Read the answer in the reach matrix and the reach table at the bottom; click a row to see \
     it on the map.",
    "File > Export writes the briefing image (PNG, SVG, PDF) or the rings as GeoJSON or KML.",
];

/// Every shortcut, as (keys, what they do).
const SHORTCUTS: [(&str, &str); 20] = [
    ("Ctrl+N", "New scenario"),
    ("Ctrl+O", "Open a scenario"),
    ("Ctrl+S / Ctrl+Shift+S", "Save / Save as"),
    ("Ctrl+E", "Export a briefing or data"),
    ("Ctrl+Shift+C", "Copy the briefing image to the clipboard"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Y, Ctrl+Shift+Z", "Redo"),
    ("Ctrl+F", "Find a place"),
    ("Ctrl+0", "Fit the view to the visible rings"),
    ("Ctrl+Q", "Quit"),
    ("Arrow keys", "Pan the map"),
    ("+ / -", "Zoom in / out"),
    ("Mouse wheel, double-click", "Zoom about the pointer"),
    (
        "Drag on the map",
        "Pan; on a marker or a patrol-area corner, move it",
    ),
    (
        "Right-click on the map",
        "Add a site, a target or a ring here; measure from here",
    ),
    ("Tools > Ruler", "Two clicks measure distance and bearings"),
    (
        "Tools > Draw a target area",
        "Click corners; double-click or Enter finishes",
    ),
    (
        "Backspace",
        "While drawing an area: take the last corner back",
    ),
    ("Esc", "Leave the ruler or the area tool"),
    (
        "Click a reach row or matrix cell",
        "Show its ring and path and fit the view to them",
    ),
];

fn quick_start(ui: &mut egui::Ui) {
    ui.strong("From nothing to a briefing");
    for (n, step) in STEPS.iter().enumerate() {
        ui.label(format!("{}. {step}", n + 1));
    }
    ui.add_space(8.0);
    ui.strong("Shortcuts");
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (keys, what) in SHORTCUTS {
            if cfg!(target_arch = "wasm32") && what == "Quit" {
                continue;
            }
            ui.monospace(keys);
            ui.label(what);
            ui.end_row();
        }
    });
}
