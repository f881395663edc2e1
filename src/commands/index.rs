//! `starmatch index`: build or refresh the index, then print a one-line summary.

use std::io::Write;
use std::time::Duration;

use anyhow::Context;

use super::{GlobalConfig, Status};
use crate::cli::IndexArgs;
use crate::corpus::{Corpus, ProblemList};
use crate::render;
use crate::search::analysis::Analyzer;
use crate::search::index::{self, OnBroken, RefreshOptions};
use crate::search::load_lexicon;

/// Entries of the stories folder named in the note on what is not read.
const NOT_READ_SHOWN: usize = 5;

pub fn run(global: &GlobalConfig, args: IndexArgs) -> anyhow::Result<Status> {
    let corpus = Corpus::new(&global.corpus);
    let options = RefreshOptions {
        full: args.full,
        on_broken: if args.skip_invalid {
            OnBroken::Skip
        } else {
            OnBroken::Refuse
        },
        lock_timeout: Duration::from_secs(args.wait),
    };
    let mut lexicon = load_lexicon(&mut Analyzer::new(), &corpus, Some(&global.index))?;
    let progress = render::progress_bar(global.quiet, "indexing");
    let report = index::refresh(&corpus, &global.index, &lexicon, &options, &progress)
        .with_context(|| {
            format!(
                "indexing {} into {}",
                corpus.root.display(),
                global.index.display()
            )
        })?;
    progress.finish_and_clear();
    // The next query loads the compiled lexicon instead of stemming it again.
    lexicon.save_cache(&global.index);
    if !report.skipped.is_empty() {
        eprintln!(
            "skipped {} broken story file(s):\n{}",
            report.skipped.len(),
            ProblemList(&report.skipped)
        );
    }
    if !report.not_read.is_empty() && !global.quiet {
        eprintln!("note: not read, as only .yaml story files directly in the stories folder are:");
        for path in report.not_read.iter().take(NOT_READ_SHOWN) {
            let advice = if path.is_dir() {
                "a folder: move its story files up into the stories folder".to_string()
            } else {
                format!(
                    "notes, not a story file: `starmatch import {}` turns them into stories",
                    path.display()
                )
            };
            eprintln!("  - {}: {advice}", path.display());
        }
        if report.not_read.len() > NOT_READ_SHOWN {
            eprintln!("  ... and {} more", report.not_read.len() - NOT_READ_SHOWN);
        }
    }
    if !global.quiet {
        let rebuilt = report
            .rebuilt
            .as_ref()
            .map(|why| format!(" (full rebuild: {why})"))
            .unwrap_or_default();
        writeln!(
            std::io::stdout(),
            "indexed {}: {} added, {} updated, {} removed, {} unchanged in {:.2} s{rebuilt}",
            global.index.display(),
            report.added,
            report.updated,
            report.removed,
            report.unchanged,
            report.elapsed.as_secs_f64()
        )?;
    }
    Ok(Status::Success)
}
