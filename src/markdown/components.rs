//! Notes published with a static-site generator carry its markup: Hugo
//! shortcodes (`{{< details "Situation" >}}` ... `{{< /details >}}`),
//! kramdown attribute lines (`{: .notice--info}`), and in MDX pages
//! (Docusaurus) `import` lines, `{/* comments */}` and JSX components
//! (`<TabItem value="task" label="Task">`). Each such line is rewritten as
//! the title it carries (`Situation`, on a line of its own, where the
//! segmenter reads a label) or as a blank line.

use super::{LineWriter, Rewritten};

/// The document with its generator markup rewritten, and for each line the
/// 1-based source line it came from. `None` when it has none.
pub(crate) fn rewrite(text: &str) -> Option<Rewritten> {
    if !text.contains("\n---")
        && !text.contains("{{<")
        && !text.contains("{{%")
        && !text.contains("{:")
        && !text.contains("{/*")
        && !text.contains("</")
        && !text.contains("/>")
    {
        return None;
    }
    let lines: Vec<&str> = text.split('\n').collect();
    let blocks = front_matter_blocks(&lines);
    let mut out = LineWriter::with_capacity(text.len());
    let mut changed = false;
    let mut in_fence = false;
    let mut block = blocks.iter().peekable();
    for (i, line) in lines.iter().enumerate() {
        while block.peek().is_some_and(|b| b.1 < i) {
            block.next();
        }
        if let Some(&&(from, _, title)) = block.peek().filter(|b| b.0 <= i) {
            // A note's front matter becomes its title as a heading.
            changed = true;
            match title {
                Some(t) if i == from => out.line(&format!("# {}", front_value(lines[t])), i + 1),
                _ => out.line("", i + 1),
            }
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let replacement = if in_fence { None } else { markup_line(trimmed) };
        match replacement {
            Some(title) => {
                changed = true;
                // A title on a paragraph of its own, as a bare label is typed.
                if !title.is_empty() {
                    out.line("", i + 1);
                    out.line(&title, i + 1);
                }
                out.line("", i + 1);
            }
            None => out.line(line, i + 1),
        }
    }
    changed.then(|| out.finish(text.ends_with('\n')))
}

/// Most lines of one front matter block.
const MAX_FRONT_MATTER_LINES: usize = 40;

/// The front matter blocks of notes merged into one file (Dendron, Foam,
/// Obsidian): `---`, `key: value` lines (and their list items), `---`, as
/// (first line, last line, the `title:` line) — only when there are two or
/// more, so that a document's own front matter is left to the reader of
/// Markdown. Linear: each block is scanned once from its opening line.
fn front_matter_blocks(lines: &[&str]) -> Vec<(usize, usize, Option<usize>)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim_end() != "---" || !lines.get(i + 1).is_some_and(|l| is_key_line(l)) {
            i += 1;
            continue;
        }
        let mut title = None;
        let mut end = None;
        for (k, line) in lines
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(MAX_FRONT_MATTER_LINES)
        {
            let trimmed = line.trim_end();
            if trimmed == "---" {
                end = Some(k);
                break;
            }
            let continued = line.starts_with([' ', '\t']) || trimmed.starts_with("- ");
            if !is_key_line(line) && !continued {
                break;
            }
            if title.is_none() && trimmed.starts_with("title:") {
                title = Some(k);
            }
        }
        match end {
            Some(end) => {
                blocks.push((i, end, title));
                i = end + 1;
            }
            None => i += 1,
        }
    }
    if blocks.len() < 2 {
        blocks.clear();
    }
    blocks
}

/// `key: value` as front matter writes it: a lowercase key of letters,
/// digits, `_` or `-`, then a colon.
fn is_key_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, _)| {
        !key.is_empty()
            && key.starts_with(|c: char| c.is_ascii_lowercase())
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    })
}

/// The value of a `key: value` line, unquoted.
fn front_value(line: &str) -> &str {
    crate::corpus::unquote(line.split_once(':').map_or("", |(_, v)| v))
}

/// What a line of generator markup becomes: `Some(title)` (empty for
/// none) when the whole line is markup, `None` when it is text.
fn markup_line(line: &str) -> Option<String> {
    if let Some(inner) = shortcode(line) {
        let inner = inner.trim();
        if inner.starts_with('/') {
            return Some(String::new());
        }
        return Some(title_argument(inner).unwrap_or_default());
    }
    // Kramdown's inline attribute list: `{: .notice--info}`, `{:.lead}`.
    if line.starts_with("{:") && line.ends_with('}') && !line[1..].contains('{') {
        return Some(String::new());
    }
    // MDX comment.
    if line.starts_with("{/*") && line.ends_with("*/}") {
        return Some(String::new());
    }
    // MDX `import Tabs from '@theme/Tabs';`
    if let Some(rest) = line.strip_prefix("import ") {
        let quoted = rest
            .trim_end_matches(';')
            .rsplit_once(" from ")
            .is_some_and(|(_, from)| {
                let from = from.trim();
                from.len() >= 2
                    && (from.starts_with('\'') && from.ends_with('\'')
                        || from.starts_with('"') && from.ends_with('"'))
            });
        if quoted {
            return Some(String::new());
        }
    }
    component_tag(line).map(|tag| title_argument(tag).unwrap_or_default())
}

