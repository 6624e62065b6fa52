//! The desktop's glue: the window opened by eframe's native runner, and the start-up and
//! frame timings that `RANGE_RINGS_TIMING=1` prints.

use super::RangeRingsApp;
use super::caches::FirstView;
use crate::scenario::Scenario;
use eframe::egui;
use std::path::PathBuf;
use web_time::Instant;

/// When the process started, for the start-up timing that `RANGE_RINGS_TIMING=1` prints.
static PROCESS_START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// Marks the process start (call first thing in `main`).
pub fn mark_process_start() {
    PROCESS_START.get_or_init(Instant::now);
}

impl RangeRingsApp {
    /// With `RANGE_RINGS_TIMING` set, prints how long the first frame's layout took (it began
    /// at `started`) and the frame times.
    pub(super) fn log_timing(&mut self, ctx: &egui::Context, first: bool, started: Instant) {
        if std::env::var_os("RANGE_RINGS_TIMING").is_none() {
            return;
        }
        if first {
            eprintln!(
                "range-rings: the first frame's layout took {:.0} ms (the map's image {})",
                started.elapsed().as_secs_f64() * 1000.0,
                if self.caches.raster.shown_early() {
                    "made before the window opened"
                } else {
                    "made in the frame"
                }
            );
            // The next frame begins once this one is painted and the window shown.
            ctx.request_repaint();
        } else if !self.frame.shown_logged
            && ctx.cumulative_frame_nr() > 0
            && let Some(start) = PROCESS_START.get()
        {
            // (A frame may take several passes: the first pass of the second frame.)
            eprintln!(
                "range-rings: first frame on screen {:.0} ms after start",
                (started - *start).as_secs_f64() * 1000.0
            );
            self.frame.shown_logged = true;
        }
        self.log_frame_time(first, started);
    }

    /// Prints when the first frame was laid out, and then the time since the previous frame:
    /// while the map is dragged without pause, that is the whole cost of a frame (layout,
    /// tessellation, painting by the GL driver, buffer swap). The frame's own layout began at
    /// `started`; its time is printed beside, and whether the map's image fell short of the
    /// view (the background showing at an edge).
    fn log_frame_time(&mut self, first: bool, started: Instant) {
        let now = Instant::now();
        if first && let Some(start) = PROCESS_START.get() {
            eprintln!(
                "range-rings: first frame laid out {:.0} ms after start",
                (now - *start).as_secs_f64() * 1000.0
            );
        } else if let Some(last) = self.frame.last_frame_at {
            eprintln!(
                "range-rings: frame {:.1} ms after the previous one (layout {:.1} ms){}",
                (now - last).as_secs_f64() * 1000.0,
                (now - started).as_secs_f64() * 1000.0,
                if self.frame.map_image_short {
                    ", the map's image short of the view"
                } else {
                    ""
                }
            );
        }
        self.frame.last_frame_at = Some(now);
    }
}

/// The window's size when it opens (points).
const WINDOW_SIZE: egui::Vec2 = egui::vec2(1440.0, 900.0);

/// Where the map lies in the first frame of a window of [`WINDOW_SIZE`] with the panels at
/// their default sizes (points): right of the side panel, between the menu bar and the reach
/// panel. A test checks it against the layout.
const FIRST_MAP_RECT: egui::Rect =
    egui::Rect::from_min_max(egui::pos2(390.0, 25.0), egui::pos2(1440.0, 655.0));

