//! The scenario file format `range-rings/1`: plain serde types that mirror the JSON exactly,
//! for reading and saving.
//!
//! These types accept anything well-typed; [`super::Scenario`] is the validated model that the
//! rest of the program trusts, made from a [`ScenarioFile`] by `TryFrom`. Optional fields stay
//! `None` when absent so that load then save gives back an equivalent file.

pub use crate::ballistics::FlightClass;
pub use crate::projection::ProjectionKind;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// The `format` value this version reads and writes.
pub const FORMAT: &str = "range-rings/1";

/// Most entries in one list (sites, missiles, targets, target areas, a missile's sources or
/// `from`, a source's figures): far beyond any real briefing, low enough that a mistaken file
/// cannot make the app crawl.
pub const MAX_ITEMS: usize = 2_000;
/// Most characters in one text field.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Most points in one area outline, and in all target-area polygons and patrol areas together.
pub const MAX_AREA_POINTS: usize = 200_000;
/// Largest range a file may state, km: the Earth's equatorial circumference. Anything larger
/// is a slip (metres for kilometres); a range beyond the antipode already covers the world.
pub const MAX_RANGE_KM: f64 = 40_075.0;

/// Characters that count as blank: Unicode White_Space plus the byte-order mark, spelled out so
/// that every regex dialect (ECMA 262, Rust, Python) reads the schema's pattern alike.
pub const BLANK_CHARS: &str =
    r"\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/// Whether `text` holds nothing but [`BLANK_CHARS`].
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || c == '\u{feff}')
}

/// A date as "YYYY", "YYYY-MM" or "YYYY-MM-DD", the day within its month (29 February only in
/// leap years), as a regex that every dialect reads alike (no `\d`, which is Unicode in Rust).
pub const DATE_PATTERN: &str = concat!(
    "^[0-9]{4}(-(0[1-9]|1[0-2]))?$",
    "|^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
    "|^[0-9]{4}-(0[13-9]|1[0-2])-(29|30)$",
    "|^[0-9]{4}-(0[13578]|1[02])-31$",
    "|^([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29$",
);

/// A colour, "#rrggbb" or "#rrggbbaa".
pub const COLOR_PATTERN: &str = "^#([0-9a-fA-F]{6}|[0-9a-fA-F]{8})$";

/// What the schema cannot say and `check` enforces; the schema's description lists it.
pub const RULES_BEYOND_SCHEMA: &str = "Rules the schema cannot express, enforced by `range-rings check`: \
ids unique within each list; every `from` entry names a site; range_min_km <= range_km <= range_max_km; \
minimum_range_km < range_km; an area outline has at least 3 distinct points once repeated neighbours and the closing point are dropped; \
a patrol area does not wind around a pole; all area outlines together hold at most 200000 points.";

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "range-rings scenario", description = schema_description())]
pub struct ScenarioFile {
    /// Always "range-rings/1".
    #[schemars(extend("const" = "range-rings/1"))]
    pub format: String,
    /// Title of the briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub title: Option<String>,
    /// Subtitle of the briefing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub subtitle: Option<String>,
    /// The date the figures were last checked against their sources: "YYYY", "YYYY-MM" or
    /// "YYYY-MM-DD"; shown on briefings and in the About box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub as_of: Option<String>,
    /// Launch sites and patrol points.
    #[serde(default)]
    #[schemars(length(max = MAX_ITEMS))]
    pub sites: Vec<Site>,
    /// Missiles and their ranges.
    #[serde(default)]
    #[schemars(length(max = MAX_ITEMS))]
    pub missiles: Vec<Missile>,
    /// Places whose reach is reported.
    #[serde(default)]
    #[schemars(length(max = MAX_ITEMS))]
    pub targets: Vec<Target>,
    /// Named areas whose coverage is reported (e.g. the continental United States).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = MAX_ITEMS))]
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
    #[schemars(schema_with = "required_text")]
    pub id: String,
    /// Display name.
    #[schemars(schema_with = "required_text")]
    pub name: String,
    /// Outer rings, each a list of [lon, lat] points (closed or not); at least 3 distinct points.
    #[schemars(schema_with = "polygons")]
    pub polygons: Vec<Vec<[f64; 2]>>,
    /// Where the outline comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
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
    #[schemars(schema_with = "required_text")]
    pub id: String,
    /// Display name.
    #[schemars(schema_with = "required_text")]
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
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub note: Option<String>,
    /// True when the position is illustrative rather than from a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub illustrative: Option<bool>,
    /// True when no missile has been seen there (a patrol no submarine is known to make):
    /// marked "hypothetical" wherever it is drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hypothetical: Option<bool>,
    /// A patrol area, as corners [lon, lat] in order: missiles then reach every point within
    /// range of some point of the area, not only of `lat`/`lon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "optional_outline")]
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

/// What kind of figure a source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// A distance actually flown in a test, as measured or reported by a government.
    Flown,
    /// A standard-trajectory range estimated from a specific test.
    Estimated,
    /// A general range assessment not tied to one test (a government or analyst figure).
    Assessed,
    /// A claim of capability (often by the state that tested it), not derived from a test.
    Claimed,
    /// No published figure: an editorial assumption.
    Assumed,
}

