//! A pipe table with one story per column: the header row holds the
//! titles, the first column the part names (`Situation`, `Task`, `Action`,
//! `Result`, `Questions`), so each story reads top to bottom. Such a table
//! is rewritten as one section per column, `## Title` over `**Situation:**
//! ...` lines, each pointing at the table row it came from; the rest of
//! the document is left as it is.

use super::labels::{self, Part};
use super::{LineWriter, Rewritten};

/// Fewest rows naming distinct STAR parts for a table to be read this way.
const MIN_PART_ROWS: usize = 3;

/// The rewritten document; `None` when it holds no such table.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = LineWriter::with_capacity(text.len() + 256);
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if let Some(end) = transposed_table(&lines, i) {
            changed = true;
            write_columns(&lines, i, end, &mut out);
            i = end;
            continue;
        }
        // Any other table is copied whole: its rows are not tried again.
        let rows = lines[i..].iter().take_while(|l| cells(l).is_some()).count();
        for (k, line) in lines[i..i + rows.max(1)].iter().enumerate() {
            out.line(line, i + k + 1);
        }
        i += rows.max(1);
    }
    changed.then(|| out.finish(text.ends_with('\n')))
}

/// If a transposed table starts at `start`, the index of its first line after.
fn transposed_table(lines: &[&str], start: usize) -> Option<usize> {
    let header = cells(lines[start])?;
    // The corner cell is blank or names the rows (`| | Story A | Story B |`,
    // `| STAR | ...`); `| Part | What happened | Metric |` is one story
    // with its parts in rows, not a story per column.
    let corner = plain(header.first()?).to_lowercase();
    let names_rows =
        corner.is_empty() || matches!(corner.as_str(), "star" | "#" | "story" | "stories");
    if header.len() < 3 || !names_rows || !is_delimiter(lines.get(start + 1)?) {
        return None;
    }
    let mut end = start + 2;
    let mut parts: Vec<Part> = Vec::new();
    while let Some(row) = lines.get(end).and_then(|l| cells(l)) {
        if let Some(part) = row.first().and_then(|c| row_part(c)) {
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        end += 1;
    }
    let titled = header[1..].iter().filter(|h| !h.trim().is_empty()).count();
    (parts.len() >= MIN_PART_ROWS && titled >= 2).then_some(end)
}

fn write_columns(lines: &[&str], start: usize, end: usize, out: &mut LineWriter) {
    let header = cells(lines[start]).unwrap_or_default();
    let rows: Vec<(usize, Vec<String>)> = (start + 2..end)
        .filter_map(|i| cells(lines[i]).map(|c| (i + 1, c)))
        .collect();
    for (column, title) in header.iter().enumerate().skip(1) {
        let title = title.trim();
        if title.is_empty() {
            continue;
        }
        out.line("", start + 1);
        out.line(&format!("## {title}"), start + 1);
        out.line("", start + 1);
        for (line, row) in &rows {
            let Some(name) = row.first().map(|n| plain(n)) else {
                continue;
            };
            let Some(cell) = row.get(column).map(|c| c.trim()).filter(|c| !c.is_empty()) else {
                continue;
            };
            let pieces: Vec<&str> = split_breaks(cell);
            let mut first = true;
            for piece in pieces {
                if first {
                    out.line(&format!("**{name}:** {piece}"), *line);
                    first = false;
                } else {
                    out.line(piece, *line);
                }
            }
            out.line("", *line);
        }
    }
}

/// The part a row's first cell names (`**Situation**`, `S`, `Action:`).
fn row_part(cell: &str) -> Option<Part> {
    let name = plain(cell);
    let (part, rest) = labels::heading_label(&name)?;
    rest.trim().is_empty().then_some(part)
}

/// A cell's text without emphasis marks or a closing colon.
fn plain(cell: &str) -> String {
    cell.trim()
        .trim_matches(|c| c == '*' || c == '_')
        .trim()
        .trim_end_matches(':')
        .trim()
        .to_string()
}

/// `a<br>b<br/>c` -> its pieces, trimmed, empty ones left out.
fn split_breaks(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = cell;
    // ASCII lowercase once: its offsets are the cell's.
    let lower_cell = cell.to_ascii_lowercase();
    let mut lower = lower_cell.as_str();
    while let Some(at) = lower.find("<br") {
        let close = lower[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        out.push(rest[..at].trim());
        rest = &rest[close..];
        lower = &lower[close..];
    }
    out.push(rest.trim());
    out.retain(|p| !p.is_empty());
    out
}

/// The cells of a `| a | b |` row (a `\|` inside a cell is a `|`); `None`
/// for a line that is not a table row.
fn cells(line: &str) -> Option<Vec<String>> {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                current.push('|');
                chars.next();
            }
            '|' => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    Some(out)
}

fn is_delimiter(line: &str) -> bool {
    cells(line).is_some_and(|c| {
        c.iter().all(|cell| {
            let t = cell.trim();
            !t.is_empty() && t.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_column_becomes_a_story_section() {
        let table = "Intro.\n\n| | Variation row | Missed retention |\n|---|---|---|\n| **Situation** | A claim came in. | Retention sat unclaimed. |\n| **Task** | Value it. | Get it in. |\n| **Action** | Met him.<br>Walked the clause. | Applied at once. |\n| **Result** | Saved 20k. | Paid in 3 weeks. |\n| **Questions** | conflict \\| push back | a mistake |\n\nNotes\n";
        let (text, _) = rewrite(table).unwrap();
        assert!(
            text.starts_with("Intro.\n\n\n## Variation row\n\n**Situation:** A claim came in.\n"),
            "{text}"
        );
        assert!(
            text.contains("**Action:** Met him.\nWalked the clause.\n"),
            "{text}"
        );
        assert!(
            text.contains("**Questions:** conflict | push back\n"),
            "{text}"
        );
        assert!(
            text.contains("## Missed retention\n\n**Situation:** Retention sat unclaimed."),
            "{text}"
        );
        assert!(text.ends_with("\nNotes\n"), "{text}");
    }

    #[test]
    fn a_table_of_one_storys_parts_is_left_alone() {
        let table = "| Part | What happened | Metric |\n|---|---|---|\n| Situation | s | 1 |\n| Task | t | 2 |\n| Action | a | 3 |\n| Result | r | 4 |\n";
        assert!(rewrite(table).is_none());
    }

    #[test]
    fn a_table_with_stories_in_rows_is_left_alone() {
        let table = "| Story | Situation | Task | Action | Result |\n|---|---|---|---|---|\n| A | s | t | a | r |\n";
        assert!(rewrite(table).is_none());
    }
}
