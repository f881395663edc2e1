//! The tantivy index of a corpus: schema, opening, and incremental refresh.
//!
//! What the index was built from is recorded in a manifest (one line per story
//! file: size, mtime, content hash, id). The manifest is written to its own
//! file before each commit and named in the commit's payload, so the index and
//! its manifest always change together: a crash leaves the old pair or the new.

use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::analysis::{question_key_of, text_analyzer, Analyzer, TEXT_TOKENIZER};
use super::lexicon::Lexicon;
use super::semantic;
use super::spans::{self, Source, Span};
use crate::corpus::{self, Corpus, CorpusError, LoadedStory, StoryFile};
use crate::story::Story;

/// Bump whenever the schema, the analyzer or the document layout changes:
/// an index built by another version is rebuilt automatically.
pub const SCHEMA_VERSION: u32 = 14;

const LOCK_FILE: &str = ".starmatch.lock";
const MANIFEST_PREFIX: &str = "starmatch-manifest-";
const WRITER_MEMORY: usize = 120_000_000;
/// tantivy's smallest writer budget: enough for a writer that only deletes unused files.
const GC_WRITER_MEMORY: usize = 15_000_000;
/// Batches below this size are indexed on one thread.
const SMALL_BATCH: usize = 2_000;
/// Indexes up to this many stories are merged into one segment after each commit.
const SMALL_INDEX: usize = 5_000;

/// The fields of a story document.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub id: Field,
    pub title: Field,
    pub questions: Field,
    pub competencies: Field,
    pub tags: Field,
    pub situation: Field,
    pub task: Field,
    pub action: Field,
    pub result: Field,
    pub learning: Field,
    /// Concepts found in the title, tagged questions, competencies and tags.
    pub concepts_tagged: Field,
    /// Concepts found in the Situation/Task/Action/Result prose.
    pub concepts_text: Field,
    /// Stored only: where each concept occurs ([`super::spans`]), for explanations.
    pub spans: Field,
    /// Indexed only, untokenised: the [`super::analysis::question_key`] of each tagged
    /// question, for [`super::ranking::Signal::Exact`].
    pub question_keys: Field,
    /// Fast only: the story's vector in the built-in semantic model
    /// ([`super::semantic`]), then the vectors of its sentences
    /// ([`passage_vectors`]), read for the best candidates of a question.
    /// One value, so that a query opens one column and looks up one value
    /// per candidate for both.
    pub semantic: Field,
}

impl Fields {
    /// The prose fields, in story order.
    pub fn body(&self) -> [Field; 5] {
        [
            self.situation,
            self.task,
            self.action,
            self.result,
            self.learning,
        ]
    }
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let concepts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text.clone()),
        questions: b.add_text_field("questions", text.clone()),
        competencies: b.add_text_field("competencies", text.clone()),
        tags: b.add_text_field("tags", text.clone()),
        situation: b.add_text_field("situation", text.clone()),
        task: b.add_text_field("task", text.clone()),
        action: b.add_text_field("action", text.clone()),
        result: b.add_text_field("result", text.clone()),
        learning: b.add_text_field("learning", text),
        concepts_tagged: b.add_text_field("concepts_tagged", concepts.clone()),
        concepts_text: b.add_text_field("concepts_text", concepts),
        spans: b.add_bytes_field("spans", STORED),
        question_keys: b.add_text_field("question_keys", STRING),
        semantic: b.add_bytes_field(SEMANTIC_FIELD, FAST),
    };
    (b.build(), fields)
}

/// Problems with the index itself (the corpus has its own error type).
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("no index in {}: run `starmatch index`", dir.display())]
    Missing { dir: PathBuf },
    #[error("the index in {} is unreadable ({detail}): run `starmatch index --full` to rebuild it", dir.display())]
    Corrupt { dir: PathBuf, detail: String },
    #[error("the index in {} cannot be opened: its folder is not writable by you (starmatch takes a lock file in it even to read); use an index folder of your own with --index, or ask its owner for write access", dir.display())]
    NotWritable { dir: PathBuf },
    #[error("the index in {} is being updated by another process{}: try again when it finishes", dir.display(), waited_note(*.waited))]
    Busy { dir: PathBuf, waited: Duration },
    #[error("{} holds a meta.json that is not a starmatch index (left as it is): pass a new or empty folder as --index", dir.display())]
    NotAnIndex { dir: PathBuf },
    #[error("cannot write the index in {}: {source}", dir.display())]
    Io {
        dir: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the corpus has {} problem(s); the index was left unchanged (fix them, or run `starmatch index --skip-invalid`):\n{}", .problems.len(), corpus::ProblemList(.problems))]
    InvalidCorpus { problems: Vec<CorpusError> },
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    /// The corpus's `concepts.yaml` is broken (the field is not a `source`:
    /// the message already holds it, and `{:#}` would print it twice).
    #[error("{problem} (fix the concepts file, or move it out of the corpus folder to use only the built-in concepts)")]
    Concepts { problem: CorpusError },
    #[error("index error in {}: {source} (check free disk space and permissions; if it persists, `starmatch index --full` rebuilds the index)", dir.display())]
    Tantivy {
        dir: PathBuf,
        #[source]
        source: tantivy::TantivyError,
    },
}

