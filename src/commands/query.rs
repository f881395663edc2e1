//! `starmatch query`: rank the stories for a question given as arguments,
//! piped on stdin, or typed at an interactive prompt.

use std::io::{self, BufRead, IsTerminal, Read, Write};

use anyhow::Context;

use super::{GlobalConfig, InputError, Status};
use crate::cli::QueryArgs;
use crate::corpus::Corpus;
use crate::render::{self, Shown};
use crate::search::index::RefreshReport;
use crate::search::snippet;
use crate::search::{Engine, Freshness};

/// Validated settings of one `query` run.
#[derive(Debug, Clone)]
pub struct QueryConfig {
    /// `None`: read the question from stdin (or prompt when stdin is a terminal).
    pub question: Option<String>,
    pub top: usize,
    pub json: bool,
    pub explain: bool,
}

impl QueryConfig {
    pub fn from_args(args: QueryArgs) -> Result<QueryConfig, InputError> {
        if args.top == 0 {
            return Err(InputError("--top must be at least 1".into()));
        }
        let question = (!args.question.is_empty()).then(|| args.question.join(" "));
        Ok(QueryConfig {
            question,
            top: args.top,
            json: args.json,
            explain: args.explain,
        })
    }
}

pub fn run(global: &GlobalConfig, args: QueryArgs) -> anyhow::Result<Status> {
    let config = QueryConfig::from_args(args)?;
    let interactive = config.question.is_none() && io::stdin().is_terminal();
    let question = match &config.question {
        Some(q) => Some(clean_question(q)?),
        None if interactive => None,
        None => Some(read_stdin_question()?),
    };
    let corpus = Corpus::new(&global.corpus);
    let (mut engine, freshness) = Engine::open_fresh(&corpus, &global.index)
        .map_err(|e| super::index_context(e, &global.index))?;
    if !global.quiet {
        report_freshness(&freshness);
    }
    let stories_dir = corpus.stories_dir();
    let mut stdout = io::stdout().lock();
    match question {
        Some(q) => answer(
            &mut engine,
            &config,
            &stories_dir,
            &q,
            &mut stdout,
            global.quiet,
        ),
        None => {
            let mut status = Status::Success;
            let mut asked = 0usize;
            let stdin = io::stdin();
            loop {
                eprint!("question> ");
                io::stderr().flush()?;
                let mut line = String::new();
                if stdin.lock().read_line(&mut line)? == 0 {
                    eprintln!();
                    break;
                }
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                if matches!(line, "exit" | "quit" | ":q") {
                    break;
                }
                match clean_question(line) {
                    Ok(q) => {
                        // Stories edited, added or removed since the last
                        // question answer this one, as in a one-shot query.
                        if asked > 0 {
                            let (fresh, freshness) = Engine::open_fresh(&corpus, &global.index)
                                .map_err(|e| super::index_context(e, &global.index))?;
                            engine = fresh;
                            if !global.quiet {
                                report_freshness(&freshness);
                            }
                        }
                        asked += 1;
                        status = answer(
                            &mut engine,
                            &config,
                            &stories_dir,
                            &q,
                            &mut stdout,
                            global.quiet,
                        )?;
                    }
                    Err(e) => eprintln!("{e}"),
                }
            }
            Ok(status)
        }
    }
}

/// Broken story files named in a query's warning; `starmatch index` lists them all.
const BROKEN_FILES_SHOWN: usize = 3;

fn report_freshness(freshness: &Freshness) {
    match freshness {
        Freshness::Fresh => {}
        Freshness::Refreshed(r) => {
            if r.changed() {
                eprintln!(
                    "note: index refreshed before answering ({} added, {} updated, {} removed in {:.0} ms{})",
                    r.added,
                    r.updated,
                    r.removed,
                    r.elapsed.as_secs_f64() * 1000.0,
                    r.rebuilt
                        .as_ref()
                        .map(|w| format!("; full rebuild: {w}"))
                        .unwrap_or_default()
                );
            }
            if !r.skipped.is_empty() {
                eprint!("{}", broken_files_warning(r));
            }
        }
        Freshness::Stale(why) => eprintln!("warning: {why}"),
    }
}

/// Names the first few broken story files and what is wrong with each.
fn broken_files_warning(r: &RefreshReport) -> String {
    let what = match (r.kept, r.skipped.len() - r.kept) {
        (0, _) => "left out of the index until fixed".to_string(),
        (_, 0) => "the index keeps their last good version until fixed".to_string(),
        (kept, new) => format!(
            "{kept} keep their last good version in the index, {new} are left out until fixed"
        ),
    };
    let mut text = format!(
        "warning: {} broken story file(s), {what}:\n",
        r.skipped.len()
    );
    for problem in r.skipped.iter().take(BROKEN_FILES_SHOWN) {
        text.push_str(&format!("  - {problem}\n"));
    }
    if r.skipped.len() > BROKEN_FILES_SHOWN {
        text.push_str(&format!(
            "  ... and {} more: `starmatch index` lists them all\n",
            r.skipped.len() - BROKEN_FILES_SHOWN
        ));
    }
    text
}

