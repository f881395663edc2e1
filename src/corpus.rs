//! The corpus folder: finding, reading, validating and writing story files.
//!
//! ALL YAML I/O of starmatch lives in this module (stories, the eval question
//! set, the concept lexicon), so that the archived `serde_yaml` crate can be
//! swapped for another parser in one place.
//!
//! Layout of a corpus folder:
//! ```text
//! corpus/
//!   stories/*.yaml      one story per file
//!   eval/questions.yaml labelled questions for `starmatch eval`
//!   concepts.yaml       optional user additions to the concept lexicon
//! ```

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::de::DeserializeOwned;

use crate::story::{Story, StoryProblem};

/// Story files larger than this are rejected: a story is a page of text, not a book.
pub const MAX_STORY_BYTES: u64 = 1024 * 1024;

/// Everything that can be wrong with one corpus file, with what a user needs to fix it.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: is a dangling symlink: point it at a story file or remove it", path.display())]
    DanglingSymlink { path: PathBuf },
    #[error("{}: is a directory, not a story file: story files are `*.yaml` files directly in the stories folder", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: is not a regular file (a pipe, socket or device): story files are plain `*.yaml` files; remove it or replace it with a story file", path.display())]
    NotRegular { path: PathBuf },
    #[error("{}: the file name is not valid UTF-8, so it cannot be an id: rename the file (letters, digits and dashes)", path.display())]
    NameNotUtf8 { path: PathBuf },
    #[error("{}: file is empty: write a story (title, situation, task, action, result) or delete the file", path.display())]
    Empty { path: PathBuf },
    #[error("{}: is {bytes} bytes, over the {limit}-byte limit for one story: split it into several stories", path.display())]
    TooLarge {
        path: PathBuf,
        bytes: u64,
        limit: u64,
    },
    #[error("{}:{line}: file is not valid UTF-8 (byte {offset}): save it as UTF-8", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        offset: usize,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Yaml {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: {problem}", path.display())]
    Invalid {
        path: PathBuf,
        problem: StoryProblem,
    },
    #[error("duplicate story id `{id}` in {} and {}: give one of them a different `id` (or rename the file)", first.display(), second.display())]
    DuplicateId {
        id: String,
        first: PathBuf,
        second: PathBuf,
    },
    /// A concepts file that parses but does not make sense (a form with no
    /// words, `broader` naming no concept or going round in a circle).
    #[error("{}:{line}: {message}", path.display())]
    Concept {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{}: corpus folder does not exist: create it, or pass --corpus DIR (or set STARMATCH_CORPUS)", path.display())]
    MissingCorpus { path: PathBuf },
    #[error("{}: the stories folder is missing, but the index holds {indexed} stories read from it (left as it is): restore the folder (a drive or sync folder not mounted?) or pass the corpus folder that holds `stories/` as --corpus; to empty the index on purpose, create an empty `stories` folder", path.display())]
    MissingStories { path: PathBuf, indexed: usize },
}

impl CorpusError {
    /// The file the problem is in (the second file for a duplicate id).
    pub fn path(&self) -> &Path {
        match self {
            CorpusError::Io { path, .. }
            | CorpusError::DanglingSymlink { path }
            | CorpusError::NotAFile { path }
            | CorpusError::NotRegular { path }
            | CorpusError::NameNotUtf8 { path }
            | CorpusError::Empty { path }
            | CorpusError::TooLarge { path, .. }
            | CorpusError::NotUtf8 { path, .. }
            | CorpusError::Yaml { path, .. }
            | CorpusError::Invalid { path, .. }
            | CorpusError::Concept { path, .. }
            | CorpusError::MissingCorpus { path }
            | CorpusError::MissingStories { path, .. } => path,
            CorpusError::DuplicateId { second, .. } => second,
        }
    }
}

/// A corpus folder on disk.
#[derive(Debug, Clone)]
pub struct Corpus {
    pub root: PathBuf,
}

/// A story file found by a directory scan, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryFile {
    pub path: PathBuf,
    /// Path relative to the stories folder, with `/` separators: the key in the index manifest.
    pub key: String,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 if unknown).
    pub mtime_ns: u128,
    /// Status-change time in nanoseconds (0 where the system has none): it
    /// moves on every write even when the writer sets the mtime back (`cp
    /// -p`, `touch -d`, a restore) and the size stays the same.
    pub ctime_ns: u128,
}

