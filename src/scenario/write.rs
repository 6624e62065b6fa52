//! Writing scenario files: JSON as people write it, saved atomically.

use super::{SaveError, Scenario};
use std::io::Write;
use std::path::Path;

impl Scenario {
    /// The scenario as pretty-printed JSON with a final newline. Whole numbers are written
    /// without a fraction (`15000`, not `15000.0`), as people write them.
    ///
    /// # Errors
    /// Only if serde_json refuses the data (a bug); never an empty text instead.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut value = serde_json::to_value(self.file())?;
        integral_numbers_as_integers(&mut value);
        let mut text = serde_json::to_string_pretty(&value)?;
        text.push('\n');
        Ok(text)
    }

    /// Saves atomically: writes a temporary file beside `path`, flushes it to disk, then renames
    /// it over `path`, so a crash leaves either the old file or the new one, never half of one.
    ///
    /// # Errors
    /// Serialisation or the file system; the old file is then untouched.
    pub fn save(&self, path: &Path) -> Result<(), SaveError> {
        let text = self.to_json()?;
        write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io {
            path: path.display().to_string(),
            source,
        })
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

/// Writes `bytes` to `path` through a temporary file in the same folder, fsync and rename: the
/// one way files are written, for scenarios and exports alike.
///
/// # Errors
/// Whatever the file system says; the temporary file is removed.
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
        {
            // Closed before the rename.
            let mut f = std::fs::File::create(&temp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
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
