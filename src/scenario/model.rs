//! The validated scenario: what the rest of the program reads. Positions are [`LatLon`], a
//! site's origin is a point or a patrol area, colours are parsed, bands are typed and each
//! missile's launch sites are resolved, once, when a [`ScenarioFile`] becomes a [`Scenario`]
//! (see `validate.rs`). Nothing downstream re-validates or re-parses.

use super::file::{Platform, ScenarioFile, SiteKind, Source, View};
use crate::ballistics::FlightModel;
use crate::color::Rgba;
use crate::geodesy::{LatLon, Origin};
use crate::projection::{ProjectionChoice, ProjectionKind};
use geo::MultiPolygon;
use std::sync::Arc;

/// A launch site or patrol point.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Unique among sites.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Launch site or patrol point.
    pub kind: SiteKind,
    /// Where its marker is.
    pub position: LatLon,
    /// Where its missiles fly from: its point, or anywhere in its patrol area.
    pub origin: Origin,
    /// The position is illustrative rather than from a source.
    pub illustrative: bool,
    /// No missile has been seen there: marked "hypothetical" wherever drawn.
    pub hypothetical: bool,
    /// Free-text note.
    pub note: Option<String>,
}

impl Site {
    /// The name as drawn: with "(hypothetical)" when it is.
    pub fn display_name(&self) -> std::borrow::Cow<'_, str> {
        if self.hypothetical {
            format!("{} (hypothetical)", self.name).into()
        } else {
            self.name.as_str().into()
        }
    }
}

/// The band of published estimates around a missile's nominal range.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    /// Lowest estimate, km (the nominal range when the file gives none).
    pub min_km: f64,
    /// Highest estimate, km (the nominal range when the file gives none).
    pub max_km: f64,
}

impl Band {
    /// Whether the band has width to draw.
    pub fn is_wide(&self) -> bool {
        self.min_km < self.max_km
    }
}

/// A missile type, its range and where it flies from.
#[derive(Debug, Clone, PartialEq)]
pub struct Missile {
    /// Unique among missiles.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Class, e.g. "SRBM", "ICBM".
    pub class: Option<String>,
    /// Land or sea.
    pub platform: Platform,
    /// Nominal range, km: the main ring.
    pub range_km: f64,
    /// The band of published estimates, when the file gives one.
    pub band: Option<Band>,
    /// Ring colour: its own, or one from the palette.
    pub color: Rgba,
    /// Whether its rings are drawn; hidden missiles still count in reach tables.
    pub visible: bool,
    /// The figure is an editorial assumption, not a published estimate.
    pub assumed: bool,
    /// Indices into the scenario's sites it flies from, in site order.
    pub launch_sites: Vec<usize>,
    /// The published estimates behind the figures.
    pub sources: Vec<Source>,
    /// How it flies, and what its flight times and rotation-aware reach come from.
    pub flight: FlightModel,
    /// Nearest target it can hit, km; a nearer one is "inside minimum range".
    pub minimum_range_km: Option<f64>,
}

impl Missile {
    /// The highest range any estimate gives, km: the band's top, or the nominal range.
    pub fn max_range_km(&self) -> f64 {
        self.band
            .map_or(self.range_km, |b| b.max_km.max(self.range_km))
    }

    /// Whether a band edge of `km` is assumed rather than published: no listed source gives
    /// that figure (to the kilometre), or the missile's figures are an editorial assumption.
    /// The nominal range itself, where a band edge defaults to it, is not a band claim.
    pub fn edge_assumed(&self, km: f64) -> bool {
        if km == self.range_km && !self.assumed {
            return false;
        }
        self.assumed
            || !self
                .sources
                .iter()
                .flat_map(|s| &s.km)
                .any(|&figure| (figure - km).abs() < 0.5)
    }
}

/// A place whose reach is reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// Unique among targets.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Where it is.
    pub position: LatLon,
    /// Grouping for tables and legends, e.g. "ROK", "CONUS".
    pub group: Option<String>,
    /// Free-text note.
    pub note: Option<String>,
    /// A key place: a column of the reach matrix, always labelled on maps.
    pub key: bool,
}

/// A named area whose coverage is reported (e.g. the continental United States).
#[derive(Debug, Clone, PartialEq)]
pub struct TargetArea {
    /// Unique among target areas.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its polygons in planar lon/lat degrees (x longitude, y latitude), rings closed.
    pub polygons: MultiPolygon<f64>,
    /// Where the outline comes from.
    pub source: Option<String>,
}

/// One ring to draw or report: a missile flying from a site, by index into the lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RingSpec {
    /// Index into [`Scenario::sites`].
    pub site: usize,
    /// Index into [`Scenario::missiles`].
    pub missile: usize,
}