/// `(waited 2.0 s)` after a real wait; nothing when the lock was taken and
/// `--wait 0` gave up at once.
fn waited_note(waited: Duration) -> String {
    if waited < Duration::from_millis(100) {
        String::new()
    } else {
        format!(" (waited {:.1} s)", waited.as_secs_f64())
    }
}

/// What the commit payload records about the build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    pub schema: u32,
    pub lexicon: u64,
    /// [`semantic::Model::fingerprint`] of the model that made the story vectors.
    #[serde(default)]
    pub semantic: u64,
    pub manifest: String,
    /// Number of story files indexed.
    #[serde(default)]
    pub files: usize,
    /// Modification time of the stories folder when it was scanned: adding,
    /// removing or renaming a story (and editors that save by rename) changes it.
    #[serde(default)]
    pub stories_mtime_ns: u128,
}

/// One line of the manifest: what was indexed from one story file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    pub size: u64,
    pub mtime_ns: u128,
    pub hash: u64,
    pub id: String,
    /// The story file's status-change time ([`StoryFile::ctime_ns`]; 0 in
    /// manifests written before it was kept).
    pub ctime_ns: u128,
}

impl ManifestEntry {
    /// Whether `file` is, by its metadata alone, the file this entry
    /// describes: same size, modification and status-change times.
    pub fn matches(&self, file: &StoryFile) -> bool {
        self.size == file.size && self.mtime_ns == file.mtime_ns && self.ctime_ns == file.ctime_ns
    }
}

pub type Manifest = HashMap<String, ManifestEntry>;

/// An index opened for reading. Its manifest is only read when needed: at
/// 100,000 stories it is several megabytes.
pub struct OpenIndex {
    pub index: Index,
    pub fields: Fields,
    pub payload: Option<Payload>,
    pub dir: PathBuf,
}

/// Registers our analyzer. Tokenizers are not stored in the index, so every
/// path that opens or creates one goes through here.
fn register_tokenizers(index: &Index) {
    index.tokenizers().register(TEXT_TOKENIZER, text_analyzer());
}

fn tantivy_err(dir: &Path) -> impl Fn(tantivy::TantivyError) -> IndexError + '_ {
    move |source| IndexError::Tantivy {
        dir: dir.to_path_buf(),
        source,
    }
}

pub(crate) fn corrupt(dir: &Path, detail: String) -> IndexError {
    // tantivy takes a lock file even to read: in a folder the user may not
    // write to, that is the problem, not a damaged index.
    if detail.contains("PermissionDenied") || detail.contains("Permission denied") {
        return IndexError::NotWritable {
            dir: dir.to_path_buf(),
        };
    }
    // tantivy's own words for a cut-short file talk about its versions.
    let detail = if detail.contains("Footer magic byte mismatch") {
        "an index file is truncated or damaged".to_string()
    } else {
        detail
    };
    IndexError::Corrupt {
        dir: dir.to_path_buf(),
        detail,
    }
}

/// Opens the index in `dir` for reading (takes no lock, writes nothing).
pub fn open(dir: &Path) -> Result<OpenIndex, IndexError> {
    if !dir.join("meta.json").is_file() {
        return Err(IndexError::Missing {
            dir: dir.to_path_buf(),
        });
    }
    let index = Index::open_in_dir(dir).map_err(|e| {
        if foreign_meta(dir) {
            IndexError::NotAnIndex {
                dir: dir.to_path_buf(),
            }
        } else {
            corrupt(dir, e.to_string())
        }
    })?;
    register_tokenizers(&index);
    let (_, fields) = schema();
    let metas = index
        .load_metas()
        .map_err(|e| corrupt(dir, e.to_string()))?;
    let payload: Option<Payload> = metas
        .payload
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok());
    Ok(OpenIndex {
        index,
        fields,
        payload,
        dir: dir.to_path_buf(),
    })
}

