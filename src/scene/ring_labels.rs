//! Ring labels ("Hwasong-15 · 13,000 km") set along a ring, where they collide with nothing:
//! no marker, no label, no leader line, no other missile's ring. One label per missile, on the
//! most nearly level free stretch of any of its rings.

use super::labels::{PlacedLabel, segment_crosses};
use super::rings::SceneRing;
use super::view::{PixelRect, ViewTransform};
use crate::format::thousands;
use std::sync::Arc;

/// A ring label placed in pixels: its text centred on (`x`, `y`), turned by `angle`.
#[derive(Debug, Clone, PartialEq)]
pub struct RingLabel {
    /// Index into the scenario's missiles.
    pub missile: usize,
    /// The text.
    pub text: String,
    /// Centre of the text, pixels.
    pub x: f64,
    /// Centre of the text, pixels.
    pub y: f64,
    /// Rotation, radians, clockwise on screen (y down), within (-pi/2, pi/2].
    pub angle: f64,
    /// Width of the text, pixels.
    pub width: f64,
    /// The axis-aligned box round the turned text, pixels.
    pub bounds: PixelRect,
}

/// The text of a ring label.
pub fn ring_label_text(name: &str, range_km: f64) -> String {
    format!("{name} · {} km", thousands(range_km))
}

/// Cells of pixels crossed by ring outlines, and by which missiles.
struct Occupancy {
    cell: f64,
    columns: usize,
    rows: usize,
    origin: (f64, f64),
    /// Up to two missiles per cell; `MANY` when more.
    cells: Vec<[u16; 2]>,
}

const EMPTY: u16 = u16::MAX;
const MANY: u16 = u16::MAX - 1;

impl Occupancy {
    fn new(clip: PixelRect, cell: f64) -> Self {
        let columns = (clip.width / cell).ceil().max(1.0) as usize + 1;
        let rows = (clip.height / cell).ceil().max(1.0) as usize + 1;
        Self {
            cell,
            columns,
            rows,
            origin: (clip.left, clip.top),
            cells: vec![[EMPTY; 2]; columns * rows],
        }
    }

    fn index(&self, x: f64, y: f64) -> Option<usize> {
        let c = ((x - self.origin.0) / self.cell).floor();
        let r = ((y - self.origin.1) / self.cell).floor();
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.columns && (r as usize) < self.rows)
            .then(|| r as usize * self.columns + c as usize)
    }

    fn mark(&mut self, x: f64, y: f64, missile: u16) {
        let Some(i) = self.index(x, y) else { return };
        let slot = &mut self.cells[i];
        if slot.contains(&missile) || slot[0] == MANY {
            return;
        }
        if slot[0] == EMPTY {
            slot[0] = missile;
        } else if slot[1] == EMPTY {
            slot[1] = missile;
        } else {
            *slot = [MANY, MANY];
        }
    }

    /// Whether a missile other than `missile` crosses the cell of (`x`, `y`).
    fn other_than(&self, x: f64, y: f64, missile: u16) -> bool {
        self.index(x, y)
            .is_some_and(|i| self.cells[i].iter().any(|&m| m != EMPTY && m != missile))
    }
}

/// A polyline in pixels with its cumulative lengths.
struct Path {
    points: Vec<(f64, f64)>,
    lengths: Vec<f64>,
}

impl Path {
    fn new(points: Vec<(f64, f64)>) -> Self {
        let mut lengths = Vec::with_capacity(points.len());
        let mut total = 0.0;
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                let q = points[i - 1];
                total += (p.0 - q.0).hypot(p.1 - q.1);
            }
            lengths.push(total);
        }
        Self { points, lengths }
    }

    fn length(&self) -> f64 {
        self.lengths.last().copied().unwrap_or(0.0)
    }

    /// The point at arc length `s`.
    fn at(&self, s: f64) -> (f64, f64) {
        let i = self
            .lengths
            .partition_point(|&l| l < s)
            .clamp(1, self.points.len() - 1);
        let (a, b) = (self.points[i - 1], self.points[i]);
        let span = self.lengths[i] - self.lengths[i - 1];
        let t = if span > 0.0 {
            ((s - self.lengths[i - 1]) / span).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
    }
}

/// What ring labels must keep clear of, pixels.
#[derive(Debug, Clone, Default)]
pub struct Obstacles {
    /// Boxes already taken: markers, marker labels.
    pub boxes: Vec<PixelRect>,
    /// Leader lines of marker labels.
    pub leaders: Vec<[(f64, f64); 2]>,
}

impl Obstacles {
    /// The boxes of markers and the boxes and leader lines of their labels.
    pub fn new(markers: impl Iterator<Item = PixelRect>, labels: &[PlacedLabel]) -> Self {
        Self {
            boxes: markers.chain(labels.iter().map(|l| l.bounds)).collect(),
            leaders: labels.iter().filter_map(|l| l.leader).collect(),
        }
    }
}

