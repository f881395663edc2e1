//! Stories talked through aloud and transcribed by an app (a voice memo,
//! a recorded practice call): every line opens with a timestamp and often
//! a speaker (`00:00:43 Speaker 1: So the situation was, ...`,
//! `[00:01:23] Ana: ...`), the teller says the parts instead of writing
//! labels ("so the situation was", "my job, um, the task was", "what I
//! actually did was", "end result"), and someone else may cut in ("Do you
//! want a tea?"). Such a document is rewritten as the teller's paragraphs
//! without their stamps, each spoken cue turned into the label it stands
//! for (`Situation: ...`), the other speakers' lines left out.

use std::collections::HashMap;

use super::labels::{self, Part};
use super::{LineWriter, Rewritten};

/// Fewest stamped lines for a document to be read as a transcript.
const MIN_STAMPED: usize = 5;

/// Words from a paragraph's start within which a spoken cue is read.
const CUE_WINDOW: usize = 14;

/// Spoken cues and the labels they stand for, longest first within a part.
const CUES: &[(&str, &str)] = &[
    ("so the situation was", "Situation"),
    ("the situation was", "Situation"),
    ("the situation is", "Situation"),
    ("the context was", "Situation"),
    ("the background was", "Situation"),
    ("the task was", "Task"),
    ("my task was", "Task"),
    ("my job was", "Task"),
    ("what i had to do was", "Task"),
    ("what i actually did was", "Action"),
    ("what i did was", "Action"),
    ("so what i did", "Action"),
    ("what i did", "Action"),
    ("the end result", "Result"),
    ("end result", "Result"),
    ("the result was", "Result"),
    ("the outcome was", "Result"),
    ("the upshot was", "Result"),
    // `So. Situation. This was...`, `Result. Um. No harm...`: the part's
    // name said as a sentence of its own.
    ("situation.", "Situation"),
    ("situation,", "Situation"),
    ("task.", "Task"),
    ("task,", "Task"),
    ("action.", "Action"),
    ("action,", "Action"),
    ("so what did i do", "Action"),
    ("what did i do", "Action"),
    ("result.", "Result"),
    ("result,", "Result"),
    ("result was", "Result"),
    ("result \u{2014}", "Result"),
    ("result -", "Result"),
];