impl OpenIndex {
    /// The manifest of the last commit (empty for an index from another version).
    pub fn manifest(&self) -> Result<Manifest, IndexError> {
        let Some(p) = self.payload.as_ref().filter(|p| p.schema == SCHEMA_VERSION) else {
            return Ok(Manifest::new());
        };
        let path = self.dir.join(&p.manifest);
        let text = fs::read_to_string(&path)
            .map_err(|e| corrupt(&self.dir, format!("{}: {e}", path.display())))?;
        parse_manifest(&text).map_err(|line| {
            corrupt(
                &self.dir,
                format!("{}:{line}: malformed manifest line", path.display()),
            )
        })
    }

    /// Whether this index was built by this binary's schema, lexicon and
    /// semantic model.
    pub fn is_current(&self, lexicon: &Lexicon) -> bool {
        self.payload.as_ref().is_some_and(|p| {
            p.schema == SCHEMA_VERSION
                && p.lexicon == lexicon.fingerprint()
                && p.semantic == semantic::Model::builtin().fingerprint()
        })
    }
}

/// How the corpus differs from what the index holds, from file metadata alone.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Staleness {
    /// Files new or with a different size or mtime (their content may still be the same).
    pub touched: usize,
    pub removed: usize,
}

impl Staleness {
    pub fn is_fresh(&self) -> bool {
        self.touched == 0 && self.removed == 0
    }
}

/// Compares a directory scan with the manifest. Reads no file contents.
pub fn staleness(files: &[StoryFile], manifest: &Manifest) -> Staleness {
    let mut s = Staleness::default();
    for f in files {
        match manifest.get(&f.key) {
            Some(e) if e.matches(f) => {}
            _ => s.touched += 1,
        }
    }
    let present: HashSet<&str> = files.iter().map(|f| f.key.as_str()).collect();
    s.removed = manifest
        .keys()
        .filter(|k| !present.contains(k.as_str()))
        .count();
    s
}

/// What a refresh does when some story files are broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnBroken {
    /// Commit nothing and list every problem (`starmatch index`).
    #[default]
    Refuse,
    /// Index the valid stories; broken files are left out (`--skip-invalid`).
    Skip,
    /// Index every other change; a broken file that was indexed before
    /// keeps its last good version, a new one is left out. A query does
    /// this, so that one file being edited does not freeze the index.
    KeepLastGood,
}

/// Options of one refresh.
#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// Rebuild every document instead of only the changed ones.
    pub full: bool,
    pub on_broken: OnBroken,
    /// How long to wait for another process that is updating the index.
    pub lock_timeout: Duration,
}

impl Default for RefreshOptions {
    fn default() -> Self {
        RefreshOptions {
            full: false,
            on_broken: OnBroken::Refuse,
            lock_timeout: Duration::from_secs(10),
        }
    }
}

/// What a refresh did.
#[derive(Debug, Default)]
pub struct RefreshReport {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub unchanged: usize,
    /// Broken files, skipped or kept at their last good version.
    pub skipped: Vec<CorpusError>,
    /// How many of `skipped` kept their last good version ([`OnBroken::KeepLastGood`]).
    pub kept: usize,
    /// Why everything was rebuilt, when it was (schema change, `--full`, ...).
    pub rebuilt: Option<String>,
    pub elapsed: Duration,
    /// Notes files and folders in the stories folder, which are not read
    /// ([`crate::corpus::Scan::not_read`]).
    pub not_read: Vec<std::path::PathBuf>,
}

impl RefreshReport {
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.removed > 0 || self.rebuilt.is_some()
    }
}

