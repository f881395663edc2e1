//! One story told under several headings, each naming the story and a
//! part: `# 1. Medical diversion — Situation & Task`, then `# 1. Medical
//! diversion — Action`, then `# ... — Result` (a slide deck, or a document
//! with a section per part), and `## The captain (cont.)` after `## The
//! captain`. The headings are rewritten so the story reads as one: its
//! title once, each part a heading one level deeper, and a `(cont.)`
//! heading dropped, as its text goes on the section before it.

use super::labels;
use super::{LineWriter, Rewritten};

/// The rewritten document; `None` when no story is split this way.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let headings: Vec<Option<Heading>> = lines.iter().map(|l| heading(l)).collect();
    // A title split this way at least twice, with a part named each time.
    let mut counts: std::collections::HashMap<String, usize> = Default::default();
    for h in headings.iter().flatten() {
        if h.part.is_some() {
            *counts.entry(h.key.clone()).or_insert(0) += 1;
        }
    }
    let mut out = LineWriter::with_capacity(text.len() + 64);
    let mut changed = false;
    let mut previous: Option<&Heading> = None;
    for (i, line) in lines.iter().enumerate() {
        let Some(h) = &headings[i] else {
            out.line(line, i + 1);
            continue;
        };
        // (`# Story A: Warehouse flood` then `# Story A: what I did`: the
        // same story by its letter or number.)
        let same_story = previous.is_some_and(|p| {
            p.level == h.level && (p.key == h.key || (p.number.is_some() && p.number == h.number))
        });
        // Named twice, or right after the story's own heading (`Coaching
        // Jade`, then `Coaching Jade — what I did`).
        let split = counts.get(&h.key).copied().unwrap_or(0) >= 2 || same_story;
        if h.continued && same_story {
            // `(cont.)`: the text goes on the section before.
            changed = true;
            out.line("", i + 1);
        } else if let (Some(part), true) = (&h.part, split) {
            changed = true;
            let hashes = "#".repeat(h.level);
            if !same_story {
                out.line(&format!("{hashes} {}", h.title), i + 1);
                out.line("", i + 1);
            }
            out.line(&format!("{hashes}# {}", part_heading(part)), i + 1);
        } else {
            out.line(line, i + 1);
        }
        previous = Some(h);
    }
    changed.then(|| out.finish(text.ends_with('\n')))
}

struct Heading {
    level: usize,
    /// The heading without its part or `(cont.)`.
    title: String,
    /// `title` lowercased, for comparing.
    key: String,
    /// `Situation & Task`, `Action`: the parts named after the title.
    part: Option<String>,
    /// The story's number or letter (`Story A: ...` is 1).
    number: Option<u32>,
    continued: bool,
}

/// An ATX heading, with the part it names after a dash or colon.
fn heading(line: &str) -> Option<Heading> {
    let level = line.bytes().take_while(|&b| b == b'#').count();
    if !(1..=5).contains(&level) {
        return None;
    }
    let text = line[level..]
        .strip_prefix(' ')?
        .trim()
        .trim_end_matches('#')
        .trim();
    let (text, continued) = strip_continued(text);
    let mut title = text.to_string();
    let mut part = None;
    for separator in [" \u{2014} ", " \u{2013} ", " - ", ": ", " | "] {
        if let Some((head, tail)) = text.rsplit_once(separator) {
            if names_parts(tail) && head.chars().any(char::is_alphabetic) {
                title = head.trim().to_string();
                part = Some(tail.trim().to_string());
                break;
            }
        }
    }
    let key = title.to_lowercase();
    let number = labels::story_prefix(text).and_then(|p| p.number);
    Some(Heading {
        level,
        title,
        key,
        part,
        number,
        continued,
    })
}

/// `Title (cont.)`, `Title (continued)`, `Title contd` -> (`Title`, true).
fn strip_continued(text: &str) -> (&str, bool) {
    let lower = text.to_lowercase();
    for tail in [
        "(cont.)",
        "(cont)",
        "(contd)",
        "(cont'd)",
        "(continued)",
        "- continued",
        "\u{2013} continued",
        "\u{2014} continued",
        "cont'd",
        "contd",
    ] {
        if lower.ends_with(tail) {
            let Some(head) = text.get(..text.len().saturating_sub(tail.len())) else {
                continue;
            };
            let head = head.trim_end();
            if head.chars().any(char::is_alphabetic) {
                return (head, true);
            }
        }
    }
    (text, false)
}

/// `Action`, `Situation & Task`, `S & T`, `what I did / what happened`:
/// every piece a STAR label and nothing else.
fn names_parts(text: &str) -> bool {
    let pieces: Vec<&str> = text
        .split(['&', '/', '+', ','])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .collect();
    !pieces.is_empty()
        && pieces.iter().all(|p| {
            !p.is_empty()
                && labels::heading_label(p).is_some_and(|(_, rest)| rest.trim().is_empty())
        })
}

/// The heading for a part named after a title: as written when it reads
/// as a label (`Situation & Task`), else the first part's name (`S & T`
/// -> `Situation`).
fn part_heading(part: &str) -> String {
    if labels::heading_label(part).is_some() {
        return part.to_string();
    }
    part.split(['&', '/', '+', ','])
        .find_map(|p| labels::heading_label(p.trim()))
        .map_or_else(|| part.to_string(), |(p, _)| p.name().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_split_over_part_headings_reads_as_one() {
        let deck = "# 1. Medical diversion — Situation & Task\n- 212 pax\n\n---\n\n# 1. Medical diversion — Action\n- PA\n\n# 1. Medical diversion — Result\n- Landed\n";
        let (text, _) = rewrite(deck).unwrap();
        assert_eq!(
            text,
            "# 1. Medical diversion\n\n## Situation & Task\n- 212 pax\n\n---\n\n## Action\n- PA\n\n## Result\n- Landed\n"
        );
    }

    #[test]
    fn a_continued_heading_goes_on_the_section_before() {
        let notes = "## The captain\nS: A stag group.\n\n## The captain (cont.)\nA: I went up.\n";
        let (text, _) = rewrite(notes).unwrap();
        assert_eq!(
            text,
            "## The captain\nS: A stag group.\n\n\nA: I went up.\n"
        );
    }

    #[test]
    fn a_part_heading_after_the_storys_own_heading_continues_it() {
        let notes = "# Coaching Jade\n- Her PAs shook.\n\n# Coaching Jade — what I did\n- Practised with her.\n";
        let (text, _) = rewrite(notes).unwrap();
        assert_eq!(
            text,
            "# Coaching Jade\n- Her PAs shook.\n\n## what I did\n- Practised with her.\n"
        );
    }

    #[test]
    fn one_part_heading_or_a_dash_in_a_title_is_left_alone() {
        assert!(rewrite("## Outage - Action\ntext\n## Other - Result\n").is_none());
        assert!(rewrite("## Cost - what we saved\n").is_none());
    }
}
