//! Question-aware ranking: a pasted question becomes a set of independent
//! signals, each a tantivy query with a weight, summed into one score.
//!
//! Every signal can explain its own contribution to a hit (`query --explain`)
//! and can be switched off (`eval --without`), which is how each one earns its
//! place in the ablation table of `docs/ranking.md`.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::columnar::BytesColumn;
use tantivy::query::{
    BooleanQuery, BoostQuery, EnableScoring, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::DocSet;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};
use unicode_segmentation::UnicodeSegmentation;

use super::analysis::{
    boilerplate_mask, boilerplate_phrases, is_stop_word, question_key, Analyzer, Word, BOILERPLATE,
    STOP_WORDS,
};
use super::index::{Fields, SEMANTIC_FIELD};
use super::lexicon::{within_distance, Lexicon};
use super::semantic;
use super::spans::{self, Source, Span};
use super::themes;

/// Questions longer than this are cut: the first few hundred words say what is asked.
pub const MAX_QUESTION_WORDS: usize = 300;

/// Fewest words of the asking sentences kept of a question longer than
/// [`MAX_QUESTION_WORDS`]: a shorter ask keeps the sentence before it.
const MIN_ASK_WORDS: usize = 8;

/// `could'nt`, `did\u{2019}nt` -> `couldn't`, `didn\u{2019}t`: a
/// negation typed with its apostrophe one letter early, which would split
/// into `could` and `nt` and miss every phrase with `couldn't` in it.
fn apostrophe_in_place(question: &str) -> std::borrow::Cow<'_, str> {
    if !question.contains("'nt") && !question.contains("\u{2019}nt") {
        return std::borrow::Cow::Borrowed(question);
    }
    let mut out = String::with_capacity(question.len());
    let mut rest = question;
    while let Some(at) = rest.find(['\'', '\u{2019}']) {
        let quote = rest[at..].chars().next().unwrap_or('\'');
        let after = &rest[at + quote.len_utf8()..];
        let moved = rest[..at].ends_with(|c: char| c.is_alphabetic())
            && after.starts_with("nt")
            && !after[2..].starts_with(|c: char| c.is_alphanumeric());
        out.push_str(&rest[..at]);
        if moved {
            out.push('n');
            out.push(quote);
            out.push('t');
            rest = &after[2..];
        } else {
            out.push(quote);
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// One ranking signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signal {
    /// BM25 of the question's words against the story's tagged questions.
    Questions,
    /// BM25 against the title.
    Title,
    /// BM25 against competencies and tags.
    Labels,
    /// BM25 against the Situation/Task/Action/Result/learning prose.
    Body,
    /// Concepts of the question found among the story's tagged concepts
    /// (title, questions, competencies, tags): competency inference.
    Competency,
    /// Concepts of the question found in the story's prose.
    ConceptText,
    /// Concepts inferred from the nearest labelled questions of the built-in
    /// question bank, matched like `Competency`.
    Bank,
    /// Concepts the built-in theme classifier ([`super::themes`]) reads in
    /// the question's semantic vector, beyond those its words name, each
    /// weighted by its probability and matched like `Competency` (and, at
    /// [`THEMES_TEXT_BOOST`], like `ConceptText`): "a one-line request and
    /// no details" names no form of `ambiguity` but is about it.
    Themes,
    /// Other surface forms of the question's concepts, at a lower weight.
    Expansion,
    /// Pairs of question words found close together.
    Phrase,
    /// Misspelled question words matched to the nearest indexed word.
    Fuzzy,
    /// Re-ranks the best candidates by how many of the question's concepts
    /// one single tagged question (or the title) of the story covers: "a
    /// conflict with your manager" prefers the story tagged "disagreed with
    /// your manager" over one with a conflict in one place and a manager in
    /// another. Off by default (weight 0): `Semantic` covers it.
    Focus,
    /// Closeness of the question to the story's vector in the built-in
    /// semantic model ([`super::semantic`]; title, tagged questions and
    /// competencies, and title with prose): catches
    /// paraphrases that share neither words nor concepts. Adds
    /// `weight x best candidate's score x z-score of the cosine` among the
    /// best [`SEMANTIC_DEPTH`] candidates, discounted for a small pool
    /// (see [`relative`]).
    Semantic,
    /// The question is one the story is tagged with, up to interview
    /// phrasing, word order, inflection and small words (the same
    /// [`question_key`]): "Describe a time when you failed" and the tagged
    /// "Tell me about a time you failed." A story tagged with the very
    /// question asked is the one its owner prepared for it. Adds
    /// `weight x best candidate's score` to each such story among the
    /// candidates.
    Exact,
    /// How well the themes the classifier reads in the story's semantic
    /// vector agree with those it reads in the question's (the
    /// Bhattacharyya coefficient of the two distributions over concepts):
    /// a bare story about a vague brief is about `ambiguity` even when its
    /// words say so in no listed form. Re-ranks like `Semantic`.
    ThemeFit,
    /// Closeness of the question to the closest sentences of the story
    /// (the mean cosine of the [`semantic::BEST_PASSAGES`] nearest sentence
    /// vectors, computed at index time) in the same model as `Semantic`:
    /// a question about one moment of a story ("a message to a partner you
    /// later regretted") points at the sentence that tells it, where the
    /// story's vector is the mean of everything it says. Re-ranks like
    /// `Semantic`.
    Passages,
}

impl Signal {
    pub const ALL: [Signal; 16] = [
        Signal::Questions,
        Signal::Title,
        Signal::Labels,
        Signal::Body,
        Signal::Competency,
        Signal::ConceptText,
        Signal::Bank,
        Signal::Themes,
        Signal::Expansion,
        Signal::Phrase,
        Signal::Fuzzy,
        Signal::Focus,
        Signal::Semantic,
        Signal::Exact,
        Signal::ThemeFit,
        Signal::Passages,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Signal::Questions => "questions",
            Signal::Title => "title",
            Signal::Labels => "labels",
            Signal::Body => "body",
            Signal::Competency => "competency",
            Signal::ConceptText => "concept-text",
            Signal::Bank => "bank",
            Signal::Themes => "themes",
            Signal::Expansion => "expansion",
            Signal::Phrase => "phrase",
            Signal::Fuzzy => "fuzzy",
            Signal::Focus => "focus",
            Signal::Semantic => "semantic",
            Signal::Exact => "exact",
            Signal::ThemeFit => "theme-fit",
            Signal::Passages => "passages",
        }
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Signal {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Signal::ALL
            .into_iter()
            .find(|sig| sig.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Signal::ALL.iter().map(|s| s.name()).collect();
                format!("unknown signal `{s}`: expected one of {}", names.join(", "))
            })
    }
}

