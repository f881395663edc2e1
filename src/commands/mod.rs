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
    check_index_location(&global)?;
    match cli.command {
        Command::Query(args) => query::run(&global, args),
        Command::Index(args) => index::run(&global, args),
        Command::Eval(args) => eval::run(&global, args),
        Command::Import(args) => import::run(&global, args),
    }
}

/// Refuses an index folder inside the stories folder: its files would sit
/// among the user's stories (and `index --full` deletes index files there).
fn check_index_location(global: &GlobalConfig) -> Result<(), InputError> {
    let stories = crate::corpus::Corpus::new(&global.corpus).stories_dir();
    let absolute = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        // Resolve symlinks in the part of the path that exists, so two
        // spellings of one folder compare equal even before the index
        // folder is created (`st/idx` with `st` a link to the stories).
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => return p.clone(),
            }
        }
        let mut resolved = existing
            .canonicalize()
            .unwrap_or_else(|_| existing.to_path_buf());
        resolved.extend(rest.iter().rev());
        resolved
    };
    if absolute(&global.index).starts_with(absolute(&stories)) {
        return Err(InputError(format!(
            "--index {} is inside the stories folder {}: keep the index apart from your stories, e.g. --index index",
            global.index.display(),
            stories.display()
        )));
    }
    Ok(())
}

/// The error and its causes on one line, as `{:#}` prints them, but
/// without a cause whose text the line already ends with: errors that
/// print their source (`cannot read: No such file or directory`) would
/// otherwise show it twice.
pub fn error_message(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if message.ends_with(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_the_message_already_ends_with_is_printed_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let err = anyhow::Error::new(CorpusError::Io {
            path: "q.yaml".into(),
            source: io,
        })
        .context("reading labelled questions");
        assert_eq!(
            error_message(&err),
            "reading labelled questions: q.yaml: cannot read: No such file"
        );
    }

    #[test]
    fn an_index_inside_the_stories_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let global = |index: &str| GlobalConfig {
            corpus: dir.path().join("corpus"),
            index: dir.path().join(index),
            quiet: false,
        };
        let err = check_index_location(&global("corpus/stories/idx")).unwrap_err();
        assert!(err.0.contains("inside the stories folder"), "{err}");
        assert!(check_index_location(&global("corpus/stories")).is_err());
        assert!(check_index_location(&global("index")).is_ok());
        assert!(check_index_location(&global("corpus/index")).is_ok());
    }
}
