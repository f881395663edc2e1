//! Notes converted from Word by pandoc keep pandoc's own Markdown: grid
//! tables (`+----+----+` borders around cells that wrap over several
//! lines), bracketed spans with attributes (`[]{#_Toc123 .anchor}` before
//! a heading, `[Draft]{.underline}`) and fenced divs (`::: {custom-style=
//! "Quote"}` ... `:::`). CommonMark knows none of them: a grid table would
//! be read as prose cut at every cell edge, and the anchors would be part
//! of the titles. Such a document is rewritten first: each grid table as a
//! pipe table with one line per row, spans as their text and div fences as
//! blank lines; every line reports the source line it came from.

use super::{LineWriter, Rewritten};

/// The rewritten document and, for each of its lines, the 1-based source
/// line; `None` when it holds none of pandoc's syntax (the usual case).
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let pandoc = lines
        .iter()
        .enumerate()
        .any(|(i, l)| is_div_fence(l) || has_span(l) || grid_at(&lines, i).is_some());
    if !pandoc {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len());
    let mut i = 0;
    // Code in a fence (a database's `+----+` result table) is kept as is.
    let mut fence: Option<&str> = None;
    while i < lines.len() {
        let line = lines[i];
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|m| line.trim_start().starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(open), Some(m)) if open == m => fence = None,
            _ => {}
        }
        if fence.is_some() || marker.is_some() {
            out.line(line, i + 1);
            i += 1;
            continue;
        }
        if let Some(columns) = grid_at(&lines, i) {
            i = write_grid(&lines, i, &columns, &mut out);
            continue;
        }
        if is_div_fence(line) {
            // `::: tip`, `:::caution`: an aside, which the segmenter leaves
            // out of a story like a note to self.
            let kind = line
                .trim()
                .trim_start_matches(':')
                .trim()
                .to_ascii_lowercase();
            let aside = super::blocks::ASIDE_KINDS.contains(&kind.as_str());
            out.line(if aside { "Note to self:" } else { "" }, i + 1);
        } else {
            out.line(&without_spans(line), i + 1);
        }
        i += 1;
    }
    Some(out.finish(text.ends_with('\n')))
}

/// `:::` alone, or opening a div: `::: {custom-style="Quote"}`, `::: note`.
fn is_div_fence(line: &str) -> bool {
    let t = line.trim();
    let colons = t.bytes().take_while(|&b| b == b':').count();
    colons >= 3 && {
        let rest = t[colons..].trim();
        rest.is_empty()
            || (rest.starts_with('{') && rest.ends_with('}'))
            || rest.split_whitespace().count() == 1
                && rest
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    }
}

/// Whether a line holds a bracketed span with pandoc attributes.
fn has_span(line: &str) -> bool {
    line.contains("]{") && spans_in(line).next().is_some()
}

/// The bracketed spans with attributes in a line: (start of `[`, end after
/// `}`, the text between the brackets), in order and never overlapping.
/// Linear in the line: each `[` is searched for only back to where the
/// last search stopped, and each `}` only a short way ahead.
fn spans_in(line: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(at) = line[from..].find("]{") {
            let close = from + at;
            let searched = from;
            from = close + 2;
            // The `[` must come after the last span (or failed try) and
            // before this `]`, with no other `]` between.
            let Some(open) = line[searched..close].rfind('[').map(|o| searched + o) else {
                continue;
            };
            if line[open + 1..close].contains(']') {
                continue;
            }
            let tail = &line[close + 2..];
            let window = tail
                .char_indices()
                .nth(MAX_ATTRIBUTE_CHARS)
                .map_or(tail.len(), |(b, _)| b);
            let Some(end) = tail[..window].find('}') else {
                continue;
            };
            if !is_attributes(&tail[..end]) {
                continue;
            }
            from = close + 2 + end + 1;
            return Some((open, from, &line[open + 1..close]));
        }
        None
    })
}

/// Longest attribute list read after a span's `]{`.
const MAX_ATTRIBUTE_CHARS: usize = 200;

/// `#id`, `.class` and `key="value"` items separated by spaces (a quoted
/// value may hold spaces: `custom-style="Body Text"`).
fn is_attributes(text: &str) -> bool {
    let mut items: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    items.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        items.push(current);
    }
    !quoted
        && !items.is_empty()
        && items.iter().all(|item| {
            let name_ok = |name: &str| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':'))
            };
            item.strip_prefix('#').is_some_and(name_ok)
                || item.strip_prefix('.').is_some_and(name_ok)
                || item.split_once('=').is_some_and(|(k, _)| name_ok(k))
        })
}

/// The line with each attributed span replaced by its text.
fn without_spans(line: &str) -> String {
    if !line.contains("]{") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    for (open, end, inner) in spans_in(line) {
        out.push_str(&line[at..open]);
        out.push_str(inner);
        at = end;
    }
    out.push_str(&line[at..]);
    out
}

/// The column edges (char positions of `+`) when a grid table starts at
/// line `i`: a border of `+` and runs of `-` or `=`, then a `|` row.
fn grid_at(lines: &[&str], i: usize) -> Option<Vec<usize>> {
    let edges = border_edges(lines[i])?;
    let next = lines.get(i + 1)?.trim();
    (next.starts_with('|') && next.ends_with('|')).then_some(edges)
}

/// The char positions of the `+` of a border line (`+----+-----+`).
fn border_edges(line: &str) -> Option<Vec<usize>> {
    let t = line.trim_end();
    let indent = t.chars().take_while(|&c| c == ' ').count();
    let body = t.trim_start();
    if !body.starts_with('+') || !body.ends_with('+') || body.len() < 3 {
        return None;
    }
    if !body.chars().all(|c| matches!(c, '+' | '-' | '=' | ':')) {
        return None;
    }
    let edges: Vec<usize> = body
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '+')
        .map(|(k, _)| indent + k)
        .collect();
    // Two edges at least, and never two `+` side by side.
    (edges.len() >= 2 && edges.windows(2).all(|w| w[1] > w[0] + 1)).then_some(edges)
}