/// Reads a whole pasted block from stdin.
fn read_stdin_question() -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(8 * 1024 * 1024)
        .read_to_end(&mut bytes)
        .context("reading the question from stdin")?;
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError(format!(
            "the question on stdin is not valid UTF-8 (byte {}): paste plain text",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(clean_question(&text)?)
}

/// Replaces control characters (NUL included) with spaces and rejects blank questions.
pub fn clean_question(text: &str) -> Result<String, InputError> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\n' { ' ' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        return Err(InputError(
            "the question is empty: pass it as arguments, e.g. starmatch query \"Tell me about a time you failed\", or pipe it on stdin".into(),
        ));
    }
    Ok(cleaned.to_string())
}

fn answer(
    engine: &mut Engine,
    config: &QueryConfig,
    stories_dir: &std::path::Path,
    question: &str,
    out: &mut dyn Write,
    quiet: bool,
) -> anyhow::Result<Status> {
    let searcher = engine.searcher();
    let ranker = &mut engine.ranker;
    let analyzed = ranker.analyze(question);
    if analyzed.truncated && !quiet {
        eprintln!(
            "note: the question is very long; only its last question was used (or its first {} words, if it asks nothing)",
            crate::search::ranking::MAX_QUESTION_WORDS
        );
    }
    if analyzed.is_empty() {
        if config.json {
            render::write_json(out, question, &[], config.explain)?;
        }
        if analyzed.words.is_empty() && question.chars().any(char::is_alphanumeric) {
            eprintln!(
                "nothing to match: every word of the question is too long to read (over 40 bytes: a run of letters, or Chinese or Japanese written without spaces, which is not split into words); ask it in words of ordinary length"
            );
        } else if analyzed.words.is_empty() {
            eprintln!(
                "nothing to match: the question has no words (only punctuation, symbols or emoji); ask it in words, e.g. \"Tell me about a time you missed a deadline\""
            );
        } else {
            eprintln!(
                "nothing to match: once interview phrasing (\"tell me about a time\", \"give me an example\") is removed, the question has no words left; add what it is about, e.g. \"...a time you missed a deadline\""
            );
        }
        return Ok(Status::NoResult);
    }
    let mut hits = ranker
        .search(&searcher, &analyzed, config.top)
        .context("searching the index (if this persists, run `starmatch index --full`)")?;
    if config.explain {
        ranker.explain(&searcher, &analyzed, &mut hits)?;
    }
    let paths: Vec<std::path::PathBuf> = hits.iter().map(|h| stories_dir.join(&h.key)).collect();
    let shown: Vec<Shown> = hits
        .iter()
        .zip(&paths)
        .enumerate()
        .map(|(i, (hit, path))| Shown {
            rank: i + 1,
            why: snippet::why(&mut ranker.analyzer, &ranker.lexicon, &analyzed, hit),
            hit,
            path,
        })
        .collect();
    if config.json {
        render::write_json(out, question, &shown, config.explain)?;
    } else if shown.is_empty() && searcher.num_docs() == 0 {
        // `--corpus corpus/stories`: the story files are in the folder
        // named, one above where they are looked for.
        let corpus = stories_dir.parent().unwrap_or(stories_dir);
        let misplaced = std::fs::read_dir(corpus).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
                    && e.file_name() != "concepts.yaml"
            })
        });
        if misplaced {
            eprintln!(
                "the corpus has no stories yet: story files are looked for in {}, and {} holds YAML files itself; if those are your stories, pass the folder above it as --corpus",
                stories_dir.display(),
                corpus.display()
            );
        } else {
            eprintln!(
                "the corpus has no stories yet: add story files to {} or import your notes with `starmatch import notes.md`",
                stories_dir.display()
            );
        }
    } else if shown.is_empty() {
        eprintln!("no story matches this question: try other words, or add a story about it");
    } else {
        if config.explain {
            render::write_question_analysis(
                out,
                &analyzed.content_words(question),
                &analyzed.typos,
                &ranker.lexicon.names_of(&analyzed.concepts),
                &ranker.lexicon.names_of(&analyzed.inferred),
                &ranker
                    .lexicon
                    .names_of(&analyzed.themes)
                    .into_iter()
                    .zip(analyzed.theme_weights.iter().copied())
                    .collect::<Vec<_>>(),
            )?;
        }
        render::write_text(out, &shown, render::use_colour(), config.explain)?;
    }
    out.flush()?;
    Ok(if shown.is_empty() {
        Status::NoResult
    } else {
        Status::Success
    })
}
