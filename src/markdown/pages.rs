//! Text saved from a paginated document (a Word file saved as plain text,
//! `pdftotext` output) carries its page furniture: a form feed at each page
//! break, a running header repeated at the top of every page and a footer
//! such as `Page 3 of 7`. Left in, they land in the middle of a story's
//! Action. This pass drops them, so a story broken across two pages reads
//! as one.

use super::{LineWriter, Rewritten};

/// Running headers and footers are short; a long line repeated at page
/// tops is content (a table header, say) and is kept.
const MAX_FURNITURE_CHARS: usize = 120;

/// The document without its page furniture, and for each line the 1-based
/// source line it came from. `None` when it has none (the usual case).
///
/// Furniture is a page-number line (`Page 3 of 7`, `Page 3`, `- 3 -`, only
/// when the document has form feeds or two such lines), and, in a
/// document with form feeds, a line that opens two or more pages (the
/// running header), wherever else it appears.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let lines: Vec<&str> = text.split('\n').collect();
    let feeds = text.contains('\u{c}');
    let numbered = lines.iter().filter(|l| is_page_number(l)).count();
    if !feeds && numbered < 2 {
        return None;
    }
    // The first non-blank line of each page (the document's first line
    // opens page one).
    let mut page_tops: Vec<String> = Vec::new();
    let mut at_top = true;
    for line in &lines {
        let (fed, rest) = after_feeds(line);
        at_top |= fed;
        let key = rest.trim();
        if at_top && !key.is_empty() {
            page_tops.push(key.to_owned());
            at_top = false;
        }
    }
    let mut headers: Vec<&str> = Vec::new();
    if feeds {
        for top in &page_tops {
            let repeated = page_tops.iter().filter(|t| *t == top).count() >= 2;
            if repeated
                && top.chars().count() <= MAX_FURNITURE_CHARS
                && !headers.contains(&top.as_str())
            {
                headers.push(top);
            }
        }
    }
    let mut out = LineWriter::with_capacity(text.len());
    let mut changed = false;
    for (i, line) in lines.iter().enumerate() {
        let (fed, rest) = after_feeds(line);
        let furniture = is_page_number(rest) || headers.contains(&rest.trim());
        if furniture {
            changed = true;
            continue;
        }
        changed |= fed || rest.contains('\u{c}');
        out.line(&rest.replace('\u{c}', ""), i + 1);
    }
    changed.then(|| out.finish(false))
}

/// Whether the line opened with form feeds, and the line without them.
fn after_feeds(line: &str) -> (bool, &str) {
    let rest = line.trim_start_matches('\u{c}');
    (rest.len() != line.len(), rest)
}

/// `Page 3 of 7`, `Page 3`, `page 3/7`, `- 3 -`: a line that only numbers
/// its page.
fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 24 {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let worded = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix("pg."))
        .or_else(|| lower.strip_prefix("p."));
    let numbers = match worded {
        Some(r) if r.starts_with([' ', '\t']) => r.trim(),
        Some(_) => return false,
        None => match lower.strip_prefix('-').and_then(|r| r.strip_suffix('-')) {
            Some(inner) => inner.trim(),
            None => return false,
        },
    };
    let pieces: Vec<&str> = numbers
        .split(|c: char| c == '/' || c.is_whitespace())
        .filter(|p| !p.is_empty() && *p != "of")
        .collect();
    let most = if worded.is_some() { 2 } else { 1 };
    (1..=most).contains(&pieces.len()) && pieces.iter().all(|p| all_digits(p))
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(text: &str) -> Vec<String> {
        let (out, _) = rewrite(text).expect("rewritten");
        out.split('\n').map(str::to_owned).collect()
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let text = "Acme - prep notes\r\n\r\nAction text starts\r\n\r\n\t\tPage 1 of 2\r\n\u{c}Acme - prep notes\r\n\r\nResult text\r\n";
        let out = lines_of(text);
        assert!(!out.iter().any(|l| l.contains("Page 1")), "{out:?}");
        assert!(!out.iter().any(|l| l.contains("Acme")), "{out:?}");
        assert!(out.iter().any(|l| l.contains("Action text starts")));
        assert!(out.iter().any(|l| l.contains("Result text")));
    }

    #[test]
    fn source_lines_survive_the_dropped_furniture() {
        let text = "Head\nA\nPage 1 of 2\n\u{c}Head\nB\nPage 2 of 2";
        let (out, map) = rewrite(text).expect("rewritten");
        let b = out.split('\n').position(|l| l == "B").expect("B kept");
        assert_eq!(map[b], 5);
    }

    #[test]
    fn a_document_without_pages_is_left_alone() {
        assert!(rewrite("# Title\n\nSituation: it was page 3 of the report\n").is_none());
        // One page number alone, no form feed: a line of prose, kept.
        assert!(rewrite("Notes\nPage 3\nmore").is_none());
    }

    #[test]
    fn page_number_lines_are_recognised() {
        for line in [
            "Page 3 of 7",
            "  page 3",
            "Page 3/7",
            "- 3 -",
            "\t\t\tPage 12 of 40\r",
        ] {
            assert!(is_page_number(line), "{line}");
        }
        for line in [
            "Page one",
            "Pages 3 of 7",
            "3 of 7 people",
            "-3 - 4 -",
            "Page 3 of 7 was wrong",
        ] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn a_repeated_long_line_at_page_tops_is_kept() {
        let long = "x ".repeat(80);
        let text = format!("{long}\nA\n\u{c}{long}\nB\n");
        let out = lines_of(&text);
        assert_eq!(out.iter().filter(|l| l.trim() == long.trim()).count(), 2);
    }
}
