//! Terminal and JSON output, and the one progress-bar factory.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::search::ranking::Hit;
use crate::search::snippet::Why;

/// A progress bar on stderr, hidden when stderr is not a terminal or `quiet`.
pub fn progress_bar(quiet: bool, message: &'static str) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    let style = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar.set_message(message);
    bar
}

/// Colour only for a terminal, and never when NO_COLOR is set.
pub fn use_colour() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// One hit ready to print.
pub struct Shown<'a> {
    pub rank: usize,
    pub hit: &'a Hit,
    pub why: Why,
    pub path: &'a Path,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    rank: usize,
    id: &'a str,
    title: &'a str,
    score: f32,
    path: String,
    competencies: &'a [String],
    tags: &'a [String],
    matched_question: Option<&'a str>,
    snippet: &'a str,
    snippet_part: &'a str,
    highlights: &'a [(usize, usize)],
    matched_concepts: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<Vec<JsonContribution>>,
}

#[derive(Serialize)]
struct JsonContribution {
    signal: &'static str,
    score: f32,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    question: &'a str,
    hits: Vec<JsonHit<'a>>,
}

/// `{"question": ..., "hits": [...]}` on one line.
pub fn write_json(
    out: &mut dyn Write,
    question: &str,
    shown: &[Shown],
    explain: bool,
) -> io::Result<()> {
    let hits = shown
        .iter()
        .map(|s| JsonHit {
            rank: s.rank,
            id: &s.hit.id,
            title: &s.hit.title,
            score: s.hit.score,
            path: s.path.display().to_string(),
            competencies: &s.hit.competencies,
            tags: &s.hit.tags,
            matched_question: s.why.matched_question.as_deref(),
            snippet: &s.why.snippet.text,
            snippet_part: s.why.snippet.part,
            highlights: &s.why.snippet.highlights,
            matched_concepts: &s.why.concepts,
            explain: explain.then(|| {
                s.hit
                    .contributions
                    .iter()
                    .map(|c| JsonContribution {
                        signal: c.signal.name(),
                        score: c.score,
                    })
                    .collect()
            }),
        })
        .collect();
    serde_json::to_writer(&mut *out, &JsonAnswer { question, hits })?;
    writeln!(out)
}

struct Style {
    bold: &'static str,
    dim: &'static str,
    mark: &'static str,
    reset: &'static str,
}

const COLOUR: Style = Style {
    bold: "\x1b[1m",
    dim: "\x1b[2m",
    mark: "\x1b[1;33m",
    reset: "\x1b[0m",
};
const PLAIN: Style = Style {
    bold: "",
    dim: "",
    mark: "",
    reset: "",
};

/// Human-readable results.
/// What `--explain` says about the question itself: its content words
/// (as the question wrote them, and any typo read as the word meant) and its themes: named by its words, inferred from similar
/// common questions, and read from its meaning by the theme classifier
/// (with their probabilities).
pub fn write_question_analysis(
    out: &mut dyn Write,
    words: &[&str],
    typos: &[(String, String)],
    themes: &[String],
    inferred: &[String],
    meaning: &[(String, f32)],
) -> io::Result<()> {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    let meaning: Vec<String> = meaning
        .iter()
        .map(|(name, p)| format!("{name} {:.0}%", p * 100.0))
        .collect();
    let read_as: Vec<String> = typos
        .iter()
        .map(|(typed, read)| format!("\"{typed}\" as \"{read}\""))
        .collect();
    writeln!(
        out,
        "question words: {}{}\nquestion themes: {} (named by its words; also read from similar common questions: {}; from its meaning: {})\nsignals: the points each ranking signal gave a hit, summing to its score (docs/ranking.md says what each one matches)\n",
        if words.is_empty() {
            "none".to_string()
        } else {
            words.join(", ")
        },
        if read_as.is_empty() {
            String::new()
        } else {
            format!(" (read {})", read_as.join(", "))
        },
        list(themes),
        list(inferred),
        list(&meaning)
    )
}

pub fn write_text(
    out: &mut dyn Write,
    shown: &[Shown],
    colour: bool,
    explain: bool,
) -> io::Result<()> {
    let st = if colour { &COLOUR } else { &PLAIN };
    for s in shown {
        let hit = s.hit;
        writeln!(
            out,
            "{}{}. {}{}  {}({:.2}){}",
            st.bold, s.rank, hit.title, st.reset, st.dim, hit.score, st.reset
        )?;
        writeln!(out, "   id: {}  file: {}", hit.id, s.path.display())?;
        if !hit.competencies.is_empty() {
            writeln!(out, "   competencies: {}", hit.competencies.join(", "))?;
        }
        if let Some(q) = &s.why.matched_question {
            writeln!(out, "   answers: \"{q}\"")?;
        }
        if !s.why.concepts.is_empty() {
            writeln!(out, "   shared themes: {}", s.why.concepts.join(", "))?;
        }
        if !s.why.snippet.text.is_empty() {
            writeln!(
                out,
                "   {}: {}",
                s.why.snippet.part,
                highlight(&s.why.snippet.text, &s.why.snippet.highlights, st)
            )?;
        }
        if explain {
            // "questions 9.68 + title 2.23 - semantic 0.41": a signal can
            // take away (the semantic one, for a story far from the question).
            let mut line = String::new();
            for (i, c) in hit.contributions.iter().enumerate() {
                let sign = if c.score < 0.0 { " - " } else { " + " };
                if i > 0 || c.score < 0.0 {
                    line.push_str(if i == 0 { sign.trim_start() } else { sign });
                }
                line.push_str(&format!("{} {:.2}", c.signal, c.score.abs()));
            }
            writeln!(out, "   {}signals: {}{}", st.dim, line, st.reset)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn highlight(text: &str, ranges: &[(usize, usize)], st: &Style) -> String {
    if st.mark.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + ranges.len() * 10);
    let mut at = 0;
    for &(a, b) in ranges {
        if a < at || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        out.push_str(&text[at..a]);
        out.push_str(st.mark);
        out.push_str(&text[a..b]);
        out.push_str(st.reset);
        at = b;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_wrap_matched_words_only_in_colour() {
        let ranges = [(4, 9)];
        assert_eq!(highlight("the quick fox", &ranges, &PLAIN), "the quick fox");
        assert_eq!(
            highlight("the quick fox", &ranges, &COLOUR),
            "the \x1b[1;33mquick\x1b[0m fox"
        );
    }
}
