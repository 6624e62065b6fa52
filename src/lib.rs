//! range-rings: missile range rings on the WGS84 ellipsoid, drawn on a world map and turned
//! into briefings.
//!
//! Modules follow the design's boundaries, lowest first; each opens with a line saying what it
//! owns. Only [`app`] knows egui.

// User data must never panic: library code may not unwrap or expect, except where a test
// proves the invariant (each such place says which).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
#[cfg(feature = "app")]
pub mod app;
pub mod ballistics;
pub mod basemap;
pub mod cli;
pub mod color;
pub mod export;
pub mod fonts;
pub mod format;
pub mod gazetteer;
pub mod geodesy;
pub mod numeric;
pub mod projection;
pub mod scenario;
pub mod scene;
pub mod threads;
