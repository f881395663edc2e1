//! Search: tantivy schema and analyzers, index build and refresh, query
//! building, ranking and explanations.
//!
//! [`Engine::open_fresh`] is the one entry point of the read path: it makes
//! sure the index matches the corpus (refreshing it if not) and returns a
//! ranker ready to answer questions.

pub mod analysis;
pub mod baseline;
pub mod index;
pub mod lexicon;
pub mod ranking;
pub mod semantic;
pub mod snippet;
pub mod spans;
pub mod themes;

use std::path::Path;
use std::time::Duration;

use indicatif::ProgressBar;
use tantivy::{IndexReader, ReloadPolicy, Searcher};

use crate::corpus::{Corpus, CorpusError};
use analysis::Analyzer;
use index::{IndexError, OnBroken, OpenIndex, RefreshOptions, RefreshReport};
use lexicon::Lexicon;
use ranking::Ranker;

/// How long a query waits for another process's `index` before answering
/// from the index as it is.
const QUERY_LOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// An open, up-to-date index with its ranker.
pub struct Engine {
    pub reader: IndexReader,
    pub ranker: Ranker,
}

/// What happened while making sure the index was fresh, for one line on stderr.
#[derive(Debug)]
pub enum Freshness {
    Fresh,
    Refreshed(RefreshReport),
    /// The index could not be refreshed but an older one answers; says why.
    Stale(String),
}

/// Loads the lexicon of a corpus: the built-in concepts plus `concepts.yaml`,
/// from the compiled copy cached in `index_dir` when it is current.
pub fn load_lexicon(
    analyzer: &mut Analyzer,
    corpus: &Corpus,
    index_dir: Option<&Path>,
) -> Result<Lexicon, IndexError> {
    Lexicon::load(analyzer, Some(&corpus.concepts_path()), index_dir)
        .map_err(|problem| IndexError::Concepts { problem })
}

impl Engine {
    /// Opens the index in `dir`, first refreshing it if the corpus changed
    /// since it was built (checked from file sizes and mtimes only).
    pub fn open_fresh(corpus: &Corpus, dir: &Path) -> Result<(Engine, Freshness), IndexError> {
        // A mistyped --corpus must not answer with files that do not exist.
        if !corpus.root.is_dir() {
            return Err(CorpusError::MissingCorpus {
                path: corpus.root.clone(),
            }
            .into());
        }
        let mut analyzer = Analyzer::new();
        let mut lexicon = load_lexicon(&mut analyzer, corpus, Some(dir))?;
        let opened = index::open(dir);
        let needs_refresh = match &opened {
            Ok(open) if open.is_current(&lexicon) => is_stale(corpus, open)?,
            Ok(_) | Err(IndexError::Missing { .. }) => true,
            Err(_) => false,
        };
        let mut freshness = Freshness::Fresh;
        let open = if needs_refresh {
            // One broken file (a story being edited, an empty new file)
            // must not freeze the index for every other change.
            let options = RefreshOptions {
                lock_timeout: QUERY_LOCK_TIMEOUT,
                on_broken: OnBroken::KeepLastGood,
                ..RefreshOptions::default()
            };
            match index::refresh(corpus, dir, &lexicon, &options, &ProgressBar::hidden()) {
                Ok(report) => {
                    freshness = Freshness::Refreshed(report);
                    index::open(dir)?
                }
                // The stories it was built from are gone: no answer names
                // files that do not exist.
                Err(
                    e @ IndexError::Corpus(
                        CorpusError::MissingStories { .. } | CorpusError::MissingCorpus { .. },
                    ),
                ) => return Err(e),
                Err(e) => match opened {
                    Ok(old) if old.payload.is_some() => {
                        freshness = Freshness::Stale(stale_reason(&e));
                        old
                    }
                    _ => return Err(e),
                },
            }
        } else {
            opened?
        };
        lexicon.save_cache(dir);
        let engine = Engine::from_open(open, analyzer, lexicon)?;
        Ok((engine, freshness))
    }

    pub fn from_open(
        open: OpenIndex,
        analyzer: Analyzer,
        lexicon: Lexicon,
    ) -> Result<Engine, IndexError> {
        let corrupt = |e: tantivy::TantivyError| index::corrupt(&open.dir, e.to_string());
        let reader = open
            .index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(corrupt)?;
        Ok(Engine {
            reader,
            ranker: Ranker::new(analyzer, lexicon, open.fields),
        })
    }

    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}

/// Corpora up to this many stories get a `stat` of every file before each
/// query (about 3 us per file here); larger ones only a `stat` of the
/// stories folder, which changes when stories are added, removed or saved by
/// rename. In-place edits in a larger corpus are picked up by `starmatch index`.
pub const FULL_CHECK_LIMIT: usize = 2_000;

/// Whether the corpus changed since the index was built, from metadata only.
fn is_stale(corpus: &Corpus, open: &OpenIndex) -> Result<bool, IndexError> {
    let Some(payload) = &open.payload else {
        return Ok(true);
    };
    let Some(dir_mtime) = corpus.stories_mtime_ns() else {
        // The stories the index was built from are gone: its answers
        // would name files that do not exist.
        if payload.files > 0 {
            return Err(CorpusError::MissingStories {
                path: corpus.stories_dir(),
                indexed: payload.files,
            }
            .into());
        }
        return Ok(false);
    };
    if payload.files > FULL_CHECK_LIMIT {
        return Ok(dir_mtime != payload.stories_mtime_ns);
    }
    let Ok(scan) = corpus.scan() else {
        return Ok(false);
    };
    // A file that cannot be read (a dangling link, a pipe, a name that is
    // not UTF-8) is refreshed over, so that the query names it as any
    // broken story file is named.
    Ok(!scan.problems.is_empty() || !index::staleness(&scan.files, &open.manifest()?).is_fresh())
}

fn stale_reason(e: &IndexError) -> String {
    match e {
        IndexError::InvalidCorpus { problems } => format!(
            "the corpus has {} broken story file(s), so the index was not updated; answering from the previous index (run `starmatch index` to see the problems)",
            problems.len()
        ),
        IndexError::Busy { .. } => {
            "another process is updating the index; answering from the current one".to_string()
        }
        other => format!("could not update the index ({other}); answering from the previous one"),
    }
}
