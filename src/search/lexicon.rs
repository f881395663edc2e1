//! The concept lexicon: behavioural themes ("conflict", "deadline",
//! "influence") and the many ways people write them.
//!
//! Questions and stories share few words ("win over a sceptical team" vs.
//! "convinced colleagues to adopt contract tests"), but they share concepts.
//! The lexicon maps both sides onto concept names, which the index stores in
//! their own fields, and lends the question extra words to search for.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::analysis::{Analyzer, Word};
use crate::corpus::{self, CorpusError};

/// The lexicon shipped in the binary (`src/search/concepts.yaml`).
const BUILTIN: &str = include_str!("concepts.yaml");

/// File name of the compiled-lexicon cache inside an index folder.
const CACHE_FILE: &str = "starmatch-lexicon.json";

fn read_cache(dir: &Path, fingerprint: u64) -> Option<Lexicon> {
    let bytes = fs::read(dir.join(CACHE_FILE)).ok()?;
    let mut lexicon: Lexicon = serde_json::from_slice(&bytes).ok()?;
    lexicon.cached = true;
    (lexicon.fingerprint == fingerprint).then_some(lexicon)
}

/// One entry of a concepts YAML file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    pub name: String,
    #[serde(default)]
    pub forms: Vec<String>,
}

/// A concept with its forms analysed into stems.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Concept {
    pub name: String,
    /// Stems of the one-word forms, used to expand a question.
    pub word_stems: Vec<String>,
}

/// Where a concept was found in a sequence of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptHit {
    pub concept: usize,
    /// Index of the first word and number of words matched.
    pub start: usize,
    pub len: usize,
}

/// The compiled lexicon. It is cached as JSON in the index folder, keyed by a
/// hash of the source YAML, because stemming its forms on every query would
/// cost more than the search itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Lexicon {
    concepts: Vec<Concept>,
    /// First stem of a form -> (remaining stems, concept) candidates, longest first.
    forms: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// One-word surface forms for typo matching: (raw form, concept).
    typo_forms: Vec<(String, usize)>,
    fingerprint: u64,
    /// Read from the cache: nothing to save.
    #[serde(skip)]
    cached: bool,
}

impl Lexicon {
    /// The built-in lexicon plus the corpus folder's `concepts.yaml`, if
    /// present; read from `cache_dir` when a compiled copy of the same
    /// sources is there.
    pub fn load(
        analyzer: &mut Analyzer,
        user_file: Option<&Path>,
        cache_dir: Option<&Path>,
    ) -> Result<Lexicon, CorpusError> {
        let user = match user_file.filter(|p| p.is_file()) {
            Some(path) => Some((
                path,
                fs::read(path).map_err(|source| CorpusError::Io {
                    path: path.to_path_buf(),
                    source,
                })?,
            )),
            None => None,
        };
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(BUILTIN.as_bytes());
        hasher.update(&[0xff]);
        if let Some((_, bytes)) = &user {
            hasher.update(bytes);
        }
        let fingerprint = hasher.digest();
        if let Some(cached) = cache_dir.and_then(|dir| read_cache(dir, fingerprint)) {
            return Ok(cached);
        }
        let mut defs: Vec<ConceptDef> = corpus::parse_yaml_str("built-in concepts.yaml", BUILTIN)?;
        if let Some((path, _)) = user {
            let user: Vec<ConceptDef> = corpus::read_yaml(path)?;
            merge(&mut defs, user);
        }
        let mut lexicon = Lexicon::from_defs(analyzer, &defs);
        lexicon.fingerprint = fingerprint;
        Ok(lexicon)
    }

    /// Stores the compiled lexicon in `dir` for the next process (best effort:
    /// a missing cache only costs time).
    pub fn save_cache(&mut self, dir: &Path) {
        if self.cached {
            return;
        }
        self.cached = true;
        if let Ok(json) = serde_json::to_vec(self) {
            let _ = corpus::write_atomic(&dir.join(CACHE_FILE), &json);
        }
    }

    /// The built-in lexicon alone.
    pub fn builtin(analyzer: &mut Analyzer) -> Lexicon {
        // The built-in file is tested to parse; an empty lexicon is the safe fallback.
        let defs: Vec<ConceptDef> =
            corpus::parse_yaml_str("built-in concepts.yaml", BUILTIN).unwrap_or_default();
        Lexicon::from_defs(analyzer, &defs)
    }

    pub fn from_defs(analyzer: &mut Analyzer, defs: &[ConceptDef]) -> Lexicon {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let mut concepts = Vec::with_capacity(defs.len());
        let mut forms: HashMap<String, Vec<(Vec<String>, usize)>> = HashMap::new();
        let mut typo_forms = Vec::new();
        for def in defs {
            let index = concepts.len();
            let name = concept_token(&def.name);
            name.hash(&mut hasher);
            let mut word_stems = Vec::new();
            for form in &def.forms {
                form.hash(&mut hasher);
                let words = analyzer.words(form);
                let Some(first) = words.first() else { continue };
                let rest: Vec<String> = words[1..].iter().map(|w| w.stem.clone()).collect();
                if rest.is_empty() {
                    word_stems.push(first.stem.clone());
                    typo_forms.push((first.raw.clone(), index));
                }
                forms
                    .entry(first.stem.clone())
                    .or_default()
                    .push((rest, index));
            }
            word_stems.sort();
            word_stems.dedup();
            concepts.push(Concept { name, word_stems });
        }
        for candidates in forms.values_mut() {
            candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
            candidates.dedup();
        }
        Lexicon {
            concepts,
            forms,
            typo_forms,
            fingerprint: hasher.finish(),
            cached: false,
        }
    }