/// A story read from disk, with the hash of the bytes it came from.
#[derive(Debug, Clone)]
pub struct LoadedStory {
    pub story: Story,
    pub file: StoryFile,
    pub hash: u64,
}

/// The result of scanning the stories folder: files to read, and entries that
/// can never be stories (directories, dangling links), reported as problems.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<StoryFile>,
    pub problems: Vec<CorpusError>,
    /// Modification time of the stories folder, read before listing it.
    pub dir_mtime_ns: u128,
    /// Entries of the stories folder that are not story files but look
    /// like something meant to be read: notes files (`notes.md`) and
    /// folders. Reported as a note by `index`; hidden entries are not.
    pub not_read: Vec<PathBuf>,
}

impl Corpus {
    pub fn new(root: impl Into<PathBuf>) -> Corpus {
        Corpus { root: root.into() }
    }

    pub fn stories_dir(&self) -> PathBuf {
        self.root.join("stories")
    }

    pub fn eval_questions_path(&self) -> PathBuf {
        self.root.join("eval").join("questions.yaml")
    }

    pub fn concepts_path(&self) -> PathBuf {
        self.root.join("concepts.yaml")
    }

    /// Lists `stories/*.yaml` (and `*.yml`) with size and mtime, sorted by key.
    /// Reads no file contents: this is the cheap half of the staleness check.
    pub fn scan(&self) -> Result<Scan, CorpusError> {
        let dir = self.stories_dir();
        if !self.root.is_dir() {
            return Err(CorpusError::MissingCorpus {
                path: self.root.clone(),
            });
        }
        let dir_mtime_ns = self.stories_mtime_ns().unwrap_or(0);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            // A corpus without a stories folder yet is an empty corpus.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Scan::default()),
            Err(source) => return Err(CorpusError::Io { path: dir, source }),
        };
        let mut scan = Scan {
            dir_mtime_ns,
            ..Scan::default()
        };
        for entry in entries {
            let entry = entry.map_err(|source| CorpusError::Io {
                path: dir.clone(),
                source,
            })?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                // Left out in silence, a story would simply never be found.
                if name.as_encoded_bytes().ends_with(b".yaml")
                    || name.as_encoded_bytes().ends_with(b".yml")
                {
                    scan.problems
                        .push(CorpusError::NameNotUtf8 { path: entry.path() });
                }
                continue;
            };
            let lower = name.to_ascii_lowercase();
            if name.starts_with('.') {
                continue;
            }
            if !(lower.ends_with(".yaml") || lower.ends_with(".yml")) {
                let notes = [".md", ".markdown", ".txt", ".org", ".docx", ".html"]
                    .iter()
                    .any(|ext| lower.ends_with(ext));
                if notes || entry.file_type().is_ok_and(|t| t.is_dir()) {
                    scan.not_read.push(entry.path());
                }
                continue;
            }
            let path = entry.path();
            // fs::metadata follows symlinks, which is what a user linking stories in expects.
            let meta = match fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    scan.problems.push(CorpusError::DanglingSymlink { path });
                    continue;
                }
                Err(source) => {
                    scan.problems.push(CorpusError::Io { path, source });
                    continue;
                }
            };
            if meta.is_dir() {
                scan.problems.push(CorpusError::NotAFile { path });
                continue;
            }
            if !meta.is_file() {
                scan.problems.push(CorpusError::NotRegular { path });
                continue;
            }
            let mtime_ns = mtime_ns(&meta);
            scan.files.push(StoryFile {
                path,
                key: name.to_string(),
                size: meta.len(),
                mtime_ns,
                ctime_ns: ctime_ns(&meta),
            });
        }
        scan.files.sort_by(|a, b| a.key.cmp(&b.key));
        scan.not_read.sort();
        Ok(scan)
    }

    /// Modification time of the stories folder: one `stat`, the cheap
    /// staleness check for large corpora.
    pub fn stories_mtime_ns(&self) -> Option<u128> {
        fs::metadata(self.stories_dir()).ok().map(|m| mtime_ns(&m))
    }

    /// Reads and validates every story; returns the good ones and every problem
    /// (not just the first), including duplicate ids.
    pub fn load_all(&self) -> Result<(Vec<LoadedStory>, Vec<CorpusError>), CorpusError> {
        let scan = self.scan()?;
        let mut problems = scan.problems;
        let mut stories = Vec::with_capacity(scan.files.len());
        for file in scan.files {
            match read_story_file(&file) {
                Ok(loaded) => stories.push(loaded),
                Err(e) => problems.push(e),
            }
        }
        let duplicates = find_duplicate_ids(
            stories
                .iter()
                .map(|s| (s.story.id.as_str(), s.file.path.as_path())),
        );
        if !duplicates.is_empty() {
            let bad: Vec<PathBuf> = duplicates.iter().map(|d| d.path().to_path_buf()).collect();
            stories.retain(|s| !bad.contains(&s.file.path));
            problems.extend(duplicates);
        }
        Ok((stories, problems))
    }
}

