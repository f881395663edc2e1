//! Why a hit fits, in words a user reads: the tagged question closest to
//! theirs, the concepts they share, and the story sentence that matches best,
//! with the matching words marked.

use unicode_segmentation::UnicodeSegmentation;

use super::analysis::Analyzer;
use super::lexicon::Lexicon;
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

/// Works out [`Why`] for a hit. Costs a few microseconds per hit: only run on shown hits.
pub fn why(analyzer: &mut Analyzer, lexicon: &Lexicon, q: &AnalyzedQuestion, hit: &Hit) -> Why {
    let question_concepts: Vec<&str> = q.concepts.iter().map(|&c| lexicon.name(c)).collect();
    let concepts_of = |analyzer: &mut Analyzer, text: &str| -> Vec<usize> {
        let words = analyzer.words(text);
        lexicon
            .detect(&words, &[])
            .into_iter()
            .map(|h| h.concept)
            .collect()
    };

    let mut best: Option<(f32, &String)> = None;
    for tagged in &hit.questions {
        let words = analyzer.words(tagged);
        let shared_words = q
            .stems
            .iter()
            .filter(|s| words.iter().any(|w| &w.stem == *s))
            .count() as f32;
        let shared_concepts = concepts_of(analyzer, tagged)
            .into_iter()
            .filter(|c| q.concepts.contains(c))
            .collect::<std::collections::HashSet<_>>()
            .len() as f32;
        let score = shared_words + 0.8 * shared_concepts;
        if score > 0.0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, tagged));
        }
    }

    let mut story_concepts: Vec<String> = Vec::new();
    let texts = std::iter::once(hit.title.as_str())
        .chain(hit.questions.iter().map(String::as_str))
        .chain(hit.competencies.iter().map(String::as_str))
        .chain(hit.parts.iter().map(|(_, t)| t.as_str()));
    for text in texts {
        for c in concepts_of(analyzer, text) {
            let name = lexicon.name(c);
            if question_concepts.contains(&name) && !story_concepts.iter().any(|s| s == name) {
                story_concepts.push(name.to_string());
            }
        }
    }

    Why {
        matched_question: best.map(|(_, q)| q.clone()),
        concepts: story_concepts,
        snippet: snippet(analyzer, lexicon, q, hit),
    }
}

/// The sentence of the story that shares the most with the question.
fn snippet(analyzer: &mut Analyzer, lexicon: &Lexicon, q: &AnalyzedQuestion, hit: &Hit) -> Snippet {
    let concept_stems: Vec<&String> = q
        .concepts
        .iter()
        .flat_map(|&c| lexicon.concepts()[c].word_stems.iter())
        .collect();
    let mut best = Snippet::default();
    let mut best_score = -1.0f32;
    for (part, text) in &hit.parts {
        for sentence in text.split_sentence_bounds() {
            let sentence_trimmed = sentence.trim();
            if sentence_trimmed.is_empty() {
                continue;
            }
            let words = analyzer.words(sentence);
            let mut highlights = Vec::new();
            let mut seen: Vec<&str> = Vec::new();
            let mut score = 0.0;
            for w in &words {
                let direct = q.stems.contains(&w.stem);
                let related = concept_stems.iter().any(|s| **s == w.stem);
                if direct || related {
                    highlights.push((w.start, w.end));
                    if !seen.contains(&w.stem.as_str()) {
                        seen.push(&w.stem);
                        score += if direct { 1.0 } else { 0.6 };
                    }
                }
            }
            // Prefer earlier parts on ties: the situation sets the scene.
            if score > best_score {
                best_score = score;
                let lead = sentence.len() - sentence.trim_start().len();
                best = Snippet {
                    part,
                    text: sentence_trimmed.to_string(),
                    highlights: highlights
                        .into_iter()
                        .map(|(s, e)| (s - lead, e - lead))
                        .filter(|&(_, e)| e <= sentence_trimmed.len())
                        .collect(),
                };
            }
        }
    }
    shorten(best)
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