impl Basis {
    /// "flown", "estimated from a test", "assessed", "claimed" or "assumed".
    pub fn text(self) -> &'static str {
        match self {
            Self::Flown => "flown",
            Self::Estimated => "estimated from a test",
            Self::Assessed => "assessed",
            Self::Claimed => "claimed",
            Self::Assumed => "assumed",
        }
    }
}

/// A published estimate behind a figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who estimated what, and where it was reported.
    #[schemars(schema_with = "required_text")]
    pub text: String,
    /// When: "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = DATE_PATTERN))]
    pub date: Option<String>,
    /// Where to read it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub url: Option<String>,
    /// The range figures it gives, km (one, or both ends of a span): a band edge that no
    /// source gives is shown as assumed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "range_list")]
    pub km: Vec<f64>,
    /// Whether the figures were flown, estimated from a test, assessed, claimed or assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
}

/// A missile type and its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Missile {
    /// Unique among missiles.
    #[schemars(schema_with = "required_text")]
    pub id: String,
    /// Display name.
    #[schemars(schema_with = "required_text")]
    pub name: String,
    /// Class, e.g. "SRBM", "IRBM", "ICBM", "SLBM".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub class: Option<String>,
    /// "land" (default) or "sea".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<Platform>,
    /// Nominal maximum range, km; the main ring.
    #[schemars(schema_with = "range")]
    pub range_km: f64,
    /// Low end of the published estimates, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "optional_range")]
    pub range_min_km: Option<f64>,
    /// High end of the published estimates, km.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "optional_range")]
    pub range_max_km: Option<f64>,
    /// Ring colour, "#rrggbb" or "#rrggbbaa"; a fixed palette when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = COLOR_PATTERN))]
    pub color: Option<String>,
    /// Whether the ring is drawn (default true); hidden missiles still count in reach tables.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible: Option<bool>,
    /// True when the figure is an editorial assumption, not a published estimate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumed: Option<bool>,
    /// Site ids it flies from; by default every site whose kind matches the platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_ITEMS), inner(length(max = MAX_TEXT_CHARS)))]
    pub from: Option<Vec<String>>,
    /// The published estimates behind the figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(length(max = MAX_ITEMS))]
    pub sources: Vec<Source>,
    /// How it flies: "ballistic" (default), "cruise" or "glide".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flight: Option<FlightClass>,
    /// Cruise speed, km/h, when `flight` is "cruise" (default 800).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1.0, max = 40_000.0))]
    pub cruise_speed_kmh: Option<f64>,
    /// Nearest target it can hit, km: a nearer target is "inside minimum range".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "optional_range")]
    pub minimum_range_km: Option<f64>,
    /// Overrides of the boost profile the class implies (ballistic flight; ignored otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ballistics: Option<Ballistics>,
}

/// A built-in boost profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProfileName {
    /// Single stage, about 60 s.
    Srbm,
    /// Single stage, about 110 s.
    Mrbm,
    /// Single stage, about 140 s.
    Irbm,
    /// Two solid stages from a submarine, about 125 s.
    Slbm,
    /// Three solid stages, about 180 s.
    IcbmSolid,
    /// Two liquid stages, about 200 s.
    IcbmLiquid,
}

