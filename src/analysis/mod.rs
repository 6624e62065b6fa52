//! What the scenario means for its targets: the reach table (site, missile, target) and the
//! coverage of target areas such as the continental United States. Numbers only; drawing them
//! is the scene's and the renderers' work.

pub mod coverage;
pub mod reach;

pub use coverage::{CoverageRow, coverage_table, visible_coverage};
pub use reach::{ReachMemo, ReachRow, Verdict, reach_table, reach_table_memo};