/// The rewritten document; `None` unless it is a timestamped transcript.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let stamped: Vec<Option<&str>> = lines.iter().map(|l| stamp(l)).collect();
    let count = stamped.iter().flatten().count();
    let first = stamped.iter().position(Option::is_some)?;
    let with_text = lines[first..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .count();
    if count < MIN_STAMPED || count * 2 < with_text {
        return None;
    }
    // Speakers are the app's `Speaker 2:` and names that come back; a STAR
    // label or a word said once (`09:40 Note: ...`) is the line's text.
    let mut lines_of: HashMap<&str, usize> = HashMap::new();
    for (name, _) in stamped.iter().flatten().filter_map(|t| named(t)) {
        *lines_of.entry(name).or_default() += 1;
    }
    let is_speaker = |name: &str| {
        (lines_of.get(name).copied().unwrap_or(0) >= 2
            || name.to_ascii_lowercase().starts_with("speaker "))
            && labels::heading_label(name).is_none()
    };
    let stamped: Vec<Option<(Option<&str>, &str)>> = stamped
        .into_iter()
        .map(|s| {
            s.map(|text| match named(text) {
                Some((name, body)) if is_speaker(name) => (Some(name), body),
                _ => (None, text),
            })
        })
        .collect();
    // The teller: the speaker with the most text (no names: one voice).
    let mut spoken: HashMap<&str, usize> = HashMap::new();
    for (name, body) in stamped.iter().flatten() {
        if let Some(name) = name {
            *spoken.entry(name).or_default() += body.len();
        }
    }
    let teller = spoken
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| *name);
    let mut out = LineWriter::with_capacity(text.len());
    let mut keep = true;
    // Each story's heading by its number: `let me try story one again but
    // shorter` tells story one a second time.
    let mut told: HashMap<usize, String> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        match stamped[i] {
            Some((name, body)) => {
                keep = name.is_none() || name == teller;
                out.line("", i + 1);
                if keep {
                    if let Some((heading, rest)) = retelling(body.trim(), &told) {
                        out.line(&heading, i + 1);
                        for piece in at_spoken_cues(rest) {
                            out.line("", i + 1);
                            out.line(&with_label(piece), i + 1);
                        }
                        continue;
                    }
                    let body = body.trim();
                    match (spoken_title(body), spoken_number(body), story_opening(body)) {
                        (Some(title), _, _) => out.line(&format!("## Story: {title}"), i + 1),
                        (None, Some(n), _) => out.line(&format!("## Story {n}"), i + 1),
                        (None, None, Some((n, title, rest))) => {
                            let heading = match title {
                                Some(title) => format!("## Story {n}: {title}"),
                                None => format!("## Story {n}"),
                            };
                            out.line(&heading, i + 1);
                            told.insert(n, heading);
                            for piece in at_spoken_cues(rest) {
                                out.line("", i + 1);
                                out.line(&with_label(piece), i + 1);
                            }
                        }
                        (None, None, None) => {
                            for piece in at_spoken_cues(body) {
                                out.line(&with_label(piece), i + 1);
                            }
                        }
                    }
                }
            }
            None => out.line(if keep || i < first { line } else { "" }, i + 1),
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// The text after the timestamp opening a line: `00:01:23 Speaker 1:
/// text`, `[00:01:23] Ana: text`, `1:23 text`.
fn stamp(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let (clock, rest) = match t.strip_prefix('[') {
        Some(inner) => {
            let close = inner.find(']')?;
            (&inner[..close], &inner[close + 1..])
        }
        None => {
            let end = t.find(' ')?;
            (&t[..end], &t[end..])
        }
    };
    let pieces: Vec<&str> = clock.split(':').collect();
    let is_clock = (2..=3).contains(&pieces.len())
        && pieces
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    if !is_clock {
        return None;
    }
    Some(
        rest.trim_start()
            .trim_start_matches(['-', '\u{2013}', '|'])
            .trim_start(),
    )
}

/// `Speaker 1: text` -> (`Speaker 1`, `text`): a short name before the
/// first colon (a speaker, or a label such as `Situation:`).
fn named(text: &str) -> Option<(&str, &str)> {
    let c = text.find(": ")?;
    let name = &text[..c];
    (!name.is_empty() && name.split_whitespace().count() <= 3 && name.len() <= 30)
        .then(|| (name, &text[c + 2..]))
}

/// Most words of a line that names the next story aloud.
const MAX_TITLE_LINE_WORDS: usize = 10;

/// The story a short line names aloud: `Right, stories. First one,
/// Hogmanay.` -> `Hogmanay`, `Okay, second one, the PMS.` -> `the PMS`,
/// `Where was I. Integrity one.` -> `Integrity`.
pub(crate) fn spoken_title(text: &str) -> Option<String> {
    if text.split_whitespace().count() > MAX_TITLE_LINE_WORDS {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    const ORDINALS: &[&str] = &[
        "first one",
        "second one",
        "third one",
        "fourth one",
        "fifth one",
        "sixth one",
        "next one",
        "last one",
        "another one",
        "story one",
        "story two",
        "story three",
        "story four",
        "story five",
    ];
    let clean = |t: &str| {
        t.trim_matches(|c: char| !c.is_alphanumeric())
            .trim()
            .to_string()
    };
    for ordinal in ORDINALS {
        if let Some(at) = lower.find(ordinal) {
            let title = clean(&text[at + ordinal.len()..]);
            return (!title.is_empty()).then_some(title);
        }
    }
    // `Integrity one.`: the last sentence names it, then `one`.
    let last = text
        .trim_end_matches(['.', '!', ' '])
        .rsplit(['.', '!', '?'])
        .next()?;
    let name = last.trim().strip_suffix(" one")?;
    let words = name.split_whitespace().count();
    // `Integrity one.`, `The PMS one.`; not `We picked the cheaper one.`
    ((1..=2).contains(&words) && !name.to_ascii_lowercase().starts_with("this"))
        .then(|| clean(name))
}

/// A paragraph that opens the next story aloud and goes on telling it:
/// `Story one. This is the, um, the error one. So. Situation. This was...`
/// -> 1, the name said before the telling starts (`error`), and the rest.
fn story_opening(text: &str) -> Option<(usize, Option<String>, &str)> {
    let lower = text.to_ascii_lowercase();
    let lead = ["okay. ", "okay, ", "right. ", "so. ", "um. ", "ok. "]
        .iter()
        .fold(0, |at, filler| {
            if lower[at..].starts_with(filler) {
                at + filler.len()
            } else {
                at
            }
        });
    let after = lower[lead..].strip_prefix("story ")?;
    let word_end = after.find(|c: char| !c.is_alphanumeric())?;
    let word = &after[..word_end];
    let n = said_number(word)?;
    let rest = after[word_end..].strip_prefix(['.', ':', ','])?;
    let mut rest_at = text.len() - rest.len();
    // The name: the short sentences before the first part is named or
    // the telling starts (a long sentence).
    let mut names = Vec::new();
    loop {
        let tail = &text[rest_at..];
        let Some(end) = tail.find(['.', '?', '!']) else {
            break;
        };
        let sentence = tail[..end].trim();
        let low = sentence.to_ascii_lowercase().replace(',', "");
        if CUES.iter().any(|(cue, _)| {
            low.starts_with(cue.trim_end_matches('.'))
                || low
                    .trim_start_matches("so ")
                    .starts_with(cue.trim_end_matches('.'))
        }) {
            break;
        }
        // The telling has begun at a sentence about the past or the
        // teller (`It was 2021.`, `I'd just joined.`).
        // (A quoted question is part of the name: `The "tell me about a
        // mistake you made" one`.)
        let unquoted: String = sentence.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        let telling = unquoted.split_whitespace().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_ascii_lowercase();
            w == "i"
                || w.starts_with("i'")
                || matches!(w.as_str(), "we" | "my" | "our")
                || labels::is_past_tense(&w)
        });
        let name = spoken_name(sentence);
        if telling || name.split_whitespace().count() > MAX_SPOKEN_NAME_WORDS {
            break;
        }
        if !name.is_empty() {
            names.push(name);
        }
        rest_at += end + 1;
    }
    let title = (!names.is_empty()).then(|| names.join(" \u{2014} "));
    Some((n, title, text[rest_at..].trim_start()))
}

