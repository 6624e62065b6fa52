//! The scenario file format `range-rings/1`: plain serde types that mirror the JSON exactly,
//! for reading and saving.
//!
//! These types accept anything well-typed; [`super::Scenario`] is the validated model that the
//! rest of the program trusts, made from a [`ScenarioFile`] by `TryFrom`. Optional fields stay
//! `None` when absent so that load then save gives back an equivalent file.

pub use crate::projection::ProjectionKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `format` value this version reads and writes.
pub const FORMAT: &str = "range-rings/1";

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "range-rings scenario",
    description = "Missile range rings scenario, format range-rings/1"
)]
pub struct ScenarioFile {
    /// Always "range-rings/1".
    #[schemars(extend("const" = "range-rings/1"))]
    pub format: String,
    /// Title of the briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Subtitle of the briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// Launch sites and patrol points.
    #[serde(default)]
    pub sites: Vec<Site>,
    /// Missiles and their ranges.
    #[serde(default)]
    pub missiles: Vec<Missile>,
    /// Places whose reach is reported.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Named areas whose coverage is reported (e.g. the continental United States).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_areas: Vec<TargetArea>,
    /// The initial map view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<View>,
}

/// A named area of one or more polygons, given as rings of [longitude, latitude] in degrees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetArea {
    /// Unique among target areas.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Outer rings, each a list of [lon, lat] points (closed or not); at least 3 distinct points.
    pub polygons: Vec<Vec<[f64; 2]>>,
    /// Where the outline comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What a site is; decides which missiles fly from it when a missile names no `from` list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SiteKind {
    /// A land launch site: land-platform missiles fly from it.
    #[default]
    Launch,
    /// A submarine patrol point: sea-platform missiles fly from it.
    Patrol,
}

/// A launch site or patrol point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// Unique among sites; referenced by missiles' `from`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// "launch" (default) or "patrol".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SiteKind>,
    /// Latitude, degrees north, in [-90, 90].
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    /// Longitude, degrees east, in [-180, 180].
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: f64,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// True when the position is illustrative rather than from a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
    /// A patrol area, as corners [lon, lat] in order: missiles then reach every point within
    /// range of some point of the area, not only of `lat`/`lon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Vec<[f64; 2]>>,
}

/// Where a missile is launched from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// Land-based: flies from every launch site unless `from` says otherwise.
    #[default]
    Land,
    /// Sea-based: flies from every patrol point unless `from` says otherwise.
    Sea,
}

/// A published estimate behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who estimated what, and where it was reported.
    pub text: String,
    /// When: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The range figures it gives, km (one, or both ends of a span): a band edge that no
    /// source gives is shown as assumed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub km: Vec<f64>,
}

/// A missile type and its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Missile {
    /// Unique among missiles.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Class, e.g. "SRBM", "IRBM", "ICBM", "SLBM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// "land" (default) or "sea".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Nominal maximum range, km; the main ring.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub range_km: f64,
    /// Low end of the published estimates, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_min_km: Option<f64>,
    /// High end of the published estimates, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range_max_km: Option<f64>,
    /// Ring colour, "#rrggbb" or "#rrggbbaa"; a fixed palette when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$"))]
    pub color: Option<String>,
    /// Whether the ring is drawn (default true); hidden missiles still count in reach tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// True when the figure is an editorial assumption, not a published estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed: Option<bool>,
    /// Site ids it flies from; by default every site whose kind matches the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Vec<String>>,
    /// The published estimates behind the figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// A place whose reach is reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Unique among targets.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Latitude, degrees north, in [-90, 90].
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    /// Longitude, degrees east, in [-180, 180].
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: f64,
    /// Grouping for tables and legends, e.g. "ROK", "Japan", "CONUS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A key place: a column of the reach matrix, always labelled on maps (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<bool>,
}

/// The initial map view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Projection; equirectangular by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projection: Option<ProjectionKind>,
    /// Central meridian or projection centre longitude, degrees east, in [-180, 180].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -180.0, max = 180.0))]
    pub center_lon: Option<f64>,
    /// Projection centre latitude, degrees north, in [-90, 90].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -90.0, max = 90.0))]
    pub center_lat: Option<f64>,
}

impl Source {
    /// The source as one line of text: "text (date)".
    pub fn line(&self) -> String {
        match &self.date {
            Some(date) => format!("{} ({date})", self.text),
            None => self.text.clone(),
        }
    }
}
