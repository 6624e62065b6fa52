//! The app's state that is neither the document nor a cache: what is remembered between runs
//! ([`Settings`]), what the pointer and the selection are doing ([`Interaction`]), and the
//! messages shown over the map ([`Notices`]).

use crate::format::DistanceUnit;
use crate::geodesy::LatLon;
use crate::projection::{ProjectionChoice, ProjectionKind};
use crate::scenario::Scenario;
use crate::scene::Highlight;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::Duration;
use web_time::Instant;

/// Basemap detail choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DetailChoice {
    /// By scale: 1:110m for the world, 1:50m when zoomed in.
    #[default]
    Auto,
    /// Always 1:110m.
    Coarse,
    /// Always 1:50m.
    Fine,
}

/// What is remembered between runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Projection kind.
    pub projection: ProjectionKind,
    /// Central meridian of world maps, degrees east.
    pub central_lon: f64,
    /// Centre of azimuthal maps, (lat, lon) degrees; the selected site's when `None`.
    pub centre: Option<(f64, f64)>,
    /// Basemap detail.
    pub detail: DetailChoice,
    /// Draw labels.
    pub labels: bool,
    /// Distance units.
    pub units: DistanceUnit,
    /// Dark theme.
    pub dark: bool,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Zoom of the map (1 = the whole map fits).
    pub zoom: f64,
    /// The map point at the centre of the view, map units.
    pub view_centre: (f64, f64),
    /// Shade the band between the lowest and highest published estimates.
    pub bands: bool,
    /// Draw the rotation-aware footprints.
    pub rotation: bool,
    /// Draw ring outlines only, without the tint.
    pub outlines_only: bool,
    /// Strength of the ring tint, 0 to 1; the theme's when `None`.
    pub tint: Option<f64>,
    /// What the bottom panel shows.
    pub bottom: BottomTab,
}

/// What the bottom panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BottomTab {
    /// The reach matrix: the answer at a glance.
    #[default]
    Matrix,
    /// Every site-missile-target row.
    ReachTable,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            projection: ProjectionKind::Equirectangular,
            central_lon: 150.0,
            centre: None,
            detail: DetailChoice::Auto,
            labels: true,
            units: DistanceUnit::Km,
            dark: false,
            recent: Vec::new(),
            zoom: 1.0,
            view_centre: (0.0, 0.0),
            bands: true,
            rotation: false,
            outlines_only: false,
            tint: None,
            bottom: BottomTab::Matrix,
        }
    }
}

/// Recent files kept.
const RECENT_LIMIT: usize = 8;

impl Settings {
    /// Settings for a scenario opened without remembered ones: its own view.
    pub fn for_scenario(scenario: &Scenario) -> Self {
        let mut settings = Self::default();
        if scenario.view().is_some() {
            settings.take_view(scenario.view_choice());
        }
        settings
    }

    /// Uses a scenario's view (projection, central meridian, centre).
    pub fn take_view(&mut self, choice: ProjectionChoice) {
        self.projection = choice.kind;
        self.central_lon = choice.central_lon;
        self.centre = choice.centre.map(|c| (c.lat, c.lon));
    }

    /// The projection these settings choose; an azimuthal map without a remembered centre is
    /// centred on `fallback`.
    pub fn projection_choice(&self, fallback: Option<LatLon>) -> ProjectionChoice {
        ProjectionChoice {
            kind: self.projection,
            central_lon: self.central_lon,
            centre: self
                .centre
                .map(|(lat, lon)| LatLon::lat_lon(lat, lon))
                .or(fallback),
        }
    }

    /// Puts `path` first among the recent files.
    pub fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_LIMIT);
    }
}

/// Reach table columns, for sorting.
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
    /// Initial bearing from the site.
    Bearing,
    /// The missile's nominal range.
    Range,
    /// Margin (range minus distance).
    Margin,
    /// Flight time (rows without one last).
    Flight,
    /// Reach on the rotating Earth (rows without a figure last).
    Rotating,
    /// Verdict, nearest first: in range, within the band, inside the minimum range, out.
    Verdict,
}

/// How the reach table is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReachSort {
    /// The column.
    pub column: ReachColumn,
    /// Smallest first.
    pub ascending: bool,
}

/// What is grabbed on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grab {
    /// A site (its patrol area moves with it).
    Site(usize),
    /// A target.
    Target(usize),
    /// One corner of a site's patrol area.
    Corner {
        /// Index into the scenario's sites.
        site: usize,
        /// Index into its area's corners.
        corner: usize,
    },
}

