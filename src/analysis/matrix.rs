//! The reach matrix: the answer at a glance. Rows are the visible missiles, columns the key
//! places and each target area; a cell gives the verdict and the margin from the missile's
//! nearest launch point (for a place) or the largest covered share (for an area). It is read
//! off the reach table and the coverage table, so its numbers are theirs.

use super::{CoverageRow, ReachRow, Verdict};
use crate::scenario::{RingSpec, Scenario};

/// A missile against a key place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceCell {
    /// The reach row of the missile's launch point nearest to the place; `None` when the
    /// missile flies from no site.
    pub row: Option<ReachRow>,
}

impl PlaceCell {
    /// The verdict, or `None` without a launch point.
    pub fn verdict(&self) -> Option<Verdict> {
        self.row.map(|r| r.verdict())
    }
}

/// A missile against a target area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaCell {
    /// The coverage row of the missile's site that covers the most; `None` without one.
    pub row: Option<CoverageRow>,
}

/// The reach matrix of the visible missiles.
#[derive(Debug, Clone, PartialEq)]
pub struct ReachMatrix {
    /// Row headings: indices into the scenario's missiles (visible ones, scenario order).
    pub missiles: Vec<usize>,
    /// Place columns: indices into the scenario's targets (the key places).
    pub places: Vec<usize>,
    /// Area columns: indices into the scenario's target areas.
    pub areas: Vec<usize>,
    /// Place cells, row by row (`missiles.len() * places.len()`).
    pub place_cells: Vec<PlaceCell>,
    /// Area cells, row by row (`missiles.len() * areas.len()`).
    pub area_cells: Vec<AreaCell>,
}

impl ReachMatrix {
    /// The matrix of `scenario` from its reach rows and coverage rows (any superset of the
    /// visible missiles' rows; others are ignored).
    pub fn new(scenario: &Scenario, rows: &[ReachRow], coverage: &[CoverageRow]) -> Self {
        let missiles: Vec<usize> = (0..scenario.missiles().len())
            .filter(|&m| scenario.missiles()[m].visible)
            .collect();
        let places = scenario.key_targets();
        let areas: Vec<usize> = (0..scenario.target_areas().len()).collect();
        let mut place_cells = Vec::with_capacity(missiles.len() * places.len());
        let mut area_cells = Vec::with_capacity(missiles.len() * areas.len());
        for &m in &missiles {
            for &t in &places {
                // The nearest launch point; ties go to the first site in scenario order.
                let row = rows
                    .iter()
                    .filter(|r| r.missile == m && r.target == t)
                    .min_by(|a, b| {
                        a.distance_km
                            .total_cmp(&b.distance_km)
                            .then(a.site.cmp(&b.site))
                    })
                    .copied();
                place_cells.push(PlaceCell { row });
            }
            for &a in &areas {
                let row = coverage
                    .iter()
                    .filter(|c| c.missile == m && c.area == a)
                    .max_by(|x, y| {
                        x.covered_pct
                            .total_cmp(&y.covered_pct)
                            .then(y.site.cmp(&x.site))
                    })
                    .copied();
                area_cells.push(AreaCell { row });
            }
        }
        Self {
            missiles,
            places,
            areas,
            place_cells,
            area_cells,
        }
    }

    /// The matrix of `scenario`, computing only the reach rows it shows (visible missiles,
    /// key places), with `coverage` rows for the area columns.
    pub fn compute(scenario: &Scenario, coverage: &[CoverageRow]) -> Self {
        let places = scenario.key_targets();
        let specs: Vec<RingSpec> = scenario.visible_ring_specs().collect();
        // Only the row of the nearest launch point shows: found by distance alone (ties to
        // the first site in scenario order, as `new` picks), before the flight time and the
        // rotating-Earth reach are computed for it alone.
        let mut rows = Vec::new();
        for &t in &places {
            let position = scenario.targets()[t].position;
            let mut nearest: Vec<(RingSpec, f64)> = Vec::new();
            for &spec in &specs {
                let m = scenario.sites()[spec.site].origin.distance_to(position).0;
                match nearest.iter_mut().find(|(s, _)| s.missile == spec.missile) {
                    Some(best) if m < best.1 || (m == best.1 && spec.site < best.0.site) => {
                        *best = (spec, m);
                    }
                    Some(_) => {}
                    None => nearest.push((spec, m)),
                }
            }
            rows.extend(
                nearest
                    .into_iter()
                    .map(|(spec, _)| super::reach::reach_row(scenario, spec, t)),
            );
        }
        Self::new(scenario, &rows, coverage)
    }

    /// The cell of row `r` (index into [`Self::missiles`]) and place column `c`.
    pub fn place(&self, r: usize, c: usize) -> &PlaceCell {
        &self.place_cells[r * self.places.len() + c]
    }

    /// The cell of row `r` and area column `c`.
    pub fn area(&self, r: usize, c: usize) -> &AreaCell {
        &self.area_cells[r * self.areas.len() + c]
    }
}

impl PlaceCell {
    /// The margin with its sign in `unit`, "+10,205 km", or "no site".
    pub fn margin_text(&self, unit: crate::format::DistanceUnit) -> String {
        match self.row {
            Some(r) => {
                let sign = if r.margin_km() >= 0.0 { "+" } else { "-" };
                format!("{sign}{}", unit.format(r.margin_km().abs()))
            }
            None => "no site".to_owned(),
        }
    }
}

impl AreaCell {
    /// The covered share, "57%", or "no site".
    pub fn percent_text(&self) -> String {
        match self.row {
            Some(r) => format!("{:.0}%", r.covered_pct),
            None => "no site".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{reach_table, visible_coverage};

    #[test]
    fn cells_are_the_nearest_rows_of_the_reach_table() {
        let scenario = Scenario::builtin();
        let rows = reach_table(&scenario);
        let coverage = visible_coverage(&scenario, usize::MAX, false);
        let matrix = ReachMatrix::new(&scenario, &rows, &coverage);
        assert_eq!(matrix.missiles.len(), 7);
        assert_eq!(
            matrix
                .places
                .iter()
                .map(|&t| scenario.targets()[t].id.as_str())
                .collect::<Vec<_>>(),
            [
                "seoul",
                "tokyo",
                "guam",
                "honolulu",
                "anchorage",
                "seattle",
                "washington"
            ]
        );
        for (r, &m) in matrix.missiles.iter().enumerate() {
            for (c, &t) in matrix.places.iter().enumerate() {
                let nearest = rows
                    .iter()
                    .filter(|x| x.missile == m && x.target == t)
                    .map(|x| x.distance_km)
                    .fold(f64::INFINITY, f64::min);
                let cell = matrix.place(r, c).row.unwrap();
                assert_eq!(cell.distance_km, nearest);
            }
        }
    }

    #[test]
    fn computing_only_the_nearest_rows_gives_the_same_matrix() {
        let scenario = Scenario::builtin();
        let coverage = visible_coverage(&scenario, usize::MAX, false);
        let full = ReachMatrix::new(&scenario, &reach_table(&scenario), &coverage);
        let quick = ReachMatrix::compute(&scenario, &coverage);
        assert_eq!(quick.missiles, full.missiles);
        assert_eq!(quick.places, full.places);
        for r in 0..full.missiles.len() {
            for c in 0..full.places.len() {
                assert_eq!(quick.place(r, c).row, full.place(r, c).row, "{r} {c}");
            }
        }
    }
}
