//! Turning rings and scenes into files: GeoJSON now; images, SVG and KML build on the scene.

pub mod geojson;
