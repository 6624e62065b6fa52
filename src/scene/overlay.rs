//! Markers and labels placed in pixels for one view: the step every renderer (the briefing and
//! the app's painter) takes from a scene to what it draws, so both place the same markers and
//! the same labels at the same pixels.

use super::Scene;
use super::markers::Marker;
use super::view::{PixelRect, ViewTransform};

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

/// A label placed in pixels: text drawn with its left end at (`x`, `baseline`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Index into [`Scene::markers`] of the marker labelled.
    pub marker: usize,
    /// Left end of the text, pixels.
    pub x: f64,
    /// Baseline, pixels.
    pub baseline: f64,
    /// The text.
    pub text: String,
    /// The box the text takes, pixels (with a pixel of margin).
    pub bounds: PixelRect,
}

/// Markers and labels of one view, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// Markers within the view (with a margin for their size).
    pub markers: Vec<PlacedMarker>,
    /// Labels that could be placed.
    pub labels: Vec<PlacedLabel>,
}

impl Scene {
    /// The markers and labels of this scene for the view `transform` within `clip` (pixels),
    /// labels measured by `measure` (a text's width in pixels at `sizes.label_px`).
    pub fn overlay(
        &self,
        transform: &ViewTransform,
        clip: PixelRect,
        sizes: OverlaySizes,
        measure: impl Fn(&str) -> f64,
    ) -> Overlay {
        let near = clip.expand(2.0 * sizes.marker_px);
        let markers = self
            .markers
            .iter()
            .enumerate()
            .filter_map(|(i, m)| {
                let (x, y) = transform.to_px(m.position);
                near.contains(x, y)
                    .then_some(PlacedMarker { marker: i, x, y })
            })
            .collect();
        Overlay {
            markers,
            labels: place_labels(&self.markers, transform, sizes.label_px, clip, measure),
        }
    }
}

/// Places marker labels greedily by priority, trying right, left, above and below each marker,
/// and drops those that would overlap a label already placed, a marker whose label matters as
/// much, or the box's edge. `measure` gives a text's width in pixels at `font_px`.
pub fn place_labels(
    markers: &[Marker],
    transform: &ViewTransform,
    font_px: f64,
    clip: PixelRect,
    measure: impl Fn(&str) -> f64,
) -> Vec<PlacedLabel> {
    let mut order: Vec<(usize, &Marker)> = markers
        .iter()
        .enumerate()
        .filter(|(_, m)| m.label.is_some())
        .collect();
    // Stable: among equal priorities, scenario order.
    order.sort_by_key(|(_, m)| std::cmp::Reverse(m.label.as_ref().map_or(0, |l| l.priority)));
    let marker_r = 0.45 * font_px;
    // Each marker with its label's priority: a label may cover the markers of places that
    // matter less (a minor site crowding the launch site), never those that matter as much.
    let obstacles: Vec<(PixelRect, u8)> = markers
        .iter()
        .map(|m| {
            let (x, y) = transform.to_px(m.position);
            let bounds =
                PixelRect::from_edges(x - marker_r, y - marker_r, x + marker_r, y + marker_r);
            (bounds, m.label.as_ref().map_or(0, |l| l.priority))
        })
        .collect();
    let mut taken: Vec<PixelRect> = Vec::new();
    let mut placed = Vec::new();
    for (index, marker) in order {
        let Some(label) = &marker.label else { continue };
        let (x, y) = transform.to_px(marker.position);
        if !clip.contains(x, y) {
            continue;
        }
        let w = measure(&label.text);
        let h = font_px;
        let gap = 0.6 * font_px;
        let candidates = [
            (x + gap, y + 0.35 * h),
            (x - gap - w, y + 0.35 * h),
            (x - 0.5 * w, y - gap),
            (x - 0.5 * w, y + gap + 0.8 * h),
        ];
        for (lx, baseline) in candidates {
            let bounds = PixelRect::from_edges(
                lx - 1.0,
                baseline - 0.8 * h - 1.0,
                lx + w + 1.0,
                baseline + 0.25 * h + 1.0,
            );
            let free = !taken.iter().any(|t| t.overlaps(&bounds))
                && !obstacles
                    .iter()
                    .any(|(m, p)| *p >= label.priority && m.overlaps(&bounds));
            if clip.contains_rect(&bounds) && free {
                taken.push(bounds);
                placed.push(PlacedLabel {
                    marker: index,
                    x: lx,
                    baseline,
                    text: label.text.clone(),
                    bounds,
                });
                break;
            }
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::MapPoint;
    use crate::scene::markers::{Label, MarkerItem, Symbol};

    #[test]
    fn labels_never_overlap() {
        let markers: Vec<Marker> = (0..40)
            .map(|i| Marker {
                item: MarkerItem::Target(i),
                id: format!("m{i}"),
                position: MapPoint {
                    x: (i % 5) as f64 * 0.01,
                    y: (i / 5) as f64 * 0.01,
                },
                symbol: Symbol::Target,
                label: Some(Label {
                    text: format!("Label number {i}"),
                    priority: (i % 3) as u8,
                }),
                selected: false,
                area: Vec::new(),
            })
            .collect();
        let t = ViewTransform {
            scale: 1000.0,
            offset_x: 100.0,
            offset_y: 400.0,
        };
        let clip = PixelRect::from_edges(0.0, 0.0, 800.0, 600.0);
        let placed = place_labels(&markers, &t, 12.0, clip, |s| s.len() as f64 * 7.0);
        assert!(!placed.is_empty() && placed.len() < markers.len());
        for (i, a) in placed.iter().enumerate() {
            assert!(clip.contains_rect(&a.bounds));
            for b in &placed[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds), "{a:?} overlaps {b:?}");
            }
        }
    }
}