/// `Okay, let me try story one again but shorter.`: story one's heading
/// again, as a shorter version of it.
fn retelling<'a>(text: &'a str, told: &HashMap<usize, String>) -> Option<(String, &'a str)> {
    // The first sentence says so; the telling may follow in the same
    // breath (`...again but shorter. Situation. ...`).
    let first_end = text.find(". ").map_or(text.len(), |e| e + 1);
    let (first, rest) = text.split_at(first_end);
    if first.split_whitespace().count() > MAX_TITLE_LINE_WORDS {
        return None;
    }
    let lower = first.to_ascii_lowercase();
    // `story one` as words of their own (not `history one`).
    let at = lower
        .match_indices("story ")
        .find(|&(at, _)| at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric())?
        .0;
    let after = &lower[at + "story ".len()..];
    let word: String = after.chars().take_while(|c| c.is_alphanumeric()).collect();
    let n = said_number(&word)?;
    let again = after[word.len()..].trim_start().starts_with("again");
    let heading = told.get(&n).filter(|_| again)?;
    Some((format!("{heading} (short version)"), rest.trim_start()))
}

/// Most words of a sentence that names a story aloud before telling it.
const MAX_SPOKEN_NAME_WORDS: usize = 8;

/// A spoken name without fillers and pointers: `This is the, um, the error
/// one` -> `error`; `The "tell me about a mistake" one` -> `tell me about
/// a mistake`; `So` -> empty.
fn spoken_name(sentence: &str) -> String {
    const FILLERS: [&str; 9] = ["um", "uh", "er", "erm", "so", "okay", "ok", "right", "like"];
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            !FILLERS.contains(
                &w.to_ascii_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric()),
            )
        })
        .collect();
    let mut words: &[&str] = &words;
    if let [first, second, rest @ ..] = words {
        if first.eq_ignore_ascii_case("this")
            && matches!(second.to_ascii_lowercase().as_str(), "is" | "was")
        {
            words = rest;
        }
    }
    while let [first, rest @ ..] = words {
        if matches!(
            first.to_ascii_lowercase().as_str(),
            "the" | "a" | "it's" | "its"
        ) {
            words = rest;
        } else {
            break;
        }
    }
    if let [rest @ .., last] = words {
        if last.eq_ignore_ascii_case("one") {
            words = rest;
        }
    }
    words
        .join(" ")
        .trim_matches(|c: char| matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\'' | ' '))
        .to_owned()
}