/// Weights of the signals and of the prose fields inside [`Signal::Body`].
#[derive(Debug, Clone)]
pub struct Weights {
    pub questions: f32,
    pub title: f32,
    pub labels: f32,
    pub body: f32,
    pub competency: f32,
    pub concept_text: f32,
    pub bank: f32,
    pub themes: f32,
    pub expansion: f32,
    pub phrase: f32,
    pub fuzzy: f32,
    /// Relative: a story whose tagged question covers all the question's
    /// concepts scores `1 + focus` times its other signals.
    pub focus: f32,
    /// Relative to the best candidate's score, per standard deviation of
    /// semantic closeness among the candidates.
    pub semantic: f32,
    /// Like `semantic`, per standard deviation of theme agreement.
    pub theme_fit: f32,
    /// Like `semantic`, per standard deviation of closeness to the story's
    /// nearest sentences.
    pub passages: f32,
    /// Relative to the best candidate's score, for a story tagged with the
    /// question asked.
    pub exact: f32,
    /// Situation, task, action, result, learning.
    pub body_fields: [f32; 5],
}

impl Default for Weights {
    fn default() -> Self {
        // Coordinate search on six tune splits, including 360 questions
        // over bare stories (docs/ranking.md, "Weights").
        Weights {
            questions: 2.25,
            title: 0.4,
            labels: 0.75,
            body: 0.93,
            competency: 4.65,
            concept_text: 2.6,
            bank: 0.5,
            themes: 4.65,
            expansion: 0.075,
            phrase: 1.33,
            fuzzy: 0.5,
            // Off by default since `semantic` arrived: both reward a story
            // whose tagged question says what the question says, and with
            // both on, `focus` cost two questions on set 2 (docs/ranking.md).
            // `--weight focus=0.2` brings it back.
            focus: 0.0,
            semantic: 0.15,
            theme_fit: 0.15,
            passages: 0.15,
            exact: 2.0,
            body_fields: [1.0, 1.0, 0.8, 0.7, 0.5],
        }
    }
}

impl Weights {
    /// Sets one signal's weight.
    pub fn set(&mut self, signal: Signal, weight: f32) {
        let slot = match signal {
            Signal::Questions => &mut self.questions,
            Signal::Title => &mut self.title,
            Signal::Labels => &mut self.labels,
            Signal::Body => &mut self.body,
            Signal::Competency => &mut self.competency,
            Signal::ConceptText => &mut self.concept_text,
            Signal::Bank => &mut self.bank,
            Signal::Themes => &mut self.themes,
            Signal::Expansion => &mut self.expansion,
            Signal::Phrase => &mut self.phrase,
            Signal::Fuzzy => &mut self.fuzzy,
            Signal::Focus => &mut self.focus,
            Signal::Semantic => &mut self.semantic,
            Signal::ThemeFit => &mut self.theme_fit,
            Signal::Passages => &mut self.passages,
            Signal::Exact => &mut self.exact,
        };
        *slot = weight;
    }

    pub fn of(&self, signal: Signal) -> f32 {
        match signal {
            Signal::Questions => self.questions,
            Signal::Title => self.title,
            Signal::Labels => self.labels,
            Signal::Body => self.body,
            Signal::Competency => self.competency,
            Signal::ConceptText => self.concept_text,
            Signal::Bank => self.bank,
            Signal::Themes => self.themes,
            Signal::Expansion => self.expansion,
            Signal::Phrase => self.phrase,
            Signal::Fuzzy => self.fuzzy,
            Signal::Focus => self.focus,
            Signal::Semantic => self.semantic,
            Signal::ThemeFit => self.theme_fit,
            Signal::Passages => self.passages,
            Signal::Exact => self.exact,
        }
    }
}

/// A question after analysis: what is left to match once the boilerplate is gone.
#[derive(Debug, Clone, Default)]
pub struct AnalyzedQuestion {
    pub words: Vec<Word>,
    /// Indices into `words` of the words that carry meaning.
    pub content: Vec<usize>,
    /// Distinct stems of the content words, in question order.
    pub stems: Vec<String>,
    /// Weight of each of `stems`: 1 in the sentence that asks, less in the
    /// scene-setting around it (see [`ask_weights`]).
    pub stem_weights: Vec<f32>,
    /// Distinct concepts of the question, in question order.
    pub concepts: Vec<usize>,
    /// Weight of each of `concepts`, like `stem_weights`.
    pub concept_weights: Vec<f32>,
    /// Concepts inferred from similar labelled questions (not in `concepts`).
    pub inferred: Vec<usize>,
    /// Concepts the theme classifier reads in the question (not in
    /// `concepts`), most likely first.
    pub themes: Vec<usize>,
    /// Probability of each of `themes`.
    pub theme_weights: Vec<f32>,
    /// The question's vector in the built-in semantic model.
    pub vector: Option<Vec<f32>>,
    /// The same vector, for [`Signal::Passages`] (absent when that signal
    /// is off).
    pub passage_vector: Option<Vec<f32>>,
    /// Square roots of the theme classifier's distribution for the
    /// question, for [`Signal::ThemeFit`].
    pub theme_roots: Option<Vec<f32>>,
    /// [`question_key`] of the question: what it asks, as the key of a
    /// tagged question that asks the same.
    pub key: Option<String>,
    /// The question was longer than [`MAX_QUESTION_WORDS`] and was cut.
    pub truncated: bool,
    /// Words the semantic model read as another, one letter away, as
    /// (typed, read as): "freind" -> "friend".
    pub typos: Vec<(String, String)>,
    /// Misspelled concept words as (the word's stem, the stem of the
    /// lexicon form it is a slip of): "maneger" -> "manager". Words the
    /// index does not know are searched as the form instead.
    pub corrections: Vec<(String, String)>,
}

impl AnalyzedQuestion {
    /// Nothing but boilerplate and stop words: no story can be said to fit.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.concepts.is_empty()
    }

    /// The words that carry meaning as the question wrote them ("clashed",
    /// not the stem "clash"), once each, in question order: for showing to
    /// a user. `question` is the text this was analysed from.
    pub fn content_words<'q>(&self, question: &'q str) -> Vec<&'q str> {
        let mut seen: Vec<&str> = Vec::new();
        let mut shown = Vec::new();
        for &i in &self.content {
            let word = &self.words[i];
            if seen.contains(&word.stem.as_str()) {
                continue;
            }
            if let Some(text) = question.get(word.start..word.end) {
                seen.push(&word.stem);
                shown.push(text);
            }
        }
        shown
    }
}

/// What one signal added to one hit's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub signal: Signal,
    pub score: f32,
}

