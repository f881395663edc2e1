//! A small built-in semantic model: one vector per word piece, summed.
//!
//! Interviewers paraphrase ("got the site back up" for "resolved an
//! outage"); word and concept matching misses what a sentence encoder
//! catches. A transformer costs tens of milliseconds per question, so
//! starmatch ships the next best thing that costs microseconds: a static
//! embedding table over the word pieces of the all-MiniLM-L6-v2 vocabulary
//! (uncased WordPiece), distilled from that model so that the sum of a
//! sentence's piece vectors points where the model's sentence embedding
//! points, then trained on interview questions paired with the stories they
//! ask for. A story's vector (the mean direction of its title, tagged
//! questions and competencies and of its title and prose) is computed at
//! index time; at query time only the question is embedded.
//!
//! `semantic.bin` is built by `tools/semantic/train.py` and then
//! `tools/semantic/finetune.py` (see docs/ranking.md for how and on what).
//! Layout, little-endian:
//! `b"SMSE"`, version u32, dim u32, n u32, n f32 row scales, n*dim i8 rows,
//! (n+1) u32 string offsets, then the pieces' UTF-8 bytes, sorted bytewise
//! so a piece is found by binary search without building a map.
//! Changing the file changes story vectors: bump the index's
//! `SCHEMA_VERSION` with it.

use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;

use xxhash_rust::xxh3::xxh3_64;

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, TextAnalyzer, TokenStream, WhitespaceTokenizer,
};

const BUILTIN: &[u8] = include_bytes!("semantic.bin");
const MAGIC: &[u8; 4] = b"SMSE";
/// Words longer than this are one unknown piece, as in BERT's tokenizer.
const MAX_WORD_CHARS: usize = 100;
const UNKNOWN: &str = "[UNK]";

/// The embedding table, read in place from the bytes compiled into the binary.
pub struct Model {
    dim: usize,
    n: usize,
    scales: &'static [u8],
    rows: &'static [u8],
    offsets: &'static [u8],
    strings: &'static [u8],
    unknown: Option<usize>,
}

