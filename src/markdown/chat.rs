//! Stories drafted in a chat and exported from it (WhatsApp's "Export
//! chat": `[14/03/2025, 21:07:41] Marta: STORY 1 - ...` on iPhone,
//! `14/03/2025, 21:07 - Marta: ...` on Android): every message starts with
//! a date, a time and its sender, a long message runs on over several
//! lines, and the friend's replies and the app's own notices sit between
//! the stories. Such a document is rewritten first: the writer's messages
//! (the sender who wrote the most) as paragraphs without their stamps, the
//! other senders' messages, the app's notices and the writer's one-line
//! asides ("Too long??") as blank lines; every line keeps its source line.

use std::collections::HashMap;

use super::labels;
use super::{LineWriter, Rewritten};

/// Fewest stamped messages for a document to be read as a chat export.
const MIN_MESSAGES: usize = 5;

/// A message of the writer's with fewer words, on one line, is an aside
/// to the friend, not part of a story.
const MIN_KEPT_WORDS: usize = 8;

/// Longest sender name read before a message's `: `.
const MAX_NAME_CHARS: usize = 40;

/// The rewritten document and, for each of its lines, the 1-based source
/// line; `None` for a document that is not a chat export.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    // Each line that starts a message: its sender (none for the app's own
    // notices, `14/03/2025, 21:07 - Kay added Marta`) and text.
    let stamped: Vec<Option<(Option<&str>, &str)>> = lines.iter().map(|l| message(l)).collect();
    let count = stamped.iter().flatten().count();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    if count < MIN_MESSAGES || stamped[first].is_none() {
        return None;
    }
    // The writer: the sender with the most text.
    let mut written: HashMap<&str, usize> = HashMap::new();
    let mut sender: Option<&str> = None;
    for (line, stamp) in lines.iter().zip(&stamped) {
        let text = match stamp {
            Some((name, text)) => {
                sender = *name;
                text
            }
            None => line,
        };
        if let Some(name) = sender {
            *written.entry(name).or_default() += text.trim().len();
        }
    }
    let writer = written
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(name, _)| *name)?;
    let mut out = LineWriter::with_capacity(text.len());
    let mut keep = false;
    for (i, (line, stamp)) in lines.iter().zip(&stamped).enumerate() {
        match stamp {
            Some((name, body)) => {
                let body = body.trim();
                // One line when the next line with text starts another
                // message (or there is none).
                let one_line = lines[i + 1..]
                    .iter()
                    .zip(&stamped[i + 1..])
                    .find(|(l, _)| !l.trim().is_empty())
                    .is_none_or(|(_, s)| s.is_some());
                let aside = one_line
                    && body.split_whitespace().count() < MIN_KEPT_WORDS
                    && labels::line_label(body, None, false).is_none()
                    && labels::story_prefix(body).is_none();
                keep = *name == Some(writer) && !is_notice(body) && !aside;
                out.line("", i + 1);
                out.line(if keep { body } else { "" }, i + 1);
            }
            None => out.line(if keep { line } else { "" }, i + 1),
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// The sender (none for a notice of the app's) and text of a line that
/// starts a message, `None` for a line that goes on with one.
fn message(line: &str) -> Option<(Option<&str>, &str)> {
    let line = line.trim_start_matches(['\u{200e}', '\u{200f}', '\u{feff}', ' ']);
    let rest = if let Some(inner) = line.strip_prefix('[') {
        let close = inner.find(']')?;
        is_stamp(&inner[..close]).then(|| &inner[close + 1..])?
    } else {
        // `14/03/2025, 21:07 - `: the dash within the first few bytes.
        let mut head = MAX_STAMP_BYTES.min(line.len());
        while !line.is_char_boundary(head) {
            head -= 1;
        }
        let dash = line[..head].find(" - ")?;
        is_stamp(&line[..dash]).then(|| &line[dash + 3..])?
    };
    let rest = rest.trim_start_matches(['\u{200e}', ' ']);
    let named = rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
        .map(|colon| (rest[..colon].trim(), colon))
        .filter(|(name, _)| !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS);
    Some(match named {
        Some((name, colon)) => (Some(name), rest.get(colon + 2..).unwrap_or("")),
        None => (None, rest),
    })
}

/// Most bytes of an Android stamp before its ` - `.
const MAX_STAMP_BYTES: usize = 32;

/// `14/03/2025, 21:07:41`, `3/14/25, 9:07 PM`, `2025-03-14 21:07`: a date
/// of digits and separators, then a time.
fn is_stamp(text: &str) -> bool {
    let text = text.trim();
    let Some((date, time)) = text.split_once([',', ' ']) else {
        return false;
    };
    let date_ok = date.len() >= 6
        && date
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))
        && date.chars().filter(char::is_ascii_digit).count() >= 4;
    let time = time.trim();
    let clock = time.split_whitespace().next().unwrap_or("");
    let time_ok = clock.contains(':')
        && clock.chars().all(|c| c.is_ascii_digit() || c == ':')
        && time.split_whitespace().skip(1).all(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "am" | "pm" | "a.m." | "p.m."
            )
        });
    date_ok && time_ok
}

