//! Range scenarios: the file format, its validation into the model the program trusts, the
//! built-in scenario, reading with located errors and atomic saving.
//!
//! Reading is two steps, like ripgrep's arguments: serde parses the text into the plain types
//! of [`file`] (syntax, types and unknown fields, with line and column), then `TryFrom` checks
//! everything serde cannot (ranges, bands, ids, references) and builds the validated
//! [`Scenario`] (`model.rs`) that the rest of the program trusts.

mod error;
pub mod file;
mod flight;
mod import;
mod limits;
mod link;
mod locate;
mod model;
mod read;
mod unknown;
mod validate;
mod write;

pub use error::{Problem, Problems, SaveError, ScenarioError};
pub use file::{
    FORMAT, MAX_AREA_POINTS, MAX_ITEMS, MAX_RANGE_KM, MAX_TEXT_CHARS, Platform, ProjectionKind,
    ScenarioFile, SiteKind, Source, View, json_schema,
};
pub use import::{ImportedAreas, areas_from_geojson};
pub use link::FRAGMENT_KEY;
pub use locate::{JsonPath, PathStep};
pub use model::{Band, Missile, RingSpec, Scenario, Site, Target, TargetArea};
pub use read::MAX_FILE_BYTES;
pub use validate::is_date;
pub use write::write_atomically;

/// The built-in scenario's JSON, embedded in the binary.
pub const BUILTIN_JSON: &str = include_str!("../../assets/scenarios/builtin.json");

impl Scenario {
    /// The built-in scenario: published figures for North Korean missiles, with sources.
    pub fn builtin() -> Self {
        // A unit test parses the embedded file, so this cannot fail in a built binary.
        #[allow(
            clippy::expect_used,
            reason = "embedded file, validated by a unit test"
        )]
        Self::from_json(BUILTIN_JSON.as_bytes(), "built-in scenario")
            .expect("the embedded built-in scenario is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scenario_is_valid() {
        let s = Scenario::builtin();
        assert!(s.sites().iter().any(|s| s.id == "pyongyang"));
        assert!(s.sites().iter().any(|s| s.id == "sinpo"));
        assert!(s.missiles().len() >= 17);
        assert!(!s.ring_specs().is_empty());
    }
}
