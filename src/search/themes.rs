//! A built-in theme classifier: which behavioural concepts a text is
//! about, read from its vector in the semantic model.
//!
//! The concept lexicon finds a concept only when the question uses one of
//! its listed forms; "a one-line request and no details" names no form of
//! `ambiguity`. The classifier is a softmax over the built-in lexicon's
//! concepts on a semantic vector ([`super::semantic`]), trained on the
//! labelled question bank and on the synthetic interview questions of
//! `tools/semantic/synthetic/` (each labelled with the concepts of the
//! competency its story was written for). It reads the question for
//! [`super::ranking::Signal::Themes`], and the question and each re-ranked
//! story's vector for [`super::ranking::Signal::ThemeFit`].
//!
//! `themes.bin` is built by `tools/semantic/themes.py`. Layout,
//! little-endian: `b"SMTC"`, version u32 (1), dim u32, n u32, the
//! fingerprint u64 of the semantic model it was trained on, n f32 biases,
//! n*dim f32 weights (one row per concept), (n+1) u32 name offsets, then
//! the names' UTF-8 bytes. A classifier trained on another model stays
//! silent: its weights would read vectors they were not trained on.

use std::sync::OnceLock;

use super::semantic;

const BUILTIN: &[u8] = include_bytes!("themes.bin");
const MAGIC: &[u8; 4] = b"SMTC";

/// The classifier, decoded once per process (86 x 256 weights, 88 KB).
pub struct Classifier {
    dim: usize,
    names: Vec<String>,
    bias: Vec<f32>,
    weights: Vec<f32>,
}

