//! Story banks kept in a spreadsheet arrive as CSV (an export) or as
//! tab-separated text (cells copied from a sheet and pasted into a note):
//! one story per row, under a header naming the STAR parts. Such a table is
//! rewritten as a Markdown pipe table, which [`super::blocks`] reads like any
//! other table of stories; the text around it is kept as it is.

use super::blocks::{cell_labels, distinct_star_parts, is_title_column};
use super::labels::Part;

/// Fewest STAR parts a header names to be a story table.
const MIN_HEADER_PARTS: usize = 3;

/// Fewest STAR cells a row fills to be a story (a row of one filled cell
/// is a stub the segmenter reports, which it still gets).
const MIN_ROW_PARTS: usize = 1;

/// Most header lines tried before giving up.
const MAX_HEADER_TRIES: usize = 4;

/// Columns a spreadsheet keeps for its own bookkeeping, left out of the
/// stories: `#`, `Status`, `Last edited`.
const BOOKKEEPING: &[&str] = &[
    "#",
    "no",
    "nr",
    "num",
    "id",
    "status",
    "last edited",
    "last updated",
    "updated",
    "created",
    "date",
    "date added",
    "modified",
    "last modified",
];

/// The document with its delimited story table rewritten, and for each of
/// its lines the 1-based line of the source it came from. `None` when the
/// document holds no such table (the usual case), so nothing is copied.
///
/// Tab-separated tables are found in any file, since pasting cells from a
/// sheet gives them; comma-separated ones only in a `.csv` file, where
/// commas in prose cannot be mistaken for cells.
pub(crate) fn rewrite(file_name: &str, text: &str) -> Option<(String, Vec<usize>)> {
    let csv_file = file_name.to_ascii_lowercase().ends_with(".csv");
    let delimiters: &[u8] = if csv_file { b",\t" } else { b"\t" };
    if !csv_file && !text.contains('\t') {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut offset = 0;
    // Each header tried reads the rest of the document: a few tries, so a
    // file of header-like lines stays linear.
    let mut tries = MAX_HEADER_TRIES;
    for (i, line) in lines.iter().enumerate() {
        for &delimiter in delimiters {
            if !line.contains(delimiter as char) {
                continue;
            }
            let header = cells_of(line, delimiter);
            let refs: Vec<&str> = header.iter().map(String::as_str).collect();
            let long = long_columns(&header);
            if long.is_none()
                && (refs.len() < MIN_HEADER_PARTS
                    || distinct_star_parts(&cell_labels(&refs)) < MIN_HEADER_PARTS)
            {
                continue;
            }
            let out = match long {
                Some((title, part)) => {
                    long_table_from(text, i, offset, delimiter, &header, title, part)
                }
                None => table_from(text, &lines, i, offset, delimiter, &header),
            };
            if let Some(out) = out {
                return Some(out);
            }
            tries -= 1;
            if tries == 0 {
                return None;
            }
        }
        offset += line.len() + 1;
    }
    None
}

/// A reader of delimited rows with no header row of its own, rows of any
/// length allowed (a sheet's short rows are common).
fn sheet_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The records under a table's header line, each with its 1-based source
/// line and the byte offset (in the table's text) where it starts.
struct Records<'a> {
    body: &'a str,
    reader: csv::Reader<&'a [u8]>,
    header_line: usize,
    /// Newlines before byte `counted`, counted once through the text.
    counted: usize,
    newlines: usize,
    header_read: bool,
    /// Where the kept text after the table starts when reading stops by
    /// itself: the end, or the record the reader could not read.
    end: usize,
}

impl<'a> Records<'a> {
    /// `body` starts with the header line, `lines[header_line]`.
    fn new(body: &'a str, delimiter: u8, header_line: usize) -> Self {
        Records {
            body,
            reader: sheet_reader(body, delimiter),
            header_line,
            counted: 0,
            newlines: 0,
            header_read: false,
            end: body.len(),
        }
    }