impl ProfileName {
    /// The name as written in files and on the command line.
    pub fn text(self) -> &'static str {
        match self {
            Self::Srbm => "srbm",
            Self::Mrbm => "mrbm",
            Self::Irbm => "irbm",
            Self::Slbm => "slbm",
            Self::IcbmSolid => "icbm-solid",
            Self::IcbmLiquid => "icbm-liquid",
        }
    }
}

/// Overrides of a missile's boost profile; the velocity it gains is always fitted to its range.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ballistics {
    /// The built-in profile to start from (by default the class's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<ProfileName>,
    /// The stages, replacing the profile's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1, max = 6))]
    pub stages: Option<Vec<StageSpec>>,
    /// Vertical rise before the pitch-over kick, s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 120.0))]
    pub vertical_rise_s: Option<f64>,
}

/// One stage of a boost profile.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageSpec {
    /// Burn time, s.
    #[schemars(range(min = 1.0, max = 1_000.0))]
    pub burn_s: f64,
    /// Mass at ignition over mass at burnout.
    #[schemars(range(min = 1.01, max = 50.0))]
    pub mass_ratio: f64,
    /// Share of the velocity gain (shares are normalised).
    #[schemars(range(min = 0.01, max = 100.0))]
    pub share: f64,
}

/// A place whose reach is reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Unique among targets.
    #[schemars(schema_with = "required_text")]
    pub id: String,
    /// Display name.
    #[schemars(schema_with = "required_text")]
    pub name: String,
    /// Latitude, degrees north, in [-90, 90].
    #[schemars(range(min = -90.0, max = 90.0))]
    pub lat: f64,
    /// Longitude, degrees east, in [-180, 180].
    #[schemars(range(min = -180.0, max = 180.0))]
    pub lon: f64,
    /// Grouping for tables and legends, e.g. "ROK", "Japan", "CONUS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
    pub group: Option<String>,
    /// Free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(max = MAX_TEXT_CHARS))]
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

/// The JSON Schema (draft 2020-12) of the format, for editors and validators.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(ScenarioFile).to_value()
}

/// The schema's description: what the format is, and what only `check` can enforce.
fn schema_description() -> String {
    format!("Missile range rings scenario, format {FORMAT}. {RULES_BEYOND_SCHEMA}")
}

/// A text that must hold something other than blanks.
fn required_text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_TEXT_CHARS,
        "pattern": format!("[^{BLANK_CHARS}]"),
    })
}

/// A range in km: greater than 0, at most [`MAX_RANGE_KM`].
fn range(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "number", "exclusiveMinimum": 0, "maximum": MAX_RANGE_KM })
}

fn optional_range(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["number", "null"], "exclusiveMinimum": 0, "maximum": MAX_RANGE_KM })
}

fn range_list(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "maxItems": MAX_ITEMS, "items": range(generator) })
}

/// An area outline: at least 3 `[lon, lat]` points in degrees.
fn outline() -> Schema {
    json_schema!({
        "type": "array",
        "minItems": 3,
        "maxItems": MAX_AREA_POINTS,
        "items": {
            "type": "array",
            "prefixItems": [
                { "type": "number", "minimum": -180, "maximum": 180 },
                { "type": "number", "minimum": -90, "maximum": 90 }
            ],
            "minItems": 2,
            "maxItems": 2
        }
    })
}

fn optional_outline(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "anyOf": [outline(), { "type": "null" }] })
}

fn polygons(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "minItems": 1, "maxItems": MAX_ITEMS, "items": outline() })
}

impl Source {
    /// The source as one line of text: "text (date; basis)".
    pub fn line(&self) -> String {
        let basis = self.basis.map(Basis::text);
        match (&self.date, basis) {
            (Some(date), Some(basis)) => format!("{} ({date}; {basis})", self.text),
            (Some(date), None) => format!("{} ({date})", self.text),
            (None, Some(basis)) => format!("{} ({basis})", self.text),
            (None, None) => self.text.clone(),
        }
    }
}