/// Opens the window on `scenario` and runs until it is closed.
///
/// # Errors
/// The window could not be opened (no display, no GL).
pub fn run(
    scenario: &Scenario,
    origin: Option<PathBuf>,
    refused: Option<(PathBuf, String)>,
) -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size(WINDOW_SIZE)
            .with_min_inner_size([720.0, 480.0])
            .with_title("range-rings")
            .with_drag_and_drop(true),
        // Dithering adds noise to colours between two 8-bit steps, and the map, its image
        // and the panels are flat 8-bit colours: it would change nothing on screen, yet it
        // costs every pixel of every frame, about 3 ms a frame at 1920x1080 under llvmpipe.
        dithering: false,
        ..Default::default()
    };
    let scenario = scenario.clone();
    // While eframe, winit and the GL driver start (70-110 ms on one core), a worker makes
    // the first view. The reach table and coverage are computed from the first frame
    // on: computed meanwhile too, even at a lower priority, they made the map appear 15-25
    // ms later.
    let first_view = start_first_view(&scenario);
    if std::env::var_os("RANGE_RINGS_TIMING").is_some()
        && let Some(start) = PROCESS_START.get()
    {
        eprintln!(
            "range-rings: eframe started {:.0} ms after start",
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    eframe::run_native(
        "range-rings",
        options,
        Box::new(move |cc| {
            if std::env::var_os("RANGE_RINGS_TIMING").is_some()
                && let Some(start) = PROCESS_START.get()
            {
                eprintln!(
                    "range-rings: window and GL context ready {:.0} ms after start",
                    start.elapsed().as_secs_f64() * 1000.0
                );
            }
            // Made while the window opened (in 35-45 ms, so it is usually done). If it is
            // not, waiting is sooner than making it again when the view is the same, and
            // bounded when it is not (another window size or density, stored settings).
            let first_view = first_view
                .recv_timeout(std::time::Duration::from_millis(100))
                .ok();
            Ok(Box::new(RangeRingsApp::started(
                cc, scenario, origin, refused, first_view,
            )))
        }),
    )
}

/// Starts making the window's first view of `scenario` on a worker, at the normal priority
/// (the first frame needs it): the scene of the map as a window of [`WINDOW_SIZE`] with the
/// default settings and panels lays it out ([`FIRST_MAP_RECT`], one pixel per point; its
/// rings are built on every core), and the image of its area layers in one band, which took
/// the first frame 25-35 ms. When the window opens at
/// another size or density, or its stored settings change the map, the first frame makes
/// its own. Then, at a lower priority, the worker parses the gazetteer (1.2 MB of text, for
/// the first search or town name).
fn start_first_view(scenario: &Scenario) -> std::sync::mpsc::Receiver<FirstView> {
    let (tx, rx) = std::sync::mpsc::channel();
    let scenario = scenario.clone();
    crate::threads::spawn(move || {
        let _ = tx.send(first_view(scenario));
        crate::threads::lower_priority();
        let _ = crate::gazetteer::places().len();
    });
    rx
}

/// The first view of `scenario` in a window of [`WINDOW_SIZE`] with default settings.
fn first_view(scenario: Scenario) -> FirstView {
    let mut app = RangeRingsApp::new(scenario, None, None);
    let (scene, t) = app.map_scene(FIRST_MAP_RECT);
    // The window's texture limit is not known yet: egui's default when the renderer has not
    // said (the image is not shown if it is over the real one).
    let view = super::map::RasterView::new(&scene, t, FIRST_MAP_RECT, app.style(), 1.0, 2048);
    let image = view.early_image();
    FirstView {
        scene: std::mem::take(&mut app.caches.scene),
        image,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Settings;

    /// One frame of `app` in a window of `size` points at one pixel per point.
    fn frame(ctx: &egui::Context, app: &mut RangeRingsApp, size: egui::Vec2) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, size)),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
    }

    /// The map has the same rectangle in every frame from the first, while the reach table
    /// and coverage arrive from the worker: the panels round it keep their sizes. (The reach
    /// panel used to shrink to its two visible rows after the first frame, and the map to
    /// grow twice, each size needing its own image.)
    #[test]
    fn the_map_keeps_its_rectangle_from_the_first_frame_on() {
        let ctx = egui::Context::default();
        let mut app = RangeRingsApp::new(Scenario::builtin(), None, None);
        let mut rects = Vec::new();
        let started = Instant::now();
        // Frames until the worker's tables are in, and two more.
        let mut after = 0;
        while after < 2 && started.elapsed().as_secs() < 60 {
            frame(&ctx, &mut app, WINDOW_SIZE);
            rects.push(app.view.rect);
            if app.analysis_done() {
                after += 1;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(app.analysis_done(), "the tables did not arrive");
        assert!(
            rects.iter().all(|r| *r == Some(FIRST_MAP_RECT)),
            "{FIRST_MAP_RECT:?} expected, the frames had {rects:?}"
        );
    }

    /// The first view made before the window opens is the one the first frame shows, and
    /// the scene builder it came with keeps its layers; a window of another size, or stored
    /// settings with the map elsewhere (the same layers and scale), make their own.
    #[test]
    fn the_first_view_made_ahead_is_shown_when_the_window_opens_as_expected() {
        let moved = Settings {
            view_centre: (0.5, 0.25),
            ..Settings::for_scenario(&Scenario::builtin())
        };
        for (size, settings, ahead) in [
            (WINDOW_SIZE, None, true),
            (egui::vec2(1600.0, 1000.0), None, false),
            (WINDOW_SIZE, Some(moved), false),
        ] {
            let ctx = egui::Context::default();
            let scenario = Scenario::builtin();
            let mut app = RangeRingsApp::new(scenario.clone(), None, settings);
            app.caches.adopt_first_view(first_view(scenario));
            frame(&ctx, &mut app, size);
            assert_eq!(app.caches.raster.shown_early(), ahead, "window of {size:?}");
            assert!(
                !app.caches.raster.never_shown(),
                "no image in the first frame"
            );
            assert!(app.caches.early_image.is_none(), "the early image is kept");
        }
    }
}