    /// Reads the next record below the header into `record`: its (source
    /// line, byte offset); `None` at the end of the text or at a record
    /// that cannot be read (invalid UTF-8 cannot happen in a `&str`;
    /// anything else ends the table where it went wrong).
    fn next(&mut self, record: &mut csv::StringRecord) -> Option<(usize, usize)> {
        loop {
            let before = self.reader.position().byte() as usize;
            match self.reader.read_record(record) {
                Ok(true) => {}
                Ok(false) => return None,
                Err(_) => {
                    self.end = before;
                    return None;
                }
            }
            // Where this record starts, past the blank lines the reader
            // skipped before it (its position is where the reader stood).
            let mut at = record.position().map_or(before, |p| p.byte() as usize);
            while self.body[at..].starts_with(['\n', '\r']) {
                at += 1;
            }
            if at > self.counted {
                self.newlines += self.body.as_bytes()[self.counted..at]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                self.counted = at;
            }
            if !self.header_read {
                self.header_read = true;
                continue;
            }
            return Some((self.header_line + 1 + self.newlines, at));
        }
    }
}

/// The cells of one line read on its own (a header never spans lines).
fn cells_of(line: &str, delimiter: u8) -> Vec<String> {
    let mut reader = sheet_reader(line, delimiter);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|c| c.trim().to_string()).collect(),
        _ => Vec::new(),
    }
}

/// The rewrite with the header at `lines[header_line]` (starting at byte
/// `start`), if at least one row below it fills a STAR cell. Rows run until
/// one has a single cell (a line of prose after the table); that line and
/// the rest are kept as they are.
fn table_from(
    text: &str,
    lines: &[&str],
    header_line: usize,
    start: usize,
    delimiter: u8,
    header: &[String],
) -> Option<(String, Vec<usize>)> {
    let refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let parts = cell_labels(&refs);
    let kept: Vec<usize> = (0..header.len())
        .filter(|&c| parts[c].is_some() || !BOOKKEEPING.contains(&plain(&header[c]).as_str()))
        .collect();
    // An unlabelled first column names the stories unless another column
    // does or it only numbers them (`,Title,Situation,...` over `0,1,2`).
    let titled = header.iter().any(|h| is_title_column(h));
    let mut first_numbers = true;
    let body = text.get(start..)?;
    let mut records = Records::new(body, delimiter, header_line);
    let mut record = csv::StringRecord::new();
    let mut rows: Vec<(Vec<String>, usize)> = Vec::new();
    // Byte offset (in `body`) where the kept text after the table starts.
    let mut stopped_at = None;
    while let Some((line, at)) = records.next(&mut record) {
        if record.len() <= 1 {
            if record.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            stopped_at = Some(at);
            break;
        }
        let filled = parts
            .iter()
            .enumerate()
            .filter(|(c, p)| p.is_some() && record.get(*c).is_some_and(|v| !v.trim().is_empty()))
            .count();
        if filled < MIN_ROW_PARTS {
            continue;
        }
        first_numbers &= record
            .get(0)
            .is_none_or(|v| v.trim().chars().all(|c| c.is_ascii_digit() || c == '.'));
        let cells: Vec<String> = kept
            .iter()
            .map(|&c| {
                let value = record.get(c).unwrap_or("");
                cell_text(value, parts[c].is_some())
            })
            .collect();
        rows.push((cells, line));
    }
    let rest_at = stopped_at.unwrap_or(records.end);
    if rows.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate().take(header_line) {
        out.push_str(line);
        out.push('\n');
        map.push(i + 1);
    }
    // A column without a header is the stories' names when it comes first
    // (a sheet whose first column holds them unlabelled); elsewhere it
    // keeps its cells as notes, under a name.
    let drop_first =
        header.first().is_some_and(|h| h.trim().is_empty()) && (titled || first_numbers);
    let shown: Vec<usize> = (0..kept.len())
        .filter(|&k| !(drop_first && kept[k] == 0))
        .collect();
    let names: Vec<String> = shown
        .iter()
        .map(|&k| match header[kept[k]].trim() {
            "" if kept[k] == 0 => "Story".to_owned(),
            "" => "Notes".to_owned(),
            name => cell_text(name, true),
        })
        .collect();
    out.push_str(&format!("| {} |\n", names.join(" | ")));
    out.push_str(&format!("|{}\n", " --- |".repeat(shown.len())));
    map.extend([header_line + 1, header_line + 1]);
    for (cells, line) in rows {
        let row: Vec<&str> = shown.iter().map(|&k| cells[k].as_str()).collect();
        out.push_str(&format!("| {} |", row.join(" | ")));
        out.push('\n');
        map.push(line);
    }
    let rest = &body[rest_at.min(body.len())..];
    if !rest.is_empty() {
        let first_rest = header_line + 1 + body[..rest_at].matches('\n').count();
        // A rule ends the last row's story: notes after a sheet are not
        // more of its last cell.
        out.push_str("\n***\n\n");
        map.extend([first_rest; 3]);
        for (k, line) in rest.split('\n').enumerate() {
            out.push_str(line);
            out.push('\n');
            map.push(first_rest + k);
        }
    }
    Some((out, map))
}

