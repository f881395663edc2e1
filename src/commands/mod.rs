//! One module per command. Each turns its clap `*Args` into a plain config,
//! calls the domain modules and prints through [`crate::render`].

pub mod eval;
pub mod import;
pub mod index;
pub mod query;

use std::path::{Path, PathBuf};

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
                IndexError::InvalidCorpus { .. }
                | IndexError::Corpus(_)
                | IndexError::Concepts { .. } => 2,
                _ => 3,
            };
        }
    }
    3
}

/// `opening the index in DIR: ...` for problems with the index. Problems
/// with the corpus folder or its concepts file name their own file: that
/// context would blame the index for them.
pub fn index_context(err: IndexError, dir: &Path) -> anyhow::Error {
    match err {
        IndexError::Corpus(_) | IndexError::InvalidCorpus { .. } | IndexError::Concepts { .. } => {
            err.into()
        }
        other => {
            anyhow::Error::new(other).context(format!("opening the index in {}", dir.display()))
        }
    }
}

pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