/// One ranked story, with what is needed to show it and say why it fits.
#[derive(Debug, Clone)]
pub struct Hit {
    pub address: DocAddress,
    pub score: f32,
    pub key: String,
    pub id: String,
    pub title: String,
    pub competencies: Vec<String>,
    pub tags: Vec<String>,
    pub questions: Vec<String>,
    /// (part name, text) for situation, task, action, result.
    pub parts: Vec<(&'static str, String)>,
    /// Where concepts occur in the texts above (from the index).
    pub spans: Vec<Span>,
    /// What [`Signal::Semantic`] added (negative: it took away).
    pub semantic: f32,
    /// What [`Signal::ThemeFit`] added (negative: it took away).
    pub theme_fit: f32,
    /// What [`Signal::Passages`] added (negative: it took away).
    pub passages: f32,
    /// What [`Signal::Exact`] added.
    pub exact: f32,
    /// Filled by [`Ranker::explain`] only.
    pub contributions: Vec<Contribution>,
}

/// Ranks stories for questions. Build one per process and reuse it.
pub struct Ranker {
    pub analyzer: Analyzer,
    pub lexicon: Lexicon,
    pub weights: Weights,
    pub disabled: HashSet<Signal>,
    fields: Fields,
}

impl Ranker {
    pub fn new(analyzer: Analyzer, lexicon: Lexicon, fields: Fields) -> Ranker {
        Ranker {
            analyzer,
            lexicon,
            weights: Weights::default(),
            disabled: HashSet::new(),
            fields,
        }
    }