/// Header cells naming the column of a sheet kept "long", one row per
/// STAR part of a story: `Part`, `STAR`, `Section`.
const PART_COLUMNS: &[&str] = &[
    "part",
    "star",
    "star part",
    "section",
    "element",
    "stage",
    "step",
];

/// The title and part columns of a header of a long sheet (`Story | Part |
/// Notes | Competency`), if it is one.
fn long_columns(header: &[String]) -> Option<(usize, usize)> {
    if header.len() < 3 {
        return None;
    }
    let title = header.iter().position(|h| is_title_column(h))?;
    let part = header
        .iter()
        .position(|h| PART_COLUMNS.contains(&plain(h).as_str()))?;
    Some((title, part))
}

/// The STAR part a cell of a part column names (`S`, `Situation`, `R -
/// result`), if it names one.
fn part_of_cell(cell: &str) -> Option<Part> {
    let cell = cell.trim();
    let head = cell
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())?;
    cell_labels(&[cell])
        .first()
        .copied()
        .flatten()
        .or_else(|| cell_labels(&[head]).first().copied().flatten())
}

/// The rewrite of a long sheet under the header at line `header_line`
/// (byte `start`): each story's rows (its title cell blank after the first
/// row, as a merged cell exports) gathered into one row of a pipe table
/// with a column per STAR part, the text taken from the column that holds
/// most of it and the other columns (`Competency`) kept as they are. The
/// table ends at the first row that names no part (planning notes below
/// the stories), which is kept as text. `None` unless three parts of some
/// story are found.
fn long_table_from(
    text: &str,
    header_line: usize,
    start: usize,
    delimiter: u8,
    header: &[String],
    title_col: usize,
    part_col: usize,
) -> Option<(String, Vec<usize>)> {
    let body = text.get(start..)?;
    let mut records = Records::new(body, delimiter, header_line);
    let mut record = csv::StringRecord::new();
    // (cells, 1-based source line) of each row of the table.
    let mut rows: Vec<(Vec<String>, usize)> = Vec::new();
    let mut stopped_at = None;
    while let Some((line, at)) = records.next(&mut record) {
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.get(part_col).and_then(part_of_cell).is_none() {
            stopped_at = Some(at);
            break;
        }
        rows.push((record.iter().map(str::to_owned).collect(), line));
    }
    let rest_at = stopped_at.unwrap_or(records.end);
    // The text column: the one other than title and part holding the most.
    let text_col = (0..header.len())
        .filter(|&c| c != title_col && c != part_col)
        .max_by_key(|&c| {
            rows.iter()
                .map(|(cells, _)| cells.get(c).map_or(0, |v| v.trim().len()))
                .sum::<usize>()
        })?;
    let extra: Vec<usize> = (0..header.len())
        .filter(|&c| c != title_col && c != part_col && c != text_col)
        .filter(|&c| !BOOKKEEPING.contains(&plain(&header[c]).as_str()))
        .collect();
    struct Gathered {
        title: String,
        line: usize,
        parts: [Vec<String>; 4],
        extra: Vec<Vec<String>>,
    }
    let mut stories: Vec<Gathered> = Vec::new();
    for (cells, line) in &rows {
        let cell = |c: usize| cells.get(c).map_or("", |v| v.trim());
        let title = cell(title_col);
        if !title.is_empty() || stories.is_empty() {
            stories.push(Gathered {
                title: title.to_owned(),
                line: *line,
                parts: Default::default(),
                extra: vec![Vec::new(); extra.len()],
            });
        }
        let story = stories.last_mut()?;
        let part = part_of_cell(cell(part_col))?;
        let slot = Part::STAR.iter().position(|p| *p == part)?;
        if !cell(text_col).is_empty() {
            story.parts[slot].push(cell(text_col).to_owned());
        }
        for (k, &c) in extra.iter().enumerate() {
            let value = cell(c);
            if !value.is_empty() && !story.extra[k].iter().any(|v| v == value) {
                story.extra[k].push(value.to_owned());
            }
        }
    }
    let complete = stories
        .iter()
        .any(|s| s.parts.iter().filter(|p| !p.is_empty()).count() >= MIN_HEADER_PARTS);
    if !complete {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate().take(header_line) {
        out.push_str(line);
        out.push('\n');
        map.push(i + 1);
    }
    let mut names: Vec<String> = vec![cell_text(&header[title_col], true)];
    names.extend(Part::STAR.iter().map(|p| p.name().to_owned()));
    names.extend(extra.iter().map(|&c| cell_text(&header[c], true)));
    out.push_str(&format!("| {} |\n", names.join(" | ")));
    out.push_str(&format!("|{}\n", " --- |".repeat(names.len())));
    map.extend([header_line + 1, header_line + 1]);
    for story in &stories {
        let mut row: Vec<String> = vec![cell_text(&story.title, true)];
        row.extend(story.parts.iter().map(|p| cell_text(&p.join("\n"), true)));
        row.extend(story.extra.iter().map(|v| cell_text(&v.join("\n"), false)));
        out.push_str(&format!("| {} |\n", row.join(" | ")));
        map.push(story.line);
    }
    let rest = &body[rest_at.min(body.len())..];
    if !rest.is_empty() {
        let first_rest = header_line + 1 + body[..rest_at].matches('\n').count();
        out.push_str("\n***\n\n");
        map.extend([first_rest; 3]);
        for (k, line) in rest.split('\n').enumerate() {
            out.push_str(line);
            out.push('\n');
            map.push(first_rest + k);
        }
    }
    Some((out, map))
}

/// A cell as pipe-table text: its lines joined by `<br>` (a STAR part) or
/// by `; ` (a list of questions or competencies, one per line), pipes
/// escaped.
fn cell_text(value: &str, part: bool) -> String {
    let lines: Vec<&str> = value
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let joined = lines.join(if part { "<br>" } else { "; " });
    joined.replace('|', "\\|")
}

fn plain(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace() || *c == '#')
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_export_becomes_a_pipe_table_with_source_lines() {
        let text = "Title,Situation,Task,Action,Result,Status\n\
                    Late vendor,\"Parts late,\nagain\",Fix it,Called them,Shipped,Ready\n";
        let (out, map) = rewrite("bank.csv", text).expect("a table");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "| Title | Situation | Task | Action | Result |");
        assert_eq!(
            lines[2],
            "| Late vendor | Parts late,<br>again | Fix it | Called them | Shipped |"
        );
        assert_eq!(map[..3], [1, 1, 2]);
    }

    #[test]
    fn an_index_column_without_a_header_is_left_out() {
        let text = ",Title,Situation,Task,Action,Result\n0,Late parts,s,t,a,r\n";
        let (out, _) = rewrite("export.csv", text).expect("a table");
        assert!(out.starts_with("| Title | Situation |"), "{out}");
        assert!(out.contains("| Late parts | s |"), "{out}");
    }

    #[test]
    fn commas_outside_a_csv_file_are_prose() {
        let text = "Situation, Task, Action, Result\nWe met, we talked, we left, fine\n";
        assert!(rewrite("notes.md", text).is_none());
    }

    #[test]
    fn a_pasted_sheet_keeps_the_notes_around_it() {
        let text = "My bank\n\nStory\tS\tT\tA\tR\nOne\ts1\tt1\ta1\tr1\nThanks for reading\n";
        let (out, map) = rewrite("notes.txt", text).expect("a table");
        assert!(out.starts_with("My bank\n\n| Story | S | T | A | R |\n"));
        assert!(out.contains("| One | s1 | t1 | a1 | r1 |\n\n***\n\nThanks for reading\n"));
        let thanks = out.lines().position(|l| l == "Thanks for reading").unwrap();
        assert_eq!(map[thanks], 5);
    }
}
