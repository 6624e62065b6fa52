//! Marker labels placed in pixels by importance: never over another label or any marker, beside
//! their marker where there is room, farther out with a leader line for places that matter
//! (key places, sites with rings), and otherwise listed, never silently dropped.

use super::markers::{Marker, priority};
use super::view::{PixelRect, ViewTransform};

/// A label placed in pixels: text drawn with its left end at (`x`, `baseline`).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLabel {
    /// Index into the scene's markers of the marker labelled.
    pub marker: usize,
    /// Left end of the text, pixels.
    pub x: f64,
    /// Baseline, pixels.
    pub baseline: f64,
    /// The text.
    pub text: String,
    /// The box the text takes, pixels (with a pixel of margin).
    pub bounds: PixelRect,
    /// A line from the marker's edge to the label, when the label had to go farther out.
    pub leader: Option<[(f64, f64); 2]>,
}

/// Marker labels for one view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MarkerLabels {
    /// Labels placed.
    pub placed: Vec<PlacedLabel>,
    /// Markers in view whose label found no room: to be listed beside the map.
    pub unplaced: Vec<usize>,
}

/// The box a marker occupies, pixels: its symbol or a circle of `min_radius`, whichever is
/// larger, and a pixel of margin.
pub fn marker_box(x: f64, y: f64, marker_px: f64, min_radius: f64) -> PixelRect {
    let r = (1.4 * marker_px).max(min_radius) + 1.0;
    PixelRect::from_edges(x - r, y - r, x + r, y + r)
}

/// Whether the segment a-b passes through `rect`.
pub fn segment_crosses(a: (f64, f64), b: (f64, f64), rect: &PixelRect) -> bool {
    // Liang-Barsky clipping against the rectangle.
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - rect.left),
        (dx, rect.right() - a.0),
        (-dy, a.1 - rect.top),
        (dy, rect.bottom() - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
        }
    }
    t0 <= t1
}

/// Places the labels of `markers` greedily by priority (stable: equal priorities in scenario
/// order). Each label goes in the first free spot of eight around its marker; a key place or a
/// site with rings may then go up to eight text heights farther out with a leader line; a
/// label that finds no room is reported as unplaced. No label overlaps another label, any marker or a
/// leader line, and every label lies inside `clip` and off the `avoid` boxes (a legend over
/// the map, say). A leader may start over markers that nearly coincide with its own. `measure`
/// gives a text's width in pixels at `font_px`.
pub fn place_marker_labels(
    markers: &[Marker],
    transform: &ViewTransform,
    (font_px, marker_px): (f64, f64),
    clip: PixelRect,
    avoid: &[PixelRect],
    measure: impl Fn(&str) -> f64,
) -> MarkerLabels {
    let position = |m: &Marker| transform.to_px(m.position);
    let obstacles: Vec<PixelRect> = markers
        .iter()
        .map(|m| {
            let (x, y) = position(m);
            marker_box(x, y, marker_px, 0.35 * font_px)
        })
        .collect();
    let mut order: Vec<usize> = (0..markers.len())
        .filter(|&i| markers[i].label.is_some())
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(markers[i].label.as_ref().map_or(0, |l| l.priority)));
    let mut out = MarkerLabels::default();
    for i in order {
        let marker = &markers[i];
        let Some(label) = &marker.label else { continue };
        let (x, y) = position(marker);
        if !clip.contains(x, y) {
            continue;
        }
        let w = measure(&label.text);
        let h = font_px;
        let own = obstacles[i];
        let reach = 0.5 * own.width;
        // Markers (nearly) on top of this one: a leader cannot help but start over them.
        let cluster = own.expand(reach);
        let free = |bounds: &PixelRect, leader: Option<[(f64, f64); 2]>, out: &MarkerLabels| {
            clip.contains_rect(bounds)
                && !avoid.iter().any(|a| a.overlaps(bounds))
                && !out.placed.iter().any(|p| {
                    p.bounds.overlaps(bounds)
                        || p.leader.is_some_and(|[a, b]| segment_crosses(a, b, bounds))
                        || leader.is_some_and(|[a, b]| segment_crosses(a, b, &p.bounds))
                })
                && !obstacles.iter().enumerate().any(|(j, m)| {
                    m.overlaps(bounds)
                        || (j != i
                            && !cluster.contains(m.left + 0.5 * m.width, m.top + 0.5 * m.height)
                            && leader.is_some_and(|[a, b]| segment_crosses(a, b, m)))
                })
        };
        let leader_allowed = label.priority >= priority::SITE_WITH_RINGS;
        // Beside the marker, then (with a leader) one to eight text heights farther out.
        let distances: &[f64] = if leader_allowed {
            &[0.0, 1.5, 3.0, 5.0, 8.0]
        } else {
            &[0.0]
        };
        let mut chosen = None;
        'search: for &k in distances {
            let g = reach + (k + 0.3) * h;
            // Right, left, above, below, then the diagonals: the text's left end, baseline.
            let candidates = [
                (x + g, y + 0.35 * h),
                (x - g - w, y + 0.35 * h),
                (x - 0.5 * w, y - g - 0.25 * h),
                (x - 0.5 * w, y + g + 0.8 * h),
                (x + 0.7 * g, y - 0.7 * g - 0.25 * h),
                (x - 0.7 * g - w, y - 0.7 * g - 0.25 * h),
                (x + 0.7 * g, y + 0.7 * g + 0.8 * h),
                (x - 0.7 * g - w, y + 0.7 * g + 0.8 * h),
            ];
            for (lx, baseline) in candidates {
                let bounds = PixelRect::from_edges(
                    lx - 1.0,
                    baseline - 0.8 * h - 1.0,
                    lx + w + 1.0,
                    baseline + 0.25 * h + 1.0,
                );
                let leader = (k > 0.0).then(|| leader_to(x, y, reach, &bounds));
                if free(&bounds, leader, &out) {
                    chosen = Some((lx, baseline, bounds, leader));
                    break 'search;
                }
            }
        }
        match chosen {
            Some((lx, baseline, bounds, leader)) => out.placed.push(PlacedLabel {
                marker: i,
                x: lx,
                baseline,
                text: label.text.clone(),
                bounds,
                leader,
            }),
            None => out.unplaced.push(i),
        }
    }
    out
}

