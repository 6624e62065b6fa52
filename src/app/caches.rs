//! What the app derives from the document and keeps between frames: the scene builder (with
//! its projected basemap and rings), the last scene, the painter's meshes, the reach rows and
//! the coverage of target areas. Each is recomputed when the document's revision changes, and
//! coverage (tens of milliseconds) not during a drag.
//!
//! A document's first reach table (every rotating-Earth search) and every coverage table are
//! computed on a worker thread, so the window shows the map first and fills the tables in as
//! they arrive; later reach tables reuse the rows of unchanged sites and are computed in the
//! frame (a dragged site's rows follow the pointer).

use super::document::Document;
use super::map::MeshCache;
use crate::analysis::{
    CoverageRow, ReachMatrix, ReachMemo, ReachRow, reach_table_memo, visible_coverage,
};
use crate::scenario::Scenario;
use crate::scene::{Scene, SceneBuilder};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Figures computed for one revision of the document.
struct ForRevision<T> {
    revision: u64,
    value: T,
}

/// What a worker computed for one revision: the reach rows (with their memo) when the
/// document had none, and the coverage.
struct Computed {
    reach: Option<(Vec<ReachRow>, ReachMemo)>,
    coverage: Vec<CoverageRow>,
}

/// A worker computing for one revision (with the rotating-Earth shares when `rotation`).
struct Job {
    revision: u64,
    rotation: bool,
    result: Receiver<Computed>,
}

/// A worker computing the coverage of `scenario`, and the reach rows when `with_reach`, at a
/// lower priority than the window's thread.
fn spawn_analysis(scenario: &Scenario, rotation: bool, with_reach: bool) -> Receiver<Computed> {
    let (tx, rx) = channel();
    let scenario = scenario.clone();
    crate::threads::spawn(move || {
        crate::threads::lower_priority();
        let reach = with_reach.then(|| {
            let mut memo = ReachMemo::default();
            let rows = reach_table_memo(&scenario, &mut memo, true);
            (rows, memo)
        });
        let coverage = visible_coverage(&scenario, usize::MAX, rotation);
        let _ = tx.send(Computed { reach, coverage });
    });
    rx
}

/// The window's first view made on a worker while the window opens: the scene builder with
/// the view's layers, and the image of them.
pub struct FirstView {
    pub scene: SceneBuilder,
    pub image: Option<super::map::EarlyImage>,
}

/// Derived data kept between frames.
pub struct Caches {
    /// Builds the scene each frame, rebuilding only rings whose geometry changed.
    pub scene: SceneBuilder,
    /// The first view's image made before the window opened, until the first frame shows
    /// it (if it is of the same view).
    pub early_image: Option<super::map::EarlyImage>,
    /// The scene drawn in the last frame (what the user sees, for hit tests).
    pub last_scene: Option<Scene>,
    /// The map painter's triangles and screen meshes.
    pub meshes: MeshCache,
    /// The map's area layers as one image, for panning.
    pub raster: super::map::MapRaster,
    /// Whether the first reach table and the coverage are computed on a worker thread (the
    /// window); tests that read the tables in the first frames turn it off.
    pub(super) in_background: bool,
    reach: Option<ForRevision<Vec<ReachRow>>>,
    memo: ReachMemo,
    coverage: Option<ForRevision<Vec<CoverageRow>>>,
    /// Whether the coverage holds rotating-Earth shares.
    coverage_rotation: bool,
    /// The ids of the sites, missiles and target areas the coverage rows index, hashed.
    coverage_ids: u64,
    /// The reach matrix, rebuilt when reach rows or coverage change.
    matrix: Option<ReachMatrix>,
    job: Option<Job>,
    /// The revision whose worker died (no result): not started again for it.
    failed: Option<u64>,
}

/// The ids of a scenario's sites, missiles and target areas, in order, hashed: coverage rows
/// index them, so rows of a scenario with other ids would name the wrong places.
fn ids_key(scenario: &Scenario) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    scenario.sites().iter().for_each(|s| s.id.hash(&mut h));
    scenario.missiles().iter().for_each(|m| m.id.hash(&mut h));
    scenario
        .target_areas()
        .iter()
        .for_each(|a| a.id.hash(&mut h));
    h.finish()
}

