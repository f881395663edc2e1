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
    fn letters_outside_a_lettered_paragraph_are_left_alone() {
        assert!(rewrite("Reminder: (S) situation (T) task\n\nChoose (A) or (B).\n").is_none());
    }
}