/// Brings the index in `dir` up to date with `corpus`: only changed files are
/// read and re-indexed, deleted ones removed, all in one commit. What happens
/// when a story file is broken is [`RefreshOptions::on_broken`]: by default
/// nothing is committed and the previous index keeps answering.
pub fn refresh(
    corpus: &Corpus,
    dir: &Path,
    lexicon: &Lexicon,
    options: &RefreshOptions,
    progress: &ProgressBar,
) -> Result<RefreshReport, IndexError> {
    let started = Instant::now();
    let scan = corpus.scan()?;
    if dir.exists() && !dir.is_dir() {
        return Err(IndexError::Io {
            dir: dir.to_path_buf(),
            source: std::io::Error::other(
                "it is a file, not a folder: pass a folder (new or empty) as --index",
            ),
        });
    }
    fs::create_dir_all(dir).map_err(|source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    })?;
    let _lock = lock(dir, options.lock_timeout)?;

    let mut report = RefreshReport {
        not_read: scan.not_read.clone(),
        ..RefreshReport::default()
    };
    let mut old_folder_mtime = None;
    // Opening a reader touches every segment file: a damaged one shows up
    // here instead of as "0 updated" over an index that cannot answer.
    let opened = open(dir).and_then(|open| {
        open.index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map(|_: tantivy::IndexReader| open)
            .map_err(|e| corrupt(dir, e.to_string()))
    });
    // A stories folder that vanished (an unmounted drive, `--corpus` one
    // level off) is no reason to empty an index built from it.
    let indexed = opened
        .as_ref()
        .ok()
        .and_then(|o| o.payload.as_ref())
        .map_or(0, |p| p.files);
    if indexed > 0 && !corpus.stories_dir().is_dir() {
        return Err(CorpusError::MissingStories {
            path: corpus.stories_dir(),
            indexed,
        }
        .into());
    }
    // `None`: a new index is created in place of whatever is there, but only
    // once the corpus is known to be valid, so a broken story file never
    // costs the user the index that still answers.
    let (index, old_manifest): (Option<Index>, Manifest) = match opened {
        Ok(open) if open.index.schema() != schema().0 => {
            report.rebuilt = Some("index was built by another version of starmatch".to_string());
            (None, Manifest::new())
        }
        Ok(open) if open.is_current(lexicon) && !options.full => {
            let manifest = open.manifest()?;
            old_folder_mtime = open.payload.as_ref().map(|p| p.stories_mtime_ns);
            (Some(open.index), manifest)
        }
        Ok(open) => {
            report.rebuilt = Some(if options.full {
                "--full".to_string()
            } else if open.payload.is_none() {
                // Every commit of ours carries a payload: only the empty
                // index a first build creates has none.
                "the previous build did not finish".to_string()
            } else if open
                .payload
                .as_ref()
                .is_some_and(|p| p.schema != SCHEMA_VERSION)
            {
                "index was built by another version of starmatch".to_string()
            } else if open
                .payload
                .as_ref()
                .is_some_and(|p| p.lexicon == lexicon.fingerprint())
            {
                "the semantic model changed".to_string()
            } else {
                "the concept lexicon changed".to_string()
            });
            (Some(open.index), Manifest::new())
        }
        Err(IndexError::Missing { .. }) => {
            report.rebuilt = Some("new index".to_string());
            (None, Manifest::new())
        }
        // Never rebuilt without `--full`: a damaged index, one the user may
        // not write to, or a folder of someone else's.
        Err(
            e @ (IndexError::Corrupt { .. }
            | IndexError::NotWritable { .. }
            | IndexError::NotAnIndex { .. }),
        ) if !options.full => return Err(e),
        Err(_) => {
            report.rebuilt = Some("--full over an unreadable index".to_string());
            (None, Manifest::new())
        }
    };
    let rebuild = report.rebuilt.is_some();

    // Decide per file: unchanged (metadata or content hash equal) or to index.
    let mut problems = scan.problems;
    let mut manifest = Manifest::with_capacity(scan.files.len());
    let mut to_index: Vec<LoadedStory> = Vec::new();
    progress.set_length(scan.files.len() as u64);
    for file in &scan.files {
        progress.inc(1);
        let old = old_manifest.get(&file.key);
        if let Some(old) = old.filter(|o| o.matches(file)) {
            manifest.insert(file.key.clone(), old.clone());
            report.unchanged += 1;
            continue;
        }
        match corpus::read_story_file(file) {
            Ok(loaded) => {
                let entry = ManifestEntry {
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    ctime_ns: file.ctime_ns,
                    hash: loaded.hash,
                    id: loaded.story.id.clone(),
                };
                if old.is_some_and(|o| o.hash == loaded.hash) {
                    report.unchanged += 1;
                } else {
                    to_index.push(loaded);
                }
                manifest.insert(file.key.clone(), entry);
            }
            Err(e) => problems.push(e),
        }
    }
    // On a duplicate id the story already in the index keeps it: a new file
    // must not silently replace a story the user had.
    let changed: HashSet<&str> = to_index.iter().map(|s| s.file.key.as_str()).collect();
    let mut ids: Vec<(&str, &Path, &str)> = manifest
        .iter()
        .map(|(key, e)| (e.id.as_str(), Path::new(key.as_str()), key.as_str()))
        .collect();
    ids.sort_by_key(|&(_, _, key)| (changed.contains(key), key));
    let stories_dir = corpus.stories_dir();
    let duplicates: Vec<CorpusError> =
        corpus::find_duplicate_ids(ids.iter().map(|(id, p, _)| (*id, *p)))
            .into_iter()
            .map(|e| match e {
                CorpusError::DuplicateId { id, first, second } => CorpusError::DuplicateId {
                    id,
                    first: stories_dir.join(first),
                    second: stories_dir.join(second),
                },
                other => other,
            })
            .collect();
    for dup in &duplicates {
        if let CorpusError::DuplicateId { second, .. } = dup {
            if let Some(key) = second.file_name().and_then(|n| n.to_str()) {
                manifest.remove(key);
                to_index.retain(|s| s.file.key != key);
            }
        }
    }
    problems.extend(duplicates);
    if !problems.is_empty() && options.on_broken == OnBroken::Refuse {
        return Err(IndexError::InvalidCorpus { problems });
    }
    if options.on_broken == OnBroken::KeepLastGood && !rebuild {
        // A broken file that is still a file keeps what the index holds of
        // it; one that is gone (a dangling link) or never was a story is
        // left out like a deleted file.
        for problem in &problems {
            if matches!(
                problem,
                CorpusError::DanglingSymlink { .. }
                    | CorpusError::NotAFile { .. }
                    | CorpusError::NotRegular { .. }
                    | CorpusError::NameNotUtf8 { .. }
            ) {
                continue;
            }
            let Some(key) = problem.path().file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if let Some(old) = old_manifest.get(key) {
                manifest.insert(key.to_string(), old.clone());
                to_index.retain(|s| s.file.key != key);
                report.kept += 1;
            }
        }
    }
    report.skipped = problems;

    let removed: Vec<&String> = old_manifest
        .keys()
        .filter(|k| !manifest.contains_key(*k))
        .collect();
    report.removed = removed.len();
    for story in &to_index {
        if old_manifest.contains_key(&story.file.key) {
            report.updated += 1;
        } else {
            report.added += 1;
        }
    }
    let metadata_changed = manifest != old_manifest || old_folder_mtime != Some(scan.dir_mtime_ns);
    if !rebuild && to_index.is_empty() && removed.is_empty() && !metadata_changed {
        // tantivy deletes unused files after each commit; a run killed after
        // its commit (during the merge) leaves files that only the next
        // commit would remove, and there is nothing to commit.
        if let Some(index) = index.as_ref().filter(|i| has_orphan_files(i, dir)) {
            let writer: IndexWriter<TantivyDocument> = index
                .writer_with_num_threads(1, GC_WRITER_MEMORY)
                .map_err(tantivy_err(dir))?;
            writer
                .garbage_collect_files()
                .wait()
                .map_err(tantivy_err(dir))?;
        }
        report.elapsed = started.elapsed();
        return Ok(report);
    }

    let index = match index {
        Some(index) => index,
        None => {
            wipe(dir)?;
            create(dir)?
        }
    };
    let (_, fields) = schema();
    // One indexing thread for small batches gives one segment instead of one
    // per thread: fewer files for every later query to open.
    let mut writer: IndexWriter<TantivyDocument> = if to_index.len() < SMALL_BATCH {
        index.writer_with_num_threads(1, WRITER_MEMORY / 2)
    } else {
        index.writer(WRITER_MEMORY)
    }
    .map_err(tantivy_err(dir))?;
    if rebuild {
        writer.delete_all_documents().map_err(tantivy_err(dir))?;
    }
    for key in removed {
        writer.delete_term(Term::from_field_text(fields.key, key));
    }
    let mut analyzer = Analyzer::new();
    let mut bulk_lexicon;
    let lexicon = if to_index.len() > 50 {
        bulk_lexicon = lexicon.clone();
        bulk_lexicon.prepare_bulk();
        &bulk_lexicon
    } else {
        lexicon
    };
    for loaded in &to_index {
        if !rebuild {
            writer.delete_term(Term::from_field_text(fields.key, &loaded.file.key));
        }
        let doc = document(
            &fields,
            &loaded.file.key,
            &loaded.story,
            lexicon,
            &mut analyzer,
        );
        writer.add_document(doc).map_err(tantivy_err(dir))?;
    }
    let generation = next_generation(dir);
    let manifest_name = format!("{MANIFEST_PREFIX}{generation}.tsv");
    corpus::write_atomic(
        &dir.join(&manifest_name),
        render_manifest(&manifest).as_bytes(),
    )
    .map_err(|source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    })?;
    let payload = Payload {
        schema: SCHEMA_VERSION,
        lexicon: lexicon.fingerprint(),
        semantic: semantic::Model::builtin().fingerprint(),
        manifest: manifest_name.clone(),
        files: manifest.len(),
        stories_mtime_ns: scan.dir_mtime_ns,
    };
    let payload = serde_json::to_string(&payload).unwrap_or_default();
    let mut prepared = writer.prepare_commit().map_err(tantivy_err(dir))?;
    prepared.set_payload(&payload);
    prepared.commit().map_err(tantivy_err(dir))?;
    // Small indexes are kept in one segment: merging a few thousand stories
    // takes milliseconds, and a one-shot query then opens one set of files.
    // The merge keeps the commit's payload.
    let segments = index.searchable_segment_ids().map_err(tantivy_err(dir))?;
    if segments.len() > 1 && manifest.len() <= SMALL_INDEX {
        writer.merge(&segments).wait().map_err(tantivy_err(dir))?;
    }
    writer.wait_merging_threads().map_err(tantivy_err(dir))?;
    remove_old_manifests(dir, &manifest_name);
    // tantivy writes its two metadata files readable by their owner only;
    // they get the manifest's permissions (what the umask allows), so an
    // index others may read stays readable to them.
    if let Ok(meta) = fs::metadata(dir.join(&manifest_name)) {
        for name in ["meta.json", ".managed.json"] {
            let _ = fs::set_permissions(dir.join(name), meta.permissions());
        }
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Builds the index document of one story.
pub fn document(
    fields: &Fields,
    key: &str,
    story: &Story,
    lexicon: &Lexicon,
    analyzer: &mut Analyzer,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.key, key);
    doc.add_text(fields.id, &story.id);
    doc.add_text(fields.title, &story.title);
    for q in &story.questions {
        doc.add_text(fields.questions, q);
        if let Some(key) = question_key_of(analyzer, q) {
            doc.add_text(fields.question_keys, key);
        }
    }
    for c in &story.competencies {
        doc.add_text(fields.competencies, c);
    }
    for t in &story.tags {
        doc.add_text(fields.tags, t);
    }
    doc.add_text(fields.situation, &story.situation);
    doc.add_text(fields.task, &story.task);
    doc.add_text(fields.action, &story.action);
    doc.add_text(fields.result, &story.result);
    if let Some(learning) = &story.learning {
        doc.add_text(fields.learning, learning);
    }
    // Concepts of the title, questions, competencies and tags; those of the
    // texts an explanation shows are also kept as spans.
    let mut stored_spans: Vec<Span> = Vec::new();
    let tagged = std::iter::once((Some(Source::Title), story.title.as_str()))
        .chain(
            story
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| (Some(Source::Question(i)), q.as_str())),
        )
        .chain(
            story
                .competencies
                .iter()
                .enumerate()
                .map(|(i, c)| (Some(Source::Competency(i)), c.as_str())),
        )
        .chain(story.tags.iter().map(|t| (None, t.as_str())));
    for (source, text) in tagged {
        let words = analyzer.words(text);
        for hit in lexicon.detect(&words, &[]) {
            doc.add_text(fields.concepts_tagged, lexicon.name(hit.concept));
            if let Some(source) = source {
                stored_spans.push(span(source, &words, &hit));
            }
        }
    }
    let prose = story
        .star_parts()
        .into_iter()
        .enumerate()
        .map(|(i, (_, t))| (Some(Source::Part(i)), t))
        .chain(story.learning.as_deref().map(|t| (None, t)));
    for (source, text) in prose {
        let words = analyzer.words(text);
        for hit in lexicon.detect(&words, &[]) {
            doc.add_text(fields.concepts_text, lexicon.name(hit.concept));
            if let Some(source) = source {
                stored_spans.push(span(source, &words, &hit));
            }
        }
    }
    doc.add_bytes(fields.spans, &spans::encode(&stored_spans));
    // A story whose words the model knows none of has neither.
    if let Some(vector) = story_vector(story) {
        let mut packed = semantic::encode(&vector);
        packed.extend(passage_vectors(story));
        doc.add_bytes(fields.semantic, &packed);
    }
    doc
}

