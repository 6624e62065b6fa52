//! Target areas (the continental United States, say) ready to draw: their surface, tinted
//! lightly, and their outline without the artificial edges of the map-edge cut.

use crate::projection::Projection;
use crate::projection::lonlat::outline_of_cut;
use crate::scenario::TargetArea;
use geo::{LineString, MultiPolygon};

/// A target area in map units.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneArea {
    /// Index into the scenario's target areas.
    pub area: usize,
    /// Its name.
    pub name: String,
    /// Its surface.
    pub fill: MultiPolygon<f64>,
    /// Its outline.
    pub outline: Vec<LineString<f64>>,
}

/// Target area `index` projected within `tolerance` map units.
pub fn build_area(
    index: usize,
    area: &TargetArea,
    projection: &Projection,
    tolerance: f64,
) -> SceneArea {
    SceneArea {
        area: index,
        name: area.name.clone(),
        fill: projection.project_polygons(&area.polygons, tolerance),
        outline: outline_of_cut(&area.polygons)
            .iter()
            .flat_map(|l| projection.project_line(&l.0, tolerance))
            .collect(),
    }
}
