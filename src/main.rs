//! The `starmatch` binary: parse the command line, run it, map the outcome to an exit code.

use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;
use starmatch::cli::Cli;
use starmatch::commands::{self, Status};

/// The first panic's message and place, kept by the hook instead of printed.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A damaged index file can make tantivy's decoders panic while reading
    // it (an assertion, a slice out of range), on this thread or on one of
    // its merge threads. The user gets one line saying what to do, not a
    // backtrace; the panic's own message is kept for that line.
    // With RUST_BACKTRACE set (a developer, or a bug report) the usual
    // report with its backtrace is printed as well.
    let default_hook = panic::take_hook();
    let debugging = std::env::var_os("RUST_BACKTRACE").is_some_and(|v| v != "0");
    panic::set_hook(Box::new(move |info| {
        if debugging {
            default_hook(info);
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| {
                // `byteorder-1.5.0/src/lib.rs`: the crate and file, not
                // the build machine's folders.
                let parts: Vec<&str> = l.file().rsplit('/').take(3).collect();
                let file: Vec<&str> = parts.into_iter().rev().collect();
                format!(" at {}:{}", file.join("/"), l.line())
            })
            .unwrap_or_default();
        if let Ok(mut slot) = PANIC.lock() {
            slot.get_or_insert(format!("{message}{place}"));
        }
    }));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| commands::run(cli)));
    // A worker thread that stopped while the command still finished (a
    // merge thread, say) is said, not swallowed.
    if matches!(outcome, Ok(Ok(_))) {
        if let Some(detail) = PANIC.lock().ok().and_then(|mut p| p.take()) {
            eprintln!("warning: a worker thread stopped on an internal error ({detail}); if results look wrong, `starmatch index --full` rebuilds the index");
        }
    }
    match outcome {
        Ok(Ok(Status::Success)) => ExitCode::SUCCESS,
        Ok(Ok(Status::NoResult)) => ExitCode::from(1),
        Ok(Err(err)) => {
            // `starmatch query ... | head` closing the pipe early is not an error.
            if commands::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("Error: {}", commands::error_message(&err));
            if let Some(detail) = PANIC.lock().ok().and_then(|mut p| p.take()) {
                eprintln!("  (a worker thread stopped on: {detail})");
            }
            ExitCode::from(commands::exit_code(&err))
        }
        Err(_) => {
            let detail = PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_default();
            eprintln!(
                "Error: starmatch stopped on an internal error ({detail}). If it stopped while reading the index, a damaged index file is the usual cause: `starmatch index --full` rebuilds it from the story files, which are not touched. Otherwise this is a bug: please report it with the command and, for `import`, the notes file (RUST_BACKTRACE=1 adds the details)."
            );
            ExitCode::from(3)
        }
    }
}