/// The name of the semantic vectors' fast field: the story vector
/// ([`semantic::encode`], one byte per dimension), then its sentence
/// vectors ([`semantic::encode_signs`]).
pub const SEMANTIC_FIELD: &str = "semantic";

/// At most this many sentences of a story get a vector (64 x 32 bytes, for
/// a story of several pages).
const MAX_PASSAGES: usize = 64;

/// The vectors of the sentences of a story's prose (Situation, Task,
/// Action, Result, learning; [`semantic::passages`]), each packed by
/// [`semantic::encode_signs`], one after another. A question often asks about
/// one moment of a story ("a message you regretted sending"), which the
/// story's vector, the mean of all it says, blurs.
fn passage_vectors(story: &Story) -> Vec<u8> {
    let model = semantic::Model::builtin();
    let parts = [&story.situation, &story.task, &story.action, &story.result]
        .into_iter()
        .map(String::as_str)
        .chain(story.learning.as_deref());
    parts
        .flat_map(semantic::passages)
        .filter_map(|sentence| model.embed(sentence))
        .take(MAX_PASSAGES)
        .flat_map(|vector| semantic::encode_signs(&vector))
        .collect()
}

/// A story's vector in the built-in semantic model: the mean direction of
/// what it is about and which questions it answers ([`semantic_text`]) and
/// of what happened ([`prose_text`]). The table is trained for exactly this
/// pairing (`tools/semantic/finetune.py`), so that a question points at the
/// story that answers it even when the story has no tagged questions.
fn story_vector(story: &Story) -> Option<Vec<f32>> {
    let model = semantic::Model::builtin();
    semantic::mean_direction(
        model.embed(&semantic_text(story)),
        model.embed(&prose_text(story)),
    )
}

