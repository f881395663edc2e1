//! ZIP archives of notes, as apps hand out their exports (Notion's
//! `Export-....zip`, a Google Takeout download, a zipped vault): the notes
//! files inside are imported one by one, each under its path in the
//! archive (`export.zip/Work/Stories.md`). A ZIP that is itself a
//! document (a Word, Excel or OpenDocument file) is not an archive here.
//! Archives inside the archive (Notion splits large exports into
//! `Part-1.zip`, ...) are opened too, one level down.

use std::collections::HashSet;
use std::io::{Cursor, Read};

use super::MAX_PACKAGE_BYTES;

/// Extensions of the notes files looked for in a folder or an archive.
pub const NOTE_EXTENSIONS: &[&str] = &[
    "md", "markdown", "mdown", "mkd", "txt", "text", "org", "html", "htm", "xhtml", "enex", "mht",
    "mhtml", "eml", "docx", "odt", "rtf", "xlsx", "ods", "csv", "tsv", "json", "canvas", "srt",
    "vtt", "adoc", "asciidoc", "rst", "tex", "wiki", "opml", "ipynb", "qmd", "rmd",
];

/// Most notes files read from one archive.
const MAX_ENTRIES: usize = 10_000;

/// Most bytes an archive's notes may unpack to in all (a ZIP bomb stops
/// here).
const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Deepest archive inside an archive opened.
const MAX_NESTING: usize = 2;

/// One notes file from an archive: its path inside it, and its bytes or
/// why they could not be read.
pub type ArchivedNote = (String, Result<Vec<u8>, String>);

/// Whether `path` names a notes file: a known extension, not hidden, not
/// in macOS's `__MACOSX` shadow folder, and not a second copy an export
/// keeps beside the first: Google Takeout saves each Keep note as `.html`
/// and `.json`; Notion a database as `Name.csv` and `Name_all.csv`, beside
/// a folder `Name/` of its rows' pages, which tell the stories. `siblings`
/// are the lowercased paths of the files and folders beside it.
pub fn is_notes_path(path: &str, siblings: &HashSet<String>) -> bool {
    let hidden = path
        .split('/')
        .any(|part| part.starts_with('.') || part == "__MACOSX");
    let lower = path.to_lowercase();
    let Some((stem, extension)) = lower.rsplit_once('.') else {
        return false;
    };
    let twin = match extension {
        "json" => ["html", "htm"]
            .iter()
            .any(|page| siblings.contains(&format!("{stem}.{page}"))),
        "csv" => {
            stem.strip_suffix("_all")
                .is_some_and(|base| siblings.contains(&format!("{base}.csv")))
                || siblings.contains(stem)
        }
        _ => false,
    };
    !hidden && NOTE_EXTENSIONS.contains(&extension) && !twin
}

/// The notes files of a ZIP archive, in path order; `None` when the bytes
/// are not a readable ZIP archive (the document reader names what they
/// are), or are one that is a document (Word, Excel, OpenDocument).
pub fn notes_in(bytes: &[u8]) -> Option<Vec<ArchivedNote>> {
    if !super::is_package(bytes) {
        return None;
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let document = ["[Content_Types].xml", "mimetype"]
        .iter()
        .any(|name| archive.index_for_name(name).is_some());
    if document {
        return None;
    }
    let mut notes = Vec::new();
    let mut unpacked = 0u64;
    read_archive(archive, "", 0, &mut notes, &mut unpacked);
    Some(notes)
}

fn read_archive(
    mut archive: zip::ZipArchive<Cursor<&[u8]>>,
    prefix: &str,
    depth: usize,
    notes: &mut Vec<ArchivedNote>,
    unpacked: &mut u64,
) {
    let mut names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .filter(|n| !n.ends_with('/'))
        .collect();
    names.sort();
    // The archive's files and the folders they are in.
    let mut lowered: HashSet<String> = HashSet::new();
    for name in &names {
        let lower = name.to_lowercase();
        let mut folder = lower.as_str();
        while let Some((parent, _)) = folder.rsplit_once('/') {
            if !lowered.insert(parent.to_owned()) {
                break;
            }
            folder = parent;
        }
        lowered.insert(lower);
    }
    for name in &names {
        if notes.len() >= MAX_ENTRIES {
            return;
        }
        let nested = depth < MAX_NESTING && name.to_ascii_lowercase().ends_with(".zip");
        if !nested && !is_notes_path(name, &lowered) {
            continue;
        }
        let path = format!("{prefix}{name}");
        // A Word document may be as large as a package may; the text of
        // any other notes file is checked against its own limit on import.
        let read = read_entry(&mut archive, name, MAX_PACKAGE_BYTES as u64, unpacked);
        match (nested, read) {
            (true, Ok(inner)) => {
                if let Ok(inner_archive) = zip::ZipArchive::new(Cursor::new(inner.as_slice())) {
                    read_archive(
                        inner_archive,
                        &format!("{path}/"),
                        depth + 1,
                        notes,
                        unpacked,
                    );
                }
            }
            (true, Err(_)) => {}
            (false, read) => notes.push((path, read)),
        }
    }
}

/// An entry's bytes, at most `limit` of them, counted against the
/// archive's whole.
fn read_entry(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    limit: u64,
    unpacked: &mut u64,
) -> Result<Vec<u8>, String> {
    let room = MAX_UNPACKED_BYTES.saturating_sub(*unpacked);
    if room == 0 {
        return Err(format!(
            "the archive unpacks to over {MAX_UNPACKED_BYTES} bytes: unzip it and import the folder's files in smaller groups"
        ));
    }
    let entry = archive
        .by_name(name)
        .map_err(|e| format!("cannot read it from the archive: {e}"))?;
    let mut bytes = Vec::new();
    entry
        .take(limit.min(room) + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it from the archive: {e}"))?;
    *unpacked += bytes.len() as u64;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "the file is over {limit} bytes unpacked: split it into smaller files"
        ));
    }
    if bytes.len() as u64 > room {
        return Err(format!(
            "the archive unpacks to over {MAX_UNPACKED_BYTES} bytes: unzip it and import the folder's files in smaller groups"
        ));
    }
    Ok(bytes)
}
