//! `starmatch import`: Markdown STAR notes -> corpus story files.
//!
//! Each file is imported on its own: a broken file is reported and the others
//! still go in. A folder given stands for the notes files under it, a ZIP
//! archive of notes for the files inside it (their sources then name the
//! archive and the path in it: `export.zip/Work/Stories.md:12`). Stories are written atomically and never replace an existing
//! file unless `--force`; a re-import of the same story (same `source`) is
//! recognised and left alone instead of being duplicated.
//!
//! A story's `source` is the notes file's path as given (relative to the
//! current folder when it is inside it) and the line, so two `star.md` in
//! different folders are two sources. Stories imported before sources held
//! paths say only `star.md:12`; such a story counts as the same story as one
//! from a `star.md` at line 12, claimed by the first one of a run. When a run
//! imports several `star.md`, which one that was is unknown, so it must also
//! have the same content.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{GlobalConfig, InputError, Status};
use crate::cli::ImportArgs;
use crate::corpus::{self, Corpus};
use crate::markdown::{self, archive, ImportError, MAX_DOCUMENT_BYTES, MAX_PACKAGE_BYTES};
use crate::story::Story;

#[derive(Debug, Clone)]
pub struct ImportConfig {
    pub files: Vec<PathBuf>,
    pub out: PathBuf,
    /// The index of the corpus `out` belongs to, when `out` is its stories
    /// folder: its manifest knows each unchanged story file's id.
    pub index: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub json: bool,
}

impl ImportConfig {
    pub fn from_args(global: &GlobalConfig, args: ImportArgs) -> ImportConfig {
        let stories = Corpus::new(&global.corpus).stories_dir();
        let index = (args.out.as_ref().is_none_or(|o| *o == stories)).then(|| global.index.clone());
        let out = args.out.unwrap_or(stories);
        let files = expand_folders(args.files, &[&out, &global.index]);
        ImportConfig {
            out,
            index,
            files,
            dry_run: args.dry_run,
            force: args.force,
            json: args.json,
        }
    }
}

/// What happened to one story found in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Written,
    Overwritten,
    /// `--dry-run`: would have been written.
    WouldWrite,
    /// A file with this id holds the same story already; `--force` replaces it.
    LeftAlone,
}

#[derive(Debug, Serialize)]
pub struct StoryReport {
    pub id: String,
    pub title: String,
    pub line: usize,
    pub path: String,
    pub outcome: Outcome,
    pub questions: usize,
    pub competencies: Vec<String>,
    /// STAR parts the notes did not have (`Task`), left for the user to add.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The notes had no labels for some parts; they were assigned by
    /// paragraph and are worth a look.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub parts_by_paragraph: bool,
    /// Left alone, but the story file no longer tells what the notes do
    /// (the notes or the file were edited since): `--force` replaces it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub differs: bool,
}

#[derive(Debug, Serialize)]
pub struct SkipReport {
    pub title: String,
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct FileReport {
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub stories: Vec<StoryReport>,
    pub skipped: Vec<SkipReport>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

pub fn run(global: &GlobalConfig, args: ImportArgs) -> anyhow::Result<Status> {
    let config = ImportConfig::from_args(global, args);
    if !config.dry_run {
        fs::create_dir_all(&config.out).map_err(|e| {
            InputError(format!(
                "cannot create the output folder {}: {e}",
                config.out.display()
            ))
        })?;
    }
    let mut names = HashSet::new();
    let shared_names = config
        .files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()))
        .filter(|n| !names.insert(n.clone()))
        .collect();
    let mut placed = Placement {
        taken: existing_ids(&config.out, config.index.as_deref()),
        this_run: HashMap::new(),
        by_source: HashMap::new(),
        on_disk: HashMap::new(),
        next_suffix: HashMap::new(),
        shared_names,
    };
    let mut reports: Vec<FileReport> = Vec::new();
    for file in &config.files {
        reports.extend(import_path(&config, file, &mut placed)?);
    }

