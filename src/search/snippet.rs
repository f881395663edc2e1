//! Why a hit fits, in words a user reads: the tagged question closest to
//! theirs, the concepts they share, and the story sentence that matches best,
//! with the matching words marked.

use unicode_segmentation::UnicodeSegmentation;

use super::analysis::Analyzer;
use super::lexicon::Lexicon;
use super::ranking::{AnalyzedQuestion, Hit};
use super::semantic;
use super::spans::{Source, Span};

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

/// Works out [`Why`] for a hit. Concept occurrences come from the index
/// ([`Hit::spans`]); of the story's words only those that could share a stem
/// with the question are stemmed, so this costs little per shown hit.
pub fn why(analyzer: &mut Analyzer, lexicon: &Lexicon, q: &AnalyzedQuestion, hit: &Hit) -> Why {
    let matcher = StemMatcher::new(&q.stems);
    // The question's concepts found anywhere in the story, in order of discovery.
    let mut shared: Vec<usize> = Vec::new();
    let mut note = |span: &Span| {
        if !shared.contains(&span.concept) {
            shared.push(span.concept);
        }
    };
    let wanted = |span: &&Span| q.concepts.contains(&span.concept);

    let mut best: Option<(f32, &String)> = None;
    for (i, tagged) in hit.questions.iter().enumerate() {
        let mut found: Vec<usize> = Vec::new();
        for (raw, _, _) in analyzer.tokens(tagged) {
            if let Some(k) = matcher.find(analyzer, &raw) {
                if !found.contains(&k) {
                    found.push(k);
                }
            }
        }
        let mut hits = 0;
        for span in hit
            .spans
            .iter()
            .filter(|s| s.source == Source::Question(i))
            .filter(wanted)
        {
            note(span);
            hits += 1;
        }
        let score = found.len() as f32 + 0.8 * hits as f32;
        if score > 0.0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, tagged));
        }
    }
    hit.spans
        .iter()
        .filter(|s| matches!(s.source, Source::Title | Source::Competency(_)))
        .filter(wanted)
        .for_each(&mut note);

    // The snippet: the sentence sharing the most with the question. Question
    // words count 1; a phrase of one of the question's concepts ("rolled
    // back" for failure) counts 0.6 and is highlighted whole.
    let mut snippet = Snippet::default();
    let mut best_score = -1.0f32;
    for (p, (part, text)) in hit.parts.iter().enumerate() {
        let part_spans: Vec<&Span> = hit
            .spans
            .iter()
            .filter(|s| s.source == Source::Part(p) && text.get(s.start..s.end).is_some())
            .filter(wanted)
            .collect();
        for (offset, sentence) in text.split_sentence_bound_indices() {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                continue;
            }
            let from = offset + (sentence.len() - sentence.trim_start().len());
            let to = from + trimmed.len();
            let mut highlights = Vec::new();
            let mut score = 0.0;
            let mut seen: Vec<usize> = Vec::new();
            for (raw, start, end) in analyzer.tokens(trimmed) {
                if let Some(k) = matcher.find(analyzer, &raw) {
                    highlights.push((start, end));
                    if !seen.contains(&k) {
                        seen.push(k);
                        score += 1.0;
                    }
                }
            }
            let mut concepts_here: Vec<usize> = Vec::new();
            for span in part_spans.iter().filter(|s| from <= s.start && s.end <= to) {
                note(span);
                if !concepts_here.contains(&span.concept) {
                    concepts_here.push(span.concept);
                    score += 0.6;
                }
                let local = (span.start - from, span.end - from);
                if !highlights
                    .iter()
                    .any(|&(a, b)| a <= local.0 && local.1 <= b)
                {
                    highlights.push(local);
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
    // No sentence shares a word or a concept with the question (a story
    // found by its meaning): show the one closest to it in meaning, as
    // `passages` reads them, rather than the story's first sentence.
    if best_score <= 0.0 {
        if let Some(nearest) = nearest_sentence(q, hit) {
            snippet = nearest;
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

/// The story sentence ([`semantic::passages`]) closest to the question in
/// the built-in semantic model; `None` without a question vector (the
/// semantic signals switched off) or a sentence of a few words.
fn nearest_sentence(q: &AnalyzedQuestion, hit: &Hit) -> Option<Snippet> {
    let query = q.passage_vector.as_deref().or(q.vector.as_deref())?;
    let model = semantic::Model::builtin();
    let mut best: Option<(f32, Snippet)> = None;
    for (part, text) in &hit.parts {
        for sentence in semantic::passages(text) {
            let Some(v) = model.embed(sentence) else {
                continue;
            };
            let cosine: f32 = v.iter().zip(query).map(|(a, b)| a * b).sum();
            if best.as_ref().is_none_or(|(b, _)| cosine > *b) {
                let snippet = Snippet {
                    part,
                    text: sentence.to_string(),
                    highlights: Vec::new(),
                };
                best = Some((cosine, snippet));
            }
        }
    }
    best.map(|(_, s)| s)
}

/// Tells which of the question's stems a story word has, stemming only the
/// words that can have one. Snowball keeps a word's first two letters in
/// its stem (it only rewrites endings), except for a few words it maps
/// whole; so a word whose first two letters begin no question stem is
/// skipped without stemming.
struct StemMatcher<'a> {
    stems: &'a [String],
    prefixes: Vec<&'a str>,
}

/// Snowball English maps "dying", "lying", "vying" (a letter and "ying")
/// to "die", "lie", "vie": the only words whose stems change their second
/// letter (checked against a 100,000-word English dictionary).
fn stem_rewrites_start(raw: &str) -> bool {
    raw.len() == 5 && raw.ends_with("ying")
}

impl<'a> StemMatcher<'a> {
    fn new(stems: &'a [String]) -> StemMatcher<'a> {
        let prefixes = stems
            .iter()
            .map(|s| {
                let cut = s.char_indices().nth(2).map_or(s.len(), |(i, _)| i);
                &s[..cut]
            })
            .collect();
        StemMatcher { stems, prefixes }
    }

    /// The index of the question stem `raw` (a lowercased word) stems to.
    fn find(&self, analyzer: &mut Analyzer, raw: &str) -> Option<usize> {
        let possible = self.prefixes.iter().any(|p| raw.starts_with(p)) || stem_rewrites_start(raw);
        if !possible {
            return None;
        }
        let stem = analyzer.stem(raw);
        self.stems.iter().position(|s| *s == stem)
    }
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
    let (start, end) = on_word_bounds(
        &s.text,
        graphemes[start_g].0,
        graphemes.get(end_g).map_or(s.text.len(), |(i, _)| *i),
        first,
    );
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

/// The cut `start..end` of `text` moved inward to whole words: the start
/// to the word after the space it falls short of, the end back to the
/// last space before it, so a snippet never shows `…neer on the team` or
/// `Monday morni…`. A cut with no space in reach (one very long word)
/// stays where it is; the window keeps at least half its length, and
/// the start never passes `keep` (the first highlight).
fn on_word_bounds(text: &str, start: usize, end: usize, keep: usize) -> (usize, usize) {
    let mut half = start + (end - start) / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let mut start_at = start;
    if start > 0 && !text[..start].ends_with(char::is_whitespace) {
        let reach = half.min(keep.max(start));
        if let Some(space) = text[start..reach].find(char::is_whitespace) {
            let after = &text[start + space..];
            start_at = start + space + (after.len() - after.trim_start().len());
        }
    }
    let mut end_at = end;
    if end < text.len() && !text[end..].starts_with(char::is_whitespace) {
        if let Some(space) = text[half.max(start_at)..end].rfind(char::is_whitespace) {
            end_at = half.max(start_at) + space;
        }
    }
    let end_at = start_at + text[start_at..end_at].trim_end().len();
    (start_at, end_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_the_first_two_letters_of_their_word() {
        let mut analyzer = Analyzer::new();
        let words = [
            "happy",
            "happily",
            "agreed",
            "generously",
            "skies",
            "news",
            "ugly",
            "early",
            "only",
            "idly",
            "gently",
            "singly",
            "cries",
            "ties",
            "communism",
            "arsenal",
            "yelling",
            "yes",
            "axes",
            "owed",
            "reliability",
            "prioritisation",
            "an",
            "i",
        ];
        // The second list: words whose stems change their second letter.
        for word in words
            .into_iter()
            .chain(["dying", "lying", "tying", "vying", "hying"])
        {
            let stem = analyzer.stem(word);
            let matcher = StemMatcher::new(std::slice::from_ref(&stem));
            assert_eq!(
                matcher.find(&mut analyzer, word),
                Some(0),
                "{word} -> {stem}"
            );
        }
    }

    #[test]
    fn a_story_found_by_its_meaning_shows_its_closest_sentence() {
        let mut analyzer = Analyzer::new();
        let lexicon = Lexicon::builtin(&mut analyzer);
        let question = "Ever fired off a message you wished you could take back?";
        // As analysis leaves it when no word or concept of the question
        // is in the story: only its vector.
        let q = AnalyzedQuestion {
            passage_vector: semantic::Model::builtin().embed(question),
            ..AnalyzedQuestion::default()
        };
        let part = |name, text: &str| (name, text.to_string());
        let hit = Hit {
            address: tantivy::DocAddress::new(0, 0),
            score: 1.0,
            key: "s".into(),
            id: "s".into(),
            title: "Stock counts".into(),
            competencies: Vec::new(),
            tags: Vec::new(),
            questions: Vec::new(),
            parts: vec![
                part("situation", "I ran the stock room of a garden centre."),
                part("task", "The weekly count took a whole day."),
                part(
                    "action",
                    "I rebuilt the count sheet for the night shift. I wrote our packaging \
                     supplier a furious email about a late delivery, and rang the next \
                     morning to apologise.",
                ),
                part("result", "Counts took half the time."),
            ],
            spans: Vec::new(),
            semantic: 0.0,
            theme_fit: 0.0,
            passages: 0.0,
            exact: 0.0,
            contributions: Vec::new(),
        };
        let why = why(&mut analyzer, &lexicon, &q, &hit);
        assert_eq!(why.snippet.part, "action");
        assert!(
            why.snippet
                .text
                .starts_with("I wrote our packaging supplier"),
            "{}",
            why.snippet.text
        );
        // Without a question vector, the first sentence as before.
        let why_not = super::why(&mut analyzer, &lexicon, &AnalyzedQuestion::default(), &hit);
        assert_eq!(
            why_not.snippet.text,
            "I ran the stock room of a garden centre."
        );
    }

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
        // Cut between words, never inside one.
        let text = format!(
            "{}the needle sat there {}",
            "engineering ".repeat(30),
            "monday ".repeat(40)
        );
        let at = text.find("needle").unwrap();
        let s = shorten(Snippet {
            part: "action",
            text: text.clone(),
            highlights: vec![(at, at + 6)],
        });
        // Multi-byte letters: cuts stay on character boundaries.
        for pad in ["é", "éa", "日本語 "] {
            let text = format!("{} needle {}", pad.repeat(90), "ñ".repeat(150));
            let at = text.find("needle").unwrap();
            let cut = shorten(Snippet {
                part: "action",
                text: text.clone(),
                highlights: vec![(at, at + 6)],
            });
            let (a, b) = cut.highlights[0];
            assert_eq!(&cut.text[a..b], "needle");
        }
        let inner = s.text.trim_start_matches('…').trim_end_matches('…');
        assert!(inner.starts_with("engineering "), "{}", s.text);
        assert!(inner.ends_with(" monday"), "{}", s.text);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "needle");
    }
}
