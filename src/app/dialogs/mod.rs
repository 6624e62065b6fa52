//! The app's dialogs, one file each: the unsaved-changes and recovery questions, the typed-path
//! prompt, the export form, the help windows and the notices over the map. Like the panels,
//! they push [`super::commands::Command`]s instead of acting.

mod export;
mod help;
mod notices;
mod path;
mod questions;

pub use export::ExportForm;
pub use help::HelpPage;
pub use notices::show_notices;
pub use path::{PathPrompt, PathPurpose};

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
}

/// Shows every open dialog.
pub fn show(app: &mut RangeRingsApp, ctx: &egui::Context) {
    questions::recovery(app, ctx);
    questions::unsaved(app, ctx);
    path::show(app, ctx);
    export::show(app, ctx);
    help::show(app, ctx);
}