/// Writes the grid table starting at line `start` as a pipe table and
/// returns the line after it.
fn write_grid(lines: &[&str], start: usize, edges: &[usize], out: &mut LineWriter) -> usize {
    let columns = edges.len() - 1;
    // (first source line, the cells' lines) per row.
    let mut rows: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    let mut current: Option<(usize, Vec<Vec<String>>)> = None;
    let mut i = start;
    while i < lines.len() {
        let line = lines[i].trim_end();
        if border_edges(line).is_some() {
            rows.extend(current.take());
            i += 1;
            continue;
        }
        let t = line.trim();
        if !(t.starts_with('|') && t.ends_with('|')) {
            break;
        }
        let cells = row_cells(line, edges, columns);
        let row = current.get_or_insert_with(|| (i + 1, vec![Vec::new(); columns]));
        for (column, cell) in cells.into_iter().enumerate() {
            row.1[column].push(cell);
        }
        i += 1;
    }
    rows.extend(current.take());
    // A blank line before the table, so it does not continue a paragraph.
    out.line("", start + 1);
    for (k, (line, cells)) in rows.iter().enumerate() {
        let texts: Vec<String> = cells.iter().map(|c| cell_text(c)).collect();
        out.line(&format!("| {} |", texts.join(" | ")), *line);
        if k == 0 {
            out.line(&format!("|{}", " --- |".repeat(columns)), *line);
        }
    }
    out.line("", i.max(1));
    i
}

/// The cells of one row line, cut at the border's edges (or at its pipes
/// when the line is not aligned with them).
fn row_cells(line: &str, edges: &[usize], columns: usize) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let aligned = edges.iter().all(|&e| chars.get(e) == Some(&'|'));
    if aligned {
        return edges
            .windows(2)
            .map(|w| chars[w[0] + 1..w[1]].iter().collect::<String>())
            .collect();
    }
    let t = line.trim();
    let inner = &t[1..t.len().saturating_sub(1).max(1)];
    let mut cells: Vec<String> = inner.split('|').map(str::to_owned).collect();
    if cells.len() > columns {
        let rest = cells.split_off(columns - 1).join("|");
        cells.push(rest);
    }
    cells.resize(columns, String::new());
    cells
}

/// A cell's lines as one pipe-table cell: a list item or paragraph starts
/// a new line (`<br>`), wrapped lines join with a space; pipes escaped.
fn cell_text(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank_before = false;
    for raw in lines {
        let line = without_spans(raw.trim());
        if line.is_empty() {
            blank_before = true;
            continue;
        }
        if !out.is_empty() {
            let item = line.starts_with(['-', '*', '+', '•'])
                || line
                    .split_once(['.', ')'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            out.push_str(if item || blank_before { "<br>" } else { " " });
        }
        out.push_str(&line.replace('|', "\\|"));
        blank_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> (String, Vec<usize>) {
        rewrite(text).expect("pandoc syntax")
    }

    #[test]
    fn a_grid_table_becomes_a_pipe_table_row_per_row() {
        let text = "# Story\n\n+---------+-----------+\n| **S**   | It broke  |\n|         | at night. |\n+---------+-----------+\n| **A**   | -   Fixed |\n|         |     it    |\n|         | -   Wrote |\n+---------+-----------+\n\nAfter.\n";
        let (out, map) = rewritten(text);
        assert_eq!(
            out,
            "# Story\n\n\n| **S** | It broke at night. |\n| --- | --- |\n| **A** | -   Fixed it<br>-   Wrote |\n\n\nAfter.\n"
        );
        assert_eq!(map, [1, 2, 3, 4, 4, 7, 10, 11, 12]);
    }

    #[test]
    fn anchors_spans_and_div_fences_go() {
        let text = "# []{#_Toc1 .anchor}Example 1 -- Deficit\n[**Prep**]{.underline} and [x](y)\n::: {custom-style=\"Quote\"}\nPanel.\n:::\n";
        let (out, map) = rewritten(text);
        assert_eq!(
            out,
            "# Example 1 -- Deficit\n**Prep** and [x](y)\n\nPanel.\n\n"
        );
        assert_eq!(map, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn overlapping_or_unclosed_brackets_neither_panic_nor_take_long() {
        assert_eq!(without_spans("[a]{.[}]{.x}"), "[a]{.}");
        let long = "[a]{".repeat(200_000);
        assert_eq!(without_spans(&long), long);
        let long = "]{".repeat(200_000);
        assert_eq!(without_spans(&long), long);
        assert_eq!(
            without_spans("[Body]{custom-style=\"Body Text\"} here"),
            "Body here"
        );
    }

    #[test]
    fn a_misaligned_row_keeps_every_cell_and_fenced_tables_stay_code() {
        assert_eq!(row_cells("|a|b|c|", &[0, 4, 8], 2), ["a", "b|c"]);
        let text = "```\n+----+----+\n| id | n  |\n+----+----+\n```\n[x]{.mark}\n";
        let (out, _) = rewritten(text);
        assert_eq!(out, "```\n+----+----+\n| id | n  |\n+----+----+\n```\nx\n");
    }

    #[test]
    fn plain_markdown_is_left_alone() {
        assert!(
            rewrite("# Title\n\n| a | b |\n| --- | --- |\n[link](x) {not attributes}\n").is_none()
        );
        assert!(rewrite("a + b - c\n+ item\n").is_none());
    }
}
