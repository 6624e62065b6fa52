//! The app's files. On the desktop, files on disk. In the browser there is no disk: a file
//! picked or dropped on the page is kept in memory under its name and read from there, a file
//! written is handed to the browser as a download of that name, and the autosave lives in the
//! browser's local storage (paths under [`BROWSER_STORAGE`]). Everything above this module
//! reads and writes paths the same way on both.

use std::io;
use std::path::{Path, PathBuf};

/// Paths under this folder are kept in the browser's local storage, not downloaded.
#[cfg(target_arch = "wasm32")]
pub const BROWSER_STORAGE: &str = "browser-storage";

/// The whole file at `path`.
///
/// # Errors
/// It does not exist or cannot be read.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    #[cfg(not(target_arch = "wasm32"))]
    return std::fs::read(path);
    #[cfg(target_arch = "wasm32")]
    return web::read(path);
}

/// Writes `bytes` as the whole file at `path` (atomically on disk; as a download, or into
/// local storage, in the browser).
///
/// # Errors
/// The file system or the browser refused.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(not(target_arch = "wasm32"))]
    return crate::scenario::write_atomically(path, bytes);
    #[cfg(target_arch = "wasm32")]
    return web::write(path, bytes);
}

/// Removes the file at `path`, if there is one.
pub fn remove(path: &Path) {
    #[cfg(not(target_arch = "wasm32"))]
    let _ = std::fs::remove_file(path);
    #[cfg(target_arch = "wasm32")]
    web::remove(path);
}

/// Moves a file that could not be trusted out of the way (`name.json.broken` on disk; gone
/// in the browser).
pub fn set_aside(path: &Path) {
    #[cfg(not(target_arch = "wasm32"))]
    let _ = std::fs::rename(path, path.with_extension("json.broken"));
    #[cfg(target_arch = "wasm32")]
    web::remove(path);
}

/// Creates the folder that will hold `path` (nothing to do in the browser).
pub fn make_folder_for(path: &Path) {
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(folder) = path.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    #[cfg(target_arch = "wasm32")]
    let _ = path;
}

/// Where unsaved edits are autosaved: beside the settings, or in the browser's storage.
pub fn recovery_path() -> Option<PathBuf> {
    #[cfg(not(target_arch = "wasm32"))]
    return eframe::storage_dir("range-rings").map(|dir| dir.join("recovery.json"));
    #[cfg(target_arch = "wasm32")]
    return Some(Path::new(BROWSER_STORAGE).join("recovery.json"));
}

/// Keeps the bytes of a file picked or dropped in the browser, and returns the path it is
/// read back from (its name).
#[cfg(target_arch = "wasm32")]
pub fn add_upload(name: &str, bytes: Vec<u8>) -> PathBuf {
    web::add_upload(name, bytes)
}

#[cfg(target_arch = "wasm32")]
mod web {
    use super::BROWSER_STORAGE;
    use std::collections::HashMap;
    use std::io;
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;
    use wasm_bindgen::JsCast;

    /// Files picked or dropped on the page, by name.
    static UPLOADS: Mutex<Option<HashMap<PathBuf, Vec<u8>>>> = Mutex::new(None);

    fn refused(what: &str, e: wasm_bindgen::JsValue) -> io::Error {
        io::Error::other(format!("the browser refused to {what}: {e:?}"))
    }

    fn in_storage(path: &Path) -> bool {
        path.starts_with(BROWSER_STORAGE)
    }

    fn storage() -> io::Result<web_sys::Storage> {
        web_sys::window()
            .and_then(|w| w.local_storage().ok().flatten())
            .ok_or_else(|| io::Error::other("the browser keeps no local storage for this page"))
    }

    pub fn add_upload(name: &str, bytes: Vec<u8>) -> PathBuf {
        let path = PathBuf::from(name);
        if let Ok(mut uploads) = UPLOADS.lock() {
            uploads
                .get_or_insert_with(HashMap::new)
                .insert(path.clone(), bytes);
        }
        path
    }

    pub fn read(path: &Path) -> io::Result<Vec<u8>> {
        if in_storage(path) {
            let key = path.display().to_string();
            return match storage()?.get_item(&key) {
                Ok(Some(text)) => Ok(text.into_bytes()),
                Ok(None) => Err(io::ErrorKind::NotFound.into()),
                Err(e) => Err(refused("read its storage", e)),
            };
        }
        UPLOADS
            .lock()
            .ok()
            .and_then(|u| u.as_ref()?.get(path).cloned())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::NotFound,
                    "not among the files opened in this page; open or drop it again",
                )
            })
    }

    pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
        if in_storage(path) {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| io::Error::other("only text is kept in the browser's storage"))?;
            return storage()?
                .set_item(&path.display().to_string(), text)
                .map_err(|e| refused("store it (storage full?)", e));
        }
        download(path, bytes)
    }

    pub fn remove(path: &Path) {
        if in_storage(path) {
            if let Ok(s) = storage() {
                let _ = s.remove_item(&path.display().to_string());
            }
        } else if let Ok(mut uploads) = UPLOADS.lock()
            && let Some(u) = uploads.as_mut()
        {
            u.remove(path);
        }
    }

    /// Hands `bytes` to the browser as a download named after `path`'s file name.
    fn download(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let name = path.file_name().map_or_else(
            || "range-rings".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        );
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| io::Error::other("no page to download from"))?;
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
        let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)
            .map_err(|e| refused("make the file", e))?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)
            .map_err(|e| refused("make the file", e))?;
        let anchor: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(|e| refused("start the download", e))?
            .dyn_into()
            .map_err(|_| io::Error::other("no link element to download with"))?;
        anchor.set_href(&url);
        anchor.set_download(&name);
        anchor.click();
        // Released a minute later: some browsers cancel a download whose address is revoked
        // while it starts.
        let release = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                release.unchecked_ref(),
                60_000,
            );
        }
        Ok(())
    }
}
