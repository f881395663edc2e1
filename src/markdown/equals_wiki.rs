//! Notes kept in a personal wiki whose headings are wrapped in equals
//! signs: MediaWiki and Vimwiki (`== Story ==`, `=== Situation ===`, more
//! signs for a deeper heading) and DokuWiki (`====== Page ======`, fewer
//! signs for a deeper heading). Such a document is rewritten as the
//! Markdown it stands for, line for line: headings, `'''bold'''` and
//! `''italic''`, `# numbered` and `* bulleted` items, `;Term : text`
//! definitions (the label `**Term:** text`), Vimwiki tag lines
//! (`:safety:leadership:`) and `{{{ }}}` blocks; page furniture
//! (`{{Draft}}`, `__TOC__`, `%title`, `%%` comments) is dropped.

use super::{LineWriter, Rewritten};

/// Fewest wrapped headings for a document to be read as such a wiki: one
/// `= x =` line in Markdown prose is not enough.
const MIN_HEADINGS: usize = 2;

/// The rewritten document and, for each of its lines, the 1-based source
/// line; `None` for a document without wrapped headings.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut widest = 0;
    let mut count = 0;
    for line in &lines {
        if let Some((signs, _)) = heading(line.trim()) {
            count += 1;
            widest = widest.max(signs);
        }
    }
    // Markdown with code fences, or with at least as many `# headings` as
    // `== x ==` lines, is Markdown (`# item` is a numbered item in wiki
    // text, `## item` a nested one).
    let fenced = lines.iter().any(|l| l.trim_start().starts_with("```"));
    let atx = lines
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("# ") || t.starts_with("## ") || t.starts_with("### ")
        })
        .count();
    if count < MIN_HEADINGS || fenced || atx >= count {
        return None;
    }
    // DokuWiki's top level has six signs and each level below one fewer;
    // MediaWiki and Vimwiki count up from one or two.
    let doku = widest >= 5;
    let mut out = LineWriter::with_capacity(text.len() + 64);
    let mut in_block = false;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim_end_matches('\r').trim_end();
        let trimmed = line.trim_start();
        let mut emit = |text: &str| out.line(text, i + 1);
        if in_block {
            if trimmed.starts_with("}}}") {
                in_block = false;
                emit("```");
            } else {
                emit(line);
            }
            continue;
        }
        if trimmed.starts_with("{{{") {
            in_block = true;
            emit("```");
            continue;
        }
        if let Some((signs, title)) = heading(trimmed) {
            let level = if doku { 7 - signs.min(6) } else { signs };
            emit(&format!(
                "{} {}",
                "#".repeat(level.clamp(1, 6)),
                inline(title)
            ));
            continue;
        }
        if is_furniture(trimmed) {
            emit("");
            continue;
        }
        if let Some(tags) = tag_line(trimmed) {
            emit(&format!("Tags: {}", tags.join(", ")));
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(';') {
            // `;Situation : text` or `;Situation` with the text on `:` lines.
            let (term, text) = rest.split_once(" : ").unwrap_or((rest, ""));
            emit(&format!(
                "**{}:** {}",
                inline(term.trim()),
                inline(text.trim())
            ));
            continue;
        }
        if trimmed.starts_with(':') && !trimmed.starts_with("::") {
            emit(&inline(trimmed.trim_start_matches(':').trim_start()));
            continue;
        }
        if let Some(item) = list_item(trimmed) {
            emit(&item);
            continue;
        }
        emit(&inline(line));
    }
    Some(out.finish(text.ends_with('\n')))
}

/// `== Title ==` -> (2, "Title"): the same number of signs on both sides
/// and a space after the opening ones (so that a line of prose starting
/// with `=` does not count), a title with a letter.
fn heading(line: &str) -> Option<(usize, &str)> {
    let signs = line.bytes().take_while(|&b| b == b'=').count();
    if signs == 0 || signs > 6 {
        return None;
    }
    let inner = &line[signs..];
    let closing = inner.bytes().rev().take_while(|&b| b == b'=').count();
    if closing != signs {
        return None;
    }
    let title = inner[..inner.len() - closing].trim();
    let spaced = line[signs..].starts_with([' ', '\t']);
    (spaced && title.chars().any(char::is_alphabetic)).then_some((signs, title))
}