/// Numbers said as words, one to ten.
const NUMBER_WORDS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// The number a word says: `three` or `3` (up to 20).
fn said_number(word: &str) -> Option<usize> {
    NUMBER_WORDS
        .iter()
        .position(|n| *n == word)
        .map(|p| p + 1)
        .or_else(|| word.parse().ok().filter(|n| (1..=20).contains(n)))
}

/// The number a short line says alone to start the next story: `Okay.
/// Three. This one's harder to say out loud.` -> 3.
fn spoken_number(text: &str) -> Option<usize> {
    if text.split_whitespace().count() > MAX_TITLE_LINE_WORDS {
        return None;
    }
    text.split(['.', '!', '?', ','])
        .map(|s| s.trim().to_ascii_lowercase())
        .find_map(|s| said_number(&s))
}

/// A paragraph cut before each later sentence that opens with a spoken
/// cue: `... needs a second signature. End result, no discrepancies
/// since.` -> the two sentences apart, so the cue can label the second.
fn at_spoken_cues(text: &str) -> Vec<&str> {
    let lower = text.to_ascii_lowercase();
    let mut cuts = vec![0];
    for (i, _) in lower.match_indices(". ") {
        let start = i + 2;
        let opens_cue = CUES.iter().any(|(cue, _)| lower[start..].starts_with(cue));
        if opens_cue && start > cuts[cuts.len() - 1] {
            cuts.push(start);
        }
    }
    cuts.push(text.len());
    cuts.windows(2)
        .map(|w| text[w[0]..w[1]].trim())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The part a spoken cue opening `text` names (`what I did, I rang...` ->
/// Action) and the text after the cue.
pub(crate) fn spoken_cue(text: &str) -> Option<(Part, &str)> {
    // ASCII lowercase keeps every byte where it was in `text`.
    let lower = text.to_ascii_lowercase();
    CUES.iter().find_map(|(cue, label)| {
        let after = lower.strip_prefix(cue)?;
        if after.starts_with(char::is_alphanumeric) {
            return None;
        }
        let part = Part::STAR.into_iter().find(|p| p.name() == *label)?;
        let rest = text.get(cue.len()..)?;
        Some((
            part,
            rest.trim_start_matches([',', ':', '-', '\u{2014}', '\u{2013}', '.', ' ']),
        ))
    })
}

/// `So the situation was, it's the 31st...` -> `Situation: it's the 31st...`
/// when a spoken cue opens the paragraph (within its first few words).
fn with_label(text: &str) -> String {
    // ASCII lowercase keeps every byte where it was in `text`.
    let lower = text.to_ascii_lowercase();
    // Byte offsets of word starts within the window.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(lower.match_indices(' ').map(|(i, _)| i + 1))
        .take(CUE_WINDOW)
        .collect();
    for &at in &starts {
        for (cue, label) in CUES {
            let Some(after) = lower.get(at..).filter(|l| l.starts_with(cue)) else {
                continue;
            };
            let end = at + cue.len();
            // The cue ends a word: `what i did was`, not `what i didn't`.
            if after[cue.len()..].starts_with(char::is_alphanumeric) {
                continue;
            }
            let Some(rest) = text.get(end..) else {
                continue;
            };
            let rest = rest.trim_start_matches([',', ':', '-', '\u{2014}', '\u{2013}', '.', ' ']);
            return format!("{label}: {rest}");
        }
    }
    // `Result. Go-live was...`: a bare part word opening the paragraph.
    for label in ["Situation", "Task", "Action", "Result"] {
        let word = label.to_lowercase();
        if lower.starts_with(&word) && lower[word.len()..].starts_with(['.', ',', ':']) {
            return format!("{label}: {}", text[word.len() + 1..].trim_start());
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_story_opened_aloud_is_named_by_what_is_said_before_its_telling() {
        let (n, title, rest) = story_opening(
            "Story two. Pressure. Tight deadline. Flu clinic. So, the situation was we had three weeks.",
        )
        .expect("opens a story");
        assert_eq!(n, 2);
        assert_eq!(
            title.as_deref(),
            Some("Pressure \u{2014} Tight deadline \u{2014} Flu clinic")
        );
        assert!(rest.starts_with("So, the situation was"), "{rest}");
        let (_, title, _) = story_opening(
            "Okay, story one. This is the, um, the rota one. Situation. We were short.",
        )
        .expect("opens a story");
        assert_eq!(title.as_deref(), Some("rota"));
        assert!(story_opening("The story one of my colleagues told was long.").is_none());
        // The telling's own first sentences are no name.
        let (_, title, rest) =
            story_opening("Story three. It was 2021. I'd just joined. So the situation was grim.")
                .expect("opens a story");
        assert_eq!(title, None);
        assert!(rest.starts_with("It was 2021."), "{rest}");
        let told = HashMap::from([(1, "## Story 1: rota".to_owned())]);
        assert_eq!(
            retelling("Okay, let me try story one again but shorter.", &told),
            Some(("## Story 1: rota (short version)".to_owned(), ""))
        );
        assert_eq!(
            retelling("Story one again. Situation. Short staffed.", &told),
            Some((
                "## Story 1: rota (short version)".to_owned(),
                "Situation. Short staffed."
            ))
        );
        assert_eq!(retelling("Story two again.", &told), None);
    }

    #[test]
    fn the_tellers_lines_lose_their_stamps_and_say_their_parts() {
        let text = "Interview ramble\n\n00:00:02 Speaker 1: Right, stories. First one, Hogmanay.\n\n00:00:43 Speaker 1: So the situation was, we were nine rooms short.\n\n00:01:07 Speaker 1: My job, um, the task was basically to decide who we walk.\n\n00:01:19 Speaker 1: So what I actually did was — I rang our sister hotel.\n\n00:01:30 Speaker 2: Do you want a tea?\n\n00:01:52 Speaker 1: End result, seven of the nine came back.\n";
        let (out, lines) = rewrite(text).unwrap();
        assert!(out.contains("\n## Story: Hogmanay\n"), "{out}");
        assert!(
            out.contains("\nSituation: we were nine rooms short.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nTask: basically to decide who we walk.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nAction: I rang our sister hotel.\n"),
            "{out}"
        );
        assert!(
            out.contains("\nResult: seven of the nine came back.\n"),
            "{out}"
        );
        assert!(!out.contains("tea"), "{out}");
        assert!(out.starts_with("Interview ramble\n"), "{out}");
        assert_eq!(lines.len(), out.matches('\n').count());
    }

    #[test]
    fn a_short_line_names_the_next_story() {
        assert_eq!(
            spoken_title("Okay, second one, the PMS.").as_deref(),
            Some("the PMS")
        );
        assert_eq!(
            spoken_title("Okay. Where was I. Integrity one.").as_deref(),
            Some("Integrity")
        );
        assert_eq!(
            spoken_title("Three. This one's harder to say out loud."),
            None
        );
        assert_eq!(spoken_title("Yes please. Milk, no sugar."), None);
        assert_eq!(
            spoken_number("Okay. Three. This one's harder to say out loud."),
            Some(3)
        );
        assert_eq!(spoken_number("Yes please. Milk, no sugar."), None);
    }

    #[test]
    fn a_cue_inside_a_paragraph_starts_its_part() {
        assert_eq!(
            at_spoken_cues("I changed the process. End result, no discrepancies since."),
            [
                "I changed the process.",
                "End result, no discrepancies since."
            ]
        );
        assert_eq!(
            at_spoken_cues("It rained. We left."),
            ["It rained. We left."]
        );
    }

    #[test]
    fn labels_and_names_said_once_are_text_not_speakers() {
        let text = "09:00 Situation: build red\n09:10 Task: fix it\n09:20 Action: bisected and reverted the bad commit\n09:30 Result: green\n09:40 Note: wrote it up\n";
        let (out, _) = rewrite(text).unwrap();
        assert!(out.contains("Situation: build red"), "{out}");
        assert!(out.contains("Result: green"), "{out}");
        assert!(out.contains("Note: wrote it up"), "{out}");
        assert_eq!(spoken_title("We picked the cheaper one."), None);
    }

    #[test]
    fn notes_with_a_few_times_are_not_a_transcript() {
        assert!(rewrite("Agenda\n09:00 standup\n10:30 review\nNotes follow.\n").is_none());
        assert_eq!(stamp("12:30 Ana: hi"), Some("Ana: hi"));
        assert_eq!(named("Ana: hi"), Some(("Ana", "hi")));
        assert_eq!(stamp("[1:02:03] hello"), Some("hello"));
        assert_eq!(stamp("2024: a year"), None);
    }
}