/// A file's size, modification and status-change times, as the index
/// manifest records them ([`StoryFile`]).
pub fn file_stamp(meta: &fs::Metadata) -> (u64, u128, u128) {
    (meta.len(), mtime_ns(meta), ctime_ns(meta))
}

#[cfg(unix)]
fn ctime_ns(meta: &fs::Metadata) -> u128 {
    use std::os::unix::fs::MetadataExt;
    u128::try_from(meta.ctime()).unwrap_or(0) * 1_000_000_000
        + u128::try_from(meta.ctime_nsec()).unwrap_or(0)
}

#[cfg(not(unix))]
fn ctime_ns(_meta: &fs::Metadata) -> u128 {
    0
}

fn mtime_ns(meta: &fs::Metadata) -> u128 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// Reports every id used by more than one file; the first file (in key order) keeps it.
pub fn find_duplicate_ids<'a>(
    stories: impl IntoIterator<Item = (&'a str, &'a Path)>,
) -> Vec<CorpusError> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    let mut problems = Vec::new();
    for (id, path) in stories {
        if let Some(first) = seen.get(id) {
            problems.push(CorpusError::DuplicateId {
                id: id.to_string(),
                first: first.to_path_buf(),
                second: path.to_path_buf(),
            });
        } else {
            seen.insert(id, path);
        }
    }
    problems
}

