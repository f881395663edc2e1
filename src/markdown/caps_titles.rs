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

use std::collections::HashSet;

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
    // Quote depth: `>` markers, spaced or not.
    let depth = |i: usize| unquoted(lines[i]).0.matches('>').count();
    let mut titles = Vec::new();
    // Where each titled story ends: the sign-off, a question to the
    // reader, a quoted reply or a signature after its paragraphs, where a
    // `### Notes` heading is put (the rest is reported, not the story's).
    let mut ends = Vec::new();
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
            // Further paragraphs of prose at the title's depth go on with
            // the story; the first other line ends it.
            let mut k = j;
            loop {
                while k < lines.len() && blank(k) && depth(k) == depth(i) {
                    k += 1;
                }
                if k >= lines.len() || capitals_title(unquoted(lines[k]).1) {
                    break;
                }
                let end = (k..lines.len()).find(|&e| blank(e)).unwrap_or(lines.len());
                let prose: usize = (k..end)
                    .map(|e| unquoted(lines[e]).1.split_whitespace().count())
                    .sum();
                // A paragraph goes on with the story when it tells more of
                // it: in the past tense, asking nothing (`Does the data one
                // sound too spreadsheet-y?` is the writer to the mentor).
                let paragraph: Vec<&str> = (k..end).map(|e| unquoted(lines[e]).1).collect();
                let past = paragraph
                    .iter()
                    .flat_map(|l| l.split(|c: char| !c.is_alphanumeric() && c != '\''))
                    .filter(|w| labels::is_past_tense(&w.to_lowercase()))
                    .count();
                let tells = prose >= MIN_STORY_PARAGRAPH_WORDS
                    && past >= MIN_PARAGRAPH_PAST_TENSE
                    && !paragraph.iter().any(|l| l.contains('?'))
                    && (k..end).all(|e| depth(e) == depth(i));
                if !tells {
                    ends.push(k);
                    break;
                }
                k = end;
            }
        }
    }
    // One long story alone under its title is enough.
    if titles.len() < MIN_TITLES && !(titles.len() == 1 && long_story(&lines, titles[0])) {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len() + 16 * titles.len());
    let (titles, ends): (HashSet<usize>, HashSet<usize>) =
        (titles.into_iter().collect(), ends.into_iter().collect());
    for (i, line) in lines.iter().enumerate() {
        let (quote, body) = unquoted(line);
        if ends.contains(&i) {
            // What follows a story (a sign-off, a reply, the next message)
            // is notes, not the story's text.
            out.line(&format!("{quote}### Notes"), i + 1);
            out.line(quote.trim_end(), i + 1);
        }
        if titles.contains(&i) {
            // Named a story: its prose was checked above.
            out.line(&format!("{quote}### Story: {}", body.trim()), i + 1);
        } else {
            out.line(line, i + 1);
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// Whether the paragraph under the title at `i` runs to
/// [`MIN_LONE_STORY_WORDS`] words.
fn long_story(lines: &[&str], i: usize) -> bool {
    let words: usize = lines[i + 1..]
        .iter()
        .map(|l| unquoted(l).1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().count())
        .sum();
    words >= MIN_LONE_STORY_WORDS
}

/// Fewest words of a paragraph that goes on with a story under a title in
/// capitals (a sign-off, `Thanks,` / `Priya`, does not).
const MIN_STORY_PARAGRAPH_WORDS: usize = 12;

/// Fewest verbs in the past tense of a paragraph that goes on with a story.
const MIN_PARAGRAPH_PAST_TENSE: usize = 2;

/// Fewest words of a story alone in an email under a title in capitals.
const MIN_LONE_STORY_WORDS: usize = 60;

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
        assert!(
            out.contains("> ### Story: FAILURE (spring fair)\n"),
            "{out}"
        );
        assert!(out.contains("> ### Story: INFLUENCING\n"), "{out}");
    }

    #[test]
    fn a_short_lone_story_or_labelled_notes_are_left_alone() {
        // One title over a story of 60 words or more is read; a shorter
        // one alone is not.
        assert!(rewrite(&format!("FAILURE\n\n{STORY}\n")).is_some());
        let short = STORY.split(". ").take(2).collect::<Vec<_>>().join(". ");
        assert!(rewrite(&format!("FAILURE\n\n{short}.\n")).is_none());
        let labelled = format!("FAILURE\n\nSituation: {STORY}\n\nCONFLICT\n\n{STORY}\n");
        assert!(rewrite(&labelled).is_none());
        // Capitals over third-person text or a short note: no story.
        assert!(rewrite("AGENDA\n\nCoffee at ten.\n\nLUNCH\n\nSandwiches.\n").is_none());
    }
}