    /// A question pasted with more than [`MAX_QUESTION_WORDS`] words of
    /// context (a job advert, a company blurb) usually asks at its end:
    /// the last sentence that asks (ends with `?` or holds interview
    /// phrasing), with the asking sentences right before it (hundreds of
    /// words of blurb, even read at the scene-setting weight, outweigh a
    /// short ask). A long text that asks nothing is left whole (its first
    /// words are read).
    fn ask_window<'q>(&mut self, question: &'q str) -> std::borrow::Cow<'q, str> {
        use std::borrow::Cow;
        if question.unicode_words().nth(MAX_QUESTION_WORDS).is_none() {
            return Cow::Borrowed(question);
        }
        let sentences: Vec<(usize, &str)> = question
            .split_sentence_bound_indices()
            .filter(|(_, s)| !s.trim().is_empty())
            .collect();
        let phrases = boilerplate_phrases();
        let mut asks = |s: &str| {
            s.trim_end().ends_with('?') || {
                let words = self.analyzer.words_limited(s, MAX_QUESTION_WORDS);
                boilerplate_mask(&words, phrases).iter().any(|&m| m)
            }
        };
        let Some(last) = sentences.iter().rposition(|&(_, s)| asks(s)) else {
            return Cow::Borrowed(question);
        };
        // The asking sentences before it too ("Tell me about a time you
        // failed. What did you learn?"), and the sentence before an ask
        // too short to say anything ("We lost the bid. Ever had that?").
        let mut first = last;
        let mut count = sentences[last].1.unicode_words().count();
        while first > 0 {
            let before = sentences[first - 1].1;
            let words = before.unicode_words().count();
            if count + words > MAX_QUESTION_WORDS || !(count < MIN_ASK_WORDS || asks(before)) {
                break;
            }
            count += words;
            first -= 1;
        }
        let (start, end) = (
            sentences[first].0,
            sentences[last].0 + sentences[last].1.len(),
        );
        if start == 0 && end == question.len() {
            return Cow::Borrowed(question);
        }
        Cow::Owned(question[start..end].to_string())
    }

    /// Splits a question into words, drops the boilerplate and stop words,
    /// and finds its concepts (tolerating typos of concept words).
    pub fn analyze(&mut self, question: &str) -> AnalyzedQuestion {
        let question = &apostrophe_in_place(question);
        let window = self.ask_window(question);
        let windowed = matches!(window, std::borrow::Cow::Owned(_));
        let question = &*window;
        let mut words = self
            .analyzer
            .words_limited(question, MAX_QUESTION_WORDS + 1);
        let truncated = windowed || words.len() > MAX_QUESTION_WORDS;
        words.truncate(MAX_QUESTION_WORDS);
        let mask = boilerplate_mask(&words, boilerplate_phrases());
        let content: Vec<usize> = (0..words.len())
            .filter(|&i| !mask[i] && !is_stop_word(&words[i].raw))
            .collect();
        let weight = ask_weights(question, &words, &mask);
        let key = question_key(&words, &mask);
        let mut stems: Vec<String> = Vec::new();
        let mut stem_weights: Vec<f32> = Vec::new();
        for &i in &content {
            add_weighted(&mut stems, &mut stem_weights, &words[i].stem, weight[i]);
        }
        let hits = self.lexicon.detect(&words, &mask);
        let mut concepts: Vec<usize> = Vec::new();
        let mut concept_weights: Vec<f32> = Vec::new();
        let mut covered = vec![false; words.len()];
        for hit in &hits {
            covered[hit.start..hit.start + hit.len]
                .iter_mut()
                .for_each(|c| *c = true);
            // One phrase is one piece of evidence: when it is a form of
            // several concepts ("say no" is `pushback` and `prioritisation`),
            // they share its weight, so it cannot outweigh a word that
            // names one concept ("manager") two to one.
            let sharing = hits
                .iter()
                .filter(|h| h.start == hit.start && h.len == hit.len)
                .count()
                .max(1) as f32;
            add_weighted(
                &mut concepts,
                &mut concept_weights,
                &hit.concept,
                weight[hit.start] / sharing,
            );
        }
        let mut corrections: Vec<(String, String)> = Vec::new();
        for &i in &content {
            if !covered[i] {
                let forms = self.lexicon.typo_forms(&words[i].raw);
                if let Some(&(_, stem)) = forms.first() {
                    corrections.push((words[i].stem.clone(), stem.to_string()));
                }
                for (c, _) in forms {
                    add_weighted(&mut concepts, &mut concept_weights, &c, weight[i]);
                }
            }
        }
        let inferred = self
            .lexicon
            .infer(&stems)
            .into_iter()
            .filter(|&(c, w)| w >= 0.5 && !concepts.contains(&c))
            .map(|(c, _)| c)
            .collect();
        let reads_vector = [
            Signal::Semantic,
            Signal::Themes,
            Signal::ThemeFit,
            Signal::Passages,
        ]
        .iter()
        .any(|s| !self.disabled.contains(s));
        // Typos read as the words meant ("freind" as "friend"), for the
        // model's vector: a misspelt word is pieces of nothing.
        let model = semantic::Model::builtin();
        // What each word inside a concept's form names alone, read once for
        // the typo reading and the shadowed concepts below.
        let mut alone: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for hit in &hits {
            for k in hit.start..hit.start + hit.len {
                alone.entry(k).or_insert_with(|| {
                    self.lexicon
                        .detect(&words[k..k + 1], &[false])
                        .iter()
                        .map(|h| h.concept)
                        .collect()
                });
            }
        }
        let (read_as, typos) = if reads_vector {
            // Words that are lexicon forms themselves ("humility"), not
            // words filling a form's slot ("collegue" in "gave a collegue
            // feedback", which may be a typo).
            let named: HashSet<String> = alone
                .iter()
                .filter(|(_, concepts)| !concepts.is_empty())
                .map(|(&k, _)| words[k].raw.to_lowercase())
                .collect();
            model.corrected_keeping(question, |w| named.contains(w))
        } else {
            (String::new(), Vec::new())
        };
        let question_vector = if reads_vector {
            model.embed(&read_as)
        } else {
            None
        };
        // The classifier's reading of the question, once for both uses.
        let predicted = question_vector
            .as_deref()
            .filter(|_| !self.disabled.contains(&Signal::Themes))
            .map(|v| themes::Classifier::builtin().predict(v));
        // A word the lexicon read inside a longer form of another concept
        // ("feedback" in "customer feedback") is not its own concept, for
        // the classifier either: the phrase decided the reading.
        let mut shadowed: Vec<usize> = Vec::new();
        for hit in hits.iter().filter(|h| h.len > 1) {
            for k in hit.start..hit.start + hit.len {
                for &concept in alone.get(&k).into_iter().flatten() {
                    if concept != hit.concept && !concepts.contains(&concept) {
                        shadowed.push(concept);
                    }
                }
            }
        }
        let mut named = concepts.clone();
        named.extend(shadowed);
        let (themes, theme_weights) = match &predicted {
            Some(predicted) => self.themes(predicted, &named),
            None => (Vec::new(), Vec::new()),
        };
        // A concept the question's words name but its meaning does not bear
        // out counts less: "happy sheets" names `morale` to the lexicon,
        // while the classifier reads training evaluation. (Part of the
        // `themes` signal, so `--without themes` switches it off too.)
        if let Some(predicted) = &predicted {
            for (&c, weight) in concepts.iter().zip(concept_weights.iter_mut()) {
                let name = self.lexicon.name(c);
                // User concepts have no classifier weights: left as they are.
                if let Some(&(_, p)) = predicted.iter().find(|(n, _)| *n == name) {
                    *weight *= CONFIRM_FLOOR + (1.0 - CONFIRM_FLOOR) * (p / CONFIRM_AT).min(1.0);
                }
            }
        }
        let theme_roots = question_vector
            .as_deref()
            .filter(|_| !self.disabled.contains(&Signal::ThemeFit))
            .and_then(|v| themes::Classifier::builtin().roots(v));
        let passage_vector = question_vector
            .clone()
            .filter(|_| !self.disabled.contains(&Signal::Passages));
        let vector = question_vector.filter(|_| !self.disabled.contains(&Signal::Semantic));
        AnalyzedQuestion {
            words,
            content,
            stems,
            stem_weights,
            concepts,
            concept_weights,
            inferred,
            themes,
            theme_weights,
            vector,
            passage_vector,
            theme_roots,
            key,
            truncated,
            typos,
            corrections,
        }
    }

    /// The concepts the theme classifier gives at least [`MIN_THEME`] and
    /// half the best concept's probability, leaving out those the
    /// question's words name, with their probabilities. A concept the bank
    /// also infers counts in both signals: two pieces of evidence, one from
    /// shared words with labelled questions, one from the vector. (Leaving
    /// it out of `themes` scored the same on the tune splits.)
    fn themes(&self, predicted: &[(&str, f32)], named: &[usize]) -> (Vec<usize>, Vec<f32>) {
        let best = predicted.first().map_or(0.0, |p| p.1);
        let mut concepts = Vec::new();
        let mut weights = Vec::new();
        for &(name, p) in predicted {
            if p < MIN_THEME || p < best / 2.0 {
                break;
            }
            if let Some(c) = self.lexicon.find(name).filter(|c| !named.contains(c)) {
                concepts.push(c);
                weights.push(p);
            }
        }
        (concepts, weights)
    }

    /// The query of each enabled signal that has something to match, unweighted.
    pub fn signal_queries(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
    ) -> Vec<(Signal, Box<dyn Query>)> {
        let f = &self.fields;
        let w = &self.weights;
        let mut out: Vec<(Signal, Box<dyn Query>)> = Vec::new();
        let mut push = |signal: Signal, clauses: Vec<Box<dyn Query>>| {
            if !clauses.is_empty() && !self.disabled.contains(&signal) {
                out.push((signal, Box::new(BooleanQuery::union(clauses))));
            }
        };
        let weighted = |fields: &[(Field, f32)], stems: &[String], weights: &[f32]| {
            let mut clauses: Vec<Box<dyn Query>> = Vec::new();
            for (i, stem) in stems.iter().enumerate() {
                let weight = weights.get(i).copied().unwrap_or(1.0);
                for &(field, boost) in fields {
                    let query = TermQuery::new(
                        Term::from_field_text(field, stem),
                        IndexRecordOption::WithFreqs,
                    );
                    clauses.push(boosted(Box::new(query), boost * weight));
                }
            }
            clauses
        };
        let terms = |fields: &[(Field, f32)], stems: &[String]| weighted(fields, stems, &[]);
        // The fields of the story's own words, for typos, phrases and fuzzy.
        // A misspelled concept word the index does not know is searched as
        // the word it is a slip of ("maneger" as "manager").
        let text_fields = [
            f.questions,
            f.title,
            f.situation,
            f.task,
            f.action,
            f.result,
        ];
        let mut stems = q.stems.clone();
        let mut stem_weights = q.stem_weights.clone();
        let mut corrected: Vec<&str> = Vec::new();
        for (typo, form) in &q.corrections {
            let Some(i) = q.stems.iter().position(|s| s == typo) else {
                continue;
            };
            if doc_freq(searcher, &text_fields, typo) == 0 {
                corrected.push(typo);
                let weight = q.stem_weights.get(i).copied().unwrap_or(1.0);
                add_weighted(&mut stems, &mut stem_weights, form, weight);
            }
        }
        let question_terms = |fields: &[(Field, f32)]| weighted(fields, &stems, &stem_weights);
        let body: Vec<(Field, f32)> = f.body().into_iter().zip(w.body_fields).collect();

        push(Signal::Questions, question_terms(&[(f.questions, 1.0)]));
        push(Signal::Title, question_terms(&[(f.title, 1.0)]));
        push(
            Signal::Labels,
            question_terms(&[(f.competencies, 1.0), (f.tags, 0.7)]),
        );
        push(Signal::Body, question_terms(&body));

        let concept_names = self.lexicon.names_of(&q.concepts);
        push(
            Signal::Competency,
            weighted(
                &[(f.concepts_tagged, 1.0)],
                &concept_names,
                &q.concept_weights,
            ),
        );
        push(
            Signal::ConceptText,
            weighted(
                &[(f.concepts_text, 1.0)],
                &concept_names,
                &q.concept_weights,
            ),
        );
        push(
            Signal::Themes,
            weighted(
                &[
                    (f.concepts_tagged, 1.0),
                    (f.concepts_text, THEMES_TEXT_BOOST),
                ],
                &self.lexicon.names_of(&q.themes),
                &q.theme_weights,
            ),
        );
        let inferred_names = self.lexicon.names_of(&q.inferred);
        push(
            Signal::Bank,
            terms(
                &[(f.concepts_tagged, 1.0), (f.concepts_text, 0.5)],
                &inferred_names,
            ),
        );

        // Expansion: the other one-word forms of the question's concepts that
        // the index knows, capped so a broad concept cannot flood the query.
        let mut expansion: Vec<String> = Vec::new();
        for &c in &q.concepts {
            let mut added = 0;
            for stem in self.lexicon.word_stems(c) {
                if added >= 12 {
                    break;
                }
                if q.stems.iter().any(|s| s == stem) || expansion.iter().any(|s| s == stem) {
                    continue;
                }
                if doc_freq(searcher, &[f.questions, f.title], stem) > 0 {
                    expansion.push(stem.to_string());
                    added += 1;
                }
            }
        }
        let mut expansion_fields = vec![(f.questions, 1.0), (f.title, 1.0)];
        expansion_fields.extend(body.iter().map(|&(field, b)| (field, b * 0.5)));
        push(Signal::Expansion, terms(&expansion_fields, &expansion));

        // Phrase: consecutive content words, allowing a few words between them.
        let mut phrases: Vec<Box<dyn Query>> = Vec::new();
        let asked = |stem: &String| {
            q.stems
                .iter()
                .position(|s| s == stem)
                .and_then(|i| q.stem_weights.get(i))
                .is_none_or(|&w| w >= 1.0)
        };
        for pair in q.content.windows(2) {
            let (a, b) = (&q.words[pair[0]].stem, &q.words[pair[1]].stem);
            // Pairs in the scene-setting of a long question are left out:
            // they add many queries and little signal.
            if a == b || !asked(a) || !asked(b) {
                continue;
            }
            for field in text_fields {
                let phrase = PhraseQuery::new_with_offset_and_slop(
                    vec![
                        (0, Term::from_field_text(field, a)),
                        (1, Term::from_field_text(field, b)),
                    ],
                    2,
                );
                phrases.push(Box::new(phrase));
            }
        }
        push(Signal::Phrase, phrases);

        // Fuzzy: only for words the index has never seen, long enough that a
        // one-letter slip is more likely than a different word. (Distance 2
        // would need tantivy's distance-2 automaton, whose one-off build costs
        // a one-shot query several milliseconds; concept words get distance 2
        // from the lexicon's own typo check.)
        let mut fuzzy: Vec<Box<dyn Query>> = Vec::new();
        let mut fuzzed: Vec<&str> = Vec::new();
        for word in q.content.iter().map(|&i| &q.words[i]) {
            let stem = &word.stem;
            let len = stem.chars().count();
            if len < 5
                || fuzzed.contains(&stem.as_str())
                || corrected.contains(&stem.as_str())
                || is_misspelled_filler(&word.raw)
            {
                continue;
            }
            fuzzed.push(stem);
            if doc_freq(searcher, &text_fields, stem) > 0 {
                continue;
            }
            for field in text_fields {
                let term = Term::from_field_text(field, stem);
                fuzzy.push(Box::new(FuzzyTermQuery::new(term, 1, true)));
            }
        }
        push(Signal::Fuzzy, fuzzy);
        out
    }

    /// The combined query: each signal boosted by its weight, summed.
    pub fn query(&self, searcher: &Searcher, q: &AnalyzedQuestion) -> Box<dyn Query> {
        let clauses: Vec<(Occur, Box<dyn Query>)> = self
            .signal_queries(searcher, q)
            .into_iter()
            .map(|(signal, query)| (Occur::Should, boosted(query, self.weights.of(signal))))
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The `k` best stories for an analysed question.
    pub fn search(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        k: usize,
    ) -> tantivy::Result<Vec<Hit>> {
        Ok(self
            .top(searcher, q, k)?
            .into_iter()
            .map(|r| {
                let mut hit = self.hit(r.address, r.score, &r.doc);
                hit.semantic = r.semantic;
                hit.theme_fit = r.theme_fit;
                hit.passages = r.passages;
                hit.exact = r.exact;
                hit
            })
            .collect())
    }

    /// Only the ids of the `k` best stories: what `eval` needs, without
    /// copying the other stored fields into [`Hit`]s.
    pub fn rank_ids(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        k: usize,
    ) -> tantivy::Result<Vec<String>> {
        Ok(self
            .top(searcher, q, k)?
            .into_iter()
            .map(|r| first_text(&r.doc, self.fields.id))
            .collect())
    }

    /// The `k` best stories with their scores, re-ranking contributions and
    /// stored fields; none for an empty question. The best candidates by the
    /// summed signals are re-ranked: [`Signal::Semantic`] and
    /// [`Signal::ThemeFit`] add to each (the first [`SEMANTIC_DEPTH`]) and
    /// [`Signal::Focus`] multiplies the summed score (the first
    /// [`RERANK_DEPTH`]).
    fn top(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        k: usize,
    ) -> tantivy::Result<Vec<Ranked>> {
        if q.is_empty() || k == 0 {
            return Ok(Vec::new());
        }
        let query = self.query(searcher, q);
        let focus = !self.disabled.contains(&Signal::Focus)
            && self.weights.focus != 0.0
            && q.concepts.len() >= 2;
        let semantic = q.vector.is_some() && self.weights.semantic != 0.0;
        let theme_fit = q.theme_roots.is_some() && self.weights.theme_fit != 0.0;
        let passages = q.passage_vector.is_some() && self.weights.passages != 0.0;
        let reads = Reads {
            semantic,
            theme_fit,
            passages,
        };
        let mut depth = k;
        if focus {
            depth = depth.max(RERANK_DEPTH);
        }
        if semantic || theme_fit || passages {
            depth = depth.max(SEMANTIC_DEPTH);
        }
        let candidates = searcher.search(&*query, &TopDocs::with_limit(depth).order_by_score())?;
        let [closeness, fit, near] = if semantic || theme_fit || passages {
            self.rerank_additions(searcher, q, &candidates, reads)?
        } else {
            [(); 3].map(|_| vec![0.0; candidates.len()])
        };
        let exact = self.exact_additions(searcher, q, &candidates)?;
        let added: Vec<f32> = (0..candidates.len())
            .map(|i| closeness[i] + fit[i] + near[i] + exact[i])
            .collect();
        let boost = if focus {
            1.0 + self.weights.focus.max(0.0)
        } else {
            1.0
        };
        // The most each candidate can reach, best first: once that is no
        // more than the k-th best final score so far, no later candidate can
        // make the top k either, so their stored fields are never loaded.
        let mut order: Vec<(f32, usize)> = candidates
            .iter()
            .zip(&added)
            .enumerate()
            .map(|(i, ((score, _), add))| (score * boost + add, i))
            .collect();
        order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut ranked: Vec<Ranked> = Vec::with_capacity(k + 1);
        let mut finals: Vec<f32> = Vec::with_capacity(k + 1);
        for (bound, i) in order {
            if finals.len() >= k && bound <= finals[k - 1] {
                break;
            }
            let (score, address) = candidates[i];
            let doc: TantivyDocument = searcher.doc(address)?;
            let lexical = if focus && i < RERANK_DEPTH {
                score * (1.0 + self.weights.focus * self.focus(q, &doc))
            } else {
                score
            };
            let total = lexical + added[i];
            let at = finals.partition_point(|&f| f >= total);
            finals.insert(at, total);
            ranked.push(Ranked {
                order: i,
                score: total,
                semantic: closeness[i],
                theme_fit: fit[i],
                passages: near[i],
                exact: exact[i],
                address,
                doc,
            });
        }
        // Stable on ties: equal scores keep tantivy's order.
        ranked.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.order.cmp(&b.order)));
        ranked.truncate(k);
        Ok(ranked)
    }

    /// What [`Signal::Semantic`], [`Signal::ThemeFit`] and
    /// [`Signal::Passages`] add to each candidate: each signal's weight
    /// times the best candidate's score times how many standard deviations
    /// the story's closeness to the question (cosine of the vectors;
    /// agreement of the themes read in them; cosine of the nearest
    /// sentences) lies above the candidates' mean. Relative, so that it
    /// means the same for a question that matches many words as for one
    /// that matches few. A signal that is off (false in `reads`) or has
    /// nothing to read adds 0, and costs nothing per candidate.
    fn rerank_additions(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        candidates: &[(f32, DocAddress)],
        reads: Reads,
    ) -> tantivy::Result<[Vec<f32>; 3]> {
        let classifier = themes::Classifier::builtin();
        let mut vectors = FastBytes::new(searcher, SEMANTIC_FIELD);
        let dim = semantic::Model::builtin().dim();
        let mut cosines: Vec<Option<f32>> = Vec::with_capacity(candidates.len());
        let mut fits: Vec<Option<f32>> = Vec::with_capacity(candidates.len());
        let mut nearest: Vec<Option<f32>> = Vec::with_capacity(candidates.len());
        for &(_, address) in candidates {
            // The story vector, then its sentence vectors.
            let value = vectors.get(searcher, address)?;
            let (packed, sentences) = value.split_at(dim.min(value.len()));
            cosines.push(
                q.vector
                    .as_deref()
                    .filter(|_| reads.semantic)
                    .and_then(|v| semantic::cosine(v, packed)),
            );
            fits.push(
                q.theme_roots
                    .as_deref()
                    .filter(|_| reads.theme_fit)
                    .and_then(|roots| {
                        let story = classifier.roots(&semantic::decode(packed)?)?;
                        Some(roots.iter().zip(&story).map(|(a, b)| a * b).sum())
                    }),
            );
            nearest.push(match q.passage_vector.as_deref() {
                Some(v) if reads.passages => semantic::passage_closeness(v, sentences),
                _ => None,
            });
        }
        let top = candidates.first().map_or(0.0, |c| c.0);
        let closeness = relative(&cosines, self.weights.semantic * top, MIN_SEMANTIC_SPREAD);
        let fit = relative(&fits, self.weights.theme_fit * top, MIN_THEME_FIT_SPREAD);
        let near = relative(&nearest, self.weights.passages * top, MIN_PASSAGE_SPREAD);
        Ok([closeness, fit, near])
    }

    /// What [`Signal::Exact`] adds to each candidate: its weight times the
    /// best candidate's score for a story with a tagged question of the
    /// same [`question_key`] as the question, 0 for the others. One term
    /// lookup, whatever the size of the corpus.
    fn exact_additions(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        candidates: &[(f32, DocAddress)],
    ) -> tantivy::Result<Vec<f32>> {
        let mut added = vec![0.0; candidates.len()];
        let Some(key) = q
            .key
            .as_deref()
            .filter(|_| self.weights.exact != 0.0 && !self.disabled.contains(&Signal::Exact))
        else {
            return Ok(added);
        };
        let term = Term::from_field_text(self.fields.question_keys, key);
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let tagged = searcher.search(&query, &DocSetCollector)?;
        if tagged.is_empty() {
            return Ok(added);
        }
        let top = candidates.first().map_or(0.0, |c| c.0);
        for (slot, (_, address)) in added.iter_mut().zip(candidates) {
            if tagged.contains(address) {
                *slot = self.weights.exact * top;
            }
        }
        Ok(added)
    }

    /// The largest share of the question's concepts (by weight) that one
    /// tagged question or the title of the story holds.
    fn focus(&self, q: &AnalyzedQuestion, doc: &TantivyDocument) -> f32 {
        let total: f32 = q.concept_weights.iter().sum();
        if total <= 0.0 {
            return 0.0;
        }
        let spans = self.stored_spans(doc);
        let mut best = 0.0f32;
        let mut sources: Vec<Source> = spans
            .iter()
            .map(|s| s.source)
            .filter(|s| matches!(s, Source::Title | Source::Question(_)))
            .collect();
        sources.dedup();
        for source in sources {
            let covered: f32 = q
                .concepts
                .iter()
                .zip(&q.concept_weights)
                .filter(|(c, _)| spans.iter().any(|s| s.source == source && s.concept == **c))
                .map(|(_, w)| w)
                .sum();
            best = best.max(covered / total);
        }
        best
    }

    /// Fills each hit's per-signal contributions (they add up to its score).
    pub fn explain(
        &self,
        searcher: &Searcher,
        q: &AnalyzedQuestion,
        hits: &mut [Hit],
    ) -> tantivy::Result<()> {
        for hit in hits.iter_mut() {
            hit.contributions.clear();
        }
        for (signal, query) in self.signal_queries(searcher, q) {
            let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
            let boost = self.weights.of(signal);
            for hit in hits.iter_mut() {
                let segment = searcher.segment_reader(hit.address.segment_ord);
                // A fresh scorer per hit: seeking backwards is not allowed, and
                // `Query::explain` trips over union scorers in tantivy 0.27.
                let mut scorer = weight.scorer(segment, 1.0)?;
                let target = hit.address.doc_id;
                if scorer.doc() < target {
                    scorer.seek(target);
                }
                if scorer.doc() == target {
                    let score = scorer.score() * boost;
                    if score > 0.0 {
                        hit.contributions.push(Contribution { signal, score });
                    }
                }
            }
        }
        // The re-ranking added the semantic part and multiplied the summed
        // signals; what the multiplication added is the rest.
        for hit in hits.iter_mut() {
            for (signal, score) in [
                (Signal::Semantic, hit.semantic),
                (Signal::ThemeFit, hit.theme_fit),
                (Signal::Passages, hit.passages),
                (Signal::Exact, hit.exact),
            ] {
                if score != 0.0 {
                    hit.contributions.push(Contribution { signal, score });
                }
            }
            let summed: f32 = hit.contributions.iter().map(|c| c.score).sum();
            let focus = hit.score - summed;
            if focus > 1e-3 * hit.score.max(1.0) {
                hit.contributions.push(Contribution {
                    signal: Signal::Focus,
                    score: focus,
                });
            }
        }
        Ok(())
    }

    /// The concept spans stored with a story (none for a damaged field).
    fn stored_spans(&self, doc: &TantivyDocument) -> Vec<Span> {
        doc.get_first(self.fields.spans)
            .and_then(|v| v.as_bytes())
            .map(spans::decode)
            .unwrap_or_default()
    }

    fn hit(&self, address: DocAddress, score: f32, doc: &TantivyDocument) -> Hit {
        let f = &self.fields;
        let all = |field: Field| -> Vec<String> {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        };
        Hit {
            address,
            score,
            key: first_text(doc, f.key),
            id: first_text(doc, f.id),
            title: first_text(doc, f.title),
            competencies: all(f.competencies),
            tags: all(f.tags),
            questions: all(f.questions),
            parts: vec![
                ("situation", first_text(doc, f.situation)),
                ("task", first_text(doc, f.task)),
                ("action", first_text(doc, f.action)),
                ("result", first_text(doc, f.result)),
            ],
            spans: self.stored_spans(doc),
            semantic: 0.0,
            theme_fit: 0.0,
            passages: 0.0,
            exact: 0.0,
            contributions: Vec::new(),
        }
    }
}

