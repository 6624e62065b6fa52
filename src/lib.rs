//! range-rings: missile range rings on the WGS84 ellipsoid, drawn on a world map and turned
//! into briefings.
//!
//! Modules follow the design's boundaries; only [`app`] knows egui.

pub mod app;
pub mod cli;
pub mod export;
pub mod geodesy;
pub mod reach;
pub mod scenario;
