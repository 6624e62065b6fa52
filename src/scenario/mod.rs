//! Range scenarios: the file format, its validation with precise errors, the built-in scenario,
//! and atomic saving.
//!
//! Reading is two steps, like ripgrep's arguments: serde parses the text into the plain types of
//! [`file`] (syntax, types and unknown fields, with line and column), then [`Scenario::new`]
//! checks everything serde cannot (ranges, bands, ids, references) and yields the validated
//! [`Scenario`] that the rest of the program trusts.

pub mod file;
mod locate;
mod validate;

pub use validate::is_date;

pub use file::{
    FORMAT, Missile, Platform, ProjectionKind, ScenarioFile, Site, SiteKind, Source, Target,
    TargetArea, View,
};
pub use locate::{JsonPath, PathStep};

use std::fmt;
use std::io::Write;
use std::ops::Deref;
use std::path::Path;

/// Largest scenario file read, bytes. Real scenarios are a few kilobytes; this refuses a
/// mistaken multi-megabyte file quickly instead of parsing it.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The built-in scenario's JSON, embedded in the binary.
pub const BUILTIN_JSON: &str = include_str!("../../assets/scenarios/builtin.json");

/// One thing wrong with a scenario, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column of the offending value, when known.
    pub location: Option<(usize, usize)>,
    /// Path of the offending field, e.g. `missiles[3].range_km`; empty for the whole file.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

/// Why a scenario was rejected: every problem found, and the file it came from.
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
            if !p.path.is_empty() {
                write!(f, ": {}", p.path)?;
            }
            write!(f, ": {}", p.message)?;
        }
        Ok(())
    }
}

impl ScenarioError {
    fn single(origin: &str, location: Option<(usize, usize)>, path: &str, message: String) -> Self {
        Self {
            origin: origin.to_owned(),
            problems: vec![Problem {
                location,
                path: path.to_owned(),
                message,
            }],
        }
    }
}

/// A validated scenario: every coordinate in range, every range positive and its band ordered,
/// ids unique, every `from` naming a site, every colour well-formed.
///
/// Read access goes through `Deref` to [`ScenarioFile`]; changes go through
/// [`Scenario::edited`], which validates the result.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    file: ScenarioFile,
}

impl Deref for Scenario {
    type Target = ScenarioFile;
    fn deref(&self) -> &ScenarioFile {
        &self.file
    }
}

/// One ring to draw: a missile flying from a site, by index into the scenario's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RingSpec {
    /// Index into [`ScenarioFile::sites`].
    pub site: usize,
    /// Index into [`ScenarioFile::missiles`].
    pub missile: usize,
}

impl Scenario {
    /// Validates parsed file contents. Problems carry field paths but no line numbers (there is
    /// no text); [`Scenario::from_json`] adds them.
    pub fn new(file: ScenarioFile) -> Result<Self, Vec<(JsonPath, String)>> {
        let problems = validate::check(&file);
        if problems.is_empty() {
            Ok(Self { file })
        } else {
            Err(problems)
        }
    }

