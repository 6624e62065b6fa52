//! One integration-test binary (faster to link than one per file). Each module says what
//! belongs in it; fixtures live in `tests/data/`.

/// The desktop app driven through egui_kittest.
#[cfg(feature = "app")]
mod app;
/// The module dependency rule of the design.
mod architecture;
/// Briefing pages laid out by usvg: text inside, apart and readable, every missile and source
/// kept, key places labelled, no label over a marker.
mod briefing;
/// The command-line contract: `check`, `reach`, `ring`, `schema`, exit codes, no panics.
mod cli;
mod common;
/// Target areas: coverage of CONUS against an independent surface sample, the farthest point.
mod coverage;
/// Images and data exports: fills probed by pixel in every projection, world files, SVG,
/// GeoJSON and KML contents, determinism, a small golden image, the `export` command.
mod export;
/// Distances, azimuths, destinations and ring vertices against GeographicLib reference values.
mod geodesy_reference;
/// Outputs as other people's tools read them: GeoJSON areas with geodesic edges, KML polygons
/// valid by OGC rules, SVG in another renderer.
mod other_tools;
/// Property tests over random centres, radii, projections and points.
mod properties;
/// Rings as areas: the classic failures (pole lines, wrong-side fills, antimeridian streaks,
/// the near-antipodal hole, rings that graze a pole).
mod ring_areas;
/// Scenario files: round trip, atomic save, validated edits, the built-in scenario.
mod scenario;
/// One scene, two renderers: the briefing's SVG and the app's painter draw the same things.
#[cfg(feature = "app")]
mod scene;
/// The JSON Schema and `check` judge broken files and generated probes alike.
mod schema;
/// A seeded monkey soaks the real app: no panic, a valid document, undo back to the start.
#[cfg(feature = "app")]
mod soak;