/// `scale` times the z-score of each value among the known ones (0 for an
/// unknown one, and for all when fewer than two are known), with `floor`
/// as the least spread that counts as one standard deviation: among a few
/// near-identical candidates a tiny difference must not count as several.
/// Among n candidates it counts n / (n + [`FEW_CANDIDATES`]): the z-scores
/// of two candidates are -1 and 1 whatever their difference, so a small
/// pool says less about how much closer one story is.
fn relative(values: &[Option<f32>], scale: f32, floor: f32) -> Vec<f32> {
    let known: Vec<f32> = values.iter().flatten().copied().collect();
    if known.len() < 2 || scale == 0.0 {
        return vec![0.0; values.len()];
    }
    let n = known.len() as f32;
    let mean = known.iter().sum::<f32>() / n;
    let var = known.iter().map(|c| (c - mean).powi(2)).sum::<f32>() / n;
    let scale = scale * n / (n + FEW_CANDIDATES) / var.sqrt().max(floor);
    values
        .iter()
        .map(|v| v.map_or(0.0, |v| scale * (v - mean)))
        .collect()
}

/// A question concept the theme classifier gives this probability or more
/// keeps its full weight; one it gives nothing keeps [`CONFIRM_FLOOR`] of
/// it, and the weight rises linearly between. Searched on the ten tune
/// splits (floors 0.3-0.7, points 0.05-0.5): the objective went from
/// 15.962 to 16.208.
const CONFIRM_AT: f32 = 0.2;
const CONFIRM_FLOOR: f32 = 0.5;