impl Default for Caches {
    fn default() -> Self {
        Self {
            scene: SceneBuilder::default(),
            early_image: None,
            last_scene: None,
            meshes: MeshCache::default(),
            raster: super::map::MapRaster::default(),
            in_background: true,
            reach: None,
            memo: ReachMemo::default(),
            coverage: None,
            coverage_rotation: false,
            coverage_ids: 0,
            matrix: None,
            job: None,
            failed: None,
        }
    }
}

impl Caches {
    /// Brings the reach rows (visible missiles) up to the document's revision, and the
    /// coverage too unless a drag is going on (with the rotating-Earth share when `rotation`,
    /// the rotation layer, is on). Reach rows of unchanged sites are reused.
    pub fn refresh(&mut self, doc: &Document, dragging: bool, rotation: bool) {
        let revision = doc.revision;
        let scenario = doc.scenario();
        let mut changed = self.take_finished(scenario, revision);
        // Rows of older coverage are shown, marked as updating, only while they still name
        // the same places.
        if self
            .coverage
            .as_ref()
            .is_some_and(|c| c.revision != revision)
            && self.coverage_ids != ids_key(scenario)
        {
            self.coverage = None;
            changed = true;
        }
        let reach_stale = self.reach.as_ref().is_none_or(|r| r.revision != revision);
        let coverage_stale = self
            .coverage
            .as_ref()
            .is_none_or(|c| c.revision != revision)
            || self.coverage_rotation != rotation;
        if self.in_background {
            // The first table of a document waits for the worker; later ones reuse rows.
            if reach_stale && self.reach.is_some() {
                self.reach_now(scenario, revision);
                changed = true;
            }
            let needs_reach = self.reach.is_none();
            // One worker at a time: one for an older revision finishes (its result is
            // dropped) before the next starts, so quick edits do not pile up threads. (A
            // worker of a document since closed runs on to its end, its result unread.)
            if (needs_reach || (coverage_stale && !dragging))
                && self.job.is_none()
                && self.failed != Some(revision)
            {
                self.start_job(scenario, revision, rotation, needs_reach);
            }
        } else {
            if reach_stale {
                self.reach_now(scenario, revision);
                changed = true;
            }
            if coverage_stale && !dragging {
                let value = visible_coverage(scenario, usize::MAX, rotation);
                self.coverage = Some(ForRevision { revision, value });
                self.coverage_rotation = rotation;
                self.coverage_ids = ids_key(scenario);
                changed = true;
            }
        }
        if changed || (self.matrix.is_none() && self.reach.is_some()) {
            let coverage = self.coverage.as_ref().map_or(&[][..], |c| &c.value);
            self.matrix = Some(ReachMatrix::new(scenario, self.reach_rows(), coverage));
        }
    }

    /// The reach rows of `revision`, reusing the memo's rows of unchanged sites.
    fn reach_now(&mut self, scenario: &Scenario, revision: u64) {
        let value = reach_table_memo(scenario, &mut self.memo, true);
        self.reach = Some(ForRevision { revision, value });
    }

    /// Starts a worker for `revision`: the coverage, and the reach rows when `with_reach`.
    fn start_job(&mut self, scenario: &Scenario, revision: u64, rotation: bool, with_reach: bool) {
        self.job = Some(Job {
            revision,
            rotation,
            result: spawn_analysis(scenario, rotation, with_reach),
        });
    }

    /// Takes the first view made before the window opened: its layers, which the first
    /// frame's scene then reuses (an image is known by its layers' addresses), and its image.
    pub fn adopt_first_view(&mut self, first: FirstView) {
        self.scene = first.scene;
        self.early_image = first.image;
    }

