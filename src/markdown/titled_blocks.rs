//! Stories kept as blocks between rules (`-----`, `*****`), each a short
//! title line over the story told as prose, often one long paragraph with
//! no STAR label at all (a journal, a document of examples):
//!
//! ```text
//! The hamper at Brackley
//! In November 2022 I was three hours into an audit when ...
//!
//! ----------------------------------------
//! ```
//!
//! The title line of each such block becomes a `##` heading, so that the
//! block is a section of its own and its prose is read as a story when it
//! tells one (a block that does not, such as directions to the venue, is
//! reported like any section without a story).

use super::labels;
use super::{LineWriter, Rewritten};

/// Fewest blocks with a title line over prose for the document to be read
/// this way.
const MIN_BLOCKS: usize = 3;

/// Most words of a title line.
const MAX_TITLE_WORDS: usize = 12;

/// Fewest words of prose under a title line.
const MIN_BODY_WORDS: usize = 40;

/// The rewritten document; `None` when it is not kept this way.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    // Headings or STAR labels anywhere: the document has its structure.
    if lines.iter().any(|l| {
        l.trim_start().starts_with('#') || labels::line_label(l.trim(), None, false).is_some()
    }) {
        return None;
    }
    // Blocks: runs of lines between rules.
    let mut titles: Vec<usize> = Vec::new();
    let mut start = 0;
    let mut rules = 0;
    for i in 0..=lines.len() {
        // A rule under a line of text underlines a title (setext,
        // reStructuredText): only a rule after a blank line separates.
        let at_rule =
            i < lines.len() && is_rule(lines[i]) && (i == 0 || lines[i - 1].trim().is_empty());
        if i == lines.len() || at_rule {
            if at_rule {
                rules += 1;
            }
            if let Some(title) = titled_block(&lines[start..i]) {
                titles.push(start + title);
            }
            start = i + 1;
        }
    }
    if rules < MIN_BLOCKS - 1 || titles.len() < MIN_BLOCKS {
        return None;
    }
    let titles: std::collections::HashSet<usize> = titles.into_iter().collect();
    let mut out = LineWriter::with_capacity(text.len() + 64);
    for (i, line) in lines.iter().enumerate() {
        if titles.contains(&i) {
            out.line(&format!("## {}", line.trim()), i + 1);
            out.line("", i + 1);
        } else {
            out.line(line, i + 1);
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// A line of five or more `-`, `*`, `=`, `_` or `~` and nothing else.
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5
        && t.chars()
            .next()
            .is_some_and(|c| matches!(c, '-' | '*' | '=' | '_' | '~'))
        && t.chars()
            .all(|c| c == t.chars().next().unwrap_or(' ') || c == ' ')
}

/// The index, within the block, of its title line: a short line that is
/// not a sentence, starting a paragraph and followed directly by prose (a
/// heading line of the document may come before it in the first block).
fn titled_block(block: &[&str]) -> Option<usize> {
    // Words from each line to the block's end, summed once: a long block
    // without a title is one pass, not one per line.
    let mut after = vec![0usize; block.len() + 1];
    for i in (0..block.len()).rev() {
        after[i] = after[i + 1] + block[i].split_whitespace().count();
    }
    (0..block.len()).find(|&i| {
        let title = block[i].trim();
        let words = title.split_whitespace().count();
        let starts_paragraph = i == 0 || block[i - 1].trim().is_empty();
        let next_has_text = block.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        starts_paragraph
            && next_has_text
            && (1..=MAX_TITLE_WORDS).contains(&words)
            && !title.ends_with(['.', ':', ',', ';', '?', '!'])
            && !title.starts_with(['-', '*', '+', '>', '|'])
            && after[i + 1] >= MIN_BODY_WORDS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose() -> String {
        "I was auditing a site when the director gave me a hamper, and I took it back inside, reported it the same day, and raised the findings I had found regardless, so the grade dropped and the complaint he made went nowhere because I had written everything down.".to_string()
    }

    #[test]
    fn title_lines_over_prose_between_rules_become_headings() {
        let p = prose();
        let text = format!(
            "Examples\n\nThe hamper\n{p}\n\n-----\n\nThe swab\n{p}\n\n*****\n\nThe recall\n{p}\n"
        );
        let (out, lines) = rewrite(&text).unwrap();
        assert!(out.contains("## The hamper\n\n"), "{out}");
        assert!(out.contains("## The swab\n\n"), "{out}");
        assert!(out.contains("## The recall\n\n"), "{out}");
        assert!(!out.contains("## Examples"), "{out}");
        assert_eq!(lines.len(), out.matches('\n').count());
    }

    #[test]
    fn markdown_with_headings_or_few_blocks_is_left_alone() {
        let p = prose();
        assert!(rewrite(&format!(
            "# Notes\nA title\n{p}\n-----\nB title\n{p}\n-----\nC\n{p}\n"
        ))
        .is_none());
        assert!(rewrite(&format!("A title\n{p}\n-----\nB title\n{p}\n")).is_none());
    }
}