/// Title, tagged questions and competencies.
fn semantic_text(story: &Story) -> String {
    let mut parts: Vec<&str> = vec![story.title.as_str()];
    parts.extend(story.questions.iter().map(String::as_str));
    parts.extend(story.competencies.iter().map(String::as_str));
    parts.join(". ")
}

/// Title and the STAR prose with its learning, as the fine-tuning script
/// joins them.
fn prose_text(story: &Story) -> String {
    let mut parts: Vec<&str> = vec![story.title.as_str()];
    for part in [&story.situation, &story.task, &story.action, &story.result] {
        if !part.trim().is_empty() {
            parts.push(part);
        }
    }
    parts.extend(story.learning.as_deref().filter(|l| !l.trim().is_empty()));
    parts.join(". ")
}

fn span(source: Source, words: &[super::analysis::Word], hit: &super::lexicon::ConceptHit) -> Span {
    Span {
        source,
        concept: hit.concept,
        start: words[hit.start].start,
        end: words[hit.start + hit.len - 1].end,
    }
}

fn create(dir: &Path) -> Result<Index, IndexError> {
    let (schema, _) = schema();
    let directory = MmapDirectory::open(dir).map_err(|e| IndexError::Corrupt {
        dir: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    let index = Index::create(directory, schema, tantivy::IndexSettings::default())
        .map_err(tantivy_err(dir))?;
    register_tokenizers(&index);
    Ok(index)
}

/// Whether `dir` holds segment files (`<32 hex digits>.<ext>`) of no
/// segment of the last commit: left by a run that was killed.
fn has_orphan_files(index: &Index, dir: &Path) -> bool {
    let Ok(metas) = index.load_metas() else {
        return false;
    };
    let living: HashSet<String> = metas
        .segments
        .iter()
        .map(|s| s.id().uuid_string())
        .collect();
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let name = e.file_name().to_string_lossy().to_string();
        name.split_once('.').is_some_and(|(stem, _)| {
            stem.len() == 32
                && stem.bytes().all(|b| b.is_ascii_hexdigit())
                && !living.contains(stem)
        })
    })
}

