//! The open scenario with its file, unsaved-changes flag and undo history. Every edit is
//! validated: the document never holds an invalid scenario.

use crate::scenario::{Problems, SaveError, Scenario, ScenarioFile};
use std::path::PathBuf;

/// Most undo steps kept; a scenario is small, so snapshots are cheap.
const UNDO_LIMIT: usize = 200;

/// The scenario being edited.
pub struct Document {
    scenario: Scenario,
    /// Where it was loaded from or last saved to.
    pub path: Option<PathBuf>,
    /// Changed since the last load or save.
    pub dirty: bool,
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The scenario as last loaded or saved: undoing back to it is not an unsaved change.
    /// `None` when no saved file holds it (work restored after a crash).
    saved: Option<Scenario>,
    /// Increases with every change, so views know when to rebuild.
    pub revision: u64,
}

impl Document {
    /// A document for a scenario just opened (or the built-in one when `path` is `None`).
    pub fn new(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Self {
            saved: Some(scenario.clone()),
            scenario,
            path,
            dirty: false,
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
        }
    }

    /// A document for work restored after a crash: unsaved until saved.
    pub fn restored(scenario: Scenario, path: Option<PathBuf>) -> Self {
        Self {
            saved: None,
            dirty: true,
            ..Self::new(scenario, path)
        }
    }

    /// The current scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Applies a change as one undo step, if the result is valid.
    ///
    /// # Errors
    /// Every problem of the changed scenario; the document is then unchanged.
    pub fn edit(&mut self, change: impl FnOnce(&mut ScenarioFile)) -> Result<(), Problems> {
        let next = self.validated(change)?;
        self.push_undo();
        self.replace(next);
        Ok(())
    }

    /// Applies a change without a new undo step: for continuous edits (dragging a site, a
    /// slider) whose undo step was taken when they started with [`Document::checkpoint`].
    ///
    /// # Errors
    /// Every problem of the changed scenario; the document is then unchanged.
    pub fn edit_continuing(
        &mut self,
        change: impl FnOnce(&mut ScenarioFile),
    ) -> Result<(), Problems> {
        let next = self.validated(change)?;
        self.replace(next);
        Ok(())
    }

    /// Records the current state as an undo step (at the start of a continuous edit).
    pub fn checkpoint(&mut self) {
        self.push_undo();
    }

    fn validated(&self, change: impl FnOnce(&mut ScenarioFile)) -> Result<Scenario, Problems> {
        self.scenario.edited(change)
    }

    fn push_undo(&mut self) {
        self.undo.push(self.scenario.clone());
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn replace(&mut self, next: Scenario) {
        if next != self.scenario {
            self.scenario = next;
            self.dirty = self.saved.as_ref() != Some(&self.scenario);
            self.revision += 1;
        }
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Goes back one step. Back at the saved state, nothing is unsaved.
    pub fn undo(&mut self) {
        if let Some(previous) = self.undo.pop() {
            self.redo
                .push(std::mem::replace(&mut self.scenario, previous));
            self.after_step();
        }
    }

    /// Goes forward one step.
    pub fn redo(&mut self) {
        if let Some(next) = self.redo.pop() {
            self.undo.push(std::mem::replace(&mut self.scenario, next));
            self.after_step();
        }
    }

    /// After an undo or redo: unsaved unless the scenario is the saved one again.
    fn after_step(&mut self) {
        self.dirty = self.saved.as_ref() != Some(&self.scenario);
        self.revision += 1;
    }

    /// Saves to `path` atomically; on failure the edits stay and the error says why.
    ///
    /// # Errors
    /// What the save could not do; the document keeps its edits and stays unsaved.
    pub fn save_to(&mut self, path: PathBuf) -> Result<(), SaveError> {
        let text = self.scenario.to_json()?;
        super::files::write(&path, text.as_bytes()).map_err(|source| SaveError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.path = Some(path);
        self.saved = Some(self.scenario.clone());
        self.dirty = false;
        Ok(())
    }

    /// What the document is called: its file's name, or, for a scenario not read from a file
    /// (built in, new, from a link), its title.
    pub fn name(&self) -> String {
        match self.path.as_ref().and_then(|p| p.file_name()) {
            Some(file) => file.to_string_lossy().into_owned(),
            None => match self.scenario.title().map(str::trim) {
                Some(title) if !title.is_empty() => title.to_owned(),
                _ => "untitled scenario".to_owned(),
            },
        }
    }

    /// The window title: the document's name, and a marker when there are unsaved changes.
    pub fn title(&self) -> String {
        let name = self.name();
        format!("{}{name} - range-rings", if self.dirty { "* " } else { "" })
    }
}
