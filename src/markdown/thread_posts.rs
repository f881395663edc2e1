//! Stories drafted as a numbered thread of short posts (`🧵 2/13`, `2/`,
//! `(2/9)` on a line of its own or opening the post): a story runs on
//! over several posts. The post numbers are dropped, so the posts read as
//! the paragraphs of one text, trailing hashtags (`#retail #careers`)
//! are left out of the prose, and a post that opens a story (`Story 2 —
//! customer care. Mrs Ellis, 81, ...`) gives it a heading of its name.

use super::labels;
use super::{LineWriter, Rewritten};

/// Fewest numbered posts for a document to be read as a thread.
const MIN_POSTS: usize = 4;

/// The rewritten document; `None` when it is not a thread.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let posts: Vec<Option<Post>> = lines.iter().map(|l| post(l)).collect();
    // A thread counts up from 1 (`1/`, `2/`, `3/` ...), each run once;
    // dates such as `1/3`, `1/4` do not.
    let mut previous = 0;
    let mut in_order = 0;
    let mut starts = 0;
    for n in posts.iter().flatten().map(|p| p.number) {
        if n == 1 && previous != 1 {
            starts += 1;
            in_order += 1;
        } else if n == previous + 1 {
            in_order += 1;
        }
        previous = n;
    }
    // And it looks like one: the thread mark, bare `n/` numbers, or posts
    // numbered out of the total they reach (`1/4` ... `4/4`).
    let marked = posts.iter().flatten().filter(|p| p.marked).count();
    let bare = posts.iter().flatten().filter(|p| p.total.is_none()).count();
    let reaches_total = posts.iter().flatten().any(|p| p.total == Some(p.number));
    if in_order < MIN_POSTS
        || starts == 0
        || !(marked >= MIN_POSTS || bare >= MIN_POSTS || reaches_total)
    {
        return None;
    }
    let mut out = LineWriter::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        match posts[i].as_ref().map(|p| p.rest) {
            Some(rest) if rest.trim().is_empty() => out.line("", i + 1),
            Some(rest) => {
                out.line("", i + 1);
                write_post_line(&without_hashtags(rest), i + 1, &mut out);
            }
            None => write_post_line(&without_hashtags(line), i + 1, &mut out),
        }
    }
    Some(out.finish(text.ends_with('\n')))
}

/// Writes a line of a post; one that opens a story (`Story 1: Black
/// Friday 2022. I was area manager...`, `Story 2 — customer care. Mrs
/// Ellis...`) becomes a heading with the story's name, then its text.
fn write_post_line(line: &str, source: usize, out: &mut LineWriter) {
    let opening = labels::story_prefix(line)
        .filter(|p| p.number.is_some())
        .and_then(|p| {
            let rest = p
                .rest
                .trim_start_matches([':', '-', '\u{2013}', '\u{2014}', ' ']);
            let end = labels::first_sentence_end(rest)?;
            let title = rest[..end].trim().trim_end_matches('.');
            let text = rest[end + 1..].trim();
            let words = title.split_whitespace().count();
            ((1..=8).contains(&words) && !text.is_empty()).then_some((title, text))
        });
    match opening {
        Some((title, text)) => {
            out.line(&format!("## {title}"), source);
            out.line("", source);
            out.line(text, source);
        }
        None => out.line(line, source),
    }
}

/// A post number opening a line, and the post's text after it.
struct Post<'a> {
    number: usize,
    /// `2/13` has one, `2/` none.
    total: Option<usize>,
    /// `🧵 2/13`: the thread mark before it.
    marked: bool,
    rest: &'a str,
}

/// The post number opening a line (`🧵 2/13`, `2/13`, `2/`, `(2/9)`; the
/// number no more than the total), `None` for a line without one.
fn post(line: &str) -> Option<Post<'_>> {
    let t = line.trim_start();
    let marked = t.starts_with('\u{1f9f5}');
    let t = t.strip_prefix('\u{1f9f5}').map_or(t, str::trim_start);
    let t = t.strip_prefix('(').unwrap_or(t);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let number: usize = t[..digits].parse().ok()?;
    let rest = t[digits..].strip_prefix('/')?;
    let total_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let total = match total_digits {
        0 => None,
        _ => Some(rest[..total_digits].parse::<usize>().ok()?).filter(|&t| t >= number),
    };
    if total_digits > 0 && total.is_none() {
        return None;
    }
    let rest = &rest[total_digits..];
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    (rest.is_empty() || rest.starts_with(' ')).then_some(Post {
        number,
        total,
        marked,
        rest: rest.trim_start(),
    })
}

/// A line without the hashtags that end it: `... on insurance. #leadership
/// #BlackFriday` -> `... on insurance.`
fn without_hashtags(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let keep = words
        .iter()
        .rposition(|w| !(w.starts_with('#') && w.len() > 1 && !w[1..].starts_with('#')))
        .map_or(0, |p| p + 1);
    if keep == words.len() || keep == 0 {
        return line.to_string();
    }
    words[..keep].join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_numbers_and_trailing_hashtags_go() {
        let text = "Drafts\n\n\u{1f9f5} 1/4\nStory 1: the flood. A pipe burst. #retail\n\n\u{1f9f5} 2/4\nI moved the stock.\n\n3/ Result: we opened on time. #ops #wins\n\n(4/4) Thanks for reading\n";
        let (out, lines) = rewrite(text).unwrap();
        assert_eq!(
            out,
            "Drafts\n\n\n## the flood\n\nA pipe burst.\n\n\nI moved the stock.\n\n\nResult: we opened on time.\n\n\nThanks for reading\n"
        );
        assert_eq!(lines.len(), out.matches('\n').count());
    }

    #[test]
    fn january_dates_are_not_a_thread() {
        assert!(rewrite("1/3 Met Sam\n1/4 Fixed build #123\n1/5 Demo\n1/6 Retro\n").is_none());
        assert!(rewrite("1/5 Met Sam\n2/5 Fixed build\n3/5 Demo\n4/5 Retro\n").is_none());
    }

    #[test]
    fn dates_and_fractions_are_not_posts() {
        assert!(rewrite("12/03 meeting\n13/03 review\n14/03 demo\n15/03 retro\n").is_none());
        assert!(post("12/03/2024 standup").is_none());
    }
}