/// The least probability of a concept from the theme classifier that
/// [`Signal::Themes`] uses.
const MIN_THEME: f32 = 0.1;

/// The weight of [`Signal::Themes`] on concepts found in a story's prose,
/// relative to its tagged concepts: the ratio of the default weights of
/// `ConceptText` and `Competency`.
const THEMES_TEXT_BOOST: f32 = 0.56;

/// How many of the best candidates [`Signal::Focus`] re-ranks.
const RERANK_DEPTH: usize = 20;

/// How many of the best candidates [`Signal::Semantic`] re-ranks.
const SEMANTIC_DEPTH: usize = 50;

/// The least spread of semantic closeness among candidates that counts as
/// one standard deviation.
const MIN_SEMANTIC_SPREAD: f32 = 0.05;

/// How strongly a small pool of re-ranked candidates is discounted (see
/// [`relative`]).
const FEW_CANDIDATES: f32 = 4.0;

/// The least spread of theme agreement among candidates that counts as one
/// standard deviation.
const MIN_THEME_FIT_SPREAD: f32 = 0.05;

/// The least spread of closeness to the nearest sentences among candidates
/// that counts as one standard deviation.
const MIN_PASSAGE_SPREAD: f32 = 0.05;

/// Which re-ranking signals a question reads.
#[derive(Clone, Copy)]
struct Reads {
    semantic: bool,
    theme_fit: bool,
    passages: bool,
}

