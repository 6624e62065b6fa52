//! The `range-rings` binary: command line first, the window when asked for. Built for the
//! browser (`tools/web/build.sh`), it starts the app on the page's canvas instead.

#[cfg(not(target_arch = "wasm32"))]
use range_rings::cli::{self, Exit, Outcome};
#[cfg(not(target_arch = "wasm32"))]
use range_rings::scenario::Scenario;
#[cfg(not(target_arch = "wasm32"))]
use std::path::PathBuf;
#[cfg(not(target_arch = "wasm32"))]
use std::process::ExitCode;

/// In the browser: the app on the canvas `#range-rings`; a failure is shown in the page.
#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(async {
        if let Err(e) = range_rings::app::web::start("range-rings").await {
            let message = format!("range-rings could not start: {e:?}");
            web_sys::console::error_1(&message.clone().into());
            if let Some(loading) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("loading"))
            {
                loading.set_text_content(Some(&message));
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    #[cfg(feature = "app")]
    range_rings::app::mark_process_start();
    // A bug must still end in a plain line and exit code 1, never a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("range-rings: internal error: {info}");
    }));
    let outcome =
        std::panic::catch_unwind(|| cli::run(std::env::args_os(), &mut std::io::stdout().lock()));
    match outcome {
        Ok(Outcome::Exit(exit)) => ExitCode::from(exit.code()),
        Ok(Outcome::OpenApp(scenario, origin)) => open_app(*scenario, origin, None),
        Ok(Outcome::OpenRefused { path, problems }) => {
            eprintln!("range-rings: {problems}");
            // Started from a file manager there is no terminal to read: the window says it too.
            // Exit 2 either way: the file was refused, window or no window.
            let _shown = open_app(Scenario::builtin(), None, Some((path, problems)));
            ExitCode::from(Exit::Invalid.code())
        }
        Err(_) => ExitCode::from(Exit::Failure.code()),
    }
}

/// Opens the window; `refused` is a file `open` could not use and its problems, listed in the
/// window over the built-in scenario.
#[cfg(all(feature = "app", not(target_arch = "wasm32")))]
fn open_app(
    scenario: Scenario,
    origin: Option<PathBuf>,
    refused: Option<(PathBuf, String)>,
) -> ExitCode {
    match std::panic::catch_unwind(move || range_rings::app::run(&scenario, origin, refused)) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            let no_display = std::env::var_os("DISPLAY").is_none()
                && std::env::var_os("WAYLAND_DISPLAY").is_none();
            if no_display {
                eprintln!(
                    "range-rings: cannot open the window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set); \
                     the command line works without one, see range-rings --help"
                );
            } else {
                eprintln!("range-rings: cannot open the window: {e}");
            }
            ExitCode::from(Exit::Failure.code())
        }
        Err(_) => ExitCode::from(Exit::Failure.code()),
    }
}

#[cfg(all(not(feature = "app"), not(target_arch = "wasm32")))]
fn open_app(
    _scenario: Scenario,
    _origin: Option<PathBuf>,
    refused: Option<(PathBuf, String)>,
) -> ExitCode {
    if refused.is_some() {
        return ExitCode::from(Exit::Invalid.code());
    }
    eprintln!(
        "range-rings: this build has no window (built without the \"app\" feature); see --help"
    );
    ExitCode::from(Exit::Invalid.code())
}
