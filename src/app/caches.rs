//! What the app derives from the document and keeps between frames: the scene builder (with
//! its projected basemap and rings), the last scene, the painter's meshes, the reach rows and
//! the coverage of target areas. Each is recomputed when the document's revision changes, and
//! coverage (tens of milliseconds) not during a drag.

use super::document::Document;
use super::map::MeshCache;
use crate::analysis::{
    CoverageRow, ReachMatrix, ReachMemo, ReachRow, reach_table_memo, visible_coverage,
};
use crate::scene::{Scene, SceneBuilder};

/// Figures computed for one revision of the document.
struct ForRevision<T> {
    revision: u64,
    value: T,
}

/// Derived data kept between frames.
#[derive(Default)]
pub struct Caches {
    /// Builds the scene each frame, rebuilding only rings whose geometry changed.
    pub scene: SceneBuilder,
    /// The scene drawn in the last frame (what the user sees, for hit tests).
    pub last_scene: Option<Scene>,
    /// The map painter's triangles and screen meshes.
    pub meshes: MeshCache,
    /// The map's area layers as one image, for panning.
    pub raster: super::map::MapRaster,
    reach: Option<ForRevision<Vec<ReachRow>>>,
    memo: ReachMemo,
    coverage: Option<ForRevision<Vec<CoverageRow>>>,
    /// Whether the coverage holds rotating-Earth shares.
    coverage_rotation: bool,
    /// The reach matrix, rebuilt when reach rows or coverage change.
    matrix: Option<ReachMatrix>,
}

impl Caches {
    /// Brings the reach rows (visible missiles) up to the document's revision, and the
    /// coverage too unless a drag is going on (with the rotating-Earth share when `rotation`,
    /// the rotation layer, is on). Reach rows of unchanged sites are reused.
    pub fn refresh(&mut self, doc: &Document, dragging: bool, rotation: bool) {
        let revision = doc.revision;
        let scenario = doc.scenario();
        let mut changed = false;
        if self.reach.as_ref().is_none_or(|r| r.revision != revision) {
            let value = reach_table_memo(scenario, &mut self.memo, true);
            self.reach = Some(ForRevision { revision, value });
            changed = true;
        }
        let stale = self
            .coverage
            .as_ref()
            .is_none_or(|c| c.revision != revision)
            || self.coverage_rotation != rotation;
        if stale && !dragging {
            let value = visible_coverage(scenario, usize::MAX, rotation);
            self.coverage = Some(ForRevision { revision, value });
            self.coverage_rotation = rotation;
            changed = true;
        }
        if changed || self.matrix.is_none() {
            let coverage = self.coverage.as_ref().map_or(&[][..], |c| &c.value);
            self.matrix = Some(ReachMatrix::new(scenario, self.reach_rows(), coverage));
        }
    }

    /// The reach matrix of the visible missiles.
    pub fn matrix(&self) -> Option<&ReachMatrix> {
        self.matrix.as_ref()
    }

    /// Forgets the figures of the previous document (a new one was opened or made).
    pub fn forget_document(&mut self) {
        self.reach = None;
        self.coverage = None;
        self.matrix = None;
        self.last_scene = None;
    }

    /// Reach rows of the visible missiles.
    pub fn reach_rows(&self) -> &[ReachRow] {
        self.reach.as_ref().map_or(&[], |r| &r.value)
    }

    /// Coverage rows of the visible missiles, and whether they are of an older revision than
    /// `revision` (during a drag).
    pub fn coverage(&self, revision: u64) -> Option<(&[CoverageRow], bool)> {
        self.coverage
            .as_ref()
            .map(|c| (c.value.as_slice(), c.revision != revision))
    }
}
