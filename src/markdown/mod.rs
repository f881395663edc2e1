//! Importing STAR stories from the Markdown notes people already have.
//!
//! Interview notes come in many shapes: STAR parts as headings, bold labels,
//! bullet labels or `S:`/`T:` lines; stories separated by `Story 3:` headings,
//! `Story:` lines or question headings; tips and definitions mixed in. This
//! module turns such a file into [`Story`] values and tells the user what it
//! skipped and why, so they can fix the notes instead of guessing.
//!
//! The pipeline: [`decode`] bytes to text (encoding, mojibake), [`blocks`]
//! flattens pulldown-cmark events into lines, [`labels`] recognises the words
//! on a line, and [`segment`] groups lines into stories.

mod anki;
pub mod archive;
mod blocks;
mod bracket_letters;
mod caps_titles;
mod chat;
mod components;
mod decode;
mod delimited;
mod docx;
mod email;
mod equals_wiki;
mod html_lines;
mod html_page;
mod json_export;
mod labels;
mod latex;
mod odt;
mod opml;
mod pages;
mod pandoc;
mod rtf;
mod segment;
mod split_headings;
mod spreadsheet;
mod subtitles;
mod thread_posts;
mod titled_blocks;
mod transcript;
mod transposed;
mod wiki;

use crate::story::Story;

/// A document rewritten as Markdown, with the source line of each line.
pub(crate) type Rewritten = (String, Vec<usize>);

/// A document being rewritten line by line, with the 1-based source line
/// of each line written.
/// `text` on one line: its words joined by single spaces.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) struct LineWriter {
    out: String,
    source_lines: Vec<usize>,
}

impl LineWriter {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        Self {
            out: String::with_capacity(bytes),
            source_lines: Vec::new(),
        }
    }

    /// Writes `text` as a line that came from source line `source`.
    pub(crate) fn line(&mut self, text: &str, source: usize) {
        self.out.push_str(text);
        self.out.push('\n');
        self.source_lines.push(source);
    }

    /// Whether no line was written yet.
    pub(crate) fn is_empty(&self) -> bool {
        self.source_lines.is_empty()
    }

    /// The rewrite of a text split on `\n`: when the text ended with a
    /// newline, the empty piece after it is no line.
    pub(crate) fn finish(mut self, text_ended_with_newline: bool) -> Rewritten {
        if text_ended_with_newline {
            self.out.pop();
            self.source_lines.pop();
        }
        (self.out, self.source_lines)
    }
}

/// One rewrite of the import: `None` leaves the text as it is.
type RewriteStep<'a> = dyn Fn(&str) -> Option<Rewritten> + 'a;

/// A rewrite of a rewrite: its lines report the first text's lines.
fn then(before: Option<Rewritten>, after: Option<Rewritten>) -> Option<Rewritten> {
    match (before, after) {
        (Some((_, first)), Some((text, map))) => {
            let map = map
                .iter()
                .map(|&l| first.get(l.saturating_sub(1)).copied().unwrap_or(l))
                .collect();
            Some((text, map))
        }
        (before, None) => before,
        (None, after) => after,
    }
}

/// Largest document accepted. Real notes are kilobytes; the limit only stops
/// a wrong file (a log, a dump) from tying up the importer.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// Largest Word document (`.docx`) accepted: pasted screenshots make a
/// package far larger than its text, which [`MAX_DOCUMENT_BYTES`] still
/// bounds once unpacked.
pub const MAX_PACKAGE_BYTES: usize = 100 * 1024 * 1024;

/// The signature of an OLE compound file (an old `.doc`, or an encrypted
/// `.docx`).
const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Whether the bytes open like a ZIP package (a `.docx`), which may be
/// up to [`MAX_PACKAGE_BYTES`].
pub fn is_package(head: &[u8]) -> bool {
    docx::is_package(head)
}

