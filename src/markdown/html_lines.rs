//! Pages exported as HTML (Notion's "Export as HTML", a wiki page saved
//! from the browser) keep a whole page on a few long lines: headings,
//! paragraphs and tables side by side. The importer reads HTML line by
//! line, so such a line is split before each block tag, and a table row
//! whose first cell names a STAR part (`<tr><td>Situation</td><td>...`)
//! becomes that part's paragraph, `<p>Situation: ...</p>`.

use super::labels;
use super::{LineWriter, Rewritten};

/// Block tags that start a line of their own.
const BLOCK_TAGS: &[&str] = &[
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "table",
    "tr",
    "li",
    "ul",
    "ol",
    "blockquote",
    "header",
    "article",
    "figure",
    "hr",
];

/// Fewest block tags on one line for it to be split (a line of hand-typed
/// HTML in Markdown notes has one or two).
const MIN_BLOCKS_ON_A_LINE: usize = 3;

/// The document with its long HTML lines split, and each line's 1-based
/// source line; `None` when no line needs it.
pub(crate) fn rewrite(file_name: &str, text: &str) -> Option<Rewritten> {
    // Only an HTML page: Markdown notes that mention `<table>` in prose or
    // code are left alone.
    let lower_name = file_name.to_ascii_lowercase();
    let page = lower_name.ends_with(".html") || lower_name.ends_with(".htm") || {
        let head: String = text
            .chars()
            .take(4096)
            .collect::<String>()
            .to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
    };
    if !text.contains('<') {
        return None;
    }
    if !page {
        return markdown_tables(text);
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let starts: Vec<Vec<usize>> = lines.iter().map(|l| block_starts(l)).collect();
    let table_row = |l: &str| {
        let lower = l.to_ascii_lowercase();
        lower.contains("<tr") && lower.contains("<td")
    };
    if !starts
        .iter()
        .zip(&lines)
        .any(|(s, l)| s.len() >= MIN_BLOCKS_ON_A_LINE || (!s.is_empty() && table_row(l)))
    {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len() + 256);
    for (i, (line, cuts)) in lines.iter().zip(&starts).enumerate() {
        let split = line.trim_start().starts_with('<')
            && (cuts.len() >= MIN_BLOCKS_ON_A_LINE || (!cuts.is_empty() && table_row(line)));
        if !split {
            out.line(line, i + 1);
            continue;
        }
        let mut bounds = cuts.clone();
        if bounds.first() != Some(&0) {
            bounds.insert(0, 0);
        }
        bounds.push(line.len());
        for pair in bounds.windows(2) {
            let segment = line[pair[0]..pair[1]].trim();
            if segment.is_empty() {
                continue;
            }
            let name = tag_name(segment);
            let is_row = name.eq_ignore_ascii_case("tr");
            // A wrapper with no text of its own (`<table><tbody>`) would
            // open a raw HTML block that swallows the lines after it: it
            // is a blank line, and `<hr>` a rule.
            let text = if is_row {
                row(segment)
            } else if name.eq_ignore_ascii_case("hr") {
                "***".to_owned()
            } else if !plain(segment).chars().any(char::is_alphanumeric) {
                String::new()
            } else {
                segment.to_owned()
            };
            out.line(&text, i + 1);
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// HTML tables pasted into Markdown notes (a Confluence or Notion copy),
/// `<table>` to `</table>` over one or many lines, outside code fences,
/// rewritten as Markdown: a row of two cells whose first is short, `<td><b>
/// Situation</b></td><td>...</td>`, becomes the label line `**Situation:**
/// ...` (its `<br>` breaks and `<li>` items lines of their own); a table of
/// wider rows becomes a pipe table, its first row the header. Every line
/// written reports the source line its row starts on.
fn markdown_tables(text: &str) -> Option<Rewritten> {
    let lower = text.to_ascii_lowercase();
    if !lower.contains("<table") || !lower.contains("</table") {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // Each table's first and last line, outside fences.
    let mut tables: Vec<(usize, usize)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut open: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        if let Some(marker) = fence {
            if t.starts_with(marker) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            continue;
        }
        let l = line.to_ascii_lowercase();
        if open.is_none() && t.to_ascii_lowercase().starts_with("<table") {
            open = Some(i);
        }
        if let Some(start) = open {
            if l.contains("</table") {
                tables.push((start, i));
                open = None;
            } else if i - start > MAX_TABLE_LINES {
                open = None;
            }
        }
    }
    if tables.is_empty() {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len() + 256);
    let mut next = 0;
    for &(first, last) in &tables {
        for (i, line) in lines.iter().enumerate().take(first).skip(next) {
            out.line(line, i + 1);
        }
        next = last + 1;
        // Byte offset of each line's start within the table's text.
        let block = lines[first..=last].join("\n");
        let mut starts = vec![0];
        starts.extend(block.match_indices('\n').map(|(at, _)| at + 1));
        let line_of =
            |at: usize| first + 1 + starts.partition_point(|&s| s <= at).saturating_sub(1);
        let rows: Vec<(usize, Vec<&str>)> = row_spans(&block)
            .into_iter()
            .map(|(at, row)| (line_of(at), cells(row)))
            .filter(|(_, cells)| !cells.is_empty())
            .collect();
        out.line("", first + 1);
        // A label per row: two cells, the first a short part or metadata
        // label (`Situation`, `Questions`) in most rows; a one-cell row
        // (`colspan="2"`) among them is a title. A `Question | Story` map
        // is a table.
        let pairs: Vec<&Vec<&str>> = rows
            .iter()
            .map(|(_, c)| c)
            .filter(|c| c.len() != 1)
            .collect();
        let is_label = |cell: &str| {
            let text = plain(cell);
            let text = text.trim().trim_end_matches(':');
            text.split_whitespace().count() <= MAX_LABEL_CELL_WORDS
                && (labels::part_named(text).is_some()
                    || labels::meta_line(&format!("{text}:"), None).is_some())
        };
        let labelled = !pairs.is_empty()
            && pairs.iter().all(|c| c.len() == 2)
            && pairs.iter().filter(|c| is_label(c[0])).count() * 2 > pairs.len();
        for (k, (source, cells)) in rows.iter().enumerate() {
            if labelled && cells.len() == 1 {
                let title = cell_lines(cells[0]).join(" ");
                let title = title.trim_matches('*');
                out.line(&format!("**{title}**"), *source);
                out.line("", *source);
            } else if labelled {
                let label = plain(cells[0]);
                let label = label.trim().trim_end_matches(':');
                let mut body = cell_lines(cells[1]).into_iter();
                let first_line = body.next().unwrap_or_default();
                out.line(&format!("**{label}:** {first_line}"), *source);
                for more in body {
                    out.line(&more, *source);
                }
                out.line("", *source);
            } else {
                let row: Vec<String> = cells
                    .iter()
                    .map(|c| cell_lines(c).join(" ").replace('|', "/"))
                    .collect();
                out.line(&format!("| {} |", row.join(" | ")), *source);
                if k == 0 {
                    out.line(&format!("|{}", "---|".repeat(row.len())), *source);
                }
            }
        }
        out.line("", last + 1);
        // Text after `</table>` on its line (`</table> **Result:** ...`).
        let closing = lines[last];
        if let Some(at) = closing.to_ascii_lowercase().rfind("</table") {
            let after = closing[at..].split_once('>').map_or("", |(_, a)| a).trim();
            if !after.is_empty() {
                out.line(after, last + 1);
            }
        }
    }
    for (i, line) in lines.iter().enumerate().skip(next) {
        out.line(line, i + 1);
    }
    Some(out.finish(text.ends_with('\n')))
}

/// Most lines one pasted table is followed over; an unclosed `<table>` in
/// prose is not read as one.
const MAX_TABLE_LINES: usize = 400;

/// Most words of a row's first cell read as its label (`What I did`).
const MAX_LABEL_CELL_WORDS: usize = 4;

/// Each `<tr>...</tr>` of a table's text, with its byte offset.
fn row_spans(block: &str) -> Vec<(usize, &str)> {
    let lower = block.to_ascii_lowercase();
    let mut rows = Vec::new();
    let mut from = 0;
    while let Some(open) = lower[from..].find("<tr").map(|o| from + o) {
        let after = lower[open + 3..].chars().next();
        if !after.is_some_and(|c| c == '>' || c.is_whitespace()) {
            from = open + 3;
            continue;
        }
        // The row ends at its `</tr>` or, without one (valid HTML), where
        // the next row opens: never searched past that.
        let next = lower[open + 3..]
            .find("<tr")
            .map_or(block.len(), |e| open + 3 + e);
        let end = lower[open..next].find("</tr").map_or(next, |e| open + e);
        rows.push((open, &block[open..end]));
        from = end.max(open + 3);
    }
    rows
}

/// A cell's inner HTML as Markdown lines: `<br>` and paragraphs break
/// lines, `<li>` items become `- ` lines, bold and code keep their marks,
/// other tags go, the common entities are decoded.
fn cell_lines(html: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    // A tag opens with a letter, `/` or `!`: `<200ms` is text.
    let tag_at = |text: &str| {
        text.match_indices('<')
            .find(|(at, _)| {
                text[at + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!')
            })
            .map(|(at, _)| at)
    };
    while let Some(open) = tag_at(rest) {
        current.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = &rest[open..];
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        match name.as_str() {
            "br" | "p" | "div" | "ul" | "ol" | "li" => {
                lines.push(std::mem::take(&mut current));
                if name == "li" && !closing {
                    current.push_str("- ");
                }
            }
            "b" | "strong" => current.push_str("**"),
            "code" => current.push('`'),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    // The text after the last tag (or an unclosed `<` and what follows).
    current.push_str(rest);
    lines.push(current);
    lines
        .into_iter()
        .map(|l| {
            decode_entities(&l)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|l| !l.is_empty() && l != "-")
        .collect()
}

/// The entities HTML copied from a note app or a wiki uses: `&nbsp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&#39;`, and `&amp;` last.
pub(crate) fn decode_entities(text: &str) -> String {
    text.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The name of the tag a segment opens with (empty for text).
fn tag_name(segment: &str) -> &str {
    let Some(rest) = segment.strip_prefix('<') else {
        return "";
    };
    let len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    &rest[..len]
}

/// Byte offsets of the block tags opening in `line`.
fn block_starts(line: &str) -> Vec<usize> {
    let bytes = line.as_bytes();
    let mut starts = Vec::new();
    for (at, _) in line.match_indices('<') {
        let name_len = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = &line[at + 1..at + 1 + name_len];
        let boundary = bytes
            .get(at + 1 + name_len)
            .is_some_and(|&b| b == b'>' || b == b' ' || b == b'/');
        if boundary && BLOCK_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            starts.push(at);
        }
    }
    starts
}

/// A table row as a paragraph: `Situation: text` when its first of two
/// cells is a label (the reader decides which labels count), the cells
/// joined by ` | ` otherwise. Cell markup stays for the HTML rewrite.
fn row(segment: &str) -> String {
    let cells = cells(segment);
    match cells.as_slice() {
        [] => String::new(),
        [label, text] => format!("<p>{}: {}</p>", plain(label).trim(), text.trim()),
        _ => format!(
            "<p>{}</p>",
            cells
                .iter()
                .map(|c| c.trim())
                .collect::<Vec<_>>()
                .join(" | ")
        ),
    }
}

/// The inner HTML of each `<td>` / `<th>` of a row, in one pass over its
/// tags.
fn cells(segment: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let mut open: Option<usize> = None;
    for (at, _) in segment.match_indices('<') {
        let rest = &segment[at + 1..];
        let closing = rest.starts_with('/');
        let name_from = if closing { &rest[1..] } else { rest };
        let len = name_from
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = &name_from[..len];
        if !(name.eq_ignore_ascii_case("td") || name.eq_ignore_ascii_case("th")) {
            continue;
        }
        if closing {
            if let Some(start) = open.take() {
                cells.push(&segment[start..at]);
            }
        } else if let Some(end) = rest.find('>') {
            // An unclosed cell ends where the next one opens.
            if let Some(start) = open.take() {
                cells.push(&segment[start..at]);
            }
            open = Some(at + 1 + end + 1);
        }
    }
    if let Some(start) = open {
        cells.push(&segment[start.min(segment.len())..]);
    }
    cells
}

/// Text without tags.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_on_one_line_is_split_and_label_rows_become_paragraphs() {
        let text = "<h2 id=\"a\">1. Queue</h2><p>tags</p><table><tbody><tr><td>Situation</td><td>A <strong>long</strong> queue.</td></tr><tr><td>Task</td><td>Fix it.</td></tr></tbody></table>\n";
        let (out, map) = rewrite("export.html", text).expect("split");
        assert_eq!(
            out,
            "<h2 id=\"a\">1. Queue</h2>\n<p>tags</p>\n\n<p>Situation: A <strong>long</strong> queue.</p>\n<p>Task: Fix it.</p>\n"
        );
        assert_eq!(map, [1, 1, 1, 1, 1]);
    }

    #[test]
    fn lines_with_a_tag_or_two_are_left_alone() {
        assert!(rewrite("page.html", "<p>One</p>\n<h2>Two</h2>\ntext <b>x</b>\n").is_none());
        // Markdown naming tags in prose is not a page.
        let prose = "Action: replaced `<table>` layouts with `<ul>`, `<li>` and `<p>`.\n";
        assert!(rewrite("notes.md", prose).is_none());
    }
}