    let mut out = std::io::stdout().lock();
    if config.json {
        serde_json::to_writer_pretty(&mut out, &reports)?;
        writeln!(out)?;
    } else {
        write_text(&mut out, &reports, &config)?;
    }
    // A file without stories (a page of tips) is reported, not a failure;
    // one that could not be read (missing, binary, empty, too large) is an
    // input error even when the others went in.
    let failed: Vec<&str> = reports
        .iter()
        .filter(|r| {
            r.error
                .as_deref()
                .is_some_and(|e| !e.starts_with("no STAR stories"))
        })
        .map(|r| r.file.as_str())
        .collect();
    let found: usize = reports.iter().map(|r| r.stories.len()).sum();
    if !failed.is_empty() {
        let others = if failed.len() == reports.len() {
            String::new()
        } else {
            "; the other files were imported".to_string()
        };
        return Err(InputError(format!(
            "{} of {} file(s) could not be imported ({}){others}",
            failed.len(),
            reports.len(),
            failed.join(", ")
        ))
        .into());
    }
    Ok(if found == 0 {
        Status::NoResult
    } else {
        Status::Success
    })
}

/// Ids already used in the output folder: each story file's stem (imported
/// stories use their id as stem) and the `id:` it declares, which differs
/// when a story file was renamed by hand (`my-clash.yaml` holding `id:
/// code-review-clash`); writing `code-review-clash.yaml` beside it would
/// give the corpus the same id twice and stop the index.
///
/// A story file the index's manifest holds with the same size and times
/// is not read: its id is the manifest's. At 100,000 stories reading every
/// file took most of a second; a `stat` each is a fraction of that.
fn existing_ids(dir: &Path, index: Option<&Path>) -> HashSet<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return HashSet::new();
    };
    let manifest = index
        .and_then(|i| crate::search::index::open(i).ok())
        .and_then(|open| open.manifest().ok())
        .unwrap_or_default();
    let mut ids = HashSet::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(stem) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            continue;
        };
        let indexed = manifest.get(&name).filter(|e| {
            fs::metadata(entry.path())
                .is_ok_and(|meta| corpus::file_stamp(&meta) == (e.size, e.mtime_ns, e.ctime_ns))
        });
        let declared = match indexed {
            Some(e) => Some(e.id.clone()),
            None => fs::read_to_string(entry.path())
                .ok()
                .and_then(|text| corpus::declared_id(&text)),
        };
        if let Some(id) = declared {
            ids.insert(id);
        }
        ids.insert(stem.to_string());
    }
    ids
}

/// The ids of the output folder and of this run.
struct Placement {
    /// Ids in use: files in the output folder and stories placed by this run.
    taken: HashSet<String>,
    /// The `source` of each story this run placed, by id: a later story of
    /// the run is only ever the same story if its source is the same.
    this_run: HashMap<String, Option<String>>,
    /// Story files of the output folder read so far, by id (`None`: not
    /// a readable story).
    on_disk: HashMap<String, Option<Story>>,
    /// The id this run placed each story under, by `source`.
    by_source: HashMap<String, String>,
    /// Per slug, the first suffix (1: the slug itself) that this run has not
    /// already given to another story: notes with many stories of one title
    /// ("Conflict", "Untitled") place each in constant time, not by walking
    /// `-2`, `-3`, ... past every earlier one.
    next_suffix: HashMap<String, u64>,
    /// File names given more than once in this run (`a/star.md b/star.md`).
    shared_names: HashSet<String>,
}

impl Placement {
    /// `id` turned out to be taken by a file another process wrote after
    /// the folder was read: it stays taken, and is no longer this run's.
    fn unclaim(&mut self, id: &str, source: Option<&str>) {
        self.taken.insert(id.to_string());
        self.this_run.remove(id);
        self.on_disk.remove(id);
        // The hints skipped ids this run held; walk from the start again.
        self.next_suffix.clear();
        if let Some(source) = source {
            if self.by_source.get(source).is_some_and(|s| s == id) {
                self.by_source.remove(source);
            }
        }
    }
}