/// The inside of a Hugo shortcode filling the line: `{{< x >}}`, `{{% x %}}`.
fn shortcode(line: &str) -> Option<&str> {
    line.strip_prefix("{{<")
        .and_then(|r| r.strip_suffix(">}}"))
        .or_else(|| line.strip_prefix("{{%").and_then(|r| r.strip_suffix("%}}")))
        .filter(|inner| !inner.contains("}}"))
}

/// A JSX component filling the line, as an MDX page writes it: `<Tabs>`,
/// `</TabItem>`, `<TabItem value="a" label="Action" default>`, `<Meta
/// x={1} />`. Components are capitalised, which tells them from HTML tags.
/// Returns what is inside the angle brackets.
fn component_tag(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('<')?.strip_suffix('>')?;
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let first = name.chars().next()?;
    if !first.is_ascii_uppercase() || inner.contains('<') {
        return None;
    }
    let name_end = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .unwrap_or(name.len());
    let after = &name[name_end..];
    let tag_shaped = after.is_empty() || after.starts_with(char::is_whitespace) || after == "/";
    tag_shaped.then_some(inner)
}

/// The title a shortcode or component carries: a `label=`, `title=` or
/// `summary=` attribute, else a shortcode's first quoted argument.
fn title_argument(inner: &str) -> Option<String> {
    let attribute =
        |key: &str| find_attribute(inner, key).and_then(|at| quoted(&inner[at + key.len()..]));
    for key in ["label=", "title=", "summary="] {
        if let Some(value) = attribute(key) {
            // `<TabItem value="situation" label="S">`: the value spells out
            // a one-letter label, which alone on a line reads as prose.
            let letter = value.chars().filter(|c| c.is_alphanumeric()).count() == 1;
            let spelled = attribute("value=").filter(|v| {
                v.len() > 1
                    && v.chars().all(char::is_alphabetic)
                    && v[..1].eq_ignore_ascii_case(&value[..1])
            });
            return Some(match spelled {
                Some(word) if letter => word.to_owned(),
                _ => value.to_owned(),
            });
        }
    }
    // A component's other attributes (`value="task"`) are not titles.
    if inner.contains('=') {
        return None;
    }
    let at = inner.find(['"', '\''])?;
    quoted(&inner[at..]).map(str::to_owned)
}

/// Byte offset of `key` starting an attribute (after whitespace).
fn find_attribute(inner: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = inner[from..].find(key) {
        let at = from + found;
        if inner[..at].ends_with(char::is_whitespace) {
            return Some(at);
        }
        from = at + key.len();
    }
    None
}

/// The text of a quoted value at the start of `text`.
fn quoted(text: &str) -> Option<&str> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = &text[1..];
    let end = rest.find(quote)?;
    Some(rest[..end].trim()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(text: &str) -> Vec<String> {
        let (out, _) = rewrite(text).expect("rewritten");
        out.split('\n')
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn hugo_details_shortcodes_become_their_titles() {
        let text = "{{< details \"Situation\" >}}\nThe roof leaked.\n{{< /details >}}\n{: .notice--info}\n";
        assert_eq!(rewritten(text), ["Situation", "The roof leaked."]);
    }

    #[test]
    fn mdx_tabs_become_their_labels() {
        let text = "import Tabs from '@theme/Tabs';\n{/* todo */}\n<Tabs>\n  <TabItem value=\"task\" label=\"Task\" default>\n\nI owned it.\n\n  </TabItem>\n</Tabs>\n<Meta themes={['a']} />\n";
        assert_eq!(rewritten(text), ["Task", "I owned it."]);
        let letter = "<TabItem value=\"situation\" label=\"S\">\n\nIt rained.\n\n</TabItem>\n";
        assert_eq!(rewritten(letter), ["situation", "It rained."]);
    }

    #[test]
    fn prose_and_html_are_left_alone() {
        assert!(rewrite("I had to import the data from a vendor.\n<b>Result</b>\n").is_none());
        let text = "<details>\n<summary>S</summary>\n\n```\n{{< /x >}}\n```\n";
        assert!(rewrite(text).is_none());
    }

    #[test]
    fn merged_notes_are_titled_by_their_front_matter() {
        let text = "---\nid: a1\ntitle: 'First story'\ntags:\n  - x\n---\n\n## Situation\nIt rained.\n\n---\nid: b2\ntitle: Second story\n---\nMore.\n";
        let out = rewritten(text);
        assert_eq!(
            out,
            [
                "# First story",
                "## Situation",
                "It rained.",
                "# Second story",
                "More."
            ]
        );
        // One block is the document's own front matter: left alone.
        assert!(rewrite("---\ntitle: Notes\n---\ntext\n").is_none());
    }

    #[test]
    fn line_numbers_point_at_the_source() {
        let (out, map) = rewrite("a\n{{< details \"Task\" >}}\nb\n").expect("rewritten");
        let task = out
            .split('\n')
            .position(|l| l == "Task")
            .expect("title kept");
        assert_eq!(map[task], 2);
        let b = out.split('\n').position(|l| l == "b").expect("text kept");
        assert_eq!(map[b], 3);
    }
}