/// Reads one story file found by [`Corpus::scan`].
pub fn read_story_file(file: &StoryFile) -> Result<LoadedStory, CorpusError> {
    let path = &file.path;
    if file.size > MAX_STORY_BYTES {
        return Err(CorpusError::TooLarge {
            path: path.clone(),
            bytes: file.size,
            limit: MAX_STORY_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(|source| CorpusError::Io {
        path: path.clone(),
        source,
    })?;
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
    let stem = Path::new(&file.key)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let story = parse_story(path, stem, &bytes)?;
    Ok(LoadedStory {
        story,
        file: file.clone(),
        hash,
    })
}

/// Parses and validates story YAML. `stem` is the id used when the file has none.
pub fn parse_story(path: &Path, stem: &str, bytes: &[u8]) -> Result<Story, CorpusError> {
    if bytes.len() as u64 > MAX_STORY_BYTES {
        return Err(CorpusError::TooLarge {
            path: path.to_path_buf(),
            bytes: bytes.len() as u64,
            limit: MAX_STORY_BYTES,
        });
    }
    let text = utf8(path, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Err(CorpusError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut story: Story = from_yaml(path, text)?;
    let id_from_file_name = story.id.trim().is_empty();
    if id_from_file_name {
        story.id = stem.to_string();
    }
    story.validate().map_err(|problem| CorpusError::Invalid {
        path: path.to_path_buf(),
        problem: match problem {
            StoryProblem::BadId(id) if id_from_file_name => StoryProblem::BadFileName {
                suggestion: crate::story::slugify(&id, usize::MAX),
                stem: id,
            },
            other => other,
        },
    })?;
    Ok(story)
}

/// The value of a story file's top-level `id:` line, unquoted, read
/// without parsing the file (import checks every story file for ids).
pub fn declared_id(text: &str) -> Option<String> {
    let line = text.lines().find_map(|l| l.strip_prefix("id:"))?;
    let value = unquote(line.split(" #").next().unwrap_or(""));
    (!value.is_empty()).then(|| value.to_string())
}

/// A plain YAML scalar as written on one line, trimmed and without the
/// pair of quotes around it (`'a'`, `"a"`); read without a parser where
/// a whole parse is not wanted (an `id:` line, notes' front matter).
pub fn unquote(value: &str) -> &str {
    let value = value.trim();
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
        .trim()
}

/// Deserializes YAML text, turning parser errors into [`CorpusError::Yaml`] with a position.
fn from_yaml<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, CorpusError> {
    serde_yaml::from_str(text).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = yaml_message(&e);
        let lines = text.lines().count().max(1);
        let (line, column) = if let Some(at) = duplicate_key_line(text, &message) {
            // serde_yaml points at the start of the mapping, not at the key.
            (at, 1)
        } else if line > lines {
            // Past the end: the parser ran off the file looking for the end
            // of something opened earlier, most often a quote.
            match unclosed_quote(text) {
                Some((at, col, quote)) => {
                    message = format!("the value opened here with {quote} is never closed: add the closing {quote}, or remove the opening one");
                    (at, col)
                }
                None => (lines, 1),
            }
        } else {
            (line, column)
        };
        CorpusError::Yaml {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}

/// For `duplicate field `x``: the line of the second top-level `x:` key.
fn duplicate_key_line(text: &str, message: &str) -> Option<usize> {
    let field = message
        .strip_prefix("duplicate field `")?
        .split('`')
        .next()?;
    let key = format!("{field}:");
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with(&key))
        .nth(1)
        .map(|(i, _)| i + 1)
}

/// The last line where a value opens a quote it does not close on that
/// line: its 1-based line, column and quote character.
fn unclosed_quote(text: &str) -> Option<(usize, usize, char)> {
    let lines: Vec<&str> = text.lines().collect();
    lines.iter().enumerate().rev().find_map(|(i, line)| {
        let trimmed = line.trim_start();
        let value = trimmed
            .strip_prefix("- ")
            .or_else(|| trimmed.split_once(": ").map(|(_, v)| v))?
            .trim_start();
        let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let closed = match quote {
            // A `"` escaped by a backslash does not close; `''` is a quote inside '...'.
            '"' => value[1..]
                .replace("\\\\", "")
                .replace("\\\"", "")
                .contains('"'),
            _ => value[1..].replace("''", "").contains('\''),
        };
        (!closed).then(|| (i + 1, line.len() - value.len() + 1, quote))
    })
}

/// serde_yaml appends " at line X column Y" to its messages; we print the
/// position in front instead, so drop the tail and add advice for common cases.
fn yaml_message(e: &serde_yaml::Error) -> String {
    let raw = e.to_string();
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    let message = entry_path(&message).replace(
        "expected struct Story",
        "expected one story (fields such as `title:` and `situation:` at the top of the file)",
    );
    if message.starts_with("unknown field") {
        format!("{message} (check the spelling of the field name)")
    } else if message.starts_with("missing field") {
        format!("{message}: every story needs a title and at least two of situation, task, action and result")
    } else if message.contains("invalid type: sequence, expected a string") {
        format!("{message} (this field takes text, not a list: write it on one line, quoted if it holds `: ` or starts with `[`)")
    } else if message.contains("expected one story") {
        format!("{message} (a story file holds one story, not a list: one file per story)")
    } else if message.contains("invalid type") {
        format!("{message} (lists are written as `- item` lines or [a, b])")
    } else if message.contains("mapping values are not allowed") {
        format!(
            "{message} (a value holding `: ` must be quoted: `title: \"Plan B: the rollback\"`)"
        )
    } else if message.contains("more than one document") {
        format!("{message} (a story file holds one story: remove the `---` line between stories, or put each story in a file of its own)")
    } else {
        message
    }
}

/// serde_yaml names where in a list of entries a problem is as `.[0]:` or
/// `[2].best:`; say `entry 1:` and `entry 3, `best`:` instead.
fn entry_path(message: &str) -> String {
    let Some((path, rest)) = message.split_once(": ") else {
        return message.to_string();
    };
    let Some(inner) = path.strip_prefix('.').unwrap_or(path).strip_prefix('[') else {
        return message.to_string();
    };
    let Some((index, field)) = inner.split_once(']') else {
        return message.to_string();
    };
    let Ok(index) = index.parse::<usize>() else {
        return message.to_string();
    };
    match field.strip_prefix('.') {
        Some(field) if !field.is_empty() => format!("entry {}, `{field}`: {rest}", index + 1),
        _ if field.is_empty() => format!("entry {}: {rest}", index + 1),
        _ => message.to_string(),
    }
}

/// Parses any YAML document (eval questions, concepts) read from `path`.
pub fn read_yaml<T: DeserializeOwned>(path: &Path) -> Result<T, CorpusError> {
    let bytes = fs::read(path).map_err(|source| CorpusError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    from_yaml(path, utf8(path, &bytes)?)
}

/// The file's text, or [`CorpusError::NotUtf8`] with the line of the first bad byte.
fn utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, CorpusError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        CorpusError::NotUtf8 {
            path: path.to_path_buf(),
            line: bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1,
            offset,
        }
    })
}

/// Parses YAML embedded in the binary (the built-in lexicon). `name` is used in errors.
pub fn parse_yaml_str<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, CorpusError> {
    from_yaml(Path::new(name), text)
}

/// Renders a story as YAML, in the field order of [`Story`].
pub fn story_to_yaml(story: &Story) -> String {
    // Serializing plain strings and lists cannot fail.
    serde_yaml::to_string(story).unwrap_or_default()
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder,
/// flushed to disk, then renamed over the target. A crash leaves the old file or the new one.
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_whole(path, contents, true).map(|_| ())
}

/// Writes `contents` to `path` as one step: a temporary file beside it,
/// synced, then moved into place. With `replace` false an existing file is
/// kept (`Ok(false)`), checked in that same step, so that two imports
/// choosing one free name at once never overwrite each other. A symbolic
/// link is written through (the file it points at is replaced, the link
/// stays); a replaced file keeps its permissions, and a new one gets what
/// the umask allows, as any editor's file would.
fn write_whole(path: &Path, contents: &[u8], replace: bool) -> std::io::Result<bool> {
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => match fs::canonicalize(path) {
            Ok(target) => {
                resolved = target;
                resolved.as_path()
            }
            // A dangling link: replaced by the file, as before.
            Err(_) => path,
        },
        _ => path,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let (tmp_path, mut file) = create_temporary(dir)?;
    let written = (|| {
        file.write_all(contents)?;
        // Best effort: a file system without modes (a FAT stick) keeps its own.
        if let Ok(meta) = fs::metadata(path) {
            if meta.is_file() {
                let _ = file.set_permissions(meta.permissions());
            }
        }
        file.sync_all()?;
        drop(file);
        if replace {
            fs::rename(&tmp_path, path)?;
            return Ok(true);
        }
        // A hard link fails when the name exists: the check and the write
        // are one step. (A file system without hard links falls back to a
        // check, then a rename.)
        match fs::hard_link(&tmp_path, path) {
            Ok(()) => {
                let _ = fs::remove_file(&tmp_path);
                Ok(true)
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
            Err(_) if path.exists() => Ok(false),
            Err(_) => fs::rename(&tmp_path, path).map(|()| true),
        }
    })();
    if !matches!(written, Ok(true)) || tmp_path.exists() {
        let _ = fs::remove_file(&tmp_path);
    }
    written
}

/// A new, empty temporary file in `dir`, created as any file is (so the
/// umask applies), under a name no other process holds.
fn create_temporary(dir: &Path) -> std::io::Result<(PathBuf, fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!(".starmatch-{}-{n}-{nanos:x}.tmp", std::process::id());
        let tmp_path = dir.join(name);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp_path)
        {
            Ok(file) => return Ok((tmp_path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Writes a story file; refuses to replace an existing file unless `overwrite`.
/// Returns `Ok(false)` when the file existed and was left alone (also when
/// another process created it a moment before).
pub fn save_story(path: &Path, story: &Story, overwrite: bool) -> std::io::Result<bool> {
    let yaml = story_to_yaml(story);
    if !overwrite && fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    write_whole(path, yaml.as_bytes(), overwrite)
}

/// A printable list of problems, one per line.
pub struct ProblemList<'a>(pub &'a [CorpusError]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in self.0 {
            writeln!(f, "  - {p}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: Late launch\nsituation: s\ntask: t\naction: a\nresult: r\n";

    fn parse(text: &str) -> Result<Story, CorpusError> {
        parse_story(Path::new("stories/late.yaml"), "late", text.as_bytes())
    }

    #[test]
    fn the_id_defaults_to_the_file_stem() {
        assert_eq!(parse(GOOD).unwrap().id, "late");
    }

    #[test]
    fn an_unknown_field_is_named_with_its_position() {
        let err = parse(&format!("{GOOD}titel: oops\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `titel`"), "{err}");
        assert!(err.starts_with("stories/late.yaml:6:"), "{err}");
    }

    #[test]
    fn a_missing_field_is_named() {
        let err = parse("situation: s\ntask: t\naction: a\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("missing field `title`"), "{err}");
        // A story without a Result is fine: notes often have none yet.
        assert!(parse("title: x\nsituation: s\ntask: t\naction: a\n").is_ok());
    }

    #[test]
    fn a_string_where_a_list_belongs_is_a_type_error() {
        let err = parse(&format!("{GOOD}questions: \"a string\"\n"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid type"), "{err}");
        assert!(err.contains(":6:"), "{err}");
    }

    #[test]
    fn common_yaml_mistakes_say_how_to_write_it() {
        let advice = |text: &str| parse(text).unwrap_err().to_string();
        let err = advice("title: Plan B: the rollback\nsituation: s\ntask: t\n");
        assert!(err.contains("must be quoted: `title:"), "{err}");
        let err = advice("title: [a, b]\nsituation: s\ntask: t\n");
        assert!(err.contains("this field takes text, not a list"), "{err}");
        let err = advice("- title: a\n  situation: s\n- title: b\n");
        assert!(err.contains("expected one story"), "{err}");
        assert!(!err.contains("struct"), "{err}");
        let err = advice(&format!("{GOOD}---\n{GOOD}"));
        assert!(err.contains("remove the `---` line"), "{err}");
    }

    #[test]
    fn a_problem_in_a_list_entry_names_the_entry_not_a_path() {
        assert_eq!(
            entry_path(".[0]: unknown field `form`"),
            "entry 1: unknown field `form`"
        );
        assert_eq!(
            entry_path("[2].best: invalid type: string"),
            "entry 3, `best`: invalid type: string"
        );
        assert_eq!(entry_path("missing field `title`"), "missing field `title`");
        assert_eq!(entry_path("mapping values: here"), "mapping values: here");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let err = parse("situation: s\ntitle: \"unterminated\naction: a\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("stories/late.yaml:2:8: "), "{err}");
        assert!(err.contains("never closed"), "{err}");
        let err = parse("situation: s\ntitle: 'it''s open\naction: a\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("stories/late.yaml:2:8: "), "{err}");
    }

    #[test]
    fn a_duplicate_field_is_reported_at_its_second_line() {
        let err = parse(&format!("{GOOD}learning: a\nlearning: b\n"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("stories/late.yaml:7:1: duplicate field `learning`"),
            "{err}"
        );
    }

    #[test]
    fn an_id_from_a_file_name_that_is_no_id_says_where_it_comes_from() {
        let err = parse_story(Path::new("Has Spaces.yaml"), "Has Spaces", GOOD.as_bytes())
            .unwrap_err()
            .to_string();
        assert!(err.contains("comes from the file name"), "{err}");
        assert!(
            err.contains("`has-spaces.yaml`") && err.contains("`id: has-spaces`"),
            "{err}"
        );
        let err = parse_story(
            Path::new("x.yaml"),
            "x",
            format!("id: Bad Id\n{GOOD}").as_bytes(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("id `Bad Id` is not kebab-case"), "{err}");
    }

    #[test]
    fn story_files_with_an_upper_case_extension_are_found() {
        let dir = tempfile::tempdir().unwrap();
        let stories = dir.path().join("stories");
        fs::create_dir(&stories).unwrap();
        for name in ["a12.YAML", "b.Yml", "c.yaml", "notes.txt"] {
            fs::write(stories.join(name), GOOD).unwrap();
        }
        let keys: Vec<String> = Corpus::new(dir.path())
            .scan()
            .unwrap()
            .files
            .into_iter()
            .map(|f| f.key)
            .collect();
        assert_eq!(keys, ["a12.YAML", "b.Yml", "c.yaml"]);
        let (stories, problems) = Corpus::new(dir.path()).load_all().unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(stories[0].story.id, "a12");
    }

    #[test]
    fn empty_and_comment_only_files_are_empty() {
        assert!(matches!(parse(""), Err(CorpusError::Empty { .. })));
        assert!(matches!(
            parse("# nothing\n\n"),
            Err(CorpusError::Empty { .. })
        ));
    }

    #[test]
    fn invalid_utf8_reports_the_line() {
        let mut bytes = GOOD.as_bytes().to_vec();
        bytes.extend_from_slice(b"learning: caf\xe9\n");
        let err = parse_story(Path::new("x.yaml"), "x", &bytes).unwrap_err();
        assert!(matches!(err, CorpusError::NotUtf8 { line: 6, .. }), "{err}");
    }

    #[test]
    fn blank_required_field_is_invalid() {
        let err = parse("title: ' '\nsituation: s\ntask: t\naction: a\nresult: r\n").unwrap_err();
        assert!(err.to_string().contains("`title` is empty"), "{err}");
        let err = parse("title: x\nsituation: ' '\ntask: ' '\naction: a\n").unwrap_err();
        assert!(err.to_string().contains("only `action` has text"), "{err}");
    }

    #[test]
    fn stories_round_trip_through_yaml() {
        let story = Story {
            id: "x".into(),
            title: "Title: with colon".into(),
            questions: vec!["What's \"this\"?".into()],
            situation: "line one\nline two\n".into(),
            task: "- starts like a list".into(),
            action: "a".into(),
            result: "r".into(),
            ..Story::default()
        };
        let yaml = story_to_yaml(&story);
        assert_eq!(
            parse_story(Path::new("x.yaml"), "x", yaml.as_bytes()).unwrap(),
            story
        );
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("story.yaml");
        fs::write(&path, "old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_new_story_never_replaces_a_file_and_a_replaced_one_keeps_its_link_and_mode() {
        use std::os::unix::fs::{symlink, PermissionsExt};
        let dir = tempfile::tempdir().unwrap();
        let story = Story {
            id: "x".into(),
            title: "X".into(),
            ..Default::default()
        };
        let path = dir.path().join("x.yaml");
        // Another process wrote the name first: left alone.
        fs::write(&path, "theirs").unwrap();
        assert!(!save_story(&path, &story, false).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        // A story file that is a link to a synced folder: written through.
        let synced = dir.path().join("synced.yaml");
        fs::write(&synced, "old").unwrap();
        fs::set_permissions(&synced, fs::Permissions::from_mode(0o664)).unwrap();
        let link = dir.path().join("linked.yaml");
        symlink(&synced, &link).unwrap();
        assert!(save_story(&link, &story, true).unwrap());
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(fs::read_to_string(&synced).unwrap().contains("title: X"));
        let mode = fs::metadata(&synced).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o664);
        // No temporary is left beside them.
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }

    #[test]
    fn a_name_taken_between_the_check_and_the_write_is_left_to_its_writer() {
        // The check in `save_story` passed; another import wrote the name
        // before this one moved its file in: the link fails, nothing is
        // replaced and no temporary stays.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        fs::write(&path, "theirs").unwrap();
        assert!(!write_whole(&path, b"mine", false).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "theirs");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // A free name is written.
        let free = dir.path().join("y.yaml");
        assert!(write_whole(&free, b"mine", false).unwrap());
        assert_eq!(fs::read_to_string(&free).unwrap(), "mine");
    }

    #[test]
    fn a_failed_atomic_write_leaves_the_old_content() {
        let dir = tempfile::tempdir().unwrap();
        // The rename cannot replace a non-empty directory: the write fails at its last step.
        let target = dir.path().join("story.yaml");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep.txt"), "kept").unwrap();
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(fs::read_to_string(target.join("keep.txt")).unwrap(), "kept");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left behind"
        );
    }

    #[test]
    fn save_story_never_overwrites_without_permission() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        fs::write(&path, "mine").unwrap();
        let story = parse(GOOD).unwrap();
        assert!(!save_story(&path, &story, false).unwrap());
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        assert!(save_story(&path, &story, true).unwrap());
    }

    #[test]
    fn duplicate_ids_name_both_files() {
        let problems =
            find_duplicate_ids([("a", Path::new("one.yaml")), ("a", Path::new("two.yaml"))]);
        let text = problems[0].to_string();
        assert!(
            text.contains("one.yaml") && text.contains("two.yaml"),
            "{text}"
        );
    }
}
