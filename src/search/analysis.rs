//! Text analysis shared by indexing and querying: one tokenizer pipeline,
//! interview boilerplate removal and stop words.
//!
//! The index and the query must agree on every token, so both go through
//! [`Analyzer`], whose stems are exactly the ones tantivy stores for fields
//! using [`TEXT_TOKENIZER`].

use std::borrow::Cow;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Name under which the stemming analyzer is registered on every index we open.
pub const TEXT_TOKENIZER: &str = "starmatch_en";

/// Tokens longer than this are dropped (base64 blobs, hashes): they never match a question.
const MAX_TOKEN_LEN: usize = 40;

/// The analyzer tantivy runs on story text: split on non-alphanumerics,
/// lowercase, fold accents, English Snowball stemming.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(GuardedStemmer)
        .build()
}

/// The stem of words that English Snowball merges with an unrelated word
/// that interview questions and stories both use: "customer" with "custom",
/// "manager" with "managed to", "experiment" with "experience", "production"
/// and "productivity" with "product", "executive" with "executed",
/// "integrity" with "integration", "business" with "busy",
/// "responsibility" with "response", "accountability" with "account",
/// "authority" with "authorization", "initiative" with "initial",
/// "criticism" with "critical", "conversion" with "conversation",
/// "important" with "import", "candidate" with "candid", "accessibility"
/// with "access", "informal" with "information". Found by grouping the
/// words of the default corpus, the training stories and the question bank
/// by stem. Only splits: no two words are merged.
fn kept_apart(word: &str) -> Option<&'static str> {
    Some(match word {
        "customer" | "customers" => "customer",
        "manager" | "managers" => "manager",
        "experiment" | "experiments" | "experimented" | "experimenting" | "experimental"
        | "experimentation" => "experiment",
        "production" => "production",
        "productivity" | "productive" | "unproductive" => "productiv",
        "executive" | "executives" => "executive",
        "integrity" => "integrity",
        "business" | "businesses" => "business",
        "responsibility" | "responsibilities" | "responsible" | "irresponsible" => "responsib",
        "accountability" | "accountable" => "accountab",
        "authority" | "authorities" => "authority",
        "initiative" | "initiatives" => "initiative",
        "criticism" | "criticisms" | "criticize" | "criticized" | "criticizing" | "criticise"
        | "criticised" | "criticising" => "criticis",
        "conversion" | "conversions" => "conversion",
        "important" | "importance" | "importantly" => "importan",
        "candidate" | "candidates" => "candidate",
        "accessibility" | "accessible" | "inaccessible" => "accessib",
        "informal" | "informally" => "informal",
        _ => return None,
    })
}

/// The stem of words that English Snowball leaves apart from their own
/// family, which questions and stories word both ways: "failure" and
/// "failed", "decision" and "decided", "disagreement" and "disagreed",
/// "argument" and "argued", "delivery" and "delivered", "analysis" and
/// "analyzed", "persuasion" and "persuaded", "priority" and "prioritize".
fn merged(word: &str) -> Option<&'static str> {
    Some(match word {
        "failure" | "failures" => "fail",
        "decision" | "decisions" => "decid",
        "disagreement" | "disagreements" => "disagre",
        "argument" | "arguments" => "argu",
        "delivery" | "deliveries" => "deliv",
        "analysis" | "analyses" | "analyse" | "analysed" | "analysing" | "analyze" | "analyzed"
        | "analyzing" | "analyzes" => "analys",
        "persuasion" | "persuasive" => "persuad",
        "priority" | "priorities" => "priorit",
        _ => return None,
    })
}

/// Roots whose British `-ise` spellings ("prioritise", "organisation",
/// "realised") Snowball stems apart from the `-ize` ones; the British word
/// is stemmed as the American. Only listed roots: "advise", "promise" and
/// "enterprise" are not `-ize` words.
const IZE_ROOTS: &[&str] = &[
    "priorit",
    "organ",
    "real",
    "recogn",
    "apolog",
    "optim",
    "minim",
    "maxim",
    "standard",
    "summar",
    "emphas",
    "util",
    "final",
    "custom",
    "central",
    "modern",
    "stabil",
    "normal",
    "categor",
    "special",
    "synchron",
    "author",
    "initial",
    "visual",
    "mobil",
    "social",
    "sympath",
    "empath",
    "memor",
    "capital",
    "monet",
    "incentiv",
    "operational",
    "container",
    "character",
    "familiar",
    "formal",
    "general",
    "global",
    "local",
    "legal",
    "parallel",
    "rational",
    "scrutin",
    "stigmat",
    "subsid",
    "symbol",
    "theor",
    "harmon",
    "jeopard",
];

