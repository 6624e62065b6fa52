//! One integration-test binary (faster to link than one per file). Each module says what
//! belongs in it; fixtures live in `tests/data/`.

mod common;
/// Distances, azimuths, destinations and ring vertices against GeographicLib reference values.
mod geodesy_reference;
/// Rings as areas: the classic failures (pole lines, wrong-side fills, antimeridian streaks,
/// the near-antipodal hole, rings that graze a pole).
mod ring_areas;
