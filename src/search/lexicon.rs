//! The concept lexicon: behavioural themes ("conflict", "deadline",
//! "influence") and the many ways people write them.
//!
//! Questions and stories share few words ("win over a sceptical team" vs.
//! "convinced colleagues to adopt contract tests"), but they share concepts.
//! The lexicon maps both sides onto concept names, which the index stores in
//! their own fields, and lends the question extra words to search for.

use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::analysis::{boilerplate_mask, boilerplate_phrases, is_stop_word, Analyzer, Word};
use crate::corpus::{self, CorpusError};

/// The lexicon shipped in the binary (`src/search/concepts.yaml`).
const BUILTIN: &str = include_str!("concepts.yaml");

/// File name of the compiled-lexicon cache inside an index folder.
const CACHE_FILE: &str = "starmatch-lexicon.tsv";

/// Binary offsets of the cached table's forms and bank entries, so that a
/// query does not re-split 11,000 lines (see [`Lexicon::offsets`]).
const OFFSETS_FILE: &str = "starmatch-lexicon.idx";
const OFFSETS_MAGIC: &[u8; 4] = b"SMLX";

fn read_cache(dir: &Path, fingerprint: u64) -> Option<Lexicon> {
    let text = fs::read_to_string(dir.join(CACHE_FILE)).ok()?;
    let expected = format!("{TABLE_HEADER} {fingerprint:016x}\n");
    if !text.starts_with(&expected) {
        return None;
    }
    let offsets = fs::read(dir.join(OFFSETS_FILE)).ok();
    match offsets.and_then(|o| Lexicon::from_offsets(&text, &o, fingerprint)) {
        Some((forms, bank)) => {
            let names_line = text.lines().nth(1)?;
            Some(Lexicon {
                names: names_line.split('\t').map(str::to_string).collect(),
                table: text,
                forms,
                fingerprint,
                cached: true,
                by_first: None,
                bank,
            })
        }
        // Without usable offsets the table is parsed, and `cached` stays
        // false so that `save_cache` writes the offsets for next time.
        None => Lexicon::from_table(text),
    }
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// One entry of a concepts YAML file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    pub name: String,
    #[serde(default)]
    pub forms: Vec<String>,
}

/// Where a concept was found in a sequence of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptHit {
    pub concept: usize,
    /// Index of the first word and number of words matched.
    pub start: usize,
    pub len: usize,
}

/// One form of a concept: byte ranges into [`Lexicon::table`].
#[derive(Debug, Clone, Copy)]
struct Form {
    first: (u32, u32),
    rest: (u32, u32),
    rest_words: u32,
    concept: u32,
    raw: (u32, u32),
}

/// The compiled lexicon: one text table of analysed forms, sorted by first
/// stem, plus offsets into it. It is cached in the index folder as that text,
/// keyed by a hash of the source YAML, so a query loads it with one read and
/// no per-form allocation; stemming ~12,000 forms on every query would cost
/// more than the search itself.
#[derive(Debug, Clone)]
pub struct Lexicon {
    names: Vec<String>,
    /// `starmatch-lexicon v2 FINGERPRINT`, the concept names (tab-separated),
    /// then one line per form: `first \t rest stems \t concept \t raw word`.
    table: String,
    forms: Vec<Form>,
    fingerprint: u64,
    /// Read from the cache: nothing to save.
    cached: bool,
    /// First stem -> range of `forms`, built by [`Lexicon::prepare_bulk`] for
    /// indexing, where `detect` runs on every word of every story.
    by_first: Option<std::collections::HashMap<Box<str>, (u32, u32)>>,
    /// The question bank: content stems and concepts of labelled questions.
    bank: Vec<BankEntry>,
}

/// One labelled question of the bank: byte ranges into the table.
#[derive(Debug, Clone, Copy)]
struct BankEntry {
    stems: (u32, u32),
    concepts: (u32, u32),
}

