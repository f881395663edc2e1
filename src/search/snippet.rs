//! Why a hit fits, in words a user reads: the tagged question closest to
//! theirs, the concepts they share, and the story sentence that matches best,
//! with the matching words marked.

use unicode_segmentation::UnicodeSegmentation;

use super::analysis::{Analyzer, Word};
use super::lexicon::{ConceptHit, Lexicon};
use super::ranking::{AnalyzedQuestion, Hit};

/// Longest snippet shown, in characters.
const MAX_SNIPPET_CHARS: usize = 220;

/// A piece of story text with byte ranges of the words that matched the question.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub part: &'static str,
    pub text: String,
    pub highlights: Vec<(usize, usize)>,
}

/// The human-readable reasons for one hit.
#[derive(Debug, Clone, Default)]
pub struct Why {
    pub matched_question: Option<String>,
    /// Concept names shared by the question and the story.
    pub concepts: Vec<String>,
    pub snippet: Snippet,
}

/// Works out [`Why`] for a hit in one pass over its text. Only run it on
/// shown hits: it analyses every word of the story.
pub fn why(analyzer: &mut Analyzer, lexicon: &Lexicon, q: &AnalyzedQuestion, hit: &Hit) -> Why {
    // The question's concepts found anywhere in the story, in order of discovery.
    let mut shared: Vec<usize> = Vec::new();

    let mut best: Option<(f32, &String)> = None;
    for tagged in &hit.questions {
        let words = analyzer.words(tagged);
        let shared_words = q
            .stems
            .iter()
            .filter(|s| words.iter().any(|w| &w.stem == *s))
            .count() as f32;
        let hits = question_hits(lexicon, q, &words, &mut shared);
        let score = shared_words + 0.8 * hits.len() as f32;
        if score > 0.0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, tagged));
        }
    }
    for text in std::iter::once(&hit.title).chain(&hit.competencies) {
        question_hits(lexicon, q, &analyzer.words(text), &mut shared);
    }

    // The snippet: the sentence sharing the most with the question. Question
    // words count 1; a phrase of one of the question's concepts ("rolled
    // back" for failure) counts 0.6 and is highlighted whole.
    let mut snippet = Snippet::default();
    let mut best_score = -1.0f32;
    for (part, text) in &hit.parts {
        for sentence in text.split_sentence_bounds() {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                continue;
            }
            let words = analyzer.words(trimmed);
            let mut highlights = Vec::new();
            let mut score = 0.0;
            let mut seen: Vec<&str> = Vec::new();
            for w in &words {
                if q.stems.contains(&w.stem) {
                    highlights.push((w.start, w.end));
                    if !seen.contains(&w.stem.as_str()) {
                        seen.push(&w.stem);
                        score += 1.0;
                    }
                }
            }
            let mut concepts_here: Vec<usize> = Vec::new();
            for h in question_hits(lexicon, q, &words, &mut shared) {
                if !concepts_here.contains(&h.concept) {
                    concepts_here.push(h.concept);
                    score += 0.6;
                }
                let span = (words[h.start].start, words[h.start + h.len - 1].end);
                if !highlights.iter().any(|&(a, b)| a <= span.0 && span.1 <= b) {
                    highlights.push(span);
                }
            }
            highlights.sort_unstable();
            // Strictly greater: on ties the earlier part (the situation) wins.
            if score > best_score {
                best_score = score;
                snippet = Snippet {
                    part,
                    text: trimmed.to_string(),
                    highlights,
                };
            }
        }
    }

    Why {
        matched_question: best.map(|(_, q)| q.clone()),
        concepts: shared
            .iter()
            .map(|&c| lexicon.name(c).to_string())
            .collect(),
        snippet: shorten(snippet),
    }
}

/// The hits of the question's own concepts in `words`; their concepts are
/// added to `shared`.
fn question_hits(
    lexicon: &Lexicon,
    q: &AnalyzedQuestion,
    words: &[Word],
    shared: &mut Vec<usize>,
) -> Vec<ConceptHit> {
    let hits: Vec<ConceptHit> = lexicon
        .detect(words, &[])
        .into_iter()
        .filter(|h| q.concepts.contains(&h.concept))
        .collect();
    for h in &hits {
        if !shared.contains(&h.concept) {
            shared.push(h.concept);
        }
    }
    hits
}

/// Cuts a long sentence to [`MAX_SNIPPET_CHARS`] around its first highlight, on
/// grapheme boundaries, adding an ellipsis where text was cut.
fn shorten(s: Snippet) -> Snippet {
    let graphemes: Vec<(usize, &str)> = s.text.grapheme_indices(true).collect();
    if graphemes.len() <= MAX_SNIPPET_CHARS {
        return s;
    }
    let first = s.highlights.first().map_or(0, |h| h.0);
    let first_g = graphemes.iter().position(|(i, _)| *i >= first).unwrap_or(0);
    let start_g = first_g
        .saturating_sub(40)
        .min(graphemes.len() - MAX_SNIPPET_CHARS);
    let end_g = start_g + MAX_SNIPPET_CHARS;
    let start = graphemes[start_g].0;
    let end = graphemes.get(end_g).map_or(s.text.len(), |(i, _)| *i);
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < s.text.len() { "…" } else { "" };
    let shift = prefix.len();
    Snippet {
        part: s.part,
        text: format!("{prefix}{}{suffix}", &s.text[start..end]),
        highlights: s
            .highlights
            .into_iter()
            .filter(|&(a, b)| a >= start && b <= end)
            .map(|(a, b)| (a - start + shift, b - start + shift))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_snippets_are_cut_around_the_first_match() {
        let text = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let at = text.find("needle").unwrap();
        let s = shorten(Snippet {
            part: "action",
            text: text.clone(),
            highlights: vec![(at, at + 6)],
        });
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "needle");
    }
}
