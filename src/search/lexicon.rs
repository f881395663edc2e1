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

/// Left by versions that cached binary offsets beside the table; removed
/// when the cache is rewritten.
const OLD_OFFSETS_FILE: &str = "starmatch-lexicon.idx";

/// The cached table for `fingerprint`, if it is there and whole: its header
/// carries a hash of the rest, so a damaged file is recompiled, not trusted.
fn read_cache(dir: &Path, fingerprint: u64) -> Option<Lexicon> {
    let text = fs::read_to_string(dir.join(CACHE_FILE)).ok()?;
    let (header, body) = text.split_once('\n')?;
    let mut fields = header.strip_prefix(TABLE_HEADER)?.split_whitespace();
    let stored_fingerprint = u64::from_str_radix(fields.next()?, 16).ok()?;
    let body_hash = u64::from_str_radix(fields.next()?, 16).ok()?;
    if stored_fingerprint != fingerprint || xxhash_rust::xxh3::xxh3_64(body.as_bytes()) != body_hash
    {
        return None;
    }
    let mut lexicon = Lexicon::from_table(text)?;
    lexicon.fingerprint = fingerprint;
    lexicon.cached = true;
    Some(lexicon)
}

/// The stem a word has inside a multi-word form: a superlative reads as its
/// base adjective, so "hardest decision" matches the form "hard decision",
/// "worst hire" matches "bad hire" and "slowest build" matches "slow build".
/// One-word forms keep the word's own stem ("proudest" is not "proud").
fn phrase_stem(word: &Word) -> &str {
    // The Snowball stems of the base words (checked in a test).
    match word.raw.as_str() {
        "hardest" => "hard",
        "toughest" => "tough",
        "biggest" => "big",
        "largest" => "larg",
        "greatest" => "great",
        "worst" => "bad",
        "slowest" => "slow",
        "fastest" => "fast",
        "smallest" => "small",
        "highest" => "high",
        "lowest" => "low",
        "longest" => "long",
        "shortest" => "short",
        "strongest" => "strong",
        "weakest" => "weak",
        "oldest" => "old",
        "busiest" => "busi",
        "angriest" => "angri",
        "trickiest" => "tricki",
        "riskiest" => "riski",
        "scariest" => "scari",
        "messiest" => "messi",
        _ => &word.stem,
    }
}

/// One entry of a concepts YAML file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptDef {
    pub name: String,
    #[serde(default)]
    pub forms: Vec<String>,
    /// A broader concept every form of this one also names:
    /// `receiving-feedback` is `feedback` too.
    #[serde(default)]
    pub broader: Option<String>,
}

/// Where a concept was found in a sequence of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptHit {
    pub concept: usize,
    /// Index of the first word and number of words matched.
    pub start: usize,
    pub len: usize,
}

/// One form of a concept, parsed from its line of [`Lexicon::table`]:
/// byte ranges into the table.
#[derive(Debug, Clone, Copy)]
struct Form {
    first: (u32, u32),
    rest: (u32, u32),
    rest_words: u32,
    concept: u32,
    raw: (u32, u32),
}