/// Places one label per missile along its rings, missiles in the order of `names` (missile
/// index and name; first placed first), clear of `obstacles`. `measure` gives a text's width
/// at `font_px`.
pub fn place_ring_labels(
    rings: &[Arc<SceneRing>],
    names: &[(usize, String)],
    transform: &ViewTransform,
    font_px: f64,
    clip: PixelRect,
    obstacles: &Obstacles,
    measure: impl Fn(&str) -> f64,
) -> Vec<RingLabel> {
    let mut occupancy = Occupancy::new(clip, 4.0);
    let paths: Vec<(usize, Path)> = rings
        .iter()
        .flat_map(|ring| {
            ring.outline.iter().map(|line| {
                let points: Vec<(f64, f64)> = line.coords().map(|c| transform.to_px(*c)).collect();
                (ring.missile, Path::new(points))
            })
        })
        .filter(|(_, p)| p.points.len() >= 2)
        .collect();
    for (missile, path) in &paths {
        let id = u16::try_from(*missile).unwrap_or(MANY - 1);
        let steps = (path.length() / 2.0).ceil() as usize;
        for k in 0..=steps {
            let (x, y) = path.at(k as f64 * 2.0);
            occupancy.mark(x, y, id);
        }
    }
    // Half a line clear of the map's edge, so no label reads as cut off.
    let inner = clip.expand(-(2.0 + 0.5 * font_px));
    let mut taken: Vec<PixelRect> = obstacles.boxes.clone();
    let mut placed: Vec<RingLabel> = Vec::new();
    for (missile, name) in names {
        let Some(range_km) = rings
            .iter()
            .find(|r| r.missile == *missile)
            .map(|r| r.range_km)
        else {
            continue;
        };
        let text = ring_label_text(name, range_km);
        let w = measure(&text);
        let h = font_px;
        let id = u16::try_from(*missile).unwrap_or(MANY - 1);
        let mut best: Option<(f64, RingLabel)> = None;
        for (_, path) in paths.iter().filter(|(m, _)| m == missile) {
            let length = path.length();
            if length < 1.2 * w {
                continue;
            }
            let step = (w / 4.0).max(6.0);
            let samples = ((length - w) / step).floor() as usize;
            for k in 0..=samples {
                let s = 0.5 * w + k as f64 * step;
                let (a, b) = (path.at(s - 0.5 * w), path.at(s + 0.5 * w));
                // Only where the ring is nearly straight over the text's length.
                if (b.0 - a.0).hypot(b.1 - a.1) < 0.95 * w {
                    continue;
                }
                let (cx, cy) = path.at(s);
                let mut angle = (b.1 - a.1).atan2(b.0 - a.0);
                if angle > std::f64::consts::FRAC_PI_2 {
                    angle -= std::f64::consts::PI;
                } else if angle <= -std::f64::consts::FRAC_PI_2 {
                    angle += std::f64::consts::PI;
                }
                let label = RingLabel {
                    missile: *missile,
                    text: text.clone(),
                    x: cx,
                    y: cy,
                    angle,
                    width: w,
                    bounds: turned_box(cx, cy, w + 4.0, h + 2.0, angle),
                };
                // Level text first, then away from the edges of the view.
                let edge = (cx - inner.left)
                    .min(inner.right() - cx)
                    .min(cy - inner.top)
                    .min(inner.bottom() - cy);
                let score = angle.abs() * 2.0 - (edge / inner.width.max(1.0)).min(0.2);
                if best.as_ref().is_some_and(|(b, _)| *b <= score) {
                    continue;
                }
                if inner.contains_rect(&label.bounds)
                    && !taken.iter().any(|t| t.overlaps(&label.bounds))
                    && !obstacles
                        .leaders
                        .iter()
                        .any(|[p, q]| segment_crosses(*p, *q, &label.bounds))
                    && !crosses_other_rings(&occupancy, &label, h, id)
                {
                    best = Some((score, label));
                }
            }
        }
        if let Some((_, label)) = best {
            taken.push(label.bounds);
            placed.push(label);
        }
    }
    placed
}

/// The axis-aligned box round a `w` x `h` box centred on (`cx`, `cy`) turned by `angle`.
fn turned_box(cx: f64, cy: f64, w: f64, h: f64, angle: f64) -> PixelRect {
    let (s, c) = angle.sin_cos();
    let half_w = 0.5 * (w * c.abs() + h * s.abs());
    let half_h = 0.5 * (w * s.abs() + h * c.abs());
    PixelRect::from_edges(cx - half_w, cy - half_h, cx + half_w, cy + half_h)
}

/// Whether another missile's ring runs through the turned text box of `label`.
fn crosses_other_rings(occupancy: &Occupancy, label: &RingLabel, h: f64, missile: u16) -> bool {
    let (s, c) = label.angle.sin_cos();
    let (half_w, half_h) = (0.5 * label.width + 2.0, 0.5 * h + 1.0);
    let step = occupancy.cell * 0.5;
    let mut u = -half_w;
    while u <= half_w {
        let mut v = -half_h;
        while v <= half_h {
            let (x, y) = (label.x + u * c - v * s, label.y + u * s + v * c);
            if occupancy.other_than(x, y, missile) {
                return true;
            }
            v += step;
        }
        u += step;
    }
    false
}