/// The name recorded in `source:` for a notes file: its path as given, made
/// relative to the current folder when it lies inside it, with `/` separators.
fn source_name(file: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| file.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| file.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if relative.has_root() && !parts.is_empty() && cfg!(unix) {
        // `/` itself is a component: join would give `//home/...`.
        format!("/{}", parts[1..].join("/"))
    } else {
        parts.join("/")
    }
}

/// Whether `existing` (a story file) is the story `new` imported from the
/// same notes: the same `source` path and line; or the same notes file and
/// the same title at another line, as after lines were added above it; or,
/// for stories imported before sources held paths, the same file name and
/// line (and the same content, when this run imports several files of that
/// name); or the same notes named from another folder (`notes/star.md`,
/// then `star.md` inside `notes/`) telling the same story word for word. A
/// path that only ends like another may be other notes of that name
/// (`a/star.md`, `b/star.md`): without the same content it is not the same
/// story, so `--force` never replaces it.
fn same_story(existing: &Story, new: &Story, shared_names: &HashSet<String>) -> bool {
    let (Some(old), Some(source)) = (existing.source.as_deref(), new.source.as_deref()) else {
        return false;
    };
    if old == source {
        return true;
    }
    fn split(s: &str) -> (&str, &str) {
        s.rsplit_once(':').unwrap_or((s, ""))
    }
    let ((old_file, _), (new_file, _)) = (split(old), split(source));
    if old_file == new_file {
        return existing.title == new.title;
    }
    let legacy = !old.contains(['/', '\\']) && source.ends_with(&format!("/{old}"));
    if legacy {
        return !shared_names.contains(old_file) || same_content(existing, new);
    }
    let elsewhere =
        new_file.ends_with(&format!("/{old_file}")) || old_file.ends_with(&format!("/{new_file}"));
    elsewhere && same_content(existing, new)
}

/// Whether two stories tell the same thing (ids and sources aside).
fn same_content(a: &Story, b: &Story) -> bool {
    content(a) == content(b)
}

/// What a story tells: the story without its id and source.
fn content(story: &Story) -> Story {
    Story {
        id: String::new(),
        source: None,
        ..story.clone()
    }
}

/// The reports of one path given: a notes file's, or one per notes file
/// inside a ZIP archive of notes (an export as downloaded).
fn import_path(
    config: &ImportConfig,
    file: &Path,
    placed: &mut Placement,
) -> anyhow::Result<Vec<FileReport>> {
    let bytes = match read_limited(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let mut report = FileReport::new(file.display().to_string());
            report.error = Some(e);
            return Ok(vec![report]);
        }
    };
    let name = source_name(file);
    match archive::notes_in(&bytes) {
        Some(notes) if notes.is_empty() => {
            let mut report = FileReport::new(file.display().to_string());
            report.error = Some(
                "is a ZIP archive holding no notes files (.md, .txt, .html, .docx, .xlsx, ...): check it is the export of your notes, or unzip it and pass the notes files themselves"
                    .into(),
            );
            Ok(vec![report])
        }
        Some(notes) => notes
            .into_iter()
            .map(|(path, read)| {
                let inner = format!("{name}/{path}");
                match read {
                    Ok(bytes) => import_bytes(config, inner.clone(), inner, &bytes, placed),
                    Err(e) => {
                        let mut report = FileReport::new(inner);
                        report.error = Some(e);
                        Ok(report)
                    }
                }
            })
            .collect(),
        None => Ok(vec![import_bytes(
            config,
            name,
            file.display().to_string(),
            &bytes,
            placed,
        )?]),
    }
}