/// The American spelling of a British `-ise` word of [`IZE_ROOTS`].
fn american(word: &str) -> Option<String> {
    const SUFFIXES: [&str; 8] = [
        "isations", "isation", "ising", "ised", "ises", "isers", "iser", "ise",
    ];
    let suffix = SUFFIXES.iter().find(|s| word.ends_with(*s))?;
    let root = &word[..word.len() - suffix.len()];
    IZE_ROOTS
        .contains(&root)
        .then(|| format!("{root}iz{}", &suffix[2..]))
}

/// English Snowball stemming (tantivy's own stemmer) except for the words
/// of [`kept_apart`] and [`merged`], with British `-ise` words stemmed as
/// American ones. Tokens are expected to be lowercased and folded.
#[derive(Clone, Copy, Debug, Default)]
pub struct GuardedStemmer;

impl TokenFilter for GuardedStemmer {
    type Tokenizer<T: Tokenizer> = GuardedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> GuardedStemmerFilter<T> {
        GuardedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct GuardedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for GuardedStemmerFilter<T> {
    type TokenStream<'a> = GuardedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        GuardedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

pub struct GuardedStemmerStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for GuardedStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = kept_apart(&token.text).or_else(|| merged(&token.text)) {
            stem.clone_into(&mut token.text);
        } else if let Some(american) = american(&token.text) {
            token.text = self.stemmer.stem(&american).into_owned();
        } else if let Cow::Owned(stem) = self.stemmer.stem(&token.text) {
            // Borrowed means the stem is the word itself.
            token.text = stem;
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// One word of a text: its lowercased surface form, its stem and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub raw: String,
    pub stem: String,
    /// Byte range in the analysed text.
    pub start: usize,
    pub end: usize,
}

/// Turns text into [`Word`]s with the same pipeline as [`text_analyzer`].
pub struct Analyzer {
    surface: TextAnalyzer,
    stemmer: TextAnalyzer,
    /// Stems seen so far: stories repeat their words, and Snowball is the
    /// costliest step of analysis.
    stems: std::collections::HashMap<String, String>,
}

/// The stem cache is cleared when it grows past this many words.
const STEM_CACHE_LIMIT: usize = 200_000;

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    pub fn new() -> Analyzer {
        Analyzer {
            surface: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(GuardedStemmer)
                .build(),
            stems: std::collections::HashMap::new(),
        }
    }

    /// All words of `text`, at most `limit` of them.
    pub fn words_limited(&mut self, text: &str, limit: usize) -> Vec<Word> {
        self.tokens_limited(text, limit)
            .into_iter()
            .map(|(raw, start, end)| {
                let stem = self.stem(&raw);
                Word {
                    raw,
                    stem,
                    start,
                    end,
                }
            })
            .collect()
    }

    /// The lowercased, folded words of `text` with their byte ranges, not
    /// stemmed: for callers that only stem the words that can matter.
    pub fn tokens(&mut self, text: &str) -> Vec<(String, usize, usize)> {
        self.tokens_limited(text, usize::MAX)
    }

    fn tokens_limited(&mut self, text: &str, limit: usize) -> Vec<(String, usize, usize)> {
        let mut raw = Vec::new();
        let mut stream = self.surface.token_stream(text);
        while raw.len() < limit && stream.advance() {
            let t = stream.token();
            raw.push((t.text.clone(), t.offset_from, t.offset_to));
        }
        raw
    }

    pub fn words(&mut self, text: &str) -> Vec<Word> {
        self.words_limited(text, usize::MAX)
    }

    /// The stem of one already lowercased word.
    pub fn stem(&mut self, word: &str) -> String {
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let mut stream = self.stemmer.token_stream(word);
        let stem = if stream.advance() {
            stream.token().text.clone()
        } else {
            word.to_string()
        };
        drop(stream);
        if self.stems.len() >= STEM_CACHE_LIMIT {
            self.stems.clear();
        }
        self.stems.insert(word.to_string(), stem.clone());
        stem
    }
}

/// Phrases interviewers wrap around every question. They say nothing about
/// which story fits, so they are removed before matching (as lowercased words).
pub const BOILERPLATE: &[&str] = &[
    "tell me about a time",
    "tell me about an occasion",
    "tell me about a situation",
    "tell me about",
    "tell us about a time",
    "tell us about",
    "tell me of a time",
    "describe a time",
    "describe a situation",
    "describe an occasion",
    "describe an instance",
    "describe a scenario",
    "describe an example",
    "describe the last time",
    "give me an example",
    "give me a specific example",
    "give an example",
    "give us an example",
    "provide an example",
    "share an example",
    "share a time",
    "share a situation",
    "share a story",
    "walk me through",
    "walk us through",
    "talk me through",
    "talk about a time",
    "have you ever",
    "did you ever",
    "can you tell me",
    "could you tell me",
    "can you describe",
    "can you give me",
    "can you share",
    "can you walk me through",
    "a time when",
    "a time where",
    "a time that",
    "a time you",
    "the last time",
    "a situation where",
    "a situation when",
    "a situation in which",
    "an example of",
    "an example where",
    "an example when",
    "an instance where",
    "an occasion when",
    "what did you do",
    "what happened",
    "what was the outcome",
    "what was the result",
    "what did you learn",
    "how did you handle",
    "how did you deal with",
    "how do you handle",
    "how do you deal with",
    "how did you approach",
    "how do you approach",
    // Hedges of spoken questions ("and, if I'm honest, ..."): asides, not
    // a question about honesty.
    "to be honest",
    "to be perfectly honest",
    "if i m honest",
    "if i am honest",
    "if i m being honest",
    "i ll be honest",
    "i will be honest",
    "in all honesty",
    "the honest truth is",
    "truth be told",
    "to be frank",
    "quite frankly",
    "frankly",
    "honestly",
];

/// Function words and interview filler that never identify a story.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "d",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "either",
    "else",
    "ever",
    "every",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "ll",
    "m",
    "may",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "of",
    "on",
    "once",
    "one",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "please",
    "re",
    "s",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "us",
    "ve",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "um",
    "uh",
    "like",
    "really",
    "basically",
    "actually",
    "kind",
    "sort",
    "okay",
    "ok",
    "so",
    "well",
    "maybe",
    "tell",
    "describe",
    "give",
    "example",
    "examples",
    "instance",
    "occasion",
    "situation",
    "scenario",
    "time",
    "times",
    "share",
    "explain",
    "specific",
    "particular",
    "recall",
    "remember",
    "question",
    "interview",
    "story",
    "handle",
    "handled",
    "deal",
    "dealt",
    "approach",
    "happened",
    "thing",
    "things",
    "something",
    "someone",
    "way",
    "went",
    "go",
    "going",
    "make",
    "made",
    "take",
    "took",
    "want",
    "know",
    "think",
    "let",
    "talk",
    "walk",
    "previous",
    "past",
    "recent",
    "recently",
    "last",
    "job",
    "role",
    "work",
    "worked",
    "working",
    "were",
    "situations",
    "answer",
    "star",
];

/// `true` if `raw` (a lowercased word) carries no meaning for matching.
pub fn is_stop_word(raw: &str) -> bool {
    STOP_WORDS.contains(&raw)
}

/// Marks the words covered by a boilerplate phrase (longest phrase first).
pub fn boilerplate_mask(words: &[Word], phrases: &[Vec<String>]) -> Vec<bool> {
    let mut mask = vec![false; words.len()];
    let mut i = 0;
    while i < words.len() {
        let longest = phrases
            .iter()
            .filter(|p| {
                p.len() <= words.len() - i
                    && p.iter().zip(&words[i..]).all(|(a, w)| *a == w.raw)
                    && !honesty_in_earnest(p, &words[..i], &words[i..])
            })
            .map(Vec::len)
            .max();
        match longest {
            Some(n) => {
                mask[i..i + n].iter_mut().for_each(|m| *m = true);
                i += n;
            }
            None => i += 1,
        }
    }
    mask
}

/// Whether a hedge phrase is meant, not an aside: followed by whom or what
/// one is honest with or about ("be honest with the client", but not "to
/// be honest with you, ..."); "to be honest" after a word that asks it of
/// someone ("hard to be honest", "had to be honest"), not after "and" or
/// at the start; "honestly" or "frankly" after a verb of saying or doing
/// ("spoke frankly", "acted honestly"), not after "and" or "is".
fn honesty_in_earnest(phrase: &[String], before: &[Word], from: &[Word]) -> bool {
    let last = phrase.last().map(String::as_str);
    let first = phrase.first().map(String::as_str);
    // Only the hedges: the interview phrases are boilerplate wherever
    // they stand.
    if !matches!(last, Some("honest" | "frank" | "honestly" | "frankly")) {
        return false;
    }
    let rest = &from[phrase.len()..];
    // After punctuation (`Our roadmap, to be honest, ...`) a clause starts:
    // the words between are a byte apart only when a space (or an
    // apostrophe) separates them.
    let previous = before.last();
    let clause_start = match (previous, from.first()) {
        (Some(b), Some(w)) => w.start > b.end + 1,
        _ => true,
    };
    let before = previous.filter(|_| !clause_start);
    let with_someone = matches!(last, Some("honest" | "frank"))
        && matches!(rest.first().map(|w| w.raw.as_str()), Some("with" | "about"))
        && rest.get(1).is_none_or(|w| w.raw != "you");
    let before = before.map(|w| w.raw.as_str());
    let asked_of_someone = first == Some("to")
        && before
            .is_some_and(|b| !matches!(b, "and" | "but" | "so" | "well" | "because" | "though"));
    let manner = phrase.len() == 1
        && before.is_some_and(|b| {
            b.ends_with("ed")
                || matches!(
                    b,
                    "spoke"
                        | "speak"
                        | "speaks"
                        | "talk"
                        | "talks"
                        | "told"
                        | "tell"
                        | "said"
                        | "say"
                        | "says"
                        | "answer"
                        | "answers"
                        | "act"
                        | "acts"
                        | "behave"
                        | "deal"
                        | "dealt"
                        | "respond"
                        | "write"
                        | "wrote"
                        | "admit"
                        | "give"
                        | "gave"
                        | "put"
                        | "ask"
                        | "asks"
                )
        });
    with_someone || asked_of_someone || manner
}

/// What a question asks, as one term: the stems of its words that carry
/// meaning (not boilerplate, not stop words), once each, sorted and joined
/// by spaces; `None` when no word carries meaning. Two questions with the
/// same key differ only in interview phrasing, word order, inflection and
/// small words: "Tell me about a time you failed" and "Describe a time when
/// you failed." are both `fail`. Stories index the key of each tagged
/// question, so a question asked as tagged finds its story with one term
/// lookup ([`super::ranking::Signal::Exact`]).
pub fn question_key(words: &[Word], mask: &[bool]) -> Option<String> {
    let mut stems: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| !mask.get(i).copied().unwrap_or(false) && !is_stop_word(&w.raw))
        .map(|(_, w)| w.stem.as_str())
        .collect();
    stems.sort_unstable();
    stems.dedup();
    (!stems.is_empty()).then(|| stems.join(" "))
}