    /// Parses and validates scenario JSON. `origin` names the file in error messages.
    /// A UTF-8 byte-order mark is accepted. Never panics, whatever the bytes.
    pub fn from_json(bytes: &[u8], origin: &str) -> Result<Self, ScenarioError> {
        if bytes.len() > MAX_FILE_BYTES {
            let message = format!(
                "file is {:.1} MB; scenario files are limited to {} MB",
                bytes.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            );
            return Err(ScenarioError::single(origin, None, "", message));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                let at = locate::line_column(valid, valid.len());
                let message = format!(
                    "not UTF-8 text (invalid byte at offset {}); is this a scenario file?",
                    e.valid_up_to()
                );
                return Err(ScenarioError::single(origin, Some(at), "", message));
            }
        };
        if text.trim().is_empty() {
            return Err(ScenarioError::single(
                origin,
                None,
                "",
                "file is empty".into(),
            ));
        }
        check_format(text, origin)?;
        let mut de = serde_json::Deserializer::from_str(text);
        // Trailing characters were already refused by the syntax check in `check_format`.
        let file: ScenarioFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = e.into_inner();
            let location = (inner.line() > 0).then(|| (inner.line(), inner.column()));
            ScenarioError::single(origin, location, &path, explain_serde_error(&inner))
        })?;
        Self::new(file).map_err(|problems| ScenarioError {
            origin: origin.to_owned(),
            problems: problems
                .into_iter()
                .map(|(path, message)| Problem {
                    location: locate::locate(text, &path),
                    path: path.to_string(),
                    message,
                })
                .collect(),
        })
    }

    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        let origin = path.display().to_string();
        let metadata = std::fs::metadata(path)
            .map_err(|e| ScenarioError::single(&origin, None, "", format!("cannot read: {e}")))?;
        if metadata.is_dir() {
            return Err(ScenarioError::single(
                &origin,
                None,
                "",
                "is a folder, not a file".into(),
            ));
        }
        if metadata.len() > MAX_FILE_BYTES as u64 {
            let message = format!(
                "file is {:.1} MB; scenario files are limited to {} MB",
                metadata.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            );
            return Err(ScenarioError::single(&origin, None, "", message));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| ScenarioError::single(&origin, None, "", format!("cannot read: {e}")))?;
        Self::from_json(&bytes, &origin)
    }

    /// The built-in scenario: published figures for North Korean missiles, with sources.
    pub fn builtin() -> Self {
        // A unit test parses the embedded file, so this cannot fail in a built binary.
        #[allow(
            clippy::expect_used,
            reason = "embedded file, validated by a unit test"
        )]
        Self::from_json(BUILTIN_JSON.as_bytes(), "built-in scenario")
            .expect("the embedded built-in scenario is valid")
    }

    /// The file contents, for saving or inspection.
    pub fn file(&self) -> &ScenarioFile {
        &self.file
    }

    /// A copy with `change` applied, if the result is still valid.
    pub fn edited(
        &self,
        change: impl FnOnce(&mut ScenarioFile),
    ) -> Result<Self, Vec<(JsonPath, String)>> {
        let mut file = self.file.clone();
        change(&mut file);
        Self::new(file)
    }

    /// The scenario as pretty-printed JSON with a final newline. Whole numbers are written
    /// without a fraction (`15000`, not `15000.0`), as people write them.
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys and finite numbers cannot fail.
        let mut value = serde_json::to_value(&self.file).unwrap_or_default();
        integral_numbers_as_integers(&mut value);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Saves atomically: writes a temporary file beside `path`, flushes it to disk, then renames
    /// it over `path`, so a crash leaves either the old file or the new one, never half of one.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        write_atomically(path, self.to_json().as_bytes())
    }

    /// Every ring to draw or report, missile by missile: each missile from each site in its
    /// `from` list, or else from every site whose kind matches its platform.
    pub fn ring_specs(&self) -> Vec<RingSpec> {
        let mut specs = Vec::new();
        for (m, missile) in self.missiles.iter().enumerate() {
            for (s, site) in self.sites.iter().enumerate() {
                let flies_from = match &missile.from {
                    Some(from) => from.contains(&site.id),
                    None => matches!(
                        (missile.platform(), site.kind()),
                        (Platform::Land, SiteKind::Launch) | (Platform::Sea, SiteKind::Patrol)
                    ),
                };
                if flies_from {
                    specs.push(RingSpec {
                        site: s,
                        missile: m,
                    });
                }
            }
        }
        specs
    }

    /// The colour of missile `index`: its own, or one from a fixed palette.
    pub fn missile_color(&self, index: usize) -> Rgba {
        self.missiles
            .get(index)
            .and_then(|m| m.color.as_deref())
            .and_then(Rgba::parse)
            .unwrap_or(PALETTE[index % PALETTE.len()])
    }
}

fn integral_numbers_as_integers(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|x| x.fract() == 0.0 && x.abs() < 1e15) {
                *n = serde_json::Number::from(x as i64);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, fsync and rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&temp, path)?;
        // Make the rename itself durable; not every platform can open a folder, so best effort.
        if let Ok(dir) = std::fs::File::open(folder) {
            let _ = dir.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// An sRGB colour with alpha, 0-255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    /// Parses `#rrggbb` or `#rrggbbaa`.
    ///
    /// # Examples
    /// ```
    /// use range_rings::scenario::Rgba;
    /// assert_eq!(Rgba::parse("#c0392b"), Some(Rgba([0xc0, 0x39, 0x2b, 0xff])));
    /// assert_eq!(Rgba::parse("#c0392b80"), Some(Rgba([0xc0, 0x39, 0x2b, 0x80])));
    /// assert_eq!(Rgba::parse("red"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let hex = text.strip_prefix('#')?;
        if !(hex.len() == 6 || hex.len() == 8) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        let alpha = if hex.len() == 8 { byte(6)? } else { 255 };
        Some(Self([byte(0)?, byte(2)?, byte(4)?, alpha]))
    }

    /// `#rrggbb`, or `#rrggbbaa` when not opaque.
    pub fn to_hex(self) -> String {
        let [r, g, b, a] = self.0;
        if a == 255 {
            format!("#{r:02x}{g:02x}{b:02x}")
        } else {
            format!("#{r:02x}{g:02x}{b:02x}{a:02x}")
        }
    }
}