impl FileReport {
    fn new(file: String) -> Self {
        FileReport {
            file,
            error: None,
            stories: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }
}

/// Imports one notes document: `name` is its source (`notes/star.md`,
/// `export.zip/Page.md`), `shown` how the report names it.
fn import_bytes(
    config: &ImportConfig,
    name: String,
    shown: String,
    bytes: &[u8],
    placed: &mut Placement,
) -> anyhow::Result<FileReport> {
    let mut report = FileReport::new(shown);
    let imported = match markdown::import_document(&name, bytes) {
        Ok(imported) => imported,
        Err(e) => {
            if let ImportError::NoStories { sections, .. } = &e {
                report.skipped = sections.iter().map(skip_report).collect();
            }
            report.error = Some(e.to_string());
            return Ok(report);
        }
    };
    if imported.repaired_mojibake {
        report.notes.push(
            "repaired garbled characters (UTF-8 text that had been read as Windows-1252)".into(),
        );
    }
    if imported.decoded_as_windows_1252 {
        report
            .notes
            .push("the file was not UTF-8; it was read as Windows-1252".into());
    }
    report.skipped = imported.skipped.iter().map(skip_report).collect();
    // Notes pasted twice into one file tell the same story twice: it is
    // imported once and the copy reported.
    let mut kept: HashMap<Story, usize> = HashMap::new();
    for found in imported.stories {
        let mut story = found.story;
        if let Some(first) = kept.get(&content(&story)) {
            report.skipped.push(SkipReport {
                title: story.title.clone(),
                line: found.line,
                reason: format!("the same story as line {first}, imported once"),
            });
            continue;
        }
        kept.insert(content(&story), found.line);
        let slug = story.id.clone();
        let (outcome, differs, path) = loop {
            story.id.clone_from(&slug);
            let (id, outcome, differs) = place(config, &story, placed)?;
            story.id = id;
            let path = config.out.join(format!("{}.yaml", story.id));
            let outcome = match outcome {
                Outcome::LeftAlone => Outcome::LeftAlone,
                _ if config.dry_run => Outcome::WouldWrite,
                outcome => {
                    // `place` decided that this file may be written; a new
                    // one only if no other process (a second import at the
                    // same moment) has just created it.
                    let written =
                        corpus::save_story(&path, &story, outcome == Outcome::Overwritten)
                            .map_err(|e| anyhow::anyhow!("writing {}: {e}", path.display()))?;
                    if !written {
                        placed.unclaim(&story.id, story.source.as_deref());
                        continue;
                    }
                    outcome
                }
            };
            break (outcome, differs, path);
        };
        report.stories.push(StoryReport {
            id: story.id.clone(),
            title: story.title.clone(),
            line: found.line,
            path: path.display().to_string(),
            outcome,
            questions: story.questions.len(),
            competencies: story.competencies.clone(),
            missing: story
                .star_parts()
                .iter()
                .filter(|(_, text)| text.trim().is_empty())
                .map(|(name, _)| capitalise(name))
                .collect(),
            parts_by_paragraph: found.guessed_parts,
            differs: differs && outcome == Outcome::LeftAlone,
        });
    }
    Ok(report)
}

/// Chooses the id a story is written under and what happens to it. The slug
/// is kept when free; a file holding the same story (same `source`) is left
/// alone or, with `--force`, overwritten; any other clash gets `-2`, `-3`,
/// ...: a story from other notes is never overwritten. The flag says whether
/// the story file found for it tells something else now.
fn place(
    config: &ImportConfig,
    story: &Story,
    placed: &mut Placement,
) -> anyhow::Result<(String, Outcome, bool)> {
    let base = story.id.clone();
    let source = story.source.as_deref();
    // The story file `id` already holds this story (same notes and line):
    // left alone, or overwritten with `--force`.
    let already = |id: &str, placed: &mut Placement| {
        if let Some(run_source) = placed.this_run.get(id) {
            // Placed by this run: the file is (or, in a dry run, would be) that story.
            return (source.is_some() && run_source.as_deref() == source)
                .then_some((Outcome::LeftAlone, false));
        }
        // Each story file is read once per run, however many stories of
        // its title pass it.
        let existing = placed
            .on_disk
            .entry(id.to_string())
            .or_insert_with(|| {
                let path = config.out.join(format!("{id}.yaml"));
                fs::read(&path)
                    .ok()
                    .and_then(|bytes| corpus::parse_story(&path, id, &bytes).ok())
            })
            .as_ref()?;
        if !same_story(existing, story, &placed.shared_names) {
            return None;
        }
        let outcome = if config.force {
            Outcome::Overwritten
        } else {
            Outcome::LeftAlone
        };
        Some((outcome, !same_content(existing, story)))
    };
    let claim = |id: String, (outcome, differs): (Outcome, bool), placed: &mut Placement| {
        placed.taken.insert(id.clone());
        placed.this_run.insert(id.clone(), story.source.clone());
        if let Some(source) = source {
            placed.by_source.insert(source.to_string(), id.clone());
        }
        Ok((id, outcome, differs))
    };
    // The same notes given twice in one run: the story placed the first time.
    if let Some(id) = source.and_then(|s| placed.by_source.get(s)) {
        if placed.this_run.contains_key(id) {
            return Ok((id.clone(), Outcome::LeftAlone, false));
        }
    }
    // The same notes imported before ids folded accents: that story is
    // this one, under its old id.
    let legacy = crate::story::legacy_slugify(&story.title, crate::story::ID_WORDS);
    if legacy != base {
        if let Some(outcome) = already(&legacy, placed) {
            return claim(legacy, outcome, placed);
        }
    }
    // The same notes imported when a longer title gave a longer id (a
    // bracket, a framework name or tags since read apart from the title:
    // `night-skill-mix-my-mistake` for `night-skill-mix`): that story file.
    let prefix = format!("{base}-");
    let mut longer: Vec<String> = placed
        .taken
        .iter()
        .filter(|id| id.starts_with(&prefix) && !placed.this_run.contains_key(*id))
        .filter(|id| {
            // Not a `-2` copy of the slug itself, which the walk below reads.
            !id[prefix.len()..].bytes().all(|b| b.is_ascii_digit())
        })
        .cloned()
        .collect();
    longer.sort();
    for id in longer {
        if let Some(outcome) = already(&id, placed) {
            return claim(id, outcome, placed);
        }
    }
    // Every id below the hint went to another story of this run (one of
    // the same source returned above), so none of them can be this story.
    let mut n = placed.next_suffix.get(&base).copied().unwrap_or(1);
    let mut hint = n;
    loop {
        let id = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        let found = if !placed.taken.contains(&id) {
            Some((Outcome::Written, false))
        } else if placed.this_run.contains_key(&id) {
            None
        } else {
            already(&id, placed)
        };
        let run_before = placed.this_run.contains_key(&id);
        if hint == n && (run_before || found.is_some()) {
            hint = n + 1;
        }
        if let Some(outcome) = found {
            placed.next_suffix.insert(base.clone(), hint);
            return claim(id, outcome, placed);
        }
        n += 1;
    }
}

/// Deepest folder nesting searched for notes.
const MAX_FOLDER_DEPTH: usize = 16;

/// The files to import: each path given as it is, and for a folder (an
/// unzipped Notion or Takeout export, an Obsidian vault) the notes files
/// under it, sorted. Hidden files and folders (`.obsidian`, `.git`),
/// folder links, the `skip` folders (the output and index folders), and a
/// `.json` file beside an `.html` one of the same name (Google Takeout
/// saves each Keep note both ways) are left out. A folder with no notes
/// files stays in the list, to be reported.
fn expand_folders(files: Vec<PathBuf>, skip: &[&Path]) -> Vec<PathBuf> {
    let skip: Vec<PathBuf> = skip
        .iter()
        .filter_map(|p| fs::canonicalize(p).ok())
        .collect();
    let mut expanded = Vec::new();
    for file in files {
        if !file.is_dir() {
            expanded.push(file);
            continue;
        }
        let mut found = Vec::new();
        notes_in(&file, &skip, 0, &mut found);
        if found.is_empty() {
            expanded.push(file);
        } else {
            expanded.extend(found);
        }
    }
    // A file named twice (a folder given with a file inside it, or twice)
    // is imported once.
    let mut seen = HashSet::new();
    expanded.retain(|f| seen.insert(fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    expanded
}

fn notes_in(folder: &Path, skip: &[PathBuf], depth: usize, found: &mut Vec<PathBuf>) {
    // Another starmatch index (tantivy keeps `.managed.json` in it) is no
    // notes either.
    let index = folder.join(".managed.json").is_file();
    if depth > MAX_FOLDER_DEPTH
        || index
        || fs::canonicalize(folder).is_ok_and(|c| skip.contains(&c))
    {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else {
        // Named in the report: `cannot read the folder`.
        found.push(folder.to_path_buf());
        return;
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.path())
        .collect();
    paths.sort();
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string()
        })
        .collect();
    let lowered: HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    for (path, name) in paths.iter().zip(&names) {
        let Ok(meta) = fs::symlink_metadata(path) else {
            continue;
        };
        if meta.is_dir() {
            notes_in(path, skip, depth + 1, found);
        } else if meta.is_file() && archive::is_notes_path(name, &lowered) {
            found.push(path.clone());
        }
    }
}

fn read_limited(file: &Path) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(file).map_err(|e| format!("cannot read: {e}"))?;
    if meta.is_dir() {
        if let Err(e) = fs::read_dir(file) {
            return Err(format!("cannot read the folder: {e}"));
        }
        return Err(format!(
            "is a folder holding no notes files (.md, .txt, .html, .docx, .xlsx, ...) in it or its subfolders (hidden ones, links and those over {MAX_FOLDER_DEPTH} levels deep are not searched): pass the notes files themselves"
        ));
    }
    if meta.len() > MAX_DOCUMENT_BYTES as u64 {
        // A Word document may be larger (its pictures); its text is
        // checked once unpacked.
        let mut head = [0u8; 4];
        let package = fs::File::open(file)
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| markdown::is_package(&head));
        let limit = if package {
            MAX_PACKAGE_BYTES
        } else {
            MAX_DOCUMENT_BYTES
        };
        if meta.len() > limit as u64 && package {
            return Err(format!(
                "the Word document is {} bytes, over the {limit}-byte limit: remove or compress its pictures (File > Compress Pictures), or save it as Markdown or plain text, and import that",
                meta.len()
            ));
        }
        if meta.len() > limit as u64 {
            return Err(format!(
                "the file is {} bytes, over the {limit}-byte limit for one document: split it into smaller files",
                meta.len()
            ));
        }
    }
    fs::read(file).map_err(|e| format!("cannot read: {e}"))
}

