//! Notes copied out of Confluence or Jira in wiki markup, not Markdown:
//! `h2. Title` headings, `*bold*`, `# numbered` items, `{panel:title=
//! Situation}` blocks and `||header||` tables. Such a document is rewritten
//! as the Markdown it stands for, line for line, except that a table's
//! header gains the delimiter row Markdown needs.

use super::{LineWriter, Rewritten};

/// Fewest wiki-markup lines (headings, macros, `||` headers) for a document
/// to be read as wiki markup; one `h1.` in prose is not enough.
const MIN_SIGNALS: usize = 2;

/// Macros whose tags are dropped, keeping their text; a `title=` names the
/// block (`{panel:title=Situation}` is the label `Situation:`).
const BLOCK_MACROS: &[&str] = &[
    "panel", "info", "note", "tip", "warning", "expand", "quote", "section", "column", "status",
];

/// Macros whose text is code, kept verbatim in a fence.
const CODE_MACROS: &[&str] = &["code", "noformat"];

/// The rewritten document and, for each of its lines, the 1-based source
/// line; `None` for a document that is not wiki markup.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let signals = lines.iter().filter(|l| is_signal(l)).count();
    if signals < MIN_SIGNALS {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len() + 64);
    let mut in_code = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        let mut emit = |text: &str| out.line(text, i + 1);
        if let Some((name, _, rest)) = macro_tag(trimmed) {
            if CODE_MACROS.contains(&name.as_str()) {
                // `{noformat}ERR_503{noformat} kept firing`: code within
                // the line, not a block.
                let closing = format!("{{{name}}}");
                if !in_code {
                    if let Some(end) = rest.find(&closing) {
                        let after = &rest[end + closing.len()..];
                        emit(&format!("`{}`{}", &rest[..end], inline(after)));
                        continue;
                    }
                }
                in_code = !in_code;
                emit("```");
                if !rest.trim().is_empty() {
                    emit(rest);
                }
                continue;
            }
        }
        if in_code {
            emit(raw);
            continue;
        }
        if let Some(cells) = trimmed.strip_prefix("||") {
            let cells: Vec<String> = cells
                .trim_end_matches('|')
                .split("||")
                .map(|c| inline(c.trim()))
                .collect();
            emit(&format!("| {} |", cells.join(" | ")));
            emit(&format!("|{}", " --- |".repeat(cells.len())));
            continue;
        }
        if let Some((level, rest)) = heading(trimmed) {
            emit(&format!("{} {}", "#".repeat(level), inline(rest)));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("bq. ") {
            emit(&format!("> {}", inline(rest)));
            continue;
        }
        if let Some((name, title, rest)) = macro_tag(trimmed) {
            if BLOCK_MACROS.contains(&name.as_str()) {
                let rest = strip_macros(rest);
                match title {
                    Some(title) => emit(&format!("**{}:** {}", title.trim(), inline(&rest))),
                    None if rest.trim().is_empty() => emit(""),
                    None => emit(&inline(&rest)),
                }
                continue;
            }
        }
        if let Some(item) = list_item(trimmed) {
            emit(&item);
            continue;
        }
        emit(&inline(&strip_macros(line)));
    }
    Some(out.finish(text.ends_with('\n')))
}

fn is_signal(line: &str) -> bool {
    let trimmed = line.trim_start();
    heading(trimmed).is_some()
        || trimmed.starts_with("||")
        || macro_tag(trimmed).is_some_and(|(name, _, _)| {
            BLOCK_MACROS.contains(&name.as_str()) || CODE_MACROS.contains(&name.as_str())
        })
}

/// `h2. Title` -> (2, "Title").
fn heading(line: &str) -> Option<(usize, &str)> {
    let bytes = line.as_bytes();
    if bytes.len() < 4 || bytes[0] != b'h' || bytes[2] != b'.' || bytes[3] != b' ' {
        return None;
    }
    let level = (bytes[1] as char).to_digit(10)? as usize;
    (1..=6).contains(&level).then(|| (level, line[4..].trim()))
}

/// Longest macro tag read (`{panel:title=...|bgColor=...}`): a search for
/// its `}` looks no further, so a line of `{{{{` stays linear.
const MAX_TAG_LEN: usize = 200;

/// Longest `[text|link]` read, for the same reason.
const MAX_LINK_LEN: usize = 2000;

/// The first `close` within `limit` bytes of `text`.
fn find_within(text: &str, close: char, limit: usize) -> Option<usize> {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].find(close)
}