/// What a click on the map does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MapTool {
    /// Select and drag markers, pan and zoom.
    #[default]
    Browse,
    /// Two clicks measure the geodesic distance and bearings between two points.
    Ruler,
    /// Clicks add corners of a new target area; a double click or Enter finishes it.
    DrawArea,
}

/// Selection, hover and drags: what the user is pointing at and doing.
#[derive(Debug, Clone, PartialEq)]
pub struct Interaction {
    /// Index of the selected site.
    pub selected_site: Option<usize>,
    /// Index of the missile whose editor is open.
    pub selected_missile: Option<usize>,
    /// Index of the selected target.
    pub selected_target: Option<usize>,
    /// What a click on the map does.
    pub tool: MapTool,
    /// The ruler's end points (none, the first, or both).
    pub ruler: Vec<LatLon>,
    /// Corners of the target area being drawn.
    pub area_draft: Vec<LatLon>,
    /// Radius of the next quick ring, km.
    pub quick_ring_km: f64,
    /// The reach-table row under the pointer.
    pub hovered_reach: Option<Highlight>,
    /// The matrix cell clicked: its ring and geodesic stay highlighted until another click.
    pub picked: Option<Highlight>,
    /// The geographic point under the pointer.
    pub hover_point: Option<LatLon>,
    /// Where the map's context menu was opened.
    pub context_point: Option<LatLon>,
    /// What is being dragged on the map.
    pub drag: Option<Grab>,
    /// How the reach table is sorted.
    pub reach_sort: ReachSort,
    /// Reach rows shown: those whose site, missile or target name holds this text.
    pub reach_filter: String,
    /// Reach rows shown: only those with this verdict, when set.
    pub verdict_filter: Option<crate::analysis::Verdict>,
    /// The missile whose colour was last changed, and when: a run of picker changes is one
    /// undo step.
    pub last_color_edit: Option<(usize, Instant)>,
}

impl Default for Interaction {
    fn default() -> Self {
        Self {
            selected_site: None,
            selected_missile: None,
            selected_target: None,
            tool: MapTool::Browse,
            ruler: Vec::new(),
            area_draft: Vec::new(),
            quick_ring_km: 1000.0,
            hovered_reach: None,
            picked: None,
            hover_point: None,
            context_point: None,
            drag: None,
            reach_sort: ReachSort {
                column: ReachColumn::Distance,
                ascending: true,
            },
            last_color_edit: None,
            reach_filter: String::new(),
            verdict_filter: None,
        }
    }
}

/// Whether a notice reports an error (stays until dismissed) or information (fades).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something failed.
    Error,
    /// Something happened.
    Info,
}

/// A message shown over the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Error or information.
    pub kind: NoticeKind,
    /// When it was raised (or last repeated).
    pub at: Instant,
    /// The folder of a file just written, for an "Open folder" button.
    pub folder: Option<PathBuf>,
}

/// The messages over the map, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notices(pub Vec<Notice>);

/// Most notices shown at once (information beyond it pushes out the oldest information).
const MAX_NOTICES: usize = 4;

/// How long information stays before it fades.
const INFO_SHOWN_FOR: Duration = Duration::from_secs(6);

impl Notices {
    /// Shows a message; the same message again (every frame of a drag past a limit, say) only
    /// refreshes the one shown.
    pub fn push(&mut self, text: impl Into<String>, kind: NoticeKind) {
        self.push_with_folder(text, kind, None);
    }

    /// Shows a message with an "Open folder" button for `folder`.
    pub fn push_with_folder(
        &mut self,
        text: impl Into<String>,
        kind: NoticeKind,
        folder: Option<PathBuf>,
    ) {
        let text = text.into();
        if let Some(existing) = self.0.iter_mut().find(|n| n.text == text) {
            existing.at = Instant::now();
            return;
        }
        // Errors stay until dismissed; beyond a few, the oldest information goes first.
        if self.0.len() >= MAX_NOTICES
            && let Some(oldest) = self.0.iter().position(|n| n.kind == NoticeKind::Info)
        {
            self.0.remove(oldest);
        }
        self.0.push(Notice {
            text,
            kind,
            at: Instant::now(),
            folder,
        });
    }

    /// Drops information older than a few seconds; errors stay until dismissed.
    pub fn expire(&mut self) {
        self.0
            .retain(|n| n.kind == NoticeKind::Error || n.at.elapsed() < INFO_SHOWN_FOR);
    }

    /// When the next notice fades, if any does.
    pub fn next_expiry(&self) -> Option<Duration> {
        self.0
            .iter()
            .filter(|n| n.kind == NoticeKind::Info)
            .map(|n| INFO_SHOWN_FOR.saturating_sub(n.at.elapsed()))
            .min()
    }
}
