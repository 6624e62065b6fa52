//! The browser's glue: the app started on the page's canvas by eframe's web runner, on the
//! scenario a link carries in its address (`#scenario=...`) or the built-in one; the page's
//! title; and "Copy link", which puts the open scenario in the address and on the clipboard.
//! Everything else is the desktop app's own code.

use super::{NoticeKind, RangeRingsApp};
use crate::scenario::Scenario;
use std::path::PathBuf;
use wasm_bindgen::{JsCast, JsValue};

/// Starts the app on the canvas with id `canvas_id`, and removes the page's loading text.
///
/// # Errors
/// No such canvas, or no WebGL2.
pub async fn start(canvas_id: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .get_element_by_id(canvas_id)
        .ok_or_else(|| format!("no element #{canvas_id} on the page"))?
        .dyn_into()?;
    claim_webgl2_without_msaa(&canvas);
    let fragment = window.location().hash().unwrap_or_default();
    let (scenario, refused) = match Scenario::from_link_fragment(&fragment) {
        None => (Scenario::builtin(), None),
        Some(Ok(scenario)) => (scenario, None),
        Some(Err(e)) => (
            Scenario::builtin(),
            Some((PathBuf::from(super::LINK_SOURCE), e.to_string())),
        ),
    };
    let started = eframe::WebRunner::new()
        .start(
            canvas,
            // As on the desktop (see `native::run`): no noise for flat 8-bit colours.
            eframe::WebOptions {
                dithering: false,
                ..Default::default()
            },
            Box::new(move |cc| {
                // Threads run in place in the browser: nothing is made ahead of the page's
                // first frame.
                Ok(Box::new(RangeRingsApp::started(
                    cc, scenario, None, refused, None,
                )))
            }),
        )
        .await;
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    started
}

/// Creates the canvas's WebGL2 context before eframe asks for it, opaque and without
/// multisampling, depth or stencil: egui smooths its own edges, needs neither buffer and
/// paints every pixel, and a browser that draws WebGL on the CPU (no GPU) spends most of a
/// frame resolving 4x multisampling and blending the canvas with the page.
/// A canvas keeps the attributes of its first context, so eframe then gets this one.
fn claim_webgl2_without_msaa(canvas: &web_sys::HtmlCanvasElement) {
    let attributes = js_sys::Object::new();
    for (name, value) in [
        ("alpha", false),
        ("antialias", false),
        ("depth", false),
        ("stencil", false),
    ] {
        let _ = js_sys::Reflect::set(&attributes, &name.into(), &value.into());
    }
    // Without WebGL2 eframe reports the failure itself.
    let _ = canvas.get_context_with_context_options("webgl2", &attributes);
}

/// Records when the first frame was laid out, in milliseconds since the page started
/// loading: on the page's root element as `data-first-frame-ms` (read by
/// `tools/web/check.mjs`) and in the console.
pub fn mark_first_frame() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(ms) = window.performance().map(|p| p.now()) else {
        return;
    };
    web_sys::console::info_1(
        &format!("range-rings: first frame laid out {ms:.0} ms after the page started loading")
            .into(),
    );
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-first-frame-ms", &format!("{ms:.0}"));
    }
}

/// Shows `title` as the page's title (the browser tab).
pub fn set_page_title(title: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

impl RangeRingsApp {
    /// What the page does after each frame: marks the first, and stores changed settings at
    /// once (eframe's web runner saves only after 30 s of drawing, and not when the tab
    /// closes).
    pub(super) fn after_web_frame(&mut self, frame: &mut eframe::Frame, first: bool) {
        if first {
            mark_first_frame();
        }
        if self.frame.stored_settings.as_ref() != Some(&self.settings)
            && let Some(storage) = frame.storage_mut()
        {
            eframe::set_value(storage, super::SETTINGS_KEY, &self.settings);
            self.frame.stored_settings = Some(self.settings.clone());
        }
    }

    /// Puts the open scenario in the page's address and copies that link.
    pub(super) fn copy_link(&mut self) {
        let fragment = match self.doc.scenario().to_link_fragment() {
            Ok(f) => f,
            Err(e) => {
                self.notify(format!("Could not make a link: {e}"), NoticeKind::Error);
                return;
            }
        };
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let base = format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let link = format!("{base}#{fragment}");
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&link));
        }
        self.frame.copy_text = Some(link.clone());
        self.notify(
            format!(
                "Copied a link to this scenario ({} characters); it is also in the address bar.",
                link.len()
            ),
            NoticeKind::Info,
        );
    }
}
