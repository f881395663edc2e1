//! Flashcards exported from Anki ("Notes in Plain Text"): a few `#key:value`
//! header lines (`#separator:tab`, `#html:true`, `#tags column:6`), then one
//! card per line, its fields separated by the separator, each field HTML
//! when `#html:true`. A card kept for interview practice has the story's
//! title and question on its front and the STAR answer on its back, so
//! each card is rewritten as a Markdown story: `## title`, `Questions:`,
//! the answer, `Tags:`.

use super::{LineWriter, Rewritten};

/// The header lines Anki writes; one of them must open the file.
const HEADER_KEYS: &[&str] = &[
    "separator",
    "html",
    "guid column",
    "notetype column",
    "deck column",
    "tags column",
    "notetype",
    "deck",
    "tags",
    "columns",
];

/// The cards of an Anki export rewritten as Markdown stories, and each
/// line's 1-based source line; `None` for any other document.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    let mut separator = None;
    let mut html = false;
    let mut special: Vec<usize> = Vec::new();
    let mut tags_column = None;
    let mut body_start = 0;
    let mut headers = 0;
    for line in text.split('\n') {
        let Some((key, value)) = line.strip_prefix('#').and_then(|l| l.split_once(':')) else {
            break;
        };
        let key = key.trim().to_ascii_lowercase();
        if !HEADER_KEYS.contains(&key.as_str()) {
            break;
        }
        headers += 1;
        body_start += line.len() + 1;
        let value = value.trim();
        match key.as_str() {
            "separator" => {
                separator = Some(match value.to_ascii_lowercase().as_str() {
                    "tab" => b'\t',
                    "comma" => b',',
                    "semicolon" => b';',
                    "pipe" => b'|',
                    "space" => b' ',
                    other => *other.as_bytes().first()?,
                })
            }
            "html" => html = value.eq_ignore_ascii_case("true"),
            _ if key.ends_with(" column") => {
                let column: usize = value.parse().ok()?;
                let index = column.checked_sub(1)?;
                special.push(index);
                if key == "tags column" {
                    tags_column = Some(index);
                }
            }
            _ => {}
        }
    }
    let separator = separator.filter(|_| headers >= 1)?;
    let body = text.get(body_start.min(text.len())..)?;
    let first_line = text[..body_start.min(text.len())].matches('\n').count() + 1;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let mut out = LineWriter::with_capacity(text.len() * 2);
    let mut record = csv::StringRecord::new();
    let mut cards = 0;
    loop {
        let line = first_line + reader.position().line().saturating_sub(1) as usize;
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) | Err(_) => break,
        }
        let fields: Vec<&str> = record
            .iter()
            .enumerate()
            .filter(|(k, _)| !special.contains(k))
            .map(|(_, f)| f)
            .collect();
        let Some((front, back)) = fields.split_first() else {
            continue;
        };
        let text_of = |field: &str| {
            if html {
                from_html(field)
            } else {
                field.to_owned()
            }
        };
        let front = text_of(front);
        let mut front_lines = front.lines().map(str::trim).filter(|l| !l.is_empty());
        let Some(title) = front_lines.next() else {
            continue;
        };
        // `<b>The late invoice</b>`: the heading needs no bold.
        let title = title.trim_matches(|c| c == '*' || c == '_').trim();
        cards += 1;
        out.line(&format!("## {title}"), line);
        out.line("", line);
        let questions: Vec<&str> = front_lines.collect();
        if !questions.is_empty() {
            out.line(&format!("Questions: {}", questions.join("; ")), line);
            out.line("", line);
        }
        for field in back {
            for text in text_of(field).lines() {
                out.line(text, line);
            }
            out.line("", line);
        }
        let tags = tags_column
            .and_then(|c| record.get(c))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(", "))
            .filter(|t| !t.is_empty());
        if let Some(tags) = tags {
            out.line(&format!("Tags: {tags}"), line);
            out.line("", line);
        }
    }
    (cards > 0).then(|| out.finish(false))
}

/// A card field's HTML as Markdown lines: `<br>` and `<div>` break lines,
/// `<b>` is bold, `<i>` italic, entities are decoded, other tags dropped.
fn from_html(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut rest = field;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match name {
            "br" | "div" | "p" | "li" | "tr" => out.push('\n'),
            "b" | "strong" => out.push_str("**"),
            "i" | "em" => out.push('*'),
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    super::html_lines::decode_entities(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_becomes_a_story_with_its_question_and_tags() {
        let text = "#separator:tab\n#html:true\n#guid column:1\n#tags column:4\nid1\t<b>The late invoice</b><br>Tell me about a time you fixed a process.\t<b>S:</b> Invoices went out late.<br><br><b>R:</b> They go out on time.\tprocess finance\n";
        let (out, map) = rewrite(text).expect("an Anki export");
        assert!(out.contains("## The late invoice"), "{out}");
        assert!(
            out.contains("Questions: Tell me about a time you fixed a process."),
            "{out}"
        );
        assert!(out.contains("**S:** Invoices went out late."), "{out}");
        assert!(out.contains("Tags: process, finance"), "{out}");
        assert!(map.iter().all(|&l| l == 5), "{map:?}");
    }

    #[test]
    fn other_documents_are_left_alone() {
        assert!(rewrite("# Notes\n\nS: a\tb\n").is_none());
        assert!(rewrite("#tags\n").is_none());
    }
}