/// One entry of `question_bank.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankDef {
    pub q: String,
    pub concepts: Vec<String>,
}

/// The built-in bank of labelled common interview questions.
const BANK: &str = include_str!("question_bank.yaml");

const TABLE_HEADER: &str = "starmatch-lexicon v3";

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
        hasher.update(BANK.as_bytes());
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
        let bank: Vec<BankDef> = corpus::parse_yaml_str("built-in question_bank.yaml", BANK)?;
        let mut lexicon = Lexicon::from_sources(analyzer, &defs, &bank);
        lexicon.fingerprint = fingerprint;
        lexicon.table = lexicon.table.replacen(
            &format!("{TABLE_HEADER} 0000000000000000"),
            &format!("{TABLE_HEADER} {fingerprint:016x}"),
            1,
        );
        Ok(lexicon)
    }

    /// Stores the compiled lexicon in `dir` for the next process (best effort:
    /// a missing cache only costs time).
    pub fn save_cache(&mut self, dir: &Path) {
        if self.cached {
            return;
        }
        self.cached = true;
        // The offsets file names the fingerprint it belongs to, so a crash
        // between the two writes only costs a slower load.
        let _ = corpus::write_atomic(&dir.join(CACHE_FILE), self.table.as_bytes())
            .and_then(|()| corpus::write_atomic(&dir.join(OFFSETS_FILE), &self.offsets()));
    }

    /// `SMLX`, fingerprint, form and bank counts, then 8 u32 per form and 4
    /// per bank entry, little-endian.
    fn offsets(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(20 + self.forms.len() * 32 + self.bank.len() * 16);
        out.extend_from_slice(OFFSETS_MAGIC);
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&(self.forms.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.bank.len() as u32).to_le_bytes());
        for f in &self.forms {
            for v in [
                f.first.0,
                f.first.1,
                f.rest.0,
                f.rest.1,
                f.rest_words,
                f.concept,
                f.raw.0,
                f.raw.1,
            ] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        for b in &self.bank {
            for v in [b.stems.0, b.stems.1, b.concepts.0, b.concepts.1] {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out
    }

    /// Reads [`Lexicon::offsets`] back, checking that every range lies inside
    /// `table` on character boundaries; `None` means "parse the table instead".
    fn from_offsets(
        table: &str,
        bytes: &[u8],
        fingerprint: u64,
    ) -> Option<(Vec<Form>, Vec<BankEntry>)> {
        if bytes.len() < 20 || &bytes[..4] != OFFSETS_MAGIC {
            return None;
        }
        if u64::from_le_bytes(bytes[4..12].try_into().ok()?) != fingerprint {
            return None;
        }
        let forms_n = u32::from_le_bytes(bytes[12..16].try_into().ok()?) as usize;
        let bank_n = u32::from_le_bytes(bytes[16..20].try_into().ok()?) as usize;
        let body = &bytes[20..];
        if body.len() != forms_n * 32 + bank_n * 16 {
            return None;
        }
        let ok = |(a, b): (u32, u32)| {
            a <= b
                && table.is_char_boundary(a as usize)
                && table.is_char_boundary(b as usize)
                && (b as usize) <= table.len()
        };
        let v: Vec<u32> = u32s(body).collect();
        let mut forms = Vec::with_capacity(forms_n);
        for c in v[..forms_n * 8].chunks_exact(8) {
            let form = Form {
                first: (c[0], c[1]),
                rest: (c[2], c[3]),
                rest_words: c[4],
                concept: c[5],
                raw: (c[6], c[7]),
            };
            if !(ok(form.first) && ok(form.rest) && ok(form.raw)) {
                return None;
            }
            forms.push(form);
        }
        let mut bank = Vec::with_capacity(bank_n);
        for c in v[forms_n * 8..].chunks_exact(4) {
            let entry = BankEntry {
                stems: (c[0], c[1]),
                concepts: (c[2], c[3]),
            };
            if !(ok(entry.stems) && ok(entry.concepts)) {
                return None;
            }
            bank.push(entry);
        }
        Some((forms, bank))
    }

    /// The built-in lexicon alone.
    #[cfg(test)]
    pub fn builtin(analyzer: &mut Analyzer) -> Lexicon {
        // The built-in file is tested to parse; an empty lexicon is the safe fallback.
        let defs: Vec<ConceptDef> =
            corpus::parse_yaml_str("built-in concepts.yaml", BUILTIN).unwrap_or_default();
        let bank: Vec<BankDef> =
            corpus::parse_yaml_str("built-in question_bank.yaml", BANK).unwrap_or_default();
        Lexicon::from_sources(analyzer, &defs, &bank)
    }

    /// A lexicon of these concepts alone, without a question bank.
    pub fn from_defs(analyzer: &mut Analyzer, defs: &[ConceptDef]) -> Lexicon {
        Lexicon::from_sources(analyzer, defs, &[])
    }

    pub fn from_sources(analyzer: &mut Analyzer, defs: &[ConceptDef], bank: &[BankDef]) -> Lexicon {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut names = Vec::with_capacity(defs.len());
        let mut rows: Vec<(String, usize, String, usize, String)> = Vec::new();
        for def in defs {
            let concept = names.len();
            let name = concept_token(&def.name);
            hasher.update(name.as_bytes());
            for form in &def.forms {
                hasher.update(form.as_bytes());
                hasher.update(&[0]);
                let words = analyzer.words(form);
                let Some(first) = words.first() else { continue };
                let rest: Vec<&str> = words[1..].iter().map(|w| w.stem.as_str()).collect();
                let raw = if rest.is_empty() {
                    first.raw.clone()
                } else {
                    String::new()
                };
                rows.push((first.stem.clone(), rest.len(), rest.join(" "), concept, raw));
            }
            names.push(name);
        }
        // Sorted by first stem, then by the rest: `detect` binary-searches both.
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        rows.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2 && a.3 == b.3);
        let mut table = format!("{TABLE_HEADER} {:016x}\n{}\n", 0u64, names.join("\t"));
        for (first, _, rest, concept, raw) in &rows {
            table.push_str(&format!("{first}\t{rest}\t{concept}\t{raw}\n"));
        }
        // Bank lines start with `?`, which no stem does: content stems of the
        // question (boilerplate and stop words removed, as for a query) and
        // the indexes of its concepts.
        let phrases = boilerplate_phrases();
        for entry in bank {
            hasher.update(entry.q.as_bytes());
            let concepts: Vec<String> = entry
                .concepts
                .iter()
                .filter_map(|c| names.iter().position(|n| *n == concept_token(c)))
                .map(|i| i.to_string())
                .collect();
            let words = analyzer.words(&entry.q);
            let mask = boilerplate_mask(&words, &phrases);
            let mut stems: Vec<&str> = Vec::new();
            for (w, masked) in words.iter().zip(&mask) {
                if !masked && !is_stop_word(&w.raw) && !stems.contains(&w.stem.as_str()) {
                    stems.push(&w.stem);
                }
            }
            if !stems.is_empty() && !concepts.is_empty() {
                table.push_str(&format!("?\t{}\t{}\n", stems.join(" "), concepts.join(",")));
            }
        }
        let fingerprint = hasher.digest();
        let mut lexicon = Lexicon::from_table(table).unwrap_or_else(|| Lexicon {
            names: Vec::new(),
            table: String::new(),
            forms: Vec::new(),
            fingerprint: 0,
            cached: false,
            by_first: None,
            bank: Vec::new(),
        });
        lexicon.fingerprint = fingerprint;
        lexicon
    }

    /// Parses a compiled table (as written by [`Lexicon::from_defs`]).
    fn from_table(table: String) -> Option<Lexicon> {
        let mut lines = table.split_inclusive('\n');
        let header = lines.next()?.trim_end();
        let fingerprint =
            u64::from_str_radix(header.strip_prefix(TABLE_HEADER)?.trim(), 16).ok()?;
        let names_line = lines.next()?.trim_end_matches('\n');
        let names: Vec<String> = if names_line.is_empty() {
            Vec::new()
        } else {
            names_line.split('\t').map(str::to_string).collect()
        };
        let mut forms = Vec::new();
        let mut bank = Vec::new();
        let mut offset = header.len() + 1 + names_line.len() + 1;
        for line in lines {
            let start = offset as u32;
            offset += line.len();
            let body = line.trim_end_matches('\n');
            let span = |field: &str| {
                let a = start + (field.as_ptr() as usize - body.as_ptr() as usize) as u32;
                (a, a + field.len() as u32)
            };
            if let Some(entry) = body.strip_prefix("?\t") {
                let (stems, concepts) = entry.split_once('\t')?;
                if concepts
                    .split(',')
                    .any(|c| c.parse::<usize>().map_or(true, |c| c >= names.len()))
                {
                    return None;
                }
                bank.push(BankEntry {
                    stems: span(stems),
                    concepts: span(concepts),
                });
                continue;
            }
            let mut fields = body.split('\t');
            let (first, rest, concept, raw) = (
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            );
            let concept: u32 = concept.parse().ok()?;
            if concept as usize >= names.len() {
                return None;
            }
            forms.push(Form {
                first: span(first),
                rest: span(rest),
                rest_words: if rest.is_empty() {
                    0
                } else {
                    rest.split(' ').count() as u32
                },
                concept,
                raw: span(raw),
            });
        }
        Some(Lexicon {
            names,
            table,
            forms,
            fingerprint,
            cached: false,
            by_first: None,
            bank,
        })
    }

    /// Concepts a question is probably about, from its nearest labelled
    /// questions in the bank: each bank question scores the IDF of the
    /// question stems it shares, normalised by its length; the concepts of
    /// the three best are returned with weights relative to the best.
    pub fn infer(&self, stems: &[String]) -> Vec<(usize, f32)> {
        let n = self.bank.len() as f32;
        if self.bank.is_empty() || stems.is_empty() {
            return Vec::new();
        }
        let entry_stems = |e: &BankEntry| self.text(e.stems).split(' ');
        let idf: Vec<f32> = stems
            .iter()
            .map(|s| {
                let df = self
                    .bank
                    .iter()
                    .filter(|e| entry_stems(e).any(|t| t == s))
                    .count() as f32;
                if df == 0.0 {
                    0.0
                } else {
                    ((n + 1.0) / (df + 0.5)).ln()
                }
            })
            .collect();
        let mut scored: Vec<(f32, &BankEntry)> = self
            .bank
            .iter()
            .filter_map(|e| {
                let len = entry_stems(e).count().max(1) as f32;
                let shared: f32 = stems
                    .iter()
                    .zip(&idf)
                    .filter(|(s, _)| entry_stems(e).any(|t| t == s.as_str()))
                    .map(|(_, w)| w)
                    .sum();
                (shared > 0.0).then(|| (shared / len.sqrt(), e))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some(&(top, _)) = scored.first() else {
            return Vec::new();
        };
        let mut concepts: Vec<(usize, f32)> = Vec::new();
        for (score, entry) in scored.iter().take(3) {
            for c in self
                .text(entry.concepts)
                .split(',')
                .filter_map(|c| c.parse().ok())
            {
                match concepts.iter_mut().find(|(k, _)| *k == c) {
                    Some((_, w)) => *w += score / top,
                    None => concepts.push((c, score / top)),
                }
            }
        }
        concepts.sort_by(|a, b| b.1.total_cmp(&a.1));
        concepts
    }

    fn text(&self, (a, b): (u32, u32)) -> &str {
        &self.table[a as usize..b as usize]
    }

    pub fn concept_count(&self) -> usize {
        self.names.len()
    }

    pub fn name(&self, concept: usize) -> &str {
        &self.names[concept]
    }

    /// Stems of a concept's one-word forms, used to expand a question and to
    /// highlight related words.
    pub fn word_stems(&self, concept: usize) -> Vec<&str> {
        let mut stems: Vec<&str> = self
            .forms
            .iter()
            .filter(|f| f.concept as usize == concept && f.rest_words == 0)
            .map(|f| self.text(f.first))
            .collect();
        stems.dedup();
        stems
    }

    /// Changes whenever a concept or form changes: stored with the index so
    /// that editing the lexicon triggers a rebuild.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Builds a hash index of first stems: worth its ~1 ms before analysing
    /// thousands of stories, not before one question.
    pub fn prepare_bulk(&mut self) {
        let mut map = std::collections::HashMap::new();
        let mut i = 0;
        while i < self.forms.len() {
            let first = self.text(self.forms[i].first);
            let mut j = i + 1;
            while j < self.forms.len() && self.text(self.forms[j].first) == first {
                j += 1;
            }
            map.insert(first.into(), (i as u32, j as u32));
            i = j;
        }
        self.by_first = Some(map);
    }

    /// The forms starting with `stem`, sorted by the rest of their stems.
    fn forms_starting(&self, stem: &str) -> &[Form] {
        if let Some(map) = &self.by_first {
            return map
                .get(stem)
                .map_or(&[], |&(a, b)| &self.forms[a as usize..b as usize]);
        }
        let lo = self.forms.partition_point(|f| self.text(f.first) < stem);
        let hi = lo + self.forms[lo..].partition_point(|f| self.text(f.first) == stem);
        &self.forms[lo..hi]
    }

    /// Finds every concept mentioned in `words`, skipping masked words
    /// (boilerplate). At each position the longest form wins; several concepts
    /// sharing that form all match.
    pub fn detect(&self, words: &[Word], masked: &[bool]) -> Vec<ConceptHit> {
        let mut hits = Vec::new();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if masked.get(i).copied().unwrap_or(false) {
                i += 1;
                continue;
            }
            found.clear();
            // Forms are sorted by rest: the one-word forms (empty rest) come
            // first, and multi-word forms continuing with the next word form
            // one contiguous run, found by binary search.
            let candidates = self.forms_starting(&words[i].stem);
            let singles = candidates.partition_point(|f| f.rest_words == 0);
            found.extend(
                candidates[..singles]
                    .iter()
                    .map(|f| (f.concept as usize, 1)),
            );
            if let Some(next) = words.get(i + 1) {
                let multi = &candidates[singles..];
                let next = next.stem.as_str();
                let lo = multi.partition_point(|f| self.text(f.rest) < next);
                let hi = lo + multi[lo..].partition_point(|f| self.text(f.rest).starts_with(next));
                for form in &multi[lo..hi] {
                    let len = form.rest_words as usize + 1;
                    if i + len > words.len() {
                        continue;
                    }
                    let matches = self
                        .text(form.rest)
                        .split(' ')
                        .zip(&words[i + 1..])
                        .all(|(stem, w)| stem == w.stem);
                    if matches {
                        found.push((form.concept as usize, len));
                    }
                }
            }
            // The longest form found at this position wins.
            let best_len = found.iter().map(|&(_, len)| len).max().unwrap_or(0);
            for &(concept, len) in &found {
                let hit = ConceptHit {
                    concept,
                    start: i,
                    len,
                };
                if len == best_len && !hits.contains(&hit) {
                    hits.push(hit);
                }
            }
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
        // Typos rarely change the first letter; requiring it keeps this cheap
        // against ~12,000 forms.
        let first = raw.as_bytes()[0];
        let mut found: Vec<usize> = self
            .forms
            .iter()
            .filter(|f| f.rest_words == 0)
            .filter(|f| {
                let form = self.text(f.raw);
                form.as_bytes().first() == Some(&first)
                    && form.len().abs_diff(raw.len()) <= max
                    && within_distance(form, raw, max)
            })
            .map(|f| f.concept as usize)
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
        assert_eq!(Lexicon::builtin(&mut analyzer).concept_count(), defs.len());
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
    fn the_cached_table_loads_back_to_the_same_lexicon() {
        let dir = tempfile::tempdir().unwrap();
        let mut analyzer = Analyzer::new();
        let mut fresh = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        assert!(!fresh.cached);
        fresh.save_cache(dir.path());
        let cached = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        assert!(cached.cached);
        assert!(dir.path().join(OFFSETS_FILE).is_file());
        assert_eq!(cached.forms.len(), fresh.forms.len());
        assert_eq!(cached.bank.len(), fresh.bank.len());
        assert_eq!(cached.fingerprint(), fresh.fingerprint());
        assert_eq!(cached.names, fresh.names);
        let text = "we butted heads over the slow api and my boss stepped in";
        assert_eq!(names(&cached, text), names(&fresh, text));
        assert!(names(&cached, text).contains(&"conflict".to_string()));
    }

    #[test]
    fn a_damaged_offsets_file_falls_back_to_parsing_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let mut analyzer = Analyzer::new();
        let mut fresh = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        fresh.save_cache(dir.path());
        let idx = dir.path().join(OFFSETS_FILE);
        let mut bytes = std::fs::read(&idx).unwrap();
        bytes.truncate(bytes.len() - 3);
        std::fs::write(&idx, bytes).unwrap();
        let mut parsed = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        assert!(
            !parsed.cached,
            "parsed from the table, so the offsets get rewritten"
        );
        assert_eq!(parsed.forms.len(), fresh.forms.len());
        parsed.save_cache(dir.path());
        assert!(
            Lexicon::load(&mut analyzer, None, Some(dir.path()))
                .unwrap()
                .cached
        );
    }

    #[test]
    fn a_cache_for_other_sources_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CACHE_FILE),
            "starmatch-lexicon v3 0000000000000001\nx\n",
        )
        .unwrap();
        let lexicon = Lexicon::load(&mut Analyzer::new(), None, Some(dir.path())).unwrap();
        assert!(!lexicon.cached);
        assert!(lexicon.concept_count() > 30);
    }

    #[test]
    fn the_bank_infers_concepts_from_the_nearest_labelled_question() {
        let defs = vec![
            ConceptDef {
                name: "hiring".into(),
                forms: vec!["hire".into()],
            },
            ConceptDef {
                name: "cost".into(),
                forms: vec!["budget".into()],
            },
        ];
        let bank = vec![
            BankDef {
                q: "How have you made candidate selection more reliable?".into(),
                concepts: vec!["hiring".into()],
            },
            BankDef {
                q: "Tell me about trimming an expense.".into(),
                concepts: vec!["cost".into()],
            },
        ];
        let mut analyzer = Analyzer::new();
        let lexicon = Lexicon::from_sources(&mut analyzer, &defs, &bank);
        let stems: Vec<String> = analyzer
            .words("Candidate selection felt like a gamble")
            .into_iter()
            .filter(|w| !is_stop_word(&w.raw))
            .map(|w| w.stem)
            .collect();
        let inferred = lexicon.infer(&stems);
        assert_eq!(lexicon.name(inferred[0].0), "hiring", "{inferred:?}");
        assert!(lexicon.infer(&["zeppelin".to_string()]).is_empty());
    }

    #[test]
    fn every_bank_question_names_known_concepts() {
        let defs: Vec<ConceptDef> = corpus::parse_yaml_str("builtin", BUILTIN).unwrap();
        let bank: Vec<BankDef> = corpus::parse_yaml_str("bank", BANK).unwrap();
        assert!(bank.len() >= 300, "{}", bank.len());
        for entry in &bank {
            for c in &entry.concepts {
                assert!(
                    defs.iter()
                        .any(|d| concept_token(&d.name) == concept_token(c)),
                    "{c} in {:?}",
                    entry.q
                );
            }
        }
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