/// [`question_key`] of a text, with the built-in boilerplate phrases.
pub fn question_key_of(analyzer: &mut Analyzer, text: &str) -> Option<String> {
    let words = analyzer.words(text);
    let mask = boilerplate_mask(&words, boilerplate_phrases());
    question_key(&words, &mask)
}

/// Boilerplate phrases split into words, ready for [`boilerplate_mask`].
/// The phrases are lowercase ASCII, so splitting on spaces gives exactly the
/// surface words the analyzer produces (a test checks it). Split once per
/// process.
pub fn boilerplate_phrases() -> &'static [Vec<String>] {
    static PHRASES: std::sync::OnceLock<Vec<Vec<String>>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        BOILERPLATE
            .iter()
            .map(|p| p.split(' ').map(str::to_string).collect())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_key_keeps_only_the_words_that_carry_meaning() {
        let mut analyzer = Analyzer::new();
        let mut key = |q: &str| question_key_of(&mut analyzer, q);
        assert_eq!(
            key("Tell me about a time you failed.").as_deref(),
            Some("fail")
        );
        assert_eq!(
            key("Tell me about a time you failed."),
            key("Describe a time when you FAILED")
        );
        assert_eq!(
            key("How do you handle conflict with a peer?"),
            key("Conflicts with peers?")
        );
        assert_ne!(
            key("a conflict with a peer"),
            key("a conflict with a manager")
        );
        assert_eq!(key("Tell me about a time when you"), None);
    }

    #[test]
    fn words_are_lowercased_folded_and_stemmed() {
        let words = Analyzer::new().words("Argued with the Café's managers");
        let stems: Vec<&str> = words.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["argu", "with", "the", "cafe", "s", "manager"]);
        assert_eq!(words[0].raw, "argued");
    }

    #[test]
    fn words_snowball_merges_with_unrelated_ones_are_kept_apart() {
        let mut analyzer = Analyzer::new();
        let mut stem = |w: &str| analyzer.stem(w);
        for (a, b) in [
            ("customers", "custom"),
            ("manager", "managed"),
            ("experiment", "experience"),
            ("productivity", "product"),
            ("production", "product"),
            ("executives", "executed"),
            ("integrity", "integration"),
            ("business", "busy"),
            ("responsibility", "response"),
            ("accountability", "account"),
            ("authority", "authorization"),
            ("initiative", "initial"),
            ("criticism", "critical"),
            ("conversion", "conversation"),
            ("important", "import"),
            ("candidates", "candid"),
            ("accessibility", "access"),
            ("informal", "information"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
        // Their own inflections still meet.
        assert_eq!(stem("customer"), stem("customers"));
        assert_eq!(stem("experimented"), stem("experiments"));
        assert_eq!(stem("responsible"), stem("responsibilities"));
        // Families Snowball splits meet.
        for (a, b) in [
            ("failure", "failed"),
            ("decision", "decided"),
            ("disagreement", "disagreed"),
            ("arguments", "argued"),
            ("delivery", "delivered"),
            ("analysis", "analysed"),
            ("analyse", "analyze"),
            ("persuasion", "persuade"),
            ("priorities", "prioritize"),
            ("prioritisation", "prioritization"),
            ("prioritised", "prioritized"),
            ("organisation", "organization"),
            ("realise", "realize"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        // Words that only end like British spellings keep their stems.
        assert_eq!(stem("advise"), "advis");
        assert_eq!(stem("promised"), "promis");
        assert_eq!(stem("enterprise"), "enterpris");
        // Everything else is plain Snowball.
        assert_eq!(stem("argued"), "argu");
        assert_eq!(stem("management"), "manag");
    }

    #[test]
    fn stems_agree_with_the_index_analyzer() {
        let text = "Prioritising deadlines, mentoring juniors; résumé!";
        let mut index_side = text_analyzer();
        let mut stream = index_side.token_stream(text);
        let mut expected = Vec::new();
        while stream.advance() {
            expected.push(stream.token().text.clone());
        }
        let ours: Vec<String> = Analyzer::new()
            .words(text)
            .into_iter()
            .map(|w| w.stem)
            .collect();
        assert_eq!(ours, expected);
    }

    #[test]
    fn boilerplate_phrases_split_like_the_analyzer() {
        let mut analyzer = Analyzer::new();
        for (phrase, split) in BOILERPLATE.iter().zip(boilerplate_phrases()) {
            let words: Vec<String> = analyzer.words(phrase).into_iter().map(|w| w.raw).collect();
            assert_eq!(&words, split, "{phrase}");
        }
    }

    #[test]
    fn boilerplate_covers_the_longest_phrase() {
        let mut analyzer = Analyzer::new();
        let phrases = boilerplate_phrases();
        let words = analyzer.words("Tell me about a time you failed");
        let mask = boilerplate_mask(&words, phrases);
        assert_eq!(mask, [true, true, true, true, true, false, false]);
    }

    #[test]
    fn word_limit_truncates() {
        assert_eq!(Analyzer::new().words_limited("a b c d", 2).len(), 2);
    }
}