/// Whether `dir` holds a `meta.json` of the user's (the folder is theirs,
/// not an index): tantivy's always holds its segments and schema, and a
/// damaged one sits beside tantivy's `.managed.json` or a starmatch manifest.
fn foreign_meta(dir: &Path) -> bool {
    let ours = |name: &str| name == ".managed.json" || name.starts_with(MANIFEST_PREFIX);
    let an_index = fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| ours(&e.file_name().to_string_lossy()))
    });
    fs::read_to_string(dir.join("meta.json")).is_ok_and(|meta| {
        let tantivy_meta = meta.contains("\"segments\"") && meta.contains("\"schema\"");
        !(an_index || tantivy_meta)
    })
}

/// Removes the files of an unreadable index, and only those: `--index` may
/// point at a folder that also holds files of the user's.
fn wipe(dir: &Path) -> Result<(), IndexError> {
    const TANTIVY_EXTENSIONS: &[&str] = &[
        "idx",
        "pos",
        "term",
        "store",
        "fast",
        "fieldnorm",
        "del",
        "tsv",
    ];
    if foreign_meta(dir) {
        return Err(IndexError::NotAnIndex {
            dir: dir.to_path_buf(),
        });
    }
    let entries = fs::read_dir(dir).map_err(|source| IndexError::Io {
        dir: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let ours = name == "meta.json"
            || name == ".managed.json"
            || name.starts_with(MANIFEST_PREFIX)
            || name == "starmatch-lexicon.tsv"
            || name == "starmatch-lexicon.idx"
            || (name.len() > 32 && TANTIVY_EXTENSIONS.contains(&ext));
        if ours && path.is_file() {
            fs::remove_file(&path).map_err(|source| IndexError::Io {
                dir: dir.to_path_buf(),
                source,
            })?;
        }
    }
    Ok(())
}

/// Holds the starmatch lock of an index folder; released on drop (and by the
/// OS if the process dies, so a killed `index` never leaves a stale lock).
pub struct IndexLock {
    _file: File,
}

fn lock(dir: &Path, timeout: Duration) -> Result<IndexLock, IndexError> {
    let path = dir.join(LOCK_FILE);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| IndexError::Io {
            dir: dir.to_path_buf(),
            source,
        })?;
    let started = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(IndexLock { _file: file }),
            Err(fs::TryLockError::WouldBlock) if started.elapsed() < timeout => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(IndexError::Busy {
                    dir: dir.to_path_buf(),
                    waited: started.elapsed(),
                })
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(IndexError::Io {
                    dir: dir.to_path_buf(),
                    source,
                })
            }
        }
    }
}

