//! Autosave and recovery: unsaved edits are written to a recovery file every few seconds, so a
//! crash or kill loses little, and offered back at the next start.

use super::document::Document;
use super::files;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::time::Duration;
use web_time::Instant;

/// Unsaved work read back from the recovery file.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// The scenario as it was when autosaved.
    pub scenario: Scenario,
    /// The file it had been opened from, if any.
    pub origin: Option<PathBuf>,
    /// When it was autosaved, seconds since 1970.
    pub saved_at: u64,
}

/// Where and how often unsaved edits are autosaved.
#[derive(Debug, Clone)]
pub struct Recovery {
    /// The recovery file; no autosave when `None`.
    pub path: Option<PathBuf>,
    /// How long unsaved edits may wait before they are autosaved.
    pub interval: Duration,
    /// When the recovery file was last written, and for which revision.
    last: Option<(Instant, u64)>,
}

impl Default for Recovery {
    fn default() -> Self {
        Self {
            path: None,
            interval: Duration::from_secs(5),
            last: None,
        }
    }
}

/// What an autosave did.
#[derive(Debug)]
pub enum Autosaved {
    /// Nothing was due.
    Nothing,
    /// The recovery file was written or removed.
    Done,
    /// Writing failed (reported once per revision).
    Failed(String),
}

impl Recovery {
    /// Reads work left in the recovery file at `path` by an earlier session. A file that does
    /// not parse is set aside (renamed `.broken`), not trusted.
    pub fn read(path: &Path) -> Option<Recovered> {
        let bytes = files::read(path).ok()?;
        let recovered = parse(&bytes);
        if recovered.is_none() {
            files::set_aside(path);
        }
        recovered
    }

    /// Writes the recovery file when `doc` has unsaved edits it does not hold yet, at most every
    /// `interval`; removes it when nothing is unsaved.
    pub fn autosave(&mut self, doc: &Document) -> Autosaved {
        let Some(path) = self.path.clone() else {
            return Autosaved::Nothing;
        };
        if !doc.dirty {
            if self.last.take().is_some() {
                files::remove(&path);
                return Autosaved::Done;
            }
            return Autosaved::Nothing;
        }
        let due = self
            .last
            .is_none_or(|(at, revision)| revision != doc.revision && at.elapsed() >= self.interval);
        if !due {
            return Autosaved::Nothing;
        }
        // Said once per revision, not every frame, whether it worked or not.
        self.last = Some((Instant::now(), doc.revision));
        let saved_at = web_time::SystemTime::now()
            .duration_since(web_time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let record = serde_json::json!({
            "range_rings_recovery": 1,
            "saved_at": saved_at,
            "origin": doc.path.as_ref().map(|p| p.display().to_string()),
            "scenario": doc.scenario().file(),
        });
        files::make_folder_for(&path);
        let written = serde_json::to_string(&record)
            .map_err(|e| e.to_string())
            .and_then(|text| files::write(&path, text.as_bytes()).map_err(|e| e.to_string()));
        match written {
            Ok(()) => Autosaved::Done,
            Err(e) => Autosaved::Failed(format!("Could not autosave to {}: {e}", path.display())),
        }
    }

    /// Removes the recovery file: its work was saved, restored or thrown away on purpose.
    pub fn clear(&mut self) {
        if let Some(path) = &self.path {
            files::remove(path);
        }
        self.last = None;
    }

    /// When an autosave is next due, if edits wait for one.
    pub fn next_due(&self, doc: &Document) -> Option<Duration> {
        self.path.as_ref()?;
        let (at, revision) = self.last?;
        (doc.dirty && revision != doc.revision).then(|| self.interval.saturating_sub(at.elapsed()))
    }
}

fn parse(bytes: &[u8]) -> Option<Recovered> {
    let value: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    (value.get("range_rings_recovery")? == 1).then_some(())?;
    let scenario_text = serde_json::to_vec(value.get("scenario")?).ok()?;
    let scenario = Scenario::from_json(&scenario_text, "recovery file").ok()?;
    Some(Recovered {
        scenario,
        origin: value
            .get("origin")
            .and_then(|o| o.as_str())
            .map(PathBuf::from),
        saved_at: value
            .get("saved_at")
            .and_then(serde_json::Value::as_u64)
            .unwrap_or(0),
    })
}