/// The compiled lexicon: one text table of analysed forms, one line per form,
/// sorted by first stem. It is cached in the index folder, keyed by a hash of
/// the source YAML, so a query loads it with one read and a scan for line
/// ends, and parses only the lines its binary searches touch; stemming
/// ~12,000 forms on every query would cost more than the search itself.
#[derive(Debug, Clone)]
pub struct Lexicon {
    names: Vec<String>,
    /// `starmatch-lexicon v5 FINGERPRINT BODYHASH`, the concept names
    /// (tab-separated), one line per form: `first \t rest stems \t concept
    /// \t raw word`, then one line per concept listing its one-word stems
    /// (`= \t concept \t stems`), then the bank lines (`? \t ...`).
    table: String,
    /// Byte offset of each form line in `table`.
    lines: Vec<u32>,
    fingerprint: u64,
    /// Read from the cache: nothing to save.
    cached: bool,
    /// First stem -> range of form lines, built by [`Lexicon::prepare_bulk`]
    /// for indexing, where `detect` runs on every word of every story.
    by_first: Option<std::collections::HashMap<Box<str>, (u32, u32)>>,
    /// Every form line parsed, also built by [`Lexicon::prepare_bulk`].
    parsed: Option<Vec<Form>>,
    /// The question bank: content stems and concepts of labelled questions.
    bank: Vec<BankEntry>,
    /// Per concept, its one-word stems (space-separated, in table order).
    word_stems: Vec<(u32, u32)>,
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

/// A slot in a multi-word form: one to [`SLOT_WORDS`] words of any kind.
const SLOT: &str = "*";
const SLOT_WORDS: usize = 3;
/// Most slots in one form: a form is matched by trying every filling of
/// its slots, 3^slots ways at worst.
const MAX_SLOTS: usize = 2;

const TABLE_HEADER: &str = "starmatch-lexicon v10";

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
        // The header names the table's version, which changes with the
        // stemmer and the matching rules: an index built with another one is
        // rebuilt, as when the sources change.
        hasher.update(TABLE_HEADER.as_bytes());
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
        if let Some((path, bytes)) = user {
            let user: Vec<ConceptDef> = corpus::read_yaml(path)?;
            let text = String::from_utf8_lossy(&bytes);
            check_user_forms(analyzer, path, &text, &user)?;
            merge(&mut defs, user.clone());
            check_broader(path, &text, &defs, &user)?;
        }
        let bank: Vec<BankDef> = corpus::parse_yaml_str("built-in question_bank.yaml", BANK)?;
        let mut lexicon = Lexicon::from_sources(analyzer, &defs, &bank);
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
        let body = self.table.split_once('\n').map_or("", |(_, body)| body);
        let header = format!(
            "{TABLE_HEADER} {:016x} {:016x}\n",
            self.fingerprint,
            xxhash_rust::xxh3::xxh3_64(body.as_bytes())
        );
        let _ = corpus::write_atomic(&dir.join(CACHE_FILE), format!("{header}{body}").as_bytes());
        let _ = fs::remove_file(dir.join(OLD_OFFSETS_FILE));
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
        let tokens: Vec<String> = defs.iter().map(|d| concept_token(&d.name)).collect();
        for def in defs {
            let concept = names.len();
            let name = concept_token(&def.name);
            hasher.update(name.as_bytes());
            let broader = def.broader.as_deref().and_then(|b| {
                hasher.update(b.as_bytes());
                let token = concept_token(b);
                tokens
                    .iter()
                    .position(|t| *t == token)
                    .filter(|&c| c != concept)
            });
            for form in &def.forms {
                hasher.update(form.as_bytes());
                hasher.update(&[0]);
                // A `*` between words is a slot for one to three words of
                // any kind: "talk * out of" also reads "talked the whole team
                // out of".
                // A slot first, last or beside another one makes no form.
                let parts: Vec<Vec<Word>> = form.split(SLOT).map(|p| analyzer.words(p)).collect();
                // At most MAX_SLOTS slots: matching tries every filling.
                if parts.iter().any(Vec::is_empty) || parts.len() > MAX_SLOTS + 1 {
                    continue;
                }
                let mut words = Vec::new();
                let mut slots = Vec::new();
                for part in parts {
                    if !words.is_empty() {
                        slots.push(words.len());
                    }
                    words.extend(part);
                }
                let Some(first) = words.first() else { continue };
                let mut rest: Vec<&str> = words[1..].iter().map(phrase_stem).collect();
                for &at in slots.iter().rev() {
                    rest.insert(at - 1, SLOT);
                }
                let (first, raw) = if rest.is_empty() {
                    (first.stem.clone(), first.raw.clone())
                } else {
                    (phrase_stem(first).to_owned(), String::new())
                };
                let rest_len = rest.len();
                let rest = rest.join(" ");
                if let Some(broader) = broader {
                    rows.push((first.clone(), rest_len, rest.clone(), broader, raw.clone()));
                }
                rows.push((first, rest_len, rest, concept, raw));
            }
            names.push(name);
        }
        // Sorted by first stem, then by the rest: `detect` binary-searches both.
        rows.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        rows.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2 && a.3 == b.3);
        let mut table = format!("{TABLE_HEADER}\n{}\n", names.join("\t"));
        for (first, _, rest, concept, raw) in &rows {
            table.push_str(&format!("{first}\t{rest}\t{concept}\t{raw}\n"));
        }
        let mut word_stems: Vec<Vec<&str>> = vec![Vec::new(); names.len()];
        for (first, rest_len, _, concept, _) in &rows {
            let stems = &mut word_stems[*concept];
            if *rest_len == 0 && stems.last() != Some(&first.as_str()) {
                stems.push(first);
            }
        }
        for (concept, stems) in word_stems.iter().enumerate() {
            table.push_str(&format!("=\t{concept}\t{}\n", stems.join(" ")));
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
            let mask = boilerplate_mask(&words, phrases);
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
            lines: Vec::new(),
            fingerprint: 0,
            cached: false,
            by_first: None,
            parsed: None,
            bank: Vec::new(),
            word_stems: Vec::new(),
        });
        lexicon.fingerprint = fingerprint;
        lexicon
    }

    /// Reads a compiled table (as written by [`Lexicon::from_sources`]):
    /// the names, where each form line starts, and the bank entries. Form
    /// lines are parsed only when a search reaches them.
    fn from_table(table: String) -> Option<Lexicon> {
        let (_header, rest) = table.split_once('\n')?;
        let (names_line, _) = rest.split_once('\n')?;
        let names: Vec<String> = if names_line.is_empty() {
            Vec::new()
        } else {
            names_line.split('\t').map(str::to_string).collect()
        };
        let offset = table.len() - rest.len() + names_line.len() + 1;
        let mut lines = Vec::new();
        let mut bank = Vec::new();
        let mut word_stems = Vec::new();
        let body = &table[offset..];
        // memchr: this loop runs on every query, over ~11,000 lines.
        let ends = memchr::memchr_iter(b'\n', body.as_bytes()).map(|i| i + 1);
        let mut from = 0;
        for end in ends.chain((!body.is_empty() && !body.ends_with('\n')).then_some(body.len())) {
            let line = &body[from..end];
            let start = u32::try_from(offset + from).ok()?;
            from = end;
            if let Some(entry) = line.strip_prefix("=\t") {
                let (number, stems) = entry.trim_end_matches('\n').split_once('\t')?;
                let concept: usize = number.parse().ok()?;
                if concept >= names.len() {
                    return None;
                }
                let at = start + (line.len() - entry.len() + number.len() + 1) as u32;
                word_stems.resize(names.len(), (0, 0));
                word_stems[concept] = (at, at + stems.len() as u32);
                continue;
            }
            let Some(entry) = line.strip_prefix("?\t") else {
                lines.push(start);
                continue;
            };
            let (stems, concepts) = entry.trim_end_matches('\n').split_once('\t')?;
            if concepts
                .split(',')
                .any(|c| c.parse::<usize>().map_or(true, |c| c >= names.len()))
            {
                return None;
            }
            let stems_at = start + 2;
            let concepts_at = stems_at + stems.len() as u32 + 1;
            bank.push(BankEntry {
                stems: (stems_at, stems_at + stems.len() as u32),
                concepts: (concepts_at, concepts_at + concepts.len() as u32),
            });
        }
        Some(Lexicon {
            names,
            table,
            lines,
            fingerprint: 0,
            cached: false,
            by_first: None,
            parsed: None,
            bank,
            word_stems,
        })
    }

    /// Parses form line `i`. A malformed line (only a damaged table has
    /// one) reads as a form that matches no word.
    fn form(&self, i: usize) -> Form {
        if let Some(parsed) = &self.parsed {
            return parsed[i];
        }
        let start = self.lines[i] as usize;
        let rest = self.table.get(start..).unwrap_or("");
        let end = memchr::memchr(b'\n', rest.as_bytes()).unwrap_or(rest.len());
        let line = &rest[..end];
        let at = |field: &str| {
            let a = (start + (field.as_ptr() as usize - line.as_ptr() as usize)) as u32;
            (a, a + field.len() as u32)
        };
        let mut fields = line.split('\t');
        let (Some(first), Some(rest), Some(concept), Some(raw)) =
            (fields.next(), fields.next(), fields.next(), fields.next())
        else {
            // The whole line keeps binary searches in order.
            return Form {
                first: at(line),
                rest: (0, 0),
                rest_words: u32::MAX,
                concept: 0,
                raw: (0, 0),
            };
        };
        let concept = concept
            .parse::<u32>()
            .ok()
            .filter(|&c| (c as usize) < self.names.len());
        Form {
            first: at(first),
            rest: at(rest),
            rest_words: match concept {
                None => u32::MAX,
                Some(_) if rest.is_empty() => 0,
                Some(_) => rest.split(' ').count() as u32,
            },
            concept: concept.unwrap_or(0),
            raw: at(raw),
        }
    }

    /// The raw word of form line `i` if it is a one-word form (its rest is
    /// empty), found without parsing the whole line.
    fn single_word_raw(&self, i: usize) -> Option<&str> {
        if let Some(parsed) = &self.parsed {
            let f = parsed[i];
            return (f.rest_words == 0).then(|| self.text(f.raw));
        }
        let rest = self.table.get(self.lines[i] as usize..)?;
        let bytes = rest.as_bytes();
        let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
        let first_tab = memchr::memchr(b'\t', &bytes[..end])?;
        if bytes.get(first_tab + 1) != Some(&b'\t') {
            return None;
        }
        let concept_start = first_tab + 2;
        let raw_start = concept_start + memchr::memchr(b'\t', &bytes[concept_start..end])? + 1;
        rest.get(raw_start..end)
    }

    #[cfg(test)]
    fn forms(&self) -> impl Iterator<Item = Form> + '_ {
        (0..self.lines.len()).map(|i| self.form(i))
    }

    /// The first index in `lo..hi` whose form fails `pred`, for a `pred`
    /// that holds on a prefix of the range.
    fn partition(&self, lo: usize, hi: usize, pred: impl Fn(&Form) -> bool) -> usize {
        let (mut lo, mut hi) = (lo, hi);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(&self.form(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
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
        // One pass over the bank: which question stems each entry shares.
        let mut df = vec![0usize; stems.len()];
        let mut sharing: Vec<(&BankEntry, usize, Vec<usize>)> = Vec::new();
        for entry in &self.bank {
            let entry_stems: Vec<&str> = self.text(entry.stems).split(' ').collect();
            let shared: Vec<usize> = (0..stems.len())
                .filter(|&i| entry_stems.contains(&stems[i].as_str()))
                .collect();
            if !shared.is_empty() {
                shared.iter().for_each(|&i| df[i] += 1);
                sharing.push((entry, entry_stems.len().max(1), shared));
            }
        }
        let idf: Vec<f32> = df
            .iter()
            .map(|&df| ((n + 1.0) / (df as f32 + 0.5)).ln())
            .collect();
        let mut scored: Vec<(f32, &BankEntry)> = sharing
            .into_iter()
            .map(|(entry, len, shared)| {
                let sum: f32 = shared.iter().map(|&i| idf[i]).sum();
                (sum / (len as f32).sqrt(), entry)
            })
            .filter(|&(score, _)| score > 0.0)
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
        self.table.get(a as usize..b as usize).unwrap_or("")
    }

    pub fn concept_count(&self) -> usize {
        self.names.len()
    }

    /// The concept of this name, if the lexicon has it.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    pub fn name(&self, concept: usize) -> &str {
        self.names.get(concept).map_or("", String::as_str)
    }

    /// The names of `concepts`, in their order.
    pub fn names_of(&self, concepts: &[usize]) -> Vec<String> {
        concepts.iter().map(|&c| self.name(c).to_string()).collect()
    }

    /// Stems of a concept's one-word forms, used to expand a question and to
    /// highlight related words.
    pub fn word_stems(&self, concept: usize) -> Vec<&str> {
        self.word_stems
            .get(concept)
            .map(|&span| {
                self.text(span)
                    .split(' ')
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Changes whenever a concept or form changes: stored with the index so
    /// that editing the lexicon triggers a rebuild.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Parses every form line and builds a hash index of first stems: worth
    /// its ~2 ms before analysing thousands of stories, not before one question.
    pub fn prepare_bulk(&mut self) {
        let n = self.lines.len();
        self.parsed = Some((0..n).map(|i| self.form(i)).collect());
        let mut map = std::collections::HashMap::new();
        let mut i = 0;
        while i < n {
            let first = self.text(self.form(i).first);
            let mut j = i + 1;
            while j < n && self.text(self.form(j).first) == first {
                j += 1;
            }
            map.insert(first.into(), (i as u32, j as u32));
            i = j;
        }
        self.by_first = Some(map);
    }

    /// The range of form lines starting with `stem`, sorted by the rest of
    /// their stems.
    fn forms_starting(&self, stem: &str) -> (usize, usize) {
        if let Some(map) = &self.by_first {
            return map
                .get(stem)
                .map_or((0, 0), |&(a, b)| (a as usize, b as usize));
        }
        let n = self.lines.len();
        let lo = self.partition(0, n, |f| self.text(f.first) < stem);
        let hi = self.partition(lo, n, |f| self.text(f.first) == stem);
        (lo, hi)
    }

    /// Finds every concept mentioned in `words`, skipping masked words
    /// (boilerplate). At each position the longest form wins; several concepts
    /// sharing that form all match.
    pub fn detect(&self, words: &[Word], masked: &[bool]) -> Vec<ConceptHit> {
        let mut hits: Vec<ConceptHit> = Vec::new();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut slotted: Vec<(usize, usize, usize)> = Vec::new();
        // (concept, end) of slot hits still spanning the words ahead.
        let mut slot_spans: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if masked.get(i).copied().unwrap_or(false) {
                i += 1;
                continue;
            }
            found.clear();
            slotted.clear();
            // Forms are sorted by rest: the one-word forms (empty rest) come
            // first, and multi-word forms continuing with the next word form
            // one contiguous run, found by binary search.
            let (from, to) = self.forms_starting(&words[i].stem);
            let singles = self.partition(from, to, |f| f.rest_words == 0);
            found.extend((from..singles).map(|j| (self.form(j).concept as usize, 1)));
            if let Some(next) = words.get(i + 1) {
                // Phrases are matched with superlatives read as their base
                // adjective (see `phrase_stem`).
                let first = phrase_stem(&words[i]);
                let (singles, to) = if first == words[i].stem {
                    (singles, to)
                } else {
                    let (from, to) = self.forms_starting(first);
                    (self.partition(from, to, |f| f.rest_words == 0), to)
                };
                let next = phrase_stem(next);
                let lo = self.partition(singles, to, |f| self.text(f.rest) < next);
                let hi = self.partition(lo, to, |f| self.text(f.rest).starts_with(next));
                for form in (lo..hi).map(|j| self.form(j)) {
                    if let Some(len) = rest_match(self.text(form.rest), &words[i + 1..]) {
                        found.push((form.concept as usize, len + 1));
                    }
                }
                // Forms with a slot right after their first word. Their
                // hits do not hide the words in the slot, which may name
                // concepts of their own ("talked my *manager* out of").
                let lo = self.partition(singles, to, |f| self.text(f.rest) < SLOT);
                let hi = self.partition(lo, to, |f| self.text(f.rest).starts_with(SLOT));
                for form in (lo..hi).map(|j| self.form(j)) {
                    let Some(len) = rest_match(self.text(form.rest), &words[i + 1..]) else {
                        continue;
                    };
                    let len = len + 1;
                    let concept = form.concept as usize;
                    let span_masked = masked.iter().skip(i).take(len).any(|&m| m);
                    // How many words the form spells out: of two slot forms
                    // matching here, the more specific one wins ("gave you *
                    // feedback" is receiving it, over "gave * feedback").
                    let literal = 1 + self
                        .text(form.rest)
                        .split(' ')
                        .filter(|w| !w.is_empty() && *w != SLOT)
                        .count();
                    if !span_masked && !slotted.iter().any(|&(c, _, _)| c == concept) {
                        slotted.push((concept, len, literal));
                    }
                }
                // Only forms over the same words compete: a slot form
                // loses to one spelling out more of them, and to a form
                // without a slot covering them all ("gave you feedback").
                let keep: Vec<bool> = slotted
                    .iter()
                    .map(|&(concept, len, literal)| {
                        let beaten = slotted
                            .iter()
                            .any(|&(c, l, lit)| c != concept && l == len && lit > literal);
                        let covered = found.iter().any(|&(c, l)| c != concept && l >= len);
                        !beaten && !covered
                    })
                    .collect();
                let mut kept = keep.into_iter();
                slotted.retain(|_| kept.next().unwrap_or(false));
            }
            // The longest form found at this position wins. Hits are in
            // order of position: only this position's are compared. A
            // concept already found by a slot form whose span reaches here
            // ("keep the team *in the loop*") is not counted twice.
            let best_len = found.iter().map(|&(_, len)| len).max().unwrap_or(0);
            for &(concept, len) in &found {
                let hit = ConceptHit {
                    concept,
                    start: i,
                    len,
                };
                let counted = hits
                    .iter()
                    .rev()
                    .take_while(|h| h.start == i)
                    .any(|h| *h == hit)
                    || slot_spans.iter().any(|&(c, end)| c == concept && end > i);
                if len == best_len && !counted {
                    hits.push(hit);
                }
            }
            for &(concept, len, _) in &slotted {
                let here = |h: &ConceptHit| h.concept == concept;
                if !hits.iter().rev().take_while(|h| h.start == i).any(here) {
                    hits.push(ConceptHit {
                        concept,
                        start: i,
                        len,
                    });
                    slot_spans.push((concept, i + len));
                }
            }
            slot_spans.retain(|&(_, end)| end > i + 1);
            i += best_len.max(1);
        }
        hits
    }

    /// Concepts whose one-word form is within a small edit distance of `raw`:
    /// "dissagreed" -> conflict. Only for words long enough that a typo is
    /// unlikely to turn one real word into another.
    #[cfg(test)]
    pub fn detect_typo(&self, raw: &str) -> Vec<usize> {
        let mut found: Vec<usize> = self.typo_forms(raw).into_iter().map(|(c, _)| c).collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The one-word forms `raw` is a typo of, as (concept, the form's stem),
    /// closest first: "maneger" -> (manager, "manager"). See [`Self::detect_typo`].
    pub fn typo_forms(&self, raw: &str) -> Vec<(usize, &str)> {
        let n = raw.chars().count();
        if n < 5 {
            return Vec::new();
        }
        let max = if n >= 9 { 2 } else { 1 };
        // Typos rarely change the first letter; requiring it keeps this cheap
        // against ~12,000 forms.
        let first = raw.as_bytes()[0];
        // A stem starts with its word's first letter and lines are sorted by
        // first stem, so the candidates are one run of lines.
        let starts_alike = |f: &Form| self.text(f.first).as_bytes().first() == Some(&first);
        let n = self.lines.len();
        let lo = self.partition(0, n, |f| {
            self.text(f.first)
                .as_bytes()
                .first()
                .is_none_or(|&b| b < first)
        });
        let hi = self.partition(lo, n, starts_alike);
        let mut found: Vec<(usize, usize, &str)> = (lo..hi)
            .filter_map(|i| {
                // Cheap byte checks on the line before parsing it: one word
                // (empty rest), a raw word of about the right length.
                let form = self.single_word_raw(i)?;
                if form.as_bytes().first() != Some(&first) || form.len().abs_diff(raw.len()) > max {
                    return None;
                }
                let distance = (1..=max).find(|&d| within_distance(form, raw, d))?;
                Some((i, distance))
            })
            .map(|(i, distance)| (self.form(i), distance))
            .filter(|(f, _)| f.rest_words == 0)
            .map(|(f, distance)| (distance, f.concept as usize, self.text(f.first)))
            .collect();
        found.sort_by_key(|&(distance, _, _)| distance);
        found.into_iter().map(|(_, c, stem)| (c, stem)).collect()
    }
}

/// How many of `words` the stems of a form's `rest` (space-separated,
/// [`SLOT`] for one to [`SLOT_WORDS`] words of any kind) match from the
/// first word on, if they do; the shortest filling of each slot is taken.
fn rest_match(rest: &str, words: &[Word]) -> Option<usize> {
    // Walks the stems without collecting them: this runs for every
    // candidate form at every word of every story being indexed.
    fn go(mut stems: std::str::Split<'_, char>, words: &[Word], at: usize) -> Option<usize> {
        let Some(stem) = stems.next() else {
            return Some(at);
        };
        if stem == SLOT {
            return (1..=SLOT_WORDS)
                .take_while(|gap| at + gap <= words.len())
                .find_map(|gap| go(stems.clone(), words, at + gap));
        }
        if phrase_stem(words.get(at)?) == stem {
            go(stems, words, at + 1)
        } else {
            None
        }
    }
    go(rest.split(' '), words, 0)
}

/// Concept names become single index tokens: lowercase, words joined by dashes.
fn concept_token(name: &str) -> String {
    crate::story::slugify(name, 8)
}

/// Line numbers (1-based) of the `name:` key of each entry of a concepts
/// file, in order: where a problem with that entry is reported.
fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let t = line.trim_start();
            let t = t.strip_prefix('-').unwrap_or(t).trim_start();
            t.starts_with("name:")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

/// The line of entry `index` holding `needle` (its `name:` line if none does).
fn line_of(text: &str, entries: &[usize], index: usize, needle: &str) -> usize {
    let Some(&start) = entries.get(index) else {
        // Flow-style entries (`- {name: x}`): the first line naming it.
        return text
            .lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1);
    };
    let end = entries.get(index + 1).copied().unwrap_or(usize::MAX);
    text.lines()
        .enumerate()
        .skip(start - 1)
        .take_while(|(i, _)| i + 1 < end)
        .find(|(_, l)| l.contains(needle))
        .map_or(start, |(i, _)| i + 1)
}

/// Checks the names and forms of a user concepts file: `from_sources`
/// silently drops a form it cannot match, which would hide a typo.
fn check_user_forms(
    analyzer: &mut Analyzer,
    path: &Path,
    text: &str,
    user: &[ConceptDef],
) -> Result<(), CorpusError> {
    let entries = entry_lines(text);
    let problem = |line: usize, message: String| CorpusError::Concept {
        path: path.to_path_buf(),
        line,
        message,
    };
    for (i, def) in user.iter().enumerate() {
        if analyzer.words(&def.name).is_empty() {
            return Err(problem(
                line_of(text, &entries, i, "name"),
                format!(
                    "concept name `{}` has no words: name it, e.g. `name: kubernetes`",
                    def.name
                ),
            ));
        }
        for form in &def.forms {
            let parts: Vec<usize> = form.split(SLOT).map(|p| analyzer.words(p).len()).collect();
            let message = if parts.iter().all(|&n| n == 0) {
                format!("form `{form}` of `{}` has no words: a form is a word or phrase to look for, e.g. \"k8s\" or \"talk * out of\"", def.name)
            } else if parts.contains(&0) {
                format!("form `{form}` of `{}`: a `*` stands for words between two others, as in \"talk * out of\"; it cannot start or end a form or follow another `*`", def.name)
            } else if parts.len() > MAX_SLOTS + 1 {
                format!(
                    "form `{form}` of `{}` has {} `*`: at most {MAX_SLOTS} are allowed",
                    def.name,
                    parts.len() - 1
                )
            } else {
                continue;
            };
            return Err(problem(line_of(text, &entries, i, form), message));
        }
    }
    Ok(())
}

/// Checks that every `broader:` of a user concept names a concept (built-in
/// or user) and that following `broader` never comes back to where it started.
fn check_broader(
    path: &Path,
    text: &str,
    defs: &[ConceptDef],
    user: &[ConceptDef],
) -> Result<(), CorpusError> {
    let entries = entry_lines(text);
    let broader_of: std::collections::HashMap<String, String> = defs
        .iter()
        .filter_map(|d| Some((concept_token(&d.name), concept_token(d.broader.as_deref()?))))
        .collect();
    let known: std::collections::HashSet<String> =
        defs.iter().map(|d| concept_token(&d.name)).collect();
    for (i, def) in user.iter().enumerate() {
        let Some(broader) = def.broader.as_deref() else {
            continue;
        };
        let line = line_of(text, &entries, i, "broader");
        let problem = |message: String| CorpusError::Concept {
            path: path.to_path_buf(),
            line,
            message,
        };
        if !known.contains(&concept_token(broader)) {
            return Err(problem(format!(
                "`broader: {broader}` of `{}` names no concept: use the name of a built-in concept or of one in this file",
                def.name
            )));
        }
        let start = concept_token(&def.name);
        let mut chain = vec![start.clone()];
        let mut at = start.clone();
        while let Some(next) = broader_of.get(&at) {
            chain.push(next.clone());
            if *next == start {
                return Err(problem(format!(
                    "`broader` goes round in a circle ({}): a concept cannot be broader than itself; remove one of these `broader:` lines",
                    chain.join(" -> ")
                )));
            }
            if chain.len() > defs.len() {
                // A circle further up, reported at its own entries.
                break;
            }
            at = next.clone();
        }
    }
    Ok(())
}

/// Adds user concepts: an existing name gains forms, a new name is appended.
fn merge(defs: &mut Vec<ConceptDef>, user: Vec<ConceptDef>) {
    for u in user {
        let key = concept_token(&u.name);
        match defs.iter_mut().find(|d| concept_token(&d.name) == key) {
            Some(existing) => {
                existing.forms.extend(u.forms);
                if u.broader.is_some() {
                    existing.broader = u.broader;
                }
            }
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
        // Managing friends or former peers is leadership over peers.
        assert_eq!(
            names(&lexicon, "promoted above my old mates"),
            ["leadership", "peer"]
        );
        assert_eq!(
            names(&lexicon, "ever had to manage a friend"),
            ["leadership"]
        );
    }

    #[test]
    fn a_narrower_concept_also_names_its_broader_one() {
        let defs = [
            ConceptDef {
                name: "feedback".into(),
                forms: vec!["feedback".into(), "told me".into()],
                broader: None,
            },
            ConceptDef {
                name: "receiving-feedback".into(),
                forms: vec!["told me my".into(), "got * feedback".into()],
                broader: Some("feedback".into()),
            },
        ];
        let lexicon = Lexicon::from_defs(&mut Analyzer::new(), &defs);
        // The longer form wins its position and names both concepts.
        let mut found = names(&lexicon, "she told me my docs were long");
        found.sort();
        assert_eq!(found, ["feedback", "receiving-feedback"]);
        let mut found = names(&lexicon, "I got some harsh feedback");
        found.sort();
        assert!(
            found.contains(&"receiving-feedback".to_string()),
            "{found:?}"
        );
        assert_eq!(names(&lexicon, "she told me"), ["feedback"]);
    }

    #[test]
    fn a_slot_in_a_form_takes_one_to_three_words() {
        let defs = [
            ConceptDef {
                name: "influence".into(),
                forms: vec!["talk * out of".into(), "take * under * wing".into()],
                broader: None,
            },
            ConceptDef {
                name: "peer".into(),
                forms: vec!["colleague".into()],
                broader: None,
            },
            ConceptDef {
                // A slot first, last or twice in a row makes no form, not a
                // shorter one.
                name: "broken".into(),
                forms: vec!["* over".into(), "win *".into(), "get * * there".into()],
                broader: None,
            },
        ];
        let lexicon = Lexicon::from_defs(&mut Analyzer::new(), &defs);
        assert_eq!(names(&lexicon, "I talked him out of it"), ["influence"]);
        assert_eq!(
            names(&lexicon, "we talked the whole team out of a rewrite"),
            ["influence"]
        );
        // The words in the slot still name their own concepts.
        assert_eq!(
            names(&lexicon, "talked my colleagues out of it"),
            ["influence", "peer"]
        );
        assert_eq!(
            names(&lexicon, "take the new hire under my wing"),
            ["influence"]
        );
        // A slot form and a fixed phrase of the same concept inside its
        // span count once: "keep * in the loop" and "in the loop".
        let loop_defs = [ConceptDef {
            name: "communication".into(),
            forms: vec!["keep * in the loop".into(), "in the loop".into()],
            broader: None,
        }];
        let looped = Lexicon::from_defs(&mut Analyzer::new(), &loop_defs);
        let words = Analyzer::new().words("we keep the whole team in the loop");
        assert_eq!(looped.detect(&words, &[]).len(), 1);
        // A form with three slots is not compiled.
        let many = [ConceptDef {
            name: "many".into(),
            forms: vec!["a * b * c * d".into()],
            broader: None,
        }];
        let many = Lexicon::from_defs(&mut Analyzer::new(), &many);
        assert!(names(&many, "a x b x c x d").is_empty());
        // An empty slot, or one of more than three words, matches nothing.
        assert!(names(&lexicon, "talk out of turn").is_empty());
        assert!(names(&lexicon, "talked to the four new people out of hours").is_empty());
        assert!(names(&lexicon, "win them over there").is_empty());
        assert!(names(&lexicon, "get it there").is_empty());
        // A slot does not reach into masked (boilerplate) words.
        let mut analyzer = Analyzer::new();
        let words = analyzer.words("talk me out of it");
        assert_eq!(lexicon.detect(&words, &[false; 5]).len(), 1);
        assert!(lexicon
            .detect(&words, &[false, true, false, false, false])
            .is_empty());
    }

    #[test]
    fn superlatives_match_phrases_of_their_base_adjective() {
        let defs = [
            ConceptDef {
                name: "decision".into(),
                forms: vec!["hard decision".into(), "bad hire".into()],
                broader: None,
            },
            ConceptDef {
                name: "pride".into(),
                forms: vec!["proudest".into(), "biggest win".into()],
                broader: None,
            },
        ];
        let lexicon = Lexicon::from_defs(&mut Analyzer::new(), &defs);
        assert_eq!(names(&lexicon, "your hardest decision"), ["decision"]);
        assert_eq!(names(&lexicon, "the worst hire you made"), ["decision"]);
        assert_eq!(names(&lexicon, "a big win"), ["pride"]);
        assert_eq!(names(&lexicon, "the biggest win"), ["pride"]);
        // One-word forms keep their own stem.
        assert_eq!(names(&lexicon, "what are you proudest of"), ["pride"]);
        assert!(names(&lexicon, "proud of the team").is_empty());
        // The base stems are the analyzer's.
        let mut analyzer = Analyzer::new();
        for (superlative, base) in [
            ("hardest", "hard"),
            ("toughest", "tough"),
            ("biggest", "big"),
            ("largest", "large"),
            ("greatest", "great"),
            ("worst", "bad"),
            ("slowest", "slow"),
            ("fastest", "fast"),
            ("smallest", "small"),
            ("highest", "high"),
            ("lowest", "low"),
            ("longest", "long"),
            ("shortest", "short"),
            ("strongest", "strong"),
            ("weakest", "weak"),
            ("oldest", "old"),
            ("busiest", "busy"),
            ("angriest", "angry"),
            ("trickiest", "tricky"),
            ("riskiest", "risky"),
            ("scariest", "scary"),
            ("messiest", "messy"),
        ] {
            let word = &analyzer.words(superlative)[0];
            assert_eq!(phrase_stem(word), analyzer.stem(base), "{superlative}");
        }
    }

    #[test]
    fn the_longest_form_wins_at_a_position() {
        let lexicon = Lexicon::from_defs(
            &mut Analyzer::new(),
            &[
                ConceptDef {
                    name: "short".into(),
                    forms: vec!["time".into()],
                    broader: None,
                },
                ConceptDef {
                    name: "long".into(),
                    forms: vec!["time pressure".into()],
                    broader: None,
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
            broader: None,
        }];
        merge(
            &mut defs,
            vec![
                ConceptDef {
                    name: "Conflict".into(),
                    forms: vec!["squabble".into()],
                    broader: None,
                },
                ConceptDef {
                    name: "kubernetes".into(),
                    forms: vec!["k8s".into()],
                    broader: None,
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
        std::fs::write(dir.path().join(OLD_OFFSETS_FILE), b"old").unwrap();
        fresh.save_cache(dir.path());
        assert!(!dir.path().join(OLD_OFFSETS_FILE).exists());
        let cached = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        assert!(cached.cached);
        assert_eq!(cached.lines.len(), fresh.lines.len());
        assert_eq!(cached.bank.len(), fresh.bank.len());
        assert_eq!(cached.fingerprint(), fresh.fingerprint());
        assert_eq!(cached.names, fresh.names);
        let text = "we butted heads over the slow api and my boss stepped in";
        assert_eq!(names(&cached, text), names(&fresh, text));
        assert!(names(&cached, text).contains(&"conflict".to_string()));
        assert_eq!(
            cached.detect_typo("dissagreed"),
            fresh.detect_typo("dissagreed")
        );
        for c in 0..fresh.concept_count() {
            let mut scanned: Vec<&str> = fresh
                .forms()
                .filter(|f| f.concept as usize == c && f.rest_words == 0)
                .map(|f| fresh.text(f.first))
                .collect();
            scanned.dedup();
            assert_eq!(fresh.word_stems(c), scanned);
            assert_eq!(cached.word_stems(c), scanned);
        }
        assert!(!cached.detect_typo("dissagreed").is_empty());
        for i in 0..cached.lines.len() {
            let f = cached.form(i);
            let expected = (f.rest_words == 0).then(|| cached.text(f.raw));
            assert_eq!(cached.single_word_raw(i), expected, "line {i}");
        }
    }

    #[test]
    fn a_damaged_cache_is_recompiled_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let mut analyzer = Analyzer::new();
        let mut fresh = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        fresh.save_cache(dir.path());
        let path = dir.path().join(CACHE_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        // Same length, one concept number changed: only the body hash tells.
        let damaged = text.replacen("\t3\t", "\t9\t", 1);
        assert_ne!(damaged, text);
        std::fs::write(&path, damaged).unwrap();
        let mut reloaded = Lexicon::load(&mut analyzer, None, Some(dir.path())).unwrap();
        assert!(!reloaded.cached, "compiled again from the sources");
        assert_eq!(reloaded.lines.len(), fresh.lines.len());
        reloaded.save_cache(dir.path());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn malformed_table_lines_match_nothing_and_do_not_panic() {
        let table = format!(
            "{TABLE_HEADER}\nconflict\nargu\t\t0\targued\nbroken line\nclash\t\t7\tclash\n"
        );
        let lexicon = Lexicon::from_table(table).unwrap();
        assert_eq!(
            names(&lexicon, "we argued and clashed, broken line"),
            ["conflict"]
        );
        assert!(lexicon.detect_typo("brokenn").is_empty());
        assert_eq!(lexicon.name(7), "");
    }

    /// Loads the built-in lexicon plus `user` as a concepts file; the error text.
    fn user_file_error(user: &str) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("concepts.yaml");
        std::fs::write(&path, user).unwrap();
        match Lexicon::load(&mut Analyzer::new(), Some(&path), None) {
            Ok(_) => String::new(),
            Err(e) => e
                .to_string()
                .replace(&path.display().to_string(), "concepts.yaml"),
        }
    }

    #[test]
    fn a_broader_concept_that_does_not_exist_is_reported_at_its_line() {
        let err = user_file_error("- name: k8s\n  forms: [kubectl]\n  broader: orchestrashun\n");
        assert!(err.starts_with("concepts.yaml:3:"), "{err}");
        assert!(
            err.contains("`broader: orchestrashun`") && err.contains("names no concept"),
            "{err}"
        );
        assert_eq!(
            user_file_error("- name: k8s\n  forms: [kubectl]\n  broader: conflict\n"),
            ""
        );
    }

    #[test]
    fn a_broader_cycle_is_reported_with_its_chain() {
        let err = user_file_error(
            "- name: a1\n  forms: [aaa]\n  broader: b1\n- name: b1\n  forms: [bbb]\n  broader: a1\n",
        );
        assert!(err.starts_with("concepts.yaml:3:"), "{err}");
        assert!(err.contains("a1 -> b1 -> a1"), "{err}");
        let err = user_file_error("- name: a1\n  forms: [aaa]\n  broader: a1\n");
        assert!(err.contains("circle"), "{err}");
        // Through a built-in concept too.
        let err = user_file_error(
            "- name: a1\n  forms: [aaa]\n  broader: conflict\n- name: conflict\n  broader: a1\n",
        );
        assert!(err.contains("a1 -> conflict -> a1"), "{err}");
    }

    #[test]
    fn a_form_without_words_or_with_a_misplaced_slot_is_reported() {
        let err = user_file_error("- name: a1\n  forms:\n    - aaa\n    - \"*\"\n");
        assert!(err.starts_with("concepts.yaml:4:"), "{err}");
        assert!(err.contains("form `*` of `a1` has no words"), "{err}");
        let err = user_file_error("- name: a1\n  forms: [\"!!!\"]\n");
        assert!(err.contains("has no words"), "{err}");
        let err = user_file_error("- name: a1\n  forms: [\"* out\"]\n");
        assert!(err.contains("cannot start or end a form"), "{err}");
        let err = user_file_error("- name: a1\n  forms: [\"a * b * c * d\"]\n");
        assert!(err.contains("at most 2"), "{err}");
        assert_eq!(
            user_file_error("- name: a1\n  forms: [\"talk * out of\"]\n"),
            ""
        );
    }

    #[test]
    fn a_cache_for_other_sources_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(CACHE_FILE),
            "starmatch-lexicon v5 0000000000000001 0000000000000002\nx\n",
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
                broader: None,
            },
            ConceptDef {
                name: "cost".into(),
                forms: vec!["budget".into()],
                broader: None,
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

    #[test]
    fn feedback_given_to_you_is_feedback_received_and_idioms_name_their_theme() {
        let mut analyzer = Analyzer::new();
        let lexicon = Lexicon::builtin(&mut analyzer);
        let mut themes = |text: &str| {
            let words = analyzer.words(text);
            let mut names: Vec<String> = lexicon
                .detect(&words, &[])
                .iter()
                .map(|h| lexicon.name(h.concept).to_string())
                .collect();
            names.sort();
            names.dedup();
            names
        };
        // The more specific slot form wins: "gave you * feedback" over
        // "gave * feedback".
        let given = themes("your manager gave you tough feedback");
        assert!(
            given.contains(&"receiving-feedback".to_string()),
            "{given:?}"
        );
        assert!(!given.contains(&"giving-feedback".to_string()), "{given:?}");
        let gave = themes("I gave the intern honest feedback");
        assert!(gave.contains(&"giving-feedback".to_string()), "{gave:?}");
        assert!(themes("a time you stuck your neck out").contains(&"pushback".to_string()));
        assert!(themes("you had very little to go on").contains(&"ambiguity".to_string()));
        assert!(themes("you stood in for your manager").contains(&"leadership".to_string()));
        // Only forms over the same words compete: a shorter form of another
        // concept at the same place does not hide a slot form.
        let both = themes("I gave direction and feedback");
        assert!(both.contains(&"giving-feedback".to_string()), "{both:?}");
    }
}