/// One bytes fast field of every segment, opened on first use, and the
/// bytes of the last document read.
struct FastBytes {
    field: &'static str,
    columns: Vec<Option<Option<BytesColumn>>>,
    buf: Vec<u8>,
}

impl FastBytes {
    fn new(searcher: &Searcher, field: &'static str) -> FastBytes {
        FastBytes {
            field,
            columns: vec![None; searcher.segment_readers().len()],
            buf: Vec::new(),
        }
    }

    /// The document's bytes; empty when it has none (or the index has no
    /// such field).
    fn get(&mut self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<&[u8]> {
        let slot = &mut self.columns[address.segment_ord as usize];
        if slot.is_none() {
            let reader = searcher.segment_reader(address.segment_ord);
            *slot = Some(reader.fast_fields().bytes(self.field)?);
        }
        self.buf.clear();
        let found = slot.as_ref().and_then(Option::as_ref).and_then(|column| {
            let ord = column.term_ords(address.doc_id).next()?;
            column.ord_to_bytes(ord, &mut self.buf).ok()?.then_some(())
        });
        if found.is_none() {
            self.buf.clear();
        }
        Ok(&self.buf)
    }
}

/// A candidate after re-ranking.
struct Ranked {
    /// Its place in tantivy's order, to break ties.
    order: usize,
    score: f32,
    semantic: f32,
    theme_fit: f32,
    passages: f32,
    exact: f32,
    address: DocAddress,
    doc: TantivyDocument,
}

/// Weight of scene-setting words in a long question, relative to the words
/// of the sentence that asks.
const CONTEXT_WEIGHT: f32 = 0.4;

/// How much each word of a question counts. Interviewers often set a scene
/// before they ask ("Our team owns checkout, and ... Tell me about a time
/// you ..."): when a question has several sentences and some of them ask
/// (they hold interview phrasing or end with "?"), the words of the others
/// count [`CONTEXT_WEIGHT`], unless the asking sentences have fewer than two
/// words of their own. Otherwise every word counts 1.
fn ask_weights(question: &str, words: &[Word], mask: &[bool]) -> Vec<f32> {
    let mut weights = vec![1.0; words.len()];
    let sentences: Vec<(usize, usize, bool)> = question
        .split_sentence_bound_indices()
        .filter(|(_, s)| !s.trim().is_empty())
        .map(|(at, s)| {
            let end = at + s.len();
            let boilerplate = words
                .iter()
                .zip(mask)
                .any(|(w, &m)| m && w.start >= at && w.end <= end);
            (at, end, boilerplate || s.trim_end().ends_with('?'))
        })
        .collect();
    let asking = sentences.iter().filter(|s| s.2).count();
    if sentences.len() < 2 || asking == 0 || asking == sentences.len() {
        return weights;
    }
    let asks = |w: &Word| {
        sentences
            .iter()
            .find(|&&(a, b, _)| w.start >= a && w.start < b)
            .is_none_or(|s| s.2)
    };
    // "We had an outage. Have you handled one?": the ask says nothing of
    // its own, so the scene is what is asked about.
    let asked_words = words
        .iter()
        .zip(mask)
        .filter(|&(w, &m)| !m && !is_stop_word(&w.raw) && asks(w))
        .count();
    if asked_words < 2 {
        return weights;
    }
    for (w, weight) in words.iter().zip(&mut weights) {
        if !asks(w) {
            *weight = CONTEXT_WEIGHT;
        }
    }
    weights
}

/// Adds `item` with `weight`, or raises the weight it already has.
fn add_weighted<T: PartialEq + Clone>(
    items: &mut Vec<T>,
    weights: &mut Vec<f32>,
    item: &T,
    weight: f32,
) {
    match items.iter().position(|x| x == item) {
        Some(i) => weights[i] = weights[i].max(weight),
        None => {
            items.push(item.clone());
            weights.push(weight);
        }
    }
}

/// A slip of a filler word ("desribe", "hapened", "exemple"): left to the
/// fuzzy signal it would match every story that uses the real word.
fn is_misspelled_filler(raw: &str) -> bool {
    let near = |filler: &str| {
        filler.len() >= 5
            && filler.len().abs_diff(raw.len()) <= 1
            && within_distance(filler, raw, 1)
    };
    raw.len() >= 5
        && !is_stop_word(raw)
        && (STOP_WORDS.iter().any(|w| near(w))
            || BOILERPLATE.iter().flat_map(|p| p.split(' ')).any(near))
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

fn first_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn doc_freq(searcher: &Searcher, fields: &[Field], stem: &str) -> u64 {
    fields
        .iter()
        .map(|&field| {
            searcher
                .doc_freq(&Term::from_field_text(field, stem))
                .unwrap_or(0)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_early_apostrophe_in_a_negation_is_moved() {
        assert_eq!(
            apostrophe_in_place("two people who could'nt get along"),
            "two people who couldn't get along"
        );
        assert_eq!(
            apostrophe_in_place("it did\u{2019}nt work"),
            "it didn\u{2019}t work"
        );
        assert_eq!(
            apostrophe_in_place("the 'nth time, don't"),
            "the 'nth time, don't"
        );
        assert_eq!(apostrophe_in_place("Lucy's 'nt'"), "Lucy's 'nt'");
    }

    fn weights_of(question: &str) -> Vec<(String, f32)> {
        let mut analyzer = Analyzer::new();
        let words = analyzer.words(question);
        let mask = boilerplate_mask(&words, boilerplate_phrases());
        let weights = ask_weights(question, &words, &mask);
        words.into_iter().map(|w| w.raw).zip(weights).collect()
    }

    #[test]
    fn a_small_pool_counts_less_in_the_re_ranking() {
        // Two candidates: z-scores -1 and 1, counted 2 / (2 + 4).
        let two = relative(&[Some(0.9), Some(0.1)], 3.0, 0.05);
        assert!(
            (two[0] - 1.0).abs() < 1e-5 && (two[1] + 1.0).abs() < 1e-5,
            "{two:?}"
        );
        // Forty-six candidates at the same spread: counted 46 / 50.
        let many: Vec<Option<f32>> = (0..46)
            .map(|i| Some(if i % 2 == 0 { 0.9 } else { 0.1 }))
            .collect();
        let z = relative(&many, 3.0, 0.05);
        assert!((z[0] - 3.0 * 46.0 / 50.0).abs() < 1e-4, "{}", z[0]);
        // Below the floor a difference counts as a fraction of a deviation;
        // an unknown value adds nothing, and one known value is no pool.
        let close = relative(&[Some(0.51), Some(0.49), None], 3.0, 0.05);
        assert!(
            (close[0] - 3.0 * (2.0 / 6.0) * (0.01 / 0.05)).abs() < 1e-4,
            "{close:?}"
        );
        assert_eq!(close[2], 0.0);
        assert_eq!(relative(&[Some(0.9), None], 3.0, 0.05), [0.0, 0.0]);
    }

    #[test]
    fn scene_setting_counts_less_than_the_ask() {
        let w = weights_of(
            "Our checkout service is old and fragile. Tell me about a time you led a migration.",
        );
        let of = |word: &str| w.iter().find(|(r, _)| r == word).unwrap().1;
        assert_eq!(of("checkout"), CONTEXT_WEIGHT);
        assert_eq!(of("fragile"), CONTEXT_WEIGHT);
        assert_eq!(of("migration"), 1.0);
        assert_eq!(of("led"), 1.0);
    }

    #[test]
    fn questions_without_a_separate_ask_weigh_every_word_alike() {
        for q in [
            "Tell me about a time you failed.",
            "We had an outage last week. Have you handled one?",
            "We had an outage. It hurt.",
            "What did you learn? And what would you change?",
        ] {
            assert!(weights_of(q).iter().all(|(_, w)| *w == 1.0), "{q}");
        }
    }
}
