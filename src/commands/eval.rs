//! `starmatch eval`: rank every labelled question and report P@1, MRR@10,
//! Hit@3 and nDCG@5, per seen/unseen group, optionally beside the baseline.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

use super::{GlobalConfig, InputError, Status};
use crate::cli::EvalArgs;
use crate::corpus::{self, Corpus};
use crate::eval::{self, LabelledQuestion, Metrics};
use crate::search::baseline::Baseline;
use crate::search::ranking::Signal;
use crate::search::Engine;

/// Ranked ids kept per question: enough for MRR@10.
const DEPTH: usize = 10;

#[derive(Debug, Clone)]
pub struct EvalConfig {
    pub questions: PathBuf,
    pub split: Option<String>,
    pub worst: usize,
    pub baseline: bool,
    pub without: Vec<Signal>,
    pub weights: Vec<(Signal, f32)>,
    pub json: bool,
}

impl EvalConfig {
    pub fn from_args(global: &GlobalConfig, args: EvalArgs) -> Result<EvalConfig, InputError> {
        let without = args
            .without
            .iter()
            .map(|s| s.parse::<Signal>().map_err(InputError))
            .collect::<Result<Vec<_>, _>>()?;
        let weights = args
            .weight
            .iter()
            .map(|w| {
                let bad = || {
                    InputError(format!(
                        "--weight {w}: expected SIGNAL=NUMBER, e.g. questions=2.5"
                    ))
                };
                let (name, value) = w.split_once('=').ok_or_else(bad)?;
                let signal = name.parse::<Signal>().map_err(InputError)?;
                let value: f32 = value.parse().map_err(|_| bad())?;
                if !value.is_finite() || value < 0.0 {
                    return Err(InputError(format!(
                        "--weight {w}: a weight is a number of zero or more, e.g. questions=2.5"
                    )));
                }
                Ok((signal, value))
            })
            .collect::<Result<Vec<_>, InputError>>()?;
        Ok(EvalConfig {
            weights,
            questions: args
                .questions
                .unwrap_or_else(|| Corpus::new(&global.corpus).eval_questions_path()),
            split: args.split,
            worst: args.worst,
            baseline: args.baseline,
            without,
            json: args.json,
        })
    }
}

#[derive(Serialize)]
struct GroupReport {
    group: String,
    starmatch: Metrics,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<Metrics>,
}

#[derive(Serialize)]
struct QuestionReport<'a> {
    question: &'a str,
    kind: Option<&'a str>,
    split: Option<&'a str>,
    best: &'a [String],
    ranked: &'a [String],
    first_relevant_rank: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline_first_relevant_rank: Option<Option<usize>>,
}

#[derive(Serialize)]
struct Report<'a> {
    questions_file: String,
    split: Option<&'a str>,
    disabled_signals: Vec<&'static str>,
    groups: Vec<GroupReport>,
    questions: Vec<QuestionReport<'a>>,
    elapsed_ms: f64,
}

/// Mistakes of a question file listed in one error.
const MISTAKES_SHOWN: usize = 10;