/// A leader line from the edge of a marker of radius `reach` at (`x`, `y`) towards the
/// nearest point of `bounds`, stopping a pixel short of it.
fn leader_to(x: f64, y: f64, reach: f64, bounds: &PixelRect) -> [(f64, f64); 2] {
    let nx = x.clamp(bounds.left, bounds.right());
    let ny = y.clamp(bounds.top, bounds.bottom());
    let (dx, dy) = (nx - x, ny - y);
    let length = dx.hypot(dy).max(1e-9);
    let (ux, uy) = (dx / length, dy / length);
    [
        (x + ux * reach, y + uy * reach),
        (nx - ux * 1.5, ny - uy * 1.5),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projection::MapPoint;
    use crate::scene::markers::{Label, MarkerItem, Symbol};
    use geo::MultiPolygon;

    fn marker(i: usize, x: f64, y: f64, priority: u8) -> Marker {
        Marker {
            item: MarkerItem::Target(i),
            id: format!("m{i}"),
            position: MapPoint { x, y },
            symbol: Symbol::Target,
            label: Some(Label {
                text: format!("Label number {i}"),
                priority,
            }),
            selected: false,
            area: Vec::new(),
            area_fill: MultiPolygon(Vec::new()),
        }
    }

    #[test]
    fn labels_overlap_no_label_no_marker_and_every_marker_is_placed_or_listed() {
        let markers: Vec<Marker> = (0..40)
            .map(|i| {
                marker(
                    i,
                    (i % 5) as f64 * 0.06,
                    (i / 5) as f64 * 0.035,
                    (i % 6) as u8,
                )
            })
            .collect();
        let t = ViewTransform {
            scale: 1000.0,
            offset_x: 100.0,
            offset_y: 400.0,
        };
        let clip = PixelRect::from_edges(0.0, 0.0, 800.0, 600.0);
        let labels = place_marker_labels(&markers, &t, (12.0, 4.0), clip, &[], |s| {
            s.len() as f64 * 7.0
        });
        assert!(!labels.placed.is_empty() && !labels.unplaced.is_empty());
        assert_eq!(labels.placed.len() + labels.unplaced.len(), markers.len());
        let boxes: Vec<PixelRect> = markers
            .iter()
            .map(|m| {
                let (x, y) = t.to_px(m.position);
                marker_box(x, y, 4.0, 0.35 * 12.0)
            })
            .collect();
        for (i, a) in labels.placed.iter().enumerate() {
            assert!(clip.contains_rect(&a.bounds));
            for b in &labels.placed[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds), "{a:?} overlaps {b:?}");
            }
            for m in &boxes {
                assert!(!a.bounds.overlaps(m), "{a:?} covers a marker");
            }
            // Only places that matter get a leader line.
            if a.leader.is_some() {
                let p = markers[a.marker].label.as_ref().unwrap().priority;
                assert!(p >= priority::SITE_WITH_RINGS);
            }
        }
        // The most important are placed first, so none of them is left out here.
        for &i in &labels.unplaced {
            assert!(markers[i].label.as_ref().unwrap().priority < priority::KEY_PLACE);
        }
    }

    #[test]
    fn segments_cross_rectangles() {
        let r = PixelRect::from_edges(10.0, 10.0, 20.0, 20.0);
        assert!(segment_crosses((0.0, 0.0), (30.0, 30.0), &r));
        assert!(segment_crosses((15.0, 15.0), (16.0, 16.0), &r));
        assert!(!segment_crosses((0.0, 0.0), (30.0, 0.0), &r));
        assert!(!segment_crosses((0.0, 25.0), (25.0, 30.0), &r));
    }
}
