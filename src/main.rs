//! The `range-rings` binary: command line first, the window when asked for.

use range_rings::cli::{self, Exit, Outcome};
use range_rings::scenario::Scenario;
use std::path::PathBuf;
use std::process::ExitCode;

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
#[cfg(feature = "app")]
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

#[cfg(not(feature = "app"))]
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