/// The app's own lines: attachments left out, deleted or encrypted
/// messages.
fn is_notice(text: &str) -> bool {
    const NOTICES: &[&str] = &[
        // `image omitted` (iPhone), `<Media omitted>` (Android).
        "omitted",
        "this message was deleted",
        "you deleted this message",
        "end-to-end encrypted",
        "missed voice call",
        "missed video call",
    ];
    let lower = text.to_lowercase();
    text.starts_with('\u{200e}') || NOTICES.iter().any(|n| lower.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_writers_messages_stay_and_the_rest_go() {
        let text = "[12/03/2025, 19:44:02] Kay: \u{200e}Messages and calls are end-to-end encrypted.\n[14/03/2025, 21:07:41] Marta: STORY 1 - the wedding overbooking\nS - we were full and had overbooked by four rooms that night\nT - I was duty manager\n[14/03/2025, 21:09:12] Marta: A - took them to the lounge and found a room\nR - in their room by 11:40\n[14/03/2025, 21:11:55] Kay: Good!! Add the numbers\n[14/03/2025, 21:12:20] Marta: Zero walks on wedding nights for the rest of the year after that\n[14/03/2025, 21:12:31] Marta: Too long??\n[14/03/2025, 21:30:02] Kay: \u{200e}image omitted\n";
        let (out, map) = rewrite(text).expect("a chat");
        assert_eq!(
            out,
            "\n\n\nSTORY 1 - the wedding overbooking\nS - we were full and had overbooked by four rooms that night\nT - I was duty manager\n\nA - took them to the lounge and found a room\nR - in their room by 11:40\n\n\n\nZero walks on wedding nights for the rest of the year after that\n\n\n\n\n"
        );
        assert_eq!(map.len(), out.matches('\n').count());
        assert_eq!(map, [1, 1, 2, 2, 3, 4, 5, 5, 6, 7, 7, 8, 8, 9, 9, 10, 10]);
    }

    #[test]
    fn an_android_export_with_a_message_in_paragraphs_keeps_all_of_it() {
        let text = "14/03/2025, 21:00 - Messages and calls are end-to-end encrypted.\n14/03/2025, 21:01 - Kay added Sam\n14/03/2025, 21:02 - Sam: STORY 2 - kitchen fire\n\nS - the fryer caught fire during the Friday rush\nR - sales up 20%\n14/03/2025, 21:03 - Kay: wow\n14/03/2025, 21:04 - Sam: R - nobody hurt\n14/03/2025, 21:05 - Kay: ok\n";
        let (out, _) = rewrite(text).expect("a chat");
        assert!(
            out.contains("STORY 2 - kitchen fire\n\nS - the fryer"),
            "{out}"
        );
        assert!(out.contains("R - nobody hurt"), "{out}");
        assert!(!out.contains("Kay added"), "{out}");
        assert!(!out.contains("wow"), "{out}");
    }

    #[test]
    fn android_stamps_are_read_and_prose_is_not_a_chat() {
        assert_eq!(
            message("14/03/2025, 21:07 - Marta: STORY 1"),
            Some((Some("Marta"), "STORY 1"))
        );
        assert_eq!(
            message("[3/14/25, 9:07:41 PM] Marta: hi"),
            Some((Some("Marta"), "hi"))
        );
        assert_eq!(
            message("14/03/2025, 21:07 - \u{41c}\u{430}\u{440}\u{438}\u{44f} \u{418}\u{432}\u{430}\u{43d}\u{43e}\u{432}\u{430}: hi"),
            Some((Some("\u{41c}\u{430}\u{440}\u{438}\u{44f} \u{418}\u{432}\u{430}\u{43d}\u{43e}\u{432}\u{430}"), "hi"))
        );
        // The app's own notice has a stamp and no sender.
        assert_eq!(
            message("14/03/2025, 21:07 - Kay added Marta"),
            Some((None, "Kay added Marta"))
        );
        assert_eq!(message("[1] Situation: text"), None);
        assert_eq!(message("2024 - Result: we shipped"), None);
        assert!(rewrite("Situation: a\nTask: b\n").is_none());
    }
}