fn skip_report(s: &markdown::SkippedSection) -> SkipReport {
    SkipReport {
        title: s.title.clone(),
        line: s.line,
        reason: s.reason.clone(),
    }
}

fn write_text(
    out: &mut dyn Write,
    reports: &[FileReport],
    config: &ImportConfig,
) -> std::io::Result<()> {
    for r in reports {
        match &r.error {
            Some(e) => writeln!(out, "{}: {e}", r.file)?,
            None => writeln!(out, "{}: {} story(ies)", r.file, r.stories.len())?,
        }
        for note in &r.notes {
            writeln!(out, "  note: {note}")?;
        }
        for s in &r.stories {
            let (marker, what) = match s.outcome {
                Outcome::Written => ('+', "wrote"),
                Outcome::Overwritten => ('+', "overwrote"),
                Outcome::WouldWrite => ('+', "would write"),
                Outcome::LeftAlone if s.differs => ('=', "left alone (already imported, but the notes and the story file now differ; --force replaces it with the notes)"),
                Outcome::LeftAlone => ('=', "left alone (already imported, unchanged)"),
            };
            let mut missing = if s.missing.is_empty() {
                String::new()
            } else {
                format!(", no {}", s.missing.join(" or "))
            };
            if s.parts_by_paragraph {
                missing.push_str(", parts by paragraph: check them");
            }
            writeln!(
                out,
                "  {marker} {} \"{}\" (line {}{missing}): {what} {}",
                s.id, s.title, s.line, s.path
            )?;
        }
        for s in &r.skipped {
            writeln!(
                out,
                "  - skipped \"{}\" (line {}): {}",
                s.title, s.line, s.reason
            )?;
        }
    }
    if config.dry_run {
        writeln!(out, "dry run: nothing was written")?;
    }
    Ok(())
}

/// `task` -> `Task`, as the report names STAR parts.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
