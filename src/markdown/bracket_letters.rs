//! Stories written as paragraphs with bracketed letters for their parts,
//! `(S) ... (T) ... (A) ... (R) ...` or `[S] ... [T] ...`, often run on
//! over a second line: `He agreed and changed it. [R] The levels settled.`
//! A paragraph whose first line opens with such a letter has its later
//! lines broken before each letter, so that every part starts a line as
//! the first one does (a letter inside the first line is already read).

use super::{LineWriter, Rewritten};

/// The rewritten document and, for each of its lines, the 1-based source
/// line; `None` when no continuation line holds a bracketed letter.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = LineWriter::with_capacity(text.len() + 64);
    let mut in_lettered = false;
    let mut changed = false;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            in_lettered = false;
            out.line(line, i + 1);
            continue;
        }
        if opens_with_letter(trimmed) {
            in_lettered = true;
            out.line(line, i + 1);
            continue;
        }
        // `I was on call (S). My job was to ... (T).`: the letters close
        // their parts; each part is written as a line that opens with its
        // letter, as the leading style is.
        if let Some(parts) = trailing_letters(line) {
            changed = true;
            for part in parts {
                out.line(&part, i + 1);
            }
            continue;
        }
        if !in_lettered {
            out.line(line, i + 1);
            continue;
        }
        let cuts = letter_positions(line);
        if cuts.is_empty() {
            out.line(line, i + 1);
            continue;
        }
        changed = true;
        let mut from = 0;
        for cut in cuts {
            out.line(line[from..cut].trim_end(), i + 1);
            from = cut;
        }
        out.line(&line[from..], i + 1);
    }
    changed.then(|| out.finish(text.ends_with('\n')))
}

/// A line telling a story with each part's letter after it: `Priya asked
/// to move into iOS (S). My manager asked me to ... (T). I set up ...
/// (A). She shipped in week 9 (R).`, with three or more of the four
/// letters, in STAR order, each right before a sentence end. Returns one
/// line per part, opening with its letter; text after the last letter
/// joins the last part, and an `A:` answer marker before the first is
/// dropped.
fn trailing_letters(line: &str) -> Option<Vec<String>> {
    let b = line.as_bytes();
    let mut marks: Vec<(usize, u8)> = Vec::new();
    for (i, _) in line.match_indices(['(', '[']) {
        let letter = b.get(i + 1).map(u8::to_ascii_uppercase);
        let close = if b[i] == b'(' { b')' } else { b']' };
        let closes = b.get(i + 2) == Some(&close);
        let before_space = i > 0 && b[i - 1] == b' ' && i > 1 && b[i - 2] != b' ';
        let after_end = b
            .get(i + 3)
            .is_none_or(|c| matches!(c, b'.' | b',' | b';' | b':' | b'!' | b' '));
        match letter {
            Some(l @ (b'S' | b'T' | b'A' | b'R')) if closes && before_space && after_end => {
                marks.push((i, l));
            }
            _ => {}
        }
    }
    let order = |l: u8| b"STAR".iter().position(|&c| c == l).unwrap_or(0);
    let ordered = marks.windows(2).all(|w| order(w[0].1) < order(w[1].1));
    if marks.len() < 3 || !ordered || marker_at(line.trim_start(), 0) {
        return None;
    }
    // Each letter ends its part: punctuation or the line's end right after
    // it (`iOS (S). My manager...`). A letter followed by its text (`(S)
    // After committee...`) opens its part instead: the leading style.
    let ends = marks.iter().all(|&(i, _)| {
        line[i + 3..].trim_end().is_empty() || line[i + 3..].starts_with(['.', ',', ';', ':', '!'])
    });
    if !ends {
        return None;
    }
    let mut parts = Vec::new();
    let mut from = 0;
    for &(i, letter) in &marks {
        // `(S), so I had to...`: the comma after a letter is not the next
        // part's.
        let mut text = line[from..i]
            .trim()
            .trim_start_matches([',', ';', ':'])
            .trim_start();
        if from == 0 {
            for marker in ["**A:**", "**A**:", "A:", "**Answer:**", "Answer:"] {
                if let Some(rest) = text.strip_prefix(marker) {
                    text = rest.trim_start();
                    break;
                }
            }
        }
        // `Use STAR: Situation (S), Task (T), ...` explains the method:
        // every part tells something, in a few words at least.
        if text.split_whitespace().count() < MIN_PART_WORDS {
            return None;
        }
        parts.push(format!("({}) {}", letter as char, text));
        from = (i + 3).min(line.len());
        // The sentence end after the letter stays with its part.
        if line[from..].starts_with(['.', '!', ';']) {
            if let Some(last) = parts.last_mut() {
                last.push_str(&line[from..=from]);
            }
            from += 1;
        }
    }
    let rest = line[from..].trim_start_matches([',', ';', ':']).trim();
    if !rest.is_empty() {
        if let Some(last) = parts.last_mut() {
            last.push(' ');
            last.push_str(rest);
        }
    }
    Some(parts)
}

