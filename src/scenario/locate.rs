//! Finds where a value sits in JSON text, so that errors found after parsing (a latitude out of
//! range, a duplicate id) can name a line and column like parse errors do.

use std::fmt;

/// One step of a path into a JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathStep {
    /// A member of an object.
    Key(String),
    /// An element of an array (0-based).
    Index(usize),
}

/// A path into a JSON document, displayed as `missiles[3].range_km`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JsonPath(pub Vec<PathStep>);

impl JsonPath {
    /// The path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathStep::Key(key.to_owned()));
        Self(steps)
    }

    /// The path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathStep::Index(index));
        Self(steps)
    }

    /// The path of a serde error, as serde_path_to_error tracked it.
    pub fn from_serde(path: &serde_path_to_error::Path) -> Self {
        use serde_path_to_error::Segment;
        Self(
            path.iter()
                .filter_map(|segment| match segment {
                    Segment::Seq { index } => Some(PathStep::Index(*index)),
                    Segment::Map { key } => Some(PathStep::Key(key.clone())),
                    Segment::Enum { variant } => Some(PathStep::Key(variant.clone())),
                    Segment::Unknown => None,
                })
                .collect(),
        )
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                PathStep::Key(k) if i == 0 => write!(f, "{k}")?,
                PathStep::Key(k) => write!(f, ".{k}")?,
                PathStep::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// 1-based line and column (in characters) of the value at `path`, if the text holds it.
/// The text must be JSON that already parsed; anything else gives `None`, never a panic.
pub fn locate(text: &str, path: &JsonPath) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut pos = skip_ws(bytes, 0);
    for step in &path.0 {
        pos = match step {
            PathStep::Key(key) => find_member(bytes, pos, key)?,
            PathStep::Index(index) => find_element(bytes, pos, *index)?,
        };
    }
    Some(line_column(text, pos))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && matches!(b[pos], b' ' | b'\t' | b'\n' | b'\r') {
        pos += 1;
    }
    pos
}

/// Offset just past the string starting at `pos` (which must be a quote), and its raw content.
fn scan_string(b: &[u8], pos: usize) -> Option<(usize, &[u8])> {
    if b.get(pos) != Some(&b'"') {
        return None;
    }
    let mut i = pos + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some((i + 1, &b[pos + 1..i])),
            _ => i += 1,
        }
    }
    None
}

/// Offset just past the value starting at `pos`. Iterative, so any depth is safe.
fn skip_value(b: &[u8], pos: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = pos;
    loop {
        match *b.get(i)? {
            b'"' => i = scan_string(b, i)?.0,
            b'{' | b'[' => {
                depth += 1;
                i += 1;
            }
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ => {
                while i < b.len() && !matches!(b[i], b',' | b'}' | b']' | b'"' | b'{' | b'[') {
                    i += 1;
                }
            }
        }
        if depth == 0 {
            return Some(i);
        }
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b',' | b':') {
            i += 1;
        }
    }
}

fn find_member(b: &[u8], pos: usize, key: &str) -> Option<usize> {
    if b.get(pos) != Some(&b'{') {
        return None;
    }
    let mut i = skip_ws(b, pos + 1);
    while b.get(i) == Some(&b'"') {
        let start = i;
        let (after, raw) = scan_string(b, i)?;
        i = skip_ws(b, after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_ws(b, i + 1);
        // Compare unescaped when the key holds escapes; the raw bytes otherwise.
        let matches = if raw.contains(&b'\\') {
            serde_json::from_slice::<String>(&b[start..after]).is_ok_and(|k| k == key)
        } else {
            raw == key.as_bytes()
        };
        if matches {
            return Some(i);
        }
        i = skip_ws(b, skip_value(b, i)?);
        if b.get(i) == Some(&b',') {
            i = skip_ws(b, i + 1);
        }
    }
    None
}

fn find_element(b: &[u8], pos: usize, index: usize) -> Option<usize> {
    if b.get(pos) != Some(&b'[') {
        return None;
    }
    let mut i = skip_ws(b, pos + 1);
    for _ in 0..index {
        if b.get(i) == Some(&b']') {
            return None;
        }
        i = skip_ws(b, skip_value(b, i)?);
        if b.get(i) != Some(&b',') {
            return None;
        }
        i = skip_ws(b, i + 1);
    }
    (b.get(i) != Some(&b']')).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(steps: &[PathStep]) -> JsonPath {
        JsonPath(steps.to_vec())
    }

    #[test]
    fn finds_nested_values() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,}]\"}, {\"c\": [true, null]}],\n  \"d\": 5\n}";
        let k = |s: &str| PathStep::Key(s.into());
        assert_eq!(locate(text, &path(&[k("d")])), Some((3, 8)));
        assert_eq!(
            locate(text, &path(&[k("a"), PathStep::Index(1), k("b")])),
            Some((2, 18))
        );
        assert_eq!(
            locate(
                text,
                &path(&[k("a"), PathStep::Index(2), k("c"), PathStep::Index(1)])
            ),
            Some((2, 40))
        );
        assert_eq!(locate(text, &path(&[k("a"), PathStep::Index(3)])), None);
        assert_eq!(locate(text, &path(&[k("zz")])), None);
    }

    #[test]
    fn escaped_keys_and_unicode_columns() {
        let text = "{\"é\": 1, \"a\\\"b\": 2}";
        assert_eq!(
            locate(text, &path(&[PathStep::Key("a\"b".into())])),
            Some((1, 18))
        );
        assert_eq!(
            locate(text, &path(&[PathStep::Key("é".into())])),
            Some((1, 7))
        );
    }

    #[test]
    fn garbage_gives_none() {
        for text in ["", "{", "{\"a\"", "[[[", "\"", "{\"a\":"] {
            let _ = locate(
                text,
                &path(&[PathStep::Key("a".into()), PathStep::Index(2)]),
            );
        }
    }

    #[test]
    fn displays_like_a_field_path() {
        let p = JsonPath::default().key("missiles").index(3).key("range_km");
        assert_eq!(p.to_string(), "missiles[3].range_km");
    }
}
