//! range-rings: missile range rings on the WGS84 ellipsoid, drawn on a world map and turned
//! into briefings.
//!
//! Modules follow the design's boundaries; only [`app`] knows egui.

pub mod app;
pub mod basemap;
pub mod cli;
pub mod export;
pub mod fonts;
pub mod geodesy;
pub mod projection;
pub mod reach;
pub mod scenario;
pub mod scene;