/// Fewest words of a part closed by its letter (see [`trailing_letters`]).
const MIN_PART_WORDS: usize = 3;

/// `(S) text` or `[T] text`.
fn opens_with_letter(text: &str) -> bool {
    marker_at(text, 0)
}

/// Byte offsets of ` (T) `-style letters after a sentence end or a space,
/// not at the line's start.
fn letter_positions(line: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    for (i, c) in line.char_indices() {
        if c == ' ' && marker_at(line, i + 1) && !line[..i].trim().is_empty() {
            cuts.push(i + 1);
        }
    }
    cuts
}

/// A STAR letter in round or square brackets at `at`, then a space or the end.
fn marker_at(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    let Some(&open) = b.get(at) else {
        return false;
    };
    let close = match open {
        b'(' => b')',
        b'[' => b']',
        _ => return false,
    };
    b.get(at + 1)
        .is_some_and(|l| matches!(l.to_ascii_uppercase(), b'S' | b'T' | b'A' | b'R'))
        && b.get(at + 2) == Some(&close)
        && b.get(at + 3).is_none_or(|c| *c == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_letter_on_a_continuation_line_starts_its_own_line() {
        let (text, lines) =
            rewrite("1. Title\n[S] It broke. [A] I fixed it.\nIt held. [R] Fine.\n").unwrap();
        assert_eq!(
            text,
            "1. Title\n[S] It broke. [A] I fixed it.\nIt held.\n[R] Fine.\n"
        );
        assert_eq!(lines, [1, 2, 3, 3]);
    }

    #[test]
    fn letters_after_their_parts_start_the_parts_lines() {
        let (text, lines) = rewrite(
            "## Q: growth\n\n**A:** Priya asked to move into iOS (S). I had a quarter to get her shipping (T). We paired twice a week (A). She shipped in week 9 (R). Three more followed.\n",
        )
        .unwrap();
        assert_eq!(
            text,
            "## Q: growth\n\n(S) Priya asked to move into iOS.\n(T) I had a quarter to get her shipping.\n(A) We paired twice a week.\n(R) She shipped in week 9. Three more followed.\n"
        );
        assert_eq!(lines, [1, 2, 3, 3, 3, 3]);
        // Options (A) and (B), or one letter, are no story.
        assert!(rewrite("Pick plan (A) or plan (B).\n").is_none());
        assert!(rewrite("We chose the cheaper vendor (A). Then we waited.\n").is_none());
        assert!(rewrite("Use STAR: Situation (S), Task (T), Action (A), Result (R).\n").is_none());
        let (text, _) = rewrite(
            "We were short of nurses on nights (S), so I had to cover the rota (T), I rebuilt it with the bank team (A), and gaps halved in a month (R).\n",
        )
        .unwrap();
        assert!(
            text.contains("\n(T) so I had to cover the rota\n"),
            "{text}"
        );
        // Letters before their text, after a title, are the leading style.
        assert!(
            rewrite("4. **Title** (S) It broke. (T) Fix it. (A) I fixed it. (R) Fine.\n").is_none()
        );
    }

    #[test]
    fn letters_outside_a_lettered_paragraph_are_left_alone() {
        assert!(rewrite("Reminder: (S) situation (T) task\n\nChoose (A) or (B).\n").is_none());
    }
}