impl Classifier {
    /// The classifier compiled into starmatch, if it matches the built-in
    /// semantic model.
    pub fn builtin() -> &'static Classifier {
        static CLASSIFIER: OnceLock<Classifier> = OnceLock::new();
        CLASSIFIER.get_or_init(|| {
            let model = semantic::Model::builtin();
            Classifier::parse(BUILTIN, model.fingerprint(), model.dim())
                .unwrap_or_else(Classifier::empty)
        })
    }

    fn empty() -> Classifier {
        Classifier {
            dim: 0,
            names: Vec::new(),
            bias: Vec::new(),
            weights: Vec::new(),
        }
    }

    /// `None` unless the bytes are a whole classifier for the model with
    /// this fingerprint and dimension.
    fn parse(bytes: &[u8], model: u64, model_dim: usize) -> Option<Classifier> {
        let u32_at = |at: usize| -> Option<usize> {
            let b = bytes.get(at..at + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let f32s = |at: usize, n: usize| -> Option<Vec<f32>> {
            let b = bytes.get(at..at.checked_add(n.checked_mul(4)?)?)?;
            Some(
                b.chunks_exact(4)
                    .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect(),
            )
        };
        if bytes.get(..4)? != MAGIC || u32_at(4)? != 1 {
            return None;
        }
        let (dim, n) = (u32_at(8)?, u32_at(12)?);
        let fingerprint = u64::from_le_bytes(bytes.get(16..24)?.try_into().ok()?);
        if fingerprint != model || dim != model_dim || dim == 0 {
            return None;
        }
        let bias_at: usize = 24;
        let weights_at = bias_at.checked_add(n.checked_mul(4)?)?;
        let offsets_at = weights_at.checked_add(n.checked_mul(dim)?.checked_mul(4)?)?;
        let strings_at = offsets_at.checked_add(n.checked_add(1)?.checked_mul(4)?)?;
        let bias = f32s(bias_at, n)?;
        let weights = f32s(weights_at, n * dim)?;
        let strings = bytes.get(strings_at..)?;
        if u32_at(offsets_at + 4 * n)? != strings.len() {
            return None;
        }
        let mut names = Vec::with_capacity(n);
        for i in 0..n {
            let (a, b) = (u32_at(offsets_at + 4 * i)?, u32_at(offsets_at + 4 * i + 4)?);
            names.push(std::str::from_utf8(strings.get(a..b)?).ok()?.to_string());
        }
        Some(Classifier {
            dim,
            names,
            bias,
            weights,
        })
    }

    /// Each concept's probability for a unit vector, in the classifier's
    /// order; `None` when the classifier is silent.
    fn distribution(&self, vector: &[f32]) -> Option<Vec<f32>> {
        if self.names.is_empty() || vector.len() != self.dim {
            return None;
        }
        let logits: Vec<f32> = self
            .weights
            .chunks_exact(self.dim)
            .zip(&self.bias)
            .map(|(row, b)| b + row.iter().zip(vector).map(|(w, x)| w * x).sum::<f32>())
            .collect();
        let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let exp: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
        let total: f32 = exp.iter().sum();
        Some(exp.iter().map(|e| e / total).collect())
    }

    /// Each concept's probability for a question's unit vector, most
    /// likely first; empty when the classifier is silent.
    pub fn predict(&self, vector: &[f32]) -> Vec<(&str, f32)> {
        let Some(p) = self.distribution(vector) else {
            return Vec::new();
        };
        let mut out: Vec<(&str, f32)> = self.names.iter().map(String::as_str).zip(p).collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// The square roots of the probabilities for a unit vector (a question's
    /// or a story's), in the classifier's order: the dot product of two is
    /// the Bhattacharyya coefficient of their distributions, 1 when they
    /// agree, 0 when they share no concept.
    pub fn roots(&self, vector: &[f32]) -> Option<Vec<f32>> {
        Some(
            self.distribution(vector)?
                .iter()
                .map(|p| p.sqrt())
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analysis::Analyzer;
    use crate::search::lexicon::Lexicon;

    fn top(question: &str) -> Vec<&'static str> {
        let vector = semantic::Model::builtin().embed(question).unwrap();
        Classifier::builtin()
            .predict(&vector)
            .into_iter()
            .take(2)
            .map(|(name, _)| name)
            .collect()
    }

    fn model() -> (u64, usize) {
        let model = semantic::Model::builtin();
        (model.fingerprint(), model.dim())
    }

    #[test]
    fn the_builtin_classifier_matches_the_builtin_model_and_lexicon() {
        let classifier = Classifier::builtin();
        let mut analyzer = Analyzer::new();
        let lexicon = Lexicon::builtin(&mut analyzer);
        let concepts: Vec<&str> = (0..lexicon.concept_count())
            .map(|c| lexicon.name(c))
            .collect();
        // A renamed concept needs `tools/semantic/themes.py` rerun. The
        // lexicon may hold concepts the classifier does not read (the two
        // directions of `feedback`, user concepts): it leaves them alone.
        for name in &classifier.names {
            assert!(concepts.contains(&name.as_str()), "{name}");
        }
        assert!(classifier.names.len() + 2 >= concepts.len());
        let vector = semantic::Model::builtin().embed("a question").unwrap();
        let sum: f32 = classifier.predict(&vector).iter().map(|p| p.1).sum();
        assert!((sum - 1.0).abs() < 1e-3, "{sum}");
    }

    #[test]
    fn questions_naming_no_concept_form_still_get_their_theme() {
        // Neither question holds a lexicon form of its theme (the lexicon
        // side is checked in tests/signals.rs for the first).
        assert_eq!(
            top("How do you start when nobody can say what they want?")[0],
            "ambiguity"
        );
        assert_eq!(
            top("Who was hardest to bring round to your idea?")[0],
            "influence"
        );
    }

    #[test]
    fn a_story_vector_reads_as_what_the_story_is_about() {
        let packed = semantic::encode(
            &semantic::Model::builtin()
                .embed("The brief was one line and nobody could say who it was for, so I drafted three mock-ups.")
                .unwrap(),
        );
        let story = semantic::decode(&packed).unwrap();
        let question = semantic::Model::builtin()
            .embed("How do you start when nobody can say what they want?")
            .unwrap();
        let other = semantic::Model::builtin()
            .embed("How did you make a slow page faster?")
            .unwrap();
        let c = Classifier::builtin();
        let fit = |q: &[f32]| -> f32 {
            let (a, b) = (c.roots(q).unwrap(), c.roots(&story).unwrap());
            a.iter().zip(&b).map(|(x, y)| x * y).sum()
        };
        assert!(
            fit(&question) > fit(&other),
            "{} {}",
            fit(&question),
            fit(&other)
        );
        assert!(fit(&question) <= 1.0 + 1e-4);
    }

    #[test]
    fn a_classifier_for_another_model_or_a_broken_file_is_silent() {
        let (fingerprint, dim) = model();
        assert!(Classifier::parse(BUILTIN, fingerprint, dim).is_some());
        assert!(Classifier::parse(BUILTIN, fingerprint ^ 1, dim).is_none());
        assert!(Classifier::parse(BUILTIN, fingerprint, dim + 1).is_none());
        assert!(Classifier::parse(&BUILTIN[..100], fingerprint, dim).is_none());
        // The names cut short: the offsets no longer end at the file's end.
        assert!(Classifier::parse(&BUILTIN[..BUILTIN.len() - 1], fingerprint, dim).is_none());
        let mut longer = BUILTIN.to_vec();
        longer.push(b'x');
        assert!(Classifier::parse(&longer, fingerprint, dim).is_none());
        // A silent classifier predicts nothing.
        let empty = Classifier::empty();
        assert!(empty.predict(&[0.5; 4]).is_empty());
        assert!(empty.roots(&[0.5; 4]).is_none());
    }
}
