//! Markers, marker labels and ring labels placed in pixels for one view: the step every
//! renderer (the briefing and the app's painter) takes from a scene to what it draws, so both
//! place the same markers and the same labels at the same pixels.

use super::Scene;
use super::labels::{MarkerLabels, marker_box, place_marker_labels};
use super::ring_labels::{Obstacles, RingLabel, place_ring_labels};
use super::view::{PixelRect, ViewTransform};

pub use super::labels::PlacedLabel;

/// Sizes of markers and labels in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OverlaySizes {
    /// Label font size, pixels.
    pub label_px: f64,
    /// Marker radius, pixels.
    pub marker_px: f64,
}

impl OverlaySizes {
    /// The sizes of a printed map whose size unit is `unit` (1 at 1920x1080).
    pub fn print(unit: f64) -> Self {
        Self {
            // Never smaller than 9 px, however small the image.
            label_px: (13.0 * unit).max(9.0),
            marker_px: 4.2 * unit,
        }
    }

    /// The sizes on screen.
    pub fn screen() -> Self {
        Self {
            label_px: 12.0,
            marker_px: 5.0,
        }
    }
}

/// A marker at its pixel position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedMarker {
    /// Index into [`Scene::markers`].
    pub marker: usize,
    /// Pixel x of its centre.
    pub x: f64,
    /// Pixel y of its centre.
    pub y: f64,
}

/// Markers and labels of one view, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Markers within the view (with a margin for their size).
    pub markers: Vec<PlacedMarker>,
    /// Marker labels placed (some with leader lines).
    pub labels: Vec<PlacedLabel>,
    /// Markers in view whose label found no room (indices into [`Scene::markers`]): listed
    /// beside the map, never silently dropped.
    pub unplaced: Vec<usize>,
    /// Ring labels, one per missile where a free stretch of its rings was found.
    pub ring_labels: Vec<RingLabel>,
}

impl Scene {
    /// The markers and labels of this scene for the view `transform` within `clip` (pixels),
    /// no label over the `avoid` boxes (a legend laid over the map), labels measured by
    /// `measure` (a text's width in pixels at `sizes.label_px`).
    pub fn overlay(
        &self,
        transform: &ViewTransform,
        clip: PixelRect,
        avoid: &[PixelRect],
        sizes: OverlaySizes,
        measure: impl Fn(&str) -> f64,
    ) -> Overlay {
        let near = clip.expand(2.0 * sizes.marker_px);
        let markers: Vec<PlacedMarker> = self
            .markers
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let (x, y) = transform.to_px(m.position);
                near.contains(x, y)
                    .then_some(PlacedMarker { marker: i, x, y })
            })
            .collect();
        let MarkerLabels { placed, unplaced } = place_marker_labels(
            &self.markers,
            transform,
            (sizes.label_px, sizes.marker_px),
            clip,
            avoid,
            &measure,
        );
        let obstacles = Obstacles::new(
            markers
                .iter()
                .map(|m| marker_box(m.x, m.y, sizes.marker_px, 0.35 * sizes.label_px))
                .chain(avoid.iter().copied()),
            &placed,
        );
        let names: Vec<(usize, String)> = self
            .legend
            .iter()
            .map(|e| (e.missile, e.name.clone()))
            .collect();
        let ring_labels = if !self.labels {
            Vec::new()
        } else {
            place_ring_labels(
                &self.rings,
                &names,
                transform,
                sizes.label_px,
                clip,
                &obstacles,
                &measure,
            )
        };
        Overlay {
            markers,
            labels: placed,
            unplaced,
            ring_labels,
        }
    }
}