/// A macro tag opening the line: `{panel:title=Situation|borderStyle=solid}`
/// -> ("panel", Some("Situation"), text after the tag).
fn macro_tag(line: &str) -> Option<(String, Option<&str>, &str)> {
    let inner_end = find_within(line.strip_prefix('{')?, '}', MAX_TAG_LEN)? + 1;
    let inner = &line[1..inner_end];
    let (name, params) = match inner.split_once(':') {
        Some((name, params)) => (name, Some(params)),
        None => (inner, None),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let title = params.and_then(|p| {
        p.split('|')
            .find_map(|kv| kv.trim().strip_prefix("title="))
            .filter(|t| !t.trim().is_empty())
    });
    Some((name.to_ascii_lowercase(), title, &line[inner_end + 1..]))
}

/// The line without block-macro tags (`{warning}Say "I"{warning}`).
fn strip_macros(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match macro_tag(after).filter(|(name, _, _)| BLOCK_MACROS.contains(&name.as_str())) {
            Some((_, _, tail)) => rest = tail,
            None => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `# step` (numbered), `## sub-step`, `** sub-point` as Markdown items.
fn list_item(line: &str) -> Option<String> {
    let marker = line.as_bytes().first().copied()?;
    if marker != b'#' && marker != b'*' {
        return None;
    }
    let depth = line.bytes().take_while(|&b| b == marker).count();
    let rest = line[depth..].strip_prefix(' ')?;
    if marker == b'*' && depth == 1 {
        return None;
    }
    let indent = if marker == b'#' { 3 } else { 2 };
    let bullet = if marker == b'#' { "1." } else { "-" };
    Some(format!(
        "{}{} {}",
        " ".repeat(indent * (depth - 1)),
        bullet,
        inline(rest.trim())
    ))
}

/// Inline markup: `*bold*` -> `**bold**`, `{{code}}` -> `` `code` ``,
/// `[text|url]` -> `text`.
fn inline(text: &str) -> String {
    let text = text.replace("{{", "`").replace("}}", "`");
    let text = unlink(&text);
    bold(&text)
}

fn unlink(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match find_within(after, ']', MAX_LINK_LEN).map(|close| &after[..close]) {
            Some(inner) if inner.contains('|') && !inner.contains('[') => {
                out.push_str(inner.split('|').next().unwrap_or(""));
                rest = &after[inner.len() + 1..];
            }
            _ => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `*bold*` with word boundaries outside and no space inside its ends.
fn bold(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    let mut i = 0;
    while i < bytes.len() {
        let opens = bytes[i] == b'*'
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() && bytes[i - 1] != b'*')
            && bytes
                .get(i + 1)
                .is_some_and(|&b| b != b'*' && !b.is_ascii_whitespace());
        if !opens {
            i += 1;
            continue;
        }
        let close = (i + 2..bytes.len()).find(|&j| {
            bytes[j] == b'*'
                && !bytes[j - 1].is_ascii_whitespace()
                && bytes
                    .get(j + 1)
                    .is_none_or(|&b| !b.is_ascii_alphanumeric() && b != b'*')
        });
        let Some(close) = close else {
            break;
        };
        out.push_str(&text[last..i]);
        out.push_str("**");
        out.push_str(&text[i + 1..close]);
        out.push_str("**");
        last = close + 1;
        i = close + 1;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn converted(text: &str) -> String {
        rewrite(text).expect("wiki markup").0
    }

    #[test]
    fn headings_panels_and_numbered_items_become_markdown() {
        let text = "h2. 1. Rollout\n*Competency:* change\n{panel:title=Situation}\nWe had a problem.\n{panel}\n{panel:title=Action}\n# Took them along\n## Then more\n{panel}\n";
        assert_eq!(
            converted(text),
            "## 1. Rollout\n**Competency:** change\n**Situation:** \nWe had a problem.\n\n**Action:** \n1. Took them along\n   1. Then more\n\n"
        );
    }

    #[test]
    fn a_header_row_gains_its_delimiter_row_and_lines_keep_their_numbers() {
        let text = "h1. Prep\n||#||Story||Question||\n|1|Rollout|\"Tell me\"|\nh2. Rollout\n";
        let (out, map) = rewrite(text).unwrap();
        assert_eq!(
            out,
            "# Prep\n| # | Story | Question |\n| --- | --- | --- |\n|1|Rollout|\"Tell me\"|\n## Rollout\n"
        );
        assert_eq!(map, [1, 2, 2, 3, 4]);
    }

    #[test]
    fn code_within_a_line_does_not_open_a_block() {
        let text = "h2. Outage\n{noformat}ERR_503{noformat} kept firing\n{panel:title=Result}\nFixed.\n{panel}\n";
        assert_eq!(
            converted(text),
            "## Outage\n`ERR_503` kept firing\n**Result:** \nFixed.\n\n"
        );
    }

    #[test]
    fn markdown_with_one_stray_h1_is_left_alone() {
        assert!(rewrite("h1. is a heading in Textile\n\n# Situation\nText\n").is_none());
    }

    #[test]
    fn bold_needs_word_boundaries() {
        assert_eq!(
            bold("*Task:* fix 2*3*4 and a*b"),
            "**Task:** fix 2*3*4 and a*b"
        );
        assert_eq!(
            inline("see [the page|http://x] and {{cfg}}"),
            "see the page and `cfg`"
        );
    }
}
