//! Stories told as prose, each under a title typed in capitals on a line
//! of its own, as an email to a mentor or a plain-text file holds them
//! (quoted replies included):
//!
//! ```text
//! > LEARNING FROM FAILURE (the spring fair)
//! >
//! > In 2023 I ran the spring fair for the first time and ...
//! ```
//!
//! Each such line becomes a `###` heading (inside the quote, if quoted),
//! so that its prose is read as a story when it tells one.

use super::labels;
use super::{LineWriter, Rewritten};

/// Fewest titled stories for the document to be read this way.
const MIN_TITLES: usize = 2;

/// Most words of a title in capitals (a bracket after it not counted).
const MAX_TITLE_WORDS: usize = 8;

/// Fewest letters of a title in capitals (`OK`, `PS` are no titles).
const MIN_TITLE_LETTERS: usize = 5;

/// Fewest words of the paragraph under a title.
const MIN_BODY_WORDS: usize = 40;

/// The rewritten document; `None` when it is not kept this way.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    // Headings or STAR labels anywhere: the document has its structure.
    if lines.iter().any(|l| {
        let body = unquoted(l).1;
        body.trim_start().starts_with('#') || labels::line_label(body.trim(), None, false).is_some()
    }) {
        return None;
    }
    let blank = |i: usize| unquoted(lines[i]).1.trim().is_empty();
    let mut titles = Vec::new();
    for i in 0..lines.len() {
        if !capitals_title(unquoted(lines[i]).1) || (i > 0 && !blank(i - 1)) {
            continue;
        }
        let mut j = i + 1;
        while j < lines.len() && blank(j) {
            j += 1;
        }
        let mut words = 0;
        let mut first_person = 0;
        while j < lines.len() && !blank(j) && !capitals_title(unquoted(lines[j]).1) {
            for word in unquoted(lines[j]).1.split_whitespace() {
                words += 1;
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                first_person += usize::from(matches!(word, "I" | "my" | "My" | "we" | "We"));
            }
            j += 1;
        }
        if words >= MIN_BODY_WORDS && first_person >= 2 {
            titles.push(i);
        }
    }
    if titles.len() < MIN_TITLES {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len() + 8 * titles.len());
    let mut next = titles.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        if next.peek() == Some(&&i) {
            next.next();
            let (quote, body) = unquoted(line);
            out.line(&format!("{quote}### {}", body.trim()), i + 1);
        } else {
            out.line(line, i + 1);
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// A line's quote markers (`> `, `>> `) and the rest.
fn unquoted(line: &str) -> (&str, &str) {
    let body = line.trim_start_matches(['>', ' ']);
    let quote = &line[..line.len() - body.len()];
    if quote.contains('>') {
        (quote, body)
    } else {
        ("", line)
    }
}

/// `LEARNING FROM FAILURE (gala - v2)`, `INFLUENCING`: a short line in
/// capitals, a bracket after it in any case, no sentence.
fn capitals_title(line: &str) -> bool {
    let text = line.trim();
    let head = match text.strip_suffix(')').and_then(|inner| inner.rfind('(')) {
        Some(open) => text[..open].trim_end(),
        None => text,
    };
    let words = head.split_whitespace().count();
    let letters = head.chars().filter(|c| c.is_alphabetic()).count();
    (1..=MAX_TITLE_WORDS).contains(&words)
        && letters >= MIN_TITLE_LETTERS
        && head
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && head.starts_with(|c: char| c.is_alphabetic())
        && !head.ends_with(['.', ':', ',', ';', '?', '!'])
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "In 2023 I ran the spring fair for the first time and booked the big hall as we always had, although early sales were slow. I set no point to decide on a smaller format, so when a cup final fell on the same day we sold half the tickets. Afterwards I phoned our regular stallholders and we moved to four small evenings.";

    #[test]
    fn quoted_titles_in_capitals_over_first_person_prose_become_headings() {
        let text = format!(
            "Hi Sam,\n\n> FAILURE (spring fair)\n>\n> {STORY}\n>\n> INFLUENCING\n>\n> {STORY}\n>\n> Thanks!\n"
        );
        let (out, _) = rewrite(&text).expect("rewritten");
        assert!(out.contains("> ### FAILURE (spring fair)\n"), "{out}");
        assert!(out.contains("> ### INFLUENCING\n"), "{out}");
    }

    #[test]
    fn one_title_or_labelled_notes_are_left_alone() {
        assert!(rewrite(&format!("FAILURE\n\n{STORY}\n")).is_none());
        let labelled = format!("FAILURE\n\nSituation: {STORY}\n\nCONFLICT\n\n{STORY}\n");
        assert!(rewrite(&labelled).is_none());
        // Capitals over third-person text or a short note: no story.
        assert!(rewrite("AGENDA\n\nCoffee at ten.\n\nLUNCH\n\nSandwiches.\n").is_none());
    }
}