fn manifest_generations(dir: &Path) -> Vec<(u64, String)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let n = name
                .strip_prefix(MANIFEST_PREFIX)?
                .strip_suffix(".tsv")?
                .parse()
                .ok()?;
            Some((n, name))
        })
        .collect()
}

fn next_generation(dir: &Path) -> u64 {
    manifest_generations(dir)
        .iter()
        .map(|(n, _)| n + 1)
        .max()
        .unwrap_or(1)
}

/// Deletes manifests of earlier commits (best effort: a leftover file is harmless).
fn remove_old_manifests(dir: &Path, keep: &str) {
    for (_, name) in manifest_generations(dir) {
        if name != keep {
            let _ = fs::remove_file(dir.join(name));
        }
    }
}

/// Manifest text: `key \t size \t mtime_ns \t hash \t id \t ctime_ns`, sorted by key.
/// Tabs, newlines and backslashes in keys are escaped.
pub fn render_manifest(manifest: &Manifest) -> String {
    let mut keys: Vec<&String> = manifest.keys().collect();
    keys.sort();
    let mut out = String::with_capacity(manifest.len() * 64);
    out.push_str("# starmatch index manifest v2: key size mtime_ns hash id ctime_ns\n");
    for key in keys {
        let e = &manifest[key];
        out.push_str(&format!(
            "{}\t{}\t{}\t{:016x}\t{}\t{}\n",
            escape(key),
            e.size,
            e.mtime_ns,
            e.hash,
            escape(&e.id),
            e.ctime_ns
        ));
    }
    out
}

/// Parses manifest text; on a malformed line returns its 1-based number.
pub fn parse_manifest(text: &str) -> Result<Manifest, usize> {
    let mut manifest = Manifest::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let mut parts = line.split('\t');
        let mut next = || parts.next().ok_or(n + 1);
        let key = unescape(next()?);
        let size = next()?.parse().map_err(|_| n + 1)?;
        let mtime_ns = next()?.parse().map_err(|_| n + 1)?;
        let hash = u64::from_str_radix(next()?, 16).map_err(|_| n + 1)?;
        let id = unescape(next()?);
        // Version 1 lines end at the id: no status-change time known, so
        // the next refresh checks the file's hash once.
        let ctime_ns = match parts.next() {
            Some(field) => field.parse().map_err(|_| n + 1)?,
            None => 0,
        };
        manifest.insert(
            key,
            ManifestEntry {
                size,
                mtime_ns,
                hash,
                id,
                ctime_ns,
            },
        );
    }
    Ok(manifest)
}

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('\t', "\\t")
        .replace('\n', "\\n")
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_round_trip_with_odd_keys() {
        let mut m = Manifest::new();
        m.insert(
            "we\tird\\name.yaml".into(),
            ManifestEntry {
                size: 12,
                mtime_ns: 1_700_000_000_123_456_789,
                hash: 0xdead_beef,
                id: "weird".into(),
                ctime_ns: 1_700_000_001_000_000_007,
            },
        );
        assert_eq!(parse_manifest(&render_manifest(&m)), Ok(m));
    }

    #[test]
    fn a_version_1_manifest_reads_with_no_status_change_time() {
        let m = parse_manifest("# v1\na.yaml\t12\t5\t00000000000000ff\ta\n").unwrap();
        assert_eq!(m["a.yaml"].ctime_ns, 0);
        assert_eq!(m["a.yaml"].hash, 0xff);
    }

    #[test]
    fn a_truncated_manifest_line_is_reported() {
        assert_eq!(parse_manifest("# header\na.yaml\t12\n"), Err(2));
    }

    #[test]
    fn staleness_needs_only_metadata() {
        let file = |key: &str, size| StoryFile {
            path: PathBuf::from(key),
            key: key.into(),
            size,
            mtime_ns: 5,
            ctime_ns: 7,
        };
        let mut m = Manifest::new();
        for key in ["a.yaml", "gone.yaml"] {
            m.insert(
                key.into(),
                ManifestEntry {
                    size: 1,
                    mtime_ns: 5,
                    hash: 0,
                    id: key.into(),
                    ctime_ns: 7,
                },
            );
        }
        let s = staleness(&[file("a.yaml", 1), file("new.yaml", 3)], &m);
        assert_eq!(
            s,
            Staleness {
                touched: 1,
                removed: 1
            }
        );
        assert!(staleness(&[file("a.yaml", 1)], &{
            m.remove("gone.yaml");
            m
        })
        .is_fresh());
    }
}