/// Lines with nothing to import: templates alone on a line, magic words,
/// Vimwiki's `%title` and `%%` comments.
fn is_furniture(line: &str) -> bool {
    (line.starts_with("{{") && line.ends_with("}}") && !line.starts_with("{{{"))
        || (line.starts_with("__") && line.ends_with("__") && line.len() > 4)
        || line.starts_with("%%")
        || ["%title", "%date", "%template", "%nohtml"]
            .iter()
            .any(|p| line.starts_with(p))
}

/// Vimwiki's `:tag1:tag2:` line -> its tags.
fn tag_line(line: &str) -> Option<Vec<&str>> {
    let inner = line.strip_prefix(':')?.strip_suffix(':')?;
    let tags: Vec<&str> = inner.split(':').collect();
    tags.iter()
        .all(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
        })
        .then_some(tags)
}

/// `# item`, `## item`, `* item`, `** item`, `*# item` -> a Markdown item
/// indented by its depth.
fn list_item(line: &str) -> Option<String> {
    let marks = line
        .bytes()
        .take_while(|b| matches!(b, b'#' | b'*'))
        .count();
    if marks == 0 || marks > 6 {
        return None;
    }
    let rest = line[marks..].strip_prefix(' ')?;
    // `**bold** text` is emphasis, not a second-level item.
    if line.starts_with("**") && !line.starts_with("** ") {
        return None;
    }
    let numbered = line.as_bytes()[marks - 1] == b'#';
    let indent = "  ".repeat(marks - 1);
    let marker = if numbered { "1." } else { "-" };
    Some(format!("{indent}{marker} {}", inline(rest.trim())))
}

/// `'''bold'''` -> `**bold**`, `''italic''` -> `*italic*`,
/// `[[Page|shown text]]` -> `shown text`.
fn inline(text: &str) -> String {
    let text = text.replace("'''", "**").replace("''", "*");
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start..].find("]]") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        out.push_str(inner.rsplit('|').next().unwrap_or(inner));
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(input: &str) -> String {
        rewrite(input).map(|r| r.0).unwrap_or_default()
    }

    #[test]
    fn mediawiki_headings_bold_and_definitions_become_markdown() {
        let out = text(
            "= Prep =\n== Story: The crate ==\n=== Situation ===\nA '''late''' crate.\n;Task : Get it cleared\n# first\n## nested\n{{Draft}}\n",
        );
        assert_eq!(
            out,
            "# Prep\n## Story: The crate\n### Situation\nA **late** crate.\n**Task:** Get it cleared\n1. first\n  1. nested\n\n"
        );
    }

    #[test]
    fn dokuwiki_headings_count_down() {
        let out = text("====== Prep ======\n===== Outage =====\n==== Action ====\nI rolled back.");
        assert_eq!(out, "# Prep\n## Outage\n### Action\nI rolled back.\n");
    }

    #[test]
    fn vimwiki_tags_comments_and_blocks() {
        let out = text("%title Prep\n= A =\n== B ==\n:safety:leadership:\n%% note\n{{{\n# not a heading\n}}}\n");
        assert_eq!(
            out,
            "\n# A\n## B\nTags: safety, leadership\n\n```\n# not a heading\n```\n"
        );
    }

    #[test]
    fn markdown_with_atx_headings_is_left_alone() {
        assert!(rewrite("# Outage\n== Note ==\n## Situation\ntext\n== More ==\n").is_none());
    }

    #[test]
    fn markdown_with_a_setext_rule_or_one_wrapped_line_is_left_alone() {
        assert!(rewrite("Title\n=====\n\nSome = sign = here\n").is_none());
        assert!(rewrite("= Only one =\ntext\n").is_none());
    }
}