pub fn run(global: &GlobalConfig, args: EvalArgs) -> anyhow::Result<Status> {
    let config = EvalConfig::from_args(global, args)?;
    let started = Instant::now();
    let corpus = Corpus::new(&global.corpus);
    let all: Vec<LabelledQuestion> = corpus::read_yaml(&config.questions).with_context(|| {
        format!(
            "reading labelled questions from {}",
            config.questions.display()
        )
    })?;
    if all.is_empty() {
        return Err(InputError(format!(
            "{} has no questions: list them as `- question: ...` entries with `best: [story-id]`",
            config.questions.display()
        ))
        .into());
    }
    let (stories, problems) = corpus.load_all()?;
    if !problems.is_empty() {
        return Err(InputError(format!(
            "the corpus has {} broken story file(s); fix them first (run `starmatch index` to list them)",
            problems.len()
        ))
        .into());
    }
    let known: HashSet<&str> = stories.iter().map(|s| s.story.id.as_str()).collect();
    // Every mistake of the file at once, so one run lists all there is to fix.
    let mut mistakes: Vec<String> = Vec::new();
    for (n, q) in all.iter().enumerate() {
        let name = format!(
            "question {} (\"{}\") in {}",
            n + 1,
            q.question,
            config.questions.display()
        );
        if q.question.trim().is_empty() {
            mistakes.push(format!("{name}: the question text is empty"));
        }
        if q.best.is_empty() {
            mistakes.push(format!("{name}: `best` lists no story id"));
        }
        for bad in q
            .best
            .iter()
            .chain(&q.ok)
            .filter(|id| !known.contains(id.as_str()))
        {
            mistakes.push(format!(
                "{name}: unknown story id `{bad}`: no story in {} has it",
                corpus.stories_dir().display()
            ));
        }
        if let Some(kind) = q
            .kind
            .as_deref()
            .filter(|k| !matches!(*k, "seen" | "unseen"))
        {
            mistakes.push(format!(
                "{name}: unknown kind `{kind}`: write `kind: seen` (worded like a tagged question) or `kind: unseen`"
            ));
        }
    }
    if !mistakes.is_empty() {
        let shown = mistakes.len().min(MISTAKES_SHOWN);
        let mut text = mistakes[..shown].join("\n");
        if mistakes.len() > shown {
            text.push_str(&format!("\n... and {} more", mistakes.len() - shown));
        }
        return Err(InputError(text).into());
    }
    let questions: Vec<&LabelledQuestion> = all
        .iter()
        .filter(|q| config.split.is_none() || q.split == config.split)
        .collect();
    if let (true, Some(split)) = (questions.is_empty(), &config.split) {
        let mut splits: Vec<&str> = all.iter().filter_map(|q| q.split.as_deref()).collect();
        splits.sort_unstable();
        splits.dedup();
        let have = if splits.is_empty() {
            "no question has a `split:`".to_string()
        } else {
            format!(
                "its splits are {}",
                splits
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        return Err(InputError(format!(
            "no question in {} has split `{split}`: {have}",
            config.questions.display()
        ))
        .into());
    }

    let (mut engine, _) = Engine::open_fresh(&corpus, &global.index)?;
    engine.ranker.disabled = config.without.iter().copied().collect();
    for &(signal, weight) in &config.weights {
        engine.ranker.weights.set(signal, weight);
    }
    let searcher = engine.searcher();
    let mut rankings: Vec<Vec<String>> = Vec::with_capacity(questions.len());
    for q in &questions {
        let analyzed = engine.ranker.analyze(&q.question);
        rankings.push(engine.ranker.rank_ids(&searcher, &analyzed, DEPTH)?);
    }
    let baseline_rankings: Option<Vec<Vec<String>>> = if config.baseline {
        let mut baseline = Baseline::build(stories.iter().map(|s| &s.story))?;
        Some(
            questions
                .iter()
                .map(|q| baseline.rank_ids(&q.question, DEPTH))
                .collect::<tantivy::Result<_>>()?,
        )
    } else {
        None
    };

    let groups = ["all", "seen", "unseen"]
        .into_iter()
        .filter_map(|group| {
            let pick = |i: &usize| group == "all" || questions[*i].kind.as_deref() == Some(group);
            let members: Vec<usize> = (0..questions.len()).filter(pick).collect();
            if members.is_empty() {
                return None;
            }
            let metrics = |r: &[Vec<String>]| {
                eval::summarise(members.iter().map(|&i| (questions[i], r[i].as_slice())))
            };
            Some(GroupReport {
                group: group.to_string(),
                starmatch: metrics(&rankings),
                baseline: baseline_rankings.as_deref().map(metrics),
            })
        })
        .collect::<Vec<_>>();

    let per_question: Vec<QuestionReport> = questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionReport {
            question: &q.question,
            kind: q.kind.as_deref(),
            split: q.split.as_deref(),
            best: &q.best,
            ranked: &rankings[i],
            first_relevant_rank: eval::first_relevant_rank(&rankings[i], q),
            baseline_first_relevant_rank: baseline_rankings
                .as_ref()
                .map(|b| eval::first_relevant_rank(&b[i], q)),
        })
        .collect();
    let report = Report {
        questions_file: config.questions.display().to_string(),
        split: config.split.as_deref(),
        disabled_signals: config.without.iter().map(|s| s.name()).collect(),
        groups,
        questions: per_question,
        elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
    };
    let mut out = std::io::stdout().lock();
    if config.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &report, &questions, config.worst, global.quiet)?;
    }
    Ok(Status::Success)
}

fn write_text(
    out: &mut dyn Write,
    report: &Report,
    questions: &[&LabelledQuestion],
    worst: usize,
    quiet: bool,
) -> std::io::Result<()> {
    // -q keeps the results (the table and the worst questions) and drops
    // the summaries around them.
    if !quiet {
        writeln!(
            out,
            "{} questions from {}{}{}",
            questions.len(),
            report.questions_file,
            report
                .split
                .map(|s| format!(", split `{s}`"))
                .unwrap_or_default(),
            if report.disabled_signals.is_empty() {
                String::new()
            } else {
                format!(", without {}", report.disabled_signals.join(", "))
            }
        )?;
        writeln!(out)?;
    }
    writeln!(
        out,
        "{:<10} {:<7} {:>4} {:>6} {:>7} {:>6} {:>7}",
        "ranker", "group", "n", "P@1", "MRR@10", "Hit@3", "nDCG@5"
    )?;
    let row = |out: &mut dyn Write, name: &str, group: &str, m: &Metrics| {
        writeln!(
            out,
            "{:<10} {:<7} {:>4} {:>6.3} {:>7.3} {:>6.3} {:>7.3}",
            name, group, m.questions, m.p_at_1, m.mrr_at_10, m.hit_at_3, m.ndcg_at_5
        )
    };
    for g in &report.groups {
        row(out, "starmatch", &g.group, &g.starmatch)?;
    }
    for g in &report.groups {
        if let Some(b) = &g.baseline {
            row(out, "baseline", &g.group, b)?;
        }
    }
    let mut misses: Vec<&QuestionReport> = report
        .questions
        .iter()
        .filter(|q| !q.ranked.first().is_some_and(|id| q.best.contains(id)))
        .collect();
    misses.sort_by_key(|q| std::cmp::Reverse(q.first_relevant_rank.unwrap_or(usize::MAX)));
    if worst > 0 && !misses.is_empty() {
        writeln!(out)?;
        writeln!(out, "worst questions (best story not first):")?;
        for q in misses.iter().take(worst) {
            let rank = q
                .first_relevant_rank
                .map_or("not in top 10".to_string(), |r| {
                    format!("first relevant at {r}")
                });
            writeln!(out, "  - \"{}\" [{}]", q.question, q.kind.unwrap_or("-"))?;
            let got = if q.ranked.is_empty() {
                "no story (nothing in the question matched)".to_string()
            } else {
                q.ranked
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            writeln!(out, "    {rank}; expected {}; got {got}", q.best.join(", "))?;
        }
    }
    if !quiet {
        writeln!(out)?;
        writeln!(out, "evaluated in {:.0} ms", report.elapsed_ms)?;
    }
    Ok(())
}