/// A story found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedStory {
    /// `id` is `slugify(title, 8)`: the caller makes ids unique.
    pub story: Story,
    /// 1-based line where the story starts (its title heading, `Story:` line
    /// or first STAR label).
    pub line: usize,
    /// The notes had no STAR labels for some parts, which were assigned
    /// by paragraph: the user should check them.
    pub guessed_parts: bool,
}

/// A part of the document that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedSection {
    pub title: String,
    pub line: usize,
    pub reason: String,
}

/// Everything imported from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentImport {
    pub stories: Vec<ImportedStory>,
    pub skipped: Vec<SkippedSection>,
    /// Text like `donâ€™t` was repaired to `don’t`.
    pub repaired_mojibake: bool,
    /// The file was not valid UTF-8 and was read as Windows-1252.
    pub decoded_as_windows_1252: bool,
}

/// Why a document could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty: write your stories in it (e.g. `**Situation:** ...`, `**Task:** ...`, `**Action:** ...`, `**Result:** ...`) and import again")]
    Empty,
    #[error("the file is binary, not text (a .pdf, an old .doc or an image?): save or export it as a Word document (.docx), Markdown or plain text and import that")]
    Binary,
    #[error("the file is {kind}, not a Word document or text: save the stories as a Word document (.docx), Markdown or plain text and import that")]
    NotWord { kind: String },
    #[error("the Word document could not be read ({reason}): open it in Word or Google Docs and save it again as .docx, or save it as Markdown or plain text, and import that")]
    BrokenPackage { reason: String },
    #[error("the spreadsheet could not be read ({reason}): open it in Excel, LibreOffice or Google Sheets and save it again as .xlsx, or export the sheet as CSV, and import that")]
    BrokenWorkbook { reason: String },
    #[error("the file is an old Office document (.doc, .xls) or a password-protected one: remove the password, or save it as a Word document (.docx), an Excel workbook (.xlsx), Markdown or plain text, and import that")]
    OldOrProtectedWord,
    #[error("the document's text is {bytes} bytes once unpacked, over the {limit}-byte limit for one document: split it into smaller documents")]
    TextTooLarge { bytes: usize, limit: usize },
    #[error("the file is {bytes} bytes, over the {limit}-byte limit for one document: split it into smaller files")]
    TooLarge { bytes: usize, limit: usize },
    #[error("no STAR stories found ({skipped} section(s) skipped{}): mark each story's parts with Situation, Task, Action and Result, as headings (`### Situation`), bold labels (`**Situation:** ...`) or lines like `S: ...`", first_reason(.sections))]
    NoStories {
        skipped: usize,
        /// What was skipped, to show the user.
        sections: Vec<SkippedSection>,
    },
}

fn first_reason(sections: &[SkippedSection]) -> String {
    match sections.first() {
        Some(s) => format!("; first: \"{}\" at line {}: {}", s.title, s.line, s.reason),
        None => String::new(),
    }
}

