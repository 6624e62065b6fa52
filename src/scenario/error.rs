//! What can go wrong with a scenario: problems found while reading or validating one (each
//! with the field it concerns and, from a file, its line and column), and failed saves.

use super::locate::JsonPath;
use std::fmt;

/// One thing wrong with a scenario, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column of the offending value, when read from text that holds it.
    pub location: Option<(usize, usize)>,
    /// Path of the offending field, e.g. `missiles[3].range_km`; empty for the whole file.
    pub path: JsonPath,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    /// A problem with a field, not yet located in any text.
    pub fn at(path: JsonPath, message: impl Into<String>) -> Self {
        Self {
            location: None,
            path,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// `PATH: MESSAGE`, or the message alone for the whole file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.0.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Why scenario contents were refused: every problem found; never empty.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    /// The problems on one line, separated by "; ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                write!(f, "; ")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

/// Why a scenario file was rejected: every problem found, and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The file name (or a description such as "built-in scenario") the problems refer to.
    pub origin: String,
    /// Everything wrong, in file order where known; never empty.
    pub problems: Vec<Problem>,
}

impl fmt::Display for ScenarioError {
    /// One line per problem: `FILE:LINE:COLUMN: PATH: MESSAGE`, like a compiler.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.origin)?;
            if let Some((line, column)) = p.location {
                write!(f, ":{line}:{column}")?;
            }
            write!(f, ": {p}")?;
        }
        Ok(())
    }
}

impl ScenarioError {
    /// The file named `origin` could not be read; `why` says why.
    pub fn unreadable(origin: &str, why: &str) -> Self {
        Self::single(
            origin,
            None,
            JsonPath::default(),
            format!("cannot read: {why}"),
        )
    }

    /// One problem with the whole file or one field of it.
    pub(super) fn single(
        origin: &str,
        location: Option<(usize, usize)>,
        path: JsonPath,
        message: String,
    ) -> Self {
        Self {
            origin: origin.to_owned(),
            problems: vec![Problem {
                location,
                path,
                message,
            }],
        }
    }
}

/// Why a scenario could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The scenario could not be written as JSON (a bug; never an empty file instead).
    #[error("cannot write the scenario as JSON: {0}")]
    Serialize(#[from] serde_json::Error),
    /// The file could not be written; the old file, if any, is untouched.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file being written.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}
