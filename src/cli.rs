//! Command-line interface: clap definitions only. Commands turn these raw
//! `*Args` into validated configs; nothing below `commands/` sees clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

const EXIT_CODES: &str = "\
Examples:
  starmatch query \"Tell me about a time you disagreed with your manager\"
  starmatch import notes/*.md && starmatch query \"Biggest failure?\"
  starmatch --corpus ~/my-stories index --full
  starmatch eval --baseline --split test

Exit codes:
  0  success
  1  no result where one was asked for (no story matched the question)
  2  usage or input error (bad flag, empty question, broken story file)
  3  index or internal error (unreadable index, index busy, I/O failure)";

#[derive(Debug, Parser)]
#[command(
    name = "starmatch",
    version,
    about = "Find the right STAR story for any behavioural interview question, instantly.",
    after_help = EXIT_CODES,
)]
pub struct Cli {
    /// Corpus folder holding stories/*.yaml
    #[arg(
        long,
        global = true,
        env = "STARMATCH_CORPUS",
        default_value = "corpus"
    )]
    pub corpus: PathBuf,

    /// Index folder (created and refreshed automatically)
    #[arg(long, global = true, env = "STARMATCH_INDEX", default_value = "index")]
    pub index: PathBuf,

    /// Print only results and errors: no progress, notes or summaries
    #[arg(short, long, global = true)]
    pub quiet: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rank your stories for an interview question
    #[command(after_help = "Examples:
  starmatch query \"Tell me about a time you disagreed with your manager\"
  starmatch query -k 5 --explain \"Biggest failure?\"
  pbpaste | starmatch query --json
  starmatch query            (interactive: type questions, one per line)

Exit codes: 0 ok, 1 no story matched, 2 usage/input error, 3 index error")]
    Query(QueryArgs),

    /// Build or refresh the search index (only changed stories are re-indexed)
    #[command(after_help = "Examples:
  starmatch index
  starmatch index --full
  starmatch --corpus ~/my-stories index --skip-invalid

Exit codes: 0 ok, 2 broken story files (nothing committed), 3 index error")]
    Index(IndexArgs),

    /// Measure ranking quality (P@1, MRR@10, Hit@3, nDCG@5) on labelled questions
    #[command(after_help = "Examples:
  starmatch eval --baseline
  starmatch eval --split test --json
  starmatch eval --without concept-text --without expansion

Exit codes: 0 ok, 2 bad question file, 3 index error")]
    Eval(EvalArgs),

    /// Import Markdown STAR notes into the corpus as story files
    #[command(after_help = "Examples:
  starmatch import notes/leadership.md
  starmatch import --dry-run *.md
  starmatch import ~/Downloads/Notion-export/
  starmatch import ~/Downloads/Export-2f0a7c1e.zip
  starmatch import --out /tmp/stories --json interview-prep.txt

Exit codes: 0 ok, 1 no story found in any file, 2 a file could not be read
(missing, empty, binary, too large; the other files are still imported), 3 I/O error")]
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The interview question (several words are joined; read from stdin when absent)
    pub question: Vec<String>,

    /// How many stories to show
    #[arg(short = 'k', long = "top", default_value_t = 3)]
    pub top: usize,

    /// Print one JSON object instead of text
    #[arg(long)]
    pub json: bool,

    /// Show each ranking signal's contribution to every hit
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Rebuild every story instead of only the changed ones
    #[arg(long)]
    pub full: bool,

    /// Index the valid stories even if some files are broken (they are listed)
    #[arg(long)]
    pub skip_invalid: bool,

    /// Seconds to wait for another process that is updating the index
    #[arg(long, default_value_t = 10)]
    pub wait: u64,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled question file (default: CORPUS/eval/questions.yaml)
    #[arg(long)]
    pub questions: Option<PathBuf>,

    /// Only questions with this `split:` value (e.g. tune, test)
    #[arg(long)]
    pub split: Option<String>,

    /// How many of the worst questions to list
    #[arg(short = 'k', long = "worst", default_value_t = 5)]
    pub worst: usize,

    /// Also score plain BM25 over all story text, side by side
    #[arg(long)]
    pub baseline: bool,

    /// Switch a ranking signal off (repeatable), for ablation
    #[arg(long, value_name = "SIGNAL")]
    pub without: Vec<String>,

    /// Override a signal's weight, e.g. --weight questions=2.5 (repeatable), for tuning
    #[arg(long, value_name = "SIGNAL=WEIGHT")]
    pub weight: Vec<String>,

    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Notes files to import (Markdown or any text, HTML, Word, OpenDocument,
    /// spreadsheets, exports), folders to search for them, or ZIP archives
    /// of them
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Folder to write stories into (default: CORPUS/stories)
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// Show what would be imported, write nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Overwrite story files that already exist
    #[arg(long)]
    pub force: bool,

    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
}