/// A mail that replies to an earlier one quotes it below an attribution
/// (`On Tue, Feb 13 ... wrote:` then `> ` lines). Notes mailed to oneself
/// that way quote the earlier drafts of the same stories: a quoted story
/// that shares two in five of its words, and a word of its title, with a
/// story outside the quote is that story's earlier telling and is left out (its tags and questions join the kept
/// one). A quoted story of its own (stories sent to a coach, quoted in the
/// coach's reply) stays.
fn drop_quoted_drafts(text: &str, outcome: &mut segment::Outcome) {
    let raw: Vec<&str> = text.lines().collect();
    let Some(attribution) = raw.iter().position(|l| {
        let t = l.trim();
        t.ends_with("wrote:") && (t.starts_with("On ") || t.starts_with("Am "))
    }) else {
        return;
    };
    // 1-based source lines.
    let quoted = |line: usize| {
        line > attribution + 1
            && raw
                .get(line.saturating_sub(1))
                .is_some_and(|l| l.trim_start().starts_with('>'))
    };
    let words = |story: &crate::story::Story| {
        content_words(
            [
                &story.title,
                &story.situation,
                &story.task,
                &story.action,
                &story.result,
            ]
            .into_iter()
            .map(String::as_str),
        )
    };
    let kept: Vec<usize> = (0..outcome.stories.len())
        .filter(|&i| !quoted(outcome.stories[i].line))
        .collect();
    if kept.is_empty() {
        return;
    }
    let title_words = |title: &str| content_words(std::iter::once(title));
    // Each kept story's words and its title's, read once.
    let kept_words: Vec<_> = kept
        .iter()
        .map(|&k| {
            let story = &outcome.stories[k].story;
            (k, words(story), title_words(&story.title))
        })
        .collect();
    // Each quoted story and the story outside the quote it is an earlier
    // telling of, if any: two in five of its words in that story, and a
    // word of its title in that title (the closest such story). Several
    // drafts (`>` and `>>`) may retell one story.
    let mut earlier: Vec<(usize, usize)> = Vec::new();
    for (i, quoted_story) in outcome.stories.iter().enumerate() {
        if !quoted(quoted_story.line) {
            continue;
        }
        let own = words(&quoted_story.story);
        if own.len() < MIN_DRAFT_WORDS {
            continue;
        }
        let own_title = title_words(&quoted_story.story.title);
        let closest = kept_words
            .iter()
            .filter(|(_, _, title)| !own_title.is_disjoint(title))
            .map(|(k, other, _)| (own.intersection(other).count(), *k))
            .max();
        if let Some((_, k)) = closest.filter(|&(shared, _)| shared * 5 >= own.len() * 2) {
            earlier.push((i, k));
        }
    }
    let mut dropped = vec![false; outcome.stories.len()];
    for (i, k) in earlier {
        let gone = outcome.stories[i].story.clone();
        let keep = &mut outcome.stories[k].story;
        for q in gone.questions {
            if !keep.questions.contains(&q) {
                keep.questions.push(q);
            }
        }
        for c in gone.competencies {
            if !keep.competencies.contains(&c) {
                keep.competencies.push(c);
            }
        }
        outcome.skipped.push(SkippedSection {
            title: gone.title,
            line: outcome.stories[i].line,
            reason: format!(
                "an earlier telling quoted in a reply, left out: the one at line {} is imported",
                outcome.stories[k].line
            ),
        });
        dropped[i] = true;
    }
    let mut index = 0;
    outcome.stories.retain(|_| {
        index += 1;
        !dropped[index - 1]
    });
    outcome.skipped.sort_by_key(|s| s.line);
}

/// The distinct words of `texts` that carry meaning (three letters or
/// more, no stop words, a plural's `s` dropped), lowercase.
fn content_words<'a>(texts: impl Iterator<Item = &'a str>) -> std::collections::HashSet<String> {
    texts
        .flat_map(|text| text.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 3)
        .map(|w| w.to_lowercase().trim_end_matches('s').to_owned())
        .filter(|w| !crate::search::analysis::is_stop_word(w))
        .collect()
}

/// Fewest distinct words a quoted story needs to be compared at all.
const MIN_DRAFT_WORDS: usize = 8;