    pub fn concepts(&self) -> &[Concept] {
        &self.concepts
    }

    pub fn name(&self, concept: usize) -> &str {
        &self.concepts[concept].name
    }

    /// Changes whenever a concept or form changes: stored with the index so
    /// that editing the lexicon triggers a rebuild.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Finds every concept mentioned in `words`, skipping masked words
    /// (boilerplate). At each position the longest form wins; several concepts
    /// sharing that form all match.
    pub fn detect(&self, words: &[Word], masked: &[bool]) -> Vec<ConceptHit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if masked.get(i).copied().unwrap_or(false) {
                i += 1;
                continue;
            }
            let mut best_len = 0;
            if let Some(candidates) = self.forms.get(&words[i].stem) {
                for (rest, concept) in candidates {
                    let len = rest.len() + 1;
                    if len < best_len || i + len > words.len() {
                        continue;
                    }
                    let matches = rest
                        .iter()
                        .zip(&words[i + 1..])
                        .all(|(stem, w)| *stem == w.stem);
                    if matches {
                        best_len = len;
                        hits.push(ConceptHit {
                            concept: *concept,
                            start: i,
                            len,
                        });
                    }
                }
            }
            // Only keep the hits of the longest form found at this position.
            hits.retain(|h| h.start != i || h.len == best_len);
            i += best_len.max(1);
        }
        hits
    }

    /// Concepts whose one-word form is within a small edit distance of `raw`:
    /// "dissagreed" -> conflict. Only for words long enough that a typo is
    /// unlikely to turn one real word into another.
    pub fn detect_typo(&self, raw: &str) -> Vec<usize> {
        let n = raw.chars().count();
        if n < 5 {
            return Vec::new();
        }
        let max = if n >= 9 { 2 } else { 1 };
        let mut found: Vec<usize> = self
            .typo_forms
            .iter()
            .filter(|(form, _)| {
                form.len().abs_diff(raw.len()) <= max && within_distance(form, raw, max)
            })
            .map(|(_, c)| *c)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Concept names become single index tokens: lowercase, words joined by dashes.
fn concept_token(name: &str) -> String {
    crate::story::slugify(name, 8)
}

/// Adds user concepts: an existing name gains forms, a new name is appended.
fn merge(defs: &mut Vec<ConceptDef>, user: Vec<ConceptDef>) {
    for u in user {
        let key = concept_token(&u.name);
        match defs.iter_mut().find(|d| concept_token(&d.name) == key) {
            Some(existing) => existing.forms.extend(u.forms),
            None => defs.push(u),
        }
    }
}

/// Damerau-free Levenshtein distance check with an early exit.
pub fn within_distance(a: &str, b: &str, max: usize) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return false;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(lexicon: &Lexicon, text: &str) -> Vec<String> {
        let mut analyzer = Analyzer::new();
        let words = analyzer.words(text);
        let mut names: Vec<String> = lexicon
            .detect(&words, &[])
            .into_iter()
            .map(|h| lexicon.name(h.concept).to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    #[test]
    fn the_builtin_lexicon_parses() {
        let mut analyzer = Analyzer::new();
        let defs: Vec<ConceptDef> = corpus::parse_yaml_str("builtin", BUILTIN).unwrap();
        assert!(defs.len() >= 30);
        assert_eq!(Lexicon::builtin(&mut analyzer).concepts().len(), defs.len());
    }

    #[test]
    fn inflected_words_and_phrases_find_their_concept() {
        let lexicon = Lexicon::builtin(&mut Analyzer::new());
        assert_eq!(names(&lexicon, "we argued"), ["conflict"]);
        assert_eq!(names(&lexicon, "we did not see eye to eye"), ["conflict"]);
        assert_eq!(names(&lexicon, "my boss"), ["manager"]);
        assert!(names(&lexicon, "the page was sluggish").contains(&"performance".to_string()));
    }

    #[test]
    fn the_longest_form_wins_at_a_position() {
        let lexicon = Lexicon::from_defs(
            &mut Analyzer::new(),
            &[
                ConceptDef {
                    name: "short".into(),
                    forms: vec!["time".into()],
                },
                ConceptDef {
                    name: "long".into(),
                    forms: vec!["time pressure".into()],
                },
            ],
        );
        assert_eq!(names(&lexicon, "under time pressure"), ["long"]);
    }

    #[test]
    fn user_concepts_extend_the_builtin_ones() {
        let mut defs = vec![ConceptDef {
            name: "conflict".into(),
            forms: vec!["argue".into()],
        }];
        merge(
            &mut defs,
            vec![
                ConceptDef {
                    name: "Conflict".into(),
                    forms: vec!["squabble".into()],
                },
                ConceptDef {
                    name: "kubernetes".into(),
                    forms: vec!["k8s".into()],
                },
            ],
        );
        let lexicon = Lexicon::from_defs(&mut Analyzer::new(), &defs);
        assert_eq!(names(&lexicon, "a squabble"), ["conflict"]);
        assert_eq!(names(&lexicon, "k8s upgrade"), ["kubernetes"]);
    }

    #[test]
    fn typos_of_long_words_still_find_the_concept() {
        let lexicon = Lexicon::builtin(&mut Analyzer::new());
        let found: Vec<&str> = lexicon
            .detect_typo("dissagree")
            .iter()
            .map(|&c| lexicon.name(c))
            .collect();
        assert!(found.contains(&"conflict"), "{found:?}");
        assert!(
            lexicon.detect_typo("cost").is_empty(),
            "short words are never fuzzy"
        );
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert!(within_distance("kitten", "sitten", 1));
        assert!(!within_distance("kitten", "sitting", 2));
        assert!(within_distance("kitten", "sitting", 3));
    }
}
