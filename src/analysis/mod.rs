//! What the scenario means for its targets: the reach table (site, missile, target), the
//! coverage of target areas such as the continental United States, and the reach matrix that
//! sums both up (missiles against key places). Numbers only; drawing them
//! is the scene's and the renderers' work.

pub mod coverage;
pub mod matrix;
pub mod reach;

pub use coverage::{CoverageRow, coverage_curve, coverage_table, visible_coverage};
pub use matrix::{AreaCell, PlaceCell, ReachMatrix};
pub use reach::{ReachMemo, ReachRow, Verdict, reach_table, reach_table_memo};