impl Model {
    /// The model compiled into starmatch.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(BUILTIN).unwrap_or_else(Model::empty))
    }

    /// An empty model embeds nothing: the semantic signal stays silent.
    fn empty() -> Model {
        Model {
            dim: 0,
            n: 0,
            scales: &[],
            rows: &[],
            offsets: &[],
            strings: &[],
            unknown: None,
        }
    }

    fn parse(bytes: &'static [u8]) -> Option<Model> {
        let u32_at = |at: usize| -> Option<usize> {
            let b = bytes.get(at..at + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        if bytes.get(..4)? != MAGIC || u32_at(4)? != 1 {
            return None;
        }
        let (dim, n) = (u32_at(8)?, u32_at(12)?);
        let scales_at = 16;
        let rows_at = scales_at + 4 * n;
        let offsets_at = rows_at + n * dim;
        let strings_at = offsets_at + 4 * (n + 1);
        let mut model = Model {
            dim,
            n,
            scales: bytes.get(scales_at..rows_at)?,
            rows: bytes.get(rows_at..offsets_at)?,
            offsets: bytes.get(offsets_at..strings_at)?,
            strings: bytes.get(strings_at..)?,
            unknown: None,
        };
        if model.offset(n)? != model.strings.len() {
            return None;
        }
        model.unknown = model.find(UNKNOWN);
        Some(model)
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Identifies the table: a retrained model has other row scales. The
    /// index records it, so story vectors are rebuilt when it changes.
    pub fn fingerprint(&self) -> u64 {
        xxh3_64(self.scales) ^ (self.dim as u64) << 48 ^ self.n as u64
    }

    fn offset(&self, i: usize) -> Option<usize> {
        let b = self.offsets.get(4 * i..4 * i + 4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }

    fn piece(&self, i: usize) -> &[u8] {
        match (self.offset(i), self.offset(i + 1)) {
            (Some(a), Some(b)) if a <= b && b <= self.strings.len() => &self.strings[a..b],
            _ => &[],
        }
    }

    fn find(&self, piece: &str) -> Option<usize> {
        let (mut lo, mut hi) = (0, self.n);
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.piece(mid).cmp(piece.as_bytes()) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// The word pieces of a text, as BERT's uncased tokenizer cuts them:
    /// lowercased, split at spaces and punctuation, each word cut greedily
    /// into the longest pieces the vocabulary has ("##" marks a piece that
    /// continues a word); a word that cannot be cut is one unknown piece.
    pub fn pieces(&self, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        // Accents are folded as BERT's tokenizer strips them ("naïve" is
        // "naive"); curly quotes and dashes become their ASCII forms.
        let mut folder = TextAnalyzer::builder(WhitespaceTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build();
        let mut stream = folder.token_stream(text);
        while let Some(token) = stream.next() {
            for word in basic_words(&token.text) {
                self.word_pieces(word, &mut out);
            }
        }
        out
    }

    fn word_pieces(&self, word: &str, out: &mut Vec<usize>) {
        let before = out.len();
        if word.chars().count() > MAX_WORD_CHARS {
            out.extend(self.unknown);
            return;
        }
        let mut start = 0;
        let mut piece = String::new();
        while start < word.len() {
            let mut end = word.len();
            let mut found = None;
            while end > start {
                if word.is_char_boundary(end) {
                    piece.clear();
                    if start > 0 {
                        piece.push_str("##");
                    }
                    piece.push_str(&word[start..end]);
                    if let Some(i) = self.find(&piece) {
                        found = Some(i);
                        break;
                    }
                }
                end -= 1;
            }
            match found {
                Some(i) => {
                    out.push(i);
                    start = end;
                }
                None => {
                    out.truncate(before);
                    out.extend(self.unknown);
                    return;
                }
            }
        }
    }

    /// The text with each word the vocabulary lacks as a whole word, but
    /// has one letter away (a swap of two neighbours, a letter missing,
    /// extra or wrong: "freind", "legitmate", "pateint"), replaced by that
    /// word. Words under [`MIN_TYPO_CHARS`] or over [`MAX_TYPO_CHARS`]
    /// letters, or not plain
    /// lowercase ASCII letters once lowercased, are left as they are.
    /// Returns the text and each (typed, read as) pair.
    pub fn corrected(&self, text: &str) -> (String, Vec<(String, String)>) {
        self.corrected_keeping(text, |_| false)
    }

    /// [`Model::corrected`], leaving alone the (lowercase) words `keep`
    /// says are words: a word the concept lexicon knows ("humility") is
    /// no typo of one the vocabulary knows ("humidity").
    pub fn corrected_keeping(
        &self,
        text: &str,
        keep: impl Fn(&str) -> bool,
    ) -> (String, Vec<(String, String)>) {
        let mut out = String::with_capacity(text.len());
        let mut fixes = Vec::new();
        let mut last = 0;
        for (at, word) in text.unicode_word_indices() {
            let lower = word.to_ascii_lowercase();
            if lower.len() < MIN_TYPO_CHARS
                || lower.len() > MAX_TYPO_CHARS
                || !lower.bytes().all(|b| b.is_ascii_lowercase())
                || self.knows(&lower)
                || keep(&lower)
            {
                continue;
            }
            if let Some(fix) = self.one_edit_away(&lower) {
                out.push_str(&text[last..at]);
                out.push_str(&fix);
                last = at + word.len();
                fixes.push((word.to_string(), fix));
            }
        }
        out.push_str(&text[last..]);
        (out, fixes)
    }

    /// Whether a word is the vocabulary's own, or made of its words: an
    /// inflection or derivation ("staffing", "scoping", "modernised"), a
    /// prefix ("reusing") or two words ("slowdown", "outage"). The
    /// vocabulary holds only frequent words whole, so a word it lacks is
    /// not yet a typo.
    fn knows(&self, word: &str) -> bool {
        const SUFFIXES: [&str; 24] = [
            "s", "es", "ed", "d", "ing", "er", "ers", "ly", "y", "ment", "ments", "ness", "ion",
            "ions", "able", "al", "ist", "ism", "ise", "ised", "ising", "isation", "ize", "ized",
        ];
        const PREFIXES: [&str; 12] = [
            "re", "un", "de", "pre", "dis", "mis", "over", "under", "out", "co", "non", "sub",
        ];
        let whole = |w: &str| w.len() >= 2 && self.find(w).is_some();
        let inflected = |w: &str| {
            whole(w)
                || SUFFIXES.iter().any(|suffix| {
                    let Some(stem) = w.strip_suffix(suffix).filter(|s| s.len() >= 3) else {
                        return false;
                    };
                    let doubled = stem.len() >= 2
                        && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
                    whole(stem)
                        || whole(&format!("{stem}e"))
                        // "prioritize" from "priority".
                        || whole(&format!("{stem}y"))
                        || (doubled && whole(&stem[..stem.len() - 1]))
                        || stem
                            .strip_suffix('i')
                            .is_some_and(|s| whole(&format!("{s}y")))
                })
        };
        // British spellings the vocabulary has in American ones:
        // "prioritise", "organisation", "analysing".
        let american = word.replace("is", "iz").replace("ys", "yz");
        if inflected(word) || (american != word && inflected(&american)) {
            return true;
        }
        if PREFIXES.iter().any(|prefix| {
            word.strip_prefix(prefix)
                .is_some_and(|rest| rest.len() >= 3 && inflected(rest))
        }) {
            return true;
        }
        (3..word.len().saturating_sub(2))
            .any(|k| word.is_char_boundary(k) && whole(&word[..k]) && inflected(&word[k..]))
    }

    /// A whole word of the vocabulary one edit from `word` (keeping its
    /// first letter), tried from the commonest typo: two neighbours
    /// swapped, a letter missing (not an `s` or `d` at the end, which
    /// would inflect a real word), an extra letter (one of a doubled
    /// pair, or in a long word), a wrong letter (in a long word only:
    /// "invent" is one letter from "intent").
    fn one_edit_away(&self, word: &str) -> Option<String> {
        let b = word.as_bytes();
        let known = |candidate: &[u8]| {
            let text = std::str::from_utf8(candidate).ok()?;
            self.find(text).map(|_| text.to_string())
        };
        let long = b.len() >= MIN_LONG_TYPO_CHARS;
        let mut candidate = b.to_vec();
        for i in 1..b.len() - 1 {
            candidate.swap(i, i + 1);
            if let Some(found) = known(&candidate) {
                return Some(found);
            }
            candidate.swap(i, i + 1);
        }
        for i in 1..=b.len() {
            for c in b'a'..=b'z' {
                if i == b.len() && matches!(c, b's' | b'd') {
                    continue;
                }
                let mut added = b.to_vec();
                added.insert(i, c);
                if let Some(found) = known(&added) {
                    return Some(found);
                }
            }
        }
        for i in 1..b.len() {
            let doubled = b[i] == b[i - 1];
            if !(doubled || long) {
                continue;
            }
            let mut dropped = b.to_vec();
            dropped.remove(i);
            if let Some(found) = known(&dropped) {
                return Some(found);
            }
        }
        if !long {
            return None;
        }
        for i in 1..b.len() {
            for c in b'a'..=b'z' {
                if c == b[i] {
                    continue;
                }
                let mut changed = b.to_vec();
                changed[i] = c;
                if let Some(found) = known(&changed) {
                    return Some(found);
                }
            }
        }
        None
    }

    /// The unit-length vector of a text; `None` when no piece is known.
    pub fn embed(&self, text: &str) -> Option<Vec<f32>> {
        let mut sum = vec![0.0f32; self.dim];
        let pieces = self.pieces(text);
        for &i in &pieces {
            let scale = self
                .scales
                .get(4 * i..4 * i + 4)
                .map_or(0.0, |b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            let row = &self.rows[i * self.dim..(i + 1) * self.dim];
            for (s, &r) in sum.iter_mut().zip(row) {
                *s += scale * f32::from(r as i8);
            }
        }
        let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
        (norm > 0.0).then(|| sum.iter().map(|x| x / norm).collect())
    }
}

/// Shortest word [`Model::corrected`] corrects: shorter words are too
/// often one letter from another real word.
const MIN_TYPO_CHARS: usize = 5;

/// Shortest word in which an extra or a wrong letter is taken for a typo.
const MIN_LONG_TYPO_CHARS: usize = 8;

/// Longest word read as a typo: longer runs of letters are no word one
/// letter off (and trying every edit of one costs its length squared: a
/// pasted run of 100,000 letters took 22 s).
const MAX_TYPO_CHARS: usize = 30;

/// BERT's basic tokenisation for lowercased text: words split at white
/// space, each punctuation character a word of its own, control characters
/// dropped.
fn basic_words(text: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let cut = c.is_whitespace() || c.is_control() || is_punctuation(c);
        if cut {
            if let Some(s) = start.take() {
                words.push(&text[s..at]);
            }
            if is_punctuation(c) {
                words.push(&text[at..at + c.len_utf8()]);
            }
        } else if start.is_none() {
            start = Some(at);
        }
    }
    if let Some(s) = start {
        words.push(&text[s..]);
    }
    words
}

/// ASCII symbols count as punctuation (as in BERT), and so do Unicode
/// punctuation marks such as curly quotes and dashes.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '\u{00A1}' | '\u{00A7}' | '\u{00AB}' | '\u{00B6}' | '\u{00B7}' | '\u{00BB}' | '\u{00BF}')
}

/// The unit vector halfway between two unit vectors (either may be absent).
pub fn mean_direction(a: Option<Vec<f32>>, b: Option<Vec<f32>>) -> Option<Vec<f32>> {
    match (a, b) {
        (Some(a), Some(b)) if a.len() == b.len() => {
            let sum: Vec<f32> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
            let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
            (norm > 1e-6).then(|| sum.iter().map(|x| x / norm).collect())
        }
        (Some(a), _) => Some(a),
        (None, b) => b,
    }
}

/// Packs a unit vector into bytes for the index: one signed byte per
/// component, scaled by 127.
pub fn encode(vector: &[f32]) -> Vec<u8> {
    vector
        .iter()
        .map(|x| (x * 127.0).round().clamp(-127.0, 127.0) as i8 as u8)
        .collect()
}

/// The unit vector a packed story vector ([`encode`]) stands for; `None`
/// for an empty or all-zero one.
pub fn decode(packed: &[u8]) -> Option<Vec<f32>> {
    let v: Vec<f32> = packed.iter().map(|&p| f32::from(p as i8)).collect();
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    (norm > 0.0).then(|| v.iter().map(|x| x / norm).collect())
}

/// The sentences of a text worth a vector of their own: Unicode sentence
/// boundaries (a line break ends a sentence too, so each bullet is one),
/// keeping those of at least [`MIN_PASSAGE_WORDS`] words.
pub fn passages(text: &str) -> impl Iterator<Item = &str> {
    text.unicode_sentences()
        .map(str::trim)
        .filter(|s| s.split_whitespace().nth(MIN_PASSAGE_WORDS - 1).is_some())
}

/// Shorter sentences ("Done.", "- Shipped it") say too little alone.
pub const MIN_PASSAGE_WORDS: usize = 3;

/// Packs a passage vector into one bit per component, set for a positive
/// one: 32 bytes for 256 dimensions, an eighth of [`encode`]'s. Ranking by
/// closeness to a question loses nothing measurable with it (the tune
/// splits scored the same with float, 4-bit and 1-bit passage vectors;
/// docs/ranking.md), and a story's sentences are many.
pub fn encode_signs(vector: &[f32]) -> Vec<u8> {
    vector
        .chunks(8)
        .map(|chunk| {
            chunk
                .iter()
                .enumerate()
                .filter(|(_, &x)| x > 0.0)
                .fold(0u8, |byte, (bit, _)| byte | 1 << bit)
        })
        .collect()
}

/// How close a question is to the closest part of a story: the mean cosine
/// of its [`BEST_PASSAGES`] sentence vectors (packed by [`encode_signs`],
/// one after another) nearest the unit query vector; `None` when there are
/// none or their size is not the query's (an index built with another
/// model).
pub fn passage_closeness(query: &[f32], packed: &[u8]) -> Option<f32> {
    let dim = query.len();
    let width = dim.div_ceil(8);
    if dim == 0 || packed.is_empty() || !packed.len().is_multiple_of(width) {
        return None;
    }
    // A sign vector of +-1 has length sqrt(dim); its dot product with the
    // query is twice the sum over the set bits less the sum over all.
    let total: f32 = query.iter().sum();
    let norm = (dim as f32).sqrt();
    let mut best = [f32::NEG_INFINITY; BEST_PASSAGES];
    for signs in packed.chunks_exact(width) {
        let mut set = 0.0f32;
        for (byte, q) in signs.iter().zip(query.chunks(8)) {
            for (bit, &x) in q.iter().enumerate() {
                if byte >> bit & 1 == 1 {
                    set += x;
                }
            }
        }
        let c = (2.0 * set - total) / norm;
        // Keep the largest few, largest first.
        if let Some(at) = best.iter().position(|&b| c > b) {
            best[at..].rotate_right(1);
            best[at] = c;
        }
    }
    let found: Vec<f32> = best.into_iter().filter(|b| b.is_finite()).collect();
    (!found.is_empty()).then(|| found.iter().sum::<f32>() / found.len() as f32)
}

/// How many of a story's closest sentences [`passage_closeness`] averages:
/// one alone lets a single stray sentence decide.
pub const BEST_PASSAGES: usize = 2;

/// Cosine similarity of a unit query vector and a story vector packed by
/// [`encode`]; `None` when the sizes differ (an index built with another model).
pub fn cosine(query: &[f32], packed: &[u8]) -> Option<f32> {
    if packed.len() != query.len() || packed.is_empty() {
        return None;
    }
    let (mut dot, mut norm) = (0.0f32, 0.0f32);
    for (&q, &p) in query.iter().zip(packed) {
        let p = f32::from(p as i8);
        dot += q * p;
        norm += p * p;
    }
    (norm > 0.0).then(|| dot / norm.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<String> {
        let m = Model::builtin();
        m.pieces(text)
            .into_iter()
            .map(|i| String::from_utf8_lossy(m.piece(i)).into_owned())
            .collect()
    }

    #[test]
    fn the_builtin_model_loads() {
        let m = Model::builtin();
        assert!(m.dim() > 0);
        assert!(m.n > 20_000);
        assert!(m.unknown.is_some());
    }

    #[test]
    fn words_are_cut_into_the_pieces_bert_cuts() {
        // Expected pieces from the reference tokenizer (Hugging Face
        // `tokenizers`, all-MiniLM-L6-v2, lowercased input).
        assert_eq!(
            pieces("Tell me about a time you disagreed with your manager."),
            [
                "tell",
                "me",
                "about",
                "a",
                "time",
                "you",
                "disagreed",
                "with",
                "your",
                "manager",
                "."
            ]
        );
        assert_eq!(
            pieces("How did you de-risk the migration?"),
            [
                "how",
                "did",
                "you",
                "de",
                "-",
                "risk",
                "the",
                "migration",
                "?"
            ]
        );
    }

    #[test]
    fn paraphrases_are_closer_than_unrelated_questions() {
        let m = Model::builtin();
        let a = m
            .embed("Tell me about a time you clashed with your boss")
            .unwrap();
        let b = m.embed("a disagreement with my manager").unwrap();
        let c = m.embed("how I cut our cloud hosting costs").unwrap();
        let (near, far) = (
            cosine(&a, &encode(&b)).unwrap(),
            cosine(&a, &encode(&c)).unwrap(),
        );
        assert!(near > far + 0.1, "near {near}, far {far}");
    }

    #[test]
    fn accents_and_curly_quotes_are_folded() {
        assert_eq!(
            pieces("Naïve “café” plan"),
            ["naive", "\"", "cafe", "\"", "plan"]
        );
    }

    #[test]
    fn typos_are_read_as_the_word_meant_and_real_words_are_left_alone() {
        let model = Model::builtin();
        let (text, fixes) =
            model.corrected("Ever had to manage a freind? Be legitmate with the pateint.");
        assert_eq!(
            text,
            "Ever had to manage a friend? Be legitimate with the patient."
        );
        assert_eq!(fixes[0], ("freind".to_string(), "friend".to_string()));
        assert_eq!(
            model
                .corrected("A custmer emergancy, compleetly unfamilar")
                .0,
            "A customer emergency, completely unfamiliar"
        );
        // Words the vocabulary lacks whole but are real: inflections,
        // prefixes, compounds, British spellings, short words.
        for text in [
            "Invent and Simplify: an outage, a slowdown, staffing, reusing",
            "juggle, mediate, grumble, escalate, prioritise, organisation",
            "login, churn, chore, savvy",
        ] {
            assert_eq!(model.corrected(text).0, text);
        }
        // A pasted run of letters is no typo (nor tried edit by edit).
        let run = format!("a failure {}", "x".repeat(100_000));
        assert_eq!(model.corrected(&run).0, run);
    }

    #[test]
    fn empty_text_has_no_vector() {
        assert!(Model::builtin().embed("").is_none());
        assert!(Model::builtin().embed(" \t\n").is_none());
    }

    #[test]
    fn the_mean_direction_lies_halfway_and_tolerates_a_missing_half() {
        let mean = mean_direction(Some(vec![1.0, 0.0]), Some(vec![0.0, 1.0])).unwrap();
        let half = std::f32::consts::FRAC_1_SQRT_2;
        assert!((mean[0] - half).abs() < 1e-6 && (mean[1] - half).abs() < 1e-6);
        assert_eq!(
            mean_direction(None, Some(vec![0.0, 1.0])),
            Some(vec![0.0, 1.0])
        );
        assert_eq!(
            mean_direction(Some(vec![1.0, 0.0]), None),
            Some(vec![1.0, 0.0])
        );
        assert_eq!(mean_direction(None, None), None);
        // Opposite directions cancel: no direction, no vector.
        assert_eq!(
            mean_direction(Some(vec![1.0, 0.0]), Some(vec![-1.0, 0.0])),
            None
        );
    }

    #[test]
    fn a_vector_from_another_model_is_not_compared() {
        assert_eq!(cosine(&[1.0, 0.0], &[127]), None);
    }

    #[test]
    fn passages_are_sentences_and_bullets_of_three_words_or_more() {
        let text = "We shipped it on Friday. Done! Then the pager went off at 2am.\n- rolled back the release\n- ok\n";
        assert_eq!(
            passages(text).collect::<Vec<_>>(),
            [
                "We shipped it on Friday.",
                "Then the pager went off at 2am.",
                "- rolled back the release",
            ]
        );
    }

    #[test]
    fn passage_closeness_is_the_mean_of_the_two_nearest_sentences() {
        // Nine dimensions: two bytes of signs per passage.
        let query: Vec<f32> = [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
            .iter()
            .map(|x| x / 3f32.sqrt())
            .collect();
        let signs = |v: [f32; 9]| encode_signs(&v);
        assert_eq!(
            signs([1.0, -1.0, 0.0, 0.5, -2.0, 0.0, 0.0, 0.0, 3.0]),
            [0b1001, 1]
        );
        // Along the query's three components, against them, and one of three.
        let along = signs([1.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0]);
        let against = signs([-1.0; 9]);
        let partly = signs([1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0, -1.0]);
        let cos = |hits: f32| hits / 3f32.sqrt() / 3.0;
        let packed = [along, against.clone(), partly].concat();
        let c = passage_closeness(&query, &packed).unwrap();
        assert!((c - (cos(3.0) + cos(-1.0)) / 2.0).abs() < 1e-5, "{c}");
        // One passage: its own cosine.
        let c = passage_closeness(&query, &against).unwrap();
        assert!((c - cos(-3.0)).abs() < 1e-5, "{c}");
        assert_eq!(passage_closeness(&query, &[]), None);
        assert_eq!(
            passage_closeness(&query, &[1, 2, 3]),
            None,
            "not whole vectors"
        );
    }

    #[test]
    fn a_word_the_caller_knows_is_no_typo() {
        let model = Model::builtin();
        let (read, _) = model.corrected("I showed humility");
        // The vocabulary lacks "humility" whole and has "humidity" one
        // letter away; the lexicon knows "humility", so the ranker keeps it.
        assert_eq!(read, "I showed humidity");
        let (kept, fixes) = model.corrected_keeping("I showed humility", |w| w == "humility");
        assert_eq!(kept, "I showed humility");
        assert!(fixes.is_empty());
        let (fixed, _) = model.corrected_keeping("a freind of mine", |w| w == "humility");
        assert_eq!(fixed, "a friend of mine");
    }
}