/// A validated scenario: every coordinate in range, every range positive and its band
/// ordered, ids unique, every `from` naming a site, every colour and date well-formed.
///
/// Made from a [`ScenarioFile`] by `TryFrom` (or read with [`Scenario::from_json`]); changed
/// only through [`Scenario::edited`], which validates the result. The file it came from is kept
/// for saving, so load then save gives back an equivalent file. Cloning is cheap (shared),
/// so undo history and background exports keep copies freely.
#[derive(Debug, Clone)]
pub struct Scenario(pub(super) Arc<ScenarioData>);

/// What a [`Scenario`] shares between its clones.
#[derive(Debug)]
pub(super) struct ScenarioData {
    pub(super) file: ScenarioFile,
    pub(super) sites: Vec<Site>,
    pub(super) missiles: Vec<Missile>,
    pub(super) targets: Vec<Target>,
    pub(super) target_areas: Vec<TargetArea>,
    pub(super) ring_specs: Vec<RingSpec>,
}

/// Two scenarios are equal when their files are (the model is derived from the file).
impl PartialEq for Scenario {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0.file == other.0.file
    }
}

impl Scenario {
    /// The file contents, for saving, editing or inspection.
    pub fn file(&self) -> &ScenarioFile {
        &self.0.file
    }

    /// Title of the briefing, if given.
    pub fn title(&self) -> Option<&str> {
        self.0.file.title.as_deref()
    }

    /// Subtitle of the briefing, if given.
    pub fn subtitle(&self) -> Option<&str> {
        self.0.file.subtitle.as_deref()
    }

    /// The date the figures were last checked against their sources, if given.
    pub fn as_of(&self) -> Option<&str> {
        self.0.file.as_of.as_deref()
    }

    /// Launch sites and patrol points.
    pub fn sites(&self) -> &[Site] {
        &self.0.sites
    }

    /// Missiles.
    pub fn missiles(&self) -> &[Missile] {
        &self.0.missiles
    }

    /// Targets.
    pub fn targets(&self) -> &[Target] {
        &self.0.targets
    }

    /// Target areas.
    pub fn target_areas(&self) -> &[TargetArea] {
        &self.0.target_areas
    }

    /// The initial map view as the file gives it.
    pub fn view(&self) -> Option<&View> {
        self.0.file.view.as_ref()
    }

    /// Every ring to draw or report, missile by missile, each missile from its launch sites in
    /// site order.
    pub fn ring_specs(&self) -> &[RingSpec] {
        &self.0.ring_specs
    }

    /// The rings of visible missiles.
    pub fn visible_ring_specs(&self) -> impl Iterator<Item = RingSpec> + '_ {
        self.0
            .ring_specs
            .iter()
            .copied()
            .filter(|s| self.0.missiles[s.missile].visible)
    }

    /// The key places (targets marked `"key": true`), in scenario order; every target when
    /// none is marked, so older files still get a matrix.
    pub fn key_targets(&self) -> Vec<usize> {
        let key: Vec<usize> = (0..self.0.targets.len())
            .filter(|&i| self.0.targets[i].key)
            .collect();
        if key.is_empty() {
            (0..self.0.targets.len()).collect()
        } else {
            key
        }
    }

    /// The first site a visible ring is drawn from, else the first site.
    pub fn first_ring_site(&self) -> Option<usize> {
        self.visible_ring_specs()
            .map(|s| s.site)
            .next()
            .or_else(|| (!self.0.sites.is_empty()).then_some(0))
    }

    /// The projection the file's view asks for, with defaults: equirectangular, central
    /// meridian 0, and an azimuthal map centred on the view's centre or else on the first site
    /// a visible ring is drawn from.
    pub fn view_choice(&self) -> ProjectionChoice {
        let view = self.0.file.view.clone().unwrap_or_default();
        let centre = match (view.center_lat, view.center_lon) {
            (Some(lat), Some(lon)) => Some(LatLon::lat_lon(lat, lon)),
            _ => self.first_ring_site().map(|i| self.0.sites[i].position),
        };
        ProjectionChoice {
            kind: view.projection.unwrap_or(ProjectionKind::Equirectangular),
            central_lon: view.center_lon.unwrap_or(0.0),
            centre,
        }
    }

    /// A copy with `change` applied to its file, if the result is still valid.
    ///
    /// # Errors
    /// Every problem of the changed file.
    pub fn edited(&self, change: impl FnOnce(&mut ScenarioFile)) -> Result<Self, super::Problems> {
        let mut file = self.0.file.clone();
        change(&mut file);
        Self::try_from(file)
    }
}
