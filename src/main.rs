//! The `starmatch` binary: parse the command line, run it, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use starmatch::cli::Cli;
use starmatch::commands::{self, Status};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::NoResult) => ExitCode::from(1),
        Err(err) => {
            // `starmatch query ... | head` closing the pipe early is not an error.
            if commands::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("Error: {}", commands::error_message(&err));
            ExitCode::from(commands::exit_code(&err))
        }
    }
}
