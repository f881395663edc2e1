//! Outlines exported as OPML by Workflowy, Dynalist, OmniOutliner or
//! Logseq: `<outline text="..." _note="...">` elements nested in a
//! `<body>`. An outline holding others becomes a heading as deep as it is
//! nested (a story's title, a `Situation` over its points), its note a
//! paragraph under it; an outline holding none becomes a list item, its
//! note after a colon (`Situation: ...`) and the note's further lines as
//! items under it.

use super::{collapse, LineWriter, Rewritten};

/// The rewritten document; `None` unless it is an OPML file.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let mut cut = text.len().min(2000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    if !head.contains("<opml") || !text.contains("<outline") {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len());
    let mut depth = 0usize;
    let mut rest = text;
    let mut line = 1;
    while let Some(at) = rest.find('<') {
        line += rest[..at].matches('\n').count();
        rest = &rest[at..];
        let Some(end) = tag_end(rest) else {
            break;
        };
        let tag = &rest[..end];
        if let Some(body) = tag.strip_prefix("<outline") {
            let closed = tag.ends_with("/>");
            let item = attribute(body, "text")
                .map(|t| unescape(&t))
                .unwrap_or_default();
            let note = attribute(body, "_note").map(|n| unescape(&n));
            let item = collapse(&item);
            if closed {
                // A leaf: an item, its note after a colon (`Situation:
                // Oct 2021, ...`) and the note's further lines under it.
                let mut note_lines = note.as_deref().unwrap_or_default().lines();
                let first = note_lines.next().map(str::trim).unwrap_or_default();
                let text = match (item.is_empty(), first.is_empty()) {
                    (false, false) => format!("{}: {first}", item.trim_end_matches(':')),
                    (false, true) => item,
                    (true, _) => first.to_string(),
                };
                if !text.is_empty() {
                    out.line(&format!("- {text}"), line);
                }
                for more in note_lines.map(str::trim).filter(|l| !l.is_empty()) {
                    let more = more.strip_prefix("- ").unwrap_or(more);
                    out.line(&format!("  - {more}"), line);
                }
            } else {
                // An outline with outlines inside: a heading, its note a
                // paragraph under it.
                out.line("", line);
                if !item.is_empty() {
                    out.line(&format!("{} {item}", "#".repeat((depth + 1).min(6))), line);
                }
                for note_line in note.as_deref().unwrap_or_default().lines() {
                    out.line(note_line.trim_end(), line);
                }
                out.line("", line);
            }
            if !closed {
                depth += 1;
            }
        } else if tag.starts_with("</outline") {
            depth = depth.saturating_sub(1);
        }
        line += tag.matches('\n').count();
        rest = &rest[end..];
    }
    Some(out.finish(false))
}

/// The length of the tag at the start of `text`, through its `>`; quoted
/// attribute values may hold `>`.
fn tag_end(text: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The raw value of attribute `name` in a tag's body.
fn attribute(body: &str, name: &str) -> Option<String> {
    let mut rest = body;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().next_back();
        let after = rest[at + name.len()..].trim_start();
        if before.is_some_and(char::is_whitespace) {
            if let Some(value) = after.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let inner = &value[1..];
                    let end = inner.find(quote)?;
                    return Some(inner[..end].to_string());
                }
            }
        }
        rest = &rest[at + name.len()..];
    }
}

/// XML character references and the five named entities.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest
            .get(..12)
            .unwrap_or(rest)
            .find(';')
            .filter(|&e| e <= 10)
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_become_nested_items_with_their_notes() {
        let opml = "<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body>\n<outline text=\"Stories\">\n  <outline text=\"Port jam &amp; peak\">\n    <outline text=\"Situation\" _note=\"Ships at anchor.&#10;No ETAs.\" />\n    <outline text=\"R: in-stock held at 94%\"/>\n  </outline>\n</outline>\n</body></opml>\n";
        let (text, lines) = rewrite(opml).unwrap();
        assert_eq!(
            text,
            "\n# Stories\n\n\n## Port jam & peak\n\n- Situation: Ships at anchor.\n  - No ETAs.\n- R: in-stock held at 94%\n"
        );
        assert_eq!(lines, [3, 3, 3, 4, 4, 4, 5, 5, 6]);
    }

    #[test]
    fn other_xml_or_markdown_is_left_alone() {
        assert!(rewrite("# Notes\n<outline> is a word here\n").is_none());
    }
}