/// Imports every STAR story in a Markdown document.
///
/// `file_name` only feeds `story.source` (`notes.md:12`). Never panics: bad
/// input gives an [`ImportError`] or skipped sections, in time linear in the
/// size of the document.
pub fn import_document(file_name: &str, bytes: &[u8]) -> Result<DocumentImport, ImportError> {
    let package = docx::is_package(bytes);
    let limit = if package {
        MAX_PACKAGE_BYTES
    } else {
        MAX_DOCUMENT_BYTES
    };
    if bytes.len() > limit {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit,
        });
    }
    // A Word document is read as the Markdown of its body, each line
    // reporting its paragraph's number.
    let (decoded, mut rewritten) = if package {
        let (text, paragraphs) = docx::to_markdown(bytes).map_err(|e| match e {
            docx::PackageError::NotWord(kind) => ImportError::NotWord { kind },
            docx::PackageError::Broken(reason) => ImportError::BrokenPackage { reason },
            docx::PackageError::BrokenWorkbook(reason) => ImportError::BrokenWorkbook { reason },
        })?;
        if text.len() > MAX_DOCUMENT_BYTES {
            return Err(ImportError::TextTooLarge {
                bytes: text.len(),
                limit: MAX_DOCUMENT_BYTES,
            });
        }
        let decoded = decode::Decoded {
            text: text.clone(),
            windows_1252: false,
            repaired_mojibake: false,
        };
        (decoded, Some((text, paragraphs)))
    } else if bytes.starts_with(&COMPOUND_FILE) {
        // Word 97-2003 files, and password-protected .docx files, are
        // OLE compound files.
        return Err(ImportError::OldOrProtectedWord);
    } else {
        let decoded = decode::decode(bytes).map_err(|decode::NotText| ImportError::Binary)?;
        (decoded, None)
    };
    if decoded.text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // Whole-file formats (RTF, mail, JSON and YAML exports, HTML pages, subtitles, outlines) are
    // unwrapped, page furniture and site-generator markup dropped, then long
    // lines of exported HTML, spreadsheet tables, wiki markup and LaTeX are
    // rewritten as Markdown; each line then reports the source line it came
    // from. Each step reads what the steps before it wrote, in this order.
    let steps: [&RewriteStep; 23] = [
        &rtf::rewrite,
        &email::rewrite,
        &|text| json_export::rewrite(file_name, text),
        &|text| html_page::rewrite(file_name, text),
        &subtitles::rewrite,
        &opml::rewrite,
        &pages::rewrite,
        &components::rewrite,
        &anki::rewrite,
        &|text| html_lines::rewrite(file_name, text),
        &chat::rewrite,
        &transcript::rewrite,
        &|text| delimited::rewrite(file_name, text),
        &pandoc::rewrite,
        &wiki::rewrite,
        &equals_wiki::rewrite,
        &|text| latex::rewrite(file_name, text),
        &bracket_letters::rewrite,
        &transposed::rewrite,
        &thread_posts::rewrite,
        &titled_blocks::rewrite,
        &caps_titles::rewrite,
        &split_headings::rewrite,
    ];
    for step in steps {
        let current = rewritten
            .as_ref()
            .map_or(decoded.text.as_str(), |r| r.0.as_str());
        let next = step(current);
        rewritten = then(rewritten, next);
    }
    let lines = match rewritten {
        Some((text, source_lines)) => {
            let mut lines = blocks::extract(&text);
            for line in &mut lines {
                if let Some(&source) = source_lines.get(line.line.saturating_sub(1)) {
                    line.line = source;
                }
            }
            lines
        }
        None => blocks::extract(&decoded.text),
    };
    let mut outcome = segment::segment(file_name, &lines);
    if !package {
        drop_quoted_drafts(&decoded.text, &mut outcome);
    }
    // Stories that start on one line (the columns of a table with a story
    // per column) get sources of their own, `notes.md:5#2`: a source names
    // one story, and re-imports find each story by it.
    let mut on_line: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for imported in &mut outcome.stories {
        let n = on_line.entry(imported.line).or_insert(0);
        *n += 1;
        if *n > 1 {
            imported.story.source = Some(format!("{file_name}:{}#{n}", imported.line));
        }
    }
    if outcome.stories.is_empty() {
        return Err(ImportError::NoStories {
            skipped: outcome.skipped.len(),
            sections: outcome.skipped,
        });
    }
    Ok(DocumentImport {
        stories: outcome.stories,
        skipped: outcome.skipped,
        repaired_mojibake: decoded.repaired_mojibake,
        decoded_as_windows_1252: decoded.windows_1252,
    })
}
