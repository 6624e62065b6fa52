//! The app's dialogs, one file each: the unsaved-changes and recovery questions, the typed-path
//! prompt, the export form, the help windows, the estimate and plots windows and the notices
//! over the map. Like the panels,
//! they push [`super::commands::Command`]s instead of acting.

mod estimate;
mod export;
mod help;
mod notices;
mod path;
mod places;
mod plots;
mod questions;

pub use estimate::EstimateForm;
pub use export::{ExportForm, image_options};
pub use help::HelpPage;
pub use notices::show_notices;
pub use path::{PathPrompt, PathPurpose};
pub use places::PlaceSearch;
pub use plots::{PlotKind, PlotsWindow};

use super::RangeRingsApp;
use super::commands::Pending;
use super::recovery::Recovered;
use super::state::Notices;
use eframe::egui;

/// Open dialogs, the questions waiting for an answer, and the notices.
#[derive(Debug, Default)]
pub struct Dialogs {
    /// The export form.
    pub export: Option<ExportForm>,
    /// The form as it was last sent, so the next export starts from the same file and size.
    pub last_export: Option<ExportForm>,
    /// The typed-path prompt (open or save as).
    pub path: Option<PathPrompt>,
    /// The help window.
    pub help: Option<HelpPage>,
    /// A discarding action waiting for the unsaved-changes answer.
    pub unsaved: Option<Pending>,
    /// Work found in the recovery file at start-up, waiting for the user's answer.
    pub recovery: Option<Recovered>,
    /// Messages over the map.
    pub notices: Notices,
    /// The "Estimate from a test" window.
    pub estimate: Option<EstimateForm>,
    /// The plots window.
    pub plots: Option<PlotsWindow>,
    /// The place search.
    pub places: Option<PlaceSearch>,
    /// A file that could not be opened, and every problem with it.
    pub refused: Option<(std::path::PathBuf, String)>,
}

/// Shows every open dialog.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    questions::recovery(app, ctx);
    questions::unsaved(app, ctx);
    questions::refused(app, ctx);
    path::show(app, ctx);
    export::show(app, ctx);
    help::show(app, ctx);
    estimate::show(app, ctx);
    plots::show(app, ctx);
    places::show(app, ctx);
}
