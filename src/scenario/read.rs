//! Reading scenario files: size, encoding, syntax and `format` first, then serde (types and
//! unknown fields, with line and column and a did-you-mean), then validation, whose problems
//! are located in the text afterwards.

use super::file::{FORMAT, ScenarioFile};
use super::locate::{self, JsonPath};
use super::{Problem, Scenario, ScenarioError};
use std::path::Path;

/// Largest scenario file read, bytes. Real scenarios are a few kilobytes; this refuses a
/// mistaken multi-megabyte file quickly instead of parsing it.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

impl Scenario {
    /// Parses and validates scenario JSON. `origin` names the file in error messages.
    /// A UTF-8 byte-order mark is accepted. Never panics, whatever the bytes.
    pub fn from_json(bytes: &[u8], origin: &str) -> Result<Self, ScenarioError> {
        if bytes.len() > MAX_FILE_BYTES {
            let message = format!(
                "file is {:.1} MB; scenario files are limited to {} MB",
                bytes.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            );
            return Err(ScenarioError::single(
                origin,
                None,
                JsonPath::default(),
                message,
            ));
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
                return Err(ScenarioError::single(
                    origin,
                    Some(at),
                    JsonPath::default(),
                    message,
                ));
            }
        };
        if text.trim().is_empty() {
            return Err(ScenarioError::single(
                origin,
                None,
                JsonPath::default(),
                "file is empty".into(),
            ));
        }
        check_format(text, origin)?;
        let mut de = serde_json::Deserializer::from_str(text);
        // Trailing characters were already refused by the syntax check in `check_format`.
        let file: ScenarioFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = JsonPath::from_serde(e.path());
            let inner = e.into_inner();
            if explain_serde_error(&inner).starts_with("unknown field")
                && let Some(all) = every_unknown_field(text, origin)
            {
                return all;
            }
            let location = (inner.line() > 0).then(|| (inner.line(), inner.column()));
            ScenarioError::single(origin, location, path, explain_serde_error(&inner))
        })?;
        Self::try_from(file).map_err(|problems| ScenarioError {
            origin: origin.to_owned(),
            problems: problems
                .0
                .into_iter()
                .map(|p| Problem {
                    location: locate::locate(text, &p.path),
                    ..p
                })
                .collect(),
        })
    }

    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        let origin = path.display().to_string();
        let whole =
            |message: String| ScenarioError::single(&origin, None, JsonPath::default(), message);
        let metadata = std::fs::metadata(path).map_err(|e| whole(format!("cannot read: {e}")))?;
        if metadata.is_dir() {
            return Err(whole("is a folder, not a file".into()));
        }
        if metadata.len() > MAX_FILE_BYTES as u64 {
            let message = format!(
                "file is {:.1} MB; scenario files are limited to {} MB",
                metadata.len() as f64 / 1e6,
                MAX_FILE_BYTES / (1024 * 1024)
            );
            return Err(whole(message));
        }
        let bytes = std::fs::read(path).map_err(|e| whole(format!("cannot read: {e}")))?;
        Self::from_json(&bytes, &origin)
    }
}

/// Checks `format` before anything else, so that a GeoJSON or other JSON file gets "this is not
/// a scenario" rather than a list of unknown fields.
fn check_format(text: &str, origin: &str) -> Result<(), ScenarioError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        format: Option<serde_json::Value>,
    }
    let syntax_error = |e: serde_json::Error| {
        let location = (e.line() > 0).then(|| (e.line(), e.column()));
        ScenarioError::single(
            origin,
            location,
            JsonPath::default(),
            explain_serde_error(&e),
        )
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
        return Err(ScenarioError::single(
            origin,
            Some((1, 1)),
            JsonPath::default(),
            message,
        ));
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        let location = (e.line() > 0).then(|| (e.line(), e.column()));
        ScenarioError::single(
            origin,
            location,
            JsonPath::default(),
            explain_serde_error(&e),
        )
    })?;
    let expected = format!("expected \"format\": \"{FORMAT}\"");
    match probe.format {
        None => Err(ScenarioError::single(
            origin,
            None,
            JsonPath::default().key("format"),
            format!("missing; not a range-rings scenario ({expected})"),
        )),
        Some(serde_json::Value::String(s)) if s == FORMAT => Ok(()),
        Some(other) => {
            let path = JsonPath::default().key("format");
            let location = locate::locate(text, &path);
            Err(ScenarioError::single(
                origin,
                location,
                path,
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

/// Every unknown field of `text` at once, located and in text order, each with its
/// did-you-mean (`None` if the walk finds none, and serde's own message stands).
fn every_unknown_field(text: &str, origin: &str) -> Option<ScenarioError> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let schema = super::json_schema();
    let mut problems: Vec<Problem> = super::unknown::unknown_fields(&value, &schema)
        .into_iter()
        .map(|field| {
            let expected = field
                .expected
                .iter()
                .map(|e| format!("`{e}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let serde_style = format!("unknown field `{}`, expected one of {expected}", field.name);
            Problem {
                location: locate::locate(text, &field.path),
                message: did_you_mean(&serde_style).unwrap_or(serde_style),
                path: field.path,
            }
        })
        .collect();
    if problems.is_empty() {
        return None;
    }
    problems.sort_by_key(|p| p.location);
    Some(ScenarioError {
        origin: origin.to_owned(),
        problems,
    })
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