    /// Takes in the worker's result if it is done and still of the document's `revision`
    /// (rows of another revision may name sites that are gone). Whether anything changed.
    fn take_finished(&mut self, scenario: &Scenario, revision: u64) -> bool {
        let Some(job) = self.job.take() else {
            return false;
        };
        let computed = match job.result.try_recv() {
            Ok(computed) => computed,
            Err(TryRecvError::Empty) => {
                self.job = Some(job);
                return false;
            }
            // The worker died (a bug): not tried again for this revision.
            Err(TryRecvError::Disconnected) => {
                self.failed = Some(job.revision);
                return false;
            }
        };
        if job.revision != revision {
            return false;
        }
        if let Some((value, memo)) = computed.reach {
            self.reach = Some(ForRevision { revision, value });
            self.memo = memo;
        }
        self.coverage = Some(ForRevision {
            revision,
            value: computed.coverage,
        });
        self.coverage_rotation = job.rotation;
        self.coverage_ids = ids_key(scenario);
        true
    }

    /// Whether a worker is computing tables the window is waiting for.
    pub fn computing(&self) -> bool {
        self.job.is_some()
    }

    /// Whether the reach rows are still to come (the document's first table is computing).
    pub fn reach_pending(&self) -> bool {
        self.reach.is_none() && self.job.is_some()
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
        self.job = None;
    }

    /// Reach rows of the visible missiles.
    pub fn reach_rows(&self) -> &[ReachRow] {
        self.reach.as_ref().map_or(&[], |r| &r.value)
    }

    /// Coverage rows of the visible missiles, and whether they are out of date: of an older
    /// revision than `revision` (during a drag, or while the worker computes the new ones), or
    /// without the rotating-Earth shares `rotation` asks for.
    pub fn coverage(&self, revision: u64, rotation: bool) -> Option<(&[CoverageRow], bool)> {
        self.coverage.as_ref().map(|c| {
            let stale = c.revision != revision || (rotation && !self.coverage_rotation);
            (c.value.as_slice(), stale)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(caches: &mut Caches, doc: &Document) {
        let started = web_time::Instant::now();
        while caches.computing() && started.elapsed().as_secs() < 60 {
            std::thread::sleep(std::time::Duration::from_millis(10));
            caches.refresh(doc, false, false);
        }
        assert!(!caches.computing(), "the worker never finished");
    }

    /// The first table of a document comes from the worker: none in the frame that starts
    /// it, all of it (with the coverage and the matrix) once it is done; an edit made while
    /// it runs is not shown with the older rows, and a later table reuses rows in the frame.
    #[test]
    fn the_first_tables_come_from_a_worker_and_edits_are_not_mixed_up() {
        let mut doc = Document::new(Scenario::builtin(), None);
        let mut caches = Caches::default();
        caches.refresh(&doc, false, false);
        assert!(caches.reach_pending() && caches.computing());
        assert!(caches.reach_rows().is_empty() && caches.matrix().is_none());
        // An edit while the worker runs (Pyongyang moved to 10 N): its rows are of the old
        // revision and are dropped, not shown as the new one's.
        doc.edit(|file| file.sites[0].lat = 10.0).unwrap();
        caches.refresh(&doc, false, false);
        wait(&mut caches, &doc);
        let rows = caches.reach_rows();
        let seoul = doc
            .scenario()
            .targets()
            .iter()
            .position(|t| t.id == "seoul")
            .unwrap();
        let from_pyongyang = rows
            .iter()
            .find(|r| r.site == 0 && r.target == seoul)
            .expect("a row from Pyongyang to Seoul");
        assert!(from_pyongyang.distance_km > 2_500.0, "{from_pyongyang:?}");
        assert!(caches.matrix().is_some());
        let (coverage, stale) = caches.coverage(doc.revision, false).expect("coverage");
        assert!(!stale && !coverage.is_empty());
        // A later edit: the reach rows in the frame, the coverage from a worker.
        doc.edit(|file| file.missiles[1].range_km += 100.0).unwrap();
        caches.refresh(&doc, false, false);
        assert!(!caches.reach_pending(), "rows are reused in the frame");
        assert!(
            caches
                .coverage(doc.revision, false)
                .is_some_and(|(_, stale)| stale)
        );
        wait(&mut caches, &doc);
        assert!(
            caches
                .coverage(doc.revision, false)
                .is_some_and(|(_, stale)| !stale)
        );
    }
}