/// Colours for missiles without one (ColorBrewer Set1 and Dark2: distinct and printable).
pub const PALETTE: [Rgba; 10] = [
    Rgba([0xe4, 0x1a, 0x1c, 0xff]),
    Rgba([0x37, 0x7e, 0xb8, 0xff]),
    Rgba([0x4d, 0xaf, 0x4a, 0xff]),
    Rgba([0x98, 0x4e, 0xa3, 0xff]),
    Rgba([0xff, 0x7f, 0x00, 0xff]),
    Rgba([0xa6, 0x56, 0x28, 0xff]),
    Rgba([0xf7, 0x81, 0xbf, 0xff]),
    Rgba([0x1b, 0x9e, 0x77, 0xff]),
    Rgba([0x75, 0x70, 0xb3, 0xff]),
    Rgba([0x66, 0x66, 0x66, 0xff]),
];

/// Checks `format` before anything else, so that a GeoJSON or other JSON file gets "this is not
/// a scenario" rather than a list of unknown fields.
fn check_format(text: &str, origin: &str) -> Result<(), ScenarioError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let syntax_error = |e: serde_json::Error| {
        let location = (e.line() > 0).then(|| (e.line(), e.column()));
        ScenarioError::single(origin, location, "", explain_serde_error(&e))
    };
    // Syntax first: a truncated file should say so, not that `format` is missing.
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(syntax_error)?;
    let kind = match text.trim_start().bytes().next() {
        Some(b'{') => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        _ => Some("a number"),
    };
    if let Some(kind) = kind {
        let message = format!("the file holds {kind}; a scenario is a JSON object {{ ... }}");
        return Err(ScenarioError::single(origin, Some((1, 1)), "", message));
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        let location = (e.line() > 0).then(|| (e.line(), e.column()));
        ScenarioError::single(origin, location, "", explain_serde_error(&e))
    })?;
    let expected = format!("expected \"format\": \"{FORMAT}\"");
    match probe.format {
        None => Err(ScenarioError::single(
            origin,
            None,
            "format",
            format!("missing; not a range-rings scenario ({expected})"),
        )),
        Some(serde_json::Value::String(s)) if s == FORMAT => Ok(()),
        Some(other) => {
            let path = JsonPath::default().key("format");
            let location = locate::locate(text, &path);
            Err(ScenarioError::single(
                origin,
                location,
                "format",
                format!("{other} is not a format this version reads ({expected})"),
            ))
        }
    }
}

/// serde_json's message without its " at line L column C" tail (we print the location
/// ourselves), with a did-you-mean for unknown fields and variants.
fn explain_serde_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    };
    if e.is_eof() {
        return format!("{message} (the file is cut short)");
    }
    if let Some(suggestion) = did_you_mean(&message) {
        return suggestion;
    }
    message
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" (or "unknown variant"), the
/// closest expected name.
fn did_you_mean(message: &str) -> Option<String> {
    let what = ["unknown field", "unknown variant"]
        .into_iter()
        .find(|w| message.starts_with(w))?;
    let mut quoted = message.split('`').skip(1).step_by(2);
    let unknown = quoted.next()?;
    let expected: Vec<&str> = quoted.collect();
    let best = expected
        .iter()
        .map(|candidate| (strsim::damerau_levenshtein(unknown, candidate), *candidate))
        .min()?;
    let limit = (unknown.chars().count() / 3).max(2);
    if best.0 <= limit {
        Some(format!("{what} `{unknown}`; did you mean `{}`?", best.1))
    } else {
        let list = expected
            .iter()
            .map(|e| format!("`{e}`"))
            .collect::<Vec<_>>()
            .join(", ");
        Some(format!("{what} `{unknown}`; expected one of {list}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_scenario_is_valid() {
        let s = Scenario::builtin();
        assert!(s.sites.iter().any(|s| s.id == "pyongyang"));
        assert!(s.sites.iter().any(|s| s.id == "sinpo"));
        assert!(s.missiles.len() >= 17);
        assert!(!s.ring_specs().is_empty());
    }

    #[test]
    fn did_you_mean_suggests_the_closest_field() {
        let m = "unknown field `rang_km`, expected one of `id`, `name`, `range_km`, `range_min_km`";
        assert_eq!(
            did_you_mean(m).unwrap(),
            "unknown field `rang_km`; did you mean `range_km`?"
        );
        let far = "unknown field `zzzzzz`, expected `id` or `name`";
        assert!(
            did_you_mean(far)
                .unwrap()
                .contains("expected one of `id`, `name`")
        );
    }
}
