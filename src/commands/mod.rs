//! One module per command. Each turns its clap `*Args` into a plain config,
//! calls the domain modules and prints through [`crate::render`].

pub mod eval;
pub mod import;
pub mod index;
pub mod query;

use std::path::PathBuf;

use crate::cli::{Cli, Command};
use crate::corpus::CorpusError;
use crate::search::index::IndexError;

/// Settings every command shares.
#[derive(Debug, Clone)]
pub struct GlobalConfig {
    pub corpus: PathBuf,
    pub index: PathBuf,
    pub quiet: bool,
}

/// How a command that ran without error ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// Ran fine but found nothing where something was asked for (exit code 1).
    NoResult,
}

/// A usage or input problem the user can fix (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    let global = GlobalConfig {
        corpus: cli.corpus,
        index: cli.index,
        quiet: cli.quiet,
    };
    match cli.command {
        Command::Query(args) => query::run(&global, args),
        Command::Index(args) => index::run(&global, args),
        Command::Eval(args) => eval::run(&global, args),
        Command::Import(args) => import::run(&global, args),
    }
}

/// 2 for problems with the user's input, 3 for index and internal errors.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<InputError>() || cause.is::<CorpusError>() {
            return 2;
        }
        if let Some(e) = cause.downcast_ref::<IndexError>() {
            return match e {
                IndexError::InvalidCorpus { .. } | IndexError::Corpus(_) => 2,
                _ => 3,
            };
        }
    }
    3
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
